"""Issue 17's mechanisms, one parametrized test per named rule (positive and negative cases)."""

from __future__ import annotations

import datetime as dt

import pytest

from wirelens.extraction.dates import names_no_day, resolve_date
from wirelens.extraction.events.cues import load_cues
from wirelens.extraction.events.numbers import find_fatalities
from wirelens.extraction.events.resolve import from_history, is_background
from wirelens.extraction.events.rules import (
    ATTACK_OR_CLASH_RULES,
    Setting,
    crowd_on_crowd,
    first_answer,
    protest_follow_up,
    unarmed_victim,
)

CUES = load_cues()
PUBLISHED = dt.date(2020, 3, 5)


@pytest.mark.parametrize(
    ("expression", "no_day"),
    [
        ("0040 UTC", True),
        ("1800 GMT", True),
        ("0900 local time", True),
        ("10:30 am", True),
        ("the 1980s", True),
        ("the 20th anniversary", True),
        ("three years", True),
        ("the past decade", True),
        ("50 years old", True),
        ("Monday", False),
        ("23 February 2020", False),
        ("last week", False),
        ("1979", False),
        ("March 2011", False),
    ],
)
def test_names_no_day(expression, no_day):
    assert names_no_day(expression) is no_day
    if no_day:
        assert resolve_date(expression, PUBLISHED) == (PUBLISHED, True)


def test_a_year_before_1900_is_no_date():
    assert resolve_date("1800", PUBLISHED) == (PUBLISHED, True)
    assert resolve_date("1979", PUBLISHED)[0].year == 1979


@pytest.mark.parametrize(
    ("event", "article", "background"),
    [
        (dt.date(2018, 1, 1), PUBLISHED, True),
        (dt.date(2020, 3, 1), PUBLISHED, False),
        (dt.date(2019, 3, 6), PUBLISHED, False),
        (None, PUBLISHED, False),
        (dt.date(1979, 1, 1), None, False),
    ],
)
def test_is_background(event, article, background):
    assert is_background(event, article) is background


@pytest.mark.parametrize(
    ("time", "history"),
    [
        ("in 1805", True),
        ("the 1863 battle", True),
        ("in 1905", False),
        ("1800 GMT", False),
        ("March 2011", False),
        (None, False),
    ],
)
def test_from_history(time, history):
    assert from_history(time) is history


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Taliban militants shot and killed a woman after accusing her", 1),
        ("1 local policeman was killed and 4 were wounded", 1),
        ("Police opened fire, killing 1-3 and injuring 3 protesters", 1),
        ("a bomb killed 1-2 NDS agents", 1),
        ("a man was injured in the attack", None),
    ],
)
def test_singular_victims_and_ranges(text, count):
    found = find_fatalities(text, CUES.casualty_nouns)
    assert (found.count if found else None) == count


@pytest.mark.parametrize(
    ("hit", "sentence", "expected"),
    [
        ("a sheperd", "a sheperd was killed by a taliban militant", "Attack"),
        ("two unarmed thieves", "an off-duty police officer shot at two unarmed thieves", "Attack"),
        ("1 policeman", "1 policeman was killed by taliban militants", None),
        ("", "two soldiers were killed", None),
    ],
)
def test_unarmed_victim(hit, sentence, expected):
    assert unarmed_victim(Setting("Attack", hit, sentence, CUES)) == expected


@pytest.mark.parametrize(
    ("doers", "sentence", "expected"),
    [
        ("two groups of villagers", "two groups of villagers clashed over a land dispute", "Mob violence"),
        ("around 300 residents", "around 300 residents beat and killed a man", "Mob violence"),
        ("villagers", "villagers clashed with soldiers", None),
        ("taliban militants", "taliban militants killed a man", None),
    ],
)
def test_crowd_on_crowd(doers, sentence, expected):
    assert crowd_on_crowd(Setting("Armed clash", "", sentence, CUES, doers)) == expected


def test_attack_or_clash_table_order():
    # A crowd's violence is Mob violence before any armed-target rule is asked.
    setting = Setting("Attack", "a man", "locals assaulted and killed a man", CUES, "locals")
    assert first_answer(ATTACK_OR_CLASH_RULES, setting) == "Mob violence"


@pytest.mark.parametrize(
    ("protest", "follow_up", "sentence", "expected"),
    [
        (
            "Peaceful protest",
            "Arrests",
            "police forces detained 9 activists during the protest.",
            "Protest with intervention",
        ),
        ("Peaceful protest", "Arrests", "police intervened to disperse them.", "Protest with intervention"),
        ("Peaceful protest", "Attack", "two demonstrators were killed.", "Excessive force against protesters"),
        ("Protest with intervention", "Peaceful protest", "the demonstrators marched on.", "Protest with intervention"),
        ("Peaceful protest", "Air/drone strike", "an air strike hit the town.", None),
        ("Armed clash", "Arrests", "police arrested two.", None),
    ],
)
def test_protest_follow_up(protest, follow_up, sentence, expected):
    assert protest_follow_up(protest, follow_up, sentence, CUES) == expected
