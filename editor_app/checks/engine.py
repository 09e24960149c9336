"""The checker: runs the enabled rules and turns their hits into findings.

Article rules run on one article's text; issue rules run once on the whole
issue (IssueContext). A rule that raises is logged, recorded in
``Checker.failures`` and skipped: one broken rule never kills a run.

Source offsets (``Finding.source_start/source_end``): when the checked text is
the segment's import text, spans go straight through the segment's OffsetMap.
When the text was edited, positions are first aligned to the import text
(:mod:`editor_app.checks.align`: common prefix/suffix, then a difflib
alignment by paragraph and by character); a span inside edited text keeps
``None`` source offsets.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from editor_app.checks.align import TextAlignment
from editor_app.checks.core import (
    NO_LIBRARY_FACTS,
    ArticleContext,
    Hit,
    IssueContext,
    LibraryFacts,
    Rule,
)
from editor_app.checks.registry import Registry
from editor_app.checks.resources import Resources
from editor_app.checks.segments import OTHER_KINDS, PROSE_KINDS, import_text, segment_text
from editor_app.checks.settings import CheckSettings
from editor_app.model import SEVERITIES, Finding, Issue, OffsetMap, Segment, SegmentRef, Span

log = logging.getLogger("editor_app.checks")

FINGERPRINT_CONTEXT = 6  # characters of context on each side hashed into a fingerprint
# One article rule reports at most this many findings in one text, then one summary
# finding (info) where the next one would be: a pathological text (a table of figures
# pasted as prose, a file of random characters) cannot flood the library.
MAX_FINDINGS_PER_RULE = 200


def _summary_hit(next_hit: Hit) -> Hit:
    return Hit(
        next_hit.start,
        next_hit.start,
        f"此规则在本文中的问题超过 {MAX_FINDINGS_PER_RULE} 处，其余未逐一列出，请整体检查本文",
        severity="info",
    )


@dataclass
class RuleFailure:
    rule: str
    segment_id: str | None
    error: str  # repr of the exception


def fingerprint(rule: str, excerpt: str, left: str, right: str, occurrence: int) -> str:
    key = "\x1f".join((rule, excerpt, left, right, str(occurrence)))
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


def finalize(findings: list[Finding], text: str) -> list[Finding]:
    """De-duplicate identical spans of one rule, sort by position, assign fingerprints.

    The fingerprint hashes the rule id, the excerpt, ``FINGERPRINT_CONTEXT``
    characters on each side and the occurrence index among findings with the
    same (rule, excerpt, context): editing text farther away leaves it unchanged.
    """
    seen: set[tuple[str, int, int]] = set()
    unique: list[Finding] = []
    for f in findings:
        key = (f.rule, f.start, f.end)
        if key in seen:
            continue
        seen.add(key)
        unique.append(f)
    unique.sort(key=lambda f: (f.start, f.end, f.rule))
    counts: dict[tuple[str, str, str, str], int] = {}
    k = FINGERPRINT_CONTEXT
    for f in unique:
        left = text[max(0, f.start - k) : f.start]
        right = text[f.end : f.end + k]
        ck = (f.rule, f.excerpt, left, right)
        n = counts.get(ck, 0)
        counts[ck] = n + 1
        f.fingerprint = fingerprint(f.rule, f.excerpt, left, right, n)
    return unique


class _Allowlist:
    """Entries ``(word, rule_or_None)``; the rule part may be a rule id or a category."""

    def __init__(self, entries: Iterable[tuple[str, str | None]]) -> None:
        self.entries = [(w, r or None) for w, r in entries if w]

    def __bool__(self) -> bool:
        return bool(self.entries)

    def spans(self, text: str) -> list[tuple[int, int, str | None]]:
        out = []
        for word, rule in self.entries:
            i = text.find(word)
            while i >= 0:
                out.append((i, i + len(word), rule))
                i = text.find(word, i + 1)
        return out

    @staticmethod
    def applies(rule_filter: str | None, rule: Rule) -> bool:
        return rule_filter is None or rule_filter == rule.id or rule_filter == rule.category

    @classmethod
    def covered(
        cls, spans: list[tuple[int, int, str | None]], rule: Rule, start: int, end: int
    ) -> bool:
        for s, e, r in spans:
            if not cls.applies(r, rule):
                continue
            if start < e and s < end:  # overlap
                return True
            if start == end and s <= start < e:  # zero-length hit inside the word
                return True
        return False


class Checker:
    def __init__(
        self,
        registry: Registry,
        settings: CheckSettings | None = None,
        resources: Resources | None = None,
        allowlist: Iterable[tuple[str, str | None]] = (),
        library: LibraryFacts = NO_LIBRARY_FACTS,
    ) -> None:
        self.registry = registry
        self.library = library
        self.settings = settings or CheckSettings()
        self.resources = resources or Resources()
        self.allowlist = _Allowlist(allowlist)
        self.failures: list[RuleFailure] = []

    # -- rule selection ----------------------------------------------------
    def enabled_rules(self, scope: str | None = None) -> list[Rule]:
        return [
            r
            for r in self.registry.rules
            if self.settings.is_enabled(r) and (scope is None or r.scope == scope)
        ]

    # -- one article -------------------------------------------------------
    def check_article(
        self, text: str, segment: Segment | None = None, issue: Issue | None = None
    ) -> list[Finding]:
        """Findings of every enabled article rule on ``text`` (one article's current text)."""
        self.failures = []
        return self._check_article(text, segment, issue)

    def _check_article(
        self,
        text: str,
        segment: Segment | None,
        issue: Issue | None,
        base: tuple[str, OffsetMap] | None = None,
    ) -> list[Finding]:
        ctx = ArticleContext(
            text=text, resources=self.resources, segment=segment, issue=issue, library=self.library
        )
        seg_id = segment.id if segment else None
        refs = {seg_id: segment.ref} if segment is not None else {}
        allow = self.allowlist.spans(text) if self.allowlist else []
        findings: list[Finding] = []
        for rule in self.enabled_rules("article"):
            n = 0
            for hit in self._run(rule, ctx, seg_id):
                if not self._valid(rule, hit, len(text)):
                    continue
                if allow and _Allowlist.covered(allow, rule, hit.start, hit.end):
                    continue
                if n == MAX_FINDINGS_PER_RULE:  # pathological text: one summary, not thousands
                    findings.append(self._finding(rule, _summary_hit(hit), text, seg_id, {seg_id: text}, refs))
                    break
                n += 1
                findings.append(self._finding(rule, hit, text, seg_id, {seg_id: text}, refs))
        findings = finalize(findings, text)
        if segment is not None:
            self._fill_source(findings, segment, issue, text, base)
        return findings

    # -- the whole issue ---------------------------------------------------
    def check_issue(self, issue: Issue, texts: dict[str, str] | None = None) -> list[Finding]:
        """Article rules on each prose segment, then issue rules once; ordered by segment and position.

        Article rules run on every segment of a prose kind (``segments.PROSE_KINDS``:
        articles, news pages, sponsored pages, captions, cover lines, unknown
        text), because news pages are proofread like articles. Issue rules see
        the article texts (``IssueContext.texts``) and the other segments'
        texts (``IssueContext.other_texts``). ``texts`` maps segment ids to
        current (edited) texts; a segment not in it is checked as imported.
        """
        self.failures = []
        texts = texts or {}
        checked = [s for s in issue.segments if s.kind in PROSE_KINDS or s.kind in OTHER_KINDS]
        # the import text of each segment with its map to the source; positions in the
        # current text are aligned to it (engine docstring)
        maps = {seg.id: import_text(issue, seg) for seg in checked}
        current = {
            seg.id: (texts[seg.id] if seg.id in texts else segment_text(issue, seg)[0])
            for seg in checked
        }
        refs = {seg.id: seg.ref for seg in issue.segments}
        kinds = {seg.id: seg.kind for seg in issue.segments}
        a_texts = {sid: t for sid, t in current.items() if kinds[sid] == "article"}
        o_texts = {
            sid: t
            for sid, t in current.items()
            if kinds[sid] != "article" and kinds[sid] in OTHER_KINDS
        }
        order = {seg.id: i for i, seg in enumerate(issue.segments)}
        out: list[Finding] = []
        for seg in issue.segments:
            if seg.kind in PROSE_KINDS:
                out.extend(self._check_article(current[seg.id], seg, issue, maps[seg.id]))
        issue_rules = self.enabled_rules("issue")
        if issue_rules:
            ctx = IssueContext(
                issue=issue,
                texts=a_texts,
                resources=self.resources,
                other_texts=o_texts,
                import_maps=maps,
                library=self.library,
            )
            all_texts = {**o_texts, **a_texts}
            allow_cache: dict[str, list] = {}
            per_seg: dict[str, list[Finding]] = {}
            for rule in issue_rules:
                for hit in self._run(rule, ctx, None):
                    sid = hit.segment_id
                    text = all_texts.get(sid) if sid else None
                    if text is None:
                        log.warning("rule %s: hit names unknown segment %r; dropped", rule.id, sid)
                        continue
                    if not self._valid(rule, hit, len(text)):
                        continue
                    if self.allowlist:
                        if sid not in allow_cache:
                            allow_cache[sid] = self.allowlist.spans(text)
                        if _Allowlist.covered(allow_cache[sid], rule, hit.start, hit.end):
                            continue
                    per_seg.setdefault(sid, []).append(
                        self._finding(rule, hit, text, sid, all_texts, refs)
                    )
            for sid, fs in per_seg.items():
                fs = finalize(fs, all_texts[sid])
                seg = issue.segment(sid)
                if seg is not None:
                    self._fill_source(fs, seg, issue, all_texts[sid], maps.get(sid))
                out.extend(fs)
        self._fill_related_source(out, issue, maps, current)
        out.sort(key=lambda f: (order.get(f.segment_key or "", len(order)), f.start, f.end, f.rule))
        return out

    @staticmethod
    def _fill_related_source(
        findings: list[Finding],
        issue: Issue,
        maps: dict[str, tuple[str, OffsetMap]],
        current: dict[str, str],
    ) -> None:
        """Source offsets of related spans (the other place of a conflict), through the
        related segment's import map; left None where that text was edited away."""
        aligns: dict[str, TextAlignment | None] = {}
        for f in findings:
            for r in f.related:
                sid = r.segment.key if r.segment is not None else None
                if sid not in maps or sid not in current:
                    continue
                orig, omap = maps[sid]
                if not omap.runs:
                    continue
                if sid not in aligns:
                    aligns[sid] = None if current[sid] == orig else TextAlignment(current[sid], orig)
                align = aligns[sid]
                span = (r.start, r.end) if align is None else align.span_to_original(r.start, r.end)
                exact = None if span is None else omap.exact_span(*span)
                if exact is not None:
                    r.source_start, r.source_end = exact

    # -- helpers -----------------------------------------------------------
    def _run(self, rule: Rule, ctx, seg_id: str | None) -> list[Hit]:
        try:
            return list(rule.func(ctx))
        except Exception as exc:  # noqa: BLE001 - a broken rule must not stop the others
            log.exception("rule %s failed on segment %s", rule.id, seg_id)
            self.failures.append(RuleFailure(rule.id, seg_id, repr(exc)))
            return []

    def _valid(self, rule: Rule, hit: Hit, n: int) -> bool:
        if not isinstance(hit, Hit) or not (0 <= hit.start <= hit.end <= n):
            log.warning(
                "rule %s produced an invalid hit %r (text length %d); dropped", rule.id, hit, n
            )
            return False
        return True

    @staticmethod
    def _finding(
        rule: Rule,
        hit: Hit,
        text: str,
        seg_id: str | None,
        texts: dict[str, str],
        refs: dict[str | None, SegmentRef],
    ) -> Finding:
        severity = hit.severity if hit.severity in SEVERITIES else rule.severity
        related = []
        for rsid, rs, re_ in hit.related:
            rsid = rsid or seg_id
            rtext = texts.get(rsid)
            excerpt = rtext[rs:re_] if rtext is not None and 0 <= rs <= re_ <= len(rtext) else ""
            rref = refs.get(rsid) or (SegmentRef(rsid) if rsid is not None else None)
            related.append(Span(start=rs, end=re_, excerpt=excerpt, segment=rref))
        sid = hit.segment_id or seg_id
        return Finding(
            rule=rule.id,
            category=rule.category,
            severity=severity,
            message=hit.message,
            start=hit.start,
            end=hit.end,
            excerpt=text[hit.start : hit.end],
            suggestion=hit.suggestion,
            segment=refs.get(sid) or (SegmentRef(sid) if sid is not None else None),
            related=related,
        )

    @staticmethod
    def _fill_source(
        findings: list[Finding],
        seg: Segment,
        issue: Issue | None,
        text: str,
        base: tuple[str, OffsetMap] | None = None,
    ) -> None:
        for f in findings:
            f.revision_id = seg.revision_id
        if not findings:
            return
        orig, omap = base if base is not None else import_text(issue, seg)
        if not omap.runs:
            return
        align = None if text == orig else TextAlignment(text, orig)
        for f in findings:
            span = (f.start, f.end) if align is None else align.span_to_original(f.start, f.end)
            exact = None if span is None else omap.exact_span(*span)
            if exact is None:  # written after import, or across a join: absent, never wrong
                f.source_start = f.source_end = None
                continue
            f.source_start, f.source_end = exact
