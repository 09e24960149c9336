"""What an export carries to be read back: custom document properties and
bookmarks named by article (see :mod:`editor_app.model.roundtrip`)."""

from __future__ import annotations

import hashlib
import json
from xml.sax.saxutils import escape

from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from editor_app.model import Issue
from editor_app.model import roundtrip as rt

from . import ooxml
from .common import xml_safe

CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
# the format id Word gives user-defined properties
USER_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def issue_hash(issue: Issue) -> str:
    """The issue's identity as the library records it: the file's hash, else
    sha256 of the UTF-8 source (the same rule as the store's import)."""
    return issue.source_hash or hashlib.sha256(issue.source.encode("utf-8")).hexdigest()


def custom_properties_xml(props: list[tuple[str, str]]) -> bytes:
    items = "".join(
        f'<property fmtid="{USER_FMTID}" pid="{pid}" name="{escape(name, {chr(34): "&quot;"})}">'
        f"<vt:lpwstr>{escape(xml_safe(value))}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(props, start=2)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{CUSTOM_NS}" xmlns:vt="{VT_NS}">{items}</Properties>'
    ).encode()


def set_custom_properties(
    doc: DocxDocument,
    issue: Issue,
    *,
    label: str,
    kind: str,
    edition: str,
    revisions: dict[str, tuple[int, int]] | None,
) -> None:
    """Write ``docProps/custom.xml`` (replacing one the template may have)."""
    props = [
        (rt.PROP_FORMAT, rt.FORMAT_VERSION),
        (rt.PROP_ISSUE, issue_hash(issue)),
        (rt.PROP_LABEL, label),
        (rt.PROP_KIND, kind),
        (rt.PROP_EDITION, edition),
    ]
    if revisions:
        props.append((rt.PROP_REVISIONS, json.dumps({k: list(v) for k, v in revisions.items()}, sort_keys=True)))
    package = doc.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.CUSTOM_PROPERTIES:
            del package.rels[rid]
    part = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, custom_properties_xml(props), package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


def wrap_bookmark(first: etree._Element, last: etree._Element, name: str, bid: str) -> None:
    """A bookmark from the start of paragraph ``first``'s content to the end of ``last``'s."""
    start = ooxml.make("bookmarkStart", id=bid, name=name)
    ppr = first.find(ooxml.q("pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        first.insert(0, start)
    last.append(ooxml.make("bookmarkEnd", id=bid))
