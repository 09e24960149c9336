"""wording.typo and wording.de_particle: 错别字 — homophones and look-alikes.

``wording.typo`` scores every character that no dictionary word covers
against the characters that sound or look like it (see ``_typo_model``):
特续下滑 -> 持续, 问提 -> 问题, 总休方案 -> 总体. A finding needs a clear
gain of the word model; places whose original string recurs in the same text
(a new word or a name the dictionary lacks) are left alone, and so are, in a
library, places whose original string the other issues have printed at least
``_typo_archive.ARCHIVE_MIN`` times (the house's own coined phrasing: 驻企, 深学细悟;
``LibraryFacts.archive``, one lookup per article). The strongest findings are
warnings; the rest are "look at it" (info).

``wording.de_particle`` (its search is ``_de_particle``) is the structural 的/地/得 rule: an adverb or a
reduplicated word before 的/得 and a verb after it (慢慢的走 -> 慢慢地走),
a verb before 的 and a degree complement after it (跑的很快。 -> 跑得很快),
比……快的多 -> 快得多, and words that are always written with 得 (觉得, 值得,
记得) or 的 (真的).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from editor_app.checks.core import ArticleContext, Hit, Rule
from editor_app.checks.messages import Msg

from ._de_particle import find_de
from ._typo_archive import ARCHIVE_MIN
from ._typo_filters import original_string
from ._typo_model import COVER_MIN, typo_model

# -- wording.typo -------------------------------------------------------------
THRESHOLD = 12.0  # bits: below this nothing is reported (bench/accuracy.py: the curve; 8 bits
# gives more recall on typo-dense test sets but ~40 false infos per issue of real magazine prose)
WARN_AT = 15.0  # bits: from here a finding is a warning (else info)
# With the library's archive (other issues), strings the house prints twice are no longer
# suspects; the threshold stays: bench/bench_typo_archive.py measured no threshold below
# 12 bits without more false places on edited prose, even with the archive.
KIND_ZH = {"sound": "音同", "tone": "音近", "shape": "形近"}


# The detector costs ~20 µs a character; an article is 2,000-15,000 characters. A text
# longer than this (a whole book pasted as one manuscript) is checked up to here and says so.
MAX_TYPO_CHARS = 100_000


# a personal pronoun before 门 is the plural suffix 们 misspelt: 我门都很忙 -> 我们
_MEN_RE = re.compile("[我你他她咱]门")


def _within_limit(text: str, what: str) -> tuple[str, Hit | None]:
    """``text`` up to ``MAX_TYPO_CHARS`` (cut at a line's end), and when it was cut, the
    info that says so (``what``: the rule's search, as the message names it)."""
    if len(text) <= MAX_TYPO_CHARS:
        return text, None
    cut = text.rfind("\n", 0, MAX_TYPO_CHARS) + 1 or MAX_TYPO_CHARS
    return text[:cut], Hit(
        cut, cut, f"本文长达 {len(text):,} 字，{what}只查了前 {cut:,} 字", severity="info"
    )


def find_typos(ctx: ArticleContext) -> Iterator[Hit]:
    model = typo_model(ctx.resources)
    whole = ctx.issue.source if ctx.issue is not None else ""
    text, cut = _within_limit(ctx.text, "错别字")
    if cut is not None:
        yield cut
    archive = ctx.library.archive
    found = model.detect(text, THRESHOLD, whole)
    seen = {c.pos for c in found}
    if archive is not None and found:
        found = _unknown_to_archive(text, found, archive)
    for m in _MEN_RE.finditer(text):
        i = m.start() + 1
        nxt = text[i : i + 3]
        if i in seen or any(model.words.get(nxt[:n], -1) >= COVER_MIN for n in (2, 3)):
            continue  # 他门下, 我门口: 门 begins a word
        yield Hit(
            i,
            i + 1,
            f"“{m.group()}”疑为“{m.group()[0]}们”之误（音同）",
            suggestion="们",
            severity="warning",
        )
    for c in found:
        yield Hit(
            c.pos,
            c.pos + 1,
            f"“{c.wrong}”疑为“{c.right}”之误（{KIND_ZH[c.kind]}，“{c.word}”）",
            suggestion=c.right,
            severity="warning" if c.score >= WARN_AT else "info",
        )


# -- wording.typo_context -------------------------------------------------------
CTX_THRESHOLD = 4.5  # bits of the context model's gain, after penalties (bench/accuracy.py:
# on ../shared/corpus/typos, sentence precision 0.73 and recall 0.37 with the other rules)
CTX_WARN_AT = 16.0  # from here a context finding is a warning (else info)


def find_context_typos(ctx: ArticleContext) -> Iterator[Hit]:
    """Real words in the wrong place (长效机智 -> 机制, 已前 -> 以前): the context
    model (``_typo_context``). A place ``wording.typo`` reports, or its neighbour,
    is left to it: one finding per slip."""
    model = typo_model(ctx.resources)
    whole = ctx.issue.source if ctx.issue is not None else ""
    text, cut = _within_limit(ctx.text, "上下文查错")
    if cut is not None:
        yield cut
    found = model.detect(text, CTX_THRESHOLD, whole, context=True)
    if not found:
        return
    taken = {c.pos for c in model.detect(text, THRESHOLD, whole)}
    taken.update(m.start() + 1 for m in _MEN_RE.finditer(text))
    found = [c for c in found if not ({c.pos - 1, c.pos, c.pos + 1} & taken)]
    archive = ctx.library.archive
    if archive is not None and found:
        found = _unknown_to_archive(text, found, archive)
    for c in found:
        yield Hit(
            c.pos,
            c.pos + 1,
            f"“{c.wrong}”疑为“{c.right}”之误（{KIND_ZH[c.kind]}，上下文宜作“{c.word}”）",
            suggestion=c.right,
            severity="warning" if c.score >= CTX_WARN_AT else "info",
        )


def _unknown_to_archive(text: str, found: list, archive) -> list:
    """The candidates whose current string (the 2-4 characters their word replaces)
    the library's other issues have not printed ``ARCHIVE_MIN`` times: what the
    house prints is its own vocabulary (深学细悟, 驻企), not a slip. One lookup."""
    originals = {c.pos: original_string(text, c.pos, c) for c in found}
    counts = archive.counts(o for o in originals.values() if len(o) >= 2)
    return [c for c in found if counts.get(originals[c.pos], 0) < ARCHIVE_MIN]


RULES = [
    Rule(
        id="wording.typo",
        category="wording",
        severity="warning",
        title="疑似错别字（音同、音近、形近）",
        title_en="Possible typo (homophone or look-alike)",
        messages=(
            Msg(
                "“{wrong}”疑为“{right}”之误（{kind}，“{word}”）",
                "“{wrong}” is possibly a typo for “{right}” ({kind}, “{word}”)",
            ),
            Msg(
                "“{wrong}”疑为“{right}”之误（音同）",
                "“{wrong}” is possibly a typo for “{right}” (same sound)",
            ),
            Msg(
                "本文长达 {n} 字，错别字只查了前 {cut} 字",
                "The text has {n} characters; typos were looked for in the first {cut}",
            ),
        ),
        terms_en={
            "音同": "same sound",
            "音近": "similar sound",
            "形近": "similar shape",
        },
        explanation=(
            "按《通用规范汉字表》和常用词频，把不成词的单字与读音相同、相近或字形相近的字比较："
            "换成候选字后能组成常用词、整句切分明显更通顺时提示，如“特续下滑→持续”"
            "“问提→问题”“总休方案→总体方案”。同一篇里反复出现的写法（新词、人名）不报。"
            "换字后能组成词表中的三四字词时，已成词的字也会提示，如“懂事长→董事长”；"
            "人称代词后的“门”提示为“们”。"
            "把握大的列为警告，其余列为提示，请结合上下文核对。词频取自 jieba 词表，"
            "当代新词取自 wordfreq 词频表，音近、形近字表取自 pycorrector"
            "（见 resources/THIRD_PARTY.md）。"
        ),
        must_flag=(
            "今年以来，全市工业产值特续增长。",
            "放假以后我门一起去看望老师。",
            "关键问提在于资金迟迟没有到位。",
            "这项政策受到了群众的普偏欢迎。",
            "他们克服重重困准，按期完成了任务。",
            "会议审议了园区发展总休方案。",
        ),
        must_pass=(
            "今年以来，全市工业产值持续增长。",
            "关键问题在于资金迟迟没有到位。",
            "抗疫一线的医护人员坚守岗位。抗疫物资运抵灾区。",
            "他们克服重重困难，按期完成了任务。",
            "他在报告中谈到了基层治理的新经验。",
            "全国政协委员王正伟、李屹出席会议。",
            "中方愿同柬方一道，深化务实合作。",
            "放假以后我们一起去看望老师。",
            "他门口的小路修好了。",
        ),
        func=find_typos,
    ),
    Rule(
        id="wording.typo_context",
        category="wording",
        severity="info",
        title="疑似错别字（据上下文）",
        title_en="Possible typo (by context)",
        messages=(
            Msg(
                "“{wrong}”疑为“{right}”之误（{kind}，上下文宜作“{word}”）",
                "“{wrong}” is possibly a typo for “{right}” ({kind}; the context suggests “{word}”)",
            ),
            Msg(
                "本文长达 {n} 字，上下文查错只查了前 {cut} 字",
                "The text has {n} characters; typos by context were looked for in the first {cut}",
            ),
        ),
        terms_en={
            "音同": "same sound",
            "音近": "similar sound",
            "形近": "similar shape",
        },
        explanation=(
            "用词语搭配的统计（二元语言模型）判断：把一个字换成读音相同、相近或字形相近的字后，"
            "前后文明显更通顺时提示，如“建立长效机智→机制”“已前→以前”。"
            "这类错字本身也是词，词表查不出来。把握大的列为警告，其余列为提示，请结合上下文核对；"
            "“疑似错别字（音同、音近、形近）”已报的位置不重复提示。"
            "候选字限于《通用规范汉字表》；语言模型依据 SunPinyin 的 open-gram 模型"
            "（CC BY-SA 3.0，见 resources/THIRD_PARTY.md）。"
            "提示较多时可在“首选项 → 校对规则”中单独关闭本项。"
        ),
        must_flag=(
            "我们要建立长效机智，巩固整改成果。",
            "这是我第一次来这里，已前从没来过。",
            "今天我们要在接再厉，争取更好的成绩。",
        ),
        must_pass=(
            "我们要建立长效机制，巩固整改成果。",
            "这是我第一次来这里，以前从没来过。",
            "今天我们要再接再厉，争取更好的成绩。",
            "他机智地躲过了追兵。",
            "持续推广随借随还贷款，因城施策促进房地产市场平稳健康发展。",
            "今年以来，全市工业产值特续增长。",
        ),
        func=find_context_typos,
    ),
    Rule(
        id="wording.de_particle",
        category="wording",
        severity="warning",
        title="“的、地、得”用法",
        title_en="Use of “的”, “地” and “得”",
        messages=(
            Msg(
                "“{words}”修饰动词应用“地”",
                "“{words}” modifies a verb: use “地”",
            ),
            Msg(
                "“{words}”修饰谓语应用“地”",
                "“{words}” modifies the predicate: use “地”",
            ),
            Msg(
                "“{words}”后接程度补语应用“得”",
                "“{words}” is followed by a complement of degree: use “得”",
            ),
            Msg(
                "“{wrong}”应为“{right}”",
                "“{wrong}” should be “{right}”",
            ),
            Msg(
                "“比……的多”应为“得多”",
                "“比……的多” should be “得多”",
            ),
            Msg(
                "“的{verb}”前是状语，应用“地”",
                "An adverbial comes before “{verb}”: use “地”, not “的”",
            ),
        ),
        explanation=(
            "结构助词的分工：定语后用“的”，状语后用“地”（慢慢地走、不断地完善），"
            "补语前用“得”（跑得很快、好得多）；觉得、值得、记得等词固定用“得”。"
            "只在有明确句法线索时提示：副词或重叠词后接动词、“非常、十分”后接句末谓语、"
            "动词后接“很……”等程度补语、"
            "“比……得多”。依据《现代汉语词典》（第7版）“的、地、得”条。"
        ),
        must_flag=(
            "游客们慢慢的走进展厅。",
            "队员们在雪地上跑的很快。",
            "这件事值的我们深思。",
            "新厂房比旧厂房宽敞的多。",
            "志愿者们不断的完善服务流程。",
            "她开开心心得回到家里。",
            "老人笑眯眯的说：“欢迎你们。”",
            "讲解员很耐心的解释展品的来历。",
            "这个假期大家过的很愉快。",
            "听到这个消息，大家都感到十分的欣慰。",
            "最近过的还好吗？",
        ),
        must_pass=(
            "游客们慢慢地走进展厅。",
            "队员们在雪地上跑得很快。",
            "这是一次值得深思的讨论。",
            "新厂房比旧厂房宽敞得多。",
            "我们取得的成绩来之不易。",
            "大家共同的目标是把家乡建设好。",
            "他说的很多事情都应验了。",
            "做出正确的选择需要勇气。",
            "今年的产量有了很大的提高。",
            "他的说法有一定道理。",
            "这是一个非常的时期。",
            "我们有十分的把握完成任务。",
        ),
        func=find_de,
    ),
]
