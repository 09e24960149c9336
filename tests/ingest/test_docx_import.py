"""DOCX manuscripts: bad files are refused before anything risky is parsed;
real manuscripts are read (title, subtitle, byline, paragraphs); an exported
article comes back unchanged."""

from __future__ import annotations

import zipfile

import docx
import pytest

from editor_app.ingest import docx_import
from editor_app.ingest.docx_import import DocxImportError, read_docx_bytes, read_docx_manuscript


def manuscript_docx(path, *, title_style="Title"):
    d = docx.Document()
    d.add_paragraph("古镇里的新生活", style=title_style)
    d.add_paragraph("——一座江南古镇的保护与开发", style="Subtitle")
    d.add_paragraph("文/赵雷 钱多多")
    d.add_paragraph("清晨，古镇的石板路上已有游客往来。")
    d.add_paragraph("")  # blank line: dropped
    d.add_paragraph("一、留住乡愁", style="Heading 2")
    d.add_paragraph("近年来，当地保护与开发并重，古镇焕发新活力。")
    d.save(str(path))
    return path


def rezip(src, out, replace: dict[str, bytes | None], extra: dict[str, bytes] | None = None):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in replace:
                if replace[info.filename] is not None:
                    zout.writestr(info.filename, replace[info.filename])
            else:
                zout.writestr(info, zin.read(info.filename))
        for name, data in (extra or {}).items():
            zout.writestr(name, data)
    return out


@pytest.fixture
def good(tmp_path):
    return manuscript_docx(tmp_path / "good.docx")


def refused(path, *words):
    with pytest.raises(DocxImportError) as exc:
        read_docx_manuscript(path)
    msg = str(exc.value)
    assert path.name in msg and "\n" not in msg and " / " in msg, msg
    for word in words:
        assert word in msg, msg
    return msg


# -- refusals -------------------------------------------------------------------


def test_text_file_renamed_docx(tmp_path):
    p = tmp_path / "notes.docx"
    p.write_text("这只是一个文本文件。", encoding="utf-8")
    refused(p, "不是 DOCX")


def test_zip_without_document_xml(tmp_path):
    p = tmp_path / "other.docx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("readme.txt", "hello")
    refused(p)
    p2 = tmp_path / "nodoc.docx"
    rezip(manuscript_docx(tmp_path / "g.docx"), p2, {"word/document.xml": None})
    refused(p2, "word/document.xml")


def test_ole_compound_file_encrypted_or_legacy_doc(tmp_path):
    p = tmp_path / "secret.docx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2048)
    refused(p, "加密", ".doc")


def test_zip_bomb_member_is_refused_before_reading(tmp_path, good, monkeypatch):
    p = tmp_path / "bomb.docx"
    rezip(good, p, {}, extra={"word/media/zeros.bin": b"\x00" * (60 * 1024 * 1024)})
    assert p.stat().st_size < 1024 * 1024  # ~60 KB on disk
    read = []
    monkeypatch.setattr(docx_import._Package, "read", lambda self, m: read.append(m))
    refused(p, "压缩炸弹")
    assert read == []  # nothing was decompressed


def test_too_much_uncompressed_data_and_too_many_members(tmp_path, good, monkeypatch):
    monkeypatch.setattr(docx_import, "MAX_TOTAL_BYTES", 20_000)
    refused(good, "体积过大")
    monkeypatch.setattr(docx_import, "MAX_TOTAL_BYTES", 100 * 1024 * 1024)
    p = tmp_path / "many.docx"
    rezip(good, p, {}, extra={f"customXml/x{i}.bin": b"x" for i in range(30)})
    monkeypatch.setattr(docx_import, "MAX_MEMBERS", 25)
    refused(p, "成员过多")


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"""


def test_billion_laughs_doctype(tmp_path, good):
    p = rezip(good, tmp_path / "laughs.docx", {"word/document.xml": BILLION_LAUGHS})
    refused(p, "DOCTYPE")


def test_external_entity_in_any_part(tmp_path, good):
    p = rezip(good, tmp_path / "xxe.docx", {"word/styles.xml": XXE})
    refused(p, "word/styles.xml", "DOCTYPE")


def test_doctype_hidden_in_utf16(tmp_path, good):
    data = BILLION_LAUGHS.replace(b'<?xml version="1.0"?>', b'<?xml version="1.0" encoding="UTF-16"?>')
    p = rezip(good, tmp_path / "u16.docx", {"word/document.xml": data.decode().encode("utf-16")})
    refused(p, "DOCTYPE")


def test_malformed_xml(tmp_path, good):
    p = rezip(good, tmp_path / "broken.docx", {"word/document.xml": b"<w:document><w:body><w:p>"})
    refused(p, "XML")


def test_truncated_zip(tmp_path, good):
    data = good.read_bytes()
    p = tmp_path / "cut.docx"
    p.write_bytes(data[: len(data) // 2])
    refused(p, "损坏")


def test_corrupt_member_data(tmp_path, good):
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as zf:
        info = zf.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for k in range(start + 10, start + 40):
        data[k] ^= 0xFF
    p = tmp_path / "crc.docx"
    p.write_bytes(bytes(data))
    refused(p)


def test_missing_file(tmp_path):
    refused(tmp_path / "nowhere.docx", "无法读取")


# -- real manuscripts ---------------------------------------------------------------


def test_reads_a_manuscript_with_title_style(good):
    m = read_docx_manuscript(good)
    assert m.title == "古镇里的新生活"
    assert m.subtitle == "一座江南古镇的保护与开发"
    assert m.authors == ["赵雷", "钱多多"]
    assert m.paragraphs == ["清晨，古镇的石板路上已有游客往来。", "一、留住乡愁", "近年来，当地保护与开发并重，古镇焕发新活力。"]
    assert m.kinds == ["body", "heading", "body"]
    assert m.text == "\n".join(m.paragraphs)
    assert m.source_name == "good.docx"


def test_heading_1_title_and_untitled_documents(tmp_path):
    m = read_docx_manuscript(manuscript_docx(tmp_path / "h1.docx", title_style="Heading 1"))
    assert m.title == "古镇里的新生活"
    d = docx.Document()
    d.add_paragraph("无样式的标题")
    d.add_paragraph("本刊记者 孙悦")
    d.add_paragraph("正文第一段。")
    d.save(str(tmp_path / "plain.docx"))
    m = read_docx_manuscript(tmp_path / "plain.docx")
    assert (m.title, m.role, m.authors, m.paragraphs) == ("无样式的标题", "本刊记者", ["孙悦"], ["正文第一段。"])


def test_tracked_changes_are_read_as_accepted(tmp_path, good):
    W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    doc = (
        f'<w:document {W}><w:body>'
        '<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>标题</w:t></w:r></w:p>'
        '<w:p><w:r><w:t>保留</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>删去</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="a"><w:r><w:t>新增</w:t></w:r></w:ins><w:r><w:tab/><w:t>尾</w:t></w:r></w:p>'
        '<w:p><w:pPr><w:rPr><w:del w:id="3" w:author="a"/></w:rPr></w:pPr><w:r><w:t>前半</w:t></w:r></w:p>'
        '<w:p><w:r><w:t>后半</w:t></w:r><w:r><w:br/><w:t>换行后</w:t></w:r></w:p>'
        '</w:body></w:document>'
    ).encode()
    p = rezip(good, tmp_path / "tracked.docx", {"word/document.xml": doc})
    m = read_docx_manuscript(p)
    assert m.title == "标题"
    assert m.paragraphs == ["保留新增\t尾", "前半后半", "换行后"]


def test_read_docx_bytes_refuses_empty_document(good, tmp_path):
    W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    p = rezip(good, tmp_path / "empty.docx", {"word/document.xml": f"<w:document {W}><w:body/></w:document>".encode()})
    refused(p, "没有任何文字")
    with pytest.raises(DocxImportError):
        read_docx_bytes(b"PK\x03\x04garbage", "x.docx")


def test_round_trip_of_an_exported_article(tmp_path):
    from editor_app.export import export_article_docx
    from tests.export.conftest import build_issue

    issue = build_issue()
    for sid in ("s02", "s03"):
        seg = issue.segment(sid)
        path = export_article_docx(issue, sid, tmp_path / f"{sid}.docx")
        m = read_docx_manuscript(path)
        assert m.title == seg.title
        assert m.subtitle == seg.subtitle
        assert m.authors == seg.authors and m.role == seg.role
        assert m.paragraphs == seg.editable_text()[0].split("\n")
    assert m.front == ["文化"]


@pytest.mark.sample
def test_round_trip_of_sample_articles(sample_issue, tmp_path):
    from editor_app.export import export_article_docx

    for seg in sample_issue.articles():
        path = export_article_docx(sample_issue, seg.id, tmp_path / f"{seg.id}.docx")
        m = read_docx_manuscript(path)
        assert (m.title, m.authors, m.role) == (seg.title, seg.authors, seg.role)
        assert m.text == seg.editable_text()[0], seg.id
