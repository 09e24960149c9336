"""Dismiss a finding, with an optional reason (kept with the finding; survives restarts)."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from editor_app.model import Finding

from .. import labels


class DismissDialog(QDialog):
    def __init__(self, finding: Finding, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("dismissDialog")
        self.finding = finding
        self.what = QLabel(objectName="dismissWhat")
        self.what.setWordWrap(True)
        self.l_reason = QLabel()
        self.reason = QComboBox(objectName="dismissReason")
        self.reason.setEditable(True)
        self.reason.setMinimumWidth(360)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.what)
        lay.addWidget(self.l_reason)
        lay.addWidget(self.reason)
        lay.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("忽略问题"))
        f = self.finding
        self.what.setText(f"「{f.excerpt}」 {labels.finding_message(f)}\n{labels.rule_title(f.rule)}")
        self.l_reason.setText(self.tr("理由（可不填）："))
        current = self.reason.currentText()
        self.reason.clear()
        self.reason.addItems(["", self.tr("人名、地名或专有名词"), self.tr("引文，保持原文"),
                              self.tr("作者用法，予以保留"), self.tr("误报")])
        self.reason.setCurrentText(current)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("忽略"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def text(self) -> str:
        return self.reason.currentText().strip()
