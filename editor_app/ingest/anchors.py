"""Finding each table-of-contents entry's article in the body: bylines and printed titles.

The body of a layout export is not in table-of-contents order and an article's
title may be printed after its first paragraphs (the page's title block comes
out of the layout after the text frame). The byline is the sturdiest anchor:
a short line holding the entry's authors, with or without ■, with layout
spaces inside names, with a role before or after (``中共浙江省委书记 易炼红``,
``张霞 云和县崇头镇党委副书记、镇长``). A byline that differs from the TOC by one
character (a typo in one of them) is still found, and later reported by the
consistency checks.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from editor_app.model import TocEntry

from .bylines import MAX_BYLINE, Byline, names_pattern, parse_byline, parse_guided
from .lines import Line, fold, fold_marks, nospace
from .names import split_names

BULLET = re.compile(r"^[■●◆▲]\s*")


@dataclass
class Anchor:
    line: int  # index of the byline (or title) line
    kind: str  # "byline" or "title"
    exact: bool  # byline names equal the TOC's
    byline: Byline | None = None  # the byline read on that line


def title_keys(title: str) -> list[str]:
    """Fold forms under which a TOC title may be printed: whole, and the part after a ``place:``."""
    keys = [fold_marks(title)]
    for sep in (":", "："):
        if sep in title:
            head, _, tail = title.partition(sep)
            if tail.strip():
                keys.append(fold_marks(tail))
    return [k for k in keys if k]


def _one_char_off(a: str, b: str) -> bool:
    if len(a) != len(b) or len(b) < 2 or a[0] != b[0]:
        return False
    return sum(1 for x, y in zip(a, b, strict=True) if x != y) == 1


_UNEXPECTED_LEFTOVER = re.compile(r"^[^\W\d_摄图]{0,6}$")
UNLISTED = "(unlisted form: the contents' names)"


@dataclass
class _Names:
    """An entry's authors in the forms the byline match needs, computed once."""

    authors: list[str]
    role: str
    flat: str  # the names run together, no spaces
    firsts: frozenset[str]  # the first character of each name
    sorted_flat: list[str]
    unexpected: re.Pattern[str]

    @classmethod
    def of(cls, entry: TocEntry) -> _Names:
        flats = [nospace(a) for a in entry.authors if nospace(a)]
        pat = rf"(?:^|[\s\u3000/／|｜:：]){names_pattern(entry.authors)}(?:$|[\s\u3000])"
        return cls(
            list(entry.authors), entry.role, "".join(flats), frozenset(f[0] for f in flats), sorted(flats),
            re.compile(pat),
        )


def _byline_match(line: Line, entry: TocEntry, names: _Names | None = None) -> tuple[bool, bool, Byline | None]:
    """(matches, exact, byline) for a byline of ``entry`` on ``line``.

    In order: a form of ``bylines.tsv`` printing exactly the entry's names (guided);
    a byline form read alone with the entry's names, or names one character off (a typo
    in the contents or the byline); a short line holding the entry's names in an
    unexpected form (``撰稿 林晓 周航``) with a few words beside them."""
    s = line.stripped
    if not s or len(s) > MAX_BYLINE or not entry.authors:
        return False, False, None
    n = names or _Names.of(entry)
    if not n.flat or n.firsts.isdisjoint(s):
        return False, False, None
    b = parse_guided(s, n.authors)
    if b is not None:
        if not b.role and nospace(b.authors[0]) != nospace(n.role):
            b.role = n.role
        return True, True, b
    alone = parse_byline(s)
    if alone is not None:
        got = [nospace(a) for a in alone.authors]
        if "".join(got) == n.flat or sorted(got) == n.sorted_flat:
            return True, True, alone
        if _one_char_off("".join(got), n.flat):
            return True, False, alone
        return False, False, None
    has_bullet = bool(BULLET.match(s))
    body = BULLET.sub("", s)
    flat = nospace(body)
    parts = body.split()
    # one character off in a bare name line (a typo in the TOC or the byline)
    if (has_bullet or len(parts) <= len(n.authors) + 1) and _one_char_off(flat, n.flat):
        return True, False, Byline(authors=split_names(body), role="")
    # the names in an unexpected form, as whole words: the rest is a few word characters
    m = n.unexpected.search(body)
    if m and not re.search(r"[。，,；;！？!?]", s):
        rest = nospace(body[: m.start()] + body[m.end() :]).strip("/／|｜:：")
        if _UNEXPECTED_LEFTOVER.match(rest):
            return True, False, Byline(authors=list(n.authors), role=n.role, form=UNLISTED)
    return False, False, None


def short_lines(lines: list[Line], allowed: list[range]) -> list[int]:
    """The lines of ``allowed`` short enough to be a byline."""
    out = []
    for rng in allowed:
        for i in rng:
            ln = lines[i]
            if ln.end - ln.start <= 3 * MAX_BYLINE and 0 < len(ln.stripped) <= MAX_BYLINE:
                out.append(i)
    return out


def find_bylines(
    lines: list[Line], entry: TocEntry, allowed: list[range], candidates: list[int] | None = None
) -> list[Anchor]:
    out: list[Anchor] = []
    if not entry.authors:
        return out
    names = _Names.of(entry)
    for i in short_lines(lines, allowed) if candidates is None else candidates:
        ok, exact, byline = _byline_match(lines[i], entry, names)
        if ok:
            out.append(Anchor(i, "byline", exact, byline))
    return out


def title_match(lines: list[Line], i: int, entry: TocEntry) -> int:
    """How many lines (0, 1 or 2 non-blank) starting at ``i`` print the entry's title."""
    s = lines[i].stripped
    if not s or len(s) > 60:
        return 0
    keys = title_keys(entry.title)
    one = fold_marks(s)
    if any(one == k for k in keys):
        return 1
    # title printed over two lines
    j = i + 1
    while j < len(lines) and lines[j].blank and j <= i + 3:
        j += 1
    if j < len(lines) and lines[j].stripped and len(lines[j].stripped) <= 60:
        two = one + fold_marks(lines[j].stripped)
        if any(two == k for k in keys):
            return 2
    return 0


def title_similar(text: str, entry: TocEntry, threshold: float = 0.6) -> float:
    """Similarity of a printed line to the entry's title (0 when below ``threshold``)."""
    s = fold_marks(text)
    best = 0.0
    for k in title_keys(entry.title):
        if not s or not k:
            continue
        r = difflib.SequenceMatcher(None, s, k, autojunk=False).ratio()
        best = max(best, r)
    return best if best >= threshold else 0.0


HEAD_LEAD = re.compile(r"^\s*[●■]")
ROLE_LINE = re.compile(r"(记者|评论员|通讯员|书记|厅长|局长|主任|院长|部长|委员|县长|市长|区长|镇长|主席|教授|研究员)")
PHOTO_LINE = re.compile(r"摄\s*$|^\s*(?:图|摄影)\s*[/／|｜:：]")
SHORT_HEAD = 30


def heads_an_article(lines: list[Line], i: int, n_title: int, stop: int | None = None) -> bool:
    """Whether the title printed at line ``i`` (over ``n_title`` non-blank lines) heads an
    article: after it and at most a few head lines (subtitle, byline, role, ● lead, photo
    credit, page-break debris) comes running text. Cover lines and a title quoted in a
    list of other short lines do not."""
    stop = len(lines) if stop is None else stop
    j = i
    seen = 0
    while j < stop and seen < n_title:
        if not lines[j].blank:
            seen += 1
        j += 1
    heads = 0
    while j < stop:
        s = lines[j].stripped
        j += 1
        if not s:
            continue
        if len(s) > 40 or (len(s) > 6 and s.endswith(("。", "！", "？", "…", "。”", "！”", "？”"))):
            return True
        if HEAD_LEAD.match(s):
            return True
        if heads >= 4:
            return False
        if (
            s.startswith("——")
            or parse_byline(s) is not None
            or (len(s) <= SHORT_HEAD and (ROLE_LINE.search(s) or PHOTO_LINE.search(s)))
            or is_debris(s)
        ):
            heads += 1
            continue
        return False
    return False


PAGE_NUMBER = re.compile(r"^[-–—·\s]*\d{1,3}[-–—·\s]*$|^第\s*\d{1,3}\s*页$")


def is_debris(s: str, running_head: str = "") -> bool:
    """Page-break debris: a page number (``23``, ``— 23 —``) or a running head holding the
    magazine's name (``东越视窗 2025年第3期``, ``23 | 东越视窗``)."""
    s = s.strip()
    if not s or len(s) > 30:
        return False
    if PAGE_NUMBER.match(s) or RUNNING_HEAD.match(s):
        return True
    return bool(running_head) and running_head in nospace(s) and bool(re.search(r"\d", s))


# 东越视窗 2025年第3期 · 2025.3 东越视窗 · 东越视窗｜23 · 23｜本期关注
RUNNING_HEAD = re.compile(
    r"^(?:\S{2,10}\s*)?\d{4}\s*年\s*第\s*\d{1,3}\s*期(?:\s*\S{1,10})?$"
    r"|^(?:[^\d\s]{2,10}\s+)?(?:19|20)\d{2}\s*[.．]\s*\d{1,2}(?:\s+[^\d\s]{2,10})?(?:\s+\d{1,3})?$"
    r"|^[^\d\s|｜]{2,10}\s*[|｜]\s*\d{1,3}$|^\d{1,3}\s*[|｜]\s*[^\d\s|｜]{2,10}$"
)


def find_titles(lines: list[Line], entry: TocEntry, allowed: list[range]) -> list[Anchor]:
    """Lines printing the entry's title that head an article (see :func:`heads_an_article`);
    failing those, a short line very like the title (a title changed on the page)."""
    out = []
    for rng in allowed:
        for i in rng:
            n = title_match(lines, i, entry)
            if n and heads_an_article(lines, i, n, rng.stop):
                out.append(Anchor(i, "title", True))
    if out:
        return out
    for rng in allowed:
        for i in rng:
            s = lines[i].stripped
            if (
                s
                and len(s) <= 40
                and not re.search(r"[。！？；，,]$", s)
                and not re.match(r"P\s?\d", s)
                and title_similar(s, entry, 0.8)
                and heads_an_article(lines, i, 1, rng.stop)
            ):
                out.append(Anchor(i, "title", False))
    return out


def choose_anchors(
    lines: list[Line], entries: list[TocEntry], allowed: list[range]
) -> list[Anchor | None]:
    """One anchor per entry, taking entries in page order and preferring the first
    candidate after the previous article's anchor (the body runs in page order,
    apart from pieces placed before the table of contents)."""
    cands: list[list[Anchor]] = []
    short = short_lines(lines, allowed)
    for e in entries:
        c = find_bylines(lines, e, allowed, short)
        exact = [a for a in c if a.exact]
        c = exact or c
        if not c:
            c = find_titles(lines, e, allowed)
        cands.append(c)
    chosen: list[Anchor | None] = [None] * len(entries)
    taken: set[int] = set()
    prev = -1
    order = sorted(range(len(entries)), key=lambda k: entries[k].page)
    for k in order:
        options = [a for a in cands[k] if a.line not in taken]
        if not options:
            continue
        after = [a for a in options if a.line > prev]
        pick = after[0] if after else options[0]
        chosen[k] = pick
        taken.add(pick.line)
        prev = max(prev, pick.line)
    return chosen


__all__ = [
    "Anchor",
    "choose_anchors",
    "find_bylines",
    "find_titles",
    "heads_an_article",
    "is_debris",
    "fold",
    "title_keys",
    "title_match",
    "title_similar",
]
