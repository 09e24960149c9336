"""consistency.term_variant: a quoted term used several times, and once in a near-identical form.

“先进性+世界级” ×6 and “先进性+世界性” ×1; “腾笼换鸟” ×6 and “腾笼换岛” ×1.

Precision first, a variant V of the majority form M is flagged only when:

* both are quoted terms of 4–16 characters, of the same length, differing in
  exactly one character;
* M occurs at least 3 times in the issue (quoted or not, all articles and the
  table of contents), V at most twice, and M at least twice as often as V plus one;
* the two differing characters are not both numerals (“一号工程”/“二号工程”) and
  not a known contrastive pair (上/下, 内/外 … ``consistency_term_pairs.txt``);
* M and V never stand in the same sentence (then they are compared, not confused).
"""

from __future__ import annotations

import re

from editor_app.checks.core import Hit, IssueContext, IssueExample, Rule
from editor_app.checks.messages import Msg

QUOTED_RE = re.compile(r"“([^“”\n]{4,16})”")
NUMERAL_CHARS = set("零〇一二两三四五六七八九十百千万亿0123456789")
SENT_SPLIT = re.compile(r"[。！？!?；;\n]")


def _pairs(resources) -> tuple[set[frozenset[str]], set[frozenset[str]]]:
    """(known distinct character pairs, known distinct term pairs)."""
    chars: set[frozenset[str]] = set()
    terms: set[frozenset[str]] = set()
    try:
        lines = resources.word_list("consistency_term_pairs")
    except OSError:
        return chars, terms
    for line in lines:
        parts = line.split()
        if len(parts) != 2:
            continue
        a, b = parts
        (chars if len(a) == 1 and len(b) == 1 else terms).add(frozenset((a, b)))
    return chars, terms


def check(ctx: IssueContext):
    texts = {**ctx.other_texts, **ctx.texts}
    occurrences: dict[str, list[tuple[str, int, int]]] = {}
    for sid, text in texts.items():
        for m in QUOTED_RE.finditer(text):
            occurrences.setdefault(m.group(1), []).append((sid, m.start(1), m.end(1)))
    if len(occurrences) < 2:
        return
    # terms differing in one position share a wildcard key
    buckets: dict[str, list[str]] = {}
    for term in occurrences:
        for i in range(len(term)):
            buckets.setdefault(term[:i] + "\x00" + term[i + 1 :], []).append(term)
    total_cache: dict[str, int] = {}

    def total(term: str) -> int:
        if term not in total_cache:
            total_cache[term] = sum(t.count(term) for t in texts.values())
        return total_cache[term]

    char_pairs, term_pairs = _pairs(ctx.resources)
    flagged: set[str] = set()
    for key, terms in buckets.items():
        if len(terms) < 2:
            continue
        i = key.index("\x00")
        for v in terms:
            if v in flagged or len(occurrences[v]) > 2:
                continue
            best = None
            for m in terms:
                if m == v:
                    continue
                tm, tv = total(m), total(v)
                if tm < 3 or tv > 2 or tm < 2 * tv + 1:
                    continue
                a, b = m[i], v[i]
                if (a in NUMERAL_CHARS and b in NUMERAL_CHARS) or frozenset((a, b)) in char_pairs:
                    continue
                if frozenset((m, v)) in term_pairs:
                    continue
                if _slot(m, i) or _productive(m, i, texts):
                    continue
                if any(
                    m in s and v in s
                    for t in texts.values()
                    if m in t and v in t
                    for s in SENT_SPLIT.split(t)
                ):
                    continue
                if best is None or tm > total(best):
                    best = m
            if best is None:
                continue
            flagged.add(v)
            related = []
            seen_segs = set()
            for sid, s, e in occurrences[best]:
                if sid not in seen_segs:
                    related.append((sid, s, e))
                    seen_segs.add(sid)
                if len(related) >= 3:
                    break
            marks_only = not (best[i].isalnum() and v[i].isalnum())
            for sid, s, e in occurrences[v]:
                yield Hit(
                    start=s,
                    end=e,
                    segment_id=sid,
                    severity="info" if marks_only else None,
                    message=(
                        f"提法前后不一：本期“{best}”出现{total(best)}次，此处作“{v}”"
                        f"（“{best[i]}”与“{v[i]}”之差），请核对"
                    ),
                    suggestion=best,
                    related=related,
                )


def _slot(term: str, i: int) -> bool:
    """Position ``i`` is the open slot of a reduplicative formula (一企一策, 有X有Y)."""
    for j in (i - 1, i + 1):
        k = j + 2 if j == i - 1 else j - 2
        if 0 <= j < len(term) and 0 <= k < len(term) and term[j] == term[k] and term[j] != term[i]:
            return True
    return False


def _productive(term: str, i: int, texts: dict[str, str]) -> bool:
    """Three or more different characters fill position ``i`` in the issue: a pattern, not a typo."""
    rx = re.compile(re.escape(term[:i]) + "(.)" + re.escape(term[i + 1 :]))
    fillers = set()
    for t in texts.values():
        fillers.update(m.group(1) for m in rx.finditer(t))
        if len(fillers) >= 3:
            return True
    return False


def _ex(*texts: str, note: str = "") -> IssueExample:
    return IssueExample(articles={f"第{i + 1}篇": t for i, t in enumerate(texts)}, note=note)


RULES = [
    Rule(
        id="consistency.term_variant",
        category="consistency",
        severity="warning",
        title="同一提法前后不一致",
        title_en="The same term written in different ways",
        messages=(
            Msg(
                "提法前后不一：本期“{best}”出现{n}次，此处作“{v}”（“{a}”与“{b}”之差），请核对",
                "Term written differently: this issue has “{best}” {n} times, here “{v}” (“{a}” against “{b}”); please check",
            ),
        ),
        explanation=(
            "同一期刊物中，加引号的固定提法、口号应前后一致。某一提法反复出现而另有一处只差一字，多为笔误（“腾笼换鸟”误作“腾笼换岛”）。"
            "只在多数形式至少出现3次、变体仅出现一两次、两者长度相同且只差一字时提示；"
            "差在数字（“一号工程”“二号工程”）或成对概念（上/下、内/外）的，以及两者在同一句中对举的，不作提示。"
            "依据：《出版物编校质量差错认定细则》关于前后不一致的规定；GB/T 15834-2011《标点符号用法》引号用于特定称谓。"
        ),
        must_flag=(
            _ex(
                "全市深化“腾笼换鸟”改革。",
                "把“腾笼换鸟”作为转型抓手。各地“腾笼换鸟”成效明显。",
                "下一步要持续推进“腾笼换岛”。",
                note="腾笼换岛",
            ),
            _ex(
                "让“品质+国际化”成为鲜明标识。",
                "锚定“品质+国际化”目标。",
                "聚焦“品质+国际化”，推动转型。要让“品质+国际性”成为标识。",
                note="国际化/国际性",
            ),
        ),
        must_pass=(
            _ex(
                "推动“一号工程”落地。",
                "实施“一号工程”。深化“一号工程”。",
                "部署“二号工程”。",
                note="数字不同",
            ),
            _ex(
                "坚持“上游企业”带动。",
                "“上游企业”增多，“上游企业”集聚。",
                "“下游企业”受益。",
                note="成对概念",
            ),
            _ex(
                "落实“链长+链主”机制。",
                "发挥“链长+链主”作用，健全“链长+链主”协同。",
                "区分“链长+链主”与“链长+盟主”的分工。",
                note="同句对举",
            ),
            _ex(
                "实施“雄鹰行动”。",
                "推进“雄鹰行动”，启动“雏鹰行动”。",
                "开展“雏鹰行动”，深化“雄鹰行动”。",
                note="两种都常用",
            ),
            _ex("推进“数字化改革”。", "深化“数字化改造”。", note="各出现一次"),
            _ex(
                "坚持“一企一策”帮扶。",
                "推行“一企一策”，落实“一企一策”。",
                "建立培育库，“一库一策”分类培育。",
                note="一X一策的空位",
            ),
            _ex(
                "实施“减污降碳行动”。",
                "深化“减污降碳行动”，推进“减污扩绿行动”。",
                "开展“减污增效行动”和“减污降碳行动”。",
                "启动“减污提质行动”。",
                note="同一位置有多种填法",
            ),
        ),
        func=check,
        scope="issue",
    )
]
