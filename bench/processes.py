"""Two worker processes against one, and a two-worker Dask cluster, on the same BBC articles in one run.

    uv run python bench/processes.py [--limit 600] [--repeat 2]

Wall-clock time of the full extraction (every layer) through `extract_all`, which is what
`wirelens --processes N ingest` uses; the one-process run is the baseline. Worker start-up
(loading the model in each worker) is included, as a user would pay it. The Dask run is
`wirelens ingest --engine dask` without a scheduler: a LocalCluster of two one-thread worker
processes (stack profiler off) extracting into Parquet shards (cluster start and model loads included); it should be
within 20% of the two-process run.
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
from wirelens.extraction.articles import Article, make_article
from wirelens.extraction.pipeline import default_extractor
from wirelens.run.distributed import extract_with_dask, local_cluster
from wirelens.run.parallel import extract_all

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


def timed_dask(articles: list[Article], workers: int = 2) -> float:
    import tempfile

    from distributed import Client

    settings = replace(default_extractor().settings, n_process=1)
    start = time.perf_counter()
    with (
        tempfile.TemporaryDirectory(prefix="wirelens-dask-") as out,
        local_cluster(workers) as cluster,
        Client(cluster) as client,
    ):
        count = sum(shard.articles for shard in extract_with_dask(articles, settings, Path(out), client=client))
    assert count == len(articles), count
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
    one, two, dask = [], [], []
    for _ in range(args.repeat):  # alternate, so machine noise hits every engine
        one.append(timed(articles, 1))
        two.append(timed(articles, 2))
        dask.append(timed_dask(articles))
        print(f"one {one[-1]:.1f} s, two {two[-1]:.1f} s, dask {dask[-1]:.1f} s", flush=True)
    t1, t2, td = statistics.median(one), statistics.median(two), statistics.median(dask)
    lines = [
        SECTION,
        "",
        f"- Date: {time.strftime('%Y-%m-%d')}. Command: `uv run python bench/processes.py --limit {args.limit} "
        f"--repeat {args.repeat}`; {os.cpu_count()} CPUs.",
        f"- {len(articles)} BBC articles ({words:,} words), full extraction, wall clock, medians of {args.repeat} "
        "alternating runs; worker start-up (model load per worker) included.",
        "",
        "| processes | seconds | words/s | speed-up |",
        "|---:|---:|---:|---:|",
        f"| 1 (baseline) | {t1:.1f} | {words / t1:,.0f} | 1.00 |",
        f"| 2 | {t2:.1f} | {words / t2:,.0f} | {t1 / t2:.2f} |",
        f"| Dask LocalCluster, 2 workers | {td:.1f} | {words / td:,.0f} | {t1 / td:.2f} |",
        "",
        f"Targets: >= 1.7x with two processes ({'met' if t1 / t2 >= 1.7 else 'not met'}); Dask within 20% of "
        f"the two-process run ({td / t2 - 1:+.0%}: {'met' if abs(td / t2 - 1) <= 0.2 else 'not met'}).",
    ]
    print("\n".join(lines))
    write_section(SECTION, "\n".join(lines))


if __name__ == "__main__":
    main()
