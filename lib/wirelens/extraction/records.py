"""The records that cross the extraction core's wall: plain typed tuples, never spaCy objects.

Each layer's final records (the store's tables, the JSON format's lists) are defined here, so a
layer that reads another's output (events read places; the network reads quotes and events)
imports the type, not the layer, and the store and exports know the columns without loading
the parser. Every offset indexes into the article's cleaned text (``Article.text``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NamedTuple


class Sentence(NamedTuple):
    start: int
    end: int


class Entity(NamedTuple):
    """A named entity or actor mention; ``actor`` is its canonical actor, if it is one."""

    start: int
    end: int
    text: str
    label: str
    actor: str | None
    actor_type: str | None
    sent_start: int
    sent_end: int


class PlaceMention(NamedTuple):
    """A resolved place (the ``places`` of the JSON format and of the store)."""

    start: int
    end: int
    text: str
    name: str
    lat: float
    lon: float
    country_code: str
    geonameid: int | None
    feature_type: str
    metonymic: bool  # a country or capital standing for its government: "Washington announced"


class Quote(NamedTuple):
    """A final quote record; offsets index into the article text."""

    start: int
    end: int
    text: str
    kind: str
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_type: str | None
    cue: str | None
    date: Any  # datetime.date | None
    date_inferred: bool


class Event(NamedTuple):
    """A final event record (the ``events`` of the JSON format and of the store)."""

    start: int  # the cue: "suicide attack", "shelling"
    end: int
    cue: str
    sent_start: int
    sent_end: int
    sentence: str
    type: str  # ACLED event_type
    sub_type: str  # ACLED sub_event_type
    date: Any  # datetime.date | None
    date_inferred: bool  # no time expression: the publication date stands in
    place: str | None
    lat: float | None
    lon: float | None
    country_code: str | None
    place_type: str | None  # the place's feature type: city, region, country ...
    place_inferred: bool  # not named in the event's sentence: taken from the sentences before
    actors: list[str]  # canonical actor names, actor1 first
    actor1: str | None
    actor2: str | None
    fatalities: int | None
    fatalities_text: str | None  # the phrase: "killing 34 people", "dozens", "no casualties"
    civilian_targeting: bool
    aggregate: bool  # a cumulative toll ("300,000 killed since 2011"), not one event
    period: str | None  # the period an aggregate covers
    background: bool = False  # more than a year before its article: history, not news of the day


class Interaction(NamedTuple):
    """A directed edge between two canonical actors, with its evidence."""

    start: int  # the cue (verb, or verb + noun) in the article text
    end: int
    source: str
    target: str
    verb: str
    interaction_class: str
    sent_start: int
    sent_end: int
    date: dt.date | None
    origin: str  # "parse" | "quote" | "event"
