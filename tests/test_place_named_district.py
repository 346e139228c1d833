"""The text's district decides among a governorate's villages of one name ("Desise village in Al Amadiya
district, Duhok"): a pack village of that governorate outside the district named is a namesake."""

from __future__ import annotations

import pytest

from wirelens.extraction.places.admin import Unit
from wirelens.extraction.places.resolve import _in_named_district
from wirelens.geo.gazetteer import CITY, DISTRICT, Place


def _village(name: str, district: str, lat: float, pop: int = 0) -> Place:
    return Place(None, name, lat, 43.0, "IQ", CITY, pop, admin1="DA", admin2=district, pack="conflict")


AMEDI = Unit("IQ", "DA", "amedi", 37.09, 43.49, 25.0, DISTRICT)
BARA_AMEDI, BARA_ZAKHO = _village("Bara", "Amedi", 37.1), _village("Bara", "Zakho", 37.2)
KARA_ZAKHO = _village("Kara", "Zakho", 37.19)
TOWN_ZAKHO = _village("Bara", "Zakho", 37.15, pop=20_000)


@pytest.mark.parametrize(
    "cands, districts, name, kept",
    [
        # two villages of the name in the governorate: the one in the district named
        ([BARA_ZAKHO, BARA_AMEDI], [AMEDI], "bara", [BARA_AMEDI]),
        # only another district's village, found by another spelling ("Gire" -> Kara): no place
        ([KARA_ZAKHO], [AMEDI], "gire", []),
        # negative: its own name and no namesake inside, a town, or no district named: kept
        ([BARA_ZAKHO], [AMEDI], "bara", [BARA_ZAKHO]),
        ([TOWN_ZAKHO, BARA_AMEDI], [AMEDI], "bara", [TOWN_ZAKHO, BARA_AMEDI]),
        ([BARA_ZAKHO, BARA_AMEDI], [], "bara", [BARA_ZAKHO, BARA_AMEDI]),
    ],
)
def test_the_district_named_decides_among_villages(cands, districts, name, kept):
    assert _in_named_district(cands, districts, name) == kept
