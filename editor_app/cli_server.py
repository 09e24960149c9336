"""The command line of a newsroom library on a PostgreSQL server.

``server init DSN``               schema, the roles 编辑 / 校对 / 主编, privileges (IT, once;
                                  again after an upgrade)
``server adduser NAME --role R``  a login for one person (password prompted, or
                                  ``--password-file``)
``server users DSN``              the logins and their roles
``server check DSN``              invariants, search index, roles' privileges and triggers
``library push LOCAL --to DSN``   copy a local library's issues to the server
``library pull DSN --issue ID --to LOCAL``  take an issue home

Every other command works on a server too: ``--db postgresql://user@host/db``.
A refusal by the server (a 校对 changing text, anyone but a 主编 signing off) is
one line on stderr and exit status 2, as for every expected failure.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from editor_app.services.issues import UserError


def _read_password(args: argparse.Namespace) -> str | None:
    if args.no_password:
        return None
    if args.password_file:
        try:
            text = Path(args.password_file).read_text(encoding="utf-8")
        except OSError as exc:
            raise UserError(f"{args.password_file}: 无法读取密码文件 / cannot read the password file ({exc.strerror})") from None
        pw = text.splitlines()[0] if text else ""
    else:
        if not sys.stdin.isatty():
            raise UserError("请用 --password-file 给出密码（非交互） / give --password-file (no terminal to ask)")
        pw = getpass.getpass(f"{args.name} 的密码 / password: ")
        if getpass.getpass("再输入一次 / again: ") != pw:
            raise UserError("两次输入的密码不同 / the passwords differ")
    if not pw:
        raise UserError("密码为空 / the password is empty")
    return pw


def cmd_server(args: argparse.Namespace) -> int:
    from editor_app.services import server
    from editor_app.store.pg_backend import redact

    if args.action == "init":
        res = server.init(args.dsn)
        what = "、".join(res.applied) if res.applied else "无 / none"
        print(f"{redact(args.dsn)}: 资料库已就绪 / the library is ready — 迁移 (migrations applied): {what}; "
              f"{res.tables} 张表 (tables); 角色 (roles): 编辑 {res.groups[0]}, 校对 {res.groups[1]}, 主编 {res.groups[2]}")
        return 0
    if args.action == "adduser":
        password = _read_password(args)
        group = server.add_user(args.db, args.name, args.role, password)
        print(f"已设置用户 {args.name}，角色 {args.role} ({group}) / login {args.name} set up as {args.role}")
        return 0
    if args.action == "users":
        for login, label in server.users(args.dsn):
            print(f"{login}\t{label}")
        return 0
    report = server.check(args.dsn, args.issue)
    if report.problems:
        print(f"{redact(args.dsn)}: 发现 {len(report.problems)} 个问题 / {len(report.problems)} problems:")
        for line in report.problems:
            print(f"    {line}")
        return 2
    print(f"{redact(args.dsn)}: 完好 / ok — {report.n_issues} 期 (issues), {report.n_segments} 分段 (segments), "
          f"{report.n_revisions} 修订 (revisions)")
    return 0


def cmd_push(args: argparse.Namespace) -> int:
    from editor_app.services import server

    report = server.push(args.local, args.to, args.issue)
    for r in report.copied:
        print(f"{r.label}: 已复制 (copied) — issue {r.issue_id} on the server, {r.n_segments} 分段, "
              f"{r.n_revisions} 修订, {r.n_findings} 检查结果, {r.n_decisions} 决定")
    for r in report.already:
        print(f"{r.label}: 服务器上已有，未重复复制 (already there) — issue {r.issue_id}")
    if not report.copied and not report.already:
        print("本机资料库为空 (the local library is empty)")
    return 0


def cmd_pull(args: argparse.Namespace) -> int:
    from editor_app.services import server

    r = server.pull(args.dsn, args.issue, args.to)
    if r.status == "copied":
        print(f"{r.label}: 已取回 (pulled) — issue {r.issue_id} in {args.to}, {r.n_revisions} 修订")
    else:
        print(f"{r.label}: 本机已有，未重复复制 (already there) — issue {r.issue_id} in {args.to}")
    return 0


def add_parser(add) -> None:
    sp = add("server", cmd_server, "编辑部服务器资料库：初始化、用户、检查 (newsroom library on a PostgreSQL server)")
    ssub = sp.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = ssub.add_parser("init", help="create or upgrade the schema, the roles 编辑/校对/主编 and their privileges")
    p.add_argument("dsn", metavar="DSN", help="postgresql://owner@host/database")
    p = ssub.add_parser("adduser", help="a login NAME with role 编辑, 校对 or 主编")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--role", required=True, help="编辑 (editor), 校对 (proofreader) or 主编 (chief)")
    p.add_argument("--password-file", metavar="FILE", help="first line is the password (else prompted)")
    p.add_argument("--no-password", action="store_true", help="no password (the server authenticates otherwise)")
    p.add_argument("--db", required=True, metavar="DSN", help="postgresql://admin@host/database")
    p = ssub.add_parser("users", help="the logins of the library and their roles")
    p.add_argument("dsn", metavar="DSN")
    p = ssub.add_parser("check", help="invariants, search index, the roles' privileges and triggers; exit 2 on a problem")
    p.add_argument("dsn", metavar="DSN")
    p.add_argument("--issue", type=int, help="only this issue's segments")


def add_library_actions(lsub) -> None:
    """`library push` and `library pull`, beside `library check|recover` (cli.py)."""
    p = lsub.add_parser("push", help="copy a local library's issues to a server library (idempotent)")
    p.add_argument("local", metavar="LOCAL", help="the local library file")
    p.add_argument("--to", required=True, metavar="DSN")
    p.add_argument("--issue", type=int, action="append", help="only this issue (repeat for several)")
    p.set_defaults(func=cmd_push)
    p = lsub.add_parser("pull", help="copy one issue of a server library into a local library (idempotent)")
    p.add_argument("dsn", metavar="DSN")
    p.add_argument("--issue", type=int, required=True)
    p.add_argument("--to", required=True, metavar="LOCAL")
    p.set_defaults(func=cmd_pull)
