"""consistency.toc_title, consistency.toc_author, consistency.toc_pages.

The table of contents against the articles. Findings sit on the TOC segment
(see ``_toc``): on the TOC title, the TOC author name or the page number.
"""

from __future__ import annotations

from difflib import SequenceMatcher

from editor_app.checks.core import Hit, IssueContext, IssueExample, Rule
from editor_app.checks.messages import Msg
from editor_app.checks.rules.consistency._toc import core, locate, marks, norm_name, norm_ws
from editor_app.model import Segment, TocEntry


def _place(
    ctx: IssueContext, entry: TocEntry, needle: str, article: Segment | None
) -> tuple[str, int, int] | None:
    loc = locate(ctx, entry, needle)
    if loc is not None:
        return loc
    if article is not None:
        return article.id, 0, 0
    return None


def _related(article: Segment | None) -> list[tuple[str, int, int]]:
    return [(article.id, 0, 0)] if article is not None else []


# -- titles ------------------------------------------------------------------
def _candidates(seg: Segment) -> list[str]:
    t, k, sub = seg.title or "", seg.kicker or "", seg.subtitle or ""
    out = [t, k + t, t + sub, k + t + sub]
    return [c for c in out if c]


def _diff_words(a: str, b: str) -> tuple[str, str]:
    """Characters only in ``a`` and only in ``b`` (in order)."""
    only_a, only_b = [], []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag in ("replace", "delete"):
            only_a.append(a[i1:i2])
        if tag in ("replace", "insert"):
            only_b.append(b[j1:j2])
    return "".join(only_a), "".join(only_b)


def check_title(ctx: IssueContext):
    for entry in ctx.issue.toc:
        seg = ctx.issue.segment(entry.article_id) if entry.article_id else None
        if seg is None or not seg.title or not entry.title:
            continue
        cands = _candidates(seg)
        toc_full = [entry.title, entry.title + (entry.subtitle or "")]
        core_toc = {core(x) for x in toc_full}
        if any(core(c) in core_toc for c in cands):
            best = next(c for c in cands if core(c) in core_toc)
            if marks(entry.title) != marks(best):
                loc = _place(ctx, entry, entry.title, seg)
                if loc:
                    sid, s, e = loc
                    yield Hit(
                        start=s,
                        end=e,
                        segment_id=sid,
                        severity="info",
                        message=f"目录标题《{entry.title}》与正文标题《{best}》所用标号不同（{marks(entry.title) or '无'} / {marks(best) or '无'}），请统一",
                        related=_related(seg),
                    )
            continue
        a = core(entry.title)
        best = max(cands, key=lambda c: SequenceMatcher(None, a, core(c), autojunk=False).ratio())
        only_toc, only_art = _diff_words(a, core(best))
        detail = []
        if only_toc:
            detail.append(f"目录有“{only_toc}”")
        if only_art:
            detail.append(f"正文有“{only_art}”")
        if marks(entry.title) != marks(best):
            detail.append("引号等标号也不同")
        loc = _place(ctx, entry, entry.title, seg)
        if loc is None:
            continue
        sid, s, e = loc
        yield Hit(
            start=s,
            end=e,
            segment_id=sid,
            message=f"目录标题《{norm_ws(entry.title)}》与正文标题《{norm_ws(best)}》不一致（{'，'.join(detail)}）",
            related=_related(seg),
        )


# -- authors -----------------------------------------------------------------
def _one_char_apart(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


def check_author(ctx: IssueContext):
    for entry in ctx.issue.toc:
        seg = ctx.issue.segment(entry.article_id) if entry.article_id else None
        if seg is None:
            continue
        toc_names = [n for n in (norm_name(a) for a in entry.authors) if n]
        art_names = [n for n in (norm_name(a) for a in seg.authors) if n]
        if not toc_names or not art_names:
            continue
        if "".join(toc_names) == "".join(art_names) or set(toc_names) == set(art_names):
            continue
        only_toc = [n for n in toc_names if n not in art_names]
        only_art = [n for n in art_names if n not in toc_names]
        if "".join(sorted(only_toc)) and "".join(only_toc) == "".join(only_art):
            continue
        for name in only_toc:
            twin = next((b for b in only_art if _one_char_apart(name, b)), None)
            raw = next((a for a in entry.authors if norm_name(a) == name), name)
            loc = _place(ctx, entry, raw.strip(), seg)
            if loc is None:
                continue
            sid, s, e = loc
            if twin:
                only_art.remove(twin)
                yield Hit(
                    start=s,
                    end=e,
                    segment_id=sid,
                    severity="error",
                    message=f"作者姓名不一致：目录作“{name}”，正文署名作“{twin}”",
                    related=_related(seg),
                )
            else:
                yield Hit(
                    start=s,
                    end=e,
                    segment_id=sid,
                    message=f"目录所列作者“{name}”不在正文署名（{'、'.join(art_names)}）中",
                    related=_related(seg),
                )
        if only_art:
            loc = _place(ctx, entry, "", seg)
            if loc is None:
                continue
            sid, s, e = loc
            yield Hit(
                start=s,
                end=e,
                segment_id=sid,
                message=f"正文署名有“{'、'.join(only_art)}”，目录未列",
                related=_related(seg),
            )


# -- pages -------------------------------------------------------------------
def check_pages(ctx: IssueContext):
    prev: TocEntry | None = None
    seen: dict[int, TocEntry] = {}
    first_seg = next((s for s in ctx.issue.segments if s.kind == "toc"), None)
    for entry in ctx.issue.toc:
        seg = ctx.issue.segment(entry.article_id) if entry.article_id else None
        page_txt = f"{entry.page:02d}" if entry.page < 10 else str(entry.page)
        loc = locate(ctx, entry, page_txt) or locate(ctx, entry, str(entry.page))
        if loc is None:
            if seg is not None:
                loc = (seg.id, 0, 0)
            elif first_seg is not None:
                loc = (first_seg.id, 0, 0)
            else:
                prev = entry
                continue
        sid, s, e = loc
        if entry.article_id is None or seg is None:
            yield Hit(
                start=s,
                end=e,
                segment_id=sid,
                message=f"目录条目“{entry.title}”（第{entry.page}页）在本期中找不到对应文章",
            )
        elif seg.page is not None and seg.page != entry.page:
            yield Hit(
                start=s,
                end=e,
                segment_id=sid,
                message=f"目录页码{entry.page}与文章所在页码{seg.page}不一致（《{seg.title}》）",
                related=_related(seg),
            )
        if prev is not None and entry.page < prev.page:
            yield Hit(
                start=s,
                end=e,
                segment_id=sid,
                message=f"目录页码顺序颠倒：“{entry.title}”为第{entry.page}页，排在第{prev.page}页的“{prev.title}”之后",
            )
        elif entry.page in seen and seen[entry.page] is not entry:
            other = seen[entry.page]
            yield Hit(
                start=s,
                end=e,
                segment_id=sid,
                severity="info",
                message=f"目录页码重复：“{entry.title}”与“{other.title}”都标为第{entry.page}页，请核对",
            )
        seen.setdefault(entry.page, entry)
        prev = entry


def _ex_title_flag():
    return IssueExample(
        articles={"“稻田画”迎丰收": "金秋时节，稻田画吸引游客。", "产业兴旺": "产业发展势头良好。"},
        toc=[(12, "“稻田画”迎丰收", ["周晓岚"]), (14, "产业兴旺", ["吴启明"])],
        titles={"“稻田画”迎丰收": "『稻田画』迎收"},
        note="多一字且标号不同",
    )


RULES = [
    Rule(
        id="consistency.toc_title",
        category="consistency",
        severity="warning",
        title="目录标题与正文标题不一致",
        title_en="Contents title differs from the article's title",
        messages=(
            Msg(
                "目录标题《{toc}》与正文标题《{art}》所用标号不同（{mt} / {ma}），请统一",
                "The contents title 《{toc}》 and the article title 《{art}》 use different marks ({mt} / {ma}); make them the same",
            ),
            Msg(
                "目录标题《{toc}》与正文标题《{art}》不一致（{detail}）",
                "The contents title 《{toc}》 differs from the article title 《{art}》 ({detail})",
            ),
        ),
        terms_en={
            "无": "none",
            "目录有": "the contents have ",
            "正文有": "the article has ",
            "引号等标号也不同": "the quotation marks differ too",
        },
        explanation=(
            "目录中的篇名应与正文标题一致。比较时忽略空格、换行和全半角差异，肩题、副题拼入后一致的不算差错；"
            "文字不同者提示差异所在，只有引号等标号不同（『』与“”）的单独提示。"
            "依据：GB/T 3179-2009《期刊编排格式》关于目次页的规定；GB/T 15834-2011《标点符号用法》。"
        ),
        must_flag=(
            _ex_title_flag(),
            IssueExample(
                articles={"让数据多跑路": "正文。"},
                toc=[(20, "让数据多跑路", ["林静"])],
                titles={"让数据多跑路": "让数据多跑腿"},
                note="一字之差",
            ),
            IssueExample(
                articles={"“浙”里好风光": "正文。"},
                toc=[(30, "“浙”里好风光", ["林静"])],
                titles={"“浙”里好风光": "『浙』里好风光"},
                note="只有标号不同",
            ),
        ),
        must_pass=(
            IssueExample(
                articles={"让“数字+”成为新引擎": "正文。"},
                toc=[(11, "让“数字+”成为新引擎", ["林静"])],
                titles={"让“数字+”成为新引擎": "让“数字+” 成为\n新引擎"},
                note="空格换行",
            ),
            IssueExample(
                articles={"数字化改革ABC": "正文。"},
                toc=[(11, "数字化改革ABC", ["林静"])],
                titles={"数字化改革ABC": "数字化改革ＡＢＣ"},
                note="全半角",
            ),
        ),
        func=check_title,
        scope="issue",
    ),
    Rule(
        id="consistency.toc_author",
        category="consistency",
        severity="warning",
        title="目录作者与正文署名不一致",
        title_en="Contents authors differ from the byline",
        messages=(
            Msg(
                "作者姓名不一致：目录作“{toc}”，正文署名作“{art}”",
                "Author's name differs: “{toc}” in the contents, “{art}” in the byline",
            ),
            Msg(
                "目录所列作者“{name}”不在正文署名（{names}）中",
                "The author “{name}” listed in the contents is not in the byline (“{names}”)",
            ),
            Msg(
                "正文署名有“{names}”，目录未列",
                "The byline has “{names}”, whom the contents do not list",
            ),
        ),
        explanation=(
            "目录所列作者应与正文署名一致，姓名用字一字之差多为错字（必有一处错误）。"
            "比较时忽略姓名中的空格（叶 慧＝叶慧）和“本刊记者”等身份词。"
            "依据：GB/T 3179-2009《期刊编排格式》；《出版物编校质量差错认定细则》关于人名错误的规定。"
        ),
        must_flag=(
            IssueExample(
                articles={"争当示范生": "正文。"},
                toc=[(40, "争当示范生", ["孙翼然"])],
                bylines={"争当示范生": ["孙巽然"]},
                note="一字之差",
            ),
            IssueExample(
                articles={"山海协作": "正文。"},
                toc=[(42, "山海协作", ["周宁", "陈立"])],
                bylines={"山海协作": ["周宁"]},
                note="目录多列一人",
            ),
        ),
        must_pass=(
            IssueExample(
                articles={"防汛防台": "正文。"},
                toc=[(48, "防汛防台", ["何 敏", "梁 威"])],
                bylines={"防汛防台": ["何敏", "梁威"]},
                note="姓名内空格",
            ),
            IssueExample(
                articles={"普惠金融": "正文。"},
                toc=[(38, "普惠金融", ["今哲", "吴梦"])],
                bylines={"普惠金融": ["今", "哲", "吴梦"]},
                note="署名被空格拆开",
            ),
            IssueExample(
                articles={"综述": "正文。"},
                toc=[(11, "综述", ["本刊记者 马宁"])],
                bylines={"综述": ["马宁"]},
                note="身份词",
            ),
            IssueExample(
                articles={"评论": "正文。"},
                toc=[(1, "评论", ["本刊评论员"])],
                bylines={"评论": []},
                note="无署名",
            ),
        ),
        func=check_author,
        scope="issue",
    ),
    Rule(
        id="consistency.toc_pages",
        category="consistency",
        severity="warning",
        title="目录页码顺序、重复或缺少文章",
        title_en="Contents pages out of order, repeated or without article",
        messages=(
            Msg(
                "目录页码顺序颠倒：“{title}”为第{page}页，排在第{prev_page}页的“{prev}”之后",
                "Contents pages out of order: 《{title}》 on page {page} comes after 《{prev}》 on page {prev_page}",
            ),
            Msg(
                "目录条目“{title}”（第{page}页）在本期中找不到对应文章",
                "The contents entry 《{title}》 (page {page}) has no article in this issue",
            ),
            Msg(
                "目录页码重复：“{title}”与“{other}”都标为第{page}页，请核对",
                "Contents page repeated: 《{title}》 and 《{other}》 are both on page {page}; please check",
            ),
            Msg(
                "目录页码{page}与文章所在页码{art_page}不一致（《{title}》）",
                "Contents page {page} differs from the article's page {art_page} (《{title}》)",
            ),
        ),
        explanation=(
            "目录页码应按先后顺序排列、不重复，每个条目都应有对应的文章。"
            "页码颠倒、条目找不到文章为警告，页码重复（可能两篇短文同页）仅作提示。"
            "依据：GB/T 3179-2009《期刊编排格式》关于目次页的规定。"
        ),
        must_flag=(
            IssueExample(
                articles={"甲文": "正文。", "乙文": "正文。", "丙文": "正文。"},
                toc=[(10, "甲文", ["林静"]), (16, "乙文", ["周宁"]), (14, "丙文", ["陈立"])],
                note="页码颠倒",
            ),
            IssueExample(
                articles={"甲文": "正文。"},
                toc=[(10, "甲文", ["林静"]), (12, "不存在的文章", ["周宁"])],
                note="条目无文章",
            ),
            IssueExample(
                articles={"甲文": "正文。", "乙文": "正文。"},
                toc=[(10, "甲文", ["林静"]), (10, "乙文", ["周宁"])],
                note="页码重复",
            ),
        ),
        must_pass=(
            IssueExample(
                articles={"甲文": "正文。", "乙文": "正文。", "丙文": "正文。"},
                toc=[(10, "甲文", ["林静"]), (12, "乙文", ["周宁"]), (14, "丙文", ["陈立"])],
                note="顺序正确",
            ),
        ),
        func=check_pages,
        scope="issue",
    ),
]
