"""The window's session: which library, which issue is open, who is working,
and the op runner every view uses to read and write.

Views never hold a library connection: they submit ops (``session.read`` /
``session.write``) and refresh on ``session.changed``.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from editor_app.services import outbox

from .ops import Op, OpContext, OpRunner
from .settings import AppSettings

log = logging.getLogger(__name__)


class Session(QObject):
    issue_changed = Signal(object)  # the open issue id, or None
    changed = Signal(object, object)  # OpChanges, origin (forwarded from the runner)
    failed = Signal(str, str)

    def __init__(self, db_path: str | Path, settings: AppSettings, synchronous: bool = False,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.db_path = db_path if outbox.is_server_dsn(db_path) else Path(db_path)
        self.settings = settings
        self.outbox = self._open_outbox()
        self.synchronous = synchronous
        self.runner = OpRunner(self.db_path, synchronous=synchronous, parent=self)
        self.runner.changed.connect(self.changed)
        self.runner.failed.connect(self.failed)
        self.issue_id: int | None = None
        self.issue_label = ""

    def _open_outbox(self) -> outbox.Outbox | None:
        """The offline outbox of a server library, beside the settings file (None: a local
        library, or the outbox file cannot be opened: then saves are not queued offline)."""
        try:
            return outbox.open_for(Path(self.settings.qs.fileName()).parent, self.db_path)
        except Exception:  # noqa: BLE001 - a broken outbox file must not keep the window from opening
            log.error("cannot open the offline outbox:\n%s", traceback.format_exc())
            return None

    @property
    def user(self) -> str:
        return self.settings.user_name

    @property
    def role(self) -> str:
        """The user's role code ("editor", "proofreader", "chief") or ""."""
        return self.settings.user_role

    def set_issue(self, issue_id: int | None, label: str = "") -> None:
        self.issue_id = issue_id
        self.issue_label = label
        self.issue_changed.emit(issue_id)

    def read(self, fn: Callable[[OpContext], Any], success: Callable[[Any], None] | None = None,
             **kw) -> Op:
        """Run a read on the worker; ``success(result)`` on the UI thread."""
        return self.runner.run(Op(fn, success=success, **kw))

    def write(self, fn: Callable[[OpContext], Any], success: Callable[[Any], None] | None = None,
              origin: object | None = None, **kw) -> Op:
        """Run a write service on the worker; views are told what it says it changed
        (the result's ``changes``)."""
        return self.runner.run(Op(fn, write=True, success=success, origin=origin, **kw))

    def shutdown(self) -> None:
        self.runner.shutdown()
        box, self.outbox = self.outbox, None
        if box is not None:
            box.close()  # what is queued stays in the file for the next start
