"""Actors at scale (issue 20): surnames resolve to one full name, titles are no part of a name,
diseases, time zones, products and the publisher are no actors."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from wirelens.extraction.actors import Candidate, find_candidates, resolve
from wirelens.extraction.lexicon import build_lexicon, read_lexicon_extras


def cand(text: str, label: str = "PERSON", start: int = 0) -> Candidate:
    return Candidate(start, start + len(text), text, label, 0, 1000)


def actors_of(mentions, lexicon) -> list[str | None]:
    cands, at = [], 0
    for text, label in mentions:
        cands.append(cand(text, label, at))
        at += len(text) + 1
    return [e.actor for e in resolve(cands, lexicon)]


@pytest.mark.parametrize(
    ("mentions", "expected"),
    [
        # within the article: a surname is the full name the article gives
        ([("Joe Biden", "PERSON"), ("Biden", "PERSON")], ["Joe Biden", "Joe Biden"]),
        ([("Jill Smith", "PERSON"), ("Smith", "ORG")], ["Jill Smith", "Jill Smith"]),  # the model unsure of surnames
        # titles say what a person is, not who
        ([("Joe Biden", "PERSON"), ("President Biden", "PERSON")], ["Joe Biden", "Joe Biden"]),
        ([("Mr Straw", "PERSON"), ("Jack Straw", "PERSON")], ["Jack Straw", "Jack Straw"]),
        # a middle initial is the same person
        (
            [("Donald J. Trump", "PERSON"), ("Donald Trump", "PERSON"), ("Trump", "PERSON")],
            ["Donald Trump", "Donald Trump", "Donald Trump"],
        ),
        # the article names no one so: the lexicon's one person with that surname
        ([("Biden", "PERSON")], ["Joe Biden"]),
        ([("Trump", "ORG")], ["Donald Trump"]),
        ([("Mr Blair", "PERSON")], ["Tony Blair"]),
        ([("Erdogan", "PERSON")], ["Recep Tayyip Erdoğan"]),  # accents aside
        # negatives: the article's own person wins; two known Clintons leave "Clinton" as written
        ([("Ivanka Trump", "PERSON"), ("Trump", "PERSON")], ["Ivanka Trump", "Ivanka Trump"]),
        ([("Clinton", "PERSON")], ["Clinton"]),
        ([("Smith", "PERSON")], ["Smith"]),
        ([("Trump Tower", "FAC")], [None]),  # no surname: a building
    ],
)
def test_surnames_resolve_to_one_full_name(lexicon, mentions, expected):
    assert actors_of(mentions, lexicon) == expected


@pytest.mark.parametrize(
    ("text", "label", "actor"),
    [
        ("COVID-19", "ORG", None),
        ("COVID-19", "PERSON", None),
        ("SARS-CoV-2", "ORG", None),
        ("the coronavirus", "ORG", None),
        ("Ebola", "PERSON", None),
        ("UTC", "ORG", None),
        ("WN", "ORG", None),
        ("Wikinews", "ORG", None),
        ("Firefox", "PRODUCT", None),  # a product is a thing
        ("Brexit", "EVENT", None),
        # negatives: organisations about diseases, and names the lexicon knows whatever the label
        ("Centers for Disease Control", "ORG", "Centers for Disease Control"),
        ("World Health Organization", "ORG", "World Health Organization"),
        ("Reuters", "PRODUCT", "Reuters"),
        ("Covington", "PERSON", "Covington"),
        # a mixed-script transcript: a name holding a word without capitals is the English model guessing
        ("COVID-19 से", "PERSON", None),
        ("किया है", "ORG", None),
        ("Narendra मोदी", "PERSON", None),
        # a person's name holding a disease; an organisation may ("White House Coronavirus Task Force")
        ("COVID Melbourne", "PERSON", None),
        ("White House Coronavirus Task Force", "ORG", "White House Coronavirus Task Force"),
        ("Zoë Ngô", "PERSON", "Zoë Ngô"),  # accents have capitals
        # software, protocols and laws are things; the company, the foundation, the party are actors
        ("Red Hat Enterprise Linux", "ORG", None),
        ("Minetest IRC", "ORG", None),
        ("DRM", "ORG", None),
        ("Digital Millennium Copyright Act", "ORG", None),
        ("Linux Foundation", "ORG", "Linux Foundation"),
        ("ACT Party", "ORG", "ACT Party"),
        ("Ολυμπιακός Πειραιά", "ORG", "Ολυμπιακός Πειραιά"),  # so has Greek
    ],
)
def test_diseases_time_zones_products_and_the_publisher_are_no_actors(lexicon, text, label, actor):
    (entity,) = resolve([cand(text, label)], lexicon)
    assert entity.actor == actor


@pytest.mark.parametrize(
    ("locative", "expected"),
    [(True, None), (False, "Make Melbourne")],  # "in Melbourne" is a place; "Melbourne said" reads as the person
)
def test_a_place_where_something_happens_is_no_surname(lexicon, locative, expected):
    cands = [cand("Make Melbourne", "PERSON", 0), Candidate(20, 29, "Melbourne", "GPE", 0, 1000, locative=locative)]
    assert [e.actor for e in resolve(cands, lexicon)] == ["Make Melbourne", expected]


def test_a_things_name_lends_nothing(lexicon):
    rhel = Candidate(0, 24, "Red Hat Enterprise Linux", "ORG", 0, 1000, defines="RHEL")
    cands = [rhel, cand("RHEL", "", 30), cand("Minetest IRC", "ORG", 40), cand("Minetest", "ORG", 60)]
    # "RHEL", defined by a product, is no entity; "Minetest" is not expanded to the chat channel
    assert [(e.text, e.actor) for e in resolve(cands, lexicon)] == [
        ("Red Hat Enterprise Linux", None),
        ("Minetest IRC", None),
        ("Minetest", "Minetest"),
    ]


def test_a_guessed_caseless_name_lends_no_surname(lexicon):
    mentions = [("दोगे या", "PERSON"), ("COVID-19 से", "PERSON"), ("से", "GPE"), ("Joe Biden", "PERSON")]
    assert actors_of(mentions, lexicon) == [None, None, None, "Joe Biden"]


def test_not_actor_words_and_titles_are_data(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text('titles = ["Comrade"]\n[[not_actor]]\nkind = "disease"\nwords = ["blight"]\n', encoding="utf-8")
    assert read_lexicon_extras(path) == (["Comrade"], {"blight": "disease"})
    lexicon = build_lexicon([path])
    assert lexicon.not_actor("Potato Blight") == "disease" and "Comrade" in lexicon.titles
    bad = tmp_path / "bad.toml"
    bad.write_text('[[not_actor]]\nwords = ["x"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match="bad.toml"):
        read_lexicon_extras(bad)


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def _doc(nlp, words, ent):
    spaces = [not (i + 1 < len(words) and (words[i + 1] in ").?" or words[i] == "(")) for i in range(len(words))]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, sent_starts=[True] + [False] * (len(words) - 1))
    i = words.index(ent)
    doc.ents = [doc.char_span(doc[i].idx, doc[i].idx + len(ent), label="ORG")]
    return doc


@pytest.mark.parametrize(
    ("words", "ent", "found"),
    [
        (["The", "launch", "is", "at", "10:00", "UTC", "."], "UTC", False),  # a time zone after a clock time
        (["(", "(", "WN", ")", ")", "How", "did", "you", "start", "?"], "WN", False),  # an interview turn label
        (["The", "UTC", "board", "met", "."], "UTC", True),
        (["(", "WN", ")", "said", "so", "."], "WN", True),
    ],
)
def test_names_that_name_no_one_in_the_story(blank, words, ent, found):
    doc = _doc(blank, words, ent)
    assert any(c.text == ent for c in find_candidates(doc)) is found


@pytest.mark.parametrize(
    ("words", "pos", "size", "found"),
    [
        (
            ["Regarding", "Ashodaya", ",", "it", "helps", "."],
            ["VERB", "PROPN", "PUNCT", "PRON", "VERB", "PUNCT"],
            2,
            "Ashodaya",
        ),
        (["Will", "Rocky", "Linux", "last", "?"], ["AUX", "PROPN", "PROPN", "VERB", "PUNCT"], 3, "Rocky Linux"),
        (["Will", "Smith", "said", "so", "."], ["PROPN", "PROPN", "VERB", "ADV", "PUNCT"], 2, "Will Smith"),  # a name
    ],
)
def test_a_persons_name_opens_with_no_verb_or_preposition(blank, words, pos, size, found):
    spaces = [i + 1 < len(words) and words[i + 1] not in ",.?" for i in range(len(words))]
    ents = ["B-PERSON"] + ["I-PERSON"] * (size - 1) + ["O"] * (len(words) - size)
    doc = Doc(
        blank.vocab, words=words, spaces=spaces, pos=pos, ents=ents, sent_starts=[True] + [False] * (len(words) - 1)
    )
    assert [c.text for c in find_candidates(doc) if c.label == "PERSON"] == [found]
