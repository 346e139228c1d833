"""Where an event happened: which of the article's resolved places an event takes.

The most specific literal place of the event's sentence, nearest its cue among equals; else one
from the sentences just before, else the article's main city (``place_inferred``). A place named
as where the attackers came from is the scene only when the sentence names no other.

A place followed by its own admin units ("Salla Khana village of Shahrak district, Ghor", "Nova
Friburgo (Rio de Janeiro)", "Mariupol, Donetsk") is where the event happened, not those units; and a
place that disagrees with the units the text puts it in (another country, or farther from them than
such a unit reaches) was resolved to a namesake: the units are then the better scene.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from wirelens.extraction.events.candidate import EventCandidate
from wirelens.extraction.records import Event
from wirelens.geo.build_pack import COUNTRIES as PACK_COUNTRIES
from wirelens.geo.distance import distance_km
from wirelens.geo.gazetteer import CITY, REGION, Gazetteer, load_gazetteer

# How specific a place is: lower is better ("near Hasakeh city" beats "in northeast Syria").
SPECIFICITY = {"feature": 0, "city": 1, "district": 2, "region": 3, "country": 4, "continent": 5}


def place_fields(place: Any | None, inferred: bool) -> dict[str, Any]:
    """An event's place columns from a place mention (all None for none). An event placed only to a region is
    put at the region's seat (see :func:`seat_point`: "in Kirkuk governorate": Kirkuk city), and one placed only
    to a district at the district's town of the same name ("in Nad Ali district": its district centre), as ACLED
    codes such events; a unit's own point is anywhere in it."""
    lat, lon = (place.lat, place.lon) if place else (None, None)
    if place is not None and place.feature_type == "region":
        lat, lon = seat_point(place.name, place.country_code, place.lat, place.lon)
    elif place is not None and place.feature_type == "district":
        lat, lon = district_seat_point(place.name, place.country_code, place.lat, place.lon)
    return {
        "place": place.name if place else None,
        "lat": lat,
        "lon": lon,
        "country_code": place.country_code if place else None,
        "place_type": place.feature_type if place else None,
        "place_inferred": inferred,
    }


_SEAT_KM = 150.0  # how far from a region's point its seat may lie (a governorate's point is anywhere in it)


@functools.lru_cache(maxsize=4096)
def seat_point(name: str, country: str, lat: float, lon: float) -> tuple[float, float]:
    """The point of the region's seat: the most populous town called ``name`` in ``country`` within _SEAT_KM of
    the region's point (``lat``, ``lon``), else, in the countries the conflict pack covers, the region's most
    populous town ("Thi Qar province": Nasiriyah, "Helmand": Lashkar Gah, "Odesa region": Odesa); the region's
    own point where neither is known."""
    gaz = load_gazetteer()
    seat = _town_called(gaz.lookup(name), country, lat, lon, _SEAT_KM)
    if seat is None and country in PACK_COUNTRIES:
        seat = next(
            (t for code in _admin1_of(gaz, name, country, lat, lon) if (t := gaz.largest_town(country, code))), None
        )
    return (seat.lat, seat.lon) if seat else (lat, lon)


_DISTRICT_SEAT_KM = 40.0  # how far from a district's point its town of the same name may lie (Tadmur is 54 km off)


@functools.lru_cache(maxsize=4096)
def district_seat_point(name: str, country: str, lat: float, lon: float) -> tuple[float, float]:
    """The point of the most populous town called ``name`` in ``country`` within _DISTRICT_SEAT_KM of the
    district's point (the packaged gazetteer's towns and the packs'); the district's own point where none is."""
    gaz = load_gazetteer()
    seat = _town_called(gaz.lookup(name) + gaz.pack_candidates(name), country, lat, lon, _DISTRICT_SEAT_KM)
    return (seat.lat, seat.lon) if seat else (lat, lon)


def _town_called(places: Sequence[Any], country: str, lat: float, lon: float, reach: float) -> Any | None:
    """The most populous town of ``places`` in ``country`` within ``reach`` km of (``lat``, ``lon``)."""
    towns = [
        p
        for p in places
        if p.feature_type == CITY and p.country_code == country and distance_km(p.lat, p.lon, lat, lon) < reach
    ]
    return max(towns, key=lambda p: p.population, default=None)


def _admin1_of(gaz: Gazetteer, name: str, country: str, lat: float, lon: float) -> list[str]:
    """The first-level codes of the regions called ``name`` at that point (the packaged one or a pack's)."""
    return [
        p.admin1
        for p in gaz.lookup(name) + gaz.pack_candidates(name)
        if p.feature_type == REGION
        and p.country_code == country
        and p.admin1
        and distance_km(p.lat, p.lon, lat, lon) < 1
    ]


def more_specific_within(prev: Event, places: Sequence[Any]) -> Any | None:
    """A place of the follow-up that narrows the event's place down ("northeast Syria" -> Hasakeh city)."""
    current = SPECIFICITY.get(prev.place_type or "", 9)
    better = [
        p
        for p in places
        if SPECIFICITY.get(p.feature_type, 9) < current
        and (prev.country_code is None or p.country_code == prev.country_code)
    ]
    return min(better, key=lambda p: SPECIFICITY.get(p.feature_type, 9)) if better else None


def literal_in(literal: Sequence[Any], start: int, end: int) -> list[Any]:
    return [p for p in literal if start <= p.start < end]


def place_for(
    cand: EventCandidate, literal: Sequence[Any], window_start: int, main: Any | None, text: str
) -> tuple[Any | None, bool]:
    """The most specific literal place in the sentence (nearest the cue among equals), else in the sentences
    just before (``window_start`` on), else the article's main city; the bool says it was not in the sentence.
    A place named as where people came from ("armed men from Katsina attacked Shika") is where the event
    happened only when the sentence names no other."""
    own = literal_in(literal, cand.sent_start, cand.sent_end)
    if own:
        units = {id(p): units_after(p, own, text) for p in own}
        unit_ids = {id(u) for chain in units.values() for u in chain}
        return min(
            own,
            key=lambda p: (
                _is_origin(text, p.start),
                not agrees_with_units(p, units[id(p)], text),
                id(p) in unit_ids,
                SPECIFICITY.get(p.feature_type, 9),
                abs(p.start - cand.cue_start),
            ),
        ), False
    before = literal_in(literal, window_start, cand.sent_start)
    if before:
        place = min(before, key=lambda p: (SPECIFICITY.get(p.feature_type, 9), cand.sent_start - p.start))
    else:
        place = main
    return place, place is not None


# What may stand between a place and the admin unit named as holding it: punctuation, unit nouns, "of",
# "in", "the countryside of", and up to two capitalised words the detector left out of the place
# ("Salla Khana village of Shahrak district": the place detected is "Salla").
_UNIT_WORDS = (
    r"of|in|the|countryside|outskirts|village|town|city|area|neighbou?rhood|quarter|camp|district|"
    r"sub-?district|governorate|province|region|state|county|upazila|union|township|commune|department|"
    r"municipality|locality|woreda|kebele|zone|oblast|raion|hromada"
)
_UNIT_GAP = re.compile(
    rf"(?:\s*(?:[,(\[]|-|\b(?:{_UNIT_WORDS})\b))*\s*(?:[A-Z][\w'-]*\s+){{0,2}}"
    rf"(?:\s*(?:[,(\[]|\b(?:{_UNIT_WORDS})\b))*\s*"
)
_MAX_GAP = 40
# How far a place may lie from the point of a district it is said to be in (the point is anywhere in it).
_DISTRICT_REACH_KM = 120.0


def units_after(place: Any, own: Sequence[Any], text: str) -> list[Any]:
    """The admin units the text names right after ``place`` as holding it, nearest first: "X (District,
    Governorate)", "X village of Y district, Z", "X, Y province". A unit is no more specific than the place."""
    chain: list[Any] = []
    end, level = place.end, SPECIFICITY.get(place.feature_type, 9)
    for other in sorted(own, key=lambda p: p.start):
        if other.start < end:
            continue
        gap = text[end : other.start]
        if len(gap) > _MAX_GAP or _UNIT_GAP.fullmatch(gap) is None:
            break
        if SPECIFICITY.get(other.feature_type, 9) < level:
            break
        chain.append(other)
        end = other.end
    return chain


def agrees_with_units(place: Any, units: Sequence[Any], text: str) -> bool:
    """False when ``place`` was resolved to a namesake of what the text means: it lies outside the country of
    a unit named as holding it, or farther from a unit the text calls a district than a district reaches.

    Only units in the countries whose villages and units the gazetteer holds (the conflict pack's) are
    trusted over a place outside them: elsewhere the unit is as likely the namesake ("Starohnativka,
    Donetsk" is not Russia's Donetsk), and of two pack countries neither side can be told right."""
    for unit in units:
        if unit.country_code not in PACK_COUNTRIES:
            continue
        if place.country_code != unit.country_code:
            if place.country_code not in PACK_COUNTRIES:
                return False
            continue
        called_district = _DISTRICT_WORD.match(text, unit.end) or "district" in unit.text.lower()
        far = distance_km(place.lat, place.lon, unit.lat, unit.lon) > _DISTRICT_REACH_KM
        if called_district and far:
            return False
    return True


_DISTRICT_WORD = re.compile(r"\s+district\b", re.I)


# "from X", "from the town of X", "from X's ...": an origin, not the scene.
_ORIGIN_BEFORE = re.compile(
    r"\bfrom\s+(?:the\s+)?(?:(?:town|city|village|district|province|region|area)\s+of\s+)?$", re.I
)


def _is_origin(text: str, start: int) -> bool:
    return _ORIGIN_BEFORE.search(text[max(start - 40, 0) : start]) is not None


def main_place(literal: Sequence[Any]) -> Any | None:
    """The article's most named literal city: where an event with no place of its own most likely is."""
    cities = Counter((p.name, p.lat, p.lon) for p in literal if p.feature_type == "city")
    if not cities:
        return None
    key = cities.most_common(1)[0][0]
    return next(p for p in literal if (p.name, p.lat, p.lon) == key)
