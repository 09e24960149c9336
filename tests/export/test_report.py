"""The quality report: rows, error rates against 万分之二, DOCX tables and CSV."""

from __future__ import annotations

import csv

import docx
import pytest

from editor_app.export import (
    RATE_LIMIT,
    ExportError,
    build_rows,
    export_report_csv,
    export_report_docx,
    summarize,
)
from editor_app.export.report import CSV_HEADER, char_count, counts_as_error
from editor_app.model import Finding, SegmentRef

from .conftest import AUTHOR, DATE


def test_rows_follow_issue_order_and_carry_context(issue, edits, findings):
    cur, _ = edits
    rows = build_rows(issue, findings, cur)
    assert len(rows) == len(findings)
    assert [r.segment_id for r in rows] == sorted((r.segment_id for r in rows), key=["s01", "s02", "s03"].index)
    r = next(r for r in rows if r.rule == "number.unit_mix")
    assert r.page == "8" and r.section == "本期关注" and "【1200亿元】" in r.context
    assert next(r for r in rows if r.rule == "wording.redundant").suggestion == "（删除）"
    assert next(r for r in rows if r.rule == "consistency.title").context == ""  # stale: no false context


def test_error_rate_counts_open_errors_per_10000_characters(issue):
    text = issue.segment("s03").editable_text()[0]
    n = char_count(text)

    def f(severity, status):
        return Finding("w.x", "wording", severity, "m", 0, 1, excerpt=text[0], segment=SegmentRef("s03"), status=status)

    fs = [f("error", "open"), f("error", "open"), f("warning", "open"), f("error", "resolved"),
          f("error", "dismissed"), f("info", "open")]
    assert [counts_as_error(x) for x in fs] == [True, True, False, False, False, False]
    per, chars, errors, rate = summarize(issue, fs)
    s03 = next(s for s in per if s.segment.id == "s03")
    assert s03.errors == 2 and s03.chars == n
    assert s03.rate == pytest.approx(2 * 10000 / n)
    assert s03.open == 4 and s03.dismissed == 1
    assert s03.by_category["wording"] == 4  # only open ones: resolved and dismissed are not counted
    assert errors == 2 and chars == sum(char_count(s.editable_text()[0]) for s in issue.articles())
    assert rate == pytest.approx(2 * 10000 / chars)
    # an error on another page is listed but does not enter the issue's article figures
    other = Finding("w.x", "wording", "error", "m", 0, 1, segment=SegmentRef("s01"))
    per3, _c, errors3, _r = summarize(issue, fs + [other])
    assert errors3 == 2 and [s.segment.id for s in per3] == ["s01", "s02", "s03"]
    # the rates computed by the checks layer win
    per2, _c, _e, rate2 = summarize(issue, fs, rates={"issue": 0.5, "articles": {"s03": 1.5}})
    assert next(s for s in per2 if s.segment.id == "s03").rate == 1.5 and rate2 == 0.5


def test_report_docx_tables(issue, edits, findings, tmp_path):
    cur, _ = edits
    path = export_report_docx(issue, findings, tmp_path / "r.docx", author=AUTHOR, date=DATE, texts=cur,
                              review_status={"s02": "已审"})
    d = docx.Document(str(path))
    assert d.core_properties.title == "东越视窗 2025年第3期 编校质量报告"
    sec = d.sections[0]
    assert sec.page_width > sec.page_height  # landscape
    summary, table = d.tables
    assert [c.text for c in summary.rows[0].cells][:4] == ["页码", "栏目", "文章", "字数"]
    # articles plus the non-article segment that has a finding
    assert [r.cells[2].text for r in summary.rows[1:]] == ["刊头", "以软件创新推动产业升级", "古镇里的新生活"]
    assert [r.cells[-3].text for r in summary.rows[1:2]] == ["—"]  # other pages are not rated
    s02 = summary.rows[2]
    assert s02.cells[-1].text == "已审" and summary.rows[3].cells[-1].text == "—"
    assert len(table.rows) == len(findings) + 1
    assert [c.text for c in table.rows[0].cells] == ["页码", "文章", "摘录", "规则", "级别", "说明", "建议", "状态"]
    body = "\n".join(p.text for p in d.paragraphs)
    assert f"不超过万分之 {RATE_LIMIT:g}" in body
    # header row repeats on every page
    assert table.rows[0]._tr.trPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") is not None


def test_report_csv_is_utf8_with_bom_and_rereads(issue, edits, findings, tmp_path):
    cur, _ = edits
    path = export_report_csv(issue, findings, tmp_path / "r.csv", texts=cur)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == CSV_HEADER
    assert len(rows) == len(findings) + 1
    assert {r[6] for r in rows[1:]} == {f.rule for f in findings}
    assert all(len(r) == len(CSV_HEADER) for r in rows)


def test_csv_cells_cannot_become_formulas(issue, tmp_path):
    f = Finding("w.x", "wording", "info", "=HYPERLINK(\"x\")", 0, 1, excerpt="清", segment=SegmentRef("s03"),
                suggestion="+1")
    path = export_report_csv(issue, [f], tmp_path / "r.csv")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        row = list(csv.reader(fh))[1]
    assert row[9] == "'=HYPERLINK(\"x\")" and row[10] == "'+1"


def test_unknown_segment_in_report_raises(issue, tmp_path):
    f = Finding("w.x", "wording", "info", "m", 0, 1, segment=SegmentRef("s99"))
    with pytest.raises(ExportError):
        export_report_docx(issue, [f], tmp_path / "r.docx")
    with pytest.raises(ExportError):
        export_report_csv(issue, [f], tmp_path / "r.csv")
    assert not list(tmp_path.iterdir())


def test_report_without_findings(issue, tmp_path):
    path = export_report_docx(issue, [], tmp_path / "r.docx", date=DATE)
    d = docx.Document(str(path))
    assert len(d.tables) == 1
    assert "未发现问题。" in [p.text for p in d.paragraphs]
