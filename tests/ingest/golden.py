"""Digests of the reviewed parse of the reference issue.

The reference text must not be copied into the repo, so the golden file holds
digests: one per TOC entry (page, section, title, subtitle, authors, role) and
one per article (its title, authors, and the first and last few characters of
its editable text). Regenerate after a reviewed change with:

    .venv/bin/python -m tests.ingest.golden
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

GOLDEN = Path(__file__).with_name("golden_sample.json")


def _h(obj) -> str:
    return hashlib.sha256(json.dumps(obj, ensure_ascii=False).encode()).hexdigest()[:16]


def toc_digest(e) -> str:
    return _h([e.page, e.section, e.title, e.subtitle, e.authors, e.role])


def article_digest(seg) -> str:
    text = seg.text
    return _h([seg.page, seg.title, seg.authors, text[:8], text[-8:]])


def digests(issue) -> dict:
    return {
        "toc": [toc_digest(e) for e in issue.toc],
        "articles": {str(s.page): article_digest(s) for s in issue.articles()},
        "kinds": [s.kind for s in issue.segments],
    }


if __name__ == "__main__":  # pragma: no cover
    from editor_app.ingest import parse_file

    root = Path(__file__).resolve().parents[2]
    issue = parse_file(root.parent / "shared" / "samples" / "jrzj-2024-10.txt")
    GOLDEN.write_text(json.dumps(digests(issue), indent=1) + "\n", encoding="utf-8")
    print("wrote", GOLDEN)
