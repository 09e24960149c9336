"""script.variant_reading: standard characters that are right only in some words.

Class 2 of RULES.md: characters of the 8105 list that OpenCC ``t2s`` changes
(乾 於 徵 夥 昇 祕 薹 ...). In 乾坤, 乾隆, 宝鼎乾芯, the surname 於, 蒜薹 they are
correct; elsewhere the simplified form is meant. The rule never suggests a
replacement: OpenCC would turn 宝鼎乾芯 into 宝鼎干芯. It stays silent when

* the character is inside a word of ``script_variant_ok.txt``;
* OpenCC itself keeps it in its phrase context (乾隆, 乾坤, 蒜薹);
* it touches a traditional character (then ``script.traditional`` converts
  the whole passage);
* its simplified form makes no word with either neighbour (宝鼎乾芯: 干芯 is
  no word, so 乾 is read qián, a name).

Places where ``script.context_form`` is certain of the conversion (葡萄乾,
著装) are left to it, and names of the house lexicon are never reported.

著 is not changed by ``t2s`` and is very common in simplified text (著名, 显著,
著作). It is reported only as the aspect particle after a verb from
``script_zhe_particle_verbs.txt`` (看著, 随著, 意味著 -> 着), never when the
著 starts a 著-word (向著名学者, 有著作). 么 (什么, 怎么) is the standard
character; OpenCC's ``tw2s`` maps it to 幺 for Taiwan text, so it is never reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from editor_app.checks.core import ArticleContext, Hit, Rule
from editor_app.checks.lexicon import overlaps, protected_spans
from editor_app.checks.messages import Msg

from ._data import ScriptData, script_data
from ._zh import cached, starts_word
from .context import _table as context_table
from .context import context_spans

CONTEXT = 3  # characters of context either side for OpenCC's phrase check

ZHE = "著"


def _zhe_re(resources: Any) -> re.Pattern[str]:
    verbs = sorted(set(resources.word_list("script_zhe_particle_verbs")), key=len, reverse=True)
    return re.compile("(?:" + "|".join(map(re.escape, verbs)) + ")(著)")


def _touches_traditional(text: str, i: int, d: ScriptData) -> bool:
    for j in (i - 1, i + 1):
        if 0 <= j < len(text):
            ch = text[j]
            if ch not in d.standard and d.t2s_char(ch) != ch:
                return True
    return False


def _kept_in_phrase(text: str, i: int, d: ScriptData) -> bool:
    a = max(0, i - CONTEXT)
    window = text[a : i + CONTEXT + 1]
    out = d.t2s(window)
    return len(out) == len(window) and out[i - a] == text[i]


def _makes_word(text: str, i: int, target: str, d: ScriptData) -> bool:
    """Does the simplified form make a word with a neighbour (晒乾 -> 晒干,
    特徵 -> 特征, 於是 -> 于是)? If not, the character is likely a name."""
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    return starts_word(d.starts, before, target) or starts_word(d.starts, target, after)


def find_variants(ctx: ArticleContext) -> Iterator[Hit]:
    text = ctx.text
    d = script_data(ctx.resources)
    # places script.context_form converts with certainty, and the house lexicon's names
    skip = [(a, b) for a, b, _w, _i in context_spans(text, d, context_table(ctx.resources))]
    skip += protected_spans(text, ctx.library.lexicon)
    for m in d.variant_re.finditer(text):
        i = m.start()
        ch = text[i]
        if d.in_ok_word(text, i) or _touches_traditional(text, i, d) or _kept_in_phrase(text, i, d):
            continue
        if skip and overlaps(skip, i, i + 1):
            continue
        target = d.variant_target[ch]
        if not _makes_word(text, i, target, d):
            continue  # 宝鼎乾芯, 明湖乾芯: 干芯 is no word, so 乾 is read qián
        note = d.notes.get(ch)
        where = f"（{note}）" if note else ""
        yield Hit(
            i,
            i + 1,
            f"「{ch}」只在特定词语中使用{where}；其他意义的规范字是「{target}」，请核对",
        )
    if ZHE in text:
        zhe = cached(ctx.resources, "script.zhe_re", _zhe_re)
        for m in zhe.finditer(text):
            i = m.start(1)
            if d.in_ok_word(text, i) or _touches_traditional(text, i, d):
                continue
            if skip and overlaps(skip, i, i + 1):
                continue
            yield Hit(
                i,
                i + 1,
                f"「{text[m.start() : m.end()]}」：作助词（读 zhe）时规范字形为「着」，请核对",
            )


RULES = [
    Rule(
        id="script.variant_reading",
        category="script",
        severity="info",
        title="限用规范字（请核对读音、词义）",
        title_en="Character of restricted use (check reading and meaning)",
        messages=(
            Msg(
                "「{ch}」只在特定词语中使用（{note}）；其他意义的规范字是「{target}」，请核对",
                "「{ch}」 is used only in certain words (in Chinese: 「{note}」); in other meanings the standard character is 「{target}」; please check",
            ),
            Msg(
                "「{ch}」只在特定词语中使用；其他意义的规范字是「{target}」，请核对",
                "「{ch}」 is used only in certain words; in other meanings the standard character is 「{target}」; please check",
            ),
            Msg(
                "「{word}」：作助词（读 zhe）时规范字形为「着」，请核对",
                "「{word}」: as a particle (read zhe) the standard form is 「着」; please check",
            ),
        ),
        explanation=(
            "《通用规范汉字表》（2013）保留了一批只在特定意义或词语中使用的字，"
            "如“乾”用于“乾坤、乾隆”，“於”用于姓氏，“徵”用于“宫商角徵羽”，"
            "“薹”用于“蒜薹”；其他意义须用“干、于、征、苔”等。"
            "此类字不能机械转换（“宝鼎乾芯”是企业名），只提示人工核对，不给替换建议。"
        ),
        must_flag=(
            "他昇任局长",
            "这是祖传祕方",
            "他坐著不动",
            "这意味著什么",
        ),
        must_pass=(
            "去年签约的宝鼎乾芯一期项目已投产",
            "乾隆年间修建的古桥",
            "朗朗乾坤",
            "蒜薹上市了",
            "於潜镇位于临安区西部",
            "嘉兴是著名水乡",
            "显著提升",
            "出版学术著作",
            "医药巨著《本草纲目》",
            "向著名学者请教",
            "他有著作多部",
            "是怎么做到的",
            "宫商角徵羽",
        ),
        func=find_variants,
    )
]
