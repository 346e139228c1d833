"""Recall mechanisms of the events layer that keep the precision of ordinary news: one parametrized test per
mechanism, with sentences of our own (positive and negative): political arrests by soldiers or of
politicians, protests staged or held, context words of violence (units, snipers, blunt weapons, assaults),
hostage taking, peace deals, deeds done before a planned one, facts inside a hypothetical's clause of time,
protest follow-ups, and time expressions that name no day."""

from __future__ import annotations

import datetime as dt

import pytest

from event_text import PUBLISHED, events, sub_types


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a detention by soldiers, of a politician, of migrants, under emergency rule is political
        ("Beninese soldiers arrested four men near the border town.", True),
        ("The former governor was arrested in Nairobi on Tuesday.", True),
        ("The coast guard detained 200 migrants off the coast.", True),
        # a thief, a drunk driver: ordinary crime
        ("Police arrested a man on suspicion of burglary.", False),
        ("Officers arrested a driver who was twice over the limit.", False),
    ],
)
def test_arrests_by_soldiers_or_of_politicians(extractor, text, found):
    assert ("Arrests" in sub_types(extractor, text)) is found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a protest noun that is the object of "stage" or "hold" is a protest held
        ("Local residents staged a demonstration in the town centre.", True),
        ("Transport operators held a demonstration over poor roads.", True),
        # another sense: a demonstration of a product, a rally of prices
        ("The company held a demonstration of its new phone.", False),
        ("Shares staged a rally on Wall Street.", False),
    ],
)
def test_protests_staged_or_held(extractor, text, found):
    assert (
        any(
            t in ("Peaceful protest", "Protest with intervention", "Violent demonstration")
            for t in sub_types(extractor, text)
        )
        is found
    )


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # units, snipers, raiders, blunt weapons and assaults make a conflict context
        ("Unknown missiles targeted a point belonging to the 80th brigade near the camp.", True),
        ("Regime snipers shot a boy near the village.", True),
        ("The farmhouse had been burnt down by cattle raiders.", True),
        ("A mob tied up and assaulted a man in the village.", True),
        # no such word: a ball shot, a budget attacked
        ("The striker shot wide in the second half.", False),
        ("The senator attacked the governor over the new budget.", False),
    ],
)
def test_more_words_of_violence(extractor, text, found):
    assert bool(events(extractor, text)) is found


@pytest.mark.parametrize(
    ("text", "sub_type"),
    [
        ("Taliban militants took 55 civilians hostage in the district.", "Abduction/forced disappearance"),
        ("Sudan and the rebels signed several peace accords in Naivasha.", "Agreement"),
    ],
)
def test_hostages_and_peace_deals(extractor, text, sub_type):
    assert sub_type in sub_types(extractor, text)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a deed done before a planned one, a fact in a clause of time: events
        ("Rebel fighters will advance to Al-Bab after seizing the town of Dabiq from the Islamic State.", True),
        ("The concert was called off after a grenade was thrown by terrorists.", True),
        # the planned or hypothetical deed itself is none
        ("Rebel fighters will seize the town of Dabiq next week.", False),
        ("If militants attack the town, the army will respond.", False),
    ],
)
def test_done_before_and_facts_in_time_clauses(extractor, text, found):
    assert bool(events(extractor, text)) is found


def test_a_protest_takes_the_police_of_the_next_sentence_not_the_story_behind_it(extractor):
    grown = (
        "Members of the alliance staged a demonstration in the city against the election schedule.\n\n"
        "Police forces dispersed the demonstrators, injuring 20 of them."
    )
    assert sub_types(extractor, grown)[:1] == ["Protest with intervention"]
    story = (
        "Hundreds of protesters marched in the city on Sunday after the acquittal of a former officer.\n\n"
        "The officer shot the man after he fled from a traffic stop."
    )
    assert sub_types(extractor, story)[:1] == ["Peaceful protest"]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # an age or a clock time names no day: the weekday dates the event
        ("On Friday, a 28-year-old man was shot dead by gunmen in Kano.", dt.date(2021, 6, 4)),
        # the day the parser leaves out of "22 March 2021"
        ("Around 22 March 2021 (as reported), a civilian was shot dead by gunmen near Kano.", dt.date(2021, 3, 22)),
        ("Gunmen shot dead a 28-year-old man in Kano.", PUBLISHED),
    ],
)
def test_dates_skip_times_that_name_no_day(extractor, text, day):
    found = events(extractor, text)
    assert found and found[0].date == day
