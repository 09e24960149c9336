"""修订历史: every revision of an article (author, time, note), the differences
between any two, and restore (which appends a new revision; nothing is lost)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor_app.model import Revision
from editor_app.services import editing

from . import diffview, fonts, labels
from .session import Session

ROLE = Qt.ItemDataRole.UserRole


class HistoryDialog(QDialog):
    def __init__(self, session: Session, seg_id: int, title: str,
                 restore: Callable[[int], None], parent: QWidget | None = None,
                 compare_with: int | None = None):
        super().__init__(parent)
        self.setObjectName("historyDialog")
        self.session = session
        self.seg_id = seg_id
        self.article_title = title
        self.restore_fn = restore
        self.revisions: list[Revision] = []
        self._want_selected = compare_with
        self._current_shown: int | None = None  # the current revision when the list was filled
        self.list = QTreeWidget(objectName="historyList")
        self.list.setColumnCount(4)
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        hdr = self.list.header()
        hdr.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        hdr.setStretchLastSection(True)
        self.base = QComboBox(objectName="historyBase")
        self.only_changes = QCheckBox(objectName="historyOnlyChanges")
        self.only_changes.setChecked(True)
        self.stats = QLabel(objectName="historyStats")
        self.diff = QTextBrowser(objectName="historyDiff")
        self.diff.setFont(fonts.editor_font(max(session.settings.font_size - 1, 10)))
        self.diff.document().setDocumentMargin(16)
        self.l_base = QLabel()
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.l_base)
        row.addWidget(self.base, 1)
        row.addWidget(self.only_changes)
        rl.addLayout(row)
        rl.addWidget(self.stats)
        rl.addWidget(self.diff, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.list)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([360, 640])
        self.b_restore = QPushButton(objectName="historyRestore")
        self.b_restore.setAutoDefault(False)  # Enter never restores: no button that writes is default
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        self.buttons.addButton(self.b_restore, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(split, 1)
        lay.addWidget(self.buttons)
        self.resize(1100, 680)
        self.list.currentItemChanged.connect(lambda *_: self._compare())
        self.base.currentIndexChanged.connect(lambda *_: self._compare())
        self.only_changes.toggled.connect(lambda *_: self._compare())
        self.b_restore.clicked.connect(self._restore)
        session.changed.connect(self._on_changed)
        self.retranslate()
        self.load()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("修订历史 — {0}").format(self.article_title))
        self.list.setHeaderLabels([self.tr("版本"), self.tr("时间"), self.tr("作者"), self.tr("说明")])
        self.l_base.setText(self.tr("与"))
        self.only_changes.setText(self.tr("仅显示改动处"))
        self.b_restore.setText(self.tr("恢复所选版本"))
        self.b_restore.setToolTip(self.tr("把所选版本的文本作为新版本保存；当前文本仍保留在历史中"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self._compare()

    def note_label(self, note: str) -> str:
        """A revision's note ("import", "edit", "restore #3", "fix rule" ...) for people."""
        if note == "import":
            return self.tr("导入")
        if note == "edit":
            return self.tr("编辑")
        if note == "conflict":
            return self.tr("冲突时保存的文本")
        if note == "resolve conflict":
            return self.tr("解决冲突")
        if note == "replace":
            return self.tr("重新导入")
        if note.startswith("replace "):
            return self.tr("替换：{0}").format(note.removeprefix("replace "))
        if note.startswith("restore #"):
            return self.tr("恢复第 {0} 版").format(note.removeprefix("restore #"))
        if note.startswith("bulk fix "):
            return self.tr("批量修改：{0}").format(labels.rule_title(note.removeprefix("bulk fix ")))
        if note.startswith("fix "):
            return self.tr("采纳建议：{0}").format(labels.rule_title(note.removeprefix("fix ")))
        if note.startswith(("split", "join ", "move ", "undo ")):  # services/structure.py
            return self.tr("结构修改：{0}").format(note)
        return note

    def load(self) -> None:
        seg = self.seg_id
        self.session.read(lambda ctx: editing.revisions(ctx.lib, seg), self._loaded)

    def _loaded(self, revisions: list[Revision]) -> None:
        self.revisions = revisions
        self._fill()

    def _on_changed(self, changes, _origin) -> None:
        if self.isVisible() and changes.text_of(None, self.seg_id):
            self.load()

    def _fill(self) -> None:
        cur = self.selected()
        self.list.blockSignals(True)
        self.base.blockSignals(True)
        base_cur = self.base.currentData()
        if base_cur is not None and base_cur == self._current_shown:
            base_cur = None  # it compared with the current version: it follows the new current one
        self._current_shown = self.revisions[0].id if self.revisions else None
        self.list.clear()
        self.base.clear()
        for i, r in enumerate(self.revisions):
            when = labels.when(r.created)
            item = QTreeWidgetItem([f"#{r.number}" + (self.tr("（当前）") if i == 0 else ""), when,
                                    r.author or "—", self.note_label(r.note)])
            item.setData(0, ROLE, r.id)
            self.list.addTopLevelItem(item)
            self.base.addItem(self.tr("第 {0} 版 · {1} · {2}").format(r.number, r.author or "—", when), r.id)
        want = base_cur if base_cur is not None else (self.revisions[0].id if self.revisions else None)
        self.base.setCurrentIndex(max(self.base.findData(want), 0))
        self.base.blockSignals(False)
        self.list.blockSignals(False)
        target = cur if cur is not None else (self._want_selected
                                               or (self.revisions[1].id if len(self.revisions) > 1 else None)
                                               or (self.revisions[0].id if self.revisions else None))
        if self.revisions:
            self._want_selected = None
        if target is not None:
            self.select(target)
        self._compare()

    def selected(self) -> int | None:
        item = self.list.currentItem()
        return item.data(0, ROLE) if item is not None else None

    def select(self, rev_id: int) -> None:
        for i in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(i)
            if item.data(0, ROLE) == rev_id:
                self.list.setCurrentItem(item)
                return

    def set_base(self, rev_id: int) -> None:
        self.base.setCurrentIndex(max(self.base.findData(rev_id), 0))

    def _compare(self) -> None:
        if not self.isVisible() and self.revisions:
            return  # closed: nothing to show (it is shown again through show_history)
        sel, base = self.selected(), self.base.currentData()
        current = self.revisions[0].id if self.revisions else None
        self.b_restore.setEnabled(sel is not None and sel != current)
        if sel is None or base is None:
            self.diff.clear()
            self.stats.setText("")
            return
        only = self.only_changes.isChecked()
        numbers = {r.id: r.number for r in self.revisions}
        # always read old -> new: what the newer version added is an insertion
        old, new = (sel, base) if numbers.get(sel, 0) <= numbers.get(base, 0) else (base, sel)

        def done(d: editing.RevisionDiff) -> None:
            if self.selected() != sel or self.base.currentData() != base:
                return
            self.diff.setHtml(diffview.diff_html(d.chunks, only))
            if d.inserted == 0 and d.deleted == 0:
                self.stats.setText(self.tr("两个版本文字相同"))
            else:
                self.stats.setText(self.tr("从第 {0} 版到第 {1} 版：删去 {2} 字，增加 {3} 字").format(
                    d.old.number, d.new.number, d.deleted, d.inserted))

        self.session.read(lambda ctx: editing.revision_diff(ctx.lib, old, new), done)

    def revision(self, rev_id: int) -> Revision | None:
        return next((r for r in self.revisions if r.id == rev_id), None)

    def restore_box(self, rev: Revision) -> tuple[QMessageBox, QPushButton]:
        """The confirmation before a restore, naming the version, its time and author;
        Cancel is the default (Enter does not restore)."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("恢复旧版本"),
                          self.tr("把第 {0} 版（{1}，{2}）恢复为当前文本？").format(
                              rev.number, labels.when(rev.created), rev.author or "—"),
                          QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("restoreConfirm")
        box.setInformativeText(self.tr("恢复会保存为一个新版本；现在的文本仍保留在历史中。"))
        ok = box.addButton(self.tr("恢复第 {0} 版").format(rev.number), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box, ok

    def ask_restore(self, rev: Revision) -> bool:
        """The user's answer to :meth:`restore_box` (replaced in tests)."""
        box, ok = self.restore_box(rev)
        box.exec()
        return box.clickedButton() is ok

    def _restore(self) -> None:
        rev = self.revision(self.selected()) if self.selected() is not None else None
        if rev is not None and rev.id != self.revisions[0].id and self.ask_restore(rev):
            self.restore_fn(rev.id)
