"""Writing an article's text as paragraphs with comments and tracked changes.

Coordinates: a finding's span indexes the article's current text (paragraphs
joined by "\\n"). Comment ranges are placed on exactly those characters: runs
are split at every span boundary, ``w:commentRangeStart`` goes before the first
character and ``w:commentRangeEnd`` (followed by the reference mark) after the
last. Range markers always sit at paragraph level, between runs and between
``w:ins`` / ``w:del`` wrappers, never inside them, so the same writer serves
plain copies, commented copies and tracked copies.

Where a deletion sits exactly at a comment's start, it is placed inside the
range (a replaced word is shown with its comment); text deleted at a comment's
end stays outside.

Findings whose place cannot be shown as a range:
- an empty span (start == end, e.g. "a full stop is missing here") is anchored
  on the character just after the position (the one before it at the end of a
  paragraph), so Word and LibreOffice both show a visible, clickable range;
- a span made only of paragraph breaks, or on an empty article, is anchored on
  the article's title;
- a span whose text no longer matches the finding's excerpt (the text changed
  after the check) is moved to the excerpt's nearest occurrence; when the
  excerpt is gone it is anchored on the title and the comment says so.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher

from lxml import etree

from editor_app.model import Finding, Segment

from . import ooxml
from .revisions import ParaChange

# paragraph kind -> style id
KIND_STYLE = {
    "lead": "Lead",
    "heading": "Heading3",
    "body": "BodyText",
    "caption": "Caption",
    "insert": "InsertNote",
    "endmark": "EndMark",
    "kicker": "Kicker",
    "title": "Heading3",
    "subtitle": "BodyText",
    "byline": "BylineRole",
    "role": "BylineRole",
}

MOVED_NOTE = "【正文已改动，原位置未能定位】"


@dataclass
class Anchor:
    """A comment to write: its range in current-text offsets (``on_title``:
    offsets in the title instead) and its text."""

    finding: Finding
    start: int
    end: int
    on_title: bool = False
    note: str = ""
    cid: int = -1


def align_kinds(seg: Segment, lines: list[str]) -> list[str]:
    """Paragraph kinds for the current lines.

    Same number of lines as the parsed paragraphs: kinds by position. Otherwise
    lines equal to a parsed paragraph, or in a replaced block of the same
    length, keep its kind; the rest are ``body``.
    """
    orig = seg.body_paragraphs
    if len(orig) == len(lines):
        return [p.kind for p in orig]
    kinds = ["body"] * len(lines)
    sm = SequenceMatcher(None, [p.text for p in orig], lines, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            for k in range(j2 - j1):
                kinds[j1 + k] = orig[i1 + k].kind
    return kinds


def _relocate(text: str, f: Finding) -> tuple[int, int] | None:
    """Span of the finding in ``text``: as given when it still holds, else the
    excerpt's occurrence nearest to the given start, else None."""
    s, e = f.start, f.end
    if 0 <= s <= e <= len(text) and (not f.excerpt or text[s:e] == f.excerpt):
        return s, e
    if not f.excerpt:
        return None
    best = None
    i = text.find(f.excerpt)
    while i >= 0:
        if best is None or abs(i - s) < abs(best - s):
            best = i
        i = text.find(f.excerpt, i + 1)
    if best is None:
        return None
    return best, best + len(f.excerpt)


def plan_anchors(text: str, title: str, findings: list[Finding]) -> list[Anchor]:
    """Where each finding's comment goes (see the module docstring)."""
    out: list[Anchor] = []
    for f in findings:
        span = _relocate(text, f)
        if span is None:
            out.append(Anchor(f, 0, len(title), on_title=True, note=MOVED_NOTE))
            continue
        s, e = span
        # a range cannot start on a paragraph break nor end just after one
        while s < e and text[s] == "\n":
            s += 1
        while e > s and text[e - 1] == "\n":
            e -= 1
        if s >= e:
            pos = span[0]
            if pos < len(text) and text[pos] != "\n":
                s, e = pos, pos + 1
            elif pos > 0 and text[pos - 1] != "\n":
                s, e = pos - 1, pos
            else:
                out.append(Anchor(f, 0, len(title), on_title=True))
                continue
        out.append(Anchor(f, s, e))
    out.sort(key=lambda a: (not a.on_title, a.start, a.end))
    return out


class RangeWriter:
    """Writes pieces of text into paragraphs, opening and closing comment
    ranges at their exact offsets."""

    def __init__(self, anchors: list[tuple[int, int, int]], mark: ooxml.Mark | None):
        # anchors: (comment id, start, end) with start < end
        self.starts: dict[int, list[int]] = defaultdict(list)
        self.ends: dict[int, list[int]] = defaultdict(list)
        for cid, s, e in anchors:
            self.starts[s].append(cid)
            self.ends[e].append(cid)
        self.points = sorted(set(self.starts) | set(self.ends))
        self.mark = mark
        self.marks: dict[int, ooxml.Mark] | None = None

    def _events(self, p: etree._Element, pos: int) -> None:
        for cid in self.ends.pop(pos, ()):
            ooxml.comment_end(p, cid)
        for cid in self.starts.pop(pos, ()):
            ooxml.comment_start(p, cid)

    def mark_of(self, step: int | None) -> ooxml.Mark | None:
        """The mark of the revision ``step`` made a change (else the export's own)."""
        if step is not None and self.marks:
            return self.marks.get(step, self.mark)
        return self.mark

    def write(self, p: etree._Element, pieces: list[tuple], pos: int) -> int:
        """Write ``pieces`` (eq / ins / del, optionally with the step that made them)
        starting at current offset ``pos``; returns the offset after them. Closes
        ranges ending at that offset."""
        for piece in pieces:
            tag, text = piece[0], piece[1]
            mark = self.mark_of(piece[2] if len(piece) > 2 else None)
            if tag == "del":
                self._events(p, pos)
                assert mark is not None
                ooxml.deleted_run(p, text, mark)
                continue
            i = 0
            n = len(text)
            while i < n:
                self._events(p, pos)
                k = bisect.bisect_right(self.points, pos)
                stop = n
                if k < len(self.points):
                    stop = min(n, i + (self.points[k] - pos))
                chunk = text[i:stop]
                if tag == "ins":
                    assert mark is not None
                    ooxml.inserted_run(p, chunk, mark)
                else:
                    ooxml.run(p, chunk)
                pos += len(chunk)
                i = stop
        for cid in self.ends.pop(pos, ()):
            ooxml.comment_end(p, cid)
        return pos

    def flush(self, p: etree._Element) -> None:
        """Close whatever is left (never expected: a safety net for valid XML)."""
        for pos in sorted(set(self.starts) | set(self.ends)):
            self._events(p, pos)


def write_body(
    append,
    lines: list[str],
    kinds: list[str],
    changes: list[ParaChange],
    anchors: list[tuple[int, int, int]],
    mark: ooxml.Mark | None,
    marks: dict[int, ooxml.Mark] | None = None,
) -> None:
    """Append the article's body paragraphs (through ``append(p)``). ``marks``: the
    mark (author, date) of each revision step, for changes attributed to their revision
    (:func:`editor_app.export.revisions.attribute_changes`); others carry ``mark``."""
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    writer = RangeWriter(anchors, mark)
    writer.marks = marks
    last = None
    for ch in changes:
        para_mark = writer.mark_of(ch.step)
        if ch.line is None:
            assert para_mark is not None
            p = ooxml.paragraph("BodyText", tracked_mark=para_mark.element("del"))
            for piece in ch.pieces:
                ooxml.deleted_run(p, piece[1], writer.mark_of(piece[2] if len(piece) > 2 else None))
            append(p)
            last = p
            continue
        style = KIND_STYLE.get(kinds[ch.line], "BodyText")
        tracked = para_mark.element("ins") if (ch.inserted and para_mark is not None) else None
        p = ooxml.paragraph(style, tracked_mark=tracked)
        writer.write(p, ch.pieces, offsets[ch.line])
        append(p)
        last = p
    if last is not None:
        writer.flush(last)


def write_title(p: etree._Element, title: str, anchors: list[tuple[int, int, int]]) -> None:
    """The title's text, with the ranges of comments anchored on it."""
    RangeWriter(anchors, None).write(p, [("eq", title)] if title else [], 0)


SUGGESTION_WORDS = {  # (replace, delete) after a comment's message, by export language
    "zh_CN": (" 建议：{0}", " 建议：删除“{0}”"),
    "en": (" Suggestion: {0}", " Suggestion: delete “{0}”"),
}


def comment_text(f: Finding, note: str = "", message: str | None = None, lang: str = "zh_CN") -> str:
    """A comment's text: ``note``, the message (``message``: the finding's message in the
    export's language; never the rule's id), then the suggestion."""
    text = note + (f.message if message is None else message)
    if f.suggestion is not None:
        replace, delete = SUGGESTION_WORDS.get(lang, SUGGESTION_WORDS["zh_CN"])
        text += replace.format(f.suggestion) if f.suggestion else delete.format(f.excerpt)
    return text
