"""Header fields edited in the window reach the DOCX export."""

import docx

from editor_app.services import editing, exporting, importing
from editor_app.services import issues as svc


def test_edited_authors_and_subtitle_are_exported(tmp_path, demo_path):
    lib = svc.open_library(tmp_path / "lib.sqlite")
    issue_id = importing.import_issue_file(lib, demo_path).issue_id
    row = next(r for r in lib.segments(issue_id) if r.kind == "article")
    editing.set_header(lib, row.id, "张三", subtitle="改过的副标题", authors=["甲乙", "丙丁"])
    out = exporting.export_issue(lib, issue_id, tmp_path / "a.docx", articles=[row.key])
    text = "\n".join(p.text for p in docx.Document(out).paragraphs)
    assert "改过的副标题" in text and "甲乙" in text and "丙丁" in text
    lib.close()
