"""Cut the whole source into segments that partition it exactly.

Front: masthead, cover lines, pieces placed before the table of contents (the
editorial), the editorial board, the table of contents (with its captions and
sponsor list). Body: one segment per TOC entry, starting at the article's
head (kicker, title, lead, byline — whichever comes first), ending where the
next segment starts; pieces that belong to no entry (news pages, photo pages,
a comic, sponsored county pages after the last article) become segments of
their own kinds.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from editor_app.model import TocEntry
from editor_app.paths import resource

from .anchors import Anchor, choose_anchors, is_debris, title_keys, title_match, title_similar
from .lines import Line, ends_paragraph, ends_sentence, fold, fold_marks, nospace
from .toc import SPONSOR, TocRegion

BOARD_START = re.compile(r"^\s*(编辑(指导)?委员会|编委会|编辑部)\s*$")
PHOTO_CREDIT = re.compile(r"(?:^|\s)\S{1,4}(?:\s+\S{1,4})*\s?摄\s*$")
PLACE_LINE = re.compile(r"^\s*\S{2,8}[县市区]\s*$")
LEAD = re.compile(r"^\s*●")
LONG_LINE = 40


@functools.cache
def column_headers() -> tuple[dict[str, str], tuple[tuple[re.Pattern[str], str], ...]]:
    """Known headers of non-article pages: exact names, and ``re:`` patterns."""
    names: dict[str, str] = {}
    patterns = []
    for ln in resource("ingest", "columns.tsv").read_text(encoding="utf-8").splitlines():
        if not ln.strip() or ln.startswith("#"):
            continue
        name, _, kind = ln.partition("\t")
        kind = kind.strip() or "news"
        if name.startswith("re:"):
            patterns.append((re.compile(name[3:]), kind))
        else:
            names[fold(name)] = kind
    return names, tuple(patterns)


def column_kind(line: Line) -> str | None:
    if not line.stripped:
        return None
    key = fold(line.stripped).strip("【】〖〗[]◆◇▶►")
    if not key:
        return None
    names, patterns = column_headers()
    if key in names:
        return names[key]
    for pat, kind in patterns:
        if pat.search(key):
            return kind
    return None


@dataclass
class Cut:
    line: int  # first line of the segment
    kind: str
    entry: int | None = None  # index into the TOC for articles
    headline: bool = False  # the segment opens with a headline (a report without a byline)


def _next_nonblank(lines: list[Line], i: int, stop: int) -> int | None:
    j = i + 1
    while j < stop and lines[j].blank:
        j += 1
    return j if j < stop else None


def _prev_nonblank(lines: list[Line], i: int, stop: int) -> int | None:
    j = i - 1
    while j >= stop and lines[j].blank:
        j -= 1
    return j if j >= stop else None


def head_start(lines: list[Line], anchor: Anchor, entry: TocEntry, floor: int) -> int:
    """Walk back from the anchor over the article's head: title lines, ● lead,
    subtitle, role lines and a kicker line directly above them."""
    start = anchor.line
    j = _prev_nonblank(lines, start, floor)
    while j is not None:
        s = lines[j].stripped
        k = _title_ending_at(lines, j, entry, floor)
        if k is not None:
            start = k
        elif LEAD.match(s) or s.startswith("——"):
            start = j
        else:
            # a short kicker directly above the ● lead, after a finished paragraph
            p = _prev_nonblank(lines, j, floor)
            while p is not None and (
                is_debris(lines[p].stripped) or is_column_head(lines[p].stripped, entry.section)
            ):
                p = _prev_nonblank(lines, p, floor)
            if (
                len(nospace(s)) <= 20
                and not ends_paragraph(s)
                and LEAD.match(lines[start].stripped)
                and (p is None or ends_sentence(lines[p].stripped))
                and not PHOTO_CREDIT.search(s)
            ):
                start = j
            break
        j = _prev_nonblank(lines, start, floor)
    if anchor.kind == "title":
        start = _lead_above_interrupted_title(lines, start, floor, entry.section)
    # the column's name printed above the article (【经济】, >>专栏, 经济)
    c = _prev_nonblank(lines, start, floor)
    while c is not None and is_debris(lines[c].stripped):
        c = _prev_nonblank(lines, c, floor)
    if c is not None and is_column_head(lines[c].stripped, entry.section):
        start = c
    return start


_COLUMN_MARKS = "【】〖〗[]◆◇▶►■●>》 \u3000"


def is_column_head(s: str, section: str) -> bool:
    """Whether the line prints the column name ``section`` (with its marks)."""
    if not section or not s or len(s) > len(section) + 8:
        return False
    return fold(s).strip(_COLUMN_MARKS) == fold(section).strip(_COLUMN_MARKS)


LEAD_SEARCH = 16  # non-blank lines walked back from a title printed inside a paragraph


def _lead_above_interrupted_title(lines: list[Line], start: int, floor: int, section: str = "") -> int:
    """Without a byline, an article whose title block the layout printed after its first
    paragraphs (inside a paragraph cut by the page) starts earlier: at its ● lead, with
    the kicker above it. ``start`` is kept when the title does not interrupt an
    unfinished paragraph or no lead is near."""
    p = _prev_nonblank(lines, start, floor)
    while p is not None and (is_debris(lines[p].stripped) or PHOTO_CREDIT.search(lines[p].stripped)):
        p = _prev_nonblank(lines, p, floor)
    if p is None:
        return start
    ps = lines[p].stripped
    if ends_sentence(ps) or len(nospace(ps)) <= 20 or LEAD.match(ps):
        return start
    j: int | None = p
    for _ in range(LEAD_SEARCH):
        if j is None:
            break
        s = lines[j].stripped
        if LEAD.match(s) and len(s) > 30:
            lead = j
            k = _prev_nonblank(lines, lead, floor)
            if k is not None:
                ks = lines[k].stripped
                above = _prev_nonblank(lines, k, floor)
                while above is not None and (
                    is_debris(lines[above].stripped) or is_column_head(lines[above].stripped, section)
                ):
                    above = _prev_nonblank(lines, above, floor)
                if (
                    len(nospace(ks)) <= 20
                    and not ends_paragraph(ks)
                    and not PHOTO_CREDIT.search(ks)
                    and (above is None or ends_sentence(lines[above].stripped))
                ):
                    return k
            return lead
        if any(ch in s for ch in "☺🌀🌟★") or column_kind(lines[j]):
            break  # the end of the previous piece
        j = _prev_nonblank(lines, j, floor)
    return start


def _title_ending_at(lines: list[Line], j: int, entry: TocEntry, floor: int) -> int | None:
    """If the title of ``entry`` is printed on lines ending at ``j``, its first line."""
    if title_match(lines, j, entry) == 1:
        return j
    p = _prev_nonblank(lines, j, floor)
    if p is not None and title_match(lines, p, entry) == 2:
        return p
    s = lines[j].stripped
    if len(s) <= 40 and not ends_paragraph(s) and title_similar(s, entry, 0.7):
        return j
    # place line above a title printed after a colon in the TOC: 宁波市 / 以创新提质…
    return None


def find_toc_end(lines: list[Line], toc: TocRegion, anchors: list[int]) -> int:
    """First line after the TOC page: a long paragraph, a column header or an article head."""
    anchor_set = set(anchors)
    i = toc.last_line + 1
    while i < len(lines):
        ln = lines[i]
        if not ln.blank:
            if i in anchor_set or column_kind(ln):
                return i
            if len(ln.stripped) > LONG_LINE:
                # a short headline of a report directly above its first paragraph
                p = _prev_nonblank(lines, i, toc.last_line + 1)
                if p is not None and is_headline(lines[p].stripped) and not SPONSOR.search(lines[p].stripped):
                    return p
                return i
        i += 1
    return len(lines)


TOC_CAPTION = re.compile(r"^\s*P\s?\d{1,3}(?:\s|$)|[:：]")


def is_headline(s: str) -> bool:
    """A line that can head a report: not a sentence, a credit, a caption or a column name."""
    flat = nospace(s)
    return (
        6 <= len(flat) <= 64
        and not ends_paragraph(s)
        and not s.endswith(("，", ",", "、", "：", ":"))
        and not PHOTO_CREDIT.search(s)
        and not TOC_CAPTION.search(s)
        and not LEAD.match(s)
        and not s.startswith("■")
    )


def opens_report(lines: list[Line], a: int, b: int) -> bool:
    """Whether the stretch [a, b) is a report headed by a headline (the lead news of the
    issue, without a byline): a headline, then running text (a ■/● summary or paragraphs)."""
    h = a if not lines[a].blank else _next_nonblank(lines, a, b)
    if h is None or column_kind(lines[h]) or not is_headline(lines[h].stripped):
        return False
    nxt = _next_nonblank(lines, h, b)
    if nxt is None:
        return False
    s = lines[nxt].stripped
    if not (len(s) > LONG_LINE or s.startswith(("■", "●"))):
        return False
    long_lines = sum(1 for i in range(nxt, b) if len(lines[i].stripped) > LONG_LINE)
    return long_lines >= 2


def split_other(lines: list[Line], a: int, b: int, default: str) -> list[Cut]:
    """Cut a stretch that belongs to no article at column headers and photo credits."""
    cuts = [Cut(a, default)]
    i = a
    while i < b:
        ln = lines[i]
        if ln.blank:
            i += 1
            continue
        kind = column_kind(ln)
        if kind and i != cuts[-1].line:
            cuts.append(Cut(i, kind))
        elif kind:
            cuts[-1].kind = kind
        elif PHOTO_CREDIT.search(ln.stripped) and len(ln.stripped) <= 30:
            # the caption paragraph(s) just before the credit form a photo segment
            p = _prev_nonblank(lines, i, cuts[-1].line)
            start = p if p is not None else i
            if start != cuts[-1].line:
                cuts.append(Cut(start, "photo"))
            else:
                cuts[-1].kind = "photo"
            nxt = _next_nonblank(lines, i, b)
            if nxt is not None:
                cuts.append(Cut(nxt, default))
                i = nxt
                continue
        i += 1
    # merge a trailing empty default cut
    cuts = [c for c in cuts if c.line < b or c is cuts[0]]
    for k, c in enumerate(cuts):
        end = cuts[k + 1].line if k + 1 < len(cuts) else b
        if c.kind == default == "unknown" and opens_report(lines, c.line, end):
            c.kind, c.headline = "news", True
    return cuts


def sponsored_start(lines: list[Line], a: int, b: int, titles: set[str]) -> int | None:
    """Inside an article's stretch [a, b), the start of sponsored county pages, if any:
    a place-name line followed by a title that is in no TOC entry."""
    for i in range(a, b):
        if not PLACE_LINE.match(lines[i].text):
            continue
        nxt = _next_nonblank(lines, i, b)
        if nxt is None:
            continue
        t = lines[nxt].stripped
        if len(t) > 40 or ends_sentence(t) or fold_marks(t) in titles:
            continue
        after = _next_nonblank(lines, nxt, b)
        if after is None or len(lines[after].stripped) < LONG_LINE:
            continue
        start = i
        p = _prev_nonblank(lines, i, a)
        if p is not None and PHOTO_CREDIT.search(lines[p].stripped) and len(lines[p].stripped) <= 30:
            start = p
        return start
    return None


def plan_segments(
    lines: list[Line], masthead_line: int, toc: TocRegion | None
) -> tuple[list[Cut], list[Anchor | None]]:
    """The cuts (first line and kind of each segment) and each TOC entry's anchor."""
    n = len(lines)
    if toc is None:
        cuts = [Cut(0, "masthead" if masthead_line >= 0 else "unknown")]
        if masthead_line >= 0 and masthead_line + 1 < n:
            nxt = _next_nonblank(lines, masthead_line, n)
            if nxt is not None:
                cuts.extend(split_other(lines, nxt, n, "unknown"))
        return cuts, []

    front_end = toc.first_line
    board = next(
        (i for i in range(max(masthead_line + 1, 0), front_end) if BOARD_START.match(lines[i].text)),
        None,
    )
    # where articles may be: before the board/TOC (after the masthead) and after the TOC
    pre_a = masthead_line + 1
    pre_b = board if board is not None else front_end
    provisional = [range(pre_a, pre_b), range(toc.last_line + 1, n)]
    anchors = choose_anchors(lines, toc.entries, provisional)
    toc_end = find_toc_end(lines, toc, [a.line for a in anchors if a])
    allowed = [range(pre_a, pre_b), range(toc_end, n)]
    anchors = [a if a and any(a.line in r for r in allowed) else None for a in anchors]

    heads: list[tuple[int, int]] = []  # (start line, entry index)
    for k, a in enumerate(anchors):
        if a is None:
            continue
        floor = pre_a if a.line < pre_b else toc_end
        heads.append((head_start(lines, a, toc.entries[k], floor), k))
    heads.sort()

    cuts: list[Cut] = [Cut(0, "masthead")] if masthead_line >= 0 else [Cut(0, "unknown")]
    cover_start = _next_nonblank(lines, masthead_line, n) if masthead_line >= 0 else None
    pre_heads = [h for h in heads if h[0] < pre_b]
    body_heads = [h for h in heads if h[0] >= toc_end]
    if cover_start is not None and cover_start < pre_b and (not pre_heads or cover_start < pre_heads[0][0]):
        cuts.append(Cut(cover_start, "cover"))
    for start, k in pre_heads:
        cuts.append(Cut(start, "article", k))
    if board is not None:
        cuts.append(Cut(board, "editorial_board"))
    cuts.append(Cut(front_end, "toc"))

    titles = {k for e in toc.entries for k in title_keys(e.title)}
    stretch_end = [h[0] for h in body_heads[1:]] + [n] if body_heads else []
    if toc_end < n and (not body_heads or toc_end < body_heads[0][0]):
        cuts.extend(split_other(lines, toc_end, body_heads[0][0] if body_heads else n, "unknown"))
    for (start, k), end in zip(body_heads, stretch_end, strict=True):
        cuts.append(Cut(start, "article", k))
        sp = sponsored_start(lines, start + 1, end, titles)
        if sp is not None:
            cuts.extend(split_sponsored(lines, sp, end))
    return _dedupe(cuts), anchors


def split_sponsored(lines: list[Line], a: int, b: int) -> list[Cut]:
    """Sponsored pages: one segment per place-name page (with its photo credit above)."""
    cuts = [Cut(a, "sponsored")]
    i = a + 1
    while i < b:
        if PLACE_LINE.match(lines[i].text) and i > cuts[-1].line + 2:
            start = i
            p = _prev_nonblank(lines, i, cuts[-1].line + 1)
            if p is not None and len(lines[p].stripped) <= 30 and not ends_sentence(lines[p].stripped):
                start = p
            if start > cuts[-1].line:
                cuts.append(Cut(start, "sponsored"))
        i += 1
    return cuts


def _dedupe(cuts: list[Cut]) -> list[Cut]:
    cuts = sorted(cuts, key=lambda c: (c.line, c.kind != "article"))
    out: list[Cut] = []
    for c in cuts:
        if out and out[-1].line == c.line:
            if c.kind == "article" and out[-1].kind != "article":
                out[-1] = c
            continue
        out.append(c)
    return out


__all__ = ["Cut", "SPONSOR", "plan_segments"]
