"""Build ``dist/editor-app_<version>_amd64.deb`` from the PyInstaller folder.

    python packaging/linux/build_deb.py [--bundle dist/editor-app] [--out dist]
                                         [--icons build/pyinstaller/icons]

Layout of the package::

    /opt/editor-app/                      the one-folder app (both executables)
    /usr/bin/editor-app                   -> ../../opt/editor-app/editor-app (console)
    /usr/share/applications/editor-app.desktop   (Exec: /opt/editor-app/editor-app-gui)
    /usr/share/icons/hicolor/<n>x<n>/apps/editor-app.png, scalable/apps/editor-app.svg
    /usr/share/doc/editor-app/copyright
    DEBIAN/control, postinst, postrm, md5sums

The version is the package metadata's (pyproject.toml ``version``), and must
match the bundle's build-info.json (a stale bundle is refused). Depends: the
system libraries the Qt platform plugins need and PyInstaller never bundles
(OpenGL/EGL, libxcb, wayland client, fontconfig, D-Bus, xkbcommon), plus any
system library the bundled binaries link against that is not in the bundle,
found with ldd and mapped to its package with ``dpkg -S``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGING = HERE.parent
ROOT = PACKAGING.parent
PACKAGE = "editor-app"
INSTALL_DIR = "/opt/editor-app"
ARCH = "amd64"
MAINTAINER = os.environ.get("DEB_MAINTAINER", "Editorial review desk team <editor-app@jrzj.invalid>")

# Libraries Qt's xcb/wayland platform plugins need from the system. PyInstaller
# never bundles the graphics stack (libGL, libEGL, libxcb, libwayland-*), and
# the rest are listed so the package installs cleanly even when the build
# machine did not have them to bundle.
BASE_DEPENDS = (
    "libgl1",
    "libegl1",
    "libxcb1",
    "libx11-xcb1",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-xfixes0",
    "libxcb-xkb1",
    "libwayland-client0",
    "libwayland-cursor0",
    "libwayland-egl1",
    "libfontconfig1",
    "libfreetype6",
    "libdbus-1-3",
    "libglib2.0-0",
)
RECOMMENDS = ("fonts-noto-cjk | fonts-wqy-microhei", "hicolor-icon-theme")
DESCRIPTION = """\
Editorial review desk for a Chinese magazine / 编辑审校台
 Imports a magazine issue (raw layout text or DOCX manuscripts) into a local
 library without losing a character, proofreads the whole issue (number
 consistency, simplified/traditional script, punctuation, wording, table of
 contents against the articles), keeps every save as a restorable revision and
 exports Word documents with the findings as comments and the edits as tracked
 changes.
 .
 编辑审校台把排版系统导出的整期文本拆成结构化的一期杂志存入本地资料库，一字不丢；
 按整期校对数字前后矛盾、繁简字、标点、用词、目录与正文不符；每次保存都是可恢复
 的修订；结果可导出为带批注和修订痕迹的 Word 文档。
 .
 Run "editor-app --self-test" after installing to check the installation."""


class BuildError(Exception):
    pass


def package_version() -> str:
    return metadata.version(PACKAGE)


def deb_version(version: str) -> str:
    """A Debian version from a PEP 440 one (0.1.0 stays; 0.2.0rc1 -> 0.2.0~rc1)."""
    v = re.sub(r"(\d)(a|b|rc)(\d+)", r"\1~\2\3", version)
    v = v.replace(".dev", "~dev").replace("+", "+local.")
    if not re.fullmatch(r"[0-9][A-Za-z0-9.+~-]*", v):
        raise BuildError(f"cannot turn version {version!r} into a Debian version")
    return v


def deb_filename(version: str) -> str:
    return f"{PACKAGE}_{deb_version(version)}_{ARCH}.deb"


def control_text(version: str, installed_kb: int, depends: list[str]) -> str:
    fields = [
        ("Package", PACKAGE),
        ("Version", deb_version(version)),
        ("Section", "text"),
        ("Priority", "optional"),
        ("Architecture", ARCH),
        ("Maintainer", MAINTAINER),
        ("Installed-Size", str(installed_kb)),
        ("Depends", ", ".join(depends)),
        ("Recommends", ", ".join(RECOMMENDS)),
    ]
    lines = [f"{k}: {v}" for k, v in fields]
    lines.append(f"Description: {DESCRIPTION}")
    return "\n".join(lines) + "\n"


def copyright_text() -> str:
    return """\
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: editor-app

Files: *
Copyright: the editor-app authors
License: Proprietary

Files: opt/editor-app/_internal/resources/fonts/*
Copyright: Adobe (Noto Sans CJK / Source Han Sans)
License: OFL-1.1
 See opt/editor-app/_internal/resources/fonts/OFL.txt.

Files: opt/editor-app/_internal/PySide6/*
Copyright: The Qt Company Ltd.
License: LGPL-3.0
 Qt and PySide6 are used under the GNU Lesser General Public License v3,
 see /usr/share/common-licenses/LGPL-3.

Files: opt/editor-app/_internal/opencc/*
Copyright: Carbo Kuo and contributors
License: Apache-2.0
 See /usr/share/common-licenses/Apache-2.0.
"""


# -- dependencies ---------------------------------------------------------------------


def is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(4) == b"\x7fELF"
    except OSError:
        return False


def system_libraries(bundle: Path) -> tuple[dict[str, str], list[str]]:
    """Shared libraries the bundle's ELF files load from outside the bundle.

    Returns ({soname: resolved system path}, [sonames not found on this machine]).
    The bundle's folders go first on the library path, as at run time (rpaths).
    """
    elves = [p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink() and is_elf(p)]
    lib_dirs = sorted({str(p.parent) for p in elves})
    env = dict(os.environ, LD_LIBRARY_PATH=":".join(lib_dirs))
    bundled = {p.name for p in bundle.rglob("*")}
    found: dict[str, str] = {}
    missing: set[str] = set()
    line_re = re.compile(r"^\s*(\S+)\s+=>\s+(not found|\S+)")
    for elf in elves:
        proc = subprocess.run(["ldd", str(elf)], capture_output=True, text=True, env=env, check=False)
        for line in proc.stdout.splitlines():
            m = line_re.match(line)
            if not m:
                continue
            soname, where = m.groups()
            if where == "not found":
                if soname not in bundled:
                    missing.add(soname)
                continue
            if not Path(where).resolve().is_relative_to(bundle.resolve()):
                found[soname] = where
    return found, sorted(missing - set(found))


def owning_packages(paths_: dict[str, str]) -> tuple[set[str], list[str]]:
    """Debian packages owning the given library paths (``dpkg -S``); unowned sonames listed."""
    owners: set[str] = set()
    unowned: list[str] = []
    for soname, path in sorted(paths_.items()):
        owner = None
        for cand in (path, os.path.realpath(path)):
            proc = subprocess.run(["dpkg", "-S", cand], capture_output=True, text=True, check=False)
            if proc.returncode == 0 and proc.stdout.strip():
                owner = proc.stdout.split(":", 1)[0].strip()
                break
        if owner:
            owners.add(owner.split(",")[0].strip())
        else:
            unowned.append(soname)
    return owners, unowned


_GLIBC_RE = re.compile(rb"GLIBC_(\d+)\.(\d+)(?:\.(\d+))?\x00")


def glibc_required(bundle: Path) -> tuple[int, ...]:
    """The newest GLIBC_x.y symbol version any bundled ELF file asks for."""
    best: tuple[int, ...] = (2, 17)
    for p in bundle.rglob("*"):
        if p.is_file() and not p.is_symlink() and is_elf(p):
            for m in _GLIBC_RE.finditer(p.read_bytes()):
                best = max(best, tuple(int(g) for g in m.groups() if g is not None))
    return best


def depends_for(bundle: Path) -> tuple[list[str], dict]:
    """Depends: libc6 (>= newest GLIBC symbol version), BASE_DEPENDS, and the packages
    of the system libraries the bundle links against."""
    libs, missing = system_libraries(bundle)
    glibc = ".".join(str(n) for n in glibc_required(bundle))
    report = {"system_libraries": sorted(libs), "not_found_on_build_machine": missing, "glibc": glibc}
    names = {"libc6"} | {re.split(r"[\s(]", d, maxsplit=1)[0] for d in BASE_DEPENDS}
    extra: list[str] = []
    if shutil.which("dpkg"):
        owners, unowned = owning_packages(libs)
        report["unowned"] = unowned
        extra = sorted(o for o in owners if o not in names and o.split(":")[0] not in names)
    report["extra_depends"] = extra
    return [f"libc6 (>= {glibc})", *BASE_DEPENDS, *extra], report


# -- staging --------------------------------------------------------------------------


def _copy_tree(src: Path, dst: Path) -> None:
    shutil.copytree(src, dst, symlinks=True)
    for p in [dst, *dst.rglob("*")]:
        if p.is_symlink():
            continue
        mode = p.stat().st_mode
        if p.is_dir() or mode & 0o111:
            p.chmod(0o755)
        else:
            p.chmod(0o644)


def _du_kb(root: Path) -> int:
    total = 0
    for p in root.rglob("*"):
        if p.is_file() and not p.is_symlink():
            total += (p.stat().st_size + 1023) // 1024
    return total


def _md5sums(stage: Path) -> str:
    lines = []
    for p in sorted(stage.rglob("*")):
        rel = p.relative_to(stage)
        if rel.parts[0] == "DEBIAN" or p.is_symlink() or not p.is_file():
            continue
        digest = hashlib.md5(p.read_bytes()).hexdigest()  # noqa: S324 - dpkg's md5sums format
        lines.append(f"{digest}  {rel.as_posix()}")
    return "\n".join(lines) + "\n"


def stage_package(bundle: Path, icons: Path, stage: Path, version: str, depends: list[str]) -> Path:
    if stage.exists():
        shutil.rmtree(stage)
    opt = stage / INSTALL_DIR.lstrip("/")
    opt.parent.mkdir(parents=True)
    _copy_tree(bundle, opt)
    usr_bin = stage / "usr" / "bin"
    usr_bin.mkdir(parents=True)
    (usr_bin / PACKAGE).symlink_to(f"../..{INSTALL_DIR}/{PACKAGE}")
    apps = stage / "usr" / "share" / "applications"
    apps.mkdir(parents=True)
    shutil.copyfile(HERE / "editor-app.desktop", apps / "editor-app.desktop")
    theme = stage / "usr" / "share" / "icons" / "hicolor"
    shutil.copytree(icons / "hicolor", theme)
    doc = stage / "usr" / "share" / "doc" / PACKAGE
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(copyright_text(), encoding="utf-8")
    for p in [*(stage / "usr").rglob("*")]:
        if not p.is_symlink():
            p.chmod(0o755 if p.is_dir() else 0o644)
    debian = stage / "DEBIAN"
    debian.mkdir()
    installed_kb = _du_kb(stage)
    (debian / "control").write_text(control_text(version, installed_kb, depends), encoding="utf-8")
    for script in ("postinst", "postrm"):
        shutil.copyfile(HERE / script, debian / script)
        (debian / script).chmod(0o755)
    (debian / "md5sums").write_text(_md5sums(stage), encoding="utf-8")
    for p in [stage, *stage.rglob("*")]:
        if p.is_dir() and not p.is_symlink():
            p.chmod(0o755)
    return stage


def build(bundle: Path, out_dir: Path, icons: Path, work: Path) -> tuple[Path, dict]:
    if not (bundle / PACKAGE).is_file() or not (bundle / f"{PACKAGE}-gui").is_file():
        raise BuildError(f"{bundle}: no PyInstaller bundle here (run `make package` first)")
    info_path = bundle / "_internal" / "build-info.json"
    if not info_path.is_file():
        raise BuildError(f"{info_path} missing: the bundle was not built by packaging/editor-app.spec")
    info = json.loads(info_path.read_text(encoding="utf-8"))
    version = package_version()
    if info.get("version") != version:
        raise BuildError(
            f"the bundle is version {info.get('version')}, the package metadata says {version}: "
            "rebuild it with `make package`"
        )
    if not (icons / "hicolor").is_dir():
        sys.path.insert(0, str(PACKAGING))
        import make_icons

        make_icons.build(icons)
    depends, report = depends_for(bundle)
    if report["not_found_on_build_machine"]:
        print(
            "build_deb: bundled binaries need libraries not installed here (the system must provide them): "
            + ", ".join(report["not_found_on_build_machine"]),
            file=sys.stderr,
        )
    stage = stage_package(bundle, icons, work / "deb-root", version, depends)
    out_dir.mkdir(parents=True, exist_ok=True)
    deb = out_dir / deb_filename(version)
    subprocess.run(
        ["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(stage), str(deb)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    report.update(deb=str(deb), version=version, depends=depends)
    return deb, report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bundle", default=str(ROOT / "dist" / PACKAGE))
    ap.add_argument("--out", default=str(ROOT / "dist"))
    ap.add_argument("--icons", default=str(ROOT / "build" / "pyinstaller" / "icons"))
    ap.add_argument("--work", default=str(ROOT / "build" / "deb"))
    ap.add_argument("--print-control", action="store_true", help="print DEBIAN/control for this version and exit")
    ap.add_argument("--print-filename", action="store_true", help="print the .deb file name for this version and exit")
    args = ap.parse_args(argv)
    if args.print_filename:
        print(deb_filename(package_version()))
        return 0
    if args.print_control:
        sys.stdout.write(control_text(package_version(), 0, ["libc6", *BASE_DEPENDS]))
        return 0
    try:
        deb, report = build(Path(args.bundle), Path(args.out), Path(args.icons), Path(args.work))
    except (BuildError, subprocess.CalledProcessError) as exc:
        print(f"build_deb: {exc}", file=sys.stderr)
        return 1
    print(f"built {deb} ({deb.stat().st_size / 1e6:.1f} MB)")
    print(f"Depends: {', '.join(report['depends'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
