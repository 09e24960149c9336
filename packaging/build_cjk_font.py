"""Build the bundled fallback CJK font (resources/fonts/NotoSansCJKsc-Regular-cjk.otf).

The source is Debian's ``fonts-noto-cjk`` package (Noto Sans CJK, SIL OFL 1.1):

    apt-get download fonts-noto-cjk && dpkg -x fonts-noto-cjk_*.deb deb
    python packaging/build_cjk_font.py deb/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc

It takes the Simplified Chinese face (SC) out of the collection and keeps every
glyph for the ranges below — the whole of CJK Unified Ideographs, Extension A,
the compatibility ideographs, CJK symbols and punctuation, full-width forms, and
whatever of Extensions B+ the face has — so the characters the 表外字 check flags
render as themselves on a machine with no CJK font. Needs ``fonttools`` (a build
tool only; the app never imports it).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "fonts" / "NotoSansCJKsc-Regular-cjk.otf"
FACE = "Noto Sans CJK SC"

# (first, last) code points kept when the face has a glyph for them
RANGES = [
    (0x0020, 0x007E), (0x00A0, 0x024F),  # Latin (the app's Latin normally comes from the system font)
    (0x02B0, 0x02FF), (0x0370, 0x03FF), (0x0400, 0x04FF),  # modifiers, Greek, Cyrillic (as in GB 18030)
    (0x2000, 0x206F), (0x2070, 0x209F), (0x20A0, 0x20CF),  # general punctuation, super/subscripts, currency
    (0x2100, 0x214F), (0x2150, 0x218F), (0x2190, 0x21FF),  # letterlike, number forms, arrows
    (0x2200, 0x22FF), (0x2300, 0x23FF), (0x2460, 0x24FF),  # maths, technical, enclosed alphanumerics
    (0x2500, 0x257F), (0x2580, 0x259F), (0x25A0, 0x25FF),  # box drawing, blocks, geometric shapes
    (0x2600, 0x26FF), (0x2700, 0x27BF),  # symbols, dingbats
    (0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0x2FF0, 0x2FFF),  # radicals, Kangxi radicals, IDCs
    (0x3000, 0x303F),  # CJK symbols and punctuation
    (0x3040, 0x30FF), (0x3100, 0x312F), (0x31A0, 0x31BF), (0x31C0, 0x31EF), (0x31F0, 0x31FF),
    (0x3200, 0x32FF), (0x3300, 0x33FF),  # enclosed CJK, CJK compatibility
    (0x3400, 0x4DBF),  # Extension A
    (0x4DC0, 0x4DFF),  # hexagrams
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0xFE10, 0xFE1F), (0xFE30, 0xFE4F), (0xFE50, 0xFE6F),  # vertical, compatibility and small forms
    (0xFF00, 0xFFEF),  # half-width and full-width forms
    (0x1F100, 0x1F1FF), (0x1F200, 0x1F2FF),  # enclosed alphanumeric / ideographic supplements
    (0x20000, 0x2FA1F),  # Extensions B–F and the compatibility supplement (what the face has)
]


def build(ttc: Path, out: Path) -> dict:
    from fontTools import subset
    from fontTools.ttLib import TTCollection

    coll = TTCollection(str(ttc))
    faces = [f for f in coll.fonts if f["name"].getDebugName(4) == FACE]
    if not faces:
        raise SystemExit(f"{ttc}: no face named {FACE!r}")
    font = faces[0]
    cmap = font.getBestCmap()
    wanted = sorted(cp for cp in cmap if any(a <= cp <= b for a, b in RANGES))
    opts = subset.Options()
    opts.layout_features = ["*"]  # vertical forms, locl, proportional punctuation
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.notdef_outline = True
    opts.glyph_names = False
    opts.hinting = True
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=wanted)
    sub.subset(font)
    out.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(out))
    return {"code_points": len(wanted), "glyphs": len(font.getGlyphOrder()), "bytes": out.stat().st_size}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("ttc", type=Path, help="NotoSansCJK-Regular.ttc from Debian's fonts-noto-cjk")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    if not args.ttc.is_file():
        print(f"{args.ttc}: no such file", file=sys.stderr)
        return 2
    print(build(args.ttc, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
