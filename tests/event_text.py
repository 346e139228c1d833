"""Events the real model finds in a sentence, for the event tests that read text (tests/test_events_*.py)."""

from __future__ import annotations

import datetime as dt

from wirelens.extraction.articles import Article
from wirelens.extraction.records import Event

PUBLISHED = dt.date(2021, 6, 10)  # a Thursday


def events(extractor, text: str, date: dt.date | None = PUBLISHED) -> list[Event]:
    return extractor.extract_one(Article(id="t", title="", text=text, date=date)).events


def sub_types(extractor, text: str) -> list[str]:
    return [e.sub_type for e in events(extractor, text)]


def first_sub_type(extractor, text: str) -> str | None:
    """The sub-type of the text's first event (None without one): what acled-dev scores."""
    found = sub_types(extractor, text)
    return found[0] if found else None
