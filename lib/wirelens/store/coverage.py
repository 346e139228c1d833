"""Queries for comparing outlets (the Coverage page), and the edits of an article's outlet.

Each takes a cursor, reads the ``*_corrected`` views and builds its condition with
:func:`wirelens.store.filters.where`; :class:`wirelens.store.database.Store` exposes each one.
An article without a ``source`` counts under :data:`UNKNOWN_OUTLET`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import duckdb

from wirelens.store.filters import Filters

if TYPE_CHECKING:
    import pandas as pd

UNKNOWN_OUTLET = "unknown outlet"
_OUTLET = f"coalesce(nullif(trim(a.source), ''), '{UNKNOWN_OUTLET}')"


def outlet_summary(cur: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Per outlet: articles, first and last publication date, quotes and single events reported."""
    condition, params = filters.where()
    return cur.execute(
        f"""WITH a AS (SELECT a.id, a.date, {_OUTLET} AS outlet FROM articles_corrected a WHERE {condition})
            SELECT a.outlet, count(*) AS articles, min(a.date) AS first, max(a.date) AS last,
                   (SELECT count(*) FROM quotes_corrected q WHERE q.article_id IN
                        (SELECT id FROM a a2 WHERE a2.outlet = a.outlet)) AS quotes,
                   (SELECT count(*) FROM events_corrected ev WHERE NOT coalesce(ev.aggregate, FALSE) AND ev.article_id IN
                        (SELECT id FROM a a2 WHERE a2.outlet = a.outlet)) AS events
            FROM a GROUP BY a.outlet ORDER BY articles DESC, a.outlet""",
        params,
    ).df()


def outlet_actor_types(cur: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Per outlet and actor type: mentions of actors, and how many distinct actors."""
    condition, params = filters.where(("e.actor", "is not null", True))
    return cur.execute(
        f"""SELECT {_OUTLET} AS outlet, coalesce(e.actor_type, 'unknown') AS actor_type,
                   count(*) AS mentions, count(DISTINCT e.actor) AS actors
            FROM entities_corrected e JOIN articles_corrected a ON a.id = e.article_id
            WHERE {condition} GROUP BY ALL ORDER BY outlet, mentions DESC""",
        params,
    ).df()


def outlet_top_actors(cur: duckdb.DuckDBPyConnection, filters: Filters, limit: int) -> pd.DataFrame:
    """Each outlet's ``limit`` most mentioned actors, with their type and mentions."""
    condition, params = filters.where(("e.actor", "is not null", True))
    return cur.execute(
        f"""SELECT {_OUTLET} AS outlet, e.actor, any_value(e.actor_type) AS actor_type,
                   count(*) AS mentions
            FROM entities_corrected e JOIN articles_corrected a ON a.id = e.article_id
            WHERE {condition} GROUP BY 1, 2
            QUALIFY row_number() OVER (PARTITION BY outlet ORDER BY mentions DESC, e.actor) <= {int(limit)}
            ORDER BY outlet, mentions DESC, e.actor""",
        params,
    ).df()


def outlet_quote_kinds(cur: duckdb.DuckDBPyConnection, filters: Filters) -> pd.DataFrame:
    """Per outlet, speaker type and kind of quote (direct, partial, indirect): how many quotes."""
    condition, params = filters.where()
    return cur.execute(
        f"""SELECT {_OUTLET} AS outlet, coalesce(q.speaker_type, 'unknown') AS speaker_type,
                   q.kind, count(*) AS quotes
            FROM quotes_corrected q JOIN articles_corrected a ON a.id = q.article_id
            WHERE {condition} GROUP BY ALL ORDER BY outlet, quotes DESC""",
        params,
    ).df()


def outlet_speakers(cur: duckdb.DuckDBPyConnection, filters: Filters, limit: int) -> pd.DataFrame:
    """Each outlet's ``limit`` most quoted speakers: quotes, and the share quoted directly (direct or partial)."""
    condition, params = filters.where(("q.speaker", "is not null", True))
    return cur.execute(
        f"""SELECT {_OUTLET} AS outlet, q.speaker, any_value(q.speaker_type) AS speaker_type,
                   count(*) AS quotes,
                   round(count(*) FILTER (WHERE q.kind IN ('direct', 'partial')) / count(*), 3) AS direct_share
            FROM quotes_corrected q JOIN articles_corrected a ON a.id = q.article_id
            WHERE {condition} GROUP BY 1, 2
            QUALIFY row_number() OVER (PARTITION BY outlet ORDER BY quotes DESC, q.speaker) <= {int(limit)}
            ORDER BY outlet, quotes DESC, q.speaker""",
        params,
    ).df()
