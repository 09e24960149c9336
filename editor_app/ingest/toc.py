"""The table of contents: entries with page, column, title, subtitle, authors and role.

The TOC page of the layout export interleaves entries with picture captions
(``P11``, ``P38 title``), a column's introduction paragraph and a sponsor list
(特别鸣谢 …). Only page-numbered lines that carry a ``/authors`` part (on the
line, or on a wrapped or subtitle line after it) are entries.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from editor_app.model import TocEntry
from editor_app.paths import resource

from .lines import Line, collapse, nospace

ENTRY = re.compile(r"^\s*(?:[-–·•]\s*)?(?P<page>\d{1,3})\s+(?P<rest>\S.*)$")
SECTION_MARK = re.compile(r"^\s*>{1,2}\s*(?P<name>\S.*)$")
CAPTION = re.compile(r"^\s*P\s?\d{1,3}(?:\s+.*)?$")
SPONSOR = re.compile(
    r"(中共|人民政府|委员会|有限公司|有限责任公司|集团|银行|分行|厅$|局$|省委$|杂志社|管委会|特别鸣谢|鸣谢)"
)
MAX_SECTION_LEN = 16
CLUSTER_GAP = 80  # lines between two entries of one TOC


@functools.cache
def known_roles() -> tuple[str, ...]:
    path = resource("ingest", "roles.txt")
    roles = [
        ln.strip()
        for ln in path.read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    return tuple(sorted(roles, key=len, reverse=True))


def split_names(text: str) -> list[str]:
    """Names separated by spaces; single characters split by layout spaces are joined pairwise.

    ``叶 慧 周毅辉`` -> [叶慧, 周毅辉]; ``叶 慧 梁 威`` -> [叶慧, 梁威]; ``今 哲 吴梦霞`` -> [今哲, 吴梦霞].
    """
    tokens = [t for t in re.split(r"[\s\u3000、，,]+", text.strip()) if t]
    names: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if len(tok) == 1 and i + 1 < len(tokens) and len(tokens[i + 1]) == 1:
            names.append(tok + tokens[i + 1])
            i += 2
            continue
        names.append(tok)
        i += 1
    return names


def split_role(author_text: str) -> tuple[str, list[str]]:
    """``本刊记者 马跃明 袁卫`` -> (本刊记者, [马跃明, 袁卫]). A lone role is the author."""
    text = collapse(author_text)
    for role in known_roles():
        if text.startswith(role):
            rest = text[len(role) :].strip()
            if rest:
                return role, split_names(rest)
            return "", [role]
    return "", split_names(text)


@dataclass
class TocRegion:
    entries: list[TocEntry]
    first_line: int  # index of the first TOC line (a section mark or the first entry)
    last_line: int  # index of the last entry line (with its continuation lines)


def _entry_candidates(lines: list[Line]) -> list[int]:
    """Indexes of lines that look like TOC entries (page + title, with a /authors part nearby)."""
    out = []
    for i, line in enumerate(lines):
        m = ENTRY.match(line.text)
        if not m or len(line.stripped) > 80:
            continue
        rest = m.group("rest")
        if "/" in rest or "／" in rest:
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
        if SECTION_MARK.match(s) or (len(nospace(s)) <= MAX_SECTION_LEN and not SPONSOR.search(s)):
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
            entry, i = _read_entry(lines, i, section)
            entries.append(entry)
            continue
        mark = SECTION_MARK.match(s)
        if mark:
            heading_candidate = collapse(mark.group("name"))
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


def _read_entry(lines: list[Line], i: int, section: str) -> tuple[TocEntry, int]:
    """Read the entry starting at line ``i``; return it and the index after its last line."""
    first = lines[i]
    m = ENTRY.match(first.text)
    assert m is not None
    page = int(m.group("page"))
    title_parts = [m.group("rest")]
    subtitle = ""
    author_text = None
    end_line = i
    # split a /authors part off the first line
    if "/" in title_parts[0] or "／" in title_parts[0]:
        head, _, tail = title_parts[0].replace("／", "/").rpartition("/")
        title_parts = [head]
        author_text = tail
    j = i + 1
    while author_text is None and j < len(lines) and j <= i + 6:
        s = lines[j].stripped
        if not s:
            j += 1
            continue
        if s.startswith(("——", "/", "／")) or "/" in s:
            body = s.replace("／", "/")
            head, _, tail = body.rpartition("/")
            if head.startswith("——"):
                subtitle = collapse(head[2:])
            elif head:
                title_parts.append(head)
            author_text = tail
            end_line = j
            j += 1
            break
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
        source_end=lines[end_line].end,
    )
    return entry, max(j, i + 1)
