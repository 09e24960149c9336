"""A tiny hand-built issue (fictional text) for the export tests."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from editor_app.model import Finding, Issue, Masthead, Paragraph, Segment, SegmentRef, TocEntry

DATE = datetime(2024, 6, 1, 8, 0, 0, tzinfo=UTC)
AUTHOR = "测试编辑"


def pytest_configure(config):
    config.addinivalue_line("markers", "libreoffice: converts with LibreOffice (skipped when soffice is absent)")


def _seg(sid, kind, title="", **kw) -> Segment:
    paras = [Paragraph(k, t) for k, t in kw.pop("paras", [])]
    return Segment(id=sid, kind=kind, source_start=0, source_end=0, title=title, paragraphs=paras, **kw)


def build_issue() -> Issue:
    s1 = _seg("s01", "masthead", "东越视窗", paras=[("body", "东越视窗"), ("body", "2025年第3期")])
    s2 = _seg(
        "s02", "article", "以软件创新推动产业升级",
        subtitle="某市推进数字化改革综述", kicker="数字经济观察", authors=["李明", "王芳"], role="本刊记者",
        page=8, section="本期关注", toc_index=0,
        paras=[
            ("kicker", "数字经济观察"),
            ("title", "以软件创新推动产业升级"),
            ("subtitle", "——某市推进数字化改革综述"),
            ("byline", "■李明 王芳"),
            ("role", "本刊记者"),
            ("lead", "●今年以来，某市坚持创新驱动，推动软件产业提质增效。"),
            ("body", "2023年，全市软件业务收入达到1200亿元，同比增长12%。"),
            ("heading", "一、夯实产业基础"),
            ("body", "全市新建5G基站3000个,累计建成数据中心8个。"),
            ("caption", "图为某市软件园一角。 摄影 张三"),
            ("body", "下一步，将继续深化改革，做好“数字+”文章。"),
            ("endmark", "☺"),
        ],
    )
    s3 = _seg(
        "s03", "article", "古镇里的新生活", authors=["赵雷"], page=12, section="文化", toc_index=1,
        paras=[
            ("title", "古镇里的新生活"),
            ("byline", "■赵雷"),
            ("body", "清晨，古镇的石板路上已有游客往来。"),
            ("insert", "扫码观看视频"),
            ("body", "近年来，当地保护与开发并重，古镇焕发新活力。"),
        ],
    )
    toc = [
        TocEntry(page=8, section="本期关注", title="以软件创新推动产业升级", subtitle="某市推进数字化改革综述",
                 authors=["李明", "王芳"], role="本刊记者", article_id="s02"),
        TocEntry(page=12, section="文化", title="古镇里的新生活", authors=["赵雷"], article_id="s03"),
    ]
    segs = [s1, s2, s3]
    source = "\n".join(p.text for s in segs for p in s.paragraphs)
    m = Masthead(title="东越视窗", year=2025, number=3, total_number=612, frequency="半月刊",
                 publisher="中共东越省委主管主办")
    return Issue(masthead=m, source=source, toc=toc, segments=segs, source_name="fixture.txt")


def edited_texts(issue: Issue) -> tuple[dict[str, str], dict[str, str]]:
    """(current texts, older texts): s02 edited (a fix, a phrase, a new paragraph), s03 untouched."""
    base = {s.id: s.editable_text()[0] for s in issue.articles()}
    cur = dict(base)
    lines = base["s02"].split("\n")
    lines[0] = lines[0].replace("提质增效", "提质增效、做优做强")
    lines[3] = lines[3].replace("3000个,累计", "3000个，累计")
    lines.insert(4, "二、培育创新主体")
    cur["s02"] = "\n".join(lines)
    return cur, base


def _f(text, seg, rule, excerpt, *, nth=0, start=None, end=None, suggestion=None, severity="warning",
       category="punctuation", message="示例说明", status="open") -> Finding:
    if start is None:
        start = -1
        for _ in range(nth + 1):
            start = text.index(excerpt, start + 1)
        end = start + len(excerpt)
    return Finding(rule=rule, category=category, severity=severity, message=message, start=start, end=end,
                   excerpt=excerpt, suggestion=suggestion, segment=SegmentRef(seg), status=status)


def build_findings(texts: dict[str, str]) -> list[Finding]:
    """Findings on the current texts: one char, a phrase, an empty span, a span over a
    paragraph break, a stale one, a deletion suggestion, a dismissed one, one on a
    segment that is not exported."""
    a, b = texts["s02"], texts["s03"]
    heading_end = a.index("一、夯实产业基础") + len("一、夯实产业基础")
    cross = a.index("做优做强。") + 2
    return [
        _f(a, "s02", "punctuation.halfwidth", "，", nth=5, suggestion="，", message="标点示例"),
        _f(a, "s02", "number.unit_mix", "1200亿元", category="number", severity="info", message="数字示例"),
        _f(a, "s02", "punctuation.missing_colon", "", start=heading_end, end=heading_end,
           message="此处缺少标点"),
        _f(a, "s02", "wording.cross", a[cross:cross + 9], start=cross, end=cross + 9, category="wording",
           message="跨段示例"),
        _f(a, "s02", "consistency.title", "不存在的文字", start=0, end=6, category="consistency",
           message="已过时的问题"),
        _f(b, "s03", "wording.redundant", "已有", suggestion="", category="wording", severity="error",
           message="删除示例"),
        _f(b, "s03", "wording.dismissed", "焕发", category="wording", status="dismissed", message="已排除示例"),
        Finding(rule="consistency.masthead", category="consistency", severity="info", message="不导出的段落",
                start=0, end=4, excerpt="东越视窗", segment=SegmentRef("s01")),
    ]


@pytest.fixture
def issue() -> Issue:
    return build_issue()


@pytest.fixture
def edits(issue):
    return edited_texts(issue)


@pytest.fixture
def findings(edits):
    return build_findings(edits[0])
