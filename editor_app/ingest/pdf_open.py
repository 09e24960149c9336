"""Opening a PDF proof safely: the checks made before and while PDFium opens it.

Limits (each refusal is one :class:`PdfError` line): a file over ``MAX_BYTES``; no
``%PDF-`` header in the first KB; ``[``/``<<`` nesting deeper than ``MAX_NESTING``
in the file's uncompressed syntax (streams skipped); Flate streams other than images
inflating beyond ``MAX_INFLATED`` together (counted without keeping the output,
before PDFium reads them); a file PDFium cannot open (malformed); an encrypted file
(even one that opens without a password); no pages; more than ``MAX_PAGES`` pages.
The limits on characters, time and text layer are applied while reading pages
(:mod:`editor_app.ingest.pdf`).
"""

from __future__ import annotations

import re

MAX_BYTES = 200 * 1024 * 1024
MAX_PAGES = 2000
MAX_CHARS = 5_000_000
MAX_NESTING = 256
MAX_SECONDS = 60.0
MAX_INFLATED = 512 * 1024 * 1024  # all Flate streams together, once inflated
MIN_TEXT_CHARS_PER_PAGE = 10  # below this on average: a scan


class PdfError(ValueError):
    """The file cannot be imported as a PDF proof; ``str(err)`` is user-facing."""


def _nesting_depth(data: bytes) -> int:
    """Deepest [ / << nesting in the file's uncompressed syntax (streams skipped)."""
    depth = best = 0
    i, n = 0, len(data)
    find = data.find
    while i < n:
        j = find(b"stream", i)
        chunk = data[i:] if j < 0 else data[i:j]
        for m in re.finditer(rb"<<|>>|\[|\]", chunk):
            tok = m.group()
            if tok in (b"<<", b"["):
                depth += 1
                if depth > best:
                    best = depth
                    if best > MAX_NESTING:
                        return best
            else:
                depth = max(0, depth - 1)
        if j < 0:
            break
        k = find(b"endstream", j + 6)
        if k < 0:
            break
        i = k + 9
    return best


_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")


def _inflated_size(data: bytes, limit: int) -> int:
    """Total size of the file's Flate streams (content, fonts, object streams; not
    images, which reading text does not decode) once inflated, counted without keeping
    it; stops counting past ``limit`` (a compression bomb)."""
    import zlib

    total = 0
    for m in _STREAM.finditer(data):
        head = data[max(0, m.start() - 1000) : m.start()]
        head = head[head.rfind(b"obj") + 3 :]  # this stream's dictionary
        if b"FlateDecode" not in head or re.search(rb"/Subtype\s*/Image", head):
            continue  # images are not decoded to read text
        end = data.find(b"endstream", m.end())
        if end < 0:
            end = len(data)
        d = zlib.decompressobj()
        buf = data[m.end() : end]
        try:
            while buf and total <= limit:
                out = d.decompress(buf, 1 << 20)
                total += len(out)
                buf = d.unconsumed_tail
                if not out:
                    break
        except zlib.error:
            continue  # PDFium will judge a broken stream
        if total > limit:
            break
    return total


def _open(data: bytes, name: str):
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    if len(data) > MAX_BYTES:
        raise PdfError(f"{name}: PDF 文件过大，超过 200 MB (the PDF is larger than 200 MB)")
    if b"%PDF-" not in data[:1024]:
        raise PdfError(f"{name}: 不是 PDF 文件 (not a PDF file)")
    if _nesting_depth(data) > MAX_NESTING:
        raise PdfError(f"{name}: PDF 对象嵌套过深，拒绝导入 (PDF objects nested deeper than {MAX_NESTING}; refused)")
    if _inflated_size(data, MAX_INFLATED) > MAX_INFLATED:
        raise PdfError(f"{name}: PDF 解压后过大（超过 {MAX_INFLATED >> 20} MB），拒绝导入 (compressed streams inflate beyond {MAX_INFLATED >> 20} MB; refused)")
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise PdfError(f"{name}: PDF 已加密，请提供未加密的校样 (the PDF is encrypted; give an unencrypted proof)") from None
        raise PdfError(f"{name}: PDF 文件已损坏，无法读取 (malformed PDF: {exc})") from None
    if raw.FPDF_GetSecurityHandlerRevision(doc) != -1:
        doc.close()
        raise PdfError(f"{name}: PDF 已加密，请提供未加密的校样 (the PDF is encrypted; give an unencrypted proof)")
    n = len(doc)
    if n == 0:
        doc.close()
        raise PdfError(f"{name}: PDF 没有页面 (the PDF has no pages)")
    if n > MAX_PAGES:
        doc.close()
        raise PdfError(f"{name}: PDF 页数过多（{n} 页，上限 {MAX_PAGES}） (too many pages: {n} > {MAX_PAGES})")
    return doc
