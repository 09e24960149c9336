"""Use cases of DOCX/CSV export over the library (imports: services/importing.py).

The exporters take plain model objects: the issue with its current texts and
headers, and findings that name their segment with a ``SegmentRef``.
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime
from pathlib import Path

from editor_app.checks import issue_error_rates
from editor_app.export import (
    ExportError,
    export_issue_docx,
    export_report_csv,
    export_report_docx,
)
from editor_app.export.revisions import RevisionStep
from editor_app.model import Issue
from editor_app.store import Library

from . import checking, rule_texts
from .issues import UserError, require_issue, require_segment


def _issue_and_texts(lib: Library, issue_id: int) -> tuple[Issue, dict[str, str]]:
    """The issue with each segment's current text and header, and key -> current text."""
    issue = lib.get_issue(issue_id)
    texts = {r.key: lib.current_text(r.id)[0] for r in lib.segments(issue_id)}
    return issue, texts


def _articles(lib: Library, issue_id: int, idents: list[str] | None) -> list[str] | None:
    if not idents:
        return None
    return [lib.segment(require_segment(lib, issue_id, a)).key for a in idents]


def _out_path(out: str | Path) -> Path:
    p = Path(out)
    if p.exists() and p.is_dir():
        raise UserError(f"{p}: 这是文件夹，请给出文件名 (is a directory; give a file name)")
    if not p.parent.exists():
        raise UserError(f"{p}: 目录不存在 (the folder {p.parent} does not exist)")
    return p


def _undone_on_failure(write_if):
    """Run an export in one transaction of the library: the re-check it may store and
    the file it writes stand or fall together, so a failed write (disk full, temporary
    file refused) leaves the library as it was. ``write_if(kwargs)``: whether the export
    may write to the library (then the write lock is taken first, see Library.atomic)."""

    def wrap(fn):
        @functools.wraps(fn)
        def run(lib: Library, *args, **kwargs):
            with lib.atomic(write=write_if(kwargs)):
                return fn(lib, *args, **kwargs)

        return run

    return wrap


@_undone_on_failure(lambda kw: bool(kw.get("comments")))
def revision_steps(lib: Library, seg_id: int, after_number: int, upto_id: int) -> list[RevisionStep]:
    """The revisions of a segment after number ``after_number`` up to revision ``upto_id``,
    oldest first, each with its author and time: what tracked changes are credited to."""
    out = []
    for r in reversed(lib.revisions(seg_id)):  # newest first -> oldest first
        if r.number <= after_number:
            continue
        out.append(RevisionStep(r.text, r.author, _revision_time(r.created)))
        if r.id == upto_id:
            break
    return out


def _revision_time(created: str) -> datetime:
    when = datetime.fromisoformat(created.replace("Z", "+00:00"))
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


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
    lang: str | None = None,
) -> Path:
    """The issue (or some articles) as DOCX; with ``comments`` every open finding is a
    Word comment (the issue is checked first if its findings are not current); with
    ``track_changes`` the edits since import (or since ``since_revision[segment id]``)
    are Word revisions, each credited to the revision that made it (its author and
    time). ``lang`` ("en", else Chinese): the language of the comments' rule titles
    and messages (a rule is never named by its id). ``traditional`` ("tw" / "hk"): a traditional edition, comments
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
        findings = checking.open_findings(lib, issue_id)
    issue, texts = _issue_and_texts(lib, issue_id)
    base_texts = None
    base_revisions = None
    if track_changes:
        base_texts, base_revisions = {}, {}
        for row in lib.segments(issue_id):
            rev_id = (since_revision or {}).get(row.id, row.base_revision_id)
            base = lib.revision(rev_id)
            base_texts[row.key] = base.text
            if row.current_revision_id != rev_id:
                base_revisions[row.key] = revision_steps(lib, row.id, base.number, row.current_revision_id)
    try:
        return export_issue_docx(
            issue,
            out,
            articles=_articles(lib, issue_id, articles),
            texts=texts,
            findings=findings,
            base_texts=base_texts,
            author=author,
            traditional=traditional,
            regional_vocabulary=regional_vocabulary,
            corner_quotes=corner_quotes,
            revisions={r.key: (r.current_revision_id, r.version) for r in lib.segments(issue_id)},
            rule_titles=rule_texts.titles(lang),
            messages=rule_texts.message_function(lang),
            lang="en" if lang == "en" else "zh_CN",
            base_revisions=base_revisions,
        )
    except ExportError as exc:
        from .failures import user_message  # the one wording of failures

        raise UserError(user_message(exc)) from None


@_undone_on_failure(lambda kw: True)
def export_report(lib: Library, issue_id: int, out: str | Path, *, fmt: str = "docx", author: str = "",
                  lang: str | None = None) -> Path:
    """Findings report (all statuses) with per-article summary and error rates."""
    require_issue(lib, issue_id)
    out = _out_path(out)
    checking.ensure_current(lib, issue_id)
    issue, texts = _issue_and_texts(lib, issue_id)
    findings = lib.list_findings(issue_id, status=("open", "dismissed", "resolved"))
    rates = issue_error_rates(issue, findings)
    status = {r.key: r.review_label for r in lib.segments(issue_id)}
    try:
        if fmt == "csv":
            return export_report_csv(issue, findings, out, texts=texts)
        return export_report_docx(issue, findings, out, rates=rates, review_status=status, author=author, texts=texts,
                                  rule_titles=rule_texts.titles(lang), messages=rule_texts.message_function(lang))
    except ExportError as exc:
        from .failures import user_message  # the one wording of failures

        raise UserError(user_message(exc)) from None
