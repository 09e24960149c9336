"""What a write operation changed, as the service that made the change reports it.

Like Anki's ``OpChanges``: every write service returns a result carrying an
:class:`OpChanges`; the window refreshes each view from it (a view asks
``changes.text_of(seg_id)`` and the like) instead of guessing, and no view
keeps a hand-written list of what an action may have touched.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace


@dataclass(frozen=True)
class OpChanges:
    issue_id: int | None = None  # None: no issue in particular (library-wide)
    # library ids of the segments concerned; None: possibly any segment of the issue
    segments: frozenset[int] | None = field(default=None)
    issues: bool = False  # issues added, replaced or removed
    text: bool = False  # article texts
    header: bool = False  # article header fields (kicker, title, subtitle, authors, role, page)
    findings: bool = False  # stored findings, decisions on them
    review: bool = False  # review status of articles
    settings: bool = False  # rule switches
    allowlist: bool = False
    structure: bool = False  # the partition into segments, their kinds, contents entries and bindings

    @classmethod
    def of(cls, issue_id: int | None, segments: Iterable[int] | None = None, **flags: bool) -> OpChanges:
        segs = None if segments is None else frozenset(int(s) for s in segments)
        return cls(issue_id=issue_id, segments=segs, **flags)

    @property
    def any(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self) if f.type == "bool")

    def concerns(self, issue_id: int | None, seg_id: int | None = None) -> bool:
        """True if the change may concern this issue (and this segment, if given)."""
        if self.issue_id is not None and issue_id is not None and issue_id != self.issue_id:
            return False
        if seg_id is not None and self.segments is not None and seg_id not in self.segments:
            return False
        return True

    def text_of(self, issue_id: int | None, seg_id: int | None = None) -> bool:
        return (self.text or self.header) and self.concerns(issue_id, seg_id)

    def findings_of(self, issue_id: int | None, seg_id: int | None = None) -> bool:
        return self.findings and self.concerns(issue_id, seg_id)

    def __or__(self, other: OpChanges) -> OpChanges:
        if self.issue_id is not None and other.issue_id is not None and self.issue_id != other.issue_id:
            issue_id, segments = None, None
        else:
            issue_id = self.issue_id if self.issue_id is not None else other.issue_id
            segments = (
                None if self.segments is None or other.segments is None
                else self.segments | other.segments
            )
        flags = {
            f.name: getattr(self, f.name) or getattr(other, f.name)
            for f in fields(self)
            if f.type == "bool"
        }
        return replace(OpChanges(), issue_id=issue_id, segments=segments, **flags)


NO_CHANGES = OpChanges()
