"""The PDF limits test_pdf_refusals.py does not reach: a file over 200 MB, more than
5,000,000 characters, extraction longer than 60 s. Each is refused like the others:
one line on stderr naming the limit, exit 2, no library written.

The character and time limits are lowered for the test (a real 5-million-character
proof would take minutes to typeset); the file size is a sparse file of the real limit.
"""

from __future__ import annotations

import pytest

from editor_app import cli
from editor_app.ingest import pdf as pdf_extract
from editor_app.ingest import pdf_open
from tests.pdf_material import magazine_pdf


@pytest.fixture(scope="module")
def magazine(tmp_path_factory):
    return magazine_pdf(tmp_path_factory.getbasetemp() / "magazine.pdf")


def refused(argv_file, tmp_path, capsys, *words: str) -> None:
    db = tmp_path / "lib.sqlite"
    for argv in (["import", str(argv_file), "--db", str(db)], ["parse", str(argv_file)],
                 ["check", str(argv_file)]):
        assert cli.main(argv) == 2, argv
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err, err
        for w in words:
            assert w in err, err
    assert not db.exists(), "the library was written although the PDF was refused"


def test_a_pdf_over_200_mb_is_refused_unread(tmp_path, capsys):
    big = tmp_path / "big.pdf"
    with open(big, "wb") as fh:  # sparse: the size says it all, nothing is read
        fh.write(b"%PDF-1.7\n")
        fh.truncate(pdf_open.MAX_BYTES + 1)
    refused(big, tmp_path, capsys, "过大", "200 MB")


def test_more_characters_than_the_limit_are_refused(magazine, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(pdf_extract, "MAX_CHARS", 2000)  # the proof has ~12,000
    refused(magazine, tmp_path, capsys, "文字过多", "2000")


def test_an_extraction_over_the_time_limit_is_refused(magazine, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(pdf_extract, "MAX_SECONDS", -1.0)  # already over when the first page starts
    refused(magazine, tmp_path, capsys, "超时")
