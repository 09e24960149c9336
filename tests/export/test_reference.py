"""Exports of the fixture issue compared with saved reference XML
(novelWriter's habit): lines that always change (timestamps, rsids, w:date,
dcterms:created) are ignored. After an intended change, regenerate with
``.venv/bin/python -m tests.export.make_reference --write`` and review the diff."""

from __future__ import annotations

import difflib

import pytest

from .make_reference import REFERENCE, build, rendered


@pytest.fixture(scope="module")
def current(tmp_path_factory):
    return rendered(build(tmp_path_factory.mktemp("ref")))


def _names():
    return sorted(p.name for p in REFERENCE.iterdir())


def test_every_reference_is_produced(current):
    assert sorted(current) == _names()


@pytest.mark.parametrize("name", _names())
def test_matches_reference(current, name):
    want = (REFERENCE / name).read_text(encoding="utf-8")
    got = current[name]
    if got != want:
        diff = "\n".join(difflib.unified_diff(want.splitlines(), got.splitlines(), "reference", "now", lineterm="", n=2))
        pytest.fail(f"{name} differs from its reference:\n{diff[:4000]}")
