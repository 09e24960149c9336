"""检索 panel: library-wide search (Ctrl+Shift+F). Each result opens its article at the hit.

Any query of one or more characters works (two-character Chinese words too):
the store matches every whitespace-separated word as an exact substring.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor_app.services import workspace
from editor_app.services.workspace import SearchHit

from .session import Session

ROLE = Qt.ItemDataRole.UserRole
DEBOUNCE_MS = 300
LIMIT = 300


class LibrarySearch(QWidget):
    hit_chosen = Signal(object)  # SearchHit

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("librarySearch")
        self.session = session
        self.hits: list[SearchHit] = []
        self._token = 0
        self.edit = QLineEdit(objectName="searchEdit")
        self.edit.setClearButtonEnabled(True)
        self.scope = QComboBox(objectName="searchScope")
        self.status = QLabel(objectName="searchStatus")
        self.status.setStyleSheet("color:#555")
        self.tree = QTreeWidget(objectName="searchResults")
        self.tree.setColumnCount(3)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        hdr = self.tree.header()
        hdr.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        hdr.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        hdr.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        hdr.resizeSection(1, 220)
        top = QHBoxLayout()
        top.addWidget(self.edit, 1)
        top.addWidget(self.scope)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addLayout(top)
        lay.addWidget(self.status)
        lay.addWidget(self.tree, 1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.run)
        self.edit.textChanged.connect(lambda _t: self.timer.start())
        self.edit.returnPressed.connect(self.run)
        self.scope.currentIndexChanged.connect(lambda _i: self.run())
        self.tree.itemActivated.connect(self._activated)
        self.retranslate()

    def retranslate(self) -> None:
        self.edit.setPlaceholderText(self.tr("检索全库标题与正文（两个字即可）"))
        cur = self.scope.currentData()
        self.scope.blockSignals(True)
        self.scope.clear()
        self.scope.addItem(self.tr("全库"), "library")
        self.scope.addItem(self.tr("本期"), "issue")
        self.scope.setCurrentIndex(max(self.scope.findData(cur), 0))
        self.scope.blockSignals(False)
        self.tree.setHeaderLabels([self.tr("期刊"), self.tr("篇目"), self.tr("上下文")])
        self._show_status()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def focus_query(self, text: str = "") -> None:
        if text:
            self.edit.setText(text)
        self.edit.setFocus()
        self.edit.selectAll()

    def run(self) -> None:
        self.timer.stop()
        query = self.edit.text().strip()
        self._token += 1
        token = self._token
        if not query:
            self._fill([])
            return
        issue = self.session.issue_id if self.scope.currentData() == "issue" else None

        def done(hits) -> None:
            if token == self._token:
                self._fill(hits)

        self.session.read(lambda ctx: workspace.search_library(ctx.lib, query, LIMIT, issue), done)

    def _fill(self, hits: list[SearchHit]) -> None:
        self.hits = hits
        self.tree.clear()
        for h in hits:
            item = QTreeWidgetItem([h.issue_label, h.title or h.kind, h.marked])
            item.setData(0, ROLE, h)
            item.setToolTip(2, h.excerpt)
            item.setToolTip(1, h.title)
            self.tree.addTopLevelItem(item)
        self._show_status()

    def _show_status(self) -> None:
        q = self.edit.text().strip()
        if not q:
            self.status.setText(self.tr("输入词语后回车；结果中双击打开文章并定位"))
        elif not self.hits:
            self.status.setText(self.tr("没有找到“{0}”").format(html.escape(q)))
        else:
            n = sum(h.count for h in self.hits)
            self.status.setText(self.tr("“{0}”：{1} 篇，共 {2} 处").format(q, len(self.hits), n))

    def _activated(self, item: QTreeWidgetItem, _col: int) -> None:
        hit = item.data(0, ROLE)
        if hit is not None:
            self.hit_chosen.emit(hit)
