"""The corpus store: one embedded DuckDB file holding articles and everything found in them."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from wirelens.actors import Entity
from wirelens.articles import Article
from wirelens.extract import Extraction

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY, title VARCHAR, date DATE, source VARCHAR, url VARCHAR,
    text VARCHAR NOT NULL, path VARCHAR, model VARCHAR, ingested_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS sentences (
    article_id VARCHAR NOT NULL, idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS entities (
    article_id VARCHAR NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text VARCHAR,
    label VARCHAR, actor VARCHAR, actor_type VARCHAR, sent_start INTEGER, sent_end INTEGER
);
CREATE TABLE IF NOT EXISTS places (
    article_id VARCHAR NOT NULL, start INTEGER, "end" INTEGER, text VARCHAR, name VARCHAR,
    lat DOUBLE, lon DOUBLE, country_code VARCHAR, geonameid BIGINT, feature_type VARCHAR, metonymic BOOLEAN
);
CREATE TABLE IF NOT EXISTS quotes (
    article_id VARCHAR NOT NULL, start INTEGER, "end" INTEGER, text VARCHAR, kind VARCHAR,
    speaker VARCHAR, speaker_start INTEGER, speaker_end INTEGER, cue VARCHAR, date DATE, date_inferred BOOLEAN
);
CREATE TABLE IF NOT EXISTS events (
    article_id VARCHAR NOT NULL, start INTEGER, "end" INTEGER, sentence VARCHAR, type VARCHAR,
    sub_type VARCHAR, date DATE, place VARCHAR, lat DOUBLE, lon DOUBLE, actors VARCHAR[], fatalities INTEGER
);
CREATE OR REPLACE VIEW actors AS
    SELECT actor AS name, any_value(actor_type) AS type, count(*) AS mentions,
           count(DISTINCT article_id) AS articles
    FROM entities WHERE actor IS NOT NULL GROUP BY actor;
"""
TABLES = ("articles", "sentences", "entities", "places", "quotes", "events")


@dataclass(frozen=True)
class Filters:
    """The shared dashboard filters; None means "no restriction"."""

    article_ids: tuple[str, ...] | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    actors: tuple[str, ...] | None = None

    def article_where(self, alias: str = "a") -> tuple[str, list[object]]:
        """A SQL condition on the articles table (aliased ``alias``) and its parameters."""
        clauses, params = ["TRUE"], []
        if self.article_ids is not None:
            clauses.append(f"{alias}.id IN (SELECT unnest(?))")
            params.append(list(self.article_ids))
        if self.date_from:
            clauses.append(f"{alias}.date >= ?")
            params.append(self.date_from)
        if self.date_to:
            clauses.append(f"{alias}.date <= ?")
            params.append(self.date_to)
        if self.actors is not None:
            clauses.append(
                f"{alias}.id IN (SELECT article_id FROM entities WHERE actor IN (SELECT unnest(?)))"
            )
            params.append(list(self.actors))
        return " AND ".join(clauses), params


class StoreBusy(RuntimeError):
    """Another process holds the database for writing."""


class StoreMissing(FileNotFoundError):
    """A store opened for reading does not exist."""


class Store:
    """A DuckDB corpus. Each article is written in one transaction: all of it or none of it."""

    def __init__(self, path: str | Path, *, read_only: bool = False):
        self.path = Path(path)
        if read_only and not self.path.is_file():
            raise StoreMissing(f"{self.path}: no such store")
        if not read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            raise StoreBusy(f"{self.path}: database is in use by another process ({exc})") from exc
        self._lock = threading.Lock()
        if not read_only:
            self._con.execute(_SCHEMA)
            self._con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        # One cursor per query: the connection is shared by every Streamlit session thread.
        return self._con.cursor()

    def query(self, sql: str, params: Sequence[object] = ()) -> pd.DataFrame:
        with self._cursor() as cur:
            return cur.execute(sql, list(params)).df()

    # --- writing ---------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        with self._cursor() as cur:
            return cur.execute("SELECT 1 FROM articles WHERE id = ?", [article_id]).fetchone() is not None

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        with self._cursor() as cur:
            rows = cur.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [list(ids)]).fetchall()
        return {r[0] for r in rows}

    def add(self, extraction: Extraction, *, model: str = "", replace: bool = False) -> bool:
        """Store one article and its records; False (and nothing written) if it is already stored."""
        art = extraction.article
        with self._lock, self._cursor() as cur:
            cur.execute("BEGIN TRANSACTION")
            try:
                exists = cur.execute("SELECT 1 FROM articles WHERE id = ?", [art.id]).fetchone() is not None
                if exists and not replace:
                    cur.execute("ROLLBACK")
                    return False
                for table in TABLES:
                    key = "id" if table == "articles" else "article_id"
                    cur.execute(f"DELETE FROM {table} WHERE {key} = ?", [art.id])
                self._insert(cur, extraction, model)
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise
        return True

    @staticmethod
    def _insert(cur: duckdb.DuckDBPyConnection, ex: Extraction, model: str) -> None:
        art = ex.article
        cur.execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, now())",
            [art.id, art.title, art.date, art.source, art.url, art.text, art.path, model],
        )
        sentences = pd.DataFrame(ex.sentences, columns=["start", "end"])
        sentences.insert(0, "idx", range(len(sentences)))
        _insert_frame(cur, "sentences", art.id, sentences)
        _insert_frame(cur, "entities", art.id, pd.DataFrame(ex.entities, columns=Entity._fields))
        for table in ("places", "quotes", "events"):
            records = getattr(ex, table)
            if records:
                _insert_frame(cur, table, art.id, pd.DataFrame([r._asdict() for r in records]))

    def set_date(self, article_id: str, date: dt.date | None) -> None:
        with self._lock, self._cursor() as cur:
            cur.execute("UPDATE articles SET date = ? WHERE id = ?", [date, article_id])

    # --- reading ---------------------------------------------------------------------

    def article_count(self) -> int:
        with self._cursor() as cur:
            return int(cur.execute("SELECT count(*) FROM articles").fetchone()[0])

    def article(self, article_id: str) -> Article | None:
        with self._cursor() as cur:
            row = cur.execute(
                "SELECT id, title, text, date, source, url, path FROM articles WHERE id = ?", [article_id]
            ).fetchone()
        return Article(*row) if row else None

    def articles(self, filters: Filters = Filters()) -> pd.DataFrame:
        where, params = filters.article_where()
        return self.query(
            f"""SELECT a.id, a.title, a.date, a.source, a.url, length(a.text) AS chars,
                       (SELECT count(*) FROM entities e WHERE e.article_id = a.id AND e.actor IS NOT NULL) AS actor_mentions
                FROM articles a WHERE {where} ORDER BY a.date DESC NULLS LAST, a.title""",
            params,
        )

    def entities(self, filters: Filters = Filters(), *, actors_only: bool = False) -> pd.DataFrame:
        where, params = filters.article_where()
        extra = "AND e.actor IS NOT NULL" if actors_only else ""
        return self.query(
            f"""SELECT e.* FROM entities e JOIN articles a ON a.id = e.article_id
                WHERE {where} {extra} ORDER BY e.article_id, e.start""",
            params,
        )

    def top_actors(self, filters: Filters = Filters(), limit: int = 20) -> pd.DataFrame:
        where, params = filters.article_where()
        return self.query(
            f"""SELECT e.actor AS actor, any_value(e.actor_type) AS type, count(*) AS mentions,
                       count(DISTINCT e.article_id) AS articles
                FROM entities e JOIN articles a ON a.id = e.article_id
                WHERE e.actor IS NOT NULL AND {where}
                GROUP BY e.actor ORDER BY mentions DESC, actor LIMIT {int(limit)}""",
            params,
        )

    def actor_names(self) -> list[str]:
        return self.query("SELECT name FROM actors ORDER BY mentions DESC, name")["name"].tolist()

    def date_range(self) -> tuple[dt.date | None, dt.date | None]:
        with self._cursor() as cur:
            lo, hi = cur.execute("SELECT min(date), max(date) FROM articles").fetchone()
        return lo, hi

    # --- export ----------------------------------------------------------------------

    def export(self, out_dir: str | Path, fmt: str = "csv") -> list[Path]:
        """Write every table to ``out_dir`` as csv, jsonl or parquet; returns the files written."""
        options = {"csv": "(FORMAT csv, HEADER)", "jsonl": "(FORMAT json)", "parquet": "(FORMAT parquet)"}
        if fmt not in options:
            raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(options)}")
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        with self._cursor() as cur:
            for table in TABLES:
                target = out / f"{table}.{fmt}"
                columns = _csv_safe_columns(cur, table) if fmt == "csv" else "*"
                cur.execute(f"COPY (SELECT {columns} FROM {table}) TO '{_sql_path(target)}' {options[fmt]}")
                written.append(target)
        return written


def _insert_frame(cur: duckdb.DuckDBPyConnection, table: str, article_id: str, frame: pd.DataFrame) -> None:
    """Bulk-insert an article's rows: one columnar insert instead of a statement per row."""
    if frame.empty:
        return
    frame.insert(0, "article_id", article_id)
    cur.register("_rows", frame)
    try:
        cur.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _rows")  # layer records name their columns
    finally:
        cur.unregister("_rows")


def _csv_safe_columns(cur: duckdb.DuckDBPyConnection, table: str) -> str:
    """A select list that defuses spreadsheet formulas.

    Text starting with = + - @ or a tab/CR gets a leading apostrophe, so an article's
    "=cmd|..." never runs when the CSV is opened in a spreadsheet.
    """
    parts = []
    for name, col_type, *_ in cur.execute(f"DESCRIBE {table}").fetchall():
        quoted = f'"{name}"'
        if col_type == "VARCHAR":
            parts.append(
                f"CASE WHEN regexp_matches({quoted}, '^[-=+@\\t\\r]') "
                f"THEN chr(39) || {quoted} ELSE {quoted} END AS {quoted}"
            )
        else:
            parts.append(quoted)
    return ", ".join(parts)


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")
