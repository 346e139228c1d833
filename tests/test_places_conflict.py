"""Issue 18: places at village precision in conflict zones, end to end with the shipped conflict pack.

Context-constrained resolution (a village agrees with the governorate its sentence names), transliterated
names, names the small model tags PERSON or ORG, and the precision guard (no Syrian village for a bare
"Bara" in an article about elsewhere, no place for a person named like a village)."""

from __future__ import annotations

import pytest

from wirelens.extraction.articles import make_article
from wirelens.extraction.places.translit import near_spellings, skeleton, spellings, words
from wirelens.geo.gazetteer import distance_km, load_gazetteer

pytestmark = pytest.mark.skipif(not load_gazetteer().packs, reason="the conflict pack is turned off")


def _places(extractor, text: str):
    return next(iter(extractor.extract([make_article(text, title="t", date="2020-03-02")]))).places


@pytest.mark.parametrize(
    "text, name, lat, lon",
    [
        (
            "Government forces shelled Kafr Nabl in the southern countryside of Idleb, activists said.",
            "Kafr Nabl",
            35.614,
            36.561,
        ),
        ("Clashes erupted in Ras al-Ain (Serekaniye), Hasakeh, on Monday.", "Ras al-Ain", 36.850, 40.071),
        ("Rebels seized Tal Rifaat, 35 km north of Aleppo.", "Tal Rifaat", 36.473, 37.097),
        ("Airstrikes hit Maarat al-Numan on Tuesday, killing 12 civilians.", "Maarat al-Numan", 35.648, 36.674),
        ("Islamic State fighters attacked an army post in Deir ez-Zor.", "Deir ez-Zor", 35.33, 40.14),
        ("Regime forces shelled Saraqeb in Idlib province overnight.", "Saraqeb", 35.862, 36.804),
        ("Security forces detained a man in Basira town in Deir ez Zor countryside.", "Basira", 35.156, 40.427),
    ],
)
def test_seed_style_places_are_at_the_right_point(extractor, text, name, lat, lon):
    found = [p for p in _places(extractor, text) if name in p.text]
    assert found, f"{name!r} not found in {text!r}"
    assert distance_km(found[0].lat, found[0].lon, lat, lon) <= 5, found[0]


@pytest.mark.parametrize(
    "text, name, feature_type",
    [
        # a bare name a governorate shares with its seat: the city (the governorate's point is ~45 km off)
        ("Islamic State fighters attacked an army post in Deir ez-Zor.", "Deir ez-Zor", "city"),
        ("Fighting in Idlib killed two civilians.", "Idlib", "city"),
        # ... unless the text calls it the unit, before or after the name, or puts a place in it
        ("Regime forces shelled Deir ez-Zor province.", "Deir ez-Zor", "region"),
        ("Shelling hit the southern countryside of Idleb.", "Idleb", "region"),
        ("Gunmen shot a man in Basira town in Deir ez Zor countryside.", "Deir ez Zor", "region"),
        # ... and outside the pack's countries a bare province stays the province
        ("Protesters gathered in Quebec on Monday.", "Quebec", "region"),
    ],
)
def test_a_bare_governorate_name_is_its_seat_city(extractor, text, name, feature_type):
    found = [p for p in _places(extractor, text) if p.text == name]
    assert found and found[0].feature_type == feature_type, found


def test_the_countryside_of_a_governorate_is_the_governorate(extractor):
    places = _places(extractor, "Shelling hit the southern countryside of Idleb.")
    assert [(p.country_code, p.feature_type) for p in places] == [("SY", "region")]


def test_a_village_named_with_its_district_and_province_is_the_district_at_least(extractor):
    places = _places(
        extractor, "On 2 March 2020, a bomb killed 3 civilians in Zinokhel of Nadir Shah Kot district, Khost."
    )
    district = [p for p in places if p.text.startswith("Nadir Shah Kot")]
    assert district and district[0].feature_type == "district" and district[0].country_code == "AF"


def test_an_organisation_does_not_swallow_the_place_after_in(extractor):
    places = _places(extractor, "Members of the Free Syrian Army in Idleb clashed with HTS.")
    idleb = [p for p in places if p.text == "Idleb"]
    assert idleb and not idleb[0].metonymic and idleb[0].country_code == "SY"


def test_a_village_next_to_its_governorate_never_goes_abroad(extractor):
    places = _places(extractor, "Protesters demonstrated in Bani an Namri (Al Haymah Ad Dakhiliyah, Sanaa).")
    assert all(p.country_code == "YE" for p in places if p.text.startswith("Bani")), places


@pytest.mark.parametrize(
    "text",
    [
        "Bara said the party would win the election in Kenya.",  # a person named like a village
        "Police in Nairobi said Bara was arrested on Monday.",
        "The minister met Bara in Nairobi.",
    ],
)
def test_no_syrian_village_without_context(extractor, text):
    assert not [p for p in _places(extractor, text) if p.country_code == "SY"]


def test_a_person_named_like_a_village_is_no_place(extractor):
    places = _places(
        extractor, "Kafr Nabl's mayor, Ahmed Tal, said the talks in Geneva had failed. Tal left on Monday."
    )
    assert not [p for p in places if p.text == "Tal"]


@pytest.mark.parametrize(
    "a, b",
    [
        ("Idleb", "Idlib"),
        ("Saraqeb", "Saraqib"),
        ("Deir ez-Zor", "Dayr az Zawr"),
        ("Deir ez-Zor", "Deir Ezzor"),
        ("Ma'arrat al-Nu'man", "Maarat al-Numan"),
        ("Qamishli", "Kamishli"),
        ("Ar-Raqqa", "Raqqa"),
        ("Salamiyah", "Salamieh"),
    ],
)
def test_transliterations_share_a_skeleton(a, b):
    assert skeleton(a) == skeleton(b)


def test_spellings_include_the_common_variants():
    assert "idlib" in spellings("Idleb")
    assert "saraqib" in spellings("Saraqeb")
    assert words("Deir Ezzor") == ["deir", "zor"]
    assert "saraqib" in near_spellings("Saraqeeb") or "saraqeb" in near_spellings("Saraqeeb")
    assert len(near_spellings("Kafr Nabl")) <= 1500


@pytest.mark.parametrize(
    "text, lat, lon",
    [
        # The gazetteer once placed Khost province at a Khost village of Nuristan, 225 km away: the pack's
        # governorate (by its admin code) gives the point.
        ("Taliban fighters attacked a checkpoint in Khost province on Monday.", 33.38, 69.88),
        ("A roadside bomb killed five policemen in Khost district.", 33.38, 69.88),
        ("Protesters marched through Paktia province on Friday.", 33.63, 69.39),  # already right: stays so
    ],
)
def test_a_governorate_is_at_its_own_point_not_a_namesake_village(extractor, text, lat, lon):
    found = [p for p in _places(extractor, text) if p.country_code == "AF"]
    assert found and distance_km(found[0].lat, found[0].lon, lat, lon) <= 25, found


@pytest.mark.parametrize(
    "text, unwanted_country",
    [
        ("Gunmen killed a man on the Kahil-Tiba road in Dara countryside.", "JP"),  # "Tiba" is an alias of Chiba
        ("Unknown gunmen shot a commander in the village of Olan near Al Bab in Aleppo.", "FR"),  # not Olemps
    ],
)
def test_a_foreign_place_named_only_by_an_alias_is_no_place_beside_local_ones(extractor, text, unwanted_country):
    assert not [p for p in _places(extractor, text) if p.country_code == unwanted_country]


@pytest.mark.parametrize(
    "text, name, country",
    [
        ("Russian warplanes struck the area between Kansafra and Ftireh in Idleb governorate.", "Idleb", "SY"),
        ("Rebels shelled Saraqeb, east of Idleb, on Tuesday.", "Idleb", "SY"),  # a spelling, not an alias
    ],
)
def test_a_transliterated_spelling_is_no_stray_alias(extractor, text, name, country):
    assert [p for p in _places(extractor, text) if p.text.startswith(name) and p.country_code == country]


@pytest.mark.parametrize(
    "text, name, lat, lon",
    [
        ("A drone struck a car in Ein Issa town in Raqqa countryside.", "Ein Issa", 36.386, 38.862),
        ("Police detained a man in Shiheil town in Deir ez Zor countryside.", "Shiheil", 35.087, 40.452),
        ("Clashes erupted near Tal Tamer in Hasakeh countryside on Monday.", "Tal Tamer", 36.656, 40.371),
        # a name the small model tags NORP, which no pack holds by that spelling, called a town
        ("An IED exploded in Ma'btali town in Aleppo countryside, killing a leader.", "Ma'btali", 36.562, 36.743),
        # an apostrophe inside a name's words: the pack's own name
        ("A landmine exploded in Ma'arrat An Nu'man city in Idleb governorate.", "Ma'arrat An Nu'man", 35.648, 36.677),
    ],
)
def test_a_name_found_by_its_skeleton_inside_the_unit_named(extractor, text, name, lat, lon):
    found = [p for p in _places(extractor, text) if p.text.startswith(name)]
    assert found and distance_km(found[0].lat, found[0].lon, lat, lon) <= 5, found


@pytest.mark.parametrize(
    "text, name",
    [
        ("A drone struck a car in Ein Issa town on Monday.", "Ein Issa"),  # no unit named: a skeleton never alone
        # Qīrān shares the skeleton of "Ghoweran" (g/q, vowels) but few of its letters
        ("Gunmen attacked a checkpoint in Ghoweran town in Hasakeh countryside.", "Ghoweran"),
        ("Gunmen attacked Ma'btali town on Monday, killing two.", "Ma'btali"),  # a town by its skeleton, no unit
        ("An IED exploded in Ma'btali town in Hama countryside, killing a leader.", "Ma'btali"),  # not inside it
    ],
)
def test_a_skeleton_alone_or_with_few_letters_in_common_places_nothing(extractor, text, name):
    assert not [p for p in _places(extractor, text) if p.text.startswith(name)]


@pytest.mark.parametrize(
    "text, name, kind",
    [
        # a governorate written as holding the place before it is the governorate, not its seat town
        ("Gunmen opened fire on a commander's car in the countryside of Al Bab in Aleppo.", "Aleppo", "region"),
        # negative: a bare governorate's name is its seat, and so is one a place is only near
        ("Gunmen opened fire on a commander's car in Aleppo on Monday.", "Aleppo", "city"),
        ("Gunmen opened fire on a commander's car in Al Bab near Aleppo on Monday.", "Aleppo", "city"),
    ],
)
def test_a_governorate_holding_a_place_is_the_governorate(extractor, text, name, kind):
    kinds = {p.text: p.feature_type for p in _places(extractor, text)}
    assert kinds.get(name) == kind, kinds
