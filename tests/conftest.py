import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# automatic backups (services/backups.py) go to the user data folder: never the tester's own
if "EDITOR_APP_DATA" not in os.environ:
    import tempfile

    os.environ["EDITOR_APP_DATA"] = tempfile.mkdtemp(prefix="editor-app-test-data-")

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "samples"
SAMPLE = SAMPLES / "jrzj-2024-10.txt"
DEMO = ROOT / "resources" / "samples" / "demo-issue.txt"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    if not SAMPLE.exists():
        pytest.skip("../shared/samples/jrzj-2024-10.txt is not beside the checkout")
    return SAMPLE


@pytest.fixture(scope="session")
def sample_issue(sample_path):
    from editor_app.ingest import parse_file

    return parse_file(sample_path)


@pytest.fixture(scope="session")
def demo_path() -> Path:
    if not DEMO.exists():
        pytest.skip("demo issue not written yet")
    return DEMO


# -- a throwaway PostgreSQL server (tests/store/pg_server.py) ---------------------------------

_PG_SKIPPED: list[str] = []  # why the server tests were skipped, once per session


@pytest.fixture(scope="session")
def pg_server():
    """A running PostgreSQL cluster for this test session (stopped at its end);
    the tests that use it are skipped when no PostgreSQL binaries are installed."""
    from tests.store.pg_server import TempServer, find_bindir

    try:
        import psycopg  # noqa: F401
    except ImportError:
        _PG_SKIPPED.append("psycopg is not installed")
        pytest.skip("psycopg is not installed")
    bindir = find_bindir()
    if bindir is None:
        _PG_SKIPPED.append("no PostgreSQL binaries (initdb, pg_ctl) on PATH or in /usr/lib/postgresql/*/bin")
        pytest.skip("PostgreSQL binaries not found")
    server = TempServer(bindir)
    try:
        server.start()
    except BaseException:
        server.stop()
        raise
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pg_library_dsn(pg_server):
    """The DSN (superuser) of a library database made by ``server init`` on the test server."""
    from editor_app.store import pg_roles

    pg_server.admin_sql("CREATE DATABASE editor_lib")
    dsn = pg_server.dsn("editor_lib")
    pg_roles.init_server(dsn)
    return dsn


def pg_empty_library(dsn: str) -> None:
    """Every table of the library emptied (schema, roles and logins kept), ids from 1."""
    import psycopg

    from editor_app.store.pg_schema import MIGRATIONS_TABLE

    with psycopg.connect(dsn, autocommit=True) as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> %s",
                (MIGRATIONS_TABLE,),
            )
        ]
        conn.execute("TRUNCATE " + ", ".join(tables) + " RESTART IDENTITY CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request):
    """The store backend a test runs on: SQLite, or a library on the session's throwaway
    PostgreSQL server (tests/store/pg_server.py). Tests with the "postgresql" parameter
    are deselected, with one summary line, where no server can be started."""
    return request.param


@pytest.fixture
def library_db(backend, tmp_path, request) -> str:
    """What ``--db`` names for this backend: a new library file, or the server library's
    DSN (emptied first)."""
    if backend == "postgresql":
        dsn = request.getfixturevalue("pg_library_dsn")
        pg_empty_library(dsn)
        return dsn
    return str(tmp_path / "lib.sqlite")


def _uses_pg(item) -> bool:
    if "pg_server" in getattr(item, "fixturenames", ()):
        return True
    callspec = getattr(item, "callspec", None)
    return callspec is not None and callspec.params.get("backend") == "postgresql"


def _pg_unavailable() -> str | None:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed"
    from tests.store.pg_server import find_bindir

    if find_bindir() is None:
        return "no PostgreSQL binaries (initdb, pg_ctl) on PATH or in /usr/lib/postgresql/*/bin"
    return None


def pytest_collection_modifyitems(config, items):
    """Without a server to start, the tests that need one are deselected (not listed one
    by one as skipped); pytest_terminal_summary says so in one line."""
    why = _pg_unavailable()
    if why is None:
        return
    keep = [item for item in items if not _uses_pg(item)]
    dropped = [item for item in items if _uses_pg(item)]
    if dropped:
        _PG_SKIPPED.append(f"{len(dropped)} tests, {why}")
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if _PG_SKIPPED:
        terminalreporter.write_line(
            f"PostgreSQL server tests skipped: {_PG_SKIPPED[0]} (apt-get install postgresql to run them)"
        )
