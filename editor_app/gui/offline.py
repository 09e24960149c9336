"""The window's offline part: 离线 and the pending count in the status bar, and the
sender that passes the outbox (services/outbox.py) to the worker when a retry is due.

Only for a server library (``session.outbox``); a local library is never offline and
shows nothing here. The sending itself runs as a write op on the worker, like every
other write; when it is done the status bar says how many saves went out, and a
queued save that became a conflict revision is reported in a message box (both texts
are in the article's history).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow

from editor_app.services import outbox

from .session import Session

TICK_MS = 1000


class OfflineStatus(QObject):
    def __init__(self, window: QMainWindow, session: Session):
        super().__init__(window)
        self.window = window
        self.session = session
        self.sending = False
        self.last_report: outbox.FlushReport | None = None
        self.label = QLabel(objectName="offlineState")
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.label.linkActivated.connect(lambda _link: self.show_refused())
        self.label.hide()
        window.statusBar().addPermanentWidget(self.label)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        if session.outbox is not None:
            self.timer.start()
            self.update()
        # the change listener reconnected: the server answers, send what waits at once
        session.online_changed.connect(self._listener_online)

    def update(self) -> None:
        """The status bar's offline part: 离线, saves waiting, saves the server refused."""
        box = self.session.outbox
        if box is None:
            self.label.hide()
            return
        pending, refused = box.pending(), len(box.refused())
        parts = []
        if box.offline:
            parts.append(self.tr("离线"))
        if pending:
            parts.append(self.tr("{0} 次保存待发送").format(pending))
        if refused:  # a link: the dialog where their text is copied and they are discarded
            parts.append('<a href="refused">' + self.tr("{0} 次保存被服务器拒绝（存于本机）").format(refused)
                         + "</a>")
        self.label.setText(" · ".join(parts))
        self.label.setToolTip(self.tr("无法连接编辑部服务器：保存的文字存在本机，连接恢复后按顺序发送")
                              if box.offline else "")
        self.label.setVisible(bool(parts))

    def show_refused(self):
        """The saves the server refused: read, copy, discard (gui/dialogs/refused_saves.py)."""
        from .dialogs.refused_saves import RefusedSavesDialog

        box = self.session.outbox
        if box is None:
            return None
        dlg = RefusedSavesDialog(box, self.window)
        dlg.finished.connect(lambda _r: self.update())
        dlg.show()
        return dlg

    def _listener_online(self, online: bool) -> None:
        box = self.session.outbox
        if online and box is not None and box.pending():
            box.retry_now()
            self.tick()

    def tick(self) -> None:
        box = self.session.outbox
        self.update()
        if box is None or self.sending or not box.pending() or not box.due():
            return
        self.send()

    def send(self) -> None:
        box = self.session.outbox
        if box is None:
            return
        self.sending = True
        self.session.write(lambda ctx: outbox.flush(ctx.lib, box), success=self._sent,
                           failure=self._failed)

    def _sent(self, report: outbox.FlushReport) -> None:
        self.sending = False
        self.last_report = report
        self.update()
        message = report.message()
        if message:
            self.window.statusBar().showMessage(message, 15000)
        if report.conflicts or report.refused:
            self.window.show_error(self.tr("离线保存的修改"), message)
        update = getattr(self.window, "update_status", None)
        if update is not None:
            update()

    def _failed(self, exc: BaseException) -> bool:
        self.sending = False
        box = self.session.outbox
        if box is not None and isinstance(exc, outbox.ServerUnreachable):
            box.went_offline()  # the library could not be opened: try again later, quietly
            self.update()
            return True
        self.update()
        return False  # anything else: the runner reports it in one line
