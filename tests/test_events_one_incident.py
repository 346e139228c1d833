"""The "one reported incident" mechanisms of the events layer, with sentences of our own (positive and
negative): a cue that sums up many incidents ("12 years of fire-bombings"), a deed told as a habit
("have attacked journalists previously"), a deed that is a task or a title ("to wipe out troops, seize
waypoints", "How to Dismantle a Bomb"), a follow-up named by its day ("last night's attack"), property
burning in the sentence of a fight, and a legal case named by its crime ("the arson cases")."""

from __future__ import annotations

import pytest

from event_text import events, sub_types


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("It is 25 years since the start of 12 years of fire-bombings by a shadowy group.", False),
        ("Residents are weary after years of attacks on the northern villages.", False),
        ("The city has seen months of protests against the mayor.", False),
        # a death count keeps it: a toll over a period (an aggregate), not a dropped cue
        ("Months of attacks have killed 300 people in the province.", True),
        # a series told as the news of the day is coded as the incident (CASE, ACLED)
        ("Gunmen carried out a series of attacks on police posts in Kirkuk on Monday.", True),
        # one incident on its day stays
        ("Gunmen attacked a village in the north on Monday.", True),
        ("Thousands protested in the capital on the third day of the strike.", True),
    ],
)
def test_a_series_of_incidents_is_no_event(extractor, text, found):
    assert bool(events(extractor, text)) is found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Tamim claimed Houthis have attacked journalists previously.", False),
        ("Police routinely detain opposition activists in the capital.", False),
        ("Militants repeatedly shelled the town.", False),
        ("Houthis attacked journalists in Hodeidah on Tuesday.", True),
        ("Police detained twelve opposition activists in the capital on Sunday.", True),
    ],
)
def test_a_habit_is_no_one_incident(extractor, text, found):
    assert bool(events(extractor, text)) is found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("In each section, the task is simply to wipe out enemy troops, seize strategic waypoints and move on.", False),
        ("U2's How to Dismantle a Bomb remains at number one for a third week in a row.", False),
        ("The rebels were said to have attacked and seized the town on Friday.", True),
        ("Rebels attacked the garrison and seized the town on Friday.", True),
    ],
)
def test_a_task_is_no_deed(extractor, text, found):
    assert bool(events(extractor, text)) is found


def test_a_follow_up_named_by_its_day_is_the_same_incident(extractor):
    text = (
        "A bombing yesterday killed a photojournalist in the port town of Mokha, Yemen. "
        "At least five other civilians reportedly also died in last night's attack."
    )
    assert len(events(extractor, text)) == 1
    # a new attack the day after is its own
    other = (
        "A bombing yesterday killed a photojournalist in the port town of Mokha, Yemen. "
        "Gunmen attacked a checkpoint in Aden on Tuesday, killing two soldiers."
    )
    assert len(events(extractor, other)) == 2


def test_property_burning_in_a_fight_is_part_of_it(extractor):
    fight = (
        "Three militants were killed in a firefight with police on Monday night, "
        "while footage from the scene showed the vehicle burn."
    )
    assert "Looting/property destruction" not in sub_types(extractor, fight)
    alone = "Militants burned the village school in Borno on Monday."
    assert sub_types(extractor, alone)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The arson cases remain unsolved.", False),
        ("The murder case against the former officer was dropped.", False),
        ("Arsonists torched the party office in Kumasi on Sunday night.", True),
    ],
)
def test_a_legal_case_is_no_event(extractor, text, found):
    assert bool(events(extractor, text)) is found


def test_live_rounds_at_a_protest_are_excessive_force(extractor):
    text = "For the first time in the protests, police fired a live round on a protester in Hong Kong yesterday."
    assert sub_types(extractor, text) == ["Excessive force against protesters"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Russia brokered a cease-fire agreement but skirmishes continued to break out.", ["Agreement"]),
        ("Protests and riots related to the death of George Floyd continued across the nation.", []),
        ("Reports said the president hid in the White House basement during riots.", []),
        # a date, a place or a count pins the incident down; an outbreak is news
        ("Protests continued in Minsk on Sunday.", ["Peaceful protest"]),
        ("Riots broke out after the police shooting.", ["Violent demonstration"]),
    ],
)
def test_plural_incidents_going_on_with_no_detail_are_no_event(extractor, text, found):
    assert sub_types(extractor, text) == found


def test_rioters_in_a_story_of_protests_riot_for_its_cause(extractor):
    story = (
        "Thousands protested against police violence in Washington on Sunday. "
        "During a riot near the White House, rioters set fire to a church."
    )
    assert sub_types(extractor, story) == ["Peaceful protest", "Violent demonstration"]
    # with no demonstration in the story, rioters are a mob (ACLED)
    assert sub_types(extractor, "Rioters clashed with soldiers during their raid on the village.") == ["Mob violence"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("She pleaded no contest to attacking a woman with a whisky bottle.", False),
        ("In between, she testified, she was gang raped by three officers.", False),
        ("One man was convicted of sending letter bombs in the post.", False),
        ("Gunmen attacked a police station in Kirkuk on Monday, witnesses said.", True),
    ],
)
def test_a_deed_told_in_court_is_no_news(extractor, text, found):
    assert bool(events(extractor, text)) is found


def test_a_verb_joined_to_a_purpose_with_its_own_auxiliary_is_a_deed(extractor):
    text = (
        "On 13 May 2022, a petitioner went to the district government to make an inquiry and was severely beaten "
        "by police at the gate."
    )
    assert sub_types(extractor, text) == ["Attack"]


@pytest.mark.parametrize(
    ("text", "year"),
    [
        (
            "2000 protesters surrounded the home of the traditional chief in Ouagadougou, chanting for his surrender.",
            2021,
        ),
        ("1500 soldiers attacked the rebel base near Goma.", 2021),
        # a year that names its event still dates it
        ("The 2011 protests toppled the president.", 2011),
    ],
)
def test_a_count_is_no_year(extractor, text, year):
    assert [e.date.year for e in events(extractor, text)] == [year]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "Members of the House of Commons protested by shouting and holding signs during Monday's final session.",
            False,
        ),
        ("Speaking in the Legislative Council, the chief executive was interrupted by protesting legislators.", False),
        ("Opposition lawmakers led a march of thousands through the capital against the new tax on Monday.", True),
        ("Thousands protested outside parliament in Kiev on Monday.", True),
    ],
)
def test_legislators_protesting_at_their_sitting_hold_no_demonstration(extractor, text, found):
    assert bool(events(extractor, text)) is found
