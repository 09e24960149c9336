"""期刊概览: per article the open findings by category, the review status (who, when)
and the error rate per 10,000 characters against the limit (万分之二), and the
same for the issue as a whole."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor_app.model import CATEGORIES
from editor_app.services import workspace

from . import labels
from .session import Session


class WrapLabel(QLabel):
    """A word-wrapping label that asks for its one-line width (a wrapping QLabel asks for
    much less and wraps even where there is room) but can shrink and wrap."""

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.setWordWrap(True)

    def sizeHint(self) -> QSize:  # noqa: N802
        doc = QTextDocument()
        doc.setDefaultFont(self.font())
        doc.setDocumentMargin(0)
        if self.textFormat() == Qt.TextFormat.RichText:
            doc.setHtml(self.text())
        else:
            doc.setPlainText(self.text())
        m = self.contentsMargins()
        w = int(doc.idealWidth()) + 2 + m.left() + m.right()
        return QSize(w, self.heightForWidth(w))

ROLE = Qt.ItemDataRole.UserRole
COL_PAGE, COL_TITLE = 0, 1
COL_CATS = 2  # then one column per category
COL_TOTAL = COL_CATS + len(CATEGORIES)
COL_RATE, COL_REVIEW = COL_TOTAL + 1, COL_TOTAL + 2
NUM_WIDTH = 46


class _Num(QTableWidgetItem):
    """A cell that sorts by number."""

    def __init__(self, value: float | None, text: str):
        super().__init__(text)
        self.value = -1.0 if value is None else float(value)
        self.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def __lt__(self, other) -> bool:
        return self.value < getattr(other, "value", -1.0)


class IssueOverviewView(QWidget):
    article_chosen = Signal(int)
    review_requested = Signal(int, str)  # seg_id, status code

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("overviewView")
        self.session = session
        self.issue_id: int | None = None
        self.data: workspace.IssueOverview | None = None
        self._token = 0
        self._stale = False
        self.heading = WrapLabel(objectName="overviewHeading")
        hf = self.heading.font()
        hf.setPointSizeF(hf.pointSizeF() * 1.5)
        hf.setBold(True)
        self.heading.setFont(hf)
        self.rate = WrapLabel(objectName="overviewRate")
        rf = self.rate.font()
        rf.setPointSizeF(rf.pointSizeF() * 1.25)
        self.rate.setFont(rf)
        self.rate.setTextFormat(Qt.TextFormat.RichText)
        self.stats = QLabel(objectName="overviewStats")
        self.stats.setTextFormat(Qt.TextFormat.RichText)
        self.stats.setWordWrap(True)
        card = QFrame(objectName="overviewCard")
        card.setStyleSheet("#overviewCard { background:#f6f8fa; border:1px solid #e1e4e8; border-radius:6px; }")
        cl = QVBoxLayout(card)
        cl.setContentsMargins(16, 12, 16, 12)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.rate)
        cl.addLayout(top)
        cl.addWidget(self.stats)
        self.table = QTableWidget(objectName="overviewTable")
        self.table.setColumnCount(COL_REVIEW + 1)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        hdr = self.table.horizontalHeader()
        hdr.setMinimumSectionSize(36)
        hdr.setStretchLastSection(False)
        hdr.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        hdr.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        hdr.setSectionResizeMode(COL_REVIEW, QHeaderView.ResizeMode.Interactive)
        hdr.resizeSection(COL_PAGE, 44)
        for c in range(COL_CATS, COL_RATE):
            hdr.resizeSection(c, NUM_WIDTH)
        hdr.resizeSection(COL_RATE, 70)
        hdr.resizeSection(COL_REVIEW, 210)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        self.table.itemActivated.connect(self._activated)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(16, 16, 16, 16)
        lay.setSpacing(12)
        lay.addWidget(card)
        lay.addWidget(self.table, 1)
        session.changed.connect(self._on_changed)
        self.retranslate()

    def retranslate(self) -> None:
        heads = [self.tr("页码"), self.tr("篇目")] + [labels.category_short(c) for c in CATEGORIES] + [
            self.tr("合计"), self.tr("差错率‱"), self.tr("审校")]
        self.table.setHorizontalHeaderLabels(heads)
        fm = self.table.horizontalHeader().fontMetrics()
        for k, c in enumerate(CATEGORIES):
            self.table.horizontalHeaderItem(COL_CATS + k).setToolTip(labels.category(c))
        for col in (COL_PAGE, *range(COL_CATS, COL_REVIEW)):
            need = fm.horizontalAdvance(heads[col]) + 18
            self.table.horizontalHeader().resizeSection(col, max(need, 44 if col == COL_PAGE else NUM_WIDTH))
        self.table.horizontalHeaderItem(COL_RATE).setToolTip(
            self.tr("每万字待处理的错误数（不含“疑似”和“提示”），上限为万分之二"))
        self._fill()

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        # in a narrow window the review column gives way first: titles keep ~180 px
        hdr = self.table.horizontalHeader()
        fixed = sum(hdr.sectionSize(c) for c in range(COL_REVIEW) if c != COL_TITLE)
        room = self.table.viewport().width() - fixed - 180
        hdr.resizeSection(COL_REVIEW, max(90, min(room, 210)))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_issue(self, issue_id: int | None) -> None:
        self.issue_id = issue_id
        self.data = None
        self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Fetch the overview now if it is on screen; otherwise when it is next shown."""
        if not self.isVisible() and self.issue_id is not None:
            self._stale = True
            return
        self._stale = False
        if self.issue_id is None:
            self.data = None
            self._fill()
            return
        self._token += 1
        token, issue = self._token, self.issue_id

        def done(data) -> None:
            if token == self._token:
                self.data = data
                self._fill()

        self.session.read(lambda ctx: workspace.issue_overview(ctx.lib, issue), done)

    def _on_changed(self, changes, _origin) -> None:
        if self.issue_id is not None and changes.concerns(self.issue_id) and (
            changes.findings or changes.text or changes.header or changes.review or changes.issues
            or changes.structure
        ):
            self.refresh()

    def _fill(self) -> None:
        d = self.data
        self.table.setSortingEnabled(False)
        self.table.setRowCount(0)
        if d is None:
            self.heading.setText(self.tr("未打开期刊"))
            self.rate.setText("")
            self.stats.setText(self.tr("从“期刊库”打开一期，或用“文件 → 导入”导入整期文本。"))
            return
        self.heading.setText(d.label)
        color = labels.OVER_LIMIT_COLOR if d.over_limit else "#1b5e20"
        verdict = self.tr("超出万分之二") if d.over_limit else self.tr("未超过万分之二")
        self.rate.setText(
            self.tr("全期差错率 <b style='color:{0}'>{1:.2f}</b> ‱ · {2}").format(color, d.issue_rate, verdict))
        cats = " · ".join(
            f"<span style='color:{labels.CATEGORY_COLOR[c]}'>■</span> {labels.category(c)} {d.totals.get(c, 0)}"
            for c in CATEGORIES)
        review = " · ".join(f"{labels.review(code)} {d.review_counts.get(code, 0)}"
                            for code in labels.REVIEW)
        checked = labels.when(d.checked_at) or self.tr("尚未校对")
        self.stats.setText(
            self.tr("待处理问题：{0}<br>其中错误 {1} 处 · 正文 {2} 字 · 文章审校：{3} · 上次校对：{4}").format(
                cats, d.errors, f"{d.chars:,}", review, checked))
        self.table.setRowCount(len(d.rows))
        for r, row in enumerate(d.rows):
            page = _Num(row.page, str(row.page) if row.page else "")
            page.setData(ROLE, row.seg_id)
            self.table.setItem(r, COL_PAGE, page)
            title = QTableWidgetItem(labels.segment_title(row.kind, row.title) if row.kind != "article"
                                     else row.title)
            title.setToolTip(f"{row.section}\n{row.title}" if row.section else row.title)
            title.setData(ROLE, row.seg_id)
            self.table.setItem(r, COL_TITLE, title)
            for k, c in enumerate(CATEGORIES):
                n = row.counts.get(c, 0)
                cell = _Num(n, str(n) if n else "·")
                if n:
                    cell.setForeground(QBrush(labels.category_color(c)))
                else:
                    cell.setForeground(QBrush(QColor("#bbbbbb")))
                self.table.setItem(r, COL_CATS + k, cell)
            self.table.setItem(r, COL_TOTAL, _Num(row.open_total, str(row.open_total)))
            rate = _Num(row.rate, f"{row.rate:.2f}" if row.rate is not None else "—")
            if row.over_limit:
                rate.setForeground(QBrush(QColor(labels.OVER_LIMIT_COLOR)))
                f = rate.font()
                f.setBold(True)
                rate.setFont(f)
            self.table.setItem(r, COL_RATE, rate)
            who = f" · {row.review_by}" if row.review_by else ""
            when = f" · {labels.when(row.review_at, short=True)}" if row.review_at else ""
            st = QTableWidgetItem("● " + labels.review(row.review_status) + who + when)
            st.setForeground(QBrush(QColor(labels.REVIEW_COLOR.get(row.review_status, "#666"))))
            if row.review_at:
                st.setToolTip(f"{labels.review(row.review_status)}\n{row.review_by}\n"
                              f"{labels.when(row.review_at)}")
            self.table.setItem(r, COL_REVIEW, st)
        self.table.setSortingEnabled(True)

    def seg_at(self, row: int) -> int | None:
        item = self.table.item(row, COL_TITLE)
        return item.data(ROLE) if item is not None else None

    def _activated(self, item: QTableWidgetItem) -> None:
        seg = self.seg_at(item.row())
        if seg is not None:
            self.article_chosen.emit(seg)

    def _menu(self, pos) -> None:
        item = self.table.itemAt(pos)
        if item is None:
            return
        seg = self.seg_at(item.row())
        menu = QMenu(self)
        menu.addAction(self.tr("打开"), lambda: self.article_chosen.emit(seg))
        sub = menu.addMenu(self.tr("审校状态"))
        for code in labels.REVIEW:
            sub.addAction(labels.review(code), lambda _checked=False, c=code: self.review_requested.emit(seg, c))
        menu.exec(self.table.viewport().mapToGlobal(pos))
