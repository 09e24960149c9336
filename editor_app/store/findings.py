"""Stored check results and their review status.

A finding's identity is (issue, segment, rule, fingerprint). ``replace_findings``
stores a fresh check run against that identity: a finding produced again keeps
its row, id, status and reason (a dismissal survives re-checking); a new one is
inserted as "open"; an *open* finding the run no longer produces is deleted,
while dismissed and fixed ones are kept as the record of a decision.

Segments are named by the library's integer id. ``model.Finding.segment_id``
may hold it as an int or a numeric string; a non-numeric string is taken as
the segment key ("s03") within the issue. Findings come back with
``segment_id`` as the numeric string of the library id (the model types it
``str``), ``id`` and ``status`` filled.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from ..model import FINDING_STATUSES, Finding, Span
from .base import StoreBase, dumps, loads, now_iso
from .errors import LibraryError, NotFoundError
from .records import FindingsSync

_ORDER = "ORDER BY s.idx IS NOT NULL, s.idx, f.text_start, f.text_end, f.rule, f.id"


def _fallback_fingerprint(f: Finding) -> str:
    raw = "\x1f".join([f.rule, f.excerpt or "", f.suggestion or "", f.message or ""])
    return "auto:" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def _finding(r) -> Finding:
    return Finding(
        rule=r["rule"],
        category=r["category"],
        severity=r["severity"],
        message=r["message"],
        start=r["text_start"],
        end=r["text_end"],
        excerpt=r["excerpt"],
        suggestion=r["suggestion"],
        segment_id=None if r["segment_id"] is None else str(r["segment_id"]),
        source_start=r["source_start"],
        source_end=r["source_end"],
        related=[
            Span(
                start=d.get("start", 0),
                end=d.get("end", 0),
                excerpt=d.get("excerpt", ""),
                segment_id=d.get("segment_id"),
                source_start=d.get("source_start"),
                source_end=d.get("source_end"),
            )
            for d in loads(r["related"], [])
        ],
        fingerprint=r["fingerprint"],
        status=r["status"],
        reason=r["reason"],
        id=r["id"],
    )


def _as_list(value: str | Iterable[str] | None) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    return list(value)


class _Resolver:
    """Maps the segment references a caller may use to library segment ids."""

    def __init__(self, issue_id: int, rows):
        self.issue_id = issue_id
        self.active = {r["id"] for r in rows if r["active"]}
        self.all = {r["id"] for r in rows}
        self.keys = {r["key"]: r["id"] for r in rows if r["active"]}

    def __call__(self, ref: Any, strict: bool = True) -> int | None:
        if ref is None or ref == "":
            return None
        seg_id: int | None = None
        if isinstance(ref, int) and not isinstance(ref, bool):
            seg_id = ref
        elif isinstance(ref, str):
            seg_id = int(ref) if ref.strip().isdigit() else self.keys.get(ref)
        if seg_id is not None and seg_id in self.active:
            return seg_id
        if not strict:
            return None
        raise LibraryError(
            f"检查结果指向的分段不在本期（或已停用）：{ref} / segment {ref!r} is not an "
            f"active segment of issue {self.issue_id}"
        )


class FindingsMixin(StoreBase):
    def _resolver(self, issue_id: int) -> _Resolver:
        if self._scalar("SELECT 1 FROM issues WHERE id = ?", (issue_id,)) is None:
            raise NotFoundError("issue", issue_id)
        rows = self._rows("SELECT id, key, active FROM segments WHERE issue_id = ?", (issue_id,))
        return _Resolver(issue_id, rows)

    def replace_findings(
        self,
        issue_id: int,
        findings: list[Finding],
        segment_ids: list[int] | None = None,
    ) -> FindingsSync:
        """Store a check run over ``segment_ids`` (None: the whole issue).

        Stale open findings are deleted only inside that scope; issue-level
        findings (no segment) belong to the whole-issue scope only. Findings of
        the run outside the scope are still stored.
        """
        now = now_iso()
        with self.atomic():
            resolve = self._resolver(issue_id)
            scope = None if segment_ids is None else {resolve(s) for s in segment_ids}
            existing = {
                (r["segment_id"] or 0, r["rule"], r["fingerprint"]): r
                for r in self._rows(
                    "SELECT id, segment_id, rule, fingerprint, status FROM findings WHERE issue_id = ?",
                    (issue_id,),
                )
            }
            prepared = []
            for f in findings:
                seg_id = resolve(f.segment_id)
                prepared.append((seg_id or 0, f.rule, f.start, f.end, seg_id, f))
            prepared.sort(key=lambda t: t[:4])  # stable order for repeated fingerprints
            seen: dict[tuple, int] = {}
            touched: set[int] = set()
            inserted = updated = 0
            for _, _, _, _, seg_id, f in prepared:
                fp = f.fingerprint or _fallback_fingerprint(f)
                base = (seg_id or 0, f.rule, fp)
                seen[base] = seen.get(base, 0) + 1
                if seen[base] > 1:
                    fp = f"{fp}#{seen[base]}"
                related = [
                    {
                        "start": s.start,
                        "end": s.end,
                        "excerpt": s.excerpt,
                        "source_start": s.source_start,
                        "source_end": s.source_end,
                        "segment_id": (
                            str(resolve(s.segment_id, strict=False) or s.segment_id)
                            if s.segment_id is not None
                            else None
                        ),
                    }
                    for s in f.related
                ]
                values = (
                    f.category,
                    f.severity,
                    f.message,
                    f.suggestion,
                    f.excerpt or "",
                    f.start,
                    f.end,
                    f.source_start,
                    f.source_end,
                    dumps(related),
                )
                row = existing.get((seg_id or 0, f.rule, fp))
                if row is not None:
                    self._write(
                        """
                        UPDATE findings SET category = ?, severity = ?, message = ?, suggestion = ?,
                            excerpt = ?, text_start = ?, text_end = ?, source_start = ?,
                            source_end = ?, related = ?, updated = ?
                        WHERE id = ?
                        """,
                        (*values, now, row["id"]),
                    )
                    touched.add(row["id"])
                    updated += 1
                else:
                    self._write(
                        """
                        INSERT INTO findings (issue_id, segment_id, rule, fingerprint, category,
                            severity, message, suggestion, excerpt, text_start, text_end,
                            source_start, source_end, related, status, reason, created, updated)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', '', ?, ?)
                        """,
                        (issue_id, seg_id, f.rule, fp, *values, now, now),
                    )
                    inserted += 1
            stale = [
                r["id"]
                for r in existing.values()
                if r["status"] == "open"
                and r["id"] not in touched
                and (scope is None or r["segment_id"] in scope)
            ]
            self._write_many("DELETE FROM findings WHERE id = ?", [(i,) for i in stale])
        return FindingsSync(inserted=inserted, updated=updated, deleted=len(stale))

    def list_findings(
        self,
        issue_id: int,
        segment_id: int | str | None = None,
        status: str | Iterable[str] | None = None,
        category: str | Iterable[str] | None = None,
        rule: str | Iterable[str] | None = None,
    ) -> list[Finding]:
        """Findings of an issue (active segments and issue-level), in text order.

        Each filter takes one value or several; ``segment_id`` takes a library
        id (int or numeric string) or a segment key.
        """
        resolve = self._resolver(issue_id)
        where = ["f.issue_id = ?", "(f.segment_id IS NULL OR s.active = 1)"]
        params: list[Any] = [issue_id]
        if segment_id is not None:
            sid = resolve(segment_id, strict=False)
            if sid is None:
                return []
            where.append("f.segment_id = ?")
            params.append(sid)
        for column, value in (("status", status), ("category", category), ("rule", rule)):
            values = _as_list(value)
            if values is not None:
                if not values:
                    return []
                where.append(f"f.{column} IN ({','.join('?' * len(values))})")
                params.extend(values)
        rows = self._rows(
            f"SELECT f.* FROM findings f LEFT JOIN segments s ON s.id = f.segment_id "
            f"WHERE {' AND '.join(where)} {_ORDER}",
            params,
        )
        return [_finding(r) for r in rows]

    def finding(self, finding_id: int) -> Finding:
        row = self._one("SELECT * FROM findings WHERE id = ?", (finding_id,))
        if row is None:
            raise NotFoundError("finding", finding_id)
        return _finding(row)

    def set_finding_status(self, finding_id: int, status: str, reason: str = "") -> Finding:
        """Mark a finding open, fixed or dismissed (with the reason, if any)."""
        if status not in FINDING_STATUSES:
            raise LibraryError(
                f"未知的检查结果状态：{status} / unknown finding status {status!r}; "
                f"expected one of {FINDING_STATUSES}"
            )
        with self.atomic():
            cur = self._write(
                "UPDATE findings SET status = ?, reason = ?, updated = ? WHERE id = ?",
                (status, reason or "", now_iso(), finding_id),
            )
            if cur.rowcount == 0:
                raise NotFoundError("finding", finding_id)
        return self.finding(finding_id)
