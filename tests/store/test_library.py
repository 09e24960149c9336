"""Opening a library: pragmas, migrations recorded and idempotent, refusals."""

from __future__ import annotations

import sqlite3

import pytest

from editor_app.store import Library, LibraryError
from editor_app.store.schema import MIGRATION_NAMES


def test_migrations_recorded_and_idempotent_on_reopen(tmp_path, make_issue):
    path = tmp_path / "lib.db"
    with Library(path) as lib:
        assert lib.applied_migrations() == MIGRATION_NAMES
        lib.import_issue(make_issue())
    with Library(path) as lib:
        assert lib.applied_migrations() == MIGRATION_NAMES
        rows = lib.db.execute(
            "SELECT migration_set, name FROM _sqlite_migrations ORDER BY id"
        ).fetchall()
        assert rows == [("editor_app", n) for n in MIGRATION_NAMES]
        assert len(lib.list_issues()) == 1
        assert lib.integrity_problems() == []


def test_connection_settings(file_lib):
    conn = file_lib.db.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000


def test_memory_library_has_foreign_keys(sqlite_lib):
    lib = sqlite_lib
    assert lib.db.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert lib.memory and lib.path is None


def test_creates_parent_folders(tmp_path):
    path = tmp_path / "a" / "b" / "lib.db"
    with Library(path):
        pass
    assert path.exists()


def test_refuses_library_from_newer_version(tmp_path):
    path = tmp_path / "lib.db"
    with Library(path) as lib:
        lib.db["_sqlite_migrations"].insert(
            {"migration_set": "editor_app", "name": "9999_future", "applied_at": "x"}
        )
    with pytest.raises(LibraryError, match="newer version"):
        Library(path)


def test_not_a_database(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(LibraryError, match="无法打开资料库"):
        Library(path)


def test_writes_outside_a_transaction_are_refused(lib):
    with pytest.raises(RuntimeError, match="atomic"):
        lib._write("INSERT INTO settings (key, value) VALUES ('k', '1')")
    assert lib.get_setting("k") is None


def test_other_thread_needs_opt_in(tmp_path):
    import threading

    errors: list[BaseException] = []
    shared = Library(tmp_path / "t.db", check_same_thread=False)
    strict = Library(tmp_path / "u.db")

    def work():
        try:
            shared.set_setting("x", 1)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        try:
            strict.set_setting("x", 1)
        except sqlite3.ProgrammingError as exc:
            errors.append(exc)

    t = threading.Thread(target=work)
    t.start()
    t.join()
    assert shared.get_setting("x") == 1
    assert len(errors) == 1 and isinstance(errors[0], sqlite3.ProgrammingError)
    shared.close()
    strict.close()
