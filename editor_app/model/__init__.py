"""Plain data of the review desk. This package imports nothing of ours.

Offsets: ``source_*`` index the decoded source text of an issue (Python ``str``
indices, no newline normalisation). ``text`` offsets index an article's
editable text (its paragraphs joined by "\\n").
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

SEGMENT_KINDS = (
    "masthead",  # magazine name, issue line, publisher line
    "cover",  # cover lines (headlines printed on the cover)
    "editorial_board",  # 编辑指导委员会, 社长, 总编 ...
    "toc",  # table of contents page, with its captions and sponsor list
    "article",  # one table-of-contents entry
    "news",  # news pages: 浙江双周观察, 数字浙江, 半月时政 ...
    "sponsored",  # county / city pages after the articles, sponsor lists
    "comic",
    "photo",  # a stand-alone photo caption page
    "blank",  # only whitespace
    "unknown",
)

PARAGRAPH_KINDS = (
    "kicker",  # a line above the title (cover line, series name)
    "title",
    "subtitle",
    "byline",  # authors
    "role",  # 本刊记者, an affiliation line
    "lead",  # ● lead paragraph, summary
    "heading",  # an intertitle inside the body
    "body",
    "caption",  # a photo caption
    "insert",  # material printed inside the article but not of it (comic label, QR note)
    "endmark",  # ☺ 🌀 🌟 closing mark
)

CATEGORIES = ("number", "script", "punctuation", "wording", "consistency")
SEVERITIES = ("error", "warning", "info")
# A stored finding is "open" or "dismissed" (a user's decision, kept by fingerprint).
# "resolved" names a problem that was found before and is no longer in the text
# (fixed, edited away, restored away ...): an event in the history, never a state
# that hides a problem still in the text.
FINDING_STATUSES = ("open", "dismissed", "resolved")
# Header fields of an article, versioned with its text in every revision.
HEADER_FIELDS = ("kicker", "title", "subtitle", "authors", "role", "page")


@dataclass
class Masthead:
    title: str = ""  # 今日浙江
    year: int | None = None  # 2024
    number: int | None = None  # 10 (issue of the year)
    total_number: int | None = None  # 745 (cumulative)
    frequency: str = ""  # 半月刊
    publisher: str = ""  # 中共浙江省委主管主办

    def label(self) -> str:
        """Human label, e.g. 今日浙江 2024年第10期."""
        parts = [self.title or "?"]
        if self.year is not None and self.number is not None:
            parts.append(f"{self.year}年第{self.number}期")
        return " ".join(parts)


@dataclass
class OffsetMap:
    """Maps positions in an editable text back to the source.

    ``runs`` is a sorted list of ``(text_start, source_start, length)``: the
    text characters ``text_start .. text_start+length`` are the source
    characters ``source_start .. source_start+length``. Text characters not in
    any run (the "\\n" joining paragraphs) map to the source position of the
    next run's start.
    """

    runs: list[tuple[int, int, int]] = field(default_factory=list)

    def add(self, text_start: int, source_start: int, length: int) -> None:
        if length <= 0:
            return
        if self.runs:
            t, s, n = self.runs[-1]
            if t + n == text_start and s + n == source_start:
                self.runs[-1] = (t, s, n + length)
                return
        self.runs.append((text_start, source_start, length))

    def to_source(self, pos: int) -> int:
        if not self.runs:
            return 0
        i = bisect.bisect_right([r[0] for r in self.runs], pos) - 1
        if i < 0:
            return self.runs[0][1]
        t, s, n = self.runs[i]
        if pos < t + n:
            return s + (pos - t)
        if i + 1 < len(self.runs):
            return self.runs[i + 1][1]
        return s + n

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        """Source span covering text span [start, end)."""
        if end <= start:
            s = self.to_source(start)
            return s, s
        return self.to_source(start), self.to_source(end - 1) + 1

    def exact_span(self, start: int, end: int) -> tuple[int, int] | None:
        """Source span of text span [start, end) when all its characters are one run of
        source characters (so the source there holds exactly those characters); else None."""
        if not self.runs:
            return None
        i = bisect.bisect_right([r[0] for r in self.runs], start) - 1
        if i < 0:
            return None
        t, s, n = self.runs[i]
        if end <= start:
            return (s + start - t,) * 2 if start <= t + n else None
        if end <= t + n:
            return s + (start - t), s + (end - t)
        return None

    def to_text(self, source_pos: int) -> int | None:
        """Text position of a source position, or None if it was dropped."""
        for t, s, n in self.runs:
            if s <= source_pos < s + n:
                return t + (source_pos - s)
        return None

    def to_list(self) -> list[list[int]]:
        return [list(r) for r in self.runs]

    @classmethod
    def from_list(cls, data: list) -> OffsetMap:
        return cls(runs=[(int(a), int(b), int(c)) for a, b, c in data])


@dataclass(frozen=True)
class SegmentRef:
    """The one way to name a segment of an issue.

    ``key`` is the model's ``Segment.id`` ("s03"), unique among the issue's
    active segments; ``id`` is the library's integer id, filled by the store
    (``None`` for an issue that is not in a library). Only the store
    translates between the two.
    """

    key: str
    id: int | None = None

    def __str__(self) -> str:
        return self.key if self.id is None else f"{self.key}#{self.id}"


@dataclass
class Header:
    """The header fields of an article (one revision's, or the current ones)."""

    kicker: str = ""
    title: str = ""
    subtitle: str = ""
    authors: list[str] = field(default_factory=list)
    role: str = ""
    page: int | None = None

    def changed_fields(self, other: Header) -> list[str]:
        return [f for f in HEADER_FIELDS if getattr(self, f) != getattr(other, f)]


@dataclass
class Paragraph:
    kind: str  # one of PARAGRAPH_KINDS
    text: str
    # source pieces this paragraph was joined from: [(source_start, source_end)]
    pieces: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class TocEntry:
    page: int
    section: str
    title: str
    subtitle: str = ""
    authors: list[str] = field(default_factory=list)
    role: str = ""  # 本刊记者
    article_id: str | None = None  # id of the article segment
    source_start: int = 0  # the entry's line(s) in the TOC
    source_end: int = 0


@dataclass
class Segment:
    """A contiguous slice of the source. Segments partition the source exactly."""

    id: str  # "s01", "s02" ... in source order
    kind: str  # one of SEGMENT_KINDS
    source_start: int
    source_end: int
    title: str = ""
    subtitle: str = ""
    kicker: str = ""
    authors: list[str] = field(default_factory=list)
    role: str = ""
    byline_raw: str = ""  # the byline as printed (before name normalisation)
    page: int | None = None
    section: str = ""
    toc_index: int | None = None  # index into Issue.toc for articles
    paragraphs: list[Paragraph] = field(default_factory=list)
    # set by the library: the revision the paragraphs' text is, and the text as
    # imported with its map to the source (positions are aligned through it)
    revision_id: int | None = None
    library_id: int | None = None
    base_text: str | None = None
    base_map: OffsetMap | None = None

    @property
    def ref(self) -> SegmentRef:
        return SegmentRef(self.id, self.library_id)

    @property
    def header(self) -> Header:
        return Header(self.kicker, self.title, self.subtitle, list(self.authors), self.role, self.page)

    @property
    def body_paragraphs(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind not in ("kicker", "title", "subtitle", "byline", "role")]

    def editable_text(self) -> tuple[str, OffsetMap]:
        """The editable text (body paragraphs joined by "\\n") and its offset map."""
        parts: list[str] = []
        omap = OffsetMap()
        pos = 0
        for i, p in enumerate(self.body_paragraphs):
            if i:
                parts.append("\n")
                pos += 1
            parts.append(p.text)
            # map paragraph characters to source pieces, in order
            tpos = pos
            for s, e in p.pieces:
                omap.add(tpos, s, e - s)
                tpos += e - s
            pos += len(p.text)
        return "".join(parts), omap

    @property
    def text(self) -> str:
        return self.editable_text()[0]

    def paragraph_kinds(self) -> list[str]:
        return [p.kind for p in self.body_paragraphs]


@dataclass
class Issue:
    masthead: Masthead
    source: str
    toc: list[TocEntry] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    source_name: str = ""
    source_hash: str = ""  # sha256 of the raw bytes
    encoding: str = "utf-8"

    def articles(self) -> list[Segment]:
        return [s for s in self.segments if s.kind == "article"]

    def segment(self, seg_id: str) -> Segment | None:
        for s in self.segments:
            if s.id == seg_id:
                return s
        return None


@dataclass
class Span:
    start: int  # in that segment's editable text
    end: int
    excerpt: str = ""
    segment: SegmentRef | None = None
    source_start: int | None = None  # the same place in the issue source, when known
    source_end: int | None = None


@dataclass
class Finding:
    rule: str  # stable dotted id, e.g. number.enumeration_count
    category: str  # one of CATEGORIES
    severity: str  # one of SEVERITIES
    message: str  # Chinese
    start: int  # span in the article's editable text
    end: int
    excerpt: str = ""  # the characters [start, end) of the text
    suggestion: str | None = None  # replacement for [start, end), if any
    segment: SegmentRef | None = None  # None: a finding about the whole issue
    source_start: int | None = None  # derived; None where the text was written after import
    source_end: int | None = None
    related: list[Span] = field(default_factory=list)
    fingerprint: str = ""
    status: str = "open"  # one of FINDING_STATUSES
    reason: str = ""  # dismissal reason
    id: int | None = None  # library id once stored
    revision_id: int | None = None  # the revision whose text [start, end) indexes
    decided_by: str = ""  # who dismissed it
    decided_at: str | None = None
    resolved_how: str = ""  # for a resolved finding: what removed it ("fix …", "edit", "restore #3")

    @property
    def segment_key(self) -> str | None:
        return None if self.segment is None else self.segment.key


@dataclass
class Revision:
    id: int
    segment_id: int  # library id of the article
    number: int  # 1, 2, 3 ... per segment
    text: str
    title: str
    author: str
    created: str  # ISO 8601 UTC
    note: str = ""  # "import", "edit", "header", "restore #3", "fix number.x", "conflict"
    kicker: str = ""
    subtitle: str = ""
    authors: list[str] = field(default_factory=list)
    role: str = ""
    page: int | None = None

    @property
    def header(self) -> Header:
        return Header(self.kicker, self.title, self.subtitle, list(self.authors), self.role, self.page)
