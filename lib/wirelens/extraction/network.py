"""The actor network: who did what to whom, each edge with the sentence that says so.

Directed interaction edges come from the dependency parse (subject actor, verb, object
actor), from quotes (speaker -> each actor the quote mentions) and from events (perpetrator ->
target). Co-occurrence edges (two
actors in one sentence) need no parse and are counted in the store. Verb classes live in
the editable data file ``interactions.toml``.
"""

from __future__ import annotations

import tomllib
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from wirelens.extraction.records import Event, Interaction, Quote
from wirelens.extraction.syntax import GROUP_PRONOUNS, PERSON_PRONOUNS, with_conjuncts

if TYPE_CHECKING:  # annotations only: the network page draws graphs without importing spaCy
    from spacy.tokens import Doc, Token

    from wirelens.extraction.actors import Entity
    from wirelens.extraction.layer import ArticleContext, Earlier

CLASSES_FILE = Path(__file__).with_name("interactions.toml")
STATEMENT = "statement"
FIGHT = "fight/attack"
_SUBJECTS = ("nsubj", "nsubjpass", "csubj")
_OBJECTS = ("dobj", "dative", "attr")
# Prepositions that introduce the other party ("fought against", "talks with", "seized from").
_PARTY_PREPS = frozenset("against with from on of at for to between toward towards over".split())
# Clauses that share their head verb's subject ("announced ..., accusing Moscow").
_SUBJECT_SHARING = ("advcl", "xcomp", "conj", "pcomp", "acl", "ccomp")


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


class Vocabulary(NamedTuple):
    """interactions.toml read: the class words, and the words that change what they mean."""

    verbs: dict[str, str]  # verb lemma -> class
    nouns: dict[str, str]  # noun lemma -> class
    breaking_off: frozenset[str]  # "abandoned talks", "refused to negotiate": the class word did not happen
    labelling: frozenset[str]  # "called Trump a 'national embarrassment'": a judgement of the object
    labelling_class: str
    insults: frozenset[str]  # label heads that judge without quotation marks: "called him a liar"


MODIFIERS = "modifiers"  # the table of interactions.toml that is not a class


@lru_cache(maxsize=4)
def load_vocabulary(path: Path = CLASSES_FILE) -> Vocabulary:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    verbs: dict[str, str] = {}
    nouns: dict[str, str] = {}
    for name, words in data.items():
        if name == MODIFIERS:
            continue
        for verb in words.get("verbs", []):
            verbs[verb.lower()] = name
        for noun in words.get("nouns", []):
            nouns[noun.lower()] = name
    mods = data.get(MODIFIERS, {})
    labelling_class = str(mods.get("labelling_class", "accuse/criticise"))
    if labelling_class not in data or labelling_class == MODIFIERS:
        raise ValueError(f"{path}: labelling_class {labelling_class!r} is not a class of the file")
    return Vocabulary(
        verbs,
        nouns,
        frozenset(w.lower() for w in mods.get("breaking_off", [])),
        frozenset(w.lower() for w in mods.get("labelling", [])),
        labelling_class,
        frozenset(w.lower() for w in mods.get("insults", [])),
    )


def load_classes(path: Path = CLASSES_FILE) -> tuple[dict[str, str], dict[str, str]]:
    """(verb lemma -> class, noun lemma -> class) from the interaction classes file."""
    vocab = load_vocabulary(path)
    return vocab.verbs, vocab.nouns


def interaction_classes(path: Path = CLASSES_FILE) -> list[str]:
    return [name for name in tomllib.loads(path.read_text(encoding="utf-8")) if name != MODIFIERS]


# --- what a verb's clause says one actor did to another: small rules, first decision wins ----------

NO_EDGE = ""  # a rule's decision that the clause gives no edge at all


class ClauseFacts(NamedTuple):
    verb: Token
    vocab: Vocabulary


class Decision(NamedTuple):
    interaction_class: str  # NO_EDGE: none
    cue: Token  # the last word of the cue: the verb, or the interaction noun after it
    targets: list[Token]


ClauseRule = Callable[[ClauseFacts], "Decision | None"]


def _governing_verbs(verb: Token) -> list[Token]:
    """The verb and those it hangs from and shares a subject with ("refused to negotiate": both)."""
    out, token = [verb], verb
    for _ in range(4):
        if token.dep_ not in _SUBJECT_SHARING or token.head.i == token.i:
            break
        token = token.head
        out.append(token)
    return out


def negated(f: ClauseFacts) -> Decision | None:
    """'Russia did not agree with France', 'never attacked': what did not happen is no edge."""
    if any(c.dep_ == "neg" for v in _governing_verbs(f.verb) for c in v.children):
        return Decision(NO_EDGE, f.verb, [])
    return None


def broken_off(f: ClauseFacts) -> Decision | None:
    """'abandoned talks with Russia', 'refused to negotiate with': a class word under a verb of
    ``breaking_off`` is its opposite, not an edge of its class."""
    if any(v.lemma_.lower() in f.vocab.breaking_off for v in _governing_verbs(f.verb)):
        return Decision(NO_EDGE, f.verb, [])
    return None


def labelled(f: ClauseFacts) -> Decision | None:
    """'called Trump a "national embarrassment"': a label in quotation marks, or an insult, judges
    the actor named; any other label ('calls its player the iMP') is a statement about it."""
    verb = f.verb
    if verb.lemma_.lower() not in f.vocab.labelling:
        return None
    objects = [c for c in verb.children if c.dep_ in ("dobj", "oprd")]
    # The label: an object predicate, or the second of two objects, or the object's apposition
    # (the small model reads "branded Putin a liar" and "calls its player the iMP" so).
    labels = (
        [c for c in objects if c.dep_ == "oprd"]
        or objects[1:]
        or [a for o in objects for a in o.children if a.dep_ == "appos"]
    )
    if not labels:  # "called for action", "called on Russia to": an appeal, not a label
        return None
    label = labels[-1]
    words = list(label.subtree)
    doc = verb.doc
    quoted = any(t.text in "\"“”'‘’" for t in doc[max(words[0].i - 1, 0) : min(words[-1].i + 2, len(doc))])
    judged = quoted or label.lemma_.lower() in f.vocab.insults or label.lower_ in f.vocab.insults
    return Decision(f.vocab.labelling_class if judged else STATEMENT, verb, with_conjuncts(objects))


def noun_of_the_object(f: ClauseFacts) -> Decision | None:
    """'offering fierce criticism of Moscow': the object noun says what happened."""
    for obj in (c for c in f.verb.children if c.dep_ in _OBJECTS):
        cls = f.vocab.nouns.get(obj.lemma_.lower()) or f.vocab.nouns.get(obj.lower_)
        if cls:
            return Decision(cls, obj, _targets(obj) or _targets(f.verb))
    return None


def verb_of_a_class(f: ClauseFacts) -> Decision | None:
    """'Russia blamed Washington': the verb's class, with its objects and party prepositions."""
    cls = f.vocab.verbs.get(f.verb.lemma_.lower())
    return Decision(cls, f.verb, _targets(f.verb)) if cls else None


CLAUSE_RULES: tuple[ClauseRule, ...] = (negated, broken_off, labelled, noun_of_the_object, verb_of_a_class)


def classify(verb: Token, vocab: Vocabulary | None = None) -> Decision | None:
    """The first of :data:`CLAUSE_RULES` that decides; None when none does (no edge)."""
    facts = ClauseFacts(verb, vocab or load_vocabulary())
    for rule in CLAUSE_RULES:
        decision = rule(facts)
        if decision is not None:
            return decision if decision.interaction_class != NO_EDGE else None
    return None


def find_clauses(doc: Doc, offset: int = 0) -> list[_Clause]:
    """Verbs of a known class with a subject and a target, as plain character spans."""
    if not doc.has_annotation("DEP"):
        return []
    vocab = load_vocabulary()
    out = []
    for token in doc:
        if token.pos_ not in ("VERB", "AUX") and token.dep_ != "ROOT":
            continue
        subjects = _subjects(token)
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
                doc.text[token.idx : end],
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


def _subjects(verb: Token) -> list[Token]:
    """The verb's own subjects, or those of the clause it hangs from ("announced ..., accusing")."""
    token = verb
    for _ in range(4):
        own = [c for c in token.children if c.dep_ in _SUBJECTS]
        if own:
            passive_agents = [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            return with_conjuncts(passive_agents or own)
        if token.dep_ not in _SUBJECT_SHARING or token.head.i == token.i:
            return []
        token = token.head
    return []


def _targets(head: Token) -> list[Token]:
    """Direct objects, and the objects of party prepositions, of ``head`` (not deeper clauses)."""
    found = [c for c in head.children if c.dep_ in _OBJECTS or (c.dep_ == "nsubjpass" and head.pos_ == "VERB")]
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in _PARTY_PREPS):
        found.extend(g for g in prep.children if g.dep_ == "pobj")
    for obj in [c for c in head.children if c.dep_ in _OBJECTS]:  # "seized buildings from rebel groups"
        for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ in _PARTY_PREPS):
            found.extend(g for g in prep.children if g.dep_ == "pobj")
    return with_conjuncts(found)


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


# --- the graph: plain data in, networkx out (used by the network page and for export) ------

COOCCURRENCE = "co-occurrence"
# ACLED's actor2 for unarmed victims, as the events layer names it (events.rules.CIVILIANS):
# an event's target that is no actor mention, drawn whenever its attacker is.
VICTIM_GROUPS = frozenset({"Civilians"})


def actor_graph(
    nodes: Iterable[tuple[str, str, int]],
    interactions: Iterable[tuple[str, str, str, int]],
    cooccurrences: Iterable[tuple[str, str, int]] = (),
) -> Any:
    """A MultiDiGraph: nodes (actor, type, mentions); one edge per (source, target, class)
    with its count as ``weight``; co-occurrence edges carry class "co-occurrence".

    An edge to an actor not among ``nodes`` is dropped (the page's top-N and type filters),
    except to a victim group of :data:`VICTIM_GROUPS`: the events layer names it as an attack's
    target ("Islamic State -> Civilians"), though no sentence names it, so it is never a mention."""
    import networkx as nx

    graph = nx.MultiDiGraph()
    for actor, actor_type, mentions in sorted(nodes):
        graph.add_node(actor, type=actor_type or "", mentions=int(mentions))
    interactions = sorted(interactions)
    for source, target, _cls, _weight in interactions:
        for end, other in ((source, target), (target, source)):
            if end in VICTIM_GROUPS and end not in graph and other in graph:
                graph.add_node(end, type="", mentions=0)  # named by events, never as a mention
    for source, target, cls, weight in interactions:
        if source in graph and target in graph:
            graph.add_edge(source, target, key=cls, interaction_class=cls, weight=int(weight), directed=True)
    for a, b, weight in sorted(cooccurrences):
        if a in graph and b in graph:
            graph.add_edge(a, b, key=COOCCURRENCE, interaction_class=COOCCURRENCE, weight=int(weight), directed=False)
    return graph


def graph_layout(graph: Any, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Node positions that depend only on the graph: the same corpus gives the same picture."""
    import networkx as nx

    simple = nx.Graph()
    simple.add_nodes_from(sorted(graph.nodes))
    for a, b, data in sorted(graph.edges(data=True), key=lambda e: (e[0], e[1], e[2]["interaction_class"])):
        w = simple.get_edge_data(a, b, {}).get("weight", 0) + data["weight"]
        simple.add_edge(a, b, weight=w)
    # Each connected component is laid out on its own and the components are set side by
    # side, largest first: one layout over all of them flings the small ones to the edges.
    components = sorted(nx.connected_components(simple), key=lambda c: (-len(c), min(c)))
    out: dict[str, tuple[float, float]] = {}
    x_offset = 0.0
    for component in components:
        radius = max(len(component), 1) ** 0.5
        for node, (x, y) in _component_layout(simple.subgraph(sorted(component)), seed).items():
            out[node] = (x_offset + radius * float(x), radius * float(y))
        x_offset += 2 * radius + 0.8
    return out


def _component_layout(graph: Any, seed: int) -> dict[str, tuple[float, float]]:
    """Kamada-Kawai (even, deterministic) for up to 150 nodes, seeded spring layout beyond."""
    import networkx as nx

    n = graph.number_of_nodes()
    if n == 1:
        return {next(iter(graph.nodes)): (0.0, 0.0)}
    if n == 2:
        a, b = sorted(graph.nodes)
        return {a: (-0.5, 0.0), b: (0.5, 0.0)}
    if n <= 150:
        return nx.kamada_kawai_layout(graph, weight=None, scale=1.0)  # our weights are strengths, not distances
    return nx.spring_layout(graph, seed=seed, k=2.5 / n**0.5, iterations=200, scale=1.0)


def export_graph(graph: Any, fmt: str) -> bytes:
    """The graph as GraphML or GEXF bytes (for Gephi and friends)."""
    import io

    import networkx as nx

    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(graph, buffer)
    elif fmt == "gexf":
        nx.write_gexf(graph, buffer)
    else:
        raise ValueError(f"unknown graph format {fmt!r}; use graphml or gexf")
    return buffer.getvalue()
