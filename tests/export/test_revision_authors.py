"""Tracked changes carry the author and time of the revision that made them.

The changes from the older text to the current one are replayed revision by
revision: each insertion and deletion is credited to the revision that made it
(w:author, w:date); what one revision inserted and a later one deleted leaves
no trace; a later revision wins.
"""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from editor_app.export.revisions import attribute, attribute_changes, diff_paragraphs, rebuild
from editor_app.services import exporting, importing
from editor_app.services import issues as svc

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_replay_credits_each_character_to_its_revision():
    base = "甲乙丙丁"
    steps = ["甲X丙丁", "甲丙丁Y"]  # 1: 乙 -> X; 2: X deleted, Y appended
    deleted_by, inserted_by = attribute(base, steps)
    assert deleted_by == [None, 0, None, None]  # 乙 went in the first revision
    assert inserted_by == [None, None, None, 1]  # Y came in the second; X left no trace


def test_a_later_revision_wins():
    deleted_by, inserted_by = attribute("abc", ["abXc", "abZc"])
    assert inserted_by == [None, None, 1, None]  # Z replaced X: credited to the second
    assert deleted_by == [None, None, None]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="甲乙丙丁戊\n ab1", max_size=30),
       st.lists(st.text(alphabet="甲乙丙丁戊\n ab1", max_size=30), min_size=1, max_size=4))
def test_attributed_changes_rebuild_both_texts(base, steps):
    changes = diff_paragraphs(base.split("\n"), steps[-1].split("\n"))
    attributed = attribute_changes(changes, base, steps)
    assert rebuild(attributed) == (base.split("\n"), steps[-1].split("\n"))
    for c in attributed:
        for tag, text, step in c.pieces:
            assert text
            assert (step is None) == (tag == "eq")
            assert step is None or 0 <= step < len(steps)


@pytest.fixture
def lib_article(tmp_path, demo_path):
    lib = svc.open_library(tmp_path / "lib.sqlite")
    issue_id = importing.import_issue_file(lib, demo_path, author="导入").issue_id
    seg = next(r for r in lib.segments(issue_id) if r.kind == "article")
    yield lib, issue_id, seg
    lib.close()


def _save(lib, monkeypatch, seg_id, old, new, who, when):
    monkeypatch.setattr("editor_app.store.revisions.now_iso", lambda: when)
    text, version = lib.current_text(seg_id)
    assert old in text
    return lib.save_text(seg_id, text.replace(old, new, 1), who, expected_version=version)


def _marks(path):
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    out = []
    for el in root.iter(W + "ins", W + "del"):
        text = "".join(el.itertext())
        if text:
            out.append((etree.QName(el).localname, text, el.get(W + "author"), el.get(W + "date")))
    return out


def test_two_revisions_by_two_authors_at_two_times(lib_article, tmp_path, monkeypatch):
    lib, issue_id, seg = lib_article
    text = lib.current_text(seg.id)[0]
    first, second = text[20:24], text[60:64]
    _save(lib, monkeypatch, seg.id, first, "【张改】", "张三", "2024-05-01T09:15:30.000+00:00")
    _save(lib, monkeypatch, seg.id, second, "【李改】", "李四", "2024-05-02T16:40:05.250+00:00")
    out = exporting.export_issue(lib, issue_id, tmp_path / "t.docx", articles=[seg.key],
                                 track_changes=True, author="导出者")
    marks = _marks(out)
    assert ("ins", "【张改】", "张三", "2024-05-01T09:15:30Z") in marks
    assert ("ins", "【李改】", "李四", "2024-05-02T16:40:05Z") in marks
    dels = {(t, a, d) for k, t, a, d in marks if k == "del"}
    assert (first, "张三", "2024-05-01T09:15:30Z") in dels
    assert (second, "李四", "2024-05-02T16:40:05Z") in dels
    # nothing is credited to the person exporting, nor to the export time
    assert all(a in ("张三", "李四") for _k, _t, a, _d in marks)
    now = datetime.now(UTC).strftime("%Y-%m-%d")
    assert all(not d.startswith(now) for *_x, d in marks)


def test_an_insertion_deleted_later_is_not_shown(lib_article, tmp_path, monkeypatch):
    lib, issue_id, seg = lib_article
    text = lib.current_text(seg.id)[0]
    word = text[20:24]
    _save(lib, monkeypatch, seg.id, word, word + "【临时】", "张三", "2024-05-01T09:00:00.000+00:00")
    _save(lib, monkeypatch, seg.id, "【临时】", "【定稿】", "李四", "2024-05-03T10:00:00.000+00:00")
    out = exporting.export_issue(lib, issue_id, tmp_path / "t.docx", articles=[seg.key],
                                 track_changes=True, author="导出者")
    marks = _marks(out)
    assert not any("临时" in t for _k, t, _a, _d in marks)
    # the brackets are the first revision's and stayed; the word inside is the second's
    assert [m for m in marks if m[0] == "ins"] == [
        ("ins", "【", "张三", "2024-05-01T09:00:00Z"),
        ("ins", "定稿", "李四", "2024-05-03T10:00:00Z"),
        ("ins", "】", "张三", "2024-05-01T09:00:00Z"),
    ]
