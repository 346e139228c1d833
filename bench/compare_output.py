"""Same articles, two trees: does a change alter what is extracted?

    uv run python bench/compare_output.py dump OUT.jsonl [--limit 200]   # in each checkout
    python bench/compare_output.py diff BEFORE.jsonl AFTER.jsonl [key ...]
    uv run python bench/compare_output.py dump OUT.jsonl --zones       # as `wirelens ingest` extracts
    uv run python bench/compare_output.py dump OUT.jsonl --long 300000 # one long article instead

``dump`` extracts a fixed sample (the seed, then BBC and Wikinews 2019 articles under 20,000
characters, shuffled with seed 7; corpora read from ../shared/data at run time) and writes one
JSON object per article without its text. It runs in checkouts older than the rooms layout too
(``wirelens.extract``), so a refactor can be checked against the previous main. ``diff`` lists the
articles whose keys differ (all keys by default).

``--zones`` extracts the way `wirelens ingest` and `wirelens extract` do (``extract_all`` with
``release_memory``: spaCy memory zones on); ``--long N`` dumps one article of N bytes instead, BBC texts
joined as ``bench/memory.py`` builds them (over 200,000 characters it is finished in sections).
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "corpus"


def dump(out: Path, limit: int, *, zones: bool = False, long: int = 0) -> None:
    try:
        from wirelens.extraction.pipeline import default_extractor, to_json
        from wirelens.run.readers import read_paths
    except ImportError:  # a checkout from before the rooms layout
        from wirelens.articles import read_paths  # type: ignore[no-redef]
        from wirelens.extract import default_extractor, to_json  # type: ignore[no-redef]
    paths = [REPO / "seeds", DATA / "bbc" / "bbc.jsonl", DATA / "wikinews" / "wikinews_2019.csv"]
    articles = [a for a in read_paths([p for p in paths if p.exists()]) if hasattr(a, "text")]
    random.Random(7).shuffle(articles)
    articles = [a for a in articles if len(a.text) < 20_000][:limit]
    if long:
        from memory import long_text  # bench/memory.py's long article
        from wirelens.extraction.articles import make_article

        articles = [make_article(long_text(long), title=f"One article of {long:,} bytes")]
    articles.sort(key=lambda a: a.id)
    extractor = default_extractor()
    if zones:
        from wirelens.run.parallel import extract_all

        extractions = extract_all(articles, extractor, release_memory=True)
    else:
        extractions = extractor.extract(articles)
    with out.open("w", encoding="utf-8") as fh:
        for extraction in extractions:
            record = to_json(extraction)
            record.pop("text")
            fh.write(json.dumps(record, sort_keys=True, default=str) + "\n")
    print(f"{len(articles)} articles -> {out}")


def diff(before: Path, after: Path, keys: list[str]) -> int:
    a = [json.loads(line) for line in before.open(encoding="utf-8")]
    b = [json.loads(line) for line in after.open(encoding="utf-8")]
    if [x["id"] for x in a] != [x["id"] for x in b]:
        raise SystemExit("the two files hold different articles")
    keys = keys or sorted(set(a[0]) | set(b[0]))
    differing = [x["id"] for x, y in zip(a, b, strict=True) if any(x.get(k) != y.get(k) for k in keys)]
    for article_id in differing:
        print(article_id)
    print(f"{len(differing)} of {len(a)} articles differ in {keys}")
    return 1 if differing else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--limit", type=int, default=200)
    d.add_argument("--zones", action="store_true", help="extract with memory zones, as `wirelens ingest` does")
    d.add_argument("--long", type=int, default=0, help="dump one article of this many bytes instead")
    c = sub.add_parser("diff")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    c.add_argument("keys", nargs="*")
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.out, args.limit, zones=args.zones, long=args.long)
        return 0
    return diff(args.before, args.after, args.keys)


if __name__ == "__main__":
    raise SystemExit(main())
