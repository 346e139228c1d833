"""Reading the dependency parse around a cue: who did it and to whom, which clause it sits in.

Helpers of :mod:`.detect` (spaCy tokens in, tokens or char offsets out); the function words they
read come from ``cues.toml`` [grammar].
"""

from __future__ import annotations

from collections.abc import Collection

from spacy.tokens import Span, Token

from wirelens.extraction.events.candidate import SpanRef
from wirelens.extraction.syntax import with_conjuncts

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_AGENT_MODIFIERS = ("compound", "amod", "poss", "nmod")  # "rebel shelling", "regime air strikes", "Russia's raids"


def governing_verb(token: Token) -> Token | None:
    """The verb a noun cue hangs from: "hit in mortar fire" -> hit, "claimed the attack" -> claimed."""
    node = token
    for _ in range(4):
        if node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return None


def participants(head: Token, verb: Token | None, target_preps: Collection[str]) -> tuple[list[Token], list[Token]]:
    """(agents, targets) of the cue as tokens, conjuncts included."""
    agents: list[Token] = []
    targets: list[Token] = []
    if head.pos_ in ("VERB", "AUX"):
        agents += verb_agents(head)
        targets += [c for c in head.children if c.dep_ in ("dobj", "nsubjpass")]
        # "opened fire on a bus", "fired rockets at army positions"
        targets += [
            g
            for c in head.children
            if c.dep_ == "prep" and c.lower_ in target_preps
            for g in c.children
            if g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME")
        ]
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
            elif prep.lower_ in target_preps:
                targets += objects
        if verb is not None and head.dep_ in ("dobj", "pobj", "nsubjpass", "attr"):
            # "forces launched an offensive", "forces advanced against rebels during street battles"
            agents += [a for a in verb_agents(verb) if a.i != head.i]
            for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in target_preps):
                targets += [g for g in prep.children if g.dep_ == "pobj" and g.i != head.i]
        if verb is not None and head.dep_ == "nsubj" and head.head.i == verb.i:
            targets += [c for c in verb.children if c.dep_ == "dobj"]  # "a suicide attack hit a wedding"
    return with_conjuncts(agents), with_conjuncts(targets)


def verb_agents(verb: Token) -> list[Token]:
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


def agent_modifiers(agent: Token) -> list[Token]:
    """The words modifying an agent: "rebel" in "rebel fighters", "Kurdish YPG" in "Kurdish YPG forces"."""
    return [t for c in agent.children if c.dep_ in _AGENT_MODIFIERS for t in c.subtree]


def ref(token: Token, offset: int) -> SpanRef:
    subtree = list(token.subtree)
    # The subtree stops at a relative clause or apposition: "regime forces, which ..." is "regime forces".
    keep = [
        t
        for t in subtree
        if not any(
            a.dep_ in ("relcl", "appos", "acl") and a.i != token.i and token in a.ancestors
            for a in [t, *t.ancestors]
            if a.i != token.i
        )
    ]
    first, last = (keep or [token])[0], (keep or [token])[-1]
    return (
        token.idx + offset,
        token.idx + len(token.text) + offset,
        first.idx + offset,
        last.idx + len(last.text) + offset,
    )


def background(token: Token, preps: Collection[str], marks: Collection[str]) -> bool:
    """The cue sits in a clause or phrase that sets the scene for the sentence's main event: a relative
    clause, "after/amid/during X", "while/after ... X"."""
    for node in (token, *token.ancestors):
        if node.dep_ == "relcl":
            return True
        if node.dep_ in ("pobj", "pcomp") and node.head.lower_ in preps:
            return True
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in marks for c in node.children):
            return True
    return False


def clause(token: Token, parallel_marks: Collection[str]) -> Token:
    """The verb heading the token's clause, where clauses are the sentence's root and the verbs joined to
    it as events of their own: "and"-coordinated verbs and "while/whereas" clauses ("killing six" is not one)."""
    node = token
    while node.head.i != node.i:
        if node.pos_ in ("VERB", "AUX") and (
            (node.dep_ == "conj" and node.head.pos_ in ("VERB", "AUX"))
            or (node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in parallel_marks for c in node.children))
        ):
            return node
        node = node.head
    return node


def own_subject(verb: Token) -> bool:
    return any(c.dep_ in SUBJECTS for c in verb.children)


def clause_spans(clause_head: Token, offset: int) -> tuple[tuple[int, int], ...]:
    """The chars of the clause headed by ``clause_head`` (left out of the other event of the sentence)."""
    tokens = list(clause_head.subtree)
    return ((tokens[0].idx + offset, tokens[-1].idx + len(tokens[-1].text) + offset),)


def outside(clause_head: Token, sent: Span, offset: int) -> tuple[tuple[int, int], ...]:
    """The chars of the sentence outside the clause's own words."""
    tokens = list(clause_head.subtree)
    start, end = tokens[0].idx + offset, tokens[-1].idx + len(tokens[-1].text) + offset
    return ((sent.start_char + offset, start), (end, sent.end_char + offset))
