"""目录 panel: the issue's columns and entries (page, title, review status, open
findings), then every segment outside the table of contents."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor_app.services import workspace

from .. import labels
from ..session import Session

ROLE = Qt.ItemDataRole.UserRole


class WrapDelegate(QStyledItemDelegate):
    """Titles wrap within the title column (the view gives the delegate no width of its own)."""

    def __init__(self, tree: QTreeWidget):
        super().__init__(tree)
        self.tree = tree

    def _width(self, index) -> int:
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        indent = self.tree.indentation() * (depth + (1 if self.tree.rootIsDecorated() else 0))
        return max(40, self.tree.header().sectionSize(index.column()) - indent - 6)

    def sizeHint(self, option: QStyleOptionViewItem, index):  # noqa: N802
        if index.column() != 0:
            return super().sizeHint(option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        opt.rect = QRect(0, 0, self._width(index), 1000)  # a valid rect: the style wraps within its width
        style = self.tree.style()
        return style.sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, opt, opt.rect.size(), self.tree)


class ContentsView(QWidget):
    article_chosen = Signal(int)  # segment id

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("contentsView")
        self.session = session
        self.issue_id: int | None = None
        self.contents: workspace.IssueContents | None = None
        self.current_seg: int | None = None
        self._token = 0
        self._filling = False
        self.title = QLabel(objectName="contentsTitle")
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight:600; padding:2px 2px 4px 2px")
        self.tree = QTreeWidget(objectName="contentsTree")
        self.tree.setColumnCount(3)
        self.tree.setRootIsDecorated(True)
        self.tree.setIndentation(12)
        # long titles wrap onto a second line in a narrow dock instead of collapsing to "…"
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setItemDelegate(WrapDelegate(self.tree))
        self.tree.setVerticalScrollMode(QTreeWidget.ScrollMode.ScrollPerPixel)  # rows differ in height
        self.tree.setAlternatingRowColors(True)
        hdr = self.tree.header()
        hdr.setStretchLastSection(False)
        hdr.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        hdr.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        hdr.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        hdr.sectionResized.connect(lambda i, _o, _n: i == 0 and self.tree.scheduleDelayedItemsLayout())
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.title)
        lay.addWidget(self.tree, 1)
        self.tree.currentItemChanged.connect(self._current_changed)
        session.changed.connect(self._on_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.tree.setHeaderLabels([self.tr("篇目"), self.tr("状态"), self.tr("问题")])
        self.tree.headerItem().setToolTip(2, self.tr("待处理的问题数"))
        self.title.setText(self.contents.summary.label if self.contents else self.tr("未打开期刊"))
        self._fill()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        # a narrow dock keeps the titles and drops the status column (its tooltip still says it);
        # changed after the resize, never inside it: hiding a column while the tree lays out
        # and paints its rows left QTreeView with stale rows (a crash in drawTree)
        if (self.width() < 300) != self.tree.isColumnHidden(1):
            QTimer.singleShot(0, self._fit_columns)

    def _fit_columns(self) -> None:
        hide = self.width() < 300
        if hide != self.tree.isColumnHidden(1):
            self.tree.setColumnHidden(1, hide)
            self.tree.doItemsLayout()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_issue(self, issue_id: int | None) -> None:
        self.issue_id = issue_id
        self.contents = None
        self.refresh()

    def refresh(self) -> None:
        if self.issue_id is None:
            self.contents = None
            self.title.setText(self.tr("未打开期刊"))
            self._fill()
            return
        self._token += 1
        token, issue = self._token, self.issue_id

        def done(contents) -> None:
            if token == self._token:
                self.contents = contents
                self.title.setText(contents.summary.label)
                self._fill()

        self.session.read(lambda ctx: workspace.issue_contents(ctx.lib, issue), done)

    def _on_changed(self, changes, _origin) -> None:
        if self.issue_id is None or not changes.concerns(self.issue_id):
            return
        if (changes.findings or changes.text or changes.header or changes.review or changes.issues
                or changes.structure):
            self.refresh()

    def _fill(self) -> None:
        self._filling = True
        self.tree.setUpdatesEnabled(False)
        try:
            self.tree.clear()
            if self.contents is None:
                return
            for group in self.contents.groups:
                name = group.title if group.in_toc else self.tr("目录外版面")
                top = QTreeWidgetItem([name or self.tr("（未分栏）"), "", ""])
                f = top.font(0)
                f.setBold(True)
                top.setFont(0, f)
                top.setFlags(top.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                total = sum(it.open_findings for it in group.items)
                if total:
                    top.setText(2, str(total))
                self.tree.addTopLevelItem(top)
                for it in group.items:
                    title = labels.segment_title(it.kind, it.title, it.page)
                    if it.edited:
                        title += " ✎"
                    child = QTreeWidgetItem([title, labels.review(it.review_status) if it.seg_id else "",
                                             str(it.open_findings) if it.open_findings else ""])
                    child.setData(0, ROLE, it.seg_id)
                    tip = [it.title]
                    if it.authors:
                        tip.append(" ".join(it.authors))
                    if it.review_by:
                        tip.append(f"{labels.review(it.review_status)} · {it.review_by} · "
                                   f"{labels.when(it.review_at)}")
                    child.setToolTip(0, "\n".join(tip))
                    child.setForeground(1, QBrush(QColor(labels.REVIEW_COLOR.get(it.review_status, "#666"))))
                    child.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    if it.seg_id is None:
                        child.setDisabled(True)
                    top.addChild(child)
                    if it.seg_id is not None and it.seg_id == self.current_seg:
                        self.tree.setCurrentItem(child)
                top.setExpanded(True)
                top.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        finally:
            self.tree.setUpdatesEnabled(True)
            self._filling = False

    def items(self) -> list[QTreeWidgetItem]:
        out = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            out.extend(top.child(j) for j in range(top.childCount()))
        return out

    def item_for(self, seg_id: int) -> QTreeWidgetItem | None:
        return next((it for it in self.items() if it.data(0, ROLE) == seg_id), None)

    def select_article(self, seg_id: int | None) -> None:
        """Highlight the shown article without asking to open it again."""
        self.current_seg = seg_id
        item = self.item_for(seg_id) if seg_id is not None else None
        self._filling = True
        try:
            if item is not None:
                self.tree.setCurrentItem(item)
                self.tree.scrollToItem(item)
        finally:
            self._filling = False

    def _current_changed(self, cur: QTreeWidgetItem | None, _prev) -> None:
        if self._filling or cur is None:
            return
        seg = cur.data(0, ROLE)
        if isinstance(seg, int) and seg != self.current_seg:
            self.current_seg = seg
            self.article_chosen.emit(seg)
