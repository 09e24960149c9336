"""A PDF proof imports to the same issue as the layout system's text export.

The proof is our demo issue typeset as a magazine (tests/pdf_material.py:
two- and three-column articles under title blocks, running heads, folios,
captions, a pull quote, a back-cover advertisement), generated once per test
session.
"""

from __future__ import annotations

import difflib

import pypdfium2 as pdfium
import pytest

from editor_app.ingest import parse_file
from editor_app.services.proofs import read_pdf_proof
from tests.pdf_material import AD_LINES, DEMO, PULL_QUOTE_ARTICLE, magazine_pdf

# Where the typeset proof genuinely differs from the text export:
# - the font subset has no glyphs for the end marks 🌀 and 🌟, so they are not printed;
# - the back-cover advertisement (not in the text export) joins the last segment.
UNPRINTABLE = "🌀🌟"


@pytest.fixture(scope="session")
def magazine(tmp_path_factory):
    return magazine_pdf(tmp_path_factory.getbasetemp() / "magazine.pdf")


@pytest.fixture(scope="session")
def imported(magazine):
    return read_pdf_proof(magazine)


@pytest.fixture(scope="session")
def demo():
    return parse_file(DEMO)


def _printable(text: str) -> str:
    return text.translate({ord(c): None for c in UNPRINTABLE})


def test_masthead_and_contents_are_the_same(imported, demo):
    issue, _ = imported
    assert issue.masthead == demo.masthead
    assert [(e.page, e.section, e.title, e.subtitle, e.authors, e.role) for e in issue.toc] == [
        (e.page, e.section, e.title, e.subtitle, e.authors, e.role) for e in demo.toc
    ]


def test_articles_have_the_same_titles_authors_and_texts(imported, demo):
    issue, _ = imported
    got = issue.articles()
    want = demo.articles()
    assert len(got) == len(want) == 10
    for g, w in zip(got, want, strict=True):
        assert (g.title, g.subtitle, g.kicker, g.authors, g.role, g.page, g.section) == (
            w.title, w.subtitle, w.kicker, w.authors, w.role, w.page, w.section
        )
        diff = "\n".join(difflib.unified_diff(_printable(w.text).split("\n"), g.text.split("\n"), lineterm=""))
        assert g.text == _printable(w.text), f"{w.title}:\n{diff}"


def test_other_segments_match_but_for_the_advertisement(imported, demo):
    issue, _ = imported
    assert [s.kind for s in issue.segments] == [s.kind for s in demo.segments]
    for g, w in zip(issue.segments[:-1], demo.segments[:-1], strict=True):
        assert (g.title, _printable(g.text)) == (w.title, _printable(w.text)), g.id
    last = issue.segments[-1]
    assert last.text == demo.segments[-1].text + "\n" + "\n".join(AD_LINES)


def test_running_heads_folios_and_pull_quote_stay_out_of_the_text(imported):
    issue, proof = imported
    text = proof.text
    assert text == issue.source
    assert "东越视窗 · 2025年第3期" not in text
    labels = [p.label for p in proof.map.pages]
    assert labels[0] == "" and labels[1:] == [str(n) for n in range(2, len(labels) + 1)]
    assert all(p.label in p.furniture for p in proof.map.pages[1:])
    # the pull quote repeats a body sentence: printed twice, in the text once
    pull = [f for p in proof.map.pages for f in p.furniture if "共富工坊" in f]
    assert pull, "the pull quote was not recognised"
    quote = "是东越的一项创新。企业把适合分散加工的生产环节放到村里"
    assert text.count(quote) == 1
    art = next(s for s in issue.articles() if s.title == PULL_QUOTE_ARTICLE)
    assert art.text.count(quote) == 1


def test_captions_are_their_own_paragraphs(imported):
    issue, _ = imported
    art = next(s for s in issue.articles() if s.title == "“强村公司”激活共富引擎")
    caps = [p for p in art.paragraphs if p.kind == "caption"]
    assert [p.text for p in caps] == ["竹源村“共富工坊”里，村民在编织竹制品 叶青摄"]


def test_every_mapped_character_is_at_its_place_on_the_page(imported, magazine):
    """The map's box of a character holds that character, as PDFium reads the page."""
    _, proof = imported
    doc = pdfium.PdfDocument(str(magazine))
    pages = {}
    checked = 0
    for ln in proof.map.lines[::7]:
        tp = pages.get(ln.page) or pages.setdefault(ln.page, doc[ln.page].get_textpage())
        for pos in range(ln.start, ln.end, 5):
            ch = proof.text[pos]
            if ch.isspace():
                continue
            x0, y0, x1, y1 = ln.box(pos)
            cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
            idx = tp.get_index(cx, cy, (x1 - x0) / 2, (y1 - y0) / 2)
            got = tp.get_text_range(idx, 1) if idx is not None and idx >= 0 else ""
            assert got == ch, (ln.page, pos, ch, got)
            checked += 1
    assert checked > 300
    # text the extraction added (paragraph breaks) has no box
    assert proof.map.locate(proof.text.index("\n")) is None
    doc.close()


def test_the_map_survives_a_round_trip(imported):
    _, proof = imported
    from editor_app.model.pdf import ProofMap

    back = ProofMap.from_bytes(proof.map.to_bytes())
    assert back.pages == proof.map.pages
    assert [(ln.start, ln.page, ln.xs[:4]) for ln in back.lines] == [
        (ln.start, ln.page, ln.xs[:4]) for ln in proof.map.lines
    ]
    assert back.locate(5000) == proof.map.locate(5000)


def test_checking_the_proof_finds_what_checking_the_text_finds(magazine):
    from collections import Counter

    from editor_app.services.checking import check_file
    from editor_app.services.proofs import check_pdf_file

    got = Counter((f.rule, f.excerpt) for f in check_pdf_file(magazine).findings)
    want = Counter((f.rule, f.excerpt) for f in check_file(DEMO).findings)
    assert len(want) > 50
    assert got == want, (got - want, want - got)


@pytest.mark.sample
@pytest.mark.slow
def test_the_reference_issue_typeset_as_a_magazine_imports_the_same(sample_path, tmp_path_factory):
    """The real reference issue (../shared/samples) typeset by the same recipe (~65 pages):
    the same segments, contents and texts, with the same two layout differences."""
    issue, _ = read_pdf_proof(magazine_pdf(tmp_path_factory.getbasetemp() / "reference.pdf", text=sample_path))
    want = parse_file(sample_path)
    assert issue.masthead == want.masthead
    assert [(e.page, e.title, e.authors) for e in issue.toc] == [(e.page, e.title, e.authors) for e in want.toc]
    assert [s.kind for s in issue.segments] == [s.kind for s in want.segments]
    for g, w in zip(issue.segments[:-1], want.segments[:-1], strict=True):
        assert (g.title, g.authors, g.text) == (w.title, w.authors, _printable(w.text)), g.id
    assert issue.segments[-1].text == _printable(want.segments[-1].text) + "\n" + "\n".join(AD_LINES)


def test_a_point_on_the_page_finds_its_character(imported):
    _, proof = imported
    for ln in proof.map.lines[::50]:
        pos = ln.start + ln.length // 2
        x0, y0, x1, y1 = ln.box(pos)
        assert proof.map.at_point(ln.page, (x0 + x1) / 2, (y0 + y1) / 2) == pos
    assert proof.map.at_point(0, 1.0, 1.0) is None  # the page corner: paper


@pytest.mark.parametrize(
    ("before", "after", "gap", "space"),
    [
        ("品", "叶", 0.31, True),  # a word space between Han words (caption and credit)
        ("年", "全", 0.05, False),  # justification
        ("4", "年", 0.22, False),  # Han-Latin autospacing
        ("长", "6", 0.30, False),
        ("d", "科", 0.50, True),  # autospacing plus a real space
        ("a", "n", 0.20, True),
        ("a", "n", 1.50, False),  # a gap that wide is not a space but a column
    ],
)
def test_word_spaces_against_autospacing(before, after, gap, space):
    from editor_app.ingest.pdf import _word_space

    assert _word_space(before, after, gap) is space


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("中共衢江区委 衢江区人民政府", True),
        ("丁向东 王晓川 方志诚 石慧敏", True),
        ("创新提质 激活生态工业发展", True),
        ("习近平在中共中央政治局第十四次集体学习时强调 促", False),
        ("科技是第一生产力，创新是引领发展的第一动力。", False),
        ("推动企业与高校 and 科研院所共建研发中心", False),
    ],
)
def test_list_rows(text, row):
    from editor_app.ingest.pdf import _Line, _list_row

    chars = [(c, float(i), 0.0, float(i + 1), 10.0) for i, c in enumerate(text)]
    assert _list_row(_Line(0, chars, 10.0)) is row
