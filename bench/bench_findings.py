"""Findings that follow the text (issue: one truth for an article).

On the reference issue in a temporary library:

- **restore + re-check**: restoring an article's earlier revision, which re-checks
  the whole issue and reconciles the stored findings in the same transaction
  (``editing.restore_revision``; target <= 300 ms median);
- **re-check alone**: ``checking.recheck`` of the issue with nothing changed;
- **reconciliation alone**: ``Library.reconcile_findings`` of a whole-issue check
  run against the stored findings — the store's part (target <= 50 ms median),
  both when nothing moved and when ~2,500 findings come back (a bulk fix undone).

Run: ``.venv/bin/python bench/bench_findings.py``. Prints one JSON object.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "samples" / "jrzj-2024-10.txt"
sys.path.insert(0, str(ROOT))

RESTORE_TARGET_MS = 300
RECONCILE_TARGET_MS = 50


def _ms(times: list[float]) -> float:
    return round(statistics.median(times) * 1000, 1)


def main() -> int:
    from editor_app.services import checking, editing, importing
    from editor_app.services import issues as svc

    if not SAMPLE.exists():
        print(json.dumps({"skipped": "reference issue not found"}))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        lib = svc.open_library(Path(tmp) / "bench.sqlite")
        issue_id = importing.import_issue_file(lib, SAMPLE, author="bench").issue_id
        rows = [r for r in lib.segments(issue_id) if r.kind == "article"]
        seg = max(rows, key=lambda r: len(lib.current_text(r.id)[0])).id
        # a length-changing edit, then restore back and forth: each restore re-checks
        text, version = lib.current_text(seg)
        editing.save_article(lib, seg, "新增一句,半角逗号。\n" + text, "bench", version)
        revs = lib.revisions(seg)
        old, new = revs[-1].id, revs[0].id
        restore = []
        for i in range(8):
            t = time.perf_counter()
            editing.restore_revision(lib, old if i % 2 == 0 else new, "bench")
            restore.append(time.perf_counter() - t)
        recheck = []
        for _ in range(5):
            t = time.perf_counter()
            checking.recheck(lib, issue_id)
            recheck.append(time.perf_counter() - t)
        # the store's part: reconcile a whole-issue run (nothing moved)
        issue = lib.get_issue(issue_id)
        findings = checking.make_checker(lib, issue_id).check_issue(issue)
        reconcile = []
        for _ in range(8):
            t = time.perf_counter()
            with lib.atomic():
                lib.reconcile_findings(issue_id, findings)
            reconcile.append(time.perf_counter() - t)
        # ~2,500 findings resolved by a bulk fix, then back (the bulk fix undone)
        fixed = checking.bulk_fix(lib, issue_id, "punctuation.halfwidth", author="bench")
        after_fix = checking.make_checker(lib, issue_id).check_issue(lib.get_issue(issue_id))
        churn = []
        for rev_ids in ([o.revision.id for o in fixed.outcomes if o.revision],):
            for o in fixed.outcomes:  # undo: restore each article's revision before the fix
                prev = [r for r in lib.revisions(o.segment_id) if r.id < o.revision.id][0]
                editing.restore_revision(lib, prev.id, "bench", check=False)
            back = checking.make_checker(lib, issue_id).check_issue(lib.get_issue(issue_id))
            t = time.perf_counter()
            sync = lib.reconcile_findings(issue_id, back, cause="undo")
            churn.append(time.perf_counter() - t)
            del rev_ids
        n_findings = len(findings)
        lib.close()
    out = {
        "restore_recheck_ms": _ms(restore),
        "restore_target_ms": RESTORE_TARGET_MS,
        "recheck_ms": _ms(recheck),
        "reconcile_unchanged_ms": _ms(reconcile),
        "reconcile_target_ms": RECONCILE_TARGET_MS,
        "reconcile_after_undo_ms": _ms(churn),
        "reappeared_after_undo": sync.reappeared,
        "findings": n_findings,
        "findings_after_fix": len(after_fix),
    }
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
