"""The bundled demo issue and its list of planted problems (resources/samples/demo-issue.planted.tsv).

For the number and consistency rules: every planted problem is found, every
must-pass excerpt stays clean, and nothing else is reported at warning or error.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from editor_app.checks.engine import Checker
from editor_app.checks.registry import Registry, build_registry
from editor_app.checks.resources import Resources
from editor_app.checks.segments import segment_text

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "resources" / "samples" / "demo-issue.txt"
PLANTED = ROOT / "resources" / "samples" / "demo-issue.planted.tsv"
CATEGORIES = ("number.", "consistency.")


def _rows():
    if not PLANTED.exists():
        return [], []
    flag, ok = [], []
    target = flag
    for line in PLANTED.read_text(encoding="utf-8").splitlines():
        if line.startswith("# must-pass"):
            target = ok
            continue
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if cells[0].startswith(CATEGORIES):
            target.append((cells[0], cells[1], cells[2] if len(cells) > 2 else ""))
    return flag, ok


FLAG, OK = _rows()


@pytest.fixture(scope="module")
def demo():
    if not DEMO.exists() or not PLANTED.exists():
        pytest.skip("demo issue not bundled")
    from editor_app.ingest import parse_file

    issue = parse_file(DEMO)
    reg = build_registry()
    checker = Checker(
        Registry(rules=[r for r in reg.rules if r.id.startswith(CATEGORIES)]), resources=Resources()
    )
    findings = checker.check_issue(issue)
    assert checker.failures == []
    return issue, findings


def _span(issue, excerpt):
    i = issue.source.find(excerpt)
    assert i >= 0 and issue.source.find(excerpt, i + 1) < 0, (
        f"{excerpt!r} must occur once in the demo"
    )
    return i, i + len(excerpt)


def _covers(f, issue, rule, excerpt, suggestion):
    """The finding is about the planted excerpt: its span or a related span overlaps it,
    or (TOC rules, which sit on the TOC line) its message names the planted text."""
    if f.rule != rule:
        return False
    s, e = _span(issue, excerpt)
    spans = [(f.source_start, f.source_end)]
    for r in f.related:
        seg = issue.segment(r.segment.key) if r.segment else None
        if seg is not None and r.end > r.start:
            spans.append(segment_text(issue, seg)[1].span_to_source(r.start, r.end))
    if any(a is not None and a < e and s < b for a, b in spans):
        return True
    core = excerpt.strip("■- “”")
    fix = (suggestion or "").strip("■- “”")
    return bool(core) and (core in f.message or (bool(fix) and fix in f.excerpt))


@pytest.mark.parametrize(
    ("rule", "excerpt", "suggestion"), FLAG, ids=[f"{r}:{i}" for i, (r, _, _) in enumerate(FLAG)]
)
def test_planted_problem_is_found(demo, rule, excerpt, suggestion):
    issue, findings = demo
    assert any(_covers(f, issue, rule, excerpt, suggestion) for f in findings), [
        (f.rule, f.excerpt) for f in findings if f.rule == rule
    ]


@pytest.mark.parametrize(
    ("rule", "excerpt", "why"), OK, ids=[f"{r}:{i}" for i, (r, _, _) in enumerate(OK)]
)
def test_must_pass_excerpt_stays_clean(demo, rule, excerpt, why):
    issue, findings = demo
    s, e = _span(issue, excerpt)
    hits = [
        f
        for f in findings
        if f.rule == rule and f.source_start is not None and f.source_start < e and s < f.source_end
    ]
    assert hits == [], [(f.excerpt, f.message) for f in hits]


def test_nothing_else_is_reported(demo):
    issue, findings = demo
    extra = [
        (f.rule, f.excerpt, f.message)
        for f in findings
        if f.severity != "info" and not any(_covers(f, issue, r, x, sg) for r, x, sg in FLAG)
    ]
    assert extra == []
