"""Sub-type decisions on plain words (no parse): tables of small named rules, tried in order.

The first rule of a table that answers (returns a value, not None) decides; each rule's
docstring gives a sentence it decides. The word lists are ``cues.toml``'s; the sub-types are the
taxonomy's constants. :mod:`.detect` applies the protest and territory tables to a cue's sentence,
:mod:`.resolve` the attack-or-clash and civilian-victim tables to an event with the article in view.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from functools import lru_cache
from typing import NamedTuple, TypeVar

from wirelens.extraction.events.cues import Cues
from wirelens.extraction.events.taxonomy import (
    ARMED_CLASH,
    ARRESTS,
    ATTACK,
    EXCESSIVE_FORCE,
    LOOTING,
    MOB_VIOLENCE,
    PEACEFUL_PROTEST,
    PROTEST_WITH_INTERVENTION,
    VIOLENCE_AGAINST_CIVILIANS,
    VIOLENT_DEMONSTRATION,
)

CIVILIANS = "Civilians"  # ACLED's actor name for unarmed victims
GOVERNMENT, NON_STATE = "government", "non-state"  # who took the ground
# Violence that says nothing of its setting: what it hit decides Attack against Armed clash, and a protest
# cue in the same sentence makes it a demonstration.
GENERIC_VIOLENCE = frozenset({ARMED_CLASH, ATTACK})

S = TypeVar("S")


def first_answer(rules: Sequence[Callable[[S], str | None]], situation: S) -> str | None:
    """What the first rule that answers says of ``situation``; None when none does."""
    for rule in rules:
        answer = rule(situation)
        if answer is not None:
            return answer
    return None


def any_word(text: str, words: Sequence[str]) -> bool:
    """A word or phrase of ``words`` as a whole word of ``text`` (lower case)."""
    return bool(words) and word_pattern(tuple(words)).search(text) is not None


@lru_cache(maxsize=512)
def word_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """One compiled alternation per cue list: the cue lists are few and fixed, the sentences many, and
    a pattern per word and call overflowed ``re``'s own cache."""
    return re.compile(r"\b(?:" + "|".join(re.escape(w.lower()) for w in words) + r")\b")


# --- a protest: what the crowd did or met ---------------------------------------------------------


class Crowd(NamedTuple):
    """The sentence of a protest cue, lower case."""

    text: str
    cues: Cues


def violent_demonstration(c: Crowd) -> str | None:
    """ "Protesters threw stones at the police" (the protesters were violent; ACLED: a riot)."""
    return VIOLENT_DEMONSTRATION if any_word(c.text, c.cues.protest_violent) else None


def excessive_force(c: Crowd) -> str | None:
    """ "Police opened fire on the protesters, killing two"; not a death the crowd protests about ("protested against
    the killing of 2 Palestinians", "gathered outside a bank where a girl died", "family members of killed soldiers")."""
    return EXCESSIVE_FORCE if any_word(_GRIEVANCE.sub(" ", c.text), c.cues.protest_excessive) else None


# What a crowd protests about, to the next comma: its deaths are the grievance, not force met at the protest.
_GRIEVANCE = re.compile(
    r"\b(?:against|over|after|following|for|demanding|to demand|calling for|called for|condemning|to condemn|"
    r"denouncing|to denounce|in memory of|mourning|of killed|where)\b[^,.;]*"
)


def protest_with_intervention(c: Crowd) -> str | None:
    """ "Police fired tear gas to disperse the demonstrators"."""
    return PROTEST_WITH_INTERVENTION if any_word(c.text, c.cues.protest_intervention) else None


# In this order; with none, the cue's own sub-type (Peaceful protest) stands.
PROTEST_RULES: tuple[Callable[[Crowd], str | None], ...] = (
    violent_demonstration,
    excessive_force,
    protest_with_intervention,
)


# How far a protest went, least first: a follow-up sentence only ever moves a protest up this scale.
PROTEST_SCALE = (PEACEFUL_PROTEST, PROTEST_WITH_INTERVENTION, EXCESSIVE_FORCE, VIOLENT_DEMONSTRATION)
# What a sentence right after a protest may report about that protest: the police, arrests, violence.
FOLLOW_UP_KINDS = frozenset({ARRESTS, ARMED_CLASH, ATTACK, *PROTEST_SCALE, LOOTING})


def protest_follow_up(protest: str, follow_up: str, sentence: str, cues: Cues) -> str | None:
    """The sub-type a protest takes from the sentence just after it ("... staged a protest. Police forces
    detained 9 activists" is one Protest with intervention; "Two demonstrators were killed" Excessive force),
    or None when that sentence reports no part of it (``follow_up`` is its own cue's sub-type)."""
    if protest not in PROTEST_SCALE or follow_up not in FOLLOW_UP_KINDS:
        return None
    if follow_up not in PROTEST_SCALE and not any_word(sentence, cues.protest_words):
        return None  # "Stockley shot Smith after Smith fled": the story behind the protest, not the protest
    said = first_answer(PROTEST_RULES, Crowd(sentence, cues))
    if said is None and follow_up == ARRESTS:
        said = PROTEST_WITH_INTERVENTION
    if said is None:
        return protest if follow_up in PROTEST_SCALE else None
    return max(protest, said, key=PROTEST_SCALE.index)


def protest_told_after(protest: str, sentence: str, cues: Cues) -> str | None:
    """The sub-type a protest takes from a later sentence that reports no event of its own but what met the
    crowd or what it did ("... staged a sit-in. Police intervened to disperse them." is a Protest with
    intervention); None when that sentence names no crowd or police (`protest_words`) or no intervention."""
    if protest not in PROTEST_SCALE or not any_word(sentence, cues.protest_words):
        return None
    # Only the police's deed: a death or a stone named later with no event of its own is seldom the crowd's
    # ("called for the bodies of those killed to be handed over").
    if protest_with_intervention(Crowd(sentence, cues)) is None:
        return None
    return max(protest, PROTEST_WITH_INTERVENTION, key=PROTEST_SCALE.index)


# --- territory: whose side took the ground ------------------------------------------------------------


class Agent(NamedTuple):
    """The words (as written and lemmas, lower case) of one part of the territory cue's subject."""

    words: Collection[str]
    cues: Cues


def non_state_side(a: Agent) -> str | None:
    """ "rebel fighters", "militants recaptured the town": an armed group's gain."""
    return NON_STATE if a.cues.nonstate_words.intersection(a.words) else None


def government_side(a: Agent) -> str | None:
    """ "the army", "troops retook the town": the government's."""
    return GOVERNMENT if a.cues.government_words.intersection(a.words) else None


# A non-state word outranks a government one: "rebel forces" are non-state.
SIDE_RULES: tuple[Callable[[Agent], str | None], ...] = (non_state_side, government_side)


# --- an attack or a clash: ACLED's line between one-sided and two-sided violence --------------------


class Setting(NamedTuple):
    """A killing or an attack ("Armed clash" or "Attack" from its cue), with what it hit."""

    sub_type: str
    hit: str  # the cue's targets as written, lower case ("" without one)
    sentence: str  # lower case
    cues: Cues
    doers: str = ""  # the cue's agents as written, lower case


def armed_side_hit(s: Setting) -> str | None:
    """ "Militants attacked a police checkpoint", "attacking a marketplace and a military base": an armed side
    was engaged."""
    return ARMED_CLASH if s.hit and any_word(s.hit, s.cues.armed_targets) else None


def civilians_hit(s: Setting) -> str | None:
    """ "Gunmen opened fire on a civilian bus", "ambushed a bus": what was hit is civilian."""
    return ATTACK if s.hit and any_word(s.hit, (*s.cues.civilian_targets, *s.cues.civilian_objects)) else None


def unarmed_victim(s: Setting) -> str | None:
    """ "A shepherd was killed by Taliban militants", "a police officer shot at two unarmed thieves": the one
    hit is named and is no armed side, so it did not fight back (ACLED: an Attack, not a clash). Only for
    one-sided deeds: "clashed with villagers" says both sides fought."""
    if s.sub_type == ATTACK and s.hit and not any_word(s.hit, s.cues.armed_targets):
        return ATTACK
    return None


def crowd_on_crowd(s: Setting) -> str | None:
    """ "Two groups of villagers clashed over a land dispute", "residents beat and killed a man": violence
    between people of no armed side (its doers are a crowd word of [attack] `crowds`, no armed side is
    named): ACLED's Mob violence."""
    if s.doers and any_word(s.doers, s.cues.crowds) and not any_word(s.sentence, s.cues.armed_targets):
        return MOB_VIOLENCE
    return None


def armed_sides_only(s: Setting) -> str | None:
    """ "Two soldiers were killed in the north": a killing that names an armed side and no civilian."""
    if (
        s.sub_type == ATTACK
        and not any_word(s.sentence, s.cues.civilian_targets)
        and any_word(s.sentence, s.cues.armed_targets)
    ):
        return ARMED_CLASH
    return None


# What was hit decides first; else the sentence; with none, the cue's own sub-type stands.
ATTACK_OR_CLASH_RULES: tuple[Callable[[Setting], str | None], ...] = (
    crowd_on_crowd,
    armed_side_hit,
    civilians_hit,
    unarmed_victim,
    armed_sides_only,
)


# --- "Civilians" as ACLED's actor2 ---------------------------------------------------------------------


class Harm(NamedTuple):
    """An event with no named target, its type decided."""

    hit: str  # the cue's targets as written, lower case ("" without one)
    sentence: str  # lower case
    event_type: str
    cues: Cues


def civilian_target_hit(h: Harm) -> str | None:
    """ "A suicide attack hit a wedding", "opened fire on a bus" (not "on soldiers at a checkpoint")."""
    if (
        h.hit
        and not any_word(h.hit, h.cues.armed_targets)
        and any_word(h.hit, (*h.cues.civilian_targets, *h.cues.civilian_objects))
    ):
        return CIVILIANS
    return None


def civilians_named(h: Harm) -> str | None:
    """ "Six villagers were killed": violence against civilians that names them and no armed side (not
    "militants killed six villagers", where "militants" is an armed side: that one is the target's rule)."""
    if (
        h.event_type == VIOLENCE_AGAINST_CIVILIANS
        and any_word(h.sentence, h.cues.civilian_targets)
        and not any_word(h.sentence, h.cues.armed_targets)
    ):
        return CIVILIANS
    return None


# With none, no guess: actor2 stays empty.
VICTIM_RULES: tuple[Callable[[Harm], str | None], ...] = (civilian_target_hit, civilians_named)
