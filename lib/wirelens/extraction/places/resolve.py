"""Per-article resolution: each toponym of an article placed in the gazetteer, with the whole article in
view. Plain Python over :class:`Toponym` records; the ranking itself is in :mod:`.scoring`.

Mentions are flagged metonymic when they name a place without being one: capitals and countries used
as governments, demonyms and names inside organisations. What looks like a place but is not one here
is left out: the surname of a person the article names ("Mohamed Salah ... the next Salah"), a county
the gazetteer cannot tell from its namesakes, a small place the article does not bear out, and a small
town alone in its country in an article about places elsewhere.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from difflib import SequenceMatcher
from typing import Any

from wirelens.extraction.layer import ArticleContext
from wirelens.extraction.places.admin import (
    ARTICLE,
    LOCAL,
    NONE,
    VILLAGE,
    Unit,
    bonus,
    inside,
    merged,
    near_candidates,
    support,
    units,
)
from wirelens.extraction.places.scoring import best, candidates, scorer, settled
from wirelens.extraction.places.toponym import (
    DEMONYM_LABEL,
    EMBEDDED_LABEL,
    GAZ_LABEL,
    PACK_LABEL,
    PART_LABEL,
    WEAK_LABEL,
    Toponym,
    V,
    key,
)
from wirelens.extraction.places.translit import skeleton, words
from wirelens.extraction.records import PlaceMention
from wirelens.geo.build_pack import COUNTRIES as PACK_COUNTRIES
from wirelens.geo.gazetteer import CITY, CONTINENT, COUNTRY, DISTRICT, REGION, Gazetteer, Place, distance_km, name_key

# Labels of names that may be a person named elsewhere in the article ("Mohamed Salah" ... "the next Salah").
_MAJOR = 500_000  # a namesake abroad this large may stand beside another country's places ("Paris", "Sanaa")
_PERSONABLE_LABELS = frozenset({"GPE", "LOC", "NORP", GAZ_LABEL, PACK_LABEL})
_SKELETON_LETTERS = 0.6  # share of letters a name found by its skeleton must have in common with the place's
_NO_SKELETON_LABELS = frozenset({DEMONYM_LABEL, EMBEDDED_LABEL, PART_LABEL, "NORP"})  # names no village


def resolve_places(toponyms: Sequence[Toponym], context: ArticleContext, gaz: Gazetteer) -> list[PlaceMention]:
    """Resolve an article's toponyms: population and feature type first, then the article's context.

    Every mention of one name in one phrase shape resolves alike, so the work is done once per
    distinct (name, hint, label): linear in the mentions even for a book-length text. A name that
    is qualified once ("LONDON, Ky.") means the same place wherever else the article uses it.
    """
    Sig = tuple[str, str | None, str]

    def sig_of(t: Toponym) -> Sig:
        return (t.name, t.hint, t.label)

    toponyms = _holders_as_units(_units_of_districts(toponyms, context.article.text), context.article.text, gaz)
    sigs: dict[Sig, list[Place]] = {}
    needs: dict[Sig, dict[Place, int]] = {}
    for t in toponyms:
        sig = sig_of(t)
        if t.name and sig not in sigs:
            found = merged(t, candidates(t, gaz), gaz)
            sigs[sig], needs[sig] = found.places, found.needs
    unknown = [sig for sig, cands in sigs.items() if not cands and sig[2] not in _NO_SKELETON_LABELS]
    sigs = {sig: cands for sig, cands in sigs.items() if cands}
    # A person's surname is no place, and gives no context either ("Bingham" the mayor is no English town).
    people = _person_words(context)
    toponyms = [t for t in toponyms if not (sig_of(t) in sigs and _is_person(t, sigs[sig_of(t)], people))]
    placelike = {sig_of(t) for t in toponyms if t.label == WEAK_LABEL and t.locative and key(t.name) not in people}
    toponyms = [t for t in toponyms if t.label != WEAK_LABEL or sig_of(t) in placelike]
    sigs = {sig: cands for sig, cands in sigs.items() if sig[2] != WEAK_LABEL or sig in placelike}
    # Pass 1, no context: the countries and places the article names, counted per mention (the pack's own
    # places only where they need no support).
    plain = {sig: [p for p in c if needs[sig].get(p, 0) == NONE] for sig, c in sigs.items()}
    first = {sig: c[0] if len(c) == 1 else best(c, key(sig[0]), Counter(), ()) for sig, c in plain.items() if c}
    for a, b in _qualifiers(toponyms, context.article.text).items():
        _agree(first, plain, sigs.get(sig_of(a), ()), sig_of(b))
    mentions_of = Counter(sig_of(t) for t in toponyms if sig_of(t) in first)
    own: dict[str, Counter[Place]] = {}
    for sig, n in mentions_of.items():
        own.setdefault(key(sig[0]), Counter())[first[sig]] += n
    every: Counter[Place] = sum(own.values(), Counter())
    qualifier_of: dict[Sig, Place] = {}
    for a, b in _qualifiers(toponyms, context.article.text).items():
        place = first.get(sig_of(b))
        if place is not None and place.feature_type in (REGION, COUNTRY) and sig_of(a) in sigs:
            qualifier_of.setdefault(sig_of(a), place)
    relative_of: dict[Sig, Place] = {}
    for a, b in _relatives(toponyms, context.article.text).items():
        place = first.get(sig_of(b))
        if place is not None and place.feature_type != CONTINENT and sig_of(a) in sigs:
            qualifier_of.setdefault(sig_of(a), place)  # "Kingston, south of Brisbane": near Brisbane
            relative_of.setdefault(sig_of(a), place)
    local, article = _admin_context(toponyms, first, sigs, sig_of)
    districts = _named_districts(toponyms, first, sigs, sig_of)
    for sig in unknown:  # "Ein Issa ... in Raqqa countryside": the pack's ‘Ayn ‘Īsá, by its skeleton, inside Raqqa
        found = _by_skeleton(sig[0], local.get(sig, ()), gaz)
        if found:
            sigs[sig], needs[sig] = found, dict.fromkeys(found, LOCAL)
    comma: dict[Sig, list[Unit]] = {}
    for a, b in _qualifiers(toponyms, context.article.text).items():
        if sig_of(b) in first:
            comma.setdefault(sig_of(a), []).extend(units(first[sig_of(b)], sigs.get(sig_of(b), ())))
    resolved: dict[Sig, Place] = {}
    levels: dict[Sig, int] = {}
    units_named = {sig_of(t) for t in toponyms if _named_as_unit(t, context.article.text)}
    seated: dict[Sig, tuple[Place, str]] = {}  # a governorate's seat chosen for its bare name, and that name
    for sig, cands in sigs.items():
        others = every - own.get(key(sig[0]), Counter())  # context is what the *other* names say
        countries: Counter[str] = Counter()
        for p, n in others.items():
            countries[p.country_code] += n
        units_here = local.get(sig, [])
        units_all = [u for k, us in article.items() if k != key(sig[0]) for u in us]
        level = {p: support(p, units_here, units_all, countries) for p in cands}
        cands = [p for p in cands if level[p] >= needs[sig].get(p, NONE)]
        if not cands and units_here and sig[2] != DEMONYM_LABEL:  # "Saraqeb": another spelling, inside the unit named
            near = near_candidates(Toponym(0, 0, sig[0], sig[0], sig[2], sig[1], 0, 0, True), gaz)
            cands = [p for p in near if support(p, units_here, (), ()) == LOCAL]
            level.update(dict.fromkeys(cands, LOCAL))
        cands = _in_named_district(cands, districts.get(sig, ()), key(sig[0]))
        if not cands:
            continue
        if any(level[p] == LOCAL and _coded(p, units_here) for p in cands):
            # The sentence's admin units decide among towns and districts (by the pack's codes):
            cands = [p for p in cands if p.feature_type not in (CITY, DISTRICT) or level[p] == LOCAL]
            tight = [p for p in cands if any(inside(p, u) for u in comma.get(sig, ()))]
            cands = tight or cands  # "near Mykhaylivka, Donetsk": the unit after the comma first
        elif sig[2] not in (DEMONYM_LABEL, EMBEDDED_LABEL):
            # "Bani an Namri (Al Haymah, Sanaa)": no namesake on another continent for a town named beside the
            # districts of a country the pack codes.
            coded = {u.country for u in units_here if u.kind in (REGION, DISTRICT) and u.admin1}
            if coded:
                cands = [
                    p
                    for p in cands
                    if p.country_code in coded or p.population >= _MAJOR or p.feature_type not in (CITY, DISTRICT)
                ]
                if not cands:
                    continue
        # A country's centroid counts as an anchor too: Tripoli near Syria is Lebanon's.
        score = scorer(key(sig[0]), countries, list(others), qualifier_of.get(sig))
        # The admin bonus goes only to places whose governorate the pack codes: a distance alone is the near bonus's.
        chosen = _town_of_district(
            max(
                cands,
                key=lambda p: score(p) + (bonus(level[p]) if p.admin1 and p.feature_type in (CITY, DISTRICT) else 0.0),
            ),
            cands,
            level,
            sig[1],
        )
        resolved[sig] = _seat_of_region(chosen, cands, sig[1] or ("region" if sig in units_named else None))
        if resolved[sig] is not chosen:
            seated[sig] = (resolved[sig], chosen.name)
        levels[sig] = level[resolved[sig]]
        if _contradicts(resolved[sig], levels[sig], units_here):
            del resolved[sig]  # "Shahrak ... of Nahri Shahi district, Balkh": not a Shahrak of another province
            continue
        if (
            (_stray(resolved[sig], countries) or _stray_alias(resolved[sig], sig[0], countries, others))
            and sig not in qualifier_of
            and sig[2] != WEAK_LABEL
            and levels[sig] < ARTICLE
        ):
            del resolved[sig]
        elif (
            kept := settled(cands, key(sig[0]), countries, list(others), qualifier_of.get(sig), resolved[sig])
        ) is None:
            del resolved[sig]
        else:
            resolved[sig] = kept
    # A weakly named place needs another place of the article near it, as resolved with context.
    # (as resolved with context, or at first sight: "Castlegar" near "Nelson" may be stray on its own)
    unsupported = [
        sig
        for sig, place in resolved.items()
        if sig[2] == WEAK_LABEL
        and sig not in qualifier_of
        and levels.get(sig, NONE) < ARTICLE
        and not _unambiguous(sigs[sig])
        and not _weak_support(
            place,
            sigs[sig],
            [p for s, p in resolved.items() if key(s[0]) != key(sig[0])]
            + list(every - own.get(key(sig[0]), Counter())),
        )
    ]
    for sig in unsupported:
        del resolved[sig]
    # "Hayyan, north of Aleppo" is near Aleppo: a namesake far away means the gazetteer lacks the place.
    for sig, anchor in relative_of.items():
        if sig in resolved and not _near_anchor(resolved[sig], anchor):
            del resolved[sig]
    _one_sense(resolved, sigs, {sig: resolved[sig] for sig in qualifier_of if sig in resolved})
    states = sorted((e.start, e.end) for e in context.entities if e.actor_type == "state")
    out = {t: _district_seat(t, resolved[sig_of(t)], sigs[sig_of(t)], gaz) for t in toponyms if sig_of(t) in resolved}
    for t, place in out.items():  # the seat named as its governorate is ("Hama", not GeoNames' "Ḩamāh")
        seat, name = seated.get(sig_of(t), (None, ""))
        if place == seat:
            out[t] = place._replace(name=name)
    mentions = [_mention(t, p, _metonymic(t, states)) for t, p in out.items()]
    mentions += _parts(toponyms, mentions, out)
    return sorted(mentions, key=lambda m: m.start)


def _admin_context(
    toponyms: Sequence[Toponym],
    first: Mapping[Any, Place],
    sigs: Mapping[Any, Sequence[Place]],
    sig_of: Callable[[Toponym], Any],
) -> tuple[dict[Any, list[Unit]], dict[str, list[Unit]]]:
    """The admin units each name's own sentences name (by signature), and those of the whole article (by name key),
    as first resolved: "Basira town in Deir ez Zor countryside" puts Deir ez Zor governorate around Basira."""
    by_sentence: dict[int, list[tuple[str, list[Unit]]]] = {}
    article: dict[str, list[Unit]] = {}
    for t in toponyms:
        place = first.get(sig_of(t))
        if place is None or t.label in (EMBEDDED_LABEL, PART_LABEL):
            continue
        namesakes = sigs.get(sig_of(t), ())
        found = units(place, namesakes)
        if place.feature_type == REGION:  # "Maryland" unresolved yet: the US state's and Liberia's county both
            found += [u for p in namesakes if p.feature_type == REGION and p != place for u in units(p)]
        if not found:
            continue
        by_sentence.setdefault(t.sent_start, []).append((key(t.name), found))
        article.setdefault(key(t.name), []).extend(found)
    local: dict[Any, list[Unit]] = {}
    for t in toponyms:
        if t.name:
            local.setdefault(sig_of(t), []).extend(
                u for k, us in by_sentence.get(t.sent_start, ()) if k != key(t.name) for u in us
            )
    return local, article


def _named_districts(
    toponyms: Sequence[Toponym],
    first: Mapping[Any, Place],
    sigs: Mapping[Any, Sequence[Place]],
    sig_of: Callable[[Toponym], Any],
) -> dict[Any, list[Unit]]:
    """The districts each name's sentence names ("in Al Amadiya district", by signature), as units: resolved at
    first sight, or a name called a district whose candidates all lie in one governorate."""
    by_sentence: dict[int, list[tuple[str, Unit]]] = {}
    for t in toponyms:
        if t.hint != "region" or t.label in (EMBEDDED_LABEL, PART_LABEL, DEMONYM_LABEL):
            continue
        place = first.get(sig_of(t)) or _one_district(sigs.get(sig_of(t), ()))
        if place is not None and place.feature_type in (CITY, DISTRICT) and (place.admin2 or place.pack):
            unit = units(place)[0]._replace(kind=DISTRICT)
            by_sentence.setdefault(t.sent_start, []).append((key(t.name), unit))
    return {
        sig_of(t): [u for k, u in by_sentence.get(t.sent_start, ()) if k != key(t.name)] for t in toponyms if t.name
    }


def _in_named_district(cands: Sequence[Place], districts: Sequence[Unit], name: str) -> list[Place]:
    """The text's district decides among a governorate's villages: where the sentence names a district ("in the
    vicinity of Desise village in Al Amadiya district, Duhok"), a pack village of that governorate outside it is
    a namesake, dropped when a village of the name lies inside it, or when only another spelling or an alternate
    name of the village matches the text ("Gire" is no Kara of Zakho district). Left with none, the place is
    the district the text names."""
    districts = [u for u in districts if u.district]
    if not districts:
        return list(cands)

    def judged(p: Place) -> bool:
        return (
            p.feature_type == CITY
            and bool(p.pack and p.admin2)
            and p.population < VILLAGE
            and any(u.country == p.country_code and u.admin1 in ("", p.admin1) for u in districts)
        )

    def within(p: Place) -> bool:
        return any(inside(p, u) for u in districts)

    if any(judged(p) and within(p) for p in cands):
        return [p for p in cands if not judged(p) or within(p)]
    return [p for p in cands if not judged(p) or key(p.name) == name]


def _one_district(cands: Sequence[Place]) -> Place | None:
    """The district of a name the text calls a district ("in Al Amadiya district") whose candidates, each needing
    support, all lie in one governorate."""
    if not cands or not cands[0].admin1:
        return None
    first = cands[0]
    same = all(p.country_code == first.country_code and p.admin1 == first.admin1 for p in cands)
    return min(cands, key=lambda p: p.feature_type != DISTRICT) if same else None


def _coded(place: Place, units_here: Sequence[Unit]) -> bool:
    """Whether ``place`` is inside one of ``units_here`` by the admin codes both carry (not by distance alone)."""
    return bool(place.admin1) and any(inside(place, u) and (u.admin1 or u.district) for u in units_here)


def _contradicts(place: Place, level: int, units_here: Sequence[Unit]) -> bool:
    """A town or district outside the governorates its sentence names in its own country (both codes known)."""
    return (
        level < LOCAL
        and place.feature_type in (CITY, DISTRICT)
        and bool(place.admin1)
        and place.population < V.self_supporting
        and any(u.country == place.country_code and u.admin1 for u in units_here)
    )


def _town_of_district(place: Place, cands: Sequence[Place], level: Mapping[Place, int], hint: str | None) -> Place:
    """ "In Ras al-Ain": the town, not the district named after it (unless the text says "district")."""
    if place.feature_type != DISTRICT or hint == "region":
        return place
    towns = [
        p
        for p in cands
        if p.feature_type == CITY
        and level[p] >= level[place]
        and p.country_code == place.country_code
        and (
            key(p.admin2) == key(place.admin2 or place.name)
            or distance_km(p.lat, p.lon, place.lat, place.lon) < V.local_town_km
        )
    ]
    return max(towns, key=lambda p: p.population) if towns else place


def _district_seat(t: Toponym, place: Place, cands: Sequence[Place], gaz: Gazetteer) -> Place:
    """ "Mandalay district" resolved to the region of the name, where the gazetteer holds no district of it: the
    city of the name in that region, the district's seat, whose point lies nearer whatever is in the district
    than the region's point does ("Mandalay Region" in the same sentence stays the region)."""
    if (
        place.feature_type != REGION
        or not t.text.lower().endswith(" district")
        or any(p.feature_type == DISTRICT for p in cands)
    ):
        return place
    seats = [
        p
        for p in gaz.lookup(t.name)
        if p.feature_type == CITY
        and p.country_code == place.country_code
        and distance_km(p.lat, p.lon, place.lat, place.lon) < V.local_region_km
    ]
    return max(seats, key=lambda p: p.population) if seats else place


def _seat_of_region(place: Place, cands: Sequence[Place], hint: str | None) -> Place:
    """ "In Deir ez-Zor": the city, not the governorate named after it, in the countries whose governorates the
    conflict pack holds (unless the text says "province", "countryside"); the governorate's point may lie 50 km
    from its seat. Elsewhere a bare "Quebec" stays the province."""
    if place.feature_type != REGION or hint is not None or place.country_code not in PACK_COUNTRIES:
        return place
    seats = [
        p
        for p in cands
        if p.feature_type == CITY
        and p.country_code == place.country_code
        and name_key(p.name) == name_key(place.name)
        and distance_km(p.lat, p.lon, place.lat, place.lon) < V.local_region_km
    ]
    return max(seats, key=lambda p: p.population) if seats else place


_COUNTRYSIDE_OF = re.compile(r"(?:countryside|outskirts|rural areas?|province|governorate)\s+of\s+(?:the\s+)?$", re.I)


def _named_as_unit(t: Toponym, text: str) -> bool:
    """The text calls ``t`` a unit: "Deir ez-Zor province" (the word left outside the span), "the countryside
    of Idleb", or a unit holding a place named before it."""
    if t.unit:
        return True
    after = text[t.end : t.end + 20].split()
    if after and after[0].strip(".,;:()").lower() in V.region_words | {"countryside", "outskirts"}:
        return True
    return _COUNTRYSIDE_OF.search(text[max(t.start - 30, 0) : t.start]) is not None


def _holders_as_units(toponyms: Sequence[Toponym], text: str, gaz: Gazetteer) -> list[Toponym]:
    """A governorate of a conflict-pack country written as holding the place before it ("the countryside of Al
    Bab in Aleppo", "Mashraqa village in ... Ar Raqqa") is the governorate, not its seat town: it is read with
    the hint "region" (a bare "in Aleppo" stays the city; so does "Brooklyn in New York", outside the pack)."""
    holders = {
        b
        for a, b in _linked(toponyms, text, 4, lambda gap: gap.strip() == "in").items()
        if a.label not in (DEMONYM_LABEL, PART_LABEL)
        and b.hint is None
        and b.label not in (DEMONYM_LABEL, EMBEDDED_LABEL)
        and any(
            p.feature_type == REGION and p.country_code in PACK_COUNTRIES
            for p in gaz.lookup(b.name) + gaz.pack_candidates(b.name)
        )
    }
    return [t._replace(hint="region") if t in holders else t for t in toponyms]


def _unambiguous(cands: Sequence[Place]) -> bool:
    """A name all of whose candidates are one place, with a name of two words or more ("Maarat al-Numan")."""
    return (
        bool(cands)
        and all(
            p.country_code == cands[0].country_code and distance_km(p.lat, p.lon, cands[0].lat, cands[0].lon) < 25
            for p in cands
        )
        and " " in cands[0].name.strip()
        and any(p.pack for p in cands)
    )


def _linked(
    toponyms: Sequence[Toponym], text: str, max_gap: int, joins: Callable[[str], bool]
) -> dict[Toponym, Toponym]:
    """Each toponym mapped to the next one when the text between them (at most ``max_gap`` characters) joins them."""
    ordered = sorted((t for t in toponyms if t.name), key=lambda t: t.start)
    return {
        a: b
        for a, b in zip(ordered, ordered[1:])
        if 0 < b.start - a.end <= max_gap and joins(text[a.end : b.start]) and a.label != EMBEDDED_LABEL
    }


def _qualifiers(toponyms: Sequence[Toponym], text: str) -> dict[Toponym, Toponym]:
    """Each toponym followed by ", <toponym>" ("Paris, Missouri") or " (<toponym>" ("Materi (Materi, Atacora)",
    see brackets.py), mapped to the one after the comma or bracket."""
    return _linked(toponyms, text, 3, lambda gap: gap.strip() in (",", "("))


def _by_skeleton(name: str, units_here: Sequence[Unit], gaz: Gazetteer) -> list[Place]:
    """The pack's places sharing the transliteration skeleton of a name nothing else knows, inside the admin
    units its sentence names (a skeleton alone has namesakes everywhere, so never without them)."""
    if not units_here:
        return []
    own = " ".join(words(name))
    return [
        p
        for p in gaz.skeleton_candidates(name)
        if support(p, units_here, (), ()) == LOCAL
        # the same skeleton, and most letters too: "Ein Issa" ‘Ayn ‘Īsá (0.67), not "Shiheil" Ash Shūlā (0.5)
        and SequenceMatcher(None, own, " ".join(words(p.name))).ratio() >= _SKELETON_LETTERS
    ]


def _agree(first: dict[Any, Place], plain: Mapping[Any, Sequence[Place]], named: Sequence[Place], unit: Any) -> None:
    """The unit after a place ("Sidon city (Sayda)", "Sirt, West") first read in a country the place may be in:
    Sidon's Sayda, not Algeria's Saïda province."""
    place = first.get(unit)
    countries = {p.country_code for p in named}
    if place is None or not countries or place.country_code in countries:
        return
    same = [p for p in plain.get(unit, ()) if p.country_code in countries]
    if same:
        first[unit] = best(same, key(unit[0]), Counter(), ())


def _units_of_districts(toponyms: Sequence[Toponym], text: str) -> list[Toponym]:
    """A name right after a district's ("Safwan district, Basrah", "Kulu district of Konya") is the unit that
    holds the district, its governorate, not the town of that name: it is read with the hint "region"."""
    holders = {
        b
        for a, b in _linked(toponyms, text, 4, lambda gap: gap.strip() in (",", "of", "(")).items()
        if a.hint == "region" and b.hint is None and b.label not in (DEMONYM_LABEL, EMBEDDED_LABEL)
    }
    return [t._replace(hint="region") if t in holders else t for t in toponyms]


def _relatives(toponyms: Sequence[Toponym], text: str) -> dict[Toponym, Toponym]:
    """Each toponym placed relative to the next one ("Kingston, south of Brisbane", "Tal Rifaat, 35 km north
    of Aleppo", "a village near Idlib"), mapped to that next one."""
    return _linked(toponyms, text, 60, lambda gap: V.relative.fullmatch(gap) is not None)


def _person_words(context: ArticleContext) -> frozenset[str]:
    """The surnames of the article's multi-word PERSON entities, as name keys: "Mohamed Salah" gives "sala"
    (the last word: the sm model also tags "Karak Castle" PERSON, and the article's "Karak" stays a town)."""
    return frozenset(
        name_key(words[-1])
        for e in context.entities
        if e.label == "PERSON"
        if len(words := e.text.split()) > 1 and words[-1][:1].isupper()
    )


def _is_person(t: Toponym, cands: Sequence[Place], people: frozenset[str]) -> bool:
    """A bare name the article also gives a person ("the next Salah", "Freeland said"), not governed like a place.

    Countries and continents stay places: "Jordan said" is the country even beside "Michael Jordan".
    """
    return (
        t.label in _PERSONABLE_LABELS
        and not t.locative
        and t.hint is None
        and not any(p.feature_type in (CONTINENT, COUNTRY) for p in cands)
        and " " not in t.name.strip()
        and key(t.name) in people
    )


def _stray(place: Place, countries: Counter[str]) -> bool:
    """A small town alone in its country, in an article that names places elsewhere (see V.stray_population)."""
    return (
        place.feature_type == CITY
        and place.population < V.stray_population
        and not countries[place.country_code]
        and sum(countries.values()) >= V.stray_context
    )


def _stray_alias(place: Place, name: str, countries: Counter[str], others: Counter[Place]) -> bool:
    """A place called so only by one of its alternate names (not a spelling of its own: "Idleb" is Idlib), alone
    in its country, in an article whose other towns and regions are elsewhere: "Tiba" (a road near Daraa) is
    not Chiba, "Olan" beside Al Bab not Olemps in France. (A demonym's country is no place: "Russian
    warplanes" over Idleb.)"""
    return (
        place.feature_type == CITY  # a region's other names are its abbreviations and official forms ("Ky.")
        and key(place.name) != key(name)
        and skeleton(place.name) != skeleton(name)
        and not countries[place.country_code]
        and any(p.feature_type not in (CONTINENT, COUNTRY) for p in others)
    )


def _near_anchor(place: Place, anchor: Place) -> bool:
    """Whether ``place`` can be where a phrase such as "north of <anchor>" puts it: in the anchor country,
    or within V.relative_km of the anchor town or region."""
    if anchor.feature_type == COUNTRY:
        return place.country_code == anchor.country_code
    return distance_km(place.lat, place.lon, anchor.lat, anchor.lon) <= V.relative_km


def _weak_support(place: Place, cands: Sequence[Place], others: Sequence[Place]) -> bool:
    """Whether a weakly named place stands on its own (a city of V.self_supporting inhabitants, or the region
    of a name such a city of its country bears: "shelled Hodeidah", "in Gao") or another place the article
    names lies within V.near_km of it (see WEAK_LABEL)."""
    if any(
        c.feature_type == CITY
        and c.population >= V.self_supporting
        and c.country_code == place.country_code
        and (c is place or place.feature_type == REGION)
        for c in cands
    ):
        return True
    return any(
        o is not place
        and o.feature_type not in (CONTINENT, COUNTRY)
        and distance_km(o.lat, o.lon, place.lat, place.lon) < V.near_km
        for o in others
    )


def _one_sense(resolved: dict[Any, Place], sigs: Mapping[Any, Sequence[Place]], qualified: Mapping[Any, Place]) -> None:
    """Every other mention of a qualified name ("of London", "London Police") means the qualified place."""
    by_key = {(key(p.name), sig[1]): p for sig, p in qualified.items()}
    places = set(qualified.values())
    by_key.update({(key(sig[0]), sig[1]): p for sig, p in resolved.items() if p in places})
    for sig, cands in sigs.items():
        # "Al Hazm (Al Hazm, Al Jawf)": the town and its district, named alike, keep their own senses.
        place = by_key.get((key(sig[0]), sig[1]))
        if place is not None and place in cands:
            resolved[sig] = place


def _parts(
    toponyms: Sequence[Toponym], mentions: Sequence[PlaceMention], resolved: Mapping[Toponym, Place]
) -> list[PlaceMention]:
    """ "The rebel-held east" is part of the nearest city named in its sentence, else of the article's main city."""
    literal = {m.start for m in mentions if not m.metonymic}
    cities = [(t, p) for t, p in resolved.items() if p.feature_type == CITY and t.start in literal]
    if not cities:
        return []
    main = Counter(p for _, p in cities).most_common(1)[0][0]
    out = []
    for t in toponyms:
        if t.label != PART_LABEL:
            continue
        same = [(abs(u.start - t.start), p) for u, p in cities if u.sent_start == t.sent_start]
        out.append(_mention(t, min(same, key=lambda x: x[0])[1] if same else main, False))
    return out


def _metonymic(t: Toponym, states: Sequence[tuple[int, int]]) -> bool:
    """A demonym, or a GPE the actor layer resolved to a state that is not governed like a place."""
    return t.label in (DEMONYM_LABEL, EMBEDDED_LABEL) or (t.label == "GPE" and not t.locative and _overlaps(t, states))


def _overlaps(t: Toponym, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether ``t`` overlaps one of ``spans`` (sorted, non-overlapping entity spans)."""
    i = bisect.bisect_left(spans, (t.end,))  # spans starting before t ends
    return i > 0 and spans[i - 1][1] > t.start


def _mention(t: Toponym, place: Place, metonymic: bool) -> PlaceMention:
    """The mention, at the level the text names: "Myitkyina district" placed at the town (the gazetteer has no
    district of that name), or the unit "Materi" of "Nouari (Materi, Atacora)", is still a district, less
    specific than a village the sentence names."""
    level = DISTRICT if (t.hint == "region" or t.unit) and place.feature_type == CITY else place.feature_type
    return PlaceMention(
        t.start,
        t.end,
        t.text,
        place.name,
        place.lat,
        place.lon,
        place.country_code,
        place.geonameid,
        level,
        metonymic,
    )
