import codecs

import pytest

from editor_app.ingest import DecodeError, decode_bytes, parse_bytes, read_issue_file

TEXT = "今日浙江\n\n2024年第10期 总第745期 半月刊\n\n浙江制造业高质量发展。\n"


@pytest.mark.parametrize(
    "data,encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
    ],
)
def test_decodes_every_supported_encoding(data, encoding):
    d = decode_bytes(data, "x.txt")
    assert d.text == TEXT
    assert d.encoding == encoding


@pytest.mark.parametrize(
    "data,reason",
    [
        (b"", "为空"),
        (b"   \n\t\n", "空白"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "二进制"),
        (bytes([0x81, 0x30, 0xFF, 0xFE, 0x80, 0x80]) * 50, "编码"),
        (codecs.BOM_UTF8 + b"\xff\xfe\xfd", "UTF-8"),
    ],
)
def test_bad_input_gets_one_line_message_naming_the_file(data, reason):
    with pytest.raises(DecodeError) as err:
        decode_bytes(data, "bad.txt")
    msg = str(err.value)
    assert msg.startswith("bad.txt: ")
    assert reason in msg
    assert "\n" not in msg


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(DecodeError, match="不存在"):
        read_issue_file(tmp_path / "nope.txt")
    with pytest.raises(DecodeError, match="文件夹"):
        read_issue_file(tmp_path)


def test_parse_bytes_keeps_hash_and_encoding():
    issue = parse_bytes(TEXT.encode("gb18030"), "gbk.txt")
    assert issue.encoding == "gb18030"
    assert len(issue.source_hash) == 64
    assert issue.masthead.year == 2024 and issue.masthead.number == 10
