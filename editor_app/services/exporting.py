"""Use cases of DOCX/CSV export and DOCX manuscript import, over the library.

The exporters take plain model objects keyed by segment key ("s03"); the
library names segments by integer id. This module fetches and translates.
"""

from __future__ import annotations

from pathlib import Path

from editor_app.export import (
    ExportError,
    export_issue_docx,
    export_report_csv,
    export_report_docx,
)
from editor_app.ingest.docx_import import DocxImportError, read_docx_manuscript
from editor_app.model import Issue, Paragraph, Segment
from editor_app.store import Library

from . import checking, editing
from .issues import UserError, require_issue, require_segment


def _issue_and_keys(lib: Library, issue_id: int) -> tuple[Issue, dict[int, str], dict[str, str]]:
    issue = lib.get_issue(issue_id)
    rows = lib.segments(issue_id)
    id_to_key = {r.id: r.key for r in rows}
    # header fields edited in the window (subtitle, authors, role, page) win over the imported ones
    for r in rows:
        meta = editing.article_meta(lib, r.id)
        seg = issue.segment(r.key)
        if meta and seg is not None:
            seg.subtitle = str(meta.get("subtitle", seg.subtitle))
            seg.authors = list(meta.get("authors", seg.authors))
            seg.role = str(meta.get("role", seg.role))
            seg.page = meta.get("page", seg.page) or seg.page
    texts = {r.key: lib.current_text(r.id)[0] for r in rows}
    return issue, id_to_key, texts


def _articles(lib: Library, issue_id: int, idents: list[str] | None, id_to_key: dict[int, str]) -> list[str] | None:
    if not idents:
        return None
    return [id_to_key[require_segment(lib, issue_id, a)] for a in idents]


def _out_path(out: str | Path) -> Path:
    p = Path(out)
    if p.exists() and p.is_dir():
        raise UserError(f"{p}: 这是文件夹，请给出文件名 (is a directory; give a file name)")
    if not p.parent.exists():
        raise UserError(f"{p}: 目录不存在 (the folder {p.parent} does not exist)")
    return p


def export_issue(
    lib: Library,
    issue_id: int,
    out: str | Path,
    *,
    articles: list[str] | None = None,
    comments: bool = False,
    track_changes: bool = False,
    traditional: str | None = None,
    regional_vocabulary: bool = False,
    corner_quotes: bool = True,
    author: str = "",
    since_revision: dict[int, int] | None = None,
) -> Path:
    """The issue (or some articles) as DOCX; with ``comments`` every open finding is a
    Word comment (the issue is re-checked first so spans match the current text); with
    ``track_changes`` the edits since import (or since ``since_revision[segment id]``)
    are Word revisions. ``traditional`` ("tw" / "hk"): a traditional edition, comments
    and tracked changes included (``regional_vocabulary``, ``corner_quotes``: see
    :mod:`editor_app.export.traditional`). The file records each article's revision so
    that ``import-docx`` can read it back (:mod:`.docx_roundtrip`)."""
    require_issue(lib, issue_id)
    out = _out_path(out)
    if traditional not in (None, "tw", "hk"):
        raise UserError(f"繁体版只支持 tw 或 hk (traditional edition: tw or hk, not {traditional!r})")
    findings = None
    if regional_vocabulary and not traditional:
        raise UserError("地区用词只用于繁体版，请同时给出 --traditional (regional vocabulary needs --traditional tw|hk)")
    if comments:
        checking.run_checks(lib, issue_id)
    issue, id_to_key, texts = _issue_and_keys(lib, issue_id)
    if comments:
        findings = checking.keyed_findings(lib.list_findings(issue_id, status="open"), id_to_key, keep_unknown=False)
    base_texts = None
    if track_changes:
        base_texts = {}
        for row in lib.segments(issue_id):
            rev_id = (since_revision or {}).get(row.id, row.base_revision_id)
            base_texts[row.key] = lib.revision(rev_id).text
    try:
        return export_issue_docx(
            issue,
            out,
            articles=_articles(lib, issue_id, articles, id_to_key),
            texts=texts,
            findings=findings,
            base_texts=base_texts,
            author=author,
            traditional=traditional,
            regional_vocabulary=regional_vocabulary,
            corner_quotes=corner_quotes,
            revisions={r.key: (r.current_revision_id, r.version) for r in lib.segments(issue_id)},
        )
    except ExportError as exc:
        raise UserError(str(exc)) from None


def export_report(lib: Library, issue_id: int, out: str | Path, *, fmt: str = "docx", author: str = "") -> Path:
    """Findings report (all statuses) with per-article summary and error rates."""
    require_issue(lib, issue_id)
    out = _out_path(out)
    res = checking.run_checks(lib, issue_id)
    issue, id_to_key, texts = _issue_and_keys(lib, issue_id)
    findings = checking.keyed_findings(res.findings, id_to_key, keep_unknown=False)
    rates = {
        "issue": res.rates["issue"],
        "articles": {id_to_key.get(int(k), k) if str(k).isdigit() else k: v for k, v in res.rates["articles"].items()},
    }
    status = {r.key: r.review_label for r in lib.segments(issue_id)}
    try:
        if fmt == "csv":
            return export_report_csv(issue, findings, out, texts=texts)
        return export_report_docx(issue, findings, out, rates=rates, review_status=status, author=author, texts=texts)
    except ExportError as exc:
        raise UserError(str(exc)) from None


def import_docx(lib: Library, path: str | Path, issue_id: int, article: str | None = None, author: str = "") -> tuple[int, str]:
    """A DOCX manuscript as a new article of the issue, or as a new revision of ``article``.
    Returns (segment id, "added" | "revised" | "unchanged")."""
    require_issue(lib, issue_id)
    try:
        ms = read_docx_manuscript(path)
    except DocxImportError as exc:
        raise UserError(str(exc)) from None
    if not ms.text.strip() and not ms.title.strip():
        raise UserError(f"{path}: 文档没有正文 (the document has no text)")
    if article is not None:
        seg_id = require_segment(lib, issue_id, article)
        _, version = lib.current_text(seg_id)
        before = lib.current_revision(seg_id).id
        rev = lib.save_text(seg_id, ms.text, author, expected_version=version, note=f"docx {Path(path).name}")
        return seg_id, "revised" if rev.id != before else "unchanged"
    kinds = ms.kinds if len(ms.kinds) == len(ms.paragraphs) else ["body"] * len(ms.paragraphs)
    seg = Segment(
        id="",
        kind="article",
        source_start=0,
        source_end=0,
        title=ms.title,
        subtitle=ms.subtitle,
        authors=list(ms.authors),
        role=ms.role,
        paragraphs=[Paragraph(kind=k, text=t) for k, t in zip(kinds, ms.paragraphs, strict=True)],
    )
    return lib.add_article(issue_id, seg, author), "added"
