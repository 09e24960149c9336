"""What people read about a rule and a finding, in Chinese or English.

Users see a rule's title, never its id (the id is for support and configuration,
and for the machine-readable outputs). A finding stores its message in Chinese;
the English text is rendered from it by the rule's message templates
(``editor_app.checks.messages``), so every stored finding and history event can
be shown in both languages. ``lang`` is "en" for English; anything else is Chinese.
"""

from __future__ import annotations

from collections.abc import Callable

from editor_app.model import Finding
from editor_app.services import checking

# a rule this version does not know (a finding stored by another version)
UNKNOWN_TITLE = {"zh_CN": "其他检查", "en": "Other check"}


def _lang(lang: str | None) -> str:
    return "en" if lang == "en" else "zh_CN"


def rule_title(rule_id: str, lang: str | None = None) -> str:
    rule = checking.registry().get(rule_id)
    if rule is None:
        return UNKNOWN_TITLE[_lang(lang)]
    return rule.title_in(_lang(lang))


def message(rule_id: str, text: str, lang: str | None = None) -> str:
    """A stored (Chinese) message of ``rule_id`` in ``lang``."""
    rule = checking.registry().get(rule_id)
    if rule is None or _lang(lang) != "en":
        return text
    return rule.message_in(text, "en")


def finding_message(f: Finding, lang: str | None = None) -> str:
    return message(f.rule, f.message, lang)


def titles(lang: str | None = None) -> dict[str, str]:
    """Every rule's title in ``lang``, by id."""
    return {r.id: r.title_in(_lang(lang)) for r in checking.registry()}


def message_function(lang: str | None = None) -> Callable[[Finding], str]:
    """``finding -> message in lang`` for the exporters (which do not know the rules)."""
    lang = _lang(lang)
    return lambda f: finding_message(f, lang)


def revision_note(note: str, lang: str | None = None) -> str | None:
    """The rule a "fix <rule>" / "bulk fix <rule>" note names, as its title; None when
    the note names no rule."""
    for prefix in ("bulk fix ", "fix "):
        if note.startswith(prefix):
            return rule_title(note.removeprefix(prefix), lang)
    return None
