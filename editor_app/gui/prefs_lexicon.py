"""首选项 → 词库 (house lexicon): people and their posts, organisation names, standard
formulations and their wrong variants; add, remove, import and export CSV.

Every change is a write operation (``services.lexicon``) that re-checks the open
issue, so the findings follow the lexicon as they follow the rule settings.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor_app.services import lexicon

from .session import Session

ROLE = Qt.ItemDataRole.UserRole


def kind_label(kind: str) -> str:
    labels = {
        "person": QCoreApplication.translate("LexiconPage", "人名"),
        "organisation": QCoreApplication.translate("LexiconPage", "机构"),
        "formulation": QCoreApplication.translate("LexiconPage", "提法"),
    }
    return labels.get(kind, kind)


class LexiconPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("prefsLexiconPage")
        self.session = session
        self.entries: list = []
        self.changed = False
        self.l_intro = QLabel()
        self.l_intro.setWordWrap(True)
        self.table = QTableWidget(objectName="prefsLexicon")
        self.table.setColumnCount(5)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.kind = QComboBox(objectName="prefsLexiconKind")
        self.term = QLineEdit(objectName="prefsLexiconTerm")
        self.post = QLineEdit(objectName="prefsLexiconPost")
        self.variants = QLineEdit(objectName="prefsLexiconVariants")
        self.note = QLineEdit(objectName="prefsLexiconNote")
        self.b_add = QPushButton(objectName="prefsLexiconAdd")
        self.b_remove = QPushButton(objectName="prefsLexiconRemove")
        self.b_import = QPushButton(objectName="prefsLexiconImport")
        self.b_export = QPushButton(objectName="prefsLexiconExport")
        self.error = QLabel(objectName="prefsLexiconError")
        self.error.setStyleSheet("color:#b00")
        self.error.setWordWrap(True)
        add_row = QHBoxLayout()
        add_row.addWidget(self.kind)
        add_row.addWidget(self.term, 2)
        add_row.addWidget(self.post, 2)
        add_row.addWidget(self.variants, 2)
        add_row.addWidget(self.note, 1)
        add_row.addWidget(self.b_add)
        buttons = QHBoxLayout()
        buttons.addWidget(self.b_remove)
        buttons.addStretch(1)
        buttons.addWidget(self.b_import)
        buttons.addWidget(self.b_export)
        lay = QVBoxLayout(self)
        lay.addWidget(self.l_intro)
        lay.addWidget(self.table, 1)
        lay.addLayout(add_row)
        lay.addWidget(self.error)
        lay.addLayout(buttons)
        self.b_add.clicked.connect(self.add_entry)
        self.term.returnPressed.connect(self.add_entry)
        self.b_remove.clicked.connect(self.remove_selected)
        self.b_import.clicked.connect(self._choose_import)
        self.b_export.clicked.connect(self._choose_export)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.retranslate()
        self.load()

    def retranslate(self) -> None:
        self.l_intro.setText(self.tr(
            "本社词库：人名及其职务、机构规范名称、规范提法及其错误写法。文中出现错误写法时提示；"
            "词库中的人名、机构名不会被繁简、错别字规则改动。修改后重新校对本期。"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("类别"), self.tr("词条"), self.tr("职务"), self.tr("错误写法"), self.tr("备注")])
        kind = self.kind.currentData()
        self.kind.clear()
        for k in ("formulation", "organisation", "person"):
            self.kind.addItem(kind_label(k), k)
        self.kind.setCurrentIndex(max(self.kind.findData(kind), 0))
        self.term.setPlaceholderText(self.tr("词条（规范写法或人名）"))
        self.post.setPlaceholderText(self.tr("职务（仅人名）"))
        self.variants.setPlaceholderText(self.tr("错误写法，用 | 分隔"))
        self.note.setPlaceholderText(self.tr("备注"))
        self.b_add.setText(self.tr("添加"))
        self.b_remove.setText(self.tr("删除所选"))
        self.b_import.setText(self.tr("导入 CSV…"))
        self.b_export.setText(self.tr("导出 CSV…"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _kind_changed(self) -> None:
        self.post.setEnabled(self.kind.currentData() == "person")

    # -- data --------------------------------------------------------------------------------

    def load(self) -> None:
        def done(entries) -> None:
            self.entries = entries
            self._fill()

        self.session.read(lambda ctx: lexicon.entries(ctx.lib), done)

    def _fill(self) -> None:
        self.table.setRowCount(len(self.entries))
        for r, e in enumerate(self.entries):
            first = QTableWidgetItem(kind_label(e.kind))
            first.setData(ROLE, e.id)
            self.table.setItem(r, 0, first)
            self.table.setItem(r, 1, QTableWidgetItem(e.term))
            self.table.setItem(r, 2, QTableWidgetItem(e.post))
            self.table.setItem(r, 3, QTableWidgetItem(" | ".join(e.variants)))
            self.table.setItem(r, 4, QTableWidgetItem(e.note))

    def _run(self, fn) -> None:
        self.error.clear()
        issue = self.session.issue_id
        self.session.write(
            lambda ctx: fn(ctx.lib, issue),
            success=lambda _r: self._changed(),
            failure=self._failed,
            origin=self,
            long=True,
            label=self.tr("正在按词库重新校对…"),
        )

    def add_entry(self) -> None:
        term = self.term.text().strip()
        if not term:
            return
        kind, post = self.kind.currentData(), self.post.text().strip() if self.post.isEnabled() else ""
        variants, note = self.variants.text(), self.note.text()
        self._run(lambda lib, issue: lexicon.add(lib, kind, term, post, variants, note, issue))
        for w in (self.term, self.post, self.variants, self.note):
            w.clear()

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        ids = [self.table.item(r, 0).data(ROLE) for r in rows]
        if ids:
            self._run(lambda lib, issue: lexicon.remove(lib, ids, issue))

    def import_csv(self, path: str) -> None:
        self._run(lambda lib, issue: lexicon.import_csv(lib, path, issue))

    def export_csv(self, path: str) -> None:
        self.error.clear()
        self.session.read(lambda ctx: lexicon.export_csv(ctx.lib, path),
                          failure=self._failed)

    def _choose_import(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, self.tr("导入词库"), "", self.tr("CSV 文件 (*.csv)"))
        if path:
            self.import_csv(path)

    def _choose_export(self) -> None:
        path, _f = QFileDialog.getSaveFileName(self, self.tr("导出词库"), "lexicon.csv", self.tr("CSV 文件 (*.csv)"))
        if path:
            self.export_csv(path)

    def _failed(self, exc: BaseException) -> bool:
        """An expected failure (bad CSV, unknown kind) shows on the page; others go on to
        the window's failure dialog."""
        from editor_app.services import failures

        msg = failures.user_message(exc)
        if msg is None:
            return False
        self.error.setText(msg)
        return True

    def _changed(self) -> None:
        self.changed = True
        self.load()
