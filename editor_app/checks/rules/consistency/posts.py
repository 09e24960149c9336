"""consistency.person_post: one person printed with two different posts.

The post recogniser is data: post head-words (``resources/checks/consistency_posts.tsv``:
书记 省长 市长 局长 董事长 ...), read with a rank prefix (副, 常务副, 代) and the
organisation or place written before them, followed by a name that starts with a
known surname (``consistency_surnames.txt``) or is a person of the house lexicon,
and by a boundary (punctuation, 表示/说/指出 ...). A post listing in apposition
(省委常委、宣传部部长张三) is one person holding every post listed.

Not read: past posts (原, 时任, 曾任, 前, 历任 ... before the post), posts inside
quotation marks or book titles (《市长日记》), the other posts of a listing.

Two posts of one person conflict (precision first: holding two posts at once,
兼任, is common and never a conflict by itself):

* the same post at two ranks in compatible organisations (市长 / 副市长 王建国,
  省委书记 / 省委副书记);
* the same one-holder post in two organisations that cannot be the same
  (湖州市委书记 / 丽水市委书记; 组织部部长 / 宣传部部长);
* party secretary and head of government of the same place (嘉兴市委书记 / 嘉兴市长).

Within the issue, the later mention is a warning with the earlier as related
place. Pairs that ``consistency.person_title`` already reports (heads of party
committees and governments) are left to it. Across the library, the post printed
for the person in the most recent earlier issue (``LibraryFacts.posts``) is the
reference: another post now (a conflict, or another one-holder post of the same
organisation: 副市长 -> 市委书记 of 丽水) is an info naming that issue (posts change);
a post of the house lexicon (``LibraryFacts.lexicon``, kind person) that
conflicts is a warning.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from editor_app.checks.core import Hit, IssueContext, IssueExample, LibraryFacts, Rule
from editor_app.checks.lexicon import LexiconItem, PostFact
from editor_app.checks.messages import Msg
from editor_app.checks.segments import PROSE_KINDS

from .people import BOUNDARY as _PEOPLE_BOUNDARY
from .people import surname_re

# what may follow a name: people.py's boundary, and a few verbs of reports
BOUNDARY = _PEOPLE_BOUNDARY.replace("(?=", "(?=致辞|发言|宣布|作|答|透露|坦言|告诉|接受|看望|会见|介绍|通报|签署|颁发|陪同|共同|一同|一起|分别|同时|的||", 1).replace("||", "|")

HAN = "\u4e00-\u9fff"
RANK = "(?:常务副|副|代)"
PAST_BEFORE = re.compile("(?:原任?|时任|曾任|前任|历任|已故|前|退休|老)$")
PAST_START = re.compile("(?:原|前|时任|曾任|历任|已故)")  # 原嘉兴市市长: past, written inside the organisation
# characters that end the organisation written before a post (function words, verbs' tails)
ORG_STOP = set(
    "的是了在由对向和与及并就从于为被把将等据称说讲请经今去近日时同随也还都又再已曾让使给以即"
    "听取会见陪同主持出席看望慰问表示指出强调要求带领率到赴至和任现当"
)
# the last character of a name of an organisation or place
ORG_END = set("省市县区州盟旗乡镇村委局厅部办处科院校所会司行社团队站馆台中心组府署厂场学室庭")
HEADS_OF_GOVERNMENT = ("省长", "市长", "县长", "区长", "州长")
MAX_ORG = 12


@dataclass(frozen=True)
class Post:
    org: str  # 嘉兴市, 省委, 市交通运输局; "" when none is written
    head: str  # as printed: 副市长

    @property
    def family(self) -> str:
        return re.sub(f"^{RANK}", "", self.head)

    @property
    def deputy(self) -> bool:
        return self.head != self.family and not self.head.startswith("代")

    @property
    def acting(self) -> bool:
        return self.head.startswith("代")

    def __str__(self) -> str:
        return self.org.removeprefix(VAGUE) + self.head


@dataclass
class Mention:
    seg: str
    start: int  # the post listing's start
    end: int  # the name's end
    name: str
    posts: tuple[Post, ...]

    def text(self) -> str:
        return "、".join(map(str, self.posts)) + self.name


@functools.lru_cache(maxsize=4)
def _heads(resources) -> dict[str, str]:
    return {row[0]: (row[1] if len(row) > 1 else "head") for row in resources.table("consistency_posts")}


@functools.lru_cache(maxsize=16)
def _pattern(resources, lexicon_names: tuple[str, ...]) -> re.Pattern:
    surname = surname_re(resources)
    heads = sorted(_heads(resources), key=len, reverse=True)
    name = surname + f"[{HAN}]{{1,2}}?"
    if lexicon_names:
        name = "(?:" + "|".join(map(re.escape, lexicon_names)) + ")|" + name
    # the rank prefix (副, 常务副, 代) is read by looking back from the match: an optional
    # group in front of the alternation makes the scan several times slower
    return re.compile("(?P<head>" + "|".join(heads) + f")(?P<name>{name})" + BOUNDARY)


RANK_BEFORE = re.compile(f"{RANK}$")


@functools.lru_cache(maxsize=4)
def _head_at_end(resources) -> re.Pattern:
    heads = sorted(_heads(resources), key=len, reverse=True)
    return re.compile(f"{RANK}?(?:" + "|".join(heads) + ")$")


def parse_post(text: str, resources) -> Post | None:
    """``嘉兴市副市长`` -> Post(嘉兴市, 副市长); None when no head-word ends ``text``."""
    m = _head_at_end(resources).search(text.strip())
    if m is None:
        return None
    return Post(_org(text.strip()[: m.start()]), m.group())


# what follows a post head-word inside the name of an organisation (总经理办公室, 书记处)
OFFICE_OF = ("办公室", "办", "处", "室", "热线", "信箱", "工作室", "基金")
VAGUE = "~"  # prefix of an organisation the recogniser could not read (not an org suffix)


def _org(run: str) -> str:
    """The organisation at the end of ``run`` (Han characters before a head-word): ""
    when none is written, ``~...`` when the characters there do not end like the name
    of an organisation or place (the comparisons then stay silent)."""
    k = len(run)
    while k > 0 and run[k - 1] not in ORG_STOP and len(run) - k < MAX_ORG:
        k -= 1
    org = re.sub("^中共", "", run[k:])
    if not org:
        return ""
    return org if org[-1] in ORG_END else VAGUE + org


def _shielded(text: str) -> list[tuple[int, int]]:
    """Spans inside book titles and quotation marks."""
    out = []
    for m in re.finditer(r"《[^《》\n]{0,60}》|“[^“”\n]{0,80}”|「[^「」\n]{0,80}」", text):
        out.append((m.start(), m.end()))
    return out


def _chain(text: str, start: int, resources) -> tuple[list[Post], int, bool] | None:
    """Posts listed before the head-word at ``start`` (each with its organisation):
    (posts, start of the listing, past). Walks back over 、-separated posts."""
    posts: list[Post] = []
    pos = start
    head_rx = _head_at_end(resources)
    while True:
        a = pos
        while a > 0 and re.match(f"[{HAN}]", text[a - 1]) and pos - a < MAX_ORG + 6:
            a -= 1
        run = text[a:pos]
        # an earlier post written without a separator: 省委常委宣传部 -> 常委 | 宣传部
        cut = None
        for k in range(len(run) - 1, 0, -1):
            if head_rx.search(run[:k]):
                cut = k
                break
        if cut and run[cut:].startswith(OFFICE_OF):
            cut = None  # 总经理办公室主任: the office of a post is an organisation
        org_run = run[cut:] if cut else run
        org = _org(org_run)
        org_start = pos - len(org.removeprefix(VAGUE))
        lead = text[max(0, org_start - 4) : org_start]
        if (
            PAST_BEFORE.search(lead)
            or PAST_START.match(org.removeprefix(VAGUE))
            or re.search("(?:时任|曾任|历任|原任)", text[max(0, org_start - 8) : org_start])
        ):
            return posts, org_start, True
        if posts:
            posts[-1] = Post(org, posts[-1].head)
        else:
            posts.append(Post(org, ""))  # filled by the caller
        if cut:
            m = head_rx.search(run[:cut])
            posts.append(Post("", m.group()))
            pos = a + m.start()
            continue
        if org_start >= 2 and text[org_start - 1] == "、":
            m = head_rx.search(text[max(0, org_start - 1 - MAX_ORG - 4) : org_start - 1])
            if m is not None:
                posts.append(Post("", m.group()))
                pos = org_start - 1 - len(m.group())
                continue
        return posts, org_start, False


_MENTIONS: dict[tuple, list[Mention]] = {}
MENTIONS_CACHE = 512  # texts: the rule and the service that records posts read the same texts


def mentions_in(text: str, seg: str, resources, lexicon: tuple = ()) -> list[Mention]:
    """The people named with a current post in ``text`` (past posts left out). Cached by
    text: a check and the recording of the issue's posts right after it read them once."""
    lex_names = tuple(sorted({i.term for i in lexicon if i.kind == "person"}, key=len, reverse=True))
    key = (text, seg, id(resources), lex_names)
    got = _MENTIONS.get(key)
    if got is None:
        got = _mentions_in(text, seg, resources, lex_names)
        if len(_MENTIONS) >= MENTIONS_CACHE:
            _MENTIONS.clear()
        _MENTIONS[key] = got
    return list(got)


_BOUNDARY_WORDS = tuple(w for w in re.findall(f"[{HAN}]+", BOUNDARY) if len(w) >= 2)


@functools.lru_cache(maxsize=4)
def _not_names(resources) -> tuple[str, ...]:
    return tuple(resources.word_list("consistency_not_names"))


def _is_name(name: str, resources, lex_names: tuple[str, ...]) -> bool:
    """A candidate after a post is no name when it starts with a word of
    ``consistency_not_names.txt`` (总统商定) or its tail is a reporting verb (曾强调)."""
    if name in lex_names:
        return True
    if name.startswith(_not_names(resources)):
        return False
    return not any(name[j:].startswith(_BOUNDARY_WORDS) for j in range(1, len(name)))


def _mentions_in(text: str, seg: str, resources, lex_names: tuple[str, ...]) -> list[Mention]:
    heads = _heads(resources)
    if not any(h in text for h in heads):
        return []
    rx = _pattern(resources, lex_names)
    shielded = None
    out: list[Mention] = []
    for m in rx.finditer(text):
        if shielded is None:
            shielded = _shielded(text)
        if any(s < m.end("name") and m.start() < e for s, e in shielded):
            continue
        if not _is_name(m.group("name"), resources, lex_names):
            continue
        head_start = m.start("head")
        rank = RANK_BEFORE.search(text, max(0, head_start - 3), head_start)
        if rank is not None:
            head_start = rank.start()
        got = _chain(text, head_start, resources)
        if got is None:
            continue
        posts, start, past = got
        if past or not posts:
            continue
        posts[0] = Post(posts[0].org, text[head_start : m.end("head")])
        out.append(Mention(seg, start, m.end("name"), m.group("name"), tuple(posts)))
    return out


def _compatible_org(a: str, b: str) -> bool | None:
    """True: may be the same organisation; False: cannot be; None: one was not read."""
    if a.startswith(VAGUE) or b.startswith(VAGUE):
        return None
    if not a or not b or a.endswith(b) or b.endswith(a):
        return True
    return _subsequence(a, b) or _subsequence(b, a)


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _place(org: str) -> str:
    return re.sub("(?:省|市|县|区|州)?委?$", "", org)


def post_conflict(a: Post, b: Post, heads: dict[str, str]) -> str | None:
    """Why one person cannot hold ``a`` and ``b`` at once (None: they can)."""
    if a == b:
        return None
    fa, fb = a.family, b.family
    if fa == fb:
        if a.acting or b.acting:
            return None
        if a.deputy != b.deputy and _compatible_org(a.org, b.org) is True:
            return "职级不一致"
        if (
            a.head == b.head
            and heads.get(fa) == "head"
            and a.org
            and b.org
            and _compatible_org(a.org, b.org) is False
        ):
            return "任职单位不一致"
        return None
    pair = {fa, fb}
    if "书记" in pair and pair & set(HEADS_OF_GOVERNMENT) and not (a.deputy or b.deputy):
        sec, gov = (a, b) if fa == "书记" else (b, a)
        level = gov.family[0]
        if sec.org.endswith(level + "委") and _place(sec.org) and _place(sec.org) == _place(gov.org):
            return "党委书记与政府首长"
    return None


def post_changed(a: Post, b: Post, heads: dict[str, str]) -> str | None:
    """Why ``b`` is another post than ``a`` of the same organisation (across issues: posts
    change): a conflict, or another one-holder post of an organisation written in both
    (丽水市副市长 -> 丽水市委书记, 嘉兴市市长 -> 嘉兴市政协主席)."""
    why = post_conflict(a, b, heads)
    if why:
        return why
    if (
        a.family != b.family
        and heads.get(a.family) == "head"
        and heads.get(b.family) == "head"
        and a.org
        and b.org
        and _compatible_org(a.org, b.org) is True
    ):
        return "职务变动"
    return None


def _conflict(ma: Mention, mb: Mention, heads, test=post_conflict) -> tuple[Post, Post, str] | None:
    """Two mentions of one name conflict when no post of one agrees with a post of the
    other and some pair of their posts conflicts (``test``)."""
    found = None
    for pa in ma.posts:
        for pb in mb.posts:
            if pa == pb or (pa.head == pb.head and _compatible_org(pa.org, pb.org) is not False):
                return None
            why = test(pa, pb, heads)
            if why and found is None:
                found = (pa, pb, why)
    return found


def _person_title_pair(a: Post, b: Post) -> bool:
    """consistency.person_title reports this pair (heads of party committees and governments)."""

    def top(p: Post) -> bool:
        if p.deputy or p.acting:
            return False
        return p.family in HEADS_OF_GOVERNMENT[:4] or (p.family == "书记" and p.org.endswith(("省委", "市委", "县委", "区委")))

    return top(a) and top(b)


def issue_mentions(ctx: IssueContext) -> list[Mention]:
    lexicon = ctx.library.lexicon
    out: list[Mention] = []
    for seg in ctx.issue.segments:
        if seg.kind not in PROSE_KINDS:
            continue
        text = ctx.text_of(seg.id) or ""
        out.extend(mentions_in(text, seg.id, ctx.resources, lexicon))
    return out


def _lexicon_posts(lexicon: tuple, resources) -> dict[str, list[Post]]:
    out: dict[str, list[Post]] = {}
    for item in lexicon:
        if isinstance(item, LexiconItem) and item.kind == "person" and item.post:
            for part in re.split("[、,，;；]", item.post):
                p = parse_post(part, resources)
                if p is not None:
                    out.setdefault(item.term, []).append(p)
    return out


def check(ctx: IssueContext):
    heads = _heads(ctx.resources)
    mentions = issue_mentions(ctx)
    reported: set[tuple[str, int]] = set()
    pairs: set[tuple[str, str, str]] = set()
    for i, b in enumerate(mentions):
        for a in mentions[:i]:
            if a.name != b.name:
                continue
            got = _conflict(a, b, heads)
            if got is None or _person_title_pair(got[0], got[1]):
                continue
            pa, pb, why = got
            key = (b.name, str(pa), str(pb))
            if key in pairs or (b.seg, b.start) in reported:
                continue
            pairs.add(key)
            reported.add((b.seg, b.start))
            yield Hit(
                start=b.start,
                end=b.end,
                segment_id=b.seg,
                message=f"同一人职务不一致（{why}）：前文称“{a.text()}”，此处称“{b.text()}”，请核对",
                related=[(a.seg, a.start, a.end)],
            )
            break
    yield from _against_library(ctx, mentions, heads, reported)


def _against_library(ctx: IssueContext, mentions: list[Mention], heads, reported) -> list[Hit]:
    facts: LibraryFacts = ctx.library
    lex = _lexicon_posts(facts.lexicon, ctx.resources)
    earlier: dict[str, list[PostFact]] = {}
    for f in facts.posts:
        if isinstance(f, PostFact):
            earlier.setdefault(f.name, []).append(f)
    if not lex and not earlier:
        return []
    out = []
    seen: set[tuple[str, str]] = set()
    for m in mentions:
        key = (m.name, m.text())
        if key in seen or (m.seg, m.start) in reported:
            continue
        ref = lex.get(m.name)
        if ref:
            probe = Mention("", 0, 0, m.name, tuple(ref))
            got = _conflict(probe, m, heads)
            if got is not None:
                seen.add(key)
                out.append(Hit(
                    start=m.start, end=m.end, segment_id=m.seg, severity="warning",
                    message=f"职务与词库不一致：词库记{m.name}为“{'、'.join(map(str, ref))}”，此处称“{m.text()}”，请核对",
                ))
                continue
        facts_of = earlier.get(m.name)
        if not facts_of:
            continue
        probe = Mention("", 0, 0, m.name, tuple(Post(f.org, f.head) for f in facts_of))
        got = _conflict(probe, m, heads, post_changed)
        if got is None:
            continue
        seen.add(key)
        f = next(f for f in facts_of if Post(f.org, f.head) == got[0])
        out.append(Hit(
            start=m.start, end=m.end, segment_id=m.seg, severity="info",
            message=f"职务与往期不同：{f.label}称“{f.post}{m.name}”，此处称“{m.text()}”（职务可能已变动，请核对）",
        ))
    return out


def _ex(*texts: str, note: str = "", library: LibraryFacts | None = None) -> IssueExample:
    return IssueExample(articles={f"第{i + 1}篇": t for i, t in enumerate(texts)}, note=note, library=library)


_EARLIER = LibraryFacts(posts=(PostFact("周明远", "丽水市副市长", "丽水市", "副市长", 1, "2024年第9期"),))
_LEXICON = LibraryFacts(lexicon=(LexiconItem("person", "周明远", "丽水市副市长"),))

RULES = [
    Rule(
        id="consistency.person_post",
        category="consistency",
        severity="warning",
        title="同一人职务前后不一致",
        title_en="One person given different posts",
        messages=(
            Msg(
                "同一人职务不一致（{why}）：前文称“{before}”，此处称“{here}”，请核对",
                "One person, two posts ({why}): “{before}” earlier, “{here}” here; please check",
            ),
            Msg(
                "职务与词库不一致：词库记{name}为“{post}”，此处称“{here}”，请核对",
                "Post differs from the house lexicon, which lists “{name}” as “{post}”; here “{here}”; please check",
            ),
            Msg(
                "职务与往期不同：{issue}称“{then}”，此处称“{here}”（职务可能已变动，请核对）",
                "Post differs from an earlier issue: “{issue}” printed “{then}”, here “{here}” (the post may have changed; please check)",
            ),
        ),
        terms_en={"职级不一致": "different ranks", "任职单位不一致": "different organisations"},
        explanation=(
            "同一期刊物中，同一人的职务应前后一致：同一职务写成不同职级（市长/副市长），"
            "或同一职务写成不同单位（两地的市委书记、两个部的部长），须核对。"
            "“时任”“原”“曾任”“前”等过去职务、引号和书名号中的文字、"
            "并列兼任的职务（省委常委、宣传部部长）不作冲突。"
            "与往期刊物所载职务不同时仅作提示（职务可能已变动）；与本社词库所载职务不同时提醒核对。"
            "依据：《出版物编校质量差错认定细则》关于人名、职务错误的规定。"
        ),
        must_flag=(
            _ex("座谈会上，副市长周明远介绍了项目进展。", "市长周明远表示，要加快推进。", note="职级"),
            _ex(
                "市交通运输局局长陈立新说，工程已完工。",
                "市交通运输局副局长陈立新介绍，下一步将扩建。",
                note="局长/副局长",
            ),
            _ex("组织部部长郑和平出席会议。", "宣传部部长郑和平在会上讲话。", note="两部部长"),
            _ex("省委副书记钱江南在会上作报告。", "省委书记钱江南指出，要抓好落实。", note="书记/副书记"),
            _ex("集团董事长许光明表示，将加大投入。", "集团副董事长许光明介绍。", note="董事长"),
            _ex("仪式上，市长周明远致辞。", note="与往期不同", library=_EARLIER),
            _ex("仪式上，市长周明远致辞。", note="与词库不同", library=_LEXICON),
        ),
        must_pass=(
            _ex("原副市长周明远现已退休。", "市长周明远表示，要加快推进。", note="原"),
            _ex("时任副市长周明远参加了奠基。", "市长周明远表示，要加快推进。", note="时任"),
            _ex("曾任副市长的周明远回忆说。", "市长周明远表示，要加快推进。", note="曾任"),
            _ex("市长周明远表示，要加快推进。", "副市长周明辉介绍了情况。", note="同姓两人"),
            _ex(
                "省委常委、宣传部部长郑和平出席会议。",
                "宣传部部长郑和平在会上讲话。",
                "省委常委郑和平强调，要守正创新。",
                note="兼任两职",
            ),
            _ex("他读过《市长周明远的一天》这本书。", "副市长周明远介绍了情况。", note="书名号"),
            _ex("人们称他为“市长周明远”。", "副市长周明远介绍了情况。", note="引号"),
            _ex("副市长周明远介绍了情况。", "副市长周明远强调，要守住底线。", note="一致"),
            _ex("市委副书记、市长周明远主持会议。", "市长周明远指出。", note="书记与市长兼任"),
            _ex("仪式上，副市长周明远致辞。", note="与往期一致", library=_EARLIER),
            _ex("总理曾强调，要稳住就业。", "副总理曾强调，要抓好春耕。", note="曾强调不是人名"),
            _ex("会议听取了市长周明远的报告。", "市委常委、副市长周明辉作说明。", note="动词不是单位"),
        ),
        func=check,
        scope="issue",
    )
]
