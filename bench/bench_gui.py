"""Desktop window benchmark: start-up time and the worst UI-thread stall.

    .venv/bin/python bench/bench_gui.py        # prints one JSON object

* ``startup_s``: from launching a fresh process to a visible window with the
  last issue (and its last article) loaded, with the real worker threads;
  five runs, median and max (target <= 1.5 s).
* ``stall_ms``: the longest gap between ticks of a 10 ms QTimer on the UI
  thread while the window imports and opens the reference issue, checks it,
  exports it to DOCX, opens its longest article and types into it (target:
  no stall over 100 ms). A tick that comes 10 ms late is a 20 ms gap.

Uses ../shared/samples/jrzj-2024-10.txt when present, else the demo issue.
Qt runs offscreen unless a display is set.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
SAMPLE = ROOT.parent / "shared" / "samples" / "jrzj-2024-10.txt"
DEMO = ROOT / "resources" / "samples" / "demo-issue.txt"
if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

STARTUP_RUNS = 5

STARTUP_CHILD = r"""
import sys, time
from pathlib import Path
db, ini = sys.argv[1], sys.argv[2]
from editor_app.gui.app import application, build_window
from editor_app.gui.settings import AppSettings
app = application()
w = build_window(db, AppSettings(ini))  # the real worker threads, as `editor-app run`
w.show()
w.start()
want_issue, want_article = w.session.settings.last_issue, w.session.settings.last_article(w.session.settings.last_issue)
while True:
    app.processEvents()
    ready = (w.isVisible() and w.session.issue_id == want_issue and w.contents.items()
             and w.pane.seg_id == want_article and not w.session.runner.busy)
    if ready:
        break
    time.sleep(0.001)
w.repaint()
print(f"READY {time.monotonic():.6f}", flush=True)
w.close()
"""


def prepare(tmp: Path, issue_file: Path) -> tuple[Path, Path, int, int]:
    from editor_app.gui.settings import AppSettings
    from editor_app.services import editing, importing
    from editor_app.services import issues as svc

    db = tmp / "library.sqlite"
    with svc.open_library(db) as lib:
        issue_id = importing.import_issue_file(lib, issue_file, author="bench").issue_id
        editing.check_issue(lib, issue_id)
        seg = max((r for r in lib.segments(issue_id) if r.kind == "article"),
                  key=lambda r: len(lib.current_text(r.id)[0])).id
    ini = tmp / "settings.ini"
    s = AppSettings(ini)
    s.last_issue = issue_id
    s.set_last_article(issue_id, seg)
    s.sync()
    return db, ini, issue_id, seg


def startup(db: Path, ini: Path) -> list[float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    times = []
    for _ in range(STARTUP_RUNS):
        t0 = time.monotonic()
        r = subprocess.run([sys.executable, "-c", STARTUP_CHILD, str(db), str(ini)], env=env,
                           capture_output=True, text=True, timeout=120)
        line = next((x for x in r.stdout.splitlines() if x.startswith("READY")), None)
        if line is None:
            raise RuntimeError(r.stderr[-2000:])
        times.append(float(line.split()[1]) - t0)
    return times


def stalls(issue_file: Path) -> dict[str, float]:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QInputMethodEvent, QTextCursor
    from PySide6.QtWidgets import QApplication

    from editor_app.gui.app import application, build_window
    from editor_app.gui.settings import AppSettings

    app = application()
    tmp = Path(tempfile.mkdtemp(prefix="bench-gui-"))
    w = build_window(tmp / "library.sqlite", AppSettings(tmp / "settings.ini"))
    w.resize(1440, 900)
    w.show()
    w.start()
    state = {"last": time.monotonic(), "max": 0.0}

    def tick() -> None:
        now = time.monotonic()
        state["max"] = max(state["max"], now - state["last"])
        state["last"] = now

    beat = QTimer()
    beat.setInterval(10)
    beat.timeout.connect(tick)
    beat.start()

    def run_until(done, timeout: float = 120.0) -> None:
        end = time.monotonic() + timeout
        while not done():
            if time.monotonic() > end:
                raise TimeoutError("the window did not finish in time")
            app.processEvents()
            time.sleep(0.001)
        for _ in range(20):  # let the views refresh after the last op
            app.processEvents()
            time.sleep(0.002)

    def phase(name: str, action, done) -> None:
        run_until(lambda: not w.session.runner.busy)
        state["last"], state["max"] = time.monotonic(), 0.0
        action()
        run_until(lambda: done() and not w.session.runner.busy)
        out[name] = round(state["max"] * 1000, 1)

    out: dict[str, float] = {}
    run_until(lambda: not w.session.runner.busy)
    phase("import_and_open", lambda: w.import_file(str(issue_file)),
          lambda: w.session.issue_id is not None and bool(w.contents.items()))
    phase("check_issue", w.check_issue, lambda: True)
    from editor_app.services.export_job import ExportJob

    job = ExportJob("issue", str(tmp / "issue.docx"), comments=True, track_changes=True, author="bench")
    phase("export_docx", lambda: w.run_export(job), lambda: (tmp / "issue.docx").exists())
    seg = max((it for it in w.contents.items() if it.data(0, 256) is not None),
              key=lambda it: int(it.text(2) or 0)).data(0, 256)
    phase("open_article", lambda: w.open_article(seg), lambda: w.pane.seg_id == seg)
    phase("whole_issue_findings", lambda: w.findings.scope.setCurrentIndex(1), lambda: True)

    def type_some() -> None:
        w.pane.editor.moveCursor(QTextCursor.MoveOperation.End)
        for ch in "在正文末尾补充一句,用于测量输入时的界面响应。" * 2:
            ev = QInputMethodEvent()
            ev.setCommitString(ch)
            QApplication.sendEvent(w.pane.editor, ev)
            end = time.monotonic() + 0.03
            while time.monotonic() < end:
                app.processEvents()
        w.pane.flush()

    phase("typing_with_live_check_and_autosave", type_some, lambda: not w.pane.is_dirty())
    beat.stop()
    w.close()
    return out


def main() -> int:
    issue_file = SAMPLE if SAMPLE.exists() else DEMO
    tmp = Path(tempfile.mkdtemp(prefix="bench-gui-start-"))
    db, ini, _issue, _seg = prepare(tmp, issue_file)
    runs = startup(db, ini)
    stall = stalls(issue_file)
    from PySide6 import __version__ as pyside

    print(json.dumps({
        "issue": issue_file.name,
        "platform": os.environ.get("QT_QPA_PLATFORM", "native"),
        "pyside6": pyside,
        "startup_s": {"median": round(statistics.median(runs), 3), "max": round(max(runs), 3),
                      "runs": [round(t, 3) for t in runs]},
        "startup_target_s": 1.5,
        "stall_ms": stall,
        "worst_stall_ms": max(stall.values()),
        "stall_target_ms": 100,
    }, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
