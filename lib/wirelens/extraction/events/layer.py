"""Events: what happened where, when and to whom, in ACLED's taxonomy, with casualty counts.

:meth:`EventsLayer.read_chunk` (the only spaCy code here) finds event cues from the
researchers' file ``event_cues.toml`` and reads their dependency context into plain
:class:`EventCandidate` records: the best cue of each sentence, who did it and to whom
(subject / agent / modifier and object / target spans), who only reports it (speech
subjects, "according to"), who claims it, and the sentence's time expressions.
:meth:`EventsLayer.finish` turns them into :class:`Event` records with the article in view:
canonical actors from the actor layer, the most specific literal place from the places
layer, the date resolved against the publication date, death counts, aggregates, and
follow-up sentences ("IS claimed the attack", "The bombing left ...") folded into the event
they refer back to.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from spacy.tokens import Doc, Span, Token

from wirelens.extraction.events.numbers import find_fatalities, find_period
from wirelens.extraction.layer import ArticleContext, Earlier
from wirelens.extraction.dates import resolve_date
from wirelens.extraction.records import Event, PlaceMention
from wirelens.extraction.syntax import with_conjuncts

CUES_PATH = Path(__file__).with_name("cues.toml")
CIVILIANS = "Civilians"  # ACLED's actor name for unarmed victims

# How specific a place is: lower is better ("near Hasakeh city" beats "in northeast Syria").
_SPECIFICITY = {"feature": 0, "city": 1, "district": 2, "region": 3, "country": 4, "continent": 5}
_MODALS = frozenset({"would", "will", "could", "may", "might", "should", "can", "must", "'ll", "wo"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_AGENT_MODIFIERS = ("compound", "amod", "poss", "nmod")  # "rebel shelling", "regime air strikes", "Russia's raids"
_TARGET_PREPS = frozenset({"on", "against", "at", "targeting"})
_MAX_LOOKBACK = 3  # sentences between an event and a follow-up that refers back to it
_NEIGHBOUR_SENTENCES = 2  # sentences back searched for a place when the event's own sentence names none
_NOT_CUE_ENTS = frozenset({"DATE", "TIME", "PERSON", "GPE", "WORK_OF_ART", "LAW", "CARDINAL", "ORDINAL", "MONEY",
                           "PERCENT", "QUANTITY", "LANGUAGE"})
_CUE_POS = frozenset({"NOUN", "VERB", "PROPN", "ADJ", "X", ""})  # "" : a hand-built Doc without tags
_NON_ACTOR_TYPES = frozenset({"media"})
# Violence that says nothing of its setting: a protest cue in the same sentence makes it a demonstration.
_DISRUPTED = "Disrupted weapons use"
_HANDOVER = "Non-violent transfer of territory"
_GENERIC_VIOLENCE = frozenset({"Armed clash", "Attack"})  # a news agency reports events; it does not take part in them


class Cues(NamedTuple):
    """The parsed cue file (see the comments at the top of ``event_cues.toml``)."""

    phrases: dict[tuple[str, ...], str]  # words -> sub-type name
    max_len: int
    types: dict[str, str]  # sub-type -> ACLED event type
    priority: dict[str, int]
    strict: frozenset[str]  # sub-types whose cues need a conflict context in the sentence
    captures: str
    regains: str
    government_words: frozenset[str]
    protest_violent: tuple[str, ...]
    protest_excessive: tuple[str, ...]
    protest_intervention: tuple[str, ...]
    civilian_targets: tuple[str, ...]
    armed_targets: tuple[str, ...]
    casualty_nouns: tuple[str, ...]
    speech: frozenset[str]
    claim: frozenset[str]
    reported_frame: frozenset[str]
    not_event_heads: frozenset[str]
    conflict_words: tuple[str, ...]
    generic: frozenset[tuple[str, ...]] = frozenset()  # cues any more specific cue of the sentence outranks
    outcome: frozenset[tuple[str, ...]] = frozenset()  # harm, not its kind: "killed", "injured"
    nonstate_words: frozenset[str] = frozenset()
    civilian_objects: tuple[str, ...] = ()
    weapon_words: frozenset[str] = frozenset()
    disrupt_verbs: frozenset[str] = frozenset()
    accident_words: tuple[str, ...] = ()
    accident_weak: frozenset[tuple[str, ...]] = frozenset()
    accident_unless: tuple[str, ...] = ()


@lru_cache(maxsize=4)
def load_cues(path: Path = CUES_PATH) -> Cues:
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    phrases: dict[tuple[str, ...], str] = {}
    types: dict[str, str] = {}
    priority: dict[str, int] = {}
    generic: set[tuple[str, ...]] = set()
    outcome: set[tuple[str, ...]] = set()
    for entry in data.get("sub_type", []):
        name = entry["name"]
        types[name] = entry["type"]
        priority[name] = int(entry.get("priority", 0))
        generic.update(_words(cue) for cue in entry.get("generic", []))
        outcome.update(_words(cue) for cue in entry.get("outcome", []))
        for cue in [*entry.get("cues", []), *entry.get("generic", []), *entry.get("outcome", [])]:
            words = _words(cue)
            # A phrase listed under two sub-types belongs to the higher priority one.
            if words not in phrases or priority[phrases[words]] < priority[name]:
                phrases[words] = name
    territory, protest = data.get("territory", {}), data.get("protest", {})
    context, attack = data.get("context", {}), data.get("attack", {})
    disrupted, accident = data.get("disrupted", {}), data.get("accident", {})
    strict = frozenset(e["name"] for e in data.get("sub_type", []) if e.get("strict", False))
    return Cues(
        phrases=phrases, max_len=max((len(p) for p in phrases), default=1), types=types, priority=priority,
        strict=strict,
        captures=territory.get("captures", ""), regains=territory.get("regains", ""),
        government_words=frozenset(w.lower() for w in territory.get("government_words", [])),
        protest_violent=tuple(protest.get("violent", [])), protest_excessive=tuple(protest.get("excessive_force", [])),
        protest_intervention=tuple(protest.get("intervention", [])),
        civilian_targets=tuple(data.get("attack", {}).get("civilian_targets", [])),
        armed_targets=tuple(data.get("attack", {}).get("armed_targets", [])),
        casualty_nouns=tuple(data.get("fatalities", {}).get("casualty_nouns", [])),
        speech=frozenset(context.get("speech", [])), claim=frozenset(context.get("claim", [])),
        reported_frame=frozenset(context.get("reported_frame", [])),
        not_event_heads=frozenset(context.get("not_event_heads", [])),
        conflict_words=tuple(context.get("conflict_words", [])),
        generic=frozenset(generic), outcome=frozenset(outcome),
        nonstate_words=frozenset(w.lower() for w in territory.get("nonstate_words", [])),
        civilian_objects=tuple(attack.get("civilian_objects", [])),
        weapon_words=frozenset(w.lower() for w in disrupted.get("weapon_words", [])),
        disrupt_verbs=frozenset(w.lower() for w in disrupted.get("verbs", [])),
        accident_words=tuple(accident.get("words", [])),
        accident_weak=frozenset(_words(c) for c in accident.get("weak_cues", [])),
        accident_unless=tuple(accident.get("unless", [])),
    )


def _words(cue: str) -> tuple[str, ...]:
    return tuple(cue.lower().replace("-", " - ").split())


# (head start, head end, subtree start, subtree end): a participant as written.
SpanRef = tuple[int, int, int, int]


class EventCandidate(NamedTuple):
    """The best event cue of one sentence and its context, before the article-wide resolution."""

    sent_start: int
    sent_end: int
    cue_start: int
    cue_end: int
    cue_text: str
    sub_type: str  # from the cue (protest and territory rules already applied)
    verbal: bool  # the cue is (or hangs from) a verb: "shelled", "killing"; not a bare noun
    definite: bool  # "the attack", "The bombing": refers back to an event already reported
    agents: tuple[SpanRef, ...]  # who did it: subject, passive agent, "rebel" in "rebel shelling"
    targets: tuple[SpanRef, ...]  # to whom: object, "against rebels"
    claimants: tuple[SpanRef, ...]  # "IS claimed the attack"
    sources: tuple[SpanRef, ...]  # who reports it: "SANA reported", "according to the Society"
    times: tuple[tuple[int, int, str], ...]  # DATE/TIME entities of the sentence
    # Parts of the sentence that belong to another event of the same sentence: "..., while air strikes hit
    # the east" (char spans, left out when counting this event's dead).
    elsewhere: tuple[tuple[int, int], ...] = ()
    main: bool = True  # the sentence's main event; False: a second event in a clause of its own




# --- reading one parsed chunk ---------------------------------------------------------------


class _Match(NamedTuple):
    first: int  # token indices
    last: int
    sub_type: str
    phrase: tuple[str, ...] = ()  # the cue as listed in the cue file


class EventsLayer:
    """The events layer (see :mod:`wirelens.extraction.layer`); run it after places and quotes."""

    name = "events"
    assigns = Event
    requires = (PlaceMention,)  # an event is placed at the places its sentences name

    def __init__(self, cues: Cues | None = None):
        self.cues = cues or load_cues()

    def read_chunk(self, doc: Doc, offset: int) -> list[EventCandidate]:
        if not doc.has_annotation("DEP"):
            return []  # roles and sentences need the parse; a tokenizer-only pipeline finds no events
        matches = self._matches(doc)
        matches += self._weapon_seizures(doc, matches)
        if not matches:
            return []
        by_sentence: dict[int, list[_Match]] = {}
        for m in matches:
            by_sentence.setdefault(doc[m.first].sent.start, []).append(m)
        out = []
        for sent_start, found in by_sentence.items():
            sent = doc[sent_start].sent
            kept = [m for m in found if self._reported_as_fact(doc[m.last])]
            kept = self._not_accident(sent.text.lower(), kept)
            if not kept:
                continue
            best = self._best(doc, kept)
            second = self._second(doc, best, kept)
            if second is None:
                out.append(self._candidate(doc, sent, best, kept, offset))
                continue
            main_clause, other_clause = _clause(doc[best.last]), _clause(doc[second.last])
            first = self._candidate(doc, sent, best, kept, offset)
            out.append(first._replace(elsewhere=_clause_spans(other_clause, main_clause, offset)))
            other = self._candidate(doc, sent, second, kept, offset)
            out.append(other._replace(elsewhere=_outside(other_clause, sent, offset), main=False))
        return out

    def _second(self, doc: Doc, best: _Match, kept: Sequence[_Match]) -> _Match | None:
        """A second event of the sentence: a cue of another sub-type in a clause with its own subject
        ("Rebels shelled west Aleppo, killing six, while air strikes hit the east"); harm words and generic
        cues name no event of their own."""
        cues = self.cues
        home = _clause(doc[best.last])
        others = [m for m in kept if m.sub_type != best.sub_type and m.phrase not in cues.generic
                  and m.phrase not in cues.outcome and _clause(doc[m.last]).i != home.i]
        others = [m for m in others if _own_subject(_clause(doc[m.last])) and _own_subject(home)]
        return max(others, key=lambda m: (cues.priority[m.sub_type], -m.first)) if others else None

    def _weapon_seizures(self, doc: Doc, matches: Sequence[_Match]) -> list[_Match]:
        """Weapons found, seized or destroyed ("found a cache of ammunition", "arms were seized"): a cue of
        their own, whatever the verb ("destroyed" is a looting cue too), unless the verb's subject is itself a
        cue ("air strikes destroyed a depot")."""
        cues = self.cues
        taken = {i for m in matches for i in range(m.first, m.last + 1)}
        out = []
        for verb in doc:
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in cues.disrupt_verbs:
                continue
            objects = with_conjuncts([c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")])
            if not any(self._is_weapon(o) for o in objects):
                continue
            subjects = [t.i for c in verb.children if c.dep_ in ("nsubj", "agent") for t in c.subtree]
            if not taken.intersection(subjects):
                out.append(_Match(verb.i, verb.i, _DISRUPTED, (verb.lemma_.lower(),)))
        return out

    def _is_weapon(self, token: Token) -> bool:
        """"firearms", "a cache of ammunition", "a depot containing weapons": the noun or what it holds."""
        words = self.cues.weapon_words
        nouns = [token, *(g for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "with")
                          for g in c.children if g.dep_ == "pobj")]
        nouns += [g for c in token.children if c.dep_ == "acl" and c.lemma_.lower() in ("contain", "hold")
                  for g in c.children if g.dep_ == "dobj"]  # "a depot containing weapons"
        nouns += [c for n in nouns for c in n.children if c.dep_ == "compound"]
        return any(n.lower_ in words or n.lemma_.lower() in words for n in with_conjuncts(nouns))

    def _best(self, doc: Doc, kept: Sequence[_Match]) -> _Match:
        """The sentence's cue: the highest priority, but a generic cue ("raid", "assault") after every specific
        one and a cue in the background ("after fighting", "a town that was the scene of a chemical attack")
        after every cue of the main clause; and a protest or riot before a clash or killing (ACLED codes
        violence at a demonstration as a demonstration: "police clashed with protesters" is no battle)."""
        cues, types = self.cues, self.cues.types
        specific = [m for m in kept if m.phrase not in cues.generic] or list(kept)
        main = [m for m in specific if m.phrase not in cues.outcome and not _background(doc[m.last])]
        best = max(main or specific, key=lambda m: (cues.priority[m.sub_type], -m.first))
        if best.sub_type in (cues.captures, cues.regains):
            handover = [m for m in kept if m.sub_type == _HANDOVER]
            if handover:
                return handover[0]  # ACLED: ground left to the other side ("after YPG forces pulled out") is no conquest
        if types.get(best.sub_type) in ("Battles", "Violence against civilians") and best.sub_type in _GENERIC_VIOLENCE:
            crowd = [m for m in kept if types.get(m.sub_type) in ("Protests", "Riots")]
            if crowd:  # the violent word keeps its roles ("police clashed"); the crowd names the sub-type
                return best._replace(sub_type=max(crowd, key=lambda m: (cues.priority[m.sub_type], -m.first)).sub_type)
        return best

    def _not_accident(self, text: str, kept: Sequence[_Match]) -> list[_Match]:
        """Without the weak cues of a sentence about an accident or a disaster ("a boiler exploded", "the
        earthquake killed 200"), unless it names an armed side: those are no political violence."""
        cues = self.cues
        if not _any_word(text, cues.accident_words) or _any_word(text, cues.accident_unless):
            return list(kept)
        return [m for m in kept if m.phrase not in cues.accident_weak and m.sub_type not in cues.strict]

    def _matches(self, doc: Doc) -> list[_Match]:
        """Every cue phrase, longest first at each position, words as written or lemmatised."""
        phrases, longest = self.cues.phrases, self.cues.max_len
        lower = [t.lower_ for t in doc]
        lemma = [t.lemma_.lower() for t in doc]
        out: list[_Match] = []
        i = 0
        while i < len(doc):
            hit = None
            if doc[i].ent_type_ in _NOT_CUE_ENTS:
                i += 1  # "March 2011", "Battle Creek": a date or a name, not an event word
                continue
            for n in range(min(longest, len(doc) - i), 0, -1):
                words = tuple(lower[i : i + n])
                if words not in phrases:
                    words = tuple(lemma[i : i + n])
                name = phrases.get(words)
                if name is not None and n == 1 and doc[i].pos_ not in _CUE_POS:
                    name = None  # "mine" the pronoun, "according" the preposition
                if name is not None:
                    hit = _Match(i, i + n - 1, name, words)
                    break
            if hit is None:
                i += 1
                continue
            out.append(hit)
            i = hit.last + 1
        return out

    def _reported_as_fact(self, token: Token) -> bool:
        """Not negated, planned, hoped for or alleged: "did not attack", "to capture", "accusing ... of"."""
        if token.dep_ in ("compound", "amod") and token.head.i != token.i and (
                token.head.lemma_.lower() in self.cues.not_event_heads or token.head.lower_ in self.cues.not_event_heads):
            return False  # "bombing campaigns", "attack helicopters": a modifier of something else
        verb = _governing_verb(token)
        # A verb cue carries its own mood: "will advance after seizing the town" reports the seizing as done.
        for node in (token, verb) if verb is not None and token.pos_ not in ("VERB", "AUX") else (token,):
            done = any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in node.children) \
                or node.head.lemma_.lower() in self.cues.speech  # "is said to have dropped": reported as done
            for child in node.children:
                if child.dep_ == "neg" or (child.dep_ == "aux" and child.lower_ in _MODALS):
                    return False
                if child.dep_ == "aux" and child.lower_ == "to" and node.dep_ in ("xcomp", "advcl", "acl") and not done:
                    return False  # "a push to capture": a purpose, not a deed
        for ancestor in token.ancestors:
            lemma = ancestor.lemma_.lower()
            if lemma in self.cues.speech:
                break  # "decried ..., saying 100 children had been killed": the saying reports a fact
            if lemma in self.cues.reported_frame:
                return False
        return True

    def _candidate(self, doc: Doc, sent: Span, best: _Match, kept: Sequence[_Match], offset: int) -> EventCandidate:
        cue = doc[best.first : best.last + 1]
        head = cue.root
        while head.dep_ in ("compound", "amod") and head.head.i != head.i and head.head.pos_ in ("NOUN", "PROPN"):
            head = head.head  # "mortar [fire]": the phrase's head noun carries the roles
        verb = head if head.pos_ in ("VERB", "AUX") else _governing_verb(head)
        agents, targets = _participants(head, verb)
        sub_type = self._sub_type(best.sub_type, sent, agents, targets, head, verb)
        claimants, sources = [], []
        for token in sent:
            lemma = token.lemma_.lower()
            if token.pos_ == "VERB" and lemma in self.cues.claim:
                claimants.extend(c for c in token.children if c.dep_ in _SUBJECTS)
            elif token.pos_ == "VERB" and lemma in self.cues.speech:
                sources.extend(c for c in token.children if c.dep_ in _SUBJECTS)
            elif token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
                sources.extend(g for g in doc[token.i + 1].children if g.dep_ == "pobj")
        determiners = {c.lower_ for c in head.children if c.dep_ == "det"}
        times = tuple(
            (e.start_char + offset, e.end_char + offset, e.text) for e in sent.ents if e.label_ in ("DATE", "TIME")
        )
        return EventCandidate(
            sent_start=sent.start_char + offset, sent_end=sent.end_char + offset,
            cue_start=cue.start_char + offset, cue_end=cue.end_char + offset, cue_text=cue.text, sub_type=sub_type,
            # A noun that does something ("a suicide attack hit") or is done ("carried out an attack")
            # is pinned to a deed; "some of the most brutal fighting" is not.
            verbal=head.pos_ in ("VERB", "AUX") or (verb is not None and head.head.i == verb.i
                                                    and head.dep_ in ("nsubj", "nsubjpass", "dobj")),
            definite=head.pos_ == "NOUN" and bool(determiners & _DEFINITE),
            agents=tuple(_ref(t, offset) for t in agents), targets=tuple(_ref(t, offset) for t in targets),
            claimants=tuple(_ref(t, offset) for t in claimants), sources=tuple(_ref(t, offset) for t in sources),
            times=times,
        )

    def _sub_type(self, sub_type: str, sent: Span, agents: Sequence[Token], targets: Sequence[Token],
                  head: Token, verb: Token | None) -> str:
        cues = self.cues
        text = sent.text.lower()
        if self.cues.types.get(sub_type) == "Protests":
            if _any_word(text, cues.protest_violent):
                return "Violent demonstration"
            if _any_word(text, cues.protest_excessive):
                return "Excessive force against protesters"
            if _any_word(text, cues.protest_intervention):
                return "Protest with intervention"
            return sub_type
        if self._disrupted(sub_type, targets, head, verb):
            return _DISRUPTED
        if sub_type in (cues.captures, cues.regains):
            side = self._side(agents)
            if side is not None:
                return cues.regains if side == "government" else cues.captures
        return sub_type

    def _side(self, agents: Sequence[Token]) -> str | None:
        """"government", "non-state" or None: who took the ground. The modifiers speak first ("rebel
        fighters", "Kurdish YPG forces" are non-state; "loyalist fighters" are the government's), then
        the head noun ("the army", "militants"); the first agent that tells wins ("the army and
        allied fighters" is the army)."""
        for agent in agents:
            modifiers = [t for c in agent.children if c.dep_ in _AGENT_MODIFIERS for t in c.subtree]
            for tokens in (modifiers, [agent]):
                side = self._side_of({w for t in tokens for w in (t.lower_, t.lemma_.lower())})
                if side is not None:
                    return side
        return None

    def _side_of(self, words: set[str]) -> str | None:
        if words & self.cues.nonstate_words:
            return "non-state"
        if words & self.cues.government_words:
            return "government"
        return None

    def _disrupted(self, sub_type: str, targets: Sequence[Token], head: Token, verb: Token | None) -> bool:
        """Weapons seized, found or destroyed, not used: "police seized seven firearms", "troops cleared
        23,000 landmines" are ACLED's Disrupted weapons use."""
        cues = self.cues
        if sub_type in (cues.captures, cues.regains):
            return any(w.lower_ in cues.weapon_words or w.lemma_.lower() in cues.weapon_words
                       for t in targets for w in (t, *t.conjuncts))
        if cues.types.get(sub_type) == "Explosions/Remote violence" and head.pos_ in ("NOUN", "PROPN"):
            return verb is not None and head.dep_ in ("dobj", "nsubjpass", "conj") \
                and verb.lemma_.lower() in cues.disrupt_verbs
        return False

    # --- the whole article --------------------------------------------------------------------

    def finish(
        self, records: list[EventCandidate], context: ArticleContext, earlier: Earlier
    ) -> list[Event]:
        return resolve_events(records, context, earlier.of(PlaceMention), self.cues)


_BACKGROUND_PREPS = frozenset({"after", "following", "since", "before", "amid", "during", "despite", "ahead"})
_BACKGROUND_MARKS = frozenset({"after", "before", "since", "while", "until", "although", "though", "whereas"})


def _background(token: Token) -> bool:
    """The cue sits in a clause or phrase that sets the scene for the sentence's main event: a relative
    clause, "after/amid/during X", "while/after ... X"."""
    for node in (token, *token.ancestors):
        if node.dep_ == "relcl":
            return True
        if node.dep_ in ("pobj", "pcomp") and node.head.lower_ in _BACKGROUND_PREPS:
            return True
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _BACKGROUND_MARKS for c in node.children):
            return True
    return False


_PARALLEL_MARKS = frozenset({"while", "whereas"})


def _clause(token: Token) -> Token:
    """The verb heading the token's clause, where clauses are the sentence's root and the verbs joined to
    it as events of their own: "and"-coordinated verbs and "while/whereas" clauses ("killing six" is not one)."""
    node = token
    while node.head.i != node.i:
        if node.pos_ in ("VERB", "AUX") and (
                (node.dep_ == "conj" and node.head.pos_ in ("VERB", "AUX"))
                or (node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _PARALLEL_MARKS
                                                 for c in node.children))):
            return node
        node = node.head
    return node


def _own_subject(verb: Token) -> bool:
    return any(c.dep_ in _SUBJECTS for c in verb.children)


def _clause_spans(clause: Token, outer: Token, offset: int) -> tuple[tuple[int, int], ...]:
    """The chars of ``clause`` (left out of the other event), if it lies inside ``outer``'s subtree."""
    tokens = list(clause.subtree)
    return ((tokens[0].idx + offset, tokens[-1].idx + len(tokens[-1].text) + offset),)


def _outside(clause: Token, sent: Span, offset: int) -> tuple[tuple[int, int], ...]:
    """The chars of the sentence outside ``clause``'s own words."""
    tokens = list(clause.subtree)
    start, end = tokens[0].idx + offset, tokens[-1].idx + len(tokens[-1].text) + offset
    return ((sent.start_char + offset, start), (end, sent.end_char + offset))


def _governing_verb(token: Token) -> Token | None:
    """The verb a noun cue hangs from: "hit in mortar fire" -> hit, "claimed the attack" -> claimed."""
    node = token
    for _ in range(4):
        if node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return None


def _participants(head: Token, verb: Token | None) -> tuple[list[Token], list[Token]]:
    """(agents, targets) of the cue as tokens, conjuncts included."""
    agents: list[Token] = []
    targets: list[Token] = []
    if head.pos_ in ("VERB", "AUX"):
        agents += _verb_agents(head)
        targets += [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
        # "opened fire on a bus", "fired rockets at army positions"
        targets += [g for c in head.children if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS
                    for g in c.children if g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME")]
        if head.dep_ == "acl" and head.tag_ == "VBN":
            targets.append(head.head)  # "a hospital destroyed in ...": the noun is what was hit
    else:
        # Modifiers first ("rebel shelling"), then the governing verb's subject; the article-wide
        # step keeps only those that are actors ("street battles" has a modifier, but no actor).
        agents += [c for c in head.children if c.dep_ in _AGENT_MODIFIERS]
        for prep in (c for c in head.children if c.dep_ in ("prep", "agent")):
            objects = [g for g in prep.children if g.dep_ == "pobj"]
            if prep.lower_ == "by":
                agents += objects
            elif prep.lower_ in _TARGET_PREPS:
                targets += objects
        if verb is not None and head.dep_ in ("dobj", "pobj", "nsubjpass", "attr"):
            # "forces launched an offensive", "forces advanced against rebels during street battles"
            agents += [a for a in _verb_agents(verb) if a.i != head.i]
            for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS):
                targets += [g for g in prep.children if g.dep_ == "pobj" and g.i != head.i]
        if verb is not None and head.dep_ == "nsubj" and head.head.i == verb.i:
            targets += [c for c in verb.children if c.dep_ == "dobj"]  # "a suicide attack hit a wedding"
    return with_conjuncts(agents), with_conjuncts(targets)


def _verb_agents(verb: Token) -> list[Token]:
    passive = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if passive:
        return passive
    own = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    if own:
        return own
    if verb.dep_ == "acl" and verb.tag_ == "VBG":
        return [verb.head]  # "gunmen firing on ...", and the small model's "rebel [acl: shelling]"
    if verb.dep_ in ("advcl", "xcomp", "conj") and verb.head.i != verb.i:
        return [c for c in verb.head.children if c.dep_ in ("nsubj", "csubj")]  # "..., killing 34 people"
    return []



def _ref(token: Token, offset: int) -> SpanRef:
    subtree = list(token.subtree)
    # The subtree stops at a relative clause or apposition: "regime forces, which ..." is "regime forces".
    keep = [t for t in subtree if not any(a.dep_ in ("relcl", "appos", "acl") and a.i != token.i
                                          and token in a.ancestors for a in [t, *t.ancestors] if a.i != token.i)]
    first, last = (keep or [token])[0], (keep or [token])[-1]
    return (token.idx + offset, token.idx + len(token.text) + offset,
            first.idx + offset, last.idx + len(last.text) + offset)


def _any_word(text: str, words: Sequence[str]) -> bool:
    return any(re.search(rf"\b{re.escape(w.lower())}\b", text) for w in words)


# --- resolution: plain Python over the whole article ------------------------------------------


def resolve_events(
    candidates: Sequence[EventCandidate], context: ArticleContext, places: Sequence[Any], cues: Cues | None = None
) -> list[Event]:
    """Final events for one article: actors, place, date, casualties; follow-ups folded in."""
    cues = cues or load_cues()
    text = context.article.text
    published = context.article.date
    actors = sorted((e for e in context.entities if e.actor and e.actor_type not in _NON_ACTOR_TYPES),
                    key=lambda e: e.start)
    literal = [p for p in places if not p.metonymic]
    sentence_starts = [s.start for s in context.sentences]
    main_place = _main_place(literal)
    out: list[Event] = []
    last_index: dict[int, int] = {}  # event position in ``out`` -> its sentence index
    for cand in sorted(candidates, key=lambda c: c.cue_start):
        cand = _own_line(cand, text)
        sentence = text[cand.sent_start : cand.sent_end]
        sources = cand.sources
        agents = _actors_of(cand.agents, actors, sources)
        targets = [a for a in _actors_of(cand.targets, actors, sources) if a not in agents]
        claimants = _actors_of(cand.claimants, actors, ())
        fatal = find_fatalities(_blank(sentence, cand.sent_start, cand.elsewhere), cues.casualty_nouns)
        period = find_period(sentence)
        aggregate = period is not None and fatal is not None and bool(fatal.count)
        time = _nearest_time(cand, period)
        date, inferred = resolve_date(time, published)
        index = _sentence_index(sentence_starts, cand.sent_start)
        # A follow-up refers back: "IS claimed the attack", "The bombing left ...".
        previous = _referent(out, last_index, index)
        own_places = _literal_in(literal, cand.sent_start, cand.sent_end)
        if previous is not None and not aggregate and (time is None or inferred):
            i, prev = previous
            refers_back = cand.definite or bool(claimants)
            # Nothing new, same kind of event just before: the witness's "I felt a huge explosion".
            says_nothing_new = (
                cues.types.get(cand.sub_type, _DERIVED_TYPES.get(cand.sub_type)) == prev.type and fatal is None
                and not set(agents + targets) - set(prev.actors)
                and all(p.name == prev.place or p.country_code != prev.country_code
                        or _SPECIFICITY.get(p.feature_type, 9) > _SPECIFICITY.get(prev.place_type or "", 9)
                        for p in own_places)
            )
            if refers_back or says_nothing_new:
                out[i] = _fold(prev, claimants or agents, fatal, own_places)
                continue
        window = sentence_starts[max(index - _NEIGHBOUR_SENTENCES, 0)] if sentence_starts else cand.sent_start
        if aggregate:  # a toll over a whole conflict has no one place; only the sentence's own counts
            place, place_inferred = _place_for(cand, literal, cand.sent_start, None)
        else:
            place, place_inferred = _place_for(cand, literal, window, main_place)
        civilian = _civilian(sentence, cues)
        sub_type = _attack_or_clash(cand, text, sentence, civilian, aggregate, cues)
        if not aggregate and not cand.verbal and fatal is None and time is None and not agents and not targets:
            continue  # "some of the most brutal fighting in the conflict": a noun with nothing to pin it down
        if cand.sub_type in cues.strict and fatal is None and not (cand.sub_type == "Attack" and civilian) \
                and not _conflict_context(cand, sentence, actors, cues):
            continue  # "Pier 1 battled fierce competition", "MCI agreed to a buyout": not political violence
        event_type = cues.types.get(sub_type) or _DERIVED_TYPES.get(sub_type, "Strategic developments")
        names = list(dict.fromkeys([*agents, *targets]))
        actor1 = agents[0] if agents else None
        actor2 = targets[0] if targets else (agents[1] if len(agents) > 1 else None)
        if actor2 is None:
            actor2 = _civilian_victims(cand, text, sentence, event_type, cues)
        out.append(Event(
            start=cand.cue_start, end=cand.cue_end, cue=cand.cue_text, sent_start=cand.sent_start,
            sent_end=cand.sent_end, sentence=sentence, type=event_type, sub_type=sub_type,
            date=date, date_inferred=inferred,
            place=place.name if place else None, lat=place.lat if place else None, lon=place.lon if place else None,
            country_code=place.country_code if place else None, place_type=place.feature_type if place else None,
            place_inferred=place_inferred,
            actors=names, actor1=actor1, actor2=actor2,
            fatalities=fatal.count if fatal else None, fatalities_text=fatal.text if fatal else None,
            civilian_targeting=civilian or (event_type == "Violence against civilians" and not aggregate),
            aggregate=aggregate, period=period if aggregate else None,
        ))
        if not aggregate:
            last_index[len(out) - 1] = index
    return out


# Sub-types the protest rules derive, which the cue file lists under no [[sub_type]] of their own.
_DERIVED_TYPES = {"Violent demonstration": "Riots", "Protest with intervention": "Protests",
                  "Excessive force against protesters": "Protests", "Armed clash": "Battles"}


def _own_line(cand: EventCandidate, text: str) -> EventCandidate:
    """The parser's sentence cut down to the cue's line, without the whitespace around it.

    The small model runs a headline, a photo caption and the first sentence together; a line
    break always ends a sentence in news text.
    """
    start = max(cand.sent_start, text.rfind("\n", cand.sent_start, cand.cue_start) + 1)
    newline = text.find("\n", cand.cue_end, cand.sent_end)
    end = newline if newline >= 0 else cand.sent_end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return cand._replace(sent_start=start, sent_end=end)


def _blank(sentence: str, start: int, spans: Sequence[tuple[int, int]]) -> str:
    """The sentence with the chars of ``spans`` (absolute offsets) blanked, offsets kept."""
    chars = list(sentence)
    for first, last in spans:
        for i in range(max(first - start, 0), min(last - start, len(chars))):
            chars[i] = " "
    return "".join(chars)


def _sentence_index(starts: Sequence[int], start: int) -> int:
    return max(bisect.bisect_right(starts, start) - 1, 0) if starts else 0


def _referent(out: Sequence[Event], last_index: Mapping[int, int], index: int) -> tuple[int, Event] | None:
    """The latest single event, if it is at most a few sentences before sentence ``index``."""
    if not last_index:
        return None
    i = max(last_index)
    return (i, out[i]) if 0 < index - last_index[i] <= _MAX_LOOKBACK else None


def _fold(prev: Event, perpetrators: Sequence[str], fatal: Any, places: Sequence[Any]) -> Event:
    """What a follow-up sentence adds to the event it refers back to; it never overrides what was said."""
    actor1 = prev.actor1 or (perpetrators[0] if perpetrators else None)
    actors = list(dict.fromkeys([a for a in (actor1, *prev.actors) if a]))
    fatalities, fatalities_text = prev.fatalities, prev.fatalities_text
    if fatalities_text is None and fatal is not None:
        fatalities, fatalities_text = fatal.count, fatal.text
    event = prev._replace(actor1=actor1, actors=actors, fatalities=fatalities, fatalities_text=fatalities_text)
    better = _more_specific_within(prev, places)
    if better is not None:
        event = event._replace(place=better.name, lat=better.lat, lon=better.lon, country_code=better.country_code,
                               place_type=better.feature_type, place_inferred=False)
    return event


def _more_specific_within(prev: Event, places: Sequence[Any]) -> Any | None:
    """A place of the follow-up that narrows the event's place down ("northeast Syria" -> Hasakeh city)."""
    current = _SPECIFICITY.get(prev.place_type or "", 9)
    better = [p for p in places if _SPECIFICITY.get(p.feature_type, 9) < current
              and (prev.country_code is None or p.country_code == prev.country_code)]
    return min(better, key=lambda p: _SPECIFICITY.get(p.feature_type, 9)) if better else None


def _literal_in(literal: Sequence[Any], start: int, end: int) -> list[Any]:
    return [p for p in literal if start <= p.start < end]


def _place_for(cand: EventCandidate, literal: Sequence[Any], window_start: int, main: Any | None) -> tuple[Any | None, bool]:
    """The most specific literal place in the sentence (nearest the cue among equals), else in the sentences
    just before (``window_start`` on), else the article's main city; the bool says it was not in the sentence."""
    own = _literal_in(literal, cand.sent_start, cand.sent_end)
    if own:
        return min(own, key=lambda p: (_SPECIFICITY.get(p.feature_type, 9), abs(p.start - cand.cue_start))), False
    before = _literal_in(literal, window_start, cand.sent_start)
    if before:
        place = min(before, key=lambda p: (_SPECIFICITY.get(p.feature_type, 9), cand.sent_start - p.start))
    else:
        place = main
    return place, place is not None


def _main_place(literal: Sequence[Any]) -> Any | None:
    """The article's most named literal city: where an event with no place of its own most likely is."""
    cities = Counter((p.name, p.lat, p.lon) for p in literal if p.feature_type == "city")
    if not cities:
        return None
    key = cities.most_common(1)[0][0]
    return next(p for p in literal if (p.name, p.lat, p.lon) == key)


def _actors_of(refs: Sequence[SpanRef], actors: Sequence[Any], sources: Sequence[SpanRef]) -> list[str]:
    """Canonical actors of participant spans: the mention holding the head word, else the first inside."""
    out: list[str] = []
    for head_start, _, first, last in refs:
        if any(s_first <= head_start < s_last for _, _, s_first, s_last in sources):
            continue  # the reporter of the event ("SANA reported"), not a party to it
        found = next((e for e in actors if e.start <= head_start < e.end), None)
        if found is None:
            found = next((e for e in actors if first <= e.start and e.end <= last), None)
        if found is not None and not any(s_first <= found.start < s_last for _, _, s_first, s_last in sources):
            if found.actor not in out:
                out.append(found.actor)
    return out


def _nearest_time(cand: EventCandidate, period: str | None) -> str | None:
    """The time expression closest to the cue, leaving out the aggregate's period ("March 2011")."""
    times = [t for t in cand.times if not (period and t[2] in period)]
    if not times:
        return None
    return min(times, key=lambda t: abs(t[0] - cand.cue_start))[2]


def _conflict_context(cand: EventCandidate, sentence: str, actors: Sequence[Any], cues: Cues) -> bool:
    """An armed group or a state acting in the sentence, or a word of conflict in it."""
    if any(cand.sent_start <= e.start < cand.sent_end and e.actor_type in ("armed group", "state") for e in actors):
        return True
    return _any_word(sentence.lower(), cues.conflict_words)


def _attack_or_clash(cand: EventCandidate, text: str, sentence: str, civilian: bool, aggregate: bool,
                     cues: Cues) -> str:
    """ACLED: violence against unarmed people or their places is an Attack, between armed sides a clash.
    What was hit decides first ("opened fire on a bus", "attacked a checkpoint"); else the sentence."""
    if cand.sub_type not in _GENERIC_VIOLENCE or aggregate:
        return cand.sub_type
    hit = " ".join(text[first:last] for _, _, first, last in cand.targets).lower()
    if hit and _any_word(hit, cues.armed_targets):
        return "Armed clash"  # "attacking a marketplace and a military base": an armed side was engaged
    if hit and _any_word(hit, (*cues.civilian_targets, *cues.civilian_objects)):
        return "Attack"
    if cand.sub_type == "Attack" and not civilian and _any_word(sentence.lower(), cues.armed_targets):
        return "Armed clash"
    return cand.sub_type


def _civilian_victims(cand: EventCandidate, text: str, sentence: str, event_type: str, cues: Cues) -> str | None:
    """ACLED's actor2 "Civilians" when what was hit is civilian ("hit a wedding", "opened fire on a bus"),
    or when violence against civilians names them ("killing six villagers"); else None (no guess)."""
    hit = " ".join(text[first:last] for _, _, first, last in cand.targets).lower()
    if hit and not _any_word(hit, cues.armed_targets) \
            and _any_word(hit, (*cues.civilian_targets, *cues.civilian_objects)):
        return CIVILIANS
    if event_type == "Violence against civilians" and _civilian(sentence, cues) \
            and not _any_word(sentence.lower(), cues.armed_targets):
        return CIVILIANS
    return None


def _civilian(sentence: str, cues: Cues) -> bool:
    return _any_word(sentence.lower(), cues.civilian_targets)
