"""Events of one article from its candidates: plain Python, no parse.

Canonical actors from the actor layer, the most specific literal place from the places layer,
the date resolved against the publication date, death counts (:mod:`.numbers`), aggregates, and
follow-up sentences ("IS claimed the attack", "The bombing left ...") folded into the event they
refer back to. Attack against clash and "Civilians" as actor2 are the tables of :mod:`.rules`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from wirelens.extraction.dates import EARLIEST_YEAR, resolve_date
from wirelens.extraction.events.candidate import EventCandidate, SpanRef
from wirelens.extraction.events.cues import Cues, load_cues
from wirelens.extraction.events.numbers import find_fatalities, find_period
from wirelens.extraction.events.rules import (
    ATTACK_OR_CLASH_RULES,
    GENERIC_VIOLENCE,
    VICTIM_RULES,
    Harm,
    Setting,
    any_word,
    first_answer,
    protest_follow_up,
)
from wirelens.extraction.events.taxonomy import ATTACK, STRATEGIC_DEVELOPMENTS, VIOLENCE_AGAINST_CIVILIANS, type_of
from wirelens.extraction.layer import ArticleContext
from wirelens.extraction.records import Event

# How specific a place is: lower is better ("near Hasakeh city" beats "in northeast Syria").
_SPECIFICITY = {"feature": 0, "city": 1, "district": 2, "region": 3, "country": 4, "continent": 5}
_MAX_LOOKBACK = 3  # sentences between an event and a follow-up that refers back to it
_NEIGHBOUR_SENTENCES = 2  # sentences back searched for a place when the event's own sentence names none
BACKGROUND_AFTER = dt.timedelta(days=365)  # an event this long before its article is background, not news
_OLD_YEAR = re.compile(r"\b(1[0-8]\d\d)\b(?!\s*(?:hrs|hours|utc|gmt|gmt|local))", re.I)


def is_background(event_date: dt.date | None, article_date: dt.date | None) -> bool:
    """An event more than a year before the article reporting it: history or background ("the 1979
    revolution", "the 2004 bombing"), kept but not news of the day. Unknown dates are not background."""
    if event_date is None or article_date is None:
        return False
    return event_date < article_date - BACKGROUND_AFTER


def from_history(time: str | None) -> bool:
    """A time expression with a year before 1900 ("in 1905", "the 1863 battle"): the event is history."""
    return bool(time and any(int(y) < EARLIEST_YEAR for y in _OLD_YEAR.findall(time)))


def resolve_events(
    candidates: Sequence[EventCandidate], context: ArticleContext, places: Sequence[Any], cues: Cues | None = None
) -> list[Event]:
    """Final events for one article: actors, place, date, casualties; follow-ups folded in."""
    cues = cues or load_cues()
    text = context.article.text
    published = context.article.date
    actors = sorted((e for e in context.entities if e.actor and e.actor_type not in cues.non_actor_types),
                    key=lambda e: e.start)
    literal = [p for p in places if not p.metonymic]
    sentence_starts = [s.start for s in context.sentences]
    main_place = _main_place(literal)
    out: list[Event] = []
    last_index: dict[int, int] = {}  # event position in ``out`` -> its sentence index
    for cand in sorted(candidates, key=lambda c: c.cue_start):
        cand = _own_line(cand, text)
        sentence = text[cand.sent_start : cand.sent_end]
        sources = cand.sources
        agents = _actors_of(cand.agents, actors, sources)
        targets = [a for a in _actors_of(cand.targets, actors, sources) if a not in agents]
        claimants = _actors_of(cand.claimants, actors, ())
        fatal = find_fatalities(_blank(sentence, cand.sent_start, cand.elsewhere), cues.casualty_nouns)
        period = find_period(sentence)
        aggregate = period is not None and fatal is not None and bool(fatal.count)
        time = _nearest_time(cand, period)
        if from_history(time):
            continue  # "the 1905 revolution": history, never an event of the news
        date, inferred = resolve_date(time, published)
        index = _sentence_index(sentence_starts, cand.sent_start)
        # A follow-up refers back: "IS claimed the attack", "The bombing left ...".
        previous = _referent(out, last_index, index)
        own_places = _literal_in(literal, cand.sent_start, cand.sent_end)
        if previous is not None and not aggregate and (time is None or inferred):
            i, prev = previous
            refers_back = cand.definite or bool(claimants)
            # Nothing new, same kind of event just before: the witness's "I felt a huge explosion".
            says_nothing_new = (
                type_of(cand.sub_type) == prev.type and fatal is None
                and not set(agents + targets) - set(prev.actors)
                and all(p.name == prev.place or p.country_code != prev.country_code
                        or _SPECIFICITY.get(p.feature_type, 9) > _SPECIFICITY.get(prev.place_type or "", 9)
                        for p in own_places)
            )
            if refers_back or says_nothing_new:
                out[i] = _fold(prev, claimants or agents, fatal, own_places)
                continue
            # One protest in two sentences: "... staged a protest. Police detained nine of them."
            grown = protest_follow_up(prev.sub_type, cand.sub_type, sentence.lower(), cues)
            if grown is not None and index - last_index[i] <= 2:
                out[i] = _fold(prev, (), fatal, own_places)._replace(sub_type=grown, type=type_of(grown) or prev.type)
                continue
        window = sentence_starts[max(index - _NEIGHBOUR_SENTENCES, 0)] if sentence_starts else cand.sent_start
        if aggregate:  # a toll over a whole conflict has no one place; only the sentence's own counts
            place, place_inferred = _place_for(cand, literal, cand.sent_start, None)
        else:
            place, place_inferred = _place_for(cand, literal, window, main_place)
        lowered = sentence.lower()
        civilian = any_word(lowered, cues.civilian_targets)
        hit = " ".join(text[first:last] for _, _, first, last in cand.targets).lower()
        sub_type = cand.sub_type
        if sub_type in GENERIC_VIOLENCE and not aggregate:
            doers = " ".join(text[first:last] for _, _, first, last in cand.agents).lower()
            sub_type = first_answer(ATTACK_OR_CLASH_RULES, Setting(sub_type, hit, lowered, cues, doers)) or sub_type
        if not aggregate and not cand.verbal and fatal is None and time is None and not agents and not targets:
            continue  # "some of the most brutal fighting in the conflict": a noun with nothing to pin it down
        if cand.sub_type in cues.strict and not cand.sure and fatal is None and not (cand.sub_type == ATTACK and civilian) \
                and not _conflict_context(cand, lowered, actors, cues):
            continue  # "Pier 1 battled fierce competition", "MCI agreed to a buyout": not political violence
        event_type = type_of(sub_type) or STRATEGIC_DEVELOPMENTS
        names = list(dict.fromkeys([*agents, *targets]))
        actor1 = agents[0] if agents else None
        actor2 = targets[0] if targets else (agents[1] if len(agents) > 1 else None)
        if actor2 is None:
            actor2 = first_answer(VICTIM_RULES, Harm(hit, lowered, event_type, cues))
        out.append(Event(
            start=cand.cue_start, end=cand.cue_end, cue=cand.cue_text, sent_start=cand.sent_start,
            sent_end=cand.sent_end, sentence=sentence, type=event_type, sub_type=sub_type,
            date=date, date_inferred=inferred,
            place=place.name if place else None, lat=place.lat if place else None, lon=place.lon if place else None,
            country_code=place.country_code if place else None, place_type=place.feature_type if place else None,
            place_inferred=place_inferred,
            actors=names, actor1=actor1, actor2=actor2,
            fatalities=fatal.count if fatal else None, fatalities_text=fatal.text if fatal else None,
            civilian_targeting=civilian or (event_type == VIOLENCE_AGAINST_CIVILIANS and not aggregate),
            aggregate=aggregate, period=period if aggregate else None,
            background=is_background(date, published),
        ))
        if not aggregate:
            last_index[len(out) - 1] = index
    return out


def _own_line(cand: EventCandidate, text: str) -> EventCandidate:
    """The parser's sentence cut down to the cue's line, without the whitespace around it.

    The small model runs a headline, a photo caption and the first sentence together; a line
    break always ends a sentence in news text.
    """
    start = max(cand.sent_start, text.rfind("\n", cand.sent_start, cand.cue_start) + 1)
    newline = text.find("\n", cand.cue_end, cand.sent_end)
    end = newline if newline >= 0 else cand.sent_end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return cand._replace(sent_start=start, sent_end=end)


def _blank(sentence: str, start: int, spans: Sequence[tuple[int, int]]) -> str:
    """The sentence with the chars of ``spans`` (absolute offsets) blanked, offsets kept."""
    chars = list(sentence)
    for first, last in spans:
        for i in range(max(first - start, 0), min(last - start, len(chars))):
            chars[i] = " "
    return "".join(chars)


def _sentence_index(starts: Sequence[int], start: int) -> int:
    return max(bisect.bisect_right(starts, start) - 1, 0) if starts else 0


def _referent(out: Sequence[Event], last_index: Mapping[int, int], index: int) -> tuple[int, Event] | None:
    """The latest single event, if it is at most a few sentences before sentence ``index``."""
    if not last_index:
        return None
    i = max(last_index)
    return (i, out[i]) if 0 < index - last_index[i] <= _MAX_LOOKBACK else None


def _fold(prev: Event, perpetrators: Sequence[str], fatal: Any, places: Sequence[Any]) -> Event:
    """What a follow-up sentence adds to the event it refers back to; it never overrides what was said."""
    actor1 = prev.actor1 or (perpetrators[0] if perpetrators else None)
    actors = list(dict.fromkeys([a for a in (actor1, *prev.actors) if a]))
    fatalities, fatalities_text = prev.fatalities, prev.fatalities_text
    if fatalities_text is None and fatal is not None:
        fatalities, fatalities_text = fatal.count, fatal.text
    event = prev._replace(actor1=actor1, actors=actors, fatalities=fatalities, fatalities_text=fatalities_text)
    better = _more_specific_within(prev, places)
    if better is not None:
        event = event._replace(place=better.name, lat=better.lat, lon=better.lon, country_code=better.country_code,
                               place_type=better.feature_type, place_inferred=False)
    return event


def _more_specific_within(prev: Event, places: Sequence[Any]) -> Any | None:
    """A place of the follow-up that narrows the event's place down ("northeast Syria" -> Hasakeh city)."""
    current = _SPECIFICITY.get(prev.place_type or "", 9)
    better = [p for p in places if _SPECIFICITY.get(p.feature_type, 9) < current
              and (prev.country_code is None or p.country_code == prev.country_code)]
    return min(better, key=lambda p: _SPECIFICITY.get(p.feature_type, 9)) if better else None


def _literal_in(literal: Sequence[Any], start: int, end: int) -> list[Any]:
    return [p for p in literal if start <= p.start < end]


def _place_for(cand: EventCandidate, literal: Sequence[Any], window_start: int, main: Any | None) -> tuple[Any | None, bool]:
    """The most specific literal place in the sentence (nearest the cue among equals), else in the sentences
    just before (``window_start`` on), else the article's main city; the bool says it was not in the sentence."""
    own = _literal_in(literal, cand.sent_start, cand.sent_end)
    if own:
        return min(own, key=lambda p: (_SPECIFICITY.get(p.feature_type, 9), abs(p.start - cand.cue_start))), False
    before = _literal_in(literal, window_start, cand.sent_start)
    if before:
        place = min(before, key=lambda p: (_SPECIFICITY.get(p.feature_type, 9), cand.sent_start - p.start))
    else:
        place = main
    return place, place is not None


def _main_place(literal: Sequence[Any]) -> Any | None:
    """The article's most named literal city: where an event with no place of its own most likely is."""
    cities = Counter((p.name, p.lat, p.lon) for p in literal if p.feature_type == "city")
    if not cities:
        return None
    key = cities.most_common(1)[0][0]
    return next(p for p in literal if (p.name, p.lat, p.lon) == key)


def _actors_of(refs: Sequence[SpanRef], actors: Sequence[Any], sources: Sequence[SpanRef]) -> list[str]:
    """Canonical actors of participant spans: the mention holding the head word, else the first inside."""
    out: list[str] = []
    for head_start, _, first, last in refs:
        if any(s_first <= head_start < s_last for _, _, s_first, s_last in sources):
            continue  # the reporter of the event ("SANA reported"), not a party to it
        found = next((e for e in actors if e.start <= head_start < e.end), None)
        if found is None:
            found = next((e for e in actors if first <= e.start and e.end <= last), None)
        if found is not None and not any(s_first <= found.start < s_last for _, _, s_first, s_last in sources):
            if found.actor not in out:
                out.append(found.actor)
    return out


def _nearest_time(cand: EventCandidate, period: str | None) -> str | None:
    """The time expression closest to the cue, leaving out the aggregate's period ("March 2011")."""
    times = [t for t in cand.times if not (period and t[2] in period)]
    if not times:
        return None
    return min(times, key=lambda t: abs(t[0] - cand.cue_start))[2]


def _conflict_context(cand: EventCandidate, sentence: str, actors: Sequence[Any], cues: Cues) -> bool:
    """An armed group or a state acting in the sentence, or a word of conflict in it (``sentence`` lower case)."""
    if any(cand.sent_start <= e.start < cand.sent_end and e.actor_type in ("armed group", "state") for e in actors):
        return True
    return any_word(sentence, cues.conflict_words)
