"""Speakers over the whole article: the words a chunk found, resolved to canonical actors.

:func:`attribute` turns the chunks' :class:`QuoteCandidate` records into final :class:`Quote`
records: each speaker is resolved by the small rules of :data:`SPEAKER_RULES` (first decision
wins) with the article's actor mentions in view, an unattributed quote paragraph goes to the
speaker before it, and each quote is dated from the publication date.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from wirelens.extraction.actors import Entity, normalize_name
from wirelens.extraction.dates import resolve_date
from wirelens.extraction.quotes.cues import SpeakerWords
from wirelens.extraction.quotes.detect import NAME_LABELS, QuoteCandidate
from wirelens.extraction.records import Quote
from wirelens.extraction.syntax import NO_ONE_WORDS, PERSON_SPEAKER_PRONOUNS, RELATIVE_PRONOUNS, SPEAKER_PRONOUNS

Resolved = tuple[str | None, str | None]  # (actor, actor type)

# Object pronouns a misparse may leave as the speaker ("told me", "according to us"), and the possessives
# that own a report ("his comments on", "their support for"): read as subjects.
_AS_SUBJECT = {
    "me": "i",
    "us": "we",
    "him": "he",
    "her": "she",
    "them": "they",
    "my": "i",
    "our": "we",
    "your": "you",
    "his": "he",
    "its": "it",
    "their": "they",
}
# The writer and the reader: a speaker only inside a quote, where "I" is the quote's own speaker.
_FIRST_PERSON = frozenset({"i", "we"})
# A transcript turn: a paragraph opening with its speaker's name and a colon ("CLINTON: I think"), or with
# the name in double parentheses, as Wikinews interviews write it ("((Akram Pasha)) When we ...").
_TURN = re.compile(r"[ \t]*(?:\(\((?P<label>[^()\n]{2,40})\)\)|(?P<name>[A-Z][A-Za-z.'’ -]{1,40}?):\s)")
# The reader's and the writer's: "your family", "our readers".
_READER_WRITER = frozenset({"your", "my", "our"})
# Heads that count the people named after "of": "half of voters", "59 percent of Democrats".
_QUANTIFIERS = frozenset(
    {
        "half",
        "third",
        "quarter",
        "percent",
        "per",
        "majority",
        "minority",
        "most",
        "some",
        "many",
        "all",
        "few",
        "one",
        "two",
        "three",
        "four",
        "five",
        "number",
        "lot",
        "dozen",
        "dozens",
        "hundreds",
        "thousands",
        "millions",
        "none",
        "each",
        "both",
        "several",
        "any",
        "rest",
        "share",
        "plurality",
    }
)
_SECOND_PERSON = frozenset({"you"})
# An owner in a speaker phrase: "the victim's family", "Smith’s relatives".
_OWNER = re.compile(r"\b(\w+)(?:'s|’s|s'|s’)(?=\s)")
_NO_OWNER = frozenset({"one", "someone", "somebody", "anyone", "everyone", "nobody", "other", "others"})
_SENTENCE_END = frozenset('.!?"“”\n:;')


def attribute(
    records: Sequence[QuoteCandidate], text: str, entities: Sequence[Entity], published, words: SpeakerWords
) -> list[Quote]:
    """The article's quotes, in text order, each with its speaker resolved and its date."""
    resolver = SpeakerResolver(text, sorted(entities, key=lambda e: e.start), words)
    out: list[Quote] = []
    previous: Quote | None = None  # the last quote with a speaker, for continuations
    for rec in sorted(set(records), key=lambda r: (r.start, r.end)):
        if rec.speaker_start is None:
            if previous is not None and continues(text, previous, rec):
                out.append(
                    Quote(
                        rec.start,
                        rec.end,
                        rec.text,
                        rec.kind,
                        previous.speaker,
                        previous.speaker_start,
                        previous.speaker_end,
                        previous.speaker_type,
                        None,
                        previous.date,
                        previous.date_inferred,
                    )
                )
                previous = out[-1]
            continue  # no speaker in reach: a title, a scare quote or a quoted document, not a statement
        speaker, speaker_type = resolver.resolve(rec)
        date, inferred = resolve_date(rec.time_text, published)
        if (
            rec.time_text is None
            and previous is not None
            and rec.cue
            and rec.cue.lower() in ("added", "adding")
            and previous.speaker == speaker
        ):
            date, inferred = previous.date, previous.date_inferred  # "he added" goes on with the same statement
        mention = (
            (rec.mention_start, rec.mention_end)
            if rec.mention_start is not None
            else (rec.speaker_start, rec.speaker_end)
        )
        quote = Quote(
            rec.start,
            rec.end,
            rec.text,
            rec.kind,
            speaker,
            mention[0],
            mention[1],
            speaker_type,
            rec.cue,
            date,
            inferred,
        )
        out.append(quote)
        if speaker is not None:
            resolver.said(quote)
            if rec.kind != "indirect" or previous is None or previous.end <= rec.start:
                previous = quote
    return out


def continues(text: str, previous: Quote, rec: QuoteCandidate) -> bool:
    """An unattributed quote right after an attributed one, in its paragraph or the next, is its speaker's.

    After reported speech only when the quote follows it in its paragraph with nothing but the sentence's
    end between: 'Kerry said that 100,000 would be accepted. "That adds up to 185,000."'.
    """
    if rec.start < previous.end:
        return False
    between = text[previous.end : rec.start]
    if previous.kind == "indirect":
        return "\n" not in between and not between.strip(' .;:"“”')
    if between.count("\n") > 1 and between.strip('\n "“”') != "":
        return False
    # Only the attribution of the previous quote may stand in between: '," he said. "'.
    return len(between) < 200 and between.count("\n") <= 2


# --- one speaker: small rules, first decision wins ----------------------------------------------------


class SpeakerFacts(NamedTuple):
    """One candidate's speaker words, and the article's resolved actor mentions within them."""

    rec: QuoteCandidate
    inside: list[Entity]  # mentions with an actor inside the speaker phrase
    head: int  # offset of the phrase's head word


SpeakerRule = Callable[["SpeakerResolver", SpeakerFacts], "Resolved | None"]


def actor_at_the_head(r: SpeakerResolver, f: SpeakerFacts) -> Resolved | None:
    """'spokesman Josh Earnest said': the actor mention the phrase's head word stands in."""
    for e in f.inside:
        if e.start <= f.head < e.end:
            return e.actor, e.actor_type
    return None


def pronoun(r: SpeakerResolver, f: SpeakerFacts) -> Resolved | None:
    """'he said': the last person who spoke, else the last person named; "it said": the last non-person;
    "I"/"we" the speaker of the quote they stand in, "you" and a pronoun with no one before it: unattributed."""
    words = (f.rec.speaker_text or "").split()
    word = _AS_SUBJECT.get(words[0].lower(), words[0].lower()) if len(words) == 1 else ""
    if word in SPEAKER_PRONOUNS:
        return r.pronoun(word, f.rec.speaker_start)
    return None


def relative_pronoun(r: SpeakerResolver, f: SpeakerFacts) -> Resolved | None:
    """'Kerry, who said': the actor named right before the relative pronoun; no one if none is."""
    words = (f.rec.speaker_text or "").split()
    if len(words) != 1 or words[0].lower() not in RELATIVE_PRONOUNS:
        return None
    named = r.named_before(f.rec.speaker_start)
    return (named.actor, named.actor_type) if named is not None else (None, None)


def person_inside(r: SpeakerResolver, f: SpeakerFacts) -> Resolved | None:
    """'a lawyer for Hillary Clinton, said': the last person named inside the phrase."""
    persons = [e for e in f.inside if e.actor_type == "person"]
    return (persons[-1].actor, persons[-1].actor_type) if persons else None


def named_before_group_noun(r: SpeakerResolver, f: SpeakerFacts) -> Resolved | None:
    """'The Islamic State (IS) group said': the named actor before a head of group_heads (speakers.toml)."""
    text, head = r.text, f.head
    head_word = text[head : head + 20].split()[0].lower() if text[head : head + 1].strip() else ""
    if head_word.rstrip(".,") in r.words.group_heads:
        named = [e for e in f.inside if e.actor_type not in (None, "person")]
        if named:
            return named[0].actor, named[0].actor_type
    return None


def role_noun(r: SpeakerResolver, f: SpeakerFacts) -> Resolved | None:
    """'the UN rights chief said': the person the article calls "UN rights chief Zeid Ra'ad Al Hussein"."""
    named = r.role_noun(f.rec.speaker_text or "", f.rec.speaker_start)
    return (named.actor, named.actor_type) if named is not None else None


def generic_noun(r: SpeakerResolver, f: SpeakerFacts) -> Resolved | None:
    """'people said', 'researchers say', 'the family said', 'a lot of people': a noun of generic_nouns
    (speakers.toml) says only that someone spoke: unattributed, unless the phrase says whose or where they
    are ('Syrian researchers', 'researchers at Oxford University', 'the victim's family')."""
    word, _ = _head_of_count(r, f)
    if not r.generic(word.lower()) or r.qualified(f.rec.speaker_start or 0, f.rec.speaker_end or 0):
        return None
    return None, None


def no_one(r: SpeakerResolver, f: SpeakerFacts) -> Resolved | None:
    """'█ said', 'your family says', 'everyone said', 'a statement said', 'Mozilla' (a product) said:
    words that are no speaker: unattributed. A speaker is a name, a pronoun resolved above, or a
    noun phrase headed by a noun of people or organisations ('police', 'rebel commanders')."""
    phrase = " ".join((f.rec.speaker_text or "").split())
    words = phrase.lower().split()
    if not any(ch.isalpha() for ch in phrase):
        return None, None  # a symbol or a number
    if words and (
        (len(words) == 1 and words[0] in NO_ONE_WORDS)
        or words[0] in _READER_WRITER
        or " ".join(words[:2]) in NO_ONE_WORDS
    ):
        return None, None  # "everyone", "your family", "those close to him"; not "some officials"
    head = r.text[f.head : f.head + 40].split()
    head_word = head[0].lower().strip(".,;:'’\"") if head else ""
    if head_word in r.words.message_nouns or head_word.rstrip("s") in r.words.message_nouns:
        return None, None  # a statement with no sender named: the sender is unknown
    if r.not_an_actor_at(f.head):
        return None, None
    return None


def no_role(r: SpeakerResolver, f: SpeakerFacts) -> Resolved | None:
    """'the planets said', 'the results show', 'the data suggest': a common noun that names no person or
    organisation by what it is or does (people_nouns, people_endings in speakers.toml) is no speaker:
    unattributed. A name (capitalised inside the sentence, or a name the NER found) passes."""
    word, at = _head_of_count(r, f)
    if not any(ch.isalpha() for ch in word):
        return None, None
    if word[:1].isupper() and (
        f.rec.speaker_proper or not r.sentence_initial(at) or r.named_at(at) or r.capitalised_elsewhere(word)
    ):
        return None  # a name as written: "the Pentagon", "Republicans", "Trump said"
    if r.words_people(word.lower()) or r.words_people(word.lower().rsplit("-", 1)[-1]):
        return None
    return None, None


def _head_of_count(r: SpeakerResolver, f: SpeakerFacts) -> tuple[str, int]:
    """The phrase's head word and its offset; of a count, the people counted: "half of [voters]"."""
    word, at = r.word_at(f.head), f.head
    phrase = (f.rec.speaker_text or "").split()
    if (word.lower() in _QUANTIFIERS or word[:1].isdigit()) and len(phrase) > 2 and "of" in phrase:
        word, at = phrase[-1].strip(".,;:'’\"()“”"), (f.rec.speaker_end or 0) - len(phrase[-1])
    return word, at


def as_written(r: SpeakerResolver, f: SpeakerFacts) -> Resolved | None:
    """'Rebel spokesman said': the phrase itself, normalised when it is a name, with no actor type."""
    phrase = f.rec.speaker_text or ""
    if phrase[:1].isupper() or phrase.lower().startswith("the "):
        return normalize_name(phrase), None
    return " ".join(phrase.split()), None


SPEAKER_RULES: tuple[SpeakerRule, ...] = (
    actor_at_the_head,
    pronoun,
    relative_pronoun,
    person_inside,
    named_before_group_noun,
    role_noun,
    generic_noun,
    no_one,
    no_role,
    as_written,
)
# NER labels a name keeps when the actor step judged it no actor: a product, a disease, the publisher.
_ROLE_REACH = 500  # characters: longer than any role phrase plus the gap to its person
_NO_ACTOR_LABELS = frozenset({"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT"})


class SpeakerResolver:
    """Speakers to canonical actors with the article's resolved actor mentions in view."""

    def __init__(self, text: str, entities: Sequence[Entity], words: SpeakerWords):
        self.text = text
        self.entities = entities  # by start
        self.words = words
        self.starts = [e.start for e in entities]
        self.speakers: list[Quote] = []
        persons = [e for e in entities if e.actor_type == "person" and e.actor]
        self.person_starts = {e.start: e for e in persons}
        self.person_ends = {e.end: e for e in persons}
        self._roles: dict[str, Entity | None] = {}
        self._people = words.people_nouns | words.group_heads
        self._names: dict[str, bool] = {}

    def said(self, quote: Quote) -> None:
        self.speakers.append(quote)

    def resolve(self, rec: QuoteCandidate) -> Resolved:
        """The speaker's actor and actor type: the first of :data:`SPEAKER_RULES` that decides."""
        if rec.speaker_start is None or rec.speaker_end is None:
            return None, None
        inside = [e for e in self._within(rec.speaker_start, rec.speaker_end) if e.actor]
        head = rec.speaker_head if rec.speaker_head is not None else rec.speaker_start
        facts = SpeakerFacts(rec, inside, head)
        for rule in SPEAKER_RULES:
            found = rule(self, facts)
            if found is not None:
                return found
        raise AssertionError("as_written always decides")  # pragma: no cover

    def named_before(self, at: int) -> Entity | None:
        """The actor mention ending right before ``at`` ("Kerry, who"), only a comma between."""
        i = bisect.bisect_left(self.starts, at) - 1
        while i >= 0 and self.entities[i].end > at:
            i -= 1
        if i >= 0 and self.entities[i].actor and not self.text[self.entities[i].end : at].strip(" ,\n"):
            return self.entities[i]
        return None

    def not_an_actor_at(self, at: int) -> bool:
        """A name at ``at`` that the actor step found to be no actor ("Mozilla" the browser, "COVID-19")."""
        i = bisect.bisect_right(self.starts, at) - 1
        return (
            i >= 0
            and self.entities[i].start <= at < self.entities[i].end
            and self.entities[i].actor is None
            and self.entities[i].label in _NO_ACTOR_LABELS
        )

    def named_at(self, at: int) -> bool:
        """A name the NER found covers ``at``."""
        i = bisect.bisect_right(self.starts, at) - 1
        while i >= 0 and self.entities[i].start > at - 200:
            if self.entities[i].start <= at < self.entities[i].end and self.entities[i].label in NAME_LABELS:
                return True
            i -= 1
        return False

    def word_at(self, at: int) -> str:
        """The whole word (hyphens included) around offset ``at``, without punctuation: "46-year-old"."""
        start = at
        while start > 0 and not self.text[start - 1].isspace() and at - start < 40:
            start -= 1
        end = self.text.find(" ", at)
        word = self.text[start : end if end >= 0 else len(self.text)].split()
        return word[0].strip(".,;:'’\"()“”") if word else ""

    def turn_speaker(self, at: int) -> Resolved:
        """The speaker of a transcript turn ``at`` is in ("CLINTON: I think ...", an actor's name and a colon),
        else no one."""
        start = self.text.rfind("\n", 0, at) + 1
        turn = _TURN.match(self.text, start, at)
        if turn is None:
            return None, None
        group = "label" if turn.group("label") else "name"
        for e in self._within(turn.start(group), turn.end(group)):
            if e.actor:
                return e.actor, e.actor_type
        name = turn.group(group)
        if name.isupper() and len(name) > 2:
            return normalize_name(name.title()), None  # transcripts write the speaker in capitals
        if group == "label" and len(name.split()) > 1 and all(w[:1].isupper() for w in name.split()):
            return normalize_name(name), None  # "((Akram Pasha))"; not "((WN))", the interviewer, nor "((hi))"
        return None, None  # "Note: I ...", "Update: we ...": no speaker's name

    def capitalised_elsewhere(self, word: str) -> bool:
        """The article writes ``word`` with its capital inside a sentence too: a name ("Trump"), not "Studies"."""
        if word not in self._names:
            pattern = re.compile(r"[a-z,]\s+" + re.escape(word) + r"\b")
            self._names[word] = pattern.search(self.text) is not None
        return self._names[word]

    def sentence_initial(self, at: int) -> bool:
        """The word at ``at`` opens a sentence (its capital says nothing)."""
        before = self.text[max(0, at - 40) : at].rstrip(" \t")
        before = re.sub(r"(?i)(?:\b(?:the|a|an)\s+)+$", "", before).rstrip(" \t")
        return not before or before[-1] in _SENTENCE_END

    def words_people(self, word: str) -> bool:
        """A noun of people or organisations by role, singular or plural: "officials", "lawyers"."""
        nouns, endings = self._people, self.words.people_endings
        return any(w in nouns or any(w.endswith(e) and len(w) >= len(e) + 2 for e in endings) for w in _singulars(word))

    def generic(self, word: str) -> bool:
        """A noun that says only that someone spoke, singular or plural: "people", "researchers", "families"."""
        return any(w in self.words.generic_nouns for w in _singulars(word))

    def qualified(self, start: int, end: int) -> bool:
        """The phrase in [start, end) says whose or where its people are: a name inside it ("Syrian
        researchers", "researchers at Oxford University") or an owner that is no pronoun ("the victim's family")."""
        if any(e.label in NAME_LABELS for e in self._within(start, end)):
            return True
        return any(m.group(1).lower() not in _NO_OWNER for m in _OWNER.finditer(self.text, start, end))

    def _within(self, start: int, end: int) -> list[Entity]:
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.entities) and self.entities[i].start < end:
            if self.entities[i].end <= end:
                out.append(self.entities[i])
            i += 1
        return out

    def pronoun(self, pronoun: str, at: int) -> Resolved:
        """The actor a pronoun stands for; the writer ("I", "we" outside a quote) and the reader ("you")
        and a pronoun with no one before it are unattributed."""
        if pronoun in _SECOND_PERSON:
            return None, None
        if pronoun in _FIRST_PERSON:
            for quote in reversed(self.speakers):
                if quote.start <= at < quote.end and quote.kind != "indirect":
                    return quote.speaker, quote.speaker_type  # "I" inside someone's quote is that someone
            return self.turn_speaker(at)
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
        return None, None

    def role_noun(self, phrase: str, at: int) -> Entity | None:
        """ "the UN rights chief" is the person the article calls "UN rights chief Zeid Ra'ad Al Hussein"."""
        role = re.sub(r"^(?:the|a|an|its|their|his|her)\s+", "", " ".join(phrase.split()), flags=re.I)
        if len(role) < 3 or not any(ch.islower() for ch in role):
            return None
        if role.lower() not in self._roles:
            self._roles[role.lower()] = self._find_role(role)
        return self._roles[role.lower()]

    def _find_role(self, role: str) -> Entity | None:
        if not self.person_starts:
            return None
        pattern = re.compile(r"\b" + re.escape(role).replace(r"\ ", r"\s+") + r"\b", re.I)
        # Only where a person can sit beside a match: this resolver's mentions (a long article's section) are the
        # only ones _person_at finds, and a scan of the whole 10 MB text per role and per section made quotes slow.
        lo = max(min(self.person_starts) - _ROLE_REACH, 0)
        hi = max(self.person_ends) + _ROLE_REACH
        for match in pattern.finditer(self.text, lo, hi):
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


def _singulars(word: str) -> set[str]:
    """The word and the singulars it may be a plural of: "families" -> family, "witnesses" -> witness."""
    forms = {word}
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    if word.endswith("es"):
        forms.add(word[:-2])
    if word.endswith("s"):
        forms.add(word[:-1])
    if word.endswith("men"):
        forms.add(word[:-3] + "man")
    return forms
