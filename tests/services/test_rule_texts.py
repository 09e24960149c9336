"""What people read about rules: titles and messages by language, never the id."""

from editor_app.model import Finding
from editor_app.services import rule_texts


def test_titles_by_language_and_unknown_rules():
    assert rule_texts.rule_title("punctuation.halfwidth") == "中文里的半角标点"
    assert rule_texts.rule_title("punctuation.halfwidth", "en") == "Half-width punctuation in Chinese text"
    # a finding stored by another version, of a rule this one does not know
    assert rule_texts.rule_title("retired.rule") == "其他检查"
    assert rule_texts.rule_title("retired.rule", "en") == "Other check"
    assert rule_texts.titles("en")["number.unit_symbol"] == "Wrong case in a unit symbol"


def test_messages_and_revision_notes():
    f = Finding("punctuation.halfwidth", "punctuation", "warning", "中文里用了半角逗号“,”，应为全角“，”", 0, 1)
    assert rule_texts.finding_message(f) == f.message
    assert rule_texts.finding_message(f, "en") == "Half-width comma “,” in Chinese text; use the full-width “，”"
    assert rule_texts.message_function("en")(f) == rule_texts.finding_message(f, "en")
    assert rule_texts.message("retired.rule", "旧消息", "en") == "旧消息"
    assert rule_texts.revision_note("bulk fix punctuation.halfwidth") == "中文里的半角标点"
    assert rule_texts.revision_note("fix punctuation.halfwidth", "en") == "Half-width punctuation in Chinese text"
    assert rule_texts.revision_note("edit") is None
