"""Figure statements of the current texts, for comparison across issues.

``number.cross_article`` reads statistics (period, scope, metric, verb, basis, unit,
figure) in each article. The services store the statements of an issue's current
texts whenever its findings are reconciled (:meth:`replace_statements`, in the same
transaction), so the table follows edits exactly as findings do. The check of
another issue reads those of the *earlier* issues (:meth:`earlier_statements`).

"Earlier" is defined by the masthead: issue A is earlier than issue B when both have
a year and a number and (A.year, A.number) < (B.year, B.number). An issue without a
year or number is neither earlier nor later than any other: its statements are
kept but not compared across issues. Only the issues of the last three years (by
masthead year) are read: a figure is reprinted within a year or two of its period,
and the reading stays fast in a library of hundreds of issues (it runs at every
check and every "are the stored findings current?" question; :meth:`statements_stamp`
tells a caller that caches it when to read again). Statements of a named scope
(全国, 浙江, 嘉兴市) are compared across every magazine of the library; those of
全省 only across issues of the same masthead title (全省 is the province of the
magazine).
"""

from __future__ import annotations

from dataclasses import dataclass

from .base import StoreBase


@dataclass(frozen=True)
class StatementRow:
    """One statement: where it is (library segment id, span in the current text),
    its key and the figure as printed."""

    segment_id: int
    text_start: int
    text_end: int
    period: str
    scope: str
    metric: str
    verb: str
    basis: str
    unit: str  # the unit compared (%, 元, 人 ...)
    value: str  # the figure as printed (8.20)
    printed_unit: str  # the unit as printed (%, 万亿元)
    label: str = ""
    sentence: str = ""


@dataclass(frozen=True)
class EarlierStatement:
    """A statement of an earlier issue, with what names its place for a reader."""

    row: StatementRow
    issue_id: int
    issue_title: str  # the magazine (masthead title)
    issue_label: str  # the masthead label (2024年第3期 ...), may be empty
    year: int
    number: int
    article_title: str
    page: int | None


_COLUMNS = (
    "segment_id, text_start, text_end, period, scope, metric, verb, basis, unit, value, "
    "printed_unit, label, sentence"
)


def _row(r) -> StatementRow:
    return StatementRow(
        segment_id=r["segment_id"],
        text_start=r["text_start"],
        text_end=r["text_end"],
        period=r["period"],
        scope=r["scope"],
        metric=r["metric"],
        verb=r["verb"],
        basis=r["basis"],
        unit=r["unit"],
        value=r["value"],
        printed_unit=r["printed_unit"],
        label=r["label"],
        sentence=r["sentence"],
    )


class StatementsMixin(StoreBase):
    def replace_statements(self, issue_id: int, rows: list[StatementRow]) -> None:
        """The statements of the issue's current texts, replacing those stored."""
        with self.atomic():
            self._write("DELETE FROM statements WHERE issue_id = ?", (issue_id,))
            self._write_many(
                f"INSERT INTO statements (issue_id, {_COLUMNS}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        issue_id,
                        r.segment_id,
                        r.text_start,
                        r.text_end,
                        r.period,
                        r.scope,
                        r.metric,
                        r.verb,
                        r.basis,
                        r.unit,
                        r.value,
                        r.printed_unit,
                        r.label,
                        r.sentence,
                    )
                    for r in rows
                ],
            )

    def statements(self, issue_id: int) -> list[StatementRow]:
        """The stored statements of an issue, in text order."""
        rows = self._rows(
            f"SELECT st.{_COLUMNS.replace(', ', ', st.')} FROM statements st "
            "JOIN segments s ON s.id = st.segment_id "
            "WHERE st.issue_id = ? ORDER BY s.idx, st.text_start, st.id",
            (issue_id,),
        )
        return [_row(r) for r in rows]

    _WINDOW = """
        FROM issues cur CROSS JOIN issues i CROSS JOIN statements st CROSS JOIN segments s
        WHERE cur.id = ? AND cur.year IS NOT NULL AND cur.number IS NOT NULL
            AND i.id != cur.id AND i.year IS NOT NULL AND i.number IS NOT NULL
            AND i.year >= cur.year - ?
            AND (i.year < cur.year OR (i.year = cur.year AND i.number < cur.number))
            AND st.issue_id = i.id AND (st.scope != '全省' OR i.title = cur.title)
            AND s.id = st.segment_id AND s.active = 1
    """
    # CROSS JOIN: SQLite keeps this order (the issues of the window first, then their
    # statements by index), not a scan of every statement of the library

    def statements_stamp(self, issue_id: int, years: int = 3) -> tuple:
        """Changes whenever :meth:`earlier_statements` would return something else: the
        issue's masthead and the count and id sum of the statements in its window
        (ids are never reused, and every change replaces an issue's rows)."""
        cur = self._one("SELECT title, year, number FROM issues WHERE id = ?", (issue_id,))
        if cur is None:
            return ()
        row = self._one(
            "SELECT COUNT(*) AS n, IFNULL(SUM(st.id), 0) AS total " + self._WINDOW, (issue_id, years)
        )
        n, total = int(row["n"]), int(row["total"])
        return (cur["title"], cur["year"], cur["number"], years, n, total)

    def earlier_statements(self, issue_id: int, years: int = 3) -> list[EarlierStatement]:
        """For each statement key printed in an issue earlier than ``issue_id`` (module
        docstring) and of the last ``years`` years (by masthead year), its first
        printing (in text order) in the most recent such issue, of active segments;
        the most recent issue first. Empty when the issue has no year or number."""
        cols = "st." + _COLUMNS.replace(", ", ", st.")
        rows = self._rows(
            f"""
            SELECT * FROM (
                SELECT {cols}, st.issue_id AS issue_id,
                       i.title AS issue_title, i.label AS issue_label, i.year AS year,
                       i.number AS number, s.title AS article_title, s.page AS page,
                       s.idx AS seg_idx,
                       ROW_NUMBER() OVER (
                           PARTITION BY st.period, st.scope, st.metric, st.verb, st.basis, st.unit
                           ORDER BY i.year DESC, i.number DESC, i.id DESC, s.idx, st.text_start, st.id
                       ) AS nth
                {self._WINDOW}
            ) AS firsts WHERE nth = 1
            ORDER BY year DESC, number DESC, issue_id DESC, seg_idx, text_start
            """,
            (issue_id, years),
        )
        return [
            EarlierStatement(
                row=_row(r),
                issue_id=r["issue_id"],
                issue_title=r["issue_title"],
                issue_label=r["issue_label"],
                year=r["year"],
                number=r["number"],
                article_title=r["article_title"],
                page=r["page"],
            )
            for r in rows
        ]
