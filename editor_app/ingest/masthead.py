"""The masthead: magazine title, year, issue number, cumulative number, frequency."""

from __future__ import annotations

import re

from editor_app.model import Masthead

from .lines import Line, collapse, nospace

ISSUE_LINE = re.compile(
    r"(?P<year>\d{4})\s*年\s*第\s*(?P<number>\d{1,3})\s*期"
    r"(?:\s*[（(]?\s*总\s*第\s*(?P<total>\d{1,5})\s*期\s*[）)]?)?"
    r"(?:\s*(?P<freq>[半双旬周月季年]+刊|半月刊|旬刊|月刊|周刊|季刊))?"
)
PUBLISHER = re.compile(r"(主管|主办)")
HEAD_WINDOW = 40  # the masthead sits in the first lines


def find_masthead(lines: list[Line]) -> tuple[Masthead, int]:
    """The masthead and the index of the line that ends it (-1 if none was found)."""
    m = Masthead()
    for i, line in enumerate(lines[:HEAD_WINDOW]):
        hit = ISSUE_LINE.search(line.text)
        if not hit:
            continue
        m.year = int(hit.group("year"))
        m.number = int(hit.group("number"))
        if hit.group("total"):
            m.total_number = int(hit.group("total"))
        m.frequency = hit.group("freq") or ""
        before = line.text[: hit.start()].strip()
        if before and len(nospace(before)) <= 12:
            m.title = collapse(before)
        for prev in reversed(lines[:i]):
            s = prev.stripped
            if not s:
                continue
            if not m.title and len(nospace(s)) <= 12 and not PUBLISHER.search(s):
                m.title = collapse(s)
                continue
            if PUBLISHER.search(s) and not m.publisher:
                m.publisher = collapse(s)
        return m, i
    return m, -1
