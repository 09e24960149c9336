"""Applying suggestions: one text, many findings, right to left, never overlapping.

A finding is applicable when it is open, has a suggestion, its span lies inside
the text and the text still holds its excerpt there (a stale finding is skipped,
never applied at a shifted place). Overlapping findings: the one that starts
first wins (on a tie, the longer span, then the more severe); the others are
skipped. Two zero-length insertions at the same place also overlap.
"""

from __future__ import annotations

from collections.abc import Iterable

from editor_app.model import Finding

_RANK = {"error": 0, "warning": 1, "info": 2}


def _applicable(text: str, f: Finding) -> bool:
    if f.status != "open" or f.suggestion is None or not (0 <= f.start <= f.end <= len(text)):
        return False
    return text[f.start : f.end] == f.excerpt or (not f.excerpt and f.start == f.end)


def select(text: str, findings: Iterable[Finding]) -> tuple[list[Finding], list[Finding]]:
    """(findings to apply in position order, skipped findings)."""
    chosen: list[Finding] = []
    skipped: list[Finding] = []
    cands = []
    for f in findings:
        (cands if _applicable(text, f) else skipped).append(f)
    cands.sort(key=lambda f: (f.start, -(f.end - f.start), _RANK.get(f.severity, 3)))
    for f in cands:
        if chosen:
            prev = chosen[-1]  # chosen spans are disjoint and sorted: the last ends last
            if f.start < prev.end or f.start == f.end == prev.start == prev.end:
                skipped.append(f)
                continue
        chosen.append(f)
    return chosen, skipped


def apply_fixes(text: str, findings: Iterable[Finding]) -> tuple[str, list[Finding], list[Finding]]:
    """Apply the suggestions of ``findings`` to ``text``: (new text, applied, skipped)."""
    chosen, skipped = select(text, findings)
    out = text
    for f in reversed(chosen):
        out = out[: f.start] + f.suggestion + out[f.end :]
    return out, chosen, skipped


def preview(text: str, findings: Iterable[Finding], context: int = 6) -> list[tuple[str, str]]:
    """``(before, after)`` excerpts, with ``context`` characters each side, for each fix that would apply."""
    chosen, _ = select(text, findings)
    out = []
    for f in chosen:
        left = text[max(0, f.start - context) : f.start]
        right = text[f.end : f.end + context]
        out.append((left + text[f.start : f.end] + right, left + f.suggestion + right))
    return out
