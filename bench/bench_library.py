"""Import and search benchmarks (issue: import and the issue library).

- parse + import of the reference issue into a fresh library (target <= 0.5 s);
- a library of 240 issues (the reference issue with altered mastheads) and the
  median search time over 20 queries of 2 and 4 characters (target <= 100 ms).

Run: ``make bench`` (all benchmarks) or ``.venv/bin/python bench/bench_library.py``.
Prints one JSON object.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "samples" / "jrzj-2024-10.txt"

QUERIES_2 = ["浙江", "制造", "人才", "金融", "创新", "生态", "考核", "梯田", "龙舟", "法治"]
QUERIES_4 = ["高质量发展", "先进制造", "普惠金融", "专精特新", "防汛防台", "公共法律", "数字经济", "减污降碳", "综合考核", "新质生产"]


def altered(text: str, k: int) -> str:
    """The sample with another year, issue number and cumulative number (a distinct issue)."""
    year = 1900 + k // 24
    number = k % 24 + 1
    return re.sub(r"\d{4}年第\d+期 总第\d+期", f"{year}年第{number}期 总第{k + 1}期", text, count=1)


def main(n_issues: int = 240) -> dict:
    from editor_app.ingest import parse_file, parse_text
    from editor_app.store import Library

    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        # warm imports (OpenCC is not involved here)
        parse_file(SAMPLE)
        t0 = time.perf_counter()
        issue = parse_file(SAMPLE)
        t1 = time.perf_counter()
        with Library(Path(tmp) / "one.sqlite") as lib:
            lib.import_issue(issue)
        t2 = time.perf_counter()
        out["parse_s"] = round(t1 - t0, 4)
        out["import_s"] = round(t2 - t1, 4)
        out["parse_import_s"] = round(t2 - t0, 4)
        out["parse_import_target_s"] = 0.5

        text = SAMPLE.read_text(encoding="utf-8")
        db = Path(tmp) / "big.sqlite"
        t0 = time.perf_counter()
        with Library(db) as lib:
            for k in range(n_issues):
                lib.import_issue(parse_text(altered(text, k), name=f"issue-{k}.txt", sha256=f"h{k}"))
        out["build_library_s"] = round(time.perf_counter() - t0, 2)
        out["library_issues"] = n_issues
        out["library_mb"] = round(db.stat().st_size / 1e6, 1)

        with Library(db) as lib:
            for q in QUERIES_2[:3]:
                lib.search(q)  # warm the page cache
            times = {}
            hits = {}
            for q in QUERIES_2 + QUERIES_4:
                t0 = time.perf_counter()
                res = lib.search(q, limit=50)
                times[q] = (time.perf_counter() - t0) * 1000
                hits[q] = len(res)
        out["search_median_ms"] = round(statistics.median(times.values()), 2)
        out["search_median_ms_2char"] = round(statistics.median(times[q] for q in QUERIES_2), 2)
        out["search_median_ms_4char"] = round(statistics.median(times[q] for q in QUERIES_4), 2)
        out["search_max_ms"] = round(max(times.values()), 2)
        out["search_target_ms"] = 100
        out["search_hits_min"] = min(hits.values())
    return out


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 240
    print(json.dumps(main(n), ensure_ascii=False, indent=2))
