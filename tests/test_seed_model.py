"""The few tests that need the real model: what the seed article must yield."""

from __future__ import annotations

from collections import defaultdict

import pytest

from wirelens.extraction.pipeline import Extraction


@pytest.fixture(scope="module")
def seed(extractor, seed_article) -> Extraction:
    return extractor.extract_one(seed_article)


@pytest.fixture(scope="module")
def surfaces(seed) -> dict[str, set[str]]:
    """canonical actor -> the surface forms that resolved to it"""
    out: dict[str, set[str]] = defaultdict(set)
    for e in seed.actors:
        out[e.actor].add(e.text)
    return out


EXPECTED_ACTORS = {
    "John Kerry": "person",
    "Sergei Lavrov": "person",
    "Josh Earnest": "person",
    "Bashar al-Assad": "person",
    "Zeid Ra'ad Al Hussein": "person",
    "Rami Abdel Rahman": "person",
    "Walid Mohammad": "person",
    "Syrian Observatory for Human Rights": "organisation",
    "Islamic State": "armed group",
    "United Nations": "organisation",
    "Russia": "state",
    "United States": "state",
    "Syrian government forces": "armed group",
    "Rebels": "armed group",
}


@pytest.mark.parametrize(("actor", "actor_type"), EXPECTED_ACTORS.items())
def test_seed_actors(seed, actor, actor_type):
    types = {e.actor_type for e in seed.actors if e.actor == actor}
    assert types == {actor_type}


@pytest.mark.parametrize(
    ("actor", "aliases"),
    [
        ("John Kerry", {"John Kerry", "Kerry"}),
        ("Sergei Lavrov", {"Sergei Lavrov", "Lavrov"}),  # "Lavrov" is tagged ORG by the small model
        ("Bashar al-Assad", {"Bashar al-Assad’s"}),
        ("United States", {"the United States", "US", "Washington", "White House"}),
        ("Russia", {"Russia", "Moscow"}),
        ("Islamic State", {"The Islamic State", "IS"}),
        ("Syrian government forces", {"Syrian regime forces", "Syrian army", "loyalist fighters", "regime forces"}),
        ("Rebels", {"rebels", "rebel groups", "opposition", "rebel"}),
        ("United Nations", {"UN"}),
    ],
)
def test_seed_aliases_merge(surfaces, actor, aliases):
    assert aliases <= surfaces[actor]


@pytest.mark.parametrize("not_an_actor", ["Aleppo", "Hasakeh", "Damascus", "State", "The Hague", "Tuesday"])
def test_places_and_noise_are_not_actors(seed, not_an_actor):
    assert not any(e.text == not_an_actor or e.actor == not_an_actor for e in seed.actors)


def test_damascus_as_a_place_is_not_russia_or_syria(seed):
    (damascus,) = [e for e in seed.entities if e.text == "Damascus"]
    assert damascus.actor is None


def test_every_offset_indexes_the_cleaned_text(seed):
    text = seed.article.text
    assert seed.entities
    for e in seed.entities:
        assert text[e.start : e.end] == e.text
        assert e.sent_start <= e.start < e.end <= e.sent_end
    for s in seed.sentences:
        assert text[s.start : s.end].strip()
    assert [s.start for s in seed.sentences] == sorted(s.start for s in seed.sentences)


def test_model_excludes_unused_components(extractor):
    assert "senter" not in extractor.nlp.component_names
    assert {"ner", "parser"} <= set(extractor.nlp.pipe_names)
