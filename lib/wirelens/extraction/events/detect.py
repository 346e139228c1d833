"""Reading one parsed chunk into :class:`EventCandidate` records: the events room's spaCy code
(with its dependency helpers in :mod:`.roles`).

Every cue phrase of ``cues.toml`` is matched; cues that are denied, planned, alleged or the
modifier of a thing ("attack helicopter") are dropped, and so are the weak cues of an accident.
The best cue of each sentence (and a second one in a clause of its own) becomes a candidate with
its roles as char spans: who did it, to whom, who claims it, who reports it, and the sentence's
time expressions. Which sub-type a cue finally names is decided by the tables of named rules at
the end of this module and in :mod:`.rules`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from wirelens.extraction.events import roles
from wirelens.extraction.events.candidate import EventCandidate
from wirelens.extraction.events.cues import Cues
from wirelens.extraction.events.numbers import find_fatalities
from wirelens.extraction.events.rules import (
    GENERIC_VIOLENCE,
    GOVERNMENT,
    PROTEST_RULES,
    PROTEST_SCALE,
    SIDE_RULES,
    Agent,
    Crowd,
    any_word,
    first_answer,
)
from wirelens.extraction.events.taxonomy import (
    ABDUCTION,
    ARRESTS,
    ATTACK,
    BATTLES,
    DISRUPTED_WEAPONS,
    EXPLOSIONS,
    LOOTING,
    MOB_VIOLENCE,
    NONVIOLENT_TRANSFER,
    PROTEST_WITH_INTERVENTION,
    PROTESTS,
    RIOTS,
    VIOLENCE_AGAINST_CIVILIANS,
    VIOLENT_DEMONSTRATION,
    type_of,
)
from wirelens.extraction.syntax import with_conjuncts

_NOT_CUE_ENTS = frozenset(
    {
        "DATE",
        "TIME",
        "PERSON",
        "GPE",
        "WORK_OF_ART",
        "LAW",
        "CARDINAL",
        "ORDINAL",
        "MONEY",
        "PERCENT",
        "QUANTITY",
        "LANGUAGE",
    }
)
_CUE_POS = frozenset({"NOUN", "VERB", "PROPN", "ADJ", "X", ""})  # "" : a hand-built Doc without tags


class Match(NamedTuple):
    first: int  # token indices
    last: int
    sub_type: str
    phrase: tuple[str, ...] = ()  # the cue as listed in the cue file


def read_chunk(doc: Doc, offset: int, cues: Cues) -> list[EventCandidate]:
    """The event candidates of one parsed chunk whose text starts at char ``offset`` of the article."""
    if not doc.has_annotation("DEP"):
        return []  # roles and sentences need the parse; a tokenizer-only pipeline finds no events
    matches = find_matches(doc, cues)
    matches += weapon_seizures(doc, matches, cues)
    if not matches:
        return []
    by_sentence: dict[int, list[Match]] = {}
    for m in matches:
        by_sentence.setdefault(doc[m.first].sent.start, []).append(m)
    marks = cues.parallel_marks
    out = []
    for sent_start, found in by_sentence.items():
        sent = doc[sent_start].sent
        lowered = sent.text.lower()
        kept = [m for m in found if reported_as_fact(doc[m.last], cues, m.first)]
        kept = [m for m in not_accident(lowered, kept, cues) if not any(r(doc, m, lowered, cues) for r in DROP_RULES)]
        if not kept:
            continue
        best = best_match(doc, kept, cues)
        second = second_match(doc, best, kept, cues)
        if second is None:
            out.append(_candidate(doc, sent, best, offset, cues))
            continue
        other_clause = roles.clause(doc[second.last], marks)
        first = _candidate(doc, sent, best, offset, cues)
        out.append(first._replace(elsewhere=roles.clause_spans(other_clause, offset)))
        other = _candidate(doc, sent, second, offset, cues)
        out.append(other._replace(elsewhere=roles.outside(other_clause, sent, offset), main=False))
    return out


def find_matches(doc: Doc, cues: Cues) -> list[Match]:
    """Every cue phrase, longest first at each position, words as written or lemmatised."""
    phrases, longest = cues.phrases, cues.max_len
    lower = [t.lower_ for t in doc]
    lemma = [t.lemma_.lower() for t in doc]
    out: list[Match] = []
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
                hit = Match(i, i + n - 1, name, words)
                break
        if hit is None:
            i += 1
            continue
        if inside_name(doc, hit):
            i = hit.last + 1
            continue
        out.append(hit)
        i = hit.last + 1
    return out


_NAME_ENTS = frozenset({"ORG", "FAC", "NORP", "EVENT", "PRODUCT"})


def inside_name(doc: Doc, match: Match) -> bool:
    """A cue that is part of a longer name which ends in another word: "Air Force Intelligence", "Rocket
    Lab", "the Mine Workers Union" name an agency or a firm, not an air strike or a mine ("the Syrian Air
    Force" still ends in its cue: the air force it names strikes)."""
    ent = doc[match.first].ent_type_ and next((e for e in doc.ents if e.start <= match.first < e.end), None)
    if not ent or ent.label_ not in _NAME_ENTS or ent.end - ent.start <= match.last - match.first + 1:
        return in_proper_name(doc, match)
    return (ent.end - 1 > match.last and doc[ent.end - 1].pos_ == "PROPN") or in_proper_name(doc, match)


def in_proper_name(doc: Doc, match: Match) -> bool:
    """A capitalised one-word cue, mid-sentence, after a capitalised proper noun: "Merrill Lynch", "the Upper
    Big Branch Mine" name a firm and a pit (the entity recogniser misses many such names). Not in a headline
    written in title case ("Militants Attack Police Post"), where every word is capitalised."""
    first = doc[match.first]
    if match.first != match.last or first.is_sent_start or first.i == 0 or not first.is_title or first.pos_ != "PROPN":
        return False  # a phrase cue that ends a name names its holder's deed: "the Syrian Air Force" strikes
    before = doc[match.first - 1]
    if not (before.is_title and before.pos_ == "PROPN" and before.ent_type_ not in ("NORP", "GPE")):
        return False  # "the Syrian Air Force": a nationality, then the force that strikes
    words = [t for t in first.sent if t.is_alpha]
    return sum(t.is_title for t in words) < 0.6 * len(words)


def weapon_seizures(doc: Doc, matches: Sequence[Match], cues: Cues) -> list[Match]:
    """Weapons found, seized or destroyed ("found a cache of ammunition", "arms were seized"): a cue of
    their own, whatever the verb ("destroyed" is a looting cue too), unless the verb's subject is itself a
    cue ("air strikes destroyed a depot")."""
    taken = {i for m in matches for i in range(m.first, m.last + 1)}
    out = []
    for verb in doc:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in cues.disrupt_verbs:
            continue
        objects = with_conjuncts([c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")])
        if not any(_is_weapon(o, cues) for o in objects):
            continue
        subjects = [t.i for c in verb.children if c.dep_ in ("nsubj", "agent") for t in c.subtree]
        if not taken.intersection(subjects):
            out.append(Match(verb.i, verb.i, DISRUPTED_WEAPONS, (verb.lemma_.lower(),)))
    return out


def _is_weapon(token: Token, cues: Cues) -> bool:
    """ "firearms", "a cache of ammunition", "a depot containing weapons": the noun or what it holds."""
    words = cues.weapon_words
    nouns = [
        token,
        *(
            g
            for c in token.children
            if c.dep_ == "prep" and c.lower_ in cues.holder_preps
            for g in c.children
            if g.dep_ == "pobj"
        ),
    ]
    nouns += [
        g
        for c in token.children
        if c.dep_ == "acl" and c.lemma_.lower() in cues.holder_verbs
        for g in c.children
        if g.dep_ == "dobj"
    ]  # "a depot containing weapons"
    nouns += [c for n in nouns for c in n.children if c.dep_ == "compound"]
    return any(n.lower_ in words or n.lemma_.lower() in words for n in with_conjuncts(nouns))


def reported_as_fact(token: Token, cues: Cues, first: int | None = None) -> bool:
    """Not negated, planned, hoped for, alleged, hypothetical or a rule: "did not attack", "to capture",
    "accusing ... of", "if ... are killed", "could be punished for abuse", "sentencing up to 30 years for abuse";
    nor another sense of the word: "a campaign rally", "demonstrated that ..."."""
    if (
        token.dep_ in ("compound", "amod")
        and token.head.i != token.i
        and (token.head.lemma_.lower() in cues.not_event_heads or token.head.lower_ in cues.not_event_heads)
    ):
        return False  # "bombing campaigns", "attack helicopters": a modifier of something else
    if (
        (first in (None, token.i) and described_by_deed(token, cues))
        or not other_sense(token, cues, first)
        or not asserted(token, cues)
    ):
        return False
    verb = roles.governing_verb(token)
    if (token.pos_ == "VERB" and denied_object(token)) or any(
        c.dep_ == "det" and c.lower_ == "no" for c in (*token.children, *_held_object(token).children)
    ):
        return False  # "found no trace of explosives", "no arrests have been made"
    # A verb cue carries its own mood: "will advance after seizing the town" reports the seizing as done. A crowd
    # is there whatever the verb's purpose: "fired tear gas to disperse protesters".
    crowd = token.lower_ in cues.crowd_nouns or token.head.lower_ in cues.crowd_nouns
    for node in (token, verb) if verb is not None and token.pos_ not in ("VERB", "AUX") and not crowd else (token,):
        done = (
            any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in node.children)
            or node.head.lemma_.lower() in cues.speech
            # "gathered to demonstrate against ...", "blocked the road to protest": the gathering is the protest
            or (node.dep_ == "advcl" and node.i == token.i and _crowd_word(token, cues))
        )  # "is said to have dropped": reported as done
        for child in node.children:
            if child.dep_ == "neg" or (child.dep_ == "aux" and child.lower_ in cues.modals):
                return False
        if not done and purpose_infinitive(node):
            return False  # "a push to capture", "the task is to wipe out troops and seize waypoints": no deed
    heads = (token, roles.clause(token, cues.parallel_marks))
    if any(c.dep_ == "parataxis" and c.lemma_.lower() in cues.reported_frame for h in heads for c in h.children):
        return False  # "she was, she testified, raped": a frame said aside still frames the deed
    below = token
    for ancestor in token.ancestors:
        if below.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _DONE_BEFORE for c in below.children):
            break  # "called off after a grenade was thrown": a clause of its own, no frame's content
        lemma = ancestor.lemma_.lower()
        if lemma in cues.speech:
            break  # "decried ..., saying 100 children had been killed": the saying reports a fact
        if lemma in cues.reported_frame:
            return False
        below = ancestor
    return True


_PURPOSE_DEPS = frozenset({"xcomp", "advcl", "acl", "csubj"})


def purpose_infinitive(node: Token) -> bool:
    """A "to" infinitive that names a purpose or a task ("a push to capture", "how to dismantle a bomb"), or a verb
    joined to one ("to wipe out enemy troops, seize waypoints": the seizing is a task too)."""
    first = node
    while first.dep_ == "conj" and first.head.i != first.i and first.tag_ == "VB":
        first = first.head  # a bare verb joined to it shares its "to"; "to make an inquiry and was beaten" does not
    aux = [c for c in first.children if c.dep_ == "aux"]
    return (
        first.dep_ in _PURPOSE_DEPS
        and any(c.lower_ == "to" for c in aux)
        and not any(c.lemma_.lower() == "have" for c in aux)  # "is said to have attacked and seized": done
    )


def described_by_deed(token: Token, cues: Cues) -> bool:
    """A participle or adjective cue that describes someone or something ("murdered director Theo van Gogh", "the
    dead jackal", "the abducted girls") names them by a deed reported before, not a deed reported now; a weapon
    so described is the deed's ("a Taliban-planted mine")."""
    return (
        token.dep_ == "amod"
        and token.tag_ in ("VBN", "JJ")
        and token.head.i > token.i
        and token.head.pos_ in ("NOUN", "PROPN")
        and not {token.head.lemma_.lower(), token.head.lower_} & cues.weapon_words
        and (token.head.lemma_.lower(),) not in cues.phrases  # "a mine attack": the cue names the deed's kind
    )


def denied_object(node: Token) -> bool:
    """A deed done to nothing: "found no trace of explosives", "fired no shots"."""
    return any(
        c.dep_ in ("dobj", "nsubjpass") and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
        for c in node.children
    )


def figurative_object(doc: Doc, m: Match, sentence: str, cues: Cues) -> bool:
    """A fight, battle or attack on an abstract ill or a decision: "to fight terrorism", "fights against
    exploitation", "battled the virus", "the fight against corruption" (`figurative_objects`). A protest against
    one is still a protest ("a demonstration against rising inflation")."""
    if type_of(m.sub_type) in (PROTESTS, RIOTS):
        return False
    token = doc[m.last]
    objects = [c for c in token.children if c.dep_ in ("dobj", "pobj")]
    objects += [g for c in token.children if c.dep_ == "prep" and c.lower_ == "against" for g in c.children]
    if not objects and token.dep_ in ("relcl", "acl"):
        objects.append(token.head)  # "money that you have looted", "funds looted from the state"
    words = cues.figurative_objects | cues.war_objects  # "fought a war over the region in 1994": no one event
    objects = with_conjuncts(objects)
    return bool(objects) and all(o.lemma_.lower() in words or o.lower_ in words for o in objects)


def other_sense(token: Token, cues: Cues, first: int | None = None) -> bool:
    """False when the words around the cue give it another sense: a noun modified by one of
    `not_event_modifiers` ("a campaign rally", "a heart attack", "a legal battle"), or a verb of
    `transitive_other_sense` with an object or a clause ("demonstrated that ...", "rallied support")."""
    if token.pos_ in ("NOUN", "PROPN") or token.dep_ in ("compound", "amod"):
        head = token.head if token.dep_ in ("compound", "amod") and token.head.i != token.i else token
        start = token.i if first is None else first  # a modifier inside the cue is the cue: "hunger strike"
        mods = [c for c in head.children if c.dep_ in ("compound", "amod", "nmod") and c.i < min(head.i, start)]
        if any(c.lower_ in cues.not_event_modifiers or c.lemma_.lower() in cues.not_event_modifiers for c in mods):
            return False
    if (
        token.lemma_.lower() in cues.manner_nouns
        and token.dep_ == "pobj"
        and token.head.lower_ == "in"
        and not any(c.dep_ == "det" for c in token.children)
    ):
        return False  # "resigned in protest"
    if (
        token.pos_ == "VERB"
        and token.lemma_.lower() in cues.transitive_other_sense
        and any(c.dep_ in ("dobj", "ccomp") for c in token.children)
    ):
        return False
    return True


def intransitive_protest(token: Token, cues: Cues) -> bool:
    """A verb of `transitive_other_sense` used without an object or a clause names the deed itself: "teachers
    demonstrated in the capital", "supporters rallied outside the court" (not "demonstrated that ...")."""
    return (
        token.pos_ == "VERB"
        and token.lemma_.lower() in cues.transitive_other_sense
        and any(c.dep_ in roles.SUBJECTS for c in token.children)
        and not any(c.dep_ in ("dobj", "ccomp") for c in token.children)
    )


def staged_protest(head: Token, cues: Cues) -> bool:
    """A noun of `protest_nouns` that is the object of a verb of `protest_verbs` names a protest held: "locals
    staged a demonstration", "truck drivers held demonstrations" (not "a demonstration of the new phone")."""
    return (
        head.pos_ in ("NOUN", "PROPN")
        and (head.lower_ in cues.protest_nouns or head.lemma_.lower() in cues.protest_nouns)
        and head.dep_ == "dobj"
        and (head.head.lemma_.lower() in cues.protest_verbs or head.head.lower_ in cues.protest_verbs)
        and not any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children)
    )


def asserted(token: Token, cues: Cues) -> bool:
    """False for a deed in a hypothetical ("if ... are both killed"), under a modal anywhere up its clause
    chain ("pupils who could be attacked", "can carry a sentence"), or under a rule ("a law against ...",
    "sentencing up to 30 years for abuse"); a speech verb on the way up stops the search (its report stands).
    A deed done before the main one stops the search for a modal ("will advance after seizing the town": the
    seizing is done), and a clause of time or cause stops the search for a hypothetical ("verify whether ...
    when the protesters were getting closer": the protesters came closer)."""
    hypothetical_ok = False
    for node in (token, *token.ancestors):
        lemma = node.lemma_.lower()
        if node.i != token.i and lemma in cues.speech:
            return True
        if lemma in cues.rule_heads or node.lower_ in cues.rule_heads:
            return False
        if node.i != token.i and node.dep_ == "prep" and node.lower_ in _DONE_BEFORE:
            return True  # "after seizing", "following the capture of": done before whatever is said next
        for child in node.children:
            if child.dep_ == "mark" and child.lower_ in cues.hypothetical_marks and not hypothetical_ok:
                return False
            if (
                node.i != token.i
                and child.dep_ == "aux"
                and child.lower_ in cues.modals
                and node.pos_ in ("VERB", "AUX")
            ):
                return False
        if any(c.dep_ == "mark" and c.lower_ in _DONE_BEFORE for c in node.children):
            return True  # "the toll could rise after a car bomb killed 20": the killing is done
        if any(
            (c.dep_ == "mark" and c.lower_ not in cues.hypothetical_marks)
            or (c.dep_ == "advmod" and c.lower_ == "when")
            for c in node.children
        ):
            hypothetical_ok = True  # "when ...", "because ...": a clause of fact, whatever holds it
    return True


_DONE_BEFORE = frozenset({"after", "following"})  # prepositions whose object happened before the main deed


def not_accident(text: str, kept: Sequence[Match], cues: Cues) -> list[Match]:
    """Without the weak cues of a sentence about an accident or a disaster ("a boiler exploded", "the
    earthquake killed 200"), unless it names an armed side: those are no political violence."""
    if not any_word(text, cues.accident_words) or any_word(text, cues.accident_unless):
        return list(kept)
    return [m for m in kept if m.phrase not in cues.accident_weak and m.sub_type not in cues.strict]


# --- cues that name no ACLED event in their sentence: a table of named rules -----------------------------


def ordinary_crime(doc: Doc, m: Match, sentence: str, cues: Cues) -> bool:
    """Violence of ordinary crime ("an inmate was stabbed in prison", "police raided a site sharing pirated films"):
    a sentence with a word of `crime_words` and none of an armed side or a deed of war ([accident] `unless`)."""
    return (
        type_of(m.sub_type) in (BATTLES, VIOLENCE_AGAINST_CIVILIANS)
        and any_word(sentence, cues.crime_words)
        and not any_word(sentence, cues.accident_unless)
        and not cues.nonstate_words.intersection(t.lower_ for t in doc[m.first].sent)
    )


def campaign_rally(doc: Doc, m: Match, sentence: str, cues: Cues) -> bool:
    """A candidate's rally or march ("an opposition candidate held a rally in Minsk"): ACLED codes no campaign
    event as a protest, unless the sentence names dissent (`dissent_words`: "rallied against the fraud")."""
    return (
        type_of(m.sub_type) == PROTESTS
        and m.phrase not in cues.sure
        and any_word(sentence, cues.campaign_words)
        and not any_word(sentence, cues.dissent_words)
    )


def gathering_without_dissent(doc: Doc, m: Match, sentence: str, cues: Cues) -> bool:
    """A gathering or a road blocked with no purpose of dissent (`dissent_purpose`): "hundreds gathered for the
    funeral", "a landslide blocked the road" (not "workers gathered outside the ministry to demand their wages")."""
    return m.phrase in cues.gatherings and not any_word(sentence, cues.dissent_purpose)


def people_evacuated(doc: Doc, m: Match, sentence: str, cues: Cues) -> bool:
    """ "The airport and hotel were evacuated", "residents were evacuated": people or buildings emptied for
    safety, not ground an armed side handed over (ACLED's transfer is "the army withdrew from the town")."""
    token = doc[m.last]
    return (
        m.sub_type == NONVIOLENT_TRANSFER
        and token.lemma_.lower() == "evacuate"
        and any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)
    )


def stopped_doing(doc: Doc, m: Match, sentence: str, cues: Cues) -> bool:
    """ "stop attacking each other", "quit fighting": a deed to be stopped, not one done."""
    token = doc[m.last]
    return token.tag_ == "VBG" and token.dep_ in ("xcomp", "pcomp", "dobj") and token.head.lemma_.lower() in _CEASE


_CEASE = frozenset({"stop", "quit", "cease"})


def verbal_dispute(doc: Doc, m: Match, sentence: str, cues: Cues) -> bool:
    """A person who "attacked the decision" or "clashed with" a rival argued: a verb of `dispute_verbs` whose subject
    is a named person, a pronoun or a title ("the former police chief"), with no weapon, wound or armed side in the
    sentence. "A man attacked a woman with a knife", "gunmen attacked" and "he was attacked" stay."""
    token = doc[m.last]
    if token.pos_ != "VERB" or token.lemma_.lower() not in cues.dispute_verbs:
        return False
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    if len(subjects) != 1 or subjects[0].conjuncts or subjects[0].tag_ in ("NNS", "NNPS"):
        return False  # one speaker: "Al Haddi and Al Mahmud tribesmen clashed" are two sides
    own = {t.i for s in subjects for t in s.subtree}  # "the former police chief": a title, no armed side
    rest = " ".join(t.lower_ for t in token.sent if t.i not in own)
    if any_word(rest, (*cues.violent_sense, *sorted(cues.weapon_words))):
        return False
    people = {*cues.casualty_nouns, *cues.civilian_targets}
    if any(c.dep_ == "dobj" and (c.lower_ in people or c.lemma_.lower() in people) for c in token.children):
        return False  # "he attacked a woman": a person hit, not a plan
    return all(_a_speaker(s) for s in subjects)


def _a_speaker(token: Token) -> bool:
    """A named person, a personal pronoun, or a person's title: who may attack a plan in words."""
    return token.ent_type_ == "PERSON" or token.lower_ in ("he", "she") or token.lemma_.lower() in _TITLES


_TITLES = frozenset(
    "chief minister secretary president leader chairman spokesman spokeswoman mp senator critic campaigner "
    "opponent candidate rival company firm retailer bank club".split()  # a business fights in words and courts
)


def diplomatic_protest(doc: Doc, m: Match, sentence: str, cues: Cues) -> bool:
    """A protest sent by a state is a diplomatic note: "a protest from the Thai government", "lodged a formal
    protest" (a verb of `diplomatic_verbs`), not a demonstration."""
    token = doc[m.last]
    if token.lemma_.lower() != "protest" or token.pos_ != "NOUN":
        return False
    if token.head.lemma_.lower() in cues.diplomatic_verbs and token.dep_ == "dobj":
        return True
    senders = [g for c in token.children if c.dep_ == "prep" and c.lower_ in ("from", "by") for g in c.children]
    return any(any_word(" ".join(t.lower_ for t in g.subtree), cues.diplomatic_senders) for g in senders)


def nothing_withdrawn(doc: Doc, m: Match, sentence: str, cues: Cues) -> bool:
    """A withdrawal of something other than troops hands over no ground: "the network withdrew its reporters", "the
    party withdrew its candidate" (`withdrawn_forces` names what a withdrawal of ground takes away)."""
    token = doc[m.last]
    if m.sub_type != NONVIOLENT_TRANSFER or token.pos_ != "VERB":
        return False
    objects = [c for c in token.children if c.dep_ == "dobj"]
    return bool(objects) and not any(
        o.lower_ in cues.withdrawn_forces or o.lemma_.lower() in cues.withdrawn_forces for o in objects
    )


def generic_activity(doc: Doc, m: Match, sentence: str, cues: Cues) -> bool:
    """A gerund that names an activity, not a deed: the subject of a clause ("detaining suspects without trial breaks
    human rights law"), or a detention as a state of affairs ("the suspects currently detained", `state_adverbs`)."""
    token = doc[m.last]
    if token.tag_ == "VBG" and token.dep_ in ("csubj", "csubjpass"):  # not "shelling by the army killed 7"
        return any(c.dep_ == "dobj" for c in token.children) and not any(c.dep_ == "agent" for c in token.children)
    return m.sub_type == ARRESTS and any(c.dep_ == "advmod" and c.lower_ in cues.state_adverbs for c in token.children)


def claimed_back(doc: Doc, m: Match, sentence: str, cues: Cues) -> bool:
    """A claim of an incident already named: "claimed responsibility for the Cambrils attack", "holding the group
    responsible for the attack", "last week's bloodshed": a definite or possessed noun under a word of
    `claim_nouns` refers back, and reports no new event (not "claimed a car bomb that killed eight")."""
    token = doc[m.last]
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    referred = any(
        (c.dep_ == "det" and c.lower_ in cues.definite) or c.dep_ == "poss"
        for c in (*token.children, *doc[m.first].children)
    )
    return referred and any(a.lemma_.lower() in cues.claim_nouns for a in token.ancestors)


def engaged_in_other(doc: Doc, m: Match, sentence: str, cues: Cues) -> bool:
    """ "engaged in stealing cars", "engage in talks": taking part in something that is no cue; "engaged in fierce
    fighting" leaves the fighting to its own cue."""
    token = doc[m.last]
    if token.lemma_.lower() != "engage":
        return False
    done = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "in" for g in c.children]
    return bool(done) and not any(
        (g.lower_,) in cues.phrases or (g.lemma_.lower(),) in cues.phrases for d in done for g in d.subtree
    )


def one_surrenders(doc: Doc, m: Match, sentence: str, cues: Cues) -> bool:
    """ "the suspected gunman surrendered himself to police": one person giving himself up ends an incident already
    reported; ACLED's surrender (an Agreement) is of fighters ("42 IS fighters surrendered")."""
    token = doc[m.last]
    if token.lemma_.lower() != "surrender":
        return False
    subjects = [c for c in token.children if c.dep_ == "nsubj"]
    reflexive = any(c.dep_ == "dobj" and c.lower_ in ("himself", "herself") for c in token.children)
    return reflexive or any(s.tag_ in ("NN", "NNP") or s.lower_ in ("he", "she") for s in subjects)


def series_of_incidents(doc: Doc, m: Match, sentence: str, cues: Cues) -> bool:
    """A cue noun that sums up many incidents over a long period: "12 years of fire-bombings", "sixteen weeks of
    protests" (`series_nouns`) is no one event. With a death count it stays (a toll over a period is an aggregate)."""
    token = doc[m.last]
    if token.pos_ not in ("NOUN", "PROPN") or token.dep_ != "pobj" or token.head.lower_ != "of":
        return False
    holder = token.head.head
    return (
        holder.i != token.head.i
        and holder.lower_ in cues.series_nouns
        and find_fatalities(sentence, cues.casualty_nouns) is None
    )


def habitual_deed(doc: Doc, m: Match, sentence: str, cues: Cues) -> bool:
    """A deed told as a habit or as done on many occasions: "Houthis have attacked journalists previously",
    "police routinely detain activists" (an adverb of `habitual_adverbs` on the cue's verb) is no one incident."""
    token = doc[m.last]
    verb = token if token.pos_ in ("VERB", "AUX") else roles.governing_verb(token)
    return verb is not None and any(
        c.dep_ == "advmod" and c.lower_ in cues.habitual_adverbs for c in (*token.children, *verb.children)
    )


def unanchored_plural(doc: Doc, m: Match, sentence: str, cues: Cues) -> bool:
    """A bare plural event noun with no date, place or number to pin it to one incident: going on (a word of
    `ongoing_verbs`: "skirmishes continued to break out", "protests and riots continued across the nation", "with
    protests ongoing") it sums up many incidents; in a phrase of the scene ("hid in the basement during riots") it needs its detail in the phrase
    itself ("during riots in Minneapolis").
    Not a crowd ("protesters gathered"), and not a noun with a modifier or determiner ("Turkish airstrikes", "the
    riots", "two bombings"), which names its incidents."""
    token = doc[m.last]
    if m.first != m.last or token.tag_ not in ("NNS", "NNPS") or token.lower_ in cues.crowd_nouns:
        return False
    if any(c.dep_ in _NAMING_DEPS for c in token.children):
        return False
    if token.dep_ == "pobj" and token.head.lower_ in cues.background_preps:
        scope = token.subtree  # the scene of another deed: its own detail or none
    else:
        going = [w for w in (token.head, roles.governing_verb(token)) if w is not None and _ongoing(w, cues)]
        if not going:
            return False  # "Riots broke out after the shooting": one outbreak told as news
        scope = going[0].subtree  # "skirmishes continued to break out", "with protests ongoing"
    return not any((t.ent_type_ in _ANCHOR_ENTS or t.like_num) and t.i != token.i for t in scope)


def _ongoing(word: Token, cues: Cues) -> bool:
    return word.lemma_.lower() in cues.ongoing_verbs or word.lower_ in cues.ongoing_verbs


_NAMING_DEPS = frozenset({"det", "nummod", "poss", "amod", "compound", "nmod", "quantmod"})
_ANCHOR_ENTS = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "NORP", "CARDINAL", "ORG"})  # a named side too


def protest_in_the_chamber(doc: Doc, m: Match, sentence: str, cues: Cues) -> bool:
    """Legislators protesting at their own sitting ("Members of the House of Commons protested by shouting during
    Monday's session", "Lam was interrupted by protesting legislators in the Legislative Council") hold no ACLED
    demonstration; "opposition lawmakers led a march through the capital" does."""
    return (
        type_of(m.sub_type) == PROTESTS
        and any_word(sentence, cues.legislator_words)
        and any_word(sentence, cues.sitting_words)
    )


# Each rule drops one cue of a sentence (the cue's other cues may still make an event).
DROP_RULES: tuple[Callable[[Doc, Match, str, Cues], bool], ...] = (
    figurative_object,
    stopped_doing,
    ordinary_crime,
    campaign_rally,
    people_evacuated,
    gathering_without_dissent,
    verbal_dispute,
    diplomatic_protest,
    nothing_withdrawn,
    generic_activity,
    claimed_back,
    engaged_in_other,
    one_surrenders,
    series_of_incidents,
    habitual_deed,
    unanchored_plural,
    protest_in_the_chamber,
)


def best_match(doc: Doc, kept: Sequence[Match], cues: Cues) -> Match:
    """The sentence's cue: the highest priority, but a generic cue ("raid", "assault") after every specific
    one and a cue in the background ("after fighting", "a town that was the scene of a chemical attack")
    after every cue of the main clause; then the first of :data:`BEST_OVERRIDES` that applies."""
    specific = [m for m in kept if m.phrase not in cues.generic] or list(kept)
    main = [
        m
        for m in specific
        if m.phrase not in cues.outcome
        and not roles.background(doc[m.last], cues.background_preps, cues.background_marks)
        and not _describes_a_party(doc[m.last])
    ]
    best = max(main or specific, key=lambda m: (cues.priority[m.sub_type], -m.first))
    # "A man was arrested after the mayor was stabbed": the arrest of its doer is part of the attack reported.
    deeds = [
        m
        for m in specific
        if type_of(m.sub_type) in (EXPLOSIONS, VIOLENCE_AGAINST_CIVILIANS)
        and m.phrase not in cues.outcome
        and m.phrase not in cues.generic
        and doc[m.last].pos_ == "VERB"  # not "arrested on charges of murder", "in connection with the bombings"
    ]
    if best.sub_type == ARRESTS and deeds:
        best = max(deeds, key=lambda m: (cues.priority[m.sub_type], -m.first))
    for override in BEST_OVERRIDES:
        changed = override(best, kept, cues)
        if changed is not None:
            return changed
    return best


def _describes_a_party(token: Token) -> bool:
    """A cue in a clause that describes the subject ("the coalition tasked with fighting Daesh withdrew", "the group,
    which attacked the town in 2019, signed"): who they are, not what the sentence reports; it ranks after the
    cues of the main clause."""
    if token.pos_ != "VERB":
        return False  # "a patrol targeted by a mine": the weapon in the description is the deed's
    for node in (token, *token.ancestors):
        if node.dep_ in ("acl", "relcl") and node.head.dep_ in roles.SUBJECTS and node.head.i < token.i:
            return True  # only a description of the sentence's doer: "the island bombarded by shelling" was hit
        if node.dep_ == "ROOT":
            break
    return False


def ground_handed_over(best: Match, kept: Sequence[Match], cues: Cues) -> Match | None:
    """ACLED: ground left to the other side is no conquest: "Government forces took control of the town
    after YPG forces pulled out" is a Non-violent transfer of territory."""
    if best.sub_type in (cues.captures, cues.regains):
        handover = [m for m in kept if m.sub_type == NONVIOLENT_TRANSFER]
        if handover:
            return handover[0]
    return None


def violence_at_a_crowd(best: Match, kept: Sequence[Match], cues: Cues) -> Match | None:
    """ACLED codes violence at a demonstration as a demonstration: "Police clashed with protesters" is no
    battle, and property a crowd burns at its demonstration ("set fire to vehicles during their demonstration") is
    a demonstration too. The violent word keeps its roles ("police clashed"); the crowd names the sub-type."""
    if best.sub_type in GENERIC_VIOLENCE or best.sub_type == LOOTING:
        crowd = [m for m in kept if type_of(m.sub_type) in (PROTESTS, RIOTS)]
        if crowd:
            return best._replace(sub_type=max(crowd, key=lambda m: (cues.priority[m.sub_type], -m.first)).sub_type)
    return None


# Tried in order after the best cue is chosen; the first that returns a match replaces it.
BEST_OVERRIDES: tuple[Callable[[Match, Sequence[Match], Cues], Match | None], ...] = (
    ground_handed_over,
    violence_at_a_crowd,
)


# Property burnt or wrecked in the sentence of a fight or an attack is part of it ("killed in a firefight ..., while
# footage showed the vehicle burn"), no Looting/property destruction of its own.
_ARMED_VIOLENCE = frozenset({BATTLES, EXPLOSIONS, VIOLENCE_AGAINST_CIVILIANS})


def second_match(doc: Doc, best: Match, kept: Sequence[Match], cues: Cues) -> Match | None:
    """A second event of the sentence: a cue of another sub-type in a clause with its own subject
    ("Rebels shelled west Aleppo, killing six, while air strikes hit the east"); harm words and generic
    cues name no event of their own."""
    marks = cues.parallel_marks
    home = roles.clause(doc[best.last], marks)
    others = [
        m
        for m in kept
        if m.sub_type != best.sub_type
        and m.phrase not in cues.generic
        and m.phrase not in cues.outcome
        and roles.clause(doc[m.last], marks).i != home.i
        and not (m.sub_type == LOOTING and type_of(best.sub_type) in _ARMED_VIOLENCE)
    ]
    others = [m for m in others if roles.own_subject(roles.clause(doc[m.last], marks)) and roles.own_subject(home)]
    return max(others, key=lambda m: (cues.priority[m.sub_type], -m.first)) if others else None


def _candidate(doc: Doc, sent: Span, best: Match, offset: int, cues: Cues) -> EventCandidate:
    cue = doc[best.first : best.last + 1]
    reading = reading_of(doc, best, cues, sent)
    head, verb, agents, targets = reading.head, reading.verb, reading.agents, reading.targets
    sub_type = first_answer(SUB_TYPE_RULES, reading) or best.sub_type
    claimants, sources = [], []
    for token in sent:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in cues.claim:
            claimants.extend(c for c in token.children if c.dep_ in roles.SUBJECTS)
        elif token.pos_ == "VERB" and lemma in cues.speech:
            sources.extend(c for c in token.children if c.dep_ in roles.SUBJECTS)
        elif token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            sources.extend(g for g in doc[token.i + 1].children if g.dep_ == "pobj")
    determiners = {c.lower_ for c in head.children if c.dep_ == "det"}
    times = tuple(
        (e.start_char + offset, e.end_char + offset, e.text)
        for e in sent.ents
        if e.label_ in ("DATE", "TIME") and tied_time(e, head, verb, sent)
    )
    return EventCandidate(
        sent_start=sent.start_char + offset,
        sent_end=sent.end_char + offset,
        cue_start=cue.start_char + offset,
        cue_end=cue.end_char + offset,
        cue_text=cue.text,
        sub_type=sub_type,
        # A noun that does something ("a suicide attack hit") or is done ("carried out an attack")
        # is pinned to a deed; "some of the most brutal fighting" is not.
        # "took 55 civilians hostage" (xcomp, oprd); "a mob [acl: tied up] a man", the small model's misparse.
        verbal=head.pos_ in ("VERB", "AUX")
        or (_held_object(head).dep_ in _PINNED and _held_object(head).head.pos_ in ("VERB", "AUX"))
        or (head.dep_ == "ROOT" and any(c.dep_ == "acl" and c.pos_ == "VERB" for c in head.children)),
        definite=head.pos_ == "NOUN" and (bool(determiners & cues.definite) or dated_by_possessive(head)),
        agents=tuple(roles.ref(t, offset) for t in agents),
        targets=tuple(roles.ref(t, offset) for t in targets),
        claimants=tuple(roles.ref(t, offset) for t in claimants),
        sources=tuple(roles.ref(t, offset) for t in sources),
        times=times,
        sure=best.phrase in cues.sure
        or _lemmas(cue) in cues.sure
        or intransitive_protest(head, cues)
        or (type_of(best.sub_type) in (PROTESTS, RIOTS) and staged_protest(head, cues)),
        cue_sub_type=best.sub_type,
        ambiguous=best.phrase in cues.ambiguous or _lemmas(cue) in cues.ambiguous,
        another=any(c.lower_ in cues.another for c in head.children if c.dep_ in ("amod", "det", "advmod")),
        weak=best.phrase in cues.outcome
        or best.phrase in cues.accident_weak
        or best.phrase in cues.generic
        or _lemmas(cue) in cues.outcome,
    )


def dated_by_possessive(head: Token) -> bool:
    """ "last night's attack", "Monday's bombing", "yesterday's protest": a noun whose possessor is its day refers to
    an incident by its date, as "the attack" does."""
    return any(c.dep_ == "poss" and (c.ent_type_ in ("DATE", "TIME") or c.lower_ in _DAY_WORDS) for c in head.children)


_DAY_WORDS = frozenset({"yesterday", "today", "tonight", "night", "weekend"})
_PINNED = frozenset({"nsubj", "nsubjpass", "dobj", "xcomp", "oprd"})  # a noun cue so placed is pinned to a deed


def _lemmas(span: Span) -> tuple[str, ...]:
    return tuple(t.lemma_.lower() for t in span)


# Clause links along which a time expression still dates the cue's deed: "were killed on Monday when gunmen
# attacked" (advcl), "attacked ... and killed" (conj); a relative clause ("the group, founded in 1979,") does not.
_TIME_LINKS = frozenset({"advcl", "conj", "xcomp", "ccomp", "ROOT", "pcomp", "prep", "pobj", "npadvmod"})


def tied_time(ent: Span, head: Token, verb: Token | None, sent: Span) -> bool:
    """A time expression the text ties to the event: it hangs from the cue ("the attack on Monday"), from
    the cue's verb or a clause linked to it ("killed on Monday when gunmen attacked"), or opens the
    sentence ("On 23 February 2022, ..."). "Hamas, founded in 1987, fired rockets" dates the founding."""
    if a_count(ent):
        return False
    if ent.start - sent.start <= 2:
        return True
    root = ent.root
    if head in root.ancestors or (verb is not None and verb in root.ancestors and _linked(root, verb)):
        return True
    own = next((a for a in root.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if own is None or verb is None:
        return False
    # "rebel [acl: shelling] ... left six dead on Tuesday": a cue read as a modifier dates by its noun's verb.
    anchors = [verb, *([roles.governing_verb(verb)] if verb.dep_ == "acl" else [])]
    return any(a is not None and (_linked(a, own) or _linked(own, a)) for a in anchors)


def a_count(ent: Span) -> bool:
    """A number read as a year that counts a plural noun: "2000 protesters surrounded the home", "1500 soldiers" (not
    "the 1994 genocide", "the 2011 protests": a year that names its event)."""
    root, noun = ent.root, ent.root.head
    return (
        len(ent) == 1
        and root.like_num
        and root.dep_ == "nummod"
        and noun.tag_ in ("NNS", "NNPS")
        and not any(c.dep_ in ("det", "poss") for c in noun.children)
    )


def _linked(low: Token, high: Token) -> bool:
    """``high`` is ``low`` or an ancestor of it reached through clause links only (:data:`_TIME_LINKS`)."""
    node = low
    for _ in range(12):
        if node.i == high.i:
            return True
        if node.head.i == node.i or node.dep_ not in _TIME_LINKS:
            return False
        node = node.head
    return False


# --- the sub-type a cue names in its sentence: a table of named rules --------------------------------


class Reading(NamedTuple):
    """A cue in its parsed sentence."""

    sub_type: str  # the cue's own
    text: str  # the sentence, lower case
    agents: Sequence[Token]
    targets: Sequence[Token]
    head: Token  # the cue's head word
    verb: Token | None  # the verb it is or hangs from
    cues: Cues
    cue: Sequence[Token] = ()  # the cue's own words


def reading_of(doc: Doc, match: Match, cues: Cues, sent: Span | None = None) -> Reading:
    """The cue of ``match`` in its sentence, with its head word, its verb and its roles."""
    head = doc[match.first : match.last + 1].root
    while head.dep_ in ("compound", "amod") and head.head.i != head.i and head.head.pos_ in ("NOUN", "PROPN"):
        head = head.head  # "mortar [fire]": the phrase's head noun carries the roles
    verb = head if head.pos_ in ("VERB", "AUX") else roles.governing_verb(head)
    agents, targets = roles.participants(head, verb, cues.target_preps)
    sent = sent if sent is not None else doc[match.first].sent
    return Reading(
        match.sub_type, sent.text.lower(), agents, targets, head, verb, cues, doc[match.first : match.last + 1]
    )


def protest_outcome(r: Reading) -> str | None:
    """A protest cue takes what the crowd did or met (:data:`.rules.PROTEST_RULES`): "Protesters threw
    stones" is a Violent demonstration, "police fired tear gas at demonstrators" a Protest with intervention.
    Rioters with no demonstration in view ("rioters clashed with soldiers during their raid") are a mob."""
    if type_of(r.sub_type) != PROTESTS:
        return None
    if any_word(r.text, r.cues.riot_words) and not any_word(r.text, r.cues.demonstration_words):
        return MOB_VIOLENCE
    said = first_answer(PROTEST_RULES, Crowd(r.text, r.cues)) or r.sub_type
    met = crowd_met(r)
    return said if met is None else max(said, met, key=PROTEST_SCALE.index)


def crowd_met(r: Reading) -> str | None:
    """What a violent deed at a demonstration says by whom it names: the crowd hit ("members of the ruling party
    attacked the protest rally", "assaulted the demonstrators") is a Protest with intervention at least; the crowd
    doing it ("protesters attacked the police") a Violent demonstration, whether the crowd or the deed is the cue."""
    if any(_crowd_word(t, r.cues) for t in (r.head, *r.cue)):
        verb = r.verb
        if verb is None or verb.i == r.head.i or not _violent_word(verb, r.cues):
            return None
        if r.head.dep_ in ("nsubj", "agent") or any(a.i == r.head.i for a in roles.verb_agents(verb)):
            return VIOLENT_DEMONSTRATION
        return PROTEST_WITH_INTERVENTION if r.head.dep_ in ("dobj", "nsubjpass", "pobj") else None

    def names_crowd(tokens: Sequence[Token]) -> bool:
        return any(_crowd_word(t, r.cues) for token in tokens for t in token.subtree)

    if names_crowd(r.agents):
        return VIOLENT_DEMONSTRATION
    return PROTEST_WITH_INTERVENTION if names_crowd(r.targets) else None


def _violent_word(token: Token, cues: Cues) -> bool:
    """A cue word of violence done to someone: "attacked", "assaulted", "clashed"."""
    name = cues.phrases.get((token.lower_,)) or cues.phrases.get((token.lemma_.lower(),))
    return name is not None and (name in GENERIC_VIOLENCE or type_of(name) == EXPLOSIONS)


def _crowd_word(token: Token, cues: Cues) -> bool:
    """A protest or riot cue word: "protesters", "rally", "demonstrating"."""
    name = cues.phrases.get((token.lower_,)) or cues.phrases.get((token.lemma_.lower(),))
    return name is not None and type_of(name) in (PROTESTS, RIOTS)


def weapons_disrupted(r: Reading) -> str | None:
    """Weapons seized, found or destroyed, not used: "police seized seven firearms", "troops cleared
    23,000 landmines" are ACLED's Disrupted weapons use (not "rebels seized the town")."""
    cues = r.cues
    if r.sub_type in (cues.captures, cues.regains):
        disrupted = any(
            w.lower_ in cues.weapon_words or w.lemma_.lower() in cues.weapon_words
            for t in r.targets
            for w in (t, *t.conjuncts)
        )
    elif type_of(r.sub_type) == EXPLOSIONS and r.head.pos_ in ("NOUN", "PROPN"):
        held = _held_object(r.head)
        disrupted = (
            held.dep_ in ("dobj", "nsubjpass")
            and held.head.pos_ == "VERB"
            and held.head.lemma_.lower() in cues.disrupt_verbs
        )
    else:
        disrupted = False
    return DISRUPTED_WEAPONS if disrupted else None


def _held_object(head: Token) -> Token:
    """The word of the noun phrase that hangs from a verb: "grenades" in "100kg of explosives and 75kg of mines and
    grenades were discovered" is held by "100kg" (through "of" and "and"), the subject of "discovered"."""
    node = head
    for _ in range(8):
        of = (node.dep_ == "pobj" and node.head.lower_ == "of") or (node.dep_ == "prep" and node.lower_ == "of")
        if node.head.i == node.i or node.head.pos_ in ("VERB", "AUX") or not (of or node.dep_ in ("conj", "appos")):
            break
        node = node.head
    return node


def people_captured(r: Reading) -> str | None:
    """A territory cue whose object is a person ("the army captured a senior commander", "militants seized two
    aid workers"): a detention (ACLED: Arrests by the state) or an abduction (by an armed group), no ground taken."""
    cues = r.cues
    if r.sub_type not in (cues.captures, cues.regains) or not r.targets:
        return None
    people = set(cues.casualty_nouns) - {"body", "bodies", "corpse", "corpses"}
    if not all(
        (t.lower_ in people or t.lemma_.lower() in people)
        and (t.tag_ == "NN" or any_word(" ".join(w.lower_ for w in t.subtree), cues.civilian_targets))
        for t in r.targets
    ):
        return None  # "captured 20 militants" in battle is no arrest: only a person or civilians
    return ARRESTS if territory_side(r) == cues.regains else ABDUCTION


def property_seized(r: Reading) -> str | None:
    """A territory cue whose objects are goods, animals or a house ("militants seized 60 cattle", "forces stormed and
    seized the house of a sheikh"): no ground taken but property (ACLED: Looting/property destruction)."""
    cues = r.cues
    if r.sub_type not in (cues.captures, cues.regains) or not r.targets:
        return None
    if all(t.lower_ in cues.property_words or t.lemma_.lower() in cues.property_words for t in r.targets):
        return LOOTING
    return None


def territory_side(r: Reading) -> str | None:
    """A territory cue takes its side from who took the ground (:data:`.rules.SIDE_RULES`): "Al Shabaab
    militants recaptured the town" is the militants' gain, "the army captured the town" the government's.
    The modifiers speak first ("rebel fighters", "Kurdish YPG forces" are non-state; "loyalist fighters"
    the government's), then the head noun; the first agent that tells wins ("the army and allied fighters"
    is the army)."""
    cues = r.cues
    if r.sub_type not in (cues.captures, cues.regains):
        return None
    for agent in r.agents:
        for tokens in (roles.agent_modifiers(agent), [agent]):
            side = first_answer(SIDE_RULES, Agent({w for t in tokens for w in (t.lower_, t.lemma_.lower())}, cues))
            if side is not None:
                return cues.regains if side == GOVERNMENT else cues.captures
    return None


def held_by_armed_group(r: Reading) -> str | None:
    """ "Taliban militants detained two aid workers": a detention by a non-state armed group is no arrest
    (ACLED: Arrests are by the state) but an Abduction/forced disappearance."""
    if r.sub_type != ARRESTS:
        return None
    words = {w for a in r.agents for t in (a, *roles.agent_modifiers(a)) for w in (t.lower_, t.lemma_.lower())}
    return ABDUCTION if r.cues.nonstate_words.intersection(words) else None


def captured_and_detained(r: Reading) -> str | None:
    """ "police forces captured and detained 30 migrants", "were captured off the coast and detained": a territory
    cue coordinated with an arrest verb takes people, not ground (ACLED: Arrests)."""
    cues = r.cues
    if r.sub_type not in (cues.captures, cues.regains) or r.verb is None:
        return None
    for t in r.verb.conjuncts:
        name = cues.phrases.get((t.lemma_.lower(),)) or cues.phrases.get((t.lower_,))
        if name == ARRESTS:
            return ARRESTS
    return None


def taken_and_killed(r: Reading) -> str | None:
    """ "1 civilian was kidnapped and killed by Taliban militants": a killing of the person taken is an Attack
    (ACLED codes the outcome), not an abduction."""
    if r.sub_type != ABDUCTION or r.verb is None:
        return None
    linked = [*r.verb.conjuncts, *(c for c in r.verb.children if c.dep_ == "advcl")]
    return ATTACK if any(t.lemma_.lower() in _KILLING for t in linked) else None


_KILLING = frozenset({"kill", "murder", "execute", "behead", "shoot"})


# In this order; with none, the cue's own sub-type stands.
SUB_TYPE_RULES: tuple[Callable[[Reading], str | None], ...] = (
    protest_outcome,
    weapons_disrupted,
    captured_and_detained,
    people_captured,
    property_seized,
    territory_side,
    held_by_armed_group,
    taken_and_killed,
)
