"""The traditional edition from the library: comments and tracked changes
kept (not silently dropped), the issue's bylines protected, clear refusals."""

import zipfile

import pytest

from editor_app import cli
from editor_app.services import exporting
from editor_app.services import issues as svc

try:  # the lead is moving imports to services/importing.py
    from editor_app.services.importing import import_issue_file
except ImportError:
    from editor_app.services.issues import import_issue_file


@pytest.fixture
def lib(tmp_path, demo_path):
    lib = svc.open_library(tmp_path / "lib.sqlite")
    lib.demo_issue = import_issue_file(lib, demo_path).issue_id
    yield lib
    lib.close()


def test_traditional_edition_keeps_comments_and_tracked_changes(lib, tmp_path):
    issue_id = lib.demo_issue
    row = next(r for r in lib.segments(issue_id) if r.kind == "article")
    text, version = lib.current_text(row.id)
    lib.save_text(row.id, text + "\n编辑新加的一段。", "editor", expected_version=version)
    out = exporting.export_issue(lib, issue_id, tmp_path / "tw.docx", comments=True, track_changes=True,
                                 traditional="tw")
    with zipfile.ZipFile(out) as z:
        document = z.read("word/document.xml").decode()
        assert "word/comments.xml" in z.namelist()
        assert "<w:commentRangeStart" in document
        assert "編輯新加的一段。" in document and "<w:ins " in document
        assert "<dc:language>zh-TW</dc:language>" in z.read("docProps/core.xml").decode()


def test_regional_vocabulary_needs_a_traditional_edition(lib, tmp_path, capsys):
    rc = cli.main(["export", "--issue", str(lib.demo_issue), "--docx", str(tmp_path / "x.docx"),
                   "--regional-vocabulary", "--db", str(tmp_path / "lib.sqlite")])
    err = capsys.readouterr().err
    assert rc == 2 and "--traditional" in err and err.count("\n") == 1
    assert not (tmp_path / "x.docx").exists()


def test_cli_traditional_with_comments_and_regional_words(lib, tmp_path, capsys):
    out = tmp_path / "hk.docx"
    rc = cli.main(["export", "--issue", str(lib.demo_issue), "--docx", str(out), "--traditional", "hk",
                   "--regional-vocabulary", "--comments", "--track-changes", "--western-quotes",
                   "--db", str(tmp_path / "lib.sqlite")])
    assert rc == 0 and out.exists()
    with zipfile.ZipFile(out) as z:
        assert "<dc:language>zh-HK</dc:language>" in z.read("docProps/core.xml").decode()
        assert "「" not in z.read("word/document.xml").decode()
