"""Use cases around issues: open the library, parse, the parse JSON, ids from the user.

Imports live in services/importing.py.

Services compose ingest, store and checks; the CLI and the GUI call only these.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from editor_app import paths
from editor_app.ingest import DecodeError, parse_file
from editor_app.model import Issue
from editor_app.store import Library, LibraryError, ServerUnreachable
from editor_app.store.pg_backend import is_server_dsn  # also the CLI's and the window's


class UserError(Exception):
    """Bad input or a refused operation; ``str(err)`` is a one-line user-facing message."""


def open_library(db: str | Path | None = None) -> Library:
    """The library named by ``--db``: a file (default: the user library) or a
    ``postgresql://`` DSN (a newsroom library on a server)."""
    if is_server_dsn(db):
        try:
            return Library(str(db).strip())
        except ServerUnreachable:
            raise  # typed: the window keeps saves in its offline outbox meanwhile
        except LibraryError as exc:
            raise UserError(str(exc)) from None
    path = Path(db) if db else paths.default_library_path()
    if str(path) != ":memory:":
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"{path}: 无法创建资料库目录 (cannot create the library folder: {exc.strerror})") from None
    try:
        return Library(path)
    except LibraryError as exc:
        raise UserError(str(exc)) from None
    except Exception as exc:  # sqlite3.DatabaseError on a file that is not a library
        raise UserError(f"{path}: 无法打开资料库 (cannot open the library: {exc})") from None


def parse_issue_file(path: str | Path) -> Issue:
    try:
        return parse_file(path)
    except DecodeError as exc:
        raise UserError(str(exc)) from None


def issue_to_json(issue: Issue) -> dict[str, Any]:
    """The `editor-app parse --json` contract."""
    m = issue.masthead
    return {
        "issue": {
            "title": m.title,
            "year": m.year,
            "number": m.number,
            "total_number": m.total_number,
            "frequency": m.frequency,
        },
        "toc": [
            {
                "page": e.page,
                "section": e.section,
                "title": e.title,
                "subtitle": e.subtitle,
                "authors": list(e.authors),
                "role": e.role,
                "article_id": e.article_id,
            }
            for e in issue.toc
        ],
        "segments": [
            {
                "id": s.id,
                "kind": s.kind,
                "title": s.title,
                "authors": list(s.authors),
                "page": s.page,
                "source_start": s.source_start,
                "source_end": s.source_end,
            }
            for s in issue.segments
        ],
    }


def require_issue(lib: Library, issue_id: int) -> int:
    if not any(r.id == issue_id for r in lib.list_issues()):
        raise UserError(f"资料库中没有期刊 {issue_id} (no issue {issue_id} in the library)")
    return issue_id


def require_segment(lib: Library, issue_id: int, ident: str | int) -> int:
    """A segment of the issue by library id or key (s03); the store resolves it."""
    try:
        ref = lib.segment_ref(issue_id, ident)
    except LibraryError:
        ref = None
    if ref is not None:
        return ref.id
    raise UserError(f"期刊 {issue_id} 中没有文章 {ident} (no segment {ident} in issue {issue_id})")


def require_revision(lib: Library, seg_id: int, number: int):
    """Revision number ``number`` (as the history shows it) of an article."""
    try:
        return lib.revision_by_number(seg_id, number)
    except LibraryError:
        raise UserError(f"文章 {seg_id} 没有修订 #{number} (article {seg_id} has no revision #{number})") from None
