"""Rule declarations and the results a rule produces. Pure data; no I/O.

A rule is data plus examples: a stable dotted id (``number.enumeration_count``),
one category, a default severity, a Chinese title and an explanation citing
the standard, must-flag and must-pass examples, and a function.

Article rules take an :class:`ArticleContext` and yield :class:`Hit` objects
with spans in that article's text. Issue rules take an :class:`IssueContext`
and yield hits that name their segment.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from editor_app.checks.messages import Messages, Msg
from editor_app.model import CATEGORIES, SEVERITIES, Issue, Segment


@dataclass
class Hit:
    start: int  # span in the article text
    end: int
    message: str  # Chinese, specific to this place
    suggestion: str | None = None  # replacement for text[start:end]
    severity: str | None = None  # overrides the rule's default when set
    segment_id: str | None = None  # required for issue rules
    # other places of a conflict: (segment_id, start, end) in that article's text
    related: list[tuple[str, int, int]] = field(default_factory=list)


@dataclass
class IssueExample:
    """An example for an issue-scoped rule: a small issue.

    ``articles`` maps a title to the article text; ``toc`` lists
    (page, title, authors) when the rule compares with the table of contents;
    ``bylines`` maps a title to the byline printed in the article.
    """

    articles: dict[str, str]
    toc: list[tuple[int, str, list[str]]] = field(default_factory=list)
    bylines: dict[str, list[str]] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)  # toc title -> printed title
    note: str = ""
    # non-article segments of the small issue, as (segment kind, text), e.g.
    # ("sponsored", "中共温州市委 温州市人民政府\n..."); they follow the "toc"
    # segment that is built from ``toc`` (editor_app.checks.examples).
    others: list[tuple[str, str]] = field(default_factory=list)
    # what the library knows beyond this issue (a LibraryFacts), for rules that compare
    # with earlier issues or apply the house lexicon; None: checked without a library
    library: Any = None


Example = str | IssueExample


@dataclass
class Rule:
    id: str  # category.name
    category: str
    severity: str
    title: str  # Chinese, one line
    explanation: str  # Chinese, cites GB/T 15835-2011, GB/T 15834-2011, 通用规范汉字表 ...
    must_flag: tuple[Example, ...]
    must_pass: tuple[Example, ...]
    func: Callable[..., Iterable[Hit]]
    scope: str = "article"  # "article" or "issue"
    bulk_fixable: bool = False  # one click may apply all of this rule's suggestions
    title_en: str = ""  # the title in English (data beside the Chinese title)
    # the rule's messages as Chinese/English template pairs (editor_app.checks.messages);
    # the English text of a finding is rendered from its stored Chinese message
    messages: tuple[Msg, ...] = ()
    terms_en: Mapping[str, str] = field(default_factory=dict)  # Chinese words in messages

    def title_in(self, lang: str) -> str:
        """The title in ``lang`` ("en", else Chinese)."""
        return (self.title_en or self.title) if lang == "en" else self.title

    def message_in(self, message: str, lang: str) -> str:
        """A finding's (Chinese) message in ``lang``. In English, a message no template
        reads is shown quoted after the English title rather than not at all."""
        if lang != "en" or not message:
            return message
        english = Messages(self.messages, self.terms_en).english(message)
        if english is not None:
            return english
        return f"{self.title_in('en')}: “{message}”"

    def __post_init__(self) -> None:
        cat, _, name = self.id.partition(".")
        if cat != self.category or not name:
            raise ValueError(f"rule id {self.id!r} must be '{self.category}.<name>'")
        if self.category not in CATEGORIES:
            raise ValueError(f"unknown category {self.category!r}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")
        if self.scope not in ("article", "issue"):
            raise ValueError(f"unknown scope {self.scope!r}")


@dataclass(frozen=True)
class LibraryFacts:
    """What the library knows beyond the issue being checked.

    Rules that compare an issue with the library's other issues, or apply the
    newsroom's house lexicon, read it from ``ArticleContext.library`` /
    ``IssueContext.library``; it is empty when a file is checked without a
    library. Built by ``services.checking.library_facts`` from the store; every
    field is plain data (tuples of dataclasses or tuples), so ``digest()`` can say
    whether stored findings still describe it.

    - ``statements``: figure statements printed in earlier issues
      (``number.cross_article`` compares across issues);
    - ``posts``: people and the posts printed for them in earlier issues
      (``consistency.person_post``);
    - ``lexicon``: the house lexicon (names, organisations, standard
      formulations and their wrong variants);
    - ``archive``: what the other issues printed, for ``wording.typo``
      (``rules.wording._typo_archive.Archive``, queried lazily; None without
      one). Its ``digest()`` changes only when this issue's typo findings could.
    """

    statements: tuple = ()
    posts: tuple = ()
    lexicon: tuple = ()
    archive: Any = field(default=None, compare=False)

    def digest(self) -> str:
        import hashlib
        import json

        raw = json.dumps(
            [repr(self.statements), repr(self.posts), repr(self.lexicon),
             self.archive.digest() if self.archive is not None else ""],
            ensure_ascii=False,
        )
        return hashlib.blake2b(raw.encode("utf-8"), digest_size=16).hexdigest()


NO_LIBRARY_FACTS = LibraryFacts()


@dataclass
class ArticleContext:
    text: str
    resources: Any  # editor_app.checks.resources.Resources
    segment: Segment | None = None
    issue: Issue | None = None
    library: LibraryFacts = NO_LIBRARY_FACTS


@dataclass
class IssueContext:
    issue: Issue
    texts: dict[str, str]  # segment id -> current article text
    resources: Any
    # segment id -> text of the non-article segments the issue rules may read
    # (toc, sponsored, news ...): their editable text, or their source slice
    # when the segment has no paragraphs. Hits on these segments index this text.
    other_texts: dict[str, str] = field(default_factory=dict)
    # segment id -> (import text, OffsetMap to the source), as computed once by the
    # checker (editor_app.checks.segments.segment_text); rules that map source
    # offsets (TOC entries) read it instead of rebuilding segment texts
    import_maps: dict[str, tuple[str, Any]] = field(default_factory=dict)
    library: LibraryFacts = NO_LIBRARY_FACTS

    def text_of(self, segment_id: str) -> str | None:
        """The text a hit on ``segment_id`` indexes (article or other segment)."""
        text = self.texts.get(segment_id)
        return text if text is not None else self.other_texts.get(segment_id)
