"""The article pane: header fields, the body editor, the side view, autosave,
background re-check and the conflict bar.

State of the text:

* ``editor.text_rev`` counts edits; ``saved_rev`` is the revision last stored
  (a save carries the revision it started from). Dirty = they differ, or the
  title was edited.
* ``version`` is the article's stored version this text is based on; a save
  passes it, and a conflict (someone else saved meanwhile) keeps both texts
  and shows the conflict bar — never a silent overwrite.
* ``stored`` are the library's findings for the article, valid for the text
  at revision ``stored_rev``; the edits made since (``_edits``) shift their
  spans. The live check's results replace the article rules' findings for the
  revision they were computed for, and are dropped when stale.

Autosave runs ``settings.autosave_ms`` (1.5 s) after the last keystroke, on
switching article and on closing; the save op also re-checks the issue, so
stored findings follow the stored text.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from editor_app.model import Finding
from editor_app.services import editing, workspace

from .. import fonts
from ..ops import FINDINGS, META, TEXT, Changes
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
        self.header = ArticleHeader()
        self.conflict_bar = ConflictBar()
        self.find_bar = FindBar()
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
        lay.addWidget(self.find_bar)
        lay.addWidget(self.split, 1)

        self.view: editing.ArticleView | None = None
        self.version = 0
        self.saved_rev = 0
        self.title_dirty = False
        self.saving = False
        self.save_again = False
        self.conflict: editing.Conflict | None = None
        self.stored: list[Finding] = []
        self.stored_rev = 0
        self.shown: list[Finding] = []
        self._edits: list[tuple[int, int, int, int]] = []  # (text_rev after, pos, removed, added)
        self.snapshot: editing.CheckSnapshot | None = None
        self._snapshot_for: int | None = None
        self._snapshot_loading = False
        self.dropped_stale = 0  # live results dropped because the text moved on (tests read it)
        self.saves = 0  # completed saves (tests and the crash test read it)
        self._find_spans: list[tuple[int, int]] = []
        self._find_index = 0
        self._load_token = 0
        self._dirty_since: float | None = None

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
        self.apply_font_size(session.settings.font_size)
        self.setEnabled(False)

    # -- state -----------------------------------------------------------------------

    @property
    def seg_id(self) -> int | None:
        return self.view.seg_id if self.view else None

    def is_dirty(self) -> bool:
        return self.view is not None and (self.editor.text_rev != self.saved_rev or self.title_dirty)

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

    def _show(self, view: editing.ArticleView, findings: list[Finding], revs) -> None:
        self.autosave.stop()
        self.live_timer.stop()
        self.view = view
        self.version = view.version
        self.conflict = None
        self.conflict_bar.hide()
        self.title_dirty = False
        self._dirty_since = None
        self.header.show_article(view)
        self.editor.set_text(view.text)
        self.editor.setReadOnly(not view.editable)
        self.saved_rev = self.editor.text_rev
        self._edits = []
        self._set_stored(findings, self.editor.text_rev)
        self.side.set_article(view.source_text, revs)
        self.setEnabled(True)
        if self.find_bar.isVisible():
            self._find(self.find_bar.edit.text())
        self._ensure_snapshot(view.issue_id)
        self.article_shown.emit(view)
        self.state_changed.emit()

    def clear(self) -> None:
        self.flush()
        self.view = None
        self.editor.set_text("")
        self.setEnabled(False)

    # -- findings ----------------------------------------------------------------------

    def _shift_since(self, findings: list[Finding], rev: int) -> list[Finding]:
        for r, pos, removed, added in self._edits:
            if r > rev:
                findings = editing.shift_findings(findings, pos, removed, added)
        return findings

    def _set_stored(self, findings: list[Finding], rev: int) -> None:
        """Library findings for the text at revision ``rev``; shown shifted to the current text."""
        self.stored = self._shift_since(findings, rev)
        self.stored_rev = self.editor.text_rev
        self.shown = list(self.stored)
        self.editor.set_findings(self.shown)

    def reload_findings(self) -> None:
        if self.view is None:
            return
        seg, issue, rev = self.view.seg_id, self.view.issue_id, self.saved_rev

        def done(findings) -> None:
            if self.seg_id == seg:
                self._set_stored(findings, rev)

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
        rev = self.editor.text_rev
        self._edits.append((rev, pos, removed, added))
        self.stored = editing.shift_findings(self.stored, pos, removed, added)
        self.stored_rev = rev
        self.shown = editing.shift_findings(self.shown, pos, removed, added)
        self.editor.set_findings(self.shown)
        self._touched()
        self.live_timer.start()
        if self.find_bar.isVisible():
            self._find(self.find_bar.edit.text(), keep=True)

    def _on_title_edited(self, _text: str) -> None:
        self.title_dirty = True
        self._touched()

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
            self.header.set_revision(self.view.revision_number, True)
        self.state_changed.emit()

    def _on_meta_edited(self, meta: dict) -> None:
        if self.view is None:
            return
        seg, issue = self.view.seg_id, self.view.issue_id
        self.session.write(
            lambda ctx: editing.set_article_meta(ctx.lib, seg, subtitle=meta["subtitle"],
                                                 authors=meta["authors"], page=meta["page"]),
            Changes.of(META, issue_id=issue, segments=[seg]),
            origin=self,
        )

    # -- saving ------------------------------------------------------------------------

    def flush(self) -> None:
        """Save now if there is anything unsaved (switching article, closing, before a fix)."""
        self.autosave.stop()
        if self.is_dirty():
            self.save_now()

    def save_now(self) -> None:
        if self.view is None or not self.view.editable or not self.is_dirty():
            return
        if self.saving:
            self.save_again = True
            return
        self.saving = True
        self._dirty_since = None  # edits from now on start a new wait
        seg, issue = self.view.seg_id, self.view.issue_id
        text, rev = self.editor.text(), self.editor.text_rev
        title = self.header.title.text() if self.title_dirty else None
        self.title_dirty = False
        version, user = self.version, self.session.user

        def save(ctx):
            return editing.save_article(ctx.lib, seg, text, user, version, title=title, check=True)

        def changes(res: editing.SaveResult) -> Changes:
            kinds = (TEXT, FINDINGS) if res.changed else ()
            return Changes.of(*kinds, issue_id=issue, segments=[seg])

        self.session.write(save, changes, success=lambda res: self._saved(seg, rev, res),
                           failure=lambda exc: self._save_failed(seg, exc), origin=self)
        self.state_changed.emit()

    def _saved(self, seg: int, rev: int, res: editing.SaveResult) -> None:
        self.saving = False
        self.saves += 1
        if self.seg_id != seg:
            return  # saved on leaving the article
        self.saved_rev = max(self.saved_rev, rev)
        self._edits = [e for e in self._edits if e[0] > rev]
        if res.conflict is not None:
            self.conflict = res.conflict
            self.conflict_bar.show_conflict(res.conflict.message)
        else:
            self.version = res.version
            if res.revision is not None and self.view is not None:
                self.view.revision_number = res.revision.number
            if res.changed:
                self.reload_findings()
                self._snapshot_for = None  # the issue model changed
                if self.side.isVisible():
                    self.refresh_revisions()
        if self.view is not None:
            self.header.set_revision(self.view.revision_number, self.is_dirty())
        self.state_changed.emit()
        if self.save_again:
            self.save_again = False
            self.save_now()

    def _save_failed(self, seg: int, _exc: BaseException) -> bool:
        self.saving = False
        self.save_again = False
        if self.seg_id == seg:
            self.autosave.start(max(self.session.settings.autosave_ms, 1000))  # retry later
        self.state_changed.emit()
        return False  # the runner reports the error

    # -- conflicts ---------------------------------------------------------------------

    def keep_mine(self) -> None:
        if self.view is None:
            return
        seg, issue = self.view.seg_id, self.view.issue_id
        text, rev, user = self.editor.text(), self.editor.text_rev, self.session.user
        title = self.header.title.text()
        self.autosave.stop()

        def done(res: editing.SaveResult) -> None:
            self.conflict_bar.hide()
            self.conflict = None
            self._saved(seg, rev, res)

        self.session.write(lambda ctx: editing.keep_mine(ctx.lib, seg, text, user, title),
                           Changes.of(TEXT, FINDINGS, issue_id=issue, segments=[seg]), success=done,
                           origin=self)

    def take_theirs(self) -> None:
        if self.view is None:
            return
        self.autosave.stop()
        self.conflict = None
        self.conflict_bar.hide()
        self.saved_rev = self.editor.text_rev
        self.title_dirty = False
        self.load(self.view.seg_id)

    def _compare(self) -> None:
        if self.view is not None and self.conflict is not None and self.conflict.conflict_revision_id:
            self.compare_requested.emit(self.view.seg_id, self.conflict.conflict_revision_id)

    # -- changes made elsewhere ----------------------------------------------------------

    def _on_changed(self, changes: Changes, origin: object) -> None:
        if origin is self or self.view is None:
            return
        seg, issue = self.view.seg_id, self.view.issue_id
        if changes.touches("settings") or changes.touches("allowlist"):
            self._snapshot_for = None
        if changes.touches(TEXT, issue, seg):
            self._snapshot_for = None
            self._reload_text()
        elif changes.touches(FINDINGS, issue, seg):
            self.reload_findings()
        if changes.touches("review", issue, seg) or changes.touches(META, issue, seg):
            self._reload_header()

    def _reload_text(self) -> None:
        """The stored text changed elsewhere (a fix, a restore): follow it unless unsaved
        typing is pending — then the next save reports the conflict instead."""
        seg = self.view.seg_id

        def fetch(ctx):
            view = editing.load_article(ctx.lib, seg)
            return view, workspace.findings_of(ctx.lib, view.issue_id, seg), editing.revisions(ctx.lib, seg)

        def done(result) -> None:
            view, findings, revs = result
            if self.seg_id != seg or self.is_dirty() or self.saving:
                return
            if view.version == self.version and view.text == self.editor.text():
                self._set_stored(findings, self.editor.text_rev)
                return
            self.view = view
            self.version = view.version
            self.editor.replace_text(view.text)  # one undoable step: Ctrl+Z takes it back
            self.saved_rev = self.editor.text_rev
            self._edits = []
            self.autosave.stop()
            self.header.show_article(view)
            self._set_stored(findings, self.editor.text_rev)
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
        self.live.request(self.snapshot, self.view.seg_id, self.editor.text(), self.editor.text_rev)

    def _on_live(self, seg_id: int, rev: int, findings: list[Finding]) -> None:
        if self.seg_id != seg_id or rev != self.editor.text_rev:
            self.dropped_stale += 1
            return
        issue_rules = self.snapshot.issue_rules if self.snapshot else frozenset()
        self.shown = editing.merge_live(findings, self.stored, issue_rules)
        self.editor.set_findings(self.shown)

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
