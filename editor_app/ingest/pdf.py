"""A text-based PDF proof -> the layout system's kind of raw issue text, with a map
from that text back to (page, box).

Characters and their boxes come from PDFium (``pypdfium2``). Per page:

1. characters -> printed lines: grouped by baseline (fonts of one line share
   it, not their em boxes); runs of one line written apart (the Han run, then
   its Latin-font quote marks) are interleaved by x; a space PDFium infers
   from a gap is kept when the gap is a word space (wider between Han and
   Latin, where layout programs add autospacing);
2. page furniture is set aside: lines in the outer 7 % of the page height,
   and in the outer 12 % a bare page number (it becomes the page's label) or a
   line of the page's top or bottom row repeating on three pages or more;
3. reading order: columns from the gutters (x strips no body-size line
   crosses); a line crossing a gutter (a title, a standfirst) starts a new
   band; a band is read column by column, each top to bottom;
4. lines -> paragraphs: a line continues the paragraph above when that line
   reaches its column's right edge (or the edge of a block set narrower), the
   new one is not indented (nor a ● bullet), has the same type size and sits
   at the usual line distance below it (more is paragraph spacing) or at the
   top of the next column or page; a list row set flush (names, sponsors) and
   a line ending in an end mark are never continued; a caption (small type)
   printed inside a paragraph follows that paragraph;
5. pull quotes (type at least 1.25 x the body, inside a column, repeating
   words of the page's body text) are set aside like furniture.

Paragraphs are written one per line, separated by blank lines, and then parsed
by :func:`editor_app.ingest.parse_text` like any text export.

Refused, with one line (:class:`PdfError`), in bounded time and memory: what
:mod:`editor_app.ingest.pdf_open` refuses before and while PDFium opens the file
(size, nesting, compression bombs, malformed, encrypted, page count); then a PDF
without a text layer (a scan: fewer than ``MIN_TEXT_CHARS_PER_PAGE`` characters a
page on average), fonts that map more than 5 % of the glyphs to no character (no
ToUnicode), more than ``MAX_CHARS`` characters, more than ``MAX_SECONDS`` of
extraction.
"""

from __future__ import annotations

import ctypes
import hashlib
import re
import time
from collections import Counter
from dataclasses import dataclass

from editor_app.model.pdf import ProofLine, ProofMap, ProofPage

from .pdf_layout import (
    _body_size,
    _column_widths,
    _Line,
    _mark_furniture,
    _merge_interleaved,
    _order,
    _Page,
    _type_area,
)
from .pdf_open import (  # noqa: F401  (limits re-exported for callers and tests)
    MAX_BYTES,
    MAX_CHARS,
    MAX_INFLATED,
    MAX_NESTING,
    MAX_PAGES,
    MAX_SECONDS,
    MIN_TEXT_CHARS_PER_PAGE,
    PdfError,
    _open,
)

END_MARKS = "☺🌀🌟★☆◆■"  # closing marks of an article: a paragraph ending in one is not continued
BULLETS = "●■◆▲•"


@dataclass
class Extracted:
    text: str
    map: ProofMap
    sha256: str
    n_pages: int


def _page_lines(page, index: int, budget: list[int]) -> _Page:
    import pypdfium2.raw as raw

    w, h = page.get_size()
    pg = _Page(index, w, h)
    tp = page.get_textpage()
    try:
        n = tp.count_chars()
        budget[0] -= n
        if budget[0] < 0:
            raise PdfError(f"PDF 文字过多，超过 {MAX_CHARS} 字 (more than {MAX_CHARS} characters)")
        rect = raw.FS_RECTF()
        ox, oy = ctypes.c_double(), ctypes.c_double()
        cur: list = []
        size = 0.0
        last = None
        for i in range(n):
            u = raw.FPDFText_GetUnicode(tp, i)
            if raw.FPDFText_IsGenerated(tp, i):
                # a space PDFium infers from a gap: kept when the gap is a word space
                if u == 32 and cur and last is not None and i + 1 < n:
                    raw.FPDFText_GetLooseCharBox(tp, i + 1, rect)
                    gap = (rect.left - last[0]) / max(last[2], 1.0)
                    if _word_space(cur[-1][0], chr(raw.FPDFText_GetUnicode(tp, i + 1) or 32), gap):
                        cur.append((" ", last[0], rect.bottom, rect.left, rect.top))
                continue
            if u in (10, 13):
                continue
            if u in (0, 0xFFFD, 0xFFFE, 0xFFFF) or u < 32 or 0xD800 <= u <= 0xF8FF or u >= 0x110000:
                pg.unreadable += 1  # a glyph whose font maps it to no character
                continue
            ch = chr(u)
            raw.FPDFText_GetLooseCharBox(tp, i, rect)
            x0, y0, x1, y1 = rect.left, rect.bottom, rect.right, rect.top
            fs = raw.FPDFText_GetFontSize(tp, i)
            if ch.isspace():
                if cur and cur[-1][0] != " ":
                    cur.append((" ", x0, y0, x1, y1))
                continue
            if last is not None:
                lx1, lmid, lsize = last
                raw.FPDFText_GetCharOrigin(tp, i, ox, oy)
                mid = oy.value  # the baseline: fonts of one line share it, not their em boxes
                em = max(lsize, fs, 1.0)
                if abs(mid - lmid) > 0.45 * em or x0 < lx1 - 1.0 * em or x0 - lx1 > 1.0 * em:
                    _flush(pg, cur, size, lmid)
                    cur = []
            cur.append((ch, x0, y0, x1, y1))
            size = fs
            if last is None:
                raw.FPDFText_GetCharOrigin(tp, i, ox, oy)
            last = (x1, oy.value, fs)
        _flush(pg, cur, size, last[1] if last else 0.0)
    finally:
        tp.close()
    return pg


def _word_space(before: str, after: str, gap_em: float) -> bool:
    """Is a gap of ``gap_em`` between two printed characters a space of the text?
    Between Han and Latin letters or digits layout programs add about a quarter em
    of their own (autospacing), so only a wider gap counts there."""
    if gap_em > 1.0:
        return False
    han = [ord(c) >= 0x2E80 for c in (before, after)]
    if han[0] != han[1]:
        return gap_em >= 0.45
    return gap_em >= (0.2 if han[0] else 0.15)


def _flush(pg: _Page, chars: list, size: float, base: float) -> None:
    trail = False
    while chars and chars[-1][0] == " ":
        chars.pop()
        trail = True
    if chars:
        pg.lines.append(_Line(pg.index, list(chars), size, base=base, trail_space=trail))


def _nospace(s: str) -> str:
    return re.sub(r"\s+", "", s)


class _Writer:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.map_lines: list[ProofLine] = []

    def text(self, s: str) -> None:
        self.parts.append(s)
        self.pos += len(s)

    def line(self, ln: _Line) -> None:
        chars = ln.chars
        xs: list[float] = []
        for k, c in enumerate(chars):
            x1 = c[3]
            if k + 1 < len(chars) and c[1] < chars[k + 1][1] < x1:
                x1 = chars[k + 1][1]  # squeezed punctuation: the pen, not the em box, ends it
            xs.extend((round(c[1], 2), round(x1, 2)))
        self.map_lines.append(
            ProofLine(self.pos, ln.page, round(min(c[2] for c in chars), 2), round(max(c[4] for c in chars), 2), xs)
        )
        self.text("".join(c[0] for c in chars))


_HAN_GAP = re.compile(r"[\u3400-\u9fff] +[\u3400-\u9fff]")


def _list_row(ln: _Line) -> bool:
    """A row of a list set flush (names, sponsors: 中共某县委 某县人民政府): short Han
    words separated by spaces, which running Chinese text does not have."""
    if not _HAN_GAP.search(ln.text):
        return False
    words = ln.text.split()
    return len(words) <= 6 and all(len(w) <= 12 for w in words)


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _line_gaps(ordered: list[_Line]) -> dict[float, float]:
    """The usual space between two lines of one paragraph, per type size: the most common
    baseline distance between consecutive lines of one column (paragraph spacing, when a
    layout adds it, is more)."""
    pitches: dict[float, Counter] = {}
    for a, b in zip(ordered, ordered[1:], strict=False):
        if (a.page, a.band, a.col) == (b.page, b.band, b.col) and abs(a.size - b.size) < 0.01:
            d = round(a.base - b.base, 1)
            if 0 < d < 3 * a.size:
                pitches.setdefault(round(a.size, 1), Counter())[d] += 1
    return {size: c.most_common(1)[0][0] for size, c in pitches.items() if c.most_common(1)[0][1] >= 3}


def _line_gap(prev: _Line, ln: _Line, gaps: dict[float, float]) -> bool:
    """``ln`` sits at the line distance under ``prev`` (not after a paragraph space)."""
    d = prev.base - ln.base
    usual = gaps.get(round(ln.size, 1))
    if usual is None:
        return 0 < prev.y0 - ln.y1 < 1.2 * ln.size
    return 0 < d <= usual + 0.2 * ln.size


def _paragraphs(ordered: list[_Line], body: float, widths: list[float]) -> list[list[_Line]]:
    gaps = _line_gaps(ordered)
    paras: list[list[_Line]] = []
    open_body: list[_Line] | None = None  # a body paragraph that may continue
    pending: list[list[_Line]] = []  # captions printed inside it
    prev: _Line | None = None
    for ln in ordered:
        left = ln.left
        same_size = prev is not None and abs(ln.size - prev.size) <= 0.02 * body
        is_body = abs(ln.size - body) <= 0.02 * body
        indented = ln.x0 - left > 0.8 * ln.size or ln.chars[0][0] in BULLETS  # ● starts a paragraph
        if prev is not None and paras and prev is paras[-1][-1] and same_size and indented:
            # a block set with a left indent of its own (a standfirst): its second line
            # gives the edge of its continuation lines
            para = paras[-1]
            near = (prev.page, prev.band, prev.col) == (ln.page, ln.band, ln.col) and _line_gap(prev, ln, gaps)
            if near and len(para) == 1 and ln.x0 < prev.x0 - 0.8 * ln.size:
                indented = False
            elif near and len(para) >= 2 and abs(ln.x0 - para[1].x0) <= 0.3 * ln.size:
                indented = False
        if prev is not None and paras and prev is paras[-1][-1] and same_size and not indented:
            same_col = (prev.page, prev.band, prev.col) == (ln.page, ln.band, ln.col)
            close = same_col and _line_gap(prev, ln, gaps)
            full = prev.x1 >= prev.right - 1.5 * prev.size or (
                # a page too empty to show its columns: a line as long as one of the
                # proof's columns is wide
                prev.right - prev.left > max(widths) * 0.9
                and any(-1.0 * prev.size <= prev.x1 - (prev.left + w) <= 0.5 * prev.size for w in widths[:-1])
            )
            # a paragraph set narrower than its column (a right-indented standfirst):
            # lines justified to one edge of their own, a little inside the column's
            inside = prev.right - prev.x1 <= 0.15 * (prev.right - prev.left)
            para = paras[-1]
            if not full and inside and close:
                full = (len(para) >= 2 and abs(para[-2].x1 - prev.x1) <= 0.5 * prev.size) or (
                    abs(ln.x1 - prev.x1) <= 0.5 * prev.size
                )
            # on a page whose edge comes from its own lines, a row of a list set flush
            # (names, sponsors) is not a wrapped line
            full = full and prev.chars[-1][0] not in END_MARKS and not (prev.own_edge and _list_row(prev))
            if full and (close or not same_col):
                paras[-1].append(ln)
                prev = ln
                continue
        if is_body and not indented and open_body is not None and open_body is not paras[-1]:
            # a body paragraph cut by a caption or a column break resumes here
            last = open_body[-1]
            if last.x1 >= last.right - 1.5 * last.size and last.chars[-1][0] not in END_MARKS:
                open_body.append(ln)
                prev = ln
                # the caption paragraphs printed inside it move after it
                for c in pending:
                    paras.remove(c)
                    paras.append(c)
                pending = []
                continue
        paras.append([ln])
        if is_body:
            open_body = paras[-1]
            pending = []
        elif ln.size < 0.9 * body and open_body is not None:
            pending.append(paras[-1])
        else:
            open_body = None
            pending = []
        prev = ln
    return paras


def _mark_pull_quotes(pages: list[_Page], body: float) -> None:
    """Large type inside a column (body text above and below it) repeating the page's body text."""
    for p in pages:
        sized = [ln for ln in p.lines if ln.kind == "text" and abs(ln.size - body) <= 0.02 * body]
        body_text = "".join(_nospace(ln.text) for ln in sized)
        for ln in p.lines:
            if ln.kind != "text" or ln.size < 1.25 * body:
                continue
            t = _nospace(ln.text).strip("“”\"'「」")
            if len(t) < 8 or t not in body_text:
                continue
            column = [o for o in sized if o.x0 < ln.x1 and o.x1 > ln.x0]
            above = any(o.y0 > ln.y1 for o in column)
            below = any(o.y1 < ln.y0 for o in column)
            if above and below:
                ln.kind = "pull"


def extract_pdf(data: bytes, name: str = "<input>") -> Extracted:
    """The raw issue text of a PDF proof and its map; raise :class:`PdfError`."""
    t0 = time.monotonic()
    doc = _open(data, name)
    pages: list[_Page] = []
    budget = [MAX_CHARS]
    try:
        for i in range(len(doc)):
            if time.monotonic() - t0 > MAX_SECONDS:
                raise PdfError(f"{name}: PDF 处理超时（{MAX_SECONDS:.0f} 秒） (extraction took longer than {MAX_SECONDS:.0f} s)")
            page = doc[i]
            try:
                pages.append(_page_lines(page, i, budget))
                _merge_interleaved(pages[-1])
            except PdfError as exc:
                raise PdfError(f"{name}: {exc}") from None
            finally:
                page.close()
    finally:
        doc.close()
    n_chars = sum(len(ln.chars) for p in pages for ln in p.lines)
    if n_chars < MIN_TEXT_CHARS_PER_PAGE * len(pages) or n_chars == 0:
        raise PdfError(
            f"{name}: PDF 没有文字层（可能是扫描件），无法提取文字 (no text layer: a scanned PDF cannot be imported)"
        )
    bad = sum(p.unreadable for p in pages)
    if bad > 0.05 * (bad + n_chars):
        raise PdfError(
            f"{name}: PDF 的字体缺少文字编码（{bad} 个字形无法转成文字），无法提取 "
            "(the PDF's fonts map glyphs to no characters; its text cannot be read)"
        )
    body = _body_size(pages)
    _mark_furniture(pages, body)
    _mark_pull_quotes(pages, body)
    w = _Writer()
    proof_pages = []
    for p in pages:
        furniture = [ln.text for ln in p.lines if ln.kind != "text"]
        proof_pages.append(ProofPage(round(p.width, 2), round(p.height, 2), p.label, furniture))
        p.lines = [ln for ln in p.lines if ln.kind != "pull"]
    area = _type_area(pages, body)
    widths = _column_widths(pages, body, area)
    ordered: list[_Line] = []
    for p in pages:
        ordered.extend(_order(p, body, area, widths))
    first = True
    for para in _paragraphs(ordered, body, widths):
        if not first:
            w.text("\n\n")
        first = False
        prev = None
        for ln in para:
            if prev is not None and (prev.trail_space or (_is_latin(prev.chars[-1][0]) and _is_latin(ln.chars[0][0]))):
                w.text(" ")
            w.line(ln)
            prev = ln
    w.text("\n")
    text = "".join(w.parts)
    pmap = ProofMap(pages=proof_pages, lines=w.map_lines, text_length=len(text))
    return Extracted(text=text, map=pmap, sha256=hashlib.sha256(data).hexdigest(), n_pages=len(pages))


__all__ = ["Extracted", "PdfError", "extract_pdf", "MAX_PAGES", "MAX_CHARS", "MAX_NESTING", "MAX_BYTES"]
