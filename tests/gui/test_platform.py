"""Fonts, display detection, the `run` entry point, the binding guard, the editor's text fidelity."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from editor_app.gui.article.editor import BodyEditor, PosMap, edit_span

ROOT = Path(__file__).resolve().parents[2]

FALLBACK_PROBE = r"""
import sys
from PySide6.QtGui import QFontMetrics, QImage, QPainter, QColor
from PySide6.QtWidgets import QApplication
from editor_app.gui import fonts
QApplication([])
before = fonts.cjk_families()
from editor_app.gui.app import application
app = application()  # loads the fallback font only if needed
family = fonts.ensure_cjk_font()
after = fonts.cjk_families()
fm = QFontMetrics(app.font())  # (inFont is unreliable for characters sharing a radical's glyph)
img = QImage(120, 40, QImage.Format.Format_RGB32)
img.fill(QColor("white"))
p = QPainter(img)
p.setFont(app.font())
p.setPen(QColor("black"))
p.drawText(4, 30, "审校台")
p.end()
dark = sum(1 for x in range(120) for y in range(40) if QColor(img.pixel(x, y)).lightness() < 128)
print(len(before), family.replace(" ", "_"), len(after), fm.inFont("审"), dark)
"""


def _run(code: str, env: dict) -> str:
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return r.stdout.strip()


def test_fallback_cjk_font_loads_only_when_the_system_has_none(tmp_path):
    empty = tmp_path / "fonts"
    empty.mkdir()
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig><dir>{empty}</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FONTCONFIG_FILE": str(conf), "PYTHONPATH": str(ROOT)}
    n_before, family, n_after, in_font, dark = _run(FALLBACK_PROBE, env).split()
    assert n_before == "0"  # no CJK family on this "machine"
    assert family == "Noto_Sans_CJK_SC"  # (the subset declares no code pages: Qt lists it under no
    assert n_after in ("0", "1")  # writing system; what counts is that its glyphs are used:)
    assert in_font == "True"  # the application font now has the glyphs
    assert int(dark) > 60  # and draws them
    # with a CJK font installed, the bundled one is not loaded
    env2 = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    code = FALLBACK_PROBE.replace("print(", "print(fonts._loaded_family is None, ")
    loaded_none, n_before2, *_rest = _run(code, env2).split()
    if n_before2 != "0":
        assert loaded_none == "True"


GLYPH_PROBE = r"""
from PySide6.QtGui import QColor, QImage, QPainter
from editor_app.gui.app import application
app = application()

def render(ch):
    img = QImage(48, 48, QImage.Format.Format_Grayscale8)
    img.fill(QColor("white"))
    p = QPainter(img)
    f = app.font()
    f.setPixelSize(36)
    p.setFont(f)
    p.drawText(4, 40, ch)
    p.end()
    return bytes(img.constBits())

box = render(chr(0x10FFFD))  # an unassigned code point: the missing-glyph box
blank = render(" ")
chars = "编辑审校台今日浙江王生电田红纤约级鬱臺灣"  # 8105 characters and traditional forms
bad = [c for c in chars if render(c) in (box, blank)]
print("".join(bad) or "none")
"""


def test_chinese_draws_glyphs_not_boxes_with_only_the_fallback_font(tmp_path):
    empty = tmp_path / "fonts"
    empty.mkdir()
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig><dir>{empty}</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FONTCONFIG_FILE": str(conf), "PYTHONPATH": str(ROOT)}
    assert _run(GLYPH_PROBE, env) == "none"


def test_run_without_a_display_says_so_in_one_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["EDITOR_APP_DATA"] = str(tmp_path)
    r = subprocess.run([sys.executable, "-m", "editor_app.cli", "run"], env=env, capture_output=True,
                       text=True, timeout=120, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert "没有可用的图形显示" in lines[0] and "editor-app check FILE" in lines[0]
    assert "--terminal" in lines[0]
    assert not any("没有可用的图形显示" in line for line in lines[1:])
    assert "东越视窗" in lines[1]  # then the review of the demo issue
    r2 = subprocess.run([sys.executable, "-m", "editor_app.cli", "run", "--terminal"], env=env,
                        capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert r2.returncode == 0 and "东越视窗" in r2.stdout.splitlines()[0]


def test_display_detection(monkeypatch):
    from editor_app.gui.app import has_display

    for var in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert not has_display()
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    assert has_display()
    monkeypatch.delenv("WAYLAND_DISPLAY")
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert has_display()
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.setattr(sys, "platform", "win32")
    assert has_display()


def test_binding_guard_keeps_none_alive(qapp):
    from PySide6.QtWidgets import QLabel

    from editor_app.gui import qtfix

    qtfix.guard_none_refcount()
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(20000):
        label.setText("x")
    assert sys.getrefcount(None) > 1000  # still far from zero
    if qtfix.leaks_none():
        assert qtfix._timer is not None and before - sys.getrefcount(None) >= 10000


@pytest.mark.parametrize("text", [
    "普通文字，两段。\n第二段",
    "不间断\u00a0空格、全角\u3000空格、制表\t符",
    "表情🌀与扩展B字𠀀在中间🌟",
    "\n\n首尾空段\n\n",
    "",
])
def test_editor_keeps_text_exactly(qapp, text):
    ed = BodyEditor()
    ed.set_text(text)
    assert ed.text() == text


def test_editor_keeps_every_sample_text(qapp, sample_issue):
    ed = BodyEditor()
    for seg in sample_issue.segments:
        text = seg.editable_text()[0]
        ed.set_text(text)
        assert ed.text() == text, seg.id


def test_positions_with_characters_outside_the_bmp(qapp):
    text = "甲🌀乙𠀀丙"
    pm = PosMap(text)
    assert [pm.to_qt(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 6, 7]
    assert [pm.to_py(pm.to_qt(i)) for i in range(len(text) + 1)] == list(range(len(text) + 1))
    ed = BodyEditor()
    ed.set_text(text)
    ed.select_span(4, 5)
    assert ed.textCursor().selectedText() == "丙"


@pytest.mark.parametrize("old,new,expect", [
    ("abc", "abXc", (2, 0, 1)),
    ("abc", "ac", (1, 1, 0)),
    ("aaa", "aaaa", (3, 0, 1)),
    ("甲乙丙", "甲丁丙", (1, 1, 1)),
    ("", "新", (0, 0, 1)),
    ("同", "同", (1, 0, 0)),
])
def test_edit_span(old, new, expect):
    pos, removed, added = edit_span(old, new)
    assert (pos, removed, added) == expect
    assert old[:pos] + new[pos:pos + added] + old[pos + removed:] == new
