"""The view beside the editor: the article's original source, or the differences
between a stored revision and the text being edited."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QTextBrowser, QVBoxLayout, QWidget

from editor_app.model import Revision

from .. import diffview, labels

SOURCE = -1  # combo data of the "original source" entry


class SideView(QWidget):
    revision_wanted = Signal(int)  # a revision id to compare the editor's text with

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sideView")
        self.mode = QComboBox(objectName="sideMode")
        self.only_changes = QCheckBox(objectName="sideOnlyChanges")
        self.browser = QTextBrowser(objectName="sideBrowser")
        self.browser.setOpenLinks(False)
        self.browser.document().setDocumentMargin(20)
        top = QHBoxLayout()
        top.setContentsMargins(6, 4, 6, 0)
        top.addWidget(self.mode, 1)
        top.addWidget(self.only_changes)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(top)
        lay.addWidget(self.browser, 1)
        self.source_text = ""
        self.revisions: list[Revision] = []
        self._chunks = None
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.only_changes.toggled.connect(self._rerender)
        self.retranslate()

    def retranslate(self) -> None:
        self.only_changes.setText(self.tr("仅显示改动处"))
        self._fill_modes()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _fill_modes(self) -> None:
        current = self.mode.currentData()
        self.mode.blockSignals(True)
        self.mode.clear()
        self.mode.addItem(self.tr("原文（导入时的版面文本）"), SOURCE)
        for r in self.revisions:
            when = labels.when(r.created, short=True)
            self.mode.addItem(
                self.tr("对比修订 #{0}（{1} {2}）与编辑中的文本").format(r.number, r.author or "—", when), r.id
            )
        idx = self.mode.findData(current) if current is not None else 0
        self.mode.setCurrentIndex(max(idx, 0))
        self.mode.blockSignals(False)

    def set_article(self, source_text: str, revisions: list[Revision]) -> None:
        self.source_text = source_text
        self.revisions = revisions
        self._fill_modes()
        self._mode_changed()

    def selected_revision(self) -> int | None:
        data = self.mode.currentData()
        return None if data in (None, SOURCE) else int(data)

    def _mode_changed(self, *_args) -> None:
        rev = self.selected_revision()
        self.only_changes.setEnabled(rev is not None)
        if rev is None:
            self._chunks = None
            self.browser.setHtml(diffview.plain_html(self.source_text))
        else:
            self.revision_wanted.emit(rev)

    def show_diff(self, rev_id: int, chunks) -> None:
        if self.selected_revision() != rev_id:
            return  # the choice changed meanwhile
        self._chunks = chunks
        self._rerender()

    def _rerender(self, *_args) -> None:
        if self._chunks is not None:
            self.browser.setHtml(diffview.diff_html(self._chunks, self.only_changes.isChecked()))
