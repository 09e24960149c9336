"""Shared pieces of the exporters: the error type, atomic writes, text hygiene."""

from __future__ import annotations

import os
import re
import tempfile
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
    """Refuse early, with a clear message, when the file cannot be written there."""
    path = Path(out_path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.exists() and path.is_dir():
        raise ExportError(f"导出路径是一个文件夹：{path} / Export path is a folder: {path}")
    if not folder.is_dir():
        raise ExportError(f"导出文件夹不存在：{folder} / Export folder does not exist: {folder}")
    if not os.access(folder, os.W_OK):
        raise ExportError(f"导出文件夹不可写：{folder} / Export folder is not writable: {folder}")
    return path


def write_atomic(out_path: str | os.PathLike, write: Callable[[str], None]) -> Path:
    """Call ``write(temp_path)`` on a temporary file beside the target, then
    move it into place with ``os.replace``: readers see the old file or the
    complete new one, never a partial file."""
    path = check_target(out_path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    try:
        write(tmp)
        # mkstemp creates 0600; give the file the permissions a normal save would
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except ExportError:
        _unlink(tmp)
        raise
    except OSError as exc:
        _unlink(tmp)
        reason = exc.strerror or exc.__class__.__name__
        raise ExportError(f"无法写入 {path}：{reason} / Cannot write {path}: {reason}") from exc
    except BaseException:
        _unlink(tmp)
        raise
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
