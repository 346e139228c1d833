"""Regions named in another transliteration or English form than the gazetteer's ("Thi Qar" for Dhi Qar,
"Atacora" for Atakora, "Lower Shabelle" for Lower Shebelle, "Salah Aldeen" for Saladin, "Ninewa" for
Nineveh): found through :meth:`Gazetteer.regions_called` and :func:`translit.unit_spellings`, and only for
regions, never a village or a person's name."""

from __future__ import annotations

import pytest

from wirelens.extraction.articles import make_article
from wirelens.extraction.places.translit import unit_spellings
from wirelens.geo.gazetteer import REGION, load_gazetteer, name_key


def _places(extractor, text: str):
    return next(iter(extractor.extract([make_article(text, title="t", date="2022-03-02")]))).places


@pytest.mark.parametrize(
    "name, country, admin1",
    [
        ("Thi Qar", "IQ", "DQ"),
        ("Atacora", "BJ", "AK"),
        ("Lower Shabelle", "SO", "SH"),
        ("Salah Aldeen", "IQ", "SD"),
        ("Ninewa", "IQ", "NI"),
        ("Deir Ezzor", "SY", "DY"),
    ],
)
def test_a_region_is_found_under_another_spelling(name, country, admin1):
    found = load_gazetteer().regions_called(unit_spellings(name))
    assert [(p.country_code, p.admin1) for p in found] == [(country, admin1)]
    assert all(p.feature_type == REGION for p in found)


# "Shadaa" less its "h" would be Mayotte's Sada: only a vowel may differ.
@pytest.mark.parametrize("name", ["Sereme", "Boulmiougou", "Tabtenga", "Kikuyu", "Segunbagicha", "Shadaa"])
def test_a_name_no_region_is_spelled_like_finds_none(name):
    assert load_gazetteer().regions_called(unit_spellings(name)) == []


def test_spellings_fold_a_glued_article_and_consonant_variants():
    keys = unit_spellings("Salah Aldeen")
    assert name_key("Sala ad-Din") in keys
    assert name_key("Dhi Qar") in unit_spellings("Thi Qar")
    assert name_key("Atakora") in unit_spellings("Atacora")


def test_short_names_get_no_one_vowel_search():
    """ "Bari" is one vowel from "Bara": a short name is asked for only in its transliteration spellings."""
    assert "bara" not in unit_spellings("Bari")


@pytest.mark.parametrize(
    "text, surface, country, admin1",
    [
        ("Gunmen killed a shop owner in Nassriya city, Thi Qar province.", "Thi Qar", "IQ", "DQ"),
        ("Al Shabaab fighters attacked Wanla Weyne town in Lower Shabelle region.", "Lower Shabelle", "SO", "SH"),
        ("An IED exploded near a police patrol in Tikrit, Salah Aldeen.", "Salah Aldeen", "IQ", "SD"),
        ("Missiles targeted a brigade post in Mount Sinjar district (Ninewa).", "Ninewa", "IQ", "NI"),
        (
            "On 9 December 2021, unknown gunmen seized five oxen in the area of Materi (Materi, Atacora).",
            "Atacora",
            "BJ",
            "AK",
        ),
    ],
)
def test_a_region_named_in_another_spelling_is_placed(extractor, text, surface, country, admin1):
    places = [p for p in _places(extractor, text) if p.text.startswith(surface)]
    assert places, f"{surface!r} not placed in {text!r}"
    region = load_gazetteer().regions_called([name_key(places[0].name)])
    assert places[0].country_code == country and places[0].feature_type == REGION
    assert any(r.admin1 == admin1 for r in region)


def test_the_bracketed_region_places_the_town_before_it(extractor):
    """ "Materi (Materi, Atacora)": with Atacora read as Atakora the bracket is an admin list, so the small
    town before it (tagged PERSON or ORG by the model) is placed in Benin."""
    places = _places(
        extractor, "On 9 December 2021, unknown gunmen seized five oxen in the area of Materi (Materi, Atacora)."
    )
    towns = [p for p in places if p.text == "Materi" and p.feature_type == "city"]
    assert towns and towns[0].country_code == "BJ"


@pytest.mark.parametrize(
    "text",
    [
        "Saran Sereme of the PDC spoke to the crowd.",  # a person's name is no region one vowel away
        "Residents of Tabtenga captured two suspected thieves.",  # a village no gazetteer holds stays unplaced
        # A bare one-word name is not looked up one vowel away: "Kabonga" is no Kaabong (Uganda).
        "Militants abducted a member of Koglweogo while he was travelling near Kabonga.",
    ],
)
def test_no_region_for_a_name_no_region_is_spelled_like(extractor, text):
    assert all(p.feature_type != REGION for p in _places(extractor, text))


def test_a_district_the_pack_holds_is_not_read_as_a_region_spelled_like_it(extractor):
    """ "Shadaa district": the pack's own district Shada'a (Yemen), not a region one edit away."""
    places = _places(extractor, "The coalition fired artillery shells at Shadaa district (Sadah). Casualties unknown.")
    found = [p for p in places if p.text.startswith("Shadaa")]
    assert found and found[0].country_code == "YE" and found[0].feature_type == "district", found
