"""Use cases around the desk's panels: the contents of an issue, the issue
overview (open findings, review status, error rates), import of issue text or
a DOCX manuscript with progress and cancel, library search, the rule
catalogue, check settings and the allowlist.

No Qt here; the desktop window runs these on its worker thread.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from editor_app.checks import LIMIT, CheckSettings, issue_error_rates
from editor_app.checks.rate import char_count
from editor_app.checks.segments import PROSE_KINDS, segment_text
from editor_app.ingest import DecodeError, parse_file
from editor_app.ingest.docx_import import DocxImportError, Manuscript, read_docx_manuscript
from editor_app.model import CATEGORIES, Finding, Issue, Masthead, Paragraph, Segment, TocEntry
from editor_app.store import (
    AllowEntry,
    IssueSummary,
    Library,
    LibraryError,
    MastheadConflictError,
    SearchHit,
)

from . import checking, editing
from .issues import UserError

# The window imports the record types it shows (SearchHit, AllowEntry, IssueSummary,
# CheckSettings) from here: gui/ talks to services/ only, never to store/ or checks/.

ProgressFn = Callable[[str, int, int], None]  # (stage label, done, total)
CancelFn = Callable[[], bool]


class Cancelled(Exception):
    """The user cancelled a long operation before it wrote anything."""


class MastheadExists(UserError):
    """The library holds an issue with the same masthead and another source."""

    def __init__(self, message: str, issue_id: int, label: str):
        super().__init__(message)
        self.issue_id = issue_id
        self.label = label


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
    counts = Counter(f.segment_id for f in lib.list_findings(issue_id, status="open"))
    groups: list[ContentsGroup] = []
    listed: set[str] = set()

    def item(row, title: str | None = None, authors: list[str] | None = None, page=None) -> ContentsItem:
        meta = editing.article_meta(lib, row.id)  # header fields edited in the window win
        if "page" in meta:
            page = meta["page"] or None
        if "authors" in meta:
            authors = meta["authors"]
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
            open_findings=counts.get(str(row.id), 0),
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
        groups[-1].items.append(item(row, title=row.title or e.title, page=row.page or e.page))
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
    keys = {r.key: r.id for r in rows}
    findings = lib.list_findings(issue_id, status="open")
    # the rate function names segments by key; the library by id
    rates = issue_error_rates(issue, checking.keyed_findings(findings, {v: k for k, v in keys.items()}))
    by_seg: dict[str, list[Finding]] = {}
    for f in findings:
        by_seg.setdefault(str(f.segment_id), []).append(f)
    out: list[OverviewRow] = []
    total_chars = 0
    for row in rows:
        seg = issue.segment(row.key)
        if seg is None or seg.kind not in PROSE_KINDS:
            continue
        fs = by_seg.get(str(row.id), [])
        counts = Counter(f.category for f in fs)
        text = segment_text(issue, seg)[0]
        n = char_count(text)
        total_chars += n
        meta = editing.article_meta(lib, row.id)
        out.append(
            OverviewRow(
                seg_id=row.id,
                key=row.key,
                kind=row.kind,
                page=(meta.get("page") or None) if "page" in meta else row.page,
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
        checked_at=lib.get_setting(editing.CHECKED_KEY.format(issue_id=issue_id), None),
        review_counts=dict(review_counts),
    )


# -- import ----------------------------------------------------------------------------------

IMPORT_SUFFIXES = (".txt", ".text", ".docx")


def manuscript_issue(ms: Manuscript, sha256: str, name: str) -> Issue:
    """A one-article issue from a DOCX manuscript.

    The source is the manuscript as plain lines (front matter, title, subtitle,
    byline, body paragraphs), so that the usual invariants hold: one segment
    covering the whole source, every paragraph mapped to its line.
    """
    lines: list[tuple[str, str]] = [("kicker", t) for t in ms.front]
    lines.append(("title", ms.title))
    if ms.subtitle:
        lines.append(("subtitle", "——" + ms.subtitle))
    if ms.authors or ms.role:
        lines.append(("byline", " ".join(x for x in [ms.role, "　".join(ms.authors)] if x)))
    kinds = list(ms.kinds) if len(ms.kinds) == len(ms.paragraphs) else []
    for i, p in enumerate(ms.paragraphs):
        lines.append((kinds[i] if kinds else "body", p))
    parts: list[str] = []
    paragraphs: list[Paragraph] = []
    pos = 0
    for kind, text in lines:
        paragraphs.append(Paragraph(kind, text, [(pos, pos + len(text))]))
        parts.append(text + "\n")
        pos += len(text) + 1
    source = "".join(parts)
    seg = Segment(
        id="s01",
        kind="article",
        source_start=0,
        source_end=len(source),
        title=ms.title,
        subtitle=ms.subtitle,
        authors=list(ms.authors),
        role=ms.role,
        byline_raw=next((t for k, t in lines if k == "byline"), ""),
        page=1,
        section="稿件",
        toc_index=0,
        paragraphs=paragraphs,
    )
    toc = [TocEntry(page=1, section="稿件", title=ms.title, subtitle=ms.subtitle,
                    authors=list(ms.authors), role=ms.role, article_id="s01")]
    return Issue(
        masthead=Masthead(title=ms.title, frequency="稿件"),
        source=source,
        toc=toc,
        segments=[seg],
        source_name=name,
        source_hash=sha256,
    )


def _parse_path(path: Path) -> Issue:
    if path.suffix.lower() == ".docx":
        try:
            ms = read_docx_manuscript(path)
        except DocxImportError as exc:
            raise UserError(str(exc)) from None
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        return manuscript_issue(ms, digest, path.name)
    try:
        return parse_file(path)
    except DecodeError as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:
        raise UserError(f"{path.name}: 无法读取文件（{exc.strerror}） (cannot read the file)") from None


@dataclass
class ImportDone:
    issue_id: int
    status: str  # imported | already | replaced | added (a manuscript added to an issue) | revised
    label: str
    n_articles: int
    seg_id: int | None = None  # the article a manuscript became


def import_path(
    lib: Library,
    path: str | Path,
    author: str = "",
    replace: bool = False,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
    check: bool = True,
    into_issue: int | None = None,
) -> ImportDone:
    """Import an issue text file, or a DOCX manuscript, then check the issue.

    A manuscript becomes a new article of ``into_issue`` (the open issue) when
    given, else a one-article issue of its own. Cancelling is honoured until
    the import transaction starts (raises :class:`Cancelled`, nothing
    written); a cancel during the check leaves the issue imported and
    unchecked (it is checked when next opened).
    """
    path = Path(path)
    report = progress or (lambda _s, _d, _t: None)
    stop = cancelled or (lambda: False)
    if not path.is_file():
        raise UserError(f"{path}: 文件不存在 (no such file)")
    report("解析", 0, 3)
    if path.suffix.lower() == ".docx" and into_issue is not None:
        try:
            read_docx_manuscript(path)  # refuse a bad file before anything is written
        except DocxImportError as exc:
            raise UserError(str(exc)) from None
        if stop():
            raise Cancelled()
        report("写入资料库", 1, 3)
        from . import exporting  # python-docx and the exporters load only when needed

        seg_id, status = exporting.import_docx(lib, path, into_issue, None, author=author)
        if check and not stop():
            report("校对", 2, 3)
            editing.check_issue(lib, into_issue)
        report("完成", 3, 3)
        summary = lib.issue_summary(into_issue)
        return ImportDone(into_issue, status, summary.label, summary.n_articles, seg_id)
    issue = _parse_path(path)
    if not issue.segments or not issue.source.strip():
        raise UserError(f"{path.name}: 文件没有任何文字 (the file has no text)")
    if stop():
        raise Cancelled()
    report("写入资料库", 1, 3)
    try:
        res = lib.import_issue(issue, replace=replace, author=author)
    except MastheadConflictError as exc:
        raise MastheadExists(str(exc).split(" / ")[0], exc.existing_issue_id, exc.label) from None
    except LibraryError as exc:
        raise UserError(str(exc)) from None
    if check and not stop():
        report("校对", 2, 3)
        editing.check_issue(lib, res.issue_id)
    report("完成", 3, 3)
    seg_id = None
    if path.suffix.lower() == ".docx":
        seg_id = next((r.id for r in lib.segments(res.issue_id) if r.kind == "article"), None)
    return ImportDone(res.issue_id, res.status, issue.masthead.label(), len(issue.articles()), seg_id)


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


def update_check_settings(lib: Library, settings: CheckSettings, issue_id: int | None = None) -> None:
    """Store rule switches and re-check the open issue so the findings follow them."""
    checking.save_settings(lib, settings)
    if issue_id is not None:
        editing.check_issue(lib, issue_id)


def allowlist(lib: Library, issue_id: int | None = None) -> list[AllowEntry]:
    return lib.allowlist(issue_id)


def add_allow(lib: Library, word: str, issue_id: int | None = None, rule: str | None = None,
              recheck_issue: int | None = None) -> AllowEntry:
    word = (word or "").strip()
    if not word:
        raise UserError("请输入要加入白名单的词语 (enter a word for the allowlist)")
    if rule and checking.registry().get(rule) is None and rule not in CATEGORIES:
        raise UserError(f"未知规则：{rule} (unknown rule {rule!r})")
    try:
        entry = lib.add_allow(word, issue_id, rule or None)
    except LibraryError as exc:
        raise UserError(str(exc)) from None
    if recheck_issue is not None:
        editing.check_issue(lib, recheck_issue)
    return entry


def remove_allow(lib: Library, entry_id: int, recheck_issue: int | None = None) -> bool:
    removed = lib.remove_allow(entry_id)
    if removed and recheck_issue is not None:
        editing.check_issue(lib, recheck_issue)
    return removed


def findings_of(lib: Library, issue_id: int, seg_id: int | None = None) -> list[Finding]:
    """Every finding of an issue (or one article), any status, in text order."""
    return lib.list_findings(issue_id, segment_id=seg_id)


CONTEXT_CHARS = 5


def finding_contexts(lib: Library, findings: list[Finding], n: int = CONTEXT_CHARS) -> dict[int, tuple[str, str]]:
    """Finding id -> (the ``n`` characters before, the ``n`` after) in its article's current
    text, for lists that show where a finding is ("加快推进【,】科技创新")."""
    texts: dict[str, str] = {}
    out: dict[int, tuple[str, str]] = {}
    for f in findings:
        if f.id is None or f.segment_id is None:
            continue
        if f.segment_id not in texts:
            texts[f.segment_id] = editing.article_text(lib, int(f.segment_id))
        text = texts[f.segment_id]
        if 0 <= f.start <= f.end <= len(text):
            left = text[max(0, f.start - n): f.start].split("\n")[-1]
            right = text[f.end: f.end + n].split("\n")[0]
            out[f.id] = (left, right)
    return out
