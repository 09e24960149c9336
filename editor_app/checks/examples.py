"""Small issues built from :class:`IssueExample` objects, for the examples of issue rules.

The issue is real model data: a source text that the segments partition
exactly, a "toc" segment whose lines are the TOC entries (``NN 标题/作者``),
one segment per non-article text in ``others``, and one article segment per
entry of ``articles`` (a title paragraph, a byline paragraph when there are
authors, then the body paragraphs). TOC entries link to the article of the
same key; a TOC entry whose key has no article keeps ``article_id=None``.
"""

from __future__ import annotations

from editor_app.checks.core import IssueExample
from editor_app.model import Issue, Masthead, Paragraph, Segment, TocEntry


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.segments: list[Segment] = []

    def emit(self, s: str) -> int:
        start = self.pos
        self.parts.append(s)
        self.pos += len(s)
        return start

    def line(self, s: str, kind: str, paragraphs: list[Paragraph]) -> int:
        start = self.emit(s + "\n")
        if s:
            paragraphs.append(Paragraph(kind=kind, text=s, pieces=[(start, start + len(s))]))
        return start

    def next_id(self) -> str:
        return f"s{len(self.segments) + 1:02d}"


def issue_from_example(ex: IssueExample, name: str = "example") -> Issue:
    b = _Builder()
    toc: list[TocEntry] = []

    # masthead
    start = b.pos
    paras: list[Paragraph] = []
    b.line("示例杂志", "title", paras)
    b.line("2024年第1期", "body", paras)
    b.segments.append(
        Segment(
            id=b.next_id(), kind="masthead", source_start=start, source_end=b.pos, paragraphs=paras
        )
    )

    # table of contents
    if ex.toc:
        start = b.pos
        paras = []
        b.line("目录", "title", paras)
        for page, title, authors in ex.toc:
            line = f"{page:02d} {title}" + (f"/{' '.join(authors)}" if authors else "")
            ls = b.line(line, "body", paras)
            toc.append(
                TocEntry(
                    page=page,
                    section="",
                    title=title,
                    authors=list(authors),
                    source_start=ls,
                    source_end=ls + len(line),
                )
            )
        b.segments.append(
            Segment(
                id=b.next_id(),
                kind="toc",
                source_start=start,
                source_end=b.pos,
                title="目录",
                paragraphs=paras,
            )
        )

    for kind, text in ex.others:
        start = b.pos
        paras = []
        for ln in text.split("\n"):
            b.line(ln, "body", paras)
        b.emit("\n")
        b.segments.append(
            Segment(
                id=b.next_id(), kind=kind, source_start=start, source_end=b.pos, paragraphs=paras
            )
        )

    toc_by_key = {e.title: e for e in toc}
    for key, body in ex.articles.items():
        entry = toc_by_key.get(key)
        printed = ex.titles.get(key, key)
        authors = (
            list(ex.bylines[key]) if key in ex.bylines else (list(entry.authors) if entry else [])
        )
        start = b.pos
        paras = []
        b.line(printed, "title", paras)
        if authors:
            b.line(" ".join(authors), "byline", paras)
        for ln in body.split("\n"):
            b.line(ln, "body", paras)
        b.emit("\n")
        seg = Segment(
            id=b.next_id(),
            kind="article",
            source_start=start,
            source_end=b.pos,
            title=printed,
            authors=authors,
            byline_raw=" ".join(authors),
            page=entry.page if entry else None,
            toc_index=toc.index(entry) if entry else None,
            paragraphs=paras,
        )
        b.segments.append(seg)
        if entry is not None:
            entry.article_id = seg.id

    source = "".join(b.parts)
    return Issue(
        masthead=Masthead(title="示例杂志", year=2024, number=1),
        source=source,
        toc=toc,
        segments=b.segments,
        source_name=name,
    )
