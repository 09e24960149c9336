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

The model is built once per :class:`~editor_app.checks.resources.Resources`
and holds about 340,000 words.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ..script._zh import HAN_RUN_RE, cached

WORDS = "wording_typo_words.txt"
CONFUSION = "wording_typo_confusion"
POS = "wording_typo_pos"
SHAPES = "wording_typo_shapes"  # our own look-alike groups, added to the shape sets

COVER_MIN = 8  # frequency class (2*log2 freq) a word needs to cover its characters
CAND_MIN = 12  # frequency class a candidate's new word needs (freq >= 64)
WINDOW = 3  # characters each side scored with the candidate
UNKNOWN_SINGLE = -4.0  # extra bits for a single character that is not a word of its own
SINGLE = 0.0  # extra bits for every single-character token (prose is mostly words)
LONG_BONUS = 2.0  # bits per character beyond two for a word of three or four characters
PENALTY = {"sound": 0.0, "tone": 2.0, "shape": 3.0}
DEFAULT_THRESHOLD = 10.0  # bits of gain for a report
FUNCTION_MIN = 33  # single characters this frequent (的 了 在 和 ...) are never suspects here


@dataclass(frozen=True)
class Candidate:
    pos: int  # index in the text
    wrong: str
    right: str
    kind: str  # "sound", "tone" or "shape"
    score: float  # bits: segmentation gain minus the kind's penalty
    word: str  # the best new word that contains the place


class TypoModel:
    def __init__(
        self,
        words: dict[str, int],
        confusion: dict[str, tuple[str, str, str]],
        names: frozenset[str] = frozenset(),
    ) -> None:
        self.words = words
        self.confusion = confusion
        self.names = names
        total = sum(2 ** (k / 2) for k in words.values())
        self.log_total = math.log2(total)
        # adjacent character pairs inside words of class >= CAND_MIN: c -> chars that follow
        after: dict[str, set[str]] = {}
        before: dict[str, set[str]] = {}
        for w, k in words.items():
            if k < CAND_MIN or len(w) < 2:
                continue
            for a, b in zip(w, w[1:], strict=False):
                after.setdefault(a, set()).add(b)
                before.setdefault(b, set()).add(a)
        self.after = {c: frozenset(s) for c, s in after.items()}
        self.before = {c: frozenset(s) for c, s in before.items()}
        self.cands = {
            ch: frozenset(s + t + h) for ch, (s, t, h) in confusion.items()
        }

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
        pool = self.cands[ch]
        near = pool.intersection(self.after.get(left, ())) | pool.intersection(
            self.before.get(right, ())
        )
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

    def detect(self, text: str, threshold: float = DEFAULT_THRESHOLD) -> list[Candidate]:
        """The best candidate of every place whose score reaches ``threshold``."""
        found: list[Candidate] = []
        for m in HAN_RUN_RE.finditer(text):
            run = m.group()
            if len(run) < 2:
                continue
            cov = self.covered(run)
            best_run: list[Candidate] = []
            after_digit = m.start() > 0 and text[m.start() - 1].isdigit()
            for i, ok in enumerate(cov):
                if ok or self.words.get(run[i], 0) >= FUNCTION_MIN:
                    continue
                if i == 0 and after_digit:  # a unit or measure word after a number (3.6亿件)
                    continue
                cands = self.candidates_at(run, i)
                if not cands:
                    continue
                top = max(cands, key=lambda c: c.score)
                if top.score >= threshold and not self._repeated(text, m.start(), run, i, top):
                    best_run.append(
                        Candidate(m.start() + i, top.wrong, top.right, top.kind, top.score, top.word)
                    )
            found.extend(_suppress(best_run))
        return found

    @staticmethod
    def _repeated(text: str, offset: int, run: str, i: int, cand: Candidate) -> bool:
        """Does the original of the changed word occur twice or more in ``text``?

        A slip is rarely repeated letter for letter; a string that recurs is a
        word the dictionary lacks (抗疫) or a name (尹锡悦)."""
        k = cand.word.index(cand.right) if cand.right in cand.word else 0
        a = i - k
        original = run[a : a + len(cand.word)]
        if len(original) < 2:
            return False
        first = text.find(original)
        return first >= 0 and text.find(original, first + 1) >= 0


def _suppress(cands: list[Candidate]) -> list[Candidate]:
    """Of candidates whose new words would overlap (adjacent places), keep the best."""
    out: list[Candidate] = []
    for c in sorted(cands, key=lambda c: -c.score):
        if all(abs(c.pos - o.pos) > 1 for o in out):
            out.append(c)
    return sorted(out, key=lambda c: c.pos)


def load_words(resources: Any) -> dict[str, int]:
    words: dict[str, int] = {}
    path = resources.root / WORDS
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        k, _, ws = line.partition("\t")
        words.update(dict.fromkeys(ws.split(), int(k)))
    return words


def load_confusion(resources: Any) -> dict[str, tuple[str, str, str]]:
    out: dict[str, tuple[str, str, str]] = {}
    for row in resources.table(CONFUSION):
        cells = list(row) + ["", "", ""]
        out[cells[0]] = (cells[1], cells[2], cells[3])
    for line in resources.word_list(SHAPES):
        group = line.split()
        for ch in group:
            sound, tone, shape = out.get(ch, ("", "", ""))
            extra = "".join(c for c in group if c != ch and c not in sound + tone + shape)
            out[ch] = (sound, tone, shape + extra)
    return out


def load_pos(resources: Any) -> dict[str, frozenset[str]]:
    """Part-of-speech class -> words (``v``, ``a``, ``d``, ``nr``)."""
    return {row[0]: frozenset(row[1].split()) for row in resources.table(POS) if len(row) >= 2}


def typo_model(resources: Any) -> TypoModel:
    def build(r: Any) -> TypoModel:
        pos = cached(r, "wording.typo_pos", load_pos)
        return TypoModel(load_words(r), load_confusion(r), pos.get("nr", frozenset()))

    return cached(resources, "wording.typo_model", build)
