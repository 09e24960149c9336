"""Wording rules: declared examples, every row of the confusables table,
planted problems in new positions and the traps."""

from __future__ import annotations

import re

import pytest

from editor_app.checks.core import ArticleContext
from editor_app.checks.resources import Resources
from editor_app.checks.rules.wording import confusables, duplicated, jiezhi, stray_latin
from tests.checks.rulekit import declared_examples, rule_table
from tests.checks.rulekit import hits as _hits

RULES = rule_table(duplicated, stray_latin, jiezhi, confusables)
ENTRIES = confusables.load_entries(Resources())


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources()


def hits(rule_id: str, text: str, res: Resources):
    return _hits(RULES, rule_id, text, res)


def excerpts(rule_id: str, text: str, res: Resources) -> list[tuple[str, str | None]]:
    return [(text[h.start : h.end], h.suggestion) for h in hits(rule_id, text, res)]


EXAMPLES = declared_examples(RULES)


@pytest.mark.parametrize(("rule_id", "text", "flag"), EXAMPLES)
def test_declared_examples(rule_id, text, flag, res):
    found = hits(rule_id, text, res)
    assert bool(found) == flag, [(text[h.start : h.end], h.message) for h in found]


def test_declarations():
    assert RULES["wording.jiezhi"].severity == "error"
    for rid in ("wording.duplicated", "wording.stray_latin", "wording.confusables"):
        assert RULES[rid].severity == "warning"
    for rule in RULES.values():
        assert rule.category == "wording" and rule.must_flag and rule.must_pass


# -- confusables: the table --------------------------------------------------------


def test_table_rows_are_complete():
    assert len(ENTRIES) >= 60
    patterns = [e.pattern.pattern for e in ENTRIES]
    assert len(patterns) == len(set(patterns))
    for e in ENTRIES:
        assert e.must_flag and e.must_pass, e.pattern.pattern
        assert e.severity in (None, "error", "warning", "info")
        for ex in e.must_flag:
            # the needle prefilter must not hide a row's own example
            assert not e.needle or e.needle in ex, (e.pattern.pattern, ex)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.right + ":" + e.pattern.pattern[:12])
def test_each_row_flags_its_examples(entry, res):
    for ex in entry.must_flag:
        found = hits("wording.confusables", ex, res)
        mine = [
            h for h in found if h.suggestion == entry.right and entry.pattern.match(ex, h.start)
        ]
        assert mine, (ex, [(ex[h.start : h.end], h.suggestion) for h in found])
        for h in mine:  # the suggestion repairs the text: the row no longer fires
            fixed = ex[: h.start] + h.suggestion + ex[h.end :]
            assert not [
                g
                for g in hits("wording.confusables", fixed, res)
                if g.start == h.start and g.suggestion == h.suggestion
            ], fixed


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.right + ":" + e.pattern.pattern[:12])
def test_each_row_passes_its_examples(entry, res):
    for ex in entry.must_pass:
        assert not hits("wording.confusables", ex, res), ex


def test_required_literal():
    lit = confusables.required_literal
    assert lit("好象") == "好象"
    assert lit("坚苦(?=奋斗|卓绝)") == "坚苦"
    assert lit("(?<=入场|优惠)卷") == "卷"
    assert lit("(?:^|(?<=[，。]))做为(?!了)") == "做为"
    assert lit("默守成规|墨守陈规") == ""
    assert lit("渡过(?=[^，]{0,6}?(?:假期|暑假))") == "渡过"
    assert lit("截止(至)?") == "截止"
    assert lit("好象?") == "好"


def test_confusables_in_running_text(res):
    text = (
        "他好象没听见。用户可登陆网站办理，也可以扫码。做为一名党员，必需遵守纪律。"
        "其它人都到了，其它材料另附。端午节成为第一个人选世界非遗的节日，他是合适人选。"
        "台风登陆后，新品登陆市场。希望大家再接再励，一鼓作气。"
    )
    got = [s for _, s in excerpts("wording.confusables", text, res)]
    assert got == ["好像", "登录", "作为", "必须", "其他", "入选", "再接再厉"]


# -- duplicated -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("转贷贷成本", [("贷贷", "贷")]),
        ("的的", [("的的", "的")]),
        ("美丽的的乡村", [("的的", "的")]),
        ("工作工作", [("工作工作", "工作")]),
        ("我们要要坚持", [("要要", "要")]),
        ("推动产业业升级", [("业业", "业")]),
        ("完成了了任务", [("了了", "了")]),
        ("我们在在这里", [("在在", "在")]),
        ("推进推进高质量发展", [("推进推进", "推进")]),
        ("新质生产力生产力", [("生产力生产力", "生产力")]),
    ],
)
def test_duplicated_planted(text, expected, res):
    assert excerpts("wording.duplicated", text, res) == expected


@pytest.mark.parametrize(
    "text",
    [
        "常常 天天 看看 试试 渐渐 人人 个个 家家户户 多多 谢谢 的的确确",
        "明明 刚刚 慢慢 轻轻 层层 步步 年年 处处 一一 重重",
        "实实在在 清清楚楚 来来往往 团团圆圆 年年有余 切切实实 角角落落",
        "一个个 一次次 一批批 一项项 一盏盏 一串串 一步步",
        "件件有回应、事事有着落",
        "农户户均 石桥村村民 青溪市市长 党委委员 研究院院长 山区区县",
        "全警警务 农险险种 产品品质 近两年年均 化解解决 进行行政",
        "为了了解 除了了解 现在在家 目的的 参与与监督 温和和善 土地地价",
        "不了了之 小时了了 受不了了 少不了了",
        "沉甸甸 绿油油 亮晶晶 红彤彤 热乎乎 孤零零 静悄悄 金灿灿 冰墩墩",
        "王楠楠 李婷婷 张丽丽 杉杉新材料 当当网",
        "井井有条 津津有味 蒸蒸日上 欣欣向荣 源源不断 久久为功 美美与共 格格不入",
        "哈哈哈 呵呵 轰隆隆 嗡嗡 哗啦哗啦",
        "研究研究 讨论讨论 雪白雪白 恭喜恭喜 一步一步 一个一个",
        "“八八战略” “千千万”工程 “钉钉子”精神 吉尔吉斯斯坦 公安部部级",
    ],
)
def test_duplicated_traps(text, res):
    assert not hits("wording.duplicated", text, res), excerpts("wording.duplicated", text, res)


# -- stray_latin ------------------------------------------------------------------


def test_stray_latin_positions(res):
    assert excerpts("wording.stray_latin", "机构 and 高校", res) == [(" and ", "和")]
    assert excerpts("wording.stray_latin", "机构And高校", res) == [("And", "和")]
    assert excerpts("wording.stray_latin", "国家of人民", res) == [("of", None)]
    assert excerpts("wording.stray_latin", "甲\tor\t乙", res) == [("\tor\t", "或")]
    for text in (
        "and高校",  # nothing Chinese on the left
        "高校 and",
        "University and College",
        "研究机构 AND 高校",
        "研究机构、and、高校",
        "“and”是连词",
        "电影《Gone with the Wind》",
        "B to B模式",
        "全力以赴all in新赛道",
        "维生素a和维生素b",
        "中国vs日本",
        "B站up主",
    ):
        assert not hits("wording.stray_latin", text, res), text


# -- jiezhi -----------------------------------------------------------------------


def test_jiezhi_positions(res):
    text = "截止目前，共有10家。数据截止2024年5月底。报名已于昨日截止，截止日期另行通知。截止到目前无变化。"
    got = excerpts("wording.jiezhi", text, res)
    assert got == [("截止", "截至"), ("截止", "截至")]
    assert [m.start() for m in re.finditer("截止(?=目前，|2024)", text)] == [
        h.start for h in hits("wording.jiezhi", text, res)
    ]


def test_jiezhi_blend_is_a_warning(res):
    found = hits("wording.jiezhi", "截止至发稿时", res)
    assert [(h.suggestion, h.severity) for h in found] == [("截至", "warning")]


def test_duplicated_hits_never_overlap():
    from editor_app.checks.resources import Resources
    from editor_app.checks.rules.wording.duplicated import find_duplicated

    hits = list(find_duplicated(ArticleContext(text="转贷转贷贷", resources=Resources())))
    assert hits and all(a.end <= b.start for a, b in zip(hits, hits[1:], strict=False))
