"""Page view (版面) benchmark: rendering proof pages and following the text.

The reference issue (../shared/samples/jrzj-2024-10.txt) typeset as a ~65-page magazine
proof by tests/pdf_material.py (typst), else the demo issue repeated to >= 64 pages,
imported into a fresh library. Measured:

- ``load_mapping_ms``: what the dock loads once per issue on the worker (the proof map
  and every segment's base text and offset map: services/proof_view.load_issue_proof);
- ``first_render_ms``: the first page rendered by a fresh renderer at 96 dpi, the proof
  read from the library and opened by PDFium included (target <= 200 ms); also at
  192 dpi (a HiDPI screen) and the slowest page of the proof at 96 dpi (``render_*``);
- in the window (offscreen, ops synchronous): ``show_new_page_ms``, a page not yet
  rendered shown in the dock (render + QImage + repaint); ``show_cached_page_ms``, a
  page shown again from the cache (repaint only); ``follow_ms``, the page following
  a cursor move in the longest article (mapping + highlight + repaint), median and max
  over 40 moves; ``click_ms``, a point of the page mapped back to the text.

Run: ``.venv/bin/python bench/bench_page_view.py``. Prints one JSON object.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TARGET_PAGES = 64
SAMPLE = ROOT.parent / "shared" / "samples" / "jrzj-2024-10.txt"


def ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def proof_pdf(tmp: Path) -> tuple[Path, str]:
    import pypdfium2 as pdfium

    from tests.pdf_material import magazine_pdf

    if SAMPLE.exists():
        return magazine_pdf(tmp / "reference.pdf", text=SAMPLE), SAMPLE.name
    repeat = 3
    while True:
        pdf = magazine_pdf(tmp / f"proof-{repeat}.pdf", repeat=repeat)
        doc = pdfium.PdfDocument(str(pdf))
        n = len(doc)
        doc.close()
        if n >= TARGET_PAGES:
            return pdf, f"demo-issue.txt x{repeat}"
        repeat += 1


def main() -> dict:
    from PySide6.QtGui import QTextCursor

    from editor_app.gui.app import application, build_window
    from editor_app.gui.settings import AppSettings
    from editor_app.services import importing, proof_view
    from editor_app.store import Library

    tmp = Path(tempfile.mkdtemp(prefix="bench-page-view-"))
    pdf, source = proof_pdf(tmp)
    db = tmp / "lib.sqlite"
    lib = Library(db)
    issue_id = importing.import_issue_file(lib, pdf).issue_id

    loads = []
    for _ in range(3):
        t = time.perf_counter()
        proof = proof_view.load_issue_proof(lib, issue_id)
        loads.append(time.perf_counter() - t)
    firsts, firsts_2x = [], []
    for _ in range(3):
        r = proof_view.PageRenderer()
        t = time.perf_counter()
        img = r.render(lib, issue_id, 0, 96 / 72)
        firsts.append(time.perf_counter() - t)
        r = proof_view.PageRenderer()
        t = time.perf_counter()
        r.render(lib, issue_id, 0, 2 * 96 / 72)
        firsts_2x.append(time.perf_counter() - t)
    r = proof_view.PageRenderer()
    r.render(lib, issue_id, 0, 96 / 72)
    per_page = []
    for p in range(proof.n_pages):
        t = time.perf_counter()
        r.render(lib, issue_id, p, 96 / 72)
        per_page.append(time.perf_counter() - t)
    longest = max((sg for sg in proof.segments if sg.kind == "article"), key=lambda sg: len(sg.base))
    lib.close()

    app = application()
    settings = AppSettings(tmp / "settings.ini")
    settings.user_name = "bench"
    w = build_window(db, settings, synchronous=True)
    w.resize(1480, 920)
    w.show()
    w.start(issue_id)
    w.session.runner.wait_idle()
    w.show_page_view(True)
    w.open_article(longest.seg_id)
    w.session.runner.wait_idle()
    app.processEvents()
    pv = w.page_view
    pv.follow()
    app.processEvents()

    def shown(page: int) -> float:
        t = time.perf_counter()
        pv.show_page(page)
        pv.canvas.repaint()
        return time.perf_counter() - t

    far = [p for p in range(proof.n_pages) if p not in longest.pages][:6]
    new_pages = [shown(p) for p in far]  # each rendered on first show
    cached = [shown(p) for p in far]  # again: from the cache
    ed = w.pane.editor
    text = ed.text()
    follows = []
    for k in range(40):
        pos = (k * 997) % max(len(text), 1)
        c = ed.textCursor()
        c.setPosition(ed.pos_map().to_qt(pos))
        c.setPosition(ed.pos_map().to_qt(min(pos + 6, len(text))), QTextCursor.MoveMode.KeepAnchor)
        ed.setTextCursor(c)
        t = time.perf_counter()
        pv.follow()
        pv.canvas.repaint()
        follows.append(time.perf_counter() - t)
    boxes = pv.proof.char_boxes(longest.seg_id, text, 0, len(text))
    clicks = []
    for page, (x0, y0, x1, y1) in boxes[:: max(1, len(boxes) // 40)]:
        t = time.perf_counter()
        pv.proof.text_at(longest.seg_id, text, page, (x0 + x1) / 2, (y0 + y1) / 2)
        clicks.append(time.perf_counter() - t)
    w.close()
    app.processEvents()
    return {
        "proof": source,
        "pages": proof.n_pages,
        "segments": len(proof.segments),
        "load_mapping_ms": ms(min(loads)),
        "first_render_ms": ms(min(firsts)),
        "first_render_size": [img.width, img.height],
        "first_render_target_ms": 200,
        "first_render_192dpi_ms": ms(min(firsts_2x)),
        "render_median_ms": ms(statistics.median(per_page)),
        "render_slowest_ms": ms(max(per_page)),
        "render_slowest_page": per_page.index(max(per_page)) + 1,
        "show_new_page_ms": ms(statistics.median(new_pages)),
        "show_cached_page_ms": ms(statistics.median(cached)),
        "cache_hits": pv.cache.hits,
        "follow_ms_median": ms(statistics.median(follows)),
        "follow_ms_max": ms(max(follows)),
        "follow_article_chars": len(text),
        "click_ms_median": round(statistics.median(clicks) * 1000, 3),
    }


if __name__ == "__main__":
    print(json.dumps(main(), ensure_ascii=False, indent=2))
