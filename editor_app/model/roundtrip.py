"""What an exported DOCX carries so that it can be read back (the round trip).

The exporter writes, and the DOCX reader looks for:

- custom document properties (``docProps/custom.xml``, shown by Word under
  File → Info → Properties → Advanced → Custom): the issue's identity (the
  source hash), its label, the export kind (``issue`` / ``article``), the
  edition language (``zh-CN``, ``zh-TW``, ``zh-HK``) and, when the library
  exported it, the revision and version of every article's text;
- bookmarks around the cover and contents (``EA_front``) and around each
  article's header fields and body (``EA_<key>_<field>``, the key being the
  segment key such as ``s02``).

Plain data and naming only; no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FORMAT_VERSION = "1"

PROP_FORMAT = "EditorApp.Format"
PROP_ISSUE = "EditorApp.Issue"
PROP_LABEL = "EditorApp.IssueLabel"
PROP_KIND = "EditorApp.Export"
PROP_EDITION = "EditorApp.Edition"
PROP_REVISIONS = "EditorApp.Revisions"

EDITION_SIMPLIFIED = "zh-CN"

FRONT_BOOKMARK = "EA_front"
# header fields in the order the exporter writes them, then the body
HEADER_FIELDS = ("column", "kicker", "title", "subtitle", "byline", "role")
BODY = "body"
FIELDS = HEADER_FIELDS + (BODY,)

_PLAIN_KEY = re.compile(r"[A-Za-z0-9]{1,24}")
_NAME = re.compile(r"EA_(?P<key>[A-Za-z0-9]+)_(?P<field>[a-z]+)")


def bookmark_name(key: str, field_: str) -> str:
    """A Word bookmark name (a letter first, letters, digits and _, at most 40
    characters) naming one field of one article."""
    if field_ not in FIELDS:
        raise ValueError(f"unknown field {field_!r}")
    token = key if _PLAIN_KEY.fullmatch(key) else "x" + key.encode("utf-8").hex()[:23]
    return f"EA_{token}_{field_}"


def parse_bookmark(name: str) -> tuple[str, str] | None:
    """(key token, field) of one of our bookmarks, ``("", "front")`` for the
    cover, else None. Keys that were hex-encoded come back as their token."""
    if name == FRONT_BOOKMARK:
        return "", "front"
    m = _NAME.fullmatch(name)
    if m is None or m.group("field") not in FIELDS:
        return None
    return m.group("key"), m.group("field")


def key_token(key: str) -> str:
    """The form of ``key`` inside bookmark names."""
    return bookmark_name(key, BODY)[3:-len(BODY) - 1]


@dataclass
class ExportedArticle:
    """One article as read back from an exported DOCX (changes accepted)."""

    key: str  # the key token of its bookmarks ("s02")
    fields: dict[str, str] = field(default_factory=dict)  # header field -> text as shown
    paragraphs: list[str] = field(default_factory=list)  # body paragraphs, empty ones kept
    has_body: bool = False  # the body's bookmark was found (an empty body has none)
    stray: list[str] = field(default_factory=list)  # unmarked paragraphs among the header fields

    @property
    def title(self) -> str:
        return self.fields.get("title", "")

    @property
    def text(self) -> str:
        return "\n".join(self.paragraphs)


@dataclass
class ExportedDocument:
    """An exported DOCX read back: where it came from and its articles in order."""

    source_name: str
    issue_hash: str
    issue_label: str
    kind: str  # "issue" | "article"
    edition: str  # "zh-CN" | "zh-TW" | "zh-HK"
    revisions: dict[str, tuple[int, int]] = field(default_factory=dict)  # key -> (revision id, version)
    articles: list[ExportedArticle] = field(default_factory=list)

    def article(self, key: str) -> ExportedArticle | None:
        token = key_token(key)
        return next((a for a in self.articles if a.key == token), None)
