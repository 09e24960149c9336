"""The command line's article commands: ``article``, ``history``, ``restore``, ``set``
(an article's header fields and text, its revisions, restoring one, changing fields)."""

from __future__ import annotations

import argparse
import re

from editor_app.cli import _print_json  # loaded by now: cli.build_parser imports this module
from editor_app.services import issues as svc
from editor_app.services import rule_texts
from editor_app.services.issues import UserError


def _article_json(view) -> dict:
    return {
        "id": view.seg_id,
        "key": view.key,
        "revision": view.revision_number,
        "kicker": view.kicker,
        "title": view.title,
        "subtitle": view.subtitle,
        "authors": list(view.authors),
        "role": view.role,
        "page": view.page,
        "text": view.text,
    }


def cmd_article(args: argparse.Namespace) -> int:
    from editor_app.services import editing

    with svc.open_library(args.db) as lib:
        issue_id = svc.require_issue(lib, args.issue)
        view = editing.load_article(lib, svc.require_segment(lib, issue_id, args.article))
    if args.json:
        _print_json(_article_json(view))
        return 0
    print(f"[{view.seg_id} {view.key}] 修订 #{view.revision_number}  P{view.page if view.page is not None else '-'}")
    for label, value in (("栏目", view.kicker), ("标题", view.title), ("副题", view.subtitle),
                         ("作者", "、".join(view.authors)), ("身份", view.role)):
        if value:
            print(f"{label}: {value}")
    print()
    print(view.text)
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    from editor_app.services import editing

    with svc.open_library(args.db) as lib:
        issue_id = svc.require_issue(lib, args.issue)
        entries = editing.history(lib, svc.require_segment(lib, issue_id, args.article))
    if args.json:
        _print_json([
            {"revision": e.revision.number, "author": e.revision.author, "time": e.revision.created,
             "note": e.revision.note, "changed": e.changed}
            for e in entries
        ])
        return 0
    for e in entries:
        r = e.revision
        note = rule_texts.revision_note(r.note) or r.note  # "fix <rule>": the rule's title
        if note != r.note:
            note = ("批量修改：" if r.note.startswith("bulk fix ") else "采纳建议：") + note
        print(f"#{r.number:<4} {r.created}  {r.author or '-':<12} {note:<20} {', '.join(e.changed)}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from editor_app.services import editing

    with svc.open_library(args.db) as lib:
        issue_id = svc.require_issue(lib, args.issue)
        seg_id = svc.require_segment(lib, issue_id, args.article)
        rev = svc.require_revision(lib, seg_id, args.revision)
        res = editing.restore_revision(lib, rev.id, args.author)
    if res.changed:
        print(f"已恢复修订 #{args.revision}，成为修订 #{res.revision.number} (restored #{args.revision} as #{res.revision.number})")
    else:
        print(f"修订 #{args.revision} 与当前版本相同，未新增修订 (#{args.revision} is the current text; nothing written)")
    return 0


def cmd_set(args: argparse.Namespace) -> int:
    from editor_app.services import editing

    fields = {}
    for name in ("kicker", "title", "subtitle", "role"):
        value = getattr(args, name)
        if value is not None:
            fields[name] = value
    if args.authors is not None:
        fields["authors"] = [a for a in re.split(r"[、,，;；\s]+", args.authors) if a]
    if args.page is not None:
        fields["page"] = args.page
    if not fields:
        raise UserError("请至少给出一个要修改的字段 (give at least one field to set)")
    with svc.open_library(args.db) as lib:
        issue_id = svc.require_issue(lib, args.issue)
        seg_id = svc.require_segment(lib, issue_id, args.article)
        res = editing.set_header(lib, seg_id, args.author_name, **fields)
    if res.changed:
        print(f"已保存为修订 #{res.revision.number} (saved as revision #{res.revision.number})")
    else:
        print("字段未变，未新增修订 (no field changed; nothing written)")
    return 0


def add_parser(add) -> None:
    sp = add("article", cmd_article, "显示一篇文章的字段和正文 (an article's header fields and current text)")
    sp.add_argument("--issue", type=int, required=True)
    sp.add_argument("--article", required=True, metavar="ID", help="segment id or key like s03")
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--db")

    sp = add("history", cmd_history, "文章的修订历史 (an article's revisions, with what each changed)")
    sp.add_argument("--issue", type=int, required=True)
    sp.add_argument("--article", required=True, metavar="ID")
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--db")

    sp = add("restore", cmd_restore, "恢复一个旧修订，存为新修订 (make an earlier revision current, as a new revision)")
    sp.add_argument("--issue", type=int, required=True)
    sp.add_argument("--article", required=True, metavar="ID")
    sp.add_argument("--revision", type=int, required=True, metavar="N", help="revision number as `history` shows it")
    sp.add_argument("--author", default="editor-app")
    sp.add_argument("--db")

    sp = add("set", cmd_set, "修改文章的标题、作者等字段，存为新修订 (change header fields, as a new revision)")
    sp.add_argument("--issue", type=int, required=True)
    sp.add_argument("--article", required=True, metavar="ID")
    sp.add_argument("--kicker")
    sp.add_argument("--title")
    sp.add_argument("--subtitle")
    sp.add_argument("--authors", help="names separated by 、 , or spaces")
    sp.add_argument("--role")
    sp.add_argument("--page", type=int)
    sp.add_argument("--author", dest="author_name", default="editor-app", help="name recorded on the revision")
    sp.add_argument("--db")
