"""Each named rule of the events room on its own: text -> what it decides, with sentences it must leave
alone. Word rules (extraction/events/rules.py) on plain text; parse rules (detect.py) on sentences
parsed by the real model."""

from __future__ import annotations

import pytest

from wirelens.extraction.events import detect, rules
from wirelens.extraction.events.cues import load_cues
from wirelens.extraction.events.detect import Match, find_matches, reading_of
from wirelens.extraction.events.rules import CIVILIANS, Agent, Crowd, Harm, Setting, first_answer
from wirelens.extraction.events.taxonomy import (
    ARMED_CLASH,
    ATTACK,
    DISRUPTED_WEAPONS,
    EXCESSIVE_FORCE,
    GOVERNMENT_REGAINS,
    NONSTATE_OVERTAKES,
    NONVIOLENT_TRANSFER,
    PROTEST_WITH_INTERVENTION,
    STRATEGIC_DEVELOPMENTS,
    VIOLENCE_AGAINST_CIVILIANS,
    VIOLENT_DEMONSTRATION,
)

CUES = load_cues()


def test_first_answer_is_the_first_rule_that_answers():
    assert first_answer((lambda s: None, lambda s: s + "!", lambda s: "late"), "x") == "x!"
    assert first_answer((lambda s: None,), "x") is None
    assert first_answer((), "x") is None


# --- protests (rules.PROTEST_RULES) -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "text", "expected"),
    [
        (rules.violent_demonstration, "protesters threw stones at the police.", VIOLENT_DEMONSTRATION),
        (rules.violent_demonstration, "rioters torched cars in the capital.", VIOLENT_DEMONSTRATION),
        (rules.violent_demonstration, "thousands marched peacefully through the capital.", None),
        (rules.excessive_force, "police opened fire on the protesters, killing two.", EXCESSIVE_FORCE),
        (rules.excessive_force, "police used live ammunition against the crowd.", EXCESSIVE_FORCE),
        (rules.excessive_force, "police fired tear gas at the protesters.", None),
        (
            rules.protest_with_intervention,
            "police fired tear gas to disperse the demonstrators.",
            PROTEST_WITH_INTERVENTION,
        ),
        (rules.protest_with_intervention, "police arrested dozens of protesters.", PROTEST_WITH_INTERVENTION),
        (rules.protest_with_intervention, "thousands rallied in the square on friday.", None),
        (rules.protest_with_intervention, "the police blockade held.", None),  # whole words only: not "blocked"
    ],
)
def test_protest_rule(rule, text, expected):
    assert rule(Crowd(text, CUES)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a violent crowd outranks what the police did
        ("police fired tear gas at protesters who threw stones.", VIOLENT_DEMONSTRATION),
        ("police shot dead two protesters and arrested ten.", EXCESSIVE_FORCE),
        ("thousands marched peacefully.", None),
    ],
)
def test_protest_rules_in_order(text, expected):
    assert first_answer(rules.PROTEST_RULES, Crowd(text, CUES)) == expected


# --- territory side (rules.SIDE_RULES) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "words", "expected"),
    [
        (rules.non_state_side, {"rebel", "fighters", "fighter"}, rules.NON_STATE),
        (rules.non_state_side, {"al", "shabaab", "militants", "militant"}, rules.NON_STATE),
        (rules.non_state_side, {"the", "army"}, None),
        (rules.government_side, {"syrian", "army"}, rules.GOVERNMENT),
        (rules.government_side, {"security", "forces", "force"}, rules.GOVERNMENT),
        (rules.government_side, {"villagers"}, None),
    ],
)
def test_side_rule(rule, words, expected):
    assert rule(Agent(words, CUES)) == expected


def test_a_non_state_word_outranks_a_government_word():
    assert first_answer(rules.SIDE_RULES, Agent({"rebel", "forces"}, CUES)) == rules.NON_STATE
    assert first_answer(rules.SIDE_RULES, Agent({"residents"}, CUES)) is None


# --- attack or clash (rules.ATTACK_OR_CLASH_RULES) ---------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "sub_type", "hit", "sentence", "expected"),
    [
        (rules.armed_side_hit, ATTACK, "a police checkpoint", "militants attacked a police checkpoint.", ARMED_CLASH),
        (
            rules.armed_side_hit,
            ATTACK,
            "a marketplace and a military base",
            "they attacked a marketplace and a military base.",
            ARMED_CLASH,
        ),
        (rules.armed_side_hit, ATTACK, "a civilian bus", "gunmen opened fire on a civilian bus.", None),
        (rules.armed_side_hit, ATTACK, "", "gunmen killed two soldiers.", None),  # no target: not this rule
        (rules.civilians_hit, ARMED_CLASH, "a bus", "militants ambushed a bus.", ATTACK),
        (
            rules.civilians_hit,
            ATTACK,
            "the stock exchange building",
            "armed men attacked the stock exchange building.",
            ATTACK,
        ),
        (rules.civilians_hit, ATTACK, "the town", "rebels attacked the town.", None),
        (rules.armed_sides_only, ATTACK, "", "two soldiers were killed in the north.", ARMED_CLASH),
        (rules.armed_sides_only, ATTACK, "", "two soldiers and a child were killed.", None),  # a civilian named
        (rules.armed_sides_only, ATTACK, "", "two men were killed in the north.", None),  # no armed side
        (rules.armed_sides_only, ARMED_CLASH, "", "soldiers clashed with each other.", None),  # only Attack turns
    ],
)
def test_attack_or_clash_rule(rule, sub_type, hit, sentence, expected):
    assert rule(Setting(sub_type, hit, sentence, CUES)) == expected


def test_what_was_hit_decides_before_the_sentence():
    # a civilian in the sentence, but the target is armed
    setting = Setting(ATTACK, "soldiers at a checkpoint", "gunmen opened fire on soldiers near a school.", CUES)
    assert first_answer(rules.ATTACK_OR_CLASH_RULES, setting) == ARMED_CLASH
    assert first_answer(rules.ATTACK_OR_CLASH_RULES, Setting(ATTACK, "", "a man was stabbed.", CUES)) is None


# --- "Civilians" as actor2 (rules.VICTIM_RULES) -----------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "hit", "sentence", "event_type", "expected"),
    [
        (
            rules.civilian_target_hit,
            "a wedding",
            "a suicide attack hit a wedding.",
            "Explosions/Remote violence",
            CIVILIANS,
        ),
        (
            rules.civilian_target_hit,
            "a civilian bus",
            "gunmen opened fire on a civilian bus.",
            VIOLENCE_AGAINST_CIVILIANS,
            CIVILIANS,
        ),
        (
            rules.civilian_target_hit,
            "soldiers at a checkpoint",
            "gunmen opened fire on soldiers at a checkpoint.",
            VIOLENCE_AGAINST_CIVILIANS,
            None,
        ),
        (rules.civilian_target_hit, "the town", "rebels shelled the town.", "Explosions/Remote violence", None),
        (rules.civilians_named, "", "six villagers were killed in the north.", VIOLENCE_AGAINST_CIVILIANS, CIVILIANS),
        (rules.civilians_named, "", "six villagers and two soldiers were killed.", VIOLENCE_AGAINST_CIVILIANS, None),
        (rules.civilians_named, "", "the blast killed six villagers.", "Explosions/Remote violence", None),
    ],
)
def test_victim_rule(rule, hit, sentence, event_type, expected):
    assert rule(Harm(hit, sentence, event_type, CUES)) == expected


def test_no_victim_rule_guesses():
    assert first_answer(rules.VICTIM_RULES, Harm("", "rebels shelled the town.", STRATEGIC_DEVELOPMENTS, CUES)) is None


# --- rules on the parse (detect.SUB_TYPE_RULES, detect.BEST_OVERRIDES) --------------------------------


@pytest.fixture(scope="module")
def parse(extractor):
    return extractor.nlp


def _match(doc, sub_type) -> Match:
    return next(m for m in find_matches(doc, CUES) if m.sub_type == sub_type)


@pytest.mark.parametrize(
    ("rule", "text", "cue_sub_type", "expected"),
    [
        (
            detect.protest_outcome,
            "Protesters threw stones at the police in the capital.",
            "Peaceful protest",
            VIOLENT_DEMONSTRATION,
        ),
        (
            detect.protest_outcome,
            "Thousands of protesters marched through the capital on Friday.",
            "Peaceful protest",
            "Peaceful protest",
        ),
        (detect.protest_outcome, "Rebels shelled the town on Monday.", "Shelling/artillery/missile attack", None),
        (detect.weapons_disrupted, "Police seized seven firearms in the raid.", NONSTATE_OVERTAKES, DISRUPTED_WEAPONS),
        (
            detect.weapons_disrupted,
            "Troops destroyed the landmines near the border.",
            "Remote explosive/landmine/IED",
            DISRUPTED_WEAPONS,
        ),
        (detect.weapons_disrupted, "Rebels seized the town on Monday.", NONSTATE_OVERTAKES, None),
        (detect.weapons_disrupted, "A landmine exploded near the border.", "Remote explosive/landmine/IED", None),
        (
            detect.territory_side,
            "Al Shabaab militants recaptured the coastal town on Sunday.",
            GOVERNMENT_REGAINS,
            NONSTATE_OVERTAKES,
        ),
        (
            detect.territory_side,
            "The Syrian army captured the town on Thursday.",
            NONSTATE_OVERTAKES,
            GOVERNMENT_REGAINS,
        ),
        (detect.territory_side, "The town was captured on Thursday.", NONSTATE_OVERTAKES, None),  # nobody named
        (detect.territory_side, "Rebels shelled the town on Monday.", "Shelling/artillery/missile attack", None),
    ],
)
def test_sub_type_rule(parse, rule, text, cue_sub_type, expected):
    doc = parse(text)
    assert rule(reading_of(doc, _match(doc, cue_sub_type), CUES)) == expected


@pytest.mark.parametrize(
    ("rule", "text", "best_sub_type", "expected"),
    [
        (
            detect.ground_handed_over,
            "Government forces took control of the town after YPG forces pulled out.",
            NONSTATE_OVERTAKES,
            NONVIOLENT_TRANSFER,
        ),
        (detect.ground_handed_over, "Government forces took control of the town on Monday.", NONSTATE_OVERTAKES, None),
        (detect.violence_at_a_crowd, "Police clashed with protesters in the capital.", ARMED_CLASH, "Peaceful protest"),
        (detect.violence_at_a_crowd, "Police clashed with militants in the capital.", ARMED_CLASH, None),
        (detect.violence_at_a_crowd, "Protesters were hit by grenades in the capital.", "Grenade", None),
    ],
)
def test_best_cue_override(parse, rule, text, best_sub_type, expected):
    doc = parse(text)
    kept = find_matches(doc, CUES)
    changed = rule(_match(doc, best_sub_type), kept, CUES)
    assert (changed.sub_type if changed is not None else None) == expected


@pytest.mark.parametrize(
    ("text", "is_fact"),
    [
        ("Rebels attacked the town on Monday.", True),
        ("Rebels did not attack the town on Monday.", False),  # negated
        ("Rebels could attack the town on Monday.", False),  # a modal: a possibility
        ("Rebels launched a push to capture the town.", False),  # a purpose
        ("Witnesses said rebels had attacked the town.", True),  # the saying reports a fact
    ],
)
def test_reported_as_fact(parse, text, is_fact):
    doc = parse(text)
    (match,) = [m for m in find_matches(doc, CUES) if m.sub_type in (ATTACK, NONSTATE_OVERTAKES)]
    assert detect.reported_as_fact(doc[match.last], CUES) is is_fact
