"""The article pane: header fields, the body editor, the side view, autosave,
background re-check and the conflict bar — a view of an
:class:`~editor_app.services.edit_session.EditSession`, which holds the state
of the text (edit count, saved state, version, unsaved header fields, conflict,
stored and live findings) without Qt and is tested on its own.

Autosave runs ``settings.autosave_ms`` (1.5 s) after the last keystroke, on
switching article and on closing; the save re-checks the issue in the same
transaction, so stored findings follow the stored text. Header fields are
saved with the text, as one revision.
"""

from __future__ import annotations

import time
from dataclasses import replace

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from editor_app.model import Finding
from editor_app.services import editing, outbox, workspace
from editor_app.services.edit_session import EditSession, SaveRequest

from .. import fonts
from ..session import Session
from .bars import ConflictBar, FindBar
from .editor import BodyEditor
from .header import ArticleHeader
from .live_check import LiveChecker
from .side import SideView

LIVE_DELAY_MS = 250
MAX_UNSAVED_MS = 1800  # continuous typing is saved at least this often (loses < 2 s on a crash)


def fold_case(text: str) -> str:
    """Lower-case letters where that keeps the length (offsets stay valid); CJK is unchanged."""
    if text.isascii():
        return text.lower()
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class ArticlePane(QWidget):
    finding_clicked = Signal(object)  # a Finding clicked in the editor
    article_shown = Signal(object)  # ArticleView
    state_changed = Signal()  # dirty / saving / saved
    compare_requested = Signal(int, int)  # seg_id, conflict revision id

    def __init__(self, session: Session, live: LiveChecker, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("articlePane")
        self.session = session
        self.live = live
        self.edit = EditSession()
        self.header = ArticleHeader()
        self.conflict_bar = ConflictBar()
        self.find_bar = FindBar()
        # a server library: why the text is read-only here (role, sign-off), who else edits it
        self.lock_note = QLabel(objectName="lockNote")
        self.lock_note.setStyleSheet("#lockNote { background:#eef3fb; color:#294a7a; padding:4px 10px; }")
        self.lock_note.hide()
        self.presence_note = QLabel(objectName="presenceNote")
        self.presence_note.setStyleSheet("#presenceNote { background:#fdf0e6; color:#8a4b14; padding:4px 10px; }")
        self.presence_note.hide()
        self.lock_reason = ""
        self.changed_elsewhere = False  # the stored text changed while unsaved typing is here
        self.editor = BodyEditor()
        self.side = SideView()
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setObjectName("articleSplit")
        self.split.addWidget(self.editor)
        self.split.addWidget(self.side)
        self.split.setChildrenCollapsible(False)
        self.side.hide()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.header)
        lay.addWidget(self.conflict_bar)
        lay.addWidget(self.lock_note)
        lay.addWidget(self.presence_note)
        lay.addWidget(self.find_bar)
        lay.addWidget(self.split, 1)

        self.snapshot: editing.CheckSnapshot | None = None
        self._snapshot_for: int | None = None
        self._snapshot_loading = False
        self._find_spans: list[tuple[int, int]] = []
        self._find_index = 0
        self._load_token = 0
        self._dirty_since: float | None = None
        self._raw_editable = True  # the shown segment's own editability (before role locks)

        self.autosave = QTimer(self)
        self.autosave.setSingleShot(True)
        self.autosave.timeout.connect(self.save_now)
        self.live_timer = QTimer(self)
        self.live_timer.setSingleShot(True)
        self.live_timer.setInterval(LIVE_DELAY_MS)
        self.live_timer.timeout.connect(self._request_live)

        self.editor.edited.connect(self._on_edited)
        self.editor.finding_clicked.connect(self.finding_clicked)
        self.header.title_edited.connect(self._on_title_edited)
        self.header.meta_edited.connect(self._on_meta_edited)
        self.live.ready.connect(self._on_live)
        self.conflict_bar.keep_mine.connect(self.keep_mine)
        self.conflict_bar.take_theirs.connect(self.take_theirs)
        self.conflict_bar.compare.connect(self._compare)
        self.find_bar.query_changed.connect(self._find)
        self.find_bar.step.connect(self._find_step)
        self.find_bar.closed.connect(self._find_closed)
        self.side.revision_wanted.connect(self._diff_with)
        self.session.changed.connect(self._on_changed)
        self.session.whoami_changed.connect(lambda _who: self.apply_lock())
        self.session.presence_changed.connect(self.show_presence)
        self.state_changed.connect(lambda: self.session.set_editing(self.seg_id, self.is_dirty()))
        self.apply_font_size(session.settings.font_size)
        self.setEnabled(False)

    # -- state (kept by the edit session) ------------------------------------------------

    @property
    def view(self) -> editing.ArticleView | None:
        return self.edit.view

    @property
    def seg_id(self) -> int | None:
        return self.edit.seg_id

    @property
    def conflict(self) -> editing.Conflict | None:
        return self.edit.conflict

    @property
    def saving(self) -> bool:
        return self.edit.saving

    @property
    def saves(self) -> int:
        return self.edit.saves

    @property
    def dropped_stale(self) -> int:
        return self.edit.dropped_stale

    @property
    def stored(self) -> list[Finding]:
        return self.edit.stored

    @property
    def shown(self) -> list[Finding]:
        return self.edit.shown

    def is_dirty(self) -> bool:
        return self.edit.is_dirty()

    def apply_font_size(self, size: int) -> None:
        self.editor.setFont(fonts.editor_font(size))
        self.side.browser.setFont(fonts.editor_font(max(size - 1, 9)))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange and self.view is not None:
            self.header.set_revision(self.view.revision_number, self.is_dirty())
        super().changeEvent(event)

    # -- loading ---------------------------------------------------------------------

    def load(self, seg_id: int, then=None) -> None:
        """Show an article (saving the one being edited first)."""
        self.flush()
        self._load_token += 1
        token = self._load_token

        def fetch(ctx):
            view = editing.load_article(ctx.lib, seg_id)
            return view, workspace.findings_of(ctx.lib, view.issue_id, seg_id), editing.revisions(ctx.lib, seg_id)

        def done(result) -> None:
            if token != self._load_token:
                return  # a newer load was asked for
            view, findings, revs = result
            self._show(view, findings, revs)
            if then is not None:
                then()

        self.session.read(fetch, done)

    def _locked_view(self, view: editing.ArticleView) -> editing.ArticleView:
        """The view as this login may use it: not editable where the server would refuse."""
        self.lock_reason = self.session.text_lock(view.review_status) if view.editable else ""
        return replace(view, editable=False) if self.lock_reason else view

    def apply_lock(self) -> None:
        """Role or review status changed: the editor follows (read-only, with the reason)."""
        if self.edit.view is None:
            self.lock_note.hide()
            return
        raw = self._raw_editable
        view = self._locked_view(replace(self.edit.view, editable=raw))
        self.edit.view = view
        self.editor.setReadOnly(not view.editable)
        self.header.show_article(view)
        self.lock_note.setText("🔒 " + self.lock_reason if self.lock_reason else "")
        self.lock_note.setVisible(bool(self.lock_reason))

    def show_presence(self) -> None:
        names = self.session.editors_of(self.seg_id)
        lines = [self.tr("{0} 正在编辑此文").format("、".join(names))] if names else []
        if self.changed_elsewhere:
            lines.append(self.tr("有人修改了此文：保存时两份文本都会保留，可比较后选择"))
        self.presence_note.setText("\n".join(lines))
        self.presence_note.setVisible(bool(lines))

    def _show(self, view: editing.ArticleView, findings: list[Finding], revs) -> None:
        self.autosave.stop()
        self.live_timer.stop()
        self.conflict_bar.hide()
        self._dirty_since = None
        self.changed_elsewhere = False
        self._raw_editable = view.editable
        view = self._locked_view(view)
        self.lock_note.setText("🔒 " + self.lock_reason if self.lock_reason else "")
        self.lock_note.setVisible(bool(self.lock_reason))
        self.header.show_article(view)
        self.editor.set_text(view.text)
        self.editor.setReadOnly(not view.editable)
        self.edit.load(view, findings)
        self.editor.set_findings(self.edit.shown)
        self.side.set_article(view.source_text, revs)
        self.setEnabled(True)
        if self.find_bar.isVisible():
            self._find(self.find_bar.edit.text())
        self._ensure_snapshot(view.issue_id)
        self.show_presence()
        self.article_shown.emit(view)
        self.state_changed.emit()

    def clear(self) -> None:
        self.flush()
        self.edit.clear()
        self.editor.set_text("")
        self.setEnabled(False)

    # -- findings ----------------------------------------------------------------------

    def reload_findings(self) -> None:
        if self.view is None:
            return
        seg, issue, rev = self.view.seg_id, self.view.issue_id, self.edit.saved_rev

        def done(findings) -> None:
            if self.seg_id == seg:
                self.editor.set_findings(self.edit.set_stored(findings, rev))

        self.session.read(lambda ctx: workspace.findings_of(ctx.lib, issue, seg), done)

    def select_finding(self, f: Finding) -> None:
        """Select a finding's text (the one shown for it, if the text moved)."""
        shown = next(
            (g for g in self.shown if (f.id is not None and g.id == f.id)
             or (g.rule == f.rule and g.fingerprint == f.fingerprint)),
            f,
        )
        self.editor.select_span(shown.start, shown.end, current=shown)
        self.editor.setFocus()

    def current_finding(self) -> Finding | None:
        return self.editor.current

    # -- editing -----------------------------------------------------------------------

    def _on_edited(self, pos: int, removed: int, added: int) -> None:
        self.edit.edited(pos, removed, added)
        self.editor.set_findings(self.edit.shown)
        self._touched()
        self.live_timer.start()
        if self.find_bar.isVisible():
            self._find(self.find_bar.edit.text(), keep=True)

    def _on_title_edited(self, text: str) -> None:
        self.edit.header_edited(title=text)
        self._touched()

    def _on_meta_edited(self, meta: dict) -> None:
        if self.view is None:
            return
        self.edit.header_edited(subtitle=meta["subtitle"], authors=list(meta["authors"]),
                                page=meta["page"] or None)
        self.save_now()  # a field left: saved at once, as a revision with the text

    def _touched(self) -> None:
        """An unsaved edit: save once typing pauses (debounce), and at the latest
        ``MAX_UNSAVED_MS`` after the first unsaved keystroke while typing goes on."""
        now = time.monotonic()
        if self._dirty_since is None:
            self._dirty_since = now
        waited_ms = (now - self._dirty_since) * 1000
        left = MAX_UNSAVED_MS - waited_ms
        if left <= 0:
            self.save_now()
        else:
            self.autosave.start(int(min(self.session.settings.autosave_ms, left)))
        if self.view is not None:
            self.header.set_revision(self.view.revision_number, self.is_dirty())
        self.state_changed.emit()

    # -- saving ------------------------------------------------------------------------

    def flush(self) -> None:
        """Save now if there is anything unsaved (switching article, closing, before a fix)."""
        self.autosave.stop()
        if self.is_dirty():
            self.save_now()

    def save_now(self) -> None:
        req = self.edit.begin_save(self.editor.text())
        if req is None:
            return
        self._dirty_since = None  # edits from now on start a new wait
        user = self.session.user

        box = self.session.outbox  # a server library: offline, the save waits in the outbox

        def save(ctx):
            return outbox.save(ctx.lib, box, req.seg_id, req.text, user, req.version,
                               header=req.header, issue_id=req.issue_id)

        self.session.write(save, success=lambda res: self._saved(req, res),
                           failure=lambda exc: self._save_failed(req, exc), origin=self)
        self.state_changed.emit()

    def _saved(self, req: SaveRequest, res: editing.SaveResult) -> None:
        out = self.edit.saved(req, res)
        if self.changed_elsewhere and req.seg_id == self.seg_id:
            self.changed_elsewhere = False  # the save met the change: the conflict bar says the rest
            self.show_presence()
        if out.other_article:
            return  # saved on leaving the article
        if out.conflict is not None:
            self.conflict_bar.show_conflict(out.conflict.message)
        elif out.changed:
            self.reload_findings()
            self._snapshot_for = None  # the issue model changed
            if self.side.isVisible():
                self.refresh_revisions()
        if self.view is not None:
            self.header.set_revision(self.view.revision_number, self.is_dirty())
        self.state_changed.emit()
        if out.save_again:
            self.save_now()

    def _save_failed(self, req: SaveRequest, exc: BaseException) -> bool:
        box = self.session.outbox
        if box is not None and isinstance(exc, outbox.ServerUnreachable) and req.text is not None:
            # the library could not even be opened (the window started offline): queue here
            try:
                res = outbox.save(None, box, req.seg_id, req.text, self.session.user, req.version,
                                  header=req.header, issue_id=req.issue_id)
            except Exception:  # noqa: BLE001 - the outbox file failed too: the text stays unsaved
                res = None
            if res is not None:
                self._saved(req, res)
                return True
        self.edit.save_failed(req)
        if self.seg_id == req.seg_id:
            self.autosave.start(max(self.session.settings.autosave_ms, 1000))  # retry later
        self.state_changed.emit()
        return False  # the runner reports the error

    # -- conflicts ---------------------------------------------------------------------

    def keep_mine(self) -> None:
        if self.view is None:
            return
        seg = self.view.seg_id
        text, user = self.editor.text(), self.session.user
        title = self.header.title.text()
        self.autosave.stop()
        req = SaveRequest(seg, self.view.issue_id, text, self.edit.rev, self.edit.version)
        self.edit.saving = True

        def done(res: editing.SaveResult) -> None:
            self.conflict_bar.hide()
            self.edit.resolved_conflict()
            self._saved(req, res)

        self.session.write(lambda ctx: editing.keep_mine(ctx.lib, seg, text, user, title),
                           success=done, failure=lambda exc: self._save_failed(req, exc), origin=self)

    def take_theirs(self) -> None:
        if self.view is None:
            return
        self.autosave.stop()
        self.edit.resolved_conflict()
        self.conflict_bar.hide()
        self.edit.saved_rev = self.edit.rev
        self.edit.header = {}
        self.load(self.view.seg_id)

    def _compare(self) -> None:
        if self.view is not None and self.conflict is not None and self.conflict.conflict_revision_id:
            self.compare_requested.emit(self.view.seg_id, self.conflict.conflict_revision_id)

    # -- changes made elsewhere ----------------------------------------------------------

    def _on_changed(self, changes, origin: object) -> None:
        if origin is self or self.view is None:
            return
        seg, issue = self.view.seg_id, self.view.issue_id
        if changes.settings or changes.allowlist:
            self._snapshot_for = None
        if changes.text_of(issue, seg) or (changes.structure and changes.concerns(issue, seg)):
            self._snapshot_for = None
            self._reload_text()
        elif changes.findings_of(issue, seg):
            self.reload_findings()
        if changes.review and changes.concerns(issue, seg):
            self._reload_header()

    def _reload_text(self) -> None:
        """The stored article changed elsewhere (a fix, a restore, a header edit): follow
        it unless unsaved typing is pending — then the next save reports the conflict."""
        seg = self.view.seg_id

        def fetch(ctx):
            view = editing.load_article(ctx.lib, seg)
            return view, workspace.findings_of(ctx.lib, view.issue_id, seg), editing.revisions(ctx.lib, seg)

        def done(result) -> None:
            view, findings, revs = result
            if not self.edit.can_follow(view):
                if self.seg_id == seg and not self.is_dirty():
                    self.editor.set_findings(self.edit.set_stored(findings, self.edit.rev))
                elif self.seg_id == seg and view.version != self.edit.version:
                    # changed elsewhere while typed here: said now; the save keeps both texts
                    self.changed_elsewhere = True
                    self.show_presence()
                return
            self._raw_editable = view.editable
            view = self._locked_view(view)
            self.editor.replace_text(view.text)  # one undoable step: Ctrl+Z takes it back
            self.edit.followed(view, findings)
            self.editor.setReadOnly(not view.editable)
            self.lock_note.setText("🔒 " + self.lock_reason if self.lock_reason else "")
            self.lock_note.setVisible(bool(self.lock_reason))
            self.autosave.stop()
            self.header.show_article(view)
            self.editor.set_findings(self.edit.shown)
            self.side.set_article(view.source_text, revs)
            self.state_changed.emit()

        self.session.read(fetch, done)

    def _reload_header(self) -> None:
        seg = self.view.seg_id

        def done(view: editing.ArticleView) -> None:
            if self.seg_id == seg and self.view is not None:
                self.view.review_status, self.view.review_by = view.review_status, view.review_by
                self.view.review_at, self.view.review_label = view.review_at, view.review_label
                self.header.set_review(view.review_status, view.review_by, view.review_at)
                if self.session.text_lock(view.review_status) != self.lock_reason:
                    self.apply_lock()  # signed off or reopened (maybe at another desk)
                self.article_shown.emit(self.view)

        self.session.read(lambda ctx: editing.load_article(ctx.lib, seg), done)

    # -- live check ------------------------------------------------------------------------

    def _ensure_snapshot(self, issue_id: int) -> None:
        if self._snapshot_for == issue_id or self._snapshot_loading:
            return
        self._snapshot_loading = True

        def done(snap) -> None:
            self._snapshot_loading = False
            self.snapshot = snap
            self._snapshot_for = issue_id
            if self.is_dirty():
                self._request_live()

        def failed(_exc) -> bool:
            self._snapshot_loading = False
            return True  # live underlines are a convenience; stored findings still show

        self.session.read(lambda ctx: editing.check_snapshot(ctx.lib, issue_id), done, failure=failed)

    def _request_live(self) -> None:
        if self.view is None or not self.view.editable:
            return
        if self.snapshot is None or self._snapshot_for != self.view.issue_id:
            self._ensure_snapshot(self.view.issue_id)
            if self.snapshot is None or self.snapshot.issue_id != self.view.issue_id:
                return
        self.live.request(self.snapshot, self.view.seg_id, self.editor.text(), self.edit.rev)

    def _on_live(self, seg_id: int, rev: int, findings: list[Finding]) -> None:
        issue_rules = self.snapshot.issue_rules if self.snapshot else frozenset()
        if self.edit.live(seg_id, rev, findings, issue_rules):
            self.editor.set_findings(self.edit.shown)

    # -- find in the article -------------------------------------------------------------

    def show_find(self) -> None:
        sel = self.editor.textCursor().selectedText().replace("\u2029", "\n")
        self.find_bar.open_bar(sel if sel and "\n" not in sel else "")

    def _find(self, query: str, keep: bool = False) -> None:
        text = self.editor.text()
        spans: list[tuple[int, int]] = []
        if query:
            t, q = fold_case(text), fold_case(query)
            i = t.find(q)
            while i >= 0 and len(spans) < 5000:
                spans.append((i, i + len(q)))
                i = t.find(q, i + max(len(q), 1))
        self._find_spans = spans
        if not keep:
            cursor = self.editor.pos_map().to_py(self.editor.textCursor().selectionStart())
            self._find_index = next((k for k, (s, _e) in enumerate(spans) if s >= cursor), 0)
        self._find_index = min(self._find_index, max(len(spans) - 1, 0))
        self.editor.set_search_spans(spans)
        self.find_bar.set_count(self._find_index, len(spans))
        if spans and not keep:
            s, e = spans[self._find_index]
            self.editor.select_span(s, e)

    def _find_step(self, step: int) -> None:
        if not self._find_spans:
            return
        self._find_index = (self._find_index + step) % len(self._find_spans)
        s, e = self._find_spans[self._find_index]
        self.editor.select_span(s, e)
        self.find_bar.set_count(self._find_index, len(self._find_spans))

    def _find_closed(self) -> None:
        self._find_spans = []
        self.editor.set_search_spans([])
        self.editor.setFocus()

    def select_text_span(self, start: int, end: int) -> None:
        self.editor.select_span(start, end)
        self.editor.setFocus()

    # -- side view ---------------------------------------------------------------------

    def set_side_visible(self, visible: bool) -> None:
        self.side.setVisible(visible)
        if visible and sum(self.split.sizes()) > 0 and self.split.sizes()[1] == 0:
            w = self.split.width()
            self.split.setSizes([w // 2, w - w // 2])

    def _diff_with(self, rev_id: int) -> None:
        text = self.editor.text()
        self.session.read(
            lambda ctx: editing.diff_with_text(ctx.lib, rev_id, text),
            lambda d: self.side.show_diff(rev_id, d.chunks),
        )

    def refresh_revisions(self) -> None:
        if self.view is None:
            return
        seg = self.view.seg_id

        def done(revs) -> None:
            if self.seg_id == seg and self.view is not None:
                self.side.set_article(self.view.source_text, revs)

        self.session.read(lambda ctx: editing.revisions(ctx.lib, seg), done)
