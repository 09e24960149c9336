"""The search behind wording.de_particle (declared in ``typo.py``): the structural
的/地/得 rule. An adverb or a reduplicated word before 的/得 and a verb after it
(慢慢的走 -> 慢慢地走), a verb before 的 and a degree complement after it (跑的很快。 ->
跑得很快), 比……快的多 -> 快得多, and words that are always written with 得 (觉得, 值得,
记得) or 的 (真的).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from editor_app.checks.core import ArticleContext, Hit

from ..script._zh import cached, is_han
from ._typo_lexicon import load_pos
from ._typo_model import COVER_MIN, TypoModel, typo_model

DEGREE = (
    "很",
    "非常",
    "十分",
    "特别",
    "太",
    "挺",
    "相当",
    "越来越",
    "更加",
    "有点儿",
    "有点",
    "有些",
    "极其",
    "还",
)
# adverbs and adjectives that, right before a verb, take 地 (our own list; a
# wider class such as the dictionary's adverbs also modifies nouns with 的:
# 共同的目标, 一定的提高, 扎实的行动)
ADVERBIAL = frozenset(
    "不断 逐步 逐渐 渐渐 慢慢 悄悄 默默 偷偷 静静 轻轻 紧紧 深深 狠狠 好好 早早 匆匆 "
    "拼命 大声 小心 仔细 认真 专心 耐心 用心 积极 努力 迅速 快速 飞快 缓缓 缓慢 "
    "热情 热烈 高兴 开心 愉快 兴奋 激动 大胆 勇敢 坚定 坚决 顽强 牢牢 稳稳 "
    "反复 一再 连续 陆续 相继 不停 悄然 欣然 毅然 默然 突然 忽然 猛然 逐一 "
    "由衷 衷心 深情 亲切 耐心 细心 精心 尽情 尽力 全力 竭力 极力 彻底 有效 "
    "严重 明显 大幅 大幅度 大力 稳步 显著 清楚 清晰 简单 直接 完全 源源不断 持续不断".split()
)
# of ADVERBIAL, the ones that are also common noun modifiers before a verbal noun
NOUNISH = frozenset("有效 明显 直接 完全 简单 清楚 清晰 显著 严重 热烈 热情 坚定 彻底".split())
# verbs whose object is a noun phrase: 开展认真的工作 (not 认真地工作)
LIGHT_VERBS = (
    "进行",
    "开展",
    "提供",
    "通过",
    "作出",
    "做出",
    "给予",
    "加以",
    "受到",
    "得到",
    "获得",
    "经过",
    "实现",
    "展开",
    "持续",
    "需要",
    "要求",
    "作为",
    "成为",
    "就是",
)
# single-character verbs that take a complement with 得 (过得很好, 跑得很快)
COMPLEMENT_VERBS = frozenset("过跑唱玩做写吃睡长学变走来去看笑哭念活住干打开飞游")
# verbs of saying after an adverbial: 冷冷的说： -> 冷冷地说
SAY_AFTER = ("说", "问", "喊", "叫", "回答")
SAY_OPEN = "：:，,「“"
# 很 + an adjective of manner + 的 + verb: 很耐心的解释 -> 地 (not 很大的提高)
NOT_MANNER = frozenset(
    "大 小 多 少 好 高 低 重 强 长 深 新 快 严重 重要 明显 大的 好的 不错 一般 普通".split()
)
SAY = frozenset("说 讲 写 想 认为 所说 看 听".split())
DEGREE_DE = ("非常", "十分")  # degree adverbs that never take 的 before a predicate
ALWAYS_DE2 = "觉记值显免晓"  # 觉得 记得 值得 显得 免得 晓得: X的 -> X得
BOUNDARY = "，。；：！？、）”’…—\n"
_COMPARE_RE = re.compile(
    r"比[^，。；！？\n]{1,12}?([\u4e00-\u9fff]{1,2})的多(?=[，。；！？、\n]|$)"
)


class _Lexicon:
    """The word table less the words borrowed from wordfreq: the 的/地/得 rule reads
    word boundaries, and a tokenizer's fragments (过的, 家过) would mislead it."""

    def __init__(self, model: TypoModel) -> None:
        self._words = model.words
        self._borrowed = model.borrowed

    def get(self, w: str, default: int = -1) -> int:
        if w in self._borrowed:
            return default
        return self._words.get(w, default)


@dataclass
class _DeData:
    model: TypoModel
    words: _Lexicon
    verbs: frozenset[str]
    verbal_nouns: frozenset[str]
    adverbs: frozenset[str]
    adjectives: frozenset[str]


def _de_data(resources: Any) -> _DeData:
    pos = cached(resources, "wording.typo_pos", load_pos)
    model = typo_model(resources)
    return _DeData(
        model=model,
        words=_Lexicon(model),
        verbs=pos.get("v", frozenset()),
        verbal_nouns=pos.get("vn", frozenset()),
        adverbs=pos.get("d", frozenset()),
        adjectives=pos.get("a", frozenset()),
    )


def _word_before(text: str, i: int, words: _Lexicon) -> str:
    """The longest dictionary word (1-4 characters) ending just before ``i``."""
    for n in (4, 3, 2):
        a = i - n
        if a >= 0:
            w = text[a:i]
            if words.get(w, -1) >= COVER_MIN and all(is_han(ch) for ch in w):
                return w
    return text[i - 1] if i > 0 and is_han(text[i - 1]) else ""


def _word_after(text: str, i: int, words: _Lexicon) -> str:
    """The longest dictionary word (1-4 characters) starting at ``i``."""
    for n in (4, 3, 2):
        w = text[i : i + n]
        if len(w) == n and words.get(w, -1) >= COVER_MIN and all(is_han(ch) for ch in w):
            return w
    return text[i] if i < len(text) and is_han(text[i]) else ""


def _reduplicated(text: str, i: int) -> str:
    """AABB or AA ending just before ``i`` (高高兴兴, 慢慢), else ""."""
    if i >= 4 and text[i - 4] == text[i - 3] and text[i - 2] == text[i - 1] != text[i - 3]:
        w = text[i - 4 : i]
        if all(is_han(ch) for ch in w):
            return w
    if i >= 2 and text[i - 2] == text[i - 1] and is_han(text[i - 1]):
        if i >= 3 and text[i - 3] == text[i - 1]:
            return ""
        return text[i - 2 : i]
    return ""


PRONOUNS = frozenset("我 你 他 她 它 我们 你们 他们 她们 它们 咱们 大家 自己".split())


def _manner_after_hen(text: str, i: int, words: _Lexicon) -> str:
    """The adjective between 很 and 的 at ``i`` (很耐心的), or ""."""
    for n in (2, 1):
        a = i - n
        if a >= 1 and text[a - 1] == "很":
            w = text[a:i]
            if w not in NOT_MANNER and words.get(w, -1) >= COVER_MIN and all(is_han(c) for c in w):
                return w
    return ""


def _say_after(text: str, j: int) -> str:
    """A verb of saying at ``j`` followed by a colon, comma or opening quote, or ""."""
    for v in SAY_AFTER:
        if text.startswith(v, j) and text[j + len(v) : j + len(v) + 1] in tuple(SAY_OPEN):
            return v
    return ""


def _light_verb_before(text: str, j: int) -> bool:
    """Does a verb that takes a noun phrase object end within two characters before ``j``?"""
    window = text[max(0, j - 4) : j]
    return any(v in window for v in LIGHT_VERBS)


def _degree_complement(text: str, j: int, d: _DeData) -> bool:
    """Does a degree adverb + adjective/verb + a boundary start at ``j`` (很快。)?"""
    for adv in DEGREE:
        if text.startswith(adv, j):
            k = j + len(adv)
            w = _word_after(text, k, d.words)
            if not w or (w not in d.adjectives and w not in d.verbs):
                return False
            e = k + len(w)
            return e >= len(text) or text[e] in BOUNDARY or text[e] in "了啊呀呢吧的吗"
    return False


def find_de(ctx: ArticleContext) -> Iterator[Hit]:
    text = ctx.text
    if "的" not in text and "得" not in text:
        return
    d = cached(ctx.resources, "wording.de_data", _de_data)
    words = d.words
    for m in re.finditer("[的得]", text):
        i = m.start()
        ch = m.group()
        if i == 0 or not is_han(text[i - 1]):
            continue
        # 真得 -> 真的 (not 认真得, 逼真得)
        if ch == "得" and text[i - 1] == "真" and words.get(text[i - 2 : i], -1) < COVER_MIN:
            yield Hit(i, i + 1, "“真得”应为“真的”", suggestion="的")
            continue
        # 非常的高兴。 -> 非常地 (a degree adverb before an adjective or a verb that ends the clause)
        if ch == "的" and text[max(0, i - 2) : i] in DEGREE_DE:
            after = _word_after(text, i + 1, words)
            e = i + 1 + len(after)
            if (
                len(after) >= 2
                and (after in d.adjectives or after in d.verbs)
                and (e >= len(text) or text[e] in BOUNDARY or text[e] == "了")
            ):
                yield Hit(
                    i,
                    i + 1,
                    f"“{text[i - 2 : i]}的{after}”修饰谓语应用“地”",
                    suggestion="地",
                )
                continue
        if ch == "的" and text[i - 1] in ALWAYS_DE2:
            v = text[i - 1]
            ends_word = any(
                words.get(text[i - n : i], -1) >= COVER_MIN for n in (2, 3, 4) if i >= n
            )
            if not ends_word and words.get(v + "得", -1) >= COVER_MIN:
                yield Hit(i, i + 1, f"“{v}的”应为“{v}得”", suggestion="得")
                continue
        after = _word_after(text, i + 1, words)
        if not after:
            continue
        if words.get(text[i : i + 2], -1) >= COVER_MIN:
            continue  # 的/得 begins a word: 得到, 的确, 得以
        redup = _reduplicated(text, i)
        before = _word_before(text, i, words)
        if len(before) < 2 and not redup and words.get(text[i - 1 : i + 1], -1) >= COVER_MIN:
            continue  # X的/X得 is a word: 真的, 目的, 不得, 获得
        # adverbial: adverb or reduplicated word + 的/得 + verb -> 地
        left = ""
        if len(redup) == 4 or redup in ADVERBIAL:
            left = redup
        else:
            for n in (4, 3, 2):
                w = text[max(0, i - n) : i]
                if len(w) == n and w in ADVERBIAL and w not in NOUNISH:
                    left = w
                    break
        verb_ok = after in d.verbs or (after in d.verbal_nouns and len(left) == 4)
        if left and _light_verb_before(text, i - len(left)):
            left = ""  # 开展认真的工作, 通过持续不断的治理: a noun phrase
        if left and verb_ok and (ch == "的" or left == redup) and after not in d.adjectives:
            e = i + 1 + len(after)
            if not (e < len(text) and text[e] in "的之"):
                yield Hit(
                    i,
                    i + 1,
                    f"“{left}{ch}{after}”修饰动词应用“地”",
                    suggestion="地",
                )
                continue
        # AABB + 得 is never a complement: 开开心心得回家 -> 地
        if ch == "得" and len(redup) == 4:
            yield Hit(i, i + 1, f"“{redup}得”修饰动词应用“地”", suggestion="地")
            continue
        # an adverbial before a verb of saying: 冷冷的说： -> 地
        if ch == "的" and (redup or (before and before not in PRONOUNS)):
            say = _say_after(text, i + 1)
            if say:
                yield Hit(
                    i, i + 1, f"“的{say}”前是状语，应用“地”", suggestion="地"
                )
                continue
        # 很 + adjective of manner + 的/得 + verb -> 地
        manner = _manner_after_hen(text, i, words)
        if (
            manner
            and after in d.verbs
            and after not in d.adjectives
            and after not in d.verbal_nouns
        ):
            e = i + 1 + len(after)
            if e < len(text) and is_han(text[e]) and text[e] not in "的之":
                yield Hit(
                    i,
                    i + 1,
                    f"“很{manner}{ch}{after}”修饰动词应用“地”",
                    suggestion="地",
                )
                continue
        # complement: verb + 的 + degree adverb + adjective -> 得
        verb = before in d.verbs or before in COMPLEMENT_VERBS
        if ch == "的" and verb and before not in SAY and len(redup) < 2:
            if _degree_complement(text, i + 1, d):
                yield Hit(
                    i,
                    i + 1,
                    f"“{before}的”后接程度补语应用“得”",
                    suggestion="得",
                )
    for m in _COMPARE_RE.finditer(text):
        adj = m.group(1)
        if adj[-1] in d.adjectives or adj in d.adjectives:
            i = m.end() - 2
            yield Hit(i, i + 1, "“比……的多”应为“得多”", suggestion="得")
