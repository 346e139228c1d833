"""A lone surname across the corpus: "Biden" in an article that never says "Joe Biden" is Joe Biden
when the corpus's other articles name one Biden far more than any other.

Within one article the actor step already merges a surname into the full name it follows. Across
articles only the store sees the corpus, so the merge lives here: a table ``surname_merges`` (old, new)
recomputed from the extracted entities after each ingest, and read through ``actor_renames`` by every
corrected view, so pages, queries and exports all see it. A researcher's own correction of the lone
name wins: a name with a ``rename_actor`` correction is never merged automatically.
"""

from __future__ import annotations

import duckdb

# The full name must be this many times as mentioned as the next person of that surname ("Joe Biden" 125,
# "Hunter Biden" 7): otherwise the surname stays itself rather than picking a namesake.
DOMINANCE = 3
MIN_MENTIONS = 2  # mentions of the full name across the corpus

TABLE = """
CREATE TABLE IF NOT EXISTS surname_merges (old VARCHAR PRIMARY KEY, new VARCHAR NOT NULL, mentions INTEGER);
"""

_REFRESH = f"""
DELETE FROM surname_merges;
INSERT INTO surname_merges
WITH persons AS (
    SELECT actor AS name, count(*) AS mentions FROM entities
    WHERE actor_type = 'person' AND actor IS NOT NULL GROUP BY actor),
lone AS (
    SELECT name FROM persons
    WHERE name NOT LIKE '% %' AND length(name) >= 3 AND regexp_matches(name, '^[A-Z][a-z]')
      AND name NOT IN (SELECT old FROM corrections WHERE kind = 'rename_actor')
      -- a first name of someone too ("Hunter" of Hunter Biden) is no one's surname for sure
      AND name NOT IN (SELECT regexp_extract(name, '^([^ ]+) ', 1) FROM persons WHERE name LIKE '% %')),
full_names AS (
    SELECT name, mentions, regexp_extract(name, '([^ ]+)$', 1) AS surname,
           row_number() OVER (PARTITION BY regexp_extract(name, '([^ ]+)$', 1) ORDER BY mentions DESC, name) AS rank,
           lead(mentions) OVER (PARTITION BY regexp_extract(name, '([^ ]+)$', 1) ORDER BY mentions DESC, name) AS next
    FROM persons WHERE name LIKE '% %')
SELECT lone.name, f.name, f.mentions FROM lone JOIN full_names f ON f.surname = lone.name AND f.rank = 1
WHERE f.mentions >= {MIN_MENTIONS} AND (f.next IS NULL OR f.mentions >= {DOMINANCE} * f.next);
"""


def create(cur: duckdb.DuckDBPyConnection) -> None:
    cur.execute(TABLE)


def refresh(cur: duckdb.DuckDBPyConnection) -> int:
    """Recompute the merges from the stored entities (in the caller's transaction); how many there are."""
    cur.execute(_REFRESH)
    return int(cur.execute("SELECT count(*) FROM surname_merges").fetchone()[0])
