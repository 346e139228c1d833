"""Corrections through the dashboard: made on one page, shown on every page, undone on the Corrections page."""

from __future__ import annotations

from pathlib import Path

import pytest

from page_runner import open_page
from wirelens.store.database import Store

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture()
def app_env(tmp_path, monkeypatch):
    monkeypatch.setenv("WIRELENS_DB", str(tmp_path / "app.duckdb"))
    monkeypatch.chdir(REPO)
    return tmp_path / "app.duckdb"


def _submit(at, form: str):
    (button,) = [b for b in at.get("form_submit_button") if b.form_id == form]
    return button.click().run()


def test_merge_from_the_corrections_page_shows_everywhere_and_undoes(app_env):
    at = open_page("corrections.py")
    assert at.info  # nothing corrected yet, and the page says where to correct what
    at.selectbox(key="corrections_rename_old").set_value("Rebels")
    at.selectbox(key="corrections_rename_into").set_value("Jihadists")
    at.text_input(key="corrections_rename_note").input("same fighters in this story")
    _submit(at, "corrections_rename")
    assert not at.exception, [e.value for e in at.exception]
    assert any("Rebels" in m.value and "Jihadists" in m.value for m in at.markdown)  # the list of corrections

    overview = open_page()
    assert "Rebels" not in overview.sidebar.multiselect(key="actors").options
    network = open_page("network.py")
    assert not network.exception

    at = open_page("corrections.py")
    (undo,) = [b for b in at.button if (b.key or "").startswith("corrections_list_undo_")]
    undo.click().run()
    assert not at.exception and at.info
    assert "Rebels" in open_page().sidebar.multiselect(key="actors").options


def test_renaming_to_a_new_name_is_a_rename(app_env):
    at = open_page("corrections.py")
    at.selectbox(key="corrections_rename_old").set_value("John Kerry")
    at.text_input(key="corrections_rename_new").input("Secretary of State John Kerry")
    _submit(at, "corrections_rename")
    assert not at.exception
    with Store(app_env) as store:  # the app holds it open in this process
        assert [(c.old, c.new) for c in store.corrections()] == [("John Kerry", "Secretary of State John Kerry")]
        assert "Secretary of State John Kerry" in set(store.quotes()["speaker"])


@pytest.mark.parametrize("into, new", [(None, ""), ("Russia", "Moscow government")])
def test_a_rename_needs_exactly_one_target(app_env, into, new):
    at = open_page("corrections.py")
    at.selectbox(key="corrections_rename_old").set_value("John Kerry")
    at.selectbox(key="corrections_rename_into").set_value(into)
    at.text_input(key="corrections_rename_new").input(new)
    _submit(at, "corrections_rename")
    assert at.error and "Choose" in at.error[0].value
    with Store(app_env) as store:  # the app holds it open in this process
        assert store.corrections() == []


def test_moving_a_place_from_the_map(app_env):
    at = open_page("map.py")
    label = next(o for o in at.selectbox(key="map_place").options if o.startswith("Damascus"))
    at.selectbox(key="map_place").set_value(label).run()
    search = next(t for t in at.text_input if (t.key or "").startswith("map_move_") and t.key.endswith("_search"))
    assert search.value == "Damascus"
    candidates = next(s for s in at.selectbox if (s.key or "").endswith("_candidate"))
    assert candidates.options, "the gazetteer knows Damascus"
    lat = next(n for n in at.number_input if "_lat_" in (n.key or ""))
    lon = next(n for n in at.number_input if "_lon_" in (n.key or ""))
    lat.set_value(33.6)
    lon.set_value(36.4)
    next(b for b in at.get("form_submit_button") if "Move" in b.label).click().run()
    assert not at.exception, [e.value for e in at.exception]
    with Store(app_env) as store:  # the app holds it open in this process
        damascus = store.places().query("text == 'Damascus'")
        assert damascus[["lat", "lon"]].drop_duplicates().values.tolist() == [[33.6, 36.4]]
        embassy = store.events().query("place == 'Damascus'")
        assert not embassy.empty and set(embassy["lat"]) == {33.6}


def test_every_page_offers_downloads(app_env):
    for page in ("overview.py", "map.py", "events.py", "network.py", "quotes.py", "reader.py"):
        at = open_page(page if page != "overview.py" else None)
        keys = {b.key for b in at.get("download_button")}
        assert any(k.endswith("_csv") for k in keys) and any(k.endswith("_jsonl") for k in keys), (page, keys)
        if page in ("map.py", "events.py"):
            assert any(k.endswith("_geojson") for k in keys), page
    assert "overview_zip" in {b.key for b in open_page().get("download_button")}


@pytest.mark.parametrize(
    ("query", "limit", "expected"),
    [
        ("", 2, ["Bashar al-Assad", "Rebels"]),  # no query: the most mentioned, in order
        ("reb", 5, ["Rebels", "Syrian rebels"]),  # a name starting with it comes first
        ("ASSAD", 5, ["Bashar al-Assad"]),  # case does not matter
        ("  kerry ", 5, ["John Kerry"]),
        ("nobody", 5, []),
        ("e", 1, ["Rebels"]),  # the limit holds after the starts-with ordering
    ],
)
def test_actor_pickers_list_the_best_matches_of_a_search(query, limit, expected):
    from wirelens.dashboard.pickers import matching_names

    names = ["Bashar al-Assad", "Rebels", "Syrian rebels", "John Kerry"]
    assert matching_names(names, query, limit) == expected


def test_the_find_box_narrows_the_actor_pickers(app_env):
    at = open_page("corrections.py")
    every = at.selectbox(key="corrections_rename_old").options
    at.text_input(key="corrections_rename_find").input("kerry").run()
    narrowed = at.selectbox(key="corrections_rename_old").options
    assert narrowed == [n for n in every if "kerry" in n.lower()] and narrowed


@pytest.mark.parametrize(
    ("options", "current", "expected"),
    [
        (["a", "b", "c", "d"], None, ["a", "b"]),
        (["a", "b", "c", "d"], "d", ["a", "b", "d"]),  # picked elsewhere (a click, a link): kept
        (["a", "b", "c", "d"], "b", ["a", "b"]),
        (["a", "b", "c", "d"], "zz", ["a", "b"]),  # a stale pick is not an option
    ],
)
def test_a_shortlist_keeps_the_current_pick(options, current, expected):
    from wirelens.dashboard.pickers import shortlist

    assert shortlist(options, current, 2) == expected
