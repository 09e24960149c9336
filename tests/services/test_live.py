"""services/live.py without Qt: the server announces changes (migration 0008_live), the
listener turns them into OpChanges, skips its own client's, passes presence, reconnects."""

from __future__ import annotations

import statistics
import threading
import time

import pytest

from editor_app.services import checking, editing, live
from editor_app.services.changes import OpChanges
from editor_app.store import Library, pg_roles
from tests.conftest import pg_empty_library
from tests.store.conftest import DEFAULT_ARTICLES, build_issue

PASSWORD = "pw-live-1"


class Inbox:
    def __init__(self):
        self.changes: list[tuple[OpChanges, list[str], float]] = []
        self.presence: list[live.Presence] = []
        self.online: list[bool] = []
        self.cv = threading.Condition()

    def on_changes(self, changes, logins):
        with self.cv:
            self.changes += [(c, logins, time.perf_counter()) for c in changes]
            self.cv.notify_all()

    def on_presence(self, p):
        with self.cv:
            self.presence.append(p)
            self.cv.notify_all()

    def on_online(self, online):
        with self.cv:
            self.online.append(online)
            self.cv.notify_all()

    def wait(self, pred, timeout=2.0):
        with self.cv:
            return self.cv.wait_for(pred, timeout)


@pytest.fixture
def desk(pg_server, pg_library_dsn):
    pg_empty_library(pg_library_dsn)
    pg_roles.add_user(pg_library_dsn, "编辑甲", "编辑", PASSWORD)
    pg_roles.add_user(pg_library_dsn, "校对乙", "校对", PASSWORD)
    editor = pg_server.dsn("editor_lib", user="编辑甲", password=PASSWORD)
    proof = pg_server.dsn("editor_lib", user="校对乙", password=PASSWORD)
    with Library(pg_library_dsn) as admin:
        articles = [dict(a) for a in DEFAULT_ARTICLES]
        articles[0] = {**articles[0], "body": ["浙江,杭州的数字经济发展迅速。", *articles[0]["body"]]}
        issue_id = admin.import_issue(build_issue(articles=articles), author="导入").issue_id
        checking.recheck(admin, issue_id, "import")
        segs = [s.id for s in admin.segments(issue_id) if s.kind == "article"]
    yield editor, proof, issue_id, segs


def _listen(dsn, client, inbox):
    lst = live.LiveListener(dsn, client, inbox.on_changes, inbox.on_presence, inbox.on_online).start()
    assert lst.wait_ready(5)
    return lst


def test_changes_of_merges_by_issue():
    cs = [live.Change(1, (5,), "findings", "a", "x"), live.Change(1, (6,), "review", "a", "x"),
          live.Change(2, None, "text", "b", "y"), live.Change(None, None, "settings", "b", "y"),
          live.Change(1, (5,), "nonsense", "a", "x")]
    out = {c.issue_id: c for c in live.changes_of(cs)}
    assert out[1].segments == frozenset({5, 6}) and out[1].findings and out[1].review and not out[1].text
    assert out[2].segments is None and out[2].text and out[2].header
    assert out[None].settings and out[None].segments is None
    assert live.parse_change("not json") is None


def test_presence_map_lapses():
    m = live.PresenceMap(timeout=30)
    p = live.Presence("c1", "lihua", "李华", 1, 7, True)
    m.update(p, now=100.0)
    assert m.editors_of(7, now=110.0) == ["李华"] and m.editors_of(8, now=110.0) == []
    assert m.editors_of(7, now=131.0) == []  # no heartbeat for 30 s
    m.update(p, now=140.0)
    m.update(live.Presence("c1", "lihua", "李华", 1, 7, False), now=141.0)  # stopped editing
    assert m.editors_of(7, now=141.0) == []


def test_a_dismissal_and_a_status_reach_the_other_desk(desk):
    editor_dsn, proof_dsn, issue_id, segs = desk
    inbox = Inbox()
    me = live.new_client_name()
    lst = _listen(editor_dsn, me, inbox)
    try:
        with Library(live.desk_dsn(proof_dsn, live.new_client_name())) as pr:
            f = next(f for f in pr.list_findings(issue_id, status="open") if f.segment)
            t0 = time.perf_counter()
            editing.dismiss_finding(pr, f.segment.id, f.id, f.rule, f.fingerprint, "不是错", "校对乙")
            assert inbox.wait(lambda: any(c.findings_of(issue_id, f.segment.id) for c, _l, _t in inbox.changes), 1.0)
            ch, logins, t1 = next(x for x in inbox.changes if x[0].findings)
            assert logins == ["校对乙"] and t1 - t0 < 1.0
            inbox.changes.clear()
            editing.set_review_status(pr, segs[0], "已校", "校对乙")
            assert inbox.wait(lambda: any(c.review and c.concerns(issue_id, segs[0])
                                          for c, _l, _t in inbox.changes), 1.0)
    finally:
        lst.stop()


def test_own_changes_are_skipped(desk):
    editor_dsn, _proof, issue_id, segs = desk
    inbox = Inbox()
    me = live.new_client_name()
    lst = _listen(editor_dsn, me, inbox)
    try:
        with Library(live.desk_dsn(editor_dsn, me)) as lib:
            text, version = lib.current_text(segs[1])
            editing.save_article(lib, segs[1], text + "补一句。", "编辑甲", version, check=True)
        with Library(live.desk_dsn(editor_dsn, live.new_client_name())) as other:
            editing.set_review_status(other, segs[1], "审校中", "编辑甲")
        # the second desk's status arrives; the first desk's own save never does
        assert inbox.wait(lambda: any(c.review for c, _l, _t in inbox.changes), 1.5)
        time.sleep(0.2)
        assert not any(c.text for c, _l, _t in inbox.changes)
    finally:
        lst.stop()


def test_a_save_is_announced_as_text_with_its_findings(desk):
    editor_dsn, _proof, issue_id, segs = desk
    inbox = Inbox()
    lst = _listen(editor_dsn, live.new_client_name(), inbox)
    try:
        with Library(live.desk_dsn(editor_dsn, live.new_client_name())) as lib:
            text, version = lib.current_text(segs[0])
            editing.save_article(lib, segs[0], text.replace("。", "，", 1), "编辑甲", version, check=True)
        assert inbox.wait(lambda: any(c.text_of(issue_id, segs[0]) for c, _l, _t in inbox.changes), 1.0)
        assert all(c.segments is None or c.segments <= set(segs) | {s for s in c.segments}
                   for c, _l, _t in inbox.changes)
    finally:
        lst.stop()


def test_presence_goes_to_the_others_only(desk):
    editor_dsn, proof_dsn, issue_id, segs = desk
    a, b = Inbox(), Inbox()
    ca, cb = live.new_client_name(), live.new_client_name()
    la, lb = _listen(editor_dsn, ca, a), _listen(proof_dsn, cb, b)
    try:
        la.send_presence(live.Presence(ca, "编辑甲", "李华", issue_id, segs[0], True))
        assert b.wait(lambda: bool(b.presence), 1.0)
        assert b.presence[0].name == "李华" and b.presence[0].seg_id == segs[0]
        time.sleep(0.3)
        assert a.presence == []
    finally:
        la.stop()
        lb.stop()


def test_the_listener_reconnects(desk, pg_server):
    editor_dsn, proof_dsn, issue_id, segs = desk
    inbox = Inbox()
    me = live.new_client_name()
    lst = _listen(editor_dsn, me, inbox)
    try:
        pg_server.admin_sql(
            f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '{me}:listen'"
        )
        assert inbox.wait(lambda: inbox.online[-2:] == [False, True], 5.0), inbox.online
        assert lst.reconnects == 1
        with Library(live.desk_dsn(proof_dsn, live.new_client_name())) as pr:
            editing.set_review_status(pr, segs[2], "审校中", "校对乙")
        assert inbox.wait(lambda: any(c.review for c, _l, _t in inbox.changes), 1.0)
    finally:
        lst.stop()


def test_notification_latency(desk):
    """Commit to the listener's callback: the median of 20 status changes (printed)."""
    editor_dsn, proof_dsn, issue_id, segs = desk
    inbox = Inbox()
    lst = _listen(editor_dsn, live.new_client_name(), inbox)
    lat = []
    try:
        with Library(live.desk_dsn(proof_dsn, live.new_client_name())) as pr:
            for i in range(20):
                inbox.changes.clear()
                t0 = time.perf_counter()
                pr.set_review_status(segs[i % len(segs)], ("审校中", "已校")[i % 2], "校对乙")
                t_commit = time.perf_counter()
                assert inbox.wait(lambda: bool(inbox.changes), 1.0)
                lat.append((inbox.changes[0][2] - t_commit) * 1000)
                del t0
    finally:
        lst.stop()
    med = statistics.median(lat)
    print(f"\nlive notification latency: median {med:.1f} ms, max {max(lat):.1f} ms (n={len(lat)})")
    assert med < 300


def test_whoami(desk):
    editor_dsn, proof_dsn, *_ = desk
    with Library(proof_dsn) as pr:
        assert live.whoami(pr) == live.Whoami("校对乙", "校对", "proofreader")
    with Library(":memory:") as local:
        assert live.whoami(local) == live.Whoami("", "", "")
