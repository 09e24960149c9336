"""consistency.person_post, consistency.house_formulation and the script rules with the
house lexicon and earlier posts (LibraryFacts), on sentences of our own writing."""

from __future__ import annotations

import pytest

from editor_app.checks.core import (
    NO_LIBRARY_FACTS,
    ArticleContext,
    IssueContext,
    IssueExample,
    LibraryFacts,
)
from editor_app.checks.examples import issue_from_example
from editor_app.checks.lexicon import LexiconItem, PostFact, protected_spans
from editor_app.checks.resources import Resources
from editor_app.checks.rules.consistency import formulation, posts
from editor_app.checks.rules.script import context, traditional, variants


@pytest.fixture(scope="module")
def res():
    return Resources()


def _issue_hits(module, texts, res, library=NO_LIBRARY_FACTS):
    issue = issue_from_example(IssueExample(articles={f"第{i + 1}篇": t for i, t in enumerate(texts)}))
    from editor_app.checks.segments import segment_text

    arts = {s.id: segment_text(issue, s)[0] for s in issue.segments if s.kind == "article"}
    ctx = IssueContext(issue=issue, texts=arts, resources=res, library=library)
    return [(ctx.text_of(h.segment_id)[h.start : h.end], h.severity, h.message, h.related)
            for h in module.RULES[0].func(ctx)]


@pytest.mark.parametrize(
    "texts",
    [
        ("市委常委、副市长周明远出席。", "市长周明远致辞。"),
        ("县委书记吴立新到村里调研。", "县委副书记吴立新介绍了情况。"),
        ("东越集团董事长许光明表示。", "东越集团副董事长许光明说。"),
        ("市发改委副主任郑和平介绍。", "市发改委主任郑和平强调。"),
    ],
)
def test_two_posts_of_one_person_are_a_warning_with_the_other_place(texts, res):
    found = _issue_hits(posts, texts, res)
    assert len(found) == 1
    excerpt, severity, message, related = found[0]
    assert severity is None and related  # the rule's warning; the first place is related
    assert excerpt in texts[1] and "前文称" in message


@pytest.mark.parametrize(
    "texts",
    [
        ("原副市长周明远现已退休。", "市长周明远表示。"),
        ("前任副市长周明远参加了座谈。", "市长周明远表示。"),
        ("历任副县长、县长的吴立新说。", "县委书记吴立新强调。"),
        ("市长周明远表示。", "副市长周明辉介绍。"),  # same surname, two people
        ("省委常委、宣传部部长郑和平出席会议。", "宣传部部长郑和平讲话。", "省委常委郑和平强调。"),
        ("省委副书记、省长钱江南作报告。", "省长钱江南指出。", "省委副书记钱江南说。"),
        ("《副市长周明远》是一部纪录片。", "市长周明远表示。"),
        ("大家叫他“副市长周明远”。", "市长周明远表示。"),
        ("市发改委副主任郑和平介绍。", "市政府办公室主任郑和平说。"),  # other organisations: 兼任 possible
        ("代市长周明远主持会议。", "市长周明远表示。"),  # acting, then confirmed
        ("会议听取了市长周明远的报告。", "嘉兴市市长周明远表示。"),
    ],
)
def test_must_pass(texts, res):
    assert _issue_hits(posts, texts, res) == []


def test_earlier_issue_is_info_naming_it_and_lexicon_is_warning(res):
    earlier = LibraryFacts(posts=(PostFact("周明远", "丽水市副市长", "丽水市", "副市长", 3, "2024年第9期"),))
    found = _issue_hits(posts, ["丽水市市长周明远致辞。"], res, earlier)
    assert [(e, s) for e, s, _m, _r in found] == [("丽水市市长周明远", "info")]
    assert "2024年第9期" in found[0][2] and "丽水市副市长" in found[0][2]
    # the same post, or another post held at once: nothing
    assert _issue_hits(posts, ["副市长周明远致辞。"], res, earlier) == []
    assert _issue_hits(posts, ["市委常委周明远致辞。"], res, earlier) == []
    lex = LibraryFacts(lexicon=(LexiconItem("person", "周明远", "丽水市副市长"),))
    found = _issue_hits(posts, ["丽水市市长周明远致辞。"], res, lex)
    assert [(e, s) for e, s, _m, _r in found] == [("丽水市市长周明远", "warning")]
    # a lexicon name the surname list lacks is read too
    lex = LibraryFacts(lexicon=(LexiconItem("person", "阿依古丽", "副县长"),))
    found = _issue_hits(posts, ["县长阿依古丽表示，要抓好春耕。"], res, lex)
    assert [s for _e, s, _m, _r in found] == ["warning"]


def test_post_parsing(res):
    p = posts.parse_post("嘉兴市副市长", res)
    assert (p.org, p.head, p.family, p.deputy) == ("嘉兴市", "副市长", "市长", True)
    assert posts.parse_post("东越省委常务副书记", res).head == "常务副书记"
    assert posts.parse_post("教授", res) is None
    heads = posts._heads(res)
    P = posts.Post
    assert posts.post_conflict(P("湖州市委", "书记"), P("丽水市委", "书记"), heads)
    assert posts.post_conflict(P("嘉兴市委", "书记"), P("嘉兴市", "市长"), heads)
    assert not posts.post_conflict(P("省委", "常委"), P("市委", "常委"), heads)  # membership
    assert not posts.post_conflict(P("发改委", "主任"), P("发展改革委", "主任"), heads)  # abbreviation


LEX = LibraryFacts(lexicon=(
    LexiconItem("formulation", "高质量发展", variants=("高品质发展",)),
    LexiconItem("organisation", "东越省著装协会"),
    LexiconItem("person", "張在在"),
    LexiconItem("organisation", "東越臺灣同胞聯誼會"),
))


def test_formulation_suggests_the_standard_term(res):
    found = _issue_hits(formulation, ["推动高品质发展。", "《高品质发展》一书。", "推动高质量发展。"], res, LEX)
    assert [(e, m) for e, _s, m, _r in found] == [("高品质发展", "「高品质发展」不合本社词库，规范提法为「高质量发展」")]
    assert _issue_hits(formulation, ["推动高品质发展。"], res) == []  # no lexicon


def test_script_rules_leave_lexicon_names_alone(res):
    def run(module, text, library):
        return [(text[h.start : h.end], h.suggestion)
                for h in module.RULES[0].func(ArticleContext(text=text, resources=res, library=library))]

    text = "东越省著装协会成立，工作人员统一著装。"
    # 统一著装: the forms 一著 and 著装 make one finding over their union
    assert run(context, text, LibraryFacts()) == [("著装", "着装"), ("一著装", "一着装")]
    assert run(context, text, LEX) == [("一著装", "一着装")]
    text = "東越臺灣同胞聯誼會举办活动，加强两岸交流與合作。"
    found = run(traditional, text, LEX)
    assert found and all(e not in "東越臺灣同胞聯誼會" for e, _s in found)
    assert protected_spans("访问張在在和東越臺灣同胞聯誼會", LEX.lexicon) == [(2, 5), (6, 15)]
    assert run(variants, "他昇任局长", LibraryFacts(lexicon=(LexiconItem("person", "他昇"),))) == []


def test_another_post_of_the_same_organisation_since_the_earlier_issue_is_an_info(res):
    earlier = LibraryFacts(posts=(PostFact("周明远", "丽水市副市长", "丽水市", "副市长", 3, "2024年第9期"),))
    found = _issue_hits(posts, ["丽水市委书记周明远调研。"], res, earlier)
    assert [(e, s) for e, s, _m, _r in found] == [("丽水市委书记周明远", "info")]
    # another organisation, or a seat among many: no finding
    assert _issue_hits(posts, ["东越集团董事长周明远调研。"], res, earlier) == []
    assert _issue_hits(posts, ["丽水市委常委周明远调研。"], res, earlier) == []


def test_listing_and_offices(res):
    ms = posts.mentions_in("省委常委宣传部部长郑和平讲话。", "s", res)
    assert [(p.org, p.head) for p in ms[0].posts] == [("宣传部", "部长"), ("省委", "常委")]
    ms = posts.mentions_in("集团总经理办公室主任郑和平介绍。", "s", res)
    assert [p.head for p in ms[0].posts] == ["主任"]  # not also 总经理
    ms = posts.mentions_in("会议听取了市长周明远的报告。", "s", res)
    assert [(p.org, p.head) for p in ms[0].posts] == [("", "市长")]
    assert posts.mentions_in("原市长周明远出席。", "s", res) == []
    assert posts.mentions_in("他访问了太原市市长周明远。", "s", res)[0].posts[0].org == "太原市"
