"""Automatic backups: consistent copies, made after changes at most every 30 minutes and
on close, rotated (10 newest + one a day for a week), listed and restored."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from editor_app.services import backups
from editor_app.store import Library

from .conftest import DEMO, library_state, other_issue, run_cli


@pytest.fixture
def userdata(tmp_path, monkeypatch) -> Path:
    d = tmp_path / "userdata"
    monkeypatch.setenv("EDITOR_APP_DATA", str(d))
    return d


def _age(path: Path, seconds: float) -> None:
    t = time.time() - seconds
    os.utime(path, (t, t))


def test_a_command_that_changed_the_library_leaves_one_backup(tmp_path, data):
    lib = tmp_path / "lib.sqlite"
    code, _, err = run_cli("import", str(DEMO), "--db", str(lib), data=data)
    assert code == 0, err
    code, out, _ = run_cli("backup", "list", "--db", str(lib), data=data)
    assert code == 0 and out.count(".sqlite") == 1
    # a second change within 30 minutes: no second backup
    code, _, err = run_cli("import", str(other_issue(tmp_path)), "--db", str(lib), data=data)
    assert code == 0, err
    code, out, _ = run_cli("backup", "list", "--db", str(lib), data=data)
    assert out.count(".sqlite") == 1
    folder = next((data / "backups").iterdir())
    name = out.split()[0]
    # the backup is a sound library holding what the library held then: one issue
    with Library(folder / name) as b:
        assert len(b.list_issues()) == 1


def test_maybe_backup_interval_and_changes(userdata, tmp_path):
    lib = tmp_path / "lib.sqlite"
    with Library(lib) as L:
        L.set_setting("k", 1)
    first = backups.maybe_backup(lib)
    assert first is not None
    assert backups.maybe_backup(lib) is None  # nothing changed
    with Library(lib) as L:
        L.set_setting("k", 2)
    assert backups.maybe_backup(lib) is None  # changed, but the newest backup is recent
    _age(first.path, backups.INTERVAL_S + 60)
    second = backups.maybe_backup(lib)
    assert second is not None and second.name != first.name
    with Library(lib) as L:
        L.set_setting("k", 3)
    assert backups.on_close(lib) is not None  # the window's close does not wait 30 minutes


def test_backup_while_another_connection_writes_is_consistent(userdata, tmp_path):
    lib = tmp_path / "lib.sqlite"
    with Library(lib) as L:
        L.import_issue(__import__("editor_app.ingest", fromlist=["parse_file"]).parse_file(DEMO))
        holder = sqlite3.connect(str(lib), isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("INSERT INTO settings (key, value) VALUES ('uncommitted', '1')")
        b = backups.create_backup(lib)
        holder.execute("ROLLBACK")
        holder.close()
    conn = sqlite3.connect(str(b.path))
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM settings WHERE key = 'uncommitted'").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM issues").fetchone()[0] == 1
    conn.close()


def test_rotation_keeps_ten_newest_and_one_a_day_for_a_week(userdata, tmp_path):
    lib = tmp_path / "lib.sqlite"
    Library(lib).close()
    seed = backups.create_backup(lib)
    folder = seed.path.parent
    seed.path.unlink()
    now = datetime.now(UTC).replace(hour=12)
    stamps = [now - timedelta(minutes=5 * k) for k in range(15)]  # 15 today
    stamps += [now - timedelta(days=d, minutes=m) for d in range(1, 10) for m in (0, 30)]  # 2 a day, 9 days back
    for t in stamps:
        shutil.copyfile(lib, folder / (t.strftime(backups._STAMP) + ".sqlite"))
    removed = backups.rotate(lib, now=now)
    kept = backups.list_backups(lib)
    names = {b.name for b in kept}
    assert len(kept) == 10 + 6  # the 10 newest (all today) + the newest of each of 6 earlier days
    for d in range(1, 7):
        assert (now - timedelta(days=d)).strftime(backups._STAMP) + ".sqlite" in names
    assert (now - timedelta(days=7)).strftime(backups._STAMP) + ".sqlite" not in names
    assert len(removed) == len(stamps) - len(kept)


def test_restore_keeps_the_current_file_first(tmp_path, data):
    lib = tmp_path / "lib.sqlite"
    code, _, err = run_cli("import", str(DEMO), "--db", str(lib), data=data)
    assert code == 0, err
    _, out, _ = run_cli("backup", "list", "--db", str(lib), data=data)
    one_issue = out.split()[0]
    code, _, err = run_cli("import", str(other_issue(tmp_path)), "--db", str(lib), data=data)
    assert code == 0, err
    two = library_state(lib)
    code, out, err = run_cli("backup", "restore", one_issue, "--db", str(lib), data=data)
    assert code == 0, err
    assert library_state(lib)[2][0] == 1 and library_state(lib)[0] == "ok"
    _, listing, _ = run_cli("backup", "list", "--db", str(lib), data=data)
    kept = [line.split()[0] for line in listing.splitlines() if "before-restore" in line]
    assert len(kept) == 1
    folder = next((data / "backups").iterdir())
    assert library_state(folder / kept[0])[1:] == two[1:]  # the two-issue library, as it was
    code, _, err = run_cli("list", "--db", str(lib), data=data)
    assert code == 0, err


def test_restore_of_a_damaged_library(tmp_path, data):
    lib = tmp_path / "lib.sqlite"
    run_cli("import", str(DEMO), "--db", str(lib), data=data)
    _, out, _ = run_cli("backup", "list", "--db", str(lib), data=data)
    name = out.split()[0]
    raw = bytearray(lib.read_bytes())
    raw[4096 * 3 : 4096 * 4] = bytes(4096)
    lib.write_bytes(bytes(raw))
    code, _, err = run_cli("list", "--db", str(lib), data=data)
    assert code == 2
    code, out, err = run_cli("backup", "restore", name, "--db", str(lib), data=data)
    assert code == 0, err
    code, out, err = run_cli("list", "--db", str(lib), data=data)
    assert code == 0 and "东越视窗" in out, err


def test_unknown_backup_name(tmp_path, data):
    lib = tmp_path / "lib.sqlite"
    run_cli("import", str(DEMO), "--db", str(lib), data=data)
    code, _, err = run_cli("backup", "restore", "nope", "--db", str(lib), data=data)
    assert code == 2 and "backup list" in err and len(err.strip().splitlines()) == 1


def test_backups_of_two_libraries_do_not_mix(userdata, tmp_path):
    a, b = tmp_path / "a" / "library.sqlite", tmp_path / "b" / "library.sqlite"
    for p in (a, b):
        p.parent.mkdir()
        Library(p).close()
        backups.create_backup(p)
    assert backups.backup_dir(a) != backups.backup_dir(b)
    assert len(backups.list_backups(a)) == len(backups.list_backups(b)) == 1


KILL_CHILD = r"""
import sys, time
from pathlib import Path
from editor_app.services import backups
lib = Path(sys.argv[1])
print("ready", flush=True)
while True:  # back up again and again until killed
    backups.create_backup(lib)
"""


def test_killing_the_app_during_a_backup_leaves_library_and_backups_intact(userdata, tmp_path):
    """SIGKILL at random moments while backups are being written: the library is
    untouched, every finished backup is a sound library, and a half-written copy never
    appears under a backup's name (it is a temporary file, swept by the next backup)."""
    import random
    import signal
    import subprocess
    import sys

    lib_path = tmp_path / "lib.sqlite"
    with Library(lib_path) as lib:
        from editor_app.services import importing

        for n in range(3, 8):  # a library big enough that a backup takes a while
            importing.import_issue_file(lib, other_issue(tmp_path, n), check=False)
    before = library_state(lib_path)
    first = backups.create_backup(lib_path, note="first")
    rnd = random.Random(7)
    env = {**os.environ, "EDITOR_APP_DATA": str(userdata)}
    root = Path(__file__).resolve().parents[2]
    for _ in range(6):
        child = subprocess.Popen([sys.executable, "-c", KILL_CHILD, str(lib_path)], cwd=root, env=env,
                                 stdout=subprocess.PIPE)
        assert child.stdout.readline().strip() == b"ready"
        time.sleep(rnd.uniform(0.05, 0.6))
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    assert library_state(lib_path) == before
    listed = backups.list_backups(lib_path)
    assert first.path.exists() or len(listed) >= 10  # rotation may have retired it, never more
    assert 1 <= len(listed) <= 10 + 7
    for b in listed:  # every backup under its name is a whole, sound library
        conn = sqlite3.connect(f"{b.path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("SELECT COUNT(*) FROM issues").fetchone()[0] == 5
        finally:
            conn.close()
    backups.create_backup(lib_path)  # the next backup sweeps what killed ones left
    stray = [p for p in backups.backup_dir(lib_path).iterdir() if p.name.startswith(".")]
    assert all(p.stat().st_mtime > time.time() - 60 for p in stray)  # at most fresh ones of live runs
