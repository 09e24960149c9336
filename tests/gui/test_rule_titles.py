"""Users see a rule's title, never its id: the findings panel (rows, tooltips), the
detail box (the id only in its small grey "details" line for support), the editor's
tooltip and the dismiss dialog; in English the titles and messages are English."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QTreeWidgetItemIterator

from editor_app.checks.messages import unquoted_cjk
from editor_app.gui.dialogs.dismiss import DismissDialog
from editor_app.services import checking

from .conftest import wait_idle
from .test_window import open_article

pytestmark = pytest.mark.gui
REGISTRY = checking.registry()
ID_RE = re.compile("|".join(re.escape(r.id) for r in REGISTRY))


def _tree_texts(tree) -> list[str]:
    out = []
    it = QTreeWidgetItemIterator(tree)
    while it.value():
        item = it.value()
        out += [item.text(0), item.toolTip(0)]
        it += 1
    return out


def _detail_without_support_line(html: str) -> str:
    return re.sub(r"<span style='color:#999[^']*'>[^<]*</span>", "", html)


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_no_rule_ids_and_titles_in_the_windows_language(make_window, sample_db, language):
    w = make_window(sample_db, language=language)
    open_article(w, "奋力推进全球先进制造业基地建设")
    wait_idle(w)
    panel = w.findings
    shown = [f for f in w.pane.shown if f.status == "open"]
    assert shown
    texts = _tree_texts(panel.tree)
    assert texts and not any(ID_RE.search(t) for t in texts)
    rules = {f.rule for f in panel.visible_findings()}
    for rule_id in rules:
        rule = REGISTRY[rule_id]
        title = rule.title_en if language == "en" else rule.title
        assert any(t.startswith(title + "  (") for t in texts), (rule_id, title)

    f = shown[0]
    assert panel.select(f, emit=True)
    detail = panel.detail.text()
    # the id shows only in the small grey support line ("details")
    assert ID_RE.search(detail)
    support = "Details:" if language == "en" else "详细信息："
    assert support in detail
    assert not ID_RE.search(_detail_without_support_line(detail))
    rule = REGISTRY[f.rule]
    tip = w.pane.editor.tooltip_html(f)
    assert not ID_RE.search(tip)
    dlg = DismissDialog(f, w)
    assert not ID_RE.search(dlg.what.text())
    if language == "en":
        english = rule.message_in(f.message, "en")
        assert rule.title_en in detail.replace("&amp;", "&") and rule.title_en in tip.replace("&amp;", "&")
        assert "“" in english or not unquoted_cjk(english)
        assert any(t.startswith(english) for t in texts), english  # the row's tooltip
        assert not unquoted_cjk(english)
    else:
        assert rule.title in detail and f.message in detail and rule.title in tip
    dlg.close()


def test_switching_language_retitles_the_findings(make_window, sample_db):
    w = make_window(sample_db)
    open_article(w, "奋力推进全球先进制造业基地建设")
    wait_idle(w)
    rules = {f.rule for f in w.findings.visible_findings()}
    zh = _tree_texts(w.findings.tree)
    assert all(any(t.startswith(REGISTRY[r].title + "  (") for t in zh) for r in rules)
    w.set_language("en")
    wait_idle(w)
    en = _tree_texts(w.findings.tree)
    assert all(any(t.startswith(REGISTRY[r].title_en + "  (") for t in en) for r in rules)
    assert not any(ID_RE.search(t) for t in en)
    w.set_language("zh_CN")
    wait_idle(w)


def test_preferences_and_history_name_rules_by_title_in_english(make_window, sample_db):
    w = make_window(sample_db, language="en")
    open_article(w, "奋力推进全球先进制造业基地建设")
    dlg = w.preferences()
    items = []
    for i in range(dlg.rules.topLevelItemCount()):
        top = dlg.rules.topLevelItem(i)
        items += [top.child(k) for k in range(top.childCount())]
    by_id = {it.text(2): it.text(0) for it in items}
    assert by_id and all(by_id[r.id] == r.title_en for r in REGISTRY)
    dlg.close()
    hist = w.show_history()
    assert REGISTRY["punctuation.halfwidth"].title_en in hist.note_label("fix punctuation.halfwidth")
    assert "punctuation.halfwidth" not in hist.note_label("bulk fix punctuation.halfwidth")
    hist.close()
