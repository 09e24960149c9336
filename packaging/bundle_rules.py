"""What goes into the frozen bundle and what stays out.

Used by ``editor-app.spec`` after PyInstaller's analysis (to filter the Qt
plugins, translations and OpenCC build leftovers the hooks collect) and by
``tests/packaging`` (the rules are plain functions, testable without a build).
Paths are bundle destination paths with forward slashes, e.g.
``PySide6/Qt/plugins/platforms/libqxcb.so``.
"""

from __future__ import annotations

import re
import sys

# Python modules never needed at run time. PySide6 modules: the app uses
# QtCore, QtGui, QtWidgets (and QtSvg for icons); everything else is excluded
# so that its Python binding and its Qt libraries stay out.
EXCLUDED_QT_MODULES = (
    "Qt3DAnimation", "Qt3DCore", "Qt3DExtras", "Qt3DInput", "Qt3DLogic", "Qt3DRender",
    "QtAxContainer", "QtBluetooth", "QtCharts", "QtConcurrent", "QtDataVisualization",
    "QtDBus", "QtDesigner", "QtGraphs", "QtGraphsWidgets", "QtHelp", "QtHttpServer",
    "QtLabsStyleKit", "QtLocation", "QtMultimedia", "QtMultimediaWidgets", "QtNetwork",
    "QtNetworkAuth", "QtNfc", "QtOpenGL", "QtOpenGLWidgets", "QtPdf", "QtPdfWidgets",
    "QtPositioning", "QtQml", "QtQmlFeatures", "QtQuick", "QtQuick3D", "QtQuickControls2",
    "QtQuickTest", "QtQuickWidgets", "QtRemoteObjects", "QtScxml", "QtSensors",
    "QtSerialBus", "QtSerialPort", "QtSpatialAudio", "QtSql", "QtStateMachine",
    "QtTest", "QtTextToSpeech", "QtUiTools", "QtWebChannel", "QtWebEngineCore",
    "QtWebEngineQuick", "QtWebEngineWidgets", "QtWebSockets", "QtWebView", "QtXml",
)
EXCLUDED_PY_MODULES = (
    "tkinter", "_tkinter", "turtle", "turtledemo", "idlelib", "lib2to3", "pydoc_data",
    "numpy", "PIL", "matplotlib", "scipy", "pandas", "IPython",
    "pytest", "_pytest", "pytestqt", "hypothesis", "ruff", "fontTools", "autocorrect",
    "setuptools", "pkg_resources", "pip", "PyInstaller",
)


# psycopg 3's binary implementation and the pool (imported by name at run time, not seen
# by the analysis); the contrib hook of psycopg_binary adds its _uuid module.
PSYCOPG_MODULES = ["psycopg_binary", "psycopg_binary.pq", "psycopg_binary._psycopg", "psycopg_pool"]


def excluded_modules(qt_modules_used: set[str] = frozenset()) -> list[str]:
    """``excludes=`` for the Analysis; a Qt module the app imports is never excluded."""
    qt = [f"PySide6.{m}" for m in EXCLUDED_QT_MODULES if m not in qt_modules_used]
    return qt + list(EXCLUDED_PY_MODULES)


# Qt plugins kept, by plugin folder: a set of library stems (None = the whole folder).
# Stems are written without the "lib" prefix and the extension: qxcb, qsvg, ...
_PLUGINS_COMMON = {
    "iconengines": None,  # SVG icons
    "imageformats": {"qsvg", "qjpeg", "qico", "qgif"},  # PNG is built into QtGui
    "styles": None,
}
_PLUGINS_BY_OS = {
    "linux": {
        "platforms": {"qxcb", "qwayland", "qoffscreen", "qminimal"},
        "platforminputcontexts": None,  # compose, ibus (Chinese input methods)
        "platformthemes": {"qxdgdesktopportal"},  # gtk3 would drag GTK's libraries in
        "xcbglintegrations": None,
        "wayland-decoration-client": None,
        "wayland-graphics-integration-client": None,
        "wayland-shell-integration": None,
    },
    "win32": {
        "platforms": {"qwindows", "qoffscreen", "qminimal", "qdirect2d"},
    },
    "darwin": {
        "platforms": {"qcocoa", "qoffscreen", "qminimal"},
        "imageformats": {"qsvg", "qjpeg", "qico", "qgif", "qicns", "qmacheif", "qmacjp2"},
    },
}

_TRANSLATION_RE = re.compile(r"^qt(base)?_(zh_CN|zh_TW|zh_HK|en)\.qm$")
# Linux/macOS wheels: PySide6/Qt/plugins/..., Windows wheels: PySide6/plugins/...
_PLUGIN_RE = re.compile(r"^PySide6/(?:Qt/)?plugins/([^/]+)/([^/]+)$")
_TRANSLATIONS_RE = re.compile(r"^PySide6/(?:Qt/)?translations/([^/]+)$")

# OpenCC's wheel ships its command-line tools, headers and static libraries next
# to the data; only ``clib/share/opencc`` (configs + dictionaries) is needed.
_OPENCC_DROP_RE = re.compile(r"^opencc/clib/(bin|include|lib|lib64)/")


# Linux: the C++ runtime comes from the system (the .deb depends on it). A bundled
# libstdc++ older than the system's breaks the system's Mesa drivers when Qt loads
# them ("GLIBCXX_3.4.30 not found"); the system's newer one runs our binaries fine.
_LINUX_SYSTEM_LIBS_RE = re.compile(r"^(libstdc\+\+\.so\.6|libgcc_s\.so\.1)$")


# `pip install -e .` leaves editor_app.egg-info in the checkout; PyInstaller picks it up
# (next to the venv's dist-info) when it resolves importlib.metadata.version() calls.
# The frozen app must read the installed dist-info only.
_EGG_INFO_RE = re.compile(r"^[^/]+\.egg-info/")


def _platform_key(platform: str) -> str:
    if platform.startswith("linux"):
        return "linux"
    if platform.startswith("win"):
        return "win32"
    return platform


def plugin_stem(filename: str) -> str:
    stem = filename.split(".", 1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def kept_plugins(platform: str = sys.platform) -> dict[str, set[str] | None]:
    rules = dict(_PLUGINS_COMMON)
    rules.update(_PLUGINS_BY_OS.get(_platform_key(platform), {}))
    return rules


def keep(dest: str, platform: str = sys.platform) -> bool:
    """Whether a collected file (by its destination path in the bundle) is kept."""
    dest = dest.replace("\\", "/")
    if _OPENCC_DROP_RE.match(dest):
        return False
    if _EGG_INFO_RE.match(dest):
        return False
    if _platform_key(platform) == "linux" and _LINUX_SYSTEM_LIBS_RE.match(dest):
        return False
    m = _PLUGIN_RE.search(dest)
    if m:
        folder, filename = m.groups()
        rules = kept_plugins(platform)
        if folder not in rules:
            return False
        allowed = rules[folder]
        return allowed is None or plugin_stem(filename) in allowed
    m = _TRANSLATIONS_RE.search(dest)
    if m:
        return bool(_TRANSLATION_RE.match(m.group(1)))
    return True


def filter_toc(toc, platform: str = sys.platform):
    """A PyInstaller TOC (list of (dest, src, typecode)) without the dropped entries."""
    return [entry for entry in toc if keep(entry[0], platform)]


def dropped(toc, platform: str = sys.platform) -> list[str]:
    return sorted(entry[0] for entry in toc if not keep(entry[0], platform))


def qt_modules_imported(package_dir) -> set[str]:
    """Names of the PySide6 modules (``QtWidgets`` ...) imported anywhere under ``package_dir``."""
    import ast
    from pathlib import Path

    used: set[str] = set()
    for path in Path(package_dir).rglob("*.py"):
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError):
            continue
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            for name in names:
                parts = name.split(".")
                if parts[0] == "PySide6" and len(parts) > 1 and parts[1].startswith("Qt"):
                    used.add(parts[1])
    return used


_PYTHON_LIB_RE = re.compile(r"^(?:lib)?python3[\d.]*(?:\.dll|\.so[\d.]*|\.dylib)?$|^Python$", re.IGNORECASE)
# Libraries loaded at run time with ctypes (nothing links against them): PDFium, which
# pypdfium2 opens from its own folder (pdf proofs: import, page images, annotations).
_CTYPES_LIB_RE = re.compile(r"^pypdfium2_raw/(?:lib)?pdfium\.(?:so|dll|dylib)$", re.IGNORECASE)


def is_root_binary(dest: str, typecode: str) -> bool:
    """Binaries kept unconditionally: extension modules, kept Qt plugins, the Python library,
    libraries loaded with ctypes (PDFium).

    Every other shared library was collected as somebody's link-time dependency
    and is kept only while something kept still links against it.
    """
    dest = dest.replace("\\", "/")
    return (typecode != "BINARY" or bool(_PLUGIN_RE.match(dest)) or bool(_PYTHON_LIB_RE.match(dest))
            or bool(_CTYPES_LIB_RE.match(dest)))


def prune_unreachable(binaries, imports_of):
    """Drop shared libraries that only dropped plugins needed.

    PyInstaller resolves link-time dependencies before the spec can filter the
    plugins, so a dropped plugin (the GTK theme, eglfs ...) leaves its libraries
    behind (GTK, cairo, pango, Qt6Network ...). ``binaries``: TOC entries
    (dest, src, typecode); ``imports_of(src)`` returns the resolved paths a
    binary links against. Returns (kept entries, dropped destination paths).
    """
    import os

    def norm(p):
        return os.path.normcase(os.path.realpath(p))

    present = {norm(e[1]) for e in binaries}
    reached: set[str] = set()
    todo = [norm(e[1]) for e in binaries if is_root_binary(e[0], e[2])]
    while todo:
        src = todo.pop()
        if src in reached:
            continue
        reached.add(src)
        if not os.path.exists(src):
            continue
        for dep in imports_of(src):
            if dep and norm(dep) in present and norm(dep) not in reached:
                todo.append(norm(dep))
    kept, gone = [], []
    for entry in binaries:
        if is_root_binary(entry[0], entry[2]) or norm(entry[1]) in reached:
            kept.append(entry)
        else:
            gone.append(entry[0])
    return kept, sorted(gone)


def drop_dangling_symlinks(datas, binaries):
    """SYMLINK entries (dest, target dest, "SYMLINK") whose target is no longer bundled."""
    present = {e[0] for e in binaries} | {e[0] for e in datas if e[2] != "SYMLINK"}
    kept, gone = [], []
    for entry in datas:
        if entry[2] == "SYMLINK" and entry[1].replace("\\", "/") not in present:
            gone.append(entry[0])
        else:
            kept.append(entry)
    return kept, sorted(gone)
