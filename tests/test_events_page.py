"""The events page (AppTest): table and filters on the seed, CSV export, the empty message."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from page_runner import open_page
from wirelens.exports.events import store_acled_csv

REPO = Path(__file__).resolve().parents[1]


def _events_page(tmp_path, monkeypatch, seeds: Path | None = None) -> AppTest:
    monkeypatch.setenv("WIRELENS_DB", str(tmp_path / "events.duckdb"))
    if seeds is not None:
        monkeypatch.setenv("WIRELENS_SEEDS", str(seeds))
    monkeypatch.chdir(REPO)
    return open_page("events.py")


def _table(at: AppTest):
    return next(d for d in at.dataframe if "sub-type" in d.value.columns).value


def test_events_page_on_the_seed(tmp_path, monkeypatch):
    at = _events_page(tmp_path, monkeypatch)
    assert at.title[0].value == "Events"
    table = _table(at)
    assert "Suicide bomb" in set(table["sub-type"]) and not table["aggregate"].any()
    wedding = table[table["sub-type"] == "Suicide bomb"].iloc[0]
    assert wedding["fatalities"] == 34 and wedding["actor 1"] == "Islamic State"

    at.multiselect(key="event_types").set_value(["Battles"]).run()
    assert not at.exception
    assert set(_table(at)["type"]) == {"Battles"}

    at.multiselect(key="event_types").set_value([]).run()
    at.selectbox(key="event_actor").set_value("Rebels").run()
    assert not at.exception
    assert all("Rebels" in (a, b) for a, b in zip(_table(at)["actor 1"], _table(at)["actor 2"]))

    at.selectbox(key="event_actor").set_value(None).run()
    at.toggle(key="event_aggregates").set_value(True).run()
    assert _table(at)["aggregate"].sum() == 2


def test_events_page_filters_can_match_nothing(tmp_path, monkeypatch):
    at = _events_page(tmp_path, monkeypatch)
    at.selectbox(key="event_place").set_value("Damascus").run()
    at.multiselect(key="event_types").set_value(["Battles"]).run()
    assert not at.exception
    assert at.info and "No event matches these filters" in at.info[0].value


def test_events_page_without_events_says_so(tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Quiet day\nThe council met to discuss the budget.", encoding="utf-8")
    at = _events_page(tmp_path, monkeypatch, seeds)
    assert at.info and "No events in the articles" in at.info[0].value


def test_acled_csv_from_the_store(extractor, seed_article, store):
    store.add(extractor.extract_one(seed_article))
    lines = store_acled_csv(store).splitlines()
    assert lines[0].startswith(
        "event_date,event_type,sub_event_type,actor1,actor2,location,latitude,longitude,fatalities,notes,source"
    )
    assert any(line.startswith("2016-10-03,Explosions/Remote violence,Suicide bomb,Islamic State,") for line in lines)
    assert not any("300,000 people" in line for line in lines)  # aggregates are not events


@pytest.mark.parametrize(
    ("option", "value", "expected"),
    [("types", ["Battles"], {"Battles"}), ("place", "Damascus", {"Explosions/Remote violence"})],
)
def test_store_event_filters(extractor, seed_article, store, option, value, expected):
    store.add(extractor.extract_one(seed_article))
    assert set(store.events(**{option: value})["type"]) == expected


# --- the events layer of the map ----------------------------------------------------------------


def test_event_points_are_escaped_sized_and_coloured():
    import datetime as dt

    import pandas as pd
    import pydeck as pdk

    from wirelens.dashboard.events_table import (
        EVENT_COLOURS,
        EVENTS_LAYER,
        add_events_layer,
        event_points,
    )

    events = pd.DataFrame(
        [
            {
                "lat": 36.5,
                "lon": 40.7,
                "type": "Explosions/Remote violence",
                "sub_type": "Suicide bomb",
                "article_id": "a",
                "sent_start": 0,
                "sent_end": 9,
                "date": dt.date(2016, 10, 3),
                "date_inferred": False,
                "place": "Hasakeh",
                "actor1": "Islamic State",
                "actor2": None,
                "fatalities": 34,
                "fatalities_text": "killing 34 people",
                "sentence": "<script>x</script> killed 34",
                "aggregate": False,
            },
            {
                "lat": None,
                "lon": None,
                "type": "Battles",
                "sub_type": "Armed clash",
                "article_id": "a",
                "sent_start": 0,
                "sent_end": 9,
                "date": None,
                "date_inferred": True,
                "place": None,
                "actor1": None,
                "actor2": None,
                "fatalities": None,
                "fatalities_text": None,
                "sentence": "s",
                "aggregate": False,
            },
        ]
    )
    points = event_points(events)
    assert len(points) == 1  # no place, no point
    point = points.iloc[0]
    assert point["colour"] == EVENT_COLOURS["Explosions/Remote violence"] and point["radius"] > 7
    assert "<script>" not in point["tip"] and "&lt;script&gt;" in point["tip"] and "2016-10-03" in point["tip"]

    places = pdk.Layer(
        "ScatterplotLayer", data=pd.DataFrame([{"name": "Aleppo", "lat": 36.2, "lon": 37.1}]), id="places"
    )
    deck = pdk.Deck(layers=[places], tooltip={"html": "<b>{name}</b>"})
    assert add_events_layer(deck, events) == 1
    assert [layer.id for layer in deck.layers] == ["places", EVENTS_LAYER]
    assert deck.layers[0]._data[0]["tip"] == "<b>Aleppo</b>"  # the places keep their own tooltip
    assert deck._tooltip["html"] == "{tip}"


def test_map_page_draws_events(tmp_path, monkeypatch):
    monkeypatch.setenv("WIRELENS_DB", str(tmp_path / "map.duckdb"))
    monkeypatch.chdir(REPO)
    at = open_page("map.py")
    assert any(" event(s) on the map" in c.value and "; 0 event(s)" not in c.value for c in at.caption)
    assert any(layer.get("id") == "events" for layer in _deck_layers(at))
    at.toggle(key="map_events").set_value(False).run()
    assert not at.exception
    assert not any(layer.get("id") == "events" and layer.get("data") for layer in _deck_layers(at))


def _deck_layers(at) -> list[dict]:
    import json

    return [layer for chart in at.get("deck_gl_json_chart") for layer in json.loads(chart.proto.json).get("layers", [])]


def test_cli_writes_acled_csv(tmp_path, extractor, seed_article, capsys):
    from wirelens.cli import main
    from wirelens.store.database import Store

    db = tmp_path / "cli.duckdb"
    with Store(db) as store:
        store.add(extractor.extract_one(seed_article))
    assert main(["events", "--db", str(db), "--type", "Battles"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("event_date,event_type,sub_event_type") and len(lines) >= 2
    assert all(",Battles," in line for line in lines[1:])
    out = tmp_path / "e.csv"
    assert main(["events", "--db", str(db), "--out", str(out)]) == 0
    assert "Suicide bomb" in out.read_text(encoding="utf-8")


def test_a_missing_actor_or_place_is_an_empty_cell_not_none(tmp_path, monkeypatch):
    # The seed's air strike on the hospital names no attacker: its cell is empty, never a null the grid
    # prints as "None" (read as an actor called None).
    table = _table(_events_page(tmp_path, monkeypatch))
    assert (table["actor 1"] == "").any()
    for column in ("actor 1", "actor 2", "place"):
        assert table[column].notna().all(), column
