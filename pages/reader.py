"""Article reader: the cleaned text with actors, places, quotes and events marked, a link's sentence in view."""

import streamlit as st

from wirelens.dashboard.downloads import download_buttons
from wirelens.dashboard.markdown import escape_markdown, markdown_link
from wirelens.dashboard.pickers import PICKER_OPTIONS, shortlist
from wirelens.dashboard.reader_marks import (
    ACTORS,
    EVENTS,
    LAYERS,
    PLACES,
    QUOTES,
    Mark,
    article_html,
    legend_html,
    scroll_script,
)
from wirelens.dashboard.state import (
    ARTICLE_KEY,
    SENTENCE_KEY,
    article_label,
    current_filters,
    id_prefixes,
    linked_sentence,
    open_cached_store,
    route_through_app,
    settings,
)
from wirelens.store.database import Filters

LAYERS_KEY = "reader_layers"

route_through_app()


store = open_cached_store()
articles = store.articles(current_filters(store))

st.title("Article reader")

# What the link asked for: its article (by the short id in its label, or in the sentence's key).
linked = st.query_params.get(ARTICLE_KEY)
sentence = st.query_params.get(SENTENCE_KEY)
linked_prefix = (id_prefixes(linked) or [None])[0] if linked else (sentence or "").split(":")[0] or None
every = [article_label(i, t) for i, t in zip(articles["id"], articles["title"])]
linked_at = next((n for n, i in enumerate(articles["id"]) if linked_prefix and i.startswith(linked_prefix)), None)
# The newest articles, and the linked one: the sidebar's title search reaches the others.
options = shortlist(every, every[linked_at] if linked_at is not None else None)
if linked_prefix and linked_at is None:
    found = store.articles_by_prefix([linked_prefix])
    if not found:
        st.error(
            f"The linked article [{escape_markdown(linked_prefix)}] is not in the corpus: it was removed, or "
            "the link comes from another corpus. Nothing of another article is shown in its place."
        )
        if st.button("Show the corpus's articles instead", key="reader_clear_link"):
            for key in (ARTICLE_KEY, SENTENCE_KEY):
                st.query_params.pop(key, None)
            st.rerun()
        st.stop()
    st.caption("The linked article is outside the sidebar filters; it is shown all the same.")
    options = [article_label(*found[0]), *options]
if not options:
    st.info("No article matches the filters.")
    st.stop()

wanted = next((n for n, o in enumerate(options) if linked_prefix and id_prefixes(o)[0] == linked_prefix), 0)
# Not bound to the URL by Streamlit (a bound default is left out of it): the URL always names its article,
# so an old link never opens whichever article is now the first.
choice = st.selectbox(
    "Article",
    options,
    index=wanted,
    key=ARTICLE_KEY,
    help=f"The {PICKER_OPTIONS} newest of the {len(every):,} articles the sidebar keeps, and the linked one; "
    "search titles in the sidebar to reach the others.",
)
if st.query_params.get(ARTICLE_KEY) != choice:
    st.query_params[ARTICLE_KEY] = choice
prefix = id_prefixes(choice)[0]
article_id = next(
    i for i in [*articles["id"], *(i for i, _ in store.articles_by_prefix([prefix]))] if i.startswith(prefix)
)
article = store.article(article_id)
if article is None:  # deleted by another process since the list was read
    st.error("That article is no longer in the store.")
    st.stop()

# Title, source and address are the article's: escaped, never read as markdown, LaTeX or a link of theirs.
meta = [
    escape_markdown(article.source) if article.source else "unknown source",
    article.date.isoformat() if article.date else "no publication date",
]
st.subheader(escape_markdown(article.title) if article.title else "Untitled")
st.caption(" · ".join(meta) + (f" · {markdown_link('original', article.url)}" if article.url else ""))
earliest, latest = settings().date_bounds()

with st.expander(
    "Set the publication date" if article.date is None else "Correct the publication date",
    expanded=article.date is None,
):
    if article.date is None:
        st.warning("This article has no publication date: relative dates in it cannot be resolved until you set one.")
    shown_date = article.date if article.date and earliest <= article.date <= latest else None
    new_date = st.date_input(
        "Published on", value=shown_date, key=f"date_{article.id}", min_value=earliest, max_value=latest
    )
    if st.button("Save date", key=f"save_date_{article.id}"):
        if new_date is None:
            st.warning("Pick a date first.")
        else:
            store.set_date(article.id, new_date)
            st.rerun()

entities = store.article_entities(article.id)
only_this = Filters(article_ids=(article.id,))
places = store.places(only_this)
quotes = store.quotes(only_this)
events = store.events(only_this, aggregates=True)

layer_col, entity_col = st.columns([3, 2], vertical_alignment="bottom")
layers = layer_col.pills(
    "Highlight",
    list(LAYERS),
    selection_mode="multi",
    default=list(LAYERS),
    key=LAYERS_KEY,
    help="Actors on their type's colour, places dotted, quotes underlined in italics, "
    "event cues boxed. Hover a mark for what it is.",
)
show_all = entity_col.toggle("All named entities (not only actors)", value=False, key="reader_all_entities")
shown = entities if show_all else entities[entities["actor"].notna()]

marks = [
    Mark(
        int(r.start),
        int(r.end),
        ACTORS,
        r.actor_type if isinstance(r.actor_type, str) else None,
        f"{r.actor} ({r.actor_type})" if isinstance(r.actor, str) else f"{r.label} entity",
    )
    for r in shown.itertuples()
]
marks += [
    Mark(int(r.start), int(r.end), PLACES, None, f"place: {r.name}" + (" (metonymic)" if r.metonymic else ""))
    for r in places.itertuples()
]
marks += [
    Mark(
        int(r.start),
        int(r.end),
        QUOTES,
        None,
        f"{r.kind} quote: {r.speaker if isinstance(r.speaker, str) else 'unattributed'}",
    )
    for r in quotes.itertuples()
]
marks += [Mark(int(r.start), int(r.end), EVENTS, None, f"event: {r.sub_type}") for r in events.itertuples()]

text_col, table_col = st.columns([3, 2], gap="large")
table_col.markdown("**Mentions**: select one to show its sentence in bold red.")
selection = table_col.dataframe(
    shown[["text", "actor", "actor_type", "label", "start", "end"]].rename(columns={"actor_type": "actor type"}),
    hide_index=True,
    width="stretch",
    height=600,
    on_select="rerun",
    selection_mode="single-row",
    key="reader_mentions",
)
rows = selection.selection.rows if selection else []
focus = linked_sentence(sentence, article.id, len(article.text))
if sentence and focus is None:
    text_col.warning(
        "The linked sentence is not in this article (the link is for another article, or "
        "its offsets are outside the text)."
    )
if rows:
    picked = shown.iloc[rows[0]]
    focus = (int(picked["sent_start"]), int(picked["sent_end"]))

with table_col:
    download_buttons(shown, f"wirelens-mentions-{article.id[:8]}", key="reader_download", label="These mentions")
counts = {PLACES: len(places), QUOTES: len(quotes), EVENTS: len(events)}
with text_col:
    st.html(legend_html(counts, [m.kind for m in marks if m.layer == ACTORS] if ACTORS in (layers or []) else []))
    # Every article character is HTML-escaped in article_html; the tags and styles are ours.
    st.html(article_html(article.text, marks, focus, layers or []))
    script = scroll_script(focus, article.id)
    if script:
        st.html(script, unsafe_allow_javascript=True)  # ours only: no article text in it
