"""Editorial review desk (编辑审校台)."""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("editor-app")
except _metadata.PackageNotFoundError:  # running from a source tree without install
    __version__ = "0.0.0+source"
