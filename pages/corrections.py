"""Corrections: rename or merge actors, and every correction made so far, each one click from undoing."""

import streamlit as st

from wirelens.dashboard.correcting import announce_done, corrections_list, rename_actor_form
from wirelens.dashboard.downloads import download_buttons
from wirelens.dashboard.state import open_cached_store, route_through_app

route_through_app()
store = open_cached_store()
announce_done()

st.title("Corrections")
st.caption(
    "What you correct is stored with the corpus, shows on every page and goes into every export; the "
    "extracted data underneath is kept, so any correction can be undone. Move places from the Map page; "
    "dismiss a wrong quote attribution or event from the Quotes and Events pages."
)

st.subheader("Rename or merge an actor")
rename_actor_form(store, key="corrections_rename")

st.subheader("Made so far")
corrections_list(store, key="corrections_list")
made = store.corrections()
if made:
    download_buttons(
        store.corrections_frame(), "wirelens-corrections", key="corrections_download", label="The corrections"
    )
