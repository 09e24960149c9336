"""Fixtures for the desktop window tests (Qt offscreen, pytest-qt).

Libraries are copied from a template built once per session (import + check
of the reference issue and the demo issue); QSettings live in an INI file in
the test's temporary folder; ops run synchronously unless a test asks for the
real worker threads.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from editor_app.services import editing, importing
from editor_app.services import issues as svc

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT.parent / "shared" / "samples" / "jrzj-2024-10.txt"
DEMO = ROOT / "resources" / "samples" / "demo-issue.txt"


def _template(tmp_path_factory, name: str, files: list[Path]) -> Path:
    base = tmp_path_factory.mktemp(name)
    db = base / "library.sqlite"
    with svc.open_library(db) as lib:
        for f in files:
            out = importing.import_issue_file(lib, f, author="导入")
            editing.check_issue(lib, out.issue_id)
        lib.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


@pytest.fixture(scope="session", autouse=True)
def _binding_guard(qapp):
    """Every GUI test runs with the guard the application installs (editor_app.gui.qtfix)."""
    from editor_app.gui import qtfix

    qtfix.guard_none_refcount()


@pytest.fixture(scope="session")
def sample_template(tmp_path_factory) -> Path:
    if not SAMPLE.exists():
        pytest.skip("../shared/samples/jrzj-2024-10.txt is not beside the checkout")
    return _template(tmp_path_factory, "sample-lib", [SAMPLE])


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    return _template(tmp_path_factory, "demo-lib", [DEMO])


def _copy(template: Path, dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    out = dest / "library.sqlite"
    shutil.copy(template, out)
    return out


@pytest.fixture
def sample_db(sample_template, tmp_path) -> Path:
    return _copy(sample_template, tmp_path / "lib")


@pytest.fixture
def demo_db(demo_template, tmp_path) -> Path:
    return _copy(demo_template, tmp_path / "lib")


@pytest.fixture
def settings_path(tmp_path) -> Path:
    return tmp_path / "settings" / "editor-app.ini"


@pytest.fixture
def make_window(qtbot, settings_path):
    """make_window(db, synchronous=True, language=None) -> a shown, started MainWindow."""
    from editor_app.gui.app import build_window
    from editor_app.gui.settings import AppSettings

    windows = []

    def make(db: Path, synchronous: bool = True, language: str | None = None, start: bool = True,
             user: str = "校对员甲"):
        settings = AppSettings(settings_path)
        if language:
            settings.language = language
        if user and not settings.qs.value("user/name"):
            settings.user_name = user
        w = build_window(db, settings, synchronous=synchronous)
        qtbot.addWidget(w)
        if settings.geometry() is None:
            w.resize(1440, 900)
        with qtbot.waitActive(w, timeout=3000):
            w.show()
            w.activateWindow()
        if start:
            w.start()
            w.session.runner.wait_idle()
        w.contents.tree.setFocus()  # keyboard shortcuts need a focused widget in the window
        windows.append(w)
        return w

    yield make
    for w in windows:
        if w.session.runner._thread is not None or w.session.runner._sync_lib is not None:
            w.close()
    from editor_app.gui.i18n import Translations

    Translations().set_language("zh_CN")  # the next test starts in Chinese


def wait_idle(w) -> None:
    from PySide6.QtWidgets import QApplication

    w.session.runner.wait_idle()
    QApplication.processEvents()
