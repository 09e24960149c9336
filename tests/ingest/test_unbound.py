"""A contents entry whose article is not in the body stays unbound and is reported;
it is never bound to a cover line or the nearest segment."""

from editor_app.checks.engine import Checker
from editor_app.checks.registry import Registry, build_registry
from editor_app.checks.resources import Resources
from editor_app.ingest import parse_text
from tests.ingest.layout_variants import DEMO


def _without(text: str, start: str, end: str) -> str:
    a, b = text.index(start), text.index(end)
    return text[:a] + text[b:]


def _pages(rule_id: str, issue):
    reg = build_registry()
    checker = Checker(Registry(rules=[reg[rule_id]]), resources=Resources())
    fs = checker.check_issue(issue)
    assert not checker.failures
    return fs


def test_absent_article_whose_title_is_a_cover_line():
    demo = DEMO.read_text(encoding="utf-8")
    # the page-22 article (its title is also printed on the cover) is cut out of the body
    text = _without(demo, "韩冬\n\n东越省司法厅", "云岭市民间艺人在扎制花灯")
    issue = parse_text(text)
    e22 = next(e for e in issue.toc if e.page == 22)
    assert e22.article_id is None
    kinds = [s.kind for s in issue.segments]
    assert kinds[:5] == ["masthead", "cover", "article", "editorial_board", "toc"]
    # every other entry keeps its own article
    others = [e for e in issue.toc if e.page != 22]
    assert all(issue.segment(e.article_id).page == e.page for e in others)
    assert len({e.article_id for e in others}) == len(others)
    fs = _pages("consistency.toc_pages", issue)
    missing = [f for f in fs if "找不到对应文章" in f.message]
    assert len(missing) == 1 and "让法律服务走进千家万户" in missing[0].message
    assert issue.segment(missing[0].segment_key).kind == "toc"


def test_absent_last_article_is_not_bound_to_the_sponsored_pages():
    demo = DEMO.read_text(encoding="utf-8")
    text = _without(demo, "行远自迩 久久为功\n\n■苏 墨", "安澜古镇夜色")
    issue = parse_text(text)
    e36 = next(e for e in issue.toc if e.page == 36)
    assert e36.article_id is None
    assert [s.kind for s in issue.segments][-3:] == ["sponsored"] * 3
    assert any("行远自迩" in f.message for f in _pages("consistency.toc_pages", issue))


def test_entry_title_quoted_in_a_news_brief_is_not_its_article():
    demo = DEMO.read_text(encoding="utf-8")
    text = _without(demo, "“石头村”里的新生活\n\n何晓岚", "行远自迩 久久为功\n\n■苏 墨")
    # the title alone on a line among short news lines
    text = text.replace("东越召开全省科技大会\n", "“石头村”里的新生活\n\n东越召开全省科技大会\n", 1)
    issue = parse_text(text)
    e23 = next(e for e in issue.toc if e.page == 23)
    assert e23.article_id is None


def test_byline_with_other_names_than_the_contents_is_kept_and_reported():
    demo = DEMO.read_text(encoding="utf-8")
    text = demo.replace("年味中的非遗密码\n\n■沈可\n", "年味中的非遗密码\n\n文/沈柯\n", 1)
    text = text.replace("26 年味里的非遗密码/沈可", "26 年味里的非遗密码/王晓", 1)
    issue = parse_text(text)
    a26 = next(s for s in issue.articles() if s.page == 26)
    assert a26.authors == ["沈柯"] and a26.byline_raw == "文/沈柯"
    assert "byline" in [p.kind for p in a26.paragraphs] and "文/沈柯" not in a26.text
    fs = _pages("consistency.toc_author", issue)
    assert any("王晓" in f.message for f in fs)
