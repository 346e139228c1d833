"""The read queries pages draw from: each takes a cursor and returns a DataFrame or plain rows.

Every query reads the ``*_corrected`` views, so corrections show everywhere, and builds its
condition with :func:`wirelens.store.filters.where`. :class:`wirelens.store.database.Store`
exposes each of them as a method.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

import duckdb

from wirelens.extraction.articles import Article
from wirelens.store.filters import Filters
from wirelens.store.schema import EXPORTED

if TYPE_CHECKING:
    import pandas as pd


class CorpusSummary(NamedTuple):
    articles: int
    actors: int
    actor_mentions: int
    first: dt.date | None
    last: dt.date | None
    dated: int


def frame(cur: duckdb.DuckDBPyConnection, sql: str, params: Sequence[object] = ()) -> pd.DataFrame:
    return cur.execute(sql, list(params)).df()


def _limit(limit: int | None) -> str:
    return "" if limit is None else f"LIMIT {int(limit)}"


def article_count(cur: duckdb.DuckDBPyConnection) -> int:
    return int(cur.execute("SELECT count(*) FROM articles").fetchone()[0])


def article(cur: duckdb.DuckDBPyConnection, article_id: str) -> Article | None:
    row = cur.execute(
        "SELECT id, title, text, date, source, url, path FROM articles_corrected WHERE id = ?", [article_id]
    ).fetchone()
    return Article(*row) if row else None


def articles(cur: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    condition, params = filters.where()
    return frame(
        cur,
        f"""SELECT a.id, a.title, a.date, a.source, a.url, length(a.text) AS chars,
                   (SELECT count(*) FROM entities_corrected e WHERE e.article_id = a.id AND e.actor IS NOT NULL) AS actor_mentions
            FROM articles_corrected a WHERE {condition} ORDER BY a.date DESC NULLS LAST, a.title""",
        params,
    )


def entities(cur: duckdb.DuckDBPyConnection, filters: Filters, actors_only: bool) -> pd.DataFrame:
    condition, params = filters.where(("e.actor", "is not null", actors_only))
    return frame(
        cur,
        f"""SELECT e.* FROM entities_corrected e JOIN articles_corrected a ON a.id = e.article_id
            WHERE {condition} ORDER BY e.article_id, e.start""",
        params,
    )


def top_actors(cur: duckdb.DuckDBPyConnection, filters: Filters, limit: int) -> pd.DataFrame:
    condition, params = filters.where(("e.actor", "is not null", True))
    return frame(
        cur,
        f"""SELECT e.actor AS actor, any_value(e.actor_type) AS type, count(*) AS mentions,
                   count(DISTINCT e.article_id) AS articles
            FROM entities_corrected e JOIN articles_corrected a ON a.id = e.article_id
            WHERE {condition} GROUP BY e.actor ORDER BY mentions DESC, actor LIMIT {int(limit)}""",
        params,
    )


def _quote_where(
    filters: Filters, speaker: str | None, search: str | None, kinds: Sequence[str] | None
) -> tuple[str, list[object]]:
    search = search.strip().lower() if search and search.strip() else None
    return filters.where(
        ("q.speaker", "=", speaker),
        (("q.text", "q.speaker"), "contains", search),
        ("q.kind", "in", list(kinds) if kinds else None),
    )


def quotes(
    cur: duckdb.DuckDBPyConnection,
    filters: Filters,
    speaker: str | None,
    search: str | None,
    kinds: Sequence[str] | None,
    latest: int | None,
    skip: int = 0,
) -> pd.DataFrame:
    """The quotes of the filtered articles, with their sentence and article title for display.

    ``search`` matches quote text or speaker, case-insensitively; ``latest`` keeps only the
    most recent quotes (still returned oldest first), so a page never ships a corpus's worth, and
    ``skip`` passes over that many more recent ones first: page k of size s is ``latest=s, skip=(k-1)*s``.
    """
    condition, params = _quote_where(filters, speaker, search, kinds)
    recent = (
        (
            f"AND (q.article_id, q.start) IN (SELECT (q.article_id, q.start) FROM quotes_corrected q "
            f"JOIN articles_corrected a ON a.id = q.article_id WHERE {condition} "
            f"ORDER BY q.date DESC NULLS LAST, q.article_id, q.start LIMIT {int(latest)} OFFSET {max(0, int(skip))})"
        )
        if latest
        else ""
    )
    return frame(
        cur,
        f"""SELECT q.article_id, a.title, a.date AS published, q.start, q."end", q.text, q.kind, q.speaker,
                   q.speaker_type, q.speaker_start, q.speaker_end, q.cue, q.date, q.date_inferred,
                   coalesce((SELECT min(s.start) FROM sentences s WHERE s.article_id = q.article_id
                             AND s."end" > q.start AND s.start <= q.start), q.start) AS sent_start,
                   coalesce((SELECT max(s."end") FROM sentences s WHERE s.article_id = q.article_id
                             AND s.start < q."end" AND s."end" >= q."end"), q."end") AS sent_end
            FROM quotes_corrected q JOIN articles_corrected a ON a.id = q.article_id
            WHERE {condition} {recent} ORDER BY q.date NULLS LAST, q.article_id, q.start""",
        params * 2 if latest else params,
    )


def quote_count(
    cur: duckdb.DuckDBPyConnection, filters: Filters, search: str | None, kinds: Sequence[str] | None
) -> int:
    condition, params = _quote_where(filters, None, search, kinds)
    return int(
        cur.execute(
            f"SELECT count(*) FROM quotes_corrected q JOIN articles_corrected a ON a.id = q.article_id WHERE {condition}",
            params,
        ).fetchone()[0]
    )


def interactions(
    cur: duckdb.DuckDBPyConnection,
    filters: Filters,
    actor: str | None,
    source: str | None,
    target: str | None,
    interaction_class: str | None,
    limit: int | None,
) -> pd.DataFrame:
    """Directed interaction edges of the filtered articles, with their evidence sentence.

    ``actor`` keeps edges it is either end of; ``source``/``target``/``interaction_class``
    narrow to one edge of the network.
    """
    condition, params = filters.where(
        (("i.source", "i.target"), "=", actor),
        ("i.source", "=", source),
        ("i.target", "=", target),
        ("i.interaction_class", "=", interaction_class),
    )
    return frame(
        cur,
        f"""SELECT i.article_id, a.title, i.source, i.target, i.verb, i.interaction_class, i.origin,
                   i.date, i.start, i."end", i.sent_start, i.sent_end,
                   substr(a.text, i.sent_start + 1, i.sent_end - i.sent_start) AS sentence
            FROM interactions_corrected i JOIN articles_corrected a ON a.id = i.article_id
            WHERE {condition} ORDER BY i.article_id, i.start {_limit(limit)}""",
        params,
    )


def interaction_edges(cur: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Interactions counted per (source, target, class): what the network draws, no sentences."""
    condition, params = filters.where()
    return frame(
        cur,
        f"""SELECT i.source, i.target, i.interaction_class, count(*) AS weight
            FROM interactions_corrected i JOIN articles_corrected a ON a.id = i.article_id
            WHERE {condition} GROUP BY ALL ORDER BY weight DESC, i.source, i.target""",
        params,
    )


def cooccurrences(cur: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Pairs of actors named in the same sentence: weight = sentences, articles = articles."""
    condition, params = filters.where(("e.actor", "is not null", True))
    return frame(
        cur,
        f"""WITH m AS (
                SELECT DISTINCT e.article_id, e.sent_start, e.actor FROM entities_corrected e
                JOIN articles_corrected a ON a.id = e.article_id WHERE {condition})
            SELECT m1.actor AS source, m2.actor AS target, count(*) AS weight,
                   count(DISTINCT m1.article_id) AS articles
            FROM m m1 JOIN m m2 ON m1.article_id = m2.article_id AND m1.sent_start = m2.sent_start
                 AND m1.actor < m2.actor
            GROUP BY 1, 2 ORDER BY weight DESC, source, target""",
        params,
    )


def shared_sentences(cur: duckdb.DuckDBPyConnection, a: str, b: str, filters: Filters, limit: int) -> pd.DataFrame:
    """The sentences that name both actors: the evidence of a co-occurrence edge."""
    condition, params = filters.where(("e1.actor", "=", a), ("e2.actor", "=", b))
    return frame(
        cur,
        f"""SELECT DISTINCT e1.article_id, a.title, e1.sent_start, e1.sent_end,
                   substr(a.text, e1.sent_start + 1, e1.sent_end - e1.sent_start) AS sentence
            FROM entities_corrected e1 JOIN entities_corrected e2 ON e1.article_id = e2.article_id AND e1.sent_start = e2.sent_start
            JOIN articles_corrected a ON a.id = e1.article_id
            WHERE {condition} ORDER BY e1.article_id, e1.sent_start LIMIT {int(limit)}""",
        params,
    )


def actor_sentences(cur: duckdb.DuckDBPyConnection, actor: str, filters: Filters, limit: int) -> pd.DataFrame:
    """Each sentence that names the actor, with the mention as written."""
    condition, params = filters.where(("e.actor", "=", actor))
    return frame(
        cur,
        f"""SELECT e.article_id, a.title, e.text AS mention, e.sent_start, e.sent_end,
                   substr(a.text, e.sent_start + 1, e.sent_end - e.sent_start) AS sentence
            FROM entities_corrected e JOIN articles_corrected a ON a.id = e.article_id
            WHERE {condition} ORDER BY e.article_id, e.start LIMIT {int(limit)}""",
        params,
    )


def article_entities(cur: duckdb.DuckDBPyConnection, article_id: str) -> pd.DataFrame:
    """One article's entity mentions, corrections applied, in text order (for the reader)."""
    return frame(
        cur,
        'SELECT start, "end", text, label, actor, actor_type, sent_start, sent_end '
        "FROM entities_corrected WHERE article_id = ? ORDER BY start",
        [article_id],
    )


def actor_names(cur: duckdb.DuckDBPyConnection) -> list[str]:
    return [name for (name,) in cur.execute("SELECT name FROM actors ORDER BY mentions DESC, name").fetchall()]


def article_titles(cur: duckdb.DuckDBPyConnection) -> list[tuple[str, str | None]]:
    """(id, title) of every article, newest first: what article pickers list."""
    return cur.execute("SELECT id, title FROM articles ORDER BY date DESC NULLS LAST, title").fetchall()


def corpus_summary(cur: duckdb.DuckDBPyConnection, filters: Filters) -> CorpusSummary:
    """The corpus's headline figures under ``filters``, in one query and without a DataFrame."""
    condition, params = filters.where()
    row = cur.execute(
        f"""WITH a AS (SELECT a.id, a.date FROM articles_corrected a WHERE {condition}),
                 e AS (SELECT e.actor FROM entities_corrected e JOIN a ON a.id = e.article_id
                       WHERE e.actor IS NOT NULL)
            SELECT (SELECT count(*) FROM a), (SELECT count(DISTINCT actor) FROM e), (SELECT count(*) FROM e),
                   (SELECT min(date) FROM a), (SELECT max(date) FROM a), (SELECT count(date) FROM a)""",
        params,
    ).fetchone()
    return CorpusSummary(*row)


def places(
    cur: duckdb.DuckDBPyConnection,
    filters: Filters,
    metonymic: bool,
    at: tuple[str, float, float] | None,
    limit: int | None,
) -> pd.DataFrame:
    """Place mentions of the filtered articles, each with its sentence and article title.

    ``at`` (name, lat, lon) keeps the mentions of one place: what a click on the map lists.
    """
    name, lat, lon = (at[0], float(at[1]), float(at[2])) if at is not None else (None, None, None)
    condition, params = filters.where(
        ("p.metonymic", "is not true", not metonymic),
        ("p.name", "=", name),
        ("p.lat", "near", lat),
        ("p.lon", "near", lon),
    )
    return frame(
        cur,
        f"""SELECT p.article_id, a.title, a.date AS published, p.start, p."end", p.text, p.name, p.lat, p.lon,
                   p.country_code, p.geonameid, p.feature_type, p.metonymic,
                   coalesce(s.start, p.start) AS sent_start, coalesce(s."end", p."end") AS sent_end,
                   substr(a.text, coalesce(s.start, p.start) + 1,
                          coalesce(s."end", p."end") - coalesce(s.start, p.start)) AS sentence
            FROM places_corrected p JOIN articles_corrected a ON a.id = p.article_id
            LEFT JOIN sentences s ON s.article_id = p.article_id AND s.start <= p.start AND p.start < s."end"
            WHERE {condition} ORDER BY p.article_id, p.start {_limit(limit)}""",
        params,
    )


def place_counts(cur: duckdb.DuckDBPyConnection, filters: Filters, metonymic: bool) -> pd.DataFrame:
    """One row per place: mentions, non-literal mentions, articles, and the title of the first article naming it.

    No sentence: the map's tooltips are short, and a click lists the sentences (``places(at=...)``).
    """
    condition, params = filters.where(("p.metonymic", "is not true", not metonymic))
    return frame(
        cur,
        f"""SELECT p.name, p.lat, p.lon, p.feature_type, p.country_code, count(*) AS mentions,
                   count(*) FILTER (WHERE coalesce(p.metonymic, FALSE)) AS metonymic_mentions,
                   count(DISTINCT p.article_id) AS articles, arg_min(a.title, (p.article_id, p.start)) AS article
            FROM places_corrected p JOIN articles_corrected a ON a.id = p.article_id
            WHERE {condition} GROUP BY ALL ORDER BY mentions DESC, p.name""",
        params,
    )


def events(
    cur: duckdb.DuckDBPyConnection,
    filters: Filters,
    types: Sequence[str] | None,
    actor: str | None,
    place: str | None,
    date_from: dt.date | None,
    date_to: dt.date | None,
    aggregates: bool,
) -> pd.DataFrame:
    """Events of the filtered articles (optionally by event type, actor, place, event date), with titles."""
    condition, params = filters.where(
        ("ev.type", "in", list(types) if types else None),
        ("ev.actors", "has", actor or None),
        ("ev.place", "=", place or None),
        ("ev.date", ">=", date_from or None),
        ("ev.date", "<=", date_to or None),
        ("ev.aggregate", "is not true", not aggregates),
        *filters.event_conditions("ev"),
    )
    return frame(
        cur,
        f"""SELECT ev.article_id, a.title, a.date AS published, a.source, a.url, ev.start, ev."end", ev.cue,
                   coalesce(ev.sent_start, ev.start) AS sent_start, coalesce(ev.sent_end, ev."end") AS sent_end,
                   ev.sentence, ev.type, ev.sub_type, ev.date, ev.date_inferred, ev.place, ev.lat, ev.lon,
                   ev.country_code, ev.place_type, ev.place_inferred, ev.actors, ev.actor1, ev.actor2,
                   ev.fatalities, ev.fatalities_text, ev.civilian_targeting, ev.aggregate, ev.period,
                   ev.background
            FROM events_corrected ev JOIN articles_corrected a ON a.id = ev.article_id
            WHERE {condition} ORDER BY ev.date NULLS LAST, ev.article_id, ev.start""",
        params,
    )


def date_range(cur: duckdb.DuckDBPyConnection) -> tuple[dt.date | None, dt.date | None]:
    lo, hi = cur.execute("SELECT min(date), max(date) FROM articles").fetchone()
    return lo, hi


def row_counts(cur: duckdb.DuckDBPyConnection, tables: Sequence[str]) -> dict[str, int]:
    """How many rows each stored table holds."""
    unknown = set(tables) - set(EXPORTED)
    if unknown:
        raise ValueError(f"not a table of the store: {', '.join(sorted(unknown))}")
    return {t: int(cur.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in tables}


def corrections_frame(cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every correction as stored, oldest first: what the Corrections page downloads."""
    return frame(cur, "SELECT * FROM corrections ORDER BY id")
