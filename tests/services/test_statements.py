"""Figures across the issues of a library (number.cross_article with LibraryFacts).

Two issues of our own writing (the demo issue, 东越视窗 2025年第3期, and a later
issue made from it, 2025年第4期) are imported into a temporary library. The later
issue prints a figure of the earlier one with another value: its check warns,
naming the earlier issue, page, article and sentence. Editing the earlier issue's
figure to agree changes the statements stored for it, so the later issue's stored
findings no longer describe the library (the state digest includes LibraryFacts)
and its next check drops the warning.
"""

from __future__ import annotations

import pytest

from editor_app.services import checking, editing, importing
from editor_app.services import issues as svc

RULE = "number.cross_article"
# the demo prints the same statistic twice (s09: 7.2%, s10: 6.8%, a planted
# in-issue conflict); issue 1 is made consistent at 7.2%, issue 2 prints 6.8% in both
S09 = "2024年全省农村居民人均可支配收入增长7.2%"
S10 = "2024年，全省农村居民人均可支配收入增长6.8%"


@pytest.fixture
def two_issues(tmp_path, demo_path):
    demo = demo_path.read_text(encoding="utf-8")
    assert S09 in demo and S10 in demo and "2025年第3期 总第612期" in demo
    first = tmp_path / "dy-2025-03.txt"
    first.write_text(demo.replace(S10, S10.replace("6.8%", "7.2%")), encoding="utf-8")
    second = tmp_path / "dy-2025-04.txt"
    second.write_text(
        demo.replace("2025年第3期 总第612期", "2025年第4期 总第613期").replace(
            S09, S09.replace("7.2%", "6.8%")
        ),
        encoding="utf-8",
    )
    lib = svc.open_library(tmp_path / "lib.sqlite")
    a = importing.import_issue_file(lib, first, author="导入").issue_id
    b = importing.import_issue_file(lib, second, author="导入").issue_id
    yield lib, a, b
    lib.close()


def _cross(lib, issue_id):
    return [f for f in lib.list_findings(issue_id, status="open") if f.rule == RULE]


def test_statements_of_the_current_texts_are_stored(two_issues):
    lib, a, b = two_issues
    rows = lib.statements(a)
    keys = {(r.period, r.scope, r.metric, r.verb, r.basis, r.unit, r.value) for r in rows}
    assert ("2024年", "全省", "农村居民人均可支配收入", "增长", "同比", "%", "7.2") in keys
    seg_keys = {lib.segment(r.segment_id).key for r in rows}
    assert {"s09", "s10"} <= seg_keys
    for r in rows:  # spans index the current text
        text = lib.current_text(r.segment_id)[0]
        assert text[r.text_start : r.text_end] == r.value + r.printed_unit


def test_earlier_is_by_year_and_number(two_issues):
    lib, a, b = two_issues
    assert checking.earlier_statements(lib, a) == ()  # nothing before 2025年第3期
    facts = checking.library_facts(lib, b).statements
    (st,) = [s for s in facts if s.key[2] == "农村居民人均可支配收入"]
    assert (st.raw, st.issue_id, st.order, st.issue) == (
        "7.2",
        a,
        (2025, 3),
        "《东越视窗》2025年第3期",
    )


def test_a_figure_printed_differently_in_a_later_issue_is_flagged_and_follows_edits(two_issues):
    lib, a, b = two_issues
    assert _cross(lib, a) == []  # issue 1 agrees with itself and has nothing earlier
    found = _cross(lib, b)
    assert sorted(f.segment_key for f in found) == ["s09", "s10"]  # both places print 6.8%
    page = lib.segment_by_key(a, "s09").page
    for f in found:
        assert f.excerpt == "6.8%" and f.severity == "warning"
        assert "《东越视窗》2025年第3期" in f.message
        assert f"第{page}页" in f.message
        assert "以科技创新塑造发展新优势" in f.message  # the earlier article's title
        assert "7.2%" in f.message and "城乡居民收入差距持续缩小" in f.message  # its sentence

    # issue 1 corrected to 6.8% in both articles: its statements change, issue 2's stored
    # findings no longer describe the library, and opening it re-checks
    assert checking.is_current(lib, b)
    for key in ("s09", "s10"):
        seg = lib.segment_by_key(a, key)
        text, version = lib.current_text(seg.id)
        assert "增长7.2%" in text
        editing.save_article(lib, seg.id, text.replace("增长7.2%", "增长6.8%"), "编辑", version)
    assert {r.value for r in lib.statements(a) if r.metric == "农村居民人均可支配收入"} == {"6.8"}
    assert not checking.is_current(lib, b)
    assert checking.open_findings(lib, b, rule=RULE) == []
    assert checking.is_current(lib, b)


def test_deleting_the_earlier_issue_drops_its_statements(two_issues):
    lib, a, b = two_issues
    assert _cross(lib, b)
    lib.delete_issue(a)
    assert lib.earlier_statements(b) == []
    assert checking.open_findings(lib, b, rule=RULE) == []


def test_the_province_of_another_magazine_is_another_province(tmp_path, demo_path):
    """全省 in another magazine (another masthead title) names another province."""
    demo = demo_path.read_text(encoding="utf-8")
    first = tmp_path / "other.txt"
    first.write_text(
        demo.replace("东越视窗", "西岭视窗").replace(S10, S10.replace("6.8%", "7.2%")),
        encoding="utf-8",
    )
    second = tmp_path / "dy.txt"
    second.write_text(
        demo.replace("2025年第3期 总第612期", "2025年第4期 总第613期").replace(
            S09, S09.replace("7.2%", "6.8%")
        ),
        encoding="utf-8",
    )
    with svc.open_library(tmp_path / "lib.sqlite") as lib:
        a = importing.import_issue_file(lib, first).issue_id
        b = importing.import_issue_file(lib, second).issue_id
        assert lib.issue_summary(a).title != lib.issue_summary(b).title
        assert any(r.scope == "全省" for r in lib.statements(a))
        assert all(e.row.scope != "全省" for e in lib.earlier_statements(b))
        assert _cross(lib, b) == []


def test_issues_more_than_three_years_back_are_not_compared(tmp_path, demo_path):
    demo = demo_path.read_text(encoding="utf-8")
    old = tmp_path / "old.txt"
    old.write_text(
        demo.replace("2025年第3期 总第612期", "2021年第3期 总第520期").replace(
            S10, S10.replace("6.8%", "7.2%")
        ),
        encoding="utf-8",
    )
    new = tmp_path / "new.txt"
    new.write_text(demo.replace(S09, S09.replace("7.2%", "6.8%")), encoding="utf-8")
    with svc.open_library(tmp_path / "lib.sqlite") as lib:
        a = importing.import_issue_file(lib, old).issue_id
        b = importing.import_issue_file(lib, new).issue_id
        assert lib.statements(a) and lib.earlier_statements(b) == []
        assert lib.earlier_statements(b, years=4)
        assert _cross(lib, b) == []
