"""The review of an issue as text, and the `run` entry point.

`editor-app run` opens the desktop window on the user's library (importing the
demo issue on first start). Where there is no display it says so in one line
and prints this review instead; `editor-app run --terminal` always prints it.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from editor_app.store import Library

from . import checking, importing
from . import issues as svc


def review_text(lib: Library, issue_id: int) -> str:
    issue = lib.get_issue(issue_id)
    m = issue.masthead
    out = [f"《{m.title}》 {m.year}年第{m.number}期  总第{m.total_number}期  {m.frequency}", ""]
    findings = checking.open_findings(lib, issue_id)  # checked first if not current
    by_seg: dict[int | None, Counter] = {}
    for f in findings:
        by_seg.setdefault(f.segment.id if f.segment else None, Counter())[f.category] += 1
    out.append("目录 / Contents")
    section = None
    rows = {str(r.key): r for r in lib.segments(issue_id)}
    for e in issue.toc:
        if e.section != section:
            section = e.section
            out.append(f"  【{section}】")
        row = rows.get(str(e.article_id))
        counts = by_seg.get(row.id, Counter()) if row else Counter()
        flag = "  " + " ".join(f"{k}:{v}" for k, v in sorted(counts.items())) if counts else ""
        authors = " ".join(e.authors)
        out.append(f"    P{e.page:<3} {e.title}  / {e.role + ' ' if e.role else ''}{authors}{flag}")
    others = [s for s in issue.segments if s.kind != "article"]
    out.append("")
    out.append(f"其他版面 / Other pages: {len(others)}")
    for s in others:
        out.append(f"    {s.kind:<16} {s.title[:30]}")
    out.append("")
    total = sum(len(s.text) for s in issue.articles())
    out.append(f"文章 {len(issue.articles())} 篇，正文 {total} 字 / {len(issue.articles())} articles, {total} characters")
    if findings:
        cats = Counter(f.category for f in findings)
        out.append("待处理问题 / Open findings: " + ", ".join(f"{k} {v}" for k, v in sorted(cats.items())))
    return "\n".join(out)


NO_DISPLAY = (
    "没有可用的图形显示（未设置 DISPLAY 或 WAYLAND_DISPLAY），改为在终端中显示；"
    "也可用 `editor-app check FILE` 校对文件，或 `editor-app run --terminal` 直接查看"
    " (no display: the review is printed here instead)"
)


def terminal_review(db: str | Path | None = None) -> int:
    """Open the library (importing the demo issue on first start) and print its review."""
    with svc.open_library(db) as lib:
        issue_id = importing.ensure_demo_issue(lib)
        if issue_id is None:
            print("资料库为空，且找不到示例期刊 (the library is empty and the demo issue is missing)")
            return 2
        print(review_text(lib, issue_id))
        print()
        print(f"资料库 / Library: {lib.location}")
    sys.stdout.flush()
    return 0


def run_app(db: str | Path | None = None, terminal: bool = False, window=None) -> int:
    """`editor-app run`: the desktop window; with no display (or ``terminal``), the review
    printed in the terminal, after one line saying why.

    ``window`` loads the desktop window's module (``editor_app.gui.app``: ``has_display()``,
    ``run_gui(db)``); the caller passes it, because services never import the GUI layer.
    It may raise ImportError (no Qt): the terminal review is shown instead.
    """
    if terminal or window is None:
        return terminal_review(db)
    try:
        gui_app = window()
    except ImportError as exc:
        print(f"无法加载图形界面（{exc}），改为在终端中显示 (cannot load the window: {exc})")
        return terminal_review(db)
    if not gui_app.has_display():
        print(NO_DISPLAY)
        return terminal_review(db)
    return gui_app.run_gui(db)
