"""`editor-app structure`: listing, each correction and undo through the command line;
bad ids exit 2 with one line and write nothing."""

import json

import pytest

from editor_app.cli import main
from editor_app.store import Library


def run(args, capsys):
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def db(tmp_path, demo_path, capsys):
    path = str(tmp_path / "lib.sqlite")
    assert main(["import", str(demo_path), "--db", path]) == 0
    capsys.readouterr()
    return path


def listing(db, capsys):
    code, out, _ = run(["structure", "--issue", "1", "--db", db, "--json"], capsys)
    assert code == 0
    return json.loads(out)


def test_round_trip(db, capsys):
    first = listing(db, capsys)
    assert set(first) == {"issue", "label", "segments", "unbound_entries", "last_change"}
    assert set(first["segments"][0]) == {"key", "id", "kind", "source_start", "source_end", "title",
                                         "paragraphs", "entry", "entry_title"}
    s10 = next(s for s in first["segments"] if s["key"] == "s10")
    assert s10["entry"] == 3 and first["unbound_entries"] == []
    base = ["structure", "--issue", "1", "--db", db]
    steps = [
        ["split", "--article", "s10", "--paragraph", "6"],
        ["join", "--article", "s10b"],
        ["move", "--article", "s16", "--by", "-1"],
        ["move", "--article", "s16", "--by", "+1"],
        ["kind", "--article", "s06", "unknown"],
        ["unbind", "--entry", "6"],
        ["bind", "--entry", "6", "--article", str(s10["id"] + 3)],
        ["entry", "--entry", "6", "--title", "让法律服务走进千家万户", "--authors", "韩冬、林晓", "--page", "23"],
    ]
    for step in steps:
        code, out, err = run(base + step, capsys)
        assert code == 0 and err == "" and out.strip(), step
    data = listing(db, capsys)
    assert "entry" in data["last_change"]
    with Library(db) as lib:
        assert lib.partition_problems(1) == []
        assert lib.toc(1)[5].authors == ["韩冬", "林晓"] and lib.toc(1)[5].page == 23
    run(base, capsys)  # the plain listing prints
    for _ in steps:
        code, out, _err = run(base + ["undo"], capsys)
        assert code == 0 and "undo" in out
    code, out, _ = run(base + ["undo"], capsys)
    assert code == 0 and "nothing to undo" in out
    again = listing(db, capsys)
    assert again["segments"] == first["segments"] and again["last_change"] is None
    with Library(db) as lib:
        assert lib.partition_problems(1) == []


@pytest.mark.parametrize(
    "args",
    [
        ["--issue", "9"],
        ["--issue", "1", "split", "--article", "s99", "--paragraph", "2"],
        ["--issue", "1", "split", "--article", "s10", "--paragraph", "0"],
        ["--issue", "1", "split", "--article", "s10", "--paragraph", "4"],
        ["--issue", "1", "join", "--article", "s20"],
        ["--issue", "1", "kind", "--article", "s03", "poem"],
        ["--issue", "1", "bind", "--entry", "99", "--article", "s03"],
        ["--issue", "1", "unbind", "--entry", "0"],
        ["--issue", "1", "entry", "--entry", "1"],
    ],
)
def test_bad_input_exits_2_with_one_line(db, capsys, args):
    code, out, err = run(["structure", "--db", db, *args], capsys)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    with Library(db) as lib:
        assert lib.structure_changes(1) == [] and lib.partition_problems(1) == []


def test_replace_reports_the_corrections_it_carried(db, capsys, tmp_path, demo_path):
    base = ["structure", "--issue", "1", "--db", db]
    assert run(base + ["kind", "--article", "s06", "unknown"], capsys)[0] == 0
    copy = tmp_path / "demo-2.txt"
    copy.write_text(demo_path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    code, out, _ = run(["import", str(copy), "--db", db, "--replace"], capsys)
    assert code == 0 and "carried: 类型 s06 photo → unknown / kind" in out
    kinds = {s["key"]: s["kind"] for s in listing(db, capsys)["segments"]}
    assert kinds["s06"] == "unknown"
