"""More of the main window's commands: the Edit menu on the focused text widget,
find and replace, the export dialog, who is working, reset layout.

Mixed into MainWindow beside :class:`~editor_app.gui.commands.CommandsMixin`.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit, QTextEdit, QWidget
from shiboken6 import isValid as shiboken_alive

from editor_app.services import export_job, replace
from editor_app.services.replace import ReplacePreview, ReplaceResult

from .actions import A
from .commands import exporting_available
from .dialogs.export import ExportDialog, progress_label
from .dialogs.identity import IdentityDialog
from .dialogs.replace import ReplaceDialog

TEXT_WIDGETS = (QLineEdit, QTextEdit, QPlainTextEdit)


class EditActions(QObject):
    """Undo, Redo, Cut, Copy, Paste and Select All act on the focused text widget of the
    window (Undo/Redo on the article body when no text widget has the focus), and each
    is enabled only when it can act."""

    def __init__(self, window, body: QTextEdit):
        super().__init__(window)
        self.window = window
        self.body = body
        self.target: QWidget | None = None
        a = window.actions
        self.acts = {k: a[k] for k in (A.UNDO, A.REDO, A.CUT, A.COPY, A.PASTE, A.SELECT_ALL)}
        for aid, name in ((A.UNDO, "undo"), (A.REDO, "redo"), (A.CUT, "cut"), (A.COPY, "copy"),
                          (A.PASTE, "paste"), (A.SELECT_ALL, "selectAll")):
            self.acts[aid].triggered.connect(lambda _c=False, n=name, aid=aid: self._do(aid, n))
        QApplication.instance().focusChanged.connect(self._focus_changed)
        QGuiApplication.clipboard().dataChanged.connect(self.update)
        self._watch(body)
        self.update()

    def _watch(self, w: QWidget) -> None:
        if w.property("_editActionsWatched"):
            return
        w.setProperty("_editActionsWatched", True)
        if isinstance(w, QLineEdit):
            w.textChanged.connect(self.update)
            w.selectionChanged.connect(self.update)
        else:
            w.undoAvailable.connect(self.update)
            w.redoAvailable.connect(self.update)
            w.copyAvailable.connect(self.update)
            w.textChanged.connect(self.update)

    def _focus_changed(self, _old, new) -> None:
        if not shiboken_alive(self.window):
            return
        if isinstance(new, TEXT_WIDGETS) and self.window.isAncestorOf(new):
            self.target = new
            self._watch(new)
        elif new is not None and self.window.isAncestorOf(new):
            self.target = None  # focus on a list or a button: no text widget to act on
        self.update()

    def focused(self) -> QWidget | None:
        t = self.target
        return t if t is not None and shiboken_alive(t) and t.isVisible() else None

    def widget_for(self, aid: A) -> QWidget | None:
        t = self.focused()
        if t is None and aid in (A.UNDO, A.REDO) and self.window.pane.view is not None:
            return self.body
        return t

    @staticmethod
    def can(w: QWidget | None, aid: A) -> bool:
        if w is None or not w.isEnabled():
            return False
        ro = w.isReadOnly()
        if isinstance(w, QLineEdit):
            sel = w.hasSelectedText() and w.echoMode() == QLineEdit.EchoMode.Normal
            return {A.UNDO: not ro and w.isUndoAvailable(), A.REDO: not ro and w.isRedoAvailable(),
                    A.CUT: not ro and sel, A.COPY: sel,
                    A.PASTE: not ro and bool(QGuiApplication.clipboard().text()),
                    A.SELECT_ALL: bool(w.text())}[aid]
        doc, sel = w.document(), w.textCursor().hasSelection()
        return {A.UNDO: not ro and doc.isUndoAvailable(), A.REDO: not ro and doc.isRedoAvailable(),
                A.CUT: not ro and sel, A.COPY: sel, A.PASTE: not ro and w.canPaste(),
                A.SELECT_ALL: not doc.isEmpty()}[aid]

    def update(self, *_args) -> None:
        for aid, act in self.acts.items():
            act.setEnabled(self.can(self.widget_for(aid), aid))

    def _do(self, aid: A, method: str) -> None:
        w = self.widget_for(aid)
        if self.can(w, aid):
            getattr(w, method)()
        self.update()


class WindowCommandsMixin:
    """Mixed into MainWindow (which provides session, pane, actions, statusBar ...)."""

    # -- who is working -------------------------------------------------------------------------

    def ensure_identity(self) -> IdentityDialog | None:
        """On first start (no name given yet), ask for the user's name and role. The dialog is
        window-modal but does not block: the issue opens behind it, and closing the window
        (or a SIGTERM) still closes the application."""
        s = self.session.settings
        if s.identity_known:
            return None
        dlg = IdentityDialog(s.user_name, s.user_role, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def accepted() -> None:
            name, role = dlg.result_identity()
            if name:
                s.user_name, s.user_role = name, role
                s.sync()
            self.update_status()

        dlg.accepted.connect(accepted)
        dlg.open()
        self.identity_dialog = dlg
        return dlg

    # -- find and replace -------------------------------------------------------------------------

    def replace_dialog(self) -> ReplaceDialog | None:
        if self.session.issue_id is None:
            return None
        self.pane.flush()
        old = getattr(self, "replace_dlg", None)
        if old is not None and shiboken_alive(old):
            old.close()
        sel = self.pane.editor.textCursor().selectedText() if self.pane.view else ""
        query = sel if sel and "\u2029" not in sel and len(sel) < 80 else ""
        dlg = ReplaceDialog(self.session, self.session.issue_id, self.pane.seg_id, self._replace_apply,
                            self._replace_undo, self, query=query)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.show()
        self.replace_dlg = dlg
        if query:
            dlg.run_preview()
        return dlg

    def _replace_dialog_alive(self) -> ReplaceDialog | None:
        dlg = getattr(self, "replace_dlg", None)
        return dlg if dlg is not None and shiboken_alive(dlg) else None

    def _replace_apply(self, pv: ReplacePreview, skip: dict[int, frozenset[int]]) -> None:
        user = self.session.user
        self.pane.flush()

        def done(res: ReplaceResult) -> None:
            msg = self.tr("已替换：{0} 篇文章，每篇保存为一个新修订").format(res.n_articles)
            self.statusBar().showMessage(msg, 6000)
            dlg = self._replace_dialog_alive()
            if dlg is not None:
                dlg.applied(res)

        self.session.write(lambda ctx: replace.apply(ctx.lib, pv, user, skip), success=done, long=True,
                           label=self.tr("正在替换…"))

    def _replace_undo(self, changed: list) -> None:
        user = self.session.user
        self.pane.flush()

        def done(res: ReplaceResult) -> None:
            self.statusBar().showMessage(self.tr("已撤销替换：恢复 {0} 篇文章").format(res.n_articles), 6000)
            dlg = self._replace_dialog_alive()
            if dlg is not None:
                dlg.undone(res)

        self.session.write(lambda ctx: replace.undo(ctx.lib, changed, user), success=done, long=True,
                           label=self.tr("正在撤销替换…"))

    # -- export ---------------------------------------------------------------------------------

    def export_issue(self) -> ExportDialog | None:
        """The export dialog: what, which copy, where; then a cancellable export."""
        if self.session.issue_id is None or not exporting_available():
            return None
        self.pane.flush()
        dlg = ExportDialog(self.session, self.session.issue_id, self.pane.seg_id, self.run_export, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()
        self.export_dialog = dlg
        return dlg

    def run_export(self, job: export_job.ExportJob) -> None:
        issue = self.session.issue_id
        if issue is None:
            return
        self.pane.flush()

        def run(ctx):
            return export_job.run(ctx.lib, issue, job,
                                  lambda step, d, t: ctx.progress(progress_label(step), d, t), ctx.cancelled)

        self.session.write(  # export checks the issue first if its findings are not current
            run,
            success=lambda out: self.statusBar().showMessage(self.tr("已导出到 {0}").format(out), 8000),
            long=True, cancellable=True, label=self.tr("正在导出…"),
        )

    # -- the page view (版面) ---------------------------------------------------------------------

    def show_page_view(self, visible: bool = True) -> None:
        """View → 显示版面 (F7): the PDF proof's page beside the article."""
        first = visible and self.d_page.isHidden() and not self.d_page.isFloating() and self.d_page.width() < 240
        self.d_page.setVisible(visible)
        if visible:
            self.d_page.raise_()
            if first:  # a dock that was never given room: the page gets a third of the window
                self.fit_docks()
        self.actions[A.PAGE_VIEW].setChecked(visible)

    def on_page_text(self, seg_id: int, base: int | None) -> None:
        """A click on the page: select the character printed there in its article."""

        def select() -> None:
            if base is None or self.pane.seg_id != seg_id:
                return  # a title or byline: its article opens, the text has no such character
            pos, same = self.page_view.to_current(seg_id, self.pane.editor.text(), base)
            self.pane.select_text_span(pos, pos + 1 if same else pos)

        self.open_article(seg_id, select)

    # -- layout ---------------------------------------------------------------------------------

    def reset_layout(self) -> None:
        """Docks back to their default places and sizes; the saved layout is forgotten."""
        self.restoreState(self.default_state)
        for dock, visible in self.default_docks.items():
            dock.setVisible(visible)
        self.session.settings.clear_window()
        self.fit_docks()
