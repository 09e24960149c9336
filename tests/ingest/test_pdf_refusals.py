"""PDFs that are not text proofs are refused: one line on stderr, exit 2, nothing written.

A scan (image only), fonts without Unicode maps, encrypted files (with and
without a user password),
malformed files, and bombs: deep nesting, a huge page count, a compression
bomb. Limits: editor_app/ingest/pdf.py (MAX_* constants; README).
"""

from __future__ import annotations

import io
import zlib

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader, PdfWriter

from editor_app import cli
from editor_app.ingest import pdf_open as pdf_ingest
from tests.pdf_material import magazine_pdf


def pdf_from_objects(objs: list[bytes], root: int = 1) -> bytes:
    """A minimal PDF with a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    for o in offsets:
        out.write(f"{o:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objs) + 1} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"


@pytest.fixture(scope="module")
def magazine(tmp_path_factory):
    return magazine_pdf(tmp_path_factory.getbasetemp() / "magazine.pdf")


def scanned(magazine) -> bytes:
    """Two pages that are only pictures of typeset pages (what a scanner gives)."""
    doc = pdfium.PdfDocument(str(magazine))
    objs = [CATALOG, b"<< /Type /Pages /Kids [3 0 R 6 0 R] /Count 2 >>"]
    for i in range(2):
        bitmap = doc[i].render(scale=0.5, rev_byteorder=True)  # RGB(A) bytes, top row first
        w, h, stride = bitmap.width, bitmap.height, bitmap.stride
        buf = bytes(bitmap.buffer)
        n = bitmap.n_channels
        rgb = b"".join(
            b"".join(buf[y * stride + x * n : y * stride + x * n + 3] for x in range(w)) for y in range(h)
        )
        data = zlib.compress(rgb)
        first = len(objs) + 1  # page, its content, its image
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w} {h}] /Contents {first + 1} 0 R "
                    f"/Resources << /XObject << /Im0 {first + 2} 0 R >> >> >>".encode())
        content = f"q {w} 0 0 {h} 0 0 cm /Im0 Do Q".encode()
        objs.append(f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream")
        objs.append(f"<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceRGB "
                    f"/BitsPerComponent 8 /Filter /FlateDecode /Length {len(data)} >>\nstream\n".encode()
                    + data + b"\nendstream")
    doc.close()
    return pdf_from_objects(objs)


def encrypted(magazine, user_password: str) -> bytes:
    w = PdfWriter(clone_from=PdfReader(str(magazine)))
    w.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="RC4-128")
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def without_unicode(magazine) -> bytes:
    """The proof with its fonts' ToUnicode maps removed: glyphs that map to no text."""
    w = PdfWriter(clone_from=PdfReader(str(magazine)))
    for page in w.pages:
        for ref in page["/Resources"].get("/Font", {}).values():
            font = ref.get_object()
            if "/ToUnicode" in font:
                del font["/ToUnicode"]
    buf = io.BytesIO()
    w.write(buf)
    return buf.getvalue()


def nesting_bomb(depth: int = 100_000) -> bytes:
    deep = b"[" * depth + b"]" * depth
    return pdf_from_objects([b"<< /Type /Catalog /Pages 2 0 R /X " + deep + b" >>",
                             b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", PAGE])


def page_count_bomb(n: int = pdf_ingest.MAX_PAGES + 500) -> bytes:
    kids = " ".join(f"{i} 0 R" for i in range(3, 3 + n))
    return pdf_from_objects([CATALOG, f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode()] + [PAGE] * n)


SMALL_INFLATE_LIMIT = 8 << 20  # the test lowers MAX_INFLATED to keep its own memory small


def inflate_bomb() -> bytes:
    raw = zlib.compress(b" " * (SMALL_INFLATE_LIMIT + (1 << 20)), 9)
    stream = f"<< /Length {len(raw)} /Filter /FlateDecode >>\nstream\n".encode() + raw + b"\nendstream"
    return pdf_from_objects([CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                             b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>", stream])


CASES = {
    "scan": (scanned, "扫描"),
    "encrypted-open": (lambda m: encrypted(m, ""), "加密"),
    "encrypted-password": (lambda m: encrypted(m, "secret"), "加密"),
    "no-unicode": (without_unicode, "缺少文字编码"),
    "garbage": (lambda m: b"%PDF-1.7\n" + b"\x00\x13garbage" * 200, "损坏"),
    "truncated": (lambda m: m.read_bytes()[:1500], "损坏"),
    "not-a-pdf": (lambda m: b"hello, this is not a PDF", "不是 PDF"),
    "nesting": (lambda m: nesting_bomb(), "嵌套"),
    "pages": (lambda m: page_count_bomb(), "页数过多"),
    "inflate": (lambda m: inflate_bomb(), "解压后过大"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_refused_with_one_line_and_nothing_written(case, magazine, tmp_path, capsys, monkeypatch):
    make, words = CASES[case]
    monkeypatch.setattr(pdf_ingest, "MAX_INFLATED", SMALL_INFLATE_LIMIT)
    src = tmp_path / f"{case}.pdf"
    src.write_bytes(make(magazine))
    db = tmp_path / "lib.sqlite"
    for argv in (["import", str(src), "--db", str(db)], ["parse", str(src)]):
        assert cli.main(argv) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err, err
        assert words in err, err
    assert not db.exists(), "the library was written although the PDF was refused"


def test_the_nesting_check_skips_streams():
    # brackets inside a stream (content, fonts) are data, not structure
    body = b"[" * 10_000
    stream = f"<< /Length {len(body)} >>\nstream\n".encode() + body + b"\nendstream"
    data = pdf_from_objects([CATALOG, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>", PAGE, stream])
    assert pdf_ingest._nesting_depth(data) <= 3
    assert pdf_ingest._nesting_depth(nesting_bomb(1000)) > pdf_ingest.MAX_NESTING
