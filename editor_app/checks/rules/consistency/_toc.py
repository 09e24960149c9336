"""Helpers for the table-of-contents rules: where an entry is, and name/title normalisation.

Hit placement (documented for the lead): a TOC finding is placed **on the TOC
segment**, on the entry's title, author or page number as printed there, with
a zero-length related span ``(article_id, 0, 0)`` naming the article. The
title and byline of an article are not part of its editable text, so the
TOC line is the only place where the mismatch has characters to point at.
When the TOC segment cannot be found (no segment covers the entry's source
offsets, or the TOC text was edited so the entry can no longer be found), the
hit falls back to the article at ``start = end = 0`` with a message naming both
forms.
"""

from __future__ import annotations

import re

from editor_app.checks.core import IssueContext
from editor_app.checks.segments import segment_text
from editor_app.checks.textutil import to_halfwidth
from editor_app.model import TocEntry

ROLE_WORDS = re.compile(
    "本刊记者|本刊评论员|本刊通讯员|特约记者|通讯员|记者|评论员|撰文|文/|图/|摄影|摄"
)
QUOTE_MARKS = "“”‘’「」『』《》〈〉\"'"
_NON_WORD = re.compile(r"[\W_]+")


def norm_ws(s: str) -> str:
    return re.sub(r"\s+", "", to_halfwidth(s or ""))


def core(s: str) -> str:
    """Letters, digits and Han only: what remains of a title without marks and spaces."""
    return _NON_WORD.sub("", norm_ws(s))


def marks(s: str) -> str:
    return "".join(c for c in norm_ws(s) if c in QUOTE_MARKS)


def norm_name(s: str) -> str:
    return ROLE_WORDS.sub("", norm_ws(s)).strip("■●/·•")


def toc_segment_id(ctx: IssueContext, entry: TocEntry) -> str | None:
    for seg in ctx.issue.segments:
        if seg.kind != "article" and seg.source_start <= entry.source_start < seg.source_end:
            return seg.id
    return None


def entry_line(ctx: IssueContext, entry: TocEntry) -> tuple[str, int, int] | None:
    """``(segment_id, start, end)`` of the entry's text in its TOC segment's text."""
    sid = toc_segment_id(ctx, entry)
    if sid is None:
        return None
    seg = ctx.issue.segment(sid)
    text = ctx.text_of(sid)
    if seg is None or text is None:
        return None
    orig, omap = ctx.import_maps.get(sid) or segment_text(ctx.issue, seg)
    if text == orig:
        s = omap.to_text(entry.source_start)
        e = omap.to_text(max(entry.source_start, entry.source_end - 1))
        if s is not None:
            e = (e + 1) if e is not None and e >= s else min(len(text), s + 120)
            return sid, s, e
    # edited TOC: find the title again
    i = text.find(entry.title) if entry.title else -1
    if i >= 0:
        ls = text.rfind("\n", 0, i) + 1
        le = text.find("\n", i)
        return sid, ls, (len(text) if le < 0 else le)
    return None


def locate(ctx: IssueContext, entry: TocEntry, needle: str) -> tuple[str, int, int] | None:
    """Span of ``needle`` inside the entry's TOC text, else the whole entry, else None."""
    line = entry_line(ctx, entry)
    if line is None:
        return None
    sid, s, e = line
    text = ctx.text_of(sid) or ""
    if needle:
        i = text.find(needle, s, e + 40)
        if i >= 0:
            return sid, i, i + len(needle)
        # names printed with inner spaces (叶 慧): match ignoring spaces
        pat = r"\s*".join(map(re.escape, needle))
        m = re.compile(pat).search(text, s, e + 40)
        if m:
            return sid, m.start(), m.end()
    return sid, s, e
