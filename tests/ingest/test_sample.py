"""The reference issue (今日浙江 2024年第10期): masthead, TOC, segments, reflow."""

import json

import pytest

from tests.ingest.golden import GOLDEN, article_digest, toc_digest

PAGES = [1, 8, 11, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38, 40, 42, 44, 46, 48, 50, 52, 54, 56, 58, 60, 61, 62]
SECTIONS = ["今浙论坛", "领导要论"] + ["本期关注"] * 8 + ["加强“三支队伍”建设"] * 3 + ["经济"] * 2 + [
    "政治"
] * 2 + ["文化"] + ["社会"] * 2 + ["生态文明"] * 2 + ["党的建设"] * 2 + ["专栏"] * 2 + ["钱江漫笔"]


@pytest.fixture(scope="module")
def golden():
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_masthead(sample_issue):
    m = sample_issue.masthead
    assert (m.title, m.year, m.number, m.total_number, m.frequency) == ("今日浙江", 2024, 10, 745, "半月刊")


def test_toc_has_27_entries_with_pages_and_sections(sample_issue):
    toc = sample_issue.toc
    assert [e.page for e in toc] == PAGES
    assert [e.section for e in toc] == SECTIONS


def test_toc_entries_match_reviewed_golden(sample_issue, golden):
    got = [toc_digest(e) for e in sample_issue.toc]
    wrong = [e.page for e, g, w in zip(sample_issue.toc, got, golden["toc"], strict=True) if g != w]
    assert not wrong, f"TOC entries differ from the reviewed parse on pages {wrong}"


def test_toc_details(sample_issue):
    by_page = {e.page: e for e in sample_issue.toc}
    assert by_page[11].role == "本刊记者" and by_page[11].authors == ["马跃明", "袁卫"]
    assert by_page[11].subtitle.endswith("综述")
    assert by_page[56].subtitle.startswith("浙江综合考核")
    assert by_page[28].authors == ["叶慧", "周毅辉"] and by_page[28].role == ""
    assert by_page[52].authors == ["胡静漪", "李筱盼", "朱智翔", "任依依"]  # title wrapped onto a 2nd line
    assert by_page[44].authors == ["齐娟", "毛林飞", "林英子"]
    assert by_page[40].authors == ["姜翼林"]
    assert by_page[1].authors == ["本刊评论员"]
    # captions and the sponsor list on the TOC page are not entries
    assert not any(e.title.startswith(("P1", "P3", "P4", "P5", "中共", "特别")) for e in sample_issue.toc)


def test_every_entry_has_its_article(sample_issue):
    for e in sample_issue.toc:
        seg = sample_issue.segment(e.article_id)
        assert seg is not None and seg.kind == "article" and seg.page == e.page


def test_articles_match_reviewed_golden(sample_issue, golden):
    wrong = [s.page for s in sample_issue.articles() if article_digest(s) != golden["articles"][str(s.page)]]
    assert not wrong, f"article boundaries/fields differ from the reviewed parse on pages {wrong}"
    assert [s.kind for s in sample_issue.segments] == golden["kinds"]


def test_article_order_and_front_matter(sample_issue):
    kinds = [s.kind for s in sample_issue.segments]
    assert kinds[:5] == ["masthead", "cover", "article", "editorial_board", "toc"]
    # the 今浙论坛 editorial precedes the TOC page
    assert sample_issue.segments[2].page == 1
    # news pages sit between the TOC and the leader's article
    assert {"news", "photo"} <= set(kinds[5:9])
    # sponsored county pages come after the last article and belong to no article
    last_article = max(i for i, k in enumerate(kinds) if k == "article")
    assert kinds[last_article + 1 :] == ["sponsored"] * 3
    assert sample_issue.segments[last_article].page == 62


def test_bylines_titles_and_roles(sample_issue):
    arts = {s.page: s for s in sample_issue.articles()}
    assert arts[40].authors == ["姜巽林"]  # differs from the TOC: still the page-40 article
    assert arts[38].authors == ["今哲", "吴梦霞"]  # 今 哲 with a layout space
    assert arts[62].authors == ["王洁"]
    assert arts[8].role == "中共浙江省委书记" and arts[8].authors == ["易炼红"]
    assert arts[32].role.startswith("浙江省公安厅")
    assert arts[11].role == "本刊记者" and arts[11].kicker.startswith("浙江制造")
    assert arts[20].kicker == "宁波市"  # title printed after the first paragraphs
    assert arts[60].title.startswith("『大地指纹』")  # printed title kept for the consistency check
    assert arts[60].role.endswith("镇长")


def test_article_contents_and_boundaries(sample_issue):
    arts = {s.page: s for s in sample_issue.articles()}
    src = sample_issue.source
    # the page-20 article starts at its byline, before the title printed further down
    a20 = arts[20]
    assert src[a20.source_start : a20.source_end].lstrip().startswith("■ 沈华军")
    # the comic label inside the last article is kept as an insert, the article continues after it
    a62 = arts[62]
    kinds = [p.kind for p in a62.paragraphs]
    assert "insert" in kinds and kinds.index("insert") < len(kinds) - 1
    # the end mark closes the last article; the sponsored pages are outside it
    assert a62.text.rstrip().endswith("☺")
    assert "岱山县" not in a62.text


def test_reflow_joins_paragraphs_cut_by_a_page_break(sample_issue):
    arts = {s.page: s for s in sample_issue.articles()}
    assert "要认真落实" in arts[8].text
    sponsored = [s for s in sample_issue.segments if s.kind == "sponsored"]
    assert any("城乡居民收入比1.53:1" in s.text for s in sponsored)


def test_offset_map_points_into_the_source(sample_issue):
    src = sample_issue.source
    for seg in sample_issue.segments:
        text, omap = seg.editable_text()
        for t, s, n in omap.runs:
            assert text[t : t + n] == src[s : s + n]
    a8 = next(s for s in sample_issue.articles() if s.page == 8)
    text, omap = a8.editable_text()
    i = text.index("要认真落实")
    s0, s1 = omap.span_to_source(i, i + 5)
    assert src[s0 : s0 + 2] == "要认" and src[s1 - 3 : s1] == "真落实"
    assert s1 - s0 > 5  # the span crosses the page break in the source


def test_lead_report_without_byline_has_its_headline(sample_issue):
    # the news report after the TOC page: no byline, not in the TOC; it was an untitled
    # "unknown" segment, its ■ summary points merged into one paragraph
    lead = sample_issue.segments[5]
    assert lead.kind == "news"
    assert lead.title.startswith("习近平在中共中央政治局") and "促进高质量充分就业" in lead.title
    kinds = [p.kind for p in lead.paragraphs]
    assert kinds[0] == "title" and kinds[1:5] == ["lead"] * 4 and kinds[5] == "body"


def test_intertitle_with_commas_before_a_cut_paragraph(sample_issue):
    a8 = next(s for s in sample_issue.articles() if s.page == 8)
    heads = [p.text for p in a8.paragraphs if p.kind == "heading"]
    assert any(h.startswith("强化导向、高效协同") for h in heads)
    assert not any("磅礴力量进一步" in p.text for p in a8.paragraphs)


def _rewrite_bylines(issue, form):
    """The reference text with every ■ byline printed in ``form`` (names from the parse)."""
    src, edits = issue.source, []
    for seg in issue.articles():
        by = next((p for p in seg.paragraphs if p.kind == "byline"), None)
        if by is None or not by.text.startswith("■"):
            continue
        (a, b) = by.pieces[0]
        edits.append((a, b, form(seg.authors)))
    for a, b, new in sorted(edits, reverse=True):
        src = src[:a] + new + src[b:]
    return src, len(edits)


@pytest.mark.parametrize(
    "form",
    [
        lambda names: "文/" + " ".join(names),
        lambda names: "文｜" + "、".join(names),
        lambda names: "文 / " + " ".join(names) + " 图 / 陈澄",
        lambda names: "□" + "、".join(names),
    ],
    ids=["wen-slash", "wen-bar", "wen-photo", "hollow"],
)
def test_other_byline_forms_give_the_reviewed_structure(sample_issue, golden, form):
    from editor_app.ingest import parse_text

    text, n = _rewrite_bylines(sample_issue, form)
    assert n >= 15
    issue = parse_text(text)
    got = {str(s.page): article_digest(s) for s in issue.articles()}
    wrong = [p for p, d in golden["articles"].items() if got.get(p) != d]
    assert not wrong, f"article spans/fields differ on pages {wrong}"
    assert [s.kind for s in issue.segments] == golden["kinds"]
