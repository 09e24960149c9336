"""Migration 0006_lexicon: the house lexicon and the posts printed in each issue."""

import pytest

from editor_app.store import Library, LibraryError, PostRow
from editor_app.store.schema import MIGRATION_NAMES


def test_migration_0006_applied(lib):
    assert "0006_lexicon" in MIGRATION_NAMES and "0006_lexicon" in lib.applied_migrations()
    cols = set(lib._cx.columns("lexicon"))
    assert cols == {"id", "kind", "term", "post", "variants", "note", "created"}


def test_put_updates_the_entry_of_the_same_kind_and_term(lib):
    a = lib.put_lexicon_entry("formulation", "高质量发展", variants="高品质发展|高品质发展| 高质量的发展 ")
    assert a.variants == ("高品质发展", "高质量的发展")
    b = lib.put_lexicon_entry("formulation", "高质量发展", variants=["高品质发展"], note="改")
    assert b.id == a.id and b.variants == ("高品质发展",) and b.note == "改"
    c = lib.put_lexicon_entry("organisation", "高质量发展")  # another kind: another entry
    assert c.id != a.id and len(lib.lexicon()) == 2 and [e.kind for e in lib.lexicon("organisation")] == ["organisation"]
    assert lib.remove_lexicon_entry(a.id) and not lib.remove_lexicon_entry(a.id)
    with pytest.raises(LibraryError):
        lib.put_lexicon_entry("post", "市长")
    with pytest.raises(LibraryError):
        lib.put_lexicon_entry("person", "  ")


def _issue(lib, year, number, title="示例"):
    from editor_app.checks.core import IssueExample
    from editor_app.checks.examples import issue_from_example

    issue = issue_from_example(IssueExample(articles={"第1篇": f"{year}年第{number}期的文字。"}))
    issue.masthead.year, issue.masthead.number, issue.masthead.title = year, number, title
    return lib.import_issue(issue).issue_id


def test_earlier_posts_are_those_of_the_most_recent_earlier_issue(tmp_path):
    with Library(tmp_path / "l.db") as lib:
        a = _issue(lib, 2024, 8)
        b = _issue(lib, 2024, 9)
        c = _issue(lib, 2024, 10)
        with lib.atomic():
            lib.replace_issue_posts(a, [PostRow(a, "周明远", "局长", "", "局长")])
            lib.replace_issue_posts(b, [PostRow(b, "周明远", "副市长", "", "副市长"),
                                        PostRow(b, "钱江南", "省长", "", "省长")])
            lib.replace_issue_posts(c, [PostRow(c, "周明远", "市长", "", "市长")])
        assert [(p.name, p.post, p.issue_id) for p in lib.earlier_posts(c)] == [
            ("周明远", "副市长", b), ("钱江南", "省长", b)]
        assert [(p.name, p.post) for p in lib.earlier_posts(b)] == [("周明远", "局长")]
        assert lib.earlier_posts(a) == []
        with lib.atomic():
            lib.replace_issue_posts(b, [])
        assert [(p.name, p.post) for p in lib.earlier_posts(c)] == [("周明远", "局长")]
        lib.delete_issue(a)
        assert lib.earlier_posts(c) == [] and lib.issue_post_count(a) == 0
