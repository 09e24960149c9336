"""number.cross_article: one statistic, two values, in two articles of the issue or
in this issue and an earlier issue of the library.

Statements are read by ``_figures`` (its docstring says how): a period (2023年,
2023年一季度, 2024年1—4月, 今年 pinned to the issue's year), a scope (全省, 全国,
浙江, or a named place such as 嘉兴市), a metric, a verb of growth, decline or
level, and the figure; the period and scope written at the head of a sentence or
paragraph carry over to the clauses that follow. 全市/全县/全区 depend on the
article and are never compared. Two statements match only when period, scope,
metric (normalised by ``resources/checks/number_metric_aliases.tsv``: 营收 =
营业收入, 规上 = 规模以上), verb class, basis (同比/环比) and unit are all
identical; their values differ only when they differ at the coarser of the two
precisions (2.94万亿 and 2.9万亿 agree; 1.2万亿元 and 12000亿元 agree).
Approximate figures (近/约/超/突破/以上/左右) and targets (预期/力争) are not read.

Across issues: ``IssueContext.library.statements`` holds the statements of earlier
issues (``_figures.PrintedStatement``, filled by the services from the store). A
statement of this issue whose key was printed in an earlier issue with another
value is a warning naming that issue, page, article and sentence; the reference
is the most recent earlier issue that printed the key (a figure corrected in a
later issue is not held against the next one).
"""

from __future__ import annotations

from editor_app.checks.core import Hit, IssueContext, IssueExample, LibraryFacts, Rule
from editor_app.checks.messages import Msg
from editor_app.checks.rules.number._figures import (
    PrintedStatement,
    Statement,
    differ,
    relative,
    statements,
)


def _statements(seg_id: str, text: str, resources, year: int | None) -> list[Statement]:
    return statements(seg_id, text, resources, year)


def _hit(here: Statement, there: Statement, titles: dict[str, str]) -> Hit:
    return Hit(
        start=here.start,
        end=here.end,
        segment_id=here.seg_id,
        message=(
            f"同一统计数据前后不一致：“{here.label}”在本文中为{here.raw}{here.unit}，"
            f"在《{titles.get(there.seg_id)}》中为{there.raw}{there.unit}"
        ),
        related=[(there.seg_id, there.start, there.end)],
    )


def _library_hit(here: Statement, there: PrintedStatement) -> Hit:
    page = f"第{there.page}页" if there.page else ""
    return Hit(
        start=here.start,
        end=here.end,
        segment_id=here.seg_id,
        message=(
            f"与往期数据不一致：“{here.label}”在本文中为{here.raw}{here.unit}，"
            f"{there.issue}{page}《{there.title}》中为{there.raw}{there.unit}"
            f"（原句：“{there.sentence}”），请核实"
        ),
    )


_EARLIER: dict[int, tuple[tuple, dict]] = {}


def _earlier(facts: LibraryFacts) -> dict[tuple, PrintedStatement]:
    """key -> the statement of the most recent earlier issue that printed it."""
    got = _EARLIER.get(id(facts.statements))
    if got is not None and got[0] is facts.statements:
        return got[1]
    out: dict[tuple, PrintedStatement] = {}
    for st in facts.statements:
        if not isinstance(st, PrintedStatement):
            continue
        prev = out.get(st.key)
        if prev is None or st.order > prev.order:
            out[st.key] = st
    _EARLIER.clear()
    _EARLIER[id(facts.statements)] = (facts.statements, out)
    return out


def check(ctx: IssueContext):
    """Both sides of a conflict in the issue are reported, each pointing at the other
    (an editor working on either article sees it); a conflict with an earlier issue
    is reported on this issue's statement. A statement in conflict both ways gets
    one finding saying both."""
    first: dict[tuple, Statement] = {}
    hits: dict[tuple[str, int], Hit] = {}
    titles = {s.id: (s.title or s.id) for s in ctx.issue.segments}
    earlier = _earlier(ctx.library) if ctx.library.statements else {}
    year = ctx.issue.masthead.year if ctx.issue.masthead else None
    for seg in ctx.issue.articles():
        text = ctx.texts.get(seg.id, "")
        if not text:
            continue
        for st in _statements(seg.id, text, ctx.resources, year):
            old = earlier.get(st.key) if earlier and not relative(st.key[0]) else None
            if old is not None and differ(st.raw, st.unit, old.raw, old.unit):
                hits[(st.seg_id, st.start)] = _library_hit(st, old)
            prev = first.get(st.key)
            if prev is None:
                first[st.key] = st
                continue
            if prev.seg_id == st.seg_id or not differ(prev.raw, prev.unit, st.raw, st.unit):
                continue
            for here, there in ((prev, st), (st, prev)):
                at = (here.seg_id, here.start)
                got = hits.get(at)
                if got is None:
                    hits[at] = _hit(here, there, titles)
                elif not got.related:  # only the earlier issue so far: say both
                    both = _hit(here, there, titles)
                    both.message += "；" + got.message
                    hits[at] = both
    yield from hits.values()


RULES = [
    Rule(
        id="number.cross_article",
        category="number",
        severity="warning",
        title="同一统计数据在不同文章中数值不一",
        title_en="The same statistic differs between articles",
        messages=(
            # the combined message first: the in-issue template alone would swallow it
            Msg(
                "同一统计数据前后不一致：“{label}”在本文中为{here}，在《{title}》中为{there}；"
                "与往期数据不一致：“{label}”在本文中为{here}，{issue}《{earlier_title}》中为{earlier}"
                "（原句：“{sentence}”），请核实",
                "The same figure differs: “{label}” is “{here}” in this article and “{there}” in 《{title}》;"
                " it is also “{earlier}” in 《{earlier_title}》, “{issue}” (sentence: “{sentence}”); please check",
            ),
            Msg(
                "同一统计数据前后不一致：“{label}”在本文中为{here}，在《{title}》中为{there}",
                "The same figure differs: “{label}” is “{here}” in this article and “{there}” in 《{title}》",
            ),
            Msg(
                "与往期数据不一致：“{label}”在本文中为{here}，{issue}《{title}》中为{there}"
                "（原句：“{sentence}”），请核实",
                "The figure differs from an earlier issue: “{label}” is “{here}” in this article and"
                " “{there}” in 《{title}》, “{issue}” (sentence: “{sentence}”); please check",
            ),
        ),
        explanation=(
            "同一期刊物中，以及本期与资料库中往期刊物之间，同一时期、同一范围、同一指标的统计数据应前后一致。"
            "句首或段首写明的时期和范围（如“2024年一季度，全省……”）管到后面的分句；"
            "只比较时期、范围（全省、全国、具体地名）、指标和口径都相同的说法，指标名称按对照表统一（营收即营业收入、规上即规模以上）；"
            "不同时期（一季度与全年、单月与累计）、不同范围（全省与宁波；各文章的“全市”“全县”）、"
            "不同指标（增加值与营收）、同比与环比、约数和预期目标不作比较，"
            "按较粗的精度比较（2.94万亿元与2.9万亿元、1.2万亿元与12000亿元视为一致）。"
            "与往期比较时以最近一期为准，并注明往期的期号、页码和原句。"
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
            IssueExample(
                articles={
                    "外贸形势": "2024年一季度，全省外贸进出口增长8.2%；出口增长9.1%；进口增长6.5%。",
                    "口岸服务": "港口吞吐稳中有升。2024年一季度，全省出口增长9.6%，好于年初预期。",
                },
                note="时期和范围写在句首，承接到后面的分句：出口 9.1% vs 9.6%",
            ),
            IssueExample(
                articles={
                    "交通建设": "2023年，全省交通投资保持高位。新开工项目较多，公路水路投资增长9.5%。",
                    "年度回眸": "2023年全省公路水路投资增长11.2%。",
                },
                note="段首的时期和范围管到本段后面的句子",
            ),
            IssueExample(
                articles={
                    "工业经济": "2023年，全省规上工业营收增长5%。",
                    "企业效益": "2023年，全省规模以上工业营业收入增长4.1%，利润由降转升。",
                },
                note="规上 = 规模以上，营收 = 营业收入",
            ),
            IssueExample(
                articles={
                    "工业运行": "2023年，全省实现规上工业增加值2.2万亿元，同比增长6%。",
                    "制造强省": "2023年，全省规上工业增加值增长6.5%，增速居东部前列。",
                },
                note="总量之后的“同比增长6%”属于同一指标",
            ),
            IssueExample(
                articles={
                    "投资": "今年1—4月，全省制造业投资、技改投资分别增长7.1%、6.3%。",
                    "技改": "2024年1—4月，全省技改投资增长6.8%。",
                },
                note="“分别”列举逐项对应；今年按本期年份（2024年）理解",
            ),
            IssueExample(
                articles={"快递": "2023年，全省快递业务量增长12%，行业规模再创新高。"},
                library=LibraryFacts(
                    statements=(
                        PrintedStatement(
                            key=("2023年", "全省", "快递业务量", "增长", "同比", "%"),
                            raw="10",
                            unit="%",
                            label="2023年全省快递业务量增长",
                            sentence="2023年，全省快递业务量增长10%。",
                            issue="《示例杂志》2024年第3期",
                            issue_id=3,
                            order=(2024, 3),
                            title="邮政业年度综述",
                            page=12,
                        ),
                    )
                ),
                note="往期刊登的同一数据为10%",
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
                    "甲": "2024年一季度，全省外贸进出口增长8.2%，出口增长9.1%。",
                    "乙": "2024年一季度，全省外贸进出口增长8.20%。",
                    "丙": "2023年，全省服务业增加值达1.2万亿元。",
                    "丁": "2023年，全省服务业增加值达12000亿元。",
                },
                note="8.2%与8.20%、1.2万亿元与12000亿元按较粗的精度一致",
            ),
            IssueExample(
                articles={
                    "甲": "2023年，全市制造业投资增长14%。",
                    "乙": "2023年，全市制造业投资增长21%。",
                    "丙": "2023年，全县外贸进出口增长6%；出口增长8%。",
                    "丁": "2023年，全县出口增长11%。",
                },
                note="全市、全县随文章而变",
            ),
            IssueExample(
                articles={"甲": "2023年，全省快递业务量增长10%。2023年，全省快递业务量增长近12%。"},
                note="同一文章、近似数",
            ),
            IssueExample(
                articles={
                    "甲": "2023年，全省快递业务量增长10%。",
                    "乙": "2023年，全省快递业务量增长约12%。",
                    "丙": "2023年，全省快递业务量增长10%以上。",
                    "丁": "2023年，全省快递业务量增长超过11%。",
                },
                note="约、以上、超过：近似数不比较",
            ),
            IssueExample(
                articles={
                    "月度": "2024年5月，全省出口增长9%。",
                    "累计": "2024年1—5月，全省出口增长7%。截至2024年5月，全省出口增长7%。",
                },
                note="单月与累计",
            ),
            IssueExample(
                articles={
                    "同比": "2024年3月，全省社会消费品零售总额同比增长5%。",
                    "环比": "2024年3月，全省社会消费品零售总额环比增长0.8%。",
                },
                note="同比与环比",
            ),
            IssueExample(
                articles={
                    "外贸": "2023年，全省外贸进出口增长6%。\n进口增长4%，出口增长8%。",
                    "进口": "2023年，全省进口增长2%。",
                },
                note="段落分界：上一段的时期和范围不承接到下一段",
            ),
            IssueExample(
                articles={
                    "投资": "2023年，全省工业投资增长8%，其中制造业增长7%。",
                    "工业": "2023年，全省规上工业增加值增长6%，其中制造业增长9%。",
                },
                note="承接的分句省略了指标（其中制造业……）不读",
            ),
            IssueExample(
                articles={
                    "季度": "2024年一季度，全省出口增长9.1%。今年3月，出口增长12%。",
                    "开局": "2024年一季度，全省出口增长9.1%。",
                },
                note="新写的时期（今年3月）中断承接",
            ),
            IssueExample(
                articles={
                    "目标": "2024年，全省生产总值预期增长5.5%。",
                    "实绩": "2024年，全省GDP增长5.8%。",
                },
                note="预期目标与实际",
            ),
            IssueExample(
                articles={
                    "去年": "去年，全省外贸进出口增长6%。",
                    "今年": "2024年，全省外贸进出口增长7.5%。",
                    "项目": "2024年，全省引进投资50亿元的项目12个。",
                    "签约": "2024年，全省引进投资60亿元的项目8个。",
                },
                note="去年是2023年，不同时期；“投资50亿元的项目”是项目规模，不是统计数",
            ),
            IssueExample(
                articles={
                    "工业": "2023年，全省17个重点行业规上工业增加值、利润总额分别增长8.8%、12%。",
                    "效益": "2023年，全省利润总额增长3%。",
                },
                note="“分别”列举中首项带限定语时，后项省略了主语，不读",
            ),
            IssueExample(
                articles={"快递": "2023年，全省快递业务量增长10.0%，行业规模再创新高。"},
                library=LibraryFacts(
                    statements=(
                        PrintedStatement(
                            key=("2023年", "全省", "快递业务量", "增长", "同比", "%"),
                            raw="10",
                            unit="%",
                            label="2023年全省快递业务量增长",
                            sentence="2023年，全省快递业务量增长10%。",
                            issue="《示例杂志》2024年第3期",
                            issue_id=3,
                            order=(2024, 3),
                            title="邮政业年度综述",
                            page=12,
                        ),
                        PrintedStatement(
                            key=("2023年", "全省", "快递业务量", "增长", "同比", "%"),
                            raw="9.5",
                            unit="%",
                            label="2023年全省快递业务量增长",
                            sentence="2023年全省快递业务量增长9.5%（快报数）。",
                            issue="《示例杂志》2024年第1期",
                            issue_id=1,
                            order=(2024, 1),
                            title="新年展望",
                            page=4,
                        ),
                        PrintedStatement(
                            key=("2023年一季度", "全省", "快递业务量", "增长", "同比", "%"),
                            raw="15",
                            unit="%",
                            label="2023年一季度全省快递业务量增长",
                            sentence="2023年一季度，全省快递业务量增长15%。",
                            issue="《示例杂志》2023年第5期",
                            issue_id=2,
                            order=(2023, 5),
                            title="一季度快递",
                            page=8,
                        ),
                    )
                ),
                note="往期：最近一期一致（更早的快报数不同）、别的时期不比",
            ),
        ),
        func=check,
        scope="issue",
    )
]
