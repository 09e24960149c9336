"""Applying fixes and the error rate."""

from __future__ import annotations

import pytest

from editor_app.checks.core import IssueExample
from editor_app.checks.examples import issue_from_example
from editor_app.checks.fixes import apply_fixes, preview
from editor_app.checks.rate import LIMIT, error_rate, exceeds, issue_error_rates
from editor_app.model import Finding, SegmentRef


def F(
    start, end, text, suggestion, severity="error", status="open", rule="number.t", segment=None
):
    return Finding(
        rule=rule,
        category="number",
        severity=severity,
        message="m",
        start=start,
        end=end,
        excerpt=text[start:end],
        suggestion=suggestion,
        status=status,
        segment=SegmentRef(segment) if segment else None,
    )


TEXT = "活动吸引3千人参加，增幅15～30%，电压220kv。"


def test_apply_right_to_left():
    fs = [F(4, 6, TEXT, "3000"), F(12, 18, TEXT, "15%～30%"), F(24, 26, TEXT, "kV")]
    new, applied, skipped = apply_fixes(TEXT, fs)
    assert new == "活动吸引3000人参加，增幅15%～30%，电压220kV。"
    assert applied == sorted(fs, key=lambda f: f.start) and skipped == []


def test_overlapping_fixes_are_skipped():
    a = F(4, 7, TEXT, "3000人")
    b = F(4, 6, TEXT, "3000")
    c = F(5, 6, TEXT, "千")
    new, applied, skipped = apply_fixes(TEXT, [c, b, a])
    assert applied == [a] and set(map(id, skipped)) == {id(b), id(c)}
    assert new.startswith("活动吸引3000人参加")


def test_adjacent_fixes_both_apply_and_insertions_at_one_place_conflict():
    t = "abcdef"
    a, b = F(0, 2, t, "X"), F(2, 4, t, "Y")
    assert apply_fixes(t, [b, a])[0] == "XYef"
    i1, i2 = F(3, 3, t, "1"), F(3, 3, t, "2")
    new, applied, skipped = apply_fixes(t, [i1, i2])
    assert new == "abc1def" and len(applied) == 1 and len(skipped) == 1


def test_stale_or_suggestionless_findings_are_skipped():
    stale = F(4, 6, TEXT, "3000")
    stale.excerpt = "5千"
    none = F(24, 26, TEXT, None)
    outside = F(40, 45, TEXT, "x")
    dismissed = F(24, 26, TEXT, "kV", status="dismissed")
    new, applied, skipped = apply_fixes(TEXT, [stale, none, outside, dismissed])
    assert new == TEXT and applied == [] and len(skipped) == 4


def test_preview_shows_context():
    fs = [F(24, 26, TEXT, "kV"), F(4, 6, TEXT, "3000")]
    pv = preview(TEXT, fs, context=3)
    assert pv == [("动吸引3千人参加", "动吸引3000人参加"), ("220kv。", "220kV。")]


def test_error_rate_counts_open_errors_per_10000_chars():
    text = "字" * 9_000 + " \n" * 500 + "字" * 1_000  # 10,000 non-whitespace characters
    fs = [
        F(0, 1, text, None),
        F(1, 2, text, None),
        F(2, 3, text, None, severity="warning"),
        F(3, 4, text, None, status="dismissed"),
        F(4, 5, text, None, status="resolved"),
    ]
    assert error_rate(fs, text) == pytest.approx(2.0)
    assert not exceeds(error_rate(fs, text)) and LIMIT == 2.0
    assert exceeds(error_rate(fs + [F(5, 6, text, None)], text))
    assert error_rate(fs, "  \n") == 0.0


def test_issue_error_rates():
    ex = IssueExample(
        articles={"甲": "字" * 5000, "乙": "字" * 5000},
        toc=[(1, "甲", ["林静"]), (3, "乙", ["周宁"])],
    )
    issue = issue_from_example(ex)
    a, b = [s.id for s in issue.articles()]
    fs = [
        F(0, 1, "字", None, segment=a),
        F(0, 1, "字", None, segment=a),
        F(0, 1, "字", None, segment=b, severity="info"),
    ]
    rates = issue_error_rates(issue, fs)
    assert rates["articles"][a] == pytest.approx(4.0)
    assert rates["articles"][b] == 0.0
    assert 1.9 < rates["issue"] < 2.0  # 2 errors over the articles plus the masthead and TOC text
    edited = issue_error_rates(issue, fs, texts={a: "字" * 2500})
    assert edited["articles"][a] == pytest.approx(8.0)
