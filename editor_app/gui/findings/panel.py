"""校对 panel: the stored findings of the open article (or the whole issue), grouped by
category and rule, with filters for severity, status and category."""

from __future__ import annotations

import html
from collections import defaultdict

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor_app.model import CATEGORIES, SEVERITIES, Finding
from editor_app.services import workspace

from .. import labels
from ..session import Session

ROLE = Qt.ItemDataRole.UserRole
SCOPE_ARTICLE, SCOPE_ISSUE = "article", "issue"
EXCERPT_MAX = 16
LEAVES_PER_RULE = 400  # more than this in one rule: the rest are listed on demand


def short(text: str, n: int = EXCERPT_MAX) -> str:
    text = text.replace("\n", "⏎")
    return text if len(text) <= n else text[: n - 1] + "…"


class FindingsPanel(QWidget):
    activated = Signal(object, bool)  # Finding, move focus to the editor
    bulk_requested = Signal(str)  # rule id

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("findingsPanel")
        self.session = session
        self.issue_id: int | None = None
        self.seg_id: int | None = None
        self.findings: list[Finding] = []
        self.seg_labels: dict[int, str] = {}
        self.contexts: dict[int, tuple[str, str]] = {}
        self._updating = False
        self._token = 0
        self._expanded_rules: set[str] = set()
        self._select_after_refresh: Finding | None = None
        self.scope = QComboBox(objectName="findingsScope")
        self.severity = QComboBox(objectName="findingsSeverity")
        self.status = QComboBox(objectName="findingsStatus")
        self.category = QComboBox(objectName="findingsCategory")
        self.summary = QLabel(objectName="findingsSummary")
        self.summary.setStyleSheet("color:#555")
        self.tree = QTreeWidget(objectName="findingsTree")
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setIndentation(14)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.detail = QLabel(objectName="findingDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setStyleSheet("#findingDetail { background:#fbfaf6; border:1px solid #e6e1d6;"
                                  " border-radius:4px; padding:6px; }")
        self.detail.hide()
        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(4)
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(4)
        grid.addWidget(self.scope, 0, 0)
        grid.addWidget(self.status, 0, 1)
        grid.addWidget(self.category, 1, 0)
        grid.addWidget(self.severity, 1, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.setSpacing(6)
        lay.addLayout(grid)
        lay.addWidget(self.summary)
        lay.addWidget(self.tree, 1)
        lay.addWidget(self.detail)
        lay.addLayout(self.buttons)
        self.menu_actions: list[QAction | None] = []
        self.retranslate()
        for combo in (self.scope, self.severity, self.status, self.category):
            combo.currentIndexChanged.connect(self._filters_changed)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.itemActivated.connect(self._item_activated)
        session.changed.connect(self._on_changed)

    # -- texts ---------------------------------------------------------------------------

    def retranslate(self) -> None:
        def fill(combo: QComboBox, items: list[tuple[str, str | None]]) -> None:
            first = combo.count() == 0
            cur = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for text, data in items:
                combo.addItem(text, data)
            i = -1 if first else combo.findData(cur)
            combo.setCurrentIndex(i if i >= 0 else 0)
            combo.blockSignals(False)

        fill(self.scope, [(self.tr("本文"), SCOPE_ARTICLE), (self.tr("全期"), SCOPE_ISSUE)])
        fill(self.status, [(self.tr("待处理"), "open"), (self.tr("已忽略"), "dismissed"),
                           (self.tr("已解决"), "resolved"), (self.tr("全部状态"), None)])
        fill(self.severity, [(self.tr("全部级别"), None)] + [(labels.severity(s), s) for s in SEVERITIES])
        fill(self.category, [(self.tr("全部类别"), None)] + [(labels.category(c), c) for c in CATEGORIES])
        self.scope.setToolTip(self.tr("显示本文或全期的问题"))
        self.rebuild()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def add_button(self, action: QAction) -> None:
        b = QToolButton()
        b.setDefaultAction(action)
        b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.buttons.addWidget(b)

    # -- data ------------------------------------------------------------------------------

    def set_issue(self, issue_id: int | None, seg_id: int | None = None) -> None:
        """Show an issue (and the article about to open, if known: one query, not two)."""
        self.issue_id = issue_id
        self.seg_id = seg_id
        self.findings = []
        self.refresh()

    def set_article(self, seg_id: int | None) -> None:
        if seg_id == self.seg_id:
            return
        was_none, self.seg_id = self.seg_id is None, seg_id
        if self.scope.currentData() == SCOPE_ARTICLE or was_none:
            self.refresh()

    @property
    def scope_is_issue(self) -> bool:
        """Listing the whole issue: chosen, or no article is open."""
        return self.scope.currentData() == SCOPE_ISSUE or self.seg_id is None

    def refresh(self) -> None:
        if self.issue_id is None:
            self.findings = []
            self.rebuild()
            return
        self._token += 1
        token = self._token
        issue = self.issue_id
        seg = None if self.scope_is_issue else self.seg_id

        def fetch(ctx):
            fs = workspace.findings_of(ctx.lib, issue, seg)
            names = {r.id: labels.segment_title(r.kind, r.title, r.page) for r in ctx.lib.segments(issue)}
            return fs, names, workspace.finding_contexts(ctx.lib, fs)

        def done(result) -> None:
            if token != self._token:
                return
            self.findings, self.seg_labels, self.contexts = result
            self.rebuild()

        self.session.read(fetch, done)

    def _on_changed(self, changes, _origin: object) -> None:
        if self.issue_id is None:
            return
        seg = None if self.scope_is_issue else self.seg_id
        if changes.findings_of(self.issue_id, seg) or changes.text_of(self.issue_id, seg):
            self.refresh()

    def _filters_changed(self, *_args) -> None:
        if self.sender() is self.scope:
            self.refresh()
        else:
            self.rebuild()

    def visible_findings(self) -> list[Finding]:
        sev, st, cat = self.severity.currentData(), self.status.currentData(), self.category.currentData()
        return [
            f for f in self.findings
            if (sev is None or f.severity == sev) and (st is None or f.status == st)
            and (cat is None or f.category == cat)
        ]

    # -- tree ------------------------------------------------------------------------------

    def rebuild(self) -> None:
        keep = self.current()
        self._updating = True
        self.tree.setUpdatesEnabled(False)
        try:
            self.tree.clear()
            shown = self.visible_findings()
            by_cat: dict[str, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
            for f in shown:
                by_cat[f.category][f.rule].append(f)
            bold = self.tree.font()
            bold.setBold(True)
            for cat in CATEGORIES:
                rules = by_cat.get(cat)
                if not rules:
                    continue
                n = sum(len(v) for v in rules.values())
                top = QTreeWidgetItem([f"{labels.category(cat)}  ({n})"])
                top.setForeground(0, QBrush(labels.category_color(cat)))
                top.setFont(0, bold)
                top.setData(0, ROLE, ("category", cat))
                self.tree.addTopLevelItem(top)
                for rule, items in rules.items():
                    info = workspace.rule_info(rule)
                    mid = QTreeWidgetItem([f"{labels.rule_title(rule)}  ({len(items)})"])
                    mid.setToolTip(0, info.explanation if info else "")
                    mid.setData(0, ROLE, ("rule", rule))
                    top.addChild(mid)
                    limit = len(items) if rule in self._expanded_rules else LEAVES_PER_RULE
                    for f in items[:limit]:
                        mid.addChild(self._leaf(f))
                    if len(items) > limit:
                        more = QTreeWidgetItem([self.tr("… 另有 {0} 处（展开全部）").format(len(items) - limit)])
                        more.setData(0, ROLE, ("more", rule))
                        more.setForeground(0, QBrush(QColor("#777")))
                        mid.addChild(more)
                    mid.setExpanded(len(rules) <= 6 and len(items) <= 60)
                top.setExpanded(True)
            self._show_summary(shown)
        finally:
            self.tree.setUpdatesEnabled(True)
            self._updating = False
        pending, self._select_after_refresh = self._select_after_refresh, None
        if pending is not None and self.select(pending, emit=True):
            return
        if keep is not None:
            self.select(keep, emit=False)

    def _leaf(self, f: Finding) -> QTreeWidgetItem:
        sug = f"  → {short(f.suggestion, 8) or self.tr('（删除）')}" if f.suggestion is not None else ""
        left, right = self.contexts.get(f.id, ("", "")) if f.id is not None else ("", "")
        where = ""
        if self.scope_is_issue:
            where = short(self.seg_labels.get(f.segment.id if f.segment else None, ""), 12) + "  "
        text = f"{where}{left}【{short(f.excerpt, 10)}】{right}{sug}"
        item = QTreeWidgetItem([text])
        tip = (f"{labels.finding_message(f)}\n{labels.rule_title(f.rule)} · "
               f"{labels.severity(f.severity)} · {labels.status(f.status)}")
        if f.reason:
            tip += "\n" + self.tr("忽略理由：{0}").format(f.reason)
        if self.scope_is_issue:
            tip = self.seg_labels.get(f.segment.id if f.segment else None, "") + "\n" + tip
        item.setToolTip(0, tip)
        item.setData(0, ROLE, ("finding", f))
        if f.status != "open":
            item.setForeground(0, QBrush(QColor("#8a8a8a")))
        elif f.severity == "error":
            item.setForeground(0, QBrush(QColor("#b71c1c")))
        return item

    def _show_summary(self, shown: list[Finding]) -> None:
        n_open = sum(1 for f in self.findings if f.status == "open")
        errors = sum(1 for f in self.findings if f.status == "open" and f.severity == "error")
        if self.issue_id is None:
            self.summary.setText(self.tr("未打开期刊"))
        else:
            text = self.tr("显示 {0} 处 · 待处理 {1} 处，其中错误 {2} 处").format(len(shown), n_open, errors)
            if self.seg_id is None and self.scope.currentData() == SCOPE_ARTICLE:
                text = self.tr("未打开文章，显示全期的问题") + "\n" + text
            self.summary.setText(text)

    def _leaves(self) -> list[QTreeWidgetItem]:
        out = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount()):
                mid = top.child(j)
                for k in range(mid.childCount()):
                    leaf = mid.child(k)
                    if leaf.data(0, ROLE)[0] == "finding":
                        out.append(leaf)
        return out

    @staticmethod
    def _finding_of(item: QTreeWidgetItem | None) -> Finding | None:
        if item is None:
            return None
        data = item.data(0, ROLE)
        return data[1] if data and data[0] == "finding" else None

    def current(self) -> Finding | None:
        return self._finding_of(self.tree.currentItem())

    def current_rule(self) -> str | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        kind, value = item.data(0, ROLE)
        if kind == "finding":
            return value.rule
        if kind in ("rule", "more"):
            return value
        return None

    def select(self, f: Finding, emit: bool = False) -> bool:
        """Make ``f`` the current item (matched by id, else rule and fingerprint)."""
        for leaf in self._leaves():
            g = self._finding_of(leaf)
            if (f.id is not None and g.id == f.id) or (g.rule == f.rule and g.fingerprint == f.fingerprint
                                                       and g.segment == f.segment):
                self._updating = not emit
                try:
                    leaf.parent().setExpanded(True)
                    self.tree.setCurrentItem(leaf)
                    self.tree.scrollToItem(leaf)
                finally:
                    self._updating = False
                return True
        return False

    def neighbour(self, f: Finding) -> Finding | None:
        """The finding listed after ``f`` (else before it): where to go once ``f`` is dealt with."""
        leaves = [self._finding_of(lf) for lf in self._leaves()]
        idx = next((k for k, g in enumerate(leaves) if (f.id is not None and g.id == f.id)
                    or (g.rule == f.rule and g.fingerprint == f.fingerprint)), None)
        if idx is None:
            return None
        rest = leaves[idx + 1:] or leaves[:idx][-1:]
        return rest[0] if rest else None

    def select_after_refresh(self, f: Finding | None) -> None:
        """Make ``f`` current (and show it) once the list has been refreshed."""
        self._select_after_refresh = f

    def step(self, direction: int) -> Finding | None:
        """Select the next (+1) or previous (-1) finding in list order, wrapping around."""
        leaves = self._leaves()
        if not leaves:
            return None
        cur = self.tree.currentItem()
        idx = leaves.index(cur) if cur in leaves else (-1 if direction > 0 else 0)
        leaf = leaves[(idx + direction) % len(leaves)]
        leaf.parent().setExpanded(True)
        self._updating = True
        try:
            self.tree.setCurrentItem(leaf)
            self.tree.scrollToItem(leaf)
        finally:
            self._updating = False
        f = self._finding_of(leaf)
        self.activated.emit(f, False)
        return f

    def show_detail(self, f: Finding | None) -> None:
        """The current finding in full under the list: the rule's title, message, suggestion;
        the rule's id only in a small grey "details" line (for support)."""
        if f is None:
            self.detail.hide()
            return
        info = workspace.rule_info(f.rule)
        color = labels.CATEGORY_COLOR.get(f.category, "#555")
        parts = [f"<b style='color:{color}'>{html.escape(labels.category(f.category))}</b> · "
                 f"{html.escape(labels.severity(f.severity))} · {html.escape(labels.status(f.status))}",
                 f"<b>{html.escape(labels.rule_title(f.rule))}</b>",
                 html.escape(labels.finding_message(f))]
        if f.suggestion is not None:
            parts.append(self.tr("建议：「{0}」→「{1}」").format(
                html.escape(f.excerpt), html.escape(f.suggestion) or self.tr("（删除）")))
        if f.reason:
            parts.append(html.escape(self.tr("忽略理由：{0}").format(f.reason)))
        # the id only in a small grey line for support
        parts.append(f"<span style='color:#999; font-size:small'>"
                     f"{html.escape(labels.support_line(f.rule))}</span>")
        self.detail.setText("<br>".join(parts))
        self.detail.setToolTip(info.explanation if info else "")
        self.detail.show()

    def _current_changed(self, cur: QTreeWidgetItem | None, _prev) -> None:
        self.show_detail(self._finding_of(cur))
        if self._updating:
            return
        f = self._finding_of(cur)
        if f is not None:
            self.activated.emit(f, False)

    def _item_activated(self, item: QTreeWidgetItem, _col: int) -> None:
        data = item.data(0, ROLE)
        if data and data[0] == "more":
            self._expanded_rules.add(data[1])
            self.rebuild()
            return
        f = self._finding_of(item)
        if f is not None:
            self.activated.emit(f, True)

    def _menu(self, pos) -> None:
        item = self.tree.itemAt(pos)
        if item is None:
            return
        menu = QMenu(self)
        kind, value = item.data(0, ROLE)
        if kind == "finding":
            for act in self.menu_actions:
                if act is None:
                    menu.addSeparator()
                else:
                    menu.addAction(act)
        rule = self.current_rule() if kind == "finding" else (value if kind in ("rule", "more") else None)
        if rule:
            info = workspace.rule_info(rule)
            if info and info.bulk_fixable:
                menu.addSeparator()
                act = menu.addAction(self.tr("批量修改“{0}”…").format(labels.rule_title(rule)))
                act.triggered.connect(lambda: self.bulk_requested.emit(rule))
        if not menu.isEmpty():
            menu.exec(self.tree.viewport().mapToGlobal(pos))
