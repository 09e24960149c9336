"""DOCX round-trip benchmark: the reference issue exported from a library as a
review copy (comments + tracked changes), read back unedited ("no change"),
then with one sentence changed through python-docx (one new revision).

Run: ``.venv/bin/python bench/bench_roundtrip.py``. Prints one JSON object.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SAMPLE = ROOT.parent / "shared" / "samples" / "jrzj-2024-10.txt"
OLD, NEW = "中宁硅业公司借势发展", "中宁硅业公司顺势发展"


def main() -> dict:
    import docx

    from editor_app.services import docx_roundtrip, exporting
    from editor_app.services import issues as svc

    if not SAMPLE.exists():
        return {"skipped": f"{SAMPLE} is absent"}
    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        lib = svc.open_library(d / "lib.sqlite")
        issue_id = svc.import_issue_file(lib, SAMPLE).issue_id
        t = time.perf_counter()
        path = exporting.export_issue(lib, issue_id, d / "issue.docx", comments=True, track_changes=True)
        out["export_review_s"] = round(time.perf_counter() - t, 3)
        t = time.perf_counter()
        res = docx_roundtrip.import_exported_docx(lib, path, issue_id)
        out["read_back_unedited_s"] = round(time.perf_counter() - t, 3)
        out["unedited_no_change"] = res.no_change
        out["articles"] = len(res.articles)
        doc = docx.Document(str(path))
        for p in doc.paragraphs:
            for r in p.runs:
                if OLD in r.text:
                    r.text = r.text.replace(OLD, NEW)
        doc.save(str(d / "edited.docx"))
        t = time.perf_counter()
        res = docx_roundtrip.import_exported_docx(lib, d / "edited.docx", issue_id, author="bench")
        out["read_back_one_edit_s"] = round(time.perf_counter() - t, 3)
        out["revised_articles"] = len(res.revised)
        lib.close()
    out["ok"] = out["unedited_no_change"] and out["revised_articles"] == 1
    return out


if __name__ == "__main__":
    print(json.dumps(main(), ensure_ascii=False, indent=2))
