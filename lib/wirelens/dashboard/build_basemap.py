"""Build the offline basemap once: Natural Earth country outlines, simplified, into dashboard/data/.

The input is the ``countries-50m.json`` and ``countries-110m.json`` TopoJSON files of the npm package
``world-atlas`` 2.0.2 (Natural Earth 4.1.0 admin-0 boundaries, public domain; the package is ISC):

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    uv run python -m wirelens.dashboard.build_basemap package/countries-50m.json package/countries-110m.json

It writes ``countries-50m.json.gz`` and ``countries-110m.json.gz`` beside this module's ``data/``:
one record per country, ``{"name", "bbox", "label", "rings"}``, coordinates rounded (0.01° for 50m,
0.05° for 110m) and consecutive duplicate points dropped. Nothing is downloaded at run time.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    out = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:  # delta-encoded, quantized
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        out.append(points)
    return out


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int], digits: int, step: float) -> list[list[float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    ring: list[list[float]] = []
    for lon, lat in points:
        p = [round(round(lon / step) * step, digits), round(round(lat / step) * step, digits)]
        if not ring or p != ring[-1]:
            ring.append(p)
    return ring


def _area(ring: list[list[float]]) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]))) / 2


def _centroid(ring: list[list[float]]) -> list[float]:
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * y1 - x1 * y0
        a, cx, cy = a + cross, cx + (x0 + x1) * cross, cy + (y0 + y1) * cross
    if abs(a) < 1e-12:
        return [sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)]
    return [round(cx / (3 * a), 2), round(cy / (3 * a), 2)]


def convert(path: Path, digits: int, step: float) -> list[dict]:
    topology = json.loads(path.read_text(encoding="utf-8"))
    arcs = _arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs", [])], "MultiPolygon": geometry.get("arcs", [])}.get(
            geometry.get("type"), []
        )
        rings = [
            r for polygon in polygons for r in (_ring(arcs, ring, digits, step) for ring in polygon) if len(r) >= 4
        ]
        if not rings:
            continue
        lons = [p[0] for r in rings for p in r]
        lats = [p[1] for r in rings for p in r]
        largest = max(rings, key=_area)  # label the mainland, not the islands' mean
        countries.append(
            {
                "name": geometry.get("properties", {}).get("name", ""),
                "bbox": [min(lons), min(lats), max(lons), max(lats)],
                "label": _centroid(largest),
                "rings": rings,
            }
        )
    return countries


def main(argv: list[str]) -> None:
    for source, name, digits, step in (
        (Path(argv[0]), "countries-50m.json.gz", 2, 0.01),
        (Path(argv[1]), "countries-110m.json.gz", 2, 0.05),
    ):
        countries = convert(source, digits, step)
        target = DATA / name
        with gzip.open(target, "wt", encoding="utf-8", compresslevel=9) as out:
            json.dump(countries, out, separators=(",", ":"))
        print(f"{target}: {len(countries)} countries, {target.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main(sys.argv[1:])
