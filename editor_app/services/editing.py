"""Use cases of the article editor: load an article, save it with conflict
handling, header fields, revisions and their differences, restore, review
status, and the live (unsaved-text) checks the editor runs while one types.

No Qt here: the desktop window calls these functions from its worker thread
(``editor_app.gui.ops``); the live-check helpers run on the checker thread and
touch no database at all (they work on a :class:`CheckSnapshot`).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace
from typing import Any

from editor_app.checks import Checker, CheckSettings
from editor_app.checks.core import NO_LIBRARY_FACTS, LibraryFacts
from editor_app.checks.segments import segment_text
from editor_app.model import HEADER_FIELDS, Finding, Header, Issue, Revision
from editor_app.store import (
    ConflictError,
    Library,
    LibraryError,
    PermissionRefused,
    ServerUnreachable,
)

from . import checking
from .changes import NO_CHANGES, OpChanges
from .issues import UserError

# -- loading -------------------------------------------------------------------------


@dataclass
class ArticleView:
    """Everything the article pane shows for one segment."""

    seg_id: int
    issue_id: int
    key: str
    kind: str
    title: str
    subtitle: str
    kicker: str
    authors: list[str]
    role: str
    page: int | None
    section: str
    text: str  # the current text (what the editor edits)
    version: int  # pass back to save_article as expected_version
    revision_number: int
    source_text: str  # the segment's slice of the issue source, byte for byte
    review_status: str
    review_label: str
    review_by: str
    review_at: str | None
    editable: bool = True  # False: a segment shown from its source slice (no editable text)
    edited: bool = False  # the text is no longer the imported one
    revision_id: int | None = None

    @property
    def header(self) -> Header:
        return Header(self.kicker, self.title, self.subtitle, list(self.authors), self.role, self.page)


def _shown_text(row, text: str, source: str) -> tuple[str, bool]:
    """The text the window shows for a segment, and whether it can be edited.

    A segment without paragraphs (e.g. a bare list) has an empty editable text;
    the checks read its source slice, so the window shows that, read-only, and
    findings' spans index it.
    """
    if not text.strip() and row.kind != "article" and source.strip():
        return source, False
    return text, row.active


def article_text(lib: Library, seg_id: int) -> str:
    """The text findings of a segment index (see :func:`load_article`)."""
    row = lib.segment(seg_id)
    text, _version = lib.current_text(seg_id)
    if text.strip() or row.kind == "article":
        return text
    return _shown_text(row, text, lib.source(row.issue_id)[row.source_start : row.source_end])[0]


def load_article(lib: Library, seg_id: int) -> ArticleView:
    row = lib.segment(seg_id)
    rev = lib.current_revision(seg_id)
    source = lib.source(row.issue_id)[row.source_start : row.source_end]
    text, editable = _shown_text(row, rev.text, source)
    return ArticleView(
        seg_id=row.id,
        issue_id=row.issue_id,
        key=row.key,
        kind=row.kind,
        title=rev.title,
        subtitle=rev.subtitle,
        kicker=rev.kicker,
        authors=list(rev.authors),
        role=rev.role,
        page=rev.page,
        section=row.section,
        text=text,
        version=row.version,
        revision_number=rev.number,
        source_text=source,
        review_status=row.review_status,
        review_label=row.review_label,
        review_by=row.review_by,
        review_at=row.review_at,
        editable=editable,
        edited=row.edited,
        revision_id=rev.id,
    )


# -- saving --------------------------------------------------------------------------


@dataclass
class Conflict:
    """A save that found the article changed by someone else. Both texts are stored."""

    segment_id: int
    current_revision_id: int
    conflict_revision_id: int | None  # the refused text, kept as a "conflict" revision
    current_text: str
    current_version: int
    message: str
    current_number: int | None = None  # revision numbers, as the history shows them
    conflict_number: int | None = None


@dataclass
class SaveResult:
    segment_id: int
    issue_id: int
    version: int  # the article's version after the save (the next expected_version)
    revision: Revision | None  # the new current revision; None on a conflict
    changed: bool  # False: text and header were already stored
    conflict: Conflict | None = None
    checked: bool = False  # the issue was re-checked after the save
    changes: OpChanges = NO_CHANGES
    queued: bool = False  # the server was unreachable: kept in the offline outbox, sent later
    pending: int = 0  # saves waiting in the offline outbox after this one (services/outbox.py)


def check_issue(lib: Library, issue_id: int, who: str = "") -> checking.CheckResult:
    """Run every check on the issue and reconcile the stored findings."""
    return checking.recheck(lib, issue_id, "check", who)


def ensure_checked(lib: Library, issue_id: int) -> bool:
    """Check an issue whose stored findings do not describe its current state. True if it ran."""
    return checking.ensure_current(lib, issue_id) is not None


def _clean_header(row, header: dict[str, Any] | None, title: str | None) -> dict[str, Any]:
    changes = dict(header or {})
    if title is not None:
        changes["title"] = title
    out: dict[str, Any] = {}
    for k, v in changes.items():
        if k not in HEADER_FIELDS:
            raise UserError(f"未知的文章字段：{k} (unknown header field {k!r})")
        if k == "authors":
            v = [a.strip() for a in (v or []) if a and a.strip()]
        elif k == "page":
            if v is not None and (not isinstance(v, int) or isinstance(v, bool) or v < 0):
                raise UserError(f"页码必须是非负整数：{v} (a page number is a whole number ≥ 0)")
            v = v or None
        else:
            v = (v or "").strip()
        if k == "title" and not v and row.kind == "article":
            raise UserError("文章标题不能为空 (an article needs a title)")
        out[k] = v
    return out


def save_article(
    lib: Library,
    seg_id: int,
    text: str | None,
    author: str,
    expected_version: int | None,
    title: str | None = None,
    check: bool = True,
    note: str = "edit",
    header: dict[str, Any] | None = None,
) -> SaveResult:
    """Save the editor's text (None: unchanged) and header fields as a new revision if
    the article is still at ``expected_version``, and re-check in the same transaction.

    On a conflict nothing is lost and nothing raises: the revision is stored
    with note "conflict" and the result carries the current text for the editor
    to show beside the user's own.
    """
    row = lib.segment(seg_id)
    if not row.active:
        raise UserError("该分段已停用，不能修改 (the segment was retired; it is read-only)")
    if title is not None and not title.strip() and row.kind == "article":
        title = None  # an emptied title field in the window does not erase the title
    fields = _clean_header(row, header, title)
    if note == "edit" and fields and (text is None or text == lib.current_text(seg_id)[0]):
        note = "header"  # only header fields changed: the history says so
    conflict: list[ConflictError] = []

    def write() -> list[Revision]:
        before = lib.segment(seg_id).version
        try:
            rev = lib.save_text(
                seg_id, text, author, expected_version=expected_version, note=note, header=fields
            )
        except ConflictError as exc:
            conflict.append(exc)  # the conflict revision is committed with the transaction
            return []
        return [rev] if lib.segment(seg_id).version != before else []

    try:
        if check:
            res = checking.write_and_recheck(
                lib, row.issue_id, write, note, author, text=text is not None,
                header=bool(fields),
            )
        else:
            with lib.atomic():
                revs = write()
            res = checking.WriteResult(
                row.issue_id, revs, None,
                OpChanges.of(row.issue_id, [seg_id], text=bool(revs)),
            )
    except (ServerUnreachable, PermissionRefused):
        raise  # typed: the offline outbox queues the first and never the second (services/outbox.py)
    except LibraryError as exc:
        raise UserError(str(exc)) from None
    if conflict:
        exc = conflict[0]
        cur_text, cur_version = lib.current_text(seg_id)
        numbers = {r.id: r.number for r in lib.revisions(seg_id)}
        cur_no, mine_no = numbers.get(exc.current_revision_id), numbers.get(exc.conflict_revision_id)
        kept = f"您的文本已另存为修订 #{mine_no}，" if mine_no is not None else ""
        c = Conflict(
            segment_id=seg_id,
            current_revision_id=exc.current_revision_id,
            conflict_revision_id=exc.conflict_revision_id,
            current_text=cur_text,
            current_version=cur_version,
            message=f"该文章已被他人修改，当前为修订 #{cur_no}；{kept}请比较两个版本后再保存。",
            current_number=cur_no,
            conflict_number=mine_no,
        )
        return SaveResult(seg_id, row.issue_id, cur_version, None, False, c)
    _text, version = lib.current_text(seg_id)
    rev = res.revisions[0] if res.revisions else lib.current_revision(seg_id)
    return SaveResult(
        seg_id, row.issue_id, version, rev, bool(res.revisions), None, res.check is not None,
        res.changes,
    )


def set_header(
    lib: Library,
    seg_id: int,
    author: str,
    expected_version: int | None = None,
    **fields: Any,
) -> SaveResult:
    """Change header fields (kicker, title, subtitle, authors, role, page) as a new
    revision ("header"); the checks that read them run again."""
    return save_article(lib, seg_id, None, author, expected_version, note="header", header=fields)


def keep_mine(lib: Library, seg_id: int, text: str, author: str, title: str | None = None) -> SaveResult:
    """Resolve a conflict in favour of the editor's text: it becomes current (the other
    text stays in the history)."""
    _cur, version = lib.current_text(seg_id)
    return save_article(lib, seg_id, text, author, version, title=title, note="resolve conflict")


# -- findings ------------------------------------------------------------------------


def resolve_finding(
    lib: Library, seg_id: int, finding_id: int | None, rule: str, fingerprint: str
) -> Finding:
    """The stored finding the window means: by id, else by rule and fingerprint in the
    article (a finding first seen by the live check has no id until the next save)."""
    if finding_id is not None:
        try:
            f = lib.finding(finding_id)
        except ServerUnreachable:
            raise
        except LibraryError:
            f = None
        if f is not None:
            return f
    issue_id = lib.segment(seg_id).issue_id
    f = lib.finding_by_fingerprint(issue_id, seg_id, rule, fingerprint)
    if f is None:
        raise UserError("该问题已不存在（文字已改动），请重新检查 (the finding is gone; the text changed)")
    return f


class OfflineRefusal(ServerUnreachable):
    """A fix, dismissal or reopening asked for while the library server is unreachable.

    These are refused, not queued in the offline outbox: a fix applies a suggestion to
    the exact text a finding was found in, and a decision names a finding the server
    holds; neither can be checked without the server, and replayed later on a text that
    moved on they could change the wrong words. Saves of typed text are queued
    (services/outbox.py): typing a correction by hand works offline."""

    def __init__(self, what_zh: str, what_en: str, detail: str):
        self.detail = detail
        LibraryError.__init__(
            self,
            f"离线：无法连接编辑部服务器，{what_zh}未执行；恢复连接后请重试（手动修改的文字会先存在本机） / "
            f"offline: the library server cannot be reached, the {what_en} was not done; try again "
            f"when it is back (typed text is kept on this computer meanwhile) ({detail})",
        )


def apply_finding(
    lib: Library, seg_id: int, finding_id: int | None, rule: str, fingerprint: str, author: str
) -> checking.FixResult:
    """Apply one finding's suggestion as a new revision (note "fix <rule>"), then re-check.
    Offline: refused (:class:`OfflineRefusal`), nothing written."""
    try:
        f = resolve_finding(lib, seg_id, finding_id, rule, fingerprint)
        return checking.apply_fix(lib, f.id, author)
    except OfflineRefusal:
        raise
    except ServerUnreachable as exc:
        raise OfflineRefusal("修改建议", "fix", exc.detail) from None


def dismiss_finding(
    lib: Library, seg_id: int, finding_id: int | None, rule: str, fingerprint: str,
    reason: str = "", who: str = "",
) -> checking.DecisionResult:
    try:
        f = resolve_finding(lib, seg_id, finding_id, rule, fingerprint)
        return checking.dismiss(lib, f.id, reason, who)
    except OfflineRefusal:
        raise
    except ServerUnreachable as exc:
        raise OfflineRefusal("忽略该问题", "dismissal", exc.detail) from None


def reopen_finding(lib: Library, finding_id: int, who: str = "") -> checking.DecisionResult:
    try:
        return checking.reopen(lib, finding_id, who)
    except ServerUnreachable as exc:
        raise OfflineRefusal("重新打开该问题", "reopening", exc.detail) from None


# -- revisions -----------------------------------------------------------------------


def revisions(lib: Library, seg_id: int) -> list[Revision]:
    """Every revision of an article, newest first."""
    return lib.revisions(seg_id)


@dataclass
class DiffChunk:
    tag: str  # "equal", "delete", "insert", "replace"
    old: str
    new: str


@dataclass
class RevisionDiff:
    old: Revision | None
    new: Revision | None
    chunks: list[DiffChunk]
    inserted: int = 0  # characters
    deleted: int = 0


def _char_chunks(a: str, b: str) -> list[DiffChunk]:
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [DiffChunk(tag, a[i1:i2], b[j1:j2]) for tag, i1, i2, j1, j2 in sm.get_opcodes()]


def _lines(text: str) -> list[str]:
    """Paragraphs with their "\n" kept, so that joining them gives the text back."""
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def diff_texts(old: str, new: str) -> list[DiffChunk]:
    """Differences between two texts: paragraphs first, then characters inside changed
    paragraphs (Chinese has no spaces, so character level is the useful grain).
    Joining the chunks' ``old`` (``new``) parts gives ``old`` (``new``) back."""
    a, b = _lines(old), _lines(new)
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    out: list[DiffChunk] = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        pa, pb = "".join(a[i1:i2]), "".join(b[j1:j2])
        if tag == "replace" and (i2 - i1) * (j2 - j1) <= 400:
            out.extend(_char_chunks(pa, pb))
        else:
            out.append(DiffChunk(tag, pa, pb))
    # merge neighbours of the same tag (a cleaner display)
    merged: list[DiffChunk] = []
    for c in out:
        if not c.old and not c.new:
            continue
        if merged and merged[-1].tag == c.tag:
            merged[-1] = DiffChunk(c.tag, merged[-1].old + c.old, merged[-1].new + c.new)
        else:
            merged.append(c)
    return merged


def _diff_result(old: Revision | None, new: Revision | None, a: str, b: str) -> RevisionDiff:
    chunks = diff_texts(a, b)
    ins = sum(len(c.new) for c in chunks if c.tag in ("insert", "replace"))
    dele = sum(len(c.old) for c in chunks if c.tag in ("delete", "replace"))
    return RevisionDiff(old, new, chunks, ins, dele)


def revision_diff(lib: Library, old_rev_id: int, new_rev_id: int) -> RevisionDiff:
    """Differences from revision ``old_rev_id`` to ``new_rev_id`` (any two of one article)."""
    old = lib.revision(old_rev_id)
    new = lib.revision(new_rev_id)
    if old.segment_id != new.segment_id:
        raise UserError("只能比较同一篇文章的两个修订 (both revisions must belong to one article)")
    return _diff_result(old, new, old.text, new.text)


def diff_with_text(lib: Library, rev_id: int, text: str) -> RevisionDiff:
    """Differences from a stored revision to a text (e.g. the editor's unsaved text)."""
    old = lib.revision(rev_id)
    return _diff_result(old, None, old.text, text)


def restore_revision(
    lib: Library, rev_id: int, author: str, expected_version: int | None = None, check: bool = True
) -> SaveResult:
    """Make an earlier revision's text and header current again, as a new revision
    ("restore #N"), and re-check: problems it brings back are open again."""
    try:
        rev = lib.revision(rev_id)
        row = lib.segment(rev.segment_id)
    except LibraryError as exc:
        raise UserError(str(exc)) from None
    cause = f"restore #{rev.number}"

    def write() -> list[Revision]:
        before = lib.segment(rev.segment_id).version
        new = lib.restore(rev_id, author, expected_version=expected_version)
        return [new] if lib.segment(rev.segment_id).version != before else []

    try:
        if check:
            res = checking.write_and_recheck(lib, row.issue_id, write, cause, author, header=True)
        else:
            with lib.atomic():
                revs = write()
            res = checking.WriteResult(row.issue_id, revs, None,
                                       OpChanges.of(row.issue_id, [row.id], text=bool(revs)))
    except ConflictError as exc:
        raise UserError(str(exc).split(" / ")[0]) from None
    except LibraryError as exc:
        raise UserError(str(exc)) from None
    text, version = lib.current_text(row.id)
    new = res.revisions[0] if res.revisions else lib.current_revision(row.id)
    return SaveResult(row.id, row.issue_id, version, new, bool(res.revisions), None,
                      res.check is not None, res.changes)


@dataclass
class ReviewResult:
    row: Any  # the segment row after the change
    changes: OpChanges


def set_review_status(lib: Library, seg_id: int, status: str, who: str) -> ReviewResult:
    """Record the review step of an article (待审 / 审校中 / 已校 / 签发) with who and when."""
    try:
        row = lib.set_review_status(seg_id, status, who)
    except LibraryError as exc:
        raise UserError(str(exc)) from None
    return ReviewResult(row, OpChanges.of(row.issue_id, [seg_id], review=True))


@dataclass
class HistoryEntry:
    revision: Revision
    changed: list[str]  # "text" and/or header field names that differ from the revision before


def history(lib: Library, seg_id: int) -> list[HistoryEntry]:
    """Every revision of an article, newest first, with what each one changed."""
    revs = lib.revisions(seg_id)
    out = []
    for i, r in enumerate(revs):
        prev = revs[i + 1] if i + 1 < len(revs) else None
        if prev is None:
            changed = ["text", *[f for f in HEADER_FIELDS if getattr(r, f) not in ("", [], None)]]
        else:
            changed = (["text"] if r.text != prev.text else []) + r.header.changed_fields(prev.header)
        out.append(HistoryEntry(r, changed))
    return out


# -- live checks (no database) --------------------------------------------------------


@dataclass(frozen=True)
class CheckSnapshot:
    """What the checker thread needs to check unsaved text, read once from the library."""

    issue_id: int
    issue: Issue
    settings: dict
    allow: tuple[tuple[str, str | None], ...]
    issue_rules: frozenset[str] = field(default_factory=frozenset)
    library: LibraryFacts = NO_LIBRARY_FACTS

    def segment(self, seg_id: int):
        return next((s for s in self.issue.segments if s.library_id == seg_id), None)


def check_snapshot(lib: Library, issue_id: int) -> CheckSnapshot:
    issue = lib.get_issue(issue_id)
    settings = checking.load_settings(lib).to_dict()
    allow = tuple((e.word, e.rule) for e in lib.allowlist(issue_id))
    issue_rules = frozenset(r.id for r in checking.registry().scoped("issue"))
    facts = checking.library_facts(lib, issue_id)
    return CheckSnapshot(issue_id, issue, settings, allow, issue_rules, facts)


def live_checker(snap: CheckSnapshot) -> Checker:
    """A Checker for the snapshot's settings and allowlist (one per thread)."""
    return Checker(
        checking.registry(),
        CheckSettings.from_dict(snap.settings),
        checking.resources(),
        snap.allow,
        snap.library,
    )


def live_check(checker: Checker, snap: CheckSnapshot, seg_id: int, text: str) -> list[Finding]:
    """The article rules' findings on ``text``, an unsaved text of segment ``seg_id``."""
    seg = snap.segment(seg_id)
    if seg is not None and seg.kind != "article":
        base, _ = segment_text(snap.issue, seg)
        if not base.strip():
            return []
    findings = checker.check_article(text, seg, snap.issue)
    for f in findings:
        f.revision_id = None  # an unsaved text
    return findings


def merge_live(live: list[Finding], stored: list[Finding], issue_rules: frozenset[str]) -> list[Finding]:
    """Findings to show over an unsaved text.

    ``live`` are the article rules' findings on the editor's text; each takes the
    id, status and reason of the stored finding with the same rule and
    fingerprint (so a dismissal holds while one types). ``stored`` findings of
    issue rules (which the live check does not run) are kept as given: the
    caller has shifted their spans through the edits (:func:`shift_findings`).
    """
    by_key: dict[tuple[str, str], Finding] = {}
    for f in stored:
        by_key.setdefault((f.rule, f.fingerprint), f)
    out: list[Finding] = []
    for f in live:
        s = by_key.get((f.rule, f.fingerprint))
        if s is not None:
            out.append(replace(f, id=s.id, status=s.status, reason=s.reason))
        else:
            out.append(replace(f, id=None, status="open", reason=""))
    out.extend(f for f in stored if f.rule in issue_rules)
    out.sort(key=lambda f: (f.start, f.end, f.rule))
    return out


def shift_findings(findings: list[Finding], pos: int, removed: int, added: int) -> list[Finding]:
    """Move finding spans through one edit (``removed`` characters at ``pos`` replaced by
    ``added``). A finding the edit touches is dropped until the next check: its text
    is no longer what was flagged."""
    delta = added - removed
    end_edit = pos + removed
    out: list[Finding] = []
    for f in findings:
        if f.end <= pos and f.start < pos:
            out.append(f)  # wholly before the edit
        elif f.start >= end_edit:
            out.append(replace(f, start=f.start + delta, end=f.end + delta) if delta else f)
        # else: the edit touches the finding: drop it
    return out
