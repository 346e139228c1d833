"""Read queries for the quote, network and reader views: each takes a cursor (pattern: queries.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import duckdb

from wirelens.store.filters import Filters
from wirelens.store.queries import _quote_where, frame

if TYPE_CHECKING:
    import pandas as pd


def quote_days(
    cur: duckdb.DuckDBPyConnection, filters: Filters, search: str | None, kinds: Sequence[str] | None
) -> pd.DataFrame:
    """Every matching dated quote, counted per speaker, day and kind: a chart of any corpus's quotes
    in rows bounded by speakers × days, never one row per quote."""
    condition, params = _quote_where(filters, None, search, kinds)
    return frame(
        cur,
        f"""SELECT q.speaker, any_value(q.speaker_type) AS speaker_type, q.date, q.kind,
                   count(*) AS quotes
            FROM quotes_corrected q JOIN articles_corrected a ON a.id = q.article_id
            WHERE {condition} AND q.date IS NOT NULL
            GROUP BY q.speaker, q.date, q.kind ORDER BY q.date, q.speaker""",
        params,
    )
