"""Reading one parsed chunk into :class:`QuoteCandidate` records: the quotes layer's parse reading.

Direct and partial quotes come from the quotation marks (:mod:`.spans`), each with the cue
governing it (:data:`CUE_SEARCH`, first find wins), its kind (:mod:`.kinds`) and its speaker's
words (:mod:`.mentions`); indirect speech comes from every cue verb outside the marks and what
it reports (:mod:`.statements`). Nothing here looks beyond the chunk: speakers become actors
in :mod:`.speakers`, once the whole article is read.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from wirelens.extraction.quotes.cues import Cues, SpeakerWords
from wirelens.extraction.quotes.headlines import named_statements
from wirelens.extraction.quotes.kinds import quote_kind
from wirelens.extraction.quotes.mentions import (
    Speaker,
    headline_source,
    named_source,
    speaker_headed_by,
    speaker_of_cue,
)
from wirelens.extraction.quotes.nominal import nominal_report
from wirelens.extraction.quotes.spans import QuoteSpan, doubled_quotes, find_quote_spans, looks_like_title
from wirelens.extraction.quotes.statements import reported_content

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_TIME_PREPS = frozenset({"on", "in", "at", "during", "since", "last"})
_TIME_LABELS = frozenset({"DATE", "TIME"})
_MAX_HEAD_WALK = 25
# A cue hanging from another verb by these is a statement of its own (", saying ...", "Kaine, who
# said ..."), not part of the other's reported clause ("said Trump favors a ...").
_OWN_STATEMENT = frozenset({"advcl", "conj", "xcomp", "parataxis", "pcomp", "relcl", "acl", "ROOT"})
_COLON_REACH = 200  # characters from a cue to the quote its colon introduces


# NER labels of a name: a capitalised speaker head inside one is a name, wherever it stands.
NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC", "LOC"})


class QuoteCandidate(NamedTuple):
    """What one chunk says about one quote, before the article-wide resolution."""

    start: int
    end: int
    text: str
    kind: str  # direct | partial | indirect
    cue: str | None
    cue_start: int | None
    speaker_text: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_head: int | None  # offset of the speaker phrase's head word: "spokesman Josh [Earnest]"
    time_text: str | None  # the time expression governing the cue: "Tuesday", "late Monday"
    # The words naming the speaker in the cue's clause when they are not the phrase resolved: "who".
    mention_start: int | None = None
    mention_end: int | None = None
    # The head word is a name by the parse (a proper noun, or inside a name the NER found): "Trump".
    speaker_proper: bool = False


class ChunkReader:
    """Reads parsed chunks with one set of cue verbs and speaker nouns."""

    def __init__(self, cues: Cues, words: SpeakerWords):
        self.cues = cues
        self.words = words
        self._all = cues.all
        self._roles = words.people_nouns | words.group_heads  # "Clinton camp: ...", a headline's speaker

    def read(self, doc: Doc, offset: int) -> list[QuoteCandidate]:
        text = doc.text  # Doc.text joins every token on each access: read it once
        spans = find_quote_spans(text)
        parsed = doc.has_annotation("DEP")
        starts = [s.start for s in spans]
        doubled = doubled_quotes(text) if "''" in text else []
        doubled_starts = [s for s, _ in doubled]

        def in_quote(char: int) -> bool:
            k = bisect.bisect_right(starts, char) - 1
            if k >= 0 and spans[k].start <= char < spans[k].end:
                return True
            k = bisect.bisect_right(doubled_starts, char) - 1
            return k >= 0 and doubled[k][0] <= char < doubled[k][1]

        cue_tokens = [t for t in doc if self.is_cue(t) and not in_quote(t.idx)] if parsed else []
        out: list[QuoteCandidate] = []
        used_cues: dict[int, list[QuoteSpan]] = {}
        kinds: dict[QuoteSpan, str] = {}
        for qs in spans:
            if looks_like_title(text[qs.start : qs.end]):
                continue  # "CBS This Morning", "Gang of Eight": a name in quotation marks, not a statement
            span = doc.char_span(qs.start, qs.end, alignment_mode="expand")
            headed = headline_source(text, qs, span) if parsed and span is not None else None
            cue = cue_for(span, cue_tokens, text) if parsed and span is not None and headed is None else None
            if cue is not None:
                used_cues.setdefault(cue.i, []).append(qs)
            content = reported_content(cue, self.cues) if cue is not None else None
            kind = kinds[qs] = quote_kind(text, qs, span, cue, content, spans, self.cues)
            named = headed or (named_source(text, qs, span) if cue is None and span is not None and parsed else None)
            out.append(self._candidate(text, qs.start, qs.end, kind, cue, offset, named))
        for cue in cue_tokens:
            content = reported_content(cue, self.cues)
            if content is None:
                continue
            start, end, _ = content
            if any(
                q.end - q.start > 0
                and _overlap(start, end, q.start, q.end) >= 0.5 * min(end - start, q.end - q.start)
                and kinds.get(q) == "direct"
                for q in used_cues.get(cue.i, [])
            ):
                continue  # the quote already carries this statement
            out.append(self._candidate(text, start, end, "indirect", cue, offset))
        if parsed:
            out.extend(self._nominal_candidates(doc, text, offset, in_quote))
            for named in named_statements(doc, text, self._roles):
                if not in_quote(named.start) and not any(c.start <= named.start + offset < c.end for c in out):
                    out.append(self._candidate(text, named.start, named.end, "indirect", None, offset, named.speaker))
        return out

    def _nominal_candidates(
        self, doc: Doc, text: str, offset: int, in_quote: Callable[[int], bool]
    ) -> list[QuoteCandidate]:
        """'his comments on Muslims', 'Trump raised questions about ...': the reports nouns make."""
        out = []
        for token in doc:
            if token.pos_ != "NOUN" or token.lemma_.lower() not in self.cues.nouns or in_quote(token.idx):
                continue
            report = nominal_report(token)
            if report is not None:
                owner = speaker_headed_by(report.owner)
                start, end, _ = report.content
                out.append(self._candidate(text, start, end, "indirect", token, offset, owner))
        return out

    def is_cue(self, token: Token) -> bool:
        """A cue verb of cues.toml, "according to", or "put it" in 'as she put it'."""
        if token.lower_ == "according":
            return token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to"
        if token.lemma_.lower() == "put":
            return puts_it(token)
        return token.pos_ == "VERB" and token.lemma_.lower() in self._all

    def _candidate(
        self, text: str, start: int, end: int, kind: str, cue: Token | None, offset: int, named: Speaker | None = None
    ) -> QuoteCandidate:
        speaker = named if named is not None or cue is None else speaker_of_cue(cue, self.words)
        time = time_expression(cue) if cue is not None and cue.lower_ != "according" else None
        cue_text = None
        if cue is not None:
            cue_text = "according to" if cue.lower_ == "according" else cue.text
        return QuoteCandidate(
            start=start + offset,
            end=end + offset,
            text=text[start:end],
            kind=kind,
            cue=cue_text,
            cue_start=cue.idx + offset if cue is not None else None,
            speaker_text=speaker.phrase.text if speaker else None,
            speaker_start=speaker.phrase.start_char + offset if speaker else None,
            speaker_end=speaker.phrase.end_char + offset if speaker else None,
            speaker_head=speaker.head.idx + offset if speaker else None,
            time_text=time,
            mention_start=speaker.mention.start_char + offset if speaker else None,
            mention_end=speaker.mention.end_char + offset if speaker else None,
            speaker_proper=bool(speaker) and (speaker.head.pos_ == "PROPN" or speaker.head.ent_type_ in NAME_LABELS),
        )


def puts_it(token: Token) -> bool:
    """ "As Cornyn put it, "..."" and 'Cornyn put it: "..."': a way of saying, not of placing."""
    doc = token.doc
    if token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "it":
        return False
    after = doc[token.i + 2].text if token.i + 2 < len(doc) else ""
    return after in (",", ":") and (after == ":" or any(c.lower_ == "as" for c in token.children))


# --- the cue governing a quote: small searches, first find wins -------------------------------------


class CueSearch(NamedTuple):
    """One quote's tokens and the chunk's cues; ``in_paragraph`` holds the indices of those in its paragraph."""

    span: Span
    cues: Sequence[Token]
    text: str
    in_paragraph: frozenset[int]


def cue_up_the_parse(s: CueSearch) -> Token | None:
    """'She said Trump favors a "strongman approach"': the outermost cue above the quote's words is hers."""
    start, end = s.span.start, s.span.end
    for token in s.span:
        head = token.head
        if start <= head.i < end or head.i == token.i:
            continue
        found = None
        for _ in range(_MAX_HEAD_WALK):
            if head.i in s.in_paragraph:
                found = head
            if head.head.i == head.i or (found is not None and head.dep_ in _OWN_STATEMENT):
                break
            head = head.head
        if found is not None:
            return found
    return None


def cue_after_the_quote(s: CueSearch) -> Token | None:
    """'"...," said X' and '"...?" Trump asked': the cue right after the closing mark, in its paragraph.

    Token ranges, not Token.sent, for the cue's sentence: that walks the sentence on every call.
    """
    end, last_sent = s.span.end, s.span[-1].sent
    after = [
        c
        for c in s.cues
        if end <= c.i <= end + 12
        and c.i in s.in_paragraph
        and (c.i < last_sent.end or _only_marks(s.span.doc, end, c.sent.start))
    ]
    return min(after, key=lambda c: c.i) if after else None


def cue_before_in_the_sentence(s: CueSearch) -> Token | None:
    """'He said - and meant it - "never again"': the nearest cue before the quote in its sentence.

    For a quote the parse does not link to a cue above it.
    """
    first_sent = s.span[0].sent
    before = [c for c in s.cues if first_sent.start <= c.i < s.span.start and c.i in s.in_paragraph]
    return max(before, key=lambda c: c.i) if before else None


def cue_of_the_colon(s: CueSearch) -> Token | None:
    """'Breitbart News responded:\\n\\n"If there are ...': the quote a colon introduces, a paragraph on."""
    lead = s.text[max(0, s.span.start_char - 8) : s.span.start_char].rstrip(' \n"“«„')
    if lead.endswith(":"):
        near = [c for c in s.cues if c.i < s.span.start and s.span.start_char - c.idx <= _COLON_REACH]
        if near:
            return max(near, key=lambda c: c.i)
    return None


CUE_SEARCH: tuple[Callable[[CueSearch], Token | None], ...] = (
    cue_up_the_parse,
    cue_after_the_quote,
    cue_before_in_the_sentence,
    cue_of_the_colon,
)


def cue_for(span: Span, cues: Sequence[Token], text: str) -> Token | None:
    """The cue governing the quote: the first of :data:`CUE_SEARCH` that finds one.

    Only a cue in the quote's own paragraph counts (the parser runs sentences across
    paragraph breaks), except the cue of a colon that introduces the quote a paragraph on.
    """
    if not cues:
        return None
    search = cue_search(span, cues, text)
    for find in CUE_SEARCH:
        cue = find(search)
        if cue is not None:
            return cue
    return None


def cue_search(span: Span, cues: Sequence[Token], text: str) -> CueSearch:
    """What the searches look at, with the cues in the quote's paragraph picked out."""
    para_lo = text.rfind("\n", 0, span.start_char) + 1
    para_hi = text.find("\n", span.end_char)
    para_hi = len(text) if para_hi < 0 else para_hi
    return CueSearch(span, cues, text, frozenset(c.i for c in cues if para_lo <= c.idx < para_hi))


# --- the time of a cue ------------------------------------------------------------------------------


def time_expression(cue: Token) -> str | None:
    """The date expression attached to the cue itself ("said Tuesday", "said on Monday"), not the content's."""
    for child in cue.children:
        if child.ent_type_ in _TIME_LABELS and child.dep_ in ("npadvmod", "tmod", "advmod", "nmod", "pobj", "dobj"):
            return _entity_text(child)
        if child.dep_ == "prep" and child.lower_ in _TIME_PREPS:
            for grand in child.children:
                if grand.dep_ == "pobj" and grand.ent_type_ in _TIME_LABELS:
                    return _entity_text(grand)
    return None


def _entity_text(token: Token) -> str:
    """The entity around ``token``, from its IOB tags (``doc.ents`` rebuilds every entity on each call)."""
    doc = token.doc
    if not token.ent_iob_ or token.ent_iob_ == "O":
        return token.text
    lo = token.i
    while lo > 0 and doc[lo].ent_iob_ == "I":
        lo -= 1
    hi = token.i + 1
    while hi < len(doc) and doc[hi].ent_iob_ == "I":
        hi += 1
    return doc[lo:hi].text


def _only_marks(doc: Doc, start_token: int, end_token: int) -> bool:
    return all(t.is_punct or t.is_space for t in doc[start_token:end_token])


def _overlap(a: int, b: int, c: int, d: int) -> int:
    return max(0, min(b, d) - max(a, c))
