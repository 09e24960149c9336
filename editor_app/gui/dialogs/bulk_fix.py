"""Bulk fix: apply every open suggestion of one rule in this article or the whole
issue — after a preview of each change. Nothing is written before "写入修改"."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor_app.services import checking, workspace

from .. import diffview, labels
from ..session import Session


class BulkFixDialog(QDialog):
    def __init__(self, session: Session, issue_id: int, rule: str, seg_id: int | None,
                 apply: Callable[[str, int | None], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("bulkFixDialog")
        self.session = session
        self.issue_id = issue_id
        self.rule = rule
        self.seg_id = seg_id
        self.apply_fn = apply
        self.info = workspace.rule_info(rule)
        self.outcomes: list = []
        self.seg_labels: dict[int, str] = {}
        self._token = 0
        self.heading = QLabel(objectName="bulkHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.r_article = QRadioButton(objectName="bulkScopeArticle")
        self.r_issue = QRadioButton(objectName="bulkScopeIssue")
        self.scope = QButtonGroup(self)
        self.scope.addButton(self.r_article)
        self.scope.addButton(self.r_issue)
        (self.r_article if seg_id is not None else self.r_issue).setChecked(True)
        self.r_article.setEnabled(seg_id is not None)
        self.summary = QLabel(objectName="bulkSummary")
        self.table = diffview.preview_table("bulkPreview", 200)
        self.b_apply = QPushButton(objectName="bulkApply")
        self.b_apply.setDefault(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.addButton(self.b_apply, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.rejected.connect(self.reject)
        self.b_apply.clicked.connect(self._apply)
        row = QHBoxLayout()
        row.addWidget(self.r_article)
        row.addWidget(self.r_issue)
        row.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addLayout(row)
        lay.addWidget(self.summary)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.buttons)
        self.resize(980, 600)
        self.scope.buttonToggled.connect(lambda _b, on: on and self.preview())
        self.retranslate()
        self.preview()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("批量修改 — 预览"))
        title = html.escape(labels.rule_title(self.rule))
        cat = labels.category(self.info.category) if self.info else ""
        self.heading.setText(f"<b>{title}</b> <span style='color:#777'>({cat})</span>")
        self.r_article.setText(self.tr("仅本文"))
        self.r_issue.setText(self.tr("全期所有文章"))
        self.table.setHorizontalHeaderLabels([self.tr("篇目"), self.tr("修改前"), self.tr("修改后")])
        self.b_apply.setText(self.tr("写入修改"))
        self._show_summary()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @property
    def scope_seg(self) -> int | None:
        return self.seg_id if self.r_article.isChecked() else None

    def preview(self) -> None:
        self._token += 1
        token, issue, rule, seg, user = self._token, self.issue_id, self.rule, self.scope_seg, self.session.user
        self.b_apply.setEnabled(False)

        def fetch(ctx):
            outs = checking.bulk_fix(ctx.lib, issue, rule, seg, author=user, dry_run=True).outcomes
            names = {r.id: labels.segment_title(r.kind, r.title, r.page) for r in ctx.lib.segments(issue)}
            return outs, names

        def done(result) -> None:
            if token == self._token:
                self.outcomes, self.seg_labels = result
                self._fill()

        self.session.read(fetch, done)

    def _fill(self) -> None:
        rows = [(o.segment_id, before, after) for o in self.outcomes for before, after in o.preview]
        self.table.setRowCount(len(rows))
        for r, (seg, before, after) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(self.seg_labels.get(seg, str(seg))))
            before, after = before.replace("\n", "⏎"), after.replace("\n", "⏎")
            html_before, html_after = diffview.change_html(before, after)
            b = QTableWidgetItem(before)
            b.setData(diffview.HTML_ROLE, html_before)
            a = QTableWidgetItem(after)
            a.setData(diffview.HTML_ROLE, html_after)
            self.table.setItem(r, 1, b)
            self.table.setItem(r, 2, a)
        self.b_apply.setEnabled(bool(rows))
        self._show_summary()

    @property
    def n_changes(self) -> int:
        return sum(len(o.applied) for o in self.outcomes)

    def _show_summary(self) -> None:
        skipped = sum(len(o.skipped) for o in self.outcomes)
        articles = sum(1 for o in self.outcomes if o.applied)
        text = self.tr("将在 {0} 篇中修改 {1} 处，每篇保存为一个新修订，可在修订历史中恢复。").format(
            articles, self.n_changes)
        if skipped:
            text += self.tr("另有 {0} 处因重叠或文字已变动而跳过。").format(skipped)
        if not self.outcomes:
            text = self.tr("没有可批量修改的问题。")
        self.summary.setText(text)

    def _apply(self) -> None:
        self.apply_fn(self.rule, self.scope_seg)
        self.accept()
