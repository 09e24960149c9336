"""Integrity-check and backup costs on a 240-issue library (issue: reliability).

Builds the library bench_library.py builds (the reference issue under 240
mastheads), then times, on a warm and on a cold page cache where possible:
``PRAGMA quick_check``, ``PRAGMA integrity_check``, a backup-API copy, and
opening the library through ``Library`` (which runs the check on open).
The size threshold for the check on every open (``QUICK_CHECK_MAX_BYTES``)
was chosen from these figures.

Run: ``.venv/bin/python bench/bench_integrity.py [N_ISSUES] [--keep PATH]``.
Prints one JSON object.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_library import SAMPLE, altered  # noqa: E402

if not SAMPLE.exists():  # a git worktree one level deeper than the checkout (../../shared)
    SAMPLE = ROOT.parent.parent / "shared" / "samples" / SAMPLE.name


def _timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return round(best, 4)


def build(db: Path, n_issues: int) -> None:
    from editor_app.ingest import parse_text
    from editor_app.store import Library

    text = SAMPLE.read_text(encoding="utf-8")
    with Library(db) as lib:
        for k in range(n_issues):
            lib.import_issue(parse_text(altered(text, k), name=f"issue-{k}.txt", sha256=f"h{k}"))


def _evict(db: Path) -> bool:
    """Drop the library's pages from the OS cache (this file only); False where unsupported."""
    if not hasattr(os, "posix_fadvise"):
        return False
    for f in (db, Path(f"{db}-wal")):
        if f.exists():
            fd = os.open(f, os.O_RDONLY)
            try:
                os.fsync(fd)
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)
    return True


def _cold(db: Path, fn) -> float | None:
    if not _evict(db):
        return None
    t0 = time.perf_counter()
    fn()
    return round(time.perf_counter() - t0, 4)


def measure(db: Path) -> dict:
    from editor_app.store import Library, integrity

    out: dict = {"library_bytes": db.stat().st_size}
    conn = sqlite3.connect(str(db))
    out["quick_check_s"] = _timed(lambda: conn.execute("PRAGMA quick_check").fetchall())
    out["quick_check_cold_s"] = _cold(db, lambda: conn.execute("PRAGMA quick_check").fetchall())
    out["integrity_check_s"] = _timed(lambda: conn.execute("PRAGMA integrity_check").fetchall(), 1)
    conn.close()
    with tempfile.TemporaryDirectory() as tmp:
        def backup():
            src = sqlite3.connect(str(db))
            dst = sqlite3.connect(str(Path(tmp) / "copy.sqlite"))
            src.backup(dst)
            dst.close()
            src.close()

        out["backup_s"] = _timed(backup)
    out["open_with_check_s"] = _timed(lambda: Library(db, integrity_check="always").close())
    out["open_with_check_cold_s"] = _cold(db, lambda: Library(db, integrity_check="always").close())
    out["open_without_check_s"] = _timed(lambda: Library(db, integrity_check="never").close())
    out["check_on_every_open_below_bytes"] = integrity.QUICK_CHECK_MAX_BYTES
    return out


def main(argv: list[str]) -> dict:
    n = int(argv[0]) if argv and argv[0].isdigit() else 240
    keep = argv[argv.index("--keep") + 1] if "--keep" in argv else None
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(keep) if keep else Path(tmp) / "big.sqlite"
        if not db.exists():
            t0 = time.perf_counter()
            build(db, n)
            build_s = round(time.perf_counter() - t0, 2)
        else:
            build_s = None
        res = {"issues": n, "build_s": build_s, **measure(db)}
    return res


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:]), indent=2))
