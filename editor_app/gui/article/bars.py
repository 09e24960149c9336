"""Bars shown above the editor: the conflict notice (non-modal) and in-article find."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)


class ConflictBar(QFrame):
    """Tells the editor that the article changed elsewhere; both texts are kept."""

    compare = Signal()
    keep_mine = Signal()
    take_theirs = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("conflictBar")
        self.setStyleSheet(
            "#conflictBar { background:#fff4ce; border:1px solid #e0c36c; border-radius:4px; }"
        )
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.b_compare = QPushButton(objectName="conflictCompare")
        self.b_mine = QPushButton(objectName="conflictKeepMine")
        self.b_theirs = QPushButton(objectName="conflictTakeTheirs")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(10, 6, 10, 6)
        lay.addWidget(self.label, 1)
        for b in (self.b_compare, self.b_mine, self.b_theirs):
            lay.addWidget(b)
        self.b_compare.clicked.connect(self.compare)
        self.b_mine.clicked.connect(self.keep_mine)
        self.b_theirs.clicked.connect(self.take_theirs)
        self.message = ""
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.b_compare.setText(self.tr("比较两个版本"))
        self.b_mine.setText(self.tr("保留我的修改"))
        self.b_theirs.setText(self.tr("采用当前版本"))
        self._show_text()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_conflict(self, message: str) -> None:
        self.message = message
        self._show_text()
        self.show()

    def _show_text(self) -> None:
        self.label.setText(
            self.tr("此文已在别处被修改，两份文本都已保存为修订，未覆盖任何内容。")
            + (f"\n{self.message}" if self.message else "")
        )


class FindBar(QFrame):
    """Find in the open article: every match highlighted, Enter / Shift+Enter to move."""

    query_changed = Signal(str)
    step = Signal(int)  # +1 next, -1 previous
    closed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("findBar")
        self.edit = QLineEdit(objectName="findEdit")
        self.edit.setClearButtonEnabled(True)
        self.count = QLabel(objectName="findCount")
        self.count.setMinimumWidth(80)
        self.b_prev = QToolButton(objectName="findPrev")
        self.b_next = QToolButton(objectName="findNext")
        self.b_close = QToolButton(objectName="findClose")
        self.b_prev.setText("↑")
        self.b_next.setText("↓")
        self.b_close.setText("×")
        self.l_find = QLabel()
        lay = QHBoxLayout(self)
        lay.setContentsMargins(28, 2, 28, 2)
        lay.addWidget(self.l_find)
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.count)
        lay.addWidget(self.b_prev)
        lay.addWidget(self.b_next)
        lay.addWidget(self.b_close)
        self.edit.textChanged.connect(self.query_changed)
        self.edit.returnPressed.connect(lambda: self.step.emit(+1))
        QShortcut(QKeySequence("Shift+Return"), self.edit, lambda: self.step.emit(-1),
                  context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence("Escape"), self, self.close_bar,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.b_prev.clicked.connect(lambda: self.step.emit(-1))
        self.b_next.clicked.connect(lambda: self.step.emit(+1))
        self.b_close.clicked.connect(self.close_bar)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.l_find.setText(self.tr("查找"))
        self.edit.setPlaceholderText(self.tr("在本文中查找（回车：下一个）"))
        self.b_prev.setToolTip(self.tr("上一个 (Shift+Enter)"))
        self.b_next.setToolTip(self.tr("下一个 (Enter)"))
        self.b_close.setToolTip(self.tr("关闭 (Esc)"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def open_bar(self, text: str = "") -> None:
        self.show()
        if text:
            self.edit.setText(text)
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def set_count(self, index: int, total: int) -> None:
        if not self.edit.text():
            self.count.setText("")
        elif total == 0:
            self.count.setText(self.tr("无结果"))
        else:
            self.count.setText(self.tr("{0} / {1}").format(index + 1, total))
