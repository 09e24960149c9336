"""Package benchmarks (issue: installers for the newsroom).

Measured on a built bundle (``make package`` / ``make deb``, or an unpacked .deb):

- bundle size unpacked: bytes of the files under the one-folder app (target <= 250 MB);
- .deb size;
- start-up to a visible window: the frozen windowed executable is started with
  ``EDITOR_APP_STARTUP_PROBE=1``; it quits right after the main window's first
  paint and prints ``startup-probe first-paint-ms=<ms>`` (time since its entry
  script started). The figure reported is the wall time from spawning the
  process to that line (includes the bootloader, Python start-up, imports,
  opening the library and the first paint; target <= 2 s). The first start on
  a fresh library also imports the demo issue and is reported separately; the
  target applies to the median of the warm starts;
- self-test time: wall time of ``editor-app --self-test`` (must exit 0).

Without a display the runs use Qt's offscreen platform (reported). Run:
``.venv/bin/python bench/bench_package.py [--bundle dist/editor-app] [--deb dist/x.deb]``.
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZE_TARGET_MB = 250
STARTUP_TARGET_S = 2.0
PROBE_RE = re.compile(r"startup-probe first-paint-ms=(\d+(?:\.\d+)?)")


def tree_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def largest(root: Path, n: int = 8) -> dict[str, float]:
    """The biggest top-level parts of the bundle's _internal folder, in MB."""
    base = root / "_internal" if (root / "_internal").is_dir() else root
    sizes = []
    for child in base.iterdir():
        size = tree_bytes(child) if child.is_dir() else (0 if child.is_symlink() else child.stat().st_size)
        sizes.append((child.name, round(size / 1e6, 1)))
    return dict(sorted(sizes, key=lambda x: -x[1])[:n])


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EDITOR_APP_")}
    env["EDITOR_APP_DATA"] = str(data_dir)
    env["HOME"] = str(data_dir)
    env.setdefault("LANG", "C.UTF-8")
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")) and sys.platform.startswith("linux"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def start_once(gui_exe: Path, data_dir: Path, timeout: float = 60) -> dict:
    """Wall time from spawn to the probe line, and the in-process first-paint time."""
    env = _env(data_dir)
    env["EDITOR_APP_STARTUP_PROBE"] = "1"
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [str(gui_exe)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    wall = None
    inner = None
    try:
        for line in proc.stdout:
            m = PROBE_RE.search(line)
            if m:
                wall = time.perf_counter() - t0
                inner = float(m.group(1)) / 1000
                break
        proc.wait(timeout=timeout)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    err = proc.stderr.read()
    if wall is None:
        raise RuntimeError(f"{gui_exe}: no start-up probe line (exit {proc.returncode}): {err[-500:]}")
    return {"wall_s": round(wall, 3), "first_paint_s": round(inner, 3), "exit": proc.returncode}


def self_test(cli_exe: Path, data_dir: Path) -> dict:
    t0 = time.perf_counter()
    proc = subprocess.run(
        [str(cli_exe), "--self-test"], capture_output=True, text=True, env=_env(data_dir), timeout=300
    )
    wall = time.perf_counter() - t0
    steps = {}
    for line in proc.stdout.splitlines():
        m = re.match(r"\[(ok|FAIL)\] (\S+) — .*?(?:\((\d+) ms\))?$", line)
        if m:
            steps[m.group(2)] = int(m.group(3)) if m.group(1) == "ok" and m.group(3) else "FAIL"
    return {"wall_s": round(wall, 2), "exit": proc.returncode, "steps_ms": steps,
            "output_tail": proc.stdout.strip().splitlines()[-1:] if proc.stdout else [proc.stderr[-300:]]}


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bundle", default=str(ROOT / "dist" / "editor-app"))
    ap.add_argument("--deb", default=None, help="default: the newest dist/editor-app_*.deb, if any")
    ap.add_argument("--runs", type=int, default=5, help="warm start-up runs")
    args = ap.parse_args(argv)
    bundle = Path(args.bundle)
    suffix = ".exe" if sys.platform.startswith("win") else ""
    gui_exe = bundle / f"editor-app-gui{suffix}"
    cli_exe = bundle / f"editor-app{suffix}"
    if not gui_exe.is_file() or not cli_exe.is_file():
        raise SystemExit(f"bench_package: no bundle at {bundle} (run `make package`)")
    out: dict = {}
    size = tree_bytes(bundle)
    out["bundle"] = str(bundle)
    out["bundle_mb"] = round(size / 1e6, 1)
    out["bundle_target_mb"] = SIZE_TARGET_MB
    out["bundle_largest_mb"] = largest(bundle)
    debs = [Path(args.deb)] if args.deb else sorted((ROOT / "dist").glob("editor-app_*.deb"), key=os.path.getmtime)
    if debs and debs[-1].is_file():
        out["deb"] = debs[-1].name
        out["deb_mb"] = round(debs[-1].stat().st_size / 1e6, 1)
    with tempfile.TemporaryDirectory(prefix="editor-app-bench-") as tmp:
        data = Path(tmp)
        env = _env(data)
        out["platform"] = env.get("QT_QPA_PLATFORM") or (
            f"native (DISPLAY={env['DISPLAY']})" if env.get("DISPLAY") else "native"
        )
        first = start_once(gui_exe, data / "start")  # fresh library: imports the demo issue
        warm = [start_once(gui_exe, data / "start") for _ in range(max(1, args.runs))]
        out["startup_first_s"] = first["wall_s"]
        out["startup_warm_median_s"] = round(statistics.median(r["wall_s"] for r in warm), 3)
        out["startup_warm_max_s"] = max(r["wall_s"] for r in warm)
        out["startup_first_paint_in_process_s"] = round(statistics.median(r["first_paint_s"] for r in warm), 3)
        out["startup_target_s"] = STARTUP_TARGET_S
        out["startup_exit_codes"] = sorted({r["exit"] for r in [first, *warm]})
        st = self_test(cli_exe, data / "selftest")
        out["selftest_s"] = st["wall_s"]
        out["selftest_exit"] = st["exit"]
        out["selftest_steps_ms"] = st["steps_ms"]
    out["targets_met"] = {
        "bundle_size": out["bundle_mb"] <= SIZE_TARGET_MB,
        "startup": out["startup_warm_median_s"] <= STARTUP_TARGET_S,
    }
    # a failed self-test or a crashed start is an error; a missed target is a figure to report
    out["ok"] = out["selftest_exit"] == 0 and out["startup_exit_codes"] == [0]
    return out


if __name__ == "__main__":
    result = main(sys.argv[1:])
    print(json.dumps(result, ensure_ascii=False, indent=2))
    sys.exit(0 if result["ok"] else 1)
