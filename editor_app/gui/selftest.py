"""The Qt side of ``editor-app --self-test`` and of the packaged start-up benchmark.

``editor_app.selftest`` (no Qt) calls :func:`render_main_window` only.
:func:`install_startup_probe` is used by the frozen windowed executable
(``packaging/entry_gui.py``) when ``EDITOR_APP_STARTUP_PROBE`` is set.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

MIN_COLORS = 8  # a real window has text, frames, icons: far more colours than this
MAX_SHARE_OF_ONE_COLOR = 0.97


def _choose_platform() -> None:
    """Offscreen Qt when there is no display (Linux without X11/Wayland); else the native plugin."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def _image_problem(img) -> str | None:
    """Why the grabbed image is not a rendered window (None if it looks like one)."""
    if img.isNull() or img.width() == 0 or img.height() == 0:
        return "空图像 (empty image)"
    counts: dict[int, int] = {}
    step_x = max(1, img.width() // 160)
    step_y = max(1, img.height() // 100)
    n = 0
    for y in range(0, img.height(), step_y):
        for x in range(0, img.width(), step_x):
            rgb = img.pixel(x, y) & 0xFFFFFF
            counts[rgb] = counts.get(rgb, 0) + 1
            n += 1
    if len(counts) < MIN_COLORS:
        return f"图像几乎单色 (only {len(counts)} colours in {n} samples)"
    top = max(counts.values()) / n
    if top > MAX_SHARE_OF_ONE_COLOR:
        return f"图像几乎空白 (one colour covers {top:.0%} of the window)"
    return None


def render_main_window(library: Path, issue_id: int, png: Path) -> str:
    """Open the main window on ``library``, wait until ``issue_id`` is open, grab it to ``png``.

    Returns a one-line detail (platform, Qt, CJK font, what the window shows).
    Raises RuntimeError with a user-facing reason on any failure.
    """
    _choose_platform()
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QLibraryInfo, Qt, qVersion

    from . import fonts
    from .app import application, build_window
    from .settings import AppSettings

    app = application()
    cjk = fonts.ensure_cjk_font()
    if not cjk:
        raise RuntimeError("没有可用的中文字体，内置字体也无法加载 (no CJK font, and the bundled one did not load)")
    settings = AppSettings(Path(png).with_suffix(".ini"))  # never the user's own settings
    window = build_window(library, settings, synchronous=True)
    try:
        if app.platformName() != "offscreen":
            window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)  # render, never flash on screen
        window.resize(1280, 800)
        window.show()
        window.start(issue_id)
        if not window.session.runner.wait_idle(60):
            raise RuntimeError("打开期刊超时 (opening the issue timed out)")
        app.processEvents()
        if window.last_error:
            raise RuntimeError(f"窗口报告错误 (the window reported): {' — '.join(window.last_error)}")
        if window.session.issue_id != issue_id:
            raise RuntimeError(f"窗口没有打开期刊 {issue_id} (the window shows {window.session.issue_id})")
        img = window.grab().toImage()
        problem = _image_problem(img)
        if problem:
            raise RuntimeError(problem)
        png = Path(png)
        png.parent.mkdir(parents=True, exist_ok=True)
        if not img.save(str(png), "PNG"):
            raise RuntimeError(f"无法写入 (cannot write) {png}")
        title = window.windowTitle()
    finally:
        window.close()
    return (
        f"「{title}」 on {app.platformName()}, Qt {qVersion()} / PySide6 {pyside_version}, "
        f"CJK font {cjk}; {_translations_detail(QLibraryInfo)}"
    )


def _translations_detail(QLibraryInfo) -> str:  # noqa: N803 - the Qt class, passed in
    """Our English translation loads (when shipped) and Qt's own Chinese strings are there."""
    from .i18n import DEFAULT_LANGUAGE, Translations, qm_path

    parts = []
    if qm_path("en").is_file():
        tr = Translations()
        if not tr.set_language("en"):
            raise RuntimeError(f"英文界面翻译无法加载 (cannot load {qm_path('en')})")
        tr.set_language(DEFAULT_LANGUAGE)
        parts.append("en translation loads")
    qt_tr = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if not (qt_tr / "qtbase_zh_CN.qm").is_file():
        raise RuntimeError(f"缺少 Qt 中文翻译 (qtbase_zh_CN.qm not in {qt_tr})")
    parts.append("Qt zh_CN strings")
    return ", ".join(parts)


def install_startup_probe(t0: float) -> None:
    """Quit right after the main window's first paint and print the time since ``t0``.

    Patches ``QApplication.exec`` (the app calls it once the window is shown) to
    install an application-wide event filter first; the probe line is printed
    after the paint event has been handled, i.e. once the window is on screen.
    """
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    original_exec = QApplication.exec

    class _FirstPaint(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.seen = False

        def eventFilter(self, obj, event):  # noqa: N802 - Qt override
            if not self.seen and event.type() == QEvent.Type.Paint and isinstance(obj, QMainWindow):
                self.seen = True
                QTimer.singleShot(0, self._report)
            return False

        def _report(self) -> None:
            ms = (time.perf_counter() - t0) * 1000
            print(f"startup-probe first-paint-ms={ms:.0f}", flush=True)
            QApplication.quit()

    def exec_with_probe(*_self):  # called as app.exec() or QApplication.exec()
        app = QApplication.instance()
        probe = _FirstPaint()
        app.installEventFilter(probe)
        app._startup_probe = probe  # keep it alive
        return original_exec()

    QApplication.exec = exec_with_probe
