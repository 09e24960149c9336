"""script.rare_char: ideographs outside the 8105 list that are not traditional forms.

Class 3 of RULES.md: not in the list and OpenCC ``t2s`` leaves it (灂 in a
classical quotation, a rare character of a name). Only ideographs are looked
at: punctuation, digits, Latin letters and emoji never match.

Two look-alikes get a suggestion, because they are defects of extracted text
rather than choices of the author: a CJK compatibility ideograph (U+F900 ...)
or a Kangxi radical (U+2F00 ...) whose NFKC form is a character of the list
(⼯作 -> 工作). They are reported as errors.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from editor_app.checks.core import ArticleContext, Hit, Rule
from editor_app.checks.messages import Msg

from ._data import script_data

# Kangxi radicals and the two CJK radicals-supplement characters with a
# compatibility decomposition
RADICAL_RE = re.compile("[\u2f00-\u2fd5\u2e9f\u2ef3]")


def _lookalike(ch: str, standard: frozenset[str]) -> str | None:
    norm = unicodedata.normalize("NFKC", ch)
    if norm != ch and len(norm) == 1 and norm in standard:
        return norm
    return None


def find_rare(ctx: ArticleContext) -> Iterator[Hit]:
    text = ctx.text
    d = script_data(ctx.resources)
    for i in d.nonstandard_positions(text):
        ch = text[i]
        if d.t2s_char(ch) != ch:
            continue  # a traditional form: script.traditional
        norm = _lookalike(ch, d.standard)
        if norm:
            yield Hit(
                i,
                i + 1,
                f"「{ch}」是兼容区汉字（U+{ord(ch):04X}），与规范字「{norm}」形同码异，应改为「{norm}」",
                suggestion=norm,
                severity="error",
            )
            continue
        yield Hit(
            i,
            i + 1,
            f"「{ch}」（U+{ord(ch):04X}）不在《通用规范汉字表》中，请核对（古籍引文、人名地名用字可保留）",
        )
    for m in RADICAL_RE.finditer(text):
        ch = m.group()
        norm = _lookalike(ch, d.standard)
        if norm:
            yield Hit(
                m.start(),
                m.end(),
                f"「{ch}」是部首符号（U+{ord(ch):04X}），不是汉字，应改为「{norm}」（常见于 PDF 提取的文本）",
                suggestion=norm,
                severity="error",
            )


RULES = [
    Rule(
        id="script.rare_char",
        category="script",
        severity="info",
        title="表外字",
        title_en="Character outside the standard character list",
        messages=(
            Msg(
                "「{ch}」是兼容区汉字（U+{code}），与规范字「{norm}」形同码异，应改为「{norm}」",
                "「{ch}」 is a compatibility ideograph (U+{code}) that looks like the standard 「{norm}」 but is a different code; replace it with 「{norm}」",
            ),
            Msg(
                "「{ch}」（U+{code}）不在《通用规范汉字表》中，请核对（古籍引文、人名地名用字可保留）",
                "「{ch}」 (U+{code}) is not in the Table of General Standard Chinese Characters; please check (keep it in quotations from old texts and in names)",
            ),
            Msg(
                "「{ch}」是部首符号（U+{code}），不是汉字，应改为「{norm}」（常见于 PDF 提取的文本）",
                "「{ch}」 is a radical symbol (U+{code}), not a character; replace it with 「{norm}」 (common in text extracted from PDF)",
            ),
        ),
        explanation=(
            "《通用规范汉字表》（2013）收字8105个，是社会一般应用领域的用字规范。"
            "表外字（非繁体字）多见于古籍引文、人名、地名，可以保留，但应核对是否录入错误。"
            "兼容区汉字、康熙部首等与规范字形同码异的字符，会影响检索和排版，应改为规范字。"
        ),
        must_flag=(
            "凡为弓，冬析干而春液角，冰析灂。",
            "⼯作⼈员",
        ),
        must_pass=(
            "天才漫畫",
            "经济发展取得新成效",
            "增长6%,达到1,258家",
            "iPhone 15 Pro 😀 ①②③",
            "宝鼎乾芯",
        ),
        func=find_rare,
    )
]
