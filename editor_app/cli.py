"""The command line: a thin shell over editor_app.services.

Exit status: 0 success, 1 open error-level findings (check), 2 bad input or usage.
No traceback reaches the user: expected failures print one line on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence

from editor_app import __version__
from editor_app.services import issues as svc
from editor_app.services.issues import UserError


def _print_json(obj: object) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def cmd_parse(args: argparse.Namespace) -> int:
    issue = svc.parse_issue_file(args.file)
    if args.json:
        _print_json(svc.issue_to_json(issue))
        return 0
    m = issue.masthead
    print(f"{m.label()}  总第{m.total_number}期  {m.frequency}")
    print(f"目录 {len(issue.toc)} 篇 / {len(issue.toc)} TOC entries")
    for e in issue.toc:
        authors = " ".join(e.authors)
        print(f"  P{e.page:<3} [{e.section}] {e.title}  — {e.role + ' ' if e.role else ''}{authors}  -> {e.article_id}")
    print(f"分段 {len(issue.segments)} 个 / {len(issue.segments)} segments")
    for s in issue.segments:
        print(f"  {s.id} {s.kind:<15} {s.source_start:>6}-{s.source_end:<6} {s.title[:30]}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    with svc.open_library(args.db) as lib:
        out = svc.import_issue_file(lib, args.file, replace=args.replace)
    msg = {
        "imported": "已导入 (imported)",
        "already": "已导入过，未重复导入 (already imported)",
        "replaced": "已替换，旧文本保留为修订 (replaced; old text kept as revisions)",
    }[out.status]
    print(f"{out.label}: {msg} — issue {out.issue_id}, {out.n_articles} 篇文章 (articles)")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    with svc.open_library(args.db) as lib:
        rows = lib.list_issues()
    if args.json:
        _print_json([r.__dict__ if hasattr(r, "__dict__") else r for r in rows])
        return 0
    if not rows:
        print("资料库为空 (the library is empty)")
    for r in rows:
        print(f"{r.id:>4}  {r.label}  {r.n_articles} 篇  {r.source_name}")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    with svc.open_library(args.db) as lib:
        hits = lib.search(args.query, limit=args.limit)
    if args.json:
        _print_json(
            [
                {
                    "issue_id": h.issue_id,
                    "issue": h.issue_label,
                    "segment_id": h.segment_id,
                    "article": h.title,
                    "kind": h.kind,
                    "excerpt": h.excerpt,
                    "position": h.position,
                }
                for h in hits
            ]
        )
        return 0
    if not hits:
        print("没有找到 (no hits)")
    for h in hits:
        print(f"{h.issue_label} · {h.title or h.kind} [{h.segment_id}]  {h.excerpt}")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from editor_app.services import review

    return review.run_app(args.db)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="editor-app",
        description="编辑审校台 — editorial review desk for a Chinese magazine",
    )
    p.add_argument("--version", action="version", version=f"editor-app {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, func: Callable[[argparse.Namespace], int], help_: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help_, description=help_)
        sp.set_defaults(func=func)
        return sp

    sp = add("parse", cmd_parse, "解析期刊文本，不写资料库 (parse an issue file; the library is not touched)")
    sp.add_argument("file")
    sp.add_argument("--json", action="store_true", help="print one JSON object")

    sp = add("import", cmd_import, "导入期刊到资料库 (import an issue file into the library)")
    sp.add_argument("file")
    sp.add_argument("--db", help="library file (default: the user library)")
    sp.add_argument("--replace", action="store_true", help="replace an issue with the same masthead; old text is kept as revisions")

    sp = add("list", cmd_list, "列出资料库中的期刊 (list the issues in the library)")
    sp.add_argument("--db")
    sp.add_argument("--json", action="store_true")

    sp = add("search", cmd_search, "全文检索 (full-text search over titles and article text)")
    sp.add_argument("query")
    sp.add_argument("--db")
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--limit", type=int, default=50)

    sp = add("run", cmd_run, "启动应用 (start the app on the library; imports the demo issue on first start)")
    sp.add_argument("--db")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        print(f"editor-app: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
