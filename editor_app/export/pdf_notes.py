"""Comments on a copy of a PDF proof: findings and edits as standard PDF annotations.

The copy is the original file byte for byte followed by an incremental update
(pypdf ``PdfWriter(..., incremental=True)``) that adds annotation objects and
the pages' new ``/Annots`` arrays; no content stream is touched, so the
printed text is never rewritten. Each :class:`PdfNote` becomes

- ``highlight``: a /Highlight annotation whose /QuadPoints cover the characters,
  with a /Popup (the note: rule title, message, suggestion; /T the author);
- ``strikeout``: a /StrikeOut over replaced or deleted characters (the note
  says what replaces them);
- ``caret``: a /Caret where text was inserted (the note holds the insertion);
- ``note``: a /Text sticky note at a point (a finding on text written after
  import, placed at its paragraph).

QuadPoints follow the order viewers use (Acrobat, pdf.js, Okular, Foxit):
upper-left, upper-right, lower-left, lower-right, per printed line.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import UTC, datetime

from editor_app.model.pdf import Box

COLORS = {
    "error": (1.0, 0.35, 0.35),
    "warning": (1.0, 0.85, 0.2),
    "info": (0.55, 0.8, 1.0),
    "edit": (0.85, 0.1, 0.1),
}


class PdfExportError(Exception):
    """The annotated copy cannot be written; ``str(err)`` is user-facing."""


@dataclass
class PdfNote:
    kind: str  # highlight | strikeout | caret | note
    page: int  # 0-based
    boxes: list[Box] = field(default_factory=list)  # one per printed line (a point box for note)
    title: str = ""  # /Subj: the rule's title, or 修改
    contents: str = ""  # the pop-up text
    author: str = ""  # /T
    color: tuple[float, float, float] = COLORS["warning"]
    ident: str = ""  # /NM, unique in the file


def _pdf_date(when: datetime) -> str:
    return when.strftime("D:%Y%m%d%H%M%SZ")


def quad_points(boxes: list[Box]) -> list[float]:
    out: list[float] = []
    for x0, y0, x1, y1 in boxes:
        out += [x0, y1, x1, y1, x0, y0, x1, y0]
    return out


def _rect(boxes: list[Box], pad: float = 0.0) -> list[float]:
    return [
        min(b[0] for b in boxes) - pad,
        min(b[1] for b in boxes) - pad,
        max(b[2] for b in boxes) + pad,
        max(b[3] for b in boxes) + pad,
    ]


def _popup_rect(rect: list[float], mediabox) -> list[float]:
    """Where the pop-up opens: beside the annotation, kept on the page."""
    right, top = float(mediabox.right), float(mediabox.top)
    x0 = min(rect[2] + 4, right - 184)
    y1 = min(max(rect[3], 84.0), top)
    return [max(x0, float(mediabox.left)), y1 - 80, max(x0, float(mediabox.left)) + 180, y1]


def annotate_pdf(pdf: bytes, notes: list[PdfNote], when: datetime | None = None) -> bytes:
    """The original bytes followed by an incremental update adding ``notes``."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        BooleanObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    when = when or datetime.now(UTC)
    stamp = _pdf_date(when)
    try:
        writer = PdfWriter(PdfReader(io.BytesIO(pdf)), incremental=True)
    except Exception as exc:  # pypdf raises many types (and RecursionError) on a file it cannot read
        raise PdfExportError(f"无法读取原始 PDF (cannot read the original PDF: {exc})") from None
    n_pages = len(writer.pages)

    def floats(values) -> ArrayObject:
        return ArrayObject([FloatObject(round(v, 3)) for v in values])

    for k, note in enumerate(notes):
        if not (0 <= note.page < n_pages) or not note.boxes:
            raise PdfExportError(f"批注位置无效 (note {k} has no place on page {note.page + 1})")
        subtype = {"highlight": "/Highlight", "strikeout": "/StrikeOut", "caret": "/Caret", "note": "/Text"}[note.kind]
        if note.kind == "caret":
            x0, y0, x1, y1 = note.boxes[0]
            rect = [x0 - 3, y0 - 1, x0 + 3, y1 + 1]
        elif note.kind == "note":
            x0, y0, x1, y1 = note.boxes[0]
            rect = [x0 - 20, y1 - 16, x0 - 4, y1]
        else:
            rect = _rect(note.boxes, 0.5)
        annot = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject(subtype),
                NameObject("/Rect"): floats(rect),
                NameObject("/Contents"): TextStringObject(note.contents),
                NameObject("/T"): TextStringObject(note.author),
                NameObject("/Subj"): TextStringObject(note.title),
                NameObject("/NM"): TextStringObject(note.ident or f"editor-app-{k + 1}"),
                NameObject("/M"): TextStringObject(stamp),
                NameObject("/CreationDate"): TextStringObject(stamp),
                NameObject("/C"): floats(note.color),
                NameObject("/F"): NumberObject(4),  # print
                NameObject("/CA"): FloatObject(1.0),
            }
        )
        if note.kind in ("highlight", "strikeout"):
            annot[NameObject("/QuadPoints")] = floats(quad_points(note.boxes))
        if note.kind == "note":
            annot[NameObject("/Name")] = NameObject("/Comment")
            annot[NameObject("/Open")] = BooleanObject(False)
        added = writer.add_annotation(note.page, annot)
        popup = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Popup"),
                NameObject("/Rect"): floats(_popup_rect(rect, writer.pages[note.page].mediabox)),
                NameObject("/Parent"): added.indirect_reference,
                NameObject("/F"): NumberObject(28),  # print, no zoom, no rotate
            }
        )
        popup_added = writer.add_annotation(note.page, popup)
        added[NameObject("/Popup")] = popup_added.indirect_reference
    buf = io.BytesIO()
    try:
        writer.write(buf)
    except (RecursionError, ValueError, KeyError, TypeError) as exc:
        raise PdfExportError(f"无法写入批注 (cannot write the comments: {type(exc).__name__})") from None
    return buf.getvalue()
