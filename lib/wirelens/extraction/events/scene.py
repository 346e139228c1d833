"""Where an event happened: which of the article's resolved places an event takes.

The most specific literal place of the event's sentence, nearest its cue among equals; else one
from the sentences just before, else the article's main city (``place_inferred``). A place named
as where the attackers came from is the scene only when the sentence names no other.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from wirelens.extraction.events.candidate import EventCandidate
from wirelens.extraction.records import Event

# How specific a place is: lower is better ("near Hasakeh city" beats "in northeast Syria").
SPECIFICITY = {"feature": 0, "city": 1, "district": 2, "region": 3, "country": 4, "continent": 5}


def place_fields(place: Any | None, inferred: bool) -> dict[str, Any]:
    """An event's place columns from a place mention (all None for none)."""
    return {
        "place": place.name if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "country_code": place.country_code if place else None,
        "place_type": place.feature_type if place else None,
        "place_inferred": inferred,
    }


def more_specific_within(prev: Event, places: Sequence[Any]) -> Any | None:
    """A place of the follow-up that narrows the event's place down ("northeast Syria" -> Hasakeh city)."""
    current = SPECIFICITY.get(prev.place_type or "", 9)
    better = [
        p
        for p in places
        if SPECIFICITY.get(p.feature_type, 9) < current
        and (prev.country_code is None or p.country_code == prev.country_code)
    ]
    return min(better, key=lambda p: SPECIFICITY.get(p.feature_type, 9)) if better else None


def literal_in(literal: Sequence[Any], start: int, end: int) -> list[Any]:
    return [p for p in literal if start <= p.start < end]


def place_for(
    cand: EventCandidate, literal: Sequence[Any], window_start: int, main: Any | None, text: str
) -> tuple[Any | None, bool]:
    """The most specific literal place in the sentence (nearest the cue among equals), else in the sentences
    just before (``window_start`` on), else the article's main city; the bool says it was not in the sentence.
    A place named as where people came from ("armed men from Katsina attacked Shika") is where the event
    happened only when the sentence names no other."""
    own = literal_in(literal, cand.sent_start, cand.sent_end)
    if own:
        return min(
            own,
            key=lambda p: (
                _is_origin(text, p.start),
                SPECIFICITY.get(p.feature_type, 9),
                abs(p.start - cand.cue_start),
            ),
        ), False
    before = literal_in(literal, window_start, cand.sent_start)
    if before:
        place = min(before, key=lambda p: (SPECIFICITY.get(p.feature_type, 9), cand.sent_start - p.start))
    else:
        place = main
    return place, place is not None


# "from X", "from the town of X", "from X's ...": an origin, not the scene.
_ORIGIN_BEFORE = re.compile(
    r"\bfrom\s+(?:the\s+)?(?:(?:town|city|village|district|province|region|area)\s+of\s+)?$", re.I
)


def _is_origin(text: str, start: int) -> bool:
    return _ORIGIN_BEFORE.search(text[max(start - 40, 0) : start]) is not None


def main_place(literal: Sequence[Any]) -> Any | None:
    """The article's most named literal city: where an event with no place of its own most likely is."""
    cities = Counter((p.name, p.lat, p.lon) for p in literal if p.feature_type == "city")
    if not cities:
        return None
    key = cities.most_common(1)[0][0]
    return next(p for p in literal if (p.name, p.lat, p.lon) == key)
