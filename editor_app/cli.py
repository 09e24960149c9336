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
    from editor_app.services import proofs

    pdf = proofs.is_pdf_file(args.file)
    issue = proofs.read_pdf_proof(args.file)[0] if pdf else svc.parse_issue_file(args.file)
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
    from editor_app.services import proofs

    parsed = proofs.read_pdf_proof(args.file) if proofs.is_pdf_file(args.file) else None  # before the library opens
    with svc.open_library(args.db) as lib:
        if parsed is not None:
            out = proofs.import_pdf_proof(lib, *parsed, replace=args.replace)
        else:
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
                    "segment_key": h.segment_key,
                    "article": h.title,
                    "kind": h.kind,
                    "field": h.field,
                    "excerpt": h.excerpt,
                    "match_start": h.match_start,
                    "match_end": h.match_end,
                    "position": h.start,
                    "count": h.count,
                }
                for h in hits
            ]
        )
        return 0
    if not hits:
        print("没有找到 (no hits)")
    for h in hits:
        print(f"{h.issue_label} · {h.title or h.kind} [{h.segment_id}]  {h.marked}")
    return 0


def _finding_json(f, idx: int | None = None) -> dict:
    return {
        "id": f.id if f.id is not None else idx,
        "rule": f.rule,
        "category": f.category,
        "severity": f.severity,
        "message": f.message,
        "suggestion": f.suggestion,
        "excerpt": f.excerpt,
        "segment_id": f.segment_id,
        "source_start": f.source_start,
        "source_end": f.source_end,
        "status": f.status,
        "related": [
            {
                "source_start": r.source_start,
                "source_end": r.source_end,
                "excerpt": r.excerpt,
                "segment_id": r.segment_id,
            }
            for r in f.related
        ],
    }


def cmd_check(args: argparse.Namespace) -> int:
    from editor_app.services import checking, report

    if (args.file is None) == (args.issue is None):
        raise UserError("请给出期刊文件或 --issue ID 之一 (give an issue FILE or --issue ID, not both)")
    if args.file is not None:
        from editor_app.services import proofs

        res = (proofs.check_pdf_file if proofs.is_pdf_file(args.file) else checking.check_file)(args.file)
    else:
        with svc.open_library(args.db) as lib:
            res = checking.run_checks(lib, svc.require_issue(lib, args.issue))
    open_errors = sum(1 for f in res.findings if f.status == "open" and f.severity == "error")
    if args.json:
        issue_json = svc.issue_to_json(res.issue)["issue"]
        if res.issue_id is not None:
            issue_json["id"] = res.issue_id
        _print_json(
            {
                "issue": issue_json,
                "findings": [_finding_json(f, i + 1) for i, f in enumerate(res.findings)],
                "error_rate": res.rates,
            }
        )
    else:
        print(report.findings_text(res))
    return 1 if open_errors else 0


def cmd_fix(args: argparse.Namespace) -> int:
    from editor_app.services import checking

    with svc.open_library(args.db) as lib:
        issue_id = svc.require_issue(lib, args.issue)
        seg_id = svc.require_segment(lib, issue_id, args.article) if args.article else None
        outs = checking.bulk_fix(lib, issue_id, args.rule, seg_id, author=args.author, dry_run=args.dry_run)
        n = sum(len(o.applied) for o in outs)
        for o in outs:
            row = lib.segment(o.segment_id)
            head = f"[{o.segment_id}] {row.title or row.kind}: {len(o.applied)} 处"
            if o.revision is not None:
                head += f" → 修订 #{o.revision.number}"
            print(head)
            for before, after in o.preview:
                print(f"    {before}  →  {after}")
            if o.skipped:
                print(f"    跳过 {len(o.skipped)} 处（重叠或文字已改动） / skipped {len(o.skipped)}")
    verb = "将修改 (would fix)" if args.dry_run else "已修改 (fixed)"
    print(f"{args.rule}: {verb} {n} 处 in {len(outs)} 篇 / segments")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from editor_app.services import exporting, proofs

    if (args.docx is None) == (args.pdf is None):
        raise UserError("请给出 --docx OUT 或 --pdf OUT 之一 (give --docx OUT or --pdf OUT)")
    if args.pdf is not None:
        with svc.open_library(args.db) as lib:
            res = proofs.export_pdf(lib, args.issue, args.pdf, author=args.author)
        print(f"已导出带批注的校样 (annotated proof written): {res.path} — {res.findings} 条检查结果 "
              f"({res.on_characters} 在原字上, {res.at_paragraph} 在段首), {res.edits} 处修改 (findings, edits)")
        return 0
    with svc.open_library(args.db) as lib:
        out = exporting.export_issue(
            lib,
            args.issue,
            args.docx,
            articles=args.article,
            comments=args.comments,
            track_changes=args.track_changes,
            traditional=args.traditional,
            author=args.author,
        )
    print(f"已导出 (exported): {out}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from editor_app.services import exporting

    if (args.docx is None) == (args.csv is None):
        raise UserError("请给出 --docx OUT 或 --csv OUT 之一 (give --docx OUT or --csv OUT)")
    with svc.open_library(args.db) as lib:
        out = exporting.export_report(
            lib, args.issue, args.docx or args.csv, fmt="csv" if args.csv else "docx", author=args.author
        )
    print(f"已导出报告 (report written): {out}")
    return 0


def cmd_import_docx(args: argparse.Namespace) -> int:
    from editor_app.services import exporting

    with svc.open_library(args.db) as lib:
        seg_id, status = exporting.import_docx(lib, args.file, args.issue, args.article, author=args.author)
        row = lib.segment(seg_id)
    msg = {"added": "已作为新文章导入 (added as a new article)", "revised": "已作为新修订导入 (added as a new revision)",
           "unchanged": "内容相同，未新增修订 (same text, no new revision)"}[status]
    print(f"{msg}: [{seg_id}] {row.title}")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from editor_app.services import review

    def window():
        from editor_app.gui import app  # the CLI may start the window; services never import Qt

        return app

    return review.run_app(args.db, terminal=args.terminal, window=window)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="editor-app",
        description="编辑审校台 — editorial review desk for a Chinese magazine",
    )
    p.add_argument("--version", action="version", version=f"editor-app {__version__}")
    p.add_argument(
        "--self-test",
        action="store_true",
        help="自检：导入示例期刊、检查、繁简转换、导出 DOCX、渲染窗口 (self-test of this installation)",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, func: Callable[[argparse.Namespace], int], help_: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help_, description=help_)
        sp.set_defaults(func=func)
        return sp

    sp = add("parse", cmd_parse, "解析期刊文本或 PDF 校样，不写资料库 (parse an issue file or PDF proof; the library is not touched)")
    sp.add_argument("file")
    sp.add_argument("--json", action="store_true", help="print one JSON object")

    sp = add("import", cmd_import, "导入期刊（文本或 PDF 校样）到资料库 (import an issue file or PDF proof)")
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

    sp = add("check", cmd_check, "校对检查 (check an issue file, or a library issue with --issue)")
    sp.add_argument("file", nargs="?")
    sp.add_argument("--issue", type=int, help="library issue id; findings are stored")
    sp.add_argument("--db")
    sp.add_argument("--json", action="store_true")

    sp = add("fix", cmd_fix, "按规则批量修改 (apply one rule's suggestions as new revisions)")
    sp.add_argument("--issue", type=int, required=True)
    sp.add_argument("--rule", required=True, help="rule id, e.g. punctuation.halfwidth")
    sp.add_argument("--article", help="segment id (library id or key like s03); default: the whole issue")
    sp.add_argument("--db")
    sp.add_argument("--dry-run", action="store_true", help="show the changes, write nothing")
    sp.add_argument("--author", default="editor-app", help="name recorded on the revisions")

    sp = add("export", cmd_export, "导出 DOCX 或带批注的 PDF 校样 (export to Word, or comments onto the PDF proof)")
    sp.add_argument("--issue", type=int, required=True)
    sp.add_argument("--docx", metavar="OUT")
    sp.add_argument("--pdf", metavar="OUT", help="a copy of the imported PDF proof with findings and edits as comments")
    sp.add_argument("--article", action="append", metavar="ID", help="segment id or key; repeat for several")
    sp.add_argument("--comments", action="store_true", help="open findings as Word comments")
    sp.add_argument("--track-changes", action="store_true", help="edits since import as tracked changes")
    sp.add_argument("--traditional", choices=["tw", "hk"], help="a clean traditional edition (OpenCC s2twp / s2hk)")
    sp.add_argument("--author", default="editor-app")
    sp.add_argument("--db")

    sp = add("report", cmd_report, "校对报告 (findings report as DOCX or CSV)")
    sp.add_argument("--issue", type=int, required=True)
    sp.add_argument("--docx", metavar="OUT")
    sp.add_argument("--csv", metavar="OUT")
    sp.add_argument("--author", default="editor-app")
    sp.add_argument("--db")

    sp = add("import-docx", cmd_import_docx, "导入 DOCX 稿件 (a manuscript as a new article, or a new revision with --article)")
    sp.add_argument("file")
    sp.add_argument("--issue", type=int, required=True)
    sp.add_argument("--article", metavar="ID")
    sp.add_argument("--author", default="editor-app")
    sp.add_argument("--db")

    sp = add("run", cmd_run, "启动应用 (start the app on the library; imports the demo issue on first start)")
    sp.add_argument("--db")
    sp.add_argument("--terminal", action="store_true", help="print the review in the terminal instead of opening the window")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        from editor_app import selftest

        return selftest.main()
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
