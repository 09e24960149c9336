"""Texts of segments: append-only revisions, optimistic concurrency, review status.

A segment's text and header (kicker, title, subtitle, authors, role, page) are
its current revision; ``segments`` mirrors the current header, written only by
``_make_current`` together with ``current_revision_id``. Saving appends a revision and bumps
the segment's ``version``; nothing is ever overwritten (triggers refuse UPDATE
and DELETE on ``revisions``). A save made against an outdated version is
still stored, as a revision with note "conflict" that does not become
current, and ``ConflictError`` names both revisions: both texts are kept.
"""

from __future__ import annotations

from typing import Any

from ..model import HEADER_FIELDS, Header, Revision
from .base import StoreBase, dumps, loads, now_iso
from .errors import ConflictError, LibraryError, NotFoundError
from .records import REVIEW_LABELS, REVIEW_STATUSES, SegmentRow

_STATE_SQL = """
    SELECT s.id, s.issue_id, s.active, s.kind, s.version, s.current_revision_id, r.text,
           s.kicker, s.title, s.subtitle, s.authors, s.role, s.page,
           (SELECT MAX(number) FROM revisions WHERE segment_id = s.id) AS last_number
    FROM segments s JOIN revisions r ON r.id = s.current_revision_id
    WHERE s.id = ?
"""


def _revision(r) -> Revision:
    return Revision(
        id=r["id"],
        segment_id=r["segment_id"],
        number=r["number"],
        text=r["text"],
        title=r["title"],
        author=r["author"],
        created=r["created"],
        note=r["note"],
        kicker=r["kicker"],
        subtitle=r["subtitle"],
        authors=loads(r["authors"], []),
        role=r["role"],
        page=r["page"],
    )


def _header_of(st) -> Header:
    return Header(
        kicker=st["kicker"],
        title=st["title"],
        subtitle=st["subtitle"],
        authors=loads(st["authors"], []),
        role=st["role"],
        page=st["page"],
    )


def _merge_header(cur: Header, changes: dict[str, Any] | None) -> Header:
    """``cur`` with the given fields replaced (unknown field names refused)."""
    if not changes:
        return cur
    unknown = sorted(set(changes) - set(HEADER_FIELDS))
    if unknown:
        raise LibraryError(f"未知的文章字段：{unknown} / unknown header fields {unknown}")
    values = {f: getattr(cur, f) for f in HEADER_FIELDS}
    for k, v in changes.items():
        if k == "authors":
            v = [str(a) for a in (v or [])]
        elif k == "page":
            v = None if v is None else int(v)
        else:
            v = str(v or "")
        values[k] = v
    return Header(**values)


class RevisionsMixin(StoreBase):
    def _state(self, seg_id: int, for_write: bool = False):
        st = self._one(_STATE_SQL, (seg_id,))
        if st is None:
            raise NotFoundError("segment", seg_id)
        if for_write and not st["active"]:
            raise LibraryError(
                f"该分段已在替换导入时停用，不能再修改（可查看其修订历史） / segment {seg_id} "
                "was retired by a replacing import; its revisions are read-only"
            )
        return st

    def _append_revision(
        self, seg_id: int, number: int, text: str, header: Header, author: str, note: str,
        created: str | None = None,
    ) -> int:
        return self._write(
            """
            INSERT INTO revisions (segment_id, number, text, title, author, created, note,
                kicker, subtitle, authors, role, page)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            (
                seg_id, number, text, header.title, author, created or now_iso(), note,
                header.kicker, header.subtitle, dumps(list(header.authors)), header.role,
                header.page,
            ),
        ).lastrowid

    def _make_current(self, st, rev_id: int, text: str, header: Header) -> None:
        """The one place a segment's current revision (text and header) changes."""
        self._unindex_segment(st["id"], st["title"], st["text"])
        self._write(
            """
            UPDATE segments SET current_revision_id = ?, kicker = ?, title = ?, subtitle = ?,
                authors = ?, role = ?, page = ?, version = version + 1
            WHERE id = ?
            """,
            (
                rev_id, header.kicker, header.title, header.subtitle, dumps(list(header.authors)),
                header.role, header.page, st["id"],
            ),
        )
        self._write("UPDATE issues SET updated_at = ? WHERE id = ?", (now_iso(), st["issue_id"]))
        self._index_segment(st["id"], header.title, text)

    # -- reading ----------------------------------------------------------------------

    def current_text(self, seg_id: int) -> tuple[str, int]:
        """The current text of a segment and its version (pass it back to save_text)."""
        st = self._state(seg_id)
        return st["text"], st["version"]

    def current_header(self, seg_id: int) -> Header:
        return _header_of(self._state(seg_id))

    def current_revision(self, seg_id: int) -> Revision:
        return self.revision(self._state(seg_id)["current_revision_id"])

    def revision(self, rev_id: int) -> Revision:
        row = self._one("SELECT * FROM revisions WHERE id = ?", (rev_id,))
        if row is None:
            raise NotFoundError("revision", rev_id)
        return _revision(row)

    def revision_by_number(self, seg_id: int, number: int) -> Revision:
        row = self._one(
            "SELECT * FROM revisions WHERE segment_id = ? AND number = ?", (seg_id, number)
        )
        if row is None:
            raise NotFoundError("revision", f"#{number} of segment {seg_id}")
        return _revision(row)

    def revisions(self, seg_id: int) -> list[Revision]:
        """Every revision of a segment, newest first."""
        self._state(seg_id)
        rows = self._rows(
            "SELECT * FROM revisions WHERE segment_id = ? ORDER BY number DESC", (seg_id,)
        )
        return [_revision(r) for r in rows]

    # -- writing ----------------------------------------------------------------------

    def save_text(
        self,
        seg_id: int,
        text: str | None,
        author: str,
        expected_version: int | None = None,
        note: str = "edit",
        title: str | None = None,
        header: dict[str, Any] | None = None,
    ) -> Revision:
        """Append a revision with ``text`` (None: unchanged) and the current header with
        ``header``'s fields (and ``title``, if given) replaced; it becomes current.

        Identical text and header: no-op, returns the current revision. With
        ``expected_version`` not the stored version: the revision is stored
        with note "conflict" and does not become current, then
        ``ConflictError`` is raised.
        """
        if text is not None and not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        changes = dict(header or {})
        if title is not None:
            changes["title"] = title
        conflict: ConflictError | None = None
        with self.atomic():
            st = self._state(seg_id, for_write=True)
            cur_header = _header_of(st)
            new_header = _merge_header(cur_header, changes)
            new_text = st["text"] if text is None else text
            if new_text == st["text"] and new_header == cur_header:
                return self.revision(st["current_revision_id"])
            number = st["last_number"] + 1
            if expected_version is not None and int(expected_version) != st["version"]:
                rev_id = self._append_revision(seg_id, number, new_text, new_header, author, "conflict")
                conflict = ConflictError(
                    seg_id, int(expected_version), st["version"], st["current_revision_id"], rev_id
                )
            else:
                rev_id = self._append_revision(seg_id, number, new_text, new_header, author, note)
                self._make_current(st, rev_id, new_text, new_header)
                rev = self.revision(rev_id)
        if conflict is not None:
            raise conflict  # after the commit: the conflicting text is stored
        return rev

    def restore(self, rev_id: int, author: str, expected_version: int | None = None) -> Revision:
        """Make an earlier revision's text and header current again, as a new revision
        (note "restore #N"). Restoring what is already current is a no-op."""
        with self.atomic():
            src = self.revision(rev_id)
            st = self._state(src.segment_id, for_write=True)
            if expected_version is not None and int(expected_version) != st["version"]:
                raise ConflictError(
                    src.segment_id,
                    int(expected_version),
                    st["version"],
                    st["current_revision_id"],
                    None,
                )
            if src.text == st["text"] and src.header == _header_of(st):
                return self.revision(st["current_revision_id"])
            new_id = self._append_revision(
                src.segment_id,
                st["last_number"] + 1,
                src.text,
                src.header,
                author,
                f"restore #{src.number}",
            )
            self._make_current(st, new_id, src.text, src.header)
            return self.revision(new_id)

    def set_review_status(self, seg_id: int, status: str, who: str) -> SegmentRow:
        """Set the review step: a code (pending/in_review/proofread/signed) or its
        Chinese label (待审/审校中/已校/签发)."""
        code = {label: code for code, label in REVIEW_LABELS.items()}.get(status, status)
        if code not in REVIEW_STATUSES:
            raise LibraryError(
                f"未知的审校状态：{status} / unknown review status {status!r}; "
                f"expected one of {REVIEW_STATUSES}"
            )
        with self.atomic():
            self._state(seg_id, for_write=True)
            self._write(
                "UPDATE segments SET review_status = ?, review_by = ?, review_at = ? WHERE id = ?",
                (code, who, now_iso(), seg_id),
            )
        return self.segment(seg_id)
