"""Start-up cost of the checker, and autocorrect-py as a peer reference (issue: the checks engine).

- start-up: a fresh interpreter importing the engine, building the registry and
  running the first check (OpenCC converters and word lists load then);
- peer: autocorrect-py (a Rust CJK linter) linting the same reference text,
  median after warm-up, beside our whole-issue check on the same text.

Run: ``.venv/bin/python bench/bench_checks_peer.py``. Prints one JSON object.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "samples" / "jrzj-2024-10.txt"

STARTUP = r"""
import time
t0 = time.perf_counter()
from editor_app.checks import Checker, Resources, build_registry
t1 = time.perf_counter()
reg = build_registry()
t2 = time.perf_counter()
checker = Checker(reg, resources=Resources())
checker.check_article("二零二二年，截止目前經濟發展好象很快,研究机构 and 高校推进推进。")
t3 = time.perf_counter()
print(f"{t1 - t0} {t2 - t1} {t3 - t2}")
"""


def median_ms(fn, runs: int = 7) -> float:
    fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> dict:
    out: dict = {}
    runs = []
    for _ in range(3):
        r = subprocess.run([sys.executable, "-c", STARTUP], capture_output=True, text=True, check=True)
        runs.append([float(x) for x in r.stdout.split()])
    best = min(runs, key=sum)
    out["startup_import_ms"] = round(best[0] * 1000, 1)
    out["startup_registry_ms"] = round(best[1] * 1000, 1)
    out["startup_first_check_ms"] = round(best[2] * 1000, 1)  # OpenCC + word lists load here
    out["startup_total_ms"] = round(sum(best) * 1000, 1)

    from editor_app.checks import Checker, Resources, build_registry
    from editor_app.ingest import parse_file

    issue = parse_file(SAMPLE)
    checker = Checker(build_registry(), resources=Resources())
    out["ours_issue_ms"] = round(median_ms(lambda: checker.check_issue(issue)), 1)
    out["ours_findings"] = len(checker.check_issue(issue))
    try:
        import autocorrect_py
    except ImportError:
        out["peer"] = "autocorrect-py not installed (pip install autocorrect-py)"
        return out
    raw = SAMPLE.read_text(encoding="utf-8")
    res = autocorrect_py.lint_for(raw, "text")
    out["peer"] = f"autocorrect-py {getattr(autocorrect_py, '__version__', '')}".strip()
    out["peer_issue_ms"] = round(median_ms(lambda: autocorrect_py.lint_for(raw, "text")), 1)
    out["peer_findings"] = len(getattr(res, "lines", []) or [])
    out["ratio_ours_to_peer"] = round(out["ours_issue_ms"] / max(out["peer_issue_ms"], 1e-6), 2)
    return out


if __name__ == "__main__":
    if not SAMPLE.exists():
        print(json.dumps({"skipped": f"{SAMPLE} not found"}))
        sys.exit(0)
    print(json.dumps(main(), ensure_ascii=False, indent=2))
