"""Stored findings: a check run is reconciled with the stored rows (a problem found
again keeps its row, a problem gone is a "resolved" event, a problem back is open
again with a "reappeared" event); decisions are kept by fingerprint."""

from __future__ import annotations

import pytest

from editor_app.model import Finding, SegmentRef, Span
from editor_app.store import LibraryError, NotFoundError


def F(rule, seg, fp, start=0, end=2, **kw):  # noqa: N802 - a terse factory reads better here
    kw.setdefault("category", rule.split(".")[0])
    kw.setdefault("severity", "warning")
    kw.setdefault("message", f"{rule} 的说明")
    ref = SegmentRef(seg) if isinstance(seg, str) else seg
    return Finding(rule=rule, start=start, end=end, segment=ref, fingerprint=fp, **kw)


def _by_fp(lib, iid, **kw):
    return {f.fingerprint: f for f in lib.list_findings(iid, **kw)}


RUN1 = [
    F("punctuation.halfwidth", "s03", "fp-a", 0, 1),
    F("wording.confusables", "s03", "fp-b", 3, 5, suggestion="好像", excerpt="好象"),
    F("number.parts_sum", "s04", "fp-c", 7, 9),
    F("consistency.toc_title", None, "fp-d", 0, 4),
]
# a and c found again (moved), d unchanged, b gone, e new
RUN2 = [
    F("punctuation.halfwidth", "s03", "fp-a", 10, 11),
    F("number.parts_sum", "s04", "fp-c", 17, 19),
    F("script.traditional", "s04", "fp-e", 1, 2),
    F("consistency.toc_title", None, "fp-d", 0, 4),
]


def test_reconcile_keeps_rows_of_problems_found_again_and_resolves_the_others(imported):
    lib, iid, keys = imported
    sync = lib.reconcile_findings(iid, RUN1)
    assert (sync.inserted, sync.updated, sync.deleted, sync.reappeared) == (4, 0, 0, 0)
    assert sync.changed and sync.segments == {keys["s03"], keys["s04"]} and sync.issue_level
    stored = _by_fp(lib, iid)
    assert all(f.status == "open" and f.id for f in stored.values())
    assert stored["fp-b"].suggestion == "好像"
    assert stored["fp-b"].segment == SegmentRef("s03", keys["s03"])
    assert stored["fp-b"].segment_key == "s03"
    assert stored["fp-d"].segment is None and stored["fp-d"].segment_key is None
    # every finding names the revision its span indexes: the current one
    assert stored["fp-a"].revision_id == lib.current_revision(keys["s03"]).id
    assert stored["fp-d"].revision_id is None

    sync = lib.reconcile_findings(iid, RUN2, cause="edit", who="小王")
    assert (sync.inserted, sync.updated, sync.deleted, sync.reappeared) == (1, 2, 1, 0)
    assert sync.segments == {keys["s03"], keys["s04"]} and not sync.issue_level
    after = _by_fp(lib, iid)
    assert set(after) == {"fp-a", "fp-c", "fp-d", "fp-e"}
    assert {fp: after[fp].id for fp in ("fp-a", "fp-c", "fp-d")} == {
        fp: stored[fp].id for fp in ("fp-a", "fp-c", "fp-d")
    }
    assert (after["fp-a"].start, after["fp-a"].end) == (10, 11)
    # the problem no longer found is an event, not a row
    (gone,) = lib.list_findings(iid, status="resolved")
    assert (gone.fingerprint, gone.rule, gone.status, gone.excerpt) == (
        "fp-b", "wording.confusables", "resolved", "好象"
    )
    assert gone.id is None and gone.resolved_how == "edit" and gone.decided_by == "小王"
    assert gone.segment == SegmentRef("s03", keys["s03"])
    (ev,) = lib.finding_events(iid)
    assert (ev.event, ev.fingerprint, ev.how, ev.who, ev.segment.key) == (
        "resolved", "fp-b", "edit", "小王", "s03"
    )
    assert ev.revision_number == lib.current_revision(keys["s03"]).number
    # the same run again changes nothing
    sync = lib.reconcile_findings(iid, RUN2)
    assert not sync.changed and len(lib.finding_events(iid)) == 1
    # open and dismissed only by default; resolved ones on request
    assert len(lib.list_findings(iid)) == 4
    assert len(lib.list_findings(iid, status=("open", "resolved"))) == 5


def test_a_resolved_problem_found_again_is_open_again(imported):
    lib, iid, keys = imported
    lib.reconcile_findings(iid, RUN1)
    old_id = _by_fp(lib, iid)["fp-b"].id
    lib.reconcile_findings(iid, RUN2, cause="fix wording.confusables")
    assert [f.fingerprint for f in lib.list_findings(iid, status="resolved")] == ["fp-b"]
    sync = lib.reconcile_findings(iid, RUN1, cause="restore #1")
    assert (sync.inserted, sync.deleted, sync.reappeared) == (1, 1, 1)
    back = _by_fp(lib, iid, status="open")
    assert "fp-b" in back and back["fp-b"].status == "open" and back["fp-b"].id != old_id
    # fp-e is now the resolved one; fp-b is not listed as resolved any more
    assert [f.fingerprint for f in lib.list_findings(iid, status="resolved")] == ["fp-e"]
    events = [(e.event, e.fingerprint, e.how) for e in lib.finding_events(iid)]
    assert events == [
        ("resolved", "fp-b", "fix wording.confusables"),
        ("reappeared", "fp-b", "restore #1"),
        ("resolved", "fp-e", "restore #1"),
    ]
    assert [e.fingerprint for e in lib.finding_events(iid, segment="s04")] == ["fp-e"]
    assert lib.finding_events(iid, segment="s05") == []


def test_a_dismissal_holds_for_the_problem_whenever_it_is_found(imported):
    lib, iid, keys = imported
    lib.reconcile_findings(iid, RUN1)
    a = _by_fp(lib, iid)["fp-a"]
    d = lib.dismiss_finding(a.id, "人名，不改", who="小王")
    assert (d.status, d.reason, d.decided_by, d.id) == ("dismissed", "人名，不改", "小王", a.id)
    assert d.decided_at
    assert lib.issue_summary(iid).n_open_findings == 3
    # found again elsewhere: still dismissed
    lib.reconcile_findings(iid, RUN2)
    after = _by_fp(lib, iid)
    assert (after["fp-a"].status, after["fp-a"].reason, after["fp-a"].start) == ("dismissed", "人名，不改", 10)
    assert [f.fingerprint for f in lib.list_findings(iid, status="dismissed")] == ["fp-a"]
    assert "fp-a" not in _by_fp(lib, iid, status="open")
    # gone from the text: resolved (the decision is kept) ...
    lib.reconcile_findings(iid, [])
    assert lib.list_findings(iid) == []
    assert {f.fingerprint for f in lib.list_findings(iid, status="resolved")} == {
        "fp-a", "fp-b", "fp-c", "fp-d", "fp-e"
    }
    # ... and back: dismissed again, not open
    lib.reconcile_findings(iid, RUN2)
    assert _by_fp(lib, iid)["fp-a"].status == "dismissed"
    assert len(lib.list_findings(iid, status="open")) == 3
    assert [e.event for e in lib.finding_events(iid) if e.fingerprint == "fp-a"] == [
        "dismissed", "resolved", "reappeared"
    ]


def test_reopen_withdraws_the_decision(imported):
    lib, iid, _keys = imported
    lib.reconcile_findings(iid, RUN1)
    a = _by_fp(lib, iid)["fp-a"]
    lib.dismiss_finding(a.id, "先不改")
    r = lib.reopen_finding(a.id, who="小李")
    assert (r.status, r.reason, r.decided_by) == ("open", "", "")
    lib.reconcile_findings(iid, RUN2)
    assert _by_fp(lib, iid)["fp-a"].status == "open"
    lib.reopen_finding(a.id)  # nothing to withdraw: no event
    assert [(e.event, e.who) for e in lib.finding_events(iid) if e.fingerprint == "fp-a"] == [
        ("dismissed", ""), ("reopened", "小李")
    ]


def test_scoped_run_touches_only_its_segments(imported):
    lib, iid, keys = imported
    s3, s4 = keys["s03"], keys["s04"]
    lib.reconcile_findings(iid, [F("a.x", "s03", "1"), F("a.x", "s04", "2"), F("c.y", None, "3")])
    sync = lib.reconcile_findings(
        iid, [F("a.x", "s03", "4"), F("a.x", "s04", "5")], segments=[s3]
    )
    assert (sync.inserted, sync.deleted) == (1, 1) and sync.segments == {s3}
    assert sorted(f.fingerprint for f in lib.list_findings(iid)) == ["2", "3", "4"]
    assert [f.fingerprint for f in lib.list_findings(iid, status="resolved")] == ["1"]
    assert s4  # the other article's finding was left alone


def test_segment_references_by_ref_id_or_key(imported):
    lib, iid, keys = imported
    lib.reconcile_findings(
        iid,
        [
            F("a.x", SegmentRef("s03"), "1"),
            F("a.x", SegmentRef("s04", keys["s04"]), "2"),
            F("a.x", "s05", "3"),
        ],
    )
    got = {f.fingerprint: f.segment for f in lib.list_findings(iid)}
    assert got == {k: SegmentRef(s, keys[s]) for k, s in (("1", "s03"), ("2", "s04"), ("3", "s05"))}
    assert [f.fingerprint for f in lib.list_findings(iid, segment="s04")] == ["2"]
    assert [f.fingerprint for f in lib.list_findings(iid, segment=keys["s05"])] == ["3"]
    assert [f.fingerprint for f in lib.list_findings(iid, segment=SegmentRef("s03"))] == ["1"]
    assert lib.list_findings(iid, segment="s99") == []
    assert lib.segment_ref(iid, "s04") == SegmentRef("s04", keys["s04"])
    assert lib.segment_ref(iid, keys["s04"]) == SegmentRef("s04", keys["s04"])
    assert lib.segment_ref(iid, str(keys["s04"])) == SegmentRef("s04", keys["s04"])
    assert lib.segment_ref(iid, "s99") is None
    with pytest.raises(LibraryError):
        lib.reconcile_findings(iid, [F("a.x", "s99", "9")])
    with pytest.raises(LibraryError):
        lib.reconcile_findings(iid, [F("a.x", SegmentRef("s03", 123456), "9")])
    assert len(lib.list_findings(iid)) == 3  # the failed runs wrote nothing
    assert lib.finding_events(iid) == []


def test_findings_of_an_older_revision_are_refused(imported):
    lib, iid, keys = imported
    s3 = keys["s03"]
    first = lib.current_revision(s3).id
    text, version = lib.current_text(s3)
    lib.save_text(s3, text + "又一句。", "小王", expected_version=version)
    with pytest.raises(LibraryError, match="not the current"):
        lib.reconcile_findings(iid, [F("a.x", "s03", "1", revision_id=first)])
    assert lib.list_findings(iid) == []
    cur = lib.current_revision(s3).id
    lib.reconcile_findings(iid, [F("a.x", "s03", "1", revision_id=cur)])
    assert lib.list_findings(iid)[0].revision_id == cur


def test_repeated_fingerprints_are_told_apart_stably(imported):
    lib, iid, _keys = imported
    run = [F("wording.duplicated", "s03", "dup", 20, 22), F("wording.duplicated", "s03", "dup", 5, 7)]
    lib.reconcile_findings(iid, run)
    got = sorted((f.start, f.fingerprint) for f in lib.list_findings(iid))
    assert got == [(5, "dup"), (20, "dup#2")]
    second = next(f for f in lib.list_findings(iid) if f.start == 20)
    lib.dismiss_finding(second.id, "故意重复")
    lib.reconcile_findings(iid, list(reversed(run)))
    assert {f.fingerprint: f.status for f in lib.list_findings(iid)} == {
        "dup": "open",
        "dup#2": "dismissed",
    }
    f = lib.finding_by_fingerprint(iid, "s03", "wording.duplicated", "dup")
    assert f is not None and f.fingerprint == "dup"
    assert lib.finding_by_fingerprint(iid, "s04", "wording.duplicated", "dup") is None
    assert lib.finding_by_fingerprint(iid, "s99", "wording.duplicated", "dup") is None


def test_missing_fingerprint_gets_a_stable_one(imported):
    lib, iid, _keys = imported
    lib.reconcile_findings(iid, [F("a.x", "s03", "", excerpt="好象")])
    (f,) = lib.list_findings(iid)
    assert f.fingerprint.startswith("auto:")
    lib.dismiss_finding(f.id)
    lib.reconcile_findings(iid, [F("a.x", "s03", "", excerpt="好象", start=9, end=11)])
    (g,) = lib.list_findings(iid)
    assert g.id == f.id and g.status == "dismissed" and g.start == 9


def test_filters_and_round_trip(imported):
    lib, iid, keys = imported
    s4 = keys["s04"]
    rel = [Span(3, 5, "10%", segment=SegmentRef("s04"), source_start=60, source_end=62)]
    lib.reconcile_findings(
        iid,
        [
            F(
                "number.cross_article",
                "s03",
                "1",
                1,
                3,
                excerpt="12%",
                related=rel,
                source_start=40,
                source_end=42,
            ),
            F("punctuation.halfwidth", "s04", "2", severity="error"),
            F("punctuation.repeated", "s04", "3"),
        ],
    )
    (f,) = lib.list_findings(iid, rule="number.cross_article")
    assert (f.start, f.end, f.excerpt, f.source_start, f.source_end) == (1, 3, "12%", 40, 42)
    assert f.related == [Span(3, 5, "10%", segment=SegmentRef("s04", s4), source_start=60, source_end=62)]
    assert lib.finding(f.id) == f
    assert len(lib.list_findings(iid, category="punctuation")) == 2
    assert len(lib.list_findings(iid, category=["punctuation", "number"])) == 3
    assert len(lib.list_findings(iid, status="open", segment=s4)) == 2
    assert len(lib.list_findings(iid, rule=["punctuation.halfwidth", "punctuation.repeated"])) == 2
    assert lib.list_findings(iid, status=[]) == []
    assert lib.list_findings(iid, rule=[]) == []
    lib.dismiss_finding(f.id, "口径不同")
    assert lib.issue_summary(iid).n_open_findings == 2
    assert [x.rule for x in lib.list_findings(iid, status=["dismissed"])] == [
        "number.cross_article"
    ]
    assert len(lib.list_findings(iid, status=["open", "dismissed"])) == 3


def test_check_state_of_an_issue(imported):
    lib, iid, keys = imported
    assert lib.checked_digest(iid) is None and lib.checked_at(iid) is None
    lib.mark_checked(iid, "abc")
    assert lib.checked_digest(iid) == "abc" and lib.checked_at(iid)
    revs = lib.current_revisions(iid)
    assert revs[keys["s03"]] == lib.current_revision(keys["s03"]).id and len(revs) == len(keys)
    with pytest.raises(NotFoundError):
        lib.checked_digest(99999)


def test_validation(imported):
    lib, iid, _keys = imported
    lib.reconcile_findings(iid, [F("a.x", "s03", "1")])
    with pytest.raises(LibraryError, match="unknown finding status"):
        lib.list_findings(iid, status="fixed")
    with pytest.raises(NotFoundError):
        lib.dismiss_finding(99999, "x")
    with pytest.raises(NotFoundError):
        lib.reopen_finding(99999)
    with pytest.raises(NotFoundError):
        lib.finding(99999)
    with pytest.raises(NotFoundError):
        lib.reconcile_findings(99999, [])
    with pytest.raises(NotFoundError):
        lib.list_findings(99999)
