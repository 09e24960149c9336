"""Language: Simplified Chinese by default, English complete; switching at runtime;
every dialog opened in both languages with no untranslated interface text."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableWidget,
    QTabWidget,
    QTreeWidget,
    QWidget,
)

from editor_app.gui.actions import A

from .conftest import wait_idle
from .test_window import open_article

pytestmark = pytest.mark.gui
HAN = re.compile(r"[\u3400-\u9fff]")
# widgets that show data (article titles, rule titles, authors), not interface text
DATA_WIDGETS = {"prefsLanguage", "prefsAllowRule", "sideMode", "historyBase", "historyList", "prefsRules",
                "prefsAllowlist", "bulkPreview", "contentsTree", "libraryTree", "findingsTree", "overviewTable",
                "searchResults", "titleEdit", "subtitleEdit", "authorsEdit", "dismissReason"}


def interface_texts(root: QWidget) -> list[str]:
    """Texts a translator owns: buttons, unnamed (static) labels, tabs, headers, placeholders,
    combo entries of interface combos, window titles."""
    out: list[str] = []
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if w.objectName() in DATA_WIDGETS:
            continue
        if isinstance(w, QAbstractButton) and w.text():
            out.append(w.text())
        elif isinstance(w, QLabel) and not w.objectName() and w.text():
            out.append(w.text())
        elif isinstance(w, QLineEdit) and w.placeholderText():
            out.append(w.placeholderText())
        elif isinstance(w, QTabWidget):
            # the central tabs: "Issue Overview" and the open article's title (data)
            n = 1 if w.objectName() == "centralTabs" else w.count()
            out.extend(w.tabText(i) for i in range(n))
        elif isinstance(w, QComboBox) and not w.isEditable():
            out.extend(w.itemText(i) for i in range(w.count()))
        if isinstance(w, QTreeWidget):
            h = w.headerItem()
            out.extend(h.text(i) for i in range(h.columnCount()))
        if isinstance(w, QTableWidget):
            out.extend(w.horizontalHeaderItem(i).text() for i in range(w.columnCount())
                       if w.horizontalHeaderItem(i) is not None)
    if root.objectName() == "mainWindow":
        out.append(root.windowTitle().split(" — ")[-1])  # "<issue label> — Editorial Review Desk"
    elif isinstance(root, QDialog) or root.isWindow():
        out.append(root.windowTitle().split(" — ")[0])  # "Revision History — <article title>"
    return [t for t in out if t]


def untranslated(root: QWidget) -> list[str]:
    return [t for t in interface_texts(root) if HAN.search(t)]


def open_every_dialog(w, monkeypatch) -> dict[str, QWidget]:
    """Open each dialog of the window (non-blocking) and return them by name."""
    from editor_app.gui.dialogs.dismiss import DismissDialog

    dialogs: dict[str, QWidget] = {}
    dialogs["preferences"] = w.preferences()
    dialogs["about"] = w.about()
    dialogs["history"] = w.show_history()
    dialogs["bulk_fix"] = w.bulk_fix("punctuation.halfwidth")
    f = next(g for g in w.pane.shown if g.status == "open")
    dialogs["dismiss"] = DismissDialog(f, w)
    dialogs["dismiss"].open()
    dialogs["error"] = w.show_error(*_describe())
    boxes = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: boxes.append(self) or 0)
    w.ask_replace("今日浙江 2024年第10期", "…")
    dialogs["replace"] = boxes[0]
    w.find_in_article()
    dialogs["find_bar"] = w.pane.find_bar
    w.actions[A.TOGGLE_SOURCE].trigger()
    dialogs["side_view"] = w.pane.side
    wait_idle(w)
    return dialogs


def _describe():
    from editor_app.gui.ops import describe_error
    from editor_app.services.issues import UserError

    return describe_error(UserError("scan.png: 这是二进制文件，不是文本 (binary file, not text)"))


def test_default_language_is_simplified_chinese(make_window, demo_db):
    w = make_window(demo_db)
    assert w.translations.language == "zh_CN"
    assert w.menus["file"].title() == "文件(&F)"
    assert w.actions[A.IMPORT].text() == "导入期刊或稿件…"
    assert w.actions[A.NEXT_FINDING].shortcut().toString() == "F8"


def test_switch_to_english_and_back_at_runtime(make_window, sample_db):
    w = make_window(sample_db)
    open_article(w, "奋力推进全球先进制造业基地建设")
    assert w.set_language("en")
    wait_idle(w)
    assert w.menus["file"].title() == "&File"
    assert [w.menus[m].title() for m in ("edit", "check", "review", "view", "help")] == [
        "&Edit", "&Check", "&Review", "&View", "&Help"]
    assert w.actions[A.IMPORT].text() == "Import Issue or Manuscript…"
    assert w.actions[A.APPLY_FIX].text() == "Apply Suggestion"
    assert w.d_findings.windowTitle() == "Findings"
    assert w.tabs.tabText(0) == "Issue Overview"
    assert w.findings.scope.currentText() == "This article"
    assert w.findings.status.currentText() == "Open"
    assert w.contents.tree.headerItem().text(0) == "Article"
    assert w.pane.header.l_authors.text() == "Authors"
    assert w.overview.table.horizontalHeaderItem(2).text() == "Num."
    assert w.overview.table.horizontalHeaderItem(2).toolTip() == "Numbers"
    assert "Issue error rate" in w.overview.rate.text()
    assert w.save_label.text().startswith("Saved")
    assert untranslated(w) == []
    assert w.session.settings.language == "en"
    assert w.set_language("zh_CN")
    wait_idle(w)
    assert w.menus["file"].title() == "文件(&F)"
    assert w.d_findings.windowTitle() == "校对"
    assert w.findings.status.currentText() == "待处理"
    assert "全期差错率" in w.overview.rate.text()
    assert w.session.settings.language == "zh_CN"


def test_language_is_remembered(make_window, demo_db):
    w = make_window(demo_db)
    w.set_language("en")
    w.close()
    w2 = make_window(demo_db)
    assert w2.translations.language == "en"
    assert w2.menus["file"].title() == "&File"


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_dialog_in_both_languages(make_window, sample_db, monkeypatch, language):
    w = make_window(sample_db, language=language)
    open_article(w, "奋力推进全球先进制造业基地建设")
    dialogs = open_every_dialog(w, monkeypatch)
    assert set(dialogs) == {"preferences", "about", "history", "bulk_fix", "dismiss", "error", "replace",
                            "find_bar", "side_view"}
    for name, dlg in dialogs.items():
        texts = interface_texts(dlg)
        assert texts, name
        if language == "en":
            assert untranslated(dlg) == [], name
        else:
            assert any(HAN.search(t) for t in texts), name
    if language == "en":
        assert dialogs["preferences"].windowTitle() == "Preferences"
        assert dialogs["history"].windowTitle().startswith("Revision History — ")
        assert dialogs["bulk_fix"].b_apply.text() == "Write Changes"
        assert dialogs["error"].windowTitle() == "Operation Not Completed"
        assert untranslated(w) == []
    else:
        assert dialogs["preferences"].windowTitle() == "首选项"
        assert dialogs["bulk_fix"].b_apply.text() == "写入修改"
    # switching language while the dialogs are open re-translates them too
    other = "zh_CN" if language == "en" else "en"
    w.set_language(other)
    wait_idle(w)
    for name in ("preferences", "history", "bulk_fix", "dismiss"):
        texts = interface_texts(dialogs[name])
        if other == "en":
            assert untranslated(dialogs[name]) == [], name
        else:
            assert any(HAN.search(t) for t in texts), name
    for dlg in dialogs.values():
        if isinstance(dlg, QDialog):
            dlg.close()
