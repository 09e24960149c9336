"""consistency.* rules on small issues of our own."""

from __future__ import annotations

from editor_app.checks.core import IssueExample
from editor_app.checks.engine import Checker
from editor_app.checks.examples import issue_from_example
from editor_app.checks.registry import Registry, build_registry
from editor_app.checks.resources import Resources

REG = build_registry()
RES = Resources()


def run(rule_id, issue, texts=None):
    checker = Checker(Registry(rules=[REG[rule_id]]), resources=RES)
    fs = checker.check_issue(issue, texts)
    assert not checker.failures
    return fs


BODY = "全市上下奋发有为。\n各项工作扎实推进。"


def five_articles(**kw):
    titles = [
        "春耕备耕正当时",
        "“数字乡村”开新局",
        "绿水青山就是金山银山",
        "让群众少跑腿",
        "山海协作结硕果",
    ]
    authors = [["林静"], ["周宁", "陈立"], ["本刊记者 马宁"], ["何 敏"], ["吴启明"]]
    toc = [(4 + 2 * i, t, a) for i, (t, a) in enumerate(zip(titles, authors, strict=True))]
    return IssueExample(articles={t: BODY for t in titles}, toc=toc, **kw)


def test_clean_issue_has_no_toc_findings():
    issue = issue_from_example(
        five_articles(bylines={"绿水青山就是金山银山": ["马宁"], "让群众少跑腿": ["何敏"]})
    )
    for rid in ("consistency.toc_title", "consistency.toc_author", "consistency.toc_pages"):
        assert run(rid, issue) == [], rid


def test_title_mismatch_in_the_middle_points_at_the_toc_line():
    issue = issue_from_example(
        five_articles(titles={"绿水青山就是金山银山": "绿水青山就是金山宝山"})
    )
    fs = run("consistency.toc_title", issue)
    assert len(fs) == 1
    f = fs[0]
    toc_seg = next(s for s in issue.segments if s.kind == "toc")
    art = next(s for s in issue.articles() if s.title == "绿水青山就是金山宝山")
    assert f.segment_key == toc_seg.id and f.excerpt == "绿水青山就是金山银山"
    assert f.related[0].segment.key == art.id
    assert "银" in f.message and "宝" in f.message
    assert issue.source[f.source_start : f.source_end] == "绿水青山就是金山银山"


def test_title_with_kicker_and_subtitle_is_not_a_mismatch():
    issue = issue_from_example(five_articles())
    art = issue.articles()[0]
    art.kicker, art.title = "春耕", "备耕正当时"
    issue.toc[0].title = "春耕：备耕正当时"
    assert run("consistency.toc_title", issue) == []
    art.kicker, art.title, art.subtitle = "", "春耕备耕", "——正当时"
    issue.toc[0].title = "春耕备耕正当时"
    assert run("consistency.toc_title", issue) == []


def test_author_one_character_apart_is_an_error_on_the_toc_name():
    issue = issue_from_example(five_articles(bylines={"“数字乡村”开新局": ["周宁", "陈力"]}))
    fs = run("consistency.toc_author", issue)
    assert [(f.excerpt, f.severity) for f in fs] == [("陈立", "error")]
    assert "陈力" in fs[0].message


def test_byline_with_extra_author():
    issue = issue_from_example(five_articles(bylines={"山海协作结硕果": ["吴启明", "郑凯"]}))
    fs = run("consistency.toc_author", issue)
    assert len(fs) == 1 and "郑凯" in fs[0].message and fs[0].severity == "warning"


def test_toc_findings_fall_back_to_the_article_without_a_toc_segment():
    issue = issue_from_example(five_articles(titles={"让群众少跑腿": "让群众少跑路"}))
    issue.segments = [s for s in issue.segments if s.kind != "toc"]
    fs = run("consistency.toc_title", issue)
    assert len(fs) == 1
    art = next(s for s in issue.articles() if s.title == "让群众少跑路")
    assert (fs[0].segment_key, fs[0].start, fs[0].end) == (art.id, 0, 0)


def test_edited_toc_text_still_locates_the_entry():
    issue = issue_from_example(five_articles(titles={"让群众少跑腿": "让群众少跑路"}))
    toc_seg = next(s for s in issue.segments if s.kind == "toc")
    edited = "（目录已校）\n" + toc_seg.editable_text()[0]
    fs = run("consistency.toc_title", issue, texts={toc_seg.id: edited})
    assert len(fs) == 1 and fs[0].excerpt == "让群众少跑腿" and fs[0].segment_key == toc_seg.id
    assert edited[fs[0].start : fs[0].end] == "让群众少跑腿"


def test_pages_out_of_order_and_missing_article():
    ex = five_articles()
    ex.toc[3] = (5, ex.toc[3][1], ex.toc[3][2])
    ex.toc.append((20, "编后记", ["编辑部"]))
    fs = run("consistency.toc_pages", issue_from_example(ex))
    msgs = [f.message for f in fs]
    assert len(fs) == 2
    assert any("顺序颠倒" in m and "第5页" in m for m in msgs)
    assert any("找不到对应文章" in m and "编后记" in m for m in msgs)


def test_term_variant_across_articles_and_toc():
    ex = IssueExample(
        articles={
            "甲": "全力打造“共富工坊”升级版。",
            "乙": "各地“共富工坊”遍地开花，“共富工坊”带动增收。",
            "丙": "村里新建了一家“共富工房”，吸纳就业。",
        },
        toc=[(2, "甲", ["林静"]), (4, "乙", ["周宁"]), (6, "丙", ["陈立"])],
        others=[("cover", "“共富工坊”在行动")],
    )
    issue = issue_from_example(ex)
    fs = run("consistency.term_variant", issue)
    assert [(f.excerpt, f.suggestion) for f in fs] == [("共富工房", "共富工坊")]
    assert fs[0].segment_key == issue.articles()[2].id
    assert len(fs[0].related) == 3


def test_term_variant_ignores_variant_used_as_often():
    ex = IssueExample(
        articles={
            "甲": "推进“最多跑一次”改革。“最多跑一次”成效显著。",
            "乙": "从“最多跑一次”到“最多跑一地”。",
            "丙": "“最多跑一地”覆盖全省，“最多跑一地”深入人心。",
        }
    )
    assert run("consistency.term_variant", issue_from_example(ex)) == []


def test_person_title_conflict_in_long_texts():
    ex = IssueExample(
        articles={
            "甲": "近日，湖州市委书记陈志刚一行到企业调研。\n他强调，要优化营商环境。",
            "乙": "活动现场，湖州市长陈志刚为企业代表颁奖。",
            "丙": "湖州市副市长陈志刚主持会议。",
        }
    )
    fs = run("consistency.person_title", issue_from_example(ex))
    assert len(fs) == 1 and fs[0].excerpt == "市长陈志刚"
    assert "市委书记" in fs[0].message


SPONSORED = (
    "协办单位\n"
    "中共龙湾区委 龙湾区人民政府\n中共瓯海区委 瓯海区人民政府\n\n"
    "中共洞头区委 洞头区人民政府\n中共永嘉县委 永嘉县政府\n中共平阳县委 平阳县人民政府\n"
    "中共苍南县委 苍南县人民政府\n中共泰顺县委 泰顺县人民政府\n"
    "某某商业银行股份有限公司\n"
)


def test_list_pattern_in_a_sponsored_segment_with_blank_lines():
    ex = IssueExample(articles={"正文": BODY}, others=[("sponsored", SPONSORED)])
    issue = issue_from_example(ex)
    fs = run("consistency.list_pattern", issue)
    assert [(f.excerpt, f.suggestion) for f in fs] == [("永嘉县政府", "永嘉县人民政府")]
    seg = issue.segment(fs[0].segment_key)
    assert seg.kind == "sponsored"
    assert issue.source[fs[0].source_start : fs[0].source_end] == "永嘉县政府"


def test_list_pattern_needs_a_clear_majority():
    lines = "\n".join(
        ["甲单位 乙部门", "丙公司 丁部门", "戊中心 己部门", "庚单位 辛处", "壬公司 癸科"]
    )
    ex = IssueExample(articles={"正文": BODY}, others=[("toc", lines)])
    assert run("consistency.list_pattern", issue_from_example(ex)) == []
