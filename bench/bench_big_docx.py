"""Large DOCX manuscripts (issue: every input bounded).

Testers imported a legal 28 MB DOCX: two minutes, and every later check grew past
9 GB. Now a manuscript's text is limited (``ingest/docx_import.MAX_TEXT_CHARS``,
2,000,000 characters) and the file (100 MB). This measures, each in a fresh process
(peak RSS from ``getrusage``):

- a DOCX just under the text limit (~1.9 million characters, ~1,900 paragraphs plus a
  20 MB picture, ~28 MB on disk) imported into a new issue of its own and checked;
- a DOCX over the text limit (~2.5 million characters): refused, time to the refusal.

Run: ``.venv/bin/python bench/bench_big_docx.py``. Prints one JSON object.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHILD = r"""
import json, resource, sys, time
from editor_app.cli import main
t = time.perf_counter()
code = main(sys.argv[1:])
print(json.dumps({"exit": code, "s": round(time.perf_counter() - t, 2),
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))
"""

SENTENCE = "东越市持续推进营商环境优化，今年前三季度新设经营主体同比增长百分之十二，其中民营企业占比超过九成。"


def make_docx(path: Path, n_chars: int, picture_mb: int = 0) -> None:
    import random

    import docx

    rnd = random.Random(1)
    table = (ROOT / "resources" / "checks" / "tongyong_guifan_8105.tsv").read_text(encoding="utf-8")
    common = [line.split("\t")[0] for line in table.splitlines()[1:3501] if "\t" in line]
    doc = docx.Document()
    doc.add_heading("大型稿件压力测试", level=1)
    doc.add_paragraph("■ 本刊记者 张三")
    for _ in range(max(1, n_chars // 1000)):  # ~1,000 characters a paragraph, as varied as prose
        words = [SENTENCE[: rnd.randint(8, 30)]] + ["".join(rnd.choices(common, k=rnd.randint(2, 6)))
                                                     for _ in range(240)]
        doc.add_paragraph("，".join(words)[:1000] + "。")
    if picture_mb:
        import struct
        import zlib

        # an incompressible PNG of about picture_mb (random rows), as a photo would be
        w = 2048
        h = picture_mb * 1024 * 1024 // (w * 3)
        raw = b"".join(b"\x00" + os.urandom(w * 3) for _ in range(h))

        def chunk(kind, data):
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

        png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
        png += chunk(b"IDAT", zlib.compress(raw, 0)) + chunk(b"IEND", b"")
        img = path.with_suffix(".png")
        img.write_bytes(png)
        doc.add_picture(str(img))
    doc.save(path)


def run(*args: str, data: Path) -> dict:
    env = {**os.environ, "EDITOR_APP_DATA": str(data)}
    r = subprocess.run([sys.executable, "-c", CHILD, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                       timeout=900)
    out = json.loads(r.stdout.strip().splitlines()[-1])
    out["stderr"] = r.stderr.strip().splitlines()[-1] if r.stderr.strip() else ""
    return out


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        big = tmp / "big.docx"
        make_docx(big, 1_900_000, picture_mb=20)
        over = tmp / "over.docx"
        make_docx(over, 2_500_000)
        db = str(tmp / "lib.sqlite")
        t = time.perf_counter()
        imp = run("import", str(big), "--db", db, data=tmp)
        chk = run("check", "--issue", "1", "--db", db, data=tmp)
        refused = run("import", str(over), "--db", str(tmp / "lib2.sqlite"), data=tmp)
        out = {
            "big_docx_mb": round(big.stat().st_size / 1e6, 1),
            "import_under_limit": imp,
            "check_after": {k: chk[k] for k in ("exit", "s", "peak_rss_mb")},
            "over_limit_docx_mb": round(over.stat().st_size / 1e6, 1),
            "over_limit_refused": refused,
            "total_s": round(time.perf_counter() - t, 1),
        }
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
