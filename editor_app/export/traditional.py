"""Simplified -> traditional conversion for the clean traditional copies (OpenCC)."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from .common import ExportError

# tw: Taiwan standard with Taiwanese phrases (软件 -> 軟體); hk: Hong Kong standard
CONFIGS = {"tw": "s2twp", "hk": "s2hk"}


@cache
def _opencc(config: str):
    try:
        import opencc  # imported lazily: only traditional copies need it
    except ImportError as exc:  # pragma: no cover - opencc is a declared dependency
        raise ExportError("未安装 OpenCC，无法转换繁体 / OpenCC is not installed") from exc
    try:
        return opencc.OpenCC(config)
    except Exception:
        return opencc.OpenCC(f"{config}.json")


def converter(variant: str | None) -> Callable[[str], str]:
    """A function converting simplified text to the variant (identity for None)."""
    if variant is None:
        return lambda s: s
    if variant not in CONFIGS:
        raise ExportError(f"不支持的繁体转换：{variant!r}（可用 tw、hk） / Unknown traditional variant: {variant!r}")
    cc = _opencc(CONFIGS[variant])
    return lambda s: cc.convert(s) if s else s
