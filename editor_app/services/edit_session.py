"""The state of one article being edited, without Qt: the article pane is a view of it.

What it keeps:

* ``rev`` counts the edits of the text (the editor reports each one with
  :meth:`EditSession.edited`); ``saved_rev`` is the last one stored. A save
  carries the edit count it started from, so typing during a save is not
  mistaken for saved text.
* ``header`` holds header fields edited but not saved yet (title, subtitle,
  authors, role, page); they are saved with the text, as one revision.
* ``version`` is the article's stored version the text is based on; a save
  passes it, and a conflict (someone else saved meanwhile) keeps both texts
  (:class:`~editor_app.services.editing.Conflict`) — never a silent overwrite.
* ``stored`` are the library's findings of the article, shifted through the
  edits made since they were read; ``shown`` is what the view underlines:
  the live check's results for the current edit count, merged with the
  stored findings of issue rules. Live results computed for an older edit
  count are dropped (``dropped_stale``).

The session never touches the library itself: the caller runs
:func:`editing.save_article` (on the worker) with the :class:`SaveRequest`
this returns, and hands the result back to :meth:`EditSession.saved`. Tests
drive whole edit flows with it and a real library, without Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from editor_app.model import Finding

from . import editing


@dataclass(frozen=True)
class SaveRequest:
    seg_id: int
    issue_id: int
    text: str
    rev: int  # the edit count the text is at
    version: int  # the stored version the text is based on
    header: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class SaveOutcome:
    """What the view has to do after a save came back."""

    conflict: editing.Conflict | None = None  # show the conflict bar
    changed: bool = False  # a revision was written: reload findings and revisions
    save_again: bool = False  # edits arrived during the save: save again now
    other_article: bool = False  # the save was of an article no longer shown
    queued: bool = False  # the server was unreachable: the text waits in the offline outbox


class EditSession:
    def __init__(self) -> None:
        self.view: editing.ArticleView | None = None
        self.saved_text = ""
        self.rev = 0
        self.saved_rev = 0
        self.version = 0
        self.header: dict[str, Any] = {}
        self.saving = False
        self.save_again = False
        self.conflict: editing.Conflict | None = None
        self.stored: list[Finding] = []
        self.shown: list[Finding] = []
        self.edits: list[tuple[int, int, int, int]] = []  # (rev after, pos, removed, added)
        self.dropped_stale = 0
        self.saves = 0
        self.queued = False  # the saved text is in the offline outbox, not yet on the server

    # -- state -----------------------------------------------------------------------

    @property
    def seg_id(self) -> int | None:
        return self.view.seg_id if self.view else None

    def is_dirty(self) -> bool:
        return self.view is not None and (self.rev != self.saved_rev or bool(self.header))

    # -- loading ---------------------------------------------------------------------

    def load(self, view: editing.ArticleView, findings: list[Finding]) -> None:
        """Show an article: its current text is the saved state."""
        self.view = view
        self.version = view.version
        self.saved_text = view.text
        self.conflict = None
        self.queued = False
        self.header = {}
        self.saving = self.save_again = False
        self.rev += 1  # the new text is a new edit count: late results for the old one are stale
        self.saved_rev = self.rev
        self.edits = []
        self.set_stored(findings, self.rev)

    def clear(self) -> None:
        self.view = None
        self.stored = self.shown = []
        self.edits = []
        self.header = {}
        self.conflict = None

    # -- findings ----------------------------------------------------------------------

    def set_stored(self, findings: list[Finding], rev: int) -> list[Finding]:
        """Library findings of the text at edit count ``rev``; shown shifted through the
        edits made since. Resolved problems (no longer in the text) are not underlined."""
        current = [f for f in findings if f.status != "resolved"]
        for r, pos, removed, added in self.edits:
            if r > rev:
                current = editing.shift_findings(current, pos, removed, added)
        self.stored = current
        self.shown = list(current)
        return self.shown

    def live(self, seg_id: int, rev: int, findings: list[Finding], issue_rules: frozenset[str]) -> bool:
        """The live check's findings for the text at edit count ``rev``; False (dropped)
        when the text has moved on or another article is shown."""
        if self.seg_id != seg_id or rev != self.rev:
            self.dropped_stale += 1
            return False
        self.shown = editing.merge_live(findings, self.stored, issue_rules)
        return True

    # -- editing -----------------------------------------------------------------------

    def edited(self, pos: int, removed: int, added: int) -> int:
        """One edit of the text (``removed`` characters at ``pos`` replaced by ``added``)."""
        self.rev += 1
        self.edits.append((self.rev, pos, removed, added))
        self.stored = editing.shift_findings(self.stored, pos, removed, added)
        self.shown = editing.shift_findings(self.shown, pos, removed, added)
        return self.rev

    def header_edited(self, **fields: Any) -> None:
        """Header fields typed in the view, saved with the next save."""
        if self.view is None:
            return
        for name, value in fields.items():
            if getattr(self.view, name) != value:
                self.header[name] = value
            else:
                self.header.pop(name, None)

    # -- saving ------------------------------------------------------------------------

    def begin_save(self, text: str) -> SaveRequest | None:
        """What to save now (None: nothing to save, not editable, or a save is under
        way — then another one follows it)."""
        if self.view is None or not self.view.editable or not self.is_dirty():
            return None
        if self.saving:
            self.save_again = True
            return None
        self.saving = True
        req = SaveRequest(self.view.seg_id, self.view.issue_id, text, self.rev, self.version,
                          dict(self.header))
        self.header = {}
        return req

    def saved(self, req: SaveRequest, res: editing.SaveResult) -> SaveOutcome:
        self.saving = False
        self.saves += 1
        again, self.save_again = self.save_again, False
        if self.seg_id != req.seg_id:
            return SaveOutcome(other_article=True)
        self.saved_rev = max(self.saved_rev, req.rev)
        self.edits = [e for e in self.edits if e[0] > req.rev]
        if res.conflict is not None:
            self.conflict = res.conflict
            return SaveOutcome(conflict=res.conflict, save_again=False)
        if res.queued:
            # offline: the text is safe in the outbox; the base version stays the one it was
            # typed on (the outbox chains the queued saves of one base when it sends them)
            self.saved_text = req.text
            self.queued = True
            return SaveOutcome(queued=True, save_again=again and self.is_dirty())
        self.queued = False
        self.version = res.version
        self.saved_text = req.text
        if res.revision is not None and self.view is not None:
            h = res.revision.header
            self.view = replace(
                self.view, revision_number=res.revision.number, revision_id=res.revision.id,
                kicker=h.kicker, title=h.title, subtitle=h.subtitle, authors=list(h.authors),
                role=h.role, page=h.page, version=res.version,
            )
        return SaveOutcome(changed=res.changed, save_again=again and self.is_dirty())

    def save_failed(self, req: SaveRequest) -> None:
        """The save did not happen (e.g. the disk is full): the text stays unsaved."""
        self.saving = False
        self.save_again = False
        if self.seg_id == req.seg_id:
            for k, v in req.header.items():
                self.header.setdefault(k, v)

    def resolved_conflict(self) -> None:
        self.conflict = None

    # -- changes made elsewhere ----------------------------------------------------------

    def can_follow(self, view: editing.ArticleView) -> bool:
        """The stored article changed elsewhere (a fix, a restore, another window): True
        if the view should now show ``view.text`` — not while unsaved typing is pending
        (the next save reports the conflict instead), nor when the text is the same."""
        if self.seg_id != view.seg_id or self.is_dirty() or self.saving or self.view is None:
            return False
        return not (view.version == self.version and view.text == self.saved_text)

    def followed(self, view: editing.ArticleView, findings: list[Finding]) -> None:
        """The view now shows ``view.text`` (the edit that replaced it counted)."""
        self.view = view
        self.version = view.version
        self.saved_text = view.text
        self.queued = False
        self.rev += 1
        self.saved_rev = self.rev
        self.edits = []
        self.header = {}
        self.set_stored(findings, self.rev)
