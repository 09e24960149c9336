"""Our demo issue rendered in other house styles, and the structure every style must give.

The parser was written on one layout. Other magazines (and other years of the same
one) print bylines, contents lines and column heads differently, and their exports
carry page numbers and running heads at page breaks, CRLF line ends and trailing
spaces. :func:`render` rewrites the bundled demo issue (our own writing) line by line
into such a style; :func:`expected` is the structure of the demo as parsed in its own
layout; :func:`assert_same_structure` compares a parse of a rendering with it.

Run ``python -m tests.ingest.layout_variants STYLE`` to print a rendering.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from editor_app.ingest import parse_text
from editor_app.ingest.names import known_roles
from editor_app.model import Issue, Segment, TocEntry

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "resources" / "samples" / "demo-issue.txt"

# -- bylines -----------------------------------------------------------------
PHOTOGRAPHER = "陈澄"


def _spaced(name: str) -> str:
    return " ".join(name) if len(name) == 2 else name


BYLINE_FORMS = {
    "keep": None,
    "mark": lambda a, r: "■" + " ".join(a),
    "mark-spaced": lambda a, r: "■ " + " ".join(_spaced(n) for n in a),
    "hollow": lambda a, r: "□" + "、".join(a),
    "wen": lambda a, r: "文/" + " ".join(a),
    "wen-bar": lambda a, r: "文｜" + "、".join(a),
    "wen-photo": lambda a, r: "文 / " + " ".join(a) + " 图 / " + PHOTOGRAPHER,
    "role-before": lambda a, r: f"{r or '本刊记者'} " + " ".join(a),
    "reporters": lambda a, r: "记者 " + a[0] + ("" if len(a) == 1 else " 通讯员 " + " ".join(a[1:])),
    "role-after": lambda a, r: " ".join(a) + f" {r or '本刊记者'}",
    "unlisted": lambda a, r: "执笔人：" + " ".join(a),  # a form bylines.tsv does not have
    "none": None,
}
# forms that print the role on the byline line (a separate role line is dropped)
ROLE_INLINE = {"role-before", "reporters", "role-after"}

# -- contents lines -------------------------------------------------------------


def _authors_text(e) -> str:
    names = " ".join(e.authors)
    return f"{e.role} {names}" if e.role else names


TOC_FORMS = {
    "keep": None,
    # 标题……页码, the authors on the next line
    "leader": lambda e: f"{e.title}……{e.page:02d}"
    + (f"\n——{e.subtitle}" if e.subtitle else "")
    + f"\n{_authors_text(e)}",
    # 标题……页码, then 文/作者
    "leader-wen": lambda e: f"{e.title}……{e.page:02d}"
    + (f"\n——{e.subtitle}" if e.subtitle else "")
    + "\n文/"
    + " ".join(e.authors),
    # 标题/作者 ··· 页码
    "slash-leader": lambda e: f"{e.title}/{_authors_text(e)} ··· {e.page}"
    + (f"\n——{e.subtitle}" if e.subtitle else ""),
    # 页码｜标题｜作者
    "pipe": lambda e: f"{e.page:02d}｜{e.title}｜{_authors_text(e)}" + (f"\n——{e.subtitle}" if e.subtitle else ""),
}

COLUMN_FORMS = {
    "keep": None,
    "bracket": lambda name: f"【{name}】",
    "diamond": lambda name: f"◆ {name}",
}


@dataclass(frozen=True)
class Style:
    name: str
    byline: str = "keep"
    toc: str = "keep"
    column: str = "keep"
    column_in_body: bool = False  # the column's name printed above each article
    debris: bool = False  # page numbers and running heads at page breaks
    crlf: bool = False  # CRLF line ends and trailing spaces


STYLES = (
    Style("reference"),
    Style("wen-slash", byline="wen", toc="leader"),
    Style("wen-bar-pipe", byline="wen-bar", toc="pipe", column="bracket", column_in_body=True),
    Style("photo-credit", byline="wen-photo", toc="slash-leader", column="diamond", debris=True),
    Style("role-before", byline="role-before", column="bracket", crlf=True),
    Style("reporters", byline="reporters", toc="leader", debris=True, crlf=True),
    Style("hollow-pipe", byline="hollow", toc="pipe", column="diamond"),
    Style("role-after", byline="role-after", toc="slash-leader", column_in_body=True, debris=True),
    Style("spaced-names", byline="mark-spaced", toc="leader-wen", column="bracket", crlf=True),
    Style("no-byline", byline="none", toc="pipe", debris=True),
    Style("unlisted-byline", byline="unlisted", toc="leader", column="bracket"),
    Style("mark-crlf", byline="mark", toc="slash-leader", column="diamond", column_in_body=True, crlf=True),
)


@dataclass
class Rendering:
    text: str
    bylines: dict[int, str]  # page -> byline form used
    debris: set[str] = field(default_factory=set)  # the debris lines put in


@dataclass(frozen=True)
class ArticleShape:
    title: str
    authors: tuple[str, ...]
    body: tuple[tuple[str, str], ...]  # (kind, text) of the body paragraphs, debris left out


def base_issue() -> Issue:
    return parse_text(DEMO.read_text(encoding="utf-8"))


def _line_span(src: str, pos: int) -> tuple[int, int]:
    """The whole line around ``pos`` (without its line break)."""
    a = src.rfind("\n", 0, pos) + 1
    b = src.find("\n", pos)
    return a, (len(src) if b < 0 else b)


def _byline_parts(seg: Segment) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    by = next((p for p in seg.paragraphs if p.kind == "byline"), None)
    role = next((p for p in seg.paragraphs if p.kind == "role"), None)
    return (by.pieces[0] if by else None), (role.pieces[0] if role else None)


def _head_without_byline(seg: Segment) -> bool:
    """Whether the article's start stays marked without its byline: the title is printed
    before any running text, or a ● lead opens the article."""
    kinds = [p.kind for p in seg.paragraphs]
    if "title" not in kinds:
        return False
    before = kinds[: kinds.index("title")]
    return "body" not in before or "lead" in before


def nospace_all(names: list[str]) -> str:
    return "".join("".join(n.split()) for n in names)


def byline_choice(seg: Segment, form: str, entry: TocEntry) -> str:
    """The form actually used for ``seg``: some articles keep theirs (a lone role as the
    author; a free-text position printed on the byline line); a byline is dropped only
    where the title or a ● lead still marks where the article starts."""
    by, _ = _byline_parts(seg)
    if by is None or form == "keep":
        return "keep"
    if seg.authors == [seg.byline_raw.strip()] and seg.authors[0] in known_roles():
        return "keep"  # 本刊评论员
    inline_position = seg.role and seg.role not in known_roles() and seg.role in seg.byline_raw
    if form == "none":
        return "none" if _head_without_byline(seg) else "keep"
    if form == "unlisted" and nospace_all(seg.authors) != nospace_all(entry.authors):
        return "keep"  # an unknown form is found by the contents' names only
    if inline_position:
        return "keep"
    return form


def render(
    style: Style, bylines: dict[int, str] | None = None, base: Issue | None = None, lead_report: bool = False
) -> Rendering:
    """The demo in ``style``; ``bylines`` (page -> form) overrides the style's byline form;
    ``lead_report`` adds the lead report of :func:`with_lead_report`."""
    base = base or base_issue()
    src = base.source
    edits: list[tuple[int, int, str]] = []
    used: dict[int, str] = {}
    debris: set[str] = set()
    roles = set(known_roles())

    for seg in base.articles():
        form = byline_choice(seg, (bylines or {}).get(seg.page, style.byline), base.toc[seg.toc_index])
        used[seg.page] = form
        if form == "keep":
            continue
        by, role = _byline_parts(seg)
        assert by is not None
        free_role_line = role is not None and seg.role not in roles
        if form == "none":
            edits.append((*_line_span(src, by[0]), ""))
            if role is not None:
                edits.append((*_line_span(src, role[0]), ""))
            continue
        line = BYLINE_FORMS[form](seg.authors, "" if free_role_line else seg.role)
        edits.append((*_line_span(src, by[0]), line))
        if role is not None and form in ROLE_INLINE and not free_role_line:
            edits.append((*_line_span(src, role[0]), ""))

    toc_seg = next(s for s in base.segments if s.kind == "toc")
    if style.toc != "keep":
        for e in base.toc:
            edits.append((e.source_start, e.source_end, TOC_FORMS[style.toc](e)))
    if style.column != "keep":
        sections = {e.section for e in base.toc if e.section}
        pos = toc_seg.source_start
        for raw in src[toc_seg.source_start : toc_seg.source_end].split("\n"):
            name = raw.strip().removeprefix(">>").strip()
            if name in sections and not any(a <= pos < b for a, b, _ in edits):
                edits.append((pos, pos + len(raw), COLUMN_FORMS[style.column](name)))
            pos += len(raw) + 1
        for seg in base.segments:
            if seg.kind == "news" and seg.title and len(seg.title) <= 8:
                a, b = _line_span(src, seg.paragraphs[0].pieces[0][0])
                edits.append((a, b, COLUMN_FORMS[style.column](src[a:b].strip())))

    if style.debris:
        k = 0
        arts = base.articles()
        for n, seg in enumerate(arts):
            for p in seg.paragraphs:
                for s, _e in p.pieces[:-1]:  # a paragraph cut by a page break
                    _, end = _line_span(src, s)
                    head = f"— {seg.page + k % 3 + 1} —" if k % 2 else f"东越视窗 2025年第3期 {seg.page + 1}"
                    debris.add(head)
                    edits.append((end, end, "\n\n" + head))
                    k += 1
            if n and base.segments[base.segments.index(seg) - 1].kind == "article":
                foot = f"东越视窗｜{seg.page - 1}"
                debris.add(foot)
                edits.append((seg.source_start, seg.source_start, foot + "\n\n"))

    if style.column_in_body:  # after the debris: a page's foot comes before the next column head
        form = COLUMN_FORMS[style.column] or (lambda name: name)
        for seg in base.articles():
            if seg.section:
                edits.append((seg.source_start, seg.source_start, form(seg.section) + "\n\n"))

    text = _apply(src, edits)
    if lead_report:
        text = with_lead_report(text)
    if style.crlf:
        out = []
        for k, ln in enumerate(text.split("\n")):
            out.append(ln + (" " if k % 3 else "\u3000 ") if ln.strip() else ln + " " * (k % 2))
        text = "\r\n".join(out)
    return Rendering(text=text, bylines=used, debris=debris)


def _apply(src: str, edits: list[tuple[int, int, str]]) -> str:
    edits = sorted(edits, key=lambda x: (x[0], x[1]))
    out, pos = [], 0
    for a, b, new in edits:
        assert a >= pos, f"overlapping edits at {a}"
        out.append(src[pos:a])
        out.append(new)
        pos = b
    out.append(src[pos:])
    return "".join(out)


# -- a lead report without a byline (our own writing) -----------------------------
LEAD_HEADLINE = "东越省委常委会召开会议 研究部署春季农业生产和防汛备汛工作"
LEAD_REPORT = "\n\n".join(
    [
        LEAD_HEADLINE,
        "■会议强调,要坚持把粮食安全和重要农产品稳定供给摆在突出位置,抓紧抓实春耕备耕各项工作,"
        "确保全年粮食播种面积和产量稳中有增",
        "■会议指出,汛期将至,各地各部门要树牢底线思维,压实防汛责任,扎实做好隐患排查和应急准备,"
        "切实保障人民群众生命财产安全",
        "3月3日,省委常委会召开会议,听取全省春季农业生产和防汛备汛工作情况汇报,研究部署下一阶段重点任务。",
        "会议认为,今年以来,全省各地抢抓农时,春耕备耕工作总体有序推进,农资供应充足,农田水利设施"
        "建设加快,为夺取全年粮食丰收",
        "打下了良好基础。",
        "会议要求,要加强农业科技服务,组织农技人员深入田间地头开展指导,推广良种良法,提高粮食单产水平;"
        "要做好防汛物资储备和抢险队伍建设,确保关键时刻拉得出、用得上。🌟",
    ]
)


def with_lead_report(text: str) -> str:
    """The demo with a lead news report (headline, ■ summary points, no byline, not in
    the contents) printed after the contents page, where the reference issue has one."""
    marker = "封面设计: 蒋帆\n\n\n\n"
    i = text.index(marker) + len(marker)
    return text[:i] + LEAD_REPORT + "\n\n\n\n" + text[i:]


# -- the structure every style must give ---------------------------------------


def toc_shape(issue: Issue) -> list[tuple[int, str, str, tuple[str, ...]]]:
    return [(e.page, e.section, e.title, tuple(e.authors)) for e in issue.toc]


def article_shape(seg: Segment, debris: set[str] = frozenset()) -> ArticleShape:
    body = tuple((p.kind, p.text) for p in seg.body_paragraphs if p.text not in debris)
    return ArticleShape(seg.title, tuple(seg.authors), body)


def expected(base: Issue, used: dict[int, str]) -> dict[int, ArticleShape]:
    """Per page, the article as the demo's own layout gives it; without a byline the
    authors are the contents entry's."""
    out = {}
    for seg in base.articles():
        shape = article_shape(seg)
        if used.get(seg.page) == "none":
            entry = base.toc[seg.toc_index]
            shape = ArticleShape(shape.title, tuple(entry.authors), shape.body)
        out[seg.page] = shape
    return out


def assert_same_structure(issue: Issue, base: Issue, r: Rendering) -> None:
    assert toc_shape(issue) == toc_shape(base)
    for e in issue.toc:
        assert e.article_id is not None, f"page {e.page} unbound"
    assert [s.kind for s in issue.segments] == [s.kind for s in base.segments]
    want = expected(base, r.bylines)
    got = {s.page: article_shape(s, r.debris) for s in issue.articles()}
    assert got.keys() == want.keys()
    for page, shape in want.items():
        g = got[page]
        assert (g.title, g.authors) == (shape.title, shape.authors), f"page {page} ({r.bylines[page]})"
        assert g.body == shape.body, f"page {page} body ({r.bylines[page]})"


if __name__ == "__main__":  # pragma: no cover
    name = sys.argv[1] if len(sys.argv) > 1 else "reference"
    sys.stdout.write(render(next(s for s in STYLES if s.name == name)).text)
