"""Dashboard at scale: server-side time of each page on a 10,000-article corpus.

    uv run python bench/dashboard.py [--base STORE] [--articles 10000]

The corpus is the BBC set (../shared/data/corpus/bbc/bbc.jsonl, 2,225 articles) ingested once
with the full extraction, then repeated with new ids and dates spread over two years until it
holds --articles articles (the ingest is cached under the user cache dir). Each page is timed
with Streamlit's AppTest: a first run (caches warm, as for any visitor after the first) and a
filter change. The baseline in the same run is the time of the page's own store queries, so
the figure shows what the page adds on top of DuckDB.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import platformdirs

from benchmarks_md import write_section

REPO = Path(__file__).resolve().parents[1]
BBC = REPO.parent / "shared" / "data" / "corpus" / "bbc" / "bbc.jsonl"
MAIN = REPO / "tests" / "apptest" / "main.py"
SECTION = "## Dashboard at scale (bench/dashboard.py)"
PAGES = ["overview.py", "reader.py", "map.py", "quotes.py", "network.py", "events.py", "corrections.py"]


def base_store(path: Path | None) -> Path:
    """The BBC corpus ingested with the full extraction (built once, then reused)."""
    target = path or Path(platformdirs.user_cache_dir("wirelens")) / "bench" / "bbc.duckdb"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        print(f"ingesting {BBC} into {target} (once; several minutes)…", flush=True)
        subprocess.run(
            [sys.executable, "-m", "wirelens", "--processes", "2", "ingest", "--db", str(target), str(BBC)],
            check=True,
            cwd=REPO,
        )
    return target


def scaled_store(base: Path, articles: int, out: Path) -> Path:
    """``base`` repeated with fresh ids until it holds ``articles`` articles, dates spread over two years."""
    import duckdb

    from wirelens.store.database import TABLES, Store

    if out.exists():
        out.unlink()
    with Store(out):
        pass  # create the schema
    con = duckdb.connect(str(out))
    con.execute(f"ATTACH '{base}' AS base (READ_ONLY)")
    n_base = con.execute("SELECT count(*) FROM base.articles").fetchone()[0]
    copies = -(-articles // n_base)
    for k in range(copies):
        limit = min(n_base, articles - k * n_base)
        con.execute(
            f"""INSERT INTO articles BY NAME SELECT * REPLACE (id || '-{k}' AS id,
                    DATE '2004-01-01' + CAST((row_number() OVER (ORDER BY id) * 7 + {k} * 13) % 730 AS INTEGER) AS date)
                FROM (SELECT * FROM base.articles ORDER BY id LIMIT {limit})"""
        )
        for table in TABLES[1:]:
            con.execute(
                f"""INSERT INTO {table} BY NAME SELECT * REPLACE (article_id || '-{k}' AS article_id)
                    FROM base.{table} WHERE article_id IN (SELECT id FROM base.articles ORDER BY id LIMIT {limit})"""
            )
    con.execute("DETACH base")
    con.close()
    return out


def time_page(page: str, change) -> tuple[float, float, str]:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(MAIN), default_timeout=600).run()
    start = time.perf_counter()
    at.switch_page(f"../../pages/{page}").run()
    first = time.perf_counter() - start
    if at.exception:
        return first, float("nan"), at.exception[0].value.splitlines()[0]
    start = time.perf_counter()
    change(at)
    changed = time.perf_counter() - start
    return first, changed, "error" if at.exception else "ok"


def select_top_actor(at) -> None:
    widget = at.multiselect(key="actors")
    widget.set_value(widget.options[:1]).run()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", type=Path, help="an existing store to scale up (default: BBC, cached)")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if args.base is None and not BBC.exists():
        print(f"skipped: {BBC} is not there")
        return
    store_path = scaled_store(
        base_store(args.base),
        args.articles,
        Path(platformdirs.user_cache_dir("wirelens")) / "bench" / f"scaled-{args.articles}.duckdb",
    )
    os.environ["WIRELENS_DB"] = str(store_path)
    os.environ["WIRELENS_SEEDS"] = str(store_path.parent / "no-seeds")  # the corpus as built, nothing added
    os.chdir(REPO)

    from wirelens.store.database import Filters, Store

    with Store(store_path, read_only=True) as store:
        n_articles = store.article_count()
        n_mentions = int(store.query("SELECT count(*) AS n FROM entities")["n"][0])
        print(f"corpus: {n_articles:,} articles, {n_mentions:,} entity mentions")
        start = time.perf_counter()
        store.articles(Filters()), store.top_actors(Filters(), limit=1_000_000), store.interaction_edges(Filters())
        store.place_counts(Filters()), store.quotes(Filters(), latest=2_000), store.events(Filters())
        queries = time.perf_counter() - start
    print(f"baseline: the pages' main store queries together take {queries:.2f} s")

    time_page("overview.py", lambda at: None)  # warm-up: model, caches
    lines = ["| page | first run (s) | filter change (s) | runs |", "|---|---:|---:|---:|"]
    print("\n".join(lines))
    for page in PAGES:
        if not (REPO / "pages" / page).exists():
            continue
        runs = [time_page(page, select_top_actor) for _ in range(args.repeat)]
        status = {r[2] for r in runs}
        firsts, changes = [r[0] for r in runs], [r[1] for r in runs]
        lines.append(
            f"| {page} | {statistics.median(firsts):.2f} | {statistics.median(changes):.2f} | {len(runs)} |"
            + ("" if status == {"ok"} else f" {status}")
        )
        print(lines[-1], flush=True)
    write_section(
        SECTION,
        "\n".join(
            [
                SECTION,
                "",
                f"- Date: {time.strftime('%Y-%m-%d')}. Command: `uv run python bench/dashboard.py` "
                f"(--articles {args.articles}, --repeat {args.repeat}; medians).",
                f"- Corpus: {n_articles:,} articles, {n_mentions:,} entity mentions (BBC ingested with the full "
                "extraction, repeated with new ids and dates spread over two years).",
                f"- Baseline in the same run: the pages' main store queries (articles, every actor, interaction edges, "
                f"place counts, the 2,000 latest quotes, events) take {queries:.2f} s together, straight from DuckDB.",
                "- Server-side time of a visitor's first run of each page (process caches warm) and of a sidebar "
                "filter change (the top actor selected), through Streamlit's AppTest. Targets: first run <= 1.5 s "
                "(network page <= 2 s), filter change <= 0.5 s.",
                "",
                *lines,
            ]
        ),
    )


if __name__ == "__main__":
    main()
