"""ACLED's coding rules that the acled-dev notes showed missing, one parametrized test per mechanism, with
sentences of our own (positive and negative): what met a protest told in a later sentence, violence at or by a
crowd, rioters with no demonstration, property burnt at a demonstration, blows and stones, detentions by an
armed group."""

from __future__ import annotations

import pytest

from event_text import first_sub_type


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a later sentence with no event of its own says the police intervened
        (
            "Teachers staged a sit-in outside the ministry in Cotonou. Police intervened to disperse them.",
            "Protest with intervention",
        ),
        (
            "Workers marched in Lagos against unpaid wages. They were dispersed by police using tear gas.",
            "Protest with intervention",
        ),
        # ... or says nothing of what met the crowd, or names no crowd or police
        (
            "Teachers staged a sit-in outside the ministry in Cotonou. The teachers demanded higher salaries.",
            "Peaceful protest",
        ),
        (
            "Teachers staged a sit-in outside the ministry in Cotonou. They asked for the bodies of colleagues killed "
            "last year.",
            "Peaceful protest",
        ),
    ],
)
def test_protest_grown_by_a_later_sentence(extractor, text, expected):
    assert first_sub_type(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the crowd attacked: Protest with intervention; the crowd attacking: Violent demonstration
        (
            "Members of the ruling party attacked a protest rally of the opposition in Feni.",
            "Protest with intervention",
        ),
        ("Police attacked the protesters in Feni.", "Protest with intervention"),
        ("Protesters attacked the police station in Feni.", "Violent demonstration"),
        # no deed at the crowd: the protest stands
        ("Protesters marched to the police station in Feni.", "Peaceful protest"),
    ],
)
def test_violence_at_or_by_a_crowd(extractor, text, expected):
    assert first_sub_type(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # rioters with no demonstration or demand named: a mob (ACLED's Mob violence)
        ("Palestinian rioters clashed with Israeli forces at the entrance of the village.", "Mob violence"),
        # rioters with a demand, or riots after a grievance: a demonstration
        ("Hundreds of rioters blocked the road in Nasiriyah, demanding jobs.", "Violent demonstration"),
        ("Riots broke out in Kenosha after the police shooting of a black man.", "Violent demonstration"),
    ],
)
def test_rioters_without_a_demonstration_are_a_mob(extractor, text, expected):
    assert first_sub_type(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # property burnt at a demonstration, or roads barricaded with burning tyres: a Violent demonstration
        ("Opposition members set fire to several buses during their demonstration in Sylhet.", "Violent demonstration"),
        ("Demonstrators blocked the highway with burning tyres in Beirut.", "Violent demonstration"),
        # with no demonstration it is property destroyed; protesters blocking a road is no intervention
        ("Unknown men set fire to a bus in Sylhet.", "Looting/property destruction"),
        ("Protesters blocked the main road in Beirut.", "Peaceful protest"),
    ],
)
def test_property_burnt_at_a_demonstration(extractor, text, expected):
    assert first_sub_type(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # blows and stones by a crowd: Mob violence; by the police: an Attack
        ("Residents of the village beat up and burnt to death a suspected thief.", "Mob violence"),
        ("Pastoralists and farmers clashed with machetes near the village, leaving two wounded.", "Mob violence"),
        ("The activist was severely beaten by police at the gate of the ministry.", "Attack"),
        # a match beaten, a price beaten: no event
        ("Liverpool beat Chelsea two goals to one on Saturday.", None),
    ],
)
def test_blows_and_stones(extractor, text, expected):
    assert first_sub_type(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a detention by an armed group (QSD is the SDF) is an abduction; by the police an arrest
        ("QSD forces detained three civilians in Raqqa city.", "Abduction/forced disappearance"),
        ("Police detained three civilians in Raqqa city.", "Arrests"),
    ],
)
def test_detentions_by_an_armed_group(extractor, text, expected):
    assert first_sub_type(extractor, text) == expected
