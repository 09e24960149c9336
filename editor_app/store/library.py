"""The library: one SQLite file holding issues, texts, findings and settings.

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

Every write runs inside ``db.atomic()`` (``Library.atomic()``). SQL lives in
this package only; the methods are spread over mixins by job: issues.py,
revisions.py, findings.py, config.py, search.py, structure.py.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from .config import ConfigMixin
from .errors import LibraryError
from .findings import FindingsMixin
from .issues import IssuesMixin
from .revisions import RevisionsMixin
from .schema import MIGRATION_NAMES, MIGRATIONS
from .search import SearchMixin
from .structure import StructureMixin

DEFAULT_BUSY_TIMEOUT_MS = 5000


class Library(
    IssuesMixin, RevisionsMixin, FindingsMixin, ConfigMixin, SearchMixin, StructureMixin
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
    ):
        self.memory = str(path) == ":memory:"
        self.path: Path | None = None if self.memory else Path(path)
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(
            ":memory:" if self.memory else str(self.path),
            timeout=busy_timeout_ms / 1000,
            check_same_thread=check_same_thread,
        )
        try:
            self.db = Database(conn, execute_plugins=False)
            self._configure(busy_timeout_ms)
            self._check_not_newer()
            MIGRATIONS.apply(self.db)
            self._ensure_search_index()
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise LibraryError(
                f"无法打开资料库：{path}（{exc}） / cannot open library {path}: {exc}"
            ) from exc
        except BaseException:
            conn.close()
            raise

    def _configure(self, busy_timeout_ms: int) -> None:
        conn = self.db.conn
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        conn.execute("PRAGMA foreign_keys = ON")
        if not self.memory:
            self.db.enable_wal()
        conn.execute("PRAGMA synchronous = FULL")

    def _check_not_newer(self) -> None:
        applied = [m.name for m in MIGRATIONS.applied(self.db)]
        unknown = [name for name in applied if name not in MIGRATION_NAMES]
        if unknown:
            raise LibraryError(
                "此资料库由更新版本的程序创建，请升级后再打开 / this library was written by a "
                f"newer version of the application (unknown migrations: {', '.join(unknown)})"
            )

    # -- lifetime ---------------------------------------------------------------------

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Library {':memory:' if self.memory else self.path}>"

    # -- maintenance ------------------------------------------------------------------

    def applied_migrations(self) -> list[str]:
        return [m.name for m in MIGRATIONS.applied(self.db)]

    def integrity_problems(self) -> list[str]:
        """SQLite's integrity and foreign-key checks plus FTS5's own; [] when sound."""
        problems = [r[0] for r in self.db.conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [
            f"foreign key: {tuple(r)}" for r in self.db.conn.execute("PRAGMA foreign_key_check")
        ]
        try:
            with self.atomic():
                self._write("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')")
        except sqlite3.DatabaseError as exc:
            problems.append(f"search index: {exc}")
        return problems
