"""Punctuation rules (GB/T 15834-2011): declared examples, planted problems in
new positions, the traps, and the suggestions a bulk fix applies."""

from __future__ import annotations

import pytest

from editor_app.checks.resources import Resources
from editor_app.checks.rules.punctuation import halfwidth, marks, quotes
from tests.checks.rulekit import declared_examples, rule_table
from tests.checks.rulekit import hits as _hits

RULES = rule_table(halfwidth, quotes, marks)


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources()


def hits(rule_id: str, text: str, res: Resources):
    return _hits(RULES, rule_id, text, res)


def excerpts(rule_id: str, text: str, res: Resources) -> list[tuple[str, str | None]]:
    return [(text[h.start : h.end], h.suggestion) for h in hits(rule_id, text, res)]


def apply(text: str, found) -> str:
    for h in sorted(found, key=lambda h: h.start, reverse=True):
        if h.suggestion is not None:
            text = text[: h.start] + h.suggestion + text[h.end :]
    return text


EXAMPLES = declared_examples(RULES)


@pytest.mark.parametrize(("rule_id", "text", "flag"), EXAMPLES)
def test_declared_examples(rule_id, text, flag, res):
    found = hits(rule_id, text, res)
    assert bool(found) == flag, [(text[h.start : h.end], h.message) for h in found]


def test_declarations():
    assert set(RULES) == {
        "punctuation.halfwidth",
        "punctuation.paired_marks",
        "punctuation.repeated",
        "punctuation.nested_quotes",
        "punctuation.enumeration_comma",
        "punctuation.ellipsis_etc",
        "punctuation.dash",
        "punctuation.interpunct",
    }
    assert RULES["punctuation.halfwidth"].bulk_fixable
    assert RULES["punctuation.repeated"].severity == "error"
    for rule in RULES.values():
        assert "GB/T 15834-2011" in rule.explanation
        if rule.id == "punctuation.enumeration_comma":
            # GB/T 15834 says 通常不用: edited official prose keeps the 顿号, so a hint
            assert rule.severity == "info"
        elif rule.id != "punctuation.repeated":
            assert rule.severity == "warning"


# -- halfwidth ---------------------------------------------------------------------


def test_halfwidth_bulk_fix_of_a_whole_paragraph(res):
    text = (
        "今年1—4月,全省规上工业增加值增长8.4%;制造业投资增长7.1%,拉动投资2.8个百分点。"
        "钱塘(新)区发布了规划:到2025年,产值突破1,258亿元,比例达1.53:1,会议8:30开始!"
        "你知道吗?详见https://www.zj.gov.cn/a?b=1,2。"
    )
    found = hits("punctuation.halfwidth", text, res)
    fixed = apply(text, found)
    assert fixed == (
        "今年1—4月，全省规上工业增加值增长8.4%；制造业投资增长7.1%，拉动投资2.8个百分点。"
        "钱塘（新）区发布了规划：到2025年，产值突破1,258亿元，比例达1.53:1，会议8:30开始！"
        "你知道吗？详见https://www.zj.gov.cn/a?b=1,2。"
    )


def test_halfwidth_drops_spaces_with_the_mark(res):
    assert excerpts("punctuation.halfwidth", "不仅仅是“知彼”, 更是", res) == [(", ", "，")]
    assert excerpts("punctuation.halfwidth", "封面设计: 赵磊", res) == [(": ", "：")]
    assert excerpts("punctuation.halfwidth", "要土地? 三门县", res) == [("? ", "？")]
    # indentation at a line start stays
    assert excerpts("punctuation.halfwidth", "  (1)加强监管", res) == [("(", "（"), (")", "）")]


@pytest.mark.parametrize(
    "text",
    [
        "增长12.3%,1人获评",  # percent, then a number
        "前40,90%以上的建制镇",  # not a thousands group
        "超过40%;30%以上农户",
        "“全能之城”,2023年实现",  # Chinese quotation, then a number
        "“A”,“B”两项",
        "说:“我们",
        "GDP (国内生产总值)",
        "合作(COP15)",
        "(2023—2027年)》",
    ],
)
def test_halfwidth_chinese_context_without_a_han_neighbour(text, res):
    assert hits("punctuation.halfwidth", text, res), text


@pytest.mark.parametrize(
    "text",
    [
        "收入比1.53:1，最优",
        "按照4:6确定权重",
        "共1,258户",
        "共1,258.5万元",
        "时间8:30",
        "He said, “Yes, we can!” and left.",
        "“Yes,” he said.",
        "他说：“Hello, world!”",
        "函数f(x)的值",
        "型号DS-2CD(3T)摄像机",
        "邮箱a.b,c@example.com里",
        "网址www.example.com/a,b,c;d里",
        "API: GET /v1/items?id=3",
    ],
)
def test_halfwidth_traps(text, res):
    assert not hits("punctuation.halfwidth", text, res), text


def test_halfwidth_parentheses_change_as_a_pair(res):
    for text in ("县(市、区)", "(扩大)会议", "首台(套)", "小云(化名)在"):
        got = [s for _, s in excerpts("punctuation.halfwidth", text, res)]
        assert got == ["（", "）"], text


# -- paired marks and nested quotes --------------------------------------------------


def test_paired_marks_per_paragraph(res):
    text = "第一段“没有闭合。\n第二段正常“引用”。\n第三段（说明。"
    got = excerpts("punctuation.paired_marks", text, res)
    assert got == [("“", None), ("（", None)]
    found = hits("punctuation.paired_marks", text, res)
    assert text[found[1].start] == "（" and found[1].start > text.index("第三段")


def test_quotation_over_paragraphs(res):
    ok = "他说：“第一段。\n“第二段。\n\n“第三段。”\n后文。"
    assert not hits("punctuation.paired_marks", ok, res)
    # the last paragraph does not close: reported there
    bad = "他说：“第一段。\n“第二段。"
    found = hits("punctuation.paired_marks", bad, res)
    assert [bad[h.start] for h in found] == ["“"] and found[0].start == bad.index("“第二段")


def test_paired_marks_crossed_and_stray(res):
    text = "《关于“加强》管理”的通知"
    assert hits("punctuation.paired_marks", text, res)
    assert excerpts("punctuation.paired_marks", "这是结论》。", res) == [("》", None)]


def test_nested_quotes_suggestion(res):
    text = "他说：“我们要把“两山”理念和“八八战略”落到实处。”"
    found = hits("punctuation.nested_quotes", text, res)
    assert apply(text, found) == "他说：“我们要把‘两山’理念和‘八八战略’落到实处。”"


def test_nested_quotes_third_level(res):
    text = "“甲说“乙说‘好’”。”"
    found = hits("punctuation.nested_quotes", text, res)
    assert [h.suggestion for h in found] == ["‘乙说“好”’"]


# -- repeated, enumeration comma, ellipsis, dash, interpunct -----------------------------------


def test_repeated_positions(res):
    assert excerpts("punctuation.repeated", "，，开头", res) == [("，，", "，")]
    assert excerpts("punctuation.repeated", "结尾。。", res) == [("。。", "。")]
    assert excerpts("punctuation.repeated", "甲、乙、、丙", res) == [("、、", "、")]
    assert excerpts("punctuation.repeated", "是吗？。", res) == [("？。", None)]
    assert not hits("punctuation.repeated", "是吗？！？", res)
    assert not hits("punctuation.repeated", "“好！”。", res)


def test_enumeration_comma_fix(res):
    text = "开展“面对面”、“上市之路”、“企业家沙龙”等活动，阅读《论语》、《孟子》。"
    fixed = apply(text, hits("punctuation.enumeration_comma", text, res))
    assert fixed == "开展“面对面”“上市之路”“企业家沙龙”等活动，阅读《论语》《孟子》。"


def test_enumeration_comma_traps(res):
    for text in (
        "“法治体检”（面向中小微企业）、“法律明白人”",
        "向“持久美”、由“外在美”",
        "以“修”践“悟”、以“悟”促“修”",
        "“八八战略”、“两山”理念",
        "《论语》、“四书”",
    ):
        assert not hits("punctuation.enumeration_comma", text, res), text


def test_ellipsis_positions(res):
    assert excerpts("punctuation.ellipsis_etc", "……等", res) == []  # nothing before: no list
    assert excerpts("punctuation.ellipsis_etc", "苹果、梨……等等水果", res) == [("……等等", "等等")]
    assert excerpts("punctuation.ellipsis_etc", "苹果、梨… 等", res) == [("… 等", "等")]
    assert excerpts("punctuation.ellipsis_etc", "就这样吧...", res) == [("...", "……")]
    assert excerpts("punctuation.ellipsis_etc", "...开头也算", res) == [("...", "……")]
    assert not hits("punctuation.ellipsis_etc", "目录……………………12", res)
    assert not hits("punctuation.ellipsis_etc", "前言 .......... 3", res)
    assert not hits("punctuation.ellipsis_etc", "Wait... what?", res)
    assert not hits("punctuation.ellipsis_etc", "一等奖……等级", res)


def test_dash_positions(res):
    assert excerpts("punctuation.dash", "目标——\n一是", res) == []
    assert excerpts("punctuation.dash", "目标—", res) == [("—", "——")]
    assert excerpts("punctuation.dash", "他说—，", res) == [("—", "——")]
    assert excerpts("punctuation.dash", "就是它－－创新", res) == [("－－", "——")]
    assert excerpts("punctuation.dash", "就是它――创新", res) == [("――", "——")]
    for text in (
        "沪—杭—甬",
        "2023—2027年",
        "“培养—认定—使用—支持”",
        "A--B",
        "----",
        "分散吸附—集中再生",
    ):
        assert not hits("punctuation.dash", text, res), text


def test_interpunct_positions(res):
    text = "《周礼•冬官》和列奥纳多・达・芬奇\n日本の東京・銀座"
    got = excerpts("punctuation.interpunct", text, res)
    assert got == [("•", "·"), ("・", "·"), ("・", "·")]
