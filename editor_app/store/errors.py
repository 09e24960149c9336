"""Exceptions raised by the library store.

Every message is bilingual: Simplified Chinese for the user, then English for
logs and developers, separated by " / ".
"""

from __future__ import annotations


class LibraryError(Exception):
    """Any refusal or failure of the library store."""


class NotFoundError(LibraryError, LookupError):
    """An id (issue, segment, revision, finding) that the library does not hold."""

    def __init__(self, what: str, ident: object):
        self.what = what
        self.ident = ident
        names = {
            "issue": "刊期",
            "segment": "文章/分段",
            "revision": "修订版本",
            "finding": "检查结果",
        }
        super().__init__(
            f"资料库中没有该{names.get(what, what)}（{ident}） / no such {what}: {ident!r}"
        )


class MastheadConflictError(LibraryError):
    """Same masthead (title, year, number) as a stored issue, but a different source."""

    def __init__(self, existing_issue_id: int, label: str, existing_source_name: str):
        self.existing_issue_id = existing_issue_id
        self.label = label
        super().__init__(
            f"资料库中已有《{label}》（来源：{existing_source_name or '未知'}），"
            f"内容与本文件不同。如确要以新文件替换，请选择“替换”。"
            f" / The library already holds {label} (issue {existing_issue_id}, from "
            f"{existing_source_name or 'unknown'}) with a different source; "
            f"import with replace=True to replace it."
        )


class ConflictError(LibraryError):
    """A save based on an outdated version.

    Nothing is lost: the text that could not become current was stored as
    revision ``conflict_revision_id`` (note "conflict"); the text that is
    current is ``current_revision_id``.
    """

    def __init__(
        self,
        segment_id: int,
        expected_version: int,
        actual_version: int,
        current_revision_id: int,
        conflict_revision_id: int | None,
    ):
        self.segment_id = segment_id
        self.expected_version = expected_version
        self.actual_version = actual_version
        self.current_revision_id = current_revision_id
        self.conflict_revision_id = conflict_revision_id
        kept = (
            f"您的文本已另存为修订 #{conflict_revision_id}，"
            if conflict_revision_id is not None
            else ""
        )
        super().__init__(
            f"该文章已被他人修改（您编辑的是第 {expected_version} 版，当前为第 {actual_version} 版）。"
            f"{kept}请比较两个版本后再保存。"
            f" / Segment {segment_id} changed meanwhile (expected version {expected_version}, "
            f"found {actual_version}); current revision {current_revision_id}, "
            f"your text kept as revision {conflict_revision_id}."
        )


class ServerUnreachable(LibraryError):
    """The library server cannot be reached: the connection was lost (network, server
    stopped or restarted) or no connection could be had in time. Nothing of the failed
    transaction was written. Not a refusal (that is :class:`PermissionRefused`) and not a
    version conflict (:class:`ConflictError`): the same request may succeed later, which
    is what the offline outbox (services/outbox.py) relies on."""

    def __init__(self, detail: str):
        self.detail = detail
        super().__init__(f"无法连接编辑部服务器 / cannot reach the library server: {detail}")


_EDITOR_TABLES = {"revisions", "segments", "toc_entries", "issue_sources", "search_docs",
                  "structure_changes", "pdf_proofs", "store_meta"}


class PermissionRefused(LibraryError):
    """The library server refused an action to this login's role (SQLSTATE 42501): a
    proofreader changing text, anyone but the chief signing off, a signed-off article
    changed. The server's own message is bilingual for our rules; a missing GRANT
    gets the generic explanation."""

    def __init__(self, server_message: str, hint: str = ""):
        self.server_message = server_message
        self.hint = hint
        import re

        m = re.search(r"permission denied for (?:table|relation) (\w+)", server_message)
        table = m.group(1) if m else ""
        if " / " in server_message:  # our triggers word it already
            text = server_message
        elif table in _EDITOR_TABLES:
            text = (
                "服务器拒绝：只有编辑和主编可以修改文字、标题和结构（您的角色是校对） / the library "
                f"server refused: only editors and the chief editor may change text, headers and "
                f"structure ({server_message})"
            )
        elif table == "issues":
            text = (
                "服务器拒绝：只有主编可以删除期刊，编辑可以导入 / the library server refused: only the "
                f"chief editor may delete an issue, editors may import ({server_message})"
            )
        else:
            text = (
                "服务器拒绝：您的角色无权进行此操作（请联系主编或管理员） / the library server "
                f"refused: your role may not do this ({server_message})"
            )
        super().__init__(text)


class DamagedLibraryError(LibraryError):
    """The library file failed SQLite's own check; nothing may be written to it.

    ``problems`` are SQLite's lines (``PRAGMA quick_check`` or ``integrity_check``).
    """

    def __init__(self, path: object, problems: list[str]):
        self.path = path
        self.problems = list(problems)
        first = self.problems[0] if self.problems else "?"
        super().__init__(
            f"资料库已损坏，未作任何写入：{path}（{first}）。请运行 editor-app library recover OUT "
            f"恢复数据，或用 editor-app backup list / backup restore 取回备份"
            f" / The library {path} is damaged ({first}); nothing was written. Recover it with "
            f"`editor-app library recover OUT`, or restore a backup (`editor-app backup list`)."
        )


class NotALibraryFileError(LibraryError):
    """The path names something that is not a regular file (FIFO, device, folder)."""

    def __init__(self, path: object, what: str):
        self.path = path
        super().__init__(
            f"资料库路径不是普通文件（{what}）：{path} / The library path is not a regular file ({what}): {path}"
        )


class LibraryFullError(LibraryError):
    def __init__(self, path: object):
        self.path = path
        super().__init__(
            f"磁盘已满，无法写入资料库 {path}；本次操作已撤销，资料库未改动。请释放磁盘空间后重试"
            f" / The disk holding {path} is full; the operation was undone and the library is "
            f"unchanged. Free some space and try again."
        )


class LibraryReadOnlyError(LibraryError):
    def __init__(self, path: object):
        self.path = path
        super().__init__(
            f"资料库 {path} 是只读的（文件或所在文件夹不可写），未作任何改动。请把它复制到可写的文件夹，"
            f"或用 --db 指定其他资料库 / The library {path} is read-only (the file or its folder "
            f"cannot be written); nothing was changed. Copy it to a writable folder or use --db."
        )


class LibraryLockedError(LibraryError):
    def __init__(self, path: object, waited_s: float):
        self.path = path
        super().__init__(
            f"资料库 {path} 正被另一个程序使用，等待 {waited_s:g} 秒后放弃，未作任何改动。请稍后重试"
            f" / The library {path} stayed locked by another program for {waited_s:g} s; nothing "
            f"was changed. Try again when the other program is done."
        )


class LibraryIOError(LibraryError):
    def __init__(self, path: object, detail: str):
        self.path = path
        super().__init__(
            f"读写资料库 {path} 时发生错误（{detail}），本次操作未完成。请检查磁盘，然后运行 "
            f"editor-app library check / Cannot read or write the library {path} ({detail}); "
            f"the operation did not complete. Check the disk, then run `editor-app library check`."
        )


class NotALibraryError(LibraryError):
    def __init__(self, path: object, detail: str):
        self.path = path
        super().__init__(
            f"无法打开资料库：{path} 不是本程序的资料库，或文件头已损坏（{detail}）。如是损坏的资料库，请运行 "
            f"editor-app library recover OUT / {path} is not a library of this application or its "
            f"header is damaged ({detail}); if it is a damaged library, run `editor-app library recover OUT`."
        )


# SQLite's result messages (sqlite3_errstr) -> what the user reads. The store is the
# layer that speaks SQLite, so the translation of its errors lives here; the CLI and
# the window reach it through editor_app.services.failures.
_FULL = ("database or disk is full", "disk is full")
_READONLY = ("attempt to write a readonly database", "readonly database")
_LOCKED = ("database is locked", "database table is locked")
_DAMAGED = ("database disk image is malformed", "malformed database schema")
_NOT_DB = ("file is not a database", "file is encrypted or is not a database")
_IO = ("disk i/o error", "unable to open database file")


def classify_sqlite(exc: BaseException, path: object, busy_timeout_s: float = 5.0) -> LibraryError | None:
    """A typed, user-facing error for an ``sqlite3.Error`` on library ``path``; None when
    the error is not one of the expected ways a library file fails (a bug: let it show)."""
    if isinstance(exc, LibraryError):
        return exc
    text = str(exc).lower()
    if any(s in text for s in _READONLY + _IO) and _read_only_place(path):
        return LibraryReadOnlyError(path)
    if any(s in text for s in _FULL):
        return LibraryFullError(path)
    if any(s in text for s in _READONLY):
        return LibraryReadOnlyError(path)
    if any(s in text for s in _LOCKED):
        return LibraryLockedError(path, busy_timeout_s)
    if any(s in text for s in _DAMAGED):
        return DamagedLibraryError(path, [str(exc)])
    if any(s in text for s in _NOT_DB):
        return NotALibraryError(path, str(exc))
    if any(s in text for s in _IO):
        return LibraryIOError(path, str(exc))
    return None


def _read_only_place(path: object) -> bool:
    """Whether the library file or its folder cannot be written (a read-only mount, or
    permissions that are not the root user's)."""
    import os

    try:
        target = os.fspath(path)  # type: ignore[arg-type]
    except TypeError:
        return False
    folder = os.path.dirname(os.path.abspath(target)) or "."
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return True
    except (OSError, AttributeError):
        pass
    if os.path.exists(target) and not os.access(target, os.W_OK):
        return True
    return not os.access(folder, os.W_OK)
