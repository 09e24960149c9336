"""Printed bylines, read with the forms of ``resources/ingest/bylines.tsv``.

A byline line names the writers (``■林晓 周航``, ``文/郑亦航``, ``本刊记者 叶青``,
``记者 林晓 通讯员 周航``), maybe a role and photo credits (``文 / 沈可 图 / 杨帆``).
Forms marked ``alone`` are bylines by themselves; the others (a bare name, a
free-text position before or after the names) count only *guided*: where the
names are the contents entry's authors. The table's examples are run by
``tests/ingest/test_bylines.py``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from editor_app.paths import resource

from .lines import nospace
from .names import known_roles, split_names

MAX_BYLINE = 40  # characters in a byline line, role and credits included
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_NAME_CHARS = HAN + r"·•・"
# a list of names: starts and ends with a Han character; spaces, 、 and ， between
NAMES = rf"[{HAN}](?:[{_NAME_CHARS}\s\u3000、，,]*[{HAN}])?"
MARK = r"[■□●◆◇▲★]\s*"
SEP = r"\s*[/／|｜:：]\s*"
POSITION = r"[^。！？；;!?/／|｜]{2,30}?"
_WS = r"[\s\u3000]"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_NAME_OK = re.compile(rf"^[{_NAME_CHARS}]{{2,12}}$")


@dataclass(frozen=True)
class Form:
    form: str  # the pattern as written in the table
    alone: bool
    example: str
    authors: tuple[str, ...]
    role: str
    credits: tuple[str, ...]


@dataclass(frozen=True)
class NotByline:
    example: str


@dataclass
class Byline:
    authors: list[str]
    role: str = ""
    credits: list[str] = field(default_factory=list)  # photographers, illustrators
    form: str = ""  # the table form that read it


@functools.cache
def byline_table() -> tuple[tuple[Form, ...], tuple[NotByline, ...]]:
    forms: list[Form] = []
    nots: list[NotByline] = []
    path = resource("ingest", "bylines.tsv")
    for ln in path.read_text(encoding="utf-8").splitlines():
        if not ln.strip() or ln.startswith("#"):
            continue
        cols = (ln.split("\t") + [""] * 6)[:6]
        form, alone, example, authors, role, credits = cols
        if form == "-":
            nots.append(NotByline(example))
            continue
        forms.append(
            Form(form, alone.strip() == "yes", example, tuple(authors.split()), role.strip(), tuple(credits.split()))
        )
    return tuple(forms), tuple(nots)


def _role_pattern() -> str:
    return "(?:" + "|".join(re.escape(r) for r in known_roles()) + ")"


def names_pattern(authors: list[str]) -> str:
    """A pattern for exactly these names as they may be printed: layout spaces inside a
    name, spaces, 、 or ， between names."""
    parts = []
    for a in authors:
        flat = nospace(a)
        if not flat:
            continue
        parts.append(f"{_WS}*".join(re.escape(ch) for ch in flat))
    if not parts:
        return r"(?!)"
    return rf"{_WS}*[、，,]?{_WS}*".join(parts)


@functools.cache
def _compile(form: str, guided_names: str | None) -> re.Pattern[str]:
    out: list[str] = []
    pos = 0
    for m in _PLACEHOLDER.finditer(form):
        out.append(_literal(form[pos : m.start()]))
        name = m.group(1)
        if name in ("names", "names2"):
            body = NAMES if guided_names is None or name == "names2" else guided_names
            out.append(f"(?P<{name}>{body})")
        elif name == "photo":
            out.append(f"(?P<photo>{NAMES})")
        elif name in ("role", "role2"):
            out.append(f"(?P<{name}>{_role_pattern()})")
        elif name == "position":
            out.append(f"(?P<position>{POSITION})")
        elif name == "mark":
            out.append(MARK)
        elif name == "sep":
            out.append(SEP)
        else:  # pragma: no cover - a typo in the table
            raise ValueError(f"bylines.tsv: unknown placeholder {{{name}}} in {form!r}")
        pos = m.end()
    out.append(_literal(form[pos:]))
    return re.compile("".join(out))


def _literal(s: str) -> str:
    """The text between placeholders is a regular expression; a space means one or more
    spaces and ``~`` optional spaces."""
    return s.replace(" ", f"{_WS}+").replace("~", f"{_WS}*")


def _names(text: str | None) -> list[str] | None:
    if not text:
        return []
    names = split_names(text)
    if not names or not all(_NAME_OK.match(n) for n in names):
        return None
    return names


def _read(form: Form, m: re.Match[str]) -> Byline | None:
    g = m.groupdict()
    authors = _names(g.get("names"))
    more = _names(g.get("names2"))
    credits = _names(g.get("photo"))
    if authors is None or more is None or credits is None:
        return None
    roles = [r for r in (g.get("role"), g.get("role2")) if r]
    if not authors and not more:
        if roles and "{names" not in form.form:
            return Byline(authors=[roles[0]], role="", credits=credits, form=form.form)
        return None
    role = "、".join(dict.fromkeys(roles))
    if g.get("position"):
        role = g["position"].strip()
    return Byline(authors=authors + more, role=role, credits=credits, form=form.form)


def parse_byline(line: str) -> Byline | None:
    """The byline on ``line`` read by the first ``alone`` form that fits, else None."""
    s = line.strip()
    if not s or len(s) > MAX_BYLINE:
        return None
    return _parse_cached(s)


@functools.cache
def _parse_cached(s: str) -> Byline | None:
    forms, _ = byline_table()
    for form in forms:
        if not form.alone:
            continue
        m = _compile(form.form, None).fullmatch(s)
        if m:
            b = _read(form, m)
            if b is not None:
                return b
    return None


def parse_guided(line: str, authors: list[str]) -> Byline | None:
    """The byline on ``line`` if some form (alone or guided) prints exactly ``authors``.
    The authors returned are the contents entry's (their split is the reliable one)."""
    s = line.strip()
    if not s or len(s) > MAX_BYLINE or not authors:
        return None
    flat = "".join(nospace(a) for a in authors)
    if not flat or flat[0] not in s:
        return None
    forms, _ = byline_table()
    pat = names_pattern(authors)
    for form in forms:
        m = _compile(form.form, pat).fullmatch(s)
        if not m:
            continue
        g = m.groupdict()
        if "names" not in g:
            # a lone role as the author (本刊评论员)
            role = g.get("role") or ""
            if [role] == [nospace(a) for a in authors]:
                return Byline(authors=list(authors), form=form.form)
            continue
        b = _read(form, m)
        if b is None and not form.alone:
            # bare names or a position: the names are the entry's by construction
            b = Byline(authors=[], form=form.form)
            if g.get("position"):
                b.role = g["position"].strip()
        if b is None:
            continue
        more = _names(g.get("names2")) or []
        b.authors = list(authors) + more
        return b
    return None


__all__ = ["Byline", "Form", "MAX_BYLINE", "byline_table", "names_pattern", "parse_byline", "parse_guided"]
