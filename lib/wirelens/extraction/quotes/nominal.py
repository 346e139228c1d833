"""Reports made by a noun: 'his comments on Muslims', 'Trump's call for a ban', 'raised questions about
Obama's birthplace', 'her claim that the vote was rigged'.

A noun of ``nouns`` in cues.toml reports what hangs on it (a topic preposition, a "that" clause, a
"to" infinitive) when someone owns it: a possessor ("his", "Trump's") or the subject of the verb that
makes it ("Trump raised questions"). Without an owner a noun is no report ("a call for calm").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from wirelens.extraction.quotes.mentions import same_paragraph, speaker_before
from wirelens.extraction.quotes.statements import Content, char_range

if TYPE_CHECKING:
    from spacy.tokens import Token

_TOPIC_PREPS = frozenset({"of", "on", "for", "about", "against", "over", "to"})
_OWNER_VERB_DEPS = ("dobj", "attr")  # "made comments", "raised questions": the verb's subject owns them


class NominalReport(NamedTuple):
    """A noun cue, what it reports and the word naming who owns it."""

    cue: Token
    content: Content
    owner: Token


def nominal_report(noun: Token) -> NominalReport | None:
    """What a noun cue reports and whose report it is, or None."""
    owner = _owner(noun)
    if owner is None:
        return None
    content = _what_it_reports(noun)
    return NominalReport(noun, content, owner) if content is not None else None


def _owner(noun: Token) -> Token | None:
    for child in noun.children:
        if child.dep_ == "poss":
            return child  # "his comments", "Trump's call"
    verb = noun.head
    if noun.dep_ in _OWNER_VERB_DEPS and verb.pos_ == "VERB":
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if subjects and not same_paragraph(subjects[0], noun):
            before = speaker_before(verb)  # the parser's subject is another paragraph's: the name before the verb
            return before.head if before is not None else None
        if subjects:
            return subjects[0]  # "Trump raised questions about ..."
    return None


def _what_it_reports(noun: Token) -> Content | None:
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in _TOPIC_PREPS:
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                return char_range(list(objects[0].subtree), objects[0].dep_ == "pcomp")
        if child.dep_ in ("acl", "ccomp") and any(
            m.dep_ in ("mark", "aux") and m.lower_ in ("that", "to") for m in child.children
        ):
            return char_range(list(child.subtree), True)  # "his claim that ...", "promises to lower debt"
    return None
