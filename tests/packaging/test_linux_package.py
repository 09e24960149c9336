"""The Debian package's parts, without building: control file, desktop entry, scripts, icons."""

from __future__ import annotations

import configparser
import os
import shutil
import struct
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / "editor-app.desktop"


@pytest.fixture(scope="module")
def deb(packaging_dir):
    import build_deb

    return build_deb


def parse_control(text: str) -> dict[str, str]:
    """deb822 paragraph: continuation lines start with a space."""
    fields: dict[str, str] = {}
    key = None
    for line in text.splitlines():
        if line.startswith(" "):
            assert key, "continuation line before any field"
            fields[key] += "\n" + line
            continue
        key, sep, value = line.partition(":")
        assert sep and key and " " not in key, f"bad control line {line!r}"
        fields[key] = value.strip()
    return fields


def test_control_has_the_package_metadata_version(deb):
    version = metadata.version("editor-app")
    fields = parse_control(deb.control_text(version, 123456, ["libc6 (>= 2.36)", *deb.BASE_DEPENDS]))
    assert fields["Package"] == "editor-app"
    assert fields["Version"] == deb.deb_version(version)
    assert fields["Architecture"] == "amd64"
    assert fields["Installed-Size"] == "123456"
    assert "<" in fields["Maintainer"] and fields["Maintainer"].endswith(">")
    depends = [d.strip() for d in fields["Depends"].split(",")]
    for lib in ("libxkbcommon-x11-0", "libxcb-cursor0", "libegl1", "libgl1", "libfontconfig1", "libdbus-1-3"):
        assert lib in depends
    assert depends[0].startswith("libc6 (>= ")
    desc = fields["Description"]
    assert desc.startswith("Editorial review desk")
    assert "编辑审校台" in desc and "\n .\n" in desc
    assert deb.deb_filename(version) == f"editor-app_{deb.deb_version(version)}_amd64.deb"


def test_print_control_uses_the_installed_version():
    proc = subprocess.run(
        [sys.executable, str(LINUX / "build_deb.py"), "--print-control"],
        capture_output=True, text=True, check=True,
    )
    assert f"Version: {metadata.version('editor-app')}" in proc.stdout.splitlines()


@pytest.mark.parametrize(
    ("pep440", "debian"),
    [("0.1.0", "0.1.0"), ("1.2.0rc1", "1.2.0~rc1"), ("2.0.0b3", "2.0.0~b3"), ("1.0.0.dev4", "1.0.0~dev4")],
)
def test_deb_version(deb, pep440, debian):
    assert deb.deb_version(pep440) == debian


def test_maintainer_scripts_are_executable_posix_sh():
    for name in ("postinst", "postrm"):
        path = LINUX / name
        assert path.stat().st_mode & 0o111, f"{name} is not executable"
        assert path.read_text(encoding="utf-8").startswith("#!/bin/sh\n")
        subprocess.run(["sh", "-n", str(path)], check=True)
        text = path.read_text(encoding="utf-8")
        assert "gtk-update-icon-cache" in text and "update-desktop-database" in text


def _desktop_entry() -> dict[str, str]:
    cp = configparser.ConfigParser(interpolation=None, delimiters=("=",), strict=True)
    cp.optionxform = str  # keys are case-sensitive: Name[en]
    cp.read(DESKTOP, encoding="utf-8")
    assert cp.sections() == ["Desktop Entry"]
    return dict(cp["Desktop Entry"])


def test_desktop_entry_fields(deb, packaging_dir):
    import make_icons

    e = _desktop_entry()
    assert e["Type"] == "Application"
    assert e["Name"] == "编辑审校台"
    assert e["Name[en]"] == "Editorial review desk"
    assert e["Categories"] == "Office;"
    assert e["Exec"] == f"{deb.INSTALL_DIR}/editor-app-gui"
    assert e["Icon"] == make_icons.NAME
    assert e["Terminal"] == "false"


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils not installed")
def test_desktop_file_validate():
    proc = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert proc.returncode == 0 and not proc.stdout.strip(), proc.stdout + proc.stderr


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_icons_render_at_every_size(packaging_dir, tmp_path):
    import make_icons

    # in a subprocess: rendering creates a QGuiApplication, which must not leak into
    # the widget tests that run later in this process
    subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "make_icons.py"), str(tmp_path)],
        check=True, capture_output=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    made = {k: tmp_path / f"editor-app.{k}" for k in ("ico", "icns")}
    for n in make_icons.HICOLOR_SIZES:
        png = tmp_path / "hicolor" / f"{n}x{n}" / "apps" / "editor-app.png"
        assert _png_size(png.read_bytes()) == (n, n)
    assert (tmp_path / "hicolor" / "scalable" / "apps" / "editor-app.svg").is_file()
    ico = made["ico"].read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, len(make_icons.ICO_SIZES))
    icns = made["icns"].read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    # not a blank square: the 64 px render has both the red frame and the white page
    from PySide6.QtGui import QImage

    img = QImage(str(tmp_path / "hicolor" / "64x64" / "apps" / "editor-app.png"))
    colors = {img.pixel(x, y) for x in range(0, 64, 4) for y in range(0, 64, 4)}
    assert len(colors) >= 4


def test_ci_steps_and_make_targets_parse():
    subprocess.run(["bash", "-n", str(ROOT / "packaging" / "ci-steps.sh")], check=True)
    assert (ROOT / "packaging" / "ci-steps.sh").stat().st_mode & 0o111
    if shutil.which("make"):
        for target in ("package", "deb"):
            proc = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True)
            assert proc.returncode == 0, proc.stderr
            assert "packaging/editor-app.spec" in proc.stdout
