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
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from wirelens.extraction.dates import EARLIEST_YEAR, names_no_day, resolve_date
from wirelens.extraction.events.candidate import EventCandidate, SpanRef
from wirelens.extraction.events.cues import Cues, load_cues
from wirelens.extraction.events.numbers import find_fatalities, find_period, parse_number
from wirelens.extraction.events.rules import (
    ATTACK_OR_CLASH_RULES,
    GENERIC_VIOLENCE,
    VICTIM_RULES,
    Harm,
    Setting,
    any_word,
    first_answer,
    protest_follow_up,
    protest_told_after,
    word_pattern,
)
from wirelens.extraction.events.scene import (
    SPECIFICITY,
    literal_in,
    main_place,
    more_specific_within,
    place_fields,
    place_for,
)
from wirelens.extraction.events.taxonomy import (
    ARRESTS,
    ATTACK,
    BATTLES,
    CHANGE_TO_GROUP,
    DISRUPTED_WEAPONS,
    EXPLOSIONS,
    LOOTING,
    MOB_VIOLENCE,
    PROTESTS,
    RIOTS,
    STRATEGIC_DEVELOPMENTS,
    VIOLENCE_AGAINST_CIVILIANS,
    VIOLENT_DEMONSTRATION,
    type_of,
)
from wirelens.extraction.layer import ArticleContext
from wirelens.extraction.records import Event

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


_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
_YEARS_BACK = re.compile(r"\b(\d{1,3}|[a-z]+)\s+years?\s+(?:ago|since|before|earlier)\b", re.I)


def latest_year(text: str) -> int | None:
    """The latest year an undated article names: the year it was written in or after (a lower bound)."""
    years = [int(y) for y in _YEAR.findall(text)]
    return max(years) if years else None


def told_long_ago(sentence: str, time: str | None, published: dt.date | None, latest: int | None) -> bool:
    """An event the text puts years back: "It is 25 years since the start of ...", "two years ago"; or, in an undated
    article, one whose own time (or, with none, its sentence) names only years before the latest year the article
    names ("mass protests in 2003" in a story that speaks of 2005): background, not news of the day."""
    for said in _YEARS_BACK.findall(sentence):
        if (parse_number(said) or 0) >= 2:
            return True
    if published is not None or latest is None:
        return False
    years = [int(y) for y in _YEAR.findall(time or "") or _YEAR.findall(sentence)]
    return bool(years) and max(years) < latest


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
    actors = sorted(
        (e for e in context.entities if e.actor and e.actor_type not in cues.non_actor_types), key=lambda e: e.start
    )
    literal = [p for p in places if not p.metonymic]
    sentence_starts = [s.start for s in context.sentences]
    article_city = main_place(literal)
    out: list[Event] = []
    last_index: dict[int, int] = {}  # event position in ``out`` -> its sentence index
    lead_end = context.sentences[min(2, len(context.sentences) - 1)].end if context.sentences else len(text)
    disaster = disaster_article(text[:lead_end], text, cues)
    protest_article = any(type_of(c.sub_type) in (PROTESTS, RIOTS) and c.sure for c in candidates)
    # A story of demonstrations: its rioters are the demonstrators' riot, not a mob without a cause (ACLED).
    demonstrations = any(type_of(c.sub_type) == PROTESTS and c.sure for c in candidates)
    unrest = unrest_article(text, cues)
    latest = latest_year(text) if published is None else None
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
        time = _nearest_time(cand, period, text)
        if from_history(time) or any_word(sentence.lower(), cues.history_words):
            continue  # "the 1905 revolution": history, never an event of the news
        date, inferred = resolve_date(time, published)
        index = _sentence_index(sentence_starts, cand.sent_start)
        # A follow-up refers back: "IS claimed the attack", "The bombing left ...".
        previous = _referent(out, last_index, index)
        own_places = literal_in(literal, cand.sent_start, cand.sent_end)
        if previous is not None and not aggregate and (time is None or inferred):
            i, prev = previous
            refers_back = cand.definite or bool(claimants)
            # Nothing new, same kind of event just before: the witness's "I felt a huge explosion".
            says_nothing_new = (
                type_of(cand.sub_type) == prev.type
                and fatal is None
                and not set(agents + targets) - set(prev.actors)
                and all(
                    p.name == prev.place
                    or p.country_code != prev.country_code
                    or SPECIFICITY.get(p.feature_type, 9) > SPECIFICITY.get(prev.place_type or "", 9)
                    for p in own_places
                )
            )
            # One protest in two sentences: "... staged a protest. Police detained nine of them."
            grown = protest_follow_up(prev.sub_type, cand.sub_type, sentence.lower(), cues)
            if refers_back or says_nothing_new:
                out[i] = _fold(prev, claimants or agents, fatal, own_places)
                if grown is not None and index - last_index[i] <= 2:
                    out[i] = out[i]._replace(sub_type=grown, type=type_of(grown) or prev.type)
                continue
            if grown is not None and index - last_index[i] <= 2:
                out[i] = _fold(prev, (), fatal, own_places)._replace(sub_type=grown, type=type_of(grown) or prev.type)
                continue
        lowered = sentence.lower()
        if cand.sub_type in (cues.captures, cues.regains) and _firms_taken(cand.targets, context.entities, places):
            continue  # "taking over United": a takeover of a firm or a club, no ground taken
        if disaster and not cand.sure and not any_word(lowered, cues.accident_unless):
            continue  # "twenty people have been confirmed killed" in a story of a hurricane, a crash or a fire
        if cand.weak and not cand.sure and _accident_before(text, sentence_starts, index, lowered, cues):
            continue  # "A tank at the industrial plant exploded. The blast occurred in a tank of solvents."
        hit = " ".join(text[first:last] for _, _, first, last in cand.targets).lower()
        on_civilians = cand.sub_type == ATTACK and any_word(hit, (*cues.civilian_targets, *cues.civilian_objects))
        harm = fatal is not None or on_civilians  # "an attack hit a market": what was hit says the sense
        if cand.ambiguous and not violent_sense(cand, lowered, harm, actors, unrest, cues):
            continue  # "the dollar rallied", "fighting poverty", "he attacked the plan", "Hewitt fought back"
        if (
            (cand.cue_sub_type or cand.sub_type) in cues.strict
            and not cand.sure
            and fatal is None
            and not on_civilians
            and not _context(cand, lowered, actors, cues, protest_article)
        ):
            continue  # "Pier 1 battled fierce competition", "Biden attacked Trump": not political violence
        same = (
            None
            if aggregate
            else _same_incident(out, last_index, index, cand, date, inferred, own_places, fatal, lowered)
        )
        if same is not None:  # a later mention of an incident already recorded: "the first bomb went off ..."
            out[same] = _more_specific_kind(_fold(out[same], claimants or agents, fatal, own_places), cand, cues)
            continue
        window = sentence_starts[max(index - _NEIGHBOUR_SENTENCES, 0)] if sentence_starts else cand.sent_start
        if aggregate:  # a toll over a whole conflict has no one place; only the sentence's own counts
            place, place_inferred = place_for(cand, literal, cand.sent_start, None, text)
        else:
            place, place_inferred = place_for(cand, literal, window, article_city, text)
        civilian = any_word(lowered, cues.civilian_targets)
        sub_type = cand.sub_type
        if sub_type in GENERIC_VIOLENCE:  # a toll over days still says what was hit ("attacking a military base")
            doers = " ".join(text[first:last] for _, _, first, last in cand.agents).lower()
            sub_type = first_answer(ATTACK_OR_CLASH_RULES, Setting(sub_type, hit, lowered, cues, doers)) or sub_type
        if not aggregate and not cand.verbal and fatal is None and time is None and not agents and not targets:
            continue  # "some of the most brutal fighting in the conflict": a noun with nothing to pin it down
        if sub_type == MOB_VIOLENCE and type_of(cand.cue_sub_type) == PROTESTS and demonstrations:
            sub_type = VIOLENT_DEMONSTRATION  # "rioters set fire to a church" in a story of protests: its riot
        event_type = type_of(sub_type) or STRATEGIC_DEVELOPMENTS
        names = list(dict.fromkeys([*agents, *targets]))
        actor1 = agents[0] if agents else None
        actor2 = targets[0] if targets else (agents[1] if len(agents) > 1 else None)
        if actor2 is None:
            actor2 = first_answer(VICTIM_RULES, Harm(hit, lowered, event_type, cues))
        out.append(
            Event(
                start=cand.cue_start,
                end=cand.cue_end,
                cue=cand.cue_text,
                sent_start=cand.sent_start,
                sent_end=cand.sent_end,
                sentence=sentence,
                type=event_type,
                sub_type=sub_type,
                date=date,
                date_inferred=inferred,
                **place_fields(place, place_inferred),
                actors=names,
                actor1=actor1,
                actor2=actor2,
                fatalities=fatal.count if fatal else None,
                fatalities_text=fatal.text if fatal else None,
                civilian_targeting=civilian or (event_type == VIOLENCE_AGAINST_CIVILIANS and not aggregate),
                aggregate=aggregate,
                period=period if aggregate else None,
                background=is_background(date, published) or told_long_ago(sentence, time, published, latest),
            )
        )
        if not aggregate:
            last_index[len(out) - 1] = index
    return _told_after(out, last_index, context.sentences, text, cues)


_TOLD_AFTER = 2  # sentences after an event that may say more of it, with no event of their own


def _told_after(
    out: list[Event], last_index: Mapping[int, int], sentences: Sequence[Any], text: str, cues: Cues
) -> list[Event]:
    """Events completed by the sentences just after them that report no event of their own: a protest grown by
    "Police intervened to disperse the protest.", a toll given by "Two people died." or "2 fatalities." (no cue
    word, so no follow-up event to fold in). A cumulative toll ("since March") is no toll of the event."""
    with_events = set(last_index.values())
    for i, index in last_index.items():
        event = out[i]
        for later in range(index + 1, min(index + 1 + _TOLD_AFTER, len(sentences))):
            if later in with_events:
                break  # another event's sentence: what follows is about that one
            sentence = text[sentences[later].start : sentences[later].end]
            grown = protest_told_after(event.sub_type, sentence.lower(), cues)
            if grown is not None and grown != event.sub_type:
                event = event._replace(sub_type=grown, type=type_of(grown) or event.type)
            fatal = find_fatalities(sentence, cues.casualty_nouns) if event.fatalities is None else None
            if fatal is not None and fatal.count is not None and find_period(sentence) is None:
                event = event._replace(fatalities=fatal.count, fatalities_text=fatal.text)
        out[i] = event
    return out


def _firms_taken(targets: Sequence[SpanRef], entities: Sequence[Any], places: Sequence[Any]) -> bool:
    """Every target of a territory cue is an organisation ("taking over United", "took over the bank") that the
    places layer did not read as a place ("captured Starohnativka" may be tagged an organisation too)."""

    def firm(ref: SpanRef) -> bool:
        head, _, first, last = ref
        named = any(e.start <= head < e.end and e.label == "ORG" for e in entities)
        return named and not any(p.start < last and p.end > first for p in places)

    return bool(targets) and all(firm(t) for t in targets)


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
    better = more_specific_within(prev, places)
    if better is not None:
        event = event._replace(**place_fields(better, inferred=False))
    return event


def _more_specific_kind(prev: Event, cand: EventCandidate, cues: Cues) -> Event:
    """The kind a later mention names when it says more than the first one: "An explosion hit the market ... The
    suicide bombing" is a Suicide bomb. Harm words, generic cues and a plain attack or clash say no more."""
    if (
        cand.weak
        or cand.sub_type in GENERIC_VIOLENCE
        or type_of(cand.sub_type) not in _VIOLENT_TYPES
        or prev.type not in _VIOLENT_TYPES
        or cues.priority.get(cand.sub_type, 0) <= cues.priority.get(prev.sub_type, 0)
    ):
        return prev
    return prev._replace(sub_type=cand.sub_type, type=type_of(cand.sub_type) or prev.type)


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


def _nearest_time(cand: EventCandidate, period: str | None, text: str = "") -> str | None:
    """The time expression closest to the cue, leaving out the aggregate's period ("March 2011").

    Only the part of an expression on the cue's own line counts (the parser runs a dateline into the
    first sentence: "Monday, August 19, 2019 / Yesterday" is "Yesterday"), and expressions next to each
    other are one ("Saturday" "morning" is Saturday morning, not a bare "morning")."""
    times = []
    for start, end, said in sorted(cand.times):
        if text:
            start, end = max(start, cand.sent_start), min(end, cand.sent_end)
            if start >= end:
                continue
            start, end = _whole_time(text, start, end, cand.sent_start, cand.sent_end)
            said = text[start:end].strip()
        if not said or (period and said in period):
            continue
        if times and text and not text[times[-1][1] : start].strip(" -"):
            times[-1] = (times[-1][0], end, text[times[-1][0] : end])
        else:
            times.append((start, end, said))
    if not times:
        return None
    # An age, a clock time or a duration names no day: "On Friday, a 28-year-old man was shot" is Friday's.
    days = [t for t in times if not names_no_day(t[2])] or times
    return min(days, key=lambda t: abs(t[0] - cand.cue_start))[2]


_DAY_BEFORE_MONTH = re.compile(r"\b(?:[12]?\d|3[01])(?:st|nd|rd|th)?\s+$")
_CLOCK_AFTER = re.compile(r"^\s*(?:hrs|hours|gmt|utc|local time|[a-z]{2}t)\b", re.I)


def _whole_time(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """A time expression with the words the parser left out of it: the day before a month ("Around 22 [March
    2022]") and the zone after a clock time ("[1700] gmt", which is no year 1700)."""
    if text[start:end].split()[0][:3].lower() in _MONTHS:
        day = _DAY_BEFORE_MONTH.search(text, max(lo, start - 6), start)
        if day:
            start = day.start()
    clock = _CLOCK_AFTER.match(text[end:hi])
    if clock and text[start:end].strip().isdigit():
        end += clock.end()
    return start, end


_MONTHS = frozenset(
    m[:3] for m in ("january february march april may june july august september october november december").split()
)


def _context(cand: EventCandidate, sentence: str, actors: Sequence[Any], cues: Cues, protest_article: bool) -> bool:
    """The context a cue of a strict sub-type needs (``sentence`` lower case), by its sub-type's kind:
    violence (an armed group acting in the sentence, or a word of ``conflict_words``), a protest (also a word of
    ``protest_words``) or a political arrest (a word of ``political_words``, an armed group, or an article
    that reports a protest)."""
    kind = cues.context_kind.get(cand.cue_sub_type or cand.sub_type, "violence")
    armed = any(cand.sent_start <= e.start < cand.sent_end and e.actor_type == "armed group" for e in actors)
    state = any(cand.sent_start <= e.start < cand.sent_end and e.actor_type == "state" for e in actors)
    if kind == "arrest":
        return armed or protest_article or any_word(sentence, cues.political_words)
    if armed or any_word(sentence, cues.conflict_words):
        return True
    if kind == "protest":  # a crowd against a state: "teachers demonstrated in Oueme Department"
        return state or any_word(sentence, cues.protest_words)
    # A deed done by a crowd: "two groups of villagers clashed" (Mob violence), not "the senator attacked".
    return cand.verbal and bool(cand.agents) and any_word(sentence, cues.crowds)


_UNREST_MIN = 3  # distinct `unrest_words` that make an article one about political violence or unrest


def unrest_article(text: str, cues: Cues) -> bool:
    """An article about political violence or unrest: it names at least :data:`_UNREST_MIN` distinct words of
    `unrest_words` (armed sides, weapons, tolls, crowds met by police). A business, sport, film or technology story
    names one in passing at most ("the dollar rallied despite the violence in Iraq")."""
    found: set[str] = set()
    for piece in _lowered_pieces(text):
        found.update(word_pattern(cues.unrest_words).findall(piece))
    return len(found) >= _UNREST_MIN


def violent_sense(
    cand: EventCandidate, sentence: str, harm: bool, actors: Sequence[Any], unrest: bool, cues: Cues
) -> bool:
    """A cue word whose sense varies (`ambiguous`: "rallied", "fighting", "attacked", "shooting") is read in its
    violent sense when its sentence (``sentence``, lower case) says so (a word of `violent_sense`, an armed group, a
    death count or civilians hit: ``harm``) or, in a sentence that is not about sport, when the article is about political violence or unrest.
    A protest word needs a purpose of dissent or a crowd: "rallied to demand", not "the dollar rallied"."""
    protest = type_of(cand.cue_sub_type or cand.sub_type) in (PROTESTS, RIOTS)
    cue = slice(cand.cue_start - cand.sent_start, cand.cue_end - cand.sent_start)
    sentence = sentence[: cue.start] + " " * (cue.stop - cue.start) + sentence[cue.stop :]  # the cue is no evidence
    armed = any(cand.sent_start <= e.start < cand.sent_end and e.actor_type == "armed group" for e in actors)
    evidence = harm or armed or any_word(sentence, cues.violent_sense)
    if protest:  # a crowd with a purpose: "an anti-racism march", "supporters rallied against ..."
        evidence = evidence or any_word(sentence, cues.crowd_evidence) or "anti-" in sentence
    if any_word(sentence, cues.sports_words):  # a game's "clash": only a death or an armed side makes it violence
        return harm or armed
    return evidence or unrest


def _accident_before(text: str, starts: Sequence[int], index: int, sentence: str, cues: Cues) -> bool:
    """The sentence just before names an accident or a disaster and no armed side, and this one (``sentence``, lower
    case) names none either: its harm word or blast tells the same accident again."""
    if index == 0 or not starts or any_word(sentence, cues.accident_unless):
        return False
    before = text[starts[index - 1] : starts[index]].lower()
    return any_word(before, cues.accident_words) and not any_word(before, cues.accident_unless)


def disaster_article(lead: str, text: str, cues: Cues) -> bool:
    """An article about an accident or a disaster: its lead (the first sentences) names one, without an armed
    side or a deed of war, and the article names two or more of the [accident] words."""
    if not _names_any(lead, cues.disaster_lead) or _names_any(lead, cues.accident_unless):
        return False
    named: set[int] = set()
    for piece in _lowered_pieces(text):
        named.update(i for i, w in enumerate(cues.accident_words) if i not in named and any_word(piece, (w,)))
    return len(named) >= 2


def _names_any(text: str, words: Sequence[str]) -> bool:
    return any(any_word(piece, words) for piece in _lowered_pieces(text))


def _lowered_pieces(text: str, size: int = 100_000) -> Iterator[str]:
    """``text`` lower-cased a piece of about ``size`` characters at a time, each cut after a line break (no cue
    word or phrase spans one, so every match is found as in the whole text). ``str.lower()`` of a non-ASCII text
    allocates 12 bytes a character for its work: 136 MB for the 10 MB article of the memory bench, once per
    section of it (a long article's later sections also pass a lead as long as the text before them)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start + size)
        end = len(text) if end < 0 else end + 1
        yield text[start:end].lower()
        start = end


# Violence that a later sentence may report again under another word ("the attack", "the first bomb", "was
# killed"), and what a later sentence adds to it that is no incident of its own (the perpetrator's arrest).
_VIOLENT_TYPES = frozenset({BATTLES, EXPLOSIONS, VIOLENCE_AGAINST_CIVILIANS})
_PART_OF_VIOLENCE = frozenset({ARRESTS, DISRUPTED_WEAPONS, LOOTING, CHANGE_TO_GROUP})  # "the gunman surrendered"
# A sentence that restates a toll ("This revised downwards an earlier toll of 27 dead") reports no new incident.
_TOLL_WORDS = ("toll", "tolls", "revised", "revises", "updated")


def _same_incident(
    out: Sequence[Event],
    last_index: Mapping[int, int],
    index: int,
    cand: EventCandidate,
    date: dt.date | None,
    inferred: bool,
    own_places: Sequence[Any],
    fatal: Any,
    sentence: str = "",
) -> int | None:
    """The earlier event of the article that a later sentence's cue reports again, if any: an event of another
    sentence whose kind is compatible (the same sub-type, or a protest with a protest; harm words and generic cues with any violence; an
    arrest, a seizure or a burning after violence), on the same day (or no day said) and at the same place
    (or none said, or only its country), with no other death toll of its own ("another in Gilroy, killing
    three"), and not said to be another ("the second attack")."""
    if cand.another:
        return None
    kind = type_of(cand.sub_type)
    lowered = sentence.lower()
    # "the rally", a toll revised, or a wave summarised ("have been protesting since early June"): said again.
    restated = (
        cand.definite
        or (cand.weak and any_word(lowered, _TOLL_WORDS))
        or (kind in (PROTESTS, RIOTS) and find_period(sentence) is not None)
    )
    for i in sorted(last_index, reverse=True):
        prev = out[i]
        if last_index[i] >= index or prev.aggregate:
            continue
        same_kind = cand.sub_type == prev.sub_type or (kind == prev.type and kind in (PROTESTS, RIOTS))
        compatible = (
            same_kind
            or (
                prev.type in _VIOLENT_TYPES
                and (kind in _VIOLENT_TYPES and (cand.weak or cand.definite) or cand.sub_type in _PART_OF_VIOLENCE)
            )
            or (prev.type in (PROTESTS, RIOTS) and cand.weak)
        )  # "the night's incidents injured fourteen police officers"
        if not compatible:
            continue
        if fatal is not None and fatal.count and prev.fatalities and fatal.count != prev.fatalities and not restated:
            continue
        if not restated and not inferred and date is not None and prev.date is not None and date != prev.date:
            continue
        if restated and same_kind:
            return i  # "the rally", "the attack" of the same kind: that incident, wherever the sentence goes on to
        if any(p.country_code and prev.country_code and p.country_code != prev.country_code for p in own_places):
            continue
        if (
            own_places
            and prev.place
            and not any(p.name == prev.place or SPECIFICITY.get(p.feature_type, 9) >= 4 for p in own_places)
        ):
            continue
        return i
    return None
