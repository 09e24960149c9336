"""Correcting an issue's structure by hand: split, join, move a boundary, kind, contents
bindings and entries; each recorded, undoable, re-checked, the partition exact after
every step; corrections carried over a replacing import."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor_app.ingest import parse_file
from editor_app.model import SEGMENT_KINDS
from editor_app.services import editing, importing, structure
from editor_app.services import issues as svc
from editor_app.services.issues import UserError
from editor_app.store import Library, StructureError


@pytest.fixture
def demo(library_db, demo_path):
    lib = svc.open_library(library_db)
    issue_id = importing.import_issue_file(lib, demo_path, author="导入").issue_id
    yield lib, issue_id
    lib.close()


def ids(lib, issue_id):
    return {r.key: r.id for r in lib.segments(issue_id)}


def text(lib, issue_id, key):
    return lib.current_text(ids(lib, issue_id)[key])[0]


def toc_pages_missing(lib, issue_id, title):
    return [
        f for f in lib.list_findings(issue_id, status="open", rule="consistency.toc_pages")
        if "找不到对应文章" in f.message and title in f.message
    ]


def test_split_keeps_the_first_history_and_starts_a_new_one(demo):
    lib, issue_id = demo
    before = lib.structure_snapshot(issue_id)
    whole = text(lib, issue_id, "s10")
    res = structure.split(lib, issue_id, "s10", 5, "校对甲")
    assert res.changes.structure and res.changes.text and lib.partition_problems(issue_id) == []
    seg = ids(lib, issue_id)
    assert text(lib, issue_id, "s10") + "\n" + text(lib, issue_id, "s10b") == whole
    assert text(lib, issue_id, "s10").count("\n") == 4
    first, second = lib.segment(seg["s10"]), lib.segment(seg["s10b"])
    assert first.source_end == second.source_start and second.idx == first.idx + 1
    assert [r.note for r in lib.revisions(seg["s10"])] == ["split ¶5", "import"]
    assert [(r.number, r.note) for r in lib.revisions(seg["s10b"])] == [(1, "split from s10")]
    assert not first.edited and not second.edited  # the imported text of each part is its base
    assert first.toc_index == 2 and second.toc_index is None
    hits = lib.search("强筋骨", issue_id=issue_id)  # the search index follows the parts
    assert [h.segment_key for h in hits] == ["s10b"]
    assert structure.undo(lib, issue_id, "校对甲").change.op == "undo"
    assert lib.structure_snapshot(issue_id) == before and lib.partition_problems(issue_id) == []
    assert lib.segment_by_key(issue_id, "s10b") is None
    assert [c.op for c in lib.structure_changes(issue_id)] == ["split", "undo"]
    assert structure.undo(lib, issue_id).change is None  # an undo is not itself undone


def test_split_of_an_edited_article_keeps_the_edit_as_a_difference(demo):
    lib, issue_id = demo
    seg = ids(lib, issue_id)["s10"]
    view = editing.load_article(lib, seg)
    edited = view.text.replace("乡村兴则全省兴。", "乡村兴，则全省兴。")
    editing.save_article(lib, seg, edited, "校对甲", view.version)
    structure.split(lib, issue_id, "s10", 5)
    assert lib.partition_problems(issue_id) == []
    notes = [r.note for r in lib.revisions(seg)]
    assert notes[:2] == ["split ¶5", "split ¶5 (as imported)"]
    assert lib.segment(seg).edited and not lib.segment_by_key(issue_id, "s10b").edited
    base = lib.revision(lib.segment(seg).base_revision_id).text
    assert "乡村兴则全省兴。" in base and "乡村兴，则全省兴。" in text(lib, issue_id, "s10")
    # the export's tracked changes (against the base revision) still show the edit
    assert lib.revision(lib.segment(seg).base_revision_id).text != text(lib, issue_id, "s10")
    structure.undo(lib, issue_id)
    assert text(lib, issue_id, "s10") == edited and lib.partition_problems(issue_id) == []


def test_join_retires_the_second_and_unbinds_its_entry(demo):
    lib, issue_id = demo
    before = lib.structure_snapshot(issue_id)
    a, b = text(lib, issue_id, "s11"), text(lib, issue_id, "s12")
    s12 = ids(lib, issue_id)["s12"]
    res = structure.join(lib, issue_id, "s11", "校对甲")
    assert res.changes.structure and lib.partition_problems(issue_id) == []
    assert text(lib, issue_id, "s11") == a + "\n" + b
    assert lib.segment_by_key(issue_id, "s12") is None
    assert not lib.segment(s12).active and lib.revisions(s12)  # history kept
    assert toc_pages_missing(lib, issue_id, "减负赋能")  # its entry has no article now
    structure.undo(lib, issue_id)
    assert lib.structure_snapshot(issue_id) == before
    assert not toc_pages_missing(lib, issue_id, "减负赋能")
    assert lib.segment_by_key(issue_id, "s12").id == s12


def test_join_gives_an_unbound_first_the_entry_of_the_second(demo):
    lib, issue_id = demo
    structure.unbind(lib, issue_id, 3)  # s11's entry
    structure.join(lib, issue_id, "s10")  # s10 is bound: s11's entry stays unbound
    assert lib.partition_problems(issue_id) == []
    structure.undo(lib, issue_id)
    structure.undo(lib, issue_id)
    structure.unbind(lib, issue_id, 2)  # s10 unbound, s11 bound: the join takes s11's entry
    structure.join(lib, issue_id, "s10")
    assert lib.toc(issue_id)[3].article_id == "s10" and lib.partition_problems(issue_id) == []


@pytest.mark.parametrize("by", [1, -1])
def test_move_the_boundary_both_ways(demo, by):
    lib, issue_id = demo
    before = lib.structure_snapshot(issue_id)
    a, b = lib.segment_by_key(issue_id, "s16"), lib.segment_by_key(issue_id, "s17")
    structure.move(lib, issue_id, "s16", by)
    assert lib.partition_problems(issue_id) == []
    a2, b2 = lib.segment_by_key(issue_id, "s16"), lib.segment_by_key(issue_id, "s17")
    assert a2.source_end == b2.source_start != a.source_end
    assert (a2.source_end > a.source_end) == (by > 0)
    assert (a2.source_start, b2.source_end) == (a.source_start, b.source_end)
    # twice, then undo twice
    structure.move(lib, issue_id, "s16", by)
    assert lib.partition_problems(issue_id) == []
    structure.undo(lib, issue_id)
    structure.undo(lib, issue_id)
    assert lib.structure_snapshot(issue_id) == before


def test_a_body_paragraph_moves_with_its_text(demo):
    lib, issue_id = demo
    a, b = text(lib, issue_id, "s16"), text(lib, issue_id, "s17")
    structure.move(lib, issue_id, "s16", -1)  # s16's last paragraph goes to s17
    assert text(lib, issue_id, "s16") == a.rsplit("\n", 1)[0]
    assert text(lib, issue_id, "s17") == a.rsplit("\n", 1)[1] + "\n" + b


def test_kind_changes_what_is_checked_and_is_undone(demo):
    lib, issue_id = demo
    before = lib.structure_snapshot(issue_id)
    res = structure.set_kind(lib, issue_id, "s05", "unknown")
    assert res.changes.structure and lib.segment_by_key(issue_id, "s05").kind == "unknown"
    assert structure.set_kind(lib, issue_id, "s05", "unknown").change is None  # already so
    assert structure.import_report(lib, issue_id).unknown == ["s05"]
    structure.undo(lib, issue_id)
    assert lib.structure_snapshot(issue_id) == before


def test_binding_an_unbound_entry_removes_its_contents_finding(demo):
    lib, issue_id = demo
    title = lib.toc(issue_id)[5].title
    structure.unbind(lib, issue_id, 5)
    assert toc_pages_missing(lib, issue_id, title)
    view = structure.structure_view(lib, issue_id)
    assert [e.index for e in view.unbound] == [5]
    assert lib.segment_by_key(issue_id, "s13").toc_index is None
    res = structure.bind(lib, issue_id, 5, "s13")
    assert res.changes.findings and not toc_pages_missing(lib, issue_id, title)
    assert lib.partition_problems(issue_id) == []
    structure.undo(lib, issue_id)
    assert toc_pages_missing(lib, issue_id, title)
    structure.undo(lib, issue_id)
    assert not toc_pages_missing(lib, issue_id, title)


def test_binding_moves_an_entry_from_its_old_article(demo):
    lib, issue_id = demo
    structure.bind(lib, issue_id, 5, "s14")  # s14 was entry 6's; s13 loses entry 5
    toc = lib.toc(issue_id)
    assert toc[5].article_id == "s14" and toc[6].article_id is None
    assert lib.segment_by_key(issue_id, "s13").toc_index is None
    assert lib.partition_problems(issue_id) == []


def test_editing_an_entry_page_is_checked_and_undone(demo):
    lib, issue_id = demo
    entry = lib.toc(issue_id)[4]
    structure.edit_entry(lib, issue_id, 4, page=entry.page + 1, authors=["郑亦航", "林晓"])
    assert lib.toc(issue_id)[4].page == entry.page + 1
    mismatch = [f for f in lib.list_findings(issue_id, status="open", rule="consistency.toc_pages")
                if f"目录页码{entry.page + 1}" in f.message]
    assert mismatch
    structure.undo(lib, issue_id)
    assert lib.toc(issue_id)[4].page == entry.page and lib.toc(issue_id)[4].authors == entry.authors


@pytest.mark.parametrize(
    "call",
    [
        lambda lib, i: structure.split(lib, i, "s10", 3),  # its paragraphs interleave in the source
        lambda lib, i: structure.split(lib, i, "s10", 0),
        lambda lib, i: structure.split(lib, i, "s10", 999),
        lambda lib, i: structure.split(lib, i, "s99", 2),
        lambda lib, i: structure.join(lib, i, "s20"),  # the last segment
        lambda lib, i: structure.set_kind(lib, i, "s03", "poem"),
        lambda lib, i: structure.bind(lib, i, 44, "s03"),
        lambda lib, i: structure.unbind(lib, i, -1),
        lambda lib, i: structure.edit_entry(lib, i, 0, title="  "),
        lambda lib, i: structure.edit_entry(lib, i, 0, page=-3),
    ],
)
def test_refused_operations_write_nothing(demo, call):
    lib, issue_id = demo
    before = lib.structure_snapshot(issue_id)
    n = len(lib.structure_changes(issue_id))
    with pytest.raises(UserError):
        call(lib, issue_id)
    assert lib.partition_problems(issue_id) == []
    assert len(lib.structure_changes(issue_id)) == n and lib.structure_snapshot(issue_id) == before


def test_a_move_never_empties_a_segment(demo):
    lib, issue_id = demo
    n = len(lib.base_paragraphs(ids(lib, issue_id)["s06"]))
    with pytest.raises(UserError):
        for _ in range(n + 1):
            structure.move(lib, issue_id, "s05", 1)
    assert lib.segment_by_key(issue_id, "s06") is not None
    assert lib.base_paragraphs(ids(lib, issue_id)["s06"]) and lib.partition_problems(issue_id) == []


def test_partition_check_finds_a_gap(demo):
    lib, issue_id = demo
    with lib.atomic():
        lib._write("UPDATE segments SET source_start = source_start + 1 WHERE issue_id = ? AND key = 's05'",
                   (issue_id,))
    assert any("s05" in p for p in lib.partition_problems(issue_id))


def test_replacing_import_carries_the_corrections_over(demo, tmp_path, demo_path):
    lib, issue_id = demo
    structure.split(lib, issue_id, "s10", 5)
    structure.set_kind(lib, issue_id, "s06", "article")
    structure.bind(lib, issue_id, 3, "s06")
    structure.edit_entry(lib, issue_id, 4, title="减负赋能")
    structure.move(lib, issue_id, "s16", -1)
    structure.join(lib, issue_id, "s18")
    structure.undo(lib, issue_id)  # the join is not in force: not carried
    wanted = lib.structure_snapshot(issue_id)
    copy = tmp_path / "demo-2.txt"
    copy.write_text(demo_path.read_text(encoding="utf-8").replace("编辑指导委员会", "编辑指导委员会 "),
                    encoding="utf-8")
    done = importing.import_issue_file(lib, copy, replace=True, author="导入")
    assert done.status == "replaced"
    assert len(done.structure) == 5 and all("carried" in line for line in done.structure)
    assert lib.partition_problems(issue_id) == []
    got = lib.structure_snapshot(issue_id)
    keys = lambda snap: [(s[0], s[1], s[4]) for s in snap["segments"]]  # noqa: E731
    assert keys(got) == keys(wanted)
    assert [t[1:] for t in got["toc"]] == [t[1:] for t in wanted["toc"]]
    # the carried corrections are recorded anew and undoable
    assert [c.op for c in lib.effective_structure_changes(issue_id)] == ["split", "kind", "bind", "entry", "move"]
    for _ in range(5):
        structure.undo(lib, issue_id)
    assert lib.partition_problems(issue_id) == []
    assert lib.segment_by_key(issue_id, "s10b") is None


def test_a_correction_whose_place_is_gone_is_reported(demo, tmp_path, demo_path):
    lib, issue_id = demo
    at = editing.load_article(lib, ids(lib, issue_id)["s10"]).text.split("\n")[5]
    structure.split(lib, issue_id, "s10", 5)
    copy = tmp_path / "demo-3.txt"
    copy.write_text(demo_path.read_text(encoding="utf-8").replace(at, at + "（改）"), encoding="utf-8")
    done = importing.import_issue_file(lib, copy, replace=True)
    assert len(done.structure) == 1 and "not carried" in done.structure[0]
    assert lib.segment_by_key(issue_id, "s10b") is None and lib.partition_problems(issue_id) == []


# -- random sequences ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo_issue(demo_path):
    return parse_file(demo_path)


OPS = st.lists(
    st.tuples(
        st.sampled_from(["split", "join", "move", "kind", "bind", "unbind", "entry", "edit", "undo"]),
        st.integers(0, 40),
        st.integers(-1, 40),
    ),
    min_size=1,
    max_size=12,
)


def _apply(lib: Library, issue_id: int, op: str, i: int, j: int) -> bool:
    rows = lib.segments(issue_id)
    row = rows[i % len(rows)]
    n_toc = len(lib.toc(issue_id))
    if op == "split":
        lib.split_segment(row.id, j % 12 + 1)
    elif op == "join":
        lib.join_segment(row.id)
    elif op == "move":
        lib.move_boundary(row.id, 1 if j >= 0 else -1)
    elif op == "kind":
        lib.set_segment_kind(row.id, SEGMENT_KINDS[j % len(SEGMENT_KINDS)])
    elif op == "bind":
        lib.bind_entry(issue_id, j % n_toc, row.id)
    elif op == "unbind":
        lib.unbind_entry(issue_id, j % n_toc)
    elif op == "entry":
        lib.edit_entry(issue_id, j % n_toc, page=j + 1)
    elif op == "edit":
        t, version = lib.current_text(row.id)
        paras = t.split("\n")
        k = j % len(paras)
        paras[k] = paras[k][:3] + "改" + paras[k][3:]
        if j % 3 == 0:
            paras.insert(k, "新增的一段。")
        lib.save_text(row.id, "\n".join(paras), "测试", expected_version=version)
        return True
    else:
        lib.undo_structure(issue_id)
    return False


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=OPS)
def test_random_corrections_keep_the_partition_exact_and_undo_all_restores(demo_issue, ops):
    with Library(":memory:") as lib:
        issue_id = lib.import_issue(demo_issue).issue_id
        original = lib.structure_snapshot(issue_id)
        found = [(h.segment_key, h.count) for h in lib.search("东越", issue_id=issue_id)]
        edited = False
        for op, i, j in ops:
            try:
                edited |= _apply(lib, issue_id, op, i, j)
            except StructureError:
                pass
            assert lib.partition_problems(issue_id) == [], (op, i, j)
        while lib.undo_structure(issue_id) is not None:
            assert lib.partition_problems(issue_id) == []
        assert lib.integrity_problems() == []
        assert lib.rebuild_search_index() == len(lib.segments(issue_id))
        got = lib.structure_snapshot(issue_id)
        if edited:  # the structure is back; the texts keep the edits
            strip = lambda snap: [s[:8] for s in snap["segments"]]  # noqa: E731
            assert strip(got) == strip(original) and got["toc"] == original["toc"]
        else:
            assert got == original
            assert [(h.segment_key, h.count) for h in lib.search("东越", issue_id=issue_id)] == found


def test_every_split_join_and_move_on_the_reference_issue_keeps_the_partition(sample_issue):
    """Paragraph boundaries (every fourth) of every segment of the real issue: a split is made
    or refused (printed paragraphs interleaving there), never a broken partition; each
    segment joined with the next and its boundary moved both ways; all undone."""
    with Library(":memory:") as lib:
        issue_id = lib.import_issue(sample_issue).issue_id
        original = lib.structure_snapshot(issue_id)
        made = refused = 0
        for row in lib.segments(issue_id):
            n = len(lib.current_text(row.id)[0].split("\n"))
            for k in range(1, n, 4):
                try:
                    lib.split_segment(row.id, k)
                except StructureError:
                    refused += 1
                    continue
                made += 1
                assert lib.partition_problems(issue_id) == []
                lib.undo_structure(issue_id)
            for op in (lib.join_segment, lambda i: lib.move_boundary(i, 1), lambda i: lib.move_boundary(i, -1)):
                try:
                    op(row.id)
                except StructureError:
                    continue
                assert lib.partition_problems(issue_id) == []
                lib.undo_structure(issue_id)
        assert made > 50 and lib.structure_snapshot(issue_id) == original
        assert lib.partition_problems(issue_id) == []


def test_a_segment_whose_kind_was_corrected_keeps_its_history_over_a_replace(demo, tmp_path, demo_path):
    lib, issue_id = demo
    s06 = ids(lib, issue_id)["s06"]
    structure.set_kind(lib, issue_id, "s06", "article")
    lib.set_review_status(s06, "proofread", "校对甲")
    copy = tmp_path / "demo-4.txt"
    copy.write_text(demo_path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    importing.import_issue_file(lib, copy, replace=True)
    row = lib.segment_by_key(issue_id, "s06")
    assert (row.id, row.kind, row.review_status) == (s06, "article", "proofread")
