import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# automatic backups (services/backups.py) go to the user data folder: never the tester's own
if "EDITOR_APP_DATA" not in os.environ:
    import tempfile

    os.environ["EDITOR_APP_DATA"] = tempfile.mkdtemp(prefix="editor-app-test-data-")

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "samples"
SAMPLE = SAMPLES / "jrzj-2024-10.txt"
DEMO = ROOT / "resources" / "samples" / "demo-issue.txt"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    if not SAMPLE.exists():
        pytest.skip("../shared/samples/jrzj-2024-10.txt is not beside the checkout")
    return SAMPLE


@pytest.fixture(scope="session")
def sample_issue(sample_path):
    from editor_app.ingest import parse_file

    return parse_file(sample_path)


@pytest.fixture(scope="session")
def demo_path() -> Path:
    if not DEMO.exists():
        pytest.skip("demo issue not written yet")
    return DEMO
