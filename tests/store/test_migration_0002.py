"""Migration 0002 on a library written by the previous version: the window's header
overlay becomes a "header" revision, "fixed" findings become resolved events (and
come back open if the text still has them), dismissals become decisions."""

from __future__ import annotations

import json
import sqlite3

from sqlite_utils import Database

from editor_app.services import checking, editing
from editor_app.store import Library
from editor_app.store.schema import MIGRATIONS

OLD_ISSUE = """今日东越
2025年第1期
目录
3 要闻
一篇文章
■ 张三
一篇文章
■ 张三
正文第一段，有傳承二字。
"""


def _old_library(path, demo_path):
    """The previous version's library: migration 0001 only, then data in its shapes."""
    db = Database(sqlite3.connect(path))
    MIGRATIONS.apply(db, stop_before="0002_article_header_findings_follow_text")
    db.conn.close()
    # import with the current code path is not possible on the old schema: write the rows
    # the old version wrote, from a parse of the demo issue
    from editor_app.ingest import parse_file
    from editor_app.store.layout import body_kinds, build_layout

    issue = parse_file(demo_path)
    con = sqlite3.connect(path)
    now = "2026-01-01T00:00:00.000+00:00"
    m = issue.masthead
    cur = con.execute(
        "INSERT INTO issues (title, year, number, label, source_hash, source, imported_at, updated_at)"
        " VALUES (?, ?, ?, ?, 'h', ?, ?, ?)", (m.title, m.year, m.number, m.label(), issue.source, now, now))
    issue_id = cur.lastrowid
    seg_ids = {}
    for idx, seg in enumerate(issue.segments):
        text, omap = seg.editable_text()
        layout = build_layout(seg)
        c = con.execute(
            "INSERT INTO segments (issue_id, key, kind, idx, source_start, source_end, title, subtitle,"
            " kicker, authors, role, page, section, toc_index, layout, paragraph_kinds, offset_map)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (issue_id, seg.id, seg.kind, idx, seg.source_start, seg.source_end, seg.title, seg.subtitle,
             seg.kicker, json.dumps(seg.authors, ensure_ascii=False), seg.role, seg.page, seg.section,
             seg.toc_index, json.dumps(layout, ensure_ascii=False), json.dumps(body_kinds(layout)),
             json.dumps(omap.to_list())))
        sid = c.lastrowid
        r = con.execute("INSERT INTO revisions (segment_id, number, text, title, author, created, note)"
                        " VALUES (?, 1, ?, ?, '', ?, 'import')", (sid, text, seg.title, now)).lastrowid
        con.execute("UPDATE segments SET current_revision_id = ?, base_revision_id = ? WHERE id = ?", (r, r, sid))
        seg_ids[seg.id] = sid
    for i, e in enumerate(issue.toc):
        con.execute("INSERT INTO toc_entries (issue_id, idx, page, section, title, authors, article_key,"
                    " source_start, source_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (issue_id, i, e.page, e.section, e.title, json.dumps(e.authors, ensure_ascii=False),
                     e.article_id, e.source_start, e.source_end))
    con.commit()
    return con, issue_id, seg_ids, issue


def test_old_library_is_migrated(tmp_path, demo_path):
    path = tmp_path / "old.sqlite"
    con, issue_id, seg_ids, issue = _old_library(path, demo_path)
    art = next(s for s in issue.segments if s.kind == "article" and "傳承" in s.editable_text()[0])
    sid = seg_ids[art.id]
    text = art.editable_text()[0]
    start = text.index("傳承")
    # the old window's overlay of header fields, a "fixed" finding whose text is still
    # there (it was fixed and then undone), and a dismissal
    con.execute("INSERT INTO settings (key, value) VALUES (?, ?)",
                (f"article_meta.{sid}", json.dumps({"authors": ["改过的作者"], "page": 99}, ensure_ascii=False)))
    con.execute("INSERT INTO settings (key, value) VALUES (?, ?)", (f"checked.{issue_id}", '"2026-01-01"'))
    old = "INSERT INTO findings (issue_id, segment_id, rule, category, severity, message, excerpt," \
          " text_start, text_end, fingerprint, status, reason, created, updated)" \
          " VALUES (?, ?, ?, 'script', 'error', 'm', ?, ?, ?, ?, ?, ?, ?, ?)"
    con.execute(old, (issue_id, sid, "script.traditional", "傳承", start, start + 2, "fp-old", "fixed", "",
                      "t", "t"))
    con.execute(old, (issue_id, sid, "punctuation.halfwidth", ",", 0, 1, "fp-dis", "dismissed", "引文",
                      "t", "t"))
    con.commit()
    con.close()

    with Library(path) as lib:
        assert "0002_article_header_findings_follow_text" in lib.applied_migrations()
        revs = lib.revisions(sid)
        assert [r.note for r in revs] == ["header", "import"]
        assert revs[0].authors == ["改过的作者"] and revs[0].page == 99 and revs[0].text == revs[1].text
        assert revs[1].authors == art.authors
        row = lib.segment(sid)
        assert row.authors == ["改过的作者"] and row.page == 99
        assert lib.get_setting(f"article_meta.{sid}") is None
        assert lib.checked_at(issue_id) == "2026-01-01" and not checking.is_current(lib, issue_id)
        assert lib.integrity_problems() == []
        events = lib.finding_events(issue_id)
        assert [(e.event, e.how, e.fingerprint) for e in events] == [("resolved", "fix", "fp-old")]
        # the next check finds the 傳承 still in the text: open again, whatever "fixed" said
        checking.ensure_current(lib, issue_id)
        assert any(f.excerpt == "傳承" for f in lib.list_findings(issue_id, segment=sid, status="open"))
        view = editing.load_article(lib, sid)
        assert view.authors == ["改过的作者"] and view.page == 99
