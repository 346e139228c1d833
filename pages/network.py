"""Actor network: who acts on whom, each edge one click from the sentences that say so."""

import pandas as pd
import streamlit as st

from wirelens.dashboard.correcting import announce_done, rename_actor_form
from wirelens.dashboard.downloads import download_buttons
from wirelens.dashboard.markdown import escape_markdown
from wirelens.dashboard.network_chart import PICK, named_actors, network_chart
from wirelens.dashboard.network_graph import COOCCURRENCE, actor_graph, export_graph, graph_layout
from wirelens.dashboard.network_view import ego_subgraph, evidence_frame
from wirelens.dashboard.paging import paged
from wirelens.dashboard.pickers import shortlist
from wirelens.dashboard.state import (
    current_filters,
    open_cached_store,
    page,
    reader_link,
    route_through_app,
    url_selection,
)
from wirelens.extraction.interaction_rules import interaction_classes
from wirelens.extraction.lexicon import ACTOR_TYPES

EVIDENCE_ROWS = 500  # rows per evidence table under a clicked node or edge
EVIDENCE_PAGE = 20  # of which one page at a time is sent
DEFAULT_TOP = 60  # actors drawn at first: about 40 with an edge, as many as can be named (network_canvas)
SELECTION_KEY = "net_selected"  # "node|<actor>" or "edge|<source>|<target>|<class>" in the URL


@st.cache_data(max_entries=64, show_spinner=False)
def _layout(
    nodes: tuple[str, ...], edges: tuple[tuple[str, str, str, int, bool], ...]
) -> dict[str, tuple[float, float]]:
    """Node positions, computed once per distinct graph (Kamada-Kawai takes a noticeable fraction of a second)."""
    graph = actor_graph(
        [(n, "", 1) for n in nodes],
        [(a, b, cls, w) for a, b, cls, w, directed in edges if directed],
        [(a, b, w) for a, b, _, w, directed in edges if not directed],
    )
    return graph_layout(graph)


route_through_app()
store = open_cached_store()
filters = current_filters(store)
announce_done()
st.title("Actor network")

actors = store.top_actors(filters, limit=1_000_000)
if len(actors) < 2:
    st.info(
        "A network needs at least two actors, and the articles that match the filters name "
        f"{'only one' if len(actors) == 1 else 'none'}. Widen the filters or add articles."
    )
    st.stop()

classes = interaction_classes()
controls = st.columns([3, 2, 2, 1])
chosen_classes = controls[0].multiselect(
    "Interactions", classes, default=classes, key="net_classes", bind="query-params"
)
chosen_types = controls[1].multiselect(
    "Actor types", list(ACTOR_TYPES), default=list(ACTOR_TYPES), key="net_types", bind="query-params"
)
top_n = controls[2].slider(
    "Top actors by mentions",
    2,
    max(2, min(200, len(actors))),
    min(DEFAULT_TOP, len(actors)),
    key="net_top",
    bind="query-params",
)
min_weight = controls[3].number_input(
    "Min. evidence", 1, 1000, 1, key="net_min", bind="query-params", help="Sentences an edge needs to be drawn."
)
more = st.columns([2, 3], vertical_alignment="bottom")
ego = more[0].selectbox(
    "Ego view: one actor, its neighbours and the edges among them",
    # The most mentioned, and the one a link or an earlier pick chose: every option is sent on every run.
    shortlist(list(actors["actor"]), st.session_state.get("net_ego") or st.query_params.get("net_ego")),
    index=None,
    key="net_ego",
    bind="query-params",
    placeholder="Whole network",
)
with_cooccurrence = more[1].toggle(
    "Also show co-occurrence (named in the same sentence)", value=False, key="net_cooc", bind="query-params"
)

kept = actors[actors["type"].isin(chosen_types)]
kept = kept if ego else kept.head(top_n)  # an ego view keeps every neighbour, however rarely named
hidden = len(actors) - len(kept)
edges = store.interaction_edges(filters)  # counted in DuckDB: no sentence reaches pandas until a click
edges = edges[edges["interaction_class"].isin(chosen_classes) & (edges["weight"] >= min_weight)]
cooc = store.cooccurrences(filters) if with_cooccurrence else pd.DataFrame(columns=["source", "target", "weight"])
cooc = cooc[cooc["weight"] >= min_weight]
graph = actor_graph(
    kept[["actor", "type", "mentions"]].itertuples(index=False, name=None),
    edges.itertuples(index=False, name=None),
    cooc[["source", "target", "weight"]].itertuples(index=False, name=None),
)
# Actors with no edge are dropped, unless they carried out an event (Islamic State and the
# wedding attack it claimed): clicking them still leads to what they did.
perpetrators = set(store.events(filters, aggregates=False)["actor1"].dropna())
graph.remove_nodes_from([n for n in list(graph.nodes) if graph.degree(n) == 0 and n not in perpetrators])
if ego:
    graph = ego_subgraph(graph, ego)
    hidden = 0
if graph.number_of_nodes() < 2:
    st.info(
        "No edges between these actors at this weight: lower the minimum evidence, add interaction "
        "classes, or show co-occurrence." + (" The ego view's actor has no edge here." if ego else "")
    )
    st.stop()


@st.cache_data(max_entries=32, ttl=3600, show_spinner=False)
def _chart(nodes: tuple[tuple[str, str, int], ...], edges: tuple[tuple[str, str, str, int, bool], ...]) -> dict:
    """The network's Vega-Lite spec, built once per distinct graph (the same filters come back on reruns)."""
    drawn = actor_graph(
        list(nodes),
        [(a, b, cls, w) for a, b, cls, w, directed in edges if directed],
        [(a, b, w) for a, b, _, w, directed in edges if not directed],
    )
    return network_chart(drawn, _layout(tuple(n for n, _, _ in nodes), edges))


spec = _chart(
    tuple((n, d.get("type", ""), d.get("mentions", 0)) for n, d in graph.nodes(data=True)),
    tuple((a, b, d["interaction_class"], d["weight"], d["directed"]) for a, b, d in graph.edges(data=True)),
)
named = len(named_actors(spec))
st.caption(
    f"{graph.number_of_nodes()} actors, {graph.number_of_edges()} edges"
    + (f" · {hidden} less-mentioned actor(s) not drawn (raise 'Top actors')" if hidden > 0 else "")
    + (
        f" · {named} of the best-connected are named (those whose name fits), hover the others"
        if graph.number_of_nodes() > named
        else ""
    )
    + " · click a node or an edge's middle for its evidence"
)


def _evidence_table(rows: pd.DataFrame, key: str, noun: str = "sentences") -> None:
    """Evidence sentences, a page at a time; selecting one opens the article with that sentence underlined."""
    if rows.empty:
        st.write(f"No {noun}.")
        return
    # Paged: four tables of 500 sentences each were 180 KB sent on every click on a node.
    page_rows, first = paged(rows, key=f"{key}_page", noun=noun, size=EVIDENCE_PAGE)
    shown = st.dataframe(
        evidence_frame(page_rows),
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key=key,
    )
    if shown and shown.selection.rows:
        row = rows.iloc[first + shown.selection.rows[0]]
        st.switch_page(
            page("reader.py"),
            query_params=reader_link(row["article_id"], row["title"], row["sent_start"], row["sent_end"]),
        )


@st.fragment
def explore() -> None:
    """The network and what a click on it shows: a click reruns this part only, not the page's queries."""
    event = st.vega_lite_chart(spec, on_select="rerun", selection_mode=PICK, key="network_chart", width="stretch")

    downloads = st.columns([1, 1, 4], vertical_alignment="center")
    downloads[0].download_button(
        "GraphML",
        lambda: export_graph(graph, "graphml"),
        "wirelens-network.graphml",
        mime="application/xml",
        key="dl_graphml",
        on_click="ignore",
        icon=":material/download:",
    )
    downloads[1].download_button(
        "GEXF (Gephi)",
        lambda: export_graph(graph, "gexf"),
        "wirelens-network.gexf",
        mime="application/xml",
        key="dl_gexf",
        on_click="ignore",
        icon=":material/download:",
    )
    edge_table = pd.DataFrame(
        [(s, t, d["interaction_class"], d["weight"]) for s, t, d in graph.edges(data=True)],
        columns=["source", "target", "class", "weight"],
    )
    with downloads[2]:
        download_buttons(edge_table, "wirelens-edges", key="dl_edges", label="Edges")

    picked = (event.selection.get(PICK) if event and event.selection else None) or []
    clicked = str(picked[0].get("key") or "") or None if picked else None
    selected = (url_selection(SELECTION_KEY, clicked) or "").split("|")
    if selected[0] == "node" and len(selected) == 2:
        node_panel(selected[1])
    elif selected[0] == "edge" and len(selected) == 4:
        edge_panel(*selected[1:])


def node_panel(actor: str) -> None:
    """What one actor does and says, each row one click from its sentence in the reader."""
    st.subheader(escape_markdown(actor))  # an actor's name is article text: never markdown
    st.caption("Select a sentence to open it in the article reader.")
    related = store.interactions(filters, actor=actor, limit=EVIDENCE_ROWS)
    st.markdown("**Interactions**")
    _evidence_table(
        related[
            [
                "article_id",
                "title",
                "source",
                "interaction_class",
                "target",
                "verb",
                "sentence",
                "sent_start",
                "sent_end",
            ]
        ],
        "net_node_edges",
    )
    said = store.quotes(filters, speaker=actor, latest=EVIDENCE_ROWS)
    if not said.empty:
        st.markdown(f"**Quotes** ({len(said)})")
        # Each quote opens the reader on the quote itself.
        _evidence_table(
            said[["article_id", "date", "kind", "text", "title", "start", "end"]].rename(
                columns={"start": "sent_start", "end": "sent_end"}
            ),
            "net_node_quotes",
            "quotes",
        )
    theirs = store.events(filters, actor=actor, aggregates=False)
    if not theirs.empty:
        st.markdown(f"**Events** ({len(theirs)})")
        _evidence_table(
            theirs[
                ["article_id", "title", "date", "sub_type", "place", "fatalities", "sentence", "sent_start", "sent_end"]
            ],
            "net_node_events",
            "events",
        )
    st.markdown("**Every sentence naming them**")
    _evidence_table(store.actor_sentences(actor, filters, limit=EVIDENCE_ROWS), "net_node_sentences")
    with st.expander(f"Rename {escape_markdown(actor)}, or merge it into another actor"):
        rename_actor_form(store, actor, key="net_rename")


def edge_panel(source: str, target: str, cls: str) -> None:
    """The sentences behind one edge."""
    source_md, target_md = escape_markdown(source), escape_markdown(target)  # article text: never markdown
    st.subheader(f"{source_md} → {target_md}" if cls != COOCCURRENCE else f"{source_md} – {target_md}")
    st.caption(f"{escape_markdown(cls)}. Select a sentence to open it in the article reader.")  # our class names
    if cls == COOCCURRENCE:
        _evidence_table(store.shared_sentences(source, target, filters, limit=EVIDENCE_ROWS), "net_edge_sentences")
    else:
        rows = store.interactions(filters, source=source, target=target, interaction_class=cls, limit=EVIDENCE_ROWS)
        _evidence_table(
            rows[["article_id", "title", "verb", "origin", "date", "sentence", "sent_start", "sent_end"]],
            "net_edge_evidence",
        )


explore()
