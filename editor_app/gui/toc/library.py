"""期刊库 panel: the issues in the library; opening one loads its contents."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from editor_app.services import workspace

from .. import labels
from ..session import Session

ROLE = Qt.ItemDataRole.UserRole


class LibraryView(QWidget):
    issue_chosen = Signal(int)

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("libraryView")
        self.session = session
        self.issues: list = []
        self.current_issue: int | None = None
        self.tree = QTreeWidget(objectName="libraryTree")
        self.tree.setColumnCount(3)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        hdr = self.tree.header()
        hdr.setStretchLastSection(False)
        hdr.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        hdr.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        hdr.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.tree)
        self.tree.itemActivated.connect(self._activated)
        session.changed.connect(self._on_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.tree.setHeaderLabels([self.tr("期刊"), self.tr("文章"), self.tr("待处理")])
        self.tree.setToolTip(self.tr("双击或回车打开期刊"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        self.session.read(lambda ctx: workspace.list_issues(ctx.lib), self._fill)

    def _on_changed(self, changes, _origin) -> None:
        if changes.issues or changes.findings or changes.header:
            self.refresh()

    def _fill(self, issues) -> None:
        self.issues = issues
        self.tree.clear()
        for s in issues:
            item = QTreeWidgetItem([s.label, str(s.n_articles), str(s.n_open_findings)])
            item.setData(0, ROLE, s.id)
            item.setToolTip(0, f"{s.label}\n{s.source_name}\n{labels.when(s.imported_at)}")
            for c in (1, 2):
                item.setTextAlignment(c, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if s.id == self.current_issue:
                f = item.font(0)
                f.setBold(True)
                item.setFont(0, f)
            self.tree.addTopLevelItem(item)

    def set_current(self, issue_id: int | None) -> None:
        self.current_issue = issue_id
        self._fill(self.issues)

    def _activated(self, item: QTreeWidgetItem, _col: int) -> None:
        issue = item.data(0, ROLE)
        if isinstance(issue, int):
            self.issue_chosen.emit(issue)
