"""The library store: SQLite through sqlite-utils (schema by migrations, atomic
writes, append-only revisions, findings with review status, exact CJK search).

Only this package speaks SQL. Everything it returns is a ``model`` object or
one of the small records below.
"""

from .errors import ConflictError, LibraryError, MastheadConflictError, NotFoundError
from .library import Library
from .records import (
    REVIEW_LABELS,
    REVIEW_STATUSES,
    AllowEntry,
    FindingsSync,
    ImportResult,
    IssueSummary,
    SearchHit,
    SegmentRow,
)

__all__ = [
    "REVIEW_LABELS",
    "REVIEW_STATUSES",
    "AllowEntry",
    "ConflictError",
    "FindingsSync",
    "ImportResult",
    "IssueSummary",
    "Library",
    "LibraryError",
    "MastheadConflictError",
    "NotFoundError",
    "SearchHit",
    "SegmentRow",
]
