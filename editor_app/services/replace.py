"""Find and replace in one article or in the whole issue (no Qt).

``preview`` lists every change before anything is written (article, the match,
its replacement and some context on either side); ``apply`` writes one
revision per changed article, each only if the article is still at the version
the preview read (``Library.save_text(..., expected_version=...)``), and returns
what it changed; ``undo`` restores, per article, the revision the replace
replaced (a restore is itself a new revision: nothing is lost).

Options: match case; whole word (a Latin word or number is not matched inside
a longer one — Chinese has no spaces, so for Chinese text it changes nothing);
full-/half-width-insensitive (Ａ = A, １ = 1, （ = (, the ideographic space =
space); regular expressions (Python ``re`` syntax; ``\\1`` and ``\\g<name>`` in
the replacement).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from editor_app.model import Revision
from editor_app.store import Library

from . import checking
from .changes import OpChanges
from .issues import UserError

CONTEXT_CHARS = 14
NOTE_PREFIX = "replace "

# full-width ASCII variants and the ideographic space -> their half-width forms (1:1, so
# offsets into the folded text are offsets into the original)
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_WORD_RE = re.compile(r"[0-9A-Za-z_\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff3f]")


@dataclass(frozen=True)
class ReplaceOptions:
    match_case: bool = False
    whole_word: bool = False
    width_insensitive: bool = False
    regex: bool = False


@dataclass(frozen=True)
class Match:
    seg_id: int
    start: int  # indices into the article's current text
    end: int
    found: str
    replacement: str
    before: str  # context
    after: str


@dataclass
class ArticleChange:
    seg_id: int
    title: str
    version: int  # the version the preview read
    text: str  # the current text the matches index
    matches: list[Match]

    def new_text(self, skip: frozenset[int] = frozenset()) -> str:
        """The text with every match replaced except those whose ``start`` is in ``skip``."""
        out, pos = [], 0
        for m in self.matches:
            if m.start in skip:
                continue
            out.append(self.text[pos : m.start])
            out.append(m.replacement)
            pos = m.end
        out.append(self.text[pos:])
        return "".join(out)


@dataclass
class ReplacePreview:
    issue_id: int
    query: str
    replacement: str
    options: ReplaceOptions
    seg_id: int | None  # None: the whole issue
    changes: list[ArticleChange] = field(default_factory=list)

    @property
    def n_matches(self) -> int:
        return sum(len(c.matches) for c in self.changes)

    @property
    def note(self) -> str:
        return f"{NOTE_PREFIX}「{self.query}」→「{self.replacement}」"


@dataclass
class ReplaceResult:
    changed: list[tuple[int, Revision]]  # (segment id, the new revision), one per article
    stale: list[int]  # articles edited since the preview: left alone
    note: str = ""
    changes: OpChanges = OpChanges()  # what the window refreshes

    @property
    def n_articles(self) -> int:
        return len(self.changed)


def fold_width(text: str) -> str:
    return text.translate(_WIDTH)


def compile_query(query: str, options: ReplaceOptions) -> re.Pattern:
    """The pattern that finds ``query`` in (width-folded, if asked) text."""
    if not query:
        raise UserError("请输入要查找的内容 (nothing to find)")
    if options.regex:
        pattern = query
        if options.width_insensitive:  # a full-width character in a pattern is meant literally
            pattern = "".join(re.escape(fold_width(c)) if ord(c) in _WIDTH else c for c in pattern)
    else:
        pattern = re.escape(fold_width(query) if options.width_insensitive else query)
    flags = 0 if options.match_case else re.IGNORECASE
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise UserError(f"正则表达式有误：{exc} (invalid regular expression: {exc})") from None


def _is_word(ch: str) -> bool:
    return bool(ch) and _WORD_RE.match(ch) is not None


def find_in_text(text: str, query: str, replacement: str, options: ReplaceOptions,
                 seg_id: int = 0, context: int = CONTEXT_CHARS) -> list[Match]:
    """Every non-empty, non-overlapping match of ``query`` in ``text`` with its replacement."""
    rx = compile_query(query, options)
    hay = fold_width(text) if options.width_insensitive else text
    out: list[Match] = []
    for m in rx.finditer(hay):
        s, e = m.span()
        if s == e:
            continue
        if options.whole_word:
            if _is_word(text[s]) and s > 0 and _is_word(text[s - 1]):
                continue
            if _is_word(text[e - 1]) and e < len(text) and _is_word(text[e]):
                continue
        if options.regex:
            try:
                rep = m.expand(replacement)
            except (re.error, IndexError) as exc:
                raise UserError(f"替换内容有误：{exc} (invalid replacement: {exc})") from None
        else:
            rep = replacement
        out.append(Match(seg_id, s, e, text[s:e], rep, text[max(0, s - context) : s], text[e : e + context]))
    return out


def preview(lib: Library, issue_id: int, query: str, replacement: str,
            options: ReplaceOptions = ReplaceOptions(), seg_id: int | None = None) -> ReplacePreview:
    """Every change a replace would make in the issue (or in article ``seg_id``); nothing is written."""
    compile_query(query, options)  # bad input fails before any article is read
    rows = lib.segments(issue_id)
    if seg_id is not None:
        rows = [r for r in rows if r.id == seg_id]
        if not rows:
            raise UserError(f"本期没有这篇文章：{seg_id} (no such article in issue {issue_id})")
    pv = ReplacePreview(issue_id, query, replacement, options, seg_id)
    for row in rows:
        text, version = lib.current_text(row.id)
        matches = [m for m in find_in_text(text, query, replacement, options, row.id) if m.found != m.replacement]
        if matches:
            pv.changes.append(ArticleChange(row.id, row.title, version, text, matches))
    return pv


def apply(lib: Library, pv: ReplacePreview, author: str,
          skip: dict[int, frozenset[int]] | None = None, check: bool = True) -> ReplaceResult:
    """Write the previewed changes: one revision per article (note "replace 「…」→「…」").
    ``skip[seg_id]`` holds match starts the user left out. An article edited since the
    preview is left alone and listed in ``stale``. The issue is re-checked afterwards."""
    skip = skip or {}
    changed: list[tuple[int, Revision]] = []
    stale: list[int] = []

    def write() -> list[Revision]:
        for ch in pv.changes:
            left_out = frozenset(skip.get(ch.seg_id, ()))
            if all(m.start in left_out for m in ch.matches):
                continue
            text, version = lib.current_text(ch.seg_id)
            if version != ch.version or text != ch.text:
                stale.append(ch.seg_id)
                continue
            rev = lib.save_text(ch.seg_id, ch.new_text(left_out), author, expected_version=ch.version,
                                note=pv.note)
            changed.append((ch.seg_id, rev))
        return [r for _s, r in changed]

    if check:
        res = checking.write_and_recheck(lib, pv.issue_id, write, pv.note, author)
        return ReplaceResult(changed, stale, pv.note, res.changes)
    with lib.atomic():
        write()
    return ReplaceResult(changed, stale, pv.note,
                         OpChanges.of(pv.issue_id, [s for s, _r in changed], text=bool(changed)))


def _revision_before(lib: Library, rev: Revision) -> Revision | None:
    """The revision that was current when ``rev`` was saved (conflict copies never were)."""
    older = [r for r in lib.revisions(rev.segment_id) if r.number < rev.number and r.note != "conflict"]
    return max(older, key=lambda r: r.number) if older else None


def undo(lib: Library, changed: list[tuple[int, Revision]], author: str, check: bool = True) -> ReplaceResult:
    """Undo a replace: per article, restore the revision before the replace's one — only
    where the replace's revision is still current (later edits are never thrown away)."""
    restored: list[tuple[int, Revision]] = []
    stale: list[int] = []
    if not changed:
        return ReplaceResult(restored, stale)
    issue_id = lib.segment(changed[0][0]).issue_id

    def write() -> list[Revision]:
        for seg_id, rev in changed:
            current = lib.current_revision(seg_id)
            before = _revision_before(lib, rev)
            if current.id != rev.id or before is None:
                stale.append(seg_id)
                continue
            _text, version = lib.current_text(seg_id)
            restored.append((seg_id, lib.restore(before.id, author, expected_version=version)))
        return [r for _s, r in restored]

    note = "undo " + (changed[0][1].note or "replace")
    if check:
        res = checking.write_and_recheck(lib, issue_id, write, note, author)
        return ReplaceResult(restored, stale, note, res.changes)
    with lib.atomic():
        write()
    return ReplaceResult(restored, stale, note,
                         OpChanges.of(issue_id, [s for s, _r in restored], text=bool(restored)))
