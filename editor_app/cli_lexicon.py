"""`editor-app lexicon`: the house lexicon (词库) from the command line (kept out of cli.py).

    editor-app lexicon list [--kind KIND] [--json]
    editor-app lexicon add KIND TERM [--post P] [--variants "A|B"] [--note N] [--issue ID]
    editor-app lexicon remove ID [ID ...] [--issue ID]
    editor-app lexicon import FILE.csv [--issue ID]
    editor-app lexicon export FILE.csv

KIND is person, organisation or formulation (人名, 机构, 提法). A change re-checks
the issue given with --issue now; the other issues are re-checked when opened.
"""

from __future__ import annotations

import argparse
import json
import sys

from editor_app.services import issues as svc
from editor_app.services import lexicon


def add_parser(add) -> None:
    sp = add("lexicon", cmd_lexicon,
             "本社词库：人名与职务、机构名称、规范提法 (the house lexicon: people and posts, organisations, "
             "standard formulations)")
    sp.add_argument("--db")
    ops = sp.add_subparsers(dest="op", metavar="OP", required=True)
    o = ops.add_parser("list", help="列出词条 (list the entries)")
    o.add_argument("--kind", help="person | organisation | formulation")
    o.add_argument("--json", action="store_true")
    o = ops.add_parser("add", help="添加或更新词条 (add an entry, or update the one of the same kind and term)")
    o.add_argument("kind", metavar="KIND", help="person | organisation | formulation (人名 | 机构 | 提法)")
    o.add_argument("term", metavar="TERM")
    o.add_argument("--post", default="", help="person: the post printed for them, e.g. 东越省副省长")
    o.add_argument("--variants", default="", help="wrong variants separated by |")
    o.add_argument("--note", default="")
    o.add_argument("--issue", type=int, help="re-check this issue now")
    o = ops.add_parser("remove", help="删除词条 (remove entries by id)")
    o.add_argument("ids", metavar="ID", type=int, nargs="+")
    o.add_argument("--issue", type=int, help="re-check this issue now")
    o = ops.add_parser("import", help="从 CSV 导入 (import a CSV: kind,term,post,variants,note)")
    o.add_argument("file", metavar="FILE.csv")
    o.add_argument("--issue", type=int, help="re-check this issue now")
    o = ops.add_parser("export", help="导出为 CSV (export as CSV)")
    o.add_argument("file", metavar="FILE.csv")
    for o in ops.choices.values():  # --db before or after the operation
        o.add_argument("--db", default=argparse.SUPPRESS)


def _print(entries) -> None:
    for e in entries:
        kind = lexicon.KIND_LABELS.get(e.kind, e.kind)
        extra = []
        if e.post:
            extra.append(f"职务 {e.post}")
        if e.variants:
            extra.append("误写 " + "|".join(e.variants))
        if e.note:
            extra.append(e.note)
        print(f"{e.id:>5}  {kind}  {e.term}" + (f"  ({'; '.join(extra)})" if extra else ""))


def cmd_lexicon(args: argparse.Namespace) -> int:
    with svc.open_library(args.db) as lib:
        issue_id = getattr(args, "issue", None)
        if issue_id is not None:
            issue_id = svc.require_issue(lib, issue_id)
        if args.op == "list":
            entries = lexicon.entries(lib, args.kind)
            if args.json:
                rows = [{"id": e.id, "kind": e.kind, "term": e.term, "post": e.post,
                         "variants": list(e.variants), "note": e.note} for e in entries]
                sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
            else:
                _print(entries)
                print(f"{len(entries)} 条 (entries)")
            return 0
        if args.op == "add":
            res = lexicon.add(lib, args.kind, args.term, args.post, args.variants, args.note, issue_id)
            _print(res.entries)
        elif args.op == "remove":
            res = lexicon.remove(lib, args.ids, issue_id)
            if not res.entries:
                print("没有这些词条 (no such entries)", file=sys.stderr)
                return 1
            print(f"已删除 {len(res.entries)} 条 (removed)")
        elif args.op == "import":
            res = lexicon.import_csv(lib, args.file, issue_id)
            print(f"已导入 {len(res.entries)} 条 (imported)")
        else:
            n = lexicon.export_csv(lib, args.file)
            print(f"已导出 {n} 条到 {args.file} (exported)")
            return 0
        if issue_id is not None:
            print(f"已重新校对第 {issue_id} 期 (issue re-checked)")
        return 0
