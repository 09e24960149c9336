"""Author names and roles as printed in the contents and in bylines."""

from __future__ import annotations

import functools
import re

from editor_app.paths import resource

from .lines import collapse


@functools.cache
def known_roles() -> tuple[str, ...]:
    path = resource("ingest", "roles.txt")
    roles = [
        ln.strip()
        for ln in path.read_text(encoding="utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    return tuple(sorted(roles, key=len, reverse=True))


def split_names(text: str) -> list[str]:
    """Names separated by spaces; single characters split by layout spaces are joined pairwise.

    ``叶 慧 周毅辉`` -> [叶慧, 周毅辉]; ``叶 慧 梁 威`` -> [叶慧, 梁威]; ``今 哲 吴梦霞`` -> [今哲, 吴梦霞].
    """
    tokens = [t for t in re.split(r"[\s\u3000、，,]+", text.strip()) if t]
    names: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if len(tok) == 1 and i + 1 < len(tokens) and len(tokens[i + 1]) == 1:
            names.append(tok + tokens[i + 1])
            i += 2
            continue
        names.append(tok)
        i += 1
    return names


def split_role(author_text: str) -> tuple[str, list[str]]:
    """``本刊记者 马跃明 袁卫`` -> (本刊记者, [马跃明, 袁卫]). A lone role is the author."""
    text = collapse(author_text)
    for role in known_roles():
        if text.startswith(role):
            rest = text[len(role) :].strip()
            if rest:
                return role, split_names(rest)
            return "", [role]
    return "", split_names(text)
