"""The typo archive through the services: two issues of our own writing in a temporary
library. A coined term the first issue prints (驻企, which the word list alone takes for
a slip of 助企) is not a typo in the second; editing the first issue so that it no longer
prints the term makes the second issue's stored findings stale, and its next check
flags the term again. Another issue's edit that changes nothing the second issue asked
about leaves its findings current."""

from __future__ import annotations

import pytest

from editor_app.services import checking, editing, importing
from editor_app.services import issues as svc
from tests.store.conftest import build_issue

RULE = "wording.typo"
FIRST = [
    {
        "title": "干部驻企帮服务",
        "authors": ["林一"],
        "page": 8,
        "section": "基层",
        "body": [
            "今年春天，县里选派一批干部驻企服务，帮助企业解决用工和融资难题。",
            "驻企干部每周走访车间，把问题清单带回部门逐项办理。",
        ],
    },
    {
        "title": "山村的新路",
        "authors": ["周二"],
        "page": 16,
        "section": "乡村",
        "body": ["村里修通了公路，游客多了起来，村民的收入稳步提高。"],
    },
]
SECOND = [
    {
        "title": "园区里的服务员",
        "authors": ["吴三"],
        "page": 10,
        "section": "经济",
        "body": ["开发区推行驻企联络员制度，企业有事一个电话就能找到人。"],
    },
    {
        "title": "图书馆的夜晚",
        "authors": ["郑四"],
        "page": 22,
        "section": "文化",
        "body": ["夜读的市民越来越多，图书馆把开放时间延长到晚上十点。"],
    },
]


def _typos(lib, issue_id):
    return [(f.excerpt, f.suggestion) for f in checking.open_findings(lib, issue_id, rule=RULE)]


@pytest.fixture
def library(tmp_path):
    lib = svc.open_library(tmp_path / "lib.sqlite")
    yield lib
    lib.close()


def test_without_the_archive_the_coined_term_is_flagged(library):
    b = importing.store_issue(library, build_issue(number=11, articles=SECOND)).issue_id
    assert ("驻", "助") in _typos(library, b)


def test_a_term_the_library_prints_is_not_a_typo_and_edits_follow(library):
    lib = library
    a = importing.store_issue(lib, build_issue(number=10, articles=FIRST)).issue_id
    assert lib.issue_ngrams(a).get("驻企") == 2  # counted at import (the import checks)
    b = importing.store_issue(lib, build_issue(number=11, articles=SECOND, salt="2")).issue_id
    assert ("驻", "助") not in _typos(lib, b)
    assert "驻企" in lib.ngram_probes(b)  # what the check of b asked the archive
    assert checking.is_current(lib, b)

    # an edit of the first issue elsewhere: b's findings stay current (nothing it asked changed)
    seg = lib.segment_by_key(a, "s04")
    text, version = lib.current_text(seg.id)
    editing.save_article(lib, seg.id, text.replace("公路", "柏油路"), "编辑", version)
    assert checking.is_current(lib, b)

    # the first issue no longer prints 驻企: b is stale, and its next check flags it again
    seg = lib.segment_by_key(a, "s03")
    text, version = lib.current_text(seg.id)
    editing.save_article(lib, seg.id, text.replace("驻企", "进企"), "编辑", version)
    assert "驻企" not in lib.issue_ngrams(a)
    assert not checking.is_current(lib, b)
    assert ("驻", "助") in _typos(lib, b)
    assert checking.is_current(lib, b)


def test_the_issue_itself_is_not_its_own_archive(library):
    lib = library
    a = importing.store_issue(lib, build_issue(number=10, articles=SECOND)).issue_id
    assert lib.issue_ngrams(a).get("驻企") == 1
    assert ("驻", "助") in _typos(lib, a)  # its own printing does not count
