"""Which of its sentence's places an event takes (events/scene.py): a place followed by its own admin units
is the scene, not the units; a place the units show to be a namesake (another country than a unit of the
conflict pack's countries, or too far from a district the text names) gives way to them. Sentences of our own,
with the negative cases the rule must leave alone."""

from __future__ import annotations

import pytest

from event_text import events
from wirelens.extraction.events.scene import agrees_with_units, units_after
from wirelens.extraction.records import PlaceMention
from wirelens.geo.distance import distance_km


def _place(start: int, name: str, lat: float, lon: float, cc: str, kind: str) -> PlaceMention:
    return PlaceMention(start, start + len(name), name, name, lat, lon, cc, None, kind, False)


def _places(sentence: str, *specs: tuple[str, float, float, str, str]) -> list[PlaceMention]:
    return [_place(sentence.index(name), name, lat, lon, cc, kind) for name, lat, lon, cc, kind in specs]


@pytest.mark.parametrize(
    ("sentence", "specs", "head", "units"),
    [
        # brackets, "village of ... district, ...", a comma
        (
            "in Nouari (Materi, Atacora) on",
            [
                ("Nouari", 10.9, 1.0, "BJ", "city"),
                ("Materi", 10.7, 1.1, "BJ", "district"),
                ("Atacora", 10.5, 1.4, "BJ", "region"),
            ],
            "Nouari",
            ["Materi", "Atacora"],
        ),
        (
            "in the Salla Khana village of Shahrak district, Ghor,",
            [
                ("Salla", 34.0, -6.8, "MA", "city"),
                ("Shahrak", 34.1, 64.3, "AF", "district"),
                ("Ghor", 34.2, 64.9, "AF", "region"),
            ],
            "Salla",
            ["Shahrak", "Ghor"],
        ),
        (
            "in Mariupol, Donetsk on",
            [("Mariupol", 47.1, 37.5, "UA", "city"), ("Donetsk", 48.0, 37.8, "UA", "city")],
            "Mariupol",
            ["Donetsk"],
        ),
        # not units: a list joined by "and", a place before a more specific one, words that are no unit's
        (
            "in Herat and Kabul provinces",
            [("Herat", 34.3, 62.2, "AF", "city"), ("Kabul", 34.5, 69.2, "AF", "region")],
            "Herat",
            [],
        ),
        (
            "in Idlib province near Saraqeb",
            [("Idlib", 35.8, 36.6, "SY", "region"), ("Saraqeb", 35.9, 36.8, "SY", "city")],
            "Idlib",
            [],
        ),
        (
            "in Homs where soldiers from the army of Hama",
            [("Homs", 34.7, 36.7, "SY", "city"), ("Hama", 35.1, 36.7, "SY", "city")],
            "Homs",
            [],
        ),
    ],
)
def test_units_named_after_a_place(sentence, specs, head, units):
    places = _places(sentence, *specs)
    place = next(p for p in places if p.name == head)
    assert [u.name for u in units_after(place, places, sentence)] == units


@pytest.mark.parametrize(
    ("sentence", "specs", "agrees"),
    [
        # a namesake abroad under a unit of a pack country: no
        (
            "in Salla of Shahrak district, Ghor",
            [
                ("Salla", 34.0, -6.8, "MA", "city"),
                ("Shahrak", 34.1, 64.3, "AF", "district"),
                ("Ghor", 34.2, 64.9, "AF", "region"),
            ],
            False,
        ),
        # a village 140 km from the district the text names: no
        (
            "in Melani of Giro district, Ghazni",
            [("Melani", 33.0, 69.5, "AF", "city"), ("Giro", 32.9, 67.9, "AF", "district")],
            False,
        ),
        # the same village under a unit not called a district (a governorate at its seat): yes
        (
            "in Melani of Giro, Ghazni",
            [("Melani", 33.0, 69.5, "AF", "city"), ("Giro", 32.9, 67.9, "AF", "region")],
            True,
        ),
        # the unit outside the pack's countries may be the namesake itself: yes
        ("in Houston (Texas)", [("Houston", 29.8, -95.4, "US", "city"), ("Texas", 48.0, 37.8, "RU", "region")], True),
        # two pack countries: neither side can be told right: yes
        (
            "in El Mina (Tripoli)",
            [("El Mina", 34.4, 35.8, "LB", "city"), ("Tripoli", 32.9, 13.2, "LY", "district")],
            True,
        ),
        # a place in its unit: yes
        (
            "in Kafr Nabl of Maarat district, Idlib",
            [
                ("Kafr Nabl", 35.6, 36.6, "SY", "city"),
                ("Maarat", 35.6, 36.7, "SY", "district"),
                ("Idlib", 35.8, 36.6, "SY", "region"),
            ],
            True,
        ),
    ],
)
def test_a_place_agrees_with_its_units(sentence, specs, agrees):
    places = _places(sentence, *specs)
    assert agrees_with_units(places[0], places[1:], sentence) is agrees


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # the place before its units is the scene, even where a unit is nearer the cue
        ("Coast guards detained 31 migrants off the coast of Bodrum, Mugla on Sunday.", "Bodrum"),
        ("Gunmen shot dead a shopkeeper in Mariupol, Donetsk on Monday.", "Mariupol"),
        # a namesake abroad gives way to the units of a pack country
        (
            "Taliban fighters attacked a checkpoint in the Salla Khana village of Shahrak district, Ghor, killing two "
            "soldiers.",
            "Shahrak",
        ),
        # negative: a list is no chain of units; a place in its own country keeps the scene
        ("Gunmen killed two farmers in Aleppo, Idlib and Hama on Monday.", "Aleppo"),
        ("Gunmen shot dead a shopkeeper in Starohnativka, Donetsk on Monday.", "Starohnativka"),
    ],
)
def test_the_scene_of_an_event(extractor, text, place):
    found = [e for e in events(extractor, text) if not e.aggregate]
    assert found and found[0].place == place


@pytest.mark.parametrize(
    ("text", "point"),
    [
        # an event placed only to a governorate goes to its seat of the same name, as ACLED codes it
        (
            "Unknown militants detonated an explosive device in Kirkuk governorate, killing two shepherds.",
            (35.47, 44.39),
        ),
        # no town of the region's name: in a country the conflict pack covers, the region's most populous town
        ("Taliban fighters attacked a checkpoint in Helmand province, killing three policemen.", (31.59, 64.36)),
        ("Militants detonated a roadside bomb on the highway in Thi Qar province.", (31.05, 46.26)),
        ("Ukrainian forces shot down a Russian drone in Odesa region.", (46.43, 30.71)),
        # negative: outside the pack's countries the towns carry no region code: the region's own point
        ("The military dropped bombs on villages in Kachin State, killing two civilians.", (26.0, 97.5)),
        # an event placed only to a district: the district's town of the same name (its centre)
        (
            "A Taliban missile attack wounded 4 civilians in the Bazar area of Nad Ali district, Helmand.",
            (31.64, 64.24),
        ),
        (
            "On 9 June 2022, a Turkish forces convoy arrived at Tell Abiad district in Ar Raqqa countryside.",
            (36.70, 38.95),
        ),
        # negative: no town of the district's name within its reach (Tadmur is 54 km from the district's point)
        ("IS militants attacked an army post in Tadmor district, Homs, killing a soldier.", (34.45, 38.86)),
        ("Houthi forces shelled a village in Jabal Habashy district, Taizz, killing a child.", (13.47, 43.88)),
        # a village found only by another spelling outside the district named gives way to the district's town
        (
            "Turkish warplanes conducted airstrikes against PKK militants in Gire Cudi area in Al Amadiya district of "
            "Duhok. Casualties unknown.",
            (37.09, 43.49),
        ),
        # a town keeps its own point
        ("Gunmen shot dead a shopkeeper in Mariupol, Donetsk on Monday.", (47.1, 37.54)),
    ],
)
def test_an_event_in_a_region_is_at_its_seat(extractor, text, point):
    found = [e for e in events(extractor, text) if not e.aggregate]
    assert found and distance_km(found[0].lat, found[0].lon, *point) < 5, found[0]
