"""Bytes -> text for issue files: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK.

Bad input raises :class:`DecodeError` with a one-line message naming the file
and the reason; callers turn it into exit status 2 / an error dialog.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 16 * 1024 * 1024  # an issue is ~250 KB; refuse absurd files early
MAX_MB = MAX_BYTES // (1024 * 1024)


class DecodeError(ValueError):
    """The file cannot be read as an issue text. ``str(err)`` is user-facing."""


@dataclass
class Decoded:
    text: str
    encoding: str
    sha256: str


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\t\n\r\f\v") or ch == "\ufffd")
    return bad / len(text)


def decode_bytes(data: bytes, name: str = "<input>") -> Decoded:
    """Decode an issue file's bytes; raise DecodeError naming ``name`` and the reason."""
    digest = hashlib.sha256(data).hexdigest()
    if not data:
        raise DecodeError(f"{name}: 文件为空 (the file is empty)")
    if len(data) > MAX_BYTES:
        raise DecodeError(
            f"{name}: 文件过大，超过 {MAX_MB} MB，未读取 (the file is larger than {MAX_MB} MB; an issue is "
            "about 0.25 MB)"
        )

    text: str | None = None
    encoding = ""
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        encoding = "utf-16"
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise DecodeError(
                f"{name}: 文件声明为 {encoding.upper()} 但内容无法解码，位置 {exc.start} "
                f"(bytes do not decode as {encoding})"
            ) from None
    else:
        if b"\x00" in data[:4096]:
            raise DecodeError(f"{name}: 这是二进制文件，不是文本 (binary file, not text)")
        for candidate in ("utf-8", "gb18030"):
            try:
                text = data.decode(candidate)
                encoding = candidate
                break
            except UnicodeDecodeError:
                continue
        if text is None:
            raise DecodeError(
                f"{name}: 无法识别的文字编码，不是 UTF-8、UTF-16 或 GB18030/GBK "
                "(undecodable text: not UTF-8, UTF-16 or GB18030/GBK)"
            )
    if not text.strip():
        raise DecodeError(f"{name}: 文件只有空白，没有内容 (the file holds only whitespace)")
    if "\x00" in text or _control_ratio(text[:20000]) > 0.01:
        raise DecodeError(f"{name}: 这是二进制文件，不是文本 (binary file, not text)")
    if encoding == "gb18030" and _looks_like_mojibake(text):
        raise DecodeError(
            f"{name}: 无法识别的文字编码 (undecodable text: GB18030 decoding gives no Chinese)"
        )
    return Decoded(text=text, encoding=encoding, sha256=digest)


def _looks_like_mojibake(text: str) -> bool:
    """GB18030 decodes almost any byte string; real Chinese text is mostly common Han."""
    sample = text[:20000]
    han = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    rare = sum(1 for ch in sample if "\u3400" <= ch <= "\u4dbf" or "\ue000" <= ch <= "\uf8ff" or ord(ch) > 0xFFFF)
    if han + rare == 0:
        # no CJK at all: plain ASCII would have decoded as UTF-8; this is binary-ish
        return True
    return rare > 0.05 * (han + rare)


def read_regular_file(path: str | Path, max_bytes: int, fail) -> bytes:
    """The bytes of ``path`` if it is a regular file of at most ``max_bytes``.

    A FIFO, device, socket or folder is refused at once, without blocking: the
    file is opened with ``O_NONBLOCK`` (a FIFO without writer opens at once) and
    ``fstat`` decides before any read; the read itself stops at ``max_bytes + 1``
    whatever the size claimed. ``fail(zh, en)`` builds the exception to raise.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise fail("无法读取文件（文件不存在）", "cannot read: no such file") from None
    except IsADirectoryError:
        raise fail("这是文件夹，不是文件", "is a directory") from None
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise fail(f"无法读取文件（{reason}）", f"cannot read: {reason}") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise fail("这是文件夹，不是文件", "is a directory")
        if not stat.S_ISREG(st.st_mode):
            kind = "命名管道" if stat.S_ISFIFO(st.st_mode) else "设备或特殊文件"
            raise fail(f"这是{kind}，不是普通文件，未读取", "not a regular file (FIFO, device or socket); not read")
        limit_mb = max_bytes // (1024 * 1024)
        if st.st_size > max_bytes:
            raise fail(f"文件过大，超过 {limit_mb} MB，未读取", f"the file is larger than {limit_mb} MB; not read")
        chunks = []
        left = max_bytes + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > max_bytes:
            raise fail(f"文件过大，超过 {limit_mb} MB，未读取", f"the file is larger than {limit_mb} MB; not read")
        return data
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise fail(f"无法读取文件（{reason}）", f"cannot read: {reason}") from None
    finally:
        os.close(fd)


def read_issue_file(path: str | Path) -> Decoded:
    name = str(path)

    def fail(zh: str, en: str) -> DecodeError:
        return DecodeError(f"{name}: {zh} ({en})")

    return decode_bytes(read_regular_file(path, MAX_BYTES, fail), name)
