"""Lines of the source with their offsets, and text normalisation helpers."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    no: int  # 0-based line number
    start: int  # source offset of the first character
    end: int  # source offset just past the last character, excluding the line break
    text: str  # the line without its line break

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def blank(self) -> bool:
        return not self.text.strip()


_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029")


def split_lines(text: str) -> list[Line]:
    """Every line of ``text``; the line breaks sit between ``Line.end`` and the next start."""
    lines: list[Line] = []
    pos = 0
    no = 0
    for m in _BREAK.finditer(text):
        lines.append(Line(no, pos, m.start(), text[pos : m.start()]))
        pos = m.end()
        no += 1
    lines.append(Line(no, pos, len(text), text[pos:]))
    return lines


_SPACES = re.compile(r"[\s\u3000\u00a0]+")
# marks that differ between TOC and article only by their printed form
_MARK_FOLD = str.maketrans({"『": "“", "』": "”", "「": "“", "」": "”", "＂": '"'})


def nospace(s: str) -> str:
    return _SPACES.sub("", s)


def fold(s: str) -> str:
    """Compare form: NFKC (full-width -> half-width), no whitespace, no bullets."""
    s = unicodedata.normalize("NFKC", s)
    s = s.replace("■", "").replace("●", "").replace("•", "")
    return _SPACES.sub("", s)


def fold_marks(s: str) -> str:
    """Like :func:`fold`, and also treat 『』「」 as “”."""
    return fold(s.translate(_MARK_FOLD))


def collapse(s: str) -> str:
    """Whitespace runs to one space, trimmed."""
    return _SPACES.sub(" ", s).strip()


HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
SENTENCE_END = tuple("。！？!?…”’\"）)】》；;：:—")
SENTENCE_INNER = re.compile(r"[。，,；;！？!?]")


END_MARKS = "☺🌀🌟★☆"


def ends_sentence(s: str) -> bool:
    s = s.rstrip().rstrip(END_MARKS).rstrip()
    return bool(s) and s.endswith(SENTENCE_END)


PARAGRAPH_END = tuple("。！？!?…；;")


def ends_paragraph(s: str) -> bool:
    """Ends with a mark that closes a sentence for sure (not a closing quote or bracket)."""
    s = s.rstrip()
    return bool(s) and s.endswith(PARAGRAPH_END)
