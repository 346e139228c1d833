"""What each extraction layer costs, as a share of the spaCy parse it reads.

    uv run python bench/layer_costs.py            # 120 articles per corpus, 3 repeats; updates BENCHMARKS.md
    uv run python bench/layer_costs.py --limit 30 --repeat 1 --no-write

Targets (issues 17 and 18): the events layer <= +5% of the parse, the places layer <= +10%.

Each layer of the default pipeline is wrapped in a timer of this process's CPU time around its two
calls (``read_chunk`` per parsed chunk, ``finish`` per article); the actor candidates and their
resolution, which run outside the layers, are timed the same way. The parse is raw ``nlp.pipe`` on
the same texts, same model and batch size, in the same process, alternating with the timed
extraction repeat by repeat (a shared machine's load hits both). Figures are medians over repeats.
Corpora as in bench/throughput.py (read at run time from ../shared/data/corpus).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from benchmarks_md import write_section  # noqa: E402  (bench/ is on sys.path as a script)
from throughput import DEFAULT_DATA, Times, drain, load_corpora
from throughput import timed as timed_run
from wirelens.extraction import pipeline
from wirelens.extraction.pipeline import Extractor, default_extractor

SECTION = "## Extraction layers: each one's cost against the parse (bench/layer_costs.py)"
TARGETS = {"events": 0.05, "places": 0.10}


@dataclass
class TimedLayer:
    """A layer that adds its CPU seconds to ``spent[name]``; otherwise the layer itself."""

    inner: Any
    spent: dict[str, float]

    def __getattr__(self, attr: str) -> Any:  # name, assigns, requires
        return getattr(self.inner, attr)

    def read_chunk(self, doc: Any, offset: int) -> list[Any]:
        start = time.process_time()
        try:
            return self.inner.read_chunk(doc, offset)
        finally:
            self.spent[self.inner.name] += time.process_time() - start

    def finish(self, records: list[Any], context: Any, earlier: Any) -> list[Any]:
        start = time.process_time()
        try:
            return self.inner.finish(records, context, earlier)
        finally:
            self.spent[self.inner.name] += time.process_time() - start


def timed(function: Callable[..., Any], spent: dict[str, float], name: str) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] += time.process_time() - start

    return wrapper


def layer_seconds(extractor: Extractor, articles: list[Any]) -> dict[str, float]:
    """CPU seconds per layer (and for the actors) over one extraction of ``articles``."""
    spent: dict[str, float] = defaultdict(float)
    timed_extractor = Extractor(
        extractor.nlp,
        extractor.lexicon,
        extractor.settings,
        layers=[TimedLayer(layer, spent) for layer in extractor.layers],
    )
    # The actors are found and resolved outside the layers: time those two module-level steps too.
    originals = pipeline.find_candidates, pipeline.resolve
    pipeline.find_candidates = timed(originals[0], spent, "actors")
    pipeline.resolve = timed(originals[1], spent, "actors")
    try:
        for _ in timed_extractor.extract(articles):
            pass
    finally:
        pipeline.find_candidates, pipeline.resolve = originals
    return dict(spent)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=120, help="articles per corpus (and seed copies)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    extractor = default_extractor()
    corpora = [c for c in load_corpora(DEFAULT_DATA, args.limit) if not c.name.startswith("seed")]
    if not corpora:
        print("skipped: no corpus under", DEFAULT_DATA)
        return
    rows: list[tuple[str, str, float, float]] = []  # corpus, layer, share of the parse, seconds
    for corpus in corpora:
        layer_for_repeat: list[dict[str, float]] = []
        parse_for_repeat: list[float] = []
        layer_seconds(extractor, corpus.articles[:5])  # warm caches (gazetteer, matchers) outside the timing
        for _ in range(args.repeat):
            parse = Times()
            texts = [a.text for a in corpus.articles]
            timed_run(lambda t=texts: drain(extractor.nlp.pipe(t, batch_size=extractor.settings.batch_size)), parse)
            parse_for_repeat.append(parse.cpu)
            layer_for_repeat.append(layer_seconds(extractor, corpus.articles))
        for name in layer_for_repeat[0]:
            shares = [spent[name] / parse for spent, parse in zip(layer_for_repeat, parse_for_repeat)]
            seconds = statistics.median(spent[name] for spent in layer_for_repeat)
            rows.append((corpus.name, name, statistics.median(shares), seconds))
            print(f"{corpus.name} {name}: +{statistics.median(shares):.1%} of the parse ({seconds:.2f} s)", flush=True)
        rows.append((corpus.name, "parse (raw nlp.pipe)", 1.0, statistics.median(parse_for_repeat)))
    lines = [
        SECTION,
        "",
        f"- Date: {time.strftime('%Y-%m-%d')}. Command: `uv run python bench/layer_costs.py`; {os.cpu_count()} CPUs, "
        f"{args.limit} articles per corpus, medians of {args.repeat} repeats (CPU time of this process).",
        "- Baseline in the same run: the raw parse (`nlp.pipe`, same texts, model and batch size), alternating "
        "with the timed extraction. Targets: events <= +5%, places <= +10% of the parse.",
        "",
        "| corpus | layer | CPU s | share of the parse | target |",
        "|---|---|---:|---:|---|",
    ]
    for corpus, name, share, seconds in rows:
        target = TARGETS.get(name)
        verdict = "" if target is None else ("pass" if share <= target else "fail") + f" (<= {target:.0%})"
        lines.append(f"| {corpus} | {name} | {seconds:.2f} | {share:.1%} | {verdict} |")
    print("\n".join(lines))
    if not args.no_write:
        write_section(SECTION, "\n".join(lines))


if __name__ == "__main__":
    main()
