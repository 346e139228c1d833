"""Events against ACLED's own coding: the acled-dev notes as articles, scored on their codes.

    uv run python bench/acled_dev.py                        # both halves, baseline, previous main; prints
    uv run python bench/acled_dev.py --write                # ... and updates BENCHMARKS.md's "## Events (acled-dev)"
    uv run python bench/acled_dev.py --part dev --errors 40 # rule development: read the dev half's errors
    uv run python bench/acled_dev.py --tree /tmp/prev_main  # also score another checkout (old or new layout)

Data: ``../shared/data/events/acled-dev/acled_dev.csv`` (3,000 ACLED events with the coders' notes;
read at run time, never copied; absent: the bench says so and exits 0). Each note is written as a
short article whose publication date is the event date (the data README's "As articles"); the
coders' label prefixes ("Property destruction:", "Arrests:") are stripped, since they give the
sub-type away and news has none.

Split: the data README's: ``sha1(event_id_cnty) % 2``, 0 = dev (tuned on, its errors read with
``--errors``), 1 = held-out (scored only; ``--errors`` refuses it). The held-out half is the headline.

The prediction for a note is its first event that is not an aggregate (a note reports one event, and
leads with it). Measures, each over the half's notes:

- detection: at least one event predicted;
- event type / sub-type accuracy: the first event's against ACLED's (no event counts as wrong);
- date exact: the first event's date is ACLED's event_date;
- toll exact: on notes whose ACLED fatalities > 0, the first event's count equals it;
- place within 25 km / 161 km: great-circle distance from the first event's point to ACLED's
  (no event or no point counts as wrong).

Baseline in the same run: "most frequent sub-type" (of the dev half) for every note, with the
publication date as its date. The previous main (``--tree``, default /tmp/prev_main when present)
is scored in the same run: this file is run there as ``uv run python <this file> --predict``
with that tree's own environment, and works with both module layouts (``wirelens.extraction.pipeline``
and the older ``wirelens.extract``).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import json
import math
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "events" / "acled-dev" / "acled_dev.csv"
PREV_MAIN = Path("/tmp/prev_main")
SECTION = "## Events (acled-dev: bench/acled_dev.py)"
PARTS = ("held-out", "dev")
# The coders' labels: "Property destruction:", "Security measures:", "Defusal:" (a capitalised phrase of
# at most four words and a colon, at the very start).
_LABEL = re.compile(r"^\s*(?:[A-Z][a-z]+(?:[ /-][A-Za-z]+){0,3})\s*:\s+(?=\S)")
TARGETS = {"detection": 0.95, "type": 0.85, "sub_type": 0.80, "date": 0.95, "toll": 0.60, "km161": 0.85}


def half_of(event_id: str) -> str:
    return PARTS[1 - int(hashlib.sha1(event_id.encode("utf-8")).hexdigest(), 16) % 2]


def read_rows(path: Path = DATA) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def note_text(notes: str) -> str:
    """The note as an article: the coder's label prefix stripped (only when a date or words follow)."""
    stripped = _LABEL.sub("", notes, count=1)
    return stripped if len(stripped) > 20 else notes


# --- predicting (runs in whichever tree is benchmarked) ----------------------------------------------


def predict(rows: Sequence[dict[str, str]]) -> dict[str, list[dict[str, Any]]]:
    """Event id -> its events (plain dicts), with the importable tree's extractor."""
    try:
        from wirelens.extraction.articles import make_article
        from wirelens.extraction.pipeline import default_extractor
    except ImportError:  # the older layout
        from wirelens.articles import make_article  # type: ignore[no-redef]
        from wirelens.extract import default_extractor  # type: ignore[no-redef]
    extractor = default_extractor()
    articles = [make_article(note_text(r["notes"]), title="ACLED note", date=r["event_date"]) for r in rows]
    out: dict[str, list[dict[str, Any]]] = {}
    for row, extraction in zip(rows, extractor.extract(articles)):
        out[row["event_id_cnty"]] = [
            {
                "start": e.start,
                "cue": e.cue,
                "type": e.type,
                "sub_type": e.sub_type,
                "date": e.date.isoformat() if e.date else None,
                "fatalities": e.fatalities,
                "lat": e.lat,
                "lon": e.lon,
                "place": e.place,
                "aggregate": e.aggregate,
                "actor1": e.actor1,
                "actor2": e.actor2,
                "background": getattr(e, "background", False),
            }
            for e in extraction.events
        ]
    return out


def predict_in_tree(tree: Path, rows: Sequence[dict[str, str]]) -> dict[str, list[dict[str, Any]]]:
    """:func:`predict` run in another checkout with its own environment (``uv run`` there)."""
    with tempfile.TemporaryDirectory() as tmp:
        ids = Path(tmp) / "ids.txt"
        ids.write_text("\n".join(r["event_id_cnty"] for r in rows), encoding="utf-8")
        out = Path(tmp) / "pred.json"
        env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
        subprocess.run(
            [
                "uv",
                "run",
                "--quiet",
                "python",
                str(Path(__file__).resolve()),
                "--predict",
                "--ids",
                str(ids),
                "--out",
                str(out),
            ],
            cwd=tree,
            env=env,
            check=True,
        )
        return json.loads(out.read_text(encoding="utf-8"))


# --- scoring --------------------------------------------------------------------------------------------


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def main_event(events: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    singles = [e for e in events if not e.get("aggregate")]
    return min(singles, key=lambda e: e["start"]) if singles else None


def score(
    rows: Sequence[dict[str, str]], pred: dict[str, list[dict[str, Any]]], types: dict[str, str]
) -> dict[str, Any]:
    n = len(rows)
    hits: Counter[str] = Counter()
    with_deaths = 0
    for r in rows:
        first = main_event(pred.get(r["event_id_cnty"], []))
        if first is None:
            with_deaths += int(r["fatalities"] or 0) > 0
            continue
        hits["detection"] += 1
        hits["type"] += first["type"] == r["event_type"]
        hits["sub_type"] += first["sub_type"] == r["sub_event_type"]
        hits["date"] += first["date"] == r["event_date"]
        if int(r["fatalities"] or 0) > 0:
            with_deaths += 1
            hits["toll"] += first["fatalities"] == int(r["fatalities"])
        if first["lat"] is not None:
            d = km(first["lat"], first["lon"], float(r["latitude"]), float(r["longitude"]))
            hits["km25"] += d <= 25
            hits["km161"] += d <= 161
    out = {k: hits[k] / n for k in ("detection", "type", "sub_type", "date", "km25", "km161")}
    out["toll"] = hits["toll"] / with_deaths if with_deaths else 0.0
    out["notes"], out["with_deaths"] = n, with_deaths
    return out


def baseline(rows: Sequence[dict[str, str]], dev: Sequence[dict[str, str]]) -> dict[str, Any]:
    """Every note predicted as the dev half's most frequent sub-type, dated the publication date, no toll, no place."""
    top = Counter(r["sub_event_type"] for r in dev).most_common(1)[0][0]
    top_type = next(r["event_type"] for r in dev if r["sub_event_type"] == top)
    pred = {
        r["event_id_cnty"]: [
            {
                "start": 0,
                "type": top_type,
                "sub_type": top,
                "date": r["event_date"],
                "fatalities": None,
                "lat": None,
                "lon": None,
            }
        ]
        for r in rows
    }
    return score(rows, pred, {}) | {"label": top}


def errors(rows: Sequence[dict[str, str]], pred: dict[str, list[dict[str, Any]]], limit: int, what: str) -> str:
    lines = []
    confusions = Counter()
    for r in rows:
        first = main_event(pred.get(r["event_id_cnty"], []))
        got = first["sub_type"] if first else "none"
        if got != r["sub_event_type"]:
            confusions[(r["sub_event_type"], got)] += 1
    lines.append(
        "confusions (gold -> predicted): " + "; ".join(f"{g} -> {p} ({n})" for (g, p), n in confusions.most_common(30))
    )
    shown = 0
    for r in rows:
        first = main_event(pred.get(r["event_id_cnty"], []))
        wrong = {
            "sub_type": (first["sub_type"] if first else "none") != r["sub_event_type"],
            "toll": int(r["fatalities"] or 0) > 0 and (first is None or first["fatalities"] != int(r["fatalities"])),
            "date": first is not None and first["date"] != r["event_date"],
            "place": first is not None
            and (
                first["lat"] is None
                or km(first["lat"], first["lon"], float(r["latitude"]), float(r["longitude"])) > 161
            ),
        }[what]
        if not wrong or shown >= limit:
            continue
        shown += 1
        evs = "; ".join(
            f"{e['sub_type']}[{e['cue']}] {e['date']} f={e['fatalities']} @{e['place']}"
            + (" AGG" if e.get("aggregate") else "")
            for e in pred.get(r["event_id_cnty"], [])
        )
        lines.append(
            f"- {r['event_id_cnty']} gold {r['sub_event_type']} {r['event_date']} f={r['fatalities']} "
            f"@{r['location']}\n    pred {evs or 'none'}\n    {note_text(r['notes'])[:400]}"
        )
    return "\n".join(lines)


ROWS = [
    ("notes", "notes", "{:,}"),
    ("detection (>= 1 event)", "detection", "{:.2f}"),
    ("event type accuracy", "type", "{:.2f}"),
    ("sub-type accuracy", "sub_type", "{:.2f}"),
    ("date exact", "date", "{:.2f}"),
    ("toll exact, notes with deaths", "toll", "{:.2f}"),
    ("notes with deaths", "with_deaths", "{:,}"),
    ("place within 25 km", "km25", "{:.2f}"),
    ("place within 161 km", "km161", "{:.2f}"),
]


def report(results: dict[str, dict[str, dict[str, Any]]], base_label: str, prev: str | None) -> str:
    """``results[system][part]``; systems: "main", "baseline", and "previous main" when it ran."""
    lines = [
        SECTION,
        "",
        f"- Date: {dt.date.today().isoformat()}. Command: `uv run python bench/acled_dev.py --write` (reads "
        "`../shared/data/events/acled-dev/acled_dev.csv`; skipped when absent).",
        "- Method: see the docstring of `bench/acled_dev.py`: each ACLED coder's note is an article published on "
        "the event date (label prefixes stripped); the note's first non-aggregate event is scored against "
        "ACLED's codes. Split `sha1(event_id_cnty) % 2` (the data README's): tuned on the dev half, its errors "
        "read; the **held-out half is only scored** and is the headline.",
        f"- Baseline: every note is the dev half's most frequent sub-type ({base_label}), dated its publication "
        "date, with no toll and no place." + (f" Previous main: `{prev}`, run in the same invocation." if prev else ""),
        "",
    ]
    systems = [s for s in ("main", "previous main", "baseline") if s in results]
    head = [f"{s} {p}" for p in PARTS for s in systems]
    lines += ["| measure | " + " | ".join(head) + " | target (held-out) |", "|---|" + "---:|" * len(head) + "---|"]
    for name, key, fmt in ROWS:
        target = TARGETS.get(key)
        cells = [fmt.format(results[s][p][key]) for p in PARTS for s in systems]
        goal = f">= {target:.2f}" if target else ""
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {goal} |")
    return "\n".join(lines) + "\n"


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--part", choices=PARTS, help="score one half only (no previous main, no writing)")
    parser.add_argument("--errors", type=int, default=0, help="print this many wrong notes (dev half only)")
    parser.add_argument("--what", choices=("sub_type", "toll", "date", "place"), default="sub_type")
    parser.add_argument(
        "--tree",
        type=Path,
        default=PREV_MAIN if PREV_MAIN.is_dir() else None,
        help="another checkout to score in the same run (default /tmp/prev_main when present)",
    )
    parser.add_argument("--no-prev", action="store_true", help="do not score --tree")
    parser.add_argument("--write", action="store_true", help="update BENCHMARKS.md (bench/benchmarks_md.py)")
    parser.add_argument("--predict", action="store_true", help=argparse.SUPPRESS)  # inside --tree
    parser.add_argument("--ids", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(list(argv) if argv is not None else None)
    if not DATA.is_file():
        print(f"acled-dev: {DATA} absent, skipped.")
        return 0
    rows = read_rows()
    if args.predict:
        wanted = set(args.ids.read_text(encoding="utf-8").split()) if args.ids else None
        chosen = [r for r in rows if wanted is None or r["event_id_cnty"] in wanted]
        args.out.write_text(json.dumps(predict(chosen)), encoding="utf-8")
        return 0
    if args.errors and args.part != "dev":
        parser.error("--errors reads notes: only with --part dev (the held-out half is scored, never read)")
    by_part = {p: [r for r in rows if half_of(r["event_id_cnty"]) == p] for p in PARTS}
    parts = [args.part] if args.part else list(PARTS)
    chosen = [r for p in parts for r in by_part[p]]
    results: dict[str, dict[str, dict[str, Any]]] = {"main": {}, "baseline": {}}
    pred = predict(chosen)
    prev_pred = None
    if args.tree is not None and not args.no_prev and not args.part:
        prev_pred = predict_in_tree(args.tree, chosen)
        results["previous main"] = {}
    for p in parts:
        results["main"][p] = score(by_part[p], pred, {})
        results["baseline"][p] = baseline(by_part[p], by_part["dev"])
        if prev_pred is not None:
            results["previous main"][p] = score(by_part[p], prev_pred, {})
    if args.part:
        for system, per in results.items():
            print(system, {k: (round(v, 3) if isinstance(v, float) else v) for k, v in per[args.part].items()})
        if args.errors:
            print(errors(by_part["dev"], pred, args.errors, args.what))
        return 0
    section = report(results, results["baseline"]["dev"]["label"], str(args.tree) if prev_pred is not None else None)
    print(section)
    if args.write:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from benchmarks_md import write_section

        write_section(SECTION, section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
