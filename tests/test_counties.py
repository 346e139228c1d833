"""Counties: found in GeoNames' table, indexed under their full name, told apart by the article's context."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from test_geonames_points import points_table
from wirelens.extraction.articles import Article
from wirelens.extraction.layer import ArticleContext, Sentence
from wirelens.extraction.places.layer import PlacesLayer
from wirelens.extraction.places.resolve import resolve_places
from wirelens.extraction.places.toponym import Toponym
from wirelens.geo.gazetteer import CITY, COUNTRY, DISTRICT, REGION, Place, _county_aliases, build
from wirelens.geo.points import GeoNamesPoints

# --- which GeoNames features are counties -------------------------------------------------------

ROWS = [  # (id, name, country, state, lat, lon), as in pyowm's cities.db
    (5379524, "Orange County", "US", "CA", 33.70, -117.77),
    (4167060, "Orange County", "US", "FL", 28.46, -81.29),
    (4335045, "Plaquemines Parish", "US", "LA", 29.50, -89.75),
    (2965139, "County Cork", "IE", None, 51.97, -8.74),
    (2649673, "County of Flintshire", "GB", None, 53.17, -3.17),  # an admin unit's formal name: not matched
    (7, "Countyline", "US", "OK", 34.43, -97.55),
    (8, "Parish Hill", "US", "CT", 41.75, -72.20),
    (9, "Cedar County", "US", "IA", 41.77, -91.13),  # a populated place of that name (below)
]


@pytest.fixture
def points() -> GeoNamesPoints:
    return points_table(ROWS)


def test_counties_are_the_unpopulated_features_named_so(points):
    found = {(p.name, code, state) for p, code, state in points.counties(populated={9})}
    assert found == {
        ("Orange County", "US", "CA"),
        ("Orange County", "US", "FL"),
        ("Plaquemines Parish", "US", "LA"),
        ("County Cork", "IE", ""),
    }


def test_no_table_no_counties():
    assert GeoNamesPoints(None).counties(set()) == []


@pytest.mark.parametrize(
    ("name", "aliases"),
    [
        ("Saint Tammany Parish", {"Saint Tammany Parish", "St. Tammany Parish"}),
        ("Orange County", {"Orange County"}),
    ],
)
def test_county_aliases(name, aliases):
    assert _county_aliases(name) == aliases


# --- resolving ----------------------------------------------------------------------------------


def _p(name: str, kind: str, lat: float, lon: float, pop: int = 0, admin1: str = "", cc: str = "US") -> Place:
    return Place(None, name, lat, lon, cc, kind, pop, admin1=admin1)


GAZ = build(
    [
        (_p("United States", COUNTRY, 39.76, -98.5, 327_000_000), ["US"]),
        (_p("Orange County", DISTRICT, 33.70, -117.77, admin1="CA"), []),
        (_p("Orange County", DISTRICT, 28.46, -81.29, admin1="FL"), []),
        (_p("Orange County", DISTRICT, 41.42, -74.32, admin1="NY"), []),
        (_p("Orange", CITY, 33.79, -117.85, 139_000), []),
        (_p("Orange", CITY, -33.28, 149.10, 40_000, cc="AU"), []),
        (_p("California", REGION, 37.25, -119.75, admin1="CA"), []),
        (_p("Calif.", REGION, 37.25, -119.75, admin1="CA"), []),
        (_p("Missouri", REGION, 38.25, -92.5, admin1="MO"), []),
        (_p("Georgia", REGION, 32.75, -83.5, admin1="GA"), []),
        (_p("Florida", REGION, 28.75, -82.5, admin1="FL"), []),
        (_p("Irvine", CITY, 33.67, -117.82, 280_000), []),
        (_p("Orlando", CITY, 28.54, -81.38, 300_000), []),
        (_p("Atlanta", CITY, 33.75, -84.39, 500_000), []),
        (_p("Seminole County", DISTRICT, 28.71, -81.21, admin1="FL"), []),
        (_p("Seminole County", DISTRICT, 30.93, -84.87, admin1="GA"), []),
        (_p("Monroe County", DISTRICT, 25.31, -81.0, admin1="FL"), []),
        (_p("Monroe County", DISTRICT, 39.17, -86.5, admin1="IN"), []),
        (_p("Morris County", DISTRICT, 40.83, -74.53, admin1="NJ"), []),
    ]
)


def _resolve(text: str) -> dict[str, str | None]:
    """Each place name in ``text`` (longest first) -> the state of the place it resolves to ("city" for a
    town), or None when it resolves to nothing."""
    toponyms: list[Toponym] = []
    for name in sorted({p.name for p in GAZ.places}, key=len, reverse=True):
        start = text.find(name)
        if start >= 0 and not any(t.start < start + len(name) and start < t.end for t in toponyms):
            toponyms.append(Toponym(start, start + len(name), name, name, "GPE", None, 0, len(text), True))
    context = ArticleContext(Article("a", "", text), [Sentence(0, len(text))], [])
    places = {m.text: m for m in resolve_places(sorted(toponyms, key=lambda t: t.start), context, GAZ)}
    return {t.text: _state_of(places[t.text]) if t.text in places else None for t in toponyms}


def _state_of(mention) -> str:
    place = next(p for p in GAZ.places if (p.name, p.lat, p.lon) == (mention.name, mention.lat, mention.lon))
    return place.admin1 or place.feature_type


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Orange County is the richest county in California.", "Orange County", "CA"),  # the state the article names
        ("Orange County, Calif., voted.", "Orange County", "CA"),  # qualified
        ("Officials in Orange County and Irvine met.", "Orange County", "CA"),  # a town of the county named
        (
            "Seminole County near Orlando, Florida, and Atlanta, Georgia.",
            "Seminole County",
            "FL",
        ),  # tie; Orlando is in it
        ("Morris County approved the budget.", "Morris County", "NJ"),  # only one of that name
        # negative cases: counties of that name in several states, and nothing in the article to tell them apart
        ("Orange County approved the budget.", "Orange County", None),
        ("Monroe County, in Missouri, approved it.", "Monroe County", None),  # Missouri's is not in the table
        ("The Orange County budget and the United States.", "Orange County", None),
        ("Seminole County near Atlanta, Georgia.", "Seminole County", "GA"),
    ],
)
def test_a_county_by_the_article_context(text, name, expected):
    assert _resolve(text)[name] == expected


def test_a_county_is_indexed_under_its_full_name_only():
    assert {p.feature_type for p in GAZ.lookup("Orange")} == {CITY}  # the towns keep the bare name
    assert {p.admin1 for p in GAZ.lookup("Orange County")} == {"CA", "FL", "NY"}
    assert {"orange county", "moris county"} <= GAZ.primary  # found inside organisations too (keys: see name_key)


# --- detection inside an organisation ----------------------------------------------------------

NLP = spacy.blank("en")


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["the", "Morris", "County", "Sheriff", "said"], [("Morris County", "EMBEDDED")]),  # the county, not "Morris"
        (["the", "Morris", "Sheriff", "said"], []),  # no place of that name alone
    ],
)
def test_a_county_inside_an_organisation(words, expected):
    ents = ["O", "B-ORG"] + ["I-ORG"] * (len(words) - 3) + ["O"]
    doc = Doc(NLP.vocab, words=words, ents=ents, tags=["DT"] + ["NNP"] * (len(words) - 2) + ["VBD"])
    assert [(t.name, t.label) for t in PlacesLayer(GAZ).read_chunk(doc, 0)] == expected
