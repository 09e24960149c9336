"""The command line names rules by their titles in what people read (check, fix,
history, export comments, report); --json keeps the ids; --lang en writes English."""

from __future__ import annotations

import json
import re
import zipfile

from editor_app.cli import main
from editor_app.services import checking

REGISTRY = checking.registry()
ID_RE = re.compile("|".join(re.escape(r.id) for r in REGISTRY))


def run(args, capsys):
    code = main(args)
    out = capsys.readouterr()
    return code, out.out


def test_titles_not_ids_for_people_ids_for_machines(demo_path, tmp_path, capsys):
    db = str(tmp_path / "lib.sqlite")
    assert run(["import", str(demo_path), "--db", db], capsys)[0] == 0
    code, out = run(["check", "--issue", "1", "--db", db], capsys)
    assert code in (0, 1) and out and not ID_RE.search(out)
    assert REGISTRY["punctuation.halfwidth"].title in out
    code, out = run(["check", "--issue", "1", "--db", db, "--json"], capsys)
    assert ID_RE.search(out)  # for machines
    rows = json.loads(out)
    seg = next(f["segment_key"] for f in (rows["findings"] if isinstance(rows, dict) else rows)
               if f["rule"] == "punctuation.halfwidth")
    code, out = run(["fix", "--issue", "1", "--rule", "punctuation.halfwidth", "--db", db], capsys)
    assert code == 0 and "中文里的半角标点" in out and "punctuation.halfwidth" not in out
    code, out = run(["history", "--issue", "1", "--article", str(seg), "--db", db], capsys)
    assert code == 0 and "中文里的半角标点" in out and not ID_RE.search(out)
    en = tmp_path / "en.docx"
    assert run(["export", "--issue", "1", "--docx", str(en), "--comments", "--lang", "en", "--db", db],
               capsys)[0] == 0
    comments = zipfile.ZipFile(en).read("word/comments.xml").decode()
    assert not ID_RE.search(comments)
    assert any(r.title_en.replace("&", "&amp;") in comments for r in REGISTRY)
    rep = tmp_path / "report.docx"
    assert run(["report", "--issue", "1", "--docx", str(rep), "--lang", "en", "--db", db], capsys)[0] == 0
    body = zipfile.ZipFile(rep).read("word/document.xml").decode()
    assert not ID_RE.search(body)
