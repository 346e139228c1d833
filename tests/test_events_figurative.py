"""The precision mechanisms of the second audit pass (issue 17), each a parametrized test with sentences of our own,
positive and negative: a figurative fight, a cue inside a name, a deed that only describes someone, a candidate's
rally, ordinary crime, people evacuated, a takeover of a firm, an appeal to stop, a denied find, a whole-war toll,
and an attacker's arrest folded into the attack."""

from __future__ import annotations

import pytest

from event_text import events, sub_types
from wirelens.extraction.events.numbers import find_period


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a fight against an abstract ill is a figure of speech
        ("Military force is not the only way to fight terrorism, the minister said.", False),
        ("The charity fights against violence and exploitation of workers.", False),
        ("Doctors battled the virus in overcrowded hospitals.", False),
        ("Militants fought government troops for hours in the north of the province.", True),
        ("Thousands of people protested against inflation in the capital.", True),
        # a deed that describes someone is no new event
        ("Murdered director Theo van Gogh's film has been pulled from the festival.", False),
        ("A constable saw the men with the dead jackal near the tea stall.", False),
        ("A Taliban-planted mine killed two soldiers in Helmand on Monday.", True),
        ("Gunmen murdered a director outside his home in the capital.", True),
        # a campaign rally is no protest
        ("On Thursday, an opposition candidate for the presidential election held a rally in Minsk.", False),
        ("Supporters of the opposition candidate rallied against election fraud in Minsk.", True),
        ("Around 30 employees of the Primary Health Insurance Fund demonstrated in Dijon.", True),
        # ordinary crime is no political violence
        ("It was reported on Saturday that the inmate was stabbed in the neck while in prison.", False),
        ("Last week police raided a website that let users share pirated films.", False),
        ("One civilian was killed by the Taliban after being accused of robbery in Herat.", True),
        ("Gunmen stabbed two villagers at the market in Kaduna.", True),
    ],
)
def test_an_event_or_none(extractor, text, found):
    assert bool(events(extractor, text)) is found


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ('"We do not expect a deal," brokerage Merrill Lynch said in a note to investors.', None),
        ("During his tenure, the 2010 Upper Big Branch Mine disaster occurred, a deadly blow to the town.", None),
        ("The Syrian Air Force destroyed the militants' vehicles near Zardana village in Idlib.", "Air Force"),
        ("An angry mob lynched a man accused of theft in the village.", "angry mob"),
    ],
)
def test_a_capitalised_cue_inside_a_name_is_no_cue(extractor, text, cue):
    assert [e.cue for e in events(extractor, text)][:1] == ([cue] if cue else [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The airport and nearby hotel were both evacuated and police warned people to stay inside.", []),
        ("We do not want anybody else taking over United, said a supporter.", []),
        ("The Taliban captured Kunduz city on Monday.", ["Non-state actor overtakes territory"]),
        ("We have to put aside differences and stop attacking each other amid the violence.", []),
        ("The committee says it has found no trace of explosives in the apartment.", []),
        ("Police found explosives in the apartment of a militant.", ["Disrupted weapons use"]),
    ],
)
def test_other_deeds_that_are_no_events(extractor, text, expected):
    assert sub_types(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("As of September 30, Armenia claimed 790 soldiers had been killed.", "As of September 30"),
        ("Around 300,000 people were killed in the conflict.", "in the conflict"),
        ("Two soldiers were killed in the conflict zone on Monday.", None),
        ("Six people were killed in the fighting on Monday.", None),
    ],
)
def test_whole_war_and_as_of_tolls_have_a_period(text, period):
    assert find_period(text) == period


def test_a_whole_war_toll_is_an_aggregate(extractor):
    found = events(extractor, "Around 300,000 people were killed in the conflict.")
    assert [e.aggregate for e in found] == [True]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "An individual has been arrested after the mayor of Gdansk was stabbed last night on stage.",
            ["Attack"],
        ),
        ("Police arrested the opposition leader in the capital on Monday.", ["Arrests"]),
        ("The former prime minister was arrested on charges of murder and sedition.", ["Arrests"]),
    ],
)
def test_an_attackers_arrest_is_part_of_the_attack(extractor, text, expected):
    assert sub_types(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a person captured is detained (by the state) or abducted (by an armed group), no ground taken
        ("The army captured a senior commander of the group in Dhusamareb town.", ["Arrests"]),
        ("Al-Shabaab militants captured two aid workers near Baidoa on Monday.", ["Abduction/forced disappearance"]),
        ("The army recaptured the town of Palmyra from Islamic State militants.", ["Government regains territory"]),
        # a petrol bomb is a rioter's weapon, no IED
        ("Protesters threw petrol bombs at the police in the city centre.", ["Violent demonstration"]),
        ("A car bomb exploded near the army base, killing four soldiers.", ["Remote explosive/landmine/IED"]),
        # weapons found in a list are still found, not used
        (
            "At least 100kg of explosives and 75kg of mines and grenades were discovered in the wells near the farms.",
            ["Disrupted weapons use"],
        ),
        # a cue describing the sentence's doer ranks after the main clause's deed
        (
            "The coalition tasked with fighting Daesh withdrew from the Abu Ghraib base on Monday.",
            ["Non-violent transfer of territory"],
        ),
        (
            "An army patrol targeted by a mine near Djibo lost four soldiers on Monday.",
            ["Remote explosive/landmine/IED"],
        ),
        # a whole war fought is no one event; a ceasefire agreed is an Agreement
        ("Armenia and Azerbaijan fought a war over the Nagorno-Karabakh region in 1994.", []),
        ("The army and the rebels agreed to a temporary ceasefire after two weeks of fighting.", ["Agreement"]),
        # a toll over days still says what was hit: an armed side engaged is a clash
        (
            "Gunmen have killed at least 14 people in the Sahel region in the past two days, attacking a marketplace"
            " and a military base.",
            ["Armed clash"],
        ),
        # no arrests made: a denial
        ("No arrests have been made after gunmen attacked the army base.", ["Armed clash"]),
    ],
)
def test_what_the_sentence_reports(extractor, text, expected):
    assert sub_types(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("A storage tank at an industrial plant exploded on Monday. The blast occurred in a tank of solvents.", False),
        ("Militants attacked the army base on Monday. The blast killed four soldiers.", True),
    ],
)
def test_a_blast_right_after_an_accident_is_the_accident(extractor, text, found):
    assert bool(events(extractor, text)) is found
