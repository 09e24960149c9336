"""Automatic backups of a library, as Anki keeps them.

A backup is a consistent copy made with SQLite's backup API (other programs may
keep reading and writing meanwhile), kept in the user data folder:
``<user data>/backups/<library name>-<8 hex of its full path>/<UTC time>.sqlite``.

When:
* the window closes (:func:`on_close`): a backup if the library changed since
  the newest backup;
* during work (:func:`maybe_backup`): at most every ``INTERVAL_S`` (30 minutes),
  and only if the library changed since the newest backup. Each CLI command that
  used a library ends with this call, so a script of many commands makes at most
  one backup per half hour.

Rotation keeps the ``KEEP_LAST`` (10) newest, plus the newest of each of the last
``KEEP_DAYS`` (7) days. ``restore`` first backs the current file up, then copies
the chosen backup into the library with the backup API.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from editor_app import paths
from editor_app.store import integrity

from .issues import UserError

INTERVAL_S = 30 * 60
KEEP_LAST = 10
KEEP_DAYS = 7
_STAMP = "%Y%m%dT%H%M%S.%fZ"


@dataclass
class Backup:
    name: str
    path: Path
    created: datetime  # UTC
    size: int

    def local_time(self) -> str:
        return self.created.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def backup_dir(library: str | Path) -> Path:
    lib = Path(library).resolve()
    key = hashlib.sha256(os.fsencode(lib)).hexdigest()[:8]
    return paths.user_data_dir() / "backups" / f"{lib.stem}-{key}"


def list_backups(library: str | Path) -> list[Backup]:
    """Newest first."""
    folder = backup_dir(library)
    out = []
    if not folder.is_dir():
        return out
    for p in folder.glob("*.sqlite"):
        try:
            created = datetime.strptime(p.stem.split("-")[0], _STAMP).replace(tzinfo=UTC)
            size = p.stat().st_size
        except (ValueError, OSError):
            continue
        out.append(Backup(p.name, p, created, size))
    out.sort(key=lambda b: (b.created, b.name), reverse=True)
    return out


def _sweep_temps(folder: Path) -> None:
    from editor_app.export.common import remove_stale_temps

    remove_stale_temps(folder)


def create_backup(library: str | Path, note: str = "") -> Backup:
    """A consistent copy of ``library`` now, then rotation."""
    lib = Path(library)
    if not lib.is_file():
        raise UserError(f"资料库不存在：{lib} / No such library: {lib}")
    folder = backup_dir(lib)
    folder.mkdir(parents=True, exist_ok=True)
    _sweep_temps(folder)
    now = datetime.now(UTC)
    name = now.strftime(_STAMP) + (f"-{note}" if note else "") + ".sqlite"
    dest = folder / name
    integrity.copy_consistent(lib, dest)
    rotate(lib)
    return Backup(dest.name, dest, now, dest.stat().st_size)


def _changed_at(library: Path) -> float:
    times = []
    for p in (library, Path(f"{library}-wal")):
        try:
            times.append(p.stat().st_mtime)
        except OSError:
            pass
    return max(times, default=0.0)


def changed_since_backup(library: str | Path) -> bool:
    lib = Path(library)
    backups = list_backups(lib)
    if not backups:
        return lib.is_file()
    return _changed_at(lib) > backups[0].path.stat().st_mtime


def maybe_backup(library: str | Path, interval_s: float = INTERVAL_S) -> Backup | None:
    """A backup if the library changed since the newest one and that one is older than
    ``interval_s``; else None."""
    lib = Path(library)
    if str(library) == ":memory:" or not lib.is_file() or not changed_since_backup(lib):
        return None
    backups = list_backups(lib)
    if backups and time.time() - backups[0].path.stat().st_mtime < interval_s:
        return None
    return create_backup(lib)


def on_close(library: str | Path) -> Backup | None:
    """The window's close: a backup whenever the library changed since the newest one."""
    return maybe_backup(library, interval_s=0)


def rotate(library: str | Path, now: datetime | None = None) -> list[Path]:
    """Delete backups beyond the newest KEEP_LAST, keeping the newest of each of the last
    KEEP_DAYS local days. Returns the removed files."""
    backups = list_backups(library)
    keep = {b.path for b in backups[:KEEP_LAST]}
    today = (now or datetime.now(UTC)).astimezone().date()
    days = {today - timedelta(days=k) for k in range(KEEP_DAYS)}
    seen: set = set()
    for b in backups:  # newest first: the first of a day is its newest
        day = b.created.astimezone().date()
        if day in days and day not in seen:
            seen.add(day)
            keep.add(b.path)
    removed = []
    for b in backups:
        if b.path not in keep:
            try:
                b.path.unlink()
                removed.append(b.path)
            except OSError:
                pass
    return removed


def find_backup(library: str | Path, name: str) -> Backup:
    for b in list_backups(library):
        if name in (b.name, b.path.stem):
            return b
    raise UserError(
        f"没有名为 {name} 的备份；请用 editor-app backup list 查看 / No backup named {name}; "
        "see `editor-app backup list`"
    )


def restore(library: str | Path, name: str) -> tuple[Backup, Backup | None]:
    """Put backup ``name`` back as the library; the current file is backed up first.
    Returns (the restored backup, the backup of the file it replaced)."""
    lib = Path(library)
    chosen = find_backup(lib, name)
    if integrity.full_problems(chosen.path):
        raise UserError(f"备份 {chosen.name} 本身已损坏，未恢复 / Backup {chosen.name} is itself damaged; nothing restored")
    kept = None
    if lib.is_file():
        try:
            kept = create_backup(lib, note="before-restore")
        except sqlite3.DatabaseError:
            kept = _raw_copy(lib)  # a damaged file: keep its bytes as they are
    else:
        lib.parent.mkdir(parents=True, exist_ok=True)
    try:
        integrity.copy_into(chosen.path, lib)
    except sqlite3.DatabaseError:
        _replace_file(chosen.path, lib)
    if integrity.full_problems(lib):
        _replace_file(chosen.path, lib)
    return chosen, kept


def _raw_copy(lib: Path) -> Backup:
    import shutil

    folder = backup_dir(lib)
    folder.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC)
    dest = folder / (now.strftime(_STAMP) + "-damaged.sqlite")
    tmp = folder / f".{dest.name}.editor-app-{os.getpid()}.tmp"
    shutil.copyfile(lib, tmp)
    os.replace(tmp, dest)
    return Backup(dest.name, dest, now, dest.stat().st_size)


def _replace_file(src: Path, lib: Path) -> None:
    """Last resort for a destination the backup API cannot write: swap the file."""
    import shutil

    tmp = lib.with_name(f".{lib.name}.editor-app-{os.getpid()}.tmp")
    try:
        shutil.copyfile(src, tmp)
        for side in (Path(f"{lib}-wal"), Path(f"{lib}-shm")):
            if side.exists():
                side.unlink()
        os.replace(tmp, lib)
    finally:
        if tmp.exists():
            tmp.unlink()
