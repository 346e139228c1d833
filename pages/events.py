"""Events: what happened where, when, to whom. A filterable table, ACLED CSV export, each row one
click from its sentence in the reader."""

import pandas as pd
import streamlit as st

from wirelens.dashboard.correcting import announce_done, dismiss_button
from wirelens.dashboard.downloads import download_buttons
from wirelens.dashboard.markdown import escape_markdown
from wirelens.dashboard.paging import paged
from wirelens.dashboard.state import (
    current_filters,
    date_filter_label,
    event_dates,
    find_record,
    open_cached_store,
    page,
    reader_link,
    record_key,
    route_through_app,
    url_selection,
)
from wirelens.exports.events import grouped_events, to_acled
from wirelens.exports.formats import csv_bytes

# Query-parameter names of this page's own filters: a copied URL reproduces the view.
TYPES_KEY = "event_types"
ACTOR_KEY = "event_actor"
PLACE_KEY = "event_place"
AGGREGATES_KEY = "event_aggregates"
SELECTED_KEY = "event"  # the selected event, "<article id prefix>:start:end"

route_through_app()
store = open_cached_store()
filters = current_filters(store)
announce_done()
every = store.events(filters)

st.title("Events")
st.caption(
    "What happened where, when and to whom, in ACLED's taxonomy. Dates come from the sentence "
    '("late Monday") or, marked *inferred*, the publication date; places marked *inferred* come '
    'from the sentences before. Cumulative tolls ("300,000 killed since 2011") are aggregates, not events.'
)
if every.empty:
    st.info(
        "No events in the articles that match the sidebar filters. Clear the filters, or ingest "
        "conflict reporting with `wirelens ingest`."
    )
    st.stop()

singles = every[~every["aggregate"].fillna(False).astype(bool)]
type_col, actor_col, place_col = st.columns(3)
types = type_col.multiselect(
    "Event type", sorted(every["type"].dropna().unique()), key=TYPES_KEY, bind="query-params", placeholder="All types"
)
actors = sorted({a for names in every["actors"] if names is not None for a in names})
actor = actor_col.selectbox("Actor", actors, index=None, key=ACTOR_KEY, bind="query-params", placeholder="Any actor")
place = place_col.selectbox(
    "Place",
    sorted(every["place"].dropna().unique()),
    index=None,
    key=PLACE_KEY,
    bind="query-params",
    placeholder="Anywhere",
)
# One shared date filter (sidebar, or brushed on the Timeline): by event date, it narrows the events too.
date_from, date_to = event_dates(store)
st.caption(date_filter_label(store))
with_aggregates = st.toggle(
    "Show aggregate tolls",
    value=False,
    key=AGGREGATES_KEY,
    help="Cumulative statements such as “300,000 people have been killed since 2011”.",
)

shown = store.events(
    filters,
    types=types or None,
    actor=actor,
    place=place,
    date_from=date_from,
    date_to=date_to,
    aggregates=with_aggregates,
).reset_index(drop=True)
if shown.empty:
    st.info(f"No event matches these filters. Clear them to see all {len(singles)} event(s) of the filtered articles.")
    st.stop()

fatal = shown["fatalities"].dropna()
st.caption(
    f"{len(shown)} event(s) in {shown['article_id'].nunique()} article(s) · "
    f"{int(fatal.sum()) if not fatal.empty else 0} reported fatalities in {len(fatal)} event(s) with a figure "
    "(aggregates included only if shown)."
)

# What a reader scans first (when, what, where, how many, who), then the evidence, then the flags.
table = pd.DataFrame(
    {
        "date": shown["date"],
        "sub-type": shown["sub_type"],
        # An empty cell, not "None": a missing actor or place read as an actor called None.
        "place": shown["place"].fillna(""),
        "fatalities": shown["fatalities"].astype("Int64"),
        "actor 1": shown["actor1"].fillna(""),
        "actor 2": shown["actor2"].fillna(""),
        "sentence": shown["sentence"],
        "as written": shown["fatalities_text"],
        "type": shown["type"],
        "civilians targeted": shown["civilian_targeting"],
        "date inferred": shown["date_inferred"],
        "place inferred": shown["place_inferred"],
        "aggregate": shown["aggregate"],
        "period": shown["period"],
        "article": shown["title"],
    }
)
st.caption("Select a row to see the event in its sentence, open it in the reader, or dismiss it.")
table, first = paged(table, key="events_page", noun="events")
picked = st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    on_select="rerun",
    selection_mode="single-row",
    key="event_table",
    column_config={
        "date": st.column_config.DateColumn("date", format="YYYY-MM-DD"),
        "date inferred": st.column_config.CheckboxColumn("date inferred"),
        "fatalities": st.column_config.NumberColumn(
            "fatalities", help="Empty: the text gives no toll. 0: the text says no one was killed."
        ),
        "sentence": st.column_config.TextColumn("sentence", width="large"),
    },
)
rows = picked.selection.rows if picked else []
chosen = record_key(*shown.iloc[first + rows[0]][["article_id", "start", "end"]]) if rows else None
selected = find_record(shown, url_selection(SELECTED_KEY, chosen))
if selected is not None:
    row = shown.iloc[selected]
    with st.container(border=True):
        where = row["place"] if isinstance(row["place"], str) else "no place"
        when = f"{pd.Timestamp(row['date']):%Y-%m-%d}" if pd.notna(row["date"]) else "undated"
        st.markdown(f"**{escape_markdown(str(row['sub_type']))}** · {escape_markdown(where)} · {when}")
        st.markdown(f"“{escape_markdown(str(row['sentence']))}”")
        open_col, dismiss_col = st.columns(2)
        if open_col.button("Open in the article reader", key="event_open_reader", icon=":material/article:"):
            st.switch_page(
                page("reader.py"),
                query_params=reader_link(row["article_id"], row["title"], row["sent_start"], row["sent_end"]),
            )
        with dismiss_col:
            dismiss_button(store, "event", row, key=f"event_dismiss_{row['article_id'][:8]}_{row['start']}")

acled = to_acled(shown[~shown["aggregate"].fillna(False).astype(bool)])
st.download_button(
    "Download these events (ACLED CSV)",
    lambda: csv_bytes(acled),
    file_name="wirelens-events-acled.csv",
    mime="text/csv",
    key="event_csv",
    on_click="ignore",
    icon=":material/download:",
    help="ACLED's column names (event_date, event_type, sub_event_type, actor1, actor2, location, "
    "latitude, longitude, fatalities, notes, source), then where each row comes from. "
    "Aggregates are left out.",
)
download_buttons(shown, "wirelens-events", geo=True, key="event_download", label="These events, every column")

groups = grouped_events(shown)
multi = groups[groups["articles"] > 1]
with st.expander(f"Reports of the same event across articles ({len(multi)})"):
    st.caption(
        "Same sub-type, places within 25 km, dates within a day, different articles. "
        "Differing fatality figures are listed with their sources, not averaged."
    )
    if multi.empty:
        st.write("No event is reported by more than one article here.")
    else:
        groups_page, _ = paged(
            multi, key="event_groups_page", noun="events reported more than once", one="event reported more than once"
        )
        st.dataframe(groups_page, hide_index=True, width="stretch", key="event_groups")
