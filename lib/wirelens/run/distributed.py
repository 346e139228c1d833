"""Extraction on a Dask cluster: the same per-article extraction, written to Parquet shards.

    wirelens ingest --engine dask --scheduler tcp://HOST:8786 PATH...

The client reads the inputs and sends batches of articles to the workers; each worker loads
the model once, extracts, and writes one Parquet shard per table under the output folder
(named by the batch's content, so a rerun skips shards already written). The store then
imports the shards through DuckDB, one transaction per shard.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

from wirelens.config import Settings
from wirelens.extraction.articles import Article
from wirelens.run.parallel import batches, extract_bounded

_worker_extractors: dict[Settings, Any] = {}  # one loaded model per worker process and settings


class Shard(NamedTuple):
    name: str
    articles: int
    skipped: bool  # already written by an earlier run


def shard_name(batch: list[Article]) -> str:
    digest = hashlib.sha256("\n".join(a.id for a in batch).encode()).hexdigest()[:16]
    return f"part-{digest}.parquet"


def extract_batch_to_shard(batch: list[Article], settings: Settings, out_dir: str) -> Shard:
    """Runs on a worker: extract ``batch`` and write its rows, table by table, as Parquet."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from wirelens.extraction.pipeline import Extractor
    from wirelens.store.database import TABLES, extraction_tables

    name = shard_name(batch)
    out = Path(out_dir)
    if (out / "articles" / name).exists():
        return Shard(name, len(batch), True)
    extractor = _worker_extractors.get(settings)
    if extractor is None:  # one model per worker, parsing in the worker's own process
        extractor = _worker_extractors[settings] = Extractor.from_settings(replace(settings, n_process=1))
    tables: dict[str, list[pa.Table]] = {t: [] for t in TABLES}
    # A worker runs for the whole corpus: each parsing batch's strings are freed after it.
    for extraction in extract_bounded(batch, extractor, zones=True):
        # The rows the store would insert, so a shard holds exactly what Store.add stores.
        for table, rows in extraction_tables(extraction, extractor.model_name).items():
            tables[table].append(
                rows if isinstance(rows, pa.Table) else pa.Table.from_pandas(rows, preserve_index=False)
            )
    # The articles shard is written last: its presence marks the whole shard as complete.
    for table in (*TABLES[1:], TABLES[0]):
        parts = tables[table]
        if parts:
            folder = out / table
            folder.mkdir(parents=True, exist_ok=True)
            tmp = folder / f".{name}.tmp"
            # Types are inferred per article ("null" where an article has no value): unify them.
            pq.write_table(pa.concat_tables(parts, promote_options="permissive"), tmp)
            tmp.replace(folder / name)
    return Shard(name, len(batch), False)


# Dask's workers sample their own stacks every few milliseconds for the dashboard's profile;
# on a parse-bound task that costs about a tenth of the throughput. And Dask's nannies start
# workers with MALLOC_TRIM_THRESHOLD_=65536, which also turns off glibc's adaptive mmap
# threshold: every large array the parser allocates is then mapped and unmapped afresh, and a
# worker spent 12-15% more CPU on the same batch than a plain process (measured in the worker).
WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}


def local_cluster(n_workers: int) -> Any:
    """A LocalCluster for extraction: one-thread worker processes, without the stack profiler."""
    import dask
    from distributed import LocalCluster

    with dask.config.set(WORKER_CONFIG):  # workers take the config current when they start
        return LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None)


def extract_with_dask(
    articles: Iterable[Article],
    settings: Settings,
    out_dir: Path,
    *,
    scheduler: str | None = None,
    client: Any = None,
    batch_size: int = 64,
    in_flight: int = 2,
) -> Iterator[Shard]:
    """Extract ``articles`` on a Dask cluster into Parquet shards under ``out_dir``; yields shards as they finish.

    Give ``scheduler`` (an address such as tcp://host:8786) or a ready ``client``. Only
    ``in_flight`` batches per worker thread are submitted at a time, so a corpus of millions of
    articles is read as the cluster goes, never held by the client or the scheduler whole.
    """
    from distributed import Client, as_completed

    own_client = client is None
    client = client or Client(scheduler)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        pending = batches(articles, batch_size)
        running = as_completed()

        def top_up() -> None:
            # Recounted each time: workers may join or leave a real cluster during the run.
            limit = in_flight * max(1, sum(client.nthreads().values()))
            while running.count() < limit and (batch := next(pending, None)) is not None:
                running.add(client.submit(extract_batch_to_shard, batch, settings, str(out_dir), pure=False))

        top_up()
        for future in running:
            yield future.result()
            future.release()
            top_up()
    finally:
        if own_client:
            client.close()
