"""Who may import whom (DESIGN.md): only gui imports PySide6; the core runs headless."""

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "editor_app"

ALLOWED = {
    "model": set(),
    "ingest": {"model", "paths"},
    "store": {"model", "paths"},
    "checks": {"model", "paths"},
    "export": {"model", "paths"},
    "services": {"model", "paths", "ingest", "store", "checks", "export", "services"},
    "gui": {"model", "paths", "services", "gui"},
}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
    return out


def test_only_gui_imports_pyside6():
    offenders = []
    for path in PKG.rglob("*.py"):
        rel = path.relative_to(PKG)
        if rel.parts[0] == "gui":
            continue
        if any(m.split(".")[0] in ("PySide6", "shiboken6") for m in imports_of(path)):
            offenders.append(str(rel))
    assert not offenders, f"PySide6 imported outside editor_app/gui/: {offenders}"


def test_layer_directions():
    bad = []
    for layer, allowed in ALLOWED.items():
        for path in (PKG / layer).rglob("*.py"):
            for mod in imports_of(path):
                parts = mod.split(".")
                if parts[0] != "editor_app" or len(parts) < 2:
                    continue
                target = parts[1]
                if target == layer:
                    continue
                if target not in allowed:
                    bad.append(f"{path.relative_to(PKG)} imports {mod}")
    assert not bad, "\n".join(bad)


def test_engine_imports_without_qt():
    import subprocess
    import sys

    code = (
        "import sys, editor_app.ingest, editor_app.store, editor_app.checks, editor_app.services.issues;"
        "assert 'PySide6' not in sys.modules, 'Qt loaded by the core'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
