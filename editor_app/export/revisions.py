"""The difference between an older text and the current one, as tracked-change pieces.

Pure Python, no XML: the writer turns these pieces into ``w:ins`` / ``w:del``.

Paragraphs (lines) are aligned first; a changed paragraph is then compared in
word-ish tokens (a run of Latin letters or digits is one token, every other
character is its own), and an unchanged island of a single character between
two changes is folded into the change, so that the reviewer sees
``[-甲乙丙-][+丁乙戊+]`` rather than three one-character edits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from difflib import SequenceMatcher

# (tag, text): tag is "eq", "ins" or "del"
Piece = tuple[str, str]

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:\.[0-9]+)?%?|\s+|.", re.S)


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


@dataclass
class ParaChange:
    """One paragraph of the tracked document.

    ``line`` is the index of the current line it shows, or ``None`` for a
    paragraph that exists only in the older text (deleted, mark included).
    ``inserted`` marks a paragraph that is new as a whole (mark included).
    ``pieces`` concatenate to the current line (eq + ins) and to the older
    line (eq + del).
    """

    line: int | None
    pieces: list[Piece] = field(default_factory=list)
    inserted: bool = False
    step: int | None = None  # attributed changes: the revision of the paragraph mark

    @property
    def deleted(self) -> bool:
        return self.line is None


def diff_line(old: str, new: str) -> list[Piece]:
    """Pieces turning ``old`` into ``new``; deletions come before insertions."""
    if old == new:
        return [("eq", new)] if new else []
    a, b = tokens(old), tokens(new)
    sm = SequenceMatcher(None, a, b, autojunk=False)
    raw: list[tuple[str, str, str]] = []  # (tag, old_text, new_text)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        ot, nt = "".join(a[i1:i2]), "".join(b[j1:j2])
        raw.append(("eq" if tag == "equal" else "chg", ot, nt))
    # fold one-character equal islands between two changes into the change
    merged: list[list[str]] = []
    k = 0
    while k < len(raw):
        tag, ot, nt = raw[k]
        if (
            tag == "eq"
            and merged
            and merged[-1][0] == "chg"
            and k + 1 < len(raw)
            and raw[k + 1][0] == "chg"
            and len(ot) <= 1
        ):
            merged[-1][1] += ot
            merged[-1][2] += nt
        elif tag == "chg" and merged and merged[-1][0] == "chg":
            merged[-1][1] += ot
            merged[-1][2] += nt
        else:
            merged.append([tag, ot, nt])
        k += 1
    out: list[Piece] = []
    for tag, ot, nt in merged:
        if tag == "eq":
            out.append(("eq", nt))
            continue
        if ot:
            out.append(("del", ot))
        if nt:
            out.append(("ins", nt))
    return out


PAIR_THRESHOLD = 0.5  # bigram similarity above which two lines are one edited paragraph
MAX_ALIGN_CELLS = 250_000  # larger replaced blocks are paired by position


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} if len(text) > 1 else {text}


def similarity(a: str, b: str) -> float:
    """Dice coefficient of character bigrams: discriminative for Chinese,
    where unrelated paragraphs of one article still share most characters."""
    if a == b:
        return 1.0
    x, y = _bigrams(a), _bigrams(b)
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))


def _align_block(old: list[str], new: list[str]) -> list[tuple[int | None, int | None]]:
    """Pair the lines of a replaced block: an order-keeping alignment that
    maximises the summed similarity of pairs (only pairs above the threshold).
    Returns (old index | None, new index | None) in document order."""
    n, m = len(old), len(new)
    if n * m > MAX_ALIGN_CELLS:
        k = min(n, m)
        return [(i, i) for i in range(k)] + [(i, None) for i in range(k, n)] + [(None, j) for j in range(k, m)]
    ob = [_bigrams(t) for t in old]
    nb = [_bigrams(t) for t in new]
    sim = [[0.0] * m for _ in range(n)]
    for i in range(n):
        for j in range(m):
            if ob[i] and nb[j]:
                s = 2 * len(ob[i] & nb[j]) / (len(ob[i]) + len(nb[j]))
                if s >= PAIR_THRESHOLD:
                    sim[i][j] = s
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        row, prev = score[i], score[i - 1]
        for j in range(1, m + 1):
            best = max(prev[j], row[j - 1])
            s = sim[i - 1][j - 1]
            if s and prev[j - 1] + s > best:
                best = prev[j - 1] + s
            row[j] = best
    pairs: list[tuple[int | None, int | None]] = []
    i, j = n, m
    while i > 0 or j > 0:
        if i > 0 and j > 0 and sim[i - 1][j - 1] and score[i][j] == score[i - 1][j - 1] + sim[i - 1][j - 1]:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif j > 0 and (i == 0 or score[i][j] == score[i][j - 1]):
            pairs.append((None, j - 1))
            j -= 1
        else:
            pairs.append((i - 1, None))
            i -= 1
    pairs.reverse()
    return _pair_gaps(pairs)


def _pair_gaps(pairs: list[tuple[int | None, int | None]]) -> list[tuple[int | None, int | None]]:
    """Between two aligned pairs, leftover older and current lines are paired
    by position (a paragraph rewritten beyond recognition is still an edit of
    the one it replaces); the rest stay whole deletions / insertions."""
    out: list[tuple[int | None, int | None]] = []
    dels: list[int] = []
    ins: list[int] = []

    def flush() -> None:
        k = min(len(dels), len(ins))
        out.extend(zip(dels[:k], ins[:k], strict=True))
        out.extend((a, None) for a in dels[k:])
        out.extend((None, b) for b in ins[k:])
        dels.clear()
        ins.clear()

    for a, b in pairs:
        if a is not None and b is not None:
            flush()
            out.append((a, b))
        elif a is not None:
            dels.append(a)
        else:
            ins.append(b)
    flush()
    return out


def diff_paragraphs(old_lines: list[str], new_lines: list[str]) -> list[ParaChange]:
    """Align the paragraphs of two texts and diff the changed ones.

    Unchanged lines are matched first; inside a block of changed lines, an
    edited paragraph is paired with its older version by similarity, leftover
    lines between two such pairs are paired by position, and what is left is
    a whole deleted (older) or inserted (current) paragraph.
    """
    out: list[ParaChange] = []
    sm = SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            for j in range(j1, j2):
                out.append(ParaChange(j, [("eq", new_lines[j])] if new_lines[j] else []))
            continue
        for a, b in _align_block(old_lines[i1:i2], new_lines[j1:j2]):
            if a is not None and b is not None:
                out.append(ParaChange(j1 + b, diff_line(old_lines[i1 + a], new_lines[j1 + b])))
            elif a is not None:
                old = old_lines[i1 + a]
                out.append(ParaChange(None, [("del", old)] if old else []))
            else:
                new = new_lines[j1 + b]
                out.append(ParaChange(j1 + b, [("ins", new)] if new else [], inserted=True))
    return out


def plain_paragraphs(new_lines: list[str]) -> list[ParaChange]:
    """The same shape with no older text: every line unchanged."""
    return [ParaChange(j, [("eq", t)] if t else []) for j, t in enumerate(new_lines)]


def rebuild(changes: list[ParaChange]) -> tuple[list[str], list[str]]:
    """(older lines, current lines) from changes; a test helper and a self-check."""
    old: list[str] = []
    new: list[str] = []
    for c in changes:
        o = "".join(p[1] for p in c.pieces if p[0] != "ins")
        n = "".join(p[1] for p in c.pieces if p[0] != "del")
        if c.line is None:
            old.append(o)
        elif c.inserted:
            new.append(n)
        else:
            old.append(o)
            new.append(n)
    return old, new


# -- who made each change: the revisions between the older text and the current one ----------


@dataclass(frozen=True)
class RevisionStep:
    """One saved revision after the older text: its whole text, who saved it and when."""

    text: str
    author: str
    when: datetime


# a piece attributed to the revision that made it: (tag, text, step index or None)
AttributedPiece = tuple[str, str, int | None]


def _token_opcodes(a: str, b: str) -> list[tuple[str, int, int, int, int]]:
    """Character spans of ``a`` -> ``b`` as equal / change opcodes (word-ish tokens, the
    common head and tail cut off first: one save usually touches a small part)."""
    if a == b:
        return [("equal", 0, len(a), 0, len(b))] if a else []
    head = 0
    n = min(len(a), len(b))
    while head < n and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < n - head and a[len(a) - 1 - tail] == b[len(b) - 1 - tail]:
        tail += 1
    ta, tb = tokens(a[head:len(a) - tail]), tokens(b[head:len(b) - tail])
    pa = [head]
    for t in ta:
        pa.append(pa[-1] + len(t))
    pb = [head]
    for t in tb:
        pb.append(pb[-1] + len(t))
    out = [("equal", 0, head, 0, head)] if head else []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
        out.append(("equal" if tag == "equal" else "change", pa[i1], pa[i2], pb[j1], pb[j2]))
    if tail:
        out.append(("equal", len(a) - tail, len(a), len(b) - tail, len(b)))
    return out


def attribute(base: str, steps: list[str]) -> tuple[list[int | None], list[int | None]]:
    """Replay the revisions: for each character of ``base``, the step that deleted it
    (None: still there), and for each character of ``steps[-1]``, the step that inserted
    it (None: it comes from ``base``). A character inserted by one step and deleted by a
    later one is in neither text and leaves no trace; a later step wins."""
    atoms: list[int] = list(range(len(base)))  # >= 0: base index; < 0: -(step + 1)
    deleted_by: list[int | None] = [None] * len(base)
    prev = base
    for k, text in enumerate(steps):
        if text == prev:
            continue
        nxt: list[int] = []
        for tag, i1, i2, j1, j2 in _token_opcodes(prev, text):
            if tag == "equal":
                nxt.extend(atoms[i1:i2])
                continue
            for a in atoms[i1:i2]:
                if a >= 0:
                    deleted_by[a] = k
            nxt.extend([-(k + 1)] * (j2 - j1))
        atoms, prev = nxt, text
    inserted_by = [None if a >= 0 else -a - 1 for a in atoms]
    return deleted_by, inserted_by


def _runs(text: str, who: list[int | None], tag: str, fallback: int) -> list[AttributedPiece]:
    """Split a piece where the step that made it changes. A character the replay does
    not attribute (the final diff groups differently) takes its neighbour's step."""
    filled = list(who)
    last = None
    for i, w in enumerate(filled):
        if w is None:
            filled[i] = last
        else:
            last = w
    nxt = None
    for i in range(len(filled) - 1, -1, -1):
        if filled[i] is None:
            filled[i] = nxt
        else:
            nxt = filled[i]
    out: list[AttributedPiece] = []
    for ch, w in zip(text, filled, strict=True):
        w = fallback if w is None else w
        if out and out[-1][2] == w:
            out[-1] = (tag, out[-1][1] + ch, w)
        else:
            out.append((tag, ch, w))
    return out


def attribute_changes(changes: list[ParaChange], base: str, steps: list[str]) -> list[ParaChange]:
    """The same changes (older text ``base`` -> ``steps[-1]``), each insertion and
    deletion split by the step that made it: pieces become (tag, text, step) and
    ``ParaChange.step`` names the step of an inserted or deleted paragraph mark."""
    deleted_by, inserted_by = attribute(base, steps)
    last = len(steps) - 1
    old_pos = new_pos = 0
    out: list[ParaChange] = []
    for ch in changes:
        pieces: list = []
        o, n = old_pos, new_pos
        for tag, text, *_ in ch.pieces:
            if tag == "eq":
                pieces.append((tag, text, None))
                o += len(text)
                n += len(text)
            elif tag == "ins":
                pieces.extend(_runs(text, inserted_by[n:n + len(text)], tag, last))
                n += len(text)
            else:
                pieces.extend(_runs(text, deleted_by[o:o + len(text)], tag, last))
                o += len(text)
        # the paragraph mark: the newline that made or removed the paragraph, else its text
        step = None
        if ch.line is None:  # a deleted older line
            step = deleted_by[o] if o < len(deleted_by) else (deleted_by[old_pos - 1] if old_pos else None)
        elif ch.inserted:
            step = inserted_by[n] if n < len(inserted_by) else (inserted_by[new_pos - 1] if new_pos else None)
        if step is None and (ch.line is None or ch.inserted):
            step = next((p[2] for p in pieces if p[0] != "eq"), last)
        out.append(ParaChange(ch.line, pieces, ch.inserted, step))
        if ch.line is None or not ch.inserted:
            old_pos = o + 1
        if ch.line is not None:
            new_pos = n + 1
    return out
