"""The actor network as a plotly figure: one trace per edge class, one node trace, clickable edges."""

from __future__ import annotations

import html
import math
from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go

from wirelens.dashboard.figures import ACTOR_TYPE_COLOURS
from wirelens.dashboard.network_canvas import (
    FONT_PX,
    LABEL_LIMIT,
    LEGEND_PX,
    MARGIN_PX,
    Label,
    figure_height,
    node_sizes,
    overlaps,
    place_labels,
    plot_area,
    preferred_sides,
    to_pixels,
    view_ranges,
)
from wirelens.dashboard.network_graph import COOCCURRENCE

CLASS_COLOURS = {
    "statement": "#6b7280",
    "accuse/criticise": "#dc2626",
    "demand/appeal": "#d97706",
    "cooperate/negotiate": "#2563eb",
    "fight/attack": "#7f1d1d",
    "aid": "#16a34a",
    COOCCURRENCE: "#cbd5e1",
}
NODE_TRACE = "actors"
EDGE_TRACE = "edges"  # invisible midpoint markers: what a click on an edge selects
EDGE_DASH = {COOCCURRENCE: "dot"}
# A white glow around each name (CSS text-shadow), so it reads over the edges that cross it.
HALO = ", ".join(["0 0 2px white"] * 3 + [f"{x}px {y}px 1px white" for x in (-1, 1) for y in (-1, 1)])
ARROWS_AT_MOST = 300  # beyond, arrows would bury the graph (and cost seconds): direction is in each edge's hover


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


def build_network(graph: Any, positions: dict[str, tuple[float, float]], labels: int = LABEL_LIMIT) -> go.Figure:
    """Nodes sized by mentions and coloured by actor type; edges coloured by class, arrows for direction.

    At most ``labels`` actors are named on the graph, the best-connected whose label fits
    without covering another (:func:`place_labels`); every node names itself on hover. The
    legend lists each actor type and edge class with its count.

    Each edge has a marker at its middle whose ``customdata`` is (source, target, class), so
    ``st.plotly_chart(on_select=...)`` can tell which edge was clicked.
    """
    fig = go.Figure()
    # Coordinates to 1/1000 of a layout unit (a small fraction of a pixel): the 16-digit floats were a
    # third of the figure's bytes.
    positions = {node: (_short(x), _short(y)) for node, (x, y) in positions.items()}
    ends = {
        edge: tuple((_short(x), _short(y)) for x, y in points) for edge, points in _edge_ends(graph, positions).items()
    }
    named = place_labels(graph, positions, labels)
    for trace in _edge_traces(graph, ends):
        fig.add_trace(trace)
    if graph.number_of_edges() <= ARROWS_AT_MOST:
        heads = _arrows(graph, ends, _label_guard(graph, positions, named))
        fig.update_layout(annotations=heads)  # at once: one by one re-validates them all (seconds)
    fig.add_trace(_edge_midpoints(graph, ends))
    for trace in _type_legend(graph):
        fig.add_trace(trace)
    fig.add_trace(_node_trace(graph, positions, named))  # last: the browser tests and a click find the actors there
    (x0, x1), (y0, y1) = view_ranges(positions)
    fig.update_layout(
        height=figure_height(graph.number_of_nodes()),
        margin={"l": MARGIN_PX, "r": MARGIN_PX, "t": MARGIN_PX, "b": MARGIN_PX + LEGEND_PX},
        clickmode="event+select",
        dragmode="pan",
        xaxis={"visible": False, "range": [x0, x1]},  # the ranges the label boxes were measured in
        yaxis={"visible": False, "range": [y0, y1]},
        legend={"orientation": "h", "y": -0.01, "yanchor": "top", "title": {"text": "actors, edges: "}},
        plot_bgcolor="white",
    )
    return fig


def _short(value: float, digits: int = 3) -> float:
    return round(float(value), digits)


def named_actors(fig: go.Figure) -> list[str]:
    """The actors a network figure names on the graph (the others only on hover)."""
    nodes = next((t for t in fig.data if t.name == NODE_TRACE), None)
    return [html.unescape(t) for t in (nodes.text if nodes is not None else ()) if t]


def plain(text: str) -> str:
    """Article text for plotly: escaped, since plotly reads tags (<b>, <a href>) in labels and hovers."""
    return html.escape(text, quote=False)


def _edge_traces(graph: Any, ends: dict[tuple[str, str, str], tuple]) -> list[go.Scatter]:
    """One line trace per interaction class, and a legend entry with its count; thinner lines for
    bigger graphs, so a few hundred edges stay a network rather than a blot."""
    by_class: dict[str, list[tuple[str, str]]] = {}
    for source, target, data in graph.edges(data=True):
        by_class.setdefault(data["interaction_class"], []).append((source, target))
    thin = 1.0 if graph.number_of_edges() > 150 else 0.0
    traces = []
    for cls in sorted(by_class, key=lambda c: (c == COOCCURRENCE, c)):  # co-occurrence drawn underneath
        xs: list[float | None] = []
        ys: list[float | None] = []
        for source, target in by_class[cls]:
            (x0, y0), (x1, y1) = ends[(source, target, cls)]
            xs += [x0, x1, None]
            ys += [y0, y1, None]
        line = {
            "color": CLASS_COLOURS.get(cls, "#94a3b8"),
            "width": (1.2 if cls == COOCCURRENCE else 2.2) - thin * 0.6,
            "dash": EDGE_DASH.get(cls, "solid"),
        }
        common = {"mode": "lines", "line": line, "legendgroup": cls, "hoverinfo": "skip"}
        traces.append(go.Scatter(x=xs, y=ys, name=cls, showlegend=False, **common))
        traces.append(go.Scatter(x=[None], y=[None], name=f"{cls} ({len(by_class[cls])})", **common))
    return traces


def _edge_midpoints(graph: Any, ends: dict[tuple[str, str, str], tuple]) -> go.Scatter:
    """Invisible markers at the edges' middles: what a click or a hover on an edge finds."""
    xs, ys, data, text = [], [], [], []
    for source, target, d in graph.edges(data=True):
        cls = d["interaction_class"]
        (x0, y0), (x1, y1) = ends[(source, target, cls)]
        xs.append(_short((x0 + x1) / 2))
        ys.append(_short((y0 + y1) / 2))
        data.append([source, target, cls])
        text.append(f"{source} {'→' if d.get('directed') else '–'} {target}<br>{cls}: {d['weight']}")
    return go.Scatter(
        x=xs,
        y=ys,
        mode="markers",
        name=EDGE_TRACE,
        showlegend=False,
        marker={"size": 12, "color": "rgba(0,0,0,0.01)"},
        customdata=data,
        hovertext=text,
        hoverinfo="text",
    )


def _label_guard(graph: Any, positions: dict[str, tuple[float, float]], labels: dict[str, Label]) -> Callable:
    """Whether a point (in data coordinates) is on or next to a label: plotly draws annotations,
    and so arrowheads, over every trace, labels included."""
    _, (x0, y1, sx, sy) = to_pixels(positions, plot_area(graph.number_of_nodes()))
    boxes = [label.box for label in labels.values()]

    def near_label(x: float, y: float) -> bool:
        px, py = (x - x0) * sx, (y1 - y) * sy
        return any(overlaps((px - 8, py - 8, px + 8, py + 8), box) for box in boxes)

    return near_label


def _arrows(graph: Any, ends: dict[tuple[str, str, str], tuple], near_label: Callable) -> list[dict]:
    """An arrowhead on each directed edge, past its middle, thicker for more evidence; none where
    it would cover a label (the edge's hover still says which way it goes)."""
    max_weight = max((d["weight"] for *_, d in graph.edges(data=True)), default=1)
    arrows = []
    for source, target, data in graph.edges(data=True):
        if not data.get("directed"):
            continue
        (x0, y0), (x1, y1) = ends[(source, target, data["interaction_class"])]
        tip = (x0 + 0.82 * (x1 - x0), y0 + 0.82 * (y1 - y0))
        if near_label(*tip):
            continue
        arrows.append(
            dict(
                x=_short(tip[0]),
                y=_short(tip[1]),
                ax=_short(x0 + 0.55 * (x1 - x0)),
                ay=_short(y0 + 0.55 * (y1 - y0)),
                xref="x",
                yref="y",
                axref="x",
                ayref="y",
                showarrow=True,
                arrowhead=2,
                arrowsize=1.3,
                arrowwidth=_short(1.5 + 2 * data["weight"] / max_weight, 2),
                arrowcolor=CLASS_COLOURS.get(data["interaction_class"], "#94a3b8"),
                text="",
            )
        )
    return arrows


def _type_legend(graph: Any) -> list[go.Scatter]:
    """Legend entries only, one per actor type with its count: the actors are one clickable trace."""
    counts: dict[str, int] = {}
    for _, d in graph.nodes(data=True):
        kind = d.get("type", "") or "other"
        counts[kind] = counts.get(kind, 0) + 1
    return [
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=f"{kind} ({n})",
            hoverinfo="skip",
            legendgroup="types",
            marker={"size": 11, "color": ACTOR_TYPE_COLOURS.get(kind, "#6b7280")},
        )
        for kind, n in counts.items()
    ]


def _node_trace(graph: Any, positions: dict[str, tuple[float, float]], labels: dict[str, Label]) -> go.Scatter:
    """Every actor, one clickable trace, each named on hover; the placed labels on the side their
    box was measured for (plotly sets text off a marker as :func:`label_offset` says, and draws a
    trace's texts over all its markers)."""
    nodes = list(graph.nodes(data=True))
    sizes = node_sizes(graph)
    return go.Scatter(
        x=[positions[n][0] for n, _ in nodes],
        y=[positions[n][1] for n, _ in nodes],
        mode="markers+text",
        name=NODE_TRACE,
        showlegend=False,
        text=[plain(n) if n in labels else "" for n, _ in nodes],
        textposition=[labels[n].side if n in labels else "top center" for n, _ in nodes],
        textfont={"size": FONT_PX, "color": "#111827", "shadow": HALO},
        customdata=[[n, d.get("type", ""), d.get("mentions", 0)] for n, d in nodes],
        hovertext=[f"{plain(n)} ({d.get('type', '') or 'other'}): {d.get('mentions', 0)} mentions" for n, d in nodes],
        hoverinfo="text",
        marker={
            "size": [sizes[n] for n, _ in nodes],
            "color": [ACTOR_TYPE_COLOURS.get(d.get("type", ""), "#6b7280") for _, d in nodes],
            "line": {"width": 1, "color": "white"},
        },
    )


def label_side(graph: Any, positions: dict[str, tuple[float, float]], node: str) -> str:
    """Where a node's label goes when nothing is in the way: facing away from its neighbours."""
    return preferred_sides(graph, positions, node)[0]
