"""number.ratio_arithmetic: a stated multiple, growth or ratio that the figures beside it contradict.

Three shapes, all inside one sentence:

1. ``从A增至B，增长N倍 / 增长N% / 是原来的N倍 / 翻了N番 / 提高N个百分点``;
2. ``甲…A、乙…B，甲是乙的N倍`` (or ``甲比乙多N倍``): the labels must be found
   right before the two figures, in the same unit;
3. ``分别…A、B…比为X:1``.

增长N倍 means B = A × (N + 1); 是/为/增至 N 倍 means B = A × N.
Tolerance follows the precision written: half a unit of the last digit of the
stated figure, plus the rounding of A and B carried through the division.
近 (near) allows a value up to 20 % below, never above; 超/超过/逾 set only a
lower bound; 约 allows ±10 %. Approximate inputs (90多万, 约50, 300余) are skipped.
"""

from __future__ import annotations

import re
from decimal import Decimal

from editor_app.checks.core import ArticleContext, Hit, Rule
from editor_app.checks.messages import Msg
from editor_app.checks.numerals import cn_to_int, format_number, half_unit, parse_decimal

NUM = r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?"
CNUM = r"[0-9]+(?:\.[0-9]+)?|[一二两三四五六七八九十]+"
UNIT = r"(?:%|个百分点|万亿元|亿元|万元|元|万人次|万户次|万人|万户|万吨|万亩|人次|户次|家次|亿|万|[家个人户名项只台件所座吨亩条批场次辆艘篇部])"
SEP = r"[^，,。；;！？!?\n0-9]"
GROW = "增长|增加|提高|提升|上升|扩大|跃升|增|升"
FALL = "减少|下降|降低|缩减|压缩|减|降|缩短|缩小|下滑"
# 从2022年的1200家 / 由去年底的80亿元: a period, then 的, may stand before a figure
PRE = rf"(?:(?:[0-9]{{4}}年(?:底|末|初)?)?{SEP}{{0,12}}?的)?"
FROM_TO_RE = re.compile(
    rf"(?:从|由){PRE}(?P<a>{NUM})(?P<au>{UNIT})?"
    rf"(?P<verb>{SEP}{{0,6}}?)(?:到|至|为){PRE}(?P<b>{NUM})(?P<bu>{UNIT})"
)
STATED_RE = re.compile(
    rf"\s*[，,]?\s*(?:同比|累计|整体|总体)?(?:"
    rf"(?P<gv>{GROW}|{FALL})了?(?P<ga>近|约|超过|超|逾|达|将近|接近)?(?P<gn>{CNUM})(?P<gu>倍|%|个百分点)"
    rf"|(?:是|为|相当于)(?:原来|过去|此前|之前|当时|上年|去年|以前)?的?(?P<ma>近|约|超过|超|逾|将近|接近)?(?P<mn>{CNUM})倍"
    rf"|翻了?(?P<fn>一|两|二|三|四|[1-4])番)"
)
COMPARE_RE = re.compile(
    rf"(?:(?<=[，,；;：:])|^)(?P<x>[\u4e00-\u9fff]{{1,8}}?)(?:是|为|相当于)(?P<y>[\u4e00-\u9fff]{{1,8}}?)的"
    rf"(?P<ma>近|约|超过|超|逾|将近|接近)?(?P<mn>{CNUM})倍"
    rf"|(?:(?<=[，,；;：:])|^)(?P<x2>[\u4e00-\u9fff]{{1,8}}?)比(?P<y2>[\u4e00-\u9fff]{{1,8}}?)"
    rf"(?:多|增长|增加|高)了?(?P<ga>近|约|超过|超|逾|将近|接近)?(?P<gn>{CNUM})倍",
    re.M,
)
QTY_RE = re.compile(rf"(?P<n>{NUM})(?P<u>{UNIT})")
RATIO_RE = re.compile(
    r"比(?:为|是|达到|达)?(?P<r>[0-9]+(?:\.[0-9]+)?)[:：](?P<s>[0-9]+(?:\.[0-9]+)?)"
)
PAIR_RE = re.compile(rf"(?P<a>{NUM})(?P<au>{UNIT})、(?P<b>{NUM})(?P<bu>{UNIT})")
APPROX_AFTER = ("多", "余", "左右", "以上", "上下")
SCALE = {
    "万亿元": Decimal(10**12),
    "亿元": Decimal(10**8),
    "亿": Decimal(10**8),
    "万元": Decimal(10**4),
    "万": Decimal(10**4),
    "元": Decimal(1),
}
MONEY = ("万亿元", "亿元", "万元", "元", "亿", "万")


def _num(s: str) -> Decimal | None:
    if re.fullmatch(r"[0-9.,]+", s):
        return parse_decimal(s)
    v = cn_to_int(s)
    return Decimal(v) if v is not None else None


def _scaled(value: Decimal, unit: str, other: str) -> tuple[Decimal, str] | None:
    """Value in a unit comparable with ``other``'s; None if not comparable."""
    if unit == other:
        return value, unit
    if unit in MONEY and other in MONEY:
        return value * SCALE[unit], "元"
    return None


def _approx(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 2) : start]
    after = text[end : end + 2]
    return before.endswith(("约", "近", "超", "逾")) or after.startswith(APPROX_AFTER)


def _bounds(n: float, tol: float, approx: str | None) -> tuple[float, float]:
    if approx in ("近", "将近", "接近"):
        return n - max(tol, 0.2 * n), n + tol
    if approx in ("超", "超过", "逾"):
        return n - tol, float("inf")
    if approx == "约":
        return n - max(tol, 0.1 * n), n + max(tol, 0.1 * n)
    return n - tol, n + tol


def _tolerance(
    stated: str, derived: float, a: str, b: str, av: float, bv: float, kind: str
) -> float:
    """Allowed |derived - stated|: the stated figure's precision plus the inputs' rounding.

    ``a`` and ``b`` are the input figures as written with their units; ``av``
    and ``bv`` their values (possibly rescaled), used only for the ratio.
    """
    tol = half_unit(stated) if re.fullmatch(r"[0-9.]+", stated) else 0.5
    da, db = _rounding(a), _rounding(b)
    if kind == "diff":
        return tol + da + db
    wa, wb = _written(a), _written(b)
    rel = (da / wa if wa else 0.0) + (db / wb if wb else 0.0)
    ratio = bv / av if av else 0.0
    prop = ratio * rel
    return tol + (prop * 100 if kind == "pct" else prop)


def _written(figure: str) -> float:
    m = re.match(rf"({NUM})", figure)
    v = parse_decimal(m.group(1)) if m else None
    return float(v) if v else 0.0


def _rounding(figure: str) -> float:
    """Rounding of an input figure: none for a whole count, half a unit otherwise.

    ``figure`` is the number as written plus its unit (``120家``, ``12亿元``):
    whole numbers of discrete things (家 个 人 …) are exact; amounts with
    decimals or with 万/亿 may be rounded.
    """
    m = re.match(rf"({NUM})(.*)", figure)
    num, unit = (m.group(1), m.group(2)) if m else (figure, "")
    if "." not in num and unit and unit[0] in "家个人户名项只台件所座条批场次辆艘篇部":
        return 0.0
    return half_unit(num)


def _fmt(x: float) -> str:
    return format_number(Decimal(str(round(x, 2))))


def _from_to(text: str):
    for m in FROM_TO_RE.finditer(text):
        if _approx(text, m.start("a"), m.end("au") if m.group("au") else m.end("a")) or _approx(
            text, m.start("b"), m.end("bu")
        ):
            continue
        st = STATED_RE.match(text, m.end())
        if not st:
            continue
        a, b = _num(m.group("a")), _num(m.group("b"))
        au, bu = m.group("au") or m.group("bu"), m.group("bu")
        if a is None or b is None or a == 0:
            continue
        sa, sb = _scaled(a, au, bu), _scaled(b, bu, au)
        if sa is None or sb is None:
            continue
        av, bv = float(sa[0]), float(sb[0])
        percent_points = au == bu == "%"
        yield from _judge_growth(text, m, st, av, bv, percent_points)


def _judge_growth(text, m, st, av, bv, percent_points):
    a_s, b_s = m.group("a"), m.group("b")
    falling = bool(re.search(FALL, m.group("verb") or "")) or bv < av
    if st.group("gn"):
        stated, unit, approx, verb = st.group("gn"), st.group("gu"), st.group("ga"), st.group("gv")
        n = _num(stated)
        if n is None:
            return
        n = float(n)
        verb_falls = bool(re.fullmatch(FALL, verb))
        if unit == "倍":
            if verb_falls:
                return  # 减少N倍 is a usage problem, not arithmetic
            derived, kind = bv / av - 1, "ratio"
            expl = f"从{a_s}到{b_s}，增加量是原数的{_fmt(derived)}倍（是原来的{_fmt(bv / av)}倍）"
        elif unit == "%":
            if percent_points:
                diff = abs(bv - av)
                rel = abs(bv / av - 1) * 100
                tol = half_unit(stated) + half_unit(a_s) + half_unit(b_s)
                if abs(n - diff) <= tol and abs(n - rel) > tol:
                    yield Hit(
                        start=st.start("gn"),
                        end=st.end("gu"),
                        message=f"从{a_s}%到{b_s}%相差{_fmt(diff)}个百分点，相对变化为{_fmt(rel)}%；此处应为“{stated}个百分点”",
                        suggestion=f"{stated}个百分点",
                        severity="warning",
                    )
                    return
            derived = (1 - bv / av) * 100 if verb_falls else (bv / av - 1) * 100
            kind = "pct"
            expl = f"从{a_s}到{b_s}，{'降幅' if verb_falls else '增幅'}为{_fmt(derived)}%"
        else:  # 个百分点
            if not percent_points:
                return
            derived, kind = (av - bv) if verb_falls else (bv - av), "diff"
            expl = f"从{a_s}%到{b_s}%，相差{_fmt(abs(bv - av))}个百分点"
        if falling != verb_falls and unit != "个百分点":
            return  # the verb and the figures disagree on direction: not ours to judge
        tol = _tolerance(
            stated,
            derived,
            a_s + (m.group("au") or m.group("bu")),
            b_s + m.group("bu"),
            av,
            bv,
            kind,
        )
        lo, hi = _bounds(n, tol, approx)
        if lo <= derived <= hi:
            return
        severity = "error"
        if unit == "倍" and abs(bv / av - n) <= tol:
            expl += f"；“增长{stated}倍”应为“增长{_fmt(derived)}倍”或“增至{stated}倍”"
        yield Hit(
            start=st.start("gn"),
            end=st.end("gu"),
            message=f"数字计算有误：{expl}，与“{(approx or '')}{stated}{unit}”不符",
            severity=severity,
        )
        return
    if st.group("mn"):
        stated, approx = st.group("mn"), st.group("ma")
        n = _num(stated)
        if n is None:
            return
        derived = bv / av
        tol = _tolerance(
            stated,
            derived,
            a_s + (m.group("au") or m.group("bu")),
            b_s + m.group("bu"),
            av,
            bv,
            "ratio",
        )
        lo, hi = _bounds(float(n), tol, approx)
        if not (lo <= derived <= hi):
            yield Hit(
                start=st.start("mn"),
                end=st.end(),
                message=f"数字计算有误：从{a_s}到{b_s}是原来的{_fmt(derived)}倍，与“{(approx or '')}{stated}倍”不符",
                severity="error",
            )
        return
    if st.group("fn"):
        k = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4}.get(st.group("fn")) or int(st.group("fn"))
        derived = bv / av
        tol = (
            _tolerance(
                "1",
                derived,
                a_s + (m.group("au") or m.group("bu")),
                b_s + m.group("bu"),
                av,
                bv,
                "ratio",
            )
            * (2**k)
            / 2
        )
        if abs(derived - 2**k) > tol:
            yield Hit(
                start=st.start() + st.group().index("翻"),
                end=st.end(),
                message=f"数字计算有误：翻{st.group('fn')}番是原来的{2**k}倍，而从{a_s}到{b_s}是{_fmt(derived)}倍",
                severity="error",
            )


def _labelled(text: str, label: str, before: int) -> re.Match | None:
    """The first quantity within 10 characters after ``label`` in ``text[:before]``."""
    i = text.rfind(label, 0, before)
    while i >= 0:
        q = QTY_RE.search(text, i + len(label), min(before, i + len(label) + 10))
        if q and not re.search(r"[，,。；;]", text[i + len(label) : q.start()]):
            return q
        i = text.rfind(label, 0, i)
    return None


def _compare(text: str):
    for m in COMPARE_RE.finditer(text):
        x, y = m.group("x") or m.group("x2"), m.group("y") or m.group("y2")
        stated = m.group("mn") or m.group("gn")
        approx = m.group("ma") or m.group("ga")
        growth = m.group("gn") is not None
        s0 = max(text.rfind(c, 0, m.start()) for c in "。！？!?\n") + 1
        qx, qy = (
            _labelled(text[s0 : m.start()], x, m.start() - s0),
            _labelled(text[s0 : m.start()], y, m.start() - s0),
        )
        if not qx or not qy or qx.start() == qy.start() or qx.group("u") != qy.group("u"):
            continue
        if qx.group("u") in ("%", "个百分点"):
            continue
        vx, vy, n = _num(qx.group("n")), _num(qy.group("n")), _num(stated)
        if not vx or not vy or n is None:
            continue
        ratio = float(vx / vy)
        derived = ratio - 1 if growth else ratio
        tol = _tolerance(stated, derived, qy.group(), qx.group(), float(vy), float(vx), "ratio")
        lo, hi = _bounds(float(n), tol, approx)
        if lo <= derived <= hi:
            continue
        how = f"{x}比{y}多{_fmt(derived)}倍" if growth else f"{x}是{y}的{_fmt(derived)}倍"
        end = m.end()
        start = m.start("mn") if m.group("mn") else m.start("gn")
        yield Hit(
            start=start,
            end=end,
            message=f"数字计算有误：按文中数字（{x}{qx.group()}、{y}{qy.group()}），{how}，与“{(approx or '')}{stated}倍”不符",
            severity="error",
            related=[
                (None, s0 + qx.start(), s0 + qx.end()),
                (None, s0 + qy.start(), s0 + qy.end()),
            ],
        )


def _ratios(text: str):
    for m in RATIO_RE.finditer(text):
        s0 = max(m.start() - 60, max(text.rfind(c, 0, m.start()) for c in "。！？!?\n") + 1)
        fb = text.rfind("分别", s0, m.start())
        if fb < 0:
            continue
        pairs = list(PAIR_RE.finditer(text, fb, m.start()))  # the last pair is the one compared
        if not pairs:
            continue
        p = pairs[-1]
        if p.group("au") != p.group("bu") and not (
            p.group("au") in MONEY and p.group("bu") in MONEY
        ):
            continue
        a, b = _num(p.group("a")), _num(p.group("b"))
        r, s = _num(m.group("r")), _num(m.group("s"))
        if not a or not b or not r or not s:
            continue
        sa, sb = _scaled(a, p.group("au"), p.group("bu")), _scaled(b, p.group("bu"), p.group("au"))
        if sa is None or sb is None:
            continue
        derived = float(sa[0] / sb[0]) * float(s)
        tol = _tolerance(
            m.group("r"),
            derived,
            p.group("b") + p.group("bu"),
            p.group("a") + p.group("au"),
            float(sb[0]),
            float(sa[0]),
            "ratio",
        )
        if abs(derived - float(r)) > tol:
            yield Hit(
                start=m.start("r"),
                end=m.end("s"),
                message=f"比值有误：{p.group('a')}{p.group('au')}与{p.group('b')}{p.group('bu')}之比约为{_fmt(derived)}:{m.group('s')}，与“{m.group('r')}:{m.group('s')}”不符",
                severity="warning",
                related=[(None, p.start("a"), p.end("bu"))],
            )


def check(ctx: ArticleContext):
    text = ctx.text
    if "倍" in text or "%" in text or "番" in text or "百分点" in text:
        yield from _from_to(text)
    if "倍" in text:
        yield from _compare(text)
    if ":" in text or "：" in text:
        yield from _ratios(text)


RULES = [
    Rule(
        id="number.ratio_arithmetic",
        category="number",
        severity="error",
        title="倍数、增幅或比值与文中数字不符",
        title_en="Multiple, growth or ratio does not match the figures",
        messages=(
            Msg(
                "数字计算有误：从{a}到{b}，增加量是原数的{k}倍（是原来的{times}倍）；“增长{stated}倍”应为“增长{k2}倍”或“增至{stated2}倍”，与“{claim}”不符",
                "Arithmetic error: from {a} to {b} the increase is {k} times the original ({times} times as much); “增长{stated}倍” should be “增长{k2}倍” or “增至{stated2}倍”; the text says “{claim}”",
            ),
            Msg(
                "数字计算有误：从{a}到{b}，增加量是原数的{k}倍（是原来的{times}倍），与“{claim}”不符",
                "Arithmetic error: from {a} to {b} the increase is {k} times the original ({times} times as much); the text says “{claim}”",
            ),
            Msg(
                "数字计算有误：从{a}到{b}，增幅为{pct}%，与“{claim}”不符",
                "Arithmetic error: from {a} to {b} is a rise of {pct}%; the text says “{claim}”",
            ),
            Msg(
                "数字计算有误：从{a}到{b}，降幅为{pct}%，与“{claim}”不符",
                "Arithmetic error: from {a} to {b} is a fall of {pct}%; the text says “{claim}”",
            ),
            Msg(
                "数字计算有误：从{a}%到{b}%，相差{pts}个百分点，与“{claim}”不符",
                "Arithmetic error: from {a}% to {b}% is a difference of {pts} percentage points; the text says “{claim}”",
            ),
            Msg(
                "数字计算有误：从{a}到{b}是原来的{times}倍，与“{claim}”不符",
                "Arithmetic error: from {a} to {b} is {times} times as much; the text says “{claim}”",
            ),
            Msg(
                "数字计算有误：翻{fan}番是原来的{times}倍，而从{a}到{b}是{derived}倍",
                "Arithmetic error: “翻{fan}番” means {times} times as much, but from {a} to {b} is {derived} times",
            ),
            Msg(
                "数字计算有误：按文中数字（{x}、{y}），{x_name}比{y_name}多{k}倍，与“{claim}”不符",
                "Arithmetic error: by the figures in the text (“{x}”, “{y}”), “{x_name}” is {k} times more than “{y_name}”; the text says “{claim}”",
            ),
            Msg(
                "数字计算有误：按文中数字（{x}、{y}），{x_name}是{y_name}的{k}倍，与“{claim}”不符",
                "Arithmetic error: by the figures in the text (“{x}”, “{y}”), “{x_name}” is {k} times “{y_name}”; the text says “{claim}”",
            ),
            Msg(
                "从{a}%到{b}%相差{pts}个百分点，相对变化为{rel}%；此处应为“{stated}个百分点”",
                "From {a}% to {b}% is a difference of {pts} percentage points, a relative change of {rel}%; this should read “{stated}个百分点”",
            ),
            Msg(
                "比值有误：{a}与{b}之比约为{derived}:{s}，与“{r}:{s}”不符",
                "Wrong ratio: “{a}” to “{b}” is about {derived}:{s}, not “{r}:{s}”",
            ),
        ),
        explanation=(
            "文中同时给出基数、结果和倍数（或增幅、比值）时，三者应能互相验证。"
            "“增长N倍”指增加量是原数的N倍（结果为原数的N+1倍），“是原来的N倍”“增至N倍”指结果为原数的N倍；"
            "“翻一番”为原来的2倍。按所写精度（末位数字的半个单位）核对，“近”“约”“超”按其含义放宽。"
            "依据：《现代汉语词典》（第7版）“倍”“番”条；GB/T 15835-2011《出版物上数字用法》；"
            "《出版物编校质量差错认定细则》关于计算错误的规定。"
        ),
        must_flag=(
            "甲地产值80亿元、乙地40亿元，甲地是乙地的3倍。",
            "企业数量从50家增至150家，增长近3倍。",
            "示范点从2021年的300个增加到900个，增长3倍。",
            "营业收入从20亿元增加到60亿元，增长3倍。",
            "企业由120家增至180家，同比增长60%。",
            "用户规模从200万户增加至460万户，是原来的3倍。",
            "覆盖率从35%提高到42%，提高了9个百分点。",
            "城乡居民收入分别为6.4万元、4.2万元，城乡居民收入比为1.7:1。",
        ),
        must_pass=(
            "企业数量从50家增至150家，增长2倍。",
            "企业数量从50家增至150家，是原来的3倍。",
            "专精特新企业从92家增至229家，增长近1.5倍。",
            "产值从40亿元增至100亿元，增长1.5倍。",
            "产值从2019年的40亿元增加到2023年的100亿元，增长1.5倍。",
            "企业由120家增至180家，同比增长50%。",
            "投资额从3.2亿元增长到4.1亿元，增长28%。",
            "研发人员从1200人增加到2500人，增长超1倍。",
            "覆盖率从35%提高到42%，提高了7个百分点。",
            "城乡居民收入分别从2.4万元、1.1万元增加至6.88万元、4.3万元，城乡居民收入比1.6:1。",
            "野生鸟类从50只增加到300多只，增长约5倍。",
            "入境外商36.1万人，是去年同期的9倍。",
            "甲地产值80亿元、乙地40亿元，甲地是乙地的2倍。",
            "产值从1亿元增至4亿元，翻了两番。",
        ),
        func=check,
    )
]
