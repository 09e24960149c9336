"""Build the reference exports of the fixture issue and (with --write) save
their normalised XML under tests/export/reference/.

Run from the checkout:  .venv/bin/python -m tests.export.make_reference --write
then review the diff of tests/export/reference/ before committing it.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from editor_app.export import (
    export_article_docx,
    export_issue_docx,
    export_report_csv,
    export_report_docx,
)

from . import conftest
from .docx_read import normalize, part

REFERENCE = Path(__file__).resolve().parent / "reference"

CASES = {
    "issue_plain": ["word/document.xml", "word/styles.xml", "word/settings.xml", "word/header1.xml",
                    "word/footer1.xml", "docProps/core.xml", "docProps/custom.xml"],
    "issue_review": ["word/document.xml", "word/comments.xml"],
    "issue_tw": ["word/document.xml", "word/styles.xml", "docProps/core.xml"],
    "article": ["word/document.xml", "word/header1.xml", "word/settings.xml"],
    "report": ["word/document.xml"],
}


def build(folder: Path) -> dict[str, Path]:
    issue = conftest.build_issue()
    cur, base = conftest.edited_texts(issue)
    findings = conftest.build_findings(cur)
    d, a = conftest.DATE, conftest.AUTHOR
    out = {
        "issue_plain": export_issue_docx(issue, folder / "plain.docx", author=a, date=d),
        "issue_review": export_issue_docx(issue, folder / "review.docx", texts=cur, findings=findings,
                                          base_texts=base, author=a, date=d),
        "issue_tw": export_issue_docx(issue, folder / "tw.docx", traditional="tw", author=a, date=d),
        "article": export_article_docx(issue, "s03", folder / "article.docx", author=a, date=d),
        "report": export_report_docx(issue, findings, folder / "report.docx", author=a, date=d, texts=cur,
                                     review_status={"s02": "已审"}),
        "report_csv": export_report_csv(issue, findings, folder / "report.csv", texts=cur),
    }
    return out


def reference_name(case: str, member: str) -> str:
    return f"{case}__{member.replace('/', '_')}"


def rendered(paths: dict[str, Path]) -> dict[str, str]:
    """Reference file name -> normalised content."""
    out = {}
    for case, members in CASES.items():
        for m in members:
            out[reference_name(case, m)] = normalize(part(paths[case], m))
    out["report.csv"] = paths["report_csv"].read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    return out


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        files = rendered(build(Path(tmp)))
    if "--write" not in argv:
        for name, text in files.items():
            print(f"{name}: {len(text.splitlines())} lines")
        print("(dry run; pass --write to save them under tests/export/reference/)")
        return 0
    REFERENCE.mkdir(exist_ok=True)
    for name, text in files.items():
        (REFERENCE / name).write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} reference files to {REFERENCE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
