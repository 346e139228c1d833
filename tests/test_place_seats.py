"""A district the gazetteer does not hold, named after its seat city ("Mandalay district"), is placed at that city,
not at the point of the region of the same name some 100 km away; the region itself stays the region, and a
district the gazetteer holds stays that district."""

from __future__ import annotations

import pytest

from wirelens.extraction.articles import Article, make_article
from wirelens.extraction.layer import ArticleContext, Sentence
from wirelens.extraction.places.resolve import resolve_places
from wirelens.extraction.places.toponym import Toponym
from wirelens.geo.gazetteer import CITY, DISTRICT, REGION, Place, build, distance_km


def _p(name: str, kind: str, cc: str, lat: float, lon: float, pop: int = 0) -> Place:
    return Place(None, name, lat, lon, cc, kind, pop)


GAZ = build(
    [
        (_p("Mandalay", REGION, "MM", 21.0, 96.0), []),
        (_p("Mandalay", CITY, "MM", 21.97, 96.08, 1_208_099), []),
        (_p("Bago", REGION, "MM", 17.5, 96.0), []),
        (_p("Bago", CITY, "IN", 26.0, 80.0, 20_000), []),  # a namesake abroad is no seat
        (_p("Khost", REGION, "AF", 33.33, 69.92), []),
        (_p("Khost", DISTRICT, "AF", 33.38, 69.88), []),
        (_p("Khost", CITY, "AF", 33.34, 69.92, 106_083), []),
    ]
)


def _resolve(text: str, *phrases: tuple[str, str]) -> dict[str, Place]:
    toponyms = [
        Toponym(text.index(p), text.index(p) + len(p), p, name, "GPE", "region", 0, len(text), True)
        for p, name in phrases
    ]
    context = ArticleContext(Article("a1", "t", text), [Sentence(0, len(text))], [])
    return {m.text: m for m in resolve_places(toponyms, context, GAZ)}


@pytest.mark.parametrize(
    "text, phrases, mention, lat",
    [
        # the district at its seat
        (
            "in Chanmyathazi township (Mandalay District, Mandalay Region)",
            [("Mandalay District", "Mandalay"), ("Mandalay Region", "Mandalay")],
            "Mandalay District",
            21.97,
        ),
        (
            "in Aungmyaythazan township (Mandalay district)",
            [("Mandalay district", "Mandalay")],
            "Mandalay district",
            21.97,
        ),
        # the region so named stays the region
        ("in Chanmyathazi township (Mandalay Region)", [("Mandalay Region", "Mandalay")], "Mandalay Region", 21.0),
        # no city of the name in the region's country: the region
        ("in Nyaunglebin township (Bago district)", [("Bago district", "Bago")], "Bago district", 17.5),
        # a district the gazetteer holds is not moved to the city (the region's prior still wins there)
        ("in Khost district", [("Khost district", "Khost")], "Khost district", 33.33),
    ],
)
def test_a_district_named_after_its_seat_is_at_the_city(text, phrases, mention, lat):
    place = _resolve(text, *phrases)[mention]
    assert place.lat == lat, place


def test_the_real_gazetteer_puts_mandalay_district_at_the_city(extractor):
    text = "An explosion occurred in Aungmyaythazan township (Mandalay district) on Saturday."
    places = next(iter(extractor.extract([make_article(text, title="t", date="2021-08-14")]))).places
    found = [p for p in places if p.text == "Mandalay district"]
    assert found and distance_km(found[0].lat, found[0].lon, 21.97, 96.08) < 10, places
