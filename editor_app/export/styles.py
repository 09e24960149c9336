"""Page setup, the style sheet and document-level parts of every exported DOCX.

python-docx's default template carries theme fonts, blue headings and Letter
paper. We replace its style sheet with our own (explicit East Asian fonts via
``w:eastAsia``, body text with a two-character first-line indent, 1.5 line
spacing), set A4 pages, the document properties, the page-number footer and
``w:updateFields`` so Word refreshes the TOC field on opening.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.oxml import parse_xml
from docx.shared import Mm

from . import ooxml
from .ooxml import q, sub


@dataclass(frozen=True)
class FontSet:
    body: str  # East Asian body face (宋体)
    heading: str  # East Asian heading face (黑体)
    kai: str  # 楷体: byline, lead, captions
    fang: str  # 仿宋: subtitle, inserts
    latin: str = "Times New Roman"
    latin_heading: str = "Arial"
    lang: str = "zh-CN"


SIMPLIFIED = FontSet(body="宋体", heading="黑体", kai="楷体", fang="仿宋")
# Traditional copies: faces shipped with Traditional Chinese Windows / Office.
TRADITIONAL_TW = FontSet(body="新細明體", heading="微軟正黑體", kai="標楷體", fang="新細明體", lang="zh-TW")
TRADITIONAL_HK = FontSet(body="細明體_HKSCS", heading="微軟正黑體", kai="標楷體", fang="細明體_HKSCS", lang="zh-HK")

# A4, margins in millimetres
PAGE_W_MM, PAGE_H_MM = 210, 297
MARGIN_TB_MM, MARGIN_LR_MM = 25, 28
TWIPS_PER_MM = 1440 / 25.4


def text_width_twips(landscape: bool = False) -> int:
    width = PAGE_H_MM if landscape else PAGE_W_MM
    return int(round((width - 2 * MARGIN_LR_MM) * TWIPS_PER_MM))


def _fonts(ea: str, latin: str) -> str:
    return f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{ea}" w:cs="{latin}"/>'


def _style(
    sid: str,
    name: str,
    *,
    kind: str = "paragraph",
    based: str | None = "Normal",
    next_: str | None = None,
    ppr: str = "",
    rpr: str = "",
    default: bool = False,
    qformat: bool = True,
    extra: str = "",
) -> str:
    head = f'<w:style w:type="{kind}" w:styleId="{sid}"' + (' w:default="1"' if default else "") + ">"
    body = f'<w:name w:val="{name}"/>'
    if based:
        body += f'<w:basedOn w:val="{based}"/>'
    if next_:
        body += f'<w:next w:val="{next_}"/>'
    body += extra  # uiPriority, semiHidden ... precede qFormat in CT_Style
    if qformat:
        body += "<w:qFormat/>"
    if ppr:
        body += f"<w:pPr>{ppr}</w:pPr>"
    if rpr:
        body += f"<w:rPr>{rpr}</w:rPr>"
    return head + body + "</w:style>"


def _sz(half_points: int) -> str:
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


GRAY = '<w:color w:val="595959"/>'


def styles_xml(f: FontSet, landscape: bool = False) -> str:
    """The complete ``word/styles.xml`` for one font set."""
    body = _fonts(f.body, f.latin)
    head = _fonts(f.heading, f.latin_heading)
    kai = _fonts(f.kai, f.latin)
    fang = _fonts(f.fang, f.latin)
    tw = text_width_twips(landscape)
    no_indent = '<w:ind w:firstLineChars="0" w:firstLine="0"/>'
    styles = [
        _style(
            "Normal", "Normal", based=None, default=True,
            ppr='<w:spacing w:after="0" w:line="360" w:lineRule="auto"/><w:jc w:val="both"/>',
            rpr=body + _sz(24),
        ),
        _style("DefaultParagraphFont", "Default Paragraph Font", kind="character", based=None, default=True,
               qformat=False, extra="<w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/>"),
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
        _style(
            "BodyText", "Body Text",
            ppr='<w:ind w:firstLineChars="200" w:firstLine="480"/>',
        ),
        _style(
            "Title", "Title", next_="Normal",
            ppr='<w:spacing w:before="2400" w:after="480" w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>',
            rpr=head + '<w:spacing w:val="40"/>' + _sz(80),
        ),
        _style(
            "Heading1", "heading 1", next_="BodyText",
            ppr='<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="120" w:line="300" w:lineRule="auto"/>'
            '<w:jc w:val="center"/><w:outlineLvl w:val="0"/>',
            rpr=head + _sz(36),
        ),
        _style(
            "Heading2", "heading 2", next_="BodyText",
            ppr='<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="120"/><w:jc w:val="left"/>'
            '<w:outlineLvl w:val="1"/>',
            rpr=head + _sz(28),
        ),
        _style(
            "Heading3", "heading 3", next_="BodyText",
            ppr='<w:keepNext/><w:keepLines/><w:spacing w:before="180" w:after="60"/><w:jc w:val="left"/>'
            '<w:outlineLvl w:val="2"/>',
            rpr=head + _sz(24),
        ),
        _style(
            "Subtitle", "Subtitle", next_="BodyText",
            ppr='<w:keepNext/><w:spacing w:before="0" w:after="120" w:line="300" w:lineRule="auto"/>'
            '<w:jc w:val="center"/><w:outlineLvl w:val="1"/>',
            rpr=kai + _sz(28),
        ),
        _style(
            "Caption", "caption", next_="BodyText",
            ppr='<w:spacing w:before="60" w:after="120" w:line="300" w:lineRule="auto"/>' + no_indent,
            rpr=kai + GRAY + _sz(21),
        ),
        _style(
            "ColumnHeading", "Column Heading", next_="Kicker",
            ppr='<w:keepNext/><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="4" w:color="808080"/></w:pBdr>'
            '<w:spacing w:after="480"/><w:jc w:val="left"/>',
            rpr=head + GRAY + '<w:spacing w:val="20"/>' + _sz(21),
        ),
        _style(
            "Kicker", "Kicker", next_="Heading1",
            ppr='<w:keepNext/><w:spacing w:after="60"/><w:jc w:val="center"/>',
            rpr=kai + GRAY + _sz(24),
        ),
        _style(
            "Byline", "Byline", next_="BylineRole",
            ppr='<w:keepNext/><w:spacing w:before="120" w:after="240"/><w:jc w:val="center"/>',
            rpr=kai + _sz(24),
        ),
        _style(
            "BylineRole", "Byline Role", next_="BodyText",
            ppr='<w:keepNext/><w:spacing w:after="0"/><w:jc w:val="center"/>',
            rpr=kai + GRAY + _sz(21),
        ),
        _style(
            "Lead", "Lead", next_="BodyText",
            ppr='<w:pBdr><w:top w:val="single" w:sz="4" w:space="6" w:color="A6A6A6"/>'
            '<w:bottom w:val="single" w:sz="4" w:space="6" w:color="A6A6A6"/></w:pBdr>'
            '<w:spacing w:before="240" w:after="240"/><w:ind w:left="420" w:right="420" w:firstLineChars="200" w:firstLine="480"/>',
            rpr=kai + _sz(24),
        ),
        _style(
            "InsertNote", "Insert Note", next_="BodyText",
            ppr='<w:pBdr><w:left w:val="single" w:sz="12" w:space="8" w:color="A6A6A6"/></w:pBdr>'
            '<w:spacing w:before="60" w:after="60" w:line="300" w:lineRule="auto"/><w:ind w:left="420"/>',
            rpr=fang + GRAY + _sz(21),
        ),
        _style("EndMark", "End Mark", next_="BodyText", ppr='<w:jc w:val="right"/>'),
        _style(
            "CoverLine", "Cover Line", next_="CoverLine",
            ppr='<w:spacing w:after="240"/><w:jc w:val="center"/>',
            rpr=body + _sz(32),
        ),
        _style(
            "CoverNote", "Cover Note",
            ppr='<w:spacing w:before="1200" w:after="0"/><w:jc w:val="center"/>',
            rpr=kai + GRAY + _sz(21),
        ),
        _style(
            "TOCHeading", "TOC Heading", next_="Normal",
            ppr='<w:keepNext/><w:spacing w:before="240" w:after="360"/><w:jc w:val="center"/>',
            rpr=head + '<w:spacing w:val="80"/>' + _sz(32),
        ),
        _style(
            "ContentsPart", "Contents Part", next_="ContentsColumn",
            ppr='<w:keepNext/><w:pBdr><w:bottom w:val="single" w:sz="4" w:space="2" w:color="808080"/></w:pBdr>'
            '<w:spacing w:before="360" w:after="120"/>',
            rpr=head + GRAY + _sz(21),
        ),
        _style(
            "ContentsColumn", "Contents Column", next_="ContentsEntry",
            ppr='<w:keepNext/><w:spacing w:before="200" w:after="40"/>',
            rpr=head + _sz(24),
        ),
        _style(
            "ContentsEntry", "Contents Entry", next_="ContentsEntry",
            ppr=f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{tw}"/></w:tabs>'
            '<w:spacing w:after="0" w:line="300" w:lineRule="auto"/><w:ind w:left="420"/><w:jc w:val="left"/>',
            rpr=body + _sz(22),
        ),
        _style(
            "ContentsDetail", "Contents Detail", next_="ContentsEntry",
            ppr='<w:spacing w:after="60" w:line="276" w:lineRule="auto"/><w:ind w:left="840"/><w:jc w:val="left"/>',
            rpr=kai + GRAY + _sz(20),
        ),
        _style(
            "TOC1", "toc 1", next_="Normal",
            ppr=f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{tw}"/></w:tabs><w:spacing w:before="60" w:after="0"/>',
            rpr=body + _sz(22), qformat=False, extra='<w:uiPriority w:val="39"/><w:unhideWhenUsed/>',
        ),
        _style(
            "TOC2", "toc 2", next_="Normal",
            ppr=f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{tw}"/></w:tabs><w:spacing w:after="0"/><w:ind w:left="420"/>',
            rpr=kai + GRAY + _sz(20), qformat=False, extra='<w:uiPriority w:val="39"/><w:unhideWhenUsed/>',
        ),
        _style(
            "Header", "header", qformat=False,
            ppr='<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" w:color="A6A6A6"/></w:pBdr>'
            '<w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="right"/>',
            rpr=kai + GRAY + _sz(18),
        ),
        _style(
            "Footer", "footer", qformat=False,
            ppr='<w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="center"/>',
            rpr=_sz(18),
        ),
        _style(
            "CommentText", "annotation text", qformat=False,
            ppr='<w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="left"/>',
            rpr=_sz(20),
        ),
        _style("CommentReference", "annotation reference", kind="character", based="DefaultParagraphFont",
               qformat=False, rpr=_sz(16)),
        _style(
            "ReportCell", "Report Cell",
            ppr='<w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="left"/>',
            rpr=_sz(18),
        ),
        _style(
            "ReportNote", "Report Note",
            ppr='<w:spacing w:before="60" w:after="60" w:line="300" w:lineRule="auto"/><w:jc w:val="left"/>',
            rpr=_sz(21),
        ),
        '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/>'
        '<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        '<w:left w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        '<w:right w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        '<w:insideV w:val="single" w:sz="4" w:space="0" w:color="808080"/></w:tblBorders></w:tblPr></w:style>',
    ]
    defaults = (
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        + body
        + '<w:kern w:val="2"/>'
        + _sz(24)
        + f'<w:lang w:val="en-US" w:eastAsia="{f.lang}" w:bidi="ar-SA"/>'
        + "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        + '<w:spacing w:after="0" w:line="360" w:lineRule="auto"/>'
        + "</w:pPr></w:pPrDefault></w:docDefaults>"
    )
    return (
        f'<w:styles xmlns:w="{ooxml.W_NS}">' + defaults + "".join(styles) + "</w:styles>"
    )


def install_styles(doc: DocxDocument, fonts: FontSet, landscape: bool = False) -> None:
    """Replace the template's style sheet with ours."""
    root = doc.styles.element
    for child in list(root):
        root.remove(child)
    for child in parse_xml(styles_xml(fonts, landscape)):
        root.append(child)


def drop_template_extras(doc: DocxDocument) -> None:
    """Drop parts of python-docx's template that would misdescribe our file:
    its thumbnail (a picture of an empty page) and Word 2010's duplicate
    style sheet (``stylesWithEffects``), which would shadow ours there."""
    pkg_rels = doc.part.package.rels
    for rid, rel in list(pkg_rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            del pkg_rels[rid]
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del doc.part.rels[rid]


def setup_page(doc: DocxDocument, *, landscape: bool = False) -> None:
    sec = doc.sections[0]
    if landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Mm(PAGE_H_MM), Mm(PAGE_W_MM)
    else:
        sec.page_width, sec.page_height = Mm(PAGE_W_MM), Mm(PAGE_H_MM)
    sec.top_margin = sec.bottom_margin = Mm(MARGIN_TB_MM)
    sec.left_margin = sec.right_margin = Mm(MARGIN_LR_MM)
    sec.header_distance = sec.footer_distance = Mm(15)


def setup_header_footer(doc: DocxDocument, header_text: str, *, cover_page: bool) -> None:
    """Running header (the issue label) and a centred PAGE field in the footer.
    With ``cover_page`` the first page has neither."""
    sec = doc.sections[0]
    sec.different_first_page_header_footer = cover_page
    hp = sec.header.paragraphs[0]
    hp.style = doc.styles["Header"]
    ooxml.run(hp._p, header_text)
    fp = sec.footer.paragraphs[0]
    fp.style = doc.styles["Footer"]
    ooxml.run(fp._p, "— ")
    ooxml.field(fp._p, "PAGE", "1")
    ooxml.run(fp._p, " —")


# w:settings children that must come after w:updateFields (ECMA-376 CT_Settings order)
_AFTER_UPDATE_FIELDS = (
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
    "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
    "decimalSymbol", "listSeparator",
)
_AFTER_THEME_FONT_LANG = _AFTER_UPDATE_FIELDS[_AFTER_UPDATE_FIELDS.index("themeFontLang") + 1:]


def _insert_before(root, el, successors: tuple[str, ...]) -> None:
    names = {q(n) for n in successors}
    for i, child in enumerate(root):
        if child.tag in names:
            root.insert(i, el)
            return
    root.append(el)


def setup_settings(doc: DocxDocument, *, update_fields: bool, lang: str) -> None:
    root = doc.settings.element
    if update_fields and root.find(q("updateFields")) is None:
        el = ooxml.make("updateFields", val="true")
        _insert_before(root, el, _AFTER_UPDATE_FIELDS)
    tfl = root.find(q("themeFontLang"))
    if tfl is None:
        tfl = ooxml.make("themeFontLang", val="en-US")
        _insert_before(root, tfl, _AFTER_THEME_FONT_LANG)
    tfl.set(q("eastAsia"), lang)
    # the template claims a finished spelling check; let Word decide
    for el in root.findall(q("proofState")):
        root.remove(el)


def setup_properties(
    doc: DocxDocument, *, title: str, author: str, date: datetime, subject: str, language: str = "zh-CN"
) -> None:
    cp = doc.core_properties
    cp.title = title
    cp.subject = subject
    cp.author = author
    cp.last_modified_by = author
    cp.created = date.replace(tzinfo=None)
    cp.modified = date.replace(tzinfo=None)
    cp.revision = 1
    cp.comments = ""
    cp.keywords = ""
    cp.category = ""
    cp.language = language


def body_append(doc: DocxDocument, p) -> None:
    """Append a block element to the body, before the final ``w:sectPr``."""
    body = doc.element.body
    sect = body.find(q("sectPr"))
    if sect is not None:
        sect.addprevious(p)
    else:
        body.append(p)


def clear_body(doc: DocxDocument) -> None:
    body = doc.element.body
    for child in list(body):
        if child.tag != q("sectPr"):
            body.remove(child)


__all__ = [
    "FontSet",
    "SIMPLIFIED",
    "TRADITIONAL_HK",
    "TRADITIONAL_TW",
    "body_append",
    "clear_body",
    "drop_template_extras",
    "install_styles",
    "setup_header_footer",
    "setup_page",
    "setup_properties",
    "setup_settings",
    "styles_xml",
    "sub",
    "text_width_twips",
]
