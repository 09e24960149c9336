"""number.cross_article: how statements are read (carry-over of period and scope,
metric names from the alias table, precision), beyond the rule's examples.

All sentences are our own writing.
"""

from __future__ import annotations

import pytest

from editor_app.checks.core import IssueExample, LibraryFacts
from editor_app.checks.engine import Checker
from editor_app.checks.examples import issue_from_example
from editor_app.checks.registry import Registry, build_registry
from editor_app.checks.resources import Resources
from editor_app.checks.rules.number._figures import (
    PrintedStatement,
    differ,
    measure,
    resolve,
    statements,
)

RES = Resources()
RULE = build_registry()["number.cross_article"]


def _keys(text: str, year: int | None = 2024, resources=RES):
    return [(s.key, s.raw + s.unit) for s in statements("a", text, resources, year)]


def test_period_and_scope_at_the_head_carry_over_the_clauses():
    got = _keys("2024年一季度，全省外贸进出口增长8.2%；出口增长9.1%；进口增长6.5%。")
    assert got == [
        (("2024年一季度", "全省", "进出口", "增长", "同比", "%"), "8.2%"),
        (("2024年一季度", "全省", "出口", "增长", "同比", "%"), "9.1%"),
        (("2024年一季度", "全省", "进口", "增长", "同比", "%"), "6.5%"),
    ]


def test_a_paragraph_initial_period_applies_to_its_paragraph_only():
    text = "2023年，全省经济回升向好。外贸保持韧性，出口增长7%。\n进口增长3%。"
    assert _keys(text) == [(("2023年", "全省", "出口", "增长", "同比", "%"), "7%")]


def test_a_new_period_or_scope_resets():
    text = (
        "2024年一季度，全省出口增长9.1%。3月份，出口增长12%。"
        "宁波市出口增长14%。2023年，进口增长2%。"
    )
    got = _keys(text)
    assert got == [
        (("2024年一季度", "全省", "出口", "增长", "同比", "%"), "9.1%"),
        (
            ("2024年3月", "全省", "出口", "增长", "同比", "%"),
            "12%",
        ),  # sub-period keeps year and scope
        (("2024年3月", "宁波市", "出口", "增长", "同比", "%"), "14%"),
        # 2023年 resets the scope: 进口 has none and is not read
    ]


@pytest.mark.parametrize(
    ("text", "metrics"),
    [
        ("2023年以来，全省出口增长5%。", []),  # a span up to now, not a period
        ("今年以来，全省出口增长5%。", []),
        ("2023年，全市出口增长5%；进口增长3%。", []),  # the article's own city
        ("2023年，全省出口预期增长5%。", []),  # a target
        ("2023年，全省出口增长约5%。", []),
        ("2023年，全省出口增长5%左右。", []),
        ("2023年，全省工业投资增长8%，其中制造业增长7%。", ["工业投资"]),  # 制造业: elided
        ("2023年，全省引进投资50亿元的项目12个。", []),  # the size of a project
        (  # 出口 and 进口 here are the trade with those countries: elided qualifier
            "2023年，全省对东盟进出口3000亿元，增长8%。其中，出口2000亿元，增长9%；进口1000亿元。",
            ["对东盟进出口", "对东盟进出口"],
        ),
        (  # after an unqualified total its parts are the province's own
            "2023年，全省进出口5万亿元，增长5%；其中，出口3.5万亿元，增长7%。",
            ["进出口", "进出口", "出口", "出口"],
        ),
        ("到2027年，全省数字经济增加值达6万亿元。", []),  # a target (issue year 2024)
        ("到2023年底，全省建成5G基站20万个。", ["建成5G基站"]),  # a year already past
    ],
)
def test_what_is_not_read(text, metrics):
    assert [k[2] for k, _ in _keys(text)] == metrics


def test_today_and_last_year_follow_the_issue_year():
    assert resolve("今年一季度", 2024) == "2024年一季度"
    assert resolve("去年", 2024) == "2023年"
    assert resolve("今年一季度", None) == "今年一季度"
    assert _keys("今年前4个月，全省出口增长5%。")[0][0][0] == "2024年1—4月"
    assert _keys("今年前4个月，全省出口增长5%。", year=None)[0][0][0] == "今年1—4月"


def test_figures_agree_at_the_coarser_precision_in_one_unit():
    assert measure("1.2", "万亿元")[0] == "元"
    assert not differ("8.2", "%", "8.20", "%")
    assert not differ("1.2", "万亿元", "12000", "亿元")
    assert not differ("2.94", "万亿元", "2.9", "万亿元")
    assert differ("8.2", "%", "8.25", "%") and differ("1.2", "万亿元", "13000", "亿元")
    assert not differ("5", "%", "5", "个百分点")  # other units never compare


def test_the_alias_table_is_data(tmp_path):
    """营收 = 营业收入 comes from resources/checks/number_metric_aliases.tsv through the
    checks' resources: a copy without that line no longer joins the two names."""
    text = "2023年，全省规上工业营收增长5%。"
    assert _keys(text)[0][0][2] == "规模以上工业营业收入"
    root = tmp_path / "checks"
    root.mkdir()
    table = root / "number_metric_aliases.tsv"
    lines = (RES.root / table.name).read_text(encoding="utf-8").splitlines()
    assert any(ln.startswith("# kind\twritten\tcanonical") for ln in lines)  # documented header
    table.write_text(
        "\n".join(ln for ln in lines if ln != "metric\t营收\t营业收入") + "\n", encoding="utf-8"
    )
    assert _keys(text, resources=Resources(root))[0][0][2] == "规模以上工业营收"


def _check(articles, library=None):
    ex = IssueExample(articles=articles)
    issue = issue_from_example(ex)
    checker = Checker(Registry(rules=[RULE]), resources=RES, library=library or LibraryFacts())
    return issue, checker.check_issue(issue)


def test_both_places_of_a_carried_conflict_point_at_each_other():
    issue, fs = _check(
        {
            "外贸": "2024年一季度，全省外贸进出口增长8.2%；出口增长9.1%；进口增长6.5%。",
            "口岸": "2024年一季度，全省出口增长9.6%。",
        }
    )
    assert [(f.excerpt, f.related[0].excerpt) for f in fs] == [("9.1%", "9.6%"), ("9.6%", "9.1%")]
    assert "《口岸》" in fs[0].message and "《外贸》" in fs[1].message


def _printed(raw: str, order=(2024, 3), period="2024年一季度") -> PrintedStatement:
    return PrintedStatement(
        key=(period, "全省", "出口", "增长", "同比", "%"),
        raw=raw,
        unit="%",
        label=f"{period}全省出口增长",
        sentence=f"{period}，全省出口增长{raw}%。",
        issue=f"《示例杂志》{order[0]}年第{order[1]}期",
        issue_id=order[1],
        order=order,
        title="外贸综述",
        page=7,
    )


def test_an_earlier_issue_is_named_with_page_article_and_sentence():
    lib = LibraryFacts(statements=(_printed("9.6"),))
    _issue, fs = _check({"外贸": "今年一季度，全省出口增长9.1%。"}, lib)
    (f,) = fs
    assert f.excerpt == "9.1%" and f.related == []
    for part in ("《示例杂志》2024年第3期", "第7页", "《外贸综述》", "9.6%", "全省出口增长9.6%。"):
        assert part in f.message


def test_the_most_recent_earlier_issue_is_the_reference():
    older, newer = _printed("9.6", (2024, 3)), _printed("9.1", (2024, 5))
    for order in ((older, newer), (newer, older)):
        _issue, fs = _check({"外贸": "2024年一季度，全省出口增长9.1%。"}, LibraryFacts(order))
        assert fs == []
    _issue, fs = _check({"外贸": "2024年一季度，全省出口增长9.6%。"}, LibraryFacts((older, newer)))
    assert len(fs) == 1 and "2024年第5期" in fs[0].message


def test_a_conflict_in_the_issue_and_with_an_earlier_issue_is_one_finding():
    lib = LibraryFacts(statements=(_printed("9.1"),))
    _issue, fs = _check(
        {"外贸": "2024年一季度，全省出口增长9.6%。", "口岸": "2024年一季度，全省出口增长9.1%。"},
        lib,
    )
    assert [f.excerpt for f in fs] == ["9.6%", "9.1%"]
    first = fs[0]
    assert "《口岸》" in first.message and "《示例杂志》2024年第3期" in first.message
    assert first.related and first.related[0].excerpt == "9.1%"
    assert "往期" not in fs[1].message  # 9.1% agrees with the earlier issue


def test_verbs_and_scopes_of_one_meaning_compare_as_one():
    a = _keys("2023年，我国常住人口减少208万人。")
    b = _keys("2023年，全国常住人口下降208万人。")
    assert a[0][0] == b[0][0]


def test_library_and_combined_messages_read_in_english():
    from editor_app.services.rule_texts import message

    inside = "同一统计数据前后不一致：“全省快递业务量增长”在本文中为10%，在《邮政管理》中为12%"
    earlier = (
        "与往期数据不一致：“全省快递业务量增长”在本文中为10%，《东越视窗》2025年第3期第8页《快递综述》中为11%"
        "（原句：“全省快递业务量增长11%”），请核实"
    )
    one = message("number.cross_article", earlier, "en")
    assert one.startswith("The figure differs from an earlier issue") and "“11%” in 《快递综述》" in one
    both = message("number.cross_article", inside + "；" + earlier, "en")
    assert "“12%” in 《邮政管理》; it is also “11%” in 《快递综述》" in both
    assert "与往期" not in both
