"""A researcher's corrections: merged or renamed actors and outlets, an article's outlet, moved places,
dismissed quotes and events.

Extracted rows are never edited. Corrections live in their own table and the ``*_corrected``
views apply them, so every page, query and export sees them, re-extracting an article keeps
them, and undoing one is deleting its row.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

import duckdb

from wirelens.store import surnames

KINDS = ("rename_actor", "move_place", "dismiss_quote", "dismiss_event", "rename_source", "set_source")

_TABLE = """
CREATE SEQUENCE IF NOT EXISTS correction_ids;
CREATE TABLE IF NOT EXISTS corrections (
    id BIGINT PRIMARY KEY DEFAULT nextval('correction_ids'),
    kind VARCHAR NOT NULL,
    article_id VARCHAR, start INTEGER, "end" INTEGER,   -- the quote or event dismissed
    old VARCHAR, new VARCHAR,                           -- actor: old -> new name; place: old -> new name
    old_lat DOUBLE, old_lon DOUBLE,                     -- place: which resolution of the old name
    lat DOUBLE, lon DOUBLE, country_code VARCHAR,       -- place: where it really is
    note VARCHAR, made_at TIMESTAMP
);
"""
# Places are matched by name and position: the same name resolved to two places is two places.
_SAME_PLACE = "pm.old = {t}.{name} AND abs(pm.old_lat - {t}.lat) < 1e-6 AND abs(pm.old_lon - {t}.lon) < 1e-6"

_VIEWS = """
CREATE OR REPLACE VIEW source_renames AS
    SELECT old, new FROM corrections WHERE kind = 'rename_source';
CREATE OR REPLACE VIEW articles_corrected AS
    -- An article's own outlet set by hand first, then outlet renames (merging two spellings) over it.
    WITH own AS (
        SELECT a.* REPLACE (CASE WHEN s.article_id IS NULL THEN a.source ELSE s.new END AS source)
        FROM articles a LEFT JOIN (SELECT article_id, new FROM corrections WHERE kind = 'set_source') s
            ON s.article_id = a.id)
    SELECT own.* REPLACE (coalesce(r.new, own.source) AS source) FROM own LEFT JOIN source_renames r ON r.old = own.source;
CREATE OR REPLACE VIEW actor_renames AS
    SELECT old, new FROM corrections WHERE kind = 'rename_actor'
    UNION ALL  -- a lone surname merged across the corpus (store/surnames.py); a researcher's rename wins
    SELECT sm.old, coalesce(r.new, sm.new) FROM surname_merges sm
        LEFT JOIN corrections r ON r.kind = 'rename_actor' AND r.old = sm.new
    WHERE sm.old NOT IN (SELECT old FROM corrections WHERE kind = 'rename_actor');
CREATE OR REPLACE VIEW place_moves AS
    SELECT old, old_lat, old_lon, new, lat, lon, country_code FROM corrections WHERE kind = 'move_place';
CREATE OR REPLACE VIEW entities_corrected AS
    SELECT e.* REPLACE (coalesce(r.new, e.actor) AS actor)
    FROM entities e LEFT JOIN actor_renames r ON r.old = e.actor;
CREATE OR REPLACE VIEW places_corrected AS
    SELECT p.* REPLACE (coalesce(pm.new, p.name) AS name, coalesce(pm.lat, p.lat) AS lat,
                        coalesce(pm.lon, p.lon) AS lon, coalesce(pm.country_code, p.country_code) AS country_code)
    FROM places p LEFT JOIN place_moves pm ON {same_place_p};
CREATE OR REPLACE VIEW quotes_corrected AS
    SELECT q.* REPLACE (coalesce(r.new, q.speaker) AS speaker)
    FROM quotes q LEFT JOIN actor_renames r ON r.old = q.speaker
    WHERE NOT EXISTS (SELECT 1 FROM corrections c WHERE c.kind = 'dismiss_quote' AND c.article_id = q.article_id
                      AND c.start = q.start AND c."end" = q."end");
CREATE OR REPLACE VIEW events_corrected AS
    WITH names AS (
        SELECT coalesce(map_from_entries(list(struct_pack(k := old, v := new))), MAP{{}}::MAP(VARCHAR, VARCHAR)) AS m
        FROM actor_renames),
    renamed AS (
        SELECT ev.* REPLACE (list_transform(ev.actors, lambda x: coalesce(names.m[x], x)) AS actors,
                             coalesce(names.m[ev.actor1], ev.actor1) AS actor1,
                             coalesce(names.m[ev.actor2], ev.actor2) AS actor2,
                             coalesce(pm.new, ev.place) AS place, coalesce(pm.lat, ev.lat) AS lat,
                             coalesce(pm.lon, ev.lon) AS lon, coalesce(pm.country_code, ev.country_code) AS country_code)
        FROM events ev CROSS JOIN names LEFT JOIN place_moves pm ON {same_place_ev}
        WHERE NOT EXISTS (SELECT 1 FROM corrections c WHERE c.kind = 'dismiss_event'
                          AND c.article_id = ev.article_id AND c.start = ev.start AND c."end" = ev."end"))
    -- A merge can make two actors of one event the same: keep the first, in order.
    SELECT renamed.* REPLACE (list_filter(actors, lambda x, i: list_position(actors, x) = i) AS actors) FROM renamed;
CREATE OR REPLACE VIEW interactions_corrected AS
    SELECT i.* REPLACE (coalesce(rs.new, i.source) AS source, coalesce(rt.new, i.target) AS target)
    FROM interactions i LEFT JOIN actor_renames rs ON rs.old = i.source LEFT JOIN actor_renames rt ON rt.old = i.target
    WHERE coalesce(rs.new, i.source) <> coalesce(rt.new, i.target);  -- merged into one actor: no self-edge
CREATE OR REPLACE VIEW actors AS
    SELECT actor AS name, any_value(actor_type) AS type, count(*) AS mentions, count(DISTINCT article_id) AS articles
    FROM entities_corrected WHERE actor IS NOT NULL GROUP BY actor;
"""

# What each extraction table is read through.
CORRECTED = {
    "articles": "articles_corrected",
    "entities": "entities_corrected",
    "places": "places_corrected",
    "quotes": "quotes_corrected",
    "events": "events_corrected",
    "interactions": "interactions_corrected",
}


class Correction(NamedTuple):
    id: int
    kind: str
    article_id: str | None
    start: int | None
    end: int | None
    old: str | None
    new: str | None
    old_lat: float | None
    old_lon: float | None
    lat: float | None
    lon: float | None
    country_code: str | None
    note: str | None
    made_at: dt.datetime | None


class CorrectionError(ValueError):
    """A correction that cannot be made (empty name, renaming an actor to itself, bad coordinates)."""


def create(cur: duckdb.DuckDBPyConnection) -> None:
    """The corrections table and the corrected views, on a store opened for writing."""
    cur.execute(_TABLE)
    surnames.create(cur)  # the views read its merges
    cur.execute(
        _VIEWS.format(
            same_place_p=_SAME_PLACE.format(t="p", name="name"),
            same_place_ev=_SAME_PLACE.format(t="ev", name="place"),
        )
    )


def present(cur: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store has the corrected views (stores written before corrections existed do not)."""
    found = cur.execute("SELECT 1 FROM information_schema.tables WHERE table_name = 'entities_corrected'")
    return found.fetchone() is not None


def rename_actor(cur: duckdb.DuckDBPyConnection, old: str, new: str, note: str = "") -> None:
    """Show every mention of ``old`` as ``new``: a rename, or a merge when ``new`` already exists.

    The mapping is kept flat (no name is both renamed and a rename's target), so chains of
    merges resolve in one step and renaming back undoes the earlier merge instead of looping.
    """
    old, new = old.strip(), new.strip()
    if not old or not new:
        raise CorrectionError("an actor name cannot be empty")
    if old == new:
        raise CorrectionError(f"{old!r} is already called that")
    target = _renamed(cur, new) or new
    if target == old:  # renaming back: new had been merged into old
        cur.execute("DELETE FROM corrections WHERE kind = 'rename_actor' AND old = ?", [new])
        target = new
    cur.execute("DELETE FROM corrections WHERE kind = 'rename_actor' AND old = ?", [old])
    cur.execute("UPDATE corrections SET new = ? WHERE kind = 'rename_actor' AND new = ?", [target, old])
    _insert(cur, kind="rename_actor", old=old, new=target, note=note)


def rename_source(cur: duckdb.DuckDBPyConnection, old: str, new: str, note: str = "") -> int:
    """Show outlet ``old`` as ``new`` (merging two spellings of one outlet); how many articles it names.
    Kept flat like actor renames: renaming back undoes the earlier merge."""
    old, new = old.strip(), new.strip()
    if not old or not new:
        raise CorrectionError("an outlet name cannot be empty")
    if old == new:
        raise CorrectionError(f"{old!r} is already called that")
    count = cur.execute("SELECT count(*) FROM articles_corrected WHERE source = ?", [old]).fetchone()[0]
    renamed = cur.execute("SELECT new FROM corrections WHERE kind = 'rename_source' AND old = ?", [new]).fetchone()
    target = renamed[0] if renamed else new
    if target == old:  # renaming back: undo the merge of new into old, and record nothing
        cur.execute("DELETE FROM corrections WHERE kind = 'rename_source' AND old = ?", [new])
        return int(count)
    cur.execute("DELETE FROM corrections WHERE kind = 'rename_source' AND old = ?", [old])
    cur.execute("UPDATE corrections SET new = ? WHERE kind = 'rename_source' AND new = ?", [target, old])
    _insert(cur, kind="rename_source", old=old, new=target, note=note)
    return int(count)


def set_source(cur: duckdb.DuckDBPyConnection, article_id: str, source: str | None, note: str = "") -> None:
    """Name the outlet of one article (None or blank: no outlet); the ingested value is kept underneath."""
    found = cur.execute("SELECT source FROM articles WHERE id = ?", [article_id]).fetchone()
    if found is None:
        raise CorrectionError(f"no article {article_id!r} in the store")
    cur.execute("DELETE FROM corrections WHERE kind = 'set_source' AND article_id = ?", [article_id])
    _insert(cur, kind="set_source", article_id=article_id, old=found[0], new=(source or "").strip() or None, note=note)


def move_place(
    cur: duckdb.DuckDBPyConnection,
    name: str,
    lat: float,
    lon: float,
    *,
    new_name: str,
    new_lat: float,
    new_lon: float,
    country_code: str | None = None,
    note: str = "",
) -> None:
    """Put every mention of the place shown as ``name`` at (lat, lon) somewhere else."""
    if not (-90 <= new_lat <= 90 and -180 <= new_lon <= 180):
        raise CorrectionError(f"({new_lat}, {new_lon}) is not a position on Earth")
    new_name = new_name.strip() or name
    # Moving a place that was moved before: correct the earlier move instead of stacking a second.
    earlier = cur.execute(
        "SELECT old, old_lat, old_lon FROM corrections WHERE kind = 'move_place' AND new = ? "
        "AND abs(lat - ?) < 1e-6 AND abs(lon - ?) < 1e-6",
        [name, lat, lon],
    ).fetchone()
    if earlier is not None:
        name, lat, lon = earlier
    cur.execute(
        "DELETE FROM corrections WHERE kind = 'move_place' AND old = ? AND abs(old_lat - ?) < 1e-6 "
        "AND abs(old_lon - ?) < 1e-6",
        [name, lat, lon],
    )
    _insert(
        cur,
        kind="move_place",
        old=name,
        new=new_name,
        old_lat=lat,
        old_lon=lon,
        lat=new_lat,
        lon=new_lon,
        country_code=country_code,
        note=note,
    )


def dismiss(cur: duckdb.DuckDBPyConnection, kind: str, article_id: str, start: int, end: int, note: str = "") -> None:
    """Hide one quote (``kind="quote"``) or event (``kind="event"``) from every page and export."""
    if kind not in ("quote", "event"):
        raise CorrectionError(f"only quotes and events can be dismissed, not {kind!r}")
    correction = f"dismiss_{kind}"
    cur.execute(
        'DELETE FROM corrections WHERE kind = ? AND article_id = ? AND start = ? AND "end" = ?',
        [correction, article_id, start, end],
    )
    _insert(cur, kind=correction, article_id=article_id, start=start, end=end, note=note)


def undo(cur: duckdb.DuckDBPyConnection, correction_id: int) -> bool:
    """Delete one correction; False if there was none with that id."""
    found = cur.execute("SELECT 1 FROM corrections WHERE id = ?", [correction_id]).fetchone()
    cur.execute("DELETE FROM corrections WHERE id = ?", [correction_id])
    return found is not None


def listed(cur: duckdb.DuckDBPyConnection) -> list[Correction]:
    rows = cur.execute(f"SELECT {', '.join(_quoted(Correction._fields))} FROM corrections ORDER BY id").fetchall()
    return [Correction(*row) for row in rows]


def _renamed(cur: duckdb.DuckDBPyConnection, name: str) -> str | None:
    row = cur.execute("SELECT new FROM corrections WHERE kind = 'rename_actor' AND old = ?", [name]).fetchone()
    return row[0] if row else None


def _insert(cur: duckdb.DuckDBPyConnection, **values: object) -> None:
    values["made_at"] = dt.datetime.now()
    columns = ", ".join(_quoted(values))
    cur.execute(f"INSERT INTO corrections ({columns}) VALUES ({', '.join('?' * len(values))})", list(values.values()))


def _quoted(names: object) -> list[str]:
    return [f'"{n}"' for n in names]  # type: ignore[union-attr]
