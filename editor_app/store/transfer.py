"""Moving an issue between two libraries (any backends): ``library push`` / ``pull``.

``copy_issue(src, dst, issue_id)`` copies one issue with everything attached to
it — sources, contents, segments, every revision, findings, decisions, finding
events, structure corrections, the PDF proof — into ``dst`` in one transaction,
with new ids (kept consistent: segments to revisions, findings to revisions,
undo links). The search index of ``dst`` is built for the copied segments.

Idempotent by identity: an issue whose source (``source_hash``) ``dst`` already
holds is not copied again (status "already"); an issue with the same masthead
but another source is refused (the libraries disagree: a person decides).

On a server the copy runs with the pusher's login: the server records that login
on the copied revisions and decisions (``login``), the original author names stay
in ``author``/``who``; copying a signed-off article needs the chief's login.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import LibraryError, NotFoundError

# tables copied, in an order that respects their references; the column set is the
# local schema's (the server's own columns, ``login`` ..., are the server's to fill)
_SEGMENT_REFS = ("current_revision_id", "base_revision_id")


@dataclass
class CopyResult:
    issue_id: int  # in dst
    status: str  # "copied" | "already"
    label: str
    n_segments: int = 0
    n_revisions: int = 0
    n_findings: int = 0
    n_decisions: int = 0


def _cols(lib, table: str) -> list[str]:
    return lib._cx.columns(table)


def _shared_cols(src, dst, table: str, skip: tuple[str, ...] = ("id",)) -> list[str]:
    theirs = set(_cols(dst, table))
    return [c for c in _cols(src, table) if c in theirs and c not in skip]


def _insert(dst, table: str, cols: list[str], values: list) -> int | None:
    sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    return dst._write(sql, values).lastrowid


def _select(src, table: str, cols: list[str], where: str, params) -> list:
    order = " ORDER BY id" if "id" in _cols(src, table) else ""
    return src._rows(f"SELECT {', '.join(cols)} FROM {table} WHERE {where}{order}", params)


def copy_issue(src, dst, issue_id: int) -> CopyResult:
    issue = src._one("SELECT * FROM issues WHERE id = ?", (issue_id,))
    if issue is None:
        raise NotFoundError("issue", issue_id)
    label = issue["label"] or issue["title"]
    with dst.atomic():
        found = dst._one("SELECT id FROM issues WHERE source_hash = ?", (issue["source_hash"],))
        if found is not None:
            return CopyResult(found["id"], "already", label)
        if issue["year"] is not None and issue["number"] is not None:
            other = dst._one(
                "SELECT id FROM issues WHERE title = ? AND year = ? AND number = ?",
                (issue["title"], issue["year"], issue["number"]),
            )
            if other is not None:
                raise LibraryError(
                    f"目标资料库已有《{label}》（期 {other['id']}），但内容不同；未复制"
                    f" / the target library already holds {label} (issue {other['id']}) from another "
                    "source; nothing copied"
                )
        with src.atomic(write=False):
            return _copy(src, dst, issue, label)


def _copy(src, dst, issue, label: str) -> CopyResult:
    old_issue = issue["id"]
    cols = _shared_cols(src, dst, "issues")
    new_issue = _insert(dst, "issues", cols, [issue[c] for c in cols])
    res = CopyResult(new_issue, "copied", label)

    for table in ("issue_sources", "toc_entries", "allowlist"):
        cols = _shared_cols(src, dst, table, ("id", "issue_id"))
        for r in _select(src, table, cols, "issue_id = ?", (old_issue,)):
            _insert(dst, table, ["issue_id", *cols], [new_issue, *[r[c] for c in cols]])

    # segments first without their revision links and as not signed (a revision
    # cannot be added to a signed article); links and status once revisions exist
    seg_cols = _shared_cols(src, dst, "segments", ("id", "issue_id", *_SEGMENT_REFS, "review_status"))
    seg_map: dict[int, int] = {}
    seg_rows = _select(src, "segments", ["id", *seg_cols, *_SEGMENT_REFS, "review_status"],
                       "issue_id = ?", (old_issue,))
    for r in seg_rows:
        seg_map[r["id"]] = _insert(dst, "segments", ["issue_id", *seg_cols],
                                   [new_issue, *[r[c] for c in seg_cols]])
    rev_cols = _shared_cols(src, dst, "revisions", ("id", "segment_id"))
    rev_map: dict[int, int] = {}
    if seg_map:
        marks = ",".join("?" * len(seg_map))
        for r in src._rows(
            f"SELECT id, segment_id, {', '.join(rev_cols)} FROM revisions "
            f"WHERE segment_id IN ({marks}) ORDER BY id", list(seg_map)
        ):
            rev_map[r["id"]] = _insert(dst, "revisions", ["segment_id", *rev_cols],
                                       [seg_map[r["segment_id"]], *[r[c] for c in rev_cols]])
    for r in seg_rows:
        dst._write(
            "UPDATE segments SET current_revision_id = ?, base_revision_id = ?, review_status = ? WHERE id = ?",
            (rev_map.get(r["current_revision_id"]), rev_map.get(r["base_revision_id"]),
             r["review_status"], seg_map[r["id"]]),
        )
    res.n_segments, res.n_revisions = len(seg_map), len(rev_map)

    def remap(row, cols):
        out = []
        for c in cols:
            v = row[c]
            if c == "segment_id" and v is not None:
                v = seg_map.get(v)
            elif c == "revision_id" and v is not None:
                v = rev_map.get(v)
            out.append(v)
        return out

    for table in ("findings", "decisions", "finding_events"):
        cols = _shared_cols(src, dst, table, ("id", "issue_id"))
        n = 0
        for r in _select(src, table, cols, "issue_id = ?", (old_issue,)):
            _insert(dst, table, ["issue_id", *cols], [new_issue, *remap(r, cols)])
            n += 1
        if table == "findings":
            res.n_findings = n
        elif table == "decisions":
            res.n_decisions = n

    cols = _shared_cols(src, dst, "structure_changes", ("id", "issue_id", "undo_of", "undone_by"))
    change_map: dict[int, int] = {}
    changes = _select(src, "structure_changes", ["id", "undo_of", "undone_by", *cols],
                      "issue_id = ?", (old_issue,))
    for r in changes:
        change_map[r["id"]] = _insert(dst, "structure_changes", ["issue_id", *cols],
                                      [new_issue, *[r[c] for c in cols]])
    for r in changes:
        if r["undo_of"] is not None or r["undone_by"] is not None:
            dst._write(
                "UPDATE structure_changes SET undo_of = ?, undone_by = ? WHERE id = ?",
                (change_map.get(r["undo_of"]), change_map.get(r["undone_by"]), change_map[r["id"]]),
            )

    cols = _shared_cols(src, dst, "pdf_proofs", ("issue_id",))
    proof = src._one(f"SELECT {', '.join(cols)} FROM pdf_proofs WHERE issue_id = ?", (old_issue,))
    if proof is not None:
        _insert(dst, "pdf_proofs", ["issue_id", *cols], [new_issue, *[proof[c] for c in cols]])

    for r in dst._rows(
        """
        SELECT s.id, s.title, r.text FROM segments s JOIN revisions r ON r.id = s.current_revision_id
        WHERE s.issue_id = ? AND s.active = 1
        """,
        (new_issue,),
    ):
        dst._index_segment(r["id"], r["title"], r["text"])
    return res
