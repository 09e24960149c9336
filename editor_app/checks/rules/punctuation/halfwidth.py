"""punctuation.halfwidth: half-width , ; : ? ! ( ) in Chinese text.

GB/T 15834-2011 gives the Chinese marks in their full-width forms. Text
extracted from a layout often has half-width marks throughout whole articles,
so the rule is bulk-fixable and each finding carries the full-width form
(spaces between the mark and the Chinese text are dropped with it).

A mark counts as Chinese when a Chinese character or Chinese punctuation mark
touches it (spaces skipped): for , ; : on either side; for ? ! (which close
what comes before them) on the left only, so that “Hello, world!” inside
Chinese quotes stays English. A closing quote on the right does not count
(an English quotation ends with its own punctuation), an opening quote does
(说:“…” -> 说：“…”). Parentheses are judged as a pair: a pair is Chinese when
either side touches Chinese or the content holds Chinese, and then both marks
change ((1) numbering inside Chinese, (COP15) after a Chinese word).

Never flagged: decimals and thousands (3.14, 1,258), times and ratios
(8:30, 1.53:1), marks inside URLs and e-mail addresses, English sentences and
model numbers, which have no Chinese neighbour.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from editor_app.checks.core import ArticleContext, Hit, Rule
from editor_app.checks.messages import Msg

from ..script._zh import HAN_RE, ZH_CLOSE_QUOTES, ZH_OPEN_QUOTES, ZH_PUNCT_CORE

FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
NAMES = {",": "逗号", ";": "分号", ":": "冒号", "?": "问号", "!": "叹号", "(": "括号", ")": "括号"}
MESSAGES = {ch: f"中文里用了半角{NAMES[ch]}“{ch}”，应为全角“{FULL[ch]}”" for ch in FULL}
MARK_RE = re.compile(r"[,;:?!()]")
PAREN_RE = re.compile(r"[()]")
THOUSANDS_RE = re.compile(r"\d{3}(?!\d)")
NUMBER_CHARS = frozenset("0123456789.,%‰")
SPACES = " \t"

_URL_CHARS = r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]"
URL_RE = re.compile(rf"(?:https?://|ftp://|www\.){_URL_CHARS}+")
EMAIL_AT_RE = re.compile(r"@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
EMAIL_USER_RE = re.compile(r"[A-Za-z0-9._%+\-]+$")
_TRAILING = ",;:!?)."  # punctuation after a URL belongs to the sentence

LEFT_ZH = frozenset(ZH_PUNCT_CORE + ZH_CLOSE_QUOTES + ZH_OPEN_QUOTES)
RIGHT_ZH = frozenset(ZH_PUNCT_CORE + ZH_OPEN_QUOTES)


QUOTES = frozenset(ZH_OPEN_QUOTES + ZH_CLOSE_QUOTES)
STRONG = frozenset(ZH_PUNCT_CORE)


def _strong(ch: str) -> bool:
    return bool(ch) and (ch in STRONG or HAN_RE.match(ch) is not None)


def _latin(ch: str) -> bool:
    return bool(ch) and ch.isascii() and ch.isalnum()


def _zh_char(ch: str, allowed: frozenset[str]) -> bool:
    return ch in allowed or HAN_RE.match(ch) is not None


def _left(text: str, i: int, floor: int) -> tuple[str, int]:
    """The nearest character before ``i`` (spaces skipped) and where the spaces start."""
    j = i
    while j > floor and text[j - 1] in SPACES:
        j -= 1
    return (text[j - 1] if j > floor else ""), j


def _right(text: str, i: int, ceil: int) -> tuple[str, int]:
    """The nearest character after ``i`` (spaces skipped) and where the spaces end."""
    j = i + 1
    while j < ceil and text[j] in SPACES:
        j += 1
    return (text[j] if j < ceil else ""), j


def _links(text: str) -> list[tuple[int, int]]:
    """Spans of URLs and e-mail addresses, in order."""
    spans = []
    if "://" in text or "www." in text:
        for m in URL_RE.finditer(text):
            end = m.end()
            while end > m.start() and text[end - 1] in _TRAILING:
                end -= 1
            spans.append((m.start(), end))
    if "@" in text:
        for m in EMAIL_AT_RE.finditer(text):
            user = EMAIL_USER_RE.search(text, max(0, m.start() - 64), m.start())
            if user:
                spans.append((user.start(), m.end()))
    return sorted(spans)


def _paren_pairs(text: str) -> dict[int, int]:
    """Half-width parentheses matched within each paragraph: position -> partner."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    for m in PAREN_RE.finditer(text):
        ch, i = m.group(), m.start()
        if stack:
            start = text.rfind("\n", stack[-1], i)
            if start >= 0:
                stack.clear()  # a new paragraph
        if ch == "(":
            stack.append(i)
        elif stack:
            o = stack.pop()
            pairs[o] = i
            pairs[i] = o
    return pairs


def find_halfwidth(ctx: ArticleContext) -> Iterator[Hit]:
    text = ctx.text
    if not MARK_RE.search(text):
        return
    links = _links(text)
    pairs = _paren_pairs(text) if "(" in text else {}
    n = len(text)
    line_start = 0
    line_end = text.find("\n")
    if line_end < 0:
        line_end = n
    link_k = 0
    decided: dict[int, bool] = {}  # parenthesis -> is the pair Chinese
    for m in MARK_RE.finditer(text):
        i = m.start()
        if i > line_end:
            line_start = text.rfind("\n", 0, i) + 1
            line_end = text.find("\n", i)
            if line_end < 0:
                line_end = n
        while link_k < len(links) and links[link_k][1] <= i:
            link_k += 1
        if link_k < len(links) and links[link_k][0] <= i < links[link_k][1]:
            continue
        ch = m.group()
        if ch not in "()" and i > line_start and i + 1 < line_end:
            # fast path: a Chinese character right before, no space after
            prev, nxt = text[i - 1], text[i + 1]
            if "\u4e00" <= prev <= "\u9fff" and nxt not in SPACES:
                yield Hit(i, i + 1, MESSAGES[ch], suggestion=FULL[ch])
                continue
        lch, lpos = _left(text, i, line_start)
        rch, rpos = _right(text, i, line_end)
        if ch in "()":
            zh = _paren_is_zh(text, i, ch, pairs, decided, line_start, line_end)
        elif ch in "?!":
            zh = _zh_char(lch, LEFT_ZH) if lch else False
        else:
            zh = _separator_is_zh(text, i, ch, lch, lpos, rch, rpos)
        if not zh:
            continue
        # spaces next to a full-width mark are superfluous: they go with it
        # (but not the indentation at a line start or the spaces at its end)
        # (spaces after another half-width mark go with that mark)
        start = lpos if lch and lch not in FULL else i
        end = rpos if rch else i + 1
        yield Hit(start, end, MESSAGES[ch], suggestion=FULL[ch])


def _separator_is_zh(text: str, i: int, ch: str, lch: str, lpos: int, rch: str, rpos: int) -> bool:
    """Is the , ; or : at ``i`` Chinese punctuation?"""
    if _strong(lch) or _strong(rch):
        return True
    if lch in QUOTES or rch in QUOTES:
        # a quote mark is Chinese evidence when the quotation is Chinese
        # (“全能之城”,2023年) or when no Latin word touches the mark (“A”,“B”);
        # He said, “Yes” stays English
        if lch in QUOTES and lpos >= 2 and _strong(text[lpos - 2]):
            return True
        if rch in QUOTES and rpos + 1 < len(text) and _strong(text[rpos + 1]):
            return True
        return not (_latin(lch) or _latin(rch))
    if ch == ":" or not rch.isdigit():
        return False  # 8:30, 1.53:1 stay; Latin on both sides stays
    if not (lch.isdigit() or lch in "%‰"):
        return False
    if ch == "," and lch.isdigit() and THOUSANDS_RE.match(text, i + 1):
        return False  # 1,258
    # a number on each side (增长12.3%,1人; 前40,90%以上; 40%;30%): Chinese if
    # Chinese text precedes the left-hand number
    j = lpos
    while j > 0 and text[j - 1] in NUMBER_CHARS:
        j -= 1
    return j > 0 and _strong(text[j - 1])


def _paren_is_zh(
    text: str, i: int, ch: str, pairs: dict[int, int], decided: dict[int, bool], ls: int, le: int
) -> bool:
    if i in decided:
        return decided[i]
    j = pairs.get(i)
    if j is None:  # unmatched: judge by its own neighbours
        lch, _ = _left(text, i, ls)
        rch, _ = _right(text, i, le)
        return (bool(lch) and _zh_char(lch, LEFT_ZH)) or (bool(rch) and _zh_char(rch, RIGHT_ZH))
    o, c = (i, j) if ch == "(" else (j, i)
    lch, _ = _left(text, o, ls)
    rch, _ = _right(text, c, le)
    zh = HAN_RE.search(text, o + 1, c) is not None
    if not zh:
        glued = o > ls and text[o - 1].isascii() and text[o - 1].isalnum()
        # "DS-2CD(3T)的": a pair glued to a Latin token belongs to that token
        zh = (bool(lch) and _zh_char(lch, LEFT_ZH)) or (
            not glued and bool(rch) and _zh_char(rch, RIGHT_ZH)
        )
    decided[o] = decided[c] = zh
    return zh


RULES = [
    Rule(
        id="punctuation.halfwidth",
        category="punctuation",
        severity="warning",
        title="中文里的半角标点",
        title_en="Half-width punctuation in Chinese text",
        messages=(
            Msg(
                "中文里用了半角{name}“{mark}”，应为全角“{full}”",
                "Half-width {name} “{mark}” in Chinese text; use the full-width “{full}”",
            ),
        ),
        terms_en={
            "逗号": "comma",
            "分号": "semicolon",
            "冒号": "colon",
            "问号": "question mark",
            "叹号": "exclamation mark",
            "括号": "parenthesis",
        },
        explanation=(
            "GB/T 15834-2011《标点符号用法》规定的中文标点为全角形式；"
            "中文句子里的逗号、分号、冒号、问号、叹号和括号应使用全角“，；：？！（）”。"
            "数字中的小数点、千分位、时间和比例（3.14、1,258、8:30、1.53:1），"
            "网址、电子邮件地址和外文句子中的半角标点不在此列。"
        ),
        must_flag=(
            "董事长,表示",
            "同比增长6%,对全省GDP增长的贡献率达27.1%。",
            "主要包括:坚持把就业作为民生之本;坚持实施就业优先战略",
            "怎么做到的?智造新城",
            "太赞了!”陈某感慨。",
            "杭州钱塘(新)区",
            "第十五次缔约方大会(COP15)第一阶段",
            "具体措施包括:(1)加强监管;(2)优化服务。",
            "他说:“我们一起干。”",
            "封面设计: 赵磊",
        ),
        must_pass=(
            "圆周率约为3.14。",
            "会议于8:30开始。",
            "城乡居民收入比1.53:1，全省各市中最优。",
            "共有1,258家企业参加。",
            "详见https://www.zj.gov.cn/art/2024/5/1/art_1.html?id=3,4。",
            "来信请寄service@example.com。",
            "He said, “Yes, we can!” and left.",
            "他说：“Hello, world!”",
            "型号为DS-2CD(3T)的摄像机",
            "比赛以3:2结束。",
            "增长10.8%、7.0%和12.9%。",
        ),
        func=find_halfwidth,
        bulk_fixable=True,
    )
]
