"""Reading the app's own DOCX exports back into the library (``import-docx``).

An export names its issue and marks each article (see
:mod:`editor_app.model.roundtrip`). Reading one back updates exactly the
articles whose text was changed in Word or LibreOffice, each as a new
revision (note ``import-docx``); the cover and the contents are not articles
and are ignored; an unedited export changes nothing.

The comparison is with the text the file was exported from (its revision is
recorded in the file), not with the library's current text: an article
edited in the library after the export and left alone in the document is
unchanged; one edited in both places is a conflict — the document's text is
kept as a "conflict" revision that does not become current
(:meth:`Library.save_text` with the exported version).

Header fields other than the title (kicker, subtitle, byline, role, column)
are compared and reported, not written: they are edited in the window.

A DOCX that is not one of our exports (a manuscript from elsewhere) is not
handled here: :func:`import_exported_docx` returns None and the caller keeps
the manuscript import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from editor_app.export.common import segment_label, xml_safe
from editor_app.export.issue_docx import header_fields
from editor_app.ingest.docx_import import DocxImportError, read_docx
from editor_app.model import roundtrip as rt
from editor_app.store import ConflictError, Library

from .issues import UserError, require_issue, require_segment

NOTE = "import-docx"


@dataclass
class ArticleOutcome:
    segment_id: int
    key: str
    title: str
    # "revised" | "unchanged" | "already" (the library has the document's text) | "conflict" |
    # "unmatched" (where its body starts or ends cannot be told: left unchanged)
    status: str
    revision: int | None = None  # number of the new revision ("revised")
    header_changes: list[str] = field(default_factory=list)  # fields changed in the document, not imported
    stray: int = 0  # unmarked paragraphs among the header fields, not imported


@dataclass
class RoundTripResult:
    issue_id: int
    kind: str  # "issue" | "article"
    articles: list[ArticleOutcome] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # article marks the issue has no segment for
    missing: list[str] = field(default_factory=list)  # exported articles whose marks are gone: left unchanged

    @property
    def revised(self) -> list[ArticleOutcome]:
        return [a for a in self.articles if a.status == "revised"]

    @property
    def conflicts(self) -> list[ArticleOutcome]:
        return [a for a in self.articles if a.status == "conflict"]

    @property
    def no_change(self) -> bool:
        return not self.revised and not self.conflicts


def import_exported_docx(
    lib: Library, path: str | Path, issue_id: int, *, article: str | None = None, author: str = ""
) -> RoundTripResult | None:
    """Read one of our exports back into ``issue_id`` (see the module doc);
    None when ``path`` is not one of our exports. ``article`` (an id or key)
    limits the update to that article. Raises :class:`UserError` for a file
    from another issue, a traditional edition, or an export whose article
    marks are gone."""
    require_issue(lib, issue_id)
    name = Path(path).name
    try:
        doc = read_docx(path)
    except DocxImportError as exc:
        raise UserError(str(exc)) from None
    if not isinstance(doc, rt.ExportedDocument):
        return None
    if doc.kind == "report":
        raise UserError(
            f"“{name}”是校对报告，不是稿件，不能导入 / {name} is a findings report, not a manuscript; nothing imported"
        )
    if doc.edition != rt.EDITION_SIMPLIFIED:
        raise UserError(
            f"“{name}”是繁体版（{doc.edition}），不能导回简体资料库 / "
            f"{name} is a traditional edition ({doc.edition}); it cannot be read back into the library"
        )
    issue = lib.get_issue(issue_id)
    if doc.issue_hash != issue.source_hash:
        raise UserError(
            f"“{name}”导出自另一期（{doc.issue_label or '未知'}），不是第 {issue_id} 号期刊 / "
            f"{name} was exported from another issue ({doc.issue_label or 'unknown'}), not issue {issue_id}"
        )
    if not doc.articles:
        raise UserError(
            f"“{name}”中找不到文章书签，无法对应到文章 / {name} has no article bookmarks left; cannot match its articles"
        )
    rows = {rt.key_token(r.key): r for r in lib.segments(issue_id)}
    only = None
    if article is not None:
        seg_id = require_segment(lib, issue_id, article)
        only = next((t for t, r in rows.items() if r.id == seg_id), None)
        if doc.article(lib.segment(seg_id).key) is None:
            raise UserError(
                f"“{name}”中没有文章 {article} / {name} does not contain article {article}"
            )
    result = RoundTripResult(issue_id, doc.kind)
    found = {a.key for a in doc.articles}
    result.missing = [k for k in doc.revisions if rt.key_token(k) not in found and (only is None or
                      rt.key_token(k) == only)]
    # an article whose marks are all gone runs on into the body of the one before it
    order = [rt.key_token(r.key) for r in lib.segments(issue_id)]
    unsure = set()
    for k in doc.revisions:
        if rt.key_token(k) not in found and rt.key_token(k) in order:
            before_it = [t for t in order[:order.index(rt.key_token(k))] if t in found]
            if before_it:
                unsure.add(before_it[-1])
    for art in doc.articles:
        row = rows.get(art.key)
        if row is None:
            result.unknown.append(art.key)
            continue
        if only is not None and art.key != only:
            continue
        seg = issue.segment(row.key)
        assert seg is not None
        result.articles.append(_apply(lib, doc, art, row, seg, author, trusted=art.key not in unsure))
    return result


def _apply(
    lib: Library, doc: rt.ExportedDocument, art: rt.ExportedArticle, row, seg, author: str, *, trusted: bool
) -> ArticleOutcome:
    recorded = doc.revisions.get(row.key)
    exported = lib.revision(recorded[0]) if recorded is not None else None
    if exported is not None and exported.segment_id != row.id:
        exported = None  # a record that does not describe this segment: compare with the current text
    if exported is None:
        text, version = lib.current_text(row.id)
        title = row.title
    else:
        text, version, title = exported.text, recorded[1], exported.title
    shown_title = title or segment_label(seg)
    new_text = art.text if art.text != xml_safe(text) else text
    new_title = title
    if title and "title" in art.fields and art.title.strip() and art.title != xml_safe(shown_title):
        new_title = art.title.strip()
    expected = header_fields(seg, shown_title)
    header_changes = [
        f for f in rt.HEADER_FIELDS
        if f != "title" and art.fields.get(f, "") != xml_safe(expected.get(f, ""))
        and (f in art.fields or f in expected)
    ]
    out = ArticleOutcome(row.id, row.key, new_title or shown_title, "unchanged", header_changes=header_changes,
                         stray=sum(1 for p in art.stray if p.strip()))
    if not trusted or (not art.has_body and text):
        out.status = "unmatched"
        return out
    if new_text == text and new_title == title:
        return out
    before = lib.current_revision(row.id).id
    try:
        rev = lib.save_text(row.id, new_text, author, expected_version=version, note=NOTE,
                            title=new_title if new_title != title else None)
    except ConflictError:
        out.status = "conflict"
        return out
    if rev.id != before:
        out.status, out.revision = "revised", rev.number
    else:  # the library already has this text (imported before, or the same edit made there)
        out.status = "already"
    return out


def conflict_line(a: ArticleOutcome) -> str:
    return (
        f"冲突：导出后资料库中的文字已改动，文档的文字另存为冲突修订 (conflict: changed in the library since the "
        f"export; the document's text is kept as a conflict revision): [{a.segment_id}] {a.title}"
    )


def summary_lines(result: RoundTripResult) -> list[str]:
    """What the CLI prints: one line per revised or conflicting article, or "no change"."""
    lines = []
    for a in result.revised:
        lines.append(f"已作为新修订导入 (new revision) #{a.revision}: [{a.segment_id}] {a.title}")
    lines.extend(conflict_line(a) for a in result.conflicts)
    for a in result.articles:
        if a.header_changes:
            names = ", ".join(a.header_changes)
            lines.append(f"标题以外的栏目信息改动未导入 (header fields not imported: {names}): [{a.segment_id}] {a.title}")
    already = [a for a in result.articles if a.status == "already"]
    if already:
        names = "、".join(f"[{a.segment_id}] {a.title}" for a in already)
        lines.append(f"文档中的改动资料库里已有，未新增修订 (already in the library, no new revision): {names}")
    for a in result.articles:
        if a.status == "unmatched":
            lines.append(f"无法确定正文的起止（书签缺失），未改动 (cannot tell where its body starts or ends; "
                         f"left unchanged): [{a.segment_id}] {a.title}")
        if a.stray:
            lines.append(f"标题区有 {a.stray} 段未标记的文字，未导入 ({a.stray} unmarked paragraph(s) among the "
                         f"header fields, not imported): [{a.segment_id}] {a.title}")
    if result.missing:
        lines.append(f"文档中找不到这些文章的书签，未改动 (article marks gone, left unchanged): {', '.join(result.missing)}")
    if result.unknown:
        lines.append(f"本期没有这些文章，已跳过 (not in this issue, skipped): {', '.join(result.unknown)}")
    if all(a.status == "unchanged" for a in result.articles) and not result.missing:
        lines.append("与导出时相比没有改动，未新增修订 (no change since the export)")
    elif result.no_change and not already:
        lines.append("未新增修订 (no new revision)")
    return lines
