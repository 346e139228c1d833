"""Article reader: the cleaned text with actor mentions highlighted, and the table of mentions."""

import streamlit as st

from wirelens.dashboard.downloads import download_buttons
from wirelens.dashboard.markdown import Mark, escape_markdown, highlight_markdown, legend_markdown, markdown_link
from wirelens.dashboard.state import (
    ARTICLE_KEY,
    SENTENCE_KEY,
    article_label,
    current_filters,
    id_prefixes,
    linked_sentence,
    open_store,
    route_through_app,
    settings,
)

route_through_app()


store = open_store()
articles = store.articles(current_filters(store))

st.title("Article reader")
if articles.empty:
    st.info("No article matches the filters.")
    st.stop()

labels = [article_label(i, t) for i, t in zip(articles["id"], articles["title"])]
choice = st.selectbox("Article", labels, key=ARTICLE_KEY, bind="query-params")
prefix = id_prefixes(choice)[0]
article_id = next(i for i in articles["id"] if i.startswith(prefix))
article = store.article(article_id)
if article is None:  # deleted by another process since the list was read
    st.error("That article is no longer in the store.")
    st.stop()

# Title, source and address are the article's: escaped, never read as markdown, LaTeX or a link of theirs.
meta = [escape_markdown(article.source) if article.source else "unknown source",
        article.date.isoformat() if article.date else "no publication date"]
st.subheader(escape_markdown(article.title) if article.title else "Untitled")
st.caption(" · ".join(meta) + (f" · {markdown_link('original', article.url)}" if article.url else ""))
earliest, latest = settings().date_bounds()

with st.expander("Set the publication date" if article.date is None else "Correct the publication date",
                 expanded=article.date is None):
    if article.date is None:
        st.warning("This article has no publication date: relative dates in it cannot be resolved until you set one.")
    shown_date = article.date if article.date and earliest <= article.date <= latest else None
    new_date = st.date_input("Published on", value=shown_date, key=f"date_{article.id}",
                             min_value=earliest, max_value=latest)
    if st.button("Save date", key=f"save_date_{article.id}"):
        if new_date is None:
            st.warning("Pick a date first.")
        else:
            store.set_date(article.id, new_date)
            st.rerun()

entities = store.article_entities(article.id)
show_all = st.toggle("Show all named entities (not only actors)", value=False, key="reader_all_entities")
shown = entities if show_all else entities[entities["actor"].notna()]

text_col, table_col = st.columns([3, 2], gap="large")
table_col.markdown("**Mentions** — select one to show its sentence in bold red.")
selection = table_col.dataframe(
    shown[["text", "actor", "actor_type", "label", "start", "end"]],
    hide_index=True, width="stretch", height=600, on_select="rerun", selection_mode="single-row",
    key="reader_mentions",
)
rows = selection.selection.rows if selection else []
focus = linked_sentence(st.query_params.get(SENTENCE_KEY), article.id, len(article.text))
if rows:
    picked = shown.iloc[rows[0]]
    focus = (int(picked["sent_start"]), int(picked["sent_end"]))

marks = [Mark(int(r.start), int(r.end), r.actor_type if isinstance(r.actor_type, str) else None)
         for r in shown.itertuples()]
with table_col:
    download_buttons(shown, f"wirelens-mentions-{article.id[:8]}", key="reader_download", label="These mentions")
text_col.markdown(legend_markdown())
if focus is not None:
    text_col.caption("The linked sentence is in **:red[bold red]**.")
# Escaped markdown, never raw HTML: the text is the article's.
text_col.markdown(highlight_markdown(article.text, marks, focus))
