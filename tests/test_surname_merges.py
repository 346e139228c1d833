"""A lone surname across the corpus: merged into the one person the corpus names by it, or left alone."""

from __future__ import annotations

import datetime as dt

import pytest

from wirelens.extraction.articles import make_article
from wirelens.extraction.pipeline import Extraction
from wirelens.extraction.records import Entity
from wirelens.store.database import Store


def _article(store: Store, title: str, *names: str) -> None:
    """One article naming each of ``names`` once, as a person."""
    text = ". ".join(f"{n} spoke" for n in names) + f". {title}."  # the title too: one id per article
    entities, at = [], 0
    for name in names:
        entities.append(Entity(at, at + len(name), name, "PERSON", name, "person", 0, len(text)))
        at += len(name) + len(" spoke. ")
    article = make_article(text, title=title, date=dt.date(2020, 1, 1))
    store.add(Extraction(article=article, sentences=[], entities=entities, layers={}))


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "names.duckdb") as store:
        for n in range(4):
            _article(store, f"full {n}", "Joe Biden", "Donald Trump", "Kamala Harris")
        _article(store, "hunter", "Hunter Biden", "Mary Trump", "Donald Trump")
        _article(store, "lone", "Biden", "Trump", "Harris", "Hunter", "Smith")
        store.merge_lone_surnames()
        yield store


def _actors(store: Store) -> dict[str, int]:
    frame = store.top_actors(limit=100)
    return dict(zip(frame["actor"], frame["mentions"]))


def test_a_lone_surname_joins_the_corpus_s_dominant_person_of_that_name(store):
    actors = _actors(store)
    assert "Biden" not in actors and actors["Joe Biden"] == 5  # Hunter Biden (1) does not make it ambiguous
    assert "Trump" not in actors and actors["Donald Trump"] == 6  # nor Mary Trump
    assert actors["Hunter Biden"] == 1 and actors["Mary Trump"] == 1


@pytest.mark.parametrize(
    "name",
    [
        "Hunter",  # the first name of someone in the corpus: not a surname for sure
        "Smith",  # nobody of that surname
    ],
)
def test_a_surname_with_no_clear_owner_stays_itself(store, name):
    assert _actors(store)[name] == 1


def test_two_namesakes_of_comparable_weight_leave_the_surname_alone(tmp_path):
    with Store(tmp_path / "namesakes.duckdb") as store:
        for n in range(2):
            _article(store, f"a {n}", "Ali Khan", "Imran Khan")
        _article(store, "lone", "Khan")
        assert store.merge_lone_surnames() == 0
        assert _actors(store)["Khan"] == 1


def test_a_researcher_s_rename_wins_and_follows_the_full_name(store):
    store.rename_actor("Joe Biden", "Joseph R. Biden")
    actors = _actors(store)
    assert actors["Joseph R. Biden"] == 5  # the lone "Biden" follows its full name's rename
    store.rename_actor("Harris", "Kamala D. Harris")  # the researcher's own word on the lone name
    store.merge_lone_surnames()
    actors = _actors(store)
    assert actors["Kamala D. Harris"] == 1 and actors["Kamala Harris"] == 4


def test_ingest_merges_and_every_view_reads_it(store):
    assert {"Biden", "Trump", "Harris"} == set(store.query("SELECT old FROM surname_merges")["old"])
    with store._con.cursor() as cur:  # the extracted rows are untouched underneath
        assert cur.execute("SELECT count(*) FROM entities WHERE actor = 'Biden'").fetchone()[0] == 1
