"""The typo detector's tables, loaded from ``resources/checks``: the word list
(jieba's words, wordfreq's current words, our own), the confusion sets (plus our
look-alike groups), parts of speech and surnames. Plain loaders; the model that
uses them is ``_typo_model.TypoModel``."""

from __future__ import annotations

from typing import Any

WORDS = "wording_typo_words.txt"
CONFUSION = "wording_typo_confusion"
POS = "wording_typo_pos"
SHAPES = "wording_typo_shapes"  # our own look-alike groups, added to the shape sets
EXTRA_WORDS = "wording_typo_extra_words"  # our own list of current words jieba lacks
EXTRA_CLASS = 20  # the frequency class given to those words
# current words jieba lacks (驻村, 防控, 人居), from wordfreq's Chinese list; see _typo_tables
WORDFREQ = "wording_typo_wordfreq.txt"
SURNAMES = "consistency_surnames"


def load_words(resources: Any) -> dict[str, int]:
    words, _borrowed = load_lexicon(resources)
    return words


def load_lexicon(resources: Any) -> tuple[dict[str, int], frozenset[str]]:
    """The word table (jieba's words, wordfreq's current words, our own) and the
    set of the words borrowed from wordfreq (a tokenizer's output, not a
    dictionary: right for "is this a known string", not for syntax)."""
    words: dict[str, int] = {}
    borrowed: set[str] = set()
    path = resources.root / WORDS
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        k, _, ws = line.partition("\t")
        words.update(dict.fromkeys(ws.split(), int(k)))
    path = resources.root / WORDFREQ
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            # the table holds only words jieba's lacks (see _typo_tables.build_wordfreq)
            k, _, ws = line.partition("\t")
            fresh = ws.split()
            words.update(dict.fromkeys(fresh, int(k)))
            borrowed.update(fresh)
    for line in resources.word_list(EXTRA_WORDS):
        for w in line.split():
            if words.get(w, -1) < EXTRA_CLASS:
                words[w] = EXTRA_CLASS
                borrowed.discard(w)
    return words, frozenset(borrowed)


# surnames the consistency list leaves out that seldom begin anything but a name
# (傅华, 郜, 仝, 阚): in a list of names they are names, not slips
EXTRA_SURNAMES = "傅郜仝阚"


def load_surnames(resources: Any) -> frozenset[str]:
    """Single-character surnames (the first lines of ``consistency_surnames.txt``,
    and ``EXTRA_SURNAMES``)."""
    out: set[str] = set(EXTRA_SURNAMES)
    for line in resources.word_list(SURNAMES):
        if " " not in line and len(line) > 2:  # the lines of single characters
            out.update(line)
    return frozenset(out)


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


SINGLES = "wording_typo_singles"


def load_singles(resources: Any) -> dict[str, frozenset[str]]:
    """Character -> the one-character words commonly written for it (both ways)."""
    out: dict[str, set[str]] = {}
    for line in resources.word_list(SINGLES):
        group = line.split()
        for ch in group:
            out.setdefault(ch, set()).update(c for c in group if c != ch)
    return {ch: frozenset(v) for ch, v in out.items()}
