"""Who is working: name and role (编辑 / 校对 / 主编), asked on first start and
changeable in 首选项. Recorded on revisions, comments and tracked changes."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from .. import labels
from ..settings import ROLES


def fill_roles(combo: QComboBox, current: str) -> None:
    """The role choices, translated, with ``current`` selected (none chosen: the first)."""
    combo.blockSignals(True)
    combo.clear()
    for code in ROLES:
        combo.addItem(labels.role(code), code)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    combo.blockSignals(False)


class IdentityDialog(QDialog):
    def __init__(self, name: str = "", role: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("identityDialog")
        self.intro = QLabel(objectName="identityIntro")
        self.intro.setWordWrap(True)
        self.name = QLineEdit(name, objectName="identityName")
        self.role = QComboBox(objectName="identityRole")
        self._role = role
        self.l_name, self.l_role = QLabel(), QLabel()
        form = QFormLayout()
        form.addRow(self.l_name, self.name)
        form.addRow(self.l_role, self.role)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self._ok)
        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addLayout(form)
        lay.addWidget(self.buttons)
        self.name.textChanged.connect(lambda t: self.buttons.button(
            QDialogButtonBox.StandardButton.Ok).setEnabled(bool(t.strip())))
        self.retranslate()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(name.strip()))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("欢迎使用编辑审校台"))
        self.intro.setText(self.tr("请填写您的姓名和岗位。它们会记录在您保存的每个修订、导出的批注和修订痕迹中，"
                                   "可随时在“首选项”中修改。"))
        self.l_name.setText(self.tr("姓名"))
        self.l_role.setText(self.tr("岗位"))
        self.name.setPlaceholderText(self.tr("例如：王芳"))
        fill_roles(self.role, self.role.currentData() or self._role)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _ok(self) -> None:
        if self.name.text().strip():
            self.accept()

    def result_identity(self) -> tuple[str, str]:
        return self.name.text().strip(), self.role.currentData() or ""
