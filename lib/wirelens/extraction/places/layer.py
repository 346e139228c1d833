"""Places: find toponyms in each chunk, then resolve them against the gazetteer per article.

:meth:`PlacesLayer.read_chunk` is the only code here that sees spaCy objects. It returns
:class:`Toponym` records: NER GPE/LOC/FAC spans, plus names the small model misses or
mislabels that the gazetteer knows ("Aleppo" tagged NORP, an untagged "east Aleppo"), with
the phrase around them ("northeast Syria", "Hasakeh city", "Hasakeh province") and
part-of phrases ("the rebel-held east"), demonyms ("Russian-backed") and names inside
organisations ("Aleppo University"). :meth:`PlacesLayer.finish` resolves them with the whole
article in view and flags as metonymic what names a place without being one: capitals and
countries used as governments, demonyms and names inside organisations.

A landmark the news name in place of its town ("outside the White House", "the Kremlin") is placed
at that town, from the researchers' table ``landmarks.toml``.

What looks like a place but is not one here is left out: a place name before a feature word
("Windsor Castle", "the French Quarter"), a demonym of a larger region ("Central American"), the
surname of a person the article names ("Mohamed Salah ... the next Salah"), a county the gazetteer
does not hold ("Metcalfe County" is not the town of Metcalfe) or cannot tell from its namesakes
("Monroe County" where the article names none of their states), and a small town alone in its
country in an article about places elsewhere.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from typing import Any, NamedTuple

from spacy.tokens import Doc, Span

from wirelens.extraction.actors import _is_locative  # the same "in Damascus" test the actor layer uses
from wirelens.geo.gazetteer import (
    CITY, CONTINENT, COUNTRY, DISTRICT, REGION, Gazetteer, Place, distance_km, fold, load_gazetteer, name_key,
)
from wirelens.extraction.layer import ArticleContext, Earlier
from wirelens.extraction.records import PlaceMention
from wirelens.extraction.places.vocab import landmarks as _landmarks, load_vocab

_V = load_vocab()  # the word lists and weights researchers edit: vocab.toml
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_CITY_WORDS = _V.city_words
_REGION_WORDS = _V.region_words
_DIRECTIONS = _V.directions
_REGION_PREFIXES = _V.region_prefixes
_PART_OF = _V.part_of
_STATE_WORDS = _V.state_words
_PROPER_TAGS = frozenset({"NNP", "NNPS"})
_GENERIC = _V.generic
_FEATURE_WORDS = _V.feature_words
_FEATURE_HOSTS = frozenset({"GPE", "LOC", "FAC", "NORP"})
_SMALL_FOR_LOC = _V.small_for_loc
_GAZ_LABEL = "GAZ"  # found by the gazetteer, not the NER
_DEMONYM_LABEL = "DEMONYM"  # "Russian-backed": the country, named non-literally
_EMBEDDED_LABEL = "EMBEDDED"  # inside an organisation's name: "Kentucky State Police", "CTV Edmonton"
_HOST_LABELS = frozenset({"ORG", "EVENT", "WORK_OF_ART", "PRODUCT"})
_DEMONYM_HOSTS = frozenset({"LAW", "MONEY"})  # "the Ukrainian Law on ...", "8,000 Egyptian pounds"
# A name the NER tagged PERSON or ORG (or missed) that the gazetteer holds but that is no prominent
# place ("in Dewsbury", "to Castlegar", "the town of Kasba Bonli"): kept only if one of its mentions
# is governed like a place, no person of the article bears it, and the article names another place
# within _NEAR_KM (see _weak_support).
_WEAK_LABEL = "WEAK"
_WEAK_HOSTS = frozenset({"PERSON", "ORG"})
_WEAK_WORDS = _V.weak_words
_PLACE_NOUNS = _V.place_nouns
_NEVER_PLACES = frozenset({"CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "TIME"})
_PART_LABEL = "PART"  # a part-of phrase that names no place itself
_NAME_PARTICLES = _V.name_particles
_GLUE_TOKENS = _V.glue_tokens
# Labels of names that may be a person named elsewhere in the article ("Mohamed Salah" ... "the next Salah").
_PERSONABLE_LABELS = frozenset({"GPE", "LOC", "NORP", _GAZ_LABEL})
# "Edmonton, Ky.", "Paris, Missouri", "Surrey, B.C.": the region or country after a comma.
_QUALIFIER = re.compile(r",[ \t]+([A-Z][\w.'’]*(?:-[A-Z][\w.'’]*)*(?:[ \t]+[A-Z][\w.'’]*){0,2})")
# A wire dateline: "BOSTON (Reuters) -", "EDMONTON, Ky. (WBKO) --", "TORONTO —", at a line's start
# or after a byline's full stop. Capitals are no name's case elsewhere ("SANA" is an agency).
_DATELINE = re.compile(
    r"(?:^|(?<=\n)|(?<=[.!?”\"] ))[ \t]*([A-Z][A-Z'’.]+(?:[ -][A-Z][A-Z'’.]+){0,2})(?=[ \t]*(?:,|\(|—|–|--?[ \t]))"
)

_PRIOR = _V.prior
_CAPITAL_BONUS = _V.capital_bonus
_ALIAS_PENALTY = _V.alias_penalty
_SAME_COUNTRY_BONUS = _V.same_country_bonus
_COUNTY_KM = _V.county_km
_SAME_REGION_BONUS = _V.same_region_bonus
_NEAR_BONUS = _V.near_bonus
_NEAR_KM = _V.near_km
_QUALIFIER_BONUS = _V.qualifier_bonus
_QUALIFIER_KM = _V.qualifier_km
_RELATIVE = _V.relative
_RELATIVE_KM = _V.relative_km
_STRAY_POPULATION = _V.stray_population
_SELF_SUPPORTING = _V.self_supporting
_STRAY_CONTEXT = _V.stray_context


class Toponym(NamedTuple):
    """A place-name candidate; offsets index into the article text."""

    start: int  # the whole phrase: "northeast Syria", "Hasakeh city", "the rebel-held east"
    end: int
    text: str
    name: str  # the name to look up ("Syria", "Hasakeh"); "" for a part-of phrase
    label: str  # NER label, or GAZ, DEMONYM, EMBEDDED, PART (see the constants above)
    hint: str | None  # "city", "region" or "county" when the phrase says so
    sent_start: int
    sent_end: int
    locative: bool  # governed like a place: "in Damascus", "shelled Aleppo"




class PlacesLayer:
    """The ``places`` layer. The gazetteer loads on first use (process-wide cache)."""

    name = "places"
    assigns = PlaceMention
    requires: tuple[type, ...] = ()

    def __init__(self, gazetteer: Gazetteer | None = None):
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = load_gazetteer()
        return self._gazetteer

    # --- reading: the only spaCy code ---------------------------------------------------

    def read_chunk(self, doc: Doc, offset: int) -> list[Toponym]:
        gaz = self.gazetteer
        out: list[Toponym] = []
        taken: set[int] = set()
        ents = list(doc.ents)
        joined = self._split_names(doc, ents)
        for ent in ents:
            taken.update(range(ent.start, ent.end))  # a PERSON or ORG is not a place either
            if ent.start in joined:
                whole = joined[ent.start]
                if whole is not None:  # "Boa" GPE + "Vista" ORG, "Fort St." GPE + "John" PERSON
                    taken.update(range(whole.start, whole.end))
                    out.append(_record(whole, whole.text, _GAZ_LABEL, None, offset))
                continue
            if ent.label_ not in _NEVER_PLACES and (whole := self._glued_name(doc, ent.start, ent.end)) is not None:
                taken.update(range(whole.start, whole.end))
                out.append(_record(whole, whole.text, ent.label_ if ent.label_ in _PLACE_LABELS else _GAZ_LABEL,
                                   None, offset))
                continue
            ent = _without_possessive(ent)  # "South Korea's": the model sometimes keeps the "'s"
            if ent.label_ in _FEATURE_HOSTS and _names_a_feature(doc, ent.end, len(doc)):
                continue  # "Windsor Castle", "the French Quarter": the feature, which the gazetteer does not hold
            if ent.label_ in _PLACE_LABELS or (ent.label_ == "NORP" and self._norp_is_place(ent)):
                toponym = _toponym(ent, ent.label_, offset, gaz)
                if toponym is not None and ent.label_ in _PLACE_LABELS and toponym.name not in gaz:
                    if fold(ent.text) in gaz.demonyms:  # "Emirati" tagged GPE
                        out.append(_record(ent, ent.text, _DEMONYM_LABEL, None, offset))
                        continue
                    inner = [t for t in self._proper_names(doc, ent.start, ent.end, set(), _GAZ_LABEL, offset)
                             if (_key(t.name) in gaz.major or any(p.feature_type == REGION for p in gaz.lookup(t.name)))
                             and not _part_of_larger(ent, t.start - offset, t.name)
                             ] if len(ent) > 1 and ent.label_ in ("GPE", "LOC") else []
                    if inner:  # "Greece Italy" (a comma lost), "Politics Ukraine": the countries and cities inside
                        out += inner
                        continue
                if toponym is not None:
                    out.append(toponym)
            elif ent.label_ == "NORP" and fold(ent.text) in gaz.demonyms:
                out.append(_record(ent, ent.text, _DEMONYM_LABEL, None, offset))
            elif ent.label_ == "NORP" or ent.label_ in _DEMONYM_HOSTS:
                out += self._inner_demonyms(ent, offset)  # "anti-Russian", "Bosnian Serb", "8,000 Egyptian pounds"
            elif ent.label_ not in _NEVER_PLACES and self._mislabelled(ent):
                # "Edmonton" tagged ORG, "Winnipeg" DATE; a country ("the Holy See" tagged ORG) stays a GPE,
                # which may be metonymic like any other
                label = "GPE" if self._names_a_country(ent) else _GAZ_LABEL
                toponym = _toponym(ent, label, offset, gaz)
                if toponym is not None:
                    out.append(toponym)
            elif ent.label_ in _WEAK_HOSTS and self._weakly_named(ent):
                out.append(_weak(ent, offset, gaz))  # "in Dewsbury" tagged ORG, "to Castlegar" PERSON
            elif ent.label_ in _HOST_LABELS and len(ent) == 1 and _is_acronym(ent.text) and any(
                    p.feature_type in (CONTINENT, COUNTRY) for p in gaz.lookup(ent.text)):
                out.append(_record(ent, ent.text, _EMBEDDED_LABEL, None, offset))  # "the EU said", "US officials"
            elif ent.label_ in _HOST_LABELS and len(ent) == 1 and self._dotted(ent.text):
                out.append(_record(ent, self._dotted(ent.text), _EMBEDDED_LABEL, None, offset))  # "BC" for "B.C."
            elif ent.label_ in _HOST_LABELS:
                out += self._proper_names(doc, ent.start, ent.end, set(), _EMBEDDED_LABEL, offset)
                out += self._inner_demonyms(ent, offset)  # "the Russian Ministry of Defence"
                out += self._inner_acronyms(ent, offset)  # "the US Trade Representative", "EU Aviation"
        out += self._proper_names(doc, 0, len(doc), taken, _GAZ_LABEL, offset)
        datelines = self._datelines(doc, out, offset)
        if datelines:  # "ST. LOUIS –" tagged as two GPEs "ST" and "LOUIS": the dateline replaces its pieces
            out = [t for t in out if not any(d.start <= t.start and t.end <= d.end for d in datelines)] + datelines
        qualifiers = self._qualifiers(doc, [t for t in out if t.label != _WEAK_LABEL], offset)
        if qualifiers:  # "Melville, Sask.": the region, not a small place called "Sask"
            out = [t for t in out if t.label != _WEAK_LABEL or not _covered(qualifiers, t.start, t.end)] + qualifiers
        for match in _PART_OF.finditer(doc.text):
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is not None and not taken.intersection(range(span.start, span.end)):
                out.append(_record(span, "", _PART_LABEL, None, offset))
        out.sort(key=lambda t: t.start)
        return out

    def _mislabelled(self, ent: Span) -> bool:
        """An entity that is a prominent place's name: one word ("Edmonton" tagged ORG; a PERSON only for
        a major city), or a short PERSON or ORG that is a major city or a region whole ("Ciudad Juarez")."""
        if _is_acronym(ent.text):
            return False  # "EU", "UN": organisations first (an ORG "EU" is kept as embedded, below)
        if len(ent) > 1 and ent.label_ in _WEAK_HOSTS and self._names_a_country(ent):
            return True  # "the Holy See", "the Democratic People's Republic of Korea" tagged ORG
        if len(ent) > 1:
            # "Sokoto State": the region's name before its type word
            name = ent[:-1] if ent[-1].lower_ in _REGION_WORDS else ent
            return (ent.label_ in _WEAK_HOSTS and len(ent) <= _WEAK_WORDS and not ent.text.isupper()
                    and all((t.text[:1].isupper() and t.is_alpha) or t.text in "-‐" for t in ent)
                    and (_key(ent.text) in self.gazetteer.major
                         or any(p.feature_type == REGION for p in self.gazetteer.lookup(name.text))))
        key = _key(ent.text)
        return key in self.gazetteer.major if ent.label_ == "PERSON" else key in self.gazetteer.primary

    def _names_a_country(self, ent: Span) -> bool:
        """Whether the whole entity, but for a leading "the", is a country's name or form (not a continent's:
        "the European Union" is Europe's alternate name, and an organisation)."""
        words = ent[1:] if ent[0].lower_ == "the" else ent
        return len(words) > 0 and any(p.feature_type == COUNTRY for p in self.gazetteer.lookup(words.text))

    def _weakly_named(self, span: Span) -> bool:
        """A short capitalised name the gazetteer holds ("Dewsbury", "Matias Romero"), whatever the NER made of it."""
        words = [t for t in span if t.lower_ != "the"]
        return (0 < len(words) <= _WEAK_WORDS and all(t.text[:1].isupper() and t.is_alpha for t in words)
                and not span.text.isupper()
                and not _is_acronym(span.text) and (key := _key(span.text)) in self.gazetteer
                and key not in self.gazetteer.major  # countries and major cities have rules of their own
                and not any(p.feature_type in (CONTINENT, COUNTRY) for p in self.gazetteer.lookup(span.text)))

    def _norp_is_place(self, ent: Span) -> bool:
        """The sm model tags "Aleppo" NORP; a demonym ("Syrian") is no prominent place's name."""
        name = _strip_directions(ent, self.gazetteer)
        return name is not None and _key(name.text) in self.gazetteer.primary

    def _proper_names(self, doc: Doc, start: int, end: int, taken: set[int], label: str, offset: int) -> list[Toponym]:
        """Prominent place names among the proper nouns of ``doc[start:end]`` outside ``taken``.

        In each run of proper nouns the longest name wins, anywhere in the run:
        "Hasakeh" in "Hasakeh Kurdish", "Edmonton" in "CTV Edmonton".
        """
        gaz = self.gazetteer
        out = []
        i = start
        while i < end:
            if i in taken or doc[i].tag_ not in _PROPER_TAGS or doc[i].lower_ in _DIRECTIONS:
                i += 1  # a direction starts no name: "east Aleppo" grows back over it later
                continue
            j = i
            while j < end and j not in taken and doc[j].tag_ in _PROPER_TAGS:
                j += 1
            if label == _GAZ_LABEL and (whole := self._glued_name(doc, i, j, taken)) is not None:
                out.append(_record(whole, whole.text, label, None, offset))  # "Mazar-i-Sharif"
                i = whole.end
                continue
            found = None
            for stop in range(j, i, -1):
                span = doc[i:stop]
                if _key(span.text) in gaz.primary and (not span.text.isupper() or self._names_a_country(span)):
                    found = span  # in capitals only a country's form ("UAE", "U.S."): "SANA" the agency, not Sanaa
                    break
            if found is None:
                if label == _GAZ_LABEL and self._weakly_named(doc[i:j]):
                    out.append(_weak(doc[i:j], offset, gaz))  # "of Bellmore": no prominent name, maybe a small place
                    i = j
                    continue
                if label == _GAZ_LABEL and (dotted := self._dotted(doc[i].text)):
                    out.append(_record(doc[i : i + 1], dotted, _GAZ_LABEL, None, offset))  # "FrontCounter BC:"
                i += 1
                continue
            if label != _EMBEDDED_LABEL and _names_a_feature(doc, found.end, end):
                i = j  # "Windsor Castle", "Niger Delta": another place, which the gazetteer does not hold
                continue
            # "the Plymouth County Sheriff's Office": the county, not the town, inside an organisation too.
            county = "county" if found.end < end and doc[found.end].lower_ == "county" else None
            toponym = _toponym(found, label, offset, gaz) if label != _EMBEDDED_LABEL else _record(
                found, found.text, label, county, offset)
            if toponym is not None:
                out.append(toponym)
            i = found.end
        return out

    def _split_names(self, doc: Doc, ents: Sequence[Span]) -> dict[int, Span | None]:
        """Two adjacent entities that together are a prominent place's name, which the model split:
        first entity's start -> the whole name, second's -> None (read with the first)."""
        out: dict[int, Span | None] = {}
        for a, b in zip(ents, ents[1:]):
            if (a.end == b.start and a.start not in out and a.label_ not in _NEVER_PLACES
                    and b.label_ not in _NEVER_PLACES and self._prominent(doc[a.start:b.end])):
                out[a.start], out[b.start] = doc[a.start : b.end], None
        return out

    def _prominent(self, span: Span) -> bool:
        """A prominent place's name, or an alternate name of one ("Mazar-i-Sharif")."""
        gaz = self.gazetteer
        return _key(span.text) in gaz.primary or any(_key(p.name) in gaz.primary for p in gaz.lookup(span.text))

    def _glued_name(self, doc: Doc, start: int, end: int, taken: AbstractSet[int] = frozenset()) -> Span | None:
        """``doc[start:end]`` grown over the particles and hyphens that continue it into a prominent place's
        name ("Deir" + "ez-Zor", "Mazar" + "-i-Sharif"), or None when no longer name is one."""
        stop = end
        while stop < len(doc) and stop - end < _GLUE_TOKENS and stop not in taken:
            tok, prev = doc[stop], doc[stop - 1]
            glued = not prev.whitespace_ and (tok.is_alpha or tok.text in "-‐")
            if not (glued or (tok.lower_ in _NAME_PARTICLES and not tok.whitespace_)):
                break
            stop += 1
        for k in range(stop, end, -1):
            span = doc[start:k]
            if span[-1].is_alpha and span[-1].text[:1].isupper() and self._prominent(span):
                return span
        return None

    def _inner_demonyms(self, ent: Span, offset: int) -> list[Toponym]:
        """Demonyms among the words of a longer entity; they name their country non-literally.

        A demonym after a capitalised direction or "Latin" belongs to a larger unit: "North American"
        is the continent's, and "Central American", "Latin American", "South East Asian" name regions
        the gazetteer does not hold, not the United States or Asia.
        """
        demonyms = self.gazetteer.demonyms
        out = []
        if len(ent) < 2:
            return out
        for i, tok in enumerate(ent):
            if not tok.text[:1].isupper() or fold(tok.text) not in demonyms:
                continue
            prev = ent[i - 1] if i > 0 else None
            if prev is not None and prev.text[:1].isupper() and prev.lower_ in _REGION_PREFIXES:
                if fold(f"{prev.text} {tok.text}") in demonyms:
                    out.append(_record(ent[i - 1 : i + 1], f"{prev.text} {tok.text}", _DEMONYM_LABEL, None, offset))
                continue
            out.append(_record(ent[i : i + 1], tok.text, _DEMONYM_LABEL, None, offset))
        return out

    def _inner_acronyms(self, ent: Span, offset: int) -> list[Toponym]:
        """A country or the EU written as an acronym inside a longer organisation name, or a region's
        abbreviation without its full stops ("FrontCounter BC")."""
        gaz = self.gazetteer
        out = []
        for i, tok in enumerate(ent):
            if len(ent) > 1 and _is_acronym(tok.text) and tok.text.isupper():
                if any(p.feature_type in (CONTINENT, COUNTRY) for p in gaz.lookup(tok.text)):
                    out.append(_record(ent[i : i + 1], tok.text, _EMBEDDED_LABEL, None, offset))
                elif dotted := self._dotted(tok.text):
                    out.append(_record(ent[i : i + 1], dotted, _EMBEDDED_LABEL, None, offset))
        return out

    def _dotted(self, text: str) -> str | None:
        """"BC" -> "B.C." when that is a region's or country's abbreviation (the news write both)."""
        if len(text) != 2 or not text.isalpha() or not text.isupper():
            return None
        dotted = f"{text[0]}.{text[1]}."
        return dotted if any(p.feature_type in (REGION, COUNTRY) for p in self.gazetteer.lookup(dotted)) else None

    def _datelines(self, doc: Doc, found: Sequence[Toponym], offset: int) -> list[Toponym]:
        """Places in capitals that open a wire story: "BOSTON (Reuters) -", "LAUREL COUNTY, Ky. (WKYT) -"."""
        out = []
        for match in _DATELINE.finditer(doc.text):
            start, end = match.span(1)
            words = match.group(1).title().split()
            hint = _hint(words[-1].lower()) if len(words) > 1 else None
            name = " ".join(words[:-1] if hint else words)
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or not self.gazetteer.lookup(name) or any(
                    t.start < end + offset and start + offset < t.end
                    and not (start + offset <= t.start and t.end <= end + offset and t.end - t.start < end - start)
                    for t in found):
                continue  # kept as found, unless what was found is only a piece of it
            out.append(_record(span, name, _GAZ_LABEL, hint, offset))
        return out

    def _qualifiers(self, doc: Doc, found: Sequence[Toponym], offset: int) -> list[Toponym]:
        """The region or country that follows a place after a comma ("Edmonton, Ky."), when the NER missed it."""
        out = []
        for t in found:
            if t.label in (_PART_LABEL, _EMBEDDED_LABEL, _DEMONYM_LABEL):
                continue
            match = _QUALIFIER.match(doc.text, t.end - offset)
            if match is None:
                continue
            # All the capitalised words, or none: ", Vladimir Putin said" names no region Vladimir.
            name = _without_full_stop(match.group(1), self.gazetteer)
            if any(p.feature_type in (REGION, COUNTRY) for p in self.gazetteer.lookup(name)):
                start = match.start(1)
                span = doc.char_span(start, start + len(name), alignment_mode="expand")
                if span is not None and not _covered(found, start + offset, start + len(name) + offset):
                    out.append(_record(span, name, _GAZ_LABEL, None, offset))
        return out

    # --- resolving: plain Python over the whole article --------------------------------

    def finish(self, records: list[Toponym], context: ArticleContext, earlier: Earlier) -> list[PlaceMention]:
        return resolve_places(records, context, self.gazetteer)


def _key(text: str) -> str:
    return name_key(text)


def _names_a_feature(doc: Doc, i: int, end: int) -> bool:
    """Whether the proper noun at ``doc[i]`` (before ``end``) is a feature word that makes the name
    before it another place: "Windsor Castle", "Niger Delta", "Virgin Islands", "Westminster House"."""
    return i < end and doc[i].text[:1].isupper() and doc[i].lower_ in _FEATURE_WORDS


def _part_of_larger(ent: Span, char: int, name: str) -> bool:
    """Whether a name inside ``ent`` belongs to a larger place the gazetteer lacks: "Latin America" is not
    America, the "Nile Delta" not Nigeria's Delta State (a feature word after the river's name)."""
    if name.lower() in _FEATURE_WORDS:
        return True
    first = next((tok.i for tok in ent if tok.idx == char), ent.start)
    return first > ent.start and ent.doc[first - 1].lower_ in _REGION_PREFIXES


def _without_possessive(ent: Span) -> Span:
    """"South Korea's" -> "South Korea"."""
    if len(ent) > 1 and ent[-1].lower_ in ("'s", "’s", "'", "’"):
        return Span(ent.doc, ent.start, ent.end - 1, label=ent.label)
    return ent


def _without_full_stop(name: str, gaz: Gazetteer) -> str:
    """"Texas." ends a sentence; "Ky." and "B.C." are abbreviations and keep their stop."""
    bare = name[:-1]
    if name.endswith(".") and any(name_key(p.name) == name_key(bare) for p in gaz.lookup(bare)):
        return bare
    return name


def _covered(found: Sequence[Toponym], start: int, end: int) -> bool:
    return any(t.start < end and start < t.end for t in found)


def _strip_directions(span: Span, gaz: Gazetteer) -> Span | None:
    """The name inside "east Aleppo", "the northeast Syria", "Hasakeh province" (not "West Virginia")."""
    start, end = span.start, span.end
    doc = span.doc
    if span[0].lower_ != "the" and _key(span.text) in gaz:
        return span
    while start < end and doc[start].lower_ == "the":
        start += 1
    if start < end and doc[start].lower_ not in _DIRECTIONS and _key(doc[start:end].text) in gaz:
        return doc[start:end]  # "the Kurdistan Region", "the Golan Heights": a name that ends in a type word
    rest = start
    while rest < end and doc[rest].lower_ in _DIRECTIONS:
        rest += 1
    if start < rest < end and doc[rest:end].text.lower() not in _GENERIC and _key(doc[start:end].text) in gaz:
        return doc[start:end]  # "the West Bank": the name, not "Bank" ("the South East", "the Central Coast" stay parts)
    while start < end and (doc[start].lower_ in _DIRECTIONS or doc[start].lower_ == "the"):
        start += 1
    while end > start and (doc[end - 1].lower_ in _CITY_WORDS or doc[end - 1].lower_ in _REGION_WORDS):
        end -= 1
    if end > start and _key(doc[start:end].text) not in gaz:
        start = _official_form(doc, start, end, gaz)
    return doc[start:end] if end > start else None


def _official_form(doc: Doc, start: int, end: int, gaz: Gazetteer) -> int:
    """Where the country's name starts in "the Republic of Armenia", "the Kingdom of Morocco"; else ``start``."""
    for i in range(start, min(end - 1, start + 5)):
        if doc[i].lower_ == "of" and i > start and doc[i - 1].lower_ in _STATE_WORDS:
            rest = doc[i + 1 : end]
            if any(p.feature_type == COUNTRY for p in gaz.lookup(rest.text)):
                return i + 1
            break
    return start


def _toponym(span: Span, label: str, offset: int, gaz: Gazetteer) -> Toponym | None:
    """Grow ``span`` to its phrase (directions before, "city"/"province" after) and record it."""
    name = _strip_directions(span, gaz)
    if name is None:
        return None
    doc = span.doc
    start, end = span.start, span.end
    hint = _hint(doc[name.end].lower_) if name.end < span.end else None
    if end < len(doc) and hint is None and _hint(doc[end].lower_) and not doc[end].ent_type_:
        hint = _hint(doc[end].lower_)
        end += 1
    while start > 0 and doc[start - 1].lower_ in _DIRECTIONS:
        start -= 1
    phrase = doc[start:end]
    return _record(phrase, name.text, label, hint, offset, name)


def _weak(span: Span, offset: int, gaz: Gazetteer) -> Toponym:
    """A small place's name the NER missed or tagged PERSON/ORG: kept only where the article bears it out."""
    toponym = _toponym(span, _WEAK_LABEL, offset, gaz)
    assert toponym is not None  # a span of capitalised words always keeps a name
    doc = span.doc
    named_so = span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in _PLACE_NOUNS
    return toponym._replace(locative=toponym.locative or named_so or _of_residence(doc, span.start))


def _of_residence(doc: Doc, i: int) -> bool:
    """Whether ``doc[i]`` names where a person lives: "Paul Block Jr., 49, of Waterloo", "Miss Abdhou, of Hayes"."""
    if i < 3 or doc[i - 1].lower_ != "of" or doc[i - 2].text != ",":
        return False
    return doc[i - 3].like_num or doc[i - 3].ent_type_ == "PERSON"


def _hint(word: str) -> str | None:
    if word in _CITY_WORDS:
        return "city"
    if word == "county":
        return "county"
    if word in _REGION_WORDS:
        return "region"
    return None


def _record(span: Span, name: str, label: str, hint: str | None, offset: int, name_span: Span | None = None) -> Toponym:
    doc = span.doc
    sent = span.sent if doc.has_annotation("SENT_START") or doc.has_annotation("DEP") else doc[:]
    return Toponym(
        start=span.start_char + offset, end=span.end_char + offset, text=span.text, name=name, label=label,
        hint=hint, sent_start=sent.start_char + offset, sent_end=sent.end_char + offset,
        locative=_is_locative(name_span if name_span is not None else span),
    )


# --- resolution ---------------------------------------------------------------------------


def _prior(place: Place, key: str) -> float:
    if place.feature_type in _PRIOR:
        value = _PRIOR[place.feature_type]
    else:
        value = math.log10(place.population + 1) if place.feature_type == CITY else 2.0
        value += _CAPITAL_BONUS if place.capital else 0.0
    return value if name_key(place.name) == key else value - _ALIAS_PENALTY


def _is_acronym(text: str) -> bool:
    """"MoD", "BA", "UConn": only a country can be written so ("US", "UAE"); "WASHINGTON" is a dateline."""
    word = text.strip()
    return len(word) <= 5 and " " not in word and "." not in word and any(ch.isupper() for ch in word[1:])


def _in_capitals(toponym: Toponym, places: Sequence[Place]) -> bool:
    """"SEOUL" or "CAIRO" the NER tagged a place: a name in capitals (a dateline), not an acronym ("UAE")."""
    return (toponym.label in ("GPE", "LOC") and len(toponym.name) >= 4 and toponym.name.isupper()
            and any(name_key(p.name) == _key(toponym.name) for p in places))


def _implausible(name: str) -> bool:
    """Lower-case words, one letter, a lone generic word ("Southern", "Valley"; not "Orange County")."""
    words = name.split()
    if not words or not name[:1].isupper() or len(name.replace(".", "")) < 2:
        return True
    return len(words) == 1 and words[0].lower().strip(".") in _GENERIC


def _candidates(toponym: Toponym, gaz: Gazetteer) -> list[Place]:
    if toponym.label == _DEMONYM_LABEL:
        place = gaz.demonyms.get(fold(toponym.name))
        return [place] if place else []
    if (site := _landmarks().get(_key(toponym.name))) is not None:  # "outside the White House": Washington
        town, country = site
        return [p for p in gaz.lookup(town) if p.country_code == country and p.feature_type == CITY][:1]
    if _implausible(toponym.name) and not _is_acronym(toponym.name):
        return []
    places = gaz.lookup(toponym.name)
    if _is_acronym(toponym.name) and not _in_capitals(toponym, places):
        places = [p for p in places if p.feature_type in (CONTINENT, COUNTRY)]
    if toponym.label in ("LOC", "FAC"):
        places = [p for p in places if p.feature_type != CITY or p.population >= _SMALL_FOR_LOC]
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


def _scorer(key: str, countries: Counter[str], anchors: Sequence[Place],
            qualifier: Place | None = None) -> Callable[[Place], float]:
    """The ranking score of a candidate for ``key`` in an article naming ``countries`` and ``anchors``."""
    regions = {(a.country_code, a.admin1) for a in anchors if a.feature_type == REGION and a.admin1}

    def score(place: Place) -> float:
        value = _prior(place, key)
        if countries[place.country_code]:
            value += _SAME_COUNTRY_BONUS
        if place.feature_type != COUNTRY and any(
            a is not place and distance_km(a.lat, a.lon, place.lat, place.lon) < _NEAR_KM for a in anchors
        ):
            value += _NEAR_BONUS
        if place.admin1 and place.feature_type != REGION and (place.country_code, place.admin1) in regions:
            value += _SAME_REGION_BONUS  # Orange County in an article naming California
        if qualifier is not None:
            value += _qualified(place, qualifier)
        return value

    return score


def _best(cands: Sequence[Place], key: str, countries: Counter[str], anchors: Sequence[Place],
          qualifier: Place | None = None) -> Place:
    return max(cands, key=_scorer(key, countries, anchors, qualifier))


def _settled(cands: Sequence[Place], key: str, countries: Counter[str], anchors: Sequence[Place],
             qualifier: Place | None, best: Place) -> Place | None:
    """``best``, unless it is a district that ties with another district of its name. Counties carry no
    population, so the tie goes to the one with another place of the article in or beside it (within
    _COUNTY_KM: "Seminole County" beside Orlando, though the article names Georgia too), else to none
    ("Monroe County" in an article that names none of the Monroe Counties' states)."""
    if best.feature_type != DISTRICT:
        return best
    score = _scorer(key, countries, anchors, qualifier)
    top = score(best)
    tied = [p for p in cands if p.feature_type == DISTRICT and score(p) >= top]
    if len(tied) == 1:
        return best
    gaps = sorted((min((distance_km(a.lat, a.lon, p.lat, p.lon) for a in anchors
                        if a is not p and a.feature_type != COUNTRY), default=math.inf), i) for i, p in enumerate(tied))
    return tied[gaps[0][1]] if gaps[0][0] < _COUNTY_KM and gaps[0][0] < gaps[1][0] else None


def _qualified(place: Place, qualifier: Place) -> float:
    """How well ``place`` fits "<place>, <qualifier>": in its country, and the nearer its region's point the better."""
    if place.feature_type in (CONTINENT, COUNTRY, REGION) or place.country_code != qualifier.country_code:
        return 0.0
    if qualifier.feature_type == COUNTRY or (place.admin1 and place.admin1 == qualifier.admin1):
        return _QUALIFIER_BONUS
    km = distance_km(place.lat, place.lon, qualifier.lat, qualifier.lon)
    return max(0.0, _QUALIFIER_BONUS * (1 - km / _QUALIFIER_KM))


def _linked(toponyms: Sequence[Toponym], text: str, max_gap: int, joins: Callable[[str], bool]) -> dict[Toponym, Toponym]:
    """Each toponym mapped to the next one when the text between them (at most ``max_gap`` characters) joins them."""
    ordered = sorted((t for t in toponyms if t.name), key=lambda t: t.start)
    return {a: b for a, b in zip(ordered, ordered[1:])
            if 0 < b.start - a.end <= max_gap and joins(text[a.end : b.start]) and a.label != _EMBEDDED_LABEL}


def _qualifiers(toponyms: Sequence[Toponym], text: str) -> dict[Toponym, Toponym]:
    """Each toponym followed by ", <toponym>" ("Paris, Missouri"), mapped to the one after the comma."""
    return _linked(toponyms, text, 3, lambda gap: gap.strip() == ",")


def _relatives(toponyms: Sequence[Toponym], text: str) -> dict[Toponym, Toponym]:
    """Each toponym placed relative to the next one ("Kingston, south of Brisbane", "Tal Rifaat, 35 km north
    of Aleppo", "a village near Idlib"), mapped to that next one."""
    return _linked(toponyms, text, 60, lambda gap: _RELATIVE.fullmatch(gap) is not None)


def resolve_places(toponyms: Sequence[Toponym], context: ArticleContext, gaz: Gazetteer) -> list[PlaceMention]:
    """Resolve an article's toponyms: population and feature type first, then the article's context.

    Every mention of one name in one phrase shape resolves alike, so the work is done once per
    distinct (name, hint, label): linear in the mentions even for a book-length text. A name that
    is qualified once ("LONDON, Ky.") means the same place wherever else the article uses it.
    """
    Sig = tuple[str, str | None, str]

    def sig_of(t: Toponym) -> Sig:
        return (t.name, t.hint, t.label)

    sigs: dict[Sig, list[Place]] = {}
    for t in toponyms:
        sig = sig_of(t)
        if t.name and sig not in sigs:
            sigs[sig] = _candidates(t, gaz)
    sigs = {sig: cands for sig, cands in sigs.items() if cands}
    # A person's surname is no place, and gives no context either ("Bingham" the mayor is no English town).
    people = _person_words(context)
    toponyms = [t for t in toponyms if not (sig_of(t) in sigs and _is_person(t, sigs[sig_of(t)], people))]
    placelike = {sig_of(t) for t in toponyms if t.label == _WEAK_LABEL and t.locative and _key(t.name) not in people}
    toponyms = [t for t in toponyms if t.label != _WEAK_LABEL or sig_of(t) in placelike]
    sigs = {sig: cands for sig, cands in sigs.items() if sig[2] != _WEAK_LABEL or sig in placelike}
    # Pass 1, no context: the countries and places the article names, counted per mention.
    first = {sig: c[0] if len(c) == 1 else _best(c, _key(sig[0]), Counter(), ()) for sig, c in sigs.items()}
    mentions_of = Counter(sig_of(t) for t in toponyms if sig_of(t) in first)
    own: dict[str, Counter[Place]] = {}
    for sig, n in mentions_of.items():
        own.setdefault(_key(sig[0]), Counter())[first[sig]] += n
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
    resolved: dict[Sig, Place] = {}
    for sig, cands in sigs.items():
        others = every - own.get(_key(sig[0]), Counter())  # context is what the *other* names say
        countries: Counter[str] = Counter()
        for p, n in others.items():
            countries[p.country_code] += n
        # A country's centroid counts as an anchor too: Tripoli near Syria is Lebanon's.
        resolved[sig] = _best(cands, _key(sig[0]), countries, list(others), qualifier_of.get(sig))
        if _stray(resolved[sig], countries) and sig not in qualifier_of and sig[2] != _WEAK_LABEL:
            del resolved[sig]
        elif (settled := _settled(cands, _key(sig[0]), countries, list(others), qualifier_of.get(sig),
                                  resolved[sig])) is None:
            del resolved[sig]
        else:
            resolved[sig] = settled
    # A weakly named place needs another place of the article near it, as resolved with context.
    # (as resolved with context, or at first sight: "Castlegar" near "Nelson" may be stray on its own)
    unsupported = [sig for sig, place in resolved.items() if sig[2] == _WEAK_LABEL and sig not in qualifier_of
                   and not _weak_support(place, sigs[sig], [p for s, p in resolved.items() if _key(s[0]) != _key(sig[0])]
                                         + list(every - own.get(_key(sig[0]), Counter())))]
    for sig in unsupported:
        del resolved[sig]
    # "Hayyan, north of Aleppo" is near Aleppo: a namesake far away means the gazetteer lacks the place.
    for sig, anchor in relative_of.items():
        if sig in resolved and not _near_anchor(resolved[sig], anchor):
            del resolved[sig]
    _one_sense(resolved, sigs, {resolved[sig] for sig in qualifier_of if sig in resolved})
    states = sorted((e.start, e.end) for e in context.entities if e.actor_type == "state")
    out = {t: resolved[sig_of(t)] for t in toponyms if sig_of(t) in resolved}
    mentions = [_mention(t, p, _metonymic(t, states)) for t, p in out.items()]
    mentions += _parts(toponyms, mentions, out)
    return sorted(mentions, key=lambda m: m.start)


def _person_words(context: ArticleContext) -> frozenset[str]:
    """The surnames of the article's multi-word PERSON entities, as name keys: "Mohamed Salah" gives "sala"
    (the last word: the sm model also tags "Karak Castle" PERSON, and the article's "Karak" stays a town)."""
    return frozenset(name_key(words[-1]) for e in context.entities if e.label == "PERSON"
                     if len(words := e.text.split()) > 1 and words[-1][:1].isupper())


def _is_person(t: Toponym, cands: Sequence[Place], people: frozenset[str]) -> bool:
    """A bare name the article also gives a person ("the next Salah", "Freeland said"), not governed like a place.

    Countries and continents stay places: "Jordan said" is the country even beside "Michael Jordan".
    """
    return (t.label in _PERSONABLE_LABELS and not t.locative and t.hint is None
            and not any(p.feature_type in (CONTINENT, COUNTRY) for p in cands)
            and " " not in t.name.strip() and _key(t.name) in people)


def _stray(place: Place, countries: Counter[str]) -> bool:
    """A small town alone in its country, in an article that names places elsewhere (see _STRAY_POPULATION)."""
    return (place.feature_type == CITY and place.population < _STRAY_POPULATION and not countries[place.country_code]
            and sum(countries.values()) >= _STRAY_CONTEXT)


def _near_anchor(place: Place, anchor: Place) -> bool:
    """Whether ``place`` can be where a phrase such as "north of <anchor>" puts it: in the anchor country,
    or within _RELATIVE_KM of the anchor town or region."""
    if anchor.feature_type == COUNTRY:
        return place.country_code == anchor.country_code
    return distance_km(place.lat, place.lon, anchor.lat, anchor.lon) <= _RELATIVE_KM


def _weak_support(place: Place, cands: Sequence[Place], others: Sequence[Place]) -> bool:
    """Whether a weakly named place stands on its own (a city of _SELF_SUPPORTING inhabitants, or the region
    of a name such a city of its country bears: "shelled Hodeidah", "in Gao") or another place the article
    names lies within _NEAR_KM of it (see _WEAK_LABEL)."""
    if any(c.feature_type == CITY and c.population >= _SELF_SUPPORTING and c.country_code == place.country_code
           and (c is place or place.feature_type == REGION) for c in cands):
        return True
    return any(o is not place and o.feature_type not in (CONTINENT, COUNTRY)
               and distance_km(o.lat, o.lon, place.lat, place.lon) < _NEAR_KM for o in others)


def _one_sense(resolved: dict[Any, Place], sigs: Mapping[Any, Sequence[Place]], qualified: set[Place]) -> None:
    """Every other mention of a qualified name ("of London", "London Police") means the qualified place."""
    by_key = {_key(p.name): p for p in qualified}
    by_key.update({_key(sig[0]): p for sig, p in resolved.items() if p in qualified})
    for sig, cands in sigs.items():
        place = by_key.get(_key(sig[0]))
        if place is not None and place in cands:
            resolved[sig] = place


def _parts(toponyms: Sequence[Toponym], mentions: Sequence[PlaceMention], resolved: Mapping[Toponym, Place]) -> list[PlaceMention]:
    """"The rebel-held east" is part of the nearest city named in its sentence, else of the article's main city."""
    literal = {m.start for m in mentions if not m.metonymic}
    cities = [(t, p) for t, p in resolved.items() if p.feature_type == CITY and t.start in literal]
    if not cities:
        return []
    main = Counter(p for _, p in cities).most_common(1)[0][0]
    out = []
    for t in toponyms:
        if t.label != _PART_LABEL:
            continue
        same = [(abs(u.start - t.start), p) for u, p in cities if u.sent_start == t.sent_start]
        out.append(_mention(t, min(same, key=lambda x: x[0])[1] if same else main, False))
    return out


def _metonymic(t: Toponym, states: Sequence[tuple[int, int]]) -> bool:
    """A demonym, or a GPE the actor layer resolved to a state that is not governed like a place."""
    return t.label in (_DEMONYM_LABEL, _EMBEDDED_LABEL) or (t.label == "GPE" and not t.locative and _overlaps(t, states))


def _overlaps(t: Toponym, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether ``t`` overlaps one of ``spans`` (sorted, non-overlapping entity spans)."""
    i = bisect.bisect_left(spans, (t.end,))  # spans starting before t ends
    return i > 0 and spans[i - 1][1] > t.start


def _mention(t: Toponym, place: Place, metonymic: bool) -> PlaceMention:
    return PlaceMention(t.start, t.end, t.text, place.name, place.lat, place.lon, place.country_code,
                        place.geonameid, place.feature_type, metonymic)
