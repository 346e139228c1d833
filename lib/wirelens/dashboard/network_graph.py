"""The actor network as a graph: plain edge rows in, networkx out (the network page and its exports)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from wirelens.dashboard.network_canvas import plot_area

COOCCURRENCE = "co-occurrence"
# ACLED's actor2 for unarmed victims, as the events layer names it (events.rules.CIVILIANS):
# an event's target that is no actor mention, drawn whenever its attacker is.
VICTIM_GROUPS = frozenset({"Civilians"})
SPRING_K = 2.5  # the spring layout's ideal edge length, times 1/sqrt(nodes): larger spreads clusters more
FA2_STEPS = 120  # ForceAtlas2 iterations: settled for a few hundred nodes, a fraction of a second for 100


def actor_graph(
    nodes: Iterable[tuple[str, str, int]],
    interactions: Iterable[tuple[str, str, str, int]],
    cooccurrences: Iterable[tuple[str, str, int]] = (),
) -> Any:
    """A MultiDiGraph: nodes (actor, type, mentions); one edge per (source, target, class)
    with its count as ``weight``; co-occurrence edges carry class "co-occurrence".

    An edge to an actor not among ``nodes`` is dropped (the page's top-N and type filters),
    except to a victim group of :data:`VICTIM_GROUPS`: the events layer names it as an attack's
    target ("Islamic State -> Civilians"), though no sentence names it, so it is never a mention."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for actor, actor_type, mentions in sorted(nodes):
        graph.add_node(actor, type=actor_type or "", mentions=int(mentions))
    interactions = sorted(interactions)
    for source, target, _cls, _weight in interactions:
        for end, other in ((source, target), (target, source)):
            if end in VICTIM_GROUPS and end not in graph and other in graph:
                graph.add_node(end, type="", mentions=0)  # named by events, never as a mention
    for source, target, cls, weight in interactions:
        if source in graph and target in graph:
            graph.add_edge(source, target, key=cls, interaction_class=cls, weight=int(weight), directed=True)
    for a, b, weight in sorted(cooccurrences):
        if a in graph and b in graph:
            graph.add_edge(a, b, key=COOCCURRENCE, interaction_class=COOCCURRENCE, weight=int(weight), directed=False)
    return graph


def graph_layout(graph: Any, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Node positions that depend only on the graph: the same corpus gives the same picture.

    Each connected component is laid out on its own, in a square of side proportional to the
    square root of its size, and the squares are packed in rows, largest first, to about the
    plot area's shape: one layout over all of them flings the small ones to the edges and
    squeezes the big one into the middle."""
    import networkx as nx

    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    for a, b, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["interaction_class"])):
        w = simple.get_edge_data(a, b, {}).get("weight", 0) + data["weight"]
        simple.add_edge(a, b, weight=w)
    components = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(c)))
    radii = [max(len(c), 1) ** 0.5 for c in components]
    width, height = plot_area(simple.number_of_nodes())
    out: dict[str, tuple[float, float]] = {}
    for component, radius, (cx, cy) in zip(components, radii, shelf_pack(radii, width / height)):
        for node, (x, y) in _component_layout(simple.subgraph(sorted(component)), seed).items():
            out[node] = (cx + radius * float(x), cy + radius * float(y))
    return out


def shelf_pack(radii: list[float], aspect: float, gap: float = 0.8) -> list[tuple[float, float]]:
    """Centres for squares of side 2r + gap, given largest first: rows as tall as their first square,
    each filled with columns of the smaller squares stacked to that height (the small components
    sit beside the big one rather than in a long strip under it); a row ends once it is as wide
    as makes the whole about ``aspect`` times wider than tall."""
    sides = [2 * r + gap for r in radii]
    row_width = max(max(sides, default=0.0), (sum(s * s for s in sides) * aspect) ** 0.5)
    centres: list[tuple[float, float]] = []
    row_top, row_height = 0.0, 0.0  # y grows upwards: rows go down from 0
    col_left, col_width, col_fill = 0.0, 0.0, 0.0
    for side in sides:
        if col_fill + side > row_height + 1e-9:  # no room under the column's last square: a new column
            col_left, col_width, col_fill = col_left + col_width, 0.0, 0.0
            if col_left >= row_width:  # the row is wide enough: a new row
                row_top, col_left, row_height = row_top - row_height, 0.0, 0.0
            if col_left == 0:
                row_height = side
        centres.append((col_left + side / 2, row_top - col_fill - side / 2))
        col_width, col_fill = max(col_width, side), col_fill + side
    return centres


def _component_layout(graph: Any, seed: int) -> dict[str, tuple[float, float]]:
    """Kamada-Kawai (even, deterministic) under 12 nodes; ForceAtlas2 with hub dissuasion up to
    250: news networks are a few hubs (a president, a country) that most actors link to, which
    Kamada-Kawai and springs pile into one knot in the middle, while ForceAtlas2 sets the hubs
    apart, each amid its own actors. Beyond 250 (ForceAtlas2 is quadratic per step), springs."""
    import networkx as nx

    n = graph.number_of_nodes()
    if n == 1:
        return {next(iter(graph.nodes)): (0.0, 0.0)}
    if n == 2:
        a, b = sorted(graph.nodes)
        return {a: (-0.5, 0.0), b: (0.5, 0.0)}
    if n < 12:
        return nx.kamada_kawai_layout(graph, weight=None, scale=1.0)  # our weights are strengths, not distances
    if n <= 250:
        pos = nx.forceatlas2_layout(graph, max_iter=FA2_STEPS, seed=seed, distributed_action=True, weight=None)
        return spread_radially(nx.rescale_layout_dict(pos, 1.0))
    return nx.spring_layout(graph, seed=seed, k=SPRING_K / n**0.5, iterations=100, weight=None, scale=1.0)


def spread_radially(positions: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """The same picture with the crowd in the middle spread out: each node keeps its direction from
    the centre, and its distance becomes its rank's share of a disc of the same radius (the k-th
    nearest of n at radius sqrt(k / n)), so nodes are as dense in the middle as at the rim. A
    force layout piles the many nodes linked to the same few hubs into one knot; this unties it
    without changing who is beside whom."""
    if len(positions) < 3:
        return positions
    xs, ys = [p[0] for p in positions.values()], [p[1] for p in positions.values()]
    cx, cy = sum(xs) / len(xs), sum(ys) / len(ys)
    polar = {n: (math.hypot(x - cx, y - cy), math.atan2(y - cy, x - cx)) for n, (x, y) in positions.items()}
    outer = max(r for r, _ in polar.values()) or 1.0
    ranked = sorted(polar, key=lambda n: (polar[n][0], n))
    out = {}
    for k, node in enumerate(ranked, 1):
        r = outer * math.sqrt(k / len(ranked))
        out[node] = (cx + r * math.cos(polar[node][1]), cy + r * math.sin(polar[node][1]))
    return out


def export_graph(graph: Any, fmt: str) -> bytes:
    """The graph as GraphML or GEXF bytes (for Gephi and friends)."""
    import io

    import networkx as nx

    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(graph, buffer)
    elif fmt == "gexf":
        nx.write_gexf(graph, buffer)
    else:
        raise ValueError(f"unknown graph format {fmt!r}; use graphml or gexf")
    return buffer.getvalue()
