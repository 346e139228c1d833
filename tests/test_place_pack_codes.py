"""A town of the packaged gazetteer takes the conflict pack's admin codes by its GeoNames id, whatever name the
text used: "Menbij town in Aleppo countryside" is the town Manbij (which the pack calls "Manbij") inside Aleppo
governorate, not the district the pack calls "Menbij" 50 km away."""

from __future__ import annotations

import pytest

from wirelens.extraction.articles import make_article
from wirelens.extraction.places.admin import merged
from wirelens.extraction.places.scoring import candidates
from wirelens.extraction.places.toponym import Toponym
from wirelens.geo.gazetteer import CITY, distance_km, load_gazetteer

pytestmark = pytest.mark.skipif(not load_gazetteer().packs, reason="the conflict pack is turned off")


def _places(extractor, text: str):
    return next(iter(extractor.extract([make_article(text, title="t", date="2022-01-12")]))).places


def _toponym(name: str) -> Toponym:
    return Toponym(0, len(name), name, name, "GPE", None, 0, len(name), True)


def test_the_pack_holds_a_town_by_its_geonames_id():
    pack = load_gazetteer().packs[0]
    manbij = pack.by_geonameid(167357)
    assert manbij is not None and manbij.country_code == "SY" and manbij.admin1 == "HL"
    assert pack.by_geonameid(2988507) is None  # Paris: no conflict country's town


@pytest.mark.parametrize(
    "name, country, admin1",
    [("Menbij", "SY", "HL"), ("Kouandé", "BJ", ""), ("Paris", "FR", "")],
)
def test_a_town_found_by_another_name_takes_the_pack_codes_only_in_pack_countries(name, country, admin1):
    gaz = load_gazetteer()
    toponym = _toponym(name)
    towns = [p for p in merged(toponym, candidates(toponym, gaz), gaz).places if p.feature_type == CITY]
    town = next(p for p in towns if p.country_code == country)
    assert town.admin1 == admin1


@pytest.mark.parametrize(
    "text, surface, lat, lon",
    [
        ("Unknown gunmen shot a guard in Menbij town in Aleppo countryside.", "Menbij", 36.527, 37.956),
        ("Factions shelled villages near Menbij in the eastern countryside of Aleppo.", "Menbij", 36.527, 37.956),
    ],
)
def test_a_town_named_in_its_governorate_is_the_town_not_its_district(extractor, text, surface, lat, lon):
    found = [p for p in _places(extractor, text) if p.text.startswith(surface)]
    assert found and distance_km(found[0].lat, found[0].lon, lat, lon) <= 5, found
