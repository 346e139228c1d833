"""Widgets that correct what was extracted. Each stores the correction and reruns, so every page shows it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from wirelens.dashboard.markdown import escape_markdown
from wirelens.dashboard.pickers import PICKER_OPTIONS, matching_names
from wirelens.geo.gazetteer import load_gazetteer
from wirelens.store.corrections import Correction, CorrectionError
from wirelens.store.database import Store

_DONE = "_wirelens_correction_done"


def announce_done() -> None:
    """Show the message a correction left before its rerun."""
    message = st.session_state.pop(_DONE, None)
    if message:
        st.toast(message, icon=":material/check_circle:")


def _saved(message: str) -> None:
    st.session_state[_DONE] = message
    st.rerun()


def rename_actor_form(store: Store, actor: str | None = None, *, key: str) -> None:
    """Rename an actor, or merge it into another: type a new name or pick an existing actor."""
    every = store.actor_names()  # most mentioned first
    query = st.text_input(
        "Find actors",
        key=f"{key}_find",
        placeholder=f"Part of a name: the pickers below list the {PICKER_OPTIONS} best matches of {len(every):,}",
    )
    names = matching_names(every, query, PICKER_OPTIONS)
    with st.form(key, clear_on_submit=True, border=False):
        if actor is None:
            old = st.selectbox("Actor", names, index=None, placeholder="The actor to correct", key=f"{key}_old")
        else:
            old = actor
        into = st.selectbox(
            "Merge it into",
            [n for n in names if n != old],
            index=None,
            key=f"{key}_into",
            placeholder="Another actor: the two become one",
        )
        renamed = st.text_input("Or rename it to", key=f"{key}_new", placeholder="A name no actor has yet")
        note = st.text_input("Note (optional)", key=f"{key}_note")
        if st.form_submit_button("Save correction", icon=":material/edit:"):
            new = into or renamed.strip()
            if not old or not new or (into and renamed.strip()):
                st.error("Choose the actor, then either an actor to merge it into or a new name.")
                return
            try:
                store.rename_actor(old, new, note)
            except CorrectionError as exc:
                st.error(str(exc))
                return
            _saved(f"{old} merged into {new}" if into else f"{old} renamed {new}")


def move_place_form(store: Store, name: str, lat: float, lon: float, *, key: str) -> None:
    """Move a place: pick the right entry of the gazetteer, or type its coordinates."""
    search = st.text_input(
        "Look the place up",
        value=name,
        key=f"{key}_search",
        help="Names in any transliteration: Hasakeh, Al-Hasakah, al-Hassakeh.",
    )
    candidates = load_gazetteer().lookup(search) if search.strip() else []
    labels = [f"{p.name} · {p.feature_type}, {p.country_code or '?'} ({p.lat:.4f}, {p.lon:.4f})" for p in candidates]
    picked = st.selectbox(
        "Gazetteer entries",
        labels,
        index=None,
        key=f"{key}_candidate",
        placeholder=f"{len(labels)} entries called {search!r}" if labels else "No entry by that name",
    )
    chosen = candidates[labels.index(picked)] if picked else None
    with st.form(key, border=False):
        new_name = st.text_input("Name", value=chosen.name if chosen else name, key=f"{key}_name_{picked}")
        left, right = st.columns(2)
        new_lat = left.number_input(
            "Latitude", -90.0, 90.0, float(chosen.lat if chosen else lat), format="%.5f", key=f"{key}_lat_{picked}"
        )
        new_lon = right.number_input(
            "Longitude", -180.0, 180.0, float(chosen.lon if chosen else lon), format="%.5f", key=f"{key}_lon_{picked}"
        )
        note = st.text_input("Note (optional)", key=f"{key}_note")
        if st.form_submit_button("Move every mention here", icon=":material/edit_location_alt:"):
            try:
                store.move_place(
                    name,
                    lat,
                    lon,
                    new_name=new_name,
                    new_lat=new_lat,
                    new_lon=new_lon,
                    country_code=chosen.country_code if chosen else None,
                    note=note,
                )
            except CorrectionError as exc:
                st.error(str(exc))
                return
            _saved(f"{name} moved to {new_name} ({new_lat:.4f}, {new_lon:.4f})")


def dismiss_button(store: Store, kind: str, row: pd.Series, *, key: str) -> None:
    """Dismiss one quote or event, with an optional note, from a popover (one click is too easy to misfire)."""
    what = "attribution" if kind == "quote" else "event"
    with st.popover(f"Dismiss this {what}", icon=":material/block:"):
        st.caption("It disappears from every page and export; the Corrections page can bring it back.")
        note = st.text_input("Why (optional)", key=f"{key}_note")
        if st.button("Dismiss", key=f"{key}_confirm", type="primary"):
            store.dismiss(kind, row["article_id"], int(row["start"]), int(row["end"]), note)
            _saved(f"{what.capitalize()} dismissed")


def describe(correction: Correction) -> str:
    """One line for the list of corrections."""
    if correction.kind == "rename_actor":
        return f"Actor {correction.old!r} shown as {correction.new!r}"
    if correction.kind == "move_place":
        return (
            f"Place {correction.old!r} ({correction.old_lat:.4f}, {correction.old_lon:.4f}) moved to "
            f"{correction.new!r} ({correction.lat:.4f}, {correction.lon:.4f})"
        )
    if correction.kind == "rename_source":
        return f"Outlet {correction.old!r} shown as {correction.new!r}"
    if correction.kind == "set_source":
        return (
            f"Outlet of article {(correction.article_id or '')[:8]} set to {correction.new!r} (was {correction.old!r})"
        )
    what = "Quote" if correction.kind == "dismiss_quote" else "Event"
    return f"{what} at {correction.start}–{correction.end} of article {(correction.article_id or '')[:8]} dismissed"


def corrections_list(store: Store, *, key: str) -> None:
    """Every correction, newest first, each with an undo button."""
    made = store.corrections()
    if not made:
        st.info(
            "No corrections yet. Rename or merge actors here; move places from the Map page; dismiss quotes "
            "and events from the Quotes and Events pages."
        )
        return
    for correction in reversed(made):
        text, when, undo = st.columns([6, 2, 1], vertical_alignment="center")
        # Names and notes come from articles and visitors: shown as the characters they are.
        text.markdown(escape_markdown(describe(correction) + (f" — {correction.note}" if correction.note else "")))
        when.caption(f"{correction.made_at:%Y-%m-%d %H:%M}" if correction.made_at else "")
        if undo.button("Undo", key=f"{key}_undo_{correction.id}", icon=":material/undo:"):
            store.undo_correction(correction.id)
            _saved("Correction undone")
