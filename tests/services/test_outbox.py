"""The offline outbox (services/outbox.py, store/outbox.py) on a real server that the
tests stop and start: saves queue in order and arrive in order, survive a restart of
the app, become conflict revisions when the article moved on, and a role's refusal is
never queued."""

from __future__ import annotations

import pytest

from editor_app.services import editing
from editor_app.services import outbox as ob
from editor_app.services.edit_session import EditSession
from editor_app.store import Library, PermissionRefused, ServerUnreachable, pg_backend, pg_roles
from editor_app.store.invariants import problems
from tests.conftest import pg_empty_library
from tests.store.conftest import DEFAULT_ARTICLES, build_issue


class Clock:
    def __init__(self):
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture(scope="module")
def server(pg_server):
    from tests.store.pg_server import library_server

    with library_server(pg_server.bindir) as srv:
        yield srv


@pytest.fixture
def desk(server, tmp_path, monkeypatch):
    """(server, dsn, lib, issue_id, seg_id, outbox, clock) on a fresh library."""
    monkeypatch.setattr(pg_backend, "POOL_WAIT_S", 1.0)
    if not server.started:
        server.pg_start()
    dsn = server.dsn("lib")
    pg_empty_library(dsn)
    clock = Clock()
    box = ob.Outbox(ob.outbox_path(tmp_path, dsn), dsn, clock=clock)
    lib = Library(dsn)
    articles = [dict(a) for a in DEFAULT_ARTICLES]
    articles[0] = {**articles[0], "body": ["浙江,杭州的数字经济发展迅速。", *articles[0]["body"]]}
    issue_id = lib.import_issue(build_issue(articles=articles), author="导入").issue_id
    sid = [s.id for s in lib.segments(issue_id) if s.kind == "article"][0]
    try:
        yield server, dsn, lib, issue_id, sid, box, clock
    finally:
        lib.close()
        box.close()
        if not server.started:
            server.pg_start()


def test_outbox_file_is_per_library_without_password(tmp_path):
    a = ob.outbox_path(tmp_path, "postgresql://ed:secret@host/lib")
    b = ob.outbox_path(tmp_path, "postgresql://ed:other@host/lib")
    c = ob.outbox_path(tmp_path, "postgresql://ed:secret@host/lib2")
    assert a == b != c and "secret" not in str(a) and a.parent == tmp_path / "outbox"


def test_offline_saves_queue_in_order_and_arrive_in_order(desk):
    server, dsn, lib, issue_id, sid, box, clock = desk
    text, version = lib.current_text(sid)
    server.pg_stop("immediate")
    first = ob.save(lib, box, sid, text + "一。", "甲", version, issue_id=issue_id)
    assert first.queued and first.pending == 1 and first.revision is None
    assert box.offline and not box.due()
    # later saves on the same base wait behind it, without touching the server
    ob.save(lib, box, sid, text + "一。二。", "甲", version, issue_id=issue_id)
    ob.set_header(lib, box, sid, "甲", version, issue_id=issue_id, subtitle="副题")
    assert box.pending() == 3
    assert [q.text for q in box.file.saves()] == [text + "一。", text + "一。二。", None]

    server.pg_start()
    clock.t += 1.5
    assert box.due()
    report = ob.flush(lib, box)
    assert not report.offline and report.remaining == 0 and not report.conflicts
    assert len(report.sent) == 3 and report.changes.text_of(issue_id, sid)
    assert "已发送" in report.message()
    revs = lib.revisions(sid)
    assert [r.note for r in revs] == ["header", "edit", "edit", "import"]  # chained, no conflict
    assert [r.text for r in revs[1:3]] == [text + "一。二。", text + "一。"]
    assert lib.current_text(sid)[0] == text + "一。二。" and revs[0].header.subtitle == "副题"
    # a later save by the same editor, still on the version it loaded, follows its own saves
    res = ob.save(lib, box, sid, text + "一。二。三。", "甲", version, issue_id=issue_id)
    assert not res.queued and res.conflict is None and res.revision.number == 5
    assert problems(lib) == []


def test_closing_the_app_offline_keeps_the_outbox_for_the_next_start(desk, tmp_path):
    server, dsn, lib, issue_id, sid, box, clock = desk
    text, version = lib.current_text(sid)
    server.pg_stop("immediate")
    for i in range(3):
        assert ob.save(lib, box, sid, text + "改" * (i + 1), "甲", version, issue_id=issue_id).queued
    lib.close()
    box.close()
    # the next start: the server is still away, the library cannot even be opened
    box2 = ob.Outbox(ob.outbox_path(tmp_path, dsn), dsn)
    assert box2.pending() == 3
    with pytest.raises(ServerUnreachable):
        Library(dsn)
    assert ob.save(None, box2, sid, text + "改改改改", "甲", version, issue_id=issue_id).queued
    box2.close()
    # and the start after that, with the server back
    server.pg_start()
    box3 = ob.Outbox(ob.outbox_path(tmp_path, dsn), dsn)
    assert box3.pending() == 4
    with Library(dsn) as lib2:
        report = ob.flush(lib2, box3)
        assert len(report.sent) == 4 and report.remaining == 0 and not report.conflicts
        assert lib2.current_text(sid)[0] == text + "改改改改"
        assert [r.note for r in lib2.revisions(sid)] == ["edit"] * 4 + ["import"]
        assert problems(lib2) == []
    box3.close()


def test_a_queued_save_on_a_moved_article_becomes_a_conflict_revision(desk):
    server, dsn, lib, issue_id, sid, box, clock = desk
    text, version = lib.current_text(sid)
    server.pg_stop("immediate")
    ob.save(lib, box, sid, text + "我的。", "甲", version, issue_id=issue_id)
    ob.save(lib, box, sid, text + "我的。还有。", "甲", version, issue_id=issue_id)
    server.pg_start()
    with Library(dsn) as other:  # someone else saved while this desk was offline
        other.save_text(sid, text + "他的。", "乙", expected_version=version)
    clock.t += 5
    report = ob.flush(lib, box)
    assert len(report.sent) == 2 and len(report.conflicts) == 2 and report.remaining == 0
    assert "冲突修订" in report.message()
    revs = lib.revisions(sid)
    assert [r.note for r in revs] == ["conflict", "conflict", "edit", "import"]
    assert lib.current_text(sid)[0] == text + "他的。"  # nothing overwritten silently
    assert {r.text for r in revs[:2]} == {text + "我的。", text + "我的。还有。"}  # both kept
    assert report.sent[0].conflict.conflict_number == 3
    assert problems(lib) == []


def test_a_refusal_by_role_is_reported_not_queued(desk):
    server, dsn, lib, issue_id, sid, box, clock = desk
    try:
        pg_roles.add_user(dsn, "outbox校对", "校对", "pw-校对")
    except Exception:  # noqa: BLE001 - left from an earlier test of this module's server
        pass
    text, version = lib.current_text(sid)
    with Library(server.dsn("lib", user="outbox校对", password="pw-校对")) as pr:
        with pytest.raises(PermissionRefused):
            ob.save(pr, box, sid, text + "校。", "小校", version, issue_id=issue_id)
    assert box.pending() == 0 and not box.offline
    assert [r.note for r in lib.revisions(sid)] == ["import"]


def test_fixes_and_dismissals_are_refused_offline_in_one_line(desk):
    server, dsn, lib, issue_id, sid, box, clock = desk
    from editor_app.services import checking

    checking.run_checks(lib, issue_id, who="甲")
    f = lib.list_findings(issue_id, rule="punctuation.halfwidth", status="open")[0]
    server.pg_stop("immediate")
    with pytest.raises(editing.OfflineRefusal, match="离线") as e:
        editing.apply_finding(lib, f.segment.id, f.id, f.rule, f.fingerprint, "甲")
    assert "\n" not in str(e.value)
    with pytest.raises(editing.OfflineRefusal, match="离线"):
        editing.dismiss_finding(lib, f.segment.id, f.id, f.rule, f.fingerprint, "", "甲")
    assert box.pending() == 0


def test_the_edit_session_shows_a_queued_save_as_saved_here(desk):
    server, dsn, lib, issue_id, sid, box, clock = desk
    s = EditSession()
    s.load(editing.load_article(lib, sid), [])
    s.edited(0, 0, 1)
    req = s.begin_save("甲" + s.saved_text)
    server.pg_stop("immediate")
    out = s.saved(req, ob.save(lib, box, sid, req.text, "甲", req.version, issue_id=issue_id))
    assert out.queued and not out.changed and s.queued and not s.is_dirty()
    assert s.saved_text == req.text and s.version == req.version
    server.pg_start()
    clock.t += 5
    assert ob.flush(lib, box).remaining == 0
    view = editing.load_article(lib, sid)
    assert s.can_follow(view) and view.text == req.text
    s.followed(view, [])
    assert not s.queued and s.version == view.version


def test_a_save_refused_when_sent_is_kept_marked_and_the_rest_still_go(desk):
    """The article was signed off while this desk was offline: its queued save is refused
    by the server when sent; it stays in the outbox file, marked and reported, and the
    saves behind it are sent."""
    server, dsn, lib, issue_id, sid, box, clock = desk
    try:
        pg_roles.add_user(dsn, "outbox主编", "主编", "pw-主编")
    except Exception:  # noqa: BLE001 - left from an earlier test of this module's server
        pass
    other = [s.id for s in lib.segments(issue_id) if s.kind == "article"][1]
    text, version = lib.current_text(sid)
    text2, version2 = lib.current_text(other)
    server.pg_stop("immediate")
    ob.save(lib, box, sid, text + "签发前写的。", "甲", version, issue_id=issue_id)
    ob.save(lib, box, other, text2 + "另一篇。", "甲", version2, issue_id=issue_id)
    server.pg_start()
    with Library(server.dsn("lib", user="outbox主编", password="pw-主编")) as chief:
        chief.set_review_status(sid, "签发", "老主")
    clock.t += 5
    report = ob.flush(lib, box)
    assert len(report.refused) == 1 and report.refused[0][0].segment_id == sid
    assert "signed off" in report.refused[0][1] or "签发" in report.refused[0][1]
    assert len(report.sent) == 1 and report.remaining == 0 and "拒绝" in report.message()
    assert box.pending() == 0 and [q.text for q in box.refused()] == [text + "签发前写的。"]
    assert lib.current_text(other)[0] == text2 + "另一篇。"
    assert lib.current_text(sid)[0] == text


def test_retry_now_skips_the_back_off_but_keeps_offline(tmp_path):
    clock = Clock()
    box = ob.Outbox(tmp_path / "o.sqlite", "postgresql://u@h/db", clock=clock)
    try:
        box.went_offline()
        box.went_offline()  # the second failure waits longer
        assert box.offline and not box.due() and box.retry_in() > 0
        box.retry_now()  # the change listener saw the server answer
        assert box.due() and box.offline  # only a successful send says "online"
        box.went_offline()  # it was wrong: back-off again, longer still
        assert not box.due()
    finally:
        box.close()
