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
from wirelens.extraction.places.toponym import (
    DEMONYM_LABEL,
    EMBEDDED_LABEL,
    GAZ_LABEL,
    PACK_LABEL,
    PART_LABEL,
    WEAK_LABEL,
    Toponym,
    V,
    countryside_before,
    hint_of,
    is_acronym,
    key,
    record,
    toponym_of,
    weak,
)
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
    # "the Free Syrian Army in Idleb": a name after "in" inside the organisation's entity is where it is, literally.
    inner = [_literal(t, doc, span.start, offset, gaz) or t for t in inner]
    return inner + inner_demonyms(span, offset, gaz) + inner_acronyms(span, offset, gaz)


def _literal(t: Toponym, doc: Doc, ent_start: int, offset: int, gaz: Gazetteer) -> Toponym | None:
    span = doc.char_span(t.start - offset, t.end - offset)  # "in" inside the entity: not "quoted in China Daily"
    if span is None or span.start <= ent_start or doc[span.start - 1].lower_ not in _IN_WORDS:
        return None
    toponym = toponym_of(span, GAZ_LABEL, offset, gaz)
    return toponym._replace(locative=True) if toponym is not None else None


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
    for match in V.part_of.finditer(doc.text):  # "the rebel-held east"
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None and not chunk.taken.intersection(range(span.start, span.end)):
            out.append(record(span, "", PART_LABEL, None, offset))
    out.sort(key=lambda t: t.start)
    return out


_IN_WORDS = frozenset(
    {"in", "near", "outside", "inside"}
)  # "the Free Syrian Army in Idleb", not "a probe into Columbia X"
# Labels of entities a pack name may be found inside only after a strong locative word ("in", "shelled").
_NAME_HOSTS = frozenset({"PERSON", "ORG", "NORP", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW", "FAC", "LOC", "GPE"})
_RUN = 6  # a pack name is at most this many tokens: "Bani as Sayagh", "Ras al - Ain"
_REPLACEABLE = frozenset({WEAK_LABEL, EMBEDDED_LABEL})


def pack_names(doc: Doc, found: list[Toponym], offset: int, gaz: Gazetteer) -> list[Toponym]:
    """The conflict pack's names in locative contexts, whatever the NER made of them (the gazetteer-backed
    matcher): "shelled Kafr Nabl", "Tayyana town in Deir ez Zor countryside", "in Bani an Namri and Bani
    as Sayagh", "the Free Syrian Army in Idleb". The longest name wins; a pack name replaces a weak or
    embedded toponym it covers, or a shorter one inside it ("Deir" of "Deir ez Zor"), and yields to others.

    The matcher asks the pack's own name index (keyed by the gazetteer's ``name_key``, so every spelling
    that key folds together matches) about each run of capitalised words: no second index of the names,
    and no phrase patterns to build. Precision: a cue is required, words that are never places alone
    ([pack] never) are skipped, and resolution keeps a pack name only with admin support.
    """
    if not gaz.packs:
        return found
    out = list(found)
    last_end = -2
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        if (
            not _starts_name(tok) or tok.is_stop or tok.ent_type_ in NEVER_PLACES or tok.ent_type_ in ("DATE", "TIME")
        ):  # "In The Name Of The Father" starts no name
            i += 1
            continue
        stop = _run_end(doc, i)
        match = None
        opens = _opens(doc, i, last_end)
        for k in range(stop, i, -1):
            if not _starts_name(doc[k - 1]):
                continue
            if not opens and (k >= n or (doc[k].lower_ not in V.pack_after and doc[k].text != ",")):
                continue  # no cue before the name, none after this end: no lookup needed
            span = doc[i:k]
            if len(span) == 1 and (tok.lower_ in V.pack_never or tok.lower_ in V.generic or tok.is_stop):
                continue
            if k < n and not doc[k - 1].whitespace_ and doc[k].text in "-‐":
                continue  # "Wal" of "Wal-Mart"
            if _in_pack(span.text, gaz) and not names_a_feature(doc, k, n):  # not "Westminster House"
                match = span
                break
        if match is None:
            i += 1
            continue
        cue = _cue(doc, match, last_end)
        if cue == "weak" and (len(match) == 1 and len(tok.text) < 5 or _modifies_noun(doc, match)):
            cue = None  # "the injury to Hal", "D Peel (Llanelli)"; "from the Argo rescue"
        if match.end < n and doc[match.end].ent_iob_ == "I" and tok.ent_type_ in _NAME_HOSTS:
            cue = None  # "the New York Marathon": the entity goes on past the name
        if cue == "strong" and _modifies_noun(doc, match):
            cue = None  # "in the Argo rescue": a name that modifies a noun is no place here
        if cue is None or (
            cue == "weak" and tok.ent_type_ in _NAME_HOSTS and tok.ent_type_ not in ("GPE", "LOC", "FAC")
        ):
            i += 1
            continue
        start_char, end_char = match.start_char + offset, match.end_char + offset
        clash = [t for t in out if t.start < end_char and start_char < t.end]
        if any(
            t.label not in _REPLACEABLE
            and not (start_char <= t.start and t.end <= end_char and t.end - t.start < end_char - start_char)
            for t in clash
        ):
            i = match.end
            last_end = match.end - 1
            continue
        toponym = toponym_of(match, PACK_LABEL, offset, gaz)
        if toponym is not None:
            out = [t for t in out if t not in clash] + [toponym._replace(locative=True)]
        last_end = match.end - 1 if toponym is None or toponym.end == end_char else match.end
        i = match.end
    return out


def _starts_name(tok) -> bool:  # noqa: ANN001 (a spaCy token)
    text = tok.text
    return tok.is_alpha and text[:1].isupper() and not (text.isupper() and len(text) <= 5 and len(text) > 1)


def _run_end(doc: Doc, i: int) -> int:
    """Where the run of name words from ``doc[i]`` ends: capitalised words, particles, glued hyphens and apostrophes."""
    j = i + 1
    while j < len(doc) and j - i < _RUN:
        tok, prev = doc[j], doc[j - 1]
        glued = not prev.whitespace_ and (tok.is_alpha or tok.text in "-‐'’")
        if _starts_name(tok) or glued or (tok.lower_ in V.name_particles and j + 1 < len(doc)):
            j += 1
            continue
        break
    return j


def _in_pack(text: str, gaz: Gazetteer) -> bool:
    return any(text in pack for pack in gaz.packs)


def _modifies_noun(doc: Doc, span: Span) -> bool:
    """ "The Argo rescue": the name's last word modifies the lower-case noun after it (not a place word)."""
    if span.end >= len(doc):
        return False
    nxt = doc[span.end]
    return (
        nxt.is_alpha
        and nxt.text.islower()
        and nxt.lower_ not in V.pack_after
        and nxt.pos_ == "NOUN"
        and doc[span.end - 1].dep_ in ("compound", "amod")
        and doc[span.end - 1].head.i >= span.end
    )


def _opens(doc: Doc, i: int, last_end: int) -> bool:
    """Whether a word before ``doc[i]`` may cue a place (see :func:`_cue`); else only a word after can."""
    before = i - 1
    while before >= 0 and (doc[before].lower_ in V.directions or doc[before].lower_ == "the"):
        before -= 1
    if before < 0:
        return False
    word = doc[before].lower_
    return (
        word in V.pack_before
        or word in V.countryside
        or word in ("'s", "’s", "(", "rural")
        or (word in ("and", ",", "/") and last_end >= before - 2)
    )


def _cue(doc: Doc, span: Span, last_end: int) -> str | None:
    """ "strong" ("in Kafr Nabl", "Tayyana town", "the town of X"), "weak" ("from X", "of X"), or None."""
    before = span.start - 1
    while before >= 0 and (doc[before].lower_ in V.directions or doc[before].lower_ == "the"):
        before -= 1  # "in the southern Idleb", "in northern Hama"
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    if after in V.pack_after or countryside_before(doc, span.start):
        return "strong"
    if before >= 0:
        word = doc[before].lower_
        if word == "of" and before >= 1 and doc[before - 1].lower_ in V.place_nouns | V.countryside:
            return "strong"  # "the town of Saraqeb"
        if word in V.pack_strong:
            return "strong"
        if word in V.pack_before:
            return "weak"
        if word in ("and", ",", "/") and last_end >= before - 2:
            return "weak"  # "in Bani an Namri and Bani as Sayagh"
        if word == "(":
            return "weak"  # "(Al Haymah Ad Dakhiliyah, Sanaa)": the admin units after a place
        if word in ("'s", "’s") and before >= 1:
            return "weak"  # "Hasakeh's Tal Tamr"
    if after == "," and span.end + 1 < len(doc) and _starts_name(doc[span.end + 1]):
        return "weak"  # "Shtepivka, Sumy": the admin unit after the comma decides in resolution
    return None


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
    for t in found:
        if t.label in (PART_LABEL, EMBEDDED_LABEL, DEMONYM_LABEL):
            continue
        match = _QUALIFIER.match(doc.text, t.end - offset)
        if match is None:
            continue
        # All the capitalised words, or none: ", Vladimir Putin said" names no region Vladimir.
        name = _without_full_stop(match.group(1), gaz)
        if any(p.feature_type in (REGION, COUNTRY) for p in gaz.lookup(name)):
            start = match.start(1)
            span = doc.char_span(start, start + len(name), alignment_mode="expand")
            if span is not None and not _covered(found, start + offset, start + len(name) + offset):
                out.append(record(span, name, GAZ_LABEL, None, offset))
    return out


def _without_full_stop(name: str, gaz: Gazetteer) -> str:
    """ "Texas." ends a sentence; "Ky." and "B.C." are abbreviations and keep their stop."""
    bare = name[:-1]
    if name.endswith(".") and any(name_key(p.name) == name_key(bare) for p in gaz.lookup(bare)):
        return bare
    return name


def _covered(found: Sequence[Toponym], start: int, end: int) -> bool:
    return any(t.start < end and start < t.end for t in found)
