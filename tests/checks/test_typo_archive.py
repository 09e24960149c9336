"""The typo detector's archive (checks/rules/wording/_typo_archive.py): counting the
strings around suspect places, the Archive object the rule queries, and the rule with
an archive. Sentences of our own writing."""

from __future__ import annotations

from collections import Counter

import pytest

from editor_app.checks import Checker, Registry, Resources, build_registry
from editor_app.checks.core import NO_LIBRARY_FACTS, LibraryFacts
from editor_app.checks.rules.wording._typo_archive import (
    ARCHIVE_MIN,
    Archive,
    CountsArchive,
    grams_at,
    han_ngrams,
    suspect_ngrams,
)
from editor_app.checks.rules.wording._typo_filters import original_string
from editor_app.checks.rules.wording._typo_model import typo_model

COINED = "选派干部驻企服务，帮助企业解决难题。"  # 驻企: coined, the word list suggests 助企


@pytest.fixture(scope="module")
def resources():
    return Resources()


@pytest.fixture(scope="module")
def typo_checker(resources):
    reg = build_registry()
    return lambda facts=NO_LIBRARY_FACTS: Checker(
        Registry(rules=[r for r in reg.rules if r.id == "wording.typo"]), resources=resources,
        library=facts,
    )


def test_han_ngrams_stay_inside_han_runs():
    got = han_ngrams("驻企服务，A驻企")
    assert got["驻企"] == 2 and got["驻企服务"] == 1 and got["企服"] == 1
    assert "务驻" not in got and "服务驻" not in got  # never across punctuation or Latin
    assert sum(got.values()) == (3 + 2 + 1) + 1  # 2-, 3-, 4-grams of 驻企服务, 驻企


def test_grams_at_a_place():
    assert grams_at("驻企服务", 0) == ["驻企", "驻企服", "驻企服务"]
    assert grams_at("驻企服务", 2) == ["企服", "服务", "驻企服", "企服务", "驻企服务"]
    assert grams_at("驻企", 1) == ["驻企"]


def test_suspect_ngrams_count_the_strings_around_suspect_places(resources):
    model = typo_model(resources)
    got = suspect_ngrams([COINED, COINED], model)
    assert got["驻企"] == 2 and got["驻企服务"] == 2
    # a string around two suspect places (驻 and 企 of 驻企联) is one printing
    assert suspect_ngrams(["开发区推行驻企联络员制度。"], model)["驻企"] == 1
    # correct prose around no suspect place contributes nothing
    assert suspect_ngrams(["今年以来，全市工业产值持续增长。"], model) == Counter()
    # the string the rule asks about is among them
    (c,) = [c for c in model.detect(COINED, 12.0) if c.wrong == "驻"]
    assert original_string(COINED, c.pos, c) == "驻企"


def test_archive_caches_records_and_digests_what_was_asked():
    calls: list[list[str]] = []
    counts = {"驻企": 3, "显绩": 1}

    def lookup(grams):
        calls.append(list(grams))
        return {g: counts[g] for g in grams if g in counts}

    a = Archive(lookup, issues=4)
    assert a.counts(["驻企", "问提"]) == {"驻企": 3, "问提": 0}
    assert a.known("驻企") and not a.known("问提") and not a.known("显绩")
    assert calls == [["驻企", "问提"], ["显绩"]]  # each string asked once
    assert a.probes == {"驻企", "问提", "显绩"}

    # the digest reads the probes stored by the last check, and changes only when one
    # of them crosses ARCHIVE_MIN
    stored = sorted(a.probes)
    d1 = Archive(lookup, 4, stored).digest()
    counts["驻企"] = 7
    assert Archive(lookup, 5, stored).digest() == d1  # still known: same findings
    counts["显绩"] = ARCHIVE_MIN
    assert Archive(lookup, 5, stored).digest() != d1  # 显绩 is known now
    counts["显绩"] = 1
    counts["别的"] = 9  # a string this issue never asked about
    assert Archive(lookup, 5, stored).digest() == d1
    assert Archive(lookup, 5, stored).probes == set()  # digest() records nothing


def test_the_rule_leaves_alone_what_the_archive_prints(typo_checker):
    hits = typo_checker().check_article(COINED)
    assert [(f.excerpt, f.suggestion) for f in hits] == [("驻", "助")]
    once = CountsArchive(Counter({"驻企": ARCHIVE_MIN - 1}), issues=1)
    assert [f.excerpt for f in typo_checker(LibraryFacts(archive=once)).check_article(COINED)] == ["驻"]
    assert once.probes == {"驻企"}
    known = CountsArchive(Counter({"驻企": ARCHIVE_MIN}), issues=1)
    assert typo_checker(LibraryFacts(archive=known)).check_article(COINED) == []


def test_a_slip_printed_elsewhere_once_is_still_a_slip(typo_checker):
    text = "今年以来，全市工业产值特续增长。"
    arch = CountsArchive(Counter({"特续": 1, "持续": 500}), issues=30)
    hits = typo_checker(LibraryFacts(archive=arch)).check_article(text)
    assert [(f.excerpt, f.suggestion) for f in hits] == [("特", "持")]


def test_library_facts_digest_follows_the_archive():
    counts = {"驻企": 1}
    lookup = lambda grams: {g: counts[g] for g in grams if g in counts}  # noqa: E731
    before = LibraryFacts(archive=Archive(lookup, 2, ["驻企"])).digest()
    assert LibraryFacts().digest() != before
    counts["驻企"] = ARCHIVE_MIN
    assert LibraryFacts(archive=Archive(lookup, 2, ["驻企"])).digest() != before
