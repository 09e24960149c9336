"""The offline outbox's file: saves made while the library server was unreachable.

One small SQLite file per server library on this desktop (the caller names it: beside
the user's settings, keyed by the library's DSN without its password). Each write is
one transaction (``BEGIN IMMEDIATE``), and the file is in WAL mode with
``synchronous=FULL``: a save that was reported "queued" survives a crash of the app
or the machine. The services layer (services/outbox.py) decides what to queue and
when to send; this module only keeps the rows.

Tables:

* ``saves``: the queued saves in the order they were made (``id``). ``text`` NULL:
  header fields only. ``base_version`` is the article version the text was typed on.
* ``rebased``: ``(segment_id, from_version) -> to_version``: the editor's base version
  ``from_version`` is now represented by the server version ``to_version`` that this
  desk's own queued saves produced when they were sent (NULL: a queued save on that
  base became a conflict revision, so later ones on it are conflicts too). A save made
  on ``from_version`` after the flush is sent with ``to_version``.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .errors import classify_sqlite

_SCHEMA = [
    """CREATE TABLE IF NOT EXISTS saves (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        segment_id INTEGER NOT NULL,
        issue_id INTEGER,
        text TEXT,
        header TEXT NOT NULL DEFAULT '{}',
        base_version INTEGER,
        author TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT 'edit',
        queued_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        refused TEXT
    )""",
    """CREATE TABLE IF NOT EXISTS rebased (
        segment_id INTEGER NOT NULL,
        from_version INTEGER NOT NULL,
        to_version INTEGER,
        PRIMARY KEY (segment_id, from_version)
    )""",
    """CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
]


@dataclass(frozen=True)
class QueuedSave:
    id: int
    segment_id: int
    issue_id: int | None
    text: str | None  # None: only header fields
    header: dict[str, Any] = field(default_factory=dict)
    base_version: int | None = None
    author: str = ""
    note: str = "edit"
    queued_at: str = ""
    attempts: int = 0
    refused: str | None = None  # the server's refusal when it was sent (kept, not sent again)


def _row(r: sqlite3.Row) -> QueuedSave:
    return QueuedSave(
        id=r["id"], segment_id=r["segment_id"], issue_id=r["issue_id"], text=r["text"],
        header=json.loads(r["header"] or "{}"), base_version=r["base_version"],
        author=r["author"], note=r["note"], queued_at=r["queued_at"], attempts=r["attempts"],
        refused=r["refused"],
    )


class OutboxFile:
    """The outbox of one server library. Thread-safe (one lock, short transactions):
    the window's worker queues and sends, the UI thread reads the count."""

    def __init__(self, path: str | Path, library: str = ""):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        try:
            self._cx = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False,
                                       timeout=5.0)
            self._cx.row_factory = sqlite3.Row
            self._cx.execute("PRAGMA journal_mode=WAL")
            self._cx.execute("PRAGMA synchronous=FULL")
            with self._tx():
                for sql in _SCHEMA:
                    self._cx.execute(sql)
                if library:
                    self._cx.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('library', ?)",
                                     (library,))
        except sqlite3.Error as exc:
            raise classify_sqlite(exc, self.path) or exc from None

    def close(self) -> None:
        with self._lock:
            self._cx.close()

    # -- transactions -------------------------------------------------------------------

    class _Tx:
        def __init__(self, box: OutboxFile):
            self.box = box

        def __enter__(self):
            self.box._cx.execute("BEGIN IMMEDIATE")
            return self.box._cx

        def __exit__(self, et, ev, tb):
            self.box._cx.execute("COMMIT" if et is None else "ROLLBACK")
            return False

    def _tx(self) -> OutboxFile._Tx:
        return OutboxFile._Tx(self)

    def _locked(self, fn):
        with self._lock:
            try:
                return fn()
            except sqlite3.Error as exc:
                raise classify_sqlite(exc, self.path) or exc from None

    # -- reading ------------------------------------------------------------------------

    def count(self, waiting: bool = True) -> int:
        """Saves waiting to be sent (``waiting``), or those the server refused."""
        where = "refused IS NULL" if waiting else "refused IS NOT NULL"
        return self._locked(lambda: self._cx.execute(f"SELECT count(*) FROM saves WHERE {where}").fetchone()[0])

    def saves(self, waiting: bool = True) -> list[QueuedSave]:
        """Queued saves, oldest first: those waiting, or (``waiting=False``) the refused ones."""
        where = "refused IS NULL" if waiting else "refused IS NOT NULL"
        return self._locked(
            lambda: [_row(r) for r in self._cx.execute(f"SELECT * FROM saves WHERE {where} ORDER BY id").fetchall()]
        )

    def first(self) -> QueuedSave | None:
        """The oldest save waiting to be sent."""

        def read():
            r = self._cx.execute("SELECT * FROM saves WHERE refused IS NULL ORDER BY id LIMIT 1").fetchone()
            return None if r is None else _row(r)

        return self._locked(read)

    def rebased(self, segment_id: int, version: int | None) -> tuple[bool, int | None]:
        """(known, to_version) for the editor's base ``version`` of ``segment_id``."""
        if version is None:
            return False, None

        def read():
            r = self._cx.execute(
                "SELECT to_version FROM rebased WHERE segment_id = ? AND from_version = ?",
                (segment_id, int(version)),
            ).fetchone()
            return (False, None) if r is None else (True, r[0])

        return self._locked(read)

    # -- writing ------------------------------------------------------------------------

    def add(self, segment_id: int, issue_id: int | None, text: str | None, header: dict[str, Any],
            base_version: int | None, author: str, note: str) -> QueuedSave:
        def write():
            with self._tx() as cx:
                cur = cx.execute(
                    "INSERT INTO saves (segment_id, issue_id, text, header, base_version, author, note, "
                    "queued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (segment_id, issue_id, text, json.dumps(header, ensure_ascii=False),
                     base_version, author, note,
                     datetime.now(UTC).isoformat(timespec="milliseconds")),
                )
                return _row(cx.execute("SELECT * FROM saves WHERE id = ?", (cur.lastrowid,)).fetchone())

        return self._locked(write)

    def sent(self, save_id: int, segment_id: int, base_version: int | None,
             to_version: int | None) -> None:
        """Save ``save_id`` reached the server: remove it and record what its base
        version now stands for (``to_version`` None: it became a conflict revision)."""

        def write():
            with self._tx() as cx:
                cx.execute("DELETE FROM saves WHERE id = ?", (save_id,))
                if base_version is not None:
                    cx.execute(
                        "INSERT OR REPLACE INTO rebased (segment_id, from_version, to_version) "
                        "VALUES (?, ?, ?)",
                        (segment_id, int(base_version), to_version),
                    )

        self._locked(write)

    def attempted(self, save_id: int) -> None:
        def write():
            with self._tx() as cx:
                cx.execute("UPDATE saves SET attempts = attempts + 1 WHERE id = ?", (save_id,))

        self._locked(write)

    def refuse(self, save_id: int, message: str) -> None:
        """The server refused the save when it was sent: keep it, marked, out of the queue."""

        def write():
            with self._tx() as cx:
                cx.execute("UPDATE saves SET refused = ? WHERE id = ?", (message, save_id))

        self._locked(write)

    def discard(self, save_id: int) -> bool:
        """Remove a save the server refused (the person has taken its text elsewhere).
        Saves still waiting are never discarded. True when one was removed."""

        def write():
            with self._tx() as cx:
                cur = cx.execute("DELETE FROM saves WHERE id = ? AND refused IS NOT NULL", (save_id,))
                return cur.rowcount > 0

        return self._locked(write)

    def forget_rebased(self) -> None:
        """Drop the version map (at the start of the app, when nothing is queued: every
        editor view is loaded afresh from the server then)."""

        def write():
            with self._tx() as cx:
                if cx.execute("SELECT count(*) FROM saves WHERE refused IS NULL").fetchone()[0] == 0:
                    cx.execute("DELETE FROM rebased")

        self._locked(write)
