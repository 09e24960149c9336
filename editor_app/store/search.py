"""Full-text search over segment titles and current texts.

The index belongs to the backend (``_cx.index_segment`` ...): on SQLite (sqlite_backend.py)
``search_fts`` (contentless FTS5, rowid = segment id) holds the tokens
of textindex.py for the title and the current text of every *active*
segment. It is kept in step inside the same transaction as every change of a
title or current text (import, save, restore, replace, delete), by
``_index_segment`` / ``_unindex_segment``. Contentless rows are deleted by
giving FTS5 the same tokens again, which we recompute from the stored title
and text; ``INDEX_VERSION`` is recorded in ``store_meta`` and a library whose
index was built with another token format is rebuilt when opened.

Query: the user's words (split on whitespace, AND) become quoted token
phrases, never raw user text, so no input can be an FTS5 syntax error. FTS
gives the candidate segments, ordered newest issue first then in page order;
each candidate is verified with a plain substring test on the folded real
text (exact results even when a long word was shortened for FTS), and the
excerpt is cut from the real text. On PostgreSQL (pg_backend.py) the index is
``search_docs``, a tsvector of the same codes without positions; its candidates
go through the same verification, so both backends give the same hits.
"""

from __future__ import annotations

from itertools import islice

from .base import StoreBase
from .records import SearchHit
from .textindex import INDEX_VERSION, fold, query_words

EXCERPT_CONTEXT = 30  # characters shown on each side of a match
_FETCH_BATCH = 100

_FETCH_SQL = """
    SELECT s.id, s.issue_id, s.key, s.kind, s.title, s.version, i.label, r.text
    FROM segments s
    JOIN issues i ON i.id = s.issue_id
    JOIN revisions r ON r.id = s.current_revision_id
    WHERE s.id IN ({marks})
"""


def _batched(items: list[int], n: int):
    it = iter(items)
    while chunk := list(islice(it, n)):
        yield chunk


def _excerpt(text: str, start: int, end: int) -> tuple[str, int, int]:
    a = max(0, start - EXCERPT_CONTEXT)
    b = min(len(text), end + EXCERPT_CONTEXT)
    piece = text[a:b].replace("\r", " ").replace("\n", " ")
    return piece, start - a, end - a


def verify_hit(row, words: list[str]) -> SearchHit | None:
    """A hit for a fetched candidate row if every word occurs in its title or text."""
    text: str = row["text"]
    title: str = row["title"]
    ftext = fold(text)
    ftitle = fold(title)
    first: tuple[int, int] | None = None  # (start, end) of the earliest match in the text
    title_first: tuple[int, int] | None = None
    count = 0
    for w in words:
        p = ftext.find(w)
        if p >= 0:
            count += ftext.count(w)
            if first is None or p < first[0]:
                first = (p, p + len(w))
            continue
        q = ftitle.find(w)
        if q < 0:
            return None
        if title_first is None or q < title_first[0]:
            title_first = (q, q + len(w))
    if first is not None:
        field, source, (start, end) = "text", text, first
    else:
        assert title_first is not None
        field, source, (start, end) = "title", title, title_first
    excerpt, m0, m1 = _excerpt(source, start, end)
    return SearchHit(
        issue_id=row["issue_id"],
        issue_label=row["label"],
        segment_id=row["id"],
        segment_key=row["key"],
        title=title,
        kind=row["kind"],
        field=field,
        excerpt=excerpt,
        match_start=m0,
        match_end=m1,
        start=start,
        end=end,
        count=max(count, 1),
        version=row["version"],
    )


class SearchMixin(StoreBase):
    # -- index maintenance (callers hold a transaction; the backend owns the index) -----

    def _index_segment(self, seg_id: int, title: str, text: str) -> None:
        self._cx.index_segment(seg_id, title, text)

    def _unindex_segment(self, seg_id: int, title: str, text: str) -> None:
        """Remove a segment; ``title``/``text`` must be exactly what was indexed."""
        self._cx.unindex_segment(seg_id, title, text)

    def rebuild_search_index(self) -> int:
        """Re-index every active segment from the stored texts. Returns the count."""
        n = 0
        with self.atomic():
            self._cx.clear_search_index()
            rows = self._rows(
                """
                SELECT s.id, s.title, r.text FROM segments s
                JOIN revisions r ON r.id = s.current_revision_id
                WHERE s.active = 1
                """
            )
            for seg_id, title, text in rows:
                self._index_segment(seg_id, title, text)
                n += 1
            self._write(
                "INSERT OR REPLACE INTO store_meta(key, value) VALUES ('search_index_version', ?)",
                (str(INDEX_VERSION),),
            )
        return n

    def _ensure_search_index(self) -> None:
        version = self._scalar("SELECT value FROM store_meta WHERE key = 'search_index_version'")
        if version != str(INDEX_VERSION):
            self.rebuild_search_index()

    # -- query --------------------------------------------------------------------

    def search(self, query: str, limit: int = 50, issue_id: int | None = None) -> list[SearchHit]:
        """Segments whose title or current text contains every word of ``query``.

        Words are separated by whitespace; each is matched as an exact
        substring (letters and digits width- and case-insensitive), whatever
        its length or script. Any input is accepted: FTS5 syntax characters
        are plain characters here; empty input gives []. Hits are ordered
        newest issue first, then in issue order.
        """
        if not isinstance(query, str) or limit is None or limit <= 0:
            return []
        words = query_words(query)
        if not words:
            return []
        candidates = self._cx.search_candidates(words, issue_id)
        hits: list[SearchHit] = []
        for chunk in _batched(candidates, max(min(limit, _FETCH_BATCH), 16)):
            rows = self._rows(_FETCH_SQL.format(marks=",".join("?" * len(chunk))), chunk)
            by_id = {r["id"]: r for r in rows}
            for seg_id in chunk:
                row = by_id.get(seg_id)
                if row is None:
                    continue
                hit = verify_hit(row, words)
                if hit is not None:
                    hits.append(hit)
                    if len(hits) >= limit:
                        return hits
        return hits
