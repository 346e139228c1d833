"""Overview: corpus size, top actors and the article list."""

import streamlit as st

from wirelens.dashboard.downloads import download_buttons
from wirelens.dashboard.figures import build_top_actors
from wirelens.exports import corpus_zip
from wirelens.dashboard.state import ARTICLE_KEY, article_label, current_filters, open_store, page, route_through_app



def _span(first, last) -> str:
    return f"{first:%Y-%m-%d}" if first == last else f"{first:%Y-%m-%d} – {last:%Y-%m-%d}"


route_through_app()
store = open_store()
filters = current_filters(store)
articles = store.articles(filters)
actors = store.top_actors(filters, limit=25)

st.title("Overview")
if articles.empty:
    st.info("No article matches the filters. Clear them in the sidebar, or ingest articles with `wirelens ingest`.")
    st.stop()

dated = articles["date"].dropna()
cols = st.columns(4)
cols[0].metric("Articles", len(articles))
cols[1].metric("Actors", int(store.top_actors(filters, limit=1_000_000).shape[0]))
cols[2].metric("Actor mentions", int(articles["actor_mentions"].sum()))
cols[3].metric("Published", _span(dated.min(), dated.max()) if len(dated) else "no dates",
               help=f"{len(articles) - len(dated)} article(s) without a date" if len(dated) < len(articles) else None)

st.subheader("Top actors")
if actors.empty:
    st.info("No actors found in these articles.")
else:
    st.plotly_chart(build_top_actors(actors), width="stretch")
    download_buttons(store.top_actors(filters, limit=1_000_000), "wirelens-actors", key="overview_actors",
                     label="Every actor")

st.subheader("Articles")
st.caption("Select a row to read the article with its actors highlighted.")
table = articles[["title", "date", "source", "actor_mentions", "chars"]]
selection = st.dataframe(table, hide_index=True, width="stretch", on_select="rerun",
                         selection_mode="single-row", key="overview_articles")
rows = selection.selection.rows if selection else []
if rows:
    row = articles.iloc[rows[0]]
    st.switch_page(page("reader.py"), query_params={ARTICLE_KEY: article_label(row["id"], row["title"])})
download_buttons(articles, "wirelens-articles", key="overview_articles_download", label="These articles")

st.subheader("Export the whole corpus")
st.caption("Every table (articles, sentences, actors, places, quotes, events, interactions, corrections) in one zip, "
           "with a README of the columns; corrections applied, whatever the filters.")
fmt = st.segmented_control("Format", ["csv", "jsonl", "parquet"], default="csv", key="overview_zip_format")
st.download_button("Download the corpus (zip)", lambda: corpus_zip(store, fmt or "csv"),
                   file_name=f"wirelens-corpus-{fmt or 'csv'}.zip", mime="application/zip", key="overview_zip",
                   on_click="ignore", icon=":material/folder_zip:")
