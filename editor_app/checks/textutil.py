"""Text helpers shared by rules: bracket masking, sentence bounds, width folding.

Everything here is position-preserving: a masked text has the same length as
the text, so offsets found in one are offsets in the other.
"""

from __future__ import annotations

import functools
import re

HAN = "\u3400-\u4dbf\u4e00-\u9fff"
HAN_RE = re.compile(f"[{HAN}]")

PAIRS = {
    "（": "）",
    "(": ")",
    "“": "”",
    "‘": "’",
    "《": "》",
    "【": "】",
    "「": "」",
    "『": "』",
    "〈": "〉",
    "〔": "〕",
}
CLOSERS = {v: k for k, v in PAIRS.items()}
QUOTE_OPENERS = "“‘「『"
FILL = "\ue000"  # private-use filler: neither Han, nor digit, nor punctuation

_BRACKET_RE = re.compile("[" + re.escape("".join(PAIRS) + "".join(CLOSERS)) + "\n]")

# clause and sentence boundaries
SENT_END = "。！？!?\n"
CLAUSE_END = "，,；;：:。！？!?\n"
_SENT_END_RE = re.compile("[。！？!?\n]")


@functools.lru_cache(maxsize=64)
def bracket_spans(text: str) -> tuple[tuple[int, int, str], ...]:
    """Top-level paired spans ``(open_pos, close_pos, opener)`` within one paragraph.

    An opener without its closer in the same paragraph is ignored (a quotation
    spanning paragraphs opens at each paragraph and closes once at the end).
    """
    spans: list[tuple[int, int, str]] = []
    stack: list[tuple[str, int]] = []
    for m in _BRACKET_RE.finditer(text):
        ch = m.group()
        pos = m.start()
        if ch == "\n":
            stack.clear()
            continue
        if ch in PAIRS:
            stack.append((ch, pos))
            continue
        opener = CLOSERS[ch]
        for i in range(len(stack) - 1, -1, -1):
            if stack[i][0] == opener:
                open_pos = stack[i][1]
                del stack[i:]
                if not stack:
                    spans.append((open_pos, pos, opener))
                break
    spans.sort()
    return tuple(spans)


@functools.lru_cache(maxsize=64)
def masked(text: str) -> str:
    """``text`` with the inside of every top-level bracket/quote pair replaced by FILL."""
    spans = bracket_spans(text)
    if not spans:
        return text
    parts: list[str] = []
    last = 0
    for o, c, _ in spans:
        parts.append(text[last : o + 1])
        parts.append(FILL * (c - o - 1))
        last = c
    parts.append(text[last:])
    return "".join(parts)


def inside_span(
    spans: tuple[tuple[int, int, str], ...], pos: int, openers: str | None = None
) -> tuple[int, int, str] | None:
    """The top-level span whose inside contains ``pos`` (optionally of the given openers)."""
    lo, hi = 0, len(spans)
    while lo < hi:  # spans are sorted and disjoint
        mid = (lo + hi) // 2
        if spans[mid][1] < pos:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(spans):
        o, c, op = spans[lo]
        if o < pos < c and (openers is None or op in openers):
            return spans[lo]
    return None


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """``[start, end)`` of the sentence holding ``pos`` (end includes the stop mark)."""
    start = max(text.rfind(ch, 0, pos) for ch in SENT_END) + 1
    m = _SENT_END_RE.search(text, pos)
    end = m.end() if m else len(text)
    return start, end


def paragraph_bounds(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, (len(text) if end < 0 else end)


def line_starts(text: str) -> list[int]:
    out = [0]
    i = text.find("\n")
    while i >= 0:
        out.append(i + 1)
        i = text.find("\n", i + 1)
    return out


_FW_TABLE = {i: i - 0xFEE0 for i in range(0xFF01, 0xFF5F)}
_FW_TABLE[0x3000] = 0x20


def to_halfwidth(s: str) -> str:
    """Full-width ASCII (！ to ～) and the ideographic space folded to ASCII."""
    return s.translate(_FW_TABLE)


_WS_RE = re.compile(r"\s+")


def strip_ws(s: str) -> str:
    return _WS_RE.sub("", s)
