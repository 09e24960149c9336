"""script.traditional: traditional characters in simplified text.

Class 1 of RULES.md: a character outside the 8105 list that OpenCC ``t2s``
changes. Adjacent such characters form one finding, widened by one
neighbouring character of the same word on each side. The suggestion is the
excerpt's part of ``t2s`` of the whole sentence, so OpenCC's phrase choices
survive (扭轉乾坤 -> 扭转乾坤, 手鍊 -> 手链, 沙逕 -> 沙迳 as a place name):
經濟發展 -> 经济发展, 天才漫畫 -> finding on 漫畫 -> 漫画. Names of people and
organisations in the house lexicon are never converted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from editor_app.checks.core import ArticleContext, Hit, Rule
from editor_app.checks.lexicon import overlaps, protected_spans
from editor_app.checks.messages import Msg

from ._data import ScriptData, script_data
from ._zh import is_han, starts_word

# two traditional characters separated by at most this many Han characters
# belong to one finding (臺灣省政府 -> one finding, not three)
MAX_GAP = 1
MAX_SENTENCE = 200  # characters either side read as the sentence of a finding


def _class1_positions(text: str, d: ScriptData) -> list[int]:
    return [i for i in d.nonstandard_positions(text) if d.t2s_char(text[i]) != text[i]]


def _groups(text: str, marks: list[int]) -> list[tuple[int, int]]:
    groups: list[tuple[int, int]] = []
    for i in marks:
        if groups:
            s, e = groups[-1]
            gap = text[e:i]
            if len(gap) <= MAX_GAP and all(is_han(c) for c in gap):
                groups[-1] = (s, i + 1)
                continue
        groups.append((i, i + 1))
    return groups


def _widen(text: str, s: int, e: int, d: ScriptData) -> tuple[int, int]:
    # first take in standard characters that t2s also changes (關於, 乾淨):
    # next to traditional ones they are part of the traditional passage
    while s > 0 and text[s - 1] in d.variant_target:
        s -= 1
    while e < len(text) and text[e] in d.variant_target:
        e += 1
    # then the neighbour that completes a word, for phrase context: 漫畫 (漫画),
    # 經濟發展 (发展), 他們認為 (他们) - but not 强國際 (国际 is a word already)
    # A single character takes one side only, the right first: 傳承 rather
    # than 遗傳承 (both 遗传 and 传承 are words).
    run = d.t2s(text[s:e])
    right = e < len(text) and _joins(run[-2:], text[e], "right", d)
    if right:
        e += 1
    if s > 0 and not (right and len(run) == 1) and _joins(run[:2], text[s - 1], "left", d):
        s -= 1
    return s, e


def _joins(edge: str, neighbour: str, side: str, d: ScriptData) -> bool:
    """Does ``neighbour`` belong to the word at this edge of the run? ``edge`` is
    the run's (simplified) one or two characters on that side. The neighbour
    joins when it forms a word with the edge character and the run's own pair
    there does not."""
    if not is_han(neighbour) or neighbour in d.boundary_chars:
        return False
    if len(edge) == 2 and starts_word(d.starts, edge[0], edge[1]):
        return False
    n = d.t2s_char(neighbour)
    if side == "left":
        return starts_word(d.starts, n, edge[0])
    return starts_word(d.starts, edge[-1], n)


SENTENCE_END = re.compile(r"[。！？；!?;\n]")


def sentence_t2s(text: str, s: int, e: int, d: ScriptData, cache: dict | None = None) -> str:
    """``t2s`` of ``text[s:e]`` as converted within its whole sentence, so that OpenCC's
    phrase choices survive (扭轉乾坤 -> 扭转乾坤, not 扭转干坤; 手鍊 -> 手链, not 手炼).
    Falls back to the span alone if the conversion changes the sentence's length."""
    a = s
    while a > 0 and not SENTENCE_END.match(text[a - 1]) and s - a < MAX_SENTENCE:
        a -= 1
    m = SENTENCE_END.search(text, e, min(len(text), e + MAX_SENTENCE))
    b = m.end() if m else min(len(text), e + MAX_SENTENCE)
    key = (a, b)
    out = cache.get(key) if cache is not None else None
    if out is None:
        out = d.t2s(text[a:b])
        if cache is not None:
            cache[key] = out
    if len(out) != b - a:
        return d.t2s(text[s:e])
    return out[s - a : e - a]


def find_traditional(ctx: ArticleContext) -> Iterator[Hit]:
    text = ctx.text
    d = script_data(ctx.resources)
    marks = _class1_positions(text, d)
    if not marks:
        return
    merged: list[tuple[int, int]] = []
    for s, e in _groups(text, marks):
        s, e = _widen(text, s, e, d)
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    mark_set = set(marks)
    protected = protected_spans(text, ctx.library.lexicon)
    sentences: dict[tuple[int, int], str] = {}
    for s, e in merged:
        if protected and overlaps(protected, s, e):
            continue  # a name of the house lexicon is never converted
        excerpt = text[s:e]
        suggestion = sentence_t2s(text, s, e, d, sentences)
        if suggestion == excerpt:
            continue
        trad = "".join(text[i] for i in range(s, e) if i in mark_set)
        yield Hit(
            s,
            e,
            f"「{excerpt}」含繁体字「{trad}」，规范字形为「{suggestion}」",
            suggestion=suggestion,
        )


RULES = [
    Rule(
        id="script.traditional",
        category="script",
        severity="error",
        title="繁体字",
        title_en="Traditional characters",
        messages=(
            Msg(
                "「{excerpt}」含繁体字「{trad}」，规范字形为「{simp}」",
                "「{excerpt}」 contains the traditional 「{trad}」; the standard form is 「{simp}」",
            ),
        ),
        explanation=(
            "简化字文本中出现《通用规范汉字表》（2013）以外、且有对应规范简化字的繁体字。"
            "依《中华人民共和国国家通用语言文字法》第十七条，出版物一般应使用规范汉字；"
            "建议按词语整体转换为简化字（如“經濟發展”→“经济发展”）。"
            "人名、古籍引文等需保留繁体时，请将其加入保留词表。"
        ),
        must_flag=(
            "天才漫畫",
            "推动經濟發展取得新成效",
            "加强國際合作",
            "他們認為这个方案可行",
            "關於进一步加强管理的通知",
            "他戴着一条银手鍊",
            "这一仗扭轉乾坤",
        ),
        must_pass=(
            "去年签约的宝鼎乾芯一期项目已投产",
            "乾隆年间修建的古桥",
            "凡为弓，冬析干而春液角，冰析灂。",
            "经济发展取得新成效",
            "蒜薹、菜薹上市",
            "於潜镇位于临安区西部",
            "Made in China 2025",
        ),
        func=find_traditional,
        bulk_fixable=True,
    )
]
