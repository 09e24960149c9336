"""number.* rules on texts of our own: the same kinds of problems in other places and other words.

Each case: rule id, text, the excerpts the rule must flag (exactly, in order), and
optionally the suggestions. An empty list means the text must pass.
"""

from __future__ import annotations

import pytest

from editor_app.checks.engine import Checker
from editor_app.checks.registry import Registry, build_registry
from editor_app.checks.resources import Resources

REG = build_registry()
RES = Resources()

LONG = (
    "近年来，全县坚持项目为王，持续优化营商环境。\n"
    "今年以来，新签约项目持续增加，产业链条不断延伸。\n"
)

CASES = [
    # enumeration_count
    (
        "number.enumeration_count",
        LONG + "园区引进了电子、化工、机械、纺织、食品4大产业，成效明显。",
        ["4大"],
        None,
    ),
    ("number.enumeration_count", "围绕教育、医疗、养老等民生领域，办好十件实事。", [], None),
    ("number.enumeration_count", "新建公园、广场和绿道3类设施。\n下一步继续推进。", [], None),
    ("number.enumeration_count", "新建公园、广场、绿道和口袋公园3类设施。", ["3类"], ["4类"]),
    ("number.enumeration_count", "组建规划、建设两个专班，后又成立督查专班。", [], None),
    ("number.enumeration_count", "强化市、县、乡、村四级联动。", [], None),
    ("number.enumeration_count", "强化市、县、乡、村三级联动。", ["三级"], None),
    ("number.enumeration_count", "聚焦“三农”，统筹推进“一带”“一路”“一区”三大片区建设。", [], None),
    ("number.enumeration_count", "其中A类企业、B类企业分别为12家、8家。", [], None),
    ("number.enumeration_count", "形成“1+3+N”体系（1个中心、3个分中心、N个站点）。", [], None),
    ("number.enumeration_count", "新增省级、国家级“专精特新”企业15家。", [], None),
    ("number.enumeration_count", "打造文化、体育等特色街区9个，服务群众5万人次。", [], None),
    # ordinal_sequence
    (
        "number.ordinal_sequence",
        LONG + "主要抓三件事：一是稳投资。二是促消费。二是扩开放。",
        ["二是"],
        None,
    ),
    ("number.ordinal_sequence", "其一，摸清底数；其二，建立台账；其四，销号管理。", ["其四"], None),
    ("number.ordinal_sequence", "（一）强化组织领导。（二）加强督查。（三）严格考核。", [], None),
    (
        "number.ordinal_sequence",
        "（一）强化组织领导。（二）加强督查。（五）严格考核。",
        ["（五）"],
        None,
    ),
    (
        "number.ordinal_sequence",
        "1.总体目标\n到2025年基本建成。\n2.重点任务\n抓好落实。\n3.保障措施\n加强领导。",
        [],
        None,
    ),
    (
        "number.ordinal_sequence",
        "1.总体目标\n到2025年基本建成。\n3.重点任务\n抓好落实。",
        ["3."],
        None,
    ),
    ("number.ordinal_sequence", "排名全国第一、全省第三，连续五年位居第二。", [], None),
    ("number.ordinal_sequence", "一是抓招商。\n二是抓服务。\n四是抓环境。", ["四是"], None),
    (
        "number.ordinal_sequence",
        "他强调：“一是要稳，三是要进。”随后，一是部署任务，二是明确分工。",
        ["三是"],
        None,
    ),
    ("number.ordinal_sequence", "房屋分为一类、二类、四类3种。", ["一类、二类、四类"], None),
    # parts_sum
    ("number.parts_sum", LONG + "全年举办培训班20期，其中线上9期、线下12期。", ["20期"], None),
    ("number.parts_sum", "参赛队伍32支中，省内18支、省外12支。", ["32支"], None),
    ("number.parts_sum", "参赛队伍32支中，省内20支、省外12支。", [], None),
    ("number.parts_sum", "受理案件150件，其中调解成功98件、移送法院31件。", [], None),
    # ratio_arithmetic
    ("number.ratio_arithmetic", LONG + "客流量从8万人次增至20万人次，增长2.5倍。", ["2.5倍"], None),
    ("number.ratio_arithmetic", "客流量从8万人增至20万人，增长1.5倍，是原来的2.5倍。", [], None),
    ("number.ratio_arithmetic", "市场主体由90万户增加到120万户，增长25%。", ["25%"], None),
    ("number.ratio_arithmetic", "市场主体由90万户增加到120万户，增长33.3%。", [], None),
    ("number.ratio_arithmetic", "能耗从1.2吨下降至0.9吨，下降25%。", [], None),
    ("number.ratio_arithmetic", "城区面积56平方公里、新区28平方公里，城区是新区的2倍。", [], None),
    ("number.ratio_arithmetic", "城区人口60万人、新区20万人，城区是新区的2倍。", ["2倍"], None),
    ("number.ratio_arithmetic", "全市税收从100亿元增至400亿元，翻了一番。", ["翻了一番"], None),
    # range_connector
    (
        "number.range_connector",
        "每期培训安排在8-9月，每班30-40人。",
        ["8-9", "30-40"],
        ["8—9", "30～40"],
    ),
    ("number.range_connector", "预计增长5～8%。", ["5～8%"], ["5%～8%"]),
    ("number.range_connector", "项目编号ZJ-2024-0012已入库，举报电话0571-12345。", [], None),
    ("number.range_connector", "2023-2024年度评选结果公布。", ["2023-2024"], ["2023—2024"]),
    # fullwidth_digits
    (
        "number.fullwidth_digits",
        LONG + "全县共有１３个乡镇，城镇化率６５．２％。",
        ["１３", "６５．２％"],
        ["13", "65.2%"],
    ),
    # year_form
    ("number.year_form", "本刊创办于一九九零年，二〇〇八年改版。", ["一九九零"], ["一九九〇"]),
    ("number.year_form", "她05年3月入职，工作了12年春节都在岗。", ["05"], ["2005"]),
    ("number.year_form", "全县三千零五十二户完成改造，这是50年来最大规模。", [], None),
    # approximation
    ("number.approximation", LONG + "走访了七、八家企业，每家停留两、三个小时。", ["七、八"], None),
    ("number.approximation", "现有30几家企业入驻。", ["30几"], ["三十几"]),
    ("number.approximation", "约有300户左右受益。", ["约有300户左右"], None),
    ("number.approximation", "一、二级指标各若干项；三、四季度完成。", [], None),
    # unit_symbol
    (
        "number.unit_symbol",
        LONG + "新建35KV变电站，输送容量50MW，管道压力0.6Mpa。",
        ["KV", "Mpa"],
        ["kV", "MPa"],
    ),
    ("number.unit_symbol", "型号为XL-35KV的开关柜。", [], None),
    # mixed_numerals
    (
        "number.mixed_numerals",
        LONG + "累计服务8千余人次，节约成本2.5千万元。",
        ["8千", "2.5千"],
        ["8000", "2500"],
    ),
    ("number.mixed_numerals", "全长12千米，年发电量3千瓦时的设备。", [], None),
]


def _run(rule_id, text):
    checker = Checker(Registry(rules=[REG[rule_id]]), resources=RES)
    fs = checker.check_article(text)
    assert not checker.failures
    return fs


@pytest.mark.parametrize(
    ("rule_id", "text", "excerpts", "suggestions"),
    CASES,
    ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)],
)
def test_case(rule_id, text, excerpts, suggestions):
    fs = _run(rule_id, text)
    got = [f.excerpt for f in fs]
    assert got == excerpts, [f.message for f in fs]
    if suggestions is not None:
        assert [f.suggestion for f in fs] == suggestions


def test_enumeration_points_at_the_count_and_relates_the_list():
    text = "今年全市建成农业、工业、文旅、康养三个平台。"
    f = _run("number.enumeration_count", text)[0]
    assert f.excerpt == "三个"
    lst = f.related[0]
    assert text[lst.start : lst.end].endswith("农业、工业、文旅、康养")
    assert "列举了4项" in f.message and f.suggestion == "四个"


def test_ratio_message_explains_the_growth_trap():
    f = _run("number.ratio_arithmetic", "营收从20亿元增至60亿元，增长3倍。")[0]
    assert "增长2倍" in f.message and f.severity == "error"


def test_cross_article_compares_only_identical_statistics():
    from editor_app.checks.core import IssueExample
    from editor_app.checks.examples import issue_from_example

    ex = IssueExample(
        articles={
            "甲": "2024年一季度，全省外贸进出口增长8.5%。全省规上工业增加值增长6%。",
            "乙": "开局良好。2024年一季度，全省外贸进出口增长8.1%，好于预期。",
            "丙": "2024年一季度，全省外贸进出口增长8.5%。",
        }
    )
    issue = issue_from_example(ex)
    checker = Checker(Registry(rules=[REG["number.cross_article"]]), resources=RES)
    fs = checker.check_issue(issue)
    assert [(f.excerpt, f.related[0].excerpt) for f in fs] == [("8.5%", "8.1%"), ("8.1%", "8.5%")]
    assert [f.segment_key for f in fs] == [issue.articles()[0].id, issue.articles()[1].id]
