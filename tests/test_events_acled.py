"""ACLED's coding rules that the acled-dev notes showed missing, one parametrized test per mechanism, with
sentences of our own (positive and negative): what met a protest told in a later sentence, violence at or by a
crowd, rioters with no demonstration, property burnt at a demonstration, blows and stones, detentions by an
armed group."""

from __future__ import annotations

import pytest

from event_text import events, first_sub_type
from wirelens.extraction.events.cues import load_cues
from wirelens.extraction.events.numbers import find_fatalities

CUES = load_cues()


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the people of a protest are there whatever the verb intends; a gathering's purpose is the protest
        ("Police fired tear gas to disperse protesters in Nairobi.", "Protest with intervention"),
        ("Hundreds gathered in Diyala to demonstrate against the frequent power cuts.", "Peaceful protest"),
        ("Workers gathered outside the ministry in Abuja to demand their wages.", "Peaceful protest"),
        # a plan, a wish, a gathering or a blocked road with no dissent: no protest
        ("Police plan to disperse protesters in Nairobi.", None),
        ("Teachers want to demonstrate against the reform next week.", None),
        ("Hundreds gathered for the funeral of the singer in Lagos.", None),
        ("A landslide blocked the road to Kathmandu.", None),
    ],
)
def test_crowds_and_gatherings(extractor, text, expected):
    assert first_sub_type(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # goods, animals or a house seized: property, not ground
        ("Militants seized 60 cattle in the village of Tassamakat.", "Looting/property destruction"),
        ("Rebel forces stormed and seized the house of a tribal sheikh.", "Looting/property destruction"),
        # a town seized is ground taken
        ("Militants seized the town of Tassamakat.", "Non-state actor overtakes territory"),
    ],
)
def test_property_seized_is_no_territory(extractor, text, expected):
    assert first_sub_type(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # convoys, reinforcements, sweeps and curfews in a conflict: a change to a group's activity
        ("A military convoy of 25 vehicles entered the village of Abul Nitel.", "Change to group/activity"),
        (
            "Regime forces conducted sweeping operations in the desert in search of IS cells.",
            "Change to group/activity",
        ),
        ("The governor extended the curfew across the region after attacks by gunmen.", "Change to group/activity"),
        # a convoy of lorries, a curfew for a pandemic: none
        ("A convoy of lorries carried the harvest to the port.", None),
        ("The government imposed a curfew to slow the spread of the coronavirus.", None),
    ],
)
def test_changes_to_a_group_activity(extractor, text, expected):
    assert first_sub_type(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # a number right after the killing, whatever it names; a toll in so many words; one victim in the singular
        ("Militants killed two gold traders in the village.", 2),
        ("They killed one FARDC soldier and wounded another.", 1),
        ("Gunmen killed 3 and wounded 5 near the market.", 3),
        ("2 fatalities were reported.", 2),
        ("On 2 March 2020, a sheperd was killed by a Taliban militant.", 1),
        ("An unidentified group assassinated a policeman.", 1),
        # a share, a time span, a thing destroyed: no toll
        ("The flu killed 20 percent of the herd.", None),
        ("The soldier was killed 12 years ago.", None),
        ("A car was destroyed in the blast.", None),
    ],
)
def test_tolls(text, count):
    found = find_fatalities(text, CUES.casualty_nouns)
    assert (found.count if found else None) == count


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # a toll in the next sentence, which reports no event of its own, goes on the event before it
        ("Gunmen attacked a bus near Kandahar. 2 fatalities.", 2),
        ("Gunmen attacked a bus near Kandahar. Two passengers died of their wounds.", 2),
        # a cumulative toll is no toll of the event
        ("Gunmen attacked a bus near Kandahar. 300 people have died since the war began.", None),
    ],
)
def test_toll_in_the_next_sentence(extractor, text, count):
    first = events(extractor, text)[0]
    assert first.fatalities == count


@pytest.mark.parametrize(
    ("text", "place"),
    [
        # where the attackers came from is not where the event happened
        ("Gunmen from Homs attacked a checkpoint in Hama on Monday, killing three soldiers.", "Hama"),
        ("Armed men from the town of Homs killed two farmers in Hama.", "Hama"),
        # ... unless the sentence names no other place
        ("Gunmen from Homs killed two farmers on Monday.", "Homs"),
        # a place after "in" stays the scene whatever else is named
        ("Gunmen attacked a checkpoint in Hama, killing three soldiers from Homs.", "Hama"),
    ],
)
def test_an_origin_is_not_the_events_place(extractor, text, place):
    found = [e for e in events(extractor, text) if not e.aggregate]
    assert found and found[0].place == place
