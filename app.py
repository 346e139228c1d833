"""wirelens dashboard: the router. Shared sidebar filters live here; pages only query and draw."""

import streamlit as st

from wirelens.dashboard.state import draw_sidebar_filters, open_store

st.set_page_config(page_title="wirelens", page_icon="📰", layout="wide")

store = open_store()

pages = [
    st.Page("pages/overview.py", title="Overview", icon="📊", url_path="overview", default=True),
    st.Page("pages/reader.py", title="Article reader", icon="📄", url_path="reader"),
]
navigation = st.navigation(pages)
draw_sidebar_filters(store)
st.sidebar.caption(f"Corpus: {store.article_count()} article(s) · store `{store.path.name}`")
navigation.run()
