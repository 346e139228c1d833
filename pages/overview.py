"""Overview: corpus size, top actors and the article list."""

import streamlit as st

from wirelens.dashboard.date_spans import date_span
from wirelens.dashboard.state import (
    ARTICLE_KEY,
    article_label,
    current_filters,
    open_cached_store,
    page,
    route_through_app,
)

route_through_app()
store = open_cached_store()
filters = current_filters(store)
summary = store.corpus_summary(filters)

st.title("Overview")
if not summary.articles:
    st.info("No article matches the filters. Clear them in the sidebar, or ingest articles with `wirelens ingest`.")
    st.stop()

cols = st.columns([1, 1, 1, 1.5])  # the dates' span is the widest figure
cols[0].metric("Articles", summary.articles)
cols[1].metric("Actors", summary.actors)
cols[2].metric("Actor mentions", summary.actor_mentions)
cols[3].metric(
    "Published",
    date_span(summary.first, summary.last) if summary.dated else "no dates",
    help=(f"{summary.first:%Y-%m-%d} to {summary.last:%Y-%m-%d}" if summary.dated else "")
    + (f"; {summary.articles - summary.dated} article(s) without a date" if summary.dated < summary.articles else "")
    or None,
)

# The figures above reach the browser first. What follows works on DataFrames, and pandas
# takes over a second to import on a small machine: imported here, it no longer delays them.
from wirelens.dashboard.downloads import download_buttons  # noqa: E402
from wirelens.dashboard.paging import paged  # noqa: E402
from wirelens.exports.formats import corpus_zip  # noqa: E402

articles = store.articles(filters)
actors = store.top_actors(filters, limit=25)

st.subheader("Top actors")
if actors.empty:
    st.info("No actors found in these articles.")
else:
    # A table with bars, not a chart: exact counts, sortable, and no plotly.js for the browser
    # to load before the first page is whole (about a second on a small machine).
    st.dataframe(
        actors,
        hide_index=True,
        width="stretch",
        column_config={
            "actor": "Actor",
            "type": "Type",
            "articles": st.column_config.NumberColumn("Articles", format="%d"),
            "mentions": st.column_config.ProgressColumn(
                "Mentions", format="%d", min_value=0, max_value=int(actors["mentions"].max())
            ),
        },
    )
    download_buttons(
        store.top_actors(filters, limit=1_000_000), "wirelens-actors", key="overview_actors", label="Every actor"
    )

st.subheader("Articles")
st.caption("Select a row to read the article with its actors highlighted.")
table, first = paged(
    articles[["title", "date", "source", "actor_mentions", "chars"]], key="articles_page", noun="articles"
)
selection = st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    on_select="rerun",
    selection_mode="single-row",
    key="overview_articles",
    column_config={
        "title": "Title",
        "date": st.column_config.DateColumn("Published", format="YYYY-MM-DD"),
        "source": "Source",
        "actor_mentions": "Actor mentions",
        "chars": "Characters",
    },
)
rows = selection.selection.rows if selection else []
if rows:
    row = articles.iloc[first + rows[0]]
    st.switch_page(page("reader.py"), query_params={ARTICLE_KEY: article_label(row["id"], row["title"])})
download_buttons(articles, "wirelens-articles", key="overview_articles_download", label="These articles")

st.subheader("Export the whole corpus")
st.caption(
    "Every table (articles, sentences, actors, places, quotes, events, interactions, corrections) in one zip, "
    "with a README of the columns; corrections applied, whatever the filters."
)
fmt = st.segmented_control("Format", ["csv", "jsonl", "parquet"], default="csv", key="overview_zip_format")
st.download_button(
    "Download the corpus (zip)",
    lambda: corpus_zip(store, fmt or "csv"),
    file_name=f"wirelens-corpus-{fmt or 'csv'}.zip",
    mime="application/zip",
    key="overview_zip",
    on_click="ignore",
    icon=":material/folder_zip:",
)
