"""`editor-app structure`: look at and correct an issue's structure (kept out of cli.py).

    editor-app structure --issue ID [--json]
    editor-app structure --issue ID split --article ID --paragraph N
    editor-app structure --issue ID join --article ID
    editor-app structure --issue ID move --article ID --by +1|-1
    editor-app structure --issue ID kind --article ID KIND
    editor-app structure --issue ID bind --entry N --article ID
    editor-app structure --issue ID unbind --entry N
    editor-app structure --issue ID entry --entry N [--title T] [--authors A] [--page P]
    editor-app structure --issue ID undo

Paragraphs and contents entries are counted from 1, as the listing shows them.
"""

from __future__ import annotations

import argparse
import re

from editor_app.model import SEGMENT_KINDS
from editor_app.services import issues as svc
from editor_app.services import structure
from editor_app.services.issues import UserError


def add_parser(add) -> None:
    sp = add("structure", cmd_structure,
             "查看或更正期刊结构：拆分、合并、移动边界、类型、目录关联 (show or correct an issue's structure)")
    sp.add_argument("--issue", type=int, required=True)
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--author", default="editor-app", help="name recorded on the change")
    sp.add_argument("--db")
    ops = sp.add_subparsers(dest="op", metavar="OP")
    o = ops.add_parser("split", help="拆分：第 N 段起成为新分段 (split before paragraph N, counted from 1)")
    o.add_argument("--article", required=True, metavar="ID")
    o.add_argument("--paragraph", type=int, required=True, metavar="N")
    o = ops.add_parser("join", help="与下一分段合并 (join with the next segment)")
    o.add_argument("--article", required=True, metavar="ID")
    o = ops.add_parser("move", help="把与下一分段的边界移动一段 (move the boundary with the next segment)")
    o.add_argument("--article", required=True, metavar="ID")
    o.add_argument("--by", required=True, choices=["+1", "-1", "1"], help="+1: take the next one's first paragraph; -1: give it the last")
    o = ops.add_parser("kind", help="设定分段类型 (set the kind)")
    o.add_argument("--article", required=True, metavar="ID")
    o.add_argument("kind", metavar="KIND", help=", ".join(SEGMENT_KINDS))
    o = ops.add_parser("bind", help="目录条目关联文章 (bind a contents entry to an article)")
    o.add_argument("--entry", type=int, required=True, metavar="N")
    o.add_argument("--article", required=True, metavar="ID")
    o = ops.add_parser("unbind", help="取消目录条目的关联 (unbind a contents entry)")
    o.add_argument("--entry", type=int, required=True, metavar="N")
    o = ops.add_parser("entry", help="修改目录条目 (edit a contents entry)")
    o.add_argument("--entry", type=int, required=True, metavar="N")
    o.add_argument("--title")
    o.add_argument("--authors", help="names separated by 、 , or spaces")
    o.add_argument("--page", type=int)
    ops.add_parser("undo", help="撤销最近一次结构修改 (undo the latest structure change)")


def _print_view(view: structure.StructureView) -> None:
    print(f"{view.label} — issue {view.issue_id}: {len(view.segments)} 个分段 (segments)")
    for s in view.segments:
        entry = f"  目录#{s.entry + 1}" if s.entry is not None else ""
        print(f"  {s.key:<6} {s.id:>5} {s.kind:<15} {s.source_start:>6}-{s.source_end:<6} "
              f"{s.paragraphs:>3}段 {s.title[:30]}{entry}")
    unbound = view.unbound
    print(f"未关联的目录条目 {len(unbound)} 条 (unbound contents entries)")
    for e in unbound:
        print(f"  #{e.index + 1:<3} P{e.page if e.page is not None else '-':<4} {e.title}")
    if view.last_change is not None:
        print(f"可撤销 (undo would undo): {structure.change_label(view.last_change)}")


def _one_based(n: int, what: str) -> int:
    if n < 1:
        raise UserError(f"{what}从 1 开始计数：{n} ({what} are counted from 1)")
    return n - 1


def cmd_structure(args: argparse.Namespace) -> int:
    with svc.open_library(args.db) as lib:
        issue_id = svc.require_issue(lib, args.issue)
        who = args.author
        op = args.op
        if op is None:
            view = structure.structure_view(lib, issue_id)
            if args.json:
                import json
                import sys

                sys.stdout.write(json.dumps(structure.view_json(view), ensure_ascii=False, indent=2) + "\n")
            else:
                _print_view(view)
            return 0
        if op == "split":
            res = structure.split(lib, issue_id, args.article, _one_based(args.paragraph, "段落"), who)
        elif op == "join":
            res = structure.join(lib, issue_id, args.article, who)
        elif op == "move":
            res = structure.move(lib, issue_id, args.article, -1 if args.by == "-1" else 1, who)
        elif op == "kind":
            res = structure.set_kind(lib, issue_id, args.article, args.kind, who)
        elif op == "bind":
            res = structure.bind(lib, issue_id, _one_based(args.entry, "目录条目"), args.article, who)
        elif op == "unbind":
            res = structure.unbind(lib, issue_id, _one_based(args.entry, "目录条目"), who)
        elif op == "entry":
            authors = None
            if args.authors is not None:
                authors = [a for a in re.split(r"[、,，;；\s]+", args.authors) if a]
            if args.title is None and authors is None and args.page is None:
                raise UserError("请至少给出 --title、--authors、--page 之一 (give --title, --authors or --page)")
            res = structure.edit_entry(lib, issue_id, _one_based(args.entry, "目录条目"), args.title,
                                       authors, args.page, who)
        else:
            res = structure.undo(lib, issue_id, who)
    print(res.message)
    return 0
