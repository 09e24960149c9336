"""The command line contract: exact forms, JSON shapes, exit codes, one-line errors."""

import json
import subprocess
import sys

import pytest

from editor_app.cli import main


def run(args, capsys):
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_version(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0
    assert capsys.readouterr().out.startswith("editor-app ")


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as e:
        main(["parse"])
    assert e.value.code == 2
    assert main([]) == 2


def test_parse_json_contract(sample_path, capsys):
    code, out, _ = run(["parse", str(sample_path), "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"issue", "toc", "segments"}
    assert data["issue"] == {"title": "今日浙江", "year": 2024, "number": 10, "total_number": 745, "frequency": "半月刊"}
    assert len(data["toc"]) == 27
    for e in data["toc"]:
        assert set(e) == {"page", "section", "title", "subtitle", "authors", "role", "article_id"}
    segs = {s["id"]: s for s in data["segments"]}
    for s in data["segments"]:
        assert set(s) == {"id", "kind", "title", "authors", "page", "source_start", "source_end"}
    assert all(segs[e["article_id"]]["kind"] == "article" for e in data["toc"])
    # offsets are str indices of the decoded source: the segments rebuild it
    src = sample_path.read_text(encoding="utf-8")
    assert "".join(src[s["source_start"] : s["source_end"]] for s in data["segments"]) == src


@pytest.mark.parametrize(
    "content,needle",
    [(b"", "为空"), (b"\x00\x01\x02binary\x00" * 20, "二进制"), (bytes([0x81, 0x30, 0xFF, 0xFE, 0x80, 0x80]) * 50, "编码")],
)
def test_bad_files_exit_2_with_one_line_and_write_nothing(tmp_path, capsys, content, needle):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    db = tmp_path / "lib.sqlite"
    for args in (["parse", str(f), "--json"], ["import", str(f), "--db", str(db)]):
        code, out, err = run(args, capsys)
        assert code == 2
        assert out == ""
        assert err.count("\n") == 1 and str(f) in err and needle in err
        assert "Traceback" not in err
    # the library was opened but holds no issue
    code, out, _ = run(["list", "--db", str(db), "--json"], capsys)
    assert code == 0 and json.loads(out) == []


def test_missing_file_exit_2(tmp_path, capsys):
    code, _, err = run(["parse", str(tmp_path / "nope.txt")], capsys)
    assert code == 2 and "不存在" in err


def test_import_is_idempotent_and_list_and_search(sample_path, tmp_path, capsys):
    db = str(tmp_path / "lib.sqlite")
    code, out, _ = run(["import", str(sample_path), "--db", db], capsys)
    assert code == 0 and "已导入" in out
    code, out, _ = run(["import", str(sample_path), "--db", db], capsys)
    assert code == 0 and "already imported" in out
    code, out, _ = run(["list", "--db", db, "--json"], capsys)
    rows = json.loads(out)
    assert len(rows) == 1 and rows[0]["n_articles"] == 27
    for q in ("浙", "浙江", "先进制造", "5G"):
        code, out, _ = run(["search", q, "--db", db, "--json"], capsys)
        hits = json.loads(out)
        assert code == 0 and hits, q
        assert all(set(h) >= {"issue_id", "issue", "article", "excerpt"} for h in hits)
        assert all(q in h["excerpt"] for h in hits)
    for q in ('"', "*", "-", "(", "AND", "浙江 AND", "NEAR(", "", "   "):
        code, out, _ = run(["search", q, "--db", db, "--json"], capsys)
        assert code == 0
        json.loads(out)


def test_same_masthead_other_text_is_refused_then_replaced(sample_path, tmp_path, capsys):
    db = str(tmp_path / "lib.sqlite")
    run(["import", str(sample_path), "--db", db], capsys)
    other = tmp_path / "other.txt"
    other.write_text(sample_path.read_text(encoding="utf-8").replace("制造业是立国之本", "制造业是强国之本", 1), encoding="utf-8")
    code, _, err = run(["import", str(other), "--db", db], capsys)
    assert code == 2 and "--replace" in err
    code, out, _ = run(["import", str(other), "--db", db, "--replace"], capsys)
    assert code == 0 and "replaced" in out
    code, out, _ = run(["list", "--db", db, "--json"], capsys)
    assert len(json.loads(out)) == 1


def test_console_script_runs_without_traceback(tmp_path):
    bad = tmp_path / "x.txt"
    bad.write_bytes(b"")
    r = subprocess.run(
        [sys.executable, "-m", "editor_app.cli", "parse", str(bad)], capture_output=True, text=True
    )
    assert r.returncode == 2 and "Traceback" not in r.stderr


def test_run_terminal_review_imports_demo(tmp_path, capsys, demo_path, monkeypatch):
    monkeypatch.setenv("EDITOR_APP_NO_GUI", "1")
    db = str(tmp_path / "lib.sqlite")
    code, out, _ = run(["run", "--db", db, "--terminal"], capsys)
    assert code == 0 and "东越视窗" in out
    code, out, _ = run(["list", "--db", db, "--json"], capsys)
    assert len(json.loads(out)) == 1


def test_check_json_related_spans_are_source_offsets(sample_path, capsys):
    code, out, _ = run(["check", str(sample_path), "--json"], capsys)
    assert code == 1  # open error-level findings remain in the reference issue
    data = json.loads(out)
    src = sample_path.read_text(encoding="utf-8")
    variants = [f for f in data["findings"] if f["rule"] == "consistency.term_variant" and f["related"]]
    assert variants
    for f in variants:
        assert src[f["source_start"] : f["source_end"]] == f["excerpt"]
        r = f["related"][0]
        assert src[r["source_start"] : r["source_end"]] == r["excerpt"]


def test_article_set_history_restore_round_trip(demo_path, tmp_path, capsys):
    db = str(tmp_path / "lib.sqlite")
    code, out, _ = run(["import", str(demo_path), "--db", db], capsys)
    assert code == 0
    code, out, _ = run(["article", "--issue", "1", "--article", "s12", "--json", "--db", db], capsys)
    art = json.loads(out)
    assert code == 0 and art["key"] == "s12" and art["revision"] == 1 and art["authors"] == ["郑奕航"]
    assert set(art) == {"id", "key", "revision", "kicker", "title", "subtitle", "authors", "role", "page", "text"}
    code, out, _ = run(["set", "--issue", "1", "--article", "s12", "--authors", "郑亦航、王五", "--page", "9",
                        "--db", db], capsys)
    assert code == 0 and "#2" in out
    code, out, _ = run(["set", "--issue", "1", "--article", "s12", "--authors", "郑亦航 王五", "--db", db], capsys)
    assert code == 0 and "未新增修订" in out  # same authors: nothing written
    code, out, _ = run(["article", "--issue", "1", "--article", str(art["id"]), "--json", "--db", db], capsys)
    now = json.loads(out)
    assert (now["revision"], now["authors"], now["page"], now["text"]) == (2, ["郑亦航", "王五"], 9, art["text"])
    code, out, _ = run(["history", "--issue", "1", "--article", "s12", "--json", "--db", db], capsys)
    hist = json.loads(out)
    assert [(h["revision"], h["note"], h["changed"]) for h in hist] == [
        (2, "header", ["authors", "page"]), (1, "import", hist[1]["changed"])
    ]
    assert "text" in hist[1]["changed"]
    code, out, _ = run(["restore", "--issue", "1", "--article", "s12", "--revision", "1", "--db", db], capsys)
    assert code == 0 and "#3" in out
    code, out, _ = run(["article", "--issue", "1", "--article", "s12", "--json", "--db", db], capsys)
    assert {k: v for k, v in json.loads(out).items() if k != "revision"} == {
        k: v for k, v in art.items() if k != "revision"
    }
    code, out, _ = run(["restore", "--issue", "1", "--article", "s12", "--revision", "3", "--db", db], capsys)
    assert code == 0 and "未新增修订" in out
    for args in (["restore", "--issue", "1", "--article", "s12", "--revision", "99"],
                 ["set", "--issue", "1", "--article", "s12"],
                 ["set", "--issue", "1", "--article", "s99", "--title", "x"],
                 ["article", "--issue", "7", "--article", "s12"]):
        code, _, err = run([*args, "--db", db], capsys)
        assert code == 2 and err.startswith("editor-app: ") and "Traceback" not in err, args
