"""The hosted-CI workflow that builds the Windows installer and the macOS .dmg cannot run
here; this keeps it from drifting from the files it drives."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "installers.yml"


def _job(text: str, name: str) -> str:
    m = re.search(rf"^  {name}:\n(.*?)(?=^  \S|\Z)", text, re.S | re.M)
    assert m, f"job {name} missing"
    return m.group(1)


def test_every_file_the_workflow_drives_exists():
    text = WORKFLOW.read_text(encoding="utf-8")
    paths = set(re.findall(r"packaging[\\/][\w./\\-]+\.(?:spec|iss|sh)", text))
    assert {p.replace("\\", "/") for p in paths} >= {
        "packaging/editor-app.spec", "packaging/windows/editor-app.iss", "packaging/macos/make-dmg.sh"}
    for p in paths:
        assert (ROOT / p.replace("\\", "/")).is_file(), p
    assert "package:" in (ROOT / "Makefile").read_text()  # `make package` on macOS


def test_each_platform_self_tests_the_bundle_and_the_installed_copy():
    text = WORKFLOW.read_text(encoding="utf-8")
    win, mac = _job(text, "windows"), _job(text, "macos")
    assert win.count("--self-test") >= 2 and "/CURRENTUSER" in win and "ISCC.exe" in win
    assert "make-dmg.sh" in mac and "hdiutil attach" in mac and "--self-test" in mac
    assert 'python-version: "3.11"' in win and 'python-version: "3.11"' in mac
    # the installer's per-user folder is where the workflow runs the installed app
    iss = (ROOT / "packaging" / "windows" / "editor-app.iss").read_text(encoding="utf-8-sig")
    assert "DefaultDirName={autopf}\\editor-app" in iss and "LOCALAPPDATA\\Programs\\editor-app" in win
    # the mounted .dmg holds the .app the spec builds
    assert "编辑审校台.app" in (ROOT / "packaging" / "macos" / "make-dmg.sh").read_text(encoding="utf-8")
    assert "编辑审校台.app/Contents/MacOS/editor-app" in mac
