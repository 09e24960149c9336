"""The library store: SQLite through sqlite-utils, or a PostgreSQL server (psycopg 3) (schema by migrations, atomic
writes, append-only revisions, findings that follow the current text, decisions and their history, exact CJK search).

Only this package speaks SQL. Everything it returns is a ``model`` object or
one of the small records below.
"""

from .errors import (
    ConflictError,
    LibraryError,
    MastheadConflictError,
    NotFoundError,
    PermissionRefused,
    ServerUnreachable,
)
from .lexicon import LEXICON_KINDS, LexiconEntry, PostRow
from .library import Library
from .records import (
    REVIEW_LABELS,
    REVIEW_STATUSES,
    AllowEntry,
    FindingEvent,
    FindingsSync,
    ImportResult,
    IssueSummary,
    SearchHit,
    SegmentRow,
)
from .structure_records import StructureChange, StructureError

__all__ = [
    "REVIEW_LABELS",
    "REVIEW_STATUSES",
    "AllowEntry",
    "ConflictError",
    "FindingEvent",
    "FindingsSync",
    "ImportResult",
    "IssueSummary",
    "LEXICON_KINDS",
    "LexiconEntry",
    "Library",
    "LibraryError",
    "MastheadConflictError",
    "NotFoundError",
    "PermissionRefused",
    "ServerUnreachable",
    "PostRow",
    "SearchHit",
    "SegmentRow",
    "StructureChange",
    "StructureError",
]
