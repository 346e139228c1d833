"""When a quote was said: expressions governing the cue, anchored on the publication date."""

from __future__ import annotations

import datetime as dt

import pytest

from wirelens.extraction.dates import resolve_date

TUESDAY = dt.date(2016, 10, 4)  # the seed's publication date


@pytest.mark.parametrize(
    ("expression", "published", "expected", "inferred"),
    [
        ("Tuesday", TUESDAY, dt.date(2016, 10, 4), False),  # "Kerry said Tuesday": the day of publication
        ("Monday", TUESDAY, dt.date(2016, 10, 3), False),
        ("late Monday", TUESDAY, dt.date(2016, 10, 3), False),
        ("Monday night", TUESDAY, dt.date(2016, 10, 3), False),
        ("Wednesday", TUESDAY, dt.date(2016, 9, 28), False),  # never a day after publication
        ("last Tuesday", TUESDAY, dt.date(2016, 9, 27), False),
        ("yesterday", TUESDAY, dt.date(2016, 10, 3), False),
        ("today", TUESDAY, TUESDAY, False),
        ("two weeks ago", TUESDAY, dt.date(2016, 9, 20), False),
        ("October 1", TUESDAY, dt.date(2016, 10, 1), False),
        ("3 October 2016", TUESDAY, dt.date(2016, 10, 3), False),
        ("March 2011", TUESDAY, dt.date(2011, 3, 1), False),
        (None, TUESDAY, TUESDAY, True),  # nothing governs the cue: the publication date, marked
        ("", TUESDAY, TUESDAY, True),
        ("the night", TUESDAY, TUESDAY, True),  # not a date: fall back, marked
        ("December 25", TUESDAY, dt.date(2015, 12, 25), False),  # the last one before publication
        # No publication date: relative expressions stay unresolved instead of using today.
        ("Tuesday", None, None, False),
        ("yesterday", None, None, False),
        ("two weeks ago", None, None, False),
        ("October 1", None, None, False),
        (None, None, None, True),
        ("3 October 2016", None, dt.date(2016, 10, 3), False),  # absolute dates need no anchor
    ],
)
def test_resolve_date(expression, published, expected, inferred):
    assert resolve_date(expression, published) == (expected, inferred)
