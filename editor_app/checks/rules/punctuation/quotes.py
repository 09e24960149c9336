"""punctuation.paired_marks and punctuation.nested_quotes.

Both work paragraph by paragraph (the article text split on "\\n").

paired_marks: an opening mark without its closing partner, or the reverse,
for “” ‘’ （） 《》 〈〉 【】 「」 『』. A quotation of several paragraphs opens
at the start of each paragraph and closes once, at the end of the last
(GB/T 15834-2011, 4.1.3.4): an unclosed “ at the end of a paragraph is fine
when the next paragraph starts with “. An apostrophe (don’t) and a list
label closed by a lone parenthesis (1） a） 一）) are not unbalanced marks.

nested_quotes: double quotes inside double quotes, “…“紊”…”: the inner pair
should be single quotes (GB/T 15834-2011, 4.1.3.2). Reported only in a
paragraph whose double quotes balance, so a missing closing quote is left to
paired_marks instead of being taken for nesting.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from editor_app.checks.core import ArticleContext, Hit, Rule
from editor_app.checks.messages import Msg

PAIRS = {"“": "”", "‘": "’", "（": "）", "《": "》", "〈": "〉", "【": "】", "「": "」", "『": "』"}
CLOSERS = {v: k for k, v in PAIRS.items()}
NAMES = {
    "“": "前引号",
    "”": "后引号",
    "‘": "单前引号",
    "’": "单后引号",
    "（": "前括号",
    "）": "后括号",
    "《": "前书名号",
    "》": "后书名号",
    "〈": "单前书名号",
    "〉": "单后书名号",
    "【": "前方头括号",
    "】": "后方头括号",
    "「": "前直角引号",
    "」": "后直角引号",
    "『": "前双直角引号",
    "』": "后双直角引号",
}
MARKS_RE = re.compile("[" + re.escape("".join(PAIRS) + "".join(CLOSERS)) + "]")
LIST_LABEL_RE = re.compile(r"(?:^|[；;。，,：:\s])[0-9A-Za-z一二三四五六七八九十①-⑳]{1,3}$")
CONTINUES_RE = re.compile(r"[ \t\u3000]*“")


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    pos = 0
    for para in text.split("\n"):
        yield pos, para
        pos += len(para) + 1


def _is_apostrophe(para: str, j: int) -> bool:
    before = para[j - 1] if j > 0 else ""
    after = para[j + 1] if j + 1 < len(para) else ""
    return (
        before.isascii()
        and before.isalnum()
        and (not after or (after.isascii() and after.isalpha()) or after == " ")
    )


def _unbalanced(para: str) -> tuple[list[int], list[int], list[int]]:
    """(unclosed openers, openers crossed by another pair, unmatched closers)
    of one paragraph, as positions. In 《关于“加强》管理” the “ is crossed
    by 》 and the ” then has no partner."""
    stack: list[int] = []
    crossed: list[int] = []
    stray: list[int] = []
    for m in MARKS_RE.finditer(para):
        ch, j = m.group(), m.start()
        if ch in PAIRS:
            stack.append(j)
            continue
        opener = CLOSERS[ch]
        for k in range(len(stack) - 1, -1, -1):
            if para[stack[k]] == opener:
                crossed.extend(stack[k + 1 :])
                del stack[k:]
                break
        else:
            if ch == "’" and _is_apostrophe(para, j):
                continue
            if ch == "）" and LIST_LABEL_RE.search(para, 0, j):
                continue
            stray.append(j)
    return stack, crossed, stray


def find_paired(ctx: ArticleContext) -> Iterator[Hit]:
    text = ctx.text
    if not MARKS_RE.search(text):
        return
    paras = list(_paragraphs(text))
    for n, (base, para) in enumerate(paras):
        if not para:
            continue
        open_, crossed, stray = _unbalanced(para)
        if open_ and para[open_[0]] == "“":
            nxt = next((p for _, p in paras[n + 1 :] if p.strip()), "")
            if CONTINUES_RE.match(nxt):
                open_ = open_[1:]  # the quotation goes on in the next paragraph
        for j in open_:
            ch = para[j]
            yield Hit(
                base + j, base + j + 1, f"{NAMES[ch]}{ch}在本段内没有对应的{NAMES[PAIRS[ch]]}"
            )
        for j in crossed:
            ch = para[j]
            yield Hit(
                base + j, base + j + 1, f"{NAMES[ch]}{ch}没有在外层标点之内闭合（成对标点交叉）"
            )
        for j in stray:
            ch = para[j]
            yield Hit(
                base + j, base + j + 1, f"{NAMES[ch]}{ch}在本段内前面没有对应的{NAMES[CLOSERS[ch]]}"
            )


def find_nested(ctx: ArticleContext) -> Iterator[Hit]:
    text = ctx.text
    if text.count("“") < 2:
        return
    for base, para in _paragraphs(text):
        if para.count("“") < 2 or para.count("“") != para.count("”"):
            continue
        depth = 0
        inner_start = -1
        ok = True
        inner: list[tuple[int, int]] = []
        for m in re.finditer("[“”]", para):
            if m.group() == "“":
                depth += 1
                if depth == 2:
                    inner_start = m.start()
            else:
                depth -= 1
                if depth < 0:
                    ok = False
                    break
                if depth == 1 and inner_start >= 0:
                    inner.append((inner_start, m.start()))
                    inner_start = -1
        if not ok or depth != 0:
            continue
        for s, e in inner:
            content = para[s + 1 : e].translate({0x2018: "“", 0x2019: "”"})
            yield Hit(
                base + s,
                base + e + 1,
                "双引号里面又用了双引号，里层应改用单引号‘’",
                suggestion=f"‘{content}’",
            )


RULES = [
    Rule(
        id="punctuation.paired_marks",
        category="punctuation",
        severity="warning",
        title="成对标点不配对",
        title_en="Paired marks do not pair up",
        messages=(
            Msg(
                "{name}{mark}在本段内没有对应的{other}",
                "The {name} “{mark}” has no matching {other} in this paragraph",
                patterns={"mark": "."},
            ),
            Msg(
                "{name}{mark}在本段内前面没有对应的{other}",
                "The {name} “{mark}” has no matching {other} before it in this paragraph",
                patterns={"mark": "."},
            ),
            Msg(
                "{name}{mark}没有在外层标点之内闭合（成对标点交叉）",
                "The {name} “{mark}” does not close inside the enclosing marks (paired marks cross)",
                patterns={"mark": "."},
            ),
        ),
        terms_en={
            "前引号": "opening quotation mark",
            "后引号": "closing quotation mark",
            "单前引号": "opening single quotation mark",
            "单后引号": "closing single quotation mark",
            "前括号": "opening parenthesis",
            "后括号": "closing parenthesis",
            "前书名号": "opening title mark",
            "后书名号": "closing title mark",
            "单前书名号": "opening single title mark",
            "单后书名号": "closing single title mark",
            "前方头括号": "opening square bracket",
            "后方头括号": "closing square bracket",
            "前直角引号": "opening corner bracket",
            "后直角引号": "closing corner bracket",
            "前双直角引号": "opening double corner bracket",
            "后双直角引号": "closing double corner bracket",
        },
        explanation=(
            "引号、括号、书名号等成对标点应成对使用（GB/T 15834-2011）。"
            "引文分为几个段落时，每段开头用前引号，只在最后一段末尾用后引号（4.1.3.4），"
            "这种情况不报。"
        ),
        must_flag=(
            "深入践行“两山理念的实践，取得显著成效。",
            "这是一次重要会议）。",
            "他出版了《制度论，影响很大。",
            "【重要提示请注意。",
            "他说：“我们要坚持‘两个毫不动摇。”",
        ),
        must_pass=(
            "他说：“第一段话。\n“第二段话。\n“第三段话。”",
            "深入践行“两山”理念。",
            "加强监管（试行）。",
            "1）加强监管；2）优化服务。",
            "专精特新‘小巨人’企业",
            "He said he didn’t know.",
            "“‘15分钟公共法律服务圈’方便了我们群众办事。”",
            "《周礼·冬官考工记》记载",
        ),
        func=find_paired,
    ),
    Rule(
        id="punctuation.nested_quotes",
        category="punctuation",
        severity="warning",
        title="双引号内套用双引号",
        title_en="Double quotation marks inside double quotation marks",
        messages=(
            Msg(
                "双引号里面又用了双引号，里层应改用单引号‘’",
                "Double quotation marks inside double quotation marks; the inner pair should be single quotes ‘’",
            ),
        ),
        explanation=(
            "引号里面还要用引号时，外面一层用双引号，里面一层用单引号（GB/T 15834-2011，4.1.3.2）。"
        ),
        must_flag=(
            "他说：“这个“紊”字用得好。”",
            "“我们要把“两山”理念落到实处，久久为功。”他说。",
        ),
        must_pass=(
            "他说：“这个‘紊’字用得好。”",
            "“两山”理念和“八八战略”",
            "“两山”\n“理念”",
            "“A“B”",
        ),
        func=find_nested,
    ),
]
