"""Ingestion: good files go in whole, bad files are refused by name, nothing is stored twice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wirelens.extraction.articles import Article, InputProblem, make_article
from wirelens.run.ingest import IngestReport, ensure_seeds, ingest_articles, ingest_paths
from wirelens.store.database import TABLES, Filters, Store

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

# ~1000 characters, one "rebels" each, no full stop inside: every paragraph is one actor mention.
PARAGRAPH = (
    "Overnight the rebels held their positions along the river road "
    + " ".join(["while shelling continued across the eastern districts"] * 16)
    + " and residents waited for the convoy\n\n"
)
LONG_CHARS = 3_000_000

GOOD = {
    "good1.txt": "Regime push\nSyrian regime forces attacked rebels near Aleppo.\n",
    "good2.jsonl": json.dumps(
        {"title": "US reacts", "date": "2016-10-02", "text": "The US condemned the attack on the city."}
    )
    + "\n",
    "good3.csv": 'title,date,text\nShelling,2016-10-03,"Regime forces shelled the town overnight."\n',
}
BAD = {
    "empty.txt": b"",
    "binary.txt": b"\x00\x01\x02GIF89a\x00\x00" * 50,
    "latin1.txt": "Caf\u00e9 report\nThe rebels met at the caf\u00e9.\n".encode("latin-1"),
    "report.docx": b"Some rebels text in an unsupported format",
    "notext.csv": b"title,body2\nA,B\n",
}


def long_text_raw() -> str:
    return "A very long report\n" + PARAGRAPH * (LONG_CHARS // len(PARAGRAPH) + 1)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
    for name, data in BAD.items():
        (folder / name).write_bytes(data)
    (folder / "long.txt").write_text(long_text_raw(), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def ingested(corpus, tmp_path_factory, blank_extractor):
    """The corpus folder ingested once into a module-wide store (the long article takes a few seconds)."""
    calls: list[tuple[int, str]] = []
    with Store(tmp_path_factory.mktemp("db") / "corpus.duckdb") as store:
        report = ingest_paths([corpus], store, blank_extractor, progress=lambda n, t: calls.append((n, t)))
        yield store, report, calls


def _problem_names(problems: list[InputProblem]) -> list[str]:
    return sorted(Path(p.path.split(":")[0]).name for p in problems)


def test_good_and_long_files_are_stored(ingested):
    store, report, calls = ingested
    stored = store.query("SELECT path, title, date FROM articles")
    names = {Path(p.split(":")[0]).name for p in stored["path"]}
    assert names == {*GOOD, "long.txt"}
    assert len(report.added) == 4 == store.article_count()
    assert set(report.added) == set(stored_ids(store))
    assert report.already_stored == []
    assert set(stored["title"]) == {"Regime push", "US reacts", "Shelling", "A very long report"}
    assert [n for n, _ in calls] == [1, 2, 3, 4]  # progress once per added article
    assert report.summary() == "4 added, 0 already stored, 5 refused"


def stored_ids(store: Store) -> list[str]:
    return store.articles()["id"].tolist()


def test_each_bad_file_is_refused_by_name(ingested, corpus):
    _, report, _ = ingested
    assert _problem_names(report.refused) == sorted(BAD)
    assert report.refused == report.problems  # no warnings in this corpus
    for problem in report.refused:
        assert problem.path.startswith(str(corpus))
        assert problem.problem and Path(problem.path).name in str(problem)
    reasons = {Path(p.path).name: p.problem for p in report.refused}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "utf-8" in reasons["latin1.txt"]
    assert ".docx" in reasons["report.docx"]
    assert "text column" in reasons["notext.csv"]


def test_long_article_offsets_index_into_the_stored_text(ingested):
    store, _, _ = ingested
    (long_id,) = [r.id for r in store.articles().itertuples() if r.title == "A very long report"]
    text = store.article(long_id).text
    assert len(text) > 2_990_000
    ents = store.entities(Filters(article_ids=(long_id,)))
    # One mention per paragraph: chunking neither lost nor duplicated any.
    assert len(ents) == text.count("rebels") == text.count(PARAGRAPH.strip())
    assert all(text[s:e] == t for s, e, t in zip(ents["start"], ents["end"], ents["text"]))
    assert set(ents["actor"]) == {"Rebels"}
    assert ents["start"].max() > 2_900_000
    assert ents["start"].is_monotonic_increasing and ents["start"].is_unique
    assert all(
        ss <= s and e <= se for s, e, ss, se in zip(ents["start"], ents["end"], ents["sent_start"], ents["sent_end"])
    )

    sents = store.query('SELECT start, "end" FROM sentences WHERE article_id = ? ORDER BY idx', [long_id])
    starts, ends = sents["start"].tolist(), sents["end"].tolist()
    assert starts[0] >= 0 and ends[-1] <= len(text) and ends[-1] > 2_990_000
    assert all(s < e for s, e in zip(starts, ends))
    assert all(e <= s for e, s in zip(ends, starts[1:]))  # ordered, never overlapping


def test_reingesting_the_folder_adds_nothing_and_loses_nothing(ingested, corpus, blank_extractor):
    store, first, _ = ingested
    before = {t: store.query(f"SELECT count(*) AS n FROM {t}")["n"][0] for t in TABLES}
    again = ingest_paths([corpus], store, blank_extractor)
    assert again.added == []
    assert sorted(again.already_stored) == sorted(first.added)
    assert _problem_names(again.refused) == sorted(BAD)
    assert {t: store.query(f"SELECT count(*) AS n FROM {t}")["n"][0] for t in TABLES} == before


def test_same_text_twice_in_one_batch_is_stored_once(store, blank_extractor, tmp_path):
    for name in ("one.txt", "two.txt"):
        (tmp_path / name).write_text("Same story\nThe rebels advanced.\n", encoding="utf-8")
    report = ingest_paths([tmp_path / "one.txt", tmp_path / "two.txt"], store, blank_extractor)
    assert len(report.added) == 1 and report.already_stored == report.added
    assert store.article_count() == 1


def test_an_article_over_the_size_limit_is_refused_by_name_and_the_rest_go_in(store, blank_extractor, tmp_path):
    from dataclasses import replace

    from wirelens.extraction.pipeline import Extractor

    limited = Extractor(
        blank_extractor.nlp, blank_extractor.lexicon, replace(blank_extractor.settings, max_article_chars=500)
    )
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "short.txt").write_text("Short\nThe rebels advanced.\n", encoding="utf-8")
    (folder / "huge.txt").write_text("Huge\n" + PARAGRAPH, encoding="utf-8")
    report = ingest_paths([folder], store, limited)
    assert len(report.added) == 1 and store.article_count() == 1
    (problem,) = report.refused
    assert Path(problem.path).name == "huge.txt"
    assert "over the limit of 500 per article" in problem.problem and "max_article_chars" in problem.problem


def test_default_date_only_fills_missing_dates(store, blank_extractor, tmp_path):
    import datetime as dt

    (tmp_path / "undated.txt").write_text("Undated\nThe rebels advanced.\n", encoding="utf-8")
    (tmp_path / "dated.jsonl").write_text(
        json.dumps({"title": "Dated", "date": "2016-10-04", "text": "The US spoke."}) + "\n", encoding="utf-8"
    )
    ingest_paths([tmp_path], store, blank_extractor, default_date=dt.date(2020, 1, 2))
    dates = {a.title: a.date for a in map(store.article, store.articles()["id"])}
    assert dates == {"Undated": dt.date(2020, 1, 2), "Dated": dt.date(2016, 10, 4)}


def test_a_store_failure_costs_only_that_article(store, blank_extractor, monkeypatch):
    good = make_article("The rebels advanced.", title="Good")
    bad = make_article("The US objected.", title="Bad", path="bad.txt")
    original = Store._insert

    def insert(cur, ex, model):
        if ex.article.id == bad.id:
            raise RuntimeError("boom")
        original(cur, ex, model)

    monkeypatch.setattr(Store, "_insert", staticmethod(insert))
    problem = InputProblem("broken.txt", "unreadable")
    report = ingest_articles([bad, problem, good], store, blank_extractor)
    assert report.added == [good.id]
    assert [p.path for p in report.refused] == ["broken.txt", "bad.txt"]
    assert "boom" in report.refused[1].problem
    assert store.known_ids([good.id, bad.id]) == {good.id}


def test_ensure_seeds_adds_the_seed_once(store, blank_extractor, seed_article):
    first = ensure_seeds(store, blank_extractor, SEEDS)
    assert first.added == [seed_article.id] and first.problems == []
    assert store.article(seed_article.id) == seed_article
    before = store.query("SELECT count(*) AS n FROM entities")["n"][0]
    assert before > 0

    second = ensure_seeds(store, blank_extractor, SEEDS)
    assert second.added == [] and second.already_stored == [seed_article.id]
    assert store.article_count() == 1
    assert store.query("SELECT count(*) AS n FROM entities")["n"][0] == before


def test_ensure_seeds_loads_the_model_only_when_the_seeds_are_missing(store, blank_extractor, seed_article):
    loads = []

    def load():
        loads.append(1)
        return blank_extractor

    assert ensure_seeds(store, load, SEEDS).added == [seed_article.id] and loads == [1]
    assert ensure_seeds(store, load, SEEDS).already_stored == [seed_article.id]
    assert loads == [1]  # a built store opens without the model


def test_ensure_seeds_without_a_seeds_folder_is_a_no_op(store, blank_extractor, tmp_path):
    report = ensure_seeds(store, blank_extractor, tmp_path / "no-seeds")
    assert report == IngestReport()
    assert store.article_count() == 0


def test_ingest_articles_accepts_articles_directly(store, blank_extractor):
    arts = [make_article("The rebels advanced.", title="A"), make_article("The US objected.", title="B")]
    assert all(isinstance(a, Article) for a in arts)
    report = ingest_articles(arts, store, blank_extractor)
    assert report.added == [a.id for a in arts]
    assert store.query("SELECT DISTINCT model FROM articles")["model"].tolist() == [blank_extractor.model_name]
