"""Reading the app's own exports back (read_docx -> ExportedDocument): the
articles by their bookmarks, exactly as exported, whatever a word processor
did around them."""

from __future__ import annotations

import copy
import zipfile
from datetime import UTC, datetime

import docx
import pytest
from docx.oxml.ns import qn

from editor_app.export import export_article_docx, export_issue_docx
from editor_app.ingest.docx_import import DocxImportError, Manuscript, read_docx
from editor_app.model import Issue, Masthead, Paragraph, Segment, TocEntry
from editor_app.model.roundtrip import ExportedDocument, bookmark_name, key_token, parse_bookmark

DATE = datetime(2024, 6, 1, tzinfo=UTC)


def make_issue() -> Issue:
    a = Segment("s02", "article", 0, 0, title="山村的夜校", subtitle="一位老师的十年", authors=["林青"],
                role="本刊记者", page=6, section="人物", toc_index=0,
                paragraphs=[Paragraph("title", "山村的夜校"), Paragraph("byline", "林青"),
                            Paragraph("lead", "夜校开在村委会二楼。"), Paragraph("body", "第一年只来了三个人。"),
                            Paragraph("body", ""), Paragraph("body", "后来\t人越来越多。")])
    b = Segment("s03", "article", 0, 0, title="河边的菜园", authors=["周末"], page=9, section="乡村", toc_index=1,
                paragraphs=[Paragraph("title", "河边的菜园"), Paragraph("body", "菜园沿河而建。")])
    toc = [TocEntry(6, "人物", "山村的夜校", authors=["林青"], article_id="s02"),
           TocEntry(9, "乡村", "河边的菜园", authors=["周末"], article_id="s03")]
    source = "\n".join(p.text for s in (a, b) for p in s.paragraphs)
    return Issue(Masthead(title="溪山月刊", year=2025, number=4), source, toc=toc, segments=[a, b])


@pytest.fixture
def exported(tmp_path):
    issue = make_issue()
    path = export_issue_docx(issue, tmp_path / "issue.docx", date=DATE, revisions={"s02": (7, 3)})
    return issue, path


def test_bookmark_names_round_trip():
    assert bookmark_name("s02", "body") == "EA_s02_body"
    assert parse_bookmark("EA_s02_title") == ("s02", "title")
    assert parse_bookmark("EA_front") == ("", "front")
    assert parse_bookmark("_Toc12345") is None and parse_bookmark("EA_s02_nonsense") is None
    odd = bookmark_name("文章-1", "body")
    assert len(odd) <= 40 and odd.isascii() and parse_bookmark(odd) == (key_token("文章-1"), "body")


def test_an_unedited_export_reads_back_exactly(exported):
    issue, path = exported
    doc = read_docx(path)
    assert isinstance(doc, ExportedDocument)
    assert (doc.kind, doc.edition, doc.issue_label) == ("issue", "zh-CN", "溪山月刊 2025年第4期")
    assert doc.revisions == {"s02": (7, 3)}
    assert [a.key for a in doc.articles] == ["s02", "s03"]  # the cover and contents are not articles
    for art in doc.articles:
        assert art.text == issue.segment(art.key).editable_text()[0]  # empty paragraph and tab kept
    a = doc.article("s02")
    assert a.fields == {"column": "人物", "title": "山村的夜校", "subtitle": "——一位老师的十年",
                        "byline": "林青", "role": "本刊记者"}


def test_a_single_article_export(tmp_path):
    issue = make_issue()
    path = export_article_docx(issue, "s03", tmp_path / "a.docx", date=DATE)
    doc = read_docx(path)
    assert doc.kind == "article" and [a.key for a in doc.articles] == ["s03"]
    assert doc.articles[0].text == "菜园沿河而建。"


def _body_paragraphs(d, key):
    """The paragraphs of an article's body bookmark, in order."""
    out, inside = [], False
    for p in d.paragraphs:
        names = [b.get(qn("w:name")) for b in p._p.iter(qn("w:bookmarkStart"))]
        if f"EA_{key}_body" in names:
            inside = True
        elif any(n and n.startswith("EA_") for n in names):
            inside = False
        if inside:
            out.append(p)
    return out


def test_paragraphs_added_after_the_body_and_page_breaks(exported, tmp_path):
    """Enter at the end of the last paragraph makes a paragraph after the
    bookmark's end: it still belongs to the article. A page break typed into
    a paragraph is not a line of text."""
    _issue, path = exported
    d = docx.Document(str(path))
    body = _body_paragraphs(d, "s02")
    new = copy.deepcopy(body[-1]._p)
    for el in list(new):
        if el.tag != qn("w:pPr"):
            new.remove(el)
    body[-1]._p.addnext(new)
    new_p = docx.text.paragraph.Paragraph(new, body[-1]._parent)
    new_p.add_run("新加的一段。")
    body[0].add_run().add_break(docx.enum.text.WD_BREAK.PAGE)
    del_para = body[1]
    del_para._p.getparent().remove(del_para._p)  # a paragraph deleted outright
    d.save(str(tmp_path / "edited.docx"))
    art = read_docx(tmp_path / "edited.docx").article("s02")
    assert art.paragraphs == ["夜校开在村委会二楼。", "", "后来\t人越来越多。", "新加的一段。"]
    assert read_docx(tmp_path / "edited.docx").article("s03").text == "菜园沿河而建。"


def test_libreoffice_style_duplicate_bookmarks_and_body_level_starts(exported, tmp_path):
    """LibreOffice 7.4 writes a multi-paragraph bookmark's start twice; a
    bookmark may also stand between paragraphs."""
    _issue, path = exported
    d = docx.Document(str(path))
    body = _body_paragraphs(d, "s02")
    dup = copy.deepcopy(next(body[0]._p.iter(qn("w:bookmarkStart"))))
    dup.set(qn("w:id"), "990")
    body[-1]._p.append(dup)
    title = next(p for p in d.paragraphs if p.text == "河边的菜园")
    start = next(title._p.iter(qn("w:bookmarkStart")))
    title._p.remove(start)
    title._p.addprevious(start)  # body level, before the paragraph
    d.save(str(tmp_path / "lo.docx"))
    doc = read_docx(tmp_path / "lo.docx")
    assert doc.article("s02").text == "夜校开在村委会二楼。\n第一年只来了三个人。\n\n后来\t人越来越多。"
    assert doc.article("s03").title == "河边的菜园"


def _rewrite(path, dst, member, fn):
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(dst, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            zout.writestr(item, fn(data) if item.filename == member else data)


def test_a_newer_format_is_refused_and_a_damaged_revision_record_ignored(exported, tmp_path):
    _issue, path = exported
    _rewrite(path, tmp_path / "new.docx", "docProps/custom.xml",
             lambda b: b.replace(b"<vt:lpwstr>1</vt:lpwstr>", b"<vt:lpwstr>9</vt:lpwstr>", 1))
    with pytest.raises(DocxImportError, match="newer version"):
        read_docx(tmp_path / "new.docx")
    _rewrite(path, tmp_path / "dmg.docx", "docProps/custom.xml", lambda b: b.replace(b"[7, 3]", b"[7, "))
    assert read_docx(tmp_path / "dmg.docx").revisions == {}


def test_other_documents_are_manuscripts(tmp_path):
    d = docx.Document()
    d.add_paragraph("题目", style="Title")
    d.add_paragraph("正文一段。")
    d.save(str(tmp_path / "ms.docx"))
    ms = read_docx(tmp_path / "ms.docx")
    assert isinstance(ms, Manuscript) and ms.title == "题目" and ms.text == "正文一段。"
