"""The page view (版面): the PDF proof's page beside the article, on the demo issue
imported as a PDF proof (tests/pdf_material.py).

A finding chosen in the findings panel is highlighted on its printed characters; a click
on the page selects the character printed there in the article (another article's too);
the page follows the cursor and the article; F7 shows and hides the dock, which keeps
its visibility; an issue without a proof says so, in Chinese and in English; the page
zooms (buttons, keys, Ctrl+wheel) and turns with PageDown / PageUp / Home / End.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QTextCursor, QWheelEvent
from PySide6.QtWidgets import QApplication

from editor_app.gui import labels
from editor_app.gui.actions import A
from tests.pdf_material import magazine_pdf

from .conftest import _copy, _template, wait_idle
from .test_window import type_text

pytestmark = pytest.mark.gui

ARTICLE = "让“千村示范”结出“共富”硕果"  # two columns over two pages
OTHER = "“强村公司”激活共富引擎"  # the next article, on the next page


@pytest.fixture(scope="session")
def proof_template(tmp_path_factory):
    pdf = magazine_pdf(tmp_path_factory.getbasetemp() / "magazine.pdf")
    return _template(tmp_path_factory, "proof-lib", [pdf])


@pytest.fixture
def proof_db(proof_template, tmp_path):
    return _copy(proof_template, tmp_path / "lib")


def open_titled(w, title: str) -> int:
    item = next(it for it in w.contents.items() if title in it.text(0))
    w.contents.tree.setCurrentItem(item)
    wait_idle(w)
    assert w.pane.view.title == title
    return w.pane.seg_id


def settle(w, qtbot) -> None:
    wait_idle(w)
    pv = w.page_view
    qtbot.waitUntil(lambda: not pv.follow_timer.isActive() and not pv._pending, timeout=3000)
    wait_idle(w)


def with_page(w, qtbot, title: str = ARTICLE):
    w.show_page_view(True)
    seg = open_titled(w, title)
    settle(w, qtbot)
    pv = w.page_view
    assert pv.state == "ready" and pv.page is not None
    return pv, seg


def covered(box, rects, tol: float = 0.01) -> bool:
    x0, y0, x1, y1 = box
    return any(a0 - tol <= x0 and x1 <= a1 + tol and b0 - tol <= y0 and y1 <= b1 + tol for a0, b0, a1, b1 in rects)


def click_char(qtbot, pv, box) -> None:
    r = pv.canvas.rect_of(box)
    pv.scroll.ensureVisible(int(r.center().x()), int(r.center().y()), 20, 20)
    QApplication.processEvents()
    qtbot.mouseClick(pv.canvas, Qt.MouseButton.LeftButton, pos=QPoint(round(r.center().x()), round(r.center().y())))


def test_selecting_a_finding_highlights_its_characters_on_the_page(make_window, proof_db, qtbot):
    w = make_window(proof_db)
    pv, seg = with_page(w, qtbot)
    text = w.pane.editor.text()
    chosen = [f for f in w.pane.shown if f.status == "open" and f.end > f.start]
    assert chosen
    for f in chosen:
        assert w.findings.select(f, emit=True)  # a click in the findings panel
        settle(w, qtbot)
        assert w.pane.editor.textCursor().selectedText() == text[f.start : f.end]
        boxes = pv.proof.char_boxes(seg, text, f.start, f.end)
        assert boxes, f.excerpt
        page = boxes[0][0]
        assert pv.page == page and pv.canvas.image is not None  # the page is shown, rendered
        rects = pv.highlight_rects(page)
        assert rects and all(covered(b, rects) for p, b in boxes if p == page), (f.excerpt, boxes, rects)
        # nothing else is highlighted: every rectangle holds a character of the finding
        assert all(any(covered(b, [r]) for p, b in boxes if p == page) for r in rects)
        colors = {c.name() for _b, c in pv.marks[page]}
        assert colors == {labels.category_color(f.category).name()}
        # and the rectangles are where the canvas paints them: inside the page image
        for r in rects:
            q = pv.canvas.rect_of(r)
            assert 0 < q.left() < q.right() <= pv.canvas.width() and 0 < q.top() < q.bottom() <= pv.canvas.height()


def test_a_click_on_the_page_selects_the_text_there(make_window, proof_db, qtbot):
    w = make_window(proof_db)
    pv, seg = with_page(w, qtbot)
    text = w.pane.editor.text()
    k = text.index("乡村兴则全省兴") + 4  # 全
    page, box = pv.proof.char_boxes(seg, text, k, k + 1)[0]
    pv.show_page(page)
    click_char(qtbot, pv, box)
    settle(w, qtbot)
    cur = w.pane.editor.textCursor()
    assert (cur.selectionStart(), cur.selectionEnd()) == (k, k + 1) and cur.selectedText() == "全"
    assert pv.highlight_rects(page) and covered(box, pv.highlight_rects(page))
    # after typing before it (unsaved), a click on the same printed character finds it moved
    ed = w.pane.editor
    para = text.rfind("\n", 0, k) + 1
    c = ed.textCursor()
    c.setPosition(para)
    ed.setTextCursor(c)
    type_text(ed, "新写")
    settle(w, qtbot)
    assert ed.text()[para : para + 2] == "新写"
    pv.show_page(page)
    click_char(qtbot, pv, box)
    settle(w, qtbot)
    cur = ed.textCursor()
    assert (cur.selectionStart(), cur.selectionEnd()) == (k + 2, k + 3) and cur.selectedText() == "全"


def test_a_click_on_another_articles_text_opens_it_there(make_window, proof_db, qtbot):
    w = make_window(proof_db)
    pv, seg = with_page(w, qtbot)
    other = next(sg for sg in pv.proof.segments if sg.title == OTHER)
    assert not set(other.pages) & set(pv.proof.segment_pages(seg))
    base_text = other.base
    k = base_text.index("强村公司", 10)
    page, box = pv.proof.char_boxes(other.seg_id, base_text, k, k + 1)[0]  # the stored text is the imported one
    pv.show_page(page)
    assert pv.page == page
    click_char(qtbot, pv, box)
    settle(w, qtbot)
    assert w.pane.seg_id == other.seg_id
    cur = w.pane.editor.textCursor()
    assert (cur.selectionStart(), cur.selectionEnd()) == (k, k + 1) and cur.selectedText() == base_text[k]
    # paper is not text: a click there changes nothing
    click = pv.canvas.rect_of((3.0, 3.0, 4.0, 4.0)).center()
    qtbot.mouseClick(pv.canvas, Qt.MouseButton.LeftButton, pos=QPoint(round(click.x()), round(click.y())))
    settle(w, qtbot)
    assert w.pane.seg_id == other.seg_id and w.pane.editor.textCursor().selectionStart() == k


def test_the_page_follows_the_cursor_and_the_article(make_window, proof_db, qtbot):
    w = make_window(proof_db)
    pv, seg = with_page(w, qtbot)
    first, second = pv.proof.segment_pages(seg)
    ed = w.pane.editor
    ed.moveCursor(QTextCursor.MoveOperation.Start)
    settle(w, qtbot)
    assert pv.page == first and pv.caret is not None and pv.caret[0] == first
    renders = pv.cache.misses
    ed.moveCursor(QTextCursor.MoveOperation.End)  # the end of the article is on its second page
    settle(w, qtbot)
    assert pv.page == second and pv.caret[0] == second and pv.canvas.image is not None
    ed.moveCursor(QTextCursor.MoveOperation.Start)
    settle(w, qtbot)
    assert pv.page == first
    hits = pv.cache.hits
    assert pv.cache.misses == renders + 1  # the first page came from the cache
    assert hits > 0
    # switching article: the page follows to the new article's first page
    other = open_titled(w, OTHER)
    settle(w, qtbot)
    assert pv.page == pv.proof.segment_pages(other)[0]


def test_f7_shows_the_dock_and_it_remembers(make_window, proof_db, qtbot):
    w = make_window(proof_db)
    assert w.d_page.isHidden() and not w.actions[A.PAGE_VIEW].isChecked()
    assert w.actions[A.PAGE_VIEW].shortcut().toString() == "F7"
    open_titled(w, ARTICLE)
    w.pane.editor.setFocus()
    qtbot.keyClick(QApplication.focusWidget() or w, Qt.Key.Key_F7)
    settle(w, qtbot)
    assert w.d_page.isVisible() and w.actions[A.PAGE_VIEW].isChecked()
    assert w.page_view.state == "ready" and w.page_view.canvas.image is not None
    assert w.d_page.width() >= 280  # the page gets room beside the article
    w.close()
    w2 = make_window(proof_db)
    settle(w2, qtbot)
    assert w2.d_page.isVisible() and w2.actions[A.PAGE_VIEW].isChecked()
    w2.page_view.setFocus()
    qtbot.keyClick(w2.page_view, Qt.Key.Key_F7)
    assert w2.d_page.isHidden() and not w2.actions[A.PAGE_VIEW].isChecked()
    # the view menu lists it once, with its shortcut
    view = w2.menus["view"].actions()
    assert view.count(w2.actions[A.PAGE_VIEW]) == 1 and w2.d_page.toggleViewAction() not in view


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_an_issue_without_a_proof_says_so(make_window, demo_db, qtbot, language):
    w = make_window(demo_db, language=language)
    w.show_page_view(True)
    settle(w, qtbot)
    pv = w.page_view
    assert pv.state == "none" and pv.stack.currentWidget() is pv.message and pv.message.isVisible()
    if language == "en":
        assert w.d_page.windowTitle() == "Page"
        assert w.actions[A.PAGE_VIEW].text() == "Show Page"
        assert pv.message.text() == "This issue was not imported from a PDF proof: there is no page to show."
    else:
        assert w.d_page.windowTitle() == "版面"
        assert w.actions[A.PAGE_VIEW].text() == "显示版面"
        assert pv.message.text() == "本期不是从 PDF 校样导入的，没有版面可显示。"
    # switching language at runtime re-translates the message
    other = "zh_CN" if language == "en" else "en"
    w.set_language(other)
    QApplication.processEvents()
    assert ("PDF proof" in pv.message.text()) == (other == "en")


def test_the_page_view_in_english_on_a_proof(make_window, proof_db, qtbot):
    w = make_window(proof_db, language="en")
    pv, seg = with_page(w, qtbot)
    assert pv.page_label.text() == f"Page {pv.page + 1} of {pv.proof.n_pages}"
    assert pv.prev_btn.toolTip() == "Previous page (Page Up)"
    assert pv.next_btn.toolTip() == "Next page (Page Down)"
    assert pv.fit_btn.text() == "Fit width" and pv.zoom_in_btn.toolTip().startswith("Zoom in")


def test_pages_render_on_the_worker_thread(make_window, proof_db, qtbot):
    """With the real worker (as `editor-app run`), PDFium renders off the UI thread."""
    import threading

    w = make_window(proof_db, synchronous=False)
    pv = w.page_view
    threads = []
    render = pv.renderer.render

    def recording(*args, **kwargs):
        threads.append(threading.current_thread())
        return render(*args, **kwargs)

    pv.renderer.render = recording
    w.show_page_view(True)
    item = next(it for it in w.contents.items() if ARTICLE in it.text(0))
    w.contents.tree.setCurrentItem(item)
    qtbot.waitUntil(lambda: w.pane.view is not None and w.pane.view.title == ARTICLE, timeout=10000)
    # the dock may show the first page before the article is open: wait until it follows
    qtbot.waitUntil(
        lambda: pv.state == "ready" and pv.canvas.image is not None
        and pv.page in pv.proof.segment_pages(w.pane.seg_id),
        timeout=10000,
    )
    assert threads and all(t is not threading.main_thread() for t in threads)


def test_a_proof_replaced_by_another_file_says_the_pages_no_longer_match(make_window, proof_db, qtbot):
    from editor_app.services import importing
    from editor_app.services import issues as svc
    from tests.pdf_material import DEMO

    with svc.open_library(proof_db) as lib:
        importing.import_issue_file(lib, DEMO, replace=True)  # the text export replaces the PDF's text
    w = make_window(proof_db)
    w.show_page_view(True)
    settle(w, qtbot)
    pv = w.page_view
    assert pv.state == "stale" and pv.stack.currentWidget() is pv.message
    assert pv.message.text() == "本期导入校样后已被其他文件替换，版面与文字不再对应。"


def test_the_page_zooms_and_the_highlight_stays_on_its_characters(make_window, proof_db, qtbot):
    w = make_window(proof_db)
    pv, seg = with_page(w, qtbot)
    assert pv.fit_btn.text() == "适合宽度" and not pv.zoom_out_btn.isEnabled()
    fit_width = pv.canvas.width()
    # a finding selected, then zoomed twice: 1.5 times the dock's width
    text = w.pane.editor.text()
    f = next(f for f in w.pane.shown if f.status == "open" and f.end > f.start
             and text[f.start : f.end].strip() and pv.proof.char_boxes(seg, text, f.start, f.end))
    assert w.findings.select(f, emit=True)
    settle(w, qtbot)
    marks = pv.highlight_rects()
    assert marks
    qtbot.mouseClick(pv.zoom_in_btn, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pv.zoom_in_btn, Qt.MouseButton.LeftButton)
    settle(w, qtbot)
    assert pv.zoom == 1.5 and pv.fit_btn.text() == "150%"
    assert abs(pv.canvas.width() - 1.5 * fit_width) <= 0.06 * fit_width
    # the page image is rendered anew at the larger scale, not stretched
    qtbot.waitUntil(lambda: pv.canvas.image is not None
                    and pv.canvas.image.width() >= 1.4 * fit_width * pv.devicePixelRatioF() * 0.9,
                    timeout=3000)
    assert pv.highlight_rects() == marks  # the same printed characters, in PDF points
    # the highlight is brought into view after a zoom when the finding is chosen again
    w.pane.editor.moveCursor(QTextCursor.MoveOperation.Start)
    settle(w, qtbot)
    assert w.findings.select(f, emit=True)
    settle(w, qtbot)
    r = pv.canvas.rect_of(marks[0])
    top_left = pv.canvas.mapTo(pv.scroll.viewport(), QPoint(round(r.left()), round(r.top())))
    assert pv.scroll.viewport().rect().contains(top_left)
    # Ctrl+wheel over the page zooms too; Ctrl+0 fits the width again
    wheel = QWheelEvent(QPointF(20, 20), pv.canvas.mapToGlobal(QPointF(20, 20)), QPoint(0, 0),
                        QPoint(0, 120), Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(pv.canvas, wheel)
    assert pv.zoom == 2.0
    pv.scroll.setFocus()
    qtbot.keyClick(pv.scroll, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    settle(w, qtbot)
    assert pv.zoom == 1.0 and abs(pv.canvas.width() - fit_width) <= 2
    for _ in range(10):
        qtbot.keyClick(pv.scroll, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert pv.zoom == 3.0 and not pv.zoom_in_btn.isEnabled()
    qtbot.keyClick(pv.scroll, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert pv.zoom == 2.5


def test_keys_turn_the_pages(make_window, proof_db, qtbot):
    w = make_window(proof_db)
    pv, _seg = with_page(w, qtbot)
    pv.set_zoom(2.0)  # a page taller than the view: PageDown scrolls it first
    settle(w, qtbot)
    bar = pv.scroll.verticalScrollBar()
    assert bar.maximum() > 0
    start = pv.page
    pv.scroll.setFocus()
    bar.setValue(0)
    presses = 0
    while pv.page == start and presses < 50:
        qtbot.keyClick(pv.scroll, Qt.Key.Key_PageDown)
        presses += 1
    assert pv.page == start + 1 and presses >= 2  # scrolled down the page, then turned it
    assert bar.value() == 0  # the next page from its top
    qtbot.keyClick(pv.scroll, Qt.Key.Key_PageUp)
    assert pv.page == start and bar.value() == bar.maximum()  # back, at the foot of the page
    qtbot.keyClick(pv.scroll, Qt.Key.Key_End)
    assert pv.page == pv.proof.n_pages - 1
    qtbot.keyClick(pv.scroll, Qt.Key.Key_Home)
    assert pv.page == 0
    assert pv.zoom == 2.0  # the zoom is kept from page to page


def test_the_export_dialog_writes_the_annotated_proof(make_window, proof_db, qtbot, tmp_path):
    from tests.export.test_pdf_export import annotations

    w = make_window(proof_db)
    open_titled(w, ARTICLE)
    dlg = w.export_issue()
    wait_idle(w)
    assert dlg.r_proof.isEnabled()
    dlg.r_proof.setChecked(True)
    assert not dlg.g_copy.isEnabled() and dlg.lang.isEnabled()  # the notes have a language
    assert dlg.path.text().endswith(".pdf")
    dlg.lang.setCurrentIndex(dlg.lang.findData("en"))
    out = tmp_path / "annotated.pdf"
    dlg.path.setText(str(out))
    job = dlg.job()
    assert (job.what, job.lang) == ("proof", "en")
    dlg.b_export.click()
    wait_idle(w)
    assert w.last_error is None
    notes = [a for _p, a in annotations(out) if str(a.get("/NM", "")).startswith("finding-")]
    from editor_app.services import issues as svc

    with svc.open_library(w.session.db_path) as lib:
        n_open = len(lib.list_findings(w.session.issue_id, status="open"))
    assert len({str(a["/NM"]).split("-p")[0] for a in notes}) == n_open > 0
    assert all(str(a["/T"]) == w.session.user for a in notes)
    # the report's language can be chosen too (it sat in the disabled copy group before)
    again = w.export_issue()
    wait_idle(w)
    assert again.r_proof.isChecked()  # remembered
    again.r_report.setChecked(True)
    assert again.lang.isEnabled()
    again.reject()


def test_an_issue_without_a_proof_cannot_export_one(make_window, demo_db):
    w = make_window(demo_db)
    dlg = w.export_issue()
    wait_idle(w)
    assert not dlg.r_proof.isEnabled() and not dlg.r_proof.isChecked()
    assert dlg.r_proof.toolTip() == "本期不是从 PDF 校样导入的。"
    dlg.reject()
