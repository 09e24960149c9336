"""Importing a PDF proof is one transaction: the issue and its proof, or nothing."""

from __future__ import annotations

import pytest

from editor_app.services import importing
from editor_app.store import Library
from editor_app.store import proofs as proof_store
from tests.pdf_material import magazine_pdf


@pytest.fixture(scope="module")
def magazine(tmp_path_factory):
    return magazine_pdf(tmp_path_factory.getbasetemp() / "magazine.pdf")


def test_issue_and_proof_are_stored_together(magazine, tmp_path, monkeypatch):
    lib = Library(tmp_path / "lib.sqlite")

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(proof_store, "save_proof", broken)
    with pytest.raises(OSError):
        importing.import_issue_file(lib, magazine)
    assert lib.list_issues() == []  # the issue went with the failed proof
    monkeypatch.undo()
    first = importing.import_issue_file(lib, magazine, author="排版")
    again = importing.import_issue_file(lib, magazine)
    assert (first.status, again.status, again.issue_id) == ("imported", "already", first.issue_id)
    stored, text_sha = proof_store.load_proof(lib, first.issue_id)
    assert stored.pdf == magazine.read_bytes() and stored.name == magazine.name
    assert text_sha == proof_store.text_hash(lib.source(first.issue_id))
    assert len(stored.map.pages) > 15
    lib.delete_issue(first.issue_id)
    assert not proof_store.has_proof(lib, first.issue_id)  # the proof goes with its issue
    lib.close()
