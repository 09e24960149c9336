"""Proofreading speed (issue: the checks engine).

- the whole reference issue (~80,000 characters), ``Checker.check_issue`` with
  every rule of every category (target <= 300 ms median);
- one ~5,000-character article, ``Checker.check_article`` as the editor's
  incremental re-check after an edit (target <= 30 ms median);
- the same two for the number + consistency rules alone, and the slowest rules.

The first run of each is discarded (imports, OpenCC converters, regex caches).
Run: ``.venv/bin/python bench/checks_probe.py`` (``make bench`` runs every
benchmark). Prints one JSON object.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "samples" / "jrzj-2024-10.txt"
sys.path.insert(0, str(ROOT))

ISSUE_TARGET_MS = 300
ARTICLE_TARGET_MS = 30


def _median_ms(fn, runs: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return round(statistics.median(times) * 1000, 2)


def _article_of(issue, size: int = 5000):
    """The article closest to ``size`` characters (edited text = its import text + a small edit)."""
    arts = issue.articles()
    seg = min(arts, key=lambda s: abs(len(s.editable_text()[0]) - size))
    text = seg.editable_text()[0]
    if len(text) < size:  # pad with the next articles' text to reach the size
        for other in arts:
            if other is seg:
                continue
            text += "\n" + other.editable_text()[0]
            if len(text) >= size:
                break
    text = text[:size]
    edited = text[: size // 2] + "（编者注：此处有改动。）" + text[size // 2 :]
    return seg, edited


def main(runs: int = 15) -> dict:
    from editor_app.checks import Checker, Registry, Resources, build_registry
    from editor_app.ingest import parse_file

    issue = parse_file(SAMPLE)
    resources = Resources()
    reg = build_registry()
    mine = Registry(rules=[r for r in reg.rules if r.category in ("number", "consistency")])
    seg, article = _article_of(issue)
    out: dict = {
        "sample_chars": len(issue.source),
        "article_chars": len(article),
        "rules": len(reg),
    }
    for label, registry in (("all", reg), ("number_consistency", mine)):
        checker = Checker(registry, resources=resources)
        out[f"issue_{label}_ms"] = _median_ms(lambda c=checker: c.check_issue(issue), runs)
        out[f"article_{label}_ms"] = _median_ms(
            lambda c=checker: c.check_article(article, segment=seg, issue=issue), runs * 2
        )
        out[f"findings_{label}"] = len(checker.check_issue(issue))
    out["issue_target_ms"] = ISSUE_TARGET_MS
    out["article_target_ms"] = ARTICLE_TARGET_MS
    out["ok"] = (
        out["issue_all_ms"] <= ISSUE_TARGET_MS and out["article_all_ms"] <= ARTICLE_TARGET_MS
    )
    slow = []
    for rule in reg.rules:
        one = Checker(Registry(rules=[rule]), resources=resources)
        fn = (
            (lambda c=one: c.check_issue(issue))
            if rule.scope == "issue"
            else (lambda c=one: c.check_article(article))
        )
        slow.append((_median_ms(fn, 5), rule.id))
    out["slowest_rules_ms"] = {rid: ms for ms, rid in sorted(slow, reverse=True)[:6]}
    return out


if __name__ == "__main__":
    if not SAMPLE.exists():
        print(json.dumps({"skipped": f"{SAMPLE} not found"}))
        sys.exit(0)
    print(json.dumps(main(), ensure_ascii=False, indent=2))
