"""The throwaway servers of a killed test process are swept by the next one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
import sys, time
from pathlib import Path
from tests.store.pg_server import TempServer
srv = TempServer(Path(sys.argv[1])).start()
print(srv.root, flush=True)
time.sleep(600)
"""


def test_a_killed_test_process_leaves_no_server_behind(pg_server):
    from tests.store.pg_server import _alive, sweep_orphans

    child = subprocess.Popen([sys.executable, "-c", CHILD, str(pg_server.bindir)], cwd=ROOT,
                             stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    root = Path(child.stdout.readline().strip())
    pid_file = root / "data" / "postmaster.pid"
    deadline = time.monotonic() + 30
    while not pid_file.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    postmaster = int(pid_file.read_text().split()[0])
    child.send_signal(signal.SIGKILL)  # no teardown, no atexit
    child.wait(10)
    assert _alive(postmaster) and root.exists()
    assert sweep_orphans(pg_server.bindir) >= 1
    deadline = time.monotonic() + 10
    while _alive(postmaster) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(postmaster) and not root.exists()
    assert pg_server.root.exists()  # this process's own server is left alone
