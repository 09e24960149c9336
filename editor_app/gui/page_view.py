"""The page view (版面): the PDF proof's page beside the article.

A dock (View → 显示版面, F7) showing the page of the proof where the article's cursor
is, rendered to fit the dock's width at the screen's resolution; the selected text —
a finding chosen in the findings panel, or any selection — is highlighted on its
printed characters, the cursor is marked where it stands. The page follows the
cursor through the article and follows the article when another one opens. A click
on the page selects the character printed there in the article pane (opening its
article if it is another one).

The mapping is :mod:`editor_app.services.proof_view` (no Qt), loaded once per issue on
the worker; pages are rendered by its :class:`~editor_app.services.proof_view.PageRenderer`
on the worker as well (PDFium must stay on one thread: the worker imports and exports
PDFs too) and kept in a small LRU cache of QImages per (page, scale); the canvas that draws
them and the cache are in :mod:`.page_canvas`. A page takes
2–6 ms at 96 dpi and up to ~30 ms at 192 dpi on the test proofs (bench/bench_page_view.py);
a real proof with photos costs more, which the worker absorbs.

Zoom: － / ＋ on the dock's bar, Ctrl+wheel over the page or Ctrl+= / Ctrl+-, from the
dock's width (适合宽度, Ctrl+0) to three times it; the zoom is kept from page to page.
Keys, with the page focused: PageDown / PageUp scroll a zoomed page and then turn it
(Space / Shift+Space the same), Home / End go to the first and last page.

When the open issue was not imported from a PDF, the dock says so in one line.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QPalette,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from editor_app.model.pdf import Box
from editor_app.services import proof_view
from editor_app.services.proof_view import IssueProof, PageImage, PageRenderer

from . import labels
from .page_canvas import MARGIN, ImageCache, PageCanvas, to_qimage
from .session import Session

SCALE_STEP = 0.05  # render scales are multiples of this (resizing the dock re-renders rarely)
FOLLOW_DELAY_MS = 40
SELECTION_COLOR = QColor(40, 110, 220)
ZOOMS = (1.0, 1.25, 1.5, 2.0, 2.5, 3.0)  # times the dock's width


class PageView(QWidget):
    """The dock's widget. Reads the article pane (its editor's text, cursor and current
    finding) and asks the window to select text by ``text_chosen``."""

    text_chosen = Signal(int, object)  # segment id, offset in its base text (None: not in its text)
    page_shown = Signal(int)  # 0-based page index

    def __init__(self, session: Session, pane, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pageView")
        self.session = session
        self.pane = pane
        self.renderer = PageRenderer()
        self.cache = ImageCache()
        self.proof: IssueProof | None = None
        self.issue_id: int | None = None
        self.state = "closed"  # closed | loading | none | stale | ready
        self._loaded_for: int | None = None
        self._load_token = 0
        self.page: int | None = None
        self.marks: dict[int, list[tuple[Box, QColor]]] = {}
        self.caret: tuple[int, Box] | None = None
        self.note = ""  # why nothing is highlighted (text written after import ...)
        self._pending: set[tuple[int, int, float]] = set()

        self.message = QLabel(objectName="pageViewMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setMargin(16)
        self.canvas = PageCanvas()
        self.scroll = QScrollArea(objectName="pageScroll")
        self.scroll.setWidget(self.canvas)
        self.scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroll.setBackgroundRole(QPalette.ColorRole.Dark)
        self.prev_btn = QToolButton(objectName="pagePrev", text="◀")
        self.next_btn = QToolButton(objectName="pageNext", text="▶")
        self.zoom_out_btn = QToolButton(objectName="pageZoomOut", text="－")
        self.zoom_in_btn = QToolButton(objectName="pageZoomIn", text="＋")
        self.fit_btn = QToolButton(objectName="pageFit")
        self.zoom = 1.0  # times the dock's width (ZOOMS)
        self.page_label = QLabel(objectName="pageLabel")
        self.status = QLabel(objectName="pageStatus")
        self.status.setWordWrap(True)
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 2)
        bar.addWidget(self.prev_btn)
        bar.addWidget(self.page_label, 1, Qt.AlignmentFlag.AlignCenter)
        bar.addWidget(self.next_btn)
        bar.addSpacing(8)
        bar.addWidget(self.zoom_out_btn)
        bar.addWidget(self.fit_btn)
        bar.addWidget(self.zoom_in_btn)
        viewer = QWidget()
        lay = QVBoxLayout(viewer)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addLayout(bar)
        lay.addWidget(self.scroll, 1)
        lay.addWidget(self.status)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.stack.addWidget(viewer)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        self.follow_timer = QTimer(self, singleShot=True, interval=FOLLOW_DELAY_MS)
        self.follow_timer.timeout.connect(self.follow)
        self.resize_timer = QTimer(self, singleShot=True, interval=120)
        self.resize_timer.timeout.connect(self._render_current)
        self.prev_btn.clicked.connect(lambda: self.step(-1))
        self.next_btn.clicked.connect(lambda: self.step(+1))
        self.zoom_out_btn.clicked.connect(lambda: self.zoom_by(-1))
        self.zoom_in_btn.clicked.connect(lambda: self.zoom_by(+1))
        self.fit_btn.clicked.connect(lambda: self.set_zoom(1.0))
        self.canvas.clicked.connect(self._clicked)
        self.canvas.zoom_wheel.connect(self.zoom_by)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.scroll.installEventFilter(self)
        self.canvas.installEventFilter(self)
        ed = pane.editor
        ed.cursorPositionChanged.connect(self.schedule_follow)
        ed.selectionChanged.connect(self.schedule_follow)
        pane.article_shown.connect(lambda _v: self.schedule_follow())
        session.issue_changed.connect(self.set_issue)
        session.changed.connect(self._on_changed)
        self.retranslate()

    # -- language ---------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.prev_btn.setToolTip(self.tr("上一页（PageUp）"))
        self.next_btn.setToolTip(self.tr("下一页（PageDown）"))
        self.zoom_out_btn.setToolTip(self.tr("缩小（Ctrl+-）"))
        self.zoom_in_btn.setToolTip(self.tr("放大（Ctrl+=，或按住 Ctrl 滚动滚轮）"))
        self.fit_btn.setToolTip(self.tr("适合宽度（Ctrl+0）"))
        self._show_state()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_state(self) -> None:
        texts = {
            "closed": self.tr("没有打开的期刊。"),
            "loading": self.tr("正在载入校样…"),
            "none": self.tr("本期不是从 PDF 校样导入的，没有版面可显示。"),
            "stale": self.tr("本期导入校样后已被其他文件替换，版面与文字不再对应。"),
        }
        if self.state in texts:
            self.message.setText(texts[self.state])
            self.stack.setCurrentIndex(0)
        else:
            self.stack.setCurrentIndex(1)
        self._update_labels()

    def _update_labels(self) -> None:
        if self.proof is None or self.page is None:
            self.page_label.setText("")
            self.prev_btn.setEnabled(False)
            self.next_btn.setEnabled(False)
        else:
            n = self.proof.n_pages
            label = self.proof.pages[self.page].label
            text = self.tr("第 {0} / {1} 页").format(self.page + 1, n)
            if label and label != str(self.page + 1):
                text += self.tr("（页码 {0}）").format(label)
            self.page_label.setText(text)
            self.prev_btn.setEnabled(self.page > 0)
            self.next_btn.setEnabled(self.page < n - 1)
        self.fit_btn.setText(self.tr("适合宽度") if self.zoom == 1.0 else f"{round(self.zoom * 100)}%")
        self.zoom_out_btn.setEnabled(self.zoom > ZOOMS[0])
        self.zoom_in_btn.setEnabled(self.zoom < ZOOMS[-1])
        notes = {
            "": "",
            "new": self.tr("所选文字为导入校样后所写，校样上没有。"),
            "absent": self.tr("本篇不在校样中。"),
            "not_text": self.tr("该处是标题或署名等，不在正文中。"),
        }
        self.status.setText(notes.get(self.note, ""))
        self.status.setVisible(bool(self.note))

    # -- the issue ---------------------------------------------------------------------------

    def set_issue(self, issue_id: int | None) -> None:
        if issue_id != self.issue_id:
            self.issue_id = issue_id
            self._loaded_for = None
            self.proof = None
            self.page = None
            self.marks, self.caret, self.note = {}, None, ""
        self.state = "closed" if issue_id is None else "loading"
        self._show_state()
        if self.isVisible():
            self.load()

    def load(self) -> None:
        """Load the open issue's proof mapping (on the worker), then show where the cursor is."""
        issue = self.issue_id
        if issue is None or self._loaded_for == issue:
            return
        self._load_token += 1
        token = self._load_token
        self.state = "loading"
        self._show_state()

        def done(proof: IssueProof | None) -> None:
            if token != self._load_token or issue != self.issue_id:
                return
            self._loaded_for = issue
            self.proof = proof
            self.state = "none" if proof is None else ("stale" if proof.stale else "ready")
            self.page = None
            self._show_state()
            if proof is not None:
                self.follow()
                if self.page is None:
                    self.show_page(0)

        self.session.read(lambda ctx: proof_view.load_issue_proof(ctx.lib, issue), done)

    def _on_changed(self, changes, _origin) -> None:
        if self.issue_id is None or not changes.concerns(self.issue_id):
            return
        if changes.structure or changes.issues:
            # the partition or the issue itself changed: the base texts (or the proof) may have
            self._loaded_for = None
            self.cache.drop_issue(self.issue_id)
            issue = self.issue_id
            self.session.read(lambda ctx: self.renderer.forget(issue))
            if self.isVisible():
                self.load()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._loaded_for != self.issue_id:
            self.load()
        else:
            self.schedule_follow()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.page is not None:
            self._place_canvas(self.page)
            self.resize_timer.start()

    # -- pages -------------------------------------------------------------------------------

    def fit_scale(self) -> float:
        """Logical pixels per point that fit the page to the dock's width (in steps),
        times the zoom."""
        if self.proof is None or not self.proof.pages:
            return 1.0
        page = self.proof.pages[self.page or 0]
        avail = max(self.scroll.viewport().width() - 2 * MARGIN - 2, 120)
        s = math.floor(avail * self.zoom / page.width / SCALE_STEP) * SCALE_STEP
        return max(SCALE_STEP * 4, round(s, 2))

    def set_zoom(self, zoom: float) -> None:
        """Zoom to ``zoom`` times the dock's width, keeping the middle of the view in view."""
        zoom = min(max(zoom, ZOOMS[0]), ZOOMS[-1])
        if zoom == self.zoom:
            return
        bars = self.scroll.horizontalScrollBar(), self.scroll.verticalScrollBar()
        vp = self.scroll.viewport()
        # the point of the page in the middle of the view, as a fraction of the page
        cw, ch = max(self.canvas.width(), 1), max(self.canvas.height(), 1)
        fx = (bars[0].value() + vp.width() / 2) / cw
        fy = (bars[1].value() + vp.height() / 2) / ch
        self.zoom = zoom
        if self.page is not None:
            self._place_canvas(self.page)
            bars[0].setValue(round(fx * self.canvas.width() - vp.width() / 2))
            bars[1].setValue(round(fy * self.canvas.height() - vp.height() / 2))
        self._update_labels()

    def zoom_by(self, steps: int) -> None:
        """One step up or down ``ZOOMS``."""
        if steps > 0:
            self.set_zoom(next((z for z in ZOOMS if z > self.zoom), ZOOMS[-1]))
        elif steps < 0:
            self.set_zoom(next((z for z in reversed(ZOOMS) if z < self.zoom), ZOOMS[0]))

    # -- keys ----------------------------------------------------------------------------------

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.ShortcutOverride and self.key_action(event) is not None:
            # the page's keys before the window's shortcuts (Ctrl+- is 缩小字号 elsewhere)
            event.accept()
            return True
        if kind == QEvent.Type.KeyPress:
            action = self.key_action(event)
            if action is not None:
                action()
                return True
        return super().eventFilter(obj, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        action = self.key_action(event)
        if action is None:
            super().keyPressEvent(event)
        else:
            action()

    def key_action(self, event: QKeyEvent):
        """What a page or zoom key does (None: not one of them)."""
        if self.proof is None or self.page is None:
            return None
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        if ctrl and key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            return lambda: self.zoom_by(+1)
        if ctrl and key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            return lambda: self.zoom_by(-1)
        if ctrl and key == Qt.Key.Key_0:
            return lambda: self.set_zoom(1.0)
        if ctrl:
            return None
        if key == Qt.Key.Key_PageDown or (key == Qt.Key.Key_Space and not shift):
            return self.page_down
        if key == Qt.Key.Key_PageUp or (key == Qt.Key.Key_Space and shift):
            return self.page_up
        if key == Qt.Key.Key_Home:
            return lambda: self.show_page(0)
        if key == Qt.Key.Key_End:
            return lambda: self.show_page(self.proof.n_pages - 1)
        return None

    def page_down(self) -> None:
        """Scroll a zoomed page down by a view; at its foot, the next page from its top."""
        bar = self.scroll.verticalScrollBar()
        if bar.value() < bar.maximum():
            bar.setValue(bar.value() + bar.pageStep())
        elif self.page is not None and self.page + 1 < self.proof.n_pages:
            self.show_page(self.page + 1)

    def page_up(self) -> None:
        """Scroll a zoomed page up by a view; at its head, the previous page from its foot."""
        bar = self.scroll.verticalScrollBar()
        if bar.value() > bar.minimum():
            bar.setValue(bar.value() - bar.pageStep())
        elif self.page:
            self.show_page(self.page - 1)
            bar.setValue(bar.maximum())

    def pixel_scale(self, scale: float) -> float:
        return round(scale * self.devicePixelRatioF(), 3)

    def show_page(self, page: int) -> None:
        """Show page ``page`` (0-based) at the dock's width: from the cache, or rendered."""
        if self.proof is None or self.issue_id is None or not 0 <= page < self.proof.n_pages:
            return
        changed = page != self.page
        self.page = page
        self._place_canvas(page)
        if changed:
            self.scroll.verticalScrollBar().setValue(0)
            self.page_shown.emit(page)
        self._update_labels()

    def _place_canvas(self, page: int) -> None:
        scale = self.fit_scale()
        px = self.pixel_scale(scale)
        key = (self.issue_id, page, px)
        img = self.cache.get(key)
        size = (self.proof.pages[page].width, self.proof.pages[page].height)
        if img is None:
            self._request(key)  # (a synchronous runner has rendered it already)
            # meanwhile a cached image of the page at another scale, drawn to size
            img = self.cache.fallback(key)
        self.canvas.set_page(img, size, scale)
        self.canvas.set_marks(self.marks.get(page, []), self.caret[1] if self.caret and self.caret[0] == page else None)

    def _render_current(self) -> None:
        if self.page is not None:
            self._place_canvas(self.page)

    def _request(self, key: tuple[int, int, float]) -> None:
        if key in self._pending:
            return
        self._pending.add(key)
        issue, page, px = key
        renderer = self.renderer

        def done(img: PageImage | None) -> None:
            self._pending.discard(key)
            if img is None:
                return
            self.cache.put(key, to_qimage(img))
            if self.issue_id == issue and self.page == page:
                self._place_canvas(page)

        def failed(_exc) -> bool:
            self._pending.discard(key)
            return False  # reported like any failure

        self.session.read(lambda ctx: renderer.render(ctx.lib, issue, page, px), done, failure=failed)

    def step(self, direction: int) -> None:
        if self.page is not None:
            self.show_page(self.page + direction)

    # -- following the article -----------------------------------------------------------------

    def schedule_follow(self) -> None:
        if self.isVisible() and self.state == "ready":
            self.follow_timer.start()

    def selection(self) -> tuple[int, int, int] | None:
        """The article's selection (start, end) and cursor, in Python offsets of its text."""
        ed = self.pane.editor
        if self.pane.view is None:
            return None
        cur = ed.textCursor()
        pm = ed.pos_map()
        return pm.to_py(cur.selectionStart()), pm.to_py(cur.selectionEnd()), pm.to_py(cur.position())

    def follow(self) -> None:
        """Show the page where the article's cursor is, with the selection highlighted."""
        self.follow_timer.stop()
        proof, sel = self.proof, self.selection()
        if proof is None or proof.stale or sel is None or self.pane.view.issue_id != proof.issue_id:
            return  # (an issue opening: its article is not shown yet)
        seg = self.pane.seg_id
        text = self.pane.editor.text()
        start, end, pos = sel
        self.marks, self.caret, self.note = {}, None, ""
        if proof.segment(seg) is None or not proof.segment_pages(seg):
            self.note = "absent"
            self._update_labels()
            return
        page = None
        if end > start:
            f = self.pane.editor.current
            color = labels.category_color(f.category) if f is not None and (f.start, f.end) == (start, end) \
                else SELECTION_COLOR
            boxes = proof.char_boxes(seg, text, start, end)
            for pg, rect in proof_view.line_rects(boxes):
                self.marks.setdefault(pg, []).append((rect, color))
            if boxes:
                page = boxes[0][0]
            elif text[start:end].strip():
                self.note = "new"
        else:
            hit = proof.char_boxes(seg, text, pos, pos + 1)
            if hit:
                pg, (x0, y0, _x1, y1) = hit[0]
                self.caret = (pg, (x0, y0, x0, y1))
            else:
                hit = proof.char_boxes(seg, text, pos - 1, pos) if pos > 0 else []
                if hit:
                    pg, (_x0, y0, x1, y1) = hit[0]
                    self.caret = (pg, (x1, y0, x1, y1))
            if self.caret is not None:
                page = self.caret[0]
        if page is None:
            page = proof.page_of(seg, text, start if end > start else pos)
        if page is not None:
            self.show_page(page)
            if self.marks.get(page):
                self._reveal(self.marks[page][0][0])
            elif self.caret is not None:
                self._reveal(self.caret[1])
        self._update_labels()

    def _reveal(self, box: Box) -> None:
        r = self.canvas.rect_of(box)
        self.scroll.ensureVisible(int(r.center().x()), int(r.center().y()), 40, 80)

    def highlight_rects(self, page: int | None = None) -> list[Box]:
        """The highlighted rectangles on a page (default: the shown one), in PDF points."""
        page = self.page if page is None else page
        return [box for box, _c in self.marks.get(page, [])]

    # -- a click on the page -------------------------------------------------------------------

    def _clicked(self, x: float, y: float) -> None:
        if self.proof is None or self.page is None or self.proof.stale:
            return
        tp = self.proof.point(self.page, x, y)
        if tp is None:
            return
        self.note = "not_text" if tp.base is None else ""
        self._update_labels()
        self.text_chosen.emit(tp.seg_id, tp.base)

    def to_current(self, seg_id: int, text: str, base: int) -> tuple[int, bool]:
        """Offset in ``text`` (segment ``seg_id``'s text now) of a base-text character."""
        if self.proof is None:
            return 0, False
        return self.proof.to_current(seg_id, text, base)
