"""Frozen entry point of the windowed app `editor-app-gui` (PyInstaller script).

Without arguments, or with only ``--db PATH``, it opens the desktop window on
the user's library (``editor_app.gui.app.run_gui``: the demo issue is imported
on first start). Any other arguments go to the command line unchanged
(``editor-app-gui --self-test`` works where the process has a console).

``EDITOR_APP_STARTUP_PROBE=1`` makes the app quit right after the main window's
first paint, printing ``startup-probe first-paint-ms=<ms since this script
started>``: the start-up benchmark (bench/bench_package.py) uses it.
"""

import os
import sys
import time

_T0 = time.perf_counter()


def window_db(argv: list[str]) -> tuple[bool, str | None]:
    """(open the window?, library path) for these arguments."""
    if not argv:
        return True, None
    if len(argv) == 2 and argv[0] == "--db":
        return True, argv[1]
    if len(argv) == 1 and argv[0].startswith("--db="):
        return True, argv[0].split("=", 1)[1]
    return False, None


def _main() -> int:
    if sys.stdout is None or sys.stderr is None:  # windowed exe on Windows: no console
        devnull = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
        sys.stdout = sys.stdout or devnull
        sys.stderr = sys.stderr or devnull
    argv = sys.argv[1:]
    gui, db = window_db(argv)
    if not gui:
        from editor_app.cli import main

        return main(argv)
    if os.environ.get("EDITOR_APP_STARTUP_PROBE"):
        from editor_app.gui.selftest import install_startup_probe

        install_startup_probe(_T0)
    from editor_app.gui.app import run_gui

    return run_gui(db)


if __name__ == "__main__":
    sys.exit(_main())
