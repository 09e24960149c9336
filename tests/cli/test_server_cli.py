"""`editor-app server …`, `library push|pull` and `--db postgresql://…` on the test server."""

from __future__ import annotations

import pytest

from editor_app.cli import main


def run(args, capsys):
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(scope="module")
def cli_dsn(pg_server):
    pg_server.admin_sql("CREATE DATABASE cli_lib")
    return pg_server.dsn("cli_lib")


def _init(cli_dsn, capsys):
    return run(["server", "init", cli_dsn], capsys)


def test_server_commands_end_to_end(pg_server, cli_dsn, demo_path, tmp_path, capsys):
    # init, twice: the second run has nothing to apply
    code, out, err = _init(cli_dsn, capsys)
    assert code == 0, err
    assert "0001_initial" in out and "校对" in out
    code, out, _ = _init(cli_dsn, capsys)
    assert code == 0 and "none" in out

    # logins from a password file
    pw = tmp_path / "pw.txt"
    pw.write_text("秘密-123\n", encoding="utf-8")
    for name, role in (("cli校对", "校对"), ("cli编辑", "编辑")):
        code, out, err = run(["server", "adduser", name, "--role", role, "--password-file", str(pw),
                              "--db", cli_dsn], capsys)
        assert code == 0, err
    code, out, _ = run(["server", "users", cli_dsn], capsys)
    assert "cli校对\t校对" in out and "cli编辑\t编辑" in out
    proof = pg_server.dsn("cli_lib", user="cli校对", password="秘密-123")
    editor = pg_server.dsn("cli_lib", user="cli编辑", password="秘密-123")

    # the editor imports; everyone reads; the proofreader checks
    code, out, err = run(["import", str(demo_path), "--db", editor], capsys)
    assert code == 0, err
    code, out, _ = run(["list", "--db", proof, "--json"], capsys)
    assert code == 0 and '"id": 1' in out
    code, out, err = run(["check", "--issue", "1", "--db", proof], capsys)
    assert code in (0, 1), err

    # a proofreader changing a header: one line, exit 2, nothing written
    code, out, err = run(["set", "--issue", "1", "--article", "s03", "--title", "改标题", "--db", proof], capsys)
    assert code == 2
    assert err.count("\n") == 1 and "refused" in err and "Traceback" not in err, err
    code, out, _ = run(["history", "--issue", "1", "--article", "s03", "--db", proof, "--json"], capsys)
    assert out.count('"revision"') == 1
    # the editor may
    code, out, err = run(["set", "--issue", "1", "--article", "s03", "--title", "改标题", "--db", editor], capsys)
    assert code == 0, err

    # a proofreader cannot set the library up either
    code, out, err = run(["server", "init", proof], capsys)
    assert code == 2 and err.count("\n") == 1, err

    # invariants hold
    code, out, err = run(["server", "check", cli_dsn], capsys)
    assert code == 0, out + err
    assert "ok" in out


def test_bad_password_and_not_a_library(pg_server, cli_dsn, capsys):
    code, out, err = run(["list", "--db", pg_server.dsn("cli_lib", user="pgadmin", password="nope")], capsys)
    assert code == 2 and err.count("\n") == 1 and "nope" not in err
    pg_server.admin_sql("CREATE DATABASE empty_db")
    code, out, err = run(["list", "--db", pg_server.dsn("empty_db")], capsys)
    assert code == 2 and "server init" in err


def test_push_then_pull_round_trip_is_idempotent(pg_server, demo_path, tmp_path, capsys):
    pg_server.admin_sql("CREATE DATABASE push_lib")
    dsn = pg_server.dsn("push_lib")
    assert run(["server", "init", dsn], capsys)[0] == 0
    local = tmp_path / "local.db"
    assert run(["import", str(demo_path), "--db", str(local)], capsys)[0] == 0
    assert run(["check", "--issue", "1", "--db", str(local)], capsys)[0] in (0, 1)
    code, out, err = run(["set", "--issue", "1", "--article", "s03", "--title", "本机改的标题",
                          "--db", str(local)], capsys)
    assert code == 0, err

    code, out, err = run(["library", "push", str(local), "--to", dsn], capsys)
    assert code == 0 and "copied" in out, err
    code, out, err = run(["library", "push", str(local), "--to", dsn], capsys)
    assert code == 0 and "already" in out and "copied" not in out, err

    # the server's findings are the local ones; checking on the server finds the same
    from editor_app.store import Library

    with Library(local) as a, Library(dsn) as b:
        ia, ib = a.list_issues()[0].id, b.list_issues()[0].id
        fa = sorted((f.rule, f.segment_key, f.start, f.end, f.status) for f in a.list_findings(ia))
        fb = sorted((f.rule, f.segment_key, f.start, f.end, f.status) for f in b.list_findings(ib))
        assert fa == fb and fa
        sa = [(s.key, a.current_text(s.id), [r.text for r in a.revisions(s.id)]) for s in a.segments(ia)]
        sb = [(s.key, b.current_text(s.id), [r.text for r in b.revisions(s.id)]) for s in b.segments(ib)]
        assert sa == sb
    assert run(["check", "--issue", "1", "--db", dsn], capsys)[0] in (0, 1)
    with Library(local) as a, Library(dsn) as b:
        fb2 = sorted((f.rule, f.segment_key, f.start, f.end, f.status) for f in b.list_findings(ib))
        assert fb2 == fa

    home = tmp_path / "home.db"
    code, out, err = run(["library", "pull", dsn, "--issue", "1", "--to", str(home)], capsys)
    assert code == 0 and "pulled" in out, err
    code, out, err = run(["library", "pull", dsn, "--issue", "1", "--to", str(home)], capsys)
    assert code == 0 and "already" in out, err
    with Library(home) as h:
        with Library(local) as a:
            assert [s.title for s in h.segments(1)] == [s.title for s in a.segments(1)]
        assert h.integrity_problems() == []
    assert run(["server", "check", dsn], capsys)[0] == 0


def test_an_owner_without_superuser_sets_the_library_up(pg_server, tmp_path, capsys):
    """The README's path for IT: a CREATEROLE login owning the database runs init and adduser."""
    pg_server.admin_sql("CREATE ROLE deskadmin LOGIN CREATEROLE PASSWORD 'admin-pw'")
    pg_server.admin_sql("CREATE DATABASE desk OWNER deskadmin")
    owner = pg_server.dsn("desk", user="deskadmin", password="admin-pw")
    code, out, err = run(["server", "init", owner], capsys)
    assert code == 0, err
    pw = tmp_path / "pw"
    pw.write_text("pr-pw\n")
    code, out, err = run(["server", "adduser", "desk校对", "--role", "校对", "--password-file", str(pw),
                          "--db", owner], capsys)
    assert code == 0, err
    from editor_app.store import Library, PermissionRefused
    from tests.store.conftest import build_issue

    proof = pg_server.dsn("desk", user="desk校对", password="pr-pw")
    with Library(proof) as lib:  # a desk may be the first to open the new library
        assert lib.list_issues() == [] and lib.search("浙") == []
    with Library(owner) as lib:
        issue_id = lib.import_issue(build_issue(), author="导入").issue_id
        sid = lib.segments(issue_id)[2].id
    with Library(proof) as lib:
        assert lib.search("浙江")
        with pytest.raises(PermissionRefused):
            lib.save_text(sid, "改。", "desk校对")
        with pytest.raises(PermissionRefused):
            lib.set_review_status(sid, "签发", "desk校对")
        assert lib.set_review_status(sid, "已校", "desk校对").review_status == "proofread"


def test_self_test_reaches_the_server(pg_server, pg_library_dsn, tmp_path, capsys):
    from editor_app import selftest

    ctx = selftest.Context(tmp=tmp_path, library=tmp_path / "x.sqlite", notes={"server": pg_library_dsn})
    line = selftest.step_server(ctx)
    assert "as pgadmin (管理员)" in line and "psycopg" in line and pg_server.password not in line
    ctx.notes["server"] = pg_server.dsn("editor_lib", user="pgadmin", password="wrong")
    with pytest.raises(selftest.StepFailed, match="cannot connect"):
        selftest.step_server(ctx)
    # --db before a command is only for --self-test
    code, out, err = run(["--db", pg_library_dsn, "list"], capsys)
    assert code == 2 and "--db goes after the command" in err


@pytest.mark.sample
@pytest.mark.slow
def test_reference_issue_pushed_checks_the_same_on_the_server(pg_server, sample_path, tmp_path, capsys):
    """Issue 13: `push` of the reference issue's library, then `check --issue` on the server,
    gives the same findings as locally."""
    import json

    pg_server.admin_sql("CREATE DATABASE ref_lib")
    dsn = pg_server.dsn("ref_lib")
    assert run(["server", "init", dsn], capsys)[0] == 0
    local = tmp_path / "ref.db"
    assert run(["import", str(sample_path), "--db", str(local)], capsys)[0] == 0
    code, local_json, _ = run(["check", "--issue", "1", "--db", str(local), "--json"], capsys)
    assert code in (0, 1)
    assert run(["library", "push", str(local), "--to", dsn], capsys)[0] == 0
    code2, server_json, _ = run(["check", "--issue", "1", "--db", dsn, "--json"], capsys)
    assert code2 == code

    def key(data):
        items = data["findings"] if isinstance(data, dict) and "findings" in data else data
        return sorted(json.dumps({k: v for k, v in f.items() if k not in ("id",)}, sort_keys=True,
                                 ensure_ascii=False) for f in items)

    a, b = key(json.loads(local_json)), key(json.loads(server_json))
    assert a and a == b


@pytest.mark.parametrize("args", [["library", "check"], ["backup", "list"], ["library", "recover", "out.db"]])
def test_file_maintenance_commands_point_a_server_elsewhere(args, capsys):
    code, out, err = run([*args, "--db", "postgresql://someone@dbhost/desk"], capsys)
    assert code == 2 and err.count("\n") == 1 and ("server check" in err or "pg_dump" in err)


def test_server_check_finds_a_disabled_rule(pg_server, capsys):
    """`server check` verifies the enforcement too: a trigger switched off is reported."""
    import psycopg

    pg_server.admin_sql("CREATE DATABASE check_lib")
    dsn = pg_server.dsn("check_lib")
    assert run(["server", "init", dsn], capsys)[0] == 0
    assert run(["server", "check", dsn], capsys)[0] == 0
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("ALTER TABLE segments DISABLE TRIGGER segments_review")
        conn.execute("ALTER TABLE findings DISABLE TRIGGER findings_live")
        conn.execute("GRANT INSERT ON revisions TO editor_app_proofreader")
    try:
        code, out, _ = run(["server", "check", dsn], capsys)
        assert code == 2
        assert "segments_review" in out and "校对 has INSERT on revisions" in out
        assert "findings_live" in out  # the other desks would no longer see changes
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("ALTER TABLE segments ENABLE TRIGGER segments_review")
            conn.execute("ALTER TABLE findings ENABLE TRIGGER findings_live")
            conn.execute("REVOKE INSERT ON revisions FROM editor_app_proofreader")
    assert run(["server", "check", dsn], capsys)[0] == 0
