"""consistency.list_pattern: one line of a regular list breaks the list's pattern.

``中共温州市委 温州市人民政府`` … ``中共义乌市 义乌市人民政府``. Sponsor and
co-organiser lists live in the table of contents or sponsored pages, so the
rule reads the non-article segments (IssueContext.other_texts) as well as the
articles.

A list is a block of at least ``MIN_LINES`` consecutive lines (blank lines
allowed between them) that each consist of the same number (≥ 2) of
space-separated fields of Han characters only, without sentence punctuation.
For each field position the longest prefix and suffix shared by at least
``SHARE`` of the lines is the pattern; a line that misses it in exactly one
field (and at most ``MAX_DEVIANTS`` lines do) is flagged. When the pattern
repeats a stem of another field (中共X市委 / X市人民政府), the fix is suggested.
"""

from __future__ import annotations

import re
from collections import Counter

from editor_app.checks.core import Hit, IssueContext, IssueExample, Rule
from editor_app.checks.messages import Msg

MIN_LINES = 5
SHARE = 0.8
MAX_DEVIANTS = 2
FIELD_RE = re.compile(r"[\u4e00-\u9fff]{2,16}")
SPACES = re.compile(r"[ \u3000\t]+")


def _fields(line: str) -> list[tuple[int, int]] | None:
    """Field spans of a list line, or None when the line is not list-like."""
    if not line.strip() or len(line) > 60:
        return None
    out = []
    for m in re.finditer(r"[^ \u3000\t]+", line):
        if not FIELD_RE.fullmatch(m.group()):
            return None
        out.append((m.start(), m.end()))
    return out if len(out) >= 2 else None


def _blocks(text: str):
    """Yield lists of (line_start, fields) for blocks of same-shaped list lines."""
    block: list[tuple[int, list[tuple[int, int]]]] = []
    pos = 0
    for line in text.split("\n"):
        if not line.strip():
            pos += len(line) + 1
            continue
        f = _fields(line)
        if f is None or (block and len(f) != len(block[0][1])):
            if len(block) >= MIN_LINES:
                yield block
            block = [(pos, f)] if f is not None else []
        else:
            block.append((pos, f))
        pos += len(line) + 1
    if len(block) >= MIN_LINES:
        yield block


def _majority(values: list[str], from_end: bool) -> str:
    """Longest affix shared by at least SHARE of the values ('' if none)."""
    n = len(values)
    best = ""
    for k in range(1, 7):
        c = Counter((v[-k:] if from_end else v[:k]) for v in values if len(v) > k)
        if not c:
            break
        affix, cnt = c.most_common(1)[0]
        if cnt >= SHARE * n and cnt >= MIN_LINES - 1:
            best = affix
        else:
            break
    return best


def _check_block(text: str, block):
    rows = [[text[ls + s : ls + e] for s, e in f] for ls, f in block]
    nf = len(rows[0])
    pre = [_majority([r[j] for r in rows], False) for j in range(nf)]
    suf = [_majority([r[j] for r in rows], True) for j in range(nf)]

    def ok(v: str, j: int) -> bool:
        return (
            v.startswith(pre[j]) and v.endswith(suf[j]) and len(v) > len(pre[j]) + len(suf[j]) - 1
        )

    bad = [(i, [j for j in range(nf) if not ok(r[j], j)]) for i, r in enumerate(rows)]
    bad = [(i, js) for i, js in bad if js]
    if not bad or len(bad) > MAX_DEVIANTS or any(len(js) != 1 for _, js in bad):
        return

    def stem(v: str, j: int) -> str:
        return v[len(pre[j]) : len(v) - len(suf[j])]

    for i, (j,) in bad:
        ls, f = block[i]
        s, e = f[j]
        value = rows[i][j]
        suggestion = None
        for k in range(nf):
            if k == j or not (pre[k] or suf[k]):
                continue
            agree = sum(
                1 for r in rows if ok(r[j], j) and ok(r[k], k) and stem(r[j], j) == stem(r[k], k)
            )
            if agree >= SHARE * len(rows):
                suggestion = pre[j] + stem(rows[i][k], k) + suf[j]
                break
        want = "、".join(
            x
            for x in (f"以“{pre[j]}”开头" if pre[j] else "", f"以“{suf[j]}”结尾" if suf[j] else "")
            if x
        )
        yield Hit(
            start=ls + s,
            end=ls + e,
            message=f"列表格式不一致：同组{len(rows)}行中，其余各行第{j + 1}项均{want}，此行为“{value}”",
            suggestion=suggestion,
        )


def check(ctx: IssueContext):
    texts = {**ctx.other_texts, **ctx.texts}
    for sid, text in texts.items():
        if text.count("\n") < MIN_LINES - 1:
            continue
        for block in _blocks(text):
            for hit in _check_block(text, block):
                hit.segment_id = sid
                yield hit


SPONSORS_OK = "\n".join(
    f"中共{x}委 {x}人民政府"
    for x in ("温州市", "湖州市", "嘉兴市", "金华市", "衢州市", "萧山区", "桐庐县")
)
SPONSORS_BAD = (
    "\n".join(
        f"中共{x}委 {x}人民政府"
        for x in ("温州市", "湖州市", "嘉兴市", "金华市", "衢州市", "萧山区")
    )
    + "\n中共桐庐县 桐庐县人民政府\n中共文成县委 文成县人民政府"
)

RULES = [
    Rule(
        id="consistency.list_pattern",
        category="consistency",
        severity="warning",
        title="列表中个别行格式不一致",
        title_en="A list row breaks the pattern of its group",
        messages=(
            Msg(
                "列表格式不一致：同组{n}行中，其余各行第{col}项均以“{pre}”开头、以“{suf}”结尾，此行为“{value}”",
                "List out of pattern: in this group of {n} rows, field {col} of the other rows begins with “{pre}” and ends with “{suf}”; this row has “{value}”",
            ),
            Msg(
                "列表格式不一致：同组{n}行中，其余各行第{col}项均以“{pre}”开头，此行为“{value}”",
                "List out of pattern: in this group of {n} rows, field {col} of the other rows begins with “{pre}”; this row has “{value}”",
            ),
            Msg(
                "列表格式不一致：同组{n}行中，其余各行第{col}项均以“{suf}”结尾，此行为“{value}”",
                "List out of pattern: in this group of {n} rows, field {col} of the other rows ends with “{suf}”; this row has “{value}”",
            ),
        ),
        explanation=(
            "鸣谢名单、协办单位等成组排列的列表，各行格式应一致；个别行缺字、多字多为遗漏"
            "（“中共X市委 X市人民政府”中一行写成“中共X市 X市人民政府”）。"
            "只检查至少5行、每行由相同数目的汉字项组成的列表，且至少八成的行具有共同的前后缀。"
            "依据：《出版物编校质量差错认定细则》关于前后不一致的规定。"
        ),
        must_flag=(
            IssueExample(
                articles={"正文": "正文。"},
                others=[("toc", "特别鸣谢\n" + SPONSORS_BAD)],
                note="缺“委”字",
            ),
            IssueExample(
                articles={
                    "名单": "协办单位\n杭州市文化局 杭州市体育局\n宁波市文化局 宁波市体育局\n温州市文化局 温州市体育局\n"
                    "嘉兴市文化局 嘉兴市体育局\n湖州市文化 湖州市体育局\n绍兴市文化局 绍兴市体育局"
                },
                note="文章内列表",
            ),
        ),
        must_pass=(
            IssueExample(
                articles={"正文": "正文。"}, others=[("sponsored", SPONSORS_OK)], note="整齐的列表"
            ),
            IssueExample(
                articles={"正文": "正文。"},
                others=[
                    (
                        "editorial_board",
                        "卫中平 马国强 王通达 刘晓明\n尹学文 朱华 刘云 李宁\n杜旭 杨周 来颖 吴伟\n何斌 邱文 陈雷 沈祥\n陆桃 陈重 邵宝 郑纲",
                    )
                ],
                note="人名表",
            ),
            IssueExample(
                articles={"正文": "正文。"},
                others=[
                    (
                        "toc",
                        "省林业局\n省文化馆\n国家统计局调查总队\n市市场监督管理局\n某某机械集团有限公司\n某某银行杭州分行",
                    )
                ],
                note="单列不比",
            ),
        ),
        func=check,
        scope="issue",
    )
]
