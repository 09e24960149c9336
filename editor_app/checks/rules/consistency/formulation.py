"""consistency.house_formulation: a wrong variant that the house lexicon lists.

The newsroom's lexicon (``LibraryFacts.lexicon``, kept in Preferences → 词库)
lists standard formulations (规范提法), organisation names and names of people
with their wrong variants. Each variant found in a prose segment is a warning
suggesting the standard term. Precision: a variant that is part of an
occurrence of its own standard term (variant 中国特色现代化 of a longer term that
contains it) is not flagged, nor text inside book titles (《》: the title of a
work is printed as published). Without a lexicon the rule finds nothing.
"""

from __future__ import annotations

import re

from editor_app.checks.core import Hit, IssueContext, IssueExample, LibraryFacts, Rule
from editor_app.checks.lexicon import LexiconItem
from editor_app.checks.messages import Msg
from editor_app.checks.segments import PROSE_KINDS

KIND_LABEL = {"formulation": "规范提法", "organisation": "机构规范名称", "person": "人名"}
_CACHE: dict[tuple, tuple[re.Pattern, dict[str, LexiconItem]] | None] = {}


def _table(lexicon: tuple):
    key = tuple(lexicon)
    if key in _CACHE:
        return _CACHE[key]
    variants: dict[str, LexiconItem] = {}
    for item in lexicon:
        if isinstance(item, LexiconItem):
            for v in item.variants:
                if v and v != item.term:
                    variants.setdefault(v, item)
    out = None
    if variants:
        rx = re.compile("|".join(map(re.escape, sorted(variants, key=len, reverse=True))))
        out = (rx, variants)
    if len(_CACHE) > 8:
        _CACHE.clear()
    _CACHE[key] = out
    return out


def _inside(text: str, start: int, end: int, word: str) -> bool:
    """Is text[start:end] part of an occurrence of ``word``?"""
    lo = max(0, end - len(word))
    for i in range(lo, start + 1):
        if text.startswith(word, i) and i <= start and i + len(word) >= end:
            return True
    return False


def check(ctx: IssueContext):
    table = _table(ctx.library.lexicon)
    if table is None:
        return
    rx, variants = table
    for seg in ctx.issue.segments:
        if seg.kind not in PROSE_KINDS:
            continue
        text = ctx.text_of(seg.id) or ""
        titles = None
        for m in rx.finditer(text):
            item = variants[m.group()]
            if _inside(text, m.start(), m.end(), item.term):
                continue
            if titles is None:
                titles = [(t.start(), t.end()) for t in re.finditer(r"《[^《》\n]{0,60}》", text)]
            if any(s < m.end() and m.start() < e for s, e in titles):
                continue
            label = KIND_LABEL.get(item.kind, "规范写法")
            yield Hit(
                start=m.start(),
                end=m.end(),
                segment_id=seg.id,
                message=f"「{m.group()}」不合本社词库，{label}为「{item.term}」",
                suggestion=item.term,
            )


_LEX = LibraryFacts(lexicon=(
    LexiconItem("formulation", "高质量发展", variants=("高品质发展", "高质量的发展")),
    LexiconItem("organisation", "东越省发展和改革委员会", variants=("东越省发展改革委员会",)),
    LexiconItem("formulation", "中国式现代化", variants=("中国特色现代化",)),
))


def _ex(text: str, note: str = "", library: LibraryFacts | None = _LEX) -> IssueExample:
    return IssueExample(articles={"第1篇": text}, note=note, library=library)


RULES = [
    Rule(
        id="consistency.house_formulation",
        category="consistency",
        severity="warning",
        title="不合本社词库的提法",
        title_en="Wrong variant listed in the house lexicon",
        messages=(
            Msg(
                "「{found}」不合本社词库，{label}为「{term}」",
                "「{found}」 is not in the house lexicon; the {label} is 「{term}」",
            ),
        ),
        terms_en={
            "规范提法": "standard formulation",
            "机构规范名称": "organisation's standard name",
            "人名": "name",
            "规范写法": "standard form",
        },
        explanation=(
            "本社词库（首选项→词库）列出的规范提法、机构规范名称和人名及其错误变体。"
            "文中出现错误变体时提示，并建议改为规范写法。书名号内的文字按原题照录，不作提示。"
            "依据：《出版物编校质量差错认定细则》关于政治性提法、机构名称差错的规定。"
        ),
        must_flag=(
            _ex("全省上下奋力推动高品质发展。", note="提法"),
            _ex("东越省发展改革委员会近日印发通知。", note="机构名称"),
            _ex("以中国特色现代化推进强国建设。", note="提法二"),
        ),
        must_pass=(
            _ex("全省上下奋力推动高质量发展。", note="规范"),
            _ex("他读过《高品质发展之路》一书。", note="书名号"),
            _ex("东越省发展和改革委员会近日印发通知。", note="全称"),
            _ex("全省上下奋力推动高品质发展。", note="无词库", library=None),
        ),
        func=check,
        scope="issue",
        bulk_fixable=True,
    )
]
