"""The bundled demo issue (our own writing, the reference layout) parses like the real one."""

from editor_app.ingest import parse_file


def test_demo_masthead_toc_and_articles(demo_path):
    issue = parse_file(demo_path)
    m = issue.masthead
    assert (m.title, m.year, m.number, m.total_number, m.frequency) == ("东越视窗", 2025, 3, 612, "半月刊")
    assert [e.page for e in issue.toc] == [1, 6, 10, 14, 18, 22, 26, 30, 23, 36]
    assert all(issue.segment(e.article_id).kind == "article" for e in issue.toc)
    arts = {s.page: s for s in issue.articles()}
    assert arts[14].authors == ["叶青"] and arts[14].kicker == "青溪市"  # byline before the title
    assert arts[18].authors == ["郑奕航"]  # differs from the TOC by one character
    assert arts[26].title == "年味中的非遗密码"  # printed title differs from the TOC
    assert arts[10].subtitle and arts[10].role == "本刊记者"
    assert "insert" in [p.kind for p in arts[36].paragraphs]
    kinds = [s.kind for s in issue.segments]
    assert kinds[:5] == ["masthead", "cover", "article", "editorial_board", "toc"]
    assert kinds[-3:] == ["sponsored"] * 3
    assert kinds.count("news") == 2


def test_demo_intertitle_with_commas_is_not_merged_into_the_cut_paragraph(demo_path):
    issue = parse_file(demo_path)
    a6 = next(s for s in issue.articles() if s.page == 6)
    paras = [(p.kind, p.text) for p in a6.paragraphs]
    assert ("heading", "强化保障、凝聚合力,营造良好创新生态") in paras
    body = next(t for k, t in paras if k == "body" and t.startswith("各级党委和政府要认真扛起"))
    assert "创新生态" not in body
    assert "caption" not in [k for k, _ in paras]
