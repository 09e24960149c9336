"""wording.duplicated: a character or word typed twice (推进推进, 的的, 转贷贷成本).

Chinese doubles characters on purpose all the time (常常 人人 看看 渐渐,
家家户户, 沉甸甸, 一个个, 王楠楠), and a doubled character often just sits
where one word ends and the next begins (现在在家, 为了了解, 土地地价,
公安部部级, 创新新时代). A doubled character AA is reported only when none
of these holds:

* AA lies inside a word of ``wording_reduplication_ok.txt`` (reduplicated
  words, the AA of idioms and ABB adjectives, given names);
* it is part of AABB (的的确确 实实在在 家家户户) or of a run of three (哈哈哈);
* it follows 一 (一个个, 一次次, 一批批: measure-word reduplication);
* the second A begins a word (``wording_word_starts.tsv``: 部级, 市场, 新时代);
* A is a function character (``wording_duplicated_free.txt``: 的 了 在 与 ...)
  and the first A ends a word (目的的, 现在在, 参与与; ``wording_word_ends.tsv``,
  narrowed for 的 and 了 by ``wording_duplicated_ends_override.tsv``).

So 转贷贷成本 is reported (转贷 + 贷 + 成本: 贷成 begins no word), and so is
发展的的方向. A doubled word ABAB (推进推进, 高质量高质量) is reported when
AB begins a word, unless the ABAB is listed (研究研究, 雪白雪白, 哗啦哗啦) or
starts with 一 (一步一步, 一个一个).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from editor_app.checks.core import ArticleContext, Hit, Rule
from editor_app.checks.messages import Msg

from ..script._zh import cached, starts_word, word_ends, word_starts
from ._typo_filters import NAME_LEFT
from ._typo_lexicon import load_surnames

AA_RE = re.compile(r"([\u4e00-\u9fff])\1")
ABAB_RE = re.compile(r"([\u4e00-\u9fff]{2,4})\1")


@dataclass
class _Data:
    ok: dict[str, tuple[tuple[str, int], ...]]  # doubled unit -> (allowed word, offset)
    free: frozenset[str]
    starts: dict[str, str]
    ends: dict[str, str]
    surnames: frozenset[str]


def _doubled_units(word: str) -> Iterator[tuple[str, int]]:
    """The doubled substrings of ``word`` (AA, ABAB, ABCABC ...) and their offsets."""
    n = len(word)
    for size in range(1, n // 2 + 1):
        for k in range(0, n - 2 * size + 1):
            if word[k : k + size] == word[k + size : k + 2 * size]:
                yield word[k : k + 2 * size], k


def _build(resources: Any) -> _Data:
    ok: dict[str, list[tuple[str, int]]] = {}
    for line in resources.word_list("wording_reduplication_ok"):
        for word in line.split():
            for unit, k in _doubled_units(word):
                ok.setdefault(unit, []).append((word, k))
    return _Data(
        ok={u: tuple(v) for u, v in ok.items()},
        free=frozenset("".join(resources.word_list("wording_duplicated_free"))),
        starts=word_starts(resources),
        ends={**word_ends(resources), **_ends_override(resources)},
        surnames=load_surnames(resources),
    )


def _ends_override(resources: Any) -> dict[str, str]:
    return {
        row[0]: row[1]
        for row in resources.table("wording_duplicated_ends_override")
        if len(row) >= 2
    }


def _allowed(text: str, s: int, unit: str, d: _Data) -> bool:
    for word, k in d.ok.get(unit, ()):
        if s - k >= 0 and text.startswith(word, s - k):
            return True
    return False


def _char_hits(text: str, d: _Data) -> Iterator[Hit]:
    n = len(text)
    for m in AA_RE.finditer(text):
        i = m.start()
        a = text[i]
        before = text[i - 1] if i > 0 else ""
        after = text[i + 2] if i + 2 < n else ""
        if before == a or after == a:
            continue  # a run of three or more
        if ("\u4e00" <= after <= "\u9fff" and i + 3 < n and text[i + 3] == after) or (
            "\u4e00" <= before <= "\u9fff" and i >= 2 and text[i - 2] == before
        ):
            continue  # AABB: 的的确确, 家家户户, 切切实实
        if before == "一":
            continue  # 一个个, 一次次
        if before == "·" or after == "·":
            continue  # a transliterated name: 塔希尔·努努
        if before in d.surnames and (i < 2 or text[i - 2] in NAME_LEFT):
            continue  # a given name in a list of names: 　沈跃跃（女）
        if _allowed(text, i, m.group(), d):
            continue
        if starts_word(d.starts, a, after):
            continue  # 公安部部级, 舟山市市场, 化解解决
        if a in d.free and (before and before in d.ends.get(a, "")):
            continue  # 目的的, 现在在, 参与与
        yield Hit(i, i + 2, f"“{a}{a}”疑为重复录入，应为“{a}”", suggestion=a)


def _word_hits(text: str, d: _Data) -> Iterator[Hit]:
    for m in ABAB_RE.finditer(text):
        unit = m.group(1)
        if len(set(unit)) == 1 or unit[0] == "一":
            continue  # 谢谢谢谢 (left to the AA check), 一步一步
        if not starts_word(d.starts, unit[0], unit[1]):
            continue  # 的发展的发展: a coincidence across words
        if _allowed(text, m.start(), m.group(), d):
            continue
        yield Hit(m.start(), m.end(), f"“{unit}”重复了一遍，疑为重复录入", suggestion=unit)


def find_duplicated(ctx: ArticleContext) -> Iterator[Hit]:
    text = ctx.text
    d = cached(ctx.resources, "wording.duplicated", _build)
    words = list(_word_hits(text, d))
    # an AA inside a doubled word is that word's finding
    chars = [
        h
        for h in _char_hits(text, d)
        if not any(w.start <= h.start and h.end <= w.end for w in words)
    ]
    # overlapping candidates (转贷转贷贷): the earlier, longer one is the finding
    end = -1
    for h in sorted(chars + words, key=lambda h: (h.start, -(h.end - h.start))):
        if h.start >= end:
            yield h
            end = h.end


RULES = [
    Rule(
        id="wording.duplicated",
        category="wording",
        severity="warning",
        title="字词重复",
        title_en="Repeated characters or words",
        messages=(
            Msg(
                "“{twice}”疑为重复录入，应为“{once}”",
                "“{twice}” looks typed twice; should be “{once}”",
            ),
            Msg(
                "“{unit}”重复了一遍，疑为重复录入",
                "“{unit}” is repeated; probably typed twice",
            ),
        ),
        explanation=(
            "同一个字或词误录了两遍，如“推进推进”“的的”“转贷贷成本”；"
            "《报纸期刊质量管理规定》（2020）把多字计为编校差错。"
            "汉语的重叠式（常常、人人、看看、家家户户、的的确确、沉甸甸、一个个）"
            "和两个词首尾相接造成的叠字（现在在家、为了了解、公安部部级）不报。"
        ),
        must_flag=(
            "聚焦小微企业贷款到期后转贷贷成本较高的问题",
            "要持续推进推进高质量发展",
            "这是发展的的方向",
            "我们在在这里等你",
            "全面提升提升治理能力",
        ),
        must_pass=(
            "他常常去图书馆",
            "天天向上",
            "看看再说",
            "试试看",
            "渐渐地",
            "人人都有责任",
            "个个都是好样的",
            "家家户户粽香浓郁",
            "多多益善",
            "谢谢大家",
            "的的确确是这样",
            "入选公安部部级津贴人员",
            "舟山市市场监管部门",
            "保障科学研究院院长",
            "一批批领军人才",
            "按顺序一个一个做到最后",
            "他现在在家",
            "为了了解情况",
            "实现目的的手段",
            "参与与监督",
            "公司总经理王楠楠在一旁查看",
            "要拿到这块沉甸甸的奖牌",
            "创新新时代城市社区治理体系",
            "动态化解解决难点堵点",
            "进行行政处罚",
            "哈哈哈，太好了",
            "我们要好好研究研究",
            "推动“八八战略”走深走实",
            "以“钉钉子”精神抓落实",
            "不了了之",
            "出席会议的有：　王芳芳（女）　李明",
            "主持人安娜·娜娜介绍了展览",
            "对城市工作作了具体部署",
            "积极参与南南合作",
        ),
        func=find_duplicated,
    )
]
