"""Finding messages in two languages, as data beside the rules.

A rule declares its messages as pairs of templates with the same named fields::

    Msg("中文里用了半角{name}“{mark}”，应为全角“{full}”",
        "Half-width {name} “{mark}” in Chinese text; use the full-width “{full}”")

The rule's code writes the Chinese message; that is what a finding stores (and
what its history events store). The English text is rendered from it: the
Chinese template, read as a pattern, gives the fields back, and the English
template is filled with them. So a stored finding can be shown in either
language without a second stored text and without a schema change.

Field values keep their text when the English template quotes them (“{x}”,
「{x}」, 《{x}》: excerpts, characters, titles); an unquoted value that is a
Chinese word (a mark's name, a kind of typo) is translated through the rule's
glossary ``terms_en`` (and Chinese list separators become ", ").
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

# a field inside quotation marks keeps its value as it is (Chinese text, characters)
QUOTED_RE = re.compile(r"“[^”]*”|‘[^’]*’|「[^」]*」|《[^》]*》|\"[^\"]*\"")
# Chinese characters (ideographs, radicals, compatibility ideographs); punctuation marks
# are characters an English message may name
CJK_RE = re.compile(r"[\u2e80-\u2fdf\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


def fields_of(template: str) -> list[str]:
    """The named fields of a template, in order, with repeats."""
    return [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]


@dataclass(frozen=True)
class Msg:
    """One message of a rule: the Chinese template and the English one, same fields."""

    zh: str
    en: str
    # what a field may match where the Chinese message puts fields side by side
    # ({name}{mark}: mark="."); any other field matches as little text as it can
    patterns: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)

    def __post_init__(self) -> None:
        if set(fields_of(self.zh)) != set(fields_of(self.en)):
            raise ValueError(f"message templates differ in their fields: {self.zh!r} / {self.en!r}")

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        out, seen = [], set()
        for literal, name, _spec, _conv in string.Formatter().parse(self.zh):
            out.append(re.escape(literal))
            if name is None:
                continue
            if name in seen:
                out.append(f"(?P={name})")
            else:
                seen.add(name)
                out.append(f"(?P<{name}>{self.patterns.get(name, '.+?')})")
        return re.compile("".join(out), re.S)

    @cached_property
    def quoted_en(self) -> frozenset[str]:
        """The fields the English template quotes (their values are shown as they are)."""
        quoted = set()
        for span in QUOTED_RE.finditer(self.en):
            quoted.update(re.findall(r"\{(\w+)\}", span.group()))
        return frozenset(quoted)

    def zh_text(self, **values: object) -> str:
        return self.zh.format(**values)

    def parse(self, message: str) -> dict[str, str] | None:
        m = self.pattern.fullmatch(message)
        return None if m is None else m.groupdict()

    def english(self, values: Mapping[str, str], terms: Mapping[str, str]) -> str:
        out = {}
        for name, value in values.items():
            out[name] = value if name in self.quoted_en else translate_term(value, terms)
        return self.en.format(**out)


_SEPARATORS = {"，": ", ", "、": ", ", "；": "; ", "：": ": ", "（": " (", "）": ")"}


def translate_term(value: str, terms: Mapping[str, str]) -> str:
    """An unquoted field value in English: glossary words replaced (longest first)."""
    if value in terms:
        return terms[value]
    if not CJK_RE.search(value):
        return value
    for key in sorted(terms, key=len, reverse=True):
        if key in value:
            value = value.replace(key, terms[key])
    for zh, en in _SEPARATORS.items():
        value = value.replace(zh, en)
    return value


def unquoted_cjk(text: str) -> str:
    """The CJK characters of ``text`` outside quotation marks (what an English text must not have)."""
    return "".join(CJK_RE.findall(QUOTED_RE.sub("", text)))


# messages the engine writes for any rule (editor_app.checks.engine._summary_hit)
ENGINE_MESSAGES = (
    Msg("此规则在本文中的问题超过 {n} 处，其余未逐一列出，请整体检查本文",
        "More than {n} findings of this rule here; the rest are not listed: check the whole text"),
    # the same message as stored by version 0.x, with its inline English
    Msg("此规则在本文中的问题超过 {n} 处，其余未逐一列出，请整体检查本文"
        " / more than {n} findings of this rule here; the rest are not listed",
        "More than {n} findings of this rule here; the rest are not listed: check the whole text"),
)


@dataclass
class Messages:
    """A rule's messages: templates tried in order, and a glossary for unquoted values."""

    templates: tuple[Msg, ...] = ()
    terms_en: Mapping[str, str] = field(default_factory=dict)

    def match(self, message: str) -> tuple[Msg, dict[str, str]] | None:
        for msg in (*self.templates, *ENGINE_MESSAGES):
            values = msg.parse(message)
            if values is not None:
                return msg, values
        return None

    def english(self, message: str) -> str | None:
        """The English text of a Chinese message, None when no template reads it."""
        found = self.match(message)
        if found is None:
            return None
        msg, values = found
        return msg.english(values, self.terms_en)
