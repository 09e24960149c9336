"""Shared pieces of the exporters: the error type, atomic writes, text hygiene."""

from __future__ import annotations

import io
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from editor_app.model import Issue, Segment


class ExportError(Exception):
    """An export could not be written. The message is one line, Chinese then English."""


# Characters XML 1.0 cannot carry (C0 controls except tab/newline/CR, surrogates,
# U+FFFE/U+FFFF). Replaced one for one, so text offsets stay valid.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    return _XML_INVALID.sub("\ufffd", text)


def utc_date(date: datetime | None) -> datetime:
    """The export timestamp: timezone-aware UTC, whole seconds."""
    if date is None:
        date = datetime.now(UTC)
    elif date.tzinfo is None:
        date = date.replace(tzinfo=UTC)
    return date.astimezone(UTC).replace(microsecond=0)


def w_date(date: datetime) -> str:
    """ISO 8601 as WordprocessingML writes it (w:date)."""
    return date.strftime("%Y-%m-%dT%H:%M:%SZ")


def zh_date(date: datetime) -> str:
    """2024年6月1日, in the machine's local time (the user's calendar day)."""
    d = date.astimezone()
    return f"{d.year}年{d.month}月{d.day}日"


def check_target(out_path: str | os.PathLike) -> Path:
    """Refuse early, with a clear message, when the file cannot be written there.

    Returns the path to write: a symlink is followed, so that the file it points
    to is replaced, not the link. Only a missing or a regular file may be
    replaced: a device (``/dev/full``), a FIFO or a socket is refused.
    """
    given = Path(out_path)
    if not str(out_path).strip():
        raise ExportError("导出路径为空 / The export path is empty")
    path = Path(os.path.realpath(given)) if given.is_symlink() else given
    folder = path.parent if str(path.parent) else Path(".")
    if path.exists() and path.is_dir():
        raise ExportError(f"导出路径是一个文件夹：{given} / Export path is a folder: {given}")
    if path.exists() and not stat.S_ISREG(path.stat().st_mode):
        raise ExportError(
            f"导出路径不是普通文件（设备、管道等），未写入：{given} / Export path is not a regular "
            f"file (a device, FIFO or socket); nothing written: {given}"
        )
    if not folder.is_dir():
        raise ExportError(f"导出文件夹不存在：{folder} / Export folder does not exist: {folder}")
    if not os.access(folder, os.W_OK):
        raise ExportError(f"导出文件夹不可写：{folder} / Export folder is not writable: {folder}")
    return path


TEMP_MARK = "editor-app"
STALE_TEMP_S = 6 * 3600
_OUR_TEMP = re.compile(rf"^\..+\.{TEMP_MARK}-(\d+)(?:-[^/]*)?\.tmp$")


def temp_name(target: str) -> str:
    """The prefix of our temporary files beside ``target`` (see remove_stale_temps)."""
    return f".{target}.{TEMP_MARK}-{os.getpid()}-"


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def remove_stale_temps(folder: str | os.PathLike) -> list[Path]:
    """Delete temporary files of ours left in ``folder`` by a killed run: those whose
    process is gone, or older than STALE_TEMP_S. Returns what was removed."""
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    now = time.time()
    for e in entries:
        m = _OUR_TEMP.match(e.name)
        if not m:
            continue
        try:
            st = e.stat(follow_symlinks=False)
            if not stat.S_ISREG(st.st_mode):
                continue
            if _pid_alive(int(m.group(1))) and now - st.st_mtime < STALE_TEMP_S:
                continue
            os.unlink(e.path)
            removed.append(Path(e.path))
        except OSError:
            continue
    return removed


def write_bytes_durably(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` and fsync it; an OSError (disk full) propagates, nothing buffered
    is left to fail again later."""
    fd = os.open(path, os.O_WRONLY | os.O_TRUNC | getattr(os, "O_BINARY", 0))
    try:
        view = memoryview(data)
        while view:
            n = os.write(fd, view)
            view = view[n:]
        os.fsync(fd)
    finally:
        os.close(fd)


def docx_writer(doc) -> Callable[[str], None]:
    """``write`` for write_atomic from a python-docx Document: the package is built in
    memory (a full disk cannot leave a half-closed ZipFile behind), then written."""

    def write(tmp: str) -> None:
        buf = io.BytesIO()
        doc.save(buf)
        write_bytes_durably(tmp, buf.getvalue())

    return write


def write_atomic(out_path: str | os.PathLike, write: Callable[[str], None]) -> Path:
    """Call ``write(temp_path)`` on a temporary file beside the target, then
    move it into place with ``os.replace``: readers see the old file or the
    complete new one, never a partial file. Any failure (the temporary file
    cannot be created, the disk is full) removes the temporary file and raises
    ExportError; stale temporary files of killed runs are removed first."""
    path = check_target(out_path)
    folder = path.parent if str(path.parent) else Path(".")
    remove_stale_temps(folder)
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=temp_name(path.name), suffix=".tmp", dir=folder)
        os.close(fd)
        write(tmp)
        # mkstemp creates 0600; give the file the permissions a normal save would
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        if path.exists() and not stat.S_ISREG(path.stat().st_mode):  # appeared meanwhile
            raise ExportError(f"导出路径不是普通文件，未写入：{path} / Export path is not a regular file: {path}")
        os.replace(tmp, path)
        tmp = None
    except ExportError:
        raise
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        err = ExportError(f"无法写入 {path}：{reason}，未留下任何文件 / Cannot write {path}: {reason}; nothing was left behind")
        err.path = path  # services.failures words the cause for this path
        raise err from exc
    finally:
        if tmp is not None:
            _unlink(tmp)
    return path


def _unlink(p: str) -> None:
    try:
        os.unlink(p)
    except OSError:
        pass


def resolve_segments(issue: Issue, ids: list[str] | None) -> list[Segment]:
    """The segments to export, in issue order. ``None`` = all article segments."""
    if ids is None:
        return issue.articles()
    known = {s.id: s for s in issue.segments}
    unknown = [i for i in ids if i not in known]
    if unknown:
        names = ", ".join(unknown)
        raise ExportError(f"未知的文章编号：{names} / Unknown segment id(s): {names}")
    wanted = set(ids)
    return [s for s in issue.segments if s.id in wanted]


def check_texts(issue: Issue, texts: dict[str, str] | None, what: str) -> None:
    if not texts:
        return
    known = {s.id for s in issue.segments}
    unknown = sorted(k for k in texts if k not in known)
    if unknown:
        names = ", ".join(unknown)
        raise ExportError(f"{what}中有未知的文章编号：{names} / Unknown segment id(s) in {what}: {names}")


SECTION_FALLBACK = {
    "masthead": "刊头",
    "cover": "封面",
    "editorial_board": "编委会",
    "toc": "目录页",
    "news": "新闻",
    "sponsored": "专版",
    "comic": "漫画",
    "photo": "图片",
    "blank": "空白页",
    "unknown": "其他",
}


def segment_label(seg: Segment) -> str:
    """A short name for a segment in a report row or a heading."""
    if seg.title:
        return seg.title
    return SECTION_FALLBACK.get(seg.kind, seg.kind)
