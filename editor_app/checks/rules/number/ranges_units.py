"""number.range_connector and number.unit_symbol.

range_connector: a hyphen (- － ‐ –) between two figures that end in a unit is
a range written with the wrong connector (GB/T 15834-2011 4.13: 一字线 “—”
for time and place, 浪纹线 “～” for quantities); and a range whose first figure
drops 万/亿/% (15～30% → 15%～30%, GB/T 15835-2011). Dates (2024-05-24),
phone numbers (0571-8…), model numbers (GB/T 15834-2011, C919-100), ISBNs
and negative numbers are not ranges: a figure glued to Latin letters, a third
hyphenated figure, a leading 0 or a long second figure rule a match out, and
only a real unit after the second figure counts.

unit_symbol: a unit symbol in the wrong case right after a figure (220kv → 220kV),
from ``resources/checks/number_units.tsv``; figures inside Latin words (model
numbers) and English passages are left alone.
"""

from __future__ import annotations

import functools
import re

from editor_app.checks.core import ArticleContext, Hit, Rule
from editor_app.checks.messages import Msg

DASHES = "-－‐‑–"
UNIT_WORDS = (
    "小时|分钟|季度|世纪|公里|千米|厘米|毫米|平方|立方|公顷|万亿|"
    "[%‰℃°年月日号时点分秒岁天周个次人名家倍元米吨克斤亩层楼期届级版页章节项条度台套件所座辆只头株棵根张本部篇册集份批户间栋幢万亿千百]"
)
TIME_UNITS = ("年", "月", "日", "号", "时", "点", "季度", "世纪")
HYPHEN_RE = re.compile(
    rf"(?<![0-9A-Za-z.\-/:#_＃{DASHES}])(?P<a>[0-9]+(?:\.[0-9]+)?)(?P<au>%|万|亿)?"
    rf"(?P<dash>[{DASHES}])(?P<b>[0-9]+(?:\.[0-9]+)?)(?P<unit>{UNIT_WORDS})"
    rf"(?![{DASHES}][0-9])"
)
OMIT_RE = re.compile(
    r"(?<![0-9.%万亿])(?P<a>[0-9]+(?:\.[0-9]+)?)(?P<conn>[～~〜—－\-])(?P<b>[0-9]+(?:\.[0-9]+)?)(?P<mark>%|‰|万亿|万|亿)"
)
SCORE_AFTER = re.compile("(?:战胜|击败|取胜|获胜|胜|负|落败|的比分|比分)")


RANGE_ANY_RE = re.compile(f"[0-9][%万亿]?[{DASHES}～~〜—][0-9]")


def _range_check(ctx: ArticleContext):
    text = ctx.text
    if not RANGE_ANY_RE.search(text):
        return
    seen: set[int] = set()
    for m in HYPHEN_RE.finditer(text):
        a, b = m.group("a"), m.group("b")
        if re.search(r"[A-Za-z/]\s?$", text[max(0, m.start() - 2) : m.start()]):
            continue  # GB/T 15834-2011, No. 3-5
        if (a.startswith("0") and len(a) >= 3) or len(b) >= 7:
            continue  # area codes, phone numbers
        if SCORE_AFTER.match(text, m.end("b")):
            continue
        unit = m.group("unit")
        conn = "—" if unit.startswith(TIME_UNITS) else "～"
        au = m.group("au") or ""
        mark = unit if unit in ("%", "‰") else ""
        if mark and not au:
            au = mark  # 15-30% -> 15%～30%
        seen.add(m.start())
        end = m.end("b") + (len(mark) if mark else 0)
        yield Hit(
            start=m.start("a"),
            end=end,
            message=f"表示数值或时间范围应使用“{conn}”，不用短横线“{m.group('dash')}”",
            suggestion=f"{a}{au}{conn}{b}{mark}",
            severity="error",
        )
    for m in OMIT_RE.finditer(text):
        if m.start() in seen:
            continue
        if m.group("conn") in "-－" and not re.match(r"[%‰]", m.group("mark")):
            continue  # hyphen cases are the first loop's
        if re.search(r"[A-Za-z/]\s?$", text[max(0, m.start() - 2) : m.start()]):
            continue
        mark = m.group("mark")
        conn = m.group("conn")
        if conn in "-－~〜":
            conn = "～"
        yield Hit(
            start=m.start(),
            end=m.end(),
            message=f"数值范围的两个数字都应带“{mark}”：写作{m.group('a')}{mark}{conn}{m.group('b')}{mark}",
            suggestion=f"{m.group('a')}{mark}{conn}{m.group('b')}{mark}",
            severity="error" if mark in ("%", "‰") else "warning",
        )


@functools.lru_cache(maxsize=4)
def _unit_table(resources) -> tuple[dict[str, str], re.Pattern | None]:
    rows = resources.table("number_units")
    table = {r[0]: r[1] for r in rows if len(r) >= 2}
    if not table:
        return table, None
    alts = "|".join(sorted(map(re.escape, table), key=len, reverse=True))
    rx = re.compile(
        rf"(?<![A-Za-z0-9.\-_])(?P<n>[0-9]+(?:\.[0-9]+)?)(?:万|亿)?(?P<sp> ?)(?P<u>{alts})(?![A-Za-z])"
    )
    return table, rx


def _english_context(text: str, start: int, end: int) -> bool:
    window = text[max(0, start - 30) : end + 30]
    latin = len(re.findall(r"[A-Za-z]", window))
    han = len(re.findall(r"[\u4e00-\u9fff]", window))
    return latin > 2 * max(han, 1)


def _unit_check(ctx: ArticleContext):
    text = ctx.text
    if not re.search(r"[0-9][万亿]? ?[A-Za-z]", text):
        return
    table, rx = _unit_table(ctx.resources)
    if rx is None:
        return
    for m in rx.finditer(text):
        if m.start() > 0 and re.match(r"[A-Za-z]", text[m.start() - 1]):
            continue
        if _english_context(text, m.start(), m.end()):
            continue
        wrong = m.group("u")
        right = table[wrong]
        yield Hit(
            start=m.start("u"),
            end=m.end("u"),
            message=f"计量单位符号大小写有误：“{wrong}”应为“{right}”",
            suggestion=right,
        )


RULES = [
    Rule(
        id="number.range_connector",
        category="number",
        severity="error",
        title="数值范围的连接号或单位用法不当",
        title_en="Range connector or unit used wrongly",
        messages=(
            Msg(
                "表示数值或时间范围应使用“{conn}”，不用短横线“{dash}”",
                "A range of numbers or times takes “{conn}”, not the hyphen “{dash}”",
            ),
            Msg(
                "数值范围的两个数字都应带“{mark}”：写作{fixed}",
                "Both numbers of a range take “{mark}”: write “{fixed}”",
            ),
        ),
        explanation=(
            "GB/T 15834-2011《标点符号用法》4.13：标示时间、地域的起止用一字线“—”（3—5月），"
            "标示数值范围用浪纹线“～”（20～30人），不用短横线“-”。"
            "GB/T 15835-2011《出版物上数字用法》：数值范围中百分数、以“万”“亿”为单位的数，前后两个数都应写出（15%～30%，9亿～16亿）。"
            "日期（2024-05-24）、电话号码、产品型号、标准编号、ISBN 和负数中的短横线不是范围连接号。"
        ),
        must_flag=(
            "活动安排在3-5月举行。",
            "每批培训20-30人。",
            "增幅为15～30%。",
            "预计投资9～16亿元。",
            "气温升高2－3℃。",
            "预计降幅在10-20%之间。",
        ),
        must_pass=(
            "活动安排在3—5月举行。",
            "每批培训20～30人。",
            "增幅为15%～30%。",
            "大会于2024-05-24召开。",
            "咨询电话0571-87654321转服务台。",
            "执行GB/T 15834-2011标准。",
            "引进C919-100型客机。",
            "书号ISBN 978-7-5117-1234-5。",
            "气温降至-5℃。",
            "主队以3-1战胜客队。",
            "办理时限由20天缩短到5—8个工作日。",
        ),
        func=_range_check,
        bulk_fixable=True,
    ),
    Rule(
        id="number.unit_symbol",
        category="number",
        severity="error",
        title="计量单位符号大小写有误",
        title_en="Wrong case in a unit symbol",
        messages=(
            Msg(
                "计量单位符号大小写有误：“{wrong}”应为“{right}”",
                "Unit symbol in the wrong case: “{wrong}” should be “{right}”",
            ),
        ),
        explanation=(
            "GB 3100-1993《国际单位制及其应用》、GB 3101-1993《有关量、单位和符号的一般原则》："
            "词头k（千）小写，M（兆）、G（吉）大写；以人名命名的单位符号首字母大写（V、W、Pa、Hz）。"
            "220kv应为220kV，5Mpa应为5MPa，3KM应为3km。产品型号、品牌名和英文段落不在此列。"
        ),
        must_flag=(
            "提前完成220kv变电站输电线路工程。",
            "管道设计压力5Mpa。",
            "新建绿道3KM。",
            "装机容量达1200KW。",
            "年发电量8000万Kwh。",
        ),
        must_pass=(
            "提前完成220kV变电站输电线路工程。",
            "建设年产24GWh动力电芯和11GW电池组件。",
            "引进ABC220KV型号设备。",
            "部署5G基站和AGV小车。",
            "The 220KV line was commissioned last year by the grid company.",
            "磁体场强1.5T，口径850毫米。",
        ),
        func=_unit_check,
        bulk_fixable=True,
    ),
]
