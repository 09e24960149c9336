"""Operations: every database access of the window runs here, off the UI thread.

An :class:`Op` wraps one service call (``fn(ctx)``, where ``ctx.lib`` is the
worker's :class:`~editor_app.store.Library`). The :class:`OpRunner` queues it
on its single :class:`_Worker` thread, which owns the one connection to the
library; jobs run one at a time in submission order, so a save queued before
a fix is committed before the fix reads the text.

When the job ends, on the UI thread:

* success: ``op.success(result)`` is called, then, for writes, the
  :class:`~editor_app.services.changes.OpChanges` the service returned
  (``result.changes``) is emitted as ``OpRunner.changed(changes, origin)`` so
  that every view refreshes what it shows — the widget that made the change
  (``origin``) skips itself, it already knows. The GUI never writes change
  lists of its own: what changed is the service's answer;
* failure: ``op.failure(exc)`` may handle it; otherwise ``OpRunner.failed``
  carries a readable title and message (the main window shows them in one
  place, a message box). :class:`~editor_app.services.workspace.Cancelled`
  is not a failure.

Long work (``op.long``) reports progress through ``ctx.progress`` and can be
cancelled (``ctx.cancelled()``); the runner shows a progress dialog after a
short delay. ``synchronous=True`` runs every job immediately on the calling
thread (tests that need determinism; the crash test uses real threads).
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QObject,
    Qt,
    QThread,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QProgressDialog, QWidget

from editor_app.services import failures
from editor_app.services import issues as svc
from editor_app.services.changes import OpChanges
from editor_app.services.importing import Cancelled
from editor_app.services.issues import Library, LibraryError, UserError

log = logging.getLogger("editor_app.gui.ops")

# stage labels the services report (editor_app.services.importing.import_path), for lupdate
STAGES = (
    QT_TRANSLATE_NOOP("Ops", "解析"),
    QT_TRANSLATE_NOOP("Ops", "写入资料库"),
    QT_TRANSLATE_NOOP("Ops", "校对"),
    QT_TRANSLATE_NOOP("Ops", "导出"),
    QT_TRANSLATE_NOOP("Ops", "完成"),
)
# the title of a failure's message box: an expected failure, or a file error
ERROR_TITLES = (QT_TRANSLATE_NOOP("Ops", "操作未完成"), QT_TRANSLATE_NOOP("Ops", "文件错误"))


class OpContext:
    """What a job sees: the worker's library, progress reporting and the cancel flag."""

    def __init__(self, lib: Library, report: Callable[[str, int, int], None], cancel: threading.Event):
        self.lib = lib
        self._report = report
        self._cancel = cancel

    def progress(self, label: str, done: int, total: int) -> None:
        self._report(label, done, total)

    def cancelled(self) -> bool:
        return self._cancel.is_set()


@dataclass
class Op:
    fn: Callable[[OpContext], Any]
    label: str = ""  # shown in the progress dialog (translated by the caller)
    write: bool = False  # a write: views refresh from the result's ``changes``
    success: Callable[[Any], None] | None = None
    failure: Callable[[BaseException], bool] | None = None  # True: handled
    origin: object | None = None
    long: bool = False
    cancellable: bool = False
    id: int = 0
    cancel: threading.Event = field(default_factory=threading.Event)


def describe_error(exc: BaseException) -> tuple[str, str]:
    """(title, message) for a failure, as the user reads it: the same one line the command
    line prints for an expected failure (services/failures.py), else a program error."""
    message = failures.user_message(exc)
    if message is not None:
        return QCoreApplication.translate("Ops", ERROR_TITLES[isinstance(exc, OSError)]), message
    return (
        QCoreApplication.translate("Ops", "程序错误"),
        QCoreApplication.translate("Ops", "操作因程序错误而中止，资料库未受影响。\n\n{0}: {1}").format(
            type(exc).__name__, exc),
    )


class _Worker(QObject):
    """Lives on the worker thread; owns the library connection."""

    done = Signal(int, bool, object)
    progressed = Signal(int, str, int, int)

    def __init__(self, db_path: str):
        super().__init__()
        self.db_path = db_path
        self.lib: Library | None = None

    @Slot(object)
    def execute(self, op: Op) -> None:
        try:
            if self.lib is None:
                self.lib = svc.open_library(self.db_path)
            ctx = OpContext(self.lib, lambda s, d, t: self.progressed.emit(op.id, s, d, t), op.cancel)
            result = op.fn(ctx)
        except BaseException as exc:  # noqa: BLE001 - reported on the UI thread
            if not isinstance(exc, (UserError, LibraryError, Cancelled)):
                log.error("op %s failed:\n%s", op.label or op.fn, traceback.format_exc())
            self.done.emit(op.id, False, exc)
            return
        self.done.emit(op.id, True, result)

    @Slot()
    def close(self) -> None:
        if self.lib is not None:
            self.lib.close()
            self.lib = None


class OpRunner(QObject):
    changed = Signal(object, object)  # OpChanges, origin
    failed = Signal(str, str)  # title, message
    busy_changed = Signal(bool)
    _submit = Signal(object)
    _close = Signal()

    PROGRESS_DELAY_MS = 400

    def __init__(self, db_path: str | Path, synchronous: bool = False, parent: QObject | None = None):
        super().__init__(parent)
        self.db_path = str(db_path)
        self.synchronous = synchronous
        self._ids = itertools.count(1)
        self._pending: dict[int, Op] = {}
        self._dialogs: dict[int, QProgressDialog] = {}
        self._sync_lib: Library | None = None
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self.dialog_parent: QWidget | None = None
        self.closed = False
        if not synchronous:
            self._thread = QThread()
            self._thread.setObjectName("editor-app-db-worker")
            self._worker = _Worker(self.db_path)
            self._worker.moveToThread(self._thread)
            self._submit.connect(self._worker.execute, Qt.ConnectionType.QueuedConnection)
            self._close.connect(self._worker.close, Qt.ConnectionType.BlockingQueuedConnection)
            self._worker.done.connect(self._finish, Qt.ConnectionType.QueuedConnection)
            self._worker.progressed.connect(self._progress, Qt.ConnectionType.QueuedConnection)
            self._thread.start()

    # -- submitting ----------------------------------------------------------------------

    def run(self, op: Op) -> Op:
        if self.closed:  # after shutdown (a timer firing while the window closes): nothing runs
            log.warning("op %s submitted after shutdown; ignored", op.label or op.fn)
            return op
        op.id = next(self._ids)
        was_idle = not self._pending
        self._pending[op.id] = op
        if was_idle:
            self.busy_changed.emit(True)
        if self.synchronous:
            self._run_inline(op)
        else:
            if op.long:
                self._schedule_progress(op)
            self._submit.emit(op)
        return op

    def _run_inline(self, op: Op) -> None:
        try:
            if self._sync_lib is None:
                self._sync_lib = svc.open_library(self.db_path)
            ctx = OpContext(self._sync_lib, lambda s, d, t: None, op.cancel)
            result = op.fn(ctx)
        except BaseException as exc:  # noqa: BLE001
            if not isinstance(exc, (UserError, LibraryError, Cancelled)):
                log.error("op %s failed:\n%s", op.label or op.fn, traceback.format_exc())
            self._finish(op.id, False, exc)
            return
        self._finish(op.id, True, result)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    # -- progress ------------------------------------------------------------------------

    def _schedule_progress(self, op: Op) -> None:
        def show() -> None:
            if op.id not in self._pending or op.id in self._dialogs:
                return
            dlg = QProgressDialog(self.dialog_parent)
            dlg.setWindowTitle(QCoreApplication.translate("Ops", "请稍候"))
            dlg.setLabelText(op.label)
            dlg.setRange(0, 0)
            dlg.setMinimumDuration(0)
            dlg.setAutoClose(False)
            dlg.setAutoReset(False)
            dlg.setWindowModality(Qt.WindowModality.WindowModal)
            if op.cancellable:
                dlg.setCancelButtonText(QCoreApplication.translate("Ops", "取消"))
                dlg.canceled.connect(op.cancel.set)
            else:
                dlg.setCancelButton(None)
            self._dialogs[op.id] = dlg
            dlg.show()

        QTimer.singleShot(self.PROGRESS_DELAY_MS, show)

    @Slot(int, str, int, int)
    def _progress(self, op_id: int, label: str, done: int, total: int) -> None:
        dlg = self._dialogs.get(op_id)
        op = self._pending.get(op_id)
        if dlg is None or op is None:
            return
        dlg.setLabelText(f"{op.label}\n{QCoreApplication.translate('Ops', label)}")
        dlg.setRange(0, max(total, 1))
        dlg.setValue(done)

    # -- finishing -----------------------------------------------------------------------

    @Slot(int, bool, object)
    def _finish(self, op_id: int, ok: bool, payload: object) -> None:
        op = self._pending.pop(op_id, None)
        dlg = self._dialogs.pop(op_id, None)
        if dlg is not None:
            dlg.close()
            dlg.deleteLater()
        if op is None:
            return
        try:
            if ok:
                if op.success is not None:
                    op.success(payload)
                changes = None
                if op.write:
                    changes = payload if isinstance(payload, OpChanges) else getattr(payload, "changes", None)
                if isinstance(changes, OpChanges) and changes.any:
                    self.changed.emit(changes, op.origin)
            else:
                exc = payload if isinstance(payload, BaseException) else RuntimeError(str(payload))
                handled = op.failure(exc) if op.failure is not None else False
                if not handled and not isinstance(exc, Cancelled):
                    self.failed.emit(*describe_error(exc))
        except Exception as exc:  # noqa: BLE001 - a broken callback must not kill the loop
            log.error("op callback failed:\n%s", traceback.format_exc())
            self.failed.emit(*describe_error(exc))
        finally:
            if not self._pending:
                self.busy_changed.emit(False)

    # -- lifetime ------------------------------------------------------------------------

    def wait_idle(self, timeout: float = 30.0) -> bool:
        """Process events until every queued job has finished (or the timeout)."""
        deadline = time.monotonic() + timeout
        while self._pending:
            if time.monotonic() > deadline:
                return False
            QCoreApplication.processEvents()
            if self._pending:
                time.sleep(0.002)
        return True

    def shutdown(self, timeout: float = 30.0) -> None:
        """Finish queued jobs (e.g. the last save), close the connection, stop the thread."""
        self.wait_idle(timeout)
        self.closed = True
        if self._thread is not None:
            if self._thread.isRunning():
                self._close.emit()
                self._thread.quit()
                self._thread.wait()
            self._thread = None
        if self._sync_lib is not None:
            self._sync_lib.close()
            self._sync_lib = None
