"""Editing in the window: autosave, header fields, conflicts, background re-check,
the real worker threads, what is remembered between sessions."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from editor_app.gui.actions import A
from editor_app.services import issues as svc

from .conftest import wait_idle
from .test_window import open_article, type_text

pytestmark = pytest.mark.gui


def stored_text(db, seg_id) -> str:
    with svc.open_library(db) as lib:
        return lib.current_text(seg_id)[0]


def to_end(editor) -> None:
    editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.setFocus()


def test_autosave_within_two_seconds_of_the_last_keystroke(make_window, sample_db, qtbot):
    w = make_window(sample_db)
    view = open_article(w, "聚力育强“专精特新”梯队")
    to_end(w.pane.editor)
    type_text(w.pane.editor, "甲")
    qtbot.wait(400)
    type_text(w.pane.editor, "乙")  # the debounce restarts at every keystroke
    last = datetime.now(UTC)
    assert w.pane.is_dirty()
    assert "未保存" in w.pane.header.revision.text()
    assert stored_text(sample_db, view.seg_id) == view.text
    qtbot.wait(1000)
    assert stored_text(sample_db, view.seg_id) == view.text  # debounced: not yet
    qtbot.waitUntil(lambda: not w.pane.is_dirty(), timeout=3000)
    with svc.open_library(sample_db) as lib:
        committed = datetime.fromisoformat(lib.revisions(view.seg_id)[0].created)
    assert 1.0 <= (committed - last).total_seconds() <= 2.0  # the commit time of the revision
    assert stored_text(sample_db, view.seg_id) == view.text + "甲乙"
    assert w.save_label.text() == "已保存 · 第 2 版"
    with svc.open_library(sample_db) as lib:
        rev = lib.revisions(view.seg_id)[0]
    assert (rev.number, rev.author, rev.note) == (2, "校对员甲", "edit")


def test_switching_article_and_closing_save_at_once(make_window, sample_db):
    w = make_window(sample_db)
    first = open_article(w, "聚力育强“专精特新”梯队")
    to_end(w.pane.editor)
    type_text(w.pane.editor, "切换前")
    second = open_article(w, "打好“五链”融合组合拳")  # no wait for the debounce
    assert stored_text(sample_db, first.seg_id) == first.text + "切换前"
    to_end(w.pane.editor)
    type_text(w.pane.editor, "关闭前")
    w.close()
    assert stored_text(sample_db, second.seg_id) == second.text + "关闭前"


def test_undo_redo_in_the_editor(make_window, sample_db):
    w = make_window(sample_db)
    view = open_article(w, "聚力育强“专精特新”梯队")
    to_end(w.pane.editor)
    type_text(w.pane.editor, "一二")
    assert w.actions[A.UNDO].isEnabled()
    w.actions[A.UNDO].trigger()
    w.actions[A.UNDO].trigger()
    assert w.pane.editor.text() == view.text
    w.actions[A.REDO].trigger()
    assert w.pane.editor.text() == view.text + "一"


def test_title_and_header_fields_are_saved(make_window, sample_db, qtbot):
    w = make_window(sample_db)
    view = open_article(w, "聚力育强“专精特新”梯队")
    w.pane.header.title.selectAll()
    w.pane.header.title.setFocus()
    type_text(w.pane.header.title, "新标题")
    w.pane.header.authors.setText("甲乙　丙丁")
    w.pane.header.authors.editingFinished.emit()
    w.pane.header.page.setValue(25)
    w.pane.header.page.editingFinished.emit()
    w.pane.flush()
    wait_idle(w)
    with svc.open_library(sample_db) as lib:
        row = lib.segment(view.seg_id)
        assert row.title == "新标题"
        assert lib.revisions(view.seg_id)[0].title == "新标题"
    assert "P25 新标题" in w.contents.item_for(view.seg_id).text(0)
    w.close()
    w2 = make_window(sample_db)
    assert w2.pane.seg_id == view.seg_id
    assert w2.pane.header.title.text() == "新标题"
    assert w2.pane.view.authors == ["甲乙", "丙丁"]
    assert w2.pane.view.page == 25


def test_byline_edit_in_the_window_resolves_and_reopens_the_contents_mismatch(make_window, demo_db):
    """Header fields are part of the article: the TOC-vs-byline check reads what the window
    saved, the overview and the panel follow, and restoring the older revision reopens it."""
    w = make_window(demo_db)
    view = open_article(w, "减负赋能")

    def toc_author_open() -> list:
        with svc.open_library(demo_db) as lib:
            return [f for f in lib.list_findings(view.issue_id, status="open", rule="consistency.toc_author")
                    if "郑亦航" in f.message]

    assert toc_author_open() and view.authors == ["郑奕航"]
    w.pane.header.authors.setText("郑亦航")
    w.pane.header.authors.editingFinished.emit()
    wait_idle(w)
    assert toc_author_open() == []
    with svc.open_library(demo_db) as lib:
        rev = lib.current_revision(view.seg_id)
        assert (rev.note, rev.authors, rev.text) == ("header", ["郑亦航"], view.text)
        gone = lib.list_findings(view.issue_id, status="resolved", rule="consistency.toc_author")
        assert any(f.resolved_how == "header" for f in gone)
    assert not any(f.rule == "consistency.toc_author" and "郑亦航" in f.message for f in w.findings.findings
                   if f.status == "open")
    # restoring the imported revision brings the old byline back: the mismatch is open again
    with svc.open_library(demo_db) as lib:
        first = lib.revisions(view.seg_id)[-1].id
    w.restore_revision(first)
    wait_idle(w)
    assert toc_author_open()
    assert w.pane.view.authors == ["郑奕航"] and w.pane.header.authors.text() == "郑奕航"


def test_conflicting_save_keeps_both_texts_and_tells_the_editor(make_window, sample_db):
    w = make_window(sample_db)
    view = open_article(w, "打造生态工业高质量发展样板")
    # someone else (another window, another machine) saves this article meanwhile
    with svc.open_library(sample_db) as other:
        theirs = view.text + "（他人的修改）"
        other.save_text(view.seg_id, theirs, "校对员乙", expected_version=view.version)
    to_end(w.pane.editor)
    type_text(w.pane.editor, "（我的修改）")
    mine = view.text + "（我的修改）"
    w.pane.flush()
    wait_idle(w)
    assert w.pane.conflict_bar.isVisible()
    assert "两份文本都已保存" in w.pane.conflict_bar.label.text()
    assert w.save_label.text().startswith("⚠")
    with svc.open_library(sample_db) as lib:
        revs = lib.revisions(view.seg_id)
        assert lib.current_text(view.seg_id)[0] == theirs  # nothing silently overwritten
        assert [(r.note, r.text) for r in revs[:2]] == [("conflict", mine), ("edit", theirs)]
    assert w.pane.editor.text() == mine  # and the editor keeps the user's text
    # compare opens the history on the two texts
    w.pane.conflict_bar.b_compare.click()
    wait_idle(w)
    dlg = w.history_dialog
    assert dlg.selected() == w.pane.conflict.conflict_revision_id
    assert dlg.base.currentData() == w.pane.conflict.current_revision_id
    assert "他人" in dlg.diff.toPlainText() and "我" in dlg.diff.toPlainText()
    dlg.close()
    w.pane.conflict_bar.b_mine.click()
    wait_idle(w)
    assert not w.pane.conflict_bar.isVisible()
    with svc.open_library(sample_db) as lib:
        assert lib.current_text(view.seg_id)[0] == mine
        assert lib.revisions(view.seg_id)[0].note == "resolve conflict"
        assert any(r.text == theirs for r in lib.revisions(view.seg_id))


def test_conflict_take_theirs(make_window, sample_db):
    w = make_window(sample_db)
    view = open_article(w, "打造生态工业高质量发展样板")
    with svc.open_library(sample_db) as other:
        theirs = "他人全文替换。"
        other.save_text(view.seg_id, theirs, "校对员乙", expected_version=view.version)
    to_end(w.pane.editor)
    type_text(w.pane.editor, "我")
    w.pane.flush()
    wait_idle(w)
    w.pane.conflict_bar.b_theirs.click()
    wait_idle(w)
    assert w.pane.editor.text() == theirs
    assert not w.pane.is_dirty() and w.pane.conflict is None
    to_end(w.pane.editor)
    type_text(w.pane.editor, "再改")
    w.pane.flush()
    wait_idle(w)
    assert w.pane.conflict is None
    assert stored_text(sample_db, view.seg_id).endswith("再改")


def test_live_check_underlines_new_text_and_drops_stale_results(make_window, sample_db, qtbot):
    w = make_window(sample_db)
    view = open_article(w, "打好“五链”融合组合拳")
    n_stored = len(w.pane.stored)
    to_end(w.pane.editor)
    type_text(w.pane.editor, "新增一句,半角逗号")
    pos = len(view.text) + 4
    qtbot.waitUntil(lambda: any(f.start == pos and f.rule == "punctuation.halfwidth" for f in w.pane.shown),
                    timeout=2000)
    live = next(f for f in w.pane.shown if f.start == pos)
    assert live.id is None  # seen by the live check, not yet stored
    assert any(f.start == pos for f in w.pane.editor.findings)
    # a result computed for an older text revision is dropped
    shown_before = list(w.pane.shown)
    dropped = w.pane.dropped_stale
    w.pane._on_live(view.seg_id, w.pane.edit.rev - 1, [])
    assert w.pane.dropped_stale == dropped + 1
    assert w.pane.shown == shown_before
    # after the save the finding is stored (it gets an id)
    w.pane.flush()
    wait_idle(w)
    stored = next(f for f in w.pane.shown if f.start == pos and f.rule == "punctuation.halfwidth")
    assert stored.id is not None
    assert len(w.pane.stored) == n_stored + 1


def test_findings_follow_edits_before_the_next_check(make_window, sample_db):
    w = make_window(sample_db)
    open_article(w, "打好“五链”融合组合拳")
    last = max(w.pane.shown, key=lambda f: f.start)
    excerpt = w.pane.editor.text()[last.start:last.end]
    w.pane.editor.moveCursor(QTextCursor.MoveOperation.Start)
    type_text(w.pane.editor, "前插")
    moved = next(f for f in w.pane.shown if f.fingerprint == last.fingerprint and f.rule == last.rule)
    assert moved.start == last.start + 2
    assert w.pane.editor.text()[moved.start:moved.end] == excerpt


def test_real_worker_threads(make_window, sample_db, qtbot):
    """The same flows with the database on its worker thread and checks on theirs."""
    w = make_window(sample_db, synchronous=False, start=False)
    assert w.session.runner._thread is not None and w.session.runner._thread.isRunning()
    w.start()
    qtbot.waitUntil(lambda: w.session.issue_id is not None and bool(w.contents.items()), timeout=10000)
    item = next(it for it in w.contents.items() if "打好“五链”融合组合拳" in it.text(0))
    w.contents.tree.setCurrentItem(item)
    qtbot.waitUntil(lambda: w.pane.view is not None and "五链" in w.pane.view.title, timeout=5000)
    seg = w.pane.seg_id
    base = w.pane.editor.text()
    to_end(w.pane.editor)
    type_text(w.pane.editor, "线程,测试")
    qtbot.waitUntil(lambda: any(f.start == len(base) + 2 for f in w.pane.shown), timeout=5000)
    qtbot.waitUntil(lambda: not w.pane.is_dirty() and not w.pane.saving, timeout=5000)
    assert stored_text(sample_db, seg) == base + "线程,测试"
    thread = w.session.runner._thread
    w.close()
    assert not thread.isRunning()


def test_window_layout_and_last_issue_are_remembered(make_window, sample_db, qtbot):
    w = make_window(sample_db)
    view = open_article(w, "打好“五链”融合组合拳")
    w.resize(780, 560)  # the offscreen screen is 800x600; geometry is clamped to it
    w.d_findings.hide()
    w.d_search.show()
    w.close()
    w2 = make_window(sample_db)
    assert (w2.width(), w2.height()) == (780, 560)
    assert not w2.d_findings.isVisible() and w2.d_search.isVisible()
    assert w2.session.issue_id == view.issue_id and w2.pane.seg_id == view.seg_id


def test_zoom_and_source_view(make_window, sample_db, qtbot):
    w = make_window(sample_db)
    view = open_article(w, "打好“五链”融合组合拳")
    size = w.pane.editor.font().pointSize()
    w.actions[A.ZOOM_IN].trigger()
    assert w.pane.editor.font().pointSize() == size + 1
    assert w.session.settings.font_size == size + 1
    w.actions[A.TOGGLE_SOURCE].trigger()
    assert w.pane.side.isVisible()
    assert w.pane.side.browser.toPlainText().replace("\u2029", "\n").strip() == view.source_text.strip()
    to_end(w.pane.editor)
    type_text(w.pane.editor, "对照")
    w.pane.side.mode.setCurrentIndex(1)  # against revision #1
    wait_idle(w)
    assert "对照" in w.pane.side.browser.toPlainText()
    qtbot.keyClick(w.pane.editor, Qt.Key.Key_F6)
    assert not w.pane.side.isVisible()
