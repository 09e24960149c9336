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
import itertools
import re
import time
from collections import Counter
from dataclasses import dataclass, field

from editor_app.model.pdf import ProofLine, ProofMap, ProofPage

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
FOLIO = re.compile(r"^\s*(?:[-–—]\s*)?[Pp]?\d{1,4}(?:\s*[-–—])?\s*$")


@dataclass
class Extracted:
    text: str
    map: ProofMap
    sha256: str
    n_pages: int


@dataclass
class _Line:
    page: int
    chars: list[tuple[str, float, float, float, float]]  # ch, x0, y0, x1, y1
    size: float
    x0: float = 0.0
    x1: float = 0.0
    y0: float = 0.0  # bottom
    y1: float = 0.0  # top
    col: int = 0
    band: int = 0
    kind: str = "text"  # text | furniture | pull
    base: float = 0.0  # baseline
    own_edge: bool = False  # ``right`` was inferred from this page's lines alone
    trail_space: bool = False  # the printed line ended with a space (a word space at the wrap)
    left: float = 0.0  # edges of the column (or the type area) the line is set in
    right: float = 0.0

    def __post_init__(self) -> None:
        self.x0 = min(c[1] for c in self.chars)
        self.x1 = max(c[3] for c in self.chars)
        self.y0 = min(c[2] for c in self.chars)
        self.y1 = max(c[4] for c in self.chars)

    @property
    def text(self) -> str:
        return "".join(c[0] for c in self.chars)


@dataclass
class _Page:
    index: int
    width: float
    height: float
    lines: list[_Line] = field(default_factory=list)
    label: str = ""
    unreadable: int = 0  # glyphs without a character (no ToUnicode, private use)


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


def _body_size(pages: list[_Page]) -> float:
    count: Counter = Counter()
    for p in pages:
        for ln in p.lines:
            count[round(ln.size, 1)] += len(ln.chars)
    return count.most_common(1)[0][0] if count else 10.0


def _outer_rows(p: _Page) -> list[_Line]:
    """The topmost and the bottom-most row of printed lines on a page."""
    if not p.lines:
        return []
    top = max(ln.base for ln in p.lines)
    bottom = min(ln.base for ln in p.lines)
    return [ln for ln in p.lines if top - ln.base <= 0.5 * ln.size or ln.base - bottom <= 0.5 * ln.size]


def _mark_furniture(pages: list[_Page], body: float) -> None:
    """Running heads and folios: anything in the outer 7 % of the page height; in the
    outer 12 %, a bare page number or a line of the page's top or bottom row that
    repeats (digits aside) on three pages or more (not a byline under a title that
    happens to sit high on several pages)."""

    def key(ln: _Line) -> str:
        return re.sub(r"\d+", "#", re.sub(r"\s+", "", ln.text))

    def in_band(p: _Page, ln: _Line) -> bool:
        return ln.y0 > p.height * 0.88 or ln.y1 < p.height * 0.12

    rows = {p.index: {id(ln) for ln in _outer_rows(p)} for p in pages}
    outer: dict[str, set[int]] = {}
    for p in pages:
        for ln in p.lines:
            if in_band(p, ln) and id(ln) in rows[p.index]:
                outer.setdefault(key(ln), set()).add(p.index)
    for p in pages:
        for ln in p.lines:
            if ln.size > body * 1.15:
                continue
            near = ln.y0 > p.height * 0.93 or ln.y1 < p.height * 0.07
            folio = bool(FOLIO.match(ln.text))
            repeated = id(ln) in rows[p.index] and len(outer.get(key(ln), ())) >= 3
            if near or (in_band(p, ln) and (folio or repeated)):
                ln.kind = "furniture"
                if folio and not p.label:
                    p.label = re.sub(r"\D", "", ln.text)


def _gutters(lines: list[_Line], body: float, x_min: float, x_max: float) -> list[tuple[float, float]]:
    """x strips between columns: crossed by no line of body size narrower than the page's
    text (full-width lines, such as a standfirst, cross them and are left out). When the
    body lines show none, a strip that no line of any size crosses (a column holding
    only a caption) still counts."""
    width = x_max - x_min
    if width < 10 * body:
        return []
    sized = [ln for ln in lines if abs(ln.size - body) <= 0.15 * body and ln.x1 - ln.x0 <= 0.7 * width]
    found = _strips(sized, body, x_min, width) if len(sized) >= 4 else []
    if not found and len(sized) >= 4:
        found = _strips([ln for ln in lines if ln.x1 - ln.x0 <= 0.7 * width], body, x_min, width)
    return found


def _strips(sized: list[_Line], body: float, x_min: float, width: float) -> list[tuple[float, float]]:
    step = 1.0
    nb = int(width / step) + 1
    delta = [0] * (nb + 1)  # lines starting minus lines ending, per 1-pt bin
    for ln in sized:
        a = max(int((ln.x0 - x_min) / step), 0)
        b = min(int((ln.x1 - x_min) / step), nb - 1)
        if a <= b:
            delta[a] += 1
            delta[b + 1] -= 1
    cover = list(itertools.accumulate(delta[:nb]))
    out = []
    k = 0
    while k < nb:
        if cover[k] == 0:
            j = k
            while j < nb and cover[j] == 0:
                j += 1
            a, b = x_min + k * step, x_min + j * step
            inside = k > 0 and j < nb  # covered bins on both sides (runs are maximal)
            if inside and 0.6 * body <= b - a < 0.3 * width:
                out.append((a, b))
            k = j
        else:
            k += 1
    return out


def _merge_interleaved(page: _Page) -> None:
    """Pieces of one printed line written as separate runs (the CJK run, then the Latin-font
    quote marks of the same line) become one line before anything else looks at them."""
    out: list[_Line] = []  # in the page's content order
    for ln in page.lines:
        host = next(
            (o for o in reversed(out)
             if abs(o.base - ln.base) <= 0.3 * max(o.size, ln.size, 1.0)
             and ln.x0 < o.x1 + 0.3 * o.size and ln.x1 > o.x0 - 0.3 * o.size),
            None,
        )
        if host is None:
            out.append(ln)
            continue
        merged = _Line(host.page, _interleave(host.chars, ln.chars) if host.x0 <= ln.x0 else _interleave(ln.chars, host.chars),
                       host.size, base=host.base, trail_space=host.trail_space or ln.trail_space)
        out[out.index(host)] = merged
    page.lines = out


def _merge_rows(lines: list[_Line], gutters: list[tuple[float, float]]) -> list[_Line]:
    """Join pieces of one printed line (split at a wide justification gap) that no gutter separates."""
    lines = sorted(lines, key=lambda ln: -ln.base)
    rows: list[list[_Line]] = []
    for ln in lines:
        if rows:
            r0 = rows[-1][0]
            if abs(r0.base - ln.base) <= 0.3 * max(r0.size, ln.size, 1.0):
                rows[-1].append(ln)
                continue
        rows.append([ln])
    out: list[_Line] = []
    for row in rows:
        row.sort(key=lambda ln: ln.x0)
        cur = row[0]
        for ln in row[1:]:
            gap = ln.x0 - cur.x1
            between = any(cur.x1 <= b and ln.x0 >= a for a, b in gutters)
            if not between and gap < 8 * max(ln.size, cur.size) and abs(ln.size - cur.size) < 0.2 * cur.size:
                cur = _Line(cur.page, _interleave(cur.chars, ln.chars), cur.size, base=cur.base,
                            kind=cur.kind, trail_space=ln.trail_space)
            else:
                out.append(cur)
                cur = ln
        out.append(cur)
    return out


def _interleave(a: list, b: list) -> list:
    """The characters of two pieces of one printed line in x order (a layout program may
    write a line's CJK and Latin-font characters as separate runs); a space inferred
    where a glyph of the other run sits is dropped."""
    if not b or a[-1][1] <= b[0][1]:
        return a + b
    chars = sorted(a + b, key=lambda c: c[1])
    glyphs = [c for c in chars if c[0] != " "]
    return [
        c for c in chars
        if c[0] != " " or not any(g[1] < c[3] - 0.1 and g[3] > c[1] + 0.1 for g in glyphs)
    ]


def _type_area(pages: list[_Page], body: float) -> tuple[float, float]:
    """Left and right edge of the type area: where body lines start and end across the proof."""
    x0s = sorted(ln.x0 for p in pages for ln in p.lines if ln.kind == "text" and abs(ln.size - body) <= 0.15 * body)
    x1s = sorted(ln.x1 for p in pages for ln in p.lines if ln.kind == "text" and abs(ln.size - body) <= 0.15 * body)
    if not x0s:
        return 0.0, max(p.width for p in pages)
    k = len(x0s) // 50
    return x0s[k], x1s[len(x1s) - 1 - k]


def _page_gutters(page: _Page, body: float) -> list[tuple[float, float]]:
    lines = [ln for ln in page.lines if ln.kind == "text"]
    if not lines:
        return []
    return _gutters(lines, body, min(ln.x0 for ln in lines), max(ln.x1 for ln in lines))


def _column_widths(pages: list[_Page], body: float, area: tuple[float, float]) -> list[float]:
    """Widths of the columns this proof is set in (from pages whose gutters show them)."""
    widths = {round(area[1] - area[0])}
    for p in pages:
        g = _page_gutters(p, body)
        if g:
            widths.add(round(g[0][0] - area[0]))
    return sorted(widths)


def _order(page: _Page, body: float, area: tuple[float, float], widths: list[float]) -> list[_Line]:
    lines = [ln for ln in page.lines if ln.kind == "text"]
    if not lines:
        return []
    x_min = min(ln.x0 for ln in lines)
    x_max = max(ln.x1 for ln in lines)
    gutters = _gutters(lines, body, x_min, x_max)
    lines = _merge_rows(lines, gutters)
    # the right edge of the last column: this page's, if lines are justified to it at
    # one of the proof's column widths (a list of names set flush is not a column)
    sized = [ln.x1 for ln in lines if abs(ln.size - body) <= 0.15 * body]
    b_max = max(sized, default=x_max)
    col_left = gutters[-1][1] if gutters else area[0]
    justified = sum(1 for x in sized if x >= b_max - body) >= 3
    known = any(abs((b_max - col_left) - w) <= 0.04 * w + body for w in widths)
    own = justified and known and not gutters
    edge = b_max if justified and known else max(area[1], x_max)
    left_edges = [min(area[0], x_min)] + [b for a, b in gutters]
    right_edges = [a for a, b in gutters] + [edge]
    lines.sort(key=lambda ln: (-ln.y1, ln.x0))
    band = 0
    for ln in lines:
        crosses = any(ln.x0 < a and ln.x1 > b for a, b in gutters)
        if crosses:
            band += 1
            ln.band, ln.col = band, 0
            ln.left, ln.right = left_edges[0], right_edges[-1]
            band += 1
        else:
            mid = (ln.x0 + ln.x1) / 2
            ln.band = band
            ln.col = sum(1 for a, b in gutters if mid > (a + b) / 2)
            ln.left, ln.right = left_edges[ln.col], right_edges[ln.col]
            ln.own_edge = own
    # a column's left edge: the leftmost start shared by two body lines or more (not a
    # hanging quote mark, not the indented first lines of many short paragraphs)
    for col in range(len(gutters) + 1):
        starts = Counter(round(ln.x0) for ln in lines if ln.col == col and abs(ln.size - body) <= 0.15 * body)
        shared = [x for x, n in starts.items() if n >= 2]
        if starts:
            edge_left = min(shared) if shared else starts.most_common(1)[0][0]
            for ln in lines:
                if ln.col == col:
                    ln.left = edge_left
    return sorted(lines, key=lambda ln: (ln.band, ln.col, -ln.y1, ln.x0))


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
