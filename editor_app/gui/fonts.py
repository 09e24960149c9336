"""Fonts: Chinese must render on a machine with no CJK font installed.

``ensure_cjk_font()`` loads the bundled fallback (Noto Sans CJK SC, SIL OFL,
with every glyph of CJK Unified Ideographs, Extension A, the compatibility
ideographs, CJK symbols and full-width forms; built by
``packaging/build_cjk_font.py``) only when no installed family supports Simplified Chinese, and puts it after
the default family in the application font, so Latin text keeps the system
font and Chinese falls back to it on every platform.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics, QGuiApplication

from editor_app import paths

log = logging.getLogger("editor_app.gui.fonts")

FALLBACK_FONT = ("fonts", "NotoSansCJKsc-Regular-cjk.otf")
# body text of the editor: a Song/Ming (serif) face reads best for proofreading when there is one
SERIF_CANDIDATES = ("Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun", "NSimSun")
SANS_CANDIDATES = ("Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei")


def cjk_families() -> list[str]:
    return list(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def needs_fallback(families: list[str]) -> bool:
    """True when none of ``families`` (those supporting Simplified Chinese) is usable."""
    return not any(f.strip() for f in families)


_loaded_family: str | None = None


def ensure_cjk_font() -> str | None:
    """Load the bundled CJK font if the system has none; return the family used for CJK."""
    global _loaded_family
    families = cjk_families()
    if not needs_fallback(families):
        for name in SANS_CANDIDATES:
            if name in families:
                return name
        return families[0]
    if _loaded_family is not None:
        return _loaded_family
    path = paths.resource(*FALLBACK_FONT)
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        log.warning("could not load the fallback CJK font %s", path)
        return None
    loaded = QFontDatabase.applicationFontFamilies(font_id)
    if not loaded:
        return None
    _loaded_family = loaded[0]
    app = QGuiApplication.instance()
    if app is not None:
        font = QFont(app.font())
        base = [f for f in font.families() if f] or [font.family()]
        font.setFamilies([*base, _loaded_family])
        app.setFont(font)
    return _loaded_family


def editor_font(size: int) -> QFont:
    """The body editor's font: a CJK serif when installed, else the application's CJK family."""
    families = set(QFontDatabase.families())
    chosen = [f for f in SERIF_CANDIDATES if f in families]
    fallback = _loaded_family or next((f for f in SANS_CANDIDATES if f in families), None)
    font = QFont()
    fams = chosen[:1] + ([fallback] if fallback else [])
    if fams:
        font.setFamilies(fams)
    font.setPointSize(max(8, min(int(size), 40)))
    font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
    return font


def visible(text: str, font: QFont | None = None) -> str:
    """``text`` with ``(U+XXXX)`` after every character ``font`` (default: the application
    font with its fallbacks) cannot draw, so that a missing glyph never shows as a bare box."""
    if not text or text.isascii():
        return text
    fm = QFontMetrics(font if font is not None else QGuiApplication.font())
    out = []
    for ch in text:
        out.append(ch)
        cp = ord(ch)
        if cp >= 0x2E80 and not ch.isspace() and not fm.inFontUcs4(cp):
            out.append(f"(U+{cp:04X})")
    return "".join(out)
