"""The bundle's PostgreSQL driver against a throwaway server: ``EXE --self-test --db DSN``.

    .venv/bin/python packaging/server_selftest.py dist/editor-app/editor-app [--env-clean]

Starts a temporary PostgreSQL from the installed binaries (tests/store/pg_server.py:
initdb in a temporary folder, a unix socket only, run as an unprivileged user when we are
root), creates and initialises a library (``server init``), runs the bundled executable's
self-test with ``--db`` and requires its "server" step to pass on psycopg's *binary*
implementation (the bundle's own libpq: a desktop needs no PostgreSQL client installed).
Stops the server and removes its folder in every case. Exit 0 when it passed, 1 when it
failed, 3 when no PostgreSQL binaries are installed (skipped).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv: list[str]) -> int:
    from editor_app.store import pg_roles
    from tests.store.pg_server import TempServer, find_bindir

    if not argv:
        print("usage: server_selftest.py EXE", file=sys.stderr)
        return 2
    exe = argv[0]
    bindir = find_bindir()
    if bindir is None:
        print("server_selftest: no PostgreSQL binaries (initdb, pg_ctl): skipped")
        return 3
    server = TempServer(bindir).start()
    try:
        server.admin_sql("CREATE DATABASE selftest")
        dsn = server.dsn("selftest")
        pg_roles.init_server(dsn)
        env = {"HOME": os.environ.get("HOME", "/tmp"), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
               "QT_QPA_PLATFORM": "offscreen"}
        run = subprocess.run([exe, "--self-test", "--db", dsn], capture_output=True, text=True, env=env,
                             timeout=300)
        out = run.stdout + run.stderr
        print(out.replace(server.password, "***"), end="")
        line = next((ln for ln in out.splitlines() if "server" in ln and "psycopg" in ln), "")
        if run.returncode != 0 or not line:
            print(f"server_selftest: the self-test failed (exit {run.returncode})", file=sys.stderr)
            return 1
        if "(binary," not in line:
            print(f"server_selftest: the bundle does not use psycopg's binary implementation: {line}",
                  file=sys.stderr)
            return 1
        print("server_selftest: ok (psycopg binary implementation, bundled libpq)")
        return 0
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
