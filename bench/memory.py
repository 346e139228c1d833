"""Memory: of one article by its length (default), and of a long ingest (``--long``).

    uv run python bench/memory.py [--sizes 5KB,100KB,1MB,10MB]     # "## Memory per article length"
    uv run python bench/memory.py --long [--articles 10000] [--checkpoint 1000]
    uv run python bench/memory.py --jsonl 100000,1000000    # "## Reading a long JSONL"

Per article length: each size is ingested in a fresh subprocess (the real model, the way
`wirelens ingest` does it), so no size inherits another's heap. The article is distinct BBC texts
joined by blank lines up to the size. The process's peak (VmHWM) is read after loading the model
and one short article (the baseline), then reset (``/proc/self/clear_refs``) and read again at the
start of the layers' finishing pass, at the start of the store's write and at the end: which stage
sets the peak, and what the records of a long article hold, show where memory grows. Each section
written prints a line on stderr (RSS, peak, the model's live lexemes and strings, DuckDB's and Arrow's
memory): what grows with a long article, as it runs. Target: the 10 MB article's peak within 1.25x the 5 KB one's.

Long JSONL (``--jsonl``): a file of N lines, one short dated article each, read with ``read_paths`` the
way `wirelens ingest` reads it (every line parsed, checked and cleaned into an article), in a fresh
subprocess per size; no extraction. Reading streams, so the peak must not grow with the line count:
the largest file's peak within 1.10x the smallest's; the baseline is the peak after the imports.

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
from wirelens.extraction.pipeline import SECTION_CHARS, default_extractor
from wirelens.run.ingest import ingest_articles
from wirelens.store.database import Store

REPO = Path(__file__).resolve().parents[1]
BBC = REPO.parent / "shared" / "data" / "corpus" / "bbc" / "bbc.jsonl"
SECTION = "## Memory on a long ingest (bench/memory.py)"
SIZES_SECTION = "## Memory per article length (bench/memory.py)"
JSONL_SECTION = "## Reading a long JSONL in bounded memory (bench/memory.py --jsonl)"
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
    """Ingest one article of ``size`` bytes in this process; the peaks (MB) of each stage and the record counts.

    A long article is finished and written a section at a time: the counts are those of its largest
    section (what is held at once), the stage peaks those at the start of its last section's finish.
    """
    from wirelens.extraction.pipeline import Extractor

    extractor = default_extractor()
    extractor.extract_one(make_article("Rebels shelled Aleppo on Monday, killing six people.", title="warm-up"))
    text = long_text(size)
    article = make_article(text, title=f"One article of {size:,} bytes")
    out: dict[str, float] = {"bytes": len(text.encode()), "baseline": vm_mb("VmHWM"), "finish_s": 0.0, "store_s": 0.0}
    out.update(sections=0, sentences=0, candidates=0, layer_records=0)
    finish, insert = Extractor._finish, Store._insert

    def timed_finish(self, art, parts, **kw):  # the section's chunks are parsed here; its records held so far
        out["after_parse_peak"], out["after_parse_rss"] = vm_mb("VmHWM"), vm_mb("VmRSS")
        out["sections"] += 1
        out["sentences"] = max(out["sentences"], len(parts.sentences))
        out["candidates"] = max(out["candidates"], len(parts.candidates))
        out["layer_records"] = max(out["layer_records"], sum(len(r) for r in parts.layer_records.values()))
        began = time.perf_counter()
        try:
            return finish(self, art, parts, **kw)
        finally:
            out["finish_s"] += time.perf_counter() - began

    def timed_insert(cur, extraction, model):
        began = time.perf_counter()
        try:
            return insert(cur, extraction, model)
        finally:
            out["store_s"] += time.perf_counter() - began
            trace_section(extractor, cur, extraction.section.index, began - start)

    Extractor._finish, Store._insert = timed_finish, staticmethod(timed_insert)  # type: ignore[method-assign]
    reset_peak()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="wirelens-memory-") as tmp, Store(Path(tmp) / "m.duckdb") as store:
        report = ingest_articles([article], store, extractor, release_memory=True)
    out["seconds"] = time.perf_counter() - start
    out["parse_s"] = out["seconds"] - out["finish_s"] - out["store_s"]
    out["peak"] = vm_mb("VmHWM")
    assert len(report.added) == 1, report.summary()
    return out


def trace_section(extractor: object, cur: object, index: int, seconds: float) -> None:
    """One line on stderr per section written: RSS, peak, the model's live lexemes (``len(vocab)`` counts
    every lexeme ever made) and strings, DuckDB's own memory and Arrow's pool: what grows with a long
    article, as it runs."""
    import pyarrow as pa

    vocab = extractor.nlp.vocab  # type: ignore[attr-defined]
    duck = cur.execute("SELECT sum(memory_usage_bytes) FROM duckdb_memory()").fetchone()[0] or 0  # type: ignore[attr-defined]
    print(
        f"section {index + 1}: RSS {vm_mb('VmRSS'):.0f} MB, peak {vm_mb('VmHWM'):.0f} MB, "
        f"lexemes {sum(1 for _ in vocab):,}, strings {len(vocab.strings):,}, DuckDB {duck / 2**20:.0f} MB, "
        f"Arrow {pa.total_allocated_bytes() / 2**20:.0f} MB, {seconds:.0f} s",
        file=sys.stderr,
        flush=True,
    )


def read_jsonl(lines: int) -> dict[str, float]:
    """Write a JSONL of ``lines`` articles, then read it whole with ``read_paths``; peak RSS (MB) and seconds."""
    from wirelens.run.readers import read_paths

    with tempfile.TemporaryDirectory(prefix="wirelens-jsonl-") as tmp:
        path = Path(tmp) / "long.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for i in range(lines):
                text = f"Rebels shelled the town of Line{i} on Monday, killing {i % 90} people, a monitor said."
                out.write(json.dumps({"title": f"Story {i}", "date": "2016-10-04", "text": text}) + "\n")
        result = {"lines": lines, "mb": path.stat().st_size / 1024 / 1024, "baseline": vm_mb("VmHWM")}
        reset_peak()
        start = time.perf_counter()
        articles = problems = 0
        for item in read_paths([path]):
            if isinstance(item, Article):
                articles += 1
            else:
                problems += 1
        result.update(seconds=time.perf_counter() - start, peak=vm_mb("VmHWM"), articles=articles, problems=problems)
    return result


def jsonl_main(sizes: list[int], write: bool) -> None:
    results = []
    for lines in sizes:
        done = subprocess.run(
            [sys.executable, __file__, "--one-jsonl", str(lines)], capture_output=True, text=True, check=True
        )
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(results[-1], flush=True)
    ratio = results[-1]["peak"] / results[0]["peak"]
    lines = [
        JSONL_SECTION,
        "",
        f"- Date: {time.strftime('%Y-%m-%d')}. Command: `uv run python bench/memory.py --jsonl {','.join(map(str, sizes))}`.",
        "- Each file read in a fresh subprocess with `read_paths` as `wirelens ingest` reads it (every line parsed, "
        "checked and cleaned into an article; no extraction). Baseline in the same process: the peak after the imports.",
        "",
        "| lines | file (MB) | articles read | problems | peak RSS (MB) | baseline (MB) | seconds |",
        "|---:|---:|---:|---:|---:|---:|---:|",
        *(
            f"| {r['lines']:,} | {r['mb']:.0f} | {r['articles']:,} | {r['problems']:,} | {r['peak']:.0f} "
            f"| {r['baseline']:.0f} | {r['seconds']:.0f} |"
            for r in results
        ),
        "",
        f"{results[-1]['lines']:,} lines against {results[0]['lines']:,}: peak {ratio:.2f}x "
        f"(target: at most 1.10x, memory bounded whatever the length; {'met' if ratio <= 1.10 else 'not met'}). "
        "Before the streaming readers (issue 22's probe): a 1M-line JSONL took 135 s and 1.2 GB to read.",
    ]
    print("\n".join(lines))
    if write:
        write_section(JSONL_SECTION, "\n".join(lines))


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
        f"| {r.get('after_parse_peak', 0):.0f} / {r.get('after_parse_rss', 0):.0f} | {r.get('sections', 0):,.0f} "
        f"| {r.get('sentences', 0):,.0f} | {r.get('candidates', 0):,.0f} | {r.get('layer_records', 0):,.0f} "
        f"| {r['seconds']:.0f} ({r.get('parse_s', 0):.0f} + {r.get('finish_s', 0):.0f} + {r.get('store_s', 0):.0f}) |"
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
        f"one short article. An article over {SECTION_CHARS:,} characters is finished and written a section at a "
        "time (`Extractor.extract_sections`, each section committed as it comes, the article row last): the held "
        "counts are its largest section's, "
        'the stage peak (peak / RSS) is taken as its last section\'s layers start. "x first" is against the '
        "first size with the settings of the first rows.",
        "",
        "| article | settings | peak RSS (MB) | x first | baseline (MB) | last section parsed: peak / RSS "
        "| sections | sentences | entity candidates | layer records | seconds (parse + layers + store) |",
        "|---|---|---:|---:|---:|---|---:|---:|---:|---:|---:|",
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
    parser.add_argument("--jsonl", default="", help="line counts of JSONL files to read, e.g. 100000,1000000")
    parser.add_argument("--one-jsonl", type=int, help=argparse.SUPPRESS)  # the subprocess of one JSONL
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
    elif args.one_jsonl:
        print(json.dumps(read_jsonl(args.one_jsonl)))
    elif args.jsonl:
        jsonl_main([int(n) for n in args.jsonl.split(",")], not args.no_write)
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
