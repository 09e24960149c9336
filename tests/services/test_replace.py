"""Find and replace (services/replace.py): options, preview, one revision per article,
stale articles left alone, undo by restore."""

from __future__ import annotations

import pytest

from editor_app.services import editing, importing
from editor_app.services import issues as svc
from editor_app.services import replace as rp
from editor_app.services.issues import UserError
from editor_app.services.replace import ReplaceOptions as O


@pytest.fixture
def demo_lib(tmp_path, demo_path):
    lib = svc.open_library(tmp_path / "lib.sqlite")
    issue_id = importing.import_issue_file(lib, demo_path, author="导入").issue_id
    editing.check_issue(lib, issue_id)
    yield lib, issue_id
    lib.close()


def _texts(lib, issue_id):
    return {r.id: lib.current_text(r.id)[0] for r in lib.segments(issue_id)}


@pytest.mark.parametrize("text,query,rep,opts,expect", [
    ("Word word WORD", "word", "X", O(), "X X X"),
    ("Word word WORD", "word", "X", O(match_case=True), "Word X WORD"),
    ("GDP、GDPR 和 GDP。", "GDP", "国内生产总值", O(whole_word=True), "国内生产总值、GDPR 和 国内生产总值。"),
    ("GDP、GDPR", "GDP", "X", O(), "X、XR"),
    ("增长５％，达到5%", "5%", "五成", O(width_insensitive=True), "增长五成，达到五成"),
    ("增长５％，达到5%", "5%", "五成", O(), "增长５％，达到五成"),
    ("（一）和(二)", "(", "〔", O(width_insensitive=True), "〔一）和〔二)"),
    ("（一）和(二)", "（", "〔", O(width_insensitive=True, regex=True), "〔一）和〔二)"),
    ("2024年、2025年", r"(\d{4})年", r"\1 年", O(regex=True), "2024 年、2025 年"),
    ("截止2024年底", "截止", "截至", O(), "截至2024年底"),
    ("a.b axb", "a.b", "Y", O(), "Y axb"),  # not a regex unless asked
    ("ＡＢＣ abc", "abc", "z", O(width_insensitive=True), "z z"),
])
def test_options(text, query, rep, opts, expect):
    matches = rp.find_in_text(text, query, rep, opts)
    change = rp.ArticleChange(1, "", 1, text, matches)
    assert change.new_text() == expect


def test_match_carries_context_and_offsets():
    text = "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸"
    (m,) = rp.find_in_text(text, "甲乙", "AB", O(), seg_id=7, context=3)
    assert (m.seg_id, m.start, m.end, m.found, m.replacement, m.before, m.after) == (7, 10, 12, "甲乙", "AB", "八九十", "丙丁戊")


@pytest.mark.parametrize("query,opts", [("", O()), ("(", O(regex=True)), ("[a", O(regex=True))])
def test_bad_query_is_a_user_error(query, opts):
    with pytest.raises(UserError):
        rp.compile_query(query, opts)


def test_bad_group_reference_is_a_user_error():
    with pytest.raises(UserError):
        rp.find_in_text("ab", "a", r"\2", O(regex=True))


def test_empty_matches_are_skipped():
    assert rp.find_in_text("甲乙", "x*", "y", O(regex=True)) == []


def test_preview_writes_nothing_and_apply_makes_one_revision_per_article(demo_lib):
    lib, issue_id = demo_lib
    before = _texts(lib, issue_id)
    pv = rp.preview(lib, issue_id, "东越", "南岳", O())
    assert len(pv.changes) >= 3 and pv.n_matches > len(pv.changes)  # several articles, several per article
    assert _texts(lib, issue_id) == before
    n_revs = {c.seg_id: len(lib.revisions(c.seg_id)) for c in pv.changes}
    res = rp.apply(lib, pv, "校对员甲")
    assert [s for s, _r in res.changed] == [c.seg_id for c in pv.changes] and res.stale == []
    after = _texts(lib, issue_id)
    for seg_id, rev in res.changed:
        assert len(lib.revisions(seg_id)) == n_revs[seg_id] + 1
        assert rev.note == "replace 「东越」→「南岳」" and rev.author == "校对员甲"
        assert "东越" not in after[seg_id] and after[seg_id] == before[seg_id].replace("东越", "南岳")
    untouched = set(before) - {s for s, _ in res.changed}
    assert all(after[s] == before[s] for s in untouched)


def test_one_article_and_left_out_matches(demo_lib):
    lib, issue_id = demo_lib
    whole = rp.preview(lib, issue_id, "东越", "南岳", O())
    target = max(whole.changes, key=lambda c: len(c.matches))
    pv = rp.preview(lib, issue_id, "东越", "南岳", O(), seg_id=target.seg_id)
    assert [c.seg_id for c in pv.changes] == [target.seg_id]
    first = pv.changes[0].matches[0]
    res = rp.apply(lib, pv, "甲", skip={target.seg_id: frozenset({first.start})})
    text = lib.current_text(target.seg_id)[0]
    assert [s for s, _r in res.changed] == [target.seg_id]
    assert text[first.start:first.end] == "东越" and text.count("东越") == 1


def test_article_edited_since_the_preview_is_left_alone(demo_lib):
    lib, issue_id = demo_lib
    pv = rp.preview(lib, issue_id, "东越", "南岳", O())
    first = pv.changes[0]
    text, version = lib.current_text(first.seg_id)
    lib.save_text(first.seg_id, text + "另改", "乙", expected_version=version)
    n = len(lib.revisions(first.seg_id))
    res = rp.apply(lib, pv, "甲")
    assert res.stale == [first.seg_id] and first.seg_id not in {s for s, _ in res.changed}
    assert len(lib.revisions(first.seg_id)) == n  # no conflict copy either
    assert lib.current_text(first.seg_id)[0] == text + "另改"


def test_undo_restores_the_previous_revision_per_article(demo_lib):
    lib, issue_id = demo_lib
    before = _texts(lib, issue_id)
    res = rp.apply(lib, rp.preview(lib, issue_id, "东越", "南岳", O()), "甲")
    # one article is edited after the replace: its undo is refused, the others are restored
    seg0 = res.changed[0][0]
    text, version = lib.current_text(seg0)
    lib.save_text(seg0, text + "后改", "乙", expected_version=version)
    out = rp.undo(lib, res.changed, "甲")
    assert out.stale == [seg0]
    after = _texts(lib, issue_id)
    for seg_id, rev in out.changed:
        assert after[seg_id] == before[seg_id] and rev.note.startswith("restore #")
    assert after[seg0] == text + "后改"


def test_unknown_article_is_a_user_error(demo_lib):
    lib, issue_id = demo_lib
    with pytest.raises(UserError):
        rp.preview(lib, issue_id, "东越", "南岳", O(), seg_id=999999)


def test_findings_follow_a_replace_and_its_undo(demo_lib):
    """Replacing 傳承 with 传承 resolves the script finding in the same transaction; undoing
    the replace brings the text back and the problem is open again."""
    lib, issue_id = demo_lib[0], demo_lib[1]

    def trad_open():
        return [f for f in lib.list_findings(issue_id, status="open") if f.excerpt == "傳承"]

    assert trad_open()
    pv = rp.preview(lib, issue_id, "傳承", "传承", O())
    res = rp.apply(lib, pv, "编辑甲")
    assert res.changes.text and res.changes.findings and res.changes.issue_id == issue_id
    assert trad_open() == []
    gone = lib.list_findings(issue_id, status="resolved")
    assert any(f.excerpt == "傳承" and f.resolved_how == pv.note for f in gone)
    back = rp.undo(lib, res.changed, "编辑甲")
    assert back.changes.text and back.changes.findings
    assert trad_open()
