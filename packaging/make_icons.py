"""Render the application icon from one SVG into the sizes each platform wants.

    python packaging/make_icons.py OUT_DIR

writes OUT_DIR/hicolor/<n>x<n>/apps/editor-app.png (Linux icon theme),
OUT_DIR/hicolor/scalable/apps/editor-app.svg, OUT_DIR/editor-app.png (256 px),
OUT_DIR/editor-app.ico (Windows, PNG-compressed entries) and
OUT_DIR/editor-app.icns (macOS, PNG-compressed entries).

The source is ``resources/icons/editor-app.svg`` when the app ships one, else
``packaging/icons/editor-app.svg``. Rendering uses Qt's SVG renderer from the
build venv (PySide6), so no image tool is needed on the build machine.
"""

from __future__ import annotations

import os
import shutil
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
NAME = "editor-app"
HICOLOR_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS types holding PNG data: (type, pixel size)
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
)


def source_svg() -> Path:
    for cand in (ROOT / "resources" / "icons" / f"{NAME}.svg", HERE / "icons" / f"{NAME}.svg"):
        if cand.is_file():
            return cand
    raise FileNotFoundError(f"no {NAME}.svg in resources/icons/ or packaging/icons/")


def render_pngs(svg: Path, sizes: set[int]) -> dict[int, bytes]:
    """PNG bytes of the SVG rendered square at each size (transparent background)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - fonts/painting need it
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg}: not a valid SVG")
    out: dict[int, bytes] = {}
    for n in sorted(sizes):
        img = QImage(n, n, QImage.Format.Format_ARGB32_Premultiplied)
        img.fill(Qt.GlobalColor.transparent)
        painter = QPainter(img)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        data = QByteArray()
        buf = QBuffer(data)
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        if not img.save(buf, "PNG"):
            raise RuntimeError(f"cannot encode the {n}px icon as PNG")
        buf.close()
        out[n] = bytes(data)
    return out


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico whose entries are PNG streams (valid since Windows Vista)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, blobs = b"", b""
    for n in sizes:
        data = pngs[n]
        dim = 0 if n >= 256 else n  # 0 means 256 in the directory entry
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
        blobs += data
    return header + entries + blobs


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    body = b""
    for typ, n in ICNS_TYPES:
        data = pngs[n]
        body += typ + struct.pack(">I", 8 + len(data)) + data
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def build(out_dir: Path) -> dict[str, Path]:
    svg = source_svg()
    sizes = set(HICOLOR_SIZES) | set(ICO_SIZES) | {n for _, n in ICNS_TYPES}
    pngs = render_pngs(svg, sizes)
    out_dir.mkdir(parents=True, exist_ok=True)
    for n in HICOLOR_SIZES:
        d = out_dir / "hicolor" / f"{n}x{n}" / "apps"
        d.mkdir(parents=True, exist_ok=True)
        (d / f"{NAME}.png").write_bytes(pngs[n])
    scalable = out_dir / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(svg, scalable / f"{NAME}.svg")
    (out_dir / f"{NAME}.png").write_bytes(pngs[256])
    (out_dir / f"{NAME}.ico").write_bytes(ico_bytes({n: pngs[n] for n in ICO_SIZES}))
    (out_dir / f"{NAME}.icns").write_bytes(icns_bytes(pngs))
    return {
        "svg": svg,
        "png": out_dir / f"{NAME}.png",
        "ico": out_dir / f"{NAME}.ico",
        "icns": out_dir / f"{NAME}.icns",
        "hicolor": out_dir / "hicolor",
    }


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: make_icons.py OUT_DIR", file=sys.stderr)
        return 2
    made = build(Path(argv[0]))
    for key, path in made.items():
        print(f"{key}: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
