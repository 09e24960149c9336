"""Property: whatever sequence of edits, fixes, bulk fixes, restores and dismissals
changed an article, the library's findings are those of a fresh check of the same
current texts in a new library — open ones minus the dismissed ones.

(DESIGN.md: "Findings are a function of the current text.")
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor_app.services import checking, editing, importing
from editor_app.store import Library

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "resources" / "samples" / "demo-issue.txt"
ARTICLE = "s15"  # many planted problems, several fixes that change the length

# text to insert: plain text, and problems the demo has planted (some of them twice)
SNIPPETS = st.sampled_from(
    ["的", "。", "，", "工作", "\n", ",", "傳承", "推动推动", "3千", "好象", "--", "约500人左右",
     "5-9", "，，", "...", "20几", "KM", "开心漫画", "開心漫畫"]
)

STEP = st.one_of(
    st.tuples(st.just("insert"), st.floats(0, 1), SNIPPETS),
    st.tuples(st.just("delete"), st.floats(0, 1), st.integers(1, 8)),
    st.tuples(st.just("fix"), st.floats(0, 1)),
    st.tuples(st.just("bulk"), st.floats(0, 1)),
    st.tuples(st.just("restore"), st.floats(0, 1)),
    st.tuples(st.just("dismiss"), st.floats(0, 1)),
)


def _pick(items, x: float):
    return items[min(int(x * len(items)), len(items) - 1)] if items else None


def _key(f):
    return (f.segment_key, f.rule, f.start, f.end, f.excerpt)


def _fresh(lib: Library, issue_id: int) -> set[tuple]:
    """The findings a check of the library's current texts gives in a new library."""
    texts = {r.key: lib.current_text(r.id)[0] for r in lib.segments(issue_id)}
    headers = {r.key: lib.current_header(r.id) for r in lib.segments(issue_id)}
    with Library(":memory:") as new:
        nid = importing.import_issue_file(new, DEMO, author="新", check=False).issue_id
        for r in new.segments(nid):
            text, version = new.current_text(r.id)
            if text != texts[r.key] or new.current_header(r.id) != headers[r.key]:
                h = headers[r.key]
                new.save_text(r.id, texts[r.key], "新", expected_version=version,
                              header={f: getattr(h, f) for f in ("kicker", "title", "subtitle", "authors", "role", "page")})
        res = checking.run_checks(new, nid)
        found = [_key(f) for f in res.findings]
    assert len(found) == len(set(found))
    return set(found)


def _apply(lib: Library, issue_id: int, seg: int, step) -> None:
    kind, x = step[0], step[1]
    text, version = lib.current_text(seg)
    opened = [f for f in lib.list_findings(issue_id, segment=seg, status="open")]
    if kind == "insert":
        at = int(x * len(text))
        editing.save_article(lib, seg, text[:at] + step[2] + text[at:], "甲", version)
    elif kind == "delete":
        at = int(x * len(text))
        editing.save_article(lib, seg, text[:at] + text[at + step[2]:], "甲", version)
    elif kind == "fix":
        f = _pick([f for f in opened if f.suggestion is not None], x)
        if f is not None:
            res = checking.apply_fix(lib, f.id, "乙")
            assert res.applied == 1
    elif kind == "bulk":
        f = _pick([f for f in opened if f.suggestion is not None], x)
        if f is not None:
            res = checking.bulk_fix(lib, issue_id, f.rule, seg, author="丙")
            assert res.applied >= 1
    elif kind == "restore":
        rev = _pick(lib.revisions(seg)[1:], x)  # an earlier revision
        if rev is not None:
            editing.restore_revision(lib, rev.id, "丁")
    elif kind == "dismiss":
        f = _pick(opened, x)
        if f is not None:
            checking.dismiss(lib, f.id, "随机排除", "戊")


@pytest.mark.slow
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(STEP, min_size=1, max_size=15))
def test_findings_equal_a_fresh_check_minus_dismissals(steps):
    if not DEMO.exists():
        pytest.skip("demo issue not bundled")
    with tempfile.TemporaryDirectory() as tmp:
        lib = Library(Path(tmp) / "lib.sqlite")
        try:
            issue_id = importing.import_issue_file(lib, DEMO, author="导入").issue_id
            seg = lib.segment_ref(issue_id, ARTICLE).id
            for step in steps:
                _apply(lib, issue_id, seg, step)
                fresh = _fresh(lib, issue_id)
                stored = lib.list_findings(issue_id)
                opened = {_key(f) for f in stored if f.status == "open"}
                dismissed = {_key(f) for f in stored if f.status == "dismissed"}
                assert len(stored) == len(opened) + len(dismissed)
                assert opened | dismissed == fresh, step
                assert opened == fresh - dismissed, step
                # every stored finding indexes its article's current revision
                current = lib.current_revisions(issue_id)
                assert all(f.revision_id == current[f.segment.id] for f in stored if f.segment), step
                assert checking.is_current(lib, issue_id)
        finally:
            lib.close()
