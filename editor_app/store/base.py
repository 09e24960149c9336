"""Connection-level helpers shared by the library's parts.

``StoreBase`` holds the sqlite-utils ``Database`` and the three ways the parts
touch it: ``_rows``/``_one`` for reads (rows come back as ``sqlite3.Row`` and
never leave the store), ``_write`` for writes, which refuses to run outside
``db.atomic()`` so that every write is part of an explicit transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlite_utils import Database


def now_iso() -> str:
    """Current time, ISO 8601 in UTC with milliseconds."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def loads(text: str | None, default: Any = None) -> Any:
    if text is None or text == "":
        return default
    return json.loads(text)


class StoreBase:
    db: Database

    @contextmanager
    def atomic(self, write: bool = True) -> Iterator[Database]:
        """A transaction (a savepoint when nested): all or nothing.

        The body runs inside sqlite-utils' ``db.atomic()``. An outermost
        write transaction is opened with ``BEGIN IMMEDIATE`` first: it takes
        the write lock before reading, waiting up to ``busy_timeout`` for
        another writer, instead of failing with SQLITE_BUSY when a read-then-
        write transaction finds the snapshot it read already outdated.
        ``write=False`` gives a consistent read snapshot (plain ``BEGIN``).
        """
        conn = self.db.conn
        if conn.in_transaction or not write:
            with self.db.atomic() as db:
                yield db
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            with self.db.atomic() as db:  # a savepoint inside our transaction
                yield db
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        else:
            try:
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        cur = self.db.conn.cursor()
        cur.row_factory = sqlite3.Row
        try:
            return cur.execute(sql, params).fetchall()
        finally:
            cur.close()

    def _one(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Row | None:
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    def _scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.db.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def _write(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        if not self.db.conn.in_transaction:
            raise RuntimeError("store writes must run inside Library.atomic()")
        return self.db.conn.execute(sql, params)

    def _write_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not self.db.conn.in_transaction:
            raise RuntimeError("store writes must run inside Library.atomic()")
        self.db.conn.executemany(sql, rows)
