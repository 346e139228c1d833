"""Read queries for the map, the timeline and the sidebar filters that scale: each takes a cursor.

Counts are made in DuckDB so a page ships counts, not rows; every condition is built by
:func:`wirelens.store.filters.where`. :class:`wirelens.store.database.Store` exposes each one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

import duckdb

from wirelens.store.filters import Filters, where

if TYPE_CHECKING:
    import pandas as pd

PERIODS = {"day": "day", "week": "week", "month": "month"}  # date_trunc units a caller may ask for


def title_search(cur: duckdb.DuckDBPyConnection, text: str, limit: int) -> list[tuple[str, str | None]]:
    """(id, title) of the articles whose title contains ``text`` (any case), newest first, at most ``limit``."""
    condition, params = where([("title", "contains", text.strip().lower() or None)])
    return cur.execute(
        f"SELECT id, title FROM articles WHERE {condition} ORDER BY date DESC NULLS LAST, title LIMIT {int(limit)}",
        params,
    ).fetchall()


def title_matches(cur: duckdb.DuckDBPyConnection, text: str) -> list[str]:
    """Ids of every article whose title contains ``text``."""
    condition, params = where([("title", "contains", text.strip().lower() or None)])
    return [i for (i,) in cur.execute(f"SELECT id FROM articles WHERE {condition}", params).fetchall()]


def articles_by_prefix(cur: duckdb.DuckDBPyConnection, prefixes: Sequence[str]) -> list[tuple[str, str | None]]:
    """(id, title) of the articles whose id starts with one of ``prefixes`` (the short ids in URLs)."""
    wanted = [p for p in prefixes if p]
    if not wanted:
        return []
    condition, params = where([("id8", "in", wanted)])
    return cur.execute(
        f"SELECT id, title FROM (SELECT id, title, left(id, 8) AS id8 FROM articles) WHERE {condition}", params
    ).fetchall()


def sources(cur: duckdb.DuckDBPyConnection) -> list[str]:
    """Outlets (the ``source`` column), most articles first."""
    return [
        s
        for (s,) in cur.execute(
            "SELECT source FROM articles_corrected WHERE source IS NOT NULL AND source <> '' "
            "GROUP BY source ORDER BY count(*) DESC, source"
        ).fetchall()
    ]


def place_names(cur: duckdb.DuckDBPyConnection, limit: int) -> list[str]:
    """Names of literally mentioned places (not countries standing for governments), most articles first."""
    condition, params = where([("metonymic", "is not true", True)])
    return [
        n
        for (n,) in cur.execute(
            f"SELECT name FROM places_corrected WHERE {condition} GROUP BY name "
            f"ORDER BY count(DISTINCT article_id) DESC, name LIMIT {int(limit)}",
            params,
        ).fetchall()
    ]


def event_types(cur: duckdb.DuckDBPyConnection) -> list[str]:
    return [
        t
        for (t,) in cur.execute(
            "SELECT DISTINCT type FROM events_corrected WHERE type IS NOT NULL ORDER BY type"
        ).fetchall()
    ]


def event_date_range(cur: duckdb.DuckDBPyConnection) -> tuple[dt.date | None, dt.date | None]:
    lo, hi = cur.execute("SELECT min(date), max(date) FROM events_corrected").fetchone()
    return lo, hi


def articles_with(
    cur: duckdb.DuckDBPyConnection,
    *,
    sources: Sequence[str] | None = None,
    places: Sequence[str] | None = None,
    event_types: Sequence[str] | None = None,
    event_from: dt.date | None = None,
    event_to: dt.date | None = None,
) -> set[str] | None:
    """Ids of the articles from one of ``sources``, naming one of ``places``, and reporting an event of one of
    ``event_types`` dated in [event_from, event_to]; None when no such condition is asked for."""
    found: list[set[str]] = []
    if sources:
        condition, params = where([("source", "in", list(sources))])
        found.append(
            {i for (i,) in cur.execute(f"SELECT id FROM articles_corrected WHERE {condition}", params).fetchall()}
        )
    if places:
        condition, params = where([("name", "in", list(places))])
        found.append(
            {
                i
                for (i,) in cur.execute(
                    f"SELECT DISTINCT article_id FROM places_corrected WHERE {condition}", params
                ).fetchall()
            }
        )
    if event_types or event_from or event_to:
        condition, params = where(
            [
                ("type", "in", list(event_types) if event_types else None),
                ("date", ">=", event_from),
                ("date", "<=", event_to),
                ("aggregate", "is not true", True),
            ]
        )
        found.append(
            {
                i
                for (i,) in cur.execute(
                    f"SELECT DISTINCT article_id FROM events_corrected WHERE {condition}", params
                ).fetchall()
            }
        )
    if not found:
        return None
    return set.intersection(*found)


def event_timeline(
    cur: duckdb.DuckDBPyConnection, filters: Filters, period: str, date_from: dt.date | None, date_to: dt.date | None
) -> pd.DataFrame:
    """Dated single events per ``period`` (day, week, month) and type: count and reported fatalities."""
    unit = PERIODS[period]
    condition, params = where(
        [
            *filters.conditions(),
            *filters.event_conditions("ev"),
            ("ev.date", "is not null", True),
            ("ev.aggregate", "is not true", True),
            ("ev.date", ">=", date_from),
            ("ev.date", "<=", date_to),
        ]
    )
    return cur.execute(
        f"""SELECT CAST(date_trunc('{unit}', ev.date) AS DATE) AS period, ev.type,
                   count(*) AS events, coalesce(sum(ev.fatalities), 0) AS fatalities
            FROM events_corrected ev JOIN articles_corrected a ON a.id = ev.article_id
            WHERE {condition} GROUP BY ALL ORDER BY period, ev.type""",
        params,
    ).df()


def article_timeline(cur: duckdb.DuckDBPyConnection, filters: Filters, period: str) -> pd.DataFrame:
    """Dated articles per ``period`` and outlet (``source``; "unknown outlet" when none)."""
    unit = PERIODS[period]
    condition, params = filters.where(("a.date", "is not null", True))
    return cur.execute(
        f"""SELECT CAST(date_trunc('{unit}', a.date) AS DATE) AS period,
                   coalesce(nullif(a.source, ''), 'unknown outlet') AS source, count(*) AS articles
            FROM articles_corrected a WHERE {condition} GROUP BY ALL ORDER BY period, source""",
        params,
    ).df()
