"""查找和替换 (Ctrl+H, as in Word): find and replace in this article or the whole issue.

"预览" lists every change (article, the text before and after it) with a check box
each; "全部替换" writes the checked ones — one revision per article — and
"撤销替换" restores, per article, the revision the replace replaced. The dialog
only reads; writing goes through the window's callbacks (ops on the worker).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor_app.services import replace
from editor_app.services.issues import UserError
from editor_app.services.replace import ReplaceOptions, ReplacePreview, ReplaceResult

from .. import diffview, fonts, labels
from ..session import Session

ROLE = Qt.ItemDataRole.UserRole


def _marked(before: str, middle: str, after: str, style: str) -> str:
    esc = diffview._esc
    shown = esc(middle).replace(" ", "&nbsp;") if middle else "&#8203;"
    return f"{esc(before)}<span style='{style}'>{shown}</span>{esc(after)}"


def _flat(text: str) -> str:
    return text.replace("\n", "⏎")


class ReplaceDialog(QDialog):
    """``apply(preview, skip)`` and ``undo(changed)`` are the window's writes; it calls
    :meth:`applied` / :meth:`undone` with their results."""

    def __init__(self, session: Session, issue_id: int, seg_id: int | None,
                 apply: Callable[[ReplacePreview, dict[int, frozenset[int]]], None],
                 undo: Callable[[list], None], parent: QWidget | None = None, query: str = ""):
        super().__init__(parent)
        self.setObjectName("replaceDialog")
        self.session = session
        self.issue_id = issue_id
        self.seg_id = seg_id
        self.apply_fn = apply
        self.undo_fn = undo
        self.preview: ReplacePreview | None = None
        self.last: ReplaceResult | None = None
        self.seg_labels: dict[int, str] = {}
        self._token = 0
        self.find = QLineEdit(query, objectName="replaceFind")
        self.repl = QLineEdit(objectName="replaceWith")
        self.case = QCheckBox(objectName="replaceCase")
        self.word = QCheckBox(objectName="replaceWord")
        self.width = QCheckBox(objectName="replaceWidth")
        self.regex = QCheckBox(objectName="replaceRegex")
        self.r_article = QRadioButton(objectName="replaceScopeArticle")
        self.r_issue = QRadioButton(objectName="replaceScopeIssue")
        self.scope = QButtonGroup(self)
        self.scope.addButton(self.r_article)
        self.scope.addButton(self.r_issue)
        (self.r_article if seg_id is not None else self.r_issue).setChecked(True)
        self.r_article.setEnabled(seg_id is not None)
        self.l_find, self.l_repl, self.l_scope = QLabel(), QLabel(), QLabel()
        form = QFormLayout()
        form.addRow(self.l_find, self.find)
        form.addRow(self.l_repl, self.repl)
        opts = QHBoxLayout()
        for box in (self.case, self.word, self.width, self.regex):
            opts.addWidget(box)
        opts.addStretch(1)
        form.addRow(opts)
        scope = QHBoxLayout()
        scope.addWidget(self.r_article)
        scope.addWidget(self.r_issue)
        scope.addStretch(1)
        form.addRow(self.l_scope, scope)
        self.summary = QLabel(objectName="replaceSummary")
        self.summary.setWordWrap(True)
        self.table = diffview.preview_table("replacePreview", 220)
        self.b_preview = QPushButton(objectName="replacePreviewButton")
        self.b_apply = QPushButton(objectName="replaceApply")
        self.b_undo = QPushButton(objectName="replaceUndo")
        for b in (self.b_apply, self.b_undo):
            b.setAutoDefault(False)  # Enter previews; it never writes
        self.b_preview.setDefault(True)
        self.b_apply.setEnabled(False)
        self.b_undo.setEnabled(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        self.buttons.addButton(self.b_preview, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.b_apply, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.b_undo, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.summary)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.buttons)
        self.resize(960, 560)
        self.b_preview.clicked.connect(self.run_preview)
        self.b_apply.clicked.connect(self._apply)
        self.b_undo.clicked.connect(self._undo)
        self.find.returnPressed.connect(self.run_preview)
        self.repl.returnPressed.connect(self.run_preview)
        for w in (self.find, self.repl):
            w.textEdited.connect(lambda _t: self._stale())
        for box in (self.case, self.word, self.width, self.regex):
            box.toggled.connect(lambda _on: self._stale())
        self.scope.buttonToggled.connect(lambda _b, on: on and self._stale())
        self.table.itemChanged.connect(lambda _i: self._show_summary())
        self.retranslate()

    # -- texts -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("查找和替换"))
        self.l_find.setText(self.tr("查找内容"))
        self.l_repl.setText(self.tr("替换为"))
        self.l_scope.setText(self.tr("范围"))
        self.case.setText(self.tr("区分大小写"))
        self.word.setText(self.tr("全字匹配"))
        self.word.setToolTip(self.tr("英文单词和数字不在更长的词中匹配（中文没有词间空格，不受影响）"))
        self.width.setText(self.tr("忽略全角/半角"))
        self.width.setToolTip(self.tr("Ａ 与 A、１ 与 1、（ 与 ( 视为相同"))
        self.regex.setText(self.tr("正则表达式"))
        self.regex.setToolTip(self.tr("Python 正则语法；替换内容中可用 \\1、\\g<name>"))
        self.r_article.setText(self.tr("本文"))
        self.r_issue.setText(self.tr("全期所有文章"))
        self.table.setHorizontalHeaderLabels([self.tr("篇目"), self.tr("替换前"), self.tr("替换后")])
        self.b_preview.setText(self.tr("预览"))
        self.b_apply.setText(self.tr("全部替换"))
        self.b_apply.setToolTip(self.tr("替换勾选的各处；每篇文章保存为一个新修订"))
        self.b_undo.setText(self.tr("撤销替换"))
        self.b_undo.setToolTip(self.tr("逐篇恢复替换之前的版本（之后又改过的文章不动）"))
        self._show_summary()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- preview -------------------------------------------------------------------------------

    def options(self) -> ReplaceOptions:
        return ReplaceOptions(match_case=self.case.isChecked(), whole_word=self.word.isChecked(),
                              width_insensitive=self.width.isChecked(), regex=self.regex.isChecked())

    @property
    def scope_seg(self) -> int | None:
        return self.seg_id if self.r_article.isChecked() else None

    def _stale(self) -> None:
        """The preview no longer matches the fields: nothing may be written from it."""
        self._token += 1
        self.preview = None
        self.table.setRowCount(0)
        self.b_apply.setEnabled(False)
        self._show_summary()

    def run_preview(self) -> None:
        self._token += 1
        token, issue, seg = self._token, self.issue_id, self.scope_seg
        query, rep, opts = self.find.text(), self.repl.text(), self.options()
        if not query:
            self._stale()
            return
        self.b_apply.setEnabled(False)

        def fetch(ctx):
            pv = replace.preview(ctx.lib, issue, query, rep, opts, seg)
            names = {r.id: labels.segment_title(r.kind, r.title, r.page) for r in ctx.lib.segments(issue)}
            return pv, names

        def done(result) -> None:
            if token == self._token:
                self.preview, self.seg_labels = result
                self._fill()

        def failed(exc: BaseException) -> bool:
            if token == self._token and isinstance(exc, UserError):
                self.preview = None
                self.table.setRowCount(0)
                self.summary.setText(str(exc))
                return True
            return False

        self.session.read(fetch, done, failure=failed)

    def _fill(self) -> None:
        pv = self.preview
        rows = [m for c in pv.changes for m in c.matches] if pv else []
        self.table.blockSignals(True)
        self.table.setRowCount(len(rows))
        for r, m in enumerate(rows):
            name = QTableWidgetItem(self.seg_labels.get(m.seg_id, str(m.seg_id)))
            name.setFlags(name.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            name.setCheckState(Qt.CheckState.Checked)
            name.setData(ROLE, (m.seg_id, m.start))
            before, found, after, rep = _flat(m.before), _flat(m.found), _flat(m.after), _flat(m.replacement)
            old = QTableWidgetItem(fonts.visible(before + found + after))
            old.setData(diffview.HTML_ROLE, _marked(before, found, after, diffview.DEL_STYLE))
            new = QTableWidgetItem(fonts.visible(before + rep + after))
            new.setData(diffview.HTML_ROLE, _marked(before, rep, after, diffview.INS_STYLE))
            self.table.setItem(r, 0, name)
            self.table.setItem(r, 1, old)
            self.table.setItem(r, 2, new)
        self.table.blockSignals(False)
        self._show_summary()

    def skipped(self) -> dict[int, frozenset[int]]:
        """Match starts left unchecked, per article."""
        out: dict[int, set[int]] = {}
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 0)
            if item.checkState() != Qt.CheckState.Checked:
                seg, start = item.data(ROLE)
                out.setdefault(seg, set()).add(start)
        return {k: frozenset(v) for k, v in out.items()}

    def chosen(self) -> tuple[int, int]:
        """(articles, places) that "全部替换" would change."""
        if self.preview is None:
            return 0, 0
        skip = self.skipped()
        per = [sum(1 for m in c.matches if m.start not in skip.get(c.seg_id, ())) for c in self.preview.changes]
        return sum(1 for n in per if n), sum(per)

    def _show_summary(self) -> None:
        articles, places = self.chosen()
        if self.preview is None:
            text = self.tr("输入要查找的内容，按“预览”查看每一处替换；预览之前不会写入任何修改。")
        elif not self.preview.changes:
            text = self.tr("没有找到“{0}”。").format(fonts.visible(self.preview.query))
        else:
            text = self.tr("将在 {0} 篇文章中替换 {1} 处（共找到 {2} 处），每篇保存为一个新修订。").format(
                articles, places, self.preview.n_matches)
        if self.last is not None:
            text += " " + self.tr("上次替换：{0} 篇文章。").format(self.last.n_articles)
            if self.last.stale:
                text += " " + self.tr("{0} 篇在预览后又被修改，未替换。").format(len(self.last.stale))
        self.summary.setText(text)
        self.b_apply.setEnabled(places > 0)

    # -- writing ---------------------------------------------------------------------------------

    def _apply(self) -> None:
        if self.preview is None or self.chosen()[1] == 0:
            return
        pv, skip = self.preview, self.skipped()
        self._stale()
        self.apply_fn(pv, skip)

    def applied(self, result: ReplaceResult) -> None:
        self.last = result
        self.b_undo.setEnabled(bool(result.changed))
        self._show_summary()

    def _undo(self) -> None:
        if self.last is None or not self.last.changed:
            return
        changed = self.last.changed
        self.b_undo.setEnabled(False)
        self.undo_fn(changed)

    def undone(self, result: ReplaceResult) -> None:
        self.last = None
        self._show_summary()
        text = self.tr("已撤销替换：恢复 {0} 篇文章。").format(len(result.changed))
        if result.stale:
            text += " " + self.tr("{0} 篇在替换后又被修改，未恢复。").format(len(result.stale))
        self.summary.setText(text)
