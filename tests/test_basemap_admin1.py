"""The offline basemap's admin-1 areas: the packaged file, the build on a tiny input with a known answer, and
what the map is sent (outlines only zoomed in, only the units in view, names that do not overlap)."""

from __future__ import annotations

import gzip
import json

import pytest

from wirelens.dashboard.basemap import (
    ADMIN1_STYLE,
    LABEL_PX,
    UPPER_WIDTH,
    admin1_labels,
    admin1_units,
    admin1_visible,
    basemap_layers,
    countries,
    country_labels,
    decode_ring,
    disc_box,
    view_zoom,
)
from wirelens.dashboard.map_labels import MapLabel, label_box

SYRIA = (35.5, 32.0, 42.5, 37.5)  # about what the seed's map shows
WORLD = (-180.0, -60.0, 180.0, 80.0)


def _area(ring: list[list[float]]) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:]))) / 2


def _meet(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


# --- the packaged file -------------------------------------------------------------------------------------


def test_every_packaged_unit_is_closed_rings_inside_its_country():
    # A country across the 180th meridian (Russia) reaches the map's edges, where its units are cut.
    boxes = [
        [*c["bbox"][:2], 180.0 if c["bbox"][0] <= -179.9 else c["bbox"][2], c["bbox"][3]] for c in countries("50m")
    ]
    units = admin1_units()
    assert len(units) > 1000 and {"SY", "IQ", "TR", "US", "FR"} <= {u["cc"] for u in units}
    for unit in units:
        lo_lon, lo_lat, hi_lon, hi_lat = unit["bbox"]
        assert any(
            b[0] - 0.02 <= lo_lon and b[1] - 0.02 <= lo_lat and hi_lon <= b[2] + 0.02 and hi_lat <= b[3] + 0.02
            for b in boxes
        ), f"{unit['cc']} {unit['name']} spills out of every country's box"
        assert lo_lon <= unit["label"][0] <= hi_lon and lo_lat <= unit["label"][1] <= hi_lat
        for ring in map(decode_ring, unit["rings"]):
            assert len(ring) >= 4 and ring[0] == ring[-1] and _area(ring) > 0
            assert all(lo_lon - 0.01 <= x <= hi_lon + 0.01 and lo_lat - 0.01 <= y <= hi_lat + 0.01 for x, y in ring)


def test_syrian_governorates_are_named_and_where_they_belong():
    syria = {u["name"]: u for u in admin1_units() if u["cc"] == "SY"}
    assert {"Aleppo", "Al-Hasakah", "Idlib", "Deir ez-Zor", "Damascus", "Homs"} <= set(syria)
    assert 36.5 < syria["Aleppo"]["label"][0] < 38.5 and 35.5 < syria["Aleppo"]["label"][1] < 37.0
    assert syria["Al-Hasakah"]["label"][0] > 39.5 and syria["Al-Hasakah"]["label"][1] > 35.5  # the north-east
    assert syria["Al-Hasakah"]["bbox"][0] > syria["Aleppo"]["bbox"][0]


# --- the run time -------------------------------------------------------------------------------------------


def test_admin1_outlines_only_when_zoomed_in():
    def admin1_rows(bbox: tuple) -> list[dict]:
        outlines, _ = basemap_layers(bbox)
        return [row for row in outlines.data if row["color"] == ADMIN1_STYLE["color"]]

    assert admin1_rows(WORLD) == [] and admin1_visible(WORLD) == []
    assert admin1_rows((-20.0, 10.0, 60.0, 60.0)) == []  # Europe to Iran: a dozen countries, no admin-1
    assert len(admin1_rows(SYRIA)) >= 14


def test_only_the_units_in_view_are_sent():
    shown = admin1_visible(SYRIA)
    assert {("SY", "Aleppo"), ("SY", "Al-Hasakah"), ("IQ", "Nineveh")} <= {(u["cc"], u["name"]) for u in shown}
    assert not {u["cc"] for u in shown} & {"US", "FR", "CN", "BR"}
    assert len(shown) < len(admin1_units()) / 10
    outlines, _ = basemap_layers(SYRIA)
    admin1_bytes = len(json.dumps([r for r in outlines.data if r["color"] == ADMIN1_STYLE["color"]]))
    assert admin1_bytes < 60_000  # the map page's budget is 250 KB in all


def test_admin1_names_do_not_overlap_each_other_nor_country_names():
    zoom = view_zoom(SYRIA)
    countries_named = country_labels(SYRIA)
    _, labels = basemap_layers(SYRIA, countries_named)
    admin1 = [row for row in labels.data if row["size"] != LABEL_PX]
    assert {"ALEPPO", "AL-HASAKAH"} <= {row["name"] for row in admin1}
    boxes = [
        label_box(MapLabel(c["name"], c["position"][1], c["position"][0], LABEL_PX), zoom) for c in countries_named
    ]
    boxes += [
        label_box(MapLabel(r["name"], r["position"][1], r["position"][0], r["size"] * UPPER_WIDTH), zoom)
        for r in admin1
    ]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not _meet(a, b)


def _aleppo() -> dict:
    return next(u for u in admin1_units() if u["cc"] == "SY" and u["name"] == "Aleppo")


def _placed(labels: list[dict], name: str) -> MapLabel | None:
    row = next((r for r in labels if r["name"] == name), None)
    return None if row is None else MapLabel(name, row["position"][1], row["position"][0], 11 * UPPER_WIDTH)


def test_admin1_names_move_off_the_pages_own_labels_within_their_unit():
    aleppo = _aleppo()
    lon, lat = aleppo["label"]
    zoom = view_zoom(SYRIA)
    taken = MapLabel("Aleppo (region)", lat, lon, 14)
    alone = _placed(admin1_labels(SYRIA), "ALEPPO")
    assert alone is not None and (alone.lon, alone.lat) == pytest.approx((lon, lat), abs=1e-3)
    moved = _placed(admin1_labels(SYRIA, [taken]), "ALEPPO")
    assert moved is not None and (moved.lon, moved.lat) != pytest.approx((lon, lat), abs=1e-3)
    assert not _meet(label_box(moved, zoom), label_box(taken, zoom))
    lo_lon, lo_lat, hi_lon, hi_lat = aleppo["bbox"]
    assert lo_lon < moved.lon < hi_lon and lo_lat < moved.lat < hi_lat


def test_admin1_names_stay_off_the_pages_marks():
    lon, lat = _aleppo()["label"]
    zoom = view_zoom(SYRIA)
    disc = disc_box(lat, lon, 30)
    left, top, right, bottom = label_box(disc, zoom)
    assert bottom - top == pytest.approx(60) and 50 <= right - left <= 70  # about the disc's own box
    _, labels = basemap_layers(SYRIA, [], avoid=[disc])
    moved = _placed(labels.data, "ALEPPO")
    assert moved is None or not _meet(label_box(moved, zoom), label_box(disc, zoom))
    # A unit with no spot left inside it goes unnamed rather than under a mark.
    crowd = [disc_box(lat + dy, lon + dx, 30) for dx in (-1.2, -0.6, 0, 0.6, 1.2) for dy in (-0.6, -0.3, 0, 0.3, 0.6)]
    _, labels = basemap_layers(SYRIA, [], avoid=crowd)
    assert "ALEPPO" not in {row["name"] for row in labels.data}


def test_small_units_go_unnamed_until_they_have_room():
    names = {r["name"] for r in admin1_labels(SYRIA)}
    assert "DAMASCUS" not in names  # 10 km across: no room at the scale of a country
    close = (36.0, 33.3, 36.6, 33.7)  # the city and its countryside
    assert "DAMASCUS" in {r["name"] for r in admin1_labels(close, zoom=10.0)}


def test_a_packaged_ring_decodes_to_its_points():
    build = pytest.importorskip("wirelens.dashboard.build_admin1")  # shapely: a dev dependency
    ring = [[36.25, 35.5], [37.0, 35.5], [37.0, 36.01], [36.25, 35.5]]
    assert decode_ring(build.encode_ring(ring)) == ring


# --- the build ----------------------------------------------------------------------------------------------


def _two_halves(step: float = 0.25) -> list:
    """Points on a grid ``step`` apart over a 4 x 2 box: unit A's on the left half, B's on the right. The
    Voronoi border between the columns either side of x = 2 is x = 2."""
    from wirelens.dashboard.build_admin1 import Point

    n_x, n_y = round(2 / step), round(2 / step)
    xs, ys = [step * (i + 0.5) for i in range(n_x)], [step * (j + 0.5) for j in range(n_y)]
    return [Point(x, y, "A") for x in xs for y in ys] + [Point(x + 2, y, "B") for x in xs for y in ys]


def test_the_build_splits_a_country_where_its_points_say_reproducibly():
    build = pytest.importorskip("wirelens.dashboard.build_admin1")
    shapely = pytest.importorskip("shapely")
    country = shapely.box(0, 0, 4, 2)
    other = shapely.box(4, 0, 6, 2)  # a neighbour with no admin-1 points of its own: left out
    records = build.build({"XA": _two_halves()}, {("XA", "A"): "West", ("XA", "B"): "East"}, [country, other])
    assert json.dumps(records) == json.dumps(
        build.build({"XA": _two_halves()}, {("XA", "A"): "West", ("XA", "B"): "East"}, [country, other])
    )
    assert [(r["cc"], r["code"], r["name"]) for r in records] == [("XA", "A", "West"), ("XA", "B", "East")]
    west, east = records
    assert west["bbox"] == [0.0, 0.0, 2.0, 2.0] and east["bbox"] == [2.0, 0.0, 4.0, 2.0]
    for record in records:
        (ring,) = map(decode_ring, record["rings"])
        assert ring[0] == ring[-1] and _area(ring) == pytest.approx(4.0)
        assert record["bbox"][0] < record["label"][0] < record["bbox"][2]


def test_the_build_leaves_out_countries_too_sparse_to_split():
    build = pytest.importorskip("wirelens.dashboard.build_admin1")
    shapely = pytest.importorskip("shapely")
    sparse = _two_halves(step=1.0)  # two points a unit
    assert not build.dense_enough(sparse)
    assert build.build({"XA": sparse}, {}, [shapely.box(0, 0, 4, 2)]) == []


def test_a_neighbours_stray_points_do_not_claim_its_outline():
    build = pytest.importorskip("wirelens.dashboard.build_admin1")
    shapely = pytest.importorskip("shapely")
    home, next_door = shapely.box(0, 0, 4, 2), shapely.box(4, 0, 8, 2)
    points = _two_halves() + [build.Point(4.01, 1.0, "B")]  # one place filed a hair over the border
    owned = build.outlines_by_country({"XA": points}, [home, next_door])
    assert owned["XA"].equals(home)


def test_village_enclaves_are_dropped_as_noise():
    build = pytest.importorskip("wirelens.dashboard.build_admin1")
    shapely = pytest.importorskip("shapely")
    # One village of A filed among B's, 1 km apart: its cell is an enclave far smaller than the country.
    points = [
        p if (round(p.lon, 6), round(p.lat, 6)) != (3.05, 1.05) else p._replace(key="A") for p in _two_halves(step=0.1)
    ]
    assert sum(p.key == "A" and p.lon > 2 for p in points) == 1
    units = build.partition(shapely.box(0, 0, 4, 2), points)
    assert units["A"].geom_type == "Polygon" and units["A"].bounds[2] == pytest.approx(2.0)
    assert units["B"].geom_type == "Polygon" and len(units["B"].interiors) == 0


def test_the_packaged_file_is_the_same_bytes_wherever_it_is_written(tmp_path):
    build = pytest.importorskip("wirelens.dashboard.build_admin1")
    shapely = pytest.importorskip("shapely")
    records = build.build({"XA": _two_halves()}, {("XA", "A"): "West"}, [shapely.box(0, 0, 4, 2)])
    build.write(records, tmp_path / "one.json.gz")
    build.write(records, tmp_path / "another-name.json.gz")
    assert (tmp_path / "one.json.gz").read_bytes() == (tmp_path / "another-name.json.gz").read_bytes()
    assert json.loads(gzip.decompress((tmp_path / "one.json.gz").read_bytes())) == records


def test_a_ring_across_the_180th_meridian_encloses_its_land_not_a_band_around_the_world():
    build = pytest.importorskip("wirelens.dashboard.build_admin1")
    across = [
        [170.0, 60.0],
        [179.9, 60.0],
        [-179.9, 60.0],
        [-170.0, 60.0],
        [-170.0, 65.0],
        [170.0, 65.0],
        [170.0, 60.0],
    ]
    area = build.ring_area(across)
    assert area.area == pytest.approx(20 * 5)  # 170E to 170W, not 340 degrees the other way round
    assert area.covers(build.shapely.points(175, 62)) and area.covers(build.shapely.points(-175, 62))
    assert not area.covers(build.shapely.points(0, 62))


def test_no_packaged_unit_is_labelled_off_its_own_land():
    for unit in admin1_units():
        lon, lat = unit["label"]
        rings = [decode_ring(r) for r in unit["rings"]]
        inside = False
        for ring in rings:
            for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
                if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
                    inside = not inside
        assert inside, f"{unit['cc']} {unit['name']}: label point {unit['label']} outside its rings"
