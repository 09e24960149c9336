"""Schema of the library, defined only by registered migrations.

``MIGRATIONS`` is the sqlite-utils migration set "editor_app". Each migration
runs in its own transaction together with its record in
``_sqlite_migrations``; a database is brought up to date by
``MIGRATIONS.apply(db)`` when a :class:`~editor_app.store.library.Library`
opens it. Never change a released migration: add a new one.

Both backends carry the same migrations, by name: a newsroom library on a
PostgreSQL server has its own twin of each in pg_schema.py (SQLite's 0001-0004
are its baseline). To add one, write the DDL once as a list of statements here,
run it in the ``@_migration`` function, and register its PostgreSQL form in
``pg_schema.PG_MIGRATIONS`` (``POSTGRES.ddl`` translates plain DDL); the steps are
in pg_schema.py's docstring, and tests/store/test_dialect.py fails until both
lists agree.

Tables
------
issues          one row per issue; ``source`` is the decoded source text, kept exactly
issue_sources   earlier sources of an issue, kept when an import replaced them
toc_entries     the table of contents of an issue
segments        the partition of the source; ``current_revision_id`` holds the text
revisions       append-only texts of a segment (triggers refuse UPDATE and DELETE)
findings        stored check results with their review status
settings        JSON values by key
allowlist       words a user accepted, global (issue_id NULL) or per issue
store_meta      internal bookkeeping (search index format)
search_fts      contentless FTS5 index of titles and current texts (see textindex.py)
statements      figures read in the current texts (number.cross_article across issues)
lexicon         the house lexicon: people and posts, organisations, standard formulations
issue_posts     posts printed for people in each issue, rewritten when the issue is checked
ngrams          strings around the typo detector's suspect places, counted per issue (0007)
ngram_issues    per issue: how many such strings, and what its last check looked up (0007)
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from .ddl import STATEMENTS_0005, STATEMENTS_0006, STATEMENTS_0007

MIGRATIONS = Migrations("editor_app")
MIGRATION_NAMES: list[str] = []  # in order; a database listing others is from a newer version


def _migration(name: str):
    def register(fn):
        MIGRATION_NAMES.append(name)
        return MIGRATIONS(name=name)(fn)

    return register


_INITIAL = [
    """
    CREATE TABLE issues (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        year INTEGER,
        number INTEGER,
        total_number INTEGER,
        frequency TEXT NOT NULL DEFAULT '',
        publisher TEXT NOT NULL DEFAULT '',
        label TEXT NOT NULL DEFAULT '',
        source_name TEXT NOT NULL DEFAULT '',
        source_hash TEXT NOT NULL,
        encoding TEXT NOT NULL DEFAULT 'utf-8',
        source TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """,
    "CREATE UNIQUE INDEX issues_source_hash ON issues(source_hash)",
    # one issue per masthead, when the masthead is known
    """
    CREATE UNIQUE INDEX issues_masthead ON issues(title, year, number)
        WHERE year IS NOT NULL AND number IS NOT NULL
    """,
    """
    CREATE TABLE issue_sources (
        id INTEGER PRIMARY KEY,
        issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
        source_name TEXT NOT NULL DEFAULT '',
        source_hash TEXT NOT NULL,
        encoding TEXT NOT NULL DEFAULT 'utf-8',
        source TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        replaced_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX issue_sources_issue ON issue_sources(issue_id)",
    """
    CREATE TABLE toc_entries (
        id INTEGER PRIMARY KEY,
        issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        page INTEGER,
        section TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        subtitle TEXT NOT NULL DEFAULT '',
        authors TEXT NOT NULL DEFAULT '[]',
        role TEXT NOT NULL DEFAULT '',
        article_key TEXT,
        source_start INTEGER NOT NULL DEFAULT 0,
        source_end INTEGER NOT NULL DEFAULT 0,
        UNIQUE (issue_id, idx)
    )
    """,
    """
    CREATE TABLE segments (
        id INTEGER PRIMARY KEY,
        issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        kind TEXT NOT NULL,
        idx INTEGER NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        source_start INTEGER NOT NULL,
        source_end INTEGER NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        subtitle TEXT NOT NULL DEFAULT '',
        kicker TEXT NOT NULL DEFAULT '',
        authors TEXT NOT NULL DEFAULT '[]',
        role TEXT NOT NULL DEFAULT '',
        byline_raw TEXT NOT NULL DEFAULT '',
        page INTEGER,
        section TEXT NOT NULL DEFAULT '',
        toc_index INTEGER,
        layout TEXT NOT NULL DEFAULT '[]',
        paragraph_kinds TEXT NOT NULL DEFAULT '[]',
        offset_map TEXT NOT NULL DEFAULT '[]',
        base_revision_id INTEGER REFERENCES revisions(id),
        current_revision_id INTEGER REFERENCES revisions(id),
        version INTEGER NOT NULL DEFAULT 1,
        review_status TEXT NOT NULL DEFAULT 'pending'
            CHECK (review_status IN ('pending', 'in_review', 'proofread', 'signed')),
        review_by TEXT NOT NULL DEFAULT '',
        review_at TEXT
    )
    """,
    "CREATE INDEX segments_issue ON segments(issue_id, idx)",
    "CREATE UNIQUE INDEX segments_key ON segments(issue_id, key) WHERE active = 1",
    """
    CREATE TABLE revisions (
        id INTEGER PRIMARY KEY,
        segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        text TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        UNIQUE (segment_id, number)
    )
    """,
    """
    CREATE TRIGGER revisions_append_only_update BEFORE UPDATE ON revisions
    BEGIN
        SELECT RAISE(ABORT, 'revisions are append-only');
    END
    """,
    # deleting is allowed only as part of deleting the segment (cascade)
    """
    CREATE TRIGGER revisions_append_only_delete BEFORE DELETE ON revisions
    WHEN EXISTS (SELECT 1 FROM segments WHERE id = OLD.segment_id)
    BEGIN
        SELECT RAISE(ABORT, 'revisions are append-only');
    END
    """,
    """
    CREATE TABLE findings (
        id INTEGER PRIMARY KEY,
        issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
        segment_id INTEGER REFERENCES segments(id) ON DELETE CASCADE,
        rule TEXT NOT NULL,
        category TEXT NOT NULL DEFAULT '',
        severity TEXT NOT NULL DEFAULT 'warning',
        message TEXT NOT NULL DEFAULT '',
        suggestion TEXT,
        excerpt TEXT NOT NULL DEFAULT '',
        text_start INTEGER NOT NULL DEFAULT 0,
        text_end INTEGER NOT NULL DEFAULT 0,
        source_start INTEGER,
        source_end INTEGER,
        related TEXT NOT NULL DEFAULT '[]',
        fingerprint TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'fixed', 'dismissed')),
        reason TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        updated TEXT NOT NULL
    )
    """,
    """
    CREATE UNIQUE INDEX findings_identity
        ON findings(issue_id, IFNULL(segment_id, 0), rule, fingerprint)
    """,
    "CREATE INDEX findings_segment ON findings(segment_id)",
    "CREATE INDEX findings_issue_status ON findings(issue_id, status)",
    """
    CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE allowlist (
        id INTEGER PRIMARY KEY,
        issue_id INTEGER REFERENCES issues(id) ON DELETE CASCADE,
        word TEXT NOT NULL,
        rule TEXT,
        created TEXT NOT NULL
    )
    """,
    """
    CREATE UNIQUE INDEX allowlist_identity
        ON allowlist(IFNULL(issue_id, 0), word, IFNULL(rule, ''))
    """,
    """
    CREATE TABLE store_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )
    """,
    # Contentless: the indexed strings are derived from segments.title and the
    # current revision text, so storing them again would double the file.
    # columnsize=0: we never rank with bm25. 'ascii': our tokens are [0-9a-z].
    # prefix='4': an index of one-character prefixes (a character is 4 token
    # characters), so a one-character query costs one lookup, not a merge of
    # every bigram starting with that character (300 ms -> 5 ms on 19M chars).
    """
    CREATE VIRTUAL TABLE search_fts USING fts5(
        title, body, content='', columnsize=0, tokenize='ascii', prefix='4'
    )
    """,
]


@_migration("0001_initial")
def m0001_initial(db: Database) -> None:
    for sql in _INITIAL:
        db.execute(sql)


# -- 0002: one truth for an article -------------------------------------------------------
#
# * Header fields (kicker, title, subtitle, authors, role, page) are versioned with
#   the text: every revision records them. ``segments`` keeps the current values
#   (written only together with ``current_revision_id``). The window's old
#   settings overlay ("article_meta.<id>") becomes a "header" revision.
# * ``findings`` holds what the checks find in the *current* revisions, each with
#   the revision its span indexes; no status column. A user's decision lives in
#   ``decisions`` (by fingerprint), and what happened to a problem over time in
#   ``finding_events`` (resolved / reappeared / dismissed / reopened).
# * ``issues.checked_digest`` names the state the stored findings describe
#   (revisions, rule settings, allowlist); a mismatch means "check again".

_HEADER_REVISION_COLUMNS = [
    "ALTER TABLE revisions ADD COLUMN kicker TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE revisions ADD COLUMN subtitle TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE revisions ADD COLUMN authors TEXT NOT NULL DEFAULT '[]'",
    "ALTER TABLE revisions ADD COLUMN role TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE revisions ADD COLUMN page INTEGER",
]

_APPEND_ONLY_UPDATE = """
    CREATE TRIGGER revisions_append_only_update BEFORE UPDATE ON revisions
    BEGIN
        SELECT RAISE(ABORT, 'revisions are append-only');
    END
"""

_FINDINGS_V2 = [
    """
    CREATE TABLE findings_v2 (
        id INTEGER PRIMARY KEY,
        issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
        segment_id INTEGER REFERENCES segments(id) ON DELETE CASCADE,
        revision_id INTEGER REFERENCES revisions(id),
        rule TEXT NOT NULL,
        category TEXT NOT NULL DEFAULT '',
        severity TEXT NOT NULL DEFAULT 'warning',
        message TEXT NOT NULL DEFAULT '',
        suggestion TEXT,
        excerpt TEXT NOT NULL DEFAULT '',
        text_start INTEGER NOT NULL DEFAULT 0,
        text_end INTEGER NOT NULL DEFAULT 0,
        source_start INTEGER,
        source_end INTEGER,
        related TEXT NOT NULL DEFAULT '[]',
        fingerprint TEXT NOT NULL,
        created TEXT NOT NULL,
        updated TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE decisions (
        id INTEGER PRIMARY KEY,
        issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
        segment_id INTEGER REFERENCES segments(id) ON DELETE CASCADE,
        rule TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        decision TEXT NOT NULL DEFAULT 'dismissed' CHECK (decision IN ('dismissed')),
        reason TEXT NOT NULL DEFAULT '',
        who TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL
    )
    """,
    """
    CREATE UNIQUE INDEX decisions_identity
        ON decisions(issue_id, IFNULL(segment_id, 0), rule, fingerprint)
    """,
    """
    CREATE TABLE finding_events (
        id INTEGER PRIMARY KEY,
        issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
        segment_id INTEGER REFERENCES segments(id) ON DELETE CASCADE,
        rule TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        event TEXT NOT NULL
            CHECK (event IN ('resolved', 'reappeared', 'dismissed', 'reopened')),
        how TEXT NOT NULL DEFAULT '',
        revision_id INTEGER REFERENCES revisions(id),
        who TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL,
        category TEXT NOT NULL DEFAULT '',
        severity TEXT NOT NULL DEFAULT '',
        message TEXT NOT NULL DEFAULT '',
        excerpt TEXT NOT NULL DEFAULT '',
        suggestion TEXT
    )
    """,
    "CREATE INDEX finding_events_key ON finding_events(issue_id, segment_id, rule, fingerprint)",
    "ALTER TABLE issues ADD COLUMN checked_digest TEXT",
    "ALTER TABLE issues ADD COLUMN checked_at TEXT",
]


@_migration("0002_article_header_findings_follow_text")
def m0002_article_header_findings(db: Database) -> None:
    import json
    from datetime import UTC, datetime

    now = datetime.now(UTC).isoformat(timespec="milliseconds")
    conn = db.conn
    for sql in _HEADER_REVISION_COLUMNS:
        conn.execute(sql)
    # every existing revision gets the header its segment was imported with
    conn.execute("DROP TRIGGER revisions_append_only_update")
    conn.execute(
        """
        UPDATE revisions SET
            kicker = (SELECT s.kicker FROM segments s WHERE s.id = revisions.segment_id),
            subtitle = (SELECT s.subtitle FROM segments s WHERE s.id = revisions.segment_id),
            authors = (SELECT s.authors FROM segments s WHERE s.id = revisions.segment_id),
            role = (SELECT s.role FROM segments s WHERE s.id = revisions.segment_id),
            page = (SELECT s.page FROM segments s WHERE s.id = revisions.segment_id)
        """
    )
    conn.execute(_APPEND_ONLY_UPDATE)
    # the window's header overlay becomes a revision of its own ("header")
    overlays = conn.execute(
        "SELECT key, value FROM settings WHERE key LIKE 'article_meta.%'"
    ).fetchall()
    for key, value in overlays:
        try:
            seg_id = int(key.split(".", 1)[1])
            meta = json.loads(value)
        except (ValueError, IndexError, json.JSONDecodeError):
            continue
        seg = conn.execute(
            """
            SELECT s.id, s.active, s.subtitle, s.authors, s.role, s.page, s.current_revision_id,
                   (SELECT MAX(number) FROM revisions WHERE segment_id = s.id)
            FROM segments s WHERE s.id = ?
            """,
            (seg_id,),
        ).fetchone()
        if seg is None or not isinstance(meta, dict) or not seg[1]:
            continue
        subtitle = str(meta.get("subtitle", seg[2]))
        authors = json.dumps(
            list(meta.get("authors", json.loads(seg[3] or "[]"))), ensure_ascii=False,
            separators=(",", ":"),
        )
        role = str(meta.get("role", seg[4]))
        page = meta.get("page", seg[5])
        page = int(page) if isinstance(page, int) and page > 0 else (None if "page" in meta else seg[5])
        if (subtitle, authors, role, page) == (seg[2], seg[3], seg[4], seg[5]):
            continue
        cur = conn.execute(
            """
            INSERT INTO revisions (segment_id, number, text, title, author, created, note,
                kicker, subtitle, authors, role, page)
            SELECT segment_id, ?, text, title, '', ?, 'header', kicker, ?, ?, ?, ?
            FROM revisions WHERE id = ?
            """,
            (seg[7] + 1, now, subtitle, authors, role, page, seg[6]),
        )
        conn.execute(
            """
            UPDATE segments SET current_revision_id = ?, subtitle = ?, authors = ?, role = ?,
                page = ?, version = version + 1
            WHERE id = ?
            """,
            (cur.lastrowid, subtitle, authors, role, page, seg_id),
        )
    conn.execute("DELETE FROM settings WHERE key LIKE 'article_meta.%'")
    # findings: decisions and history out, spans tied to a revision
    for sql in _FINDINGS_V2:
        conn.execute(sql)
    conn.execute(
        """
        INSERT INTO decisions (issue_id, segment_id, rule, fingerprint, decision, reason, who, at)
        SELECT issue_id, segment_id, rule, fingerprint, 'dismissed', reason, '', updated
        FROM findings WHERE status = 'dismissed'
        """
    )
    conn.execute(
        """
        INSERT INTO finding_events (issue_id, segment_id, rule, fingerprint, event, how, who, at,
            category, severity, message, excerpt, suggestion)
        SELECT issue_id, segment_id, rule, fingerprint, 'resolved', 'fix', '', updated,
            category, severity, message, excerpt, suggestion
        FROM findings WHERE status = 'fixed'
        """
    )
    conn.execute(
        """
        INSERT INTO findings_v2 (id, issue_id, segment_id, revision_id, rule, category, severity,
            message, suggestion, excerpt, text_start, text_end, source_start, source_end,
            related, fingerprint, created, updated)
        SELECT f.id, f.issue_id, f.segment_id,
            (SELECT current_revision_id FROM segments s WHERE s.id = f.segment_id),
            f.rule, f.category, f.severity, f.message, f.suggestion, f.excerpt, f.text_start,
            f.text_end, f.source_start, f.source_end, f.related, f.fingerprint, f.created,
            f.updated
        FROM findings f WHERE f.status IN ('open', 'dismissed')
        """
    )
    conn.execute("DROP TABLE findings")
    conn.execute("ALTER TABLE findings_v2 RENAME TO findings")
    conn.execute(
        """
        CREATE UNIQUE INDEX findings_identity
            ON findings(issue_id, IFNULL(segment_id, 0), rule, fingerprint)
        """
    )
    conn.execute("CREATE INDEX findings_segment ON findings(segment_id)")
    conn.execute("CREATE INDEX findings_issue ON findings(issue_id)")
    # when each issue was last checked: from its settings key into the issue row;
    # the digest stays NULL so the next open checks the issue again
    for key, value in conn.execute(
        "SELECT key, value FROM settings WHERE key LIKE 'checked.%'"
    ).fetchall():
        try:
            issue_id = int(key.split(".", 1)[1])
            at = json.loads(value)
        except (ValueError, IndexError, json.JSONDecodeError):
            continue
        conn.execute("UPDATE issues SET checked_at = ? WHERE id = ?", (str(at), issue_id))
    conn.execute("DELETE FROM settings WHERE key LIKE 'checked.%'")


@_migration("0003_pdf_proofs")
def m0003_pdf_proofs(db: Database) -> None:
    """PDF proofs (校样) behind issues imported from a PDF: the original file byte for
    byte and the map from the extracted text (the issue's source) to page and box."""
    db.execute(
        """
        CREATE TABLE pdf_proofs (
            issue_id INTEGER PRIMARY KEY REFERENCES issues(id) ON DELETE CASCADE,
            file_name TEXT NOT NULL DEFAULT '',
            pdf_sha256 TEXT NOT NULL,
            pdf BLOB NOT NULL,
            text_sha256 TEXT NOT NULL,
            n_pages INTEGER NOT NULL,
            map BLOB NOT NULL,
            imported_at TEXT NOT NULL
        )
        """
    )


# -- 0003: corrections of an issue's structure ---------------------------------------------
#
# ``structure_changes`` records every hand correction of the parser's partition (split,
# join, move a boundary, set a kind, bind / unbind / edit a contents entry) with what was
# asked (``params``, including the paragraph texts and titles that find the place again
# after a replacing import) and the state it replaced (``before``: the structure columns
# of the segments and contents entries it touched), so that it can be undone. An undo is
# a change of its own (op "undo", ``undo_of``); the undone change names it in
# ``undone_by``. A replacing import sets ``active = 0`` on the issue's earlier changes
# (they describe segments of the old source; the import re-applies what it can find).


@_migration("0004_structure_changes")
def m0004_structure_changes(db: Database) -> None:
    db.execute(
        """
        CREATE TABLE structure_changes (
            id INTEGER PRIMARY KEY,
            issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
            op TEXT NOT NULL CHECK (op IN ('split', 'join', 'move', 'kind', 'bind', 'unbind',
                                           'entry', 'undo')),
            params TEXT NOT NULL DEFAULT '{}',
            before TEXT NOT NULL DEFAULT '{}',
            who TEXT NOT NULL DEFAULT '',
            at TEXT NOT NULL,
            undo_of INTEGER REFERENCES structure_changes(id),
            undone_by INTEGER REFERENCES structure_changes(id),
            active INTEGER NOT NULL DEFAULT 1
        )
        """
    )
    db.execute("CREATE INDEX structure_changes_issue ON structure_changes(issue_id, id)")


# -- 0005: figure statements of the current texts --------------------------------------------
#
# ``statements`` holds the statistics (period, scope, metric, verb, basis, unit and the
# figure as printed) that number.cross_article reads in the current text of each
# article. They are replaced for the whole issue whenever its findings are reconciled
# (every check, every write that re-checks), so they always describe the current
# texts; the check of another issue compares its own statements with those of the
# earlier issues (store/statements.py). Ids are never reused (AUTOINCREMENT), so the
# count and sum of the ids in a window of issues say whether anything in it changed.
# Plain DDL: the PostgreSQL store mirrors it (an identity column).


@_migration("0005_statements")
def m0005_statements(db: Database) -> None:
    for statement in STATEMENTS_0005:
        db.execute(statement)


# -- 0006: the house lexicon, and the posts printed for people in each issue ------------------
#
# ``lexicon`` is the newsroom's own list: people (``term`` the name, ``post`` the post the
# house prints for them), organisations (``term`` the standard name) and standard
# formulations (规范提法: ``term`` the standard wording); ``variants`` holds wrong variants,
# separated by "|". ``issue_posts`` holds, per issue, the posts its current texts print for
# people ("副市长王建国" -> name 王建国, post 副市长); it is rewritten whenever the issue is
# checked, so it follows the texts, and later issues compare their posts with it.


@_migration("0006_lexicon")
def m0006_lexicon(db: Database) -> None:
    for statement in STATEMENTS_0006:
        db.execute(statement)


# -- 0007: the archive of strings the typo detector suspects, per issue -----------------------
#
# ``ngrams`` holds, per issue, how often its current texts print each 2-4-character string
# around a place wording.typo suspects (checks/rules/wording/_typo_archive.py: ~2,000 strings
# for an 80,000-character issue); a check of another issue asks how often the *other*
# issues printed a string (the house's own vocabulary is not a slip). ``ngram_issues``
# holds, per issue, how many strings it contributes and the strings the last check of the
# issue looked up (``probes``, "\n"-separated), so that the state digest of an issue changes
# only when the archive's answer for one of those strings does. Both are replaced whenever
# the issue is checked (store/ngrams.py), like ``statements``.


@_migration("0007_ngrams")
def m0007_ngrams(db: Database) -> None:
    for statement in STATEMENTS_0007:
        db.execute(statement)


@_migration("0008_live")
def m0008_live(db: Database) -> None:
    """Live changes between desks are a server's (pg_schema.py: NOTIFY triggers); a local
    library has one desk. Recorded so that both backends list the same migrations."""
