"""The precision mechanisms of the events layer on ordinary news, one parametrized test per mechanism, with
sentences of our own (positive and negative): a cue that needs a conflict context, another sense of the word,
a hypothetical or a rule, a political arrest, an article about a disaster, one incident mentioned twice,
dates said relative to publication, and a single victim's toll."""

from __future__ import annotations

import datetime as dt

import pytest

from event_text import PUBLISHED, events, sub_types
from wirelens.extraction.events.cues import load_cues
from wirelens.extraction.events.numbers import find_fatalities

CUES = load_cues()


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # (1) a cue whose sense is ambiguous counts only with a conflict context
        ("Gunmen attacked a police checkpoint in Kandahar.", True),
        ("The senator attacked the governor over the new budget.", False),
        ("An explosion hit the army convoy near Kabul.", True),
        ("Working on the new album has been a blast for the whole band.", False),
        ("House prices have rocketed in the capital this year.", False),
        ("Rebels fired rockets at the town.", True),
        ("The firm seized the opportunity to expand into Asia.", False),
        ("Thousands of people marched through the capital against the new tax.", True),
        ("The study demonstrated that the drug lowers blood pressure.", False),
    ],
)
def test_cues_need_a_conflict_context(extractor, text, found):
    assert bool(events(extractor, text)) is found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # another sense by the word's modifier: a campaign rally, a heart attack, a legal battle
        ("The candidate held a campaign rally in the stadium.", False),
        ("The actor died of a heart attack at his home.", False),
        ("Police dispersed a rally of opposition supporters with tear gas.", True),
    ],
)
def test_modifiers_give_another_sense(extractor, text, found):
    assert bool(events(extractor, text)) is found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # (4) hypotheticals, modality, laws and penalties are no events
        ("If the president and his deputy are both killed, the speaker takes over.", False),
        ("The new law sets prison terms of up to ten years for sexual abuse of minors.", False),
        ("Militants killed five soldiers in an ambush on Tuesday.", True),
    ],
)
def test_hypotheticals_and_rules_are_no_events(extractor, text, found):
    assert bool(events(extractor, text)) is found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # (3) an arrest needs a political link
        ("Police arrested a man on suspicion of burglary.", False),
        ("Police arrested two journalists who covered the opposition march.", True),
        ("Security forces arrested twelve activists in the capital.", True),
    ],
)
def test_arrests_need_a_political_link(extractor, text, found):
    assert ("Arrests" in sub_types(extractor, text)) is found


def test_an_article_about_a_disaster_has_no_violent_event(extractor):
    text = (
        "A hurricane struck the islands on Monday, flattening homes.\n\nThe storm surge flooded the coast.\n\n"
        "The prime minister said twenty people have been confirmed killed."
    )
    assert events(extractor, text) == []
    war = "Rebels shelled the town on Monday.\n\nThe prime minister said twenty people have been confirmed killed."
    assert events(extractor, war)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        # (2) a later mention of the incident is folded into the first record; another incident stays apart
        (
            "A car bomb exploded near a market in Mogadishu on Monday, killing six people.\n\n"
            "The bomb went off during the morning rush.",
            1,
        ),
        (
            "A car bomb exploded near a market in Mogadishu on Monday, killing six people.\n\n"
            "A second bomb exploded near a hotel in Mogadishu, killing three people.",
            2,
        ),
    ],
)
def test_one_incident_mentioned_twice_is_one_event(extractor, text, count):
    assert len(events(extractor, text)) == count


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # (5) the dateline run into the first sentence is not the event's date; "yesterday" and weekdays are
        ("Thursday, June 10, 2021\n\nYesterday, gunmen opened fire on a bus in Kaduna.", dt.date(2021, 6, 9)),
        ("On Saturday morning, gunmen opened fire on a bus in Kaduna.", dt.date(2021, 6, 5)),
        ("Gunmen opened fire on a bus in Kaduna.", PUBLISHED),
    ],
)
def test_dates_relative_to_publication(extractor, text, day):
    found = events(extractor, text)
    assert found and found[0].date == day


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        # (6) one victim as a pronoun or a name is a toll of one; "no casualties" is zero
        ("He was killed last week by an air strike.", 1),
        ("Ahmed Khan was shot dead outside his home.", 1),
        ("The blast caused no casualties.", 0),
        ("The strike caused the death of at least 50 people.", 50),
        ("He was tired after the march.", None),
    ],
)
def test_single_victim_tolls(sentence, count):
    found = find_fatalities(sentence, CUES.casualty_nouns)
    assert (found.count if found else None) == count


@pytest.mark.parametrize(
    "sentence",
    [
        "Soldiers killed during the Second World War are buried here.",
        "Veterans laid wreaths for the soldiers killed in the First World War.",
    ],
)
def test_history_is_no_news_event(extractor, sentence):
    assert events(extractor, sentence) == []
