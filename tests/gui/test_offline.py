"""The window on a server library that goes away: the status bar says 离线 and how many
saves wait, the save is shown as kept on this computer, nothing reaches the user as a
program error, and the outbox is sent when the server is back."""

from __future__ import annotations

import pytest

from editor_app.store import Library, pg_backend
from tests.store.conftest import build_issue

from .conftest import wait_idle
from .test_window import open_article, type_text


@pytest.fixture
def server(pg_server, monkeypatch):
    from tests.store.pg_server import library_server

    monkeypatch.setattr(pg_backend, "POOL_WAIT_S", 1.0)
    with library_server(pg_server.bindir) as srv:
        yield srv


def test_offline_save_is_queued_shown_and_sent_when_the_server_is_back(make_window, server):
    dsn = server.dsn("lib")
    with Library(dsn) as lib:
        issue_id = lib.import_issue(build_issue(), author="导入").issue_id
        seg = next(s for s in lib.segments(issue_id) if s.kind == "article")
        title = lib.current_revision(seg.id).title
    w = make_window(dsn)
    assert w.session.outbox is not None and not w.offline.label.isVisible()
    w.open_issue(issue_id)
    wait_idle(w)
    view = open_article(w, title[:4])
    server.pg_stop("immediate")
    editor = w.pane.editor
    editor.setFocus()
    type_text(editor, "离线时写的一句。")
    w.pane.save_now()
    wait_idle(w)
    assert w.last_error is None  # no error box: the save is kept, not refused
    assert w.session.outbox.pending() == 1
    assert "离线" in w.offline.label.text() and "1 次保存待发送" in w.offline.label.text()
    assert w.save_label.text() == "已存于本机，待发送到服务器"

    server.pg_start()
    w.session.outbox.next_try = 0.0  # the retry is due now
    w.offline.tick()
    wait_idle(w)
    assert w.session.outbox.pending() == 0 and not w.offline.label.text()
    assert "已发送到服务器" in w.statusBar().currentMessage()
    with Library(dsn) as lib:
        text, _ = lib.current_text(view.seg_id)
        assert "离线时写的一句。" in text
        assert lib.revisions(view.seg_id)[0].note == "edit"
    w.close()
