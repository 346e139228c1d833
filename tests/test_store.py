"""The DuckDB store: whole-article writes, filters, export, and opening rules."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import textwrap

import duckdb
import pandas as pd
import pytest

from wirelens.extraction.articles import make_article
from wirelens.store.database import EXPORTED, TABLES, Filters, Store, StoreBusy

D1, D2, D3 = dt.date(2016, 10, 1), dt.date(2016, 10, 5), dt.date(2016, 10, 10)

# Three small articles on different days; lexicon matches give their actors.
TEXTS = {
    "a": ("Regime push", "Syrian regime forces attacked rebels near Aleppo. The rebels fell back.", D1),
    "b": ("US reaction", "The US condemned the attack. Rebels said they would hold the city.", D2),
    "c": ("Shelling", "Regime forces shelled the town overnight.", D3),
}
ACTORS = {
    "a": {"Syrian government forces", "Rebels"},
    "b": {"United States", "Rebels"},
    "c": {"Syrian government forces"},
}


def counts(store: Store) -> dict[str, int]:
    return {t: int(store.query(f"SELECT count(*) AS n FROM {t}")["n"][0]) for t in TABLES}


def rows(store: Store, table: str, article_id: str) -> list[tuple]:
    key = "id" if table == "articles" else "article_id"
    df = store.query(
        f"SELECT * EXCLUDE ({'ingested_at' if table == 'articles' else 'article_id'}) "
        f"FROM {table} WHERE {key} = ? ORDER BY ALL",
        [article_id],
    )
    return [tuple(r) for r in df.itertuples(index=False)]


@pytest.fixture(scope="module")
def extractions(blank_extractor):
    out = {}
    for key, (title, text, date) in TEXTS.items():
        out[key] = blank_extractor.extract_one(make_article(text, title=title, date=date))
    # Sanity: the blank pipeline gives exactly the lexicon actors these tests rely on.
    for key, ex in out.items():
        assert {e.actor for e in ex.actors} == ACTORS[key], key
    return out


@pytest.fixture(scope="module")
def filled(tmp_path_factory, extractions):
    """The three articles in one store, shared by the read-only tests of this module."""
    with Store(tmp_path_factory.mktemp("filled") / "filled.duckdb") as store:
        for ex in extractions.values():
            assert store.add(ex, model="blank") is True
        yield store


def ids(extractions, *keys: str) -> set[str]:
    return {extractions[k].article.id for k in keys}


# --- writing -------------------------------------------------------------------------


def test_add_writes_article_sentences_and_entities(store, extractions):
    ex = extractions["a"]
    assert store.add(ex, model="blank-model") is True

    art = store.article(ex.article.id)
    assert art == ex.article
    row = store.query("SELECT model, ingested_at FROM articles WHERE id = ?", [ex.article.id]).iloc[0]
    assert row["model"] == "blank-model" and row["ingested_at"] is not None

    sents = store.query('SELECT idx, start, "end" FROM sentences WHERE article_id = ? ORDER BY idx', [ex.article.id])
    assert [tuple(r) for r in sents.itertuples(index=False)] == [
        (i, s.start, s.end) for i, s in enumerate(ex.sentences)
    ]
    ents = store.entities(Filters(article_ids=(ex.article.id,)))
    assert [tuple(r) for r in ents.drop(columns="article_id").itertuples(index=False)] == [
        tuple(e) for e in ex.entities
    ]
    assert counts(store) == {
        "articles": 1,
        "sentences": len(ex.sentences),
        "entities": len(ex.entities),
        "places": 0,
        "quotes": 0,
        "events": 0,
        "interactions": 0,
    }
    assert store.has_article(ex.article.id)
    assert store.known_ids([ex.article.id, "nope"]) == {ex.article.id}


def test_readding_same_article_returns_false_and_changes_nothing(store, extractions):
    ex = extractions["a"]
    assert store.add(ex) is True
    before = counts(store)
    snapshot = {t: rows(store, t, ex.article.id) for t in TABLES}
    assert store.add(ex) is False
    assert counts(store) == before
    assert {t: rows(store, t, ex.article.id) for t in TABLES} == snapshot


def test_replace_rewrites_the_article(store, extractions, blank_extractor):
    ex = extractions["a"]
    assert store.add(ex, model="old") is True
    # Same id (same text), new metadata and a reduced entity list: everything is rewritten.
    changed = blank_extractor.extract_one(make_article(TEXTS["a"][1], title="New title", date=D3))
    changed = type(changed)(article=changed.article, sentences=changed.sentences[:1], entities=changed.entities[:1])
    assert changed.article.id == ex.article.id

    assert store.add(changed, model="new", replace=True) is True
    assert store.article_count() == 1
    art = store.article(ex.article.id)
    assert (art.title, art.date) == ("New title", D3)
    assert store.query("SELECT model FROM articles")["model"].tolist() == ["new"]
    assert counts(store)["sentences"] == 1
    assert counts(store)["entities"] == 1


def _failing_insert(cur, ex, model):
    art = ex.article
    cur.execute(
        "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, now(), NULL)",
        [art.id, art.title, art.date, art.source, art.url, art.text, art.path, model],
    )
    cur.execute("INSERT INTO entities VALUES (?, 0, 1, 'x', 'ACTOR', 'X', 'x', 0, 1)", [art.id])
    raise RuntimeError("disk on fire")


def test_failed_insert_leaves_nothing_and_store_stays_usable(store, extractions, monkeypatch):
    first, second = extractions["a"], extractions["b"]
    assert store.add(first)
    before = counts(store)
    first_rows = {t: rows(store, t, first.article.id) for t in TABLES}

    monkeypatch.setattr(Store, "_insert", staticmethod(_failing_insert))
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.add(second)
    assert not store.has_article(second.article.id)
    for table in TABLES:
        key = "id" if table == "articles" else "article_id"
        assert store.query(f"SELECT count(*) AS n FROM {table} WHERE {key} = ?", [second.article.id])["n"][0] == 0, (
            table
        )
    assert counts(store) == before
    assert {t: rows(store, t, first.article.id) for t in TABLES} == first_rows

    monkeypatch.undo()
    assert store.add(second) is True
    assert store.article_count() == 2
    store.set_date(second.article.id, D1)  # writes still work
    assert store.article(second.article.id).date == D1


def test_failed_replace_keeps_the_old_version(store, extractions, monkeypatch):
    ex = extractions["a"]
    assert store.add(ex)
    snapshot = {t: rows(store, t, ex.article.id) for t in TABLES}
    monkeypatch.setattr(Store, "_insert", staticmethod(_failing_insert))
    with pytest.raises(RuntimeError):
        store.add(ex, replace=True)
    assert {t: rows(store, t, ex.article.id) for t in TABLES} == snapshot


@pytest.mark.parametrize("new_date", [dt.date(2020, 2, 29), None])
def test_set_date(store, extractions, new_date):
    ex = extractions["a"]
    store.add(ex)
    store.set_date(ex.article.id, new_date)
    assert store.article(ex.article.id).date == new_date
    assert store.article(ex.article.id).text == ex.article.text


# --- filters -------------------------------------------------------------------------

FILTER_CASES = [
    (lambda x: Filters(), "abc"),
    (lambda x: Filters(article_ids=(x["a"].article.id, x["c"].article.id)), "ac"),
    (lambda x: Filters(article_ids=("no-such-id",)), ""),
    (lambda x: Filters(date_from=D2), "bc"),
    (lambda x: Filters(date_to=D2), "ab"),
    (lambda x: Filters(date_from=D2, date_to=D2), "b"),
    (lambda x: Filters(date_from=dt.date(2016, 10, 2), date_to=dt.date(2016, 10, 9)), "b"),
    (lambda x: Filters(actors=("United States",)), "b"),
    (lambda x: Filters(actors=("Syrian government forces",)), "ac"),
    (lambda x: Filters(actors=("Rebels", "United States")), "ab"),
    (lambda x: Filters(actors=("Nobody",)), ""),
    (lambda x: Filters(actors=("Rebels",), date_from=D2), "b"),
    (lambda x: Filters(article_ids=(x["a"].article.id,), actors=("United States",)), ""),
]
FILTER_IDS = [
    "none",
    "ids",
    "unknown-id",
    "from",
    "to",
    "one-day",
    "between",
    "actor-us",
    "actor-regime",
    "two-actors",
    "unknown-actor",
    "actor+date",
    "ids+actor",
]


@pytest.mark.parametrize(("make_filters", "expected"), FILTER_CASES, ids=FILTER_IDS)
def test_filters_on_articles_entities_and_top_actors(filled, extractions, make_filters, expected):
    filters = make_filters(extractions)
    want = ids(extractions, *expected)

    arts = filled.articles(filters)
    assert set(arts["id"]) == want
    assert list(arts["date"]) == sorted(arts["date"], reverse=True)  # newest first
    for _, row in arts.iterrows():
        ex = next(e for e in extractions.values() if e.article.id == row["id"])
        assert row["actor_mentions"] == len(ex.actors)
        assert row["chars"] == len(ex.article.text)

    ents = filled.entities(filters)
    assert set(ents["article_id"]) == want
    assert len(ents) == sum(len(e.entities) for e in extractions.values() if e.article.id in want)

    top = filled.top_actors(filters)
    expected_mentions: dict[str, int] = {}
    for ex in extractions.values():
        if ex.article.id in want:
            for e in ex.actors:
                expected_mentions[e.actor] = expected_mentions.get(e.actor, 0) + 1
    assert dict(zip(top["actor"], top["mentions"])) == expected_mentions
    assert list(top["mentions"]) == sorted(top["mentions"], reverse=True)


@pytest.mark.parametrize(("make_filters", "expected"), FILTER_CASES, ids=FILTER_IDS)
def test_corpus_summary_agrees_with_the_frames(filled, extractions, make_filters, expected):
    filters = make_filters(extractions)
    arts = filled.articles(filters)
    dates = [d.date() for d in arts["date"].dropna()]
    assert filled.corpus_summary(filters) == (
        len(arts),
        len(filled.top_actors(filters, limit=1000)),
        int(arts["actor_mentions"].sum()),
        min(dates, default=None),
        max(dates, default=None),
        len(dates),
    )


def test_corpus_summary_counts_undated_articles_apart(store, extractions, blank_extractor):
    store.add(extractions["a"])
    store.add(blank_extractor.extract_one(make_article("Rebels held the town.", title="Undated")))
    summary = store.corpus_summary()
    assert (summary.articles, summary.dated, summary.first, summary.last) == (2, 1, D1, D1)


def test_article_titles_list_what_articles_lists(filled):
    assert filled.article_titles() == list(zip(filled.articles()["id"], filled.articles()["title"]))


def test_article_texts_of_the_ids_asked_or_all(filled):
    everything = filled.article_texts()
    assert set(everything) == set(filled.articles()["id"]) and all(everything.values())
    first = next(iter(everything))
    assert filled.article_texts([first, "no-such-article"]) == {first: everything[first]}
    assert filled.article_texts([]) == {}


def test_top_actors_counts_articles_and_limit(filled):
    top = filled.top_actors()
    by_actor = {r.actor: (r.mentions, r.articles, r.type) for r in top.itertuples()}
    # "rebels" twice in a, "Rebels" once in b
    assert by_actor["Rebels"] == (3, 2, "armed group")
    assert by_actor["United States"] == (1, 1, "state")
    assert len(filled.top_actors(limit=1)) == 1
    assert filled.top_actors(limit=1)["actor"][0] == "Rebels"
    assert filled.actor_names()[0] == "Rebels"
    assert filled.date_range() == (D1, D3)


def test_empty_article_selection_matches_nothing(filled):
    assert filled.articles(Filters(article_ids=())).empty


# --- export --------------------------------------------------------------------------


def _read_back(path, fmt: str) -> pd.DataFrame:
    reader = {"csv": "read_csv", "jsonl": "read_json", "parquet": "read_parquet"}[fmt]
    with duckdb.connect() as con:
        return con.execute(f"SELECT * FROM {reader}(?)", [str(path)]).df()


def _native(value: object) -> object:
    if hasattr(value, "item"):  # numpy scalar
        value = value.item()
    return None if value is None or value != value else value


def _normalise(df: pd.DataFrame) -> list[tuple]:
    return sorted(tuple(_native(v) for v in r) for r in df.itertuples(index=False))


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_export_writes_one_file_per_table_and_entities_round_trip(filled, tmp_path, fmt):
    out = tmp_path / "out" / "nested"
    written = filled.export(out, fmt)
    assert written == [out / f"{t}.{fmt}" for t in EXPORTED]
    assert all(p.is_file() for p in written)
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.{fmt}" for t in EXPORTED)

    original = filled.query("SELECT * FROM entities")
    back = _read_back(out / f"entities.{fmt}", fmt)
    assert list(back.columns) == list(original.columns)
    assert len(back) == len(original) > 0
    assert _normalise(back) == _normalise(original)

    arts = _read_back(out / f"articles.{fmt}", fmt)
    assert set(arts["id"]) == set(filled.articles()["id"])


def test_export_unknown_format_raises(filled, tmp_path):
    with pytest.raises(ValueError, match="xlsx"):
        filled.export(tmp_path / "out", "xlsx")
    assert not (tmp_path / "out").exists()


# --- opening ---------------------------------------------------------------------------


def test_read_only_store_can_read_but_not_write(tmp_path, extractions):
    path = tmp_path / "ro.duckdb"
    with Store(path) as s:
        s.add(extractions["a"])
    with Store(path, read_only=True) as ro:
        assert ro.article_count() == 1
        assert ro.article(extractions["a"].article.id) == extractions["a"].article
        assert len(ro.entities()) == len(extractions["a"].entities)
        with pytest.raises(duckdb.Error):
            ro.add(extractions["b"])
    # two readers at once are fine too
    with Store(path, read_only=True) as r1, Store(path, read_only=True) as r2:
        assert r1.article_count() == r2.article_count() == 1


def test_store_busy_when_another_process_holds_it(tmp_path):
    path = tmp_path / "busy.duckdb"
    holder = textwrap.dedent("""
        import sys, time, duckdb
        con = duckdb.connect(sys.argv[1])
        print("ready", flush=True)
        time.sleep(60)
    """)
    proc = subprocess.Popen([sys.executable, "-c", holder, str(path)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "ready"
        with pytest.raises(StoreBusy) as info:
            Store(path)
        assert str(path) in str(info.value)
        with pytest.raises(StoreBusy):
            Store(path, read_only=True)
    finally:
        proc.kill()
        proc.wait(timeout=30)
    with Store(path) as s:  # free again once the other process is gone
        assert s.article_count() == 0


def test_missing_file_read_only_is_not_reported_as_busy(tmp_path):
    path = tmp_path / "missing.duckdb"
    with pytest.raises(Exception) as info:
        Store(path, read_only=True)
    assert not isinstance(info.value, StoreBusy)
    assert "in use" not in str(info.value)
