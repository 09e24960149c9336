"""One export as the export dialog describes it (no Qt): what (the issue, one article,
the findings report, or the PDF proof with the open findings and edits as notes), which copy (clean; findings as comments; tracked changes since
import, since a chosen revision or since a point in time; Taiwan or Hong Kong
edition), where.

The file is written beside the target under a temporary name and renamed at the
end, so a cancelled or failed export leaves no half-written file and never
clobbers the previous one.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from editor_app.store import Library

from . import exporting, proofs
from .issues import UserError, require_issue
from .workspace import Cancelled

WHAT = ("issue", "article", "report", "proof")
EDITIONS = ("", "tw", "hk")  # "": simplified (as edited)
SINCE = ("import", "revision", "time")


@dataclass(frozen=True)
class ExportJob:
    what: str  # "issue" | "article" | "report" | "proof" (the PDF proof with notes)
    out: str
    seg_id: int | None = None  # what == "article"
    comments: bool = False  # open findings as Word comments
    track_changes: bool = False
    since: str = "import"  # "import" | "revision" (of the article) | "time"
    since_revision: int | None = None  # a revision id of the article
    since_time: str | None = None  # ISO 8601 UTC, as revisions' ``created``
    edition: str = ""  # "" | "tw" | "hk"
    report_format: str = "docx"  # "docx" | "csv"
    author: str = ""
    lang: str = ""  # "en": rule titles and messages of comments and report in English; else Chinese


def revisions_at(lib: Library, issue_id: int, when: str) -> dict[int, int]:
    """Per segment of the issue, the revision that was current at ``when`` (ISO 8601 UTC):
    the base of "tracked changes since then". A segment with no revision that old starts
    from its first one."""
    out: dict[int, int] = {}
    for row in lib.segments(issue_id):
        revs = [r for r in lib.revisions(row.id) if r.note != "conflict"]
        if not revs:
            continue
        older = [r for r in revs if r.created <= when]
        pick = max(older, key=lambda r: r.number) if older else min(revs, key=lambda r: r.number)
        out[row.id] = pick.id
    return out


def _since(lib: Library, issue_id: int, job: ExportJob) -> dict[int, int] | None:
    if not job.track_changes or job.since == "import":
        return None
    if job.since == "revision":
        if job.seg_id is None or job.since_revision is None:
            raise UserError("请选择起始版本 (choose the revision to compare with)")
        rev = lib.revision(job.since_revision)
        if rev.segment_id != job.seg_id:
            raise UserError("起始版本不属于这篇文章 (the revision belongs to another article)")
        return {job.seg_id: rev.id}
    if job.since == "time":
        if not job.since_time:
            raise UserError("请选择起始时间 (choose the time to compare with)")
        return revisions_at(lib, issue_id, job.since_time)
    raise UserError(f"未知的比较起点：{job.since} (unknown starting point)")


def run(lib: Library, issue_id: int, job: ExportJob,
        progress: Callable[[str, int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None) -> Path:
    """Do the export; returns the written file. ``cancelled()`` is asked between steps:
    when it says yes, nothing is left on disk and :class:`Cancelled` is raised."""
    progress = progress or (lambda _s, _d, _t: None)
    cancelled = cancelled or (lambda: False)
    require_issue(lib, issue_id)
    if job.what not in WHAT:
        raise UserError(f"未知的导出内容：{job.what} (unknown export)")
    if job.edition not in EDITIONS:
        raise UserError(f"繁体版只支持 tw 或 hk (traditional edition: tw or hk, not {job.edition!r})")
    target = exporting._out_path(job.out)
    if job.what == "article" and job.seg_id is None:
        raise UserError("请选择要导出的文章 (choose the article)")
    since = _since(lib, issue_id, job)
    tmp = target.with_name(f".{target.stem}.part{os.getpid()}{target.suffix}")
    progress("prepare", 0, 3)
    if cancelled():
        raise Cancelled()
    try:
        progress("write", 1, 3)
        if job.what == "proof":
            proofs.export_pdf(lib, issue_id, tmp, author=job.author, lang=job.lang or None)
        elif job.what == "report":
            exporting.export_report(
                lib, issue_id, tmp, fmt=job.report_format, author=job.author, lang=job.lang or None
            )
        else:
            exporting.export_issue(
                lib, issue_id, tmp,
                articles=[str(job.seg_id)] if job.what == "article" else None,
                comments=job.comments, track_changes=job.track_changes,
                traditional=job.edition or None, author=job.author, since_revision=since,
                lang=job.lang or None,
            )
        if cancelled():
            raise Cancelled()
        progress("finish", 2, 3)
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    progress("done", 3, 3)
    return target
