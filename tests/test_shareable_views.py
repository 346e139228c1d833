"""A copied URL reopens the view: each page's selection lives in the URL next to its filters."""

from __future__ import annotations

from pathlib import Path

import pytest

from page_runner import open_page
from wirelens.dashboard.state import record_key
from wirelens.store.database import Store

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture()
def app_env(tmp_path, monkeypatch):
    monkeypatch.setenv("WIRELENS_DB", str(tmp_path / "app.duckdb"))
    monkeypatch.chdir(REPO)
    open_page()  # builds the seed corpus
    return tmp_path / "app.duckdb"


def _record(db: Path, kind: str, condition: str):
    with Store(db) as store:
        frame = (store.quotes() if kind == "quote" else store.events()).query(condition)
        return frame.iloc[0]


def test_a_quote_link_opens_the_quote_in_context(app_env):
    quote = _record(app_env, "quote", "speaker == 'Sergei Lavrov'")
    at = open_page("quotes.py", quote=record_key(quote["article_id"], quote["start"], quote["end"]))
    assert [h.value for h in at.subheader if h.value == "In context"]
    assert any("Sergei Lavrov" in c.value for c in at.caption)


def test_an_event_link_opens_the_event(app_env):
    event = _record(app_env, "event", "sub_type == 'Suicide bomb'")
    at = open_page("events.py", event=record_key(event["article_id"], event["start"], event["end"]))
    assert any("Suicide bomb" in m.value for m in at.markdown)
    assert any(b.key == "event_open_reader" for b in at.button)


def test_a_network_link_opens_the_node_panel(app_env):
    at = open_page("network.py", net_selected="node|Islamic State")
    assert [h.value for h in at.subheader] == ["Islamic State"]
    assert any("Every sentence naming them" in m.value for m in at.markdown)


def test_a_map_link_opens_the_place(app_env):
    at = open_page("map.py")
    label = next(o for o in at.selectbox(key="map_place").options if o.startswith("Damascus"))
    at = open_page("map.py", map_place=label)
    assert at.selectbox(key="map_place").value == label
    assert any(h.value.startswith("Damascus") for h in at.subheader)


def test_a_map_event_link_opens_the_event_zoomed_to_it(app_env):
    event = _record(app_env, "event", "sub_type == 'Suicide bomb'")
    key = record_key(event["article_id"], event["start"], event["end"])
    at = open_page("map.py", map_event=key, map_marks="points")
    assert at.selectbox(key="map_event").value == key
    assert any(h.value.startswith("Suicide bomb") for h in at.subheader)
    assert any("Open in the reader" in link.proto.label for link in at.get("page_link"))
    import json

    (chart,) = at.get("deck_gl_json_chart")
    view = json.loads(chart.proto.json)["initialViewState"]
    assert abs(view["longitude"] - event["lon"]) < 0.01 and view["zoom"] >= 6


@pytest.mark.parametrize(
    "page, param", [("quotes.py", "quote"), ("events.py", "event"), ("network.py", "net_selected")]
)
def test_links_to_nothing_show_the_page_without_a_selection(app_env, page, param):
    at = open_page(page, **{param: "ffffffff:1:2"})
    assert not at.exception
    assert not [h for h in at.subheader if h.value == "In context"]
