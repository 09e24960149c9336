"""Search performance probe (not collected by pytest): a big synthetic library.

Builds, in a temporary folder, a library of ``--issues`` issues (default 240)
of about ``--chars`` characters each (default 80,000; ~19M characters in all),
made of Zipf-distributed synthetic Chinese words with punctuation, numbers and
Latin abbreviations, then times ``Library.search`` for queries of 1, 2, 3 and
4 characters cut from the texts, and prints the medians.

    .venv/bin/python tests/store/_perf_probe.py [--issues 240] [--chars 80000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import itertools
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from editor_app.model import Issue, Masthead, Paragraph, Segment  # noqa: E402
from editor_app.store import Library  # noqa: E402

HAN = [chr(0x4E00 + i * 5) for i in range(3500)]  # 3,500 distinct characters
EXTRAS = ["GDP", "5G", "AI", "%", "亿元", "年", "万人"]


class Corpus:
    def __init__(self, seed: int = 7, n_words: int = 40_000):
        self.rng = random.Random(seed)
        char_w = list(itertools.accumulate(1 / (i + 1) for i in range(len(HAN))))
        lengths = [1, 2, 2, 2, 2, 3, 4]
        self.words = [
            "".join(self.rng.choices(HAN, cum_weights=char_w, k=self.rng.choice(lengths)))
            for _ in range(n_words)
        ]
        self.word_w = list(itertools.accumulate(1 / (i + 1) ** 1.05 for i in range(n_words)))

    def sentence(self) -> str:
        s = "".join(
            self.rng.choices(self.words, cum_weights=self.word_w, k=self.rng.randint(4, 12))
        )
        if self.rng.random() < 0.12:
            s += str(self.rng.randint(1, 2024)) + self.rng.choice(EXTRAS)
        return s + self.rng.choice("，，，。；")

    def paragraph(self) -> str:
        return "".join(self.sentence() for _ in range(self.rng.randint(4, 10)))

    def title(self) -> str:
        return "".join(
            self.rng.choices(self.words, cum_weights=self.word_w, k=self.rng.randint(2, 5))
        )


def build_issue(corpus: Corpus, n: int, chars: int) -> Issue:
    parts: list[str] = []
    segments: list[Segment] = []
    pos = 0
    per_article = 2_700
    for a in range(max(1, chars // per_article)):
        start = pos
        title = corpus.title()
        paras = [Paragraph("title", title, [(pos, pos + len(title))])]
        parts.append(title + "\n")
        pos += len(title) + 1
        size = 0
        while size < per_article:
            p = corpus.paragraph()
            paras.append(Paragraph("body", p, [(pos, pos + len(p))]))
            parts.append(p + "\n")
            pos += len(p) + 1
            size += len(p) + 1
        segments.append(
            Segment(
                id=f"s{a + 1:02d}",
                kind="article",
                source_start=start,
                source_end=pos,
                title=title,
                paragraphs=paras,
            )
        )
    return Issue(
        masthead=Masthead("今日浙江", 2000 + n // 24, n % 24 + 1),
        source="".join(parts),
        segments=segments,
        source_name=f"synthetic-{n}.txt",
    )


def pick_queries(lib: Library, rng: random.Random, length: int, count: int) -> list[str]:
    issues = [s.id for s in lib.list_issues()]
    out: list[str] = []
    while len(out) < count:
        seg = rng.choice(lib.segments(rng.choice(issues)))
        text, _ = lib.current_text(seg.id)
        i = rng.randrange(len(text) - length)
        q = text[i : i + length]
        if all("\u4e00" <= c <= "\u9fff" for c in q):
            out.append(q)
    return out


def timed(lib: Library, queries: list[str]) -> tuple[list[float], list[int]]:
    times, counts = [], []
    for q in queries:
        t = time.perf_counter()
        hits = lib.search(q)
        times.append((time.perf_counter() - t) * 1000)
        counts.append(len(hits))
    return times, counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--issues", type=int, default=240)
    ap.add_argument("--chars", type=int, default=80_000)
    ap.add_argument("--keep", type=Path, help="build the library in this folder and keep it")
    args = ap.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="store-perf-"))
    path = folder / "perf.db"
    fresh = not path.exists()
    lib = Library(path)
    if fresh:
        corpus = Corpus()
        t0 = time.perf_counter()
        total = 0
        for n in range(args.issues):
            issue = build_issue(corpus, n, args.chars)
            total += len(issue.source)
            lib.import_issue(issue)
        build = time.perf_counter() - t0
        print(
            f"built {args.issues} issues, {total / 1e6:.1f}M characters in {build:.0f} s "
            f"({build / args.issues * 1000:.0f} ms per import)"
        )
    size = sum(p.stat().st_size for p in folder.glob("perf.db*"))
    print(f"library file: {size / 1e6:.0f} MB at {path}")
    rng = random.Random(11)
    lib.search("热身")  # warm the page cache once
    rows = []
    for length in (1, 2, 3, 4):
        queries = pick_queries(lib, rng, length, 20 if length in (2, 4) else 10)
        times, counts = timed(lib, queries)
        rows.append((length, times, counts))
        print(
            f"{length}-char: median {statistics.median(times):6.1f} ms   max {max(times):6.1f} ms   "
            f"hits median {statistics.median(counts):.0f} (limit 50)"
        )
    bench = [t for length, times, _ in rows if length in (2, 4) for t in times[:10]]
    print(
        f"target set (10 x 2-char + 10 x 4-char): median {statistics.median(bench):.1f} ms "
        f"(target <= 100 ms)"
    )
    no_hit = ["龘龘", "魑魅魍魉", "ZZZQ"]
    times, _ = timed(lib, no_hit)
    print(f"absent words: median {statistics.median(times):.1f} ms")
    lib.close()


if __name__ == "__main__":
    main()
