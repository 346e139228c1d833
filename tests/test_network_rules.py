"""The network's clause rules (network.CLAUSE_RULES), one edge per sentence and pair, quote cue
classes and event targets in the graph: each rule on its example and on the ones it must pass."""

from __future__ import annotations

import datetime as dt

import pytest

from wirelens.dashboard.network_graph import VICTIM_GROUPS, actor_graph
from wirelens.extraction import interaction_rules as network  # the clause rules live there
from wirelens.extraction.interaction_rules import (
    CLAUSE_RULES,
    STATEMENT,
    ClauseFacts,
    classify,
    interaction_classes,
    load_vocabulary,
)
from wirelens.extraction.network import cue_class, one_edge_per_sentence
from wirelens.extraction.records import Interaction


@pytest.fixture(scope="module")
def nlp():
    from wirelens.extraction.nlp import load_model

    return load_model()


def _verb(nlp, text: str, verb: str):
    doc = nlp(text)
    return next(t for t in doc if t.text == verb)


@pytest.mark.parametrize(
    ("rule", "text", "verb", "expected"),
    [
        (network.negated, "Russia did not agree with France.", "agree", ""),
        (network.negated, "Russia agreed with France.", "agreed", None),
        (network.broken_off, "The United States abandoned talks with Russia.", "abandoned", ""),
        (network.broken_off, "Iran refused to negotiate with the United States.", "negotiate", ""),
        (network.broken_off, "Turkey rejected talks with the Kurds.", "rejected", ""),
        (network.broken_off, "Iran agreed to negotiate with the United States.", "negotiate", None),
        (network.labelled, "Pelosi called Trump a 'national embarrassment' on Tuesday.", "called", "accuse/criticise"),
        (network.labelled, "Obama called Trump a national embarrassment.", "called", "accuse/criticise"),
        (network.labelled, "The senator called on Russia to withdraw.", "called", None),  # an appeal
        (network.labelled, "Critics branded Putin a liar.", "branded", "accuse/criticise"),  # an insult
        (network.labelled, "The BBC calls its new player the Interactive Media Player.", "calls", "statement"),
        (network.labelled, "Russia blamed Washington.", "blamed", None),
        (network.noun_of_the_object, "Kerry offered fierce criticism of Moscow.", "offered", "accuse/criticise"),
        (network.noun_of_the_object, "Kerry offered bread to Moscow.", "offered", None),
        (network.verb_of_a_class, "Russia blamed Washington.", "blamed", "accuse/criticise"),
        (network.verb_of_a_class, "Trump slammed Pelosi.", "slammed", "accuse/criticise"),
        (network.verb_of_a_class, "Russia visited Washington.", "visited", None),
    ],
)
def test_clause_rules(nlp, rule, text, verb, expected):
    decision = rule(ClauseFacts(_verb(nlp, text, verb), load_vocabulary()))
    assert (decision.interaction_class if decision is not None else None) == expected


@pytest.mark.parametrize(
    ("text", "verb", "expected"),
    [
        ("The United States abandoned talks with Russia.", "abandoned", None),
        ("Washington pulled out of talks with Moscow.", "pulled", None),
        ("Russia did not agree with France.", "agree", None),
        ("Russia agreed with France.", "agreed", "cooperate/negotiate"),
        ("The United States held talks with Russia.", "held", "cooperate/negotiate"),
        ("Pelosi called Trump a 'national embarrassment'.", "called", "accuse/criticise"),
        ("The senator called on Russia to withdraw.", "called", "demand/appeal"),
        ("Rebels did not attack the army.", "attack", None),
    ],
)
def test_classify_takes_the_first_decision(nlp, text, verb, expected):
    decision = classify(_verb(nlp, text, verb))
    assert (decision.interaction_class if decision is not None else None) == expected


def test_rule_table_holds_documented_rules():
    assert all(rule.__doc__ for rule in CLAUSE_RULES)


def test_modifiers_are_not_a_class():
    assert "modifiers" not in interaction_classes()
    vocab = load_vocabulary()
    assert "abandon" in vocab.breaking_off and "call" in vocab.labelling
    assert vocab.labelling_class in interaction_classes()


@pytest.mark.parametrize(
    ("cue", "expected"),
    [
        ("accusing", "accuse/criticise"),
        ("slammed", "accuse/criticise"),
        ("blamed", "accuse/criticise"),
        ("urged", "demand/appeal"),
        ("decried", "accuse/criticise"),
        ("said", STATEMENT),
        ("added", STATEMENT),
        ("according to", STATEMENT),
        (None, STATEMENT),
        ("thinks", STATEMENT),
    ],
)
def test_a_quote_edge_takes_its_cue_class(cue, expected):
    assert cue_class(cue) == expected


def _edge(source, target, cls, origin, start, sent=(0, 50)):
    return Interaction(start, start + 5, source, target, "v", cls, sent[0], sent[1], dt.date(2016, 10, 4), origin)


def test_one_edge_per_sentence_and_pair_the_most_specific_winning():
    starts = [0, 50]
    edges = [
        (_edge("US", "Russia", STATEMENT, "quote", 10), 30),  # the quote names Russia in sentence 0
        (_edge("US", "Russia", "accuse/criticise", "parse", 30), 30),  # "accusing Moscow", same sentence
        (_edge("US", "Russia", STATEMENT, "quote", 10), 60),  # another quote naming Russia in sentence 1
        (_edge("US", "Assad", STATEMENT, "quote", 10), 35),  # another pair: kept
        (_edge("IS", "Civilians", "fight/attack", "parse", 55, (50, 90)), 55),
        (_edge("IS", "Civilians", "fight/attack", "event", 52, (50, 90)), 52),  # same class: the event wins
    ]
    kept = {(e.source, e.target, e.interaction_class, e.origin) for e in one_edge_per_sentence(edges, starts)}
    assert kept == {
        ("US", "Russia", "accuse/criticise", "parse"),
        ("US", "Russia", STATEMENT, "quote"),
        ("US", "Assad", STATEMENT, "quote"),
        ("IS", "Civilians", "fight/attack", "event"),
    }


def test_an_event_target_that_is_no_mention_is_drawn():
    graph = actor_graph(
        [("Islamic State", "armed group", 2), ("Russia", "state", 5)],
        [
            ("Islamic State", "Civilians", "fight/attack", 1),
            ("Russia", "Ghost", "aid", 1),
            ("Hidden", "Civilians", "fight/attack", 1),
        ],
    )
    assert graph.has_edge("Islamic State", "Civilians")
    assert "Ghost" not in graph and "Hidden" not in graph  # other unknown actors stay out


def test_victim_groups_are_the_events_layer_names():
    from wirelens.extraction.events.rules import CIVILIANS

    assert CIVILIANS in VICTIM_GROUPS


def test_seed_abandoned_talks_are_no_cooperation(extractor, seed_article):
    edges = {(i.source, i.target, i.interaction_class) for i in extractor.extract_one(seed_article).interactions}
    assert ("United States", "Russia", "cooperate/negotiate") not in edges
    assert ("United States", "Russia", "accuse/criticise") in edges
    assert ("Islamic State", "Civilians", "fight/attack") in edges


def test_seed_accusing_sentence_gives_one_edge(extractor, seed_article):
    ex = extractor.extract_one(seed_article)
    text = ex.article.text
    sentence = text.index("accusing Moscow")
    pairs = [
        (i.source, i.target)
        for i in ex.interactions
        if i.source == "United States" and i.target == "Russia" and i.start <= sentence < i.sent_end
    ]
    assert len(pairs) == len(set(pairs))
    classes = {
        i.interaction_class
        for i in ex.interactions
        if i.source == "United States" and i.target == "Russia" and i.sent_start <= sentence < i.sent_end
    }
    assert STATEMENT not in classes
