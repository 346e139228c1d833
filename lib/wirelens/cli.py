"""Command line: ``wirelens extract|ingest|export|set-date`` (also ``python -m wirelens``)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import duckdb

from wirelens.config import Settings, load_settings
from wirelens.exports.events import store_acled_csv
from wirelens.exports.formats import write_corpus
from wirelens.extraction.articles import Article, InputProblem
from wirelens.extraction.pipeline import Extractor, to_json
from wirelens.extraction.provenance import extraction_fingerprint
from wirelens.run.ingest import ingest_articles, with_stored_date
from wirelens.run.parallel import extract_all
from wirelens.run.readers import printable, read_paths
from wirelens.store.database import Store, StoreBusy, StoreMissing


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (use YYYY-MM-DD)") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wirelens", description=__doc__)
    parser.add_argument("--model", help="spaCy model to load (default: en_core_web_sm; env WIRELENS_MODEL)")
    parser.add_argument(
        "--lexicon",
        action="append",
        type=Path,
        default=[],
        metavar="FILE",
        help="extra actor lexicon (TOML); repeatable",
    )
    parser.add_argument(
        "--processes",
        type=int,
        metavar="N",
        help="worker processes for extraction (default 1; each loads the model once)",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def add_input_options(cmd: argparse.ArgumentParser) -> None:
        cmd.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
        cmd.add_argument("--date", type=_date, help="publication date (YYYY-MM-DD) for articles that have none")
        cmd.add_argument("--encoding", default="utf-8", help="text encoding of the input files (default utf-8)")

    extract = sub.add_parser("extract", help="print what is found in each article as JSON")
    add_input_options(extract)
    extract.add_argument(
        "--format",
        choices=("jsonl", "json"),
        default="jsonl",
        help="jsonl: one object per line (default); json: one indented array",
    )

    ingest = sub.add_parser("ingest", help="add articles to the store")
    add_input_options(ingest)
    ingest.add_argument("--db", type=Path, help="store file (default: under the user data dir; env WIRELENS_DB)")
    ingest.add_argument(
        "--refresh",
        action="store_true",
        help="extract again the stored articles among PATH that another version of wirelens extracted",
    )
    ingest.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local: this machine (see --processes); dask: a Dask cluster, via Parquet shards",
    )
    ingest.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler, e.g. tcp://host:8786 (default: a local cluster of --processes workers)",
    )
    ingest.add_argument(
        "--shards",
        type=Path,
        metavar="DIR",
        help="where Dask workers write Parquet shards (default: next to the store; must be shared)",
    )

    export = sub.add_parser("export", help="write every table of the store, and a README of the columns, to a folder")
    export.add_argument("--db", type=Path)
    export.add_argument("--format", choices=("csv", "jsonl", "parquet"), default="csv")
    export.add_argument("--out", type=Path, required=True, help="folder to write into")

    events = sub.add_parser("events", help="write the store's events as ACLED-compatible CSV")
    events.add_argument("--db", type=Path)
    events.add_argument("--out", type=Path, help="CSV file to write (default: standard output)")
    events.add_argument(
        "--type",
        action="append",
        default=[],
        metavar="EVENT_TYPE",
        help='only this ACLED event type, e.g. "Battles"; repeatable',
    )
    events.add_argument("--actor", help="only events with this canonical actor")

    set_date = sub.add_parser("set-date", help="set (or correct) an article's publication date")
    set_date.add_argument("article_id")
    set_date.add_argument("date", type=_date)
    set_date.add_argument("--db", type=Path)

    gazetteer = sub.add_parser("gazetteer", help="manage the place gazetteer: its packs and added dumps")
    gaz_sub = gazetteer.add_subparsers(dest="gazetteer_command", required=True)
    gaz_dir = "extension folder (default: user data dir; env WIRELENS_GAZETTEER_DIR)"
    gaz_add = gaz_sub.add_parser("add", help="add a GeoNames country dump (e.g. SY.txt) for village detail")
    gaz_add.add_argument("file", type=Path, metavar="FILE", help="GeoNames dump: tab-separated 'geoname' table")
    gaz_add.add_argument("--dir", type=Path, help=gaz_dir)
    gaz_list = gaz_sub.add_parser("list", help="list the packs and added dumps, with their place counts, on or off")
    gaz_list.add_argument("--dir", type=Path, help=gaz_dir)
    for state in ("on", "off"):
        gaz_state = gaz_sub.add_parser(state, help=f"turn a pack (e.g. conflict) or an added dump (e.g. SY) {state}")
        gaz_state.add_argument("name", metavar="NAME", help="as `wirelens gazetteer list` shows it")
        gaz_state.add_argument("--dir", type=Path, help=gaz_dir)
    _add_coverage_parsers(sub)
    return parser


def _report(problem: InputProblem) -> None:
    kind = "warning" if not problem.skipped else "error"
    print(f"wirelens: {kind}: {printable(str(problem))}", file=sys.stderr)  # a name cannot forge a line


def _extraction_settings(args: argparse.Namespace) -> Settings:
    settings = load_settings(model=args.model, n_process=args.processes, db_path=getattr(args, "db", None))
    if args.lexicon:
        settings = settings.with_overrides(lexicons=(*settings.lexicons, *args.lexicon))
    return settings


def _extractor(args: argparse.Namespace) -> Extractor:
    return Extractor.from_settings(_extraction_settings(args))


def cmd_extract(args: argparse.Namespace) -> int:
    extractor = _extractor(args)
    problems: list[InputProblem] = []

    def articles() -> list[Article]:
        out = []
        for item in read_paths(args.paths, encoding=args.encoding, default_date=args.date):
            if isinstance(item, InputProblem):
                _report(item)
                problems.append(item)
            else:
                out.append(item)
        return out

    records = (to_json(x) for x in extract_all(articles(), extractor, release_memory=True))
    if args.format == "json":
        json.dump(list(records), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for record in records:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 1 if any(p.skipped for p in problems) else 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    settings = _extraction_settings(args)
    store = Store(settings.db_path)  # before the slow model load: a busy store fails at once
    items = list(read_paths(args.paths, encoding=args.encoding, default_date=args.date))
    for item in items:
        if isinstance(item, InputProblem):
            _report(item)
    if args.engine == "dask":  # the workers load the model, not this process
        with store:
            return _ingest_with_dask(args, store, items, settings)
    extractor = Extractor.from_settings(settings)
    total = sum(isinstance(i, Article) for i in items)
    with store, tqdm(total=total, unit="article", file=sys.stderr) as bar:

        def progress(_: int, title: str) -> None:
            bar.update(1)
            bar.set_postfix_str(printable(title[:40]))

        report = ingest_articles(items, store, extractor, progress=progress, release_memory=True, refresh=args.refresh)
        bar.update(total - bar.n)
    for problem in report.problems:
        if problem not in items:
            _report(problem)
    print(f"{report.summary()} -> {printable(str(settings.db_path))}", file=sys.stderr)
    return 1 if report.refused else 0


def _ingest_with_dask(
    args: argparse.Namespace, store: Store, items: list[Article | InputProblem], settings: Settings
) -> int:
    from distributed import Client
    from tqdm import tqdm

    from wirelens.run.distributed import extract_with_dask, local_cluster

    ids = [i.id for i in items if isinstance(i, Article)]
    known = store.known_ids(ids)
    outdated = store.outdated_ids(ids) if args.refresh else set()
    todo = list(
        {
            i.id: with_stored_date(i, store) if i.id in outdated else i
            for i in items
            if isinstance(i, Article) and (i.id not in known or i.id in outdated)
        }.values()
    )
    # One folder per version of the extraction code: a rerun resumes from its own shards, and
    # shards an older version wrote are never imported as if they were current.
    shards = (args.shards or settings.db_path.with_name(settings.db_path.name + ".shards")) / extraction_fingerprint()
    cluster = None if args.scheduler else local_cluster(max(settings.n_process, 2))
    with Client(args.scheduler or cluster) as client, tqdm(total=len(todo), unit="article", file=sys.stderr) as bar:
        for shard in extract_with_dask(todo, settings, shards, client=client):
            bar.update(shard.articles)
    if cluster is not None:
        cluster.close()
    added = store.import_parquet(shards, replace=outdated)
    refused = [i for i in items if isinstance(i, InputProblem) and i.skipped]
    refreshed = f"{len(outdated)} refreshed, " if outdated else ""
    print(
        f"{added - len(outdated)} added, {refreshed}{len(known) - len(outdated)} already stored, "
        f"{len(refused)} refused -> {settings.db_path} "
        f"(shards in {shards})",
        file=sys.stderr,
    )
    return 1 if refused else 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write into a temporary folder beside ``--out``, then move it into place: never a partial export."""
    settings = load_settings(db_path=args.db)
    out: Path = args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=f".{out.name}.partial-", dir=out.parent))
    try:
        with Store(settings.db_path, read_only=True) as store:
            written = write_corpus(store, partial, args.format)
        if out.is_dir() and not any(out.iterdir()):
            out.rmdir()
        if not out.exists():
            partial.rename(out)  # one step: the folder appears complete
        else:  # a folder with other files in it: each file replaced whole, the others kept
            for path in written:
                os.replace(path, out / path.name)
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    for path in written:
        print(out / path.name)
    return 0


def cmd_events(args: argparse.Namespace) -> int:
    settings = load_settings(db_path=args.db)
    with Store(settings.db_path, read_only=True) as store:
        text = store_acled_csv(store, types=args.type or None, actor=args.actor)
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.write_text(text, encoding="utf-8")
        print(args.out)
    return 0


def cmd_set_date(args: argparse.Namespace) -> int:
    settings = load_settings(db_path=args.db)
    with Store(settings.db_path) as store:
        if not store.has_article(args.article_id):
            print(f"wirelens: error: no article {args.article_id} in {settings.db_path}", file=sys.stderr)
            return 1
        store.set_date(args.article_id, args.date)
    return 0


def cmd_gazetteer(args: argparse.Namespace) -> int:
    from wirelens.geo.gazetteer import add_extension, list_gazetteers, set_gazetteer_enabled

    if args.gazetteer_command == "list":
        for kind, name, count, on, detail in list_gazetteers(args.dir):
            print(f"{name}\t{kind}\t{count} places\t{'on' if on else 'off'}\t{detail}")
        return 0
    if args.gazetteer_command in ("on", "off"):
        path = set_gazetteer_enabled(args.name, args.gazetteer_command == "on", args.dir)
        print(f"{args.name}: {args.gazetteer_command} ({path})", file=sys.stderr)
        return 0
    if not args.file.is_file():
        raise ValueError(f"{args.file}: no such file")
    target, count = add_extension(args.file, args.dir)
    print(f"{count} place(s) from {args.file} -> {target}", file=sys.stderr)
    return 0


COMMANDS = {
    "extract": cmd_extract,
    "ingest": cmd_ingest,
    "export": cmd_export,
    "set-date": cmd_set_date,
    "gazetteer": cmd_gazetteer,
    "events": cmd_events,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except (StoreBusy, StoreMissing, RuntimeError, ValueError) as exc:
        print(f"wirelens: error: {exc}", file=sys.stderr)
        return 2
    except duckdb.Error as exc:  # a store damaged past its header: one line naming it, not a traceback
        db = getattr(args, "db", None) or load_settings().db_path
        print(
            f"wirelens: error: {db}: the store could not be read or written ({' '.join(str(exc).split())})",
            file=sys.stderr,
        )
        return 2


# --- coverage (issue 21): matching against an event dataset, and outlets --------------------------------------------


def _add_coverage_parsers(sub: argparse._SubParsersAction) -> None:
    match = sub.add_parser("match-events", help="match the store's events against an ACLED or UCDP GED CSV export")
    match.add_argument("--against", type=Path, required=True, metavar="FILE", help="ACLED or UCDP GED CSV file")
    match.add_argument("--days", type=int, default=1, help="date window either side, in days (default 1)")
    match.add_argument("--km", type=float, default=50.0, help="radius in km around a town or city (default 50)")
    match.add_argument("--district-km", type=float, default=100.0, help="... around a district (default 100)")
    match.add_argument("--region-km", type=float, default=100.0, help="... around a region's seat (default 100)")
    match.add_argument(
        "--no-levels", action="store_true", help="one radius whatever the level of the place (no country rule)"
    )
    match.add_argument(
        "--no-context",
        action="store_true",
        help="never match by the record's place names in the text (an event without a place then never matches)",
    )
    match.add_argument("--any-type", action="store_true", help="match any event type (default: compatible types)")
    match.add_argument(
        "--no-names",
        action="store_true",
        help="never match by a shared place name (default: a record without coordinates, or a "
        "report placed elsewhere, matches a report of the same place name)",
    )
    match.add_argument(
        "--out",
        type=Path,
        metavar="DIR",
        help="write records.csv/.geojson and news_events.csv/.geojson here (default: records.csv to standard output)",
    )
    match.add_argument("--db", type=Path)

    set_source = sub.add_parser("set-source", help="set (or correct) an article's outlet, or rename an outlet")
    set_source.add_argument("article_id", help="an article id, or with --rename an outlet as stored")
    set_source.add_argument("source", help="the outlet (aliases such as AFP or reuters.com are normalised)")
    set_source.add_argument("--rename", action="store_true", help="rename every article of outlet ARTICLE_ID")
    set_source.add_argument("--db", type=Path)


def cmd_match_events(args: argparse.Namespace) -> int:
    from wirelens.coverage.datasets import read_event_dataset
    from wirelens.coverage.files import csv_text, records_frame, write_match
    from wirelens.coverage.matching import MatchSettings, match_events

    if not args.against.is_file():
        raise ValueError(f"{args.against}: no such file")
    settings = MatchSettings(
        days=args.days,
        km=args.km,
        types="any" if args.any_type else "same",
        names=not args.no_names,
        levels=not args.no_levels,
        district_km=args.district_km,
        region_km=args.region_km,
        context=not args.no_context,
    )
    records = read_event_dataset(args.against)
    with Store(load_settings(db_path=args.db).db_path, read_only=True) as store:
        events = store.events(aggregates=False)
        texts = store.article_texts(events["article_id"].unique()) if settings.context else {}
        result = match_events(records, events, settings, texts)
    s = result.summary()
    print(
        f"{s['records']} record(s), {s['matched']} matched to a news event ({s['record_coverage']:.1%}); "
        f"{s['news_events']} news event(s), {s['news_matched']:.1%} matched; {s['settings']}",
        file=sys.stderr,
    )
    if args.out is None:
        sys.stdout.write(csv_text(records_frame(result)))
    else:
        for path in write_match(result, args.out):
            print(path)
    return 0


def cmd_set_source(args: argparse.Namespace) -> int:
    from wirelens.run.outlets import normalise_outlet

    outlet = normalise_outlet(args.source) or args.source.strip()
    from wirelens.store.corrections import CorrectionError

    with Store(load_settings(db_path=args.db).db_path) as store:
        try:
            if args.rename:
                changed = store.rename_source(args.article_id, outlet)
                print(
                    f"{changed} article(s) now from {outlet} (a correction: undo it on the Corrections page)",
                    file=sys.stderr,
                )
                return 0 if changed else 1
            if not store.has_article(args.article_id):
                print(f"wirelens: error: no article {args.article_id} in {store.path}", file=sys.stderr)
                return 1
            store.set_source(args.article_id, outlet)
        except CorrectionError as exc:
            print(f"wirelens: error: {exc}", file=sys.stderr)
            return 1
    return 0


COMMANDS.update({"match-events": cmd_match_events, "set-source": cmd_set_source})
