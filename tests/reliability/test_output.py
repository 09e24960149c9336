"""Output files: written beside the target and renamed when complete, over a regular file
only; on any failure exit 2, one line, the old file intact, no temporary file, and the
library as it was (the findings re-check of `export --comments` is undone)."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from editor_app.export.common import remove_stale_temps, write_atomic

from .conftest import ROOT, assert_one_line_failure, fill, library_state, run_cli, stray_temps


@pytest.mark.parametrize(
    "command",
    [
        ["export", "--issue", "1", "--docx", "{out}.docx", "--comments"],
        ["export", "--issue", "1", "--docx", "{out}.docx", "--track-changes"],
        ["report", "--issue", "1", "--docx", "{out}.docx"],
        ["report", "--issue", "1", "--csv", "{out}.csv"],
    ],
    ids=["export-comments", "export-track", "report-docx", "report-csv"],
)
def test_full_file_system_exit_2_nothing_left(tmpfs, demo_library, data, command):
    d = tmpfs("200k")
    ext = command[-1].rsplit(".", 1)[-1] if command[-1].startswith("{out}") else command[-2].rsplit(".", 1)[-1]
    target = d / f"out.{ext}"
    target.write_bytes(b"the previous file")
    fill(d, leave=8192)
    before = library_state(demo_library)
    args = [a.replace("{out}", str(d / "out")) for a in command]
    code, _, err = run_cli(*args, "--db", str(demo_library), data=data)
    assert_one_line_failure(code, err, str(target))
    assert target.read_bytes() == b"the previous file"
    assert sorted(p.name for p in d.iterdir()) == ["filler", target.name]
    assert library_state(demo_library) == before


def test_temp_file_that_cannot_be_created(tmpfs, demo_library, data):
    d = tmpfs("1m", nr_inodes=3)  # the root folder and two files: no inode left for a temp file
    (d / "a").touch()
    (d / "out.docx").write_bytes(b"old")
    before = library_state(demo_library)
    code, _, err = run_cli("export", "--issue", "1", "--docx", str(d / "out.docx"), "--db", str(demo_library), data=data)
    assert_one_line_failure(code, err, "out.docx")
    assert (d / "out.docx").read_bytes() == b"old"
    assert stray_temps(d) == []
    assert library_state(demo_library) == before


@pytest.mark.parametrize("target", ["/dev/full", "/dev/null"])
def test_device_targets_are_refused_and_stay_devices(demo_library, data, target):
    if not Path(target).exists():
        pytest.skip(f"no {target}")
    mode = os.stat(target).st_mode
    code, _, err = run_cli("export", "--issue", "1", "--docx", target, "--db", str(demo_library), data=data)
    assert_one_line_failure(code, err, "不是普通文件", target)
    assert os.stat(target).st_mode == mode and stat.S_ISCHR(os.stat(target).st_mode)
    assert stray_temps(Path(target).parent) == []


def test_fifo_target_is_refused(tmp_path, demo_library, data):
    fifo = tmp_path / "out.docx"
    os.mkfifo(fifo)
    code, _, err = run_cli("report", "--issue", "1", "--csv", str(fifo), "--db", str(demo_library), data=data, timeout=60)
    assert_one_line_failure(code, err, "不是普通文件")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_symlink_target_replaces_the_file_it_points_to(tmp_path, demo_library, data):
    real = tmp_path / "real.csv"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    code, _, err = run_cli("report", "--issue", "1", "--csv", str(link), "--db", str(demo_library), data=data)
    assert code == 0, err
    assert link.is_symlink() and real.read_text(encoding="utf-8-sig").startswith("页码,栏目")


_KILLED_WRITER = """
import os, signal, sys
from editor_app.export.common import write_atomic

def write(tmp):
    with open(tmp, "wb") as fh:
        fh.write(b"half a file")
        fh.flush()
    print(tmp, flush=True)
    os.kill(os.getpid(), signal.SIGKILL)

write_atomic(sys.argv[1], write)
"""


def test_a_killed_export_leaves_a_temp_file_that_the_next_run_removes(tmp_path, demo_library, data):
    out = tmp_path / "out.docx"
    r = subprocess.run([sys.executable, "-c", _KILLED_WRITER, str(out)], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == -signal.SIGKILL
    left = Path(r.stdout.strip())
    assert left.exists() and left.parent == tmp_path and not out.exists()
    code, _, err = run_cli("export", "--issue", "1", "--docx", str(out), "--db", str(demo_library), data=data)
    assert code == 0, err
    assert not left.exists() and out.exists()
    assert stray_temps(tmp_path) == []


def test_a_running_writers_temp_file_is_left_alone(tmp_path):
    mine = tmp_path / f".out.docx.editor-app-{os.getpid()}-abc.tmp"
    mine.write_bytes(b"being written")
    other = tmp_path / ".notes.txt.tmp"  # not ours: never touched
    other.write_bytes(b"x")
    assert remove_stale_temps(tmp_path) == []
    assert mine.exists() and other.exists()


def test_write_atomic_failure_in_the_writer_leaves_nothing(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")

    def write(tmp: str) -> None:
        with open(tmp, "wb") as fh:
            fh.write(b"partial")
        raise OSError(28, "No space left on device", tmp)  # what a full disk raises mid-write

    from editor_app.export import ExportError

    with pytest.raises(ExportError, match="No space left"):
        write_atomic(target, write)
    assert target.read_text(encoding="utf-8") == "old"
    assert stray_temps(tmp_path) == []


def test_stdout_on_a_full_device(demo_library, data):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    env = {**os.environ, "EDITOR_APP_DATA": str(data)}
    with open("/dev/full", "wb") as full:
        r = subprocess.run(
            [sys.executable, "-m", "editor_app.cli", "list", "--db", str(demo_library)],
            cwd=ROOT, env=env, stdout=full, stderr=subprocess.PIPE, text=True,
        )
    assert_one_line_failure(r.returncode, r.stderr, "磁盘已满")
