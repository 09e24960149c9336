"""Findings follow the text, whatever changes it (DESIGN.md, "Findings are a function
of the current text"): an edit, a fix, a bulk fix, a restore (undo of a bulk fix),
a replacing import, a DOCX revision and a header edit each re-check the issue.

A problem gone from the text is resolved (an event, listed with status
"resolved"); a problem back in the text is open again — in the findings list, the
overview's counts and error rates, the review copy's comments and
``check --json`` — and a dismissed problem stays dismissed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import docx
import pytest

from editor_app.cli import main
from editor_app.services import checking, editing, exporting, importing, review, workspace
from editor_app.services import issues as svc
from tests.export.docx_read import comments

TRAD = ("s14", "script.traditional", "傳承")  # planted: 传承 written in traditional characters
OTHER_S14 = ("s14", "wording.confusables", "人选")  # another problem of the same article


@pytest.fixture
def demo(library_db, demo_path):
    db = library_db
    lib = svc.open_library(db)
    issue_id = importing.import_issue_file(lib, demo_path, author="导入").issue_id
    yield lib, issue_id, db
    lib.close()


@dataclass
class Seen:
    """How each view shows one problem (key, rule, excerpt)."""

    open: int  # list_findings(status="open")
    resolved: int  # list_findings(status="resolved")
    dismissed: int
    docx: int  # comments of the review copy on it
    cli: int  # open findings of `check --json` on it
    row: tuple | None  # overview of its article: (open findings, open errors, error rate)
    issue: tuple  # overview of the issue: (open findings, open errors, error rate)


def _count(fs, key, rule, excerpt):
    return sum(1 for f in fs if (f.segment_key, f.rule, f.excerpt) == (key, rule, excerpt))


def seen(lib, issue_id, db, tmp_path, capsys, problem, needle=None) -> Seen:
    key, rule, excerpt = problem
    f_open = lib.list_findings(issue_id, segment=key, status="open", rule=rule)
    f_res = lib.list_findings(issue_id, segment=key, status="resolved", rule=rule)
    f_dis = lib.list_findings(issue_id, segment=key, status="dismissed", rule=rule)
    ov = workspace.issue_overview(lib, issue_id)
    row = next((r for r in ov.rows if r.key == key), None)
    if row is not None:
        assert row.rate == pytest.approx(row.errors * 10000 / row.chars)
    kind = lib.segment_by_key(issue_id, key).kind
    out = tmp_path / f"review-{len(list(tmp_path.glob('review-*')))}.docx"
    exporting.export_issue(lib, issue_id, out, comments=True, articles=[key] if kind == "article" else None)
    cm = comments(out).values()
    title = f"【{checking.registry().get(rule).title}】"  # comments name the rule by its title
    n_docx = sum(1 for c in cm if title in c["text"] and (needle or excerpt) in c["text"])
    capsys.readouterr()
    assert main(["check", "--issue", str(issue_id), "--db", str(db), "--json"]) in (0, 1)
    data = json.loads(capsys.readouterr().out)
    ref = lib.segment_ref(issue_id, key)
    cli = [f for f in data["findings"] if (f["segment_key"], f["rule"], f["excerpt"]) == (key, rule, excerpt)]
    assert all(f["segment_id"] == ref.id for f in cli)
    return Seen(
        open=_count(f_open, key, rule, excerpt),
        resolved=_count(f_res, key, rule, excerpt),
        dismissed=_count(f_dis, key, rule, excerpt),
        docx=n_docx,
        cli=sum(1 for f in cli if f["status"] == "open"),
        row=None if row is None else (row.open_total, row.errors, row.rate),
        issue=(sum(ov.totals.values()), ov.errors, ov.issue_rate),
    )


def _one(lib, issue_id, problem, status="open"):
    key, rule, excerpt = problem
    (f,) = [f for f in lib.list_findings(issue_id, segment=key, status=status, rule=rule) if f.excerpt == excerpt]
    return f


def _events(lib, issue_id, problem):
    key, rule, excerpt = problem
    return [(e.event, e.how) for e in lib.finding_events(issue_id, segment=key)
            if e.rule == rule and e.excerpt == excerpt]


def _text(lib, issue_id, key):
    return lib.current_text(lib.segment_ref(issue_id, key).id)


def _dismiss_other(lib, issue_id, problem=OTHER_S14):
    f = _one(lib, issue_id, problem)
    checking.dismiss(lib, f.id, "原文如此", "主编")
    return f


def _assert_still_dismissed(lib, issue_id, db, tmp_path, capsys, problem=OTHER_S14):
    s = seen(lib, issue_id, db, tmp_path, capsys, problem)
    assert (s.open, s.dismissed, s.docx, s.cli) == (0, 1, 0, 0)
    assert _one(lib, issue_id, problem, "dismissed").reason == "原文如此"


def _gone(before: Seen, after: Seen, error: bool = True) -> None:
    """One open problem (of severity error if ``error``) left the text, nothing else changed."""
    assert (after.open, after.resolved, after.docx, after.cli) == (0, 1, 0, 0)
    assert (before.open, before.docx, before.cli) == (1, 1, 1)
    if before.row is not None:
        assert after.row[0] == before.row[0] - 1
        assert after.row[1] == before.row[1] - (1 if error else 0)
        if error:
            assert after.row[2] < before.row[2]
    assert after.issue[0] == before.issue[0] - 1
    assert after.issue[1] == before.issue[1] - (1 if error else 0)
    if error:
        assert after.issue[2] < before.issue[2]


def _back(before: Seen, again: Seen, same_chars: bool = True) -> None:
    """The problem is open again, shown as before it left (``same_chars``: the issue has
    as many characters as before, so its error rate is the same too)."""
    assert (again.open, again.resolved, again.docx, again.cli) == (1, 0, 1, 1)
    assert again.row == before.row
    assert again.issue[:2] == before.issue[:2]
    if same_chars:
        assert again.issue[2] == pytest.approx(before.issue[2])


# -- edit ------------------------------------------------------------------------------


def test_edit_resolves_and_editing_it_back_reopens(demo, tmp_path, capsys):
    lib, iid, db = demo
    _dismiss_other(lib, iid)
    before = seen(lib, iid, db, tmp_path, capsys, TRAD)
    text, version = _text(lib, iid, "s14")
    seg = lib.segment_ref(iid, "s14").id
    res = editing.save_article(lib, seg, text.replace("傳承", "传承"), "张三", version)
    assert res.changed and res.checked and res.changes.findings
    after = seen(lib, iid, db, tmp_path, capsys, TRAD)
    _gone(before, after)
    assert _one(lib, iid, TRAD, "resolved").resolved_how == "edit"
    _assert_still_dismissed(lib, iid, db, tmp_path, capsys)
    # typed back: open again, whatever "fixed" it before
    res = editing.save_article(lib, seg, text, "李四", res.version)
    _back(before, seen(lib, iid, db, tmp_path, capsys, TRAD))
    assert _events(lib, iid, TRAD) == [("resolved", "edit"), ("reappeared", "edit")]
    _assert_still_dismissed(lib, iid, db, tmp_path, capsys)


# -- fix -------------------------------------------------------------------------------


def test_fix_resolves_and_the_problem_typed_again_is_open(demo, tmp_path, capsys):
    lib, iid, db = demo
    _dismiss_other(lib, iid)
    before = seen(lib, iid, db, tmp_path, capsys, TRAD)
    text, _ = _text(lib, iid, "s14")
    before_fix = _one(lib, iid, TRAD)
    res = checking.apply_fix(lib, before_fix.id, "张三")
    assert res.applied == 1 and res.check is not None and res.changes.findings
    assert _text(lib, iid, "s14")[0] == text.replace("傳承", "传承")
    after = seen(lib, iid, db, tmp_path, capsys, TRAD)
    _gone(before, after)
    assert _one(lib, iid, TRAD, "resolved").resolved_how == "fix script.traditional"
    _assert_still_dismissed(lib, iid, db, tmp_path, capsys)
    seg = lib.segment_ref(iid, "s14").id
    cur, version = _text(lib, iid, "s14")
    at = before_fix.start
    assert cur[at : at + 2] == "传承"
    editing.save_article(lib, seg, cur[:at] + "傳承" + cur[at + 2 :], "李四", version)
    _back(before, seen(lib, iid, db, tmp_path, capsys, TRAD))
    assert _events(lib, iid, TRAD) == [("resolved", "fix script.traditional"), ("reappeared", "edit")]
    _assert_still_dismissed(lib, iid, db, tmp_path, capsys)


# -- bulk fix, and its undo (restore of the revision before) -----------------------------


def test_bulk_fix_then_restore_of_one_article_reopens_only_its_problems(demo, tmp_path, capsys):
    lib, iid, db = demo
    rule = "punctuation.halfwidth"
    commas = [f for f in lib.list_findings(iid, segment="s09", status="open", rule=rule) if f.excerpt == ","]
    assert len(commas) > 3
    kept = commas[0]
    checking.dismiss(lib, kept.id, "英文引文", "主编")
    n = len(commas) - 1
    other = len(lib.list_findings(iid, segment="s10", status="open", rule=rule))
    assert other
    before = seen(lib, iid, db, tmp_path, capsys, ("s09", rule, ","))
    assert (before.open, before.dismissed, before.docx, before.cli) == (n, 1, n, n)
    all_s09 = len(lib.list_findings(iid, segment="s09", status="open", rule=rule))  # "," and others
    first = lib.current_revision(lib.segment_ref(iid, "s09").id)

    res = checking.bulk_fix(lib, iid, rule, author="张三")
    assert res.applied >= n + other and res.check is not None
    after = seen(lib, iid, db, tmp_path, capsys, ("s09", rule, ","))
    # every open one resolved; the dismissed comma was not touched and stays dismissed
    assert (after.open, after.resolved, after.dismissed, after.docx, after.cli) == (0, n, 1, 0, 0)
    assert after.row[0] == before.row[0] - all_s09 and after.issue[0] < before.issue[0]
    assert lib.list_findings(iid, segment="s09", status="open", rule=rule) == []
    assert lib.list_findings(iid, segment="s10", status="open", rule=rule) == []
    assert {f.resolved_how for f in lib.list_findings(iid, status="resolved", rule=rule)} == {f"bulk fix {rule}"}

    # undo in s09: restore the revision before the bulk fix
    out = editing.restore_revision(lib, first.id, "李四")
    assert out.changed and out.revision.note == f"restore #{first.number}"
    again = seen(lib, iid, db, tmp_path, capsys, ("s09", rule, ","))
    assert (again.open, again.resolved, again.dismissed, again.docx, again.cli) == (n, 0, 1, n, n)
    assert again.row == before.row
    assert _one(lib, iid, ("s09", rule, ","), "dismissed").id == kept.id
    reappeared = [e for e in lib.finding_events(iid, segment="s09") if e.event == "reappeared" and e.rule == rule]
    assert len(reappeared) == all_s09 and {e.how for e in reappeared} == {f"restore #{first.number}"}
    # the other articles keep their fixes
    assert lib.list_findings(iid, segment="s10", status="open", rule=rule) == []
    assert len(lib.list_findings(iid, segment="s10", status="resolved", rule=rule)) == other


# -- import --replace ------------------------------------------------------------------


def test_replacing_import_with_the_problem_still_in_it_reopens(demo, tmp_path, capsys, demo_path):
    lib, iid, db = demo
    _dismiss_other(lib, iid)
    before = seen(lib, iid, db, tmp_path, capsys, TRAD)
    seg = lib.segment_ref(iid, "s14").id
    checking.apply_fix(lib, _one(lib, iid, TRAD).id, "张三")
    _gone(before, seen(lib, iid, db, tmp_path, capsys, TRAD))
    # the layout sends the issue again, with a late correction elsewhere and 傳承 still there
    changed = tmp_path / "demo-v2.txt"
    changed.write_text(demo_path.read_text(encoding="utf-8") + "\n补白一行。\n", encoding="utf-8")
    out = importing.import_issue_file(lib, changed, replace=True, author="排版")
    assert out.status == "replaced" and out.issue_id == iid and out.changes.findings
    assert lib.segment_ref(iid, "s14").id == seg  # the same article, a new revision
    assert lib.current_revision(seg).note == "replace" and "傳承" in _text(lib, iid, "s14")[0]
    _back(before, seen(lib, iid, db, tmp_path, capsys, TRAD), same_chars=False)  # 补白一行 added
    assert _events(lib, iid, TRAD) == [("resolved", "fix script.traditional"), ("reappeared", "replace")]
    _assert_still_dismissed(lib, iid, db, tmp_path, capsys)


# -- a DOCX manuscript as a new revision --------------------------------------------------


def _manuscript(path, title, text):
    d = docx.Document()
    d.add_paragraph(title, style="Title")
    for para in text.split("\n"):
        d.add_paragraph(para)
    d.save(path)
    return path


def test_docx_revision_resolves_and_reopens(demo, tmp_path, capsys):
    lib, iid, db = demo
    _dismiss_other(lib, iid)
    before = seen(lib, iid, db, tmp_path, capsys, TRAD)
    seg = lib.segment_ref(iid, "s14").id
    title = lib.segment(seg).title
    text, _ = _text(lib, iid, "s14")
    fixed = _manuscript(tmp_path / "fixed.docx", title, text.replace("傳承", "传承"))
    out = importing.import_docx(lib, fixed, iid, "s14", author="作者")
    assert out.status == "revised" and out.seg_id == seg and out.changes.findings
    assert _text(lib, iid, "s14")[0] == text.replace("傳承", "传承")
    _gone(before, seen(lib, iid, db, tmp_path, capsys, TRAD))
    assert _one(lib, iid, TRAD, "resolved").resolved_how == "import-docx"
    _assert_still_dismissed(lib, iid, db, tmp_path, capsys)
    old = _manuscript(tmp_path / "old.docx", title, text)
    out = importing.import_docx(lib, old, iid, seg, author="作者")
    assert out.status == "revised" and _text(lib, iid, "s14")[0] == text
    _back(before, seen(lib, iid, db, tmp_path, capsys, TRAD))
    assert _events(lib, iid, TRAD) == [("resolved", "import-docx"), ("reappeared", "import-docx")]
    _assert_still_dismissed(lib, iid, db, tmp_path, capsys)
    assert importing.import_docx(lib, old, iid, seg).status == "unchanged"


# -- header fields ------------------------------------------------------------------------

TOC_AUTHOR = ("s05", "consistency.toc_author", "郑亦航")  # contents: 郑亦航, byline of s12: 郑奕航
TOC_TITLE = ("s05", "consistency.toc_title", "年味里的非遗密码")


def test_header_edit_resolves_the_contents_mismatch_and_undoing_it_reopens(demo, tmp_path, capsys):
    lib, iid, db = demo
    dismissed = _one(lib, iid, TOC_TITLE)
    checking.dismiss(lib, dismissed.id, "原文如此", "主编")
    before = seen(lib, iid, db, tmp_path, capsys, TOC_AUTHOR)
    assert before.row is None or before.row[0] >= 1
    seg = lib.segment_ref(iid, "s12").id
    assert lib.segment(seg).authors == ["郑奕航"]
    text = _text(lib, iid, "s12")[0]
    res = editing.set_header(lib, seg, "张三", authors=["郑亦航"])
    assert res.changed and res.checked and res.revision.note == "header"
    assert res.changes.header and res.changes.findings
    assert _text(lib, iid, "s12")[0] == text  # the text did not change
    _gone(before, seen(lib, iid, db, tmp_path, capsys, TOC_AUTHOR))
    assert _one(lib, iid, TOC_AUTHOR, "resolved").resolved_how == "header"
    _assert_still_dismissed(lib, iid, db, tmp_path, capsys, TOC_TITLE)
    editing.set_header(lib, seg, "李四", authors=["郑奕航"])
    _back(before, seen(lib, iid, db, tmp_path, capsys, TOC_AUTHOR))
    assert _events(lib, iid, TOC_AUTHOR) == [("resolved", "header"), ("reappeared", "header")]
    _assert_still_dismissed(lib, iid, db, tmp_path, capsys, TOC_TITLE)


# -- a dismissed problem removed and brought back ------------------------------------------


def test_a_dismissed_problem_edited_away_and_back_is_still_dismissed(demo, tmp_path, capsys):
    lib, iid, db = demo
    f = _one(lib, iid, TRAD)
    checking.dismiss(lib, f.id, "引用古籍原文", "主编")
    s = seen(lib, iid, db, tmp_path, capsys, TRAD)
    assert (s.open, s.dismissed, s.docx, s.cli) == (0, 1, 0, 0)
    seg = lib.segment_ref(iid, "s14").id
    text, version = _text(lib, iid, "s14")
    res = editing.save_article(lib, seg, text.replace("傳承", "传承"), "张三", version)
    s = seen(lib, iid, db, tmp_path, capsys, TRAD)
    assert (s.open, s.dismissed, s.resolved) == (0, 0, 1)
    editing.save_article(lib, seg, text, "张三", res.version)
    s = seen(lib, iid, db, tmp_path, capsys, TRAD)
    assert (s.open, s.dismissed, s.resolved, s.docx, s.cli) == (0, 1, 0, 0, 0)
    back = _one(lib, iid, TRAD, "dismissed")
    assert (back.reason, back.decided_by) == ("引用古籍原文", "主编")
    # reopening the decision makes it open everywhere
    checking.reopen(lib, back.id, "主编")
    s = seen(lib, iid, db, tmp_path, capsys, TRAD)
    assert (s.open, s.dismissed, s.docx, s.cli) == (1, 0, 1, 1)


# -- views of an issue whose stored findings are not current -----------------------------


def test_views_check_an_issue_whose_findings_are_not_current(tmp_path, demo_path):
    with svc.open_library(tmp_path / "lib.sqlite") as lib:
        iid = importing.import_issue_file(lib, demo_path, check=False).issue_id
        assert lib.list_findings(iid) == [] and not checking.is_current(lib, iid)
        text = review.review_text(lib, iid)
        assert checking.is_current(lib, iid)
        n = len(lib.list_findings(iid, status="open"))
        assert n and "待处理问题" in text
        assert len(checking.open_findings(lib, iid)) == n


def test_a_dismissal_survives_a_fix_right_next_to_it(demo):
    """A fingerprint hashes 6 characters of context on each side: a fix right beside a
    dismissed problem changes it; the check carries the identity through the alignment
    of the old and new text, so the decision holds and nothing is "resolved"."""
    lib, iid, _db = demo
    (f,) = lib.list_findings(iid, segment="s09", rule="number.cross_article")
    text = _text(lib, iid, "s09")[0]
    assert text[f.end : f.end + 1] == ","  # "增长7.2%,城乡居民" – the comma is a halfwidth finding
    checking.dismiss(lib, f.id, "口径不同", "主编")
    checking.bulk_fix(lib, iid, "punctuation.halfwidth", "s09", author="张三")
    (g,) = lib.list_findings(iid, segment="s09", rule="number.cross_article")
    assert (g.excerpt, g.status, g.reason) == ("7.2%", "dismissed", "口径不同")
