"""A one-word name the NER tags PERSON is a person only when something reads as one (issue 20:
"Brexit" and COVID-19 were typed as persons): a title, a verb only people do, an apposition.
Names of things, events and platforms are no actors; real people named like things stay persons."""

from __future__ import annotations

import pytest

from wirelens.extraction.actors import Candidate, resolve


def cand(text: str, evidence: bool | None, start: int = 0, before: str = "") -> Candidate:
    return Candidate(start, start + len(text), text, "PERSON", 0, 1000, person_evidence=evidence, before=before)


def actors_of(cands, lexicon) -> list[tuple[str | None, str | None]]:
    return [(e.actor, e.actor_type) for e in resolve(cands, lexicon)]


@pytest.mark.parametrize(
    ("mentions", "expected"),
    [
        # nothing reads as a person: no actor
        ([("Fedora", False, "")], [(None, None)]),
        ([("Minetest", False, ""), ("Minetest", False, "")], [(None, None), (None, None)]),
        ([("हैं", True, "")], [(None, None)]),  # a script without capitals: the model guessing
        ([("जैसे कि", True, "")], [(None, None)]),  # however many words
        ([("दोगे या", True, ""), ("या", True, "")], [(None, None), (None, None)]),  # nor lends its surname
        # negatives: one mention that reads as a person's proves the name for all of them
        ([("Spanton", True, "")], [("Spanton", "person")]),  # "Spanton said"
        ([("Spanton", False, ""), ("Spanton", True, "")], [("Spanton", "person"), ("Spanton", "person")]),
        ([("Spanton", False, "Mr")], [("Spanton", "person")]),  # a title before it
        ([("Mr Spanton", False, "")], [("Spanton", "person")]),  # a title inside it
        ([("Apple Martin", False, "")], [("Apple Martin", "person")]),  # a full name needs no more
        ([("Spanton", None, "")], [("Spanton", "person")]),  # not parsed: the label stands
        ([("Mugabe", False, "")], [("Robert Mugabe", "person")]),  # the lexicon knows him
    ],
)
def test_a_one_word_person_needs_evidence(lexicon, mentions, expected):
    cands, at = [], 0
    for text, evidence, before in mentions:
        cands.append(cand(text, evidence, at, before))
        at += len(text) + 1
    assert actors_of(cands, lexicon) == expected


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Brexit will hurt the economy, economists warned. After Brexit, trade fell.", "Brexit"),
        ("Fedora 31 was released on Tuesday. Fedora ships with GNOME.", "Fedora"),
        ("COVID-19 killed 300 people in Italy.", "COVID-19"),
        ("The video was shared on WhatsApp.", "WhatsApp"),
    ],
)
def test_things_events_and_platforms_are_no_actors(extractor, text, name):
    from wirelens.extraction.articles import make_article

    actors = extractor.extract_one(make_article(text, title="T")).actors
    assert name not in {e.actor for e in actors}


@pytest.mark.parametrize(
    ("text", "name", "actor"),
    [
        ("Mugabe said the vote was fair.", "Mugabe", "Robert Mugabe"),
        ("Nigel Farage, dubbed Mr Brexit, said the vote was a triumph.", "Nigel Farage", "Nigel Farage"),
        ("Apple Martin said she was proud of her mother.", "Apple Martin", "Apple Martin"),
    ],
)
def test_people_stay_persons(extractor, text, name, actor):
    from wirelens.extraction.articles import make_article

    actors = {(e.text, e.actor, e.actor_type) for e in extractor.extract_one(make_article(text, title="T")).actors}
    assert (name, actor, "person") in actors
