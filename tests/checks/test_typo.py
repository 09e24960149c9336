"""wording.typo and wording.de_particle: the detector's parts, and the sample issue.

The rules' must-flag and must-pass examples run in test_rule_examples.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from editor_app.checks import Checker, Registry, Resources, build_registry
from editor_app.checks.core import ArticleContext
from editor_app.checks.rules.wording import typo
from editor_app.checks.rules.wording._typo_filters import _parallel
from editor_app.checks.rules.wording._typo_model import typo_model

GOLDEN = Path(__file__).with_name("golden_sample_typo.tsv")


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources()


@pytest.fixture(scope="module")
def model(res):
    return typo_model(res)


def _typos(text: str, res, issue=None) -> list[tuple[str, str]]:
    ctx = ArticleContext(text=text, resources=res, issue=issue)
    return [(text[h.start : h.end], h.suggestion) for h in typo.find_typos(ctx)]


def _de(text: str, res) -> list[tuple[int, str]]:
    ctx = ArticleContext(text=text, resources=res)
    return [(h.start, h.suggestion) for h in typo.find_de(ctx)]


def test_a_slip_gets_its_correction(res):
    assert _typos("今年以来，全市工业产值特续增长。", res) == [("特", "持")]
    assert _typos("会议审议了园区发展总休方案。", res) == [("休", "体")]


def test_two_adjacent_slips_are_found_together(model):
    found = model.detect("他喜欢打蓝求。", 0.0)
    assert {(c.wrong, c.right) for c in found if c.pair} == {("蓝", "篮"), ("求", "球")}


def test_a_string_that_recurs_is_not_a_slip(res):
    one = "今年以来，全市工业产值特续增长。"
    assert _typos(one, res)
    assert _typos(one + "服务业产值特续增长。", res) == []


def test_the_issue_text_counts_for_recurrence(res):
    class _Issue:
        source = "特续增长……特续增长"

    assert _typos("今年以来，全市工业产值特续增长。", res, _Issue()) == []


def test_quotations_and_titles_are_not_checked(res):
    assert _typos("工业产值“特续增长”。", res) == []
    assert _typos("他写了《特续增长论》。", res) == []


def test_names_places_and_units_are_not_checked(res):
    assert _typos("出席会议的有：　王正伟　李屹　何维", res) == []
    assert _typos("出席会议的有：　王正伟　傅华　何维", res) == []  # 傅 (赴华)
    assert _typos("国务院副总理张国清主持会议。", res) == []
    assert _typos("中方愿同柬方一道推进合作。", res) == []
    assert _typos("完成69.1亿件，同比增长。", res) == []


def test_a_series_of_four_character_phrases_is_left_alone(model):
    assert [c.wrong for c in model.detect("聚链成群。", 6.0)] == ["链"]
    assert model.detect("串联成链、聚链成群。", 6.0) == []


def test_parallel_coined_terms_are_left_alone():
    text = "推动廉政建设联抓、信息资源联享、开放服务联攻。"
    k = text.index("信息资源联享")
    assert _parallel(text, k, "信息资源联享", 5)
    assert not _parallel("信息资源联享。", 0, "信息资源联享", 5)


def test_de_particle_patterns(res):
    assert _de("他们慢慢的走进展厅。", res) == [(4, "地")]
    assert _de("高高兴兴的走进教室。", res) == [(4, "地")]
    assert _de("队员们跑的很快。", res) == [(4, "得")]
    assert _de("这件事值的我们深思。", res) == [(4, "得")]
    assert _de("我真得很高兴。", res) == [(2, "的")]
    assert _de("新厂房比旧厂房宽敞的多。", res) == [(9, "得")]


def test_de_particle_traps(res):
    for text in (
        "产业增加值的46.2%来自制造业。",  # 增加值 + 的
        "这是一次难得的机会。",  # 难得
        "我们获得的支持很多。",  # 获得 + 的
        "开展认真的工作总结。",  # a noun phrase after a light verb
        "任何单位不得违规收费。",  # 不得
        "我买的很多东西都很便宜。",  # 很多 + a noun
        "目前问题已经得到解决。",  # 得到
        "大家共同的努力带来了变化。",
    ):
        assert _de(text, res) == [], text


def _golden() -> set[tuple[str, str, str, str]]:
    rows = set()
    for line in GOLDEN.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rule, excerpt, suggestion, severity, _ = line.split("\t")
        rows.add((rule, excerpt, suggestion, severity))
    return rows


@pytest.mark.sample
def test_sample_findings_are_the_reviewed_ones(sample_issue, res):
    reg = build_registry()
    rules = [r for r in reg.rules if r.id in ("wording.typo", "wording.de_particle")]
    checker = Checker(Registry(rules=rules), resources=res)
    got = {
        (f.rule, f.excerpt, f.suggestion or "", f.severity)
        for f in checker.check_issue(sample_issue)
    }
    golden = _golden()
    assert got == golden, {"new (review them)": got - golden, "lost": golden - got}
    assert all(sev == "info" or "false alarm" not in row for *_, sev, row in _golden_rows())


def _golden_rows():
    for line in GOLDEN.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rule, excerpt, suggestion, severity, judgement = line.split("\t")
            yield rule, excerpt, suggestion, severity, judgement


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("乌克兰别尔哥罗德州遭到袭击。", "尔"),  # a transliterated name (尔 -> 二哥)
        ("合作社负责人王添柱告诉记者，今年收成不错。", "添"),  # a speaker's name
        ("华誉精密、巨合新能源等7个项目开工。", "巨"),  # a company named by its trade
        ("项目位于西屏街道北山村。", "屏"),  # a subdistrict
        ("来自印度的商人毕需达说，生意不错。", "毕"),  # a name starting at the place
    ],
)
def test_names_companies_and_subdistricts_are_left_alone(model, text, wrong):
    from editor_app.checks.rules.script._zh import HAN_RUN_RE

    scored = [c.wrong for m in HAN_RUN_RE.finditer(text) for c in model.run_candidates(m.group())]
    assert wrong in scored  # the word model alone would suggest a change here ...
    assert wrong not in {c.wrong for c in model.detect(text, 6.0)}  # ... the context says no


def test_current_words_from_wordfreq_are_known(model):
    # 驻村 and 防控 are not in jieba's list; wordfreq's Chinese list has them
    assert model.words.get("驻村", -1) >= 0 and "驻村" in model.borrowed
    assert model.detect("选派干部驻村开展帮扶，做好疫情防控。", 6.0) == []


def test_a_slip_inside_ordinary_words_that_makes_a_longer_word(res):
    # 懂事 is a word, 懂事长 is not; 董事长 is: the place is inside a word yet a slip
    assert _typos("会议由懂事长主持。", res) == [("懂", "董")]
    assert _typos("中央整治局召开会议。", res) == [("整", "政")]
    assert _typos("他当选为公司董事长。", res) == []
    assert _typos("开展环境整治工作。", res) == []
