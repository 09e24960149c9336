"""Text folding, index tokens and FTS5 query building for search (no SQL here).

Why not FTS5's own tokenizers: ``unicode61`` treats a run of Han characters
as one token, and ``trigram`` cannot match queries of one or two characters.
So we tokenise in Python and hand FTS5 ready-made tokens:

* The text is *folded* (full-width digits and Latin letters to ASCII, letters
  to lower case), one character for one character, so offsets in the folded
  text are offsets in the real text. Punctuation is not folded: "，" and ","
  stay different, as a proofreader needs.
* It is split on whitespace into runs. A run ``c0 c1 ... ck`` gives the tokens
  ``c0c1, c1c2, ..., c(k-1)ck, ck`` at consecutive positions: every overlapping
  bigram, then the last character alone. Every character of the text is thus
  the first character of exactly one token, at its own position. All
  characters count, Han, Latin, digits and punctuation alike, so "，，" or
  "5G网" can be searched too.
* Each character is written as four base-36 digits, so a token is 4 or 8
  characters of ``[0-9a-z]``: nothing a tokenizer or the FTS5 query parser
  could misread, whatever the Unicode version or script.

A query word (no whitespace inside) of ``n >= 2`` characters becomes the
phrase of its ``n - 1`` bigrams; since the bigrams sit at consecutive
positions and never span whitespace, the phrase matches exactly where the word
occurs. A one-character word becomes the prefix query ``"code"*``, which
matches every token starting with that character, i.e. every occurrence.
Long words use only their first ``MAX_PHRASE_CHARS`` characters in FTS and are
verified on the real text afterwards (the search always verifies).
"""

from __future__ import annotations

import operator
import re

# Bump when the token format changes: the library then rebuilds the index.
INDEX_VERSION = 1

MAX_PHRASE_CHARS = 12  # characters of a word used in the FTS phrase
MAX_QUERY_WORDS = 8  # words used in the FTS expression (all are verified)

_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


class _Codes(dict):
    """Character -> 4 base-36 digits, filled on demand."""

    def __missing__(self, ch: str) -> str:
        n = ord(ch)
        code = (
            _DIGITS[n // 46656 % 36]
            + _DIGITS[n // 1296 % 36]
            + _DIGITS[n // 36 % 36]
            + _DIGITS[n % 36]
        )
        self[ch] = code
        return code


_CODES = _Codes()
_FOLD_TABLE: dict[int, int] | None = None
_FOLD_RUNS: re.Pattern[str] | None = None


def _fold_table() -> dict[int, int]:
    global _FOLD_TABLE, _FOLD_RUNS
    if _FOLD_TABLE is None:
        table: dict[int, int] = {}
        for cp in range(0x10000):
            ch = chr(cp)
            if 0xFF10 <= cp <= 0xFF19 or 0xFF21 <= cp <= 0xFF3A or 0xFF41 <= cp <= 0xFF5A:
                ch = chr(cp - 0xFEE0)  # full-width digits and letters
            low = ch.lower()
            if len(low) == 1 and low != chr(cp):
                table[cp] = ord(low)
            elif ch != chr(cp):
                table[cp] = ord(ch)
        # a character class of the foldable characters, as ranges
        ranges: list[list[int]] = []
        for cp in sorted(table):
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1][1] = cp
            else:
                ranges.append([cp, cp])
        cls = "".join(
            re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
            for a, b in ranges
        )
        _FOLD_RUNS = re.compile(f"[{cls}]+")
        _FOLD_TABLE = table
    return _FOLD_TABLE


def _fold_run(m: re.Match[str]) -> str:
    return m.group().translate(_FOLD_TABLE)  # type: ignore[arg-type]


def fold(text: str) -> str:
    """Search form of ``text``: same length, letters and digits width- and case-folded.

    Only runs of foldable characters go through ``str.translate``: Chinese
    text has few, and translating every character costs ~0.1 us each.
    """
    _fold_table()
    return _FOLD_RUNS.sub(_fold_run, text)  # type: ignore[union-attr]


def index_tokens(text: str) -> str:
    """The token string stored in the FTS index for ``text``."""
    out: list[str] = []
    codes = _CODES
    for run in fold(text).split():
        cs = [codes[c] for c in run]
        out.extend(map(operator.add, cs, cs[1:]))
        out.append(cs[-1])
    return " ".join(out)


def query_words(query: str) -> list[str]:
    """Folded, de-duplicated whitespace-separated words of a user query."""
    seen: list[str] = []
    for word in fold(query).split():
        if word not in seen:
            seen.append(word)
    return seen


def word_expression(word: str) -> str:
    """FTS5 expression matching the places where ``word`` (folded) may occur."""
    cs = [_CODES[c] for c in word[:MAX_PHRASE_CHARS]]
    if len(cs) == 1:
        return f'"{cs[0]}"*'
    return '"' + " ".join(map(operator.add, cs, cs[1:])) + '"'


def match_expression(words: list[str]) -> str:
    """FTS5 MATCH string for a list of query words (AND). Empty list -> "".

    The longest words go first and at most ``MAX_QUERY_WORDS`` are used: the
    longer a word, the fewer rows its phrase matches. Every word is still
    checked against the real text by the caller.
    """
    chosen = sorted(words, key=len, reverse=True)[:MAX_QUERY_WORDS]
    return " AND ".join(word_expression(w) for w in chosen)


# -- the server's index (pg_backend.py): sets of codes, no positions ---------------------------


def token_set(text: str) -> set[str]:
    """Distinct codes of ``text`` for the server's index: every bigram within a
    whitespace-separated run and every single character (folded). A word occurs
    only where all its bigrams occur, so the set is a sound candidate filter; the
    search verifies each candidate on the real text."""
    out: set[str] = set()
    codes = _CODES
    for run in fold(text).split():
        cs = [codes[c] for c in run]
        out.update(cs)
        out.update(map(operator.add, cs, cs[1:]))
    return out


def query_token_sets(words: list[str]) -> list[set[str]]:
    """Per query word (folded), the codes a segment must hold: its character for a
    one-character word, its bigrams (of the first ``MAX_PHRASE_CHARS`` characters)
    otherwise."""
    out: list[set[str]] = []
    for word in sorted(words, key=len, reverse=True)[:MAX_QUERY_WORDS]:
        cs = [_CODES[c] for c in word[:MAX_PHRASE_CHARS]]
        out.append({cs[0]} if len(cs) == 1 else set(map(operator.add, cs, cs[1:])))
    return out
