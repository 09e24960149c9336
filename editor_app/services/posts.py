"""People and posts across the library: what each issue prints, and what the issues
before it printed (``consistency.person_post`` reads the latter).

Kept in step with checking: every check of an issue (:func:`checking.recheck`)
rewrites the posts its current texts print (``issue_posts`` in the store), so a
later issue reads the earlier issues' posts with one query instead of re-reading
their texts. An edit of an earlier issue re-checks it, which rewrites its posts,
which changes the later issues' state digest (``LibraryFacts``), so their
findings are brought up to date when they are opened.
"""

from __future__ import annotations

from editor_app.checks.core import LibraryFacts
from editor_app.checks.lexicon import PostFact
from editor_app.checks.rules.consistency import posts as rule
from editor_app.checks.segments import PROSE_KINDS, segment_text
from editor_app.model import Issue
from editor_app.store import Library, PostRow

from . import lexicon as lexicon_svc

EXCERPT = 40


def issue_label(year: int | None, number: int | None) -> str:
    return f"{year}年第{number}期" if year is not None and number is not None else ""


# (library file, issue id) -> the state whose posts this process recorded last: a re-check
# that changed no text (rules, allowlist, lexicon without people) rewrites nothing
_RECORDED: dict[tuple[str, int], tuple] = {}


def record(lib: Library, issue_id: int, issue: Issue, resources, lexicon: tuple = ()) -> list[PostRow] | None:
    """Store the posts the issue's current texts print (past posts left out); None when
    this process recorded them for the same texts and lexicon people already."""
    people = tuple(sorted(i.term for i in lexicon if i.kind == "person"))
    state = (tuple(sorted(lib.current_revisions(issue_id).items())), people)
    key = (str(lib.path or id(lib)), issue_id)
    done = _RECORDED.get(key)
    if done is not None and done[0] == state and lib.issue_post_count(issue_id) == done[1]:
        return None  # (the count catches rows gone with a deleted issue whose ids came back)
    rows: list[PostRow] = []
    for seg in issue.segments:
        if seg.kind not in PROSE_KINDS or seg.library_id is None:
            continue
        text = segment_text(issue, seg)[0]
        for m in rule.mentions_in(text, seg.id, resources, lexicon):
            excerpt = text[max(0, m.start - 10) : m.end + 20].replace("\n", " ")[:EXCERPT + 20]
            for p in m.posts:
                rows.append(PostRow(issue_id, m.name, str(p), p.org, p.head, seg.library_id, m.start, excerpt))
    lib.replace_issue_posts(issue_id, rows)
    if len(_RECORDED) > 256:
        _RECORDED.clear()
    _RECORDED[key] = (state, len(rows))
    return rows


def earlier_facts(lib: Library, issue_id: int | None) -> tuple[PostFact, ...]:
    """The posts printed for each person in the most recent issue before ``issue_id``."""
    if issue_id is None:
        return ()
    out: dict[tuple[str, str], PostFact] = {}
    for r in lib.earlier_posts(issue_id):
        out.setdefault((r.name, r.post), PostFact(
            r.name, r.post, r.org, r.head, r.issue_id, issue_label(r.year, r.number)))
    return tuple(out.values())


def facts(lib: Library, issue_id: int | None) -> dict:
    """The people-and-lexicon part of ``checking.library_facts``."""
    return {"posts": earlier_facts(lib, issue_id), "lexicon": lexicon_svc.items(lib)}


def with_facts(base: LibraryFacts, lib: Library, issue_id: int | None) -> LibraryFacts:
    from dataclasses import replace

    return replace(base, **facts(lib, issue_id))
