"""Only regular files are read, and only up to the stated limits; names and values that
are not UTF-8 are refused. Every case exits 2 with one line and writes nothing."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from editor_app.ingest import decode, docx_import

from .conftest import DEMO, assert_one_line_failure, library_state, run_cli

# generous: a refusal takes well under a second; a hang would hit the timeout
TIMEOUT = 60


@pytest.fixture
def fifo(tmp_path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    p = tmp_path / "pipe.txt"
    os.mkfifo(p)
    return p


@pytest.mark.parametrize("source", ["fifo", "/dev/zero"])
@pytest.mark.parametrize("command", ["parse", "import", "check", "import-docx"])
def test_special_files_are_refused_at_once(request, demo_library, data, source, command):
    path = str(request.getfixturevalue("fifo")) if source == "fifo" else source
    if source == "/dev/zero" and not Path(source).exists():
        pytest.skip("no /dev/zero")
    before = library_state(demo_library)
    args = {
        "parse": ["parse", path],
        "import": ["import", path, "--db", str(demo_library)],
        "check": ["check", path],
        "import-docx": ["import-docx", path, "--issue", "1", "--db", str(demo_library)],
    }[command]
    code, _, err = run_cli(*args, data=data, timeout=TIMEOUT)
    assert_one_line_failure(code, err, "不是普通文件")
    assert library_state(demo_library) == before


def test_a_folder_is_refused(tmp_path, data):
    code, _, err = run_cli("parse", str(tmp_path), data=data)
    assert_one_line_failure(code, err, "文件夹")


def test_an_issue_file_over_the_limit_is_refused_unread(tmp_path, data):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:  # sparse: the size says it all, nothing is read
        fh.truncate(decode.MAX_BYTES + 1)
    code, _, err = run_cli("parse", str(big), data=data)
    assert_one_line_failure(code, err, "过大", f"{decode.MAX_MB} MB")


def test_an_issue_file_at_the_limit_is_read(tmp_path):
    # exactly MAX_BYTES passes the size limit (and is then judged as text: zeros are binary)
    edge = tmp_path / "edge.txt"
    with open(edge, "wb") as fh:
        fh.truncate(decode.MAX_BYTES)
    with pytest.raises(decode.DecodeError, match="二进制"):
        decode.read_issue_file(edge)


def test_a_docx_over_the_file_limit_is_refused_unread(tmp_path, demo_library, data):
    big = tmp_path / "big.docx"
    with open(big, "wb") as fh:
        fh.truncate(docx_import.MAX_FILE_BYTES + 1)
    code, _, err = run_cli("import-docx", str(big), "--issue", "1", "--db", str(demo_library), data=data)
    assert_one_line_failure(code, err, "过大")


def _docx_with_text(n_chars: int) -> bytes:
    import docx

    doc = docx.Document()
    doc.add_paragraph("标题", style="Title")
    line = "国" * 1000
    for _ in range(n_chars // 1000 + 1):
        doc.add_paragraph(line)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_docx_text_over_the_limit_is_refused(monkeypatch):
    data = _docx_with_text(5_000)
    assert len(docx_import.read_docx_bytes(data, "ok.docx").text) >= 5_000  # under the limit: read
    monkeypatch.setattr(docx_import, "MAX_TEXT_CHARS", 3_000)
    with pytest.raises(docx_import.DocxImportError, match="3,000"):
        docx_import.read_docx_bytes(data, "long.docx")


def test_non_utf8_file_name_is_refused(tmp_path, demo_library, data):
    name = os.fsencode(tmp_path) + b"/\xff\xfe-issue.txt"
    try:
        with open(name, "wb") as fh:
            fh.write(DEMO.read_bytes())
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses non-UTF-8 names")
    before = library_state(demo_library)
    for args in ([b"parse", name], [b"import", name, b"--db", os.fsencode(demo_library)]):
        code, _, err = run_cli(*args, data=data)
        assert_one_line_failure(code, err, "UTF-8", "\\xff")
    assert library_state(demo_library) == before


@pytest.mark.parametrize("command", ["fix", "export", "import-docx"])
def test_non_utf8_author_is_refused(tmp_path, demo_library, data, command):
    before = library_state(demo_library)
    author = b"\xe7\x8e"  # a cut UTF-8 sequence
    args = {
        "fix": [b"fix", b"--issue", b"1", b"--rule", b"punctuation.halfwidth"],
        "export": [b"export", b"--issue", b"1", b"--docx", os.fsencode(tmp_path / "o.docx")],
        "import-docx": [b"import-docx", os.fsencode(tmp_path / "m.docx"), b"--issue", b"1"],
    }[command]
    code, _, err = run_cli(*args, b"--author", author, b"--db", os.fsencode(demo_library), data=data)
    assert_one_line_failure(code, err, "--author", "UTF-8")
    assert library_state(demo_library) == before
    assert not (tmp_path / "o.docx").exists()
