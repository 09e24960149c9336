"""Script rules: examples of each rule, planted problems in new positions,
and the behaviour the engine relies on (spans, suggestions)."""

from __future__ import annotations

import pytest

from editor_app.checks.resources import Resources
from editor_app.checks.rules.script import context, rare, traditional, variants
from tests.checks.rulekit import declared_examples, rule_table
from tests.checks.rulekit import hits as _hits

RULES = rule_table(traditional, variants, rare, context)


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources()


def hits(rule_id: str, text: str, res: Resources):
    return _hits(RULES, rule_id, text, res, suggestion_differs=False)


def excerpts(rule_id: str, text: str, res: Resources) -> list[tuple[str, str | None]]:
    return [(text[h.start : h.end], h.suggestion) for h in hits(rule_id, text, res)]


EXAMPLES = declared_examples(RULES)


@pytest.mark.parametrize(("rule_id", "text", "flag"), EXAMPLES)
def test_declared_examples(rule_id, text, flag, res):
    found = hits(rule_id, text, res)
    assert bool(found) == flag, [(text[h.start : h.end], h.message) for h in found]


def test_rules_are_declared_as_briefed():
    assert RULES["script.traditional"].severity == "error"
    assert RULES["script.traditional"].bulk_fixable
    assert RULES["script.variant_reading"].severity == "info"
    assert RULES["script.rare_char"].severity == "info"
    for rule in RULES.values():
        assert rule.category == "script"
        assert rule.must_flag and rule.must_pass
        assert "通用规范汉字表" in rule.explanation


# -- script.traditional ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("天才漫畫", [("漫畫", "漫画")]),
        ("推动經濟發展", [("經濟發展", "经济发展")]),
        ("加强國際合作", [("國際", "国际")]),
        ("在國際上", [("國際", "国际")]),
        ("非遗傳承", [("傳承", "传承")]),
        ("乾淨衛生", [("乾淨衛生", "干净卫生")]),
    ],
)
def test_traditional_groups_whole_words(text, expected, res):
    assert excerpts("script.traditional", text, res) == expected


def test_traditional_suggestion_is_t2s_of_the_excerpt(res):
    text = "本期聚焦：這是一個很好的機會，讓我們共同開創美好未來。繁體字夾在簡體中。"
    found = hits("script.traditional", text, res)
    assert len(found) >= 5
    for h in found:
        assert h.suggestion == res.convert("t2s", text[h.start : h.end])
    # applying every suggestion leaves no class-1 character
    fixed = text
    for h in sorted(found, key=lambda h: h.start, reverse=True):
        fixed = fixed[: h.start] + h.suggestion + fixed[h.end :]
    assert not hits("script.traditional", fixed, res)
    assert "这是一个很好的机会" in fixed


def test_traditional_in_other_positions(res):
    # at the start, at the end, between punctuation, next to Latin and digits
    assert excerpts("script.traditional", "體育强省", res)[0][1].startswith("体")
    assert excerpts("script.traditional", "建设文化強國", res) == [("強國", "强国")]
    assert excerpts("script.traditional", "“數字”赋能", res) == [("數字", "数字")]
    assert excerpts("script.traditional", "5G網絡", res) == [("網絡", "网络")]


def test_traditional_leaves_standard_and_rare_characters(res):
    for text in ("宝鼎乾芯", "於潜镇", "冰析灂", "蒜薹", "GDP增长6%,达到1,258家", "😀①Ⅱ"):
        assert not hits("script.traditional", text, res), text


# -- script.variant_reading -----------------------------------------------------------


def test_variant_never_suggests(res):
    for text in ("他昇任局长", "祖传祕方", "合夥人", "他坐著不动"):
        found = hits("script.variant_reading", text, res)
        assert found and all(h.suggestion is None for h in found), text


@pytest.mark.parametrize(
    ("text", "excerpt", "suggestion"),
    [
        ("衣服晒乾了", "晒乾", "晒干"),
        ("时代特徵", "特徵", "特征"),
        ("合夥经营", "合夥", "合伙"),
        ("随著发展", "随著", "随着"),
        ("天乾物燥，小心火烛", "天乾物燥", "天干物燥"),
        ("乾净整洁的村庄", "乾净", "干净"),
        ("於是大家都同意了", "於是", "于是"),
        ("看著孩子们长大", "看著", "看着"),
        ("沿著河道前行", "沿著", "沿着"),
        ("跟著党走", "跟著", "跟着"),
    ],
)
def test_certain_contexts_go_to_context_form_with_the_word(text, excerpt, suggestion, res):
    # where OpenCC's phrase data makes the word certain, script.context_form suggests it
    # and script.variant_reading (no suggestion) stays silent
    assert [(text[h.start : h.end], h.suggestion) for h in hits("script.context_form", text, res)] == [
        (excerpt, suggestion)
    ]
    assert not hits("script.variant_reading", text, res)


@pytest.mark.parametrize(
    "text",
    [
        "宝鼎乾芯一期项目",
        "明湖乾芯微电子有限公司",
        "盛于乾隆年间",
        "朗朗乾坤",
        "哪吒闹海",
        "宫商角徵羽",
        "蒜薹炒肉",
        "於潜镇",
        "扞格不入",
        "束脩",
        "怎么办",
        "什么",
        "著名作家",
        "显著提升",
        "学术著作",
        "医药巨著",
        "向著名专家请教",
        "他有著作十余部",
        "土著居民",
    ],
)
def test_variant_traps(text, res):
    assert not hits("script.variant_reading", text, res)


@pytest.mark.parametrize(
    ("text", "char"),
    [
        ("合夥人", "夥"),
        ("人员升迁：他被昇任为处长", "昇"),
        ("本著实事求是的原则", "著"),
    ],
)
def test_variant_reports_doubtful_readings(text, char, res):
    found = hits("script.variant_reading", text, res)
    assert [text[h.start : h.end] for h in found] == [char]


def test_variant_left_to_traditional_inside_a_traditional_passage(res):
    # 關於: 於 touches the traditional 關; script.traditional converts both
    assert not hits("script.variant_reading", "關於本次會議", res)
    assert ("關於", "关于") in excerpts("script.traditional", "關於本次會議", res)


# -- script.rare_char -------------------------------------------------------------


def test_rare_only_ideographs(res):
    text = "ABC abc 123 １２３ ①②③ Ⅱ Ⅲ ■●☺🌀🌟😀 ，。、“”《》——……·"
    assert not hits("script.rare_char", text, res)


def test_rare_reports_class_three_in_any_position(res):
    for text in ("灂", "冰析灂。", "灂水", "他叫王𠀾"):
        found = hits("script.rare_char", text, res)
        assert found and all(h.suggestion is None and h.severity is None for h in found), text


def test_rare_lookalikes_get_a_suggestion(res):
    text = "⼯作⼈员和\uf900"  # Kangxi radicals 工 人, compatibility ideograph 豈
    found = hits("script.rare_char", text, res)
    got = {(text[h.start : h.end], h.suggestion, h.severity) for h in found}
    assert ("⼯", "工", "error") in got
    assert ("⼈", "人", "error") in got
    assert all(len(h.suggestion or "x") == 1 for h in found)


def test_rare_and_traditional_partition_nonstandard(res):
    text = "天才漫畫與冰析灂"
    trad = {text[h.start : h.end] for h in hits("script.traditional", text, res)}
    rare_ = {text[h.start : h.end] for h in hits("script.rare_char", text, res)}
    assert "灂" in rare_ and not any("灂" in t for t in trad)
    assert any("畫" in t for t in trad) and "畫" not in rare_
