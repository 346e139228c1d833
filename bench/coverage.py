"""Coverage: matching the news against a record of events (issue 21), measured two ways.

    uv run python bench/coverage.py            # both parts; prints
    uv run python bench/coverage.py --write    # ... and updates BENCHMARKS.md's section
    uv run python bench/coverage.py --only synthetic

1. **acled-dev** (``../shared/data/events/acled-dev/acled_dev.csv``, read at run time, never copied;
   absent: skipped). Each ACLED coder's note is ingested as one article (nothing stripped), dated by
   its event date, into a temporary store (``--store PATH``: that store, kept, and reused as it is when it
   exists, so that a matching change costs seconds, not a re-extraction) with the full extraction; then
   the corpus is matched against the same CSV with ``wirelens.coverage.matching.match_events``, the
   notes' texts given. Reported per setting, for all records, the dev half (tuned on) and the held-out
   half of the data README's split: the share of records matched to an event extracted from their
   **own** note (target >= 0.85) and to another record's note (target <= 0.03); the current rule (one
   radius, no text) beside the new one. This measures extraction and matching together: a note whose
   event is not found, or is found with the wrong type, date or place, cannot be matched.
2. **synthetic**: 10,000 records and 10,000 news events (7,000 of them noisy copies of records: a day
   off at most, some with another type; 3,000 unrelated), over 90 days and a 4 x 4 degree area, two
   countries and 16 provinces. A news event's place is a city (70%, a few km from its record), a district
   (10%, ~25 km), a region (10%, ~50 km), a country (2%) or none (8%, no coordinates); each article
   names one record's location and province, which an event without a place is matched by,
   in its first sentence, then 400 words more. Matching
   must take <= 5 s (median of 3), and on a 1,000 x 1,000 sample the indexed result must equal one
   assignment over all pairs (same pairs, same total cost); both for the current rule and the new one.

``--write`` rewrites the section's block of each part run; a part not run (``--only``) keeps its block,
and the hand-written notes block is kept as it is.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import statistics
import subprocess
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
CURRENT = {"levels": False, "context": False}  # the rule before levels and context (stop 26's main)
SETTINGS = [
    ("current rule", MatchSettings(days=1, km=50, types="any", **CURRENT)),
    ("current rule", MatchSettings(days=1, km=50, types="same", **CURRENT)),
    ("levels + context", MatchSettings(days=1, km=50, types="any")),
    ("levels + context", MatchSettings(days=1, km=50, types="same")),
    ("levels + context", MatchSettings(days=2, km=50, types="any")),
]
MARK = "<!-- {} -->"  # around each part's block in the section, so --only keeps the other part's block


# --- synthetic -------------------------------------------------------------------------------------------------


LEVELS = ("city", "district", "region", "country", None)  # a news event's place level; None: no place
LEVEL_SHARE = (0.7, 0.1, 0.1, 0.02, 0.08)
FILLER = (
    "the army said on that fighters in and attacked positions near while officials denied reports of " * 3
).split()
FILLER += "Tuesday Reuters Ministry President Monday".split()
LEVEL_KM = {"city": 8.0, "district": 25.0, "region": 50.0}  # mean km between a copy's point and its record's


def synthetic(n_records: int, n_news: int, seed: int = 7) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, str]]:
    """Records, news events and their articles' texts (see the module's docstring)."""
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
        location=[f"Place {i % 997}" for i in range(n_records)],
        admin1=[f"Province {int(y)}{int(x)}" for y, x in zip(lat, lon)],  # 1-degree squares
        country=np.where(lon < 40, "Westland", "Eastland"),
    )
    records["date_end"] = records["date"]
    copies = min(int(n_news * 0.7), n_records)
    src = rng.choice(n_records, copies, replace=False)
    other = n_news - copies
    level = rng.choice(len(LEVELS), n_news, p=LEVEL_SHARE)
    mean_km = np.array([LEVEL_KM.get(LEVELS[k], 0.0) for k in level[:copies]])
    news_day = np.concatenate([day[src] + rng.integers(-1, 2, copies), rng.integers(0, 90, other)])
    km = rng.exponential(np.maximum(mean_km, 1e-9))
    angle = rng.uniform(0, 2 * np.pi, copies)
    news_lat = np.concatenate([lat[src] + km * np.cos(angle) / 111, rng.uniform(33, 37, other)])
    news_lon = np.concatenate(
        [lon[src] + km * np.sin(angle) / (111 * np.cos(np.radians(lat[src]))), rng.uniform(38, 42, other)]
    )
    news_type = np.concatenate(
        [np.where(rng.random(copies) < 0.8, types[src], rng.choice(TYPES, copies)), rng.choice(TYPES, other)]
    )
    place_type = np.array([LEVELS[k] for k in level], dtype=object)
    named = np.concatenate([src, rng.integers(0, n_records, other)])  # the record each article names
    country_of = np.where(news_lon < 40, "Westland", "Eastland")
    place = np.array(
        [f"Town {i}" if t in ("city", "district", "region") else None for i, t in enumerate(place_type)], dtype=object
    )
    place[place_type == "country"] = country_of[place_type == "country"]
    unplaced = place_type == None  # noqa: E711 (an array compared element-wise)
    news_lat[unplaced], news_lon[unplaced] = np.nan, np.nan
    article_ids = [f"a{i:06d}" for i in range(n_news)]
    opening = [f"Fighting was reported in {records['location'][r]} ({records['admin1'][r]}) on the day." for r in named]
    # The rest of a news article's length (400 words, some capitalised), which a placeless event's text is.
    filler = rng.choice(FILLER, (n_news, 400))
    texts = {a: first + " " + " ".join(words) for a, first, words in zip(article_ids, opening, filler)}
    news = pd.DataFrame(
        {
            "article_id": article_ids,
            "title": "synthetic",
            "date": start + news_day.astype("timedelta64[D]"),
            "lat": news_lat,
            "lon": news_lon,
            "type": news_type,
            "sub_type": None,
            "place": place,
            "place_type": place_type,
            "aggregate": False,
            "start": 0,
            "end": 1,
            "sent_start": 0,
            "sent_end": [len(first) for first in opening],
            "sentence": "",
            "fatalities": None,
            "published": None,
            "source": None,
        }
    )
    return records, news, texts


def bench_synthetic(settings: MatchSettings, repeat: int = 3) -> dict[str, object]:
    records, news, texts = synthetic(10_000, 10_000)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = match_events(records, news, settings, texts)
        times.append(time.perf_counter() - t0)
    small_r, small_n, small_texts = synthetic(1_000, 1_000, seed=11)
    t0 = time.perf_counter()
    indexed = match_events(small_r, small_n, settings, small_texts)
    t_indexed = time.perf_counter() - t0
    t0 = time.perf_counter()
    every = match_all_pairs(small_r, small_n, settings, small_texts)
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


def bench_acled(
    limit: int | None = None,
    cache: Path | None = None,
    store_path: Path | None = None,
    previous: Path | None = None,
) -> dict[str, object] | None:
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
    elif store_path is not None and store_path.is_file():  # --store: an earlier run's store, reused as it is
        store = Store(store_path)
        events, ingest_s = store.events(), float("nan")
        store.close()
    else:
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(store_path or Path(tmp) / "acled.duckdb")
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
    texts = {article.id: article.text for article in articles}  # the cleaned text, as stored
    runs: list[tuple[str, MatchSettings, object]] = [(label, s, match_events) for label, s in SETTINGS]
    if previous is not None:  # the previous main's matching, on the same extraction
        old = _previous_matching(previous)
        commit = subprocess.run(
            ["git", "-C", str(previous), "rev-parse", "--short", "HEAD"], capture_output=True, text=True
        ).stdout.strip()
        name = f"previous main ({commit or previous.name})"
        runs += [(name, s, old) for label, s in SETTINGS if label == "current rule"]
    for label, settings, match in runs:
        t0 = time.perf_counter()
        if match is match_events:
            result = match_events(records, events, settings, texts)
        else:
            old_settings = match.MatchSettings(days=settings.days, km=settings.km, types=settings.types)  # type: ignore[attr-defined]
            result = match.match_events(records, events, old_settings)  # type: ignore[attr-defined]
        run: dict[str, object] = {"label": label, "settings": settings, "seconds": time.perf_counter() - t0}
        run.update(own_and_other(result.records, own))
        out["runs"].append(run)
    return out


def own_and_other(rec: pd.DataFrame, own: dict[str, str]) -> dict[str, float]:
    """The share of records matched to their own note's event, and to another's: all, dev half, held-out half."""
    half = rec["record_id"].map(half_of)
    out = {}
    for part, rows in (("", rec), ("_dev", rec[half == "dev"]), ("_held_out", rec[half == "held-out"])):
        matched = rows[rows["covered"]]
        is_own = matched["article_id"] == matched["record_id"].map(own)
        out["own" + part] = float(is_own.sum()) / max(len(rows), 1)
        out["other" + part] = float((~is_own).sum()) / max(len(rows), 1)
    return out


def _previous_matching(checkout: Path) -> object:
    """The matching module of another checkout (the previous main), loaded beside ours."""
    path = checkout / "lib" / "wirelens" / "coverage" / "matching.py"
    spec = importlib.util.spec_from_file_location("previous_matching", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["previous_matching"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


# --- report --------------------------------------------------------------------------------------------------------


def report(
    acled: dict[str, object] | None,
    synth: dict[str, object] | None,
    old: str = "",
    command: str = "uv run python bench/coverage.py --write",
) -> str:
    """The section; a part not run this time keeps its block (and the notes keep theirs) from ``old``."""
    lines = [
        SECTION,
        "",
        f"- Date: {dt.date.today().isoformat()}. Command: `{command}`.",
        "- Method: see the docstring of `bench/coverage.py`; the matching rules in "
        "`lib/wirelens/coverage/matching.py`.",
        "",
    ]
    acled_block = acled_lines(acled) if acled is not None else block_of(old, "acled")
    synth_block = synthetic_lines(synth) if synth is not None else block_of(old, "synthetic")
    for name, block in (("acled", acled_block), ("synthetic", synth_block), ("notes", block_of(old, "notes"))):
        if block:
            lines += [MARK.format(name), *block, MARK.format("/" + name), ""]
    return "\n".join(lines).rstrip() + "\n"


def block_of(section: str, name: str) -> list[str]:
    """The lines between a block's marks in an earlier section ([] when it has none)."""
    start, end = MARK.format(name), MARK.format("/" + name)
    if start not in section or end not in section:
        return []
    return section.split(start, 1)[1].split(end, 1)[0].strip("\n").split("\n")


def acled_lines(acled: dict[str, object]) -> list[str]:
    seconds = acled["ingest_seconds"]
    ingest = "" if seconds != seconds else f", {seconds:.0f} s"  # NaN: reused from --cache or --store
    lines = [
        f"acled-dev: {acled['records']:,} records, their notes ingested as {acled['articles']:,} articles "
        f"(full extraction{ingest}), {acled['events']:,} news events found; "
        f"{acled['notes_with_event']:.2f} of the notes have at least one (non-aggregate) event, "
        "the ceiling of any matching. The first event of a record's own note, against the record: "
        + ", ".join(f"{k} {v:.2f}" for k, v in acled["first_event"].items())  # type: ignore[union-attr]
        + ".",
        "",
        "Matching rules are tuned on the dev half of acled-dev's split (the data README's "
        "`sha1(event_id_cnty) % 2`); the held-out half is reported beside, its errors never read. "
        "*current rule*: one radius, a news event without a place never matched; *levels + context*: the "
        "radius by the level of the news event's place, a country's event by the record's country, the record's "
        "place names in the event's sentence or (no place) its article (`MatchSettings` in matching.py).",
        "",
        "| rule | window | radius: city / district / region | types | own note, all (>= 0.85) | dev | held-out "
        "| another note, all (<= 0.03) | dev | held-out | s |",
        "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for run in acled["runs"]:  # type: ignore[union-attr]
        s = run["settings"]
        radius = f"{s.km:g} / {s.district_km:g} / {s.region_km:g} km" if s.levels else f"{s.km:g} km"
        lines.append(
            f"| {run['label']} | {s.days} day(s) | {radius} | {s.types} | {run['own']:.3f} | {run['own_dev']:.3f} | "
            f"{run['own_held_out']:.3f} | {run['other']:.3f} | {run['other_dev']:.3f} | {run['other_held_out']:.3f} "
            f"| {run['seconds']:.2f} |"
        )
    return lines


def synthetic_lines(synth: dict[str, object]) -> list[str]:
    lines = ["| synthetic | value | target |", "|---|---:|---|"]
    for label, run in synth.items():
        lines += [
            f"| {label}: 10,000 records x 10,000 news events, median of 3 | {run['seconds']:.2f} s | <= 5 s |",
            f"| {label}: matched / candidate pairs | {run['matched']:,} / {run['candidates']:,} | |",
            f"| {label}: 1,000 x 1,000, indexed = all pairs (pairs, cost) | {run['small_equal']} "
            f"({run['small_matched'][0]} pairs, cost {run['small_cost'][0]:.3f} vs "
            f"{run['small_cost'][1]:.3f}) | equal |",
            f"| {label}: 1,000 x 1,000, indexed / all pairs seconds | {run['small_seconds'][0]:.2f} / "
            f"{run['small_seconds'][1]:.2f} | |",
            f"| {label}: settings | {run['settings']} | |",
        ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=("acled", "synthetic"))
    parser.add_argument("--limit", type=int, help="acled-dev: only the first N notes (a smoke run)")
    parser.add_argument("--cache", type=Path, help="acled-dev: keep the extracted events in this file, reuse it")
    parser.add_argument(
        "--store", type=Path, help="acled-dev: ingest into this store (kept), or reuse it when it exists"
    )
    parser.add_argument(
        "--previous",
        type=Path,
        metavar="CHECKOUT",
        help="acled-dev: also the matching of this checkout (previous main)",
    )
    parser.add_argument("--write", action="store_true", help="update BENCHMARKS.md (bench/benchmarks_md.py)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from benchmarks_md import BENCHMARKS_MD, write_section

    synth = None
    if args.only != "acled":
        synth = {
            "current rule": bench_synthetic(MatchSettings(days=1, km=50, types="same", **CURRENT)),
            "levels + context": bench_synthetic(MatchSettings(days=1, km=50, types="same")),
        }
        print(synth, flush=True)
    acled = bench_acled(args.limit, args.cache, args.store, args.previous) if args.only != "synthetic" else None
    text = BENCHMARKS_MD.read_text(encoding="utf-8") if BENCHMARKS_MD.is_file() else ""
    old = text.split(SECTION, 1)[1].split("\n## ", 1)[0] if SECTION in text else ""
    command = " ".join(["uv run python bench/coverage.py", *(sys.argv[1:] if argv is None else argv)])
    section = report(acled, synth, old, command)
    print(section)
    if args.write:
        write_section(SECTION, section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
