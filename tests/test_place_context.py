"""Places: datelines, "City, Region" qualifiers, demonyms and acronyms inside longer entities."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

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
        (_p("London", CITY, "GB", 51.51, -0.13, 8_961_989), []),
        (_p("London", CITY, "US", 37.13, -84.08, 8_126), []),
        (_p("Kentucky", REGION, "US", 37.84, -84.27), ["Ky."]),
        (_p("Missouri", REGION, "US", 38.46, -92.29), []),
        (_p("Paris", CITY, "FR", 48.85, 2.35, 2_138_551), []),
        (_p("Paris", CITY, "US", 39.48, -92.00, 1_220), []),
        (_p("Boston", CITY, "US", 42.36, -71.06, 667_137), []),
        (_p("Vladimir", REGION, "RU", 56.0, 40.5), []),
        (_p("Russia", COUNTRY, "RU", 60.0, 100.0, 144_478_050), []),
        (_p("United States", COUNTRY, "US", 38.0, -97.0, 327_167_434), ["US"]),
        (_p("Europe", CONTINENT, "", 48.69, 9.14, 741_000_000), ["EU", "European Union"]),
    ]
)
LAYER = PlacesLayer(GAZ)


def _doc(words, ents=None, tags=None, spaces=None) -> Doc:
    return Doc(NLP.vocab, words=words, spaces=spaces, ents=ents, tags=tags)


def _context(text: str) -> ArticleContext:
    return ArticleContext(Article("a1", "t", text), [Sentence(0, len(text))], [])


def _found(doc: Doc) -> list[tuple[str, str]]:
    return [(t.text, t.label) for t in LAYER.read_chunk(doc, 0)]


# --- finding ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "spaces", "expected"),
    [
        (
            ["BOSTON", "(", "Reuters", ")", "-", "A", "man"],
            [True, False, False, True, True, True, False],
            [("BOSTON", "GAZ")],
        ),
        (
            ["LONDON", ",", "Ky", ".", "(", "WKYT", ")", "-"],
            [False, True, False, True, False, False, True, False],
            [("LONDON", "GAZ"), ("Ky.", "GAZ")],
        ),
        (["PARIS", "—", "Talks"], [True, True, False], [("PARIS", "GAZ")]),
        (["NOTHING", "—", "Talks"], [True, True, False], []),  # capitals that name no place
        (["He", "said", "BOSTON", "won"], [True, True, True, False], []),  # capitals mid-sentence are no dateline
    ],
)
def test_datelines_in_capitals(words, spaces, expected):
    assert _found(_doc(words, spaces=spaces)) == expected


@pytest.mark.parametrize(
    ("words", "ents", "expected"),
    [
        (
            ["in", "Paris", ",", "Missouri", ",", "police"],
            ["O", "B-GPE", "O", "O", "O", "O"],
            [("Paris", "GPE"), ("Missouri", "GAZ")],
        ),
        (
            ["in", "Paris", ",", "Vladimir", "Putin", "said"],
            ["O", "B-GPE", "O", "O", "O", "O"],
            [("Paris", "GPE")],
        ),  # a person's first name is no region, though a region bears it
        (["in", "Paris", ",", "where"], ["O", "B-GPE", "O", "O"], [("Paris", "GPE")]),
    ],
)
def test_region_after_a_comma_is_found(words, ents, expected):
    spaces = [i + 1 < len(words) and words[i + 1] != "," for i in range(len(words))]
    assert _found(_doc(words, ents=ents, spaces=spaces)) == expected


@pytest.mark.parametrize(
    ("words", "ents", "expected"),
    [
        (
            ["the", "Russian", "Ministry", "of", "Defence"],
            ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "I-ORG"],
            [("Russian", "DEMONYM")],
        ),
        (["an", "anti", "-", "Russian", "basis"], ["O", "B-NORP", "I-NORP", "I-NORP", "O"], [("Russian", "DEMONYM")]),
        (["the", "EU", "Aviation", "Strategy"], ["O", "B-ORG", "I-ORG", "I-ORG"], [("EU", "EMBEDDED")]),
        (["the", "Kremlin", "Ministry"], ["O", "B-ORG", "I-ORG"], []),  # no demonym, no acronym
        (["the", "UN", "Council"], ["O", "B-ORG", "I-ORG"], []),  # an acronym, but of no country
    ],
)
def test_demonyms_and_acronyms_inside_longer_entities(words, ents, expected):
    assert _found(_doc(words, ents=ents)) == expected


# --- resolving ------------------------------------------------------------------------------


def _t(text: str, start: int, label: str = "GPE") -> Toponym:
    return Toponym(start, start + len(text), text, text, label, None, 0, 200, True)


@pytest.mark.parametrize(
    ("text", "toponyms", "expected"),
    [
        # The region after the comma beats population: London, Ky. is not London, England.
        ("LONDON, Ky. (WKYT)", [_t("LONDON", 0, "GAZ"), _t("Ky.", 8, "GAZ")], ("US", "GB")),
        ("in Paris, Missouri, a man", [_t("Paris", 3), _t("Missouri", 10)], ("US", "FR")),
    ],
)
def test_a_qualified_name_resolves_inside_its_region(text, toponyms, expected):
    qualified, unqualified = expected
    (place, region) = resolve_places(toponyms, _context(text), GAZ)
    assert (place.country_code, region.feature_type) == (qualified, REGION)
    alone = resolve_places(toponyms[:1], _context(text), GAZ)
    assert alone[0].country_code == unqualified, "without the region, population decides"


def test_a_qualified_name_means_the_same_place_throughout_the_article():
    text = "LONDON, Ky. (WKYT) - London Police said a man of London was held."
    toponyms = [_t("LONDON", 0, "GAZ"), _t("Ky.", 8, "GAZ"), _t("London", 21, "EMBEDDED"), _t("London", 48)]
    places = resolve_places(toponyms, _context(text), GAZ)
    assert [p.country_code for p in places if p.name == "London"] == ["US", "US", "US"]


def test_a_list_is_not_a_qualifier():
    text = "Paris, Boston and London"
    places = resolve_places([_t("Paris", 0), _t("Boston", 7), _t("London", 18)], _context(text), GAZ)
    assert places[0].country_code == "FR", "a city after the comma qualifies nothing"
