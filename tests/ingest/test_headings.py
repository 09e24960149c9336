"""Intertitles with commas against sentences cut by a page break (layout cues, not shape alone)."""

from editor_app.ingest.article import classify_rest
from editor_app.ingest.lines import split_lines

LONG = "全省上下坚持稳中求进，以改革促发展，以创新增动能，以开放拓空间，各项工作取得新进展新成效。"


def kinds_of(text: str) -> list[tuple[str, str]]:
    lines = split_lines(text)
    idx = [i for i, ln in enumerate(lines) if not ln.blank]
    kinds: dict[int, str] = {}
    classify_rest(lines, idx, kinds)
    return [(kinds[i], lines[i].stripped) for i in idx]


def test_sibling_intertitles_with_commas_and_the_cut_paragraph_after_one():
    text = "\n\n".join(
        [
            LONG,
            "夯实基础、补齐短板,进一步增强发展后劲",
            LONG,
            "强化保障、凝聚合力,营造良好发展环境",
            "各级党委和政府要认",
            "真扛起抓发展的责任，主要领导要亲自研究、亲自部署、亲自推动，确保各项任务落地见效。",
        ]
    )
    got = kinds_of(text)
    assert got[1][0] == "heading" and got[3][0] == "heading"
    assert got[4] == ("body", "各级党委和政府要认")  # the start of a paragraph, not a caption


def test_a_lone_balanced_intertitle_with_one_comma():
    got = kinds_of("\n\n".join([LONG, "坚持创新驱动，打造发展新引擎", LONG]))
    assert got[1][0] == "heading"


def test_ordinal_intertitle_with_commas():
    got = kinds_of("\n\n".join([LONG, "二、聚焦重点，精准发力，加快构建创新体系", LONG]))
    assert got[1][0] == "heading"


def test_a_cut_sentence_with_a_comma_stays_body():
    # short unbalanced clause, a sentence cut by the page: not an intertitle
    got = kinds_of("\n\n".join([LONG, "在青溪市，村民们", "纷纷加入合作社，" + LONG]))
    assert got[1][0] == "body"
    # a comma line whose previous paragraph is unfinished is a continuation
    got = kinds_of("\n\n".join(["全省各地抢抓农时，积极推进春耕备耕", "坚持创新驱动，打造发展新引擎", LONG]))
    assert got[1][0] == "body"


def test_page_numbers_and_running_heads_are_inserts():
    got = kinds_of("\n\n".join([LONG, "— 23 —", "东越视窗 2025年第3期", LONG]))
    assert [k for k, _ in got] == ["body", "insert", "insert", "body"]


def test_debris_forms_and_numbers_that_are_not_debris():
    from editor_app.ingest.anchors import is_debris

    for s in ("— 23 —", "23", "第12页", "东越视窗 2025年第3期", "东越视窗 2025年第3期 7", "2025.3 东越视窗", "东越视窗｜23"):
        assert is_debris(s), s
    for s in ("2356.8亿元", "12.6%", "1.2万人", "48个", "2024年", "东越召开全省科技大会", "半"):
        assert not is_debris(s), s


def test_intertitle_after_a_page_number_is_still_an_intertitle():
    got = kinds_of("\n\n".join([LONG, "— 23 —", "坚持创新驱动，打造发展新引擎", LONG]))
    assert [k for k, _ in got] == ["body", "insert", "heading", "body"]
