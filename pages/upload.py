"""Add articles: upload files, set a date for undated ones, and see what was ingested and refused."""

import datetime as dt
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from wirelens.run.readers import SUPPORTED_SUFFIXES
from wirelens.dashboard.state import extractor_for_uploads, open_store, page, route_through_app, settings
from wirelens.dashboard.uploads import ingest_uploads, save_uploads

route_through_app()
store = open_store()

st.title("Add articles")
if settings().mode == "hosted":
    st.caption("What you upload stays in this browser session: other visitors never see it, "
               "and it is gone when the session ends.")
else:
    st.caption(f"Articles are added to the local corpus `{store.path}`.")

files = st.file_uploader(
    "Articles: .txt (first line is the headline), .html, .jsonl or .csv (columns title, text, date, "
    "source, url), or a .zip of them",
    type=[s.lstrip(".") for s in SUPPORTED_SUFFIXES],
    accept_multiple_files=True,
    key="upload_files",
)
set_date = st.checkbox("Set a publication date for articles that have none", key="upload_set_date")
default_date = (
    st.date_input("Publication date", value=dt.date.today(), key="upload_date",
                  min_value=dt.date(1800, 1, 1), max_value=dt.date.today() + dt.timedelta(days=1))
    if set_date else None
)

if st.button("Add to the corpus", type="primary", disabled=not files, key="upload_go"):
    bar = st.progress(0.0, text="Reading files…")

    def progress(done: int, total: int) -> None:
        bar.progress(done / max(total, 1), text=f"Extracted {done} of {total} article(s)")

    with tempfile.TemporaryDirectory(prefix="wirelens-upload-") as tmp:
        saved = save_uploads(((f.name, f.getvalue()) for f in files), Path(tmp))
        rows = ingest_uploads(saved, store, extractor_for_uploads(), default_date=default_date,
                              progress=progress)
    bar.progress(1.0, text="Done")
    st.session_state["upload_report"] = pd.DataFrame(rows)

report = st.session_state.get("upload_report")
if report is not None:
    counts = report["status"].value_counts()
    st.success(f"{counts.get('added', 0)} added · {counts.get('already in the corpus', 0)} already in the corpus · "
               f"{counts.get('refused', 0)} refused · {counts.get('warning', 0)} warning(s)")
    st.dataframe(report, hide_index=True, width="stretch")
    if counts.get("added", 0):
        st.page_link(page("overview.py"), label="See them in the overview", icon=":material/dashboard:")
