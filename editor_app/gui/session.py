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

from PySide6.QtCore import QObject, QTimer, Signal

from editor_app.services import live, outbox
from editor_app.services.issues import is_server_dsn

from .ops import Op, OpContext, OpRunner
from .settings import AppSettings

log = logging.getLogger(__name__)

REMOTE = object()  # the origin of changes made at another desk (no view of ours skips them)


class Session(QObject):
    issue_changed = Signal(object)  # the open issue id, or None
    changed = Signal(object, object)  # OpChanges, origin (forwarded from the runner)
    failed = Signal(str, str)
    whoami_changed = Signal(object)  # live.Whoami: the login and role read from the server
    presence_changed = Signal()
    remote_changed = Signal(object, object)  # OpChanges, [logins]: a change made at another desk
    online_changed = Signal(bool)
    _remote = Signal(object, object)  # from the listener's thread
    _presence = Signal(object)
    _online = Signal(bool)

    def __init__(self, db_path: str | Path, settings: AppSettings, synchronous: bool = False,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.server = is_server_dsn(db_path)
        # a server library: the DSN as given (never a Path); its connections carry this
        # desk's client name, so that the desk recognises its own changes announced back
        self.db_path: str | Path = str(db_path).strip() if self.server else Path(db_path)
        self.client = live.new_client_name() if self.server else ""
        self.settings = settings
        self.outbox = self._open_outbox()
        self.synchronous = synchronous
        db = live.desk_dsn(self.db_path, self.client) if self.server else self.db_path
        self.runner = OpRunner(db, synchronous=synchronous, parent=self)
        self.runner.changed.connect(self.changed)
        self.runner.failed.connect(self.failed)
        self.issue_id: int | None = None
        self.issue_label = ""
        self.who = live.Whoami("", "", "")
        self.presence = live.PresenceMap()
        self.listener: live.LiveListener | None = None
        self.online = True
        self._editing: tuple[int | None, int] | None = None  # (issue, article) with unsaved edits
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(int(live.PRESENCE_EVERY_S * 1000))
        self._heartbeat.timeout.connect(self._announce)
        self._lapse = QTimer(self)  # others' presence lapses without a heartbeat
        self._lapse.setInterval(5000)
        self._lapse.timeout.connect(self.presence_changed)
        self._remote.connect(self._on_remote)
        self._presence.connect(self._on_presence)
        self._online.connect(self._on_online)

    # -- the newsroom library: who, live changes, presence -------------------------------

    def start_live(self) -> None:
        """On a server library: read the login's role and start listening to the others."""
        if not self.server or self.runner.closed:
            return

        def got(who: live.Whoami) -> None:
            self.who = who
            self.whoami_changed.emit(who)

        self.read(lambda ctx: live.whoami(ctx.lib), got)
        if self.listener is None:
            self.listener = live.LiveListener(
                str(self.db_path), self.client,
                on_changes=lambda changes, logins: self._remote.emit(changes, logins),
                on_presence=self._presence.emit, on_online=self._online.emit,
            ).start()
            self._lapse.start()

    def _on_remote(self, changes: list, logins: list) -> None:
        for c in changes:
            self.changed.emit(c, REMOTE)  # the one refresh path: as if an op of ours returned it
            self.remote_changed.emit(c, logins)

    def _on_presence(self, p) -> None:
        self.presence.update(p)
        self.presence_changed.emit()

    def _on_online(self, online: bool) -> None:
        self.online = online
        self.online_changed.emit(online)

    def editors_of(self, seg_id: int | None) -> list[str]:
        """Who else is editing this article now (advisory)."""
        return self.presence.editors_of(seg_id)

    def set_editing(self, seg_id: int | None, editing: bool) -> None:
        """This desk has (or no longer has) unsaved edits in ``seg_id``: the others are told."""
        want = (self.issue_id, seg_id) if editing and seg_id is not None else None
        if want == self._editing:
            return
        was = self._editing
        self._editing = want
        if self.listener is None:
            return
        if want is None:
            self._heartbeat.stop()
            if was is not None:
                self._announce_one(was, False)
        else:
            self._announce()
            self._heartbeat.start()

    def _announce(self) -> None:
        if self._editing is not None:
            self._announce_one(self._editing, True)

    def _announce_one(self, what: tuple[int | None, int], editing: bool) -> None:
        if self.listener is not None:
            self.listener.send_presence(live.Presence(
                self.client, self.who.login, self.user or self.who.login, what[0], what[1], editing))

    # -- what this login may do (a local library: everything) ----------------------------

    @property
    def role_code(self) -> str:
        """The server role ("editor", "proofreader", "chief"), '' on a local library."""
        return self.who.role if self.server else ""

    def may_sign_off(self) -> bool:
        return not self.server or self.who.role == "chief"

    def text_lock(self, review_status: str) -> str:
        """Why this login may not change an article's text here ('' when it may)."""
        if not self.server:
            return ""
        if review_status == "signed":
            return self.tr("已签发，只读：须主编重新打开后才能修改")
        if self.who.role == "proofreader":
            return self.tr("校对角色只读：可以校对、忽略问题和批注，不能修改正文")
        return ""

    @property
    def display_location(self) -> str:
        """The library's file, or its DSN without the password (About, messages)."""
        return live.redact(str(self.db_path)) if self.server else str(self.db_path)

    def location_text(self) -> str:
        """Where the library is, for the status bar: 本机, or 服务器 host/db · login · role."""
        if not self.server:
            return self.tr("资料库：本机")
        from urllib.parse import parse_qs, urlsplit

        parts = urlsplit(str(self.db_path))
        q = parse_qs(parts.query)
        host = parts.hostname or (q.get("host") or ["localhost"])[0]
        if host.startswith("/"):
            host = "localhost"
        db = parts.path.lstrip("/") or (q.get("dbname") or [""])[0]
        bits = [self.tr("服务器 {0}/{1}").format(host, db)]
        if self.who.login:
            bits.append(self.who.login)
        if self.who.role_label:
            bits.append(self.who.role_label)
        if not self.online:
            bits.append(self.tr("连接中断"))
        return " · ".join(bits)

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
        self.set_editing(None, False)
        self._heartbeat.stop()
        self._lapse.stop()
        if self.listener is not None:
            self.listener.stop()
            self.listener = None
        self.runner.shutdown()
        box, self.outbox = self.outbox, None
        if box is not None:
            box.close()  # what is queued stays in the file for the next start
