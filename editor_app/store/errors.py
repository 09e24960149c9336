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
