"""Memory on a long ingest: peak resident memory after 1,000 articles and after 10,000.

    uv run python bench/memory.py [--articles 10000] [--checkpoint 1000]

One process ingests BBC articles (../shared/data/corpus/bbc/bbc.jsonl, 2,225 texts, each copy
minus its word-for-word repeats, each copy made a new article by a numbered last line) into a fresh store, the way `wirelens ingest` does
(`ingest_articles` with memory zones on). The kernel's high-water mark (VmHWM) is read when
the checkpoint count is stored and again at the end: a long run must stay flat, so the second
may exceed the first by at most 10%. The baseline in the same run is the high-water mark right
after loading the model, before any article.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from benchmarks_md import write_section
from wirelens.extraction.articles import Article, make_article
from wirelens.extraction.pipeline import default_extractor
from wirelens.run.ingest import ingest_articles
from wirelens.store.database import Store

REPO = Path(__file__).resolve().parents[1]
BBC = REPO.parent / "shared" / "data" / "corpus" / "bbc" / "bbc.jsonl"
SECTION = "## Memory on a long ingest (bench/memory.py)"


def vm_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise KeyError(field)


def articles(n: int) -> Iterator[Article]:
    rows = [json.loads(line) for line in BBC.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = list({row["text"]: row for row in rows}.values())  # BBC repeats some stories word for word
    for i in range(n):
        row = rows[i % len(rows)]
        copy = i // len(rows)
        text = row["text"] if copy == 0 else f"{row['text']}\n\n(Copy {copy}.)"
        yield make_article(text, title=row["title"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--checkpoint", type=int, default=1_000)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    if not BBC.exists():
        print(f"skipped: {BBC} is not there")
        return
    extractor = default_extractor()
    extractor.extract_one(make_article("Rebels shelled Aleppo on Monday, killing six people.", title="warm-up"))
    loaded = vm_mb("VmHWM")
    marks: dict[int, tuple[float, float, float]] = {}
    start = time.perf_counter()

    def progress(done: int, _title: str | None) -> None:
        if done == args.checkpoint or done % 2_000 == 0 or done == args.articles:
            marks[done] = (vm_mb("VmHWM"), vm_mb("VmRSS"), time.perf_counter() - start)
            print(
                f"{done:>6} stored: peak {marks[done][0]:.0f} MB, now {marks[done][1]:.0f} MB, {marks[done][2]:.0f} s",
                flush=True,
            )

    with tempfile.TemporaryDirectory(prefix="wirelens-memory-") as tmp, Store(Path(tmp) / "m.duckdb") as store:
        report = ingest_articles(articles(args.articles), store, extractor, progress=progress, release_memory=True)
    assert len(report.added) == args.articles, report.summary()
    first, last = marks[args.checkpoint][0], marks[args.articles][0]
    growth = last / first - 1
    lines = [
        SECTION,
        "",
        f"- Date: {time.strftime('%Y-%m-%d')}. Command: `uv run python bench/memory.py --articles {args.articles} "
        f"--checkpoint {args.checkpoint}`.",
        f"- One process, full extraction, stored in a fresh DuckDB store; {args.articles:,} BBC articles "
        f"(the distinct BBC texts, repeated as new articles); {marks[args.articles][2]:.0f} s in all.",
        f"- Baseline in the same run: peak after loading the model and one article: {loaded:.0f} MB.",
        "",
        "| articles stored | peak RSS (MB) | RSS now (MB) | seconds |",
        "|---:|---:|---:|---:|",
        *(f"| {n:,} | {p:.0f} | {r:.0f} | {s:.0f} |" for n, (p, r, s) in sorted(marks.items())),
        "",
        f"Peak after {args.articles:,} is {growth:+.1%} against the peak after {args.checkpoint:,} "
        f"(target: at most +10%; {'met' if growth <= 0.10 else 'not met'}).",
    ]
    print("\n".join(lines))
    if not args.no_write:
        write_section(SECTION, "\n".join(lines))


if __name__ == "__main__":
    main()
