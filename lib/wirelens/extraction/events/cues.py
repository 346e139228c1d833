"""The researchers' cue file ``cues.toml``, read and checked once into a :class:`Cues` record.

Every sub-type it names must be one of the taxonomy (``taxonomy.toml``), which gives its event
type; a bad entry (an unknown sub-type, section or key, a cue that is no string) fails at load
with a message naming the file and the entry. See the comments at the top of ``cues.toml``.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from wirelens.extraction.events.taxonomy import TAXONOMY, Taxonomy, TaxonomyError

CUES_PATH = Path(__file__).with_name("cues.toml")


class CuesError(ValueError):
    """A malformed entry of the cue file; the message names the file and the entry."""


class Cues(NamedTuple):
    """The parsed cue file (see the comments at the top of ``cues.toml``)."""

    phrases: dict[tuple[str, ...], str]  # words -> sub-type name
    max_len: int
    types: dict[str, str]  # sub-type of the cue file -> ACLED event type (from the taxonomy)
    priority: dict[str, int]
    strict: frozenset[str]  # sub-types whose cues need a conflict context in the sentence
    captures: str
    regains: str
    government_words: frozenset[str]
    protest_violent: tuple[str, ...]
    protest_excessive: tuple[str, ...]
    protest_intervention: tuple[str, ...]
    riot_words: tuple[str, ...]  # [protest] `riot`: a riot, a mob's unless a demonstration is named
    demonstration_words: tuple[str, ...]  # [protest] `demonstration`
    civilian_targets: tuple[str, ...]
    armed_targets: tuple[str, ...]
    casualty_nouns: tuple[str, ...]
    speech: frozenset[str]
    claim: frozenset[str]
    reported_frame: frozenset[str]
    not_event_heads: frozenset[str]
    conflict_words: tuple[str, ...]
    generic: frozenset[tuple[str, ...]] = frozenset()  # cues any more specific cue of the sentence outranks
    outcome: frozenset[tuple[str, ...]] = frozenset()  # harm, not its kind: "killed", "injured"
    sure: frozenset[tuple[str, ...]] = frozenset()  # cues of a strict sub-type that need no conflict context
    nonstate_words: frozenset[str] = frozenset()
    property_words: frozenset[str] = frozenset()  # [territory]: goods taken, no ground
    civilian_objects: tuple[str, ...] = ()
    crowds: tuple[str, ...] = ()
    weapon_words: frozenset[str] = frozenset()
    disrupt_verbs: frozenset[str] = frozenset()
    accident_words: tuple[str, ...] = ()
    accident_weak: frozenset[tuple[str, ...]] = frozenset()
    accident_unless: tuple[str, ...] = ()
    non_actor_types: frozenset[str] = frozenset()
    # [grammar]: function words the rules read in the parse
    modals: frozenset[str] = frozenset()
    definite: frozenset[str] = frozenset()
    target_preps: frozenset[str] = frozenset()
    background_preps: frozenset[str] = frozenset()
    background_marks: frozenset[str] = frozenset()
    parallel_marks: frozenset[str] = frozenset()
    holder_preps: frozenset[str] = frozenset()
    holder_verbs: frozenset[str] = frozenset()
    # [context]: what a strict cue needs around it, by the kind of context its sub-type names
    context_kind: dict[str, str] = {}  # sub-type -> "violence" (default) | "protest" | "arrest"
    protest_words: tuple[str, ...] = ()
    political_words: tuple[str, ...] = ()
    not_event_modifiers: frozenset[str] = frozenset()
    rule_heads: frozenset[str] = frozenset()
    hypothetical_marks: frozenset[str] = frozenset()
    transitive_other_sense: frozenset[str] = frozenset()
    another: frozenset[str] = frozenset()  # [grammar]
    history_words: tuple[str, ...] = ()  # [context]
    manner_nouns: frozenset[str] = frozenset()  # [context]
    protest_verbs: frozenset[str] = frozenset()  # [context]
    protest_nouns: frozenset[str] = frozenset()  # [context]
    disaster_lead: tuple[str, ...] = ()  # [accident]
    figurative_objects: frozenset[str] = frozenset()  # [context]: "fight corruption", "battle the virus"
    war_objects: frozenset[str] = frozenset()  # [context]: "fought a war": a whole war, no one event
    campaign_words: tuple[str, ...] = ()  # [context]: a candidate's rally is no protest
    dissent_words: tuple[str, ...] = ()  # [context]: ... unless it is against something
    crime_words: tuple[str, ...] = ()  # [context]: ordinary crime, no political violence
    gatherings: frozenset[tuple[str, ...]] = frozenset()  # [context]: a protest only with a purpose of dissent
    dissent_purpose: tuple[str, ...] = ()  # [context]
    crowd_nouns: frozenset[str] = frozenset()  # [protest] `crowd_nouns`: people of a protest, there whatever is done
    # [context]: the gate of cue words whose sense varies with the story
    ambiguous: frozenset[tuple[str, ...]] = frozenset()
    violent_sense: tuple[str, ...] = ()  # with `conflict_words` and `crowds`, less `loose_evidence`
    unrest_words: tuple[str, ...] = ()
    crowd_evidence: tuple[str, ...] = ()  # [context]: with `dissent_purpose` and `crowds`
    sports_words: tuple[str, ...] = ()
    dispute_verbs: frozenset[str] = frozenset()  # [context]
    diplomatic_senders: tuple[str, ...] = ()  # [context]
    diplomatic_verbs: frozenset[str] = frozenset()  # [context]
    withdrawn_forces: frozenset[str] = frozenset()  # [context]
    state_adverbs: frozenset[str] = frozenset()  # [context]
    claim_nouns: frozenset[str] = frozenset()  # [context]
    series_nouns: frozenset[str] = frozenset()  # [context]: "a wave of", "12 years of": many incidents
    habitual_adverbs: frozenset[str] = frozenset()  # [context]: "have attacked journalists previously"
    ongoing_verbs: frozenset[str] = frozenset()  # [context]: "skirmishes continued": many incidents
    legislator_words: tuple[str, ...] = ()  # [context]: "MPs protested ... during the session"
    sitting_words: tuple[str, ...] = ()  # [context]


# The sections of the file and their keys (each a list of words), besides [[sub_type]].
_SECTIONS: dict[str, tuple[str, ...]] = {
    "territory": ("captures", "regains", "government_words", "nonstate_words", "property_words"),
    "protest": ("violent", "excessive_force", "intervention", "riot", "demonstration", "crowd_nouns"),
    "attack": ("civilian_targets", "civilian_objects", "armed_targets", "crowds"),
    "fatalities": ("casualty_nouns",),
    "context": (
        "speech",
        "claim",
        "reported_frame",
        "not_event_heads",
        "conflict_words",
        "non_actor_types",
        "protest_words",
        "political_words",
        "not_event_modifiers",
        "rule_heads",
        "hypothetical_marks",
        "transitive_other_sense",
        "history_words",
        "manner_nouns",
        "protest_verbs",
        "protest_nouns",
        "figurative_objects",
        "war_objects",
        "campaign_words",
        "dissent_words",
        "crime_words",
        "gatherings",
        "dissent_purpose",
        "ambiguous",
        "violent_sense",
        "loose_evidence",
        "crowd_evidence",
        "unrest_words",
        "sports_words",
        "dispute_verbs",
        "diplomatic_senders",
        "diplomatic_verbs",
        "withdrawn_forces",
        "state_adverbs",
        "claim_nouns",
        "series_nouns",
        "habitual_adverbs",
        "ongoing_verbs",
        "legislator_words",
        "sitting_words",
    ),
    "disrupted": ("weapon_words", "verbs"),
    "accident": ("words", "unless", "weak_cues", "lead_words"),
    "grammar": (
        "modals",
        "definite",
        "target_preps",
        "background_preps",
        "background_marks",
        "parallel_marks",
        "holder_preps",
        "holder_verbs",
        "another",
    ),
}
_SUB_TYPE_KEYS = frozenset({"name", "priority", "strict", "cues", "generic", "outcome", "sure", "context"})
CONTEXT_KINDS = ("violence", "protest", "arrest")  # what a strict sub-type's cue needs around it
_SUB_TYPE_NAMES = ("captures", "regains")  # [territory] keys that name a sub-type, not words


@lru_cache(maxsize=4)
def load_cues(path: Path = CUES_PATH, taxonomy: Taxonomy = TAXONOMY) -> Cues:
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    _check(data, path, taxonomy)
    phrases: dict[tuple[str, ...], str] = {}
    types: dict[str, str] = {}
    priority: dict[str, int] = {}
    generic: set[tuple[str, ...]] = set()
    outcome: set[tuple[str, ...]] = set()
    sure: set[tuple[str, ...]] = set()
    type_of = taxonomy.sub_types
    for entry in data.get("sub_type", []):
        name = entry["name"]
        types[name] = type_of[name]
        priority[name] = int(entry.get("priority", 0))
        generic.update(_words(cue) for cue in entry.get("generic", []))
        outcome.update(_words(cue) for cue in entry.get("outcome", []))
        sure.update(_words(cue) for cue in entry.get("sure", []))
        for cue in [
            *entry.get("cues", []),
            *entry.get("generic", []),
            *entry.get("outcome", []),
            *entry.get("sure", []),
        ]:
            words = _words(cue)
            # A phrase listed under two sub-types belongs to the higher priority one.
            if words not in phrases or priority[phrases[words]] < priority[name]:
                phrases[words] = name
    territory, protest = data.get("territory", {}), data.get("protest", {})
    context, attack = data.get("context", {}), data.get("attack", {})
    disrupted, accident = data.get("disrupted", {}), data.get("accident", {})
    grammar = data.get("grammar", {})
    strict = frozenset(e["name"] for e in data.get("sub_type", []) if e.get("strict", False))

    def lowered(section: dict[str, Any], key: str) -> frozenset[str]:
        return frozenset(w.lower() for w in section.get(key, []))

    return Cues(
        phrases=phrases,
        max_len=max((len(p) for p in phrases), default=1),
        types=types,
        priority=priority,
        strict=strict,
        captures=territory.get("captures", ""),
        regains=territory.get("regains", ""),
        government_words=lowered(territory, "government_words"),
        protest_violent=tuple(protest.get("violent", [])),
        protest_excessive=tuple(protest.get("excessive_force", [])),
        protest_intervention=tuple(protest.get("intervention", [])),
        riot_words=tuple(protest.get("riot", [])),
        demonstration_words=tuple(protest.get("demonstration", [])),
        crowd_nouns=lowered(protest, "crowd_nouns"),
        civilian_targets=tuple(attack.get("civilian_targets", [])),
        armed_targets=tuple(attack.get("armed_targets", [])),
        casualty_nouns=tuple(data.get("fatalities", {}).get("casualty_nouns", [])),
        speech=frozenset(context.get("speech", [])),
        claim=frozenset(context.get("claim", [])),
        reported_frame=frozenset(context.get("reported_frame", [])),
        not_event_heads=frozenset(context.get("not_event_heads", [])),
        conflict_words=tuple(context.get("conflict_words", [])),
        generic=frozenset(generic),
        outcome=frozenset(outcome),
        sure=frozenset(sure),
        nonstate_words=lowered(territory, "nonstate_words"),
        property_words=lowered(territory, "property_words"),
        civilian_objects=tuple(attack.get("civilian_objects", [])),
        crowds=tuple(attack.get("crowds", [])),
        weapon_words=lowered(disrupted, "weapon_words"),
        disrupt_verbs=lowered(disrupted, "verbs"),
        accident_words=tuple(accident.get("words", [])),
        accident_weak=frozenset(_words(c) for c in accident.get("weak_cues", [])),
        accident_unless=tuple(accident.get("unless", [])),
        disaster_lead=tuple(accident.get("lead_words", [])),
        non_actor_types=frozenset(context.get("non_actor_types", [])),
        context_kind={e["name"]: e.get("context", "violence") for e in data.get("sub_type", [])},
        protest_words=tuple(context.get("protest_words", [])),
        political_words=tuple(context.get("political_words", [])),
        not_event_modifiers=lowered(context, "not_event_modifiers"),
        rule_heads=lowered(context, "rule_heads"),
        hypothetical_marks=lowered(context, "hypothetical_marks"),
        transitive_other_sense=lowered(context, "transitive_other_sense"),
        history_words=tuple(context.get("history_words", [])),
        manner_nouns=lowered(context, "manner_nouns"),
        protest_verbs=lowered(context, "protest_verbs"),
        protest_nouns=lowered(context, "protest_nouns"),
        figurative_objects=lowered(context, "figurative_objects"),
        war_objects=lowered(context, "war_objects"),
        campaign_words=tuple(context.get("campaign_words", [])),
        dissent_words=tuple(context.get("dissent_words", [])),
        crime_words=tuple(context.get("crime_words", [])),
        gatherings=frozenset(_words(c) for c in context.get("gatherings", [])),
        dissent_purpose=tuple(context.get("dissent_purpose", [])),
        ambiguous=frozenset(_words(c) for c in context.get("ambiguous", [])),
        violent_sense=_evidence(context, attack),
        unrest_words=tuple(context.get("unrest_words", [])),
        crowd_evidence=(
            *context.get("crowd_evidence", []),
            *context.get("dissent_purpose", []),
            *attack.get("crowds", []),
        ),
        sports_words=tuple(context.get("sports_words", [])),
        dispute_verbs=lowered(context, "dispute_verbs"),
        diplomatic_senders=tuple(context.get("diplomatic_senders", [])),
        diplomatic_verbs=lowered(context, "diplomatic_verbs"),
        withdrawn_forces=lowered(context, "withdrawn_forces"),
        state_adverbs=lowered(context, "state_adverbs"),
        claim_nouns=lowered(context, "claim_nouns"),
        series_nouns=lowered(context, "series_nouns"),
        habitual_adverbs=lowered(context, "habitual_adverbs"),
        ongoing_verbs=lowered(context, "ongoing_verbs"),
        legislator_words=tuple(context.get("legislator_words", [])),
        sitting_words=tuple(context.get("sitting_words", [])),
        **{key: lowered(grammar, key) for key in _SECTIONS["grammar"]},
    )


def _evidence(context: dict[str, Any], attack: dict[str, Any]) -> tuple[str, ...]:
    """[context] `violent_sense` with `conflict_words` and [attack] `crowds`, less `loose_evidence`."""
    loose = set(context.get("loose_evidence", []))
    words = [*context.get("violent_sense", []), *context.get("conflict_words", []), *attack.get("crowds", [])]
    return tuple(dict.fromkeys(w for w in words if w not in loose))


def _check(data: dict[str, Any], path: Path, taxonomy: Taxonomy) -> None:
    """Every entry well formed and every sub-type one of the taxonomy's; else :class:`CuesError`."""
    known = taxonomy.sub_types
    for section in set(data) - {"sub_type", *_SECTIONS}:
        raise CuesError(f"{path}: unknown section [{section}] (known: [[sub_type]], {', '.join(sorted(_SECTIONS))})")
    for i, entry in enumerate(data.get("sub_type", []), 1):
        where = f"{path}: [[sub_type]] #{i} ({entry.get('name', '?')!r})"
        if entry.get("name") not in known:
            raise CuesError(f"{where}: not a sub-event type of {taxonomy.path}")
        unknown = set(entry) - _SUB_TYPE_KEYS
        if unknown:
            hint = " (the event type comes from taxonomy.toml)" if "type" in unknown else ""
            raise CuesError(f"{where}: unknown key(s) {sorted(unknown)}{hint}")
        if not isinstance(entry.get("priority", 0), int) or not isinstance(entry.get("strict", False), bool):
            raise CuesError(f"{where}: priority must be a whole number and strict true or false")
        if entry.get("context", "violence") not in CONTEXT_KINDS:
            raise CuesError(f"{where}: context must be one of {', '.join(CONTEXT_KINDS)}")
        for key in ("cues", "generic", "outcome", "sure"):
            _check_words(entry.get(key, []), f"{where} {key}")
    for section, keys in _SECTIONS.items():
        table = data.get(section, {})
        if not isinstance(table, dict):
            raise CuesError(f"{path}: [{section}] must be a table")
        for key in set(table) - set(keys):
            raise CuesError(f"{path}: [{section}] unknown key {key!r} (known: {', '.join(keys)})")
        for key, value in table.items():
            if section == "territory" and key in _SUB_TYPE_NAMES:
                if value not in known:
                    raise CuesError(f"{path}: [territory] {key} = {value!r}: not a sub-event type of {taxonomy.path}")
            else:
                _check_words(value, f"{path}: [{section}] {key}")


def _check_words(value: Any, where: str) -> None:
    if not isinstance(value, list):
        raise CuesError(f"{where}: must be a list of words")
    for word in value:
        if not isinstance(word, str) or not word.strip():
            raise CuesError(f"{where}: {word!r} is no word or phrase")


def _words(cue: str) -> tuple[str, ...]:
    return tuple(cue.lower().replace("-", " - ").split())


__all__ = ["CUES_PATH", "Cues", "CuesError", "TaxonomyError", "load_cues"]
