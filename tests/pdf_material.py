"""Test material: the demo issue typeset as a magazine PDF proof (our own layout).

``magazine_pdf(path)`` typesets ``resources/samples/demo-issue.txt`` with typst
(PyPI ``typst``, Apache-2.0) and the bundled Noto Sans CJK SC subset: a cover,
the editorial, the board and contents pages, news pages, every article on new
pages in two or three columns (alternating) under a full-width title block,
captions under grey picture boxes, a pull quote, the sponsored county pages and
a back-cover advertisement; running heads on every page but the cover, the
folio at the foot. ``repeat`` typesets the body that many times (a long proof
for the benchmark).

Layout differences from the text export that are genuine (listed where tests
compare): the advertisement page's text joins the last segment, and the pull
quote is not in the text at all (it repeats a body sentence).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from editor_app.ingest import parse_file
from editor_app.model import Issue, Segment

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "resources" / "samples" / "demo-issue.txt"
FONTS = ROOT / "resources" / "fonts"

AD_LINES = ["东越农村商业银行", "扎根乡土 服务三农", "乡村振兴贷 · 共富贷 · 丰收贷", "客服热线 96596"]
HEAD_KINDS = ("kicker", "title", "subtitle", "byline", "role")
PULL_QUOTE_ARTICLE = "让“千村示范”结出“共富”硕果"


def lit(s: str) -> str:
    """A typst string literal holding ``s``."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


PREAMBLE = r"""
#let section = state("section", "")
#set page(
  paper: "a4",
  margin: (x: 18mm, top: 24mm, bottom: 22mm),
  header: context {
    let n = here().page()
    if n > 1 {
      set text(size: 8pt)
      if calc.even(n) [#"东越视窗 · 2025年第3期" #h(1fr)] else [#h(1fr) #section.get()]
      v(-4pt)
      line(length: 100%, stroke: 0.4pt)
    }
  },
  footer: context {
    let n = here().page()
    if n > 1 { align(center, text(size: 9pt, str(n))) }
  },
)
#set text(font: "Noto Sans CJK SC", size: 10pt, lang: "zh", fallback: false, cjk-latin-spacing: none)
#set par(justify: true, leading: 0.62em, spacing: 0.9em, first-line-indent: 0em)
#let body(t) = par(first-line-indent: (amount: 2em, all: true), t)
#let plain(t) = par(t)
#let caption(t) = [#block(width: 100%, height: 32mm, fill: luma(215))#v(-4pt)#text(size: 8pt, t)]
#let pull(t) = block(width: 100%, inset: (y: 6pt), stroke: (y: 0.8pt), text(size: 14pt, t))
"""

SIZES = {"kicker": 12, "title": 20, "subtitle": 13, "byline": 10.5, "role": 9.5, "heading": 12}


def _para(kind: str, text: str) -> str:
    t = lit(text)
    if kind == "caption":
        return f"#caption({t})\n"
    if kind in SIZES:
        return f"#plain(text(size: {SIZES[kind]}pt, {t}))\n"
    if kind in ("lead", "insert", "endmark"):
        return f"#plain({t})\n"
    return f"#body({t})\n"


def _article(seg: Segment, columns: int) -> str:
    paras = seg.paragraphs
    first_body = next((i for i, p in enumerate(paras) if p.kind == "body"), len(paras))
    head = [p for i, p in enumerate(paras) if p.kind in HEAD_KINDS or (p.kind == "lead" and i < first_body)]
    rest = [p for p in paras if not any(p is h for h in head)]
    out = [f"#pagebreak(weak: true)\n#section.update({lit(seg.section or seg.title)})\n"]
    out += [_para(p.kind, p.text) for p in head]
    out.append("#v(6pt)\n")
    inner = []
    n_body = 0
    for p in rest:
        inner.append(_para(p.kind, p.text))
        if p.kind == "body":
            n_body += 1
            if seg.title == PULL_QUOTE_ARTICLE and n_body == 4:
                quote = next((q.text for q in rest if q.kind == "body" and "共富工坊" in q.text), None)
                if quote is None:
                    continue
                inner.append(f"#pull({lit(quote.split('，')[0].strip('“”'))})\n")
    out.append(f"#columns({columns}, gutter: 7mm)[\n{''.join(inner)}]\n")
    return "".join(out)


def _plain(seg: Segment, columns: int = 1, big_first: bool = False) -> str:
    out = []
    for k, p in enumerate(seg.paragraphs):
        if big_first and k == 0:
            out.append(f"#plain(text(size: 28pt, {lit(p.text)}))\n")
        elif seg.kind in ("news", "sponsored", "photo") and len(p.text) > 40:
            out.append(f"#body({lit(p.text)})\n")
        else:
            out.append(f"#plain({lit(p.text)})\n")
    text = "".join(out)
    return text if columns == 1 else f"#columns({columns}, gutter: 7mm)[\n{text}]\n"


def magazine_source(issue: Issue, repeat: int = 1) -> str:
    parts = [PREAMBLE]
    kinds = [s.kind for s in issue.segments]
    art = 0
    for _ in range(repeat):
        for seg in issue.segments:
            if seg.kind == "masthead":
                parts.append(_plain(seg, big_first=False))
            elif seg.kind == "cover":
                parts.append("#v(20pt)\n" + _plain(seg))
            elif seg.kind == "article":
                parts.append(_article(seg, 2 if art % 2 == 0 else 3))
                art += 1
            elif seg.kind in ("editorial_board", "toc"):
                parts.append("#pagebreak(weak: true)\n" + _plain(seg))
            elif seg.kind in ("news", "photo"):
                first = seg is next(s for s in issue.segments if s.kind in ("news", "photo"))
                parts.append(("#pagebreak(weak: true)\n" if first else "#v(8pt)\n") + _plain(seg, 2))
            else:  # sponsored and the rest: a page each
                parts.append(f"#pagebreak(weak: true)\n#section.update({lit(seg.title)})\n" + _plain(seg, 2))
    assert "article" in kinds
    parts.append("#pagebreak(weak: true)\n#section.update(\"广告\")\n#v(40mm)\n")
    for k, line in enumerate(AD_LINES):
        size = 30 if k == 0 else 16
        parts.append(f"#align(center, text(size: {size}pt, {lit(line)}))\n#v(10mm)\n")
    return "".join(parts)


def typeset(source: str) -> bytes:
    import typst

    return typst.compile(
        source.encode("utf-8"), font_paths=[str(FONTS)], ignore_system_fonts=True, pdf_tags=False
    )


def magazine_pdf(path: Path, repeat: int = 1, text: Path = DEMO) -> Path:
    """Write the magazine proof of ``text`` (default: the demo issue) to ``path``
    (kept if its typst source did not change)."""
    src = magazine_source(parse_file(text), repeat=repeat)
    tag = hashlib.sha256(("untagged-v1" + src).encode("utf-8")).hexdigest()[:16]
    stamp = path.with_suffix(".src-sha")
    if path.exists() and stamp.exists() and stamp.read_text() == tag:
        return path
    path.write_bytes(typeset(src))
    stamp.write_text(tag)
    return path


if __name__ == "__main__":  # python -m tests.pdf_material OUT.pdf [REPEAT]
    import sys

    out = magazine_pdf(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1)
    print(out)
