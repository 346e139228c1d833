"""The actor network: who did what to whom, each edge with the sentence that says so.

Directed interaction edges come from the dependency parse (subject actor, verb, object
actor), from quotes (speaker -> each actor the quote mentions) and from events (perpetrator ->
target). Co-occurrence edges (two
actors in one sentence) need no parse and are counted in the store. Verb classes live in
the editable data file ``interactions.toml``.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from wirelens.extraction.interaction_rules import (
    FIGHT,
    STATEMENT,
    Vocabulary,
    classify,
    load_vocabulary,
    subjects_of,
)
from wirelens.extraction.records import Event, Interaction, Quote
from wirelens.extraction.syntax import GROUP_PRONOUNS, PERSON_PRONOUNS

if TYPE_CHECKING:  # annotations only: the network page draws graphs without importing spaCy
    from spacy.tokens import Doc, Token

    from wirelens.extraction.actors import Entity
    from wirelens.extraction.layer import ArticleContext, Earlier


class _Clause(NamedTuple):
    """A verb (or verb + interaction noun) with the character spans of its subjects and targets."""

    start: int
    end: int
    verb: str
    interaction_class: str
    subjects: tuple[tuple[int, int, str], ...]  # (start, end, lowercased text) of each subject token
    targets: tuple[tuple[int, int, str], ...]
    sent_start: int
    sent_end: int


def find_clauses(doc: Doc, offset: int = 0) -> list[_Clause]:
    """Verbs of a known class with a subject and a target, as plain character spans."""
    if not doc.has_annotation("DEP"):
        return []
    vocab = load_vocabulary()
    text = doc.text  # Doc.text joins every token: once per chunk
    out = []
    for token in doc:
        if token.pos_ not in ("VERB", "AUX") and token.dep_ != "ROOT":
            continue
        subjects = subjects_of(token)
        if not subjects:
            continue
        decision = classify(token, vocab)
        if decision is None or not decision.targets:
            continue
        end = decision.cue.idx + len(decision.cue.text)
        sent = token.sent
        out.append(
            _Clause(
                token.idx + offset,
                end + offset,
                text[token.idx : end],
                decision.interaction_class,
                tuple(_span(t, offset) for t in subjects),
                tuple(_span(t, offset) for t in decision.targets),
                sent.start_char + offset,
                sent.end_char + offset,
            )
        )
    return out


def _span(token: Token, offset: int) -> tuple[int, int, str]:
    return token.idx + offset, token.idx + len(token.text) + offset, token.lower_


class _ActorIndex:
    """Which actor a character offset belongs to, and pronoun resolution by recency."""

    def __init__(self, entities: Sequence[Entity], speakers: Mapping[tuple[int, int], str]):
        actors = sorted((e for e in entities if e.actor), key=lambda e: e.start)
        self.actors = actors
        self.starts = [e.start for e in actors]
        self.speakers = speakers  # pronoun spans the quote layer already resolved

    def at(self, start: int, end: int, text: str) -> str | None:
        i = bisect_right(self.starts, start) - 1
        if i >= 0 and self.actors[i].start <= start < self.actors[i].end:
            return self.actors[i].actor
        if (start, end) in self.speakers:
            return self.speakers[(start, end)]
        if text in PERSON_PRONOUNS or text in GROUP_PRONOUNS:
            wanted_person = text in PERSON_PRONOUNS
            for e in reversed(self.actors[: max(i + 1, 0)]):
                if (e.actor_type == "person") == wanted_person:
                    return e.actor
        return None


class NetworkLayer:
    """Interaction edges from the parse, the quotes and the events (run it after those layers)."""

    name = "interactions"
    assigns = Interaction
    # quotes: speakers resolve pronoun subjects and give edges; events: attacker -> target edges
    requires = (Quote, Event)

    def read_chunk(self, doc: Doc, offset: int) -> list[_Clause]:
        return find_clauses(doc, offset)

    def finish(self, records: list[_Clause], context: ArticleContext, earlier: Earlier) -> list[Interaction]:
        quotes = earlier.of(Quote)
        speakers = {
            (q.speaker_start, q.speaker_end): q.speaker for q in quotes if q.speaker and q.speaker_start is not None
        }
        index = _ActorIndex(context.entities, speakers)
        date = context.article.date
        out: list[Anchored] = []
        for clause in records:
            sources = {a for s in clause.subjects if (a := index.at(*s))}
            targets = {a for t in clause.targets if (a := index.at(*t))}
            for source in sorted(sources):
                for target in sorted(targets - {source}):
                    out.append(
                        (
                            Interaction(
                                clause.start,
                                clause.end,
                                source,
                                target,
                                clause.verb,
                                clause.interaction_class,
                                clause.sent_start,
                                clause.sent_end,
                                date,
                                "parse",
                            ),
                            clause.start,
                        )
                    )
        out.extend(_quote_edges(quotes, index))
        out.extend((e, e.start) for e in _event_edges(earlier.of(Event)))
        return one_edge_per_sentence(out, [s.start for s in context.sentences])


# --- one edge per sentence and pair: the most specific wins ---------------------------------------

# Origins, most telling first, for two edges of equally specific classes: an event names its
# evidence, the parse its verb, a quote only that the speaker spoke of the target.
ORIGIN_PREFERENCE = ("event", "parse", "quote")


def specificity(edge: Interaction) -> tuple[int, int, int]:
    """Sort key, best first: any class over "statement", then the origin, then the earlier cue."""
    origin = ORIGIN_PREFERENCE.index(edge.origin) if edge.origin in ORIGIN_PREFERENCE else len(ORIGIN_PREFERENCE)
    return (edge.interaction_class == STATEMENT, origin, edge.start)


Anchored = tuple[Interaction, int]  # an edge and the offset whose sentence it is said in


def one_edge_per_sentence(edges: Sequence[Anchored], sentence_starts: Sequence[int]) -> list[Interaction]:
    """'Washington announced ..., accusing Moscow': one sentence says once that the United States
    accused Russia, not also that it made a statement about it. Edges are grouped by (the
    sentence of their anchor: the cue, or for a quote its target's mention, source, target); each group
    keeps its most specific edge (:func:`specificity`). Output in text order."""
    starts = sorted(sentence_starts)
    best: dict[tuple[int, str, str], Interaction] = {}
    for edge, anchor in edges:
        key = (bisect_right(starts, anchor) - 1, edge.source, edge.target)
        if key not in best or specificity(edge) < specificity(best[key]):
            best[key] = edge
    return sorted(best.values(), key=lambda e: (e.start, e.end, e.source, e.target))


def _event_edges(events: Sequence[Any]) -> list[Interaction]:
    """Perpetrator -> target of each violent event the events layer found (aggregates excluded)."""
    return [
        Interaction(e.start, e.end, e.actor1, e.actor2, e.cue, FIGHT, e.sent_start, e.sent_end, e.date, "event")
        for e in events
        if e.actor1 and e.actor2 and e.actor1 != e.actor2 and not e.aggregate
    ]


def cue_class(cue: str | None, vocab: Vocabulary | None = None) -> str:
    """The class of a quote's cue word ("accusing", "urged", "slammed"), else "statement".

    Cues come as written; the verb is found by undoing the regular endings.
    """
    if not cue:
        return STATEMENT
    verbs = (vocab or load_vocabulary()).verbs
    word = cue.lower().split()[0]
    stems = [word]
    for ending in ("ing", "ed", "es", "s", "d"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            stems += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                stems.append(stem[:-1])  # "slammed", "shelling"
            if stem.endswith("i"):
                stems.append(stem[:-1] + "y")  # "criticised" is regular; "decried" -> "decry"
    return next((verbs[s] for s in stems if s in verbs), STATEMENT)


def _quote_edges(quotes: Sequence[Any], index: _ActorIndex) -> list[Anchored]:
    """A speaker -> each actor their quote mentions: who spoke about whom, in the class of the cue
    ("accusing Moscow of ...": accuse/criticise) or as a statement."""
    out = []
    vocab = load_vocabulary()
    for q in quotes:
        if not q.speaker:
            continue
        first: dict[str, int] = {}
        for e in index.actors:
            if q.start <= e.start and e.end <= q.end and e.actor != q.speaker:
                first.setdefault(e.actor, e.start)
        for target in sorted(first):
            out.append(
                (
                    Interaction(
                        q.start,
                        q.end,
                        q.speaker,
                        target,
                        q.cue or "said",
                        cue_class(q.cue, vocab),
                        q.start,
                        q.end,
                        q.date,
                        "quote",
                    ),
                    first[target],
                )
            )
    return out
