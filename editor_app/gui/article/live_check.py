"""Background re-check of the text being typed.

The editor asks for a check of (segment, text, text revision); the request
goes to a checker thread with its own :class:`~editor_app.checks.Checker`
(built from a :class:`~editor_app.services.editing.CheckSnapshot`, no database).
Only the newest request waits: older ones are replaced while the thread is
busy. Results carry the text revision they were computed for; the editor
drops those that arrive for an older revision. Typing never waits.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from editor_app.services import editing

log = logging.getLogger("editor_app.gui.live_check")


class _CheckWorker(QObject):
    ready = Signal(int, int, object)  # seg_id, text revision, findings

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._request: tuple | None = None
        self._checker = None
        self._snap = None

    def put(self, request: tuple) -> None:
        with self._lock:
            self._request = request

    @Slot()
    def work(self) -> None:
        with self._lock:
            request, self._request = self._request, None
        if request is None:
            return  # a newer request was already handled
        snap, seg_id, text, rev = request
        try:
            if snap is not self._snap:
                self._checker = editing.live_checker(snap)
                self._snap = snap
            findings = editing.live_check(self._checker, snap, seg_id, text)
        except Exception:  # noqa: BLE001 - a failed live check only means no live underlines
            log.exception("live check failed")
            return
        self.ready.emit(seg_id, rev, findings)


class LiveChecker(QObject):
    ready = Signal(int, int, object)  # seg_id, text revision, findings
    _wake = Signal()

    def __init__(self, synchronous: bool = False, parent: QObject | None = None):
        super().__init__(parent)
        self.synchronous = synchronous
        self._worker = _CheckWorker()
        self._thread: QThread | None = None
        if synchronous:
            self._worker.ready.connect(self.ready)
        else:
            self._thread = QThread()
            self._thread.setObjectName("editor-app-live-check")
            self._worker.moveToThread(self._thread)
            self._wake.connect(self._worker.work, Qt.ConnectionType.QueuedConnection)
            self._worker.ready.connect(self.ready, Qt.ConnectionType.QueuedConnection)
            self._thread.start()

    def request(self, snap: editing.CheckSnapshot, seg_id: int, text: str, rev: int) -> None:
        self._worker.put((snap, seg_id, text, rev))
        if self.synchronous:
            self._worker.work()
        else:
            self._wake.emit()

    def shutdown(self) -> None:
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait()
            self._thread = None
