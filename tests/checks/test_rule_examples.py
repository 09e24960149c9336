"""Every rule's must-flag and must-pass examples, for every rule the registry finds.

This covers the rules of all categories, including those written in
rules/script, rules/punctuation and rules/wording.
"""

from __future__ import annotations

import pytest

from editor_app.checks.core import NO_LIBRARY_FACTS, IssueExample
from editor_app.checks.engine import Checker
from editor_app.checks.examples import issue_from_example
from editor_app.checks.registry import Registry, build_registry
from editor_app.checks.resources import Resources

REGISTRY = build_registry()
RESOURCES = Resources()


def _label(ex) -> str:
    if isinstance(ex, IssueExample):
        s = ex.note or " / ".join(ex.articles)[:30]
    else:
        s = ex
    s = s.replace("\n", "⏎")
    return s if len(s) <= 40 else s[:39] + "…"


def _cases(kind: str):
    out = []
    for rule in REGISTRY.rules:
        examples = rule.must_flag if kind == "flag" else rule.must_pass
        for i, ex in enumerate(examples):
            out.append(pytest.param(rule.id, ex, id=f"{rule.id}-{kind}{i}"))
    return out


def _findings(rule_id: str, ex):
    rule = REGISTRY[rule_id]
    library = getattr(ex, "library", None) or NO_LIBRARY_FACTS
    checker = Checker(Registry(rules=[rule]), resources=RESOURCES, library=library)
    if isinstance(ex, IssueExample):
        findings = checker.check_issue(issue_from_example(ex))
    else:
        assert rule.scope == "article", f"{rule_id}: issue rules need IssueExample examples"
        findings = checker.check_article(ex)
    assert not checker.failures, f"{rule_id} raised: {checker.failures}"
    return [f for f in findings if f.rule == rule_id]


@pytest.mark.parametrize(("rule_id", "example"), _cases("flag"))
def test_must_flag(rule_id, example):
    found = _findings(rule_id, example)
    assert found, f"{rule_id} did not flag: {_label(example)!r}"


@pytest.mark.parametrize(("rule_id", "example"), _cases("pass"))
def test_must_pass(rule_id, example):
    found = _findings(rule_id, example)
    assert not found, f"{rule_id} flagged a must-pass example: " + "; ".join(
        f"[{f.excerpt}] {f.message}" for f in found
    )
