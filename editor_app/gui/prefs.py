"""首选项: user name (recorded on revisions, comments and tracked changes), language,
editor font size; rule categories and single rules on/off (the specific setting
wins); the allowlist of accepted words; the house lexicon (词库, prefs_lexicon.py)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from editor_app.services import workspace
from editor_app.services.workspace import CheckSettings

from . import labels
from .dialogs.identity import fill_roles
from .i18n import LANGUAGES
from .prefs_lexicon import LexiconPage
from .prefs_library import LibraryPage
from .session import Session

ROLE = Qt.ItemDataRole.UserRole


@dataclass
class Prefs:
    user_name: str
    user_role: str
    language: str
    font_size: int
    checks: CheckSettings
    checks_changed: bool
    allowlist_changed: bool


class PreferencesDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.session = session
        self.settings = session.settings
        self.checks = CheckSettings()
        self._loaded_checks: dict = {}
        self.catalogue = workspace.rule_catalogue()
        self.allow_entries: list = []
        self.allowlist_changed = False
        self.tabs = QTabWidget(objectName="prefsTabs")
        # general
        self.user = QLineEdit(self.settings.user_name, objectName="prefsUser")
        self.role = QComboBox(objectName="prefsRole")
        self.language = QComboBox(objectName="prefsLanguage")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(self.settings.language), 0))
        self.font_size = QSpinBox(objectName="prefsFontSize")
        self.font_size.setRange(9, 36)
        self.font_size.setValue(self.settings.font_size)
        self.l_user, self.l_language, self.l_font, self.l_note = QLabel(), QLabel(), QLabel(), QLabel()
        self.l_role = QLabel()
        self.l_note.setWordWrap(True)
        self.l_note.setStyleSheet("color:#666")
        general = QWidget()
        form = QFormLayout(general)
        form.addRow(self.l_user, self.user)
        form.addRow(self.l_role, self.role)
        form.addRow(self.l_language, self.language)
        form.addRow(self.l_font, self.font_size)
        form.addRow(self.l_note)
        # rules
        self.rules = QTreeWidget(objectName="prefsRules")
        self.rules.setColumnCount(3)
        self.rules.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.rules.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.rules.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.rules.header().setStretchLastSection(False)
        self.l_rules = QLabel()
        self.l_rules.setWordWrap(True)
        rules_page = QWidget()
        rl = QVBoxLayout(rules_page)
        rl.addWidget(self.l_rules)
        rl.addWidget(self.rules, 1)
        # allowlist
        self.allow = QTableWidget(objectName="prefsAllowlist")
        self.allow.setColumnCount(3)
        self.allow.verticalHeader().hide()
        self.allow.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.allow.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.allow.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.allow_word = QLineEdit(objectName="prefsAllowWord")
        self.allow_scope = QComboBox(objectName="prefsAllowScope")
        self.allow_rule = QComboBox(objectName="prefsAllowRule")
        self.b_add = QPushButton(objectName="prefsAllowAdd")
        self.b_remove = QPushButton(objectName="prefsAllowRemove")
        add_row = QHBoxLayout()
        add_row.addWidget(self.allow_word, 2)
        add_row.addWidget(self.allow_scope, 1)
        add_row.addWidget(self.allow_rule, 2)
        add_row.addWidget(self.b_add)
        allow_page = QWidget()
        al = QVBoxLayout(allow_page)
        al.addWidget(self.allow, 1)
        al.addLayout(add_row)
        al.addWidget(self.b_remove, 0, Qt.AlignmentFlag.AlignLeft)
        self.tabs.addTab(general, "")
        self.tabs.addTab(rules_page, "")
        self.tabs.addTab(allow_page, "")
        self.lexicon = LexiconPage(session)  # 词库: its own module
        self.tabs.addTab(self.lexicon, "")
        self.library_page = LibraryPage(session.settings, session.location_text())  # 资料库
        self.tabs.addTab(self.library_page, "")
        self.accepted.connect(self.library_page.save)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.buttons)
        self.resize(760, 560)
        self.rules.itemChanged.connect(self._rule_toggled)
        self.b_add.clicked.connect(self._add_allow)
        self.allow_word.returnPressed.connect(self._add_allow)
        self.b_remove.clicked.connect(self._remove_allow)
        self.retranslate()
        self.load()

    # -- texts -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("首选项"))
        self.tabs.setTabText(0, self.tr("常规"))
        self.tabs.setTabText(1, self.tr("校对规则"))
        self.tabs.setTabText(2, self.tr("白名单"))
        self.tabs.setTabText(3, self.tr("词库"))
        self.tabs.setTabText(4, self.tr("资料库"))
        self.l_user.setText(self.tr("用户名"))
        self.user.setPlaceholderText(self.tr("记录在修订、批注和修订痕迹中"))
        self.l_role.setText(self.tr("岗位"))
        fill_roles(self.role, self.role.currentData() or self.settings.user_role)
        self.l_language.setText(self.tr("界面语言"))
        self.l_font.setText(self.tr("正文字号"))
        self.font_size.setSuffix(self.tr(" 磅"))
        self.l_note.setText(self.tr("修改会在停止输入 1.5 秒后自动保存，切换文章或关闭窗口时也会保存。"))
        self.l_rules.setText(self.tr("关闭整类或单条规则。单条规则的设置优先于类别设置。确定后将重新校对本期。"))
        self.rules.setHeaderLabels([self.tr("规则"), self.tr("级别"), self.tr("编号")])
        self.allow.setHorizontalHeaderLabels([self.tr("词语"), self.tr("范围"), self.tr("适用规则")])
        self.allow_word.setPlaceholderText(self.tr("接受的词语（人名、术语、引文…）"))
        self.b_add.setText(self.tr("添加"))
        self.b_remove.setText(self.tr("删除所选"))
        scope = self.allow_scope.currentData()
        self.allow_scope.clear()
        self.allow_scope.addItem(self.tr("全库"), None)
        if self.session.issue_id is not None:
            self.allow_scope.addItem(self.tr("本期"), self.session.issue_id)
        self.allow_scope.setCurrentIndex(max(self.allow_scope.findData(scope), 0))
        rule = self.allow_rule.currentData()
        self.allow_rule.clear()
        self.allow_rule.addItem(self.tr("所有规则"), None)
        for cat, rules in self.catalogue.items():
            self.allow_rule.addItem(self.tr("类别：{0}").format(labels.category(cat)), cat)
            for r in rules:
                self.allow_rule.addItem(f"    {labels.rule_title(r.id)}", r.id)
        self.allow_rule.setCurrentIndex(max(self.allow_rule.findData(rule), 0))
        self._fill_rules()
        self._fill_allow()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- data --------------------------------------------------------------------------------

    def load(self) -> None:
        issue = self.session.issue_id

        def fetch(ctx):
            return workspace.check_settings(ctx.lib), workspace.allowlist(ctx.lib, issue)

        def done(result) -> None:
            self.checks, self.allow_entries = result
            self._loaded_checks = self.checks.to_dict()
            self._fill_rules()
            self._fill_allow()

        self.session.read(fetch, done)

    def _fill_rules(self) -> None:
        self.rules.blockSignals(True)
        self.rules.clear()
        for cat, rules in self.catalogue.items():
            top = QTreeWidgetItem([labels.category(cat), "", cat])
            top.setData(0, ROLE, ("category", cat))
            top.setFlags(top.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            on = cat not in self.checks.disabled_categories
            top.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.rules.addTopLevelItem(top)
            for r in rules:
                item = QTreeWidgetItem([labels.rule_title(r.id), labels.severity(r.severity), r.id])
                item.setForeground(2, QBrush(QColor("#999")))  # the id: for support and configuration
                item.setToolTip(0, r.explanation)
                item.setData(0, ROLE, ("rule", r.id))
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(0, Qt.CheckState.Checked if self.checks.is_enabled(r.id)
                                   else Qt.CheckState.Unchecked)
                top.addChild(item)
            top.setExpanded(True)
        self.rules.blockSignals(False)

    def _rule_toggled(self, item: QTreeWidgetItem, col: int) -> None:
        if col != 0:
            return
        kind, code = item.data(0, ROLE)
        on = item.checkState(0) == Qt.CheckState.Checked
        if kind == "category":
            if on:
                self.checks.enable_category(code)
            else:
                self.checks.disable_category(code)
            # the category switch takes back the single-rule overrides inside it
            for r in self.catalogue.get(code, []):
                self.checks.reset_rule(r.id)
        else:
            cat = code.partition(".")[0]
            cat_on = cat not in self.checks.disabled_categories
            if on == cat_on:
                self.checks.reset_rule(code)
            elif on:
                self.checks.enable_rule(code)
            else:
                self.checks.disable_rule(code)
        self._sync_checks()

    def _sync_checks(self) -> None:
        """Show the settings' decision on every item (in place: the items stay valid)."""
        self.rules.blockSignals(True)
        try:
            for i in range(self.rules.topLevelItemCount()):
                top = self.rules.topLevelItem(i)
                _kind, cat = top.data(0, ROLE)
                on = cat not in self.checks.disabled_categories
                top.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                for k in range(top.childCount()):
                    item = top.child(k)
                    _kind, rule_id = item.data(0, ROLE)
                    item.setCheckState(0, Qt.CheckState.Checked if self.checks.is_enabled(rule_id)
                                       else Qt.CheckState.Unchecked)
        finally:
            self.rules.blockSignals(False)

    def _fill_allow(self) -> None:
        self.allow.setRowCount(len(self.allow_entries))
        for r, e in enumerate(self.allow_entries):
            word = QTableWidgetItem(e.word)
            word.setData(ROLE, e.id)
            self.allow.setItem(r, 0, word)
            self.allow.setItem(r, 1, QTableWidgetItem(self.tr("全库") if e.issue_id is None else self.tr("本期")))
            rule = e.rule or ""
            info = workspace.rule_info(rule) if rule else None
            name = labels.rule_title(rule) if info else (labels.category(rule) if rule else self.tr("所有规则"))
            self.allow.setItem(r, 2, QTableWidgetItem(name))

    def _add_allow(self) -> None:
        word = self.allow_word.text().strip()
        if not word:
            return
        scope, rule = self.allow_scope.currentData(), self.allow_rule.currentData()
        self.session.write(
            lambda ctx: workspace.add_allow(ctx.lib, word, scope, rule),
            success=lambda _e: self._allow_changed(),
            origin=self,
        )
        self.allow_word.clear()

    def _remove_allow(self) -> None:
        rows = sorted({i.row() for i in self.allow.selectedIndexes()})
        ids = [self.allow.item(r, 0).data(ROLE) for r in rows]
        if not ids:
            return
        self.session.write(
            lambda ctx: workspace.remove_allows(ctx.lib, ids),
            success=lambda _r: self._allow_changed(),
            origin=self,
        )

    def _allow_changed(self) -> None:
        self.allowlist_changed = True
        issue = self.session.issue_id

        def done(entries) -> None:
            self.allow_entries = entries
            self._fill_allow()

        self.session.read(lambda ctx: workspace.allowlist(ctx.lib, issue), done)

    # -- result ------------------------------------------------------------------------------

    def result_prefs(self) -> Prefs:
        return Prefs(
            user_name=self.user.text().strip(),
            user_role=self.role.currentData() or "",
            language=self.language.currentData(),
            font_size=self.font_size.value(),
            checks=self.checks,
            checks_changed=self.checks.to_dict() != self._loaded_checks,
            allowlist_changed=self.allowlist_changed,
        )
