"""The house lexicon and earlier posts as the rules see them (plain data).

``LibraryFacts.lexicon`` holds :class:`LexiconItem` objects (people and the
post the house prints for them, organisation names, standard formulations
and their wrong variants); ``LibraryFacts.posts`` holds :class:`PostFact`
objects, the posts printed for people in the most recent earlier issue that
names them. Both are built by ``services`` from the store.

:func:`protected_spans` gives the spans of a text that rules which convert or
"fix" characters must leave alone: names and organisation names of the
lexicon (and their listed variants, which are spellings the house keeps).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class LexiconItem:
    kind: str  # person | organisation | formulation
    term: str
    post: str = ""  # person: the post the house prints for them
    variants: tuple[str, ...] = ()  # formulation / organisation: wrong variants


@dataclass(frozen=True)
class PostFact:
    """A post printed for a person in an earlier issue of the library."""

    name: str
    post: str  # as printed: 嘉兴市副市长
    org: str  # 嘉兴市
    head: str  # 副市长
    issue_id: int
    label: str  # 2024年第9期


def names(lexicon) -> tuple[str, ...]:
    """Names of people and organisations in the lexicon, longest first."""
    out = {i.term for i in lexicon if i.kind in ("person", "organisation") and i.term}
    return tuple(sorted(out, key=len, reverse=True))


_RX_CACHE: dict[tuple[str, ...], re.Pattern | None] = {}


def protected_spans(text: str, lexicon) -> list[tuple[int, int]]:
    """Spans of ``text`` holding a name of the lexicon (people, organisations)."""
    words = names(lexicon)
    if not words:
        return []
    rx = _RX_CACHE.get(words)
    if rx is None:
        if len(_RX_CACHE) > 8:
            _RX_CACHE.clear()
        rx = re.compile("|".join(map(re.escape, words)))
        _RX_CACHE[words] = rx
    return [(m.start(), m.end()) for m in rx.finditer(text)]


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)
