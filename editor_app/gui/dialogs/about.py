"""About: name, version, library path, licences of what we ship."""

from __future__ import annotations

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from editor_app import __version__


class AboutDialog(QDialog):
    def __init__(self, library_path: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.library_path = library_path
        self.text = QLabel(objectName="aboutText")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        lay = QVBoxLayout(self)
        lay.addWidget(self.text)
        lay.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("关于编辑审校台"))
        self.text.setText(
            "<h2>" + self.tr("编辑审校台") + f" {__version__}</h2>"
            + "<p>" + self.tr("期刊编辑部的整期审校工具：导入、校对、修订、导出。") + "</p>"
            + "<p>" + self.tr("资料库：{0}").format(self.library_path) + "</p>"
            + "<p style='color:#666'>" + self.tr("界面基于 Qt / PySide6 {0}（LGPLv3）；"
                                                  "备用中文字体 Noto Sans CJK SC（SIL OFL 1.1）。").format(
                pyside_version) + "</p>"
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
