"""Docs that drift from the code fail: every CLI command and Make target is in the README."""

import re
from pathlib import Path

from editor_app.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_cli_command_is_documented():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    missing = [name for name in sub.choices if f"editor-app {name}" not in README]
    assert not missing, f"commands missing from README.md: {missing}"


def test_every_make_target_is_documented():
    targets = re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    missing = [t for t in targets if t not in ("clean", "lint") and f"make {t}" not in README]
    assert not missing, f"make targets missing from README.md: {missing}"
