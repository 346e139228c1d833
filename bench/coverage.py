"""Coverage: matching the news against a record of events (issue 21), measured two ways.

    uv run python bench/coverage.py            # both parts; prints
    uv run python bench/coverage.py --write    # ... and updates BENCHMARKS.md's section
    uv run python bench/coverage.py --only synthetic

1. **acled-dev** (``../shared/data/events/acled-dev/acled_dev.csv``, read at run time, never copied;
   absent: skipped). Each ACLED coder's note is ingested as one article (nothing stripped), dated by
   its event date, into a temporary store with the full extraction; then the corpus is matched
   against the same CSV with ``wirelens.coverage.matching.match_events``. Reported per setting: the
   share of records matched to an event extracted from their **own** note (target >= 0.85) and to
   another record's note (target <= 0.03). This measures extraction and matching together: a note
   whose event is not found, or is found with the wrong type, date or place, cannot be matched.
2. **synthetic**: 10,000 records and 10,000 news events (7,000 of them noisy copies of records: a day
   off at most, a few km away, some with another type; 3,000 unrelated), over 90 days and a 4 x 4
   degree area: about three candidates per record, so the assignment has choices to make). Matching must take <= 5 s (median of 3), and on a 1,000 x 1,000 sample the indexed
   result must equal one assignment over all pairs (same pairs, same total cost).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from acled_dev import half_of  # noqa: E402  (bench/ is on sys.path as a script)
from wirelens.coverage.datasets import RECORD_COLUMNS, read_event_dataset
from wirelens.coverage.matching import MatchSettings, haversine_km, match_all_pairs, match_events

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "events" / "acled-dev" / "acled_dev.csv"
SECTION = "## Coverage: matching against a record (bench/coverage.py)"
TYPES = [
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
]
SETTINGS = [
    MatchSettings(days=1, km=50, types="same"),
    MatchSettings(days=1, km=50, types="any"),
    MatchSettings(days=2, km=100, types="any"),
]


# --- synthetic -------------------------------------------------------------------------------------------------


def synthetic(n_records: int, n_news: int, seed: int = 7) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    start = np.datetime64("2020-01-01")
    day = rng.integers(0, 90, n_records)
    lat, lon = rng.uniform(33, 37, n_records), rng.uniform(38, 42, n_records)
    types = rng.choice(TYPES, n_records)
    records = pd.DataFrame({c: None for c in RECORD_COLUMNS}, index=range(n_records))
    records = records.assign(
        record_id=[f"R{i}" for i in range(n_records)],
        dataset="ACLED",
        date=start + day.astype("timedelta64[D]"),
        type=types,
        sub_type=None,
        lat=lat,
        lon=lon,
        location=[f"place {i % 997}" for i in range(n_records)],
    )
    records["date_end"] = records["date"]
    copies = min(int(n_news * 0.7), n_records)
    src = rng.choice(n_records, copies, replace=False)
    other = n_news - copies
    news_day = np.concatenate([day[src] + rng.integers(-1, 2, copies), rng.integers(0, 90, other)])
    km = rng.exponential(8, copies)
    angle = rng.uniform(0, 2 * np.pi, copies)
    news_lat = np.concatenate([lat[src] + km * np.cos(angle) / 111, rng.uniform(33, 37, other)])
    news_lon = np.concatenate(
        [lon[src] + km * np.sin(angle) / (111 * np.cos(np.radians(lat[src]))), rng.uniform(38, 42, other)]
    )
    news_type = np.concatenate(
        [np.where(rng.random(copies) < 0.8, types[src], rng.choice(TYPES, copies)), rng.choice(TYPES, other)]
    )
    news = pd.DataFrame(
        {
            "article_id": [f"a{i:06d}" for i in range(n_news)],
            "title": "synthetic",
            "date": start + news_day.astype("timedelta64[D]"),
            "lat": news_lat,
            "lon": news_lon,
            "type": news_type,
            "sub_type": None,
            "place": None,
            "aggregate": False,
            "start": 0,
            "end": 1,
            "sent_start": 0,
            "sent_end": 1,
            "sentence": "",
            "fatalities": None,
            "published": None,
            "source": None,
        }
    )
    return records, news


def bench_synthetic(repeat: int = 3) -> dict[str, object]:
    records, news = synthetic(10_000, 10_000)
    settings = MatchSettings(days=1, km=50, types="same")
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = match_events(records, news, settings)
        times.append(time.perf_counter() - t0)
    small_r, small_n = synthetic(1_000, 1_000, seed=11)
    t0 = time.perf_counter()
    indexed = match_events(small_r, small_n, settings)
    t_indexed = time.perf_counter() - t0
    t0 = time.perf_counter()
    every = match_all_pairs(small_r, small_n, settings)
    t_all = time.perf_counter() - t0
    pairs_i = set(zip(indexed.pairs["record"], indexed.pairs["news"]))
    pairs_a = set(zip(every.pairs["record"], every.pairs["news"]))
    return {
        "seconds": statistics.median(times),
        "matched": result.matched,
        "candidates": result.candidates,
        "settings": settings.describe(),
        "small_equal": pairs_i == pairs_a,
        "small_matched": (len(pairs_i), len(pairs_a)),
        "small_cost": (float(indexed.pairs["cost"].sum()), float(every.pairs["cost"].sum())),
        "small_seconds": (t_indexed, t_all),
    }


# --- acled-dev -----------------------------------------------------------------------------------------------------


def bench_acled(limit: int | None = None, cache: Path | None = None) -> dict[str, object] | None:
    if not DATA.is_file():
        print(f"acled-dev: {DATA} absent, skipped.")
        return None
    from wirelens.extraction.articles import make_article
    from wirelens.extraction.pipeline import default_extractor
    from wirelens.run.ingest import ingest_articles
    from wirelens.store.database import Store

    raw = pd.read_csv(DATA, dtype=str, keep_default_na=False)
    if limit:
        raw = raw.head(limit)
    records = read_event_dataset(DATA)
    records = records[records["record_id"].isin(set(raw["event_id_cnty"]))].reset_index(drop=True)
    own: dict[str, str] = {}  # record id -> its note's article id
    articles = []
    for row in raw.itertuples():
        article = make_article(
            row.notes, title=f"ACLED note {row.event_id_cnty}", date=row.event_date, source="ACLED note"
        )
        own[row.event_id_cnty] = article.id
        articles.append(article)
    if cache is not None and cache.is_file():  # the extraction of an earlier run (--cache), to try settings
        events, ingest_s = pd.read_pickle(cache), float("nan")
    else:
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(Path(tmp) / "acled.duckdb")
            t0 = time.perf_counter()
            ingest_articles(articles, store, default_extractor(), release_memory=True)
            ingest_s = time.perf_counter() - t0
            events = store.events()
            store.close()
        if cache is not None:
            events.to_pickle(cache)
    out: dict[str, object] = {
        "records": len(records),
        "articles": len(set(own.values())),
        "events": len(events),
        "ingest_seconds": ingest_s,
        "runs": [],
    }
    singles = events[~events["aggregate"].fillna(False).astype(bool)]
    note_has_event = set(singles["article_id"])
    out["notes_with_event"] = sum(own[r] in note_has_event for r in records["record_id"]) / len(records)
    # Where the rest is lost: the first event of each record's own note, against the record.
    first = singles.sort_values("start").groupby("article_id").first()
    pair = records.assign(own=records["record_id"].map(own)).join(first, on="own", rsuffix="_news", how="inner")
    dist = haversine_km(
        pair["lat"].to_numpy(float),
        pair["lon"].to_numpy(float),
        pair["lat_news"].to_numpy(float),
        pair["lon_news"].to_numpy(float),
    )
    out["first_event"] = {
        "date within 1 day": float(((pd.to_datetime(pair["date_news"]) - pair["date"]).dt.days.abs() <= 1).mean()),
        "same type": float((pair["type"] == pair["type_news"]).mean()),
        "place within 50 km": float(np.mean(dist <= 50)),
        "no place": float(np.mean(np.isnan(dist))),
    }
    for settings in SETTINGS:
        t0 = time.perf_counter()
        result = match_events(records, events, settings)
        seconds = time.perf_counter() - t0
        rec = result.records
        held_out = rec["record_id"].map(half_of) == "held-out"
        run: dict[str, object] = {"settings": settings, "seconds": seconds}
        for part, rows in (("", rec), ("_held_out", rec[held_out])):
            matched = rows[rows["covered"]]
            is_own = matched["article_id"] == matched["record_id"].map(own)
            run["own" + part] = float(is_own.sum()) / max(len(rows), 1)
            run["other" + part] = float((~is_own).sum()) / max(len(rows), 1)
        out["runs"].append(run)
    return out


# --- report --------------------------------------------------------------------------------------------------------


def report(acled: dict[str, object] | None, synth: dict[str, object] | None) -> str:
    lines = [
        SECTION,
        "",
        f"- Date: {dt.date.today().isoformat()}. Command: `uv run python bench/coverage.py --write`.",
        "- Method: see the docstring of `bench/coverage.py`; the matching rules in "
        "`lib/wirelens/coverage/matching.py`.",
        "",
    ]
    if acled is not None:
        seconds = acled["ingest_seconds"]
        ingest = "" if seconds != seconds else f", {seconds:.0f} s"  # NaN: reused from --cache
        lines += [
            f"acled-dev: {acled['records']:,} records, their notes ingested as {acled['articles']:,} articles "
            f"(full extraction{ingest}), {acled['events']:,} news events found; "
            f"{acled['notes_with_event']:.2f} of the notes have at least one (non-aggregate) event, "
            "the ceiling of any matching. The first event of a record's own note, against the record: "
            + ", ".join(f"{k} {v:.2f}" for k, v in acled["first_event"].items())  # type: ignore[union-attr]
            + ". Place is what loses most: the extraction's place resolution, not the matching.",
            "",
            "Matching rules are tuned on the dev half of acled-dev's split (the data README's "
            "`sha1(event_id_cnty) % 2`); the held-out half is reported beside all records.",
            "",
            "| window | radius | types | own note, all (>= 0.85) | own note, held-out | another note, all (<= 0.03) "
            "| another note, held-out | s |",
            "|---:|---:|---|---:|---:|---:|---:|---:|",
        ]
        for run in acled["runs"]:  # type: ignore[union-attr]
            s = run["settings"]
            lines.append(
                f"| {s.days} day(s) | {s.km:g} km | {s.types} | {run['own']:.3f} | {run['own_held_out']:.3f} | "
                f"{run['other']:.3f} | {run['other_held_out']:.3f} | {run['seconds']:.2f} |"
            )
        lines.append("")
    if synth is not None:
        lines += [
            "| synthetic | value | target |",
            "|---|---:|---|",
            f"| 10,000 records x 10,000 news events, median of 3 | {synth['seconds']:.2f} s | <= 5 s |",
            f"| matched / candidate pairs | {synth['matched']:,} / {synth['candidates']:,} | |",
            f"| 1,000 x 1,000: indexed = all pairs (pairs, cost) | {synth['small_equal']} "
            f"({synth['small_matched'][0]} pairs, cost {synth['small_cost'][0]:.3f} vs "
            f"{synth['small_cost'][1]:.3f}) | equal |",
            f"| 1,000 x 1,000: indexed / all pairs seconds | {synth['small_seconds'][0]:.2f} / "
            f"{synth['small_seconds'][1]:.2f} | |",
            f"| settings | {synth['settings']} | |",
        ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=("acled", "synthetic"))
    parser.add_argument("--limit", type=int, help="acled-dev: only the first N notes (a smoke run)")
    parser.add_argument("--cache", type=Path, help="acled-dev: keep the extracted events in this file, reuse it")
    parser.add_argument("--write", action="store_true", help="update BENCHMARKS.md (bench/benchmarks_md.py)")
    args = parser.parse_args(argv)
    synth = bench_synthetic() if args.only != "acled" else None
    if synth is not None:
        print(synth, flush=True)
    acled = bench_acled(args.limit, args.cache) if args.only != "synthetic" else None
    section = report(acled, synth)
    print(section)
    if args.write:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from benchmarks_md import write_section

        write_section(SECTION, section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
