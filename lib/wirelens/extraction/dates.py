"""When a quote was said: the time expression governing its cue, anchored on the publication date.

News writes "Kerry said Tuesday" meaning the most recent Tuesday on or before publication,
and "late Monday" meaning that Monday; a bare weekday never means next week. Without a
publication date a relative expression cannot be anchored, so it stays unresolved (None)
instead of being read relative to today.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.I)
_DAY_NUMBER = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\b")
_YEAR = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")
# Parts of the day and hedges that do not move the date: "late Monday", "Monday night".
_NOISE = re.compile(
    r"\b(?:late|early|earlier|later|on|at|in|during|the|this|that|overnight|around|about|circa|approximately|"
    r"morning|afternoon|evening|night|midday|noon)\b",
    re.I,
)
_SAME_DAY = re.compile(r"^\s*(?:today|tonight|this (?:morning|afternoon|evening)|earlier today|now)\s*$", re.I)
_DAY_BEFORE = re.compile(r"^\s*(?:yesterday|last night)(?:\s+\w+)?\s*$", re.I)
# Expressions that name no day, so never one to date an event or a quote by (the publication date stands in):
# a clock time ("0040 UTC", "1800 GMT", "10:30 am"), a decade ("in the 1980s"), an anniversary or a
# birthday, a duration ("three years", "the past decade"), an age ("50 years old").
_NO_DAY = re.compile(
    r"^\s*(?:at\s+|around\s+|about\s+|by\s+)?(?:\d{3,4}\s*(?:hrs|hours|h|utc|gmt|local(?:\s+time)?|[a-z]{2,4}t)|\d{3})\s*$"
    r"|\b\d{1,2}[:.]\d{2}\b|\b(?:a\.?m\.?|p\.?m\.?|o'clock|utc|gmt|midnight)(?=\W|$)"
    r"|\b(?:1[89]|20)\d0s\b|\b(?:the\s+)?(?:early|mid|late)?-?\s*(?:eighties|nineties|seventies|sixties|fifties)\b"
    r"|\banniversar|\bbirthday\b|\bcentenary\b|\bjubilee\b|\bold\b"
    r"|^\s*(?:the\s+)?(?:(?:past|last|next|first|coming|previous)\s+)?(?:\d+|a|an|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|several|few|many|some|\w+teen|\w+ty)\s+(?:\w+\s+)?(?:seconds?|minutes?|hours?|days?|weeks?|"
    r"months?|years?|decades?|centuries)(?:\s+(?:long|running|old))?\s*$"
    r"|^\s*(?:the\s+)?(?:past|last|next|coming)\s+(?:decade|century)\s*$|\bcentury\b|\bdecades\b",
    re.I,
)
EARLIEST_YEAR = 1900  # a year before this is history, never the date of a news event or of a quote


def names_no_day(expression: str) -> bool:
    """A clock time, a decade, an anniversary, a duration or an age: "0040 UTC", "the 1980s", "three years"."""
    return bool(_NO_DAY.search(" ".join(expression.split())))


def resolve_date(expression: str | None, published: dt.date | None) -> tuple[dt.date | None, bool]:
    """(date said, inferred): inferred is True when the publication date stands in for an expression."""
    if not expression or not expression.strip() or names_no_day(expression):
        return published, True
    parsed = _parse(" ".join(expression.split()), published)
    if parsed is None and published is None:
        return None, False  # an expression we cannot anchor: unresolved, not inferred
    if parsed is None:
        return published, True
    return parsed, False


@lru_cache(maxsize=4096)
def _parse(expression: str, published: dt.date | None) -> dt.date | None:
    if _SAME_DAY.match(expression):
        return published
    if _DAY_BEFORE.match(expression):
        return published - dt.timedelta(days=1) if published else None
    weekday = _WEEKDAY.search(expression)
    if weekday and not _DAY_NUMBER.search(expression) and not re.search(r"\bnext\b", expression, re.I):
        if published is None:
            return None
        target = WEEKDAYS.index(weekday.group(1).lower())
        back = (published.weekday() - target) % 7
        if back == 0 and re.search(r"\blast\b", expression, re.I):
            back = 7  # "last Tuesday" written on a Tuesday is the week before
        return published - dt.timedelta(days=back)
    if published is None and not _YEAR.search(expression):
        return None  # "two weeks ago" or "October 3" need an anchor we do not have
    return _dateparser(_NOISE.sub(" ", expression).strip() or expression, published)


def _dateparser(expression: str, published: dt.date | None) -> dt.date | None:
    import dateparser  # slow to import; most expressions are weekdays and never need it

    settings: dict[str, object] = {
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time(12))
    try:
        parsed = dateparser.parse(expression, languages=["en"], settings=settings)
    except (ValueError, OverflowError):
        return None
    if parsed is None:
        return None
    day = parsed.date()
    if day.year < EARLIEST_YEAR:
        return None  # "1800" read as a year: a number in another role, or history
    if published is not None and day > published + dt.timedelta(days=1):
        return None  # a quote is not said after the article reporting it
    return day
