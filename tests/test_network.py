"""Actor network: interaction rules on hand-built Docs, the graph, the figure, the page."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
import spacy
from spacy.tokens import Doc
from streamlit.testing.v1 import AppTest

from page_runner import open_page
from wirelens.dashboard.network_chart import MIDDLES, NODES, label_side, layer_rows, network_chart
from wirelens.dashboard.network_graph import COOCCURRENCE, actor_graph, export_graph, graph_layout
from wirelens.extraction.actors import Entity
from wirelens.extraction.articles import make_article
from wirelens.extraction.interaction_rules import load_classes
from wirelens.extraction.layer import ArticleContext, Earlier
from wirelens.extraction.network import NetworkLayer

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


def parsed(vocab, words, heads, deps, lemmas, pos):
    return Doc(
        vocab,
        words=words,
        heads=heads,
        deps=deps,
        lemmas=lemmas,
        pos=pos,
        sent_starts=[True] + [False] * (len(words) - 1),
    )


def entity(text: str, doc_text: str, actor: str, actor_type: str = "state") -> Entity:
    start = doc_text.index(text)
    return Entity(start, start + len(text), text, "GPE", actor, actor_type, 0, len(doc_text))


def edges_of(vocab, words, heads, deps, lemmas, pos, actors):
    doc = parsed(vocab, words, heads, deps, lemmas, pos)
    entities = [entity(t, doc.text, a, k) for t, a, k in actors]
    article = make_article(doc.text, title="t")
    context = ArticleContext(article, [], entities)
    layer = NetworkLayer()
    return {
        (i.source, i.target, i.interaction_class)
        for i in layer.finish(layer.read_chunk(doc, 0), context, Earlier.given(layer))
    }


CASES = [
    # "Russia blamed Washington"
    (
        ["Russia", "blamed", "Washington"],
        [1, 1, 1],
        ["nsubj", "ROOT", "dobj"],
        ["Russia", "blame", "Washington"],
        ["PROPN", "VERB", "PROPN"],
        [("Russia", "Russia", "state"), ("Washington", "United States", "state")],
        {("Russia", "United States", "accuse/criticise")},
    ),
    # "Washington announced, accusing Moscow": the participle shares the subject
    (
        ["Washington", "announced", ",", "accusing", "Moscow"],
        [1, 1, 1, 1, 3],
        ["nsubj", "ROOT", "punct", "advcl", "dobj"],
        ["Washington", "announce", ",", "accuse", "Moscow"],
        ["PROPN", "VERB", "PUNCT", "VERB", "PROPN"],
        [("Washington", "United States", "state"), ("Moscow", "Russia", "state")],
        {("United States", "Russia", "accuse/criticise")},
    ),
    # "Kerry offered criticism of Moscow": the noun carries the class
    (
        ["Kerry", "offered", "criticism", "of", "Moscow"],
        [1, 1, 1, 2, 3],
        ["nsubj", "ROOT", "dobj", "prep", "pobj"],
        ["Kerry", "offer", "criticism", "of", "Moscow"],
        ["PROPN", "VERB", "NOUN", "ADP", "PROPN"],
        [("Kerry", "John Kerry", "person"), ("Moscow", "Russia", "state")],
        {("John Kerry", "Russia", "accuse/criticise")},
    ),
    # "fighters seized buildings from rebels": the party is the object's prepositional object
    (
        ["fighters", "seized", "buildings", "from", "rebels"],
        [1, 1, 1, 2, 3],
        ["nsubj", "ROOT", "dobj", "prep", "pobj"],
        ["fighter", "seize", "building", "from", "rebel"],
        ["NOUN", "VERB", "NOUN", "ADP", "NOUN"],
        [("fighters", "Syrian government forces", "armed group"), ("rebels", "Rebels", "armed group")],
        {("Syrian government forces", "Rebels", "fight/attack")},
    ),
    # "Russia was blamed by Washington": passive, the agent is the source
    (
        ["Russia", "was", "blamed", "by", "Washington"],
        [2, 2, 2, 2, 3],
        ["nsubjpass", "auxpass", "ROOT", "agent", "pobj"],
        ["Russia", "be", "blame", "by", "Washington"],
        ["PROPN", "AUX", "VERB", "ADP", "PROPN"],
        [("Russia", "Russia", "state"), ("Washington", "United States", "state")],
        {("United States", "Russia", "accuse/criticise")},
    ),
    # negative: a verb of no class
    (
        ["Russia", "visited", "Washington"],
        [1, 1, 1],
        ["nsubj", "ROOT", "dobj"],
        ["Russia", "visit", "Washington"],
        ["PROPN", "VERB", "PROPN"],
        [("Russia", "Russia", "state"), ("Washington", "United States", "state")],
        set(),
    ),
    # negative: the object is not an actor
    (
        ["Russia", "blamed", "weather"],
        [1, 1, 1],
        ["nsubj", "ROOT", "dobj"],
        ["Russia", "blame", "weather"],
        ["PROPN", "VERB", "NOUN"],
        [("Russia", "Russia", "state")],
        set(),
    ),
    # negative: no self-loops
    (
        ["Russia", "blamed", "Moscow"],
        [1, 1, 1],
        ["nsubj", "ROOT", "dobj"],
        ["Russia", "blame", "Moscow"],
        ["PROPN", "VERB", "PROPN"],
        [("Russia", "Russia", "state"), ("Moscow", "Russia", "state")],
        set(),
    ),
]


@pytest.mark.parametrize(("words", "heads", "deps", "lemmas", "pos", "actors", "expected"), CASES)
def test_interaction_edges_from_the_parse(vocab, words, heads, deps, lemmas, pos, actors, expected):
    assert edges_of(vocab, words, heads, deps, lemmas, pos, actors) == expected


def test_pronoun_subject_resolves_to_the_last_person(vocab):
    words = ["Kerry", "spoke", ".", "He", "criticised", "Moscow"]
    doc = Doc(
        vocab,
        words=words,
        heads=[1, 1, 1, 4, 4, 4],
        deps=["nsubj", "ROOT", "punct", "nsubj", "ROOT", "dobj"],
        lemmas=["Kerry", "speak", ".", "he", "criticise", "Moscow"],
        pos=["PROPN", "VERB", "PUNCT", "PRON", "VERB", "PROPN"],
        sent_starts=[True, False, False, True, False, False],
    )
    entities = [entity("Kerry", doc.text, "John Kerry", "person"), entity("Moscow", doc.text, "Russia")]
    context = ArticleContext(make_article(doc.text, title="t"), [], entities)
    layer = NetworkLayer()
    (edge,) = layer.finish(layer.read_chunk(doc, 0), context, Earlier.given(layer))
    assert (edge.source, edge.target, edge.verb) == ("John Kerry", "Russia", "criticised")


def test_classes_are_data():
    verbs, nouns = load_classes()
    assert verbs["accuse"] == "accuse/criticise" and nouns["talks"] == "cooperate/negotiate"
    assert verbs["seize"] == "fight/attack" and verbs["urge"] == "demand/appeal"


def _graph():
    return actor_graph(
        [("Russia", "state", 11), ("United States", "state", 11), ("John Kerry", "person", 3), ("Lonely", "media", 1)],
        [
            ("United States", "Russia", "accuse/criticise", 2),
            ("Russia", "United States", "accuse/criticise", 1),
            ("John Kerry", "Russia", "accuse/criticise", 1),
            ("Ghost", "Russia", "aid", 1),
        ],
        [("Russia", "United States", 5)],
    )


def test_graph_keeps_directions_classes_and_weights():
    graph = _graph()
    assert graph.number_of_edges() == 4  # the edge to an unknown actor is dropped
    assert graph["United States"]["Russia"]["accuse/criticise"]["weight"] == 2
    assert graph["Russia"]["United States"][COOCCURRENCE]["weight"] == 5
    assert graph.nodes["John Kerry"] == {"type": "person", "mentions": 3}


def test_layout_is_stable_and_separates_components():
    first, second = graph_layout(_graph()), graph_layout(_graph())
    assert first == second
    assert first["Lonely"][0] > max(first[n][0] for n in ("Russia", "United States", "John Kerry"))


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_round_trips(tmp_path, fmt):
    data = export_graph(_graph(), fmt)
    path = tmp_path / f"g.{fmt}"
    path.write_bytes(data)
    back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert set(back.nodes) == {"Russia", "United States", "John Kerry", "Lonely"}
    assert back.number_of_edges() == 4


def test_export_rejects_unknown_format():
    with pytest.raises(ValueError):
        export_graph(_graph(), "dot")


def test_chart_has_clickable_nodes_and_edges():
    graph = _graph()
    spec = network_chart(graph, graph_layout(graph))
    assert {row["key"] for row in layer_rows(spec, NODES)} == {f"node|{n}" for n in graph.nodes}
    middles = [row["key"] for row in layer_rows(spec, MIDDLES)]
    assert len(middles) == 4 and "edge|United States|Russia|accuse/criticise" in middles
    arrows = next(layer for layer in spec["layer"] if layer["mark"].get("shape") == "triangle-up")
    assert len(spec["datasets"][arrows["data"]["name"]]) == 3  # an arrowhead per directed edge


# --- on the seed, with the real model --------------------------------------------------------


@pytest.fixture(scope="module")
def seed_edges(extractor, seed_article):
    return {(i.source, i.target, i.interaction_class) for i in extractor.extract_one(seed_article).interactions}


@pytest.mark.parametrize(
    "edge",
    [
        ("United States", "Russia", "accuse/criticise"),  # accusing Moscow of abetting
        ("Russia", "United States", "accuse/criticise"),  # Russia blaming Washington
        ("John Kerry", "Russia", "accuse/criticise"),  # fierce criticism of Moscow
        ("Syrian government forces", "Rebels", "fight/attack"),  # seized buildings from rebel groups
    ],
)
def test_seed_interactions(seed_edges, edge):
    assert edge in seed_edges


def test_seed_abandoned_talks_are_not_cooperation(seed_edges):
    """ "the United States abandoned talks with Russia": breaking talks off is no cooperate edge."""
    assert ("United States", "Russia", "cooperate/negotiate") not in seed_edges


def test_seed_speakers_are_linked_to_what_they_spoke_about(seed_edges):
    statements = {(s, t) for s, t, c in seed_edges if c == "statement"}
    assert ("Josh Earnest", "Russia") in statements
    assert ("John Kerry", "Russia") in statements


# --- the page --------------------------------------------------------------------------------


def _network_page(tmp_path, monkeypatch, seeds: Path | None = None) -> AppTest:
    monkeypatch.setenv("WIRELENS_DB", str(tmp_path / "net.duckdb"))
    if seeds is not None:
        monkeypatch.setenv("WIRELENS_SEEDS", str(seeds))
    monkeypatch.chdir(REPO)
    return open_page("network.py")


def test_network_page_on_the_seed(tmp_path, monkeypatch):
    at = _network_page(tmp_path, monkeypatch)
    assert at.title[0].value == "Actor network"
    assert "edges" in at.caption[0].value
    at.toggle(key="net_cooc").set_value(True).run()
    assert not at.exception
    at.multiselect(key="net_classes").set_value(["fight/attack"]).run()
    assert not at.exception


@pytest.mark.parametrize("text", ["Nothing happened here today.", "Rebels rested."])
def test_network_page_with_one_actor_or_none_says_so(tmp_path, monkeypatch, text):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(f"Quiet day\n{text}", encoding="utf-8")
    at = _network_page(tmp_path, monkeypatch, seeds)
    assert at.info and "at least two actors" in at.info[0].value


def test_event_perpetrator_and_target_become_an_edge():
    from wirelens.extraction.network import _event_edges

    class E:  # the fields of events.Event the network reads
        def __init__(self, actor1, actor2, aggregate=False):
            self.start, self.end, self.cue, self.sent_start, self.sent_end, self.date = 0, 5, "shelled", 0, 20, None
            self.actor1, self.actor2, self.aggregate = actor1, actor2, aggregate

    edges = _event_edges(
        [
            E("Rebels", "Syrian government forces"),
            E("Islamic State", None),
            E("Rebels", "Rebels"),
            E("Rebels", "Civilians", aggregate=True),
        ]
    )
    assert [(e.source, e.target, e.interaction_class, e.origin) for e in edges] == [
        ("Rebels", "Syrian government forces", "fight/attack", "event")
    ]


def test_islamic_state_node_reaches_the_wedding_attack(extractor, seed_article, store):
    """What the network page lists when the Islamic State node is clicked."""
    from wirelens.store.database import Filters

    store.add(extractor.extract_one(seed_article))
    events = store.events(Filters(), actor="Islamic State", aggregates=False)
    (attack,) = events.itertuples()
    assert attack.sub_type == "Suicide bomb" and attack.fatalities == 34
    assert (round(attack.lat, 1), round(attack.lon, 1)) == (36.5, 40.7)  # Al-Hasakah city


@pytest.mark.parametrize(
    "leaf_at, side",
    [
        ((1.0, 0.0), "middle right"),
        ((-1.0, 0.1), "middle left"),
        ((0.1, 1.0), "top center"),
        ((0.0, -1.0), "bottom center"),
    ],
)
def test_labels_face_away_from_the_neighbours(leaf_at, side):
    graph = actor_graph([("Hub", "state", 5), ("Leaf", "person", 1)], [("Hub", "Leaf", "statement", 1)])
    positions = {"Hub": (0.0, 0.0), "Leaf": leaf_at}
    assert label_side(graph, positions, "Leaf") == side


def test_a_lone_node_is_labelled_above():
    graph = actor_graph([("Islamic State", "armed group", 2)], [])
    assert label_side(graph, {"Islamic State": (0.0, 0.0)}, "Islamic State") == "top center"
