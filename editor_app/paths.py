"""Where bundled resources and the user's library live. No Qt here."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "editor-app"


def resources_dir() -> Path:
    """The `resources/` folder: env override, PyInstaller bundle, or the source tree."""
    env = os.environ.get("EDITOR_APP_RESOURCES")
    if env:
        return Path(env)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def user_data_dir() -> Path:
    """Platform user data folder (XDG on Linux, AppData on Windows, Application Support on macOS)."""
    env = os.environ.get("EDITOR_APP_DATA")
    if env:
        return Path(env)
    if sys.platform.startswith("win"):
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / APP_NAME


def default_library_path() -> Path:
    return user_data_dir() / "library.sqlite"


def demo_issue_path() -> Path:
    return resource("samples", "demo-issue.txt")
