"""Names of the conflict pack that the model tagged as something else, or not at all.

A gazetteer-backed pass over a parsed chunk: a run of capitalised words that the conflict pack
holds, in a locative context ("in", "near", "shelled", "the town of" before it; "countryside",
"district" after it), is proposed as a place whatever its NER label. Precision guards keep common
words, person names and names inside longer names out.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from wirelens.extraction.places.names import (
    NEVER_PLACES,
    names_a_feature,
)
from wirelens.extraction.places.toponym import (
    EMBEDDED_LABEL,
    PACK_LABEL,
    WEAK_LABEL,
    Toponym,
    V,
    countryside_before,
    toponym_of,
)
from wirelens.geo.gazetteer import DISTRICT, REGION, Gazetteer

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
    paired: set[int] = set()  # starts of the governorates named after a village of theirs
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
            if (_in_pack(span.text, gaz) or _town_by_skeleton(doc, span, gaz)) and not names_a_feature(doc, k, n):
                match = span  # not "Westminster House"
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
        unit = None if match.start in paired else _unit_after(doc, match, gaz)
        pair = match.start in paired or unit is not None
        if pair:
            cue = "strong"  # "Trostianets, Sumy": a village and its own governorate, whatever the NER made of them
        if unit is not None:
            paired.add(unit.start)
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
            and not (pair and not _known(t.name, gaz))  # "Luparevo, Mykolaiv" read as one FAC
            for t in clash
        ):
            i = match.end
            last_end = match.end - 1
            continue
        toponym = toponym_of(match, PACK_LABEL, offset, gaz)
        if toponym is not None and match.start in paired and toponym.hint is None:
            toponym = toponym._replace(hint="region")  # "Sumy" after its village: the oblast, not the city
        if toponym is not None:
            out = [t for t in out if t not in clash] + [toponym._replace(locative=True)]
        last_end = match.end - 1 if toponym is None or toponym.end == end_char else match.end
        i = match.end
    return out


_APOSTROPHES = str.maketrans("", "", "'’‘")
_SKELETON_WORDS = 3  # "Tal Madeeq town": a name found by its skeleton alone is short


def _starts_name(tok) -> bool:  # noqa: ANN001 (a spaCy token)
    text = tok.text
    alpha = tok.is_alpha or (len(text) > 2 and text.translate(_APOSTROPHES).isalpha())  # "Ma'arrat", "Nu'man"
    return alpha and text[:1].isupper() and not (text.isupper() and len(text) <= 5 and len(text) > 1)


def _town_by_skeleton(doc: Doc, span: Span, gaz: Gazetteer) -> bool:
    """ "Ma'btali town", "Tal Madeeq village": a short name the text calls a town, which no pack holds by that
    spelling but some pack holds by its transliteration skeleton; resolution takes it only inside an admin unit
    its sentence names (resolve._by_skeleton)."""
    return (
        span.end < len(doc)
        and doc[span.end].lower_ in V.city_words
        and len(span) <= _SKELETON_WORDS
        and any(pack.skeleton_candidates(span.text) for pack in gaz.packs)
    )


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


def _known(text: str, gaz: Gazetteer) -> bool:
    return bool(text) and (text in gaz or _in_pack(text, gaz))


def _unit_after(doc: Doc, match: Span, gaz: Gazetteer) -> Span | None:
    """The governorate or district after ", " that holds one of the pack places called ``match`` (by the pack's
    admin codes): "Trostianets, Sumy", "Yampolivka, Donetsk"; else None."""
    k = match.end
    if k + 1 >= len(doc) or doc[k].text != "," or not _starts_name(doc[k + 1]):
        return None
    places = [p for p in gaz.pack_candidates(match.text) if p.admin1]
    if not places:
        return None
    stop = _run_end(doc, k + 1)
    for end in range(stop, k + 1, -1):
        unit = doc[k + 1 : end]
        for r in gaz.pack_candidates(unit.text) + gaz.lookup(unit.text):
            if r.feature_type not in (REGION, DISTRICT) or not r.admin1:
                continue
            if any(p.country_code == r.country_code and p.admin1 == r.admin1 for p in places):
                return unit
    return None


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
