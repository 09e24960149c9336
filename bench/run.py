"""Run every benchmark and print one JSON object keyed by benchmark name.

``make bench`` calls this. Each benchmark is its own script (run alone with
``.venv/bin/python bench/<name>.py``); here each runs in a fresh interpreter so
one's caches do not flatter another.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHES = ["bench_library", "checks_probe", "bench_findings", "accuracy", "bench_typo_archive", "bench_checks_peer", "bench_export",
           "bench_roundtrip", "bench_pdf", "bench_page_view", "bench_structure", "bench_big_docx", "bench_integrity", "bench_gui",
           "bench_package", "bench_pg"]


def main(names: list[str]) -> int:
    out = {}
    for name in names or BENCHES:
        script = HERE / f"{name}.py"
        if not script.exists():
            continue
        print(f"running {name} ...", file=sys.stderr, flush=True)
        r = subprocess.run([sys.executable, str(script)], capture_output=True, text=True)
        if r.returncode != 0:
            out[name] = {"error": (r.stderr.strip().splitlines() or ["failed"])[-1]}
            continue
        try:
            out[name] = json.loads(r.stdout)
        except json.JSONDecodeError:
            out[name] = {"output": r.stdout.strip()[-500:]}
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
