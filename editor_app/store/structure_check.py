"""Is an issue's structure sound? :meth:`StructureCheckMixin.partition_problems` lists
what is wrong with the partition of the source into segments after corrections by hand
(store/structure.py): gaps, overlaps, layouts and offset maps that disagree with the
base text or the source, contents bindings that disagree. [] after every operation."""

from __future__ import annotations

from .base import StoreBase, loads
from .errors import NotFoundError
from .layout import base_bodies, body_kinds, material, rebuild_paragraphs


class StructureCheckMixin(StoreBase):
    def _require_structure_issue(self, issue_id: int):
        row = self._one("SELECT id, length(source) AS n, source FROM issues WHERE id = ?", (issue_id,))
        if row is None:
            raise NotFoundError("issue", issue_id)
        return row

    def partition_problems(self, issue_id: int) -> list[str]:
        """What is wrong with the issue's structure; [] when the active segments cover the
        source exactly, in order, without overlap, each segment's layout and offset map
        agree with its base text and the source, and contents bindings agree both ways."""
        issue = self._require_structure_issue(issue_id)
        source = issue["source"]
        rows = self._rows(
            """
            SELECT s.*, base.text AS base_text FROM segments s
            LEFT JOIN revisions base ON base.id = s.base_revision_id
            WHERE s.issue_id = ? AND s.active = 1 ORDER BY s.idx, s.id
            """,
            (issue_id,),
        )
        problems: list[str] = []
        pos = 0
        idxs = [r["idx"] for r in rows]
        if len(set(idxs)) != len(idxs):
            problems.append("duplicate idx among active segments")
        for r in rows:
            k = r["key"]
            if r["source_start"] != pos:
                problems.append(f"{k}: starts at {r['source_start']}, expected {pos}")
            if r["source_end"] < r["source_start"]:
                problems.append(f"{k}: negative span")
            pos = max(pos, r["source_end"])
            layout = loads(r["layout"], [])
            base = r["base_text"] or ""
            if base_bodies(layout, base) is None:
                problems.append(f"{k}: layout does not match the base text")
                continue
            paras = rebuild_paragraphs(layout, base, base)
            text, omap, _ = material(paras, r["source_start"], r["source_end"])
            if text != base:
                problems.append(f"{k}: base text differs from its layout")
            if omap.to_list() != loads(r["offset_map"], []):
                problems.append(f"{k}: offset map differs from its layout")
            if body_kinds(layout) != loads(r["paragraph_kinds"], []):
                problems.append(f"{k}: paragraph kinds differ from its layout")
            for t, s, n in omap.runs:
                if base[t : t + n] != source[s : s + n]:
                    problems.append(f"{k}: text [{t}, {t + n}) is not source [{s}, {s + n})")
                    break
            for p in paras:
                for s, e in p.pieces:
                    if not (r["source_start"] <= s <= e <= r["source_end"]):
                        problems.append(f"{k}: paragraph piece [{s}, {e}) outside the segment")
        if pos != len(source):
            problems.append(f"segments end at {pos}, the source at {len(source)}")
        by_key = {r["key"]: r for r in rows}
        entries = self._rows("SELECT idx, article_key FROM toc_entries WHERE issue_id = ?", (issue_id,))
        bound = {e["idx"]: e["article_key"] for e in entries}
        for e in entries:
            key = e["article_key"]
            if key is None:
                continue
            r = by_key.get(key)
            if r is None:
                problems.append(f"contents entry {e['idx']} names {key}, not an active segment")
            elif r["toc_index"] != e["idx"]:
                problems.append(f"contents entry {e['idx']} names {key}, whose toc_index is {r['toc_index']}")
        for r in rows:
            if r["toc_index"] is not None and bound.get(r["toc_index"]) != r["key"]:
                problems.append(f"{r['key']}: toc_index {r['toc_index']} does not name it back")
        return problems
