"""The page view's mapping (services/proof_view.py): current text -> (page, character
boxes) and a point of the page -> (segment, offset in the current text), after edits too.

Checked against the proof itself: PDFium reads back the characters printed inside the
boxes the mapping gives.
"""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from editor_app.services import checking, importing, proof_view
from editor_app.store import Library
from tests.pdf_material import DEMO, magazine_pdf

ARTICLE = "让“千村示范”结出“共富”硕果"  # two columns over two pages in the proof
INSERTED = "这句话是导入校样之后新写的。"


@pytest.fixture(scope="module")
def magazine(tmp_path_factory):
    return magazine_pdf(tmp_path_factory.getbasetemp() / "magazine.pdf")


@pytest.fixture
def lib(magazine, tmp_path):
    lib = Library(tmp_path / "lib.sqlite")
    lib.issue_id = importing.import_issue_file(lib, magazine).issue_id
    yield lib
    lib.close()


@pytest.fixture(scope="module")
def pdf_doc(magazine):
    doc = pdfium.PdfDocument(str(magazine))
    yield doc
    doc.close()


def printed(doc, page: int, rects) -> str:
    """What PDFium reads inside the rectangles (PDF points) of one page, spaces left out."""
    tp = doc[page].get_textpage()
    out = "".join(tp.get_text_bounded(x0 + 0.3, y0 + 0.3, x1 - 0.3, y1 - 0.3) for x0, y0, x1, y1 in rects)
    return "".join(out.split())


def article(lib):
    return next(r for r in lib.segments(lib.issue_id) if r.title == ARTICLE)


def test_every_printed_character_maps_to_its_box_and_back(lib):
    proof = proof_view.load_issue_proof(lib, lib.issue_id)
    assert proof is not None and not proof.stale and proof.n_pages > 15
    checked = 0
    for sg in proof.segments:
        text = lib.current_text(sg.seg_id)[0] or lib.source(lib.issue_id)[sg.source_start : sg.source_end]
        for c in range(0, len(text), 7):
            boxes = proof.char_boxes(sg.seg_id, text, c, c + 1)
            if text[c].isspace():
                continue
            assert len(boxes) == 1, (sg.key, c, text[c])
            page, (x0, y0, x1, y1) = boxes[0]
            assert page in sg.pages
            assert proof.text_at(sg.seg_id, text, page, (x0 + x1) / 2, (y0 + y1) / 2) == c
            checked += 1
    assert checked > 1000


def test_a_finding_after_an_insertion_is_highlighted_on_its_characters(lib, pdf_doc):
    seg = article(lib)
    text, version = lib.current_text(seg.id)
    checking.run_checks(lib, lib.issue_id)
    before = [f for f in lib.list_findings(lib.issue_id, status="open") if f.segment and f.segment.id == seg.id]
    assert before, "the demo article has findings"
    first = min(f.start for f in before)
    para = text.rfind("\n", 0, first) + 1
    edited = text[:para] + INSERTED + text[para:]  # new text before every finding of the paragraph
    lib.save_text(seg.id, edited, "测试", expected_version=version)
    checking.run_checks(lib, lib.issue_id)
    after = [f for f in lib.list_findings(lib.issue_id, status="open") if f.segment and f.segment.id == seg.id]
    moved = [f for f in after if f.start >= para + len(INSERTED) and f.end > f.start]
    assert moved and all(edited[f.start : f.end] == f.excerpt for f in moved)
    proof = proof_view.load_issue_proof(lib, lib.issue_id)
    for f in moved:
        boxes = proof.char_boxes(seg.id, edited, f.start, f.end)
        same = proof.char_boxes(seg.id, text, f.start - len(INSERTED), f.end - len(INSERTED))
        assert boxes == same and len(boxes) == len(f.excerpt.replace("\n", ""))
        for page, _rect in proof_view.line_rects(boxes):
            assert page in proof.segment_pages(seg.id)
        pages = {p for p, _ in boxes}
        assert len(pages) == 1  # (a finding split over two pages would be checked per page)
        rects = [r for _, r in proof_view.line_rects(boxes)]
        assert printed(pdf_doc, pages.pop(), rects) == "".join(f.excerpt.split())
        # and a click in the middle of the finding's first character lands on it
        page, (x0, y0, x1, y1) = boxes[0]
        assert proof.text_at(seg.id, edited, page, (x0 + x1) / 2, (y0 + y1) / 2) == f.start


def test_text_written_after_import_has_no_box_but_a_page(lib):
    seg = article(lib)
    text = lib.current_text(seg.id)[0]
    proof = proof_view.load_issue_proof(lib, lib.issue_id)
    last_para = text.rfind("\n") + 1
    edited = text[:last_para] + INSERTED + text[last_para:]
    assert proof.char_boxes(seg.id, edited, last_para, last_para + len(INSERTED)) == []
    # the page of the new sentence is the page where its paragraph is printed
    assert proof.page_of(seg.id, edited, last_para + 3) == proof.page_of(seg.id, text, last_para)
    # the characters after it are found where they were
    assert proof.char_boxes(seg.id, edited, last_para + len(INSERTED), last_para + len(INSERTED) + 4) == \
        proof.char_boxes(seg.id, text, last_para, last_para + 4)


def test_a_click_on_a_character_edited_away_lands_where_it_was(lib):
    seg = article(lib)
    text = lib.current_text(seg.id)[0]
    proof = proof_view.load_issue_proof(lib, lib.issue_id)
    k = text.index("乡村兴则全省兴") + 5  # 省 (全省 becomes 全国)
    page, (x0, y0, x1, y1) = proof.char_boxes(seg.id, text, k, k + 1)[0]
    edited = text[:k] + "国" + text[k + 1 :]
    tp = proof.point(page, (x0 + x1) / 2, (y0 + y1) / 2)
    assert tp.seg_id == seg.id
    assert proof.to_current(seg.id, edited, tp.base) == (k, False)  # 省 is gone; 国 stands there
    assert proof.text_at(seg.id, edited, page, (x0 + x1) / 2, (y0 + y1) / 2) is None
    assert proof.to_current(seg.id, text, tp.base) == (k, True)


def test_the_pages_an_article_spans_and_the_page_following_the_cursor(lib):
    seg = article(lib)
    text = lib.current_text(seg.id)[0]
    proof = proof_view.load_issue_proof(lib, lib.issue_id)
    pages = proof.segment_pages(seg.id)
    assert len(pages) == 2 and pages[1] == pages[0] + 1
    assert proof.page_of(seg.id, text, 0) == pages[0]
    assert proof.page_of(seg.id, text, len(text)) == pages[1]
    seen = [proof.page_of(seg.id, text, c) for c in range(0, len(text), 50)]
    assert seen == sorted(seen) and set(seen) == set(pages)  # the page follows the text, in order
    # every segment's pages are in the proof, in source order
    firsts = [sg.pages[0] for sg in proof.segments if sg.pages]
    assert firsts == sorted(firsts)


def test_a_click_between_characters_and_off_the_text(lib):
    seg = article(lib)
    text = lib.current_text(seg.id)[0]
    proof = proof_view.load_issue_proof(lib, lib.issue_id)
    page, (x0, y0, x1, y1) = proof.char_boxes(seg.id, text, 10, 11)[0]
    # in the leading just below the line, and just past the character's right edge
    assert proof.text_at(seg.id, text, page, (x0 + x1) / 2, y0 - 1.0) == 10
    assert proof.text_at(seg.id, text, page, x1 + 0.2, (y0 + y1) / 2) in (10, 11)
    assert proof.point(page, 2.0, 2.0) is None  # the page corner: paper
    width, height = proof.pages[page].width, proof.pages[page].height
    assert proof.point(page, width / 2, height - 5.0) is None  # above the running head
    # the running head and the folio are not text: nothing to select there
    heads = [ln for ln in proof.pmap.lines if ln.page == page and ln.y1 > height - 60]
    assert heads == []


def test_a_title_is_in_its_segment_but_not_in_its_text(lib):
    seg = article(lib)
    proof = proof_view.load_issue_proof(lib, lib.issue_id)
    src = lib.source(lib.issue_id)
    k = src.index(ARTICLE, seg.source_start)
    page, (x0, y0, x1, y1) = proof.pmap.locate(k + 2)
    tp = proof.point(page, (x0 + x1) / 2, (y0 + y1) / 2)
    assert tp.seg_id == seg.id and tp.base is None and tp.source == k + 2


def test_line_rects_merge_a_line_and_split_at_line_and_page_breaks():
    boxes = [(0, (10.0, 100.0, 20.0, 110.0)), (0, (20.0, 100.0, 30.0, 110.0)),
             (0, (10.0, 85.0, 20.0, 95.0)), (1, (10.0, 85.0, 20.0, 95.0))]
    assert proof_view.line_rects(boxes) == [(0, (10.0, 100.0, 30.0, 110.0)), (0, (10.0, 85.0, 20.0, 95.0)),
                                            (1, (10.0, 85.0, 20.0, 95.0))]


def test_no_proof_and_a_replaced_proof(lib, tmp_path):
    other = Library(tmp_path / "other.sqlite")
    iid = importing.import_issue_file(other, DEMO).issue_id
    assert proof_view.load_issue_proof(other, iid) is None
    other.close()
    importing.import_issue_file(lib, DEMO, replace=True)
    proof = proof_view.load_issue_proof(lib, lib.issue_id)
    assert proof.stale and proof.segments == [] and proof.n_pages > 15


def test_the_renderer_keeps_documents_and_renders_at_a_scale(lib):
    r = proof_view.PageRenderer(keep=1)
    img = r.render(lib, lib.issue_id, 0, 96 / 72)
    assert (img.width, img.height) == (794, 1123) and len(img.data) == img.stride * img.height
    assert img.data.count(b"\xff") < len(img.data)  # not a blank page
    big = r.render(lib, lib.issue_id, 0, 2 * 96 / 72)
    assert big.width == 2 * img.width
    assert r.render(lib, lib.issue_id, 10_000, 1.0) is None
    assert len(r._docs) == 1
    r.forget()
    assert r._docs == {}
