"""The 结构 (Structure) view and the split action in the window: split at the cursor's
paragraph, join, move a boundary, set the kind, bind / unbind a contents entry — each
undoable, kept after a restart, the partition exact; the contents and the checks follow."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from editor_app.gui.actions import A
from editor_app.store import Library

from .conftest import wait_idle

pytestmark = pytest.mark.gui


def lib_state(db):
    with Library(db) as lib:
        return lib.partition_problems(1), {r.key: r for r in lib.segments(1)}, lib.toc(1)


def unbound_in_contents(w) -> list[str]:
    return [it.title for g in w.contents.contents.groups for it in g.items if it.seg_id is None]


def toc_missing(w, title: str) -> bool:
    return any(f.rule == "consistency.toc_pages" and "找不到对应文章" in f.message and title in f.message
               for f in w.findings.findings if f.status == "open")


def dialog(w):
    dlg = w.show_structure()
    wait_idle(w)
    return dlg


def seg_id(db, key):
    return lib_state(db)[1][key].id


def test_split_at_the_cursor_then_undo_survives_a_restart(make_window, demo_db):
    w = make_window(demo_db)
    s10 = seg_id(demo_db, "s10")
    w.open_article(s10)
    wait_idle(w)
    whole = w.pane.view.text
    cur = w.pane.editor.textCursor()
    cur.movePosition(QTextCursor.MoveOperation.Start)
    cur.movePosition(QTextCursor.MoveOperation.NextBlock, QTextCursor.MoveMode.MoveAnchor, 5)
    w.pane.editor.setTextCursor(cur)
    w.actions[A.SPLIT_HERE].trigger()
    wait_idle(w)
    assert w.pane.view.text == "\n".join(whole.split("\n")[:5])
    problems, segs, _toc = lib_state(demo_db)
    assert problems == [] and "s10b" in segs
    dlg = dialog(w)
    keys = [dlg.segs.topLevelItem(i).text(0) for i in range(dlg.segs.topLevelItemCount())]
    assert keys[keys.index("s10") + 1] == "s10b"
    assert any("s10b" in it.key for g in w.contents.contents.groups for it in g.items)
    w.actions[A.SHOW_OVERVIEW].trigger()  # the overview refreshes when it is shown
    wait_idle(w)
    assert [r.key for r in w.overview.data.rows if r.key.startswith("s10")] == ["s10", "s10b"]
    w.close()
    w2 = make_window(demo_db)  # kept after a restart, and undoable there
    assert "s10b" in lib_state(demo_db)[1]
    w2.actions[A.UNDO_STRUCTURE].trigger()
    wait_idle(w2)
    problems, segs, _toc = lib_state(demo_db)
    assert problems == [] and "s10b" not in segs
    w2.open_article(s10)
    wait_idle(w2)
    assert w2.pane.view.text == whole


def test_join_move_and_kind_from_the_structure_view(make_window, demo_db, qtbot):
    w = make_window(demo_db)
    dlg = dialog(w)
    before = lib_state(demo_db)[1]
    dlg.select_segment(before["s11"].id)
    dlg.b_join.click()
    wait_idle(w)
    problems, segs, _ = lib_state(demo_db)
    assert problems == [] and "s12" not in segs
    assert segs["s11"].source_end == before["s12"].source_end
    assert "s12" not in [dlg.segs.topLevelItem(i).text(0) for i in range(dlg.segs.topLevelItemCount())]
    # move the boundary after s16 down one paragraph, by its keyboard shortcut
    dlg.select_segment(before["s16"].id)
    with qtbot.waitActive(dlg, timeout=3000):
        dlg.activateWindow()
    dlg.segs.setFocus()
    qtbot.keyClick(dlg.segs, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: "move" in dlg.last.text(), timeout=3000)  # a shortcut animates the click
    wait_idle(w)
    problems, segs, _ = lib_state(demo_db)
    assert problems == [] and segs["s16"].source_end > before["s16"].source_end
    # kind
    dlg.select_segment(before["s06"].id)
    dlg.kind.setCurrentIndex(dlg.kind.findData("unknown"))
    dlg.b_kind.click()
    wait_idle(w)
    assert lib_state(demo_db)[1]["s06"].kind == "unknown"
    assert "未识别" in dlg.summary.text() or "1" in dlg.summary.text()
    # kept after a restart; each one undoable there, newest first
    w.close()
    w2 = make_window(demo_db)
    dlg = dialog(w2)
    assert lib_state(demo_db)[1]["s06"].kind == "unknown" and "s12" not in lib_state(demo_db)[1]
    assert "kind" in dlg.last.text()
    for op in ("kind", "move", "join"):
        assert op in dlg.last.text()
        dlg.b_undo.click()
        wait_idle(w2)
        assert lib_state(demo_db)[0] == []
    after = lib_state(demo_db)[1]
    assert {k: (r.kind, r.source_start, r.source_end) for k, r in after.items()} == {
        k: (r.kind, r.source_start, r.source_end) for k, r in before.items()}
    assert not dlg.b_undo.isEnabled()


def test_unbind_and_bind_an_entry_the_contents_and_checks_follow(make_window, demo_db):
    w = make_window(demo_db)
    dlg = dialog(w)
    title = lib_state(demo_db)[2][5].title
    assert not toc_missing(w, title) and unbound_in_contents(w) == []
    dlg.select_entry(5)
    dlg.b_unbind.click()
    wait_idle(w)
    assert unbound_in_contents(w) == [title] and toc_missing(w, title)
    assert "（未关联）" in dlg.entries.topLevelItem(5).text(2)
    dlg.select_entry(5)
    dlg.select_segment(seg_id(demo_db, "s13"))
    dlg.b_bind.click()
    wait_idle(w)
    assert unbound_in_contents(w) == [] and not toc_missing(w, title)
    w.close()
    w2 = make_window(demo_db)  # after a restart: still bound; undo twice
    problems, segs, toc = lib_state(demo_db)
    assert problems == [] and toc[5].article_id == "s13"
    w2.actions[A.UNDO_STRUCTURE].trigger()
    wait_idle(w2)
    assert unbound_in_contents(w2) == [title] and toc_missing(w2, title)
    w2.actions[A.UNDO_STRUCTURE].trigger()
    wait_idle(w2)
    assert unbound_in_contents(w2) == [] and lib_state(demo_db)[0] == []


def test_import_report_offers_the_structure_view(make_window, demo_db):
    from editor_app.services import structure

    w = make_window(demo_db)
    w._import_report(1, [])
    wait_idle(w)
    assert getattr(w, "import_report_box", None) is None  # every entry bound, no unknown kind
    with Library(demo_db) as lib:
        structure.unbind(lib, 1, 5)
    w._import_report(1, [])
    wait_idle(w)
    box = w.import_report_box
    assert "目录条目 1 条" in box.text()
    show = next(b for b in box.buttons() if b.text() == "打开结构视图")
    show.click()
    wait_idle(w)
    assert w.structure_dialog.isVisible()
    assert len(w.structure_dialog.view.unbound) == 1


def test_unsaved_typing_is_saved_before_a_correction(make_window, demo_db):
    w = make_window(demo_db)
    s11 = seg_id(demo_db, "s11")
    w.open_article(s11)
    wait_idle(w)
    cur = w.pane.editor.textCursor()
    cur.movePosition(QTextCursor.MoveOperation.End)
    w.pane.editor.setTextCursor(cur)
    w.pane.editor.insertPlainText("补记一句。")
    assert w.pane.is_dirty()
    dlg = dialog(w)
    dlg.select_segment(s11)
    dlg.b_join.click()
    wait_idle(w)
    with Library(demo_db) as lib:
        text = lib.current_text(s11)[0]
        notes = [r.note for r in lib.revisions(s11)][:3]
    # the edit is saved first; the join keeps it as a difference from the imported text
    assert "补记一句。\n" in text and notes == ["join s12", "join s12 (as imported)", "edit"]
    assert lib_state(demo_db)[0] == []
    assert not w.pane.is_dirty() and w.pane.view.text == text
