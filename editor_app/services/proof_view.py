"""Where an article's text is printed on its PDF proof: the window's page view (版面).

No Qt here. :func:`load_issue_proof` reads, once per issue (on the window's worker),
what the mapping needs: the proof's pages and :class:`~editor_app.model.pdf.ProofMap`,
and for every active segment its base text (the text as imported, which the
segment's offset map describes) with that map. The methods of :class:`IssueProof`
are then pure and run on the UI thread with the text the editor holds, saved or
not; three maps are chained, as for the PDF export (:mod:`.proofs`):

    current text  --TextAlignment-->  base text  --offset map-->  source  --ProofMap-->  (page, box)

and back for a click on the page. A character written after import has no box; a
click on a character that was edited away lands where it was. Positions are Python
``str`` offsets of the current text (what findings and the editor use).

:class:`PageRenderer` renders pages with PDFium. PDFium must not be called from two
threads at once; the window calls the renderer only from its one worker thread, the
thread that also imports and exports PDFs.
"""

from __future__ import annotations

import bisect
from collections import OrderedDict
from dataclasses import dataclass, field

from editor_app.checks.align import TextAlignment
from editor_app.model.pdf import Box, ProofLine, ProofMap, ProofPage
from editor_app.store import Library
from editor_app.store import proofs as proof_store

from .editing import article_text
from .issues import require_issue

# a click this far (points) outside a printed character still takes it (gaps between
# glyphs, the leading between lines)
CLICK_TOLERANCE = 3.0
MAX_SPAN_CHARS = 50_000  # a selection longer than this is highlighted on its first characters


@dataclass
class SegmentText:
    """One active segment: its base text and that text's map to the issue source."""

    seg_id: int
    key: str
    kind: str
    title: str
    source_start: int
    source_end: int
    base: str  # the imported text (or the source slice, for a segment shown from its source)
    runs: list[tuple[int, int, int]]  # (base start, source start, length), sorted by base start
    pages: list[int] = field(default_factory=list)  # the pages its characters are printed on

    def __post_init__(self) -> None:
        self.runs = sorted(self.runs)
        self._tstarts = [r[0] for r in self.runs]
        self._by_source = sorted(self.runs, key=lambda r: r[1])
        self._sstarts = [r[1] for r in self._by_source]

    def base_to_source(self, o: int) -> int | None:
        """Source offset of base character ``o``; None for a character the import added
        (the line break joining two paragraphs)."""
        i = bisect.bisect_right(self._tstarts, o) - 1
        if i >= 0:
            t, s, n = self.runs[i]
            if o < t + n:
                return s + (o - t)
        return None

    def source_to_base(self, s: int) -> int | None:
        """Base offset of source character ``s``; None where the base text leaves it out
        (title, byline and the like are header fields, not text)."""
        i = bisect.bisect_right(self._sstarts, s) - 1
        if i >= 0:
            t, s0, n = self._by_source[i]
            if s < s0 + n:
                return t + (s - s0)
        return None

    def nearest_source(self, o: int) -> int | None:
        """The source offset of base character ``o``, else of the nearest mapped one
        (the next run's start, else the previous run's end)."""
        s = self.base_to_source(o)
        if s is not None or not self.runs:
            return s
        i = bisect.bisect_right(self._tstarts, o)
        if i < len(self.runs):
            return self.runs[i][1]
        t, s0, n = self.runs[-1]
        return s0 + n - 1


@dataclass(frozen=True)
class TextPoint:
    """A point of the page as text: the segment printed there and the place in its text."""

    seg_id: int
    source: int  # offset in the issue source
    base: int | None  # offset in the segment's base text; None: not in the text (a title, a byline)


class _Aligned:
    """Current text <-> base text of one segment, both ways."""

    def __init__(self, current: str, base: str):
        self.text = current
        self.al = TextAlignment(current, base)
        self.blocks = self.al.blocks
        self._cstarts = [b[0] for b in self.blocks]
        self._ostarts = [b[1] for b in self.blocks]  # blocks are in order in both texts

    def to_base(self, c: int) -> int | None:
        return self.al.to_original(c)

    def nearest_base(self, c: int) -> int | None:
        """Base offset of current character ``c``, else of the nearest unchanged character
        before it (else after it): an insertion is shown where it was made."""
        o = self.al.to_original(c)
        if o is not None or not self.blocks:
            return o
        i = bisect.bisect_right(self._cstarts, c) - 1
        if i >= 0:
            cs, os_, n = self.blocks[i]
            return os_ + min(c - cs, n - 1)
        return self.blocks[0][1]

    def to_current(self, o: int) -> tuple[int, bool]:
        """Current offset of base character ``o`` and whether it is that very character
        (False: it was edited away; the offset is where the edit stands)."""
        i = bisect.bisect_right(self._ostarts, o) - 1
        if i >= 0:
            cs, os_, n = self.blocks[i]
            if o < os_ + n:
                return cs + (o - os_), True
            return cs + n, False
        return 0, False


@dataclass
class IssueProof:
    """The PDF proof of one issue and the texts of its segments, for the page view."""

    issue_id: int
    name: str  # the PDF's file name
    pages: list[ProofPage]
    pmap: ProofMap
    segments: list[SegmentText]  # in source order
    stale: bool = False  # the issue was replaced from another file: the proof no longer matches

    def __post_init__(self) -> None:
        self.segments.sort(key=lambda sg: sg.source_start)
        self._seg_starts = [sg.source_start for sg in self.segments]
        self._by_id = {sg.seg_id: sg for sg in self.segments}
        self._page_lines: dict[int, list[ProofLine]] = {}
        for ln in self.pmap.lines:
            self._page_lines.setdefault(ln.page, []).append(ln)
        self._aligned: dict[int, _Aligned] = {}

    @property
    def n_pages(self) -> int:
        return len(self.pages)

    def segment(self, seg_id: int) -> SegmentText | None:
        return self._by_id.get(seg_id)

    def segment_pages(self, seg_id: int) -> list[int]:
        """The pages an article spans (0-based), in order; [] when it is not in the proof."""
        sg = self._by_id.get(seg_id)
        return list(sg.pages) if sg is not None else []

    def aligned(self, seg_id: int, text: str) -> _Aligned | None:
        """The alignment of ``text`` (the segment's current text) with its base; the last
        one per segment is kept (the cursor moves far more often than the text changes)."""
        sg = self._by_id.get(seg_id)
        if sg is None:
            return None
        a = self._aligned.get(seg_id)
        if a is None or a.text != text:
            a = self._aligned[seg_id] = _Aligned(text, sg.base)
        return a

    # -- text -> page ----------------------------------------------------------------------

    def char_boxes(self, seg_id: int, text: str, start: int, end: int) -> list[tuple[int, Box]]:
        """(page, box) of each character of ``text[start:end]`` that is printed in the proof,
        in text order. Characters written after import and line breaks have none."""
        a = self.aligned(seg_id, text)
        if a is None:
            return []
        sg = self._by_id[seg_id]
        out: list[tuple[int, Box]] = []
        for c in range(max(0, start), min(end, len(text), max(0, start) + MAX_SPAN_CHARS)):
            o = a.to_base(c)
            s = sg.base_to_source(o) if o is not None else None
            hit = self.pmap.locate(s) if s is not None else None
            if hit is not None:
                out.append(hit)
        return out

    def page_of(self, seg_id: int, text: str, pos: int) -> int | None:
        """The page showing position ``pos`` of the text: the page of the character there,
        else of the nearest printed character (text written after import is shown where it
        was inserted). None when the segment is not printed in the proof."""
        sg = self._by_id.get(seg_id)
        if sg is None or not sg.pages:
            return None
        a = self.aligned(seg_id, text)
        c = max(0, min(pos, len(text) - 1))
        o = a.nearest_base(c) if text else None
        s = sg.nearest_source(o) if o is not None else None
        if s is None:
            return sg.pages[0]
        hit = self.pmap.locate(s)
        if hit is not None:
            return hit[0]
        # a character without a box (a space the extraction added): the next printed line
        starts = self.pmap._starts()
        i = bisect.bisect_right(starts, s)
        for k in (i, i - 1):
            if 0 <= k < len(self.pmap.lines):
                ln = self.pmap.lines[k]
                if sg.source_start <= ln.start < sg.source_end or sg.source_start < ln.end <= sg.source_end:
                    return ln.page
        return sg.pages[0]

    # -- page -> text ----------------------------------------------------------------------

    def source_at(self, page: int, x: float, y: float, tol: float = CLICK_TOLERANCE) -> int | None:
        """The source offset of the character printed at (x, y) of ``page`` (PDF points,
        origin bottom left), or of the nearest one on that line within ``tol``; None on
        paper, pictures and furniture (running heads, folios are not text)."""
        best: tuple[float, ProofLine] | None = None
        for ln in self._page_lines.get(page, ()):
            if not (ln.y0 - tol <= y <= ln.y1 + tol) or not ln.xs:
                continue
            if not (ln.xs[0] - tol <= x <= max(ln.xs[1::2]) + tol):
                continue
            dy = 0.0 if ln.y0 <= y <= ln.y1 else min(abs(y - ln.y0), abs(y - ln.y1))
            if best is None or dy < best[0]:
                best = (dy, ln)
        if best is None:
            return None
        ln = best[1]
        k_best, d_best = None, None
        for k in range(ln.length):
            x0, x1 = ln.xs[2 * k], ln.xs[2 * k + 1]
            d = 0.0 if x0 <= x <= x1 else min(abs(x - x0), abs(x - x1))
            if d_best is None or d < d_best:
                k_best, d_best = k, d
                if d == 0.0:
                    break
        if k_best is None or d_best > tol:
            return None
        return ln.start + k_best

    def point(self, page: int, x: float, y: float) -> TextPoint | None:
        """The segment and base-text place of the character printed at (x, y)."""
        s = self.source_at(page, x, y)
        if s is None:
            return None
        i = bisect.bisect_right(self._seg_starts, s) - 1
        if i < 0 or s >= self.segments[i].source_end:
            return None
        sg = self.segments[i]
        return TextPoint(sg.seg_id, s, sg.source_to_base(s))

    def to_current(self, seg_id: int, text: str, base: int) -> tuple[int, bool]:
        """Current-text offset of base character ``base`` in ``text`` (the segment's text
        now) and whether that character is still there."""
        a = self.aligned(seg_id, text)
        if a is None:
            return 0, False
        return a.to_current(base)

    def text_at(self, seg_id: int, text: str, page: int, x: float, y: float) -> int | None:
        """Offset in ``text`` (the current text of segment ``seg_id``) of the character
        printed at (x, y), if it is that segment's and still in the text."""
        tp = self.point(page, x, y)
        if tp is None or tp.seg_id != seg_id or tp.base is None:
            return None
        pos, same = self.to_current(seg_id, text, tp.base)
        return pos if same else None


def line_rects(boxes: list[tuple[int, Box]]) -> list[tuple[int, Box]]:
    """Character boxes merged into one rectangle per printed line (consecutive characters
    of one line share its top and bottom)."""
    out: list[tuple[int, Box]] = []
    for page, (x0, y0, x1, y1) in boxes:
        if out:
            p, (a0, b0, a1, b1) = out[-1]
            if p == page and (b0, b1) == (y0, y1) and x0 >= a0 - 0.5 and x0 <= a1 + 12.0:
                out[-1] = (p, (min(a0, x0), b0, max(a1, x1), b1))
                continue
        out.append((page, (x0, y0, x1, y1)))
    return out


# -- loading -----------------------------------------------------------------------------


def load_issue_proof(lib: Library, issue_id: int) -> IssueProof | None:
    """The issue's proof and the base texts of its active segments; None when the issue
    was not imported from a PDF. A proof whose issue was later replaced from another file
    comes back ``stale`` (pages only, no text positions)."""
    require_issue(lib, issue_id)
    found = proof_store.load_proof(lib, issue_id)
    if found is None:
        return None
    proof, text_sha = found
    source = lib.source(issue_id)
    if proof_store.text_hash(source) != text_sha:
        return IssueProof(issue_id, proof.name, proof.map.pages, ProofMap(pages=proof.map.pages), [], stale=True)
    pmap = proof.map
    starts = pmap._starts()
    segments: list[SegmentText] = []
    for row in lib.segments(issue_id):
        text = article_text(lib, row.id)
        current, _version = lib.current_text(row.id)
        if text != current:  # shown from its source slice (no editable text)
            base, runs = text, [(0, row.source_start, len(text))]
        else:
            base = lib.revision(row.base_revision_id).text if row.base_revision_id else current
            runs = list(lib.segment_offset_map(row.id).runs)
        i = max(0, bisect.bisect_right(starts, row.source_start) - 1)
        pages: list[int] = []
        while i < len(pmap.lines) and pmap.lines[i].start < row.source_end:
            ln = pmap.lines[i]
            if ln.end > row.source_start and (not pages or pages[-1] != ln.page):
                pages.append(ln.page)
            i += 1
        segments.append(SegmentText(row.id, row.key, row.kind, row.title, row.source_start, row.source_end,
                                    base, runs, sorted(set(pages))))
    return IssueProof(issue_id, proof.name, pmap.pages, pmap, segments)


# -- rendering ----------------------------------------------------------------------------


@dataclass
class PageImage:
    page: int
    scale: float  # pixels per PDF point
    width: int
    height: int
    stride: int
    data: bytes  # BGR, 3 bytes a pixel, rows of ``stride`` bytes, top row first (QImage.Format_BGR888)


class PageRenderer:
    """Renders pages of issues' proofs; keeps the last opened documents.

    Call it from one thread only (PDFium is not thread-safe): the window's worker.
    """

    def __init__(self, keep: int = 2):
        self.keep = keep
        self._docs: OrderedDict[int, object] = OrderedDict()

    def _document(self, lib: Library, issue_id: int):
        import pypdfium2 as pdfium

        doc = self._docs.get(issue_id)
        if doc is None:
            found = proof_store.load_proof(lib, issue_id)
            if found is None:
                return None
            doc = pdfium.PdfDocument(found[0].pdf)
            self._docs[issue_id] = doc
            while len(self._docs) > self.keep:
                _k, old = self._docs.popitem(last=False)
                old.close()
        self._docs.move_to_end(issue_id)
        return doc

    def forget(self, issue_id: int | None = None) -> None:
        """Close the documents (of one issue): its proof was replaced or deleted."""
        for k in [k for k in self._docs if issue_id is None or k == issue_id]:
            self._docs.pop(k).close()

    def render(self, lib: Library, issue_id: int, page: int, scale: float) -> PageImage | None:
        """Page ``page`` (0-based) at ``scale`` pixels per point; None when the issue has no
        proof or no such page."""
        doc = self._document(lib, issue_id)
        if doc is None or not 0 <= page < len(doc):
            return None
        pg = doc[page]
        try:
            bitmap = pg.render(scale=scale, may_draw_forms=False)
            return PageImage(page, scale, bitmap.width, bitmap.height, bitmap.stride, bytes(bitmap.buffer))
        finally:
            pg.close()
