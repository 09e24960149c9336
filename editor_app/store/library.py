"""The library: one SQLite file holding issues, texts, findings and settings — or, given a
``postgresql://`` DSN, the same library on a PostgreSQL server (pg_backend.py: a
connection pool, the advisory write lock, roles enforced by the server; the schema is
pg_schema.py and is created or upgraded only by ``editor-app server init``). Every
method below behaves the same on both; what differs lives in sqlite_backend.py,
pg_backend.py and dialect.py.

``Library(path)`` opens (or creates) the file, sets the connection up and
applies pending migrations. Connection settings:

* ``journal_mode=WAL`` (file databases): readers never block the writer and a
  commit is one append to the WAL; a process killed at any moment leaves the
  database consistent, the WAL being replayed or ignored on the next open.
* ``synchronous=FULL``: the WAL is fsynced at every commit, so a save that
  returned survives not only a killed process (NORMAL would suffice for that)
  but also a power cut or an OS crash; NORMAL could lose the last commits
  then. Saves happen at human pace, so the few milliseconds of an fsync are
  invisible, and losing an editor's last save is not.
* ``foreign_keys=ON`` (cascades, no orphans), ``busy_timeout`` for the day a
  second process (a CLI, another desk) writes to the same file.

Before anything is written, the file is checked (``integrity.check_on_open``:
``PRAGMA quick_check``; a damaged library raises DamagedLibraryError and is never
written to), and only a regular file is opened. Migrations run under the write
lock, so several processes may open a new library at once. SQLite errors while
opening are raised as the typed errors of errors.py (full, read-only, locked...).

Every write runs inside ``db.atomic()`` (``Library.atomic()``). SQL lives in
this package only; the methods are spread over mixins by job: issues.py,
revisions.py, findings.py, config.py, search.py, structure.py, statements.py,
lexicon.py, ngrams.py.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from sqlite_utils import Database

from . import integrity, pg_backend
from .config import ConfigMixin
from .errors import LibraryError, PermissionRefused, classify_sqlite
from .findings import FindingsMixin
from .issues import IssuesMixin
from .lexicon import LexiconMixin
from .ngrams import NgramsMixin
from .revisions import RevisionsMixin
from .schema import MIGRATION_NAMES, MIGRATIONS
from .search import SearchMixin
from .sqlite_backend import SqliteConnection
from .statements import StatementsMixin
from .structure import StructureMixin

DEFAULT_BUSY_TIMEOUT_MS = 5000


class Library(
    IssuesMixin, RevisionsMixin, FindingsMixin, ConfigMixin, SearchMixin, StructureMixin,
    StatementsMixin,
    LexiconMixin,
    NgramsMixin,
):
    """The editorial library. Not thread-safe: one thread (a worker) owns it.

    ``check_same_thread=False`` lets an object created on one thread be used
    by another (e.g. created by the GUI, then handed to its single worker).
    """

    def __init__(
        self,
        path: str | Path,
        *,
        check_same_thread: bool = True,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
        integrity_check: str = "auto",
    ):
        """``path``: a library file, ":memory:", or a ``postgresql://`` DSN (a newsroom
        library on a server, see pg_backend.py; the other arguments are SQLite's).

        ``integrity_check``: "auto" runs ``PRAGMA quick_check`` on every open of a
        library below ``integrity.QUICK_CHECK_MAX_BYTES`` and daily above it; "always";
        "never". A damaged file raises DamagedLibraryError before anything is written."""
        self.dsn: str | None = None
        if pg_backend.is_server_dsn(path):
            self._open_server(str(path).strip())
            return
        self.memory = str(path) == ":memory:"
        self.path: Path | None = None if self.memory else Path(path)
        if self.path is not None:
            if not str(path).strip():
                raise LibraryError("资料库路径为空 / The library path is empty")
            integrity.refuse_non_regular(self.path)
            self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(
            ":memory:" if self.memory else str(self.path),
            timeout=busy_timeout_ms / 1000,
            check_same_thread=check_same_thread,
        )
        try:
            self.db = Database(conn, execute_plugins=False)
            self._cx = SqliteConnection(self.db)
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            checked = integrity.check_on_open(conn, self.path, integrity_check)
            self._configure(busy_timeout_ms)
            self._check_not_newer()
            self._migrate()
            self._ensure_search_index()
            if checked and self.path is not None and self.path.stat().st_size > integrity.QUICK_CHECK_MAX_BYTES:
                integrity.record_check(conn)
        except sqlite3.DatabaseError as exc:
            conn.close()
            err = classify_sqlite(exc, path, busy_timeout_ms / 1000)
            raise (err or LibraryError(
                f"无法打开资料库：{path}（{exc}） / cannot open library {path}: {exc}"
            )) from exc
        except BaseException:
            conn.close()
            raise

    def _open_server(self, dsn: str) -> None:
        """Connect to a server library made by ``editor-app server init``. A client never
        migrates a server: a schema behind this program is IT's to upgrade."""
        self.memory = False
        self.path = None
        self.db = None
        self.dsn = dsn
        self._cx = pg_backend.PgConnection(dsn)
        try:
            applied = self._cx.applied_migrations()
            unknown = [name for name in applied if name not in MIGRATION_NAMES]
            if unknown:
                raise LibraryError(
                    "此资料库由更新版本的程序创建，请升级后再打开 / this library was written by a "
                    f"newer version of the application (unknown migrations: {', '.join(unknown)})"
                )
            if not applied:
                raise LibraryError(
                    f"服务器上的数据库还不是资料库；请管理员运行 editor-app server init {pg_backend.redact(dsn)}"
                    f" / the database is not a library yet; IT runs `editor-app server init DSN` first"
                )
            if [n for n in MIGRATION_NAMES if n not in applied]:
                raise LibraryError(
                    "服务器上的资料库版本较旧；请管理员运行 editor-app server init DSN 升级"
                    " / the server library's schema is older than this program; IT upgrades it "
                    "with `editor-app server init DSN`"
                )
            try:
                self._ensure_search_index()
            except PermissionRefused:
                raise LibraryError(
                    "服务器上的检索索引需要重建；请管理员运行 editor-app server init DSN / the server "
                    "library's search index must be rebuilt: IT runs `editor-app server init DSN`"
                ) from None
        except BaseException:
            self._cx.close()
            raise

    def _configure(self, busy_timeout_ms: int) -> None:
        conn = self.db.conn
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not self.memory:
            self._enable_wal(busy_timeout_ms / 1000)
        conn.execute("PRAGMA synchronous = FULL")

    def _enable_wal(self, timeout_s: float) -> None:
        """``journal_mode=WAL``, retried: switching a new file's journal mode answers
        SQLITE_BUSY at once, without the busy handler, while another process opens it
        too (4 processes creating one library failed ~2% of the time without this)."""
        conn = self.db.conn
        deadline = time.monotonic() + timeout_s
        delay = 0.005
        while True:
            try:
                if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                    conn.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc).lower() or time.monotonic() >= deadline:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 0.1)

    def _migrate(self) -> None:
        """Apply pending migrations under the write lock: of several processes opening
        a new library at once, one migrates, the others wait (busy_timeout) and then
        find nothing pending."""
        if not MIGRATIONS.pending(self.db):
            return
        conn = self.db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            if MIGRATIONS.pending(self.db):  # re-read under the lock
                MIGRATIONS.apply(self.db)
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def _check_not_newer(self) -> None:
        applied = [m.name for m in MIGRATIONS.applied(self.db)]
        unknown = [name for name in applied if name not in MIGRATION_NAMES]
        if unknown:
            raise LibraryError(
                "此资料库由更新版本的程序创建，请升级后再打开 / this library was written by a "
                f"newer version of the application (unknown migrations: {', '.join(unknown)})"
            )

    # -- lifetime ---------------------------------------------------------------------

    def reconnect(self) -> None:
        """After the library server was unreachable: connect afresh (a local library: nothing
        to do)."""
        fn = getattr(self._cx, "reconnect", None)
        if fn is not None:
            fn()

    def close(self) -> None:
        if self.db is None:
            self._cx.close()
        else:
            self.db.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def location(self) -> str:
        """Where the library is, for people: its file, ":memory:", or the server DSN
        without its password."""
        if self.dsn is not None:
            return pg_backend.redact(self.dsn)
        return ":memory:" if self.memory else str(self.path)

    def __repr__(self) -> str:
        if self.dsn is not None:
            return f"<Library {pg_backend.redact(self.dsn)}>"
        return f"<Library {':memory:' if self.memory else self.path}>"

    # -- maintenance ------------------------------------------------------------------

    def applied_migrations(self) -> list[str]:
        if self.db is None:
            return self._cx.applied_migrations()
        return [m.name for m in MIGRATIONS.applied(self.db)]

    def library_counts(self) -> tuple[int, int, int]:
        """(issues, segments, revisions) in the library."""
        return (
            self._scalar("SELECT COUNT(*) FROM issues"),
            self._scalar("SELECT COUNT(*) FROM segments"),
            self._scalar("SELECT COUNT(*) FROM revisions"),
        )

    def integrity_problems(self) -> list[str]:
        """SQLite's integrity and foreign-key checks plus the search index's own; [] when
        sound. On a server (which checks its pages and keys itself) the search index and
        the store's invariants (``invariants.problems``)."""
        if self.db is None:
            from . import invariants

            return self._cx.search_index_problems() + invariants.problems(self)
        problems = [r[0] for r in self.db.conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [
            f"foreign key: {tuple(r)}" for r in self.db.conn.execute("PRAGMA foreign_key_check")
        ]
        return problems + self._cx.search_index_problems()
