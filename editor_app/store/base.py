"""Connection-level helpers shared by the library's parts.

``StoreBase`` holds the backend's connection and the ways the parts touch it:
``_rows``/``_one``/``_scalar`` for reads (rows are read by column name or
position and never leave the store), ``_write`` for writes, which refuses to
run outside ``atomic()`` so that every write is part of an explicit
transaction.
"""

from __future__ import annotations

import json
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
    """The parts' access to the database, the same on both backends.

    ``_cx`` is the backend's connection object: ``SqliteConnection``
    (sqlite_backend.py) or ``PgConnection`` (pg_backend.py). Statements are written
    once, in the SQLite dialect; the PostgreSQL connection rewrites them
    (dialect.py). ``db`` is the sqlite-utils ``Database`` of a local library (None
    on a server).
    """

    db: Database | None
    _cx: Any

    @property
    def backend(self) -> str:
        """"sqlite" or "postgresql"."""
        return self._cx.backend

    @contextmanager
    def atomic(self, write: bool = True) -> Iterator[Any]:
        """A transaction (a savepoint when nested): all or nothing. On SQLite an
        outermost write transaction is ``BEGIN IMMEDIATE``; on PostgreSQL it takes
        the library's advisory write lock. ``write=False``: a consistent read snapshot."""
        with self._cx.atomic(write) as handle:
            yield handle

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        """Rows readable by name or position (``sqlite3.Row`` or ``pg_backend.Row``)."""
        return self._cx.rows(sql, params)

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    def _scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._cx.scalar(sql, params)

    def _write(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run a write inside ``atomic()``; the result has ``lastrowid`` and ``rowcount``."""
        return self._cx.write(sql, params)

    def _write_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self._cx.write_many(sql, rows)
