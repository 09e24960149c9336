"""The store's invariants, checked with plain SQL that runs on both backends.

``problems(lib)`` lists every broken invariant ([] when sound): ``editor-app
server check DSN`` prints them, ``Library.integrity_problems`` on a server
includes them, and the concurrency tests run them after many clients wrote.

* the current revision of a segment is one of its own revisions;
* every active segment has a current revision;
* a segment's revisions are numbered 1..n without gaps (each save, conflict or
  not, takes the next number: no revision was lost);
* the header that ``segments`` mirrors is the current revision's header;
* a finding's revision belongs to the finding's segment;
* a segment's ``version`` counts its changes: at least 1.
"""

from __future__ import annotations

_CHECKS = [
    (
        "current revision of another segment",
        """
        SELECT s.id FROM segments s JOIN revisions r ON r.id = s.current_revision_id
        WHERE r.segment_id <> s.id
        """,
    ),
    (
        "active segment without a current revision",
        "SELECT s.id FROM segments s WHERE s.active = 1 AND s.current_revision_id IS NULL",
    ),
    (
        "revision numbers with gaps (a lost revision)",
        """
        SELECT segment_id FROM revisions GROUP BY segment_id
        HAVING COUNT(*) <> MAX(number) OR MIN(number) <> 1
        """,
    ),
    (
        "segment header differs from its current revision",
        """
        SELECT s.id FROM segments s JOIN revisions r ON r.id = s.current_revision_id
        WHERE s.title <> r.title OR s.kicker <> r.kicker OR s.subtitle <> r.subtitle
           OR s.authors <> r.authors OR s.role <> r.role
           OR IFNULL(s.page, -1) <> IFNULL(r.page, -1)
        """,
    ),
    (
        "finding on a revision of another segment",
        """
        SELECT f.id FROM findings f JOIN revisions r ON r.id = f.revision_id
        WHERE f.segment_id IS NOT NULL AND r.segment_id <> f.segment_id
        """,
    ),
    ("segment version below 1", "SELECT id FROM segments WHERE version < 1"),
]


def problems(lib, issue_id: int | None = None) -> list[str]:
    """Broken invariants of the library (of one issue's segments when ``issue_id``)."""
    out: list[str] = []
    with lib.atomic(write=False):
        scope = None
        if issue_id is not None:
            scope = {r[0] for r in lib._rows("SELECT id FROM segments WHERE issue_id = ?", (issue_id,))}
        for what, sql in _CHECKS:
            ids = [r[0] for r in lib._rows(sql)]
            if scope is not None and what != "finding on a revision of another segment":
                ids = [i for i in ids if i in scope]
            if ids:
                shown = ", ".join(str(i) for i in ids[:10]) + (" …" if len(ids) > 10 else "")
                out.append(f"{what}: {len(ids)} ({shown})")
    return out
