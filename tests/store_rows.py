"""Every row of a store's table as plain tuples, for comparing stores value for value."""

from __future__ import annotations

from wirelens.store.database import Store


def table_rows(store: Store, table: str) -> list[tuple]:
    skip = " EXCLUDE (ingested_at)" if table == "articles" else ""  # the time of the insert
    with store._con.cursor() as cur:  # plain tuples: list columns compare as lists
        return cur.execute(f"SELECT *{skip} FROM {table} ORDER BY ALL").fetchall()
