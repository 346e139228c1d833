"""Quotes: who said what, and when.

:func:`find_quote_spans` reads quotation marks on plain text. :class:`QuotesLayer` reads each
parsed chunk into plain :class:`QuoteCandidate` records (direct and partial quotes from the
marks, indirect speech from cue verbs and their clauses, each with its cue, speaker mention
and governing time expression), then, once the whole article is read, resolves speakers to
canonical actors (names, titles, pronouns, role nouns), gives unattributed quote paragraphs to
the speaker before them, and dates each quote from the publication date.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from wirelens.extraction.actors import Entity, normalize_name
from wirelens.extraction.layer import ArticleContext, Earlier
from wirelens.extraction.dates import resolve_date
from wirelens.extraction.records import Quote
from wirelens.extraction.syntax import PERSON_SPEAKER_PRONOUNS, SPEAKER_PRONOUNS

CUES_PATH = Path(__file__).with_name("cues.toml")

# Opening and closing marks. Single quotes are not read as quotation marks: in running
# English text they are mostly apostrophes ("members’ veto"), and nested quotes use them.
_OPENERS = frozenset("“«„")
_CLOSERS = frozenset("”»")
_STRAIGHT = '"'
_MARKS = re.compile(r'["“”«»„]')
_DOUBLED = re.compile(r"''")
_LETTER = re.compile(r"[^\W\d_]")
_MAX_TITLE_WORDS = 8
_TITLE_SMALL_WORDS = frozenset("a an the of and or for with to in on at by from as vs".split())

_RELATIVES = frozenset({"who", "that", "which"})
# Links from a participle or coordinated verb up to the verb whose subject speaks: "..., saying".
_CLIMB_DEPS = ("advcl", "xcomp", "conj", "pcomp", "acl")
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
# How the parser attaches a subject that follows its cue: '"...," asked the boy'.
_INVERTED_DEPS = frozenset({"dobj", "npadvmod", "attr", "dep", "appos", "oprd", "nsubj"})
# After a quote: its closing mark, a paragraph break at most, a dash, then the source's name.
_DASH_SOURCE = re.compile(r'[\s"”»]{0,4}\n?\s*(?:[—―–~]|-{1,2})\s*(?=[A-Z])')
_MAX_GAP = 6  # tokens of punctuation and adverbs looked past between a cue and its speaker
# Nouns of a message whose sender speaks: "issued a statement saying", "sent an email calling".
_MEDIUM_NOUNS = frozenset({"statement", "release", "email", "e-mail", "message", "ad", "advertisement", "letter",
                           "tweet", "post", "note", "memo", "text", "video", "op-ed", "editorial", "column",
                           "speech", "remark", "comment", "announcement", "filing", "commercial", "spot"})
# Children that are not part of a speaker's name: "Observatory, a British-based monitor,".
_SPEAKER_DROP = frozenset({"appos", "relcl", "acl", "punct", "cc", "conj", "advmod", "prep", "parataxis"})
_SPEAKER_PREPS = frozenset({"of", "for", "at", "from"})  # "Secretary of State", "head of the Observatory"
_TIME_PREPS = frozenset({"on", "in", "at", "during", "since", "last"})
_TIME_LABELS = frozenset({"DATE", "TIME"})
_NOT_SPEAKERS = frozenset({"DATE", "TIME", "MONEY", "QUANTITY", "ORDINAL"})  # parse slips: "4:40 p.m. said"
_CLAUSE_CUES = frozenset({"urge", "call", "ask", "warn", "order", "accuse", "blame", "demand", "instruct",
                          "request", "advise", "appeal", "plead", "promise", "pledge", "vow", "threaten"})
_MAX_HEAD_WALK = 25
# A cue hanging from another verb by these is a statement of its own (", saying ..."), not part of
# the other's reported clause ("said Trump favors a ...").
_OWN_STATEMENT = frozenset({"advcl", "conj", "xcomp", "parataxis", "pcomp", "ROOT"})
# Children of a cue between it and what it reports: "said [Tuesday] [in a statement] that ...".
_ASIDES = frozenset({"punct", "npadvmod", "advmod", "prt", "nsubj", "nsubjpass", "aux", "neg", "tmod"})
_ASIDE_PREPS = frozenset({"in", "on", "at", "during", "after", "before", "since", "while", "from", "through"})
# Right children of a cue that are not part of what it reports: another verb, an aside.
_NOT_STATEMENT = frozenset({"conj", "cc", "punct", "advcl", "parataxis", "dep"})
_COLON_REACH = 200  # characters from a cue to the quote its colon introduces
# A quote is the statement itself (direct) when its letters make up this much of what its cue reports.
_DIRECT_SHARE = 0.5
_EMBEDDED_SHARE = 0.75
_SENTENCE_WORDS = 6  # a quote this long that opens with a capital is a statement of its own
# Cues whose direct object is the person addressed, not what was said ("told AFP").
_ADDRESSEE_CUES = frozenset({"tell", "ask", "inform", "answer", "quote", "thank", "advise", "instruct", "order"})
# Head nouns that only say what kind of actor the name before them is ("the Islamic State group");
# "official", "ministry" or "correspondent" are not in it: they speak for a part of the actor.
_GROUP_HEADS = frozenset({"group", "groups", "organisation", "organization", "movement", "militia", "network",
                          "coalition", "alliance", "party", "agency", "newspaper", "broadcaster", "channel",
                          "outlet", "campaign", "company", "firm"})


class Cues(NamedTuple):
    speech: frozenset[str]
    belief: frozenset[str]
    stance: frozenset[str] = frozenset()

    @property
    def all(self) -> frozenset[str]:
        return self.speech | self.belief | self.stance


@lru_cache(maxsize=4)
def load_cues(path: Path = CUES_PATH) -> Cues:
    """The cue-verb lemmas from the researchers' TOML file."""
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    return Cues(*(frozenset(w.lower() for w in data.get(kind, [])) for kind in ("speech", "belief", "stance")))


class QuoteSpan(NamedTuple):
    """The text between a pair of quotation marks (marks excluded)."""

    start: int
    end: int
    closed: bool  # False: no closing mark before the paragraph ended


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




# --- quotation marks: plain text ---------------------------------------------------------------


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every quoted passage in ``text``, paragraph by paragraph; unbalanced marks never raise.

    A mark left open at the end of a paragraph closes there: news style opens each paragraph
    of a long quote and closes only the last. A stray closing mark is ignored. Nested
    double quotes stay inside the outer quote.
    """
    spans: list[QuoteSpan] = []
    pos = 0
    for paragraph in text.split("\n"):
        spans.extend(_paragraph_quotes(text, pos, pos + len(paragraph)))
        pos += len(paragraph) + 1
    return spans


def _paragraph_quotes(text: str, start: int, end: int) -> list[QuoteSpan]:
    out: list[QuoteSpan] = []
    depth, opened = 0, -1
    for match in _MARKS.finditer(text, start, end):
        i, mark = match.start(), match.group()
        role = _mark_role(text, i, mark, depth, start, end)
        if role == "open":
            if depth == 0:
                opened = i
            depth += 1
        elif role == "close" and depth > 0:
            depth -= 1
            if depth == 0:
                _add_span(out, text, opened + 1, i, True)
    if depth > 0:
        _add_span(out, text, opened + 1, end, False)
    return out


def _mark_role(text: str, i: int, mark: str, depth: int, start: int, end: int) -> str:
    """Whether a mark opens or closes; a straight mark is read from the characters around it."""
    before = text[i - 1] if i > start else " "
    after = text[i + 1] if i + 1 < end else " "
    if mark in _OPENERS:
        if mark == "“" and depth > 0 and not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–"):
            return "close"  # a typo for its mirror image: '“Do you want that?“ he asked'
        return "open"
    if mark in _CLOSERS:
        return "close"
    if (before.isspace() or before in "([{—–-:/") and not after.isspace():
        if depth == 0:
            return "open"
        # Already inside a quote: a nested opening needs a partner further on; without one
        # this is the close of a quote that ends in a space.
        return "open" if text.find(_STRAIGHT, i + 1, end) >= 0 else "close"
    if not before.isspace() or after.isspace() or after in ".,;:!?)]}—–":
        return "close"
    return "close" if depth > 0 else "open"


def _doubled_quotes(text: str) -> list[tuple[int, int]]:
    """Passages between doubled apostrophes, the double quotes of some wire archives: ''We will win,'' he said.

    Their words are the speaker's, so a verb inside is no cue; they are not read as quotation
    marks otherwise (a doubled apostrophe is also a typo, and the benchmark counts only real marks).
    """
    out: list[tuple[int, int]] = []
    pos = 0
    for paragraph in text.split("\n"):
        opened = -1
        for match in _DOUBLED.finditer(paragraph):
            i = match.start()
            before = paragraph[i - 1] if i > 0 else " "
            after = paragraph[i + 2] if i + 2 < len(paragraph) else " "
            if opened < 0 and (before.isspace() or before in "([{—–-:/") and not after.isspace():
                opened = i + 2
            elif opened >= 0:
                out.append((pos + opened, pos + i))
                opened = -1
        if opened >= 0:
            out.append((pos + opened, pos + len(paragraph)))
        pos += len(paragraph) + 1
    return out


def looks_like_title(body: str) -> bool:
    """A short quoted name in title case: a show, a book, a nickname, a slogan."""
    words = re.findall(r"[^\W\d_][\w’'-]*", body)
    if not words or len(words) > _MAX_TITLE_WORDS:
        return False
    content = [w for w in words if w.lower() not in _TITLE_SMALL_WORDS]
    if not content or content[0].lower() in SPEAKER_PRONOUNS:
        return False  # "I Will Win" is a statement
    # One capitalised word may be a title ("Scandal") as often as an answer ("Okay"): kept.
    return len(content) > 1 and all(w[0].isupper() for w in content)


def _add_span(out: list[QuoteSpan], text: str, start: int, end: int, closed: bool) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and _LETTER.search(text, start, end):
        out.append(QuoteSpan(start, end, closed))


# --- reading one parsed chunk -------------------------------------------------------------------


class QuotesLayer:
    """The quotes layer (see :mod:`wirelens.extraction.layer`)."""

    name = "quotes"
    assigns = Quote
    requires: tuple[type, ...] = ()

    def __init__(self, cues: Cues | None = None):
        self.cues = cues or load_cues()
        self._all = self.cues.all

    def read_chunk(self, doc: Doc, offset: int) -> list[QuoteCandidate]:
        text = doc.text  # Doc.text joins every token on each access: read it once
        spans = find_quote_spans(text)
        parsed = doc.has_annotation("DEP")
        starts = [s.start for s in spans]
        doubled = _doubled_quotes(text) if "''" in text else []
        doubled_starts = [s for s, _ in doubled]

        def in_quote(char: int) -> bool:
            k = bisect.bisect_right(starts, char) - 1
            if k >= 0 and spans[k].start <= char < spans[k].end:
                return True
            k = bisect.bisect_right(doubled_starts, char) - 1
            return k >= 0 and doubled[k][0] <= char < doubled[k][1]

        cue_tokens = [t for t in doc if self._is_cue(t) and not in_quote(t.idx)] if parsed else []
        out: list[QuoteCandidate] = []
        used_cues: dict[int, list[QuoteSpan]] = {}
        kinds: dict[QuoteSpan, str] = {}
        for qs in spans:
            if looks_like_title(text[qs.start : qs.end]):
                continue  # "CBS This Morning", "Gang of Eight": a name in quotation marks, not a statement
            span = doc.char_span(qs.start, qs.end, alignment_mode="expand")
            headed = _headline_source(text, qs, span) if parsed and span is not None else None
            cue = self._cue_for(span, cue_tokens, text) if parsed and span is not None and headed is None else None
            if cue is not None:
                used_cues.setdefault(cue.i, []).append(qs)
            content = self._indirect_content(cue) if cue is not None else None
            kind = kinds[qs] = _quote_kind(text, qs, span, cue, content, spans)
            named = headed or (_named_source(text, qs, span) if cue is None and span is not None and parsed else None)
            out.append(self._candidate(text, qs.start, qs.end, kind, cue, offset, named))
        for cue in cue_tokens:
            content = self._indirect_content(cue)
            if content is None:
                continue
            start, end, _ = content
            if any(q.end - q.start > 0 and _overlap(start, end, q.start, q.end) >= 0.5 * min(end - start, q.end - q.start)
                   and kinds.get(q) == "direct" for q in used_cues.get(cue.i, [])):
                continue  # the quote already carries this statement
            out.append(self._candidate(text, start, end, "indirect", cue, offset))
        return out

    def _is_cue(self, token: Token) -> bool:
        if token.lower_ == "according":
            return token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to"
        if token.lemma_.lower() == "put":
            return _puts_it(token)
        return token.pos_ == "VERB" and token.lemma_.lower() in self._all

    def _cue_for(self, span: Span, cues: Sequence[Token], text: str) -> Token | None:
        """The cue governing the quote: reached up the parse from the quote, else the nearest in its sentence.

        Only a cue in the quote's own paragraph counts (the parser runs sentences across
        paragraph breaks), except the cue of a colon that introduces the quote a paragraph on.
        """
        if not cues:
            return None
        para_lo = text.rfind("\n", 0, span.start_char) + 1
        para_hi = text.find("\n", span.end_char)
        para_hi = len(text) if para_hi < 0 else para_hi
        cue_ids = {c.i for c in cues if para_lo <= c.idx < para_hi}
        start, end = span.start, span.end
        for token in span:
            head = token.head
            if start <= head.i < end or head.i == token.i:
                continue
            found = None
            for _ in range(_MAX_HEAD_WALK):
                if head.i in cue_ids:
                    found = head  # the outermost cue: 'She said Trump favors a "strongman approach"' is hers
                if head.head.i == head.i or (found is not None and head.dep_ in _OWN_STATEMENT):
                    break
                head = head.head
            if found is not None:
                return found
        first_sent = span[0].sent
        last_sent = span[-1].sent
        # '"...," said X' and '"...?" Trump asked': the cue right after the closing mark, in its paragraph.
        # Token ranges, not Token.sent: that walks the sentence on every call.
        after = [c for c in cues if end <= c.i <= end + 12 and c.i in cue_ids
                 and (c.i < last_sent.end or _only_marks(span.doc, end, c.sent.start))]
        if after:
            return min(after, key=lambda c: c.i)
        before = [c for c in cues if first_sent.start <= c.i < start and c.i in cue_ids]
        if before:
            return max(before, key=lambda c: c.i)
        lead = text[max(0, span.start_char - 8) : span.start_char].rstrip(" \n\"“«„")
        if lead.endswith(":"):
            # 'Breitbart News responded:\n\n"If there are ...': the quote a colon introduces, a paragraph on.
            near = [c for c in cues if c.i < start and span.start_char - c.idx <= _COLON_REACH]
            if near:
                return max(near, key=lambda c: c.i)
        return None

    def _indirect_content(self, cue: Token) -> tuple[int, int, bool] | None:
        """(start, end, is a clause) of what a cue reports, or None when it reports nothing."""
        if cue.lower_ == "according":
            head = cue.head
            if head.i == cue.i:
                return None
            left, right = cue.left_edge.i, cue.right_edge.i
            outside = [t for t in head.subtree if not (left <= t.i <= right)]
            return _char_range([t for t in outside if not t.is_punct and not t.is_space], True)
        if cue.lemma_.lower() == "put":
            return None  # "as she put it": the quote is what was said
        ccomp = [c for c in cue.children if c.dep_ == "ccomp"]
        if ccomp:
            return _char_range(list(ccomp[0].subtree), True)
        for prep in (c for c in cue.rights if c.dep_ == "prep" and c.lower_ in ("in", "on")):
            # "said in a statement that ...": the parser hangs the clause on the noun.
            for noun in (c for c in prep.children if c.dep_ == "pobj"):
                clauses = [c for c in noun.rights if c.dep_ in ("acl", "relcl", "ccomp")
                           and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
                if clauses:
                    return _char_range(list(clauses[0].subtree), True)
        lemma = cue.lemma_.lower()
        if lemma in _CLAUSE_CUES:
            # "urged the Council to act", "accused Moscow of abetting ...": the object and what it is urged to do.
            rights = [c for c in cue.rights if c.dep_ in ("xcomp", "dobj", "prep", "advcl") and not c.is_punct]
            if any(c.dep_ == "xcomp" or (c.dep_ == "prep" and c.lower_ in ("for", "of")) for c in rights):
                tokens = [t for c in rights for t in c.subtree]
                if len(tokens) >= 3:
                    return _char_range(tokens, True)
        if lemma not in _ADDRESSEE_CUES:
            # "Trump criticized the decision to raise taxes": the object is what is attributed.
            objects = [c for c in cue.rights if c.dep_ in ("dobj", "xcomp") and not c.is_punct]
            # Even one word is attributed ("criticized Clinton"), as PolNeAR annotates it; the kind
            # filter of the timeline page hides such reported speech when only quotes matter.
            if objects:
                return _char_range(list(objects[0].subtree), objects[0].dep_ == "xcomp")
        return None

    def _candidate(self, text: str, start: int, end: int, kind: str, cue: Token | None, offset: int,
                   named: _Speaker | None = None) -> QuoteCandidate:
        speaker = _speaker_span(cue, self.cues) if cue is not None else named
        time = _time_expression(cue) if cue is not None and cue.lower_ != "according" else None
        cue_text = None
        if cue is not None:
            cue_text = "according to" if cue.lower_ == "according" else cue.text
        return QuoteCandidate(
            start=start + offset, end=end + offset, text=text[start:end], kind=kind,
            cue=cue_text, cue_start=cue.idx + offset if cue is not None else None,
            speaker_text=speaker.phrase.text if speaker else None,
            speaker_start=speaker.phrase.start_char + offset if speaker else None,
            speaker_end=speaker.phrase.end_char + offset if speaker else None,
            speaker_head=speaker.head.idx + offset if speaker else None,
            time_text=time,
            mention_start=speaker.mention.start_char + offset if speaker else None,
            mention_end=speaker.mention.end_char + offset if speaker else None,
        )

    # --- the whole article ----------------------------------------------------------------------

    def finish(self, records: list[QuoteCandidate], context: ArticleContext, earlier: Earlier) -> list[Quote]:
        text = context.article.text
        published = context.article.date
        entities = sorted(context.entities, key=lambda e: e.start)
        resolver = _SpeakerResolver(text, entities)
        out: list[Quote] = []
        previous: Quote | None = None  # the last quote with a speaker, for continuations
        for rec in sorted(set(records), key=lambda r: (r.start, r.end)):
            if rec.speaker_start is None:
                if previous is not None and _continues(text, previous, rec):
                    out.append(Quote(rec.start, rec.end, rec.text, rec.kind, previous.speaker, previous.speaker_start,
                                     previous.speaker_end, previous.speaker_type, None, previous.date,
                                     previous.date_inferred))
                    previous = out[-1]
                    continue
                continue  # no speaker in reach: a title, a scare quote or a quoted document, not a statement
            speaker, speaker_type = resolver.resolve(rec)
            date, inferred = resolve_date(rec.time_text, published)
            if rec.time_text is None and previous is not None and rec.cue and rec.cue.lower() in ("added", "adding") \
                    and previous.speaker == speaker:
                date, inferred = previous.date, previous.date_inferred  # "he added" goes on with the same statement
            mention = (rec.mention_start, rec.mention_end) if rec.mention_start is not None else \
                (rec.speaker_start, rec.speaker_end)
            quote = Quote(rec.start, rec.end, rec.text, rec.kind, speaker, mention[0], mention[1],
                          speaker_type, rec.cue, date, inferred)
            out.append(quote)
            if speaker is not None:
                resolver.said(quote)
                if rec.kind != "indirect" or previous is None or previous.end <= rec.start:
                    previous = quote
        return out


def _continues(text: str, previous: Quote, rec: QuoteCandidate) -> bool:
    """An unattributed quote right after an attributed one, in its paragraph or the next, is its speaker's."""
    if previous.kind == "indirect" or rec.start < previous.end:
        return False
    between = text[previous.end : rec.start]
    if between.count("\n") > 1 and between.strip("\n \"“”") != "":
        return False
    # Only the attribution of the previous quote may stand in between: '," he said. "'.
    return len(between) < 200 and between.count("\n") <= 2


class _SpeakerResolver:
    """Speakers to canonical actors with the article's resolved actor mentions in view."""

    def __init__(self, text: str, entities: Sequence[Entity]):
        self.text = text
        self.entities = entities
        self.starts = [e.start for e in entities]
        self.speakers: list[Quote] = []
        persons = [e for e in entities if e.actor_type == "person" and e.actor]
        self.person_starts = {e.start: e for e in persons}
        self.person_ends = {e.end: e for e in persons}
        self._roles: dict[str, Entity | None] = {}

    def said(self, quote: Quote) -> None:
        self.speakers.append(quote)

    def resolve(self, rec: QuoteCandidate) -> tuple[str | None, str | None]:
        if rec.speaker_start is None or rec.speaker_end is None:
            return None, None
        inside = [e for e in self._within(rec.speaker_start, rec.speaker_end) if e.actor]
        head = rec.speaker_head if rec.speaker_head is not None else rec.speaker_start
        for e in inside:
            if e.start <= head < e.end:
                return e.actor, e.actor_type
        words = (rec.speaker_text or "").split()
        if len(words) == 1 and words[0].lower() in SPEAKER_PRONOUNS:
            return self._pronoun(words[0].lower(), rec.speaker_start)
        persons = [e for e in inside if e.actor_type == "person"]
        if persons:
            return persons[-1].actor, persons[-1].actor_type
        head_word = self.text[head : head + 20].split()[0].lower() if self.text[head:head + 1].strip() else ""
        if head_word.rstrip(".,") in _GROUP_HEADS:
            named = [e for e in inside if e.actor_type not in (None, "person")]
            if named:  # "The Islamic State (IS) group said": the group is the named actor
                return named[0].actor, named[0].actor_type
        named = self._role_noun(rec.speaker_text or "", rec.speaker_start)
        if named is not None:
            return named.actor, named.actor_type
        return _as_written(rec.speaker_text or ""), None

    def _within(self, start: int, end: int) -> list[Entity]:
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.entities) and self.entities[i].start < end:
            if self.entities[i].end <= end:
                out.append(self.entities[i])
            i += 1
        return out

    def _pronoun(self, pronoun: str, at: int) -> tuple[str | None, str | None]:
        person = pronoun in PERSON_SPEAKER_PRONOUNS
        for quote in reversed(self.speakers):
            if quote.start < at and (quote.speaker_type == "person") == person and quote.speaker:
                return quote.speaker, quote.speaker_type
        i = bisect.bisect_left(self.starts, at) - 1
        while i >= 0:
            e = self.entities[i]
            if e.actor and (e.actor_type == "person") == person:
                return e.actor, e.actor_type
            i -= 1
        return pronoun.capitalize() if pronoun != "i" else "I", None

    def _role_noun(self, phrase: str, at: int) -> Entity | None:
        """"the UN rights chief" is the person the article calls "UN rights chief Zeid Ra'ad Al Hussein"."""
        role = re.sub(r"^(?:the|a|an|its|their|his|her)\s+", "", " ".join(phrase.split()), flags=re.I)
        if len(role) < 3 or not any(ch.islower() for ch in role):
            return None
        if role.lower() not in self._roles:
            self._roles[role.lower()] = self._find_role(role)
        return self._roles[role.lower()]

    def _find_role(self, role: str) -> Entity | None:
        pattern = re.compile(r"\b" + re.escape(role).replace(r"\ ", r"\s+") + r"\b", re.I)
        for match in pattern.finditer(self.text):
            after = self._person_at(match.end(), match.end() + 3, by_start=True)
            if after is not None and not self.text[match.end() : after.start].strip():
                return after  # "UN rights chief Zeid Ra'ad Al Hussein"
            before = self._person_at(match.start() - 8, match.start(), by_start=False)
            if before is not None and re.fullmatch(r",\s*(?:the\s+)?", self.text[before.end : match.start()], re.I):
                return before  # "Zeid Ra'ad Al Hussein, the UN rights chief"
        return None

    def _person_at(self, lo: int, hi: int, *, by_start: bool) -> Entity | None:
        """A person mention starting (or ending) within [lo, hi]."""
        for pos in range(max(0, lo), hi + 1):
            found = (self.person_starts if by_start else self.person_ends).get(pos)
            if found is not None:
                return found
        return None


def _as_written(phrase: str) -> str:
    return normalize_name(phrase) if phrase[:1].isupper() or phrase.lower().startswith("the ") else " ".join(phrase.split())


# --- parse helpers --------------------------------------------------------------------------------


class _Speaker(NamedTuple):
    phrase: Span  # what is resolved to an actor: "Mr. McConnell" in "Mr. McConnell, who said ..."
    head: Token
    mention: Span  # the words in the cue's clause that name the speaker: "who"


def _speaker_span(cue: Token, cues: Cues) -> _Speaker | None:
    """The speaker phrase and its head word: the cue's subject, or the object of "according to"."""
    doc = cue.doc
    if cue.lower_ == "according":
        to = doc[cue.i + 1]
        objs = [c for c in to.children if c.dep_ == "pobj"]
        return _speaker(objs[0]) if objs else None
    verb = cue
    for _ in range(4):
        subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS and _may_speak(c)]
        if subjects:
            subj = subjects[0]
            if subj.lower_ in _RELATIVES and verb.dep_ == "relcl" and verb.head.i != verb.i:
                # "Mr. McConnell, who said ...": the relative pronoun names him in the clause.
                found = _speaker(verb.head)
                return _Speaker(found.phrase, found.head, doc[subj.i : subj.i + 1])
            return _speaker(subj)
        if verb.dep_ == "relcl" or (verb.dep_ == "acl" and verb.tag_ in ("VBD", "VBZ")):
            return _speaker(verb.head)  # "the comments Trump made" misparsed, "a man yelled" read as a clause
        if verb.dep_ in _CLIMB_DEPS and verb.head.i != verb.i:
            verb = verb.head
            climb = _CLIMB_DEPS + ("prep",)
            if verb.lemma_.lower() in _MEDIUM_NOUNS:
                climb += ("dobj", "pobj", "appos")  # "issued a statement saying": the issuer speaks
            while verb.pos_ not in ("VERB", "AUX") and verb.dep_ in climb and verb.head.i != verb.i:
                verb = verb.head  # "responded by saying", "adopted an accent and joked": on to the verb
            continue
        break
    return _inverted_speaker(cue) or _speaker_before(cue)


def _headline_source(text: str, quote: QuoteSpan, span: Span) -> _Speaker | None:
    """The author a digest names after a dash and before a colon: 'POLLS NOT WRONG - Mark Blumenthal: "..."'.

    The name wins over any cue verb before it ("Pollsters agree - Carl Bialik:"), which belongs
    to the headline, not to the quote.
    """
    doc = span.doc
    lead = text[max(0, quote.start - 4) : quote.start].rstrip(" \xa0\"“«„")
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
    return _Speaker(phrase, phrase[-1], phrase)


def _colon_name(text: str, quote: QuoteSpan, span: Span) -> _Speaker | None:
    """A name right before the colon that introduces the quote: "Jeffrey M. Jones: "...""."""
    doc = span.doc
    lead = text[max(0, quote.start - 4) : quote.start].rstrip(" \xa0\"“«„")
    if lead.endswith(":") and span.start >= 2:
        j = span.start - 1
        while j >= 0 and (doc[j].is_punct or doc[j].is_space) and doc[j].text != ":":
            j -= 1
        name = doc[j - 1] if j >= 1 and doc[j].text == ":" else None
        if name is not None and name.pos_ == "PROPN" and name.dep_ not in ("pobj", "dobj", "poss"):
            return _speaker(name)
    return None


def _named_source(text: str, quote: QuoteSpan, span: Span) -> _Speaker | None:
    """The source a quote without a cue verb names by punctuation alone.

    A name and a colon before it ("RED STATES OUTNUMBER BLUE STATES - Jeffrey M. Jones: "...""),
    or a dash and a name after it, in its paragraph or the next ('"..."\n\n- Bernie Sanders.').
    """
    doc = span.doc
    named = _colon_name(text, quote, span)
    if named is not None:
        return named
    tail = _DASH_SOURCE.match(text, quote.end)
    if tail:
        first = doc.char_span(tail.end(), tail.end() + 1, alignment_mode="expand")
        if first is not None and first[0].pos_ == "PROPN":
            head = first[0]
            while head.dep_ in ("compound", "flat") and head.head.i > head.i:
                head = head.head
            return _speaker(head)
    return None


def _puts_it(token: Token) -> bool:
    """ "As Cornyn put it, "..."" and 'Cornyn put it: "..."': a way of saying, not of placing."""
    doc = token.doc
    if token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "it":
        return False
    after = doc[token.i + 2].text if token.i + 2 < len(doc) else ""
    return after in (",", ":") and (after == ":" or any(c.lower_ == "as" for c in token.children))


def _may_speak(token: Token) -> bool:
    """Not a date or an amount ("4:40 p.m. said"), except the person a date names: "the 46-year-old"."""
    return token.ent_type_ not in _NOT_SPEAKERS or (token.lower_ == "old" and token.i > 0
                                                    and token.doc[token.i - 1].text == "-")


def _inverted_speaker(cue: Token) -> _Speaker | None:
    """The speaker after a cue that follows its quote: '"...," asked the boy', '"...," tweeted spokesman Alex Conant'.

    The parser reads an inverted subject as the cue's object, or the cue as an adjective of the name.
    """
    doc = cue.doc
    j, lo = cue.i - 1, max(0, cue.i - _MAX_GAP)
    while j >= lo and doc[j].is_punct and not _is_mark(doc[j]):
        j -= 1
    if j < lo or not _is_mark(doc[j]) or cue.i + 1 >= len(doc):
        return None  # the cue does not follow a quote
    if cue.dep_ in ("amod", "compound") and cue.head.i > cue.i:
        head = cue.head
        while head.dep_ == "compound" and head.head.i > head.i:
            head = head.head
        if head.pos_ == "PROPN":
            phrase = doc[cue.i + 1 : max(_speaker(head).phrase.end, head.i + 1)]
            return _Speaker(phrase, head, phrase)  # '"Debate recap," tweeted Rubio spokesman Alex Conant.'
    if cue.tag_ not in ("VBD", "VBZ", "VBP"):
        return None  # only a finite cue is inverted: '," referencing the large number' has an object
    for child in cue.rights:
        if child.dep_ in _INVERTED_DEPS and child.pos_ in ("NOUN", "PROPN") and child.left_edge.i <= cue.i + 4 \
                and not any(t.dep_ == "poss" for t in child.lefts):  # '," denounced her record' is an object
            return _speaker(child)
        if not child.is_punct:
            break
    # '"...," said retired neurosurgeon Ben Carson, asked about ...': the name hung on a later verb.
    head = doc[cue.i + 1]
    while head.dep_ in ("compound", "amod", "det", "nummod") and cue.i < head.head.i <= cue.i + 6:
        head = head.head
    if head.pos_ == "PROPN" and head.ent_type_ == "PERSON" and head.dep_ in _SUBJECT_DEPS:
        phrase = doc[cue.i + 1 : head.i + 1]
        return _Speaker(phrase, head, phrase)
    return None


def _speaker_before(cue: Token) -> _Speaker | None:
    """A name right before a cue the parser left without a subject: "..., adviser Jake Sullivan, said:".

    Also the subject of a verb the parser hung before the cue: "Clinton, exasperated, famously responded".
    """
    doc = cue.doc
    j, lo = cue.i - 1, max(0, cue.i - _MAX_GAP)
    while j >= lo and (doc[j].is_punct and not _is_mark(doc[j]) or doc[j].pos_ in ("ADV", "AUX", "PART")):
        j -= 1
    if j < lo or doc[j].is_sent_end or cue.tag_ == "VBG":
        return None  # a participle ("Trump, in Kentucky, saying") has a subject elsewhere
    token = doc[j]
    if token.pos_ == "PROPN" and token.dep_ not in ("pobj", "dobj", "poss") \
            and (token.ent_type_ in ("PERSON", "ORG") or token.head.i == cue.i):
        # A place or a name inside a prepositional phrase is not the one speaking; a name the
        # parser glued to the cue is ('," Trump barked').
        return _speaker(token)
    if token.pos_ in ("VERB", "ADJ") and token.head.i == cue.i:
        subjects = [c for c in token.children if c.dep_ in _SUBJECT_DEPS and c.pos_ == "PROPN"]
        if subjects:
            return _speaker(subjects[0])
    return None


def _is_mark(token: Token) -> bool:
    return token.text in ('"', "“", "”", "''", "``")


def _speaker(head: Token) -> _Speaker:
    phrase = _trim_phrase(head)
    return _Speaker(phrase, head, phrase)


def _trim_phrase(head: Token) -> Span:
    """The head's name phrase, without appositions, relative clauses or trailing punctuation."""
    keep = {head.i}
    stack = [head]
    while stack:
        token = stack.pop()
        for child in token.children:
            if child.dep_ in _SPEAKER_DROP and not (child.dep_ == "prep" and child.lower_ in _SPEAKER_PREPS) \
                    and child.text not in ("(", ")", "-"):  # "The Islamic State (IS) group", "the 46-year-old"
                continue
            keep.add(child.i)
            stack.append(child)
    lo = hi = head.i
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    doc = head.doc
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    return doc[lo : hi + 1]


def _time_expression(cue: Token) -> str | None:
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


def _quote_kind(text: str, quote: QuoteSpan, span: Span | None, cue: Token | None,
                content: tuple[int, int, bool] | None, marks: Sequence[QuoteSpan]) -> str:
    """Direct when quoted words make up most of the statement, partial when they are a few words inside it.

    The statement is what the cue reports, quote included ('called the ruling a "huge win for
    Ohio voters"'): direct when at least half of its letters stand inside quotation marks (the
    measure PolNeAR's direct quotes follow) and the quote closes it.
    """
    body = text[quote.start : quote.end]
    if cue is not None and span is not None:
        lead = text[max(0, quote.start - 30) : quote.start].rstrip(" \n\"“«„")
        if lead.endswith(":") or (lead.endswith(",") and cue.idx < quote.start
                                  and lead[:-1].rstrip().endswith(cue.text) and body[:1].isupper()):
            return "direct"  # 'he demurred: "Whichever one ..."', 'Sanders had said, "We'll see,"': the statement itself
        start, end = _statement_region(quote, span, cue, content)
        # Words of the writer's own after the quote, or a quote that only qualifies the writer's noun
        # ('decried the "ghastly avalanche" in east Aleppo'), make it a partial unless it is nearly all.
        embedded = _LETTER.search(text, quote.end, end) is not None or _modifies_outside(span)
        share = _quoted_share(text, start, end, marks)
        if share >= (_EMBEDDED_SHARE if embedded else _DIRECT_SHARE):
            return "direct"
        if content is not None and content[2] and content[0] <= quote.start and quote.end <= content[1] + 1 \
                and not _modifies_outside(span):
            # Most of the reported clause itself is quoted: 'said that they were "being ridiculous."'. The
            # clause runs from the cue's first word past its asides ('insisted [Washington's decision ...]
            # did not mean', when the parser splits it).
            clause_start = min(content[0], _statement_start(cue)) if cue.idx < content[0] else content[0]
            ends = _LETTER.search(text, quote.end, content[1]) is None
            if _quoted_share(text, clause_start, content[1], marks) >= _DIRECT_SHARE \
                    and (ends or len(body.split()) >= 3):  # not a term the writer's clause goes on about
                return "direct"
        # A whole sentence in the speaker's words, however the writer's sentence goes on around it:
        # 'Rubio said, adding "We are going to win this state."' (PolNeAR's Content is the quote).
        return "direct" if _is_sentence(body) else "partial"
    if span is not None:
        sent = span[0].sent
        lead = text[min(sent.start_char, quote.start) : quote.start].rstrip(" \n\"“”«„")
        if not lead.strip() or lead.endswith((":", ",")):
            return "direct"  # the quote opens its sentence, or follows 'He added,' / 'said:'
    letter = _LETTER.search(body)
    if letter and letter.group().isupper() and len(body.split()) >= 3:
        return "direct"
    return "partial"


def _is_sentence(body: str) -> bool:
    """A quote that opens with a capital and runs to a sentence's length: a statement, not a phrase."""
    return body[:1].isupper() and len(body.split()) >= _SENTENCE_WORDS


def _modifies_outside(span: Span) -> bool:
    """The quote's words hang from a noun of the writer's: 'a decision "we did not come to lightly"'."""
    roots = [t for t in span if not (span.start <= t.head.i < span.end) or t.head.i == t.i]
    return any(t.dep_ in ("relcl", "acl", "amod", "compound", "nmod") for t in roots if not t.is_punct)


def _statement_region(quote: QuoteSpan, span: Span, cue: Token, content: tuple[int, int, bool] | None) -> tuple[int, int]:
    """The characters a cue reports around one of its quotes: its clause, or what follows it, or what precedes it."""
    if cue.idx < quote.start:
        end = max(quote.end, _statement_end(cue))
        if content is not None and content[0] <= quote.start < content[1]:
            end = max(end, content[1])  # 'said that the deals were handed out "like candy"'
        return min(_statement_start(cue), quote.start), end  # 'called Clinton a "champion" for its members'
    # '"...," said X' and 'Messages have given "voters reasons to doubt him," X said': from the sentence start.
    first = span[0]
    start = min(quote.start, first.sent.start_char)
    end = cue.idx
    subject = [c for c in cue.children if c.dep_ in _SUBJECT_DEPS and c.idx >= quote.end]
    if subject:
        end = min(end, subject[0].left_edge.idx)
    return start, max(end, quote.end)


def _statement_start(cue: Token) -> int:
    """Where the words a cue reports begin, past the asides between them ("told reporters on Monday that")."""
    addressee = cue.lemma_.lower() in _ADDRESSEE_CUES
    for child in cue.rights:
        if child.dep_ in _ASIDES or (addressee and child.dep_ in ("dobj", "dative")):
            continue
        if child.dep_ == "prep" and child.lower_ in _ASIDE_PREPS:
            continue
        return child.left_edge.idx
    return cue.idx + len(cue.text)


def _statement_end(cue: Token) -> int:
    """Where the words a cue governs end, before any further verb joined to it ("..., and left")."""
    tails = [c for c in cue.rights if c.dep_ not in _NOT_STATEMENT]
    if not tails:
        return cue.idx + len(cue.text)
    last = tails[-1].right_edge
    while last.i > cue.i and (last.is_punct or last.is_space):
        last = last.doc[last.i - 1]
    return last.idx + len(last.text)


def _quoted_share(text: str, start: int, end: int, marks: Sequence[QuoteSpan]) -> float:
    """Share of the letters in [start, end) that stand inside quotation marks."""
    total = len(_LETTER.findall(text, start, end))
    if not total:
        return 1.0
    inside = sum(len(_LETTER.findall(text, max(start, m.start), min(end, m.end)))
                 for m in marks if m.start < end and m.end > start)
    return inside / total


def _char_range(tokens: Sequence[Token], clausal: bool) -> tuple[int, int, bool] | None:
    tokens = [t for t in tokens if not t.is_space]
    if not tokens:
        return None
    first = min(tokens, key=lambda t: t.i)
    last = max(tokens, key=lambda t: t.i)
    start, end = first.idx, last.idx + len(last.text)
    return (start, end, clausal) if end > start else None


def _only_marks(doc: Doc, start_token: int, end_token: int) -> bool:
    return all(t.is_punct or t.is_space for t in doc[start_token:end_token])


def _overlap(a: int, b: int, c: int, d: int) -> int:
    return max(0, min(b, d) - max(a, c))
