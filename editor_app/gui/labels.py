"""Translatable names of the model's codes (categories, severities, statuses, kinds)
and the colours the window gives them."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor

from editor_app.gui.i18n import current_language
from editor_app.model import Finding
from editor_app.services import rule_texts

CTX = "Labels"

CATEGORY = {
    "number": QT_TRANSLATE_NOOP("Labels", "数字"),
    "script": QT_TRANSLATE_NOOP("Labels", "字形"),
    "punctuation": QT_TRANSLATE_NOOP("Labels", "标点"),
    "wording": QT_TRANSLATE_NOOP("Labels", "用词"),
    "consistency": QT_TRANSLATE_NOOP("Labels", "一致性"),
}
# column headings where space is short (the full name is the tooltip)
CATEGORY_SHORT = {
    "number": QT_TRANSLATE_NOOP("LabelsShort", "数字"),
    "script": QT_TRANSLATE_NOOP("LabelsShort", "字形"),
    "punctuation": QT_TRANSLATE_NOOP("LabelsShort", "标点"),
    "wording": QT_TRANSLATE_NOOP("LabelsShort", "用词"),
    "consistency": QT_TRANSLATE_NOOP("LabelsShort", "一致性"),
}
SEVERITY = {
    "error": QT_TRANSLATE_NOOP("Labels", "错误"),
    "warning": QT_TRANSLATE_NOOP("Labels", "疑似"),
    "info": QT_TRANSLATE_NOOP("Labels", "提示"),
}
STATUS = {
    "open": QT_TRANSLATE_NOOP("Labels", "待处理"),
    "resolved": QT_TRANSLATE_NOOP("Labels", "已解决"),
    "dismissed": QT_TRANSLATE_NOOP("Labels", "已忽略"),
}
REVIEW = {
    "pending": QT_TRANSLATE_NOOP("Labels", "待审"),
    "in_review": QT_TRANSLATE_NOOP("Labels", "审校中"),
    "proofread": QT_TRANSLATE_NOOP("Labels", "已校"),
    "signed": QT_TRANSLATE_NOOP("Labels", "签发"),
}
ROLE = {  # who is working (settings.ROLES), recorded beside the user's name
    "editor": QT_TRANSLATE_NOOP("Labels", "编辑"),
    "proofreader": QT_TRANSLATE_NOOP("Labels", "校对"),
    "chief": QT_TRANSLATE_NOOP("Labels", "主编"),
}
KIND = {
    "masthead": QT_TRANSLATE_NOOP("Labels", "刊头"),
    "cover": QT_TRANSLATE_NOOP("Labels", "封面"),
    "editorial_board": QT_TRANSLATE_NOOP("Labels", "编委会"),
    "toc": QT_TRANSLATE_NOOP("Labels", "目录页"),
    "article": QT_TRANSLATE_NOOP("Labels", "文章"),
    "news": QT_TRANSLATE_NOOP("Labels", "资讯版"),
    "sponsored": QT_TRANSLATE_NOOP("Labels", "协办版面"),
    "comic": QT_TRANSLATE_NOOP("Labels", "漫画"),
    "photo": QT_TRANSLATE_NOOP("Labels", "图片说明"),
    "blank": QT_TRANSLATE_NOOP("Labels", "空白"),
    "unknown": QT_TRANSLATE_NOOP("Labels", "未识别"),
}

# one hue per category, readable as an underline on white and distinct for the common
# kinds of colour blindness (Okabe–Ito palette)
CATEGORY_COLOR = {
    "number": "#0072B2",
    "script": "#CC79A7",
    "punctuation": "#E69F00",
    "wording": "#009E73",
    "consistency": "#D55E00",
}
REVIEW_COLOR = {"pending": "#8a8a8a", "in_review": "#0072B2", "proofread": "#009E73", "signed": "#1b5e20"}
OVER_LIMIT_COLOR = "#c62828"


def _t(table: dict, code: str) -> str:
    text = table.get(code)
    return QCoreApplication.translate(CTX, text) if text else code


def category(code: str) -> str:
    return _t(CATEGORY, code)


def category_short(code: str) -> str:
    text = CATEGORY_SHORT.get(code)
    return QCoreApplication.translate("LabelsShort", text) if text else code


def severity(code: str) -> str:
    return _t(SEVERITY, code)


def status(code: str) -> str:
    return _t(STATUS, code)


def review(code: str) -> str:
    return _t(REVIEW, code)


def role(code: str) -> str:
    return _t(ROLE, code) if code else ""


def kind(code: str) -> str:
    return _t(KIND, code)


def category_color(code: str) -> QColor:
    return QColor(CATEGORY_COLOR.get(code, "#555555"))


def segment_title(kind_code: str, title: str, page: int | None = None) -> str:
    """How a segment is named in lists: "P12 title", or "[资讯版] title"."""
    name = title.strip() or kind(kind_code)
    if kind_code == "article":
        return f"P{page} {name}" if page else name
    return f"[{kind(kind_code)}] {title.strip()}" if title.strip() else f"[{kind(kind_code)}]"


def when(iso: str | None, short: bool = False) -> str:
    """A stored UTC timestamp in local time: "2024-10-08 14:03" (short: "10-08 14:03")."""
    if not iso:
        return ""
    try:
        dt = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso[:16].replace("T", " ")
    return dt.strftime("%m-%d %H:%M" if short else "%Y-%m-%d %H:%M")


# -- rules and findings: the title and message in the window's language, never the id ------


def rule_title(rule_id: str) -> str:
    return rule_texts.rule_title(rule_id, current_language())


def finding_message(f: Finding) -> str:
    return rule_texts.finding_message(f, current_language())


def support_line(rule_id: str) -> str:
    """The small grey "details" line for support: the only place a rule id is shown."""
    return QCoreApplication.translate("Labels", "详细信息：{0}").format(rule_id)
