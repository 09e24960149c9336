"""Traditional editions: characters, not vocabulary; names protected; the
house overrides; corner quotes; offsets mapped so comments stay on their
characters. Sentences are our own."""

from __future__ import annotations

import opencc
import pytest

from editor_app.export import ExportError, export_issue_docx
from editor_app.export.traditional import Converter, corner_quotes, tables

from .conftest import DATE, _f
from .docx_read import anchored_texts, comments, paragraphs

# OpenCC's s2twp turns these ordinary words into computer vocabulary (专案, 支援 ...)
ORDINARY = ["项目", "集群", "支持", "优化", "窗口", "对象", "发布", "文件", "程序", "循环"]
PROSE = (
    "这个项目得到各方支持，产业集群不断优化。办事窗口把对象分类，"
    "按程序发布文件，循环经济成了主角。"
)

_T2S = opencc.OpenCC("t2s")


def same_characters(simplified: str, converted: str) -> bool:
    """Each character is itself or its traditional form: no word was swapped for another."""
    return len(simplified) == len(converted) and all(
        s == t or _T2S.convert(t) == s for s, t in zip(simplified, converted, strict=True)
    )


@pytest.mark.parametrize("variant", ["tw", "hk"])
@pytest.mark.parametrize("regional", [False, True])
def test_ordinary_words_keep_their_meaning(variant, regional):
    out = Converter(variant, regional_vocabulary=regional)(PROSE)
    assert same_characters(PROSE, out), out
    for word in ORDINARY:
        i = PROSE.index(word)
        assert same_characters(word, out[i:i + len(word)])
    for vocab in ("專案", "叢集", "支援", "最佳化", "視窗", "物件", "釋出", "檔案", "程式", "迴圈"):
        assert vocab not in out


def test_no_phrase_entry_rewrites_an_ordinary_word():
    for variant, table in tables().phrases.items():
        for simplified in table:
            bad = [w for w in ORDINARY if w in simplified]
            assert not bad, f"{variant}_phrases.tsv: {simplified} contains the ordinary word(s) {bad}"


@pytest.mark.parametrize("variant", ["tw", "hk"])
def test_every_phrase_entry_applies_only_when_asked(variant):
    plain = Converter(variant)
    regional = Converter(variant, regional_vocabulary=True)
    for simplified, word in tables().phrases[variant].items():
        sentence = f"我们谈到{simplified}的事。"
        assert word in regional(sentence), (simplified, regional(sentence))
        if word != plain(simplified):
            assert word not in plain(sentence)


def test_regional_vocabulary_examples():
    tw = Converter("tw", regional_vocabulary=True)
    assert tw("新的软件和打印机") == "新的軟體和印表機"
    assert Converter("tw")("新的软件和打印机") == "新的軟件和打印機"
    assert Converter("hk", regional_vocabulary=True)("坐出租车去") == "坐的士去"


@pytest.mark.parametrize("variant", ["tw", "hk"])
def test_zhong_kui_is_written_with_the_surname_character(variant):
    conv = Converter(variant)
    for text in ("钟馗", "门上悬钟馗像", "家家挂钟馗。"):
        assert "鍾馗" in conv(text) and "鐘馗" not in conv(text)
    # the override is a word, not the character: a clock is still 鐘
    assert "時鐘" in conv("墙上的时钟")


def test_opencc_alone_gets_zhong_kui_wrong():
    """Why the house override exists (fails if OpenCC fixes it: then drop the entry)."""
    assert "鐘馗" in opencc.OpenCC("s2tw").convert("门上悬钟馗像")


@pytest.mark.parametrize("variant", ["tw", "hk"])
def test_byline_names_are_protected(variant):
    text = "范文明和于晓东在余杭采访。"
    bare = Converter(variant)(text)
    assert bare.startswith("範文明") and "於曉東" in bare  # OpenCC reads them as words
    named = Converter(variant, names=["范文明", "于晓东"])(text)
    assert named.startswith("范文明") and "于曉東" in named
    assert same_characters(text, named)
    assert "餘杭" in named  # a place from the house list, as written there


@pytest.mark.parametrize("variant", ["tw", "hk"])
def test_company_names_keep_their_characters(variant):
    text = "生产硅碳材料的中宁硅业公司和杭州云帆信息技术有限公司都在推广信息技术。"
    out = Converter(variant, regional_vocabulary=True)(text)
    i = text.index("中宁硅业公司")
    assert out[i:i + 6] == "中寧硅業公司"
    j = text.index("杭州云帆信息技术有限公司")
    name = text[j:j + 12]
    assert same_characters(name, out[j:j + 12]), out
    if variant == "tw":
        assert out.endswith("推廣資訊科技。")  # the prose still gets the regional word


def test_house_list_organisations_keep_their_names():
    out = Converter("tw", regional_vocabulary=True)("中国信息通信研究院发布报告")
    assert out.startswith("中國信息通信研究院")


@pytest.mark.sample
def test_company_name_from_the_sample_issue(sample_path):
    text = sample_path.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if "中宁硅业" in x)
    for variant in ("tw", "hk"):
        out = Converter(variant, regional_vocabulary=True)(line)
        i = line.index("中宁硅业")
        assert same_characters("中宁硅业", out[i:i + 4]) and out[i:i + 4] == "中寧硅業"


def test_corner_quotes():
    assert corner_quotes("他说：“我读过‘春天’。”") == "他说：「我读过『春天』。」"
    assert corner_quotes("It’s Xi’an") == "It’s Xi’an"
    assert Converter("tw", corner_quotes=False)("“数字”") == "“數字”"
    assert Converter("hk")("“数字”") == "「數字」"


def test_unknown_variant():
    with pytest.raises(ExportError):
        Converter("jp")


def test_offsets_follow_length_changing_phrases():
    conv = Converter("tw", regional_vocabulary=True)
    text = "互联网带来变化，出租车也用上了智能手机，范文明说。"
    out, tmap = conv.mapped(text)
    assert len(out) != len(text)
    for word in ("带来变化", "出租车", "用上了", "范文明说"):
        i = text.index(word)
        s, e = tmap.start(i), tmap.end(i + len(word))
        assert out[s:e] == conv(word), word
    # a range inside a replaced phrase widens to the whole phrase
    i = text.index("联网")
    s, e = tmap.start(i), tmap.end(i + 2)
    assert out[s:e] == "網際網路"


def test_comments_stay_on_their_characters_in_a_regional_edition(issue, tmp_path):
    text = "推动软件产业发展，互联网企业增加到1200家。\n下一步，继续做好“数字+”文章。"
    findings = [_f(text, "s02", "number.x", excerpt, category="number", message="示例")
                for excerpt in ("1200家", "数字+", "下一步")]
    path = export_issue_docx(issue, tmp_path / "tw.docx", articles=["s02"], texts={"s02": text}, findings=findings,
                             traditional="tw", regional_vocabulary=True, date=DATE)
    assert sorted(anchored_texts(path).values()) == sorted(["1200家", "數字+", "下一步"])
    assert all("示例" in c["text"] for c in comments(path).values())
    texts = [t for _s, t in paragraphs(path)]
    assert "推動軟體產業發展，網際網路企業增加到1200家。" in texts
    assert "下一步，繼續做好「數字+」文章。" in texts
