"""The export dialog's job (services/export_job.py): what, which copy, since when; a
cancelled export leaves nothing on disk."""

from __future__ import annotations

import zipfile

import pytest

from editor_app.services import editing, importing
from editor_app.services import export_job as ej
from editor_app.services import issues as svc
from editor_app.services.issues import UserError
from editor_app.services.workspace import Cancelled


@pytest.fixture
def demo_lib(tmp_path, demo_path):
    lib = svc.open_library(tmp_path / "lib.sqlite")
    issue_id = importing.import_issue_file(lib, demo_path, author="导入").issue_id
    editing.check_issue(lib, issue_id)
    seg = next(r for r in lib.segments(issue_id) if r.kind == "article")
    yield lib, issue_id, seg.id
    lib.close()


def _xml(path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml").decode("utf-8")


def _edit(lib, seg, old, new, who="编辑"):
    text, version = lib.current_text(seg)
    assert old in text
    return lib.save_text(seg, text.replace(old, new, 1), who, expected_version=version)


def test_clean_review_and_tracked_copies(demo_lib, tmp_path):
    lib, issue_id, seg = demo_lib
    text = lib.current_text(seg)[0]
    word = text[10:14]
    _edit(lib, seg, word, "【改】")
    clean = ej.run(lib, issue_id, ej.ExportJob("issue", str(tmp_path / "clean.docx")))
    xml = _xml(clean)
    assert "w:ins " not in xml and "commentReference" not in xml and "【改】" in xml
    review = ej.run(lib, issue_id, ej.ExportJob("issue", str(tmp_path / "r.docx"), comments=True, author="审"))
    assert "commentReference" in _xml(review)
    tracked = ej.run(lib, issue_id, ej.ExportJob("issue", str(tmp_path / "t.docx"), track_changes=True))
    assert "<w:ins " in _xml(tracked) and "<w:del " in _xml(tracked)
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".docx") == ["clean.docx", "r.docx", "t.docx"]


def test_tracked_since_a_chosen_revision_of_the_article(demo_lib, tmp_path):
    lib, issue_id, seg = demo_lib
    text = lib.current_text(seg)[0]
    first = _edit(lib, seg, text[10:14], "【甲】")
    _edit(lib, seg, text[30:34], "【乙】")
    job = ej.ExportJob("article", str(tmp_path / "a.docx"), seg_id=seg, track_changes=True,
                       since="revision", since_revision=first.id)
    xml = _xml(ej.run(lib, issue_id, job))
    assert "【乙】" in xml and "【甲】" in xml
    # only the second edit is a tracked change: the first is part of the base
    ins = xml.split("<w:ins ")[1:]
    assert any("【乙】" in part.split("</w:ins>")[0] for part in ins)
    assert not any("【甲】" in part.split("</w:ins>")[0] for part in ins)
    other = next(r.id for r in lib.segments(issue_id) if r.id != seg)
    with pytest.raises(UserError):
        ej.run(lib, issue_id, ej.ExportJob("article", str(tmp_path / "b.docx"), seg_id=other,
                                           track_changes=True, since="revision", since_revision=first.id))


def test_revisions_at_a_time(demo_lib):
    lib, issue_id, seg = demo_lib
    base = lib.current_revision(seg)
    rev = _edit(lib, seg, lib.current_text(seg)[0][10:14], "【甲】")
    at_import = ej.revisions_at(lib, issue_id, base.created)
    assert at_import[seg] == base.id
    assert ej.revisions_at(lib, issue_id, rev.created)[seg] == rev.id
    assert ej.revisions_at(lib, issue_id, "2000-01-01T00:00:00")[seg] == base.id  # before anything: the first


def test_report_and_editions(demo_lib, tmp_path):
    lib, issue_id, _seg = demo_lib
    csv = ej.run(lib, issue_id, ej.ExportJob("report", str(tmp_path / "r.csv"), report_format="csv"))
    assert csv.read_text(encoding="utf-8-sig").count("\n") > 5
    tw = ej.run(lib, issue_id, ej.ExportJob("issue", str(tmp_path / "tw.docx"), edition="tw"))
    assert "東越" in _xml(tw)
    with pytest.raises(UserError):
        ej.run(lib, issue_id, ej.ExportJob("issue", str(tmp_path / "x.docx"), edition="mo"))


def test_cancelled_export_leaves_nothing(demo_lib, tmp_path):
    lib, issue_id, _seg = demo_lib
    out = tmp_path / "out.docx"
    out.write_bytes(b"old")
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) >= 2  # after the document was built, before it replaces the old file

    with pytest.raises(Cancelled):
        ej.run(lib, issue_id, ej.ExportJob("issue", str(out)), cancelled=cancelled)
    assert out.read_bytes() == b"old"  # the previous file is untouched, no partial file is left
    assert sorted(p.name for p in tmp_path.iterdir() if "docx" in p.name) == ["out.docx"]


def test_bad_folder_is_a_user_error(demo_lib, tmp_path):
    lib, issue_id, _seg = demo_lib
    with pytest.raises(UserError):
        ej.run(lib, issue_id, ej.ExportJob("issue", str(tmp_path / "nope" / "x.docx")))
