"""结构 (Structure): the issue's segments with their kinds and contents entries, and the
corrections when the parser got the structure wrong — join with the next segment,
move the boundary by one paragraph, set the kind, bind / unbind a contents entry,
undo. Splitting happens in the article pane, at the cursor's paragraph (the main
window's action); this view lists the result. Every correction is a write through
``services.structure``; the view refreshes from the ``OpChanges`` it returns."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor_app.model import SEGMENT_KINDS
from editor_app.services import structure

from . import labels
from .session import Session

ROLE = Qt.ItemDataRole.UserRole

def kind_name(kind: str) -> str:
    return labels.kind(kind)


class StructureDialog(QDialog):
    article_chosen = Signal(int)

    def __init__(self, session: Session, issue_id: int, parent: QWidget | None = None,
                 flush: Callable[[], None] | None = None):
        super().__init__(parent)
        self.flush = flush or (lambda: None)  # the article pane's pending save goes first
        self.setObjectName("structureDialog")
        self.session = session
        self.issue_id = issue_id
        self.view: structure.StructureView | None = None
        self.segs = QTreeWidget(objectName="structureSegments")
        self.segs.setColumnCount(5)
        self.segs.setRootIsDecorated(False)
        self.segs.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.segs.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.segs.header().setStretchLastSection(True)
        self.entries = QTreeWidget(objectName="structureEntries")
        self.entries.setColumnCount(3)
        self.entries.setRootIsDecorated(False)
        self.entries.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.entries.header().setStretchLastSection(True)
        self.kind = QComboBox(objectName="structureKind")
        for k in SEGMENT_KINDS:
            self.kind.addItem("", k)
        self.summary = QLabel(objectName="structureSummary")
        self.last = QLabel(objectName="structureLast")
        self.b_join = QPushButton(objectName="structureJoin")
        self.b_down = QPushButton(objectName="structureMoveDown")
        self.b_up = QPushButton(objectName="structureMoveUp")
        self.b_kind = QPushButton(objectName="structureSetKind")
        self.b_bind = QPushButton(objectName="structureBind")
        self.b_unbind = QPushButton(objectName="structureUnbind")
        self.b_undo = QPushButton(objectName="structureUndo")
        self.l_kind = QLabel()
        self.keys = ((self.b_join, "Ctrl+J"), (self.b_down, "Ctrl+Alt+Down"), (self.b_up, "Ctrl+Alt+Up"),
                     (self.b_kind, "Ctrl+K"), (self.b_bind, "Ctrl+B"), (self.b_unbind, "Ctrl+U"),
                     (self.b_undo, "Ctrl+Alt+Z"))
        for b, _key in self.keys:
            b.setAutoDefault(False)
        grid = QGridLayout()
        grid.addWidget(self.b_join, 0, 0)
        grid.addWidget(self.b_down, 0, 1)
        grid.addWidget(self.b_up, 0, 2)
        grid.addWidget(self.l_kind, 1, 0)
        grid.addWidget(self.kind, 1, 1)
        grid.addWidget(self.b_kind, 1, 2)
        grid.addWidget(self.b_bind, 2, 0)
        grid.addWidget(self.b_unbind, 2, 1)
        grid.addWidget(self.b_undo, 2, 2)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.segs)
        split.addWidget(self.entries)
        split.setSizes([620, 380])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(split, 1)
        lay.addLayout(grid)
        lay.addWidget(self.last)
        lay.addWidget(self.buttons)
        self.buttons.rejected.connect(self.close)
        self.b_join.clicked.connect(lambda: self._on_segment(lambda lib, seg, who: structure.join(
            lib, self.issue_id, seg, who)))
        self.b_down.clicked.connect(lambda: self._on_segment(lambda lib, seg, who: structure.move(
            lib, self.issue_id, seg, 1, who)))
        self.b_up.clicked.connect(lambda: self._on_segment(lambda lib, seg, who: structure.move(
            lib, self.issue_id, seg, -1, who)))
        self.b_kind.clicked.connect(self.set_kind)
        self.b_bind.clicked.connect(self.bind)
        self.b_unbind.clicked.connect(self.unbind)
        self.b_undo.clicked.connect(self.undo)
        self.segs.itemActivated.connect(self._activated)
        self.segs.currentItemChanged.connect(self._seg_selected)
        self.session.changed.connect(self._on_changed)
        self.resize(1000, 640)
        self.retranslate()
        self.refresh()

    # -- language ---------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("结构"))
        self.segs.setHeaderLabels([self.tr("编号"), self.tr("类型"), self.tr("标题"), self.tr("目录条目"),
                                   self.tr("原文位置")])
        self.entries.setHeaderLabels([self.tr("目录条目"), self.tr("页码"), self.tr("关联文章")])
        for i, k in enumerate(SEGMENT_KINDS):
            self.kind.setItemText(i, kind_name(k))
        self.l_kind.setText(self.tr("类型："))
        self.b_join.setText(self.tr("与下一分段合并"))
        self.b_down.setText(self.tr("边界后移一段"))
        self.b_up.setText(self.tr("边界前移一段"))
        self.b_kind.setText(self.tr("设定类型"))
        self.b_bind.setText(self.tr("关联所选目录条目"))
        self.b_unbind.setText(self.tr("取消关联"))
        self.b_undo.setText(self.tr("撤销结构修改"))
        for b, key in self.keys:  # after setText, which resets a button's shortcut
            b.setShortcut(QKeySequence(key))
            b.setToolTip(f"{b.text()} ({b.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")
        self._fill()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- data ------------------------------------------------------------------------------

    def refresh(self) -> None:
        issue = self.issue_id

        def done(view: structure.StructureView) -> None:
            self.view = view
            self._fill()

        self.session.read(lambda ctx: structure.structure_view(ctx.lib, issue), done)

    def _on_changed(self, changes, _origin) -> None:
        if changes.concerns(self.issue_id) and (changes.structure or changes.text or changes.header
                                                or changes.issues):
            self.refresh()

    def _fill(self) -> None:
        v = self.view
        if v is None:
            return
        keep = self.current_segment()
        self.segs.clear()
        for s in v.segments:
            entry = "" if s.entry is None else f"#{s.entry + 1} {s.entry_title}"
            it = QTreeWidgetItem([s.key, kind_name(s.kind), s.title, entry, f"{s.source_start}–{s.source_end}"])
            it.setData(0, ROLE, s.id)
            self.segs.addTopLevelItem(it)
            if s.id == keep:
                self.segs.setCurrentItem(it)
        keep_entry = self.current_entry()
        self.entries.clear()
        keys = {s.key: s for s in v.segments}
        for e in v.entries:
            bound = keys[e.key].key if e.key in keys else self.tr("（未关联）")
            it = QTreeWidgetItem([f"#{e.index + 1} {e.title}", "" if e.page is None else str(e.page), bound])
            it.setData(0, ROLE, e.index)
            self.entries.addTopLevelItem(it)
            if e.index == keep_entry:
                self.entries.setCurrentItem(it)
        self.summary.setText(self.tr("{0}：{1} 个分段，{2} 篇文章；未关联的目录条目 {3} 条，未识别的分段 {4} 个").format(
            v.label, len(v.segments), len(v.articles), len(v.unbound), len(v.unknown)))
        self.last.setText(self.tr("可撤销：{0}").format(structure.change_label(v.last_change))
                          if v.last_change is not None else self.tr("没有可撤销的结构修改"))
        self.b_undo.setEnabled(v.last_change is not None)

    def current_segment(self) -> int | None:
        it = self.segs.currentItem()
        return None if it is None else it.data(0, ROLE)

    def current_entry(self) -> int | None:
        it = self.entries.currentItem()
        return None if it is None else it.data(0, ROLE)

    def select_segment(self, seg_id: int) -> None:
        for i in range(self.segs.topLevelItemCount()):
            it = self.segs.topLevelItem(i)
            if it.data(0, ROLE) == seg_id:
                self.segs.setCurrentItem(it)
                return

    def select_entry(self, index: int) -> None:
        for i in range(self.entries.topLevelItemCount()):
            it = self.entries.topLevelItem(i)
            if it.data(0, ROLE) == index:
                self.entries.setCurrentItem(it)
                return

    def _seg_selected(self, cur, _prev) -> None:
        if cur is None or self.view is None:
            return
        seg = next((s for s in self.view.segments if s.id == cur.data(0, ROLE)), None)
        if seg is not None:
            self.kind.setCurrentIndex(self.kind.findData(seg.kind))

    def _activated(self, item: QTreeWidgetItem, _col: int) -> None:
        self.article_chosen.emit(item.data(0, ROLE))

    # -- corrections -------------------------------------------------------------------------

    def _write(self, fn) -> None:
        user = self.session.user
        self.flush()
        self.session.write(lambda ctx: fn(ctx.lib, user), success=self._done)

    def _done(self, res: structure.StructureResult) -> None:
        self.last.setText(res.message)

    def _on_segment(self, fn) -> None:
        seg = self.current_segment()
        if seg is None:
            self.last.setText(self.tr("请先选中一个分段"))
            return
        self._write(lambda lib, who: fn(lib, seg, who))

    def set_kind(self) -> None:
        kind = self.kind.currentData()
        self._on_segment(lambda lib, seg, who: structure.set_kind(lib, self.issue_id, seg, kind, who))

    def bind(self) -> None:
        entry = self.current_entry()
        if entry is None:
            self.last.setText(self.tr("请先选中一个目录条目"))
            return
        self._on_segment(lambda lib, seg, who: structure.bind(lib, self.issue_id, entry, seg, who))

    def unbind(self) -> None:
        entry = self.current_entry()
        if entry is None:
            self.last.setText(self.tr("请先选中一个目录条目"))
            return
        self._write(lambda lib, who: structure.unbind(lib, self.issue_id, entry, who))

    def undo(self) -> None:
        self._write(lambda lib, who: structure.undo(lib, self.issue_id, who))
