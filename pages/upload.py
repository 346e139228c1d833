"""Add articles: upload files and see what was ingested and refused, and why."""

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from wirelens.dashboard.state import extractor_for_uploads, open_store, page, route_through_app, settings
from wirelens.dashboard.uploads import ingest_uploads, save_uploads
from wirelens.run.readers import SUPPORTED_SUFFIXES

REPORT_KEY = "upload_report"

route_through_app()
store = open_store()

st.title("Add articles")
if settings().mode == "hosted":
    st.caption(
        "What you upload stays in this browser session: other visitors never see it, "
        "and it is gone when the session ends."
    )
else:
    st.caption(f"Articles are added to the local corpus `{store.path}`.")

# No default publication date: a date ticked "today" turned 2004 articles into this year's.
# Dates come from the files' metadata; an undated article is stored undated, with a warning row.
files = st.file_uploader(
    "Articles: .txt (first line is the headline; a `name.meta.json` beside it may give title, date, source, url), "
    ".html, .json (an article object or an array of them), .jsonl or .csv (columns title, text, date, source, url), "
    "or a .zip of them",
    type=[s.lstrip(".") for s in SUPPORTED_SUFFIXES],
    accept_multiple_files=True,
    key="upload_files",
    help=f"Up to {st.get_option('server.maxUploadSize')} MB per file (`server.maxUploadSize` in "
    "`.streamlit/config.toml`). Articles without a date in their metadata are stored undated: "
    "set their date in the Article reader.",
)

if st.button("Add to the corpus", type="primary", disabled=not files, key="upload_go"):
    bar = st.progress(0.0, text="Reading files…")

    def progress(done: int, total: int) -> None:
        bar.progress(done / max(total, 1), text=f"Extracted {done} of {total} article(s)")

    with tempfile.TemporaryDirectory(prefix="wirelens-upload-") as tmp:
        saved = save_uploads(((f.name, f.getvalue()) for f in files), Path(tmp))
        rows = ingest_uploads(saved, store, extractor_for_uploads(), progress=progress)
    st.session_state[REPORT_KEY] = pd.DataFrame(rows, columns=["file", "status", "detail"])
    st.rerun()  # the sidebar, drawn before this page, counts the new articles only on a fresh run

report = st.session_state.get(REPORT_KEY)
if report is not None:
    counts = report["status"].value_counts()
    st.success(
        f"{counts.get('added', 0)} added · {counts.get('already in the corpus', 0)} already in the corpus · "
        f"{counts.get('refused', 0)} refused · {counts.get('warning', 0)} warning(s)"
    )
    st.dataframe(report, hide_index=True, width="stretch")
    if counts.get("added", 0):
        st.page_link(page("overview.py"), label="See them in the overview", icon=":material/dashboard:")
