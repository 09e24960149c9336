"""Two desks on one newsroom library (the session's throwaway PostgreSQL server): each
main window has its own connections and login; what one does reaches the other live
(LISTEN/NOTIFY, services/live.py), roles shape the window, presence shows who edits.

Deselected with one summary line where no PostgreSQL can be started (tests/conftest.py).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from editor_app.services import editing, importing
from editor_app.services import issues as svc
from editor_app.store import pg_roles
from tests.conftest import pg_empty_library
from tests.gui.test_window import type_text

DEMO = Path(__file__).resolve().parents[2] / "resources" / "samples" / "demo-issue.txt"
PASSWORD = "pw-desk-1"
LOGINS = {"editor": ("lihua", "编辑", "李华"), "proofreader": ("wangjiao", "校对", "王校"),
          "chief": ("zhubian", "主编", "赵主编")}


@pytest.fixture
def newsroom(pg_server, pg_library_dsn):
    """{role: DSN of that login}, issue id, [article ids with open findings first]."""
    pg_empty_library(pg_library_dsn)
    for login, role, _name in LOGINS.values():
        pg_roles.add_user(pg_library_dsn, login, role, PASSWORD)
    with svc.open_library(pg_library_dsn) as lib:
        issue_id = importing.import_issue_file(lib, DEMO, author="导入").issue_id
        editing.check_issue(lib, issue_id)
        counts = {}
        for f in lib.list_findings(issue_id, status="open"):
            if f.segment is not None:
                counts[f.segment.id] = counts.get(f.segment.id, 0) + 1
        arts = [s.id for s in lib.segments(issue_id) if s.kind == "article"]
    arts.sort(key=lambda s: -counts.get(s, 0))
    dsns = {key: pg_server.dsn("editor_lib", user=login, password=PASSWORD)
            for key, (login, _r, _n) in LOGINS.items()}
    return dsns, issue_id, arts


@pytest.fixture
def desk(qtbot, tmp_path):
    """desk(dsn, name) -> a shown main window on the server library, as that person."""
    from editor_app.gui.app import build_window
    from editor_app.gui.settings import AppSettings

    windows = []

    def make(dsn: str, name: str, issue_id: int, seg_id: int):
        settings = AppSettings(tmp_path / f"settings-{len(windows)}" / "editor-app.ini")
        settings.user_name = name
        w = build_window(dsn, settings, synchronous=True)
        qtbot.addWidget(w)
        w.resize(1200, 800)
        w.show()
        w.start(issue_id)
        w.session.runner.wait_idle()
        assert w.session.listener.wait_ready(5)
        qtbot.waitUntil(lambda: w.session.who.login != "", timeout=3000)
        w.open_article(seg_id)
        qtbot.waitUntil(lambda: w.pane.seg_id == seg_id, timeout=3000)
        windows.append(w)
        return w

    yield make
    for w in windows:
        w.close()


def _item(w, seg_id):
    return next(it for g in w.contents.contents.groups for it in g.items if it.seg_id == seg_id)


def test_a_dismissal_and_a_status_change_reach_the_other_window(newsroom, desk, qtbot):
    dsns, issue_id, arts = newsroom
    seg = arts[0]
    ed = desk(dsns["editor"], "李华", issue_id, seg)
    pr = desk(dsns["proofreader"], "王校", issue_id, seg)
    assert "服务器" in ed.library_label.text() and "lihua" in ed.library_label.text()
    assert "编辑" in ed.library_label.text() and "校对" in pr.library_label.text()
    assert PASSWORD not in ed.session.display_location and "lihua" in ed.session.display_location
    before = _item(ed, seg).open_findings
    f = next(f for f in pr.findings.findings if f.status == "open" and f.segment and f.segment.id == seg)
    # the proofreader dismisses, through the window's own write path
    pr.session.write(lambda ctx: editing.dismiss_finding(ctx.lib, seg, f.id, f.rule, f.fingerprint, "人名", "王校"))
    pr.session.runner.wait_idle()
    t0 = time.perf_counter()
    qtbot.waitUntil(lambda: _item(ed, seg).open_findings == before - 1
                    and any(g.fingerprint == f.fingerprint and g.status == "dismissed" for g in ed.findings.findings),
                    timeout=1000)
    dismissal_ms = (time.perf_counter() - t0) * 1000
    # ... and sets the article's status
    pr.set_review("proofread", seg)
    pr.session.runner.wait_idle()
    t0 = time.perf_counter()
    qtbot.waitUntil(lambda: _item(ed, seg).review_status == "proofread"
                    and ed.pane.view.review_status == "proofread", timeout=1000)
    status_ms = (time.perf_counter() - t0) * 1000
    print(f"\nwindow-to-window: dismissal {dismissal_ms:.0f} ms, status {status_ms:.0f} ms")
    # the overview follows too (it refreshes when shown)
    ed.tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: ed.overview.data is not None and any(
        r.seg_id == seg and r.review_status == "proofread" for r in ed.overview.data.rows), timeout=1000)
    # a window does not refresh from its own changes twice: its own notifications are skipped
    assert pr.session.client != ed.session.client


def test_a_proofreader_cannot_type_and_a_refused_write_is_one_line(newsroom, desk, qtbot):
    from editor_app.gui.actions import A

    dsns, issue_id, arts = newsroom
    pr = desk(dsns["proofreader"], "王校", issue_id, arts[1])
    assert pr.pane.editor.isReadOnly()
    assert pr.pane.lock_note.isVisible() and "校对" in pr.pane.lock_note.text()
    text = pr.pane.editor.text()
    pr.pane.editor.setFocus()
    qtbot.keyClicks(pr.pane.editor, "x")
    type_text(pr.pane.editor, "改")
    assert pr.pane.editor.text() == text and not pr.pane.is_dirty()
    assert not pr.actions[A.STATUS_SIGNED].isEnabled()
    # a write forced through the services: the server refuses, the window says so in one line
    seg = arts[1]
    pr.session.write(lambda ctx: editing.save_article(ctx.lib, seg, text + "改", "王校", None, check=False))
    pr.session.runner.wait_idle()
    assert pr.last_error is not None
    title, message = pr.last_error
    print(f"\nrefused: {title}: {message}")
    assert "\n" not in message and "Traceback" not in message and "程序错误" not in title
    # signing off forced through the window's command: refused by the server, said in one line,
    # and the status actions show the stored status again
    pr.last_error = None
    pr.actions[A.STATUS_SIGNED].setChecked(True)  # as a modified client would show it
    pr.set_review("signed", seg)
    pr.session.runner.wait_idle()
    qtbot.waitUntil(lambda: pr.actions[A.STATUS_PENDING].isChecked(), timeout=1000)
    assert pr.last_error is not None and "主编" in pr.last_error[1] and "\n" not in pr.last_error[1]


def test_the_chief_signs_off_and_the_editor_turns_read_only_live(newsroom, desk, qtbot):
    from editor_app.gui.actions import A

    dsns, issue_id, arts = newsroom
    seg = arts[2]
    ed = desk(dsns["editor"], "李华", issue_id, seg)
    chief = desk(dsns["chief"], "赵主编", issue_id, seg)
    assert not ed.pane.editor.isReadOnly() and not ed.actions[A.STATUS_SIGNED].isEnabled()
    assert chief.actions[A.STATUS_SIGNED].isEnabled()
    chief.actions[A.STATUS_SIGNED].trigger()
    chief.session.runner.wait_idle()
    assert chief.last_error is None
    qtbot.waitUntil(lambda: ed.pane.editor.isReadOnly(), timeout=1000)
    assert "签发" in ed.pane.lock_note.text()
    assert not ed.actions[A.STATUS_PROOFREAD].isEnabled() and not ed.actions[A.REOPEN_ARTICLE].isEnabled()
    assert chief.pane.editor.isReadOnly()  # signed: read-only for everyone, the chief too
    assert chief.actions[A.REOPEN_ARTICLE].isEnabled()
    chief.actions[A.REOPEN_ARTICLE].trigger()
    chief.session.runner.wait_idle()
    qtbot.waitUntil(lambda: not ed.pane.editor.isReadOnly(), timeout=1000)
    assert not ed.pane.lock_note.isVisible()


def test_presence_shows_who_is_editing(newsroom, desk, qtbot):
    dsns, issue_id, arts = newsroom
    seg = arts[3]
    ed = desk(dsns["editor"], "李华", issue_id, seg)
    chief = desk(dsns["chief"], "赵主编", issue_id, seg)
    ed.pane.editor.setFocus()
    cursor = ed.pane.editor.textCursor()
    cursor.movePosition(cursor.MoveOperation.End)
    ed.pane.editor.setTextCursor(cursor)
    type_text(ed.pane.editor, "补")
    assert ed.pane.is_dirty()
    qtbot.waitUntil(lambda: chief.pane.presence_note.isVisible(), timeout=1000)
    assert chief.pane.presence_note.text() == "李华 正在编辑此文"
    assert not ed.pane.presence_note.isVisible()  # not about oneself
    ed.pane.flush()
    ed.session.runner.wait_idle()
    qtbot.waitUntil(lambda: not chief.pane.presence_note.isVisible(), timeout=1000)
    # the save itself reached the chief's window (not being edited there): the text follows
    qtbot.waitUntil(lambda: chief.pane.editor.text().endswith("补"), timeout=1000)


def test_a_change_elsewhere_while_typing_is_said_at_once_and_kept_on_save(newsroom, desk, qtbot):
    dsns, issue_id, arts = newsroom
    seg = arts[4]
    ed = desk(dsns["editor"], "李华", issue_id, seg)
    chief = desk(dsns["chief"], "赵主编", issue_id, seg)
    ed.pane.editor.setFocus()
    type_text(ed.pane.editor, "甲")
    assert ed.pane.is_dirty()
    chief.pane.editor.setFocus()
    type_text(chief.pane.editor, "乙")
    chief.pane.flush()
    chief.session.runner.wait_idle()
    qtbot.waitUntil(lambda: "有人修改了此文" in ed.pane.presence_note.text(), timeout=1000)
    ed.pane.flush()
    ed.session.runner.wait_idle()
    assert ed.pane.conflict is not None and ed.pane.conflict_bar.isVisible()  # both texts kept


def test_connection_test_says_what_is_wrong(newsroom, pg_server):
    from editor_app.services import live

    dsns, _issue, _arts = newsroom
    ok, msg = live.check_connection(dsns["proofreader"])
    assert ok and "wangjiao" in msg and "校对" in msg
    ok, msg = live.check_connection(pg_server.dsn("editor_lib", user="lihua", password="wrong"))
    assert not ok and msg.startswith("密码错误") and "\n" not in msg
    pg_server.admin_sql("DROP DATABASE IF EXISTS desk_not_a_library")
    pg_server.admin_sql("CREATE DATABASE desk_not_a_library")
    try:
        ok, msg = live.check_connection(pg_server.dsn("desk_not_a_library"))
    finally:
        pg_server.admin_sql("DROP DATABASE IF EXISTS desk_not_a_library")
    assert not ok and "server init" in msg
    pg_server.admin_sql("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'nobody_here') "
                        "THEN CREATE ROLE nobody_here LOGIN PASSWORD 'pw'; END IF; END $$")
    ok, msg = live.check_connection(pg_server.dsn("editor_lib", user="nobody_here", password="pw"))
    assert not ok and "nobody_here" in msg and "adduser" in msg
    ok, msg = live.check_connection("postgresql://x@127.0.0.1:1/editor_lib")
    assert not ok and msg.startswith("无法连接服务器")


def test_preferences_library_page_keeps_no_password(tmp_path, qtbot):
    from editor_app.gui.prefs_library import LibraryPage, server_fields
    from editor_app.gui.settings import AppSettings

    ini = tmp_path / "s" / "editor-app.ini"
    settings = AppSettings(ini)
    page = LibraryPage(settings, "资料库：本机")
    qtbot.addWidget(page)
    assert page.r_local.isChecked() and not page.host.isEnabled()
    page.r_server.setChecked(True)
    page.host.setText("db.newsroom.lan")
    page.database.setText("newsroom")
    page.login.setText("lihua")
    page.password.setText("s3cret-密码")
    page.save()
    assert server_fields(AppSettings(ini)) == {"host": "db.newsroom.lan", "port": 5432, "database": "newsroom",
                                               "login": "lihua"}
    assert "s3cret" not in ini.read_text(encoding="utf-8")
    assert page.dsn() == "postgresql://lihua:s3cret-%E5%AF%86%E7%A0%81@db.newsroom.lan:5432/newsroom"


def test_a_local_library_is_unchanged(demo_db, make_window):
    """SQLite: no listener, everyone may do everything (a signed article stays editable)."""
    from editor_app.gui.actions import A
    from tests.gui.conftest import wait_idle

    w = make_window(demo_db)
    assert w.session.listener is None and not w.session.server
    assert w.library_label.text() == "资料库：本机"
    seg = w.contents.contents.seg_ids()[1]
    w.open_article(seg)
    wait_idle(w)
    assert w.actions[A.STATUS_SIGNED].isEnabled()
    w.set_review("signed", seg)
    wait_idle(w)
    assert w.pane.view.review_status == "signed"
    assert not w.pane.editor.isReadOnly() and not w.pane.lock_note.isVisible()
    assert w.actions[A.REOPEN_ARTICLE].isEnabled()
