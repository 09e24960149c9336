"""number.ordinal_sequence: ordinals that skip or repeat.

Families, each followed separately: 一是/二是, 其一/其二, 第一，/第二，(only the
enumerating use at a clause start, never ranks like 全省第一), （一）（二）,
(1)(2), ①②, and paragraph-initial 一、/1. headings. Within a family:

* 一 (or 1) always starts a new sequence; a value seen before any 一 is ignored;
* ordinals inside a quotation form their own sequence (a quoted speech may
  enumerate on its own);
* the next value is compared with the previous one when both are in the same
  paragraph, or both open their paragraphs a few paragraphs apart, with no
  heading-like paragraph (a new section) between; otherwise the sequence is lost
  and nothing is said.

Also: a 、-list of graded items with a count after it (一星级、二星级、五星级3个等级).
"""

from __future__ import annotations

import bisect
import re

from editor_app.checks.core import ArticleContext, Hit, Rule
from editor_app.checks.messages import Msg
from editor_app.checks.numerals import int_to_cn, parse_int
from editor_app.checks.textutil import bracket_spans, inside_span, line_starts

CN = "[一二三四五六七八九十]{1,3}"
CLAUSE_START = set("\n。；;：:，,！？!?“”")
SENTENCE_START = set("\n。；;！？!?：:")
# family -> (regex, characters allowed right before the match (None: any), line-start only).
# Regexes start with a literal or a class (no leading look-behind) so that the
# scan is fast; the boundary is checked in Python.
FAMILIES = {
    "是": (re.compile(f"(?P<v>{CN})是"), CLAUSE_START, False),
    "其": (re.compile(r"其(?P<v>[一二三四五六七八九十])(?=[，,：:是])"), CLAUSE_START, False),
    "第": (
        re.compile(r"第(?P<v>" + CN + r")(?=[，,：:]|是|、(?![一二三四五六七八九十]))"),
        SENTENCE_START,
        False,
    ),
    "（汉）": (re.compile(r"[（(](?P<v>" + CN + r")[）)]"), None, False),
    "（阿）": (re.compile(r"[（(](?P<v>[0-9]{1,2})[）)]"), CLAUSE_START | {" "}, False),
    "①": (re.compile("(?P<v>[\u2460-\u2473])"), None, False),
    "一、": (re.compile(f"(?P<v>{CN})、"), None, True),
    "1.": (re.compile(r"(?P<v>[0-9]{1,2})[.．、](?![0-9])"), None, True),
}
HEAD_FAMILIES = ("一、", "1.")
MAX_PARA_GAP = 8
MAX_CHAR_GAP = 3000
HEADING_END = set('。！？!?；;：:…”"）)')

GRADED_RE = re.compile(
    r"(?P<list>(?P<v1>[一二三四五六七八九十]|[0-9])(?P<suf>[\u4e00-\u9fff]{1,3}?)"
    r"(?:、(?:[一二三四五六七八九十]|[0-9])(?P=suf)){2,})"
    r"(?P<count>[0-9]{1,2}|[一二两三四五六七八九十]{1,3})(?:个|种|类|档|级)"
)
GRADED_ITEM_RE = re.compile(r"[一二三四五六七八九十]|[0-9]")


def _value(family: str, raw: str) -> int | None:
    if family == "①":
        return ord(raw) - 0x245F
    return parse_int(raw)


def _label(family: str, raw_value: int, like: str) -> str:
    if family == "①":
        return chr(0x245F + raw_value) if 1 <= raw_value <= 20 else str(raw_value)
    if family in ("（阿）", "1."):
        return like.replace(like.strip("（()）.．、"), str(raw_value), 1)
    return like.replace(like.strip("（()）是其第、，,：:"), int_to_cn(raw_value), 1)


def _headings(text: str, starts: list[int]) -> list[int]:
    """Indices of heading-like paragraphs: short, without closing punctuation."""
    out = []
    for i, s in enumerate(starts):
        e = starts[i + 1] - 1 if i + 1 < len(starts) else len(text)
        para = text[s:e].strip()
        if para and len(para) <= 30 and para[-1] not in HEADING_END:
            out.append(i)
    return out


def check(ctx: ArticleContext):
    text = ctx.text
    starts = line_starts(text)
    spans = bracket_spans(text)
    heads = None
    for family, (rx, before, line_only) in FAMILIES.items():
        occs = []
        matches = (
            [m for m in (rx.match(text, ls) for ls in starts) if m]
            if line_only
            else rx.finditer(text)
        )
        for m in matches:
            i = m.start()
            if before is not None and i > 0 and text[i - 1] not in before:
                continue
            if family == "（汉）" and i > 0 and text[i - 1] == "第":
                continue
            v = _value(family, m.group("v"))
            if v is None or v < 1:
                continue
            q = inside_span(spans, m.start(), "“‘「『")
            para = bisect.bisect_right(starts, m.start()) - 1
            at_start = text[starts[para] : m.start()].strip() == ""
            occs.append((q[0] if q else -1, m.start(), m.end(), v, para, at_start, m.group()))
        if len(occs) < 2:
            continue
        if heads is None:
            heads = _headings(text, starts)
        groups: dict[int, list] = {}
        for o in occs:
            groups.setdefault(o[0], []).append(o)
        for group in groups.values():
            yield from _walk(family, group, heads)
    if "、" in text:
        yield from _graded(text)


def _walk(family: str, occs: list, heads: list[int]):
    prev = None
    for o in occs:
        _, start, end, v, para, at_start, raw = o
        if v == 1:
            prev = o
            continue
        if prev is None:
            continue
        _, pstart, pend, pv, ppara, pat_start, praw = prev
        same_para = para == ppara
        if family in HEAD_FAMILIES:
            linkable = True
        else:
            between = [h for h in heads if ppara < h < para]
            linkable = same_para or (
                pat_start and at_start and para - ppara <= MAX_PARA_GAP and not between
            )
            linkable = linkable and start - pend <= MAX_CHAR_GAP
        if v == pv + 1:
            prev = o
            continue
        if not linkable:
            prev = None
            continue
        severity = "error" if (same_para or family in HEAD_FAMILIES) else "warning"
        if v > pv + 1:
            missing = "、".join(f"“{_label(family, k, praw)}”" for k in range(pv + 1, v))
            msg = f"序号跳号：“{praw}”之后是“{raw}”，缺少{missing}"
        else:
            msg = f"序号重复或倒序：“{praw}”之后又出现“{raw}”"
        yield Hit(start=start, end=end, message=msg, severity=severity)
        prev = o


def _graded(text: str):
    for m in GRADED_RE.finditer(text):
        raw_items = m.group("list").split("、")
        values = []
        for it in raw_items:
            v = parse_int(GRADED_ITEM_RE.match(it).group())
            values.append(v)
        count = parse_int(m.group("count"))
        if None in values or count is None:
            continue
        consecutive = all(b == a + 1 for a, b in zip(values, values[1:], strict=False))
        if consecutive or values != sorted(values) or count != len(values):
            continue
        want = list(range(values[0], values[0] + count))
        suf = m.group("suf")
        fix = "、".join(_cn_like(m.group("v1"), w) + suf for w in want)
        yield Hit(
            start=m.start("list"),
            end=m.end("list"),
            message=f"等级序列不连续：{m.group('list')}共{count}个，疑为“{fix}”",
            severity="error",
        )


def _cn_like(like: str, n: int) -> str:
    return str(n) if like.isdigit() else int_to_cn(n)


RULES = [
    Rule(
        id="number.ordinal_sequence",
        category="number",
        severity="warning",
        title="序号跳号或重复",
        title_en="Sequence numbers skip or repeat",
        messages=(
            Msg(
                "序号跳号：“{prev}”之后是“{here}”，缺少{missing}",
                "Sequence number skipped: “{here}” follows “{prev}”, {missing} missing",
            ),
            Msg(
                "序号重复或倒序：“{prev}”之后又出现“{here}”",
                "Sequence number repeated or backwards: “{here}” again after “{prev}”",
            ),
            Msg(
                "等级序列不连续：{items}共{n}个，疑为“{fix}”",
                "Grades out of sequence: “{items}”, {n} in all; probably “{fix}”",
            ),
        ),
        explanation=(
            "同一层次的序号应连续：一是、二是、三是；（1）（2）（3）；第一、第二、第三。"
            "跳号、重号多因增删段落后未改序号所致。引语中的序号、另起一节后的序号单独计算；"
            "“全省第一”等名次不是序号。依据：GB/T 15835-2011《出版物上数字用法》，"
            "GB/T 15834-2011《标点符号用法》关于序次语的用法。"
        ),
        must_flag=(
            "一是加强统筹。二是完善机制。四是强化保障。",
            "服务质量评定为一星级、二星级、四星级3个档次。",
            "主要做法：（1）建立台账；（2）定期巡查；（4）限期整改。",
            "第一，摸清底数；第三，分类处置。",
            "一是抓规划，二是抓项目，二是抓服务。",
            "①梳理清单②建立机制④跟踪问效",
            "一、总体要求\n各地要高度重视。\n二、主要任务\n抓好落实。\n四、保障措施\n加强领导。",
        ),
        must_pass=(
            "一是加强统筹。二是完善机制。三是强化保障。",
            "一是要坚持问题导向。",
            "一是抓规划。他说：“一是要快，二是要实。”二是抓项目。三是抓服务。",
            "一是抓规划。二是抓项目。\n深化改革 激发活力\n二是推进改革。四是扩大开放。",
            "产业规模居全国第一，研发投入居全省第三。",
            "第一阶段打基础，第二阶段抓提升，第三阶段见成效。",
            "服务质量评定为三星级、四星级、五星级3个档次。",
            "设一等奖、二等奖、三等奖若干名。",
            "地铁1号线、2号线、5号线同步建设。",
            "第一，摸清底数；第二，分类处置；第三，跟踪问效。",
            "第一、二季度增长较快。第三，要抓好收尾。",
        ),
        func=check,
    )
]
