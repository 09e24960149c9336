"""The typo detector's context model: a word bigram language model
(``wording_typo_lm.bin``, built by ``_typo_lm_build`` from SunPinyin's open-gram
model, CC BY-SA 3.0) and the search it serves.

The word model of ``_typo_model`` knows which strings are words, not which words
go together: 机智/机制, 在/再, 以前/已前 are all words. A pinyin input method's
language model is made for exactly that choice, so a place is scored by how much
more probable the best segmentation of its run (the Han characters between two
punctuation marks) becomes when the character is swapped for one that sounds or
looks like it:

    gain = log2 P(best segmentation with the candidate) - log2 P(... as printed)

the punctuation before and after the run standing as the history and the next
token. The run's lattice is computed once, forward and backward
(``ContextLM.lattice``); a candidate is then scored by the words that contain its
place alone (``ContextLM.changed``), exactly as a new search of the changed run
would. Only candidates that make a word of the model with a neighbour, and more
probable than what the text prints there, are tried (``ContextLM.proposals``).

Loading reads four arrays from one file; bigrams are found by bisection, and the
ones looked up lately are remembered.
"""

from __future__ import annotations

import array
import struct
import sys
from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

from ..script._zh import cached

FILE = "wording_typo_lm.bin"
MAGIC = b"EALM1\n"
SCALE = 100.0  # the file's log2 probabilities are in centibits
MAX_WORD = 4
UNKNOWN = -24.0  # bits for a character the model has no word for
PUNCT = "，。；？！：“”、…"  # ids 1..10 of the file (see _typo_lm_build.PUNCT_IDS)
MEMO_SIZE = 200_000


class ContextLM:
    def __init__(self, vocab: list[str], neighbours: str, uni_lp, uni_bow, keys, lps) -> None:
        self.V = len(vocab)
        self.ids = {w: k for k, w in enumerate(vocab) if k}
        self.punct = {ch: self.ids[ch] for ch in PUNCT if ch in self.ids}
        self.ulp = [x / SCALE for x in uni_lp]
        self.ubow = [x / SCALE for x in uni_bow]
        # sorted keys searched with bisect: no dict to build at load (500,000 pairs)
        self.keys = keys
        self.lps = lps
        self._memo: dict[int, float] = {}  # bigram log probabilities looked up lately
        # the characters that follow and precede each character inside the model's
        # words of two to four characters: a candidate must make such a pair with a
        # neighbour
        self.follow: dict[str, frozenset[str]] = {}
        self.precede: dict[str, frozenset[str]] = {}
        for line in neighbours.split("\n"):
            ch, after, before = line.split("\t")
            self.follow[ch] = frozenset(after)
            self.precede[ch] = frozenset(before)

    @classmethod
    def from_bytes(cls, raw: bytes) -> ContextLM:
        if not raw.startswith(MAGIC):
            raise ValueError(f"{FILE}: not a typo language model")
        v, b, nvocab, nneigh = struct.unpack_from("<IIII", raw, len(MAGIC))
        at = len(MAGIC) + 16
        vocab = raw[at : at + nvocab].decode("utf-8").split("\n")
        at += nvocab
        neighbours = raw[at : at + nneigh].decode("utf-8")
        at += nneigh
        arrays = []
        for code, n in (("h", v), ("h", v), ("Q", b), ("h", b)):
            a = array.array(code)
            size = a.itemsize * n
            a.frombytes(raw[at : at + size])
            if sys.byteorder == "big":
                a.byteswap()
            arrays.append(a)
            at += size
        if len(vocab) != v or at != len(raw):
            raise ValueError(f"{FILE}: damaged")
        return cls(vocab, neighbours, *arrays)

    def history(self, ch: str) -> int:
        """The token id that stands before a run: its punctuation, else the start."""
        return self.punct.get(ch, 0)

    def _lp(self, prev: int, w: int) -> float:
        if prev < 0:
            return self.ulp[w]
        key = prev * self.V + w
        v = self._memo.get(key)
        if v is None:
            keys = self.keys
            at = bisect_left(keys, key)
            if at < len(keys) and keys[at] == key:
                v = self.lps[at] / SCALE
            else:
                v = self.ubow[prev] + self.ulp[w]
            if len(self._memo) >= MEMO_SIZE:
                self._memo.clear()
            self._memo[key] = v
        return v

    def word_at(self, run: str, i: int, c: str) -> str:
        """The longest word of the model (2-4 characters) containing place ``i`` of
        ``run`` with ``c`` there that is more probable than what the run prints in its
        place, or ''. A change that only makes a rarer word (发展 -> 发站) is no
        typo's correction: this cheap test spares most places the search."""
        n = len(run)
        ids = self.ids
        ulp = self.ulp
        for length in (4, 3, 2):
            for a in range(max(0, i - length + 1), min(i, n - length) + 1):
                w = ids.get(run[a:i] + c + run[i + 1 : a + length])
                if w is not None:
                    old = ids.get(run[a : a + length])
                    if old is not None and ulp[old] >= ulp[w]:
                        return ""
                    return run[a:i] + c + run[i + 1 : a + length]
        return ""

    def lattice(self, run: str, prev: int = 0, nxt: int = -1) -> Lattice:
        """The run's word lattice with the best scores into and out of every state
        (forward and backward), so a one-character change is scored by the words
        that contain it alone (``gains``)."""
        n = len(run)
        ids = self.ids
        lp = self._lp
        starts: list[list[tuple[int, int]]] = []
        for j in range(n):
            here = []
            for length in range(1, min(MAX_WORD, n - j) + 1):
                w = ids.get(run[j : j + length])
                if w is not None:
                    here.append((length, w))
            if not here or here[0][0] != 1:
                here.insert(0, (1, -1))  # an unknown character
            starts.append(here)
        fwd: list[dict[int, float]] = [{} for _ in range(n + 1)]
        fwd[0][prev] = 0.0
        memo = self._memo
        V = self.V
        for j in range(n):
            cur = fwd[j]
            if not cur:
                continue
            for length, w in starts[j]:
                if w < 0:
                    best = max(cur.values()) + UNKNOWN
                else:
                    best = -1e18
                    for p, v in cur.items():
                        x = memo.get(p * V + w) if p >= 0 else None
                        x = v + (x if x is not None else lp(p, w))
                        if x > best:
                            best = x
                after = fwd[j + length]
                if best > after.get(w, -1e18):
                    after[w] = best
        bwd: list[dict[int, float]] = [{} for _ in range(n + 1)]
        bwd[n] = {v: self.end(v, nxt) for v in fwd[n]}
        for j in range(n - 1, 0, -1):
            out = bwd[j]
            for v in fwd[j]:
                out[v] = max(
                    (UNKNOWN if u < 0 else lp(v, u)) + bwd[j + length][u]
                    for length, u in starts[j]
                )
        total = max((v + bwd[n][w] for w, v in fwd[n].items()), default=-1e18)
        return Lattice(run, nxt, starts, fwd, bwd, total)

    def end(self, w: int, nxt: int) -> float:
        return self._lp(w, nxt) if nxt >= 0 else 0.0

    def changed(self, lat: Lattice, i: int, c: str) -> float:
        """Bits of the best segmentation of the run with ``c`` at place ``i``: exactly
        one word contains the place; what lies before it is ``fwd``, after it ``bwd``."""
        run, n = lat.run, len(lat.run)
        ids = self.ids
        lp = self._lp
        best = -1e18
        for s in range(max(0, i - MAX_WORD + 1), i + 1):
            before = lat.fwd[s]
            if not before:
                continue
            head = run[s:i] + c
            for e in range(i + 1, min(n, s + MAX_WORD) + 1):
                w = ids.get(head + run[i + 1 : e])
                if w is None:
                    if e - s > 1 or c in ids:
                        continue
                    w = -1  # the candidate is no word of its own
                if w < 0:
                    left = max(before.values()) + UNKNOWN
                else:
                    left = max(v + lp(p, w) for p, v in before.items())
                if e == n:
                    right = self.end(w, lat.nxt)
                else:
                    right = max(
                        (UNKNOWN if u < 0 else lp(w, u)) + lat.bwd[e + length][u]
                        for length, u in lat.starts[e]
                    )
                if left + right > best:
                    best = left + right
        return best

    def proposals(self, run: str, i: int, pool, singles=frozenset()) -> list[tuple[str, str]]:
        """(candidate, its word) for the candidates of ``pool`` at place ``i`` of
        ``run`` that make a word with a neighbour, and for ``singles``, the candidates
        that are words by themselves (在 -> 再)."""
        empty: frozenset[str] = frozenset()
        left = self.follow.get(run[i - 1], empty) if i > 0 else empty
        right = self.precede.get(run[i + 1], empty) if i + 1 < len(run) else empty
        near = pool.intersection(left).union(pool.intersection(right))
        found = [(c, w) for c in sorted(near) for w in (self.word_at(run, i, c),) if w]
        if singles:
            have = {c for c, _ in found}
            found += [(c, c) for c in sorted(singles) if c not in have and c in self.ids]
        return found

    def gains(self, lat: Lattice, i: int, found: list[tuple[str, str]]) -> list[tuple[float, str, str]]:
        """(gain in bits, candidate, its word) of the ``proposals`` at place ``i`` that
        make the run more probable, best first."""
        out = []
        for c, word in found:
            gain = self.changed(lat, i, c) - lat.total
            if gain > 0:
                out.append((gain, c, word))
        out.sort(reverse=True)
        return out


@dataclass(frozen=True)
class Lattice:
    run: str
    nxt: int
    starts: list  # place -> [(length, word id)] of the words starting there (-1: unknown)
    fwd: list  # place -> {last word id: best bits of the run up to the place}
    bwd: list  # place -> {last word id: best bits of the rest of the run after it}
    total: float


def context_lm(resources: Any) -> ContextLM:
    def build(r: Any) -> ContextLM:
        return ContextLM.from_bytes((r.root / FILE).read_bytes())

    return cached(resources, "wording.typo_context", build)
