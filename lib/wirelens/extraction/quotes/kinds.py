"""Direct or partial: whether a quote is the statement itself or a few words inside the writer's.

The statement is what the cue reports, quote included ('called the ruling a "huge win for Ohio
voters"'): a quote is direct when at least half of its letters stand inside quotation marks
(the measure PolNeAR's direct quotes follow) and the quote closes it. :func:`quote_kind` asks
the small rules of :data:`KIND_RULES` in order; the first that decides wins, and a quote no
rule calls direct is partial. (Indirect speech, a cue's clause without marks, never comes here.)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from wirelens.extraction.quotes.cues import Cues
from wirelens.extraction.quotes.spans import LETTER, QuoteSpan
from wirelens.extraction.quotes.statements import Content, statement_region, statement_start

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

DIRECT_SHARE = 0.5  # share of a statement's letters inside marks that makes its quote direct
EMBEDDED_SHARE = 0.75  # the same when the writer's words follow the quote or it qualifies the writer's noun
SENTENCE_WORDS = 6  # a quote this long that opens with a capital is a statement of its own


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
    lead = f.text[max(0, f.quote.start - 30) : f.quote.start].rstrip(" \n\"“«„")
    if lead.endswith(":") or (lead.endswith(",") and f.cue.idx < f.quote.start
                              and lead[:-1].rstrip().endswith(f.cue.text) and f.body[:1].isupper()):
        return "direct"
    return None


def most_of_the_statement(f: QuoteFacts) -> str | None:
    """'He called the ruling "a huge win for Ohio voters."': half the statement's letters are quoted.

    Words of the writer's own after the quote, or a quote that only qualifies the writer's noun
    ('decried the "ghastly avalanche" in east Aleppo'), raise the share needed to three quarters.
    """
    if f.cue is None or f.span is None:
        return None
    start, end = statement_region(f.quote, f.span, f.cue, f.content, f.cues)
    embedded = LETTER.search(f.text, f.quote.end, end) is not None or modifies_outside(f.span)
    share = quoted_share(f.text, start, end, f.marks)
    return "direct" if share >= (EMBEDDED_SHARE if embedded else DIRECT_SHARE) else None


def most_of_the_clause(f: QuoteFacts) -> str | None:
    """'said that they were "being ridiculous."': most of the reported clause itself is quoted.

    The clause runs from the cue's first word past its asides ('insisted [Washington's decision
    ...] did not mean', when the parser splits it). A short quote the clause goes on after is a
    term the writer's clause talks about, not the statement.
    """
    if f.cue is None or f.span is None:
        return None
    content, quote, cue = f.content, f.quote, f.cue
    if content is not None and content[2] and content[0] <= quote.start and quote.end <= content[1] + 1 \
            and not modifies_outside(f.span):
        clause_start = min(content[0], statement_start(cue, f.cues)) if cue.idx < content[0] else content[0]
        ends = LETTER.search(f.text, quote.end, content[1]) is None
        if quoted_share(f.text, clause_start, content[1], f.marks) >= DIRECT_SHARE \
                and (ends or len(f.body.split()) >= 3):
            return "direct"
    return None


def a_sentence_of_its_own(f: QuoteFacts) -> str | None:
    """'Rubio said, adding "We are going to win this state."': a whole sentence in the speaker's words.

    However the writer's sentence goes on around it, PolNeAR's Content is the quote. This is the
    last word on a quote with a cue: anything shorter is partial ('called it "a shame"').
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
    lead = f.text[min(sent.start_char, f.quote.start) : f.quote.start].rstrip(" \n\"“”«„")
    return "direct" if not lead.strip() or lead.endswith((":", ",")) else None


def capitalised_statement(f: QuoteFacts) -> str | None:
    """'Banners with "Free Syria Now" were everywhere.': three words or more opening with a capital."""
    letter = LETTER.search(f.body)
    return "direct" if letter and letter.group().isupper() and len(f.body.split()) >= 3 else None


KIND_RULES: tuple[KindRule, ...] = (
    introduced_by_its_cue,
    most_of_the_statement,
    most_of_the_clause,
    a_sentence_of_its_own,
    opens_its_sentence,
    capitalised_statement,
)


def quote_kind(text: str, quote: QuoteSpan, span: Span | None, cue: Token | None, content: Content | None,
               marks: Sequence[QuoteSpan], cues: Cues) -> str:
    """"direct" or "partial": the first of :data:`KIND_RULES` that decides, else partial."""
    facts = QuoteFacts(text, quote, span, cue, content, marks, cues)
    for rule in KIND_RULES:
        kind = rule(facts)
        if kind is not None:
            return kind
    return "partial"


# --- measures ---------------------------------------------------------------------------------------


def is_sentence(body: str) -> bool:
    """A quote that opens with a capital and runs to a sentence's length: a statement, not a phrase."""
    return body[:1].isupper() and len(body.split()) >= SENTENCE_WORDS


def modifies_outside(span: Span) -> bool:
    """The quote's words hang from a noun of the writer's: 'a decision "we did not come to lightly"'."""
    roots = [t for t in span if not (span.start <= t.head.i < span.end) or t.head.i == t.i]
    return any(t.dep_ in ("relcl", "acl", "amod", "compound", "nmod") for t in roots if not t.is_punct)


def quoted_share(text: str, start: int, end: int, marks: Sequence[QuoteSpan]) -> float:
    """Share of the letters in [start, end) that stand inside quotation marks."""
    total = len(LETTER.findall(text, start, end))
    if not total:
        return 1.0
    inside = sum(len(LETTER.findall(text, max(start, m.start), min(end, m.end)))
                 for m in marks if m.start < end and m.end > start)
    return inside / total
