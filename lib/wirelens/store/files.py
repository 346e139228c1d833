"""The store's files: every table out (csv, jsonl, parquet), Parquet shards in, and formula-safe cells.

:func:`defuse` is the one rule for spreadsheet-safe text: the corpus export applies it inside
DuckDB (as a function of the export's cursor) and :func:`wirelens.exports.formats.csv_bytes`
to the frames pages download, so a cell reads the same in every CSV wirelens writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from wirelens.store.corrections import CORRECTED
from wirelens.store.schema import EXPORTED, TABLES

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
EXPORT_OPTIONS = {"csv": "(FORMAT csv, HEADER)", "jsonl": "(FORMAT json)", "parquet": "(FORMAT parquet)"}


def defuse(value: Any) -> Any:
    """Text a spreadsheet would run as a formula ("=cmd|...") gets a leading apostrophe; the rest is kept."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def export_tables(cur: duckdb.DuckDBPyConnection, out_dir: str | Path, fmt: str) -> list[Path]:
    """Write every exported table, as read through its corrected view, to ``out_dir``; returns the files."""
    if fmt not in EXPORT_OPTIONS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_OPTIONS)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        _register_defuse(cur)
    written = []
    for table in EXPORTED:
        source = CORRECTED.get(table, table)
        target = out / f"{table}.{fmt}"
        columns = _defused_columns(cur, source) if fmt == "csv" else "*"
        cur.execute(f"COPY (SELECT {columns} FROM {source}) TO '{sql_path(target)}' {EXPORT_OPTIONS[fmt]}")
        written.append(target)
    return written


def import_parquet(cur: duckdb.DuckDBPyConnection, shard: Path, folder: Path, replace: set[str]) -> int:
    """Add (in the caller's transaction) one shard's articles not stored yet, or in ``replace``; returns how many."""
    new = cur.execute(
        f"SELECT id FROM read_parquet('{sql_path(shard)}') "
        "WHERE id NOT IN (SELECT id FROM articles) OR id IN (SELECT unnest(?))",
        [list(replace)],
    ).fetchall()
    ids = [r[0] for r in new]
    stale = [i for i in ids if i in replace]  # each DELETE scans a whole table: only if needed
    for table in TABLES:
        key = "id" if table == "articles" else "article_id"
        if stale:
            cur.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT unnest(?))", [stale])
        part = folder / table / shard.name
        if not part.exists() or not ids:
            continue
        cur.execute(
            f"INSERT INTO {table} BY NAME SELECT * FROM read_parquet('{sql_path(part)}') "
            f"WHERE {key} IN (SELECT unnest(?))",
            [ids],
        )
    return len(ids)


def sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def _register_defuse(cur: duckdb.DuckDBPyConnection) -> None:
    import pyarrow as pa

    # A vector at a time: a million cells in a quarter second. No annotations: DuckDB evaluates them.
    def cells(values):  # type: ignore[no-untyped-def]
        return pa.array([defuse(v) for v in values.to_pylist()], type=pa.string())

    try:
        cur.remove_function("wirelens_defuse")
    except duckdb.Error:
        pass
    cur.create_function("wirelens_defuse", cells, [duckdb.sqltype("VARCHAR")], duckdb.sqltype("VARCHAR"), type="arrow")


def _defused_columns(cur: duckdb.DuckDBPyConnection, table: str) -> str:
    """A select list passing every text column through :func:`defuse`."""
    parts = []
    for name, col_type, *_ in cur.execute(f"DESCRIBE {table}").fetchall():
        quoted = f'"{name}"'
        parts.append(f"wirelens_defuse({quoted}) AS {quoted}" if col_type == "VARCHAR" else quoted)
    return ", ".join(parts)
