"""A second layout: the desk's own DOCX export of the demo issue, made a PDF by
LibreOffice (one column, its own running heads and folios, Latin-font quote
marks written as separate runs), imports with every article paragraph whole.

LibreOffice gets the bundled Noto Sans CJK SC subset through a private
fontconfig file, so no system CJK font is needed.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from editor_app.export import export_issue_docx
from editor_app.ingest import parse_file
from editor_app.services.proofs import read_pdf_proof
from tests.pdf_material import DEMO, FONTS

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed"),
]


def normalise(text: str) -> str:
    """Where this layout genuinely differs from the text: the bundled CJK font has no
    🌀 🌟 (with the whole Noto Sans CJK SC, 兿 and the space in 高校 and come through)."""
    for ch in "🌀🌟":
        text = text.replace(ch, "")
    return text


@pytest.fixture(scope="module")
def lo_pdf(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lo-proof")
    docx = export_issue_docx(parse_file(DEMO), tmp / "demo.docx")
    conf = tmp / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  <dir>{FONTS}</dir>\n  <cachedir>{tmp / 'fc-cache'}</cachedir>\n</fontconfig>\n",
        encoding="utf-8",
    )
    cmd = [SOFFICE, f"-env:UserInstallation=file://{tmp / 'profile'}", "--headless", "--norestore",
           "--convert-to", "pdf", "--outdir", str(tmp), str(docx)]
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    subprocess.run(cmd, check=True, timeout=300, capture_output=True, env=env)
    out = tmp / "demo.pdf"
    assert out.exists() and out.stat().st_size > 10_000
    return out


def test_every_article_paragraph_comes_through_whole(lo_pdf):
    _, proof = read_pdf_proof(lo_pdf)
    paragraphs = set(proof.text.split("\n"))
    demo = parse_file(DEMO)
    missing = [
        (s.title, p.text[:30])
        for s in demo.articles()
        for p in s.body_paragraphs
        if normalise(p.text) not in paragraphs
    ]
    assert not missing, missing
    assert sum(len(s.body_paragraphs) for s in demo.articles()) > 100


def test_running_heads_and_folios_are_set_aside(lo_pdf):
    _, proof = read_pdf_proof(lo_pdf)
    assert "编校稿" not in proof.text.split("目录")[-1]  # the cover line names it once; heads not
    pages = proof.map.pages
    assert [p.label for p in pages[1:]] == [str(n) for n in range(2, len(pages) + 1)]
    assert all(any("编校稿" in f for f in p.furniture) for p in pages[1:])
