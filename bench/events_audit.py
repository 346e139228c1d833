"""Events: precision of predicted events on ordinary news (BBC + Wikinews), judged by hand.

    uv run python bench/events_audit.py                   # score the committed judgements
    uv run python bench/events_audit.py --list-unjudged   # print what still needs a person
    uv run python bench/events_audit.py --stub            # add unjudged rows (blank verdict) to the CSV,
                                                          # and mark changed fields "rejudge" in it
    uv run python bench/events_audit.py --write           # and update the section of BENCHMARKS.md
    uv run python bench/events_audit.py --half dev --list-wrong  # rule development: the dev half's errors

Sample: a seeded, deterministic sample of articles from ``../shared/data/corpus/bbc/bbc.jsonl``
and ``../shared/data/corpus/wikinews/`` (both read with :func:`wirelens.run.readers.read_paths`;
duplicate texts, which share an id, count once). Within each corpus the ids are put in a seeded
order (:func:`sample_order`: first ``random.Random(seed).sample`` of 200 ids, the audit's first
sample, then the rest in a seeded shuffle) and the first ``--bbc`` / ``--wikinews`` are taken, so
a larger sample keeps every article, and judgement, of a smaller one. Wikinews articles carry
their publication date. BBC articles carry none: the corpus README documents only a range
(stories from 2004-2005), so they are read undated, never given a made-up day; for the "after
its article" check a BBC event is compared with the end of that range (2005-12-31).

The extraction is the slow part (about 10 minutes for the default sample on the shared machine):
its predictions are cached per article under the user cache dir (never in the repo: they hold
sentences), in a file keyed by a hash of the package's code and the lock file, so a run after an
unchanged code is quick and a code change extracts everything again (``--no-cache``: no cache).

Every predicted event of the sample is audited except ``aggregate`` ones (cumulative tolls tied
to a conflict, not one event). ``background`` events (more than a year before their article) are
included and also reported apart.

Judgements (``bench/audit/judgements.csv``, the rules in ``bench/audit/GUIDELINE.md``) hold
ids, offsets, the prediction's fields and the verdict; never the article text. A judgement's key
is (article_id, start, end, sub_type). On each run the current predictions are matched to it:

- a prediction whose key is judged reuses the verdict; if its date, place or toll changed since
  a `right` judgement, that field's judgement is stale (counted as "to re-judge", not in the accuracy);
- a prediction with no judgement (or a blank verdict), or whose ``background`` flag changed since it
  was judged (the guideline judges history right only when flagged), is unjudged, and listed by
  ``--list-unjudged`` with its sentence so that a person can judge it;
- a judged key that is no longer predicted is counted as removed.

Precision is right / judged over the judged current predictions, with a Wilson 95% interval.
The articles are split in two halves by ``sha1(article id) % 2`` (as bench/acled_dev.py splits
its notes): rules are developed on the dev half's errors (``--half dev --list-wrong``); the
held-out half is judged like the rest (every prediction needs a verdict) but its errors are not
read for tuning, and its precision is reported apart.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import io
import json
import math
import platform
import random
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import platformdirs

from benchmarks_md import write_section  # noqa: E402  (bench/ is on sys.path when run as a script)

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "corpus"
BBC = DATA / "bbc" / "bbc.jsonl"
WIKINEWS = DATA / "wikinews"
PACKAGE = REPO / "lib" / "wirelens"
CACHE = Path(platformdirs.user_cache_dir("wirelens")) / "bench" / "events_audit"
SAVE_EVERY = 200  # articles extracted between two saves of the cache
JUDGEMENTS = REPO / "bench" / "audit" / "judgements.csv"
HEADING = "## Events: precision audit on BBC + Wikinews (bench/events_audit.py)"
SEED = 17
FIRST_DRAW = 200  # per corpus: the audit's first sample, which every larger one begins with
# Sizes that yield >= 200 predicted events (the target): 1,200 of the 2,092 distinct BBC
# stories gave 99 events on 2026-12-03, and all 296 Wikinews articles 134.
N_BBC = 1200
N_WIKINEWS = 296
BBC_RANGE_END = dt.date(2005, 12, 31)  # the corpus README: stories from 2004-2005
EARLIEST = dt.date(1900, 1, 1)
FIELDS = (
    "article_id", "corpus", "start", "end", "cue", "sub_type", "date", "place", "fatalities", "background",
    "verdict", "date_ok", "place_ok", "toll_ok", "reason",
)  # fmt: skip
VERDICTS = ("right", "wrong")
OKS = ("yes", "no", "na")
HALVES = ("held-out", "dev")
STALE = "rejudge"  # a field whose prediction changed since it was judged


@dataclass(frozen=True)
class Prediction:
    """One predicted event as the audit sees it (strings, as in the CSV)."""

    article_id: str
    corpus: str
    start: int
    end: int
    cue: str
    sub_type: str
    date: str = ""
    place: str = ""
    fatalities: str = ""
    background: bool = False
    sentence: str = ""  # shown to the judge; never written to the CSV
    article_date: str = ""  # the article's publication date, ISO, or "" (undated)

    @property
    def key(self) -> tuple[str, int, int, str]:
        return (self.article_id, self.start, self.end, self.sub_type)


@dataclass(frozen=True)
class Judgement:
    """One row of judgements.csv: the prediction as judged and the verdict."""

    article_id: str
    corpus: str
    start: int
    end: int
    cue: str
    sub_type: str
    date: str = ""
    place: str = ""
    fatalities: str = ""
    background: bool = False
    verdict: str = ""  # right | wrong | "" (not judged yet)
    date_ok: str = ""
    place_ok: str = ""
    toll_ok: str = ""
    reason: str = ""

    @property
    def key(self) -> tuple[str, int, int, str]:
        return (self.article_id, self.start, self.end, self.sub_type)


@dataclass
class Rescore:
    """Current predictions matched against the judgements."""

    judged: list[tuple[Prediction, Judgement]] = field(default_factory=list)  # verdict reused
    unjudged: list[Prediction] = field(default_factory=list)
    removed: list[Judgement] = field(default_factory=list)

    def stale(self) -> list[tuple[Prediction, Judgement]]:
        return [(p, j) for p, j in self.judged if STALE in (j.date_ok, j.place_ok, j.toll_ok)]


def rescore(judgements: Iterable[Judgement], predictions: Iterable[Prediction]) -> Rescore:
    """Match predictions to judgements by key; mark changed date/place/toll for re-judging."""
    by_key = {j.key: j for j in judgements}
    out = Rescore()
    seen: set[tuple[str, int, int, str]] = set()
    for p in predictions:
        seen.add(p.key)
        j = by_key.get(p.key)
        if j is None or j.verdict not in VERDICTS or j.background != p.background:
            out.unjudged.append(p)  # new, blank, or now (not) flagged background: history is right only if flagged
            continue
        changes = {}
        if j.verdict == "right":  # date, place and toll are judged on right events only ("na" on wrong ones)
            if p.date != j.date:
                changes["date_ok"] = STALE
            if p.place != j.place:
                changes["place_ok"] = STALE
            if p.fatalities != j.fatalities:
                changes["toll_ok"] = STALE
        out.judged.append((p, replace(j, **changes) if changes else j))
    out.removed = [j for key, j in by_key.items() if key not in seen and j.verdict in VERDICTS]
    return out


def wilson(successes: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Wilson score interval for a proportion (95% by default)."""
    if n == 0:
        return (0.0, 0.0)
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def field_accuracy(pairs: Sequence[tuple[Prediction, Judgement]], name: str) -> tuple[int, int, int]:
    """(yes, judged yes+no, stale) for one of date_ok/place_ok/toll_ok, over events judged right."""
    values = [getattr(j, name) for _, j in pairs if j.verdict == "right"]
    yes = sum(v == "yes" for v in values)
    no = sum(v == "no" for v in values)
    return yes, yes + no, sum(v == STALE for v in values)


def date_violations(predictions: Iterable[Prediction]) -> tuple[list[Prediction], list[Prediction]]:
    """Events dated before 1900, and events dated after their article (BBC: after 2005)."""
    early, late = [], []
    for p in predictions:
        if not p.date:
            continue
        date = dt.date.fromisoformat(p.date)
        if date < EARLIEST:
            early.append(p)
        bound = (
            dt.date.fromisoformat(p.article_date) if p.article_date else (BBC_RANGE_END if p.corpus == "bbc" else None)
        )
        if bound is not None and date > bound:
            late.append(p)
    return early, late


def half_of(article_id: str) -> str:
    """The article's half: "dev" (rules are tuned on its errors) or "held-out" (only scored)."""
    return HALVES[1 - int(hashlib.sha1(article_id.encode("utf-8")).hexdigest(), 16) % 2]


# --- reading and writing the judgements ---------------------------------------------------


def read_judgements(path: Path = JUDGEMENTS) -> list[Judgement]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return [
        Judgement(
            article_id=r["article_id"],
            corpus=r["corpus"],
            start=int(r["start"]),
            end=int(r["end"]),
            cue=r["cue"],
            sub_type=r["sub_type"],
            date=r["date"],
            place=r["place"],
            fatalities=r["fatalities"],
            background=r.get("background", "") == "yes",
            verdict=r["verdict"].strip(),
            date_ok=r["date_ok"].strip(),
            place_ok=r["place_ok"].strip(),
            toll_ok=r["toll_ok"].strip(),
            reason=r["reason"],
        )  # fmt: skip
        for r in rows
    ]


def write_judgements(judgements: Iterable[Judgement], path: Path = JUDGEMENTS) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = sorted(judgements, key=lambda j: (j.corpus, j.article_id, j.start, j.end, j.sub_type))
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(FIELDS)
        for j in rows:
            writer.writerow([
                j.article_id, j.corpus, j.start, j.end, j.cue, j.sub_type, j.date, j.place, j.fatalities,
                "yes" if j.background else "no", j.verdict, j.date_ok, j.place_ok, j.toll_ok, j.reason,
            ])  # fmt: skip


def stub(prediction: Prediction) -> Judgement:
    """An unjudged row for a prediction: its fields, a blank verdict."""
    p = prediction
    return Judgement(
        p.article_id, p.corpus, p.start, p.end, p.cue, p.sub_type, p.date, p.place, p.fatalities, p.background
    )


def stubbed(judgements: Sequence[Judgement], result: Rescore) -> list[Judgement]:
    """The judgements with a blank row per unjudged prediction, and each stale row brought up to
    its prediction's date, place and toll with the changed field set to "rejudge" for a person."""
    updated = {j.key: replace(j, date=p.date, place=p.place, fatalities=p.fatalities) for p, j in result.stale()}
    new_keys = {p.key for p in result.unjudged}
    kept = [updated.get(j.key, j) for j in judgements if j.key not in new_keys]
    return kept + [stub(p) for p in result.unjudged]


# --- the sample and its predictions ------------------------------------------------------


def corpus_of(path: str | None) -> str:
    return "bbc" if path and "bbc" in Path(path).name else "wikinews"


def sample_order(ids: Iterable[str], seed: int, name: str) -> list[str]:
    """Every id of one corpus, in the order the sample takes them: first the seeded draw of
    :data:`FIRST_DRAW` that the audit began with, then the others in a seeded shuffle. A sample is a
    prefix of this order, so a larger one keeps every article (and judgement) of a smaller one."""
    ordered = sorted(ids)
    first = random.Random(f"{seed}:{name}").sample(ordered, min(FIRST_DRAW, len(ordered)))
    taken = set(first)
    rest = [i for i in ordered if i not in taken]
    random.Random(f"{seed}:{name}:rest").shuffle(rest)
    return first + rest


def sample_articles(n_bbc: int = N_BBC, n_wikinews: int = N_WIKINEWS, seed: int = SEED) -> list:
    """The seeded sample: the first ``n`` articles of each corpus in :func:`sample_order`."""
    from wirelens.run.readers import read_paths

    by_corpus: dict[str, dict[str, object]] = {"bbc": {}, "wikinews": {}}
    for item in read_paths([BBC, WIKINEWS]):
        if hasattr(item, "text"):
            by_corpus[corpus_of(item.path)].setdefault(item.id, item)  # duplicates: first copy
    picked = []
    for name, n in (("bbc", n_bbc), ("wikinews", n_wikinews)):
        picked += [by_corpus[name][i] for i in sample_order(by_corpus[name], seed, name)[:n]]
    return picked


def predictions_of(extraction) -> tuple[list[Prediction], int]:
    """One article's non-aggregate predicted events, and how many aggregates were left out."""
    article = extraction.article
    out, aggregates = [], 0
    for e in extraction.events:
        if e.aggregate:
            aggregates += 1
            continue
        out.append(
            Prediction(
                article_id=article.id,
                corpus=corpus_of(article.path),
                start=e.start,
                end=e.end,
                cue=e.cue,
                sub_type=e.sub_type,
                date=e.date.isoformat() if e.date else "",
                place=e.place or "",
                fatalities="" if e.fatalities is None else str(e.fatalities),
                background=bool(getattr(e, "background", False)),
                sentence=e.sentence,
                article_date=article.date.isoformat() if article.date else "",
            )  # fmt: skip
        )
    return out, aggregates


def code_key(package: Path = PACKAGE, lock: Path = REPO / "uv.lock") -> str:
    """A hash of what the predictions depend on: the package's files (the dashboard's aside) and the
    locked versions of its dependencies (the spaCy model among them)."""
    digest = hashlib.sha1()
    for path in sorted(package.rglob("*")):
        rel = path.relative_to(package)
        if path.is_file() and "__pycache__" not in rel.parts and rel.parts[0] != "dashboard":
            digest.update(rel.as_posix().encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    if lock.is_file():
        digest.update(lock.read_bytes())
    return digest.hexdigest()[:16]


def export_package(rev: str, folder: Path, repo: Path = REPO) -> tuple[str, str]:
    """Write the package (and the lock file) as committed at ``rev`` under ``folder``, with
    ``git archive``; returns the commit's short hash and the cache key of that code."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", f"{rev}^{{commit}}"], cwd=repo, check=True, capture_output=True, text=True
    ).stdout.strip()
    archive = subprocess.run(
        ["git", "archive", commit, "lib/wirelens", "uv.lock"], cwd=repo, check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return commit, code_key(folder / "lib" / "wirelens", folder / "uv.lock")


def use_committed_package(rev: str, folder: Path) -> tuple[str, str]:
    """Import the package as committed at ``rev`` (exported under ``folder``) instead of the working
    tree, which other people are editing, so that the audit measures a commit."""
    if "wirelens" in sys.modules:
        raise RuntimeError("wirelens was imported before the committed package was put in place")
    commit, key = export_package(rev, folder)
    sys.path.insert(0, str(folder / "lib"))
    return commit, key


class PredictionCache:
    """Predictions per article id, in one JSON file per code version (outside the repo: the
    sentences are article text). The extraction is the bench's slow part; an article is extracted
    again only when the code changed."""

    KEEP = 8  # code versions kept (several people run the bench, on several versions); older files are removed

    def __init__(self, folder: Path | None, key: str):
        self.path = folder / f"{key}.json" if folder else None
        self.entries: dict[str, dict] = {}
        if self.path and self.path.is_file():
            self.entries = json.loads(self.path.read_text(encoding="utf-8"))

    def get(self, article_id: str) -> tuple[list[Prediction], int] | None:
        entry = self.entries.get(article_id)
        if entry is None:
            return None
        return [Prediction(**p) for p in entry["events"]], entry["aggregates"]

    def put(self, article_id: str, predictions: Sequence[Prediction], aggregates: int) -> None:
        self.entries[article_id] = {"events": [asdict(p) for p in predictions], "aggregates": aggregates}

    def save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.entries), encoding="utf-8")
        tmp.replace(self.path)
        older = sorted(self.path.parent.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in older[self.KEEP :]:
            old.unlink(missing_ok=True)


def predict(articles: Sequence, cache: PredictionCache | None = None) -> tuple[list[Prediction], int]:
    """Every non-aggregate predicted event of the articles (in article order), and the number of
    aggregates left out; articles in the cache are not extracted again."""
    cache = cache or PredictionCache(None, "")
    missing = [a for a in articles if cache.get(a.id) is None]
    if missing:
        from wirelens.extraction.pipeline import default_extractor  # loads the model: only when needed

        for done, extraction in enumerate(default_extractor().extract(missing), 1):
            cache.put(extraction.article.id, *predictions_of(extraction))
            if done % SAVE_EVERY == 0:  # an interrupted run keeps what it extracted
                cache.save()
        cache.save()
    out, aggregates = [], 0
    for article in articles:
        predictions, n = cache.get(article.id)
        out += predictions
        aggregates += n
    return out, aggregates


# --- report ---------------------------------------------------------------------------


def fmt_share(yes: int, n: int) -> str:
    return f"{yes / n:.2f} ({yes}/{n})" if n else "n/a"


def report(
    result: Rescore,
    predictions: Sequence[Prediction],
    articles: Sequence,
    aggregates: int,
    seed: int,
    code: str = "the working tree",
) -> str:
    judged = result.judged
    right = sum(j.verdict == "right" for _, j in judged)
    n = len(judged)
    lo, hi = wilson(right, n)
    early, late = date_violations(predictions)
    background = [p for p in predictions if p.background]
    bg_judged = [(p, j) for p, j in judged if p.background]
    per_corpus = Counter(corpus_of(a.path) for a in articles)
    ev_corpus = Counter(p.corpus for p in predictions)
    lines = [
        HEADING,
        "",
        f"- Date: {dt.date.today().isoformat()}. Machine: 2 CPUs (shared), Python {platform.python_version()}.",
        f"- Code: {code if code == 'the working tree' else 'commit ' + code}. "
        "Command: `uv run python bench/events_audit.py --at HEAD --write` (reads `../shared/data/corpus/bbc/bbc.jsonl` and "
        "`../shared/data/corpus/wikinews/`; `--list-unjudged` prints predictions that still need a person).",
        f"- Sample: seed {seed}; {per_corpus['bbc']} BBC articles (2004-2005, undated: the README gives only the range) "
        f"and {per_corpus['wikinews']} Wikinews articles (2019-2020, dated), the first of each corpus's seeded order "
        f"(which begins with the audit's first draw of {FIRST_DRAW} per corpus). "
        f"Predicted events: {len(predictions)} ({ev_corpus['bbc']} BBC, {ev_corpus['wikinews']} Wikinews), "
        f"{aggregates} aggregate tolls left out.",
        "- Judged by hand against [bench/audit/GUIDELINE.md](bench/audit/GUIDELINE.md); verdicts, offsets and reasons "
        "(never the article text) in [bench/audit/judgements.csv](bench/audit/judgements.csv). A prediction reuses "
        "the judgement of its key (article id, cue offsets, sub-type); a changed date, place or toll is re-judged.",
        "",
        "| measure | value | target |",
        "|---|---:|---|",
        f"| events judged right (precision) | {fmt_share(right, n)} | >= 0.90 |",
        f"| Wilson 95% interval | {lo:.2f}-{hi:.2f} |  |",
    ]
    news = [j for p, j in judged if not p.background]
    lines.append(
        f"| precision, news events (not background) | {fmt_share(sum(j.verdict == 'right' for j in news), len(news))} |  |"
    )
    for half in HALVES:
        sub = [j for p, j in judged if half_of(p.article_id) == half]
        lines.append(f"| precision, {half} half | {fmt_share(sum(j.verdict == 'right' for j in sub), len(sub))} |  |")
    for corpus in ("wikinews", "bbc"):
        sub = [j for p, j in judged if p.corpus == corpus]
        lines.append(f"| precision, {corpus} | {fmt_share(sum(j.verdict == 'right' for j in sub), len(sub))} |  |")
    for name, label in (("date_ok", "date right"), ("place_ok", "place right"), ("toll_ok", "toll right")):
        yes, total, stale = field_accuracy(judged, name)
        extra = f"; {stale} to re-judge" if stale else ""
        lines.append(f"| {label}, of right events where it applies | {fmt_share(yes, total)}{extra} |  |")
    lines += [
        f"| events dated before 1900 | {len(early)} | 0 |",
        f"| events dated after their article | {len(late)} | 0 |",
        f"| background events (> 1 year before the article) | {len(background)} "
        f"({sum(j.verdict == 'right' for _, j in bg_judged)}/{len(bg_judged)} judged right) |  |",
        f"| unjudged predictions | {len(result.unjudged)} | 0 |",
        f"| judged keys no longer predicted | {len(result.removed)} |  |",
        "",
    ]
    wrong = Counter(j.reason.split(":")[0].strip() for _, j in judged if j.verdict == "wrong")
    if wrong:
        lines.append(
            "Wrong events by error class (the reason's prefix): "
            + "; ".join(f"{k} ({v})" for k, v in wrong.most_common())
            + "."
        )
        lines.append("")
    by_type = Counter((j.sub_type, j.verdict) for _, j in judged)
    types = sorted({s for s, _ in by_type}, key=lambda s: (-(by_type[(s, "right")] + by_type[(s, "wrong")]), s))
    lines += ["| predicted sub-type | judged | right | precision |", "|---|---:|---:|---:|"]
    for s in types:
        r, w = by_type[(s, "right")], by_type[(s, "wrong")]
        lines.append(f"| {s} | {r + w} | {r} | {r / (r + w):.2f} |")
    return "\n".join(lines) + "\n"


def list_unjudged(result: Rescore) -> str:
    out = []
    for p in result.unjudged:
        out.append(
            f"[{p.corpus} {p.article_id} {p.start}-{p.end} {p.sub_type}] cue={p.cue!r} date={p.date or '-'} "
            f"(article {p.article_date or 'undated'}) place={p.place or '-'} toll={p.fatalities or '-'}"
            f"{' background' if p.background else ''}\n    {' '.join(p.sentence.split())}"
        )
    for p, j in result.stale():
        fields = [n for n in ("date_ok", "place_ok", "toll_ok") if getattr(j, n) == STALE]
        out.append(
            f"[re-judge {', '.join(fields)}: {p.corpus} {p.article_id} {p.start}-{p.end} {p.sub_type}] "
            f"date {j.date or '-'} -> {p.date or '-'}; place {j.place or '-'} -> {p.place or '-'}; "
            f"toll {j.fatalities or '-'} -> {p.fatalities or '-'}\n    {' '.join(p.sentence.split())}"
        )
    return "\n".join(out) + ("\n" if out else "")


def list_wrong(result: Rescore) -> str:
    """The predictions judged wrong, with their reason and sentence (for rule development on the dev half)."""
    out = [
        f"[{p.corpus} {p.article_id} {p.start}-{p.end} {p.sub_type}] cue={p.cue!r} place={p.place or '-'} "
        f"toll={p.fatalities or '-'} -- {j.reason}\n    {' '.join(p.sentence.split())}"
        for p, j in result.judged
        if j.verdict == "wrong"
    ]
    return "\n".join(out) + ("\n" if out else "")


def only_half(result: Rescore, half: str) -> Rescore:
    """The part of a re-scoring that falls in one half of the articles."""
    return Rescore(
        judged=[(p, j) for p, j in result.judged if half_of(p.article_id) == half],
        unjudged=[p for p in result.unjudged if half_of(p.article_id) == half],
        removed=[j for j in result.removed if half_of(j.article_id) == half],
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--bbc", type=int, default=N_BBC)
    parser.add_argument("--wikinews", type=int, default=N_WIKINEWS)
    parser.add_argument("--judgements", type=Path, default=JUDGEMENTS)
    parser.add_argument("--at", metavar="REV", help="extract with the package as committed at REV (e.g. HEAD)")
    parser.add_argument("--no-cache", action="store_true", help="extract every article again, keep nothing")
    parser.add_argument("--list-unjudged", action="store_true", help="print unjudged and stale predictions")
    parser.add_argument("--stub", action="store_true", help="append unjudged predictions to the CSV, verdict blank")
    parser.add_argument("--write", action="store_true", help="update the section of BENCHMARKS.md")
    parser.add_argument("--half", choices=HALVES, help="list only this half's predictions")
    parser.add_argument("--list-wrong", action="store_true", help="print predictions judged wrong (dev half only)")
    args = parser.parse_args(argv)
    if args.list_wrong and args.half != "dev":
        parser.error("--list-wrong reads errors: only with --half dev (the held-out half is judged, not tuned on)")
    if not BBC.is_file() or not WIKINEWS.is_dir():
        print(f"corpus missing under {DATA}; nothing to audit", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="events-audit-") as folder:
        code, key = use_committed_package(args.at, Path(folder)) if args.at else ("the working tree", code_key())
        articles = sample_articles(args.bbc, args.wikinews, args.seed)
        cache = PredictionCache(None if args.no_cache else CACHE, key)
        predictions, aggregates = predict(articles, cache)
    judgements = read_judgements(args.judgements)
    result = rescore(judgements, predictions)
    if args.stub and (result.unjudged or result.stale()):
        write_judgements(stubbed(judgements, result), args.judgements)
        print(
            f"{len(result.unjudged)} unjudged rows added to {args.judgements}, {len(result.stale())} marked to re-judge",
            file=sys.stderr,
        )
    listed = only_half(result, args.half) if args.half else result
    if args.list_unjudged or args.list_wrong:
        sys.stdout.write(list_unjudged(listed) if args.list_unjudged else "")
        sys.stdout.write(list_wrong(listed) if args.list_wrong else "")
        return 0
    text = report(result, predictions, articles, aggregates, args.seed, code)
    sys.stdout.write(text)
    if args.write:
        write_section(HEADING, text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
