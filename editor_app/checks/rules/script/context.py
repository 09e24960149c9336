"""script.context_form: a standard character that OpenCC converts in this word.

Some characters of the 8105 list are right only in some words (乾坤, 著作) and
are the traditional form of another character elsewhere (葡萄乾 -> 葡萄干,
著装 -> 着装). ``script.variant_reading`` asks for a check without a
suggestion; this rule gives the suggestion where the context is certain:

* the character sits in a form of ``script_context_forms.tsv`` (derived from
  OpenCC's phrase dictionaries by ``_context_table.py``: the form converts to a
  simplified word, and is no word by itself);
* no word that keeps the character as written covers it
  (``script_context_keep.txt`` from jieba: 显著, 著名, 著作, 乾坤 ...; and
  ``script_variant_ok.txt``);
* for a character ``t2s`` changes, OpenCC keeps that conversion in the
  sentence's context (乾隆 stays 乾隆);
* it touches no traditional character (``script.traditional`` converts the
  whole passage) and no name of the house lexicon.

The finding spans the form and suggests the word (葡萄乾 -> 葡萄干).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from editor_app.checks.core import ArticleContext, Hit, Rule
from editor_app.checks.lexicon import overlaps, protected_spans
from editor_app.checks.messages import Msg

from ._data import ScriptData, script_data
from ._zh import cached

ZHE = "著"


class ContextTable:
    def __init__(self, resources: Any) -> None:
        self.forms: dict[str, list[tuple[str, int, str]]] = {}  # char -> (form, k, word)
        for row in resources.table("script_context_forms"):
            if len(row) < 2 or len(row[0]) != len(row[1]):
                continue
            form, word = row[0], row[1]
            for k, (a, b) in enumerate(zip(form, word, strict=True)):
                if a != b:
                    self.forms.setdefault(a, []).append((form, k, word))
        for v in self.forms.values():
            v.sort(key=lambda x: len(x[0]), reverse=True)
        self.keep: dict[str, list[tuple[str, int]]] = {}
        for w in resources.word_list("script_context_keep"):
            for k, ch in enumerate(w):
                if ch in self.forms:
                    self.keep.setdefault(ch, []).append((w, k))

    def kept(self, text: str, i: int) -> bool:
        for w, k in self.keep.get(text[i], ()):
            if i - k >= 0 and text.startswith(w, i - k):
                return True
        return False


def _table(resources: Any) -> ContextTable:
    return cached(resources, "script.context_table", ContextTable)


def _touches_traditional(text: str, a: int, b: int, d: ScriptData) -> bool:
    for j in (a - 1, b):
        if 0 <= j < len(text):
            ch = text[j]
            if ch not in d.standard and d.t2s_char(ch) != ch:
                return True
    return False


def _kept_by_opencc(text: str, i: int, d: ScriptData) -> bool:
    a = max(0, i - 3)
    window = text[a : i + 4]
    out = d.t2s(window)
    return len(out) == len(window) and out[i - a] == text[i]


def context_spans(text: str, d: ScriptData, table: ContextTable, protected=()) -> list[tuple[int, int, str, int]]:
    """(start, end, word, position of the character) of each certain context, in order."""
    out: list[tuple[int, int, str, int]] = []
    last_end = -1
    positions = [m.start() for m in d.variant_re.finditer(text)]
    if ZHE in text:
        positions = sorted(set(positions) | {i for i, ch in enumerate(text) if ch == ZHE})
    for i in positions:
        if i < last_end:
            continue
        cands = table.forms.get(text[i])
        if not cands or d.in_ok_word(text, i) or table.kept(text, i):
            continue
        matched = [(i - k, i - k + len(form), form, word) for form, k, word in cands
                   if i - k >= 0 and text.startswith(form, i - k)]
        if not matched:
            continue
        # forms of one place (统一著装: 一著 and 著装) make one finding over their union
        a, b = min(m[0] for m in matched), max(m[1] for m in matched)
        if _touches_traditional(text, a, b, d):
            continue
        if text[i] != ZHE and _kept_by_opencc(text, i, d):
            continue
        if protected and overlaps(protected, a, b):
            continue
        fixed = list(text[a:b])
        for ma, _mb, form, word in matched:
            for j, (x, y) in enumerate(zip(form, word, strict=True)):
                if x != y:
                    fixed[ma - a + j] = y
        out.append((a, b, "".join(fixed), i))
        last_end = b
    return out


def find_context_forms(ctx: ArticleContext) -> Iterator[Hit]:
    text = ctx.text
    d = script_data(ctx.resources)
    table = _table(ctx.resources)
    protected = protected_spans(text, ctx.library.lexicon)
    for a, b, word, i in context_spans(text, d, table, protected):
        ch = text[i]
        yield Hit(
            a,
            b,
            f"「{text[a:b]}」中的「{ch}」在此词中应作「{word[i - a]}」，规范写法为「{word}」",
            suggestion=word,
        )


RULES = [
    Rule(
        id="script.context_form",
        category="script",
        severity="warning",
        title="限用规范字用于他义（按词语转换）",
        title_en="Restricted standard character used for another word",
        messages=(
            Msg(
                "「{found}」中的「{ch}」在此词中应作「{right}」，规范写法为「{word}」",
                "「{ch}」 in 「{found}」 should be 「{right}」 in this word; the standard form is 「{word}」",
            ),
        ),
        explanation=(
            "《通用规范汉字表》（2013）中的“乾、著、於、夥、徵”等字只在特定词语中使用，"
            "在其他词语里是“干、着、于、伙、征”等字的繁体写法，如“葡萄乾”应作“葡萄干”，"
            "“著装”应作“着装”。只在 OpenCC 的词语转换表能确定词义的地方提示并给出整词建议；"
            "“著作、显著、乾坤、乾隆”等不作提示，本社词库中的人名、机构名不作转换。"
        ),
        must_flag=(
            "新疆的葡萄乾甜而不腻",
            "工作人员统一著装上岗",
            "把碗筷洗乾净",
            "探测器成功著陆",
            "他的衣著十分朴素",
            "衣服已经晒乾了",
            "具有鲜明的时代特徵",
            "他们合夥开办了一家公司",
            "随著改革的深入",
        ),
        must_pass=(
            "新疆的葡萄干甜而不腻",
            "他的著作很多",
            "成效显著",
            "成效显著装备更新",
            "著名作家",
            "乾隆年间修建的古桥",
            "朗朗乾坤",
            "去年签约的宝鼎乾芯一期项目已投产",
            "工作人员统一着装上岗",
        ),
        func=find_context_forms,
        bulk_fixable=True,
    )
]
