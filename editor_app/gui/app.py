"""Starting the desktop window: the application object, language, fonts, the window.

``run_gui(db)`` is what ``editor-app run`` calls when a display is available.
``build_window`` is shared by tests, the benchmark, the screenshots and the
packaged self-test (``editor_app.gui.selftest``).
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from editor_app import __version__, paths
from editor_app.services import importing, outbox
from editor_app.services import issues as svc

from . import fonts, qtfix
from .i18n import Translations
from .main_window import MainWindow
from .session import Session
from .settings import APP, ORG, AppSettings

ICON = ("icons", "editor-app.svg")
log = logging.getLogger(__name__)

STYLE = """
QMainWindow::separator { width: 4px; height: 4px; background: #e6e6e6; }
QDockWidget::title { padding: 5px 8px; background: #f1f3f5; font-weight: 600; }
QTreeView, QTableView { selection-background-color: #cfe3ff; selection-color: #111; }
QTreeView::item, QTableView::item { padding: 2px 2px; }
QTabBar::tab { padding: 6px 16px; }
QToolBar { spacing: 2px; padding: 2px 6px; border-bottom: 1px solid #e1e4e8; }
QToolBar QToolButton { padding: 3px 8px; }
QStatusBar QLabel { padding: 0 8px; color: #444; }
#articleHeader { background: #fffdf8; border-bottom: 1px solid #eee6d8; }
#articleHeader QLineEdit { background: transparent; }
#bodyEditor { border: none; }
"""


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once), with names, icon, style and CJK font fallback."""
    app = QApplication.instance()
    if app is None:
        QCoreApplication.setOrganizationName(ORG)
        QCoreApplication.setApplicationName(APP)
        QCoreApplication.setApplicationVersion(__version__)
        QApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    qtfix.guard_none_refcount()
    icon = paths.resource(*ICON)
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    app.setApplicationDisplayName("编辑审校台")
    fonts.ensure_cjk_font()
    if not app.styleSheet():
        app.setStyleSheet(STYLE)
    return app


def build_window(
    db: str | Path,
    settings: AppSettings | None = None,
    synchronous: bool = False,
    translations: Translations | None = None,
) -> MainWindow:
    """A main window on library ``db`` (created if missing), language as in the settings."""
    application()
    settings = settings or AppSettings()
    translations = translations or Translations()
    translations.set_language(settings.language)
    session = Session(db, settings, synchronous=synchronous)
    return MainWindow(session, translations)


def run_gui(db: str | Path | None = None, argv: list[str] | None = None) -> int:
    """Open the window on the user's library (importing the demo issue on first start):
    ``db`` (a file or a ``postgresql://`` DSN), else the library chosen in Preferences →
    资料库 (a server: the password is asked for now), else the local default."""
    app = application(argv)
    if not db:
        from .prefs_library import chosen_server_dsn

        db = chosen_server_dsn(AppSettings())  # None: the local library (or the user cancelled)
    server = svc.is_server_dsn(db)
    target: str | Path = str(db).strip() if server else (Path(db) if db else paths.default_library_path())
    if server:
        try:  # a wrong password or an old schema fails here, before the window opens
            svc.open_library(target).close()
        except outbox.ServerUnreachable:
            pass  # starting offline: the window opens; its outbox keeps saves until the server is back
    else:
        with svc.open_library(target) as lib:  # create, migrate, seed before the window opens
            importing.ensure_demo_issue(lib)
    window = build_window(target)
    window.show()
    window.start()
    window.ensure_identity()  # first start: who is working (name and role), without blocking
    _close_on_signals(window)
    if server:  # a server library: backups are the server's (pg_dump), not this desk's
        return app.exec()
    _backups_while_open(window, target)
    status = app.exec()
    _backup("on_close", target)  # the window closed: its worker has closed the library
    return status


BACKUP_POLL_MS = 5 * 60 * 1000


def _backup(what: str, path: Path) -> None:
    """``services.backups.on_close`` or ``maybe_backup`` (see there)."""
    from editor_app.services import backups

    try:
        getattr(backups, what)(path)
    except Exception:  # noqa: BLE001 - a backup failure never takes the window (or its exit) down
        log.warning("automatic backup of %s failed", path, exc_info=True)


def _backups_while_open(window: MainWindow, path: Path) -> None:
    """Every few minutes, ``backups.maybe_backup`` (a copy at most every 30 minutes, and
    only after changes) on a short-lived thread: the backup API copies while the window
    keeps working."""
    running: list[threading.Thread] = []

    def poll() -> None:
        if running and running[0].is_alive():
            return
        running[:] = [threading.Thread(target=_backup, args=("maybe_backup", path), daemon=True)]
        running[0].start()

    timer = QTimer(window)
    timer.timeout.connect(poll)
    timer.start(BACKUP_POLL_MS)


def _close_on_signals(window: MainWindow) -> None:
    """Ctrl+C in the terminal or a polite kill closes the window properly (the edit being
    typed is saved). Python handles signals only between bytecodes, so a light timer
    gives it the chance while Qt's loop runs."""
    def close(_signum, _frame) -> None:
        # the handler runs between any two bytecodes, maybe inside an op's callback:
        # close from the event loop instead, where nothing is half done
        QTimer.singleShot(0, window.close)

    for name in ("SIGINT", "SIGTERM"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), close)
    tick = QTimer(window)
    tick.timeout.connect(lambda: None)
    tick.start(250)


def has_display() -> bool:
    """Whether a window can be shown (Linux needs X11 or Wayland unless a headless Qt platform is forced)."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform.split(":")[0] in ("offscreen", "minimal", "vnc", "eglfs", "linuxfb"):
        return True
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True
