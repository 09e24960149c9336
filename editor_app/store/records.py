"""Small result records returned by the library (never sqlite rows).

Issues, TOC entries, segments, findings and revisions travel as ``model``
objects where the model has a type for them; these dataclasses cover the rest:
import outcome, issue summaries, segment rows, search hits, allowlist entries.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import SegmentRef

# Review workflow of a segment: stored codes and their Chinese labels.
REVIEW_STATUSES = ("pending", "in_review", "proofread", "signed")
REVIEW_LABELS = {
    "pending": "待审",
    "in_review": "审校中",
    "proofread": "已校",
    "signed": "签发",
}


@dataclass(frozen=True)
class ImportResult:
    issue_id: int
    status: str  # "imported" | "already" | "replaced"
    added: int = 0  # segments inserted
    updated: int = 0  # segments matched on replace (new text appended as a revision)
    retired: int = 0  # segments of the old version with no counterpart (kept, inactive)


@dataclass(frozen=True)
class IssueSummary:
    id: int
    label: str
    title: str
    year: int | None
    number: int | None
    total_number: int | None
    n_articles: int
    n_open_findings: int
    imported_at: str
    updated_at: str
    source_name: str
    source_hash: str


@dataclass(frozen=True)
class SegmentRow:
    id: int  # library id (integer, stable)
    issue_id: int
    key: str  # "s03": the model's Segment.id
    kind: str
    idx: int  # position in the issue
    title: str  # current title
    subtitle: str
    kicker: str
    authors: list[str]
    role: str
    page: int | None
    section: str
    toc_index: int | None
    source_start: int
    source_end: int
    version: int
    current_revision_id: int
    base_revision_id: int  # the imported text the offset map describes
    review_status: str
    review_by: str
    review_at: str | None
    active: bool = True  # False: retired by a replace import (revisions kept)

    @property
    def review_label(self) -> str:
        return REVIEW_LABELS.get(self.review_status, self.review_status)

    @property
    def edited(self) -> bool:
        """True when the current text is no longer the imported one."""
        return self.current_revision_id != self.base_revision_id


@dataclass(frozen=True)
class SearchHit:
    issue_id: int
    issue_label: str
    segment_id: int
    segment_key: str
    title: str
    kind: str
    field: str  # "text" or "title": where the shown match is
    excerpt: str  # ~30 characters either side of the match, newlines shown as spaces
    match_start: int  # the match within ``excerpt``
    match_end: int
    start: int  # the match within the current text (or the title, when field == "title")
    end: int
    count: int = 1  # occurrences of the query words in the text
    version: int = 0  # version of the text the offsets refer to

    @property
    def marked(self) -> str:
        """The excerpt with the match in 【】."""
        e = self.excerpt
        return (
            e[: self.match_start]
            + "【"
            + e[self.match_start : self.match_end]
            + "】"
            + e[self.match_end :]
        )


@dataclass(frozen=True)
class AllowEntry:
    id: int
    word: str
    issue_id: int | None  # None: the whole library
    rule: str | None  # None: every rule
    created: str


@dataclass(frozen=True)
class FindingsSync:
    """Outcome of ``reconcile_findings``."""

    inserted: int = 0  # problems found that were not stored
    updated: int = 0  # stored problems whose span or message moved
    deleted: int = 0  # stored problems no longer found (resolved)
    reappeared: int = 0  # of the inserted: problems that had been resolved before
    segments: frozenset[int] = frozenset()  # library ids of segments whose findings changed
    issue_level: bool = False  # issue-level findings changed

    @property
    def changed(self) -> bool:
        return bool(self.inserted or self.updated or self.deleted)


@dataclass(frozen=True)
class FindingEvent:
    """One step in the history of a problem (see store/findings.py)."""

    id: int
    segment: SegmentRef | None
    rule: str
    fingerprint: str
    event: str  # resolved | reappeared | dismissed | reopened
    how: str  # what caused it: "fix <rule>", "edit", "restore #3", a dismissal reason ...
    revision_number: int | None
    who: str
    at: str
    severity: str
    message: str
    excerpt: str
