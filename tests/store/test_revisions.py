"""Saving texts: append-only revisions, restore, optimistic concurrency, review status."""

from __future__ import annotations

import sqlite3

import pytest

from editor_app.store import ConflictError, LibraryError, NotFoundError


def test_save_appends_revisions_and_bumps_version(imported):
    lib, _, keys = imported
    sid = keys["s03"]
    original, v1 = lib.current_text(sid)
    r2 = lib.save_text(sid, "第二版文本。", "小王", expected_version=v1)
    assert (r2.number, r2.note, r2.author, r2.segment_id) == (2, "edit", "小王", sid)
    assert lib.current_text(sid) == ("第二版文本。", 2)
    r3 = lib.save_text(sid, "第三版文本。", "小李", note="fix number.x", title="新标题")
    assert r3.number == 3 and r3.title == "新标题" and r3.note == "fix number.x"
    assert lib.segment(sid).title == "新标题" and lib.segment(sid).edited
    revs = lib.revisions(sid)
    assert [r.number for r in revs] == [3, 2, 1]
    assert [r.text for r in revs] == ["第三版文本。", "第二版文本。", original]
    assert lib.revision(r2.id) == r2
    assert lib.current_revision(sid) == r3


def test_identical_save_is_a_no_op(imported):
    lib, _, keys = imported
    sid = keys["s03"]
    text, version = lib.current_text(sid)
    rev = lib.save_text(sid, text, "小王", expected_version=version)
    assert rev.number == 1 and lib.current_text(sid) == (text, 1)
    assert len(lib.revisions(sid)) == 1
    # a title change alone is a change
    rev = lib.save_text(sid, text, "小王", title="改了标题")
    assert rev.number == 2 and lib.current_text(sid)[1] == 2


def test_restore_appends_a_new_revision(imported):
    lib, _, keys = imported
    sid = keys["s04"]
    original, _ = lib.current_text(sid)
    lib.save_text(sid, "改坏了。", "小王", title="错标题")
    restored = lib.restore(lib.revisions(sid)[-1].id, "小李")
    assert restored.number == 3 and restored.note == "restore #1" and restored.author == "小李"
    assert lib.current_text(sid) == (original, 3)
    assert lib.segment(sid).title == "山区共同富裕"
    assert [r.number for r in lib.revisions(sid)] == [3, 2, 1]
    # restoring what is current changes nothing
    assert lib.restore(restored.id, "小李").id == restored.id
    with pytest.raises(NotFoundError):
        lib.restore(10_000, "小李")


def test_header_fields_are_versioned_with_the_text(imported):
    lib, iid, keys = imported
    sid = keys["s04"]
    text, version = lib.current_text(sid)
    first = lib.current_revision(sid)
    assert first.header == lib.current_header(sid) == lib.get_issue(iid).segment("s04").header
    assert (first.authors, first.page) == (["李四", "王五"], 20)
    r2 = lib.save_text(sid, None, "小王", expected_version=version, note="header",
                       header={"authors": ["李四"], "subtitle": "副题", "page": "21"})
    assert (r2.number, r2.text, r2.note, r2.authors, r2.subtitle, r2.page) == (
        2, text, "header", ["李四"], "副题", 21
    )
    row = lib.segment(sid)
    assert (row.authors, row.subtitle, row.page, row.version) == (["李四"], "副题", 21, version + 1)
    assert lib.current_header(sid) == r2.header
    assert lib.get_issue(iid).segment("s04").header == r2.header
    # the same header again: no revision
    assert lib.save_text(sid, None, "小王", header={"authors": ["李四"]}).id == r2.id
    with pytest.raises(LibraryError, match="unknown header fields"):
        lib.save_text(sid, None, "小王", header={"byline": "x"})
    # a text edit keeps the header; restore brings an old header back with its text
    r3 = lib.save_text(sid, "新文本。", "小李")
    assert r3.header == r2.header
    restored = lib.restore(first.id, "小李")
    assert restored.header == first.header and restored.text == text
    assert lib.current_header(sid) == first.header and lib.segment(sid).authors == ["李四", "王五"]
    assert lib.revision_by_number(sid, 2) == r2
    with pytest.raises(NotFoundError):
        lib.revision_by_number(sid, 99)


def test_conflict_keeps_both_texts(imported):
    lib, _, keys = imported
    sid = keys["s03"]
    _, version = lib.current_text(sid)
    mine = lib.save_text(sid, "甲编辑的文本。", "甲", expected_version=version)
    with pytest.raises(ConflictError) as info:
        lib.save_text(sid, "乙编辑的文本。", "乙", expected_version=version)
    err = info.value
    assert isinstance(err, LibraryError)
    assert err.current_revision_id == mine.id
    assert (err.expected_version, err.actual_version) == (version, version + 1)
    kept = lib.revision(err.conflict_revision_id)
    assert kept.text == "乙编辑的文本。" and kept.note == "conflict" and kept.author == "乙"
    # the current text is untouched, both texts are in the history
    assert lib.current_text(sid) == ("甲编辑的文本。", version + 1)
    assert {"甲编辑的文本。", "乙编辑的文本。"} <= {r.text for r in lib.revisions(sid)}
    # resolving: restore the conflicting revision on top
    fixed = lib.restore(kept.id, "乙", expected_version=version + 1)
    assert lib.current_text(sid) == ("乙编辑的文本。", version + 2)
    assert fixed.note == f"restore #{kept.number}"
    with pytest.raises(ConflictError) as info:
        lib.restore(mine.id, "甲", expected_version=version)
    assert info.value.conflict_revision_id is None


def test_conflicting_save_of_the_current_text_is_no_conflict(imported):
    lib, _, keys = imported
    sid = keys["s03"]
    lib.save_text(sid, "同样的文本。", "甲")
    rev = lib.save_text(sid, "同样的文本。", "乙", expected_version=1)
    assert rev.author == "甲" and len(lib.revisions(sid)) == 2


def test_revisions_are_append_only_in_the_database(imported):
    lib, _, keys = imported
    rev = lib.revisions(keys["s03"])[0]
    with pytest.raises((sqlite3.IntegrityError, LibraryError), match="append-only"):
        with lib.atomic():
            lib._write("UPDATE revisions SET text = 'x' WHERE id = ?", (rev.id,))
    with pytest.raises((sqlite3.IntegrityError, LibraryError), match="append-only"):
        with lib.atomic():
            lib._write("DELETE FROM revisions WHERE id = ?", (rev.id,))
    assert lib.revision(rev.id) == rev


def test_failed_save_leaves_text_and_index_untouched(imported, monkeypatch):
    lib, _, keys = imported
    sid = keys["s03"]
    before = lib.current_text(sid)

    def boom(self, *a):
        raise RuntimeError("boom")

    monkeypatch.setattr(type(lib), "_index_segment", boom)
    with pytest.raises(RuntimeError):
        lib.save_text(sid, "不会保存。", "小王")
    monkeypatch.undo()
    assert lib.current_text(sid) == before and len(lib.revisions(sid)) == 1
    assert lib.search("不会保存") == [] and lib.search("数字浙江")
    assert lib.integrity_problems() == []


def test_save_rejects_non_text(imported):
    lib, _, keys = imported
    with pytest.raises(TypeError):
        lib.save_text(keys["s03"], b"bytes", "小王")
    with pytest.raises(TypeError):
        lib.save_text(keys["s03"], 42, "小王")
    # None keeps the text: with no header change it is a no-op
    before = lib.current_revision(keys["s03"])
    assert lib.save_text(keys["s03"], None, "小王") == before
    assert len(lib.revisions(keys["s03"])) == 1
    with pytest.raises(NotFoundError):
        lib.save_text(99999, "x", "小王")
    with pytest.raises(NotFoundError):
        lib.current_text(99999)


@pytest.mark.parametrize(
    "status, code",
    [
        ("pending", "pending"),
        ("审校中", "in_review"),
        ("已校", "proofread"),
        ("signed", "signed"),
        ("签发", "signed"),
        ("待审", "pending"),
    ],
)
def test_review_status(imported, status, code):
    lib, _, keys = imported
    row = lib.set_review_status(keys["s03"], status, "主编")
    assert row.review_status == code and row.review_by == "主编" and row.review_at
    assert lib.segment(keys["s03"]).review_status == code


def test_review_status_unknown(imported):
    lib, _, keys = imported
    with pytest.raises(LibraryError, match="unknown review status"):
        lib.set_review_status(keys["s03"], "done", "主编")
    assert lib.segment(keys["s03"]).review_status == "pending"
