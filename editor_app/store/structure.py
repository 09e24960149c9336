"""Corrections of an issue's structure by hand: the partition of the source into
segments, their kinds, and the binding of contents entries to articles.

Operations (each one transaction, recorded in ``structure_changes`` with the state
it replaced, so that :meth:`StructureMixin.undo_structure` can put it back):

* split a segment before a paragraph of its current text: the first part keeps its
  id and history (a new revision, note ``split ¶N``); the second part is a new
  segment with a fresh key (``s10b``) whose history starts with a revision noting
  where it came from (``split from s10``);
* join a segment with the next one: the texts are joined with "\\n", the second is
  retired (``active = 0``) keeping its revisions;
* move the boundary between a segment and the next one by one paragraph of the
  printed layout (header paragraphs such as a title count: they are what the
  boundary runs between);
* set a segment's kind; bind / unbind a contents entry; edit a contents entry.

The base of a segment after a split, join or move
-------------------------------------------------
A segment's ``layout`` and ``offset_map`` describe the text of its *base* revision
(the text as imported). A split cuts that material in two, so both parts need a base
of their own. The base of each part is **the as-imported text of that part** (the
imported paragraphs that fall on its side of the cut), not the current text: so the
offset map stays exact, and what an editor changed since the import stays a
difference from the base (tracked changes in the export, "edited" in the contents).
Where the current text equals the new base text, the new current revision is the
base revision; where it does not (the article had been edited), the as-imported
text of the part is appended as a revision of its own (note ``split (as imported)``)
before the current one. The current text is cut at the paragraph the user chose; the
imported text at the paragraph that corresponds to it (paragraph alignment of the
two texts, :func:`map_boundary`). The source partition is cut between the printed
paragraphs: the header paragraphs (title, byline ...) just before the chosen
paragraph go with the second part. A cut where the printed paragraphs of the two
sides interleave in the source is refused.

The partition stays exact: :meth:`StructureMixin.partition_problems` lists what is
wrong (gaps, overlaps, maps that disagree with their base text, bindings that
disagree) and is [] after every operation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..model import SEGMENT_KINDS, Header, Paragraph
from .base import dumps, loads, now_iso
from .errors import NotFoundError
from .layout import base_bodies, body_kinds, material, rebuild_paragraphs
from .structure_check import StructureCheckMixin
from .structure_records import StructureChange, StructureError, _change, map_boundary
from .structure_undo import StructureUndoMixin

STRUCTURE_OPS = ("split", "join", "move", "kind", "bind", "unbind", "entry")
# segment columns a structure change may alter (and its undo puts back)
_COLUMNS = (
    "key", "kind", "idx", "active", "source_start", "source_end", "toc_index", "layout",
    "paragraph_kinds", "offset_map", "base_revision_id", "section", "byline_raw",
)
_HEADER_KINDS = ("kicker", "title", "subtitle", "byline", "role")


def _paras(text: str) -> list[str]:
    return text.split("\n") if text else []


def _is_body(p: Paragraph) -> bool:
    return p.kind not in _HEADER_KINDS


def _cut(paras: list[Paragraph], at: int) -> int | None:
    """Source position between paragraphs ``paras[:at]`` and ``paras[at:]`` (layout
    order), or None where their source pieces interleave or a side has none."""
    before = [e for p in paras[:at] for _, e in p.pieces]
    after = [s for p in paras[at:] for s, _ in p.pieces]
    if not before or not after or max(before) > min(after):
        return None
    return min(after)


def _layout_header(paras: list[Paragraph]) -> Header:
    def joined(kind: str) -> str:
        return " ".join(p.text.strip() for p in paras if p.kind == kind and p.text.strip())

    return Header(kicker=joined("kicker"), title=joined("title"), subtitle=joined("subtitle"))


@dataclass
class _Seg:
    """One segment's material: its row, imported paragraphs and current paragraphs."""

    row: Any
    paras: list[Paragraph]
    bases: list[str]
    cur: list[str]

    @property
    def id(self) -> int:
        return self.row["id"]

    @property
    def key(self) -> str:
        return self.row["key"]


class StructureMixin(StructureUndoMixin, StructureCheckMixin):
    # -- reading ---------------------------------------------------------------------

    def _seg_material(self, seg_id: int, active: bool = True) -> _Seg:
        row = self._one(
            """
            SELECT s.*, cur.text AS current_text, base.text AS base_text
            FROM segments s JOIN revisions cur ON cur.id = s.current_revision_id
            LEFT JOIN revisions base ON base.id = s.base_revision_id
            WHERE s.id = ?
            """,
            (seg_id,),
        )
        if row is None:
            raise NotFoundError("segment", seg_id)
        if active and not row["active"]:
            raise StructureError(
                f"分段 {row['key']} 已停用 / segment {row['key']} is retired"
            )
        layout = loads(row["layout"], [])
        base_text = row["base_text"] or ""
        bases = base_bodies(layout, base_text)
        if bases is None:
            raise StructureError(
                f"分段 {row['key']} 的段落布局与导入文本不符 / the layout of segment "
                f"{row['key']} does not match its base text"
            )
        paras = rebuild_paragraphs(layout, base_text, base_text)
        return _Seg(row, paras, bases, _paras(row["current_text"]))

    def base_paragraphs(self, seg_id: int) -> list[Paragraph]:
        """The segment's printed paragraphs as imported (layout order, with source pieces)."""
        return self._seg_material(seg_id, active=False).paras

    def _next_segment(self, seg: _Seg) -> _Seg:
        row = self._one(
            """
            SELECT id FROM segments WHERE issue_id = ? AND active = 1 AND idx > ?
            ORDER BY idx, id LIMIT 1
            """,
            (seg.row["issue_id"], seg.row["idx"]),
        )
        nxt = None if row is None else self._seg_material(row["id"])
        if (
            nxt is None
            or nxt.row["source_start"] != seg.row["source_end"]
            or nxt.row["source_start"] == nxt.row["source_end"]
            or seg.row["source_start"] == seg.row["source_end"]
        ):
            raise StructureError(
                f"分段 {seg.key} 之后没有相邻的分段 / segment {seg.key} has no adjacent next segment"
            )
        return nxt

    def structure_changes(self, issue_id: int, include_inactive: bool = False) -> list[StructureChange]:
        """The issue's structure changes, oldest first."""
        self._require_structure_issue(issue_id)
        where = "" if include_inactive else "AND active = 1"
        return [
            _change(r)
            for r in self._rows(
                f"SELECT * FROM structure_changes WHERE issue_id = ? {where} ORDER BY id",
                (issue_id,),
            )
        ]

    def effective_structure_changes(self, issue_id: int) -> list[StructureChange]:
        """Changes of the current source that are in force (not undone, not undos)."""
        return [c for c in self.structure_changes(issue_id) if c.op != "undo" and not c.undone]

    def _parsed_kinds(self, issue_id: int) -> dict[int, str]:
        """Segment id -> the kind it had before the kind corrections in force changed it."""
        out: dict[int, str] = {}
        for ch in self.effective_structure_changes(issue_id):
            if ch.op == "kind":
                out.setdefault(ch.params["segment"], ch.params["was"])
        return out

    def structure_snapshot(self, issue_id: int) -> dict[str, Any]:
        """The structure as plain data (tests compare it before and after an undo)."""
        self._require_structure_issue(issue_id)
        segs = [
            (r["key"], r["kind"], r["source_start"], r["source_end"], r["toc_index"], r["layout"],
             r["offset_map"], r["base_text"], r["current_text"], r["title"])
            for r in self._rows(
                """
                SELECT s.*, base.text AS base_text, cur.text AS current_text FROM segments s
                JOIN revisions cur ON cur.id = s.current_revision_id
                LEFT JOIN revisions base ON base.id = s.base_revision_id
                WHERE s.issue_id = ? AND s.active = 1 ORDER BY s.idx
                """,
                (issue_id,),
            )
        ]
        toc = [
            (e["idx"], e["article_key"], e["title"], e["authors"], e["page"])
            for e in self._rows("SELECT * FROM toc_entries WHERE issue_id = ? ORDER BY idx", (issue_id,))
        ]
        return {"segments": segs, "toc": toc}

    # -- helpers of the writes ----------------------------------------------------------

    def _snap(self, seg_id: int) -> dict[str, Any]:
        row = self._one(f"SELECT {', '.join(_COLUMNS)} FROM segments WHERE id = ?", (seg_id,))
        return {c: row[c] for c in _COLUMNS}

    def _toc_snap(self, issue_id: int) -> list[dict[str, Any]]:
        return [
            {"idx": e["idx"], "article_key": e["article_key"], "title": e["title"],
             "authors": e["authors"], "page": e["page"]}
            for e in self._rows("SELECT * FROM toc_entries WHERE issue_id = ? ORDER BY idx", (issue_id,))
        ]

    def _record(self, issue_id: int, op: str, params: dict, before: dict, who: str,
                undo_of: int | None = None) -> StructureChange:
        cur = self._write(
            """
            INSERT INTO structure_changes (issue_id, op, params, before, who, at, undo_of)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """,
            (issue_id, op, dumps(params), dumps(before), who, now_iso(), undo_of),
        )
        self._write("UPDATE issues SET updated_at = ? WHERE id = ?", (now_iso(), issue_id))
        return _change(self._one("SELECT * FROM structure_changes WHERE id = ?", (cur.lastrowid,)))

    def _renumber(self, issue_id: int) -> None:
        rows = self._rows(
            "SELECT id FROM segments WHERE issue_id = ? AND active = 1 ORDER BY source_start, idx, id",
            (issue_id,),
        )
        for i, r in enumerate(rows):
            self._write("UPDATE segments SET idx = ? WHERE id = ?", (i, r["id"]))

    def _settle(self, seg_id: int, paras: list[Paragraph], start: int, end: int, cur_text: str,
                note: str, who: str, base_rev: int | None = None) -> None:
        """Give a segment new material: structure columns from ``paras``, a base revision
        whose text is their text, and ``cur_text`` as its current text (a new revision
        when it changes). ``base_rev``: a revision known to hold the new base text."""
        base_text, omap, layout = material(paras, start, end)
        st = self._state(seg_id)
        header = Header(st["kicker"], st["title"], st["subtitle"], loads(st["authors"], []),
                        st["role"], st["page"])
        number = st["last_number"]
        old_base = self._one(
            "SELECT r.id, r.text FROM segments s JOIN revisions r ON r.id = s.base_revision_id "
            "WHERE s.id = ?",
            (seg_id,),
        )
        if base_rev is not None and self.revision(base_rev).text != base_text:
            base_rev = None
        if cur_text != base_text and base_rev is None:
            if old_base is not None and old_base["text"] == base_text:
                base_rev = old_base["id"]
            else:
                number += 1
                base_rev = self._append_revision(seg_id, number, base_text, header, who,
                                                 f"{note} (as imported)")
        cur_rev = st["current_revision_id"]
        if cur_text != st["text"]:
            number += 1
            cur_rev = self._append_revision(seg_id, number, cur_text, header, who, note)
            self._make_current(st, cur_rev, cur_text, header)
        if cur_text == base_text:
            base_rev = cur_rev
        self._write(
            """
            UPDATE segments SET source_start = ?, source_end = ?, layout = ?, paragraph_kinds = ?,
                offset_map = ?, base_revision_id = ?
            WHERE id = ?
            """,
            (start, end, dumps(layout), dumps(body_kinds(layout)), dumps(omap.to_list()),
             base_rev, seg_id),
        )

    def _retire(self, seg: _Seg) -> None:
        st = self._state(seg.id)
        self._unindex_segment(seg.id, st["title"], st["text"])
        self._write("UPDATE segments SET active = 0, toc_index = NULL WHERE id = ?", (seg.id,))
        self._write("DELETE FROM findings WHERE segment_id = ?", (seg.id,))

    def _copy_decisions(self, from_id: int, to_id: int) -> None:
        """A dismissal holds for the same problem (rule and fingerprint) wherever a split
        or join puts its paragraph."""
        self._write(
            """
            INSERT OR IGNORE INTO decisions (issue_id, segment_id, rule, fingerprint, decision,
                reason, who, at)
            SELECT issue_id, ?, rule, fingerprint, decision, reason, who, at
            FROM decisions WHERE segment_id = ?
            """,
            (to_id, from_id),
        )

    def _fresh_key(self, issue_id: int, key: str) -> str:
        # not the key of an active segment, nor of one a recorded change may bring back
        used = {
            r["key"]
            for r in self._rows(
                "SELECT key FROM segments WHERE issue_id = ? AND active = 1", (issue_id,)
            )
        }
        for r in self._rows(
            "SELECT params FROM structure_changes WHERE issue_id = ? AND active = 1", (issue_id,)
        ):
            p = loads(r["params"], {})
            used.update(str(p[k]) for k in ("key", "new_key", "other_key") if p.get(k))
        m = re.match(r"^(.*?\d+)", key)
        root = m.group(1) if m else key
        for c in "bcdefghijklmnopqrstuvwxyz":
            if root + c not in used:
                return root + c
        n = 2
        while f"{root}x{n}" in used:
            n += 1
        return f"{root}x{n}"

    def _bind(self, issue_id: int, entry: int, key: str | None) -> None:
        """Entry ``entry`` names ``key`` (None: no article), both ways, nothing else
        naming either."""
        old = self._one("SELECT article_key FROM toc_entries WHERE issue_id = ? AND idx = ?",
                        (issue_id, entry))
        if old is not None and old["article_key"] is not None:
            self._write(
                "UPDATE segments SET toc_index = NULL WHERE issue_id = ? AND active = 1 AND key = ?",
                (issue_id, old["article_key"]),
            )
        if key is not None:
            prev = self._one(
                "SELECT toc_index FROM segments WHERE issue_id = ? AND active = 1 AND key = ?",
                (issue_id, key),
            )
            if prev is not None and prev["toc_index"] is not None:
                self._write("UPDATE toc_entries SET article_key = NULL WHERE issue_id = ? AND idx = ?",
                            (issue_id, prev["toc_index"]))
            self._write(
                "UPDATE segments SET toc_index = ? WHERE issue_id = ? AND active = 1 AND key = ?",
                (entry, issue_id, key),
            )
        self._write("UPDATE toc_entries SET article_key = ? WHERE issue_id = ? AND idx = ?",
                    (key, issue_id, entry))

    def _require_entry(self, issue_id: int, entry: int):
        row = self._one("SELECT * FROM toc_entries WHERE issue_id = ? AND idx = ?", (issue_id, entry))
        if row is None:
            raise StructureError(f"期刊 {issue_id} 没有目录条目 {entry} / no contents entry {entry}")
        return row

    # -- the operations ----------------------------------------------------------------

    def split_segment(self, seg_id: int, paragraph: int | None = None, who: str = "",
                      base_paragraph: int | None = None) -> StructureChange:
        """Split before paragraph ``paragraph`` (0-based, of the current text) — or before
        imported body paragraph ``base_paragraph`` — into two segments."""
        with self.atomic():
            a = self._seg_material(seg_id)
            if base_paragraph is not None:
                m = base_paragraph
                n = map_boundary(a.bases, a.cur, m)
            else:
                n = int(paragraph if paragraph is not None else -1)
                if not 0 < n < len(a.cur):
                    raise StructureError(
                        f"只能在第 1 至第 {len(a.cur) - 1} 段之前拆分 / split before paragraph 1 .. "
                        f"{len(a.cur) - 1} of {a.key} (0-based), not {n}"
                    )
                m = map_boundary(a.cur, a.bases, n)
            if not 0 < m < len(a.bases) or not 0 < n < len(a.cur):
                raise StructureError(
                    f"该段在原文中找不到对应位置（文字已改动） / paragraph {n} of {a.key} has no "
                    "place in the imported text to cut at"
                )
            body_at = [i for i, p in enumerate(a.paras) if _is_body(p)]
            cut_at = body_at[m - 1] + 1
            pos = _cut(a.paras, cut_at)
            if pos is None or not a.row["source_start"] < pos < a.row["source_end"]:
                raise StructureError(
                    f"此处前后段落在原文中交错排列，不能拆分 / the printed paragraphs of {a.key} "
                    f"interleave in the source at paragraph {n}; cannot split there"
                )
            issue_id = a.row["issue_id"]
            before = {"segments": {str(a.id): self._snap(a.id)}, "toc": self._toc_snap(issue_id)}
            first, second = a.paras[:cut_at], a.paras[cut_at:]
            self._settle(a.id, first, a.row["source_start"], pos, "\n".join(a.cur[:n]),
                         f"split ¶{n}", who)
            key = self._fresh_key(issue_id, a.key)
            new_id = self._insert_part(a, key, second, pos, a.row["source_end"],
                                       "\n".join(a.cur[n:]), who)
            self._copy_decisions(a.id, new_id)
            self._renumber(issue_id)
            params = {
                "segment": a.id, "key": a.key, "paragraph": n, "new": new_id, "new_key": key,
                "anchor": {"before": a.bases[m - 1], "at": a.bases[m], "title": a.row["title"]},
            }
            return self._record(issue_id, "split", params, before, who)

    def _insert_part(self, a: _Seg, key: str, paras: list[Paragraph], start: int, end: int,
                     cur_text: str, who: str) -> int:
        base_text, omap, layout = material(paras, start, end)
        header = _layout_header(paras)
        byline = " ".join(p.text.strip() for p in paras if p.kind == "byline")
        cur = self._write(
            """
            INSERT INTO segments (issue_id, key, kind, idx, source_start, source_end, title,
                subtitle, kicker, authors, role, byline_raw, page, section, toc_index, layout,
                paragraph_kinds, offset_map, version)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', '', ?, NULL, '', NULL, ?, ?, ?, 1)
            """,
            (a.row["issue_id"], key, a.row["kind"], a.row["idx"], start, end, header.title,
             header.subtitle, header.kicker, byline, dumps(layout), dumps(body_kinds(layout)),
             dumps(omap.to_list())),
        )
        seg_id = cur.lastrowid
        base = self._append_revision(seg_id, 1, base_text, header, who, f"split from {a.key}")
        current = base
        if cur_text != base_text:
            current = self._append_revision(seg_id, 2, cur_text, header, who, f"split from {a.key}")
        self._write("UPDATE segments SET current_revision_id = ?, base_revision_id = ? WHERE id = ?",
                    (current, base, seg_id))
        self._index_segment(seg_id, header.title, cur_text)
        return seg_id

    def join_segment(self, seg_id: int, who: str = "") -> StructureChange:
        """Join a segment with the next one (texts joined with "\\n"); the next is retired."""
        with self.atomic():
            a = self._seg_material(seg_id)
            b = self._next_segment(a)
            issue_id = a.row["issue_id"]
            before = {"segments": {str(a.id): self._snap(a.id), str(b.id): self._snap(b.id)},
                      "toc": self._toc_snap(issue_id)}
            b_entry = b.row["toc_index"]
            self._copy_decisions(b.id, a.id)
            self._retire(b)
            self._settle(a.id, a.paras + b.paras, a.row["source_start"], b.row["source_end"],
                         "\n".join(a.cur + b.cur), f"join {b.key}", who)
            if b_entry is not None:
                self._bind(issue_id, b_entry, a.key if a.row["toc_index"] is None else None)
            self._renumber(issue_id)
            texts = [p.text for p in a.paras if p.text.strip()]
            b_texts = [p.text for p in b.paras if p.text.strip()]
            params = {
                "segment": a.id, "key": a.key, "other": b.id, "other_key": b.key,
                "anchor": {"last": texts[-1] if texts else "", "first": b_texts[0] if b_texts else "",
                           "title": b.row["title"]},
            }
            return self._record(issue_id, "join", params, before, who)

    def move_boundary(self, seg_id: int, by: int, who: str = "") -> StructureChange:
        """Move the boundary after a segment by one printed paragraph: ``by=+1`` gives it
        the next segment's first paragraph, ``by=-1`` gives its last to the next."""
        if by not in (1, -1):
            raise StructureError(f"边界一次只能移动一段（+1 或 -1） / move by +1 or -1, not {by}")
        with self.atomic():
            a = self._seg_material(seg_id)
            b = self._next_segment(a)
            paras = a.paras + b.paras
            at = len(a.paras) + by
            if not 0 < at < len(paras):
                raise StructureError(
                    f"移动后一侧将没有段落，请改用合并 / moving would leave {a.key if by < 0 else b.key} "
                    "without paragraphs; join instead"
                )
            pos = _cut(paras, at)
            if pos is None:
                raise StructureError(
                    f"该段与相邻段落在原文中交错排列，不能移动 / the paragraph at the boundary of "
                    f"{a.key} interleaves with its neighbours in the source"
                )
            m0 = sum(1 for p in a.paras if _is_body(p))
            m = sum(1 for p in paras[:at] if _is_body(p))
            if m < m0:
                n = map_boundary(a.bases, a.cur, m)
                cur_a, cur_b = a.cur[:n], a.cur[n:] + b.cur
            elif m > m0:
                n = map_boundary(b.bases, b.cur, m - m0)
                cur_a, cur_b = a.cur + b.cur[:n], b.cur[n:]
            else:
                cur_a, cur_b = a.cur, b.cur
            issue_id = a.row["issue_id"]
            before = {"segments": {str(a.id): self._snap(a.id), str(b.id): self._snap(b.id)},
                      "toc": self._toc_snap(issue_id)}
            moved = paras[at] if by < 0 else paras[at - 1]
            note = f"move {'+1' if by > 0 else '-1'}"
            self._settle(a.id, paras[:at], a.row["source_start"], pos, "\n".join(cur_a), note, who)
            self._settle(b.id, paras[at:], pos, b.row["source_end"], "\n".join(cur_b), note, who)
            self._renumber(issue_id)
            params = {"segment": a.id, "key": a.key, "other": b.id, "other_key": b.key, "by": by,
                      "anchor": {"para": moved.text}}
            return self._record(issue_id, "move", params, before, who)

    def set_segment_kind(self, seg_id: int, kind: str, who: str = "") -> StructureChange | None:
        """Set a segment's kind (one of ``model.SEGMENT_KINDS``); None if it already is."""
        if kind not in SEGMENT_KINDS:
            raise StructureError(
                f"未知的分段类型：{kind} / unknown segment kind {kind!r}; expected one of "
                f"{', '.join(SEGMENT_KINDS)}"
            )
        with self.atomic():
            a = self._seg_material(seg_id)
            if a.row["kind"] == kind:
                return None
            issue_id = a.row["issue_id"]
            before = {"segments": {str(a.id): self._snap(a.id)}, "toc": self._toc_snap(issue_id)}
            self._write("UPDATE segments SET kind = ? WHERE id = ?", (kind, a.id))
            first = next((p.text for p in a.paras if p.text.strip()), "")
            params = {"segment": a.id, "key": a.key, "kind": kind, "was": a.row["kind"],
                      "anchor": {"title": a.row["title"], "first": first}}
            return self._record(issue_id, "kind", params, before, who)

    def bind_entry(self, issue_id: int, entry: int, seg_id: int, who: str = "") -> StructureChange | None:
        """Bind contents entry ``entry`` (its index) to a segment; None if it already is."""
        with self.atomic():
            e = self._require_entry(issue_id, entry)
            a = self._seg_material(seg_id)
            if a.row["issue_id"] != issue_id:
                raise StructureError(f"分段 {seg_id} 不在期刊 {issue_id} 中 / segment {seg_id} is not in issue {issue_id}")
            if e["article_key"] == a.key and a.row["toc_index"] == entry:
                return None
            before = {"segments": {}, "toc": self._toc_snap(issue_id)}
            for r in self._rows(
                "SELECT id FROM segments WHERE issue_id = ? AND active = 1 AND (id = ? OR key = ?)",
                (issue_id, a.id, e["article_key"]),
            ):
                before["segments"][str(r["id"])] = self._snap(r["id"])
            self._bind(issue_id, entry, a.key)
            first = next((p.text for p in a.paras if p.text.strip()), "")
            params = {"entry": entry, "segment": a.id, "key": a.key,
                      "anchor": {"entry_title": e["title"], "entry_page": e["page"],
                                 "title": a.row["title"], "first": first}}
            return self._record(issue_id, "bind", params, before, who)

    def unbind_entry(self, issue_id: int, entry: int, who: str = "") -> StructureChange | None:
        with self.atomic():
            e = self._require_entry(issue_id, entry)
            if e["article_key"] is None:
                return None
            before = {"segments": {}, "toc": self._toc_snap(issue_id)}
            for r in self._rows("SELECT id FROM segments WHERE issue_id = ? AND active = 1 AND key = ?",
                                (issue_id, e["article_key"])):
                before["segments"][str(r["id"])] = self._snap(r["id"])
            self._bind(issue_id, entry, None)
            params = {"entry": entry, "key": e["article_key"],
                      "anchor": {"entry_title": e["title"], "entry_page": e["page"]}}
            return self._record(issue_id, "unbind", params, before, who)

    def edit_entry(self, issue_id: int, entry: int, title: str | None = None,
                   authors: list[str] | None = None, page: int | None = None,
                   who: str = "") -> StructureChange | None:
        """Change a contents entry's title, authors and page (None: unchanged)."""
        with self.atomic():
            e = self._require_entry(issue_id, entry)
            new = {
                "title": e["title"] if title is None else title,
                "authors": e["authors"] if authors is None else dumps([str(a) for a in authors]),
                "page": e["page"] if page is None else int(page),
            }
            if (new["title"], new["authors"], new["page"]) == (e["title"], e["authors"], e["page"]):
                return None
            before = {"segments": {}, "toc": self._toc_snap(issue_id)}
            self._write(
                "UPDATE toc_entries SET title = ?, authors = ?, page = ? WHERE issue_id = ? AND idx = ?",
                (new["title"], new["authors"], new["page"], issue_id, entry),
            )
            params = {"entry": entry, "title": new["title"], "authors": loads(new["authors"], []),
                      "page": new["page"],
                      "anchor": {"entry_title": e["title"], "entry_page": e["page"]}}
            return self._record(issue_id, "entry", params, before, who)
