"""Use cases of a newsroom library on a PostgreSQL server: set-up, accounts, checks,
moving issues between a local library and the server (``editor-app server …`` and
``editor-app library push|pull``).

Roles (编辑 / 校对 / 主编) and what each may do are the store's (store/pg_roles.py):
the server enforces them; this layer only words the outcome.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from editor_app.store import LibraryError, pg_roles, transfer
from editor_app.store.invariants import problems as invariant_problems
from editor_app.store.pg_backend import redact

from .issues import UserError, is_server_dsn, open_library


def _require_dsn(dsn: str) -> str:
    if not is_server_dsn(dsn):
        raise UserError(
            f"不是服务器地址：{dsn}（应以 postgresql:// 开头） / not a server DSN: {dsn} "
            "(expected postgresql://user@host/database)"
        )
    return dsn.strip()


def _db_error(exc: Exception, dsn: str) -> UserError:
    import psycopg

    if isinstance(exc, psycopg.errors.InsufficientPrivilege):
        return UserError(
            f"{redact(dsn)}: 权限不足，需以数据库所有者或管理员身份运行 / insufficient privilege: "
            f"run this as the database owner or an administrator ({exc.diag.message_primary})"
        )
    line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return UserError(f"{redact(dsn)}: 服务器操作失败 / the server refused: {line}")


def init(dsn: str) -> pg_roles.InitResult:
    """Schema, group roles and privileges on the database of ``dsn`` (idempotent)."""
    import psycopg

    dsn = _require_dsn(dsn)
    try:
        return pg_roles.init_server(dsn)
    except LibraryError as exc:
        raise UserError(str(exc)) from None
    except psycopg.Error as exc:
        raise _db_error(exc, dsn) from None


def add_user(dsn: str, name: str, role: str, password: str | None) -> str:
    import psycopg

    dsn = _require_dsn(dsn)
    try:
        return pg_roles.add_user(dsn, name, role, password)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    except psycopg.Error as exc:
        raise _db_error(exc, dsn) from None


def users(dsn: str) -> list[tuple[str, str]]:
    import psycopg

    dsn = _require_dsn(dsn)
    try:
        return pg_roles.roles_of(dsn)
    except psycopg.Error as exc:
        raise _db_error(exc, dsn) from None


@dataclass
class CheckReport:
    problems: list[str]
    n_issues: int
    n_segments: int
    n_revisions: int


def check(dsn: str, issue_id: int | None = None) -> CheckReport:
    """The store's invariants, the search index, and the roles' privileges and triggers
    on a server library."""
    with open_library(_require_dsn(dsn)) as lib:
        found = invariant_problems(lib, issue_id)
        if issue_id is None:
            found = pg_roles.enforcement_problems(lib) + lib._cx.search_index_problems() + found
        counts = lib.library_counts()
    return CheckReport(found, *counts)


@dataclass
class MoveReport:
    copied: list[transfer.CopyResult] = field(default_factory=list)
    already: list[transfer.CopyResult] = field(default_factory=list)


def _local(path: str | Path, must_exist: bool) -> Path:
    p = Path(path)
    if is_server_dsn(str(path)):
        raise UserError(f"这里需要本机资料库文件，而不是服务器地址：{path} / a local library file is needed here")
    if must_exist and not p.is_file():
        raise UserError(f"{p}: 本机资料库不存在 / no such local library")
    return p


def push(local: str | Path, dsn: str, issue_ids: list[int] | None = None) -> MoveReport:
    """Copy the local library's issues (all, or ``issue_ids``) to the server."""
    report = MoveReport()
    with open_library(_local(local, True)) as src, open_library(_require_dsn(dsn)) as dst:
        ids = issue_ids or [r.id for r in src.list_issues()]
        for issue_id in ids:
            try:
                res = transfer.copy_issue(src, dst, issue_id)
            except LibraryError as exc:
                raise UserError(str(exc)) from None
            (report.copied if res.status == "copied" else report.already).append(res)
    return report


def pull(dsn: str, issue_id: int, local: str | Path) -> transfer.CopyResult:
    """Copy one issue from the server into a local library (created if absent)."""
    with open_library(_require_dsn(dsn)) as src, open_library(_local(local, False)) as dst:
        try:
            return transfer.copy_issue(src, dst, issue_id)
        except LibraryError as exc:
            raise UserError(str(exc)) from None


@dataclass
class ServerInfo:
    dsn: str  # without the password
    login: str
    role: str
    n_issues: int
    search_ms: float
    driver: str  # psycopg's implementation ("binary", "c", "python") and libpq version


def connect_info(dsn: str) -> ServerInfo:
    """Connect, read, search: what ``--self-test --db DSN`` proves of a server library."""
    import time

    import psycopg

    with open_library(_require_dsn(dsn)) as lib:
        login, role = pg_roles.login_role(lib)
        n = len(lib.list_issues())
        t0 = time.perf_counter()
        lib.search("的", limit=5)
        ms = (time.perf_counter() - t0) * 1000
    driver = f"psycopg {psycopg.__version__} ({psycopg.pq.__impl__}, libpq {psycopg.pq.version()})"
    return ServerInfo(redact(dsn), login, role, n, ms, driver)
