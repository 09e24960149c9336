"""Checking, copying and recovering library files with SQLite's own tools.

* :func:`check_on_open` runs ``PRAGMA quick_check`` when a library is opened
  (every open below ``QUICK_CHECK_MAX_BYTES``; above it at most once every
  ``QUICK_CHECK_EVERY_S``, the time of the last clean check being kept in
  ``store_meta``) and raises :class:`DamagedLibraryError` so that nothing is
  written into a damaged file. ``bench/bench_integrity.py`` measures the cost.
* :func:`full_problems` is ``PRAGMA integrity_check`` plus the foreign-key check,
  on a read-only connection (``editor-app library check``).
* :func:`copy_consistent` is the backup API: a consistent copy while other
  connections read and write (automatic backups, restore).
* :func:`recover` salvages what can be read from a damaged file into a new one:
  the ``sqlite3`` command line's ``.recover`` when that program is installed
  (it reads every page, including those no longer reachable from a damaged
  b-tree), else a table-by-table copy over a Python connection (reads what the
  b-trees still reach, stops a table at its first unreadable row).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DamagedLibraryError, LibraryError, NotALibraryFileError, classify_sqlite

# bench/bench_integrity.py, 240-issue library (272 MB): quick_check 0.12-0.27 s with the
# file in the OS cache, 0.84-1.18 s from disk (2 shared cores). Below 128 MB (about 110 issues) every open pays at
# most ~0.4 s cold; above it the check runs on the first open of each day.
QUICK_CHECK_MAX_BYTES = 128 * 1024 * 1024
QUICK_CHECK_EVERY_S = 24 * 3600
META_KEY = "last_quick_check"


def non_regular_kind(path: str | os.PathLike) -> str | None:
    """None if ``path`` is missing or a regular file (symlinks followed), else what it is."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError:
        return None  # let the open report it
    mode = st.st_mode
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "文件夹 / a folder"
    if stat.S_ISFIFO(mode):
        return "命名管道 / a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备 / a device"
    if stat.S_ISSOCK(mode):
        return "套接字 / a socket"
    return "特殊文件 / a special file"


def refuse_non_regular(path: str | os.PathLike) -> None:
    kind = non_regular_kind(path)
    if kind is not None:
        raise NotALibraryFileError(path, kind)


def quick_problems(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("PRAGMA quick_check") if r[0] != "ok"]


def _last_check(conn: sqlite3.Connection) -> float | None:
    try:
        row = conn.execute("SELECT value FROM store_meta WHERE key = ?", (META_KEY,)).fetchone()
    except sqlite3.OperationalError:  # a new library: no table yet
        return None
    try:
        return float(row[0]) if row else None
    except ValueError:
        return None


def check_on_open(conn: sqlite3.Connection, path: Path | None, policy: str = "auto") -> bool:
    """Run ``quick_check`` per ``policy`` ("auto", "always", "never"); raise
    DamagedLibraryError on a problem. Returns whether the check ran."""
    if policy == "never" or path is None:
        return False
    if policy == "auto":
        try:
            size = path.stat().st_size
        except OSError:
            size = 0
        if size > QUICK_CHECK_MAX_BYTES:
            last = _last_check(conn)
            if last is not None and time.time() - last < QUICK_CHECK_EVERY_S:
                return False
    try:
        problems = quick_problems(conn)
    except sqlite3.DatabaseError as exc:
        err = classify_sqlite(exc, path)
        if err is None:
            raise
        raise err from exc
    if problems:
        raise DamagedLibraryError(path, problems)
    return True


def record_check(conn: sqlite3.Connection) -> None:
    """Remember a clean check (used by the schedule above the size threshold). Only
    bookkeeping: if it cannot be written (disk full), the next open checks again."""
    try:
        with conn:
            conn.execute(
                "INSERT OR REPLACE INTO store_meta (key, value) VALUES (?, ?)", (META_KEY, repr(time.time()))
            )
    except sqlite3.Error:
        pass


def _connect_ro(path: Path) -> sqlite3.Connection:
    refuse_non_regular(path)
    if not path.exists():
        raise LibraryError(f"资料库不存在：{path} / No such library: {path}")
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)


def _connect_rw(path: Path) -> sqlite3.Connection:
    """A plain connection for reading: unlike ``mode=ro`` it can recover a WAL left by a
    crash and, as the last to close, checkpoints and removes -wal/-shm."""
    refuse_non_regular(path)
    if not path.exists():
        raise LibraryError(f"资料库不存在：{path} / No such library: {path}")
    return sqlite3.connect(str(path), timeout=5)


def full_problems(path: Path) -> list[str]:
    """``integrity_check`` and ``foreign_key_check`` on a read-only connection; [] when sound."""
    conn = _connect_ro(path)
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check") if r[0] != "ok"]
        problems += [f"foreign key: {tuple(r)}" for r in conn.execute("PRAGMA foreign_key_check")]
        return problems
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        conn.close()


def copy_consistent(src: sqlite3.Connection | Path, dest: Path) -> None:
    """A consistent copy of a library to ``dest`` (which must not exist) by the backup
    API, written to a temporary file beside ``dest`` and renamed when complete."""
    tmp = dest.with_name(f".{dest.name}.editor-app-{os.getpid()}.tmp")
    own = not isinstance(src, sqlite3.Connection)
    conn = _connect_rw(Path(src)) if own else src
    try:
        out = sqlite3.connect(str(tmp))
        try:
            conn.backup(out)
            out.execute("PRAGMA journal_mode = DELETE")
        finally:
            out.close()
        os.replace(tmp, dest)
    except BaseException:
        for p in (tmp, Path(f"{tmp}-journal")):
            try:
                os.unlink(p)
            except OSError:
                pass
        raise
    finally:
        if own:
            conn.close()


def copy_into(backup: Path, library: Path) -> None:
    """Overwrite ``library``'s content with ``backup``'s through the backup API (the
    destination's own locking and WAL are respected)."""
    src = _connect_ro(backup)
    try:
        dst = sqlite3.connect(str(library), timeout=5)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


@dataclass
class Recovery:
    method: str  # "sqlite3 .recover" | "python table copy"
    why: str
    tables: dict[str, int] = field(default_factory=dict)  # rows copied (python copy)
    lost: list[str] = field(default_factory=list)  # tables cut short, with the reason


def _sqlite_cli() -> str | None:
    return shutil.which("sqlite3")


def recover(src: Path, out: Path) -> Recovery:
    """Salvage ``src`` into the new file ``out``."""
    rec = _recover(src, out)
    conn = sqlite3.connect(str(out))
    try:
        rec.lost += set_aside_orphans(conn)
    finally:
        conn.close()
    return rec


def set_aside_orphans(conn: sqlite3.Connection) -> list[str]:
    """Move rows whose parent row was lost (foreign-key violations) into ``lost_<table>``
    tables of the same file, so that the library is consistent and nothing salvaged is
    thrown away. Returns one line per table."""
    moved: dict[str, int] = {}
    for _ in range(20):  # a cascade (segment lost -> revisions -> findings) takes a few rounds
        bad = conn.execute("PRAGMA foreign_key_check").fetchall()
        bad = [(t, rid) for t, rid, _parent, _fk in bad if rid is not None]
        if not bad:
            break
        with conn:
            for table, rowid in bad:
                lost = f"lost_{table}"
                conn.execute(f'CREATE TABLE IF NOT EXISTS "{lost}" AS SELECT * FROM "{table}" WHERE 0')
                conn.execute(f'INSERT INTO "{lost}" SELECT * FROM "{table}" WHERE rowid = ?', (rowid,))
                conn.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,))
                moved[table] = moved.get(table, 0) + 1
    return [
        f"{table}: {n} 行的上级记录已丢失，移入 lost_{table} / {n} rows whose parent row was lost, "
        f"set aside in lost_{table}"
        for table, n in moved.items()
    ]


def _recover(src: Path, out: Path) -> Recovery:
    refuse_non_regular(src)
    cli = _sqlite_cli()
    if cli:
        failure = _recover_cli(cli, src, out)
        if failure is None:
            return Recovery(
                "sqlite3 .recover",
                f"找到 sqlite3 命令行程序（{cli}），.recover 读取每一页，能救回损坏的 b-tree 已无法到达的行"
                f" / the sqlite3 command line ({cli}) is installed; .recover reads every page, "
                "including rows a damaged b-tree no longer reaches",
            )
        for p in (out, Path(f"{out}-journal")):
            if p.exists():
                p.unlink()
        rec = _recover_python(src, out)
        rec.why = (
            f"sqlite3 .recover 不可用（{failure}），改用逐表复制（只能读到 b-tree 仍可到达的行）"
            f" / `{cli} .recover` did not work here ({failure}); copied table by table over "
            "Python's sqlite3 instead (only rows the b-trees still reach)"
        )
        return rec
    rec = _recover_python(src, out)
    rec.why = (
        "未安装 sqlite3 命令行程序，改用逐表复制（只能读到 b-tree 仍可到达的行）"
        " / the sqlite3 command line is not installed; copied table by table over Python's "
        "sqlite3 (only rows the b-trees still reach)"
    )
    return rec


def _recover_cli(cli: str, src: Path, out: Path) -> str | None:
    """None when ``.recover`` produced a sound library in ``out``; else why not.

    Any message on stderr counts as a failure: a ``sqlite3`` program whose library
    lacks the ``sqlite_dbpage`` table (Debian's 3.40, for one) prints "SQL logic
    error" and a dump without tables, which must not pass for a recovery.
    """
    try:
        dump = subprocess.run([cli, "-readonly", str(src), ".recover"], capture_output=True, timeout=600, check=False)
        err = dump.stderr.decode("utf-8", "replace").strip()
        if dump.returncode != 0 or err or b"CREATE TABLE" not in dump.stdout:
            return (err.splitlines() or [f"exit status {dump.returncode}"])[0]
        load = subprocess.run([cli, str(out)], input=dump.stdout, capture_output=True, timeout=600, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        return str(exc)
    if load.returncode != 0:
        return (load.stderr.decode("utf-8", "replace").strip().splitlines() or ["load failed"])[0]
    try:
        conn = sqlite3.connect(str(out))
        try:
            if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                return "the recovered file fails quick_check"
            if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'issues'").fetchone() is None:
                return "no issues table in the recovered file"
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return None


def _recover_python(src: Path, out: Path) -> Recovery:
    rec = Recovery("python table copy", "")
    conn = sqlite3.connect(f"{src.resolve().as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(str(out))
    try:
        try:
            schema = conn.execute(
                "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
            ).fetchall()
        except sqlite3.DatabaseError as exc:
            raise DamagedLibraryError(src, [f"schema unreadable: {exc}"]) from exc
        virtual = {n for t, n, _, s in schema if t == "table" and s.upper().startswith("CREATE VIRTUAL")}
        shadow = {n for t, n, _, _ in schema if any(n.startswith(f"{v}_") for v in virtual)}
        tables = [(n, s) for t, n, _, s in schema if t == "table" and n not in shadow and not n.startswith("sqlite_")]
        for _name, sql in tables:
            dst.execute(sql)
        dst.execute("PRAGMA foreign_keys = OFF")
        for name, _ in tables:
            if name in virtual:
                continue
            cols = [r[1] for r in conn.execute(f'PRAGMA table_info("{name}")')]
            marks = ", ".join("?" * len(cols))
            n = 0
            try:
                for row in conn.execute(f'SELECT * FROM "{name}"'):
                    dst.execute(f'INSERT OR IGNORE INTO "{name}" VALUES ({marks})', row)
                    n += 1
            except sqlite3.DatabaseError as exc:
                rec.lost.append(f"{name}: 读出 {n} 行后无法再读（{exc}） / unreadable after {n} rows ({exc})")
            rec.tables[name] = n
        for t, _, _, sql in schema:
            if t in ("index", "trigger"):
                try:
                    dst.execute(sql)
                except sqlite3.DatabaseError as exc:
                    rec.lost.append(f"{t}: {exc}")
        dst.commit()
    finally:
        dst.close()
        conn.close()
    return rec
