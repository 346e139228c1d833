"""Numbered schema migrations, and the store's schema version recorded in its ``meta`` table.

Migration 1 is the original schema; each later change to the schema is one more numbered step,
run once, in its own transaction with the version it brings the store to. Opening a store runs
the steps it lacks, and only those (see :class:`wirelens.store.database.Store` for a read-only
open of a store that is behind).

Stores written before the steps were numbered all record version 1, whatever their shape: one
may lack everything after the original schema, another have all of it. Steps 2 to 4 are
therefore written to be no-ops on a store that already has their change (``IF NOT EXISTS``);
steps from 5 on can assume the store is exactly at the version before them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import duckdb

from wirelens.store import corrections, schema, surnames


class Migration(NamedTuple):
    version: int  # the schema version once this step has run
    why: str
    apply: Callable[[duckdb.DuckDBPyConnection], object]


MIGRATIONS = (
    Migration(
        1,
        "the original schema: articles, sentences, entities, places, quotes, events",
        lambda cur: cur.execute(schema.ORIGINAL),
    ),
    Migration(
        2,
        "the layers: quote speaker types, the events layer's columns, interactions",
        lambda cur: cur.execute(schema.LAYERS),
    ),
    Migration(3, "corrections: their table and the *_corrected views every query reads", corrections.create),
    Migration(4, "provenance: the extraction code that read each article", lambda cur: cur.execute(schema.EXTRACTOR)),
    Migration(
        5,
        "events: the background flag (more than a year before the article); views re-read",
        lambda cur: (cur.execute(schema.BACKGROUND), corrections.create(cur)),
    ),
    Migration(
        6,
        "outlets: renames and an article's outlet are corrections, read through the articles_corrected view",
        corrections.create,
    ),
    Migration(
        7,
        "actors: lone surnames merged across the corpus (surname_merges), read through actor_renames",
        lambda cur: (corrections.create(cur), surnames.refresh(cur)),
    ),
)
SCHEMA_VERSION = MIGRATIONS[-1].version
assert [m.version for m in MIGRATIONS] == list(range(1, SCHEMA_VERSION + 1)), "migrations are numbered 1, 2, ..."


class StoreTooNew(RuntimeError):
    """The store was written by a newer wirelens, whose schema this one does not know."""


def stored_version(cur: duckdb.DuckDBPyConnection) -> int:
    """The schema version the store records; 0 for a new, empty database."""
    has_meta = cur.execute(
        "SELECT 1 FROM information_schema.tables WHERE table_name = 'meta' AND table_schema = 'main'"
    ).fetchone()
    if not has_meta:
        return 0
    row = cur.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def check(version: int, path: object) -> None:
    """Refuse a store from a newer wirelens: reading or writing it could misread or damage it."""
    if version > SCHEMA_VERSION:
        raise StoreTooNew(
            f"{path}: the store has schema version {version}, newer than this wirelens knows "
            f"(up to {SCHEMA_VERSION}); upgrade wirelens to open it"
        )


def behind(cur: duckdb.DuckDBPyConnection, path: object) -> bool:
    """Whether the store lacks a migration (after refusing one that is too new)."""
    version = stored_version(cur)
    check(version, path)
    return version < SCHEMA_VERSION


def migrate(cur: duckdb.DuckDBPyConnection, path: object) -> list[int]:
    """Run the migrations the store lacks, in order; returns the versions applied."""
    version = stored_version(cur)
    check(version, path)
    applied = []
    for step in MIGRATIONS[version:]:
        cur.execute("BEGIN TRANSACTION")
        try:
            step.apply(cur)
            cur.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(step.version)])
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        applied.append(step.version)
    return applied
