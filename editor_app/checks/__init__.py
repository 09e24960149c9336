"""The proofreading engine. No Qt, no database: plain functions over model data.

from editor_app.checks import build_registry, Checker, CheckSettings
checker = Checker(build_registry(), CheckSettings(disabled_categories={"wording"}))
findings = checker.check_issue(issue)            # or checker.check_article(text)
"""

from editor_app.checks.core import ArticleContext, Hit, IssueContext, IssueExample, Rule
from editor_app.checks.engine import Checker, RuleFailure, finalize, fingerprint
from editor_app.checks.fixes import apply_fixes, preview
from editor_app.checks.rate import LIMIT, error_rate, issue_error_rates
from editor_app.checks.registry import Registry, RegistryError, build_registry
from editor_app.checks.resources import Resources
from editor_app.checks.settings import CheckSettings

__all__ = [
    "LIMIT",
    "ArticleContext",
    "CheckSettings",
    "Checker",
    "Hit",
    "IssueContext",
    "IssueExample",
    "Registry",
    "RegistryError",
    "Resources",
    "Rule",
    "RuleFailure",
    "apply_fixes",
    "build_registry",
    "error_rate",
    "finalize",
    "fingerprint",
    "issue_error_rates",
    "preview",
]
