"""number.parts_sum: stated parts do not add up to the stated total.

``全年12场活动中，线上5场、线下8场`` (13 ≠ 12). A total is introduced as
``N<量词>…中，`` or ``共N<量词>…，其中``; the parts are the following
、/，-separated chunks that each hold one quantity of the same measure word.

Precision first:

* parts that are complementary (线上/线下, 城镇/农村 … from
  ``resources/checks/number_complementary_pairs.tsv``) or closed by 其余/其他
  claim to be exhaustive: any difference is flagged (error);
* otherwise only a sum *larger* than the total is flagged (warning): a partial
  list (其中 with fewer parts) legitimately sums to less;
* approximate figures (近/约/超/余/多/以上/左右), shares and growth rates
  (%, 占, 增长) are never summed: percentages of different bases do not add.
"""

from __future__ import annotations

import re
from decimal import Decimal

from editor_app.checks.core import ArticleContext, Hit, Rule
from editor_app.checks.messages import Msg
from editor_app.checks.numerals import format_number, parse_decimal

NUM = r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?"
MW = "场|项|家|个|人|名|次|件|所|座|条|户|只|批|台|套|支|门|篇|部|辆|艘|栋|幢|亩|吨|元|期|班|届|队|万元|亿元|万人|万户|万吨|万亩"
TOTAL_RE = re.compile(
    r"(?P<total>" + NUM + r")(?P<mw>" + MW + r")"
    r"(?P<noun>[\u4e00-\u9fff“”]{0,12}?)"
    r"(?:中[，,：:]?\s*(?:其中[，,]?)?|[，,：:]\s*其中[，,]?\s*)"
)
# ``N<量词>，A n、B m``: a bare total followed by parts; only read when the parts are exhaustive
TOTAL_BARE_RE = re.compile(r"(?P<total>" + NUM + r")(?P<mw>" + MW + r")[，,]\s*")
APPROX_TOTAL_RE = re.compile("(?:近|约|超|超过|逾)$")
# words that make a chunk something other than a plain part of the total
NOT_A_PART_RE = re.compile("分别|累计|同比|增长|下降|增加|减少|占比|比例|平均|人次|户次|家次")
APPROX_BEFORE_RE = re.compile("(?:近|约|超|超过|逾|不到|不足|至少|最多|将近|接近)$")
APPROX_AFTER = ("余", "多", "以上", "以下", "左右", "上下")
STOP = "。；;！？!?\n"
OTHER_RE = re.compile("^(?:其余|其他|其它|另有|另外|剩余|余下)")


def _pairs(resources) -> list[tuple[str, str]]:
    try:
        return [(r[0], r[1]) for r in resources.table("number_complementary_pairs") if len(r) >= 2]
    except OSError:
        return []


def _labels(resources) -> re.Pattern:
    """Start of a first part that can make an exhaustive pair (线上…, 城镇…, 其余…)."""
    words = {w for pair in _pairs(resources) for w in pair} | {
        "其余",
        "其他",
        "其它",
        "另有",
        "另外",
        "剩余",
        "余下",
    }
    return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))


def _exhaustive(descs: list[str], pairs: list[tuple[str, str]]) -> bool:
    if OTHER_RE.search(descs[-1]):
        return True
    if len(descs) != 2:
        return False
    a, b = descs
    for x, y in pairs:
        if (a.startswith(x) and b.startswith(y)) or (a.startswith(y) and b.startswith(x)):
            return True
    return False


def _totals(text: str):
    """(match, bare) for every total: introduced by 中/其中, or bare (exhaustive parts only)."""
    seen = set()
    for m in TOTAL_RE.finditer(text):
        seen.add(m.start("total"))
        yield m, False
    for m in TOTAL_BARE_RE.finditer(text):
        if m.start("total") not in seen:
            yield m, True


def check(ctx: ArticleContext):
    text = ctx.text
    pairs = None
    labels = None
    for m, bare in _totals(text):
        if APPROX_TOTAL_RE.search(text[max(0, m.start() - 2) : m.start()]):
            continue
        if m.start() > 0 and text[m.start() - 1] in "0123456789.":
            continue
        if bare:  # only exhaustive parts are read after a bare total: check the first label
            if labels is None:
                labels = _labels(ctx.resources)
            if not labels.match(text, m.end()):
                continue
        after_total = text[m.end("mw") : m.end("mw") + 2]
        if after_total[:1] in ("余", "多") or after_total.startswith(("以上", "左右")):
            continue
        total = parse_decimal(m.group("total"))
        unit = m.group("mw")
        end = m.end()
        stop = min((i for i in (text.find(c, end) for c in STOP) if i >= 0), default=len(text))
        region = text[end:stop]
        part_re = re.compile(
            r"(?P<n>" + NUM + r")(?P<u>" + re.escape(unit) + r")(?![\u4e00-\u9fff]{0,1}(?:次|均))"
        )
        parts: list[tuple[int, int, Decimal, str]] = []
        pos = 0
        for chunk in re.split("([、，,])", region):
            if chunk in ("、", "，", ","):
                pos += 1
                continue
            qs = list(part_re.finditer(chunk))
            if len(qs) != 1 or NOT_A_PART_RE.search(chunk) or re.search(r"[0-9]\s*%", chunk):
                break
            q = qs[0]
            if APPROX_BEFORE_RE.search(chunk[: q.start()]) or chunk[q.end() :].startswith(
                APPROX_AFTER
            ):
                break
            if q.start() > 0 and chunk[q.start() - 1] in "0123456789.":
                break
            desc = chunk[: q.start()].strip()
            parts.append(
                (end + pos + q.start(), end + pos + q.end(), parse_decimal(q.group("n")), desc)
            )
            pos += len(chunk)
        if len(parts) < 2 or total is None or any(p[2] is None for p in parts):
            continue
        s = sum((p[2] for p in parts), Decimal(0))
        if s == total:
            continue
        if pairs is None:
            pairs = _pairs(ctx.resources)
        exhaustive = _exhaustive([p[3] for p in parts], pairs)
        if not exhaustive and (s < total or bare):
            continue
        shown = " + ".join(format_number(p[2]) for p in parts)
        if exhaustive:
            msg = f"分项之和与总数不符：{shown} = {format_number(s)}{unit}，而总数为{m.group('total')}{unit}（分项已覆盖全部类别）"
            severity = "error"
        else:
            msg = f"分项之和大于总数：{shown} = {format_number(s)}{unit}，超过总数{m.group('total')}{unit}，请核对（若各项有交叉可忽略）"
            severity = "warning"
        yield Hit(
            start=m.start("total"),
            end=m.end("mw"),
            message=msg,
            severity=severity,
            related=[(None, p[0], p[1]) for p in parts],
        )


RULES = [
    Rule(
        id="number.parts_sum",
        category="number",
        severity="warning",
        title="分项之和与总数不符",
        title_en="The parts do not add up to the total",
        messages=(
            Msg(
                "分项之和与总数不符：{shown} = {total_sum}{unit}，而总数为{total}{unit}（分项已覆盖全部类别）",
                "The parts do not add up to the total: {shown} = “{total_sum}{unit}”, but the total is “{total}{unit}” (the parts cover every category)",
            ),
            Msg(
                "分项之和大于总数：{shown} = {total_sum}{unit}，超过总数{total}{unit}，请核对（若各项有交叉可忽略）",
                "The parts add up to more than the total: {shown} = “{total_sum}{unit}”, more than the total “{total}{unit}”; please check (ignore if the parts overlap)",
            ),
        ),
        explanation=(
            "文中给出总数并逐项列出分项时，分项相加应等于总数（“全年12场活动中，线上5场、线下8场”相加为13场，与12场矛盾）。"
            "只举部分分项（“其中”后列举少于总数）不算差错；百分比基数不同，不能相加。"
            "依据：GB/T 15835-2011《出版物上数字用法》对数值准确的要求；《出版物编校质量差错认定细则》关于数据计算错误的规定。"
        ),
        must_flag=(
            "全年12场活动中，线上5场、线下8场。",
            "全年开展送戏下乡90场，线上30场、线下70场，观众逾万人次。",
            "全区共有学校40所，其中城镇学校26所、农村学校16所。",
            "8项服务事项中，5项全程网办、2项就近可办、2项只跑一次。",
            "共引进项目30个，其中内资项目20个、外资项目6个、其余项目7个。",
        ),
        must_pass=(
            "全年12场活动中，线上5场、线下7场。",
            "8项服务事项中，5项全程网办、2项就近可办、1项只跑一次。",
            "共引进项目30个，其中亿元以上项目12个。",
            "新增就业岗位800个，其中技能岗位300个、管理岗位200个。",
            "调查企业120家，其中增长20%的60家、增长35%的50家。",
            "全区共有学校40所，其中近30所完成改造、10余所正在施工。",
            "培训学员500人，其中党员320人次、群众260人次。",
            "新建项目20个，总投资50亿元，带动就业3000人。",
            "引进人才120名，博士45名、硕士85名。",
        ),
        func=check,
    )
]
