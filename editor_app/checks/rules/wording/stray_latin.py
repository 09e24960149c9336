"""wording.stray_latin: an English word inside a Chinese sentence.

The strong signal is an English function word between Chinese characters:
研究机构 and 高校 (a translation left half done, or a typing slip). Only the
words of ``wording_latin_function_words.tsv`` are reported, and only with a
Chinese character on both sides (spaces skipped), so abbreviations (GDP, AI,
5G, LNG, R&D, IPO, COP15), units, model numbers, URLs, chemical formulae,
brand names and quoted English titles (“Made in China”) never are. Words in
capitals (OR, IN) are taken for abbreviations. Phrases of
``wording_latin_ok.txt`` are allowed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from editor_app.checks.core import ArticleContext, Hit, Rule
from editor_app.checks.messages import Msg

from ..script._zh import HAN_RE, cached

TOKEN_RE = re.compile(r"[A-Za-z]+")
SPACES = " \t"


@dataclass
class _Data:
    words: dict[str, str]  # word -> suggestion ("" if none)
    ok: tuple[str, ...]  # lower-case phrases


def _build(resources: Any) -> _Data:
    words: dict[str, str] = {}
    for row in resources.table("wording_latin_function_words"):
        if row and row[0]:
            words[row[0].lower()] = row[1] if len(row) > 1 else ""
    ok = tuple(p.lower() for p in resources.word_list("wording_latin_ok"))
    return _Data(words, ok)


def _allowed(text: str, s: int, e: int, ok: tuple[str, ...]) -> bool:
    window = text[max(0, s - 12) : e + 12].lower()
    off = s - max(0, s - 12)
    for phrase in ok:
        k = window.find(phrase)
        while k >= 0:
            if k < off + (e - s) and k + len(phrase) > off:
                return True
            k = window.find(phrase, k + 1)
    return False


def find_stray_latin(ctx: ArticleContext) -> Iterator[Hit]:
    text = ctx.text
    d: _Data | None = None
    n = len(text)
    for m in TOKEN_RE.finditer(text):
        s, e = m.start(), m.end()
        if d is None:
            d = cached(ctx.resources, "wording.stray_latin", _build)
        word = m.group()
        key = word.lower()
        if key not in d.words or (len(word) > 1 and word.isupper()):
            continue
        ls = s
        while ls > 0 and text[ls - 1] in SPACES:
            ls -= 1
        re_ = e
        while re_ < n and text[re_] in SPACES:
            re_ += 1
        if ls == 0 or re_ >= n:
            continue
        if not (HAN_RE.match(text[ls - 1]) and HAN_RE.match(text[re_])):
            continue
        if _allowed(text, s, e, d.ok):
            continue
        sug = d.words[key]
        msg = f"中文句子中夹有英文词“{word}”，疑为误植"
        if sug:
            yield Hit(ls, re_, msg + f"，应为“{sug}”", suggestion=sug)
        else:
            yield Hit(s, e, msg)


RULES = [
    Rule(
        id="wording.stray_latin",
        category="wording",
        severity="warning",
        title="中文句中夹杂英文词",
        title_en="English word inside a Chinese sentence",
        messages=(
            Msg(
                "中文句子中夹有英文词“{word}”，疑为误植，应为“{right}”",
                "The English word “{word}” inside a Chinese sentence looks misplaced; should be “{right}”",
            ),
            Msg(
                "中文句子中夹有英文词“{word}”，疑为误植",
                "The English word “{word}” inside a Chinese sentence looks misplaced",
            ),
        ),
        explanation=(
            "中文句子中夹有英文虚词（and、or、the、of、with 等），多为翻译未完成或录入失误。"
            "依据原新闻出版总署《关于进一步规范出版物文字使用的通知》（2010），"
            "汉语出版物中不得随意夹带使用外文单词。"
            "外文缩写（GDP、AI、5G、R&D）、计量单位、型号、网址、品牌名和"
            "引用的外文标题不在此列。"
        ),
        must_flag=(
            "8家参会企业、研究机构 and 高校代表畅谈未来",
            "加强政府and企业合作",
            "推动产业 with 科技深度融合",
            "城市 or 乡村",
        ),
        must_pass=(
            "占GDP比重达35.6%",
            "2023年全区R&D经费投入强度达到5.16%",
            "融合应用5G、MEC、数字孪生等技术",
            "进入IPO阶段",
            "“义境”App在义乌上线",
            "第十五次缔约方大会(COP15)第一阶段",
            "新奥舟山LNG接收站",
            "电影《Gone with the Wind》在国内上映",
            "“Made in China”标签",
            "访问 www.zj.gov.cn 了解详情",
            "开展VOCs治理",
            "这款手机 iPhone 15 Pro 售价",
            "他说 OR 不是一个好选择",
        ),
        func=find_stray_latin,
    )
]
