"""wirelens dashboard: the router. Shared sidebar filters live here; pages only query and draw."""

from pathlib import Path

import streamlit as st

from wirelens.dashboard.state import draw_session_notice, draw_sidebar_filters, open_cached_store, use_pages_dir
from wirelens.store.integrity import StoreCorrupt

st.set_page_config(page_title="wirelens", layout="wide")

store = open_cached_store()  # hosted mode past its session limit: a "busy, try again" page, and nothing else

PAGES = Path(__file__).resolve().parent / "pages"
use_pages_dir(PAGES)
pages = [
    st.Page(PAGES / "overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page(PAGES / "map.py", title="Map", icon=":material/map:", url_path="map"),
    st.Page(PAGES / "timeline.py", title="Timeline", icon=":material/timeline:", url_path="timeline"),
    st.Page(PAGES / "events.py", title="Events", icon=":material/crisis_alert:", url_path="events"),
    st.Page(PAGES / "network.py", title="Network", icon=":material/hub:", url_path="network"),
    st.Page(PAGES / "quotes.py", title="Quotes", icon=":material/format_quote:", url_path="quotes"),
    st.Page(PAGES / "coverage.py", title="Coverage", icon=":material/newspaper:", url_path="coverage"),
    st.Page(PAGES / "reader.py", title="Article reader", icon=":material/article:", url_path="reader"),
    st.Page(PAGES / "corrections.py", title="Corrections", icon=":material/edit_note:", url_path="corrections"),
    st.Page(PAGES / "upload.py", title="Add articles", icon=":material/upload_file:", url_path="upload"),
]
navigation = st.navigation(pages)
try:  # a damaged block a query reads (the open checks only the file's header): one message, not a traceback
    draw_sidebar_filters(store)
    st.sidebar.caption(f"Corpus: {store.article_count()} article(s) · store `{store.path.name}`")
    draw_session_notice(store)  # hosted mode: how long uploads are kept, and the zip before they go
    if outdated := len(store.outdated_ids()):
        st.sidebar.warning(
            f"{outdated} article(s) were extracted by an earlier version of wirelens and may lack what it "
            "finds now: `wirelens ingest --refresh PATH...` extracts them again.",
            icon=":material/update:",
        )
    navigation.run()
except StoreCorrupt as exc:
    st.error(str(exc), icon=":material/error:")
