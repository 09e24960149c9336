"""import-docx of the app's own exports: an unedited export is "no change";
one sentence changed in Word's place (python-docx) or in LibreOffice (UNO,
headless) becomes exactly one new revision of exactly that article."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from editor_app import cli
from editor_app.services import docx_roundtrip, exporting
from editor_app.services import issues as svc

try:  # the lead is moving imports to services/importing.py
    from editor_app.services.importing import import_issue_file
except ImportError:
    from editor_app.services.issues import import_issue_file
from editor_app.services.issues import UserError

ROOT = Path(__file__).resolve().parents[2]
UNO_EDIT = ROOT / "tests" / "export" / "uno_edit.py"
SYSTEM_PYTHON = "/usr/bin/python3"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
NEW_SENTENCE = "这一句是编辑在文档里改写的。"


@pytest.fixture
def db(tmp_path) -> str:
    return str(tmp_path / "lib.sqlite")


@pytest.fixture
def lib(db, demo_path):
    lib = svc.open_library(db)
    lib.demo_issue = import_issue_file(lib, demo_path).issue_id
    yield lib
    lib.close()


def state(lib, issue_id) -> dict[int, tuple[int, str]]:
    """segment id -> (current revision id, current text)."""
    return {r.id: (r.current_revision_id, lib.current_text(r.id)[0]) for r in lib.segments(issue_id)}


def unique_sentences(lib, issue_id) -> list[tuple[int, str]]:
    """Per article, one of its sentences that occurs once in the whole issue."""
    texts = {r.id: lib.current_text(r.id)[0] for r in lib.segments(issue_id) if r.kind == "article"}
    everything = "\n".join(texts.values())
    out = []
    for seg_id, text in texts.items():
        found = [s + "。" for para in text.split("\n")[1:] for s in para.split("。")[1:-1]
                 if len(s) >= 7 and everything.count(s + "。") == 1 and "“" not in s]
        if found:
            out.append((seg_id, found[0]))
    assert out, "the demo issue has no unique sentence"
    return out


def unique_sentence(lib, issue_id) -> tuple[int, str]:
    return unique_sentences(lib, issue_id)[0]


def edit_with_python_docx(src: Path, dst: Path, old: str, new: str, style: str | None = None) -> None:
    """Replace ``old`` inside one run, as typing over it in Word would (the
    paragraph, its bookmarks and comment marks stay)."""
    d = docx.Document(str(src))
    hits = 0
    for p in d.paragraphs:
        if style is not None and p.style.name != style:
            continue
        for r in p.runs:
            if old in r.text:
                r.text = r.text.replace(old, new)
                hits += 1
    assert hits == 1, hits
    d.save(str(dst))


def assert_exactly_one_change(lib, issue_id, before, seg_id, old, new, result):
    after = state(lib, issue_id)
    changed = [k for k in after if after[k] != before[k]]
    assert changed == [seg_id]
    assert after[seg_id][1] == before[seg_id][1].replace(old, new, 1)
    rev = lib.current_revision(seg_id)
    assert rev.note == "import-docx" and rev.author == "校对员"
    assert [a.segment_id for a in result.revised] == [seg_id] and not result.conflicts


def test_unedited_exports_are_no_change(lib, db, tmp_path, capsys):
    issue_id = lib.demo_issue
    seg_id, sentence = unique_sentence(lib, issue_id)
    # an edit in the library, so that the review copy has tracked changes
    text, version = lib.current_text(seg_id)
    lib.save_text(seg_id, text.replace(sentence, NEW_SENTENCE), "editor", expected_version=version)
    before = state(lib, issue_id)
    plain = exporting.export_issue(lib, issue_id, tmp_path / "plain.docx")
    review = exporting.export_issue(lib, issue_id, tmp_path / "review.docx", comments=True, track_changes=True)
    one = exporting.export_issue(lib, issue_id, tmp_path / "one.docx", articles=[str(seg_id)])
    for path in (plain, review, one):
        res = docx_roundtrip.import_exported_docx(lib, path, issue_id, author="校对员")
        assert res is not None and res.no_change and not res.unknown, path.name
        assert all(a.status == "unchanged" and not a.header_changes for a in res.articles)
    assert state(lib, issue_id) == before
    # the cover and contents were not read as an article
    assert len(lib.segments(issue_id)) == len(before)
    assert cli.main(["import-docx", str(plain), "--issue", str(issue_id), "--db", db]) == 0
    assert "no change" in capsys.readouterr().out


def test_one_sentence_changed_with_python_docx(lib, db, tmp_path, capsys):
    issue_id = lib.demo_issue
    seg_id, sentence = unique_sentence(lib, issue_id)
    before = state(lib, issue_id)
    out = exporting.export_issue(lib, issue_id, tmp_path / "issue.docx", comments=True, track_changes=True)
    edit_with_python_docx(out, tmp_path / "edited.docx", sentence, NEW_SENTENCE)
    rc = cli.main(["import-docx", str(tmp_path / "edited.docx"), "--issue", str(issue_id),
                   "--db", db, "--author", "校对员"])
    assert rc == 0
    assert "new revision" in capsys.readouterr().out
    after = state(lib, issue_id)
    assert [k for k in after if after[k] != before[k]] == [seg_id]
    assert after[seg_id][1] == before[seg_id][1].replace(sentence, NEW_SENTENCE, 1)
    # reading it again: the library already has it
    res = docx_roundtrip.import_exported_docx(lib, tmp_path / "edited.docx", issue_id)
    assert not res.revised and [a.status for a in res.articles if a.segment_id == seg_id] == ["already"]


def test_single_article_export_round_trip(lib, tmp_path):
    issue_id = lib.demo_issue
    seg_id, sentence = unique_sentence(lib, issue_id)
    before = state(lib, issue_id)
    out = exporting.export_issue(lib, issue_id, tmp_path / "a.docx", articles=[str(seg_id)])
    edit_with_python_docx(out, tmp_path / "b.docx", sentence, NEW_SENTENCE)
    res = docx_roundtrip.import_exported_docx(lib, tmp_path / "b.docx", issue_id, author="校对员")
    assert_exactly_one_change(lib, issue_id, before, seg_id, sentence, NEW_SENTENCE, res)


def test_a_changed_title_is_a_new_revision_with_that_title(lib, tmp_path):
    issue_id = lib.demo_issue
    row = next(r for r in lib.segments(issue_id) if r.kind == "article" and r.title)
    out = exporting.export_issue(lib, issue_id, tmp_path / "a.docx", articles=[row.key])
    edit_with_python_docx(out, tmp_path / "b.docx", row.title, row.title + "（修订）", style="Heading 1")
    res = docx_roundtrip.import_exported_docx(lib, tmp_path / "b.docx", issue_id, author="x")
    assert [a.segment_id for a in res.revised] == [row.id]
    assert lib.current_revision(row.id).title == row.title + "（修订）"
    assert lib.current_text(row.id)[0] == lib.revision(row.current_revision_id).text


def test_edited_in_both_places_is_a_conflict(lib, db, tmp_path, capsys):
    issue_id = lib.demo_issue
    seg_id, sentence = unique_sentence(lib, issue_id)
    out = exporting.export_issue(lib, issue_id, tmp_path / "issue.docx")
    edit_with_python_docx(out, tmp_path / "edited.docx", sentence, NEW_SENTENCE)
    text, version = lib.current_text(seg_id)
    lib.save_text(seg_id, text + "\n库里加的一段。", "editor", expected_version=version)
    current = lib.current_revision(seg_id).id
    rc = cli.main(["import-docx", str(tmp_path / "edited.docx"), "--issue", str(issue_id), "--db", db])
    assert rc == 1
    assert "conflict" in capsys.readouterr().out
    assert lib.current_revision(seg_id).id == current  # the library's text stays current
    assert lib.revisions(seg_id)[0].note == "conflict"  # the document's text is kept


def test_library_edits_after_the_export_are_not_reverted(lib, tmp_path):
    issue_id = lib.demo_issue
    seg_id, sentence = unique_sentence(lib, issue_id)
    out = exporting.export_issue(lib, issue_id, tmp_path / "issue.docx")
    text, version = lib.current_text(seg_id)
    lib.save_text(seg_id, text.replace(sentence, NEW_SENTENCE), "editor", expected_version=version)
    after_edit = state(lib, issue_id)
    res = docx_roundtrip.import_exported_docx(lib, out, issue_id)
    assert res.no_change and state(lib, issue_id) == after_edit


def test_a_manuscript_from_elsewhere_keeps_the_manuscript_import(lib, db, tmp_path, capsys):
    issue_id = lib.demo_issue
    d = docx.Document()
    d.add_paragraph("外来稿件的标题", style="Title")
    d.add_paragraph("文/某作者")
    d.add_paragraph("这是一篇从别处来的稿件正文。")
    d.save(str(tmp_path / "ms.docx"))
    assert docx_roundtrip.import_exported_docx(lib, tmp_path / "ms.docx", issue_id) is None
    n = len(lib.segments(issue_id))
    assert cli.main(["import-docx", str(tmp_path / "ms.docx"), "--issue", str(issue_id), "--db", db]) == 0
    assert "added" in capsys.readouterr().out
    assert len(lib.segments(issue_id)) == n + 1


def test_refusals_exit_2_with_one_line(lib, db, tmp_path, capsys, sample_path):
    issue_id = lib.demo_issue
    tw = exporting.export_issue(lib, issue_id, tmp_path / "tw.docx", traditional="tw")
    other = import_issue_file(lib, sample_path).issue_id
    report = exporting.export_report(lib, issue_id, tmp_path / "report.docx")
    for path, issue, needle in ((tw, issue_id, "traditional"), (tmp_path / "plain.docx", other, "another issue"),
                                (report, issue_id, "findings report")):
        if not path.exists():
            exporting.export_issue(lib, issue_id, path)
        before = state(lib, issue)
        rc = cli.main(["import-docx", str(path), "--issue", str(issue), "--db", db])
        err = capsys.readouterr().err
        assert rc == 2 and needle in err and err.count("\n") == 1 and "Traceback" not in err
        assert state(lib, issue) == before


def test_bookmarks_removed_is_refused(lib, tmp_path):
    issue_id = lib.demo_issue
    out = exporting.export_issue(lib, issue_id, tmp_path / "issue.docx")
    stripped = tmp_path / "stripped.docx"
    with zipfile.ZipFile(out) as zin, zipfile.ZipFile(stripped, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"EA_", b"XX_")
            zout.writestr(item, data)
    with pytest.raises(UserError, match="bookmarks"):
        docx_roundtrip.import_exported_docx(lib, stripped, issue_id)


def _uno_available() -> bool:
    if SOFFICE is None or not Path(SYSTEM_PYTHON).exists():
        return False
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True)
    return probe.returncode == 0


def lo_edit(src: Path, dst: Path, old: str, new: str, profile: Path) -> None:
    # the system Python has the UNO bridge; the virtual environment does not
    run = subprocess.run([SYSTEM_PYTHON, str(UNO_EDIT), SOFFICE, str(src), str(dst), old, new, str(profile)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0 and f"replaced {1 if old else 0}" in run.stdout, run.stdout + run.stderr


@pytest.mark.libreoffice
@pytest.mark.slow
@pytest.mark.skipif(not _uno_available(), reason="LibreOffice with the UNO bridge (python3-uno) is not installed")
@pytest.mark.parametrize("kind", ["issue", "review", "article"])
def test_libreoffice_round_trip(lib, tmp_path, kind):
    """LibreOffice opens the export and saves it as Word 2007-365: unedited,
    it reads back as no change; with one sentence replaced through UNO, as
    exactly that change in exactly that article."""
    issue_id = lib.demo_issue
    seg_id, sentence = unique_sentence(lib, issue_id)
    review = kind == "review"
    if review:  # an edit in the library, so that the review copy carries tracked changes
        other = next(r.id for r in lib.segments(issue_id) if r.kind == "article" and r.id != seg_id)
        text, version = lib.current_text(other)
        lib.save_text(other, "库里加的第一段。\n" + text.replace("。", "，", 1), "editor", expected_version=version)
    before = state(lib, issue_id)
    articles = [str(seg_id)] if kind == "article" else None
    out = exporting.export_issue(lib, issue_id, tmp_path / "issue.docx", articles=articles, comments=review,
                                 track_changes=review)
    profile = tmp_path / "lo-profile"
    if review:
        with zipfile.ZipFile(out) as z:
            assert b"<w:ins " in z.read("word/document.xml")
    lo_edit(out, tmp_path / "saved.docx", "", "", profile)
    res = docx_roundtrip.import_exported_docx(lib, tmp_path / "saved.docx", issue_id)
    assert res.no_change and not any(a.header_changes for a in res.articles)
    assert state(lib, issue_id) == before
    lo_edit(out, tmp_path / "edited.docx", sentence, NEW_SENTENCE, profile)
    res = docx_roundtrip.import_exported_docx(lib, tmp_path / "edited.docx", issue_id, author="校对员")
    assert_exactly_one_change(lib, issue_id, before, seg_id, sentence, NEW_SENTENCE, res)


@pytest.mark.sample
def test_the_reference_issue_reads_back_as_no_change(tmp_path, sample_path):
    lib = svc.open_library(tmp_path / "ref.sqlite")
    try:
        issue_id = import_issue_file(lib, sample_path).issue_id
        before = state(lib, issue_id)
        out = exporting.export_issue(lib, issue_id, tmp_path / "ref.docx", comments=True, track_changes=True)
        res = docx_roundtrip.import_exported_docx(lib, out, issue_id)
        assert res.no_change and len(res.articles) == len([r for r in lib.segments(issue_id) if r.kind == "article"])
        edit_with_python_docx(out, tmp_path / "ref-edited.docx", "中宁硅业公司借势发展", "中宁硅业公司顺势发展")
        res = docx_roundtrip.import_exported_docx(lib, tmp_path / "ref-edited.docx", issue_id, author="校对员")
        (changed,) = res.revised
        assert before[changed.segment_id][1].replace("借势发展", "顺势发展") == lib.current_text(changed.segment_id)[0]
        assert sum(1 for k, v in state(lib, issue_id).items() if v != before[k]) == 1
    finally:
        lib.close()


def test_an_article_whose_marks_are_gone_is_reported_and_left_alone(lib, tmp_path, capsys, db):
    issue_id = lib.demo_issue
    rows = [r for r in lib.segments(issue_id) if r.kind == "article"]
    out = exporting.export_issue(lib, issue_id, tmp_path / "issue.docx")
    stripped = tmp_path / "stripped.docx"
    token = rows[1].key.encode()
    with zipfile.ZipFile(out) as zin, zipfile.ZipFile(stripped, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"EA_" + token + b"_", b"XX_" + token + b"_")
            zout.writestr(item, data)
    before = state(lib, issue_id)
    res = docx_roundtrip.import_exported_docx(lib, stripped, issue_id)
    assert res.missing == [rows[1].key]
    # its paragraphs run on after the article before it: that one is not trusted either
    assert [a.status for a in res.articles if a.segment_id == rows[0].id] == ["unmatched"]
    assert res.no_change and state(lib, issue_id) == before
    assert cli.main(["import-docx", str(stripped), "--issue", str(issue_id), "--db", db]) == 0
    out = capsys.readouterr().out
    assert "left unchanged" in out and rows[1].key in out


def test_a_lost_body_mark_leaves_the_article_alone_and_a_lost_title_mark_is_not_body(lib, tmp_path):
    issue_id = lib.demo_issue
    rows = [r for r in lib.segments(issue_id) if r.kind == "article"]
    out = exporting.export_issue(lib, issue_id, tmp_path / "issue.docx")
    damaged = tmp_path / "damaged.docx"
    a, b = rows[0].key.encode(), rows[1].key.encode()
    with zipfile.ZipFile(out) as zin, zipfile.ZipFile(damaged, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"EA_" + a + b"_body", b"XX_" + a + b"_body")
                data = data.replace(b"EA_" + b + b"_title", b"XX_" + b + b"_title")
            zout.writestr(item, data)
    before = state(lib, issue_id)
    res = docx_roundtrip.import_exported_docx(lib, damaged, issue_id)
    status = {o.segment_id: o for o in res.articles}
    assert status[rows[0].id].status == "unmatched"
    assert status[rows[1].id].status == "unchanged" and status[rows[1].id].stray == 1
    assert state(lib, issue_id) == before


def test_article_option_limits_the_update(lib, tmp_path, capsys, db):
    issue_id = lib.demo_issue
    (a, sa), (b, sb) = unique_sentences(lib, issue_id)[:2]
    before = state(lib, issue_id)
    out = exporting.export_issue(lib, issue_id, tmp_path / "issue.docx")
    edit_with_python_docx(out, tmp_path / "one.docx", sa, NEW_SENTENCE)
    edit_with_python_docx(tmp_path / "one.docx", tmp_path / "two.docx", sb, "另一句改写。")
    assert cli.main(["import-docx", str(tmp_path / "two.docx"), "--issue", str(issue_id), "--article", str(b),
                     "--db", db]) == 0
    assert [k for k, v in state(lib, issue_id).items() if v != before[k]] == [b]
    assert lib.current_text(b)[0] == before[b][1].replace(sb, "另一句改写。")
    one = exporting.export_issue(lib, issue_id, tmp_path / "b.docx", articles=[str(b)])
    assert cli.main(["import-docx", str(one), "--issue", str(issue_id), "--article", str(a), "--db", db]) == 2
    assert "does not contain" in capsys.readouterr().err
