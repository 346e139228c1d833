"""Reading a parsed chunk into :class:`Toponym` candidates: the only code of the room that sees spaCy objects.

Each entity the NER found is offered to :data:`RULES` in order; the first rule that claims it
(returns a list, maybe empty) decides what it yields, and a rule that returns None passes it on.
To teach the layer a new case, write one rule with a docstring example and add it to the table
where it belongs. After the entities, :func:`read_chunk` reads the chunk as a whole: place names
no entity covers, wire datelines ("BOSTON (Reuters) -"), the region after a comma ("Edmonton,
Ky.") and part-of phrases ("the rebel-held east").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from spacy.tokens import Doc, Span

from wirelens.extraction.places.brackets import bracketed_units
from wirelens.extraction.places.names import (
    NEVER_PLACES,
    WEAK_HOSTS,
    dotted,
    inner_acronyms,
    inner_demonyms,
    mislabelled,
    names_a_country,
    names_a_feature,
    norp_is_place,
    part_of_larger,
    proper_names,
    split_names,
    weakly_named,
    without_possessive,
)
from wirelens.extraction.places.names import glued_name as _glued
from wirelens.extraction.places.pack_names import pack_names
from wirelens.extraction.places.toponym import (
    DEMONYM_LABEL,
    EMBEDDED_LABEL,
    GAZ_LABEL,
    IN_WORDS,
    PART_LABEL,
    WEAK_LABEL,
    Toponym,
    V,
    hint_of,
    is_acronym,
    key,
    record,
    toponym_of,
    weak,
)
from wirelens.extraction.places.translit import unit_spellings
from wirelens.geo.gazetteer import CONTINENT, COUNTRY, REGION, Gazetteer, fold, name_key

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_FEATURE_HOSTS = frozenset({"GPE", "LOC", "FAC", "NORP"})
_HOST_LABELS = frozenset({"ORG", "EVENT", "WORK_OF_ART", "PRODUCT"})
_DEMONYM_HOSTS = frozenset({"LAW", "MONEY"})  # "the Ukrainian Law on ...", "8,000 Egyptian pounds"
# "Edmonton, Ky.", "Paris, Missouri", "Surrey, B.C.": the region or country after a comma.
_QUALIFIER = re.compile(r",[ \t]+([A-Z][\w.'’]*(?:-[A-Z][\w.'’]*)*(?:[ \t]+[A-Z][\w.'’]*){0,2})")
# A wire dateline: "BOSTON (Reuters) -", "EDMONTON, Ky. (WBKO) --", "TORONTO —", at a line's start
# or after a byline's full stop. Capitals are no name's case elsewhere ("SANA" is an agency).
_DATELINE = re.compile(
    r"(?:^|(?<=\n)|(?<=[.!?”\"] ))[ \t]*([A-Z][A-Z'’.]+(?:[ -][A-Z][A-Z'’.]+){0,2})(?=[ \t]*(?:,|\(|—|–|--?[ \t]))"
)


class Entity(NamedTuple):
    """One NER entity, as the rules see it."""

    tagged: Span  # as the model tagged it: "South Korea's"
    span: Span  # without a trailing possessive: "South Korea"
    label: str


@dataclass(slots=True)
class Chunk:
    """The chunk being read: its parse, where it starts in the article, and the tokens already read."""

    doc: Doc
    offset: int
    gaz: Gazetteer
    joined: dict[int, Span | None] = field(default_factory=dict)  # see names.split_names
    taken: set[int] = field(default_factory=set)  # token indices read as (or ruled out as) places

    def take(self, span: Span) -> None:
        self.taken.update(range(span.start, span.end))


Rule = Callable[[Entity, Chunk], "list[Toponym] | None"]


# --- the rules, in the order they are tried ------------------------------------------------------


def split_name(ent: Entity, chunk: Chunk) -> list[Toponym] | None:
    """Two adjacent entities that together name a prominent place: "Boa" GPE + "Vista" ORG -> "Boa Vista",
    "Fort St." GPE + "John" PERSON -> "Fort St. John". The second entity is read with the first."""
    if ent.tagged.start not in chunk.joined:
        return None
    whole = chunk.joined[ent.tagged.start]
    if whole is None:
        return []
    chunk.take(whole)
    return [record(whole, whole.text, GAZ_LABEL, None, chunk.offset)]


def glued_name(ent: Entity, chunk: Chunk) -> list[Toponym] | None:
    """An entity the model cut at a particle or hyphen: "Deir" GPE before "ez-Zor" -> "Deir ez-Zor"."""
    if ent.label in NEVER_PLACES:
        return None
    whole = _glued(chunk.doc, ent.tagged.start, ent.tagged.end, chunk.gaz)
    if whole is None:
        return None
    chunk.take(whole)
    return [record(whole, whole.text, ent.label if ent.label in PLACE_LABELS else GAZ_LABEL, None, chunk.offset)]


def feature_name(ent: Entity, chunk: Chunk) -> list[Toponym] | None:
    """A place name before a feature word names the feature, which the gazetteer does not hold:
    "Windsor" GPE before "Castle" -> nothing; likewise "the French" NORP before "Quarter"."""
    if ent.label in _FEATURE_HOSTS and names_a_feature(chunk.doc, ent.span.end, len(chunk.doc)):
        return []
    return None


def place(ent: Entity, chunk: Chunk) -> list[Toponym] | None:
    """A GPE, LOC or FAC, or a NORP that is a prominent place's name, grown to its phrase:
    "northeast Syria" GPE -> Syria, "Aleppo" NORP -> Aleppo, "Hasakeh" GPE before "city" -> Hasakeh (city).

    A name the gazetteer lacks may be a demonym ("Emirati" GPE -> the demonym) or hold places
    ("Greece Italy" GPE, a comma lost -> Greece, Italy; but not "America" in "Latin America")."""
    span, gaz = ent.span, chunk.gaz
    if not (ent.label in PLACE_LABELS or (ent.label == "NORP" and norp_is_place(span, gaz))):
        return None
    toponym = toponym_of(span, ent.label, chunk.offset, gaz)
    if toponym is None:
        return []
    if ent.label in PLACE_LABELS and toponym.name not in gaz:
        if fold(span.text) in gaz.demonyms:
            return [record(span, span.text, DEMONYM_LABEL, None, chunk.offset)]
        inner = (
            [
                t
                for t in proper_names(chunk.doc, span.start, span.end, set(), GAZ_LABEL, chunk.offset, gaz)
                if (key(t.name) in gaz.major or any(p.feature_type == REGION for p in gaz.lookup(t.name)))
                and not part_of_larger(span, t.start - chunk.offset, t.name)
            ]
            if len(span) > 1 and ent.label in ("GPE", "LOC")
            else []
        )
        if inner:
            return inner
    return [toponym]


def demonym(ent: Entity, chunk: Chunk) -> list[Toponym] | None:
    """A NORP that is a demonym names its country non-literally: "Syrian" NORP -> Syrian (DEMONYM)."""
    if ent.label == "NORP" and fold(ent.span.text) in chunk.gaz.demonyms:
        return [record(ent.span, ent.span.text, DEMONYM_LABEL, None, chunk.offset)]
    return None


def demonyms_inside(ent: Entity, chunk: Chunk) -> list[Toponym] | None:
    """The demonyms inside a longer NORP, LAW or MONEY: "Bosnian Serb" NORP -> Bosnian, Serb;
    "8,000 Egyptian pounds" MONEY -> Egyptian; not "Central American" (a larger region's)."""
    if ent.label == "NORP" or ent.label in _DEMONYM_HOSTS:
        return inner_demonyms(ent.span, chunk.offset, chunk.gaz)
    return None


def mislabelled_place(ent: Entity, chunk: Chunk) -> list[Toponym] | None:
    """A prominent place the NER gave another label: "Edmonton" ORG, "Winnipeg" DATE, "Ciudad Juarez" PERSON.
    A country so tagged stays a GPE, which may be metonymic like any other: "the Holy See" ORG."""
    if ent.label in NEVER_PLACES or not mislabelled(ent.span, chunk.gaz):
        return None
    label = "GPE" if names_a_country(ent.span, chunk.gaz) else GAZ_LABEL
    toponym = toponym_of(ent.span, label, chunk.offset, chunk.gaz)
    return [toponym] if toponym is not None else []


def weak_place(ent: Entity, chunk: Chunk) -> list[Toponym] | None:
    """A small place the NER tagged PERSON or ORG, kept only where the article bears it out (see WEAK_LABEL):
    "in Dewsbury" ORG -> Dewsbury (WEAK), "to Castlegar" PERSON -> Castlegar (WEAK)."""
    if ent.label in WEAK_HOSTS and weakly_named(ent.span, chunk.gaz):
        return [weak(ent.span, chunk.offset, chunk.gaz)]
    return None


def country_acronym(ent: Entity, chunk: Chunk) -> list[Toponym] | None:
    """A country or continent's acronym tagged as an organisation: "the EU said" ORG -> EU (EMBEDDED),
    "US officials" ORG -> US."""
    if (
        ent.label in _HOST_LABELS
        and len(ent.span) == 1
        and is_acronym(ent.span.text)
        and any(p.feature_type in (CONTINENT, COUNTRY) for p in chunk.gaz.lookup(ent.span.text))
    ):
        return [record(ent.span, ent.span.text, EMBEDDED_LABEL, None, chunk.offset)]
    return None


def dotted_abbreviation(ent: Entity, chunk: Chunk) -> list[Toponym] | None:
    """A region's abbreviation without its stops, tagged as an organisation: "BC" ORG -> B.C. (EMBEDDED)."""
    if ent.label in _HOST_LABELS and len(ent.span) == 1 and (name := dotted(ent.span.text, chunk.gaz)):
        return [record(ent.span, name, EMBEDDED_LABEL, None, chunk.offset)]
    return None


def names_inside_organisation(ent: Entity, chunk: Chunk) -> list[Toponym] | None:
    """Places, demonyms and acronyms inside an organisation's (or event's, work's, product's) name:
    "CTV Edmonton" ORG -> Edmonton, "the Russian Ministry of Defence" ORG -> Russian,
    "the EU Aviation Agency" ORG -> EU; all EMBEDDED (or DEMONYM)."""
    if ent.label not in _HOST_LABELS:
        return None
    span, doc, offset, gaz = ent.span, chunk.doc, chunk.offset, chunk.gaz
    inner = proper_names(doc, span.start, span.end, set(), EMBEDDED_LABEL, offset, gaz)
    inner = [_literal(t, doc, span, offset, gaz) or t for t in inner]
    return inner + inner_demonyms(span, offset, gaz) + inner_acronyms(span, offset, gaz)


_SWALLOWED = frozenset({"(", "-", "–"})  # what the model swallows after a place into an ORG: "Dhaka - Badda (Badda"


def _literal(t: Toponym, doc: Doc, ent: Span, offset: int, gaz: Gazetteer) -> Toponym | None:
    """A place inside an organisation's entity that is where something is, literally: after "in" inside it ("the
    Free Syrian Army in Idleb"; not "quoted in China Daily"), or first in an entity after "in"/"at" that goes on
    with a dash or a bracket ("in Dhaka - Badda (Badda)", "in Khartoum North (Bahri locality ...)": a place and
    its part or unit the model read as one organisation)."""
    span = doc.char_span(t.start - offset, t.end - offset)
    if span is None:
        return None
    after_in = span.start > ent.start and doc[span.start - 1].lower_ in IN_WORDS
    place_shaped = (
        span.start == ent.start
        and ent.start >= 1
        and doc[ent.start - 1].lower_ in IN_WORDS | {"at"}
        and span.end < ent.end
        and doc[span.end].text in _SWALLOWED
    )
    if not (after_in or place_shaped or _place_phrase(doc, ent)):
        return None
    toponym = toponym_of(span, GAZ_LABEL, offset, gaz)
    return toponym._replace(locative=True) if toponym is not None else None


_PHRASE_SEPARATORS = _SWALLOWED | {",", ")", "–"}


def _place_phrase(doc: Doc, ent: Span) -> bool:
    """An "organisation" that is a place and its unit or part, after "in", "at", "of" or a comma: "the village of
    Lassa, Soum Province", "the Sulaykh area of Baghdad - Adhamiya", ", Dhaka - Shahbagh (Shahbagh)". Only names,
    unit words and at least one separator: "in Aleppo University", "in Kabul Bank's branch" stay organisations."""
    if ent.start == 0 or doc[ent.start - 1].lower_ not in IN_WORDS | {"at", "of", ","}:
        return False
    separated = False
    for tok in ent:
        if tok.text in _PHRASE_SEPARATORS:
            separated = True
        elif tok.lower_ in V.region_words:
            continue
        elif tok.lower_ in V.feature_words or tok.lower_ in V.pack_never or not tok.text[:1].isupper():
            return False
    return separated


RULES: tuple[Rule, ...] = (
    split_name,
    glued_name,
    feature_name,
    place,
    demonym,
    demonyms_inside,
    mislabelled_place,
    weak_place,
    country_acronym,
    dotted_abbreviation,
    names_inside_organisation,
)


# --- the chunk as a whole ----------------------------------------------------------------------


def read_chunk(doc: Doc, offset: int, gaz: Gazetteer) -> list[Toponym]:
    """The toponym candidates of one parsed chunk starting at ``offset`` in the article, in text order."""
    ents = list(doc.ents)
    chunk = Chunk(doc, offset, gaz, split_names(doc, ents, gaz))
    out: list[Toponym] = []
    for tagged in ents:
        chunk.take(tagged)  # a PERSON or ORG is not a place either
        ent = Entity(tagged, without_possessive(tagged), tagged.label_)  # the model sometimes keeps the "'s"
        for rule in RULES:
            found = rule(ent, chunk)
            if found is not None:
                out += found
                break
    out += proper_names(doc, 0, len(doc), chunk.taken, GAZ_LABEL, offset, gaz)
    datelines = _datelines(doc, out, offset, gaz)
    if datelines:  # "ST. LOUIS –" tagged as two GPEs "ST" and "LOUIS": the dateline replaces its pieces
        out = [t for t in out if not any(d.start <= t.start and t.end <= d.end for d in datelines)] + datelines
    qualifiers = _qualifiers(doc, [t for t in out if t.label != WEAK_LABEL], offset, gaz)
    if qualifiers:  # "Melville, Sask.": the region, not a small place called "Sask"
        out = [t for t in out if t.label != WEAK_LABEL or not _covered(qualifiers, t.start, t.end)] + qualifiers
    out = pack_names(doc, out, offset, gaz)
    out = bracketed_units(doc, out, offset, gaz)  # "Nouari (Materi, Atacora)"
    for match in V.part_of.finditer(doc.text):  # "the rebel-held east"
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None and not chunk.taken.intersection(range(span.start, span.end)):
            out.append(record(span, "", PART_LABEL, None, offset))
    out.sort(key=lambda t: t.start)
    return out


def _datelines(doc: Doc, found: Sequence[Toponym], offset: int, gaz: Gazetteer) -> list[Toponym]:
    """Places in capitals that open a wire story: "BOSTON (Reuters) -", "LAUREL COUNTY, Ky. (WKYT) -"."""
    out = []
    for match in _DATELINE.finditer(doc.text):
        start, end = match.span(1)
        words = match.group(1).title().split()
        hint = hint_of(words[-1].lower()) if len(words) > 1 else None
        name = " ".join(words[:-1] if hint else words)
        span = doc.char_span(start, end, alignment_mode="expand")
        if (
            span is None
            or not gaz.lookup(name)
            or any(
                t.start < end + offset
                and start + offset < t.end
                and not (start + offset <= t.start and t.end <= end + offset and t.end - t.start < end - start)
                for t in found
            )
        ):
            continue  # kept as found, unless what was found is only a piece of it
        out.append(record(span, name, GAZ_LABEL, hint, offset))
    return out


def _qualifiers(doc: Doc, found: Sequence[Toponym], offset: int, gaz: Gazetteer) -> list[Toponym]:
    """The region or country that follows a place after a comma ("Edmonton, Ky."), when the NER missed it."""
    out = []
    text = doc.text  # Doc.text joins every token: once per chunk, not once per place
    for t in found:
        if t.label in (PART_LABEL, EMBEDDED_LABEL, DEMONYM_LABEL):
            continue
        match = _QUALIFIER.match(text, t.end - offset)
        if match is None:
            continue
        # All the capitalised words, or none: ", Vladimir Putin said" names no region Vladimir.
        name = _without_full_stop(match.group(1), gaz)
        places = gaz.lookup(name)
        # "Tikrit, Salah Aldeen": Saladin (its transliterations only: any ", Name" after a place asks, so no vowel search)
        spelled = not places and bool(gaz.regions_called(unit_spellings(name, near=False)))
        if spelled or any(p.feature_type in (REGION, COUNTRY) for p in places):
            start = match.start(1)
            span = doc.char_span(start, start + len(name), alignment_mode="expand")
            if span is not None and not _covered(found, start + offset, start + len(name) + offset):
                out.append(record(span, name, GAZ_LABEL, "region" if spelled else None, offset))
    return out


def _without_full_stop(name: str, gaz: Gazetteer) -> str:
    """ "Texas." ends a sentence; "Ky." and "B.C." are abbreviations and keep their stop."""
    bare = name[:-1]
    if name.endswith(".") and (
        any(name_key(p.name) == name_key(bare) for p in gaz.lookup(bare))
        or (bare not in gaz and gaz.regions_called(unit_spellings(bare, near=False)))
    ):
        return bare
    return name


def _covered(found: Sequence[Toponym], start: int, end: int) -> bool:
    return any(t.start < end and start < t.end for t in found)
