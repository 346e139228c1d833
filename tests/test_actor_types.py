"""One table of actor types: the lexicons, the colours and the reader's badges all follow it."""

from __future__ import annotations

import pytest

from wirelens.dashboard.figures import ACTOR_TYPE_COLOURS
from wirelens.dashboard.markdown import TYPE_COLOURS
from wirelens.dashboard.timeline import TYPE_ORDER
from wirelens.extraction.actor_types import ACTOR_TYPES, actor_types


def test_every_view_colours_exactly_the_table_s_types():
    assert set(ACTOR_TYPE_COLOURS) == set(ACTOR_TYPES) == set(TYPE_COLOURS) - {None}
    assert TYPE_ORDER[: len(ACTOR_TYPES)] == ACTOR_TYPES
    assert len(set(ACTOR_TYPE_COLOURS.values())) == len(ACTOR_TYPES)  # no two types share a colour


def test_every_shipped_lexicon_entry_has_a_type_of_the_table(lexicon):
    assert {entry.type for entry in lexicon.entries.values()} <= set(ACTOR_TYPES)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('[[type]]\nname = "person"\ncolour = "#000000"\n', "lacks 'badge'"),
        ('[[type]]\nname = "person"\ncolour = "#000000"\nbadge = "pink"\n', "badge 'pink' is not one of"),
        (
            '[[type]]\nname = "a"\ncolour = "#0"\nbadge = "red"\n[[type]]\nname = "a"\ncolour = "#1"\nbadge = "red"\n',
            "listed twice",
        ),
    ],
)
def test_a_bad_table_names_the_file_and_the_entry(tmp_path, table, message):
    path = tmp_path / "actor_types.toml"
    path.write_text(table, encoding="utf-8")
    with pytest.raises(ValueError, match=message) as info:
        actor_types(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Twitter", "platform"),
        ("Facebook", "platform"),
        ("YouTube", "platform"),
        ("WhatsApp", "platform"),
        ("iPhone", "product"),
        ("iPhone 11", "product"),  # a model number aside
        ("COVID-19", "disease"),
        ("the novel coronavirus", "disease"),
    ],
)
def test_platforms_products_and_diseases_are_never_actors(lexicon, name, kind):
    assert lexicon.not_actor(name) == kind


@pytest.mark.parametrize(
    "name",
    ["Jack Dorsey", "Apple", "Facebook Oversight Board", "Twitter Inc", "The Daily Telegraph", "Mark Zuckerberg"],
)
def test_the_people_and_companies_around_them_stay_actors(lexicon, name):
    assert lexicon.not_actor(name) is None


def test_a_platform_named_in_a_story_is_no_actor_but_its_people_are(extractor):
    from wirelens.extraction.articles import make_article

    text = (
        "Twitter suspended the account of Donald Trump, the company said. Jack Dorsey, chief executive "
        "of Twitter, said the ban was right. The video was shared on WhatsApp and YouTube. COVID-19 "
        "killed 300 people, and the coronavirus spread to Iran, said Hassan Rouhani."
    )
    actors = {(e.actor, e.actor_type) for e in extractor.extract_one(make_article(text, title="Ban")).actors}
    named = {actor for actor, _ in actors}
    assert not named & {"Twitter", "WhatsApp", "YouTube", "COVID-19", "coronavirus"}
    assert {("Jack Dorsey", "person"), ("Donald Trump", "person"), ("Hassan Rouhani", "person")} <= actors
