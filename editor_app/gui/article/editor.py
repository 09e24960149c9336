"""The body editor: plain text, findings underlined in their category's colour.

Offsets: the model counts Python characters (code points); Qt counts UTF-16
units, so a character outside the BMP (🌀, rare ideographs of extension B)
takes two Qt positions. :class:`PosMap` converts between the two; every span
that enters or leaves this widget is in Python offsets.

The editor keeps the text it last saw (``_text``) and turns each document
change into one edit ``(pos, removed, added)`` in Python offsets, emitted as
``edited`` after bumping ``text_rev`` — the revision number background checks
and saves are tagged with.
"""

from __future__ import annotations

import bisect
import html

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette, QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit, QToolTip, QWidget

from editor_app.model import Finding

from .. import labels

LINE_HEIGHT_PERCENT = 165
PARAGRAPH_GAP = 8  # pixels below each paragraph
CURRENT_BG = QColor("#ffe58f")
SEARCH_BG = QColor("#b3e5fc")


class PosMap:
    """Python <-> Qt (UTF-16) offsets of one text."""

    def __init__(self, text: str):
        self.astral = [i for i, c in enumerate(text) if ord(c) > 0xFFFF]

    def to_qt(self, i: int) -> int:
        return i + bisect.bisect_left(self.astral, i) if self.astral else i

    def to_py(self, q: int) -> int:
        if not self.astral:
            return q
        lo, hi = 0, q
        while lo < hi:  # the smallest i with to_qt(i) >= q
            mid = (lo + hi) // 2
            if self.to_qt(mid) < q:
                lo = mid + 1
            else:
                hi = mid
        return lo


def edit_span(old: str, new: str) -> tuple[int, int, int]:
    """One edit turning ``old`` into ``new``: (position, removed, added), by common prefix and suffix."""
    n = min(len(old), len(new))
    lo, hi = 0, n
    while lo < hi:  # longest common prefix, by halving (slices compare at C speed)
        mid = (lo + hi + 1) // 2
        if old[:mid] == new[:mid]:
            lo = mid
        else:
            hi = mid - 1
    p = lo
    lo, hi = 0, n - p
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if old[len(old) - mid:] == new[len(new) - mid:]:
            lo = mid
        else:
            hi = mid - 1
    s = lo
    return p, len(old) - p - s, len(new) - p - s


class BodyEditor(QTextEdit):
    edited = Signal(int, int, int)  # pos, removed, added (Python offsets)
    finding_clicked = Signal(object)  # Finding

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("bodyEditor")
        self.setAcceptRichText(False)
        self.setTabChangesFocus(False)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.document().setDocumentMargin(28)
        self.setMouseTracking(True)
        self.text_rev = 0
        self._text = ""
        self._map: PosMap | None = None
        self._loading = False
        self.findings: list[Finding] = []
        self.current: Finding | None = None
        self.search_spans: list[tuple[int, int]] = []
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.Base, QColor("#fffdf8"))
        pal.setColor(QPalette.ColorRole.Text, QColor("#1d1d1d"))
        self.setPalette(pal)
        self.document().contentsChange.connect(self._on_change)

    # -- text ---------------------------------------------------------------------------

    def text(self) -> str:
        """The document's text exactly (no-break spaces kept; paragraphs joined by "\\n")."""
        return self.document().toRawText().replace("\u2029", "\n")

    def pos_map(self) -> PosMap:
        if self._map is None:
            self._map = PosMap(self._text)
        return self._map

    def set_text(self, text: str) -> None:
        """Load a text (a new article): resets undo, findings and the revision counter's base."""
        self._loading = True
        try:
            self.document().setUndoRedoEnabled(False)
            self.setPlainText(text)
            self._format_blocks()
            self.document().setUndoRedoEnabled(True)
        finally:
            self._loading = False
        self._text = self.text()
        self._map = None
        self.findings = []
        self.current = None
        self.search_spans = []
        self.text_rev += 1
        self._render()
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def replace_text(self, new: str) -> None:
        """Turn the current text into ``new`` as one undoable edit (keeps cursor and scroll)."""
        old = self.text()
        if old == new:
            return
        pos, removed, added = edit_span(old, new)
        pm = PosMap(old)
        cur = QTextCursor(self.document())
        cur.beginEditBlock()
        cur.setPosition(pm.to_qt(pos))
        cur.setPosition(pm.to_qt(pos + removed), QTextCursor.MoveMode.KeepAnchor)
        cur.insertText(new[pos : pos + added])
        cur.endEditBlock()

    def _format_blocks(self) -> None:
        fmt = QTextBlockFormat()
        fmt.setLineHeight(LINE_HEIGHT_PERCENT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        fmt.setBottomMargin(PARAGRAPH_GAP)
        cur = QTextCursor(self.document())
        cur.select(QTextCursor.SelectionType.Document)
        cur.mergeBlockFormat(fmt)

    def _on_change(self, _pos: int, _removed: int, _added: int) -> None:
        if self._loading:
            return
        new = self.text()
        if new == self._text:
            return  # a format change
        pos, removed, added = edit_span(self._text, new)
        self._text = new
        self._map = None
        self.text_rev += 1
        self.edited.emit(pos, removed, added)

    def setFont(self, font: QFont) -> None:  # noqa: N802 - Qt override
        super().setFont(font)
        self.document().setDefaultFont(font)

    # -- findings -----------------------------------------------------------------------

    def set_findings(self, findings: list[Finding], current: Finding | None = None) -> None:
        self.findings = [f for f in findings if f.status == "open"]
        if current is not None:
            self.current = current
        elif self.current is not None:
            self.current = self._same(self.current)
        self._render()

    def _same(self, f: Finding) -> Finding | None:
        for g in self.findings:
            if (f.id is not None and g.id == f.id) or (g.rule == f.rule and g.fingerprint == f.fingerprint):
                return g
        return None

    def finding_at(self, py_pos: int) -> Finding | None:
        best = None
        for f in self.findings:
            start, end = f.start, max(f.end, f.start + 1)
            if start <= py_pos < end or (py_pos == end and f.end > f.start and py_pos == f.end):
                if best is None or (f.end - f.start) < (best.end - best.start):
                    best = f
        return best

    def select_span(self, start: int, end: int, current: Finding | None = None) -> None:
        """Select [start, end) (Python offsets), scroll it into view."""
        n = len(self._text)
        start, end = max(0, min(start, n)), max(0, min(end, n))
        pm = self.pos_map()
        cur = self.textCursor()
        cur.setPosition(pm.to_qt(start))
        cur.setPosition(pm.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cur)
        self.ensureCursorVisible()
        if current is not None:
            self.current = self._same(current) or current
            self._render()

    def set_search_spans(self, spans: list[tuple[int, int]]) -> None:
        self.search_spans = spans
        self._render()

    def _cursor_for(self, start: int, end: int) -> QTextCursor:
        pm = self.pos_map()
        n = len(self._text)
        if end <= start:  # an insertion point: mark the character beside it
            if start < n:
                end = start + 1
            elif start > 0:
                start, end = start - 1, start
        cur = QTextCursor(self.document())
        cur.setPosition(pm.to_qt(max(0, min(start, n))))
        cur.setPosition(pm.to_qt(max(0, min(end, n))), QTextCursor.MoveMode.KeepAnchor)
        return cur

    def _render(self) -> None:
        sels = []
        for start, end in self.search_spans:
            sel = QTextEdit.ExtraSelection()
            sel.cursor = self._cursor_for(start, end)
            fmt = QTextCharFormat()
            fmt.setBackground(SEARCH_BG)
            sel.format = fmt
            sels.append(sel)
        for f in self.findings:
            sel = QTextEdit.ExtraSelection()
            sel.cursor = self._cursor_for(f.start, f.end)
            fmt = QTextCharFormat()
            color = labels.category_color(f.category)
            fmt.setUnderlineColor(color)
            fmt.setUnderlineStyle(
                QTextCharFormat.UnderlineStyle.DotLine
                if f.severity == "info"
                else QTextCharFormat.UnderlineStyle.WaveUnderline
            )
            if f.severity != "info":
                bg = QColor(color)
                bg.setAlpha(70 if f.severity == "error" else 38)
                fmt.setBackground(bg)
            if self.current is not None and f is self.current:
                fmt.setBackground(CURRENT_BG)
            sel.format = fmt
            sels.append(sel)
        self.setExtraSelections(sels)

    # -- hover and click ----------------------------------------------------------------

    def _py_pos_at(self, point: QPoint) -> int:
        q = self.cursorForPosition(point).position()
        return self.pos_map().to_py(q)

    def tooltip_html(self, f: Finding) -> str:
        head = (f"<b>[{html.escape(labels.category(f.category))}]</b> "
                f"{html.escape(labels.finding_message(f))}")
        parts = [head]
        if f.suggestion is not None:
            parts.append(
                self.tr("建议：「{0}」→「{1}」").format(
                    html.escape(f.excerpt), html.escape(f.suggestion) or self.tr("（删除）")
                )
            )
        parts.append(
            f"<span style='color:#777'>{html.escape(labels.rule_title(f.rule))} · "
            f"{html.escape(labels.severity(f.severity))}</span>"
        )
        return "<p style='white-space:pre-wrap'>" + "<br>".join(parts) + "</p>"

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ToolTip:
            f = self.finding_at(self._py_pos_at(event.pos()))
            if f is not None:
                QToolTip.showText(event.globalPos(), self.tooltip_html(f), self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def inputMethodEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.isReadOnly():  # read-only (a role, a signed article): no committed text either
            event.ignore()
            return
        super().inputMethodEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            f = self.finding_at(self._py_pos_at(event.position().toPoint()))
            if f is not None:
                self.current = f
                self._render()
                self.finding_clicked.emit(f)
