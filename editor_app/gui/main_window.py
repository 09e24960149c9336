"""The main window: docks (期刊库, 目录, 校对, 检索), the central overview and article
tabs, menus and toolbar built from the action table, status bar, drag and drop."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QToolBar,
    QWidget,
)

from editor_app.model import Finding
from editor_app.services import editing, workspace
from editor_app.services.workspace import SearchHit

from . import actions as acts
from . import labels
from .actions import MENUS, SEP, STATUS_ACTIONS, TOOLBAR, A, ActionFactory
from .article.live_check import LiveChecker
from .article.pane import ArticlePane
from .commands import CommandsMixin, exporting_available
from .findings.panel import FindingsPanel
from .i18n import Translations
from .offline import OfflineStatus
from .overview import IssueOverviewView
from .page_view import PageView
from .search import LibrarySearch
from .session import Session
from .toc.contents import ContentsView
from .toc.library import LibraryView
from .window_commands import EditActions, WindowCommandsMixin

TAB_OVERVIEW, TAB_ARTICLE = 0, 1


class MainWindow(WindowCommandsMixin, CommandsMixin, QMainWindow):
    error_shown = Signal(str, str)
    issue_opened = Signal(int)
    article_opened = Signal(int)

    def __init__(self, session: Session, translations: Translations, live: LiveChecker | None = None):
        super().__init__()
        self.setObjectName("mainWindow")
        self.session = session
        self.translations = translations
        self.live = live or LiveChecker(synchronous=session.synchronous, parent=self)
        self.last_error: tuple[str, str] | None = None
        self.session.runner.dialog_parent = self
        self.actions = ActionFactory(self)
        # central
        self.overview = IssueOverviewView(session)
        self.pane = ArticlePane(session, self.live)
        self.tabs = QTabWidget(objectName="centralTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.overview, "")
        self.tabs.addTab(self.pane, "")
        self.setCentralWidget(self.tabs)
        # docks
        self.library = LibraryView(session)
        self.contents = ContentsView(session)
        self.findings = FindingsPanel(session)
        self.search = LibrarySearch(session)
        self.d_library = self._dock("libraryDock", self.library, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.d_contents = self._dock("contentsDock", self.contents, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.tabifyDockWidget(self.d_library, self.d_contents)
        self.d_contents.raise_()
        self.d_findings = self._dock("findingsDock", self.findings, Qt.DockWidgetArea.RightDockWidgetArea)
        self.d_search = self._dock("searchDock", self.search, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.d_search.hide()
        self.page_view = PageView(session, self.pane)  # 版面: the PDF proof beside the article (F7)
        self.d_page = self._dock("pageDock", self.page_view, Qt.DockWidgetArea.RightDockWidgetArea)
        self.splitDockWidget(self.d_page, self.d_findings, Qt.Orientation.Horizontal)
        self.d_page.hide()
        self.docks = [self.d_library, self.d_contents, self.d_findings, self.d_search, self.d_page]
        self.d_contents.setMinimumWidth(140)  # never so narrow that titles collapse to "…"
        for act in (A.APPLY_FIX, A.DISMISS, A.REOPEN, A.BULK_FIX):
            self.findings.add_button(self.actions[act])
        self.findings.menu_actions = [self.actions[A.APPLY_FIX], self.actions[A.DISMISS], self.actions[A.REOPEN],
                                      None, self.actions[A.ALLOW_WORD]]
        self._build_menus()
        self._build_toolbar()
        self.save_label = QLabel(objectName="saveState")
        self.user_label = QLabel(objectName="userLabel")
        self.library_label = QLabel(objectName="libraryLabel")
        self.statusBar().addPermanentWidget(self.save_label)
        self.statusBar().addPermanentWidget(self.user_label)
        self.offline = OfflineStatus(self, session)  # 离线 and saves pending (server library only)
        self.statusBar().addPermanentWidget(self.library_label)
        self.setAcceptDrops(True)
        self._connect()
        self.edit_actions = EditActions(self, self.pane.editor)
        self.retranslate()
        self.default_state = self.saveState()  # View → 重置布局 returns here
        self.default_docks = {d: not d.isHidden() for d in self.docks}
        self._restore_layout()
        self.update_actions()

    # -- construction ------------------------------------------------------------------

    def _dock(self, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        return dock

    def _build_menus(self) -> None:
        self.menus = {}
        for name, _title, entries in MENUS:
            menu = self.menuBar().addMenu("")
            menu.setObjectName(f"menu_{name}")
            self.menus[name] = menu
            for entry in entries:
                if entry is SEP:
                    menu.addSeparator()
                elif entry == "docks":
                    for d in self.docks:
                        if d is not self.d_page:  # its toggle is A.PAGE_VIEW (F7)
                            menu.addAction(d.toggleViewAction())
                else:
                    menu.addAction(self.actions[entry])

    def _build_toolbar(self) -> None:
        tb = QToolBar(self)
        tb.setObjectName("mainToolbar")
        tb.setMovable(False)
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for entry in TOOLBAR:
            if entry is SEP:
                tb.addSeparator()
            else:
                tb.addAction(self.actions[entry])
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, tb)
        self.toolbar = tb

    def _connect(self) -> None:
        a = self.actions
        handlers = {
            A.IMPORT: lambda: self.import_file(),
            A.EXPORT: self.export_issue,
            A.LIBRARY: self.show_library,
            A.QUIT: self.close,
            A.SAVE: self.pane.flush,
            A.FIND: self.find_in_article,
            A.REPLACE: lambda: self.replace_dialog(),
            A.RESET_LAYOUT: self.reset_layout,
            A.SEARCH_LIBRARY: self.search_library,
            A.PREFERENCES: self.preferences,
            A.CHECK_ISSUE: self.check_issue,
            A.NEXT_FINDING: lambda: self.findings.step(+1),
            A.PREV_FINDING: lambda: self.findings.step(-1),
            A.APPLY_FIX: self.apply_fix,
            A.DISMISS: self.dismiss,
            A.REOPEN: self.reopen,
            A.BULK_FIX: lambda: self.bulk_fix(),
            A.ALLOW_WORD: self.allow_word,
            A.HISTORY: lambda: self.show_history(),
            A.STRUCTURE: lambda: self.show_structure(),
            A.SPLIT_HERE: self.split_here,
            A.UNDO_STRUCTURE: self.undo_structure,
            A.SHOW_OVERVIEW: lambda: self.tabs.setCurrentIndex(TAB_OVERVIEW),
            A.SHOW_ARTICLE: lambda: self.tabs.setCurrentIndex(TAB_ARTICLE),
            A.TOGGLE_SOURCE: lambda: self.pane.set_side_visible(a[A.TOGGLE_SOURCE].isChecked()),
            A.PAGE_VIEW: lambda: self.show_page_view(a[A.PAGE_VIEW].isChecked()),
            A.ZOOM_IN: lambda: self.zoom(+1),
            A.ZOOM_OUT: lambda: self.zoom(-1),
            A.ABOUT: self.about,
            A.REOPEN_ARTICLE: lambda: self.set_review("in_review"),
        }
        for code, aid in STATUS_ACTIONS.items():
            handlers[aid] = lambda _checked=False, c=code: self.set_review(c)
        for aid, fn in handlers.items():
            a[aid].triggered.connect(fn)
        self.library.issue_chosen.connect(self.open_issue)
        self.contents.article_chosen.connect(self.open_article)
        self.overview.article_chosen.connect(self.open_article)
        self.overview.review_requested.connect(lambda seg, code: self.set_review(code, seg))
        self.findings.activated.connect(self.on_finding_activated)
        self.findings.bulk_requested.connect(self.bulk_fix)
        self.pane.finding_clicked.connect(self.on_editor_finding)
        self.pane.article_shown.connect(self._article_shown)
        self.pane.state_changed.connect(self.update_status)
        self.pane.compare_requested.connect(self.show_conflict)
        self.search.hit_chosen.connect(self.open_hit)
        self.page_view.text_chosen.connect(self.on_page_text)
        self.d_page.toggleViewAction().toggled.connect(a[A.PAGE_VIEW].setChecked)
        self.session.failed.connect(self.show_error)
        self.session.changed.connect(self._on_changed)
        self.session.runner.busy_changed.connect(lambda _b: self.update_status())
        self.session.whoami_changed.connect(lambda _who: (self.update_actions(), self.update_status()))
        self.session.online_changed.connect(lambda _online: self.update_status())
        self.session.remote_changed.connect(self._on_remote_change)
        self.tabs.currentChanged.connect(lambda _i: self.update_actions())

    # -- language ----------------------------------------------------------------------

    def retranslate(self) -> None:
        self.actions.retranslate()
        for name, title, _entries in MENUS:
            self.menus[name].setTitle(acts.tr(title))
        self.d_library.setWindowTitle(self.tr("期刊库"))
        self.d_contents.setWindowTitle(self.tr("目录"))
        self.d_findings.setWindowTitle(self.tr("校对"))
        self.d_search.setWindowTitle(self.tr("检索"))
        self.d_page.setWindowTitle(self.tr("版面"))
        self.toolbar.setWindowTitle(self.tr("工具栏"))
        self.tabs.setTabText(TAB_OVERVIEW, self.tr("期刊概览"))
        self._set_article_tab()
        if not exporting_available():
            self.actions[A.EXPORT].setToolTip(self.tr("DOCX 导出模块尚未安装"))
        self._set_title()
        self.update_status()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_language(self, lang: str) -> bool:
        ok = self.translations.set_language(lang)
        self.session.settings.language = self.translations.language
        return ok

    def _set_title(self) -> None:
        name = self.tr("编辑审校台")
        # the platform appends the display name to every window title: in this language too
        QGuiApplication.setApplicationDisplayName(name)
        label = self.session.issue_label
        self.setWindowTitle(f"{label} — {name}" if label else name)

    def _set_article_tab(self) -> None:
        v = self.pane.view
        title = v.title if v and v.title else (self.tr("文章") if v is None else "")
        if len(title) > 18:
            title = title[:17] + "…"
        self.tabs.setTabText(TAB_ARTICLE, title or self.tr("文章"))

    # -- opening -------------------------------------------------------------------------

    def start(self, issue_id: int | None = None) -> None:
        """Fill the library and open ``issue_id`` (default: the last issue, else the newest)."""
        want = issue_id or self.session.settings.last_issue

        def done(issues) -> None:
            self.library._fill(issues)
            ids = [s.id for s in issues]
            target = want if want in ids else (ids[0] if ids else None)
            if target is not None:
                self.open_issue(target)
            else:
                self.tabs.setCurrentIndex(TAB_OVERVIEW)
                self.overview.set_issue(None)

        self.session.read(lambda ctx: workspace.list_issues(ctx.lib), done)
        self.session.start_live()  # a server library: role, and the other desks' changes

    def open_issue(self, issue_id: int, article: int | None = None) -> None:
        self.pane.flush()

        last = article or self.session.settings.last_article(issue_id)

        def done(opened: workspace.OpenedIssue) -> None:
            summary, target = opened.summary, opened.article
            self.session.set_issue(issue_id, summary.label)
            self.session.settings.last_issue = issue_id
            self.library.set_current(issue_id)
            self.pane.clear()
            self._set_title()
            if target:  # the article first: it is what the editor looks at
                self.open_article(target)
            else:
                self.tabs.setCurrentIndex(TAB_OVERVIEW)
            self.contents.set_issue(issue_id)
            self.findings.set_issue(issue_id, target)
            self.overview.set_issue(issue_id)
            self.issue_opened.emit(issue_id)
            self.update_actions()

        # a write: opening checks an issue whose findings are not current, and says so
        self.session.write(lambda ctx: workspace.open_issue(ctx.lib, issue_id, last), done,
                           long=True, label=self.tr("正在打开期刊…"))

    def open_article(self, seg_id: int, then=None) -> None:
        self.tabs.setCurrentIndex(TAB_ARTICLE)
        if self.pane.seg_id == seg_id:
            if then is not None:
                then()
            return
        self.pane.load(seg_id, then)

    def _article_shown(self, view: editing.ArticleView) -> None:
        self.contents.select_article(view.seg_id)
        self.findings.set_article(view.seg_id)
        self.session.settings.set_last_article(view.issue_id, view.seg_id)
        self._set_article_tab()
        act = STATUS_ACTIONS.get(view.review_status)
        if act is not None:
            self.actions[act].setChecked(True)
        self.article_opened.emit(view.seg_id)
        self.update_actions()

    def on_finding_activated(self, f: Finding, focus: bool) -> None:
        if f.segment is None:
            return
        seg = f.segment.id

        def select() -> None:
            if f.status != "resolved":  # a resolved problem is no longer in the text
                self.pane.select_finding(f)
            if not focus:
                self.findings.tree.setFocus()

        self.open_article(seg, select)

    def on_editor_finding(self, f: Finding) -> None:
        self.findings.select(f, emit=False)

    def open_hit(self, hit: SearchHit) -> None:
        def select() -> None:
            if hit.field == "text":
                self.pane.select_text_span(hit.start, hit.end)

        if hit.issue_id != self.session.issue_id:
            self.open_issue(hit.issue_id, article=hit.segment_id)
            self.article_opened_once(hit.segment_id, select)
        else:
            self.open_article(hit.segment_id, select)

    def article_opened_once(self, seg_id: int, fn) -> None:
        def handler(opened: int) -> None:
            if opened == seg_id:
                self.article_opened.disconnect(handler)
                fn()

        self.article_opened.connect(handler)

    def show_library(self) -> None:
        self.d_library.show()
        self.d_library.raise_()
        self.library.tree.setFocus()

    def find_in_article(self) -> None:
        self.tabs.setCurrentIndex(TAB_ARTICLE)
        self.pane.show_find()

    def search_library(self) -> None:
        self.d_search.show()
        self.d_search.raise_()
        sel = self.pane.editor.textCursor().selectedText() if self.pane.view else ""
        self.search.focus_query(sel if sel and "\u2029" not in sel and len(sel) < 40 else "")

    def zoom(self, step: int) -> None:
        s = self.session.settings
        s.font_size = s.font_size + step
        self.pane.apply_font_size(s.font_size)

    # -- state ---------------------------------------------------------------------------

    def _on_changed(self, _changes, _origin) -> None:
        self.update_actions()

    def _on_remote_change(self, changes, logins) -> None:
        """Another desk changed something this window shows: a line in the status bar."""
        if changes.concerns(self.session.issue_id) and logins:
            self.statusBar().showMessage(self.tr("{0} 刚刚修改了本期").format("、".join(logins)), 5000)

    def update_actions(self) -> None:
        a = self.actions
        has_issue = self.session.issue_id is not None
        has_article = self.pane.view is not None
        for aid in (A.CHECK_ISSUE, A.NEXT_FINDING, A.PREV_FINDING, A.BULK_FIX, A.REPLACE, A.STRUCTURE,
                    A.UNDO_STRUCTURE):
            a[aid].setEnabled(has_issue)
        for aid in (A.APPLY_FIX, A.DISMISS, A.REOPEN, A.ALLOW_WORD):
            a[aid].setEnabled(has_issue)
        for aid in (*STATUS_ACTIONS.values(), A.HISTORY, A.SAVE, A.FIND, A.TOGGLE_SOURCE, A.SPLIT_HERE):
            a[aid].setEnabled(has_article)
        # roles (a server library): only the chief signs off or reopens a signed article
        signed = has_article and self.pane.view.review_status == "signed"
        chief = self.session.may_sign_off()
        a[A.STATUS_SIGNED].setEnabled(has_article and chief)
        a[A.REOPEN_ARTICLE].setEnabled(signed and chief)
        if signed and not chief:
            for aid in STATUS_ACTIONS.values():
                a[aid].setEnabled(False)
        a[A.EXPORT].setEnabled(has_issue and exporting_available())
        if hasattr(self, "edit_actions"):
            self.edit_actions.update()

    def update_status(self) -> None:
        p = self.pane
        if p.view is None:
            text = ""
        elif p.conflict is not None:
            text = self.tr("⚠ 有冲突，两份文本均已保存")
        elif p.saving:
            text = self.tr("正在保存…")
        elif p.is_dirty():
            text = self.tr("有未保存的修改")
        elif p.edit.queued:
            text = self.tr("已存于本机，待发送到服务器")
        else:
            text = self.tr("已保存 · 第 {0} 版").format(p.view.revision_number)
        self.save_label.setText(text)
        role = labels.role(self.session.role)
        who = self.tr("{0}（{1}）").format(self.session.user, role) if role and self.session.user else self.session.user
        self.user_label.setText(self.tr("用户：{0}").format(who or "—"))
        self.offline.update()
        self._library_status()

    def _library_status(self) -> None:
        """Where the library is: 本机, or 服务器 host/db · login · role (one label)."""
        self.library_label.setText(self.session.location_text())

    def show_error(self, title: str, message: str) -> QMessageBox:
        """Failures end here: a readable, non-blocking message box; the app keeps running."""
        self.last_error = (title, message)
        box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("errorBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.error_shown.emit(title, message)
        return box

    # -- drag and drop ---------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if any(u.isLocalFile() for u in urls):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        for url in event.mimeData().urls():
            if url.isLocalFile():
                self.import_file(url.toLocalFile())
        event.acceptProposedAction()

    # -- layout and closing ------------------------------------------------------------------

    def _restore_layout(self) -> None:
        s = self.session.settings
        geo, state = s.geometry(), s.window_state()
        if geo is not None:
            self.restoreGeometry(geo)
        else:
            self.resize(self.default_size())
        if state is not None:
            self.restoreState(state)

    def default_size(self):
        """1440×900, or 90 % of a smaller screen (a 1024×600 netbook gets the whole screen)."""
        from PySide6.QtCore import QSize

        screen = self.screen() or QGuiApplication.primaryScreen()
        avail = screen.availableGeometry().size() if screen is not None else QSize(1440, 900)
        if avail.width() <= 1100 or avail.height() <= 700:
            return avail
        return QSize(min(1440, int(avail.width() * 0.9)), min(900, int(avail.height() * 0.9)))

    def fit_docks(self) -> None:
        """Side panels in proportion to the window: the contents stay readable, the text wide."""
        w = max(self.width(), 800)
        left = max(220, min(int(w * 0.22), 320))
        right = max(230, min(int(w * 0.24), 360))
        if self.d_page.isVisible():  # 版面 beside the article: the page gets a third, the rest narrower
            left, right = max(200, min(int(w * 0.17), 260)), max(220, min(int(w * 0.19), 300))
            page = max(280, min(int(w * 0.3), 520))
            self.resizeDocks([self.d_contents, self.d_page, self.d_findings], [left, page, right],
                             Qt.Orientation.Horizontal)
            return
        self.resizeDocks([self.d_contents, self.d_findings], [left, right], Qt.Orientation.Horizontal)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not getattr(self, "_docks_fitted", False) and self.session.settings.window_state() is None:
            self._docks_fitted = True
            self.fit_docks()  # first show without a saved layout: docks in proportion to the window

    def save_layout(self) -> None:
        self.session.settings.save_window(self.saveGeometry(), self.saveState())
        self.session.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.pane.flush()
        self.pane.autosave.stop()
        self.pane.live_timer.stop()
        self.save_layout()
        self.session.shutdown()
        self.live.shutdown()
        event.accept()
