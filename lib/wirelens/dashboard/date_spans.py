"""How the dashboard writes a span of dates in a headline figure: short enough for a quarter of the page."""

from __future__ import annotations

import datetime as dt


def date_span(first: dt.date, last: dt.date) -> str:
    """``first``..``last`` as briefly as reads clearly: the days of one month ("3–4 Oct 2016"), days and
    months of one year ("4 Jan – 15 Mar 2021"), else months ("Jan 2019 – Mar 2021"). The ISO form of two
    years' dates ("2019-01-04 – 2021-03-15") was cut to "2019-01-04 …" in the overview's figure."""
    if first > last:
        first, last = last, first
    if first == last:
        return f"{first.day} {last:%b %Y}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {last:%b %Y}"
    if first.year == last.year:
        return f"{first.day} {first:%b} – {last.day} {last:%b %Y}"
    return f"{first:%b %Y} – {last:%b %Y}"
