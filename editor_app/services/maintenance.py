"""`editor-app library check` and `library recover`: SQLite's own tools on a library file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from editor_app.store import Library, integrity

from .issues import UserError


def _existing(path: Path) -> Path:
    integrity.refuse_non_regular(path)
    if not path.is_file():
        raise UserError(f"资料库不存在：{path} / No such library: {path}")
    return path


def check_library(path: str | Path) -> list[str]:
    """SQLite's integrity and foreign-key checks, read-only; [] when the file is sound."""
    return integrity.full_problems(_existing(Path(path)))


@dataclass
class Recovered:
    out: Path
    method: str
    why: str
    n_issues: int
    lost: list[str]


def recover_library(path: str | Path, out: str | Path) -> Recovered:
    """Salvage a (damaged) library into the new file ``out``; the original is left as is."""
    src = _existing(Path(path))
    dest = Path(out)
    if not str(out).strip():
        raise UserError("输出路径为空 / The output path is empty")
    if dest.exists() or dest.is_symlink():
        raise UserError(f"{dest} 已存在，请给出新文件名 / {dest} exists; give a new file name")
    if not dest.parent.is_dir():
        raise UserError(f"{dest}: 目录不存在 (the folder {dest.parent} does not exist)")
    if dest.resolve() == src.resolve():
        raise UserError("输出文件不能是资料库本身 / OUT must be a new file, not the library")
    try:
        rec = integrity.recover(src, dest)
        with Library(dest, integrity_check="always") as lib:
            lib.rebuild_search_index()
            n = len(lib.list_issues())
    except BaseException:
        for p in (dest, Path(f"{dest}-wal"), Path(f"{dest}-shm"), Path(f"{dest}-journal")):
            if p.exists():
                p.unlink()
        raise
    return Recovered(dest, rec.method, rec.why, n, rec.lost)

