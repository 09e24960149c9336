"""Maintenance tool: regenerate the typo detector's tables. Not used at run time.

``wording_typo_words.txt`` comes from the word list of jieba 0.42.1
(``jieba/dict.txt``, MIT licence, Copyright (c) 2013 Sun Junyi): every entry of
one to four characters, all of them in the 8105 list, grouped by frequency
class ``round(2 * log2(freq))`` (one line per class: the class, a tab, the
words separated by spaces). Loading whole lines with ``str.split`` keeps the
first load short.

``wording_typo_confusion.tsv`` comes from pycorrector 1.1.4's
``same_pinyin.txt`` and ``same_stroke.txt`` (Apache License 2.0,
https://github.com/shibing624/pycorrector): for each character of the 8105
list, the characters that sound the same (same tone), sound the same with
another tone, and look alike, restricted to the 8105 list and made symmetric
for the look-alike groups.

``wording_typo_pos.tsv``: from the same jieba dict.txt, the part-of-speech
classes the rules read: words tagged as verbs (``v``), verbal nouns (``vn``), adjectives (``a``,
``ad``) and adverbs (``d``) for the 的/地/得 rule, and personal names
(``nr``, ``nrfg``, ``nrt``; frequency >= 128), which the typo detector never
suggests.

``wording_typo_wordfreq.txt``: current words that jieba's 1990s-2000s list lacks
(驻村, 防控, 人居, 主责, 强军), from wordfreq 3.1.1's ``large_zh`` list (the
wordfreq code is Apache-2.0; its data files are CC BY-SA 4.0, Robyn Speer and
contributors; the Chinese list merges SUBTLEX-CH, Wikipedia, OPUS OpenSubtitles,
news and web text, tokenized by jieba): every word of two to four characters,
all of them in the 8105 list, that is not in ``wording_typo_words.txt``, with the
frequency class it would have in jieba's counts (wordfreq gives frequencies per
token; multiplied by jieba's total). They only make known words known: a new word
covers its characters and is never suggested by itself (its class is counted as
for jieba's words).

    python -m editor_app.checks.rules.wording._typo_tables JIEBA_DICT SAME_PINYIN SAME_STROKE [OUT_DIR]
    python -m editor_app.checks.rules.wording._typo_tables --wordfreq LARGE_ZH_MSGPACK_GZ [OUT_DIR]

(the second needs the ``msgpack`` package, for the maintainer only).
"""

from __future__ import annotations

import math
import sys
from collections import defaultdict
from pathlib import Path

from editor_app.checks.resources import Resources

WORDS_HEADER = (
    "# Derived from jieba 0.42.1 dict.txt (MIT licence, Copyright (c) 2013 Sun Junyi)\n"
    "# by editor_app/checks/rules/wording/_typo_tables.py - do not edit by hand.\n"
    "# frequency class round(2*log2(freq))<TAB>words of 1-4 characters (8105 list only)\n"
)
CONF_HEADER = (
    "# Derived from pycorrector 1.1.4 same_pinyin.txt and same_stroke.txt\n"
    "# (Apache License 2.0, https://github.com/shibing624/pycorrector)\n"
    "# by editor_app/checks/rules/wording/_typo_tables.py - do not edit by hand.\n"
    "# character<TAB>same sound and tone<TAB>same sound, other tone<TAB>similar shape\n"
)
POS_HEADER = (
    "# Derived from jieba 0.42.1 dict.txt (MIT licence, Copyright (c) 2013 Sun Junyi)\n"
    "# by editor_app/checks/rules/wording/_typo_tables.py - do not edit by hand.\n"
    "# class<TAB>words (v: verbs, vn: verbal nouns, a: adjectives, d: adverbs: frequency >= 20;\n"
    "# nr: personal names, frequency >= 128)\n"
)
POS_MIN_FREQ = 20
NAME_MIN_FREQ = 128  # names below this never become typo candidates anyway (CAND_MIN)


def freq_class(freq: int) -> int:
    return round(2 * math.log2(max(freq, 1)))


def build(jieba_dict: Path, same_pinyin: Path, same_stroke: Path, out_dir: Path) -> tuple[int, int]:
    standard = set(Resources(out_dir).hanzi_levels)
    classes: dict[int, list[str]] = defaultdict(list)
    pos: dict[str, list[str]] = defaultdict(list)
    for line in jieba_dict.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        word, freq = parts[0], int(parts[1])
        tag = parts[2] if len(parts) > 2 else ""
        if not 1 <= len(word) <= 4 or any(ch not in standard for ch in word):
            continue
        classes[freq_class(freq)].append(word)
        if freq >= POS_MIN_FREQ:
            if tag == "v":
                pos["v"].append(word)
            elif tag == "vn":
                pos["vn"].append(word)
            elif tag in ("a", "ad"):
                pos["a"].append(word)
            elif tag == "d":
                pos["d"].append(word)
        if tag in ("nr", "nrfg", "nrt") and len(word) >= 2 and freq >= NAME_MIN_FREQ:
            pos["nr"].append(word)
    body = "".join(f"{k}\t{' '.join(sorted(ws))}\n" for k, ws in sorted(classes.items()))
    (out_dir / "wording_typo_words.txt").write_text(WORDS_HEADER + body, encoding="utf-8")
    body = "".join(f"{k}\t{' '.join(sorted(ws))}\n" for k, ws in sorted(pos.items()))
    (out_dir / "wording_typo_pos.tsv").write_text(POS_HEADER + body, encoding="utf-8")

    sound: dict[str, set[str]] = defaultdict(set)
    tone: dict[str, set[str]] = defaultdict(set)
    shape: dict[str, set[str]] = defaultdict(set)
    for line in same_pinyin.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cells = line.split("\t")
        ch = cells[0].strip()
        if ch not in standard:
            continue
        sound[ch] |= {c for c in (cells[1] if len(cells) > 1 else "") if c in standard and c != ch}
        tone[ch] |= {c for c in (cells[2] if len(cells) > 2 else "") if c in standard and c != ch}
    for line in same_stroke.read_text(encoding="utf-8").splitlines():
        group = [c for c in line.split("\t") if len(c) == 1 and c in standard]
        for ch in group:
            shape[ch] |= {c for c in group if c != ch}
    chars = sorted(set(sound) | set(tone) | set(shape))
    rows = []
    for ch in chars:
        s = sound.get(ch, set())
        t = tone.get(ch, set()) - s
        h = shape.get(ch, set()) - s - t
        if s or t or h:
            rows.append(f"{ch}\t{''.join(sorted(s))}\t{''.join(sorted(t))}\t{''.join(sorted(h))}\n")
    (out_dir / "wording_typo_confusion.tsv").write_text(
        CONF_HEADER + "".join(rows), encoding="utf-8"
    )
    return sum(len(v) for v in classes.values()), len(rows)


WORDFREQ_HEADER = (
    "# Derived from wordfreq 3.1.1 data/large_zh.msgpack.gz (CC BY-SA 4.0, Robyn Speer and\n"
    "# contributors, https://github.com/rspeer/wordfreq) by\n"
    "# editor_app/checks/rules/wording/_typo_tables.py - do not edit by hand. This list is\n"
    "# itself under CC BY-SA 4.0. Words of 2-4 characters (8105 list only) that\n"
    "# wording_typo_words.txt lacks, grouped by frequency class on jieba's scale (>= 0):\n"
    "# class<TAB>words\n"
)


def read_wordfreq(path: Path) -> list[list[str]]:
    """wordfreq's cB-bucketed list: bucket i holds the words of frequency 10**(-i/100)."""
    import gzip

    import msgpack  # maintenance only

    data = msgpack.unpackb(gzip.decompress(path.read_bytes()), raw=False)
    return data[1:]


WORDFREQ_MIN_CLASS = 0  # rarer tokens are mostly jieba's segmentation debris (一书里, 一人出)
# a token that ends in a particle or starts with one is debris too (跳跃的, 走得, 地区则)
PARTICLE_END = frozenset("的了着过得地吗呢吧啊则")
PARTICLE_START = frozenset("的了着得地")


def build_wordfreq(large_zh: Path, out_dir: Path) -> int:
    """Write ``wording_typo_wordfreq.txt`` (see the module docstring); return its word count."""
    standard = set(Resources(out_dir).hanzi_levels)
    known: dict[str, int] = {}
    total = 0.0
    for line in (out_dir / "wording_typo_words.txt").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        k, _, ws = line.partition("\t")
        n = len(ws.split())
        known.update(dict.fromkeys(ws.split(), int(k)))
        total += n * 2 ** (int(k) / 2)
    log_total = math.log2(total)
    classes: dict[int, list[str]] = defaultdict(list)
    for i, bucket in enumerate(read_wordfreq(large_zh)):
        k = round(2 * (log_total - i / 100 * math.log2(10)))
        if k < WORDFREQ_MIN_CLASS:
            break
        for w in bucket:
            if w[-1] in PARTICLE_END or w[0] in PARTICLE_START:
                continue
            if 2 <= len(w) <= 4 and w not in known and all(ch in standard for ch in w):
                classes[k].append(w)
                known[w] = k
    body = "".join(f"{k}\t{' '.join(sorted(ws))}\n" for k, ws in sorted(classes.items()))
    (out_dir / "wording_typo_wordfreq.txt").write_text(WORDFREQ_HEADER + body, encoding="utf-8")
    return sum(len(v) for v in classes.values())


if __name__ == "__main__":  # pragma: no cover - maintenance
    if sys.argv[1] == "--wordfreq":
        out = Path(sys.argv[3]) if len(sys.argv) > 3 else Resources().root
        print(build_wordfreq(Path(sys.argv[2]), out))
        sys.exit(0)
    args = [Path(a) for a in sys.argv[1:]]
    out = args[3] if len(args) > 3 else Resources().root
    print(build(args[0], args[1], args[2], out))
