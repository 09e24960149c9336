"""The segments partition the source exactly, whatever the text."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editor_app.ingest import parse_text

LINE = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        [
            "",
            "今日浙江",
            "2024年第10期 总第745期 半月刊",
            ">>今浙论坛",
            "01 开创新局面/本刊评论员",
            "- 32 加快打造高地/黎伟挺",
            "——副标题/本刊记者 马跃明 袁卫",
            "■ 叶 慧 周毅辉",
            "●导语段落，说明本文主旨。",
            "宁波市",
            "正文段落，没有结束",
            "继续的句子。",
            "天才漫畫",
            "编辑指导委员会",
            "徐露婷 摄",
            "文/林晓 周航",
            "文 / 沈可 图 / 杨帆",
            "记者 林晓 通讯员 周航",
            "以创新提质引领强群固链……20",
            "本刊记者 林晓",
            "22｜让法律服务走进千家万户｜韩冬",
            "【本期关注】",
            "◆ 经济",
            "— 23 —",
            "东越视窗 2025年第3期",
            "东越省委常委会召开会议 研究部署春季农业生产",
            "■会议强调,要坚持把粮食安全和重要农产品稳定供给摆在突出位置,抓紧抓实春耕备耕各项工作",
            "强化保障、凝聚合力,营造良好创新生态",
            "\r",
            "\u2028",
        ]
    ),
)


def check_partition(text: str) -> None:
    issue = parse_text(text)
    segs = issue.segments
    assert segs, "at least one segment"
    assert segs[0].source_start == 0
    assert segs[-1].source_end == len(text)
    for a, b in zip(segs, segs[1:], strict=False):
        assert a.source_end == b.source_start
        assert a.source_start <= a.source_end
    assert "".join(text[s.source_start : s.source_end] for s in segs) == text
    for s in segs:
        body, omap = s.editable_text()
        for p in s.paragraphs:
            for a, b in p.pieces:
                assert s.source_start <= a <= b <= s.source_end
        # every character of the editable text maps back to the same character of the source
        for t, src, n in omap.runs:
            assert body[t : t + n] == text[src : src + n]
    for e in issue.toc:
        if e.article_id:
            assert issue.segment(e.article_id).kind == "article"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(LINE, max_size=40), st.sampled_from(["\n", "\n\n", "\r\n", "\n \n"]))
def test_partition_holds_for_any_lines(lines, sep):
    check_partition(sep.join(lines))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_partition_holds_for_any_text(text):
    check_partition(text)


def test_partition_of_sample(sample_issue):
    check_partition(sample_issue.source)


def test_partition_of_demo(demo_path):
    from editor_app.ingest import parse_file

    check_partition(parse_file(demo_path).source)
