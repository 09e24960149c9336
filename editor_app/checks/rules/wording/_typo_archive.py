"""The library's own archive for the typo detector: how often the newsroom has printed
a string in its other issues. Qt-free and store-free: the services give
:class:`Archive` a lookup function over the store (``store/ngrams.py``).

Why an archive. The detector's false alarms on real magazine prose are coined
official phrasing (深学细悟, 驻企, 显绩): strings a word list cannot tell from a
slip. A slip is rarely printed letter for letter in several issues; the house's
own vocabulary is. So a candidate place whose current string (the original of
the candidate's new word, 2-4 characters around the place, as
``TypoModel.original``) the library has printed at least ``ARCHIVE_MIN`` times in
its other issues is not reported.

What is counted (:func:`suspect_ngrams`). Counting every 2-4-gram of every Han
run costs ~85,000 distinct n-grams for an 80,000-character issue (about 20
million rows for 240 issues). The detectors only ever ask about strings around a
place they suspect, so an issue contributes the 2-4-grams that contain a place
where the word model or the context model (``wording.typo_context``) has a
candidate at all (score >= ``MIN_KEPT`` / ``CTX_MIN``, below any threshold):
~2,900 distinct n-grams for the reference issue (about 700,000 rows for 240
issues). Strings are kept as text (2-4 characters, 6-12 bytes: a 64-bit
hash would save nothing and could collide). A string that was not a suspect
where the archive printed it is not counted there, so the archive undercounts
and the detector reports what it would report without one (never more).

Staleness (:meth:`Archive.digest`). A check records the strings the rule looked
up (``probes``); the store keeps them with the issue. The digest of the archive
for an issue is, for each stored probe, whether the other issues print it at
least ``ARCHIVE_MIN`` times. Saving another issue changes an issue's digest (and so makes
its stored findings stale) only when one of its own looked-up strings crosses
``ARCHIVE_MIN``, i.e. only when its typo findings would really change.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from ..script._zh import HAN_RUN_RE
from ._typo_model import TypoModel

GRAM_MIN, GRAM_MAX = 2, 4
# printed this often in other issues: the house's own vocabulary. 1 would remove a few
# more false places (bench/bench_typo_archive.py) but one uncorrected slip in an old
# issue would then shelter the same slip for good.
ARCHIVE_MIN = 2


def han_ngrams(text: str, lo: int = GRAM_MIN, hi: int = GRAM_MAX) -> Counter:
    """Every ``lo``..``hi``-gram of the Han runs of ``text``, with its count (n-grams
    never cross a non-Han character)."""
    out: Counter = Counter()
    for m in HAN_RUN_RE.finditer(text):
        run = m.group()
        for n in range(lo, hi + 1):
            for a in range(len(run) - n + 1):
                out[run[a : a + n]] += 1
    return out


def spans_at(size: int, i: int, lo: int = GRAM_MIN, hi: int = GRAM_MAX) -> Iterator[tuple[int, int]]:
    """(start, length) of the ``lo``..``hi``-grams of a run of ``size`` characters that
    contain position ``i``."""
    for n in range(lo, hi + 1):
        for a in range(max(0, i - n + 1), min(i, size - n) + 1):
            yield a, n


def grams_at(run: str, i: int, lo: int = GRAM_MIN, hi: int = GRAM_MAX) -> list[str]:
    """The ``lo``..``hi``-grams of ``run`` that contain position ``i``."""
    return [run[a : a + n] for a, n in spans_at(len(run), i, lo, hi)]


def suspect_ngrams(texts: Iterable[str], model: TypoModel) -> Counter:
    """The archive counts of ``texts`` (an issue's prose): the 2-4-grams containing a
    place where the detector has a candidate (any score it keeps), with their
    counts. Uses the model's run cache, so right after a check it costs little."""
    out: Counter = Counter()
    for text in texts:
        for m in HAN_RUN_RE.finditer(text):
            run = m.group()
            if len(run) < 2:
                continue
            before = text[m.start() - 1] if m.start() else ""
            after = text[m.end() : m.end() + 1]
            places = {c.pos for c in model.run_candidates(run)}
            places.update(c.pos for c in model.context_candidates(run, before, after))
            # a string around two suspect places is one printing: a set of spans
            spans = {span for i in places for span in spans_at(len(run), i)}
            out.update(run[a : a + n] for a, n in spans)
    return out


Lookup = Callable[[list[str]], dict[str, int]]


class Archive:
    """What the other issues of the library printed, for one issue's check.

    ``lookup(grams)`` returns how often the other issues printed each of ``grams``
    (those never printed may be missing); ``issues`` is how many other issues the
    archive holds; ``stored_probes`` the strings the last check of this issue looked
    up (for :meth:`digest`). :meth:`printed` caches and records what it was asked
    (``probes``), which the services store after the check.
    """

    def __init__(self, lookup: Lookup, issues: int, stored_probes: Iterable[str] = ()) -> None:
        self._lookup = lookup
        self.issues = issues
        self.stored_probes = tuple(sorted(set(stored_probes)))
        self._cache: dict[str, int] = {}
        self.probes: set[str] = set()

    def counts(self, grams: Iterable[str]) -> dict[str, int]:
        """How often the other issues printed each of ``grams`` (one lookup for the
        ones not asked before)."""
        grams = list(dict.fromkeys(grams))
        self.probes.update(grams)
        todo = [g for g in grams if g not in self._cache]
        if todo:
            got = self._lookup(todo)
            for g in todo:
                self._cache[g] = int(got.get(g, 0))
        return {g: self._cache[g] for g in grams}

    def printed(self, gram: str) -> int:
        return self.counts([gram])[gram]

    def known(self, gram: str) -> bool:
        """Has the library printed ``gram`` at least ``ARCHIVE_MIN`` times elsewhere?"""
        return self.printed(gram) >= ARCHIVE_MIN

    def digest(self) -> str:
        """Changes exactly when the typo findings of the issue could: for each string
        its last check looked up, whether it is known (module docstring). Does not
        record probes."""
        got = self._lookup(list(self.stored_probes)) if self.stored_probes else {}
        known = [g for g in self.stored_probes if int(got.get(g, 0)) >= ARCHIVE_MIN]
        raw = "\n".join([str(len(self.stored_probes)), *known])
        return hashlib.blake2b(raw.encode("utf-8"), digest_size=16).hexdigest()

    def __repr__(self) -> str:  # LibraryFacts' repr: not the cache
        return f"Archive(issues={self.issues}, probes={len(self.stored_probes)})"


class CountsArchive(Archive):
    """An archive held in memory (a Counter of n-grams of other texts): for
    benchmarks and for checking without a library."""

    def __init__(self, counts: Counter, issues: int) -> None:
        super().__init__(lambda grams: {g: counts[g] for g in grams if g in counts}, issues)
