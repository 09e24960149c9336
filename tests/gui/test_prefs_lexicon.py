"""首选项 → 词库: add, remove, import and export the house lexicon; the open issue is re-checked."""

from __future__ import annotations

from editor_app import paths
from editor_app.store import Library
from tests.gui.conftest import wait_idle


def _rows(page):
    return [(page.table.item(r, 1).text(), page.table.item(r, 2).text(), page.table.item(r, 3).text())
            for r in range(page.table.rowCount())]


def test_lexicon_tab_add_remove_import_export(make_window, demo_db, tmp_path):
    w = make_window(demo_db)
    issue = w.session.issue_id
    prefs = w.preferences()
    wait_idle(w)
    page = prefs.lexicon
    assert prefs.tabs.tabText(3) == "词库"
    assert _rows(page) == []
    # a standard formulation with a wrong variant the demo issue prints
    page.kind.setCurrentIndex(page.kind.findData("formulation"))
    assert not page.post.isEnabled()
    page.term.setText("科技创新")
    page.variants.setText("科技革新|科技创兴")
    page.add_entry()
    wait_idle(w)
    assert _rows(page) == [("科技创新", "", "科技革新 | 科技创兴")]
    assert page.changed
    # a person with a post
    page.kind.setCurrentIndex(page.kind.findData("person"))
    assert page.post.isEnabled()
    page.term.setText("周明远")
    page.post.setText("丽水市副市长")
    page.add_entry()
    wait_idle(w)
    assert ("周明远", "丽水市副市长", "") in _rows(page)
    # the open issue was re-checked with the lexicon: its findings are current
    with Library(demo_db) as lib:
        from editor_app.services import checking

        assert issue is None or checking.is_current(lib, issue)
    out = tmp_path / "lexicon.csv"
    page.export_csv(str(out))
    wait_idle(w)
    text = out.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "kind,term,post,variants,note" and "周明远" in text
    # remove both
    page.table.selectAll()
    page.remove_selected()
    wait_idle(w)
    assert _rows(page) == []
    page.import_csv(str(paths.resource("lexicon", "example.csv")))
    wait_idle(w)
    assert len(_rows(page)) == 5
    # an unreadable file: one line on the page, nothing changed
    page.import_csv(str(tmp_path / "missing.csv"))
    wait_idle(w)
    assert "missing.csv" in page.error.text() and len(_rows(page)) == 5
    prefs.reject()
