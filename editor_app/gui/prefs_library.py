"""首选项 → 资料库 (library): 本机 (a local file, the default) or 编辑部服务器 (a newsroom
library on PostgreSQL: host, port, database, login), with a connection test.

The password is never written to the settings file: it is asked for when the window
connects (``chosen_server_dsn``) and typed here only for the test. The choice takes
effect at the next start of the application (the open window keeps its library).
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QEvent, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from editor_app.services import live

from .settings import AppSettings

KEYS = ("library/kind", "library/host", "library/port", "library/database", "library/login")


def server_fields(settings: AppSettings) -> dict | None:
    """The server chosen in Preferences, or None for the local library."""
    qs = settings.qs
    if str(qs.value("library/kind", "local")) != "server":
        return None
    return {
        "host": str(qs.value("library/host", "localhost") or "localhost"),
        "port": int(qs.value("library/port", 5432) or 5432),
        "database": str(qs.value("library/database", "") or ""),
        "login": str(qs.value("library/login", "") or ""),
    }


def chosen_server_dsn(settings: AppSettings, parent: QWidget | None = None) -> str | None:
    """At start: the server library of Preferences, its password asked for now (None: the
    local library, or the user cancelled the password prompt)."""
    f = server_fields(settings)
    if f is None or not f["database"] or not f["login"]:
        return None
    password, ok = QInputDialog.getText(
        parent, QCoreApplication.translate("LibraryPage", "连接编辑部服务器"),
        QCoreApplication.translate("LibraryPage", "{0}@{1}/{2} 的密码：").format(f["login"], f["host"], f["database"]),
        QLineEdit.EchoMode.Password,
    )
    if not ok:
        return None
    return live.server_dsn(f["host"], f["port"], f["database"], f["login"], password)


class LibraryPage(QWidget):
    tested = Signal(bool, str)  # from the test's thread

    def __init__(self, settings: AppSettings, current: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("prefsLibrary")
        self.settings = settings
        self.r_local = QRadioButton(objectName="libraryLocal")
        self.r_server = QRadioButton(objectName="libraryServer")
        group = QButtonGroup(self)
        group.addButton(self.r_local)
        group.addButton(self.r_server)
        self.host = QLineEdit(objectName="libraryHost")
        self.port = QSpinBox(objectName="libraryPort")
        self.port.setRange(1, 65535)
        self.database = QLineEdit(objectName="libraryDatabase")
        self.login = QLineEdit(objectName="libraryLogin")
        self.password = QLineEdit(objectName="libraryPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.b_test = QPushButton(objectName="libraryTest")
        self.result = QLabel(objectName="libraryTestResult")
        self.result.setWordWrap(True)
        self.note = QLabel(objectName="libraryNote")
        self.note.setWordWrap(True)
        self.current = QLabel(current, objectName="libraryCurrent")
        self.form = QFormLayout()
        self._labels = [QLabel() for _ in range(5)]
        for label, w in zip(self._labels, (self.host, self.port, self.database, self.login, self.password),
                            strict=True):
            self.form.addRow(label, w)
        row = QHBoxLayout()
        row.addWidget(self.b_test)
        row.addWidget(self.result, 1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.current)
        lay.addWidget(self.r_local)
        lay.addWidget(self.r_server)
        lay.addLayout(self.form)
        lay.addLayout(row)
        lay.addWidget(self.note)
        lay.addStretch(1)
        f = server_fields(settings)
        qs = settings.qs
        self.r_server.setChecked(f is not None)
        self.r_local.setChecked(f is None)
        self.host.setText(str(qs.value("library/host", "localhost") or "localhost"))
        self.port.setValue(int(qs.value("library/port", 5432) or 5432))
        self.database.setText(str(qs.value("library/database", "") or ""))
        self.login.setText(str(qs.value("library/login", "") or ""))
        self.b_test.clicked.connect(self.test)
        self.tested.connect(self._tested)
        self.r_server.toggled.connect(self._enable)
        self.retranslate()
        self._enable()

    def retranslate(self) -> None:
        self.r_local.setText(self.tr("本机资料库（默认）"))
        self.r_server.setText(self.tr("编辑部服务器（PostgreSQL）"))
        for label, text in zip(self._labels, (self.tr("服务器地址"), self.tr("端口"), self.tr("数据库"),
                                              self.tr("用户名"), self.tr("密码")), strict=True):
            label.setText(text)
        self.password.setPlaceholderText(self.tr("仅用于测试；不会保存，连接时再询问"))
        self.b_test.setText(self.tr("测试连接"))
        self.note.setText(self.tr("更改在下次启动时生效；密码不会写入设置文件。"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _enable(self) -> None:
        on = self.r_server.isChecked()
        for w in (self.host, self.port, self.database, self.login, self.password, self.b_test):
            w.setEnabled(on)

    def dsn(self, with_password: bool = True) -> str:
        return live.server_dsn(self.host.text(), self.port.value(), self.database.text(), self.login.text(),
                               self.password.text() if with_password else "")

    def test(self) -> threading.Thread:
        """Try the connection on a thread; the one-line answer appears beside the button."""
        self.b_test.setEnabled(False)
        self.result.setText(self.tr("正在连接…"))
        dsn = self.dsn()
        t = threading.Thread(target=lambda: self.tested.emit(*live.check_connection(dsn)), daemon=True)
        t.start()
        return t

    def _tested(self, ok: bool, message: str) -> None:
        self.b_test.setEnabled(self.r_server.isChecked())
        self.result.setText(("✓ " if ok else "✗ ") + message)
        self.result.setStyleSheet("color:#1a7f37;" if ok else "color:#b42318;")

    def save(self) -> None:
        """Store the choice (never the password)."""
        qs = self.settings.qs
        qs.setValue("library/kind", "server" if self.r_server.isChecked() else "local")
        qs.setValue("library/host", self.host.text().strip())
        qs.setValue("library/port", self.port.value())
        qs.setValue("library/database", self.database.text().strip())
        qs.setValue("library/login", self.login.text().strip())
        qs.sync()
