"""Issues in the library: import (new, idempotent, replacing), listing, reading back.

An import is one transaction: the issue row, its table of contents, its
segments, revision 1 of each segment ("import") and the search index rows.
The identity of a file is its ``source_hash`` (sha256 of the raw bytes, or of
the UTF-8 text when the model carries none); the identity of an issue is its
masthead (title, year, number). Replacing keeps the issue id, saves the old
source in ``issue_sources`` and appends each matched segment's new text as a
revision (note "replace"), so the old texts stay in the history.
"""

from __future__ import annotations

import hashlib

from ..model import Header, Issue, Masthead, OffsetMap, Segment, TocEntry
from .base import StoreBase, dumps, loads, now_iso
from .errors import LibraryError, MastheadConflictError, NotFoundError
from .layout import body_kinds, build_layout, rebuild_paragraphs
from .records import ImportResult, IssueSummary, SegmentRow

_SEGMENT_COLUMNS = """
    s.id, s.issue_id, s.key, s.kind, s.idx, s.title, s.subtitle, s.kicker, s.authors, s.role,
    s.page, s.section, s.toc_index, s.source_start, s.source_end, s.version,
    s.current_revision_id, s.base_revision_id, s.review_status, s.review_by, s.review_at, s.active
"""

_SUMMARY_SQL = """
    SELECT i.id, i.label, i.title, i.year, i.number, i.total_number, i.imported_at,
           i.updated_at, i.source_name, i.source_hash,
           (SELECT COUNT(*) FROM segments s
             WHERE s.issue_id = i.id AND s.active = 1 AND s.kind = 'article') AS n_articles,
           (SELECT COUNT(*) FROM findings f LEFT JOIN segments s ON s.id = f.segment_id
             WHERE f.issue_id = i.id AND (f.segment_id IS NULL OR s.active = 1)
               AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.issue_id = f.issue_id
                   AND IFNULL(d.segment_id, 0) = IFNULL(f.segment_id, 0)
                   AND d.rule = f.rule AND d.fingerprint = f.fingerprint)) AS n_open_findings
    FROM issues i
"""


def source_hash_of(issue: Issue) -> str:
    """The issue's file identity: its own hash, else sha256 of the UTF-8 source text."""
    if issue.source_hash:
        return issue.source_hash
    return hashlib.sha256(issue.source.encode("utf-8")).hexdigest()


def segment_row(r) -> SegmentRow:
    return SegmentRow(
        id=r["id"],
        issue_id=r["issue_id"],
        key=r["key"],
        kind=r["kind"],
        idx=r["idx"],
        title=r["title"],
        subtitle=r["subtitle"],
        kicker=r["kicker"],
        authors=loads(r["authors"], []),
        role=r["role"],
        page=r["page"],
        section=r["section"],
        toc_index=r["toc_index"],
        source_start=r["source_start"],
        source_end=r["source_end"],
        version=r["version"],
        current_revision_id=r["current_revision_id"],
        base_revision_id=r["base_revision_id"],
        review_status=r["review_status"],
        review_by=r["review_by"],
        review_at=r["review_at"],
        active=bool(r["active"]),
    )


def _summary(r) -> IssueSummary:
    return IssueSummary(
        id=r["id"],
        label=r["label"],
        title=r["title"],
        year=r["year"],
        number=r["number"],
        total_number=r["total_number"],
        n_articles=r["n_articles"],
        n_open_findings=r["n_open_findings"],
        imported_at=r["imported_at"],
        updated_at=r["updated_at"],
        source_name=r["source_name"],
        source_hash=r["source_hash"],
    )


def _validate(issue: Issue) -> None:
    keys = [s.id for s in issue.segments]
    dup = sorted({k for k in keys if keys.count(k) > 1})
    if dup:
        raise LibraryError(f"分段编号重复：{'、'.join(dup)} / duplicate segment ids: {dup}")
    n = len(issue.source)
    for s in issue.segments:
        if not (0 <= s.source_start <= s.source_end <= n):
            raise LibraryError(
                f"分段 {s.id} 的位置超出原文范围 / segment {s.id} span "
                f"[{s.source_start}, {s.source_end}) outside the source (length {n})"
            )


def _pair_segments(old: list, new: list[Segment]) -> dict[int, int]:
    """Match new segments (by index) to old rows: same kind and title, else same key.

    A title match needs the title to be non-empty and unique on both sides. A
    key match also needs the same kind, and titles that agree or are missing,
    so that an article never inherits the history of a different one.
    """
    pairs: dict[int, int] = {}  # new index -> old segment id
    used: set[int] = set()

    def counts(items):
        c: dict = {}
        for it in items:
            c[it] = c.get(it, 0) + 1
        return c

    old_titles = counts((r["kind"], r["title"]) for r in old if r["title"])
    new_titles = counts((s.kind, s.title) for s in new if s.title)
    by_title = {(r["kind"], r["title"]): r for r in old if r["title"]}
    for i, s in enumerate(new):
        k = (s.kind, s.title)
        if s.title and old_titles.get(k) == 1 and new_titles.get(k) == 1:
            pairs[i] = by_title[k]["id"]
            used.add(by_title[k]["id"])
    by_key = {r["key"]: r for r in old}
    for i, s in enumerate(new):
        if i in pairs:
            continue
        r = by_key.get(s.id)
        if r is None or r["id"] in used or r["kind"] != s.kind:
            continue
        if r["title"] and s.title and r["title"] != s.title:
            continue
        pairs[i] = r["id"]
        used.add(r["id"])
    return pairs


class IssuesMixin(StoreBase):
    # -- import -------------------------------------------------------------------

    def import_issue(self, issue: Issue, replace: bool = False, author: str = "") -> ImportResult:
        """Store ``issue``. Same file again: "already"; same masthead, other file:
        ``MastheadConflictError`` unless ``replace``. One transaction."""
        _validate(issue)
        digest = source_hash_of(issue)
        m = issue.masthead
        with self.atomic():
            same = self._one("SELECT id FROM issues WHERE source_hash = ?", (digest,))
            if same is not None:
                return ImportResult(same["id"], "already")
            existing = None
            if m.year is not None and m.number is not None:
                existing = self._one(
                    "SELECT id, label, source_name FROM issues WHERE title = ? AND year = ? AND number = ?",
                    (m.title, m.year, m.number),
                )
            if existing is not None:
                if not replace:
                    raise MastheadConflictError(
                        existing["id"], existing["label"], existing["source_name"]
                    )
                return self._replace_issue(existing["id"], issue, digest, author)
            now = now_iso()
            cur = self._write(
                """
                INSERT INTO issues (title, year, number, total_number, frequency, publisher, label,
                    source_name, source_hash, encoding, source, imported_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                (*_issue_columns(issue, digest), now, now),
            )
            issue_id = cur.lastrowid
            self._insert_toc(issue_id, issue.toc)
            for idx, seg in enumerate(issue.segments):
                self._insert_segment(issue_id, idx, seg, author, now)
            return ImportResult(issue_id, "imported", added=len(issue.segments))

    def add_article(self, issue_id: int, seg: Segment, author: str = "") -> int:
        """Add an article that is not in the issue's source (a DOCX manuscript).

        It gets a fresh key (``d01``, ``d02`` ...), the next position, and an
        empty source span at the end of the source, so the partition of the
        source by the other segments is untouched. Returns the segment id.
        """
        with self.atomic():
            row = self._require_issue(issue_id, "length(source) AS n")
            keys = {r["key"] for r in self._rows("SELECT key FROM segments WHERE issue_id = ?", (issue_id,))}
            k = 1
            while f"d{k:02d}" in keys:
                k += 1
            last = self._one("SELECT MAX(idx) AS m FROM segments WHERE issue_id = ?", (issue_id,))
            seg.id = f"d{k:02d}"
            seg.source_start = seg.source_end = row["n"]
            seg_id = self._insert_segment(issue_id, (last["m"] or 0) + 1, seg, author, now_iso())
            self._write("UPDATE issues SET updated_at = ? WHERE id = ?", (now_iso(), issue_id))
            return seg_id

    def _insert_toc(self, issue_id: int, toc: list[TocEntry]) -> None:
        self._write_many(
            """
            INSERT INTO toc_entries (issue_id, idx, page, section, title, subtitle, authors, role,
                article_key, source_start, source_end)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                (
                    issue_id,
                    i,
                    e.page,
                    e.section,
                    e.title,
                    e.subtitle,
                    dumps(list(e.authors)),
                    e.role,
                    e.article_id,
                    e.source_start,
                    e.source_end,
                )
                for i, e in enumerate(toc)
            ],
        )

    def _segment_meta(self, seg: Segment, idx: int) -> tuple:
        text, omap = seg.editable_text()
        layout = build_layout(seg)
        meta = (
            seg.id,
            seg.kind,
            idx,
            seg.source_start,
            seg.source_end,
            seg.title,
            seg.subtitle,
            seg.kicker,
            dumps(list(seg.authors)),
            seg.role,
            seg.byline_raw,
            seg.page,
            seg.section,
            seg.toc_index,
            dumps(layout),
            dumps(body_kinds(layout)),
            dumps(omap.to_list()),
        )
        return text, meta

    def _insert_segment(self, issue_id: int, idx: int, seg: Segment, author: str, now: str) -> int:
        text, meta = self._segment_meta(seg, idx)
        cur = self._write(
            """
            INSERT INTO segments (issue_id, key, kind, idx, source_start, source_end, title,
                subtitle, kicker, authors, role, byline_raw, page, section, toc_index, layout,
                paragraph_kinds, offset_map, version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
            """,
            (issue_id, *meta),
        )
        seg_id = cur.lastrowid
        rev = self._append_revision(seg_id, 1, text, seg.header, author, "import", created=now)
        self._write(
            "UPDATE segments SET current_revision_id = ?, base_revision_id = ? WHERE id = ?",
            (rev, rev, seg_id),
        )
        self._index_segment(seg_id, seg.title, text)
        return seg_id

    def _replace_issue(self, issue_id: int, issue: Issue, digest: str, author: str) -> ImportResult:
        now = now_iso()
        self._write(
            """
            INSERT INTO issue_sources (issue_id, source_name, source_hash, encoding, source,
                imported_at, replaced_at)
            SELECT id, source_name, source_hash, encoding, source, updated_at, ? FROM issues WHERE id = ?
            """,
            (now, issue_id),
        )
        self._write(
            """
            UPDATE issues SET title = ?, year = ?, number = ?, total_number = ?, frequency = ?,
                publisher = ?, label = ?, source_name = ?, source_hash = ?, encoding = ?,
                source = ?, updated_at = ?
            WHERE id = ?
            """,
            (*_issue_columns(issue, digest), now, issue_id),
        )
        self._write("DELETE FROM toc_entries WHERE issue_id = ?", (issue_id,))
        self._insert_toc(issue_id, issue.toc)
        # structure corrections describe the old source (services re-apply what they find);
        # a kind set by hand is matched below as the parser's kind
        parsed_kind = self._parsed_kinds(issue_id)
        self._write("UPDATE structure_changes SET active = 0 WHERE issue_id = ?", (issue_id,))
        old = self._rows(
            """
            SELECT s.id, s.key, s.kind, s.title, s.version, s.current_revision_id, r.text,
                   s.kicker, s.subtitle, s.authors, s.role, s.page,
                   (SELECT MAX(number) FROM revisions WHERE segment_id = s.id) AS last_number
            FROM segments s JOIN revisions r ON r.id = s.current_revision_id
            WHERE s.issue_id = ? AND s.active = 1
            """,
            (issue_id,),
        )
        old_by_id = {r["id"]: r for r in old}
        pairs = _pair_segments(
            [{**dict(r), "kind": parsed_kind.get(r["id"], r["kind"])} for r in old], issue.segments
        )
        matched = set(pairs.values())
        retired = 0
        for r in old:
            if r["id"] not in matched:
                self._unindex_segment(r["id"], r["title"], r["text"])
                self._write("UPDATE segments SET active = 0 WHERE id = ?", (r["id"],))
                self._write("DELETE FROM findings WHERE segment_id = ?", (r["id"],))
                retired += 1
        # free the keys of matched segments before giving them their new keys
        for seg_id in matched:
            self._write("UPDATE segments SET key = '~' || id WHERE id = ?", (seg_id,))
        added = updated = 0
        for idx, seg in enumerate(issue.segments):
            seg_id = pairs.get(idx)
            if seg_id is None:
                self._insert_segment(issue_id, idx, seg, author, now)
                added += 1
                continue
            r = old_by_id[seg_id]
            text, meta = self._segment_meta(seg, idx)
            self._unindex_segment(seg_id, r["title"], r["text"])
            rev_id, version = r["current_revision_id"], r["version"]
            old_header = Header(
                r["kicker"], r["title"], r["subtitle"], loads(r["authors"], []), r["role"], r["page"]
            )
            if text != r["text"] or seg.header != old_header:
                rev_id = self._append_revision(
                    seg_id, r["last_number"] + 1, text, seg.header, author, "replace", created=now
                )
                version += 1
            self._write(
                """
                UPDATE segments SET key = ?, kind = ?, idx = ?, source_start = ?, source_end = ?,
                    title = ?, subtitle = ?, kicker = ?, authors = ?, role = ?, byline_raw = ?,
                    page = ?, section = ?, toc_index = ?, layout = ?, paragraph_kinds = ?,
                    offset_map = ?, current_revision_id = ?, base_revision_id = ?, version = ?
                WHERE id = ?
                """,
                (*meta, rev_id, rev_id, version, seg_id),
            )
            self._index_segment(seg_id, seg.title, text)
            updated += 1
        return ImportResult(issue_id, "replaced", added=added, updated=updated, retired=retired)

    def delete_issue(self, issue_id: int) -> None:
        """Remove an issue with everything attached to it (revisions included)."""
        with self.atomic():
            self._require_issue(issue_id)
            for r in self._rows(
                """
                SELECT s.id, s.title, r.text FROM segments s
                JOIN revisions r ON r.id = s.current_revision_id
                WHERE s.issue_id = ? AND s.active = 1
                """,
                (issue_id,),
            ):
                self._unindex_segment(r["id"], r["title"], r["text"])
            # cascades to sources, TOC, segments, revisions, findings, allowlist entries
            self._write("DELETE FROM issues WHERE id = ?", (issue_id,))

    # -- reading --------------------------------------------------------------------

    def _require_issue(self, issue_id: int, columns: str = "id"):
        row = self._one(f"SELECT {columns} FROM issues WHERE id = ?", (issue_id,))
        if row is None:
            raise NotFoundError("issue", issue_id)
        return row

    def list_issues(self) -> list[IssueSummary]:
        """All issues, newest (year, number) first."""
        rows = self._rows(
            _SUMMARY_SQL + " ORDER BY i.year DESC NULLS LAST, i.number DESC NULLS LAST, i.id DESC"
        )
        return [_summary(r) for r in rows]

    def issue_summary(self, issue_id: int) -> IssueSummary:
        row = self._one(_SUMMARY_SQL + " WHERE i.id = ?", (issue_id,))
        if row is None:
            raise NotFoundError("issue", issue_id)
        return _summary(row)

    def find_issue(self, title: str, year: int, number: int) -> int | None:
        """Id of the issue with this masthead, if any."""
        return self._scalar(
            "SELECT id FROM issues WHERE title = ? AND year = ? AND number = ?",
            (title, year, number),
        )

    def source(self, issue_id: int) -> str:
        return self._require_issue(issue_id, "source")["source"]

    def toc(self, issue_id: int) -> list[TocEntry]:
        self._require_issue(issue_id)
        return [
            TocEntry(
                page=r["page"],
                section=r["section"],
                title=r["title"],
                subtitle=r["subtitle"],
                authors=loads(r["authors"], []),
                role=r["role"],
                article_id=r["article_key"],
                source_start=r["source_start"],
                source_end=r["source_end"],
            )
            for r in self._rows(
                "SELECT * FROM toc_entries WHERE issue_id = ? ORDER BY idx", (issue_id,)
            )
        ]

    def segments(self, issue_id: int, include_inactive: bool = False) -> list[SegmentRow]:
        """The issue's segments in source order (retired ones last, if asked for)."""
        self._require_issue(issue_id)
        active = "" if include_inactive else "AND s.active = 1"
        rows = self._rows(
            f"SELECT {_SEGMENT_COLUMNS} FROM segments s WHERE s.issue_id = ? {active} "
            "ORDER BY s.active DESC, s.idx, s.id",
            (issue_id,),
        )
        return [segment_row(r) for r in rows]

    def segment(self, seg_id: int) -> SegmentRow:
        row = self._one(f"SELECT {_SEGMENT_COLUMNS} FROM segments s WHERE s.id = ?", (seg_id,))
        if row is None:
            raise NotFoundError("segment", seg_id)
        return segment_row(row)

    def segment_by_key(self, issue_id: int, key: str) -> SegmentRow | None:
        """The active segment with this key ("s03"), or None."""
        row = self._one(
            f"SELECT {_SEGMENT_COLUMNS} FROM segments s WHERE s.issue_id = ? AND s.key = ? AND s.active = 1",
            (issue_id, key),
        )
        return None if row is None else segment_row(row)

    def segment_offset_map(self, seg_id: int) -> OffsetMap:
        """Offset map from the base (imported) text of a segment to the issue source.

        It describes the text of revision ``base_revision_id``; once the text
        is edited (``SegmentRow.edited``) positions after an edit drift.
        """
        row = self._one("SELECT offset_map FROM segments WHERE id = ?", (seg_id,))
        if row is None:
            raise NotFoundError("segment", seg_id)
        return OffsetMap.from_list(loads(row["offset_map"], []))

    def get_issue(self, issue_id: int) -> Issue:
        """The issue as a model object, with each segment's current title and text."""
        with self.atomic(write=False):
            row = self._require_issue(issue_id, "*")
            segs = self._rows(
                """
                SELECT s.*, cur.text AS current_text, base.text AS base_text
                FROM segments s
                JOIN revisions cur ON cur.id = s.current_revision_id
                LEFT JOIN revisions base ON base.id = s.base_revision_id
                WHERE s.issue_id = ? AND s.active = 1
                ORDER BY s.idx, s.id
                """,
                (issue_id,),
            )
            toc = self.toc(issue_id)
        masthead = Masthead(
            title=row["title"],
            year=row["year"],
            number=row["number"],
            total_number=row["total_number"],
            frequency=row["frequency"],
            publisher=row["publisher"],
        )
        segments = []
        for r in segs:
            base_text = r["base_text"] if r["base_text"] is not None else ""
            segments.append(
                Segment(
                    revision_id=r["current_revision_id"],
                    library_id=r["id"],
                    base_text=base_text,
                    base_map=OffsetMap.from_list(loads(r["offset_map"], [])),
                    id=r["key"],
                    kind=r["kind"],
                    source_start=r["source_start"],
                    source_end=r["source_end"],
                    title=r["title"],
                    subtitle=r["subtitle"],
                    kicker=r["kicker"],
                    authors=loads(r["authors"], []),
                    role=r["role"],
                    byline_raw=r["byline_raw"],
                    page=r["page"],
                    section=r["section"],
                    toc_index=r["toc_index"],
                    paragraphs=rebuild_paragraphs(
                        loads(r["layout"], []), base_text, r["current_text"]
                    ),
                )
            )
        return Issue(
            masthead=masthead,
            source=row["source"],
            toc=toc,
            segments=segments,
            source_name=row["source_name"],
            source_hash=row["source_hash"],
            encoding=row["encoding"],
        )


def _issue_columns(issue: Issue, digest: str) -> tuple:
    """title, year, number, total_number, frequency, publisher, label, source_name,
    source_hash, encoding, source: the issues row as written by import and replace."""
    m = issue.masthead
    return (
        m.title,
        m.year,
        m.number,
        m.total_number,
        m.frequency,
        m.publisher,
        m.label(),
        issue.source_name,
        digest,
        issue.encoding,
        issue.source,
    )
