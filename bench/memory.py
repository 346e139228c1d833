"""Memory: of one article by its length (default), and of a long ingest (``--long``).

    uv run python bench/memory.py [--sizes 5KB,100KB,1MB,10MB]     # "## Memory per article length"
    uv run python bench/memory.py --long [--articles 10000] [--checkpoint 1000]

Per article length: each size is ingested in a fresh subprocess (the real model, the way
`wirelens ingest` does it), so no size inherits another's heap. The article is distinct BBC texts
joined by blank lines up to the size. The process's peak (VmHWM) is read after loading the model
and one short article (the baseline), then reset (``/proc/self/clear_refs``) and read again at the
start of the layers' finishing pass, at the start of the store's write and at the end: which stage
sets the peak, and what the records of a long article hold, show where memory grows. Target: the
10 MB article's peak within 1.25x the 5 KB one's.

Long ingest:
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
import os
import subprocess
import sys
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
SIZES_SECTION = "## Memory per article length (bench/memory.py)"
UNITS = {"KB": 1024, "MB": 1024 * 1024}


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


def long_text(size: int) -> str:
    """Distinct BBC texts joined by blank lines, cut at a paragraph end to ``size`` bytes (at least one)."""
    rows = [json.loads(line) for line in BBC.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = list(dict.fromkeys(row["text"].strip() for row in rows))
    parts, total, i = [], 0, 0
    while total < size:
        paragraphs = texts[i % len(texts)].split("\n")
        copy = i // len(texts)
        for paragraph in paragraphs if copy == 0 else [*paragraphs, f"(Copy {copy}.)"]:
            parts.append(paragraph)
            total += len(paragraph.encode()) + 2
            if total >= size:
                break
        i += 1
    return "\n\n".join(parts)


def reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")  # VmHWM starts again from the current RSS


def one_article(size: int) -> dict[str, float]:
    """Ingest one article of ``size`` bytes in this process; the peaks (MB) of each stage and the record counts."""
    from wirelens.extraction.pipeline import Extractor

    extractor = default_extractor()
    extractor.extract_one(make_article("Rebels shelled Aleppo on Monday, killing six people.", title="warm-up"))
    text = long_text(size)
    article = make_article(text, title=f"One article of {size:,} bytes")
    out: dict[str, float] = {"bytes": len(text.encode()), "baseline": vm_mb("VmHWM")}
    finish, add = Extractor._finish, Store.add

    def timed_finish(self, art, parts):  # the parse of every chunk is done here; records held so far
        out["after_parse_peak"], out["after_parse_rss"] = vm_mb("VmHWM"), vm_mb("VmRSS")
        out["parse_s"] = time.perf_counter() - start
        out["sentences"], out["candidates"] = len(parts.sentences), len(parts.candidates)
        out["layer_records"] = sum(len(r) for r in parts.layer_records.values())
        return finish(self, art, parts)

    def timed_add(self, extraction, **kw):
        out["after_finish_peak"], out["after_finish_rss"] = vm_mb("VmHWM"), vm_mb("VmRSS")
        out["finish_s"] = time.perf_counter() - start - out["parse_s"]
        return add(self, extraction, **kw)

    Extractor._finish, Store.add = timed_finish, timed_add  # type: ignore[method-assign]
    reset_peak()
    start = time.perf_counter()  # read by the two wrappers above when they run
    with tempfile.TemporaryDirectory(prefix="wirelens-memory-") as tmp, Store(Path(tmp) / "m.duckdb") as store:
        report = ingest_articles([article], store, extractor, release_memory=True)
    out["seconds"] = time.perf_counter() - start
    out["peak"] = vm_mb("VmHWM")
    assert len(report.added) == 1, report.summary()
    return out


def run_sizes(sizes: list[str], overrides: list[str], timeout: float) -> dict[str, dict[str, float]]:
    """Each size in a fresh subprocess, with ``overrides`` (``chunk_chars=20000``) as its wirelens.toml.

    A size still running after ``timeout`` seconds is stopped; its row gives the peak the parent
    saw in the child's /proc status until then, marked as cut short.
    """
    results = {}
    env = dict(os.environ)
    with tempfile.TemporaryDirectory(prefix="wirelens-memory-config-") as folder:
        if overrides:  # a trial of other settings, without touching the user's wirelens.toml
            config = Path(folder) / "wirelens.toml"
            config.write_text("[wirelens]\n" + "".join(f"{o}\n" for o in overrides))
            env["WIRELENS_CONFIG"] = str(config)
        for label in sizes:
            size = int(float(label[:-2]) * UNITS[label[-2:].upper()])
            results[label] = r = one_subprocess(size, env, timeout)
            print(f"{label} {overrides}: peak {r['peak']:.0f} MB, {r['seconds']:.0f} s", flush=True)
    return results


def one_subprocess(size: int, env: dict[str, str], timeout: float) -> dict[str, float]:
    out = Path(tempfile.mkstemp(prefix="wirelens-memory-", suffix=".json")[1])
    start = time.perf_counter()
    with open(out, "w") as sink:
        child = subprocess.Popen([sys.executable, __file__, "--one", str(size)], stdout=sink, env=env)
    seen = 0.0
    while child.poll() is None and time.perf_counter() - start < timeout:
        seen = max(seen, child_peak_mb(child.pid))
        time.sleep(1)
    try:
        if child.poll() is None:
            child.terminate()
            child.wait(timeout=30)
            return {"peak": seen, "seconds": time.perf_counter() - start, "cut_short": 1.0}
        if child.returncode != 0:
            raise SystemExit(f"{size} bytes: the subprocess failed ({child.returncode})")
        return json.loads(out.read_text().strip().splitlines()[-1])
    finally:
        out.unlink(missing_ok=True)


def child_peak_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def table_rows(results: dict[str, dict[str, float]], settings: str, first: float) -> list[str]:
    return [
        f"| {label} | {settings} | {r['peak']:.0f} | {r['peak'] / first:.2f} | "
        f"stopped after {r['seconds']:.0f} s: the peak seen until then | | | | | | {r['seconds']:.0f} |"
        if r.get("cut_short")
        else f"| {label} | {settings} | {r['peak']:.0f} | {r['peak'] / first:.2f} | {r['baseline']:.0f} "
        f"| {r.get('after_parse_peak', 0):.0f} / {r.get('after_parse_rss', 0):.0f} "
        f"| {r.get('after_finish_peak', 0):.0f} / {r.get('after_finish_rss', 0):.0f} "
        f"| {r.get('sentences', 0):,.0f} | {r.get('candidates', 0):,.0f} | {r.get('layer_records', 0):,.0f} "
        f"| {r['seconds']:.0f} ({r.get('parse_s', 0):.0f} + {r.get('finish_s', 0):.0f}) |"
        for label, r in results.items()
    ]


def sizes_main(
    sizes: list[str], write: bool, overrides: list[str], trial: list[str], trial_sizes: list[str], timeout: float
) -> None:
    results = run_sizes(sizes, overrides, timeout)
    tried = run_sizes(trial_sizes, trial, timeout) if trial else {}
    first = results[sizes[0]]["peak"]
    options = "".join(f" --set {o}" for o in overrides)
    options += f" --trial {','.join(trial)} --trial-sizes {','.join(trial_sizes)}" if trial else ""
    ratio = results[sizes[-1]]["peak"] / first
    lines = [
        SIZES_SECTION,
        "",
        f"- Date: {time.strftime('%Y-%m-%d')}. Command: `uv run python bench/memory.py --sizes {','.join(sizes)}{options}`.",
        "- One article per fresh subprocess, the real model, `ingest_articles` as `wirelens ingest` runs it "
        "(memory zones on), a fresh store. Baseline in the same process: the peak after loading the model and "
        "one short article. Stage peaks: at the start of the layers' finishing pass (all chunks parsed), at the "
        'start of the store\'s write, and at the end. "x first" is against the first size with the settings '
        "of the first rows.",
        "",
        "| article | settings | peak RSS (MB) | x first | baseline (MB) | parsed: peak / RSS | finished: peak / RSS "
        "| sentences | entity candidates | layer records | seconds (parse + layers) |",
        "|---|---|---:|---:|---:|---|---|---:|---:|---:|---:|",
        *table_rows(results, ", ".join(overrides) or "defaults", first),
        *table_rows(tried, ", ".join(trial), first),
        "",
        f"{sizes[-1]} against {sizes[0]}{' (cut short: at least)' if results[sizes[-1]].get('cut_short') else ''}: {ratio:.2f}x (target: at most 1.25x; {'met' if ratio <= 1.25 else 'not met'}).",
    ]
    print("\n".join(lines))
    if write:
        write_section(SIZES_SECTION, "\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="5KB,100KB,1MB,10MB")
    parser.add_argument("--set", action="append", default=[], help="a setting for the trial, e.g. chunk_chars=20000")
    parser.add_argument("--trial", default="", help="settings of a second series, e.g. chunk_chars=20000,batch_size=1")
    parser.add_argument("--trial-sizes", default="", help="the trial's sizes (default: --sizes)")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds one size may run before it is stopped")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the subprocess of one size
    parser.add_argument("--long", action="store_true", help="the long-ingest bench instead")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--checkpoint", type=int, default=1_000)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    if not BBC.exists():
        print(f"skipped: {BBC} is not there")
        return
    if args.one:
        print(json.dumps(one_article(args.one)))
    elif args.long:
        long_main(args)
    else:
        sizes = args.sizes.split(",")
        trial = [t for t in args.trial.split(",") if t]
        trial_sizes = args.trial_sizes.split(",") if args.trial_sizes else sizes
        sizes_main(sizes, not args.no_write, args.set, trial, trial_sizes, args.timeout)


def long_main(args: argparse.Namespace) -> None:
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
