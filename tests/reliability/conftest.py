"""Helpers for the failure tests: the real CLI in a subprocess, real full and read-only
file systems (tmpfs mounts, root only), and the state of a library file."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "resources" / "samples" / "demo-issue.txt"


def run_cli(*args: str | bytes, data: Path, timeout: float = 120, env: dict | None = None):
    """``editor-app ARGS`` in a fresh interpreter; returns (exit status, stdout, stderr)."""
    full_env = {**os.environ, "EDITOR_APP_DATA": str(data), **(env or {})}
    argv = [os.fsencode(sys.executable), b"-m", b"editor_app.cli", *[os.fsencode(a) for a in args]]
    r = subprocess.run(argv, cwd=ROOT, env=full_env, capture_output=True, timeout=timeout)
    return r.returncode, r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")


def assert_one_line_failure(code: int, err: str, *needles: str) -> None:
    assert code == 2, err
    assert "Traceback" not in err and "Exception ignored" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("editor-app: "), err
    for n in needles:
        assert n in lines[0], lines[0]


def library_state(path: Path) -> tuple:
    """integrity_check and a digest of every row of every table (the FTS index's shadow
    tables included): equal states mean an unchanged library."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        h = hashlib.sha256()
        tables = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name"
        ).fetchall()
        for name, sql in tables:
            h.update(f"{name}\n{sql}\n".encode())
            if sql and sql.upper().startswith("CREATE VIRTUAL"):
                continue  # its shadow tables hold the data
            for row in sorted(repr(r) for r in conn.execute(f'SELECT * FROM "{name}"')):
                h.update(row.encode())
        digest = h.hexdigest()
        counts = tuple(
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("issues", "revisions", "findings")
        )
    finally:
        conn.close()
    return integrity, digest, counts


def stray_temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp") or "editor-app-" in p.name)


def other_issue(tmp_path: Path, number: int = 4) -> Path:
    """The demo issue under another masthead: a distinct issue to import."""
    text = DEMO.read_text(encoding="utf-8").replace("2025年第3期 总第612期", f"2025年第{number}期 总第{608 + number}期", 1)
    out = tmp_path / f"other-{number}.txt"
    out.write_text(text, encoding="utf-8")
    return out


@pytest.fixture
def data(tmp_path) -> Path:
    d = tmp_path / "userdata"
    d.mkdir()
    return d


@pytest.fixture
def demo_library(tmp_path, data) -> Path:
    lib = tmp_path / "lib" / "library.sqlite"
    lib.parent.mkdir()
    code, _, err = run_cli("import", str(DEMO), "--db", str(lib), data=data)
    assert code == 0, err
    code, _, err = run_cli("check", "--issue", "1", "--db", str(lib), data=data)
    assert code in (0, 1), err
    return lib


def _can_mount() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0 and sys.platform.startswith("linux")


@pytest.fixture
def tmpfs(tmp_path):
    """``mount(size=..., nr_inodes=..., name=...)`` a small tmpfs; unmounted afterwards.
    Skips where mounting is not permitted (not root, or a container without the right)."""
    if not _can_mount():
        pytest.skip("mounting a tmpfs needs root on Linux")
    mounted: list[Path] = []

    def mount(size: str = "2m", nr_inodes: int | None = None, name: str = "mnt") -> Path:
        d = tmp_path / name
        d.mkdir()
        opts = f"size={size}" + (f",nr_inodes={nr_inodes}" if nr_inodes else "")
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(d)], capture_output=True)
        if r.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {r.stderr.decode(errors='replace').strip()}")
        mounted.append(d)
        return d

    yield mount
    for d in reversed(mounted):
        subprocess.run(["umount", "-l", str(d)], capture_output=True)


def remount_read_only(d: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(d)], check=True, capture_output=True)


def fill(d: Path, leave: int = 0) -> None:
    """Fill the file system of ``d`` until ``leave`` bytes are free."""
    s = os.statvfs(d)
    free = s.f_bavail * s.f_frsize
    with contextlib.suppress(OSError), open(d / "filler", "wb") as fh:
        fh.write(b"x" * max(free - leave, 0))
        fh.flush()
        while leave == 0:
            fh.write(b"x" * 4096)
            fh.flush()
