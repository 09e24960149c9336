"""Services of the article editor (no Qt): saving with conflicts, header fields, revision
differences, restore, live checks and span shifting."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from editor_app.model import Finding
from editor_app.services import editing, importing
from editor_app.services import issues as svc
from editor_app.services.issues import UserError


@pytest.fixture
def demo_lib(library_db, demo_path):
    lib = svc.open_library(library_db)
    issue_id = importing.import_issue_file(lib, demo_path, author="导入").issue_id
    editing.check_issue(lib, issue_id)
    seg = max((r for r in lib.segments(issue_id) if r.kind == "article"), key=lambda r: len(lib.current_text(r.id)[0]))
    yield lib, issue_id, seg.id
    lib.close()


def test_load_article(demo_lib):
    lib, issue_id, seg = demo_lib
    view = editing.load_article(lib, seg)
    row = lib.segment(seg)
    assert (view.seg_id, view.issue_id, view.title, view.version) == (seg, issue_id, row.title, row.version)
    assert view.text == lib.current_text(seg)[0]
    assert view.source_text == lib.source(issue_id)[row.source_start:row.source_end]
    assert view.editable and view.revision_number == 1 and view.review_label == "待审"


def test_save_then_conflict_keeps_both(demo_lib):
    lib, issue_id, seg = demo_lib
    view = editing.load_article(lib, seg)
    res = editing.save_article(lib, seg, view.text + "甲", "张三", view.version)
    assert res.changed and res.conflict is None and res.checked and res.version == view.version + 1
    again = editing.save_article(lib, seg, view.text + "甲", "张三", res.version)
    assert not again.changed and not again.checked  # same text: nothing new
    stale = editing.save_article(lib, seg, view.text + "乙", "李四", view.version)
    assert stale.conflict is not None and stale.revision is None
    assert stale.conflict.current_text == view.text + "甲"
    assert lib.revision(stale.conflict.conflict_revision_id).text == view.text + "乙"
    assert lib.current_text(seg)[0] == view.text + "甲"
    kept = editing.keep_mine(lib, seg, view.text + "乙", "李四")
    assert kept.conflict is None and lib.current_text(seg)[0] == view.text + "乙"
    assert lib.revisions(seg)[0].note == "resolve conflict"


def test_empty_title_field_does_not_erase_the_title(demo_lib):
    lib, _issue, seg = demo_lib
    view = editing.load_article(lib, seg)
    editing.save_article(lib, seg, view.text + "。", "张三", view.version, title="  ")
    assert lib.segment(seg).title == view.title


def test_header_fields_are_revisions(demo_lib):
    lib, _issue, seg = demo_lib
    before = editing.load_article(lib, seg)
    res = editing.set_header(lib, seg, "张三", subtitle=" 副题 ", authors=["甲", " ", "乙"], page=7)
    assert res.changed and res.checked and res.revision.note == "header"
    assert res.changes.header and not res.changes.text
    view = editing.load_article(lib, seg)
    assert (view.subtitle, view.authors, view.page) == ("副题", ["甲", "乙"], 7)
    assert view.text == before.text and view.revision_number == before.revision_number + 1
    assert lib.segment(seg).authors == ["甲", "乙"]  # the segment row mirrors the current header
    res = editing.set_header(lib, seg, "李四", page=9)  # the other fields stay
    view = editing.load_article(lib, seg)
    assert (view.subtitle, view.authors, view.page) == ("副题", ["甲", "乙"], 9)
    assert not editing.set_header(lib, seg, "李四", page=9).changed  # same header: no revision
    hist = editing.history(lib, seg)
    assert [h.changed for h in hist[:2]] == [["page"], ["subtitle", "authors", "page"]]
    assert hist[0].revision.author == "李四" and hist[-1].revision.note == "import"
    # restoring the imported revision brings its header back too
    restored = editing.restore_revision(lib, hist[-1].revision.id, "王五")
    assert restored.changed and restored.revision.note == "restore #1"
    view = editing.load_article(lib, seg)
    assert (view.subtitle, view.authors, view.page) == (before.subtitle, before.authors, before.page)
    with pytest.raises(UserError):
        editing.set_header(lib, seg, "张三", page=-1)
    with pytest.raises(UserError):
        editing.set_header(lib, seg, "张三", byline="x")
    with pytest.raises(UserError):
        editing.set_header(lib, seg, "张三", title=" ")


def test_revision_diff_and_restore(demo_lib):
    lib, _issue, seg = demo_lib
    view = editing.load_article(lib, seg)
    first = lib.current_revision(seg)
    new_text = view.text.replace("。", "！", 1) + "\n新增一段。"
    res = editing.save_article(lib, seg, new_text, "张三", view.version)
    d = editing.revision_diff(lib, first.id, res.revision.id)
    assert "".join(c.old for c in d.chunks) == view.text
    assert "".join(c.new for c in d.chunks) == new_text
    assert d.inserted == len("！") + len("\n新增一段。") and d.deleted == 1
    restored = editing.restore_revision(lib, first.id, "李四")
    assert restored.changed and restored.checked and restored.conflict is None
    assert restored.revision.note == f"restore #{first.number}" and lib.current_text(seg)[0] == view.text
    assert restored.version == lib.current_text(seg)[1] and restored.changes.text_of(view.issue_id, seg)
    with pytest.raises(UserError):
        other = next(r for r in lib.segments(view.issue_id) if r.id != seg)
        editing.revision_diff(lib, first.id, lib.current_revision(other.id).id)


@given(st.text(alphabet="甲乙丙\n,，。ab", max_size=40), st.text(alphabet="甲乙丙\n,，。ab", max_size=40))
def test_diff_chunks_rebuild_both_texts(old, new):
    chunks = editing.diff_texts(old, new)
    assert "".join(c.old for c in chunks) == old
    assert "".join(c.new for c in chunks) == new
    assert all(c.tag in ("equal", "delete", "insert", "replace") for c in chunks)
    assert all(c.old == c.new for c in chunks if c.tag == "equal")


def _f(start, end, rule="punctuation.halfwidth", fp="x", **kw):
    return Finding(rule=rule, category=rule.split(".")[0], severity="warning", message="m", start=start,
                   end=end, fingerprint=fp, **kw)


def test_shift_findings():
    fs = [_f(0, 2, fp="a"), _f(5, 6, fp="b"), _f(10, 12, fp="c"), _f(7, 7, fp="z")]
    out = {f.fingerprint: (f.start, f.end) for f in editing.shift_findings(fs, 5, 0, 3)}
    assert out == {"a": (0, 2), "b": (8, 9), "c": (13, 15), "z": (10, 10)}  # insertion before b moves it
    out = {f.fingerprint: (f.start, f.end) for f in editing.shift_findings(fs, 4, 2, 0)}
    assert out == {"a": (0, 2), "c": (8, 10), "z": (5, 5)}  # b was inside the deletion: dropped
    out = {f.fingerprint: (f.start, f.end) for f in editing.shift_findings(fs, 2, 0, 1)}
    assert out["a"] == (0, 2)  # typing right after a finding leaves it alone


def test_merge_live_keeps_ids_and_issue_findings():
    stored = [_f(3, 4, fp="p", id=11, status="dismissed", reason="引文"),
              _f(8, 9, rule="consistency.term_variant", fp="q", id=12)]
    live = [_f(4, 5, fp="p"), _f(20, 21, fp="new")]
    merged = editing.merge_live(live, stored, frozenset({"consistency.term_variant"}))
    assert [(f.start, f.id, f.status) for f in merged] == [(4, 11, "dismissed"), (8, 12, "open"), (20, None, "open")]
    assert merged[0].reason == "引文"


def test_live_check_and_resolve(demo_lib):
    lib, issue_id, seg = demo_lib
    snap = editing.check_snapshot(lib, issue_id)
    checker = editing.live_checker(snap)
    text = lib.current_text(seg)[0] + "新句子,有半角逗号"
    fs = editing.live_check(checker, snap, seg, text)
    hit = next(f for f in fs if f.rule == "punctuation.halfwidth" and f.start == len(text) - 6)
    assert hit.segment == lib.segment_ref(issue_id, seg) and hit.id is None and hit.revision_id is None
    view = editing.load_article(lib, seg)
    editing.save_article(lib, seg, text, "张三", view.version)
    stored = editing.resolve_finding(lib, seg, None, hit.rule, hit.fingerprint)
    assert stored.id is not None and stored.start == hit.start
    res = editing.apply_finding(lib, seg, None, hit.rule, hit.fingerprint, "张三")
    (out,) = res.outcomes
    assert res.applied == 1 and out.after == text[: hit.start] + "，" + text[hit.end:]
    assert lib.current_text(seg)[0] == out.after and out.revision.note == "fix punctuation.halfwidth"
    with pytest.raises(UserError):
        editing.resolve_finding(lib, seg, None, hit.rule, "no-such-fingerprint")
