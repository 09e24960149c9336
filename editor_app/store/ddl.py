"""Plain DDL of the migrations both backends share, as lists of statements in the
SQLite dialect: schema.py runs them on SQLite, pg_schema.py runs them on PostgreSQL
through ``dialect.PostgresDialect.ddl``. What each table holds is said beside its
migration in schema.py."""

from __future__ import annotations

STATEMENTS_0005 = [
    """
        CREATE TABLE statements (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
            segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
            text_start INTEGER NOT NULL,
            text_end INTEGER NOT NULL,
            period TEXT NOT NULL,
            scope TEXT NOT NULL,
            metric TEXT NOT NULL,
            verb TEXT NOT NULL,
            basis TEXT NOT NULL DEFAULT '',
            unit TEXT NOT NULL,
            value TEXT NOT NULL,
            printed_unit TEXT NOT NULL,
            label TEXT NOT NULL DEFAULT '',
            sentence TEXT NOT NULL DEFAULT ''
        )
        """,
    "CREATE INDEX statements_issue ON statements(issue_id, segment_id)",
    "CREATE INDEX statements_key ON statements(period, scope, metric)",
]


STATEMENTS_0006 = [
    """
        CREATE TABLE lexicon (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('person', 'organisation', 'formulation')),
            term TEXT NOT NULL,
            post TEXT NOT NULL DEFAULT '',
            variants TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL
        )
        """,
    "CREATE UNIQUE INDEX lexicon_kind_term ON lexicon(kind, term)",
    """
        CREATE TABLE issue_posts (
            id INTEGER PRIMARY KEY,
            issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            post TEXT NOT NULL,
            org TEXT NOT NULL DEFAULT '',
            head TEXT NOT NULL,
            segment_id INTEGER,
            start INTEGER NOT NULL DEFAULT 0,
            excerpt TEXT NOT NULL DEFAULT ''
        )
        """,
    "CREATE INDEX issue_posts_issue ON issue_posts(issue_id)",
    "CREATE INDEX issue_posts_name ON issue_posts(name)",
]


STATEMENTS_0007 = [
    """
        CREATE TABLE ngrams (
            issue_id INTEGER NOT NULL REFERENCES issues(id) ON DELETE CASCADE,
            gram TEXT NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY (issue_id, gram)
        )
        """,
    "CREATE INDEX ngrams_gram ON ngrams(gram, issue_id)",
    """
        CREATE TABLE ngram_issues (
            issue_id INTEGER PRIMARY KEY REFERENCES issues(id) ON DELETE CASCADE,
            grams INTEGER NOT NULL DEFAULT 0,
            probes TEXT NOT NULL DEFAULT ''
        )
        """,
]
