"""The command line: a thin shell over editor_app.services.

Exit status: 0 success, 1 open error-level findings (check), 2 bad input, usage or
any expected failure (disk full, read-only, locked or damaged library, unwritable
output; services/failures.py words them), 3 an internal error (a bug: traceback).
No traceback reaches the user for expected failures: they print one line on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from editor_app import __version__
from editor_app.services import issues as svc
from editor_app.services import rule_texts
from editor_app.services.issues import UserError


def _print_json(obj: object) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def cmd_parse(args: argparse.Namespace) -> int:
    from editor_app.services import proofs

    issue = proofs.read_pdf_proof(args.file)[0] if proofs.is_pdf_file(args.file) else svc.parse_issue_file(args.file)
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
    from editor_app.services import importing

    parsed = importing.parse_path(args.file)  # before the library opens: bad input writes nothing
    with svc.open_library(args.db) as lib:
        try:
            out = importing.store_issue(lib, parsed, replace=args.replace, name=Path(args.file).name)
        except importing.MastheadExists as exc:
            raise UserError(
                f"资料库中已有《{exc.label}》（期 {exc.issue_id}），内容与 {args.file} 不同，未导入；"
                f"如确要替换，请加 --replace（旧文本保留为修订） / the library already holds {exc.label} "
                "from another file; nothing imported; use --replace to replace it (the old text is kept as revisions)"
            ) from None
    msg = {
        "imported": "已导入 (imported)",
        "already": "已导入过，未重复导入 (already imported)",
        "replaced": "已替换，旧文本保留为修订 (replaced; old text kept as revisions)",
    }[out.status]
    print(f"{out.label}: {msg} — issue {out.issue_id}, {out.n_articles} 篇文章 (articles)")
    for line in out.structure:  # structure corrections carried over a replace
        print(f"  {line}")
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


def _ref_json(ref) -> dict:
    return {
        "segment_id": None if ref is None else ref.id,
        "segment_key": None if ref is None else ref.key,
    }


def _finding_json(f, idx: int | None = None, numbers: dict[int, int] | None = None) -> dict:
    return {
        "id": f.id if f.id is not None else idx,
        "rule": f.rule,
        "category": f.category,
        "severity": f.severity,
        "message": f.message,
        "suggestion": f.suggestion,
        "excerpt": f.excerpt,
        **_ref_json(f.segment),
        "revision": (numbers or {}).get(f.revision_id),  # the article's revision number
        "revision_id": f.revision_id,
        "start": f.start,
        "end": f.end,
        "source_start": f.source_start,
        "source_end": f.source_end,
        "status": f.status,
        "related": [
            {
                "start": r.start,
                "end": r.end,
                "source_start": r.source_start,
                "source_end": r.source_end,
                "excerpt": r.excerpt,
                **_ref_json(r.segment),
            }
            for r in f.related
        ],
    }


def cmd_check(args: argparse.Namespace) -> int:
    from editor_app.services import checking, report

    if (args.file is None) == (args.issue is None):
        raise UserError("请给出期刊文件或 --issue ID 之一 (give an issue FILE or --issue ID, not both)")
    numbers: dict[int, int] = {}
    if args.file is not None:
        from editor_app.services import proofs

        res = (proofs.check_pdf_file if proofs.is_pdf_file(args.file) else checking.check_file)(args.file)
    else:
        with svc.open_library(args.db) as lib:
            res = checking.run_checks(lib, svc.require_issue(lib, args.issue))
            numbers = lib.current_revision_numbers(res.issue_id)
    open_errors = sum(1 for f in res.findings if f.status == "open" and f.severity == "error")
    if args.json:
        issue_json = svc.issue_to_json(res.issue)["issue"]
        if res.issue_id is not None:
            issue_json["id"] = res.issue_id
        _print_json(
            {
                "issue": issue_json,
                "findings": [_finding_json(f, i + 1, numbers) for i, f in enumerate(res.findings)],
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
        res = checking.bulk_fix(lib, issue_id, args.rule, seg_id, author=args.author, dry_run=args.dry_run)
        for o in res.outcomes:
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
    print(f"{rule_texts.rule_title(args.rule)}: {verb} {res.applied} 处 in {len(res.outcomes)} 篇 / segments")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from editor_app.services import exporting, proofs

    if (args.docx is None) == (args.pdf is None):
        raise UserError("请给出 --docx OUT 或 --pdf OUT 之一 (give --docx OUT or --pdf OUT)")
    if args.pdf is not None:
        with svc.open_library(args.db) as lib:
            res = proofs.export_pdf(lib, args.issue, args.pdf, author=args.author, lang=args.lang)
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
            regional_vocabulary=args.regional_vocabulary,
            corner_quotes=not args.western_quotes,
            author=args.author,
            lang=args.lang,
        )
    print(f"已导出 (exported): {out}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from editor_app.services import exporting

    if (args.docx is None) == (args.csv is None):
        raise UserError("请给出 --docx OUT 或 --csv OUT 之一 (give --docx OUT or --csv OUT)")
    with svc.open_library(args.db) as lib:
        out = exporting.export_report(
            lib, args.issue, args.docx or args.csv, fmt="csv" if args.csv else "docx", author=args.author,
            lang=args.lang,
        )
    print(f"已导出报告 (report written): {out}")
    return 0


def cmd_import_docx(args: argparse.Namespace) -> int:
    from editor_app.services import docx_roundtrip, importing

    with svc.open_library(args.db) as lib:
        out = importing.import_docx(lib, args.file, args.issue, args.article, author=args.author)
        if out.roundtrip is not None:  # one of our own exports: the changed articles became revisions
            print("\n".join(docx_roundtrip.summary_lines(out.roundtrip)))
            return 1 if out.roundtrip.conflicts else 0
        row = lib.segment(out.seg_id)
    msg = {"added": "已作为新文章导入 (added as a new article)", "revised": "已作为新修订导入 (added as a new revision)",
           "unchanged": "内容相同，未新增修订 (same text, no new revision)"}[out.status]
    print(f"{msg}: [{out.seg_id}] {row.title}")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    from editor_app.services import review

    def window():
        from editor_app.gui import app  # the CLI may start the window; services never import Qt

        return app

    return review.run_app(args.db, terminal=args.terminal, window=window)


def cmd_library(args: argparse.Namespace) -> int:
    from editor_app.services import failures, maintenance

    if svc.is_server_dsn(args.db):
        raise UserError("服务器资料库请用 editor-app server check DSN / a server library is checked with "
                        "`editor-app server check DSN` (recover and backups are IT's: pg_dump)")
    path = failures.library_path(args.db)
    if args.action == "check":
        problems = maintenance.check_library(path)
        if problems:
            print(f"{path}: 资料库已损坏 / the library is damaged ({len(problems)} problems):")
            for line in problems[:20]:
                print(f"    {line}")
            print("恢复 / to recover: editor-app library recover OUT  ·  备份 / backups: editor-app backup list")
            return 2
        print(f"{path}: 完好 / ok (integrity_check, foreign_key_check)")
        return 0
    rec = maintenance.recover_library(path, args.out)
    print(f"已恢复到 (recovered into) {rec.out}: {rec.n_issues} 期 / issues — {rec.method}")
    print(f"    {rec.why}")
    for line in rec.lost:
        print(f"    · {line}")
    print(f"    可用 --db {rec.out} 打开查看，确认后再替换原资料库 / open it with --db {rec.out}; "
          "once satisfied, move it into the library's place")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from editor_app.services import backups, failures

    if svc.is_server_dsn(args.db):
        raise UserError("服务器资料库由管理员备份（pg_dump） / a server library is backed up by IT (pg_dump)")
    path = failures.library_path(args.db)
    if args.action == "list":
        items = backups.list_backups(path)
        if not items:
            print(f"{path}: 还没有备份 / no backups yet ({backups.backup_dir(path)})")
        for b in items:
            print(f"{b.name}  {b.local_time()}  {b.size / 1e6:.1f} MB")
        return 0
    if args.action == "create":
        b = backups.create_backup(path)
        print(f"已备份 (backed up): {b.path}")
        return 0
    chosen, kept = backups.restore(path, args.name)
    print(f"已恢复备份 (restored) {chosen.name} → {path}")
    if kept is not None:
        print(f"    原文件已另存为备份 (the replaced file is kept as backup) {kept.name}")
    return 0


def _add_library_commands(add: Callable[..., argparse.ArgumentParser]) -> None:
    """`library check|recover|push|pull` and `backup list|create|restore`."""
    sp = add("library", cmd_library, "资料库体检与恢复 (check the library file, or recover a damaged one)")
    lsub = sp.add_subparsers(dest="action", metavar="ACTION", required=True)
    lp = lsub.add_parser("check", help="SQLite integrity_check + foreign_key_check, read-only; exit 2 if damaged")
    lp.add_argument("--db")
    lp = lsub.add_parser("recover", help="salvage the library into the new file OUT (sqlite3 .recover when installed)")
    lp.add_argument("out", metavar="OUT")
    lp.add_argument("--db")
    from editor_app import cli_server

    cli_server.add_library_actions(lsub)  # push / pull between a local library and a server

    sp = add("backup", cmd_backup, "自动备份 (list, create or restore backups of the library)")
    bsub = sp.add_subparsers(dest="action", metavar="ACTION", required=True)
    bp = bsub.add_parser("list", help="the library's backups, newest first")
    bp.add_argument("--db")
    bp = bsub.add_parser("create", help="a backup now")
    bp.add_argument("--db")
    bp = bsub.add_parser("restore", help="put backup NAME back; the current file is backed up first")
    bp.add_argument("name", metavar="NAME")
    bp.add_argument("--db")


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
    p.add_argument("--db", dest="self_test_db", metavar="DSN",
                   help="with --self-test: also connect to this newsroom server library (postgresql://…)")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, func: Callable[[argparse.Namespace], int], help_: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help_, description=help_)
        sp.set_defaults(func=func)
        return sp

    _add_library_commands(add)  # listed first in --help; kept apart for easy merging
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
    sp.add_argument("--traditional", choices=["tw", "hk"],
                    help="traditional edition: characters converted (OpenCC s2tw / s2hk), names protected")
    sp.add_argument("--regional-vocabulary", action="store_true",
                    help="with --traditional: the newsroom's regional word list too (软件 -> 軟體)")
    sp.add_argument("--western-quotes", action="store_true", help="with --traditional: keep “” instead of 「」")
    sp.add_argument("--lang", choices=["zh_CN", "en"], default="zh_CN",
                    help="language of the comments' (or the PDF notes') rule titles and messages "
                         "(default Chinese)")
    sp.add_argument("--author", default="editor-app")
    sp.add_argument("--db")

    sp = add("report", cmd_report, "校对报告 (findings report as DOCX or CSV)")
    sp.add_argument("--issue", type=int, required=True)
    sp.add_argument("--docx", metavar="OUT")
    sp.add_argument("--csv", metavar="OUT")
    sp.add_argument("--lang", choices=["zh_CN", "en"], default="zh_CN",
                    help="language of the rule titles and messages in the DOCX report (default Chinese)")
    sp.add_argument("--author", default="editor-app")
    sp.add_argument("--db")

    sp = add("import-docx", cmd_import_docx, "导入 DOCX (our export: changed articles as new revisions; "
             "a manuscript: a new article, or a new revision with --article)")
    sp.add_argument("file")
    sp.add_argument("--issue", type=int, required=True)
    sp.add_argument("--article", metavar="ID")
    sp.add_argument("--author", default="editor-app")
    sp.add_argument("--db")

    from editor_app import cli_article, cli_lexicon, cli_structure

    cli_article.add_parser(add)
    cli_structure.add_parser(add)
    cli_lexicon.add_parser(add)
    from editor_app import cli_server

    cli_server.add_parser(add)

    sp = add("run", cmd_run, "启动应用 (start the app on the library; imports the demo issue on first start)")
    sp.add_argument("--db")
    sp.add_argument("--terminal", action="store_true", help="print the review in the terminal instead of opening the window")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        from editor_app import selftest

        return selftest.main(["--db", args.self_test_db] if args.self_test_db else [])
    if args.self_test_db:
        print("editor-app: --db 应写在命令之后，如 editor-app list --db … / --db goes after the command "
              "(editor-app list --db …); before it, only with --self-test", file=sys.stderr)
        return 2
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    from editor_app.services import failures

    db = getattr(args, "db", None)
    try:
        failures.check_arguments(vars(args))
        status = int(args.func(args) or 0)
        sys.stdout.flush()  # a full disk behind stdout fails here, not silently at exit
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - every escape ends here: one line, or a bug report
        where = None if not hasattr(args, "db") else (db if svc.is_server_dsn(db) else failures.library_path(db))
        msg = failures.user_message(exc, where)
        if msg is None:
            import traceback

            traceback.print_exc()
            print("editor-app: 内部错误，请报告上面的信息 / internal error (a bug); please report the text above",
                  file=sys.stderr)
            return 3
        if isinstance(exc, OSError) and exc.filename is None:
            failures.silence_stdout()  # what is still buffered for stdout cannot be written either
        print(f"editor-app: {msg}", file=sys.stderr)
        return 2
    if hasattr(args, "db") and args.command not in ("backup", "library", "server") and not svc.is_server_dsn(db):
        _backup_after(failures.library_path(db))  # a server library is backed up by its IT
    return status


def _backup_after(path) -> None:
    """The automatic backup at the end of a command (at most every 30 minutes, only when
    the library changed); a failure here is reported but does not undo the command."""
    from editor_app.services import backups, failures

    try:
        backups.maybe_backup(path)
    except Exception as exc:  # noqa: BLE001
        msg = failures.user_message(exc, path) or f"{type(exc).__name__}: {exc}"
        print(f"editor-app: 自动备份未完成 / automatic backup not made: {msg}", file=sys.stderr)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
