"""Admin context: which candidates of a name agree with the admin units the text names.

A conflict pack (``geo/packs.py``) holds villages with namesakes everywhere, most without a
population, so a pack place is taken only where the text supports it: inside a governorate,
district or town named in its own sentence ("Basira town in Deir ez Zor countryside", "Kafr Nabl,
Idlib province", "Hasakeh's Tal Tamr", "Tal Rifaat, 35 km north of Aleppo"), or elsewhere in the
article, or (for a name that has one place only, or a town) in the article's country. Support is a
level, :data:`LOCAL` > :data:`ARTICLE` > :data:`COUNTRY` > :data:`NONE`; each candidate needs a
level (:func:`needed`), and resolution weighs the level too (``vocab.toml``, [weights]).

:func:`merged` gives a toponym's candidates: the gazetteer's (``lookup``), with the pack's admin
codes where the pack holds the same place (same GeoNames id), plus the pack's own places, plus,
when neither knows the name, the pack's places under another transliteration of it
(:mod:`.translit`) or one letter away, the latter needing local support.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from wirelens.extraction.places.toponym import PACK_LABEL, Toponym, V, key
from wirelens.extraction.places.translit import near_spellings, spellings
from wirelens.geo.gazetteer import CITY, CONTINENT, COUNTRY, DISTRICT, REGION, Gazetteer, Place, distance_km

NONE, COUNTRY_LEVEL, ARTICLE, LOCAL = 0, 1, 2, 3
COUNTRY_ = COUNTRY_LEVEL
VILLAGE = 1_000  # below this population a pack place is a village: it needs admin support
_SAME_PLACE_KM = 25.0  # all of a name's candidates this near one another: the name is unambiguous


class Candidates(NamedTuple):
    places: list[Place]
    needs: dict[Place, int]  # the support level each place needs (0 for the gazetteer's own)


def _latin(name: str) -> bool:
    return all(ord(ch) < 0x250 or not ch.isalpha() for ch in name)


def merged(toponym: Toponym, base: Sequence[Place], gaz: Gazetteer) -> Candidates:
    """``base`` (the gazetteer's candidates, see scoring.candidates) with the packs' detail and places."""
    generic = toponym.name.lower().strip(".") in V.generic or toponym.name.lower() in V.directions
    if not gaz.packs or toponym.label in ("DEMONYM", "EMBEDDED", "PART") or generic:  # "Southern": no district
        return Candidates(list(base), {p: _base_need(toponym, p, base) for p in base})
    extra, need_extra = gaz.pack_candidates(toponym.name), VILLAGE
    variant = False
    if not extra and not base:
        for spelling in spellings(toponym.name)[1:]:
            if any(spelling in pack for pack in gaz.packs):
                extra = gaz.pack_candidates(spelling)
                variant = True
                break
    places = [_with_pack_codes(p, gaz) for p in base]
    by_id = {p.geonameid: i for i, p in enumerate(places) if p.geonameid is not None}
    needs: dict[Place, int] = {}
    own: list[Place] = []
    for p in extra:
        i = by_id.get(p.geonameid) if p.geonameid is not None else None
        if i is not None:
            places[i] = places[i]._replace(admin1=places[i].admin1 or p.admin1, admin2=p.admin2 or places[i].admin2)
            continue
        if not _latin(p.name):
            p = p._replace(name=toponym.name)
        same_unit = _same_region(places, p)
        if same_unit is not None:  # "Khost": the pack's governorate point (its admin code), not a namesake town's
            places[same_unit] = places[same_unit]._replace(lat=p.lat, lon=p.lon)
            continue
        if any(
            q.feature_type == p.feature_type
            and q.country_code == p.country_code
            and distance_km(q.lat, q.lon, p.lat, p.lon) < 5
            for q in places
        ):
            continue  # the gazetteer's own record of it (a region's point, another id)
        own.append(p)
    places += own
    hinted = _hinted(toponym, places)
    one = _unambiguous(toponym, hinted)
    for p in places:
        if p not in own:
            needs[p] = _base_need(toponym, p, places)
        elif p.feature_type == REGION:
            needs[p] = NONE  # a governorate, like the gazetteer's own
        elif p.population >= need_extra or p.feature_type == DISTRICT:
            needs[p] = NONE if one and " " in toponym.name.strip() else COUNTRY_LEVEL
        else:
            needs[p] = (COUNTRY_LEVEL if one else ARTICLE) if not variant else ARTICLE
    if any(needs[p] == NONE for p in hinted) or not any(needs[p] == NONE for p in places):
        places = hinted  # "Baalbek district": the pack's district, unless only the gazetteer's town needs no support
    return Candidates(places, {p: needs[p] for p in places})


def _with_pack_codes(place: Place, gaz: Gazetteer) -> Place:
    """A town of the packaged gazetteer with the admin codes a pack holds for it (same GeoNames id), whatever
    name found it: "Menbij town ... Aleppo countryside" is the town Manbij inside Aleppo governorate, not
    only the district the pack calls "Menbij"."""
    if place.admin1 or place.geonameid is None or place.feature_type != CITY:
        return place
    for pack in gaz.packs:
        own = pack.by_geonameid(place.geonameid)
        if own is not None and own.country_code == place.country_code:
            return place._replace(admin1=own.admin1, admin2=own.admin2)
    return place


def _same_region(places: Sequence[Place], region: Place) -> int | None:
    """The index of the gazetteer's record of the pack's ``region`` (same country and admin code), if any.

    The gazetteer finds a region's GeoNames point by name, and may take a town's ("Khost" province placed at a
    Khost village 225 km away, in Nuristan); the pack holds the governorate by its admin code."""
    if region.feature_type != REGION or not region.admin1:
        return None
    return next(
        (
            i
            for i, q in enumerate(places)
            if q.feature_type == REGION and q.country_code == region.country_code and q.admin1 == region.admin1
        ),
        None,
    )


def near_candidates(toponym: Toponym, gaz: Gazetteer) -> list[Place]:
    """The pack's places one letter away from the name (a bounded edit distance), for local support only."""
    found: dict[Place, None] = {}
    for spelling in near_spellings(toponym.name):
        if any(spelling in pack for pack in gaz.packs):
            for p in gaz.pack_candidates(spelling):
                found.setdefault(p if _latin(p.name) else p._replace(name=toponym.name))
    return list(found)


def _hinted(toponym: Toponym, places: list[Place]) -> list[Place]:
    if toponym.hint == "region":
        wanted = [p for p in places if p.feature_type in (REGION, DISTRICT)]
    elif toponym.hint == "city":
        wanted = [p for p in places if p.feature_type in (CITY, DISTRICT)]
    else:
        return places
    return wanted or places


def _base_need(toponym: Toponym, place: Place, places: Sequence[Place]) -> int:
    """A name only the pack matcher found ("in Bara") needs its country named, unless it is a governorate or
    a large town, or all its places are one."""
    if toponym.label != PACK_LABEL or place.feature_type in (CONTINENT, COUNTRY, REGION):
        return NONE
    if any(p.population >= V.self_supporting for p in places) or _unambiguous(toponym, places):
        return NONE
    return COUNTRY_LEVEL


def _unambiguous(toponym: Toponym, places: Sequence[Place]) -> bool:
    """Every candidate is one place (a town and its district): "Maarat al-Numan", not "Bara"."""
    if not places or len(key(toponym.name)) < 6:
        return False
    first = places[0]
    return all(
        p.country_code == first.country_code
        and (
            (p.admin1 and p.admin1 == first.admin1 and p.feature_type != first.feature_type)
            or distance_km(p.lat, p.lon, first.lat, first.lon) < _SAME_PLACE_KM
        )
        for p in places
    )


class Unit(NamedTuple):
    """An admin unit the text names, as a test of whether a place lies inside it."""

    country: str
    admin1: str  # "" for a town or a district without a known governorate
    district: str  # the district's name key, "" if none
    lat: float
    lon: float
    km: float  # inside if this near (when the codes cannot tell)
    kind: str = CITY  # the feature type of the place named: a governorate or district is a unit proper


def units(place: Place, namesakes: Iterable[Place] = ()) -> list[Unit]:
    """The units a named place stands for: a governorate, a district, a town and its governorate, a country."""
    if place.feature_type == CONTINENT:
        return []
    if place.feature_type == COUNTRY:
        return [Unit(place.country_code, "", "", place.lat, place.lon, 0.0)]
    if place.feature_type == REGION:
        return [Unit(place.country_code, place.admin1, "", place.lat, place.lon, V.local_region_km, REGION)]
    if place.feature_type == DISTRICT:
        return [
            Unit(
                place.country_code,
                place.admin1,
                key(place.admin2 or place.name),
                place.lat,
                place.lon,
                V.local_town_km,
                DISTRICT,
            )
        ]
    out = [
        Unit(place.country_code, "", key(place.admin2) if place.admin2 else "", place.lat, place.lon, V.local_town_km)
    ]
    regions = {p.admin1 for p in namesakes if p.feature_type == REGION and p.country_code == place.country_code}
    for admin1 in ({place.admin1} | regions) - {""}:  # "Mykhaylivka, Donetsk": Donetsk oblast too
        out.append(Unit(place.country_code, admin1, "", place.lat, place.lon, 0.0))
    return out


def inside(place: Place, unit: Unit) -> bool:
    """Whether ``place`` lies in ``unit`` (same country, and same governorate or district, or near enough)."""
    if place.country_code != unit.country:
        return False
    if not unit.admin1 and not unit.district and unit.km == 0.0:
        return False  # a country: only COUNTRY support
    if unit.district and place.admin2 and key(place.admin2) == unit.district:
        return True
    if unit.admin1 and place.admin1:
        if place.admin1 != unit.admin1:
            return False
        return not unit.district or place.feature_type == REGION or not place.admin2
    return unit.km > 0 and distance_km(place.lat, place.lon, unit.lat, unit.lon) <= unit.km


def support(place: Place, local: Sequence[Unit], article: Sequence[Unit], countries: Iterable[str]) -> int:
    """The strongest support the text gives ``place`` (see the module docstring)."""
    if place.feature_type in (CONTINENT, COUNTRY):
        return COUNTRY_LEVEL
    if any(inside(place, u) for u in local):
        return LOCAL
    if any(inside(place, u) for u in article):
        return ARTICLE
    if place.country_code in countries:
        return COUNTRY_LEVEL
    return NONE


def bonus(level: int) -> float:
    return V.local_admin_bonus if level == LOCAL else V.article_admin_bonus if level == ARTICLE else 0.0
