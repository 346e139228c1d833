"""Place names among the tokens of a parse, asked of the gazetteer: names the NER split, cut short or
wrapped in something longer ("Boa" + "Vista", "Deir" + "ez-Zor", "CTV Edmonton"), and the tests the
detection rules (:mod:`.detect`) apply to an entity ("Edmonton" tagged ORG is a place)."""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from spacy.tokens import Doc, Span

from wirelens.extraction.places.toponym import (
    DEMONYM_LABEL,
    EMBEDDED_LABEL,
    GAZ_LABEL,
    Toponym,
    V,
    is_acronym,
    key,
    record,
    strip_directions,
    toponym_of,
    weak,
)
from wirelens.geo.gazetteer import CONTINENT, COUNTRY, REGION, Gazetteer, fold

NEVER_PLACES = frozenset({"CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "TIME"})
WEAK_HOSTS = frozenset({"PERSON", "ORG"})  # labels a small place's name may wear
_PROPER_TAGS = frozenset({"NNP", "NNPS"})


def proper_names(
    doc: Doc, start: int, end: int, taken: set[int], label: str, offset: int, gaz: Gazetteer
) -> list[Toponym]:
    """Prominent place names among the proper nouns of ``doc[start:end]`` outside ``taken``.

    In each run of proper nouns the longest name wins, anywhere in the run:
    "Hasakeh" in "Hasakeh Kurdish", "Edmonton" in "CTV Edmonton".
    """
    out = []
    i = start
    while i < end:
        if i in taken or doc[i].tag_ not in _PROPER_TAGS or doc[i].lower_ in V.directions:
            i += 1  # a direction starts no name: "east Aleppo" grows back over it later
            continue
        j = i
        while j < end and j not in taken and doc[j].tag_ in _PROPER_TAGS:
            j += 1
        if label == GAZ_LABEL and (whole := glued_name(doc, i, j, gaz, taken)) is not None:
            out.append(record(whole, whole.text, label, None, offset))  # "Mazar-i-Sharif"
            i = whole.end
            continue
        found = None
        for stop in range(j, i, -1):
            span = doc[i:stop]
            if key(span.text) in gaz.primary and (not span.text.isupper() or names_a_country(span, gaz)):
                found = span  # in capitals only a country's form ("UAE", "U.S."): "SANA" the agency, not Sanaa
                break
        if found is None:
            if label == GAZ_LABEL and weakly_named(doc[i:j], gaz):
                out.append(weak(doc[i:j], offset, gaz))  # "of Bellmore": no prominent name, maybe a small place
                i = j
                continue
            if label == GAZ_LABEL and (abbreviation := dotted(doc[i].text, gaz)):
                out.append(record(doc[i : i + 1], abbreviation, GAZ_LABEL, None, offset))  # "FrontCounter BC:"
            i += 1
            continue
        if label != EMBEDDED_LABEL and names_a_feature(doc, found.end, end):
            i = j  # "Windsor Castle", "Niger Delta": another place, which the gazetteer does not hold
            continue
        # "the Plymouth County Sheriff's Office": the county, not the town, inside an organisation too.
        county = "county" if found.end < end and doc[found.end].lower_ == "county" else None
        toponym = (
            toponym_of(found, label, offset, gaz)
            if label != EMBEDDED_LABEL
            else record(found, found.text, label, county, offset)
        )
        if toponym is not None:
            out.append(toponym)
        i = found.end
    return out


def split_names(doc: Doc, ents: Sequence[Span], gaz: Gazetteer) -> dict[int, Span | None]:
    """Two adjacent entities that together are a prominent place's name, which the model split:
    first entity's start -> the whole name, second's -> None (read with the first)."""
    out: dict[int, Span | None] = {}
    for a, b in zip(ents, ents[1:]):
        if (
            a.end == b.start
            and a.start not in out
            and a.label_ not in NEVER_PLACES
            and b.label_ not in NEVER_PLACES
            and _prominent(doc[a.start : b.end], gaz)
        ):
            out[a.start], out[b.start] = doc[a.start : b.end], None
    return out


def glued_name(doc: Doc, start: int, end: int, gaz: Gazetteer, taken: AbstractSet[int] = frozenset()) -> Span | None:
    """``doc[start:end]`` grown over the particles and hyphens that continue it into a prominent place's
    name ("Deir" + "ez-Zor", "Mazar" + "-i-Sharif"), or None when no longer name is one."""
    stop = end
    while stop < len(doc) and stop - end < V.glue_tokens and stop not in taken:
        tok, prev = doc[stop], doc[stop - 1]
        glued = not prev.whitespace_ and (tok.is_alpha or tok.text in "-‐")
        # A particle, hyphenated or spelled apart ("ez-Zor", "ez Zor"), and the capitalised word after it.
        particle = tok.lower_ in V.name_particles and (
            not tok.whitespace_ or (stop + 1 < len(doc) and doc[stop + 1].text[:1].isupper())
        )
        after_particle = prev.lower_ in V.name_particles and tok.is_alpha and tok.text[:1].isupper()
        if not (glued or particle or after_particle):
            break
        stop += 1
    for k in range(stop, end, -1):
        span = doc[start:k]
        if span[-1].is_alpha and span[-1].text[:1].isupper() and _prominent(span, gaz):
            return span
    return None


def _prominent(span: Span, gaz: Gazetteer) -> bool:
    """A prominent place's name, or an alternate name of one ("Mazar-i-Sharif")."""
    return key(span.text) in gaz.primary or any(key(p.name) in gaz.primary for p in gaz.lookup(span.text))


def mislabelled(ent: Span, gaz: Gazetteer) -> bool:
    """An entity that is a prominent place's name: one word ("Edmonton" tagged ORG; a PERSON only for
    a major city), or a short PERSON or ORG that is a major city or a region whole ("Ciudad Juarez")."""
    if is_acronym(ent.text):
        return False  # "EU", "UN": organisations first (an ORG "EU" is kept as embedded)
    if len(ent) > 1 and ent.label_ in WEAK_HOSTS and names_a_country(ent, gaz):
        return True  # "the Holy See", "the Democratic People's Republic of Korea" tagged ORG
    if len(ent) > 1:
        # "Sokoto State": the region's name before its type word
        name = ent[:-1] if ent[-1].lower_ in V.region_words else ent
        return (
            ent.label_ in WEAK_HOSTS
            and len(ent) <= V.weak_words
            and not ent.text.isupper()
            and all((t.text[:1].isupper() and t.is_alpha) or t.text in "-‐" for t in ent)
            and (key(ent.text) in gaz.major or any(p.feature_type == REGION for p in gaz.lookup(name.text)))
        )
    ent_key = key(ent.text)
    return ent_key in gaz.major if ent.label_ == "PERSON" else ent_key in gaz.primary


def names_a_country(ent: Span, gaz: Gazetteer) -> bool:
    """Whether the whole entity, but for a leading "the", is a country's name or form (not a continent's:
    "the European Union" is Europe's alternate name, and an organisation)."""
    words = ent[1:] if ent[0].lower_ == "the" else ent
    return len(words) > 0 and any(p.feature_type == COUNTRY for p in gaz.lookup(words.text))


def weakly_named(span: Span, gaz: Gazetteer) -> bool:
    """A short capitalised name the gazetteer holds ("Dewsbury", "Matias Romero"), whatever the NER made of it."""
    words = [t for t in span if t.lower_ != "the"]
    return (
        0 < len(words) <= V.weak_words
        and all(t.text[:1].isupper() and t.is_alpha for t in words)
        and not span.text.isupper()
        and not is_acronym(span.text)
        and (span_key := key(span.text)) in gaz
        and span_key not in gaz.major  # countries and major cities have rules of their own
        and not any(p.feature_type in (CONTINENT, COUNTRY) for p in gaz.lookup(span.text))
    )


def norp_is_place(ent: Span, gaz: Gazetteer) -> bool:
    """The sm model tags "Aleppo" NORP; a demonym ("Syrian") is no prominent place's name."""
    name = strip_directions(ent, gaz)
    return name is not None and key(name.text) in gaz.primary


def inner_demonyms(ent: Span, offset: int, gaz: Gazetteer) -> list[Toponym]:
    """Demonyms among the words of a longer entity; they name their country non-literally.

    A demonym after a capitalised direction or "Latin" belongs to a larger unit: "North American"
    is the continent's, and "Central American", "Latin American", "South East Asian" name regions
    the gazetteer does not hold, not the United States or Asia.
    """
    demonyms = gaz.demonyms
    out: list[Toponym] = []
    if len(ent) < 2:
        return out
    for i, tok in enumerate(ent):
        if not tok.text[:1].isupper() or fold(tok.text) not in demonyms:
            continue
        prev = ent[i - 1] if i > 0 else None
        if prev is not None and prev.text[:1].isupper() and prev.lower_ in V.region_prefixes:
            if fold(f"{prev.text} {tok.text}") in demonyms:
                out.append(record(ent[i - 1 : i + 1], f"{prev.text} {tok.text}", DEMONYM_LABEL, None, offset))
            continue
        out.append(record(ent[i : i + 1], tok.text, DEMONYM_LABEL, None, offset))
    return out


def inner_acronyms(ent: Span, offset: int, gaz: Gazetteer) -> list[Toponym]:
    """A country or the EU written as an acronym inside a longer organisation name, or a region's
    abbreviation without its full stops ("FrontCounter BC")."""
    out = []
    for i, tok in enumerate(ent):
        if len(ent) > 1 and is_acronym(tok.text) and tok.text.isupper():
            if any(p.feature_type in (CONTINENT, COUNTRY) for p in gaz.lookup(tok.text)):
                out.append(record(ent[i : i + 1], tok.text, EMBEDDED_LABEL, None, offset))
            elif abbreviation := dotted(tok.text, gaz):
                out.append(record(ent[i : i + 1], abbreviation, EMBEDDED_LABEL, None, offset))
    return out


def dotted(text: str, gaz: Gazetteer) -> str | None:
    """ "BC" -> "B.C." when that is a region's or country's abbreviation (the news write both)."""
    if len(text) != 2 or not text.isalpha() or not text.isupper():
        return None
    abbreviation = f"{text[0]}.{text[1]}."
    return abbreviation if any(p.feature_type in (REGION, COUNTRY) for p in gaz.lookup(abbreviation)) else None


def names_a_feature(doc: Doc, i: int, end: int) -> bool:
    """Whether the proper noun at ``doc[i]`` (before ``end``) is a feature word that makes the name
    before it another place: "Windsor Castle", "Niger Delta", "Virgin Islands", "Westminster House"."""
    return i < end and doc[i].text[:1].isupper() and doc[i].lower_ in V.feature_words


def part_of_larger(ent: Span, char: int, name: str) -> bool:
    """Whether a name inside ``ent`` belongs to a larger place the gazetteer lacks: "Latin America" is not
    America, the "Nile Delta" not Nigeria's Delta State (a feature word after the river's name)."""
    if name.lower() in V.feature_words:
        return True
    first = next((tok.i for tok in ent if tok.idx == char), ent.start)
    return first > ent.start and ent.doc[first - 1].lower_ in V.region_prefixes


def without_possessive(ent: Span) -> Span:
    """ "South Korea's" -> "South Korea"."""
    if len(ent) > 1 and ent[-1].lower_ in ("'s", "’s", "'", "’"):
        return Span(ent.doc, ent.start, ent.end - 1, label=ent.label)
    return ent
