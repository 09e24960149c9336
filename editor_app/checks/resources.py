"""Word lists, the 8105-character table and OpenCC converters, loaded once and cached.

Everything lives under ``resources/checks/``; nothing of it is hard-coded in rules.
"""

from __future__ import annotations

import functools
from pathlib import Path

from editor_app.paths import resource


class Resources:
    """Lazy, cached access to the checks' data. Build one per process (or per test)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = Path(root) if root else resource("checks")
        self._converters: dict[str, object] = {}

    # -- the 通用规范汉字表 -------------------------------------------------
    @functools.cached_property
    def hanzi_levels(self) -> dict[str, int]:
        """Character -> level (1: first 3500, 2: next 3000, 3: last 1605)."""
        levels: dict[str, int] = {}
        n = 0
        for line in (self.root / "tongyong_guifan_8105.tsv").read_text(encoding="utf-8").splitlines():
            if not line or line.startswith("#"):
                continue
            ch = line.split("\t", 1)[0]
            n += 1
            levels[ch] = 1 if n <= 3500 else 2 if n <= 6500 else 3
        return levels

    # -- OpenCC ----------------------------------------------------------
    def converter(self, config: str):
        """An OpenCC converter, e.g. ``t2s``, ``tw2s``, ``s2twp``, ``s2hk``."""
        conv = self._converters.get(config)
        if conv is None:
            import opencc  # imported lazily: start-up cost is measured in bench/

            conv = opencc.OpenCC(config if config.endswith(".json") else f"{config}.json")
            self._converters[config] = conv
        return conv

    def convert(self, config: str, text: str) -> str:
        return self.converter(config).convert(text)

    # -- plain lists -----------------------------------------------------
    @functools.cache  # noqa: B019 - one Resources per process, lists are small
    def word_list(self, name: str) -> tuple[str, ...]:
        """Lines of ``resources/checks/<name>.txt``, without blanks and # comments."""
        path = self.root / f"{name}.txt"
        out = []
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                out.append(line)
        return tuple(out)

    @functools.cache  # noqa: B019
    def table(self, name: str) -> tuple[tuple[str, ...], ...]:
        """Rows of ``resources/checks/<name>.tsv`` (tab-separated, # comments skipped)."""
        path = self.root / f"{name}.tsv"
        rows = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            rows.append(tuple(cell.strip() for cell in line.split("\t")))
        return tuple(rows)
