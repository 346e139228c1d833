"""The map: the pure builder without Streamlit, and the page through AppTest on the seed corpus."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote_plus

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from page_runner import open_page
from wirelens.dashboard.maps import (
    EVENTS_LAYER,
    METONYMIC_COLOUR,
    PLACES_LAYER,
    aggregate_places,
    build_map,
    fit_view,
)

REPO = Path(__file__).resolve().parents[1]


def _mentions(rows: list[tuple]) -> pd.DataFrame:
    cols = [
        "article_id",
        "title",
        "start",
        "name",
        "lat",
        "lon",
        "feature_type",
        "country_code",
        "metonymic",
        "sentence",
        "text",
    ]
    return pd.DataFrame([dict(zip(cols, r)) for r in rows])


MENTIONS = _mentions(
    [
        (
            "a1",
            "Aleppo <b>battle</b>",
            0,
            "Aleppo",
            36.2,
            37.16,
            "city",
            "SY",
            False,
            "Fighting in Aleppo & around.",
            "Aleppo",
        ),
        (
            "a1",
            "Aleppo <b>battle</b>",
            50,
            "Aleppo",
            36.2,
            37.16,
            "city",
            "SY",
            False,
            "East Aleppo shelled.",
            "Aleppo",
        ),
        ("a2", "Other", 10, "Aleppo", 36.2, 37.16, "city", "SY", False, "Aleppo again.", "Aleppo"),
        (
            "a1",
            "Aleppo <b>battle</b>",
            90,
            "Al Ḩasakah",
            36.5,
            40.75,
            "city",
            "SY",
            False,
            "Near Hasakeh city.",
            "Hasakeh city",
        ),
        (
            "a1",
            "Aleppo <b>battle</b>",
            120,
            "Washington",
            38.9,
            -77.04,
            "city",
            "US",
            True,
            "Washington announced.",
            "Washington",
        ),
    ]
)


def test_places_are_aggregated_sized_with_plain_text_tips():
    places = aggregate_places(MENTIONS)
    assert list(places["name"]) == ["Aleppo", "Al Ḩasakah", "Washington"]  # most mentioned first
    aleppo = places.iloc[0]
    assert (aleppo["mentions"], aleppo["articles"]) == (3, 2)
    assert places.iloc[0]["radius"] > places.iloc[1]["radius"]
    # Tooltips are plain text (pydeck's "text" template): shown as written, never parsed as HTML.
    assert "Aleppo <b>battle</b>" in aleppo["tip"] and "&amp;" not in aleppo["tip"]
    assert places.iloc[2]["colour"] == METONYMIC_COLOUR and places.iloc[0]["colour"] != METONYMIC_COLOUR


def test_empty_mentions_give_an_empty_frame_and_a_world_view():
    places = aggregate_places(MENTIONS.iloc[0:0])
    assert places.empty and "radius" in places.columns
    view = fit_view(places["lat"], places["lon"])
    assert view.zoom == 1


def test_the_view_fits_every_place():
    literal = MENTIONS[~MENTIONS["metonymic"]]
    view = fit_view(literal["lat"], literal["lon"])
    assert 36.2 < view.latitude < 36.6 and 37.1 < view.longitude < 40.8
    assert 4 < view.zoom < 9  # two Syrian cities 320 km apart: a regional zoom, not the world
    # Washington as well (three points, one 9,000 km away): an outlier, left out of the view.
    robust = fit_view(MENTIONS["lat"], MENTIONS["lon"])
    assert robust.zoom == view.zoom


def test_deck_uses_carto_without_a_token_and_a_plain_text_tooltip():
    deck = build_map(aggregate_places(MENTIONS))
    spec = json.loads(deck.to_json())
    assert spec["mapProvider"] == "carto" and "positron" in spec["mapStyle"]
    layer = next(layer for layer in spec["layers"] if layer["id"] == PLACES_LAYER)
    assert layer["pickable"] is True
    assert layer["radiusUnits"] == "pixels", "sized on screen, not in metres"
    assert deck._tooltip["text"] == "{tip}" and "html" not in deck._tooltip


# --- the page ------------------------------------------------------------------------------


@pytest.fixture()
def app_env(tmp_path, monkeypatch):
    monkeypatch.setenv("WIRELENS_DB", str(tmp_path / "map.duckdb"))
    monkeypatch.chdir(REPO)


def run_map(**query: str) -> AppTest:
    return open_page("map.py", **query)


def _deck(at: AppTest) -> dict:
    (chart,) = at.get("deck_gl_json_chart")
    return json.loads(chart.proto.json)


def _layer(spec: dict, layer_id: str) -> dict:
    return next(layer for layer in spec["layers"] if layer["id"] == layer_id)


def _points(spec: dict) -> dict[str, dict]:
    """The places layer's marks by place name: a mark carries only its label ("Aleppo · city, SY (3)"),
    its tooltip and how it is drawn, not the place's row."""
    return {p["label"].split(" · ")[0]: p for p in _layer(spec, PLACES_LAYER)["data"]}


def _mentions(mark: dict) -> int:
    return int(mark["label"].rsplit("(", 1)[1].rstrip(")"))


def test_map_page_shows_the_seed_places_zoomed_to_syria(app_env):
    at = run_map()
    assert at.title[0].value == "Map"
    spec = _deck(at)
    points = _points(spec)
    assert {"Aleppo", "Al Ḩasakah", "Damascus", "The Hague", "Syria"} <= set(points)
    assert "Washington" not in points and "Moscow" not in points, "metonymic places are hidden by default"
    assert _mentions(points["Aleppo"]) > _mentions(points["Damascus"])
    view = spec["initialViewState"]
    # Aleppo and Hasakeh both inside the initial view (800 px wide at this zoom), The Hague not.
    half_lon = 800 / 2 * 360 / (512 * 2 ** view["zoom"])
    for name in ("Aleppo", "Al Ḩasakah"):
        assert abs(points[name]["lon"] - view["longitude"]) < half_lon
    assert abs(points["The Hague"]["lon"] - view["longitude"]) > half_lon
    assert view["zoom"] > 5
    labels = {d["name"] for d in _layer(spec, "place-labels")["data"]}
    assert "Aleppo" in labels and any(name.startswith("Al") and "asakah" in name for name in labels - {"Aleppo"})
    assert _layer(spec, EVENTS_LAYER)["pickable"] is True
    order = [layer["id"] for layer in spec["layers"]]
    assert order.index("basemap-outlines") < order.index(PLACES_LAYER) < order.index(EVENTS_LAYER)
    assert "GeoNames" in "".join(c.value for c in at.caption)
    assert any("Battles" in m.value and "city" in m.value for m in at.markdown), "a legend of both encodings"


def test_map_toggle_shows_metonymic_places_and_picker_lists_mentions(app_env):
    at = run_map()
    at.toggle(key="map_metonymic").set_value(True).run()
    assert not at.exception
    names = set(_points(_deck(at)))
    assert {"Washington", "Moscow"} <= names
    aleppo = next(o for o in at.selectbox(key="map_place").options if o.startswith("Aleppo · city, SY ("))
    at.selectbox(key="map_place").set_value(aleppo).run()
    assert not at.exception
    assert at.subheader[0].value.startswith("Aleppo · city · SY")
    sentences = "".join(link.proto.label for link in at.get("page_link"))
    assert "heart of Aleppo" in sentences and "Hasakeh" not in sentences


def test_each_mention_links_to_its_sentence_in_the_reader(app_env):
    at = run_map()
    damascus = next(o for o in at.selectbox(key="map_place").options if o.startswith("Damascus"))
    at.selectbox(key="map_place").set_value(damascus).run()
    (link,) = [link for link in at.get("page_link") if "embassy" in link.proto.label]
    assert link.proto.page.endswith("reader") and "embassy" in link.proto.label
    query = dict(part.split("=", 1) for part in link.proto.query_string.split("&"))
    assert query["article"].startswith("Syria") and query["sentence"].startswith("08ed0b15")
    # Following it: the reader opens that article with the sentence highlighted.
    reader = open_page("reader.py", **{k: unquote_plus(v) for k, v in query.items()})
    focused = [e.proto.body for e in reader.get("html") if 'id="wl-focus"' in e.proto.body]
    after_focus = re.sub(r"<[^>]+>", "", focused[0].split('id="wl-focus"', 1)[1]) if focused else ""
    assert "embassy" in after_focus[:400]  # the focused sentence is the one the link named


def test_map_page_says_so_when_nothing_matches(app_env, tmp_path, monkeypatch):
    seeds = tmp_path / "placeless"
    seeds.mkdir()
    (seeds / "story.txt").write_text("Rebels retake town\n\nRebels retook the town on Monday.", encoding="utf-8")
    monkeypatch.setenv("WIRELENS_SEEDS", str(seeds))
    at = run_map()
    assert not at.get("deck_gl_json_chart")
    assert any("No place is mentioned" in i.value for i in at.info)
