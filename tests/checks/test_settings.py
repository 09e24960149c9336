from editor_app.checks.core import Rule
from editor_app.checks.engine import Checker
from editor_app.checks.registry import Registry
from editor_app.checks.settings import CheckSettings


def _rule(rule_id):
    return Rule(
        id=rule_id,
        category=rule_id.partition(".")[0],
        severity="error",
        title="测试",
        explanation="依据：GB/T 15835-2011。",
        must_flag=("x",),
        must_pass=("y",),
        func=lambda ctx: [],
    )


A = _rule("number.a")
B = _rule("number.b")
C = _rule("wording.c")


def test_everything_on_by_default():
    s = CheckSettings()
    assert s.is_enabled(A) and s.is_enabled(C) and s.is_enabled("script.anything")


def test_category_off_turns_its_rules_off():
    s = CheckSettings(disabled_categories={"number"})
    assert not s.is_enabled(A) and not s.is_enabled(B)
    assert s.is_enabled(C)


def test_rule_enabled_wins_over_category_off():
    s = CheckSettings(disabled_categories={"number"}, enabled_rules={"number.a"})
    assert s.is_enabled(A)
    assert not s.is_enabled(B)


def test_rule_disabled_wins_over_category_on():
    s = CheckSettings(disabled_rules={"wording.c"})
    assert not s.is_enabled(C) and s.is_enabled(A)


def test_edits_keep_rule_sets_disjoint():
    s = CheckSettings()
    s.disable_rule("number.a")
    s.enable_rule("number.a")
    assert "number.a" not in s.disabled_rules and s.is_enabled(A)
    s.disable_rule("number.a")
    assert "number.a" not in s.enabled_rules and not s.is_enabled(A)
    s.reset_rule("number.a")
    s.disable_category("number")
    assert not s.is_enabled(A)
    s.enable_category("number")
    assert s.is_enabled(A)


def test_round_trip_through_dict():
    s = CheckSettings(
        disabled_categories={"wording"}, disabled_rules={"number.b"}, enabled_rules={"wording.c"}
    )
    d = s.to_dict()
    assert d == {
        "disabled_categories": ["wording"],
        "disabled_rules": ["number.b"],
        "enabled_rules": ["wording.c"],
    }
    assert CheckSettings.from_dict(d) == s
    assert CheckSettings.from_dict(None) == CheckSettings()
    assert CheckSettings.from_dict({"disabled_rules": "number.b"}).disabled_rules == {"number.b"}


def test_checker_runs_only_enabled_rules():
    reg = Registry(rules=[A, B, C])
    checker = Checker(
        reg, CheckSettings(disabled_categories={"number"}, enabled_rules={"number.b"})
    )
    assert [r.id for r in checker.enabled_rules()] == ["number.b", "wording.c"]
