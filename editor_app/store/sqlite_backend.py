"""The SQLite backend: transactions, rows and the FTS5 search index of a local library.

The counterpart of pg_backend.py; both offer the same small surface that
``StoreBase`` (base.py) and the library's parts use: ``atomic``, ``rows``,
``scalar``, ``write``, ``write_many`` and the search index calls. Opening the
file, PRAGMAs, migrations and integrity checks stay in library.py and
integrity.py.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlite_utils import Database

from .dialect import SQLITE
from .textindex import index_tokens, match_expression

_CANDIDATES_SQL = """
    SELECT s.id
    FROM search_fts
    JOIN segments s ON s.id = search_fts.rowid
    JOIN issues i ON i.id = s.issue_id
    WHERE search_fts MATCH ? AND s.active = 1 {issue_filter}
    ORDER BY i.year DESC NULLS LAST, i.number DESC NULLS LAST, i.id DESC, s.idx
"""


class SqliteConnection:
    backend = "sqlite"
    dialect = SQLITE

    def __init__(self, db: Database):
        self.db = db

    @property
    def in_transaction(self) -> bool:
        return self.db.conn.in_transaction

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

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        cur = self.db.conn.cursor()
        cur.row_factory = sqlite3.Row
        try:
            return cur.execute(sql, params).fetchall()
        finally:
            cur.close()

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.db.conn.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def write(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        if not self.db.conn.in_transaction:
            raise RuntimeError("store writes must run inside Library.atomic()")
        return self.db.conn.execute(sql, params)

    def write_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not self.db.conn.in_transaction:
            raise RuntimeError("store writes must run inside Library.atomic()")
        self.db.conn.executemany(sql, rows)

    def columns(self, table: str) -> list[str]:
        return [r[1] for r in self.db.conn.execute(f"PRAGMA table_info({table})")]

    # -- search index (contentless FTS5, rowid = segment id; see search.py) ------------------

    def index_segment(self, seg_id: int, title: str, text: str) -> None:
        self.write(
            "INSERT INTO search_fts(rowid, title, body) VALUES (?, ?, ?)",
            (seg_id, index_tokens(title), index_tokens(text)),
        )

    def unindex_segment(self, seg_id: int, title: str, text: str) -> None:
        """``title``/``text`` must be exactly what was indexed (contentless delete)."""
        self.write(
            "INSERT INTO search_fts(search_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)",
            (seg_id, index_tokens(title), index_tokens(text)),
        )

    def clear_search_index(self) -> None:
        self.write("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")

    def search_candidates(self, words: list[str], issue_id: int | None) -> list[int]:
        params: list = [match_expression(words)]
        issue_filter = ""
        if issue_id is not None:
            issue_filter = "AND s.issue_id = ?"
            params.append(int(issue_id))
        return [r[0] for r in self.db.conn.execute(_CANDIDATES_SQL.format(issue_filter=issue_filter), params)]

    def search_index_problems(self) -> list[str]:
        try:
            with self.atomic():
                self.write("INSERT INTO search_fts(search_fts) VALUES ('integrity-check')")
        except sqlite3.DatabaseError as exc:
            return [f"search index: {exc}"]
        return []
