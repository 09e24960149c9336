"""The script, punctuation and wording rules on the bundled demo issue.

``resources/samples/demo-issue.planted.tsv`` lists the problems planted in
the made-up issue and the correct usages beside them. For the rules of these
three categories: every planted problem is found (and, where the list gives
one, with that suggestion), no trap is flagged, and nothing else is reported
except half-width punctuation (whole segments of the demo use it, as the real
issue does).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from editor_app.checks.core import ArticleContext
from editor_app.checks.resources import Resources
from editor_app.checks.rules.punctuation import ascii_marks, halfwidth, marks, quotes
from editor_app.checks.rules.script import rare, traditional, variants
from editor_app.checks.rules.wording import confusables, duplicated, jiezhi, stray_latin, typo
from editor_app.paths import resource

MODULES = (
    ascii_marks,
    traditional,
    variants,
    rare,
    halfwidth,
    quotes,
    marks,
    jiezhi,
    stray_latin,
    confusables,
    duplicated,
    typo,
)
RULES = {r.id: r for m in MODULES for r in m.RULES}
DEMO: Path = resource("samples", "demo-issue.txt")
PLANTED: Path = resource("samples", "demo-issue.planted.tsv")

pytestmark = pytest.mark.skipif(
    not (DEMO.exists() and PLANTED.exists()), reason="demo issue not bundled"
)


def _planted() -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    flag, pass_ = [], []
    target = flag
    for line in PLANTED.read_text(encoding="utf-8").splitlines():
        if line.startswith("# must-pass"):
            target = pass_
        if not line.strip() or line.startswith("#"):
            continue
        rule_id, excerpt, suggestion, *_ = line.split("\t")
        if rule_id in RULES:
            target.append((rule_id, excerpt, suggestion))
    return flag, pass_


@pytest.fixture(scope="module")
def demo():
    from editor_app.ingest import parse_file

    issue = parse_file(DEMO)
    res = Resources()
    texts = {}
    hits = {rid: [] for rid in RULES}
    for seg in issue.segments:
        text = seg.text if seg.paragraphs else issue.source[seg.source_start : seg.source_end]
        texts[seg.id] = text
        ctx = ArticleContext(text=text, resources=res)
        for rid, rule in RULES.items():
            hits[rid].extend((seg.id, h) for h in rule.func(ctx))
    return texts, hits


def _overlapping(demo, rule_id: str, excerpt: str):
    texts, hits = demo
    out = []
    located = False
    for sid, text in texts.items():
        k = text.find(excerpt)
        if k < 0:
            continue
        located = True
        out += [
            h for s, h in hits[rule_id] if s == sid and h.start < k + len(excerpt) and h.end > k
        ]
    assert located, f"planted excerpt not in any segment text: {excerpt}"
    return out


FLAG, PASS = _planted()


@pytest.mark.parametrize(("rule_id", "excerpt", "suggestion"), FLAG)
def test_planted_problem_is_found(demo, rule_id, excerpt, suggestion):
    found = _overlapping(demo, rule_id, excerpt)
    assert found, (rule_id, excerpt)
    if suggestion and any(h.suggestion is not None for h in found):
        # (variant_reading, rare_char and paired_marks never suggest: a person decides)
        texts, _ = demo
        text = next(t for t in texts.values() if excerpt in t)
        k = text.find(excerpt)
        fixed = excerpt
        for h in sorted(
            (h for h in found if h.suggestion is not None), key=lambda h: h.start, reverse=True
        ):
            a, b = h.start - k, h.end - k
            if 0 <= a and b <= len(excerpt):
                fixed = fixed[:a] + h.suggestion + fixed[b:]
        assert fixed == suggestion or suggestion in fixed or fixed in suggestion, (
            excerpt,
            fixed,
            suggestion,
        )


@pytest.mark.parametrize(("rule_id", "excerpt", "suggestion"), PASS)
def test_trap_is_not_flagged(demo, rule_id, excerpt, suggestion):
    assert not _overlapping(demo, rule_id, excerpt)


# wording.typo_context is statistical: on correct prose it suggests a few places to
# look at (info), about 10 per 10,000 characters on ../shared/corpus/clean
CONTEXT_INFOS_PER_10K = 10


def test_nothing_else_is_reported(demo):
    texts, hits = demo
    planted = [(rid, ex) for rid, ex, _ in FLAG]
    stray = []
    infos = [h for _, h in hits.get("wording.typo_context", []) if h.severity == "info"]
    chars = sum(len(t) for t in texts.values())
    assert len(infos) * 10_000 <= CONTEXT_INFOS_PER_10K * chars, infos
    for rid, items in hits.items():
        if rid == "punctuation.halfwidth":
            continue
        for sid, h in items:
            if rid == "wording.typo_context" and h.severity == "info":
                continue
            text = texts[sid]
            if not any(
                r == rid and (k := text.find(ex)) >= 0 and h.start < k + len(ex) and h.end > k
                for r, ex in planted
            ):
                stray.append((rid, sid, text[max(0, h.start - 8) : h.end + 8]))
    assert not stray, stray
