"""Offline without loss: saves made while the library server is unreachable wait in a
local outbox and are sent, in order, through the same version check when it is back.

No Qt here. The window keeps one :class:`Outbox` per server library (none for a local
library) and routes the article editor's saves through :func:`save`; its timer asks
:meth:`Outbox.due` and runs :func:`flush` on the worker.

* A save that fails because the server cannot be reached
  (:class:`~editor_app.store.ServerUnreachable`) is queued with the version it was
  typed on; the caller gets a :class:`~editor_app.services.editing.SaveResult` with
  ``queued=True`` (the text is safe on this computer, the view shows it as pending).
* A refusal by the server (:class:`~editor_app.store.PermissionRefused`: a
  proofreader's role, a signed-off article) is never queued: it is raised as online.
  A version conflict is not an offline matter either: both texts are kept at once.
* While anything is queued, new saves queue behind it (after one attempt to send the
  queue when a retry is due), so the server receives them in the order they were made.
* :func:`flush` sends the queue oldest first with ``editing.save_article``: a save whose
  base version is still current becomes a revision; otherwise it is stored as a
  "conflict" revision, exactly as an online conflict (both texts kept). Saves of one
  article queued on the same base are chained: the second is sent on the version the
  first produced (``OutboxFile.rebased``), not reported as a conflict with itself.
* Retries back off: 1, 2, 4, 8, then every 10 s while the server stays away.
* Fixes and dismissals are refused offline (``editing.OfflineRefusal``), not queued.
* The queue is a file (store/outbox.py): closing the app offline keeps it, and the
  next start sends it. A save the server refuses when it is sent (the article was
  signed off meanwhile) stays in the file, marked, and is reported, never dropped.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from editor_app.store import ConflictError, Library, PermissionRefused, ServerUnreachable
from editor_app.store.outbox import OutboxFile, QueuedSave
from editor_app.store.pg_backend import is_server_dsn, redact

from . import editing
from .changes import NO_CHANGES, OpChanges
from .issues import UserError

__all__ = ["Outbox", "ServerUnreachable", "flush", "open_for", "outbox_path", "save", "set_header"]

BACKOFF_S = (1.0, 2.0, 4.0, 8.0, 10.0)  # seconds between attempts while the server stays away


def outbox_path(folder: str | Path, dsn: str) -> Path:
    """The outbox file of the server library ``dsn`` in ``folder`` (beside the user's
    settings): one per library, named by a hash of the DSN without its password."""
    key = hashlib.sha256(redact(str(dsn).strip()).encode("utf-8")).hexdigest()[:16]
    return Path(folder) / "outbox" / f"outbox-{key}.sqlite"


def open_for(folder: str | Path, db: object) -> Outbox | None:
    """The outbox of library ``db`` when it is a server library (None: a local library,
    which is never offline)."""
    if not is_server_dsn(db):
        return None
    return Outbox.for_library(folder, str(db).strip())


class Outbox:
    """The queue of one server library plus what the sender knows of the connection."""

    def __init__(self, path: str | Path, library: str = "", clock=time.monotonic,
                 backoff: tuple[float, ...] = BACKOFF_S):
        self.file = OutboxFile(path, redact(library) if library else "")
        self.backoff = backoff
        self.file.forget_rebased()
        self._clock = clock
        self._lock = threading.Lock()
        self.offline = False
        self.failures = 0
        self.next_try = 0.0

    @classmethod
    def for_library(cls, folder: str | Path, dsn: str) -> Outbox:
        return cls(outbox_path(folder, dsn), dsn)

    def close(self) -> None:
        self.file.close()

    # -- what the window shows ----------------------------------------------------------

    def pending(self) -> int:
        return self.file.count(waiting=True)

    def refused(self) -> list[QueuedSave]:
        return self.file.saves(waiting=False)

    def discard_refused(self, save_id: int) -> bool:
        """Drop a refused save, once its text has been copied elsewhere (the window's
        未能发送的保存 dialog). A waiting save cannot be dropped."""
        return self.file.discard(save_id)

    # -- the connection, as the last attempt found it ------------------------------------

    def went_offline(self) -> None:
        with self._lock:
            self.offline = True
            delay = self.backoff[min(self.failures, len(self.backoff) - 1)]
            self.failures += 1
            self.next_try = self._clock() + delay

    def came_online(self) -> None:
        with self._lock:
            self.offline = False
            self.failures = 0
            self.next_try = 0.0

    def retry_now(self) -> None:
        """Someone saw the server answer again (the window's change listener reconnected):
        the next attempt need not wait for the back-off delay."""
        with self._lock:
            self.next_try = 0.0

    def due(self) -> bool:
        """Whether to try the server now: online, or the back-off delay has passed."""
        with self._lock:
            return not self.offline or self._clock() >= self.next_try

    def before_retry(self, lib: Library) -> None:
        """About to try the server again after it was unreachable: a fresh connection pool
        (the old one's own reconnection attempts may be minutes apart by now)."""
        if self.offline:
            lib.reconnect()

    def retry_in(self) -> float:
        with self._lock:
            return max(0.0, self.next_try - self._clock()) if self.offline else 0.0

    # -- queueing -----------------------------------------------------------------------

    def queue(self, seg_id: int, issue_id: int | None, text: str | None, header: dict[str, Any],
              base_version: int | None, author: str, note: str) -> QueuedSave:
        return self.file.add(seg_id, issue_id, text, dict(header), base_version, author, note)

    def expected_version(self, seg_id: int, version: int | None) -> int | None:
        """The server version the editor's base ``version`` stands for now (after this
        desk's queued saves on it were sent), else ``version``."""
        known, to = self.file.rebased(seg_id, version)
        return to if known and to is not None else version


def _queued_result(seg_id: int, issue_id: int | None, version: int | None, pending: int) -> editing.SaveResult:
    return editing.SaveResult(
        seg_id, issue_id if issue_id is not None else 0, version if version is not None else 0,
        None, False, None, False, NO_CHANGES, queued=True, pending=pending,
    )


def save(
    lib: Library | None,
    outbox: Outbox | None,
    seg_id: int,
    text: str | None,
    author: str,
    expected_version: int | None,
    *,
    header: dict[str, Any] | None = None,
    note: str = "edit",
    issue_id: int | None = None,
    check: bool = True,
) -> editing.SaveResult:
    """``editing.save_article`` with the offline branch: queued when the server cannot be
    reached (``lib`` None: the library could not even be opened), or while earlier saves
    still wait. Without an outbox (a local library) it is ``save_article`` itself."""
    if outbox is None:
        assert lib is not None
        return editing.save_article(lib, seg_id, text, author, expected_version, check=check,
                                    note=note, header=header)
    header = dict(header or {})

    def queue() -> editing.SaveResult:
        outbox.queue(seg_id, issue_id, text, header, expected_version, author, note)
        return _queued_result(seg_id, issue_id, expected_version, outbox.pending())

    if lib is None:  # no attempt was made here: the retry already planned stays as it is
        if not outbox.offline:
            outbox.went_offline()
        return queue()
    if outbox.pending():
        if not outbox.due():
            return queue()
        flush(lib, outbox, check=check)
        if outbox.pending():
            return queue()
    if not outbox.due():
        return queue()  # offline, and the next attempt is not due yet: do not wait for the server
    outbox.before_retry(lib)
    try:
        res = editing.save_article(lib, seg_id, text, author, outbox.expected_version(seg_id, expected_version),
                                   check=check, note=note, header=header)
    except ServerUnreachable:
        outbox.went_offline()
        return queue()
    outbox.came_online()
    return res


def set_header(lib: Library | None, outbox: Outbox | None, seg_id: int, author: str,
               expected_version: int | None = None, issue_id: int | None = None,
               **fields: Any) -> editing.SaveResult:
    """``editing.set_header`` with the offline branch."""
    return save(lib, outbox, seg_id, None, author, expected_version, header=fields, note="header",
                issue_id=issue_id)


# -- sending ----------------------------------------------------------------------------


@dataclass
class SentSave:
    save: QueuedSave
    result: editing.SaveResult | None  # None: kept as a conflict revision by the fallback
    conflict: editing.Conflict | None = None


@dataclass
class FlushReport:
    sent: list[SentSave] = field(default_factory=list)
    refused: list[tuple[QueuedSave, str]] = field(default_factory=list)
    remaining: int = 0
    offline: bool = False  # stopped: the server went away again
    changes: OpChanges = NO_CHANGES

    @property
    def conflicts(self) -> list[SentSave]:
        return [s for s in self.sent if s.conflict is not None or s.result is None]

    def message(self) -> str:
        """One line for the status bar ('' when nothing happened)."""
        if not self.sent and not self.refused:
            return ""
        parts = [f"离线保存的 {len(self.sent)} 次修改已发送到服务器"]
        en = [f"{len(self.sent)} offline saves sent to the server"]
        if self.conflicts:
            nos = "、".join(
                f"#{s.conflict.conflict_number}" for s in self.conflicts
                if s.conflict is not None and s.conflict.conflict_number is not None
            )
            parts.append(f"其中 {len(self.conflicts)} 次因文章已被他人修改而另存为冲突修订{nos}，两份文本均已保存")
            en.append(f"{len(self.conflicts)} kept as conflict revisions (the article changed meanwhile)")
        if self.refused:
            parts.append(f"{len(self.refused)} 次被服务器拒绝，文本仍保存在本机")
            en.append(f"{len(self.refused)} refused by the server, kept on this computer")
        if self.remaining:
            parts.append(f"还有 {self.remaining} 次待发送")
            en.append(f"{self.remaining} still pending")
        return "；".join(parts) + " / " + "; ".join(en)


def _keep_as_conflict(lib: Library, q: QueuedSave) -> None:
    """The service refused the queued save for a reason of its own (the article was
    retired meanwhile, a header field no longer valid): keep the text as a "conflict"
    revision (sent on version 0, which no article has), so it is in the history."""
    try:
        lib.save_text(q.segment_id, q.text, q.author, expected_version=0, note="conflict")
    except ConflictError:
        pass  # stored: the conflict revision is committed before the error is raised


def flush(lib: Library, outbox: Outbox, check: bool = True, limit: int | None = None) -> FlushReport:
    """Send the queued saves, oldest first, until the queue is empty, the server goes
    away again (``offline``) or ``limit`` saves were sent."""
    report = FlushReport()
    changes = NO_CHANGES
    if outbox.file.first() is not None:
        outbox.before_retry(lib)
    n = 0
    while limit is None or n < limit:
        q = outbox.file.first()
        if q is None:
            break
        expected = outbox.expected_version(q.segment_id, q.base_version)
        res: editing.SaveResult | None = None
        try:
            try:
                res = editing.save_article(lib, q.segment_id, q.text, q.author, expected, check=check,
                                           note=q.note, header=q.header)
            except UserError:
                _keep_as_conflict(lib, q)
        except ServerUnreachable:
            outbox.file.attempted(q.id)
            outbox.went_offline()
            report.offline = True
            break
        except PermissionRefused as exc:
            outbox.file.refuse(q.id, str(exc))
            report.refused.append((q, str(exc)))
            continue
        n += 1
        outbox.came_online()
        if res is None:
            outbox.file.sent(q.id, q.segment_id, q.base_version, None)
            report.sent.append(SentSave(q, None))
            changes = changes | OpChanges.of(q.issue_id, [q.segment_id], text=True)
            continue
        outbox.came_online()
        if res.conflict is not None:
            outbox.file.sent(q.id, q.segment_id, q.base_version, None)
        else:
            outbox.file.sent(q.id, q.segment_id, q.base_version, res.version)
        report.sent.append(SentSave(q, res, res.conflict))
        changes = changes | (res.changes if res.conflict is None else
                             OpChanges.of(res.issue_id, [q.segment_id], text=True))
    report.remaining = outbox.pending()
    report.changes = changes
    return report
