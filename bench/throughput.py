"""Extraction throughput: wirelens ``Extractor.extract`` against raw spaCy ``nlp.pipe``.

Both run on the same texts, with the same loaded model and batch size, in the same
process, so the ratio wirelens_time / raw_time is what the wirelens rules add on top
of parsing. Target: ratio <= 1.30.

The shared 2-core machine is noisy, so: the two sides alternate block by block (a few
batches each, order flipping every block), so both see the same load; times are this
process's CPU seconds, which other jobs barely inflate (wall-clock is reported too);
and every figure is a median over repeats.

    uv run python bench/throughput.py            # full run, updates BENCHMARKS.md
    uv run python bench/throughput.py --quick    # small smoke run, prints only
    uv run python bench/throughput.py --only bbc --limit 2225 --repeat 1   # the whole BBC corpus,
                                                 # in a section of its own in BENCHMARKS.md

Corpora are read at run time from ../shared/data/corpus (never copied into the repo);
a missing corpus is skipped with a note.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import platform
import shlex
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import spacy

from benchmarks_md import BENCHMARKS_MD, write_section  # noqa: E402  (bench/ is on sys.path as a script)
from wirelens.extraction.articles import Article, make_article
from wirelens.extraction.pipeline import Extractor, default_extractor
from wirelens.run.readers import read_paths

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "corpus"
SECTION = "## Extraction throughput (bench/throughput.py)"
TARGET_RATIO = 1.30

T = TypeVar("T")


@dataclass
class Times:
    """Seconds one side spent on a whole corpus in one repeat."""

    cpu: float = 0.0
    wall: float = 0.0


@dataclass
class Corpus:
    name: str
    articles: list[Article]
    words: int
    raw: list[Times] = field(default_factory=list)  # one entry per repeat
    wirelens: list[Times] = field(default_factory=list)

    def ratio(self, clock: str = "cpu") -> float:
        # Median of per-repeat ratios: both sides of a repeat ran interleaved, so load
        # that changes between repeats cancels out, unlike in a ratio of two medians.
        return statistics.median(getattr(w, clock) / getattr(r, clock) for w, r in zip(self.wirelens, self.raw))

    def words_per_s(self, times: Sequence[Times]) -> float:
        return self.words / statistics.median(t.cpu for t in times)


# --- corpora ---------------------------------------------------------------------------


def spread(items: Sequence[T], limit: int | None) -> list[T]:
    """At most ``limit`` items, evenly spaced: the BBC file is sorted by category, so a prefix would be all business."""
    if limit is None or limit >= len(items):
        return list(items)
    return [items[i * len(items) // limit] for i in range(limit)]


def count_words(articles: Iterable[Article]) -> int:
    return sum(len(a.text.split()) for a in articles)


def articles_from(records: Iterable[tuple[str, str]], source: str) -> list[Article]:
    """(title, text) pairs as cleaned Articles, as ingest would make them; empty texts are dropped."""
    out = []
    for title, text in records:
        try:
            out.append(make_article(text, title=title, source=source))
        except ValueError:
            continue
    return out


def seed_corpus(copies: int) -> list[Article]:
    seeds = [a for a in read_paths([REPO / "seeds"]) if isinstance(a, Article)]
    return seeds * copies


def bbc_records(path: Path) -> Iterator[tuple[str, str]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                record = json.loads(line)
                yield record.get("title") or "", record["text"]


def wikinews_records(paths: Sequence[Path]) -> Iterator[tuple[str, str]]:
    csv.field_size_limit(sys.maxsize)  # article texts are longer than the csv module's default cell limit
    for path in paths:
        with path.open(encoding="utf-8", newline="") as fh:  # newline="": texts contain newlines
            for row in csv.DictReader(fh):
                yield row["title"], row["text"]


def load_corpora(data: Path, limit: int) -> list[Corpus]:
    """The seed repeated ``limit`` times, plus up to ``limit`` articles of each shared corpus that exists."""
    corpora = []
    seed = seed_corpus(limit)
    if seed:
        corpora.append(Corpus(f"seed x{limit}", seed, count_words(seed)))
    else:
        print("note: no seed article under seeds/; skipping the seed corpus")

    bbc = data / "bbc" / "bbc.jsonl"
    if bbc.is_file():
        articles = spread(articles_from(bbc_records(bbc), "bbc"), limit)
        corpora.append(Corpus("bbc", articles, count_words(articles)))
    else:
        print(f"note: {bbc} not found; skipping the bbc corpus")

    wiki = [data / "wikinews" / f"wikinews_{year}.csv" for year in (2019, 2020)]
    present = [p for p in wiki if p.is_file()]
    for missing in (p for p in wiki if not p.is_file()):
        print(f"note: {missing} not found; " + ("reading the other year only" if present else "skipping it"))
    if present:
        articles = spread(articles_from(wikinews_records(present), "wikinews"), limit)
        corpora.append(Corpus("wikinews 2019-20", articles, count_words(articles)))
    return corpora


# --- timing ----------------------------------------------------------------------------


def drain(items: Iterable[object]) -> None:
    """Consume without keeping results, so neither side pays to hold thousands of Docs."""
    for _ in items:
        pass


def timed(run: Callable[[], None], into: Times) -> None:
    """Add the CPU and wall seconds of ``run()`` to ``into``."""
    cpu, wall = time.process_time(), time.perf_counter()
    run()
    into.cpu += time.process_time() - cpu
    into.wall += time.perf_counter() - wall


def measure(ex: Extractor, corpus: Corpus, block: int, raw_first: bool) -> None:
    """One repeat on ``corpus``: both sides, interleaved block by block; appends their totals."""
    raw_t, wirelens_t = Times(), Times()
    for i, start in enumerate(range(0, len(corpus.articles), block)):
        articles = corpus.articles[start : start + block]
        texts = [a.text for a in articles]
        sides = [
            (
                lambda texts=texts: drain(
                    ex.nlp.pipe(texts, batch_size=ex.settings.batch_size, n_process=ex.settings.n_process)
                ),
                raw_t,
            ),
            (lambda articles=articles: drain(ex.extract(articles)), wirelens_t),
        ]
        if (i % 2 == 0) != raw_first:  # flip the order every block so neither side always goes first
            sides.reverse()
        for side, into in sides:
            timed(side, into)
    corpus.raw.append(raw_t)
    corpus.wirelens.append(wirelens_t)


def warm_up(ex: Extractor, corpora: Sequence[Corpus]) -> None:
    """First calls pay one-off costs (lazy tables, allocator growth) that belong to neither side."""
    sample = [a for c in corpora for a in c.articles[:3]]
    drain(ex.nlp.pipe([a.text for a in sample], batch_size=ex.settings.batch_size))
    drain(ex.extract(sample))


def run(ex: Extractor, corpora: Sequence[Corpus], repeats: int) -> None:
    # Blocks of a few batches keep spaCy's batching identical on both sides while
    # switching often enough that a burst of load from other jobs hits both.
    block = 2 * ex.settings.batch_size
    # Repeats are the outer loop so each corpus's measurements spread over the whole run.
    for rep in range(repeats):
        for corpus in corpora:
            measure(ex, corpus, block, raw_first=rep % 2 == 0)
            raw, wl = corpus.raw[-1], corpus.wirelens[-1]
            print(
                f"  repeat {rep + 1}/{repeats} {corpus.name}: raw {raw.cpu:.1f}s cpu / {raw.wall:.1f}s wall, "
                f"wirelens {wl.cpu:.1f}s cpu / {wl.wall:.1f}s wall",
                file=sys.stderr,
                flush=True,
            )


# --- reporting -------------------------------------------------------------------------


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine(ex: Extractor) -> str:
    return (
        f"{len(os.sched_getaffinity(0))} CPUs (nproc), {cpu_model()}; Python {platform.python_version()}, "
        f"spaCy {spacy.__version__}, model {ex.model_name}, batch_size {ex.settings.batch_size}"
    )


def table(corpora: Sequence[Corpus]) -> str:
    lines = [
        "| corpus | articles | words | raw nlp.pipe words/s | wirelens words/s | ratio | wall-clock ratio | target <= 1.30 |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for c in corpora:
        verdict = "pass" if c.ratio() <= TARGET_RATIO else "FAIL"
        lines.append(
            f"| {c.name} | {len(c.articles):,} | {c.words:,} | {c.words_per_s(c.raw):,.0f} | "
            f"{c.words_per_s(c.wirelens):,.0f} | {c.ratio():.2f} | {c.ratio('wall'):.2f} | {verdict} |"
        )
    return "\n".join(lines)


def section_title(args: argparse.Namespace) -> str:
    """A run over some corpora only keeps its own section: it must not replace the all-corpora one."""
    return SECTION if not args.only else f"## Extraction throughput, {args.only} only (bench/throughput.py --only)"


def section(ex: Extractor, corpora: Sequence[Corpus], args: argparse.Namespace, command: str) -> str:
    return f"""{section_title(args)}

- Date: {dt.date.today().isoformat()}
- Machine: {machine(ex)}
- Command: `{command}`
- Method: after a short warm-up, each repeat runs raw `nlp.pipe` and `Extractor.extract` on the
  same texts, alternating in blocks of {2 * ex.settings.batch_size} articles (order flips every block);
  {args.repeat} repeats. Times are process CPU seconds (robust to other jobs on the shared
  machine); words/s use the median over repeats; ratio is the median of per-repeat
  wirelens_time / raw_time (so not exactly the quotient of the two words/s columns), in CPU
  time and, as a cross-check, wall-clock time. `--quick` (10 articles) is a smoke test only.
- Corpora: the seed article repeated {args.limit} times; up to {args.limit} articles of
  BBC (`bbc.jsonl`) and of Wikinews 2019+2020, evenly spaced through each file
  (`--limit`; words are whitespace-split tokens of the cleaned texts).

{table(corpora)}
"""


# --- main ------------------------------------------------------------------------------


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--quick", action="store_true", help="small smoke run: --limit 10 --repeat 3, no BENCHMARKS.md update"
    )
    parser.add_argument("--limit", type=int, help="articles per corpus, and seed copies (default 120; 10 with --quick)")
    parser.add_argument("--repeat", type=int, help="timed pairs per corpus (default 3)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"corpus folder (default {DEFAULT_DATA})")
    parser.add_argument("--only", help="measure only the corpora whose name starts with this (seed, bbc, wikinews)")
    parser.add_argument(
        "--write",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="update BENCHMARKS.md (default: yes, except with --quick)",
    )
    args = parser.parse_args(argv)
    args.limit = args.limit or (10 if args.quick else 120)
    args.repeat = args.repeat or 3
    args.write = (not args.quick) if args.write is None else args.write
    return args


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = parse_args(argv)
    command = shlex.join(["uv", "run", "python", "bench/throughput.py", *argv])
    ex = default_extractor()
    corpora = [c for c in load_corpora(args.data, args.limit) if not args.only or c.name.startswith(args.only)]
    if not corpora:
        print("no corpora to measure")
        return 1
    print(
        f"{machine(ex)}\n{args.repeat} repeats; corpora: "
        + ", ".join(f"{c.name} ({len(c.articles)} articles, {c.words:,} words)" for c in corpora)
    )
    warm_up(ex, corpora)
    run(ex, corpora, args.repeat)
    print(table(corpora))
    if args.write:
        write_section(section_title(args), section(ex, corpora, args, command))
        print(f"updated {BENCHMARKS_MD}")
    return 0 if all(c.ratio() <= TARGET_RATIO for c in corpora) else 2


if __name__ == "__main__":
    sys.exit(main())
