"""The checker: findings from hits, allowlist, de-duplication, fingerprints, failures, offsets."""

from __future__ import annotations

import logging
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor_app.checks.core import Hit, IssueExample, Rule
from editor_app.checks.engine import Checker
from editor_app.checks.examples import issue_from_example
from editor_app.checks.registry import Registry, build_registry
from editor_app.checks.resources import Resources

RES = Resources()
FULL = Checker(build_registry(), resources=RES)


def _rule(rule_id, func, severity="warning", scope="article"):
    return Rule(
        id=rule_id,
        category=rule_id.partition(".")[0],
        severity=severity,
        title="测试",
        explanation="依据：GB/T 15835-2011。",
        must_flag=("x",),
        must_pass=("y",),
        func=func,
        scope=scope,
    )


def _find_word(word, **kw):
    def func(ctx):
        for m in re.finditer(re.escape(word), ctx.text):
            yield Hit(m.start(), m.end(), f"发现{word}", **kw)

    return func


def test_finding_fields_come_from_rule_and_hit():
    r = _rule("wording.t", _find_word("好象", suggestion="好像"), severity="error")
    f = Checker(Registry(rules=[r]), resources=RES).check_article("他好象来了。")[0]
    assert (f.rule, f.category, f.severity, f.start, f.end, f.excerpt, f.suggestion) == (
        "wording.t",
        "wording",
        "error",
        1,
        3,
        "好象",
        "好像",
    )
    assert f.status == "open" and f.fingerprint and f.segment_key is None


def test_hit_severity_overrides_rule_default():
    r = _rule("wording.t", _find_word("好象", severity="info"), severity="error")
    assert Checker(Registry(rules=[r]), resources=RES).check_article("好象")[0].severity == "info"


def test_duplicates_are_dropped_and_findings_sorted():
    def func(ctx):
        yield Hit(5, 6, "b")
        yield Hit(0, 2, "a")
        yield Hit(0, 2, "a again")

    fs = Checker(Registry(rules=[_rule("number.t", func)]), resources=RES).check_article(
        "0123456789"
    )
    assert [(f.start, f.end, f.message) for f in fs] == [(0, 2, "a"), (5, 6, "b")]


def test_a_raising_rule_is_logged_and_the_run_goes_on(caplog):
    def boom(ctx):
        yield Hit(0, 1, "first")
        raise RuntimeError("bug in rule")

    good = _rule("wording.good", _find_word("甲"))
    checker = Checker(Registry(rules=[_rule("wording.bad", boom), good]), resources=RES)
    with caplog.at_level(logging.ERROR, logger="editor_app.checks"):
        fs = checker.check_article("甲乙")
    assert [f.rule for f in fs] == ["wording.good"]
    assert [(x.rule, "bug in rule" in x.error) for x in checker.failures] == [("wording.bad", True)]
    assert "wording.bad" in caplog.text
    checker.check_article("乙")  # failures are per run, not accumulated
    assert len(checker.failures) == 1


def test_invalid_spans_are_dropped():
    def func(ctx):
        yield Hit(-1, 2, "bad")
        yield Hit(3, 99, "bad")
        yield Hit(2, 1, "bad")
        yield Hit(1, 2, "good")

    fs = Checker(Registry(rules=[_rule("number.t", func)]), resources=RES).check_article("abc")
    assert [f.message for f in fs] == ["good"]


def test_allowlist_drops_hits_covering_the_word():
    r = _rule("script.t", _find_word("乾"))
    r2 = _rule("wording.t", _find_word("乾"))
    text = "宝鼎乾芯项目与乾坤"
    reg = Registry(rules=[r, r2])
    assert len(Checker(reg, resources=RES).check_article(text)) == 4
    # any rule
    fs = Checker(reg, resources=RES, allowlist=[("宝鼎乾芯", None)]).check_article(text)
    assert sorted((f.rule, f.start) for f in fs) == [("script.t", 7), ("wording.t", 7)]
    # one rule, one category
    fs = Checker(reg, resources=RES, allowlist=[("宝鼎乾芯", "script.t")]).check_article(text)
    assert sorted((f.rule, f.start) for f in fs) == [
        ("script.t", 7),
        ("wording.t", 2),
        ("wording.t", 7),
    ]
    fs = Checker(reg, resources=RES, allowlist=[("乾坤", "wording")]).check_article(text)
    assert sorted((f.rule, f.start) for f in fs) == [
        ("script.t", 2),
        ("script.t", 7),
        ("wording.t", 2),
    ]


FP_TEXT = (
    "第一段讲经济发展。今年全市新增企业3千家。\n"
    "第二段讲城市建设，城市面貌焕然一新。\n"
    "第三段又说，新增人才3千人，活动吸引3千人参加。"
)


def _fps(text):
    return {
        (f.rule, f.excerpt, f.fingerprint)
        for f in FULL.check_article(text)
        if f.rule.startswith("number.")
    }


def test_fingerprints_survive_edits_elsewhere():
    before = FULL.check_article(FP_TEXT)
    mixed = [f for f in before if f.rule == "number.mixed_numerals"]
    assert len(mixed) == 3
    assert len({f.fingerprint for f in mixed}) == 3
    edited = FP_TEXT.replace(
        "城市面貌焕然一新", "城乡面貌发生了历史性的巨大变化，群众获得感明显增强"
    )
    edited = "编者按：本文有删改。\n" + edited
    after = FULL.check_article(edited)
    assert {f.fingerprint for f in mixed} == {
        f.fingerprint for f in after if f.rule == "number.mixed_numerals"
    }


def test_fingerprint_changes_when_the_finding_itself_changes():
    a = {f.fingerprint for f in FULL.check_article(FP_TEXT) if f.rule == "number.mixed_numerals"}
    b = {
        f.fingerprint
        for f in FULL.check_article(FP_TEXT.replace("新增企业3千家", "新增企业5千家"))
        if f.rule == "number.mixed_numerals"
    }
    assert len(a & b) == 2


def test_identical_contexts_get_distinct_occurrence_fingerprints():
    text = "他好象来了。他好象来了。"
    r = _rule("wording.t", _find_word("好象"))
    fs = Checker(Registry(rules=[r]), resources=RES).check_article(text)
    assert len(fs) == 2 and fs[0].fingerprint != fs[1].fingerprint


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_text_gives_spans_inside_it(text):
    for f in FULL.check_article(text):
        assert 0 <= f.start <= f.end <= len(text)
        assert f.excerpt == text[f.start : f.end]
    assert FULL.failures == []


CHINESE_BITS = st.sampled_from(
    list(
        "、，。；：“”（）《》——～-0123456789一二三四五六七八九十百千万亿两零〇第是等和及与倍%年月日个项家人"
    )
    + ["增长", "从", "增至", "其中", "市委书记", "市长", "王建国", "约", "左右", "kv", "\n"]
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(CHINESE_BITS, max_size=80).map("".join))
def test_number_like_garbage_never_crashes(text):
    for f in FULL.check_article(text):
        assert 0 <= f.start <= f.end <= len(text)
    assert FULL.failures == []


def _issue():
    ex = IssueExample(
        articles={
            "第一篇": "活动吸引3千人参加。\n第二段没有问题。\n第三段：新增3千家企业。",
            "第二篇": "2023年全省快递业务量增长10%。",
            "第三篇": "2023年全省快递业务量增长12%。",
        },
        toc=[(2, "第一篇", ["林静"]), (4, "第二篇", ["周宁"]), (6, "第三篇", ["陈立"])],
    )
    return issue_from_example(ex)


def test_check_issue_runs_article_and_issue_rules_with_source_offsets():
    issue = _issue()
    fs = FULL.check_issue(issue)
    rules = {f.rule for f in fs}
    assert {"number.mixed_numerals", "number.cross_article"} <= rules
    for f in fs:
        assert f.segment_key is not None
        assert f.source_start is not None
        assert issue.source[f.source_start : f.source_end] == f.excerpt
    cross = [f for f in fs if f.rule == "number.cross_article"]
    assert [(f.excerpt, f.related[0].excerpt) for f in cross] == [("10%", "12%"), ("12%", "10%")]
    order = [s.id for s in issue.segments]
    assert [order.index(f.segment_key) for f in fs] == sorted(order.index(f.segment_key) for f in fs)


def test_check_issue_maps_edited_text_back_to_the_source():
    issue = _issue()
    art = issue.articles()[0]
    text = art.editable_text()[0]
    edited = "（编者按）" + text.replace("第二段没有问题。", "第二段改写了，新增一句话。")
    fs = [f for f in FULL.check_issue(issue, texts={art.id: edited}) if f.segment_key == art.id]
    mixed = [f for f in fs if f.rule == "number.mixed_numerals"]
    assert len(mixed) == 2
    for f in mixed:
        assert edited[f.start : f.end] == f.excerpt
        assert issue.source[f.source_start : f.source_end] == f.excerpt


def test_finding_in_inserted_text_has_no_source_offsets():
    issue = _issue()
    art = issue.articles()[0]
    edited = art.editable_text()[0] + "\n新增一段：再来5千人。"
    fs = [
        f
        for f in FULL.check_issue(issue, texts={art.id: edited})
        if f.rule == "number.mixed_numerals"
    ]
    new = [f for f in fs if f.excerpt == "5千"]
    assert new and new[0].source_start is None and new[0].source_end is None


def test_check_article_with_segment_fills_segment_and_source():
    issue = _issue()
    art = issue.articles()[0]
    fs = FULL.check_article(art.editable_text()[0], segment=art, issue=issue)
    assert fs and all(f.segment_key == art.id and f.source_start is not None for f in fs)


def test_issue_rule_hit_on_unknown_segment_is_dropped():
    def func(ctx):
        yield Hit(0, 0, "nowhere", segment_id="s99")
        yield Hit(0, 1, "ok", segment_id=ctx.issue.articles()[0].id)

    checker = Checker(Registry(rules=[_rule("consistency.t", func, scope="issue")]), resources=RES)
    fs = checker.check_issue(_issue())
    assert [f.message for f in fs] == ["ok"]


ISSUE_BITS = st.sampled_from(
    [
        "2023年",
        "全省",
        "嘉兴市",
        "快递业务量",
        "增长",
        "10%",
        "12%",
        "达",
        "亿元",
        "，",
        "。",
        "\n",
        "“",
        "”",
        "腾笼换鸟",
        "腾笼换岛",
        "市委书记",
        "市长",
        "王建国",
        "李为民",
        "中共",
        "委 ",
        "人民政府",
        "某市",
        "、",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.lists(ISSUE_BITS, max_size=60).map("".join), min_size=1, max_size=4),
    st.lists(st.text(alphabet="“”『』甲乙丙 ", min_size=1, max_size=8), max_size=4),
)
def test_issue_rules_never_crash_and_spans_stay_inside(bodies, extra_titles):
    titles = [f"文章{i}" for i in range(len(bodies))]
    toc = [(2 * i + 1, t, ["林静"]) for i, t in enumerate(titles)]
    toc += [(30 + i, t, ["周 宁"]) for i, t in enumerate(extra_titles)]
    ex = IssueExample(
        articles=dict(zip(titles, bodies, strict=True)),
        toc=toc,
        titles={titles[0]: "".join(extra_titles) or titles[0]},
        others=[("sponsored", "\n".join(bodies))],
    )
    issue = issue_from_example(ex)
    fs = FULL.check_issue(issue)
    assert FULL.failures == []
    for f in fs:
        seg = issue.segment(f.segment_key)
        assert seg is not None
        if f.source_start is not None:
            assert issue.source[f.source_start : f.source_end] == f.excerpt


def test_one_rule_reports_at_most_a_cap_then_one_summary():
    """Pathological text cannot flood the library: after MAX_FINDINGS_PER_RULE findings of
    one rule in one text comes one summary finding (info)."""
    from editor_app.checks.engine import MAX_FINDINGS_PER_RULE

    consumed = []

    def every_char(ctx):
        for i in range(len(ctx.text)):
            consumed.append(i)
            yield Hit(i, i + 1, "每个字")

    text = "字" * (MAX_FINDINGS_PER_RULE * 3)
    found = Checker(Registry(rules=[_rule("wording.flood", every_char)]), resources=RES).check_article(text)
    assert len(found) == MAX_FINDINGS_PER_RULE + 1
    summary = found[-1]
    assert summary.severity == "info" and summary.start == summary.end == MAX_FINDINGS_PER_RULE
    assert str(MAX_FINDINGS_PER_RULE) in summary.message and consumed


def test_typo_detection_on_a_book_length_text_is_bounded_and_says_so():
    from editor_app.checks.rules.wording.typo import MAX_TYPO_CHARS

    para = "东越市持续推进营商环境优化，今年前三季度新设经营主体同比增长。"
    text = "\n".join([para] * (MAX_TYPO_CHARS // len(para) + 50))
    reg = build_registry()
    only = Registry(rules=[reg.get("wording.typo")])
    found = Checker(only, resources=RES).check_article(text)
    notes = [f for f in found if "只查了前" in f.message]
    assert len(notes) == 1 and notes[0].severity == "info" and notes[0].start <= MAX_TYPO_CHARS
