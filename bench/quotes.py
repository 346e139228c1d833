"""Quote extraction: accuracy on PolNeAR (dev) against textacy's direct_quotations, and speed on BBC.

    uv run python bench/quotes.py                  # full run, updates the "## Quotes" section of BENCHMARKS.md
    uv run python bench/quotes.py --split train    # rule development split, prints only
    uv run python bench/quotes.py --no-write       # prints only
    uv run python bench/quotes.py --split train --no-write --dump errors.txt   # also writes the errors

Scoring (PolNeAR's brat files, first annotator of each article):
- all attributions: every gold Content span against every predicted record. A prediction
  matches a gold span when they overlap by at least half of the shorter one; matching is
  one-to-one, a pair whose cue agrees first (the predicted cue word is among the gold Cue's
  words: a prediction of "insisted" pairs with the gold of "insisted", not with the "said"
  whose content holds it), then best overlap. A partial quote nested in a predicted indirect
  clause of the same cue is one attribution, so a prediction inside another of the same cue
  is not scored; one inside another cue's ("Pruzan said the founders insisted that ...") is.
  (Until issue 20's fourth session pairs ignored the cue and every nested prediction was
  dropped, so an inner report was scored against its outer attribution's speaker.)
- direct quotes: gold Contents whose fragments are mostly (>= 50% of letters) inside double
  quotation marks (see quoted_spans: marks paired in order per paragraph, curly or straight),
  against predictions of kind "direct".
- whole quotes (direct, strict): gold Contents that are the quoted passage itself (>= 90% of
  letters inside marks: '"We will win," he said', 'said: "..."'), against predictions of kind
  "direct". A quoted phrase inside the writer's clause ('called the move "reckless"', 'said they
  were "being ridiculous"') is direct by the first measure and partial by this one.
- speaker accuracy, on matched attributions with a gold Source: the predicted speaker mention
  overlaps the Source, or the predicted speaker names the same person (shares the Source's last
  capitalised word).
- speed: CPU seconds of the quotes layer (read_chunk + finish) against the raw spaCy parse of
  the same BBC texts, median of per-repeat ratios.

Data is read from ../shared/data at run time, never copied; a missing set is skipped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import re
import statistics
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import spacy

from benchmarks_md import write_section  # noqa: E402  (bench/ is on sys.path when run as a script)
from wirelens.extraction.actors import find_candidates, resolve
from wirelens.extraction.articles import Article, article_id, parse_date
from wirelens.extraction.layer import ArticleContext, Earlier, Sentence
from wirelens.extraction.lexicon import cached_lexicon
from wirelens.extraction.nlp import load_model
from wirelens.extraction.pipeline import Extractor
from wirelens.extraction.quotes.layer import QuotesLayer

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
POLNEAR = DATA / "quotes" / "polnear"
BBC = DATA / "corpus" / "bbc" / "bbc.jsonl"
SECTION = "## Quotes (bench/quotes.py)"
DIRECT_KINDS = ("direct",)  # partial quotes are words inside a reported clause
WHOLE_SHARE = 0.9  # share of a Content's letters inside marks that makes it a whole quote
_MARK = re.compile(r'["“”]')
_WORD = re.compile(r"[\w'-]+")


class Gold(NamedTuple):
    start: int
    end: int
    fragments: tuple[tuple[int, int], ...]  # a quote interrupted by its attribution is one Content
    source: tuple[tuple[int, int], ...]
    source_text: str
    direct: bool
    whole: bool = False  # the Content is the quoted passage itself (>= WHOLE_SHARE of letters quoted)
    cue: str = ""  # the Cue's words, for error dumps


class Pred(NamedTuple):
    start: int
    end: int
    kind: str
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None = None  # for error dumps


class Score(NamedTuple):
    tp: int
    fp: int
    fn: int

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0

    def __add__(self, other: Score) -> Score:  # type: ignore[override]
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


# --- PolNeAR ---------------------------------------------------------------------------------


def _fragments(field: str) -> list[tuple[int, int]]:
    return [tuple(map(int, p.split())) for p in field.split(";")]  # type: ignore[misc]


def read_gold(ann: Path, text: str) -> list[Gold]:
    spans: dict[str, tuple[str, int, int, list[tuple[int, int]]]] = {}
    relations: list[dict[str, str]] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            label, _, where = cols[1].partition(" ")
            frags = _fragments(where)
            spans[cols[0]] = (label, frags[0][0], frags[-1][1], frags)
        elif line.startswith("E") and len(cols) >= 2:
            relations.append(dict(part.split(":", 1) for part in cols[1].split() if ":" in part))
    quoted = quoted_spans(text)
    gold = []
    for rel in relations:
        contents = [spans[v] for k, v in rel.items() if k.startswith("Content") and v in spans]
        if not contents:
            continue
        start, end = min(c[1] for c in contents), max(c[2] for c in contents)
        sources = tuple((spans[v][1], spans[v][2]) for k, v in rel.items() if k.startswith("Source") and v in spans)
        fragments = tuple(f for c in contents for f in c[3])
        cue = " ".join(text[spans[v][1] : spans[v][2]] for k, v in rel.items() if k.startswith("Cue") and v in spans)
        share = quoted_share(text, fragments, quoted)
        gold.append(
            Gold(
                start,
                end,
                fragments,
                sources,
                " ".join(text[s:e] for s, e in sources),
                share >= 0.5,
                share >= WHOLE_SHARE,
                cue,
            )
        )
    return gold


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each double-quoted passage, marks included, paragraph by paragraph.

    Curly marks say which way they face; a straight one opens after a space and before a
    letter. Marks are paired in order, so a curly opening closed by a straight mark
    (“...FBI," in PolNeAR) is one passage. A paragraph left open is quoted to its end: news
    style opens each paragraph of a long quote and closes only the last.
    """
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        opened = -1
        for m in _MARK.finditer(line):
            i, mark = m.start(), m.group()
            before = line[i - 1] if i > 0 else " "
            after = line[i + 1] if i + 1 < len(line) else " "
            opens = mark == "“" or (mark == '"' and (before.isspace() or before in "([{—–-/") and not after.isspace())
            if opens and opened < 0:
                opened = i
            elif not opens and opened >= 0:
                out.append((pos + opened, pos + i + 1))
                opened = -1
        if opened >= 0:
            out.append((pos + opened, pos + len(line)))
        pos += len(line) + 1
    return out


def quoted_share(text: str, fragments: Sequence[tuple[int, int]], quoted: Sequence[tuple[int, int]]) -> float:
    """Share of the Content's letters inside quotation marks (0 when it has none)."""
    # The Content's own fragments: the attribution interrupting a quote ('," said X, a lawyer. "') is not Content.
    letters = [i for s, e in fragments for i in range(s, e) if text[i].isalpha()]
    if not letters:
        return 0.0
    return sum(1 for i in letters if any(s < i < e for s, e in quoted)) / len(letters)


def _mostly_quoted(text: str, fragments: Sequence[tuple[int, int]], quoted: Sequence[tuple[int, int]]) -> bool:
    return quoted_share(text, fragments, quoted) >= 0.5


def polnear_articles(split: str) -> list[tuple[Article, list[Gold]]]:
    meta: dict[str, str] = {}
    with (POLNEAR / "metadata.tsv").open(encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        for line in fh:
            row = dict(zip(header, line.rstrip("\n").split("\t")))
            meta[row.get("filename", "")] = row.get("publication_date", "")
    out = []
    for path in sorted((POLNEAR / split / "text").glob("*.txt")):
        anns = sorted((POLNEAR / split / "attributions").glob(f"{path.stem}_*.ann"))
        if not anns:
            continue
        text = path.read_text(encoding="utf-8")
        try:
            date = parse_date(meta.get(path.stem) or None)
        except ValueError:
            date = None
        # The raw text, uncleaned: gold offsets index into it.
        article = Article(id=article_id(text), title=text.split("\n", 1)[0], text=text, date=date, path=str(path))
        out.append((article, read_gold(anns[0], text)))
    return out


def _overlaps(p: Pred, g: Gold) -> float:
    """Best overlap ratio of a prediction with one of the gold fragments; 0 below half of the shorter."""
    best = 0.0
    for s, e in g.fragments:
        ov = min(p.end, e) - max(p.start, s)
        if ov > 0 and ov >= 0.5 * min(p.end - p.start, e - s):
            best = max(best, ov / max(p.end - p.start, e - s))
    return best


def cue_agrees(p: Pred, g: Gold) -> bool:
    """The prediction's cue words are among the gold Cue's: "said" in "said in a statement"."""
    words = _WORD.findall((p.cue or "").lower().replace("’", "'"))
    gold_words = set(_WORD.findall(g.cue.lower().replace("’", "'")))
    return bool(words) and all(w in gold_words for w in words)


def match(preds: Sequence[Pred], gold: Sequence[Gold]) -> list[tuple[int, int]]:
    """One-to-one (pred index, gold index) pairs overlapping by >= half of the shorter: pairs whose cue
    agrees first, then best overlap."""
    pairs = []
    for i, p in enumerate(preds):
        for j, g in enumerate(gold):
            ratio = _overlaps(p, g)
            if ratio > 0:
                pairs.append((cue_agrees(p, g), ratio, i, j))
    used_p, used_g, out = set(), set(), []
    for _, _, i, j in sorted(pairs, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


def outermost(preds: Sequence[Pred]) -> list[Pred]:
    """The predictions to score: all but one nested inside a longer one of the same cue (a partial quote in
    its cue's indirect clause is one attribution); a report inside another cue's content is its own."""
    return [
        p
        for p in preds
        if not any(
            q is not p
            and q.cue == p.cue
            and q.start <= p.start
            and p.end <= q.end
            and (q.end - q.start) > (p.end - p.start)
            for q in preds
        )
    ]


def speaker_ok(pred: Pred, gold: Gold, text: str) -> bool:
    if pred.speaker_start is not None and pred.speaker_end is not None:
        if any(min(pred.speaker_end, e) > max(pred.speaker_start, s) for s, e in gold.source):
            return True
    names = [w for w in re.findall(r"[A-Z][\w’'-]+", gold.source_text)]
    return bool(pred.speaker and names and names[-1].lower() in pred.speaker.lower().split())


def _false_positives(preds: Sequence[Pred], gold: Sequence[Gold], pairs: list[tuple[int, int]]) -> int:
    """Unmatched predictions, except a second fragment of an already matched gold quote."""
    matched_p = {i for i, _ in pairs}
    matched_g = [gold[j] for _, j in pairs]
    return sum(1 for i, p in enumerate(preds) if i not in matched_p and not any(_overlaps(p, g) > 0 for g in matched_g))


def score(
    preds: Sequence[Pred], gold: Sequence[Gold], text: str, errors: list[str] | None = None
) -> tuple[Score, Score, int, int, Score]:
    scored = outermost(preds)
    pairs = match(scored, gold)
    all_score = Score(len(pairs), _false_positives(scored, gold, pairs), len(gold) - len(pairs))
    direct_p = [p for p in preds if p.kind in DIRECT_KINDS]
    direct_g = [g for g in gold if g.direct]
    dpairs = match(direct_p, direct_g)
    direct = Score(len(dpairs), _false_positives(direct_p, direct_g, dpairs), len(direct_g) - len(dpairs))
    whole_g = [g for g in gold if g.whole]
    wpairs = match(direct_p, whole_g)
    whole = Score(len(wpairs), _false_positives(direct_p, whole_g, wpairs), len(whole_g) - len(wpairs))
    with_source = [(i, j) for i, j in pairs if gold[j].source]
    right = sum(speaker_ok(scored[i], gold[j], text) for i, j in with_source)
    if errors is not None:
        all_pairs = {"all": pairs, "direct": dpairs, "whole": wpairs, "speaker": with_source}
        errors.extend(_describe_errors(preds, scored, gold, text, all_pairs))
    return all_score, direct, right, len(with_source), whole


def _clip(text: str, s: int, e: int, n: int = 160) -> str:
    return " ".join(text[s:e].split())[:n]


def _missed(
    tag: str, gold: Sequence[Gold], preds: Sequence[Pred], pairs: list[tuple[int, int]], text: str
) -> list[str]:
    """One line per gold attribution no prediction matched, with its cue and what was predicted over it."""
    found = {j for _, j in pairs}
    out = []
    for j, g in enumerate(gold):
        if j not in found:
            near = [p for p in preds if min(p.end, g.end) > max(p.start, g.start)]
            got = "; ".join(f"{p.kind}:{_clip(text, p.start, p.end, 60)}" for p in near) or "-"
            out.append(
                f"{tag}\t{g.start}\tcue={g.cue!r}\tsrc={g.source_text!r}\t{_clip(text, g.start, g.end)}"
                f"\tctx={_clip(text, max(0, g.start - 80), g.start, 80)}\tgot={got}"
            )
    return out


def _spurious(
    tag: str, preds: Sequence[Pred], gold: Sequence[Gold], pairs: list[tuple[int, int]], text: str, near: Sequence[Gold]
) -> list[str]:
    """One line per prediction that matched nothing (nor a matched gold's other half), with the gold under it."""
    found = {i for i, _ in pairs}
    matched = [gold[j] for _, j in pairs]
    out = []
    for i, p in enumerate(preds):
        if i not in found and not any(_overlaps(p, g) > 0 for g in matched):
            under = [g for g in near if min(p.end, g.end) > max(p.start, g.start)]
            what = "; ".join(f"{'D' if g.direct else 'I'}:{_clip(text, g.start, g.end, 60)}" for g in under) or "-"
            out.append(f"{tag}\t{p.start}\t{p.kind}\t{_clip(text, p.start, p.end)}\tgold={what}")
    return out


def _describe_errors(
    preds: Sequence[Pred], scored: Sequence[Pred], gold: Sequence[Gold], text: str, pairs: dict[str, list]
) -> list[str]:
    """One line per error, tab separated, for error analysis (never part of the score): attributions
    missed and spurious (all), direct quotes missed and spurious, whole quotes missed, wrong speakers."""
    direct_p = [p for p in preds if p.kind in DIRECT_KINDS]
    direct_g = [g for g in gold if g.direct]
    out = _missed("MISS_ATTR", gold, scored, pairs["all"], text)
    out += _spurious("SPURIOUS_ATTR", scored, gold, pairs["all"], text, gold)
    out += _missed("MISS_DIRECT", direct_g, preds, pairs["direct"], text)
    out += _spurious("SPURIOUS_DIRECT", direct_p, direct_g, pairs["direct"], text, gold)
    out += _missed("MISS_WHOLE", [g for g in gold if g.whole], preds, pairs["whole"], text)
    for i, j in pairs["speaker"]:
        p, g = scored[i], gold[j]
        if not speaker_ok(p, g, text):
            mention = text[p.speaker_start : p.speaker_end] if p.speaker_start is not None else None
            out.append(
                f"SPEAKER\t{p.start}\t{p.kind}\tgold={g.source_text!r}\tmention={mention!r}\t"
                f"speaker={p.speaker!r}\t{_clip(text, g.start, g.end, 100)}\tcue={p.cue!r}\tgold_cue={g.cue!r}"
            )
    return out


def run_accuracy(split: str, limit: int | None, dump: Path | None = None, baseline: bool = True) -> dict[str, Any]:
    items = polnear_articles(split)[:limit]
    nlp = load_model()
    layer = QuotesLayer()
    extractor = Extractor(nlp, cached_lexicon(), layers=[layer])
    totals = {
        "ours": [Score(0, 0, 0), Score(0, 0, 0), 0, 0, Score(0, 0, 0)],
        "textacy": [Score(0, 0, 0), Score(0, 0, 0), 0, 0, Score(0, 0, 0)],
    }
    raised = 0
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        direct_quotations = None
    if not baseline:
        direct_quotations = None
    docs = nlp.pipe([a.text for a, _ in items], batch_size=16) if direct_quotations else iter(lambda: None, 0)
    errors: list[str] | None = [] if dump is not None else None
    for (article, gold), doc in zip(items, docs):
        ex = extractor.extract_one(article)
        preds = [Pred(q.start, q.end, q.kind, q.speaker, q.speaker_start, q.speaker_end, q.cue) for q in ex.quotes]
        if errors is not None:
            errors.append(f"# {Path(article.path or '').stem}")
        _accumulate(totals["ours"], score(preds, gold, article.text, errors))
        if direct_quotations is None:
            continue
        try:
            triples = list(direct_quotations(doc))
        except Exception:  # the baseline's own failures are what we count
            raised += 1
            triples = []
        tpreds = [
            Pred(
                t.content[0].idx,
                t.content[-1].idx + len(t.content[-1].text),
                "direct",
                " ".join(s.text for s in t.speaker),
                t.speaker[0].idx if t.speaker else None,
                t.speaker[-1].idx + len(t.speaker[-1].text) if t.speaker else None,
            )
            for t in triples
            if t.content
        ]
        _accumulate(totals["textacy"], score(tpreds, gold, article.text))
    if dump is not None and errors is not None:
        dump.write_text("\n".join(errors) + "\n", encoding="utf-8")
    return {
        "articles": len(items),
        "gold": sum(len(g) for _, g in items),
        "gold_direct": sum(sum(x.direct for x in g) for _, g in items),
        "gold_whole": sum(sum(x.whole for x in g) for _, g in items),
        "ours": totals["ours"],
        "textacy": totals["textacy"] if direct_quotations else None,
        "textacy_raised": raised,
    }


def _accumulate(total: list[Any], result: tuple[Score, Score, int, int, Score]) -> None:
    for i, value in enumerate(result):
        total[i] += value


# --- speed -------------------------------------------------------------------------------------


def bbc_texts(limit: int) -> list[str]:
    rows = [json.loads(line) for line in BBC.read_text(encoding="utf-8").splitlines() if line.strip()]
    step = max(1, len(rows) // limit)
    return [r["text"] for r in rows[::step][:limit]]


def run_speed(limit: int, repeats: int) -> dict[str, Any]:
    nlp = load_model()
    lexicon = cached_lexicon()
    layer = QuotesLayer()
    plain = Extractor(nlp, lexicon)
    texts = bbc_texts(limit)
    contexts = []
    for text in texts:  # the actor layer's output is the quotes layer's input, not what we time
        art = Article(id=article_id(text), title="", text=text, date=dt.date(2005, 1, 1))
        contexts.append(art)
    ratios, parse_times, quote_times = [], [], []
    for _ in range(repeats):
        t0 = time.process_time()
        docs = list(nlp.pipe(texts, batch_size=16))
        parse = time.process_time() - t0
        ctxs = []
        for art, doc in zip(contexts, docs):
            entities = resolve(find_candidates(doc, plain.matcher), lexicon)
            ctxs.append(ArticleContext(art, [Sentence(s.start_char, s.end_char) for s in doc.sents], entities))
        t0 = time.process_time()
        for doc, ctx in zip(docs, ctxs):
            layer.finish(layer.read_chunk(doc, 0), ctx, Earlier.given(layer))
        quotes = time.process_time() - t0
        parse_times.append(parse)
        quote_times.append(quotes)
        ratios.append(quotes / parse)
    return {
        "articles": len(texts),
        "words": sum(len(t.split()) for t in texts),
        "parse_s": statistics.median(parse_times),
        "quotes_s": statistics.median(quote_times),
        "ratio": statistics.median(ratios),
        "repeats": repeats,
    }


# --- report ------------------------------------------------------------------------------------


def report(acc: dict[str, Any] | None, speed: dict[str, Any] | None, split: str, command: str) -> str:
    lines = [SECTION, ""]
    lines.append(
        f"- Date: {dt.date.today().isoformat()}; Python {platform.python_version()}, spaCy {spacy.__version__}, "
        f"model {load_model().meta.get('name')}-{load_model().meta.get('version')}"
    )
    lines.append(f"- Command: `{command}`")
    if acc is None:
        lines.append("- PolNeAR not found under ../shared/data/quotes/polnear: accuracy skipped.")
    else:
        lines.append(
            f"- PolNeAR {split}: {acc['articles']} articles (first annotator each), {acc['gold']} gold "
            f"attributions, {acc['gold_direct']} of them direct quotes, {acc['gold_whole']} whole quotes."
        )
        lines.append("")
        lines.append(
            "| system | all-attribution P | R | F1 | direct P | R | F1 | whole-quote P | R | F1 "
            "| speaker acc (matched) |"
        )
        lines.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for name in ("ours", "textacy"):
            t = acc[name]
            if t is None:
                continue
            label = "wirelens QuotesLayer" if name == "ours" else "textacy direct_quotations"
            sp = f"{t[2] / t[3]:.3f} ({t[2]}/{t[3]})" if t[3] else "n/a"
            lines.append(
                f"| {label} | {t[0].p:.3f} | {t[0].r:.3f} | **{t[0].f1:.3f}** | {t[1].p:.3f} | {t[1].r:.3f} | "
                f"**{t[1].f1:.3f}** | {t[4].p:.3f} | {t[4].r:.3f} | **{t[4].f1:.3f}** | {sp} |"
            )
        lines.append("")
        lines.append("Targets: all-attribution F1 >= 0.75, direct F1 >= 0.92, speaker accuracy >= 0.90.")
        lines.append("")
        lines.append(
            "Method: a prediction matches a gold Content span (any of its fragments: PolNeAR splits a quote "
            "interrupted by its attribution) when they overlap by >= 50% of the shorter; one-to-one, pairs whose "
            "cue agrees (the predicted cue word is among the gold Cue's words) first, then best overlap. A second "
            "prediction on an already matched gold attribution (the other half of an interrupted quote) is not "
            "counted as a false positive, and a prediction nested inside another of the same cue (a partial quote "
            "inside its indirect clause) is not scored; a report nested in another cue's content is. Direct: gold Contents whose fragments are "
            "mostly (>= 50% of letters) inside double quotation marks (marks paired in order within a paragraph, "
            "curly or straight; a paragraph left open is quoted to its end), against predictions of kind `direct`. Whole "
            "quote: the same against gold Contents that are the quoted passage itself (>= 90% of letters "
            "inside marks), so a quoted phrase in the writer's clause ('called the move \"reckless\"') is "
            "not one. Speaker: on "
            "matched attributions with a gold Source, the predicted speaker mention overlaps it or the "
            "predicted speaker contains the Source's last capitalised word. Rules and cue lists were "
            "developed on the train split (error dumps with --dump); dev was only measured."
        )
        if acc["textacy"] is not None:
            lines.append(
                f"textacy raised on {acc['textacy_raised']} of {acc['articles']} articles (scored as no output)."
            )
        else:
            lines.append("textacy baseline skipped (not installed, or --no-baseline).")
    if speed is None:
        lines.append("- BBC corpus not found: speed skipped.")
    else:
        lines.append("")
        lines.append(
            f"Speed: {speed['articles']} BBC articles ({speed['words']:,} words), CPU seconds, median of "
            f"{speed['repeats']} repeats: raw spaCy parse {speed['parse_s']:.2f} s, quotes layer "
            f"(read_chunk + finish) {speed['quotes_s']:.3f} s, **+{100 * speed['ratio']:.1f}%** "
            f"(target <= +15%)."
        )
    return "\n".join(lines) + "\n"


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    parser.add_argument("--limit", type=int, default=None, help="first N PolNeAR articles")
    parser.add_argument("--bbc", type=int, default=150, help="BBC articles for the speed test")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--dump", type=Path, default=None, help="write our errors (one per line) to this file")
    parser.add_argument("--no-baseline", action="store_true", help="skip textacy (halves the run time)")
    args = parser.parse_args(list(argv) if argv is not None else None)
    acc = (
        run_accuracy(args.split, args.limit, args.dump, not args.no_baseline)
        if (POLNEAR / args.split / "text").is_dir()
        else None
    )
    speed = run_speed(args.bbc, args.repeats) if BBC.is_file() and args.bbc > 0 else None
    command = "uv run python bench/quotes.py" + (f" --split {args.split}" if args.split != "dev" else "")
    section = report(acc, speed, args.split, command)
    print(section)
    if not args.no_write and args.split == "dev" and args.limit is None:
        write_section(SECTION, section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
