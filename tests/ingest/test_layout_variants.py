"""The demo issue in other house styles parses to the same structure (see layout_variants)."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor_app.ingest import parse_text
from tests.ingest.layout_variants import (
    BYLINE_FORMS,
    COLUMN_FORMS,
    STYLES,
    TOC_FORMS,
    Style,
    assert_same_structure,
    base_issue,
    render,
)
from tests.ingest.test_partition import check_partition

BASE = base_issue()
PAGES = [s.page for s in BASE.articles()]


def test_at_least_six_styles_and_every_form_used():
    assert len(STYLES) >= 6
    assert {s.byline for s in STYLES} == set(BYLINE_FORMS)
    assert {s.toc for s in STYLES} == set(TOC_FORMS)
    assert {s.column for s in STYLES} == set(COLUMN_FORMS)
    assert any(s.debris for s in STYLES) and any(s.crlf for s in STYLES)
    assert any(s.column_in_body for s in STYLES)


@pytest.mark.parametrize("style", STYLES, ids=lambda s: s.name)
def test_style_gives_the_same_structure(style):
    r = render(style, base=BASE)
    if style.name != "reference":
        assert r.text != BASE.source
    issue = parse_text(r.text)
    assert_same_structure(issue, BASE, r)
    check_partition(r.text)


def test_styles_really_change_the_bylines():
    r = render(next(s for s in STYLES if s.name == "wen-slash"), base=BASE)
    assert "文/林晓 周航" in r.text and "■林晓" not in r.text
    issue = parse_text(r.text)
    a10 = next(s for s in issue.articles() if s.page == 10)
    assert a10.byline_raw == "文/林晓 周航"
    r = render(next(s for s in STYLES if s.name == "photo-credit"), base=BASE)
    a30 = next(s for s in parse_text(r.text).articles() if s.page == 30)
    assert a30.byline_raw.endswith("图 / 陈澄") and "陈澄" not in a30.authors


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.fixed_dictionaries({p: st.sampled_from(sorted(BYLINE_FORMS)) for p in PAGES}),
    st.sampled_from(sorted(TOC_FORMS)),
    st.sampled_from(sorted(COLUMN_FORMS)),
    st.booleans(),
    st.booleans(),
    st.booleans(),
)
def test_any_byline_form_per_article(bylines, toc, column, in_body, debris, crlf):
    style = Style("mixed", toc=toc, column=column, column_in_body=in_body, debris=debris, crlf=crlf)
    r = render(style, bylines=bylines, base=BASE)
    assert_same_structure(parse_text(r.text), BASE, r)
    check_partition(r.text)


def test_unlisted_byline_form_is_found_by_the_contents_names():
    r = render(next(s for s in STYLES if s.name == "unlisted-byline"), base=BASE)
    a10 = next(s for s in parse_text(r.text).articles() if s.page == 10)
    assert a10.byline_raw == "执笔人：林晓 周航" and a10.authors == ["林晓", "周航"]
    assert "执笔人" not in a10.text and a10.kicker == "东越乡村“共富路”"


def test_missing_byline_article_found_by_title_and_lead():
    r = render(next(s for s in STYLES if s.name == "no-byline"), base=BASE)
    assert r.bylines[10] == "none" and "■林晓 周航" not in r.text
    issue = parse_text(r.text)
    a10 = next(s for s in issue.articles() if s.page == 10)
    # the title is printed after the first paragraphs; the article still starts at its kicker
    assert issue.source[a10.source_start : a10.source_end].lstrip().startswith("东越乡村“共富路”")
    assert a10.authors == ["林晓", "周航"] and a10.role == "本刊记者"  # from the contents
