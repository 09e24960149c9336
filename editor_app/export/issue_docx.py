"""An issue (or one article) as a DOCX manuscript.

Layout of an issue export:

1. cover: the masthead (title, 2024年第10期, 总第745期 · 半月刊, publisher) and
   a note naming the exporter and the date;
2. contents: the magazine's table of contents with its printed page numbers
   (grouped by column, dot leaders), then a Word TOC field over the article
   titles (Heading 1) and subtitles (level 2), refreshed when Word opens it;
3. one article per page: column label, kicker, title (Heading 1), subtitle,
   byline and role, then the text — lead, intertitles (Heading 3), body
   paragraphs, captions, inserts, end marks — from the paragraph kinds.

A review copy adds the findings as Word comments and the edits (older text ->
current text) as tracked changes. A traditional edition (``traditional="tw"``
or ``"hk"``) converts every text with :mod:`.traditional` (characters by
default, the newsroom's regional phrases only with ``regional_vocabulary``,
proper nouns protected, 「」 quotes unless ``corner_quotes=False``), uses
traditional fonts and ``dc:language`` zh-TW / zh-HK; its comments stay on
exactly their characters (offsets are mapped through the conversion) and its
tracked changes compare the converted older and current texts.

Every export can be read back (:mod:`editor_app.model.roundtrip`): custom
document properties name the issue and the export kind, and bookmarks mark
the cover and contents (``EA_front``) and each article's header fields and
body (``EA_s02_title``, ``EA_s02_body`` ...).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import docx
from docx.document import Document as DocxDocument

from editor_app.model import Finding, Issue, Masthead, Segment
from editor_app.model import roundtrip as rt

from . import ooxml, provenance, styles
from .annotate import Anchor, align_kinds, comment_text, plan_anchors, write_body, write_title
from .common import (
    SECTION_FALLBACK,
    ExportError,
    check_target,
    check_texts,
    docx_writer,
    resolve_segments,
    segment_label,
    utc_date,
    w_date,
    write_atomic,
    zh_date,
)
from .revisions import RevisionStep, attribute_changes, diff_paragraphs, plain_paragraphs
from .traditional import LANGS, edition_converter

FONTSETS = {None: styles.SIMPLIFIED, "tw": styles.TRADITIONAL_TW, "hk": styles.TRADITIONAL_HK}
HEADER_STYLES = {"column": "ColumnHeading", "kicker": "Kicker", "title": "Heading1", "subtitle": "Subtitle",
                 "byline": "Byline", "role": "BylineRole"}


def export_issue_docx(
    issue: Issue,
    out_path: str | os.PathLike,
    *,
    articles: list[str] | None = None,
    texts: dict[str, str] | None = None,
    findings: list[Finding] | None = None,
    base_texts: dict[str, str] | None = None,
    author: str = "",
    traditional: str | None = None,
    regional_vocabulary: bool = False,
    corner_quotes: bool = True,
    revisions: dict[str, tuple[int, int]] | None = None,
    comment_author_prefix: str = "校对",
    date: datetime | None = None,
    rule_titles: dict[str, str] | None = None,
    messages: Callable[[Finding], str] | None = None,
    lang: str = "zh_CN",
    base_revisions: dict[str, list[RevisionStep]] | None = None,
) -> Path:
    """Write the issue (or the listed segments) as a DOCX manuscript; see the module doc.

    ``articles``: segment ids to include (issue order kept; ``None`` = every
    article). ``texts``: segment id -> current text (default: the parsed
    text). ``findings``: each becomes a comment on exactly its span; findings
    on segments not exported, or without a segment, are not written.
    ``base_texts``: segment id -> older text; the difference is written as
    tracked changes. ``traditional``: "tw" or "hk" for a traditional edition,
    with ``regional_vocabulary`` and ``corner_quotes`` (see the module doc).
    ``revisions``: segment id -> (revision id, version) of the exported text,
    recorded for reading the file back. ``base_revisions``: segment id -> the
    revisions after its older text, oldest first; each tracked change then carries
    the author and time of the revision that made it (else the exporter's, now).
    ``rule_titles``, ``messages`` and ``lang``: the words of comments (rule title,
    message, suggestion) in the export's language. Returns the written path; raises
    :class:`ExportError`.
    """
    check_target(out_path)  # fail before the work when the folder is not writable
    segs = resolve_segments(issue, articles)
    edition = _Edition(traditional, regional_vocabulary, corner_quotes)
    if revisions is not None:
        exported = {s.id for s in segs}
        revisions = {k: v for k, v in revisions.items() if k in exported}
    job = _Job(issue, texts, findings, base_texts, author, edition, comment_author_prefix, date, revisions)
    job.rule_titles = rule_titles or {}
    job.message_of = messages or (lambda f: f.message)
    job.lang = lang
    job.base_revisions = base_revisions or {}
    job.cover(len(segs))
    job.contents(segs)
    for seg in segs:
        job.article(seg, new_page=True)
    return job.save(out_path)


def export_article_docx(
    issue: Issue,
    segment_id: str,
    out_path: str | os.PathLike,
    *,
    text: str | None = None,
    findings: list[Finding] | None = None,
    base_text: str | None = None,
    author: str = "",
    traditional: str | None = None,
    regional_vocabulary: bool = False,
    corner_quotes: bool = True,
    revision: tuple[int, int] | None = None,
    comment_author_prefix: str = "校对",
    date: datetime | None = None,
    rule_titles: dict[str, str] | None = None,
    messages: Callable[[Finding], str] | None = None,
    lang: str = "zh_CN",
    base_revisions: dict[str, list[RevisionStep]] | None = None,
) -> Path:
    """One article alone (no cover, no contents): for sending a single piece
    to its author or re-importing it. Same options as :func:`export_issue_docx`."""
    check_target(out_path)
    (seg,) = resolve_segments(issue, [segment_id])
    texts = {segment_id: text} if text is not None else None
    bases = {segment_id: base_text} if base_text is not None else None
    edition = _Edition(traditional, regional_vocabulary, corner_quotes)
    revisions = {segment_id: revision} if revision is not None else None
    job = _Job(issue, texts, findings, bases, author, edition, comment_author_prefix, date, revisions, single=seg)
    job.rule_titles = rule_titles or {}
    job.message_of = messages or (lambda f: f.message)
    job.lang = lang
    job.base_revisions = base_revisions or {}
    job.article(seg, new_page=False)
    return job.save(out_path)


class _Edition:
    def __init__(self, traditional: str | None, regional_vocabulary: bool, corner_quotes: bool):
        self.traditional = traditional
        self.regional_vocabulary = regional_vocabulary
        self.corner_quotes = corner_quotes


class _Job:
    def __init__(
        self,
        issue: Issue,
        texts: dict[str, str] | None,
        findings: list[Finding] | None,
        base_texts: dict[str, str] | None,
        author: str,
        edition: _Edition,
        prefix: str,
        date: datetime | None,
        revisions: dict[str, tuple[int, int]] | None,
        single: Segment | None = None,
    ):
        traditional = edition.traditional
        if traditional not in FONTSETS:
            raise ExportError(
                f"不支持的繁体转换：{traditional!r}（可用 tw、hk） / Unknown traditional variant: {traditional!r} (tw, hk)"
            )
        check_texts(issue, texts, "texts")
        check_texts(issue, base_texts, "base_texts")
        known = {s.id for s in issue.segments}
        for f in findings or []:
            if f.segment_key is not None and f.segment_key not in known:
                raise ExportError(
                    f"问题 {f.rule} 指向未知的文章编号 {f.segment_key} / Finding {f.rule} names unknown segment {f.segment_key}"
                )
        self.issue = issue
        self.texts = texts or {}
        self.traditional = traditional
        self.findings: dict[str, list[Finding]] = {}
        for f in findings or []:
            if f.segment_key is not None:
                self.findings.setdefault(f.segment_key, []).append(f)
        self.base_texts = base_texts or {}
        self.author = author
        self.prefix = prefix
        self.date = utc_date(date)
        self.converter = (
            edition_converter(issue, traditional, regional_vocabulary=edition.regional_vocabulary,
                              corner_quotes=edition.corner_quotes)
            if traditional else None
        )
        self.conv: Callable[[str], str] = self.converter if self.converter is not None else (lambda s: s)
        self.fonts = FONTSETS[traditional]
        self.revisions = revisions
        n_comments = sum(len(v) for v in self.findings.values())
        self.mark = ooxml.Mark(author or prefix, w_date(self.date), first_id=n_comments + 1)
        self.single = single
        self.rule_titles: dict[str, str] = {}
        self.message_of: Callable[[Finding], str] = lambda f: f.message
        self.lang = "zh_CN"
        # segment id -> the revisions after its older text, oldest first (attributed changes)
        self.base_revisions: dict[str, list[RevisionStep]] = {}
        self.doc = self._new_document()
        self.comments = ooxml.CommentSink(self.doc, w_date(self.date))

    # -- document scaffolding -------------------------------------------------

    def _new_document(self) -> DocxDocument:
        doc = docx.Document()
        styles.drop_template_extras(doc)
        styles.install_styles(doc, self.fonts)
        styles.clear_body(doc)
        styles.setup_page(doc)
        m = self.issue.masthead
        label = self.conv(_masthead_label(m, self.issue))
        if self.single is not None:
            header = f"{label} · {self.conv(segment_label(self.single))}"
        else:
            header = f"{label} · {self.conv('编校稿')}"
        styles.setup_header_footer(doc, header, cover_page=self.single is None)
        styles.setup_settings(doc, update_fields=self.single is None, lang=self.fonts.lang)
        title = label if self.single is None else f"{label} {self.conv(segment_label(self.single))}"
        styles.setup_properties(doc, title=title, author=self.author, date=self.date, subject=self.conv("编校稿"),
                                language=self.fonts.lang)
        provenance.set_custom_properties(
            doc, self.issue, label=_masthead_label(m, self.issue), kind="issue" if self.single is None else "article",
            edition=LANGS.get(self.traditional, rt.EDITION_SIMPLIFIED), revisions=self.revisions,
        )
        return doc

    def bookmark(self, first: ooxml.etree._Element, last: ooxml.etree._Element, name: str) -> None:
        provenance.wrap_bookmark(first, last, name, self.mark.next_id())

    def add(self, style: str | None, text: str = "", **kw) -> ooxml.etree._Element:
        p = ooxml.paragraph(style, **kw)
        if text:
            ooxml.run(p, self.conv(text))
        styles.body_append(self.doc, p)
        return p

    def save(self, out_path: str | os.PathLike) -> Path:
        return write_atomic(out_path, docx_writer(self.doc))

    # -- cover and contents ---------------------------------------------------

    def cover(self, n_articles: int) -> None:
        m = self.issue.masthead
        self.front_first = self.add("Title", m.title or self.issue.source_name or "期刊")
        if m.year is not None and m.number is not None:
            self.add("CoverLine", f"{m.year}年第{m.number}期")
        line = []
        if m.total_number is not None:
            line.append(f"总第{m.total_number}期")
        if m.frequency:
            line.append(m.frequency)
        if line:
            self.add("CoverLine", "　".join(line))
        if m.publisher:
            self.add("CoverLine", m.publisher)
        note = f"编校稿 · 收文章 {n_articles} 篇 · 导出于 {zh_date(self.date)}"
        if self.author:
            note += f" · {self.author}"
        self.add("CoverNote", note)
        if self.findings or self.base_texts:
            self.add("CoverNote", "本稿含校对批注与修订痕迹（审阅 → 修订 / 批注）")

    def _contents_findings(self, segs: list[Segment]) -> tuple[dict[int, list[Finding]], list[Finding]]:
        """Findings on the table of contents: by the contents entry they sit on (TOC
        index), and those on no listed entry (on the whole contents page)."""
        toc_keys = {s.id for s in self.issue.segments if s.kind == "toc"}
        found = [f for k in toc_keys for f in self.findings.get(k, [])]
        listed = {s.toc_index for s in segs if s.toc_index is not None}
        by_entry: dict[int, list[Finding]] = {}
        rest: list[Finding] = []
        for f in found:
            i = None
            if f.source_start is not None:
                i = next(
                    (j for j, e in enumerate(self.issue.toc)
                     if e.source_start <= f.source_start and (f.source_end or f.source_start) <= max(e.source_end, e.source_start + 1)),
                    None,
                )
            if i is None:
                i = next((r.segment and self._toc_index_of(r.segment.key) for r in f.related
                          if r.segment is not None and self._toc_index_of(r.segment.key) is not None), None)
            if i is not None and i in listed:
                by_entry.setdefault(i, []).append(f)
            elif self.single is None and len(segs) == len([s for s in self.issue.segments if s.kind == "article"]):
                rest.append(f)
        return by_entry, rest

    def _toc_index_of(self, key: str) -> int | None:
        seg = self.issue.segment(key)
        return seg.toc_index if seg is not None else None

    def _comment(self, f: Finding, note: str = "") -> int:
        """A comment by the person exporting (else 校对), opening with the rule's title
        (never its id), then the finding's message; converted in a traditional edition."""
        prefix = self.conv(self.prefix)
        title = self.rule_titles.get(f.rule, "")
        text = comment_text(f, note + _status_note(f) + (f"【{title}】" if title else ""),
                            self.message_of(f), self.lang)
        return self.comments.add(self.conv(text), self.author or prefix, prefix)

    def contents(self, segs: list[Segment]) -> None:
        by_entry, rest = self._contents_findings(segs)
        heading = self.add("TOCHeading", "", page_break_before=True)
        write_title(heading, self.conv("目　　录"), [(self._comment(f, "目录："), 0, 5) for f in rest])
        section = None
        for seg in segs:
            entry = self.issue.toc[seg.toc_index] if seg.toc_index is not None and seg.toc_index < len(self.issue.toc) else None
            if entry is not None:
                sec = entry.section
            elif seg.kind == "article":
                sec = seg.section
            else:
                sec = "其他版面"
            if sec != section:
                section = sec
                if sec:
                    self.add("ContentsColumn", sec)
            title = entry.title if entry else segment_label(seg)
            page = entry.page if entry else seg.page
            subtitle = entry.subtitle if entry else seg.subtitle
            authors = entry.authors if entry else seg.authors
            role = entry.role if entry else seg.role
            detail = "　".join(x for x in (f"——{subtitle}" if subtitle else "", " ".join([role] + authors if role else authors)) if x)
            p = self.add("ContentsEntry", keep_next=bool(detail))
            notes = by_entry.get(seg.toc_index, []) if entry is not None else []
            shown = self.conv(title)
            write_title(p, shown, [(self._comment(f, "目录："), 0, len(shown)) for f in notes])
            if page is not None:
                ooxml.run(p, f"\t{page}")
            if detail:
                self.add("ContentsDetail", detail)
        self.add("ContentsPart", "文档目录（Word 页码，打开时自动更新）")
        p = self.add("TOC1")
        ooxml.field(p, 'TOC \\o "1-2" \\h \\z \\u', self.conv("（在 Word 中右键此处选择“更新域”即可生成目录）"), dirty=True)
        self.bookmark(self.front_first, p, rt.FRONT_BOOKMARK)

    # -- articles -------------------------------------------------------------

    def article(self, seg: Segment, *, new_page: bool) -> None:
        current = self.texts.get(seg.id)
        if current is None:
            current = seg.editable_text()[0]
        lines = current.split("\n") if current else []
        kinds = align_kinds(seg, lines)
        title = seg.title or segment_label(seg)
        anchors = self._comments(seg, current, title)
        base = self.base_texts.get(seg.id)
        if self.converter is not None:
            current, title, base = self._convert_article(current, title, base, anchors)
            lines = current.split("\n") if current else []
            assert len(lines) == len(kinds), "the conversion keeps paragraph breaks"

        first = True

        def head(field: str, style: str, text: str, fill: Callable | None = None, **kw) -> None:
            nonlocal first
            p = self.add(style, text, page_break_before=new_page and first, **kw)
            first = False
            if fill is not None:
                fill(p)
            self.bookmark(p, p, rt.bookmark_name(seg.id, field))

        header = header_fields(seg, title)
        title_anchors = [(a.cid, a.start, a.end) for a in anchors if a.on_title]
        for fld, text in header.items():
            if fld == "title":
                head(fld, HEADER_STYLES[fld], "", fill=lambda p, t=text: write_title(p, t, title_anchors))
            elif fld == "byline":
                # the byline keeps its space below unless the role line follows it
                head(fld, HEADER_STYLES[fld], text, space_after=0 if "role" in header else None)
            else:
                head(fld, HEADER_STYLES[fld], text)

        marks = None
        if base is not None and base != current:
            changes = diff_paragraphs(base.split("\n") if base else [], lines)
            mark = self.mark
            steps = self.base_revisions.get(seg.id)
            if steps:
                # each change carries the author and time of the revision that made it
                step_texts = [self.conv(s.text) for s in steps]
                if step_texts[-1] != current:  # not saved as a revision: the exporter's
                    step_texts.append(current)
                changes = attribute_changes(changes, base, step_texts)
                marks = {k: self.mark.variant(s.author or self.prefix, w_date(utc_date(s.when)))
                         for k, s in enumerate(steps)}
        else:
            changes = plain_paragraphs(lines)
            mark = None
        body: list[ooxml.etree._Element] = []

        def append(p: ooxml.etree._Element) -> None:
            body.append(p)
            styles.body_append(self.doc, p)

        body_anchors = [(a.cid, a.start, a.end) for a in anchors if not a.on_title]
        write_body(append, lines, kinds, changes, body_anchors, mark, marks)
        if body:
            self.bookmark(body[0], body[-1], rt.bookmark_name(seg.id, rt.BODY))

    def _convert_article(
        self, current: str, title: str, base: str | None, anchors: list[Anchor]
    ) -> tuple[str, str, str | None]:
        """The converted text, title and older text; comment anchors moved onto
        the same characters of the converted text."""
        assert self.converter is not None
        text, tmap = self.converter.mapped(current)
        conv_title, title_map = self.converter.mapped(title)
        for a in anchors:
            m = title_map if a.on_title else tmap
            s, e = m.start(a.start), m.end(a.end)
            a.start, a.end = s, max(e, s + 1)
        return text, conv_title, (self.converter(base) if base else base)

    def _comments(self, seg: Segment, text: str, title: str) -> list[Anchor]:
        found = self.findings.get(seg.id)
        if not found:
            return []
        anchors = plan_anchors(text, title, found)
        for a in anchors:
            a.cid = self._comment(a.finding, a.note)
        return anchors


def header_fields(seg: Segment, title: str) -> dict[str, str]:
    """The header paragraphs an article is exported with, in order (before
    conversion): column label, kicker, title, subtitle, byline, role."""
    out = {}
    # other pages: their kind as the column label, unless it already is the title
    column = seg.section if seg.kind == "article" else SECTION_FALLBACK.get(seg.kind, "") if seg.title else ""
    if column:
        out["column"] = column
    if seg.kicker:
        out["kicker"] = seg.kicker
    out["title"] = title
    if seg.subtitle:
        out["subtitle"] = seg.subtitle if seg.subtitle.startswith(("—", "－", "-")) else f"——{seg.subtitle}"
    if seg.authors:
        out["byline"] = "　".join(seg.authors)
    if seg.role:
        out["role"] = seg.role
    return out


def _status_note(f: Finding) -> str:
    return {"resolved": "［已解决］", "dismissed": "［已排除］"}.get(f.status, "")


def _masthead_label(m: Masthead, issue: Issue) -> str:
    if not m.title:
        return issue.source_name or "期刊"
    return m.label()


__all__ = ["ExportError", "export_article_docx", "export_issue_docx", "header_fields"]
