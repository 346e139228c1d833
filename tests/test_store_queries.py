"""Store queries that narrow in DuckDB, so pages get only the rows they draw."""

from __future__ import annotations

import pytest

from wirelens.store.database import Filters, Store


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, extractor, seed_article):
    with Store(tmp_path_factory.mktemp("queries") / "corpus.duckdb") as store:
        store.add(extractor.extract_one(seed_article))
        yield store


@pytest.mark.parametrize(
    "options, check",
    [
        (
            {"search": "KERRY"},
            lambda q: (
                q["text"].str.lower().str.contains("kerry") | q["speaker"].fillna("").str.lower().str.contains("kerry")
            ).all(),
        ),
        ({"kinds": ["direct"]}, lambda q: set(q["kind"]) == {"direct"}),
        ({"speaker": "Sergei Lavrov"}, lambda q: set(q["speaker"]) == {"Sergei Lavrov"}),
        ({"search": "no such words anywhere"}, lambda q: q.empty),
    ],
)
def test_quote_options_narrow_in_the_database(seeded, options, check):
    quotes = seeded.quotes(Filters(), **options)
    assert check(quotes)
    assert len(quotes) < len(seeded.quotes())
    if "speaker" not in options:
        assert seeded.quote_count(Filters(), **options) == len(quotes)


def test_latest_keeps_the_most_recent_quotes_in_date_order(seeded):
    every = seeded.quotes()
    latest = seeded.quotes(latest=3)
    assert len(latest) == 3
    assert latest["date"].is_monotonic_increasing
    assert latest["date"].min() >= every["date"].sort_values(ascending=False).iloc[2]
    assert seeded.quote_count() == len(every)


def test_skip_pages_through_the_quotes_newest_first_each_once(seeded):
    total = seeded.quote_count()
    pages = [seeded.quotes(latest=4, skip=skip) for skip in range(0, total, 4)]
    seen = [(a, s) for page in pages for a, s in zip(page["article_id"], page["start"])]
    assert len(seen) == total == len(set(seen))  # every quote on exactly one page
    newest = [page["date"].max() for page in pages if page["date"].notna().any()]
    assert newest == sorted(newest, reverse=True)  # later pages hold older quotes
    assert seeded.quotes(latest=4, skip=total).empty


def test_interaction_edges_count_what_the_evidence_lists(seeded):
    edges = seeded.interaction_edges()
    assert "sentence" not in edges.columns
    every = seeded.interactions()
    assert edges["weight"].sum() == len(every)
    top = edges.iloc[0]
    evidence = seeded.interactions(
        source=top["source"], target=top["target"], interaction_class=top["interaction_class"]
    )
    assert len(evidence) == top["weight"] and evidence["sentence"].str.len().gt(0).all()


def test_interactions_of_one_actor_are_those_it_is_either_end_of(seeded):
    kerry = seeded.interactions(actor="John Kerry")
    assert not kerry.empty
    assert ((kerry["source"] == "John Kerry") | (kerry["target"] == "John Kerry")).all()
    assert len(seeded.interactions(actor="John Kerry", limit=1)) == 1


def test_the_dashboards_cached_reads_see_a_write_at_once(tmp_path, extractor, seed_article):
    """Pages read through a cache keyed by the store file's version: a correction shows on the next read."""
    from wirelens.dashboard.cached_reads import cached_reads, store_version

    path = tmp_path / "cached.duckdb"
    with Store(path) as writer:
        writer.add(extractor.extract_one(seed_article))
    store = Store(path, hold=False)  # as the dashboard opens it
    reads = cached_reads(store)
    calls = []
    real = store.actor_names
    store.actor_names = lambda: calls.append(1) or real()  # type: ignore[method-assign]
    names = reads.actor_names()
    assert reads.actor_names() == names and len(calls) == 1  # the second read came from the cache
    before = store_version(path)
    store.rename_actor(names[0], "Someone Else Entirely")
    assert store_version(path) != before
    renamed = reads.actor_names()
    assert len(calls) == 2 and "Someone Else Entirely" in renamed and names[0] not in renamed
    store.close()
