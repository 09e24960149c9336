"""Reading exported DOCX files back for the tests: parts, comment anchors,
tracked changes accepted or rejected, normalised XML for reference files."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def part(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return zf.read(name)


def has_part(path: Path, name: str) -> bool:
    with zipfile.ZipFile(path) as zf:
        return name in zf.namelist()


def xml(path: Path, name: str) -> etree._Element:
    return etree.fromstring(part(path, name))


def comments(path: Path) -> dict[str, dict]:
    """Comment id -> {author, initials, date, text} from word/comments.xml."""
    if not has_part(path, "word/comments.xml"):
        return {}
    out = {}
    for c in xml(path, "word/comments.xml").iter(w("comment")):
        text = "\n".join("".join(t.text or "" for t in p.iter(w("t"))) for p in c.iter(w("p")))
        out[c.get(w("id"))] = {
            "author": c.get(w("author")),
            "initials": c.get(w("initials")),
            "date": c.get(w("date")),
            "text": text,
        }
    return out


def anchored_texts(path: Path) -> dict[str, str]:
    """Comment id -> the current text between its range start and end
    (w:t only, deleted text excluded; "\\n" between paragraphs)."""
    root = xml(path, "word/document.xml")
    open_ids: dict[str, list[str]] = {}
    done: dict[str, str] = {}
    first_para = True
    for p in root.iter(w("p")):
        if not first_para:
            for buf in open_ids.values():
                buf.append("\n")
        first_para = False
        for el in p.iter():
            if el.tag == w("commentRangeStart"):
                open_ids[el.get(w("id"))] = []
            elif el.tag == w("commentRangeEnd"):
                cid = el.get(w("id"))
                done[cid] = "".join(open_ids.pop(cid))
            elif el.tag == w("t"):
                for buf in open_ids.values():
                    buf.append(el.text or "")
            elif el.tag == w("tab"):
                for buf in open_ids.values():
                    buf.append("\t")
    assert not open_ids, f"comment ranges never closed: {sorted(open_ids)}"
    return done


def paragraphs(path: Path) -> list[tuple[str, str]]:
    """(style id, text) of every body paragraph, as python-docx's plain reading
    would give (w:t anywhere in the paragraph, deleted text excluded)."""
    root = xml(path, "word/document.xml")
    out = []
    for p in root.find(w("body")).iter(w("p")):
        ps = p.find(f"{w('pPr')}/{w('pStyle')}")
        style = ps.get(w("val")) if ps is not None else ""
        out.append((style, "".join(t.text or "" for t in p.iter(w("t")))))
    return out


def _mark(p) -> str:
    rpr = p.find(f"{w('pPr')}/{w('rPr')}")
    if rpr is None:
        return ""
    if rpr.find(w("ins")) is not None:
        return "ins"
    if rpr.find(w("del")) is not None:
        return "del"
    return ""


def resolved_lines(path: Path, styles: set[str], accept: bool) -> list[str]:
    """Text of the paragraphs with the given styles after accepting (or
    rejecting) every tracked change, one line per resulting paragraph."""
    root = xml(path, "word/document.xml")
    lines: list[str] = []
    carry = None
    for p in root.find(w("body")).iter(w("p")):
        ps = p.find(f"{w('pPr')}/{w('pStyle')}")
        style = ps.get(w("val")) if ps is not None else ""
        if style not in styles:
            continue
        buf = []
        for el in p.iter(w("t"), w("delText"), w("tab")):
            inside_ins = any(a.tag == w("ins") for a in el.iterancestors())
            if el.tag == w("tab"):
                if not any(a.tag == w("del") for a in el.iterancestors()) or not accept:
                    buf.append("\t")
                continue
            if accept and el.tag == w("t"):
                buf.append(el.text or "")
            elif not accept and (el.tag == w("delText") or (el.tag == w("t") and not inside_ins)):
                buf.append(el.text or "")
        text = "".join(buf)
        if carry is not None:
            text = carry + text
            carry = None
        gone = _mark(p) == ("del" if accept else "ins")
        if gone:
            carry = text  # the paragraph mark is removed: join with the next paragraph
            continue
        lines.append(text)
    if carry:
        lines.append(carry)
    return lines


# -- reference comparison ---------------------------------------------------------

_VOLATILE_ATTRS = re.compile(r'\s(?:w:rsid\w*|w14:paraId|w14:textId|w:date)="[^"]*"')
_VOLATILE_LINES = ("dcterms:created", "dcterms:modified", "w14:docId", "w:rsid ", "w:rsidRoot")


def normalize(data: bytes) -> str:
    """Pretty-printed XML without the lines and attributes that change on every export."""
    parser = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
    root = etree.fromstring(data, parser)
    text = etree.tostring(root, pretty_print=True, encoding="unicode")
    lines = []
    for line in text.splitlines():
        if any(v in line for v in _VOLATILE_LINES):
            continue
        lines.append(_VOLATILE_ATTRS.sub("", line))
    return "\n".join(lines) + "\n"
