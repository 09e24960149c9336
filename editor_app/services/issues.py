"""Use cases around issues: parse, import into the library, list, search, review summary.

Services compose ingest, store and checks; the CLI and the GUI call only these.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from editor_app import paths
from editor_app.ingest import DecodeError, parse_file
from editor_app.model import Issue
from editor_app.store import Library, LibraryError, MastheadConflictError


class UserError(Exception):
    """Bad input or a refused operation; ``str(err)`` is a one-line user-facing message."""


def open_library(db: str | Path | None = None) -> Library:
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


@dataclass
class ImportOutcome:
    issue_id: int
    status: str  # imported | already | replaced
    label: str
    n_articles: int


def import_issue_file(lib: Library, path: str | Path, replace: bool = False, author: str = "") -> ImportOutcome:
    issue = parse_issue_file(path)
    try:
        res = lib.import_issue(issue, replace=replace, author=author)
    except MastheadConflictError as exc:
        raise UserError(
            f"资料库中已有《{exc.label}》（期 {exc.existing_issue_id}），"
            f"内容与 {Path(path).name} 不同，未导入；如确要替换，请加 --replace（旧文本保留为修订） / "
            f"the library already holds {exc.label} from another file; nothing imported; "
            "use --replace to replace it (the old text is kept as revisions)"
        ) from None
    except LibraryError as exc:
        raise UserError(str(exc)) from None
    return ImportOutcome(res.issue_id, res.status, issue.masthead.label(), len(issue.articles()))


def ensure_demo_issue(lib: Library) -> int | None:
    """Import the bundled demo issue into an empty library; return the first issue's id."""
    issues = lib.list_issues()
    if issues:
        return issues[0].id
    demo = paths.demo_issue_path()
    if not demo.exists():
        return None
    return import_issue_file(lib, demo, author="demo").issue_id


def require_issue(lib: Library, issue_id: int) -> int:
    if not any(r.id == issue_id for r in lib.list_issues()):
        raise UserError(f"资料库中没有期刊 {issue_id} (no issue {issue_id} in the library)")
    return issue_id


def require_segment(lib: Library, issue_id: int, ident: str | int) -> int:
    """A segment of the issue by library id or key (s03)."""
    text = str(ident)
    for row in lib.segments(issue_id):
        if str(row.id) == text or row.key == text:
            return row.id
    raise UserError(f"期刊 {issue_id} 中没有文章 {ident} (no segment {ident} in issue {issue_id})")
