"""The typo archive in the store (store/ngrams.py, migration 0007), on both backends:
an issue's counts replaced as a whole (only the difference written), library totals
read without one issue, the strings a check looked up, rows gone with their issue."""

from __future__ import annotations


def _two(lib, make_issue):
    a = lib.import_issue(make_issue(number=10)).issue_id
    b = lib.import_issue(make_issue(number=11, salt="b")).issue_id
    return a, b


def test_counts_are_replaced_and_read_without_one_issue(lib, make_issue):
    a, b = _two(lib, make_issue)
    with lib.atomic():
        lib.replace_ngrams(a, {"驻企": 2, "驻企服": 1, "学细": 1}, ["驻企"])
        lib.replace_ngrams(b, {"驻企": 3, "显绩": 1}, ["显绩", "驻企"])
    assert lib.issue_ngrams(a) == {"驻企": 2, "驻企服": 1, "学细": 1}
    assert lib.ngram_counts(["驻企", "显绩", "没有"]) == {"驻企": 5, "显绩": 1}
    assert lib.ngram_counts(["驻企", "显绩", "学细"], exclude_issue=b) == {"驻企": 2, "学细": 1}
    assert lib.ngram_counts(["驻企", "显绩"], exclude_issue=a) == {"驻企": 3, "显绩": 1}
    assert lib.ngram_issue_count() == 2 and lib.ngram_issue_count(a) == 1
    assert lib.ngram_probes(b) == ["显绩", "驻企"]
    assert lib.ngram_probes(a) == ["驻企"]

    # a replacement: changed, removed and new strings; zero counts are not kept
    with lib.atomic():
        lib.replace_ngrams(a, {"驻企": 1, "链长": 4, "学细": 0}, [])
    assert lib.issue_ngrams(a) == {"驻企": 1, "链长": 4}
    assert lib.ngram_counts(["驻企", "学细", "链长"], exclude_issue=b) == {"驻企": 1, "链长": 4}
    assert lib.ngram_probes(a) == []

    # an issue without counts takes no part in the archive's size
    with lib.atomic():
        lib.replace_ngrams(a, {}, ["驻企"])
    assert lib.ngram_issue_count() == 1
    assert lib.ngram_counts(["驻企"]) == {"驻企": 3}


def test_many_strings_are_read_in_batches(lib, make_issue):
    a, _b = _two(lib, make_issue)
    grams = {chr(0x4E00 + k) + chr(0x4E00 + k + 1): k % 5 + 1 for k in range(1000)}
    with lib.atomic():
        lib.replace_ngrams(a, grams, list(grams)[:300])
    assert lib.ngram_counts(list(grams) + ["无此"]) == grams
    assert len(lib.ngram_probes(a)) == 300


def test_rows_go_with_their_issue(lib, make_issue):
    a, b = _two(lib, make_issue)
    with lib.atomic():
        lib.replace_ngrams(a, {"驻企": 2}, ["驻企"])
        lib.replace_ngrams(b, {"驻企": 1}, [])
    lib.delete_issue(a)
    assert lib.ngram_counts(["驻企"]) == {"驻企": 1}
    assert lib.ngram_issue_count() == 1
    assert lib.ngram_probes(a) == []
