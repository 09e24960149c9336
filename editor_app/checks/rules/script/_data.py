"""Derived data of the script rules, built once per Resources.

Classes of a Han character (RULES.md, "script"):

1. not in the 8105 list and OpenCC ``t2s`` changes it -> traditional form;
2. in the 8105 list but ``t2s`` changes it -> a standard character that is
   right only in some words (乾坤, 於 as a surname ...);
3. not in the 8105 list and ``t2s`` leaves it -> a rare character.

Finding non-standard characters is one regex over the text (a class of every
ideograph minus the 8105 list); OpenCC runs only on those characters and on
the short excerpts of a finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ._zh import HAN_RANGES, cached, complement_class, word_starts

T2S = "t2s"


@dataclass
class ScriptData:
    resources: Any
    standard: frozenset[str]
    candidate_re: re.Pattern[str]  # runs of ideographs that may be outside the 8105 list
    variant_re: re.Pattern[str]  # class-2 characters (in the list, t2s changes them)
    variant_target: dict[str, str]  # class-2 character -> its t2s form
    ok_words: dict[str, tuple[tuple[str, int], ...]]  # char -> (word, offset of char in word)
    notes: dict[str, str]  # class-2 character -> where it is the right character
    boundary_chars: frozenset[str]  # characters that do not join a neighbouring word
    starts: dict[str, str]  # word starts (see _zh.word_starts)
    _single: dict[str, str] = field(default_factory=dict)

    def t2s(self, text: str) -> str:
        return self.resources.convert(T2S, text)

    def t2s_char(self, ch: str) -> str:
        out = self._single.get(ch)
        if out is None:
            out = self.t2s(ch)
            self._single[ch] = out
        return out

    def nonstandard_positions(self, text: str) -> Iterator[int]:
        """Positions of ideographs outside the 8105 list, in order."""
        standard = self.standard
        for m in self.candidate_re.finditer(text):
            for i in range(m.start(), m.end()):
                if text[i] not in standard:
                    yield i

    def in_ok_word(self, text: str, pos: int) -> bool:
        """Is the character at ``pos`` inside an occurrence of an allowed word?"""
        for word, k in self.ok_words.get(text[pos], ()):
            start = pos - k
            if start >= 0 and text.startswith(word, start):
                return True
        return False


def _build(resources: Any) -> ScriptData:
    standard = frozenset(resources.hanzi_levels)
    # The class of BMP ideographs minus the list compiles to a bitmap; astral
    # ideographs (a few of them are in the list) are taken as one range and
    # filtered in Python: a class of thousands of astral ranges is slow.
    bmp = [r for r in HAN_RANGES if r[1] <= 0xFFFF]
    astral = [r for r in HAN_RANGES if r[0] > 0xFFFF]
    nonstd = complement_class(tuple(bmp), set(standard))
    nonstd += f"{chr(astral[0][0])}-{chr(astral[-1][1])}"
    ordered = sorted(standard)
    # one OpenCC call for the whole list; "\n" keeps characters from forming phrases
    converted = resources.convert(T2S, "\n".join(ordered)).split("\n")
    targets: dict[str, str] = {}
    if len(converted) == len(ordered):
        for ch, out in zip(ordered, converted, strict=True):
            # a target outside the list (薳 -> 䓕, 爇 -> 𦶟) is an OpenCC quirk,
            # not a simplification: such characters are standard as they are
            if out != ch and len(out) == 1 and out in standard:
                targets[ch] = out
    ok: dict[str, list[tuple[str, int]]] = {}
    for word in resources.word_list("script_variant_ok"):
        for k, ch in enumerate(word):
            if ch in targets or ch == "著":
                ok.setdefault(ch, []).append((word, k))
    notes = {row[0]: row[2] for row in resources.table("script_variant_notes") if len(row) >= 3}
    variant_chars = "".join(sorted(targets))
    return ScriptData(
        resources=resources,
        standard=standard,
        candidate_re=re.compile(f"[{nonstd}]+"),
        variant_re=re.compile(f"[{re.escape(variant_chars)}]")
        if variant_chars
        else re.compile(r"(?!x)x"),
        variant_target=targets,
        ok_words={ch: tuple(v) for ch, v in ok.items()},
        notes=notes,
        boundary_chars=frozenset("".join(resources.word_list("script_boundary_chars"))),
        starts=word_starts(resources),
    )


def script_data(resources: Any) -> ScriptData:
    return cached(resources, "script.data", _build)
