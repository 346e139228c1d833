"""The corpus store: one embedded DuckDB file holding articles and everything found in them."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from typing import TYPE_CHECKING, Any, NamedTuple

from wirelens.store import corrections
from wirelens.extraction.articles import Article
from wirelens.store.corrections import CORRECTED, Correction
from wirelens.extraction.provenance import extraction_fingerprint

if TYPE_CHECKING:
    # The store reads and writes plain records: no spaCy on its import path. Nor pandas: it
    # takes over a second to import, and the dashboard draws its first figures from plain rows
    # (corpus_summary); DuckDB imports it itself when a query returns a DataFrame.
    import pandas as pd
    import pyarrow as pa  # with numpy, a quarter of a second: imported by the writing paths only

    from wirelens.extraction.pipeline import Extraction

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
    speaker VARCHAR, speaker_start INTEGER, speaker_end INTEGER, cue VARCHAR, date DATE, date_inferred BOOLEAN,
    speaker_type VARCHAR
);
ALTER TABLE quotes ADD COLUMN IF NOT EXISTS speaker_type VARCHAR;  -- stores made before it existed
ALTER TABLE articles ADD COLUMN IF NOT EXISTS extractor VARCHAR;  -- see wirelens.extraction.provenance
CREATE TABLE IF NOT EXISTS events (
    article_id VARCHAR NOT NULL, start INTEGER, "end" INTEGER, sentence VARCHAR, type VARCHAR,
    sub_type VARCHAR, date DATE, place VARCHAR, lat DOUBLE, lon DOUBLE, actors VARCHAR[], fatalities INTEGER
);
-- Stores made before the events layer landed lack these columns.
ALTER TABLE events ADD COLUMN IF NOT EXISTS cue VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS sent_start INTEGER;
ALTER TABLE events ADD COLUMN IF NOT EXISTS sent_end INTEGER;
ALTER TABLE events ADD COLUMN IF NOT EXISTS date_inferred BOOLEAN;
ALTER TABLE events ADD COLUMN IF NOT EXISTS country_code VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS place_type VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS place_inferred BOOLEAN;
ALTER TABLE events ADD COLUMN IF NOT EXISTS actor1 VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS actor2 VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS fatalities_text VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS civilian_targeting BOOLEAN;
ALTER TABLE events ADD COLUMN IF NOT EXISTS aggregate BOOLEAN;
ALTER TABLE events ADD COLUMN IF NOT EXISTS period VARCHAR;
CREATE TABLE IF NOT EXISTS interactions (
    article_id VARCHAR NOT NULL, start INTEGER, "end" INTEGER, source VARCHAR, target VARCHAR, verb VARCHAR,
    interaction_class VARCHAR, sent_start INTEGER, sent_end INTEGER, date DATE, origin VARCHAR
);
"""
TABLES = ("articles", "sentences", "entities", "places", "quotes", "events", "interactions")
EXPORTED = (*TABLES, "corrections")


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
                f"{alias}.id IN (SELECT article_id FROM entities_corrected WHERE actor IN (SELECT unnest(?)))"
            )
            params.append(list(self.actors))
        return " AND ".join(clauses), params


class CorpusSummary(NamedTuple):
    articles: int
    actors: int
    actor_mentions: int
    first: dt.date | None
    last: dt.date | None
    dated: int


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
        self._con = _connect(self.path, read_only)
        self._lock = threading.Lock()
        if not read_only:
            # No vacuum at checkpoints: DuckDB would merge each checkpoint's new rows back into
            # the table's last row group (up to 122,880 rows) and rewrite all of it, so the memory
            # of every automatic checkpoint grew with the store (+6, +11, +15 MB at the first three
            # of a 5,000-article ingest). Without it each checkpoint writes only its new rows;
            # the cost is that space of deleted rows (a replaced article) is not compacted.
            self._con.execute("SET GLOBAL max_vacuum_tasks = 0")
            self._con.execute(_SCHEMA)
            corrections.create(self._con)
            self._con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        elif not corrections.present(self._con):
            # Written by an older version: bring it up to date once, then read as asked.
            self._con.close()
            Store(self.path).close()
            self._con = _connect(self.path, read_only)

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

    def outdated_ids(self, ids: Iterable[str] | None = None) -> set[str]:
        """Stored articles (of ``ids``, or all) that another version of the extraction code produced."""
        where, params = "TRUE", []
        if ids is not None:
            where, params = "id IN (SELECT unnest(?))", [list(ids)]
        with self._cursor() as cur:
            rows = cur.execute(f"SELECT id FROM articles WHERE {where} AND extractor IS DISTINCT FROM ?",
                               [*params, extraction_fingerprint()]).fetchall()
        return {r[0] for r in rows}

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
                if exists:
                    # Only a replacement deletes: the record tables have no index, so each
                    # DELETE scans the whole table, and seven of them per new article made a
                    # long ingest slower with every article stored.
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
        for table, rows in extraction_tables(ex, model).items():
            _insert_frame(cur, table, rows)

    def import_parquet(self, folder: str | Path, *, replace: Iterable[str] = ()) -> int:
        """Add the articles of Parquet shards (``folder/<table>/*.parquet``) not stored yet; returns how many.

        Stored articles whose id is in ``replace`` are replaced by the shards' version (a refresh).
        Each shard goes in one transaction, so an interrupted import keeps whole articles only.
        """
        folder = Path(folder)
        replace = set(replace)
        replace_list = list(replace)
        added = 0
        for shard in sorted((folder / "articles").glob("*.parquet")):
            with self._lock, self._cursor() as cur:
                cur.execute("BEGIN TRANSACTION")
                try:
                    new = cur.execute(
                        f"SELECT id FROM read_parquet('{_sql_path(shard)}') "
                        "WHERE id NOT IN (SELECT id FROM articles) OR id IN (SELECT unnest(?))", [replace_list]
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
                            f"INSERT INTO {table} BY NAME SELECT * FROM read_parquet('{_sql_path(part)}') "
                            f"WHERE {key} IN (SELECT unnest(?))",
                            [ids],
                        )
                    cur.execute("COMMIT")
                except BaseException:
                    cur.execute("ROLLBACK")
                    raise
            added += len(ids)
        return added

    def set_date(self, article_id: str, date: dt.date | None) -> None:
        with self._lock, self._cursor() as cur:
            cur.execute("UPDATE articles SET date = ? WHERE id = ?", [date, article_id])

    # --- corrections: stored apart from the extracted rows, applied by the *_corrected views ---

    def rename_actor(self, old: str, new: str, note: str = "") -> None:
        """Show ``old`` as ``new`` everywhere: a rename, or a merge when ``new`` is an actor already."""
        with self._lock, self._cursor() as cur:
            corrections.rename_actor(cur, old, new, note)

    def move_place(self, name: str, lat: float, lon: float, *, new_name: str, new_lat: float, new_lon: float,
                   country_code: str | None = None, note: str = "") -> None:
        """Put the place shown as ``name`` at (lat, lon), and the events there, somewhere else."""
        with self._lock, self._cursor() as cur:
            corrections.move_place(cur, name, lat, lon, new_name=new_name, new_lat=new_lat, new_lon=new_lon,
                                   country_code=country_code, note=note)

    def dismiss(self, kind: str, article_id: str, start: int, end: int, note: str = "") -> None:
        """Hide a wrong quote attribution (``kind="quote"``) or event (``kind="event"``)."""
        with self._lock, self._cursor() as cur:
            corrections.dismiss(cur, kind, article_id, int(start), int(end), note)

    def undo_correction(self, correction_id: int) -> bool:
        with self._lock, self._cursor() as cur:
            return corrections.undo(cur, int(correction_id))

    def corrections(self) -> list[Correction]:
        with self._cursor() as cur:
            return corrections.listed(cur)

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
                       (SELECT count(*) FROM entities_corrected e WHERE e.article_id = a.id AND e.actor IS NOT NULL) AS actor_mentions
                FROM articles a WHERE {where} ORDER BY a.date DESC NULLS LAST, a.title""",
            params,
        )

    def entities(self, filters: Filters = Filters(), *, actors_only: bool = False) -> pd.DataFrame:
        where, params = filters.article_where()
        extra = "AND e.actor IS NOT NULL" if actors_only else ""
        return self.query(
            f"""SELECT e.* FROM entities_corrected e JOIN articles a ON a.id = e.article_id
                WHERE {where} {extra} ORDER BY e.article_id, e.start""",
            params,
        )

    def top_actors(self, filters: Filters = Filters(), limit: int = 20) -> pd.DataFrame:
        where, params = filters.article_where()
        return self.query(
            f"""SELECT e.actor AS actor, any_value(e.actor_type) AS type, count(*) AS mentions,
                       count(DISTINCT e.article_id) AS articles
                FROM entities_corrected e JOIN articles a ON a.id = e.article_id
                WHERE e.actor IS NOT NULL AND {where}
                GROUP BY e.actor ORDER BY mentions DESC, actor LIMIT {int(limit)}""",
            params,
        )

    def quotes(
        self, filters: Filters = Filters(), *, speaker: str | None = None, search: str | None = None,
        kinds: Sequence[str] | None = None, latest: int | None = None,
    ) -> pd.DataFrame:
        """The quotes of the filtered articles, with their sentence and article title for display.

        ``search`` matches quote text or speaker, case-insensitively; ``latest`` keeps only the
        most recent quotes (still returned oldest first), so a page never ships a corpus's worth.
        """
        condition, params = _quote_condition(filters, speaker, search, kinds)
        recent = (f"AND (q.article_id, q.start) IN (SELECT (q.article_id, q.start) FROM quotes_corrected q "
                  f"JOIN articles a ON a.id = q.article_id WHERE {condition} "
                  f"ORDER BY q.date DESC NULLS LAST, q.article_id, q.start LIMIT {int(latest)})") if latest else ""
        return self.query(
            f"""SELECT q.article_id, a.title, a.date AS published, q.start, q."end", q.text, q.kind, q.speaker,
                       q.speaker_type, q.speaker_start, q.speaker_end, q.cue, q.date, q.date_inferred,
                       coalesce((SELECT min(s.start) FROM sentences s WHERE s.article_id = q.article_id
                                 AND s."end" > q.start AND s.start <= q.start), q.start) AS sent_start,
                       coalesce((SELECT max(s."end") FROM sentences s WHERE s.article_id = q.article_id
                                 AND s.start < q."end" AND s."end" >= q."end"), q."end") AS sent_end
                FROM quotes_corrected q JOIN articles a ON a.id = q.article_id
                WHERE {condition} {recent} ORDER BY q.date NULLS LAST, q.article_id, q.start""",
            params * 2 if latest else params,
        )

    def quote_count(self, filters: Filters = Filters(), *, search: str | None = None,
                    kinds: Sequence[str] | None = None) -> int:
        condition, params = _quote_condition(filters, None, search, kinds)
        frame = self.query(f"SELECT count(*) AS n FROM quotes_corrected q JOIN articles a ON a.id = q.article_id "
                           f"WHERE {condition}", params)
        return int(frame["n"][0])

    def interactions(
        self, filters: Filters = Filters(), *, actor: str | None = None, source: str | None = None,
        target: str | None = None, interaction_class: str | None = None, limit: int | None = None,
    ) -> pd.DataFrame:
        """Directed interaction edges of the filtered articles, with their evidence sentence.

        ``actor`` keeps edges it is either end of; ``source``/``target``/``interaction_class``
        narrow to one edge of the network.
        """
        where, params = filters.article_where()
        extra = []
        if actor is not None:
            extra.append("(i.source = ? OR i.target = ?)")
            params += [actor, actor]
        for column, value in (("source", source), ("target", target), ("interaction_class", interaction_class)):
            if value is not None:
                extra.append(f"i.{column} = ?")
                params.append(value)
        condition = " AND ".join([where, *extra])
        return self.query(
            f"""SELECT i.article_id, a.title, i.source, i.target, i.verb, i.interaction_class, i.origin,
                       i.date, i.start, i."end", i.sent_start, i.sent_end,
                       substr(a.text, i.sent_start + 1, i.sent_end - i.sent_start) AS sentence
                FROM interactions_corrected i JOIN articles a ON a.id = i.article_id
                WHERE {condition} ORDER BY i.article_id, i.start {_limit(limit)}""",
            params,
        )

    def interaction_edges(self, filters: Filters = Filters()) -> pd.DataFrame:
        """Interactions counted per (source, target, class): what the network draws, no sentences."""
        where, params = filters.article_where()
        return self.query(
            f"""SELECT i.source, i.target, i.interaction_class, count(*) AS weight
                FROM interactions_corrected i JOIN articles a ON a.id = i.article_id
                WHERE {where} GROUP BY ALL ORDER BY weight DESC, i.source, i.target""",
            params,
        )

    def cooccurrences(self, filters: Filters = Filters()) -> pd.DataFrame:
        """Pairs of actors named in the same sentence: weight = sentences, articles = articles."""
        where, params = filters.article_where()
        return self.query(
            f"""WITH m AS (
                    SELECT DISTINCT e.article_id, e.sent_start, e.actor FROM entities_corrected e
                    JOIN articles a ON a.id = e.article_id WHERE e.actor IS NOT NULL AND {where})
                SELECT m1.actor AS source, m2.actor AS target, count(*) AS weight,
                       count(DISTINCT m1.article_id) AS articles
                FROM m m1 JOIN m m2 ON m1.article_id = m2.article_id AND m1.sent_start = m2.sent_start
                     AND m1.actor < m2.actor
                GROUP BY 1, 2 ORDER BY weight DESC, source, target""",
            params,
        )

    def shared_sentences(self, a: str, b: str, filters: Filters = Filters(), limit: int = 200) -> pd.DataFrame:
        """The sentences that name both actors: the evidence of a co-occurrence edge."""
        where, params = filters.article_where()
        return self.query(
            f"""SELECT DISTINCT e1.article_id, a.title, e1.sent_start, e1.sent_end,
                       substr(a.text, e1.sent_start + 1, e1.sent_end - e1.sent_start) AS sentence
                FROM entities_corrected e1 JOIN entities_corrected e2 ON e1.article_id = e2.article_id AND e1.sent_start = e2.sent_start
                JOIN articles a ON a.id = e1.article_id
                WHERE e1.actor = ? AND e2.actor = ? AND {where}
                ORDER BY e1.article_id, e1.sent_start LIMIT {int(limit)}""",
            [a, b, *params],
        )

    def actor_sentences(self, actor: str, filters: Filters = Filters(), limit: int = 200) -> pd.DataFrame:
        """Each sentence that names the actor, with the mention as written."""
        where, params = filters.article_where()
        return self.query(
            f"""SELECT e.article_id, a.title, e.text AS mention, e.sent_start, e.sent_end,
                       substr(a.text, e.sent_start + 1, e.sent_end - e.sent_start) AS sentence
                FROM entities_corrected e JOIN articles a ON a.id = e.article_id
                WHERE e.actor = ? AND {where} ORDER BY e.article_id, e.start LIMIT {int(limit)}""",
            [actor, *params],
        )

    def article_entities(self, article_id: str) -> pd.DataFrame:
        """One article's entity mentions, corrections applied, in text order (for the reader)."""
        return self.query(
            'SELECT start, "end", text, label, actor, actor_type, sent_start, sent_end FROM entities_corrected '
            "WHERE article_id = ? ORDER BY start",
            [article_id],
        )

    def actor_names(self) -> list[str]:
        with self._cursor() as cur:
            return [name for (name,) in cur.execute("SELECT name FROM actors ORDER BY mentions DESC, name").fetchall()]

    def article_titles(self) -> list[tuple[str, str | None]]:
        """(id, title) of every article, newest first: what article pickers list."""
        with self._cursor() as cur:
            return cur.execute("SELECT id, title FROM articles ORDER BY date DESC NULLS LAST, title").fetchall()

    def corpus_summary(self, filters: Filters = Filters()) -> CorpusSummary:
        """The corpus's headline figures under ``filters``, in one query and without a DataFrame."""
        where, params = filters.article_where()
        with self._cursor() as cur:
            row = cur.execute(
                f"""WITH a AS (SELECT a.id, a.date FROM articles a WHERE {where}),
                         e AS (SELECT e.actor FROM entities_corrected e JOIN a ON a.id = e.article_id
                               WHERE e.actor IS NOT NULL)
                    SELECT (SELECT count(*) FROM a), (SELECT count(DISTINCT actor) FROM e), (SELECT count(*) FROM e),
                           (SELECT min(date) FROM a), (SELECT max(date) FROM a), (SELECT count(date) FROM a)""",
                params,
            ).fetchone()
        return CorpusSummary(*row)

    def places(
        self, filters: Filters = Filters(), *, metonymic: bool = True, at: tuple[str, float, float] | None = None,
        limit: int | None = None,
    ) -> pd.DataFrame:
        """Place mentions of the filtered articles, each with its sentence and article title.

        ``at`` (name, lat, lon) keeps the mentions of one place: what a click on the map lists.
        """
        where, params = filters.article_where()
        literal_only = "" if metonymic else "AND NOT coalesce(p.metonymic, FALSE)"
        one_place = ""
        if at is not None:
            one_place = "AND p.name = ? AND abs(p.lat - ?) < 1e-9 AND abs(p.lon - ?) < 1e-9"
            params += [at[0], float(at[1]), float(at[2])]
        return self.query(
            f"""SELECT p.article_id, a.title, a.date AS published, p.start, p."end", p.text, p.name, p.lat, p.lon,
                       p.country_code, p.geonameid, p.feature_type, p.metonymic,
                       coalesce(s.start, p.start) AS sent_start, coalesce(s."end", p."end") AS sent_end,
                       substr(a.text, coalesce(s.start, p.start) + 1,
                              coalesce(s."end", p."end") - coalesce(s.start, p.start)) AS sentence
                FROM places_corrected p JOIN articles a ON a.id = p.article_id
                LEFT JOIN sentences s ON s.article_id = p.article_id AND s.start <= p.start AND p.start < s."end"
                WHERE {where} {literal_only} {one_place} ORDER BY p.article_id, p.start {_limit(limit)}""",
            params,
        )

    def place_counts(self, filters: Filters = Filters(), *, metonymic: bool = True) -> pd.DataFrame:
        """One row per place: mentions, non-literal mentions, articles, and a first example (title, sentence)."""
        where, params = filters.article_where()
        literal_only = "" if metonymic else "AND NOT coalesce(p.metonymic, FALSE)"
        return self.query(
            f"""WITH m AS (
                    SELECT p.name, p.lat, p.lon, p.feature_type, p.country_code, p.metonymic, p.article_id,
                           p.start, a.title
                    FROM places_corrected p JOIN articles a ON a.id = p.article_id
                    WHERE {where} {literal_only}),
                counted AS (
                    SELECT name, lat, lon, feature_type, country_code, count(*) AS mentions,
                           count(*) FILTER (WHERE coalesce(metonymic, FALSE)) AS metonymic_mentions,
                           count(DISTINCT article_id) AS articles,
                           min(struct_pack(article_id := article_id, start := start)) AS first,
                           arg_min(title, (article_id, start)) AS article
                    FROM m GROUP BY ALL)
                SELECT c.name, c.lat, c.lon, c.feature_type, c.country_code, c.mentions, c.metonymic_mentions,
                       c.articles, c.article, substr(a.text, s.start + 1, s."end" - s.start) AS sentence
                FROM counted c
                LEFT JOIN sentences s ON s.article_id = c.first.article_id AND s.start <= c.first.start
                     AND c.first.start < s."end"
                LEFT JOIN articles a ON a.id = c.first.article_id
                ORDER BY c.mentions DESC, c.name""",
            params,
        )

    def events(
        self,
        filters: Filters = Filters(),
        *,
        types: Sequence[str] | None = None,
        actor: str | None = None,
        place: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        aggregates: bool = True,
    ) -> pd.DataFrame:
        """Events of the filtered articles (optionally by event type, actor, place, event date), with titles."""
        where, params = filters.article_where()
        extra: list[str] = []
        if types:
            extra.append("ev.type IN (SELECT unnest(?))")
            params.append(list(types))
        if actor:
            extra.append("list_contains(ev.actors, ?)")
            params.append(actor)
        if place:
            extra.append("ev.place = ?")
            params.append(place)
        if date_from:
            extra.append("ev.date >= ?")
            params.append(date_from)
        if date_to:
            extra.append("ev.date <= ?")
            params.append(date_to)
        if not aggregates:
            extra.append("NOT coalesce(ev.aggregate, FALSE)")
        condition = " AND ".join([where, *extra])
        return self.query(
            f"""SELECT ev.article_id, a.title, a.date AS published, a.source, a.url, ev.start, ev."end", ev.cue,
                       coalesce(ev.sent_start, ev.start) AS sent_start, coalesce(ev.sent_end, ev."end") AS sent_end,
                       ev.sentence, ev.type, ev.sub_type, ev.date, ev.date_inferred, ev.place, ev.lat, ev.lon,
                       ev.country_code, ev.place_type, ev.place_inferred, ev.actors, ev.actor1, ev.actor2,
                       ev.fatalities, ev.fatalities_text, ev.civilian_targeting, ev.aggregate, ev.period
                FROM events_corrected ev JOIN articles a ON a.id = ev.article_id
                WHERE {condition} ORDER BY ev.date NULLS LAST, ev.article_id, ev.start""",
            params,
        )

    def date_range(self) -> tuple[dt.date | None, dt.date | None]:
        with self._cursor() as cur:
            lo, hi = cur.execute("SELECT min(date), max(date) FROM articles").fetchone()
        return lo, hi

    # --- export ----------------------------------------------------------------------

    def export(self, out_dir: str | Path, fmt: str = "csv") -> list[Path]:
        """Write every table to ``out_dir`` as csv, jsonl or parquet; returns the files written.

        Tables are written as the dashboard shows them, corrections applied (dismissed quotes
        and events left out), with the corrections themselves in ``corrections.<fmt>``.
        """
        options = {"csv": "(FORMAT csv, HEADER)", "jsonl": "(FORMAT json)", "parquet": "(FORMAT parquet)"}
        if fmt not in options:
            raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(options)}")
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        with self._cursor() as cur:
            for table in EXPORTED:
                source = CORRECTED.get(table, table)
                target = out / f"{table}.{fmt}"
                columns = _csv_safe_columns(cur, source) if fmt == "csv" else "*"
                cur.execute(f"COPY (SELECT {columns} FROM {source}) TO '{_sql_path(target)}' {options[fmt]}")
                written.append(target)
        return written


def _quote_condition(
    filters: Filters, speaker: str | None, search: str | None, kinds: Sequence[str] | None,
) -> tuple[str, list[object]]:
    where, params = filters.article_where()
    extra = []
    if speaker is not None:
        extra.append("q.speaker = ?")
        params.append(speaker)
    if search and search.strip():
        extra.append("(contains(lower(q.text), ?) OR contains(lower(coalesce(q.speaker, '')), ?))")
        params += [search.strip().lower()] * 2
    if kinds:
        extra.append("q.kind IN (SELECT unnest(?))")
        params.append(list(kinds))
    return " AND ".join([where, *extra]), params


def _limit(limit: int | None) -> str:
    return "" if limit is None else f"LIMIT {int(limit)}"


def _connect(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.IOException as exc:
        if "lock" not in str(exc).lower():
            raise
        raise StoreBusy(f"{path}: database is in use by another process ({exc})") from exc


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
            "id": [art.id], "title": [art.title], "date": [art.date], "source": [art.source], "url": [art.url],
            "text": [art.text], "path": [art.path], "model": [model], "ingested_at": [dt.datetime.now()],
            "extractor": [extraction_fingerprint()],
        },
    }
    if ex.sentences:
        columns["sentences"] = {"idx": list(range(len(ex.sentences))),
                                "start": [s[0] for s in ex.sentences], "end": [s[1] for s in ex.sentences]}
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


def _insert_frame(cur: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame | pa.Table) -> None:
    """Bulk-insert rows: one columnar insert instead of a statement per row."""
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
