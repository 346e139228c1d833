"""Matching countries and regions to GeoNames' own points (a hand-made table, no packaged data)."""

from __future__ import annotations

import pytest

from wirelens.geo.points import GeoNamesPoints, bare_region_name

ROWS = [  # (id, name, country, lat, lon), as in the packaged points file
    (6252001, "United States", "US", 39.76, -98.5),
    (5128638, "New York", "US", 43.0, -75.5),  # the state
    (5128594, "New York County", "US", 40.78, -73.97),
    (5128581, "New York City", "US", 40.71, -74.01),
    (169387, "Idlib Governorate", "SY", 35.83, 36.67),
    (169389, "Idlib", "SY", 35.93, 36.63),  # the city: a populated place
    (2152274, "State of Queensland", "AU", -20.0, 145.0),
    (1, "Springfield", "US", 44.0, -123.0),
    (2, "Springfield", "US", 39.8, -89.6),
]
POPULATED = {5128581, 169389}


def points_table(rows: list[tuple]) -> GeoNamesPoints:
    """A table laid out as the packaged points file, from (id, name, country, state, lat, lon) rows."""
    return GeoNamesPoints(rows)


@pytest.fixture
def points() -> GeoNamesPoints:
    return points_table([(gid, name, country, None, lat, lon) for gid, name, country, lat, lon in ROWS])


@pytest.mark.parametrize(
    ("name", "bare"),
    [
        ("State of Queensland", "Queensland"),
        ("Al-Hasakah Governorate", "Al-Hasakah"),
        ("Land Berlin", "Berlin"),
        ("Province of Alberta", "Alberta"),
        ("Queensland", "Queensland"),
        ("Stateline", "Stateline"),  # an admin word inside a name stays
    ],
)
def test_bare_region_name(name, bare):
    assert bare_region_name(name) == bare


def test_a_country_by_its_geonames_id(points):
    assert points.by_id(6252001).lat == 39.76
    assert points.by_id(999) is None and points.by_id(None) is None


@pytest.mark.parametrize(
    ("country", "names", "centroid", "expected"),
    [
        ("US", {"New York"}, (42.9, -75.6), 5128638),  # the state, not New York County nearer the city
        ("SY", {"Idlib Governorate", "Idlib"}, (35.8, 36.6), 169387),  # never the city of that name
        ("AU", {"Queensland"}, (-22.5, 144.5), 2152274),  # found without its admin words
        ("AU", {"Queensland"}, (-40.0, 170.0), None),  # a lone match, but too far to be the same region
        ("US", {"Springfield"}, (39.0, -89.0), 2),  # several: the nearest
        ("US", {"Springfield"}, (30.0, -80.0), None),  # several, none near
        ("SY", {"Homs"}, (34.7, 37.0), None),  # not in the table
        ("FR", {"New York"}, (43.0, -75.5), None),  # other country
    ],
)
def test_a_region_by_name_near_its_centroid(points, country, names, centroid, expected):
    found = points.region(country, names, *centroid, POPULATED)
    assert (found.geonameid if found else None) == expected


def test_an_empty_table_finds_nothing():
    empty = GeoNamesPoints(None)
    assert empty.by_id(6252001) is None
    assert empty.region("US", {"New York"}, 43.0, -75.5, set()) is None
