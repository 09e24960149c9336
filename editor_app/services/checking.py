"""Use cases of the proofreading engine: check a file or a library issue, store
findings, fix, dismiss, reopen, bulk-fix, error rates.

Findings in the library name segments by their integer library id; the engine
names them by the segment key ("s03"). This module translates between the two.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from editor_app.checks import (
    Checker,
    CheckSettings,
    Registry,
    Resources,
    apply_fixes,
    build_registry,
    issue_error_rates,
)
from editor_app.checks import preview as fix_preview
from editor_app.model import Finding, Issue, Revision
from editor_app.store import Library

from .issues import UserError, parse_issue_file

SETTINGS_KEY = "checks"


@functools.cache
def registry() -> Registry:
    """The rule registry, built once per process (explicitly, not a global import side effect)."""
    return build_registry()


@functools.cache
def resources() -> Resources:
    return Resources()


def load_settings(lib: Library | None) -> CheckSettings:
    if lib is None:
        return CheckSettings()
    return CheckSettings.from_dict(lib.get_setting(SETTINGS_KEY, None))


def save_settings(lib: Library, settings: CheckSettings) -> None:
    lib.set_setting(SETTINGS_KEY, settings.to_dict())


def make_checker(lib: Library | None = None, issue_id: int | None = None) -> Checker:
    allow = []
    if lib is not None:
        allow = [(e.word, e.rule) for e in lib.allowlist(issue_id)]
    return Checker(registry(), load_settings(lib), resources(), allow)


@dataclass
class CheckResult:
    issue: Issue
    findings: list[Finding]
    rates: dict  # {"issue": float, "articles": {segment id: float}}
    issue_id: int | None = None
    keys: dict[str, int] = field(default_factory=dict)  # segment key -> library id


def check_file(path: str | Path) -> CheckResult:
    """Check an issue file without touching any library."""
    issue = parse_issue_file(path)
    checker = make_checker()
    findings = checker.check_issue(issue)
    for f in findings:
        f.status = "open"
    return CheckResult(issue, findings, issue_error_rates(issue, findings))


def _key_map(lib: Library, issue_id: int) -> dict[str, int]:
    return {row.key: row.id for row in lib.segments(issue_id)}


def run_checks(lib: Library, issue_id: int) -> CheckResult:
    """Check a library issue's current texts and store the findings (statuses kept)."""
    issue = lib.get_issue(issue_id)
    keys = _key_map(lib, issue_id)
    checker = make_checker(lib, issue_id)
    findings = checker.check_issue(issue)
    for f in findings:
        f.segment_id = str(keys[f.segment_id]) if f.segment_id in keys else f.segment_id
    lib.replace_findings(issue_id, findings, None)
    stored = lib.list_findings(issue_id)
    rates = _rates(issue, stored, keys)
    return CheckResult(issue, stored, rates, issue_id, keys)


def keyed_findings(findings: list[Finding], id_to_key: dict[int, str], keep_unknown: bool = True) -> list[Finding]:
    """Copies of library findings named by segment key ("s03"), as the engine and the
    exporters name segments. An id not in ``id_to_key`` stays as it is, or becomes None."""
    out = []
    for f in findings:
        try:
            key = id_to_key.get(int(f.segment_id)) if f.segment_id is not None else None
        except ValueError:
            key = f.segment_id
        g = Finding(**{**f.__dict__})
        g.segment_id = key if key is not None or not keep_unknown else f.segment_id
        out.append(g)
    return out


def _rates(issue: Issue, stored: list[Finding], keys: dict[str, int]) -> dict:
    """Error rates with findings named by segment key (what the rate function expects)."""
    rates = issue_error_rates(issue, keyed_findings(stored, {v: k for k, v in keys.items()}))
    rates["articles"] = {str(keys.get(k, k)): v for k, v in rates["articles"].items()}
    return rates


def recheck_article(lib: Library, issue_id: int, seg_id: int, text: str) -> list[Finding]:
    """Article rules on an edited text (fast path for typing; nothing is stored)."""
    issue = lib.get_issue(issue_id)
    row = lib.segment(seg_id)
    seg = issue.segment(row.key)
    findings = make_checker(lib, issue_id).check_article(text, seg, issue)
    for f in findings:
        f.segment_id = str(seg_id)
    return findings


def _open_in_segment(lib: Library, issue_id: int, seg_id: int, rule: str | None = None) -> list[Finding]:
    return [
        f
        for f in lib.list_findings(issue_id, segment_id=seg_id, status="open", rule=rule)
        if f.suggestion is not None
    ]


@dataclass
class FixOutcome:
    segment_id: int
    applied: list[Finding]
    skipped: list[Finding]
    before: str
    after: str
    revision: Revision | None  # None on a dry run or when nothing changed
    preview: list[tuple[str, str]]


def _fix_segment(
    lib: Library, issue_id: int, seg_id: int, findings: list[Finding], author: str, note: str, dry_run: bool
) -> FixOutcome:
    text, version = lib.current_text(seg_id)
    # findings are stored against the text they were found in: only those whose excerpt
    # still sits at its span are applicable (the engine's apply_fixes checks that)
    new_text, applied, skipped = apply_fixes(text, findings)
    prev = fix_preview(text, applied)
    rev = None
    if not dry_run and applied and new_text != text:
        rev = lib.save_text(seg_id, new_text, author, expected_version=version, note=note)
        for f in applied:
            lib.set_finding_status(f.id, "fixed")
    return FixOutcome(seg_id, applied, skipped, text, new_text, rev, prev)


def apply_fix(lib: Library, finding_id: int, author: str) -> FixOutcome:
    f = lib.finding(finding_id)
    if f.suggestion is None:
        raise UserError(f"问题 {finding_id} 没有修改建议 (finding {finding_id} has no suggestion)")
    if f.status != "open":
        raise UserError(f"问题 {finding_id} 不是待处理状态 (finding {finding_id} is {f.status})")
    seg_id = int(f.segment_id)
    issue_id = lib.segment(seg_id).issue_id
    out = _fix_segment(lib, issue_id, seg_id, [f], author, f"fix {f.rule}", dry_run=False)
    if not out.applied:
        raise UserError(
            f"问题 {finding_id} 所在文字已改动，请重新检查 (the text at finding {finding_id} has changed; re-check first)"
        )
    run_checks(lib, issue_id)  # spans of the other findings moved with the edit
    return out


def bulk_fix(
    lib: Library,
    issue_id: int,
    rule: str,
    segment_id: int | None = None,
    author: str = "",
    dry_run: bool = False,
) -> list[FixOutcome]:
    """All open findings of ``rule`` (with a suggestion) in one article or the whole issue."""
    if registry().get(rule) is None:
        raise UserError(f"未知规则：{rule} (unknown rule {rule!r})")
    run_checks(lib, issue_id)  # findings must describe the current texts
    seg_ids = [segment_id] if segment_id is not None else sorted(
        {int(f.segment_id) for f in lib.list_findings(issue_id, status="open", rule=rule) if f.segment_id}
    )
    outs = []
    for sid in seg_ids:
        fs = _open_in_segment(lib, issue_id, sid, rule)
        if fs:
            outs.append(_fix_segment(lib, issue_id, sid, fs, author, f"bulk fix {rule}", dry_run))
    if not dry_run and any(o.revision for o in outs):
        run_checks(lib, issue_id)
    return outs


def dismiss(lib: Library, finding_id: int, reason: str = "") -> Finding:
    return lib.set_finding_status(finding_id, "dismissed", reason)


def reopen(lib: Library, finding_id: int) -> Finding:
    return lib.set_finding_status(finding_id, "open", "")
