"""Rule titles and finding messages in English, as data beside the Chinese ones.

Every registered rule has an English title; for every must-flag example, the
Chinese message a finding stores is read by one of the rule's message
templates, and the English text rendered from it fills the same fields and
has no Chinese characters outside quotation marks (quoted excerpts,
characters and titles stay as they are).
"""

from __future__ import annotations

import pytest

from editor_app.checks.messages import Messages, Msg, fields_of, unquoted_cjk

from .test_rule_examples import REGISTRY, _cases, _findings


def test_every_rule_has_an_english_title():
    missing = [r.id for r in REGISTRY.rules if not r.title_en.strip()]
    assert not missing, f"rules without an English title: {missing}"
    chinese = [r.id for r in REGISTRY.rules if unquoted_cjk(r.title_en)]
    assert not chinese, f"English titles with unquoted Chinese: {chinese}"
    assert all(r.title_in("en") == r.title_en and r.title_in("zh_CN") == r.title for r in REGISTRY.rules)


def test_every_rule_declares_messages_with_the_same_fields():
    for rule in REGISTRY.rules:
        assert rule.messages, f"{rule.id} declares no message templates"
        for msg in rule.messages:
            assert sorted(set(fields_of(msg.zh))) == sorted(set(fields_of(msg.en))), (rule.id, msg)
            assert not unquoted_cjk(msg.en.format(**{k: "x" for k in fields_of(msg.en)})), (
                f"{rule.id}: English template with unquoted Chinese: {msg.en!r}")


@pytest.mark.parametrize(("rule_id", "example"), _cases("flag"))
def test_must_flag_messages_in_english(rule_id, example):
    rule = REGISTRY[rule_id]
    found = _findings(rule_id, example)
    assert found
    messages = Messages(rule.messages, rule.terms_en)
    for f in found:
        matched = messages.match(f.message)
        assert matched is not None, f"{rule_id}: no template reads {f.message!r}"
        msg, values = matched
        # the template gives back the whole Chinese message ...
        assert msg.zh.format(**values) == f.message
        english = rule.message_in(f.message, "en")
        assert english == messages.english(f.message)
        assert english != f.message
        # ... and the English text fills the same fields: quoted values appear as they are
        for name in msg.quoted_en:
            assert values[name] in english, (rule_id, name, english)
        assert "{" not in english and "}" not in english
        assert not unquoted_cjk(english), f"{rule_id}: Chinese outside quotes in {english!r}"
        assert rule.message_in(f.message, "zh_CN") == f.message


def test_message_templates_parse_back_and_translate_terms():
    msg = Msg("中文里用了半角{name}“{mark}”，应为全角“{full}”",
              "Half-width {name} “{mark}” in Chinese text; use the full-width “{full}”")
    m = Messages((msg,), {"逗号": "comma"})
    assert m.english("中文里用了半角逗号“,”，应为全角“，”") == (
        "Half-width comma “,” in Chinese text; use the full-width “，”")
    assert m.english("别的消息") is None
    with pytest.raises(ValueError):
        Msg("{a}与{b}", "{a} and {c}")


def test_an_unknown_message_falls_back_to_the_title_with_the_chinese_quoted():
    rule = REGISTRY["punctuation.halfwidth"]
    text = rule.message_in("一条旧版本留下的消息", "en")
    assert text.startswith(rule.title_en) and "“一条旧版本留下的消息”" in text
    assert not unquoted_cjk(text)


def test_the_engines_summary_message_reads_in_english():
    from editor_app.checks.core import Hit
    from editor_app.checks.engine import MAX_FINDINGS_PER_RULE, _summary_hit

    text = _summary_hit(Hit(5, 6, "x")).message
    english = REGISTRY["punctuation.halfwidth"].message_in(text, "en")
    assert english.startswith(f"More than {MAX_FINDINGS_PER_RULE} findings") and not unquoted_cjk(english)
