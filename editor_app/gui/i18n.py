"""Interface language: Simplified Chinese by default, English as a translation.

Source strings in the code are Simplified Chinese (the newsroom's language,
and what shows if a translation file is missing); ``resources/i18n/
editor_app_en.ts`` holds their English translations, compiled to ``.qm`` with
``pyside6-lrelease`` (see ``resources/i18n/README.md``). Switching language at
runtime swaps the installed translators; Qt then sends every widget a
``LanguageChange`` event and our widgets re-set their texts (``retranslate``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from editor_app import paths

DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = {"zh_CN": "简体中文", "en": "English"}  # shown in their own language, never translated


def qm_path(lang: str):
    return paths.resource("i18n", f"editor_app_{lang}.qm")


# translators installed on the (one) application object, whoever installed them
_INSTALLED: list[QTranslator] = []
_CURRENT = [DEFAULT_LANGUAGE]  # the language installed last (one application, one language)


def current_language() -> str:
    """The window's language: "zh_CN" or "en" (what rule titles and messages follow)."""
    return _CURRENT[0]


class Translations:
    """Installs the translators of one language at a time on the application."""

    def __init__(self) -> None:
        self.language = DEFAULT_LANGUAGE

    def set_language(self, lang: str) -> bool:
        """Install ``lang`` (a key of LANGUAGES). False if its translation could not be loaded
        (the interface then stays in the source language, Chinese)."""
        app = QCoreApplication.instance()
        if lang not in LANGUAGES:
            lang = DEFAULT_LANGUAGE
        for t in _INSTALLED:
            app.removeTranslator(t)
        _INSTALLED.clear()
        ok = True
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if lang == "en":
            ours = QTranslator(app)
            ok = ours.load(str(qm_path("en")))
            if ok:
                _INSTALLED.append(ours)
            QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        else:
            # Qt's own strings (standard buttons, file dialogs) in Chinese
            base = QTranslator(app)
            if base.load("qtbase_zh_CN", qt_dir) or base.load(str(paths.resource("i18n", "qtbase_zh_CN.qm"))):
                _INSTALLED.append(base)
            extra = QTranslator(app)  # what Qt's catalogue lacks ("&Look in:", "Files of &type:")
            if extra.load(str(paths.resource("i18n", "qt_extra_zh_CN.qm"))):
                _INSTALLED.append(extra)
            QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        for t in _INSTALLED:
            app.installTranslator(t)
        self.language = lang if ok else DEFAULT_LANGUAGE
        _CURRENT[0] = self.language
        return ok
