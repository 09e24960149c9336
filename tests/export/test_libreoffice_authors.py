"""LibreOffice opens tracked changes credited to several revisions, and keeps each
change's author and time (read back from the ODT it converts the DOCX to)."""

from __future__ import annotations

import re
import zipfile

import pytest

from editor_app.services import exporting

from .test_libreoffice import SOFFICE, to_pdf
from .test_revision_authors import _save, lib_article  # noqa: F401 - fixture

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed"),
]


def test_libreoffice_keeps_each_revisions_author_and_date(lib_article, tmp_path, monkeypatch):  # noqa: F811
    lib, issue_id, seg = lib_article
    text = lib.current_text(seg.id)[0]
    _save(lib, monkeypatch, seg.id, text[20:24], "【张改】", "张三", "2024-05-01T09:15:30.000+00:00")
    _save(lib, monkeypatch, seg.id, text[60:64], "【李改】", "李四", "2024-05-02T16:40:05.000+00:00")
    docx = exporting.export_issue(lib, issue_id, tmp_path / "t.docx", articles=[seg.key],
                                  track_changes=True, author="导出者")
    odt = to_pdf(docx, tmp_path, tmp_path / "profile", fmt="odt")
    content = zipfile.ZipFile(odt).read("content.xml").decode()
    infos = re.findall(r"<office:change-info><dc:creator>([^<]*)</dc:creator><dc:date>([^<]*)</dc:date>",
                       content)
    assert ("张三", "2024-05-01T09:15:30") in infos
    assert ("李四", "2024-05-02T16:40:05") in infos
    assert {who for who, _ in infos} == {"张三", "李四"}
