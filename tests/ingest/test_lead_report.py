"""The issue's lead report (a headline, ■ summary points, no byline, not in the contents)
is a titled news segment, not an untitled unknown one."""

import pytest

from editor_app.ingest import parse_text
from tests.ingest.layout_variants import (
    LEAD_HEADLINE,
    STYLES,
    article_shape,
    base_issue,
    render,
    with_lead_report,
)
from tests.ingest.test_partition import check_partition

BASE = base_issue()


def _lead(issue):
    toc = next(k for k, s in enumerate(issue.segments) if s.kind == "toc")
    return issue.segments[toc + 1]


@pytest.mark.parametrize("style", [s for s in STYLES if s.name in ("reference", "reporters", "mark-crlf")], ids=lambda s: s.name)
def test_lead_report_is_a_titled_news_segment(style):
    text = render(style, base=BASE, lead_report=True).text
    issue = parse_text(text)
    lead = _lead(issue)
    assert lead.kind == "news"
    assert lead.title == LEAD_HEADLINE
    kinds = [p.kind for p in lead.paragraphs]
    assert kinds[:3] == ["title", "lead", "lead"]
    body = lead.text.split("\n")
    assert body[0].startswith("■会议强调") and body[1].startswith("■会议指出")
    assert any(p.endswith("为夺取全年粮食丰收打下了良好基础。") for p in body)  # cut by the page, joined
    assert LEAD_HEADLINE not in lead.text
    # nothing else moves: the photo page after it, and every article
    assert issue.segments[issue.segments.index(lead) + 1].kind == "photo"
    assert [s.kind for s in issue.segments if s is not lead] == [s.kind for s in BASE.segments]
    assert {s.page: article_shape(s).title for s in issue.articles()} == {
        s.page: article_shape(s).title for s in BASE.articles()
    }
    check_partition(text)


def test_short_headline_is_not_left_on_the_contents_page():
    issue = parse_text(with_lead_report(BASE.source))
    toc = next(s for s in issue.segments if s.kind == "toc")
    assert LEAD_HEADLINE not in issue.source[toc.source_start : toc.source_end]
