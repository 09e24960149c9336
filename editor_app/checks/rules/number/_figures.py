"""Figure statements read from prose, for ``number.cross_article``.

A statement is a statistic: a period (2024年一季度), a scope (全省, 全国, a named
place), a metric (外贸进出口), a verb (增长) and a figure with its unit (8.2%).
The metric, verb and figure stand in one clause; the period and the scope may
stand there too or be carried over:

- the text is read paragraph by paragraph, each split into clauses at
  ``，；。！？：`` (full or half width);
- a period or scope written at the head of a clause holds for the clauses that
  follow, to the end of the paragraph or until another one is written: so
  "2024年一季度，全省外贸进出口增长8.2%；出口增长9.1%；进口增长6.5%" gives three
  statements of 2024年一季度 / 全省, and a paragraph that opens with a period
  gives it to its whole paragraph;
- a new period with a year resets the scope (unless written with it); a
  sub-period without a year (3月份, 一季度) takes the year carried over and keeps
  the scope; a period that cannot be pinned down (同期, 近年, 2023年以来,
  1月1日起; 到2027年, a target, unless the year is already past: then it reads as
  截至) and a scope that depends on the article (全市, 全县, 全区, 本市, 该省) stop
  the carry, and nothing is read until a new one is written;
- 今年/去年 are pinned to the issue's year (its masthead) when it is known: every
  article of an issue is written for the same date of publication;
- a paragraph boundary ends every carry;
- a clause whose period or scope was carried is read only when its metric
  contains a head word of the table (增加值, 投资, 出口 ...): "其中制造业增长7%"
  names a sub-category of an elided metric and is not read;
- after a statement of a qualified metric (对中亚五国进出口, not a bare head word
  such as 进出口), a carried clause is not read when it is a part (from 其中 to the
  end of the sentence) or its metric is a bare head word: "对中亚五国进出口…，其中，
  出口…" means the exports to those countries, not the country's exports.

Three clause shapes are read: "METRIC VERB FIGURE" (出口增长9.1%), a level and the
growth after it ("实现规上工业增加值2.2万亿元，同比增长6%" gives the level and the
growth of that metric; a figure followed by 的 is an attribute, "投资50亿元的项目",
and is not read), and "分别" lists ("出口、进口分别增长9.1%、6.5%", items and figures
paired one to one; when the first item carries a qualifier, 17个行业规上工业增加值、
利润总额, the later items elide it and only the first is read).

Metric and verb names are normalised with ``resources/checks/number_metric_aliases.tsv``
(营收 = 营业收入, 规上 = 规模以上, 增速 = 增长 ...). Approximate figures (约、近、超过、
以上、左右 ...), targets (预期、力争、目标 ...), shares and contributions (占、比重、
拉动 ...) and "分别" lists are not read. 环比 is kept apart from 同比; "截至" and
"累计" mark a cumulative figure, kept apart from the single period.

Two figures agree when they are equal at the coarser of their two precisions, in
one unit: 8.2% = 8.20%, 2.94万亿元 = 2.9万亿元, 1.2万亿元 = 12000亿元.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

ALIASES = "number_metric_aliases"

NUM = r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?"
# a sub-period written after a year (2024年一季度, 2024年1—4月, 2023年底)
SUB = (
    r"(?:第?[一二三四]季度|上半年|下半年|前三季度|全年|"
    r"[0-9]{1,2}[—–\-－~～至][0-9]{1,2}月份?(?:末|底)?|[0-9]{1,2}月份?(?:末|底)?|前[2-9两三四五六七八九]个月|年?底|年?末)"
)
# a sub-period written alone, taking the carried year (3月份，出口增长…)
SUB_ALONE = (
    r"(?:第?[一二三四]季度|上半年|下半年|前三季度|全年|"
    r"[0-9]{1,2}[—–\-－~～至][0-9]{1,2}月份?(?:末|底)?|[0-9]{1,2}月份?(?:末|底)?)"
)
CUMULATIVE_PRE = ("截至", "截止到", "截止")
PERIOD_PRE = "截至|截止到|截止|到|在"  # 截至2024年末, 到2025年
PERIOD_RE = re.compile(
    rf"(?P<pre>{PERIOD_PRE})?(?P<year>(?:19|20)[0-9]{{2}}年|今年|去年|上年)(?P<sub>{SUB})?"
)
SUB_RE = re.compile(rf"(?P<pre>{PERIOD_PRE})?(?P<sub>{SUB_ALONE})")
# what may not follow a period for it to name the period of the figures after it
PERIOD_STOP_RE = re.compile(
    r"(?:以来|来|起|开始|至今|以后|之后|以前|之前|前|后|初|中|上旬|中旬|下旬|同期|相比|比|较|的|"
    r"[0-9０-９]|[—–\-－~～至到]|日|号|计划|目标|预计|将|要|是|和|与|、)"
)
# period words that cannot be pinned to a year: they stop the carried period
VAGUE_PERIOD_RE = re.compile(
    r"(?:明年|前年|当年|同年|次年|近年|近[一二三两四五六七八九十几]年|年内|"
    r"同期|此前|目前|当前|如今|现在|近期|期间|[0-9]{1,2}月[0-9]{1,2}日|(?:19|20)[0-9]{2}年)"
)
LOCAL_SCOPES = frozenset("全市 全县 全区 本市 本县 本区 该市 该县 该区 该省 我市 我县 我区".split())
SCOPE_ALIASES = {"浙江省": "浙江", "我省": "全省", "本省": "全省", "我国": "全国"}
SCOPE_RE = re.compile(
    r"(?P<scope>全省|全国|我国|全市|全县|全区|本市|本县|本区|该市|该县|该区|该省|我市|我县|我区|我省|本省|"
    r"浙江省|浙江|[\u4e00-\u9fff]{2,4}?(?:省|市|县))"
)
NOT_PLACE = tuple(
    "上市 超市 城市 都市 门市 股市 楼市 车市 菜市 夜市 早市 集市 闹市 开市 入市 退市 "
    "各市 各县 各省 市县 省市 示范县 示范市 强省 强市 强县 大省 大市 大县".split()
)
CONNECTIVE_RE = re.compile(r"^(?:其中|同时|此外|另外|与此同时|而|并且|并|且|其)")
METRIC_CHARS = r"[\u4e00-\u9fffA-Za-z0-9“”&]"
# a metric naming something other than a plain statistic of the period and scope
METRIC_REJECT_RE = re.compile(
    r"分别|占|比重|拉动|带动|贡献|高于|低于|快于|慢于|超过|领先|预计|预期|目标|力争|确保|计划|"
    r"可望|有望|突破|排名|排第|排在|位居|居全|居第|居前|居于|平均每|年均|(?:19|20)[0-9]{2}年|[0-9]+月|季度|上半年|下半年|"
    r"今年|去年|当年|以来|同期|连续"
)
YEAR_ON_YEAR = "同比|比上年同期|比去年同期|较上年同期|较去年同期|比上年|比去年|较上年|较去年"
BASIS_RE = re.compile(
    rf"(?:(?P<yoy>{YEAR_ON_YEAR})|"
    r"(?P<mom>环比|比上月|较上月|比上季度|较上季度))$"
)
APPROX_BEFORE_RE = re.compile(
    "(?:近|约|超|超过|逾|不到|不足|至少|最多|将近|接近|约为|大约|达到近|达近|了近|了约)$"
)
APPROX_AFTER = ("多", "余", "以上", "以下", "以内", "左右", "上下", "之多", "强", "弱")
MAGNITUDES = {
    "万亿": Decimal(10) ** 12,
    "亿": Decimal(10) ** 8,
    "万": Decimal(10) ** 4,
    "千": Decimal(1000),
    "": Decimal(1),
}
UNIT = (
    r"(?P<unit>%|‰|个百分点|(?P<mag>万亿|亿|万|千)?(?P<base>美元|元|人次|人|户|家|个|项|亩|吨|标箱|件|辆|台|套)"
    r"|(?P<bare>万亿|亿|万)(?![\u4e00-\u9fffA-Za-z]))"
)
VALUE_RE = re.compile(rf"(?P<value>{NUM}){UNIT}")
# a growth clause whose metric is the level just before it ("…22388亿元，同比增长6%")
GROWTH_RE = re.compile(
    rf"(?P<basis>{YEAR_ON_YEAR}|环比)?"
    rf"(?P<verb>增长|下降|提高|上涨|增加|减少)了?(?P<value>{NUM}){UNIT}"
)
FIGURE_RE = re.compile(
    r"[0-9](?:%|‰|个百分点|万|亿|千|美元|元|人|户|家|个|项|亩|吨|标箱|件|辆|台|套)"
)
CLAUSE_SPLIT_RE = re.compile(r"[，,；;。！？!?：:]")
SENTENCE_END = set("。！？!?")


@dataclass(frozen=True)
class Statement:
    """One statistic read from an article text (positions index that text)."""

    seg_id: str
    start: int  # span of value + unit
    end: int
    key: tuple[str, str, str, str, str, str]  # period, scope, metric, verb, basis, unit
    raw: str  # the figure as printed (8.20)
    unit: str  # the unit as printed (%, 万亿元)
    label: str  # period + scope + metric + verb as printed or carried
    sentence: str  # the sentence it stands in (for messages about another issue)
    carried: bool  # period or scope came from an earlier clause


@dataclass(frozen=True)
class PrintedStatement:
    """A statement printed in another issue of the library (``LibraryFacts.statements``).

    ``issue`` names the issue as a reader would (《示例杂志》2024年第1期), ``order``
    sorts issues in time (year, number); ``page`` and ``title`` the article.
    """

    key: tuple[str, str, str, str, str, str]
    raw: str
    unit: str
    label: str
    sentence: str
    issue: str
    issue_id: int
    order: tuple[int, int]
    title: str
    page: int | None


def relative(period: str) -> bool:
    """True for a period named relative to the time of writing (今年一季度, 去年): it
    compares within one issue, never with another issue."""
    return "今年" in period or "去年" in period


# -- the alias table ---------------------------------------------------------------


@dataclass(frozen=True)
class Vocabulary:
    metric_re: re.Pattern | None
    metric_map: dict
    verb_re: re.Pattern
    verb_map: dict
    heads: tuple[str, ...]
    list_re: re.Pattern  # 出口、进口分别增长…
    level_re: re.Pattern  # 实现规上工业增加值22388亿元

    def metric(self, s: str) -> str:
        if self.metric_re is None:
            return s
        return self.metric_re.sub(lambda m: self.metric_map[m.group(0)], s)


@functools.lru_cache(maxsize=4)
def vocabulary(resources) -> Vocabulary:
    metric_map: dict[str, str] = {}
    verb_map: dict[str, str] = {}
    heads: list[str] = []
    for row in resources.table(ALIASES):
        if len(row) < 2 or row[0] == "kind":
            continue
        kind, written = row[0], row[1]
        canon = row[2] if len(row) > 2 else ""
        if kind == "metric" and canon:
            metric_map[written] = canon
        elif kind == "verb" and canon:
            verb_map[written] = canon
        elif kind == "head":
            heads.append(written)
    if not verb_map:
        raise ValueError(f"{ALIASES}.tsv lists no verbs")

    def alts(words) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    metric_re = re.compile(alts(metric_map)) if metric_map else None
    verb_re = re.compile(
        rf"(?P<metric>{METRIC_CHARS}{{2,16}}?)(?P<verb>{alts(verb_map)})了?"
        rf"(?P<value>{NUM}){UNIT}"
    )
    list_re = re.compile(
        rf"(?P<items>[\u4e00-\u9fffA-Za-z0-9“”&、和及与]{{4,60}}?)分别(?P<verb>{alts(verb_map)})了?"
    )
    level_re = re.compile(rf"(?P<metric>{METRIC_CHARS}{{2,16}}?)(?P<value>{NUM}){UNIT}")
    return Vocabulary(metric_re, metric_map, verb_re, verb_map, tuple(heads), list_re, level_re)


# -- values ------------------------------------------------------------------------


def measure(raw: str, unit: str) -> tuple[str, Decimal, Decimal] | None:
    """(base unit, value in the base unit, step of the last printed digit) of a figure:
    ("元", 1.2E12, 1E11) for 1.2万亿元; None when it cannot be read."""
    try:
        value = Decimal(raw.replace(",", ""))
    except (InvalidOperation, ValueError):
        return None
    base, mag = unit, ""
    for m in ("万亿", "亿", "万", "千"):
        if unit.startswith(m):
            base, mag = unit[len(m) :], m
            break
    if unit in ("%", "‰", "个百分点"):
        base, mag = unit, ""
    scale = MAGNITUDES[mag]
    decimals = len(raw.split(".", 1)[1]) if "." in raw else 0
    return base, value * scale, Decimal(1).scaleb(-decimals) * scale


def differ(raw_a: str, unit_a: str, raw_b: str, unit_b: str) -> bool:
    """True when two figures of one key differ at the coarser of their precisions."""
    a, b = measure(raw_a, unit_a), measure(raw_b, unit_b)
    if a is None or b is None or a[0] != b[0]:
        return False
    step = max(a[2], b[2])

    def q(v: Decimal) -> Decimal:
        return (v / step).quantize(Decimal(1), rounding=ROUND_HALF_UP)

    return q(a[1]) != q(b[1])


# -- reading -----------------------------------------------------------------------


def _period(m: re.Match) -> str:
    """A canonical period: 2024年第一季度 = 2024年一季度, 3月份 = 3月, 年底 = 年末."""
    sub = (m.group("sub") or "").replace("第", "").replace("份", "")
    sub = re.sub(r"[—–\-－~～至]", "—", sub)
    if sub.startswith("前") and sub.endswith("个月"):  # 前4个月 = 1—4月
        c = sub[1]
        n = int(c) if c.isdigit() else "两三四五六七八九".index(c) + 2
        sub = f"1—{n}月"
    if sub in ("底", "末", "年底", "年末"):
        sub = "末"
    sub = sub.replace("底", "末")  # 9月底 = 9月末
    if sub == "全年":
        sub = ""
    return sub


def _clauses(para: str, base: int):
    """(start, clause text, ends a sentence) for each clause of a paragraph."""
    pos = 0
    for m in CLAUSE_SPLIT_RE.finditer(para):
        yield base + pos, para[pos : m.start()], m.group(0) in SENTENCE_END
        pos = m.end()
    if pos < len(para):
        yield base + pos, para[pos:], True


def _sentence(text: str, start: int, end: int, limit: int = 80) -> str:
    a = start
    while a > 0 and text[a - 1] not in "。！？!?\n":
        a -= 1
    b = end
    while b < len(text) and text[b] not in "。！？!?\n":
        b += 1
    if b < len(text) and text[b] != "\n":
        b += 1
    s = text[a:b].strip()
    if len(s) > limit:  # keep the figure in view
        rel = start - a
        lo = max(0, min(rel - limit // 2, len(s) - limit))
        s = ("…" if lo else "") + s[lo : lo + limit] + ("…" if lo + limit < len(s) else "")
    return s


class _Carry:
    """The period and scope in force at a clause of a paragraph."""

    def __init__(self, issue_year: int | None = None) -> None:
        self.issue_year = issue_year
        self.year: str | None = None  # "2024年", or "今年" / "去年" (relative to the issue)
        self.period: str | None = None  # canonical period, "2024年一季度"
        self.scope: str | None = None  # canonical scope; None = unknown or local
        # the clause before was a bare period ("2023年，全省…"): a scope written next
        # makes one head with it, as if they stood in one clause
        self.bare_period = False

    def head(self, clause: str) -> tuple[str, bool, bool]:
        """Read a period and a scope at the head of ``clause``; return the rest and
        whether a period / a scope was written there."""
        rest = clause
        wrote_p = wrote_s = False
        m = PERIOD_RE.match(rest)
        if m is not None:
            after = rest[m.end() :]
            if PERIOD_STOP_RE.match(after):
                self.year = self.period = None
                return "", True, False
            sub = _period(m)
            cum = "截至" if m.group("pre") in CUMULATIVE_PRE else ""
            if m.group("pre") == "到":  # 到2027年: a target, unless a year already past
                past = m.group("year")[:4].isdigit() and (
                    self.issue_year is not None and int(m.group("year")[:4]) < self.issue_year
                )
                if not past:
                    self.year = self.period = None
                    return "", True, False
                cum = "截至"
            self.year = "去年" if m.group("year") == "上年" else m.group("year")
            self.period = f"{cum}{self.year}{sub}"
            self.scope = None
            rest, wrote_p = after, True
        else:
            m = SUB_RE.match(rest)
            if m is not None and not PERIOD_STOP_RE.match(rest[m.end() :]):
                cum = "截至" if m.group("pre") in CUMULATIVE_PRE + ("到",) else ""
                self.period = f"{cum}{self.year}{_period(m)}" if self.year else None
                rest, wrote_p = rest[m.end() :], True
            elif VAGUE_PERIOD_RE.match(rest) or (m is not None):
                self.year = self.period = None
                return "", True, False
        m = SCOPE_RE.match(rest)
        if m is not None and not m.group("scope").endswith(NOT_PLACE):
            scope = m.group("scope")
            self.scope = None if scope in LOCAL_SCOPES else SCOPE_ALIASES.get(scope, scope)
            rest, wrote_s = rest[m.end() :], True
        return rest, wrote_p, wrote_s


def _metric(raw: str, voc: Vocabulary) -> tuple[str, str] | None:
    """(canonical metric, basis) of the words before a verb, or None when they do not
    name a plain statistic."""
    metric = raw.replace("的", "")
    metric = CONNECTIVE_RE.sub("", metric)
    basis = "同比"
    b = BASIS_RE.search(metric)
    if b is not None:
        basis = "环比" if b.group("mom") else "同比"
        metric = metric[: b.start()]
    if len(metric) < 2 or METRIC_REJECT_RE.search(metric) or "比" in metric or "较" in metric:
        return None
    if not re.search(r"[\u4e00-\u9fffA-Za-z]", metric):
        return None
    return voc.metric(metric), basis


def resolve(period: str, year: int | None) -> str:
    """The period of a key: 今年/去年 pinned to the issue's year when it is known
    (今年一季度 in an issue of 2024 = 2024年一季度)."""
    if year is None or not relative(period):
        return period
    return period.replace("今年", f"{year}年").replace("去年", f"{year - 1}年")


@dataclass
class _Clause:
    """What the reading of one clause needs (positions index the article text)."""

    seg_id: str
    text: str
    rest: str  # the clause after its period and scope heads
    offset: int  # position of ``rest`` in the text
    period: str  # as carried (今年一季度)
    key_period: str  # resolved (2024年一季度)
    scope: str
    carried: bool


def statements(seg_id: str, text: str, resources, year: int | None = None) -> list[Statement]:
    """The statements of one article text, in order. ``year``: the issue's year (its
    masthead), which pins 今年/去年; without it they stay relative (compared only
    within the issue, never stored for other issues).

    Cached (the issue rule reads every article at each re-check, and the services
    read them again to store them; an edit changes one article)."""
    return list(_statements_cached(seg_id, text, resources, year))


@functools.lru_cache(maxsize=512)
def _statements_cached(seg_id: str, text: str, resources, year: int | None) -> tuple:
    voc = vocabulary(resources)
    out: list[Statement] = []
    base = 0
    for para in text.split("\n"):
        if not FIGURE_RE.search(para):  # no figure in it; nothing carries past its end
            base += len(para) + 1
            continue
        carry = _Carry(year)
        pending: tuple[str, str, bool] | None = None  # metric of a level just read
        qualified = False  # the last statement's metric is qualified (对中亚进出口)
        part = False  # after 其中, to the end of the sentence
        for start, clause, end in _clauses(para, base):
            part = part or clause.lstrip().startswith("其中")
            stripped = CONNECTIVE_RE.sub("", clause.lstrip())
            lead = start + len(clause) - len(stripped)
            fresh = carry.bare_period
            rest, wrote_p, wrote_s = carry.head(stripped)
            carry.bare_period = wrote_p and not rest.strip()
            if not rest or carry.period is None or carry.scope is None:
                pending = None
                continue
            c = _Clause(
                seg_id,
                text,
                rest,
                lead + len(stripped) - len(rest),
                carry.period,
                resolve(carry.period, year),
                carry.scope,
                not ((wrote_p or fresh) and wrote_s),
            )
            got, pending = _read_clause(c, voc, pending if not (wrote_p or wrote_s) else None)
            if c.carried and qualified:
                # after a qualified metric, a part (其中…) or a bare metric (出口) may elide
                # the qualifier: "对中亚进出口…，其中，出口…" is not the country's 出口
                got = [st for st in got if not (part or st.key[2] in voc.heads)]
            if got:
                qualified = got[-1].key[2] not in voc.heads
            out.extend(got)
            part = part and not end
        base += len(para) + 1
    return tuple(out)


def _read_clause(c: _Clause, voc: Vocabulary, pending):
    """The statements of one clause, and the metric a following "同比增长8%" refers to."""
    m = GROWTH_RE.match(c.rest) if pending is not None else None
    if m is not None:
        metric_raw, _canon, carried = pending
        verb = m.group("verb")
        if verb not in voc.verb_map:
            return [], None
        c2 = _Clause(**{**c.__dict__, "carried": carried or c.carried})
        st = _make(c2, voc, metric_raw + (m.group("basis") or ""), verb, m, m.start("value"))
        return ([st] if st else []), None
    m = voc.verb_re.match(c.rest)
    if m is not None:
        if m.group("metric").startswith(("实现", "完成", "累计", "共", "新增")) and m.group(
            "verb"
        ) in ("达", "为", "达到"):
            return [], None
        st = _make(c, voc, m.group("metric"), m.group("verb"), m, m.start("value"))
        return ([st] if st else []), None
    m = voc.list_re.match(c.rest)
    if m is not None:
        return _list(c, voc, m), None
    m = voc.level_re.match(c.rest)
    if m is not None:
        raw = m.group("metric")
        if raw.startswith(("累计", "共", "新增")):
            return [], None
        if c.rest[m.end() : m.end() + 1] in ("的", "之"):  # 投资50亿元的项目: an attribute
            return [], None
        raw = re.sub(r"^(?:实现|完成)", "", raw)
        st = _make(c, voc, raw, "达", m, m.start("value"), printed_verb="")
        if st is None:
            return [], None
        got = [st]
        after = c.rest[m.end() :]
        if after.startswith("、"):
            g = GROWTH_RE.match(after[1:])
            if g is not None and g.group("verb") in voc.verb_map:
                c2 = _Clause(**{**c.__dict__, "rest": after[1:], "offset": c.offset + m.end() + 1})
                st2 = _make(
                    c2, voc, raw + (g.group("basis") or ""), g.group("verb"), g, g.start("value")
                )
                if st2 is not None:
                    got.append(st2)
            return got, None
        return got, (raw, st.key[2], c.carried)
    return [], None


def _list(c: _Clause, voc: Vocabulary, m: re.Match) -> list[Statement]:
    """``出口、进口分别增长9.1%、6.5%``: one statement per item, when the items and the
    figures pair up. Later items are read only when the first is a bare metric
    (出口, 制造业投资): after "17个行业规上工业增加值、利润总额" the second item elides
    the subject, and 利润总额 alone would name another statistic."""
    vals = []
    pos = m.end()
    while True:
        v = VALUE_RE.match(c.rest, pos)
        if v is None:
            break
        vals.append(v)
        pos = v.end()
        if pos < len(c.rest) and c.rest[pos] in "、和及与":
            pos += 1
            continue
        break
    items = m.group("items").split("、")
    if len(items) == len(vals) - 1:
        last = items[-1]
        cut = max(last.rfind(w) for w in "和及与")
        if cut <= 0:
            return []
        items = items[:-1] + [last[:cut], last[cut + 1 :]]
    if len(vals) < 2 or len(items) != len(vals):
        return []
    out = []
    first = _metric(items[0], voc)
    if first is None:
        return []
    qualifier = min((first[0].find(h) for h in voc.heads if h in first[0]), default=-1)
    count = len(items) if 0 <= qualifier <= 3 else 1
    for item, v in list(zip(items, vals, strict=True))[:count]:
        got = _metric(item, voc)
        if got is None or not any(h in got[0] for h in voc.heads):
            continue
        st = _make(c, voc, item, m.group("verb"), v, v.start("value"))
        if st is not None:
            out.append(st)
    return out


def _make(
    c: _Clause,
    voc: Vocabulary,
    metric_raw: str,
    verb_raw: str,
    m: re.Match,
    vstart_rel: int,
    printed_verb: str | None = None,
) -> Statement | None:
    got = _metric(metric_raw, voc)
    if got is None:
        return None
    metric, basis = got
    if c.carried and not any(h in metric for h in voc.heads):
        return None
    vstart, uend = c.offset + vstart_rel, c.offset + m.end("unit")
    text = c.text
    if APPROX_BEFORE_RE.search(text[max(0, vstart - 4) : vstart]):
        return None
    if text[uend : uend + 2].startswith(APPROX_AFTER):
        return None
    unit = m.group("unit")
    measured = measure(m.group("value"), unit)
    if measured is None:
        return None
    verb = voc.verb_map.get(verb_raw, verb_raw)
    if verb == "达" and basis == "同比":  # a level, not a change: no basis
        basis = ""
    key = (c.key_period, c.scope, metric, verb, basis, measured[0])
    return Statement(
        seg_id=c.seg_id,
        start=vstart,
        end=uend,
        key=key,
        raw=m.group("value"),
        unit=unit,
        label=f"{c.period}{c.scope}{metric_raw}{verb_raw if printed_verb is None else printed_verb}",
        sentence=_sentence(text, vstart, uend),
        carried=c.carried,
    )
