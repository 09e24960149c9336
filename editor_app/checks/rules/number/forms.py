"""How numbers are written: full-width digits, year forms, approximations, 3千.

* number.fullwidth_digits — １２.８万 → 12.8万, 12％ → 12%;
* number.year_form — 二零二二年 → 二〇二二年; 98年毕业 → 1998年毕业
  (quantities such as 三千零五十二, 30年来, 80年代 are not years);
* number.approximation — 三、五天 → 三五天; 20几 → 二十几; 约500人左右
  (二、三产业, 一、二等奖, 第一、二季度 are exact and keep the 顿号);
* number.mixed_numerals — 3千人 → 3000人 (3千米 and 5千克 are units; 万 and 亿 are fine).
"""

from __future__ import annotations

import re

from editor_app.checks.core import ArticleContext, Hit, Rule
from editor_app.checks.messages import Msg
from editor_app.checks.numerals import format_number, int_to_cn, parse_decimal
from editor_app.checks.textutil import to_halfwidth

# -- full-width digits -------------------------------------------------------
FW_RE = re.compile(r"[０-９]+(?:[．.][０-９]+)*[％%]?|(?<=[0-9])％")


FW_ANY_RE = re.compile("[０-９％]")


def _fullwidth(ctx: ArticleContext):
    text = ctx.text
    if not FW_ANY_RE.search(text):
        return
    for m in FW_RE.finditer(text):
        fixed = to_halfwidth(m.group()).replace("．", ".")
        yield Hit(
            start=m.start(),
            end=m.end(),
            message=f"数字和百分号应使用半角形式：“{m.group()}”应为“{fixed}”",
            suggestion=fixed,
        )


# -- years -------------------------------------------------------------------
# (regexes start with a class, not a look-behind, for a fast scan; the character
# before a match is checked in Python)
YEAR_CN_RE = re.compile(r"(?P<y>[一二][零〇○OＯ0一二三四五六七八九]{3})年")
YEAR_CN_NOT_AFTER = set("零〇○一二两三四五六七八九十百千万亿")
YEAR_SHORT_NOT_AFTER = set("0123456789.０１２３４５６７８９-/’'")
YEAR_SHORT_RE = re.compile(
    r"(?P<yy>[0-9]{2})年"
    r"(?=(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})月|毕业|入学|出生|参军|入伍|入党|参加工作|高考|"
    r"年初|年底|年末|初|底|末|春|夏|秋|冬)"
)
# weaker cues (98年开始, 05年起): only for figures that cannot be a number of years
YEAR_SHORT_WEAK_RE = re.compile(r"(?P<yy>[0-9]{2})年(?=开始|起|时(?!间|期|代)|那年|前后)")
YEAR_SHORT_BAD_BEFORE = re.compile(
    "(?:近|约|多|这|那|了|过|用|历时|历经|经过|第|每|数|前|后|达|逾|超|余|的|连续|长达|整整)$"
)


def _year_form(ctx: ArticleContext):
    text = ctx.text
    if "年" not in text:
        return
    for m in YEAR_CN_RE.finditer(text):
        if m.start() > 0 and text[m.start() - 1] in YEAR_CN_NOT_AFTER:
            continue
        y = m.group("y")
        if not re.search("[零○OＯ0]", y):
            continue
        fixed = re.sub("[零○OＯ0]", "〇", y)
        yield Hit(
            start=m.start("y"),
            end=m.end("y"),
            message=f"汉字数字年份中的“0”应写作“〇”：“{y}年”应为“{fixed}年”",
            suggestion=fixed,
            severity="error",
        )
    weak = [
        m
        for m in YEAR_SHORT_WEAK_RE.finditer(text)
        if m.group("yy") >= "40" or m.group("yy")[0] == "0"
    ]
    for m in sorted([*YEAR_SHORT_RE.finditer(text), *weak], key=lambda x: x.start()):
        if m.start() > 0 and text[m.start() - 1] in YEAR_SHORT_NOT_AFTER:
            continue
        if YEAR_SHORT_BAD_BEFORE.search(text[max(0, m.start() - 3) : m.start()]):
            continue
        yy = int(m.group("yy"))
        full = f"{'20' if yy <= 30 else '19'}{m.group('yy')}"
        yield Hit(
            start=m.start("yy"),
            end=m.end("yy"),
            message=f"年份不应简写：“{m.group('yy')}年”应写全，如“{full}年”",
            suggestion=full,
            severity="warning",
        )


# -- approximations ------------------------------------------------------------
APPROX_PAIR_NOT_AFTER = set("第一二三四五六七八九十百千万零〇")
APPROX_PAIR_RE = re.compile(
    r"(?P<a>[一二三四五六七八九])、(?P<b>[一二三四五六七八九十])"
    r"(?P<m>十|百|千|万|天|日|个|年(?!级)|岁|人|次|回|遍|里|米|公里|名|件|户|家|分钟|小时|周|倍|成|句|步|张|本|斤|尺|寸|层)"
)
AR_JI_RE = re.compile(r"(?<![0-9.])(?P<n>[0-9]{1,4})几")  # only run when 几 occurs
YUE_ZUOYOU_RE = re.compile(
    r"(?P<pre>大约|约|近|大概)(?P<body>[^，,。；;：:！？!?、\n约]{1,12}?)(?P<post>左右|上下)"
)
CN_DIGIT_VAL = {c: i for i, c in enumerate("零一二三四五六七八九")}
CN_DIGIT_VAL["十"] = 10


def _approximation(ctx: ArticleContext):
    text = ctx.text
    pairs = APPROX_PAIR_RE.finditer(text) if "、" in text else ()
    for m in pairs:
        if m.start() > 0 and text[m.start() - 1] in APPROX_PAIR_NOT_AFTER:
            continue
        a, b = CN_DIGIT_VAL[m.group("a")], CN_DIGIT_VAL[m.group("b")]
        if b <= a or b - a > 2:
            continue
        # part of an enumeration of ordinals (一、二、三、四) -> not an approximation
        if re.match(r"、[一二三四五六七八九十]", text[m.end("b") : m.end("b") + 2]):
            continue
        yield Hit(
            start=m.start("a"),
            end=m.end("b"),
            message=f"相邻数字连用表示概数，中间不用顿号：“{m.group('a')}、{m.group('b')}{m.group('m')}”应为“{m.group('a')}{m.group('b')}{m.group('m')}”",
            suggestion=m.group("a") + m.group("b"),
        )
    for m in AR_JI_RE.finditer(text) if "几" in text else ():
        n = int(m.group("n"))
        if n == 0 or n % 10:
            continue  # 20几, 300几: only round tens take 几
        yield Hit(
            start=m.start(),
            end=m.end(),
            message=f"带“几”的概数应使用汉字数字：“{m.group()}”应为“{int_to_cn(n)}几”",
            suggestion=int_to_cn(n) + "几",
        )
    for m in YUE_ZUOYOU_RE.finditer(text) if ("左右" in text or "上下" in text) else ():
        body = m.group("body")
        if not re.search(r"[0-9一二三四五六七八九十百千万亿两]", body):
            continue
        yield Hit(
            start=m.start(),
            end=m.end(),
            message=f"“{m.group('pre')}”与“{m.group('post')}”语义重复，保留其一",
            suggestion=m.group("pre") + body,
            severity="warning",
        )


# -- 3千人 ----------------------------------------------------------------------
MIXED_ANY_RE = re.compile("[0-9][十百千]")
MIXED_RE = re.compile(
    r"(?<![0-9.,A-Za-z])(?P<n>[0-9]+(?:\.[0-9]+)?)(?P<u>[十百千])"
    r"(?!米|克|瓦|伏|帕|卡|焦|赫|兆|字节|位|分之|分点|分比|分率)"
)
MULT = {"十": 10, "百": 100, "千": 1000}


def _mixed(ctx: ArticleContext):
    text = ctx.text
    if not MIXED_ANY_RE.search(text):
        return
    for m in MIXED_RE.finditer(text):
        v = parse_decimal(m.group("n"))
        if v is None:
            continue
        value = v * MULT[m.group("u")]
        if value != value.to_integral_value():
            continue
        fixed = format_number(value)
        yield Hit(
            start=m.start(),
            end=m.end(),
            message=f"阿拉伯数字不与“十、百、千”连用：“{m.group()}”应为“{fixed}”",
            suggestion=fixed,
        )


RULES = [
    Rule(
        id="number.fullwidth_digits",
        category="number",
        severity="error",
        title="数字或百分号使用了全角形式",
        title_en="Full-width digits or percent sign",
        messages=(
            Msg(
                "数字和百分号应使用半角形式：“{wrong}”应为“{right}”",
                "Digits and the percent sign are half-width: “{wrong}” should be “{right}”",
            ),
        ),
        explanation=(
            "GB/T 15835-2011《出版物上数字用法》：阿拉伯数字使用半角形式（如12.8万，不写作１２.８万）；"
            "百分号亦用半角“%”。中文正文中全角数字多由输入法或排版转换带入。"
        ),
        must_flag=("全年接待游客１２.８万人次。", "占比达到35％。", "新增２家企业。"),
        must_pass=("全年接待游客12.8万人次。", "占比达到35%。", "第一季度增长明显。"),
        func=_fullwidth,
        bulk_fixable=True,
    ),
    Rule(
        id="number.year_form",
        category="number",
        severity="error",
        title="年份写法不规范",
        title_en="Year written in a non-standard form",
        messages=(
            Msg(
                "汉字数字年份中的“0”应写作“〇”：“{wrong}”应为“{right}”",
                "A zero in a year written in Chinese numerals is “〇”: “{wrong}” should be “{right}”",
            ),
            Msg(
                "年份不应简写：“{short}”应写全，如“{full}”",
                "Do not shorten years: write “{short}” in full, e.g. “{full}”",
            ),
        ),
        explanation=(
            "GB/T 15835-2011《出版物上数字用法》：用汉字数字书写年份时，“0”写作“〇”，不写作“零”“○”或阿拉伯数字“0”"
            "（二〇二二年）；年份一般不简写，“98年”应写作“1998年”。"
            "数量中的“零”（三千零五十二）、年数（30年来）和年代（80年代）不是年份。"
        ),
        must_flag=(
            "二零二二年，全省经济稳步回升。",
            "他98年毕业于浙江大学。",
            "二○一九年开始实施。",
            "21年3月项目开工。",
            "老张86年开始学木雕。",
        ),
        must_pass=(
            "二〇二二年，全省经济稳步回升。",
            "共计三千零五十二人参加。",
            "改革开放30年来，城乡面貌巨变。",
            "他出生于80年代。",
            "他1998年毕业于浙江大学。",
            "经过10年发展，规模翻番。",
            "连续20年春节坚守岗位。",
            "新中国成立75年来，面貌巨变。",
            "坚持20年开始见效。",
        ),
        func=_year_form,
    ),
    Rule(
        id="number.approximation",
        category="number",
        severity="error",
        title="概数写法不规范",
        title_en="Approximate number written in a non-standard form",
        messages=(
            Msg(
                "相邻数字连用表示概数，中间不用顿号：“{wrong}”应为“{right}”",
                "Adjacent numbers giving an approximation take no enumeration comma: “{wrong}” should be “{right}”",
            ),
            Msg(
                "带“几”的概数应使用汉字数字：“{wrong}”应为“{right}”",
                "An approximation with “几” is written in Chinese numerals: “{wrong}” should be “{right}”",
            ),
            Msg(
                "“{pre}”与“{post}”语义重复，保留其一",
                "“{pre}” and “{post}” say the same thing; keep one of them",
            ),
        ),
        explanation=(
            "GB/T 15835-2011《出版物上数字用法》：相邻的两个数字连用表示概数，用汉字数字，中间不用顿号（三五天，不写作三、五天）；"
            "带“几”的概数用汉字数字（二十几，不写作20几）。“约”与“左右”同用语义重复。"
            "二、三产业，一、二等奖，第一、二季度是确数，保留顿号。"
        ),
        must_flag=(
            "每次培训三、五天。",
            "现场来了20几个人。",
            "约500人左右参加活动。",
            "相距七、八公里。",
        ),
        must_pass=(
            "大力发展二、三产业。",
            "设一、二等奖若干名。",
            "第一、二季度增长较快。",
            "每次培训三五天。",
            "现场来了二十几个人。",
            "约500人参加活动。",
            "新增科技型企业4200家左右。",
            "分为一、二、三类区域。",
            "三、四年级学生参加。",
        ),
        func=_approximation,
    ),
    Rule(
        id="number.mixed_numerals",
        category="number",
        severity="error",
        title="阿拉伯数字与“十、百、千”混用",
        title_en="Arabic digits mixed with “十”, “百”, “千”",
        messages=(
            Msg(
                "阿拉伯数字不与“十、百、千”连用：“{wrong}”应为“{right}”",
                "Arabic digits are not combined with “十”, “百”, “千”: “{wrong}” should be “{right}”",
            ),
        ),
        explanation=(
            "GB/T 15835-2011《出版物上数字用法》：阿拉伯数字可与“万”“亿”连用（3万、12亿），"
            "但不与“十”“百”“千”连用，“3千人”应写作“3000人”。“千米”“千克”“千瓦”等是计量单位，不在此列。"
        ),
        must_flag=(
            "活动吸引3千人参加。",
            "总投资5千万元。",
            "新建绿道1.5千米，服务1.5千人。",
            "发放补贴2百万元。",
        ),
        must_pass=(
            "活动吸引3000人参加。",
            "步道全长3千米。",
            "每箱重5千克。",
            "装机容量8千瓦。",
            "总投资3万元、12亿元。",
            "覆盖三千多名群众。",
        ),
        func=_mixed,
    ),
]
