"""Header fields above the body: title, subtitle, authors, page (editable), column,
review status and revision (shown)."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from editor_app.services.editing import ArticleView

from .. import labels

_NAME_SPLIT = re.compile(r"[\s、，,;；/／]+")


def split_authors(text: str) -> list[str]:
    return [a for a in _NAME_SPLIT.split(text.strip()) if a]


class ArticleHeader(QWidget):
    title_edited = Signal(str)  # on every keystroke (saved with the text)
    meta_edited = Signal(dict)  # subtitle / authors / page, when a field is left

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("articleHeader")
        self.title = QLineEdit(objectName="titleEdit")
        f = QFont(self.title.font())
        f.setPointSizeF(f.pointSizeF() * 1.45)
        f.setBold(True)
        self.title.setFont(f)
        self.title.setFrame(False)
        self.subtitle = QLineEdit(objectName="subtitleEdit")
        self.subtitle.setFrame(False)
        self.authors = QLineEdit(objectName="authorsEdit")
        self.page = QSpinBox(objectName="pageSpin")
        self.page.setRange(0, 999)
        self.page.setFixedWidth(72)
        self.section = QLabel(objectName="sectionLabel")
        self.status = QLabel(objectName="reviewLabel")
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.revision = QLabel(objectName="revisionLabel")
        self.revision.setStyleSheet("color:#666")

        self.l_subtitle = QLabel()
        self.l_authors = QLabel()
        self.l_page = QLabel()
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setHorizontalSpacing(10)
        form.setVerticalSpacing(4)
        form.addRow(self.title)
        form.addRow(self.l_subtitle, self.subtitle)
        row = QHBoxLayout()
        row.addWidget(self.authors, 1)
        row.addSpacing(12)
        row.addWidget(self.l_page)
        row.addWidget(self.page)
        row.addSpacing(12)
        row.addWidget(self.section)
        form.addRow(self.l_authors, row)
        info = QHBoxLayout()
        info.addWidget(self.status)
        info.addStretch(1)
        info.addWidget(self.revision)
        form.addRow(info)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(28, 12, 28, 6)
        lay.addLayout(form)
        self._view: ArticleView | None = None
        self._filling = False
        self.title.textEdited.connect(self.title_edited)
        for w in (self.subtitle, self.authors):
            w.editingFinished.connect(self._meta_changed)
        self.page.editingFinished.connect(self._meta_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setPlaceholderText(self.tr("标题"))
        self.subtitle.setPlaceholderText(self.tr("（无副标题）"))
        self.authors.setPlaceholderText(self.tr("作者，以空格或顿号分隔"))
        self.l_subtitle.setText(self.tr("副标题"))
        self.l_authors.setText(self.tr("作者"))
        self.l_page.setText(self.tr("页码"))
        self.page.setSpecialValueText(self.tr("无"))
        if self._view is not None:
            self._show_info(self._view)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_article(self, view: ArticleView) -> None:
        self._view = view
        self._filling = True
        try:
            self.title.setText(view.title)
            self.subtitle.setText(view.subtitle)
            self.authors.setText("　".join(view.authors))
            self.page.setValue(view.page or 0)
            for w in (self.title, self.subtitle, self.authors, self.page):
                w.setReadOnly(not view.editable)
        finally:
            self._filling = False
        self._shown_meta = self._meta()
        self._show_info(view)

    def _show_info(self, view: ArticleView) -> None:
        kind = "" if view.kind == "article" else f"[{labels.kind(view.kind)}] "
        self.section.setText(kind + (f"《{view.section}》" if view.section else ""))
        color = labels.REVIEW_COLOR.get(view.review_status, "#666")
        who = f" · {view.review_by}" if view.review_by else ""
        when = f" · {labels.when(view.review_at)}" if view.review_at else ""
        self.status.setText(
            f"<span style='color:{color}; font-weight:600'>● {labels.review(view.review_status)}</span>"
            f"<span style='color:#666'>{who}{when}</span>"
        )
        self.set_revision(view.revision_number)

    def set_revision(self, number: int, dirty: bool = False) -> None:
        text = self.tr("第 {0} 版").format(number)
        if dirty:
            text += self.tr(" · 未保存")
        self.revision.setText(text)

    def set_review(self, status: str, who: str, when: str | None) -> None:
        if self._view is None:
            return
        self._view.review_status, self._view.review_by, self._view.review_at = status, who, when
        self._show_info(self._view)

    def _meta(self) -> dict:
        return {
            "subtitle": self.subtitle.text().strip(),
            "authors": split_authors(self.authors.text()),
            "page": self.page.value(),
        }

    def _meta_changed(self) -> None:
        if self._filling or self._view is None or not self._view.editable:
            return
        meta = self._meta()
        if meta != self._shown_meta:
            self._shown_meta = meta
            self.meta_edited.emit(meta)
