"""The rule registry: built explicitly, never a global singleton.

``build_registry()`` walks the package :mod:`editor_app.checks.rules`
(``rules/<category>/<topic>.py``), imports every module and collects its
module-level ``RULES``. Passing ``module_names`` imports exactly those modules
instead (tests, plug-ins, a trimmed-down server).

PyInstaller note: the frozen importer supports ``pkgutil.walk_packages`` but
the spec must bundle the modules (``collect_submodules("editor_app.checks.rules")``).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from editor_app.checks.core import Rule

RULES_PACKAGE = "editor_app.checks.rules"


class RegistryError(Exception):
    """A rule module is broken: duplicate id, bad ``RULES``, import failure."""


@dataclass
class Registry:
    rules: list[Rule] = field(default_factory=list)  # in discovery order
    modules: dict[str, str] = field(default_factory=dict)  # rule id -> module name

    def __post_init__(self) -> None:
        self._by_id: dict[str, Rule] = {}
        for rule in self.rules:
            if rule.id in self._by_id:
                raise RegistryError(f"duplicate rule id {rule.id!r}")
            self._by_id[rule.id] = rule

    def add(self, rule: Rule, module: str = "") -> None:
        if rule.id in self._by_id:
            where = self.modules.get(rule.id, "?")
            raise RegistryError(f"duplicate rule id {rule.id!r} (in {module or '?'} and {where})")
        self.rules.append(rule)
        self._by_id[rule.id] = rule
        if module:
            self.modules[rule.id] = module

    def get(self, rule_id: str) -> Rule | None:
        return self._by_id.get(rule_id)

    def __getitem__(self, rule_id: str) -> Rule:
        return self._by_id[rule_id]

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._by_id

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def ids(self) -> list[str]:
        return [r.id for r in self.rules]

    def categories(self) -> list[str]:
        seen: list[str] = []
        for r in self.rules:
            if r.category not in seen:
                seen.append(r.category)
        return seen

    def by_category(self, category: str) -> list[Rule]:
        return [r for r in self.rules if r.category == category]

    def scoped(self, scope: str) -> list[Rule]:
        return [r for r in self.rules if r.scope == scope]


def discover_modules(package: str = RULES_PACKAGE) -> list[str]:
    """Names of all modules under ``package``, sorted (stable rule order)."""
    pkg = importlib.import_module(package)
    names = [
        info.name
        for info in pkgutil.walk_packages(pkg.__path__, prefix=package + ".")
        if not info.ispkg
    ]
    return sorted(names)


def _rules_of(module_name: str) -> list[Rule]:
    try:
        mod = importlib.import_module(module_name)
    except Exception as exc:  # a broken rule module must be loud, with its name
        raise RegistryError(f"cannot import rule module {module_name}: {exc!r}") from exc
    rules = getattr(mod, "RULES", None)
    if rules is None:
        return []
    if not isinstance(rules, (list, tuple)):
        raise RegistryError(f"{module_name}.RULES must be a list of Rule")
    for r in rules:
        if not isinstance(r, Rule):
            raise RegistryError(f"{module_name}.RULES holds a {type(r).__name__}, not a Rule")
    return list(rules)


def build_registry(module_names: Iterable[str] | None = None) -> Registry:
    """Import rule modules and collect their ``RULES`` into a new :class:`Registry`."""
    names = discover_modules() if module_names is None else list(module_names)
    reg = Registry()
    for name in names:
        for rule in _rules_of(name):
            reg.add(rule, name)
    return reg
