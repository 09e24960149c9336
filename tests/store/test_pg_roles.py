"""Roles on a server library, enforced by PostgreSQL: through the store and with plain SQL.

Logins: 小编 (编辑), 小校 (校对), 老主 (主编), each with a password; the library is the
session's test server (tests/store/pg_server.py), emptied for each test.
"""

from __future__ import annotations

import psycopg
import pytest

from editor_app.store import Library, PermissionRefused, pg_roles
from tests.conftest import pg_empty_library
from tests.store.conftest import DEFAULT_ARTICLES, build_issue

USERS = {"editor": ("小编", "编辑"), "proofreader": ("小校", "校对"), "chief": ("老主", "主编")}
PASSWORD = "pw-测试-1"


@pytest.fixture(scope="module")
def logins(pg_server, pg_library_dsn):
    for name, role in USERS.values():
        pg_roles.add_user(pg_library_dsn, name, role, PASSWORD)
    return {key: pg_server.dsn("editor_lib", user=name, password=PASSWORD) for key, (name, _) in USERS.items()}


@pytest.fixture
def desk(pg_library_dsn, logins):
    """(admin library, {role: library as that login}, issue id, {key: segment id})."""
    pg_empty_library(pg_library_dsn)
    admin = Library(pg_library_dsn)
    articles = [dict(a) for a in DEFAULT_ARTICLES]
    articles[0] = {**articles[0], "body": ["浙江,杭州的数字经济发展迅速。", *articles[0]["body"]]}
    res = admin.import_issue(build_issue(articles=articles), author="导入")
    keys = {s.key: s.id for s in admin.segments(res.issue_id)}
    libs = {role: Library(dsn) for role, dsn in logins.items()}
    yield admin, libs, res.issue_id, keys
    for lib in (admin, *libs.values()):
        lib.close()


def test_roles_exist_and_are_listed(pg_library_dsn, logins):
    listed = dict(pg_roles.roles_of(pg_library_dsn))
    assert listed["小编"] == "编辑" and listed["小校"] == "校对" and listed["老主"] == "主编"


def test_wrong_password_is_refused_in_one_line(pg_server, logins):
    from editor_app.store import LibraryError

    with pytest.raises(LibraryError, match="cannot connect") as e:
        Library(pg_server.dsn("editor_lib", user="小校", password="wrong"))
    assert "\n" not in str(e.value) and "wrong" not in str(e.value)


def test_proofreader_reads_reviews_but_cannot_change_text(desk):
    admin, libs, issue_id, keys = desk
    pr = libs["proofreader"]
    sid = keys["s03"]
    text, version = pr.current_text(sid)
    assert pr.search("浙江")  # reading and searching
    with pytest.raises(PermissionRefused) as e:
        pr.save_text(sid, text + "改。", "小校", expected_version=version)
    assert "\n" not in str(e.value)
    with pytest.raises(PermissionRefused):
        pr.save_text(sid, None, "小校", header={"title": "新标题"})
    assert pr.current_text(sid) == (text, version)
    assert [r.note for r in admin.revisions(sid)] == ["import"]
    # review statuses below sign-off, recorded with the login
    row = pr.set_review_status(sid, "已校", "小校")
    assert row.review_status == "proofread"
    assert admin._scalar("SELECT review_login FROM segments WHERE id = ?", (sid,)) == "小校"
    # allowlist and settings
    assert pr.add_allow("两山", issue_id).word == "两山"


def test_only_the_chief_signs_off_and_reopens(desk):
    admin, libs, issue_id, keys = desk
    sid = keys["s04"]
    for role in ("proofreader", "editor"):
        with pytest.raises(PermissionRefused, match="only the chief editor"):
            libs[role].set_review_status(sid, "签发", USERS[role][0])
        assert admin.segment(sid).review_status == "pending"
    libs["chief"].set_review_status(sid, "签发", "老主")
    assert admin.segment(sid).review_status == "signed"
    assert admin._scalar("SELECT review_login FROM segments WHERE id = ?", (sid,)) == "老主"
    # a signed article is read-only for everyone, the chief included, until reopened
    text, version = admin.current_text(sid)
    for role in ("editor", "chief"):
        with pytest.raises(PermissionRefused, match="signed off"):
            libs[role].save_text(sid, text + "再改。", USERS[role][0], expected_version=version)
    for role in ("proofreader", "editor"):
        with pytest.raises(PermissionRefused, match="only the chief editor"):
            libs[role].set_review_status(sid, "审校中", USERS[role][0])
    libs["chief"].set_review_status(sid, "审校中", "老主")
    rev = libs["editor"].save_text(sid, text + "再改。", "小编", expected_version=version)
    assert admin._scalar("SELECT login FROM revisions WHERE id = ?", (rev.id,)) == "小编"


def test_editor_changes_text_and_the_server_records_the_login(desk):
    admin, libs, issue_id, keys = desk
    sid = keys["s05"]
    text, version = libs["editor"].current_text(sid)
    rev = libs["editor"].save_text(sid, text + "补一句。", "署名随意", expected_version=version)
    row = admin._one("SELECT author, login FROM revisions WHERE id = ?", (rev.id,))
    assert (row["author"], row["login"]) == ("署名随意", "小编")


def test_proofreader_checks_and_dismisses(desk):
    from editor_app.services import checking

    admin, libs, issue_id, keys = desk
    pr = libs["proofreader"]
    res = checking.run_checks(pr, issue_id, who="小校")
    findings = pr.list_findings(issue_id)
    assert findings, "the default issue has something to flag"
    assert res is not None
    f = findings[0]
    pr.dismiss_finding(f.id, "人名", who="小校")
    assert admin._scalar("SELECT login FROM decisions") == "小校"
    assert admin._scalar("SELECT login FROM finding_events WHERE event = 'dismissed'") == "小校"
    pr.reopen_finding(f.id, who="小校")


# -- plain SQL from a proofreader's login (psql or a modified client) ------------------------


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE segments SET title = '改了' WHERE key = 's03'",
        "UPDATE segments SET current_revision_id = base_revision_id, version = version + 1",
        "INSERT INTO revisions (segment_id, number, text, created) "
        "SELECT id, 99, '改了', 'now' FROM segments WHERE key = 's03'",
        "UPDATE revisions SET text = '改了'",
        "DELETE FROM revisions",
        "DELETE FROM issues",
        "UPDATE segments SET review_status = 'signed' WHERE key = 's03'",
        "UPDATE issues SET source = '改了'",
        "INSERT INTO search_docs (segment_id, tokens) VALUES (1, '')",
        "CREATE TABLE mine (x int)",
    ],
)
def test_plain_sql_from_a_proofreader_is_refused(desk, logins, sql):
    admin, _, _, keys = desk
    before = admin._rows("SELECT id, title, current_revision_id, review_status FROM segments ORDER BY id")
    with psycopg.connect(logins["proofreader"]) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(sql)
    after = admin._rows("SELECT id, title, current_revision_id, review_status FROM segments ORDER BY id")
    assert [tuple(r) for r in after] == [tuple(r) for r in before]


def test_plain_sql_cannot_forge_the_login_nor_edit_history(desk, logins):
    admin, _, _, keys = desk
    with psycopg.connect(logins["editor"]) as conn:
        conn.execute(
            "INSERT INTO revisions (segment_id, number, text, created, login) VALUES (%s, 2, 'x', 'now', '老主')",
            (keys["s03"],),
        )
        conn.commit()
    assert admin._scalar("SELECT login FROM revisions WHERE number = 2") == "小编"
    # the owner is refused too: revisions are append-only for everyone
    with psycopg.connect(admin.dsn) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
            conn.execute("UPDATE revisions SET text = 'y'")


def test_deleting_an_issue_takes_its_revisions(desk):
    admin, libs, issue_id, keys = desk
    with pytest.raises(PermissionRefused):
        libs["editor"].delete_issue(issue_id)
    libs["chief"].delete_issue(issue_id)
    assert admin._scalar("SELECT COUNT(*) FROM revisions") == 0
