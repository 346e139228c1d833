"""Places: what is *not* a place here — people's surnames, counties the gazetteer lacks, features named
after a place, demonyms of larger regions, and small towns far from everything else the article names."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from wirelens.extraction.actors import Entity
from wirelens.extraction.articles import Article
from wirelens.extraction.layer import ArticleContext, Sentence
from wirelens.extraction.places.layer import PlacesLayer
from wirelens.extraction.places.resolve import resolve_places
from wirelens.extraction.places.toponym import Toponym
from wirelens.geo.gazetteer import CITY, CONTINENT, COUNTRY, REGION, Place, build

NLP = spacy.blank("en")


def _p(name: str, kind: str, cc: str, lat: float, lon: float, pop: int = 0) -> Place:
    return Place(None, name, lat, lon, cc, kind, pop)


GAZ = build(
    [
        (_p("Sala", CITY, "IT", 40.38, 15.60, 12_000), ["Salah"]),
        (_p("Freeland", CITY, "US", 41.02, -75.90, 2_000), []),
        (_p("Karak", CITY, "JO", 31.18, 35.70, 60_000), []),
        (_p("Jordan", COUNTRY, "JO", 31.0, 36.0, 9_000_000), []),
        (_p("Metcalfe", CITY, "CA", 45.23, -75.47, 1_700), []),
        (_p("Pest County", REGION, "HU", 47.45, 19.30), ["Pest"]),
        (_p("Suffolk", REGION, "GB", 52.19, 1.00), []),
        (_p("Suffolk", CITY, "US", 36.73, -76.58, 84_000), []),
        (_p("Hasakeh", CITY, "SY", 36.50, 40.75, 422_445), []),
        (_p("Hasakeh", REGION, "SY", 36.44, 40.58), []),
        (_p("Windsor", CITY, "GB", 51.48, -0.61, 150_000), []),
        (_p("France", COUNTRY, "FR", 46.0, 2.0, 66_000_000), []),
        (_p("Aleppo", CITY, "SY", 36.20, 37.16, 2_098_210), []),
        (_p("United States", COUNTRY, "US", 38.0, -97.0, 327_167_434), ["US", "America"]),
        (_p("North America", CONTINENT, "", 46.07, -100.55, 500_000_000), []),
        (_p("Russia", COUNTRY, "RU", 60.0, 100.0, 144_478_050), []),
        (_p("Boston", CITY, "US", 42.36, -71.06, 667_137), []),
        (_p("Chicago", CITY, "US", 41.85, -87.65, 2_720_546), []),
        (_p("Wing", CITY, "GB", 51.90, -0.72, 2_700), []),
        (_p("Geneva", CITY, "CH", 46.20, 6.14, 201_741), []),
        (_p("Kennebunk", CITY, "US", 43.38, -70.54, 11_000), []),
        (_p("South Bend", CITY, "US", 41.68, -86.25, 101_516), ["Southold"]),
        (_p("Southold", CITY, "US", 41.06, -72.43, 5_748), []),
        # Landmarks: the town's namesakes, and a big city that has a landmark's name as an alternate name.
        (_p("Casablanca", CITY, "MA", 33.59, -7.62, 3_665_954), ["White House"]),
        (_p("White House", CITY, "US", 36.47, -86.65, 12_000), []),
        (_p("Washington", CITY, "US", 38.90, -77.04, 689_545), []),
        (_p("Washington", REGION, "US", 47.50, -120.50), []),
        (_p("Moscow", CITY, "RU", 55.75, 37.62, 10_381_222), []),
        (_p("Moscow", CITY, "US", 46.73, -117.00, 25_000), []),
        (_p("West Bank", REGION, "PS", 31.67, 35.25), []),
        (_p("Bānk", CITY, "IN", 30.00, 76.00, 18_534), ["Bank"]),
        (_p("South East", REGION, "BW", -25.00, 25.80), []),
    ]
)
LAYER = PlacesLayer(GAZ)


def _doc(words, ents=None, tags=None, spaces=None) -> Doc:
    return Doc(NLP.vocab, words=words, spaces=spaces, ents=ents, tags=tags)


def _found(doc: Doc) -> list[tuple[str, str]]:
    return [(t.text, t.label) for t in LAYER.read_chunk(doc, 0)]


def _t(
    text: str, start: int, label: str = "GPE", hint: str | None = None, locative: bool = False, name: str | None = None
) -> Toponym:
    return Toponym(start, start + len(text), text, name or text, label, hint, 0, 500, locative)


def _context(text: str, people: tuple[str, ...] = ()) -> ArticleContext:
    entities = []
    for person in people:
        start = text.index(person)
        entities.append(Entity(start, start + len(person), person, "PERSON", None, None, 0, len(text)))
    return ArticleContext(Article("a1", "t", text), [Sentence(0, len(text))], entities)


# --- a person's surname is no place ------------------------------------------------------------


@pytest.mark.parametrize(
    ("person", "toponym", "kept"),
    [
        ("Mohamed Salah", _t("Salah", 40), False),  # "the next Salah"
        ("Chrystia Freeland", _t("Freeland", 40, label="GAZ"), False),
        ("Mohamed Salah", _t("Salah", 40, locative=True), True),  # "in Salah": governed like a place
        ("Mohamed Salah", _t("Salah city", 40, hint="city", name="Salah"), True),  # the phrase says it is a place
        ("Mohamed Salah", _t("Salah", 40, label="EMBEDDED"), True),  # inside an organisation: another rule's business
        ("Karak Castle", _t("Karak", 40), True),  # not a surname: the sm model tags the castle PERSON
        ("Michael Jordan", _t("Jordan", 40), True),  # a country stays a country
        ("Salah", _t("Salah", 40), True),  # a one-word PERSON may itself be a mislabelled place
    ],
)
def test_a_surname_named_elsewhere_in_the_article_is_not_a_place(person, toponym, kept):
    text = f"{person} played. " + " " * (40 - len(person) - 9) + toponym.text
    places = resolve_places([toponym], _context(text, (person,)), GAZ)
    assert bool(places) is kept, places


def test_a_surname_gives_no_context_either():
    """ "Mayor Ryan Bingham ... Bingham said" must not make an English town of the dateline."""
    gaz = build(
        [
            (_p("Torrington", CITY, "US", 41.80, -73.12, 34_906), []),
            (_p("Torrington", CITY, "GB", 50.95, -4.14, 35_000), []),
            (_p("Bingham", CITY, "GB", 52.95, -0.95, 9_000), []),
            (_p("Connecticut", REGION, "US", 41.6, -72.7), []),
        ]
    )
    text = "TORRINGTON — Mayor Ryan Bingham of Connecticut spoke. Bingham said so."
    toponyms = [_t("TORRINGTON", 0, label="GAZ"), _t("Connecticut", 35, locative=True), _t("Bingham", 55)]
    places = resolve_places(toponyms, _context(text, ("Ryan Bingham",)), gaz)
    assert [(p.text, p.country_code) for p in places] == [("TORRINGTON", "US"), ("Connecticut", "US")]


# --- counties ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "ents", "expected"),
    [
        (["in", "Metcalfe", "County", "."], ["O", "B-GPE", "I-GPE", "O"], [("Metcalfe County", "county")]),
        (["in", "Metcalfe", "County", "."], ["O", "B-GPE", "O", "O"], [("Metcalfe County", "county")]),
        (["in", "Hasakeh", "province", "."], ["O", "B-GPE", "I-GPE", "O"], [("Hasakeh province", "region")]),
    ],
)
def test_a_county_phrase_carries_its_own_hint(words, ents, expected):
    assert [(t.text, t.hint) for t in LAYER.read_chunk(_doc(words, ents=ents), 0)] == expected


@pytest.mark.parametrize(
    ("toponym", "expected"),
    [
        (_t("Metcalfe County", 0, hint="county", name="Metcalfe"), None),  # the town is no stand-in for the county
        (_t("Suffolk County", 0, hint="county", name="Suffolk"), None),  # nor England's Suffolk for New York's
        (_t("Pest County", 0, hint="county", name="Pest"), ("Pest County", REGION)),  # a county the gazetteer has
        (_t("Hasakeh province", 0, hint="region", name="Hasakeh"), ("Hasakeh", REGION)),
        (_t("Metcalfe", 0), ("Metcalfe", CITY)),
    ],
)
def test_a_county_resolves_to_the_county_or_to_nothing(toponym, expected):
    places = resolve_places([toponym], _context(toponym.text), GAZ)
    assert ((places[0].name, places[0].feature_type) if places else None) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["the", "Suffolk", "County", "Sheriff", "said"], [("Suffolk", "county")]),
        (["the", "Suffolk", "Sheriff", "said"], [("Suffolk", None)]),
    ],
)
def test_a_county_inside_an_organisation(words, expected):
    ents = ["O", "B-ORG"] + ["I-ORG"] * (len(words) - 3) + ["O"]
    doc = _doc(words, ents=ents, tags=["DT"] + ["NNP"] * (len(words) - 2) + ["VBD"])
    found = LAYER.read_chunk(doc, 0)
    assert [(t.text, t.hint) for t in found] == expected


# --- features named after a place ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "ents", "tags", "expected"),
    [
        (["at", "Windsor", "Castle", "today"], None, ["IN", "NNP", "NNP", "NN"], []),
        (["at", "Windsor", "Castle", "today"], ["O", "B-GPE", "O", "O"], None, []),
        (["the", "French", "Quarter", "grid"], ["O", "B-NORP", "O", "O"], None, []),
        (["at", "Windsor", "today"], None, ["IN", "NNP", "NN"], [("Windsor", "GAZ")]),
        (["at", "Windsor", "castle", "today"], ["O", "B-GPE", "O", "O"], None, [("Windsor", "GPE")]),  # not a name
        (["the", "French", "said"], ["O", "B-NORP", "O"], None, [("French", "DEMONYM")]),
        (["at", "Aleppo", "University"], ["O", "B-ORG", "I-ORG"], ["IN", "NNP", "NNP"], [("Aleppo", "EMBEDDED")]),
    ],
)
def test_a_place_name_before_a_feature_word_names_the_feature(words, ents, tags, expected):
    assert _found(_doc(words, ents=ents, tags=tags)) == expected


# --- demonyms of larger regions -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "ents", "expected"),
    [
        (["Central", "American", "migrants"], ["B-NORP", "I-NORP", "O"], []),  # not the United States
        (["Latin", "American", "history"], ["B-NORP", "I-NORP", "O"], []),
        (
            ["the", "North", "American", "Free", "Trade", "Agreement"],
            ["O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG"],
            [("North American", "DEMONYM")],
        ),
        (["the", "Russian", "Ministry"], ["O", "B-ORG", "I-ORG"], [("Russian", "DEMONYM")]),
        (["Bosnian", "American", "voters"], ["B-NORP", "I-NORP", "O"], [("American", "DEMONYM")]),
    ],
)
def test_a_demonym_after_a_direction_belongs_to_a_larger_region(words, ents, expected):
    gaz = build(
        [
            (_p("United States", COUNTRY, "US", 38.0, -97.0, 327_167_434), ["America"]),
            (_p("North America", CONTINENT, "", 46.07, -100.55, 500_000_000), []),
            (_p("Russia", COUNTRY, "RU", 60.0, 100.0, 144_478_050), []),
        ]
    )
    layer = PlacesLayer(gaz)
    found = layer.read_chunk(_doc(words, ents=ents), 0)
    assert [(t.text, t.label) for t in found] == expected
    if expected and expected[0][0] == "North American":
        (place,) = resolve_places(found, _context(" ".join(words)), gaz)
        assert (place.name, place.feature_type, place.metonymic) == ("North America", CONTINENT, True)


# --- stray small towns ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("others", "toponym", "kept"),
    [
        (["Boston", "Chicago"], _t("Wing", 40), False),  # a hamlet in England, in an article about US cities
        (["Boston", "Chicago"], _t("Geneva", 40), True),  # a city abroad is no stray
        (["Boston", "Chicago"], _t("Kennebunk", 40), True),  # a small town in the article's country
        (["Boston"], _t("Wing", 40), True),  # too little context to judge
        ([], _t("Wing", 40), True),
    ],
)
def test_a_small_town_alone_in_its_country_is_left_out(others, toponym, kept):
    toponyms = [_t(name, 100 + 20 * i, locative=True) for i, name in enumerate(others)] + [toponym]
    places = resolve_places(toponyms, _context("x" * 200), GAZ)
    assert any(p.text == toponym.text for p in places) is kept, places


# --- own names before alternate names -----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Southold", "Southold"),  # the town of that name, not the bigger city that has it as an alternate name
        ("South Bend", "South Bend"),
    ],
)
def test_a_place_bearing_the_name_beats_a_bigger_one_known_by_it_as_an_alias(name, expected):
    toponyms = [_t("US", 0, locative=True), _t(name, 20, locative=True)]  # context in the country, near neither
    places = resolve_places(toponyms, _context("x" * 60), GAZ)
    assert places[-1].name == expected


# --- landmarks: placed at their town -------------------------------------------------------------


@pytest.mark.parametrize(
    ("toponym", "expected"),
    [
        (_t("the White House", 40, label="FAC", name="White House"), ("Washington", "US")),  # not Casablanca
        (_t("White House", 40, label="GPE"), ("Washington", "US")),  # nor the town in Tennessee
        (_t("the Kremlin", 40, label="FAC", name="Kremlin"), ("Moscow", "RU")),  # not Moscow, Idaho
        (_t("Casablanca", 40), ("Casablanca", "MA")),  # the city itself is untouched
    ],
)
def test_a_landmark_is_placed_at_its_town(toponym, expected):
    places = resolve_places([toponym], _context("x" * 100), GAZ)
    assert [(p.text, p.name, p.country_code, p.feature_type) for p in places] == [(toponym.text, *expected, CITY)]


def test_every_landmark_names_a_town_of_the_packaged_gazetteer():
    from wirelens.extraction.places.vocab import landmarks
    from wirelens.geo.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    for name, (town, country) in landmarks().items():
        assert any(p.country_code == country and p.feature_type == CITY for p in gaz.lookup(town)), name


@pytest.mark.parametrize("words", [["in", "the", "West", "Bank", "."], ["in", "West", "Bank", "."]])
def test_a_name_that_starts_with_a_direction_is_not_stripped_to_its_last_word(words):
    start = words.index("West") - (words[1] == "the")
    doc = _doc(words, ents=["O"] * start + ["B-GPE"] + ["I-GPE"] * (len(words) - start - 2) + ["O"])
    toponyms = LAYER.read_chunk(doc, 0)
    assert [t.name for t in toponyms] == ["West Bank"]  # not "Bank", a town in India
    places = resolve_places(toponyms, _context(doc.text), GAZ)
    assert [(p.name, p.country_code, p.feature_type) for p in places] == [("West Bank", "PS", REGION)]


def test_the_south_east_stays_a_part_of_the_country_not_a_region_of_that_name_elsewhere():
    doc = _doc(["in", "the", "South", "East", "."], ents=["O", "B-LOC", "I-LOC", "I-LOC", "O"])
    assert [t.name for t in LAYER.read_chunk(doc, 0) if t.name] == []
