"""Correcting an issue's structure by hand, when the parser got it wrong.

Every operation (split, join, move a boundary, kind, bind / unbind a contents entry,
edit an entry, undo) is one transaction together with the re-check of the issue, so
the stored findings describe the new structure (``services/checking.py``); each
returns a :class:`StructureResult` whose ``changes`` carry ``structure=True``. The
store records every correction with the state it replaced (``store/structure.py``).

After ``import --replace``
--------------------------
A replacing import re-parses the issue; the parser makes the same mistakes on the
same text. :func:`carry_over` re-applies, in their order, the corrections that were in
force before the import, wherever their place is found again in the new parse:

* split: a segment with the same two imported paragraphs on either side of the cut;
* join: two adjacent segments, the first ending and the second starting with the
  same printed paragraphs as before;
* move: the same paragraph at the same side of a boundary;
* kind, bind: the segment found by its first printed paragraph (else by a unique
  title); bind, unbind, entry edits: the contents entry found by its title and page
  (else a unique title).

Not carried: a correction whose paragraphs are not found (the text changed there),
or that the new parse already makes (nothing to do). The import reports each.
The corrections made on the old source stay in the table (inactive); those
re-applied are recorded anew and can be undone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from editor_app.model import SEGMENT_KINDS
from editor_app.store import Library, LibraryError, StructureChange

from . import checking
from .changes import NO_CHANGES, OpChanges
from .issues import UserError, require_issue, require_segment

KIND_LABELS = {
    "masthead": "刊头",
    "cover": "封面",
    "editorial_board": "编委会",
    "toc": "目录",
    "article": "文章",
    "news": "资讯",
    "sponsored": "专版",
    "comic": "漫画",
    "photo": "图片",
    "blank": "空白",
    "unknown": "未识别",
}
OP_LABELS = {
    "split": "拆分",
    "join": "合并",
    "move": "移动边界",
    "kind": "类型",
    "bind": "关联目录",
    "unbind": "取消关联",
    "entry": "修改目录条目",
    "undo": "撤销",
}


@dataclass
class StructureSegment:
    id: int
    key: str
    kind: str
    source_start: int
    source_end: int
    title: str
    entry: int | None  # index of the contents entry bound to it (0-based)
    entry_title: str = ""
    paragraphs: int = 0  # paragraphs of its current text


@dataclass
class StructureEntry:
    index: int  # 0-based position in the contents
    page: int | None
    section: str
    title: str
    authors: list[str]
    key: str | None  # the segment it is bound to
    seg_id: int | None


@dataclass
class StructureView:
    issue_id: int
    label: str
    segments: list[StructureSegment]
    entries: list[StructureEntry]
    last_change: StructureChange | None  # what undo would undo

    @property
    def unbound(self) -> list[StructureEntry]:
        return [e for e in self.entries if e.seg_id is None]

    @property
    def unknown(self) -> list[StructureSegment]:
        return [s for s in self.segments if s.kind == "unknown"]

    @property
    def articles(self) -> list[StructureSegment]:
        return [s for s in self.segments if s.kind == "article"]


def structure_view(lib: Library, issue_id: int) -> StructureView:
    require_issue(lib, issue_id)
    rows = lib.segments(issue_id)
    toc = lib.toc(issue_id)
    by_key = {r.key: r for r in rows}
    entries = [
        StructureEntry(i, e.page, e.section, e.title, list(e.authors),
                       e.article_id if e.article_id in by_key else None,
                       by_key[e.article_id].id if e.article_id in by_key else None)
        for i, e in enumerate(toc)
    ]
    segs = []
    for r in rows:
        text, _v = lib.current_text(r.id)
        entry = r.toc_index if r.toc_index is not None and 0 <= r.toc_index < len(toc) else None
        segs.append(
            StructureSegment(
                r.id, r.key, r.kind, r.source_start, r.source_end, r.title, entry,
                toc[entry].title if entry is not None else "",
                len(text.split("\n")) if text else 0,
            )
        )
    effective = lib.effective_structure_changes(issue_id)
    return StructureView(issue_id, lib.issue_summary(issue_id).label, segs, entries,
                         effective[-1] if effective else None)


def view_json(view: StructureView) -> dict[str, Any]:
    """`editor-app structure --json`: entries are numbered from 1, as the CLI takes them."""
    return {
        "issue": view.issue_id,
        "label": view.label,
        "segments": [
            {
                "key": s.key, "id": s.id, "kind": s.kind, "source_start": s.source_start,
                "source_end": s.source_end, "title": s.title, "paragraphs": s.paragraphs,
                "entry": None if s.entry is None else s.entry + 1, "entry_title": s.entry_title,
            }
            for s in view.segments
        ],
        "unbound_entries": [
            {"entry": e.index + 1, "page": e.page, "title": e.title, "authors": e.authors}
            for e in view.unbound
        ],
        "last_change": None if view.last_change is None else change_label(view.last_change),
    }


def change_label(ch: StructureChange) -> str:
    """One line for people: "拆分 s10 ¶5 / split"."""
    p = ch.params
    op = OP_LABELS.get(ch.op, ch.op)
    if ch.op == "split":
        detail = f"{p['key']} ¶{p['paragraph'] + 1} → {p['new_key']}"
    elif ch.op in ("join", "move"):
        detail = f"{p['key']} + {p['other_key']}" + (f" ({p['by']:+d})" if ch.op == "move" else "")
    elif ch.op == "kind":
        detail = f"{p['key']} {p['was']} → {p['kind']}"
    elif ch.op in ("bind", "unbind"):
        detail = f"#{p['entry'] + 1} ↔ {p['key']}"
    elif ch.op == "entry":
        detail = f"#{p['entry'] + 1} {p['title']}"
    else:
        detail = f"{OP_LABELS.get(p.get('op', ''), p.get('op', ''))} (#{p.get('change')})"
    return f"{op} {detail} / {ch.op}"


@dataclass
class StructureResult:
    change: StructureChange | None  # None: nothing to do (already so)
    changes: OpChanges = NO_CHANGES
    message: str = ""


def _run(lib: Library, issue_id: int, op: str, write: Callable[[], StructureChange | None],
         who: str, text: bool) -> StructureResult:
    try:
        with lib.atomic():
            ch = write()
            res = checking.recheck(lib, issue_id, f"structure {op}", who, listing=False) if ch else None
    except LibraryError as exc:
        raise UserError(str(exc)) from None
    if ch is None:
        return StructureResult(None, NO_CHANGES, "无需修改 / nothing to change")
    changes = OpChanges.of(issue_id, None, structure=True, text=text, header=text)
    if res is not None:
        changes = changes | res.changes
    return StructureResult(ch, changes, change_label(ch))


def split(lib: Library, issue_id: int, article: str | int, paragraph: int, who: str = "") -> StructureResult:
    """Split an article before paragraph ``paragraph`` (0-based) of its current text."""
    seg_id = require_segment(lib, issue_id, article)
    return _run(lib, issue_id, "split", lambda: lib.split_segment(seg_id, paragraph, who), who, True)


def join(lib: Library, issue_id: int, article: str | int, who: str = "") -> StructureResult:
    seg_id = require_segment(lib, issue_id, article)
    return _run(lib, issue_id, "join", lambda: lib.join_segment(seg_id, who), who, True)


def move(lib: Library, issue_id: int, article: str | int, by: int, who: str = "") -> StructureResult:
    seg_id = require_segment(lib, issue_id, article)
    return _run(lib, issue_id, "move", lambda: lib.move_boundary(seg_id, by, who), who, True)


def set_kind(lib: Library, issue_id: int, article: str | int, kind: str, who: str = "") -> StructureResult:
    seg_id = require_segment(lib, issue_id, article)
    if kind not in SEGMENT_KINDS:
        raise UserError(f"未知的分段类型：{kind} (unknown kind {kind!r}; one of {', '.join(SEGMENT_KINDS)})")
    return _run(lib, issue_id, "kind", lambda: lib.set_segment_kind(seg_id, kind, who), who, False)


def _entry(lib: Library, issue_id: int, entry: int) -> int:
    n = len(lib.toc(issue_id))
    if not 0 <= entry < n:
        raise UserError(f"期刊 {issue_id} 没有目录条目 {entry + 1} (no contents entry {entry + 1}; 1 .. {n})")
    return entry


def bind(lib: Library, issue_id: int, entry: int, article: str | int, who: str = "") -> StructureResult:
    """Bind contents entry ``entry`` (0-based) to an article."""
    require_issue(lib, issue_id)
    entry = _entry(lib, issue_id, entry)
    seg_id = require_segment(lib, issue_id, article)
    return _run(lib, issue_id, "bind", lambda: lib.bind_entry(issue_id, entry, seg_id, who), who, False)


def unbind(lib: Library, issue_id: int, entry: int, who: str = "") -> StructureResult:
    require_issue(lib, issue_id)
    entry = _entry(lib, issue_id, entry)
    return _run(lib, issue_id, "unbind", lambda: lib.unbind_entry(issue_id, entry, who), who, False)


def edit_entry(lib: Library, issue_id: int, entry: int, title: str | None = None,
               authors: list[str] | None = None, page: int | None = None, who: str = "") -> StructureResult:
    require_issue(lib, issue_id)
    entry = _entry(lib, issue_id, entry)
    if title is not None and not title.strip():
        raise UserError("目录条目标题不能为空 (a contents entry needs a title)")
    if page is not None and (isinstance(page, bool) or not isinstance(page, int) or page < 0):
        raise UserError(f"页码必须是非负整数：{page} (a page number is a whole number ≥ 0)")
    if authors is not None:
        authors = [a.strip() for a in authors if a and a.strip()]
    return _run(
        lib, issue_id, "entry",
        lambda: lib.edit_entry(issue_id, entry, None if title is None else title.strip(), authors,
                               page, who),
        who, False,
    )


def undo(lib: Library, issue_id: int, who: str = "") -> StructureResult:
    """Undo the latest structure change that is in force (the undo is recorded)."""
    require_issue(lib, issue_id)
    res = _run(lib, issue_id, "undo", lambda: lib.undo_structure(issue_id, who), who, True)
    if res.change is None:
        res.message = "没有可撤销的结构修改 / nothing to undo"
    return res


# -- after a replacing import ---------------------------------------------------------------


def _first_text(lib: Library, seg_id: int) -> str:
    return next((p.text for p in lib.base_paragraphs(seg_id) if p.text.strip()), "")


def _find_segment(lib: Library, issue_id: int, anchor: dict) -> int | None:
    rows = lib.segments(issue_id)
    first = anchor.get("first") or ""
    if first:
        hits = [r.id for r in rows if _first_text(lib, r.id) == first]
        if len(hits) == 1:
            return hits[0]
    title = anchor.get("title") or ""
    if title:
        hits = [r.id for r in rows if r.title == title]
        if len(hits) == 1:
            return hits[0]
    return None


def _find_entry(lib: Library, issue_id: int, anchor: dict) -> int | None:
    toc = lib.toc(issue_id)
    title, page = anchor.get("entry_title"), anchor.get("entry_page")
    hits = [i for i, e in enumerate(toc) if e.title == title and e.page == page]
    if len(hits) != 1:
        hits = [i for i, e in enumerate(toc) if e.title == title]
    return hits[0] if len(hits) == 1 else None


def _texts(lib: Library, seg_id: int) -> list[str]:
    return [p.text for p in lib.base_paragraphs(seg_id) if p.text.strip()]


def _reapply(lib: Library, issue_id: int, ch: StructureChange, who: str) -> StructureChange | None | bool:
    """Re-apply one change on the new parse: the new change, None (already so) or False
    (its place is not found)."""
    p, a = ch.params, ch.params.get("anchor", {})
    rows = lib.segments(issue_id)
    if ch.op == "split":
        already = False
        for r in rows:
            paras = lib.base_paragraphs(r.id)
            bodies = [x.text for x in paras if x.kind not in ("kicker", "title", "subtitle", "byline", "role")]
            already = already or bool(bodies and bodies[0] == a.get("at"))
            for m in range(1, len(bodies)):
                if bodies[m - 1] == a.get("before") and bodies[m] == a.get("at"):
                    return lib.split_segment(r.id, base_paragraph=m, who=who)
        return None if already else False
    if ch.op in ("join", "move"):
        for r, nxt in zip(rows, rows[1:], strict=False):
            if r.source_end != nxt.source_start:
                continue
            ta, tb = _texts(lib, r.id), _texts(lib, nxt.id)
            if not ta or not tb:
                continue
            if ch.op == "join" and ta[-1] == a.get("last") and tb[0] == a.get("first"):
                return lib.join_segment(r.id, who)
            if ch.op == "move":
                if p["by"] > 0 and tb[0] == a.get("para"):
                    return lib.move_boundary(r.id, 1, who)
                if p["by"] < 0 and ta[-1] == a.get("para"):
                    return lib.move_boundary(r.id, -1, who)
        return False
    if ch.op == "kind":
        seg_id = _find_segment(lib, issue_id, a)
        return False if seg_id is None else lib.set_segment_kind(seg_id, p["kind"], who)
    entry = _find_entry(lib, issue_id, a)
    if entry is None:
        return False
    if ch.op == "bind":
        seg_id = _find_segment(lib, issue_id, a)
        return False if seg_id is None else lib.bind_entry(issue_id, entry, seg_id, who)
    if ch.op == "unbind":
        return lib.unbind_entry(issue_id, entry, who)
    if ch.op == "entry":
        return lib.edit_entry(issue_id, entry, p["title"], p["authors"], p["page"], who)
    return False


def carry_over(lib: Library, issue_id: int, pending: list[StructureChange], who: str = "") -> list[str]:
    """Re-apply ``pending`` (the corrections in force before a replacing import) on the
    issue's new parse, in order, in the caller's transaction. One line per change."""
    report = []
    with lib.atomic():
        for ch in pending:
            try:
                out = _reapply(lib, issue_id, ch, who)
            except LibraryError:
                out = False
            label = change_label(ch)
            if out is False:
                report.append(f"未能沿用（原位置找不到） / not carried (not found): {label}")
            elif out is None:
                report.append(f"无需沿用（新解析已如此） / already so: {label}")
            else:
                report.append(f"已沿用 / carried: {label}")
    return report


@dataclass
class ImportStructureReport:
    """What the window shows at the end of an import."""

    articles: int
    unbound: list[str] = field(default_factory=list)  # titles of contents entries without article
    unknown: list[str] = field(default_factory=list)  # keys of segments of unknown kind


def import_report(lib: Library, issue_id: int) -> ImportStructureReport:
    view = structure_view(lib, issue_id)
    return ImportStructureReport(
        len(view.articles),
        [e.title for e in view.unbound],
        [s.key for s in view.unknown],
    )
