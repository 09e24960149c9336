"""Importing issues: idempotence, masthead conflicts, replacing, atomicity, reading back."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor_app.model import Masthead
from editor_app.store import Library, LibraryError, MastheadConflictError, NotFoundError
from editor_app.store.issues import source_hash_of
from tests.store.conftest import DEFAULT_ARTICLES, build_issue


def _counts(lib: Library) -> dict[str, object]:
    tables = ["issues", "issue_sources", "toc_entries", "segments", "revisions", "findings"]
    out = {t: lib._scalar(f"SELECT COUNT(*) FROM {t}") for t in tables}
    if lib.backend == "sqlite":
        # the contentless index cannot be counted; its storage must not change either
        out["fts"] = lib.db.execute(
            "SELECT COUNT(*), TOTAL(LENGTH(block)), group_concat(hex(block)) FROM search_fts_data"
        ).fetchone()
    else:
        out["fts"] = [tuple(r) for r in lib._rows("SELECT segment_id, tokens::text FROM search_docs ORDER BY 1")]
    return out


def test_import_creates_issue_segments_and_first_revisions(lib, make_issue):
    issue = make_issue()
    res = lib.import_issue(issue, author="小王")
    assert res.status == "imported" and res.added == len(issue.segments)
    rows = lib.segments(res.issue_id)
    assert [r.key for r in rows] == [s.id for s in issue.segments]
    for row, seg in zip(rows, issue.segments, strict=True):
        assert row.version == 1 and row.review_status == "pending" and not row.edited
        revs = lib.revisions(row.id)
        assert len(revs) == 1
        assert revs[0].number == 1 and revs[0].note == "import" and revs[0].author == "小王"
        assert revs[0].text == seg.editable_text()[0]
        assert revs[0].title == seg.title
        assert lib.current_text(row.id) == (seg.editable_text()[0], 1)
    assert lib.source(res.issue_id) == issue.source
    assert lib.toc(res.issue_id) == issue.toc


def test_same_file_again_is_already_and_writes_nothing(lib, make_issue):
    first = lib.import_issue(make_issue())
    before = _counts(lib)
    again = lib.import_issue(make_issue())
    assert again.status == "already" and again.issue_id == first.issue_id
    assert _counts(lib) == before
    # even when replacing is allowed
    assert lib.import_issue(make_issue(), replace=True).status == "already"
    assert _counts(lib) == before


def test_hash_falls_back_to_the_text(lib, make_issue):
    issue = make_issue()
    issue.source_hash = ""
    res = lib.import_issue(issue)
    assert lib.issue_summary(res.issue_id).source_hash == source_hash_of(issue)
    assert lib.import_issue(issue).status == "already"


def test_same_masthead_other_source_is_refused(lib, make_issue):
    first = lib.import_issue(make_issue())
    before = _counts(lib)
    with pytest.raises(LibraryError) as info:
        lib.import_issue(make_issue(salt="另一个版本"))
    assert isinstance(info.value, MastheadConflictError)
    assert info.value.existing_issue_id == first.issue_id
    assert "今日浙江 2024年第10期" in str(info.value) and "replace=True" in str(info.value)
    assert _counts(lib) == before


def test_other_issue_number_is_a_new_issue(lib, make_issue):
    a = lib.import_issue(make_issue(number=10))
    b = lib.import_issue(make_issue(number=11))
    assert a.issue_id != b.issue_id and b.status == "imported"
    assert [s.number for s in lib.list_issues()] == [11, 10]


def test_unknown_masthead_never_conflicts(lib, make_issue):
    a = lib.import_issue(make_issue(year=None, number=None))
    b = lib.import_issue(make_issue(year=None, number=None, salt="x"))
    assert a.status == b.status == "imported" and a.issue_id != b.issue_id


def test_replace_keeps_id_and_old_texts_as_revisions(lib, make_issue):
    old = make_issue()
    first = lib.import_issue(old)
    seg = lib.segment_by_key(first.issue_id, "s03")
    lib.save_text(seg.id, "编辑改过的文本。", "小王")
    articles = [dict(a) for a in DEFAULT_ARTICLES]
    articles[0] = dict(articles[0], body=["新版本的第一段。", "新版本的第二段。"])
    new = make_issue(articles=articles, salt="第二版")
    res = lib.import_issue(new, replace=True, author="小李")
    assert res.status == "replaced" and res.issue_id == first.issue_id
    assert res.added == 0 and res.retired == 0 and res.updated == len(new.segments)
    assert lib.source(first.issue_id) == new.source
    assert len(lib.list_issues()) == 1
    seg_after = lib.segment_by_key(first.issue_id, "s03")
    assert seg_after.id == seg.id
    revs = lib.revisions(seg.id)
    assert [r.note for r in revs] == ["replace", "edit", "import"]
    assert revs[0].text == "新版本的第一段。\n新版本的第二段。" and revs[0].author == "小李"
    assert revs[1].text == "编辑改过的文本。"
    assert revs[2].text == old.segments[2].editable_text()[0]
    assert seg_after.version == 3 and not seg_after.edited
    # unchanged articles get no new revision, but new offsets
    s04 = lib.segment_by_key(first.issue_id, "s04")
    assert [r.note for r in lib.revisions(s04.id)] == ["import"]
    assert (s04.source_start, s04.source_end) == (
        new.segments[3].source_start,
        new.segments[3].source_end,
    )
    # the old source is kept
    hist = lib._rows("SELECT source FROM issue_sources WHERE issue_id = ?", [first.issue_id])
    assert [tuple(r) for r in hist] == [(old.source,)]
    assert lib.get_issue(first.issue_id).source == new.source
    assert lib.integrity_problems() == []


def test_replace_retires_unmatched_and_adds_new(lib, make_issue):
    first = lib.import_issue(make_issue())
    gone = lib.segment_by_key(first.issue_id, "s04")  # 山区共同富裕
    lib.save_text(gone.id, "这篇稿子后来撤下了。", "小王")
    articles = [
        DEFAULT_ARTICLES[0],
        {
            "title": "全新的文章",
            "authors": ["钱七"],
            "page": 22,
            "section": "新栏目",
            "body": ["崭新内容。"],
        },
        DEFAULT_ARTICLES[2],
    ]
    res = lib.import_issue(make_issue(articles=articles), replace=True)
    assert (res.added, res.updated, res.retired) == (1, 4, 1)
    active = lib.segments(first.issue_id)
    assert [s.title for s in active if s.kind == "article"] == [a["title"] for a in articles]
    assert lib.segment_by_key(first.issue_id, "s04").title == "全新的文章"
    retired = lib.segment(gone.id)
    assert not retired.active
    assert [r.text for r in lib.revisions(gone.id)][0] == "这篇稿子后来撤下了。"
    assert gone.id in [s.id for s in lib.segments(first.issue_id, include_inactive=True)]
    with pytest.raises(LibraryError):
        lib.save_text(gone.id, "x", "小王")
    assert lib.search("撤下") == []
    assert [h.title for h in lib.search("崭新")] == ["全新的文章"]
    assert lib.integrity_problems() == []


def test_replace_with_shifted_keys_follows_titles(lib, make_issue):
    first = lib.import_issue(make_issue())
    ids = {s.title: s.id for s in lib.segments(first.issue_id) if s.kind == "article"}
    extra = {
        "title": "插在最前",
        "authors": ["甲"],
        "page": 8,
        "section": "卷首",
        "body": ["卷首语。"],
    }
    res = lib.import_issue(make_issue(articles=[extra, *DEFAULT_ARTICLES]), replace=True)
    assert (res.added, res.retired) == (1, 0)
    after = {s.title: (s.id, s.key) for s in lib.segments(first.issue_id) if s.kind == "article"}
    for title, seg_id in ids.items():
        assert after[title][0] == seg_id  # same segment, new key
    assert after["插在最前"][1] == "s03" and after[DEFAULT_ARTICLES[0]["title"]][1] == "s04"


def test_failure_mid_import_writes_nothing(lib, make_issue, monkeypatch):
    lib.import_issue(make_issue(number=9))
    before = _counts(lib)
    calls = {"n": 0}
    original = Library._index_segment

    def flaky(self, seg_id, title, text):
        calls["n"] += 1
        if calls["n"] == 4:
            raise RuntimeError("disk on fire")
        return original(self, seg_id, title, text)

    monkeypatch.setattr(Library, "_index_segment", flaky)
    with pytest.raises(RuntimeError, match="disk on fire"):
        lib.import_issue(make_issue(number=10))
    assert calls["n"] == 4
    assert _counts(lib) == before
    monkeypatch.undo()
    assert lib.import_issue(make_issue(number=10)).status == "imported"
    assert lib.integrity_problems() == []


def test_failure_mid_replace_writes_nothing(lib, make_issue, monkeypatch):
    res = lib.import_issue(make_issue())
    before = _counts(lib)
    source_before = lib.source(res.issue_id)

    def boom(self, *a, **k):
        raise RuntimeError("boom")

    monkeypatch.setattr(Library, "_insert_toc", boom)
    with pytest.raises(RuntimeError):
        lib.import_issue(make_issue(salt="v2"), replace=True)
    assert _counts(lib) == before and lib.source(res.issue_id) == source_before


def test_invalid_issue_is_refused(lib, make_issue):
    issue = make_issue()
    issue.segments[3].id = "s03"
    with pytest.raises(LibraryError, match="duplicate segment ids"):
        lib.import_issue(issue)
    issue = make_issue()
    issue.segments[-1].source_end = len(issue.source) + 5
    with pytest.raises(LibraryError, match="outside the source"):
        lib.import_issue(issue)
    assert lib.list_issues() == []


def test_get_issue_round_trips_an_unedited_issue(lib, make_issue):
    issue = make_issue()
    res = lib.import_issue(issue)
    back = lib.get_issue(res.issue_id)
    assert back.masthead == issue.masthead
    assert back.source == issue.source and back.source_hash == issue.source_hash
    assert back.toc == issue.toc
    # the library adds where each segment lives (its id, current revision) and the
    # imported text with its map to the source; the rest is what was imported
    library_fields = {"revision_id": None, "library_id": None, "base_text": None, "base_map": None}
    plain = [dataclasses.replace(s, **library_fields) for s in back.segments]
    assert plain == issue.segments  # paragraphs, kinds and pieces included
    for seg, orig in zip(back.segments, issue.segments, strict=True):
        row = lib.segment_by_key(res.issue_id, seg.id)
        assert seg.library_id == row.id and seg.ref.id == row.id and seg.ref.key == orig.id
        assert seg.revision_id == lib.current_revision(row.id).id
        assert (seg.base_text, seg.base_map) == orig.editable_text()


def test_get_issue_after_edits(lib, make_issue):
    issue = make_issue()
    res = lib.import_issue(issue)
    s04 = lib.segment_by_key(res.issue_id, "s04")
    # same paragraph count: kinds kept, pieces kept where a paragraph is unchanged
    text, version = lib.current_text(s04.id)
    paras = text.split("\n")
    paras[1] = "“两山”理念落地生根。"
    lib.save_text(
        s04.id, "\n".join(paras), "小王", expected_version=version, title="山区共同富裕之路"
    )
    seg = lib.get_issue(res.issue_id).segment("s04")
    assert seg.title == "山区共同富裕之路"
    assert seg.editable_text()[0] == "\n".join(paras)
    orig = issue.segment("s04").paragraphs
    assert [p.kind for p in seg.paragraphs] == [p.kind for p in orig]
    assert seg.paragraphs[2].pieces == orig[2].pieces  # unchanged lead
    assert seg.paragraphs[3].pieces == []  # edited
    # paragraph count changed: headers kept, body paragraphs become 'body'
    lib.save_text(s04.id, "只剩一段。", "小王")
    seg = lib.get_issue(res.issue_id).segment("s04")
    assert [p.kind for p in seg.paragraphs] == ["title", "byline", "body"]
    assert seg.editable_text()[0] == "只剩一段。"
    lib.save_text(s04.id, "", "小王")
    assert lib.get_issue(res.issue_id).segment("s04").editable_text()[0] == ""


def test_list_issues_summary(lib, make_issue):
    res = lib.import_issue(make_issue(source_name="jrzj-2024-10.txt"))
    (s,) = lib.list_issues()
    assert s.id == res.issue_id and s.label == "今日浙江 2024年第10期"
    assert (s.title, s.year, s.number, s.total_number) == ("今日浙江", 2024, 10, 710)
    assert s.n_articles == 3 and s.n_open_findings == 0
    assert s.source_name == "jrzj-2024-10.txt" and s.imported_at


def test_delete_issue(lib, make_issue):
    a = lib.import_issue(make_issue(number=1))
    b = lib.import_issue(make_issue(number=2))
    seg = lib.segment_by_key(a.issue_id, "s03")
    lib.save_text(seg.id, "改过", "小王")
    lib.add_allow("张三", issue_id=a.issue_id)
    lib.delete_issue(a.issue_id)
    assert [s.id for s in lib.list_issues()] == [b.issue_id]
    with pytest.raises(NotFoundError):
        lib.segment(seg.id)
    assert lib.allowlist(a.issue_id) == []
    assert {h.issue_id for h in lib.search("浙江")} == {b.issue_id}
    assert lib.integrity_problems() == []
    with pytest.raises(NotFoundError):
        lib.delete_issue(a.issue_id)


def test_unknown_ids(lib):
    for call in (
        lambda: lib.get_issue(99),
        lambda: lib.source(99),
        lambda: lib.segments(99),
        lambda: lib.segment(99),
        lambda: lib.toc(99),
        lambda: lib.issue_summary(99),
    ):
        with pytest.raises(NotFoundError):
            call()


def test_masthead_label_stored(lib, make_issue):
    res = lib.import_issue(make_issue())
    assert lib.issue_summary(res.issue_id).label == Masthead("今日浙江", 2024, 10).label()
    assert lib.find_issue("今日浙江", 2024, 10) == res.issue_id
    assert lib.find_issue("今日浙江", 2024, 11) is None


@settings(max_examples=80, deadline=None)
@given(text=st.text(alphabet="浙江\n，a ", max_size=30), title=st.none() | st.text(max_size=5))
def test_get_issue_text_is_always_the_current_text(text, title):
    with Library(":memory:") as lib:
        res = lib.import_issue(build_issue())
        sid = lib.segment_by_key(res.issue_id, "s04").id
        lib.save_text(sid, text, "甲", title=title)
        seg = lib.get_issue(res.issue_id).segment("s04")
        assert seg.editable_text()[0] == text
        assert seg.title == (lib.segment(sid).title)
        assert [p.kind for p in seg.paragraphs][:2] == ["title", "byline"]
