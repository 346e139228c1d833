"""The context gate of the events layer on ordinary news (issue 17): a cue word whose sense varies with the story
("rallied", "fighting", "attacked", "shooting", "bombarded", "take over") counts only with violent-sense evidence in
its sentence or in an article about political violence or unrest; never in a sentence of sport; verbal disputes,
diplomatic protests, withdrawals of something other than troops, activities named as a gerund subject, detentions
as a state of affairs, expected or liked deeds, and events the text puts years back. Sentences of our own, with
positive and negative cases for each mechanism."""

from __future__ import annotations

import datetime as dt

import pytest

from event_text import events
from wirelens.extraction.events.candidate import EventCandidate
from wirelens.extraction.events.cues import load_cues
from wirelens.extraction.events.resolve import latest_year, told_long_ago, unrest_article, violent_sense

CUES = load_cues()


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # another word sense, in a story with no violence: no event
        ("Shares in the carmaker rallied on Monday after strong sales figures.", False),
        ("The retailer is fighting local councils over its new stores in California.", False),
        ("The new program bombarded the websites with data.", False),
        ("Rival firms take over the line to a customer's home.", False),
        ("The crew spent three days shooting in the desert on a tiny budget.", False),
        # the same words with violent-sense evidence in their sentence: an event
        ("Thousands of protesters rallied in the capital on Monday to demand new elections.", True),
        ("Rebel fighters are fighting government troops near the border.", True),
        ("Gunmen took over the police station in the town on Monday.", True),
        ("Soldiers were shooting at the crowd in the main square on Monday.", True),
    ],
)
def test_ambiguous_cues_need_violent_sense(extractor, text, found):
    assert bool(events(extractor, text)) is found


def _candidate(sentence: str, cue: str, sub_type: str = "Attack") -> EventCandidate:
    at = sentence.index(cue)
    return EventCandidate(
        0, len(sentence), at, at + len(cue), cue, sub_type, True, False, (), (), (), (), (), ambiguous=True
    )


@pytest.mark.parametrize(
    ("sentence", "cue", "unrest", "kept"),
    [
        # no evidence of its own: the article decides
        ("the town hall was stormed on tuesday.", "stormed", True, True),
        ("the town hall was stormed on tuesday.", "stormed", False, False),
        # evidence in the sentence, whatever the article
        ("gunmen stormed the town hall on tuesday.", "stormed", False, True),
        # sport: the article about violence does not make a game's clash violence
        ("the six nations clash in dublin was a good example.", "clash", True, False),
    ],
)
def test_violent_sense_by_sentence_or_article(sentence, cue, unrest, kept):
    assert violent_sense(_candidate(sentence, cue), sentence, False, (), unrest, CUES) is kept


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a sentence of sport: no violence without a death or an armed side
        ("The top seed rallied to beat his rival in the tournament final.", False),
        ("Hewitt fought back from a set down to win in Melbourne.", False),
        ("Sunday's Six Nations clash in Dublin was a good example of the new rules.", False),
        ("Gunmen killed two players at the stadium in Kano on Monday.", True),
    ],
)
def test_sport_is_no_violence(extractor, text, found):
    assert bool(events(extractor, text)) is found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a person who attacked a plan or clashed with a rival argued
        ("He also attacked the way the war was sold to the public.", False),
        ("The former police chief clashed on Thursday with the city council.", False),
        ("The minister attacked the decision of the court.", False),
        # a person hit, a weapon, or an armed doer: violence
        ("He attacked a woman with a knife in Leeds on Monday.", True),
        ("Gunmen attacked a police station in Kano on Monday.", True),
    ],
)
def test_a_verbal_dispute_is_no_attack(extractor, text, found):
    assert bool(events(extractor, text)) is found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The move followed a protest from the Thai government about the dams.", False),
        ("Beijing lodged a formal protest with the Japanese embassy.", False),
        ("Hundreds of students staged a protest outside the ministry on Monday.", True),
    ],
)
def test_a_diplomatic_protest_is_no_demonstration(extractor, text, found):
    assert bool(events(extractor, text)) is found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Violence continued and the news network withdrew its reporters from the field.", False),
        ("The army withdrew its troops from the town on Monday after the ceasefire.", True),
    ],
)
def test_a_withdrawal_of_something_other_than_troops_hands_over_no_ground(extractor, text, found):
    assert any(e.sub_type == "Non-violent transfer of territory" for e in events(extractor, text)) is found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # an activity named, a state of affairs, a deed expected, liked or rewarded: no event
        ("The rules allowed detentions of foreign terror suspects without trial.", False),
        ("The terror suspects currently detained are mostly held at Belmarsh prison.", False),
        ("Protests against the summit are expected to be muted this year, police said.", False),
        ("He said the adviser likes dropping bombs on people.", False),
        ("The US offered a reward for information leading to the militant leader's capture.", False),
        # the deed itself
        ("Police detained 40 opposition protesters in the capital on Monday.", True),
    ],
)
def test_activities_states_and_expectations_are_no_events(extractor, text, found):
    assert bool(events(extractor, text)) is found


@pytest.mark.parametrize(
    ("sentence", "time", "published", "latest", "long_ago"),
    [
        ("It is 25 years since the start of a bombing campaign.", None, None, 2005, True),
        ("Two years ago militants attacked the town.", None, dt.date(2020, 1, 1), None, True),
        ("A year ago militants attacked the town.", None, dt.date(2020, 1, 1), None, False),
        # an undated article: years before the latest year it names
        ("Anger spilled over into mass protests in 2003.", "2003", None, 2005, True),
        ("Protesters marched in the capital in 2005.", "2005", None, 2005, False),
        ("Protesters marched in the capital on Monday.", "Monday", None, 2005, False),
        # a dated article leaves years to the event's date
        ("Anger spilled over into mass protests in 2003.", "2003", dt.date(2005, 1, 1), None, False),
    ],
)
def test_told_long_ago(sentence, time, published, latest, long_ago):
    assert told_long_ago(sentence, time, published, latest) is long_ago


def test_an_undated_articles_history_is_background(extractor):
    text = (
        "Council tax bills will rise by 4% in 2005, ministers said. "
        "Anger at council tax rises spilled over into mass protests in 2003, when bills rose 12.9%."
    )
    found = events(extractor, text, date=None)
    assert found and all(e.background for e in found)
    assert latest_year(text) == 2005 and latest_year("no year here") is None


def test_unrest_article_counts_distinct_words():
    assert unrest_article("Troops and militants exchanged gunfire; the wounded were many.", CUES)
    assert not unrest_article("The troops of the theatre company toured. The troops rested.", CUES)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a claim of an incident named as known refers back; a claim that names a new one reports it
        ("Islamic State claimed responsibility for the Cambrils attack, a statement said.", False),
        ("Officials were cautious about holding the group responsible for last week's bombing.", False),
        ("Islamic State claimed a car bomb that killed eight people in Diyarbakir on Friday.", True),
        # taking part in something that is no cue
        ("Police caught a gang that was engaged in stealing cars in Delhi.", False),
        ("Troops engaged in fierce fighting with militants near the border on Monday.", True),
    ],
)
def test_claims_of_known_incidents_and_engaged_in_are_no_events(extractor, text, found):
    assert bool(events(extractor, text)) is found


@pytest.mark.parametrize(
    ("text", "sub_type"),
    [
        # ACLED codes the killing of a person taken as an Attack, and fighters who give themselves up as an Agreement
        ("On 6 March 2020, a civilian was kidnapped and killed by Taliban militants in Obe district.", "Attack"),
        (
            "On 6 March 2020, Taliban militants kidnapped two aid workers in Obe district.",
            "Abduction/forced disappearance",
        ),
        ("On 1 March 2020, 42 IS fighters surrendered to Afghan military forces in Kunar.", "Agreement"),
    ],
)
def test_acled_sub_types_of_taking_and_surrender(extractor, text, sub_type):
    assert [e.sub_type for e in events(extractor, text)][:1] == [sub_type]


@pytest.mark.parametrize(
    ("text", "sub_type"),
    [
        # a territory cue coordinated with an arrest takes people, not ground
        ("On 13 May 2022, gendarmerie forces captured and detained 118 migrants in Urla district.", "Arrests"),
        (
            "On 13 May 2022, government forces captured the town of Urla after heavy fighting.",
            "Government regains territory",
        ),
        # a death the crowd protests about is its grievance, not force met at the protest
        (
            "On 31 March 2022, dozens of Palestinians protested in Nablus against the killing of 2 Palestinians.",
            "Peaceful protest",
        ),
        (
            "On 31 March 2022, police opened fire on protesters in Nablus, killing two.",
            "Excessive force against protesters",
        ),
    ],
)
def test_acled_sub_types_of_arrests_and_grievances(extractor, text, sub_type):
    assert [e.sub_type for e in events(extractor, text)][:1] == [sub_type]


def test_one_person_surrendering_is_no_agreement(extractor):
    text = "Police said the suspected gunman surrendered himself to police after being confronted by officers."
    assert not [e for e in events(extractor, text) if e.sub_type == "Agreement"]
