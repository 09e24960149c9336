"""The issue / article DOCX: structure, comments on exact spans, tracked
changes that accept to the current text and reject to the older one,
traditional copies, errors and atomic writes."""

from __future__ import annotations

import os
import zipfile

import docx
import pytest

from editor_app.export import ExportError, export_article_docx, export_issue_docx
from editor_app.export.annotate import plan_anchors
from editor_app.model import Finding, SegmentRef

from .conftest import AUTHOR, DATE
from .docx_read import anchored_texts, comments, has_part, paragraphs, part, resolved_lines, w, xml

HEAD_STYLES = {"ColumnHeading", "Kicker", "Heading1", "Subtitle", "Byline", "BylineRole"}
BODY_STYLES = {"Lead", "Heading3", "BodyText", "Caption", "InsertNote", "EndMark"}


def article_blocks(path):
    """[(title, [body paragraph (style, text)])] in document order."""
    out = []
    for style, text in paragraphs(path):
        if style == "Heading1":
            out.append((text, []))
        elif style in BODY_STYLES and out:
            out[-1][1].append((style, text))
    return out


def test_plain_issue_structure(issue, tmp_path):
    path = export_issue_docx(issue, tmp_path / "issue.docx", author=AUTHOR, date=DATE)
    d = docx.Document(str(path))
    # A4 portrait, margins
    sec = d.sections[0]
    assert (round(sec.page_width.mm), round(sec.page_height.mm)) == (210, 297)
    assert round(sec.left_margin.mm) == 28 and round(sec.top_margin.mm) == 25
    # document properties
    cp = d.core_properties
    assert cp.title == "东越视窗 2025年第3期" and cp.author == AUTHOR
    assert cp.created.replace(tzinfo=None) == DATE.replace(tzinfo=None)
    # cover, contents, then one block per article with its kinds as styles
    styles = [p.style.name for p in d.paragraphs]
    assert styles[0] == "Title" and d.paragraphs[0].text == "东越视窗"
    texts = [p.text for p in d.paragraphs]
    assert "2025年第3期" in texts and "总第612期　半月刊" in texts
    blocks = article_blocks(path)
    assert [t for t, _ in blocks] == ["以软件创新推动产业升级", "古镇里的新生活"]
    for (_title, body), seg in zip(blocks, issue.articles(), strict=True):
        assert [t for _s, t in body] == seg.editable_text()[0].split("\n")
    kinds = [s for s, _ in blocks[0][1]]
    assert kinds == ["Lead", "BodyText", "Heading3", "BodyText", "Caption", "BodyText", "EndMark"]
    assert styles.count("Heading 1") == 2
    # each article starts on a new page
    col = [p for p in d.paragraphs if p.style.name == "Column Heading"]
    assert [p.text for p in col] == ["本期关注", "文化"]
    assert all(p.paragraph_format.page_break_before for p in col)
    # the static contents list carries the magazine's page numbers
    entries = [p.text for p in d.paragraphs if p.style.name == "Contents Entry"]
    assert entries == ["以软件创新推动产业升级\t8", "古镇里的新生活\t12"]
    # no comments, no tracked changes in a plain copy
    assert not comments(path)
    assert xml(path, "word/document.xml").find(f".//{w('ins')}") is None


def test_toc_field_page_field_and_update_on_open(issue, tmp_path):
    path = export_issue_docx(issue, tmp_path / "issue.docx", date=DATE)
    doc = xml(path, "word/document.xml")
    instr = [t.text.strip() for t in doc.iter(w("instrText"))]
    assert instr == ['TOC \\o "1-2" \\h \\z \\u']
    kinds = [f.get(w("fldCharType")) for f in doc.iter(w("fldChar"))]
    assert kinds == ["begin", "separate", "end"]
    settings = xml(path, "word/settings.xml")
    assert settings.find(w("updateFields")).get(w("val")) == "true"
    footer = xml(path, "word/footer1.xml")
    assert [t.text.strip() for t in footer.iter(w("instrText"))] == ["PAGE"]
    # the cover page has no header or footer
    assert doc.find(f".//{w('sectPr')}/{w('titlePg')}") is not None


def test_styles_set_east_asian_fonts_indent_and_spacing(issue, tmp_path):
    path = export_issue_docx(issue, tmp_path / "issue.docx", date=DATE)
    st = xml(path, "word/styles.xml")

    def style(sid):
        return st.find(f"{w('style')}[@{w('styleId')}='{sid}']")

    normal_fonts = style("Normal").find(f"{w('rPr')}/{w('rFonts')}")
    assert normal_fonts.get(w("eastAsia")) == "宋体" and normal_fonts.get(w("ascii")) == "Times New Roman"
    h1_fonts = style("Heading1").find(f"{w('rPr')}/{w('rFonts')}")
    assert h1_fonts.get(w("eastAsia")) == "黑体" and h1_fonts.get(w("ascii")) == "Arial"
    ind = style("BodyText").find(f"{w('pPr')}/{w('ind')}")
    assert ind.get(w("firstLineChars")) == "200" and ind.get(w("firstLine")) == "480"
    spacing = style("Normal").find(f"{w('pPr')}/{w('spacing')}")
    assert spacing.get(w("line")) == "360"  # 1.5 lines
    # no theme fonts left anywhere: they would override w:eastAsia
    assert not [el for el in st.iter(w("rFonts")) if el.get(w("eastAsiaTheme")) or el.get(w("asciiTheme"))]
    # the template's thumbnail is gone
    assert not has_part(path, "docProps/thumbnail.jpeg")


def test_review_copy_comments_sit_on_exactly_the_finding_excerpts(issue, edits, findings, tmp_path):
    cur, base = edits
    path = export_issue_docx(issue, tmp_path / "review.docx", texts=cur, findings=findings, base_texts=base,
                             author=AUTHOR, date=DATE)
    written = [f for f in findings if f.segment_key in ("s02", "s03")]  # s01 is not exported
    got = comments(path)
    assert len(got) == len(written)
    anchored = anchored_texts(path)
    assert set(anchored) == set(got)
    # map each comment back to its finding through the planned anchors (ids follow document order)
    for cid, c in got.items():
        (f,) = [g for g in written if g.message in c["text"]]
        assert c["author"] == AUTHOR and c["initials"] == "校对"  # the person exporting, not a rule id
        assert f.rule not in c["text"]
        assert c["date"] == "2024-06-01T08:00:00Z"
        assert f.message in c["text"]
        text = cur[f.segment_key]
        seg = issue.segment(f.segment_key)
        (a,) = plan_anchors(text, seg.title, [f])
        if f.excerpt and text[f.start:f.end] == f.excerpt:
            assert anchored[cid] == f.excerpt  # exact characters
        elif a.on_title:
            assert anchored[cid] == seg.title
        else:  # empty span: the neighbouring character
            assert anchored[cid] == text[a.start:a.end] and len(anchored[cid]) == 1
    assert "建议：删除“已有”" in {c["text"].split(" ", 1)[-1] for c in got.values()}
    assert any(c["text"].startswith("［已排除］") for c in got.values())
    assert any(c["text"].startswith("【正文已改动") for c in got.values())


def test_review_copy_tracked_changes_accept_to_current_and_reject_to_base(issue, edits, findings, tmp_path):
    cur, base = edits
    path = export_article_docx(issue, "s02", tmp_path / "a.docx", text=cur["s02"], base_text=base["s02"],
                               findings=[f for f in findings if f.segment_key == "s02"], author=AUTHOR, date=DATE)
    doc = xml(path, "word/document.xml")
    marks = list(doc.iter(w("ins"), w("del")))
    assert marks
    for m in marks:
        assert m.get(w("author")) == AUTHOR and m.get(w("date")) == "2024-06-01T08:00:00Z"
    ids = [m.get(w("id")) for m in marks]
    assert len(ids) == len(set(ids))
    assert all(d.find(f".//{w('t')}") is None for d in doc.iter(w("del")))  # deleted text is w:delText
    assert resolved_lines(path, BODY_STYLES, accept=True) == cur["s02"].split("\n")
    assert resolved_lines(path, BODY_STYLES, accept=False) == base["s02"].split("\n")
    # comments and changes together: every range still closes, on the right text
    assert set(anchored_texts(path)) == set(comments(path))


def test_tracked_paragraph_insertions_and_deletions(issue, tmp_path):
    seg = issue.segment("s03")
    base = seg.editable_text()[0]
    lines = base.split("\n")
    cur = "\n".join([lines[0], "编辑新增一段文字。", lines[2]])  # the insert line replaced
    path = export_article_docx(issue, "s03", tmp_path / "a.docx", text=cur, base_text=base, date=DATE)
    assert resolved_lines(path, BODY_STYLES, accept=True) == cur.split("\n")
    assert resolved_lines(path, BODY_STYLES, accept=False) == lines
    cur2 = "\n".join([lines[0], lines[2]])  # a paragraph deleted
    path2 = export_article_docx(issue, "s03", tmp_path / "b.docx", text=cur2, base_text=base, date=DATE)
    assert resolved_lines(path2, BODY_STYLES, accept=True) == cur2.split("\n")
    assert resolved_lines(path2, BODY_STYLES, accept=False) == lines
    doc = xml(path2, "word/document.xml")
    assert doc.find(f".//{w('pPr')}/{w('rPr')}/{w('del')}") is not None  # the paragraph mark too


def test_no_base_difference_means_no_tracked_changes(issue, tmp_path):
    text = issue.segment("s03").editable_text()[0]
    path = export_article_docx(issue, "s03", tmp_path / "a.docx", text=text, base_text=text, date=DATE)
    assert xml(path, "word/document.xml").find(f".//{w('ins')}") is None


def test_texts_override_and_subset_of_articles(issue, tmp_path):
    path = export_issue_docx(issue, tmp_path / "one.docx", articles=["s03"], texts={"s03": "新的第一段\n新的第二段"},
                             date=DATE)
    blocks = article_blocks(path)
    assert blocks == [("古镇里的新生活", [("BodyText", "新的第一段"), ("BodyText", "新的第二段")])]


def test_traditional_edition_keeps_comments_and_changes_and_uses_traditional_fonts(issue, edits, findings, tmp_path):
    cur, base = edits
    path = export_issue_docx(issue, tmp_path / "tw.docx", texts=cur, traditional="tw", findings=findings,
                             base_texts=base, date=DATE)
    texts = "\n".join(t for _s, t in paragraphs(path))
    # characters only by default: 软件 is 軟件, not the Taiwanese word 軟體
    assert "軟件" in texts and "軟體" not in texts and "软件" not in texts
    assert "「數字+」" in texts  # corner quotes
    # comments on the same characters, now traditional; the changes are tracked
    anchored = anchored_texts(path)
    assert "1200億元" in anchored.values()
    simplified = export_issue_docx(issue, tmp_path / "cn.docx", texts=cur, findings=findings, base_texts=base,
                                   date=DATE)
    assert len(comments(path)) == len(comments(simplified)) > 0
    accepted = resolved_lines(path, BODY_STYLES, accept=True)
    assert "全市新建5G基站3000個，累計建成資料中心8個。" not in accepted  # no vocabulary
    assert "全市新建5G基站3000個，累計建成數據中心8個。" in accepted
    assert "全市新建5G基站3000個,累計建成數據中心8個。" in resolved_lines(path, BODY_STYLES, accept=False)
    st = part(path, "word/styles.xml").decode()
    assert 'w:eastAsia="新細明體"' in st and 'w:eastAsia="zh-TW"' in st
    assert "<dc:language>zh-TW</dc:language>" in part(path, "docProps/core.xml").decode()
    regional = export_issue_docx(issue, tmp_path / "tw-r.docx", traditional="tw", regional_vocabulary=True, date=DATE)
    assert "軟體" in "\n".join(t for _s, t in paragraphs(regional))
    hk = export_issue_docx(issue, tmp_path / "hk.docx", traditional="hk", date=DATE)
    hk_text = "\n".join(t for _s, t in paragraphs(hk))
    assert "軟件" in hk_text
    assert 'w:eastAsia="細明體_HKSCS"' in part(hk, "word/styles.xml").decode()
    assert "<dc:language>zh-HK</dc:language>" in part(hk, "docProps/core.xml").decode()


@pytest.mark.parametrize(
    "kwargs, needle",
    [
        ({"articles": ["s99"]}, "s99"),
        ({"texts": {"s42": "x"}}, "s42"),
        ({"findings": [Finding("a.b", "wording", "info", "m", 0, 1, segment=SegmentRef("s77"))]}, "s77"),
        ({"traditional": "jp"}, "jp"),
    ],
)
def test_bad_arguments_raise_export_error(issue, tmp_path, kwargs, needle):
    with pytest.raises(ExportError) as exc:
        export_issue_docx(issue, tmp_path / "x.docx", **kwargs)
    msg = str(exc.value)
    assert needle in msg and "\n" not in msg and " / " in msg  # one line, Chinese / English
    assert not (tmp_path / "x.docx").exists()


def test_unwritable_targets_raise_export_error(issue, tmp_path):
    (tmp_path / "afile").write_text("x")
    for target in (tmp_path / "missing" / "x.docx", tmp_path, tmp_path / "afile" / "x.docx"):
        with pytest.raises(ExportError):
            export_issue_docx(issue, target)


def test_write_is_atomic(issue, tmp_path, monkeypatch):
    target = tmp_path / "issue.docx"
    target.write_bytes(b"old content")

    def boom(self, stream):
        # the package is built in memory (export.common.docx_writer), then written
        stream.write(b"partial")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(docx.document.Document, "save", boom)
    with pytest.raises(ExportError) as exc:
        export_issue_docx(issue, target)
    assert "No space left" in str(exc.value)
    assert target.read_bytes() == b"old content"
    assert sorted(os.listdir(tmp_path)) == ["issue.docx"]  # no temporary file left behind


def test_every_xml_part_is_well_formed_and_the_zip_is_complete(issue, edits, findings, tmp_path):
    cur, base = edits
    path = export_issue_docx(issue, tmp_path / "r.docx", texts=cur, findings=findings, base_texts=base)
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None
        names = zf.namelist()
        for n in names:
            if n.endswith((".xml", ".rels")):
                xml(path, n)
        ct = zf.read("[Content_Types].xml").decode()
        assert "comments+xml" in ct
        assert "word/comments.xml" in names


@pytest.mark.sample
def test_reference_sample_issue_exports_every_article(sample_issue, tmp_path):
    path = export_issue_docx(sample_issue, tmp_path / "sample.docx", date=DATE)
    blocks = article_blocks(path)
    arts = sample_issue.articles()
    assert len(blocks) == len(arts)
    for (title, body), seg in zip(blocks, arts, strict=True):
        assert title == seg.title
        assert len(body) == len(seg.body_paragraphs)
        assert "\n".join(t for _s, t in body) == seg.editable_text()[0]


def test_many_comments_get_unique_ids_and_python_docx_reads_them(issue, tmp_path):
    text = issue.segment("s02").editable_text()[0]
    fs = [Finding("bulk.x", "wording", "info", f"第{k}条", k % len(text), k % len(text) + 1,
                  excerpt=text[k % len(text)], segment=SegmentRef("s02")) for k in range(300) if text[k % len(text)] != "\n"]
    path = export_issue_docx(issue, tmp_path / "many.docx", findings=fs, date=DATE)
    d = docx.Document(str(path))
    got = list(d.comments)
    assert len(got) == len(fs)
    assert len({c.comment_id for c in got}) == len(fs)
    assert {c.text for c in got} == {f.message for f in fs}
    assert all(c.timestamp == DATE for c in got)
    anchored = anchored_texts(path)
    assert len(anchored) == len(fs) and all(len(v) == 1 for v in anchored.values())
