"""What a verb's clause says one actor did to another: the interaction classes and the rules.

The class words live in the editable data file ``interactions.toml`` (read once); the decisions
that remain code are small named rules, tried in order, the first decision winning
(``CLAUSE_RULES``): a negated or broken-off verb gives no edge, a label is an accusation, ...
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from wirelens.extraction.syntax import with_conjuncts

if TYPE_CHECKING:  # annotations only: importing this module costs no spaCy import
    from spacy.tokens import Token

CLASSES_FILE = Path(__file__).with_name("interactions.toml")
STATEMENT = "statement"
FIGHT = "fight/attack"
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_OBJECTS = ("dobj", "dative", "attr")
# Prepositions that introduce the other party ("fought against", "talks with", "seized from").
_PARTY_PREPS = frozenset("against with from on of at for to between toward towards over".split())
# Clauses that share their head verb's subject ("announced ..., accusing Moscow").
_SUBJECT_SHARING = ("advcl", "xcomp", "conj", "pcomp", "acl", "ccomp")


class Vocabulary(NamedTuple):
    """interactions.toml read: the class words, and the words that change what they mean."""

    verbs: dict[str, str]  # verb lemma -> class
    nouns: dict[str, str]  # noun lemma -> class
    breaking_off: frozenset[str]  # "abandoned talks", "refused to negotiate": the class word did not happen
    labelling: frozenset[str]  # "called Trump a 'national embarrassment'": a judgement of the object
    labelling_class: str
    insults: frozenset[str]  # label heads that judge without quotation marks: "called him a liar"


MODIFIERS = "modifiers"  # the table of interactions.toml that is not a class


@lru_cache(maxsize=4)
def load_vocabulary(path: Path = CLASSES_FILE) -> Vocabulary:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    verbs: dict[str, str] = {}
    nouns: dict[str, str] = {}
    for name, words in data.items():
        if name == MODIFIERS:
            continue
        for verb in words.get("verbs", []):
            verbs[verb.lower()] = name
        for noun in words.get("nouns", []):
            nouns[noun.lower()] = name
    mods = data.get(MODIFIERS, {})
    labelling_class = str(mods.get("labelling_class", "accuse/criticise"))
    if labelling_class not in data or labelling_class == MODIFIERS:
        raise ValueError(f"{path}: labelling_class {labelling_class!r} is not a class of the file")
    return Vocabulary(
        verbs,
        nouns,
        frozenset(w.lower() for w in mods.get("breaking_off", [])),
        frozenset(w.lower() for w in mods.get("labelling", [])),
        labelling_class,
        frozenset(w.lower() for w in mods.get("insults", [])),
    )


def load_classes(path: Path = CLASSES_FILE) -> tuple[dict[str, str], dict[str, str]]:
    """(verb lemma -> class, noun lemma -> class) from the interaction classes file."""
    vocab = load_vocabulary(path)
    return vocab.verbs, vocab.nouns


def interaction_classes(path: Path = CLASSES_FILE) -> list[str]:
    return [name for name in tomllib.loads(path.read_text(encoding="utf-8")) if name != MODIFIERS]


# --- what a verb's clause says one actor did to another: small rules, first decision wins ----------

NO_EDGE = ""  # a rule's decision that the clause gives no edge at all


class ClauseFacts(NamedTuple):
    verb: Token
    vocab: Vocabulary


class Decision(NamedTuple):
    interaction_class: str  # NO_EDGE: none
    cue: Token  # the last word of the cue: the verb, or the interaction noun after it
    targets: list[Token]


ClauseRule = Callable[[ClauseFacts], "Decision | None"]


def _governing_verbs(verb: Token) -> list[Token]:
    """The verb and those it hangs from and shares a subject with ("refused to negotiate": both)."""
    out, token = [verb], verb
    for _ in range(4):
        if token.dep_ not in _SUBJECT_SHARING or token.head.i == token.i:
            break
        token = token.head
        out.append(token)
    return out


def negated(f: ClauseFacts) -> Decision | None:
    """'Russia did not agree with France', 'never attacked': what did not happen is no edge."""
    if any(c.dep_ == "neg" for v in _governing_verbs(f.verb) for c in v.children):
        return Decision(NO_EDGE, f.verb, [])
    return None


def broken_off(f: ClauseFacts) -> Decision | None:
    """'abandoned talks with Russia', 'refused to negotiate with': a class word under a verb of
    ``breaking_off`` is its opposite, not an edge of its class."""
    if any(v.lemma_.lower() in f.vocab.breaking_off for v in _governing_verbs(f.verb)):
        return Decision(NO_EDGE, f.verb, [])
    return None


def labelled(f: ClauseFacts) -> Decision | None:
    """'called Trump a "national embarrassment"': a label in quotation marks, or an insult, judges
    the actor named; any other label ('calls its player the iMP') is a statement about it."""
    verb = f.verb
    if verb.lemma_.lower() not in f.vocab.labelling:
        return None
    objects = [c for c in verb.children if c.dep_ in ("dobj", "oprd")]
    # The label: an object predicate, or the second of two objects, or the object's apposition
    # (the small model reads "branded Putin a liar" and "calls its player the iMP" so).
    labels = (
        [c for c in objects if c.dep_ == "oprd"]
        or objects[1:]
        or [a for o in objects for a in o.children if a.dep_ == "appos"]
    )
    if not labels:  # "called for action", "called on Russia to": an appeal, not a label
        return None
    label = labels[-1]
    words = list(label.subtree)
    doc = verb.doc
    quoted = any(t.text in "\"“”'‘’" for t in doc[max(words[0].i - 1, 0) : min(words[-1].i + 2, len(doc))])
    judged = quoted or label.lemma_.lower() in f.vocab.insults or label.lower_ in f.vocab.insults
    return Decision(f.vocab.labelling_class if judged else STATEMENT, verb, with_conjuncts(objects))


def noun_of_the_object(f: ClauseFacts) -> Decision | None:
    """'offering fierce criticism of Moscow': the object noun says what happened."""
    for obj in (c for c in f.verb.children if c.dep_ in _OBJECTS):
        cls = f.vocab.nouns.get(obj.lemma_.lower()) or f.vocab.nouns.get(obj.lower_)
        if cls:
            return Decision(cls, obj, targets_of(obj) or targets_of(f.verb))
    return None


def verb_of_a_class(f: ClauseFacts) -> Decision | None:
    """'Russia blamed Washington': the verb's class, with its objects and party prepositions."""
    cls = f.vocab.verbs.get(f.verb.lemma_.lower())
    return Decision(cls, f.verb, targets_of(f.verb)) if cls else None


CLAUSE_RULES: tuple[ClauseRule, ...] = (negated, broken_off, labelled, noun_of_the_object, verb_of_a_class)


def classify(verb: Token, vocab: Vocabulary | None = None) -> Decision | None:
    """The first of :data:`CLAUSE_RULES` that decides; None when none does (no edge)."""
    facts = ClauseFacts(verb, vocab or load_vocabulary())
    for rule in CLAUSE_RULES:
        decision = rule(facts)
        if decision is not None:
            return decision if decision.interaction_class != NO_EDGE else None
    return None


# --- who the parties of a clause are -------------------------------------------------------------


def subjects_of(verb: Token) -> list[Token]:
    """The verb's own subjects, or those of the clause it hangs from ("announced ..., accusing")."""
    token = verb
    for _ in range(4):
        own = [c for c in token.children if c.dep_ in _SUBJECTS]
        if own:
            passive_agents = [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            return with_conjuncts(passive_agents or own)
        if token.dep_ not in _SUBJECT_SHARING or token.head.i == token.i:
            return []
        token = token.head
    return []


def targets_of(head: Token) -> list[Token]:
    """Direct objects, and the objects of party prepositions, of ``head`` (not deeper clauses)."""
    found = [c for c in head.children if c.dep_ in _OBJECTS or (c.dep_ == "nsubjpass" and head.pos_ == "VERB")]
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in _PARTY_PREPS):
        found.extend(g for g in prep.children if g.dep_ == "pobj")
    for obj in [c for c in head.children if c.dep_ in _OBJECTS]:  # "seized buildings from rebel groups"
        for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ in _PARTY_PREPS):
            found.extend(g for g in prep.children if g.dep_ == "pobj")
    return with_conjuncts(found)
