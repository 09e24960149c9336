"""Render the README screenshots of the desktop window: `make screenshots`.

Uses the bundled demo issue (our own writing, safe to publish), a throw-away
library and settings in a temporary folder, and Qt's offscreen platform unless
a display is given (e.g. under Xvfb: `xvfb-run make screenshots`).

    .venv/bin/python docs/screenshots/render.py [OUT_DIR]
    .venv/bin/python docs/screenshots/render.py OUT_DIR page-view   # only page-view.png

page-view.png typesets the demo issue as a PDF proof with typst (the test extra,
``pip install -e '.[test]'``).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZE = (1480, 920)


def settle(w) -> None:
    from PySide6.QtWidgets import QApplication

    w.session.runner.wait_idle()
    for _ in range(5):
        QApplication.processEvents()


def save_shot(w, widget, out_dir: Path, name: str) -> None:
    settle(w)
    path = out_dir / name
    if not widget.grab().save(str(path)):
        raise OSError(f"cannot write {path}")
    print(path)


PAGE_VIEW_ARTICLE = "让“千村示范”结出“共富”硕果"


def page_view_shot(out_dir: Path) -> None:
    """The 版面 dock: the demo issue imported as a PDF proof, a finding selected in the
    findings panel and highlighted on its printed characters, the page zoomed to 150 %."""
    from PySide6.QtWidgets import QApplication

    from editor_app.gui.app import application, build_window
    from editor_app.gui.settings import AppSettings
    from editor_app.services import editing, importing
    from editor_app.services import issues as svc
    from tests.pdf_material import magazine_pdf

    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="editor-app-shots-pdf-"))
    pdf = magazine_pdf(tmp / "demo-proof.pdf")
    db = tmp / "library.sqlite"
    with svc.open_library(db) as lib:
        issue_id = importing.import_issue_file(lib, pdf, author="导入").issue_id
        editing.check_issue(lib, issue_id)
        seg = next(r for r in lib.segments(issue_id) if r.title == PAGE_VIEW_ARTICLE)
    application()
    settings = AppSettings(tmp / "settings.ini")
    settings.user_name = "校对 李华"
    settings.language = os.environ.get("SCREENSHOT_LANG", "zh_CN")
    w = build_window(db, settings, synchronous=True)
    w.resize(*SIZE)
    w.show()
    w.start(issue_id)
    settle(w)
    w.show_page_view(True)
    w.fit_docks()
    w.open_article(seg.id)
    settle(w)
    w.findings.tree.expandAll()
    shown = [f for f in w.pane.shown if f.end - f.start >= 2] or w.pane.shown
    pick = next((f for f in shown if f.category == "number"), shown[0])
    w.on_finding_activated(pick, False)
    w.findings.select(pick)
    w.page_view.set_zoom(1.5)  # zoomed (the bar shows 150%), the highlight brought into view
    settle(w)
    w.page_view.follow()
    save_shot(w, w, out_dir, "page-view.png")
    w.close()
    QApplication.processEvents()


def main(out_dir: Path) -> int:
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QApplication

    from editor_app import paths
    from editor_app.gui.app import application, build_window
    from editor_app.gui.settings import AppSettings
    from editor_app.services import editing, importing
    from editor_app.services import issues as svc

    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="editor-app-shots-"))
    db = tmp / "library.sqlite"
    with svc.open_library(db) as lib:
        issue_id = importing.import_issue_file(lib, paths.demo_issue_path(), author="导入").issue_id
        editing.check_issue(lib, issue_id)
        rows = [r for r in lib.segments(issue_id) if r.kind == "article"]
        # some review progress, so the overview shows the workflow
        for row, status, who in zip(rows[:4], ["signed", "proofread", "proofread", "in_review"],
                                    ["主编 陈明", "校对 李华", "校对 李华", "编辑 王芳"], strict=False):
            editing.set_review_status(lib, row.id, status, who)
        counts = {r.id: len(lib.list_findings(issue_id, segment=r.id, status="open")) for r in rows}
    article = max(rows, key=lambda r: counts[r.id])
    app = application()
    settings = AppSettings(tmp / "settings.ini")
    settings.user_name = "编辑 王芳"
    settings.language = os.environ.get("SCREENSHOT_LANG", "zh_CN")
    w = build_window(db, settings, synchronous=True)
    w.resize(*SIZE)
    w.show()
    w.start(issue_id)
    w.session.runner.wait_idle()

    def settle() -> None:
        w.session.runner.wait_idle()
        for _ in range(5):
            app.processEvents()

    def save(widget, name: str) -> None:
        settle()
        path = out_dir / name
        if not widget.grab().save(str(path)):
            raise OSError(f"cannot write {path}")
        print(path)

    # 1. the issue overview
    w.tabs.setCurrentIndex(0)
    save(w, "overview.png")

    # 2. an article with its findings underlined, one selected
    w.open_article(article.id)
    settle()
    w.findings.tree.expandAll()
    pick = next((f for f in w.pane.shown if f.category == "number"), w.pane.shown[0])
    w.on_finding_activated(pick, False)
    w.findings.select(pick)
    settle()
    save(w, "article.png")

    # 3. bulk fix preview (half-width punctuation in the whole issue)
    dlg = w.bulk_fix("punctuation.halfwidth")
    dlg.r_issue.setChecked(True)
    dlg.resize(1000, 560)
    save(dlg, "bulk-fix-preview.png")
    dlg.close()

    # 4. revision history with a diff between two revisions
    ed = w.pane.editor
    text = ed.text()
    for old, new in (("科技", "科学技术"), ("浓厚", "")):  # a replacement and a deletion
        i = text.find(old)
        if i >= 0:
            ed.select_span(i, i + len(old))
            ed.textCursor().insertText(new)
            text = ed.text()
    ed.moveCursor(QTextCursor.MoveOperation.End)
    ed.textCursor().insertText("（编者按：本文数据截至今年第一季度。）")
    w.pane.flush()
    settle()
    hist = w.show_history()
    hist.resize(1100, 640)
    first = hist.revisions[-1].id
    hist.set_base(first)
    hist.select(hist.revisions[0].id)
    save(hist, "history-diff.png")
    # 4b. restoring asks first, naming the version and its time (Cancel is the default)
    box, _ok = hist.restore_box(hist.revisions[-1])
    box.show()
    save(box, "history-confirm.png")
    box.close()
    hist.close()

    # 5. find and replace across the issue, previewed before anything is written
    rep = w.replace_dialog()
    rep.find.setText("东越")
    rep.repl.setText("南岳")
    rep.r_issue.setChecked(True)
    rep.run_preview()
    rep.resize(1000, 560)
    save(rep, "replace-preview.png")
    rep.close()

    # 6. the export dialog: one article with tracked changes since a chosen revision
    exp = w.export_issue()
    settle()
    exp.r_article.setChecked(True)
    exp.track.setChecked(True)
    exp.s_revision.setChecked(True)
    save(exp, "export-dialog.png")
    exp.reject()

    # 7. the structure view (segments, kinds, contents entries; split / join / move / bind)
    st = w.show_structure()
    settle()
    save(st, "structure.png")
    st.close()

    # 8. a 1024×600 screen
    w.resize(1024, 600)
    w.fit_docks()
    w.tabs.setCurrentIndex(0)
    save(w, "small-screen.png")
    w.resize(*SIZE)
    w.fit_docks()

    # 9. the same desk in English
    w.set_language("en")
    w.tabs.setCurrentIndex(0)
    save(w, "overview-en.png")
    w.set_language("zh_CN")
    w.close()
    QApplication.processEvents()

    # 10. the page view (版面) beside the article, on the demo issue as a PDF proof
    page_view_shot(out_dir)
    # 11. two desks on a newsroom server library (skipped without PostgreSQL)
    newsroom_shot(out_dir)
    return 0


def newsroom_shot(out_dir: Path) -> None:
    """Two desks on one newsroom library (a throwaway PostgreSQL server): the proofreader
    王校 (read-only text, the reason shown) sees 李华 editing the article and the status
    李华 just set; the status bars say where the library is, who and which role."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QColor, QPainter, QPixmap
    from PySide6.QtWidgets import QApplication

    from editor_app.gui.app import application, build_window
    from editor_app.gui.settings import AppSettings
    from editor_app.services import editing, importing
    from editor_app.services import issues as svc
    from editor_app.store import pg_roles
    from tests.store.pg_server import TempServer, find_bindir

    bindir = find_bindir()
    if bindir is None:
        print("newsroom.png skipped: no PostgreSQL binaries")
        return
    server = TempServer(bindir).start()
    try:
        application()
        server.admin_sql("CREATE DATABASE newsroom")
        admin = server.dsn("newsroom")
        pg_roles.init_server(admin)
        for login, role in (("lihua", "编辑"), ("wangjiao", "校对")):
            pg_roles.add_user(admin, login, role, "pw")
        with svc.open_library(admin) as lib:
            issue_id = importing.import_issue_file(lib, ROOT / "resources" / "samples" / "demo-issue.txt",
                                                   author="导入").issue_id
            editing.check_issue(lib, issue_id)
            seg = next(s.id for s in lib.segments(issue_id) if s.kind == "article" and "千村" in s.title)
        tmp = Path(tempfile.mkdtemp(prefix="editor-app-shots-"))
        windows = []
        for i, (login, name) in enumerate((("lihua", "李华"), ("wangjiao", "王校"))):
            settings = AppSettings(tmp / f"s{i}" / "editor-app.ini")
            settings.user_name = name
            w = build_window(server.dsn("newsroom", user=login, password="pw"), settings, synchronous=True)
            w.resize(1180, 760)
            w.show()
            w.start(issue_id)
            settle(w)
            w.session.listener.wait_ready(5)
            w.open_article(seg)
            windows.append(w)
        ed, pr = windows
        for _ in range(40):
            QApplication.processEvents()
            settle(ed)
        ed.set_review("in_review", seg)  # reaches the proofreader's window live
        ed.pane.editor.setFocus()
        cur = ed.pane.editor.textCursor()
        cur.setPosition(12)
        ed.pane.editor.setTextCursor(cur)
        cur.insertText("（正在修改）")  # unsaved: 李华 is editing → presence at the other desk
        import time

        deadline = time.monotonic() + 3
        while time.monotonic() < deadline and not pr.pane.presence_note.isVisible():
            QApplication.processEvents()
            time.sleep(0.02)
        settle(pr)
        ed.pane.autosave.stop()
        a, b = ed.grab(), pr.grab()
        gap = 16
        out = QPixmap(a.width() + b.width() + gap, max(a.height(), b.height()))
        out.fill(QColor("#d0d4da"))
        p = QPainter(out)
        p.drawPixmap(QPoint(0, 0), a)
        p.drawPixmap(QPoint(a.width() + gap, 0), b)
        p.end()
        out_dir.mkdir(parents=True, exist_ok=True)
        path = out_dir / "newsroom.png"
        if not out.scaledToWidth(2000).save(str(path)):
            raise OSError(f"cannot write {path}")
        print(path)
        ed.pane.edit.clear()  # the demo edit is not saved
        for w in windows:
            w.close()
    finally:
        server.stop()


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    if sys.argv[2:] == ["page-view"]:
        page_view_shot(target)
        sys.exit(0)
    if sys.argv[2:] == ["newsroom"]:
        newsroom_shot(target)
        sys.exit(0)
    sys.exit(main(target))
