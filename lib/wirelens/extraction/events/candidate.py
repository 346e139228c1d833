"""The record that passes from reading the parse (:mod:`.detect`) to the article-wide step (:mod:`.resolve`)."""

from __future__ import annotations

from typing import NamedTuple

# (head start, head end, subtree start, subtree end): a participant as written.
SpanRef = tuple[int, int, int, int]


class EventCandidate(NamedTuple):
    """The best event cue of one sentence and its context, before the article-wide resolution."""

    sent_start: int
    sent_end: int
    cue_start: int
    cue_end: int
    cue_text: str
    sub_type: str  # from the cue (protest and territory rules already applied)
    verbal: bool  # the cue is (or hangs from) a verb: "shelled", "killing"; not a bare noun
    definite: bool  # "the attack", "The bombing": refers back to an event already reported
    agents: tuple[SpanRef, ...]  # who did it: subject, passive agent, "rebel" in "rebel shelling"
    targets: tuple[SpanRef, ...]  # to whom: object, "against rebels"
    claimants: tuple[SpanRef, ...]  # "IS claimed the attack"
    sources: tuple[SpanRef, ...]  # who reports it: "SANA reported", "according to the Society"
    times: tuple[tuple[int, int, str], ...]  # DATE/TIME entities of the sentence
    # Parts of the sentence that belong to another event of the same sentence: "..., while air strikes hit
    # the east" (char spans, left out when counting this event's dead).
    elsewhere: tuple[tuple[int, int], ...] = ()
    sure: bool = False  # a cue that needs no conflict context ("protesters", "looted"): cues.toml `sure`
    main: bool = True
    cue_sub_type: str = ""  # the sub-type the cue itself names, before the sentence's rules ("riots": a protest cue)
    weak: bool = False
    ambiguous: bool = False  # a cue word whose sense varies with the story (cues.toml [context] `ambiguous`)
    another: bool = False  # "the second attack", "another explosion": not the incident already reported  # harm or a generic word ("killed", "explosion", "raid"): no kind of violence of its own  # the sentence's main event; False: a second event in a clause of its own
