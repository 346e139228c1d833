"""The speaker's words in one parsed chunk: who a cue's statement belongs to, as the parse shows it.

:func:`speaker_of_cue` finds the cue's subject (climbing from a participle to its verb, from a
relative pronoun to its noun), an inverted subject ('"...," said the boy') or a name the parser
left before the cue. A quote without a cue may name its source by punctuation alone
(:func:`headline_source`, :data:`PUNCTUATION_SOURCES`). Resolving the words to an actor is
:mod:`.speakers`' job, once the whole article is read.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from wirelens.extraction.quotes.cues import SpeakerWords
from wirelens.extraction.quotes.spans import QuoteSpan
from wirelens.extraction.quotes.statements import SUBJECT_DEPS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_RELATIVES = frozenset({"who", "that", "which"})
# Links from a participle or coordinated verb up to the verb whose subject speaks: "..., saying".
_CLIMB_DEPS = ("advcl", "xcomp", "conj", "pcomp", "acl")
# How the parser attaches a subject that follows its cue: '"...," asked the boy'.
_INVERTED_DEPS = frozenset({"dobj", "npadvmod", "attr", "dep", "appos", "oprd", "nsubj"})
# After a quote: its closing mark, a paragraph break at most, a dash, then the source's name.
_DASH_SOURCE = re.compile(r'[\s"”»]{0,4}\n?\s*(?:[—―–~]|-{1,2})\s*(?=[A-Z])')
_MAX_GAP = 6  # tokens of punctuation and adverbs looked past between a cue and its speaker
# Children that are not part of a speaker's name: "Observatory, a British-based monitor,".
_SPEAKER_DROP = frozenset({"appos", "relcl", "acl", "punct", "cc", "conj", "advmod", "prep", "parataxis"})
_SPEAKER_PREPS = frozenset({"of", "for", "at", "from"})  # "Secretary of State", "head of the Observatory"
_DASHES = frozenset({"-", "--", "–", "—"})
_PARAGRAPH_ENDS = frozenset('.:!?"”')  # a line ending so, then a line break: a paragraph's end
_NOT_SPEAKERS = frozenset({"DATE", "TIME", "MONEY", "QUANTITY", "ORDINAL"})  # parse slips: "4:40 p.m. said"


class Speaker(NamedTuple):
    phrase: Span  # what is resolved to an actor: "Mr. McConnell" in "Mr. McConnell, who said ..."
    head: Token
    mention: Span  # the words in the cue's clause that name the speaker: "who"


def speaker_of_cue(cue: Token, words: SpeakerWords) -> Speaker | None:
    """The speaker phrase and its head word: the cue's subject, or the object of "according to"."""
    doc = cue.doc
    if cue.lower_ == "according":
        to = doc[cue.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"]
        return speaker_headed_by(message_sender(objs[0], words) or objs[0]) if objs else None
    agent = passive_agent(cue)
    if agent is not None:
        return speaker_headed_by(agent)  # "was first reported by MSNBC"
    verb = cue
    for _ in range(4):
        subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS and may_speak(c)]
        if subjects and not any(same_paragraph(c, cue) for c in subjects):
            # The parser ran the sentence across a paragraph break ("The Latest on campaign 2016:\n\n9:34
            # p.m.\n\nDonald Trump has delivered ..., saying"): the subject it found is another paragraph's.
            return speaker_before(verb) if same_paragraph(verb, cue) else None
        if subjects:
            if verb is cue and all(c.i < cue.i for c in subjects):
                inverted = inverted_speaker(cue)
                if inverted is not None:
                    return inverted  # "The contrast, said Doyle, would be clear": the content's subject is not his
            subj = min(subjects, key=lambda c: _distance(c, verb))
            if subj.lower_ in _RELATIVES and verb.dep_ == "relcl" and verb.head.i != verb.i:
                # "Mr. McConnell, who said ...": the relative pronoun names him in the clause.
                found = speaker_headed_by(message_sender(verb.head, words) or verb.head)
                return Speaker(found.phrase, found.head, doc[subj.i : subj.i + 1])
            return speaker_headed_by(subj)
        if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ in ("VBD", "VBZ")):
            return speaker_headed_by(verb.head)  # "the comments Trump made" misparsed, "a man yelled" read as a clause
        if verb.dep_ in _CLIMB_DEPS and verb.head.i != verb.i:
            verb = verb.head
            climb = _CLIMB_DEPS + ("prep",)
            if verb.lemma_.lower() in words.message_nouns:
                climb += ("dobj", "pobj", "appos")  # "issued a statement saying": the issuer speaks
            while verb.pos_ not in ("VERB", "AUX") and verb.dep_ in climb and verb.head.i != verb.i:
                verb = verb.head  # "responded by saying", "adopted an accent and joked": on to the verb
            continue
        break
    return inverted_speaker(cue) or speaker_before(cue)


def same_paragraph(a: Token, b: Token) -> bool:
    """No paragraph break between two tokens: a blank line, or a line break after a sentence's end. A line
    wrapped mid-sentence ("a hate\ncrime, reiterated") is no break. spaCy makes a line break a token."""
    lo, hi = sorted((a.i, b.i))
    doc = a.doc
    return not any(
        doc[i].is_space
        and "\n" in doc[i].text
        and (doc[i].text.count("\n") > 1 or (i > 0 and doc[i - 1].text[-1:] in _PARAGRAPH_ENDS))
        for i in range(lo, hi)
    )


def message_sender(noun: Token, words: SpeakerWords) -> Token | None:
    """Who sent a message the statement is read from: 'according to a court document filed by [Dave
    Aronberg]', '[Sanders] is releasing an ad that urges voters ...', '[Trump]'s statement, which said'.

    Only a noun of message_nouns (speakers.toml) has a sender; None when the sentence names none.
    """
    if noun.lemma_.lower() not in words.message_nouns:
        return None
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "acl":
            agent = passive_agent(child)
            if agent is not None:
                return agent
    if noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
        subjects = [c for c in noun.head.children if c.dep_ == "nsubj"]
        if subjects:
            return subjects[0]
    return None


def passive_agent(cue: Token) -> Token | None:
    """The one doing the cue in the passive: "MSNBC" in 'the move was first reported by MSNBC'."""
    for child in cue.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def headline_source(text: str, quote: QuoteSpan, span: Span) -> Speaker | None:
    """The author a digest names after a dash and before a colon: 'POLLS NOT WRONG - Mark Blumenthal: "..."'.

    The name wins over any cue verb before it ("Pollsters agree - Carl Bialik:"), which belongs
    to the headline, not to the quote.
    """
    doc = span.doc
    lead = text[max(0, quote.start - 4) : quote.start].rstrip(' \xa0"“«„')
    if not lead.endswith(":"):
        return None
    colon = span.start - 1
    while colon >= 0 and doc[colon].text != ":" and (doc[colon].is_punct or doc[colon].is_space):
        colon -= 1
    if colon < 1 or doc[colon].text != ":" or doc[colon - 1].pos_ != "PROPN":
        return None
    first = colon - 1
    while first > 0 and colon - first < 8 and (doc[first - 1].pos_ == "PROPN" or doc[first - 1].lower_ == "and"):
        first -= 1
    if first < 1 or doc[first - 1].text not in ("-", "–", "—", "―", "--"):
        return None
    phrase = doc[first:colon]
    return Speaker(phrase, phrase[-1], phrase)


def colon_name(text: str, quote: QuoteSpan, span: Span) -> Speaker | None:
    """A name right before the colon that introduces the quote: "Jeffrey M. Jones: "...""."""
    doc = span.doc
    lead = text[max(0, quote.start - 4) : quote.start].rstrip(' \xa0"“«„')
    if lead.endswith(":") and span.start >= 2:
        j = span.start - 1
        while j >= 0 and (doc[j].is_punct or doc[j].is_space) and doc[j].text != ":":
            j -= 1
        name = doc[j - 1] if j >= 1 and doc[j].text == ":" else None
        if name is not None and name.pos_ == "PROPN" and name.dep_ not in ("pobj", "dobj", "poss"):
            return speaker_headed_by(name)
    return None


def dash_name(text: str, quote: QuoteSpan, span: Span) -> Speaker | None:
    """A dash and a name after the quote, in its paragraph or the next: '"..."\n\n- Bernie Sanders.'."""
    tail = _DASH_SOURCE.match(text, quote.end)
    if tail:
        first = span.doc.char_span(tail.end(), tail.end() + 1, alignment_mode="expand")
        if first is not None and first[0].pos_ == "PROPN":
            head = first[0]
            while head.dep_ in ("compound", "flat") and head.head.i > head.i:
                head = head.head
            return speaker_headed_by(head)
    return None


# How a quote without a cue verb names its source by punctuation alone, tried in order.
PUNCTUATION_SOURCES = (colon_name, dash_name)


def named_source(text: str, quote: QuoteSpan, span: Span) -> Speaker | None:
    """The source a quote without a cue verb names by punctuation alone: the first of :data:`PUNCTUATION_SOURCES`."""
    for source in PUNCTUATION_SOURCES:
        named = source(text, quote, span)
        if named is not None:
            return named
    return None


def may_speak(token: Token) -> bool:
    """Not a date or an amount ("4:40 p.m. said"), except the person a date names: "the 46-year-old"."""
    return token.ent_type_ not in _NOT_SPEAKERS or (
        token.lower_ == "old" and token.i > 0 and token.doc[token.i - 1].text == "-"
    )


def inverted_speaker(cue: Token) -> Speaker | None:
    """The speaker after a cue that follows its quote: '"...," asked the boy', '"...," tweeted spokesman Alex Conant'.

    The parser reads an inverted subject as the cue's object, or the cue as an adjective of the name.
    """
    doc = cue.doc
    j, lo = cue.i - 1, max(0, cue.i - _MAX_GAP)
    while j >= lo and doc[j].is_punct and not is_mark(doc[j]):
        j -= 1
    if cue.i + 1 >= len(doc):
        return None
    if j < lo or not is_mark(doc[j]):
        return _set_off_speaker(cue) if cue.i > 0 and doc[cue.i - 1].text == "," else None
    if cue.dep_ in ("amod", "compound") and cue.head.i > cue.i:
        head = cue.head
        while head.dep_ == "compound" and head.head.i > head.i:
            head = head.head
        if head.pos_ == "PROPN":
            phrase = doc[cue.i + 1 : max(speaker_headed_by(head).phrase.end, head.i + 1)]
            return Speaker(phrase, head, phrase)  # '"Debate recap," tweeted Rubio spokesman Alex Conant.'
    if cue.tag_ not in ("VBD", "VBZ", "VBP"):
        return None  # only a finite cue is inverted: '," referencing the large number' has an object
    for child in cue.rights:
        if (
            child.dep_ in _INVERTED_DEPS
            and child.pos_ in ("NOUN", "PROPN")
            and child.left_edge.i <= cue.i + 4
            and not any(t.dep_ == "poss" for t in child.lefts)
        ):  # '," denounced her record' is an object
            return speaker_headed_by(child)
        if not child.is_punct:
            break
    # '"...," said retired neurosurgeon Ben Carson, asked about ...': the name hung on a later verb.
    head = doc[cue.i + 1]
    while head.dep_ in ("compound", "amod", "det", "nummod") and cue.i < head.head.i <= cue.i + 6:
        head = head.head
    if head.pos_ == "PROPN" and head.ent_type_ == "PERSON" and head.dep_ in SUBJECT_DEPS:
        phrase = doc[cue.i + 1 : head.i + 1]
        return Speaker(phrase, head, phrase)
    return None


def _set_off_speaker(cue: Token) -> Speaker | None:
    """'The contrast, said Doyle and others, would be clear', 'Trump, said the Times, would not': a finite cue
    set off by a comma, with its subject right after it (the parser's subject, or a person's name it hung
    on the clause). An object after the cue is no speaker: ', told reporters'."""
    doc = cue.doc
    if cue.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    for child in cue.rights:
        if child.dep_ in SUBJECT_DEPS and child.pos_ in ("NOUN", "PROPN") and child.left_edge.i <= cue.i + 4:
            return speaker_headed_by(child)
        if not child.is_punct:
            break
    head = doc[cue.i + 1]
    while head.dep_ in ("compound", "flat") and cue.i < head.head.i <= cue.i + 6:
        head = head.head
    if head.pos_ == "PROPN" and head.ent_type_ == "PERSON" and head.dep_ in SUBJECT_DEPS:
        phrase = doc[cue.i + 1 : head.i + 1]
        return Speaker(phrase, head, phrase)
    return None


def _distance(subject: Token, verb: Token) -> int:
    """Tokens between a subject's phrase and its verb: "Voters, Clinton suggested, don't" has two subjects."""
    words = [t.i for t in subject.subtree if not t.is_punct] or [subject.i]
    return verb.i - max(words) if subject.i < verb.i else min(words) - verb.i


def speaker_before(cue: Token) -> Speaker | None:
    """A name right before a cue the parser left without a subject: "..., adviser Jake Sullivan, said:".

    Also the subject of a verb the parser hung before the cue: "Clinton, exasperated, famously responded".
    """
    doc = cue.doc
    j, lo = cue.i - 1, max(0, cue.i - _MAX_GAP)
    while j >= lo and (doc[j].is_punct and not is_mark(doc[j]) or doc[j].pos_ in ("ADV", "AUX", "PART")):
        j -= 1
    if j < lo or doc[j].is_sent_end or cue.tag_ == "VBG":
        return None  # a participle ("Trump, in Kentucky, saying") has a subject elsewhere
    token = doc[j]
    if (
        token.pos_ == "PROPN"
        and token.dep_ not in ("pobj", "dobj", "poss")
        and (token.ent_type_ in ("PERSON", "ORG") or token.head.i == cue.i)
    ):
        # A place or a name inside a prepositional phrase is not the one speaking; a name the
        # parser glued to the cue is ('," Trump barked').
        return speaker_headed_by(token)
    if token.pos_ in ("VERB", "ADJ") and token.head.i == cue.i:
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS and c.pos_ == "PROPN"]
        if subjects:
            return speaker_headed_by(subjects[0])
    return None


def is_mark(token: Token) -> bool:
    return token.text in ('"', "“", "”", "''", "``")


def speaker_headed_by(head: Token) -> Speaker:
    phrase = trim_phrase(head)
    return Speaker(phrase, head, phrase)


def trim_phrase(head: Token) -> Span:
    """The head's name phrase, without appositions, relative clauses or trailing punctuation."""
    keep = {head.i}
    stack = [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            if (
                child.dep_ in _SPEAKER_DROP
                and not (child.dep_ == "prep" and child.lower_ in _SPEAKER_PREPS)
                and child.text not in ("(", ")", "-")
            ):  # "The Islamic State (IS) group", "the 46-year-old"
                continue
            keep.add(child.i)
            stack.append(child)
    lo = hi = head.i
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    doc = head.doc
    for i in range(head.i - 1, lo, -1):
        if doc[i].text in _DASHES and doc[i].whitespace_ and doc[i - 1].whitespace_:
            lo = i + 1  # a dateline before a spaced dash: "LONDON - Donald Trump said"
            break
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    return doc[lo : hi + 1]
