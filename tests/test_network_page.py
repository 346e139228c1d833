"""The network view: labels for the best-connected only, a legend with counts, the ego view, readable
evidence tables (pure, no Streamlit), and the page's controls and clickable quotes through AppTest."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from page_runner import open_page
from wirelens.dashboard.graph_figure import NODE_TRACE, build_network, label_boxes, labelled_nodes
from wirelens.dashboard.network_graph import actor_graph, graph_layout
from wirelens.dashboard.network_view import ego_subgraph, evidence_frame

REPO = Path(__file__).resolve().parents[1]


def _star(leaves: int):
    """A hub with ``leaves`` spokes, and one edge between the first two leaves."""
    nodes = [("Hub", "state", 50)] + [(f"Leaf {i}", "person", 1) for i in range(leaves)]
    edges = [("Hub", f"Leaf {i}", "statement", 1) for i in range(leaves)] + [("Leaf 0", "Leaf 1", "aid", 2)]
    return actor_graph(nodes, edges)


def test_only_the_best_connected_actors_are_labelled():
    graph = _star(60)
    fig = build_network(graph, graph_layout(graph), labels=10)
    nodes = next(t for t in fig.data if t.name == NODE_TRACE)
    named = [t for t in nodes.text if t]
    assert len(named) == 10 and "Hub" in named and {"Leaf 0", "Leaf 1"} <= set(named)
    assert len(nodes.customdata) == 61  # every actor is still there, named on hover
    assert labelled_nodes(graph, 1) == {"Hub"}


def test_the_legend_counts_actor_types_and_edge_classes():
    graph = _star(5)
    fig = build_network(graph, graph_layout(graph))
    legend = {t.name for t in fig.data if t.showlegend is not False}
    assert {"person (5)", "state (1)", "statement (5)", "aid (1)"} <= legend
    assert fig.layout.height >= 560


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


def test_kept_labels_never_overlap():
    graph = _star(300)
    positions = graph_layout(graph)
    ranked = sorted(graph.nodes, key=lambda n: -graph.degree(n))
    boxes = list(label_boxes(graph, positions, ranked, 1100, 900).values())
    assert boxes and all(
        a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
    )
    nodes = next(t for t in build_network(graph, positions).data if t.name == NODE_TRACE)
    assert 0 < len([t for t in nodes.text if t]) <= 40
