"""The typo detector's model: a word-frequency table, confusion sets and a
scorer. Pure helpers; the rules live in ``typo.py``.

How a character becomes a typo finding (``TypoModel.detect``):

1. The text is cut into runs of Han characters. A character is *covered* when
   a dictionary word of two to four characters (``wording_typo_words.txt``,
   from jieba's word list) with a frequency class of at least ``COVER_MIN``
   contains it. Correct prose is almost entirely covered; a typo usually
   leaves its character (and often a neighbour) uncovered: 特续下滑, 问提.
2. For an uncovered character, the candidates are its confusion set
   (``wording_typo_confusion.tsv``: same sound, same sound with another
   tone, similar shape), kept only when the candidate forms a word with a
   neighbour (the bigram tables below make this a string lookup).
3. Each candidate is scored with a unigram word model: the best segmentation
   of a window of seven characters around the place, with and without the
   change, in bits (log2 of the word frequencies). The gain minus a
   penalty for the kind of confusion (another tone, a look-alike) is the
   score; a place is reported when its best score reaches the threshold.
   Overlapping reports keep the best one.
4. A covered place is a suspect too when a change makes a word of three or
   four characters of the dictionary around it (懂事长 -> 董事长, 整治局 ->
   政治局): scored the same way, less ``INSIDE_PENALTY``. (A change from one
   two-character word to another, 机智 -> 机制, needs statistics of the
   words around it: ``context_candidates``, with the word bigram model of
   ``_typo_context``.)

Either model's candidates then pass the text filters of ``_typo_filters`` (names,
companies, places, parallel coinages, strings printed again) in ``detect``.

Known words come from jieba's list and, for current vocabulary jieba lacks
(驻村, 防控), from wordfreq's Chinese list (``wording_typo_wordfreq.txt``).

The model is built once per :class:`~editor_app.checks.resources.Resources`
and holds about 340,000 words.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from typing import Any

from editor_app.checks.textutil import bracket_spans, inside_span

from ..script._zh import HAN_RUN_RE, cached
from ._typo_context import ContextLM, context_lm
from ._typo_filters import best_of_overlapping, context_ok, echoed
from ._typo_lexicon import (
    load_confusion,
    load_lexicon,
    load_pos,
    load_singles,
    load_surnames,
)

COVER_MIN = 8  # frequency class (2*log2 freq) a word needs to cover its characters
CAND_MIN = 12  # frequency class a candidate's new word needs (freq >= 64)
WINDOW = 3  # characters each side scored with the candidate
UNKNOWN_SINGLE = -4.0  # extra bits for a single character that is not a word of its own
SINGLE = 0.0  # extra bits for every single-character token (prose is mostly words)
LONG_BONUS = 2.0  # bits per character beyond two for a word of three or four characters
PENALTY = {"sound": 0.0, "tone": 2.0, "shape": 3.0}
DEFAULT_THRESHOLD = 10.0  # bits of gain for a report
INSIDE_PENALTY = 1.0  # extra bits for a place inside ordinary words (see inside_word_at)
PAIR_MIN = 16  # frequency class a word needs when two adjacent characters are both replaced
PAIR_PENALTY = 8.0  # extra bits for a two-character change
MIN_KEPT = 4.0  # candidates scoring below this are not kept (any threshold is above it)
RUN_CACHE_SIZE = 50_000  # runs whose candidates are remembered (cleared when full)
TEXT_CACHE_SIZE = 512  # whole texts (articles) whose findings are remembered
QUOTES = "“‘《「『"  # openers whose inside is not checked
NAME_MAX_CLASS = 20  # "names" this frequent are words (or famous names) and may be suggested
# the context model (``_typo_context``): a candidate's score is its gain in bits, less a
# penalty for the kind of confusion, less CTX_FUNCTION for a function character (母狮 ->
# 母是, 看腻 -> 看你: the model loves 是 and 你), less CTX_REAL_WORD when what the text
# prints is a word of the model too (督察 -> 督查), plus CTX_LONG when the new word has
# three or four characters (长效机智 -> 长效机制). The weights were read off
# ../shared/corpus (bench/accuracy.py): another tone and a look-alike are as weak as
# evidence, a longer word is strong.
CTX_PENALTY = {"sound": 0.0, "tone": 3.0, "shape": 3.0}
CTX_FUNCTION = 3.0
CTX_REAL_WORD = 3.0
CTX_LONG = 2.0
# a two-character word this common (frequency class, jieba's counts >= 2,048) is what the
# writer meant: the context model does not search inside it (measured on ../shared/corpus:
# no change in precision or recall, 40 % less time)
BLOCK2 = 22
# never changed by the context model: 的/地/得 are wording.de_particle's business, where
# it can be precise; the suffixes of places end names the model cannot know (青溪市是以,
# 多村联建, 穿村而过)
NO_CTX = frozenset("的地得省市县区镇乡村")
CTX_MIN = 4.0  # candidates scoring below this are not kept (any threshold is above it)
FUNCTION_MIN = 33  # single characters this frequent (的 了 在 和 ...) are never suspects here


@dataclass(frozen=True)
class Candidate:
    pos: int  # index in the text
    wrong: str
    right: str
    kind: str  # "sound", "tone" or "shape"
    score: float  # bits: segmentation gain minus the kind's penalty
    word: str  # the best new word that contains the place
    pair: bool = False  # one of two adjacent places changed together
    context: bool = False  # found by the context model (``_typo_context``)


class TypoModel:
    def __init__(
        self,
        words: dict[str, int],
        confusion: dict[str, tuple[str, str, str]],
        names: frozenset[str] = frozenset(),
        surnames: frozenset[str] = frozenset(),
        verbs: frozenset[str] = frozenset(),
        borrowed: frozenset[str] = frozenset(),
        context: ContextLM | None = None,
        singles: dict[str, frozenset[str]] | None = None,
    ) -> None:
        self.words = words
        self.context = context
        self.borrowed = borrowed  # the words from wordfreq (see load_lexicon)
        self.confusion = confusion
        # jieba tags many common words as names (明白, 顾客, 青少年, 道德); the frequent
        # ones are suggested like any word, only the rarer names are never suggested
        self.names = frozenset(w for w in names if words.get(w, 0) < NAME_MAX_CLASS)
        self.surnames = surnames
        self.verbs = verbs
        hist = Counter(words.values())
        self.log_total = math.log2(sum(n * 2 ** (k / 2) for k, n in hist.items()))
        multi = [w for w, k in words.items() if k >= COVER_MIN and len(w) > 1]
        # words of 2-4 characters that cover their characters (one set: the length
        # of a slice says which kind is looked up)
        self.cover = frozenset(multi)
        frequent = [w for w, k in words.items() if k >= CAND_MIN and len(w) > 1]
        # adjacent character pairs inside words of class >= CAND_MIN: a candidate
        # must make one of these with a neighbour
        self.pairs = frozenset(w[j : j + 2] for w in frequent for j in range(len(w) - 1))
        # first character -> second characters of the frequent two-character words
        # a two-place change may make (class >= PAIR_MIN)
        nxt: dict[str, set[str]] = {}
        for w in frequent:
            if len(w) == 2 and words[w] >= PAIR_MIN:
                nxt.setdefault(w[0], set()).add(w[1])
        self.pair_next = {c: frozenset(v) for c, v in nxt.items()}
        # words of three or four characters with one place blanked (董?长 -> 事):
        # a place inside ordinary words is suspected only when one of these
        # longer words appears with it changed (懂事长 -> 董事长, 整治局 -> 政治局)
        holes: dict[str, str] = {}
        gapped: set[str] = set()  # the two neighbours of an inner place (董?长 -> 董长)
        long_words = [
            w for w in frequent if len(w) >= 3 and w not in self.names and w not in borrowed
        ]
        for w in long_words:
            for j in range(len(w)):
                key = w[:j] + "?" + w[j + 1 :]
                holes[key] = holes.get(key, "") + w[j]
            for j in range(1, len(w) - 1):
                gapped.add(w[j - 1] + w[j + 1])
        self.holes = holes
        # the pairs right before and right after a place of those words
        self.hole_left = frozenset(w[j - 2 : j] for w in long_words for j in range(2, len(w)))
        self.hole_right = frozenset(w[j + 1 : j + 3] for w in long_words for j in range(len(w) - 2))
        self.hole_gapped = frozenset(gapped)
        self._run_cache: dict[str, tuple[Candidate, ...]] = {}
        self._ctx_cache: dict[tuple[str, str, str], tuple[Candidate, ...]] = {}
        self.singles = singles or {}
        self._text_cache: dict[tuple[str, float, str, bool], tuple[Candidate, ...]] = {}
        self.function_chars = frozenset(
            ch for ch in {w[0] for w in multi} if words.get(ch, 0) >= FUNCTION_MIN
        )
        self.cands = {ch: frozenset(s + t + h) for ch, (s, t, h) in confusion.items()}

    # -- scoring ----------------------------------------------------------
    def _lp(self, w: str) -> float | None:
        k = self.words.get(w)
        if k is None:
            return None
        return k / 2 - self.log_total

    def segment_score(self, s: str) -> float:
        """Bits of the best segmentation of ``s`` under the unigram word model."""
        n = len(s)
        floor = -self.log_total + UNKNOWN_SINGLE + SINGLE
        single = SINGLE
        best = [0.0] + [-1e9] * n
        words = self.words
        lt = self.log_total
        bonus = (0.0, 0.0, 0.0, LONG_BONUS, 2 * LONG_BONUS)
        for j in range(1, n + 1):
            k = words.get(s[j - 1])
            b = best[j - 1] + (k / 2 - lt + single if k is not None else floor)
            for length in (2, 3, 4):
                if length > j:
                    break
                k = words.get(s[j - length : j])
                if k is not None:
                    v = best[j - length] + k / 2 - lt + bonus[length]
                    if v > b:
                        b = v
            best[j] = b
        return best[n]

    def covered(self, run: str) -> list[bool]:
        n = len(run)
        cov = [False] * n
        words = self.words
        for a in range(n - 1):
            for length in (2, 3, 4):
                b = a + length
                if b > n:
                    break
                k = words.get(run[a:b])
                if k is not None and k >= COVER_MIN:
                    for x in range(a, b):
                        cov[x] = True
        return cov

    def _new_word(self, run: str, i: int, c: str) -> str:
        """The most frequent word of 2-4 characters containing position i after the change."""
        best, best_k = "", -1
        n = len(run)
        for length in (2, 3, 4):
            for a in range(max(0, i - length + 1), min(i, n - length) + 1):
                w = run[a:i] + c + run[i + 1 : a + length]
                k = self.words.get(w)
                if k is not None and k > best_k and w not in self.names:
                    best, best_k = w, k
        return best if best_k >= CAND_MIN else ""

    def candidates_at(self, run: str, i: int) -> list[Candidate]:
        ch = run[i]
        conf = self.confusion.get(ch)
        if conf is None:
            return []
        left = run[i - 1] if i > 0 else ""
        right = run[i + 1] if i + 1 < len(run) else ""
        pairs = self.pairs
        near = [c for c in self.cands[ch] if left + c in pairs or c + right in pairs]
        if not near:
            return []
        a, b = max(0, i - WINDOW), min(len(run), i + WINDOW + 1)
        window = run[a:b]
        base = self.segment_score(window)
        out = []
        sound, tone, _shape = conf
        for c in near:
            word = self._new_word(run, i, c)
            if not word:
                continue
            kind = "sound" if c in sound else "tone" if c in tone else "shape"
            changed = window[: i - a] + c + window[i - a + 1 :]
            gain = self.segment_score(changed) - base
            out.append(Candidate(i, ch, c, kind, gain - PENALTY[kind], word))
        return out

    def inside_word_at(self, run: str, i: int) -> list[Candidate]:
        """A place that ordinary words cover (懂事长: 懂事) changed so that a word of
        three or four characters appears (董事长). Scored like any place, less
        ``INSIDE_PENALTY``: changing a real word needs more evidence."""
        ch = run[i]
        pool = self.cands.get(ch)
        if not pool:
            return []
        n = len(run)
        # which (start, length) of a longer word around i can exist: each needs the
        # pair left of i, the pair right of i or the two neighbours in the tables
        fl = i >= 2 and run[i - 2 : i] in self.hole_left
        fr = run[i + 1 : i + 3] in self.hole_right
        fg = 0 < i < n - 1 and run[i - 1] + run[i + 1] in self.hole_gapped
        spans = []
        if fl:
            spans += [(i - 2, 3), (i - 3, 4)]
            if fg:
                spans.append((i - 2, 4))
        if fg:
            spans.append((i - 1, 3))
            if fr:
                spans.append((i - 1, 4))
        if fr:
            spans += [(i, 3), (i, 4)]
        found: dict[str, str] = {}
        holes = self.holes
        for a, length in spans:
            if a < 0 or a + length > n:
                continue
            fills = holes.get(run[a:i] + "?" + run[i + 1 : a + length])
            if fills:
                for c in fills:
                    if c in pool and length > len(found.get(c, "")):
                        found[c] = run[a:i] + c + run[i + 1 : a + length]
        if not found:
            return []
        lo, hi = max(0, i - WINDOW), min(n, i + WINDOW + 1)
        window = run[lo:hi]
        base = self.segment_score(window)
        out = []
        for c, w in found.items():
            kind = self._kind(ch, c)
            changed = window[: i - lo] + c + window[i - lo + 1 :]
            gain = self.segment_score(changed) - base - PENALTY[kind] - INSIDE_PENALTY
            out.append(Candidate(i, ch, c, kind, gain, w))
        return out

    def context_candidates(self, run: str, before: str = "", after: str = "") -> tuple[Candidate, ...]:
        """Every place of ``run`` with the best candidate the context model prefers by
        at least ``CTX_MIN`` bits after the penalties (机智 -> 机制, 已前 -> 以前),
        positions relative to the run. ``before`` and ``after`` are the characters
        around the run (punctuation is history). Cached like ``run_candidates``."""
        lm = self.context
        if lm is None:
            return ()
        key = (before, run, after)
        hit = self._ctx_cache.get(key)
        if hit is not None:
            return hit
        prev = lm.history(before)
        nxt = lm.punct.get(after, -1)
        out = []
        known = lm.ids
        words = self.words
        n = len(run)
        lat = None
        # places inside a word of our lexicon the context model lacks (抗疫, 种质, 首贷),
        # inside a longer word (因城施策) or a very common one (发展): the model would
        # only prefer what it knows
        blocked = [False] * n
        for length in (2, 3, 4):
            for a in range(n - length + 1):
                w = run[a : a + length]
                k = words.get(w, -1)
                if (length > 2 and w in known) or (
                    k >= COVER_MIN and (length > 2 or w not in known or k >= BLOCK2)
                ):
                    for k in range(a, a + length):
                        blocked[k] = True
        for i, ch in enumerate(run):
            pool = self.cands.get(ch)
            if not pool or blocked[i] or ch in NO_CTX or echoed(run, i):
                continue
            found = lm.proposals(run, i, pool, self._singles(ch))
            if not found:
                continue
            real = any(
                run[a : a + length] in known
                for length in (2, 3, 4)
                for a in range(max(0, i - length + 1), min(i, n - length) + 1)
            )
            if lat is None:
                lat = lm.lattice(run, prev, nxt)
            for gain, c, word in lm.gains(lat, i, found)[:3]:
                kind = self._kind(ch, c)
                score = gain - CTX_PENALTY[kind]
                if c in self.function_chars:
                    score -= CTX_FUNCTION
                if len(word) >= 3:
                    score += CTX_LONG  # 长效机智 -> 长效机制: a longer word is better evidence
                if real:
                    score -= CTX_REAL_WORD  # one real word for another: 督察组 -> 督查组
                if score >= CTX_MIN and word not in self.names and c not in NO_CTX:
                    out.append(Candidate(i, ch, c, kind, score, word, context=True))
                    break
        result = tuple(out)
        if len(self._ctx_cache) >= RUN_CACHE_SIZE:
            self._ctx_cache.clear()
        self._ctx_cache[key] = result
        return result

    def _singles(self, ch: str) -> frozenset[str]:
        """The one-character words commonly written for ``ch`` (在 -> 再, 即 -> 既;
        ``wording_typo_singles.txt``): tried by themselves, where they need not make a
        word with a neighbour."""
        return self.singles.get(ch, frozenset())

    def run_candidates(self, run: str) -> tuple[Candidate, ...]:
        """Every place of ``run`` with its best candidate (and the pairs), scored,
        positions relative to the run. Depends on the run only, so it is cached:
        a re-check after an edit scores only the runs that changed."""
        hit = self._run_cache.get(run)
        if hit is not None:
            return hit
        out: list[Candidate] = []
        places = self._uncovered(run)
        for i in places:
            cands = self.candidates_at(run, i)
            if cands:
                out.append(max(cands, key=lambda c: c.score))
        placed = set(places)
        for i in places:
            if i + 1 in placed:
                out.extend(self.pair_at(run, i, MIN_KEPT))
        n = len(run)
        if n >= 3:
            func = self.function_chars
            lft, rgt, gap = self.hole_left, self.hole_right, self.hole_gapped
            for i in range(n):
                if i in placed or run[i] in func:
                    continue
                # cheap test first: a longer word around i needs one of these
                if not (
                    run[i + 1 : i + 3] in rgt
                    or (i >= 2 and run[i - 2 : i] in lft)
                    or (0 < i < n - 1 and run[i - 1] + run[i + 1] in gap)
                ):
                    continue
                cands = self.inside_word_at(run, i)
                if cands:
                    out.append(max(cands, key=lambda c: c.score))
        result = tuple(c for c in out if c.score >= MIN_KEPT)
        if len(self._run_cache) >= RUN_CACHE_SIZE:
            self._run_cache.clear()
        self._run_cache[run] = result
        return result

    def _uncovered(self, run: str) -> list[int]:
        """Places no word covers that are not function characters (的 了 在)."""
        n = len(run)
        w2 = self.cover
        in2 = [run[a : a + 2] in w2 for a in range(n - 1)]
        func = self.function_chars
        return [
            i
            for i in range(n)
            if not ((i > 0 and in2[i - 1]) or (i < n - 1 and in2[i]) or run[i] in func)
            and not self._covered_long(run, i)
        ]

    def _covered_long(self, run: str, i: int) -> bool:
        w3 = w4 = self.cover
        n = len(run)
        for a in range(max(0, i - 2), min(i, n - 3) + 1):
            if run[a : a + 3] in w3:
                return True
        for a in range(max(0, i - 3), min(i, n - 4) + 1):
            if run[a : a + 4] in w4:
                return True
        return False

    def detect(
        self,
        text: str,
        threshold: float = DEFAULT_THRESHOLD,
        whole: str = "",
        context: bool = False,
    ) -> list[Candidate]:
        """The best candidate of every place whose score reaches ``threshold``: the
        word model's, or with ``context`` the context model's (its own scale).

        Places inside quotation marks and titles (“浙里办”, 《古禾杂识》: names,
        slogans, classical quotations) are left alone. ``whole`` is the text of
        the whole issue: a string that recurs there is not a slip either."""
        key = (text, threshold, whole, context)
        hit = self._text_cache.get(key)
        if hit is not None:
            return list(hit)
        found = self._detect(text, threshold, whole, context)
        if len(self._text_cache) >= TEXT_CACHE_SIZE:
            self._text_cache.clear()
        self._text_cache[key] = tuple(found)
        return found

    def _detect(self, text: str, threshold: float, whole: str, context: bool) -> list[Candidate]:
        found: list[Candidate] = []
        quoted: tuple[tuple[int, int, str], ...] | None = None
        for m in HAN_RUN_RE.finditer(text):
            run = m.group()
            if len(run) < 2:
                continue
            start = m.start()
            before = text[start - 1] if start else ""
            after = text[m.end() : m.end() + 1]
            cands = (
                self.context_candidates(run, before, after)
                if context
                else self.run_candidates(run)
            )
            kept = [
                c
                for c in cands
                if c.score >= threshold
                and context_ok(text, start, run, c, self.surnames, self.verbs, whole)
            ]
            if kept:
                if quoted is None:
                    quoted = tuple(s for s in bracket_spans(text) if s[2] in QUOTES)
                kept = [c for c in kept if inside_span(quoted, start + c.pos) is None]
            if kept:
                found.extend(
                    Candidate(
                        start + c.pos, c.wrong, c.right, c.kind, c.score, c.word, c.pair, c.context
                    )
                    for c in best_of_overlapping(kept)
                )
        return found

    def pair_at(self, run: str, i: int, threshold: float) -> list[Candidate]:
        """Two adjacent characters both wrong (新来 -> 信赖): the pair becomes a
        frequent word of its own. Both places are returned, with the pair's score."""
        a_ch, b_ch = run[i], run[i + 1]
        pool_b = self.cands.get(b_ch)
        pool_a = self.cands.get(a_ch)
        if not pool_a or not pool_b:
            return []
        best: tuple[float, str, str, str, str] | None = None
        lo, hi = max(0, i - WINDOW), min(len(run), i + WINDOW + 2)
        window = run[lo:hi]
        base = None
        for c1 in pool_a:
            for c2 in pool_b.intersection(self.pair_next.get(c1, ())):
                w = c1 + c2
                if self.words.get(w, -1) < PAIR_MIN or w in self.names:
                    continue
                if base is None:
                    base = self.segment_score(window)
                changed = window[: i - lo] + w + window[i - lo + 2 :]
                k1, k2 = self._kind(a_ch, c1), self._kind(b_ch, c2)
                gain = self.segment_score(changed) - base - PENALTY[k1] - PENALTY[k2] - PAIR_PENALTY
                if best is None or gain > best[0]:
                    best = (gain, c1, c2, k1, k2)
        if best is None or best[0] < threshold:
            return []
        gain, c1, c2, k1, k2 = best
        return [
            Candidate(i, a_ch, c1, k1, gain, c1 + c2, True),
            Candidate(i + 1, b_ch, c2, k2, gain, c1 + c2, True),
        ]

    def _kind(self, ch: str, c: str) -> str:
        sound, tone, _shape = self.confusion[ch]
        return "sound" if c in sound else "tone" if c in tone else "shape"



def typo_model(resources: Any) -> TypoModel:
    def build(r: Any) -> TypoModel:
        pos = cached(r, "wording.typo_pos", load_pos)
        words, borrowed = load_lexicon(r)
        return TypoModel(
            words,
            load_confusion(r),
            pos.get("nr", frozenset()),
            load_surnames(r),
            pos.get("v", frozenset()),
            borrowed,
            context_lm(r),
            load_singles(r),
        )

    return cached(resources, "wording.typo_model", build)
