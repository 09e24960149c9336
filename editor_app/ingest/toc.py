"""The table of contents: entries with page, column, title, subtitle, authors and role.

The TOC page of the layout export interleaves entries with picture captions
(``P11``, ``P38 title``), a column's introduction paragraph and a sponsor list
(特别鸣谢 …). Entries are printed in one of these forms:

- ``01 标题/作者`` (or ``01｜标题｜作者``): page first; a line counts only with its
  ``/authors`` part, on the line or on a wrapped or ``——subtitle/authors`` line after it;
- ``标题……01`` (dot leaders, or ``标题/作者 ··· 01``): page last; a ``——subtitle``
  line and a line of authors may follow directly below.

Column heads are ``>>栏目``, ``【栏目】``, ``◆ 栏目`` or a short bare line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from editor_app.model import TocEntry

from .bylines import parse_byline
from .lines import Line, collapse, nospace
from .names import split_role

# 01 标题/作者 · - 18 标题/作者 · 01｜标题｜作者
ENTRY = re.compile(r"^\s*(?:[-–·•]\s*)?(?P<page>\d{1,3})(?:\s+|\s*[|｜]\s*)(?P<rest>\S.*)$")
# 标题……01 · 标题/作者 ··· 01 (dot leaders before the page number)
LEADER = re.compile(
    r"^\s*(?P<rest>\S.*?)\s*(?:…+|\.{3,}|·{3,}|[-－—_]{3,}|\s{4,})\s*(?P<page>\d{1,3})\s*$"
)
# column heads in the contents: >>栏目 · 【栏目】 · ◆ 栏目
SECTION_MARKS = (
    re.compile(r"^\s*>{1,2}\s*(?P<name>\S.*)$"),
    re.compile(r"^\s*[【〖\[]\s*(?P<name>[^】〗\]]+?)\s*[】〗\]]\s*$"),
    re.compile(r"^\s*[◆◇▶►]\s*(?P<name>\S.*)$"),
)
AUTHOR_SEP = re.compile(r"[/／|｜]")


def section_mark(s: str) -> str | None:
    for pat in SECTION_MARKS:
        m = pat.match(s)
        if m:
            return collapse(m.group("name"))
    return None


def _entry_head(text: str) -> tuple[int, str, bool] | None:
    """(page, rest, page_first) of a contents line, or None."""
    m = ENTRY.match(text)
    if m:
        return int(m.group("page")), m.group("rest").rstrip(), True
    m = LEADER.match(text)
    if m and m.group("rest").strip():
        return int(m.group("page")), m.group("rest").rstrip(), False
    return None
CAPTION = re.compile(r"^\s*P\s?\d{1,3}(?:\s+.*)?$")
SPONSOR = re.compile(
    r"(中共|人民政府|委员会|有限公司|有限责任公司|集团|银行|分行|厅$|局$|省委$|杂志社|管委会|特别鸣谢|鸣谢)"
)
MAX_SECTION_LEN = 16
CLUSTER_GAP = 80  # lines between two entries of one TOC


@dataclass
class TocRegion:
    entries: list[TocEntry]
    first_line: int  # index of the first TOC line (a section mark or the first entry)
    last_line: int  # index of the last entry line (with its continuation lines)


def _entry_candidates(lines: list[Line]) -> list[int]:
    """Indexes of lines that look like TOC entries (page + title, with a /authors part nearby)."""
    out = []
    for i, line in enumerate(lines):
        head = _entry_head(line.text)
        if head is None or len(line.stripped) > 80:
            continue
        _, rest, page_first = head
        if AUTHOR_SEP.search(rest) or not page_first:
            out.append(i)
            continue
        # authors on a wrapped or subtitle line within the next two non-blank lines
        seen = 0
        for nxt in lines[i + 1 : i + 6]:
            if nxt.blank:
                continue
            s = nxt.stripped
            if s.startswith(("/", "／", "——")) and ("/" in s or "／" in s):
                out.append(i)
                break
            seen += 1
            if seen >= 1:
                break
    return out


def _best_cluster(cands: list[int]) -> list[int]:
    if not cands:
        return []
    clusters: list[list[int]] = [[cands[0]]]
    for c in cands[1:]:
        if c - clusters[-1][-1] <= CLUSTER_GAP:
            clusters[-1].append(c)
        else:
            clusters.append([c])
    return max(clusters, key=len)


def parse_toc(lines: list[Line], start: int = 0) -> TocRegion | None:
    """Find and parse the table of contents at or after line ``start``."""
    cands = _best_cluster([c for c in _entry_candidates(lines) if c >= start])
    if len(cands) < 2:
        return None
    first, last = cands[0], cands[-1]
    # the section mark (or one short column line) above the first entry belongs to the TOC
    for j in range(first - 1, max(start, first - 12) - 1, -1):
        s = lines[j].stripped
        if not s:
            continue
        if section_mark(s) or (len(nospace(s)) <= MAX_SECTION_LEN and not SPONSOR.search(s)):
            first = j
        break

    entries: list[TocEntry] = []
    section = ""
    heading_candidate = ""
    i = first
    cand_set = set(cands)
    while i < len(lines) and i <= last:
        line = lines[i]
        s = line.stripped
        if not s:
            i += 1
            continue
        if i in cand_set:
            if heading_candidate:
                section = heading_candidate
                heading_candidate = ""
            entry, i, end_line = _read_entry(lines, i, section)
            entries.append(entry)
            last = max(last, end_line)
            continue
        mark = section_mark(s)
        if mark:
            heading_candidate = mark
        elif (
            len(nospace(s)) <= MAX_SECTION_LEN
            and not CAPTION.match(s)
            and not SPONSOR.search(s)
            and "/" not in s
        ):
            heading_candidate = collapse(s)
        i += 1
    last_line = last
    # continuation lines of the last entry
    while last_line + 1 < len(lines) and (
        lines[last_line + 1].blank
        or lines[last_line + 1].stripped.startswith(("/", "／", "——"))
    ):
        if lines[last_line + 1].blank and not any(
            ln.stripped.startswith(("/", "／", "——")) for ln in lines[last_line + 2 : last_line + 3]
        ):
            break
        last_line += 1
    return TocRegion(entries=entries, first_line=first, last_line=last_line)


def _read_entry(lines: list[Line], i: int, section: str) -> tuple[TocEntry, int, int]:
    """Read the entry starting at line ``i``; return it, the index after its last line
    and the index of its last line."""
    first = lines[i]
    head = _entry_head(first.text)
    assert head is not None
    page, rest, page_first = head
    title_parts = [rest]
    subtitle = ""
    author_text = None
    end_line = i
    # split a /authors (or ｜authors) part off the first line
    if AUTHOR_SEP.search(title_parts[0]):
        head_text, _, tail = AUTHOR_SEP.sub("/", title_parts[0]).rpartition("/")
        title_parts = [head_text]
        author_text = tail
    j = i + 1
    if page_first:
        while author_text is None and j < len(lines) and j <= i + 6:
            s = lines[j].stripped
            if not s:
                j += 1
                continue
            if ENTRY.match(lines[j].text):
                break
            if s.startswith("——") and not AUTHOR_SEP.search(s) and not subtitle:
                subtitle = collapse(s[2:])
                end_line = j
                j += 1
                continue
            if s.startswith(("——", "/", "／")) or "/" in s:
                body = s.replace("／", "/")
                head_text, _, tail = body.rpartition("/")
                if head_text.startswith("——"):
                    subtitle = collapse(head_text[2:])
                elif head_text:
                    title_parts.append(head_text)
                author_text = tail
                end_line = j
                j += 1
                break
            break
        # a subtitle line after a page-first entry whose authors were on the first line
        nxt = j
        while nxt < len(lines) and lines[nxt].blank and nxt <= j + 2:
            nxt += 1
        if not subtitle and nxt < len(lines) and lines[nxt].stripped.startswith("——") and not AUTHOR_SEP.search(
            lines[nxt].stripped
        ):
            subtitle = collapse(lines[nxt].stripped[2:])
            end_line = nxt
            j = nxt + 1
    else:
        # leader form: a ——subtitle line and an authors line directly below
        while j < len(lines) and j <= i + 2:
            s = lines[j].stripped
            if not s:
                break
            if s.startswith("——") and not subtitle:
                body = AUTHOR_SEP.sub("/", s)
                head_text, sep, tail = body.rpartition("/")
                subtitle = collapse((head_text if sep else body)[2:])
                if sep and author_text is None:
                    author_text = tail
                end_line = j
                j += 1
                continue
            if author_text is None and _entry_head(lines[j].text) is None:
                printed = parse_byline(s)  # 文/林晓 周航, 记者 林晓 通讯员 周航
                if printed is not None:
                    author_text = " ".join(([printed.role] if printed.role else []) + printed.authors)
                elif _names_line(s):
                    author_text = s
                if author_text is not None:
                    end_line = j
                    j += 1
            break
    title = collapse(" ".join(p.strip() for p in title_parts if p.strip()))
    role, authors = split_role(author_text or "")
    entry = TocEntry(
        page=page,
        section=section,
        title=title,
        subtitle=subtitle,
        authors=authors,
        role=role,
        source_start=first.start,
        source_end=lines[end_line].start + len(lines[end_line].text.rstrip()),
    )
    return entry, max(j, i + 1), end_line


_NAME = re.compile(r"^[\u3400-\u9fff·•]{2,6}$")


def _names_line(s: str) -> bool:
    """A line of authors under a contents entry: names, maybe after a role."""
    if len(s) > 30 or re.search(r"[。，,；;！？!?：:]", s):
        return False
    _role, names = split_role(s)
    return bool(names) and all(_NAME.match(n) for n in names)
