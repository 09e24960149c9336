"""Fixtures for the store tests: libraries and issues built by hand from model objects.

``build_issue`` lays out a small issue source line by line (masthead, table of
contents, articles) and records every paragraph's source piece, so the
segments partition the source exactly, as the parser's output would.
"""

from __future__ import annotations

import hashlib

import pytest

from editor_app.model import Issue, Masthead, Paragraph, Segment, TocEntry
from editor_app.store import Library

DEFAULT_ARTICLES = [
    {
        "title": "数字浙江建设新篇章",
        "authors": ["张三"],
        "page": 12,
        "section": "特别策划",
        "body": [
            "浙江省数字经济发展迅速，5G网络覆盖全省。",
            "2024年全省GDP增长6%，杭州、宁波领跑。",
        ],
    },
    {
        "title": "山区共同富裕",
        "authors": ["李四", "王五"],
        "page": 20,
        "section": "基层",
        "body": [
            "丽水山区发展生态旅游，村民收入稳步提高。",
            "“两山”理念在这里落地生根。",
            "乡村振兴需要人才，也需要耐心。",
        ],
    },
    {
        "title": "Hello AI：智能时代",
        "authors": ["赵六"],
        "page": 30,
        "section": "科技",
        "body": ["人工智能（AI）正在改变新闻编辑工作。", "编辑仍是最后一道关。"],
    },
]


class _Writer:
    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0

    def line(self, text: str) -> tuple[int, int]:
        start = self.pos
        self.parts.append(text + "\n")
        self.pos += len(text) + 1
        return start, start + len(text)

    @property
    def source(self) -> str:
        return "".join(self.parts)


def build_issue(
    *,
    title: str = "今日浙江",
    year: int | None = 2024,
    number: int | None = 10,
    articles: list[dict] | None = None,
    source_name: str = "test.txt",
    salt: str = "",
) -> Issue:
    """An issue of masthead + TOC + articles; ``salt`` changes the source (and hash)."""
    articles = DEFAULT_ARTICLES if articles is None else articles
    w = _Writer()
    segments: list[Segment] = []

    start = w.pos
    mast_pieces = [w.line(title), w.line(f"{year}年第{number}期" if year else "")]
    if salt:
        mast_pieces.append(w.line(salt))
    segments.append(
        Segment(
            id="s01",
            kind="masthead",
            source_start=start,
            source_end=w.pos,
            paragraphs=[Paragraph("body", w.source[s:e], [(s, e)]) for s, e in mast_pieces],
        )
    )

    start = w.pos
    toc_line = w.line("目录")
    toc: list[TocEntry] = []
    toc_pieces = [toc_line]
    for i, a in enumerate(articles):
        s, e = w.line(f"{a['page']} {a['title']} {'、'.join(a['authors'])}")
        toc_pieces.append((s, e))
        toc.append(
            TocEntry(
                page=a["page"],
                section=a["section"],
                title=a["title"],
                authors=list(a["authors"]),
                article_id=f"s{i + 3:02d}",
                source_start=s,
                source_end=e,
            )
        )
    segments.append(
        Segment(
            id="s02",
            kind="toc",
            source_start=start,
            source_end=w.pos,
            paragraphs=[Paragraph("body", w.source[s:e], [(s, e)]) for s, e in toc_pieces],
        )
    )

    for i, a in enumerate(articles):
        start = w.pos
        t = w.line(a["title"])
        b = w.line("文｜" + "　".join(a["authors"]))
        paras = [
            Paragraph("title", a["title"], [t]),
            Paragraph("byline", w.source[b[0] : b[1]], [b]),
        ]
        for j, text in enumerate(a["body"]):
            piece = w.line(text)
            paras.append(Paragraph("lead" if j == 0 else "body", text, [piece]))
        segments.append(
            Segment(
                id=f"s{i + 3:02d}",
                kind="article",
                source_start=start,
                source_end=w.pos,
                title=a["title"],
                authors=list(a["authors"]),
                byline_raw=w.source[b[0] : b[1]],
                page=a["page"],
                section=a["section"],
                toc_index=i,
                paragraphs=paras,
            )
        )
    source = w.source
    return Issue(
        masthead=Masthead(
            title=title,
            year=year,
            number=number,
            total_number=700 + (number or 0),
            frequency="半月刊",
            publisher="中共浙江省委",
        ),
        source=source,
        toc=toc,
        segments=segments,
        source_name=source_name,
        source_hash=hashlib.sha256(source.encode("utf-8")).hexdigest(),
    )


@pytest.fixture
def make_issue():
    return build_issue


@pytest.fixture
def lib(backend, request):
    if backend == "postgresql":
        from tests.conftest import pg_empty_library

        dsn = request.getfixturevalue("pg_library_dsn")
        pg_empty_library(dsn)
        library = Library(dsn)
    else:
        library = Library(":memory:")
    yield library
    library.close()


@pytest.fixture
def sqlite_lib():
    """A SQLite library in memory, for tests of what only the local backend has."""
    library = Library(":memory:")
    yield library
    library.close()


@pytest.fixture
def file_lib(tmp_path):
    library = Library(tmp_path / "library.db")
    yield library
    library.close()


@pytest.fixture
def imported(lib):
    """(library, issue id, {segment key: segment id}) for the default issue."""
    res = lib.import_issue(build_issue(), author="导入")
    keys = {s.key: s.id for s in lib.segments(res.issue_id)}
    return lib, res.issue_id, keys
