"""number.cross_article: one statistic, two values, in two articles of the issue.

A statistic is read only where all of its parts are written out in one
sentence: an explicit period (2023年, 2023年一季度, 2024年1—4月), then — right
after the period or a comma — an explicit scope (全省, 全国, 浙江, or a named
place such as 嘉兴市), a metric (the words up to the verb), a verb of growth,
decline or level, and the figure. 全市/全县/全区 and 今年/去年 depend on the
article and are never compared. Two statements match only when period, scope,
metric, verb class and unit are all identical; their values differ only when
they differ at the coarser of the two precisions (2.94万亿 and 2.9万亿 agree).
Approximate figures (近/约/超/突破/以上/左右) are not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from editor_app.checks.core import Hit, IssueContext, IssueExample, Rule
from editor_app.checks.messages import Msg
from editor_app.checks.numerals import decimals_of, parse_decimal

NUM = r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?"
PERIOD = (
    r"(?P<period>(?:19|20)[0-9]{2}年(?:第?[一二三四]季度|上半年|下半年|前三季度|全年|"
    r"[0-9]{1,2}[—-][0-9]{1,2}月|[0-9]{1,2}月(?:份)?|底|末|年底|年末)?)"
)
SCOPE = r"(?P<scope>全省|全国|浙江省|浙江|[\u4e00-\u9fff]{2,4}?(?:省|市|县))"
METRIC = r"(?P<metric>[\u4e00-\u9fffA-Za-z0-9“”]{2,16}?)"
VERB = r"(?P<verb>同比增长|同比下降|同比提高|增长|下降|提高|增速为|增速|达到|达|为)"
VALUE = (
    r"(?P<value>"
    + NUM
    + r")(?P<unit>%|个百分点|万亿元|亿元|万元|元|万人|万户|万吨|万亩|万个|万家|[个家人户项亩吨])"
)
STAT_RE = re.compile(PERIOD + r"[，,]?\s*" + SCOPE + METRIC + VERB + VALUE)
APPROX_BEFORE = re.compile("(?:近|约|超|超过|突破|逾|达到近|达近)$")
APPROX_AFTER = ("多", "余", "以上", "左右", "上下")
LOCAL_SCOPES = {"全市", "全县", "全区"}
VERB_CLASS = {
    "同比增长": "增长",
    "增长": "增长",
    "增速": "增长",
    "增速为": "增长",
    "同比提高": "提高",
    "提高": "提高",
    "同比下降": "下降",
    "下降": "下降",
    "达到": "达",
    "达": "达",
    "为": "达",
}


@dataclass
class Statement:
    seg_id: str
    start: int  # span of value+unit
    end: int
    key: tuple[str, str, str, str, str]
    value: Decimal
    raw: str
    label: str


def _statements(seg_id: str, text: str) -> list[Statement]:
    out = []
    for m in STAT_RE.finditer(text):
        scope = m.group("scope")
        if scope in LOCAL_SCOPES:
            continue
        metric = m.group("metric").replace("的", "")
        if metric.startswith(("实现", "完成", "累计", "共", "新增", "其中")) and m.group(
            "verb"
        ) in ("达", "为"):
            continue
        before = text[max(0, m.start("value") - 3) : m.start("value")]
        if APPROX_BEFORE.search(before) or text[m.end() : m.end() + 2].startswith(APPROX_AFTER):
            continue
        value = parse_decimal(m.group("value"))
        if value is None:
            continue
        scope_n = "浙江" if scope == "浙江省" else scope
        verb = VERB_CLASS[m.group("verb")]
        key = (m.group("period"), scope_n, metric, verb, m.group("unit"))
        label = f"{m.group('period')}{scope}{m.group('metric')}{m.group('verb')}"
        out.append(
            Statement(seg_id, m.start("value"), m.end("unit"), key, value, m.group("value"), label)
        )
    return out


def _differ(a: Statement, b: Statement) -> bool:
    d = min(decimals_of(a.raw), decimals_of(b.raw))
    q = Decimal(1).scaleb(-d)
    return a.value.quantize(q, rounding=ROUND_HALF_UP) != b.value.quantize(
        q, rounding=ROUND_HALF_UP
    )


def _hit(here: Statement, there: Statement, titles: dict[str, str]) -> Hit:
    unit = here.key[4]
    return Hit(
        start=here.start,
        end=here.end,
        segment_id=here.seg_id,
        message=(
            f"同一统计数据前后不一致：“{here.label}”在本文中为{here.raw}{unit}，"
            f"在《{titles.get(there.seg_id)}》中为{there.raw}{unit}"
        ),
        related=[(there.seg_id, there.start, there.end)],
    )


def check(ctx: IssueContext):
    """Both sides of a conflict are reported, each pointing at the other (an editor
    working on either article sees it)."""
    first: dict[tuple, Statement] = {}
    reported: set[tuple[str, int]] = set()
    titles = {s.id: (s.title or s.id) for s in ctx.issue.segments}
    for seg in ctx.issue.articles():
        text = ctx.texts.get(seg.id, "")
        if not text:
            continue
        for st in _statements(seg.id, text):
            prev = first.get(st.key)
            if prev is None:
                first[st.key] = st
                continue
            if prev.seg_id == st.seg_id or not _differ(prev, st):
                continue
            if (prev.seg_id, prev.start) not in reported:
                reported.add((prev.seg_id, prev.start))
                yield _hit(prev, st, titles)
            reported.add((st.seg_id, st.start))
            yield _hit(st, prev, titles)


RULES = [
    Rule(
        id="number.cross_article",
        category="number",
        severity="warning",
        title="同一统计数据在不同文章中数值不一",
        title_en="The same statistic differs between articles",
        messages=(
            Msg(
                "同一统计数据前后不一致：“{label}”在本文中为{here}，在《{title}》中为{there}",
                "The same figure differs: “{label}” is “{here}” in this article and “{there}” in 《{title}》",
            ),
        ),
        explanation=(
            "同一期刊物中，同一时期、同一范围、同一指标的统计数据应前后一致。"
            "只比较时期、范围（全省、全国、具体地名）、指标和口径都写明且完全相同的说法；"
            "不同时期（一季度与全年）、不同范围（全省与宁波）、不同指标（增加值与营收）不作比较，"
            "按较粗的精度比较（2.94万亿元与2.9万亿元视为一致）。"
            "依据：GB/T 15835-2011《出版物上数字用法》；《出版物编校质量差错认定细则》关于数据前后矛盾的规定。"
        ),
        must_flag=(
            IssueExample(
                articles={
                    "快递业发展综述": "2023年，全省快递业务量增长10%，行业规模再创新高。",
                    "邮政管理工作": "成绩来之不易。2023年全省快递业务量增长12%，服务质量稳步提升。",
                },
                note="快递业务量 10% vs 12%",
            ),
            IssueExample(
                articles={
                    "制造业投资": "2023年，绍兴市工业投资达816亿元。",
                    "项目攻坚": "2023年，绍兴市工业投资达861亿元，居全省前列。",
                },
                note="投资额 816 vs 861",
            ),
        ),
        must_pass=(
            IssueExample(
                articles={
                    "一季度": "2023年一季度，全省快递业务量增长10%。",
                    "全年": "2023年全省快递业务量增长12%。",
                },
                note="不同时期",
            ),
            IssueExample(
                articles={
                    "全省": "2023年，全省快递业务量增长10%。",
                    "宁波": "2023年，宁波市快递业务量增长12%。",
                },
                note="不同范围",
            ),
            IssueExample(
                articles={
                    "增加值": "2023年，全省数字经济增加值增长10%。",
                    "营收": "2023年，全省数字经济营收增长12%。",
                },
                note="不同指标",
            ),
            IssueExample(
                articles={
                    "甲": "2023年，全省工业增加值达2.94万亿元。",
                    "乙": "2023年，全省工业增加值达2.9万亿元。",
                },
                note="精度不同但一致",
            ),
            IssueExample(
                articles={
                    "甲": "2023年，全市制造业投资增长14%。",
                    "乙": "2023年，全市制造业投资增长21%。",
                },
                note="全市随文章而变",
            ),
            IssueExample(
                articles={"甲": "2023年，全省快递业务量增长10%。2023年，全省快递业务量增长近12%。"},
                note="同一文章、近似数",
            ),
        ),
        func=check,
        scope="issue",
    )
]
