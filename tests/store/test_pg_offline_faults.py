"""Issue 13, "Done when" (faults): the server is stopped mid-save and mid-fix
(``pg_ctl stop -m immediate``, 20 times at random moments) while two editors save and a
proofreader applies fixes; the editors' offline outboxes hold every save, they arrive
after the restarts, nothing typed is lost, and ``server check``'s invariants hold.

Services level, no window: each editor is a desk of its own (its own ``Library`` and
pool, its own outbox file) on its own thread, saving the way the article pane does
(``services.outbox.save`` with the version its text is based on; a queued save keeps
that version; a conflict takes the other text, as "take theirs"; after its queue was
sent it follows the article). A fixer thread applies half-width comma fixes
(``editing.apply_finding``), which are refused offline. A controller thread crashes and
restarts the server. The random moments come from a fixed seed; the threads' timing
still varies from run to run, which is the point of a fault test, and every assertion
holds for any interleaving.
"""

from __future__ import annotations

import random
import threading
import time

import pytest

from editor_app.services import checking, editing
from editor_app.services import outbox as ob
from editor_app.services.issues import UserError
from editor_app.store import Library, LibraryError, ServerUnreachable, pg_backend
from editor_app.store.invariants import problems
from tests.store.conftest import DEFAULT_ARTICLES, build_issue

STOPS = 20
EDITORS = 2
SEED = 13


@pytest.fixture
def own_server(pg_server):
    """A server of its own (``pg_server`` only makes this test need the binaries)."""
    from tests.store.pg_server import library_server

    with library_server(pg_server.bindir) as server:
        yield server


@pytest.mark.slow
def test_server_crashes_mid_save_and_mid_fix_lose_nothing(own_server, tmp_path, monkeypatch):
    monkeypatch.setattr(pg_backend, "POOL_WAIT_S", 1.0)  # a dead server answers within a second
    dsn = own_server.dsn("lib")
    articles = [dict(a) for a in DEFAULT_ARTICLES]
    for i in range(len(articles)):
        articles[i] = {**articles[i], "body": ["浙江,杭州,宁波的数字经济发展迅速。", *articles[i]["body"]]}
    with Library(dsn) as admin:
        issue_id = admin.import_issue(build_issue(articles=articles), author="导入").issue_id
        checking.run_checks(admin, issue_id, who="admin")
        seg_ids = [s.id for s in admin.segments(issue_id) if s.kind == "article"]
    assert len(seg_ids) >= EDITORS

    done = threading.Event()
    errors: list[BaseException] = []
    saved: dict[int, list[tuple[int, str]]] = {n: [] for n in range(EDITORS)}  # (seg, text)
    stats = {"queued": 0, "online": 0, "conflicts": 0, "flushes": 0, "flush_conflicts": 0,
             "fixes": 0, "fix_refused_offline": 0, "stops": 0}
    lock = threading.Lock()
    restarts: list[float] = []

    def count(key: str, k: int = 1) -> None:
        with lock:
            stats[key] += k

    def editor(n: int) -> None:
        rng = random.Random(SEED * 100 + n)
        sid = seg_ids[n]
        box = ob.Outbox(ob.outbox_path(tmp_path / f"desk{n}", dsn), dsn, backoff=(0.2, 0.5, 1.0))
        try:
            with Library(dsn) as lib:
                text, version = lib.current_text(sid)
                i = 0
                while not done.is_set() or box.pending():
                    if not done.is_set():
                        i += 1
                        text = text + f"〔e{n}-{i}〕再改一句。"
                        res = ob.save(lib, box, sid, text, f"editor{n}", version, issue_id=issue_id)
                        saved[n].append((sid, text))
                        if res.queued:
                            count("queued")
                        elif res.conflict is not None:
                            count("conflicts")
                            text, version = res.conflict.current_text, res.conflict.current_version
                        else:
                            count("online")
                            version = res.version
                    if box.pending() and box.due():
                        report = ob.flush(lib, box)
                        count("flushes")
                        count("flush_conflicts", len(report.conflicts))
                        if not report.offline and report.remaining == 0:
                            try:  # follow the article, as the pane does once the queue is sent
                                text, version = lib.current_text(sid)
                            except ServerUnreachable:
                                pass
                    time.sleep(rng.uniform(0.02, 0.12) if not done.is_set() else 0.2)
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)
        finally:
            box.close()

    def fixer() -> None:
        rng = random.Random(SEED)
        try:
            with Library(dsn) as lib:
                while not done.is_set():
                    try:
                        fixable = [f for f in lib.list_findings(issue_id, rule="punctuation.halfwidth",
                                                                  status="open") if f.suggestion is not None]
                        if fixable:
                            f = rng.choice(fixable)
                            res = editing.apply_finding(lib, f.segment.id, f.id, f.rule, f.fingerprint, "校对")
                            if res.applied:
                                count("fixes")
                    except editing.OfflineRefusal:
                        count("fix_refused_offline")
                    except ServerUnreachable:
                        pass  # listing the findings offline
                    except (UserError, LibraryError):
                        pass  # the finding moved on (an editor's save): refused, nothing written
                    time.sleep(rng.uniform(0.0, 0.03))
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    def controller() -> None:
        rng = random.Random(SEED + 1)
        try:
            for _ in range(STOPS):
                time.sleep(rng.uniform(0.2, 1.0))
                t = time.monotonic()
                own_server.pg_stop("immediate")
                count("stops")
                time.sleep(rng.uniform(0.05, 0.4))
                own_server.pg_start()
                with lock:
                    restarts.append(time.monotonic() - t)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            if not own_server.started:
                own_server.pg_start()
            done.set()

    t0 = time.monotonic()
    threads = [threading.Thread(target=editor, args=(n,)) for n in range(EDITORS)]
    threads += [threading.Thread(target=fixer), threading.Thread(target=controller)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=240)
    elapsed = time.monotonic() - t0
    assert not any(t.is_alive() for t in threads), "a client hung"
    assert not errors, errors
    assert stats["stops"] == STOPS
    assert stats["queued"] > 0, stats  # the outbox was used
    assert stats["online"] > 0 and stats["fixes"] > 0, stats
    print(f"\noffline faults: {stats}, {elapsed:.1f} s, down+restart {sum(restarts) / len(restarts):.2f} s on average")

    # every outbox was sent, and every text an editor saved is a revision (current or conflict)
    for n in range(EDITORS):
        box = ob.Outbox(ob.outbox_path(tmp_path / f"desk{n}", dsn), dsn)
        assert box.pending() == 0 and box.refused() == []
        box.close()
    with Library(dsn) as lib:
        for n in range(EDITORS):
            sid = seg_ids[n]
            texts = {r.text for r in lib.revisions(sid)}
            missing = [t for s, t in saved[n] if t not in texts]
            assert not missing, f"editor {n}: {len(missing)} of {len(saved[n])} saved texts lost"
            revs = lib.revisions(sid)
            assert sorted(r.number for r in revs) == list(range(1, len(revs) + 1))
            assert {r.note for r in revs} <= {"import", "edit", "conflict", "fix punctuation.halfwidth"}
        assert problems(lib) == []
        assert lib.integrity_problems() == []
