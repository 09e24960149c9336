"""Expected failures -> one user-facing line. The one place that translates them.

The CLI's ``main`` (and the window, for its error dialogs) calls
:func:`user_message` on any exception that escapes a command. It returns the
line to show (Chinese, then English, naming the file and what to do) for every
*expected* failure — bad input, a full disk, a read-only or locked or damaged
library, an unwritable or special output path, a name that is not UTF-8 — and
``None`` for anything else, which is a bug and keeps its traceback.

SQLite's errors are classified by the store (``store.errors.classify_sqlite``,
the layer that speaks SQLite); operating-system errors are translated here.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

from editor_app.export import ExportError
from editor_app.ingest import DecodeError
from editor_app.ingest.docx_import import DocxImportError
from editor_app.store import LibraryError
from editor_app.store.errors import classify_sqlite

from .issues import UserError

# errno -> (Chinese, English, what to do)
_OS = {
    errno.ENOSPC: ("磁盘已满", "the disk is full", "释放空间后重试 / free some space and try again"),
    errno.EDQUOT: ("超出磁盘配额", "the disk quota is exceeded", "释放空间后重试 / free some space and try again"),
    errno.EROFS: ("文件系统是只读的", "the file system is read-only", "换一个可写的位置 / choose a writable place"),
    errno.EACCES: ("没有权限", "permission denied", "换一个有权限的位置 / choose a place you may write to"),
    errno.EPERM: ("操作不被允许", "operation not permitted", "换一个位置 / choose another place"),
    errno.ENOENT: ("文件或文件夹不存在", "no such file or folder", "检查路径 / check the path"),
    errno.ENOTDIR: ("路径中有一段不是文件夹", "a part of the path is not a folder", "检查路径 / check the path"),
    errno.EISDIR: ("这是文件夹", "it is a folder", "请给出文件名 / give a file name"),
    errno.ENAMETOOLONG: ("文件名过长", "the file name is too long", "用较短的名字 / use a shorter name"),
    errno.EFBIG: ("文件过大", "the file is too large for this file system", "换一个位置 / choose another place"),
    errno.EIO: ("磁盘读写错误", "input/output error", "检查磁盘 / check the disk"),
    errno.EMFILE: ("打开的文件过多", "too many open files", "关闭其他程序后重试 / close other programs and retry"),
    errno.ENFILE: ("系统打开的文件过多", "too many open files in the system", "稍后重试 / try again later"),
    errno.ETXTBSY: ("文件正被使用", "the file is busy", "稍后重试 / try again later"),
    errno.EBUSY: ("设备或文件正忙", "device or file busy", "稍后重试 / try again later"),
    errno.EXDEV: ("不能跨文件系统改名", "cannot rename across file systems", "换一个位置 / choose another place"),
}


def display_name(path: object) -> str:
    """A path as text that can always be printed (undecodable bytes as \\xNN)."""
    text = os.fsdecode(path) if isinstance(path, (bytes, os.PathLike)) else str(path)
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def os_message(exc: OSError, fallback: object = None) -> str:
    name = display_name(exc.filename if exc.filename is not None else (fallback or "输出 / output"))
    reason = exc.strerror or exc.__class__.__name__
    zh, en, todo = _OS.get(exc.errno, ("无法读写", "cannot read or write", "检查路径和磁盘 / check the path and the disk"))
    return f"{name}: {zh}，未完成操作；{todo.split(' / ')[0]} / {en} ({reason}); nothing was done — {todo.split(' / ')[1]}"


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def undecodable_message(what: str, value: str) -> str:
    return (
        f"{what} 不是有效的 UTF-8 文字：{display_name(value)}；请改用 UTF-8 文字（文件请重命名）"
        f" / {what} is not valid UTF-8: {display_name(value)}; use a UTF-8 name (rename the file)"
    )


def check_arguments(values: dict[str, object]) -> None:
    """Refuse arguments no command can use: an empty ``--db``, names that are not UTF-8."""
    db = values.get("db")
    if isinstance(db, str) and not db.strip():
        raise UserError(
            "--db 的值为空；请给出资料库文件路径，或省略 --db 使用默认资料库"
            " / --db is empty; give a library path, or leave --db out for the default library"
        )
    for key, value in values.items():
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, str) and _has_surrogates(item):
                label = key.upper() if key in ("file", "query", "out", "name") else f"--{key.replace('_', '-')}"
                raise UserError(undecodable_message(label, item))


def user_message(exc: BaseException, library: object = None) -> str | None:
    """The one line to show for an expected failure; None for a bug."""
    if isinstance(exc, ExportError) and isinstance(exc.__cause__, OSError) and getattr(exc, "path", None):
        cause = exc.__cause__  # the OS error met writing (maybe on the temporary file): name the target
        return os_message(OSError(cause.errno, cause.strerror or str(cause), os.fspath(exc.path)))
    if isinstance(exc, (UserError, LibraryError, DecodeError, DocxImportError, ExportError)):
        return str(exc)
    if isinstance(exc, sqlite3.Error):
        err = classify_sqlite(exc, display_name(library) if library is not None else "?")
        return None if err is None else str(err)
    if isinstance(exc, OSError):
        return os_message(exc)  # no file name: the output (stdout) rather than the library
    if isinstance(exc, UnicodeError) and "surrogates not allowed" in str(exc):
        obj = getattr(exc, "object", "")
        return undecodable_message("名称 / a name", obj if isinstance(obj, str) else str(obj))
    return None


def silence_stdout() -> None:
    """Point file descriptor 1 at the null device, so that the interpreter's final flush
    of a stdout that failed (disk full) does not print a second, raw error."""
    import sys

    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())
        os.close(fd)
    except (OSError, ValueError, AttributeError):
        pass


def library_path(db: str | Path | None) -> Path:
    from editor_app import paths

    return Path(db) if db else paths.default_library_path()
