"""The typo archive: per issue, how often its current texts print each string around a
place the typo detector suspects (``checks/rules/wording/_typo_archive.py`` says what
is counted and why), and what the last check of the issue looked up.

The services replace an issue's counts whenever its findings are reconciled
(:meth:`replace_ngrams`, in the same transaction as the findings and the
statements), so the archive follows every edit; a check of another issue asks how
often the *other* issues printed some strings (:meth:`ngram_counts`, one indexed
query per batch). A replacement writes only the difference with what is stored:
a save that changes one paragraph touches a few rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .base import StoreBase

_BATCH = 400  # parameters per IN (...) list


class NgramsMixin(StoreBase):
    def replace_ngrams(self, issue_id: int, counts: Mapping[str, int], probes: Iterable[str] = ()) -> None:
        """The issue's archive counts (``gram -> n``, n > 0) and the strings its last
        check looked up, replacing those stored."""
        counts = {g: int(n) for g, n in counts.items() if n > 0}
        probe_text = "\n".join(sorted(set(probes)))
        with self.atomic():
            old = self.issue_ngrams(issue_id)
            gone = [(issue_id, g) for g in old if g not in counts]
            new = [(issue_id, g, n) for g, n in counts.items() if g not in old]
            changed = [(n, issue_id, g) for g, n in counts.items() if g in old and old[g] != n]
            if gone:
                self._write_many("DELETE FROM ngrams WHERE issue_id = ? AND gram = ?", gone)
            if changed:
                self._write_many("UPDATE ngrams SET n = ? WHERE issue_id = ? AND gram = ?", changed)
            if new:
                self._write_many("INSERT INTO ngrams (issue_id, gram, n) VALUES (?, ?, ?)", new)
            row = self._one("SELECT grams, probes FROM ngram_issues WHERE issue_id = ?", (issue_id,))
            if row is None:
                self._write(
                    "INSERT INTO ngram_issues (issue_id, grams, probes) VALUES (?, ?, ?)",
                    (issue_id, len(counts), probe_text),
                )
            elif int(row["grams"]) != len(counts) or row["probes"] != probe_text:
                self._write(
                    "UPDATE ngram_issues SET grams = ?, probes = ? WHERE issue_id = ?",
                    (len(counts), probe_text, issue_id),
                )

    def issue_ngrams(self, issue_id: int) -> dict[str, int]:
        """The archive counts stored for one issue."""
        rows = self._rows("SELECT gram, n FROM ngrams WHERE issue_id = ?", (issue_id,))
        return {r["gram"]: int(r["n"]) for r in rows}

    def ngram_counts(self, grams: Iterable[str], exclude_issue: int | None = None) -> dict[str, int]:
        """How often the issues other than ``exclude_issue`` printed each of ``grams``
        (strings never printed are left out)."""
        grams = list(dict.fromkeys(grams))
        out: dict[str, int] = {}
        skip = -1 if exclude_issue is None else exclude_issue
        for k in range(0, len(grams), _BATCH):
            part = grams[k : k + _BATCH]
            marks = ", ".join("?" * len(part))
            for r in self._rows(
                f"SELECT gram, SUM(n) AS total FROM ngrams WHERE gram IN ({marks}) AND issue_id != ? "
                "GROUP BY gram",
                (*part, skip),
            ):
                out[r["gram"]] = int(r["total"])
        return out

    def ngram_issue_count(self, exclude_issue: int | None = None) -> int:
        """How many issues (other than ``exclude_issue``) the archive holds counts of."""
        skip = -1 if exclude_issue is None else exclude_issue
        return int(
            self._scalar(
                "SELECT COUNT(*) FROM ngram_issues WHERE grams > 0 AND issue_id != ?", (skip,)
            )
            or 0
        )

    def ngram_probes(self, issue_id: int) -> list[str]:
        """The strings the last check of the issue looked up in the archive."""
        text = self._scalar("SELECT probes FROM ngram_issues WHERE issue_id = ?", (issue_id,))
        return [g for g in (text or "").split("\n") if g]
