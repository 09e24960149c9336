"""Simplified -> traditional text for the traditional editions (tw, hk).

What a traditional edition does to the text, in this order of precedence:

1. house overrides (``resources/export/traditional_overrides.tsv``): words
   OpenCC gets wrong (钟馗 -> 鍾馗, also after 悬/挂);
2. proper nouns are converted as a unit and never by vocabulary: the people
   named in the issue's contents and bylines character by character (the
   first from ``surnames.tsv`` where OpenCC would pick another word: 范 stays
   范, not 範), the house list of organisations and places
   (``proper_nouns.tsv``), and company names recognised by their ending
   (……有限公司, ……集团, ……公司). A byline name that is also a common word
   (an author called 周末) is written as the name wherever it occurs;
3. with ``regional_vocabulary`` only: the newsroom's short phrase table for the
   region (``tw_phrases.tsv`` / ``hk_phrases.tsv``: 软件 -> 軟體);
4. everything else: OpenCC character conversion, ``s2tw`` or ``s2hk`` (never
   ``s2twp``, whose phrase table rewrites ordinary prose as computer
   vocabulary: 项目 -> 專案, 支持 -> 支援, 文件 -> 檔案);
5. with ``corner_quotes``: “” -> 「」 and ‘’ -> 『』 (an apostrophe between
   Latin letters is left alone).

:meth:`Converter.mapped` also returns a :class:`TextMap` from offsets in the
simplified text to offsets in the converted one, so that comments keep their
exact places although a phrase may change the length (出租车 -> 的士).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from editor_app.model import Issue
from editor_app.paths import resource

from .common import ExportError

# character conversion per variant: Taiwan / Hong Kong standard characters, no phrases
CONFIGS = {"tw": "s2tw", "hk": "s2hk"}
LANGS = {"tw": "zh-TW", "hk": "zh-HK"}

QUOTES = {"“": "「", "”": "」", "‘": "『", "’": "』"}

# a company name: up to ten characters before the ending, cut after a word that cannot start a name
_ORG_ENDINGS = "股份有限公司|有限责任公司|有限公司|集团|公司"
_ORG = re.compile(rf"(?P<name>[\u4e00-\u9fff（）()]{{2,10}}?)(?:{_ORG_ENDINGS})")
_NOT_IN_NAME = set("的了在和与及是向从到对把被由给将让等为其这那该各每即")
_CJK_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,8}$")
# where OpenCC phrases cannot reach across: converting between them is safe
_CHUNK = re.compile(r"[^\n，。、；：？！,.;:?!（）()“”‘’《》「」]*[\n，。、；：？！,.;:?!（）()“”‘’《》「」]?")


@cache
def _opencc(config: str):
    try:
        import opencc  # imported lazily: only traditional copies need it
    except ImportError as exc:  # pragma: no cover - opencc is a declared dependency
        raise ExportError("未安装 OpenCC，无法转换繁体 / OpenCC is not installed") from exc
    try:
        return opencc.OpenCC(config)
    except Exception:
        return opencc.OpenCC(f"{config}.json")


# -- the house tables -------------------------------------------------------------


def _rows(name: str) -> list[list[str]]:
    path = resource("export", name)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"缺少繁体转换表 {name} / Missing traditional table {name}") from exc
    out = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        out.append([c.strip() for c in line.split("\t")])
    return out


@dataclass(frozen=True)
class Tables:
    overrides: dict[str, dict[str, str]]  # simplified -> {variant: traditional}
    nouns: dict[str, dict[str, str]]  # simplified -> {variant: traditional} (may be empty)
    surnames: dict[str, str]
    phrases: dict[str, dict[str, str]]  # variant -> {simplified: traditional}


@cache
def tables() -> Tables:
    overrides = {r[0]: {"tw": r[1], "hk": r[2]} for r in _rows("traditional_overrides.tsv")}
    nouns = {}
    for r in _rows("proper_nouns.tsv"):
        forms = {}
        if len(r) > 1 and r[1]:
            forms["tw"] = r[1]
        if len(r) > 2 and r[2]:
            forms["hk"] = r[2]
        nouns[r[0]] = forms
    surnames = {r[0]: r[1] for r in _rows("surnames.tsv")}
    phrases = {v: {r[0]: r[1] for r in _rows(f"{v}_phrases.tsv")} for v in CONFIGS}
    return Tables(overrides, nouns, surnames, phrases)


def _alternation(words: Iterable[str]) -> re.Pattern | None:
    ws = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    if not ws:
        return None
    return re.compile("|".join(re.escape(w) for w in ws))


# -- offsets -------------------------------------------------------------------------


class TextMap:
    """Offsets in a simplified text -> offsets in its conversion.

    Built from consecutive blocks (source start, source end, converted start,
    converted end); a block of equal lengths maps character for character, a
    block that changed length maps its inside to its edges.
    """

    def __init__(self) -> None:
        self.src: list[int] = []
        self.blocks: list[tuple[int, int, int, int]] = []

    def add(self, s: int, e: int, d: int, f: int) -> None:
        self.src.append(s)
        self.blocks.append((s, e, d, f))

    def _block(self, pos: int) -> tuple[int, int, int, int] | None:
        k = bisect.bisect_right(self.src, pos) - 1
        return self.blocks[k] if k >= 0 else None

    def start(self, pos: int) -> int:
        """Where a range starting at ``pos`` starts in the converted text."""
        b = self._block(pos)
        if b is None:
            return 0
        s, e, d, f = b
        if pos >= e:
            return f
        return d + (pos - s) if e - s == f - d else d

    def end(self, pos: int) -> int:
        """Where a range ending at ``pos`` (exclusive) ends in the converted text."""
        b = self._block(pos - 1) if pos > 0 else None
        if b is None:
            return 0
        s, e, d, f = b
        if pos >= e:
            return f
        return d + (pos - s) if e - s == f - d else f


# -- the converter ---------------------------------------------------------------------


class Converter:
    """Simplified -> one traditional edition (see the module docstring)."""

    def __init__(
        self,
        variant: str,
        *,
        regional_vocabulary: bool = False,
        corner_quotes: bool = True,
        names: Iterable[str] = (),
    ):
        if variant not in CONFIGS:
            raise ExportError(
                f"不支持的繁体转换：{variant!r}（可用 tw、hk） / Unknown traditional variant: {variant!r} (tw, hk)"
            )
        self.variant = variant
        self.cc = _opencc(CONFIGS[variant])
        self.quotes = corner_quotes
        t = tables()
        self._overrides = {s: forms[variant] for s, forms in t.overrides.items()}
        self._override_re = _alternation(self._overrides)
        fixed: dict[str, str] = {}
        for noun, forms in t.nouns.items():
            fixed[noun] = forms.get(variant) or self._unit(noun)
        self._surnames = t.surnames
        for name in names:
            name = name.strip()
            if _CJK_NAME.match(name) and name not in fixed:
                fixed[name] = self._person(name)
        fixed.update(self._overrides)  # the house corrections win
        self._fixed = fixed
        self._fixed_re = _alternation(fixed)
        self._phrases = t.phrases[variant] if regional_vocabulary else {}
        self._phrase_re = _alternation(self._phrases)

    # units converted in isolation -----------------------------------------------------

    def _chars(self, text: str) -> str:
        return self.cc.convert(text) if text else text

    def _unit(self, text: str) -> str:
        """A proper noun: house overrides, then character conversion of the rest."""
        if self._override_re is None:
            return self._chars(text)
        out, pos = [], 0
        for m in self._override_re.finditer(text):
            out.append(self._chars(text[pos:m.start()]))
            out.append(self._overrides[m.group()])
            pos = m.end()
        out.append(self._chars(text[pos:]))
        return "".join(out)

    def _person(self, name: str) -> str:
        """A person's name, character by character (a given name is not a word:
        OpenCC's phrases would read 周末 as 週末); the surname from the house table."""
        if name in self._overrides:
            return self._overrides[name]
        first = self._surnames.get(name[0]) or self._chars(name[0])
        return first + "".join(self._chars(c) for c in name[1:])

    # the text -----------------------------------------------------------------------

    def _protected(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, converted) spans of fixed words and company names."""
        cands: list[tuple[int, int, str | None]] = []
        if self._fixed_re is not None:
            cands += [(m.start(), m.end(), self._fixed[m.group()]) for m in self._fixed_re.finditer(text)]
        for m in _ORG.finditer(text):
            s, e = m.start(), m.end()
            cut = max((i for i in range(s, e) if text[i] in _NOT_IN_NAME), default=None)
            if cut is not None:
                s = cut + 1
            if m.end("name") - s >= 2:  # a name of two characters or more before the ending
                cands.append((s, e, None))
        cands.sort(key=lambda c: (c[0], -(c[1] - c[0])))
        out: list[tuple[int, int, str]] = []
        last = 0
        for s, e, conv in cands:
            if s < last:
                continue
            out.append((s, e, conv if conv is not None else self._unit(text[s:e])))
            last = e
        return out

    def _free(self, text: str, base: int, pieces: list[tuple[int, int, str]]) -> None:
        """Text outside protected spans: regional phrases (if on), then characters."""
        pos = 0
        if self._phrase_re is not None:
            for m in self._phrase_re.finditer(text):
                self._chars_into(text[pos:m.start()], base + pos, pieces)
                pieces.append((base + m.start(), base + m.end(), self._phrases[m.group()]))
                pos = m.end()
        self._chars_into(text[pos:], base + pos, pieces)

    def _chars_into(self, text: str, base: int, pieces: list[tuple[int, int, str]]) -> None:
        if not text:
            return
        out = self._chars(text)
        if len(out) == len(text):
            pieces.append((base, base + len(text), out))
            return
        # the length changed somewhere: convert clause by clause to keep the map fine
        pos = 0
        for m in _CHUNK.finditer(text):
            if m.start() == m.end():
                continue
            pieces.append((base + m.start(), base + m.end(), self._chars(m.group())))
            pos = m.end()
        assert pos == len(text)

    def mapped(self, text: str) -> tuple[str, TextMap]:
        """The converted text and the map of offsets into it."""
        pieces: list[tuple[int, int, str]] = []
        pos = 0
        for s, e, conv in self._protected(text):
            self._free(text[pos:s], pos, pieces)
            pieces.append((s, e, conv))
            pos = e
        self._free(text[pos:], pos, pieces)
        tmap = TextMap()
        out: list[str] = []
        d = 0
        for s, e, conv in pieces:
            tmap.add(s, e, d, d + len(conv))
            out.append(conv)
            d += len(conv)
        result = "".join(out)
        if self.quotes:
            result = corner_quotes(result)
        return result, tmap

    def __call__(self, text: str) -> str:
        return self.mapped(text)[0] if text else text


def corner_quotes(text: str) -> str:
    """“” -> 「」, ‘’ -> 『』, one for one; ’ between Latin letters (an apostrophe) stays."""
    if not any(q in text for q in QUOTES):
        return text
    chars = list(text)
    for i, c in enumerate(chars):
        if c in QUOTES:
            if c in "‘’" and 0 < i < len(chars) - 1 and chars[i - 1].isascii() and chars[i - 1].isalnum() \
                    and chars[i + 1].isascii() and chars[i + 1].isalpha():
                continue
            chars[i] = QUOTES[c]
    return "".join(chars)


def issue_names(issue: Issue) -> list[str]:
    """The people named in the issue's contents and bylines."""
    names: list[str] = []
    for e in issue.toc:
        names.extend(e.authors)
    for s in issue.segments:
        names.extend(s.authors)
    return list(dict.fromkeys(n.strip() for n in names if n.strip()))


def edition_converter(
    issue: Issue, variant: str, *, regional_vocabulary: bool = False, corner_quotes: bool = True
) -> Converter:
    """The converter of one issue's traditional edition (its bylines protected)."""
    return Converter(
        variant,
        regional_vocabulary=regional_vocabulary,
        corner_quotes=corner_quotes,
        names=issue_names(issue),
    )


def converter(variant: str | None) -> Callable[[str], str]:
    """A plain converter for a variant (identity for None): characters, house
    overrides and corner quotes, no regional vocabulary, no issue names."""
    if variant is None:
        return lambda s: s
    return Converter(variant)
