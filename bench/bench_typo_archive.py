"""The typo detector with the library's own archive (issue 12; checks/rules/wording/
_typo_archive.py): false places on edited prose and precision/recall on typos.tsv,
with and without an archive, over the detector's threshold.

Libraries are temporary SQLite files; documents become issues through the import
service (``importing.store_issue``, which checks them and so stores their archive
counts, as at a real import):

- ``clean``: the 26 files of ``../shared/corpus/clean/`` as 26 issues. The
  reference issue (``../shared/samples/jrzj-2024-10.txt``) is checked against it
  (the archive is other text); so is every sentence of ``typos/typos.tsv``.
- ``reference``: the reference issue alone; each file of ``clean/`` is checked
  against it (the reverse direction).
- ``leave_one_out``: the 26 clean issues and the reference issue in one library;
  each clean file is checked against the other 26 (an archive of the same kind of
  text, as a newsroom's other issues are).

A "place" is a candidate of ``wording.typo`` kept at the threshold, after the
archive filter of the rule (``typo._unknown_to_archive``) when an archive is given.
On the edited prose nearly every place is a false alarm. (The detector breaks
ties between equally scored candidates in set order, so a count may move by one
between runs unless PYTHONHASHSEED is fixed.)

Also: the archive's size (rows, distinct strings per issue, all 2-4-grams for
comparison), the cost of storing an issue's counts, and the check of the reference
issue with every rule and the archive (median after the first check).

Run: ``.venv/bin/python bench/bench_typo_archive.py [--shared DIR] [--text]``.
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

THRESHOLDS = (6.0, 8.0, 9.0, 10.0, 11.0, 12.0, 14.0)


def _clean_files(shared: Path) -> list[Path]:
    return sorted((shared / "corpus" / "clean").rglob("*.txt"))


def _clean_issue(path: Path, k: int):
    from accuracy import clean_issue

    issue = clean_issue(path.stem, path.read_text(encoding="utf-8"))
    issue.masthead.title = "语料"
    issue.masthead.year = 2000 + k
    issue.masthead.number = 1
    issue.source_name = path.name
    return issue


def _import(lib, issue) -> int:
    from editor_app.services import importing

    return importing.store_issue(lib, issue, author="bench").issue_id


def _prose_units(issue) -> list[tuple[str, str]]:
    """(text, whole) of each prose segment: what the rule sees."""
    from editor_app.checks.segments import PROSE_KINDS, segment_text

    return [(segment_text(issue, s)[0], issue.source) for s in issue.segments if s.kind in PROSE_KINDS]


def _scores(model, units, archive, lo: float, at_least: int | None = None) -> list[float]:
    """Scores of the places kept; ``at_least``: the archive's bar instead of the
    rule's ``ARCHIVE_MIN`` (to compare)."""
    from editor_app.checks.rules.wording._typo_filters import original_string
    from editor_app.checks.rules.wording.typo import _unknown_to_archive

    out: list[float] = []
    for text, whole in units:
        found = model.detect(text, lo, whole)
        if archive is not None and found:
            if at_least is None:
                found = _unknown_to_archive(text, found, archive)
            else:
                found = [c for c in found
                         if archive.printed(original_string(text, c.pos, c)) < at_least]
        out += [c.score for c in found]
    return out


def _curve(without: list[float], with_: list[float], with_1: list[float]) -> list[dict]:
    return [
        {"threshold": t, "without_archive": sum(x >= t for x in without),
         "with_archive": sum(x >= t for x in with_),
         "with_archive_printed_once": sum(x >= t for x in with_1)}
        for t in THRESHOLDS
    ]


def prose_places(shared: Path, tmp: Path) -> dict:
    from editor_app.checks.rules.wording._typo_model import typo_model
    from editor_app.ingest import parse_file
    from editor_app.services import checking
    from editor_app.store import Library

    model = typo_model(checking.resources())
    lo = min(THRESHOLDS)
    files = _clean_files(shared)
    ref = parse_file(shared / "samples" / "jrzj-2024-10.txt")
    ref_units = _prose_units(ref)
    clean_units = {p.name: _prose_units(_clean_issue(p, k)) for k, p in enumerate(files)}
    out: dict = {}

    # the reference issue against clean/
    t = time.perf_counter()
    lib = Library(tmp / "clean.sqlite")
    ids = {p.name: _import(lib, _clean_issue(p, k)) for k, p in enumerate(files)}
    import_s = time.perf_counter() - t
    arch = checking.archive(lib, None)
    out["reference_vs_clean"] = {
        "archive_issues": arch.issues,
        "places": _curve(_scores(model, ref_units, None, lo), _scores(model, ref_units, arch, lo),
                         _scores(model, ref_units, arch, lo, 1)),
    }
    out["_clean_lib"] = (lib, ids, import_s)

    # clean/ against the reference issue alone
    lib2 = Library(tmp / "reference.sqlite")
    _import(lib2, ref)
    arch2 = checking.archive(lib2, None)
    without, with_, with_1 = [], [], []
    for units in clean_units.values():
        without += _scores(model, units, None, lo)
        with_ += _scores(model, units, arch2, lo)
        with_1 += _scores(model, units, arch2, lo, 1)
    out["clean_vs_reference"] = {"archive_issues": arch2.issues, "places": _curve(without, with_, with_1)}
    lib2.close()

    # each clean file against the other 25 and the reference issue
    ref_id = _import(lib, ref)
    without, with_, with_1 = [], [], []
    for name, units in clean_units.items():
        a = checking.archive(lib, ids[name])
        without += _scores(model, units, None, lo)
        with_ += _scores(model, units, a, lo)
        with_1 += _scores(model, units, a, lo, 1)
    out["clean_leave_one_out"] = {
        "archive_issues": checking.archive(lib, ids[files[0].name]).issues,
        "places": _curve(without, with_, with_1),
    }
    out["_ref_id"] = ref_id
    return out


def typos_with_archive(shared: Path, archive) -> list[dict]:
    """typos.tsv sentence-level P/R over the threshold, without and with ``archive``."""
    from accuracy import TYPO_RULES, Tally, flagged_positions, read_typos

    from editor_app.checks import Checker, Registry, build_registry
    from editor_app.checks.rules.wording._typo_model import typo_model
    from editor_app.checks.rules.wording.typo import _unknown_to_archive
    from editor_app.services import checking

    res = checking.resources()
    reg = build_registry()
    fixed = Checker(Registry(rules=[r for r in reg.rules if r.id in TYPO_RULES and r.id != "wording.typo"]),
                    resources=res)
    model = typo_model(res)
    tallies = {(t, a): Tally() for t in THRESHOLDS for a in (False, True)}
    for _rid, src, cor in read_typos(shared):
        base = flagged_positions(fixed.check_article(src))
        cands = model.detect(src, min(THRESHOLDS))
        kept = _unknown_to_archive(src, cands, archive) if cands else []
        for t in THRESHOLDS:
            for a, cs in ((False, cands), (True, kept)):
                fl = dict(base)
                for c in cs:
                    if c.score >= t:
                        fl[c.pos] = c.right
                tallies[(t, a)].add(src, cor, fl)
    rows = []
    for t in THRESHOLDS:
        row: dict = {"threshold": t}
        for a in (False, True):
            r = tallies[(t, a)].report()
            row["with_archive" if a else "without_archive"] = {
                "sentence_any_p": r["sentence_any"]["precision"],
                "sentence_any_r": r["sentence_any"]["recall"],
                "char_p": r["char_detection"]["precision"],
                "char_r": r["char_detection"]["recall"],
                "fpr_correct": r["false_positive_rate_correct_sentences"],
            }
        rows.append(row)
    return rows


def bonus_experiment(shared: Path, bonus: float = 4.0, word_min: int = 3) -> list[dict]:
    """Not shipped, measured: would a recall bonus help? A candidate whose current string
    the archive never printed while it printed the candidate's new word at least
    ``word_min`` times gains ``bonus`` bits. That needs counts of common words, which the
    stored archive (strings around suspect places only) does not hold, so this uses
    every 2-4-gram of clean/ in memory, on typos.tsv."""
    from accuracy import TYPO_RULES, Tally, clean_issue, flagged_positions, read_typos

    from editor_app.checks import Checker, Registry, build_registry
    from editor_app.checks.rules.wording._typo_archive import ARCHIVE_MIN, han_ngrams
    from editor_app.checks.rules.wording._typo_filters import original_string
    from editor_app.checks.rules.wording._typo_model import typo_model
    from editor_app.services import checking

    counts = han_ngrams("\n".join(
        t for p in _clean_files(shared) for t, _ in _prose_units(clean_issue(p.stem, p.read_text("utf-8")))
    ))
    res = checking.resources()
    reg = build_registry()
    fixed = Checker(Registry(rules=[r for r in reg.rules if r.id in TYPO_RULES and r.id != "wording.typo"]),
                    resources=res)
    model = typo_model(res)
    lo = min(THRESHOLDS) - bonus
    tallies = {(t, b): Tally() for t in THRESHOLDS for b in (False, True)}
    for _rid, src, cor in read_typos(shared):
        base = flagged_positions(fixed.check_article(src))
        cands = model.detect(src, lo)
        for t in THRESHOLDS:
            for b in (False, True):
                fl = dict(base)
                for c in cands:
                    o = original_string(src, c.pos, c)
                    if counts[o] >= ARCHIVE_MIN:
                        continue
                    s = c.score + (bonus if b and counts[o] == 0 and counts[c.word] >= word_min else 0)
                    if s >= t:
                        fl[c.pos] = c.right
                tallies[(t, b)].add(src, cor, fl)
    return [
        {"threshold": t, **{
            ("with_bonus" if b else "without_bonus"): {
                "sentence_any_p": r["sentence_any"]["precision"],
                "sentence_any_r": r["sentence_any"]["recall"],
                "fpr_correct": r["false_positive_rate_correct_sentences"],
            } for b, r in ((b, tallies[(t, b)].report()) for b in (False, True))
        }}
        for t in THRESHOLDS
    ]


def sizes_and_costs(shared: Path, lib, ref_id: int, import_s: float, clean_ids: dict) -> dict:
    from editor_app.checks import Checker, build_registry
    from editor_app.checks.core import LibraryFacts
    from editor_app.checks.rules.wording._typo_archive import han_ngrams, suspect_ngrams
    from editor_app.checks.rules.wording._typo_model import typo_model
    from editor_app.ingest import parse_file
    from editor_app.services import checking

    ref = parse_file(shared / "samples" / "jrzj-2024-10.txt")
    texts = [t for t, _ in _prose_units(ref)]
    all_grams = han_ngrams("\n".join(texts))
    model = typo_model(checking.resources())
    t = time.perf_counter()
    suspect = suspect_ngrams(texts, model)
    count_ms = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    suspect_ngrams(texts, model)
    count_cached_ms = (time.perf_counter() - t) * 1000
    with lib.atomic():
        t = time.perf_counter()
        lib.replace_ngrams(ref_id, {}, ())
        lib.replace_ngrams(ref_id, suspect, ())
        write_all_ms = (time.perf_counter() - t) * 1000
        changed = dict(suspect)
        for g in list(changed)[:20]:
            changed[g] += 1
        t = time.perf_counter()
        lib.replace_ngrams(ref_id, changed, ())
        write_diff_ms = (time.perf_counter() - t) * 1000
    rows = int(lib._scalar("SELECT COUNT(*) FROM ngrams"))
    issues = lib.ngram_issue_count()
    # the reference issue checked with every rule and its archive (the 26 clean issues)
    facts = LibraryFacts(archive=checking.archive(lib, ref_id))
    checker = Checker(build_registry(), resources=checking.resources(), library=facts)
    t = time.perf_counter()
    checker.check_issue(ref)
    first = time.perf_counter() - t
    times = []
    for _ in range(5):
        checker.library.archive._cache.clear()  # a fresh archive each check, as in recheck
        t = time.perf_counter()
        checker.check_issue(ref)
        times.append(time.perf_counter() - t)
    plain = Checker(build_registry(), resources=checking.resources())
    plain.check_issue(ref)
    ptimes = []
    for _ in range(5):
        t = time.perf_counter()
        plain.check_issue(ref)
        ptimes.append(time.perf_counter() - t)
    # a recheck through the services (check, reconcile, statements, posts, archive counts)
    from editor_app.services.checking import recheck

    recheck(lib, clean_ids[next(iter(clean_ids))], listing=False)
    rtimes = []
    for _ in range(3):
        t = time.perf_counter()
        recheck(lib, ref_id, listing=False)
        rtimes.append(time.perf_counter() - t)
    return {
        "reference_issue_chars": sum(len(x) for x in texts),
        "reference_all_2to4grams_distinct": len(all_grams),
        "reference_suspect_grams_distinct": len(suspect),
        "reference_probes": len(checker.library.archive.probes),
        "library_issues_with_counts": issues,
        "ngrams_rows": rows,
        "rows_per_issue": round(rows / issues, 1) if issues else 0,
        # an issue of the reference issue's size contributes its distinct suspect strings
        "estimate_rows_240_reference_sized_issues": 240 * len(suspect),
        "estimate_rows_240_issues_all_2to4grams": 240 * len(all_grams),
        "import_26_clean_issues_s": round(import_s, 2),
        "count_reference_ms_first": round(count_ms, 1),
        "count_reference_ms_cached": round(count_cached_ms, 1),
        "replace_reference_counts_ms_all": round(write_all_ms, 1),
        "replace_reference_counts_ms_20_changed": round(write_diff_ms, 1),
        "check_reference_all_rules_ms_with_archive": round(statistics.median(times) * 1000, 1),
        "check_reference_all_rules_ms_without": round(statistics.median(ptimes) * 1000, 1),
        "check_reference_first_ms_with_archive": round(first * 1000, 1),
        "recheck_reference_service_ms": round(statistics.median(rtimes) * 1000, 1),
    }


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--text", action="store_true", help="also print a readable report on stderr")
    args = ap.parse_args(argv)
    if not (args.shared / "corpus" / "clean").is_dir():
        return {"skipped": f"{args.shared / 'corpus'} not found"}
    from editor_app.checks.rules.wording import _typo_archive, typo
    from editor_app.services import checking

    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        out = prose_places(args.shared, tmp)
        lib, ids, import_s = out.pop("_clean_lib")
        ref_id = out.pop("_ref_id")
        # typos.tsv against the clean archive (the reference issue left out: other text)
        clean_only = checking.archive(lib, ref_id)
        out["typos_vs_clean"] = {"archive_issues": clean_only.issues,
                                 "curve": typos_with_archive(args.shared, clean_only)}
        out["bonus_experiment"] = {"bonus_bits": 4.0, "word_min": 3,
                                   "curve": bonus_experiment(args.shared)}
        out["size_and_cost"] = sizes_and_costs(args.shared, lib, ref_id, import_s, ids)
        lib.close()
    out["settings"] = {"ARCHIVE_MIN": _typo_archive.ARCHIVE_MIN, "THRESHOLD": typo.THRESHOLD}
    if args.text:
        p = lambda *a: print(*a, file=sys.stderr)  # noqa: E731
        for key in ("reference_vs_clean", "clean_vs_reference", "clean_leave_one_out"):
            p(f"\n{key} (archive of {out[key]['archive_issues']} issues): places without archive / "
              "with (printed >= ARCHIVE_MIN) / with (printed once)")
            for r in out[key]["places"]:
                p(f"  {r['threshold']:5.1f}  {r['without_archive']:4d}  {r['with_archive']:4d}"
                  f"  {r['with_archive_printed_once']:4d}")
        p(f"\ntypos.tsv, archive = clean/ ({out['typos_vs_clean']['archive_issues']} issues): "
          "sentence-any P R, char P R, FPR — without | with")
        for r in out["typos_vs_clean"]["curve"]:
            a, b = r["without_archive"], r["with_archive"]
            p(f"  {r['threshold']:5.1f}  {a['sentence_any_p']:.3f} {a['sentence_any_r']:.3f} "
              f"{a['char_p']:.3f} {a['char_r']:.3f} {a['fpr_correct']:.3f}  |  "
              f"{b['sentence_any_p']:.3f} {b['sentence_any_r']:.3f} {b['char_p']:.3f} "
              f"{b['char_r']:.3f} {b['fpr_correct']:.3f}")
        p("\nbonus experiment (all 2-4-grams of clean/ in memory; not shipped): "
          "sentence-any P R, FPR — without | with the bonus")
        for r in out["bonus_experiment"]["curve"]:
            a, b = r["without_bonus"], r["with_bonus"]
            p(f"  {r['threshold']:5.1f}  {a['sentence_any_p']:.3f} {a['sentence_any_r']:.3f} "
              f"{a['fpr_correct']:.3f}  |  {b['sentence_any_p']:.3f} {b['sentence_any_r']:.3f} "
              f"{b['fpr_correct']:.3f}")
        p("\n" + json.dumps(out["size_and_cost"], indent=1))
    return out


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:]), ensure_ascii=False, indent=2))
