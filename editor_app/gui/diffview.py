"""Differences as HTML (deleted struck through on red, inserted on green): whole texts
for a QTextBrowser, optionally with unchanged stretches shortened, and one-place
changes for table cells (painted by :class:`HtmlDelegate`)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
)

from editor_app.services.editing import DiffChunk

from . import fonts

HTML_ROLE = Qt.ItemDataRole.UserRole + 1

DEL_STYLE = "background:#ffd7d5; color:#82071e; text-decoration:line-through"
INS_STYLE = "background:#c8f2d0; color:#044f1e"
CONTEXT = 40  # characters kept on each side of a change when shortening


def _esc(text: str) -> str:
    """HTML of ``text``; a character no font can draw is followed by its code point."""
    return html.escape(fonts.visible(text)).replace("\n", "<br/>")


def _shorten(text: str, first: bool, last: bool) -> str:
    if len(text) <= 2 * CONTEXT + 10:
        return _esc(text)
    head = "" if first else text[:CONTEXT]
    tail = "" if last else text[-CONTEXT:]
    return f"{_esc(head)}<span style='color:#999'> ⋯ </span>{_esc(tail)}"


def diff_html(chunks: list[DiffChunk], only_changes: bool = False) -> str:
    parts: list[str] = []
    n = len(chunks)
    for i, c in enumerate(chunks):
        if c.tag == "equal":
            parts.append(_shorten(c.new, i == 0, i == n - 1) if only_changes else _esc(c.new))
            continue
        if c.old:
            parts.append(f"<span style='{DEL_STYLE}'>{_esc(c.old)}</span>")
        if c.new:
            parts.append(f"<span style='{INS_STYLE}'>{_esc(c.new)}</span>")
    return "<div style='line-height:165%'>" + "".join(parts) + "</div>"


def plain_html(text: str) -> str:
    return "<div style='line-height:165%'>" + _esc(text) + "</div>"


def changed_part(before: str, after: str) -> tuple[int, int, int]:
    """(common prefix length, removed length, added length) of two short texts."""
    n = min(len(before), len(after))
    p = 0
    while p < n and before[p] == after[p]:
        p += 1
    s = 0
    while s < n - p and before[len(before) - 1 - s] == after[len(after) - 1 - s]:
        s += 1
    return p, len(before) - p - s, len(after) - p - s


def change_html(before: str, after: str) -> tuple[str, str]:
    """HTML of a one-place change: the removed part marked in ``before``, the added in ``after``."""
    p, removed, added = changed_part(before, after)

    def mark(text: str, n: int, style: str) -> str:
        mid = text[p : p + n] or ""
        shown = _esc(mid).replace(" ", "&nbsp;") if mid else ""
        return _esc(text[:p]) + (f"<span style='{style}'>{shown}</span>" if mid else "") + _esc(text[p + n :])

    return mark(before, removed, DEL_STYLE), mark(after, added, INS_STYLE)


class HtmlDelegate(QStyledItemDelegate):
    """Paints an item's ``HTML_ROLE`` data as rich text (selection and fonts as usual)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        markup = index.data(HTML_ROLE)
        if not markup:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = QTextDocument()
        doc.setDefaultFont(opt.font)
        doc.setDocumentMargin(2)
        doc.setHtml(markup)
        painter.save()
        top = opt.rect.top() + max(0, (opt.rect.height() - doc.size().height()) / 2)
        painter.translate(opt.rect.left() + 4, top)
        painter.setClipRect(0, 0, opt.rect.width() - 4, opt.rect.height())
        doc.drawContents(painter)
        painter.restore()


def preview_table(name: str, first_width: int) -> QTableWidget:
    """A read-only before/after table (where · before · after) whose cells are HTML diffs:
    the preview of bulk fixes and of replace."""
    table = QTableWidget(objectName=name)
    table.setColumnCount(3)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.setItemDelegate(HtmlDelegate(table))
    hdr = table.horizontalHeader()
    hdr.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
    hdr.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    hdr.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    hdr.resizeSection(0, first_width)
    return table
