"""Shared helpers for testing rule functions directly (without the engine)."""

from __future__ import annotations

from editor_app.checks.core import ArticleContext
from editor_app.checks.resources import Resources


def rule_table(*modules) -> dict:
    return {r.id: r for m in modules for r in m.RULES}


def hits(rules: dict, rule_id: str, text: str, res: Resources, suggestion_differs: bool = True):
    """The rule's hits on ``text``; every span inside the text and, unless told
    otherwise, every suggestion different from what it replaces."""
    out = list(rules[rule_id].func(ArticleContext(text=text, resources=res)))
    for h in out:
        assert 0 <= h.start < h.end <= len(text), (rule_id, text, h)
        if suggestion_differs:
            assert h.suggestion is None or h.suggestion != text[h.start : h.end]
    return out


def declared_examples(rules: dict) -> list[tuple[str, str, bool]]:
    """(rule id, example, must flag) for every declared example of every rule."""
    return [(r.id, ex, True) for r in rules.values() for ex in r.must_flag] + [
        (r.id, ex, False) for r in rules.values() for ex in r.must_pass
    ]
