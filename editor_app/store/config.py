"""Settings (JSON values by key) and the allowlist of accepted words.

The allowlist holds words a user has accepted (names, quotations, terms):
for the whole library (``issue_id`` None) or one issue, for every rule
(``rule`` None) or one rule id. Adding an entry that exists returns it.
"""

from __future__ import annotations

from typing import Any

from .base import StoreBase, dumps, loads, now_iso
from .errors import LibraryError, NotFoundError
from .records import AllowEntry


def _entry(r) -> AllowEntry:
    return AllowEntry(
        id=r["id"], word=r["word"], issue_id=r["issue_id"], rule=r["rule"], created=r["created"]
    )


class ConfigMixin(StoreBase):
    # -- settings ----------------------------------------------------------------------

    def get_setting(self, key: str, default: Any = None) -> Any:
        row = self._one("SELECT value FROM settings WHERE key = ?", (key,))
        return default if row is None else loads(row["value"])

    def set_setting(self, key: str, value: Any) -> None:
        """Store any JSON-serialisable value (None included) under ``key``."""
        text = dumps(value)  # fails before the transaction on non-JSON values
        with self.atomic():
            self._write("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", (key, text))

    def delete_setting(self, key: str) -> None:
        with self.atomic():
            self._write("DELETE FROM settings WHERE key = ?", (key,))

    # -- allowlist ---------------------------------------------------------------------

    def allowlist(self, issue_id: int | None = None) -> list[AllowEntry]:
        """Global entries, plus those of ``issue_id`` when given."""
        rows = self._rows(
            "SELECT * FROM allowlist WHERE issue_id IS NULL OR issue_id = ? "
            "ORDER BY issue_id IS NOT NULL, word, rule IS NOT NULL, rule, id",
            (issue_id,),
        )
        return [_entry(r) for r in rows]

    def add_allow(
        self, word: str, issue_id: int | None = None, rule: str | None = None
    ) -> AllowEntry:
        if not isinstance(word, str) or not word.strip():
            raise LibraryError("白名单词语不能为空 / an allowlist word cannot be empty")
        rule = rule or None
        with self.atomic():
            if (
                issue_id is not None
                and self._scalar("SELECT 1 FROM issues WHERE id = ?", (issue_id,)) is None
            ):
                raise NotFoundError("issue", issue_id)
            row = self._one(
                "SELECT * FROM allowlist WHERE IFNULL(issue_id, 0) = IFNULL(?, 0) AND word = ? "
                "AND IFNULL(rule, '') = IFNULL(?, '')",
                (issue_id, word, rule),
            )
            if row is not None:
                return _entry(row)
            entry_id = self._write(
                "INSERT INTO allowlist (issue_id, word, rule, created) VALUES (?, ?, ?, ?)",
                (issue_id, word, rule, now_iso()),
            ).lastrowid
            return _entry(self._one("SELECT * FROM allowlist WHERE id = ?", (entry_id,)))

    def remove_allow(self, entry_id: int) -> bool:
        """Remove an entry; False if there was none with that id."""
        with self.atomic():
            return self._write("DELETE FROM allowlist WHERE id = ?", (entry_id,)).rowcount > 0
