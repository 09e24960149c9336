"""The house lexicon and the posts printed for people in each issue.

``lexicon`` rows are the newsroom's own list (people and their posts,
organisation names, standard formulations and their wrong variants);
``issue_posts`` holds the posts an issue's current texts print for people,
rewritten each time the issue is checked (``replace_issue_posts``), so that a
later issue can compare its posts with those of the issues before it
(``earlier_posts``). Plain SQL that a PostgreSQL backend can mirror.
"""

from __future__ import annotations

from dataclasses import dataclass

from .base import StoreBase, now_iso
from .errors import LibraryError

LEXICON_KINDS = ("person", "organisation", "formulation")


@dataclass(frozen=True)
class LexiconEntry:
    id: int
    kind: str  # person | organisation | formulation
    term: str  # the name, the organisation's standard name, the standard formulation
    post: str  # person: the post the house prints for them; else ""
    variants: tuple[str, ...]  # wrong variants (formulations, organisation names)
    note: str
    created: str


@dataclass(frozen=True)
class PostRow:
    """A post printed for a person in an issue."""

    issue_id: int
    name: str
    post: str  # as printed, with its organisation: 嘉兴市副市长
    org: str  # the organisation or place before the post head-word: 嘉兴市 ("~..." not read as one)
    head: str  # the post head-word: 副市长
    segment_id: int | None = None
    start: int = 0
    excerpt: str = ""
    year: int | None = None
    number: int | None = None


def split_variants(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for v in (text or "").replace("｜", "|").split("|"):
        v = v.strip()
        if v and v not in out:
            out.append(v)
    return tuple(out)


def _entry(r) -> LexiconEntry:
    return LexiconEntry(
        id=r["id"], kind=r["kind"], term=r["term"], post=r["post"],
        variants=split_variants(r["variants"]), note=r["note"], created=r["created"],
    )


class LexiconMixin(StoreBase):
    # -- the house lexicon -------------------------------------------------------------

    def lexicon(self, kind: str | None = None) -> list[LexiconEntry]:
        """Entries of one kind (or all), by kind and term."""
        if kind is None:
            rows = self._rows("SELECT * FROM lexicon ORDER BY kind, term, id")
        else:
            rows = self._rows("SELECT * FROM lexicon WHERE kind = ? ORDER BY kind, term, id", (kind,))
        return [_entry(r) for r in rows]

    def lexicon_entry(self, entry_id: int) -> LexiconEntry | None:
        row = self._one("SELECT * FROM lexicon WHERE id = ?", (entry_id,))
        return None if row is None else _entry(row)

    def put_lexicon_entry(self, kind: str, term: str, post: str = "", variants=(), note: str = "") -> LexiconEntry:
        """Add an entry, or replace the post, variants and note of the entry of the same
        kind and term."""
        term = (term or "").strip()
        if kind not in LEXICON_KINDS:
            raise LibraryError(f"词库类别未知：{kind} / unknown lexicon kind {kind!r}")
        if not term:
            raise LibraryError("词库词条不能为空 / a lexicon term cannot be empty")
        vs = split_variants(variants) if isinstance(variants, str) else tuple(v for v in variants if v)
        vs = tuple(v for v in vs if v != term)
        with self.atomic():
            row = self._one("SELECT id FROM lexicon WHERE kind = ? AND term = ?", (kind, term))
            if row is None:
                entry_id = self._write(
                    "INSERT INTO lexicon (kind, term, post, variants, note, created) VALUES (?, ?, ?, ?, ?, ?)",
                    (kind, term, (post or "").strip(), "|".join(vs), (note or "").strip(), now_iso()),
                ).lastrowid
            else:
                entry_id = row["id"]
                self._write(
                    "UPDATE lexicon SET post = ?, variants = ?, note = ? WHERE id = ?",
                    ((post or "").strip(), "|".join(vs), (note or "").strip(), entry_id),
                )
            return _entry(self._one("SELECT * FROM lexicon WHERE id = ?", (entry_id,)))

    def remove_lexicon_entry(self, entry_id: int) -> bool:
        with self.atomic():
            return self._write("DELETE FROM lexicon WHERE id = ?", (entry_id,)).rowcount > 0

    # -- posts printed in each issue ----------------------------------------------------

    def replace_issue_posts(self, issue_id: int, rows: list[PostRow]) -> None:
        """The posts the issue's current texts print (replacing those recorded before)."""
        with self.atomic():
            self._write("DELETE FROM issue_posts WHERE issue_id = ?", (issue_id,))
            self._write_many(
                "INSERT INTO issue_posts (issue_id, name, post, org, head, segment_id, start, excerpt) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(issue_id, r.name, r.post, r.org, r.head, r.segment_id, r.start, r.excerpt) for r in rows],
            )

    def issue_post_count(self, issue_id: int) -> int:
        return int(self._scalar("SELECT COUNT(*) FROM issue_posts WHERE issue_id = ?", (issue_id,)) or 0)

    def issue_posts(self, issue_id: int) -> list[PostRow]:
        rows = self._rows(
            "SELECT p.*, i.year, i.number FROM issue_posts p JOIN issues i ON i.id = p.issue_id "
            "WHERE p.issue_id = ? ORDER BY p.id",
            (issue_id,),
        )
        return [_post(r) for r in rows]

    def earlier_posts(self, issue_id: int) -> list[PostRow]:
        """For each person named in issues dated before ``issue_id`` (year, number), the
        posts printed for them in the most recent such issue. Undated issues take no part."""
        me = self._one("SELECT year, number FROM issues WHERE id = ?", (issue_id,))
        if me is None or me["year"] is None or me["number"] is None:
            return []
        rows = self._rows(
            """
            WITH earlier AS (
                SELECT p.*, i.year, i.number FROM issue_posts p JOIN issues i ON i.id = p.issue_id
                WHERE i.year IS NOT NULL AND i.number IS NOT NULL
                  AND (i.year < ? OR (i.year = ? AND i.number < ?))
            ),
            latest AS (
                SELECT name, MAX(year * 1000 + number) AS k FROM earlier GROUP BY name
            )
            SELECT e.* FROM earlier e JOIN latest l ON l.name = e.name AND e.year * 1000 + e.number = l.k
            ORDER BY e.name, e.issue_id, e.id
            """,
            (me["year"], me["year"], me["number"]),
        )
        return [_post(r) for r in rows]


def _post(r) -> PostRow:
    return PostRow(
        issue_id=r["issue_id"], name=r["name"], post=r["post"], org=r["org"], head=r["head"],
        segment_id=r["segment_id"], start=r["start"], excerpt=r["excerpt"],
        year=r["year"], number=r["number"],
    )
