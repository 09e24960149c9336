"""Every way text enters the library, in one place: an issue text file (new, the
same file again, or replacing an issue with the same masthead), a DOCX
manuscript (a one-article issue, a new article of an issue, or a new revision
of an article), a PDF proof (the issue and the proof, see :mod:`.proofs`), and the
app's own DOCX export read back (the edited articles
become revisions; :mod:`.docx_roundtrip` does the matching). Each import re-checks the issue in the same transaction, so the
stored findings describe the imported texts (problems an import brings back are
open again; see services/checking.py). A replacing import re-applies the issue's
structure corrections in force wherever it finds their place again
(services/structure.py ``carry_over``; ``ImportDone.structure`` reports each).

No Qt here; the window runs :func:`import_path` on its worker thread with
progress and cancel, the command line :func:`import_issue_file` and
:func:`import_docx`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from editor_app import paths
from editor_app.ingest import DecodeError, parse_file
from editor_app.ingest.docx_import import DocxImportError, Manuscript, read_docx_manuscript
from editor_app.ingest.manuscript import manuscript_issue, manuscript_segment
from editor_app.model import Issue
from editor_app.model.pdf import PdfProof
from editor_app.store import Library, LibraryError, MastheadConflictError
from editor_app.store import proofs as proof_store

from . import checking, docx_roundtrip, proofs, structure
from .changes import OpChanges
from .docx_roundtrip import RoundTripResult
from .issues import UserError, require_issue, require_segment

IMPORT_SUFFIXES = (".txt", ".text", ".docx", ".pdf")

ProgressFn = Callable[[str, int, int], None]  # (stage label, done, total)
CancelFn = Callable[[], bool]


class Cancelled(Exception):
    """The user cancelled a long operation before it wrote anything."""


class MastheadExists(UserError):
    """The library holds an issue with the same masthead and another source."""

    def __init__(self, message: str, issue_id: int, label: str):
        super().__init__(message)
        self.issue_id = issue_id
        self.label = label


@dataclass
class ImportDone:
    issue_id: int
    # imported | already | replaced | added (a manuscript added to an issue) | revised | unchanged
    status: str
    label: str
    n_articles: int
    seg_id: int | None = None  # the article a manuscript became or revised
    changes: OpChanges = OpChanges()
    roundtrip: RoundTripResult | None = None  # one of our own exports read back
    structure: list[str] = field(default_factory=list)  # structure corrections carried over a replace


def _read_manuscript(path: Path) -> Manuscript:
    try:
        ms = read_docx_manuscript(path)
    except DocxImportError as exc:
        raise UserError(str(exc)) from None
    if not ms.text.strip() and not ms.title.strip():
        raise UserError(f"{path}: 文档没有正文 (the document has no text)")
    return ms


@dataclass
class Parsed:
    """A file read for import: the issue, and the PDF proof it came from (if any)."""

    issue: Issue
    proof: PdfProof | None = None


def parse_path(path: str | Path) -> Parsed:
    """An issue from a text file or a PDF proof, or a one-article issue from a DOCX
    manuscript. Nothing is written; bad input raises UserError."""
    path = Path(path)
    if proofs.is_pdf_file(path):
        return Parsed(*proofs.read_pdf_proof(path))
    if path.suffix.lower() == ".docx":
        ms = _read_manuscript(path)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        return Parsed(manuscript_issue(ms, digest, path.name))
    try:
        return Parsed(parse_file(path))
    except DecodeError as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:
        raise UserError(f"{path.name}: 无法读取文件（{exc.strerror}） (cannot read the file)") from None


def _done(lib: Library, issue_id: int, status: str, seg_id: int | None, changes: OpChanges) -> ImportDone:
    summary = lib.issue_summary(issue_id)
    return ImportDone(issue_id, status, summary.label, summary.n_articles, seg_id, changes)


def store_issue(lib: Library, parsed: Parsed | Issue, replace: bool = False, author: str = "",
                check: bool = True, name: str = "") -> ImportDone:
    """Store a parsed issue (new, already there, or replacing) — with its PDF proof, if
    it came from one — and check it, in one transaction."""
    issue, proof = (parsed.issue, parsed.proof) if isinstance(parsed, Parsed) else (parsed, None)
    if not issue.segments or not issue.source.strip():
        raise UserError(f"{name or issue.source_name}: 文件没有任何文字 (the file has no text)")
    carried: list[str] = []
    try:
        with lib.atomic():
            pending = _corrections_in_force(lib, issue) if replace else []
            res = lib.import_issue(issue, replace=replace, author=author)
            if proof is not None and res.status != "already":
                proof_store.save_proof(lib, res.issue_id, proof)
            if res.status == "replaced" and pending:
                carried = structure.carry_over(lib, res.issue_id, pending, author)
            if check:
                if res.status == "already":
                    checking.ensure_current(lib, res.issue_id, author)
                else:
                    checking.recheck(lib, res.issue_id, "replace" if res.status == "replaced" else "import",
                                     author, listing=False)
    except MastheadConflictError as exc:
        raise MastheadExists(
            f"资料库中已有《{exc.label}》（期 {exc.existing_issue_id}），"
            f"内容与 {name or issue.source_name} 不同，未导入；如确要替换，请选择替换（旧文本保留为修订） / "
            f"the library already holds {exc.label} from another file; nothing imported; "
            "replace it to go on (the old text is kept as revisions)",
            exc.existing_issue_id,
            exc.label,
        ) from None
    except LibraryError as exc:
        raise UserError(str(exc)) from None
    changes = OpChanges.of(res.issue_id, None, issues=res.status != "already",
                           text=res.status != "already", header=res.status != "already",
                           findings=check, structure=res.status != "already")
    seg_id = None
    if issue.source_name.lower().endswith(".docx"):
        seg_id = next((r.id for r in lib.segments(res.issue_id) if r.kind == "article"), None)
    done = _done(lib, res.issue_id, res.status, seg_id, changes)
    done.structure = carried
    return done


def _corrections_in_force(lib: Library, issue: Issue) -> list:
    """The structure corrections of the issue a replacing import of ``issue`` replaces."""
    m = issue.masthead
    if m.year is None or m.number is None:
        return []
    existing = lib.find_issue(m.title, m.year, m.number)
    return [] if existing is None else lib.effective_structure_changes(existing)


def import_issue_file(lib: Library, path: str | Path, replace: bool = False, author: str = "",
                      check: bool = True) -> ImportDone:
    """An issue text file or PDF proof (or a DOCX manuscript as a one-article issue)."""
    path = Path(path)
    return store_issue(lib, parse_path(path), replace, author, check, path.name)


def import_docx(lib: Library, path: str | Path, issue_id: int, article: str | int | None = None,
                author: str = "", check: bool = True) -> ImportDone:
    """A DOCX manuscript as a new article of the issue, or as a new revision of
    ``article`` (status "added", "revised" or "unchanged"), re-checked in the same
    transaction."""
    path = Path(path)
    require_issue(lib, issue_id)
    back = _import_own_export(lib, path, issue_id, article, author, check)
    if back is not None:
        return back
    ms = _read_manuscript(path)
    seg_id = require_segment(lib, issue_id, article) if article is not None else None
    try:
        with lib.atomic():
            if seg_id is not None:
                _, version = lib.current_text(seg_id)
                before = lib.current_revision(seg_id).id
                rev = lib.save_text(seg_id, ms.text, author, expected_version=version,
                                    note=f"docx {path.name}")
                status = "revised" if rev.id != before else "unchanged"
            else:
                seg_id = lib.add_article(issue_id, manuscript_segment(ms), author)
                status = "added"
            if check and status != "unchanged":
                checking.recheck(lib, issue_id, "import-docx", author, listing=False)
    except LibraryError as exc:
        raise UserError(str(exc)) from None
    changed = status != "unchanged"
    changes = OpChanges.of(issue_id, None if status == "added" else [seg_id], text=changed,
                           header=status == "added", findings=changed and check)
    return _done(lib, issue_id, status, seg_id, changes)


def _import_own_export(lib: Library, path: Path, issue_id: int, article: str | int | None,
                       author: str, check: bool) -> ImportDone | None:
    """One of the app's own exports (issue or article): the articles whose text was
    changed in Word or LibreOffice become revisions, re-checked in the same
    transaction; cover and contents are ignored. None: not one of our exports."""
    try:
        with lib.atomic():
            res = docx_roundtrip.import_exported_docx(
                lib, path, issue_id, article=None if article is None else str(article), author=author)
            if res is None:
                return None
            touched = [a.segment_id for a in res.articles if a.status in ("revised", "conflict")]
            if check and res.revised:
                checking.recheck(lib, issue_id, "import-docx", author, listing=False)
    except LibraryError as exc:
        raise UserError(str(exc)) from None
    status = "unchanged" if res.no_change else "revised"
    changes = OpChanges.of(issue_id, touched, text=bool(res.revised), findings=bool(res.revised) and check)
    first = touched[0] if touched else None
    done = _done(lib, issue_id, status, first, changes)
    done.roundtrip = res
    return done


def import_path(
    lib: Library,
    path: str | Path,
    author: str = "",
    replace: bool = False,
    progress: ProgressFn | None = None,
    cancelled: CancelFn | None = None,
    check: bool = True,
    into_issue: int | None = None,
) -> ImportDone:
    """Import an issue text file, or a DOCX manuscript, and check the issue.

    A manuscript becomes a new article of ``into_issue`` (the open issue) when
    given, else a one-article issue of its own. Cancelling is honoured until
    the import transaction starts (raises :class:`Cancelled`, nothing written).
    """
    path = Path(path)
    report = progress or (lambda _s, _d, _t: None)
    stop = cancelled or (lambda: False)
    if not path.is_file():
        raise UserError(f"{path}: 文件不存在 (no such file)")
    report("解析", 0, 3)
    if path.suffix.lower() == ".docx" and into_issue is not None:
        _read_manuscript(path)  # refuse a bad file before anything is written
        if stop():
            raise Cancelled()
        report("写入资料库", 1, 3)
        out = import_docx(lib, path, into_issue, None, author=author, check=check)
        report("完成", 3, 3)
        return out
    issue = parse_path(path)
    if stop():
        raise Cancelled()
    report("写入资料库", 1, 3)
    out = store_issue(lib, issue, replace, author, check, path.name)
    report("完成", 3, 3)
    return out


def ensure_demo_issue(lib: Library) -> int | None:
    """Import the bundled demo issue into an empty library; return the first issue's id."""
    issues = lib.list_issues()
    if issues:
        return issues[0].id
    demo = paths.demo_issue_path()
    if not demo.exists():
        return None
    return import_issue_file(lib, demo, author="demo").issue_id
