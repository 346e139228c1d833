"""The offline basemap: Natural Earth country outlines and names as pydeck layers (no network, no Streamlit),
and, zoomed in, approximate admin-1 areas (governorates, provinces, states) and their names.

The outlines are packaged in ``data/`` (built once by :mod:`wirelens.dashboard.build_basemap` and
:mod:`wirelens.dashboard.build_admin1`); only the countries near the view are sent to the browser, so a map
of Syria ships Syria's neighbours, not the world, and only the admin-1 units in view, once the view spans a
few countries at most. The admin-1 areas are derived from place points, not surveyed: their borders run
halfway between the last places on either side, so they are drawn thin and light, under the countries'.
"""

from __future__ import annotations

import functools
import gzip
import json
import math
from collections import Counter
from collections.abc import Sequence
from itertools import accumulate
from pathlib import Path

import pydeck as pdk

from wirelens.dashboard.map_labels import CHAR_WIDTH, LINE_HEIGHT, PAD_PX, MapLabel, label_box

DATA = Path(__file__).resolve().parent / "data"
OUTLINES_LAYER = "basemap-outlines"
LABELS_LAYER = "basemap-labels"
# A sans-serif for every map label: deck.gl's default is "Monaco, monospace", which read as typewriter text
# in Chromium and ran each name wider than a sans face (the label boxes assume 0.6 em a glyph: still generous).
LABEL_FONT = "'Source Sans Pro, Helvetica, Arial, Liberation Sans, DejaVu Sans, sans-serif'"
CREDIT = (
    "Outlines: Natural Earth (public domain), via world-atlas. Admin-1 areas approximate, derived from place "
    "points: GeoNames (CC BY 4.0); data from Who's On First."
)

ADMIN1_MAX_SPAN = 20.0  # degrees of longitude in view (Turkey is 19): past a few countries, clutter and bytes
ADMIN1_MARGIN = 0.25  # units this share of the view beyond its edges are sent too: a small pan keeps them
ADMIN1_LABEL_PX = 11
UPPER_WIDTH = 1.2  # capitals are about a fifth wider than map_labels' average glyph: its boxes, grown to fit
VIEW_PX = 800  # the map's width in pixels that maps.view_box assumes: the zoom a box is seen at
COUNTRY_STYLE = {"color": [110, 110, 110, 200], "width": 1.2}
ADMIN1_STYLE = {"color": [150, 150, 150, 150], "width": 0.8}


@functools.lru_cache(maxsize=2)
def countries(scale: str = "50m") -> list[dict]:
    """The packaged countries: ``{"name", "bbox", "label", "rings"}``; a missing file is an error naming it."""
    path = DATA / f"countries-{scale}.json.gz"
    if not path.exists():
        raise FileNotFoundError(
            f"the basemap file {path} is missing: python -m wirelens.dashboard.build_basemap remakes it"
        )
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return json.load(handle)


def _overlaps(a: list[float], b: tuple[float, float, float, float]) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def visible(bbox: tuple[float, float, float, float], *, margin: float = 1.0) -> list[dict]:
    """Countries whose box meets ``bbox`` (lon_lo, lat_lo, lon_hi, lat_hi) grown by ``margin`` times its size."""
    wide = _grown(bbox, margin)
    scale = "110m" if wide[2] - wide[0] > WORLD_DEGREES else "50m"  # the world at small scale: fewer bytes, same look
    return [
        c
        for c in countries(scale)
        if _overlaps(c["bbox"], wide) and any(_overlaps(_ring_box(r), wide) for r in c["rings"])
    ]


def split_at_antimeridian(ring: list[list[float]]) -> list[list[list[float]]]:
    """A ring cut where it jumps across the 180th meridian, so no line crosses the whole map."""
    pieces, piece = [], [ring[0]]
    for a, b in zip(ring, ring[1:]):
        if abs(b[0] - a[0]) > 180:
            pieces.append(piece)
            piece = []
        piece.append(b)
    pieces.append(piece)
    return [p for p in pieces if len(p) >= 2]


WORLD_DEGREES = 90  # a view grown wider than this is drawn from the small-scale outlines


WORLD_TOLERANCE = 0.2  # degrees a world view's outline may stray: at its zoom (<= 1.5) a degree is 3-4 px


def coarse(path: list[list[float]], tolerance: float = WORLD_TOLERANCE) -> list[list[float]]:
    """``path`` to 0.1 degree, then with only the points that bend it by more than ``tolerance`` degrees
    (Douglas-Peucker): a world view shows a degree in about 3 pixels, and its outlines were most of the map
    page's bytes (sent with the first view and again after a filter; 147 -> 93 KB at 0.2 degree)."""
    out: list[list[float]] = []
    for lon, lat in path:
        point = [round(lon, 1), round(lat, 1)]
        if not out or point != out[-1]:
            out.append(point)
    if len(out) < 2:
        return path[:2]
    return [out[i] for i in sorted(_bends(out, tolerance))]


def _bends(path: list[list[float]], tolerance: float) -> set[int]:
    """Indices of the points Douglas-Peucker keeps: the ends, and recursively the point farthest from the
    chord between kept points while it is farther than ``tolerance``."""
    kept, spans = {0, len(path) - 1}, [(0, len(path) - 1)]
    while spans:
        i, j = spans.pop()
        (x1, y1), (x2, y2) = path[i], path[j]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy)
        far, at = -1.0, -1
        for k in range(i + 1, j):
            x, y = path[k]
            d = abs(dy * (x - x1) - dx * (y - y1)) / norm if norm else math.hypot(x - x1, y - y1)
            if d > far:
                far, at = d, k
        if at >= 0 and far > tolerance:
            kept.add(at)
            spans += [(i, at), (at, j)]
    return kept


def runs_within(path: list[list[float]], box: tuple[float, float, float, float]) -> list[list[list[float]]]:
    """The parts of ``path`` inside ``box``, each with the point before and after it so the line reaches the
    box's edge. Outlines are drawn as lines, so only what can come into view is sent: on the seed's view of
    Syria, whole rings of Russia, Iran and Saudi Arabia were most of the page's bytes."""
    lo_lon, lo_lat, hi_lon, hi_lat = box
    inside = [lo_lon <= x <= hi_lon and lo_lat <= y <= hi_lat for x, y in path]
    runs, start = [], None
    for i, flag in enumerate(inside):
        if flag and start is None:
            start = max(i - 1, 0)
        elif not flag and start is not None:
            runs.append(path[start : i + 1])
            start = None
    if start is not None:
        runs.append(path[start:])
    return [run for run in runs if len(run) >= 2]


def _grown(bbox: tuple[float, float, float, float], margin: float) -> tuple[float, float, float, float]:
    lon_lo, lat_lo, lon_hi, lat_hi = bbox
    dx, dy = max(lon_hi - lon_lo, 4.0) * margin, max(lat_hi - lat_lo, 3.0) * margin
    return (lon_lo - dx, lat_lo - dy, lon_hi + dx, lat_hi + dy)


def _ring_box(ring: list[list[float]]) -> list[float]:
    lons, lats = [p[0] for p in ring], [p[1] for p in ring]
    return [min(lons), min(lats), max(lons), max(lats)]


LABEL_PX = 13


def country_labels(bbox: tuple[float, float, float, float]) -> list[dict]:
    """The names of the countries around ``bbox``, the largest first (``{"name", "position"}``): the order in
    which they claim room when labels crowd (see :mod:`wirelens.dashboard.map_labels`)."""
    shown, wide = visible(bbox), _grown(bbox, 1.0)
    named = [c for c in shown if c["name"] and _overlaps([*c["label"], *c["label"]], wide)]
    named.sort(key=lambda c: -(c["bbox"][2] - c["bbox"][0]) * (c["bbox"][3] - c["bbox"][1]))
    return [{"name": c["name"], "position": _label_position(c)} for c in named]


def _label_position(country: dict) -> list[float]:
    """The packaged label point, except for countries across the 180th meridian (Russia, Fiji), whose
    packaged centroid averaged longitudes from both ends of the map (Fiji's fell in Africa): for those, the
    mean of the largest ring's points, longitudes unwrapped along the ring."""
    if country["bbox"][2] - country["bbox"][0] < 300:
        return country["label"]
    ring = max(country["rings"], key=len)
    lons = [ring[0][0]]
    for lon, _ in ring[1:]:
        lons.append(lon + 360 * round((lons[-1] - lon) / 360))  # the copy of lon nearest the previous point
    mean = sum(lons) / len(lons)
    return [round((mean + 180) % 360 - 180, 2), round(sum(p[1] for p in ring) / len(ring), 2)]


# --- admin-1 -----------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def admin1_units() -> list[dict]:
    """The packaged admin-1 units: ``{"cc", "code", "name", "bbox", "label", "rings"}``, rings encoded (see
    :func:`decode_ring`); a missing file is an error naming it."""
    path = DATA / "admin1.json.gz"
    if not path.exists():
        raise FileNotFoundError(
            f"the basemap file {path} is missing: python -m wirelens.dashboard.build_admin1 remakes it"
        )
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return json.load(handle)


def decode_ring(flat: Sequence[int], step: float = 0.01) -> list[list[float]]:
    """A packaged ring back as ``[lon, lat]`` points: integers on a ``step`` grid, each after the first a step
    from the one before (the packaged form is a third of the size of decimals once gzipped)."""
    lons, lats = accumulate(flat[0::2]), accumulate(flat[1::2])
    return [[round(x * step, 2), round(y * step, 2)] for x, y in zip(lons, lats)]


def view_zoom(bbox: tuple[float, float, float, float]) -> float:
    """The zoom at which ``bbox`` fills a map ``VIEW_PX`` wide (deck.gl: a 512-pixel world at zoom 0)."""
    span = max(bbox[2] - bbox[0], 1e-6)
    return math.log2(VIEW_PX * 360.0 / (512.0 * span))


def admin1_visible(bbox: tuple[float, float, float, float]) -> list[dict]:
    """The admin-1 units that meet ``bbox`` (grown by ``ADMIN1_MARGIN``), none when it spans more than
    ``ADMIN1_MAX_SPAN`` degrees of longitude; each with only its rings in view, decoded to ``[lon, lat]``."""
    if bbox[2] - bbox[0] > ADMIN1_MAX_SPAN:
        return []
    wide = _admin1_box(bbox)
    return [
        {**unit, "rings": rings}
        for i, unit in enumerate(admin1_units())
        if _overlaps(unit["bbox"], wide)
        and (rings := [ring for ring in _decoded(i) if _overlaps(_ring_box(ring), wide)])
    ]


def _admin1_box(bbox: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    lon_lo, lat_lo, lon_hi, lat_hi = bbox
    dx, dy = (lon_hi - lon_lo) * ADMIN1_MARGIN, (lat_hi - lat_lo) * ADMIN1_MARGIN
    return (lon_lo - dx, lat_lo - dy, lon_hi + dx, lat_hi + dy)


@functools.lru_cache(maxsize=4096)
def _decoded(index: int) -> list[list[list[float]]]:
    """The rings of the packaged unit at ``index``, decoded once: a unit across the 180th meridian (Alaska,
    Chukotka) has a box around the world, so only its rings' own boxes say whether it is in view."""
    return [decode_ring(ring) for ring in admin1_units()[index]["rings"]]


def admin1_labels(
    bbox: tuple[float, float, float, float], taken: Sequence[MapLabel] = (), zoom: float | None = None
) -> list[dict]:
    """The names of the admin-1 units in ``bbox`` that have room (``{"name", "position"}``): a unit at least as
    wide on screen as its name, whose name meets none of ``taken`` (country and place names, marks: drawn
    anyway) nor a larger unit's; larger units claim room first. A name whose spot is taken moves a line or a
    name's width away, if that is still inside its unit. ``zoom``: the view's, else :func:`view_zoom`."""
    zoom = view_zoom(bbox) if zoom is None else zoom
    px_per_degree = 512.0 * 2**zoom / 360.0
    named = [
        u
        for u in admin1_visible(bbox)
        if u["name"]
        and _overlaps([*u["label"], *u["label"]], bbox)
        and (u["bbox"][2] - u["bbox"][0]) * px_per_degree >= len(u["name"]) * ADMIN1_LABEL_PX * CHAR_WIDTH
    ]
    named.sort(key=lambda u: (-(u["bbox"][2] - u["bbox"][0]) * (u["bbox"][3] - u["bbox"][1]), u["cc"], u["code"]))
    # Every taken box blocks, even where two of them overlap (map_labels.uncrowded would drop the second).
    boxes = [label_box(t, zoom) for t in taken]
    placed: list[MapLabel] = []
    for unit in named:
        for label in _placements(unit, zoom):
            box = label_box(label, zoom)
            if not any(_overlaps(list(box), b) for b in boxes):
                placed.append(label)
                boxes.append(box)
                break
    return [{"name": label.text, "position": [round(label.lon, 3), round(label.lat, 3)]} for label in placed]


# Where a unit's name may go, in turn: its label point, then a line below or above it, then a name's width
# to either side, then two lines below or above.
SHIFTS = ((0, 0), (0, 1), (0, -1), (1, 0), (-1, 0), (0, 2), (0, -2))


def _placements(unit: dict, zoom: float) -> list[MapLabel]:
    """The unit's name at each of ``SHIFTS`` from its label point that is still inside the unit."""
    base = _admin1_label(unit)
    left, top, right, bottom = label_box(base, zoom)
    px_per_degree = 512.0 * 2**zoom / 360.0
    squeeze = math.cos(math.radians(base.lat))  # mercator: a degree of latitude is longer on screen
    out = []
    for across, down in SHIFTS:
        lon = base.lon + across * (right - left) / px_per_degree
        lat = base.lat - down * (bottom - top) * squeeze / px_per_degree
        if (across, down) == (0, 0) or _inside(unit["rings"], lon, lat):
            out.append(base._replace(lon=lon, lat=lat))
    return out


def _inside(rings: Sequence[list[list[float]]], lon: float, lat: float) -> bool:
    """Whether (lon, lat) is inside ``rings``, even-odd (a hole's ring takes it back out)."""
    inside = False
    for ring in rings:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
            if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
                inside = not inside
    return inside


def _admin1_label(unit: dict) -> MapLabel:
    # Drawn in capitals, as maps name areas, apart from the story's places ("ALEPPO" and "Aleppo").
    return MapLabel(unit["name"].upper(), unit["label"][1], unit["label"][0], ADMIN1_LABEL_PX * UPPER_WIDTH)


def disc_box(lat: float, lon: float, radius_px: float) -> MapLabel:
    """A stand-in label whose box (:func:`map_labels.label_box`) covers a mark's disc of ``radius_px``: pass
    the page's marks to :func:`basemap_layers` as ``avoid`` and no admin-1 name is drawn under them."""
    size = max(radius_px - PAD_PX, 0.0) * 2 / LINE_HEIGHT  # the box's half height is then the radius
    return MapLabel("xx", lat, lon, size)  # and two glyphs wide, about as wide


def inner_borders(
    rings: Sequence[list[list[float]]], box: tuple[float, float, float, float] | None = None
) -> list[list[list[float]]]:
    """The borders between the ``rings``, each drawn once: the edges two rings share (and that meet ``box``,
    if given), as runs of points.

    A border belongs to both units beside it, and a unit's edge on no other unit is its country's border or
    coast, which the country outline draws: sending every ring whole sent most lines two or three times.
    """
    count = Counter(_edge(a, b) for ring in rings for a, b in zip(ring, ring[1:]))
    done: set[tuple] = set()
    paths: list[list[list[float]]] = []
    for ring in rings:
        run: list[list[float]] = []
        for a, b in zip(ring, ring[1:]):
            edge = _edge(a, b)
            if count[edge] >= 2 and edge not in done and (box is None or _overlaps([*edge[0], *edge[1]], box)):
                done.add(edge)
                run = run or [a]
                run.append(b)
            else:
                paths += [run] if len(run) >= 2 else []
                run = []
        paths += [run] if len(run) >= 2 else []
    return paths


def _edge(a: list[float], b: list[float]) -> tuple:
    return (tuple(a), tuple(b)) if a <= b else (tuple(b), tuple(a))


def admin1_paths(bbox: tuple[float, float, float, float]) -> list[dict]:
    """The borders between the admin-1 units around ``bbox`` (grown by ``ADMIN1_MARGIN``), as PathLayer rows
    (none when zoomed out)."""
    rings = [ring for unit in admin1_visible(bbox) for ring in unit["rings"]]
    return [
        {"path": piece, **ADMIN1_STYLE}
        for path in inner_borders(rings, _admin1_box(bbox))
        for piece in split_at_antimeridian(path)
    ]


def basemap_layers(
    bbox: tuple[float, float, float, float], labels: list[dict] | None = None, *, avoid: Sequence[MapLabel] = ()
) -> list[pdk.Layer]:
    """Outlines and names around ``bbox`` (``labels``: those of :func:`country_labels` to draw, all by default):
    drawn first, so every mark is above them. Zoomed in, the admin-1 units' outlines (under the countries')
    and the names that have room beside the country names and ``avoid`` (the page's own labels)."""
    shown, wide = visible(bbox), _grown(bbox, 1.0)
    world = wide[2] - wide[0] > WORLD_DEGREES
    paths = admin1_paths(bbox) + [
        {"path": coarse(run) if world else run, **COUNTRY_STYLE}
        for c in shown
        for ring in c["rings"]
        if _overlaps(_ring_box(ring), wide)
        for piece in split_at_antimeridian(ring)
        for run in runs_within(piece, wide)
    ]
    labels = country_labels(bbox) if labels is None else labels
    taken = [MapLabel(c["name"], c["position"][1], c["position"][0], LABEL_PX) for c in labels] + list(avoid)
    texts = [{**c, "size": LABEL_PX, "color": [90, 90, 90, 220]} for c in labels] + [
        {**a, "size": ADMIN1_LABEL_PX, "color": [120, 120, 120, 200]} for a in admin1_labels(bbox, taken)
    ]
    return [
        pdk.Layer(
            "PathLayer",
            data=paths,
            id=OUTLINES_LAYER,
            get_path="path",
            get_color="color",
            width_units="'pixels'",
            get_width="width",
            pickable=False,
        ),
        pdk.Layer(
            "TextLayer",
            data=texts,
            id=LABELS_LAYER,
            get_position="position",
            get_text="name",
            get_size="size",
            get_color="color",
            font_weight=600,
            font_family=LABEL_FONT,
            pickable=False,
            outline_width=2,
            outline_color=[255, 255, 255, 230],
            font_settings={"sdf": True},
            character_set="'auto'",  # "ŞANLIURFA", "AL-QĀDISIYYAH": deck.gl's default atlas is ASCII only
        ),
    ]
