"""Maintenance tool: build ``resources/checks/wording_typo_lm.bin``, the word bigram
model the typo detector reads context with. Not used at run time.

Source: the open-gram language model of SunPinyin (Debian package ``sunpinyin-data``
0.1.22+20170109, ``lm_sc.t3g`` and ``pydict_sc.bin``; https://github.com/sunpinyin/open-gram;
Creative Commons Attribution-ShareAlike 3.0 Unported, Kov Chai and the open-gram
authors). It is a back-off word trigram model of modern written Chinese over a
lexicon of about 72,000 words, made for a pinyin input method — whose whole job is
choosing among same-sounding characters by context, the job a homophone typo
detector does backwards.

What is kept (the derived file stays under CC BY-SA 3.0, see ``resources/THIRD_PARTY.md``):

- the words of one to six characters that are Han characters only, plus the
  sentence start and the ten punctuation tokens of the model (，。；？！：“”、…),
  which stand for the history at a run's edges;
- each word's unigram log2 probability and back-off weight;
- the ``BIGRAMS`` most probable bigrams (by the joint probability of the pair),
  with their conditional log2 probabilities. The trigrams are dropped: on
  ``../shared/corpus`` they changed no figure, and 500,000 of the 2.5 million
  bigrams keep precision and recall within 0.01 of the whole model.

Log probabilities are stored in centibits (int16). Layout (little-endian)::

    b"EALM1\\n", then <IIII: vocabulary size V, bigram count B, vocabulary bytes,
        neighbour bytes
    vocabulary: UTF-8 words joined by "\\n" (index = id; id 0 is the sentence start)
    neighbours: UTF-8 lines "character TAB the characters that follow it TAB the ones
        that precede it" inside the words of two to four characters
    unigram log2 P, V x int16; unigram back-off, V x int16
    bigram keys (left id * V + right id), sorted, B x uint64; bigram log2 P, B x int16

How to rebuild (Debian or Ubuntu; the tools print the threaded model as text)::

    apt-get download sunpinyin-data sunpinyin-utils
    dpkg -x sunpinyin-data_*.deb x && dpkg -x sunpinyin-utils_*.deb x
    x/usr/bin/tslminfo -v -p x/usr/lib/*/sunpinyin/data/lm_sc.t3g > lm.txt
    python -m editor_app.checks.rules.wording._typo_lm_build lm.txt \\
        x/usr/lib/*/sunpinyin/data/pydict_sc.bin [OUT]
"""

from __future__ import annotations

import array
import math
import struct
import sys
from pathlib import Path

from editor_app.checks.resources import Resources

MAGIC = b"EALM1\n"
BIGRAMS = 500_000
MAX_LEN = 6
PUNCT_IDS = range(70, 80)  # ，。；？！：“”、… in the open-gram lexicon
SCALE = 100  # centibits


def read_lexicon(path: Path) -> list[str]:
    """Word id -> word from SunPinyin's pinyin trie: a header of three counts (words,
    nodes, offset of the strings), then at the offset every word as a
    NUL-terminated UCS-4 string, in id order."""
    raw = path.read_bytes()
    n_words, _nodes, offset = struct.unpack_from("<3I", raw)
    codes = array.array("I")
    codes.frombytes(raw[offset : offset + (len(raw) - offset) // 4 * 4])
    if sys.byteorder == "big":
        codes.byteswap()
    words: list[str] = []
    cur: list[int] = []
    for x in codes:
        if x == 0:
            words.append("".join(map(chr, cur)))
            cur = []
        else:
            cur.append(x)
    if len(words) < n_words:
        raise SystemExit(f"{path}: {len(words)} words, the header says {n_words}")
    return words[:n_words]


def read_arpa(path: Path):
    """The unigrams {id: (log2 p, log2 bow)} and bigrams {(a, b): log2 p} of
    ``tslminfo -v -p`` output (probabilities, not logs)."""
    uni: dict[int, tuple[float, float]] = {}
    bi: dict[tuple[int, int], float] = {}
    section = 0
    with path.open(encoding="ascii") as f:
        for line in f:
            if line.startswith("\\"):
                section = int(line[1])
                if section == 3:
                    break
                continue
            p = line.split()
            if section == 1:
                pr, bow = float(p[1]), float(p[2])
                uni[int(p[0])] = (math.log2(pr) if pr > 0 else -60.0, math.log2(bow))
            elif section == 2:
                bi[(int(p[0]), int(p[1]))] = math.log2(float(p[2]))
    return uni, bi


def _han_only(w: str) -> bool:
    return bool(w) and len(w) <= MAX_LEN and all("\u4e00" <= ch <= "\u9fff" for ch in w)


def build(lm_text: Path, lexicon: Path, out: Path) -> dict:
    words = read_lexicon(lexicon)
    uni, bi = read_arpa(lm_text)
    keep = [0] + [i for i in PUNCT_IDS if i in uni]
    keep += sorted(i for i in uni if i < len(words) and i not in keep and _han_only(words[i]))
    new = {old: k for k, old in enumerate(keep)}
    vocab = ["<s>"] + [words[i] for i in keep[1:]]
    v = len(vocab)
    ranked = sorted(
        ((uni[a][0] + lp, a, b, lp) for (a, b), lp in bi.items() if a in new and b in new),
        reverse=True,
    )[:BIGRAMS]
    pairs = sorted((new[a] * v + new[b], lp) for _, a, b, lp in ranked)

    def q(x: float) -> int:
        return max(-32768, min(32767, round(x * SCALE)))

    blob = "\n".join(vocab).encode("utf-8")
    follow: dict[str, set[str]] = {}
    precede: dict[str, set[str]] = {}
    for w in vocab[1:]:
        if 2 <= len(w) <= 4:
            for j in range(len(w) - 1):
                follow.setdefault(w[j], set()).add(w[j + 1])
                precede.setdefault(w[j + 1], set()).add(w[j])
    neighbours = "\n".join(
        f"{ch}\t{''.join(sorted(follow.get(ch, ())))}\t{''.join(sorted(precede.get(ch, ())))}"
        for ch in sorted(set(follow) | set(precede))
    ).encode("utf-8")
    parts = [
        MAGIC,
        struct.pack("<IIII", v, len(pairs), len(blob), len(neighbours)),
        blob,
        neighbours,
        _le(array.array("h", (q(uni[i][0]) for i in keep))),
        _le(array.array("h", (q(uni[i][1]) for i in keep))),
        _le(array.array("Q", (k for k, _ in pairs))),
        _le(array.array("h", (q(lp) for _, lp in pairs))),
    ]
    tmp = out.with_suffix(".tmp")
    tmp.write_bytes(b"".join(parts))
    tmp.replace(out)
    return {"vocabulary": v, "bigrams": len(pairs), "bytes": out.stat().st_size}


def _le(a: array.array) -> bytes:
    if sys.byteorder == "big":
        a.byteswap()
    return a.tobytes()


def main(argv: list[str]) -> None:
    if len(argv) < 2:
        raise SystemExit(__doc__)
    out = Path(argv[2]) if len(argv) > 2 else Resources().root / "wording_typo_lm.bin"
    print(build(Path(argv[0]), Path(argv[1]), out))


if __name__ == "__main__":
    main(sys.argv[1:])
