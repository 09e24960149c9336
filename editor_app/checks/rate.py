"""Error rate: open error-severity findings per 10,000 non-whitespace characters.

The regulator's bar for periodicals is at most 2 errors per 10,000 characters
(万分之二): :data:`LIMIT`. Only findings with ``severity == "error"`` and
``status == "open"`` count; warnings and infos need a person's judgement first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from editor_app.checks.segments import OTHER_KINDS, segment_text
from editor_app.model import Finding, Issue

LIMIT = 2.0  # errors per 10,000 characters
PER = 10_000
_WS = re.compile(r"\s")


def char_count(text: str) -> int:
    """Non-whitespace characters of ``text``."""
    return len(text) - len(_WS.findall(text))


def count_errors(findings: Iterable[Finding]) -> int:
    return sum(1 for f in findings if f.severity == "error" and f.status == "open")


def error_rate(findings: Iterable[Finding], text: str) -> float:
    """Open errors per 10,000 non-whitespace characters of ``text`` (0.0 for an empty text)."""
    n = char_count(text)
    if n == 0:
        return 0.0
    return count_errors(findings) * PER / n


def exceeds(rate: float) -> bool:
    return rate > LIMIT


def issue_error_rates(
    issue: Issue, findings: Iterable[Finding], texts: dict[str, str] | None = None
) -> dict[str, object]:
    """``{"issue": rate, "articles": {segment key: rate}}``.

    Article rates count the findings on that article over its current text.
    The issue rate counts every open error (articles and checked non-article
    segments such as the table of contents) over the characters of all the
    checked texts.
    """
    texts = texts or {}
    findings = list(findings)
    by_seg: dict[str | None, list[Finding]] = {}
    for f in findings:
        by_seg.setdefault(f.segment_key, []).append(f)
    articles: dict[str, float] = {}
    total_chars = 0
    for seg in issue.segments:
        if seg.kind == "article":
            text = texts[seg.id] if seg.id in texts else seg.editable_text()[0]
            articles[seg.id] = error_rate(by_seg.get(seg.id, []), text)
        elif seg.kind in OTHER_KINDS:
            text = texts[seg.id] if seg.id in texts else segment_text(issue, seg)[0]
        else:
            continue
        total_chars += char_count(text)
    total_errors = count_errors(findings)
    rate = total_errors * PER / total_chars if total_chars else 0.0
    return {"issue": rate, "articles": articles}
