"""Live together on a newsroom library: other desks' changes and presence, without Qt.

On a PostgreSQL library every committed change is announced by the server itself
(triggers of migration ``0008_live``, store/pg_schema.py) on one channel, with the
issue, the segments, the kind of change, the login and the writer's client name.
:class:`LiveListener` is a thread with a connection of its own that LISTENs, turns
what arrives into the same :class:`~editor_app.services.changes.OpChanges` a
local operation returns (so a window refreshes from them by the path it already
has), skips its own client's changes, and reconnects with backoff when the server
goes away.

Presence is advisory and needs no table: a desk with unsaved edits in an article
announces it every ``PRESENCE_EVERY_S`` seconds (and once when it stops); the
others keep a :class:`PresenceMap` in which an announcement lapses after
``PRESENCE_TIMEOUT_S``. A save still goes through the version check.

A local (SQLite) library has one desk: nothing here runs for it.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from editor_app.store import Library, pg_roles
from editor_app.store.pg_backend import PgListener, client_dsn, login_of, redact
from editor_app.store.pg_schema import LIVE_CHANNEL, PRESENCE_CHANNEL

from .changes import OpChanges
from .issues import is_server_dsn

log = logging.getLogger(__name__)

PRESENCE_EVERY_S = 10.0
PRESENCE_TIMEOUT_S = 30.0
COALESCE_S = 0.02  # notifications arriving this close together are refreshed as one
BACKOFF_S = (0.5, 1.0, 2.0, 4.0, 8.0, 15.0)

# kind of a change announced by the server -> the OpChanges flags it sets
_FLAGS = {
    "text": ("text", "header"),
    "review": ("review",),
    "findings": ("findings",),
    "structure": ("structure", "text", "header", "findings"),
    "issues": ("issues",),
    "settings": ("settings",),
    "allowlist": ("allowlist",),
}


def new_client_name() -> str:
    """A name for one desk's connections (PostgreSQL's ``application_name``)."""
    return f"editor-app:{uuid.uuid4().hex[:12]}"


def desk_dsn(dsn: str, client: str) -> str:
    """The DSN a desk opens its library with: the changes it makes are announced as ``client``."""
    return client_dsn(dsn, client)


@dataclass(frozen=True)
class Change:
    """One change announced by the server."""

    issue_id: int | None
    segment_ids: tuple[int, ...] | None
    kind: str
    login: str
    client: str


def parse_change(payload: str) -> Change | None:
    try:
        d = json.loads(payload)
        segs = d.get("segment_ids")
        return Change(
            issue_id=None if d.get("issue_id") is None else int(d["issue_id"]),
            segment_ids=None if segs is None else tuple(int(s) for s in segs),
            kind=str(d.get("kind") or ""),
            login=str(d.get("login") or ""),
            client=str(d.get("client") or ""),
        )
    except (ValueError, TypeError, AttributeError):
        log.warning("unreadable change notification: %r", payload[:200])
        return None


def changes_of(changes: Iterable[Change]) -> list[OpChanges]:
    """What a batch of announced changes means for the views: one OpChanges per issue
    (segments merged; a change without segments concerns the whole issue)."""
    by_issue: dict[int | None, tuple[set[int] | None, set[str]]] = {}
    for c in changes:
        flags = _FLAGS.get(c.kind)
        if flags is None:
            continue
        segs, all_flags = by_issue.get(c.issue_id, (set(), set()))
        if segs is not None:
            segs = None if c.segment_ids is None else segs | set(c.segment_ids)
        by_issue[c.issue_id] = (segs, all_flags | set(flags))
    out = []
    for issue_id, (segs, flags) in by_issue.items():
        if issue_id is None and "issues" not in flags:
            segs = None  # library-wide (settings): any issue
        out.append(OpChanges.of(issue_id, segs, **{f: True for f in flags}))
    return out


# -- presence --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Presence:
    client: str
    login: str
    name: str  # the person's name as the desk knows it (settings), else the login
    issue_id: int | None
    seg_id: int | None
    editing: bool

    def payload(self) -> str:
        return json.dumps(
            {"client": self.client, "login": self.login, "name": self.name, "issue_id": self.issue_id,
             "seg_id": self.seg_id, "editing": self.editing},
            ensure_ascii=False,
        )


def parse_presence(payload: str) -> Presence | None:
    try:
        d = json.loads(payload)
        return Presence(str(d["client"]), str(d.get("login") or ""), str(d.get("name") or ""),
                        d.get("issue_id"), d.get("seg_id"), bool(d.get("editing")))
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


class PresenceMap:
    """Who is editing what, from others' announcements; each lapses after ``timeout`` s."""

    def __init__(self, timeout: float = PRESENCE_TIMEOUT_S):
        self.timeout = timeout
        self._seen: dict[str, tuple[Presence, float]] = {}

    def update(self, p: Presence, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        if p.editing:
            self._seen[p.client] = (p, now)
        else:
            self._seen.pop(p.client, None)

    def editors_of(self, seg_id: int | None, now: float | None = None) -> list[str]:
        """The names of the people (other desks) editing ``seg_id`` now."""
        now = time.monotonic() if now is None else now
        for client in [c for c, (_p, t) in self._seen.items() if now - t > self.timeout]:
            del self._seen[client]
        names = {p.name or p.login for p, _t in self._seen.values() if seg_id is not None and p.seg_id == seg_id}
        return sorted(names)


# -- the listener ----------------------------------------------------------------------------


class LiveListener:
    """A thread LISTENing to a server library. ``on_changes(list[OpChanges], logins)`` and
    ``on_presence(Presence)`` are called on the listener's thread (a window forwards them
    to its own); ``on_online(bool)`` when the connection is lost or back."""

    def __init__(
        self,
        dsn: str,
        client: str,
        on_changes: Callable[[list[OpChanges], list[str]], None],
        on_presence: Callable[[Presence], None] | None = None,
        on_online: Callable[[bool], None] | None = None,
        wait_s: float = 0.25,
    ):
        self.dsn = dsn
        self.client = client
        self.on_changes = on_changes
        self.on_presence = on_presence
        self.on_online = on_online
        self.wait_s = wait_s
        self._outgoing: queue.Queue[tuple[str, str]] = queue.Queue()
        self._stop = threading.Event()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="editor-app-live", daemon=True)
        self.online = False
        self.reconnects = 0

    def start(self) -> LiveListener:
        self._thread.start()
        return self

    def wait_ready(self, timeout: float = 5.0) -> bool:
        """True once the first LISTEN is in place (tests: a change made after this is seen)."""
        return self._ready.wait(timeout)

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def send_presence(self, p: Presence) -> None:
        self._outgoing.put((PRESENCE_CHANNEL, p.payload()))

    def _set_online(self, online: bool) -> None:
        if online != self.online:
            self.online = online
            if self.on_online is not None:
                self.on_online(online)

    def _run(self) -> None:
        attempt = 0
        while not self._stop.is_set():
            try:
                listener = PgListener(client_dsn(self.dsn, self.client + ":listen"),
                                      (LIVE_CHANNEL, PRESENCE_CHANNEL))
            except Exception as exc:  # noqa: BLE001 - the server is away: try again later
                self._set_online(False)
                delay = BACKOFF_S[min(attempt, len(BACKOFF_S) - 1)]
                log.info("live: cannot connect to %s (%s); again in %.1f s", redact(self.dsn), exc, delay)
                attempt += 1
                self._stop.wait(delay)
                continue
            if self._ready.is_set():
                self.reconnects += 1
            attempt = 0
            self._set_online(True)
            self._ready.set()
            try:
                self._loop(listener)
            except Exception as exc:  # noqa: BLE001 - connection lost: reconnect
                log.info("live: connection to %s lost (%s)", redact(self.dsn), exc)
                self._set_online(False)
            finally:
                listener.close()

    def _send_pending(self, listener: PgListener) -> None:
        while True:
            try:
                channel, payload = self._outgoing.get_nowait()
            except queue.Empty:
                return
            listener.send(channel, payload)

    def _loop(self, listener: PgListener) -> None:
        while not self._stop.is_set():
            self._send_pending(listener)
            got = listener.wait(self.wait_s)
            if not got:
                continue
            deadline = time.monotonic() + COALESCE_S * 3
            while time.monotonic() < deadline:  # a burst (an import, a re-check): one refresh
                more = listener.wait(COALESCE_S)
                if not more:
                    break
                got += more
            self._dispatch(got)
        self._send_pending(listener)  # stopping: the last presence ("no longer editing") goes out

    def _dispatch(self, got: list[tuple[str, str, int]]) -> None:
        changes: list[Change] = []
        for channel, payload, _pid in got:
            if channel == PRESENCE_CHANNEL:
                p = parse_presence(payload)
                if p is not None and p.client != self.client and self.on_presence is not None:
                    self.on_presence(p)
                continue
            c = parse_change(payload)
            if c is not None and c.client != self.client:
                changes.append(c)
        if changes:
            try:
                self.on_changes(changes_of(changes), sorted({c.login for c in changes}))
            except Exception:  # noqa: BLE001 - a view's failure must not stop the listener
                log.exception("live: a change handler failed")


# -- who is connected ------------------------------------------------------------------------


@dataclass(frozen=True)
class Whoami:
    login: str
    role_label: str  # 编辑 / 校对 / 主编 / 管理员, '' when in none of the groups
    role: str  # "editor" / "proofreader" / "chief" ("chief" for an administrator), ''


def whoami(lib: Library) -> Whoami:
    """The login and role of a server library's connection (a local library: '' — everyone
    may do everything there)."""
    if lib.backend != "postgresql":
        return Whoami("", "", "")
    login, label = pg_roles.login_role(lib)
    role = "chief" if label == "管理员" else (pg_roles.role_key(label) if label else "")
    return Whoami(login, label, role)


def server_login(dsn: str) -> str:
    return login_of(dsn) if is_server_dsn(dsn) else ""


# -- the connection test of Preferences → 资料库 -------------------------------------------------


def server_dsn(host: str, port: int | str | None, database: str, login: str, password: str = "") -> str:
    """A ``postgresql://`` DSN from the fields of Preferences (the password only in memory)."""
    from urllib.parse import quote

    user = quote(login.strip(), safe="")
    if password:
        user += ":" + quote(password, safe="")
    host = (host or "localhost").strip()
    port_part = f":{int(port)}" if str(port or "").strip() else ""
    return f"postgresql://{user}@{host}{port_part}/{quote(database.strip(), safe='')}"


def check_connection(dsn: str) -> tuple[bool, str]:
    """(ok, one line): connected as whom and which role — or what is wrong: the server
    unreachable, the password, the database, the schema (run ``server init``), the role."""
    from editor_app.store import ServerUnreachable

    from .issues import UserError, open_library

    try:
        lib = open_library(dsn)
    except ServerUnreachable:
        return False, "无法连接服务器（地址、端口或网络） / the server is unreachable (address, port or network)"
    except UserError as exc:
        text = str(exc)
        low = text.lower()
        if "password authentication failed" in low or "no password supplied" in low:
            return False, "密码错误，或该用户不存在 / wrong password (or no such login)"
        if "role" in low and "does not exist" in low:
            return False, "服务器上没有这个用户，请管理员运行 server adduser / no such login on the server"
        if "database" in low and "does not exist" in low:
            return False, "服务器上没有这个数据库 / no such database on the server"
        if "server init" in low:
            return False, "数据库还不是资料库：请管理员运行 editor-app server init / no library schema: run server init"
        if "permission denied" in low:  # a login in none of the groups cannot read the library
            who = server_login(dsn) or "?"
            return False, (f"{who} 不属于编辑、校对或主编角色；请管理员运行 server adduser"
                           f" / {who} has no role in this library: IT runs server adduser")
        if "cannot connect" in low or "无法连接" in text:
            return False, "无法连接服务器（地址、端口或网络） / the server is unreachable (address, port or network)"
        return False, text.splitlines()[0]
    try:
        who = whoami(lib)
    finally:
        lib.close()
    if not who.role_label:
        return False, (f"已连接，但 {who.login} 不属于编辑、校对或主编角色；请管理员运行 server adduser"
                       f" / connected, but {who.login} has no role: IT runs server adduser")
    return True, f"连接成功：{who.login}（{who.role_label}） / connected as {who.login} ({who.role_label})"
