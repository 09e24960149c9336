"""Settings and the allowlist."""

from __future__ import annotations

import pytest

from editor_app.store import Library, LibraryError, NotFoundError
from tests.store.conftest import build_issue


def test_settings_round_trip_json(library_db):
    path = library_db
    with Library(path) as lib:
        assert lib.get_setting("checks", {"default": True}) == {"default": True}
        lib.set_setting("checks", {"number": False, "script.rare": {"severity": "info"}})
        lib.set_setting("user", "小王")
        lib.set_setting("recent", [1, 2, 3])
        lib.set_setting("nothing", None)
        lib.set_setting("user", "小李")
    with Library(path) as lib:
        assert lib.get_setting("checks") == {"number": False, "script.rare": {"severity": "info"}}
        assert lib.get_setting("user") == "小李"
        assert lib.get_setting("recent") == [1, 2, 3]
        assert lib.get_setting("nothing", "default") is None
        lib.delete_setting("user")
        assert lib.get_setting("user", "-") == "-"


def test_setting_must_be_json(lib):
    with pytest.raises(TypeError):
        lib.set_setting("bad", object())
    assert lib.get_setting("bad") is None


def test_allowlist_global_and_per_issue(imported):
    lib, iid, _ = imported
    other = lib.import_issue(build_issue(number=11))
    g = lib.add_allow("乾芯")
    r = lib.add_allow("好象", rule="wording.confusables")
    i = lib.add_allow("张三", issue_id=iid)
    o = lib.add_allow("李四", issue_id=other.issue_id)
    assert (g.issue_id, g.rule) == (None, None) and r.rule == "wording.confusables"
    assert lib.add_allow("乾芯") == g  # idempotent
    assert lib.add_allow("乾芯", rule="script.variant").id != g.id
    assert {e.word for e in lib.allowlist()} == {"乾芯", "好象"}
    assert {e.word for e in lib.allowlist(iid)} == {"乾芯", "好象", "张三"}
    assert {e.word for e in lib.allowlist(other.issue_id)} == {"乾芯", "好象", "李四"}
    assert lib.remove_allow(i.id) is True and lib.remove_allow(i.id) is False
    assert {e.word for e in lib.allowlist(iid)} == {"乾芯", "好象"}
    assert o in lib.allowlist(other.issue_id)


def test_allowlist_validation(lib):
    with pytest.raises(LibraryError):
        lib.add_allow("   ")
    with pytest.raises(NotFoundError):
        lib.add_allow("词", issue_id=42)
    assert lib.allowlist() == []
