"""Use cases of the proofreading engine: check a file or a library issue, store
findings, fix, dismiss, reopen, bulk-fix, error rates.

Findings are a function of the current texts: every service that changes a
text or a header re-checks the issue in the same transaction
(:func:`write_and_recheck`), and the store reconciles the stored findings with
the run (resolved, reappeared, decisions re-applied). ``issues.checked_digest``
tells whether the stored findings still describe the issue (:func:`is_current`).
"""

from __future__ import annotations

import functools
import hashlib
import json
import weakref
from collections.abc import Callable
from dataclasses import dataclass
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
from editor_app.checks.align import TextAlignment
from editor_app.checks.core import NO_LIBRARY_FACTS, LibraryFacts
from editor_app.checks.rules.number._figures import PrintedStatement, relative
from editor_app.checks.rules.number._figures import statements as figure_statements
from editor_app.checks.rules.wording._typo_archive import Archive, suspect_ngrams
from editor_app.checks.rules.wording._typo_model import typo_model
from editor_app.checks.segments import PROSE_KINDS, segment_text
from editor_app.model import Finding, Issue, Revision
from editor_app.store import FindingsSync, Library
from editor_app.store.statements import StatementRow

from . import lexicon as lexicon_svc
from . import posts as posts_svc
from .changes import NO_CHANGES, OpChanges
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


def library_facts(lib: Library | None, issue_id: int | None) -> LibraryFacts:
    """What the rules may know of the library beyond issue ``issue_id``
    (``checks.core.LibraryFacts``): earlier issues' statements and posts, the
    house lexicon. Empty without a library; each field is read by the store
    part that keeps it."""
    if lib is None:
        return NO_LIBRARY_FACTS
    facts = LibraryFacts(statements=earlier_statements(lib, issue_id), archive=archive(lib, issue_id))
    return posts_svc.with_facts(facts, lib, issue_id)  # posts, house lexicon


def make_checker(lib: Library | None = None, issue_id: int | None = None) -> Checker:
    allow = []
    facts = library_facts(lib, issue_id)
    if lib is not None:
        allow = [(e.word, e.rule) for e in lib.allowlist(issue_id)]
        allow += lexicon_svc.protected(facts.lexicon)  # house lexicon names
    return Checker(registry(), load_settings(lib), resources(), allow, facts)


@dataclass
class CheckResult:
    issue: Issue
    findings: list[Finding]  # open and dismissed findings of the current texts
    rates: dict  # {"issue": float, "articles": {library id (str) or key: float}}
    issue_id: int | None = None
    sync: FindingsSync | None = None
    changes: OpChanges = NO_CHANGES


def check_file(path: str | Path) -> CheckResult:
    """Check an issue file without touching any library."""
    issue = parse_issue_file(path)
    checker = make_checker()
    findings = checker.check_issue(issue)
    for f in findings:
        f.status = "open"
    return CheckResult(issue, findings, error_rates(issue, findings))


def error_rates(issue: Issue, findings: list[Finding]) -> dict:
    """Open errors per 10,000 characters of the issue and of each article (named by
    library id where the issue is a library issue, else by key)."""
    rates = issue_error_rates(issue, findings)
    names = {seg.id: str(seg.library_id) if seg.library_id is not None else seg.id for seg in issue.segments}
    rates["articles"] = {names.get(k, k): v for k, v in rates["articles"].items()}
    return rates


# re-checks caused by a change of rules or allowlist, not of the text: what they drop is
# not "resolved" (the words are still there) and what they add did not "reappear"
NOT_TEXT_CAUSES = ("rules", "allowlist")


@functools.cache
def _resources_digest() -> str:
    """The app version and the content of the checks' word lists and tables."""
    from editor_app import __version__, paths

    h = hashlib.blake2b(__version__.encode(), digest_size=16)
    folder = paths.resource("checks")
    for p in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if p.is_file():
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def state_digest(lib: Library, issue_id: int) -> str:
    """The state stored findings must describe: every current revision (text and
    header), the rule settings, the allowlist, the rule set and what the rules know
    of the library beyond the issue (earlier issues, house lexicon). Equal digests:
    the stored findings are those a fresh check would give."""
    state = {
        "revisions": sorted(lib.current_revisions(issue_id).items()),
        "settings": load_settings(lib).to_dict(),
        "allow": sorted((e.word, e.rule or "") for e in lib.allowlist(issue_id)),
        "rules": [r.id for r in registry()],
        "resources": _resources_digest(),
        "library": library_facts(lib, issue_id).digest(),
    }
    raw = json.dumps(state, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.blake2b(raw.encode("utf-8"), digest_size=16).hexdigest()


def carry_identities(lib: Library, issue: Issue, issue_id: int, findings: list[Finding]) -> int:
    """Give a problem found again its stored fingerprint when an edit right beside it
    changed its context (a fingerprint hashes a few characters on each side).

    A new finding whose fingerprint is not stored takes the fingerprint of a stored
    finding of the same segment, rule and excerpt that the run no longer produces,
    when the alignment of the stored revision's text with the current text puts the
    stored span exactly on the new one. So a dismissal holds, and the history does
    not say "resolved" and "new" for a problem that only had a neighbour fixed.
    Returns how many identities were carried.
    """
    stored = lib.finding_keys(issue_id)
    if not stored:
        return 0
    produced = {(f.segment.id if f.segment else None, f.rule, f.fingerprint) for f in findings}
    stale: dict[tuple[int, str, str], list[tuple]] = {}
    known = set()
    for sid, rule, fp, excerpt, start, end, rev in stored:
        known.add((sid, rule, fp.split("#")[0]))
        if sid is not None and (sid, rule, fp) not in produced:
            stale.setdefault((sid, rule, excerpt), []).append((start, end, rev, fp))
    if not stale:
        return 0
    segs = {seg.library_id: seg for seg in issue.segments if seg.library_id is not None}
    aligns: dict[tuple[int, int], TextAlignment] = {}
    carried = 0
    for f in findings:
        sid = f.segment.id if f.segment else None
        cands = stale.get((sid, f.rule, f.excerpt))
        if not cands or (sid, f.rule, f.fingerprint) in known or sid not in segs:
            continue
        for i, (start, end, rev, fp) in enumerate(cands):
            if rev is None:
                continue
            key = (sid, rev)
            if key not in aligns:
                aligns[key] = TextAlignment(segment_text(issue, segs[sid])[0], lib.revision(rev).text)
            if aligns[key].span_to_original(f.start, f.end) == (start, end):
                f.fingerprint = fp
                del cands[i]
                carried += 1
                break
    return carried


def recheck(lib: Library, issue_id: int, cause: str = "check", who: str = "",
            listing: bool = True) -> CheckResult:
    """Check the issue's current texts and reconcile the stored findings with the run,
    in one transaction: problems gone are resolved (``cause`` says how), problems
    back are open again, decisions are re-applied by fingerprint. ``listing=False``
    (the write services): the result carries the changes only, not the findings."""
    with lib.atomic():
        issue = lib.get_issue(issue_id)
        checker = make_checker(lib, issue_id)
        findings = checker.check_issue(issue)
        posts_svc.record(lib, issue_id, issue, checker.resources, checker.library.lexicon)
        carry_identities(lib, issue, issue_id, findings)
        sync = lib.reconcile_findings(issue_id, findings, None, cause=cause, who=who,
                                      events=cause not in NOT_TEXT_CAUSES)
        store_statements(lib, issue_id, issue)
        store_ngrams(lib, issue_id, issue, checker)
        lib.mark_checked(issue_id, state_digest(lib, issue_id))
    changes = OpChanges.of(issue_id, None if sync.issue_level else sync.segments,
                           findings=sync.changed)
    if not listing:
        return CheckResult(issue, [], {}, issue_id, sync, changes)
    stored = lib.list_findings(issue_id)
    return CheckResult(issue, stored, error_rates(issue, stored), issue_id, sync, changes)


def run_checks(lib: Library, issue_id: int, who: str = "") -> CheckResult:
    """Check a library issue's current texts and store the findings (decisions kept)."""
    return recheck(lib, issue_id, "check", who)


def is_current(lib: Library, issue_id: int) -> bool:
    """True when the stored findings describe the issue as it is now."""
    return lib.checked_digest(issue_id) == state_digest(lib, issue_id)


def ensure_current(lib: Library, issue_id: int, who: str = "") -> CheckResult | None:
    """Check the issue if its stored findings do not describe its current state
    (never checked, texts changed by another program, rules changed). None if they do."""
    if is_current(lib, issue_id):
        return None
    return recheck(lib, issue_id, "check", who, listing=False)


def open_findings(lib: Library, issue_id: int, segment=None, rule: str | None = None) -> list[Finding]:
    """The open findings of the current texts (checked first if they are not current)."""
    ensure_current(lib, issue_id)
    return lib.list_findings(issue_id, segment=segment, status="open", rule=rule)


@dataclass
class WriteResult:
    """Outcome of a service that changed texts or headers and re-checked the issue."""

    issue_id: int
    revisions: list[Revision]  # the new current revisions (one per changed article)
    check: CheckResult | None
    changes: OpChanges


def write_and_recheck(
    lib: Library,
    issue_id: int,
    write: Callable[[], list[Revision]],
    cause: str,
    who: str = "",
    text: bool = True,
    header: bool = False,
) -> WriteResult:
    """Run ``write`` (store writes returning the new revisions) and re-check the issue
    in one transaction, so the stored findings always describe the stored texts."""
    with lib.atomic():
        revs = write()
        res = recheck(lib, issue_id, cause, who, listing=False) if revs else None
    segs = {r.segment_id for r in revs}
    changes = OpChanges.of(issue_id, segs, text=bool(revs) and text, header=bool(revs) and header)
    if res is not None:
        changes = changes | res.changes
    return WriteResult(issue_id, revs, res, changes)


def recheck_article(lib: Library, issue_id: int, seg_id: int, text: str) -> list[Finding]:
    """Article rules on an edited text (fast path for typing; nothing is stored)."""
    issue = lib.get_issue(issue_id)
    seg = next((s for s in issue.segments if s.library_id == seg_id), None)
    return make_checker(lib, issue_id).check_article(text, seg, issue)


@dataclass
class FixOutcome:
    segment_id: int
    applied: list[Finding]
    skipped: list[Finding]
    before: str
    after: str
    revision: Revision | None  # None on a dry run or when nothing changed
    preview: list[tuple[str, str]]


def _plan_fix(lib: Library, seg_id: int, findings: list[Finding]) -> FixOutcome:
    text, _version = lib.current_text(seg_id)
    # findings index the current revision: only those whose excerpt still sits at its
    # span apply (the engine's apply_fixes checks that)
    new_text, applied, skipped = apply_fixes(text, findings)
    return FixOutcome(seg_id, applied, skipped, text, new_text, None, fix_preview(text, applied))


@dataclass
class FixResult:
    outcomes: list[FixOutcome]
    changes: OpChanges = NO_CHANGES
    check: CheckResult | None = None

    @property
    def applied(self) -> int:
        return sum(len(o.applied) for o in self.outcomes)


def _write_fixes(lib: Library, issue_id: int, outs: list[FixOutcome], author: str, note: str) -> FixResult:
    def write() -> list[Revision]:
        revs = []
        for o in outs:
            if o.applied and o.after != o.before:
                _cur, version = lib.current_text(o.segment_id)
                o.revision = lib.save_text(o.segment_id, o.after, author, expected_version=version, note=note)
                revs.append(o.revision)
        return revs

    res = write_and_recheck(lib, issue_id, write, note, author)
    return FixResult(outs, res.changes, res.check)


def apply_fix(lib: Library, finding_id: int, author: str) -> FixResult:
    """Apply one open finding's suggestion as a new revision ("fix <rule>"), re-check."""
    f = lib.finding(finding_id)
    if f.suggestion is None:
        raise UserError(f"问题 {finding_id} 没有修改建议 (finding {finding_id} has no suggestion)")
    if f.status != "open":
        raise UserError(f"问题 {finding_id} 不是待处理状态 (finding {finding_id} is {f.status})")
    if f.segment is None:
        raise UserError(f"问题 {finding_id} 不属于某篇文章 (finding {finding_id} is about the whole issue)")
    issue_id = lib.segment(f.segment.id).issue_id
    with lib.atomic():
        out = _plan_fix(lib, f.segment.id, [f])
        if not out.applied:
            raise UserError(
                f"问题 {finding_id} 所在文字已改动，请重新检查 (the text at finding {finding_id} has changed; re-check first)"
            )
        return _write_fixes(lib, issue_id, [out], author, f"fix {f.rule}")


def bulk_fix(
    lib: Library,
    issue_id: int,
    rule: str,
    segment_id: int | None = None,
    author: str = "",
    dry_run: bool = False,
) -> FixResult:
    """All open findings of ``rule`` (with a suggestion) in one article or the whole
    issue, applied in one transaction (one revision per changed article)."""
    if registry().get(rule) is None:
        raise UserError(f"未知规则：{rule} (unknown rule {rule!r})")
    with lib.atomic():
        found = open_findings(lib, issue_id, segment=segment_id, rule=rule)
        by_seg: dict[int, list[Finding]] = {}
        for f in found:
            if f.segment is not None and f.suggestion is not None:
                by_seg.setdefault(f.segment.id, []).append(f)
        outs = [_plan_fix(lib, sid, fs) for sid, fs in sorted(by_seg.items())]
        outs = [o for o in outs if o.applied or o.skipped]
        if dry_run:
            return FixResult(outs)
        res = _write_fixes(lib, issue_id, outs, author, f"bulk fix {rule}")
        # a rule lists at most MAX_FINDINGS_PER_RULE per text: fix again while more came up
        for _round in range(20):
            more = [f for f in lib.list_findings(issue_id, segment=segment_id, status="open", rule=rule)
                    if f.segment is not None and f.suggestion is not None]
            if not more:
                break
            by_seg = {}
            for f in more:
                by_seg.setdefault(f.segment.id, []).append(f)
            again = [o for o in (_plan_fix(lib, sid, fs) for sid, fs in sorted(by_seg.items())) if o.applied]
            if not again:
                break
            nxt = _write_fixes(lib, issue_id, again, author, f"bulk fix {rule}")
            res = FixResult(res.outcomes + nxt.outcomes, res.changes | nxt.changes, nxt.check)
        return res


@dataclass
class DecisionResult:
    finding: Finding
    changes: OpChanges


def _decision(lib: Library, f: Finding) -> DecisionResult:
    issue_id = lib.segment(f.segment.id).issue_id if f.segment is not None else None
    if issue_id is None:
        issue_id = lib.finding_issue(f.id)
    segs = None if f.segment is None else [f.segment.id]
    return DecisionResult(f, OpChanges.of(issue_id, segs, findings=True))


def dismiss(lib: Library, finding_id: int, reason: str = "", who: str = "") -> DecisionResult:
    return _decision(lib, lib.dismiss_finding(finding_id, reason.strip(), who))


def reopen(lib: Library, finding_id: int, who: str = "") -> DecisionResult:
    return _decision(lib, lib.reopen_finding(finding_id, who))


# -- figure statements (number.cross_article across the issues of the library) -------------


STATEMENT_YEARS = 3  # issues of the last three years are compared (store.statements)
# library -> issue id -> (statements_stamp, facts): library_facts runs at every check and
# every is_current; the stamp (one aggregate query) says when to read again
_EARLIER_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def store_statements(lib: Library, issue_id: int, issue: Issue) -> None:
    """Store the figure statements of the issue's current article texts (``recheck``
    calls it in its transaction, so they follow every edit as findings do)."""
    rows = []
    for seg in issue.articles():
        if seg.library_id is None:
            continue
        text = segment_text(issue, seg)[0]
        for st in figure_statements(seg.id, text, resources(), issue.masthead.year):
            period, scope, metric, verb, basis, unit = st.key
            if relative(period):  # 今年/去年 of an issue without a year: not comparable
                continue
            rows.append(
                StatementRow(seg.library_id, st.start, st.end, period, scope, metric, verb,
                             basis, unit, st.raw, st.unit, st.label, st.sentence)
            )
    lib.replace_statements(issue_id, rows)


def earlier_statements(lib: Library, issue_id: int | None) -> tuple[PrintedStatement, ...]:
    """``LibraryFacts.statements``: for each statement key printed in an issue earlier
    than ``issue_id`` (by year and number, of the last three years:
    ``store.statements``), its first printing in the most recent such issue.
    Statements are stored when an issue is checked."""
    if issue_id is None:
        return ()
    stamp = lib.statements_stamp(issue_id, STATEMENT_YEARS)
    cache = _EARLIER_CACHE.setdefault(lib, {})
    hit = cache.get(issue_id)
    if hit is not None and hit[0] == stamp:
        return hit[1]
    out: dict[tuple, PrintedStatement] = {}
    for e in lib.earlier_statements(issue_id, STATEMENT_YEARS):
        r = e.row
        key = (r.period, r.scope, r.metric, r.verb, r.basis, r.unit)
        out[key] = PrintedStatement(
            key=key, raw=r.value, unit=r.printed_unit, label=r.label, sentence=r.sentence,
            issue=f"《{e.issue_title or '?'}》{e.year}年第{e.number}期", issue_id=e.issue_id,
            order=(e.year, e.number), title=e.article_title, page=e.page,
        )
    facts = tuple(out.values())
    cache[issue_id] = (stamp, facts)
    return facts


# -- the typo archive (wording.typo: what the other issues of the library printed) ----------

TYPO_RULE = "wording.typo"


def archive(lib: Library, issue_id: int | None) -> Archive:
    """``LibraryFacts.archive``: how often the issues other than ``issue_id`` printed the
    strings the typo rule asks about (``store.ngrams``), with the strings the last check
    of ``issue_id`` asked about, for its digest. Two small queries; the counts are read
    lazily, one query per article checked."""
    probes = lib.ngram_probes(issue_id) if issue_id is not None else ()
    return Archive(lambda grams: lib.ngram_counts(grams, issue_id),
                   lib.ngram_issue_count(issue_id), probes)


def store_ngrams(lib: Library, issue_id: int, issue: Issue, checker: Checker) -> None:
    """Store the archive counts of the issue's current prose texts and what the check just
    run asked the archive (``recheck`` calls it in its transaction, so the archive follows
    every edit as the findings do). Nothing is counted while the typo rule is switched
    off (its model is not even loaded): the issue's earlier counts are kept."""
    if not checker.settings.is_enabled(TYPO_RULE) or registry().get(TYPO_RULE) is None:
        return
    texts = [segment_text(issue, seg)[0] for seg in issue.segments
             if seg.kind in PROSE_KINDS and seg.library_id is not None]
    counts = suspect_ngrams(texts, typo_model(checker.resources))
    arch = checker.library.archive
    lib.replace_ngrams(issue_id, counts, arch.probes if arch is not None else ())
