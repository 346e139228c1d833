"""One article's rows, table by table: what the store inserts and what distributed runs write as Parquet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import duckdb

from wirelens.extraction.provenance import extraction_fingerprint

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from wirelens.extraction.articles import Article
    from wirelens.extraction.pipeline import Extraction


ROWS_PER_PIECE = 20_000  # rows of one table built and inserted at a time: a 10 MB article has ~150,000 mentions


def extraction_tables(ex: Extraction, model: str = "") -> dict[str, pa.Table | pd.DataFrame]:
    """One article's rows for every table it has rows in, named as the table's columns, each table whole:
    what the Parquet shards of distributed runs hold. The store inserts :func:`table_pieces` instead."""
    tables: dict[str, list[pa.Table | pd.DataFrame]] = {}
    for table, piece in table_pieces(ex, model, rows=None):
        tables.setdefault(table, []).append(piece)
    return {table: pieces[0] for table, pieces in tables.items()}


def table_pieces(
    ex: Extraction, model: str = "", rows: int | None = ROWS_PER_PIECE
) -> Iterator[tuple[str, pa.Table | pd.DataFrame]]:
    """One article's rows, table by table and at most ``rows`` rows at a time (None: each table whole).

    Arrow tables built straight from the records: a pandas frame per table and article cost more time and
    short-lived memory than the insert itself (pandas builds and copies each column, then DuckDB scans it
    back). Built one piece at a time, so a long article's rows are never all copied at once (the copies of
    a 1 MB article's rows were +100 MB). Column types are inferred from the values, and DuckDB casts them
    to the table's on insert. A piece whose values Arrow cannot type (mixed kinds in one column) falls back
    to a pandas frame. A section of a long article (``ex.section``) has no article row: the store writes
    it (:func:`article_frame`) once every section is in; its sentences are numbered on from the sections before.
    """
    art = ex.article
    if ex.section.index == 0 and ex.section.last:
        yield "articles", article_frame(art, model)
    sentences = [(i, s[0], s[1]) for i, s in enumerate(ex.sentences, start=ex.section.first_sentence)]
    record_tables = [("sentences", ("idx", "start", "end"), sentences)]
    record_tables += [
        (table, records[0]._fields, records)
        for table, records in [("entities", ex.entities), *ex.layers.items()]
        if records
    ]
    for table, fields, records in record_tables:
        step = rows or max(len(records), 1)
        for at in range(0, len(records), step):
            piece = records[at : at + step]
            columns = {name: list(values) for name, values in zip(fields, zip(*piece))}
            yield table, _frame({"article_id": [art.id] * len(piece), **columns})


def article_frame(art: Article, model: str = "") -> pa.Table | pd.DataFrame:
    """The article's own row: written last, so an article whose rows are not all stored is not in the corpus."""
    return _frame(
        {
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
        }
    )


def _frame(columns: dict[str, list[Any]]) -> pa.Table | pd.DataFrame:
    import pyarrow as pa

    try:
        return pa.table(columns)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        import pandas as pd  # mixed-type columns, which Arrow will not infer: rare

        return pd.DataFrame(columns)


def release_arrow_memory() -> None:
    """Give back what Arrow's allocator keeps of the rows already inserted (it holds freed memory for reuse)."""
    import pyarrow as pa

    pa.default_memory_pool().release_unused()


def insert_frame(cur: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame | pa.Table) -> None:
    """Bulk-insert rows: one columnar insert instead of a statement per row."""
    cur.register("_rows", frame)
    try:
        cur.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _rows")  # layer records name their columns
    finally:
        cur.unregister("_rows")
