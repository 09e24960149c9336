"""Where comments go: exact spans, empty spans, paragraph breaks, stale findings."""

from lxml import etree

from editor_app.export import ooxml
from editor_app.export.annotate import (
    MOVED_NOTE,
    align_kinds,
    comment_text,
    plan_anchors,
    write_body,
)
from editor_app.export.revisions import diff_paragraphs, plain_paragraphs
from editor_app.model import Finding

from .docx_read import w


def F(start, end, excerpt, **kw):
    return Finding(rule=kw.pop("rule", "x.y"), category="wording", severity="warning", message="m",
                   start=start, end=end, excerpt=excerpt, **kw)


TEXT = "第一段文字。\n第二段，有逗号。\n\n末段"


def spans(anchors):
    return [(a.start, a.end, a.on_title) for a in anchors]


def test_exact_span_is_kept():
    s = TEXT.index("逗号")
    assert spans(plan_anchors(TEXT, "标题", [F(s, s + 2, "逗号")])) == [(s, s + 2, False)]


def test_empty_span_takes_the_next_character_or_the_previous_at_paragraph_end():
    s = TEXT.index("，")
    end_of_first = TEXT.index("\n")
    got = plan_anchors(TEXT, "标题", [F(s, s, ""), F(end_of_first, end_of_first, "")])
    assert sorted(spans(got)) == [(end_of_first - 1, end_of_first, False), (s, s + 1, False)]


def test_paragraph_breaks_are_trimmed_from_the_range():
    s = TEXT.index("。\n第二") + 1  # the "\n" itself
    got = plan_anchors(TEXT, "标题", [F(s - 1, s + 3, "。\n第二")])
    assert spans(got) == [(s - 1, s + 3, False)]
    only_break = plan_anchors(TEXT, "标题", [F(s, s + 1, "\n")])
    assert spans(only_break) == [(s - 1, s, False)]  # the character before the break
    empty_line = TEXT.index("\n\n") + 1
    assert spans(plan_anchors(TEXT, "标题", [F(empty_line, empty_line, "")])) == [(0, 2, True)]


def test_stale_finding_moves_to_the_nearest_occurrence_or_the_title():
    s = TEXT.index("文字")
    moved = plan_anchors(TEXT, "标题", [F(s + 3, s + 5, "文字")])
    assert spans(moved) == [(s, s + 2, False)]
    gone = plan_anchors(TEXT, "标题", [F(0, 3, "不存在")])
    assert spans(gone) == [(0, 2, True)] and gone[0].note == MOVED_NOTE
    out_of_range = plan_anchors(TEXT, "标题", [F(500, 510, "")])
    assert out_of_range[0].on_title


def test_comment_text_names_the_suggestion_or_a_deletion():
    assert comment_text(F(0, 1, "的", suggestion="地")) == "m 建议：地"
    assert comment_text(F(0, 1, "的", suggestion="")) == "m 建议：删除“的”"
    assert comment_text(F(0, 1, "的")) == "m"


def _write(lines, anchors, changes=None):
    body = etree.Element(w("body"), nsmap={"w": ooxml.W_NS})
    mark = ooxml.Mark("作者", "2024-06-01T08:00:00Z", 100)
    write_body(body.append, lines, ["body"] * len(lines), changes or plain_paragraphs(lines), anchors, mark)
    return body


def _ranges(body):
    """comment id -> anchored current text"""
    open_, done = {}, {}
    first = True
    for p in body.iter(w("p")):
        if not first:
            for b in open_.values():
                b.append("\n")
        first = False
        for el in p.iter():
            if el.tag == w("commentRangeStart"):
                open_[el.get(w("id"))] = []
            elif el.tag == w("commentRangeEnd"):
                done[el.get(w("id"))] = "".join(open_.pop(el.get(w("id"))))
            elif el.tag == w("t"):
                for b in open_.values():
                    b.append(el.text)
    assert not open_
    return done


def test_overlapping_nested_and_identical_ranges_are_all_exact():
    lines = ["甲乙丙丁戊己庚", "辛壬癸"]
    text = "\n".join(lines)
    anchors = [(1, 1, 5), (2, 3, 10), (3, 2, 4), (4, 2, 4), (5, 6, 7)]
    got = _ranges(_write(lines, anchors))
    assert got == {str(c): text[s:e] for c, s, e in anchors}
    # every comment has exactly one reference mark right after its range end
    body = _write(lines, anchors)
    ends = body.findall(f".//{w('commentRangeEnd')}")
    for end in ends:
        ref = end.getnext().find(w("commentReference"))
        assert ref is not None and ref.get(w("id")) == end.get(w("id"))


def test_ranges_split_insertions_and_hold_deletions_at_their_start():
    old, new = ["一二三四五"], ["一二六七五"]
    changes = diff_paragraphs(old, new)
    body = _write(new, [(1, 2, 4)], changes)
    assert _ranges(body) == {"1": "六七"}
    p = body.find(w("p"))
    tags = [etree.QName(el).localname for el in p]
    # the deletion sits inside the range, before the insertion
    assert tags[tags.index("commentRangeStart"):tags.index("commentRangeEnd") + 1] == [
        "commentRangeStart", "del", "ins", "commentRangeEnd"]
    ids = [el.get(w("id")) for el in p.iter(w("ins"), w("del"))]
    assert len(ids) == len(set(ids))


def test_align_kinds_keeps_kinds_of_unchanged_paragraphs():
    from .conftest import build_issue

    seg = build_issue().segment("s02")
    lines = seg.editable_text()[0].split("\n")
    assert align_kinds(seg, lines) == seg.paragraph_kinds()
    edited = lines[:3] + ["新增一段"] + lines[3:]
    kinds = align_kinds(seg, edited)
    assert kinds[:3] == seg.paragraph_kinds()[:3]
    assert kinds[3] == "body"
    assert kinds[4:] == seg.paragraph_kinds()[3:]
