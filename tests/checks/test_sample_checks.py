"""The real sample issue (../shared/samples): what the number and consistency rules must say, and nothing more.

Precision is the point: on correct government prose a false alarm costs the
editor's trust, so the complete list of warnings and errors of these two
categories on the sample is pinned here.
"""

from __future__ import annotations

import time

import pytest

from editor_app.checks.engine import Checker
from editor_app.checks.rate import LIMIT, issue_error_rates
from editor_app.checks.registry import Registry, build_registry
from editor_app.checks.resources import Resources

pytestmark = pytest.mark.sample

REG = build_registry()
RES = Resources()
MINE = Registry(rules=[r for r in REG.rules if r.category in ("number", "consistency")])


@pytest.fixture(scope="module")
def mine(sample_issue):
    checker = Checker(MINE, resources=RES)
    fs = checker.check_issue(sample_issue)
    assert checker.failures == []
    return fs


def _one(findings, rule, needle):
    found = [f for f in findings if f.rule == rule and needle in f.excerpt]
    assert len(found) == 1, (rule, needle, [(f.rule, f.excerpt) for f in findings])
    return found[0]


def test_must_flag_items_of_the_sample(mine, sample_issue):
    stars = _one(mine, "number.ordinal_sequence", "五星级")
    assert sample_issue.segment(stars.segment_key).kind == "news"
    kv = [f for f in mine if f.rule == "number.unit_symbol"]
    assert [(f.excerpt, f.suggestion) for f in kv] == [("kv", "kV"), ("kv", "kV")]
    author = _one(mine, "consistency.toc_author", "姜翼林")
    assert author.severity == "error" and "姜巽林" in author.message
    title = _one(mine, "consistency.toc_title", "闪金光")
    assert "闪光" in title.message and sample_issue.segment(title.segment_key).kind == "toc"
    assert title.related and sample_issue.segment(title.related[0].segment.key).kind == "article"
    sponsor = _one(mine, "consistency.list_pattern", "义乌市")
    assert sponsor.suggestion == "中共义乌市委"
    term = _one(mine, "consistency.term_variant", "世界性")
    assert term.suggestion.endswith("世界级") and term.severity == "warning"


def test_no_other_warnings_or_errors(mine):
    expected = {
        ("number.ordinal_sequence", "五星级"),
        ("number.unit_symbol", "kv"),
        ("consistency.toc_author", "姜翼林"),
        ("consistency.toc_title", "闪金光"),
        ("consistency.list_pattern", "义乌市"),
        ("consistency.term_variant", "世界性"),
    }
    unexpected = [
        (f.rule, f.excerpt, f.message)
        for f in mine
        if f.severity != "info" and not any(f.rule == r and n in f.excerpt for r, n in expected)
    ]
    assert unexpected == []


def test_source_offsets_hold_the_excerpt(mine, sample_issue):
    for f in mine:
        assert f.source_start is not None, (f.rule, f.excerpt)
        assert sample_issue.source[f.source_start : f.source_end] == f.excerpt


def test_every_rule_runs_on_the_sample_quickly(sample_issue):
    checker = Checker(REG, resources=RES)
    checker.check_issue(sample_issue)  # warm-up: OpenCC, regex caches
    t = time.perf_counter()
    fs = checker.check_issue(sample_issue)
    elapsed = time.perf_counter() - t
    assert checker.failures == []
    assert elapsed < 1.5, (
        f"whole-issue check took {elapsed:.2f} s (target 0.3 s, see bench/checks_probe.py)"
    )
    for f in fs:
        assert f.fingerprint and f.segment_key
        if f.source_start is not None:
            assert sample_issue.source[f.source_start : f.source_end] == f.excerpt
    rates = issue_error_rates(sample_issue, fs)
    assert rates["issue"] >= 0 and set(rates["articles"]) == {s.id for s in sample_issue.articles()}
    assert LIMIT == 2.0
