"""The bundled fallback font draws the characters the script checks flag (兿, 灂, Extension A,
compatibility ideographs, full-width forms) with no CJK font on the system; a character
no font has is shown with its code point."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# every drawn glyph is compared with the font's own .notdef (glyph 0) and with a blank
PROBE = r"""
import sys
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFont, QGlyphRun, QImage, QPainter, QRawFont
from PySide6.QtWidgets import QApplication
from editor_app import paths
from editor_app.gui import fonts
app = QApplication([])
family = fonts.ensure_cjk_font()
raw = QRawFont(str(paths.resource(*fonts.FALLBACK_FONT)), 40)
font = QFont(family)
font.setPixelSize(40)
font.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)  # the fallback font only

def image():
    img = QImage(56, 56, QImage.Format.Format_Grayscale8)
    img.fill(QColor("white"))
    return img

def text(ch):
    img = image()
    p = QPainter(img)
    p.setFont(font)
    p.setPen(QColor("black"))
    p.drawText(4, 44, ch)
    p.end()
    return bytes(img.constBits())

def glyph(index):
    img = image()
    p = QPainter(img)
    run = QGlyphRun()
    run.setRawFont(raw)
    run.setGlyphIndexes([index])
    run.setPositions([QPointF(0, 0)])
    p.setPen(QColor("black"))
    p.drawGlyphRun(QPointF(4, 44), run)
    p.end()
    return bytes(img.constBits())

notdef, blank = glyph(0), text(" ")
chars = sys.stdin.read()
bad = [c for c in chars if text(c) in (notdef, blank)]
print(family)
print(notdef != blank and text(chr(0x30000)) == notdef)  # the probe itself sees a missing glyph
print("".join(bad) or "none")
print(fonts.visible("甲\U00030000乙"))
"""


def _no_cjk_env(tmp_path: Path) -> dict:
    empty = tmp_path / "fonts"
    empty.mkdir()
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig><dir>{empty}</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>"
    )
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FONTCONFIG_FILE": str(conf), "PYTHONPATH": str(ROOT)}


def _sample() -> str:
    ext_a = [chr(c) for c in range(0x3400, 0x4DB6, 61)]  # 108 of Extension A (Unicode 3.0 part)
    uro = [chr(c) for c in range(0x4E00, 0x9FA6, 197)]  # across the unified block, 0x7000s included
    compat = [chr(c) for c in range(0xF900, 0xFA6E, 7)]  # compatibility ideographs
    full = [chr(c) for c in range(0xFF01, 0xFF5F, 3)]  # full-width forms
    symbols = list("、。〇〈〉《》「」『』【】〔〕〖〗〜〃々")
    return "兿灂" + "".join(ext_a + uro + compat + full + symbols)


def test_fallback_font_draws_rare_and_extension_a_characters(tmp_path):
    r = subprocess.run([sys.executable, "-c", PROBE], input=_sample(), env=_no_cjk_env(tmp_path),
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    family, probe_ok, bad, shown = r.stdout.splitlines()
    assert family == "Noto Sans CJK SC"
    assert probe_ok == "True"
    assert bad == "none"
    assert shown == "甲\U00030000(U+30000)乙"  # Extension G: in no font here, so named


@pytest.mark.parametrize("text", ["", "abc", "审校台", "兿灂"])
def test_visible_leaves_drawable_text_alone(qapp, text):
    from editor_app.gui import fonts

    fonts.ensure_cjk_font()
    assert fonts.visible(text) == text


def test_diffs_name_a_character_no_font_has(qapp):
    from editor_app.gui import diffview, fonts
    from editor_app.services.editing import diff_texts

    fonts.ensure_cjk_font()
    missing = chr(0x10FFFD)  # a private-use code point: in no font
    html = diffview.diff_html(diff_texts("甲乙", f"甲{missing}乙"))
    assert "(U+10FFFD)" in html and "甲" in html
    before, after = diffview.change_html("甲乙", f"甲{missing}乙")
    assert "(U+10FFFD)" in after and "U+" not in before
