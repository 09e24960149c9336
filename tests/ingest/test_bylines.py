"""Every example of resources/ingest/bylines.tsv reads as its row says."""

import pytest

from editor_app.ingest.bylines import byline_table, parse_byline, parse_guided

FORMS, NOTS = byline_table()


def test_table_has_the_forms_editors_print():
    forms = {f.form for f in FORMS}
    for needed in ("{mark}{names}", "文{sep}{names}", "{role}~{names}", "{role}~{names} {role2}~{names2}"):
        assert needed in forms
    assert any("{photo}" in f for f in forms)
    assert any(not f.alone for f in FORMS) and NOTS


@pytest.mark.parametrize("form", FORMS, ids=[f"{f.form} {f.example}" for f in FORMS])
def test_every_example_reads_as_its_row(form):
    got = parse_byline(form.example) if form.alone else parse_guided(form.example, list(form.authors))
    assert got is not None, form.example
    assert (got.authors, got.role, got.credits) == (list(form.authors), form.role, list(form.credits))


@pytest.mark.parametrize("form", [f for f in FORMS if not f.alone], ids=lambda f: f.example)
def test_guided_forms_need_the_contents_names(form):
    assert parse_byline(form.example) is None or form.form.startswith("{role}")
    assert parse_guided(form.example, ["郑某某"]) is None


@pytest.mark.parametrize("row", NOTS, ids=lambda r: r.example)
def test_lines_that_are_not_bylines(row):
    assert parse_byline(row.example) is None


def test_photo_credits_are_not_authors():
    b = parse_byline("文｜何晓岚 图｜陈澄、许诺")
    assert b is not None and b.authors == ["何晓岚"] and b.credits == ["陈澄", "许诺"]
