"""Every main-window action, declared in one place (a table keyed by an enum).

The table holds the translatable text, the shortcut, the menu it lives in and
whether it is checkable; :class:`ActionFactory` builds the ``QAction`` objects
once and re-sets their texts when the language changes. The main window
connects handlers by id and builds its menus from :data:`MENUS`, so every
action is in a menu, with its shortcut shown there.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence

CTX = "Actions"


class A(enum.Enum):
    IMPORT = "import"
    EXPORT = "export"
    LIBRARY = "library"
    QUIT = "quit"
    UNDO = "undo"
    REDO = "redo"
    CUT = "cut"
    COPY = "copy"
    PASTE = "paste"
    SELECT_ALL = "select_all"
    REPLACE = "replace"
    RESET_LAYOUT = "reset_layout"
    SAVE = "save"
    FIND = "find"
    SEARCH_LIBRARY = "search_library"
    PREFERENCES = "preferences"
    CHECK_ISSUE = "check_issue"
    NEXT_FINDING = "next_finding"
    PREV_FINDING = "prev_finding"
    APPLY_FIX = "apply_fix"
    DISMISS = "dismiss"
    REOPEN = "reopen"
    BULK_FIX = "bulk_fix"
    ALLOW_WORD = "allow_word"
    STATUS_PENDING = "status_pending"
    STATUS_IN_REVIEW = "status_in_review"
    STATUS_PROOFREAD = "status_proofread"
    STATUS_SIGNED = "status_signed"
    REOPEN_ARTICLE = "reopen_article"
    HISTORY = "history"
    STRUCTURE = "structure"
    SPLIT_HERE = "split_here"
    UNDO_STRUCTURE = "undo_structure"
    SHOW_OVERVIEW = "show_overview"
    SHOW_ARTICLE = "show_article"
    TOGGLE_SOURCE = "toggle_source"
    PAGE_VIEW = "page_view"
    ZOOM_IN = "zoom_in"
    ZOOM_OUT = "zoom_out"
    ABOUT = "about"


@dataclass(frozen=True)
class Spec:
    text: str  # Chinese source text, marked for translation
    shortcut: str | QKeySequence.StandardKey | None = None
    tip: str = ""
    checkable: bool = False


SPECS: dict[A, Spec] = {
    A.IMPORT: Spec(QT_TRANSLATE_NOOP("Actions", "导入期刊或稿件…"), "Ctrl+O",
                   QT_TRANSLATE_NOOP("Actions", "导入整期文本（.txt）或 DOCX 稿件")),
    A.EXPORT: Spec(QT_TRANSLATE_NOOP("Actions", "导出…"), "Ctrl+E",
                   QT_TRANSLATE_NOOP("Actions", "导出整期、单篇或校对报告：干净稿、带批注的审阅稿、修订痕迹、繁体版")),
    A.LIBRARY: Spec(QT_TRANSLATE_NOOP("Actions", "期刊库"), "Ctrl+L"),
    A.QUIT: Spec(QT_TRANSLATE_NOOP("Actions", "退出"), "Ctrl+Q"),
    A.UNDO: Spec(QT_TRANSLATE_NOOP("Actions", "撤销"), QKeySequence.StandardKey.Undo),
    A.REDO: Spec(QT_TRANSLATE_NOOP("Actions", "重做"), QKeySequence.StandardKey.Redo),
    A.CUT: Spec(QT_TRANSLATE_NOOP("Actions", "剪切"), QKeySequence.StandardKey.Cut),
    A.COPY: Spec(QT_TRANSLATE_NOOP("Actions", "复制"), QKeySequence.StandardKey.Copy),
    A.PASTE: Spec(QT_TRANSLATE_NOOP("Actions", "粘贴"), QKeySequence.StandardKey.Paste),
    A.SELECT_ALL: Spec(QT_TRANSLATE_NOOP("Actions", "全选"), QKeySequence.StandardKey.SelectAll),
    A.REPLACE: Spec(QT_TRANSLATE_NOOP("Actions", "查找和替换…"), "Ctrl+H",
                    QT_TRANSLATE_NOOP("Actions", "在本文或整期中替换，先预览每一处再写入")),
    A.SAVE: Spec(QT_TRANSLATE_NOOP("Actions", "立即保存"), "Ctrl+S",
                 QT_TRANSLATE_NOOP("Actions", "修改会在停止输入后自动保存；此命令立即保存")),
    A.FIND: Spec(QT_TRANSLATE_NOOP("Actions", "在本文中查找…"), "Ctrl+F"),
    A.SEARCH_LIBRARY: Spec(QT_TRANSLATE_NOOP("Actions", "全库检索…"), "Ctrl+Shift+F"),
    A.PREFERENCES: Spec(QT_TRANSLATE_NOOP("Actions", "首选项…"), "Ctrl+,"),
    A.CHECK_ISSUE: Spec(QT_TRANSLATE_NOOP("Actions", "校对全期"), "F9",
                        QT_TRANSLATE_NOOP("Actions", "对整期重新运行全部检查")),
    A.NEXT_FINDING: Spec(QT_TRANSLATE_NOOP("Actions", "下一处问题"), "F8"),
    A.PREV_FINDING: Spec(QT_TRANSLATE_NOOP("Actions", "上一处问题"), "Shift+F8"),
    A.APPLY_FIX: Spec(QT_TRANSLATE_NOOP("Actions", "采纳建议"), "Ctrl+Return",
                      QT_TRANSLATE_NOOP("Actions", "按建议修改所选问题（保存为新修订）")),
    A.DISMISS: Spec(QT_TRANSLATE_NOOP("Actions", "忽略…"), "Ctrl+D",
                    QT_TRANSLATE_NOOP("Actions", "忽略所选问题，可填写理由")),
    A.REOPEN: Spec(QT_TRANSLATE_NOOP("Actions", "恢复为待处理"), "Ctrl+Shift+D"),
    A.BULK_FIX: Spec(QT_TRANSLATE_NOOP("Actions", "批量修改…"), "Ctrl+Shift+B",
                     QT_TRANSLATE_NOOP("Actions", "按同一规则批量采纳建议，先预览再写入")),
    A.ALLOW_WORD: Spec(QT_TRANSLATE_NOOP("Actions", "加入白名单"), "Ctrl+Shift+W"),
    A.STATUS_PENDING: Spec(QT_TRANSLATE_NOOP("Actions", "待审"), "Ctrl+Alt+1", checkable=True),
    A.STATUS_IN_REVIEW: Spec(QT_TRANSLATE_NOOP("Actions", "审校中"), "Ctrl+Alt+2", checkable=True),
    A.STATUS_PROOFREAD: Spec(QT_TRANSLATE_NOOP("Actions", "已校"), "Ctrl+Alt+3", checkable=True),
    A.STATUS_SIGNED: Spec(QT_TRANSLATE_NOOP("Actions", "签发"), "Ctrl+Alt+4", checkable=True),
    A.REOPEN_ARTICLE: Spec(QT_TRANSLATE_NOOP("Actions", "重新打开"), None,
                           QT_TRANSLATE_NOOP("Actions", "撤回签发，文章回到审校中（主编）")),
    A.HISTORY: Spec(QT_TRANSLATE_NOOP("Actions", "修订历史…"), "Ctrl+Shift+H"),
    A.STRUCTURE: Spec(QT_TRANSLATE_NOOP("Actions", "结构…"), "Ctrl+3",
                      QT_TRANSLATE_NOOP("Actions", "分段、类型与目录关联：合并、移动边界、设定类型、关联目录条目")),
    A.SPLIT_HERE: Spec(QT_TRANSLATE_NOOP("Actions", "从光标所在段拆分文章"), "Ctrl+Shift+Return",
                       QT_TRANSLATE_NOOP("Actions", "光标所在段落及其后的文字成为一个新分段")),
    A.UNDO_STRUCTURE: Spec(QT_TRANSLATE_NOOP("Actions", "撤销结构修改"), "Ctrl+Alt+Z"),
    A.SHOW_OVERVIEW: Spec(QT_TRANSLATE_NOOP("Actions", "期刊概览"), "Ctrl+1"),
    A.SHOW_ARTICLE: Spec(QT_TRANSLATE_NOOP("Actions", "文章"), "Ctrl+2"),
    A.TOGGLE_SOURCE: Spec(QT_TRANSLATE_NOOP("Actions", "对照原文 / 修订"), "F6", checkable=True),
    A.PAGE_VIEW: Spec(QT_TRANSLATE_NOOP("Actions", "显示版面"), "F7",
                      QT_TRANSLATE_NOOP("Actions", "在文章旁显示 PDF 校样的版面：所选文字在版面上标出，点击版面选中正文"),
                      checkable=True),
    A.ZOOM_IN: Spec(QT_TRANSLATE_NOOP("Actions", "放大字号"), QKeySequence.StandardKey.ZoomIn),
    A.ZOOM_OUT: Spec(QT_TRANSLATE_NOOP("Actions", "缩小字号"), QKeySequence.StandardKey.ZoomOut),
    A.RESET_LAYOUT: Spec(QT_TRANSLATE_NOOP("Actions", "重置布局"), None,
                         QT_TRANSLATE_NOOP("Actions", "面板恢复到默认的位置和大小")),
    A.ABOUT: Spec(QT_TRANSLATE_NOOP("Actions", "关于编辑审校台")),
}

# review statuses of the store, in workflow order, with their actions
STATUS_ACTIONS = {
    "pending": A.STATUS_PENDING,
    "in_review": A.STATUS_IN_REVIEW,
    "proofread": A.STATUS_PROOFREAD,
    "signed": A.STATUS_SIGNED,
}

SEP = None
# (menu object name, title, entries); "docks" is filled with the dock toggles by the window
MENUS: list[tuple[str, str, list]] = [
    ("file", QT_TRANSLATE_NOOP("Actions", "文件(&F)"), [A.IMPORT, A.EXPORT, SEP, A.LIBRARY, SEP, A.QUIT]),
    ("edit", QT_TRANSLATE_NOOP("Actions", "编辑(&E)"),
     [A.UNDO, A.REDO, SEP, A.CUT, A.COPY, A.PASTE, A.SELECT_ALL, SEP, A.SAVE, SEP, A.FIND, A.REPLACE,
      A.SEARCH_LIBRARY, SEP, A.PREFERENCES]),
    ("check", QT_TRANSLATE_NOOP("Actions", "校对(&C)"),
     [A.CHECK_ISSUE, SEP, A.NEXT_FINDING, A.PREV_FINDING, SEP, A.APPLY_FIX, A.DISMISS, A.REOPEN,
      A.ALLOW_WORD, SEP, A.BULK_FIX]),
    ("review", QT_TRANSLATE_NOOP("Actions", "审校(&R)"),
     [A.STATUS_PENDING, A.STATUS_IN_REVIEW, A.STATUS_PROOFREAD, A.STATUS_SIGNED, A.REOPEN_ARTICLE, SEP,
      A.HISTORY, SEP,
      A.STRUCTURE, A.SPLIT_HERE, A.UNDO_STRUCTURE]),
    ("view", QT_TRANSLATE_NOOP("Actions", "视图(&V)"),
     [A.SHOW_OVERVIEW, A.SHOW_ARTICLE, A.TOGGLE_SOURCE, SEP, "docks", A.PAGE_VIEW, A.RESET_LAYOUT, SEP, A.ZOOM_IN,
      A.ZOOM_OUT]),
    ("help", QT_TRANSLATE_NOOP("Actions", "帮助(&H)"), [A.ABOUT]),
]

TOOLBAR = [A.IMPORT, A.CHECK_ISSUE, SEP, A.PREV_FINDING, A.NEXT_FINDING, A.APPLY_FIX, A.DISMISS,
           A.BULK_FIX, SEP, A.HISTORY, A.TOGGLE_SOURCE, SEP, A.EXPORT]


def tr(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


class ActionFactory:
    """Builds the window's actions from :data:`SPECS` and keeps their texts translated."""

    def __init__(self, parent: QObject):
        self.actions: dict[A, QAction] = {}
        for aid, spec in SPECS.items():
            act = QAction(parent)
            act.setObjectName(f"action_{aid.value}")
            if spec.shortcut is not None:
                act.setShortcut(QKeySequence(spec.shortcut))
            act.setCheckable(spec.checkable)
            self.actions[aid] = act
        self.status_group = QActionGroup(parent)
        self.status_group.setExclusive(True)
        for aid in STATUS_ACTIONS.values():
            self.status_group.addAction(self.actions[aid])
        self.retranslate()

    def __getitem__(self, aid: A) -> QAction:
        return self.actions[aid]

    def retranslate(self) -> None:
        for aid, spec in SPECS.items():
            act = self.actions[aid]
            act.setText(tr(spec.text))
            tip = tr(spec.tip) if spec.tip else act.text().replace("&", "").rstrip("…")
            sc = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            act.setToolTip(f"{tip} ({sc})" if sc else tip)
            act.setStatusTip(tr(spec.tip) if spec.tip else "")
