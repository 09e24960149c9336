"""What the main window's actions do: findings (apply, dismiss, reopen, allow, bulk fix),
review status, history and restore, check, import, preferences (export, replace and the
Edit menu: gui/window_commands.py).

Each command flushes the article being edited first (so the ops queue sees the
latest text), then submits one op; views refresh from the ``OpChanges`` the service returns.
The ``ask_*`` methods are the only places that wait for the user; tests
replace them.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox
from shiboken6 import isValid as shiboken_alive

from editor_app.model import Finding
from editor_app.services import checking, editing, importing, structure, workspace

from . import labels
from .dialogs.about import AboutDialog
from .dialogs.bulk_fix import BulkFixDialog
from .dialogs.dismiss import DismissDialog
from .history import HistoryDialog
from .prefs import PreferencesDialog
from .structure import StructureDialog

EXPORT_MODULE = "editor_app.services.exporting"


def exporting_available() -> bool:
    return importlib.util.find_spec(EXPORT_MODULE) is not None


class CommandsMixin:
    """Mixed into MainWindow (which provides session, pane, findings, contents ...)."""

    # -- the user's answers (replaced in tests) ---------------------------------------------

    def ask_dismiss_reason(self, f: Finding) -> str | None:
        dlg = DismissDialog(f, self)
        return dlg.text() if dlg.exec() == QDialog.DialogCode.Accepted else None

    def ask_import_path(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("导入期刊或稿件"), str(Path.home()),
            self.tr("期刊文本、PDF 校样或稿件 (*.txt *.text *.pdf *.docx);;所有文件 (*)"))
        return path or None

    def ask_replace(self, label: str, message: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("期刊已存在"), message,
                          QMessageBox.StandardButton.Cancel, self)
        replace = box.addButton(self.tr("替换（旧文本保留为修订）"), QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        return box.clickedButton() is replace

    # -- findings -------------------------------------------------------------------------

    def current_finding(self) -> Finding | None:
        f = self.pane.current_finding() if self.pane.view is not None else None
        return f if f is not None else self.findings.current()

    def _finding_target(self) -> Finding | None:
        f = self.current_finding()
        if f is None:
            self.statusBar().showMessage(self.tr("请先在“校对”面板或正文中选中一处问题"), 4000)
        return f

    def apply_fix(self) -> None:
        f = self._finding_target()
        if f is None or f.segment is None:
            return
        if f.suggestion is None:
            self.statusBar().showMessage(self.tr("这处问题没有修改建议，请直接在正文中修改"), 4000)
            return
        seg, user = f.segment.id, self.session.user
        self.pane.flush()
        self.findings.select_after_refresh(self.findings.neighbour(f))  # then on to the next one
        self.session.write(
            lambda ctx: editing.apply_finding(ctx.lib, seg, f.id, f.rule, f.fingerprint, user),
            success=lambda res: self.statusBar().showMessage(
                self.tr("已采纳建议，保存为第 {0} 版").format(
                    res.outcomes[0].revision.number if res.outcomes and res.outcomes[0].revision else "?"), 4000),
        )

    def dismiss(self) -> None:
        f = self._finding_target()
        if f is None or f.segment is None:
            return
        reason = self.ask_dismiss_reason(f)
        if reason is None:
            return
        seg, user = f.segment.id, self.session.user
        self.pane.flush()
        self.findings.select_after_refresh(self.findings.neighbour(f))
        self.session.write(
            lambda ctx: editing.dismiss_finding(ctx.lib, seg, f.id, f.rule, f.fingerprint, reason, user),
            success=lambda _f: self.statusBar().showMessage(self.tr("已忽略"), 3000),
        )

    def reopen(self) -> None:
        f = self._finding_target()
        if f is None or f.id is None:
            return
        user = self.session.user
        self.session.write(lambda ctx: editing.reopen_finding(ctx.lib, f.id, user))

    def allow_word(self) -> None:
        f = self._finding_target()
        if f is None or not f.excerpt.strip():
            return
        issue = self.session.issue_id
        word, rule = f.excerpt.strip(), f.rule
        self.pane.flush()
        self.session.write(
            lambda ctx: workspace.add_allow(ctx.lib, word, None, rule, recheck_issue=issue),
            success=lambda _e: self.statusBar().showMessage(
                self.tr("“{0}”已加入白名单（仅对规则“{1}”）").format(word, labels.rule_title(rule)), 4000),
        )

    def bulk_fix(self, rule: str | None = None) -> BulkFixDialog | None:
        if self.session.issue_id is None:
            return None
        rule = rule or self.findings.current_rule()
        f = self.current_finding()
        if rule is None and f is not None:
            rule = f.rule
        info = workspace.rule_info(rule) if rule else None
        if info is None or not info.bulk_fixable:
            self.statusBar().showMessage(
                self.tr("请先选中一条可批量修改的规则（如“中文里的半角标点”）"), 5000)
            return None
        self.pane.flush()
        dlg = BulkFixDialog(self.session, self.session.issue_id, rule, self.pane.seg_id, self._bulk_apply, self)
        dlg.open()
        self.bulk_dialog = dlg
        return dlg

    def _bulk_apply(self, rule: str, seg_id: int | None) -> None:
        issue, user = self.session.issue_id, self.session.user
        self.pane.flush()

        def done(res) -> None:
            n = res.applied
            self.statusBar().showMessage(self.tr("批量修改完成：{0} 处").format(n), 5000)

        self.session.write(
            lambda ctx: checking.bulk_fix(ctx.lib, issue, rule, seg_id, author=user, dry_run=False),
            success=done, long=True, label=self.tr("正在批量修改…"),
        )

    # -- checking and review ---------------------------------------------------------------

    def check_issue(self) -> None:
        issue = self.session.issue_id
        if issue is None:
            return
        self.pane.flush()
        self.session.write(
            lambda ctx: editing.check_issue(ctx.lib, issue),
            success=lambda res: self.statusBar().showMessage(
                self.tr("校对完成：待处理 {0} 处").format(sum(1 for f in res.findings if f.status == "open")), 5000),
            long=True, label=self.tr("正在校对全期…"),
        )

    def set_review(self, status: str, seg_id: int | None = None) -> None:
        seg = seg_id if seg_id is not None else self.pane.seg_id
        if seg is None:
            return
        user = self.session.user

        def refused(_exc: BaseException) -> bool:
            if self.pane.view is not None and self.pane.seg_id == seg:
                self.pane._reload_header()  # the status actions show the stored status again
            return False  # the runner reports the refusal (one line)

        self.session.write(lambda ctx: editing.set_review_status(ctx.lib, seg, status, user), failure=refused)

    # -- history ----------------------------------------------------------------------------

    def show_history(self, compare_with: int | None = None) -> HistoryDialog | None:
        view = self.pane.view
        if view is None:
            return None
        self.pane.flush()
        old = getattr(self, "history_dialog", None)
        if old is not None and shiboken_alive(old):
            old.close()  # one history window at a time
        dlg = HistoryDialog(self.session, view.seg_id, view.title, self.restore_revision, self,
                            compare_with=compare_with)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.show()
        self.history_dialog = dlg
        return dlg

    def show_conflict(self, seg_id: int, conflict_rev: int) -> None:
        dlg = self.show_history(compare_with=conflict_rev)
        if dlg is not None and self.pane.conflict is not None:
            dlg.set_base(self.pane.conflict.current_revision_id)

    def restore_revision(self, rev_id: int) -> None:
        user = self.session.user
        self.pane.flush()
        self.session.write(
            lambda ctx: editing.restore_revision(ctx.lib, rev_id, user),
            success=lambda res: self.statusBar().showMessage(
                self.tr("已恢复，保存为第 {0} 版").format(res.revision.number), 5000),
        )

    # -- structure ------------------------------------------------------------------------------

    def show_structure(self, seg_id: int | None = None) -> StructureDialog | None:
        """The 结构 view of the open issue (one at a time), with ``seg_id`` (default: the
        article shown) selected."""
        issue = self.session.issue_id
        if issue is None:
            return None
        self.pane.flush()
        old = getattr(self, "structure_dialog", None)
        if old is not None and shiboken_alive(old):
            old.close()
        dlg = StructureDialog(self.session, issue, self, flush=self.pane.flush)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.article_chosen.connect(self.open_article)
        target = seg_id if seg_id is not None else self.pane.seg_id
        if target is not None:
            dlg.select_segment(target)
        dlg.show()
        self.structure_dialog = dlg
        return dlg

    def split_here(self) -> None:
        """Split the article shown before the paragraph the cursor is in."""
        view = self.pane.view
        if view is None:
            return
        n = self.pane.editor.textCursor().blockNumber()
        if n < 1:
            self.statusBar().showMessage(self.tr("请把光标放在要成为新分段第一段的段落中（不能是第一段）"), 5000)
            return
        issue, seg, user = view.issue_id, view.seg_id, self.session.user
        self.pane.flush()
        self.session.write(lambda ctx: structure.split(ctx.lib, issue, seg, n, user),
                           success=self._structure_done)

    def undo_structure(self) -> None:
        issue = self.session.issue_id
        if issue is None:
            return
        user = self.session.user
        self.pane.flush()
        self.session.write(lambda ctx: structure.undo(ctx.lib, issue, user), success=self._structure_done)

    def _structure_done(self, res: structure.StructureResult) -> None:
        self.statusBar().showMessage(res.message, 5000)

    def _import_report(self, issue_id: int, carried: list[str]) -> None:
        """After an import: what the structure view may need (entries without an article,
        segments of unknown kind, corrections carried over a replace), with a button to
        open it; nothing when all is bound and nothing was carried."""

        def done(rep: structure.ImportStructureReport) -> None:
            if not rep.unbound and not rep.unknown and not carried:
                return
            text = self.tr("找到 {0} 篇文章；未关联文章的目录条目 {1} 条；未识别类型的分段 {2} 个。").format(
                rep.articles, len(rep.unbound), len(rep.unknown))
            box = QMessageBox(QMessageBox.Icon.Information, self.tr("导入结果"), text,
                              QMessageBox.StandardButton.Close, self)
            box.setObjectName("importReport")
            box.setDetailedText("\n".join(carried + rep.unbound + rep.unknown))
            show = box.addButton(self.tr("打开结构视图"), QMessageBox.ButtonRole.AcceptRole)
            show.clicked.connect(lambda: self.show_structure())
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            self.import_report_box = box

        self.session.read(lambda ctx: structure.import_report(ctx.lib, issue_id), done)

    # -- import and export ---------------------------------------------------------------------

    def import_file(self, path: str | None = None, replace: bool = False) -> None:
        """Import an issue text, or a DOCX manuscript (into the open issue, if any)."""
        path = path or self.ask_import_path()
        if not path:
            return
        user = self.session.user
        into = self.session.issue_id if Path(path).suffix.lower() == ".docx" else None
        self.pane.flush()

        def failed(exc: BaseException) -> bool:
            if isinstance(exc, importing.MastheadExists) and self.ask_replace(exc.label, str(exc)):
                self.import_file(path, replace=True)
                return True
            return False

        self.session.write(
            lambda ctx: importing.import_path(ctx.lib, path, user, replace, ctx.progress, ctx.cancelled,
                                              into_issue=into),
            success=self._imported, failure=failed, long=True, cancellable=True,
            label=self.tr("正在导入 {0}…").format(Path(path).name),
        )

    def _imported(self, out: importing.ImportDone) -> None:
        msg = {
            "imported": self.tr("已导入《{0}》：{1} 篇文章"),
            "already": self.tr("《{0}》此前已导入（{1} 篇文章），已打开"),
            "replaced": self.tr("已替换《{0}》（{1} 篇文章），旧文本保留为修订"),
            "added": self.tr("稿件已作为新文章加入《{0}》（现有 {1} 篇文章）"),
        }.get(out.status, "{0} {1}")
        self.statusBar().showMessage(msg.format(out.label, out.n_articles), 6000)
        if out.issue_id == self.session.issue_id and out.seg_id is not None:
            self.open_article(out.seg_id)
        else:
            self.open_issue(out.issue_id, article=out.seg_id)
        if out.status in ("imported", "replaced"):
            self._import_report(out.issue_id, out.structure)

    # -- preferences and help ----------------------------------------------------------------------

    def preferences(self) -> PreferencesDialog:
        dlg = PreferencesDialog(self.session, self)
        dlg.accepted.connect(lambda: self.apply_prefs(dlg))
        dlg.finished.connect(lambda _r: self._prefs_closed(dlg))
        dlg.open()
        self.prefs_dialog = dlg
        return dlg

    def apply_prefs(self, dlg: PreferencesDialog) -> None:
        p = dlg.result_prefs()
        s = self.session.settings
        if p.user_name:
            s.user_name = p.user_name
        s.user_role = p.user_role
        if p.font_size != s.font_size:
            s.font_size = p.font_size
            self.pane.apply_font_size(p.font_size)
        if p.language != s.language:
            self.set_language(p.language)
        if p.checks_changed:
            issue, checks = self.session.issue_id, p.checks
            self.session.write(lambda ctx: workspace.update_check_settings(ctx.lib, checks, issue), long=True,
                               label=self.tr("正在按新规则重新校对…"))
        self.update_status()

    def _prefs_closed(self, dlg: PreferencesDialog) -> None:
        p = dlg.result_prefs()
        issue = self.session.issue_id
        if p.allowlist_changed and not p.checks_changed and issue is not None:
            self.session.write(lambda ctx: editing.check_issue(ctx.lib, issue))

    def about(self) -> AboutDialog:
        dlg = AboutDialog(self.session.display_location, self)
        dlg.open()
        self.about_dialog = dlg
        return dlg

