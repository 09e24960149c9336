"""Maintenance tool: regenerate the word tables derived from a dictionary.

Not used at run time. ``wording_word_starts.tsv`` and ``wording_word_ends.tsv``
come from the word list of jieba 0.42.1 (``jieba/dict.txt``, MIT licence,
Copyright (c) 2013 Sun Junyi): every entry of two or more characters whose
first two characters are in the 8105 list.

    python -m editor_app.checks.rules.wording._wordlists /path/to/jieba/dict.txt

* starts: first character -> the characters that can follow it at the start
  of a word (the 2-character prefixes of all words; a doubled pair is left out);
* ends: for the characters of ``wording_duplicated_free.txt`` only, the
  characters that can precede them at the end of a word (目的, 为了, 现在).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from editor_app.checks.resources import Resources

HEADER = (
    "# Derived from jieba 0.42.1 dict.txt (MIT licence, Copyright (c) 2013 Sun Junyi)\n"
    "# by editor_app/checks/rules/wording/_wordlists.py - do not edit by hand.\n"
)


def build(dict_path: Path, out_dir: Path) -> tuple[int, int]:
    res = Resources(out_dir)
    standard = set(res.hanzi_levels)
    free = set("".join(res.word_list("wording_duplicated_free")))
    starts: dict[str, set[str]] = defaultdict(set)
    ends: dict[str, set[str]] = defaultdict(set)
    for line in dict_path.read_text(encoding="utf-8").splitlines():
        word = line.split(" ", 1)[0]
        if len(word) < 2 or word[0] not in standard or word[1] not in standard:
            continue
        if word[0] != word[1]:
            starts[word[0]].add(word[1])
        if word[-1] in free and word[-2] != word[-1] and word[-2] in standard:
            ends[word[-1]].add(word[-2])
    for name, table, what in (
        (
            "wording_word_starts.tsv",
            starts,
            "first character<TAB>characters that follow it at the start of a word",
        ),
        (
            "wording_word_ends.tsv",
            ends,
            "character<TAB>characters that precede it at the end of a word",
        ),
    ):
        body = "".join(f"{k}\t{''.join(sorted(v))}\n" for k, v in sorted(table.items()))
        (out_dir / name).write_text(HEADER + f"# {what}\n" + body, encoding="utf-8")
    return len(starts), len(ends)


if __name__ == "__main__":  # pragma: no cover - maintenance
    src = Path(sys.argv[1])
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Resources().root
    print(build(src, out))
