"""The registry and the declared shape of every rule (a rule is data plus examples)."""

from __future__ import annotations

import re
import sys
import types

import pytest

from editor_app.checks.core import Hit, IssueExample, Rule
from editor_app.checks.registry import Registry, RegistryError, build_registry, discover_modules

REGISTRY = build_registry()
HAN = re.compile("[\u4e00-\u9fff]")
SOURCES = ("GB/T", "GB ", "通用规范汉字表", "《", "依据")


def _noop(ctx):
    return []


def _rule(rule_id: str, **kw) -> Rule:
    cat = rule_id.partition(".")[0]
    return Rule(
        id=rule_id,
        category=cat,
        severity=kw.get("severity", "warning"),
        title="测试规则",
        explanation="依据：GB/T 15835-2011。",
        must_flag=("甲",),
        must_pass=("乙",),
        func=kw.get("func", _noop),
        scope=kw.get("scope", "article"),
    )


def test_discovers_the_number_and_consistency_rules():
    ids = set(REGISTRY.ids())
    for rid in (
        "number.enumeration_count",
        "number.ordinal_sequence",
        "number.parts_sum",
        "number.ratio_arithmetic",
        "number.cross_article",
        "number.range_connector",
        "number.fullwidth_digits",
        "number.year_form",
        "number.approximation",
        "number.unit_symbol",
        "number.mixed_numerals",
        "consistency.toc_title",
        "consistency.toc_author",
        "consistency.toc_pages",
        "consistency.term_variant",
        "consistency.person_title",
        "consistency.list_pattern",
    ):
        assert rid in ids, rid


def test_discovery_is_sorted_and_stable():
    names = discover_modules()
    assert names == sorted(names)
    assert build_registry().ids() == REGISTRY.ids()


@pytest.mark.parametrize("rule", REGISTRY.rules, ids=lambda r: r.id)
def test_rule_is_declared_completely(rule):
    assert len(rule.must_flag) >= 1, "a rule needs at least one must-flag example"
    assert len(rule.must_pass) >= 1, "a rule needs at least one must-pass example"
    assert HAN.search(rule.title), "the title is Chinese"
    assert any(s in rule.explanation for s in SOURCES), "the explanation cites a standard or source"
    module = REGISTRY.modules[rule.id]
    assert module.split(".")[3] == rule.category, f"{rule.id} lives in {module}"
    for ex in rule.must_flag + rule.must_pass:
        if rule.scope == "issue":
            assert isinstance(ex, IssueExample), (
                f"{rule.id}: issue rules take IssueExample examples"
            )
        else:
            assert isinstance(ex, str) and ex, f"{rule.id}: article examples are texts"


def test_ids_are_unique():
    ids = REGISTRY.ids()
    assert len(ids) == len(set(ids))


def test_duplicate_id_is_an_error():
    reg = Registry()
    reg.add(_rule("number.x"))
    with pytest.raises(RegistryError, match="duplicate"):
        reg.add(_rule("number.x"))
    with pytest.raises(RegistryError, match="duplicate"):
        Registry(rules=[_rule("number.y"), _rule("number.y")])


def test_build_from_named_modules(monkeypatch):
    mod = types.ModuleType("fake_rules_a")
    mod.RULES = [_rule("wording.fake_a")]
    mod2 = types.ModuleType("fake_rules_b")
    mod2.RULES = [_rule("wording.fake_a")]
    monkeypatch.setitem(sys.modules, "fake_rules_a", mod)
    monkeypatch.setitem(sys.modules, "fake_rules_b", mod2)
    reg = build_registry(["fake_rules_a"])
    assert reg.ids() == ["wording.fake_a"]
    assert reg.get("wording.fake_a") is mod.RULES[0]
    assert reg.get("nope") is None
    with pytest.raises(RegistryError, match="duplicate"):
        build_registry(["fake_rules_a", "fake_rules_b"])


def test_broken_module_is_reported_by_name(monkeypatch):
    bad = types.ModuleType("fake_rules_bad")
    bad.RULES = ["not a rule"]
    monkeypatch.setitem(sys.modules, "fake_rules_bad", bad)
    with pytest.raises(RegistryError, match="fake_rules_bad"):
        build_registry(["fake_rules_bad"])
    with pytest.raises(RegistryError, match="no_such_module_xyz"):
        build_registry(["no_such_module_xyz"])


def test_rule_validates_its_declaration():
    with pytest.raises(ValueError):
        _rule("number.ok", severity="fatal")
    with pytest.raises(ValueError):
        Rule(
            id="numbers.x",
            category="number",
            severity="error",
            title="t",
            explanation="e",
            must_flag=(),
            must_pass=(),
            func=_noop,
        )


def test_registry_views():
    assert set(REGISTRY.categories()) >= {"number", "consistency"}
    assert all(r.scope == "issue" for r in REGISTRY.scoped("issue"))
    assert {r.id for r in REGISTRY.by_category("number")} >= {"number.parts_sum"}
    assert "number.parts_sum" in REGISTRY and len(REGISTRY) == len(REGISTRY.rules)
    assert Hit(0, 0, "m").related == []
