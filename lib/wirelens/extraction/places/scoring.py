"""The gazetteer's candidates for a toponym and how they rank: population and feature type first
(:func:`prior`), then what the rest of the article names (:func:`scorer`). The weights are in
``vocab.toml`` ([weights], [distances_km])."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence

from wirelens.extraction.places.toponym import DEMONYM_LABEL, EMBEDDED_LABEL, PART_LABEL, Toponym, V, is_acronym, key
from wirelens.extraction.places.translit import unit_spellings
from wirelens.extraction.places.vocab import landmarks
from wirelens.geo.gazetteer import CITY, CONTINENT, COUNTRY, DISTRICT, REGION, Gazetteer, Place, distance_km, fold

_NO_REGION_LABELS = frozenset({DEMONYM_LABEL, EMBEDDED_LABEL, PART_LABEL, "NORP"})


def candidates(toponym: Toponym, gaz: Gazetteer) -> list[Place]:
    """The places ``toponym`` may name, narrowed by what its phrase says ("Hasakeh city", "Metcalfe County")."""
    if toponym.label == DEMONYM_LABEL:
        place = gaz.demonyms.get(fold(toponym.name))
        return [place] if place else []
    if (site := landmarks().get(key(toponym.name))) is not None:  # "outside the White House": Washington
        town, country = site
        return [p for p in gaz.lookup(town) if p.country_code == country and p.feature_type == CITY][:1]
    if _implausible(toponym.name) and not is_acronym(toponym.name):
        return []
    places = gaz.lookup(toponym.name) or _region_spelled(toponym, gaz)
    if is_acronym(toponym.name) and not _in_capitals(toponym, places):
        places = [p for p in places if p.feature_type in (CONTINENT, COUNTRY)]
    if toponym.label in ("LOC", "FAC"):
        places = [p for p in places if p.feature_type != CITY or p.population >= V.small_for_loc]
    if toponym.hint == "county":
        # "Metcalfe County" is the county or nothing: the town of Metcalfe (or one abroad) is no
        # stand-in, and a region named plainly "Suffolk" is England's, not New York's "Suffolk County".
        return gaz.lookup(f"{toponym.name} County")
    if toponym.hint == "city":
        wanted = [p for p in places if p.feature_type in (CITY, DISTRICT)]
    elif toponym.hint == "region":
        wanted = [p for p in places if p.feature_type in (REGION, DISTRICT)]
    else:
        wanted = places
    return wanted or places


def _region_spelled(toponym: Toponym, gaz: Gazetteer) -> list[Place]:
    """A name the gazetteer does not hold, as a region in another transliteration ("Thi Qar province" is Dhi Qar,
    "(Materi, Atacora)" Atakora, "Lower Shabelle" Lower Shebelle). The name of a town ("Nassriya city") or a
    county is left alone; a pack's village of the name stays a candidate (admin.merged) and needs support."""
    if toponym.hint in ("city", "county") or toponym.label in _NO_REGION_LABELS or is_acronym(toponym.name):
        return []
    # One vowel away only where the text says it is a unit, or for a name of several words: a bare "Kabonga"
    # is one letter from Uganda's Kaabong, but "(Kompienga, Kompienga)" says where it is.
    near = toponym.hint == "region" or toponym.unit or len(toponym.name.split()) > 1
    if any(p.feature_type in (REGION, DISTRICT) for p in gaz.pack_candidates(toponym.name)):
        return []  # "Shadaa district": the pack's own district Shada'a, not a region spelled like it
    return gaz.regions_called(unit_spellings(toponym.name, near))


def prior(place: Place, name: str) -> float:
    """A candidate's weight before context: its feature type's prior, or a city's log10(population);
    less when ``name`` (a name key) is only one of its alternate names."""
    if place.feature_type in V.prior:
        value = V.prior[place.feature_type]
    else:
        value = math.log10(place.population + 1) if place.feature_type == CITY else 2.0
        value += V.capital_bonus if place.capital else 0.0
    return value if key(place.name) == name else value - V.alias_penalty


def scorer(
    name: str, countries: Counter[str], anchors: Sequence[Place], qualifier: Place | None = None
) -> Callable[[Place], float]:
    """The ranking score of a candidate for ``name`` in an article naming ``countries`` and ``anchors``."""
    regions = {(a.country_code, a.admin1) for a in anchors if a.feature_type == REGION and a.admin1}

    def score(place: Place) -> float:
        value = prior(place, name)
        if countries[place.country_code]:
            value += V.same_country_bonus
        if place.feature_type != COUNTRY and any(
            a is not place and distance_km(a.lat, a.lon, place.lat, place.lon) < V.near_km for a in anchors
        ):
            value += V.near_bonus
        if place.admin1 and place.feature_type != REGION and (place.country_code, place.admin1) in regions:
            value += V.same_region_bonus  # Orange County in an article naming California
        if qualifier is not None:
            value += _qualified(place, qualifier)
        return value

    return score


def best(
    cands: Sequence[Place], name: str, countries: Counter[str], anchors: Sequence[Place], qualifier: Place | None = None
) -> Place:
    """The top-scoring candidate."""
    return max(cands, key=scorer(name, countries, anchors, qualifier))


def settled(
    cands: Sequence[Place],
    name: str,
    countries: Counter[str],
    anchors: Sequence[Place],
    qualifier: Place | None,
    top_place: Place,
) -> Place | None:
    """``top_place``, unless it is a district that ties with another district of its name. Counties carry no
    population, so the tie goes to the one with another place of the article in or beside it (within
    distances_km.county: "Seminole County" beside Orlando, though the article names Georgia too), else to
    none ("Monroe County" in an article that names none of the Monroe Counties' states)."""
    if top_place.feature_type != DISTRICT:
        return top_place
    score = scorer(name, countries, anchors, qualifier)
    top = score(top_place)
    tied = [p for p in cands if p.feature_type == DISTRICT and score(p) >= top]
    if len(tied) == 1:
        return top_place
    gaps = sorted(
        (
            min(
                (distance_km(a.lat, a.lon, p.lat, p.lon) for a in anchors if a is not p and a.feature_type != COUNTRY),
                default=math.inf,
            ),
            i,
        )
        for i, p in enumerate(tied)
    )
    return tied[gaps[0][1]] if gaps[0][0] < V.county_km and gaps[0][0] < gaps[1][0] else None


def _qualified(place: Place, qualifier: Place) -> float:
    """How well ``place`` fits "<place>, <qualifier>": in its country, and the nearer its region's point the better."""
    if place.feature_type in (CONTINENT, COUNTRY, REGION) or place.country_code != qualifier.country_code:
        return 0.0
    if qualifier.feature_type == COUNTRY or (place.admin1 and place.admin1 == qualifier.admin1):
        return V.qualifier_bonus
    km = distance_km(place.lat, place.lon, qualifier.lat, qualifier.lon)
    return max(0.0, V.qualifier_bonus * (1 - km / V.qualifier_km))


def _in_capitals(toponym: Toponym, places: Sequence[Place]) -> bool:
    """ "SEOUL" or "CAIRO" the NER tagged a place: a name in capitals (a dateline), not an acronym ("UAE")."""
    return (
        toponym.label in ("GPE", "LOC")
        and len(toponym.name) >= 4
        and toponym.name.isupper()
        and any(key(p.name) == key(toponym.name) for p in places)
    )


def _implausible(name: str) -> bool:
    """Lower-case words, one letter, a lone generic word ("Southern", "Valley"; not "Orange County")."""
    words = name.split()
    if not words or not name[:1].isupper() or len(name.replace(".", "")) < 2:
        return True
    return len(words) == 1 and words[0].lower().strip(".") in V.generic
