"""What the gazetteer holds: :class:`Place` and its feature types (shared by the gazetteer and its packs).

Importable from :mod:`wirelens.geo.gazetteer` too, where the rest of wirelens has always found them.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["CITY", "CONTINENT", "COUNTRY", "DISTRICT", "FEATURE", "REGION", "Place"]

CONTINENT, COUNTRY, REGION, DISTRICT, CITY, FEATURE = "continent", "country", "region", "district", "city", "feature"


class Place(NamedTuple):
    geonameid: int | None  # None for regions not found in GeoNames' table (see points.py) and Who's On First units
    name: str
    lat: float
    lon: float
    country_code: str
    feature_type: str  # continent, country, region, district, city or feature
    population: int  # 0 where unknown: most villages of a pack
    capital: bool = False  # a national capital: "Washington" is DC before the state
    # The first-level region's code, where known: a region's own ISO 3166-2 code without the country
    # ("CA" for California) and a US county's state ("CA" for Orange County, California).
    admin1: str = ""
    admin2: str = ""  # the district's name, where a pack knows it ("Al Ma'ra" for Kafr Nabl)
    pack: str = ""  # the pack the place came from ("conflict"); "" for the packaged gazetteer and added dumps
