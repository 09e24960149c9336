"""`editor-app --self-test` from the source tree, and that each step can fail."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from editor_app import selftest

ROOT = Path(__file__).resolve().parents[2]
LINE_RE = re.compile(r"^\[(ok|FAIL)\] (\w+) — (.+)$")


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EDITOR_APP_")}
    env.update(QT_QPA_PLATFORM="offscreen", EDITOR_APP_DATA=str(tmp_path / "data"), **extra)
    return env


def test_self_test_passes_from_source(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "editor_app.cli", "--self-test"],
        cwd=tmp_path, env=_env(tmp_path), capture_output=True, text=True, timeout=300,
    )
    lines = proc.stdout.strip().splitlines()
    steps = [LINE_RE.match(line) for line in lines[:-1]]
    assert all(steps), proc.stdout + proc.stderr
    assert [m.group(2) for m in steps] == [name for name, _ in selftest.STEPS]
    assert [m.group(1) for m in steps] == ["ok"] * len(selftest.STEPS), proc.stdout + proc.stderr
    assert all(re.search(r"\(\d+ ms\)$", m.group(3)) for m in steps)
    assert lines[-1].startswith("自检通过 (self-test passed)")
    assert proc.returncode == 0
    assert not (tmp_path / "data").exists(), "the self-test must not touch the user's library"


def test_keep_writes_library_docx_and_png(tmp_path):
    kept = tmp_path / "kept"
    proc = subprocess.run(
        [sys.executable, "-m", "editor_app.selftest", "--keep", str(kept)],
        env=_env(tmp_path), capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (kept / "self-test-library.sqlite").is_file()
    assert (kept / "self-test-review.docx").is_file()
    assert (kept / "self-test-window.png").read_bytes().startswith(selftest.PNG_SIGNATURE)


def test_missing_resource_fails_and_says_which(tmp_path):
    res = tmp_path / "resources"
    shutil.copytree(ROOT / "resources", res)
    (res / "checks" / "tongyong_guifan_8105.tsv").unlink()
    proc = subprocess.run(
        [sys.executable, "-m", "editor_app.cli", "--self-test"],
        env=_env(tmp_path, EDITOR_APP_RESOURCES=str(res)), capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 1
    assert "[FAIL] resources — " in proc.stdout and "tongyong_guifan_8105.tsv" in proc.stdout
    assert "[FAIL] checks — " in proc.stdout  # the checks need the table too
    assert proc.stdout.strip().splitlines()[-1].startswith("自检失败 (self-test FAILED)")


def _imported(tmp_path) -> selftest.Context:
    ctx = selftest.Context(tmp=tmp_path, library=tmp_path / "lib.sqlite")
    selftest.step_import(ctx)
    return ctx


def test_export_fails_clearly_without_exporters(tmp_path, monkeypatch):
    ctx = _imported(tmp_path)
    import editor_app
    import editor_app.services

    for parent, name in ((editor_app.services, "exporting"), (editor_app, "export")):
        monkeypatch.setitem(sys.modules, f"{parent.__name__}.{name}", None)
        monkeypatch.delattr(parent, name, raising=False)  # `from pkg import mod` looks here first
    with pytest.raises(selftest.StepFailed, match="DOCX 导出模块不存在"):
        selftest.step_export(ctx)


def test_a_crashing_rule_fails_the_checks_step(tmp_path, monkeypatch):
    from editor_app.checks import build_registry
    from editor_app.checks.core import Rule
    from editor_app.services import checking

    def broken(ctx):
        raise RuntimeError("boom")

    reg = build_registry()
    reg.add(Rule("wording.selftest_broken", "wording", "warning", "坏规则", "测试用", (), (), broken))
    monkeypatch.setattr(checking, "registry", lambda: reg)
    ctx = _imported(tmp_path)
    with pytest.raises(selftest.StepFailed, match="wording.selftest_broken"):
        selftest.step_checks(ctx)


def test_opencc_step_compares_exact_output(monkeypatch):
    monkeypatch.setattr(selftest, "OPENCC_SAMPLES", (("s2twp", "软件", "软件"),))
    with pytest.raises(selftest.StepFailed, match="軟體"):
        selftest.step_opencc(None)


def test_frozen_bundle_missing_a_rule_module_fails(tmp_path, monkeypatch):
    (tmp_path / selftest.BUILD_INFO).write_text(
        '{"version": "x", "built": "t", "rule_modules": ["editor_app.checks.rules.number.nope"]}',
        encoding="utf-8",
    )
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    with pytest.raises(selftest.StepFailed, match="rules.number.nope"):
        selftest._check_rule_modules()


def test_cli_help_lists_self_test():
    from editor_app.cli import build_parser

    assert "--self-test" in build_parser().format_help()


def test_window_step_rejects_a_blank_image():
    from PySide6.QtGui import QColor, QImage

    from editor_app.gui.selftest import _image_problem

    img = QImage(400, 300, QImage.Format.Format_RGB32)
    img.fill(QColor("white"))
    assert "单色" in _image_problem(img)
    for x in range(0, 400, 50):  # a few coloured dots are still "blank"
        img.setPixelColor(x, 10, QColor.fromHsv(x % 360, 200, 200))
    assert _image_problem(img) is not None


def test_window_step_fails_when_the_issue_does_not_open(tmp_path):
    ctx = _imported(tmp_path)
    code = (
        "import sys; from pathlib import Path\n"
        "from editor_app.gui.selftest import render_main_window\n"
        "try:\n"
        f"    render_main_window(Path({str(ctx.library)!r}), 99, Path({str(tmp_path / 'w.png')!r}))\n"
        "except RuntimeError as exc:\n"
        "    print('REFUSED', exc); sys.exit(0)\n"
        "sys.exit(1)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], env=_env(tmp_path), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "REFUSED" in proc.stdout and "99" in proc.stdout
    assert not (tmp_path / "w.png").exists()
