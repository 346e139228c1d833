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
from wirelens.geo.gazetteer import DISTRICT, REGION, Gazetteer

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
        before = _name_before(doc, i, gaz)
        if before is not None and _countries(before.text, gaz) & set().union(*(_countries(s.text, gaz) for s in spans)):
            spans.insert(0, before)  # "Bako Maka (Karimama, Alibori)": not Makkah, whose country the units are not
        for span in spans:
            unit = span is not before  # a unit holds the place before it: at most a district, never a village
            out = _placed(out, span, offset, gaz, doc[i].idx + offset, doc[close].idx + offset, unit)
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
    """A part that makes the bracket an admin list: a region or district, or a known name with a type word."""
    if typed:
        return _known(name.text, gaz)
    return any(p.feature_type in (REGION, DISTRICT) for p in gaz.lookup(name.text)) or any(
        p.feature_type in (REGION, DISTRICT) for p in gaz.pack_candidates(name.text)
    )


def _countries(text: str, gaz: Gazetteer) -> set[str]:
    return {p.country_code for p in gaz.lookup(text)} | {p.country_code for p in gaz.pack_candidates(text)}


def _known(text: str, gaz: Gazetteer) -> bool:
    return text in gaz or any(text in pack for pack in gaz.packs)


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


def _placed(
    out: list[Toponym], span: Span, offset: int, gaz: Gazetteer, opened: int, closed: int, unit: bool
) -> list[Toponym]:
    """``out`` with ``span`` as a locative toponym, unless a toponym that is not weak or embedded holds it;
    a ``unit`` of the bracket is read as an admin unit ("Materi" the commune: hint "region")."""
    start, end = span.start_char + offset, span.end_char + offset
    clash = [t for t in out if t.start < end and start < t.end]
    if any(t.label not in _REPLACEABLE and not _straddles(t, opened, closed) for t in clash):
        return out
    toponym = toponym_of(span, GAZ_LABEL, offset, gaz)
    if toponym is None:
        return out
    hint = toponym.hint or ("region" if unit else None)
    return [t for t in out if t not in clash] + [toponym._replace(locative=True, hint=hint)]


def _straddles(t: Toponym, opened: int, closed: int) -> bool:
    """A toponym read across a bracket ("Save (Save, Collines" as one name) is a broken entity's."""
    return t.start < opened < t.end or t.start < closed < t.end
