"""Which rules run. The specific setting wins over the general one.

Order of decision for one rule:

1. the rule id is in ``enabled_rules``  -> on (even when its category is off);
2. the rule id is in ``disabled_rules`` -> off;
3. the rule's category is in ``disabled_categories`` -> off;
4. otherwise on.

``enable_rule`` / ``disable_rule`` keep the two rule sets disjoint, so a rule is
never both explicitly on and explicitly off.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from editor_app.checks.core import Rule


@dataclass
class CheckSettings:
    disabled_categories: set[str] = field(default_factory=set)
    disabled_rules: set[str] = field(default_factory=set)
    enabled_rules: set[str] = field(default_factory=set)

    def is_enabled(self, rule: Rule | str) -> bool:
        if isinstance(rule, Rule):
            rule_id, category = rule.id, rule.category
        else:
            rule_id, category = rule, rule.partition(".")[0]
        if rule_id in self.enabled_rules:
            return True
        if rule_id in self.disabled_rules:
            return False
        return category not in self.disabled_categories

    # -- edits -----------------------------------------------------------
    def enable_rule(self, rule_id: str) -> None:
        self.disabled_rules.discard(rule_id)
        self.enabled_rules.add(rule_id)

    def disable_rule(self, rule_id: str) -> None:
        self.enabled_rules.discard(rule_id)
        self.disabled_rules.add(rule_id)

    def reset_rule(self, rule_id: str) -> None:
        """Forget the rule's own setting: it follows its category again."""
        self.enabled_rules.discard(rule_id)
        self.disabled_rules.discard(rule_id)

    def enable_category(self, category: str) -> None:
        self.disabled_categories.discard(category)

    def disable_category(self, category: str) -> None:
        self.disabled_categories.add(category)

    # -- storage ---------------------------------------------------------
    def to_dict(self) -> dict[str, list[str]]:
        return {
            "disabled_categories": sorted(self.disabled_categories),
            "disabled_rules": sorted(self.disabled_rules),
            "enabled_rules": sorted(self.enabled_rules),
        }

    @classmethod
    def from_dict(cls, data: dict | None) -> CheckSettings:
        data = data or {}

        def _set(key: str) -> set[str]:
            value = data.get(key) or []
            if isinstance(value, str):
                value = [value]
            return {str(v) for v in value}

        return cls(
            disabled_categories=_set("disabled_categories"),
            disabled_rules=_set("disabled_rules"),
            enabled_rules=_set("enabled_rules"),
        )
