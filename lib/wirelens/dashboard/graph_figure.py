"""The actor network as a plotly figure: one trace per edge class, one node trace, clickable edges."""

from __future__ import annotations

import math
from typing import Any

import plotly.graph_objects as go

from wirelens.dashboard.figures import ACTOR_TYPE_COLOURS
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
LABELLED = 25  # actors named on the graph, by degree; the others on hover
EDGE_DASH = {COOCCURRENCE: "dot"}


def labelled_nodes(graph: Any, limit: int = LABELLED) -> set[str]:
    """The ``limit`` best-connected actors (by degree, then weighted degree, then name): the ones named on the graph."""
    weighted = dict(graph.degree(weight="weight"))
    ranked = sorted(graph.nodes, key=lambda n: (-graph.degree(n), -weighted.get(n, 0), str(n)))
    return set(ranked[:limit])


CHAR_PX, LINE_PX, GAP_PX = 7.5, 16.0, 10.0  # a 13-px label's character width and line height, its gap to the node
PLOT_WIDTH_PX = 1100  # about the wide layout's plot width: label boxes are estimated at this size


def label_boxes(
    graph: Any, positions: dict[str, tuple[float, float]], candidates: list[str], width_px: float, height_px: float
) -> dict[str, tuple[float, float, float, float]]:
    """Labels that fit, in candidate order: each (x0, y0, x1, y1) box in pixels overlaps no box kept before it."""
    xs = [p[0] for p in positions.values()] or [0.0]
    ys = [p[1] for p in positions.values()] or [0.0]
    sx = (width_px * 0.7) / ((max(xs) - min(xs)) or 1.0)  # the nodes span about 70% of the width
    sy = (height_px * 0.8) / ((max(ys) - min(ys)) or 1.0)
    kept: dict[str, tuple[float, float, float, float]] = {}
    for node in candidates:
        x, y = positions[node][0] * sx, -positions[node][1] * sy  # pixels, y down
        w, h = CHAR_PX * len(str(node)), LINE_PX
        side = label_side(graph, positions, node)
        if side == "middle right":
            box = (x + GAP_PX, y - h / 2, x + GAP_PX + w, y + h / 2)
        elif side == "middle left":
            box = (x - GAP_PX - w, y - h / 2, x - GAP_PX, y + h / 2)
        elif side == "top center":
            box = (x - w / 2, y - GAP_PX - h, x + w / 2, y - GAP_PX)
        else:
            box = (x - w / 2, y + GAP_PX, x + w / 2, y + GAP_PX + h)
        if all(box[2] <= b[0] or b[2] <= box[0] or box[3] <= b[1] or b[3] <= box[1] for b in kept.values()):
            kept[node] = box
    return kept


def figure_height(nodes: int) -> int:
    """Taller for bigger graphs, within one screen."""
    return int(min(900, max(560, 420 + 6 * nodes)))


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


def build_network(graph: Any, positions: dict[str, tuple[float, float]], labels: int = LABELLED) -> go.Figure:
    """Nodes sized by mentions and coloured by actor type; edges coloured by class, arrows for direction.

    Only the ``labels`` best-connected actors are named on the graph (every node names itself on
    hover); the legend lists each actor type and edge class with its count.

    Each edge has a marker at its middle whose ``customdata`` is (source, target, class), so
    ``st.plotly_chart(on_select=...)`` can tell which edge was clicked.
    """
    fig = go.Figure()
    mids_x, mids_y, mids_data, mids_text = [], [], [], []
    by_class: dict[str, list[tuple[str, str, dict]]] = {}
    for source, target, data in graph.edges(data=True):
        by_class.setdefault(data["interaction_class"], []).append((source, target, data))
    max_weight = max((d["weight"] for *_, d in graph.edges(data=True)), default=1)
    ends = _edge_ends(graph, positions)
    for cls in sorted(by_class, key=lambda c: (c == COOCCURRENCE, c)):  # co-occurrence drawn underneath
        xs, ys = [], []
        for source, target, data in by_class[cls]:
            (x0, y0), (x1, y1) = ends[(source, target, cls)]
            xs += [x0, x1, None]
            ys += [y0, y1, None]
            mids_x.append((x0 + x1) / 2)
            mids_y.append((y0 + y1) / 2)
            mids_data.append([source, target, cls])
            arrow = "→" if data.get("directed") else "–"
            mids_text.append(f"{source} {arrow} {target}<br>{cls}: {data['weight']}")
        line = {
            "color": CLASS_COLOURS.get(cls, "#94a3b8"),
            "width": 1.2 if cls == COOCCURRENCE else 2.2,
            "dash": EDGE_DASH.get(cls, "solid"),
        }
        fig.add_trace(
            go.Scatter(
                x=xs, y=ys, mode="lines", name=cls, hoverinfo="skip", line=line, legendgroup=cls, showlegend=False
            )
        )
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="lines",
                name=f"{cls} ({len(by_class[cls])})",
                line=line,
                legendgroup=cls,
                legendgrouptitle=None,
                hoverinfo="skip",
            )
        )
    arrows = []
    for source, target, data in graph.edges(data=True):
        if data.get("directed"):
            (x0, y0), (x1, y1) = ends[(source, target, data["interaction_class"])]
            arrows.append(
                dict(
                    x=x0 + 0.82 * (x1 - x0),
                    y=y0 + 0.82 * (y1 - y0),
                    ax=x0 + 0.55 * (x1 - x0),
                    ay=y0 + 0.55 * (y1 - y0),
                    xref="x",
                    yref="y",
                    axref="x",
                    ayref="y",
                    showarrow=True,
                    arrowhead=2,
                    arrowsize=1.3,
                    arrowwidth=1.5 + 2 * data["weight"] / max_weight,
                    arrowcolor=CLASS_COLOURS.get(data["interaction_class"], "#94a3b8"),
                    text="",
                )
            )
    fig.update_layout(annotations=arrows)  # at once: add_annotation one by one re-validates them all (seconds)
    fig.add_trace(
        go.Scatter(
            x=mids_x,
            y=mids_y,
            mode="markers",
            name=EDGE_TRACE,
            showlegend=False,
            marker={"size": 12, "color": "rgba(0,0,0,0.01)"},
            customdata=mids_data,
            hovertext=mids_text,
            hoverinfo="text",
        )
    )
    nodes = list(graph.nodes(data=True))
    height = figure_height(len(nodes))
    ranked = sorted(graph.nodes, key=lambda n: (-graph.degree(n), -graph.nodes[n].get("mentions", 0), str(n)))
    fits = label_boxes(graph, positions, ranked, PLOT_WIDTH_PX, height)  # no label on top of another
    named = set([n for n in ranked if n in fits][:labels])
    type_counts: dict[str, int] = {}
    for _, d in nodes:
        type_counts[d.get("type", "") or "other"] = type_counts.get(d.get("type", "") or "other", 0) + 1
    for kind, n in type_counts.items():  # legend entries only: the actors are one clickable trace
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=f"{kind} ({n})",
                hoverinfo="skip",
                legendgroup="types",
                marker={"size": 11, "color": ACTOR_TYPE_COLOURS.get(kind, "#6b7280")},
            )
        )
    max_mentions = max((d.get("mentions", 1) for _, d in nodes), default=1)
    fig.add_trace(
        go.Scatter(
            x=[positions[n][0] for n, _ in nodes],
            y=[positions[n][1] for n, _ in nodes],
            mode="markers+text",
            name=NODE_TRACE,
            showlegend=False,
            text=[n if n in named else "" for n, _ in nodes],
            textposition=[label_side(graph, positions, n) for n, _ in nodes],
            textfont={"size": 13},
            customdata=[[n, d.get("type", ""), d.get("mentions", 0)] for n, d in nodes],
            hovertemplate="%{customdata[0]} (%{customdata[1]}): %{customdata[2]} mentions<extra></extra>",
            marker={
                "size": [14 + 30 * math.sqrt(d.get("mentions", 1) / max_mentions) for _, d in nodes],
                "color": [ACTOR_TYPE_COLOURS.get(d.get("type", ""), "#6b7280") for _, d in nodes],
                "line": {"width": 1, "color": "white"},
            },
        )
    )
    xs = [p[0] for p in positions.values()] or [0.0]
    ys = [p[1] for p in positions.values()] or [0.0]
    pad_x, pad_y = 0.22 * (max(xs) - min(xs) or 1.0), 0.1 * (max(ys) - min(ys) or 1.0)  # room for the labels
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        clickmode="event+select",
        dragmode="pan",
        xaxis={"visible": False, "range": [min(xs) - pad_x, max(xs) + pad_x]},  # room for the labels
        yaxis={"visible": False, "range": [min(ys) - pad_y, max(ys) + pad_y]},
        legend={"orientation": "h", "y": -0.01, "yanchor": "top", "title": {"text": "actors, edges: "}},
        plot_bgcolor="white",
    )
    return fig


def label_side(graph: Any, positions: dict[str, tuple[float, float]], node: str) -> str:
    """Where a node's label goes: on the side facing away from its neighbours, so labels do not
    sit on the edges and the nodes they lead to (a hub's spokes fan their labels outwards)."""
    neighbours = [n for n in set(graph.predecessors(node)) | set(graph.successors(node)) if n in positions]
    if not neighbours:
        return "top center"
    x, y = positions[node]
    dx = x - sum(positions[n][0] for n in neighbours) / len(neighbours)
    dy = y - sum(positions[n][1] for n in neighbours) / len(neighbours)
    if abs(dx) > abs(dy):
        return "middle right" if dx > 0 else "middle left"
    return "top center" if dy >= 0 else "bottom center"
