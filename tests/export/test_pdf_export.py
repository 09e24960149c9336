"""Findings and edits back on the PDF proof: one annotation per open finding on exactly
its characters, edits as strike-outs and carets, the original file untouched."""

from __future__ import annotations

import hashlib
import shutil
import subprocess

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader

from editor_app import cli
from editor_app.services import checking, importing, proofs
from editor_app.store import Library
from tests.pdf_material import magazine_pdf

ARTICLE = "让“千村示范”结出“共富”硕果"
NEW_SENTENCE = "新写的一句话,导入之后才有。"
POPPLER = shutil.which("pdftotext") and shutil.which("pdfinfo")


@pytest.fixture(scope="module")
def magazine(tmp_path_factory):
    return magazine_pdf(tmp_path_factory.getbasetemp() / "magazine.pdf")


@pytest.fixture(scope="module")
def exported(magazine, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pdf-export")
    before = hashlib.sha256(magazine.read_bytes()).hexdigest()
    lib = Library(tmp / "lib.sqlite")
    issue_id = importing.import_issue_file(lib, magazine).issue_id
    seg = next(r for r in lib.segments(issue_id) if r.title == ARTICLE)
    text, version = lib.current_text(seg.id)
    assert "乡村兴则全省兴" in text
    paras = text.split("\n")
    paras[1] = NEW_SENTENCE + paras[1]  # written after import, at the start of a printed paragraph
    edited = "\n".join(paras).replace("乡村兴则全省兴", "乡村兴则全国兴")
    lib.save_text(seg.id, edited, "测试编辑", expected_version=version)
    checking.run_checks(lib, issue_id)
    findings = lib.list_findings(issue_id, status="open")
    out = tmp / "proof-review.pdf"
    res = proofs.export_pdf(lib, issue_id, out, author="王校对")
    yield {
        "lib": lib, "issue_id": issue_id, "seg": seg, "findings": findings, "out": out, "res": res,
        "before": before, "magazine": magazine, "edited": edited,
    }
    lib.close()


def annotations(path):
    reader = PdfReader(str(path), strict=True)
    out = []
    for i, page in enumerate(reader.pages):
        for ref in page.get("/Annots", []) or []:
            a = ref.get_object()
            out.append((i, a))
    return out


def chars_in_quads(tp, quads: list[float]) -> str:
    """The characters whose glyph centres lie inside the quads, line by line."""
    text = []
    n = tp.count_chars()
    boxes = [tp.get_charbox(i) for i in range(n)]
    for k in range(0, len(quads), 8):
        x_ul, y_ul, x_ur, _, _, y_ll, _, _ = quads[k : k + 8]
        x0, x1, y0, y1 = x_ul - 0.5, x_ur + 0.5, y_ll - 0.5, y_ul + 0.5
        for i, (left, b, r, t) in enumerate(boxes):
            cx, cy = (left + r) / 2, (b + t) / 2
            if x0 <= cx <= x1 and y0 <= cy <= y1:
                ch = tp.get_text_range(i, 1)
                if ch.strip():
                    text.append(ch)
    return "".join(text)


def test_original_untouched_and_copy_extends_it(exported):
    original = exported["magazine"].read_bytes()
    assert hashlib.sha256(original).hexdigest() == exported["before"]
    data = exported["out"].read_bytes()
    assert data.startswith(original) and len(data) > len(original)


@pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext, pdfinfo) not installed")
def test_poppler_and_pypdf_open_the_copy_without_errors(exported):
    out = str(exported["out"])
    r = subprocess.run(["pdfinfo", out], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and r.stderr == "", r.stderr
    r = subprocess.run(["pdftotext", out, "-"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and r.stderr == "", r.stderr
    assert "乡村兴则全省兴" in r.stdout  # the printed text is never rewritten
    assert annotations(exported["out"])


def test_one_annotation_per_open_finding_on_its_characters(exported):
    findings = exported["findings"]
    assert len(findings) >= 10
    annots = annotations(exported["out"])
    by_finding: dict[int, list] = {}
    for page, a in annots:
        nm = str(a.get("/NM", ""))
        if nm.startswith("finding-"):
            by_finding.setdefault(int(nm.split("-")[1]), []).append((page, a))
    assert set(by_finding) == {f.id for f in findings}
    res = exported["res"]
    assert res.findings == len(findings) == res.on_characters + res.at_paragraph
    doc = pdfium.PdfDocument(str(exported["out"]))
    textpages = {}
    highlighted = 0
    for f in findings:
        marks = by_finding[f.id]
        kinds = {str(a["/Subtype"]) for _, a in marks}
        assert str(marks[0][1]["/T"]) == "王校对"
        assert f.message in str(marks[0][1]["/Contents"])
        if kinds == {"/Text"}:
            continue
        assert kinds == {"/Highlight"}, kinds
        got = ""
        for page, a in sorted(marks, key=lambda m: m[0]):
            tp = textpages.get(page) or textpages.setdefault(page, doc[page].get_textpage())
            got += chars_in_quads(tp, [float(v) for v in a["/QuadPoints"]])
            popup = a["/Popup"].get_object()
            assert popup["/Subtype"] == "/Popup" and popup.raw_get("/Parent").idnum == a.indirect_reference.idnum
        want = "".join(f.excerpt.split())
        assert got == want, (f.rule, f.excerpt, got)
        highlighted += 1
    assert highlighted == res.on_characters >= 10
    doc.close()


def test_a_finding_in_text_written_after_import_is_noted_at_its_paragraph(exported):
    seg_id = exported["seg"].id
    para_start = exported["edited"].index(NEW_SENTENCE)
    new = [f for f in exported["findings"]
           if f.segment is not None and f.segment.id == seg_id and para_start <= f.start < para_start + len(NEW_SENTENCE)]
    assert len(new) == 1, [(f.rule, f.excerpt, f.start) for f in exported["findings"] if f.segment is not None and f.segment.id == seg_id]
    marks = [(p, a) for p, a in annotations(exported["out"]) if str(a.get("/NM", "")) == f"finding-{new[0].id}"]
    assert len(marks) == 1 and marks[0][1]["/Subtype"] == "/Text"
    page, note = marks[0]
    # at the first printed character of its paragraph (乡村兴则全省兴。), not on the comma
    doc = pdfium.PdfDocument(str(exported["out"]))
    tp = doc[page].get_textpage()
    x0, y0, x1, y1 = (float(v) for v in note["/Rect"])
    idx = tp.get_index(x1 + 4 + 5, y1 - 5, 6, 6)
    assert idx is not None and idx >= 0 and tp.get_text_range(idx, 1) == "乡"
    assert exported["res"].at_paragraph >= 1
    doc.close()


def test_edits_since_import_are_struck_out_or_marked_with_a_caret(exported):
    annots = annotations(exported["out"])
    edits = [(p, a) for p, a in annots if str(a.get("/NM", "")).startswith("edit-")]
    strike = [(p, a) for p, a in edits if a["/Subtype"] == "/StrikeOut"]
    caret = [(p, a) for p, a in edits if a["/Subtype"] == "/Caret"]
    assert [str(a["/Contents"]) for _, a in strike] == ["改为：国"]
    assert [str(a["/Contents"]) for _, a in caret] == [f"插入：{NEW_SENTENCE}"]
    doc = pdfium.PdfDocument(str(exported["out"]))
    page, a = strike[0]
    assert chars_in_quads(doc[page].get_textpage(), [float(v) for v in a["/QuadPoints"]]) == "省"
    doc.close()
    assert exported["res"].edits == 2


def test_export_refuses_an_issue_without_a_proof_or_replaced_since(exported, tmp_path, capsys, demo_path):
    db = tmp_path / "lib.sqlite"
    assert cli.main(["import", str(demo_path), "--db", str(db)]) == 0
    capsys.readouterr()
    assert cli.main(["export", "--issue", "1", "--pdf", str(tmp_path / "x.pdf"), "--db", str(db)]) == 2
    assert "不是从 PDF 校样导入" in capsys.readouterr().err
    db2 = tmp_path / "lib2.sqlite"
    assert cli.main(["import", str(exported["magazine"]), "--db", str(db2)]) == 0
    assert cli.main(["import", str(demo_path), "--db", str(db2), "--replace"]) == 0
    capsys.readouterr()
    assert cli.main(["export", "--issue", "1", "--pdf", str(tmp_path / "y.pdf"), "--db", str(db2)]) == 2
    err = capsys.readouterr().err
    assert "替换" in err and err.count("\n") == 1
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "y.pdf").exists()


def test_the_window_gets_page_images_and_finding_places(exported):
    lib, issue_id = exported["lib"], exported["issue_id"]
    img = proofs.page_image(lib, issue_id, 0, dpi=96)
    assert (img.width, img.height) == (794, 1123) and len(img.data) == img.stride * img.height
    marks = {str(a["/NM"]): (p, a) for p, a in annotations(exported["out"]) if "/NM" in a}
    f = next(f for f in exported["findings"] if f"finding-{f.id}-p" in " ".join(marks))
    places = proofs.finding_place(lib, issue_id, f)
    page, a = next(v for k, v in marks.items() if k.startswith(f"finding-{f.id}-p"))
    assert places and places[0][0] == page
    assert [round(v, 1) for v in a["/QuadPoints"][:2]] == [round(places[0][1][0], 1), round(places[0][1][3], 1)]


def test_pdfium_draws_the_highlights(exported):
    """PDFium (the engine of Chrome's viewer) draws a highlight without an appearance stream
    of ours: the paper under the quad points is tinted."""
    page, a = next((p, a) for p, a in annotations(exported["out"]) if a["/Subtype"] == "/Highlight")
    x0, y1, x1, _, _, y0, _, _ = (float(v) for v in a["/QuadPoints"][:8])
    doc = pdfium.PdfDocument(str(exported["out"]))
    bitmap = doc[page].render(scale=1, draw_annots=True)
    buf, n, stride, height = bytes(bitmap.buffer), bitmap.n_channels, bitmap.stride, bitmap.height
    plain = bytes(doc[page].render(scale=1, draw_annots=False).buffer)
    pixels = [y * stride + x * n for y in range(int(height - y1) + 1, int(height - y0) - 1)
              for x in range(int(x0) + 1, int(x1) - 1)]
    changed = sum(1 for o in pixels if buf[o : o + 3] != plain[o : o + 3])
    assert changed > 0.5 * len(pixels), (changed, len(pixels))  # the paper under the quad is tinted
    doc.close()


def test_notes_in_english_name_rules_by_their_english_titles(exported, tmp_path):
    from editor_app.checks.messages import unquoted_cjk
    from editor_app.services import rule_texts

    out = tmp_path / "proof-review-en.pdf"
    res = proofs.export_pdf(exported["lib"], exported["issue_id"], out, author="Li Hua", lang="en")
    assert res.findings == exported["res"].findings
    by_id = {f.id: f for f in exported["findings"]}
    seen = 0
    for _page, a in annotations(out):
        nm = str(a.get("/NM", ""))
        if not nm.startswith("finding-"):
            continue
        f = by_id[int(nm.split("-")[1])]
        contents = str(a["/Contents"])
        title = rule_texts.rule_title(f.rule, "en")
        assert contents.startswith(f"{title}: {rule_texts.finding_message(f, 'en')}"), contents
        assert not unquoted_cjk(title)
        if f.suggestion:
            assert f"\nSuggestion: {f.suggestion}" in contents
        seen += 1
    assert seen >= len(by_id)


def test_the_cli_writes_english_notes_with_lang_en(exported, tmp_path, capsys):
    db = tmp_path / "lib.sqlite"
    assert cli.main(["import", str(exported["magazine"]), "--db", str(db)]) == 0
    out = tmp_path / "en.pdf"
    assert cli.main(["export", "--issue", "1", "--pdf", str(out), "--db", str(db), "--lang", "en"]) == 0
    assert "annotated proof written" in capsys.readouterr().out
    contents = [str(a["/Contents"]) for _p, a in annotations(out) if str(a.get("/NM", "")).startswith("finding-")]
    assert contents and all(": " in c.split("\n")[0] for c in contents)
    assert not any(c.startswith(("中文", "疑似")) for c in contents)
