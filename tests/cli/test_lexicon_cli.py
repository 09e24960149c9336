"""`editor-app lexicon`: list, add, remove, import and export through the command line."""

import json

from editor_app import paths
from editor_app.cli import main


def run(args, capsys):
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def listing(db, capsys):
    code, out, _ = run(["lexicon", "--db", db, "list", "--json"], capsys)
    assert code == 0
    return json.loads(out)


def test_lexicon_round_trip(tmp_path, capsys):
    db = str(tmp_path / "lib.sqlite")
    assert listing(db, capsys) == []
    code, out, _ = run(["lexicon", "--db", db, "add", "人名", "周明远", "--post", "丽水市副市长"], capsys)
    assert code == 0 and "周明远" in out and "丽水市副市长" in out
    code, _, _ = run(["lexicon", "--db", db, "add", "formulation", "高质量发展",
                      "--variants", "高品质发展|高质量的发展"], capsys)
    assert code == 0
    rows = listing(db, capsys)
    assert [(r["kind"], r["term"], r["post"], r["variants"]) for r in rows] == [
        ("formulation", "高质量发展", "", ["高品质发展", "高质量的发展"]),
        ("person", "周明远", "丽水市副市长", []),
    ]
    out_csv = tmp_path / "out.csv"
    code, out, _ = run(["lexicon", "--db", db, "export", str(out_csv)], capsys)
    assert code == 0 and "2" in out
    code, _, _ = run(["lexicon", "--db", db, "remove", str(rows[0]["id"]), str(rows[1]["id"])], capsys)
    assert code == 0 and listing(db, capsys) == []
    code, out, _ = run(["lexicon", "import", str(out_csv), "--db", db], capsys)  # --db after
    assert code == 0 and len(listing(db, capsys)) == 2
    code, _, _ = run(["lexicon", "--db", db, "import", str(paths.resource("lexicon", "example.csv"))], capsys)
    assert code == 0
    assert {r["kind"] for r in listing(db, capsys, )} == {"person", "organisation", "formulation"}


def test_lexicon_errors_exit_2_with_one_line(tmp_path, capsys):
    db = str(tmp_path / "lib.sqlite")
    code, _, err = run(["lexicon", "--db", db, "add", "职位", "某某"], capsys)
    assert code == 2 and "词库类别未知" in err and len(err.strip().splitlines()) == 1
    code, _, err = run(["lexicon", "--db", db, "add", "person", "周明远", "--issue", "7"], capsys)
    assert code == 2 and "7" in err
    code, _, err = run(["lexicon", "--db", db, "remove", "99"], capsys)
    assert code == 1
    code, _, err = run(["lexicon", "--db", db, "import", str(tmp_path / "missing.csv")], capsys)
    assert code == 2 and "missing.csv" in err


def test_lexicon_add_rechecks_the_issue(tmp_path, capsys, demo_path):
    db = str(tmp_path / "lib.sqlite")
    assert main(["import", str(demo_path), "--db", db]) == 0
    capsys.readouterr()
    code, out, _ = run(["lexicon", "--db", db, "add", "formulation", "科技创新",
                        "--variants", "科技革新", "--issue", "1"], capsys)
    assert code == 0 and "重新校对" in out
