"""The actor network as a Vega-Lite spec: edges by class, arrowheads, actors by type, the names that fit.

Vega-Lite, not plotly: a fresh tab evaluated plotly's 3.5 MB bundle after the page looked ready, and a
filter change waited behind it (the network's 0.9-1.5 s at 10,000 articles). One point selection,
``PICK``, on the field ``key``: a click on an actor (or its name) selects ``node|<actor>``, a click on an
edge (its line or the wider mark at its middle) ``edge|<source>|<target>|<class>``. Vega-Lite's point
selection reads the clicked item's datum in the whole layered view, so every layer carries ``key``.
"""

from __future__ import annotations

import math
from typing import Any

import altair as alt
import pandas as pd

from wirelens.dashboard.figures import ACTOR_TYPE_COLOURS
from wirelens.dashboard.network_canvas import (
    FONT_PX,
    LABEL_LIMIT,
    LEGEND_PX,
    PAD_PX,
    Label,
    node_sizes,
    overlaps,
    place_labels,
    plot_area,
    preferred_sides,
    to_pixels,
    view_ranges,
)
from wirelens.dashboard.network_graph import COOCCURRENCE
from wirelens.dashboard.timeline import FIT_WIDTH

CLASS_COLOURS = {
    "statement": "#6b7280",
    "accuse/criticise": "#dc2626",
    "demand/appeal": "#d97706",
    "cooperate/negotiate": "#2563eb",
    "fight/attack": "#7f1d1d",
    "aid": "#16a34a",
    COOCCURRENCE: "#cbd5e1",
}
# Tooltips written in the browser from the key and counts every row carries anyway: sent as text, they were
# the network's longest column. Plain text: Vega never reads a tooltip as HTML.
EDGE_TIP = (
    "split(datum.key, '|')[1] + (datum.d ? ' → ' : ' – ') + split(datum.key, '|')[2] + ' · '"
    " + split(datum.key, '|')[3] + ': ' + datum.n + ' sentence(s)'"
)
NODE_TIP = "substring(datum.key, 5) + ' (' + datum.kind + '): ' + datum.m + ' mentions'"
PICK = "pick"  # the point selection's name: the page reads ``{PICK: [{"key": ...}]}`` back
# Layer names: Vega draws each as a group of class "<name>_marks", which the browser tests look for.
NODES, LABELS, EDGES, MIDDLES = "actors", "names", "edges", "edge_middles"
ARROWS_AT_MOST = 300  # beyond, arrows would bury the graph: direction is in each edge's tooltip
OTHER_TYPE = "other"
# Text alignment, baseline and offset direction of a label on each side of its marker (network_canvas's sides).
SIDES = {
    "middle right": ("left", "middle", 1, 0),
    "middle left": ("right", "middle", -1, 0),
    "top center": ("center", "bottom", 0, -1),
    "bottom center": ("center", "top", 0, 1),
}


def node_key(actor: str) -> str:
    return f"node|{actor}"


def edge_key(source: str, target: str, cls: str) -> str:
    return f"edge|{source}|{target}|{cls}"


def _edge_ends(graph: Any, positions: dict[str, tuple[float, float]]) -> dict[tuple[str, str, str], tuple]:
    """Where each edge is drawn: edges between the same two actors side by side, not on top of each other."""
    pairs: dict[frozenset, list[tuple[str, str, str]]] = {}
    for source, target, data in graph.edges(data=True):
        pairs.setdefault(frozenset((source, target)), []).append((source, target, data["interaction_class"]))
    xs = [p[0] for p in positions.values()] or [0.0]
    gap = 0.012 * (max(xs) - min(xs) or 1.0)
    out = {}
    for edges in pairs.values():
        edges.sort()
        for i, (source, target, cls) in enumerate(edges):
            (x0, y0), (x1, y1) = positions[source], positions[target]
            a, b = sorted((source, target))  # the same perpendicular for both directions
            (ax, ay), (bx, by) = positions[a], positions[b]
            length = math.hypot(bx - ax, by - ay) or 1.0
            shift = (i - (len(edges) - 1) / 2) * gap
            dx, dy = -(by - ay) / length * shift, (bx - ax) / length * shift
            out[(source, target, cls)] = ((x0 + dx, y0 + dy), (x1 + dx, y1 + dy))
    return out


def network_chart(graph: Any, positions: dict[str, tuple[float, float]], labels: int = LABEL_LIMIT) -> dict:
    """The Vega-Lite spec: nodes sized by mentions and filled by actor type, edges stroked by class (dotted
    for co-occurrence) with an arrowhead for direction, at most ``labels`` names, for the best-connected
    actors whose name fits without covering another (:func:`place_labels`, in the pixels the chart has:
    its height is exact, its width estimated low so a wider screen only spreads the names apart). Every
    actor and edge names itself in a plain-text tooltip; the two legends count types and classes."""
    positions = {node: (_short(x), _short(y)) for node, (x, y) in positions.items()}
    ends = {e: tuple((_short(x), _short(y)) for x, y in p) for e, p in _edge_ends(graph, positions).items()}
    named = place_labels(graph, positions, labels)
    width, height = plot_area(graph.number_of_nodes())
    (x0, x1), (y0, y1) = view_ranges(positions)
    x = {"scale": alt.Scale(domain=[x0, x1], nice=False, zero=False), "axis": None}
    y = {"scale": alt.Scale(domain=[y0, y1], nice=False, zero=False), "axis": None}
    edges = _edge_frame(graph, ends)
    layers = [_edge_layer(edges, x, y), _middle_layer(edges, x, y)]
    if 0 < graph.number_of_edges() <= ARROWS_AT_MOST:
        layers.append(_arrow_layer(graph, ends, positions, [label.box for label in named.values()], x, y))
    layers.append(_node_layer(graph, positions, x, y))
    if named:
        layers += _label_layers(positions, named, x, y)
    chart = (
        alt.layer(*layers)
        .resolve_scale(fill="independent", stroke="independent")
        .properties(width="container", height=height)
        .configure_view(stroke=None)
        .configure_legend(
            orient="bottom", direction="horizontal", columns=4, labelLimit=260, symbolLimit=0, symbolSize=120
        )
    )
    spec = chart.to_dict(validate=False)  # the schema check took ~0.3 s a graph; the unit tests validate
    # SVG whatever the size: Streamlit switches a chart of over 2,000 data to canvas, and the browser tests
    # read the names' drawn boxes; the legends' rows sit in the room the label boxes were measured without.
    spec["usermeta"] = {"embedOptions": {"renderer": "svg"}}
    spec["padding"] = {"left": 5, "right": 5, "top": 5, "bottom": LEGEND_PX // 3}
    # Fit the width only: Streamlit's default ("fit") would squeeze the legends into the chart's height and
    # shrink the plot area the label boxes were measured in.
    spec["autosize"] = FIT_WIDTH
    return spec


def _short(value: float, digits: int = 3) -> float:
    return round(float(value), digits)


def _edge_frame(graph: Any, ends: dict[tuple[str, str, str], tuple]) -> pd.DataFrame:
    """One row per edge: its ends, class (and legend entry with the class's count), width, tooltip and key."""
    rows = [(s, t, d) for s, t, d in graph.edges(data=True)]
    counts: dict[str, int] = {}
    for *_, d in rows:
        counts[d["interaction_class"]] = counts.get(d["interaction_class"], 0) + 1
    thin = 0.6 if len(rows) > 150 else 0.0  # thinner lines for bigger graphs: a network, not a blot
    out = []
    for source, target, d in rows:
        cls = d["interaction_class"]
        (ax, ay), (bx, by) = ends[(source, target, cls)]
        out.append(
            {
                "x": ax,
                "y": ay,
                "x2": bx,
                "y2": by,
                "mx": _short((ax + bx) / 2),
                "my": _short((ay + by) / 2),
                "cls": f"{cls} ({counts[cls]})",
                "dash": "dotted" if cls == COOCCURRENCE else "solid",
                "w": (1.2 if cls == COOCCURRENCE else 2.2) - thin,
                "n": int(d["weight"]),
                "d": bool(d.get("directed")),
                "key": edge_key(source, target, cls),
            }
        )
    frame = pd.DataFrame(out, columns=["x", "y", "x2", "y2", "mx", "my", "cls", "dash", "w", "n", "d", "key"])
    return frame.sort_values("dash", kind="stable")  # "dotted" before "solid": co-occurrence drawn underneath


def _class_scale(edges: pd.DataFrame) -> alt.Scale:
    """Each class's colour, co-occurrence (drawn underneath) last in the legend."""
    shown = sorted(set(edges["cls"]), key=lambda c: (c.startswith(COOCCURRENCE), c))
    return alt.Scale(domain=shown, range=[CLASS_COLOURS.get(c.rsplit(" (", 1)[0], "#94a3b8") for c in shown])


def _edge_layer(edges: pd.DataFrame, x: dict, y: dict) -> alt.Chart:
    return (
        alt.Chart(edges, name=EDGES)
        .transform_calculate(tip=EDGE_TIP)
        .mark_rule()
        .encode(
            x=alt.X("x:Q", **x),
            y=alt.Y("y:Q", **y),
            x2="x2:Q",
            y2="y2:Q",
            stroke=alt.Stroke("cls:N", scale=_class_scale(edges), title="edges", sort=None),
            strokeDash=alt.StrokeDash(
                "dash:N", scale=alt.Scale(domain=["solid", "dotted"], range=[[1, 0], [2, 3]]), legend=None
            ),
            strokeWidth=alt.StrokeWidth("w:Q", scale=None),
            tooltip=alt.Tooltip("tip:N", title="edge"),
        )
    )


def _middle_layer(edges: pd.DataFrame, x: dict, y: dict) -> alt.Chart:
    """A wider, nearly invisible mark at each edge's middle: easier to hover and click than a 2-px line.
    The edges' own data (one dataset sent, not two)."""
    return (
        alt.Chart(edges, name=MIDDLES)
        .transform_calculate(tip=EDGE_TIP)
        .mark_point(filled=True, size=144, opacity=0.01, color="white")
        .encode(x=alt.X("mx:Q", **x), y=alt.Y("my:Q", **y), tooltip=alt.Tooltip("tip:N", title="edge"))
    )


def _arrow_layer(
    graph: Any,
    ends: dict[tuple[str, str, str], tuple],
    positions: dict[str, tuple[float, float]],
    boxes: list[tuple[float, float, float, float]],
    x: dict,
    y: dict,
) -> alt.Chart:
    """An arrowhead on each directed edge past its middle, bigger for more evidence, pointing as the edge
    runs in pixels (y down); none where it would cover a name."""
    _, (px0, py1, sx, sy) = to_pixels(positions, plot_area(graph.number_of_nodes()))
    most = max((d["weight"] for *_, d in graph.edges(data=True)), default=1)
    rows = []
    for source, target, d in graph.edges(data=True):
        if not d.get("directed"):
            continue
        cls = d["interaction_class"]
        (ax, ay), (bx, by) = ends[(source, target, cls)]
        tip = (ax + 0.82 * (bx - ax), ay + 0.82 * (by - ay))
        px, py = (tip[0] - px0) * sx, (py1 - tip[1]) * sy
        if any(overlaps((px - 8, py - 8, px + 8, py + 8), box) for box in boxes):
            continue
        angle = math.degrees(math.atan2((bx - ax) * sx, (by - ay) * sy))  # clockwise from up, in pixels
        rows.append(
            {
                "x": _short(tip[0]),
                "y": _short(tip[1]),
                "angle": round(angle % 360, 1),
                "size": round((7 + 6 * d["weight"] / most) ** 2),
                "colour": CLASS_COLOURS.get(cls, "#94a3b8"),
                "key": edge_key(source, target, cls),
            }
        )
    frame = pd.DataFrame(rows, columns=["x", "y", "angle", "size", "colour", "key"])
    return (
        alt.Chart(frame)
        .mark_point(shape="triangle-up", filled=True, opacity=1)
        .encode(
            x=alt.X("x:Q", **x),
            y=alt.Y("y:Q", **y),
            angle=alt.Angle("angle:Q", scale=None),
            size=alt.Size("size:Q", scale=None),
            fill=alt.Fill("colour:N", scale=None),
        )
    )


def type_counts(graph: Any) -> dict[str, int]:
    counts: dict[str, int] = {}
    for _, d in graph.nodes(data=True):
        kind = d.get("type", "") or OTHER_TYPE
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def _node_layer(graph: Any, positions: dict[str, tuple[float, float]], x: dict, y: dict) -> alt.Chart:
    """Every actor, filled by type (the legend counts them), its area by mentions; the one selection."""
    counts = type_counts(graph)
    sizes = node_sizes(graph)
    frame = pd.DataFrame(
        [
            {
                "x": positions[n][0],
                "y": positions[n][1],
                "d2": round(sizes[n] ** 2),  # Vega's symbol size is an area: the diameter squared
                "type": f"{d.get('type', '') or OTHER_TYPE} ({counts[d.get('type', '') or OTHER_TYPE]})",
                "kind": d.get("type", "") or OTHER_TYPE,
                "m": int(d.get("mentions", 0)),
                "key": node_key(n),
            }
            for n, d in graph.nodes(data=True)
        ],
        columns=["x", "y", "d2", "type", "kind", "m", "key"],
    )
    kinds = list(counts)
    return (
        alt.Chart(frame, name=NODES)
        .transform_calculate(tip=NODE_TIP)
        .mark_point(filled=True, opacity=1, stroke="white", strokeWidth=1, shape="circle")
        .encode(
            x=alt.X("x:Q", **x),
            y=alt.Y("y:Q", **y),
            size=alt.Size("d2:Q", scale=None),
            fill=alt.Fill(
                "type:N",
                title="actors",
                sort=None,
                scale=alt.Scale(
                    domain=[f"{k} ({counts[k]})" for k in kinds],
                    range=[ACTOR_TYPE_COLOURS.get(k, "#6b7280") for k in kinds],
                ),
            ),
            tooltip=alt.Tooltip("tip:N", title="actor"),
        )
        .add_params(alt.selection_point(name=PICK, fields=["key"], on="click", clear="dblclick"))
    )


def label_frame(positions: dict[str, tuple[float, float]], named: dict[str, Label]) -> pd.DataFrame:
    """Each name at its actor, aligned and offset to the side its box was measured for."""
    rows = []
    for actor, label in named.items():
        align, baseline, sx, sy = SIDES[label.side]
        offset = label.offset + PAD_PX
        rows.append(
            {
                "x": positions[actor][0],
                "y": positions[actor][1],
                "text": actor,
                "side": label.side,
                "align": align,
                "baseline": baseline,
                "dx": sx * offset,
                "dy": sy * offset,
                "key": node_key(actor),
            }
        )
    return pd.DataFrame(rows, columns=["x", "y", "text", "side", "align", "baseline", "dx", "dy", "key"])


def _label_layers(
    positions: dict[str, tuple[float, float]], named: dict[str, Label], x: dict, y: dict
) -> list[alt.Chart]:
    """The names, each over a white halo of itself (so it reads over the edges that cross it). Vega-Lite
    sets a text mark's align and offsets for the whole mark, so one pair of layers per side."""
    frame = label_frame(positions, named)[["x", "y", "text", "side", "dx", "dy", "key"]]
    layers = []
    for side, (align, baseline, _, _) in SIDES.items():
        if not (frame["side"] == side).any():
            continue
        for halo in (True, False):
            style = {"stroke": "white", "strokeWidth": 3, "strokeJoin": "round"} if halo else {"fill": "#111827"}
            layers.append(
                # One dataset for every name, filtered per side in the browser: a dataset each cost ~2 KB.
                alt.Chart(frame, name=f"{LABELS}_{side.replace(' ', '_')}{'_halo' if halo else ''}")
                .transform_filter(alt.datum.side == side)
                # Offsets in pixels, per name (the gap grows with the marker's size): Vega reads ``datum`` in a
                # mark property's expression, where Vega-Lite's xOffset channel is for discrete scales only.
                .mark_text(
                    align=align,
                    baseline=baseline,
                    fontSize=FONT_PX,
                    dx=alt.ExprRef("datum.dx"),
                    dy=alt.ExprRef("datum.dy"),
                    **style,
                )
                .encode(x=alt.X("x:Q", **x), y=alt.Y("y:Q", **y), text="text:N")
            )
    return layers


def named_actors(spec: dict) -> list[str]:
    """The actors a network spec names on the graph (the others only in tooltips)."""
    return sorted(
        {row["text"] for name, rows in _datasets_by_layer(spec).items() if name.startswith(LABELS) for row in rows}
    )


def label_side_of(layer: dict) -> str:
    """The side a label layer draws its names on (its name says which)."""
    return next(side for side in SIDES if layer["name"].startswith(f"{LABELS}_{side.replace(' ', '_')}"))


def side_rows(spec: dict, layer: dict) -> list[dict]:
    """The names a label layer draws: its dataset's rows of its side."""
    return [row for row in spec["datasets"][layer["data"]["name"]] if row["side"] == label_side_of(layer)]


def layer_rows(spec: dict, name: str) -> list[dict]:
    """The data rows of the layer called ``name`` (as Vega-Lite receives them)."""
    return _datasets_by_layer(spec).get(name, [])


def _datasets_by_layer(spec: dict) -> dict[str, list[dict]]:
    return {
        layer["name"]: spec["datasets"][layer["data"]["name"]]
        for layer in spec.get("layer", [])
        if "name" in layer and "data" in layer
    }


def label_side(graph: Any, positions: dict[str, tuple[float, float]], node: str) -> str:
    """Where a node's label goes when nothing is in the way: facing away from its neighbours."""
    return preferred_sides(graph, positions, node)[0]
