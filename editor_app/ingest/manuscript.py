"""A DOCX manuscript (read by :mod:`editor_app.ingest.docx_import`) as model objects:
a one-article issue of its own, or an article segment to add to an issue."""

from __future__ import annotations

from editor_app.model import Issue, Masthead, Paragraph, Segment, TocEntry

from .docx_import import Manuscript


def _kinds(ms: Manuscript) -> list[str]:
    return list(ms.kinds) if len(ms.kinds) == len(ms.paragraphs) else ["body"] * len(ms.paragraphs)


def manuscript_issue(ms: Manuscript, sha256: str, name: str) -> Issue:
    """A one-article issue from a DOCX manuscript.

    The source is the manuscript as plain lines (front matter, title, subtitle,
    byline, body paragraphs), so that the usual invariants hold: one segment
    covering the whole source, every paragraph mapped to its line.
    """
    lines: list[tuple[str, str]] = [("kicker", t) for t in ms.front]
    lines.append(("title", ms.title))
    if ms.subtitle:
        lines.append(("subtitle", "——" + ms.subtitle))
    if ms.authors or ms.role:
        lines.append(("byline", " ".join(x for x in [ms.role, "　".join(ms.authors)] if x)))
    lines.extend(zip(_kinds(ms), ms.paragraphs, strict=True))
    parts: list[str] = []
    paragraphs: list[Paragraph] = []
    pos = 0
    for kind, text in lines:
        paragraphs.append(Paragraph(kind, text, [(pos, pos + len(text))]))
        parts.append(text + "\n")
        pos += len(text) + 1
    source = "".join(parts)
    seg = Segment(
        id="s01",
        kind="article",
        source_start=0,
        source_end=len(source),
        title=ms.title,
        subtitle=ms.subtitle,
        authors=list(ms.authors),
        role=ms.role,
        byline_raw=next((t for k, t in lines if k == "byline"), ""),
        page=1,
        section="稿件",
        toc_index=0,
        paragraphs=paragraphs,
    )
    toc = [TocEntry(page=1, section="稿件", title=ms.title, subtitle=ms.subtitle,
                    authors=list(ms.authors), role=ms.role, article_id="s01")]
    return Issue(
        masthead=Masthead(title=ms.title, frequency="稿件"),
        source=source,
        toc=toc,
        segments=[seg],
        source_name=name,
        source_hash=sha256,
    )


def manuscript_segment(ms: Manuscript) -> Segment:
    """An article segment (no source span yet) to add to an issue."""
    return Segment(
        id="",
        kind="article",
        source_start=0,
        source_end=0,
        title=ms.title,
        subtitle=ms.subtitle,
        authors=list(ms.authors),
        role=ms.role,
        paragraphs=[Paragraph(kind=k, text=t) for k, t in zip(_kinds(ms), ms.paragraphs, strict=True)],
    )
