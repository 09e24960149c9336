"""number.enumeration_count: the count stated for a list differs from the items listed.

Forward lists (``语文、数学、英语4门课``, ``钢、铁、铜、铝等三大行业``) and lists
announced by their count (``三大行动，即A、B和C``; ``四大部件——A、B、C、D``).

How items are counted, precision first:

* items are separated by 、 (and by nothing between quoted items “A”“B”);
  brackets and quotations are masked first, so 、 and ， inside them do not split;
* 和/及/以及/与 split only the *last* item, and only as a possibility: the
  count is compared with a range [min, max] and a count inside the range is fine
  (资源与碳排放 may be one item);
* a list whose items carry quantities (…9家、省级129家) is not an enumeration;
* "more items than stated" is judged on the shortest plausible list (a middle
  item holding a clause verb restarts the list: A市、B市新增C、D 2个);
* "fewer items than stated" is flagged only when the list is closed: no 等, or
  等 after a last item joined by 和/及/以及. ``A、B等5个`` stays silent;
  a joiner inside the *first* item may add one more (全国政协机关和广东、四川
  3个会场; 乌梁素海与呼伦湖、岱海三个湖泊);
* a forward count must follow its last item closely: a last item longer than
  ``LAST_ITEM_MAX`` characters holds a clause (运动员、记者和观众得以方便地穿梭
  两地), and 两国/两地/两岸 name the two parties of a text, not a list
  (增进乌中友谊、巩固相互信任、深化两国合作).
"""

from __future__ import annotations

import bisect
import re

from editor_app.checks.core import ArticleContext, Hit, Rule
from editor_app.checks.messages import Msg
from editor_app.checks.numerals import parse_int, same_style
from editor_app.checks.textutil import bracket_spans, inside_span, masked

MEASURES = "方面|环节|领域|维度|板块|区块|大|个|项|类|种|家|条|张|支|批|场|座|门|所|位|名|件|部|篇|本|次|届|轮|级|层|块|组|套|款|只|道|路|链|化|地|省|市|县|区|国|村|镇|片"
COUNT_RE = re.compile(
    r"(?P<deng>等)?(?P<q>[“\"])?(?P<num>[0-9]{1,2}|[一二两三四五六七八九十]{1,3})(?P<mw>"
    + MEASURES
    + ")(?!百分点|月|小时|工作日|季度|星期|世纪|点|倍)"
)
# a list whose last item ends in one of these is followed by a quantity, not a count
# (投资、消费增长3个百分点; 甲、乙各有2家)
QUANTITY_VERB_RE = re.compile(
    "(?:增长|提高|下降|增加|减少|达|达到|超过|超|为|是|占|约|共|累计|共计|合计|有|各|均|完成|"
    "新增|引进|培育|建成|创建|实施|推出|组建|获得|拥有|突破)$"
)
# count announcing a list that follows: 三大行动”，即 / 四大关键部件——
REVERSE_TAIL_RE = re.compile(r"[\u4e00-\u9fff“”]{0,10}?[”\"]?(?:，即|,即|即|：|:|——)")

BOUND = set("，,；;：:。！？!?\n")
PREFIX_BAD = set("0123456789.零〇一二两三四五六七八九十百千万亿几数多余近约超逾第")
BEFORE_BAD = set("和及与或、")
# a middle item holding one of these restarts the list (for the "more items" test)
CLAUSE_VERB_RE = re.compile(
    "(新增|入选|包括|包含|涵盖|覆盖|形成|建成|实现|完成|成为|拥有|获得|获评|设立|建立|组建|"
    "引进|推出|出台|发布|开展|实施|推进|推动|打造|举办|位居|分别|共有|共计|累计|其中|还有)"
)
QTY_RE = re.compile(
    r"[0-9]+(?:\.[0-9]+)?[ ]?(?:个|项|家|名|人|亿|万|%|条|座|批|场|张|种|类|所|件|次|倍|米|亩|吨|元|省|市|县|区)"
    r"|[一二两三四五六七八九十]+(?:个|项|家|名|条|座|批|种|类)"
)
JOINER_RE = re.compile("以及|和|及|与")
QTY_LIST_AFTER_RE = re.compile(
    r"[\u4e00-\u9fff]{0,4}[、，,]\s*(?:[0-9]|[一二两三四五六七八九十]+[个项家名条座批种类])"
)
NOT_JOINER = re.compile(
    "和平|和谐|和美|和睦|和解|总和|饱和|缓和|温和|柔和|共和|和煦|随和|调和|讲和|"
    "以及时|及时|涉及|普及|波及|危及|顾及|惠及|触及|及早|及格|不及|来不及|及其|"
    "参与|与会|与否|给与|赋与|与时俱进|与日俱增"
)
CLOSING_JOINERS = ("和", "及", "以及")
LAST_ITEM_MAX = 7  # characters between the last 、 and a forward count
PAIR_MEASURES = ("国", "地", "岸")  # 两国, 两地, 两岸: the two parties, not a list


def _split_items(region: str) -> list[tuple[int, int]]:
    """Item spans in a masked region: split on 、 and between adjacent quotations."""
    spans: list[tuple[int, int]] = []
    start = 0
    i = 0
    n = len(region)
    while i < n:
        ch = region[i]
        if ch == "、":
            spans.append((start, i))
            start = i + 1
        elif ch in "”》" and i + 1 < n and region[i + 1] in "“《":
            spans.append((start, i + 1))
            start = i + 1
        i += 1
    spans.append((start, n))
    return spans


def _joiner_split(item: str) -> str | None:
    """The joiner that splits ``item`` into two items, if any (not at its edges)."""
    for m in JOINER_RE.finditer(item):
        if m.start() == 0 or m.end() >= len(item):
            continue
        ctx = item[max(0, m.start() - 2) : m.end() + 2]
        if NOT_JOINER.search(ctx):
            continue
        return m.group()
    return None


def _analyse(items: list[str], reverse: bool) -> tuple[int, int, str | None, int]:
    """(min items, max items, closing joiner, min items after a restart).

    A forward list may have swallowed a clause before it (restart at a middle
    item holding a clause verb); a list after its count ends in the predicate
    (隔膜已形成…), so there only the joiner matters.
    """
    n = len(items)
    joiner = _joiner_split(items[-1])
    lo, hi = n, n + (1 if joiner else 0)
    # 和/及/以及 before the last item usually closes the list (A、B、C和D: 4 items);
    # it is one item (城市内涝和城市安全运行) only when the author joins inside items,
    # which shows in the other items; 与 stays ambiguous (资源与碳排放)
    if joiner in CLOSING_JOINERS and not any(_joiner_split(it) for it in items[:-1]):
        lo = hi
    if n > 1 and _joiner_split(items[0]):  # 机关和广东、四川: the first item may be two
        hi += 1
    restart = n
    for i in range(1, n if not reverse else 1):
        m = CLAUSE_VERB_RE.search(items[i])
        if m and m.start() > 0:
            restart = n - i
    return lo, hi, joiner, restart + (lo - n)


def _message(kind: str, items: list[str], stated: str, mw: str, lo: int, hi: int) -> str:
    shown = "、".join(it.strip() for it in items)
    if len(shown) > 40:
        shown = shown[:38] + "…"
    counted = str(lo) if lo == hi else f"{lo}～{hi}"
    if kind == "more":
        return f"列举了{counted}项（{shown}），却写作“{stated}{mw}”，列举项多于所述数目"
    return f"列举了{counted}项（{shown}），却写作“{stated}{mw}”，且列举已封闭（无“等”或以和/及收尾），列举项少于所述数目"


def _judge(text, items_spans, base, m_num, stated, mw, has_deng, forward):
    items = [text[base + s : base + e] for s, e in items_spans]
    if len(items) < 2 or any(not it.strip() for it in items):
        return None
    if any(QTY_RE.search(it) for it in items):
        return None
    lo, hi, joiner, restart = _analyse(items, reverse=not forward)
    if min(lo, restart) > stated:
        kind = "more"
    elif hi < stated <= hi + 2 and (not has_deng or joiner in CLOSING_JOINERS):
        kind = "fewer"
    else:
        return None
    exact = lo == hi and restart >= lo
    severity = "error" if exact and not has_deng and forward else "warning"
    if kind == "more" and exact and forward:
        severity = "error"
    suggestion = same_style(m_num.group("num"), lo) if exact else None
    list_start, list_end = base + items_spans[0][0], base + items_spans[-1][1]
    return Hit(
        start=m_num.start("num"),
        end=m_num.end("mw"),
        message=_message(kind, items, m_num.group("num"), mw, lo, hi),
        suggestion=(suggestion + mw) if suggestion else None,
        severity=severity,
        related=[(None, list_start, list_end)],
    )


CORE_RE = re.compile(
    r"(?:[0-9]{1,2}|[一二两三四五六七八九十]{1,3})(?:"
    + MEASURES
    + ")(?!百分点|月|小时|工作日|季度|星期|世纪|点|倍)"
)
BOUND_RE = re.compile("[，,；;：:。！？!?\n]")
CLAUSE_STOP_RE = re.compile("[，,；;。！？!?\n]")


def _count_at(text: str, p: int) -> re.Match | None:
    """The full count match (with 等 and an opening quote) whose numeral starts at ``p``."""
    for back in (2, 1, 0):
        if p - back < 0:
            continue
        m = COUNT_RE.match(text, p - back)
        if m and m.start("num") == p:
            return m
    return None


def check(ctx: ArticleContext):
    text = ctx.text
    if "、" not in text and "”“" not in text:
        return
    mtext = masked(text)
    spans = bracket_spans(text)
    bounds = [b.start() for b in BOUND_RE.finditer(mtext)]
    for c in CORE_RE.finditer(text):
        m = _count_at(text, c.start())
        if m is None:
            continue
        num = m.group("num")
        stated = parse_int(num)
        if stated is None or stated < 2 or stated > 30:
            continue
        p = m.start()
        if p > 0 and text[p - 1] in PREFIX_BAD:
            continue
        if inside_span(spans, m.start("num")) and not m.group("q"):
            continue
        if QTY_LIST_AFTER_RE.match(text, m.end()):  # 试点10个、41个: a list of quantities
            continue
        if m.group("q"):  # “五大活动” sums up only when the quotation closes the clause
            close = text.find("”", m.end())
            if (
                close < 0
                or "、" in text[m.end() : close]
                or (close + 1 < len(text) and text[close + 1] not in BOUND)
            ):
                continue
        # forward list: region back to the clause boundary
        hit = None
        if p > 0 and text[p - 1] not in BEFORE_BAD:
            k = bisect.bisect_left(bounds, p) - 1
            b = bounds[k] if k >= 0 else -1
            region = mtext[b + 1 : p]
            last_item = re.split("、|”(?=“)", region)[-1]
            pair = stated == 2 and m.group("mw") in PAIR_MEASURES
            if (
                not pair
                and len(last_item.strip()) <= LAST_ITEM_MAX
                and ("、" in region or "”“" in region)
                and (m.group("deng") or "等" not in last_item)
                and (m.group("deng") or m.group("q") or not QUANTITY_VERB_RE.search(last_item))
            ):
                hit = _judge(
                    text,
                    _split_items(region),
                    b + 1,
                    m,
                    stated,
                    m.group("mw"),
                    bool(m.group("deng")),
                    True,
                )
        if hit is None and not m.group("deng"):
            tail = REVERSE_TAIL_RE.match(text, m.end())
            if tail:
                s = tail.end()
                stop_m = CLAUSE_STOP_RE.search(mtext, s)
                e = stop_m.start() if stop_m else len(mtext)
                stop = mtext[e] if e < len(mtext) else "。"
                region = mtext[s:e]
                if stop not in "；;" and "、" in region:
                    item_spans = _split_items(region)
                    if region.endswith("等"):
                        item_spans[-1] = (item_spans[-1][0], item_spans[-1][1] - 1)
                        hit = _judge(text, item_spans, s, m, stated, m.group("mw"), True, False)
                    elif all(e2 - s2 <= 14 for s2, e2 in item_spans[:-1]):
                        hit = _judge(text, item_spans, s, m, stated, m.group("mw"), False, False)
        if hit is not None:
            yield hit


RULES = [
    Rule(
        id="number.enumeration_count",
        category="number",
        severity="warning",
        title="列举项数与所述数目不符",
        title_en="Items listed do not match the number stated",
        messages=(
            Msg(
                "列举了{n}项（{items}），却写作“{stated}”，列举项多于所述数目",
                "{n} items listed (“{items}”), but the text says “{stated}”: more items than stated",
            ),
            Msg(
                "列举了{n}项（{items}），却写作“{stated}”，且列举已封闭（无“等”或以和/及收尾），列举项少于所述数目",
                "{n} items listed (“{items}”), but the text says “{stated}”, and the list is closed (no “等”, or it ends with “和”/“及”): fewer items than stated",
            ),
        ),
        explanation=(
            "列举若干项后用数字概括（如“语文、数学、英语3门课”），所述数目应与列举项数一致。"
            "列举项多于所述数目必错；列举已封闭（无“等”，或末项以“和/及/以及”连接）而项数少于所述数目，也是差错。"
            "以“等”收尾而未封闭的列举可以只举部分（“A、B等5个研究院”）。"
            "依据：GB/T 15835-2011《出版物上数字用法》对数字表达准确性的要求；编校质量差错认定（国家新闻出版署《出版物编校质量差错认定细则》）。"
        ),
        must_flag=(
            "学校开设语文、数学、英语4门课。",
            "钢、铁、铜、铝等三大行业产能过剩。",
            "重点监测空气、水和土壤等4项指标。",
            "全市建成农业、工业、服务业、文旅、康养四大平台。",
            "推出“一张网”“一张图”“一码通”“一键办”五大应用。",
            "组织技能大培训、岗位大练兵、质量大提升“四大活动”。",
            "实施“三大工程”，即强基工程、育才工程、惠民工程、护绿工程，全面提升服务。",
            "光伏组件的三大核心材料——硅片、玻璃、边框、背板已实现本地配套。",
            "宁波、温州、嘉兴、湖州2市入选。",
        ),
        must_pass=(
            "学校开设语文、数学2门课。",
            "依托之江实验室、西湖实验室等5个研究院开展攻关。",
            "培育了智能网联、生命健康等12个产业集群。",
            "分设安全巡查、设备维护、道路保洁和绿化养护、垃圾清运等4个专业小组。",
            "考核内容涵盖组织建设、制度与执行、作风建设、廉政建设等4类。",
            "涵盖社区治理、和美家园建设、邻里互助等3个方面。",
            "推出简化办事流程、开展“百千万”服务(每月走访一百家企业,联系一千名员工)、设立专项基金等三项举措。",
            "新建市级实验室6家、省级23家。",
            "覆盖8个乡镇、20个村(社区)和3个园区。",
            "实施“三大工程”，即强基工程、育才工程和惠民工程，全面提升服务。",
            "光伏组件的四大核心材料——硅片、玻璃、边框、背板已实现本地配套。",
            "推进秸秆肥料化、燃料化等“五化”利用。",
            "按照红色、橙色、黄色3个预警等级，打通省、市、县三级。",
            "杭州、宁波新增国家级、省级2个试点。",
            "提出三项要求：做好稳增长、促改革、调结构、惠民生工作；守住底线。",
            "协助企业补齐质量、标准等短板问题28个。",
            "分别建成市级、县级示范点12个、35个。",
            "推动产业升级、全面提升“四支力量”建设。",
            "投资、消费分别增长3个百分点，出口、进口均增长5个。",
            "工业、农业增长3个百分点。",
            "代表们在市政府礼堂和东区、西区3个会场参加讨论。",
            "游客、商户和居民都能方便地往返两地。",
            "双方加强沟通、增进互信、深化两国合作。",
        ),
        func=check,
    )
]
