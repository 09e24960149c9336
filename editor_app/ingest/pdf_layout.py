"""Steps 2 and 3 of reading a PDF proof (:mod:`editor_app.ingest.pdf`): the printed
lines of each page, the page furniture set aside (running heads, folios: lines in
the outer rows repeating on three pages or more, a bare page number becoming the
page's label), and the reading order (columns from the gutters no body-size line
crosses; a line crossing a gutter starts a new band; a band is read column by
column, each top to bottom)."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

FOLIO = re.compile(r"^\s*(?:[-–—]\s*)?[Pp]?\d{1,4}(?:\s*[-–—])?\s*$")


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
