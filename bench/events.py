"""Event extraction: sub-type accuracy on CASE 2021 task 2, and speed against the raw parse on BBC.

    uv run python bench/events.py              # full run, updates the "## Events" section of BENCHMARKS.md
    uv run python bench/events.py --no-write   # prints only
    uv run python bench/events.py --no-write --part dev --errors 40 --bbc 0   # rule development

Split: CASE releases no training data, so the file is cut once, deterministically, into a
development half and a held-out half, stratified by gold label (within each CASE label the
snippets are ordered by the CRC-32 of their id; the first half, rounded up, is development).
Rules and cues are developed by reading `--part dev` (its confusions and `--errors`); the
held-out half is scored, never read (`--errors` refuses it), and its macro-F1 is the headline.

Accuracy: each CASE snippet is parsed and run through the events layer (read_chunk + finish,
with the actor layer's entities). The prediction is the sub-type of the snippet's
highest-priority event (the main event of each sentence: a second event that the layer reads in a
clause of its own, "..., while air strikes hit the east", is not counted); when the layer keeps no event (a bare noun with nothing to pin it
down), the best cue's sub-type. No cue at all predicts "none". CASE labels are mapped to
ACLED sub-event types (the five "unseen" non-ACLED types map to "none"). Scores: per-class
F1 over every snippet, macro-averaged over the 12 political-violence sub-types (Battles,
Explosions/Remote violence, Violence against civilians: the issue's target >= 0.75), over
all 25 ACLED sub-types, and accuracy on the snippets whose gold label is a violent sub-type.

Speed: CPU seconds of the events layer (read_chunk + finish; the places it reads are
resolved beforehand and not counted) against the raw spaCy parse of the same BBC texts,
median of per-repeat ratios.

Data is read from ../shared/data at run time, never copied; a missing set is skipped.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import platform
import statistics
import sys
import time
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import spacy

from benchmarks_md import write_section  # noqa: E402  (bench/ is on sys.path when run as a script)
from wirelens.config import load_settings
from wirelens.extraction.actors import find_candidates, resolve
from wirelens.extraction.articles import make_article
from wirelens.extraction.events.layer import EventsLayer, resolve_events
from wirelens.extraction.layer import ArticleContext, Sentence
from wirelens.extraction.lexicon import cached_lexicon
from wirelens.extraction.nlp import load_model
from wirelens.extraction.pipeline import Extractor
from wirelens.extraction.places.layer import PlacesLayer

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
CASE = DATA / "events" / "case2021-task2" / "test_dataset" / "test_set_final_release_with_labels.tsv"
BBC = DATA / "corpus" / "bbc" / "bbc.jsonl"
SECTION = "## Events (bench/events.py)"
NONE = "none"
# The first, untuned run of the rules on CASE (see report()): recorded, not recomputed.
HELD_OUT = (
    "macro-F1 0.65 over the 12 violent sub-types, accuracy 0.76 on the 432 violent-gold snippets, "
    "event-type accuracy 0.84, macro-F1 0.48 over all 25 ACLED sub-types"
)

CASE_TO_ACLED = {
    "ARMED_CLASH": "Armed clash",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "AIR_STRIKE": "Air/drone strike",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "SUIC_BOMB": "Suicide bomb",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "GRENADE": "Grenade",
    "CHEM_WEAP": "Chemical weapon",
    "ATTACK": "Attack",
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "SEX_VIOL": "Sexual violence",
    "PEACE_PROTEST": "Peaceful protest",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "VIOL_DEMONSTR": "Violent demonstration",
    "MOB_VIOL": "Mob violence",
    "AGREEMENT": "Agreement",
    "ARREST": "Arrests",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "DISR_WEAP": "Disrupted weapons use",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
    # Not ACLED events: a right answer is "no event sub-type".
    "ORG_CRIME": NONE,
    "NATURAL_DISASTER": NONE,
    "MAN_MADE_DISASTER": NONE,
    "DIPLO": NONE,
    "ATTRIB": NONE,
}
VIOLENT = (
    "Armed clash",
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Air/drone strike",
    "Shelling/artillery/missile attack",
    "Suicide bomb",
    "Remote explosive/landmine/IED",
    "Grenade",
    "Chemical weapon",
    "Attack",
    "Abduction/forced disappearance",
    "Sexual violence",
)
ACLED = tuple(v for v in dict.fromkeys(CASE_TO_ACLED.values()) if v != NONE)


PARTS = ("dev", "held-out", "all")


def read_case(path: Path = CASE, part: str = "all") -> list[tuple[str, str]]:
    """(snippet, ACLED sub-type or "none") of one part; TSV read with quoting off, as the data README says."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    keep = split_ids([(r["id"], r["SubType"].strip()) for r in rows], part)
    return [(r["EventSnippet"], CASE_TO_ACLED[r["SubType"].strip()]) for r in rows if r["id"] in keep]


def split_ids(rows: Sequence[tuple[str, str]], part: str) -> set[str]:
    """The ids of one part: stratified by label so that small classes (20 ATTACK snippets) land in both halves;
    ordered by a hash of the id, not by file order, which may follow the source or the annotator."""
    if part == "all":
        return {i for i, _ in rows}
    by_label: dict[str, list[str]] = {}
    for snippet_id, label in rows:
        by_label.setdefault(label, []).append(snippet_id)
    out: set[str] = set()
    for ids in by_label.values():
        ids.sort(key=lambda i: (zlib.crc32(i.encode()), i))
        cut = (len(ids) + 1) // 2
        out.update(ids[:cut] if part == "dev" else ids[cut:])
    return out


def predict(extractor: Extractor, layer: EventsLayer, texts: Sequence[str]) -> list[str]:
    cues = layer.cues
    out = []
    for text, doc in zip(texts, extractor.nlp.pipe(texts, batch_size=32)):
        article = make_article(text, title="snippet")
        if article.text != doc.text:  # cleaning changed the text: parse what the layer will index
            doc = extractor.nlp(article.text)
        candidates = layer.read_chunk(doc, 0)
        entities = resolve(find_candidates(doc, extractor.matcher, 0), extractor.lexicon)
        context = ArticleContext(article, [Sentence(s.start_char, s.end_char) for s in doc.sents], entities)
        # One event per sentence, as before sentences could hold two: a second event of a sentence
        # ("..., while air strikes hit the east") never becomes the snippet's label.
        main = {c.cue_start for c in candidates if c.main}
        events = [e for e in resolve_events(candidates, context, [], cues) if e.start in main]
        if events:
            best = max(events, key=lambda e: cues.priority.get(e.sub_type, 0))
            out.append(best.sub_type)
        elif candidates:
            best = max((c for c in candidates if c.main), key=lambda c: cues.priority.get(c.sub_type, 0))
            out.append(best.sub_type)
        else:
            out.append(NONE)
    return out


def scores(gold: Sequence[str], pred: Sequence[str]) -> dict[str, Any]:
    per_class = {}
    for label in ACLED:
        tp = sum(g == p == label for g, p in zip(gold, pred))
        n_pred = sum(p == label for p in pred)
        n_gold = sum(g == label for g in gold)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = {"gold": n_gold, "predicted": n_pred, "precision": precision, "recall": recall, "f1": f1}
    violent_gold = [(g, p) for g, p in zip(gold, pred) if g in VIOLENT]
    return {
        "snippets": len(gold),
        "per_class": per_class,
        "macro_f1_violent": statistics.mean(per_class[c]["f1"] for c in VIOLENT),
        "macro_f1_acled": statistics.mean(per_class[c]["f1"] for c in ACLED if per_class[c]["gold"]),
        "accuracy_violent": sum(g == p for g, p in violent_gold) / len(violent_gold) if violent_gold else 0.0,
        "violent_snippets": len(violent_gold),
        "accuracy_all": sum(g == p for g, p in zip(gold, pred)) / len(gold) if gold else 0.0,
        "event_type_accuracy_violent": _type_accuracy(violent_gold),
        "confusions": Counter((g, p) for g, p in violent_gold if g != p).most_common(8),
    }


def _type_accuracy(pairs: Sequence[tuple[str, str]]) -> float:
    from wirelens.extraction.events.layer import load_cues

    types = load_cues().types
    return sum(types.get(g) == types.get(p, "") for g, p in pairs) / len(pairs) if pairs else 0.0


def run_accuracy(extractor: Extractor, parts: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Scores of each part asked for; each part's snippets are predicted on their own."""
    layer = EventsLayer()
    out = {}
    for part in parts:
        rows = read_case(part=part)
        gold = [g for _, g in rows]
        pred = predict(extractor, layer, [t for t, _ in rows])
        out[part] = scores(gold, pred) | {"rows": [(t, g, p) for (t, g), p in zip(rows, pred)]}
    return out


def dump_errors(acc: dict[str, Any], limit: int) -> str:
    """The confusion matrix over the violent sub-types and ``limit`` wrong snippets (development part only)."""
    rows = acc["rows"]
    labels = [*VIOLENT, "other"]
    short = {label: "".join(w[0] for w in label.replace("/", " ").split()).upper()[:4] for label in VIOLENT} | {
        "other": "oth"
    }
    grid = Counter((g if g in VIOLENT else "other", p if p in VIOLENT else "other") for _, g, p in rows)
    lines = ["gold \\ pred " + " ".join(f"{short[p]:>5}" for p in labels)]
    for g in labels:
        lines.append(f"{short[g]:>11} " + " ".join(f"{grid[(g, p)]:>5}" for p in labels))
    lines.append("; ".join(f"{short[k]}={k}" for k in labels))
    wrong = [(t, g, p) for t, g, p in rows if g != p and (g in VIOLENT or p in VIOLENT)]
    for text, gold, pred in wrong[:limit]:
        lines.append(f"- [{gold} -> {pred}] {' '.join(text.split())[:300]}")
    return "\n".join(lines)


def run_speed(extractor: Extractor, limit: int, repeats: int) -> dict[str, Any]:
    lines = BBC.read_text(encoding="utf-8").splitlines()
    step = max(len(lines) // limit, 1)
    records = [json.loads(line) for line in lines[::step][:limit]]
    articles = [make_article(r["text"], title=r["title"], date=dt.date(2005, 1, 1)) for r in records]
    texts = [a.text for a in articles]
    nlp = extractor.nlp
    places, events = PlacesLayer(), EventsLayer()
    list(nlp.pipe(texts[:5]))  # warm-up
    _ = places.gazetteer  # load the gazetteer before timing
    ratios, parse_times, event_times, n_events = [], [], [], 0
    for _ in range(repeats):
        t0 = time.process_time()
        docs = list(nlp.pipe(texts, batch_size=16))
        parse = time.process_time() - t0
        contexts, place_lists = [], []
        for article, doc in zip(articles, docs):
            entities = resolve(find_candidates(doc, extractor.matcher, 0), extractor.lexicon)
            context = ArticleContext(article, [Sentence(s.start_char, s.end_char) for s in doc.sents], entities)
            contexts.append(context)
            place_lists.append(places.finish(places.read_chunk(doc, 0), context, {}))
        t0 = time.process_time()
        n_events = 0
        for doc, context, found in zip(docs, contexts, place_lists):
            n_events += len(events.finish(events.read_chunk(doc, 0), context, {"places": found}))
        spent = time.process_time() - t0
        parse_times.append(parse)
        event_times.append(spent)
        ratios.append(spent / parse)
    return {
        "articles": len(texts),
        "words": sum(len(t.split()) for t in texts),
        "parse_s": statistics.median(parse_times),
        "events_s": statistics.median(event_times),
        "ratio": statistics.median(ratios),
        "events": n_events,
        "repeats": repeats,
    }


def report(acc: dict[str, dict[str, Any]] | None, speed: dict[str, Any] | None, model: str) -> str:
    lines = [
        SECTION,
        "",
        f"- Date: {dt.date.today().isoformat()}. Machine: 2 CPUs (shared, noisy), Python {platform.python_version()}, "
        f"spaCy {spacy.__version__}, {model}.",
        "- Command: `uv run python bench/events.py` (reads `../shared/data/events/case2021-task2/` and "
        "`../shared/data/corpus/bbc/bbc.jsonl`; skips what is absent).",
        "- Method: see the docstring of `bench/events.py`. The prediction for a snippet is the sub-type of its "
        'highest-priority event (or cue); no cue predicts "none". CASE\'s five unseen, non-ACLED types '
        '(ORG_CRIME, NATURAL_DISASTER, MAN_MADE_DISASTER, DIPLO, ATTRIB) are gold "none".',
        "- **Split**: CASE releases no training data, so its test file is cut once into a development half "
        "and a held-out half, stratified by gold label (CRC-32 of the snippet id; see the docstring). Rules and "
        "cues are developed by reading the development half only (`--part dev --errors N`); the held-out half "
        "is only scored. **The headline is the held-out macro-F1.**",
        "- History: the first, untuned run of the cue file (written from ACLED's codebook and the seed article) "
        f"on the whole file gave {HELD_OUT}. One rule was then changed after reading confusions on the whole "
        "file (a killing or attack is an Armed clash only when an armed side is named), before the split "
        "existed; so the held-out half is not entirely unseen for that one rule. Every later change was made "
        "on the development half.",
        "",
    ]
    if acc is None:
        lines.append("CASE 2021 task 2: data absent, skipped.")
    else:
        order = [p for p in ("held-out", "dev", "all") if p in acc]
        lines += ["| measure | " + " | ".join(order) + " | target |", "|---|" + "---:|" * len(order) + "---|"]
        measures = [
            ("snippets", "snippets", "{:,}", ""),
            ("macro-F1, 12 violent sub-types", "macro_f1_violent", "{:.4f}", ">= 0.75 (held-out)"),
            ("accuracy on violent-gold snippets", "accuracy_violent", "{:.2f}", ""),
            ("violent-gold snippets", "violent_snippets", "{}", ""),
            ("event-type accuracy on violent-gold snippets", "event_type_accuracy_violent", "{:.2f}", ""),
            ("macro-F1, all 25 ACLED sub-types", "macro_f1_acled", "{:.2f}", ""),
            ("accuracy, all snippets (30 classes, unseen = none)", "accuracy_all", "{:.2f}", ""),
        ]
        for name, key, fmt, target in measures:
            lines.append(f"| {name} | " + " | ".join(fmt.format(acc[p][key]) for p in order) + f" | {target} |")
        head = order[0]
        lines += [
            "",
            f"Per class, {head} part:",
            "",
            "| violent sub-type | gold | predicted | precision | recall | F1 |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for label in VIOLENT:
            c = acc[head]["per_class"][label]
            lines.append(
                f"| {label} | {c['gold']} | {c['predicted']} | {c['precision']:.2f} | {c['recall']:.2f} | {c['f1']:.2f} |"
            )
        if "dev" in order:  # the held-out half's errors are never printed: it is scored, not read
            lines += [
                "",
                "Most frequent confusions on violent-gold snippets, dev part (gold → predicted, count): "
                + "; ".join(f"{g} → {p} ({n})" for (g, p), n in acc["dev"]["confusions"])
                + ".",
            ]
    lines.append("")
    if speed is None:
        lines.append("Speed: BBC corpus absent, skipped.")
    else:
        verdict = "pass" if speed["ratio"] <= 0.15 else "FAIL"
        lines += [
            "| corpus | articles | words | raw parse CPU s | events layer CPU s | added | target <= 15% |",
            "|---|---:|---:|---:|---:|---:|---|",
            f"| BBC sample | {speed['articles']} | {speed['words']:,} | {speed['parse_s']:.1f} | {speed['events_s']:.2f} | "
            f"{100 * speed['ratio']:.1f}% | {verdict} |",
            "",
            f"(median of {speed['repeats']} repeats; {speed['events']} events found in the sample, "
            "which is business, sport, politics, tech and entertainment news.)",
        ]
    return "\n".join(lines) + "\n"


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bbc", type=int, default=150, help="BBC articles for the speed test")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--part", choices=PARTS, help="score one part only (implies --no-write); default: every part")
    parser.add_argument(
        "--errors",
        type=int,
        default=0,
        help="print the confusion matrix and this many wrong snippets (development part only)",
    )
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.errors and args.part != "dev":
        parser.error("--errors reads snippets: only with --part dev (the held-out part is scored, never read)")
    settings = load_settings()
    extractor = Extractor(load_model(settings.model), cached_lexicon(tuple(settings.lexicons)), settings)
    parts = [args.part] if args.part else ["held-out", "dev", "all"]
    acc = run_accuracy(extractor, parts) if CASE.is_file() else None
    speed = run_speed(extractor, args.bbc, args.repeats) if BBC.is_file() and args.bbc > 0 else None
    section = report(acc, speed, extractor.model_name)
    print(section)
    if acc and args.errors:
        print(dump_errors(acc["dev"], args.errors))
    if not args.no_write and not args.part:
        write_section(SECTION, section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
