"""Per-user preferences of the window (QSettings): who I am, language, font size,
window geometry and dock layout, the last issue and article.

Library-wide settings (rule switches, allowlist) live in the library instead,
through the services. Tests pass an INI file in a temporary folder.
"""

from __future__ import annotations

import getpass
import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from .i18n import DEFAULT_LANGUAGE, LANGUAGES

ORG = "editor-app"
APP = "editor-app"
DEFAULT_FONT_SIZE = 14
AUTOSAVE_MS = 1500  # a save within 2 s of the last keystroke
ROLES = ("editor", "proofreader", "chief")  # 编辑 / 校对 / 主编 (gui/labels.role)


def _os_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user database (containers)
        return ""


class AppSettings:
    def __init__(self, path: str | Path | None = None):
        if path is None:
            self.qs = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORG, APP)
        else:
            self.qs = QSettings(str(path), QSettings.Format.IniFormat)

    def _get(self, key: str, default, kind=None):
        value = self.qs.value(key, default)
        if kind is int:
            try:
                return int(value)
            except (TypeError, ValueError):
                return default
        return value

    # -- identity and appearance ------------------------------------------------------

    @property
    def user_name(self) -> str:
        return str(self._get("user/name", "") or "") or _os_user()

    @user_name.setter
    def user_name(self, value: str) -> None:
        self.qs.setValue("user/name", value.strip())

    @property
    def user_role(self) -> str:
        role = str(self._get("user/role", "") or "")
        return role if role in ROLES else ""

    @user_role.setter
    def user_role(self, value: str) -> None:
        self.qs.setValue("user/role", value if value in ROLES else "")

    @property
    def identity_known(self) -> bool:
        """Whether the user has told us their name (asked once, on first start)."""
        return bool(str(self._get("user/name", "") or "").strip())

    @property
    def language(self) -> str:
        lang = str(self._get("ui/language", DEFAULT_LANGUAGE) or DEFAULT_LANGUAGE)
        return lang if lang in LANGUAGES else DEFAULT_LANGUAGE

    @language.setter
    def language(self, value: str) -> None:
        self.qs.setValue("ui/language", value)

    @property
    def font_size(self) -> int:
        return max(9, min(self._get("editor/font_size", DEFAULT_FONT_SIZE, int), 36))

    @font_size.setter
    def font_size(self, value: int) -> None:
        self.qs.setValue("editor/font_size", int(value))

    @property
    def autosave_ms(self) -> int:
        return max(50, min(self._get("editor/autosave_ms", AUTOSAVE_MS, int), 2000))

    # -- where I was -------------------------------------------------------------------

    @property
    def last_issue(self) -> int | None:
        v = self._get("session/last_issue", 0, int)
        return v or None

    @last_issue.setter
    def last_issue(self, value: int | None) -> None:
        self.qs.setValue("session/last_issue", int(value or 0))

    def last_article(self, issue_id: int) -> int | None:
        v = self._get(f"session/last_article_{issue_id}", 0, int)
        return v or None

    def set_last_article(self, issue_id: int, seg_id: int | None) -> None:
        self.qs.setValue(f"session/last_article_{issue_id}", int(seg_id or 0))

    # -- window ------------------------------------------------------------------------

    def geometry(self) -> QByteArray | None:
        v = self.qs.value("window/geometry")
        return v if isinstance(v, QByteArray) and not v.isEmpty() else None

    def window_state(self) -> QByteArray | None:
        v = self.qs.value("window/state")
        return v if isinstance(v, QByteArray) and not v.isEmpty() else None

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self.qs.setValue("window/geometry", geometry)
        self.qs.setValue("window/state", state)

    def clear_window(self) -> None:
        """Forget the saved geometry and dock layout (View → 重置布局)."""
        self.qs.remove("window/geometry")
        self.qs.remove("window/state")

    # -- export dialog -------------------------------------------------------------------

    @property
    def export_folder(self) -> str:
        return str(self._get("export/folder", "") or "")

    @export_folder.setter
    def export_folder(self, value: str) -> None:
        self.qs.setValue("export/folder", str(value))

    @property
    def export_options(self) -> dict:
        try:
            value = json.loads(str(self._get("export/options", "{}") or "{}"))
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    @export_options.setter
    def export_options(self, value: dict) -> None:
        self.qs.setValue("export/options", json.dumps(value, ensure_ascii=False))

    def sync(self) -> None:
        self.qs.sync()
