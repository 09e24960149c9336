"""PDF proof benchmark (import, first-page render, annotated export).

The reference issue (../shared/samples/jrzj-2024-10.txt, 65 pages) typeset as a
magazine by tests/pdf_material.py (typst); without it, the demo issue repeated until
the proof has at least 64 pages:

- import: text extraction with positions + parse + library import with the
  proof stored (target <= 3 s);
- the first page rendered to an image at screen resolution (96 dpi) with
  pypdfium2 (target <= 200 ms);
- annotated export: every open finding (checks run on the issue) plus ~1 % of
  the sentences edited, as PDF comments on a copy (target <= 3 s).

Run: ``.venv/bin/python bench/bench_pdf.py``. Prints one JSON object.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_PAGES = 64
SAMPLE = ROOT.parent / "shared" / "samples" / "jrzj-2024-10.txt"


def main() -> dict:
    import pypdfium2 as pdfium

    from editor_app.services import checking, importing, proofs
    from editor_app.store import Library
    from tests.pdf_material import magazine_pdf

    tmp = Path(tempfile.mkdtemp(prefix="bench-pdf-"))

    def pages(path: Path) -> int:
        doc = pdfium.PdfDocument(str(path))
        try:
            return len(doc)
        finally:
            doc.close()

    if SAMPLE.exists():  # the reference issue typeset as a magazine: ~65 pages
        pdf, source = magazine_pdf(tmp / "reference.pdf", text=SAMPLE), SAMPLE.name
    else:
        repeat = 3
        while pages(pdf := magazine_pdf(tmp / f"proof-{repeat}.pdf", repeat=repeat)) < TARGET_PAGES:
            repeat += 1
        source = f"demo-issue.txt x{repeat}"
    n_pages = pages(pdf)

    lib = Library(tmp / "lib.sqlite")
    t = time.perf_counter()
    out = importing.import_issue_file(lib, pdf)
    import_s = time.perf_counter() - t
    t = time.perf_counter()
    issue, proof = proofs.read_pdf_proof(pdf)
    extract_s = time.perf_counter() - t

    renders = []
    for _ in range(5):
        t = time.perf_counter()
        doc = pdfium.PdfDocument(pdf.read_bytes())
        page = doc[0]
        bitmap = page.render(scale=96 / 72)  # an RGB bitmap the window can wrap in a QImage
        renders.append(time.perf_counter() - t)
        size = (bitmap.width, bitmap.height)
        page.close()
        doc.close()

    edited = 0
    for row in lib.segments(out.issue_id):
        if row.kind != "article":
            continue
        text, version = lib.current_text(row.id)
        sentences = [m.start() for m in re.finditer(r"[^。！？\n]{8,}[。！？]", text)]
        new = text
        for k in sentences[::100]:
            new = new[:k] + "（改）" + new[k + 2 :]
            edited += 1
        if new != text:
            lib.save_text(row.id, new, "bench", expected_version=version)
    checking.run_checks(lib, out.issue_id)
    n_open = len(lib.list_findings(out.issue_id, status="open"))
    t = time.perf_counter()
    res = proofs.export_pdf(lib, out.issue_id, tmp / "review.pdf", author="bench")
    export_s = time.perf_counter() - t
    lib.close()
    return {
        "proof": source,
        "pages": n_pages,
        "characters": len(proof.text),
        "articles": len(issue.articles()),
        "import_s": round(import_s, 3),
        "extract_parse_s": round(extract_s, 3),
        "import_target_s": 3.0,
        "render_first_page_ms": round(min(renders) * 1000, 1),
        "render_size": list(size),
        "render_target_ms": 200,
        "export_s": round(export_s, 3),
        "export_findings": res.findings,
        "export_on_characters": res.on_characters,
        "export_edits": res.edits,
        "open_findings": n_open,
        "sentences_edited": edited,
        "export_target_s": 3.0,
    }


if __name__ == "__main__":
    print(json.dumps(main(), ensure_ascii=False, indent=2))
