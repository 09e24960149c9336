"""Child process of the crash test: the real window (worker threads, autosave) typing
into an article until the parent kills it with SIGKILL.

    python crash_child.py LIBRARY SETTINGS_INI LOG SEG_ID SEED

It appends to LOG (one unbuffered write per line, so a SIGKILL loses nothing
already written): ``ready <base length> <t>``, ``typed <n> <t>`` after each
character (n characters typed so far, t = time.monotonic()), ``saving <n>``
before a save starts and ``saved <n>`` after the save committed.
"""

from __future__ import annotations

import os
import random
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ALPHABET = "零一二三四五六七八九"


def typed_text(n: int) -> str:
    """The n characters the child types, always the same sequence."""
    return "".join(ALPHABET[i % 10] for i in range(n))


def main() -> int:
    db, settings_ini, log_path, seg_id, seed = sys.argv[1:6]
    seg_id = int(seg_id)
    rng = random.Random(int(seed))
    fd = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def log(line: str) -> None:
        os.write(fd, (line + "\n").encode())

    from PySide6.QtGui import QInputMethodEvent, QTextCursor
    from PySide6.QtWidgets import QApplication

    from editor_app.gui.app import build_window
    from editor_app.gui.settings import AppSettings
    from editor_app.services import editing

    state = {"base": None, "n": 0}
    real_save = editing.save_article

    def save_article(lib, sid, text, *args, **kw):  # runs on the worker thread
        n = len(text) - state["base"]
        log(f"saving {n}")
        res = real_save(lib, sid, text, *args, **kw)
        if res.conflict is None:
            log(f"saved {n}")
        return res

    editing.save_article = save_article
    window = build_window(db, AppSettings(settings_ini), synchronous=False)
    window.show()
    window.start()
    app = QApplication.instance()
    deadline = time.monotonic() + 20
    while window.session.issue_id is None and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.005)
    window.open_article(seg_id)
    while (window.pane.view is None or window.pane.seg_id != seg_id) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.005)
    editor = window.pane.editor
    editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.setFocus()
    state["base"] = len(editor.text())
    log(f"ready {state['base']} {time.monotonic():.6f}")
    while True:  # type like a person: bursts of keys, now and then a pause
        ev = QInputMethodEvent()
        ev.setCommitString(typed_text(state["n"] + 1)[-1])
        QApplication.sendEvent(editor, ev)
        state["n"] += 1
        log(f"typed {state['n']} {time.monotonic():.6f}")
        pause = rng.uniform(0.02, 0.15) if rng.random() > 0.08 else rng.uniform(0.4, 2.2)
        end = time.monotonic() + pause
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.003)


if __name__ == "__main__":
    sys.exit(main())
