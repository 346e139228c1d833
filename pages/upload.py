"""Add articles: upload files and see what was ingested and refused, and why."""

import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from wirelens.dashboard.sessions import add_usage
from wirelens.dashboard.state import (
    charge_session,
    current_session_folder,
    extractor_for_uploads,
    open_store,
    page,
    route_through_app,
    settings,
    upload_limits,
)
from wirelens.dashboard.uploads import (
    MB,
    RunningUpload,
    UploadRow,
    admit_uploads,
    ingest_uploads,
    running_upload,
    save_uploads,
)
from wirelens.run.readers import SUPPORTED_SUFFIXES

REPORT_KEY = "upload_report"
RUNNING_KEY = "upload_running"  # a RunningUpload while an upload extracts: left set if it was cut short
STOP_WAIT_SECONDS = 300.0  # how long the run after a Cancel waits for the article in hand

route_through_app()
store = open_store()
hosted = settings().mode == "hosted"
limits = upload_limits()

st.title("Add articles")
if hosted:
    cfg = settings()
    st.caption(
        "What you upload stays in this browser session: other visitors never see it, and it is deleted "
        f"when the session has been idle for {cfg.session_idle_minutes:g} minutes. Limits here: "
        f"{cfg.upload_mb_per_file} MB per file, {cfg.article_chars:,} characters per article, "
        f"{cfg.upload_mb_per_session} MB and {cfg.articles_per_session:,} "
        f"new articles per session ({(limits.session_bytes_left or 0) / MB:.0f} MB and {limits.articles_left:,} "
        f"left), {cfg.upload_seconds:g} s of extraction per upload."
    )
else:
    st.caption(f"Articles are added to the local corpus `{store.path}`.")

if (cut := st.session_state.pop(RUNNING_KEY, None)) is not None:
    # The last upload's run ended without finishing: Cancel was clicked (or the page was left).
    if isinstance(cut, RunningUpload) and not cut.ended.is_set():
        with st.spinner("Stopping: the article in hand is being finished…"):
            cut.wait_ended(STOP_WAIT_SECONDS)  # it may still store the article it was extracting
        st.session_state[RUNNING_KEY] = cut
        st.rerun()  # the sidebar, drawn before this page, counts that article too
    if isinstance(cut, RunningUpload) and cut.rows is not None:  # stopped only after it had finished
        st.session_state[REPORT_KEY] = pd.DataFrame(cut.rows, columns=list(UploadRow._fields))
    else:
        done, total = cut
        st.warning(
            f"Upload cancelled: {done} of {total} article(s) were added before it stopped; they stay in the corpus.",
            icon=":material/cancel:",
        )
        st.session_state.pop(REPORT_KEY, None)

# No default publication date: a date ticked "today" turned 2004 articles into this year's.
# Dates come from the files' metadata; an undated article is stored undated, with a warning row.
per_file = min(limits.file_bytes // MB, st.get_option("server.maxUploadSize")) if limits.file_bytes else None
files = st.file_uploader(
    "Articles: .txt (first line is the headline; a `name.meta.json` beside it may give title, date, source, url), "
    ".html, .json (an article object or an array of them), .jsonl or .csv (columns title, text, date, source, url), "
    "or a .zip of them",
    type=[s.lstrip(".") for s in SUPPORTED_SUFFIXES],
    accept_multiple_files=True,
    key="upload_files",
    max_upload_size=per_file,
    help=f"Up to {per_file or st.get_option('server.maxUploadSize')} MB per file. Articles without a date in their "
    "metadata are stored undated: set their date in the Article reader.",
)

if st.button("Add to the corpus", type="primary", disabled=not files, key="upload_go"):
    admitted, refused = admit_uploads(((f.name, f.getvalue()) for f in files), limits)
    charge_session(upload_bytes=sum(len(data) for _, data in admitted))
    # Clicking Cancel reruns the page: Streamlit stops this run at its next progress update,
    # between two articles, so each stored article is whole and the rest are never extracted.
    st.button("Cancel", key="upload_cancel", icon=":material/cancel:")
    bar = st.progress(0.0, text="Reading files…")
    session_folder = current_session_folder()

    def register(running: RunningUpload) -> None:
        st.session_state[RUNNING_KEY] = running

    # Streamlit stops a cancelled run at any st call, session_state reads and writes included: what
    # was stored is counted on a plain object kept in session_state (never reassigned) and charged to
    # the session's folder directly, with no st call between an article stored and its count.
    with running_upload(register) as running:

        def progress(done: int, total: int) -> None:
            running.done, running.total = done, total
            if session_folder is not None and session_folder.is_dir():
                add_usage(session_folder, 0, 1)  # one call per added article
            bar.progress(done / max(total, 1), text=f"Extracted {done} of {total} article(s)")

        with tempfile.TemporaryDirectory(prefix="wirelens-upload-") as tmp:
            saved = save_uploads(admitted, Path(tmp))
            running.rows = refused + ingest_uploads(
                saved, store, extractor_for_uploads(), progress=progress, limits=limits
            )
    st.session_state.pop(RUNNING_KEY, None)
    st.session_state[REPORT_KEY] = pd.DataFrame(running.rows, columns=list(UploadRow._fields))
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
