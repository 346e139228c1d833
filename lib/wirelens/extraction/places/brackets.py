"""Admin units in brackets after a place: "in Nouari (Materi, Atacora)", "in Bante (Collines department)",
"Sreemangal upazila (Maulvibazar, Sylhet)", "in Remedios (Antioquia)".

Conflict reports (ACLED's coders, local news) name a village and then, in brackets, its district and
province. The small model tags those names PERSON or ORG ("Materi", "Atacora"), or swallows the place and
the bracket into one organisation ("Remedios (Antioquia" ORG), so the places were lost or read as names
inside an organisation. Here a bracket is read as an admin list when each of its comma-separated parts is a
run of capitalised words (maybe with a type word: "Collines department") and one part is a region or
district the gazetteer or a pack holds: then every part the gazetteer knows, and the name before the
bracket, is a place governed like one (locative), whatever the NER said. Resolution reads "X (A, B)" as
"X, A, B": each unit qualifies the name before it (see resolve._qualifiers).

Precision: "Frank Lampard (Chelsea)" or "(Reuters)" hold no region, "(R-Texas)" is no run of names, and a
bracket of prose ("(coded as Pama at geoprecision 2)") has lower-case words.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from wirelens.extraction.places.toponym import EMBEDDED_LABEL, GAZ_LABEL, WEAK_LABEL, Toponym, V, toponym_of
from wirelens.extraction.places.translit import unit_spellings
from wirelens.geo.gazetteer import CITY, DISTRICT, REGION, Gazetteer, Place, name_key

_MAX_INSIDE = 14  # tokens between the brackets: "(Bwisha, Rutshuru, Nord-Kivu)" is 5
_MAX_NAME = 4  # words of the name before the bracket: "Presidencia Roque Saenz Pena"
_REPLACEABLE = frozenset({WEAK_LABEL, EMBEDDED_LABEL})
_JOINERS = frozenset({"-", "‐", "'", "’"})


def bracketed_units(doc: Doc, found: list[Toponym], offset: int, gaz: Gazetteer) -> list[Toponym]:
    """``found`` with the places of admin brackets added ("Nouari (Materi, Atacora)"): each replaces the weak
    or embedded toponyms it overlaps (and any that straddles the bracket), and yields to the others."""
    out = list(found)
    for i, tok in enumerate(doc):
        if tok.text != "(" or i == 0:
            continue
        close = _closing(doc, i)
        if close is None:
            continue
        parts = _parts(doc, i + 1, close)
        if not parts or not any(_is_unit(name, typed, gaz) for name, typed in parts):
            continue
        spans = [name for name, _ in parts if _known(name.text, gaz)]
        countries = [_countries(span.text, gaz) for span in spans]
        before = _name_before(doc, i, gaz)
        if before is not None and _countries(before.text, gaz) & set().union(*countries):
            spans.insert(0, before)  # "Bako Maka (Karimama, Alibori)": not Makkah, whose country the units are not
            countries.insert(0, _countries(before.text, gaz))
        opened, closed = doc[i].idx + offset, doc[close].idx + offset
        names = {name_key(span.text) for span in spans if span is not before}
        for k, span in enumerate(spans):
            if span is before:
                same_name = name_key(span.text) in names
                out = _placed(out, span, offset, gaz, (opened, closed), None, same_name)
                continue
            others = set().union(*(c for j, c in enumerate(countries) if j != k))
            out = _placed(out, span, offset, gaz, (opened, closed), _unit_hint(span, gaz, others))
    return out


def _closing(doc: Doc, i: int) -> int | None:
    """The index of the ")" closing the bracket at ``doc[i]``, if it closes soon and in the same sentence."""
    for k in range(i + 1, min(len(doc), i + 1 + _MAX_INSIDE)):
        text = doc[k].text
        if text == ")":
            return k if k > i + 1 else None
        if text in ("(", ".", ";", "\n") or (doc[k].is_sent_start and k > i + 1):
            return None
    return None


def _parts(doc: Doc, start: int, end: int) -> list[tuple[Span, bool]]:
    """The comma-separated names of ``doc[start:end]``, each with whether a type word followed it
    ("Collines department"); [] when any part is not a run of capitalised words."""
    out: list[tuple[Span, bool]] = []
    i = start
    while i < end:
        j = i
        while j < end and doc[j].text != ",":
            j += 1
        stop = j
        while stop > i and (doc[stop - 1].lower_ in V.region_words or doc[stop - 1].lower_ in V.city_words):
            stop -= 1
        if stop == i or not _all_name_words(doc[i:stop]):
            return []
        out.append((doc[i:stop], stop < j))
        i = j + 1
    return out


def _all_name_words(span: Span) -> bool:
    return span[0].text[:1].isupper() and all(
        (t.is_alpha and t.text[:1].isupper()) or t.lower_ in V.name_particles or t.text in _JOINERS for t in span
    )


def _is_unit(name: Span, typed: bool, gaz: Gazetteer) -> bool:
    """A part that makes the bracket an admin list: a region or district (in any transliteration: "Atacora"),
    or a known name with a type word."""
    if typed:
        return _known(name.text, gaz)
    return (
        any(p.feature_type in (REGION, DISTRICT) for p in gaz.lookup(name.text))
        or any(p.feature_type in (REGION, DISTRICT) for p in gaz.pack_candidates(name.text))
        or bool(_spelled(name.text, gaz))
    )


def _countries(text: str, gaz: Gazetteer) -> set[str]:
    places = gaz.lookup(text) + gaz.pack_candidates(text) + _spelled(text, gaz)
    return {p.country_code for p in places}


def _known(text: str, gaz: Gazetteer) -> bool:
    return text in gaz or any(text in pack for pack in gaz.packs) or bool(_spelled(text, gaz))


def _spelled(text: str, gaz: Gazetteer) -> list[Place]:
    """The regions a name nothing holds is another spelling of ("Atacora" is Atakora): see scoring.candidates."""
    if text in gaz:
        return []
    return gaz.regions_called(unit_spellings(text))


def _name_before(doc: Doc, i: int, gaz: Gazetteer) -> Span | None:
    """The longest known run of capitalised words just before the bracket (over a type word: "Kome upazila (")."""
    end = i
    while end > 0 and (doc[end - 1].lower_ in V.region_words or doc[end - 1].lower_ in V.city_words):
        end -= 1
    for start in range(max(0, end - _MAX_NAME), end):
        span = doc[start:end]
        if _all_name_words(span) and span[0].lower_ not in V.directions and _known(span.text, gaz):
            return span
    return None


def _unit_hint(span: Span, gaz: Gazetteer, countries: set[str]) -> str:
    """ "region" when the unit is a region or district of a country the bracket's other names share ("Al Ghaydah"
    beside Al Mahrah), else "" (a unit all the same: "Sayda" in "Sidon city (Sayda)" is Sidon, not Algeria's Saïda)."""
    places = gaz.lookup(span.text) + gaz.pack_candidates(span.text) + _spelled(span.text, gaz)
    if any(
        p.feature_type == CITY and p.population >= V.self_supporting and p.country_code in countries for p in places
    ):
        return ""  # "El Mina (Tripoli)": the district of a city that size is read at the city (Libya's Tripoli is out)
    units = [p for p in places if p.feature_type in (REGION, DISTRICT)]
    return "region" if any(p.country_code in countries for p in units) else ""


def _placed(
    out: list[Toponym],
    span: Span,
    offset: int,
    gaz: Gazetteer,
    bracket: tuple[int, int],
    unit: str | None,
    same_name: bool = False,
) -> list[Toponym]:
    """``out`` with ``span`` as a locative toponym, unless a toponym that is not weak or embedded holds it.
    ``unit`` is None for the place before the bracket, else the hint of a unit inside it (see _unit_hint);
    ``same_name`` says a unit inside bears the name before it."""
    opened, closed = bracket
    start, end = span.start_char + offset, span.end_char + offset
    clash = [t for t in out if t.start < end and start < t.end]
    if any(
        t.label not in _REPLACEABLE and not _straddles(t, opened, closed) and not _inside_gaz(t, start, end)
        for t in clash
    ):
        if unit is None:
            return out
        # Found already ("(Al Ghaydah, ..." by the pack's matcher): the same words, now known to be a unit.
        return [
            t._replace(unit=True, hint=t.hint or unit or None) if (t.start, t.end) == (start, end) else t for t in out
        ]
    toponym = toponym_of(span, GAZ_LABEL, offset, gaz)
    if toponym is None:
        return out
    if unit is None:  # "Louga (Mbediene, Louga, Louga)": the town its own units are named after
        hint = toponym.hint or ("city" if same_name else None)
        return [t for t in out if t not in clash] + [toponym._replace(locative=True, hint=hint)]
    hint = toponym.hint or unit or None
    return [t for t in out if t not in clash] + [toponym._replace(locative=True, hint=hint, unit=True)]


def _inside_gaz(t: Toponym, start: int, end: int) -> bool:
    """A gazetteer reading of the same words ("Lower Juba" read as Juba, a direction before it) yields."""
    return t.label == GAZ_LABEL and start <= t.start and t.end <= end


def _straddles(t: Toponym, opened: int, closed: int) -> bool:
    """A toponym read across a bracket ("Save (Save, Collines" as one name) is a broken entity's."""
    return t.start < opened < t.end or t.start < closed < t.end
