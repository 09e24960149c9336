"""Frozen entry point of the console command `editor-app` (PyInstaller script)."""

import sys

from editor_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
