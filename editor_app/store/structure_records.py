"""What a structure correction leaves behind (``structure_changes`` rows read as
:class:`StructureChange`), its error, and the paragraph alignment both the
corrections (store/structure.py) and their undo (store/structure_undo.py) use."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from .base import loads
from .errors import LibraryError


class StructureError(LibraryError):
    """A structure correction that cannot be made (bilingual message)."""


@dataclass(frozen=True)
class StructureChange:
    id: int
    issue_id: int
    op: str  # split | join | move | kind | bind | unbind | entry | undo
    params: dict[str, Any]
    who: str
    at: str
    undo_of: int | None = None
    undone_by: int | None = None
    active: bool = True  # False: made on a source a replacing import has since replaced
    before: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def undone(self) -> bool:
        return self.undone_by is not None


def _change(r) -> StructureChange:
    return StructureChange(
        id=r["id"],
        issue_id=r["issue_id"],
        op=r["op"],
        params=loads(r["params"], {}),
        who=r["who"],
        at=r["at"],
        undo_of=r["undo_of"],
        undone_by=r["undone_by"],
        active=bool(r["active"]),
        before=loads(r["before"], {}),
    )


def map_boundary(a: list[str], b: list[str], k: int) -> int:
    """The boundary in paragraph list ``b`` that corresponds to boundary ``k`` of ``a``
    (``k`` paragraphs of ``a`` before it), by aligning equal paragraphs. Inside a run
    of changed paragraphs the position is kept relative to the run's start."""
    if not a or k <= 0:
        return 0
    if k >= len(a):
        return len(b)
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if i1 <= k <= i2 and i1 != i2:
            if tag == "equal":
                return j1 + (k - i1)
            return j1 + min(k - i1, j2 - j1)
    return len(b)
