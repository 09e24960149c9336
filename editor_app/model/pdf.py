"""A PDF proof (校样) behind an issue: where each character of the extracted text sits.

An issue imported from a PDF has as its source the text extracted from the
PDF (the same kind of raw text the layout system's text export gives). A
:class:`ProofMap` maps offsets of that source to the page and the box of the
character on the page, in PDF user space (points, origin bottom left). Text
characters that the extraction added (the line breaks between paragraphs, a
space joining two Latin words across a line break) have no box.

Imports nothing of ours.
"""

from __future__ import annotations

import bisect
import json
import zlib
from dataclasses import dataclass, field

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 (PDF user space)


@dataclass
class ProofPage:
    width: float
    height: float
    label: str = ""  # the printed folio, when recognised
    furniture: list[str] = field(default_factory=list)  # running heads, folios, pull quotes


@dataclass
class ProofLine:
    """A run of source characters printed on one line of one page.

    The source characters ``start .. start + len(xs) // 2`` lie between
    ``y0`` and ``y1``; ``xs`` holds ``x0, x1`` of each character in turn.
    """

    start: int
    page: int  # 0-based page index
    y0: float
    y1: float
    xs: list[float] = field(default_factory=list)

    @property
    def length(self) -> int:
        return len(self.xs) // 2

    @property
    def end(self) -> int:
        return self.start + self.length

    def box(self, pos: int) -> Box:
        k = 2 * (pos - self.start)
        return (self.xs[k], self.y0, self.xs[k + 1], self.y1)


@dataclass
class ProofMap:
    """Offsets of the extracted text -> (page, box)."""

    pages: list[ProofPage] = field(default_factory=list)
    lines: list[ProofLine] = field(default_factory=list)  # sorted by start, not overlapping
    text_length: int = 0

    def _starts(self) -> list[int]:
        starts = getattr(self, "_cache", None)
        if starts is None or len(starts) != len(self.lines):
            starts = [ln.start for ln in self.lines]
            object.__setattr__(self, "_cache", starts)
        return starts

    def line_at(self, pos: int) -> ProofLine | None:
        i = bisect.bisect_right(self._starts(), pos) - 1
        if i >= 0 and pos < self.lines[i].end:
            return self.lines[i]
        return None

    def locate(self, pos: int) -> tuple[int, Box] | None:
        """Page and box of the source character at ``pos``; None when it has none."""
        ln = self.line_at(pos)
        return None if ln is None else (ln.page, ln.box(pos))

    def span_boxes(self, start: int, end: int) -> list[tuple[int, Box]]:
        """One box per printed line covering source characters [start, end):
        (page, union box of those characters on that line), in text order."""
        out: list[tuple[int, Box]] = []
        i = max(0, bisect.bisect_right(self._starts(), start) - 1)
        while i < len(self.lines) and self.lines[i].start < end:
            ln = self.lines[i]
            a, b = max(start, ln.start), min(end, ln.end)
            if a < b:
                x0 = min(ln.xs[2 * (k - ln.start)] for k in range(a, b))
                x1 = max(ln.xs[2 * (k - ln.start) + 1] for k in range(a, b))
                out.append((ln.page, (x0, ln.y0, x1, ln.y1)))
            i += 1
        return out

    def at_point(self, page: int, x: float, y: float) -> int | None:
        """The source offset of the character printed at (x, y) on ``page`` (a click on
        the proof), or None where no extracted character is."""
        for ln in self.lines:
            if ln.page != page or not (ln.y0 <= y <= ln.y1):
                continue
            for k in range(ln.length):
                if ln.xs[2 * k] <= x <= ln.xs[2 * k + 1]:
                    return ln.start + k
        return None

    def covers(self, start: int, end: int, text: str | None = None) -> bool:
        """Every character of [start, end) has a box (whitespace of ``text``, the source,
        excepted: a space the extraction put between two lines has none)."""
        return all(
            self.line_at(k) is not None or (text is not None and text[k].isspace())
            for k in range(start, end)
        )

    # -- persistence ----------------------------------------------------------------

    def to_bytes(self) -> bytes:
        data = {
            "v": 1,
            "n": self.text_length,
            "pages": [[p.width, p.height, p.label, p.furniture] for p in self.pages],
            "lines": [[ln.start, ln.page, ln.y0, ln.y1, ln.xs] for ln in self.lines],
        }
        return zlib.compress(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6)

    @classmethod
    def from_bytes(cls, blob: bytes) -> ProofMap:
        data = json.loads(zlib.decompress(blob).decode("utf-8"))
        return cls(
            pages=[ProofPage(w, h, lab, list(fur)) for w, h, lab, fur in data["pages"]],
            lines=[ProofLine(s, p, y0, y1, list(xs)) for s, p, y0, y1, xs in data["lines"]],
            text_length=int(data["n"]),
        )


@dataclass
class PdfProof:
    """The original PDF of an issue and the map from its extracted text."""

    pdf: bytes  # the original file, byte for byte
    name: str
    sha256: str  # of ``pdf``
    text: str  # the extracted text (the issue's source)
    map: ProofMap
    issue_id: int | None = None
    imported_at: str = ""
