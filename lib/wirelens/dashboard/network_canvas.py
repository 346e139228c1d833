"""Where the network's labels go, in pixels, before the chart is drawn (pure: no Streamlit, no Vega).

A chart draws every label it is given, on top of each other if need be. So the page decides here
which actors are named: the best-connected first, each on the side facing away from its
neighbours, another side if that one is taken, and none at all if every side collides with a
label already placed. Boxes are estimated from the character count and the font size, in the
pixels of the plot area the figure will have (its height is ours; its width is estimated low,
so a wider screen only spreads the labels further apart).
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

LABEL_LIMIT = 40  # actors named on the graph at most; every other one names itself on hover
FONT_PX = 13
CHAR_PX = 0.6 * FONT_PX  # a generous average glyph width of a sans-serif font at FONT_PX
LINE_PX = 1.3 * FONT_PX
PAD_PX = 2.0  # air around each label box
PLOT_WIDTH_PX = 1000  # the wide layout's plot area on a laptop screen, rounded down
MARGIN_PX = 10
LEGEND_PX = 90  # the legend's rows under the plot area: the figure's bottom margin
X_PAD, Y_PAD = 0.22, 0.1  # share of the layout's span left free on each side (room for the labels)

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in pixels, y down


class Label(NamedTuple):
    side: str  # which side of its marker ("top center", "middle right", ...: network_chart.SIDES reads it)
    box: Box
    offset: float  # pixels from the marker's centre to the box's near edge


def label_offset(marker_px: float) -> float:
    """How far a label sits off its marker's centre: the radius / 0.8 + 1, "a little more than the nominal
    marker size" (plotly.js's ``textPointPosition``, kept when the chart moved to Vega-Lite: network_chart
    offsets each label by it)."""
    return marker_px / 2 / 0.8 + 1


def figure_height(nodes: int) -> int:
    """The figure's height: taller for bigger graphs, within one screen."""
    return int(min(900, max(640, 480 + 6 * nodes)))


def plot_area(nodes: int) -> tuple[float, float]:
    """The plot area's size in pixels (width estimated, height exact)."""
    return PLOT_WIDTH_PX - 2 * MARGIN_PX, figure_height(nodes) - 2 * MARGIN_PX - LEGEND_PX


def view_ranges(positions: dict[str, tuple[float, float]]) -> tuple[tuple[float, float], tuple[float, float]]:
    """The axes' ranges: the layout's span with room on each side for the outermost labels."""
    xs = [p[0] for p in positions.values()] or [0.0]
    ys = [p[1] for p in positions.values()] or [0.0]
    pad_x, pad_y = X_PAD * ((max(xs) - min(xs)) or 1.0), Y_PAD * ((max(ys) - min(ys)) or 1.0)
    return (min(xs) - pad_x, max(xs) + pad_x), (min(ys) - pad_y, max(ys) + pad_y)


def node_sizes(graph: Any) -> dict[str, float]:
    """Marker diameters in pixels by the square root of mentions (area follows mentions): 14 to 44
    up to 50 actors, smaller beyond (down to 7 to 22), so a big network is not a heap of discs."""
    scale = min(1.0, max(0.5, (50 / max(graph.number_of_nodes(), 1)) ** 0.5))
    most = max((d.get("mentions", 1) for _, d in graph.nodes(data=True)), default=1) or 1
    return {n: scale * (14 + 30 * math.sqrt(max(d.get("mentions", 1), 0) / most)) for n, d in graph.nodes(data=True)}


def ranked_nodes(graph: Any) -> list[str]:
    """Actors by degree, then mentions, then name: the order in which they earn a label."""
    return sorted(graph.nodes, key=lambda n: (-graph.degree(n), -graph.nodes[n].get("mentions", 0), str(n)))


def preferred_sides(graph: Any, positions: dict[str, tuple[float, float]], node: str) -> list[str]:
    """The label's sides, best first: facing away from the node's neighbours (a hub's spokes fan
    their labels outwards, off the edges), then the other sides."""
    neighbours = [n for n in set(graph.predecessors(node)) | set(graph.successors(node)) if n in positions]
    if not neighbours:
        return ["top center", "middle right", "middle left", "bottom center"]
    x, y = positions[node]
    dx = x - sum(positions[n][0] for n in neighbours) / len(neighbours)
    dy = y - sum(positions[n][1] for n in neighbours) / len(neighbours)
    horizontal = ["middle right", "middle left"] if dx > 0 else ["middle left", "middle right"]
    vertical = ["top center", "bottom center"] if dy >= 0 else ["bottom center", "top center"]
    first = horizontal if abs(dx) > abs(dy) else vertical
    second = vertical if first is horizontal else horizontal
    return [first[0], second[0], second[1], first[1]]


def label_box(x: float, y: float, text: str, marker_px: float, side: str) -> Box:
    """The pixel box of ``text`` drawn at ``side`` of a marker of diameter ``marker_px`` centred on (x, y)."""
    w, h = CHAR_PX * len(text) + 2 * PAD_PX, LINE_PX + 2 * PAD_PX
    r = label_offset(marker_px)
    if side == "middle right":
        return (x + r, y - h / 2, x + r + w, y + h / 2)
    if side == "middle left":
        return (x - r - w, y - h / 2, x - r, y + h / 2)
    if side == "top center":
        return (x - w / 2, y - r - h, x + w / 2, y - r)
    return (x - w / 2, y + r, x + w / 2, y + r + h)


def overlaps(a: Box, b: Box) -> bool:
    return not (a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1])


def to_pixels(
    positions: dict[str, tuple[float, float]], area: tuple[float, float]
) -> tuple[dict[str, tuple[float, float]], tuple[float, float, float, float]]:
    """Each node's pixel centre in a plot area of ``area`` showing :func:`view_ranges`, and the
    transform (x0, y1, sx, sy): pixel x = (x - x0) * sx, pixel y = (y1 - y) * sy, y down."""
    (x0, x1), (y0, y1) = view_ranges(positions)
    sx, sy = area[0] / ((x1 - x0) or 1.0), area[1] / ((y1 - y0) or 1.0)
    return {n: ((p[0] - x0) * sx, (y1 - p[1]) * sy) for n, p in positions.items()}, (x0, y1, sx, sy)


def place_labels(
    graph: Any,
    positions: dict[str, tuple[float, float]],
    limit: int = LABEL_LIMIT,
    area: tuple[float, float] | None = None,
) -> dict[str, Label]:
    """At most ``limit`` labels, for the best-connected actors whose label fits somewhere: no box
    overlaps another box or a labelled actor's marker, and none leaves the plot area; of the sides
    that fit, the first that covers no other actor's marker (else the one covering fewest). Only
    the top ``2 * limit`` by degree are candidates: a label is earned by connections, not space."""
    width, height = area or plot_area(graph.number_of_nodes())
    pixels, _ = to_pixels(positions, (width, height))
    sizes = node_sizes(graph)
    markers = {n: marker_box(pixels[n], sizes[n]) for n in positions}
    kept: dict[str, Label] = {}
    for node in [n for n in ranked_nodes(graph) if n in positions][: 2 * limit]:
        if len(kept) >= limit:
            break
        if any(overlaps(markers[node], other.box) for other in kept.values()):
            continue  # under a better-connected actor's label: naming it would hide one or the other
        taken = [other.box for other in kept.values()] + [markers[n] for n in kept]
        fits = []
        for side in preferred_sides(graph, positions, node):
            box = label_box(*pixels[node], str(node), sizes[node], side)
            inside = box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height
            if inside and not any(overlaps(box, other) for other in taken):
                fits.append((sum(overlaps(box, m) for n, m in markers.items() if n != node), side, box))
        if fits:
            _, side, box = min(fits, key=lambda f: f[0])  # min() keeps the earliest (preferred) of equals
            kept[node] = Label(side, box, label_offset(sizes[node]))
    return kept


def marker_box(centre: tuple[float, float], size: float) -> Box:
    r = size / 2
    return (centre[0] - r, centre[1] - r, centre[0] + r, centre[1] + r)
