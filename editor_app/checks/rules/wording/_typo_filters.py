"""The typo detectors' reading of the text around a place: what explains a suspect
string so that it is no slip — a personal name, a speaker, a company or a place, the
unit after a number, a transliteration, a string printed again in the text or the
issue, a series of parallel coinages or a couplet — and the two places of one change.
Used by both models of ``_typo_model`` (the word model and the context model).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..script._zh import HAN, HAN_RUN_RE, is_han

if TYPE_CHECKING:
    from ._typo_model import Candidate

# what stands right before a personal name in lists and after titles
NAME_LEFT = "、　 ，,（(：:“/／\n是叫"  # 、王正伟 / 部长赵克志 / 我是李希平
# 桐溪县, 梅岭: the characters before a place suffix are not checked
PLACE_SUFFIXES = "省市县区镇乡村州山岭湖岛湾峰江河"
# 部长赵克志, 记者王芳: titles and callings that stand right before a personal name
TITLES = (
    "主席 总理 部长 书记 主任 委员 院长 省长 市长 县长 局长 司长 厅长 处长 代表 记者 首相 总统 "
    "大使 教授 院士 经理 社长 校长 队长 村长 医生 老师 同志 先生 女士 农民 大户 师傅 主持人 "
    "通讯员 工程师 研究员 董事长 负责人 专家"
).split()
NUMERAL_UNITS = "十百千万亿"
_HAN_TAIL_RE = re.compile(f"[{HAN}]+$")
TAIL_LOOK = 40  # characters searched back for the run before a 、
COUPLET_GAP = "，　 ；"  # what stands between the halves of a couplet
# a company or an institution named within the next few characters
ORG_RE = re.compile(
    f"[{HAN}]{{0,8}}?(?:有限公司|有限责任公司|股份|集团|公司|药业|电器|实业|银行|医院)"
)
# characters that mostly write foreign names (马特维延科, 别尔哥罗德, 谢尔盖)
TRANSLIT = frozenset("尔斯维娃诺耶奇兹夫姆普塔罗俄吉伊莫谢索蒂茨佩穆萨阿贝库尼亚洛科基德")
# what follows a speaker's name in news: a verb of saying or a date
SPEAKER_RE = re.compile(r"(?:表示|说|告诉|介绍|指出|认为|称|透露|坦言|感慨|笑着|[0-9０-９]+日)")
# a company named by its trade: 巨合新能源, 晶能微电子, 优尼家装饰
INDUSTRY_RE = re.compile(
    f"[{HAN}]{{0,3}}?(?:新能源|微电子|电子|科技|新材料|材料|能源|智能|制造|化工|医药|生物|装饰"
    "|机械|电气|环保|光电)"
)


def context_ok(
    text: str,
    offset: int,
    run: str,
    c: Candidate,
    surnames: frozenset[str],
    verbs: frozenset[str],
    whole: str = "",
) -> bool:
    """Is the place of ``c`` (at ``c.pos`` of ``run``, which starts at ``offset`` of
    ``text``) free of what explains it? Context the run alone does not show: not inside
    a personal name, not a country's abbreviation before 方, not the unit after a
    number (3.6亿件, 292.1万剂次), not a string that recurs in the text."""
    p = offset + c.pos
    if _in_name(text, p, surnames) or _partner(text, p):
        return False
    if _parallel(text, offset, run, c.pos):
        return False
    nxt, nxt2 = text[p + 1 : p + 2], text[p + 2 : p + 3]
    if (nxt and nxt in PLACE_SUFFIXES) or (nxt2 and nxt2 in PLACE_SUFFIXES):
        return False
    if text[p + 1 : p + 2] == "得" and c.wrong in verbs:
        return False  # a verb and its complement: 网织得更密
    if ORG_RE.match(text, p + 1):
        return False  # inside a company's name: 嘉兴敏华汽车零部件有限公司
    if c.wrong == "摄" and not is_han(text[p + 1 : p + 2]):
        return False  # a photo credit: 陈思远摄
    if offset > 0 and text[offset - 1].isdigit():
        k = 0
        while k < len(run) and run[k] in NUMERAL_UNITS:
            k += 1
        if c.pos <= k:
            return False
    if _transliterated(run, c.pos) or _speaker(text, p, surnames):
        return False  # 别尔哥罗德州, 马特维延科14日表示, 王添柱告诉记者
    if INDUSTRY_RE.match(text, p + 1):
        return False  # a company named by its trade: 巨合新能源, 晶能微电子
    if text[p + 1 : p + 3] == "街道" or text[p + 2 : p + 4] == "街道":
        return False  # 西屏街道
    return not _repeated(text, offset, run, c.pos, c, whole)


def _in_name(text: str, p: int, surnames: frozenset[str]) -> bool:
    """Is ``p`` inside a personal name: a surname at p, p-1 or p-2 that follows
    a list separator, a line start or a title (部长赵克志, 、王正伟（回族）)?"""
    for q in (p, p - 1, p - 2):
        if q < 0 or text[q] not in surnames:
            continue
        if q == 0 or text[q - 1] in NAME_LEFT:
            return True
        before = text[max(0, q - 4) : q]
        if any(before.endswith(t) for t in TITLES):
            return True
        if p - q <= 2 and text[p + 1 : p + 2] in ("　", "、", "（", "("):
            return True
    return False

def _speaker(text: str, p: int, surnames: frozenset[str]) -> bool:
    """Is ``p`` in a two- or three-character personal name that a verb of saying
    or a date follows (王添柱告诉记者, 西山胜夫14日表示)?"""
    for q in (p, p - 1, p - 2):
        if q < 0 or text[q] not in surnames:
            continue
        for e in (q + 2, q + 3):
            if e > p and SPEAKER_RE.match(text, e):
                return True
    return False


def _partner(text: str, p: int) -> bool:
    """A country's one-character abbreviation before 方 (中方愿同柬方一道)."""
    return text[p + 1 : p + 2] == "方" and p > 0 and text[p - 1] in "同与和向对跟、及双"


def _repeated(
    text: str, offset: int, run: str, i: int, cand: Candidate, whole: str = ""
) -> bool:
    """Does the original of the changed word occur twice or more in ``text``
    (or in ``whole``, the issue)?

    A slip is rarely repeated letter for letter; a string that recurs is a
    word the dictionary lacks (抗疫) or a name (尹锡悦)."""
    original = original_string(run, i, cand)
    if len(original) < 2:
        return False
    for t in (text, whole):
        first = t.find(original)
        if first >= 0 and t.find(original, first + 1) >= 0:
            return True
    return False


def original_string(run: str, i: int, cand: Candidate) -> str:
    """What the text prints where ``cand`` (at ``i`` of ``run``, or of the text) would
    put its new word: the 2-4 characters its word replaces (特续 for 持续), or the two
    places of a pair."""
    w = cand.word
    for k in range(len(w)):
        a = i - k
        if a >= 0 and run[a:i] + cand.right + run[i + 1 : a + len(w)] == w:
            return run[a : a + len(w)]
    # a pair: the word replaces two characters
    return run[i : i + 2] if cand.right == w[0] else run[max(0, i - 1) : i + 1]


def _transliterated(run: str, i: int) -> bool:
    """Two characters of foreign names' transliteration within two places of ``i``
    (马特维延科, 别尔哥罗德州)."""
    return sum(ch in TRANSLIT for ch in run[max(0, i - 2) : i + 3]) >= 2


def _parallel(text: str, offset: int, run: str, i: int) -> bool:
    """Is the place ``i`` of ``run`` in one of a series of coined parallel terms
    (信息资源联享、开放服务联攻; 提质、增效)? A neighbouring run across 、 whose
    first (or last) two characters share a character at the same place with
    ours, when the place is among our first (or last) two characters; or, for
    four-character phrases, another character at the same place (串珠成链、聚链成群)."""
    end = offset + len(run)
    neighbours = []
    if len(run) == 4:
        # antithetical four-character phrases: 行者常至　为者常成, 行远自迩，笃行不怠
        if offset >= 5 and text[offset - 1] in COUPLET_GAP:
            neighbours.append(text[offset - 5 : offset - 1])
        if text[end : end + 1] in COUPLET_GAP and end + 1 < len(text):
            m = HAN_RUN_RE.match(text, end + 1)
            if m and len(m.group()) == 4:
                neighbours.append(m.group())
    if offset >= 2 and text[offset - 1] == "、":
        m = _HAN_TAIL_RE.search(text, max(0, offset - 1 - TAIL_LOOK), offset - 1)
        if m and m.end() == offset - 1:
            neighbours.append(m.group())
    if text[end : end + 1] == "、":
        m = HAN_RUN_RE.match(text, end + 1)
        if m:
            neighbours.append(m.group())
    for other in neighbours:
        if len(other) < 2:
            continue
        if len(run) == len(other) == 4 and any(other[k] == run[k] for k in range(4) if k != i):
            return True  # a series of four-character phrases: 串珠成链、聚链成群
        if i < 2 and (other[0] == run[0] or other[1] == run[1]):
            return True
        if i >= len(run) - 2 and (other[-1] == run[-1] or other[-2] == run[-2]):
            return True
    return False


def echoed(run: str, i: int) -> bool:
    """Is place ``i`` in a pattern that repeats a character around it (随借随还,
    同线同标同质, 边查边改, 村看村): parallel coinages, whatever the model prefers."""
    n = len(run)
    return (
        (0 < i < n - 1 and run[i - 1] == run[i + 1])
        or (i >= 2 and run[i] == run[i - 2])  # 村看村，户看户
        or (i + 2 < n and run[i] == run[i + 2])
        or (i >= 3 and run[i - 1] == run[i - 3])
        or (i + 3 < n and run[i + 1] == run[i + 3])
    )


def best_of_overlapping(cands: list[Candidate]) -> list[Candidate]:
    """Of candidates whose new words would overlap (adjacent places), keep the
    best; the two places of one pair stay together."""
    out: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (-c.score, c.pos)):
        if all(abs(c.pos - o.pos) > 1 or (c.pair and o.pair and c.word == o.word) for o in out):
            out.append(c)
    return sorted(out, key=lambda c: c.pos)
