"""Single-mark rules of GB/T 15834-2011: repeated marks, the enumeration comma
between quoted or titled items, ellipses, dashes and the interpunct."""

from __future__ import annotations

import re
from collections.abc import Iterator

from editor_app.checks.core import ArticleContext, Hit, Rule
from editor_app.checks.messages import Msg

from ..script._zh import HAN, HAN_RE, KANA_RE, ZH_PUNCT_CORE

SPACES = " \t"


def _strong(ch: str) -> bool:
    return bool(ch) and (ch in ZH_PUNCT_CORE or ch in "“”‘’" or HAN_RE.match(ch) is not None)


def _left(text: str, i: int) -> str:
    j = i
    while j > 0 and text[j - 1] in SPACES:
        j -= 1
    return text[j - 1] if j > 0 and text[j - 1] != "\n" else ""


def _right(text: str, i: int) -> str:
    j = i
    while j < len(text) and text[j] in SPACES:
        j += 1
    return text[j] if j < len(text) and text[j] != "\n" else ""


# -- punctuation.repeated ------------------------------------------------------
REPEAT_RE = re.compile(r"[，。、；：？！,;]{2,}")
QE = frozenset("？！")


def find_repeated(ctx: ArticleContext) -> Iterator[Hit]:
    text = ctx.text
    for m in REPEAT_RE.finditer(text):
        run = m.group()
        if set(run) <= QE:
            if len(run) <= 3:
                continue  # ？？ ！！ ？！ may be used up to three together
            yield Hit(m.start(), m.end(), f"问号、叹号叠用不宜超过三个：“{run}”")
            continue
        if set(run) == {"。"} and len(run) >= 3:
            continue  # 。。。 for an ellipsis: punctuation.ellipsis_etc
        if run.isascii() and not HAN_RE.match(_left(text, m.start()) or " "):
            continue  # ,, between Latin words or numbers
        if len(set(run)) == 1:
            yield Hit(m.start(), m.end(), f"标点“{run[0]}”重复", suggestion=run[0])
        else:
            yield Hit(m.start(), m.end(), f"标点连用“{run}”，应只保留一个")


# -- punctuation.enumeration_comma ---------------------------------------------
ENUM_RE = re.compile(r"”、“|》、《")
CONJ = frozenset("与和及同跟对或")
# after the second item: the list goes on or ends (not 头脑风暴 in “上市之路”头脑风暴)
AFTER_OK = frozenset("等和及与或的是为两三四五六七八九十几多各")


def _compound_before(text: str, close: int, opener: str) -> bool:
    """“事”与“理”、…: the item before the 顿号 is itself a pair of quoted terms."""
    o = text.rfind(opener, 0, close)
    return o >= 2 and text[o - 1] in CONJ and text[o - 2] in "”》"


def find_enumeration_comma(ctx: ArticleContext) -> Iterator[Hit]:
    text = ctx.text
    for m in ENUM_RE.finditer(text):
        close, opener_next = m.group()[0], m.group()[2]
        opener = "“" if close == "”" else "《"
        i = m.start()
        end_next = text.find(close, m.end())
        nl = text.find("\n", m.end())
        if end_next < 0 or (0 <= nl < end_next):
            continue
        after = text[end_next + 1] if end_next + 1 < len(text) else ""
        if HAN_RE.match(after or " ") and after not in AFTER_OK:
            continue  # the quoted term begins a longer item
        if _compound_before(text, i, opener):
            continue
        what = "引号" if close == "”" else "书名号"
        yield Hit(
            i,
            m.end(),
            f"并列的{what}成分之间通常不用顿号，删去顿号",
            suggestion=close + opener_next,
        )


# -- punctuation.ellipsis_etc ----------------------------------------------------
ETC_RE = re.compile(r"等等|等(?![到待候着于同级次量号])")  # not 等到, 等待, 等于 ...
ELLIPSIS_END_RE = re.compile(r"(?:…+|\.{3,6}|。{3,}|·{3,6})[ \t]*$")
# literal-led patterns (fast); a run of … is judged by its length
FAKE_ELLIPSIS = (
    (".", re.compile(r"\.{3,}")),
    ("。", re.compile(r"。{3,}")),
    ("·", re.compile(r"·{3,}")),
    ("…", re.compile(r"…+")),
)
LEADER_RE = re.compile(r"[ \t.·]*\d+[ \t]*$", re.M)


def find_ellipsis(ctx: ArticleContext) -> Iterator[Hit]:
    text = ctx.text
    taken: set[int] = set()
    if "等" in text:
        for m in ETC_RE.finditer(text):
            e = ELLIPSIS_END_RE.search(text, max(0, m.start() - 12), m.start())
            if e is None or not _strong(_left(text, e.start())):
                continue
            taken.add(e.start())
            yield Hit(
                e.start(),
                m.end(),
                f"省略号和“{m.group()}”不能同时使用，删去省略号",
                suggestion=m.group(),
            )
    for lead, rx in FAKE_ELLIPSIS:
        if lead * (1 if lead == "…" else 3) not in text:
            continue
        for m in rx.finditer(text):
            run = m.group()
            if m.start() in taken:
                continue
            if lead == "…" and len(run) != 1:
                continue  # …… is right; an odd number of … is left alone
            if lead in ".·":
                if len(run) not in (3, 6) or LEADER_RE.match(text, m.end()):
                    continue  # table-of-contents leaders, not an ellipsis
            if not (_strong(_left(text, m.start())) or _strong(_right(text, m.end()))):
                continue  # English text...
            yield Hit(
                m.start(),
                m.end(),
                f"省略号应为“……”（六个点，占两个字位置），不用“{run}”",
                suggestion="……",
            )


# -- punctuation.dash --------------------------------------------------------------
DOUBLE_RE = re.compile(r"(?<![-－―])(?:--|－－|――)(?![-－―])")
DASH_RUN_RE = re.compile("—+")
SENTENCE_MARKS = frozenset("，。；：！？、")


def find_dash(ctx: ArticleContext) -> Iterator[Hit]:
    text = ctx.text
    if "-" in text or "－" in text or "―" in text:
        for m in DOUBLE_RE.finditer(text):
            if _strong(_left(text, m.start())) or _strong(_right(text, m.end())):
                yield Hit(m.start(), m.end(), f"破折号应为“——”，不用“{m.group()}”", suggestion="——")
    if "—" not in text:
        return
    for m in DASH_RUN_RE.finditer(text):
        if m.end() - m.start() != 1:
            continue
        i = m.start()
        before = text[i - 1] if i > 0 else "\n"
        after = text[i + 1] if i + 1 < len(text) else "\n"
        at_end = after == "\n" and (_strong(before) and before not in SENTENCE_MARKS)
        at_start = before == "\n" and HAN_RE.match(after or " ") is not None
        by_mark = before in SENTENCE_MARKS or after in SENTENCE_MARKS
        after_quote = before in "”’" and HAN_RE.match(after or " ") is not None
        if at_end or at_start or by_mark or after_quote:
            yield Hit(
                i, i + 1, "此处一字线“—”应为破折号“——”（一字线只用作连接号）", suggestion="——"
            )


# -- punctuation.interpunct --------------------------------------------------------
INTERPUNCT_RE = re.compile(f"(?<=[{HAN}])[•・．‧∙･●](?=[{HAN}])")


def find_interpunct(ctx: ArticleContext) -> Iterator[Hit]:
    text = ctx.text
    if not any(c in text for c in "•・．‧∙･●"):
        return
    for m in INTERPUNCT_RE.finditer(text):
        ps = text.rfind("\n", 0, m.start()) + 1
        pe = text.find("\n", m.end())
        if KANA_RE.search(text, ps, pe if pe >= 0 else len(text)):
            continue  # Japanese text keeps its own marks
        yield Hit(
            m.start(),
            m.end(),
            f"间隔号应为“·”，不用“{m.group()}”（U+{ord(m.group()):04X}）",
            suggestion="·",
        )


RULES = [
    Rule(
        id="punctuation.repeated",
        category="punctuation",
        severity="error",
        title="标点重复",
        title_en="Repeated punctuation",
        messages=(
            Msg(
                "问号、叹号叠用不宜超过三个：“{run}”",
                "No more than three question or exclamation marks together: “{run}”",
            ),
            Msg(
                "标点“{mark}”重复",
                "Punctuation mark “{mark}” repeated",
            ),
            Msg(
                "标点连用“{run}”，应只保留一个",
                "Punctuation marks “{run}” together; keep only one",
            ),
        ),
        explanation=(
            "同一位置不应连用两个点号（，， 。。 ，。 、、）。"
            "问号、叹号为加强语气可以叠用，但最多三个（GB/T 15834-2011，4.3.3.3、4.4.3.4）。"
        ),
        must_flag=(
            "我们要坚持，，继续前进。",
            "会议结束了。。",
            "他说，。然后走了",
            "语文、、数学",
            "真的吗？？？？",
        ),
        must_pass=("这是真的吗？？", "太好了！！！", "你怎么能这样？！", "此事……", "共有1,258家。"),
        func=find_repeated,
    ),
    Rule(
        id="punctuation.enumeration_comma",
        category="punctuation",
        # info: the standard says 通常不用, and edited official prose keeps the 顿号
        # (“一国两制”、“港人治港” in the government work reports)
        severity="info",
        title="引号、书名号之间的顿号",
        title_en="Enumeration comma between quoted items or titles",
        messages=(
            Msg(
                "并列的{what}成分之间通常不用顿号，删去顿号",
                "Items in {what} usually take no enumeration comma “、” between them; delete it",
            ),
        ),
        terms_en={
            "引号": "quotation marks",
            "书名号": "title marks",
        },
        explanation=(
            "标有引号的并列成分之间、标有书名号的并列成分之间通常不用顿号；"
            "若有其他成分插在并列的引号或书名号之间（如括注），宜用顿号（GB/T 15834-2011，4.5.3.5）。"
            "“通常”不是“必须”，正式文件也常保留顿号，所以只作提示。"
        ),
        must_flag=(
            "开展“面对面”、“上市之路”等活动",
            "阅读《论语》、《孟子》和《大学》",
            "“两山”、“八八战略”的要求",
        ),
        must_pass=(
            "开展“面对面”“上市之路”等活动",
            "“渐修”（注）、“顿悟”",
            "《论语》（节选）、《孟子》",
            "句中“事”与“理”、“渐修”与“顿悟”既相辅相成",
            "企业家科学家“面对面”、“上市之路”头脑风暴等主题活动",
            "省级“保特大”、市级“保重大”",
        ),
        func=find_enumeration_comma,
    ),
    Rule(
        id="punctuation.ellipsis_etc",
        category="punctuation",
        severity="warning",
        title="省略号用法",
        title_en="Ellipsis usage",
        messages=(
            Msg(
                "省略号和“{word}”不能同时使用，删去省略号",
                "An ellipsis and “{word}” do not go together; delete the ellipsis",
            ),
            Msg(
                "省略号应为“……”（六个点，占两个字位置），不用“{run}”",
                "The ellipsis is “……” (six dots, two characters wide), not “{run}”",
            ),
        ),
        explanation=(
            "省略号为“……”（六个点），标示列举省略时，后面不再用“等”“等等”"
            "（GB/T 15834-2011，4.11.3.5）；不用“...”“。。。”代替省略号。"
            "英文中的省略号和目录中的引导点不在此列。"
        ),
        must_flag=(
            "种植了大豆、玉米……等作物",
            "种植了大豆、玉米......等作物",
            "他想了想......然后离开了",
            "我们。。。还是走吧",
            "滚铁环、舞醒狮、射五毒…孩子们也在游玩中",
        ),
        must_pass=(
            "种植了大豆、玉米等作物",
            "滚铁环、舞醒狮、射五毒……孩子们也在游玩中",
            "He paused... and left.",
            "第一章 总则..........1",
            "大家一直努力……等到明年再看",
            "圆周率3.14159",
        ),
        func=find_ellipsis,
    ),
    Rule(
        id="punctuation.dash",
        category="punctuation",
        severity="warning",
        title="破折号与连接号",
        title_en="Dashes and hyphens",
        messages=(
            Msg(
                "破折号应为“——”，不用“{run}”",
                "The dash is “——”, not “{run}”",
            ),
            Msg(
                "此处一字线“—”应为破折号“——”（一字线只用作连接号）",
                "The short dash “—” here should be the dash “——” (the short dash only connects)",
            ),
        ),
        explanation=(
            "破折号为“——”（两个字位置）；一字线“—”是连接号，用于标示起止、"
            "相关项目的连接（北京—上海，1881—1936）（GB/T 15834-2011，4.9、4.13）。"
            "用“--”或单个“—”表示解释说明、话题转换是错误用法。"
        ),
        must_flag=(
            "这就是我们的目标--建设共同富裕示范区",
            "“嘉兴端午·中国味道”—这张名片越擦越亮",
            "健全工作体系—\n加强统筹协调",
            "—浙江大力推进制造业高质量发展综述",
        ),
        must_pass=(
            "北京—上海高速铁路",
            "鲁迅（1881—1936）",
            "有一套数字系统——产业项目协同指挥平台",
            "“城市—园区—企业”多层次协同",
            "今年1—4月",
            "锚定“先进性+世界级”——\n深入实施",
            "型号DS-2CD3T",
        ),
        func=find_dash,
    ),
    Rule(
        id="punctuation.interpunct",
        category="punctuation",
        severity="warning",
        title="间隔号",
        title_en="Interpunct",
        messages=(
            Msg(
                "间隔号应为“·”，不用“{mark}”（U+{code}）",
                "The interpunct is “·”, not “{mark}” (U+{code})",
            ),
        ),
        explanation=(
            "外国人名、少数民族人名内各部分的分界，书名与篇（章、卷）名之间的分界等，"
            "用间隔号“·”（GB/T 15834-2011，4.15）；不用“•”“・”“．”“●”。"
        ),
        must_flag=("马克思•恩格斯", "列奥纳多・达・芬奇", "《周礼．冬官考工记》", "阿卜杜拉●艾力"),
        must_pass=(
            "马克思·恩格斯",
            "• 第一条",
            "東京・銀座にあるビル",
            "1．加强监管",
            "● 打造城乡融合示范区",
        ),
        func=find_interpunct,
    ),
]
