"""Which text of a segment the checks read, and its map to the source.

Article segments: their editable text (body paragraphs joined by "\\n").
Other segments (toc, sponsored, news ...): their editable text when the parser
gave them paragraphs, else the raw source slice — so that a rule can point
into a table of contents or a sponsor list even when it has no paragraphs.
"""

from __future__ import annotations

from editor_app.model import Issue, OffsetMap, Segment

# non-article segment kinds the issue rules read (IssueContext.other_texts)
OTHER_KINDS = (
    "toc",
    "sponsored",
    "news",
    "cover",
    "masthead",
    "editorial_board",
    "photo",
    "unknown",
)
# segment kinds the article rules run on: every kind of running prose the magazine
# prints, not only TOC articles (news pages and sponsored county pages are proofread
# too); lists and furniture (masthead, toc, editorial board) are left to issue rules.
PROSE_KINDS = ("article", "news", "sponsored", "photo", "cover", "unknown")


def segment_text(issue: Issue | None, seg: Segment) -> tuple[str, OffsetMap]:
    """The text of ``seg`` as the checks see it, with its map to the source."""
    if seg.kind == "article":
        return seg.editable_text()
    if seg.body_paragraphs:
        text, omap = seg.editable_text()
        if text.strip():
            return text, omap
    return _slice(issue, seg)


def import_text(issue: Issue | None, seg: Segment) -> tuple[str, OffsetMap]:
    """The text of ``seg`` as it was imported, with its map to the source.

    A segment read from a library carries its imported text and map
    (``base_text``/``base_map``); its paragraphs hold the current text. A
    freshly parsed segment's text is its imported text.
    """
    if seg.base_map is not None and seg.base_text is not None:
        if seg.kind == "article" or seg.base_text.strip():
            return seg.base_text, seg.base_map
    return segment_text(issue, seg) if seg.base_map is None else _slice(issue, seg)


def _slice(issue: Issue | None, seg: Segment) -> tuple[str, OffsetMap]:
    """The segment's slice of the source, mapped one to one."""
    if issue is None:
        return "", OffsetMap()
    text = issue.source[seg.source_start : seg.source_end]
    omap = OffsetMap()
    omap.add(0, seg.source_start, len(text))
    return text, omap


def article_texts(issue: Issue, texts: dict[str, str] | None = None) -> dict[str, str]:
    """Segment id -> current text for every article (``texts`` overrides the import text)."""
    texts = texts or {}
    out: dict[str, str] = {}
    for seg in issue.segments:
        if seg.kind != "article":
            continue
        out[seg.id] = texts[seg.id] if seg.id in texts else seg.editable_text()[0]
    return out


def prose_texts(issue: Issue, texts: dict[str, str] | None = None) -> dict[str, str]:
    """Segment id -> current text for every segment the article rules run on."""
    texts = texts or {}
    out: dict[str, str] = {}
    for seg in issue.segments:
        if seg.kind in PROSE_KINDS:
            out[seg.id] = texts[seg.id] if seg.id in texts else segment_text(issue, seg)[0]
    return out


def other_texts(issue: Issue, texts: dict[str, str] | None = None) -> dict[str, str]:
    """Segment id -> text for the non-article segments the issue rules read."""
    texts = texts or {}
    out: dict[str, str] = {}
    for seg in issue.segments:
        if seg.kind == "article" or seg.kind not in OTHER_KINDS:
            continue
        out[seg.id] = texts[seg.id] if seg.id in texts else segment_text(issue, seg)[0]
    return out
