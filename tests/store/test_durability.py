"""Durability and concurrency: a writer killed at any moment leaves a sound library
holding its last committed save; two connections to one file wait for each other
and detect each other's edits."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from editor_app.store import ConflictError, Library
from tests.store.conftest import build_issue

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent(
    """
    import sys
    from editor_app.store import ConflictError, Library
    lib = Library(sys.argv[1])
    sid = int(sys.argv[2])
    start = int(sys.argv[3])
    i = start
    while True:
        i += 1
        lib.save_text(sid, f"第{i}版\\n" + "内容" * (i % 50), "child")
        with lib.atomic():  # a second kind of write between the saves
            lib._write("INSERT OR REPLACE INTO settings (key, value) VALUES ('n', ?)", (str(i),))
        print(i, flush=True)
    """
)


@pytest.mark.slow
def test_kill_during_writes_keeps_last_commit(tmp_path):
    path = tmp_path / "lib.db"
    with Library(path) as lib:
        res = lib.import_issue(build_issue())
        sid = lib.segment_by_key(res.issue_id, "s03").id
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    last = 0
    for round_ in range(4):
        proc = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(path), str(sid), str(last)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        seen = last
        try:
            for line in proc.stdout:
                seen = int(line)
                if seen >= last + 25 + 7 * round_:
                    proc.kill()  # SIGKILL on POSIX, TerminateProcess on Windows
                    break
        finally:
            proc.kill()
            proc.wait(timeout=30)
        assert seen > last, proc.stderr.read()
        with Library(path) as lib:
            assert lib.integrity_problems() == []
            text, version = lib.current_text(sid)
            n = int(text.split("\n")[0].strip("第版"))
            assert n >= seen  # everything reported as saved is there
            assert version == n + 1  # revision 1 is the import; no gap, no half write
            assert [r.number for r in lib.revisions(sid)] == list(range(n + 1, 0, -1))
            assert lib.get_setting("n") in (n, n - 1)
            assert [h.segment_id for h in lib.search(f"第{n}版")] == [sid]
        last = n


def test_two_connections_wait_and_detect_conflicts(tmp_path):
    path = tmp_path / "lib.db"
    a = Library(path, check_same_thread=False)
    b = Library(path)
    res = a.import_issue(build_issue())
    sid = a.segment_by_key(res.issue_id, "s03").id
    _, version = b.current_text(sid)
    holding = threading.Event()

    def long_writer():
        with a.atomic():
            a._write("INSERT INTO settings (key, value) VALUES ('lock', '1')")
            holding.set()
            time.sleep(0.4)

    t = threading.Thread(target=long_writer)
    t.start()
    holding.wait(5)
    started = time.perf_counter()
    rev = b.save_text(sid, "乙的修改。", "乙", expected_version=version)  # waits for a's commit
    waited = time.perf_counter() - started
    t.join()
    assert waited > 0.2 and rev.number == 2
    assert b.get_setting("lock") == 1
    # a still edits from the version it read: conflict, and both texts are kept
    with pytest.raises(ConflictError) as info:
        a.save_text(sid, "甲的修改。", "甲", expected_version=version)
    assert a.current_text(sid) == ("乙的修改。", version + 1)
    assert b.revision(info.value.conflict_revision_id).text == "甲的修改。"
    assert [h.segment_id for h in a.search("乙的修改")] == [sid]
    a.close()
    b.close()
