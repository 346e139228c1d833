"""Actors: turn entity and lexicon mentions into canonical actors.

Two steps. :func:`find_candidates` reads one parsed chunk (the only code here that sees
spaCy objects) and returns plain :class:`Candidate` records. :func:`resolve` then works on
a whole article's candidates at once, because aliasing needs the whole article: "Kerry" is
John Kerry because "John Kerry" appears elsewhere in it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from wirelens.extraction.lexicon import Lexicon, is_acronym
from wirelens.extraction.records import Entity

# Prepositions that make the place a place ("in Damascus"), not a government ("Damascus said").
_LOCATIVE_PREPS = frozenset(
    "in at near to from into onto inside outside around across through throughout within toward towards "
    "via beyond off along".split()
)
# Verbs whose object is a location ("shelled Aleppo", "visited Moscow", "troops occupied Baghdad": the city,
# not its government). Not "take" or "hold": "take Washington to court", "hold Moscow responsible".
_LOCATIVE_VERBS = frozenset(
    "visit leave reach enter hit bomb shell strike attack capture seize besiege retake recapture "
    "storm encircle surround evacuate flee cross control occupy overrun raid liberate bombard blockade".split()
)
_MEDIA_NAME = re.compile(
    r"\b(news|agency|press|times|post|tribune|herald|journal|gazette|television|tv|radio|broadcasting|telegraph)\b",
    re.I,
)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_LEADING_THE = re.compile(r"^the\s+", re.I)
_NAME_PARTICLE = re.compile(r"^(?:al|el|ad|as|ash|an|ar)[-‐]", re.I)

ACTOR_LABEL = "ACTOR"  # label of a lexicon mention the NER did not find
_ACTOR_NER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "WORK_OF_ART", "EVENT", ""})
# Labels of things, not agents: a mention so labelled is an actor only when the lexicon names it
# ("Mozilla" the browser, "Brexit", "the Olympics").
_THING_LABELS = frozenset({"PRODUCT", "WORK_OF_ART", "EVENT"})
# A clock time before a name makes it a time zone ("10:00 UTC", "6pm GMT"), whatever the NER says.
_CLOCK_TIME = re.compile(r"^(?:\d{1,2}[:.]\d{2}(?:[ap]\.?m\.?)?|\d{1,2}[ap]\.?m\.?|[ap]\.?m\.?|noon|midnight)$", re.I)


class Candidate(NamedTuple):
    """A possible actor mention, with what resolution needs to know about its context."""

    start: int
    end: int
    text: str
    label: str  # NER label, ACTOR_LABEL for lexicon-only, "" for a bare acronym
    sent_start: int
    sent_end: int
    locative: bool = False  # governed like a place: "in Damascus", "shelled Aleppo"
    defines: str | None = None  # acronym introduced right after it: "Islamic State (IS)"
    # What the parse says of a one-word PERSON: True when the mention reads as a person's (a title before
    # it, a verb only people do, an apposition), False when nothing does, None when not read (no parse).
    person_evidence: bool | None = None
    before: str = ""  # the word before the mention, for a title outside it: "Mr" in "Mr Mugabe"


class ActorMatcher:
    """Finds curated lexicon aliases in a Doc. Built once per model, never mutates the pipeline."""

    def __init__(self, vocab: Vocab, make_doc: Callable[[str], Doc], phrases: Iterable[str]):
        self.exact = PhraseMatcher(vocab, attr="ORTH")
        self.folded = PhraseMatcher(vocab, attr="LOWER")
        exact = [p for p in phrases if is_acronym(p)]
        folded = [p for p in phrases if not is_acronym(p)]
        if exact:
            self.exact.add("ALIAS", [make_doc(p) for p in exact])
        if folded:
            self.folded.add("ALIAS", [make_doc(p.lower()) for p in folded])

    def __call__(self, doc: Doc) -> list[Span]:
        spans = self.exact(doc, as_spans=True) + self.folded(doc, as_spans=True)
        return [s for s in spans if not _glued_to_hyphen(s)]


def _glued_to_hyphen(span: Span) -> bool:
    """True for "rebel-held" and "anti-jihadist": an alias inside a compound word."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.text in "-‐–" and not span[-1].whitespace_:
        return True
    return before is not None and before.text in "-‐" and not before.whitespace_


def find_candidates(doc: Doc, matcher: ActorMatcher | None = None, offset: int = 0) -> list[Candidate]:
    """Entity, lexicon and acronym mentions in ``doc``; offsets shifted by ``offset``."""
    spans: list[tuple[Span, str]] = [(_without_leading_verb(ent), ent.label_) for ent in doc.ents]
    spans = [(span, label) for span, label in spans if len(span)]
    if matcher is not None:
        spans += [(span, ACTOR_LABEL) for span in matcher(doc)]
    found = _longest_first(spans)
    taken = {i for span, _ in found for i in range(span.start, span.end)}
    text = doc.text  # Doc.text joins every token: once per chunk, not once per mention
    kept = [(span, label) for span, label in found if not _not_a_mention(span, text)]
    for token in doc:
        if token.i not in taken and _bare_acronym(token.text) and not _not_a_mention(doc[token.i : token.i + 1], text):
            kept.append((doc[token.i : token.i + 1], ""))
    kept.sort(key=lambda item: item[0].start)
    return [_candidate(span, label, offset) for span, label in kept]


# Parts of speech no person's name opens with: the model joins a sentence's first word to the name after it
# ("Regarding Ashodaya", "Make Melbourne", "Will Rocky Linux be ..."); "Will Smith said" opens with a name.
_NOT_NAME_POS = frozenset({"ADP", "AUX", "VERB", "SCONJ", "PART"})


def _without_leading_verb(ent: Span) -> Span:
    """A PERSON entity without the verbs and prepositions the model took into it (needs the tagger)."""
    if ent.label_ != "PERSON":
        return ent
    start = ent.start
    while start < ent.end and ent.doc[start].pos_ in _NOT_NAME_POS:
        start += 1
    return ent if start == ent.start else ent.doc[start : ent.end]


def _longest_first(spans: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """Drop overlaps, longest span first; an NER label wins over the lexicon's for the same span."""
    order = sorted(spans, key=lambda item: (-(item[0].end - item[0].start), item[0].start, item[1] == ACTOR_LABEL))
    kept: list[tuple[Span, str]] = []
    used: set[int] = set()
    for span, label in order:
        tokens = set(range(span.start, span.end))
        if tokens & used:
            continue
        used |= tokens
        kept.append((span, label))
    return kept


def _not_a_mention(span: Span, text: str) -> bool:
    """Names that name no one in the story: a time zone after a clock time ("10:00 UTC"), an
    interview transcript's turn label in double parentheses ("((WN)) How did you ..."), and a name
    straddling an editor's bracket ("[Prime Minister Narendra] Modi Announced": the model's guess)."""
    if span.text.count("[") != span.text.count("]"):
        return True
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and _CLOCK_TIME.match(before.text):
        return True
    left = text[max(0, span.start_char - 2) : span.start_char]
    right = text[span.end_char : span.end_char + 2]
    return left == "((" and right == "))"


def _bare_acronym(text: str) -> bool:
    return 2 <= len(text) <= 6 and text.isalpha() and text.isupper()


def _candidate(span: Span, label: str, offset: int) -> Candidate:
    sent = span.sent if span.doc.has_annotation("SENT_START") else span.doc[:]
    return Candidate(
        start=span.start_char + offset,
        end=span.end_char + offset,
        text=span.text,
        label=label,
        sent_start=sent.start_char + offset,
        sent_end=sent.end_char + offset,
        locative=_is_locative(span),
        defines=_defined_acronym(span),
        person_evidence=_reads_as_a_person(span) if label == "PERSON" and len(span) == 1 else None,
        before=span.doc[span.start - 1].text.rstrip(".") if span.start > 0 else "",
    )


# Verbs only people (and the organisations they speak for) do: a one-word PERSON that does one is
# a person ("Mugabe said"); "Brexit", "Fedora" and "Linux" never say, think or tell.
_PERSON_VERBS = frozenset(
    "say tell add ask write explain announce claim state insist reply respond argue believe think "
    "want deny admit warn urge describe call speak talk tweet post vow promise pledge thank praise "
    "criticise criticize accuse blame apologise apologize resign marry die meet visit sign nominate "
    "appoint elect vote campaign win lose defeat run serve testify plead confess".split()
)


def _reads_as_a_person(span: Span) -> bool | None:
    """Whether the parse reads a one-word PERSON as a person: the subject of a verb of people, or a name
    with an apposition ("Mugabe, the former president"); None without a parse."""
    if not span.doc.has_annotation("DEP"):
        return None
    token = span.root
    if any(c.dep_ == "appos" for c in token.children):
        return True
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = token.head  # "Clinton, exasperated, famously responded": up from an aside to its verb
    for _ in range(3):
        if verb.lemma_.lower() in _PERSON_VERBS:
            return True
        if verb.dep_ not in ("parataxis", "advcl", "conj", "xcomp") or verb.head.i == verb.i:
            break
        verb = verb.head
    return False


# Nouns that make the name before them a place ("Dhaka city", "Idlib province", "Kouande commune").
_PLACE_HEADS = frozenset(
    "city town village province governorate district region area countryside suburb neighbourhood "
    "neighborhood county municipality commune upazila prefecture oblast".split()
)


def _is_locative(span: Span) -> bool:
    if not span.doc.has_annotation("DEP"):
        return False
    token = span.root
    while token.dep_ in ("conj", "appos") and token.head.i != token.i:
        token = token.head
    if token.dep_ in ("compound", "nmod") and token.head.lemma_.lower() in _PLACE_HEADS:
        return True  # "in Dhaka city", "Raqqa province": the name of a place, never its government
    head = token.head
    if token.dep_ == "pobj":
        return head.lower_ in _LOCATIVE_PREPS
    return token.dep_ == "dobj" and head.lemma_.lower() in _LOCATIVE_VERBS


def _defined_acronym(span: Span) -> str | None:
    """ "The Islamic State (IS) group" defines IS when its letters follow the name's initials."""
    doc = span.doc
    if span.end + 2 >= len(doc) or doc[span.end].text != "(" or doc[span.end + 2].text != ")":
        return None
    acronym = doc[span.end + 1].text
    if not _bare_acronym(acronym):
        return None
    initials = [t.text[0] for t in span if t.text[:1].isupper() and t.lower_ not in ("the", "a", "an")]
    if not initials or acronym[0] != initials[0]:
        return None
    return acronym if _is_subsequence(acronym, initials) else None


def _is_subsequence(letters: str, initials: Sequence[str]) -> bool:
    it = iter(initials)
    return all(any(ch == c for c in it) for ch in letters)


# --- resolution: plain Python over a whole article's candidates -------------------------


def normalize_name(text: str) -> str:
    """Canonical surface: no leading "the", no possessive, straight apostrophes, single spaces."""
    name = " ".join(text.split())
    name = _LEADING_THE.sub("", name)
    name = _POSSESSIVE.sub("", name).strip()
    return name.replace("’", "'")


@lru_cache(maxsize=100_000)
def _name_key(word: str) -> str:
    """A name word to compare: no particle, no accents ("Erdogan" is "Erdoğan"), any case."""
    folded = unicodedata.normalize("NFKD", _NAME_PARTICLE.sub("", word.replace("’", "'")))
    return "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()


def resolve(candidates: Sequence[Candidate], lexicon: Lexicon) -> list[Entity]:
    """Give each candidate its canonical actor, using everything the article says."""
    names = [
        _without_titles(normalize_name(c.text), lexicon.titles)
        if c.label in ("PERSON", ACTOR_LABEL, "")
        else normalize_name(c.text)
        for c in candidates
    ]
    unproven = _unproven_persons(candidates, names, lexicon.titles)
    unproven |= {n for c, n in zip(candidates, names) if _names_no_one(c.label, n, lexicon)}
    # A full name the model guessed ("दोगे या") lends no one its surname: "या" is no mention of it.
    persons = [p for p in _full_person_names(candidates, names, lexicon) if p not in unproven]
    known = lexicon.persons()
    # A thing's name lends nothing: "Minetest" is not "Minetest IRC", "RHEL" not an actor for defining a product.
    orgs = sorted(
        {n for c, n in zip(candidates, names) if c.label == "ORG" and len(n.split()) > 1 and not lexicon.not_actor(n)},
        key=len,
    )
    acronyms = _acronym_definitions(candidates, names, lexicon)
    out: list[Entity] = []
    for cand, name in zip(candidates, names):
        actor = _actor_for(cand, name, lexicon, persons, orgs, acronyms, known)
        if actor == (name, "person") and name in unproven and lexicon.lookup(name) is None:
            actor = None  # "Brexit", "Fedora", "Linux": tagged a person, nothing reads as one
        if actor is None and cand.label in (ACTOR_LABEL, ""):
            continue  # lexicon/acronym hits that turned out not to be actors are not entities
        out.append(
            Entity(
                cand.start,
                cand.end,
                cand.text,
                cand.label or ACTOR_LABEL,
                actor[0] if actor else None,
                actor[1] if actor else None,
                cand.sent_start,
                cand.sent_end,
            )
        )
    return out


def _unproven_persons(candidates: Sequence[Candidate], names: Sequence[str], titles: frozenset[str]) -> set[str]:
    """One-word PERSON names no mention in the article reads as a person's: no title ("Mr", "President")
    before or in it, no verb of people, no apposition. A mention the parse did not read proves nothing
    either way, so its name is kept."""
    seen: dict[str, bool] = {}
    for cand, name in zip(candidates, names):
        # A name in a script without capitals ("हैं", "जैसे कि") is the English model guessing, whatever the
        # parse and however many words.
        cased = name[:1].isupper()
        if cand.label != "PERSON" or (cased and len(name.split()) != 1):
            continue
        titled = cand.before in titles or normalize_name(cand.text) != name
        proven = cased and (cand.person_evidence is not False or titled)
        seen[name] = seen.get(name, False) or proven
    return {name for name, proven in seen.items() if not proven}


def _names_no_one(label: str, name: str, lexicon: Lexicon) -> bool:
    """A name the English model guessed that names no one: one holding a word of a script without
    capitals ("COVID-19 से", "किया है": a mixed-script transcript), or a person's name holding a disease
    ("COVID Melbourne"). Only for names the lexicon does not know (callers look it up first)."""
    if any(_caseless(word) for word in name.split()):
        return True
    return label == "PERSON" and any(lexicon.not_actor(word) == "disease" for word in name.split())


def _caseless(word: str) -> bool:
    """A word with letters, none of which has a capital form: Devanagari, Arabic, Chinese."""
    letters = [ch for ch in word if ch.isalpha()]
    return bool(letters) and all(ch.lower() == ch.upper() for ch in letters)


def _full_person_names(candidates: Sequence[Candidate], names: Sequence[str], lexicon: Lexicon) -> list[str]:
    full = []
    for cand, name in zip(candidates, names):
        entry = lexicon.lookup(name)
        if cand.label == "PERSON" and len(name.split()) > 1 and (entry is None or entry.type == "person"):
            full.append(entry.name if entry else name)
    # Keep only the longest form: "Abdel Rahman" is a short form of "Rami Abdel Rahman".
    longest: list[str] = []
    for name in sorted(dict.fromkeys(full), key=lambda n: -len(n.split())):
        if _match_person(name, longest) is None:
            longest.append(name)
    return longest


def _acronym_definitions(
    candidates: Sequence[Candidate], names: Sequence[str], lexicon: Lexicon
) -> dict[str, tuple[str, str]]:
    out = {}
    for cand, name in zip(candidates, names):
        if cand.defines and not lexicon.not_actor(name):
            entry = lexicon.lookup(name)
            out[cand.defines] = (entry.name, entry.type) if entry else (name, _type_for_org(name))
    return out


def _actor_for(
    cand: Candidate,
    name: str,
    lexicon: Lexicon,
    persons: Sequence[str],
    orgs: Sequence[str],
    acronyms: dict[str, tuple[str, str]],
    known: Sequence[str] = (),
) -> tuple[str, str] | None:
    if cand.label not in _ACTOR_NER_LABELS and cand.label != ACTOR_LABEL:
        return None
    if not name or lexicon.is_ignored(name) or lexicon.not_actor(name):
        return None  # "COVID-19", "SARS-CoV-2": a disease does nothing
    if cand.label == "" and name in acronyms:
        return acronyms[name]
    entry = lexicon.lookup(name)
    if entry is not None and entry.type == "state" and cand.locative:
        return None  # "in Syria": the country as a place, not as an actor
    if entry is not None:
        return entry.name, entry.type
    if cand.label in ("", ACTOR_LABEL) or _names_no_one(cand.label, name, lexicon):
        return None
    if cand.label in ("GPE", "ORG", "FAC", "LOC"):
        metonym = lexicon.metonym(name)
        if metonym is not None:
            return None if cand.locative else (metonym.name, metonym.type)
    person = _match_person(name, persons)
    # A place where something happens ("in Melbourne") is no one's surname, whoever "Make Melbourne" is.
    placed = cand.locative and cand.label in ("GPE", "LOC", "FAC")
    if person is not None and not placed and (cand.label == "PERSON" or len(name.split()) == 1 or person == name):
        return person, "person"  # the article's person, whatever the label: "Jaynes" tagged a product
    if cand.label in _THING_LABELS:
        return None
    if person is None and _is_surname(name, cand.label, persons):
        famous = _match_person(name, known)  # "Biden" in an article that never says "Joe Biden"
        if famous is not None:
            return famous, "person"
    if cand.label == "PERSON":
        return name, "person"
    if cand.label == "ORG":
        if name in acronyms:
            return acronyms[name]
        return _expand_org(name, orgs), _type_for_org(name)
    return None


def _without_titles(name: str, titles: frozenset[str]) -> str:
    """ "President Joe Biden" -> "Joe Biden", "Mr Blair" -> "Blair"; a title alone stays as it is."""
    words = name.split()
    i = 0
    while i < len(words) - 1 and words[i] in titles:
        i += 1
    return " ".join(words[i:])


def _is_surname(name: str, label: str, persons: Sequence[str]) -> bool:
    """One capitalised word the NER took for a person (or, the small model being unsure of
    surnames, for an organisation or place), which no person of the article shares."""
    if len(name.split()) != 1 or not name[:1].isupper() or label not in ("PERSON", "ORG", "GPE", "NORP"):
        return False
    key = _name_key(name)
    return not any(key in _name_keys(full) for full in persons)


@lru_cache(maxsize=100_000)
def _name_keys(name: str) -> tuple[str, ...]:
    """The keys of a name's words. Cached, as ``_name_key`` is: every mention of an article is compared with
    every person it names, which made a long article's actor step quadratic in normalisations."""
    return tuple(_name_key(w) for w in name.split())


def _match_person(name: str, persons: Sequence[str]) -> str | None:
    """The one full name in the article that ``name`` is, or is the tail of ("Kerry", "al-Assad")."""
    if name in persons:
        return name
    keys = _name_keys(name)
    matches = []
    for full in persons:
        full_keys = _name_keys(full)
        if len(keys) < len(full_keys) and (
            full_keys[-len(keys) :] == keys
            or (len(keys) == 1 and keys[0] in full_keys[1:])
            or (len(keys) > 1 and keys[0] == full_keys[0] and keys[-1] == full_keys[-1])  # "Donald J. Trump"
        ):
            matches.append(full)
    return matches[0] if len(matches) == 1 else None


def _expand_org(name: str, orgs: Sequence[str]) -> str:
    """ "Observatory" is the "Syrian Observatory for Human Rights" named elsewhere in the article."""
    words = name.casefold().split()
    for longer in orgs:
        long_words = longer.casefold().split()
        if len(long_words) > len(words) and any(
            long_words[i : i + len(words)] == words for i in range(len(long_words) - len(words) + 1)
        ):
            return longer
    return name


def _type_for_org(name: str) -> str:
    return "media" if _MEDIA_NAME.search(name) else "organisation"
