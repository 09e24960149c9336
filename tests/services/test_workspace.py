"""Services of the desk's panels (no Qt): contents, overview, import, allowlist, settings."""

from __future__ import annotations

import docx
import pytest

from editor_app.checks import CheckSettings
from editor_app.services import editing, importing, workspace
from editor_app.services import issues as svc
from editor_app.services.issues import UserError


@pytest.fixture
def lib(library_db):
    library = svc.open_library(library_db)
    yield library
    library.close()


def test_import_demo_then_contents_cover_every_segment_once(lib, demo_path):
    stages = []
    out = importing.import_path(lib, demo_path, "导入", progress=lambda s, d, t: stages.append(s))
    # the check runs inside the import transaction: no stage of its own
    assert out.status == "imported" and stages == ["解析", "写入资料库", "完成"]
    assert out.changes.issues and out.changes.findings
    contents = workspace.issue_contents(lib, out.issue_id)
    ids = contents.seg_ids()
    assert sorted(ids) == sorted(r.id for r in lib.segments(out.issue_id))
    assert contents.groups[-1].in_toc is False
    opens = {it.seg_id: it.open_findings for g in contents.groups for it in g.items if it.seg_id}
    assert sum(opens.values()) == len(lib.list_findings(out.issue_id, status="open"))
    again = importing.import_path(lib, demo_path, "导入")
    assert again.status == "already" and again.issue_id == out.issue_id


def test_cancel_before_writing_writes_nothing(lib, demo_path):
    with pytest.raises(importing.Cancelled):
        importing.import_path(lib, demo_path, "导入", cancelled=lambda: True)
    assert lib.list_issues() == []


def test_same_masthead_other_text_asks_to_replace(lib, demo_path, tmp_path):
    importing.import_path(lib, demo_path, "导入")
    changed = tmp_path / "demo-changed.txt"
    changed.write_text(demo_path.read_text(encoding="utf-8") + "\n补白一行。\n", encoding="utf-8")
    with pytest.raises(importing.MastheadExists) as err:
        importing.import_path(lib, changed, "导入")
    assert err.value.label.startswith("东越视窗")
    out = importing.import_path(lib, changed, "导入", replace=True)
    assert out.status == "replaced"


def test_binary_and_broken_files_are_refused_readably(lib, tmp_path):
    png = tmp_path / "scan.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    with pytest.raises(UserError, match="二进制"):
        importing.import_path(lib, png)
    bad = tmp_path / "x.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(UserError, match="x.docx"):
        importing.import_path(lib, bad)
    with pytest.raises(UserError, match="文件不存在"):
        importing.import_path(lib, tmp_path / "missing.txt")
    assert lib.list_issues() == []


def _manuscript(path):
    d = docx.Document()
    d.add_paragraph("栏目名", style="Normal")
    d.add_paragraph("稿件题目", style="Title")
    d.add_paragraph("——副题在此")
    d.add_paragraph("文/赵六")
    d.add_paragraph("小标题", style="Heading 2")
    d.add_paragraph("正文,一段。")
    d.save(path)
    return path


def test_manuscript_alone_is_a_one_article_issue(lib, tmp_path):
    out = importing.import_path(lib, _manuscript(tmp_path / "m.docx"), "张三")
    issue = lib.get_issue(out.issue_id)
    (seg,) = issue.segments
    assert (seg.kind, seg.title, seg.subtitle, seg.authors) == ("article", "稿件题目", "副题在此", ["赵六"])
    assert seg.source_start == 0 and seg.source_end == len(issue.source)
    for p in seg.paragraphs:  # every paragraph maps to its line of the source
        (s, e), = p.pieces
        assert issue.source[s:e] == p.text
    assert lib.current_text(out.seg_id)[0] == "小标题\n正文,一段。"
    assert any(f.rule == "punctuation.halfwidth" for f in lib.list_findings(out.issue_id))


def test_manuscript_into_an_open_issue(lib, demo_path, tmp_path):
    issue = importing.import_path(lib, demo_path, "导入").issue_id
    before = len(lib.segments(issue))
    out = importing.import_path(lib, _manuscript(tmp_path / "m.docx"), "张三", into_issue=issue)
    assert out.issue_id == issue and out.status == "added"
    assert len(lib.segments(issue)) == before + 1 and lib.segment(out.seg_id).title == "稿件题目"


def test_overview_rates_and_counts(lib, demo_path):
    issue = importing.import_path(lib, demo_path, "导入").issue_id
    ov = workspace.issue_overview(lib, issue)
    assert ov.limit == 2.0 and ov.checked_at
    assert sum(r.open_total for r in ov.rows) <= len(lib.list_findings(issue, status="open"))
    assert sum(ov.totals.values()) == len(lib.list_findings(issue, status="open"))
    articles = [r for r in ov.rows if r.kind == "article"]
    assert articles and all(r.rate is not None for r in articles)
    assert all(r.rate is None for r in ov.rows if r.kind != "article")
    worst = max(articles, key=lambda r: r.rate)
    assert worst.rate == pytest.approx(worst.errors * 10000 / worst.chars)
    editing.set_review_status(lib, worst.seg_id, "签发", "主编")
    row = next(r for r in workspace.issue_overview(lib, issue).rows if r.seg_id == worst.seg_id)
    assert (row.review_status, row.review_by) == ("signed", "主编")


def test_rule_switches_and_allowlist_recheck(lib, demo_path):
    issue = importing.import_path(lib, demo_path, "导入").issue_id
    open_before = lib.list_findings(issue, status="open", category="punctuation")
    assert open_before
    settings = CheckSettings()
    settings.disable_category("punctuation")
    changes = workspace.update_check_settings(lib, settings, issue)
    assert changes.settings and changes.findings and changes.issue_id == issue
    assert lib.list_findings(issue, status="open", category="punctuation") == []
    # switched-off problems are not "resolved" (the text still has them), and come back
    # when the rules are switched on
    assert lib.list_findings(issue, status="resolved", category="punctuation") == []
    assert not [e for e in lib.finding_events(issue) if e.how == "rules"]
    assert workspace.check_settings(lib).disabled_categories == {"punctuation"}
    workspace.update_check_settings(lib, CheckSettings(), issue)
    assert len(lib.list_findings(issue, status="open", category="punctuation")) == len(open_before)
    assert lib.list_findings(issue, status="resolved", category="punctuation") == []
    f = lib.list_findings(issue, status="open", category="punctuation")[0]
    res = workspace.add_allow(lib, f.excerpt, None, f.rule, recheck_issue=issue)
    assert res.entry is not None and res.changes.allowlist and res.changes.findings
    assert all(g.fingerprint != f.fingerprint for g in lib.list_findings(issue, status="open", rule=f.rule)
               if g.segment == f.segment) or f.excerpt in ",.;:"  # a single mark is allowed everywhere
    removed = workspace.remove_allow(lib, res.entry.id, recheck_issue=issue)
    assert removed.changes.allowlist and removed.changes.findings
    assert any(g.fingerprint == f.fingerprint for g in lib.list_findings(issue, status="open", rule=f.rule))
    assert not workspace.remove_allow(lib, res.entry.id, recheck_issue=issue).changes.any
    with pytest.raises(UserError):
        workspace.add_allow(lib, "  ")
    with pytest.raises(UserError):
        workspace.add_allow(lib, "词", rule="no.such_rule")


def test_rule_catalogue_and_search(lib, demo_path):
    importing.import_path(lib, demo_path, "导入")
    cat = workspace.rule_catalogue()
    assert set(cat) == {"number", "script", "punctuation", "wording", "consistency"}
    assert workspace.rule_info("punctuation.halfwidth").bulk_fixable
    hits = workspace.search_library(lib, "东越")
    assert hits and all("东越" in h.excerpt or "东越" in h.title for h in hits)
