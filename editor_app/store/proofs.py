"""PDF proofs in the library: table ``pdf_proofs`` (migration ``0010_pdf_proofs``).

One row per issue imported from a PDF: the original file byte for byte, the
sha256 of the extracted text the issue was parsed from (so that a later
``import --replace`` from another file is noticed), and the
:class:`~editor_app.model.pdf.ProofMap` (zlib-compressed JSON). Rows go with
their issue (``ON DELETE CASCADE``).

Functions take the :class:`~editor_app.store.Library` (any ``StoreBase``); the
lead may fold them into a mixin.
"""

from __future__ import annotations

import hashlib

from ..model.pdf import PdfProof, ProofMap
from .base import StoreBase, now_iso
from .errors import NotFoundError


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def save_proof(lib: StoreBase, issue_id: int, proof: PdfProof) -> None:
    """Store (or replace) the proof of an issue; one transaction (a savepoint when nested)."""
    with lib.atomic():
        if lib._scalar("SELECT 1 FROM issues WHERE id = ?", (issue_id,)) is None:
            raise NotFoundError("issue", issue_id)
        lib._write(
            """
            INSERT OR REPLACE INTO pdf_proofs
                (issue_id, file_name, pdf_sha256, pdf, text_sha256, n_pages, map, imported_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            (
                issue_id,
                proof.name,
                proof.sha256,
                proof.pdf,
                text_hash(proof.text),
                len(proof.map.pages),
                proof.map.to_bytes(),
                now_iso(),
            ),
        )


def load_proof(lib: StoreBase, issue_id: int) -> tuple[PdfProof, str] | None:
    """The issue's proof and the sha256 of the text it was extracted into; None if the
    issue was not imported from a PDF. ``proof.text`` is left empty (it is the issue's
    source when the hashes agree)."""
    row = lib._one("SELECT * FROM pdf_proofs WHERE issue_id = ?", (issue_id,))
    if row is None:
        return None
    proof = PdfProof(
        pdf=bytes(row["pdf"]),
        name=row["file_name"],
        sha256=row["pdf_sha256"],
        text="",
        map=ProofMap.from_bytes(bytes(row["map"])),
        issue_id=issue_id,
        imported_at=row["imported_at"],
    )
    return proof, row["text_sha256"]


def has_proof(lib: StoreBase, issue_id: int) -> bool:
    return lib._scalar("SELECT 1 FROM pdf_proofs WHERE issue_id = ?", (issue_id,)) is not None
