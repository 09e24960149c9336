"""Accounts and roles of a newsroom library, enforced by the PostgreSQL server.

Each person connects as their own login, a member of one of three group roles:

======  =========================  ==============================================
用户看到  SQL role                    may
======  =========================  ==============================================
编辑     ``editor_app_editor``       everything a proofreader may, and change text
                                   and headers (revisions), import, structure
校对     ``editor_app_proofreader``  read; check (findings), dismiss / reopen
                                   (decisions, events), allowlist, settings,
                                   review status up to 已校; never text
主编     ``editor_app_chief``        everything; the only one to set 签发 or take
                                   it back, and to delete an issue
======  =========================  ==============================================

How it is enforced, for any client (a modified one, ``psql``):

* GRANTs by table and, for ``issues`` and ``segments``, by column: a proofreader
  may update only ``segments.review_status/review_by/review_at`` and
  ``issues.checked_digest/checked_at``, and has no INSERT on ``revisions``, so
  it cannot change a text or a header.
* Triggers (pg_schema.py): only a member of ``editor_app_chief`` (or a
  superuser) sets or leaves ``signed``; a signed article takes no new revision;
  revisions refuse UPDATE and DELETE for everyone (the owner included); the
  login (``current_user``) is written on revisions, decisions, finding events,
  structure changes and review statuses by the server, whatever the client sent.

A refusal is SQLSTATE 42501; the store raises ``PermissionRefused`` and the CLI
prints one line and exits 2.

Adding a table: put it in ``TABLE_WRITERS`` (who may write it, which
privileges); a table not listed is readable by all three and writable by
editors and the chief.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import LibraryError

GROUPS = {
    "editor": "editor_app_editor",
    "proofreader": "editor_app_proofreader",
    "chief": "editor_app_chief",
}
ROLE_LABELS = {"editor": "编辑", "proofreader": "校对", "chief": "主编"}
_BY_LABEL = {label: key for key, label in ROLE_LABELS.items()}

_ALL = ("proofreader", "editor")  # the chief is a member of both
_EDIT = ("editor",)

# table -> [(groups, privileges)]; the chief inherits from editor and proofreader
TABLE_WRITERS: dict[str, list[tuple[tuple[str, ...], str]]] = {
    "issues": [(_EDIT, "INSERT, UPDATE"), (_ALL, "UPDATE (checked_digest, checked_at)"),
               (("chief",), "DELETE")],
    "issue_sources": [(_EDIT, "INSERT, UPDATE, DELETE")],
    "toc_entries": [(_EDIT, "INSERT, UPDATE, DELETE")],
    "segments": [(_EDIT, "INSERT, UPDATE, DELETE"), (_ALL, "UPDATE (review_status, review_by, review_at)")],
    "revisions": [(_EDIT, "INSERT")],
    "findings": [(_ALL, "INSERT, UPDATE, DELETE")],
    "decisions": [(_ALL, "INSERT, UPDATE, DELETE")],
    "finding_events": [(_ALL, "INSERT")],
    "settings": [(_ALL, "INSERT, UPDATE, DELETE")],
    "allowlist": [(_ALL, "INSERT, UPDATE, DELETE")],
    "store_meta": [(_EDIT, "INSERT, UPDATE, DELETE")],
    "pdf_proofs": [(_EDIT, "INSERT, UPDATE, DELETE")],
    "structure_changes": [(_EDIT, "INSERT, UPDATE")],
    "search_docs": [(_EDIT, "INSERT, UPDATE, DELETE")],
    # written by every check (the statements and posts of the current texts)
    "statements": [(_ALL, "INSERT, UPDATE, DELETE")],
    "issue_posts": [(_ALL, "INSERT, UPDATE, DELETE")],
    "ngrams": [(_ALL, "INSERT, UPDATE, DELETE")],  # the typo archive, also written by every check
    "ngram_issues": [(_ALL, "INSERT, UPDATE, DELETE")],
    # the house lexicon: editors and the chief (the default); proofreaders read it
    "lexicon": [(_EDIT, "INSERT, UPDATE, DELETE")],
}


def role_key(role: str) -> str:
    """'校对' / 'proofreader' / 'editor_app_proofreader' -> 'proofreader'."""
    r = role.strip()
    if r in _BY_LABEL:
        return _BY_LABEL[r]
    if r in GROUPS:
        return r
    for key, group in GROUPS.items():
        if r == group:
            return key
    raise ValueError(
        f"未知的角色：{role}（可用：编辑、校对、主编） / unknown role {role!r}; use 编辑, 校对 or 主编"
    )


@dataclass
class InitResult:
    applied: list[str]
    groups: list[str]
    tables: int


def _conn(dsn: str):
    import psycopg

    return psycopg.connect(dsn, autocommit=True)


def init_server(dsn: str) -> InitResult:
    """Create (or bring up to date) the library in the database of ``dsn``: group roles,
    schema (pending migrations), privileges. Idempotent; run by the database owner."""
    from psycopg import sql

    from .pg_backend import PgConnection

    with _conn(dsn) as conn:
        owner = conn.execute(
            "SELECT pg_has_role(current_user, d.datdba, 'MEMBER'), pg_get_userbyid(d.datdba) "
            "FROM pg_database d WHERE d.datname = current_database()"
        ).fetchone()
        if not owner[0]:
            raise LibraryError(
                f"只有数据库所有者（{owner[1]}）或管理员可以初始化资料库 / only the database owner "
                f"({owner[1]}) or an administrator may run server init"
            )
        # roles are the cluster's: made once, by whoever initialises the first library
        for key, group in GROUPS.items():
            exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (group,)).fetchone()
            if not exists:
                conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(group)))
                conn.execute(
                    sql.SQL("COMMENT ON ROLE {} IS {}").format(
                        sql.Identifier(group), sql.Literal(f"editor-app {ROLE_LABELS[key]}")
                    )
                )
        chief = sql.Identifier(GROUPS["chief"])
        for member in ("editor", "proofreader"):
            if not conn.execute(
                "SELECT pg_has_role(%s, %s, 'MEMBER')", (GROUPS["chief"], GROUPS[member])
            ).fetchone()[0]:
                conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(GROUPS[member]), chief))
    cx = PgConnection(dsn, pool_max=1)
    try:
        applied = cx.apply_migrations()
    finally:
        cx.close()
    with _conn(dsn) as conn, conn.transaction():
        n = apply_grants(conn)
    from .library import Library

    with Library(dsn):  # builds the search index now, so that any desk may open it first
        pass
    return InitResult(applied=applied, groups=list(GROUPS.values()), tables=n)


def apply_grants(conn) -> int:
    """Privileges of the three groups on every table of the library (replacing any)."""
    from psycopg import sql

    dbname = conn.execute("SELECT current_database()").fetchone()[0]
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        ).fetchall()
    ]
    groups = [sql.Identifier(g) for g in GROUPS.values()]
    everyone = sql.SQL(", ").join(groups)
    conn.execute(sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(sql.Identifier(dbname), everyone))
    conn.execute(sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(everyone))
    conn.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    for table in tables:
        t = sql.Identifier(table)
        conn.execute(sql.SQL("REVOKE ALL ON {} FROM PUBLIC, {}").format(t, everyone))
        conn.execute(sql.SQL("GRANT SELECT ON {} TO {}").format(t, everyone))
        for who, privileges in TABLE_WRITERS.get(table, [(_EDIT, "INSERT, UPDATE, DELETE")]):
            to = sql.SQL(", ").join(sql.Identifier(GROUPS[w]) for w in who)
            conn.execute(sql.SQL("GRANT " + privileges + " ON {} TO {}").format(t, to))
    conn.execute(sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {}").format(everyone))
    return len(tables)


def add_user(dsn: str, name: str, role: str, password: str | None) -> str:
    """Create the login ``name`` (or update its password) in group ``role``; returns the
    group. Its other group memberships of ours are revoked: one role per person."""
    from psycopg import sql

    key = role_key(role)
    if not name or not name.strip():
        raise ValueError("用户名不能为空 / the user name is empty")
    who = sql.Identifier(name)
    with _conn(dsn) as conn, conn.transaction():
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,)).fetchone()
        pw = sql.SQL("PASSWORD {}").format(sql.Literal(password)) if password else sql.SQL("")
        verb = "ALTER" if exists else "CREATE"
        conn.execute(sql.SQL(verb + " ROLE {} LOGIN {}").format(who, pw))
        for other_key, group in GROUPS.items():
            if other_key != key:
                conn.execute(sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(group), who))
        conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(GROUPS[key]), who))
    return GROUPS[key]


def roles_of(dsn: str) -> list[tuple[str, str]]:
    """(login, role label) of every login in one of the groups."""
    with _conn(dsn) as conn:
        rows = conn.execute(
            """
            SELECT m.rolname, g.rolname FROM pg_auth_members am
            JOIN pg_roles g ON g.oid = am.roleid JOIN pg_roles m ON m.oid = am.member
            WHERE g.rolname = ANY(%s) AND m.rolcanlogin ORDER BY m.rolname
            """,
            (list(GROUPS.values()),),
        ).fetchall()
    label = {g: ROLE_LABELS[k] for k, g in GROUPS.items()}
    return [(m, label[g]) for m, g in rows]


def login_role(lib) -> tuple[str, str]:
    """(login, role label) of the connection of a server library; the label is 管理员 for a
    superuser or the database owner, '' for a login in none of the groups."""
    row = lib._one(
        """
        SELECT current_user AS login,
               (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
                   OR pg_has_role(current_user, d.datdba, 'MEMBER') AS admin
        FROM pg_database d WHERE d.datname = current_database()
        """
    )
    if row["admin"]:
        return row["login"], "管理员"
    for key in ("chief", "editor", "proofreader"):
        if lib._scalar("SELECT pg_has_role(current_user, ?, 'MEMBER')", (GROUPS[key],)):
            return row["login"], ROLE_LABELS[key]
    return row["login"], ""


# (group, table, privilege, column or None, expected): what `server check` verifies
_EXPECTED_PRIVILEGES = [
    ("proofreader", "revisions", "INSERT", None, False),
    ("proofreader", "revisions", "UPDATE", None, False),
    ("proofreader", "segments", "UPDATE", "title", False),
    ("proofreader", "segments", "UPDATE", "current_revision_id", False),
    ("proofreader", "segments", "UPDATE", "review_status", True),
    ("proofreader", "decisions", "INSERT", None, True),
    ("proofreader", "issues", "DELETE", None, False),
    ("editor", "revisions", "INSERT", None, True),
    ("editor", "revisions", "DELETE", None, False),
    ("editor", "segments", "UPDATE", "current_revision_id", True),
    ("editor", "issues", "DELETE", None, False),
    ("chief", "issues", "DELETE", None, True),
    ("chief", "revisions", "INSERT", None, True),
]
_REQUIRED_TRIGGERS = {
    "revisions": {"revisions_append_only", "revisions_login", "revisions_signed"},
    "segments": {"segments_review", "segments_search_idx", "segments_live"},
    "decisions": {"decisions_login", "decisions_live"},
    "finding_events": {"finding_events_login"},
    "structure_changes": {"structure_changes_login"},
    # live updates between desks (migration 0008_live): without them windows go stale
    "findings": {"findings_live"},
    "toc_entries": {"toc_entries_live"},
    "issues": {"issues_live"},
    "allowlist": {"allowlist_live"},
    "settings": {"settings_live"},
}


def enforcement_problems(lib) -> list[str]:
    """What would let a role do more than it may: a privilege or a trigger missing or
    switched off (``server check``)."""
    out: list[str] = []
    for key, group in GROUPS.items():
        if not lib._scalar("SELECT 1 FROM pg_roles WHERE rolname = ?", (group,)):
            out.append(f"role {group} ({ROLE_LABELS[key]}) is missing: run server init")
            return out
    for key, table, priv, column, expected in _EXPECTED_PRIVILEGES:
        if column is None:
            has = lib._scalar("SELECT has_table_privilege(?, ?, ?)", (GROUPS[key], table, priv))
        else:
            has = lib._scalar("SELECT has_column_privilege(?, ?, ?, ?)", (GROUPS[key], table, column, priv))
        if bool(has) != expected:
            what = f"{table}.{column}" if column else table
            out.append(f"privilege: {ROLE_LABELS[key]} {'lacks' if expected else 'has'} {priv} on {what}")
    rows = lib._rows(
        "SELECT c.relname, t.tgname, t.tgenabled FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "WHERE NOT t.tgisinternal AND c.relnamespace = 'public'::regnamespace"
    )
    enabled = {(r[0], r[1]) for r in rows if r[2] != "D"}
    for table, names in _REQUIRED_TRIGGERS.items():
        for name in sorted(names):
            if (table, name) not in enabled:
                out.append(f"trigger {name} on {table} is missing or disabled")
    return out
