"""wording.typo_context: the context model (checks/rules/wording/_typo_context.py) and
the rule. Sentences of our own writing; the rule's must-flag and must-pass examples
run in test_rule_examples.py."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from editor_app.checks import Checker, Registry, Resources, build_registry
from editor_app.checks.core import NO_LIBRARY_FACTS, LibraryFacts
from editor_app.checks.rules.wording import typo
from editor_app.checks.rules.wording._typo_archive import Archive
from editor_app.checks.rules.wording._typo_context import (
    FILE,
    MAX_WORD,
    UNKNOWN,
    ContextLM,
    context_lm,
)
from editor_app.checks.rules.wording._typo_model import typo_model


@pytest.fixture(scope="module")
def res() -> Resources:
    return Resources()


@pytest.fixture(scope="module")
def lm(res) -> ContextLM:
    return context_lm(res)


def _checker(res, ids=("wording.typo", "wording.typo_context"), facts=NO_LIBRARY_FACTS):
    reg = build_registry()
    return Checker(
        Registry(rules=[r for r in reg.rules if r.id in ids]), resources=res, library=facts
    )


def _search(lm: ContextLM, s: str, prev: int, nxt: int) -> float:
    """The best segmentation of ``s`` by plain search over every split: the reference
    the lattice's shortcut must equal."""
    best = [dict() for _ in range(len(s) + 1)]
    best[0][prev] = 0.0
    for j in range(len(s)):
        for p, v in best[j].items():
            for length in range(1, min(MAX_WORD, len(s) - j) + 1):
                w = lm.ids.get(s[j : j + length])
                if w is None:
                    if length == 1 and s[j] not in lm.ids:
                        x = v + UNKNOWN
                        if x > best[j + 1].get(-1, -1e18):
                            best[j + 1][-1] = x
                    continue
                x = v + lm._lp(p, w)
                if x > best[j + length].get(w, -1e18):
                    best[j + length][w] = x
    return max(v + lm.end(p, nxt) for p, v in best[len(s)].items())


# characters of frequent words, so that runs form real lattices; 㐀 is no word
ALPHABET = "长效机制智建立以前已再在接厉发展经济工作我们的了是不人一国中大会㐀"


@settings(max_examples=150, deadline=None)
@given(
    run=st.text(alphabet=ALPHABET, min_size=1, max_size=12),
    data=st.data(),
)
def test_a_change_scored_on_the_lattice_equals_a_new_search(lm, run, data):
    i = data.draw(st.integers(0, len(run) - 1))
    c = data.draw(st.sampled_from(ALPHABET))
    prev = data.draw(st.sampled_from([0, -1, lm.punct["，"]]))
    nxt = data.draw(st.sampled_from([-1, lm.punct["。"]]))
    lat = lm.lattice(run, prev, nxt)
    assert lat.total == pytest.approx(_search(lm, run, prev, nxt))
    changed = run[:i] + c + run[i + 1 :]
    assert lm.changed(lat, i, c) == pytest.approx(_search(lm, changed, prev, nxt))


def test_the_model_prefers_the_word_the_context_wants(lm):
    lat = lm.lattice("建立长效机智", 0, lm.punct["，"])
    (best, right, word), *_ = lm.gains(lat, 5, lm.proposals("建立长效机智", 5, frozenset("制志治")))
    assert (right, word) == ("制", "长效机制") and best > 10


def test_proposals_need_a_word_more_probable_than_the_printed_one(lm):
    # 发展 is far more common than any word a look-alike of 展 would make there
    assert lm.proposals("经济发展", 3, frozenset("站战")) == []
    # a one-character word for another is tried by itself only when asked
    assert lm.proposals("明天在讨论", 2, frozenset("再")) == []
    assert ("再", "再") in lm.proposals("明天在讨论", 2, frozenset("再"), frozenset("再"))


def test_a_damaged_model_file_is_refused_with_its_name(res):
    raw = (res.root / FILE).read_bytes()
    with pytest.raises(ValueError, match=FILE):
        ContextLM.from_bytes(raw[:-10])
    with pytest.raises(ValueError, match=FILE):
        ContextLM.from_bytes(b"not a model")


def test_the_rule_finds_a_real_word_in_the_wrong_place(res):
    found = _checker(res).check_article("我们要建立长效机智，巩固整改成果。")
    assert [(f.rule, f.excerpt, f.suggestion) for f in found] == [
        ("wording.typo_context", "智", "制")
    ]
    assert "长效机制" in found[0].message


def test_one_finding_per_slip_the_word_model_keeps_its_own(res):
    text = "今年以来，全市工业产值特续增长。"
    model = typo_model(res)
    # both models see 特续; only wording.typo reports it
    assert [c.pos for c in model.detect(text, typo.CTX_THRESHOLD, context=True)] == [11]
    assert [f.rule for f in _checker(res).check_article(text)] == ["wording.typo"]
    # with wording.typo alone the finding is the same; the context rule alone leaves it
    assert [f.rule for f in _checker(res, ("wording.typo",)).check_article(text)] == [
        "wording.typo"
    ]


def test_de_particles_are_left_to_their_own_rule(res):
    model = typo_model(res)
    for text in ("他高兴的跳了起来。", "大家都跑的很快。", "这是我们共同地目标。"):
        assert all(
            c.wrong not in "的地得" and c.right not in "的地得"
            for c in model.detect(text, 0.0, context=True)
        )


def test_parallel_coinages_and_set_phrases_are_left_alone(res):
    # 随借随还 (随 on both sides), 同线同标同质 (同 every other character)
    text = "推广随借随还贷款，推进内外贸产品同线同标同质。"
    assert _checker(res).check_article(text) == []


def test_what_the_house_prints_is_not_a_slip(res):
    text = "我们要建立长效机智，巩固整改成果。"

    def lookup(grams):
        return {g: 3 for g in grams if g == "长效机智"}  # the string its word replaces

    facts = LibraryFacts(archive=Archive(lookup, 2, []))
    assert _checker(res, facts=facts).check_article(text) == []


def test_a_long_text_is_checked_up_to_the_limit_and_says_so(res, monkeypatch):
    monkeypatch.setattr(typo, "MAX_TYPO_CHARS", 40)
    text = "今年以来各项工作稳步推进。\n" * 3 + "我们要建立长效机智，巩固整改成果。\n"
    found = _checker(res, ("wording.typo_context",)).check_article(text)
    assert [f.severity for f in found] == ["info"]
    assert "只查了前" in found[0].message


@pytest.mark.sample
def test_on_the_reference_issue_only_infos_about_one_per_thousand_characters(sample_issue, res):
    """The reference issue is correct, edited prose: the rule may suggest places to
    look at (info; bench/accuracy.py counts 73), never a warning."""
    found = _checker(res, ("wording.typo_context",)).check_issue(sample_issue)
    assert {f.severity for f in found} <= {"info"}
    chars = len(sample_issue.source)
    assert 0 < len(found) * 1000 <= 1.2 * chars, len(found)
