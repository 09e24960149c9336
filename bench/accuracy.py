"""Accuracy of the proofreading checks on the development corpus (../shared/corpus/).

Two measurements, as defined in the corpus README:

1. **Typos** (``typos/typos.tsv``, id / source / corrected, same length): the
   typo rules (``TYPO_RULES``) run on each source sentence. A finding flags
   the characters it changes (a span whose suggestion has the same length
   flags the positions that differ; any other span flags all its
   characters). With ``gold = {i: source[i] != corrected[i]}``:
   - sentence level, README ("exact"): a sentence with errors is detected
     when the flagged set equals gold (corrected: and every suggestion is
     the gold character); precision = such sentences / sentences flagged;
   - sentence level, "any": a sentence with errors is detected when a flagged
     character is in gold; precision = detected / sentences flagged;
   - character level detection and correction precision / recall;
   - the false-positive rate on the correct sentences (source == corrected).
   Each for ``sighan14-``, ``odw-`` and both. Plus the precision/recall
   curves over the ``wording.typo`` threshold and over the
   ``wording.typo_context`` threshold (the other typo rules fixed at theirs).
2. **Clean prose** (``clean/``): every file checked as one issue (one article,
   one paragraph per line) with every rule; findings per 10,000
   non-whitespace characters by rule and by severity, and the 20 most
   frequent findings (rule, excerpt) with one context each — on this
   professionally edited prose nearly all of them are false alarms.

And what the typo detector costs: its first load (word model, confusion sets,
part-of-speech lists) in a fresh interpreter, time and resident memory.

Run: ``.venv/bin/python bench/accuracy.py [--shared DIR] [--text]`` (``--shared``
defaults to ``../shared`` beside the repository; ``--text`` prints a readable
report on stderr besides the JSON on stdout).
"""

from __future__ import annotations

import argparse
import collections
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TYPO_RULES = (
    "wording.typo",
    "wording.typo_context",
    "wording.de_particle",
    "wording.confusables",
    "script.rare_char",
)
# wording.duplicated is left out: it finds insertions (我们我们), which the
# substitution-only gold cannot contain. Positions of the sighan14 traits the
# gold leaves unmarked (README: 著 as a particle, 妳, 牠, full-width digits and
# letters, 「」) are not counted as flags.
TRAITS = frozenset("著妳牠「」") | frozenset(chr(c) for c in range(0xFF10, 0xFF5B))
CURVE = (6.0, 8.0, 9.0, 10.0, 11.0, 12.0, 14.0, 16.0, 18.0)
# the wording.typo_context threshold (its own scale: the context model's bits)
CTX_CURVE = (4.0, 4.5, 5.0, 5.5, 6.0, 7.0, 8.0, 10.0, 12.0, 16.0)
TARGETS = {
    "typo_sentence_precision": 0.7,
    "typo_sentence_recall": 0.35,
    "clean_warning_or_error_per_10k": 0.5,
    "clean_error_per_10k": 0.1,
    "load_s": 0.5,
    "load_rss_mb": 300,
}


def _nonspace(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


def flagged_positions(findings) -> dict[int, str | None]:
    """Position -> suggested character (None when the finding suggests none)."""
    out: dict[int, str | None] = {}
    for f in findings:
        sug = f.suggestion
        if sug is not None and len(sug) == f.end - f.start and f.end > f.start:
            for k, (a, b) in enumerate(zip(f.excerpt, sug, strict=True)):
                if a != b:
                    out[f.start + k] = b
        else:
            for p in range(f.start, max(f.end, f.start + 1)):
                out.setdefault(p, None)
    return out


def read_typos(shared: Path) -> list[tuple[str, str, str]]:
    rows = []
    path = shared / "corpus" / "typos" / "typos.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        rid, src, cor = line.split("\t")
        rows.append((rid, src, cor))
    return rows


class Tally:
    def __init__(self) -> None:
        self.c = collections.Counter()

    def add(self, src: str, cor: str, flags: dict[int, str | None]) -> None:
        c = self.c
        gold = {i: cor[i] for i in range(len(src)) if src[i] != cor[i]}
        flags = {i: s for i, s in flags.items() if i in gold or src[i] not in TRAITS}
        fl = set(flags)
        c["sentences"] += 1
        c["flagged_sentences"] += bool(fl)
        c["flagged_chars"] += len(fl)
        c["gold_chars"] += len(gold)
        c["det_tp_chars"] += len(fl & set(gold))
        c["cor_tp_chars"] += sum(1 for i in fl & set(gold) if flags[i] == gold[i])
        if gold:
            c["error_sentences"] += 1
            c["any_hit"] += bool(fl & set(gold))
            exact = fl == set(gold)
            c["exact_det"] += exact
            c["exact_cor"] += exact and all(flags[i] == g for i, g in gold.items())
        else:
            c["correct_sentences"] += 1
            c["fp_correct_sentences"] += bool(fl)

    def report(self) -> dict:
        c = self.c

        def div(a, b):
            return round(a / b, 3) if b else 0.0

        flagged_err = c["flagged_sentences"] - c["fp_correct_sentences"]
        return {
            "sentences": c["sentences"],
            "error_sentences": c["error_sentences"],
            "flagged_sentences": c["flagged_sentences"],
            "sentence_any": {
                "precision": div(c["any_hit"], c["flagged_sentences"]),
                "recall": div(c["any_hit"], c["error_sentences"]),
            },
            "sentence_exact_detection": {
                "precision": div(c["exact_det"], c["flagged_sentences"]),
                "recall": div(c["exact_det"], c["error_sentences"]),
            },
            "sentence_exact_correction": {
                "precision": div(c["exact_cor"], c["flagged_sentences"]),
                "recall": div(c["exact_cor"], c["error_sentences"]),
            },
            "char_detection": {
                "precision": div(c["det_tp_chars"], c["flagged_chars"]),
                "recall": div(c["det_tp_chars"], c["gold_chars"]),
            },
            "char_correction": {
                "precision": div(c["cor_tp_chars"], c["flagged_chars"]),
                "recall": div(c["cor_tp_chars"], c["gold_chars"]),
            },
            "false_positive_rate_correct_sentences": div(
                c["fp_correct_sentences"], c["correct_sentences"]
            ),
            "flagged_error_sentences": flagged_err,
        }


def typo_accuracy(shared: Path) -> dict:
    from editor_app.checks import Checker, Registry, Resources, build_registry
    from editor_app.checks.rules.wording import typo
    from editor_app.checks.rules.wording._typo_model import typo_model

    rows = read_typos(shared)
    reg = build_registry()
    resources = Resources()
    detectors = ("wording.typo", "wording.typo_context")
    fixed = Checker(
        Registry(rules=[r for r in reg.rules if r.id in TYPO_RULES and r.id not in detectors]),
        resources=resources,
    )
    with_word = Checker(
        Registry(rules=[r for r in reg.rules if r.id in TYPO_RULES and r.id != detectors[1]]),
        resources=resources,
    )
    full = Checker(
        Registry(rules=[r for r in reg.rules if r.id in TYPO_RULES]), resources=resources
    )
    model = typo_model(resources)
    subsets = ("sighan14", "odw", "all")
    at_threshold = {s: Tally() for s in subsets}
    warnings_only = {s: Tally() for s in subsets}
    curve = {t: {s: Tally() for s in subsets} for t in CURVE}
    ctx_curve = {t: {s: Tally() for s in subsets} for t in CTX_CURVE}
    t0 = time.perf_counter()
    for rid, src, cor in rows:
        sub = rid.split("-", 1)[0]
        findings = full.check_article(src)
        flags = flagged_positions(findings)
        strong = flagged_positions([f for f in findings if f.severity != "info"])
        base = flagged_positions(fixed.check_article(src))
        word = flagged_positions(with_word.check_article(src))
        cands = model.detect(src, min(CURVE))
        shipped = {c.pos for c in model.detect(src, typo.THRESHOLD)}
        ctx = [
            c
            for c in model.detect(src, min(CTX_CURVE), context=True)
            if not {c.pos - 1, c.pos, c.pos + 1} & shipped
        ]
        for s in (sub, "all"):
            at_threshold[s].add(src, cor, flags)
            warnings_only[s].add(src, cor, strong)
        for tallies, thresholds, fixed_flags, found in (
            (curve, CURVE, base, cands),
            (ctx_curve, CTX_CURVE, word, ctx),
        ):
            for t in thresholds:
                fl = dict(fixed_flags)
                for c in found:
                    if c.score >= t:
                        fl[c.pos] = c.right
                for s in (sub, "all"):
                    tallies[t][s].add(src, cor, fl)
    elapsed = time.perf_counter() - t0
    def rows_of(tallies: dict, thresholds: tuple[float, ...]) -> list[dict]:
        return [
            {
                "threshold": t,
                **{
                    s: {
                        "sentence_any_p": r["sentence_any"]["precision"],
                        "sentence_any_r": r["sentence_any"]["recall"],
                        "sentence_exact_p": r["sentence_exact_detection"]["precision"],
                        "sentence_exact_r": r["sentence_exact_detection"]["recall"],
                        "char_p": r["char_detection"]["precision"],
                        "char_r": r["char_detection"]["recall"],
                        "fpr_correct": r["false_positive_rate_correct_sentences"],
                    }
                    for s, r in ((s, tallies[t][s].report()) for s in subsets)
                },
            }
            for t in thresholds
        ]

    return {
        "rules": list(TYPO_RULES),
        "threshold": typo.THRESHOLD,
        "warn_at": typo.WARN_AT,
        "context_threshold": typo.CTX_THRESHOLD,
        "context_warn_at": typo.CTX_WARN_AT,
        "at_threshold": {s: at_threshold[s].report() for s in subsets},
        "warning_or_error_only": {s: warnings_only[s].report() for s in subsets},
        "curve": rows_of(curve, CURVE),
        "context_curve": rows_of(ctx_curve, CTX_CURVE),
        "seconds": round(elapsed, 2),
    }


def typo_curve_on_prose(shared: Path, context: bool = False) -> list[dict]:
    """How many places the typo detector reports on professionally edited prose at
    each threshold of ``CURVE`` (with ``context``: the context model, at each of
    ``CTX_CURVE``, leaving out places the word model reports at its shipped
    threshold, as ``wording.typo_context`` does): ``clean/`` (each file one article,
    the file as the issue) and the reference issue (each prose segment, the issue as
    the whole). Nearly all of them are false alarms; the shipped thresholds are
    chosen by these counts, after reading what the reference issue gets."""
    from editor_app.checks import Resources
    from editor_app.checks.rules.wording import typo
    from editor_app.checks.rules.wording._typo_model import typo_model
    from editor_app.checks.segments import PROSE_KINDS, segment_text
    from editor_app.ingest import parse_file

    model = typo_model(Resources())
    thresholds = CTX_CURVE if context else CURVE
    lo = min(thresholds)

    def scores(text: str, whole: str) -> list[float]:
        if not context:
            return [c.score for c in model.detect(text, lo, whole)]
        taken = {c.pos for c in model.detect(text, typo.THRESHOLD, whole)}
        return [
            c.score
            for c in model.detect(text, lo, whole, context=True)
            if not {c.pos - 1, c.pos, c.pos + 1} & taken
        ]

    clean_scores: list[float] = []
    chars = 0
    for path in sorted((shared / "corpus" / "clean").rglob("*.txt")):
        text = "\n".join(ln for ln in path.read_text(encoding="utf-8").split("\n") if ln.strip())
        chars += _nonspace(text)
        clean_scores += scores(text, text)
    ref_scores: list[float] | None = None
    sample = shared / "samples" / "jrzj-2024-10.txt"
    if sample.exists():
        issue = parse_file(sample)
        ref_scores = []
        for seg in issue.segments:
            if seg.kind in PROSE_KINDS:
                ref_scores += scores(segment_text(issue, seg)[0], issue.source)
    return [
        {
            "threshold": t,
            "clean_places": sum(x >= t for x in clean_scores),
            "clean_per_10k": round(10000 * sum(x >= t for x in clean_scores) / chars, 3),
            "reference_issue_places": (
                sum(x >= t for x in ref_scores) if ref_scores is not None else None
            ),
        }
        for t in thresholds
    ]


def clean_issue(name: str, text: str):
    """One clean document as a one-article issue (one paragraph per line)."""
    from editor_app.checks import IssueExample
    from editor_app.checks.examples import issue_from_example

    lines = [ln for ln in text.split("\n") if ln.strip()]
    return issue_from_example(IssueExample(articles={name: "\n".join(lines)}), name)


def clean_false_alarms(shared: Path, top: int = 20) -> dict:
    from editor_app.checks import Checker, Resources, build_registry

    files = sorted((shared / "corpus" / "clean").rglob("*.txt"))
    checker = Checker(build_registry(), resources=Resources())
    chars = 0
    by_rule: collections.Counter = collections.Counter()
    by_sev: collections.Counter = collections.Counter()
    by_rule_sev: collections.Counter = collections.Counter()
    groups: collections.Counter = collections.Counter()
    example: dict = {}
    for path in files:
        text = path.read_text(encoding="utf-8")
        chars += _nonspace(text)
        name = path.stem
        issue = clean_issue(name, text)
        texts = {}
        for f in checker.check_issue(issue):
            by_rule[f.rule] += 1
            by_sev[f.severity] += 1
            by_rule_sev[(f.rule, f.severity)] += 1
            key = (f.rule, f.severity, f.excerpt, f.suggestion or "")
            groups[key] += 1
            if key not in example:
                seg = issue.segment(f.segment_key) if f.segment_key else None
                if seg is not None and seg.id not in texts:
                    texts[seg.id] = seg.editable_text()[0]
                body = texts.get(seg.id, "") if seg is not None else ""
                ctx = body[max(0, f.start - 12) : f.end + 12].replace("\n", " ")
                example[key] = f"{path.relative_to(shared / 'corpus' / 'clean')}: …{ctx}…"
        for failure in checker.failures:
            print(f"rule failure {failure.rule}: {failure.error}", file=sys.stderr)

    def rate(n: int) -> float:
        return round(10000 * n / chars, 3) if chars else 0.0

    warn_err = by_sev["warning"] + by_sev["error"]
    return {
        "files": len(files),
        "nonspace_chars": chars,
        "per_10k_by_severity": {s: rate(by_sev[s]) for s in ("error", "warning", "info")},
        "per_10k_warning_or_error": rate(warn_err),
        "counts_by_severity": dict(by_sev),
        "per_10k_by_rule": {
            f"{r} [{s}]": rate(n) for (r, s), n in sorted(by_rule_sev.items(), key=lambda x: -x[1])
        },
        "top_false_alarms": [
            {
                "rule": r,
                "severity": s,
                "excerpt": e,
                "suggestion": g,
                "count": n,
                "example": example[(r, s, e, g)],
            }
            for (r, s, e, g), n in groups.most_common(top)
        ],
    }


LOAD_PROBE = """
import json, resource, sys, time
sys.path.insert(0, {root!r})
def rss():
    for line in open('/proc/self/status'):
        if line.startswith('VmRSS:'):
            return int(line.split()[1]) / 1024
from editor_app.checks import Resources
from editor_app.checks.rules.wording import typo  # rule module import, no data yet
r = Resources(); r.hanzi_levels
before = rss()
t = time.perf_counter()
c = time.process_time()
from editor_app.checks.rules.wording._de_particle import _de_data
from editor_app.checks.rules.wording._typo_model import typo_model
typo_model(r); _de_data(r)
load = time.perf_counter() - t
cpu = time.process_time() - c
after = rss()
print(json.dumps({{"load_s": round(load, 3), "load_cpu_s": round(cpu, 3),
                  "rss_added_mb": round(after - before, 1),
                  "rss_total_mb": round(after, 1)}}))
"""


def load_cost(runs: int = 3) -> dict:
    """The first load in ``runs`` fresh interpreters: the median run (by time), and
    every run's time."""
    probes = []
    for _ in range(runs):
        r = subprocess.run(
            [sys.executable, "-c", LOAD_PROBE.format(root=str(ROOT))],
            capture_output=True,
            text=True,
            check=True,
        )
        probes.append(json.loads(r.stdout))
    probes.sort(key=lambda p: p["load_s"])
    return {**probes[len(probes) // 2], "runs_s": [p["load_s"] for p in probes]}


NEW_RULES = (
    "wording.typo",
    "wording.typo_context",
    "wording.de_particle",
    "punctuation.halfwidth_period",
    "punctuation.straight_quotes",
)


def reference_issue_cost(shared: Path, runs: int = 5) -> dict:
    """CPU time (``time.process_time``, so other processes on the machine do not
    count) of checking the reference issue with every rule and without the
    typo and new punctuation rules: the first check, then the median of
    ``runs`` re-checks (bench/checks_probe.py measures wall time)."""
    import statistics

    from editor_app.checks import Checker, Registry, Resources, build_registry
    from editor_app.ingest import parse_file

    sample = shared / "samples" / "jrzj-2024-10.txt"
    if not sample.exists():
        return {"skipped": f"{sample} not found"}
    issue = parse_file(sample)
    reg = build_registry()
    out = {}
    for label, rules in (
        ("all_rules", reg.rules),
        ("without_new_rules", [r for r in reg.rules if r.id not in NEW_RULES]),
    ):
        checker = Checker(Registry(rules=list(rules)), resources=Resources())
        t = time.process_time()
        checker.check_issue(issue)
        first = time.process_time() - t
        times = []
        for _ in range(runs):
            t = time.process_time()
            checker.check_issue(issue)
            times.append(time.process_time() - t)
        out[label] = {
            "first_cpu_ms": round(first * 1000, 1),
            "recheck_cpu_ms": round(statistics.median(times) * 1000, 1),
        }
    return out


def _print_text(out: dict) -> None:
    p = lambda *a: print(*a, file=sys.stderr)  # noqa: E731
    t = out["typos"]
    p(
        f"typo rules: {', '.join(t['rules'])}; wording.typo threshold {t['threshold']}, warning"
        f" from {t['warn_at']}; wording.typo_context threshold {t['context_threshold']},"
        f" warning from {t['context_warn_at']}"
    )
    for label in ("at_threshold", "warning_or_error_only"):
        p(f"\n{label}:")
        for s, r in t[label].items():
            p(
                f"  {s:8s} sentences {r['sentences']:5d} flagged {r['flagged_sentences']:4d}  "
                f"any P {r['sentence_any']['precision']:.3f} R {r['sentence_any']['recall']:.3f}  "
                f"exact P {r['sentence_exact_detection']['precision']:.3f} "
                f"R {r['sentence_exact_detection']['recall']:.3f}  "
                f"char P {r['char_detection']['precision']:.3f} R {r['char_detection']['recall']:.3f}  "
                f"corr P {r['char_correction']['precision']:.3f} R {r['char_correction']['recall']:.3f}  "
                f"FPR(correct) {r['false_positive_rate_correct_sentences']:.3f}"
            )
    for key, prose, rule, fixed in (
        ("curve", "typo_curve_on_prose", "wording.typo", "the context rule off"),
        ("context_curve", "context_curve_on_prose", "wording.typo_context",
         f"wording.typo at {t['threshold']}"),
    ):
        p(
            f"\ncurve over the {rule} threshold ({fixed}; all / odw / sighan14): "
            "sentence-any P R, char P R, FPR"
        )
        for row in t[key]:
            cells = []
            for s in ("all", "odw", "sighan14"):
                r = row[s]
                cells.append(
                    f"{r['sentence_any_p']:.2f} {r['sentence_any_r']:.2f} "
                    f"{r['char_p']:.2f} {r['char_r']:.2f} {r['fpr_correct']:.2f}"
                )
            p(f"  {row['threshold']:5.1f}  " + "  |  ".join(cells))
        p(
            f"\n{rule} on edited prose over the threshold: places on clean/ (per 10k),"
            " on the reference issue"
        )
        for row in out[prose]:
            p(
                f"  {row['threshold']:5.1f}  clean {row['clean_places']:4d}"
                f" ({row['clean_per_10k']:.2f})  reference issue {row['reference_issue_places']}"
            )
    c = out["clean"]
    p(
        f"\nclean: {c['files']} files, {c['nonspace_chars']} chars; per 10k: "
        f"{c['per_10k_by_severity']}  warning+error {c['per_10k_warning_or_error']}"
    )
    for k, v in c["per_10k_by_rule"].items():
        p(f"  {v:7.3f}  {k}")
    p("top findings on clean prose:")
    for f in c["top_false_alarms"]:
        p(
            f"  {f['count']:3d}  {f['rule']} [{f['severity']}] {f['excerpt']!r}"
            f" -> {f['suggestion']!r}  {f['example']}"
        )
    p(f"\ntypo detector first load: {out['load']}")
    p(f"reference issue check (CPU): {out['reference_issue']}")


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--text", action="store_true", help="also print a readable report on stderr")
    args = ap.parse_args(argv)
    corpus = args.shared / "corpus"
    if not (corpus / "typos" / "typos.tsv").exists():
        return {"skipped": f"{corpus} not found"}
    # the load first: probes started from this process once it holds the corpora's
    # checkers (~1 GB) ran up to twice as slow (0.3 -> 0.76 s), whatever they loaded
    load = load_cost()
    out = {
        "typos": typo_accuracy(args.shared),
        "typo_curve_on_prose": typo_curve_on_prose(args.shared),
        "context_curve_on_prose": typo_curve_on_prose(args.shared, context=True),
        "clean": clean_false_alarms(args.shared),
        "load": load,
        "reference_issue": reference_issue_cost(args.shared),
        "targets": TARGETS,
    }
    allr = out["typos"]["at_threshold"]["all"]["sentence_any"]
    out["ok"] = (
        allr["precision"] >= TARGETS["typo_sentence_precision"]
        and allr["recall"] >= TARGETS["typo_sentence_recall"]
        and out["clean"]["per_10k_warning_or_error"] <= TARGETS["clean_warning_or_error_per_10k"]
        and out["clean"]["per_10k_by_severity"]["error"] <= TARGETS["clean_error_per_10k"]
        and out["load"]["load_s"] <= TARGETS["load_s"]
        and out["load"]["rss_added_mb"] <= TARGETS["load_rss_mb"]
    )
    if args.text:
        _print_text(out)
    return out


if __name__ == "__main__":
    print(json.dumps(main(), ensure_ascii=False, indent=2))
