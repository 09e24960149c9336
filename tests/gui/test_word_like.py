"""The window as a Word or InCopy user expects it: history that never restores by
accident and reads old → new, the Edit menu on the focused text widget, Find and
Replace (Ctrl+H), the export dialog, who is working, Qt's own strings in Chinese,
one language per window title, a layout usable at 1024×600. Both languages."""

from __future__ import annotations

import re
import zipfile

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit

from editor_app.gui.actions import A
from editor_app.gui.settings import AppSettings
from editor_app.services import issues as svc

from .conftest import wait_idle
from .test_editing import to_end
from .test_window import type_text

pytestmark = pytest.mark.gui
LANGS = ["zh_CN", "en"]


def open_longest(w):
    items = [it for it in w.contents.items() if it.data(0, Qt.ItemDataRole.UserRole)]
    seg = max(items, key=lambda it: int(it.text(2) or 0)).data(0, Qt.ItemDataRole.UserRole)
    w.open_article(seg)
    wait_idle(w)
    return w.pane.view


def add_revision(w, text: str) -> None:
    to_end(w.pane.editor)
    type_text(w.pane.editor, text)
    w.pane.flush()
    wait_idle(w)


def zh(lang: str, chinese: str, english: str) -> str:
    return chinese if lang == "zh_CN" else english


# -- 2. history ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_history_enter_never_restores_and_restore_asks_first(make_window, demo_db, qtbot, lang):
    w = make_window(demo_db, language=lang)
    view = open_longest(w)
    add_revision(w, "补记一句。")
    dlg = w.show_history()
    wait_idle(w)
    first = next(r for r in dlg.revisions if r.number == 1)
    dlg.select(first.id)
    wait_idle(w)
    restored = []
    dlg.restore_fn = restored.append
    asked = []
    dlg.ask_restore = lambda rev: asked.append(rev) or False  # the user says no
    assert not any(b.isDefault() or b.autoDefault() for b in dlg.buttons.buttons())
    dlg.list.setFocus()
    qtbot.keyClick(dlg.list, Qt.Key.Key_Return)
    qtbot.keyClick(dlg, Qt.Key.Key_Enter)
    assert restored == [] and asked == []  # Enter restores nothing and asks nothing
    dlg.b_restore.click()
    assert [r.number for r in asked] == [1] and restored == []  # asked, declined: nothing written
    box, ok = dlg.restore_box(first)
    text = box.text()
    from editor_app.gui import labels

    assert labels.when(first.created) in text and first.author in text
    assert zh(lang, "第 1 版", "revision 1") in text
    assert box.defaultButton() is not ok  # Enter in the confirmation cancels
    box.deleteLater()
    dlg.ask_restore = lambda rev: True
    dlg.b_restore.click()
    assert restored == [first.id]
    assert view.seg_id == w.pane.seg_id


@pytest.mark.parametrize("lang", LANGS)
def test_history_diff_reads_old_to_new_and_follows_the_current_version(make_window, demo_db, lang):
    w = make_window(demo_db, language=lang)
    open_longest(w)
    add_revision(w, "新增的一句话。")
    dlg = w.show_history()
    wait_idle(w)
    old = next(r for r in dlg.revisions if r.number == 1)
    # the list selects the old version, the box compares with the current one (#2)
    dlg.select(old.id)
    wait_idle(w)
    assert dlg.base.currentData() == dlg.revisions[0].id
    html = dlg.diff.toHtml()
    assert "新增的一句话。" in dlg.diff.toPlainText()
    ins_style = "#c8f2d0"  # diffview.INS_STYLE: the newer version's text is an insertion
    assert ins_style in html
    assert "line-through" not in html.split("新增的一句话")[0].rsplit("<span", 1)[-1]
    assert zh(lang, "从第 1 版到第 2 版", "from revision 1 to 2").lower() in dlg.stats.text().lower()
    # the other way round (the box on the old one, the list on the new one): still old -> new
    dlg.set_base(old.id)
    dlg.select(dlg.revisions[0].id)
    wait_idle(w)
    assert zh(lang, "从第 1 版到第 2 版", "from revision 1 to 2").lower() in dlg.stats.text().lower()
    # after a restore, a box that compared with the current version follows the new current one
    dlg.set_base(dlg.revisions[0].id)
    dlg.select(old.id)
    wait_idle(w)
    w.restore_revision(old.id)
    wait_idle(w)
    assert dlg.revisions[0].number == 3
    assert dlg.base.currentData() == dlg.revisions[0].id


# -- 3. Edit menu ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_edit_menu_acts_on_the_focused_text_widget(make_window, demo_db, qtbot, lang):
    w = make_window(demo_db, language=lang)
    edit = w.menus["edit"].actions()
    for aid in (A.UNDO, A.REDO, A.CUT, A.COPY, A.PASTE, A.SELECT_ALL, A.REPLACE):
        assert w.actions[aid] in edit
    assert w.actions[A.CUT].text().replace("&", "") == zh(lang, "剪切", "Cut")
    open_longest(w)
    w.pane.editor.setFocus()
    QApplication.processEvents()
    assert not w.actions[A.UNDO].isEnabled() and not w.actions[A.REDO].isEnabled()  # nothing to undo yet
    assert not w.actions[A.CUT].isEnabled() and not w.actions[A.COPY].isEnabled()  # nothing selected
    to_end(w.pane.editor)
    type_text(w.pane.editor, "甲乙")
    typed = w.pane.editor.text()
    assert w.actions[A.UNDO].isEnabled() and not w.actions[A.REDO].isEnabled()
    w.actions[A.UNDO].trigger()
    assert w.pane.editor.text() != typed
    assert w.actions[A.REDO].isEnabled()
    w.actions[A.REDO].trigger()
    assert w.pane.editor.text() == typed
    body = w.pane.editor.text()
    # a line edit with the focus: Select All, Copy, Paste act on it, not on the article
    field = w.search.findChild(QLineEdit)
    w.d_search.show()
    field.setText("东越")
    field.setFocus()
    QApplication.processEvents()
    assert QApplication.focusWidget() is field
    w.actions[A.SELECT_ALL].trigger()
    assert field.selectedText() == "东越"
    assert w.actions[A.COPY].isEnabled() and w.actions[A.CUT].isEnabled()
    w.actions[A.COPY].trigger()
    assert QGuiApplication.clipboard().text() == "东越"
    field.setText("")
    assert w.actions[A.PASTE].isEnabled()
    w.actions[A.PASTE].trigger()
    assert field.text() == "东越"
    assert w.pane.editor.text() == body  # the article was not touched by any of it
    # focus on a list: nothing to cut or copy
    w.contents.tree.setFocus()
    QApplication.processEvents()
    assert not w.actions[A.CUT].isEnabled() and not w.actions[A.SELECT_ALL].isEnabled()


# -- 4. Find and Replace ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_replace_preview_apply_and_undo(make_window, demo_db, lang):
    w = make_window(demo_db, language=lang)
    open_longest(w)
    w.actions[A.REPLACE].trigger()
    dlg = w.replace_dlg
    assert dlg.windowTitle() == zh(lang, "查找和替换", "Find and Replace")
    assert w.actions[A.REPLACE].shortcut().toString() == "Ctrl+H"
    dlg.find.setText("东越")
    dlg.repl.setText("南岳")
    dlg.r_issue.setChecked(True)
    assert not dlg.b_apply.isEnabled()  # nothing is written before a preview
    dlg.run_preview()
    wait_idle(w)
    rows = dlg.table.rowCount()
    pv = dlg.preview
    assert rows == pv.n_matches > len(pv.changes) >= 3
    assert "东越" in dlg.table.item(0, 1).text() and "南岳" in dlg.table.item(0, 2).text()
    dlg.table.item(0, 0).setCheckState(Qt.CheckState.Unchecked)  # leave the first one out
    assert dlg.chosen()[1] == rows - 1
    with svc.open_library(w.session.db_path) as lib:
        before = {c.seg_id: lib.current_text(c.seg_id)[0] for c in pv.changes}
        n_revs = {s: len(lib.revisions(s)) for s in before}
    dlg.b_apply.click()
    wait_idle(w)
    assert dlg.last is not None and dlg.last.n_articles == len(pv.changes)
    with svc.open_library(w.session.db_path) as lib:
        for seg in before:
            assert len(lib.revisions(seg)) == n_revs[seg] + 1  # one revision per article
            assert lib.current_revision(seg).note.startswith("replace ")
        first_seg = pv.changes[0].seg_id
        assert lib.current_text(first_seg)[0].count("东越") == 1  # the unchecked one stayed
    assert "南岳" in w.pane.editor.text() or w.pane.seg_id not in before
    assert dlg.b_undo.isEnabled()
    dlg.b_undo.click()
    wait_idle(w)
    with svc.open_library(w.session.db_path) as lib:
        for seg, text in before.items():
            assert lib.current_text(seg)[0] == text
            assert lib.current_revision(seg).note.startswith("restore #")
    assert zh(lang, "已撤销替换", "undone") in dlg.summary.text() or "Undone" in dlg.summary.text()


def test_replace_bad_regex_is_said_in_the_dialog(make_window, demo_db):
    w = make_window(demo_db)
    dlg = w.replace_dialog()
    dlg.find.setText("(")
    dlg.regex.setChecked(True)
    dlg.run_preview()
    wait_idle(w)
    assert "正则表达式有误" in dlg.summary.text() and not dlg.b_apply.isEnabled()
    assert w.last_error is None


# -- 5. export dialog --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_export_dialog_article_since_a_revision_and_remembered_options(make_window, demo_db, tmp_path, lang):
    w = make_window(demo_db, language=lang)
    view = open_longest(w)
    add_revision(w, "第一轮补记。")
    add_revision(w, "第二轮补记。")
    dlg = w.export_issue()
    wait_idle(w)
    assert dlg.windowTitle() == zh(lang, "导出", "Export")
    dlg.r_article.setChecked(True)
    assert dlg.article.currentData() == view.seg_id
    dlg.comments.setChecked(False)
    dlg.track.setChecked(True)
    dlg.s_revision.setChecked(True)
    second = next(i for i in range(dlg.since_revision.count())
                  if dlg.since_revision.itemText(i).startswith(zh(lang, "第 2 版", "Revision 2")))
    dlg.since_revision.setCurrentIndex(second)
    out = tmp_path / "out" / "article.docx"
    out.parent.mkdir()
    dlg.path.setText(str(out))
    job = dlg.job()
    assert (job.what, job.seg_id, job.since, job.comments) == ("article", view.seg_id, "revision", False)
    dlg.b_export.click()
    wait_idle(w)
    assert w.last_error is None
    with zipfile.ZipFile(out) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    inserted = [p.split("</w:ins>")[0] for p in xml.split("<w:ins ")[1:]]
    assert any("第二轮补记" in p for p in inserted) and not any("第一轮补记" in p for p in inserted)
    # the folder and the options are remembered
    s = AppSettings(w.session.settings.qs.fileName())
    assert s.export_folder == str(out.parent)
    assert s.export_options["what"] == "article" and s.export_options["since"] == "revision"
    again = w.export_issue()
    wait_idle(w)
    assert again.r_article.isChecked() and not again.comments.isChecked() and again.s_revision.isChecked()
    assert again.path.text().startswith(str(out.parent))
    # a traditional edition has no comments or tracked changes
    again.edition.setCurrentIndex(again.edition.findData("hk"))
    assert not again.comments.isEnabled() and not again.track.isEnabled()
    assert zh(lang, "香港版", "Hong Kong") in again.path.text()
    again.reject()


def test_export_review_copy_with_english_comments(make_window, demo_db, tmp_path):
    w = make_window(demo_db)
    dlg = w.export_issue()
    wait_idle(w)
    dlg.r_issue.setChecked(True)
    dlg.comments.setChecked(True)
    dlg.track.setChecked(False)
    assert dlg.lang.isEnabled()
    dlg.lang.setCurrentIndex(dlg.lang.findData("en"))
    out = tmp_path / "review-en.docx"
    dlg.path.setText(str(out))
    assert dlg.job().lang == "en"
    dlg.b_export.click()
    wait_idle(w)
    assert w.last_error is None
    with zipfile.ZipFile(out) as z:
        comments = z.read("word/comments.xml").decode("utf-8")
    texts = re.findall(r"<w:t[^>]*>([^<]*)</w:t>", comments)
    titles = [t[1:t.index("】")] for t in texts if t.startswith("【") and "】" in t]
    # rule titles in English (messages may quote Chinese excerpts)
    from editor_app.checks.messages import unquoted_cjk

    chinese = [t for t in titles if unquoted_cjk(t)]  # quoted words (“截至”) may stay Chinese
    assert titles and not chinese, chinese[:5]
    # remembered for the next export; a clean copy has no comments to translate
    again = w.export_issue()
    wait_idle(w)
    assert again.lang.currentData() == "en"
    again.comments.setChecked(False)
    again.track.setChecked(False)
    assert not again.lang.isEnabled()
    again.reject()


@pytest.mark.parametrize("kind", ["clean", "review", "tracked", "tw"])
def test_export_dialog_four_copy_kinds(make_window, demo_db, tmp_path, kind):
    """Clean copy, review copy (comments by the user), tracked changes (each change
    credited to the revision that made it, at its time) and the Taiwan edition."""
    from editor_app.export.common import w_date
    from editor_app.services.exporting import _revision_time

    w = make_window(demo_db)
    view = open_longest(w)
    add_revision(w, "第一轮补记。")
    editor = w.session.user
    w.session.settings.user_name = "主编丙"  # someone else exports
    dlg = w.export_issue()
    wait_idle(w)
    dlg.r_article.setChecked(True)
    dlg.edition.setCurrentIndex(dlg.edition.findData("tw" if kind == "tw" else ""))
    dlg.comments.setChecked(kind == "review")
    dlg.track.setChecked(kind == "tracked")
    dlg.s_import.setChecked(True)
    out = tmp_path / f"{kind}.docx"
    dlg.path.setText(str(out))
    dlg.b_export.click()
    wait_idle(w)
    assert w.last_error is None
    with zipfile.ZipFile(out) as z:
        names = set(z.namelist())
        xml = z.read("word/document.xml").decode("utf-8")
        comments = z.read("word/comments.xml").decode("utf-8") if "word/comments.xml" in names else ""
    n_comments = comments.count("<w:comment ")
    if kind in ("clean", "tw"):
        assert n_comments == 0 and "<w:ins " not in xml and "<w:del " not in xml
    if kind == "tw":
        assert "第一輪補記" in xml and "第一轮补记" not in xml
    if kind == "clean":
        assert "第一轮补记" in xml
    if kind == "review":
        with svc.open_library(demo_db) as lib:
            from editor_app.services import checking

            issue_id = lib.list_issues()[0].id
            n_open = len([f for f in checking.open_findings(lib, issue_id)
                          if f.segment is not None and f.segment.id == view.seg_id])
        assert n_comments == n_open > 0
        assert set(re.findall(r'w:author="([^"]*)"', comments)) == {"主编丙"}  # who exported
    if kind == "tracked":
        with svc.open_library(demo_db) as lib:
            rev = max(lib.revisions(view.seg_id), key=lambda r: r.number)
        inserted = re.findall(r'<w:ins ([^>]*)>(.*?)</w:ins>', xml, flags=re.S)
        mine = [attrs for attrs, body in inserted if "第一轮补记" in body]
        assert mine, "the typed sentence is a tracked insertion"
        assert rev.author == editor != "主编丙"
        for attrs in mine:  # credited to the revision, not to who exported
            assert f'w:author="{rev.author}"' in attrs
            assert f'w:date="{w_date(_revision_time(rev.created))}"' in attrs


def test_export_report_as_csv(make_window, demo_db, tmp_path):
    w = make_window(demo_db)
    dlg = w.export_issue()
    wait_idle(w)
    dlg.r_report.setChecked(True)
    dlg.report_format.setCurrentIndex(dlg.report_format.findData("csv"))
    assert dlg.path.text().endswith(".csv") and not dlg.g_copy.isEnabled()
    dlg.path.setText(str(tmp_path / "report.csv"))
    dlg.b_export.click()
    wait_idle(w)
    assert (tmp_path / "report.csv").read_text(encoding="utf-8-sig").count("\n") > 5


# -- 6. who is working -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_first_start_asks_name_and_role_then_preferences_change_them(make_window, demo_db, lang):
    w = make_window(demo_db, language=lang, user="")
    s = w.session.settings
    assert not s.identity_known
    dlg = w.ensure_identity()
    assert dlg is not None and dlg.isVisible()
    assert dlg.windowTitle() == zh(lang, "欢迎使用编辑审校台", "Welcome to the Editorial Review Desk")
    from PySide6.QtWidgets import QDialogButtonBox

    ok = dlg.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dlg.name.setText("")
    assert not ok.isEnabled()  # OK only with a name
    dlg.name.setText("王芳")
    dlg.role.setCurrentIndex(dlg.role.findData("proofreader"))
    assert [dlg.role.itemText(i) for i in range(3)] == zh(lang, ["编辑", "校对", "主编"],
                                                          ["Editor", "Proofreader", "Editor-in-chief"])
    ok.click()
    assert (s.user_name, s.user_role) == ("王芳", "proofreader")
    assert w.user_label.text().endswith(zh(lang, "王芳（校对）", "王芳 (Proofreader)"))
    assert w.ensure_identity() is None  # once only
    # changeable in the preferences
    prefs = w.preferences()
    wait_idle(w)
    assert prefs.role.currentData() == "proofreader"
    prefs.role.setCurrentIndex(prefs.role.findData("editor"))
    prefs.accept()
    wait_idle(w)
    assert s.user_role == "editor"


# -- 7. language -------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_qt_dialogs_and_window_title_in_one_language(make_window, demo_db, lang):
    w = make_window(demo_db, language=lang)
    look_in = QCoreApplication.translate("QFileDialog", "Look in:")
    files_of_type = QCoreApplication.translate("QFileDialog", "Files of type:")
    assert (look_in, files_of_type) == zh(lang, ("查找范围：", "文件类型："), ("Look in:", "Files of type:"))
    from PySide6.QtWidgets import QFileDialog, QLabel

    fd = QFileDialog(w)
    fd.setOption(QFileDialog.Option.DontUseNativeDialog)
    fd.show()
    texts = {lab.text() for lab in fd.findChildren(QLabel)}
    # Qt 6's own labels carry accelerators its zh_CN catalogue lacks: ours fills them in
    assert set(zh(lang, ["查找范围(&L)：", "文件类型(&T)："], ["&Look in:", "Files of &type:"])) <= texts
    fd.deleteLater()
    name = zh(lang, "编辑审校台", "Editorial Review Desk")
    assert QGuiApplication.applicationDisplayName() == name
    assert w.windowTitle().endswith(name)
    if lang == "en":
        assert "编辑审校台" not in w.windowTitle() and "编辑审校台" not in QGuiApplication.applicationDisplayName()
    w.set_language("zh_CN" if lang == "en" else "en")
    QApplication.processEvents()
    other = zh(lang, "Editorial Review Desk", "编辑审校台")
    assert QGuiApplication.applicationDisplayName() == other and w.windowTitle().endswith(other)


# -- 8. layout ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_usable_at_1024_by_600_and_reset_layout(make_window, demo_db, lang):
    w = make_window(demo_db, language=lang)
    w.resize(1024, 600)
    w.fit_docks()
    QApplication.processEvents()
    QApplication.processEvents()  # the status column is hidden after the resize, not inside it
    tree = w.contents.tree
    assert w.width() == 1024, w.width()
    assert w.d_contents.width() >= 200 and tree.header().sectionSize(0) >= 90 and tree.isColumnHidden(1), (w.d_contents.width(), tree.header().sectionSize(0))
    fm = tree.fontMetrics()
    for it in w.contents.items():
        if not it.data(0, Qt.ItemDataRole.UserRole):
            continue
        rect = tree.visualItemRect(it)
        width = tree.header().sectionSize(0)
        need = fm.horizontalAdvance(it.text(0))
        if need > width:  # a long title wraps onto more lines rather than ending in "…"
            assert rect.height() >= 2 * fm.height(), it.text(0)
    # reset layout: docks back, saved state forgotten
    w.d_findings.hide()
    w.save_layout()
    assert w.session.settings.window_state() is not None
    w.actions[A.RESET_LAYOUT].trigger()
    QApplication.processEvents()
    assert w.d_findings.isVisible() and w.d_contents.isVisible() and not w.d_search.isVisible()
    assert w.session.settings.window_state() is None
    assert w.actions[A.RESET_LAYOUT] in w.menus["view"].actions()
    assert w.actions[A.RESET_LAYOUT].text() == zh(lang, "重置布局", "Reset Layout")


def test_default_size_fits_a_small_screen(make_window, demo_db):
    w = make_window(demo_db)
    size = w.default_size()
    avail = w.screen().availableGeometry().size()
    assert size.width() <= avail.width() and size.height() <= avail.height()
