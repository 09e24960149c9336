"""The one translation of failures (services/failures.py) words OS and SQLite errors,
and a bug stays a bug (exit 3, traceback)."""

from __future__ import annotations

import errno
import sqlite3

import pytest

from editor_app import cli
from editor_app.services import failures


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
