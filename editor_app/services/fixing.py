"""Bulk fix over a whole issue that survives a conflicting article.

``checking.bulk_fix`` stops at the first article another desk changed between
the check and the save (ConflictError). Here such an article is skipped and
reported, and the others are still fixed. (When services/checking.py is next
open for edits, this loop belongs in ``bulk_fix`` itself.)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from editor_app.store import ConflictError, Library

from . import checking
from .issues import UserError


@dataclass
class FixReport:
    outcomes: list = field(default_factory=list)  # checking.FixOutcome
    conflicts: list[tuple[int, str]] = field(default_factory=list)  # (segment id, message)


def fix_issue(
    lib: Library,
    issue_id: int,
    rule: str,
    segment_id: int | None = None,
    author: str = "",
    dry_run: bool = False,
) -> FixReport:
    if checking.registry().get(rule) is None:
        raise UserError(f"未知规则：{rule} (unknown rule {rule!r})")
    checking.run_checks(lib, issue_id)  # findings must describe the current texts
    seg_ids = [segment_id] if segment_id is not None else sorted(
        {int(f.segment_id) for f in lib.list_findings(issue_id, status="open", rule=rule) if f.segment_id}
    )
    report = FixReport()
    for sid in seg_ids:
        fs = checking._open_in_segment(lib, issue_id, sid, rule)
        if not fs:
            continue
        try:
            report.outcomes.append(
                checking._fix_segment(lib, issue_id, sid, fs, author, f"bulk fix {rule}", dry_run)
            )
        except ConflictError as exc:
            report.conflicts.append((sid, str(exc)))
    if not dry_run and (any(o.revision for o in report.outcomes) or report.conflicts):
        checking.run_checks(lib, issue_id)
    return report
