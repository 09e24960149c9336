"""The quality report of an issue: DOCX (summary + findings table) and CSV.

Error rate: the regulator's bar for periodicals is at most 2 errors per 10,000
characters (万分之二). Counted as errors, as in ``editor_app.checks.rate``:
open findings of severity ``error``; warnings and notes wait for a person's
judgement, resolved findings are no longer in the text, dismissed ones are not
errors. Characters: the current text without whitespace.

The services layer should pass ``rates`` as computed by
``checks.rate.issue_error_rates`` (``{"issue": float, "articles": {segment id:
float}}``) so that the report shows the figures the window shows; without
them the report computes the article rates itself and an issue rate over the
article texts.
"""

from __future__ import annotations

import csv
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import docx
from lxml import etree

from editor_app.model import CATEGORIES, Finding, Issue, Segment

from . import ooxml, provenance, styles
from .common import (
    SECTION_FALLBACK,
    ExportError,
    check_texts,
    docx_writer,
    segment_label,
    utc_date,
    write_atomic,
    zh_date,
)
from .ooxml import sub

RATE_LIMIT = 2.0  # errors per 10,000 characters (万分之二)

CATEGORY_ZH = {"number": "数字", "script": "字形", "punctuation": "标点", "wording": "用词", "consistency": "一致性"}
SEVERITY_ZH = {"error": "错误", "warning": "提醒", "info": "提示"}
STATUS_ZH = {"open": "待处理", "resolved": "已解决", "dismissed": "已排除"}

CSV_HEADER = [
    "页码", "栏目", "文章编号", "文章", "摘录", "上下文", "规则", "类别", "级别",
    "说明", "建议", "状态", "排除理由", "起", "止",
]


@dataclass
class Row:
    """One finding as a report row."""

    page: str
    section: str
    segment_id: str
    article: str
    excerpt: str
    context: str
    rule: str
    category: str
    severity: str
    message: str
    suggestion: str
    status: str
    reason: str
    start: int
    end: int
    rule_title: str = ""  # what the DOCX report shows (never the id); the CSV keeps the id

    def csv(self) -> list[str]:
        return [
            self.page, self.section, self.segment_id, self.article, self.excerpt, self.context,
            self.rule, self.category, self.severity, self.message, self.suggestion, self.status,
            self.reason, str(self.start), str(self.end),
        ]


def report_label(seg: Segment) -> str:
    """Article title; for other pages their kind (and title): 目录页, 新闻：东越双周观察."""
    if seg.kind == "article":
        return segment_label(seg)
    kind = SECTION_FALLBACK.get(seg.kind, seg.kind)
    if seg.title and seg.kind not in ("toc", "masthead", "editorial_board"):
        return f"{kind}：{seg.title}"
    return kind


def counts_as_error(f: Finding) -> bool:
    return f.status == "open" and f.severity == "error"


def char_count(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


def _texts(issue: Issue, texts: dict[str, str] | None) -> dict[str, str]:
    out = {s.id: s.editable_text()[0] for s in issue.segments}
    out.update(texts or {})
    return out


def _context(text: str, f: Finding, width: int = 10) -> str:
    if not (0 <= f.start <= f.end <= len(text)) or (f.excerpt and text[f.start:f.end] != f.excerpt):
        return ""
    left = text[max(0, f.start - width):f.start].replace("\n", "↵")
    right = text[f.end:f.end + width].replace("\n", "↵")
    mid = text[f.start:f.end].replace("\n", "↵")
    return f"{'…' if f.start > width else ''}{left}【{mid}】{right}{'…' if f.end + width < len(text) else ''}"


def _suggestion(f: Finding) -> str:
    if f.suggestion is None:
        return ""
    return f.suggestion if f.suggestion else "（删除）"


def _how(how: str, rule_titles: dict[str, str]) -> str:
    """What resolved a finding, for people: "fix <rule id>" names the rule by its title."""
    for prefix, word in (("bulk fix ", "批量修改："), ("fix ", "采纳建议：")):
        if how.startswith(prefix):
            rule = how.removeprefix(prefix)
            return word + rule_titles.get(rule, "") if rule in rule_titles else word.rstrip("：")
    return how


def build_rows(
    issue: Issue,
    findings: list[Finding],
    texts: dict[str, str] | None = None,
    rule_titles: dict[str, str] | None = None,
    messages: Callable[[Finding], str] | None = None,
) -> list[Row]:
    """Report rows in issue order, then by position. Raises ExportError for a
    finding naming a segment the issue does not have."""
    check_texts(issue, texts, "texts")
    segs = {s.id: s for s in issue.segments}
    order = {s.id: i for i, s in enumerate(issue.segments)}
    all_texts = _texts(issue, texts)
    rows: list[tuple[tuple, Row]] = []
    for f in findings:
        sid = f.segment_key or ""
        seg = segs.get(sid)
        if sid and seg is None:
            raise ExportError(f"问题 {f.rule} 指向未知的文章编号 {sid} / Finding {f.rule} names unknown segment {sid}")
        text = all_texts.get(sid, "")
        row = Row(
            page=str(seg.page) if seg is not None and seg.page is not None else "",
            section=seg.section if seg is not None else "",
            segment_id=sid,
            article=report_label(seg) if seg is not None else "（全刊）",
            excerpt=f.excerpt.replace("\n", "↵"),
            context=_context(text, f) if seg is not None else "",
            rule=f.rule,
            category=CATEGORY_ZH.get(f.category, f.category),
            severity=SEVERITY_ZH.get(f.severity, f.severity),
            message=messages(f) if messages is not None else f.message,
            suggestion=_suggestion(f),
            status=STATUS_ZH.get(f.status, f.status),
            reason=f.reason or _how(f.resolved_how, rule_titles or {}),
            start=f.start,
            end=f.end,
            rule_title=(rule_titles or {}).get(f.rule, ""),
        )
        rows.append(((order.get(sid, len(order)), f.start, f.end, f.rule), row))
    rows.sort(key=lambda x: x[0])
    return [r for _k, r in rows]


@dataclass
class ArticleSummary:
    segment: Segment
    chars: int
    by_category: Counter
    open: int
    dismissed: int
    errors: int
    rate: float


def summarize(
    issue: Issue,
    findings: list[Finding],
    texts: dict[str, str] | None = None,
    rates: dict | None = None,
) -> tuple[list[ArticleSummary], int, int, float]:
    """Per-segment summaries (articles, plus other segments having findings)
    and (total characters, total errors, issue rate). The issue's figures are
    those of the article texts: other pages (contents, news, sponsored pages)
    are listed with their counts but not rated."""
    all_texts = _texts(issue, texts)
    article_rates: dict = (rates or {}).get("articles") or {}
    per: dict[str, list[Finding]] = {}
    for f in findings:
        per.setdefault(f.segment_key or "", []).append(f)
    out: list[ArticleSummary] = []
    for seg in issue.segments:
        fs = per.get(seg.id, [])
        if seg.kind != "article" and not fs:
            continue
        chars = char_count(all_texts[seg.id])
        errors = sum(1 for f in fs if counts_as_error(f))
        rate = article_rates.get(seg.id)
        if rate is None:
            rate = errors * 10000 / chars if chars else 0.0
        out.append(
            ArticleSummary(
                segment=seg,
                chars=chars,
                by_category=Counter(f.category for f in fs if f.status == "open"),
                open=sum(1 for f in fs if f.status == "open"),
                dismissed=sum(1 for f in fs if f.status == "dismissed"),
                errors=errors,
                rate=float(rate),
            )
        )
    articles = [a for a in out if a.segment.kind == "article"]
    total_chars = sum(a.chars for a in articles)
    total_errors = sum(a.errors for a in articles)
    total_rate = (rates or {}).get("issue")
    if total_rate is None:
        total_rate = total_errors * 10000 / total_chars if total_chars else 0.0
    return out, total_chars, total_errors, float(total_rate)


def _verdict(rate: float) -> str:
    return "合格" if rate <= RATE_LIMIT else "超标"


# -- DOCX ---------------------------------------------------------------------


def _table(widths: list[int], header: list[str], rows: list[list[str]]) -> etree._Element:
    """A fixed-layout grid table; the header row repeats on every page."""
    tbl = ooxml.make("tbl")
    pr = sub(tbl, "tblPr")
    sub(pr, "tblStyle", val="TableGrid")
    sub(pr, "tblW", w=str(sum(widths)), type="dxa")
    sub(pr, "tblLayout", type="fixed")
    grid = sub(tbl, "tblGrid")
    for w in widths:
        sub(grid, "gridCol", w=str(w))
    for k, cells in enumerate([header] + rows):
        tr = sub(tbl, "tr")
        trpr = sub(tr, "trPr")
        sub(trpr, "cantSplit")
        if k == 0:
            sub(trpr, "tblHeader")
        for w, text in zip(widths, cells, strict=True):
            tc = sub(tr, "tc")
            tcpr = sub(tc, "tcPr")
            sub(tcpr, "tcW", w=str(w), type="dxa")
            if k == 0:
                sub(tcpr, "shd", val="clear", color="auto", fill="E7E6E6")
            p = sub(tc, "p")
            sub(sub(p, "pPr"), "pStyle", val="ReportCell")
            if text:
                ooxml.run(p, text, bold=k == 0)
    return tbl


def export_report_docx(
    issue: Issue,
    findings: list[Finding],
    out_path: str | os.PathLike,
    *,
    rates: dict | None = None,
    review_status: dict[str, str] | None = None,
    author: str = "",
    texts: dict[str, str] | None = None,
    date: datetime | None = None,
    rule_titles: dict[str, str] | None = None,
    messages: Callable[[Finding], str] | None = None,
) -> Path:
    """The quality report: overall figures, one row per article (counts by
    category, error rate against 万分之二, review status) and every finding.
    ``rule_titles`` (rule id -> title) and ``messages`` (finding -> message) give
    the words of the export's language; a rule is never named by its id."""
    rows = build_rows(issue, findings, texts, rule_titles, messages)
    summaries, total_chars, total_errors, total_rate = summarize(issue, findings, texts, rates)
    review_status = review_status or {}
    when = utc_date(date)
    doc = docx.Document()
    styles.drop_template_extras(doc)
    styles.install_styles(doc, styles.SIMPLIFIED, landscape=True)
    styles.clear_body(doc)
    styles.setup_page(doc, landscape=True)
    label = issue.masthead.label() if issue.masthead.title else (issue.source_name or "期刊")
    styles.setup_header_footer(doc, f"{label} · 编校质量报告", cover_page=False)
    styles.setup_settings(doc, update_fields=False, lang="zh-CN")
    styles.setup_properties(doc, title=f"{label} 编校质量报告", author=author, date=when, subject="编校质量报告")
    # marked as ours, so that import-docx refuses it instead of taking it for a manuscript
    provenance.set_custom_properties(doc, issue, label=label, kind="report", edition="zh-CN", revisions=None)

    def add(style: str, text: str = "") -> etree._Element:
        p = ooxml.paragraph(style)
        if text:
            ooxml.run(p, text)
        styles.body_append(doc, p)
        return p

    add("Heading1", "编校质量报告")
    m = issue.masthead
    sub_line = label + (f"（总第{m.total_number}期）" if m.total_number else "")
    add("Subtitle", sub_line)
    add("Byline", f"生成于 {zh_date(when)}" + (f" · {author}" if author else ""))

    status = Counter(f.status for f in findings)
    n_articles = sum(1 for s in summaries if s.segment.kind == "article")
    add("Heading2", "一、总体情况")
    add(
        "ReportNote",
        f"本期文章 {n_articles} 篇，正文 {total_chars:,} 字；发现问题 {len(findings)} 条"
        f"（待处理 {status.get('open', 0)}、已解决 {status.get('resolved', 0)}、已排除 {status.get('dismissed', 0)}）。",
    )
    add(
        "ReportNote",
        f"计入差错 {total_errors} 处，差错率为万分之 {total_rate:.2f}（标准：不超过万分之 {RATE_LIMIT:g}），"
        f"结论：{_verdict(total_rate)}。",
    )
    add(
        "ReportNote",
        "说明：待处理的“错误”级问题计入差错；“提醒”“提示”级问题待人工确认，已修改、已排除的问题不计入。"
        "字数为当前正文不含空白的字符数；各篇差错率按文章正文计算，目录、新闻、专版等其他版面只列问题数。",
    )

    add("Heading2", "二、各篇情况")
    cats = list(CATEGORIES)
    header = ["页码", "栏目", "文章", "字数"] + [CATEGORY_ZH[c] for c in cats] + ["待处理", "差错", "差错率(‱)", "结论", "审读状态"]
    widths = [600, 1300, 2800, 800] + [780] * len(cats) + [800, 650, 1000, 700, 1100]
    body_rows = []
    for s in summaries:
        seg = s.segment
        rated = seg.kind == "article"
        body_rows.append(
            [str(seg.page) if seg.page is not None else "", seg.section, report_label(seg), str(s.chars)]
            + [str(s.by_category.get(c, 0) or "") for c in cats]
            + [str(s.open), str(s.errors), f"{s.rate:.2f}" if rated else "—", _verdict(s.rate) if rated else "—",
               review_status.get(seg.id, "—")]
        )
    styles.body_append(doc, _table(widths, header, body_rows))

    add("Heading2", "三、问题清单")
    header = ["页码", "文章", "摘录", "规则", "级别", "说明", "建议", "状态"]
    widths = [650, 1900, 2650, 2600, 600, 3300, 1100, 850]
    body_rows = [
        [r.page, r.article, r.context or r.excerpt, r.rule_title or r.category, r.severity, r.message, r.suggestion,
         r.status + (f"（{r.reason}）" if r.reason else "")]
        for r in rows
    ]
    if body_rows:
        styles.body_append(doc, _table(widths, header, body_rows))
    else:
        add("ReportNote", "未发现问题。")
    return write_atomic(out_path, docx_writer(doc))


# -- CSV ----------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    """Keep spreadsheet programs from reading a cell as a formula."""
    if len(value) > 1 and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def export_report_csv(
    issue: Issue,
    findings: list[Finding],
    out_path: str | os.PathLike,
    *,
    texts: dict[str, str] | None = None,
) -> Path:
    """The findings table as CSV, UTF-8 with a BOM so that Excel reads Chinese."""
    rows = build_rows(issue, findings, texts)

    def write(tmp: str) -> None:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(CSV_HEADER)
            for r in rows:
                w.writerow([_cell(v) for v in r.csv()])

    return write_atomic(out_path, write)
