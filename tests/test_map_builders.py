"""The map's pure builders without Streamlit: outliers, layout, aggregation, legend, basemap."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from wirelens.dashboard.basemap import WORLD_TOLERANCE, basemap_layers, coarse, split_at_antimeridian, visible
from wirelens.dashboard.events_table import EVENT_COLOURS
from wirelens.dashboard.maps import (
    CELLS_LAYER,
    EVENTS_LAYER,
    FEATURE_COLOURS,
    PLACES_LAYER,
    build_map,
    core_points,
    enclose_events,
    event_key,
    fit_view,
    grid_cells,
    legend,
    legend_html,
    place_labels,
    spread_events,
    style_events,
    style_places,
)


def _places() -> pd.DataFrame:
    return style_places(
        pd.DataFrame(
            [
                ("Aleppo", 36.2, 37.16, "city", "SY", 9, 0, 1, "A <b>title</b>", "Fighting in Aleppo."),
                ("Al Ḩasakah", 36.5, 40.75, "city", "SY", 3, 0, 1, "A title", "Near Hasakeh city."),
                ("Al Ḩasakah", 36.6, 41.0, "region", "SY", 1, 0, 1, "A title", "Hasakeh province."),
                ("Syria", 35.0, 38.5, "country", "SY", 2, 0, 1, "A title", "Syria."),
                ("The Hague", 52.08, 4.3, "city", "NL", 1, 0, 1, "A title", "The Hague."),
            ],
            columns=[
                "name",
                "lat",
                "lon",
                "feature_type",
                "country_code",
                "mentions",
                "metonymic_mentions",
                "articles",
                "article",
                "sentence",
            ],
        )
    )


def _events() -> pd.DataFrame:
    rows = [
        ("a1" * 8, 10, 16, "Battles", "Armed clash", 36.2, 37.16, 3.0),
        ("a1" * 8, 40, 48, "Explosions/Remote violence", "Shelling/artillery/missile attack", 36.2, 37.16, None),
        ("a1" * 8, 90, 97, "Explosions/Remote violence", "Suicide bomb", 36.5, 40.75, 34.0),
    ]
    return pd.DataFrame(
        [
            {
                "article_id": a,
                "start": s,
                "end": e,
                "type": t,
                "sub_type": st,
                "lat": lat,
                "lon": lon,
                "fatalities": f,
                "fatalities_text": None,
                "date": dt.date(2016, 10, 3),
                "date_inferred": False,
                "place": "Aleppo",
                "actor1": "Islamic State",
                "actor2": None,
                "sentence": "A <script>bomb</script> hit.",
                "aggregate": False,
            }
            for a, s, e, t, st, lat, lon, f in rows
        ]
    )


def test_one_far_outlier_does_not_zoom_the_view_out():
    lats, lons = [36.2, 36.5, 35.0, 33.5, 52.08], [37.16, 40.75, 38.5, 36.3, 4.3]
    kept_lat, kept_lon = core_points(lats, lons)
    assert 52.08 not in kept_lat and len(kept_lat) == 4
    view = fit_view(lats, lons)
    assert 34 < view.latitude < 37 and 36 < view.longitude < 41 and view.zoom > 5
    assert core_points([1.0, 2.0], [1.0, 50.0]) == ([1.0, 2.0], [1.0, 50.0]), "two points: both count"


def test_percentiles_trim_a_wide_spread():
    lats = [35 + i * 0.01 for i in range(40)] + [-40.0]
    lons = [38 + i * 0.01 for i in range(40)] + [170.0]
    lat, lon = core_points(lats, lons)
    assert -40.0 not in lat and max(lon) < 40


def test_events_get_plain_text_tips_keys_and_type_colours():
    marks = style_events(_events())
    assert list(marks["key"]) == [event_key("a1" * 8, 10, 16), event_key("a1" * 8, 40, 48), event_key("a1" * 8, 90, 97)]
    assert marks["colour"].iloc[0] == EVENT_COLOURS["Battles"]
    assert "Islamic State" in marks["tip"].iloc[0] and "Armed clash" in marks["tip"].iloc[0]
    assert "fatalities: 34" in marks["tip"].iloc[2]
    # Short: the sentence is not sent with every mark, a click on the event shows it.
    assert not any("<script>" in tip for tip in marks["tip"])


def test_place_and_event_palettes_do_not_clash():
    greys = {tuple(c[:3]) for c in FEATURE_COLOURS.values()}
    assert all(r == g == b for r, g, b in greys)
    assert not greys & {tuple(c[:3]) for c in EVENT_COLOURS.values()}


def test_events_at_one_spot_fan_out_and_the_place_rims_them():
    marks = spread_events(style_events(_events()), zoom=7)
    aleppo = marks[marks["spot_lon"] == 37.16]
    assert aleppo["lon"].nunique() == 2, "two events in Aleppo: side by side, not stacked"
    places = enclose_events(_places(), marks)
    aleppo_place = places[places["name"] == "Aleppo"].iloc[0]
    assert aleppo_place["radius"] >= aleppo["fan"].max() + aleppo["radius"].max() + 7
    hasakeh = places[(places["feature_type"] == "city") & (places["lon"] == 40.75)].iloc[0]
    assert hasakeh["radius"] > marks.iloc[2]["radius"], "the 34-death event does not hide Hasakeh"


def test_deck_layers_are_separately_pickable_and_ordered():
    marks = spread_events(style_events(_events()), zoom=7)
    deck = build_map(enclose_events(_places(), marks), marks, selected=(36.2, 37.16))
    spec = json.loads(deck.to_json())
    ids = [layer["id"] for layer in spec["layers"]]
    assert ids.index("basemap-outlines") < ids.index(PLACES_LAYER) < ids.index(EVENTS_LAYER) < ids.index("selected")
    assert all(layer["pickable"] for layer in spec["layers"] if layer["id"] in (PLACES_LAYER, EVENTS_LAYER))
    assert spec["initialViewState"]["zoom"] > 5, "fitted to the events in Syria"


def test_labels_tell_apart_two_places_of_one_name():
    labels = place_labels(_places(), 12)
    names = [label["name"] for label in labels]
    assert "Aleppo" in names and "Al Ḩasakah (city)" in names and "Al Ḩasakah (region)" in names
    assert "Syria" not in names, "countries are named by the basemap"
    city, region = (
        next(label for label in labels if label["name"] == n) for n in ("Al Ḩasakah (city)", "Al Ḩasakah (region)")
    )
    assert city["offset"][1] < 0 < region["offset"][1], "one above its disc, the other below"


def test_grid_cells_count_marks_and_name_the_busiest_place():
    cells = grid_cells(_places(), style_events(_events()), cell_deg=5.0)
    assert cells["mentions"].sum() == _places()["mentions"].sum() and cells["events"].sum() == 3
    syria = cells.iloc[0]
    assert syria["top_place"] == "Aleppo" and "Aleppo" in syria["tip"]
    deck = build_map(_places(), style_events(_events()), cells=cells)
    ids = [layer["id"] for layer in json.loads(deck.to_json())["layers"]]
    assert CELLS_LAYER in ids and PLACES_LAYER not in ids


def test_legend_counts_both_encodings_and_escapes():
    rows = legend(_places(), style_events(_events()))
    assert ("event", EVENT_COLOURS["Battles"], "Battles", 1) in rows
    assert ("place", FEATURE_COLOURS["city"], "city", 3) in rows
    text = legend_html(rows)
    assert "Explosions/Remote violence (2)" in text and "Places" in text


def test_basemap_ships_the_neighbourhood_not_the_world():
    names = {c["name"] for c in visible((36.0, 35.0, 41.0, 37.5))}
    assert {"Syria", "Turkey", "Iraq", "Lebanon"} <= names
    assert "United States of America" not in names and "France" not in names
    outlines, labels = basemap_layers((36.0, 35.0, 41.0, 37.5))
    assert len(json.dumps(outlines.data)) < 150_000
    assert any(label["name"] == "Syria" for label in labels.data)


def test_a_world_view_sends_its_outlines_simplified_within_a_pixel():
    outlines, _ = basemap_layers((-180.0, -60.0, 180.0, 80.0))
    assert len(json.dumps(outlines.data, separators=(",", ":"))) < 110_000  # 147 KB before simplifying
    # A straight run keeps its ends; a bend wider than the tolerance stays, a wobble within it goes.
    straight = [[x / 10, 0.0] for x in range(0, 51)]
    assert coarse(straight) == [[0.0, 0.0], [5.0, 0.0]]
    bent = [[0.0, 0.0], [1.0, 0.1], [2.0, 0.0], [3.0, 2.0], [4.0, 0.0]]
    assert coarse(bent) == [[0.0, 0.0], [2.0, 0.0], [3.0, 2.0], [4.0, 0.0]]
    assert WORLD_TOLERANCE < 0.3  # under a pixel at a world view's zoom


def test_rings_are_cut_at_the_antimeridian():
    pieces = split_at_antimeridian([[170.0, 60.0], [179.9, 61.0], [-179.9, 61.0], [-170.0, 60.0]])
    assert len(pieces) == 2 and all(abs(p[0][0] - p[-1][0]) < 180 for p in pieces)


def test_labels_that_would_overlap_are_left_out_most_important_first():
    from wirelens.dashboard.map_labels import MapLabel, label_box, uncrowded

    labels = [
        MapLabel("Aleppo", 36.2, 37.16, 14),
        MapLabel("Idlib", 35.93, 36.63, 14),  # 60 km away: at world zoom on top of Aleppo, apart at zoom 7
        MapLabel("Tokyo", 35.68, 139.7, 14),
    ]
    assert uncrowded(labels, zoom=1.5) == [0, 2]
    assert uncrowded(labels, zoom=7) == [0, 1, 2]
    assert uncrowded(labels[::-1], zoom=1.5) == [0, 1]  # the order given decides who keeps the room
    a, b = label_box(labels[0], 7), label_box(labels[0]._replace(offset_px=(0.0, 30.0)), 7)
    assert b[1] - a[1] == 30  # an offset moves the box (deck.gl's y points down)


def test_a_world_view_names_fewer_countries_than_it_draws_and_none_overlap():
    from wirelens.dashboard.map_labels import MapLabel, label_box
    from wirelens.dashboard.maps import fit_view

    view = fit_view([60.0, -40.0, 35.0], [-120.0, 150.0, 38.0])  # the whole world
    deck = json.loads(build_map(_places(), style_events(_events()), view=view).to_json())
    country_names = next(layer for layer in deck["layers"] if layer["id"] == "basemap-labels")["data"]
    assert 10 < len(country_names) < 120
    names = {label["name"] for label in country_names}
    assert {"Russia", "Canada", "Brazil", "Australia"} <= names  # the largest claim room first
    boxes = [label_box(MapLabel(c["name"], c["position"][1], c["position"][0], 13), view.zoom) for c in country_names]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])


def test_countries_across_the_antimeridian_are_labelled_on_their_land():
    from wirelens.dashboard.basemap import country_labels

    where = {c["name"]: c["position"] for c in country_labels((-180.0, -60.0, 180.0, 80.0))}
    assert 60 < where["Russia"][0] < 140 and 55 < where["Russia"][1] < 70
    assert abs(where["Fiji"][0]) > 175  # near the 180th meridian, not in Africa


def test_area_discs_fit_their_cells():
    from wirelens.dashboard.maps import CELL_PX

    cells = grid_cells(_places(), style_events(_events()), cell_deg=5.0)
    assert cells["radius"].max() <= CELL_PX * 0.45 + 1e-9 and cells["radius"].min() >= 5
    busiest = cells.loc[(cells["mentions"] + cells["events"]).idxmax(), "radius"]
    assert busiest == cells["radius"].max()


def test_the_maps_own_discs_keep_admin1_names_off_them():
    # A big disc right on Aleppo governorate's name spot: build_map passes its marks to the basemap, whose
    # "ALEPPO" then moves or goes unnamed; the same view without marks names it on that spot.
    from wirelens.dashboard.basemap import LABELS_LAYER, admin1_units

    unit = next(u for u in admin1_units() if u["cc"] == "SY" and u["name"] == "Aleppo")
    lon, lat = unit["label"]
    places = _places().iloc[:1].assign(lat=lat, lon=lon, radius=40.0)
    view = fit_view(pd.Series([32.0, 37.5]), pd.Series([35.5, 42.5]))

    def aleppo_spot(deck) -> list | None:
        spec = json.loads(deck.to_json())
        labels = next(layer for layer in spec["layers"] if layer["id"] == LABELS_LAYER)["data"]
        return next((row["position"] for row in labels if row["name"] == "ALEPPO"), None)

    bare = aleppo_spot(build_map(places.iloc[:0], view=view, labels=0))
    assert bare == pytest.approx([lon, lat], abs=1e-3)
    marked = aleppo_spot(build_map(places, view=view, labels=0))
    assert marked is None or marked != pytest.approx([lon, lat], abs=0.05)


@pytest.mark.parametrize(
    ("path", "runs"),
    [
        ([[0, 0], [1, 1], [2, 2]], [[[0, 0], [1, 1], [2, 2]]]),  # inside: whole
        ([[20, 20], [30, 30]], []),  # outside: nothing
        # in, out, in again: two runs, each reaching one point past the edge
        ([[5, 5], [6, 6], [50, 50], [60, 60], [7, 7]], [[[5, 5], [6, 6], [50, 50]], [[60, 60], [7, 7]]]),
        ([[-20, 0], [-15, 0], [5, 0], [15, 0]], [[[-15, 0], [5, 0], [15, 0]]]),  # across: both neighbours kept
    ],
)
def test_outlines_are_cut_to_what_can_come_into_view(path, runs):
    from wirelens.dashboard.basemap import runs_within

    assert runs_within(path, (-10, -10, 10, 10)) == runs


def test_the_seed_view_sends_no_far_away_outline():
    # Whole rings of Russia or Saudi Arabia were most of the map page's bytes on the seed's view of Syria.
    from wirelens.dashboard.basemap import OUTLINES_LAYER

    syria = (35.5, 32.0, 42.5, 37.5)
    outlines = next(layer for layer in basemap_layers(syria) if layer.id == OUTLINES_LAYER).data
    inner = [p for row in outlines for p in row["path"][1:-1]]
    assert inner and all(25 <= lon <= 53 and 24 <= lat <= 46 for lon, lat in inner)


def test_a_world_view_sends_outlines_at_a_tenth_of_a_degree():
    from wirelens.dashboard.basemap import OUTLINES_LAYER

    world = (-180.0, -60.0, 180.0, 80.0)
    outlines = next(layer for layer in basemap_layers(world) if layer.id == OUTLINES_LAYER).data
    points = [p for row in outlines for p in row["path"]]
    assert points and all(round(v, 1) == v for p in points for v in p)
    assert all(a != b for row in outlines for a, b in zip(row["path"], row["path"][1:]))
    # ... while a zoomed-in view keeps the finer outlines
    syria = next(layer for layer in basemap_layers((35.5, 32.0, 42.5, 37.5)) if layer.id == OUTLINES_LAYER).data
    assert any(round(v, 1) != v for row in syria for p in row["path"] for v in p)


def test_map_labels_are_set_in_a_sans_serif_face():
    # deck.gl's default face is "Monaco, monospace": every place and country name read as typewriter text.
    view = fit_view(pd.Series([32.0, 37.5]), pd.Series([35.5, 42.5]))
    spec = json.loads(build_map(_places(), view=view).to_json())
    texts = [layer for layer in spec["layers"] if layer["@@type"] == "TextLayer"]
    assert len(texts) == 2
    assert all(layer["fontFamily"].endswith("sans-serif") and "mono" not in layer["fontFamily"] for layer in texts)


def test_a_huge_toll_or_count_is_a_big_disc_not_half_the_map():
    from wirelens.dashboard.maps import MAX_EVENT_PX, MAX_PLACE_PX, style_events, style_places

    places = style_places(_places().assign(mentions=[900, 4, 1, 2, 1]))
    assert places["radius"].max() == MAX_PLACE_PX and places["radius"].iloc[1] < MAX_PLACE_PX  # still by count
    events = style_events(_events().assign(fatalities=[2_300.0, 1.0, 34.0]))
    assert events["radius"].max() == MAX_EVENT_PX and events["radius"].min() < MAX_EVENT_PX
