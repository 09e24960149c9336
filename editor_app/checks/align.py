"""Positions in an edited text -> positions in the text as imported.

Findings carry ``source_start/source_end`` (offsets in the issue's source). For
an article whose text was edited since import, a position in the current text
is first mapped to the import text, then through the segment's OffsetMap.

The alignment, cheapest first:

1. the common prefix and the common suffix of the two texts (one local edit
   leaves everything else mapped, in O(n));
2. the differing middle, paragraph by paragraph with :class:`difflib.SequenceMatcher`
   over lines (scattered edits);
3. inside a pair of changed paragraphs of at most ``MAX_CHAR_ALIGN`` characters,
   character by character with ``SequenceMatcher(autojunk=False)``.

A position that falls in inserted or rewritten text has no original position:
:meth:`TextAlignment.span_to_original` returns ``None`` and the finding keeps
``source_start = source_end = None``. A span is mapped only when all its
characters lie in one unchanged block, so a mapped source span always holds
exactly the characters of the finding's excerpt.
"""

from __future__ import annotations

import bisect
from difflib import SequenceMatcher

MAX_CHAR_ALIGN = 3000


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    if a[:n] == b[:n]:
        return n
    lo, hi = 0, n  # binary search on slice equality: C-speed comparisons
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str, limit: int) -> int:
    n = min(len(a), len(b), limit)
    lo, hi = 0, n
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid :] == b[len(b) - mid :]:
            lo = mid
        else:
            hi = mid - 1
    return lo


class TextAlignment:
    """Equal blocks ``(current_start, original_start, length)`` between two texts."""

    def __init__(self, current: str, original: str) -> None:
        self.current = current
        self.original = original
        self.blocks: list[tuple[int, int, int]] = []
        if current == original:
            self.blocks = [(0, 0, len(current))]
        else:
            self._align()
        self._starts = [b[0] for b in self.blocks]

    def _align(self) -> None:
        cur, org = self.current, self.original
        p = _common_prefix(cur, org)
        s = _common_suffix(cur, org, min(len(cur), len(org)) - p)
        blocks: list[tuple[int, int, int]] = []
        if p:
            blocks.append((0, 0, p))
        cm, om = cur[p : len(cur) - s], org[p : len(org) - s]
        if cm and om:
            blocks.extend(self._align_middle(cm, om, p, p))
        if s:
            blocks.append((len(cur) - s, len(org) - s, s))
        self.blocks = [b for b in blocks if b[2] > 0]

    @staticmethod
    def _align_middle(cm: str, om: str, c0: int, o0: int) -> list[tuple[int, int, int]]:
        clines = cm.splitlines(keepends=True)
        olines = om.splitlines(keepends=True)
        cpos = [0]
        for ln in clines:
            cpos.append(cpos[-1] + len(ln))
        opos = [0]
        for ln in olines:
            opos.append(opos[-1] + len(ln))
        out: list[tuple[int, int, int]] = []
        sm = SequenceMatcher(None, clines, olines, autojunk=False)
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            if tag == "equal":
                out.append((c0 + cpos[i1], o0 + opos[j1], cpos[i2] - cpos[i1]))
            elif tag == "replace" and (i2 - i1) == (j2 - j1):
                for k in range(i2 - i1):
                    a, b = clines[i1 + k], olines[j1 + k]
                    if len(a) > MAX_CHAR_ALIGN or len(b) > MAX_CHAR_ALIGN:
                        continue
                    cm2 = SequenceMatcher(None, a, b, autojunk=False)
                    for blk in cm2.get_matching_blocks():
                        if blk.size:
                            out.append(
                                (c0 + cpos[i1 + k] + blk.a, o0 + opos[j1 + k] + blk.b, blk.size)
                            )
        return out

    def to_original(self, pos: int) -> int | None:
        """Original position of the character at ``pos``; None if it was edited."""
        i = bisect.bisect_right(self._starts, pos) - 1
        if i < 0:
            return None
        c, o, n = self.blocks[i]
        if pos < c + n:
            return o + (pos - c)
        return None

    def span_to_original(self, start: int, end: int) -> tuple[int, int] | None:
        """Original span of ``[start, end)`` if it lies in one unchanged block."""
        if end <= start:
            i = bisect.bisect_right(self._starts, start) - 1
            if i >= 0:
                c, o, n = self.blocks[i]
                if start <= c + n:
                    return o + (start - c), o + (start - c)
            return None
        i = bisect.bisect_right(self._starts, start) - 1
        if i < 0:
            return None
        c, o, n = self.blocks[i]
        if start >= c and end <= c + n:
            return o + (start - c), o + (end - c)
        return None
