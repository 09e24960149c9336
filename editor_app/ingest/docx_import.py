"""A DOCX manuscript -> title, subtitle, authors and paragraphs.

The file is checked before anything parses it, and refused with a one-line
:class:`DocxImportError` (Chinese, then English, naming the file) when it is:

- not a ZIP package, or a ZIP without the main document part;
- an OLE compound file (``D0 CF 11 E0``): an encrypted OOXML file or a legacy
  ``.doc``;
- a ZIP bomb: too many members, too much uncompressed data, or a member that
  expands more than ``MAX_RATIO`` times;
- XML with a DOCTYPE or ENTITY declaration (billion laughs, external
  entities), checked on the raw bytes, then parsed with a hardened parser
  (no entity resolution, no DTD, no network);
- malformed XML or a damaged (truncated) ZIP.

Nothing partial: :func:`read_docx_manuscript` returns a complete
:class:`Manuscript` or raises.

Text is read from the XML as Word shows it with all changes accepted:
inserted runs count, deleted runs (``w:delText``) do not; tabs become "\\t";
a line break (``w:br``/``w:cr``) starts a new paragraph (a page or column
break does not); empty paragraphs are dropped. Body-level tables are read
cell by cell, in order.

The app's own exports are recognised by their custom document properties
(:mod:`editor_app.model.roundtrip`): :func:`read_docx` returns an
:class:`ExportedDocument` for them, each article's header fields and body
found by its bookmarks (the cover and contents are not articles), empty
paragraphs and spacing kept, so that an unedited export reads back as the
exact text it was made from. Any other file is a :class:`Manuscript`.
"""

from __future__ import annotations

import io
import json
import lzma
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from lxml import etree

from editor_app.model import roundtrip as rt
from editor_app.model.roundtrip import ExportedArticle, ExportedDocument

from .decode import read_regular_file

MAX_FILE_BYTES = 100 * 1024 * 1024  # the .docx itself
MAX_TOTAL_BYTES = 100 * 1024 * 1024  # all members, uncompressed
MAX_XML_BYTES = 50 * 1024 * 1024  # one XML member, uncompressed
MAX_MEMBERS = 2000
MAX_TEXT_CHARS = 2_000_000  # the manuscript's text; an article is ~5,000 characters
MAX_RATIO = 100  # uncompressed / compressed, for members above RATIO_MIN_BYTES
RATIO_MIN_BYTES = 1024 * 1024

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOC = "/officeDocument"
CUSTOM_PROPS = "/custom-properties"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
STYLES_REL = "/styles"

TITLE_STYLES = {"title", "heading 1", "标题", "标题 1"}
SUBTITLE_STYLES = {"subtitle", "副标题"}
BYLINE_STYLES = {"byline", "author", "作者", "署名"}
ROLE_STYLES = {"byline role"}
HEADING_STYLES = {f"heading {k}" for k in range(2, 10)} | {"intertitle", "小标题"}
CAPTION_STYLES = {"caption", "题注", "图注"}
LEAD_STYLES = {"lead", "导语", "摘要"}

# "文/张三", "作者：张三 李四", "■张三", "本刊记者 张三"
_BYLINE = re.compile(
    r"^\s*(?:■\s*|(?:文|撰文|作者|记者)\s*[/／:：]\s*)(?P<names>.+?)\s*$"
)
_ROLE_PREFIX = re.compile(r"^\s*(?P<role>本刊(?:特约)?记者|本刊评论员|本刊通讯员|特约记者|通讯员)\s*(?P<names>.*)$")
_NAME_SPLIT = re.compile(r"[\s、，,;；/／]+")


class DocxImportError(Exception):
    """The file was refused or could not be read. One line, Chinese then English."""


@dataclass
class Manuscript:
    title: str
    subtitle: str
    authors: list[str]
    paragraphs: list[str]  # body paragraphs, in order
    text: str  # paragraphs joined by "\n"
    role: str = ""  # 本刊记者, an affiliation line
    front: list[str] = field(default_factory=list)  # paragraphs before the title (column, kicker)
    kinds: list[str] = field(default_factory=list)  # per paragraph: body, heading, caption, lead
    source_name: str = ""


def _fail(name: str, zh: str, en: str) -> DocxImportError:
    return DocxImportError(f"无法导入“{name}”：{zh} / Cannot import {name}: {en}")


# -- package checks -------------------------------------------------------------


def _check_xml_bytes(data: bytes, member: str, name: str) -> None:
    """Refuse DTDs and entity declarations in any encoding we accept."""
    head = data[:4]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            probe = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError as exc:
            raise _fail(name, f"{member} 编码错误", f"{member} is badly encoded") from exc
    elif head in (b"\x00<\x00?", b"<\x00?\x00", b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00"):
        raise _fail(name, f"{member} 使用了不支持的编码", f"{member} uses an unsupported encoding")
    else:
        probe = data
    upper = probe.upper()
    if b"<!DOCTYPE" in upper or b"<!ENTITY" in upper:
        raise _fail(name, f"{member} 含有 DOCTYPE/ENTITY 声明，已拒绝", f"{member} declares a DOCTYPE/ENTITY; refused")


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )


def _parse(data: bytes, member: str, name: str) -> etree._Element:
    _check_xml_bytes(data, member, name)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise _fail(name, f"{member} 不是格式正确的 XML", f"{member} is malformed XML") from exc
    if root.getroottree().docinfo.doctype:
        raise _fail(name, f"{member} 含有 DOCTYPE 声明，已拒绝", f"{member} declares a DOCTYPE; refused")
    return root


class _Package:
    """The checked ZIP: every XML member pre-screened, reads bounded."""

    def __init__(self, data: bytes, name: str):
        self.name = name
        try:
            self.zf = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zf.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
            raise _fail(name, "文件已损坏或不是完整的 DOCX", "the file is damaged or not a complete DOCX") from exc
        if len(infos) > MAX_MEMBERS:
            raise _fail(name, f"压缩包成员过多（{len(infos)} 个）", f"too many archive members ({len(infos)})")
        total = sum(i.file_size for i in infos)
        if total > MAX_TOTAL_BYTES:
            raise _fail(name, "解压后体积过大，疑似压缩炸弹", "uncompressed size too large (zip bomb?)")
        for i in infos:
            if i.file_size >= RATIO_MIN_BYTES and i.file_size > MAX_RATIO * max(i.compress_size, 1):
                raise _fail(name, f"成员 {i.filename} 压缩比异常，疑似压缩炸弹", f"member {i.filename} expands too much (zip bomb?)")
            if i.filename.lower().endswith((".xml", ".rels")) and i.file_size > MAX_XML_BYTES:
                raise _fail(name, f"成员 {i.filename} 过大", f"member {i.filename} is too large")
            if i.flag_bits & 0x1:
                raise _fail(name, "文件已加密", "the file is encrypted")
        self.infos = {i.filename: i for i in infos}

    def has(self, member: str) -> bool:
        return member in self.infos

    def read(self, member: str) -> bytes:
        info = self.infos[member]
        try:
            with self.zf.open(info) as fh:
                data = fh.read(info.file_size + 1)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError,
                zlib.error, lzma.LZMAError) as exc:
            raise _fail(self.name, f"成员 {member} 已损坏", f"member {member} is damaged") from exc
        if len(data) > info.file_size:
            raise _fail(self.name, f"成员 {member} 大小与目录不符", f"member {member} is larger than declared")
        return data

    def xml(self, member: str) -> etree._Element:
        return _parse(self.read(member), member, self.name)

    def screen_all_xml(self) -> None:
        for member in self.infos:
            if member.lower().endswith((".xml", ".rels")):
                self.xml(member)

    def main_part(self) -> str:
        """The main document part named by ``_rels/.rels`` (word/document.xml)."""
        if not self.has("_rels/.rels"):
            raise _fail(self.name, "缺少包关系文件，不是 DOCX", "no package relationships; not a DOCX")
        root = self.xml("_rels/.rels")
        for rel in root.iter(f"{{{REL_NS}}}Relationship"):
            if rel.get("Type", "").endswith(OFFICE_DOC) and rel.get("TargetMode") != "External":
                target = rel.get("Target", "").lstrip("/")
                if target and self.has(target):
                    return target
        if self.has("word/document.xml"):
            return "word/document.xml"
        raise _fail(self.name, "缺少 word/document.xml，不是 Word 文档", "no word/document.xml; not a Word document")

    def package_part(self, suffix: str) -> str | None:
        """The package-level part whose relationship type ends with ``suffix``."""
        if not self.has("_rels/.rels"):
            return None
        for rel in self.xml("_rels/.rels").iter(f"{{{REL_NS}}}Relationship"):
            if rel.get("Type", "").endswith(suffix) and rel.get("TargetMode") != "External":
                target = _normpath(rel.get("Target", "").lstrip("/"))
                return target if self.has(target) else None
        return None

    def related(self, part: str, suffix: str) -> str | None:
        p = PurePosixPath(part)
        rels = str(p.parent / "_rels" / f"{p.name}.rels")
        if not self.has(rels):
            return None
        for rel in self.xml(rels).iter(f"{{{REL_NS}}}Relationship"):
            if rel.get("Type", "").endswith(suffix) and rel.get("TargetMode") != "External":
                target = rel.get("Target", "")
                full = target.lstrip("/") if target.startswith("/") else str(PurePosixPath(p.parent, target))
                full = _normpath(full)
                return full if self.has(full) else None
        return None


def _normpath(path: str) -> str:
    parts: list[str] = []
    for seg in path.split("/"):
        if seg == "..":
            if parts:
                parts.pop()
        elif seg and seg != ".":
            parts.append(seg)
    return "/".join(parts)


# -- reading the text -------------------------------------------------------------


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _style_names(pkg: _Package, main: str) -> dict[str, str]:
    """styleId -> lower-case style name (built-in names are English in the file)."""
    part = pkg.related(main, STYLES_REL)
    if part is None:
        return {}
    out = {}
    for st in pkg.xml(part).iter(_w("style")):
        sid = st.get(_w("styleId"))
        name_el = st.find(_w("name"))
        if sid:
            out[sid] = (name_el.get(_w("val")) if name_el is not None else sid).lower()
    return out


_SKIP = {_w("del"), _w("moveFrom"), _w("instrText"), _w("delInstrText"), _w("commentReference"),
         _w("footnoteReference"), _w("endnoteReference"), _w("pPr"), _w("rPr")}


def _para_lines(p: etree._Element) -> list[str]:
    """The paragraph's text as shown with changes accepted; line breaks split it."""
    lines = [""]

    def walk(el: etree._Element) -> None:
        for child in el:
            tag = child.tag
            if tag in _SKIP or not isinstance(tag, str):
                continue
            if tag == _w("t"):
                lines[-1] += child.text or ""
            elif tag == _w("tab"):
                lines[-1] += "\t"
            elif tag == _w("br") and child.get(_w("type")) in ("page", "column"):
                continue  # a page break inside a paragraph is layout, not text
            elif tag in (_w("br"), _w("cr")):
                lines.append("")
            elif tag == _w("noBreakHyphen"):
                lines[-1] += "\u2011"
            elif tag == _w("softHyphen"):
                continue
            elif tag == _w("txbxContent"):
                continue  # text boxes are not part of the running text
            else:
                walk(child)

    walk(p)
    return lines


def _blocks(body: etree._Element):
    """(paragraph element) for body paragraphs and table-cell paragraphs, in order."""
    for el in body:
        if el.tag == _w("p"):
            yield el
        elif el.tag == _w("tbl"):
            yield from el.iter(_w("p"))
        elif el.tag == _w("sdt"):
            content = el.find(_w("sdtContent"))
            if content is not None:
                yield from _blocks(content)


def _mark_deleted(p: etree._Element) -> bool:
    ppr = p.find(_w("pPr"))
    rpr = ppr.find(_w("rPr")) if ppr is not None else None
    return rpr is not None and rpr.find(_w("del")) is not None


def _style_of(p: etree._Element, names: dict[str, str]) -> str:
    ppr = p.find(_w("pPr"))
    if ppr is None:
        return "normal"
    ps = ppr.find(_w("pStyle"))
    if ps is None:
        return "normal"
    sid = ps.get(_w("val"), "")
    return names.get(sid, sid.lower())


def _split_names(text: str) -> list[str]:
    return [n for n in _NAME_SPLIT.split(text.strip()) if n]


def _kind(style: str) -> str:
    if style in HEADING_STYLES:
        return "heading"
    if style in CAPTION_STYLES:
        return "caption"
    if style in LEAD_STYLES:
        return "lead"
    return "body"


def _manuscript(paras: list[tuple[str, str]], name: str) -> Manuscript:
    """Title, subtitle, byline and body from (style, text) pairs."""
    if not paras:
        raise _fail(name, "文档没有任何文字", "the document has no text")
    ti = next((k for k, (st, _t) in enumerate(paras) if st in TITLE_STYLES), 0)
    front = [t for _st, t in paras[:ti]]
    title = paras[ti][1].strip()
    rest = paras[ti + 1:]
    subtitle = ""
    authors: list[str] = []
    role = ""
    k = 0
    if k < len(rest) and (rest[k][0] in SUBTITLE_STYLES or rest[k][1].lstrip().startswith(("——", "—", "－－"))):
        subtitle = rest[k][1].strip().lstrip("—－-").strip()
        k += 1
    # byline: a styled byline, or a marked one ("文/", "■", "作者：", "本刊记者 …")
    for _ in range(2):
        if k >= len(rest):
            break
        st, t = rest[k]
        if st in BYLINE_STYLES and not authors:
            m = _ROLE_PREFIX.match(t)
            if m and m.group("names"):
                role, authors = m.group("role"), _split_names(m.group("names"))
            else:
                mm = _BYLINE.match(t)
                authors = _split_names(mm.group("names") if mm else t)
            k += 1
        elif st in ROLE_STYLES and authors and not role:
            role = t.strip()
            k += 1
        elif not authors and (m := _BYLINE.match(t)) and len(t) <= 40:
            names = m.group("names")
            rm = _ROLE_PREFIX.match(names)
            if rm and rm.group("names"):
                role, names = rm.group("role"), rm.group("names")
            authors = _split_names(names)
            k += 1
        elif not authors and (rm := _ROLE_PREFIX.match(t)) and rm.group("names") and len(t) <= 40:
            role, authors = rm.group("role"), _split_names(rm.group("names"))
            k += 1
        else:
            break
    body = rest[k:]
    paragraphs = [t for _st, t in body]
    return Manuscript(
        title=title,
        subtitle=subtitle,
        authors=authors,
        paragraphs=paragraphs,
        text="\n".join(paragraphs),
        role=role,
        front=front,
        kinds=[_kind(st) for st, _t in body],
        source_name=name,
    )


def _read_file(path: Path) -> bytes:
    name = path.name
    return read_regular_file(path, MAX_FILE_BYTES, lambda zh, en: _fail(name, zh, en))


def read_docx_manuscript(path: str | Path) -> Manuscript:
    """Read a DOCX manuscript safely (see the module doc); raises DocxImportError."""
    path = Path(path)
    return read_docx_bytes(_read_file(path), path.name)


def _open(data: bytes, name: str) -> tuple[_Package, dict[str, str], etree._Element]:
    """The checked package, its style names and the document body."""
    if data.startswith(OLE_MAGIC):
        raise _fail(name, "文件已加密或为旧版 .doc 格式，请在 Word 中另存为未加密的 .docx",
                    "the file is encrypted or a legacy .doc; save it as an unencrypted .docx")
    if not data.startswith(ZIP_MAGIC):
        raise _fail(name, "不是 DOCX 文件", "not a DOCX file")
    if len(data) > MAX_FILE_BYTES:
        raise _fail(name, "文件过大", "the file is too large")
    pkg = _Package(data, name)
    if not pkg.has("[Content_Types].xml"):
        raise _fail(name, "缺少 [Content_Types].xml，不是 DOCX", "no [Content_Types].xml; not a DOCX")
    main = pkg.main_part()
    pkg.screen_all_xml()  # every XML member, before anything interprets one
    names = _style_names(pkg, main)
    root = pkg.xml(main)
    body = root.find(_w("body"))
    if body is None:
        raise _fail(name, "文档缺少正文部分", "the document has no body")
    return pkg, names, body


def _manuscript_of(names: dict[str, str], body: etree._Element, name: str) -> Manuscript:
    paras: list[tuple[str, str]] = []
    carry = ""
    n_chars = 0
    for p in _blocks(body):
        style = _style_of(p, names)
        lines = _para_lines(p)
        n_chars += sum(len(line) for line in lines)
        if n_chars > MAX_TEXT_CHARS:
            raise _fail(name, f"正文超过 {MAX_TEXT_CHARS:,} 字，不像一篇稿件，未导入",
                        f"the text is longer than {MAX_TEXT_CHARS:,} characters; not a manuscript; not imported")
        if carry:
            lines[0] = carry + lines[0]
            carry = ""
        if _mark_deleted(p):
            # a deleted paragraph mark joins this paragraph to the next one
            carry = lines.pop()
        for line in lines:
            if line.strip():
                paras.append((style, line.strip()))
    if carry.strip():
        paras.append(("normal", carry.strip()))
    return _manuscript(paras, name)


def read_docx_bytes(data: bytes, name: str = "<docx>") -> Manuscript:
    """Any DOCX read as a manuscript (title, byline, body)."""
    _pkg, names, body = _open(data, name)
    return _manuscript_of(names, body, name)


# -- the app's own exports --------------------------------------------------------


def _custom_properties(pkg: _Package) -> dict[str, str]:
    part = pkg.package_part(CUSTOM_PROPS)
    if part is None:
        return {}
    out = {}
    for prop in pkg.xml(part).iter(f"{{{CUSTOM_NS}}}property"):
        value = next(iter(prop), None)
        out[prop.get("name", "")] = (value.text or "") if value is not None else ""
    return out


def _marked_blocks(body: etree._Element):
    """(paragraph, names of the bookmarks starting in it or just before it), in order."""
    pending: list[str] = []

    def walk(parent: etree._Element):
        for el in parent:
            if el.tag == _w("bookmarkStart"):
                pending.append(el.get(_w("name"), ""))
            elif el.tag == _w("p"):
                names = pending + [b.get(_w("name"), "") for b in el.iter(_w("bookmarkStart"))]
                pending.clear()
                yield el, names
            elif el.tag == _w("tbl"):
                for p in el.iter(_w("p")):
                    names = pending + [b.get(_w("name"), "") for b in p.iter(_w("bookmarkStart"))]
                    pending.clear()
                    yield p, names
            elif el.tag == _w("sdt"):
                content = el.find(_w("sdtContent"))
                if content is not None:
                    yield from walk(content)

    yield from walk(body)


def _revisions(raw: str) -> dict[str, tuple[int, int]]:
    try:
        data = json.loads(raw) if raw else {}
        return {str(k): (int(v[0]), int(v[1])) for k, v in data.items()}
    except (ValueError, TypeError, IndexError, KeyError, AttributeError):
        return {}  # damaged by hand: read the texts without the revision record


def _exported_of(props: dict[str, str], body: etree._Element, name: str) -> ExportedDocument:
    if props.get(rt.PROP_FORMAT) != rt.FORMAT_VERSION:
        raise _fail(name, "由更新版本的编辑审校台导出，无法读取", "exported by a newer version of editor-app")
    doc = ExportedDocument(
        source_name=name,
        issue_hash=props.get(rt.PROP_ISSUE, ""),
        issue_label=props.get(rt.PROP_LABEL, ""),
        kind=props.get(rt.PROP_KIND, ""),
        edition=props.get(rt.PROP_EDITION, rt.EDITION_SIMPLIFIED),
        revisions=_revisions(props.get(rt.PROP_REVISIONS, "")),
    )
    by_key: dict[str, ExportedArticle] = {}
    current: ExportedArticle | None = None
    in_body = False
    carry: tuple[str, list[str]] | None = None

    def take(lines: list[str]) -> None:
        if current is not None:
            # the body runs to the next article's first mark: paragraphs added
            # after its last one (Enter at the end) belong to it
            (current.paragraphs if in_body else current.stray).extend(lines)

    for p, marks in _marked_blocks(body):
        lines = _para_lines(p)
        if carry is not None:
            lines[0] = carry[0] + lines[0]
            marks = marks + carry[1]  # the paragraph's own bookmarks first
            carry = None
        if _mark_deleted(p):
            # a deleted paragraph mark joins this paragraph's last line to the next paragraph
            last = lines.pop()
            if not lines:
                carry = (last, marks)
                continue
            carry = (last, [])
        ours = [m for m in (rt.parse_bookmark(n) for n in marks) if m is not None]
        if not ours:
            take(lines)
            continue
        token, fld = ours[0]
        if fld == "front":
            current, in_body = None, False
            continue
        current = by_key.get(token)
        if current is None:
            current = by_key[token] = ExportedArticle(token)
            doc.articles.append(current)
        if fld == rt.BODY:
            current.has_body = in_body = True
            current.paragraphs.extend(lines)
        else:
            in_body = False
            current.fields[fld] = "".join(lines)
    if carry is not None:
        take([carry[0]])
    return doc


def read_docx(path: str | Path) -> Manuscript | ExportedDocument:
    """One of the app's exports as an :class:`ExportedDocument`, any other DOCX
    as a :class:`Manuscript`; checked as described in the module doc."""
    path = Path(path)
    data = _read_file(path)
    pkg, names, body = _open(data, path.name)
    props = _custom_properties(pkg)
    if rt.PROP_FORMAT in props:
        return _exported_of(props, body, path.name)
    return _manuscript_of(names, body, path.name)


__all__ = [
    "DocxImportError",
    "ExportedArticle",
    "ExportedDocument",
    "Manuscript",
    "read_docx",
    "read_docx_bytes",
    "read_docx_manuscript",
]
