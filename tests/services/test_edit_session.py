"""The Qt-free edit session (services/edit_session.py) driven through whole edit flows
with a real library: typing, saving, typing during a save, header edits saved with the
text, conflicts, stale live results, following a change made elsewhere, undo of a fix."""

from __future__ import annotations

import pytest

from editor_app.services import checking, editing, importing
from editor_app.services import issues as svc
from editor_app.services.edit_session import EditSession


@pytest.fixture
def demo(tmp_path, demo_path):
    lib = svc.open_library(tmp_path / "lib.sqlite")
    issue_id = importing.import_issue_file(lib, demo_path, author="导入").issue_id
    seg = next(
        r.id for r in lib.segments(issue_id)
        if r.kind == "article" and "傳承" in lib.current_text(r.id)[0]
    )
    yield lib, issue_id, seg
    lib.close()


class Editor:
    """What the view does: keeps the text, reports each edit to the session."""

    def __init__(self, session: EditSession, text: str):
        self.session = session
        self.text = text

    def type(self, pos: int, removed: int, added: str) -> None:
        self.text = self.text[:pos] + added + self.text[pos + removed:]
        self.session.edited(pos, removed, len(added))


def open_article(lib, seg) -> tuple[EditSession, Editor]:
    s = EditSession()
    view = editing.load_article(lib, seg)
    s.load(view, lib.list_findings(view.issue_id, segment=seg, status=("open", "dismissed", "resolved")))
    return s, Editor(s, view.text)


def save(lib, s: EditSession, ed: Editor, user: str = "编辑甲"):
    req = s.begin_save(ed.text)
    assert req is not None
    res = editing.save_article(lib, req.seg_id, req.text, user, req.version, header=req.header)
    return req, s.saved(req, res)


def test_type_save_and_the_findings_follow(demo):
    lib, issue_id, seg = demo
    s, ed = open_article(lib, seg)
    trad = next(f for f in s.shown if f.excerpt == "傳承")
    assert not s.is_dirty()
    ed.type(0, 0, "前言，")
    assert s.is_dirty()
    moved = next(f for f in s.shown if f.fingerprint == trad.fingerprint)
    assert ed.text[moved.start:moved.end] == "傳承"  # shifted with the edit, before any check
    req, out = save(lib, s, ed)
    assert out.changed and not s.is_dirty() and out.conflict is None
    assert lib.current_text(seg)[0] == ed.text
    assert s.view.revision_number == 2 and s.version == lib.segment(seg).version


def test_typing_during_a_save_is_saved_next(demo):
    lib, _issue, seg = demo
    s, ed = open_article(lib, seg)
    ed.type(0, 0, "甲")
    req = s.begin_save(ed.text)
    ed.type(1, 0, "乙")  # typed while the save runs
    assert s.begin_save(ed.text) is None  # one save at a time: the next one follows
    res = editing.save_article(lib, req.seg_id, req.text, "编辑甲", req.version)
    out = s.saved(req, res)
    assert out.save_again and s.is_dirty()
    _req2, out2 = save(lib, s, ed)
    assert not s.is_dirty() and lib.current_text(seg)[0].startswith("甲乙")
    assert out2.changed


def test_header_edits_are_saved_with_the_text_as_one_revision(demo):
    lib, issue_id, seg = demo
    s, ed = open_article(lib, seg)
    s.header_edited(authors=["新作者"], subtitle="新副题")
    ed.type(0, 0, "一")
    req, _out = save(lib, s, ed)
    assert req.header == {"authors": ["新作者"], "subtitle": "新副题"}
    rev = lib.current_revision(seg)
    assert (rev.text, rev.authors, rev.subtitle, rev.number) == (ed.text, ["新作者"], "新副题", 2)
    assert s.view.authors == ["新作者"] and not s.is_dirty()
    # the TOC-vs-byline check reads the saved header
    assert lib.get_issue(issue_id).segment(lib.segment(seg).key).authors == ["新作者"]


def test_conflict_keeps_both_texts(demo):
    lib, _issue, seg = demo
    a, ed_a = open_article(lib, seg)
    b, ed_b = open_article(lib, seg)
    ed_a.type(0, 0, "甲")
    save(lib, a, ed_a)
    ed_b.type(0, 0, "乙")
    _req, out = save(lib, b, ed_b)
    assert out.conflict is not None and b.conflict is out.conflict
    numbers = {r.id: r.number for r in lib.revisions(seg)}
    assert out.conflict.current_number == numbers[out.conflict.current_revision_id] == 2
    assert out.conflict.conflict_number == numbers[out.conflict.conflict_revision_id] == 3
    assert "#2" in out.conflict.message and "#3" in out.conflict.message
    assert lib.current_text(seg)[0] == ed_a.text
    assert lib.revision(out.conflict.conflict_revision_id).text == ed_b.text


def test_stale_live_results_are_dropped(demo):
    lib, issue_id, seg = demo
    s, ed = open_article(lib, seg)
    snap = editing.check_snapshot(lib, issue_id)
    checker = editing.live_checker(snap)
    ed.type(0, 0, "半角,逗号")
    rev = s.rev
    found = editing.live_check(checker, snap, seg, ed.text)
    ed.type(0, 0, "再")  # the text moved on before the result came back
    assert not s.live(seg, rev, found, snap.issue_rules) and s.dropped_stale == 1
    found = editing.live_check(checker, snap, seg, ed.text)
    assert s.live(seg, s.rev, found, snap.issue_rules)
    assert any(f.rule == "punctuation.halfwidth" and ed.text[f.start:f.end] == "," for f in s.shown)


def test_following_a_fix_made_elsewhere_and_undoing_it(demo):
    lib, issue_id, seg = demo
    s, ed = open_article(lib, seg)
    trad = next(f for f in lib.list_findings(issue_id, segment=seg, status="open") if f.excerpt == "傳承")
    checking.apply_fix(lib, trad.id, "校对乙")
    view = editing.load_article(lib, seg)
    found = lib.list_findings(issue_id, segment=seg, status=("open", "dismissed", "resolved"))
    assert s.can_follow(view)
    before = ed.text
    ed.text = view.text  # the view replaces its text as one undoable step (an edit)
    s.edited(0, len(before), len(view.text))
    s.followed(view, found)
    assert not s.is_dirty() and "傳承" not in ed.text
    assert all(f.status != "resolved" for f in s.shown)  # resolved problems are not underlined
    # undo in the editor brings the old text back: saved, the problem is open again
    ed.type(0, len(ed.text), before)
    save(lib, s, ed)
    back = lib.list_findings(issue_id, segment=seg, status="open", rule=trad.rule)
    assert any(f.excerpt == "傳承" and f.fingerprint == trad.fingerprint for f in back)


def test_no_follow_while_typing_is_unsaved(demo):
    lib, issue_id, seg = demo
    s, ed = open_article(lib, seg)
    ed.type(0, 0, "未存")
    other = editing.load_article(lib, seg)
    editing.save_article(lib, seg, other.text + "别处", "乙", other.version)
    assert not s.can_follow(editing.load_article(lib, seg))  # the next save reports the conflict
    _req, out = save(lib, s, ed)
    assert out.conflict is not None


def test_a_failed_save_keeps_the_header_unsaved(demo):
    lib, _issue, seg = demo
    s, ed = open_article(lib, seg)
    s.header_edited(title="新标题")
    req = s.begin_save(ed.text)
    s.save_failed(req)
    assert s.is_dirty() and s.header == {"title": "新标题"} and not s.saving
