"""Small builders for WordprocessingML elements python-docx has no API for.

Everything here appends lxml elements in schema order: paragraphs with a
style and a tracked paragraph mark, runs, inserted and deleted runs, comment
range markers and complex fields (TOC, PAGE).
"""

from __future__ import annotations

from docx.oxml.parser import oxml_parser
from lxml import etree

from .common import xml_safe

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def q(tag: str) -> str:
    """Clark name of a ``w:`` tag."""
    return f"{{{W_NS}}}{tag}"


def sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, q(tag))
    for k, v in attrs.items():
        el.set(q(k), v)
    return el


def make(tag: str, **attrs: str) -> etree._Element:
    """A free element made by python-docx's parser, so that python-docx
    recognises it (custom element classes) once it is in the document."""
    return oxml_parser.makeelement(q(tag), {q(k): v for k, v in attrs.items()}, nsmap={"w": W_NS})


class Mark:
    """Author and date of tracked changes, and a counter for their ids."""

    def __init__(self, author: str, date: str, first_id: int, _counter: list[int] | None = None):
        self.author = author
        self.date = date
        self._counter = _counter if _counter is not None else [first_id]

    def next_id(self) -> str:
        n = self._counter[0]
        self._counter[0] += 1
        return str(n)

    def variant(self, author: str, date: str) -> Mark:
        """A mark for another author and date drawing on the same ids (one document)."""
        return Mark(author, date, 0, self._counter)

    def element(self, kind: str) -> etree._Element:
        """A ``w:ins`` or ``w:del`` with id, author and date."""
        return make(kind, id=self.next_id(), author=self.author, date=self.date)


def paragraph(
    style_id: str | None,
    *,
    page_break_before: bool = False,
    keep_next: bool = False,
    align: str | None = None,
    space_after: int | None = None,
    tracked_mark: etree._Element | None = None,
) -> etree._Element:
    """A ``w:p`` whose ``w:pPr`` children follow the schema order."""
    p = make("p")
    if style_id or page_break_before or keep_next or align or space_after is not None or tracked_mark is not None:
        ppr = sub(p, "pPr")
        if style_id:
            sub(ppr, "pStyle", val=style_id)
        if keep_next:
            sub(ppr, "keepNext")
        if page_break_before:
            sub(ppr, "pageBreakBefore")
        if space_after is not None:
            sub(ppr, "spacing", after=str(space_after))
        if align:
            sub(ppr, "jc", val=align)
        if tracked_mark is not None:
            rpr = sub(ppr, "rPr")
            rpr.append(tracked_mark)
    return p


def _fill_text(r: etree._Element, text: str, tag: str) -> None:
    """Text into a run: tabs become ``w:tab``, the rest ``w:t`` / ``w:delText``."""
    parts = xml_safe(text).split("\t")
    for i, part in enumerate(parts):
        if i:
            sub(r, "tab")
        if part:
            t = sub(r, tag)
            t.text = part
            if part[0].isspace() or part[-1].isspace():
                t.set(XML_SPACE, "preserve")


def run(parent: etree._Element, text: str, *, rstyle: str | None = None, bold: bool = False) -> etree._Element:
    r = sub(parent, "r")
    if rstyle or bold:
        rpr = sub(r, "rPr")
        if rstyle:
            sub(rpr, "rStyle", val=rstyle)
        if bold:
            sub(rpr, "b")
    _fill_text(r, text, "t")
    return r


def inserted_run(parent: etree._Element, text: str, mark: Mark) -> etree._Element:
    ins = mark.element("ins")
    parent.append(ins)
    r = sub(ins, "r")
    _fill_text(r, text, "t")
    return ins


def deleted_run(parent: etree._Element, text: str, mark: Mark) -> etree._Element:
    dl = mark.element("del")
    parent.append(dl)
    r = sub(dl, "r")
    _fill_text(r, text, "delText")
    return dl


def comment_start(parent: etree._Element, cid: int) -> None:
    sub(parent, "commentRangeStart", id=str(cid))


def comment_end(parent: etree._Element, cid: int) -> None:
    """Close a comment range and place its reference mark right after it."""
    sub(parent, "commentRangeEnd", id=str(cid))
    r = sub(parent, "r")
    rpr = sub(r, "rPr")
    sub(rpr, "rStyle", val="CommentReference")
    sub(r, "commentReference", id=str(cid))


def field(parent: etree._Element, instr: str, result: str = "", *, dirty: bool = False) -> None:
    """A complex field: begin / instrText / separate / cached result / end."""
    r = sub(parent, "r")
    fc = sub(r, "fldChar", fldCharType="begin")
    if dirty:
        fc.set(q("dirty"), "true")
    r = sub(parent, "r")
    it = sub(r, "instrText")
    it.text = f" {instr} "
    it.set(XML_SPACE, "preserve")
    sub(sub(parent, "r"), "fldChar", fldCharType="separate")
    if result:
        run(parent, result)
    sub(sub(parent, "r"), "fldChar", fldCharType="end")


def page_break(parent: etree._Element) -> None:
    sub(sub(parent, "r"), "br", type="page")


def tab_stop_right_dots(ppr: etree._Element, pos_twips: int) -> None:
    tabs = sub(ppr, "tabs")
    sub(tabs, "tab", val="right", leader="dot", pos=str(pos_twips))


class CommentSink:
    """Adds Word comments in bulk.

    python-docx 1.2 creates the comments part (content type, relationship,
    ``w:comments`` root) and its first comment; but its ``add_comment`` looks
    for the next free id with an XPath over all comments, which is quadratic
    (7 s for 2,000 comments). Later comments are therefore appended to the same
    root with sequential ids, in the exact shape python-docx writes.
    """

    def __init__(self, doc, date: str):
        self.doc = doc
        self.date = date
        self.root: etree._Element | None = None
        self.next_id = 0

    def add(self, text: str, author: str, initials: str) -> int:
        if self.root is None:
            c = self.doc.comments.add_comment(text=text, author=author, initials=initials)
            elm = c._comment_elm  # python-docx has no public handle on the XML
            elm.set(q("date"), self.date)
            self.root = elm.getparent()
            self.next_id = c.comment_id + 1
            return c.comment_id
        cid = self.next_id
        self.next_id += 1
        c = sub(self.root, "comment", id=str(cid), author=author, initials=initials, date=self.date)
        for k, line in enumerate(text.split("\n")):
            p = sub(c, "p")
            sub(sub(p, "pPr"), "pStyle", val="CommentText")
            if k == 0:
                r = sub(p, "r")
                sub(sub(r, "rPr"), "rStyle", val="CommentReference")
                sub(r, "annotationRef")
            if line:
                run(p, line)
        return cid
