"""The offline basemap: Natural Earth country outlines and names as pydeck layers (no network, no Streamlit).

The outlines are packaged in ``data/`` (built once by :mod:`wirelens.dashboard.build_basemap`); only the
countries near the view are sent to the browser, so a map of Syria ships Syria's neighbours, not the world.
"""

from __future__ import annotations

import functools
import gzip
import json
from pathlib import Path

import pydeck as pdk

DATA = Path(__file__).resolve().parent / "data"
OUTLINES_LAYER = "basemap-outlines"
LABELS_LAYER = "basemap-labels"
CREDIT = "Outlines: Natural Earth (public domain), via world-atlas."


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
    scale = "110m" if wide[2] - wide[0] > 90 else "50m"  # the world at small scale: fewer bytes, same look
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


def basemap_layers(bbox: tuple[float, float, float, float], labels: list[dict] | None = None) -> list[pdk.Layer]:
    """Outlines and country names around ``bbox`` (``labels``: those of :func:`country_labels` to draw, all
    by default): drawn first, so every mark is above them."""
    shown, wide = visible(bbox), _grown(bbox, 1.0)
    paths = [
        {"path": piece}
        for c in shown
        for ring in c["rings"]
        if _overlaps(_ring_box(ring), wide)
        for piece in split_at_antimeridian(ring)
    ]
    labels = country_labels(bbox) if labels is None else labels
    return [
        pdk.Layer(
            "PathLayer",
            data=paths,
            id=OUTLINES_LAYER,
            get_path="path",
            get_color=[110, 110, 110, 200],
            width_units="'pixels'",
            get_width=1,
            pickable=False,
        ),
        pdk.Layer(
            "TextLayer",
            data=labels,
            id=LABELS_LAYER,
            get_position="position",
            get_text="name",
            get_size=LABEL_PX,
            get_color=[90, 90, 90, 220],
            font_weight=600,
            pickable=False,
            outline_width=2,
            outline_color=[255, 255, 255, 230],
            font_settings={"sdf": True},
        ),
    ]
