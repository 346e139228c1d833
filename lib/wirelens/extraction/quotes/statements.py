"""What a cue reports, read from the parse: its clause, its object, the words around its quote.

:func:`reported_content` is the indirect speech of a cue ("said [that the talks were over]"),
found by the small rules of :data:`CONTENT_RULES`, first decision wins. The ``statement_*``
helpers measure the statement a quote stands in, for the direct/partial decision of
:mod:`.kinds`. Tokens come from a parsed spaCy ``Doc``; this module only reads them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from wirelens.extraction.quotes.cues import Cues
from wirelens.extraction.quotes.spans import QuoteSpan

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

SUBJECT_DEPS = ("nsubj", "nsubjpass")
# Children of a cue between it and what it reports: "said [Tuesday] [in a statement] that ...".
_ASIDES = frozenset({"punct", "npadvmod", "advmod", "prt", "nsubj", "nsubjpass", "aux", "neg", "tmod"})
_ASIDE_PREPS = frozenset({"in", "on", "at", "during", "after", "before", "since", "while", "from", "through"})
# Right children of a cue that are not part of what it reports: another verb, an aside.
_NOT_STATEMENT = frozenset({"conj", "cc", "punct", "advcl", "parataxis", "dep"})
# Prepositions whose object is what a cue is about: "spoke about", "commented on", "called for".
_TOPIC_PREPS = frozenset({"about", "for", "against", "over"})
# Objects of a preposition that are a time or a place, not a topic: "spoke on Monday", "said for years".
_NOT_TOPIC_LABELS = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "ORG", "CARDINAL", "ORDINAL", "QUANTITY"})


class Content(NamedTuple):
    """The characters a cue reports, and whether they are a clause (not a bare object)."""

    start: int
    end: int
    clausal: bool


# A rule's answer when the cue reports nothing at all: "as she put it".
NOTHING = Content(-1, -1, False)
ContentRule = Callable[["Token", Cues], Content | None]


def _decided(content: Content | None) -> Content:
    return NOTHING if content is None else content


def according_to(cue: Token, cues: Cues) -> Content | None:
    """'Casualties rose, according to the Observatory': the rest of the clause "according to" hangs on."""
    if cue.lower_ != "according":
        return None
    head = cue.head
    if head.i == cue.i:
        return NOTHING
    left, right = cue.left_edge.i, cue.right_edge.i
    outside = [t for t in head.subtree if not (left <= t.i <= right)]
    return _decided(char_range([t for t in outside if not t.is_punct and not t.is_space], True))


def put_it(cue: Token, cues: Cues) -> Content | None:
    """'As she put it, "..."': the quote is what was said; the cue reports nothing of its own."""
    return NOTHING if cue.lemma_.lower() == "put" else None


def clausal_complement(cue: Token, cues: Cues) -> Content | None:
    """'He said [that the talks were over]': the cue's clausal complement."""
    ccomp = [c for c in cue.children if c.dep_ == "ccomp"]
    return _decided(char_range(list(ccomp[0].subtree), True)) if ccomp else None


def clause_of_the_medium(cue: Token, cues: Cues) -> Content | None:
    """'said in a statement [that ...]': the parser hangs the clause on the noun of the medium."""
    for prep in (c for c in cue.rights if c.dep_ == "prep" and c.lower_ in ("in", "on")):
        for noun in (c for c in prep.children if c.dep_ == "pobj"):
            clauses = [
                c
                for c in noun.rights
                if c.dep_ in ("acl", "relcl", "ccomp")
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            ]
            if clauses:
                return _decided(char_range(list(clauses[0].subtree), True))
    return None


def object_and_aim(cue: Token, cues: Cues) -> Content | None:
    """'urged [the Council to act]', 'accused [Moscow of abetting ...]': the object and what it is urged to do.

    Only for the cues of ``object_clause`` in cues.toml, and only with three words or more.
    """
    if cue.lemma_.lower() not in cues.object_clause:
        return None
    rights = [c for c in cue.rights if c.dep_ in ("xcomp", "dobj", "prep", "advcl") and not c.is_punct]
    if any(c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ in ("for", "of")) for c in rights):
        tokens = [t for c in rights for t in c.subtree]
        if len(tokens) >= 3:
            return _decided(char_range(tokens, True))
    return None


def object_attributed(cue: Token, cues: Cues) -> Content | None:
    """'Trump criticized [the decision to raise taxes]': the object is what is attributed.

    Even one word is ("criticized [Clinton]"), as PolNeAR annotates it. Not for the cues of
    ``addressee`` in cues.toml: in "told [AFP]" the object is the one addressed.
    """
    if cue.lemma_.lower() in cues.addressee:
        return None
    objects = [c for c in cue.rights if c.dep_ in ("dobj", "xcomp") and not c.is_punct]
    if not objects:
        return None
    tokens = list(objects[0].subtree)
    # "described [her as likable]", "sees [Cruz as a uniter]": what the object is called is attributed too.
    for prep in (c for c in cue.rights if c.dep_ == "prep" and c.lower_ == "as" and c.i > objects[0].i):
        tokens += list(prep.subtree)
    return _decided(char_range(tokens, objects[0].dep_ == "xcomp"))


def passive_subject(cue: Token, cues: Cues) -> Content | None:
    """'[O'Malley's move] was first reported by MSNBC': a passive cue with its agent reports its subject."""
    if not any(c.dep_ == "agent" for c in cue.children):
        return None
    subjects = [c for c in cue.children if c.dep_ == "nsubjpass"]
    return _decided(char_range(list(subjects[0].subtree), False)) if subjects else None


def host_clause(cue: Token, cues: Cues) -> Content | None:
    """'[This campaign], he says, [is different]', 'As the Post reported, [the State Department issued ...]':
    a cue set into a clause, or hung on it by "as", reports the clause around it."""
    head = cue.head
    if head.i == cue.i or head.pos_ not in ("VERB", "AUX"):
        return None
    left, right = cue.left_edge.i, cue.right_edge.i
    doc = cue.doc
    set_off = (left > 0 and doc[left - 1].text == ",") or (right + 1 < len(doc) and doc[right + 1].text == ",")
    # "As the Post reported, ..." and "..., as he said": not the "as" of a time ("ended as he spoke").
    as_clause = cue.dep_ == "advcl" and set_off and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children)
    if cue.dep_ != "parataxis" and not as_clause:
        return None
    outside = [t for t in head.subtree if not (left <= t.i <= right) and not t.is_punct and not t.is_space]
    return _decided(char_range(outside, True))


def topic_of_the_cue(cue: Token, cues: Cues) -> Content | None:
    """'spoke [about how the consulate had been taken]', 'commented on [the reason]', 'is calling for [the
    United States to act]': what the cue is about. Not a time or a place ("spoke on Monday"), nor where
    a clause-taking verb was said ("said on CNN")."""
    for child in cue.rights:
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "for" for m in child.children):
            return _decided(char_range(list(child.subtree), True))  # "calling for the US to act"
        if child.dep_ != "prep" or not _topic_preposition(cue, child.lower_, cues):
            continue
        objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
        if (
            objects
            and objects[0].ent_type_ not in _NOT_TOPIC_LABELS
            and objects[0].lemma_.lower() not in cues.not_topics
        ):
            return _decided(char_range(list(objects[0].subtree), objects[0].dep_ == "pcomp"))
    return None


def _topic_preposition(cue: Token, prep: str, cues: Cues) -> bool:
    """ "about", "against", "over", "for" bring a topic to any cue; "on" and "to" only to the cues listed."""
    lemma = cue.lemma_.lower()
    return (
        prep in _TOPIC_PREPS or (prep == "on" and lemma in cues.topic_on) or (prep == "to" and lemma in cues.topic_to)
    )


CONTENT_RULES: tuple[ContentRule, ...] = (
    according_to,
    put_it,
    clausal_complement,
    clause_of_the_medium,
    object_and_aim,
    object_attributed,
    passive_subject,
    host_clause,
    topic_of_the_cue,
)


def reported_content(cue: Token, cues: Cues) -> Content | None:
    """What a cue reports, or None when it reports nothing: the first of :data:`CONTENT_RULES` that decides."""
    for rule in CONTENT_RULES:
        content = rule(cue, cues)
        if content is not None:
            return None if content is NOTHING else content
    return None


def char_range(tokens: Sequence[Token], clausal: bool) -> Content | None:
    """The characters from the first to the last of the tokens, spaces left out."""
    tokens = [t for t in tokens if not t.is_space]
    if not tokens:
        return None
    first = min(tokens, key=lambda t: t.i)
    last = max(tokens, key=lambda t: t.i)
    start, end = first.idx, last.idx + len(last.text)
    return Content(start, end, clausal) if end > start else None


# --- the statement a quote stands in --------------------------------------------------------------


def statement_region(quote: QuoteSpan, span: Span, cue: Token, content: Content | None, cues: Cues) -> tuple[int, int]:
    """The characters a cue reports around one of its quotes: its clause, or what follows it, or what precedes it."""
    if cue.idx < quote.start:
        end = max(quote.end, statement_end(cue))
        if content is not None and content[0] <= quote.start < content[1]:
            end = max(end, content[1])  # 'said that the deals were handed out "like candy"'
        return min(statement_start(cue, cues), quote.start), end  # 'called Clinton a "champion" for its members'
    # '"...," said X' and 'Messages have given "voters reasons to doubt him," X said': from the sentence start.
    first = span[0]
    start = min(quote.start, first.sent.start_char)
    end = cue.idx
    subject = [c for c in cue.children if c.dep_ in SUBJECT_DEPS and c.idx >= quote.end]
    if subject:
        end = min(end, subject[0].left_edge.idx)
    return start, max(end, quote.end)


def statement_start(cue: Token, cues: Cues) -> int:
    """Where the words a cue reports begin, past the asides between them ("told reporters on Monday that")."""
    addressee = cue.lemma_.lower() in cues.addressee
    for child in cue.rights:
        if child.dep_ in _ASIDES or (addressee and child.dep_ in ("dobj", "dative")):
            continue
        if child.dep_ == "prep" and child.lower_ in _ASIDE_PREPS:
            continue
        return child.left_edge.idx
    return cue.idx + len(cue.text)


def statement_end(cue: Token) -> int:
    """Where the words a cue governs end, before any further verb joined to it ("..., and left")."""
    tails = [c for c in cue.rights if c.dep_ not in _NOT_STATEMENT]
    if not tails:
        return cue.idx + len(cue.text)
    last = tails[-1].right_edge
    while last.i > cue.i and (last.is_punct or last.is_space):
        last = last.doc[last.i - 1]
    return last.idx + len(last.text)
