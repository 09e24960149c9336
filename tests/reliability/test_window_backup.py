"""The window's close makes the backup (gui/app.run_gui calls backups.on_close)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from .conftest import ROOT

pytest.importorskip("PySide6")

RUN_GUI = "import sys; from editor_app.gui import app; sys.exit(app.run_gui(sys.argv[1]))"


def test_closing_the_window_backs_the_library_up(tmp_path):
    lib = tmp_path / "library.sqlite"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "EDITOR_APP_DATA": str(tmp_path / "data"),
           "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    # run_gui itself, not the CLI: the CLI's own end-of-command backup must not be what we see
    proc = subprocess.Popen([sys.executable, "-c", RUN_GUI, str(lib)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not lib.exists():
            time.sleep(0.2)
        time.sleep(3)  # the window is up, the demo issue imported on first start
        assert proc.poll() is None, proc.communicate()[1].decode(errors="replace")
        assert not (tmp_path / "data" / "backups").exists()  # nothing yet: the window is open
        proc.send_signal(signal.SIGTERM)  # closes the window properly (app._close_on_signals)
        _, err = proc.communicate(timeout=90)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err.decode(errors="replace")
    folders = list((tmp_path / "data" / "backups").iterdir())
    assert len(folders) == 1
    copies = list(folders[0].glob("*.sqlite"))
    assert len(copies) == 1
