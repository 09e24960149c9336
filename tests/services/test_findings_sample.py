"""The reference issue (../shared/samples/jrzj-2024-10.txt): after fixes that change
lengths, every finding still names its exact place (current text and source); a
header edit resolves and reopens the contents-page mismatch; every open error of
the exported articles is a comment of the review copy."""

from __future__ import annotations

import json

import pytest

from editor_app.cli import main
from editor_app.services import editing, exporting, importing
from editor_app.services import issues as svc
from tests.export.docx_read import comments

pytestmark = pytest.mark.sample


@pytest.fixture
def sample_lib(tmp_path, sample_path):
    db = tmp_path / "lib.sqlite"
    with svc.open_library(db) as lib:
        issue_id = importing.import_issue_file(lib, sample_path, author="导入").issue_id
    return db, issue_id


def _cli(capsys, *args) -> tuple[int, str]:
    capsys.readouterr()
    code = main([str(a) for a in args])
    return code, capsys.readouterr().out


def _check(capsys, db, issue_id) -> list[dict]:
    code, out = _cli(capsys, "check", "--issue", issue_id, "--db", db, "--json")
    assert code in (0, 1)
    return json.loads(out)["findings"]


def test_spans_stay_exact_after_length_changing_bulk_fixes(sample_lib, capsys):
    db, issue_id = sample_lib
    with svc.open_library(db) as lib:
        before = {r.key: lib.current_text(r.id)[0] for r in lib.segments(issue_id)}
    for rule in ("wording.duplicated", "consistency.list_pattern", "punctuation.halfwidth"):
        code, out = _cli(capsys, "fix", "--issue", issue_id, "--rule", rule, "--db", db)
        assert code == 0 and "已修改" in out
    findings = _check(capsys, db, issue_id)
    with svc.open_library(db) as lib:
        source = lib.source(issue_id)
        rows = {r.key: r for r in lib.segments(issue_id)}
        texts = {k: editing.article_text(lib, r.id) for k, r in rows.items()}
        revs = lib.current_revisions(issue_id)
        lib_numbers = lib.current_revision_numbers(issue_id)
        # the fixes changed lengths (贷贷 -> 贷, 中共义乌市 -> 中共义乌市委)
        changed = [k for k in rows if lib.current_text(rows[k].id)[0] != before[k]]
        assert any(len(lib.current_text(rows[k].id)[0]) != len(before[k]) for k in changed)
    assert findings and not [f for f in findings if f["rule"] == "punctuation.halfwidth"]
    assert not [f for f in findings if f["rule"] in ("wording.duplicated", "consistency.list_pattern")]
    nulls = 0
    for f in findings:
        key = f["segment_key"]
        if key is None:
            continue
        assert f["segment_id"] == rows[key].id and f["revision_id"] == revs[rows[key].id], f
        assert f["revision"] == lib_numbers[f["revision_id"]], f
        assert texts[key][f["start"] : f["end"]] == f["excerpt"], f
        if f["source_start"] is None:
            nulls += 1
            assert f["source_end"] is None
        else:
            assert source[f["source_start"] : f["source_end"]] == f["excerpt"], f
        for r in f["related"]:
            if r["segment_key"] is not None:
                assert texts[r["segment_key"]][r["start"] : r["end"]] == r["excerpt"], r
            if r["source_start"] is not None:
                assert source[r["source_start"] : r["source_end"]] == r["excerpt"], r
    # most findings sit in text that is still the imported text: their source is known
    assert nulls < len(findings) / 2


def _toc_author(findings, name):
    return [f for f in findings if f["rule"] == "consistency.toc_author" and f["excerpt"] == name
            and f["status"] == "open"]


def test_authors_set_to_the_contents_line_resolve_the_mismatch_and_back_reopens(sample_lib, capsys):
    db, issue_id = sample_lib
    (f,) = _toc_author(_check(capsys, db, issue_id), "姜翼林")
    (rel,) = f["related"]
    art = rel["segment_key"]
    with svc.open_library(db) as lib:
        row = lib.segment_by_key(issue_id, art)
        entry = next(e for e in lib.toc(issue_id) if e.article_id == art)
        byline = list(row.authors)
    assert "姜翼林" in entry.authors and "姜巽林" in byline
    code, out = _cli(capsys, "set", "--issue", issue_id, "--article", art, "--authors", "、".join(entry.authors),
                     "--db", db)
    assert code == 0 and "修订" in out
    assert _toc_author(_check(capsys, db, issue_id), "姜翼林") == []
    with svc.open_library(db) as lib:
        gone = [g for g in lib.list_findings(issue_id, status="resolved", rule="consistency.toc_author")]
        assert [(g.excerpt, g.resolved_how) for g in gone] == [("姜翼林", "header")]
    code, out = _cli(capsys, "history", "--issue", issue_id, "--article", art, "--json", "--db", db)
    hist = json.loads(out)
    assert hist[0]["changed"] == ["authors"] and hist[0]["note"] == "header"
    # back to the byline as printed: the mismatch is open again
    code, _ = _cli(capsys, "set", "--issue", issue_id, "--article", art, "--authors", "、".join(byline), "--db", db)
    assert code == 0
    (again,) = _toc_author(_check(capsys, db, issue_id), "姜翼林")
    assert (again["start"], again["end"], again["message"]) == (f["start"], f["end"], f["message"])
    with svc.open_library(db) as lib:
        assert lib.list_findings(issue_id, status="resolved", rule="consistency.toc_author") == []


def test_every_open_error_of_the_exported_articles_is_a_comment(sample_lib, tmp_path):
    db, issue_id = sample_lib
    with svc.open_library(db) as lib:
        out = exporting.export_issue(lib, issue_id, tmp_path / "review.docx", comments=True)
        kinds = {r.key: r.kind for r in lib.segments(issue_id)}
        errors = [f for f in lib.list_findings(issue_id, status="open")
                  if f.severity == "error" and f.segment_key and kinds[f.segment_key] in ("article", "toc")]
    texts = [c["text"] for c in comments(out).values()]
    assert any(kinds[f.segment_key] == "toc" for f in errors)  # the contents-page mismatch
    assert len(errors) >= 3
    for f in errors:
        same = sum(1 for g in errors if g.message == f.message)
        assert sum(1 for t in texts if f.message in t) >= same, (f.rule, f.segment_key, f.message)
