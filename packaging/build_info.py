"""``build-info.json``: what the bundle was built from, checked by the self-test.

Written by ``editor-app.spec`` at build time into the bundle root. The frozen
self-test compares the rule modules it can discover with the list recorded
here, so a rule module PyInstaller failed to bundle is a failure, not a
silently smaller rule set.
"""

from __future__ import annotations

import json
import os
import platform
import sys
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

FILENAME = "build-info.json"


def collect() -> dict:
    from editor_app.checks.registry import discover_modules

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    built = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return {
        "name": "editor-app",
        "version": metadata.version("editor-app"),
        "built": built.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "platform": sys.platform,
        "machine": platform.machine(),
        "python": platform.python_version(),
        "pyside6": metadata.version("PySide6-Essentials"),
        "opencc": metadata.version("opencc"),
        "pyinstaller": metadata.version("pyinstaller"),
        "rule_modules": discover_modules(),
    }


def write(path: Path) -> dict:
    info = collect()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return info


if __name__ == "__main__":
    print(json.dumps(collect(), ensure_ascii=False, indent=2))
