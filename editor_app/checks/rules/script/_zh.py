"""Character classes and a per-Resources cache shared by the script,
punctuation and wording rules.

Pure helpers: no rule lives here (the registry imports ``_`` modules but does
not need ``RULES`` from them).
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

# CJK Unified Ideographs: Extension A, the URO, compatibility ideographs,
# Extensions B-H and the compatibility supplement. Radicals (2E80-2FDF) and
# strokes are not ideographs and are left out on purpose.
HAN_RANGES: tuple[tuple[int, int], ...] = (
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x2A6DF),
    (0x2A700, 0x2EBEF),
    (0x2EBF0, 0x2EE5F),
    (0x2F800, 0x2FA1F),
    (0x30000, 0x3134F),
    (0x31350, 0x323AF),
)


def _ranges_class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(f"{chr(a)}-{chr(b)}" for a, b in ranges)


HAN = _ranges_class(HAN_RANGES)  # for use inside [...]
HAN_RE = re.compile(f"[{HAN}]")
HAN_RUN_RE = re.compile(f"[{HAN}]+")

# Chinese (full-width) punctuation that marks a Chinese context. Quotes are
# listed apart because an English quotation may sit inside Chinese quotes.
ZH_OPEN_QUOTES = "“‘"
ZH_CLOSE_QUOTES = "”’"
ZH_PUNCT_CORE = "。，、；：？！（）《》〈〉【】「」『』〔〕…—·～"
ZH_PUNCT = ZH_PUNCT_CORE + ZH_OPEN_QUOTES + ZH_CLOSE_QUOTES

# Hiragana and katakana (without the katakana middle dot U+30FB and the
# prolonged sound mark U+30FC, which also occur in Chinese text by mistake).
KANA_RE = re.compile("[\u3041-\u3096\u30a1-\u30fa\u31f0-\u31ff]")


def is_han(ch: str) -> bool:
    return bool(ch) and HAN_RE.match(ch) is not None


def complement_class(ranges: tuple[tuple[int, int], ...], exclude: set[str]) -> str:
    """A regex class body for the code points in ``ranges`` minus ``exclude``,
    compressed into ranges (a few thousand items: ``re`` compiles it once)."""
    excl = sorted(ord(c) for c in exclude)
    parts: list[str] = []
    for lo, hi in ranges:
        start = lo
        for cp in excl:
            if cp < lo or cp > hi:
                continue
            if cp > start:
                parts.append(_span(start, cp - 1))
            start = cp + 1
        if start <= hi:
            parts.append(_span(start, hi))
    return "".join(parts)


def _span(a: int, b: int) -> str:
    if a == b:
        return re.escape(chr(a))
    return f"{re.escape(chr(a))}-{re.escape(chr(b))}"


# -- per-Resources cache -------------------------------------------------------
# Rules derive structures (sets, compiled regexes) from the word lists once per
# Resources object. Resources is owned by the caller; a weak map keeps us from
# holding it alive.
_T = TypeVar("_T")
_CACHE: weakref.WeakKeyDictionary[Any, dict[str, Any]] = weakref.WeakKeyDictionary()


def cached(resources: Any, key: str, build: Callable[[Any], _T]) -> _T:
    try:
        slot = _CACHE.get(resources)
    except TypeError:  # not weak-referenceable: build every time
        return build(resources)
    if slot is None:
        slot = {}
        _CACHE[resources] = slot
    if key not in slot:
        slot[key] = build(resources)
    return slot[key]


# -- word tables ---------------------------------------------------------------
def _load_pairs(resources: Any, name: str) -> dict[str, str]:
    return {row[0]: row[1] for row in resources.table(name) if len(row) >= 2}


def word_starts(resources: Any) -> dict[str, str]:
    """First character -> characters that can follow it at the start of a word
    (``resources/checks/wording_word_starts.tsv``, derived from a dictionary)."""
    return cached(resources, "zh.word_starts", lambda r: _load_pairs(r, "wording_word_starts"))


def word_ends(resources: Any) -> dict[str, str]:
    """Character -> characters that can precede it at the end of a word, for the
    characters of ``wording_duplicated_free.txt`` only."""
    return cached(resources, "zh.word_ends", lambda r: _load_pairs(r, "wording_word_ends"))


def starts_word(starts: dict[str, str], a: str, b: str) -> bool:
    """Can ``a`` + ``b`` begin a word of two or more characters?"""
    return bool(b) and b in starts.get(a, "")
