"""What the frozen bundle keeps and drops (packaging/bundle_rules.py), and the spec's shape."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "editor-app.spec"


@pytest.fixture(scope="module")
def rules(packaging_dir):
    import bundle_rules

    return bundle_rules


@pytest.mark.parametrize(
    ("dest", "platform", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "linux", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", "linux", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", "linux", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", "linux", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", "linux", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "linux", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", "linux", True),
        ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", "linux", True),
        ("PySide6/Qt/plugins/wayland-graphics-integration-server/libqt-wayland-compositor-shm-emulation-server.so", "linux", False),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", "linux", True),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", "linux", True),
        ("PySide6/Qt/plugins/imageformats/libqpdf.so", "linux", False),
        ("PySide6/Qt/plugins/imageformats/libqtiff.so", "linux", False),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", "linux", False),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", "linux", True),
        ("PySide6/plugins/platforms/qwindows.dll", "win32", True),
        ("PySide6\\plugins\\platforms\\qwindows.dll", "win32", True),
        ("PySide6/plugins/platforms/qxcb.dll", "win32", False),
        ("PySide6/plugins/imageformats/qsvg.dll", "win32", True),
        ("PySide6/Qt/plugins/platforms/libqcocoa.dylib", "darwin", True),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "darwin", False),
        ("PySide6/Qt/translations/qtbase_zh_CN.qm", "linux", True),
        ("PySide6/Qt/translations/qt_zh_TW.qm", "linux", True),
        ("PySide6/Qt/translations/qtbase_de.qm", "linux", False),
        ("PySide6/Qt/translations/qt_help_zh_CN.qm", "linux", False),
        ("PySide6/translations/qtbase_zh_CN.qm", "win32", True),
        ("opencc/clib/share/opencc/s2twp.json", "linux", True),
        ("opencc/clib/share/opencc/STPhrases.ocd2", "linux", True),
        ("opencc/clib/bin/opencc", "linux", False),
        ("opencc/clib/include/opencc/opencc.h", "linux", False),
        ("opencc/clib/lib64/libopencc.a", "linux", False),
        ("resources/checks/tongyong_guifan_8105.tsv", "linux", True),
        ("PySide6/Qt/lib/libQt6Widgets.so.6", "linux", True),
        ("libstdc++.so.6", "linux", False),
        ("editor_app.egg-info/PKG-INFO", "linux", False),
        ("editor_app-0.1.0.dist-info/METADATA", "linux", True),
        ("libgcc_s.so.1", "linux", False),
        ("libstdc++.so.6", "darwin", True),
    ],
)
def test_keep(rules, dest, platform, kept):
    assert rules.keep(dest, platform) is kept


def test_excluded_modules_never_exclude_what_the_app_imports(rules):
    used = rules.qt_modules_imported(ROOT / "editor_app")
    excluded = set(rules.excluded_modules(used | {"QtCore", "QtGui", "QtWidgets"}))
    assert not {f"PySide6.{m}" for m in used} & excluded
    assert "PySide6.QtWebEngineCore" in excluded and "tkinter" in excluded
    assert "PySide6.QtWidgets" not in excluded


def test_qt_modules_imported_reads_every_import_form(rules, tmp_path):
    (tmp_path / "a.py").write_text("from PySide6.QtWidgets import QWidget\nimport PySide6.QtSvg\n", encoding="utf-8")
    (tmp_path / "b.py").write_text("from PySide6 import QtNetwork\n", encoding="utf-8")
    assert rules.qt_modules_imported(tmp_path) == {"QtWidgets", "QtSvg", "QtNetwork"}


def test_prune_keeps_what_roots_reach_and_drops_the_rest(rules, tmp_path):
    files = {}
    for name in ("ext.so", "libqxcb.so", "libQt6Gui.so.6", "libQt6XcbQpa.so.6", "libgtk.so", "libQt6Network.so.6",
                 "libpython3.11.so.1.0", "libpdfium.so"):
        files[name] = tmp_path / name
        files[name].write_bytes(b"\x7fELF")
    graph = {
        "ext.so": ["libQt6Gui.so.6"],
        "libqxcb.so": ["libQt6XcbQpa.so.6", "libQt6Gui.so.6"],
        "libgtk.so": [],
        "libQt6Network.so.6": [],
    }
    toc = [
        ("PySide6/QtGui.abi3.so", str(files["ext.so"]), "EXTENSION"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", str(files["libqxcb.so"]), "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", str(files["libQt6Gui.so.6"]), "BINARY"),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", str(files["libQt6XcbQpa.so.6"]), "BINARY"),
        ("PySide6/Qt/lib/libQt6Network.so.6", str(files["libQt6Network.so.6"]), "BINARY"),
        ("libgtk.so", str(files["libgtk.so"]), "BINARY"),
        ("libpython3.11.so.1.0", str(files["libpython3.11.so.1.0"]), "BINARY"),
        # loaded with ctypes by pypdfium2: nothing links against it, yet it stays
        ("pypdfium2_raw/libpdfium.so", str(files["libpdfium.so"]), "BINARY"),
    ]

    def imports_of(src):
        return [str(files[d]) for d in graph.get(Path(src).name, [])]

    kept, gone = rules.prune_unreachable(toc, imports_of)
    assert gone == ["PySide6/Qt/lib/libQt6Network.so.6", "libgtk.so"]
    assert {e[0] for e in kept} == {e[0] for e in toc} - set(gone)


def test_dangling_symlinks_dropped(rules):
    binaries = [("PySide6/Qt/lib/libQt6Core.so.6", "/x/libQt6Core.so.6", "BINARY")]
    datas = [
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
        ("resources/x.txt", "/src/x.txt", "DATA"),
    ]
    kept, gone = rules.drop_dangling_symlinks(datas, binaries)
    assert gone == ["libQt6Network.so.6"]
    assert len(kept) == 2


def _spec_calls() -> dict[str, list[ast.Call]]:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    calls: dict[str, list[ast.Call]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            calls.setdefault(node.func.id, []).append(node)
    return calls


def _kw(call: ast.Call, name: str):
    for kw in call.keywords:
        if kw.arg == name:
            return kw.value
    raise AssertionError(f"{name}= missing")


def test_spec_is_python_and_builds_two_executables_in_one_folder():
    compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec")
    calls = _spec_calls()
    assert len(calls["Analysis"]) == 1 and len(calls["COLLECT"]) == 1 and len(calls["PYZ"]) == 1
    exes = calls["EXE"]
    assert len(exes) == 2
    consoles = {}
    for exe in exes:
        assert isinstance(_kw(exe, "exclude_binaries"), ast.Constant) and _kw(exe, "exclude_binaries").value is True
        consoles[ast.unparse(_kw(exe, "name"))] = _kw(exe, "console").value
    assert consoles == {"APP_NAME": True, "GUI_NAME": False}
    text = SPEC.read_text(encoding="utf-8")
    assert 'APP_NAME = "editor-app"' in text and 'GUI_NAME = "editor-app-gui"' in text
    assert "copy_metadata(\"editor-app\")" in text
    assert '(str(ROOT / "resources"), "resources")' in text
    assert "BUNDLE(" in text  # the macOS .app


def test_entry_scripts_exist_and_compile():
    for name in ("entry_cli.py", "entry_gui.py"):
        path = ROOT / "packaging" / name
        compile(path.read_text(encoding="utf-8"), str(path), "exec")


def test_gui_entry_routes_arguments(packaging_dir):
    import entry_gui

    assert entry_gui.window_db([]) == (True, None)
    assert entry_gui.window_db(["--db", "x.sqlite"]) == (True, "x.sqlite")
    assert entry_gui.window_db(["--db=x.sqlite"]) == (True, "x.sqlite")
    assert entry_gui.window_db(["--self-test"]) == (False, None)
    assert entry_gui.window_db(["import", "f.txt"]) == (False, None)


def test_startup_probe_reports_first_paint_of_the_real_window(tmp_path):
    """The windowed entry with the probe: opens the window on a fresh library, prints, quits."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("EDITOR_APP_")}
    env.update(QT_QPA_PLATFORM="offscreen", EDITOR_APP_STARTUP_PROBE="1",
               EDITOR_APP_DATA=str(tmp_path), HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    proc = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "entry_gui.py"), "--db", str(tmp_path / "lib.sqlite")],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    import re

    assert re.search(r"^startup-probe first-paint-ms=\d+$", proc.stdout, re.M), proc.stdout + proc.stderr
    assert (tmp_path / "lib.sqlite").is_file()  # run_gui created the library and imported the demo


def test_psycopg_binary_implementation_is_named_for_the_bundle(rules):
    """The spec adds these hidden imports: they exist here, are not excluded, and are what
    psycopg picks (its binary implementation, with its own libpq)."""
    import importlib

    import psycopg

    for name in rules.PSYCOPG_MODULES:
        importlib.import_module(name)
    excluded = set(rules.excluded_modules({"QtCore", "QtGui", "QtWidgets"}))
    assert not {m for m in excluded if m.split(".")[0] in ("psycopg", "psycopg_binary", "psycopg_pool")}
    assert psycopg.pq.__impl__ == "binary"
    spec = (ROOT / "packaging" / "editor-app.spec").read_text(encoding="utf-8")
    assert "bundle_rules.PSYCOPG_MODULES" in spec
