"""A newsroom library on PostgreSQL (issue 13): save round trip, search, concurrent saves.

Starts a throwaway server from the installed binaries (tests/store/pg_server.py; as an
unprivileged user when run as root), over its unix socket on this machine, and measures:

- the save round trip (read the current text and version, save a revision), median and
  p95 over 200 saves (target <= 50 ms);
- a library of N issues (the reference issue with altered mastheads, default 240) and
  the median search time over 1-, 2- and 4-character queries (target <= 100 ms), with
  the hits checked against a local SQLite library of the same issues;
- 20 concurrent clients (threads, one Library each) saving on one issue: median and p95
  latency of a save, and how many ended as kept conflicts.

Run: ``.venv/bin/python bench/bench_pg.py [N]``. Prints one JSON object ({"skipped": ...}
without PostgreSQL binaries).
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SAMPLE = ROOT.parent / "shared" / "samples" / "jrzj-2024-10.txt"

QUERIES_1 = ["浙", "龙", "法", "梯", "税"]
QUERIES_2 = ["浙江", "制造", "人才", "金融", "创新", "生态", "考核", "梯田", "龙舟", "法治"]
QUERIES_4 = ["高质量发展", "先进制造", "普惠金融", "专精特新", "防汛防台", "公共法律", "数字经济", "减污降碳", "综合考核", "新质生产"]


def altered(text: str, k: int) -> str:
    year = 1900 + k // 24
    number = k % 24 + 1
    return re.sub(r"\d{4}年第\d+期 总第\d+期", f"{year}年第{number}期 总第{k + 1}期", text, count=1)


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main(n_issues: int = 240) -> dict:
    from tests.store.pg_server import TempServer, find_bindir

    bindir = find_bindir()
    if bindir is None:
        return {"skipped": "no PostgreSQL binaries"}
    from editor_app.ingest import parse_file, parse_text
    from editor_app.store import ConflictError, Library, pg_roles, transfer

    out: dict = {"server": str(bindir), "connection": "unix socket, localhost"}
    server = TempServer(bindir).start()
    try:
        server.admin_sql("CREATE DATABASE bench")
        dsn = server.dsn("bench")
        pg_roles.init_server(dsn)
        issue = parse_file(SAMPLE)
        with Library(dsn) as lib:
            t0 = time.perf_counter()
            issue_id = lib.import_issue(issue).issue_id
            out["import_reference_issue_s"] = round(time.perf_counter() - t0, 3)
            seg = max((s for s in lib.segments(issue_id) if s.kind == "article"),
                      key=lambda s: len(lib.current_text(s.id)[0]))
            times = []
            for i in range(200):
                t0 = time.perf_counter()
                text, version = lib.current_text(seg.id)
                lib.save_text(seg.id, text + ("。" if i % 2 else ""), "bench", expected_version=version)
                times.append((time.perf_counter() - t0) * 1000)
            out["save_round_trip_median_ms"] = round(statistics.median(times), 2)
            out["save_round_trip_p95_ms"] = round(pct(times, 95), 2)
            out["save_round_trip_target_ms"] = 50
            out["save_article_chars"] = len(text)

        # 20 concurrent clients saving on one issue
        n_clients, n_saves = 20, 25
        lat: list[float] = []
        conflicts = [0]
        lock = threading.Lock()
        with Library(dsn) as lib:
            arts = [s.id for s in lib.segments(issue_id) if s.kind == "article"][:5]
        barrier = threading.Barrier(n_clients)

        def client(n: int) -> None:
            with Library(dsn) as c:
                barrier.wait()
                for i in range(n_saves):
                    sid = arts[(n + i) % len(arts)]
                    t0 = time.perf_counter()
                    text, version = c.current_text(sid)
                    try:
                        c.save_text(sid, text + f"[{n}-{i}]", f"c{n}", expected_version=version)
                    except ConflictError:
                        with lock:
                            conflicts[0] += 1
                    with lock:
                        lat.append((time.perf_counter() - t0) * 1000)

        threads = [threading.Thread(target=client, args=(n,)) for n in range(n_clients)]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        out["concurrent_clients"] = n_clients
        out["concurrent_saves"] = len(lat)
        out["concurrent_wall_s"] = round(time.perf_counter() - t0, 2)
        out["concurrent_save_median_ms"] = round(statistics.median(lat), 2)
        out["concurrent_save_p95_ms"] = round(pct(lat, 95), 2)
        out["concurrent_conflicts_kept"] = conflicts[0]
        with Library(dsn) as lib:
            from editor_app.store.invariants import problems

            out["invariant_problems"] = len(problems(lib))

        # search over n_issues: built locally, pushed to the server, same hits on both
        import tempfile

        text = SAMPLE.read_text(encoding="utf-8")
        with tempfile.TemporaryDirectory() as tmp:
            local_path = Path(tmp) / "big.sqlite"
            with Library(local_path) as local:
                for k in range(n_issues):
                    local.import_issue(parse_text(altered(text, k), name=f"issue-{k}.txt", sha256=f"h{k}"))
                server.admin_sql("CREATE DATABASE big")
                big = server.dsn("big")
                pg_roles.init_server(big)
                t0 = time.perf_counter()
                with Library(big) as remote:
                    for r in local.list_issues():
                        transfer.copy_issue(local, remote, r.id)
                out["push_issues"] = n_issues
                out["push_s"] = round(time.perf_counter() - t0, 1)
                with Library(big) as remote:
                    for q in QUERIES_2[:3]:
                        remote.search(q)
                    times: dict[str, float] = {}
                    same = True
                    for q in QUERIES_1 + QUERIES_2 + QUERIES_4:
                        t0 = time.perf_counter()
                        hits = remote.search(q, limit=50)
                        times[q] = (time.perf_counter() - t0) * 1000
                        mine = local.search(q, limit=50)
                        key = lambda h: (h.issue_label, h.segment_key, h.field, h.start, h.count)  # noqa: E731
                        same = same and [key(h) for h in hits] == [key(h) for h in mine]
        out["search_median_ms"] = round(statistics.median(times.values()), 2)
        out["search_median_ms_1char"] = round(statistics.median(times[q] for q in QUERIES_1), 2)
        out["search_median_ms_2char"] = round(statistics.median(times[q] for q in QUERIES_2), 2)
        out["search_median_ms_4char"] = round(statistics.median(times[q] for q in QUERIES_4), 2)
        out["search_max_ms"] = round(max(times.values()), 2)
        out["search_target_ms"] = 100
        out["search_same_hits_as_sqlite"] = same
        out["library_issues"] = n_issues
    finally:
        server.stop()
    return out


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 240
    print(json.dumps(main(n), ensure_ascii=False, indent=2))
