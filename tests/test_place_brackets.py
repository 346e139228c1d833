"""Admin units in brackets after a place ("in Kouri (Materi, Atacora)"), end to end with the real model.

The small model tags such units PERSON or ORG, or reads "Remedios (Antioquia" as one organisation; the
bracket pass (places/brackets.py) makes them places, and resolution reads each unit as qualifying the name
before it. The bracketed units are exported at district level at most, so an event keeps the village."""

from __future__ import annotations

import pytest

from wirelens.extraction.articles import make_article
from wirelens.geo.gazetteer import distance_km


def _places(extractor, text: str):
    return next(iter(extractor.extract([make_article(text, title="t", date="2021-12-09")]))).places


@pytest.mark.parametrize(
    "text, name, lat, lon",
    [
        ("On 9 December, gunmen stole cattle from herders near Materi (Materi, Atacora).", "Materi", 10.696, 1.063),
        ("On 3 May, police fired tear gas at protesters in Bante (Collines department).", "Bante", 8.412, 1.89),
        (
            "On 4 June, dozens of people marched in Sanabis (Capital) to demand the release of detainees.",
            "Sanabis",
            26.227,
            50.551,
        ),
        (
            "On 2 February, unidentified men threw a grenade at a police station in Remedios (Antioquia).",
            "Remedios",
            7.028,
            -74.694,
        ),
        (
            "On 5 March, a man was killed in Kolonde village (Djougou, Donga) by unknown assailants.",
            "Djougou",
            9.709,
            1.666,
        ),
    ],
)
def test_a_place_or_its_unit_in_brackets_is_found_at_its_point(extractor, text, name, lat, lon):
    found = [p for p in _places(extractor, text) if p.text.startswith(name)]
    assert found, f"{name!r} not found in {text!r}"
    assert distance_km(found[0].lat, found[0].lon, lat, lon) <= 5, found[0]


@pytest.mark.parametrize(
    "text, name, lat, lon",
    [
        # the unit's own town: not Algeria's Saida province, not the Louga region
        ("Retired soldiers protested in Sidon city (Sayda) on Monday.", "Sidon", 33.558, 35.371),
        ("Traders held a sit-in in Louga (Ndiagne, Louga, Louga) on Friday.", "Louga", 15.619, -16.224),
        # "Lower Juba" is a governorate only the pack holds: not Juba in South Sudan, and it places Dhobley
        ("A bomb went off in a market in Dhobley town (Afmadow, Lower Juba) on Sunday.", "Dhobley", 0.41, 41.01),
        # a village and its oblast after a comma, whatever the model made of them
        # (between the town and the point of its district, which is named after it: 3 km from each)
        ("Troops shelled the outskirts of Trostianets, Sumy, on Friday.", "Trostianets", 50.51, 34.97),
        ("Separatist forces took control over Yampolivka, Donetsk, after clashes.", "Yampolivka", 49.071, 37.958),
        ("Russian forces shelled Luparevo, Mykolaiv region, overnight.", "Luparevo", 46.692, 31.975),
    ],
)
def test_a_place_agrees_with_the_units_after_it(extractor, text, name, lat, lon):
    found = [p for p in _places(extractor, text) if p.text.startswith(name)]
    assert found, f"{name!r} not found in {text!r}"
    assert distance_km(found[0].lat, found[0].lon, lat, lon) <= 5, found[0]


def test_a_village_without_its_governorate_after_the_comma_stays_unplaced(extractor):
    # "Yampolivka, Kherson": Kherson oblast holds no Yampolivka of the pack, so no pairing forces it
    places = _places(extractor, "Separatist forces took control over Yampolivka, Kherson, after clashes.")
    assert not [p for p in places if p.text == "Yampolivka" and distance_km(p.lat, p.lon, 49.071, 37.958) > 100]


@pytest.mark.parametrize(
    "text, unwanted",
    [
        ("Frank Lampard (Chelsea) scored twice on Saturday.", "Chelsea"),  # no region in the bracket
        (
            "Gunmen abducted a trader in Bako Maka (Karimama, Alibori) on Friday.",
            "Maka",
        ),  # Makkah's alias: wrong country
    ],
)
def test_a_bracket_that_is_no_admin_list_adds_no_place(extractor, text, unwanted):
    literal = [p for p in _places(extractor, text) if not p.metonymic]
    assert not [p for p in literal if unwanted in p.text and p.country_code in ("GB", "SA")]


def test_a_bracketed_unit_that_resolves_to_a_town_is_exported_as_a_district(extractor):
    places = _places(
        extractor, "On 5 March, a man was killed in Kolonde village (Djougou, Donga) by unknown assailants."
    )
    djougou = [p for p in places if p.text == "Djougou"]
    assert djougou and djougou[0].feature_type == "district"


@pytest.mark.parametrize(
    "text, name, feature_type",
    [
        ("Farmers staged a sit-in in Safwan district, Basrah, on Monday.", "Basrah", "district"),
        ("Police shot a driver in Kulu district of Konya on Sunday.", "Konya", "region"),
        ("Police shot a driver in Konya on Sunday.", "Konya", "city"),  # no district before it: the city
    ],
)
def test_the_name_after_a_district_is_a_unit_that_holds_it_not_the_town(extractor, text, name, feature_type):
    found = [p for p in _places(extractor, text) if p.text == name]
    assert found and found[0].feature_type == feature_type, found
