"""Properties of every script, punctuation and wording rule on generated text:
no exception, spans inside the text, a suggestion that changes the text,
non-overlapping findings within a rule, and findings that depend only on the
text (the same text gives the same hits twice)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor_app.checks.core import ArticleContext
from editor_app.checks.resources import Resources
from editor_app.checks.rules.punctuation import halfwidth, marks, quotes
from editor_app.checks.rules.script import rare, traditional, variants
from editor_app.checks.rules.wording import confusables, duplicated, jiezhi, stray_latin

MODULES = (
    traditional,
    variants,
    rare,
    halfwidth,
    quotes,
    marks,
    jiezhi,
    stray_latin,
    confusables,
    duplicated,
)
RULES = [r for m in MODULES for r in m.RULES]
RES = Resources()

PIECES = [
    "经济",
    "发展",
    "的",
    "了",
    "在",
    "是",
    "截止",
    "目前",
    "人选",
    "世界",
    "好象",
    "登陆",
    "网站",
    "國際",
    "漫畫",
    "乾",
    "於",
    "著",
    "灂",
    "⼯",
    "贷",
    "推进",
    "常常",
    "一个",
    "“",
    "”",
    "‘",
    "’",
    "《",
    "》",
    "（",
    "）",
    "(",
    ")",
    ",",
    ";",
    ":",
    "?",
    "!",
    "，",
    "。",
    "、",
    "；",
    "：",
    "？",
    "！",
    "……",
    "…",
    "...",
    "。。。",
    "——",
    "—",
    "--",
    "•",
    "・",
    "．",
    "·",
    " ",
    "\n",
    "and",
    "or",
    "GDP",
    "5G",
    "R&D",
    "1,258",
    "8:30",
    "1.53:1",
    "3.14",
    "http://a.cn/x?a=1,2",
    "e@x.cn",
    ", ",
    " ;",
    " : ",
    "( ",
    " )",
    "转贷贷",
    "转贷转贷",
    "等",
    "等等",
    "今年",
    "2024年",
    "日文です",
    "A",
    "z",
    "😀",
    "①",
]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_rule_invariants(text):
    ctx = ArticleContext(text=text, resources=RES)
    for rule in RULES:
        found = list(rule.func(ctx))
        again = [
            (h.start, h.end, h.suggestion)
            for h in rule.func(ArticleContext(text=text, resources=RES))
        ]
        assert [(h.start, h.end, h.suggestion) for h in found] == again, rule.id
        spans = []
        for h in found:
            assert 0 <= h.start < h.end <= len(text), (rule.id, text, h)
            assert h.message, rule.id
            assert h.severity in (None, "error", "warning", "info"), rule.id
            if h.suggestion is not None:
                assert h.suggestion != text[h.start : h.end], (rule.id, text, h)
            spans.append((h.start, h.end))
        spans.sort()
        for (_a, b), (c, _d) in zip(spans, spans[1:], strict=False):
            assert b <= c, (rule.id, text, spans)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_traditional_bulk_fix_leaves_no_traditional_character(text):
    rule = traditional.RULES[0]
    found = list(rule.func(ArticleContext(text=text, resources=RES)))
    fixed = text
    for h in sorted(found, key=lambda h: h.start, reverse=True):
        fixed = fixed[: h.start] + h.suggestion + fixed[h.end :]
    assert not list(rule.func(ArticleContext(text=fixed, resources=RES)))
