"""DOCX export benchmark (export: issue, review copy, report).

The reference issue (../shared/samples/jrzj-2024-10.txt, parsed with
editor_app.ingest.parse_file) exported:

- plain (no comments, no changes);
- as a review copy with ~300 synthetic findings (one per two sentences, spread
  over every article, spans on real characters) as comments and tracked
  changes against older texts with ~1% of the sentences altered
  (target <= 3 s);
- the report (DOCX + CSV) of those findings.

Run: ``.venv/bin/python bench/bench_export.py``. Prints one JSON object.
"""

from __future__ import annotations

import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SAMPLE = ROOT.parent / "shared" / "samples" / "jrzj-2024-10.txt"

SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")


def sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in SENTENCE.finditer(text) if m.end() - m.start() >= 4]


def synthetic(issue, target: int = 300, seed: int = 7):
    """(findings, base_texts): one finding every other sentence until ``target``,
    and older texts with ~1% of the sentences altered."""
    from editor_app.model import Finding, SegmentRef

    rnd = random.Random(seed)
    texts = {s.id: s.editable_text()[0] for s in issue.articles()}
    spans = [(sid, a, b) for sid, t in texts.items() for a, b in sentences(t)]
    step = max(1, len(spans) // target)
    findings = []
    for sid, a, b in spans[::step][:target]:
        text = texts[sid]
        s = rnd.randrange(a, b - 1)
        e = min(b, s + rnd.randint(1, 4))
        findings.append(Finding(rule="bench.synthetic", category="wording", severity="warning",
                                message="基准测试问题", start=s, end=e, excerpt=text[s:e],
                                suggestion=text[s:e][::-1], segment=SegmentRef(sid)))
    base = dict(texts)
    altered = rnd.sample(spans, max(1, len(spans) // 100))
    for sid, a, b in sorted(altered, key=lambda x: (x[0], -x[1])):
        t = base[sid]
        k = rnd.randrange(a, b - 1)
        base[sid] = t[:k] + "（旧稿）" + t[k + 2:]
    return texts, findings, base, len(spans), len(altered)


def timed(fn, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main() -> dict:
    from editor_app.export import export_issue_docx, export_report_csv, export_report_docx
    from editor_app.ingest import parse_file

    if not SAMPLE.exists():
        return {"skipped": f"{SAMPLE} not found"}
    t = time.perf_counter()
    issue = parse_file(SAMPLE)
    parse_s = time.perf_counter() - t
    texts, findings, base, n_sent, n_alt = synthetic(issue)
    out: dict = {
        "articles": len(issue.articles()),
        "characters": sum(len(x) for x in texts.values()),
        "sentences": n_sent,
        "findings": len(findings),
        "altered_sentences": n_alt,
        "parse_s": round(parse_s, 3),
    }
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        out["export_plain_s"] = round(timed(lambda: export_issue_docx(issue, d / "plain.docx")), 3)
        out["export_review_s"] = round(
            timed(lambda: export_issue_docx(issue, d / "review.docx", texts=texts, findings=findings,
                                            base_texts=base, author="bench")), 3)
        out["export_traditional_tw_s"] = round(timed(lambda: export_issue_docx(issue, d / "tw.docx", traditional="tw")), 3)
        out["export_traditional_tw_review_regional_s"] = round(timed(lambda: export_issue_docx(
            issue, d / "tw-review.docx", texts=texts, findings=findings, base_texts=base, traditional="tw",
            regional_vocabulary=True)), 3)
        out["export_report_docx_s"] = round(timed(lambda: export_report_docx(issue, findings, d / "r.docx")), 3)
        out["export_report_csv_s"] = round(timed(lambda: export_report_csv(issue, findings, d / "r.csv")), 3)
        out["review_docx_bytes"] = (d / "review.docx").stat().st_size
        _t, many, _b, _n, _a = synthetic(issue, target=2000)
        out["findings_many"] = len(many)
        out["export_review_many_comments_s"] = round(
            timed(lambda: export_issue_docx(issue, d / "many.docx", findings=many)), 3)
    out["target_review_s"] = 3.0
    out["ok"] = out["export_review_s"] <= 3.0
    return out


if __name__ == "__main__":
    print(json.dumps(main(), ensure_ascii=False, indent=2))
