"""Two worker processes against one, on the same BBC articles in the same run.

    uv run python bench/processes.py [--limit 600] [--repeat 2]

Wall-clock time of the full extraction (every layer) through `extract_all`, which is what
`wirelens --processes N ingest` uses; the one-process run is the baseline. Worker start-up
(loading the model in each worker) is included, as a user would pay it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from dataclasses import replace
from pathlib import Path

from benchmarks_md import write_section

from wirelens.articles import Article, make_article
from wirelens.extract import default_extractor
from wirelens.parallel import extract_all

REPO = Path(__file__).resolve().parents[1]
BBC = REPO.parent / "shared" / "data" / "corpus" / "bbc" / "bbc.jsonl"
SECTION = "## Worker processes (bench/processes.py)"


def load(limit: int) -> list[Article]:
    rows = [json.loads(line) for line in BBC.read_text(encoding="utf-8").splitlines() if line.strip()]
    step = max(1, len(rows) // limit)  # evenly through the file: it is sorted by category
    return [make_article(r["text"], title=r["title"]) for r in rows[::step][:limit]]


def timed(articles: list[Article], n_process: int) -> float:
    extractor = default_extractor()
    extractor.settings = replace(extractor.settings, n_process=n_process)
    start = time.perf_counter()
    count = sum(1 for _ in extract_all(articles, extractor))
    assert count == len(articles)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=600)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    if not BBC.exists():
        print(f"skipped: {BBC} is not there")
        return
    articles = load(args.limit)
    words = sum(len(a.text.split()) for a in articles)
    timed(articles[:20], 1)  # warm-up: model loaded in this process
    one, two = [], []
    for _ in range(args.repeat):  # alternate, so machine noise hits both
        one.append(timed(articles, 1))
        two.append(timed(articles, 2))
    t1, t2 = statistics.median(one), statistics.median(two)
    lines = [
        SECTION, "",
        f"- Date: {time.strftime('%Y-%m-%d')}. Command: `uv run python bench/processes.py --limit {args.limit} "
        f"--repeat {args.repeat}`; {os.cpu_count()} CPUs.",
        f"- {len(articles)} BBC articles ({words:,} words), full extraction, wall clock, medians of {args.repeat} "
        "alternating runs; worker start-up (model load per worker) included.",
        "",
        "| processes | seconds | words/s | speed-up |", "|---:|---:|---:|---:|",
        f"| 1 (baseline) | {t1:.1f} | {words / t1:,.0f} | 1.00 |",
        f"| 2 | {t2:.1f} | {words / t2:,.0f} | {t1 / t2:.2f} |",
        "", f"Target: >= 1.7x with two processes; {'met' if t1 / t2 >= 1.7 else 'not met'}.",
    ]
    print("\n".join(lines))
    write_section(SECTION, "\n".join(lines))


if __name__ == "__main__":
    main()
