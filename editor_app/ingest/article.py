"""An article's structure and its editable text.

Each non-blank line of the segment is classified (kicker, title, subtitle,
byline, role, lead, heading, body, caption, insert, endmark). Body paragraphs
cut mid-sentence by a page break are joined with their continuation, across
the captions and title block the layout put between them; each paragraph
keeps the source pieces it was joined from, which is the offset map back to
the source.
"""

from __future__ import annotations

import re

from editor_app.model import Paragraph, Segment, TocEntry

from .anchors import BULLET, Anchor, is_debris, title_match, title_similar
from .bylines import parse_byline
from .lines import Line, collapse, ends_paragraph, ends_sentence, fold, nospace
from .names import split_names, split_role
from .segment import LEAD, PHOTO_CREDIT, PLACE_LINE, is_column_head

ROLE_WORDS = re.compile(
    r"(记者|评论员|通讯员|书记|厅长|局长|主任|院长|部长|委员|研究员|教授|负责人|县长|市长|区长|镇长|乡长|"
    r"主席|理事长|处长|科长|校长|总编|社长|经理|董事长|专家|博士|学者|干部|作者|党组|党委|办公室|研究院|大学)"
)
END_MARKS = "☺🌀🌟★☆◆■"
COMIC = re.compile(r"漫[画畫]")
SHORT = 30


def _strip_span(line: Line) -> tuple[int, int]:
    """Source span of the line without surrounding whitespace."""
    t = line.text
    left = len(t) - len(t.lstrip())
    right = len(t.rstrip())
    return line.start + left, line.start + right


def build_article(
    seg: Segment, lines: list[Line], a: int, b: int, entry: TocEntry, anchor: Anchor | None
) -> None:
    """Fill ``seg``'s fields and paragraphs from lines [a, b)."""
    idx = [i for i in range(a, b) if not lines[i].blank]
    kinds: dict[int, str] = {}
    # the column's name printed above the head
    idx_head = idx
    for k, i in enumerate(idx[:3]):
        s = lines[i].stripped
        if is_column_head(s, entry.section) and title_match(lines, i, entry) == 0:
            kinds[i] = "kicker"
            idx_head = idx[k + 1 :]
            break
        if not is_debris(s):
            break
    for i in idx[: len(idx) - len(idx_head)]:
        if i not in kinds:
            kinds[i] = "insert"  # debris above the column's name

    # title: exact match first, else the most similar short line near the head
    title_lines: list[int] = []
    for i in idx:
        n = title_match(lines, i, entry)
        if n:
            title_lines = [i] if n == 1 else [i, next(j for j in idx if j > i)]
            break
    if not title_lines:
        best = (0.0, None)
        for i in idx[:40]:
            s = lines[i].stripped
            if len(s) <= 40 and not ends_paragraph(s) and not BULLET.match(s):
                r = title_similar(s, entry, 0.7)
                if r > best[0]:
                    best = (r, i)
        if best[1] is not None:
            title_lines = [best[1]]
    for i in title_lines:
        kinds[i] = "title"
    printed = collapse(" ".join(lines[i].stripped for i in title_lines))
    seg.title = entry.title if nospace(fold(printed)) == nospace(fold(entry.title)) else (printed or entry.title)
    if title_lines:
        # a place label directly above the title (宁波市 / 以创新提质…)
        pos = idx.index(title_lines[0])
        if pos > 0:
            prev = idx[pos - 1]
            ps = lines[prev].stripped
            head = entry.title.split(":")[0].split("：")[0]
            if PLACE_LINE.match(ps) or (head != entry.title and fold(ps) == fold(head)):
                kinds[prev] = "kicker"
                seg.kicker = collapse(ps)
        # subtitle right after the title
        after = [j for j in idx if j > title_lines[-1]][:1]
        if after and lines[after[0]].stripped.startswith("——"):
            kinds[after[0]] = "subtitle"
            seg.subtitle = collapse(lines[after[0]].stripped[2:])
    if not seg.subtitle and entry.subtitle:
        for i in idx[:12]:
            if lines[i].stripped.startswith("——") and fold(lines[i].stripped[2:]) == fold(entry.subtitle):
                kinds[i] = "subtitle"
                seg.subtitle = entry.subtitle

    # byline and role
    if anchor is not None and anchor.kind == "byline":
        bl = anchor.line
        kinds[bl] = "byline"
        raw = lines[bl].stripped
        seg.byline_raw = raw
        if anchor.byline is not None and anchor.byline.form:
            seg.authors, seg.role = list(anchor.byline.authors), anchor.byline.role
        else:
            seg.authors, seg.role = _byline_names(raw, entry)
        nxt = [j for j in idx if j > bl][:1]
        if nxt:
            s = lines[nxt[0]].stripped
            if len(s) <= SHORT and not ends_paragraph(s) and ROLE_WORDS.search(s) and kinds.get(nxt[0]) is None:
                kinds[nxt[0]] = "role"
                seg.role = collapse(s) if not seg.role else seg.role
    else:
        # found by its title: a byline of another form or other names just below it
        after_title = [j for j in idx if j > (title_lines[-1] if title_lines else a - 1) and kinds.get(j) is None]
        printed_by = None
        for j in after_title[:2]:
            b = parse_byline(lines[j].stripped)
            if b is not None:
                printed_by = (j, b)
                break
            if not lines[j].stripped.startswith("——"):
                break
        if printed_by is not None:
            j, b = printed_by
            kinds[j] = "byline"
            seg.byline_raw = lines[j].stripped
            seg.authors, seg.role = list(b.authors), b.role
        elif entry.authors:
            seg.authors = list(entry.authors)
            seg.role = entry.role

    # kicker above a ● lead at the very start
    first_text = [i for i in idx if i not in kinds]
    if len(first_text) >= 2:
        k0, k1 = first_text[0], first_text[1]
        s0 = lines[k0].stripped
        if k0 == idx_head[0] and len(nospace(s0)) <= 20 and not ends_paragraph(s0) and LEAD.match(lines[k1].stripped):
            kinds[k0] = "kicker"
            seg.kicker = collapse(s0)

    classify_rest(lines, idx, kinds)
    seg.paragraphs = _reflow(lines, idx, kinds)


def classify_rest(lines: list[Line], idx: list[int], kinds: dict[int, str]) -> None:
    """Give every line not yet classified a kind: lead, heading, body, caption, insert, endmark."""
    seen_body = False
    for i in idx:
        if i in kinds:
            continue
        s = lines[i].stripped
        if is_debris(s):
            kinds[i] = "insert"  # a page number or running head left by a page break
        elif LEAD.match(s):
            kinds[i] = "lead" if (not seen_body and (len(s) > SHORT or ends_paragraph(s))) else "heading"
        elif s.startswith("■") and len(s) > SHORT and not seen_body:
            kinds[i] = "lead"  # the ■ summary points of a report, printed without a full stop
        elif all(ch in END_MARKS or ch.isspace() for ch in s):
            kinds[i] = "endmark"
        elif COMIC.search(s) and len(s) <= 10:
            kinds[i] = "insert"
        elif PHOTO_CREDIT.search(s) and len(s) <= SHORT:
            kinds[i] = "caption"
        elif _is_heading(lines, idx, i):
            kinds[i] = "heading"
        else:
            kinds[i] = "body"
            seen_body = True
    _headings_by_layout(lines, idx, kinds)
    _mark_interrupting_lines(lines, idx, kinds)


DANGLING = tuple("的地得了和与及在是把被将对向从为等并而或其之，,、：:")
HARD_STOP = re.compile(r"[。；;！？!?]")
PERCENT = re.compile(r"\d\s*[%％]")


def _is_heading(lines: list[Line], idx: list[int], i: int) -> bool:
    """A short line between finished paragraphs that does not read as a sentence fragment."""
    s = lines[i].stripped
    flat = nospace(s)
    if not flat or len(flat) > 40 or HARD_STOP.search(s) or s.endswith(DANGLING) or PERCENT.search(s):
        return False
    if s.count("“") != s.count("”") or s.count("（") + s.count("(") != s.count("）") + s.count(")"):
        return False  # a quotation or bracket left open: a sentence cut by the page
    commas = len(re.findall(r"[，,]", s))
    two_part = bool(re.search(r"\S\s+\S", s)) or "——" in s
    if commas == 0:
        return len(flat) <= 20 and s.count("、") < 2 or two_part
    # one comma: only the long "甲、乙,进一步丙" intertitle between finished paragraphs
    pos = idx.index(i)
    prev_ok = pos == 0 or ends_sentence(lines[idx[pos - 1]].stripped)
    next_long = pos + 1 < len(idx) and len(lines[idx[pos + 1]].stripped) > 40
    head, _, _ = re.split(r"[，,]", s, maxsplit=1)[0], None, None
    return commas == 1 and len(flat) > 20 and "、" in head and prev_ok and next_long


ORDINAL = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}[、是]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.、．]|第[一二三四五六七八九十]{1,3}[，,、])")


def _signature(s: str) -> tuple[int, bool, bool, bool]:
    """The shape of a heading: commas, a 、 pair, a trailing ——, a ● bullet."""
    return (len(re.findall(r"[，,]", s)), "、" in s, s.endswith("——"), bool(LEAD.match(s)))


def _comma_heading_shape(lines: list[Line], idx: list[int], pos: int) -> bool:
    """A short line with commas that could be an intertitle: no sentence stop, not ending
    on a dangling word, quotes and brackets closed, after a finished paragraph."""
    s = lines[idx[pos]].stripped
    flat = nospace(s)
    if not flat or len(flat) > 32 or HARD_STOP.search(s) or s.endswith(DANGLING) or PERCENT.search(s):
        return False
    if s.count("“") != s.count("”") or s.count("（") + s.count("(") != s.count("）") + s.count(")"):
        return False
    if not re.search(r"[，,]", s):
        return False
    prev = pos - 1
    while prev >= 0 and is_debris(lines[idx[prev]].stripped):
        prev -= 1
    return prev < 0 or ends_sentence(lines[idx[prev]].stripped)


def _headings_by_layout(lines: list[Line], idx: list[int], kinds: dict[int, str]) -> None:
    """Intertitles with commas told from sentences cut by a page break by layout cues:

    - an ordinal in front (一、 （二） 3. 第一，);
    - siblings: another intertitle of the article with the same shape (commas, 、, ——);
    - two balanced clauses (坚持创新驱动，打造发展新引擎) between a finished paragraph
      and a long one.

    Then a short line printed right after such an intertitle and before running text,
    of another shape, is the start of a paragraph cut by the page (各级党委和政府要认 /
    真扛起…), not a second intertitle."""
    cands = [k for k, i in enumerate(idx) if kinds[i] == "body" and _comma_heading_shape(lines, idx, k)]
    if not cands:
        return
    shapes: dict[tuple[int, bool, bool, bool], int] = {}
    for k, i in enumerate(idx):
        if kinds[i] == "heading" or k in cands:
            sig = _signature(lines[i].stripped)
            shapes[sig] = shapes.get(sig, 0) + 1
    promoted = []
    for k in cands:
        s = lines[idx[k]].stripped
        nxt = lines[idx[k + 1]].stripped if k + 1 < len(idx) else ""
        clauses = [nospace(c) for c in re.split(r"[，,]", s)]
        balanced = (
            len(clauses) == 2
            and all(4 <= len(c) <= 12 for c in clauses)
            and abs(len(clauses[0]) - len(clauses[1])) <= 3
            and len(nxt) > 40
        )
        if ORDINAL.match(s) or shapes.get(_signature(s), 0) >= 2 or balanced:
            kinds[idx[k]] = "heading"
            promoted.append(k)
    if not promoted:
        return
    for k in promoted:
        sig = _signature(lines[idx[k]].stripped)
        j = k + 1
        while j < len(idx) and kinds[idx[j]] == "insert":
            j += 1
        if j + 1 >= len(idx) or kinds[idx[j]] != "heading" or _signature(lines[idx[j]].stripped) == sig:
            continue
        n = j + 1
        while n + 1 < len(idx) and kinds[idx[n]] == "insert":
            n += 1
        after = idx[n]
        frag = lines[idx[j]].stripped
        if kinds[after] == "body" and not ends_sentence(frag) and not LEAD.match(frag):
            kinds[idx[j]] = "body"


def _byline_names(raw: str, entry: TocEntry) -> tuple[list[str], str]:
    """Authors and role from a printed byline, guided by the TOC's authors."""
    body = BULLET.sub("", raw).strip()
    names = "".join(nospace(a) for a in entry.authors)
    flat = nospace(body)
    if flat == names:
        return list(entry.authors), entry.role
    role, authors = split_role(body)
    if names and flat.endswith(names) and flat != names:
        lead = flat[: -len(names)]
        return list(entry.authors), role or lead
    if names and flat.startswith(names) and flat != names:
        return list(entry.authors), flat[len(names):]
    if len(authors) > len(entry.authors) and entry.authors:
        # a role printed after the names (张霞 云和县崇头镇党委副书记、镇长)
        tokens = body.split()
        k = len(entry.authors)
        return split_names(" ".join(tokens[:k])), " ".join(tokens[k:])
    return authors, role


def _mark_interrupting_lines(lines: list[Line], idx: list[int], kinds: dict[int, str]) -> None:
    """Short lines sitting inside a sentence cut by a page break are captions, not headings."""
    body_positions = [k for k, i in enumerate(idx) if kinds[i] == "body"]
    for a, b in zip(body_positions, body_positions[1:], strict=False):
        first = lines[idx[a]].stripped
        if ends_sentence(first):
            continue
        for k in range(a + 1, b):
            if kinds[idx[k]] == "heading":
                kinds[idx[k]] = "caption"
    # trailing short lines after the last body paragraph are captions
    if body_positions:
        for k in range(body_positions[-1] + 1, len(idx)):
            if kinds[idx[k]] == "heading":
                kinds[idx[k]] = "caption"


def _reflow(lines: list[Line], idx: list[int], kinds: dict[int, str]) -> list[Paragraph]:
    """Paragraphs in source order; a body paragraph without a sentence end is joined with the
    next body paragraph (the pieces between stay as their own paragraphs, placed before it)."""
    paras: list[Paragraph] = []
    pending: list[Paragraph] = []  # lines printed inside an interrupted paragraph
    open_para: Paragraph | None = None
    for i in idx:
        kind = kinds[i]
        s, e = _strip_span(lines[i])
        text = lines[i].text.strip()
        if kind == "body" and open_para is not None:
            open_para.text += text
            open_para.pieces.append((s, e))
            if ends_sentence(open_para.text):
                open_para = None
                paras.extend(pending)
                pending = []
            continue
        para = Paragraph(kind=kind, text=text, pieces=[(s, e)])
        (pending if open_para is not None else paras).append(para)
        if kind == "body" and not ends_sentence(text):
            open_para = para
    paras.extend(pending)
    return paras


REFLOWED_KINDS = ("news", "sponsored", "unknown", "photo", "comic")


def build_plain(seg: Segment, lines: list[Line], a: int, b: int, headline: bool = False) -> None:
    """Non-article segments. Running text (news, sponsored pages) is reflowed like an
    article; front matter (masthead, cover, board, TOC) keeps one paragraph per line.
    ``headline``: the first line is the title of a report without a byline."""
    idx = [i for i in range(a, b) if not lines[i].blank]
    if headline and idx:
        kinds: dict[int, str] = {idx[0]: "title"}
        seg.title = collapse(lines[idx[0]].stripped)
        classify_rest(lines, idx, kinds)
        seg.paragraphs = _reflow(lines, idx, kinds)
        return
    if seg.kind in REFLOWED_KINDS:
        kinds = {}
        classify_rest(lines, idx, kinds)
        seg.paragraphs = _reflow(lines, idx, kinds)
    else:
        seg.paragraphs = []
        for i in idx:
            s, e = _strip_span(lines[i])
            seg.paragraphs.append(Paragraph(kind="body", text=lines[i].text.strip(), pieces=[(s, e)]))
    paras = [Paragraph(kind="body", text=lines[i].stripped) for i in idx]
    for p in paras[:3]:
        if len(p.text) <= SHORT and not PHOTO_CREDIT.search(p.text):
            seg.title = collapse(p.text)
            break
    if seg.kind == "sponsored":
        for k, p in enumerate(paras[:4]):
            if PLACE_LINE.match(p.text) and k + 1 < len(paras):
                seg.title = collapse(p.text + " " + paras[k + 1].text)
                break
