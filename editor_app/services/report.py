"""Readable text reports of findings, grouped by article and category."""

from __future__ import annotations

from collections import Counter, defaultdict

from editor_app.checks import LIMIT

from . import rule_texts

CATEGORY_LABELS = {
    "number": "数字",
    "script": "字形",
    "punctuation": "标点",
    "wording": "用词",
    "consistency": "一致性",
}
SEVERITY_LABELS = {"error": "错误", "warning": "疑似", "info": "提示"}
LIST_AT_MOST = 5  # findings of one rule in one article listed one by one; more are summarised


def findings_text(res) -> str:
    issue = res.issue
    by_seg: dict[str | None, list] = defaultdict(list)
    for f in res.findings:
        by_seg[f.segment_key].append(f)
    m = issue.masthead
    lines = [f"《{m.title}》{m.year}年第{m.number}期 校对报告 / proofreading report", ""]
    total = Counter(f.severity for f in res.findings if f.status == "open")
    lines.append(
        "待处理 / open: "
        + "，".join(f"{SEVERITY_LABELS[s]} {total.get(s, 0)}" for s in ("error", "warning", "info"))
        + f"；差错率 {res.rates['issue']:.2f}/万（限 {LIMIT:.0f}/万） / error rate per 10,000"
    )
    for seg in issue.segments:
        fs = [f for f in by_seg.get(seg.id, []) if f.status == "open"]
        if not fs:
            continue
        label = f"P{seg.page} {seg.title}" if seg.kind == "article" else f"[{seg.kind}] {seg.title}"
        name = str(seg.library_id) if seg.library_id is not None else seg.id
        rate = res.rates["articles"].get(name)
        rate_text = f"  差错率 {rate:.2f}/万" if rate is not None else ""
        lines.append("")
        lines.append(f"■ {label}  ({len(fs)}){rate_text}")
        by_cat: dict[str, list] = defaultdict(list)
        for f in fs:
            by_cat[f.category].append(f)
        for cat in CATEGORY_LABELS:
            if cat not in by_cat:
                continue
            lines.append(f"  {CATEGORY_LABELS[cat]} / {cat}: {len(by_cat[cat])}")
            by_rule: dict[str, list] = defaultdict(list)
            for f in by_cat[cat]:
                by_rule[f.rule].append(f)
            for rule, items in by_rule.items():
                # people read the rule's title; the id is for --json and configuration
                title = rule_texts.rule_title(rule)
                shown = items if len(items) <= LIST_AT_MOST else items[:2]
                for f in shown:
                    sug = f" → {f.suggestion}" if f.suggestion is not None else ""
                    lines.append(f"    [{SEVERITY_LABELS[f.severity]}] {title} 「{f.excerpt}」{sug}：{f.message}")
                if len(items) > len(shown):
                    lines.append(f"    … {title} 另有 {len(items) - len(shown)} 处（可批量修改 / bulk-fixable）")
    return "\n".join(lines)
