"""`fix` over a whole issue survives an article changed meanwhile; the one translation
of failures (services/failures.py) words OS and SQLite errors, and a bug stays a bug."""

from __future__ import annotations

import errno
import sqlite3
import sys

import pytest

from editor_app import cli
from editor_app.ingest import parse_file
from editor_app.services import failures, fixing
from editor_app.store import Library

from .conftest import DEMO

RULE = "punctuation.halfwidth"


@pytest.fixture
def lib_path(tmp_path):
    path = tmp_path / "lib.sqlite"
    with Library(path) as lib:
        lib.import_issue(parse_file(DEMO))
    return path


def _another_desk_edits(monkeypatch, path, target: dict):
    """After the fix has read an article's text, another program saves a new version of
    it (a real second connection): the fix's save then conflicts."""
    original = Library.current_text

    def current_text(self, seg_id):
        text, version = original(self, seg_id)
        caller = sys._getframe(1).f_code.co_name
        if caller == "_fix_segment" and not target.get("done"):
            target.setdefault("id", seg_id)
            if seg_id == target["id"]:
                target["done"] = True
                with Library(path) as other:
                    other.save_text(seg_id, text + "\n另一位编辑加的一句。", "other desk", expected_version=version)
        return text, version

    monkeypatch.setattr(Library, "current_text", current_text)


def test_fix_skips_the_conflicting_article_and_fixes_the_others(monkeypatch, lib_path):
    target: dict = {}
    _another_desk_edits(monkeypatch, lib_path, target)
    with Library(lib_path) as lib:
        rep = fixing.fix_issue(lib, 1, RULE, author="tester")
        assert [sid for sid, _ in rep.conflicts] == [target["id"]]
        fixed = [o for o in rep.outcomes if o.revision is not None]
        assert len(fixed) >= 2 and all(o.segment_id != target["id"] for o in fixed)
        # the other desk's text is current for the skipped article, untouched by the fix
        assert lib.current_text(target["id"])[0].endswith("另一位编辑加的一句。")
        # a second run fixes the article that was skipped
        monkeypatch.undo()
        again = fixing.fix_issue(lib, 1, RULE, author="tester")
        assert not again.conflicts
        assert [o.segment_id for o in again.outcomes if o.revision is not None] == [target["id"]]


def test_cli_fix_reports_the_skipped_article(monkeypatch, lib_path, capsys):
    target: dict = {}
    _another_desk_edits(monkeypatch, lib_path, target)
    code = cli.main(["fix", "--issue", "1", "--rule", RULE, "--db", str(lib_path)])
    out = capsys.readouterr().out
    assert code == 0
    assert f"[{target['id']}]" in out and "skipped" in out


@pytest.mark.parametrize(
    "err,needle",
    [
        (OSError(errno.ENOSPC, "No space left on device", "/x/out.docx"), "磁盘已满"),
        (OSError(errno.EROFS, "Read-only file system", "/x/out.docx"), "只读"),
        (OSError(errno.EACCES, "Permission denied", "/x/out.docx"), "没有权限"),
        (OSError(errno.EIO, "Input/output error", "/x/out.docx"), "磁盘读写错误"),
    ],
)
def test_os_errors_name_the_file_and_what_to_do(err, needle):
    msg = failures.user_message(err)
    assert needle in msg and "/x/out.docx" in msg and " / " in msg and "\n" not in msg


@pytest.mark.parametrize(
    "text,needle",
    [
        ("database or disk is full", "磁盘已满"),
        ("database is locked", "另一个程序"),
        ("database disk image is malformed", "library recover"),
        ("file is not a database", "不是本程序的资料库"),
        ("disk I/O error", "library check"),
    ],
)
def test_sqlite_errors_are_worded_with_the_library(tmp_path, text, needle):
    msg = failures.user_message(sqlite3.OperationalError(text), tmp_path / "lib.sqlite")
    assert needle in msg and "lib.sqlite" in msg and "\n" not in msg


def test_a_bug_keeps_its_traceback_and_exit_3(monkeypatch, capsys, tmp_path):
    def broken(args):
        raise KeyError("not an expected failure")

    monkeypatch.setattr(cli, "cmd_list", broken)
    parser = cli.build_parser
    monkeypatch.setattr(cli, "build_parser", lambda: _with(parser(), "list", broken))
    assert cli.main(["list", "--db", str(tmp_path / "l.sqlite")]) == 3
    err = capsys.readouterr().err
    assert "Traceback" in err and "internal error" in err
    assert failures.user_message(KeyError("x")) is None


def _with(parser, name, func):
    sub = next(a for a in parser._actions if a.dest == "command")
    sub.choices[name].set_defaults(func=func)
    return parser
