"""Direct or partial: whether a quote is the statement itself or a few words inside the writer's.

A quote is direct when the quoted passage is itself what is reported: a whole clause or
sentence in the speaker's words, attributed by a cue or a colon ('"We will win," he said',
'He said: "Whichever one wins, we lose."', '"The idea is absurd." Clinton tweeted'). It is
partial when the marks hold words inside the writer's own sentence: 'called the move
"reckless"', 'said it was "laser-focused" on finding a solution', 'said that they were "being
ridiculous"' (the statement is the writer's paraphrase; the marks vouch only for some words).
:func:`quote_kind` asks the small rules of :data:`KIND_RULES` in order; the first that decides
wins, and a quote no rule calls direct is partial. (Indirect speech, a cue's clause without
marks, never comes here.)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from wirelens.extraction.quotes.cues import Cues
from wirelens.extraction.quotes.spans import LETTER, QuoteSpan
from wirelens.extraction.quotes.statements import SUBJECT_DEPS, Content, statement_region
from wirelens.extraction.syntax import COMPLEMENTISERS

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Share of the reported statement's letters inside marks that makes its quote the statement itself:
# the writer may add a "that" or a connective ('told him that "we will win"'), not a paraphrase.
WHOLE_SHARE = 0.85
# The same share when the writer's words before the quote are its subject: "whole" as PolNeAR's bench measures it.
SUBJECT_SHARE = 0.9
SENTENCE_WORDS = 6  # a quote this long that opens with a capital is a statement of its own
# Subject pronouns the writer may set before the speaker's own words without making them a phrase of theirs
# ('saying he "has consistently demonstrated ..."'); an object pronoun opens a label ('called her "a fraud"').
_FRAME_PRONOUNS = frozenset({"i", "you", "he", "she", "it", "we", "they"})
# Words that only open the speaker's own words: 'that "we will win"', 'promised to "stop the Republicans"'.
_FRAME_WORDS = COMPLEMENTISERS | _FRAME_PRONOUNS | {"to"}
_OBJECT_PRONOUNS = frozenset({"me", "him", "her", "us", "them"})


class QuoteFacts(NamedTuple):
    """What the kind rules look at: one quote, its tokens, its cue and what the cue reports."""

    text: str
    quote: QuoteSpan
    span: Span | None  # the quote's tokens; None when they do not align
    cue: Token | None
    content: Content | None
    marks: Sequence[QuoteSpan]  # every quote of the chunk
    cues: Cues

    @property
    def body(self) -> str:
        return self.text[self.quote.start : self.quote.end]


KindRule = Callable[[QuoteFacts], "str | None"]


# --- quotes with a cue ------------------------------------------------------------------------------


def introduced_by_its_cue(f: QuoteFacts) -> str | None:
    """'He said: "Whichever one wins, we lose."', 'Sanders had said, "We'll see,"': the statement itself."""
    if f.cue is None or f.span is None:
        return None
    lead = f.text[max(0, f.quote.start - 30) : f.quote.start].rstrip(' \n"“«„')
    if lead.endswith(":") or (
        lead.endswith(",")
        and f.cue.idx < f.quote.start
        and lead[:-1].rstrip().endswith(f.cue.text)
        and f.body[:1].isupper()
    ):
        return "direct"
    return None


def the_whole_statement(f: QuoteFacts) -> str | None:
    """'"We will win," he said', 'told reporters that "we will not back down."': what the cue reports
    is the quote, give or take a "that"; the writer's words around it ('called the ruling "a huge
    win"', 'said they were "being ridiculous"') make it a phrase inside their sentence instead.
    """
    if f.cue is None or f.span is None:
        return None
    start, end = statement_region(f.quote, f.span, f.cue, f.content, f.cues)
    if LETTER.search(f.text, f.quote.end, end) is not None or modifies_outside(f.span):
        return None  # the writer's words go on after it, or it qualifies the writer's noun
    lead = f.text[start : f.quote.start].strip(' ,\n"“«„').lower()
    if all(word in _FRAME_WORDS for word in lead.split()):
        # 'that "we will win"', 'saying he "has consistently demonstrated his commitment"', 'promised to "stop
        # the Republicans"': the writer adds only a "that", a "to" or the subject of the speaker's words.
        start = f.quote.start
    elif LETTER.search(lead) and not _quoted(f.marks, start, f.quote.start):
        if not _only_its_subject(f.span, start):
            return None  # 'said Trump favors a "strongman approach"': the writer's words open the statement
        # 'said Clinton "has a number of super PACs ..."': the writer names who the speaker's words are about;
        # a longer frame ('she was "going to put coal miners out of business"') makes them a phrase in it.
        return "direct" if quoted_share(f.text, start, end, f.marks) >= SUBJECT_SHARE else None
    return "direct" if quoted_share(f.text, start, end, f.marks) >= WHOLE_SHARE else None


def _only_its_subject(span: Span, start: int) -> bool:
    """The writer's words from ``start`` to the quote are only the subject of the quoted words and their
    auxiliaries: 'said Clinton "has a number of super PACs"', 'said it will "be adding this data"', 'he's
    "liked Trump since the beginning"'. A verb of the writer's ('said she was "going to"') is more."""
    doc, lo, hi = span.doc, span.start, span.end
    first = lo
    while first > 0 and doc[first - 1].idx >= start:
        first -= 1
    lead = [t for t in doc[first:lo] if not (t.is_punct or t.is_space)]
    if not lead or any(t.lower_ in _OBJECT_PRONOUNS for t in lead):
        return False  # 'called her "an extremely intelligent woman"': a label the writer gives her

    def belongs(t: Token) -> bool:
        if t.dep_ in ("aux", "auxpass", "neg", "mark") and lo <= t.head.i < hi:
            return True
        while t.head.i != t.i and not (lo <= t.head.i < hi):
            if t.dep_ in SUBJECT_DEPS:
                return False
            t = t.head
        return t.dep_ in SUBJECT_DEPS and lo <= t.head.i < hi

    return all(belongs(t) for t in lead)


def a_sentence_of_its_own(f: QuoteFacts) -> str | None:
    """'Rubio said, adding "We are going to win this state."': a whole sentence in the speaker's words.

    However the writer's sentence goes on around it, the quote is a statement of its own. This is
    the last word on a quote with a cue: anything shorter is partial ('called it "a shame"').
    """
    if f.cue is None or f.span is None:
        return None
    return "direct" if is_sentence(f.body) else "partial"


# --- quotes without a cue ---------------------------------------------------------------------------


def opens_its_sentence(f: QuoteFacts) -> str | None:
    """'He demurred: "Whichever one wins, we lose."': the quote opens its sentence or follows ':' or ','."""
    if f.span is None:
        return None
    sent = f.span[0].sent
    lead = f.text[min(sent.start_char, f.quote.start) : f.quote.start].rstrip(' \n"“”«„')
    return "direct" if not lead.strip() or lead.endswith((":", ",")) else None


def capitalised_statement(f: QuoteFacts) -> str | None:
    """'Banners with "Free Syria Now" were everywhere.': three words or more opening with a capital."""
    letter = LETTER.search(f.body)
    return "direct" if letter and letter.group().isupper() and len(f.body.split()) >= 3 else None


KIND_RULES: tuple[KindRule, ...] = (
    introduced_by_its_cue,
    the_whole_statement,
    a_sentence_of_its_own,
    opens_its_sentence,
    capitalised_statement,
)


def quote_kind(
    text: str,
    quote: QuoteSpan,
    span: Span | None,
    cue: Token | None,
    content: Content | None,
    marks: Sequence[QuoteSpan],
    cues: Cues,
) -> str:
    """ "direct" or "partial": the first of :data:`KIND_RULES` that decides, else partial."""
    facts = QuoteFacts(text, quote, span, cue, content, marks, cues)
    for rule in KIND_RULES:
        kind = rule(facts)
        if kind is not None:
            return kind
    return "partial"


# --- measures ---------------------------------------------------------------------------------------


def is_sentence(body: str) -> bool:
    """A quote that opens with a capital and runs to a sentence's length: a statement, not a phrase.

    A shorter one is not, even with a full stop inside the marks: '"New York values."', '"The Revenant."'
    are labels (American style puts the writer's full stop inside the marks)."""
    return body[:1].isupper() and len(body.split()) >= SENTENCE_WORDS


def modifies_outside(span: Span) -> bool:
    """The quote's words hang from a noun of the writer's: 'a decision "we did not come to lightly"'."""
    roots = [t for t in span if not (span.start <= t.head.i < span.end) or t.head.i == t.i]
    return any(t.dep_ in ("relcl", "acl", "amod", "compound", "nmod") for t in roots if not t.is_punct)


def _quoted(marks: Sequence[QuoteSpan], start: int, end: int) -> bool:
    """The words in [start, end) are themselves quoted: '"We will," he said, "win."' (the first half)."""
    return any(m.start <= start and end <= m.end for m in marks)


def quoted_share(text: str, start: int, end: int, marks: Sequence[QuoteSpan]) -> float:
    """Share of the letters in [start, end) that stand inside quotation marks."""
    total = len(LETTER.findall(text, start, end))
    if not total:
        return 1.0
    inside = sum(
        len(LETTER.findall(text, max(start, m.start), min(end, m.end)))
        for m in marks
        if m.start < end and m.end > start
    )
    return inside / total
