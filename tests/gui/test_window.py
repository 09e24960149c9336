"""The real window on the reference issue: TOC, findings, fixes, dismissals, bulk fix,
search, history, import errors."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from editor_app.gui.actions import A
from editor_app.services import issues as svc

from .conftest import wait_idle

pytestmark = pytest.mark.gui


def click_item(qtbot, tree, item, column: int = 0) -> None:
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    x = tree.header().sectionPosition(column) + 12
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, rect.center().y()))


def press(qtbot, w, key, mods=Qt.KeyboardModifier.NoModifier) -> None:
    """A key press where the user's keyboard sends it: to the focused widget."""
    qtbot.keyClick(QApplication.focusWidget() or w, key, mods)


def type_text(widget, text: str) -> None:
    """Typing Chinese: the input method commits the text to the focused widget."""
    for ch in text:
        ev = QInputMethodEvent()
        ev.setCommitString(ch)
        QApplication.sendEvent(widget, ev)


def open_article(w, title_part: str):
    item = next(it for it in w.contents.items() if title_part in it.text(0))
    w.contents.tree.setCurrentItem(item)
    wait_idle(w)
    assert title_part in w.pane.view.title
    return w.pane.view


def halfwidth_findings(w):
    return [f for f in w.pane.shown if f.rule == "punctuation.halfwidth" and f.status == "open"]


def test_opens_sample_and_clicks_through_every_toc_entry(make_window, sample_db, qtbot):
    w = make_window(sample_db)
    assert w.session.issue_label == "今日浙江 2024年第10期"
    assert "今日浙江" in w.windowTitle()
    items = [it for it in w.contents.items() if it.data(0, Qt.ItemDataRole.UserRole)]
    assert len(items) == 38  # every segment of the issue: 27 articles + 11 others, nothing hidden
    groups = [w.contents.tree.topLevelItem(i).text(0) for i in range(w.contents.tree.topLevelItemCount())]
    assert groups[-1] == "目录外版面"
    seen = set()
    for item in items:
        click_item(qtbot, w.contents.tree, item)
        wait_idle(w)
        seg = item.data(0, Qt.ItemDataRole.UserRole)
        assert w.pane.seg_id == seg
        assert w.tabs.currentWidget() is w.pane
        assert w.pane.editor.text() == w.pane.view.text
        seen.add(seg)
    assert len(seen) == 38


def test_select_finding_lands_on_its_text(make_window, sample_db, qtbot):
    w = make_window(sample_db)
    w.findings.scope.setCurrentIndex(w.findings.scope.findData("issue"))
    wait_idle(w)
    leaves = w.findings._leaves()
    assert len(w.findings.visible_findings()) > 2000  # the sample's half-width commas
    assert len(leaves) < 1000  # past 400 per rule, the rest are listed on demand
    # a consistency finding in some article: click it in the list
    target = next(lf for lf in leaves if w.findings._finding_of(lf).category == "consistency")
    f = w.findings._finding_of(target)
    click_item(qtbot, w.findings.tree, target)
    wait_idle(w)
    assert w.pane.seg_id == f.segment.id
    cursor = w.pane.editor.textCursor()
    assert cursor.selectedText() == f.excerpt
    assert w.pane.current_finding().fingerprint == f.fingerprint
    # and the other way: clicking an underlined finding in the editor selects it in the list
    other = next(g for g in w.pane.shown if g.fingerprint != f.fingerprint)
    w.pane.editor.select_span(other.start, other.start)
    rect = w.pane.editor.cursorRect()
    qtbot.mouseClick(w.pane.editor.viewport(), Qt.MouseButton.LeftButton, pos=rect.center() + QPoint(2, 0))
    assert w.findings.current().fingerprint == other.fingerprint


def test_tooltip_names_message_and_fix(make_window, sample_db):
    w = make_window(sample_db)
    open_article(w, "奋力推进全球先进制造业基地建设")
    f = halfwidth_findings(w)[0]
    html = w.pane.editor.tooltip_html(f)
    assert f.message in html and "→" in html and "中文里的半角标点" in html
    assert "punctuation.halfwidth" not in html  # users see the rule's title, never its id
    assert w.pane.editor.finding_at(f.start) is f


def test_f8_moves_through_findings(make_window, sample_db, qtbot):
    w = make_window(sample_db)
    open_article(w, "以创新提质引领强群固链")
    press(qtbot, w, Qt.Key.Key_F8)
    first = w.findings.current()
    assert first is not None
    assert w.pane.editor.textCursor().selectedText() == first.excerpt
    press(qtbot, w, Qt.Key.Key_F8)
    second = w.findings.current()
    assert second.id != first.id
    press(qtbot, w, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert w.findings.current().id == first.id


def test_apply_fix_changes_text_and_revision(make_window, sample_db):
    w = make_window(sample_db)
    view = open_article(w, "奋力推进全球先进制造业基地建设")
    before_text, rev_before = w.pane.editor.text(), view.revision_number
    f = halfwidth_findings(w)[0]
    w.findings.select(f, emit=True)
    wait_idle(w)
    w.actions[A.APPLY_FIX].trigger()
    wait_idle(w)
    after = w.pane.editor.text()
    assert after == before_text[: f.start] + f.suggestion + before_text[f.end :]
    assert w.pane.view.revision_number == rev_before + 1
    with svc.open_library(sample_db) as lib:
        text, _v = lib.current_text(view.seg_id)
        assert text == after
        resolved = lib.list_findings(view.issue_id, segment=view.seg_id, status="resolved")
        assert [(g.fingerprint, g.resolved_how) for g in resolved if g.fingerprint == f.fingerprint] == [
            (f.fingerprint, "fix punctuation.halfwidth")]
        assert lib.revisions(view.seg_id)[0].note == "fix punctuation.halfwidth"
        assert lib.revisions(view.seg_id)[0].author == "校对员甲"
    # undo in the editor takes the fix back (and autosaves it as a new revision):
    # the problem is open again — underlined, in the panel, in the counts
    w.pane.editor.undo()
    assert w.pane.editor.text() == before_text
    w.pane.flush()
    wait_idle(w)
    with svc.open_library(sample_db) as lib:
        assert lib.current_text(view.seg_id)[0] == before_text
        back = lib.list_findings(view.issue_id, segment=view.seg_id, status="open", rule=f.rule)
        assert any(g.fingerprint == f.fingerprint and (g.start, g.end) == (f.start, f.end) for g in back)
    assert any(g.fingerprint == f.fingerprint and g.status == "open" for g in w.pane.editor.findings)
    assert any(g.fingerprint == f.fingerprint for g in w.findings.findings if g.status == "open")


def test_dismissal_survives_restart(make_window, sample_db, monkeypatch):
    w = make_window(sample_db)
    view = open_article(w, "让“先进性+世界级”成为浙江制造业鲜明标识")
    f = halfwidth_findings(w)[3]
    w.findings.select(f, emit=True)
    monkeypatch.setattr(type(w), "ask_dismiss_reason", lambda self, finding: "引文，保持原文")
    n_before = len(w.pane.editor.findings)
    w.actions[A.DISMISS].trigger()
    wait_idle(w)
    assert all(g.id != f.id for g in w.pane.editor.findings)
    assert len(w.pane.editor.findings) == n_before - 1
    w.close()
    w2 = make_window(sample_db)
    assert w2.pane.seg_id == view.seg_id  # the last article is reopened
    assert all(g.id != f.id for g in w2.pane.editor.findings)
    w2.findings.status.setCurrentIndex(w2.findings.status.findData("dismissed"))
    dismissed = [w2.findings._finding_of(lf) for lf in w2.findings._leaves()]
    assert [(g.id, g.reason) for g in dismissed] == [(f.id, "引文，保持原文")]
    # reopen it
    w2.findings.select(dismissed[0], emit=True)
    w2.actions[A.REOPEN].trigger()
    wait_idle(w2)
    assert any(g.id == f.id for g in w2.pane.editor.findings)


def test_bulk_fix_halfwidth_commas_in_one_article(make_window, sample_db):
    w = make_window(sample_db)
    view = open_article(w, "以创新提质引领强群固链")
    other = next(it.data(0, Qt.ItemDataRole.UserRole) for it in w.contents.items() if "牢牢扭住" in it.text(0))
    with svc.open_library(sample_db) as lib:
        before = lib.current_text(view.seg_id)[0]
        other_before = lib.current_text(other)[0]
    assert re.search(r"[\u4e00-\u9fff],[\u4e00-\u9fff]", before)
    dlg = w.bulk_fix("punctuation.halfwidth")
    wait_idle(w)
    assert dlg.r_article.isChecked()
    rows = dlg.table.rowCount()
    assert rows == dlg.n_changes > 10
    assert "," in dlg.table.item(0, 1).text() and "，" in dlg.table.item(0, 2).text()
    with svc.open_library(sample_db) as lib:  # the preview wrote nothing
        assert lib.current_text(view.seg_id)[0] == before
    dlg.b_apply.click()
    wait_idle(w)
    after = w.pane.editor.text()
    assert not re.search(r"[\u4e00-\u9fff],[\u4e00-\u9fff]", after)
    assert len(after) == len(before)
    with svc.open_library(sample_db) as lib:
        assert lib.current_text(view.seg_id)[0] == after
        assert lib.current_text(other)[0] == other_before  # only this article
        assert lib.revisions(view.seg_id)[0].note == "bulk fix punctuation.halfwidth"
        left = lib.list_findings(view.issue_id, segment=view.seg_id, status="open", rule="punctuation.halfwidth")
        assert len(left) < rows // 10
    assert not [f for f in w.pane.editor.findings if f.rule == "punctuation.halfwidth"
                and f.excerpt == "," and f.status == "open"][: len(left) + 1][len(left):]


def test_search_library_for_zhejiang_opens_the_hit(make_window, sample_db, demo_template, qtbot):
    w = make_window(sample_db)
    press(qtbot, w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert w.d_search.isVisible()
    w.search.edit.setText("浙江")
    w.search.run()
    wait_idle(w)
    assert len(w.search.hits) > 10
    assert "“浙江”" in w.search.status.text()
    item = w.search.tree.topLevelItem(3)
    hit = item.data(0, Qt.ItemDataRole.UserRole)
    w.search.tree.itemActivated.emit(item, 0)
    wait_idle(w)
    assert w.pane.seg_id == hit.segment_id
    if hit.field == "text":
        assert w.pane.editor.textCursor().selectedText() == "浙江"


def test_find_in_article(make_window, sample_db, qtbot):
    w = make_window(sample_db)
    open_article(w, "奋力推进全球先进制造业基地建设")
    press(qtbot, w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert w.pane.find_bar.isVisible()
    type_text(w.pane.find_bar.edit, "工业")
    n = w.pane.editor.text().count("工业")
    assert len(w.pane.editor.search_spans) == n > 2
    assert w.pane.editor.textCursor().selectedText() == "工业"
    qtbot.keyClick(w.pane.find_bar.edit, Qt.Key.Key_Return)
    assert w.pane.find_bar.count.text().startswith("2")
    qtbot.keyClick(w.pane.find_bar.edit, Qt.Key.Key_Escape)
    assert not w.pane.find_bar.isVisible()
    assert w.pane.editor.search_spans == []


def test_restore_an_old_revision(make_window, sample_db, qtbot):
    w = make_window(sample_db)
    view = open_article(w, "聚力育强“专精特新”梯队")
    original = w.pane.editor.text()
    w.pane.editor.moveCursor(w.pane.editor.textCursor().MoveOperation.End)
    type_text(w.pane.editor, "补记一句。")
    w.pane.flush()
    wait_idle(w)
    assert w.pane.view.revision_number == 2
    dlg = w.show_history()
    wait_idle(w)
    assert dlg.list.topLevelItemCount() == 2
    dlg.select(next(r.id for r in dlg.revisions if r.number == 1))
    wait_idle(w)
    assert "补记一句。" in dlg.diff.toPlainText()
    assert dlg.b_restore.isEnabled()
    asked = []
    dlg.ask_restore = lambda rev: asked.append(rev.number) or True
    dlg.b_restore.click()
    wait_idle(w)
    assert w.pane.editor.text() == original
    assert w.pane.view.revision_number == 3
    with svc.open_library(sample_db) as lib:
        revs = lib.revisions(view.seg_id)
        assert [r.note for r in revs] == ["restore #1", "edit", "import"]
        assert revs[0].text == original
    assert dlg.list.topLevelItemCount() == 3  # the dialog followed the change
    assert asked == [1]  # after a confirmation naming the version


def test_importing_a_binary_file_shows_an_error_and_keeps_running(make_window, sample_db, tmp_path):
    w = make_window(sample_db)
    binary = tmp_path / "scan.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    w.import_file(str(binary))
    wait_idle(w)
    assert w.last_error is not None
    title, message = w.last_error
    assert "二进制" in message and "scan.txt" in message
    boxes = [b for b in w.findChildren(QMessageBox) if b.isVisible()]
    assert boxes and boxes[0].text() == message
    boxes[0].accept()
    # still alive: an article opens
    open_article(w, "奋力推进全球先进制造业基地建设")
    docx = tmp_path / "broken.docx"
    docx.write_bytes(b"PK\x03\x04 not really a zip")
    w.import_file(str(docx))
    wait_idle(w)
    assert "broken.docx" in w.last_error[1]


def test_review_status_with_who_and_when(make_window, sample_db, qtbot):
    w = make_window(sample_db)
    view = open_article(w, "打好“五链”融合组合拳")
    press(qtbot, w, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    wait_idle(w)
    with svc.open_library(sample_db) as lib:
        row = lib.segment(view.seg_id)
    assert (row.review_status, row.review_by) == ("proofread", "校对员甲")
    assert row.review_at
    assert "已校" in w.pane.header.status.text() and "校对员甲" in w.pane.header.status.text()
    item = w.contents.item_for(view.seg_id)
    assert item.text(1) == "已校"
    w.tabs.setCurrentIndex(0)
    rows = [r for r in range(w.overview.table.rowCount()) if w.overview.seg_at(r) == view.seg_id]
    assert "已校 · 校对员甲" in w.overview.table.item(rows[0], w.overview.table.columnCount() - 1).text()


def test_overview_rates_against_the_limit(make_window, sample_db):
    w = make_window(sample_db)
    w.tabs.setCurrentIndex(0)
    d = w.overview.data
    assert d is not None and d.limit == 2.0
    assert "‱" in w.overview.rate.text()
    assert w.overview.table.rowCount() == len(d.rows) >= 27
    over = [r for r in d.rows if r.over_limit]
    assert over, "the sample has articles over 万分之二"
    assert f"{d.issue_rate:.2f}" in w.overview.rate.text()


def test_docx_manuscript_import_and_drag_and_drop(make_window, sample_db, tmp_path):
    import docx
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    d = docx.Document()
    d.add_paragraph("稿件标题测试", style="Title")
    d.add_paragraph("文/张三 李四")
    d.add_paragraph("这是正文第一段,含有半角逗号。")
    d.add_paragraph("第二段。")
    path = tmp_path / "manuscript.docx"
    d.save(path)
    w = make_window(sample_db)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    ev = QDropEvent(QPointF(400, 300), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                    Qt.KeyboardModifier.NoModifier)
    w.dropEvent(ev)
    wait_idle(w)
    # a manuscript joins the open issue as a new article, and opens
    assert w.session.issue_label == "今日浙江 2024年第10期"
    assert w.pane.view.title == "稿件标题测试"
    assert w.pane.view.authors == ["张三", "李四"]
    assert w.pane.editor.text() == "这是正文第一段,含有半角逗号。\n第二段。"
    assert any(f.rule == "punctuation.halfwidth" for f in w.pane.shown)
    item = w.contents.item_for(w.pane.seg_id)
    assert item is not None and item.parent().text(0) == "目录外版面"


def test_docx_manuscript_without_an_open_issue_becomes_its_own_issue(make_window, tmp_path):
    import docx

    d = docx.Document()
    d.add_paragraph("独立稿件", style="Title")
    d.add_paragraph("本刊记者 王五")
    d.add_paragraph("正文一段。")
    path = tmp_path / "solo.docx"
    d.save(path)
    w = make_window(tmp_path / "empty" / "library.sqlite")
    assert w.session.issue_id is None
    w.import_file(str(path))
    wait_idle(w)
    assert w.session.issue_label == "独立稿件"
    assert w.pane.view.title == "独立稿件"
    assert w.pane.view.authors == ["王五"] and w.pane.view.role == "本刊记者"
    assert w.pane.editor.text() == "正文一段。"


def test_after_a_fix_the_next_finding_is_selected(make_window, sample_db):
    w = make_window(sample_db)
    open_article(w, "奋力推进全球先进制造业基地建设")
    fs = halfwidth_findings(w)
    w.findings.tree.expandAll()
    w.findings.select(fs[0], emit=True)
    w.actions[A.APPLY_FIX].trigger()
    wait_idle(w)
    cur = w.findings.current()
    assert cur is not None and cur.id == fs[1].id
    assert w.pane.editor.textCursor().selectedText() == ","  # the editor is on it too
    assert w.pane.editor.pos_map().to_py(w.pane.editor.textCursor().selectionStart()) == cur.start
