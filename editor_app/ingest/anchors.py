"""Finding each table-of-contents entry's article in the body: bylines and printed titles.

The body of a layout export is not in table-of-contents order and an article's
title may be printed after its first paragraphs (the page's title block comes
out of the layout after the text frame). The byline is the sturdiest anchor:
a short line holding the entry's authors, with or without ■, with layout
spaces inside names, with a role before or after (``中共浙江省委书记 易炼红``,
``张霞 云和县崇头镇党委副书记、镇长``). A byline that differs from the TOC by one
character (a typo in one of them) is still found, and later reported by the
consistency checks.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from editor_app.model import TocEntry

from .lines import Line, fold, fold_marks, nospace

MAX_BYLINE = 40  # characters in a byline line, role included
BULLET = re.compile(r"^[■●◆▲]\s*")


@dataclass
class Anchor:
    line: int  # index of the byline (or title) line
    kind: str  # "byline" or "title"
    exact: bool  # byline names equal the TOC's


def title_keys(title: str) -> list[str]:
    """Fold forms under which a TOC title may be printed: whole, and the part after a ``place:``."""
    keys = [fold_marks(title)]
    for sep in (":", "："):
        if sep in title:
            head, _, tail = title.partition(sep)
            if tail.strip():
                keys.append(fold_marks(tail))
    return [k for k in keys if k]


def _byline_match(line: Line, entry: TocEntry) -> tuple[bool, bool]:
    """(matches, exact) for a byline of ``entry`` on ``line``."""
    s = line.stripped
    if not s or len(s) > MAX_BYLINE or not entry.authors:
        return False, False
    has_bullet = bool(BULLET.match(s))
    body = BULLET.sub("", s)
    names = "".join(nospace(a) for a in entry.authors)
    flat = nospace(body)
    if not names or not flat:
        return False, False
    if flat == names or flat == nospace(entry.role) + names:
        return True, True
    parts = body.split()
    # role before the names: 中共浙江省委书记 易炼红
    if flat.endswith(names) and len(parts) >= 2 and nospace(parts[-1]) in names:
        lead = flat[: -len(names)]
        if lead and not re.search(r"[。，,；！？]", lead):
            return True, True
    # role after the names: 张霞 云和县崇头镇党委副书记、镇长
    if flat.startswith(names) and len(parts) >= 2:
        tail = flat[len(names) :]
        if tail and not re.search(r"[。；！？]", tail) and nospace(parts[0]) in names:
            return True, True
    # one character off (a typo in the TOC or the byline); only with a ■ or a lone name
    if has_bullet or len(parts) <= len(entry.authors) + 1:
        if len(flat) == len(names) and len(names) >= 2:
            same = sum(1 for a, b in zip(flat, names, strict=True) if a == b)
            if same == len(names) - 1 and flat[0] == names[0]:
                return True, False
    return False, False


def find_bylines(lines: list[Line], entry: TocEntry, allowed: list[range]) -> list[Anchor]:
    out = []
    for rng in allowed:
        for i in rng:
            ok, exact = _byline_match(lines[i], entry)
            if ok:
                out.append(Anchor(i, "byline", exact))
    return out


def title_match(lines: list[Line], i: int, entry: TocEntry) -> int:
    """How many lines (0, 1 or 2 non-blank) starting at ``i`` print the entry's title."""
    s = lines[i].stripped
    if not s or len(s) > 60:
        return 0
    keys = title_keys(entry.title)
    one = fold_marks(s)
    if any(one == k for k in keys):
        return 1
    # title printed over two lines
    j = i + 1
    while j < len(lines) and lines[j].blank and j <= i + 3:
        j += 1
    if j < len(lines) and lines[j].stripped and len(lines[j].stripped) <= 60:
        two = one + fold_marks(lines[j].stripped)
        if any(two == k for k in keys):
            return 2
    return 0


def title_similar(text: str, entry: TocEntry, threshold: float = 0.6) -> float:
    """Similarity of a printed line to the entry's title (0 when below ``threshold``)."""
    s = fold_marks(text)
    best = 0.0
    for k in title_keys(entry.title):
        if not s or not k:
            continue
        r = difflib.SequenceMatcher(None, s, k, autojunk=False).ratio()
        best = max(best, r)
    return best if best >= threshold else 0.0


def find_titles(lines: list[Line], entry: TocEntry, allowed: list[range]) -> list[Anchor]:
    out = []
    for rng in allowed:
        for i in rng:
            if title_match(lines, i, entry):
                out.append(Anchor(i, "title", True))
    return out


def choose_anchors(
    lines: list[Line], entries: list[TocEntry], allowed: list[range]
) -> list[Anchor | None]:
    """One anchor per entry, taking entries in page order and preferring the first
    candidate after the previous article's anchor (the body runs in page order,
    apart from pieces placed before the table of contents)."""
    cands: list[list[Anchor]] = []
    for e in entries:
        c = find_bylines(lines, e, allowed)
        exact = [a for a in c if a.exact]
        c = exact or c
        if not c:
            c = find_titles(lines, e, allowed)
        cands.append(c)
    chosen: list[Anchor | None] = [None] * len(entries)
    taken: set[int] = set()
    prev = -1
    order = sorted(range(len(entries)), key=lambda k: entries[k].page)
    for k in order:
        options = [a for a in cands[k] if a.line not in taken]
        if not options:
            continue
        after = [a for a in options if a.line > prev]
        pick = after[0] if after else options[0]
        chosen[k] = pick
        taken.add(pick.line)
        prev = max(prev, pick.line)
    return chosen


__all__ = [
    "Anchor",
    "choose_anchors",
    "find_bylines",
    "find_titles",
    "fold",
    "title_keys",
    "title_match",
    "title_similar",
]
