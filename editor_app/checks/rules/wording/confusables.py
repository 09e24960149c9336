"""wording.confusables: wrong forms from a curated table with context patterns.

The table is ``resources/checks/wording_confusables.tsv`` (pattern, right
form, exception, must-flag examples, must-pass examples, note). A row is in
the table only when its pattern, in its context, is practically never right:
好象 -> 好像, 登陆网站 -> 登录网站 (not 台风登陆, 登陆市场), 其它人 -> 其他人
(其它 for things is accepted), …人选世界非遗 -> 入选 (not 合适人选).

Speed: most patterns start with a literal; the rule first checks that the
pattern's required literal occurs in the text (``str`` search) and runs the
regex only then.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from editor_app.checks.core import ArticleContext, Hit, Rule
from editor_app.checks.messages import Msg
from editor_app.checks.resources import Resources

from ..script._zh import HAN, cached

TABLE = "wording_confusables"
EXAMPLE_SEP = "｜"
WINDOW = 30  # characters either side searched for a row's exception
_HAN_RUN = re.compile(f"[{HAN}]+")


@dataclass(frozen=True)
class Entry:
    pattern: re.Pattern[str]
    right: str
    exception: re.Pattern[str] | None
    needle: str  # a literal every match contains ("" if unknown)
    needle_chars: frozenset[str]
    match_at_needle: bool  # the pattern is lookbehinds + needle + ...: match where the needle is
    note: str
    severity: str | None
    must_flag: tuple[str, ...]
    must_pass: tuple[str, ...]


def required_literal(pattern: str) -> str:
    """A run of Han characters that every match of ``pattern`` contains, or "".

    Lookarounds are dropped; groups and character classes break a run; a
    pattern with a top-level alternation has no required literal."""
    s = re.sub(r"\\.", "#", pattern)  # escapes (\d, \s, \n) are not literals
    s = re.sub(r"\[[^\]]*\]", "#", s)
    while True:  # innermost groups first: lookarounds vanish, other groups break a run
        new = re.sub(r"\((\?<?[=!])?[^()]*\)", lambda m: "" if m.group(1) else "#", s)
        if new == s:
            break
        s = new
    if "|" in s:
        return ""
    # a character followed by ? * or {0,...} is optional: cut the run there
    s = re.sub(rf"[{HAN}](?:\?|\*|\{{0)", "#", s)
    runs = _HAN_RUN.findall(s)
    return max(runs, key=len) if runs else ""


def _lookbehinds_then(pattern: str, needle: str) -> bool:
    """Is ``pattern`` one or more lookbehinds followed by ``needle``? Such a
    pattern defeats the regex engine's literal prefix scan, so the rule finds
    the needle with ``str.find`` and matches there."""
    rest = pattern
    seen = False
    while rest.startswith("(?<"):
        depth = 0
        for k, ch in enumerate(rest):
            depth += ch == "("
            depth -= ch == ")"
            if depth == 0:
                rest = rest[k + 1 :]
                break
        else:
            return False
        seen = True
    return seen and rest.startswith(needle)


def load_entries(resources: Any) -> tuple[Entry, ...]:
    entries = []
    for row in resources.table(TABLE):
        cells = list(row) + [""] * (7 - len(row))
        pattern, right, exception, flag, pass_, note, severity = cells[:7]
        if not pattern or not right:
            continue
        needle = required_literal(pattern)
        entries.append(
            Entry(
                pattern=re.compile(pattern, re.M),
                right=right,
                exception=re.compile(exception) if exception else None,
                needle=needle,
                needle_chars=frozenset(needle),
                match_at_needle=bool(needle) and _lookbehinds_then(pattern, needle),
                note=note,
                severity=severity or None,
                must_flag=tuple(x for x in flag.split(EXAMPLE_SEP) if x),
                must_pass=tuple(x for x in pass_.split(EXAMPLE_SEP) if x),
            )
        )
    return tuple(entries)


def _excepted(text: str, s: int, e: int, exc: re.Pattern[str]) -> bool:
    a = max(0, s - WINDOW)
    for m in exc.finditer(text, a, min(len(text), e + WINDOW)):
        if m.start() < e and m.end() > s:
            return True
    return False


def _matches(entry: Entry, text: str) -> Iterator[re.Match[str]]:
    if not entry.match_at_needle:
        yield from entry.pattern.finditer(text)
        return
    p = text.find(entry.needle)
    while p >= 0:
        m = entry.pattern.match(text, p)
        if m:
            yield m
        p = text.find(entry.needle, p + 1)


def find_confusables(ctx: ArticleContext) -> Iterator[Hit]:
    text = ctx.text
    entries = cached(ctx.resources, "wording.confusables", load_entries)
    present = set(text)  # one pass; most rows are ruled out by a character they need
    for entry in entries:
        if entry.needle and (not entry.needle_chars <= present or entry.needle not in text):
            continue
        for m in _matches(entry, text):
            s, e = m.start(), m.end()
            if s == e:
                continue
            if entry.exception is not None and _excepted(text, s, e, entry.exception):
                continue
            note = f"（{entry.note}）" if entry.note else ""
            yield Hit(
                s,
                e,
                f"“{m.group()}”疑为误用，应为“{entry.right}”{note}",
                suggestion=entry.right,
                severity=entry.severity,
            )


def _examples() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The table's examples, for the rule declaration (read once at import)."""
    flag: list[str] = []
    pass_: list[str] = []
    for row in Resources().table(TABLE):
        if len(row) >= 5:
            flag.extend(x for x in row[3].split(EXAMPLE_SEP) if x)
            pass_.extend(x for x in row[4].split(EXAMPLE_SEP) if x)
    return tuple(flag), tuple(pass_)


_FLAG, _PASS = _examples()

RULES = [
    Rule(
        id="wording.confusables",
        category="wording",
        severity="warning",
        title="易混淆词语",
        title_en="Easily confused words",
        messages=(
            Msg(
                "“{wrong}”疑为误用，应为“{right}”（{note}）",
                "“{wrong}” looks misused; should be “{right}” (in Chinese: 「{note}」)",
            ),
            Msg(
                "“{wrong}”疑为误用，应为“{right}”",
                "“{wrong}” looks misused; should be “{right}”",
            ),
        ),
        explanation=(
            "出版物中常见的别字和易混淆词，按《现代汉语词典》（第7版）和"
            "《第一批异形词整理表》的规范词形提示，如“好象→好像”“登陆网站→登录网站”"
            "“做为→作为”“必需遵守→必须遵守”“其它人→其他人”“人选世界非遗→入选”"
            "“再接再励→再接再厉”。每条都带上下文条件和不报的例句，词表见"
            " resources/checks/wording_confusables.tsv。"
        ),
        must_flag=_FLAG,
        must_pass=_PASS,
        func=find_confusables,
    )
]
