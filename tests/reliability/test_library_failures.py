"""A library that cannot be written (full, read-only, locked, damaged): exit 2, one line,
library unchanged. Each case happens for real: tmpfs mounts, a second connection
holding the lock, bytes flipped in the file."""

from __future__ import annotations

import multiprocessing
import shutil
import sqlite3
from pathlib import Path

import pytest

from .conftest import (
    DEMO,
    assert_one_line_failure,
    fill,
    library_state,
    other_issue,
    remount_read_only,
    run_cli,
    stray_temps,
)


def _library_on(d: Path, data: Path) -> Path:
    lib = d / "library.sqlite"
    code, _, err = run_cli("import", str(DEMO), "--db", str(lib), data=data)
    assert code == 0, err
    return lib


@pytest.mark.parametrize(
    "command",
    [
        ["import", "{other}"],
        ["import", "{other}", "--replace"],
        ["check", "--issue", "1"],
        ["fix", "--issue", "1", "--rule", "punctuation.halfwidth"],
    ],
    ids=["import", "import-replace", "check", "fix"],
)
def test_full_disk_exit_2_library_unchanged(tmpfs, tmp_path, data, command):
    d = tmpfs("2m")
    lib = _library_on(d, data)
    other = other_issue(tmp_path)
    if command[:2] == ["import", "{other}"] and "--replace" in command:
        # same masthead, other text: a replace that must write a lot
        other.write_text(DEMO.read_text(encoding="utf-8") + "\n补记。\n", encoding="utf-8")
    before = library_state(lib)
    fill(d)
    args = [a.replace("{other}", str(other)) for a in command]
    code, _, err = run_cli(*args, "--db", str(lib), data=data)
    assert_one_line_failure(code, err, "磁盘已满", str(lib))
    assert library_state(lib) == before
    assert stray_temps(d) == []


def test_read_only_library_exit_2(tmpfs, tmp_path, data):
    d = tmpfs("4m")
    lib = _library_on(d, data)
    before = library_state(lib)
    remount_read_only(d)
    for args in (["import", str(other_issue(tmp_path))], ["check", "--issue", "1"]):
        code, _, err = run_cli(*args, "--db", str(lib), data=data)
        assert_one_line_failure(code, err, "只读", "read-only", str(lib))
    assert library_state(lib) == before


def test_locked_past_the_timeout_exit_2(demo_library, tmp_path, data):
    before = library_state(demo_library)
    holder = sqlite3.connect(str(demo_library), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        code, _, err = run_cli("import", str(other_issue(tmp_path)), "--db", str(demo_library), data=data)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert_one_line_failure(code, err, "另一个程序", "locked")
    assert library_state(demo_library) == before


def _damage(lib: Path, how: str) -> None:
    conn = sqlite3.connect(str(lib))
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'segments'").fetchone()[0]
    conn.close()
    data = bytearray(lib.read_bytes())
    at = (root - 1) * page_size
    if how == "flipped":
        for i in range(8):  # the b-tree page header
            data[at + i] ^= 0xA5
    else:
        data[at : at + page_size] = bytes(page_size)
    lib.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["flipped", "zeroed"])
def test_damaged_library_is_never_written(demo_library, tmp_path, data, how):
    _damage(demo_library, how)
    raw = demo_library.read_bytes()
    other = other_issue(tmp_path)
    for args in (["import", str(other), "--replace"], ["import", str(other)], ["check", "--issue", "1"], ["list"]):
        code, _, err = run_cli(*args, "--db", str(demo_library), data=data)
        assert_one_line_failure(code, err, "library recover", str(demo_library))
    assert demo_library.read_bytes() == raw  # not one byte written

    code, out, err = run_cli("library", "check", "--db", str(demo_library), data=data)
    assert code == 2 and "Traceback" not in err
    assert "损坏" in out

    rec = tmp_path / "recovered.sqlite"
    code, out, err = run_cli("library", "recover", str(rec), "--db", str(demo_library), data=data)
    assert code == 0, err
    assert demo_library.read_bytes() == raw
    assert ("sqlite3 .recover" in out) or ("python table copy" in out)
    code, out, err = run_cli("library", "check", "--db", str(rec), data=data)
    assert code == 0, out + err
    code, out, err = run_cli("list", "--db", str(rec), data=data)
    assert code == 0 and "东越视窗" in out, err


def test_recover_without_the_sqlite3_program_says_so(demo_library, tmp_path, data):
    bare = tmp_path / "bin"
    bare.mkdir()  # a PATH with no sqlite3 on it
    rec = tmp_path / "rec.sqlite"
    code, out, err = run_cli(
        "library", "recover", str(rec), "--db", str(demo_library), data=data, env={"PATH": str(bare)}
    )
    assert code == 0, err
    assert "python table copy" in out and "not installed" in out
    assert library_state(rec)[2] == library_state(demo_library)[2]  # issues, revisions, findings


def test_recover_refuses_an_existing_output(demo_library, tmp_path, data):
    out = tmp_path / "exists.sqlite"
    out.write_bytes(b"keep me")
    code, _, err = run_cli("library", "recover", str(out), "--db", str(demo_library), data=data)
    assert_one_line_failure(code, err, "exists")
    assert out.read_bytes() == b"keep me"


def test_library_check_on_a_sound_library(demo_library, data):
    code, out, err = run_cli("library", "check", "--db", str(demo_library), data=data)
    assert code == 0 and "ok" in out, err


def test_empty_db_is_refused_and_the_default_library_untouched(data):
    code, _, err = run_cli("list", "--db", "", data=data)
    assert_one_line_failure(code, err, "--db")
    assert not (data / "library.sqlite").exists()
    assert list(data.iterdir()) == []


def test_library_path_that_is_not_a_regular_file(tmp_path, data):
    code, _, err = run_cli("list", "--db", "/dev/null", data=data)
    assert_one_line_failure(code, err, "不是普通文件")
    code, _, err = run_cli("list", "--db", str(tmp_path), data=data)
    assert_one_line_failure(code, err, "不是普通文件")


def _open_new(path: str, barrier, results) -> None:
    import time

    from editor_app.store import Library

    barrier.wait()
    t0 = time.monotonic()
    try:
        with Library(path) as lib:
            lib.list_issues()
        results.put("ok")
    except Exception as exc:  # noqa: BLE001 - the test counts them
        cause = exc.__cause__
        results.put(f"{type(exc).__name__} after {time.monotonic() - t0:.2f} s ({cause!r}): {exc}")


def test_concurrent_first_opens_of_a_new_library_all_succeed(tmp_path):
    ctx = multiprocessing.get_context("fork") if hasattr(__import__("os"), "fork") else multiprocessing
    results = ctx.Queue()
    outcomes = []
    for k in range(30):  # 120 opens, as in the report (22 of 120 failed before)
        path = str(tmp_path / f"new-{k}.sqlite")
        barrier = ctx.Barrier(4)
        procs = [ctx.Process(target=_open_new, args=(path, barrier, results)) for _ in range(4)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(60)
        outcomes += [results.get(timeout=10) for _ in procs]
    assert outcomes == ["ok"] * 120, [o for o in outcomes if o != "ok"]


def test_copy_of_the_library_for_the_record(demo_library, tmp_path):
    """library_state itself: a changed library has another state (the helper can fail)."""
    copy = tmp_path / "copy.sqlite"
    shutil.copyfile(demo_library, copy)
    before = library_state(copy)
    conn = sqlite3.connect(str(copy))
    conn.execute("INSERT INTO settings (key, value) VALUES ('x', '1')")
    conn.commit()
    conn.close()
    assert library_state(copy) != before
