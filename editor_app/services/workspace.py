"""Use cases around the desk's panels: the contents of an issue, the issue
overview (open findings, review status, error rates), library search, the rule
catalogue, check settings and the allowlist. (Imports: services/importing.py.)

No Qt here; the desktop window runs these on its worker thread.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from editor_app.checks import LIMIT, CheckSettings, issue_error_rates
from editor_app.checks.rate import char_count
from editor_app.checks.segments import PROSE_KINDS, segment_text
from editor_app.model import CATEGORIES, Finding
from editor_app.store import AllowEntry, IssueSummary, Library, LibraryError, SearchHit

from . import checking, editing
from .changes import OpChanges
from .importing import Cancelled, MastheadExists  # noqa: F401 - the window's import errors
from .issues import UserError

# The window imports the record types it shows (SearchHit, AllowEntry, IssueSummary,
# CheckSettings) from here: gui/ talks to services/ only, never to store/ or checks/.

# -- library and contents ----------------------------------------------------------------


def list_issues(lib: Library) -> list[IssueSummary]:
    return lib.list_issues()


@dataclass
class ContentsItem:
    """One line of the contents tree: a TOC entry (with its segment) or another segment."""

    seg_id: int | None  # None: a TOC entry the parser matched to no segment
    key: str
    kind: str
    page: int | None
    title: str
    authors: list[str]
    review_status: str
    review_label: str
    review_by: str
    review_at: str | None
    open_findings: int
    edited: bool = False


@dataclass
class ContentsGroup:
    title: str  # the column (栏目) name; "" for the group of segments outside the TOC
    items: list[ContentsItem] = field(default_factory=list)
    in_toc: bool = True


@dataclass
class IssueContents:
    summary: IssueSummary
    groups: list[ContentsGroup]

    def seg_ids(self) -> list[int]:
        return [it.seg_id for g in self.groups for it in g.items if it.seg_id is not None]


def issue_contents(lib: Library, issue_id: int) -> IssueContents:
    """Columns -> entries in TOC order, then a group of every segment the TOC does not list."""
    summary = lib.issue_summary(issue_id)
    rows = lib.segments(issue_id)
    by_key = {r.key: r for r in rows}
    counts = Counter(f.segment.id for f in lib.list_findings(issue_id, status="open") if f.segment)
    groups: list[ContentsGroup] = []
    listed: set[str] = set()

    def item(row, title: str | None = None, authors: list[str] | None = None, page=None) -> ContentsItem:
        return ContentsItem(
            seg_id=row.id,
            key=row.key,
            kind=row.kind,
            page=page if page is not None else row.page,
            title=title if title is not None else row.title,
            authors=list(authors if authors is not None else row.authors),
            review_status=row.review_status,
            review_label=row.review_label,
            review_by=row.review_by,
            review_at=row.review_at,
            open_findings=counts.get(row.id, 0),
            edited=row.edited,
        )

    for e in lib.toc(issue_id):
        if not groups or groups[-1].title != e.section:
            groups.append(ContentsGroup(e.section))
        row = by_key.get(e.article_id) if e.article_id else None
        if row is None:
            groups[-1].items.append(
                ContentsItem(None, "", "article", e.page, e.title, list(e.authors), "", "", "", None, 0)
            )
            continue
        listed.add(row.key)
        groups[-1].items.append(item(row, title=row.title or e.title,
                                     page=row.page if row.page is not None else e.page))
    others = ContentsGroup("", in_toc=False)
    for row in rows:
        if row.key not in listed:
            others.items.append(item(row))
    if others.items:
        groups.append(others)
    return IssueContents(summary, groups)


# -- overview ----------------------------------------------------------------------------


@dataclass
class OverviewRow:
    seg_id: int
    key: str
    kind: str
    page: int | None
    section: str
    title: str
    counts: dict[str, int]  # category -> open findings
    open_total: int
    errors: int  # open findings of severity "error"
    chars: int  # non-whitespace characters of the current text
    rate: float | None  # open errors per 10,000 characters (articles only)
    review_status: str
    review_label: str
    review_by: str
    review_at: str | None

    @property
    def over_limit(self) -> bool:
        return self.rate is not None and self.rate > LIMIT


@dataclass
class IssueOverview:
    issue_id: int
    label: str
    rows: list[OverviewRow]
    issue_rate: float
    limit: float
    totals: dict[str, int]  # category -> open findings of the issue
    errors: int
    chars: int
    checked_at: str | None
    review_counts: dict[str, int]  # review status -> articles

    @property
    def over_limit(self) -> bool:
        return self.issue_rate > self.limit


def issue_overview(lib: Library, issue_id: int) -> IssueOverview:
    issue = lib.get_issue(issue_id)
    rows = lib.segments(issue_id)
    findings = lib.list_findings(issue_id, status="open")
    rates = issue_error_rates(issue, findings)
    by_seg: dict[int | None, list[Finding]] = {}
    for f in findings:
        by_seg.setdefault(f.segment.id if f.segment else None, []).append(f)
    out: list[OverviewRow] = []
    total_chars = 0
    for row in rows:
        seg = issue.segment(row.key)
        if seg is None or seg.kind not in PROSE_KINDS:
            continue
        fs = by_seg.get(row.id, [])
        counts = Counter(f.category for f in fs)
        text = segment_text(issue, seg)[0]
        n = char_count(text)
        total_chars += n
        out.append(
            OverviewRow(
                seg_id=row.id,
                key=row.key,
                kind=row.kind,
                page=row.page,
                section=row.section,
                title=row.title,
                counts={c: counts.get(c, 0) for c in CATEGORIES},
                open_total=len(fs),
                errors=sum(1 for f in fs if f.severity == "error"),
                chars=n,
                rate=rates["articles"].get(row.key),
                review_status=row.review_status,
                review_label=row.review_label,
                review_by=row.review_by,
                review_at=row.review_at,
            )
        )
    totals = Counter(f.category for f in findings)
    review_counts = Counter(r.review_status for r in rows if r.kind == "article")
    return IssueOverview(
        issue_id=issue_id,
        label=lib.issue_summary(issue_id).label,
        rows=out,
        issue_rate=float(rates["issue"]),
        limit=LIMIT,
        totals={c: totals.get(c, 0) for c in CATEGORIES},
        errors=sum(1 for f in findings if f.severity == "error"),
        chars=total_chars,
        checked_at=lib.checked_at(issue_id),
        review_counts=dict(review_counts),
    )


# -- search ----------------------------------------------------------------------------------


def search_library(lib: Library, query: str, limit: int = 200, issue_id: int | None = None) -> list[SearchHit]:
    """Articles whose title or current text contains every word of ``query`` (2 characters work)."""
    return lib.search(query, limit=limit, issue_id=issue_id)


# -- rules, settings, allowlist ------------------------------------------------------------------


@dataclass(frozen=True)
class RuleInfo:
    id: str
    category: str
    severity: str
    title: str
    explanation: str
    scope: str
    bulk_fixable: bool


def rule_catalogue() -> dict[str, list[RuleInfo]]:
    """Rules by category, in registry order."""
    out: dict[str, list[RuleInfo]] = {c: [] for c in CATEGORIES}
    for r in checking.registry():
        out.setdefault(r.category, []).append(
            RuleInfo(r.id, r.category, r.severity, r.title, r.explanation, r.scope, r.bulk_fixable)
        )
    return {c: rules for c, rules in out.items() if rules}


def rule_info(rule_id: str) -> RuleInfo | None:
    r = checking.registry().get(rule_id)
    if r is None:
        return None
    return RuleInfo(r.id, r.category, r.severity, r.title, r.explanation, r.scope, r.bulk_fixable)


def check_settings(lib: Library) -> CheckSettings:
    return checking.load_settings(lib)


def _recheck(lib: Library, issue_id: int | None, cause: str, **flags: bool) -> OpChanges:
    changes = OpChanges.of(issue_id, None, **flags)
    if issue_id is not None:
        changes = changes | checking.recheck(lib, issue_id, cause, listing=False).changes
    return changes


def update_check_settings(lib: Library, settings: CheckSettings, issue_id: int | None = None) -> OpChanges:
    """Store rule switches and re-check the open issue so the findings follow them."""
    with lib.atomic():
        checking.save_settings(lib, settings)
        return _recheck(lib, issue_id, "rules", settings=True)


def allowlist(lib: Library, issue_id: int | None = None) -> list[AllowEntry]:
    return lib.allowlist(issue_id)


@dataclass
class AllowResult:
    entry: AllowEntry | None
    changes: OpChanges


def add_allow(lib: Library, word: str, issue_id: int | None = None, rule: str | None = None,
              recheck_issue: int | None = None) -> AllowResult:
    word = (word or "").strip()
    if not word:
        raise UserError("请输入要加入白名单的词语 (enter a word for the allowlist)")
    if rule and checking.registry().get(rule) is None and rule not in CATEGORIES:
        raise UserError(f"未知规则：{rule} (unknown rule {rule!r})")
    try:
        with lib.atomic():
            entry = lib.add_allow(word, issue_id, rule or None)
            return AllowResult(entry, _recheck(lib, recheck_issue, "allowlist", allowlist=True))
    except LibraryError as exc:
        raise UserError(str(exc)) from None


def remove_allow(lib: Library, entry_id: int, recheck_issue: int | None = None) -> AllowResult:
    with lib.atomic():
        removed = lib.remove_allow(entry_id)
        if not removed:
            return AllowResult(None, OpChanges())
        return AllowResult(None, _recheck(lib, recheck_issue, "allowlist", allowlist=True))


def remove_allows(lib: Library, entry_ids: list[int], recheck_issue: int | None = None) -> AllowResult:
    """Remove several allowlist entries in one transaction."""
    changes = OpChanges()
    with lib.atomic():
        for i in entry_ids:
            changes = changes | remove_allow(lib, i, None).changes
        if changes.any:
            changes = changes | _recheck(lib, recheck_issue, "allowlist", allowlist=True)
    return AllowResult(None, changes)


@dataclass
class OpenedIssue:
    summary: IssueSummary
    article: int | None  # the article to show first, if it is still in the issue
    changes: OpChanges  # findings re-checked on opening (their state was not current)


def open_issue(lib: Library, issue_id: int, article: int | None = None) -> OpenedIssue:
    """Open an issue: check it if its stored findings do not describe its current
    state (imported by the CLI, changed by another program, rules changed)."""
    res = checking.ensure_current(lib, issue_id)
    ids = {r.id for r in lib.segments(issue_id)}
    changes = res.changes if res is not None else OpChanges()
    return OpenedIssue(lib.issue_summary(issue_id), article if article in ids else None, changes)


def findings_of(lib: Library, issue_id: int, seg_id: int | None = None) -> list[Finding]:
    """Every finding of an issue (or one article), any status, in text order; resolved
    problems (no longer in the text) last."""
    return lib.list_findings(issue_id, segment=seg_id, status=("open", "dismissed", "resolved"))


CONTEXT_CHARS = 5


def finding_contexts(lib: Library, findings: list[Finding], n: int = CONTEXT_CHARS) -> dict[int, tuple[str, str]]:
    """Finding id -> (the ``n`` characters before, the ``n`` after) in its article's current
    text, for lists that show where a finding is ("加快推进【,】科技创新")."""
    texts: dict[int, str] = {}
    out: dict[int, tuple[str, str]] = {}
    for f in findings:
        if f.id is None or f.segment is None:
            continue
        if f.segment.id not in texts:
            texts[f.segment.id] = editing.article_text(lib, f.segment.id)
        text = texts[f.segment.id]
        if 0 <= f.start <= f.end <= len(text):
            left = text[max(0, f.start - n): f.start].split("\n")[-1]
            right = text[f.end: f.end + n].split("\n")[0]
            out[f.id] = (left, right)
    return out
