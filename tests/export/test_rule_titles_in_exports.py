"""DOCX comments, the findings report and the CLI's text name rules by their
titles, never by their ids; in English (the export's language) the titles and
messages are English."""

from __future__ import annotations

import re
import zipfile

import pytest

from editor_app.services import checking, editing, exporting, importing
from editor_app.services import issues as svc
from editor_app.services.report import findings_text

RULE_IDS = [r.id for r in checking.registry()]
ID_RE = re.compile("|".join(re.escape(i) for i in RULE_IDS))


@pytest.fixture(scope="module")
def checked(tmp_path_factory, demo_path):
    tmp = tmp_path_factory.mktemp("titles")
    lib = svc.open_library(tmp / "lib.sqlite")
    issue_id = importing.import_issue_file(lib, demo_path, author="导入").issue_id
    editing.check_issue(lib, issue_id)
    yield lib, issue_id, tmp
    lib.close()


def _part(path, name) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8")


def test_comments_name_titles_not_ids(checked):
    lib, issue_id, tmp = checked
    findings = checking.open_findings(lib, issue_id)
    assert findings
    out = exporting.export_issue(lib, issue_id, tmp / "zh.docx", comments=True, author="校对员")
    comments = _part(out, "word/comments.xml")
    assert not ID_RE.search(comments)
    f = findings[0]
    assert checking.registry()[f.rule].title in comments


def test_english_export_comments(checked):
    lib, issue_id, tmp = checked
    findings = checking.open_findings(lib, issue_id)
    out = exporting.export_issue(lib, issue_id, tmp / "en.docx", comments=True, author="校对员", lang="en")
    comments = _part(out, "word/comments.xml")
    assert not ID_RE.search(comments)
    rule = checking.registry()[findings[0].rule]
    assert rule.title_en in comments.replace("&amp;", "&")
    assert rule.message_in(findings[0].message, "en").split("“")[0].strip() in comments.replace("&amp;", "&")


def test_report_docx_and_text_name_titles(checked):
    lib, issue_id, tmp = checked
    # resolved findings say what resolved them ("fix <rule>"): by the rule's title
    assert checking.bulk_fix(lib, issue_id, "punctuation.halfwidth", None, author="校对员").applied
    out = exporting.export_report(lib, issue_id, tmp / "report.docx")
    body = _part(out, "word/document.xml")
    assert not ID_RE.search(body)
    assert "批量修改：中文里的半角标点" in body
    res = editing.check_issue(lib, issue_id)
    text = findings_text(res)  # the CLI's readable output of "check"
    assert not ID_RE.search(text)
    assert checking.registry()[res.findings[0].rule].title in text
    # the CSV is for machines: it keeps the ids
    csv = exporting.export_report(lib, issue_id, tmp / "report.csv", fmt="csv")
    assert ID_RE.search(csv.read_text(encoding="utf-8-sig"))


def test_report_names_the_rule_a_fix_applied(checked):
    from editor_app.export.report import _how

    titles = {"punctuation.halfwidth": "中文里的半角标点"}
    assert _how("fix punctuation.halfwidth", titles) == "采纳建议：中文里的半角标点"
    assert _how("bulk fix punctuation.halfwidth", titles) == "批量修改：中文里的半角标点"
    assert _how("fix retired.rule", titles) == "采纳建议"
    assert _how("edit", titles) == "edit"
