"""Menus and shortcuts, preferences, export, two windows on one library, `editor-app run`."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from editor_app.gui.actions import SPECS, A
from editor_app.services import issues as svc

from .conftest import wait_idle
from .test_editing import to_end
from .test_window import open_article, type_text

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]


def menu_actions(w) -> list[QAction]:
    out = []
    for menu in w.menus.values():
        out.extend(a for a in menu.actions() if not a.isSeparator())
    return out


def test_every_action_is_in_a_menu_with_its_shortcut(make_window, demo_db):
    w = make_window(demo_db)
    in_menus = menu_actions(w)
    for aid in A:
        assert w.actions[aid] in in_menus, aid
    shortcuts = [w.actions[aid].shortcut().toString() for aid in A if SPECS[aid].shortcut is not None]
    assert len(shortcuts) == len(set(shortcuts)), "two actions share a shortcut"
    for aid, key in [(A.NEXT_FINDING, "F8"), (A.PREV_FINDING, "Shift+F8"), (A.APPLY_FIX, "Ctrl+Return"),
                     (A.DISMISS, "Ctrl+D"), (A.FIND, "Ctrl+F"), (A.SEARCH_LIBRARY, "Ctrl+Shift+F"),
                     (A.HISTORY, "Ctrl+Shift+H"), (A.REPLACE, "Ctrl+H"), (A.EXPORT, "Ctrl+E")]:
        assert w.actions[aid].shortcut().toString() == key
        native = w.actions[aid].shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        assert f"({native})" in w.actions[aid].toolTip()  # toolbar tips show the shortcut too
    # every dock is toggled from the View menu; the page view's toggle is the table's A.PAGE_VIEW (F7)
    docks = [d.toggleViewAction() for d in w.docks if d is not w.d_page]
    assert all(d in in_menus for d in docks)


def test_export_docx_with_comments_and_tracked_changes(make_window, sample_db, tmp_path):
    w = make_window(sample_db)
    open_article(w, "以创新提质引领强群固链")
    to_end(w.pane.editor)
    type_text(w.pane.editor, "补充。")
    out = tmp_path / "export" / "issue.docx"
    out.parent.mkdir()
    assert w.actions[A.EXPORT].isEnabled()
    w.actions[A.EXPORT].trigger()
    dlg = w.export_dialog
    wait_idle(w)
    dlg.r_issue.setChecked(True)
    dlg.comments.setChecked(True)
    dlg.track.setChecked(True)
    dlg.s_import.setChecked(True)
    dlg.path.setText(str(out))
    dlg.b_export.click()
    wait_idle(w)
    assert w.last_error is None
    with zipfile.ZipFile(out) as z:
        names = set(z.namelist())
        document = z.read("word/document.xml").decode("utf-8")
    assert "word/comments.xml" in names  # findings as comments
    assert "<w:ins " in document and "补充。" in document  # the unsaved edit was saved first, then tracked
    assert "校对员甲" in document


def test_preferences_rules_user_font_and_allowlist(make_window, sample_db, qtbot):
    w = make_window(sample_db)
    view = open_article(w, "以创新提质引领强群固链")
    assert any(f.category == "punctuation" for f in w.pane.shown)
    dlg = w.preferences()
    wait_idle(w)
    dlg.user.setText("新用户")
    dlg.font_size.setValue(17)
    top = next(dlg.rules.topLevelItem(i) for i in range(dlg.rules.topLevelItemCount())
               if dlg.rules.topLevelItem(i).text(2) == "punctuation")
    top.setCheckState(0, Qt.CheckState.Unchecked)
    # a single rule of the switched-off category back on: the specific setting wins
    halfwidth = next(top.child(k) for k in range(top.childCount()) if top.child(k).text(2) == "punctuation.halfwidth")
    halfwidth.setCheckState(0, Qt.CheckState.Checked)
    dlg.allow_word.setText("强群固链")
    dlg.b_add.click()
    wait_idle(w)
    assert [dlg.allow.item(r, 0).text() for r in range(dlg.allow.rowCount())] == ["强群固链"]
    dlg.buttons.accepted.emit()
    wait_idle(w)
    assert w.session.settings.user_name == "新用户" and "新用户" in w.user_label.text()
    assert w.pane.editor.font().pointSize() == 17
    cats = {f.rule for f in w.pane.shown if f.category == "punctuation"}
    assert cats == {"punctuation.halfwidth"}
    with svc.open_library(sample_db) as lib:
        assert lib.get_setting("checks")["disabled_categories"] == ["punctuation"]
        assert lib.get_setting("checks")["enabled_rules"] == ["punctuation.halfwidth"]
        assert [e.word for e in lib.allowlist()] == ["强群固链"]
    # the new user name is recorded on the next revision
    to_end(w.pane.editor)
    type_text(w.pane.editor, "。")
    w.pane.flush()
    wait_idle(w)
    with svc.open_library(sample_db) as lib:
        assert lib.revisions(view.seg_id)[0].author == "新用户"


def test_two_windows_on_one_library_never_overwrite_silently(make_window, sample_db):
    a = make_window(sample_db)
    b = make_window(sample_db)
    va = open_article(a, "聚力育强“专精特新”梯队")
    open_article(b, "聚力育强“专精特新”梯队")
    to_end(a.pane.editor)
    type_text(a.pane.editor, "窗口甲")
    a.pane.flush()
    wait_idle(a)
    to_end(b.pane.editor)
    type_text(b.pane.editor, "窗口乙")
    b.pane.flush()
    wait_idle(b)
    assert not a.pane.conflict_bar.isVisible() and b.pane.conflict_bar.isVisible()
    with svc.open_library(sample_db) as lib:
        texts = [r.text for r in lib.revisions(va.seg_id)]
    assert va.text + "窗口甲" in texts and va.text + "窗口乙" in texts


def test_editor_app_run_opens_the_window_on_the_demo_issue(tmp_path):
    """`make run` on a fresh machine: the library is created, the demo issue imported and
    opened (checked) by the window's worker; then we stop the app."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "EDITOR_APP_DATA": str(tmp_path),
           "PYTHONPATH": str(ROOT), "PYTHONFAULTHANDLER": "1"}
    err = (tmp_path / "stderr.txt").open("wb")  # a file, not a pipe: the child never blocks writing
    proc = subprocess.Popen([sys.executable, "-m", "editor_app.cli", "run"], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=err)
    db = tmp_path / "library.sqlite"
    opened = False
    try:
        end = time.monotonic() + 40
        while time.monotonic() < end and proc.poll() is None:
            time.sleep(0.2)
            if not db.exists():
                continue
            try:  # look, read-only, without taking part (no migrations from this side)
                con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
                try:
                    row = con.execute("SELECT id, label FROM issues ORDER BY id LIMIT 1").fetchone()
                    checked = row and con.execute(
                        "SELECT 1 FROM issues WHERE id = ? AND checked_digest IS NOT NULL", (row[0],)).fetchone()
                finally:
                    con.close()
            except sqlite3.OperationalError:  # the app is still creating the library
                continue
            if checked:
                opened = row[1].startswith("东越视窗")
                break
        assert proc.poll() is None, (tmp_path / "stderr.txt").read_text()[-2000:]  # still running: the window is up
    finally:
        proc.send_signal(signal.SIGTERM)  # the app closes its window (saving) and exits
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGABRT)  # faulthandler prints where it hung
            proc.wait(10)
            pytest.fail("the app did not exit on SIGTERM:\n" + (tmp_path / "stderr.txt").read_text()[-4000:])
        finally:
            err.close()
    assert opened
    assert proc.returncode in (0, -signal.SIGTERM)
