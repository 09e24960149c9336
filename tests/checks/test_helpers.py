"""Helpers of the engine: numerals, alignment, bracket masking, example issues."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from editor_app.checks.align import TextAlignment
from editor_app.checks.core import IssueExample
from editor_app.checks.examples import issue_from_example
from editor_app.checks.numerals import (
    cn_digit_string,
    cn_to_int,
    half_unit,
    int_to_cn,
    parse_int,
    same_style,
)
from editor_app.checks.textutil import bracket_spans, masked, sentence_bounds, to_halfwidth


def test_chinese_numerals():
    cases = {
        "一": 1,
        "十": 10,
        "十二": 12,
        "二十": 20,
        "一百零五": 105,
        "两千": 2000,
        "三千零五十二": 3052,
        "三万五千": 35000,
        "十二亿": 1_200_000_000,
        "一十": 10,
    }
    for s, v in cases.items():
        assert cn_to_int(s) == v, s
    for bad in ("三五", "二三十", "十几", "百", "", "亿"):
        assert cn_to_int(bad) is None, bad
    assert cn_digit_string("二〇二四") == 2024 and cn_digit_string("两〇") is None
    assert parse_int("12") == 12 and parse_int("四") == 4
    assert [int_to_cn(n) for n in (2, 10, 11, 20, 105, 110)] == [
        "二",
        "十",
        "十一",
        "二十",
        "一百零五",
        "一百一十",
    ]
    assert (
        same_style("两", 2) == "两" and same_style("3", 4) == "4" and same_style("三", 12) == "十二"
    )
    assert half_unit("12") == 0.5 and half_unit("1.25") == 0.005


@given(st.integers(min_value=1, max_value=9999))
def test_int_to_cn_round_trips(n):
    assert cn_to_int(int_to_cn(n)) == n


def test_alignment_maps_unchanged_spans_only():
    orig = "第一段文字。\n第二段有3千人。\n第三段。"
    cur = "前言。\n第一段文字。\n第二段改了，有3千人。\n第三段。"
    al = TextAlignment(cur, orig)
    i = cur.index("3千")
    assert al.span_to_original(i, i + 2) == (orig.index("3千"), orig.index("3千") + 2)
    j = cur.index("改了")
    assert al.span_to_original(j, j + 2) is None
    assert al.span_to_original(0, 3) is None
    assert TextAlignment(orig, orig).span_to_original(3, 5) == (3, 5)


@settings(max_examples=100, deadline=None)
@given(
    st.text(alphabet="甲乙丙丁\n，。12", max_size=60),
    st.text(alphabet="甲乙丙丁\n，。12", max_size=60),
)
def test_alignment_never_lies(cur, orig):
    al = TextAlignment(cur, orig)
    for s in range(len(cur)):
        for e in (s, s + 1, s + 3):
            if e > len(cur):
                continue
            m = al.span_to_original(s, e)
            if m is not None:
                assert orig[m[0] : m[1]] == cur[s:e]


def test_masking_keeps_length_and_hides_bracket_content():
    t = "推出A、开展“百千万”服务(每月走访,联系)、设立基金等三项。\n“未闭合引号，后文"
    m = masked(t)
    assert len(m) == len(t)
    assert "走访" not in m and "百千万" not in m and "未闭合引号" in m
    assert m.count("、") == 2
    assert [t[o] for o, c, op in bracket_spans(t)] == ["“", "("]


def test_sentence_bounds_and_width():
    t = "第一句。第二句有数字！第三句"
    assert t[slice(*sentence_bounds(t, 6))] == "第二句有数字！"
    assert to_halfwidth("１２．８％ＡＢ") == "12.8%AB"


def test_example_issue_partitions_its_source():
    ex = IssueExample(
        articles={"甲": "第一段。\n第二段。", "乙": "正文。"},
        toc=[(2, "甲", ["林静"]), (4, "乙", ["周宁"]), (6, "丙", ["陈立"])],
        bylines={"乙": ["周 宁"]},
        titles={"甲": "甲文"},
        others=[("sponsored", "中共某市委 某市人民政府")],
    )
    issue = issue_from_example(ex)
    pos = 0
    for seg in issue.segments:
        assert seg.source_start == pos
        pos = seg.source_end
    assert pos == len(issue.source)
    arts = issue.articles()
    assert [a.title for a in arts] == ["甲文", "乙"]
    assert arts[1].authors == ["周 宁"] and arts[0].authors == ["林静"]
    assert [e.article_id for e in issue.toc] == [arts[0].id, arts[1].id, None]
    text, omap = arts[0].editable_text()
    assert text == "第一段。\n第二段。"
    s, e = omap.span_to_source(0, len(text))
    assert issue.source[s:e] == "第一段。\n第二段。"
    for entry in issue.toc:
        assert issue.source[entry.source_start : entry.source_end].startswith(
            f"{entry.page:02d} {entry.title}"
        )
