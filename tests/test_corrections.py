"""Corrections: stored apart from the extracted rows, applied by every query and export."""

from __future__ import annotations

import json

import duckdb
import pytest

from wirelens.store.corrections import CorrectionError
from wirelens.store.database import Filters, Store


@pytest.fixture(scope="module")
def seed_extraction(extractor, seed_article):
    return extractor.extract_one(seed_article)


@pytest.fixture()
def seeded(tmp_path, seed_extraction):
    with Store(tmp_path / "corpus.duckdb") as store:
        store.add(seed_extraction)
        yield store


def actors(store: Store) -> dict[str, int]:
    return dict(zip(store.top_actors(limit=100)["actor"], store.top_actors(limit=100)["mentions"]))


def edges(store: Store) -> set[tuple[str, str]]:
    frame = store.interactions()
    return set(zip(frame["source"], frame["target"]))


def test_rename_shows_the_new_name_everywhere(seeded):
    seeded.rename_actor("John Kerry", "Secretary Kerry")
    assert "John Kerry" not in actors(seeded) and actors(seeded)["Secretary Kerry"] == 3
    assert "Secretary Kerry" in set(seeded.quotes()["speaker"])
    assert ("Secretary Kerry", "Russia") in edges(seeded)
    assert "Secretary Kerry" in seeded.actor_names()
    assert not seeded.articles(Filters(actors=("Secretary Kerry",))).empty
    assert seeded.articles(Filters(actors=("John Kerry",))).empty


def test_merge_adds_mentions_and_drops_edges_inside_the_merged_actor(seeded):
    before = actors(seeded)
    assert ("Syrian government forces", "Rebels") in edges(seeded)
    seeded.rename_actor("Rebels", "Syrian government forces")
    after = actors(seeded)
    assert after["Syrian government forces"] == before["Syrian government forces"] + before["Rebels"]
    assert "Rebels" not in after
    assert all(s != t for s, t in edges(seeded))  # no self-loop left by the merge
    events = seeded.events()
    battle = events[events["sub_type"] == "Armed clash"].iloc[0]
    assert battle["actor1"] == battle["actor2"] == "Syrian government forces"
    assert list(battle["actors"]) == ["Syrian government forces"]  # one actor, listed once


def test_event_actors_keep_their_order_after_a_rename(seeded):
    seeded.rename_actor("Rebels", "Opposition fighters")
    battle = seeded.events().query("sub_type == 'Armed clash'").iloc[0]
    assert list(battle["actors"]) == ["Syrian government forces", "Opposition fighters"]
    assert battle["actor2"] == "Opposition fighters"
    assert not seeded.events(actor="Opposition fighters").empty and seeded.events(actor="Rebels").empty


@pytest.mark.parametrize(
    "steps, expected",
    [
        # A chain resolves in one step.
        ([("Sergei Lavrov", "Lavrov"), ("Lavrov", "S. Lavrov")], {"Sergei Lavrov": "S. Lavrov", "Lavrov": "S. Lavrov"}),
        ([("Rebels", "Jihadists"), ("Jihadists", "Rebels")], {"Jihadists": "Rebels"}),  # renaming back
        ([("AFP", "SANA"), ("AFP", "Reuters")], {"AFP": "Reuters"}),  # the later correction wins
    ],
)
def test_renames_stay_flat(seeded, steps, expected):
    for old, new in steps:
        seeded.rename_actor(old, new)
    assert {c.old: c.new for c in seeded.corrections()} == expected
    names = set(actors(seeded))
    assert not names & set(expected) and set(expected.values()) <= names


@pytest.mark.parametrize(
    "old, new, message",
    [("John Kerry", "John Kerry", "already"), ("John Kerry", "  ", "empty"), ("", "X", "empty")],
)
def test_bad_renames_are_refused(seeded, old, new, message):
    with pytest.raises(CorrectionError, match=message):
        seeded.rename_actor(old, new)
    assert seeded.corrections() == []


def test_moving_a_place_moves_its_mentions_and_its_events(seeded):
    hasakeh = seeded.places().query("text == 'Hasakeh city'").iloc[0]
    province = seeded.places().query("text == 'Hasakeh province'").iloc[0][["lat", "lon"]].tolist()
    seeded.move_place(
        hasakeh["name"],
        hasakeh["lat"],
        hasakeh["lon"],
        new_name="Hasakeh",
        new_lat=36.5,
        new_lon=40.75,
        country_code="SY",
    )
    moved = seeded.places().query("text == 'Hasakeh city'").iloc[0]
    assert (moved["name"], moved["lat"], moved["lon"]) == ("Hasakeh", 36.5, 40.75)
    wedding = seeded.events().query("sub_type == 'Suicide bomb'").iloc[0]
    assert (wedding["place"], wedding["lat"], wedding["lon"]) == ("Hasakeh", 36.5, 40.75)
    # The province has another position under a similar name: it stays where it was.
    assert seeded.places().query("text == 'Hasakeh province'").iloc[0][["lat", "lon"]].tolist() == province


def test_moving_a_moved_place_again_replaces_the_first_move(seeded):
    damascus = seeded.places().query("name == 'Damascus'").iloc[0]
    seeded.move_place("Damascus", damascus["lat"], damascus["lon"], new_name="Damascus", new_lat=1.0, new_lon=2.0)
    seeded.move_place("Damascus", 1.0, 2.0, new_name="Damascus", new_lat=33.5, new_lon=36.3)
    assert len(seeded.corrections()) == 1
    assert seeded.places().query("name == 'Damascus'")[["lat", "lon"]].drop_duplicates().values.tolist() == [
        [33.5, 36.3]
    ]


@pytest.mark.parametrize("lat, lon", [(91, 0), (0, 181), (-90.5, 10)])
def test_positions_off_the_earth_are_refused(seeded, lat, lon):
    with pytest.raises(CorrectionError, match="not a position"):
        seeded.move_place("Damascus", 33.5102, 36.29128, new_name="", new_lat=lat, new_lon=lon)


@pytest.mark.parametrize("kind, query", [("quote", "quotes"), ("event", "events")])
def test_dismissed_records_disappear_and_come_back_on_undo(seeded, kind, query):
    rows = getattr(seeded, query)()
    first = rows.iloc[0]
    seeded.dismiss(kind, first["article_id"], first["start"], first["end"], note="wrong")
    after = getattr(seeded, query)()
    assert len(after) == len(rows) - 1
    assert not ((after["start"] == first["start"]) & (after["end"] == first["end"])).any()
    [correction] = seeded.corrections()
    assert (correction.kind, correction.note) == (f"dismiss_{kind}", "wrong")
    assert seeded.undo_correction(correction.id)
    assert len(getattr(seeded, query)()) == len(rows)
    assert not seeded.undo_correction(correction.id)  # already undone


def test_only_quotes_and_events_can_be_dismissed(seeded):
    with pytest.raises(CorrectionError, match="place"):
        seeded.dismiss("place", "x", 0, 1)


def test_corrections_survive_a_restart_and_a_re_extraction(tmp_path, seed_extraction):
    path = tmp_path / "corpus.duckdb"
    with Store(path) as store:
        store.add(seed_extraction)
        store.rename_actor("John Kerry", "Secretary Kerry")
    with Store(path) as store:
        store.add(seed_extraction, replace=True)  # extracted rows rewritten, corrections kept
        assert "Secretary Kerry" in actors(store)
    with Store(path, read_only=True) as store:
        assert "Secretary Kerry" in actors(store)


def test_export_writes_corrected_rows_and_the_corrections(seeded, tmp_path):
    seeded.rename_actor("John Kerry", "Secretary Kerry")
    quote = seeded.quotes().iloc[0]
    seeded.dismiss("quote", quote["article_id"], quote["start"], quote["end"])
    seeded.export(tmp_path / "out", "jsonl")
    quotes = [json.loads(line) for line in (tmp_path / "out" / "quotes.jsonl").read_text().splitlines()]
    assert len(quotes) == len(seeded.quotes())
    assert "Secretary Kerry" in {q["speaker"] for q in quotes} and "John Kerry" not in {q["speaker"] for q in quotes}
    log = [json.loads(line) for line in (tmp_path / "out" / "corrections.jsonl").read_text().splitlines()]
    assert [c["kind"] for c in log] == ["rename_actor", "dismiss_quote"]


def test_a_read_only_store_from_before_corrections_is_brought_up_to_date(tmp_path, seed_extraction):
    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        store.add(seed_extraction)
    con = duckdb.connect(str(path))  # take the store back to what session-1 versions wrote
    for view in (
        "actors",
        "entities_corrected",
        "places_corrected",
        "quotes_corrected",
        "events_corrected",
        "interactions_corrected",
        "actor_renames",
        "place_moves",
    ):
        con.execute(f"DROP VIEW {view}")
    con.execute("DROP TABLE corrections")
    con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")  # what they all recorded
    con.close()
    with Store(path, read_only=True) as store:
        assert store.corrections() == []
        assert actors(store)["John Kerry"] == 3
