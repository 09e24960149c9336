import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


@pytest.fixture(scope="session")
def packaging_dir() -> Path:
    """packaging/ on sys.path, so its build helpers import as plain modules."""
    for p in (PACKAGING, PACKAGING / "linux"):
        if str(p) not in sys.path:
            sys.path.insert(0, str(p))
    return PACKAGING
