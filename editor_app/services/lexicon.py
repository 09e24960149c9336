"""The house lexicon (词库): people and their posts, organisation names, standard
formulations (规范提法) and their wrong variants.

The rules read it through ``LibraryFacts.lexicon`` (``consistency.person_post``,
``consistency.house_formulation``; the script rules and ``wording.typo`` /
``wording.duplicated`` leave its names alone), so it is part of the state digest:
a change re-checks the open issue (``recheck_issue``) and the other issues are
re-checked when they are opened, as after a change of the rule settings.

CSV (UTF-8, with or without BOM; a header line ``kind,term,post,variants,note``):
``kind`` is person / organisation / formulation (or 人名 / 机构 / 提法), wrong
variants are separated by ``|``. ``resources/lexicon/example.csv`` documents it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from editor_app.checks.lexicon import LexiconItem
from editor_app.store import LEXICON_KINDS, LexiconEntry, Library, LibraryError

from .changes import OpChanges
from .issues import UserError

COLUMNS = ("kind", "term", "post", "variants", "note")
KIND_NAMES = {
    "person": "person", "人名": "person", "人物": "person", "people": "person",
    "organisation": "organisation", "organization": "organisation", "机构": "organisation",
    "单位": "organisation", "机构名称": "organisation", "org": "organisation",
    "formulation": "formulation", "提法": "formulation", "规范提法": "formulation",
}
KIND_LABELS = {"person": "人名", "organisation": "机构", "formulation": "提法"}


@dataclass
class LexiconResult:
    entries: list[LexiconEntry]  # the entries added or changed
    changes: OpChanges
    skipped: int = 0  # CSV rows left out (blank)


def items(lib: Library) -> tuple[LexiconItem, ...]:
    """The lexicon as the rules see it (``LibraryFacts.lexicon``)."""
    return tuple(LexiconItem(e.kind, e.term, e.post, e.variants) for e in lib.lexicon())


# rules that must never convert or "fix" a name of the lexicon (rule ids or categories)
PROTECTED_FROM = ("script", "wording.typo", "wording.duplicated")


def protected(lexicon) -> list[tuple[str, str]]:
    """Allowlist entries (word, rule) keeping the lexicon's names of people and
    organisations (and the variants the house keeps for them: none, variants are
    wrong forms) away from the rules that convert or fix characters."""
    from editor_app.checks.lexicon import names

    return [(n, r) for n in names(lexicon) for r in PROTECTED_FROM]


def entries(lib: Library, kind: str | None = None) -> list[LexiconEntry]:
    if kind is not None:
        kind = _kind(kind)
    return lib.lexicon(kind)


def _kind(kind: str) -> str:
    k = KIND_NAMES.get((kind or "").strip().lower()) or KIND_NAMES.get((kind or "").strip())
    if k is None:
        raise UserError(
            f"词库类别未知：{kind}（可用 person / organisation / formulation）"
            f" (unknown lexicon kind {kind!r}: use {', '.join(LEXICON_KINDS)})"
        )
    return k


def _recheck(lib: Library, issue_id: int | None) -> OpChanges:
    from . import checking

    changes = OpChanges.of(issue_id, None, settings=True)
    if issue_id is not None:
        changes = changes | checking.recheck(lib, issue_id, "rules", listing=False).changes
    return changes


def _put(lib: Library, kind: str, term: str, post: str, variants, note: str) -> LexiconEntry:
    kind = _kind(kind)
    term = (term or "").strip()
    if not term:
        raise UserError("请输入词条 (enter a term)")
    if kind != "person" and (post or "").strip():
        raise UserError("只有人名词条可以填写职务 (only a person has a post)")
    try:
        return lib.put_lexicon_entry(kind, term, post, variants, note)
    except LibraryError as exc:
        raise UserError(str(exc)) from None


def add(lib: Library, kind: str, term: str, post: str = "", variants="", note: str = "",
        recheck_issue: int | None = None) -> LexiconResult:
    """Add an entry (or replace the post, variants and note of the same kind and term)."""
    with lib.atomic():
        entry = _put(lib, kind, term, post, variants, note)
        return LexiconResult([entry], _recheck(lib, recheck_issue))


def remove(lib: Library, entry_ids: list[int], recheck_issue: int | None = None) -> LexiconResult:
    with lib.atomic():
        gone = [e for e in (lib.lexicon_entry(i) for i in entry_ids) if e is not None]
        for e in gone:
            lib.remove_lexicon_entry(e.id)
        if not gone:
            return LexiconResult([], OpChanges())
        return LexiconResult(gone, _recheck(lib, recheck_issue))


def parse_csv(text: str) -> tuple[list[tuple[str, str, str, str, str]], int]:
    """Rows (kind, term, post, variants, note) of a lexicon CSV, and the number of blank
    rows left out. Lines starting with # are comments."""
    text = text.lstrip("\ufeff")
    lines = [ln for ln in text.splitlines() if not ln.lstrip().startswith("#")]
    reader = csv.reader(lines)
    rows: list[tuple[str, str, str, str, str]] = []
    skipped = 0
    header = None
    for n, rec in enumerate(reader, 1):
        cells = [c.strip() for c in rec]
        if header is None:
            if [c.lower() for c in cells[:2]] == ["kind", "term"] or cells[:2] == ["类别", "词条"]:
                header = cells
                continue
            header = list(COLUMNS)
        if not any(cells):
            skipped += 1
            continue
        cells += [""] * (len(COLUMNS) - len(cells))
        if not cells[1]:
            raise UserError(f"第 {n} 行缺少词条 (line {n}: no term)")
        try:
            kind = _kind(cells[0])
        except UserError as exc:
            raise UserError(f"第 {n} 行：{exc}") from None
        rows.append((kind, cells[1], cells[2], cells[3], cells[4]))
    return rows, skipped


def import_csv(lib: Library, path: str | Path, recheck_issue: int | None = None) -> LexiconResult:
    """Add or update every entry of a CSV file, in one transaction."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"无法读取词库文件：{path} (cannot read {path}: {exc})") from None
    rows, skipped = parse_csv(text)
    with lib.atomic():
        out = [_put(lib, *r) for r in rows]
        changes = _recheck(lib, recheck_issue) if out else OpChanges()
        return LexiconResult(out, changes, skipped)


def to_csv(lib: Library) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for e in lib.lexicon():
        w.writerow((e.kind, e.term, e.post, "|".join(e.variants), e.note))
    return buf.getvalue()


def export_csv(lib: Library, path: str | Path) -> int:
    """Write the lexicon to ``path`` (UTF-8 with BOM, which spreadsheet programs read);
    returns the number of entries."""
    text = to_csv(lib)
    p = Path(path)
    tmp = p.with_name(p.name + ".tmp")
    try:
        tmp.write_text("\ufeff" + text, encoding="utf-8")
        tmp.replace(p)
    except OSError as exc:
        raise UserError(f"无法写入词库文件：{path} (cannot write {path}: {exc})") from None
    return len(text.splitlines()) - 1
