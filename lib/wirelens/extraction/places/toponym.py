"""The room's record, :class:`Toponym`, its labels, and how a span of the parse becomes one: grown to
its phrase ("northeast Syria", "Hasakeh city") around the name to look up ("Syria", "Hasakeh")."""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc, Span

from wirelens.extraction.actors import _is_locative  # the same "in Damascus" test the actor layer uses
from wirelens.extraction.places.translit import unit_spellings
from wirelens.extraction.places.vocab import load_vocab
from wirelens.geo.gazetteer import COUNTRY, Gazetteer, name_key

V = load_vocab()  # the word lists and weights researchers edit: vocab.toml

# Labels besides the NER's GPE, LOC, FAC and NORP:
GAZ_LABEL = "GAZ"  # found by the gazetteer, not the NER
DEMONYM_LABEL = "DEMONYM"  # "Russian-backed": the country, named non-literally
EMBEDDED_LABEL = "EMBEDDED"  # inside an organisation's name: "Kentucky State Police", "CTV Edmonton"
# A name the NER tagged PERSON or ORG (or missed) that the gazetteer holds but that is no prominent
# place ("in Dewsbury", "to Castlegar", "the town of Kasba Bonli"): kept only if one of its mentions
# is governed like a place, no person of the article bears it, and the article names another place
# nearby (see resolve._weak_support).
WEAK_LABEL = "WEAK"
PART_LABEL = "PART"  # a part-of phrase that names no place itself: "the rebel-held east"
# A name of the conflict pack in a locative context ("in Kafr Nabl", "Tayyana town"), whatever the NER made
# of it: kept only where the text's admin context supports one of its places (see resolve).
PACK_LABEL = "PACK"


class Toponym(NamedTuple):
    """A place-name candidate; offsets index into the article text."""

    start: int  # the whole phrase: "northeast Syria", "Hasakeh city", "the rebel-held east"
    end: int
    text: str
    name: str  # the name to look up ("Syria", "Hasakeh"); "" for a part-of phrase
    label: str  # NER label, or GAZ, DEMONYM, EMBEDDED, WEAK, PART (see the constants above)
    hint: str | None  # "city", "region" or "county" when the phrase says so
    sent_start: int
    sent_end: int
    locative: bool  # governed like a place: "in Damascus", "shelled Aleppo"
    unit: bool = False  # an admin unit holding a place named before it ("Materi" in "Nouari (Materi, Atacora)")


def key(text: str) -> str:
    """The gazetteer's lookup key of ``text``."""
    return name_key(text)


def is_acronym(text: str) -> bool:
    """ "MoD", "BA", "UConn": only a country can be written so ("US", "UAE"); "WASHINGTON" is a dateline."""
    word = text.strip()
    return len(word) <= 5 and " " not in word and "." not in word and any(ch.isupper() for ch in word[1:])


def record(span: Span, name: str, label: str, hint: str | None, offset: int, name_span: Span | None = None) -> Toponym:
    """``span`` as a toponym named ``name``; ``offset`` is the chunk's start in the article."""
    doc = span.doc
    sent = span.sent if doc.has_annotation("SENT_START") or doc.has_annotation("DEP") else doc[:]
    return Toponym(
        start=span.start_char + offset,
        end=span.end_char + offset,
        text=span.text,
        name=name,
        label=label,
        hint=hint,
        sent_start=sent.start_char + offset,
        sent_end=sent.end_char + offset,
        locative=_is_locative(name_span if name_span is not None else span) or _placed_by_words(doc, span.start),
    )


# Words right before a name that place it whatever the parse says: "in Baghdad - Mansour" (the dash breaks the
# parse), "the Free Syrian Army in Idleb".
IN_WORDS = frozenset({"in", "near", "outside", "inside"})


def _placed_by_words(doc: Doc, start: int) -> bool:
    """ "in X", or a part of X: "the Gounghin area of Ouagadougou", "sector 45 of Ouagadougou", "the Eastleigh
    district of Nairobi". A capital so named is the place, not its government."""
    if start >= 1 and doc[start - 1].lower_ in IN_WORDS:
        return True
    if start < 2 or doc[start - 1].lower_ != "of":
        return False
    before = start - 3 if doc[start - 2].like_num and start >= 3 else start - 2
    return doc[before].lower_ in V.part_nouns


def hint_of(word: str) -> str | None:
    """What a type word after a name makes the phrase: "city" (Hasakeh city), "county", "region" (province)."""
    if word in V.city_words:
        return "city"
    if word == "county":
        return "county"
    if word in V.region_words or word in V.countryside:
        return "region"  # "Hama countryside": the governorate
    return None


def toponym_of(span: Span, label: str, offset: int, gaz: Gazetteer) -> Toponym | None:
    """Grow ``span`` to its phrase (directions before, "city"/"province" after) and record it."""
    name = strip_directions(span, gaz)
    if name is None:
        return None
    doc = span.doc
    start, end = span.start, span.end
    hint = hint_of(doc[name.end].lower_) if name.end < span.end else None
    if end < len(doc) and hint is None and hint_of(doc[end].lower_) and not doc[end].ent_type_:
        hint = hint_of(doc[end].lower_)
        end += 1
    if hint is None and countryside_before(doc, start):
        hint = "region"  # "the southern countryside of Idleb", "rural Damascus"
    while start > 0 and doc[start - 1].lower_ in V.directions:
        start -= 1
    phrase = doc[start:end]
    return record(phrase, name.text, label, hint, offset, name)


def countryside_before(doc: Doc, start: int) -> bool:
    """Whether the name at ``doc[start]`` follows "the countryside of" or "rural": the governorate's land."""
    if start >= 1 and doc[start - 1].lower_ == "rural":
        return True
    return start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in V.countryside


def weak(span: Span, offset: int, gaz: Gazetteer) -> Toponym:
    """A small place's name the NER missed or tagged PERSON/ORG: kept only where the article bears it out."""
    toponym = toponym_of(span, WEAK_LABEL, offset, gaz)
    assert toponym is not None  # a span of capitalised words always keeps a name
    doc = span.doc
    named_so = span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in V.place_nouns
    return toponym._replace(locative=toponym.locative or named_so or _of_residence(doc, span.start))


def strip_directions(span: Span, gaz: Gazetteer) -> Span | None:
    """The name inside "east Aleppo", "the northeast Syria", "Hasakeh province" (not "West Virginia")."""
    start, end = span.start, span.end
    doc = span.doc
    if span[0].lower_ != "the" and (key(span.text) in gaz or _in_packs(span.text, gaz)):
        return span  # "West Virginia"; "Lower Juba", a governorate only the conflict pack holds
    if (
        span[0].lower_ in V.directions
        and len(span) > 1
        and span[1].lower_ not in V.directions
        and _region_spelled(span.text, gaz)
    ):
        return span  # "Lower Shabelle": the region Lower Shebelle, not a place called Shabelle
    while start < end and doc[start].lower_ == "the":
        start += 1
    if start < end and doc[start].lower_ not in V.directions and key(doc[start:end].text) in gaz:
        return doc[start:end]  # "the Kurdistan Region", "the Golan Heights": a name that ends in a type word
    rest = start
    while rest < end and doc[rest].lower_ in V.directions:
        rest += 1
    if start < rest < end and doc[rest:end].text.lower() not in V.generic and key(doc[start:end].text) in gaz:
        return doc[
            start:end
        ]  # "the West Bank": the name, not "Bank" ("the South East", "the Central Coast" stay parts)
    while start < end and (doc[start].lower_ in V.directions or doc[start].lower_ == "the"):
        start += 1
    while end > start and (doc[end - 1].lower_ in V.city_words or doc[end - 1].lower_ in V.region_words):
        end -= 1
    if end > start and key(doc[start:end].text) not in gaz:
        start = _official_form(doc, start, end, gaz)
    return doc[start:end] if end > start else None


def _region_spelled(text: str, gaz: Gazetteer) -> bool:
    """Whether ``text`` is a region's name in another transliteration (see scoring.candidates)."""
    return bool(gaz.regions_called(unit_spellings(text)))


def _in_packs(text: str, gaz: Gazetteer) -> bool:
    return any(text in pack for pack in gaz.packs)


def _official_form(doc: Doc, start: int, end: int, gaz: Gazetteer) -> int:
    """Where the country's name starts in "the Republic of Armenia", "the Kingdom of Morocco"; else ``start``."""
    for i in range(start, min(end - 1, start + 5)):
        if doc[i].lower_ == "of" and i > start and doc[i - 1].lower_ in V.state_words:
            rest = doc[i + 1 : end]
            if any(p.feature_type == COUNTRY for p in gaz.lookup(rest.text)):
                return i + 1
            break
    return start


def _of_residence(doc: Doc, i: int) -> bool:
    """Whether ``doc[i]`` names where a person lives: "Paul Block Jr., 49, of Waterloo", "Miss Abdhou, of Hayes"."""
    if i < 3 or doc[i - 1].lower_ != "of" or doc[i - 2].text != ",":
        return False
    return doc[i - 3].like_num or doc[i - 3].ent_type_ == "PERSON"
