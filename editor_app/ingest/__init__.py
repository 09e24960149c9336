"""Raw issue text (or a file) -> a structured :class:`editor_app.model.Issue`.

Import is a lossless partition: every character of the source belongs to
exactly one segment; article segments carry reflowed paragraphs whose source
pieces map the editable text back to the source.
"""

from __future__ import annotations

from pathlib import Path

from editor_app.model import Issue, Masthead, Segment

from .article import build_article, build_plain
from .decode import Decoded, DecodeError, decode_bytes, read_issue_file
from .lines import split_lines
from .masthead import find_masthead
from .segment import plan_segments
from .toc import parse_toc

__all__ = ["DecodeError", "Decoded", "decode_bytes", "parse_bytes", "parse_file", "parse_text", "read_issue_file"]


def parse_text(text: str, name: str = "", sha256: str = "", encoding: str = "utf-8") -> Issue:
    """Parse decoded issue text. Never raises on odd text: what is not understood
    becomes ``unknown`` segments, and the partition always holds."""
    lines = split_lines(text)
    masthead, mh_line = find_masthead(lines)
    toc = parse_toc(lines, mh_line + 1)
    cuts, anchors = plan_segments(lines, mh_line, toc)
    issue = Issue(
        masthead=masthead if mh_line >= 0 else Masthead(),
        source=text,
        toc=list(toc.entries) if toc else [],
        source_name=name,
        source_hash=sha256,
        encoding=encoding,
    )
    n = len(lines)
    for k, cut in enumerate(cuts):
        a = cut.line
        b = cuts[k + 1].line if k + 1 < len(cuts) else n
        start = 0 if k == 0 else lines[a].start
        end = len(text) if k + 1 == len(cuts) else lines[b].start
        seg = Segment(id=f"s{k + 1:02d}", kind=cut.kind, source_start=start, source_end=end)
        if cut.kind == "article" and cut.entry is not None and toc is not None:
            entry = toc.entries[cut.entry]
            entry.article_id = seg.id
            seg.page = entry.page
            seg.section = entry.section
            seg.toc_index = cut.entry
            build_article(seg, lines, a, b, entry, anchors[cut.entry])
        else:
            build_plain(seg, lines, a, b, headline=cut.headline)
        issue.segments.append(seg)
    if not issue.segments:
        issue.segments.append(Segment(id="s01", kind="blank", source_start=0, source_end=len(text)))
    return issue


def parse_bytes(data: bytes, name: str = "<input>") -> Issue:
    d = decode_bytes(data, name)
    return parse_text(d.text, name=name, sha256=d.sha256, encoding=d.encoding)


def parse_file(path: str | Path) -> Issue:
    d = read_issue_file(path)
    return parse_text(d.text, name=Path(path).name, sha256=d.sha256, encoding=d.encoding)
