"""The PostgreSQL backend: connections, transactions, rows, search index, schema state.

What differs from SQLite, besides the SQL rewriting of dialect.py:

* Connections come from a small psycopg_pool ``ConnectionPool`` (1 to
  ``POOL_MAX``), in autocommit mode between transactions. A transaction
  (``atomic()``) holds one connection from its BEGIN to its COMMIT; a read
  outside a transaction borrows one for that statement.
* ``atomic(write=True)`` is ``BEGIN`` + ``pg_advisory_xact_lock(WRITE_LOCK)``:
  writers of one library take turns, as under SQLite's ``BEGIN IMMEDIATE``, so
  the store's read-then-write transactions (next revision number, version
  check) see the latest committed state (READ COMMITTED reads it statement by
  statement) and never lose an update. Readers never wait. ``write=False`` is a
  REPEATABLE READ snapshot. Nested ``atomic()`` is a savepoint.
* Errors the server raises for a role (SQLSTATE 42501, ``insufficient_privilege``:
  a GRANT missing, or our triggers' sign-off and append-only rules) become
  :class:`~editor_app.store.errors.PermissionRefused`, one line for the user.
* Search: ``search_docs`` holds per segment a tsvector of the distinct codes of
  textindex.token_set (every bigram and every character, folded). A query
  word's codes, ANDed, find candidates through the GIN index; the caller
  verifies each on the real text, as on SQLite, so results are the same exact
  substring matches for words of any length, 1 to 4 characters included.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from .dialect import POSTGRES
from .errors import LibraryError, PermissionRefused, ServerUnreachable
from .pg_schema import MIGRATIONS_TABLE, PG_MIGRATIONS
from .textindex import query_token_sets, token_set

POOL_MAX = 4
POOL_WAIT_S = 5.0  # how long a statement waits for a connection (server gone: then the error)
WRITE_LOCK = 0x6564_6974  # "edit": the library's one advisory write lock
DSN_PREFIXES = ("postgresql://", "postgres://")


def is_server_dsn(value: object) -> bool:
    return isinstance(value, str) and value.strip().lower().startswith(DSN_PREFIXES)


def redact(dsn: str) -> str:
    """The DSN without its password (in the user part or a ``password=`` parameter)."""
    try:
        parts = urlsplit(dsn)
    except ValueError:
        return "postgresql://…"
    if parts.password:
        user, _, host = parts.netloc.rpartition("@")
        parts = parts._replace(netloc=f"{user.split(':', 1)[0]}:***@{host}")
    query = re.sub(r"(^|&)password=[^&]*", r"\1password=***", parts.query)
    return urlunsplit(parts._replace(query=query))


def _conninfo(dsn: str) -> dict:
    from psycopg.conninfo import conninfo_to_dict

    try:
        return conninfo_to_dict(dsn)
    except Exception:  # noqa: BLE001 - a malformed DSN fails at connect, in the server's words
        return {}


def client_dsn(dsn: str, client: str) -> str:
    """``dsn`` with ``application_name=client``: the changes this connection makes are
    announced as the client's (a desk skips its own)."""
    from urllib.parse import parse_qsl, urlencode

    parts = urlsplit(dsn.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "application_name"]
    query.append(("application_name", client))
    return urlunsplit(parts._replace(query=urlencode(query)))


def login_of(dsn: str) -> str:
    """The login (user) a DSN names, '' if none."""
    return str(_conninfo(dsn).get("user") or "")


class PgListener:
    """One connection of its own that LISTENs to the library's channels (pg_schema
    ``LIVE_CHANNEL`` and ``PRESENCE_CHANNEL``) and sends presence. Used by one thread
    (services/live.py); errors are psycopg's (the caller reconnects)."""

    def __init__(self, dsn: str, channels: Sequence[str], connect_timeout: float = 5.0):
        import psycopg

        self.conn = psycopg.connect(dsn, autocommit=True, connect_timeout=max(1, int(connect_timeout)))
        try:
            for channel in channels:
                self.conn.execute(f'LISTEN "{channel}"')
        except BaseException:
            self.conn.close()
            raise

    def wait(self, timeout: float) -> list[tuple[str, str, int]]:
        """(channel, payload, sender's backend pid) of the notifications that arrive within
        ``timeout`` seconds (returns at the first batch)."""
        out = [(n.channel, n.payload, n.pid) for n in self.conn.notifies(timeout=timeout, stop_after=1)]
        # what arrived together with the first one
        out += [(n.channel, n.payload, n.pid) for n in self.conn.notifies(timeout=0.0)] if out else []
        return out

    def send(self, channel: str, payload: str) -> None:
        self.conn.execute("SELECT pg_notify(%s, %s)", (channel, payload))

    def close(self) -> None:
        try:
            self.conn.close()
        except Exception:  # noqa: BLE001
            pass


class Row(tuple):
    """A row read by name or position, like ``sqlite3.Row``."""

    __slots__ = ()
    _index: dict[str, int] = {}

    def __getitem__(self, key):  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


_ROW_CLASSES: dict[tuple[str, ...], type[Row]] = {}


def _row_factory(cursor):
    desc = cursor.description
    if desc is None:
        return tuple
    names = tuple(d.name for d in desc)
    cls = _ROW_CLASSES.get(names)
    if cls is None:
        cls = type("Row", (Row,), {"__slots__": (), "_index": {n: i for i, n in enumerate(names)}})
        _ROW_CLASSES[names] = cls
    return cls


class WriteResult:
    """What ``_write`` returns: ``lastrowid`` (from ``RETURNING id``) and ``rowcount``."""

    __slots__ = ("lastrowid", "rowcount")

    def __init__(self, lastrowid: int | None, rowcount: int):
        self.lastrowid = lastrowid
        self.rowcount = rowcount


def translate_error(exc: BaseException) -> BaseException | None:
    """A store error for a psycopg error the user can act on; None for others."""
    import psycopg
    from psycopg import errors as pe

    if isinstance(exc, pe.InsufficientPrivilege):
        diag = exc.diag
        return PermissionRefused(diag.message_primary or str(exc), hint=diag.message_hint or "")
    if isinstance(exc, pe.RaiseException) and "append-only" in str(exc):
        return LibraryError(f"修订记录只能追加 / {exc.diag.message_primary}")
    state = getattr(exc, "sqlstate", None) or ""
    if isinstance(exc, psycopg.OperationalError) and (not state or state.startswith(("08", "57P"))):
        # the connection is gone (network, server stopped or restarted, pool timeout)
        return ServerUnreachable(str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__)
    return None


def _unreachable_at_connect(exc: BaseException) -> bool:
    """A failed connection attempt that may succeed later (no server answering, a timeout),
    as opposed to the server's refusal (FATAL: a wrong password, an unknown database or role)."""
    import psycopg

    if not isinstance(exc, psycopg.OperationalError):
        return False
    text = str(exc)
    return "FATAL" not in text and "authentication" not in text


class PgConnection:
    """One library on a server. Not thread-safe, like the SQLite library: one worker owns it."""

    backend = "postgresql"
    dialect = POSTGRES

    def __init__(self, dsn: str, *, pool_max: int = POOL_MAX, connect_timeout: float = 10.0):
        import psycopg
        from psycopg_pool import ConnectionPool

        self.dsn = dsn
        self._tx = None  # the connection of the open transaction
        self._tx_write = False

        # a desk names its connections (``application_name`` in the DSN, see client_dsn):
        # the live triggers (pg_schema 0008_live) put the name in every change they announce
        named = bool(_conninfo(dsn).get("application_name"))

        def configure(conn) -> None:
            conn.autocommit = True
            conn.row_factory = _row_factory
            if not named:
                conn.execute("SET application_name = 'editor-app'")

        timeout = max(1, int(connect_timeout))
        try:  # one direct attempt first: a bad password or address fails at once, in the server's words
            psycopg.connect(dsn, connect_timeout=timeout).close()
        except psycopg.Error as exc:
            line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            if _unreachable_at_connect(exc):
                raise ServerUnreachable(f"{redact(dsn)}（{line}）") from None
            raise LibraryError(
                f"无法连接编辑部服务器 {redact(dsn)}（{line}） / cannot connect to the library "
                f"server {redact(dsn)}: {line}"
            ) from None
        def new_pool() -> ConnectionPool:
            return ConnectionPool(
                dsn, min_size=1, max_size=max(1, pool_max), open=False, configure=configure,
                kwargs={"connect_timeout": timeout}, name="editor-app", timeout=POOL_WAIT_S,
            )

        self._new_pool = new_pool
        self.pool = new_pool()
        try:
            self.pool.open(wait=True, timeout=connect_timeout)
        except Exception as exc:
            self.pool.close()
            if _unreachable_at_connect(exc):
                raise ServerUnreachable(f"{redact(dsn)}（{exc}）") from None
            raise LibraryError(
                f"无法连接编辑部服务器 {redact(dsn)}（{exc}） / cannot connect to the library server "
                f"{redact(dsn)}: {exc}"
            ) from None

    def close(self) -> None:
        self.pool.close()

    def reconnect(self) -> None:
        """A fresh pool after the server was unreachable (the offline outbox calls this
        before it tries again): the old pool's reconnection attempts back off, doubling
        up to minutes, so the server being back would go unnoticed for that long. The new
        pool connects in the background; the next statement waits for it as usual."""
        if self._tx is not None:
            return
        old, self.pool = self.pool, self._new_pool()
        self.pool.open(wait=False)
        old.close(timeout=0)

    # -- transactions ---------------------------------------------------------------------

    @property
    def in_transaction(self) -> bool:
        return self._tx is not None

    @contextmanager
    def atomic(self, write: bool = True) -> Iterator[Any]:
        if self._tx is not None:
            with self._tx.transaction():  # a savepoint
                if write and not self._tx_write:
                    self._tx.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
                    self._tx_write = True
                yield self
            return
        try:
            with self.pool.connection() as conn:
                self._tx = conn
                self._tx_write = write
                try:
                    with conn.transaction():
                        if write:
                            conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
                        else:
                            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                        yield self
                finally:
                    self._tx = None
        except LibraryError:
            raise
        except Exception as exc:
            err = translate_error(exc)
            if err is not None:
                raise err from exc
            raise

    # -- statements -----------------------------------------------------------------------

    def _execute(self, conn, sql: str, params: Sequence[Any]):
        try:
            return conn.execute(sql, list(params))
        except Exception as exc:
            err = translate_error(exc)
            if err is not None and self._tx is None:
                raise err from exc
            raise

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list:
        text = POSTGRES.sql(sql)
        if self._tx is not None:
            return self._execute(self._tx, text, params).fetchall()
        try:
            with self.pool.connection() as conn:
                return self._execute(conn, text, params).fetchall()
        except LibraryError:
            raise
        except Exception as exc:  # the pool could not give a connection (server gone)
            err = translate_error(exc)
            if err is not None:
                raise err from exc
            raise

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        rows = self.rows(sql, params)
        return rows[0][0] if rows else None

    def write(self, sql: str, params: Sequence[Any] = ()) -> WriteResult:
        if self._tx is None:
            raise RuntimeError("store writes must run inside Library.atomic()")
        text = POSTGRES.sql(sql)
        cur = self._execute(self._tx, text, params)
        last = None
        if cur.description is not None and text.rstrip().endswith("RETURNING id"):
            row = cur.fetchone()
            last = None if row is None else row[0]
        return WriteResult(last, cur.rowcount)

    def write_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if self._tx is None:
            raise RuntimeError("store writes must run inside Library.atomic()")
        text = POSTGRES.sql(sql, returning_id=False)
        with self._tx.cursor() as cur:
            cur.executemany(text, [list(r) for r in rows])

    def columns(self, table: str) -> list[str]:
        return [
            r[0]
            for r in self.rows(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                "AND table_name = ? ORDER BY ordinal_position",
                (table,),
            )
        ]

    # -- search index ---------------------------------------------------------------------

    def index_segment(self, seg_id: int, title: str, text: str) -> None:
        tokens = " ".join(sorted(token_set(title) | token_set(text)))
        self.write(
            "INSERT INTO search_docs (segment_id, issue_id, idx, tokens) "
            "SELECT id, issue_id, idx, ?::tsvector FROM segments WHERE id = ? "
            "ON CONFLICT (segment_id) DO UPDATE SET tokens = EXCLUDED.tokens, "
            "issue_id = EXCLUDED.issue_id, idx = EXCLUDED.idx",
            (tokens, seg_id),
        )

    def unindex_segment(self, seg_id: int, title: str, text: str) -> None:
        self.write("DELETE FROM search_docs WHERE segment_id = ?", (seg_id,))

    def clear_search_index(self) -> None:
        self.write("DELETE FROM search_docs")

    def search_candidates(self, words: list[str], issue_id: int | None) -> list[int]:
        sets = query_token_sets(words)
        query = " & ".join(sorted(set().union(*sets))) if sets else ""
        if not query:
            return []
        # search_docs holds active segments only (retiring one unindexes it), with their
        # issue and place: the wide segment rows are not read here
        sql = (
            "SELECT d.segment_id FROM search_docs d JOIN issues i ON i.id = d.issue_id "
            "WHERE d.tokens @@ ?::tsquery"
            + (" AND d.issue_id = ?" if issue_id is not None else "")
            + " ORDER BY i.year DESC NULLS LAST, i.number DESC NULLS LAST, i.id DESC, d.idx"
        )
        params: list[Any] = [query] + ([int(issue_id)] if issue_id is not None else [])
        if self._tx is not None:
            return [r[0] for r in self.rows(sql, params)]
        # Common bigrams (浙江) match most segments: the planner may then prefer a sequential
        # scan, which detoasts every tsvector (240 issues: ~200 ms instead of ~10 ms through
        # the GIN index). Searching always goes through the index.
        with self.atomic(write=False):
            self._tx.execute("SET LOCAL enable_seqscan = off")
            return [r[0] for r in self.rows(sql, params)]

    def search_index_problems(self) -> list[str]:
        n = self.scalar(
            "SELECT count(*) FROM segments s WHERE s.active = 1 AND s.current_revision_id IS NOT NULL "
            "AND NOT EXISTS (SELECT 1 FROM search_docs d WHERE d.segment_id = s.id)"
        )
        stale = self.scalar(
            "SELECT count(*) FROM search_docs d JOIN segments s ON s.id = d.segment_id "
            "WHERE s.active <> 1 OR d.issue_id <> s.issue_id OR d.idx <> s.idx"
        )
        out = []
        if n:
            out.append(f"search index: {n} active segments are not indexed")
        if stale:
            out.append(f"search index: {stale} rows of retired segments or out of place")
        return out

    # -- schema ---------------------------------------------------------------------------

    def applied_migrations(self) -> list[str]:
        exists = self.scalar("SELECT to_regclass(?) IS NOT NULL", (MIGRATIONS_TABLE,))
        if not exists:
            return []
        return [r[0] for r in self.rows(f"SELECT name FROM {MIGRATIONS_TABLE} ORDER BY seq")]

    def pending_migrations(self) -> list[tuple[tuple[str, ...], list[str]]]:
        done = set(self.applied_migrations())
        return [(names, sql) for names, sql in PG_MIGRATIONS if not set(names) <= done]

    def apply_migrations(self) -> list[str]:
        """Apply what is pending (the schema owner does this: ``server init``)."""
        applied: list[str] = []
        with self.atomic():
            self._tx.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK + 1,))
            for names, statements in self.pending_migrations():
                for sql in statements:
                    self._tx.execute(sql)
                for name in names:
                    self._tx.execute(
                        f"INSERT INTO {MIGRATIONS_TABLE} (name) VALUES (%s) ON CONFLICT DO NOTHING", (name,)
                    )
                applied.extend(names)
        return applied
