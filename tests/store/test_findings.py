"""Stored findings: a fresh check run keeps decisions, drops stale open findings."""

from __future__ import annotations

import pytest

from editor_app.model import Finding, Span
from editor_app.store import LibraryError, NotFoundError


def F(rule, seg, fp, start=0, end=2, **kw):  # noqa: N802 - a terse factory reads better here
    kw.setdefault("category", rule.split(".")[0])
    kw.setdefault("severity", "warning")
    kw.setdefault("message", f"{rule} 的说明")
    return Finding(rule=rule, start=start, end=end, segment_id=seg, fingerprint=fp, **kw)


def test_statuses_survive_a_new_run(imported):
    lib, iid, keys = imported
    s3, s4 = keys["s03"], keys["s04"]
    run1 = [
        F("punctuation.halfwidth", s3, "fp-a", 0, 1),
        F("wording.confusables", s3, "fp-b", 3, 5, suggestion="好像"),
        F("number.parts_sum", str(s4), "fp-c", 7, 9),
        F("consistency.toc_title", None, "fp-d", 0, 4),
    ]
    sync = lib.replace_findings(iid, run1)
    assert (sync.inserted, sync.updated, sync.deleted) == (4, 0, 0)
    stored = {f.fingerprint: f for f in lib.list_findings(iid)}
    assert all(f.status == "open" and f.id for f in stored.values())
    assert stored["fp-b"].suggestion == "好像" and stored["fp-b"].segment_id == str(s3)
    assert stored["fp-d"].segment_id is None
    lib.set_finding_status(stored["fp-a"].id, "dismissed", "人名，不改")
    lib.set_finding_status(stored["fp-c"].id, "fixed")

    # second run: a and c produced again (moved), b gone, e new
    run2 = [
        F("punctuation.halfwidth", s3, "fp-a", 10, 11),
        F("number.parts_sum", s4, "fp-c", 17, 19),
        F("script.traditional", s4, "fp-e", 1, 2),
        F("consistency.toc_title", None, "fp-d", 0, 4),
    ]
    sync = lib.replace_findings(iid, run2)
    assert (sync.inserted, sync.updated, sync.deleted) == (1, 3, 1)
    after = {f.fingerprint: f for f in lib.list_findings(iid)}
    assert set(after) == {"fp-a", "fp-c", "fp-d", "fp-e"}
    assert after["fp-a"].id == stored["fp-a"].id
    assert (after["fp-a"].status, after["fp-a"].reason, after["fp-a"].start) == (
        "dismissed",
        "人名，不改",
        10,
    )
    assert after["fp-c"].status == "fixed" and after["fp-e"].status == "open"

    # a run producing nothing keeps only the decisions
    sync = lib.replace_findings(iid, [])
    assert sync.deleted == 2
    assert {f.fingerprint: f.status for f in lib.list_findings(iid)} == {
        "fp-a": "dismissed",
        "fp-c": "fixed",
    }
    # and a dismissed finding that comes back is still dismissed
    lib.replace_findings(iid, run2)
    assert lib.list_findings(iid, status="dismissed")[0].fingerprint == "fp-a"


def test_scoped_run_touches_only_its_segments(imported):
    lib, iid, keys = imported
    s3, s4 = keys["s03"], keys["s04"]
    lib.replace_findings(iid, [F("a.x", s3, "1"), F("a.x", s4, "2"), F("c.y", None, "3")])
    sync = lib.replace_findings(iid, [F("a.x", s3, "4")], segment_ids=[s3])
    assert (sync.inserted, sync.deleted) == (1, 1)
    assert sorted(f.fingerprint for f in lib.list_findings(iid)) == ["2", "3", "4"]


def test_segment_references_int_string_or_key(imported):
    lib, iid, keys = imported
    lib.replace_findings(
        iid, [F("a.x", keys["s03"], "1"), F("a.x", str(keys["s04"]), "2"), F("a.x", "s05", "3")]
    )
    got = {f.fingerprint: f.segment_id for f in lib.list_findings(iid)}
    assert got == {"1": str(keys["s03"]), "2": str(keys["s04"]), "3": str(keys["s05"])}
    assert [f.fingerprint for f in lib.list_findings(iid, segment_id="s04")] == ["2"]
    assert [f.fingerprint for f in lib.list_findings(iid, segment_id=keys["s05"])] == ["3"]
    with pytest.raises(LibraryError):
        lib.replace_findings(iid, [F("a.x", "s99", "9")])
    with pytest.raises(LibraryError):
        lib.replace_findings(iid, [F("a.x", 123456, "9")])
    assert len(lib.list_findings(iid)) == 3  # the failed runs wrote nothing


def test_repeated_fingerprints_are_told_apart_stably(imported):
    lib, iid, keys = imported
    s3 = keys["s03"]
    run = [F("wording.duplicated", s3, "dup", 20, 22), F("wording.duplicated", s3, "dup", 5, 7)]
    lib.replace_findings(iid, run)
    got = sorted((f.start, f.fingerprint) for f in lib.list_findings(iid))
    assert got == [(5, "dup"), (20, "dup#2")]
    second = next(f for f in lib.list_findings(iid) if f.start == 20)
    lib.set_finding_status(second.id, "dismissed", "故意重复")
    lib.replace_findings(iid, list(reversed(run)))
    assert {f.fingerprint: f.status for f in lib.list_findings(iid)} == {
        "dup": "open",
        "dup#2": "dismissed",
    }


def test_missing_fingerprint_gets_a_stable_one(imported):
    lib, iid, keys = imported
    lib.replace_findings(iid, [F("a.x", keys["s03"], "", excerpt="好象")])
    (f,) = lib.list_findings(iid)
    assert f.fingerprint.startswith("auto:")
    lib.set_finding_status(f.id, "dismissed")
    lib.replace_findings(iid, [F("a.x", keys["s03"], "", excerpt="好象", start=9, end=11)])
    (g,) = lib.list_findings(iid)
    assert g.id == f.id and g.status == "dismissed"


def test_filters_and_round_trip(imported):
    lib, iid, keys = imported
    s3, s4 = keys["s03"], keys["s04"]
    rel = [Span(3, 5, "10%", segment_id="s04")]
    lib.replace_findings(
        iid,
        [
            F(
                "number.cross_article",
                s3,
                "1",
                1,
                3,
                excerpt="12%",
                related=rel,
                source_start=40,
                source_end=42,
            ),
            F("punctuation.halfwidth", s4, "2", severity="error"),
            F("punctuation.repeated", s4, "3"),
        ],
    )
    (f,) = lib.list_findings(iid, rule="number.cross_article")
    assert (f.start, f.end, f.excerpt, f.source_start, f.source_end) == (1, 3, "12%", 40, 42)
    assert f.related == [Span(3, 5, "10%", segment_id=str(s4))]
    assert lib.finding(f.id) == f
    assert len(lib.list_findings(iid, category="punctuation")) == 2
    assert len(lib.list_findings(iid, category=["punctuation", "number"])) == 3
    assert len(lib.list_findings(iid, status="open", segment_id=s4)) == 2
    assert lib.list_findings(iid, status=[]) == []
    lib.set_finding_status(f.id, "dismissed", "口径不同")
    assert lib.issue_summary(iid).n_open_findings == 2
    assert [x.rule for x in lib.list_findings(iid, status=["dismissed"])] == [
        "number.cross_article"
    ]


def test_set_status_validation(imported):
    lib, iid, keys = imported
    lib.replace_findings(iid, [F("a.x", keys["s03"], "1")])
    (f,) = lib.list_findings(iid)
    with pytest.raises(LibraryError, match="unknown finding status"):
        lib.set_finding_status(f.id, "ignored")
    with pytest.raises(NotFoundError):
        lib.set_finding_status(99999, "fixed")
    with pytest.raises(NotFoundError):
        lib.finding(99999)
    with pytest.raises(NotFoundError):
        lib.replace_findings(99999, [])
