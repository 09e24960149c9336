"""Search: exact substring semantics for queries of any length and any input.

The oracle is a brute-force scan: a segment matches when every whitespace-
separated word of the query (width- and case-folded) occurs in its title or
current text.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor_app.store import Library
from editor_app.store.textindex import fold
from tests.store.conftest import build_issue


def brute_force(lib: Library, query: str, issue_id: int | None = None) -> set[int]:
    words = list(dict.fromkeys(fold(query).split()))
    if not words:
        return set()
    out = set()
    for s in lib.list_issues():
        if issue_id is not None and s.id != issue_id:
            continue
        for seg in lib.segments(s.id):
            text, _ = lib.current_text(seg.id)
            hay_text, hay_title = fold(text), fold(seg.title)
            if all(w in hay_text or w in hay_title for w in words):
                out.add(seg.id)
    return out


def ids(hits) -> set[int]:
    return {h.segment_id for h in hits}


@pytest.fixture
def two_issues(lib):
    a = lib.import_issue(build_issue(number=9))
    b = lib.import_issue(
        build_issue(
            number=10,
            articles=[
                {
                    "title": "结尾无标点",
                    "authors": ["甲"],
                    "page": 2,
                    "section": "测试",
                    "body": ["第一段写到浙江。", "最后一个字是尾"],
                },
                {
                    "title": "全角ＧＤＰ与Ｗｉｆｉ",
                    "authors": ["乙"],
                    "page": 4,
                    "section": "测试",
                    "body": ["今年ＧＤＰ增长，5G基站超过2024个；覆盖率达到99.5%。"],
                },
            ],
        )
    )
    return lib, a.issue_id, b.issue_id


@pytest.mark.parametrize(
    "query",
    [
        "浙",
        "尾",
        "江",
        "关",
        "（",
        "；",  # 1 character (尾: last character of a text)
        "浙江",
        "山区",
        "编辑",
        "AI",  # 2
        "浙江省",
        "两山”",
        "共同富",  # 3
        "数字经济",
        "乡村振兴",
        "共同富裕",  # 4
        "数字浙江建设新篇章",  # long
        "GDP",
        "gdp",
        "ＧＤＰ",
        "Gdp增长",
        "Hello",
        "hello ai",
        "wifi",  # Latin, folded
        "5G网络",
        "5G",
        "2024年",
        "6%",
        "99.5%",
        "2024个；",  # mixed
        "浙江 GDP",
        "山区 耐心",
        "浙江 不存在",  # AND
        "不存在的词",
        "浙江浙江",
    ],
)
def test_queries_match_brute_force(two_issues, query):
    lib = two_issues[0]
    hits = lib.search(query)
    assert ids(hits) == brute_force(lib, query)
    for h in hits:
        words = fold(query).split()
        assert any(fold(h.excerpt[h.match_start : h.match_end]) == w for w in words)
        source = lib.current_text(h.segment_id)[0] if h.field == "text" else h.title
        assert fold(source[h.start : h.end]) in words


def test_expected_hits(two_issues):
    lib, a, b = two_issues
    assert len(lib.search("浙")) > 0
    hits = lib.search("尾")
    assert {(h.issue_id, h.segment_key) for h in hits} == {(b, "s02"), (b, "s03")}  # TOC, article
    tail = next(h for h in hits if h.segment_key == "s03")
    assert tail.title == "结尾无标点" and tail.field == "text" and tail.count == 1
    assert tail.excerpt.endswith("最后一个字是尾") and tail.marked.endswith("是【尾】")
    (h,) = lib.search("5G网络")
    assert h.title == "数字浙江建设新篇章" and h.issue_id == a and h.segment_key == "s03"
    assert {x.issue_id for x in lib.search("GDP")} == {a, b}  # GDP and ＧＤＰ
    hits = lib.search("hello")
    assert [h.segment_key for h in hits] == ["s02", "s05"]  # the TOC line, the article title
    t = hits[1]
    assert (
        t.field == "title"
        and t.excerpt == "Hello AI：智能时代"
        and t.match_start == 0
        and t.match_end == 5
    )


def test_hit_fields_and_excerpt(two_issues):
    lib, a, _ = two_issues
    (h,) = lib.search("村民收入")
    text, version = lib.current_text(h.segment_id)
    assert text[h.start : h.end] == "村民收入" and h.version == version
    assert h.excerpt[h.match_start : h.match_end] == "村民收入"
    assert h.marked.count("【村民收入】") == 1
    assert h.issue_label == "今日浙江 2024年第9期" and h.kind == "article"
    assert "\n" not in h.excerpt
    assert h.match_start <= 30 and len(h.excerpt) - h.match_end <= 30
    (long_hit,) = lib.search("乡村振兴需要人才")
    assert long_hit.match_start == 30  # full left context: the text is long enough


HOSTILE = [
    '"',
    '"浙江',
    "*",
    "-",
    "(",
    ")",
    "AND",
    "OR 浙江",
    "NEAR(",
    "浙江*",
    "a:b",
    "^",
    "",
    "   ",
    "'",
    "浙江 AND",
    "x" * 5000,
    "浙江" * 3000,
    "\x00",
    "\n\t",
    "NOT 浙江",
    "{浙江}",
    "title:浙江",
    "浙江 OR",
    "+",
    "浙江\u3000山区",
    "🌟",
    "—" * 3,
    "\\",
    "%",
    "_",
    "'; DROP TABLE issues; --",
    " ".join(["浙"] * 200),
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_input_never_fails(two_issues, query):
    lib = two_issues[0]
    hits = lib.search(query)
    assert isinstance(hits, list)
    assert ids(hits) == brute_force(lib, query)
    if not query.strip():
        assert hits == []


def test_hostile_syntax_is_literal(lib):
    res = lib.import_issue(
        build_issue(
            articles=[
                {
                    "title": "符号",
                    "authors": ["甲"],
                    "page": 1,
                    "section": "x",
                    "body": ['他说"AND"和NEAR(1)以及a:b^2*3-4，不是查询语法。'],
                }
            ]
        )
    )
    for q in ['"AND"', "NEAR(1)", "a:b^2*3-4", "AND", "near", '"', "*3-"]:
        hits = lib.search(q)
        assert [h.segment_key for h in hits] == ["s03"], q
    assert lib.search("OR") == []
    assert lib.list_issues()[0].id == res.issue_id


def test_search_follows_saves_and_restores(imported):
    lib, _, keys = imported
    sid = keys["s03"]
    assert sid in ids(lib.search("数字经济"))
    rev = lib.save_text(sid, "全新内容：海洋经济与港口。", "小王", title="港口新标题")
    assert sid not in ids(lib.search("数字经济"))
    assert sid not in ids(lib.search("数字浙江建设"))  # the old title is gone too
    assert ids(lib.search("海洋经济")) == {sid}
    assert ids(lib.search("港口新标题")) == {sid}
    lib.restore(lib.revisions(sid)[-1].id, "小王")
    assert sid in ids(lib.search("数字经济")) and sid not in ids(lib.search("海洋"))
    # a conflicting save is stored but not searchable: it is not current
    from editor_app.store import ConflictError

    with pytest.raises(ConflictError):
        lib.save_text(sid, "冲突文本里的独特词语", "乙", expected_version=rev.number - 1)
    assert lib.search("独特词语") == []
    assert lib.integrity_problems() == []


def test_issue_filter_limit_and_order(lib):
    for n in (3, 1, 2):
        lib.import_issue(build_issue(number=n))
    hits = lib.search("浙江")
    numbers = [int(h.issue_label.split("第")[1].rstrip("期")) for h in hits]
    assert numbers == sorted(numbers, reverse=True)
    per_issue = [h.segment_key for h in hits if h.issue_label.endswith("第3期")]
    assert per_issue == sorted(per_issue)
    assert len(lib.search("浙江", limit=2)) == 2
    assert lib.search("浙江", limit=0) == []
    one = lib.list_issues()[0].id
    assert {h.issue_id for h in lib.search("浙江", issue_id=one)} == {one}


def test_index_rebuilt_when_format_changes(tmp_path):
    path = tmp_path / "lib.db"
    with Library(path) as lib:
        lib.import_issue(build_issue())
        with lib.atomic():
            lib._write("UPDATE store_meta SET value = '0' WHERE key = 'search_index_version'")
            lib._write("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")
        assert lib.search("浙江") == []
    with Library(path) as lib:
        assert lib.search("浙江")
        assert ids(lib.search("山区")) == brute_force(lib, "山区")
        assert lib.integrity_problems() == []


ALPHABET = '浙江省数字经济山区aB1，。“”*" -'


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    bodies=st.lists(
        st.text(alphabet=ALPHABET + "\n", min_size=0, max_size=40), min_size=1, max_size=5
    ),
    query=st.text(alphabet=ALPHABET + "\u3000", min_size=0, max_size=6),
    edit=st.text(alphabet=ALPHABET, max_size=20),
)
def test_property_search_equals_brute_force(backend, request, bodies, query, edit):
    articles = [
        {
            "title": f"标题{i}",
            "authors": ["甲"],
            "page": i + 1,
            "section": "x",
            "body": [b.replace("\n", "") or "空"] + ([b.split("\n")[0]] if "\n" in b else []),
        }
        for i, b in enumerate(bodies)
    ]
    where = ":memory:"
    if backend == "postgresql":  # the server's bigram index gives the same exact hits
        from tests.conftest import pg_empty_library

        where = request.getfixturevalue("pg_library_dsn")
        pg_empty_library(where)
    with Library(where) as lib:
        res = lib.import_issue(build_issue(articles=articles))
        assert ids(lib.search(query)) == brute_force(lib, query)
        seg = lib.segment_by_key(res.issue_id, "s03")
        lib.save_text(seg.id, edit, "甲")
        assert ids(lib.search(query)) == brute_force(lib, query)
        assert lib.integrity_problems() == []
