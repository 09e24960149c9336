"""People and posts across issues, and the house lexicon, through the services."""

from __future__ import annotations

import pytest

from editor_app.services import checking, importing
from editor_app.services import lexicon as lex
from editor_app.services.issues import UserError
from editor_app.store import Library

ISSUE_A = """东越视窗

2024年第9期 总第600期 半月刊

乡村振兴看东越

本刊记者 林小溪

近日，丽水市副市长周明远在调研时强调，要把乡村产业做强做优。他说，今年全市新建冷链仓储设施二十处。

座谈会上，副市长周明远介绍了项目进展。
"""

ISSUE_B = """东越视窗

2024年第10期 总第601期 半月刊

山区共富新路径

本刊记者 林小溪

在项目现场，丽水市市长周明远表示，要加快山区公路建设，让群众出行更方便。

今年以来，全市已完成投资四十亿元，推进高质量发展。
"""


@pytest.fixture
def lib(tmp_path):
    lib = Library(tmp_path / "lib.db")
    yield lib
    lib.close()


def _import(lib, tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return importing.import_issue_file(lib, p).issue_id


def _post_findings(lib, issue_id):
    return [f for f in lib.list_findings(issue_id, status="open") if f.rule == "consistency.person_post"]


def test_a_person_given_another_post_in_a_later_issue_is_an_info_naming_the_earlier(lib, tmp_path):
    a = _import(lib, tmp_path, "a.txt", ISSUE_A)
    b = _import(lib, tmp_path, "b.txt", ISSUE_B)
    assert {p.post for p in lib.issue_posts(a)} == {"丽水市副市长", "副市长"}
    found = _post_findings(lib, b)
    assert len(found) == 1
    f = found[0]
    assert f.severity == "info"
    assert "2024年第9期" in f.message and "副市长" in f.message
    assert f.excerpt == "丽水市市长周明远"
    # the earlier issue is not compared with the later one
    assert _post_findings(lib, a) == []


def test_editing_the_earlier_issue_changes_the_later_issues_state(lib, tmp_path):
    a = _import(lib, tmp_path, "a.txt", ISSUE_A)
    b = _import(lib, tmp_path, "b.txt", ISSUE_B)
    assert checking.is_current(lib, b)
    seg = next(s for s in lib.segments(a) if s.kind != "masthead")
    text, version = lib.current_text(seg.id)
    new = text.replace("副市长周明远", "市长周明远")
    checking.write_and_recheck(
        lib, a, lambda: [lib.save_text(seg.id, new, "t", expected_version=version)], "edit")
    assert not checking.is_current(lib, b)
    checking.ensure_current(lib, b)
    assert _post_findings(lib, b) == []


def test_an_undated_or_same_post_issue_gives_nothing(lib, tmp_path):
    a = _import(lib, tmp_path, "a.txt", ISSUE_A)
    same = ISSUE_B.replace("2024年第10期", "2024年第11期").replace("丽水市市长", "丽水市副市长")
    c = _import(lib, tmp_path, "c.txt", same)
    assert a and _post_findings(lib, c) == []


def test_lexicon_add_remove_and_the_open_issue_rechecked(lib, tmp_path):
    b = _import(lib, tmp_path, "b.txt", ISSUE_B)
    assert _post_findings(lib, b) == []
    res = lex.add(lib, "人名", "周明远", post="丽水市副市长", note="示例", recheck_issue=b)
    assert res.changes.settings and res.changes.findings
    found = _post_findings(lib, b)
    assert [f.severity for f in found] == ["warning"] and "词库" in found[0].message
    assert checking.is_current(lib, b)
    res = lex.remove(lib, [res.entries[0].id], recheck_issue=b)
    assert res.changes.findings and _post_findings(lib, b) == []


def test_lexicon_formulation_variant_flagged_and_names_protected(lib, tmp_path):
    b = _import(lib, tmp_path, "b.txt", ISSUE_B)
    lex.add(lib, "formulation", "高质量发展", variants="高品质发展|高质量的发展", recheck_issue=b)
    assert not [f for f in lib.list_findings(b, status="open") if f.rule == "consistency.house_formulation"]
    seg = next(s for s in lib.segments(b) if s.kind != "masthead")
    text, version = lib.current_text(seg.id)
    checking.write_and_recheck(
        lib, b,
        lambda: [lib.save_text(seg.id, text.replace("推进高质量发展", "推进高品质发展"), "t",
                               expected_version=version)],
        "edit")
    found = [f for f in lib.list_findings(b, status="open") if f.rule == "consistency.house_formulation"]
    assert [(f.excerpt, f.suggestion) for f in found] == [("高品质发展", "高质量发展")]


def test_lexicon_csv_round_trip_and_errors(lib, tmp_path):
    src = tmp_path / "in.csv"
    src.write_text(
        "\ufeff# 示例\nkind,term,post,variants,note\n"
        "person,周明远,丽水市副市长,,\n"
        "提法,高质量发展,,高品质发展|高质量的发展,规范提法\n"
        "机构,东越省发展和改革委员会,,东越省发改委,\n\n",
        encoding="utf-8",
    )
    res = lex.import_csv(lib, src)
    assert len(res.entries) == 3 and res.skipped == 1
    assert not res.changes.findings  # no open issue given
    out = tmp_path / "out.csv"
    assert lex.export_csv(lib, out) == 3
    again = Library(tmp_path / "other.db")
    try:
        lex.import_csv(again, out)
        assert [(e.kind, e.term, e.post, e.variants) for e in again.lexicon()] == [
            (e.kind, e.term, e.post, e.variants) for e in lib.lexicon()
        ]
    finally:
        again.close()
    bad = tmp_path / "bad.csv"
    bad.write_text("kind,term\n职位,某某\n", encoding="utf-8")
    with pytest.raises(UserError, match="第 2 行"):
        lex.import_csv(lib, bad)
    with pytest.raises(UserError):
        lex.add(lib, "formulation", "高质量发展", post="市长")
    # importing the same entries again updates them, no duplicates
    lex.import_csv(lib, src)
    assert len(lib.lexicon()) == 3


def test_the_shipped_example_csv_imports(lib):
    from editor_app import paths

    res = lex.import_csv(lib, paths.resource("lexicon", "example.csv"))
    kinds = {e.kind for e in res.entries}
    assert kinds == {"person", "organisation", "formulation"}


def test_lexicon_names_are_not_fixed_by_the_wording_and_script_rules(lib, tmp_path):
    text = ISSUE_B.replace("今年以来，", "村民张在在说，今年以来，东越省著装协会也参与了，")
    b = _import(lib, tmp_path, "b.txt", text)

    def found():
        return sorted((f.rule, f.excerpt) for f in lib.list_findings(b, status="open")
                      if f.rule in ("wording.duplicated", "script.context_form"))

    assert found() == [("script.context_form", "著装"), ("wording.duplicated", "在在")]
    lex.add(lib, "person", "张在在", recheck_issue=b)
    lex.add(lib, "organisation", "东越省著装协会", recheck_issue=b)
    assert found() == []
    assert checking.is_current(lib, b)
