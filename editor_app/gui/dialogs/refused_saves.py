"""未能发送的保存: saves the server refused when the outbox sent them (the article was
signed off meanwhile, or the login lost its role). They stay in the outbox file so that
nothing typed is lost; here the person reads each one, copies its text to put it where
it belongs, and discards it. Waiting saves are not shown: they are still on their way.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from editor_app.services import outbox

from .. import labels


class RefusedSavesDialog(QDialog):
    def __init__(self, box: outbox.Outbox, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("refusedSavesDialog")
        self.box = box
        self.intro = QLabel(objectName="refusedIntro")
        self.intro.setWordWrap(True)
        self.list = QListWidget(objectName="refusedList")
        self.reason = QLabel(objectName="refusedReason")
        self.reason.setWordWrap(True)
        self.text = QPlainTextEdit(objectName="refusedText")
        self.text.setReadOnly(True)
        self.b_copy = QPushButton(objectName="refusedCopy")
        self.b_discard = QPushButton(objectName="refusedDiscard")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.b_copy, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.b_discard, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.buttons.rejected.connect(self.reject)
        self.b_copy.clicked.connect(self.copy)
        self.b_discard.clicked.connect(self.discard)
        self.list.currentRowChanged.connect(lambda _r: self._show())
        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addWidget(self.list, 1)
        lay.addWidget(self.reason)
        lay.addWidget(self.text, 2)
        lay.addWidget(self.buttons)
        self.resize(640, 480)
        self.saves: list = []
        self.retranslate()
        self.reload()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("未能发送的保存"))
        self.intro.setText(self.tr(
            "下列保存在离线时存于本机，发送时被服务器拒绝（例如文章已签发）。"
            "文字仍在本机：请复制后放到合适的地方，再舍弃。"))
        self.b_copy.setText(self.tr("复制文本"))
        self.b_discard.setText(self.tr("舍弃…"))
        self._fill()  # the list's texts in the new language, from what was read

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def reload(self) -> None:
        """Read the refused saves from the outbox again (after a discard)."""
        self.saves = self.box.refused()
        self._fill()

    def _fill(self) -> None:
        row = max(self.list.currentRow(), 0)
        self.list.blockSignals(True)
        self.list.clear()
        for q in self.saves:
            title = (q.header or {}).get("title") or self.tr("文章 #{0}").format(q.segment_id)
            item = QListWidgetItem(self.tr("{0} · {1} · {2}").format(
                labels.when(q.queued_at), title, q.author or "—"))
            self.list.addItem(item)
        if self.saves:
            self.list.setCurrentRow(min(row, len(self.saves) - 1))
        self.list.blockSignals(False)
        self._show()

    def current(self):
        row = self.list.currentRow()
        return self.saves[row] if 0 <= row < len(self.saves) else None

    def _show(self) -> None:
        q = self.current()
        self.b_copy.setEnabled(q is not None and q.text is not None)
        self.b_discard.setEnabled(q is not None)
        self.reason.setText(self.tr("服务器的回答：{0}").format(q.refused) if q else "")
        self.text.setPlainText(q.text or "" if q else "")

    def copy(self) -> None:
        q = self.current()
        if q is not None and q.text is not None:
            QGuiApplication.clipboard().setText(q.text)

    def discard(self, confirm: bool = True) -> None:
        q = self.current()
        if q is None:
            return
        if confirm:
            answer = QMessageBox.question(
                self, self.tr("舍弃这次保存"),
                self.tr("舍弃后本机不再保留这段文字。已经复制到别处了吗？"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Discard:
                return
        self.box.discard_refused(q.id)
        self.reload()
