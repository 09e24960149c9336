"""The server going away: a clear one-line error, nothing half-written, and the same open
library working again once the server is back (its pool replaces the dead connections).

A server of its own (not the session's), stopped as a crash (``pg_ctl stop -m immediate``).
The offline outbox that keeps saves while the server is away: tests/services/test_outbox.py and
tests/store/test_pg_offline_faults.py.
"""

from __future__ import annotations

import pytest

from editor_app.cli import main
from editor_app.store import Library, LibraryError
from tests.store.conftest import build_issue


@pytest.fixture
def own_server(pg_server):
    """A server of its own (``pg_server`` only makes this test need the binaries)."""
    from tests.store.pg_server import library_server

    with library_server(pg_server.bindir) as server:
        yield server


def test_server_stopped_and_back(own_server, capsys):
    dsn = own_server.dsn("lib")
    with Library(dsn) as lib:
        issue_id = lib.import_issue(build_issue(), author="导入").issue_id
        sid = lib.segments(issue_id)[2].id
        text, version = lib.current_text(sid)
        lib.save_text(sid, text + "一。", "甲", expected_version=version)

        own_server.pg_stop("immediate")
        with pytest.raises(LibraryError, match="cannot reach the library server") as e:
            lib.save_text(sid, text + "一。二。", "甲", expected_version=version + 1)
        assert "\n" not in str(e.value)
        with pytest.raises(LibraryError, match="cannot reach the library server"):
            lib.current_text(sid)
        code = main(["list", "--db", dsn])
        err = capsys.readouterr().err
        assert code == 2 and err.count("\n") == 1 and own_server.password not in err

        own_server.pg_start()
        # the committed save survived the crash; the failed one wrote nothing
        assert lib.current_text(sid) == (text + "一。", version + 1)
        assert [r.note for r in lib.revisions(sid)] == ["edit", "import"]
        # and the same library object saves again
        rev = lib.save_text(sid, text + "一。二。", "甲", expected_version=version + 1)
        assert rev.number == 3
        assert lib.integrity_problems() == []
