"""The structure_changes table: its migration, its records, and what removes them."""

from editor_app.store import Library
from editor_app.store.schema import MIGRATION_NAMES


def test_migration_0003_is_last_and_applied(lib):
    # later migrations (0005_statements ...) follow it
    assert "0004_structure_changes" in MIGRATION_NAMES
    assert lib.applied_migrations() == MIGRATION_NAMES
    if lib.backend == "sqlite":
        cols = {r[1] for r in lib.db.conn.execute("PRAGMA table_info(structure_changes)")}
    else:
        cols = {r[0] for r in lib._rows(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'structure_changes'")}
    assert {"issue_id", "op", "params", "before", "who", "at", "undo_of", "undone_by", "active"} <= cols


def test_a_change_records_who_what_and_the_state_before(imported):
    lib, issue_id, keys = imported
    ch = lib.split_segment(keys["s04"], 1, "校对甲")
    assert (ch.op, ch.who, ch.params["key"], ch.params["new_key"]) == ("split", "校对甲", "s04", "s04b")
    assert str(keys["s04"]) in ch.before["segments"] and len(ch.before["toc"]) == 3
    assert lib.partition_problems(issue_id) == []
    # the search index follows the new order of the segments (on a server: search_docs.idx)
    assert lib.integrity_problems() == []
    order = [s.key for s in lib.segments(issue_id)]
    hits = [h.segment_key for h in lib.search("，")]
    assert len(hits) >= 3 and "s04b" in hits and hits == sorted(hits, key=order.index)
    undo = lib.undo_structure(issue_id, "校对乙")
    changes = lib.structure_changes(issue_id)
    assert [(c.op, c.undone_by, c.undo_of) for c in changes] == [("split", undo.id, None), ("undo", None, ch.id)]
    assert lib.effective_structure_changes(issue_id) == []


def test_deleting_the_issue_removes_its_changes(imported):
    lib, issue_id, keys = imported
    lib.set_segment_kind(keys["s03"], "news")
    lib.undo_structure(issue_id)  # rows that name each other go too
    lib.delete_issue(issue_id)
    assert lib._scalar("SELECT COUNT(*) FROM structure_changes") == 0


def test_a_replacing_import_retires_the_changes(imported, make_issue):
    lib, issue_id, keys = imported
    lib.set_segment_kind(keys["s03"], "news")
    lib.import_issue(make_issue(salt="第二版"), replace=True)
    assert lib.structure_changes(issue_id) == []
    assert [c.active for c in lib.structure_changes(issue_id, include_inactive=True)] == [False]
    assert lib.undo_structure(issue_id) is None
    assert lib.partition_problems(issue_id) == []


def test_file_library_keeps_changes_across_reopen(tmp_path, make_issue):
    path = tmp_path / "lib.sqlite"
    with Library(path) as lib:
        issue_id = lib.import_issue(make_issue()).issue_id
        seg = lib.segment_by_key(issue_id, "s04").id
        lib.join_segment(seg)
    with Library(path) as lib:
        assert [c.op for c in lib.effective_structure_changes(issue_id)] == ["join"]
        lib.undo_structure(issue_id)
        assert lib.segment_by_key(issue_id, "s05") is not None and lib.partition_problems(issue_id) == []
