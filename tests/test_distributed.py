"""The Dask path: a LocalCluster extracts into Parquet shards; the store imports them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from store_rows import table_rows
from wirelens.extraction.articles import Article, make_article
from wirelens.run.distributed import extract_batch_to_shard, extract_with_dask, local_cluster, shard_name
from wirelens.run.readers import read_paths
from wirelens.store.database import TABLES, Store

# Each test starts a Dask cluster of worker processes: `uv run pytest -m slow`.
pytestmark = pytest.mark.slow

distributed = pytest.importorskip("distributed")

REPO = Path(__file__).resolve().parents[1]


def _articles() -> list[Article]:
    seed = [a for a in read_paths([REPO / "seeds"]) if isinstance(a, Article)]
    extra = [
        make_article(
            f"Dispatch {i}\nRebels shelled Aleppo on Monday, killing {i} people, "
            f"the Syrian Observatory for Human Rights said."
        )
        for i in range(5)
    ]
    return seed + extra


@pytest.fixture(scope="module")
def client():
    with local_cluster(2) as cluster, distributed.Client(cluster) as client:
        yield client


def test_local_workers_run_without_the_settings_that_slow_parsing(client):
    def settings():
        import dask

        return os.environ.get("MALLOC_TRIM_THRESHOLD_"), dask.config.get("distributed.worker.profile.enabled")

    assert set(client.run(settings).values()) == {(None, False)}
    assert "MALLOC_TRIM_THRESHOLD_" not in os.environ  # nor leaked into this process


def test_shards_match_the_single_process_store(tmp_path, extractor, client):
    articles = _articles()
    shards = list(extract_with_dask(articles, extractor.settings, tmp_path / "shards", client=client, batch_size=2))
    assert sum(s.articles for s in shards) == len(articles) and not any(s.skipped for s in shards)
    with Store(tmp_path / "dask.duckdb") as dask_store, Store(tmp_path / "local.duckdb") as local_store:
        assert dask_store.import_parquet(tmp_path / "shards") == len(articles)
        assert dask_store.import_parquet(tmp_path / "shards") == 0  # importing again adds nothing
        for extraction in extractor.extract(articles):
            local_store.add(extraction, model=extractor.model_name)  # as the shards record it
        for table in TABLES:  # the same rows, value for value
            assert table_rows(dask_store, table) == table_rows(local_store, table), table


def test_input_is_read_as_the_cluster_goes(tmp_path, extractor, client):
    articles = _articles()
    read = 0

    def reading():
        nonlocal read
        for article in articles:
            read += 1
            yield article

    shards = extract_with_dask(
        reading(), extractor.settings, tmp_path / "shards", client=client, batch_size=1, in_flight=1
    )
    next(shards)
    assert read == 2 < len(articles)  # one batch per worker thread submitted, no more
    assert sum(1 for _ in shards) == len(articles) - 1


def test_a_rerun_skips_shards_already_written(tmp_path, extractor):
    batch = _articles()[:2]
    first = extract_batch_to_shard(batch, extractor.settings, str(tmp_path))
    again = extract_batch_to_shard(batch, extractor.settings, str(tmp_path))
    assert (first.skipped, again.skipped) == (False, True)
    assert first.name == shard_name(batch) == again.name
    assert (tmp_path / "articles" / first.name).exists()
    assert not list(tmp_path.rglob(".*.tmp"))  # no half-written shard left behind


def test_cli_refresh_on_dask_replaces_outdated_articles_from_current_shards(tmp_path, client, capsys):
    from wirelens.cli import main
    from wirelens.extraction.provenance import extraction_fingerprint

    db, shards = tmp_path / "corpus.duckdb", tmp_path / "shards"
    args = [
        "ingest",
        "--engine",
        "dask",
        "--scheduler",
        client.scheduler.address,
        "--shards",
        str(shards),
        "--db",
        str(db),
        str(REPO / "seeds"),
    ]
    assert main(args) == 0
    assert "1 added, 0 already stored" in capsys.readouterr().err
    assert list((shards / extraction_fingerprint() / "articles").glob("*.parquet"))
    with Store(db) as store, store._cursor() as cur:
        before = table_rows(store, "places")
        cur.execute("UPDATE articles SET extractor = 'older'")
        cur.execute("DELETE FROM places")

    assert main([*args[:-1], "--refresh", args[-1]]) == 0
    assert "0 added, 1 refreshed, 0 already stored" in capsys.readouterr().err
    with Store(db, read_only=True) as store:
        assert store.outdated_ids() == set() and store.article_count() == 1
        assert table_rows(store, "places") == before
