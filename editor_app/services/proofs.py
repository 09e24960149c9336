"""Use cases of PDF proofs (校样): import a proof as an issue, export the findings and
the edits back onto a copy of it as PDF comments.

Reading: :func:`editor_app.ingest.pdf.extract_pdf` gives the raw issue text and
a :class:`~editor_app.model.pdf.ProofMap`; the text goes through the same
:func:`~editor_app.ingest.parse_text` as a text export. Storing is an import like
any other (:mod:`.importing`): the issue, and in the same transaction the
original PDF bytes and the map (:mod:`editor_app.store.proofs`).

Export: each open finding is placed on its characters by three maps in turn:
the article's current text -> the text as imported
(:class:`~editor_app.checks.align.TextAlignment`), imported text -> issue
source (the segment's offset map), source -> (page, box) (the proof map). A
finding whose characters were written after import (or whose place cannot be
mapped exactly) gets no quad: its note goes to the start of its paragraph,
never onto other characters. Edits since import become strike-outs
(replaced or deleted characters, the note saying what replaces them) and
carets (insertions).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from editor_app.checks.align import TextAlignment
from editor_app.export.pdf_notes import COLORS, PdfExportError, PdfNote, annotate_pdf
from editor_app.ingest import parse_text
from editor_app.ingest.decode import read_regular_file
from editor_app.ingest.pdf import PdfError, extract_pdf
from editor_app.ingest.pdf_open import MAX_BYTES
from editor_app.model import Finding, Issue, OffsetMap
from editor_app.model.pdf import Box, PdfProof, ProofMap
from editor_app.store import Library
from editor_app.store import proofs as proof_store

from .issues import UserError, require_issue
from .proof_view import PageImage, PageRenderer

PDF_MAGIC = b"%PDF-"


def is_pdf_file(path: str | Path) -> bool:
    """A file to treat as a PDF proof: named *.pdf, or starting with %PDF-."""
    p = Path(path)
    if p.suffix.lower() == ".pdf":
        return True
    if not p.is_file():  # a FIFO or device is never opened here (ingest refuses it at once)
        return False
    try:
        with p.open("rb") as fh:
            return fh.read(1024).lstrip().startswith(PDF_MAGIC)
    except OSError:
        return False


def read_pdf_proof(path: str | Path) -> tuple[Issue, PdfProof]:
    """Parse a PDF proof into an issue (not stored) and its proof; UserError on bad input."""
    p = Path(path)
    # only a regular file is read (a FIFO or a device is refused at once), at most the limit
    data = read_regular_file(p, MAX_BYTES, lambda zh, en: UserError(f"{path}: {zh} ({en})"))
    try:
        ex = extract_pdf(data, str(path))
    except PdfError as exc:
        raise UserError(str(exc)) from None
    issue = parse_text(ex.text, name=p.name, sha256=ex.sha256, encoding="pdf")
    proof = PdfProof(pdf=data, name=p.name, sha256=ex.sha256, text=ex.text, map=ex.map)
    return issue, proof


def check_pdf_file(path: str | Path):
    """Check a PDF proof without touching any library (``editor-app check FILE.pdf``)."""
    from editor_app.checks import issue_error_rates

    from .checking import CheckResult, make_checker

    issue, _ = read_pdf_proof(path)
    findings = make_checker().check_issue(issue)
    for f in findings:
        f.status = "open"
    return CheckResult(issue, findings, issue_error_rates(issue, findings))


# -- export ---------------------------------------------------------------------------


@dataclass
class PdfExportOutcome:
    path: Path
    findings: int = 0  # open findings written
    on_characters: int = 0  # of which as highlights on their characters
    at_paragraph: int = 0  # of which as notes at their paragraph
    edits: int = 0  # strike-outs and carets for edits since import
    notes: list[PdfNote] = field(default_factory=list)


class _SegmentMaps:
    """Current text -> imported text -> source of one segment."""

    def __init__(self, lib: Library, seg_id: int, revision_id: int | None = None):
        row = lib.segment(seg_id)
        # the text the positions refer to: the current revision, or the revision a
        # finding was found in when it names one (findings carry it from the lead's store)
        if revision_id is not None and revision_id != row.current_revision_id:
            self.current = lib.revision(revision_id).text
        else:
            self.current = lib.current_text(seg_id)[0]
        self.base = lib.revision(row.base_revision_id).text if row.base_revision_id else self.current
        self.omap: OffsetMap = lib.segment_offset_map(seg_id)
        self.align = TextAlignment(self.current, self.base)

    def base_to_source(self, start: int, end: int) -> list[tuple[int, int]] | None:
        """Source runs of imported-text span [start, end); None if a character has none."""
        runs: list[tuple[int, int]] = []
        for k in range(start, end):
            if self.base[k] == "\n":
                continue  # a paragraph join added by reflow: no character in the source
            s = self.omap.to_source(k)
            if self.omap.to_text(s) != k:
                return None
            if runs and runs[-1][1] == s:
                runs[-1] = (runs[-1][0], s + 1)
            else:
                runs.append((s, s + 1))
        return runs


def _boxes(pmap: ProofMap, runs: list[tuple[int, int]], source: str | None = None) -> list[tuple[int, Box]] | None:
    out: list[tuple[int, Box]] = []
    for s, e in runs:
        if not pmap.covers(s, e, source):
            return None
        out.extend(pmap.span_boxes(s, e))
    return out


def _by_page(boxes: list[tuple[int, Box]]) -> dict[int, list[Box]]:
    pages: dict[int, list[Box]] = {}
    for page, box in boxes:
        pages.setdefault(page, []).append(box)
    return pages


# a note's text in the annotations' language: title and message, the suggestion, a deletion
NOTE_TEXTS = {
    "zh_CN": ("{0}：{1}", "\n建议：{0}", "\n建议：删除“{0}”"),
    "en": ("{0}: {1}", "\nSuggestion: {0}", "\nSuggestion: delete “{0}”"),
}


def _finding_text(
    f: Finding, titles: dict[str, str], message: str | None = None, lang: str = "zh_CN"
) -> tuple[str, str]:
    """A finding's note: its rule's title, and the title with the message (``message``:
    the finding's message in ``lang``) and the suggestion."""
    both, replace, delete = NOTE_TEXTS["en" if lang == "en" else "zh_CN"]
    title = titles.get(f.rule) or f.rule
    msg = f.message if message is None else message
    body = both.format(title, msg) if msg else title
    if f.suggestion is not None:
        body += replace.format(f.suggestion) if f.suggestion else delete.format(f.excerpt)
    return title, body


def _paragraph_anchor(m: _SegmentMaps, pmap: ProofMap, pos: int) -> tuple[int, Box] | None:
    """The first character of the paragraph holding ``pos`` that is printed in the proof
    (else the nearest printed character before it)."""
    text = m.current
    p0 = text.rfind("\n", 0, pos) + 1
    p1 = text.find("\n", pos)
    p1 = len(text) if p1 < 0 else p1
    order = list(range(p0, p1)) + list(range(p0 - 1, -1, -1))
    for k in order:
        o = m.align.to_original(k)
        if o is None or m.base[o] == "\n":
            continue
        runs = m.base_to_source(o, o + 1)
        if runs:
            hit = pmap.locate(runs[0][0])
            if hit is not None:
                return hit
    return None


NOTE_NEW_TEXT = "（所指文字为导入校样后所写，批注置于段首 / written after import: noted at the paragraph）"
NOTE_STALE = "（检查之后文字又有改动，批注置于段首 / the text changed after the check: noted at the paragraph）"
NOTE_POINT = "（所指位置在两字之间 / a place between characters）"


def _char_anchor(m: _SegmentMaps, pmap: ProofMap, pos: int) -> tuple[int, Box] | None:
    """The printed place of the gap before current-text position ``pos``, if both of its
    neighbours are imported characters printed side by side."""
    for k, edge in ((pos, "left"), (pos - 1, "right")):
        if not 0 <= k < len(m.current):
            continue
        o = m.align.to_original(k)
        runs = m.base_to_source(o, o + 1) if o is not None and m.base[o] != "\n" else None
        hit = pmap.locate(runs[0][0]) if runs else None
        if hit is not None:
            page, (x0, y0, x1, y1) = hit
            x = x0 if edge == "left" else x1
            return page, (x, y0, x, y1)
    return None


def plan_notes(
    lib: Library, issue_id: int, pmap: ProofMap, author: str, lang: str | None = None
) -> PdfExportOutcome:
    """The annotations for an issue's open findings and its edits since import; rule
    titles and messages in ``lang`` ("en": English, else Chinese)."""
    from editor_app.services import rule_texts

    titles = rule_texts.titles(lang)
    message = rule_texts.message_function(lang)
    source = lib.source(issue_id)
    out = PdfExportOutcome(Path())
    maps: dict[tuple[int, int | None], _SegmentMaps] = {}

    def seg_maps(seg_id: int, revision_id: int | None = None) -> _SegmentMaps:
        key = (seg_id, revision_id)
        if key not in maps:
            maps[key] = _SegmentMaps(lib, seg_id, revision_id)
        return maps[key]

    notes: list[PdfNote] = []
    for f in lib.list_findings(issue_id, status="open"):
        title, contents = _finding_text(f, titles, message(f), lang or "zh_CN")
        color = COLORS.get(f.severity, COLORS["warning"])
        ident = f"finding-{f.id}"
        placed: list[tuple[int, Box]] | None = None
        anchor: tuple[int, Box] | None = None
        why = NOTE_NEW_TEXT
        if f.segment is not None:
            m = seg_maps(f.segment.id, f.revision_id)
            if m.current[f.start : f.end] != f.excerpt:
                why = NOTE_STALE  # the text changed after the check
            elif f.end == f.start:
                why = NOTE_POINT  # a place between characters (something missing)
                anchor = _char_anchor(m, pmap, f.start)
            else:
                span = m.align.span_to_original(f.start, f.end)
                if span is not None:
                    runs = m.base_to_source(*span)
                    placed = _boxes(pmap, runs, source) if runs else None
            if not placed and anchor is None:
                anchor = _paragraph_anchor(m, pmap, min(f.start, len(m.current)))
        elif f.source_start is not None and f.source_end is not None and f.source_end > f.source_start:
            placed = _boxes(pmap, [(f.source_start, f.source_end)], source)
        if placed:
            pages = _by_page(placed)
            for page, boxes in pages.items():
                notes.append(PdfNote("highlight", page, boxes, title, contents, author, color, f"{ident}-p{page + 1}"))
            out.on_characters += 1
        else:
            if anchor is None:
                first = pmap.lines[0] if pmap.lines else None
                anchor = (first.page, first.box(first.start)) if first else (0, (36.0, 700.0, 46.0, 710.0))
            notes.append(PdfNote("note", anchor[0], [anchor[1]], title, contents + "\n" + why, author, color, ident))
            out.at_paragraph += 1
        out.findings += 1
    for seg_id, m in sorted(_edited_segments(lib, issue_id, seg_maps).items()):
        notes.extend(_edit_notes(m, pmap, author, seg_id, out))
    out.notes = notes
    return out


def _edited_segments(lib: Library, issue_id: int, seg_maps) -> dict[int, _SegmentMaps]:
    edited = {}
    for row in lib.segments(issue_id):
        if row.base_revision_id and row.current_revision_id != row.base_revision_id:
            m = seg_maps(row.id)
            if m.current != m.base:
                edited[row.id] = m
    return edited


def _edit_notes(m: _SegmentMaps, pmap: ProofMap, author: str, seg_id: int, out: PdfExportOutcome) -> list[PdfNote]:
    """Strike-outs and carets for the differences between imported and current text."""
    notes: list[PdfNote] = []
    blocks = m.align.blocks + [(len(m.current), len(m.base), 0)]
    c_prev = o_prev = 0
    for c, o, n in blocks:
        deleted = m.base[o_prev:o]
        inserted = m.current[c_prev:c]
        if deleted or inserted:
            shown = inserted.replace("\n", "⏎")
            runs = m.base_to_source(o_prev, o) if deleted.strip() else None
            boxes = _boxes(pmap, runs) if runs else None
            ident = f"edit-{seg_id}-{o_prev}"
            if boxes:
                text = f"改为：{shown}" if inserted else "删除"
                for page, bxs in _by_page(boxes).items():
                    notes.append(PdfNote("strikeout", page, bxs, "修改 / edit", text, author, COLORS["edit"], f"{ident}-p{page + 1}"))
                out.edits += 1
            elif inserted.strip() or deleted:
                hit = None
                if o < len(m.base):
                    r = m.base_to_source(o, o + 1)
                    hit = pmap.locate(r[0][0]) if r else None
                if hit is None and o_prev > 0:
                    r = m.base_to_source(o_prev - 1, o_prev)
                    if r:
                        prev = pmap.locate(r[0][0])
                        if prev is not None:
                            x0, y0, x1, y1 = prev[1]
                            hit = (prev[0], (x1, y0, x1, y1))
                if hit is not None:
                    text = f"插入：{shown}" if inserted.strip() else "合并段落 / paragraphs joined"
                    notes.append(PdfNote("caret", hit[0], [hit[1]], "修改 / edit", text, author, COLORS["edit"], ident))
                    out.edits += 1
        c_prev, o_prev = c + n, o + n
    return notes


def has_proof(lib: Library, issue_id: int) -> bool:
    """Was the issue imported from a PDF proof (so an annotated copy can be written)?"""
    return proof_store.has_proof(lib, issue_id)


def export_pdf(
    lib: Library, issue_id: int, out: str | Path, author: str = "editor-app", lang: str | None = None
) -> PdfExportOutcome:
    """Write a copy of the issue's PDF proof with the open findings and edits as comments
    (rule titles and messages in ``lang``: "en" English, else Chinese)."""
    require_issue(lib, issue_id)
    target = Path(out)
    if target.exists() and target.is_dir():
        raise UserError(f"{target}: 这是文件夹，请给出文件名 (is a directory; give a file name)")
    if not target.parent.exists():
        raise UserError(f"{target}: 目录不存在 (the folder {target.parent} does not exist)")
    found = proof_store.load_proof(lib, issue_id)
    if found is None:
        raise UserError(f"期刊 {issue_id} 不是从 PDF 校样导入的，无法导出 PDF 批注 (issue {issue_id} was not imported from a PDF proof)")
    proof, text_sha = found
    if proof_store.text_hash(lib.source(issue_id)) != text_sha:
        raise UserError(
            f"期刊 {issue_id} 导入校样后已被其他文件替换，PDF 位置不再对应 "
            f"(issue {issue_id} was replaced after the PDF import; the proof no longer matches)"
        )
    res = plan_notes(lib, issue_id, proof.map, author, lang)
    try:
        data = annotate_pdf(proof.pdf, res.notes)
    except PdfExportError as exc:
        raise UserError(str(exc)) from None
    tmp = target.with_name(target.name + ".part")
    try:
        tmp.write_bytes(data)
        tmp.replace(target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"{target}: 无法写入 (cannot write: {exc.strerror or exc})") from None
    res.path = target
    return res


# -- for the window ---------------------------------------------------------------------


def page_image(lib: Library, issue_id: int, page: int, dpi: float = 96.0) -> PageImage:
    """One page of the issue's PDF proof rendered at ``dpi`` (with the PDF's own annotations):
    the page view's renderer (services/proof_view.py), used once."""
    if proof_store.load_proof(lib, issue_id) is None:
        raise UserError(f"期刊 {issue_id} 没有 PDF 校样 (issue {issue_id} has no PDF proof)")
    renderer = PageRenderer(keep=1)
    try:
        img = renderer.render(lib, issue_id, page, dpi / 72.0)
    finally:
        renderer.forget()
    if img is None:
        raise UserError(f"校样没有第 {page + 1} 页 (the proof has no page {page + 1})")
    return img


def finding_place(lib: Library, issue_id: int, finding: Finding) -> list[tuple[int, Box]]:
    """Where a finding's characters are printed in the proof: (page, box) per printed line;
    [] when they are not in the proof (written after import, or no proof)."""
    found = proof_store.load_proof(lib, issue_id)
    if found is None or finding.segment is None:
        return []
    m = _SegmentMaps(lib, finding.segment.id)
    if m.current[finding.start : finding.end] != finding.excerpt or finding.end <= finding.start:
        return []
    span = m.align.span_to_original(finding.start, finding.end)
    runs = m.base_to_source(*span) if span is not None else None
    return (_boxes(found[0].map, runs) or []) if runs else []
