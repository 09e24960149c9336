"""LibreOffice opens our files: headless conversion of the issue, a review
copy (comments + tracked changes) and the report to PDF, with a plausible
page count. Skipped when soffice is not installed (CI: apt-get install
libreoffice-writer-nogui poppler-utils fonts-noto-cjk)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import pytest

from editor_app.export import export_issue_docx, export_report_docx

from .conftest import AUTHOR, DATE

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed"),
]


@pytest.fixture(scope="module")
def profile(tmp_path_factory):
    return tmp_path_factory.mktemp("lo-profile")


def to_pdf(src, outdir, profile, fmt="pdf"):
    cmd = [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
           "--convert-to", fmt, "--outdir", str(outdir), str(src)]
    subprocess.run(cmd, check=True, timeout=300, capture_output=True)
    out = outdir / (src.stem + "." + fmt.split(":")[0])
    assert out.exists() and out.stat().st_size > 1000, f"LibreOffice produced no {fmt} for {src.name}"
    return out


def pages(pdf) -> int:
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
        return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))


def test_issue_review_copy_and_report_convert(issue, edits, findings, tmp_path, profile):
    cur, base = edits
    plain = export_issue_docx(issue, tmp_path / "issue.docx", author=AUTHOR, date=DATE)
    review = export_issue_docx(issue, tmp_path / "review.docx", texts=cur, findings=findings, base_texts=base,
                               author=AUTHOR, date=DATE)
    report = export_report_docx(issue, findings, tmp_path / "report.docx", texts=cur, date=DATE)
    # cover + contents + one page per article
    assert pages(to_pdf(plain, tmp_path, profile)) == 4
    assert pages(to_pdf(review, tmp_path, profile)) == 4
    assert 1 <= pages(to_pdf(report, tmp_path, profile)) <= 3


def test_libreoffice_reads_comments_and_tracked_changes(issue, edits, findings, tmp_path, profile):
    """Round trip through ODT: every comment keeps its range, the changes survive."""
    cur, base = edits
    review = export_issue_docx(issue, tmp_path / "review.docx", texts=cur, findings=findings, base_texts=base,
                               author=AUTHOR, date=DATE)
    odt = to_pdf(review, tmp_path, profile, fmt="odt")
    content = zipfile.ZipFile(odt).read("content.xml").decode()
    written = [f for f in findings if f.segment_key in ("s02", "s03")]
    assert content.count("<office:annotation ") == len(written)
    assert content.count("<office:annotation-end ") == len(written)
    assert "<text:insertion>" in content and "<text:deletion>" in content


@pytest.mark.sample
def test_sample_issue_converts(sample_issue, tmp_path, profile):
    path = export_issue_docx(sample_issue, tmp_path / "sample.docx", date=DATE)
    n = pages(to_pdf(path, tmp_path, profile))
    # 27 articles, each from a new page, about 70,000 characters
    assert 60 <= n <= 200, n
