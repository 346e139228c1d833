"""Places: toponym finding on hand-built Docs, resolution on plain records, the seed end to end."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from wirelens.extraction.actors import Entity
from wirelens.extraction.articles import Article
from wirelens.extraction.layer import ArticleContext, Sentence
from wirelens.extraction.pipeline import Extraction, to_json
from wirelens.extraction.places.layer import PlacesLayer
from wirelens.extraction.places.resolve import resolve_places
from wirelens.extraction.places.toponym import Toponym
from wirelens.extraction.records import PlaceMention
from wirelens.geo.gazetteer import CITY, COUNTRY, REGION, Place, build, distance_km

NLP = spacy.blank("en")


def _p(
    name: str, kind: str, cc: str, lat: float, lon: float, pop: int = 0, gid: int | None = None, capital: bool = False
) -> Place:
    return Place(gid, name, lat, lon, cc, kind, pop, capital)


GAZ = build(
    [
        (_p("Aleppo", CITY, "SY", 36.20, 37.16, 2_098_210, 170063), ["Halab"]),
        (_p("Aleppo", REGION, "SY", 36.15, 37.39), ["Aleppo Governorate"]),
        (_p("Al Ḩasakah", CITY, "SY", 36.50, 40.75, 422_445, 173811), ["Hasakeh", "Al-Hasakah"]),
        (_p("Al-Hasakah", REGION, "SY", 36.44, 40.58), []),
        (_p("Syria", COUNTRY, "SY", 35.0, 38.0, 16_906_283, 163843), ["Syrian Arab Republic"]),
        (_p("Washington", CITY, "US", 38.90, -77.04, 689_545, 4140963, capital=True), []),
        (_p("Washington", REGION, "US", 47.40, -120.50), []),
        (_p("United States", COUNTRY, "US", 38.0, -97.0, 327_167_434, 6252001), ["US"]),
        (_p("Tripoli", CITY, "LY", 32.88, 13.19, 1_150_989, 2210247), []),
        (_p("Tripoli", CITY, "LB", 34.44, 35.85, 229_398, 266826), []),
        (_p("Lebanon", COUNTRY, "LB", 33.83, 35.83, 6_848_925, 272103), []),
        (_p("Lebanon", CITY, "US", 40.34, -76.41, 25_813, 5197079), []),
        (_p("Paris", CITY, "FR", 48.85, 2.35, 2_138_551, 2988507), []),
        (_p("Paris", CITY, "US", 33.66, -95.56, 24_782, 4717560), []),
        (_p("Texas", REGION, "US", 31.0, -100.0), []),
        (_p("Sanaa", CITY, "YE", 15.35, 44.21, 1_937_451, 71137), []),
    ]
)
LAYER = PlacesLayer(GAZ)


def _doc(words, ents=None, tags=None, spaces=None, heads=None, deps=None, lemmas=None) -> Doc:
    return Doc(NLP.vocab, words=words, spaces=spaces, ents=ents, tags=tags, heads=heads, deps=deps, lemmas=lemmas)


def _context(text: str, entities=()) -> ArticleContext:
    return ArticleContext(Article("a1", "t", text), [Sentence(0, len(text))], list(entities))


def _t(
    text: str,
    name: str | None = None,
    start: int = 0,
    label: str = "GPE",
    hint: str | None = None,
    locative: bool = True,
) -> Toponym:
    return Toponym(start, start + len(text), text, text if name is None else name, label, hint, 0, 1000, locative)


# --- finding toponyms ------------------------------------------------------------------


def test_norp_aleppo_is_a_place_and_a_demonym_names_its_country_non_literally():
    doc = _doc(
        ["Syrian", "and", "Kurdish", "forces", "entered", "Aleppo", "."],
        ents=["B-NORP", "O", "B-NORP", "O", "O", "B-NORP", "O"],
    )
    found = LAYER.read_chunk(doc, 100)
    assert [(t.text, t.label, t.start) for t in found] == [
        ("Syrian", "DEMONYM", 100),
        ("Aleppo", "NORP", 100 + doc[5].idx),
    ]
    syrian, aleppo = resolve_places(found, _context(" " * 100 + doc.text), GAZ)
    assert (syrian.name, syrian.feature_type, syrian.metonymic) == ("Syria", COUNTRY, True)
    assert (aleppo.name, aleppo.feature_type, aleppo.metonymic) == ("Aleppo", CITY, False)


def test_untagged_proper_nouns_and_directions_but_not_acronyms():
    words = ["Shelling", "hit", "east", "Aleppo", "and", "SANA", "said", "so", "."]
    doc = _doc(words, tags=["NN", "VBD", "NNP", "NNP", "CC", "NNP", "VBD", "RB", "."])
    found = LAYER.read_chunk(doc, 0)
    assert [(t.text, t.name, t.label) for t in found] == [("east Aleppo", "Aleppo", "GAZ")]
    assert doc.text[found[0].start : found[0].end] == "east Aleppo"


def test_people_are_not_places_and_names_inside_organisations_are_not_literal():
    doc = _doc(
        ["Paris", "Hilton", "met", "Aleppo", "University", "staff"],
        ents=["B-PERSON", "I-PERSON", "O", "B-ORG", "I-ORG", "O"],
        tags=["NNP", "NNP", "VBD", "NNP", "NNP", "NNS"],
    )
    found = LAYER.read_chunk(doc, 0)
    assert [(t.text, t.label) for t in found] == [("Aleppo", "EMBEDDED")]
    (place,) = resolve_places(found, _context(doc.text), GAZ)
    assert place.name == "Aleppo" and place.metonymic


def test_a_country_acronym_inside_an_organisation_label_is_kept_non_literally():
    doc = _doc(["US", "officials", "met"], ents=["B-ORG", "O", "O"], tags=["NNP", "NNS", "VBD"])
    (found,) = LAYER.read_chunk(doc, 0)
    assert found.label == "EMBEDDED"
    (place,) = resolve_places([found], _context(doc.text), GAZ)
    assert (place.name, place.metonymic) == ("United States", True)


@pytest.mark.parametrize(
    ("label", "text", "found"),
    [
        ("ORG", "Washington", True),  # the sm model's ORG for a city
        ("DATE", "Tripoli", True),
        ("PERSON", "Washington", True),  # a major city
        ("PERSON", "Lebanon", True),  # a country
        ("PERSON", "Paris", True),
        ("PERSON", "Tripoli", True),
        ("PERSON", "Kerry", False),  # not a prominent place
        ("CARDINAL", "Paris", False),
        ("ORG", "UAE", False),  # acronyms are organisations
    ],
)
def test_one_word_entities_with_the_wrong_label(label, text, found):
    doc = _doc([text, "said", "so"], ents=[f"B-{label}", "O", "O"], tags=["NNP", "VBD", "RB"])
    assert bool(LAYER.read_chunk(doc, 0)) is found


def test_city_and_province_phrases_carry_a_hint():
    words = ["near", "Hasakeh", "city", "and", "in", "Hasakeh", "province", "and", "northeast", "Syria"]
    ents = ["O", "B-GPE", "O", "O", "O", "B-GPE", "I-GPE", "O", "O", "B-GPE"]
    found = LAYER.read_chunk(_doc(words, ents=ents), 0)
    assert [(t.text, t.name, t.hint) for t in found] == [
        ("Hasakeh city", "Hasakeh", "city"),
        ("Hasakeh province", "Hasakeh", "region"),
        ("northeast Syria", "Syria", None),
    ]
    places = resolve_places(found, _context(" ".join(words)), GAZ)
    assert [(p.name, p.feature_type) for p in places] == [
        ("Al Ḩasakah", CITY),
        ("Al-Hasakah", REGION),
        ("Syria", COUNTRY),
    ]


def test_locative_governance_is_recorded():
    words = ["Rebels", "shelled", "Aleppo", "."]
    doc = _doc(
        words,
        ents=["O", "O", "B-GPE", "O"],
        heads=[1, 1, 1, 1],
        deps=["nsubj", "ROOT", "dobj", "punct"],
        lemmas=["rebel", "shell", "Aleppo", "."],
    )
    (found,) = LAYER.read_chunk(doc, 0)
    assert found.locative and found.sent_start == 0 and found.sent_end == len(doc.text.rstrip())


def test_part_of_phrase_resolves_to_the_city_in_its_sentence():
    words = ["Troops", "took", "the", "rebel", "-", "held", "east", "of", "Aleppo", "."]
    spaces = [True, True, True, False, False, True, True, True, False, False]
    doc = _doc(words, spaces=spaces, ents=["O"] * 8 + ["B-GPE", "O"])
    found = LAYER.read_chunk(doc, 0)
    assert [t.text for t in found] == ["the rebel-held east", "Aleppo"]
    places = resolve_places(found, _context(doc.text), GAZ)
    assert [(p.text, p.name) for p in places] == [("the rebel-held east", "Aleppo"), ("Aleppo", "Aleppo")]


def test_part_of_phrase_without_any_city_is_dropped():
    found = [_t("the rebel-held east", "", label="PART")]
    assert resolve_places(found, _context("x" * 40), GAZ) == []


# --- resolving ---------------------------------------------------------------------------


def test_a_country_name_means_the_country():
    (place,) = resolve_places([_t("Lebanon")], _context("Lebanon"), GAZ)
    assert (place.name, place.feature_type, place.country_code) == ("Lebanon", COUNTRY, "LB")


def test_population_decides_without_context():
    (place,) = resolve_places([_t("Tripoli")], _context("Tripoli"), GAZ)
    assert place.country_code == "LY"
    (place,) = resolve_places([_t("Washington")], _context("Washington"), GAZ)
    assert place.feature_type == CITY, "a national capital outranks a region of the same name"


@pytest.mark.parametrize(("other", "cc"), [("Lebanon", "LB"), ("Syria", "LB"), ("Texas", "US")])
def test_the_article_context_picks_the_homonym(other, cc):
    name = "Paris" if other == "Texas" else "Tripoli"
    places = resolve_places([_t(name), _t(other, start=20)], _context(f"{name} ... {other}"), GAZ)
    assert places[0].country_code == cc, places  # Syria is next door to Lebanon's Tripoli: the distance counts


def test_metonymic_capitals_and_countries():
    text = "Washington announced it would act in Washington ."
    states = [Entity(0, 10, "Washington", "GPE", "United States", "state", 0, len(text))]
    places = resolve_places(
        [_t("Washington", start=0, locative=False), _t("Washington", start=37, locative=True)],
        _context(text, states),
        GAZ,
    )
    assert [p.metonymic for p in places] == [True, False]
    # Not an actor, or not a state: literal.
    others = [Entity(0, 10, "Washington", "GPE", None, None, 0, len(text))]
    (place, _) = resolve_places(
        [_t("Washington", locative=False), _t("Washington", start=37)], _context(text, others), GAZ
    )
    assert not place.metonymic


def test_resolved_records_are_plain_and_json_ready():
    (place,) = resolve_places([_t("Aleppo")], _context("Aleppo"), GAZ)
    assert isinstance(place, PlaceMention) and place._fields == (
        "start",
        "end",
        "text",
        "name",
        "lat",
        "lon",
        "country_code",
        "geonameid",
        "feature_type",
        "metonymic",
    )
    article = Article("a1", "t", "Aleppo")
    out = to_json(Extraction(article=article, sentences=[Sentence(0, 6)], entities=[], layers={"places": [place]}))
    assert out["places"][0]["geonameid"] == 170063 and out["places"][0]["lat"] == pytest.approx(36.20)


def test_store_places_query_filters_and_hides_metonymic(store):
    text = "Washington said Aleppo fell. Calm in Damascus."
    article = Article("art1", "Aleppo falls", text)
    places = [
        PlaceMention(0, 10, "Washington", "Washington", 38.9, -77.0, "US", 4140963, CITY, True),
        PlaceMention(16, 22, "Aleppo", "Aleppo", 36.2, 37.16, "SY", 170063, CITY, False),
    ]
    store.add(Extraction(article, [Sentence(0, 28), Sentence(29, len(text))], [], layers={"places": places}))
    df = store.places()
    assert list(df["name"]) == ["Washington", "Aleppo"]
    assert df.iloc[1]["sentence"] == "Washington said Aleppo fell." and df.iloc[1]["title"] == "Aleppo falls"
    assert list(store.places(metonymic=False)["name"]) == ["Aleppo"]
    from wirelens.store.database import Filters

    assert store.places(Filters(article_ids=("other",))).empty


# --- the seed, end to end with the real model ----------------------------------------------


@pytest.fixture(scope="module")
def seed_places(extractor, seed_article) -> list[PlaceMention]:
    return extractor.extract_one(seed_article).places


@pytest.mark.parametrize(
    ("text", "lat", "lon"),
    [
        ("Aleppo", 36.20, 37.16),
        ("Hasakeh city", 36.50, 40.75),
        ("Damascus", 33.51, 36.29),
        ("The Hague", 52.08, 4.30),
        ("Syria", 35.0, 38.0),
        ("east Aleppo", 36.20, 37.16),
    ],
)
def test_seed_places_are_at_the_right_coordinates(seed_places, seed_article, text, lat, lon):
    mentions = [p for p in seed_places if p.text == text]
    assert mentions, f"{text!r} not found"
    for p in mentions:
        assert distance_km(p.lat, p.lon, lat, lon) < 25, p
        assert seed_article.text[p.start : p.end] == p.text


def test_seed_aleppo_is_found_wherever_the_model_tags_it_norp(seed_places, seed_article):
    aleppo = [p for p in seed_places if p.name == "Aleppo" and p.text.endswith("Aleppo")]
    assert len(aleppo) == seed_article.text.count("Aleppo")
    # Inside an organisation's name ("Aleppo University", tagged ORG) it is kept, but not as a literal place.
    assert [p.metonymic for p in aleppo].count(True) == seed_article.text.count("Aleppo University")


def test_seed_province_and_part_of_phrases(seed_places):
    (province,) = [p for p in seed_places if p.text == "Hasakeh province"]
    assert province.feature_type == REGION and province.country_code == "SY"
    east = [p for p in seed_places if p.text.startswith("the rebel-held east")]
    assert east and all(p.name == "Aleppo" for p in east)


def test_seed_metonymy(seed_places):
    by_text: dict[str, set[bool]] = {}
    for p in seed_places:
        by_text.setdefault(p.text, set()).add(p.metonymic)
    assert by_text["Washington"] == {True} and by_text["Moscow"] == {True}
    assert by_text["Damascus"] == {False} and by_text["The Hague"] == {False} and by_text["northeast Syria"] == {False}
