"""Paragraph layout of a segment: what is stored, and how paragraphs come back.

At import we store the segment's paragraph layout as JSON, in order:
header paragraphs (kicker, title, byline ... anything ``Segment.body_paragraphs``
leaves out) with their text, body paragraphs with only their length, and every
paragraph's source pieces. Body texts are not stored twice: they are slices of
the base revision's text (the imported editable text).

``rebuild_paragraphs`` turns layout + base text + current text back into
``model.Paragraph`` objects: exactly the imported paragraphs while the text is
unchanged; after edits, the current text split on "\\n", with the stored kinds
when the paragraph count still matches (and the source pieces of paragraphs
whose text is unchanged), otherwise kind "body".
"""

from __future__ import annotations

from ..model import OffsetMap, Paragraph, Segment


def build_layout(seg: Segment) -> list[dict]:
    body_ids = {id(p) for p in seg.body_paragraphs}
    layout: list[dict] = []
    for p in seg.paragraphs:
        pieces = [[int(s), int(e)] for s, e in p.pieces]
        if id(p) in body_ids:
            layout.append({"k": p.kind, "n": len(p.text), "p": pieces})
        else:
            layout.append({"k": p.kind, "t": p.text, "p": pieces})
    return layout


def body_kinds(layout: list[dict]) -> list[str]:
    return [e["k"] for e in layout if "n" in e]


def _pieces(entry: dict) -> list[tuple[int, int]]:
    return [(int(s), int(e)) for s, e in entry.get("p", [])]


def _base_bodies(layout: list[dict], base_text: str) -> list[str] | None:
    """Body paragraph texts sliced from the base text, None if lengths disagree."""
    out: list[str] = []
    pos = 0
    for i, e in enumerate(x for x in layout if "n" in x):
        if i:
            if base_text[pos : pos + 1] != "\n":
                return None
            pos += 1
        out.append(base_text[pos : pos + e["n"]])
        pos += e["n"]
    if pos != len(base_text):
        return None
    return out


def base_bodies(layout: list[dict], base_text: str) -> list[str] | None:
    """The imported body paragraph texts, None if the layout does not fit the base text."""
    return _base_bodies(layout, base_text)


def rebuild_paragraphs(layout: list[dict], base_text: str, current_text: str) -> list[Paragraph]:
    bodies = [e for e in layout if "n" in e]
    base = _base_bodies(layout, base_text)
    if base is not None and current_text == base_text:
        texts = iter(base)
        return [
            Paragraph(e["k"], next(texts), _pieces(e))
            if "n" in e
            else Paragraph(e["k"], e["t"], _pieces(e))
            for e in layout
        ]
    parts = current_text.split("\n") if current_text else []
    if len(parts) == len(bodies):
        texts = iter(parts)
        out: list[Paragraph] = []
        i = 0
        for e in layout:
            if "n" in e:
                t = next(texts)
                same = base is not None and base[i] == t
                out.append(Paragraph(e["k"], t, _pieces(e) if same else []))
                i += 1
            else:
                out.append(Paragraph(e["k"], e["t"], _pieces(e)))
        return out
    # paragraph count changed: headers before the first body paragraph first,
    # then the body as plain paragraphs, then the remaining headers
    first_body = next((i for i, e in enumerate(layout) if "n" in e), len(layout))
    head = [Paragraph(e["k"], e["t"], _pieces(e)) for e in layout[:first_body] if "n" not in e]
    tail = [Paragraph(e["k"], e["t"], _pieces(e)) for e in layout[first_body:] if "n" not in e]
    return head + [Paragraph("body", t, []) for t in parts] + tail


def material(paras: list[Paragraph], start: int, end: int) -> tuple[str, OffsetMap, list[dict]]:
    """The editable text, its offset map and the layout of ``paras`` as one segment
    spanning source ``[start, end)``."""
    seg = Segment("x", "unknown", start, end, paragraphs=paras)
    text, omap = seg.editable_text()
    return text, omap, build_layout(seg)
