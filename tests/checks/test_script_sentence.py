"""script.traditional converts a finding within its whole sentence, so OpenCC's phrase
choices survive that converting the flagged characters alone would lose."""

from __future__ import annotations

import pytest

from editor_app.checks.core import ArticleContext
from editor_app.checks.resources import Resources
from editor_app.checks.rules.script import traditional
from editor_app.checks.rules.script._data import script_data


@pytest.fixture(scope="module")
def res():
    return Resources()


def _found(text, res):
    return [(text[h.start : h.end], h.suggestion)
            for h in traditional.find_traditional(ArticleContext(text=text, resources=res))]


@pytest.mark.parametrize(
    ("text", "expected", "alone"),
    [
        # 鍊 alone is 炼; in 手鍊 OpenCC's phrase data gives 链
        ("他戴着一条银手鍊。", [("鍊", "链")], "炼"),
        # 扭轉乾坤 keeps 乾 (乾坤); 轉乾 alone would become 转干
        ("这一仗扭轉乾坤，意义重大。", [("轉乾", "转乾")], "转干"),
        # 沙逕 is a place name: OpenCC keeps the phrase's 迳, 逕 alone is 径
        ("船队驶过沙逕时放慢了速度。", [("逕", "迳")], "径"),
    ],
)
def test_phrase_choices_survive(text, expected, alone, res):
    assert _found(text, res) == expected
    d = script_data(res)
    assert d.t2s(expected[0][0]) == alone  # what the span alone would have given


def test_sentence_is_bounded_and_unchanged_lengths_fall_back(res):
    d = script_data(res)
    text = "第一句。推动經濟發展取得新成效！第三句"
    s = text.index("經")
    assert traditional.sentence_t2s(text, s, s + 4, d) == "经济发展"
    cache: dict = {}
    traditional.sentence_t2s(text, s, s + 4, d, cache)
    assert list(cache) == [(4, 16)]  # from after 。 to the ！ included
