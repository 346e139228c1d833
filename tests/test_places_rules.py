"""Places: each detection rule of ``places/detect.py`` on its own (what it claims, what it passes on),
the rule table's order, and the vocabulary file ``vocab.toml``. Hand-built Docs: no model needed."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from wirelens.extraction.places import detect
from wirelens.extraction.places.detect import RULES, Chunk, Entity, read_chunk
from wirelens.extraction.places.names import split_names, without_possessive
from wirelens.extraction.places.vocab import VOCAB_PATH, Vocab, VocabError, landmarks, load_vocab
from wirelens.geo.gazetteer import CITY, CONTINENT, COUNTRY, REGION, Place, build

NLP = spacy.blank("en")


def _p(name: str, kind: str, cc: str, lat: float, lon: float, pop: int = 0) -> Place:
    return Place(None, name, lat, lon, cc, kind, pop)


GAZ = build(
    [
        (_p("Syria", COUNTRY, "SY", 35.0, 38.0, 22_000_000), []),
        (_p("Aleppo", CITY, "SY", 36.20, 37.16, 1_602_264), []),
        (_p("Hasakeh", REGION, "SY", 36.5, 40.75), []),
        (_p("Greece", COUNTRY, "GR", 39.0, 22.0, 10_700_000), []),
        (_p("Italy", COUNTRY, "IT", 42.83, 12.83, 60_000_000), []),
        (_p("United Arab Emirates", COUNTRY, "AE", 24.0, 54.0, 9_600_000), ["UAE"]),
        (_p("Egypt", COUNTRY, "EG", 27.0, 30.0, 100_000_000), []),
        (_p("Bosnia and Herzegovina", COUNTRY, "BA", 44.0, 18.0, 3_300_000), []),
        (_p("Serbia", COUNTRY, "RS", 44.0, 21.0, 7_000_000), []),
        (_p("United States", COUNTRY, "US", 39.76, -98.5, 327_000_000), ["US"]),
        (_p("Europe", CONTINENT, "", 48.69, 9.14, 741_000_000), ["EU"]),
        (_p("British Columbia", REGION, "CA", 53.99, -125.0), ["B.C."]),
        (_p("Edmonton", CITY, "CA", 53.55, -113.47, 1_000_000), []),
        (_p("Dewsbury", CITY, "GB", 53.69, -1.63, 61_035), []),
        (_p("Windsor", CITY, "GB", 51.48, -0.61, 32_000), []),
        (_p("Windsor", CITY, "CA", 42.30, -83.02, 278_000), []),
        (_p("Boa Vista", CITY, "BR", 2.82, -60.67, 419_652), []),
        (_p("Vista", CITY, "US", 33.20, -117.24, 101_659), []),
        (_p("Deir ez-Zor", CITY, "SY", 35.34, 40.14, 271_800), []),
        (_p("Vatican", COUNTRY, "VA", 41.90, 12.45, 921), ["Holy See"]),
    ]
)


def _doc(text: str, ents: dict[str, str]) -> Doc:
    """``text`` split on spaces (a word ending in "~" is glued to the next); ``ents``: "words" -> label."""
    pieces = text.split(" ")
    words = [w.removesuffix("~") for w in pieces]
    iob = ["O"] * len(words)
    for phrase, label in ents.items():
        n = len(phrase.split(" "))
        i = next(k for k in range(len(words)) if words[k : k + n] == phrase.split(" "))
        iob[i : i + n] = [f"B-{label}"] + [f"I-{label}"] * (n - 1)
    return Doc(
        NLP.vocab,
        words=words,
        spaces=[not w.endswith("~") for w in pieces],
        ents=iob,
        tags=["NNP" if w[:1].isupper() else "NN" for w in words],
    )


def _claimed(rule: detect.Rule, text: str, ents: dict[str, str], target: str) -> list[tuple[str, str, str]] | None:
    """What ``rule`` makes of the entity ``target`` of the Doc, as read_chunk would offer it."""
    doc = _doc(text, ents)
    chunk = Chunk(doc, 0, GAZ, split_names(doc, list(doc.ents), GAZ))
    [tagged] = [e for e in doc.ents if e.text == target]
    found = rule(Entity(tagged, without_possessive(tagged), tagged.label_), chunk)
    return None if found is None else [(t.text, t.name, t.label) for t in found]


# rule, text, entities, the entity offered, what the rule makes of it (None: passed on)
CASES = [
    (
        detect.split_name,
        "living in Boa Vista",
        {"Boa": "GPE", "Vista": "ORG"},
        "Boa",
        [("Boa Vista", "Boa Vista", "GAZ")],
    ),
    (detect.split_name, "living in Boa Vista", {"Boa": "GPE", "Vista": "ORG"}, "Vista", []),  # read with "Boa"
    (detect.split_name, "from Aleppo Vista", {"Aleppo": "GPE", "Vista": "ORG"}, "Aleppo", None),  # no name together
    (
        detect.glued_name,
        "bombed Deir ez~ -~ Zor again",
        {"Deir": "GPE"},
        "Deir",
        [("Deir ez-Zor", "Deir ez-Zor", "GPE")],
    ),
    (
        detect.glued_name,
        "bombed Deir ez~ -~ Zor again",
        {"Deir": "ORG"},
        "Deir",
        [("Deir ez-Zor", "Deir ez-Zor", "GAZ")],
    ),
    (
        detect.glued_name,
        "the Aleppo -~ Edmonton route",
        {"Aleppo": "GPE"},
        "Aleppo",
        None,
    ),  # a hyphen between two places
    (detect.glued_name, "bombed Deir ez~ -~ Zor again", {"Deir": "CARDINAL"}, "Deir", None),  # never a place
    (detect.feature_name, "at Windsor Castle today", {"Windsor": "GPE"}, "Windsor", []),
    (detect.feature_name, "at Windsor castle today", {"Windsor": "GPE"}, "Windsor", None),  # not a proper noun
    (detect.feature_name, "at Windsor Castle today", {"Windsor": "PERSON"}, "Windsor", None),  # not a place label
    (detect.place, "in northeast Syria today", {"Syria": "GPE"}, "Syria", [("northeast Syria", "Syria", "GPE")]),
    (detect.place, "shelled Aleppo", {"Aleppo": "NORP"}, "Aleppo", [("Aleppo", "Aleppo", "NORP")]),
    (detect.place, "in Hasakeh province", {"Hasakeh": "GPE"}, "Hasakeh", [("Hasakeh province", "Hasakeh", "GPE")]),
    (detect.place, "the Emirati handler", {"Emirati": "GPE"}, "Emirati", [("Emirati", "Emirati", "DEMONYM")]),
    (
        detect.place,
        "in Greece Italy or Spain",
        {"Greece Italy": "GPE"},
        "Greece Italy",
        [("Greece", "Greece", "GAZ"), ("Italy", "Italy", "GAZ")],
    ),
    (detect.place, "the Syrian army", {"Syrian": "NORP"}, "Syrian", None),  # a demonym: no place's name
    (detect.place, "Edmonton said", {"Edmonton": "ORG"}, "Edmonton", None),
    (detect.demonym, "the Syrian army", {"Syrian": "NORP"}, "Syrian", [("Syrian", "Syrian", "DEMONYM")]),
    (detect.demonym, "the Sunni army", {"Sunni": "NORP"}, "Sunni", None),  # no country's demonym
    (detect.demonym, "the Syrian Army", {"Syrian Army": "ORG"}, "Syrian Army", None),
    (
        detect.demonyms_inside,
        "a Bosnian Serb commander",
        {"Bosnian Serb": "NORP"},
        "Bosnian Serb",
        [("Bosnian", "Bosnian", "DEMONYM"), ("Serb", "Serb", "DEMONYM")],
    ),
    (
        detect.demonyms_inside,
        "paid 8,000 Egyptian pounds",
        {"8,000 Egyptian pounds": "MONEY"},
        "8,000 Egyptian pounds",
        [("Egyptian", "Egyptian", "DEMONYM")],
    ),
    (detect.demonyms_inside, "a Central American migrant", {"Central American": "NORP"}, "Central American", []),
    (detect.demonyms_inside, "the Syrian Army", {"Syrian Army": "ORG"}, "Syrian Army", None),
    (detect.mislabelled_place, "Edmonton said", {"Edmonton": "ORG"}, "Edmonton", [("Edmonton", "Edmonton", "GAZ")]),
    (
        detect.mislabelled_place,
        "relations with the Holy See",
        {"the Holy See": "ORG"},
        "the Holy See",
        [("the Holy See", "Holy See", "GPE")],
    ),
    (detect.mislabelled_place, "Dewsbury said", {"Dewsbury": "PERSON"}, "Dewsbury", None),  # no major city
    (detect.mislabelled_place, "the EU said", {"EU": "ORG"}, "EU", None),  # an acronym: an organisation first
    (detect.weak_place, "lived in Dewsbury", {"Dewsbury": "ORG"}, "Dewsbury", [("Dewsbury", "Dewsbury", "WEAK")]),
    (detect.weak_place, "lived in Dewsbury", {"Dewsbury": "GPE"}, "Dewsbury", None),  # a place label: the place rule's
    (detect.weak_place, "Edmonton said", {"Edmonton": "ORG"}, "Edmonton", None),  # a major city: not weak
    (detect.country_acronym, "the EU said", {"EU": "ORG"}, "EU", [("EU", "EU", "EMBEDDED")]),
    (detect.country_acronym, "US officials", {"US": "ORG"}, "US", [("US", "US", "EMBEDDED")]),
    (detect.country_acronym, "the UN said", {"UN": "ORG"}, "UN", None),  # no country's acronym
    (detect.dotted_abbreviation, "the BC office", {"BC": "ORG"}, "BC", [("BC", "B.C.", "EMBEDDED")]),
    (detect.dotted_abbreviation, "the AB office", {"AB": "ORG"}, "AB", None),  # no region's abbreviation
    (
        detect.names_inside_organisation,
        "watching CTV Edmonton",
        {"CTV Edmonton": "ORG"},
        "CTV Edmonton",
        [("Edmonton", "Edmonton", "EMBEDDED")],
    ),
    (
        detect.names_inside_organisation,
        "the Syrian Ministry of Defence",
        {"the Syrian Ministry of Defence": "ORG"},
        "the Syrian Ministry of Defence",
        [("Syrian", "Syrian", "DEMONYM")],
    ),
    (
        detect.names_inside_organisation,
        "the EU Aviation Agency",
        {"the EU Aviation Agency": "ORG"},
        "the EU Aviation Agency",
        [("EU", "EU", "EMBEDDED")],
    ),
    (detect.names_inside_organisation, "Acme Widgets said", {"Acme Widgets": "ORG"}, "Acme Widgets", []),
    (detect.names_inside_organisation, "Edmonton said", {"Edmonton": "PERSON"}, "Edmonton", None),
]


@pytest.mark.parametrize(
    ("rule", "text", "ents", "target", "expected"),
    CASES,
    ids=[f"{c[0].__name__}-{c[3]}-{'passes' if c[4] is None else 'claims'}" for c in CASES],
)
def test_each_rule_claims_its_case_and_passes_on_the_rest(rule, text, ents, target, expected):
    assert _claimed(rule, text, ents, target) == expected


def test_every_rule_has_a_test_that_it_claims_and_one_that_it_passes_on():
    claims = {c[0] for c in CASES if c[4] is not None}
    passes = {c[0] for c in CASES if c[4] is None}
    assert set(RULES) <= claims & passes


def test_every_rule_documents_an_example():
    for rule in RULES:
        assert rule.__doc__ and '"' in rule.__doc__, rule.__name__


@pytest.mark.parametrize(
    ("text", "ents", "expected"),
    [
        # the feature rule comes before the place rule: "Windsor" GPE before "Castle" is no place
        ("at Windsor Castle today", {"Windsor": "GPE"}, []),
        # the place rule comes before the mislabelled-place rule: a GPE is read as tagged
        ("in Edmonton today", {"Edmonton": "GPE"}, [("Edmonton", "Edmonton", "GPE")]),
        # the split name is read once, from its first half
        ("living in Boa Vista", {"Boa": "GPE", "Vista": "ORG"}, [("Boa Vista", "Boa Vista", "GAZ")]),
        # an entity no rule claims yields nothing, and its words are no untagged name either
        ("Edmonton Smith said", {"Edmonton Smith": "PERSON"}, []),
    ],
)
def test_the_first_rule_that_claims_an_entity_decides(text, ents, expected):
    assert [(t.text, t.name, t.label) for t in read_chunk(_doc(text, ents), 0, GAZ)] == expected


# --- the vocabulary file ------------------------------------------------------------------------


def test_the_vocabulary_file_loads():
    vocab = load_vocab()
    assert isinstance(vocab, Vocab)
    assert {"north", "northeastern", "downtown"} <= vocab.directions
    assert vocab.region_prefixes == vocab.directions | {"latin"}
    assert "castle" in vocab.feature_words and "valley" in vocab.generic
    assert vocab.prior[COUNTRY] == 8.5 and vocab.prior[REGION] == 6.0
    assert vocab.near_km == 400.0 and vocab.small_for_loc == 100_000
    assert vocab.part_of.fullmatch("the rebel-held east districts")
    assert vocab.relative.fullmatch(", some 35 km north of the ") and vocab.relative.fullmatch(" close to ")
    assert load_vocab() is vocab  # read once
    assert landmarks()["white house"] == ("Washington", "US")


def _edited(tmp_path: Path, old: str, new: str) -> Path:
    text = VOCAB_PATH.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "vocab.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "names"),
    [
        ('city = ["city", "town", "village"]', 'city = "city"', ["[words] city", "list"]),
        ('city = ["city", "town", "village"]', 'city = ["City", "town"]', ["[words] city", "'City'"]),
        ('city = ["city", "town", "village"]', "", ["[words] city"]),
        ("capital_bonus = 0.7", 'capital_bonus = "high"', ["[weights] capital_bonus", "'high'"]),
        ("weak_words = 3", "weak_words = 2.5", ["[limits] weak_words", "whole number"]),
        ("district = 3.5 }", "distrct = 3.5 }", ["[weights.prior] distrct"]),
        ("[relative]", "[relatives]", ["[relative]"]),
        ("near = 400.0", "near = ", ["cannot read"]),  # not TOML at all
    ],
)
def test_a_malformed_vocabulary_names_the_file_and_the_key(tmp_path, old, new, names):
    path = _edited(tmp_path, old, new)
    with pytest.raises(VocabError) as error:
        load_vocab(path)
    message = str(error.value)
    assert str(path) in message
    for name in names:
        assert name in message


def test_a_malformed_landmark_names_the_file_and_the_landmark(tmp_path):
    path = tmp_path / "landmarks.toml"
    path.write_text('[landmarks]\n"Oval Office" = { town = "Washington" }\n', encoding="utf-8")
    with pytest.raises(VocabError, match="Oval Office"):
        landmarks(path)
