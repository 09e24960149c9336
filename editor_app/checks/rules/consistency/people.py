"""consistency.person_title: one person with two incompatible titles, or one post with two holders.

Read in every prose segment (articles, news pages, sponsored pages).
Precision first: only the heads of party committees and governments are read
(省委书记 市委书记 县委书记 区委书记 省长 市长 县长 区长), only when written as
``[place]title+name`` with a name that starts with a known surname
(``resources/checks/consistency_surnames.txt``) and is followed by a
boundary (punctuation, 表示/说/指出/强调/在 …). Deputies (副市长, 常务副县长) and
past posts (时任, 原, 前, 曾任) are skipped. Conflicts reported:

* the same name as 市委书记 and as 市长 of the same place (or as the same post
  in two different named places);
* the same post of the same place with two different names; a post without a
  place is compared only at province level (省委书记, 省长), because 市委书记
  without a place means a different city in each article.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from editor_app.checks.core import Hit, IssueContext, IssueExample, Rule
from editor_app.checks.messages import Msg
from editor_app.checks.segments import PROSE_KINDS

TITLES = ("省委书记", "市委书记", "县委书记", "区委书记", "省长", "市长", "县长", "区长")
LEVEL = {t: t[0] for t in TITLES}  # 省/市/县/区
KIND = {t: ("party" if t.endswith("书记") else "gov") for t in TITLES}
BOUNDARY = (
    r"(?=[，,。；;、：:（(“”\s]|表示|说|指出|强调|介绍|认为|在|到|一行|同志|等|主持|出席|调研|会见|带队|讲话|提出|要求"
    r"|为|向|对|与|和|就|率|带领|参加|来到|深入|走访|赴|同|也|还|则|曾|先后|亲自|专门|$)"
)
PAST = re.compile("(?:时任|原|前|曾任|历任|已故)$")
PAST_ANY = re.compile("时任|曾任|历任|原任|前任|已故")
STRIP_PLACE = re.compile("^(?:中共)")
STOP_CHARS = set(
    "由在对向和与的是了会议上中时将把被为等及并就从于请经据称记者讲话说指出强调今去近日前当此目随同年月任原"
)


@functools.lru_cache(maxsize=4)
def surname_re(resources) -> str:
    """A regular expression (text) for a surname: the compound ones of
    ``consistency_surnames.txt`` (two characters a line), then the single ones."""
    singles: set[str] = set()
    compounds: list[str] = []
    for line in resources.word_list("consistency_surnames"):
        if len(line) == 2:
            compounds.append(line)
        else:
            singles.update(line)
    return "(?:" + "|".join(compounds + [f"[{''.join(sorted(singles))}]"]) + ")"


@functools.lru_cache(maxsize=4)
def _pattern(resources) -> re.Pattern:
    surname = surname_re(resources)
    return re.compile(
        r"(?P<title>"
        + "|".join(TITLES)
        + r")(?P<name>"
        + surname
        + r"[\u4e00-\u9fff]{1,2}?)"
        + BOUNDARY,
        re.M,
    )


@dataclass
class Mention:
    seg: str
    start: int
    end: int
    place: str
    title: str
    name: str


def _place(before: str, title: str) -> str | None:
    """Place written right before the title ('' for none); None for a deputy or past post.

    The place is the longest run of 2–4 Han characters ending right before the
    title that holds no function character (会议由省委书记 has no place,
    会上，嘉兴市委书记 has 嘉兴).
    """
    if before.endswith(("副", "代")) or PAST.search(before) or PAST_ANY.search(before):
        return None
    run = re.search(r"[\u4e00-\u9fff]*$", before).group()
    place = ""
    for k in range(min(4, len(run)), 1, -1):
        cand = run[-k:]
        if not STOP_CHARS.intersection(cand):
            place = cand
            break
    if place and PAST.search(before[: len(before) - len(place)]):
        return None
    place = STRIP_PLACE.sub("", place)
    level = LEVEL[title]
    if place.endswith(level):
        place = place[:-1]
    if place.endswith(("省", "市", "县", "区")) and len(place) > 2:
        place = place[:-1]
    return place if len(place) >= 2 else ""


def _same_place(a: str, b: str) -> bool:
    return a == b or (bool(a) and bool(b) and (a.endswith(b) or b.endswith(a)))


def _mentions(ctx: IssueContext) -> list[Mention]:
    rx = _pattern(ctx.resources)
    out = []
    for seg in ctx.issue.segments:
        if seg.kind not in PROSE_KINDS:
            continue
        text = ctx.text_of(seg.id) or ""
        if not any(t in text for t in TITLES):
            continue
        for m in rx.finditer(text):
            title = m.group("title")
            place = _place(text[max(0, m.start() - 8) : m.start()], title)
            if place is None:
                continue
            out.append(
                Mention(seg.id, m.start("title"), m.end("name"), place, title, m.group("name"))
            )
    return out


def check(ctx: IssueContext):
    mentions = _mentions(ctx)
    reported: set[tuple[str, int]] = set()
    for i, b in enumerate(mentions):
        for a in mentions[:i]:
            msg = None
            if a.name == b.name and a.title != b.title and LEVEL[a.title] == LEVEL[b.title]:
                if _same_place(a.place, b.place) and KIND[a.title] != KIND[b.title]:
                    msg = f"同一人职务不一致：前文称“{a.place}{a.title}{a.name}”，此处称“{b.place}{b.title}{b.name}”"
            elif (
                a.name == b.name
                and a.title == b.title
                and a.place
                and b.place
                and not _same_place(a.place, b.place)
            ):
                msg = f"同一人任职地不一致：前文称“{a.place}{a.title}{a.name}”，此处称“{b.place}{b.title}{b.name}”"
            elif a.name != b.name and a.title == b.title and _same_place(a.place, b.place):
                if a.place or LEVEL[a.title] == "省":
                    msg = f"同一职务人名不一致：前文“{a.place}{a.title}”为{a.name}，此处为{b.name}"
            if msg and (b.seg, b.start) not in reported:
                reported.add((b.seg, b.start))
                yield Hit(
                    start=b.start,
                    end=b.end,
                    segment_id=b.seg,
                    message=msg,
                    related=[(a.seg, a.start, a.end)],
                )
                break


def _ex(*texts: str, note: str = "") -> IssueExample:
    return IssueExample(articles={f"第{i + 1}篇": t for i, t in enumerate(texts)}, note=note)


RULES = [
    Rule(
        id="consistency.person_title",
        category="consistency",
        severity="warning",
        title="人名与职务前后不一致",
        title_en="A person's name and post disagree between places",
        messages=(
            Msg(
                "同一人职务不一致：前文称“{before}”，此处称“{here}”",
                "Same person, different post: earlier “{before}”, here “{here}”",
            ),
            Msg(
                "同一人任职地不一致：前文称“{before}”，此处称“{here}”",
                "Same person, different place of office: earlier “{before}”, here “{here}”",
            ),
            Msg(
                "同一职务人名不一致：前文“{post}”为{before}，此处为{here}",
                "Same post, different name: earlier the “{post}” is “{before}”, here “{here}”",
            ),
        ),
        explanation=(
            "同一期刊物中，同一人的职务、同一职务的任职者应前后一致。"
            "只核对党委书记和政府首长（省委书记、市长等）写作“地名+职务+姓名”的明确说法；"
            "副职、“时任”“原”等过去职务不作比较。"
            "依据：《出版物编校质量差错认定细则》关于人名、职务错误的规定。"
        ),
        must_flag=(
            _ex(
                "会上，嘉兴市委书记王建国强调，要抓好项目。",
                "嘉兴市长王建国表示，将全力推进。",
                note="书记/市长",
            ),
            _ex("省委书记李为民指出，要稳中求进。", "会议由省委书记赵文远主持。", note="一职两人"),
            _ex("湖州市委书记陈志刚在调研时说。", "丽水市委书记陈志刚表示。", note="两地同职"),
        ),
        must_pass=(
            _ex(
                "省委书记李为民指出，要稳中求进。", "省委书记李为民强调，要狠抓落实。", note="一致"
            ),
            _ex(
                "市委书记王建国强调，要抓好项目。",
                "市委书记赵明表示，将全力推进。",
                note="无地名的市委书记",
            ),
            _ex("时任浙江省委书记周大成同志提出。", "浙江省委书记李为民强调。", note="时任"),
            _ex("嘉兴市副市长王建国表示。", "嘉兴市长刘强指出。", note="副职"),
            _ex("由市委书记、市长领衔推进。", "市长说，要抓好落实。", note="无人名"),
        ),
        func=check,
        scope="issue",
    )
]
