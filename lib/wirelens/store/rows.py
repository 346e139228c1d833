"""One article's rows, table by table: what the store inserts and what distributed runs write as Parquet."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import duckdb

from wirelens.extraction.provenance import extraction_fingerprint

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from wirelens.extraction.pipeline import Extraction


def extraction_tables(ex: Extraction, model: str = "") -> dict[str, pa.Table | pd.DataFrame]:
    """One article's rows for every table it has rows in, named as the table's columns.

    What the store inserts and what the Parquet shards of distributed runs hold. Arrow tables
    built straight from the records: a pandas frame per table and article cost more time and
    short-lived memory than the insert itself (pandas builds and copies each column, then
    DuckDB scans it back). Column types are inferred from the values, and DuckDB casts them
    to the table's on insert, as it does for the frames. A table whose values Arrow cannot
    type (e.g. mixed kinds in one column) falls back to its pandas frame.
    """
    art = ex.article
    columns: dict[str, dict[str, list[Any]]] = {
        "articles": {
            "id": [art.id],
            "title": [art.title],
            "date": [art.date],
            "source": [art.source],
            "url": [art.url],
            "text": [art.text],
            "path": [art.path],
            "model": [model],
            "ingested_at": [dt.datetime.now()],
            "extractor": [extraction_fingerprint()],
        },
    }
    if ex.sentences:
        columns["sentences"] = {
            "idx": list(range(len(ex.sentences))),
            "start": [s[0] for s in ex.sentences],
            "end": [s[1] for s in ex.sentences],
        }
    for table, records in [("entities", ex.entities), *ex.layers.items()]:  # a layer's name is its table
        if records:
            columns[table] = {name: list(values) for name, values in zip(records[0]._fields, zip(*records))}

    import pyarrow as pa

    tables: dict[str, pa.Table | pd.DataFrame] = {}
    for table, cols in columns.items():
        if table != "articles":
            cols = {"article_id": [art.id] * len(next(iter(cols.values()))), **cols}
        try:
            tables[table] = pa.table(cols)
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
            import pandas as pd  # mixed-type columns, which Arrow will not infer: rare

            tables[table] = pd.DataFrame(cols)
    return tables


def insert_frame(cur: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame | pa.Table) -> None:
    """Bulk-insert rows: one columnar insert instead of a statement per row."""
    cur.register("_rows", frame)
    try:
        cur.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _rows")  # layer records name their columns
    finally:
        cur.unregister("_rows")
