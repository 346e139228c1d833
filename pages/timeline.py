"""Timeline: events, fatalities and coverage over time; brushing a range sets the shared date filter."""

import pandas as pd
import streamlit as st

from wirelens.dashboard.downloads import download_buttons
from wirelens.dashboard.state import (
    DATE_BASES,
    current_filters,
    date_basis,
    date_filter_label,
    event_dates,
    open_cached_store,
    route_through_app,
    set_date_range,
)
from wirelens.dashboard.time_views import BRUSH, PERIODS, auto_period, brushed_range, timeline_chart

CHART_KEY = "timeline_chart"
PERIOD_KEY = "timeline_period"


@st.cache_data(max_entries=32, ttl=3600, show_spinner=False)
def _spec(events: pd.DataFrame, articles: pd.DataFrame, period: str) -> dict:
    """The chart's Vega-Lite spec for these counts, built once: altair validates it against the schema
    (~0.1 s), and the same filters come back on every rerun."""
    return timeline_chart(events, articles, period=period)


route_through_app()
store = open_cached_store()
filters = current_filters(store)

st.title("Timeline")
# The default bar suits the corpus's publication span (not the filtered one, so it holds still as filters
# change; not the events', which a history mention stretches back a century).
first, last = store.date_range()
default_period = auto_period(first, last) if first else auto_period(*store.event_date_range())
period = (
    st.segmented_control("Bars per", list(PERIODS), default=default_period, key=PERIOD_KEY, bind="query-params")
    or default_period
)
date_from, date_to = event_dates(store)
events = store.event_timeline(filters, period, date_from, date_to)
articles = store.article_timeline(filters, period)
if events.empty and articles.empty:
    st.info("No dated article or event matches the filters. Clear them in the sidebar, or ingest more articles.")
    st.stop()


def _brushed() -> None:
    """A brushed range becomes the shared date filter: by event date from the event bands, else by publication."""
    state = st.session_state.get(CHART_KEY)
    selection = state.selection if state is not None else None
    picked = brushed_range(selection, period)
    if picked is None:
        return
    set_date_range(store, *picked, basis=date_basis())


st.caption(
    f"{date_filter_label(store)} Drag across any band to set the shared date filter for every page "
    f"(it filters by **{DATE_BASES[date_basis()].lower()}**: choose which in the sidebar). "
    "Events are counted by the date they happened, articles by the date they were published."
)
st.vega_lite_chart(
    _spec(events, articles, period),
    key=CHART_KEY,
    on_select=_brushed,
    selection_mode=BRUSH,
    width="stretch",
)
n_events, n_articles = int(events["events"].sum()) if not events.empty else 0, int(articles["articles"].sum())
st.caption(
    f"{n_events} dated event(s) · {int(events['fatalities'].sum()) if not events.empty else 0} reported "
    f"fatalities · {n_articles} dated article(s)."
)
left, right = st.columns(2)
with left:
    download_buttons(
        events, "wirelens-events-per-" + period, key="timeline_events_download", label=f"Events per {period}"
    )
with right:
    download_buttons(
        articles, "wirelens-articles-per-" + period, key="timeline_articles_download", label=f"Articles per {period}"
    )
