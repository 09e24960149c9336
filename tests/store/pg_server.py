"""A throwaway PostgreSQL server for the tests, from the installed binaries.

``find_bindir()`` looks for ``initdb`` and ``pg_ctl`` on PATH, then in
``/usr/lib/postgresql/*/bin`` (newest first). ``TempServer.start()`` runs
``initdb`` into a temporary folder and ``pg_ctl start`` with a unix socket in
that folder (no TCP port is opened, so several test runs on one machine never
collide); ``stop()`` runs ``pg_ctl stop -m fast`` and removes the folder.

PostgreSQL refuses to run as root. When the tests run as root (CI does), the
server runs as an unprivileged user (``postgres`` when it exists, else
``nobody``) through ``runuser``, with the temporary folder handed to it; as a
normal user, it runs as that user.

The cluster's superuser is ``pgadmin`` with a random password, and local
connections need a password (scram-sha-256), as on a newsroom server, so the
role tests see real authentication.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import pwd
import re
import secrets
import shutil
import subprocess
import tempfile
from pathlib import Path

ADMIN = "pgadmin"


def _version_key(path: str) -> tuple:
    m = re.search(r"/postgresql/(\d+)(?:\.(\d+))?/", path)
    return (int(m.group(1)), int(m.group(2) or 0)) if m else (0, 0)


def find_bindir() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres, or None.

    ``EDITOR_APP_PG_BINDIR`` overrides the search: a folder, or ``none`` to run the
    suite as on a machine without PostgreSQL."""
    forced = os.environ.get("EDITOR_APP_PG_BINDIR")
    if forced:
        return None if forced.lower() == "none" else Path(forced)
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(initdb).resolve().parent
    for bindir in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key, reverse=True):
        if all(os.access(os.path.join(bindir, b), os.X_OK) for b in ("initdb", "pg_ctl", "postgres")):
            return Path(bindir)
    return None


def _server_user() -> str | None:
    """The user to run the server as, when we are root (None: run as ourselves)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    raise RuntimeError("running as root and no unprivileged user (postgres, nobody) to run PostgreSQL")


_SWEPT = False


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep_orphans(bindir: Path) -> int:
    """Stop and remove the throwaway servers of test processes that died without their
    teardown (a SIGKILLed or timed-out pytest): each server folder names its owner's pid
    (``owner.pid``). Returns how many were swept."""
    swept = 0
    for folder in Path(tempfile.gettempdir()).glob("editor-app-pg-*"):
        try:
            owner = int((folder / "owner.pid").read_text().strip())
        except (OSError, ValueError):
            continue  # not ours to judge (no pid file yet: starting, or an old layout)
        if owner == os.getpid() or _alive(owner):
            continue
        data = folder / "data"
        if (data / "postmaster.pid").exists():
            cmd = [str(bindir / "pg_ctl"), "stop", "-m", "immediate", "-w", "-D", str(data)]
            user = _server_user()
            if user is not None:
                cmd = ["runuser", "-u", user, "--", *cmd]
            subprocess.run(cmd, capture_output=True, check=False)
        shutil.rmtree(folder, ignore_errors=True)
        swept += 1
    return swept


class TempServer:
    def __init__(self, bindir: Path, durable: bool = False):
        """``durable``: commits survive a crash of the server (``pg_ctl stop -m immediate``);
        otherwise ``synchronous_commit=off`` for speed (fsync is off either way: the tests
        crash the server process, never the machine)."""
        self.bindir = bindir
        self.durable = durable
        self.user = _server_user()
        self.root = Path(tempfile.mkdtemp(prefix="editor-app-pg-"))
        self.data = self.root / "data"
        self.sock = self.root  # the socket lives beside the data folder
        self.port = 5432  # only names the socket file: no TCP listener
        self.password = secrets.token_hex(12)
        self.started = False

    # -- running commands as the server's user -------------------------------------------

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        cmd = list(args)
        if self.user is not None:
            cmd = ["runuser", "-u", self.user, "--", *cmd]
        env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        env["LC_ALL"] = "C.UTF-8"
        return subprocess.run(cmd, check=check, capture_output=True, text=True, env=env, cwd=self.root)

    def start(self) -> TempServer:
        global _SWEPT
        if not _SWEPT:  # once per test process: servers left by killed earlier runs
            _SWEPT = True
            sweep_orphans(self.bindir)
        (self.root / "owner.pid").write_text(f"{os.getpid()}\n")
        pwfile = self.root / "pw"
        pwfile.write_text(self.password + "\n")
        if self.user is not None:
            pw = pwd.getpwnam(self.user)
            for p in (self.root, pwfile):
                os.chown(p, pw.pw_uid, pw.pw_gid)
        os.chmod(self.root, 0o700)
        try:
            self._run(
                str(self.bindir / "initdb"), "-D", str(self.data), "-U", ADMIN,
                f"--pwfile={pwfile}", "--auth=scram-sha-256", "-E", "UTF8",
                "--locale=C.UTF-8", "--no-sync",
            )
        except subprocess.CalledProcessError as exc:
            raise RuntimeError(f"initdb failed: {exc.stderr or exc.stdout}") from None
        finally:
            pwfile.unlink(missing_ok=True)
        self.pg_start()
        atexit.register(self.stop)  # also when the session ends without its fixture teardown
        return self

    def pg_start(self) -> None:
        """``pg_ctl start`` (again, after ``pg_stop``) on the same folder and socket."""
        opts = (
            f"-k {self.sock} -p {self.port} -c listen_addresses='' -c fsync=off "
            f"-c synchronous_commit={'on' if self.durable else 'off'} -c full_page_writes=off "
            "-c max_connections=60 -c shared_buffers=32MB"
        )
        try:
            self._run(
                str(self.bindir / "pg_ctl"), "start", "-w", "-t", "60", "-D", str(self.data),
                "-l", str(self.root / "server.log"), "-o", opts,
            )
        except subprocess.CalledProcessError as exc:
            log = (self.root / "server.log")
            raise RuntimeError(
                f"pg_ctl start failed: {exc.stderr or exc.stdout}\n"
                f"{log.read_text() if log.exists() else ''}"
            ) from None
        self.started = True

    def pg_stop(self, mode: str = "fast") -> None:
        """``pg_ctl stop -m MODE`` (``immediate``: as a crash), keeping the data folder."""
        self._run(str(self.bindir / "pg_ctl"), "stop", "-m", mode, "-w", "-D", str(self.data), check=False)
        self.started = False

    def stop(self) -> None:
        if self.started:
            self._run(str(self.bindir / "pg_ctl"), "stop", "-m", "fast", "-w", "-D", str(self.data),
                      check=False)
            self.started = False
        shutil.rmtree(self.root, ignore_errors=True)

    # -- connecting -----------------------------------------------------------------------

    def dsn(self, dbname: str = "postgres", user: str = ADMIN, password: str | None = None) -> str:
        """A ``postgresql://`` URL over the unix socket."""
        from urllib.parse import quote

        pw = self.password if password is None and user == ADMIN else password
        auth = quote(user, safe="") + (f":{quote(pw, safe='')}" if pw else "")
        return f"postgresql://{auth}@/{quote(dbname)}?host={quote(str(self.sock), safe='')}&port={self.port}"

    def admin_sql(self, sql: str, dbname: str = "postgres") -> None:
        """Run one statement as the superuser, in autocommit (CREATE DATABASE...)."""
        import psycopg

        with psycopg.connect(self.dsn(dbname), autocommit=True) as conn:
            conn.execute(sql)


@contextlib.contextmanager
def library_server(bindir: Path, database: str = "lib"):
    """A server of its own for tests that stop and start it (faults, offline): durable
    (fsync on), with ``database`` made a library (``server init``); stopped at the end."""
    from editor_app.store import pg_roles

    server = TempServer(bindir, durable=True).start()
    try:
        server.admin_sql(f"CREATE DATABASE {database}")
        pg_roles.init_server(server.dsn(database))
        yield server
    finally:
        server.stop()
