"""Undo of a structure correction (store/structure.py): the latest change of an
issue that is not undone is put back from the state it recorded (its ``before``
snapshot of the segments and contents entries it touched), and the undo is itself
recorded as a change (op ``undo``). A split is undone by retiring the part it made
and restoring the first part's columns; a join by reviving the retired segment; a
move, kind, binding or entry edit by restoring the recorded columns.
"""

from __future__ import annotations

from .base import StoreBase, loads
from .structure_records import StructureChange, StructureError, _change, map_boundary


class StructureUndoMixin(StoreBase):
    # -- undo ----------------------------------------------------------------------------

    def undo_structure(self, issue_id: int, who: str = "") -> StructureChange | None:
        """Undo the latest structure change of the issue that is not undone (recorded as
        an "undo" change). None when there is nothing to undo."""
        with self.atomic():
            self._require_structure_issue(issue_id)
            row = self._one(
                """
                SELECT * FROM structure_changes
                WHERE issue_id = ? AND active = 1 AND op != 'undo' AND undone_by IS NULL
                ORDER BY id DESC LIMIT 1
                """,
                (issue_id,),
            )
            if row is None:
                return None
            ch = _change(row)
            snaps = {int(k): v for k, v in ch.before.get("segments", {}).items()}
            if ch.op in ("split", "join", "move"):
                self._undo_partition(ch, snaps, who)
            else:
                for seg_id, snap in snaps.items():
                    self._write("UPDATE segments SET kind = ?, toc_index = ? WHERE id = ?",
                                (snap["kind"], snap["toc_index"], seg_id))
            for e in ch.before.get("toc", []):
                self._write(
                    """
                    UPDATE toc_entries SET article_key = ?, title = ?, authors = ?, page = ?
                    WHERE issue_id = ? AND idx = ?
                    """,
                    (e["article_key"], e["title"], e["authors"], e["page"], issue_id, e["idx"]),
                )
            self._renumber(issue_id)
            undo = self._record(issue_id, "undo", {"change": ch.id, "op": ch.op}, {}, who, undo_of=ch.id)
            self._write("UPDATE structure_changes SET undone_by = ? WHERE id = ?", (undo.id, ch.id))
            return undo

    def _undo_partition(self, ch: StructureChange, snaps: dict[int, dict], who: str) -> None:
        """Put the segments of a split, join or move back as they were (their texts cut
        at the paragraph that corresponds to the old boundary in today's texts)."""
        p = ch.params
        a_id = p["segment"]
        b_id = p["new"] if ch.op == "split" else p["other"]
        a = self._seg_material(a_id)
        b_row = self._one("SELECT active FROM segments WHERE id = ?", (b_id,))
        b = self._seg_material(b_id) if b_row is not None and b_row["active"] else None
        paras = a.paras + (b.paras if b else [])
        bases = a.bases + (b.bases if b else [])
        cur = a.cur + (b.cur if b else [])
        note = f"undo {ch.op}"
        if ch.op == "split":
            if b is None:
                raise StructureError(
                    f"拆分出的分段已停用，不能撤销 / the segment split off {a.key} is retired; "
                    "cannot undo the split"
                )
            self._retire(b)
            snap = snaps[a_id]
            self._settle(a_id, paras, snap["source_start"], snap["source_end"], "\n".join(cur),
                         note, who, snap["base_revision_id"])
            self._restore_columns(a_id, snap)
            return
        snap_a, snap_b = snaps[a_id], snaps[b_id]
        n_a = len(loads(snap_a["paragraph_kinds"], []))
        at_layout = len(loads(snap_a["layout"], []))
        n = map_boundary(bases, cur, n_a)
        if ch.op == "join":
            clash = self._one(
                "SELECT key FROM segments WHERE issue_id = ? AND active = 1 AND key = ?",
                (ch.issue_id, snap_b["key"]),
            )
            if clash is not None:
                raise StructureError(
                    f"编号 {snap_b['key']} 已被占用，不能撤销合并 / key {snap_b['key']} is taken; "
                    "cannot undo the join"
                )
            st = self._state(b_id)
            self._write("UPDATE segments SET active = 1, key = ? WHERE id = ?", (snap_b["key"], b_id))
            self._index_segment(b_id, st["title"], st["text"])
        self._settle(a_id, paras[:at_layout], snap_a["source_start"], snap_a["source_end"],
                     "\n".join(cur[:n]), note, who, snap_a["base_revision_id"])
        self._settle(b_id, paras[at_layout:], snap_b["source_start"], snap_b["source_end"],
                     "\n".join(cur[n:]), note, who, snap_b["base_revision_id"])
        self._restore_columns(a_id, snap_a)
        self._restore_columns(b_id, snap_b)

    def _restore_columns(self, seg_id: int, snap: dict) -> None:
        self._write(
            "UPDATE segments SET kind = ?, idx = ?, toc_index = ?, section = ?, byline_raw = ? WHERE id = ?",
            (snap["kind"], snap["idx"], snap["toc_index"], snap["section"], snap["byline_raw"], seg_id),
        )
