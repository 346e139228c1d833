"""The network view: labels for the best-connected only, a legend with counts, the ego view, readable
evidence tables (pure, no Streamlit), and the page's controls and clickable quotes through AppTest."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import altair as alt
import pandas as pd

from page_runner import open_page
from wirelens.dashboard.network_canvas import (
    LABEL_LIMIT,
    label_box,
    marker_box,
    node_sizes,
    overlaps,
    place_labels,
    plot_area,
    to_pixels,
)
from wirelens.dashboard.network_chart import (
    LABELS,
    NODE_TIP,
    NODES,
    PICK,
    SIDES,
    label_side_of,
    layer_rows,
    named_actors,
    network_chart,
    side_rows,
)
from wirelens.dashboard.network_graph import actor_graph, graph_layout, shelf_pack, spread_radially
from wirelens.dashboard.network_view import ego_subgraph, evidence_frame

REPO = Path(__file__).resolve().parents[1]


def _star(leaves: int):
    """A hub with ``leaves`` spokes, and one edge between the first two leaves."""
    nodes = [("Hub", "state", 50)] + [(f"Leaf {i}", "person", 1) for i in range(leaves)]
    edges = [("Hub", f"Leaf {i}", "statement", 1) for i in range(leaves)] + [("Leaf 0", "Leaf 1", "aid", 2)]
    return actor_graph(nodes, edges)


def test_only_the_best_connected_actors_are_labelled():
    graph = _star(60)
    spec = network_chart(graph, graph_layout(graph), labels=10)
    named = named_actors(spec)
    assert len(named) == 10 and "Hub" in named and {"Leaf 0", "Leaf 1"} <= set(named)
    assert len(layer_rows(spec, NODES)) == 61  # every actor is still there, named in its tooltip
    assert set(place_labels(graph, graph_layout(graph), 1)) == {"Hub"}


def test_the_legend_counts_actor_types_and_edge_classes():
    graph = _star(5)
    spec = network_chart(graph, graph_layout(graph))
    alt.Chart.from_dict({k: v for k, v in spec.items() if k not in ("autosize", "usermeta")})  # valid Vega-Lite
    by_name = {layer.get("name"): layer for layer in spec["layer"]}
    assert by_name[NODES]["encoding"]["fill"]["scale"]["domain"] == ["state (1)", "person (5)"]
    assert set(by_name["edges"]["encoding"]["stroke"]["scale"]["domain"]) == {"statement (5)", "aid (1)"}
    assert spec["height"] == plot_area(6)[1] and spec["autosize"]["type"] == "fit-x"  # the measured plot height
    assert spec["width"] == "container"  # the page's full width


def test_a_click_on_an_actor_its_name_or_an_edge_selects_its_key():
    graph = _star(2)
    spec = network_chart(graph, graph_layout(graph))
    (param,) = spec["params"]
    assert param["name"] == PICK and param["select"]["fields"] == ["key"]
    keys = {row["key"] for name in ("edges", "edge_middles", NODES) for row in layer_rows(spec, name)}
    assert {"node|Hub", "node|Leaf 0", "edge|Hub|Leaf 0|statement", "edge|Leaf 0|Leaf 1|aid"} <= keys
    assert all(row["key"].startswith("node|") for name in spec_label_layers(spec) for row in layer_rows(spec, name))


def spec_label_layers(spec: dict) -> list[str]:
    return [layer["name"] for layer in spec["layer"] if layer.get("name", "").startswith(LABELS)]


def test_the_ego_view_keeps_the_neighbours_and_the_edges_among_them():
    graph = _star(5)
    graph.add_node("Stranger", type="person", mentions=1)
    ego = ego_subgraph(graph, "Leaf 0")
    assert set(ego.nodes) == {"Leaf 0", "Hub", "Leaf 1"}
    assert ego.number_of_edges() == 3  # hub-leaf 0, hub-leaf 1, and leaf 0 - leaf 1 among the neighbours
    assert ego_subgraph(graph, "Nobody").number_of_nodes() == 0


def test_evidence_tables_show_dates_as_dates_and_human_headers():
    rows = pd.DataFrame(
        {
            "article_id": ["a"],
            "title": ["T"],
            "interaction_class": ["aid"],
            "date": pd.to_datetime([dt.date(2016, 10, 4)]),
            "sent_start": [0],
            "sent_end": [5],
        }
    )
    shown = evidence_frame(rows)
    assert list(shown.columns) == ["article", "interaction", "date"]
    assert shown["date"].iloc[0] == "2016-10-04"


def test_network_page_controls_and_clickable_quotes(tmp_path, monkeypatch):
    monkeypatch.setenv("WIRELENS_DB", str(tmp_path / "net.duckdb"))
    monkeypatch.chdir(REPO)
    at = open_page("network.py", net_selected="node|John Kerry")
    assert "net_node_quotes" in {d.key for d in at.dataframe}  # quotes are an evidence table: a click opens the reader
    headers = set().union(*(d.value.columns for d in at.dataframe))
    assert "interaction_class" not in headers and "interaction" in headers
    at.selectbox(key="net_ego").set_value("John Kerry").run()
    assert not at.exception
    assert "actors" in at.caption[0].value


def _news_graph(actors: int, seed: int = 3):
    """A synthetic corpus's network: a few hubs everyone talks about, clusters around them, some
    pairs and loners off to the side, long and short names (the shape the real ones have)."""
    import random

    rng = random.Random(seed)
    names = [
        f"{rng.choice(['Minister', 'General', 'Agency', 'Front', 'Council'])} {i} of {'X' * rng.randint(2, 14)}"
        for i in range(actors)
    ]
    nodes = [(n, rng.choice(["person", "state", "organisation"]), rng.randint(1, 200)) for n in names]
    hubs = names[:8]
    edges = []
    for i, name in enumerate(names[8:], 8):
        if i % 9 == 0:
            continue  # a loner: no edge (its own component)
        if i % 7 == 0:
            edges.append((name, names[i - 1], "aid", 1))  # a pair apart from the rest
            continue
        edges.append((rng.choice(hubs), name, rng.choice(["statement", "accuse/criticise"]), rng.randint(1, 5)))
        if rng.random() < 0.3:
            edges.append((name, rng.choice(names[8:]), "statement", 1))
    return actor_graph(nodes, edges)


def test_a_500_actor_network_names_at_most_40_and_no_two_labels_overlap():
    graph = _news_graph(500)
    positions = graph_layout(graph)
    labels = place_labels(graph, positions)
    assert 20 <= len(labels) <= LABEL_LIMIT == 40  # readable: many named, never all
    boxes = [label.box for label in labels.values()]
    assert not any(overlaps(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    width, height = plot_area(graph.number_of_nodes())
    assert all(0 <= b[0] and 0 <= b[1] and b[2] <= width and b[3] <= height for b in boxes)
    pixels, _ = to_pixels(positions, (width, height))
    sizes = node_sizes(graph)
    markers = {n: marker_box(pixels[n], sizes[n]) for n in labels}  # a labelled actor is never covered
    assert not any(overlaps(label.box, markers[m]) for n, label in labels.items() for m in markers if m != n)
    # The chart names exactly those actors, each aligned and offset to the side its box was measured for.
    spec = network_chart(graph, positions)
    assert set(named_actors(spec)) == set(labels)
    for layer in spec["layer"]:
        if not layer.get("name", "").startswith(LABELS):
            continue
        side = label_side_of(layer)
        assert (layer["mark"]["align"], layer["mark"]["baseline"]) == SIDES[side][:2]
        for row in side_rows(spec, layer):
            label = labels[row["text"]]
            assert label.side == side and abs(abs(row["dx"] or row["dy"]) - label.offset - 2.0) < 1e-6


def test_labels_go_to_the_best_connected_first():
    graph = _news_graph(500)
    labels = place_labels(graph, graph_layout(graph))
    degrees = sorted((graph.degree(n) for n in graph.nodes), reverse=True)
    assert min(graph.degree(n) for n in labels) >= degrees[2 * LABEL_LIMIT - 1]  # from the top 80 only
    hubs = [f for f in graph.nodes if graph.degree(f) == degrees[0]]
    assert set(hubs) <= set(labels)


def test_a_label_that_collides_is_moved_to_another_side_or_dropped():
    # Two actors a few pixels apart (a third far away sets the scale): both prefer the top.
    names = ["Alpha Long Name", "Beta Long Name", "Far"]
    graph = actor_graph([(names[0], "state", 9), (names[1], "state", 5), (names[2], "state", 1)], [])
    positions = {names[0]: (0.0, 0.0), names[1]: (0.02, 0.0), names[2]: (1.0, 1.0)}
    labels = place_labels(graph, positions, area=(400, 300))
    assert set(labels) == set(names)
    boxes = [label.box for label in labels.values()]
    assert not any(overlaps(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    assert labels[names[0]].side != labels[names[1]].side
    above = place_labels(graph, {**positions, names[1]: (0.0, 0.16)}, area=(400, 300))  # ~40 px above the first
    assert above[names[0]].side != "top center"  # the first choice, but it would cover the other's marker


def test_labels_and_tooltips_are_plain_text():
    graph = actor_graph(
        [("<b>Bold</b> & co", "person", 3), ("Other", "state", 1)], [("<b>Bold</b> & co", "Other", "aid", 1)]
    )
    spec = network_chart(graph, graph_layout(graph))
    assert "<b>Bold</b> & co" in named_actors(spec)  # Vega draws text as text: nothing to escape
    nodes = layer_rows(spec, NODES)
    assert any({"key": "node|<b>Bold</b> & co", "kind": "person", "m": 3}.items() <= row.items() for row in nodes)
    # The tooltip is written in the browser from those fields, as text: the name as it is, no entity.
    layer = next(layer for layer in spec["layer"] if layer.get("name") == NODES)
    assert layer["transform"] == [{"calculate": NODE_TIP, "as": "tip"}] and "&amp;" not in NODE_TIP


def test_label_boxes_grow_with_the_text_and_sit_beside_the_marker():
    short, long = (
        label_box(100, 100, "UN", 20, "middle right"),
        label_box(100, 100, "United Nations", 20, "middle right"),
    )
    assert long[2] - long[0] > short[2] - short[0] and short[0] > 100 + 10  # past the marker's radius
    above = label_box(100, 100, "UN", 20, "top center")
    assert above[3] < 100 - 10 and above[0] < 100 < above[2]


def test_components_are_packed_in_rows_of_about_the_plot_s_shape():
    centres = shelf_pack([3.0] + [1.0] * 30, aspect=1.6)
    xs, ys = [c[0] for c in centres], [c[1] for c in centres]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    assert 0.8 < width / height < 4  # neither one long row nor one column
    assert centres[0] == (3.4, -3.4)  # the biggest first, top left


def test_a_500_actor_layout_spreads_the_clusters():
    graph = _news_graph(500)
    positions = graph_layout(graph)
    xs, ys = [p[0] for p in positions.values()], [p[1] for p in positions.values()]
    assert 0.8 < (max(xs) - min(xs)) / (max(ys) - min(ys)) < 3  # fills a wide plot, not a strip
    points = sorted(positions.values())
    close = sum(1 for a, b in zip(points, points[1:]) if abs(a[0] - b[0]) < 1e-6 and abs(a[1] - b[1]) < 1e-6)
    assert close == 0  # no two actors on the same spot


def test_spreading_radially_keeps_directions_and_evens_out_the_crowd():
    import math

    # A knot of 50 nodes near the centre and 4 far out (hubs): the knot is spread over the disc.
    knot = {f"n{i}": (0.01 * math.cos(i), 0.01 * math.sin(i)) for i in range(50)}
    hubs = {f"h{i}": (math.cos(i * math.pi / 2), math.sin(i * math.pi / 2)) for i in range(4)}
    before = {**knot, **hubs}
    after = spread_radially(before)
    cx = sum(p[0] for p in before.values()) / len(before)
    cy = sum(p[1] for p in before.values()) / len(before)
    for name, (x, y) in before.items():  # each keeps its direction from the centre
        a, b = math.atan2(y - cy, x - cx), math.atan2(after[name][1] - cy, after[name][0] - cx)
        assert abs(math.remainder(a - b, 2 * math.tau)) < 1e-9
    radius = lambda p: math.hypot(p[0] - cx, p[1] - cy)  # noqa: E731
    outer = max(radius(p) for p in before.values())
    assert max(radius(after[n]) for n in knot) > 0.5 * outer  # the knot now reaches half way out
    assert set(sorted(after, key=lambda n: radius(after[n]))[-4:]) == set(hubs)  # the hubs still outermost
