"""Findings: what the checks find in the current texts, the user's decisions, and
what happened to each problem over time.

Three tables, one fact each:

``findings``
    The problems the enabled rules find in the *current* revision of each
    segment (and issue-level ones). Every row names the revision its
    ``text_start``/``text_end`` index. :meth:`reconcile_findings` replaces the
    rows of a scope with a fresh check run, keeping the row (and its id) of a
    problem found again. There is no status column: a finding is open unless
    a decision says otherwise.
``decisions``
    A user's decision (dismissed, with reason, who, when), keyed by
    (segment, rule, fingerprint) so it holds for the same problem whenever a
    check finds it again.
``finding_events``
    The history of a problem: ``resolved`` (a check no longer finds it, with
    how: "fix punctuation.halfwidth", "edit", "restore #3" ...), ``reappeared``
    (found again after it was resolved: undo, restore, replace ...),
    ``dismissed`` and ``reopened``.

"Fixed" is never a state that hides a problem: if the text has it again, the
next reconcile makes it open again, whatever brought it back.

Segments: a finding names its segment with a :class:`~editor_app.model.SegmentRef`;
the store resolves the key to the library id when writing and fills both when
reading. Only this package translates between the two.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..model import FINDING_STATUSES, Finding, SegmentRef, Span
from .base import StoreBase, dumps, loads, now_iso
from .errors import LibraryError, NotFoundError
from .records import FindingEvent, FindingsSync

_DECISION_JOIN = """
    LEFT JOIN decisions d ON d.issue_id = f.issue_id
        AND IFNULL(d.segment_id, 0) = IFNULL(f.segment_id, 0)
        AND d.rule = f.rule AND d.fingerprint = f.fingerprint
"""
_SELECT = f"""
    SELECT f.*, s.key AS segment_key, d.id AS decision_id, d.reason AS decision_reason,
           d.who AS decision_who, d.at AS decision_at
    FROM findings f
    LEFT JOIN segments s ON s.id = f.segment_id
    {_DECISION_JOIN}
"""
_ORDER = "ORDER BY s.idx IS NULL, s.idx, f.text_start, f.text_end, f.rule, f.id"


def _fallback_fingerprint(f: Finding) -> str:
    raw = "\x1f".join([f.rule, f.excerpt or "", f.suggestion or "", f.message or ""])
    return "auto:" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def _related(d: dict, keys: dict[int, str]) -> Span:
    seg = d.get("segment")
    ref = None
    if isinstance(seg, list) and len(seg) == 2:
        ref = SegmentRef(str(seg[0]), seg[1])
        if ref.id is not None and ref.id in keys:
            ref = SegmentRef(keys[ref.id], ref.id)
    return Span(
        start=d.get("start", 0),
        end=d.get("end", 0),
        excerpt=d.get("excerpt", ""),
        segment=ref,
        source_start=d.get("source_start"),
        source_end=d.get("source_end"),
    )


def _finding(r, keys: dict[int, str]) -> Finding:
    seg = None
    if r["segment_id"] is not None:
        seg = SegmentRef(r["segment_key"], r["segment_id"])
    dismissed = r["decision_id"] is not None
    return Finding(
        rule=r["rule"],
        category=r["category"],
        severity=r["severity"],
        message=r["message"],
        start=r["text_start"],
        end=r["text_end"],
        excerpt=r["excerpt"],
        suggestion=r["suggestion"],
        segment=seg,
        source_start=r["source_start"],
        source_end=r["source_end"],
        related=[_related(d, keys) for d in loads(r["related"], [])],
        fingerprint=r["fingerprint"],
        status="dismissed" if dismissed else "open",
        reason=r["decision_reason"] or "" if dismissed else "",
        id=r["id"],
        revision_id=r["revision_id"],
        decided_by=r["decision_who"] or "" if dismissed else "",
        decided_at=r["decision_at"] if dismissed else None,
    )


def _as_list(value: str | Iterable[str] | None) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    return list(value)


@dataclass(frozen=True)
class _Seg:
    id: int
    key: str
    revision_id: int


class _Resolver:
    """Segment references of one issue -> active library segments."""

    def __init__(self, issue_id: int, rows):
        self.issue_id = issue_id
        self.by_id = {r["id"]: _Seg(r["id"], r["key"], r["current_revision_id"]) for r in rows}
        self.by_key = {s.key: s for s in self.by_id.values()}

    def __call__(self, ref: SegmentRef | int | str | None, strict: bool = True) -> _Seg | None:
        if ref is None:
            return None
        seg: _Seg | None = None
        if isinstance(ref, SegmentRef):
            seg = self.by_id.get(ref.id) if ref.id is not None else self.by_key.get(ref.key)
        elif isinstance(ref, int) and not isinstance(ref, bool):
            seg = self.by_id.get(ref)
        elif isinstance(ref, str):
            seg = self.by_key.get(ref)
        if seg is not None or not strict:
            return seg
        raise LibraryError(
            f"检查结果指向的分段不在本期（或已停用）：{ref} / segment {ref} is not an "
            f"active segment of issue {self.issue_id}"
        )

    def keys(self) -> dict[int, str]:
        return {s.id: s.key for s in self.by_id.values()}


class FindingsMixin(StoreBase):
    def _resolver(self, issue_id: int) -> _Resolver:
        if self._scalar("SELECT 1 FROM issues WHERE id = ?", (issue_id,)) is None:
            raise NotFoundError("issue", issue_id)
        rows = self._rows(
            "SELECT id, key, current_revision_id FROM segments WHERE issue_id = ? AND active = 1",
            (issue_id,),
        )
        return _Resolver(issue_id, rows)

    def segment_ref(self, issue_id: int, ident: SegmentRef | int | str) -> SegmentRef | None:
        """The active segment an id, a key ("s03") or a numeric string names, or None."""
        resolve = self._resolver(issue_id)
        seg = resolve(ident, strict=False)
        if seg is None and isinstance(ident, str) and ident.strip().isdigit():
            seg = resolve(int(ident), strict=False)
        return None if seg is None else SegmentRef(seg.key, seg.id)

    # -- writing a check run ------------------------------------------------------------

    def reconcile_findings(
        self,
        issue_id: int,
        findings: list[Finding],
        segments: Iterable[SegmentRef | int | str] | None = None,
        cause: str = "check",
        who: str = "",
        events: bool = True,
    ) -> FindingsSync:
        """Make the stored findings of a scope those of a fresh check run.

        ``segments`` is the scope (None: the whole issue, issue-level findings
        included). A finding of the run keeps the row of the same problem
        (segment, rule, fingerprint), with its span moved to the run's; a new
        one is inserted (a ``reappeared`` event when the problem had been
        resolved); a stored finding the run no longer produces is deleted with
        a ``resolved`` event saying ``cause``. Each finding's ``revision_id``
        must be its segment's current revision (a check of an older text is
        refused: the caller checks and reconciles in one transaction).
        Findings outside the scope are not stored. ``events=False``: the run
        changed because the rules or the allowlist changed, not the text; no
        resolved/reappeared events are written (the words are still there).
        """
        now = now_iso()
        with self.atomic():
            resolve = self._resolver(issue_id)
            scope = None if segments is None else {resolve(s).id for s in segments}
            in_scope = (lambda sid: True) if scope is None else (lambda sid: sid in scope)
            existing = {
                (r["segment_id"] or 0, r["rule"], r["fingerprint"]): r
                for r in self._rows("SELECT * FROM findings WHERE issue_id = ?", (issue_id,))
                if in_scope(r["segment_id"])
            }
            resolved_before: set | None = None  # read only when something is inserted
            prepared = []
            for f in findings:
                seg = resolve(f.segment)
                if not in_scope(seg.id if seg else None):
                    continue
                if seg is not None and f.revision_id is not None and f.revision_id != seg.revision_id:
                    raise LibraryError(
                        f"检查结果对应的不是当前文本（分段 {seg.key}） / findings of segment "
                        f"{seg.key} were found in revision {f.revision_id}, not the current "
                        f"{seg.revision_id}; check again"
                    )
                prepared.append((seg.id if seg else 0, f.rule, f.start, f.end, seg, f))
            prepared.sort(key=lambda t: t[:4])  # stable order for repeated fingerprints
            seen: dict[tuple, int] = {}
            touched: set[int] = set()
            inserted = updated = reappeared = 0
            changed_segments: set[int] = set()
            for sid, _, _, _, seg, f in prepared:
                fp = f.fingerprint or _fallback_fingerprint(f)
                base = (sid, f.rule, fp)
                seen[base] = seen.get(base, 0) + 1
                if seen[base] > 1:
                    fp = f"{fp}#{seen[base]}"
                key = (sid, f.rule, fp)
                related = [
                    {
                        "start": s.start,
                        "end": s.end,
                        "excerpt": s.excerpt,
                        "source_start": s.source_start,
                        "source_end": s.source_end,
                        "segment": _related_ref(resolve, s.segment),
                    }
                    for s in f.related
                ]
                values = (
                    seg.revision_id if seg else None,
                    f.category,
                    f.severity,
                    f.message,
                    f.suggestion,
                    f.excerpt or "",
                    f.start,
                    f.end,
                    f.source_start,
                    f.source_end,
                    dumps(related) if related else "[]",  # most findings have none: skip the encoder
                )
                row = existing.get(key)
                if row is not None:
                    old = (
                        row["revision_id"], row["category"], row["severity"], row["message"],
                        row["suggestion"], row["excerpt"], row["text_start"], row["text_end"],
                        row["source_start"], row["source_end"], row["related"],
                    )
                    if old != values:
                        self._write(
                            """
                            UPDATE findings SET revision_id = ?, category = ?, severity = ?,
                                message = ?, suggestion = ?, excerpt = ?, text_start = ?,
                                text_end = ?, source_start = ?, source_end = ?, related = ?,
                                updated = ?
                            WHERE id = ?
                            """,
                            (*values, now, row["id"]),
                        )
                        updated += 1
                        changed_segments.add(sid)
                    touched.add(row["id"])
                    continue
                self._write(
                    """
                    INSERT INTO findings (issue_id, segment_id, rule, fingerprint, revision_id,
                        category, severity, message, suggestion, excerpt, text_start, text_end,
                        source_start, source_end, related, created, updated)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                    (issue_id, sid or None, f.rule, fp, *values, now, now),
                )
                inserted += 1
                changed_segments.add(sid)
                if resolved_before is None:
                    resolved_before = self._resolved_keys(issue_id) if events else set()
                if events and key in resolved_before:
                    reappeared += 1
                    self._event(issue_id, sid or None, f.rule, fp, "reappeared", cause,
                                seg.revision_id if seg else None, who, now, f)
            stale = [r for r in existing.values() if r["id"] not in touched]
            for r in stale if events else ():
                sid = r["segment_id"]
                rev = resolve.by_id[sid].revision_id if sid in resolve.by_id else None
                self._event(issue_id, sid, r["rule"], r["fingerprint"], "resolved", cause, rev,
                            who, now, r)
                changed_segments.add(sid or 0)
            self._write_many("DELETE FROM findings WHERE id = ?", [(r["id"],) for r in stale])
        return FindingsSync(
            inserted=inserted,
            updated=updated,
            deleted=len(stale),
            reappeared=reappeared,
            segments=frozenset(s for s in changed_segments if s),
            issue_level=0 in changed_segments,
        )

    def _event(self, issue_id, seg_id, rule, fingerprint, event, how, revision_id, who, at, src):
        get = (lambda k: src[k]) if not isinstance(src, Finding) else (lambda k: getattr(src, k))
        self._write(
            """
            INSERT INTO finding_events (issue_id, segment_id, rule, fingerprint, event, how,
                revision_id, who, at, category, severity, message, excerpt, suggestion)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            (
                issue_id, seg_id, rule, fingerprint, event, how, revision_id, who, at,
                get("category"), get("severity"), get("message"), get("excerpt") or "",
                get("suggestion"),
            ),
        )

    def _resolved_keys(self, issue_id: int) -> set[tuple[int, str, str]]:
        """Problems whose latest resolved/reappeared event is "resolved"."""
        rows = self._rows(
            """
            SELECT IFNULL(segment_id, 0) AS sid, rule, fingerprint, event FROM finding_events
            WHERE issue_id = ? AND event IN ('resolved', 'reappeared') ORDER BY id
            """,
            (issue_id,),
        )
        last: dict[tuple[int, str, str], str] = {}
        for r in rows:
            last[(r["sid"], r["rule"], r["fingerprint"])] = r["event"]
        return {k for k, e in last.items() if e == "resolved"}

    # -- reading ----------------------------------------------------------------------

    def list_findings(
        self,
        issue_id: int,
        segment: SegmentRef | int | str | None = None,
        status: str | Iterable[str] | None = None,
        category: str | Iterable[str] | None = None,
        rule: str | Iterable[str] | None = None,
    ) -> list[Finding]:
        """Findings of an issue's current texts (active segments and issue-level), in
        text order. ``status`` filters "open"/"dismissed"; "resolved" adds the problems
        found earlier and no longer in the text (from the history; no id, no span)."""
        resolve = self._resolver(issue_id)
        statuses = _as_list(status)
        if statuses is not None:
            bad = [s for s in statuses if s not in FINDING_STATUSES]
            if bad:
                raise LibraryError(
                    f"未知的检查结果状态：{bad} / unknown finding status {bad}; "
                    f"expected one of {FINDING_STATUSES}"
                )
        where = ["f.issue_id = ?", "(f.segment_id IS NULL OR s.active = 1)"]
        params: list[Any] = [issue_id]
        seg = None
        if segment is not None:
            seg = resolve(segment, strict=False)
            if seg is None:
                return []
            where.append("f.segment_id = ?")
            params.append(seg.id)
        for column, value in (("category", category), ("rule", rule)):
            values = _as_list(value)
            if values is not None:
                if not values:
                    return []
                where.append(f"f.{column} IN ({','.join('?' * len(values))})")
                params.extend(values)
        if statuses is not None:
            kept = [s for s in statuses if s != "resolved"]
            if "open" in kept and "dismissed" not in kept:
                where.append("d.id IS NULL")
            elif "dismissed" in kept and "open" not in kept:
                where.append("d.id IS NOT NULL")
            elif not kept:
                where.append("1 = 0")
        rows = self._rows(f"{_SELECT} WHERE {' AND '.join(where)} {_ORDER}", params)
        keys = resolve.keys()
        out = [_finding(r, keys) for r in rows]
        if statuses is not None and "resolved" in statuses:
            out.extend(self._resolved(issue_id, resolve, seg, category, rule))
        return out

    def _resolved(self, issue_id, resolve, seg, category, rule) -> list[Finding]:
        keys = self._resolved_keys(issue_id)
        if not keys:
            return []
        rows = self._rows(
            """
            SELECT e.*, s.key AS segment_key FROM finding_events e
            LEFT JOIN segments s ON s.id = e.segment_id
            WHERE e.issue_id = ? AND e.event = 'resolved' AND (e.segment_id IS NULL OR s.active = 1)
            ORDER BY e.id
            """,
            (issue_id,),
        )
        cats, rules = _as_list(category), _as_list(rule)
        latest: dict[tuple, Any] = {}
        for r in rows:
            k = (r["segment_id"] or 0, r["rule"], r["fingerprint"])
            if k in keys:
                latest[k] = r
        out = []
        for r in latest.values():
            if seg is not None and r["segment_id"] != seg.id:
                continue
            if cats is not None and r["category"] not in cats:
                continue
            if rules is not None and r["rule"] not in rules:
                continue
            out.append(
                Finding(
                    rule=r["rule"],
                    category=r["category"],
                    severity=r["severity"],
                    message=r["message"],
                    start=0,
                    end=0,
                    excerpt=r["excerpt"],
                    suggestion=r["suggestion"],
                    segment=None if r["segment_id"] is None
                    else SegmentRef(r["segment_key"], r["segment_id"]),
                    fingerprint=r["fingerprint"],
                    status="resolved",
                    revision_id=r["revision_id"],
                    decided_by=r["who"],
                    decided_at=r["at"],
                    resolved_how=r["how"],
                )
            )
        return out

    def finding(self, finding_id: int) -> Finding:
        row = self._one(f"{_SELECT} WHERE f.id = ?", (finding_id,))
        if row is None:
            raise NotFoundError("finding", finding_id)
        return _finding(row, self._resolver(row["issue_id"]).keys())

    def finding_keys(self, issue_id: int) -> list[tuple[int | None, str, str, str, int, int, int | None]]:
        """(segment id, rule, fingerprint, excerpt, start, end, revision id) of every stored
        finding of the issue: the identities a new check run is matched against."""
        return [
            (r["segment_id"], r["rule"], r["fingerprint"], r["excerpt"], r["text_start"],
             r["text_end"], r["revision_id"])
            for r in self._rows(
                "SELECT segment_id, rule, fingerprint, excerpt, text_start, text_end, revision_id "
                "FROM findings WHERE issue_id = ?",
                (issue_id,),
            )
        ]

    def finding_issue(self, finding_id: int) -> int:
        issue_id = self._scalar("SELECT issue_id FROM findings WHERE id = ?", (finding_id,))
        if issue_id is None:
            raise NotFoundError("finding", finding_id)
        return issue_id

    def finding_by_fingerprint(
        self, issue_id: int, segment: SegmentRef | int | str | None, rule: str, fingerprint: str
    ) -> Finding | None:
        """The stored finding of this problem (a "#n" suffix of repeats tolerated)."""
        resolve = self._resolver(issue_id)
        seg = resolve(segment, strict=False) if segment is not None else None
        if segment is not None and seg is None:
            return None
        rows = self._rows(
            f"{_SELECT} WHERE f.issue_id = ? AND IFNULL(f.segment_id, 0) = ? AND f.rule = ? "
            "AND (f.fingerprint = ? OR f.fingerprint LIKE ?) ORDER BY f.fingerprint = ? DESC, f.id",
            (issue_id, seg.id if seg else 0, rule, fingerprint, fingerprint + "#%", fingerprint),
        )
        return _finding(rows[0], resolve.keys()) if rows else None

    def finding_events(self, issue_id: int, segment: SegmentRef | int | str | None = None) -> list[FindingEvent]:
        """What happened to the issue's problems, oldest first."""
        resolve = self._resolver(issue_id)
        where, params = "e.issue_id = ?", [issue_id]
        if segment is not None:
            seg = resolve(segment, strict=False)
            if seg is None:
                return []
            where += " AND e.segment_id = ?"
            params.append(seg.id)
        rows = self._rows(
            f"""
            SELECT e.*, s.key AS segment_key, r.number AS revision_number FROM finding_events e
            LEFT JOIN segments s ON s.id = e.segment_id
            LEFT JOIN revisions r ON r.id = e.revision_id
            WHERE {where} ORDER BY e.id
            """,
            params,
        )
        return [
            FindingEvent(
                id=r["id"],
                segment=None if r["segment_id"] is None
                else SegmentRef(r["segment_key"], r["segment_id"]),
                rule=r["rule"],
                fingerprint=r["fingerprint"],
                event=r["event"],
                how=r["how"],
                revision_number=r["revision_number"],
                who=r["who"],
                at=r["at"],
                severity=r["severity"],
                message=r["message"],
                excerpt=r["excerpt"],
            )
            for r in rows
        ]

    # -- decisions ----------------------------------------------------------------------

    def dismiss_finding(self, finding_id: int, reason: str = "", who: str = "") -> Finding:
        """Record the decision that this problem is not one (kept by fingerprint)."""
        with self.atomic():
            f = self.finding(finding_id)
            row = self._one("SELECT issue_id, segment_id FROM findings WHERE id = ?", (finding_id,))
            now = now_iso()
            self._write(
                """
                INSERT INTO decisions (issue_id, segment_id, rule, fingerprint, decision, reason, who, at)
                VALUES (?, ?, ?, ?, 'dismissed', ?, ?, ?)
                ON CONFLICT (issue_id, IFNULL(segment_id, 0), rule, fingerprint)
                DO UPDATE SET reason = excluded.reason, who = excluded.who, at = excluded.at
                """,
                (row["issue_id"], row["segment_id"], f.rule, f.fingerprint, reason or "", who, now),
            )
            self._event(row["issue_id"], row["segment_id"], f.rule, f.fingerprint, "dismissed",
                        reason or "", f.revision_id, who, now, f)
        return self.finding(finding_id)

    def reopen_finding(self, finding_id: int, who: str = "") -> Finding:
        """Withdraw the decision on this problem: it is open again."""
        with self.atomic():
            f = self.finding(finding_id)
            row = self._one("SELECT issue_id, segment_id FROM findings WHERE id = ?", (finding_id,))
            cur = self._write(
                """
                DELETE FROM decisions WHERE issue_id = ? AND IFNULL(segment_id, 0) = ?
                    AND rule = ? AND fingerprint = ?
                """,
                (row["issue_id"], row["segment_id"] or 0, f.rule, f.fingerprint),
            )
            if cur.rowcount:
                self._event(row["issue_id"], row["segment_id"], f.rule, f.fingerprint, "reopened",
                            "", f.revision_id, who, now_iso(), f)
        return self.finding(finding_id)

    # -- check state ----------------------------------------------------------------------

    def current_revisions(self, issue_id: int) -> dict[int, int]:
        """Active segment id -> its current revision id."""
        return {s.id: s.revision_id for s in self._resolver(issue_id).by_id.values()}

    def current_revision_numbers(self, issue_id: int) -> dict[int, int]:
        """Current revision id -> its number in its article's history (active segments)."""
        return {
            r["id"]: r["number"]
            for r in self._rows(
                "SELECT r.id, r.number FROM segments s JOIN revisions r ON r.id = s.current_revision_id "
                "WHERE s.issue_id = ? AND s.active = 1",
                (issue_id,),
            )
        }

    def checked_digest(self, issue_id: int) -> str | None:
        """The state (see services) the stored findings of the issue describe."""
        row = self._one("SELECT checked_digest FROM issues WHERE id = ?", (issue_id,))
        if row is None:
            raise NotFoundError("issue", issue_id)
        return row["checked_digest"]

    def checked_at(self, issue_id: int) -> str | None:
        row = self._one("SELECT checked_at FROM issues WHERE id = ?", (issue_id,))
        if row is None:
            raise NotFoundError("issue", issue_id)
        return row["checked_at"]

    def mark_checked(self, issue_id: int, digest: str) -> None:
        with self.atomic():
            self._write(
                "UPDATE issues SET checked_digest = ?, checked_at = ? WHERE id = ?",
                (digest, now_iso(), issue_id),
            )


def _related_ref(resolve: _Resolver, ref: SegmentRef | None) -> list | None:
    if ref is None:
        return None
    seg = resolve(ref, strict=False)
    return [seg.key, seg.id] if seg is not None else [ref.key, ref.id]
