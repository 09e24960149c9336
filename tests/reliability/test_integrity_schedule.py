"""The check on open: every open below the size threshold, daily above it."""

from __future__ import annotations

import sqlite3
import time

import pytest

from editor_app.store import Library, integrity
from editor_app.store.errors import DamagedLibraryError


def test_below_the_threshold_every_open_checks(tmp_path):
    path = tmp_path / "lib.sqlite"
    Library(path).close()
    conn = sqlite3.connect(str(path))
    try:
        assert integrity.check_on_open(conn, path) is True
        assert integrity.check_on_open(conn, path) is True
        assert integrity.check_on_open(conn, path, "never") is False
    finally:
        conn.close()


def test_above_the_threshold_the_check_runs_once_a_day(tmp_path, monkeypatch):
    path = tmp_path / "lib.sqlite"
    Library(path).close()
    monkeypatch.setattr(integrity, "QUICK_CHECK_MAX_BYTES", 0)  # every library is "large"
    Library(path).close()  # checks, and records the time of the clean check
    conn = sqlite3.connect(str(path))
    try:
        assert integrity.check_on_open(conn, path) is False  # checked less than a day ago
        stamp = float(conn.execute("SELECT value FROM store_meta WHERE key = ?", (integrity.META_KEY,)).fetchone()[0])
        assert abs(stamp - time.time()) < 600
        with conn:
            conn.execute("UPDATE store_meta SET value = ? WHERE key = ?", (repr(stamp - 2 * 86400), integrity.META_KEY))
        assert integrity.check_on_open(conn, path) is True  # a day later it checks again
        assert integrity.check_on_open(conn, path, "always") is True
    finally:
        conn.close()


def test_a_damaged_file_raises_before_anything_is_written(tmp_path):
    path = tmp_path / "lib.sqlite"
    with Library(path) as lib:
        lib.set_setting("k", "v" * 5000)
    conn = sqlite3.connect(str(path))
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'settings'").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    raw = bytearray(path.read_bytes())
    raw[(root - 1) * size] = 0x99  # not a b-tree page type
    path.write_bytes(bytes(raw))
    with pytest.raises(DamagedLibraryError, match="library recover"):
        Library(path)
    assert path.read_bytes() == bytes(raw)


def test_damage_met_after_open_is_worded_not_a_traceback(tmp_path):
    """Damage the check on open did not see (a large library between its daily checks):
    the error met mid-operation gets the same one-line message."""
    from editor_app.ingest import parse_file
    from editor_app.services import failures

    from .conftest import DEMO

    path = tmp_path / "lib.sqlite"
    with Library(path) as lib:
        lib.import_issue(parse_file(DEMO))
    conn = sqlite3.connect(str(path))
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'segments'").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    raw = bytearray(path.read_bytes())
    raw[(root - 1) * size : root * size] = bytes(size)
    path.write_bytes(bytes(raw))
    with Library(path, integrity_check="never") as lib:
        with pytest.raises(sqlite3.DatabaseError) as exc:
            lib.segments(1)
    msg = failures.user_message(exc.value, path)
    assert "library recover" in msg and str(path) in msg and "\n" not in msg
