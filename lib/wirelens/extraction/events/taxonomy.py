"""ACLED's event taxonomy, read once from ``taxonomy.toml``: the one place its names live.

Event types, their sub-event types, a display label and a map colour per type. The cue file
(:mod:`wirelens.extraction.events.cues`), the sub-type rules, the dashboard's map colours and the
exports read it from here; code names a type or sub-type only through the constants at the end
of this module, which fail at import when the file lacks the name:

    >>> type_of(ARMED_CLASH)
    'Battles'
    >>> sub_type("Armed clashes")  # raises TaxonomyError: 'Armed clashes' is no sub-event type in .../taxonomy.toml
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

TAXONOMY_PATH = Path(__file__).with_name("taxonomy.toml")


class TaxonomyError(ValueError):
    """The taxonomy file is malformed, or a cue file or rule names what it lacks."""


class EventType(NamedTuple):
    name: str  # as ACLED writes it
    label: str  # what the dashboard shows
    colour: tuple[int, int, int, int]  # RGBA on the map
    sub_types: tuple[str, ...]


class Taxonomy(NamedTuple):
    path: Path
    types: tuple[EventType, ...]  # in the file's (ACLED's) order
    other_colour: tuple[int, int, int, int]  # an event of no known type

    @property
    def type_names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.types)

    @property
    def sub_types(self) -> dict[str, str]:
        """Every sub-event type -> its event type."""
        return {s: t.name for t in self.types for s in t.sub_types}


@lru_cache(maxsize=4)
def load_taxonomy(path: Path = TAXONOMY_PATH) -> Taxonomy:
    """The taxonomy file, checked: names unique, four-number colours, one colour per type."""
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    types, seen_sub = [], {}
    for i, entry in enumerate(data.get("event_type", []), 1):
        where = f"{path}: [[event_type]] #{i} ({entry.get('name', '?')!r})"
        unknown = set(entry) - {"name", "label", "colour", "sub_types"}
        if unknown:
            raise TaxonomyError(f"{where}: unknown key(s) {sorted(unknown)}")
        name = entry.get("name")
        if not isinstance(name, str) or not name:
            raise TaxonomyError(f"{where}: needs a name")
        subs = entry.get("sub_types")
        if not isinstance(subs, list) or not subs or not all(isinstance(s, str) and s for s in subs):
            raise TaxonomyError(f"{where}: sub_types must be a non-empty list of names")
        for s in subs:
            if s in seen_sub:
                raise TaxonomyError(f"{where}: sub-type {s!r} is already under {seen_sub[s]!r}")
            seen_sub[s] = name
        types.append(EventType(name, str(entry.get("label", name)), _colour(entry.get("colour"), where), tuple(subs)))
    names = [t.name for t in types]
    if not types or len(set(names)) != len(names):
        raise TaxonomyError(f"{path}: event type names must be present and unique, got {names}")
    colours = [t.colour for t in types]
    if len(set(colours)) != len(colours):
        raise TaxonomyError(f"{path}: two event types share a colour")
    other = _colour(data.get("other", {}).get("colour"), f"{path}: [other]")
    return Taxonomy(path, tuple(types), other)


def _colour(value: Any, where: str) -> tuple[int, int, int, int]:
    if not (isinstance(value, list) and len(value) == 4 and all(isinstance(v, int) and 0 <= v <= 255 for v in value)):
        raise TaxonomyError(f"{where}: colour must be four numbers 0-255 (RGBA), got {value!r}")
    return tuple(value)  # type: ignore[return-value]


TAXONOMY = load_taxonomy()
_TYPE_OF = TAXONOMY.sub_types


def type_of(sub_type: str) -> str | None:
    """The event type of a sub-event type; None for a name the taxonomy lacks."""
    return _TYPE_OF.get(sub_type)


def sub_type(name: str, taxonomy: Taxonomy = TAXONOMY) -> str:
    """``name``, checked: a sub-event type of the taxonomy, else :class:`TaxonomyError` naming the file."""
    if name not in taxonomy.sub_types:
        raise TaxonomyError(f"{name!r} is no sub-event type in {taxonomy.path} (known: {sorted(taxonomy.sub_types)})")
    return name


def event_type(name: str, taxonomy: Taxonomy = TAXONOMY) -> str:
    """``name``, checked: an event type of the taxonomy, else :class:`TaxonomyError` naming the file."""
    if name not in taxonomy.type_names:
        raise TaxonomyError(f"{name!r} is no event type in {taxonomy.path} (known: {list(taxonomy.type_names)})")
    return name


def colours() -> dict[str, list[int]]:
    """Event type -> RGBA list, in the taxonomy's order (the map's legend)."""
    return {t.name: list(t.colour) for t in TAXONOMY.types}


def labels() -> dict[str, str]:
    """Event type -> the label the dashboard shows."""
    return {t.name: t.label for t in TAXONOMY.types}


# --- the names the rules use (checked at import) -----------------------------------------------

BATTLES = event_type("Battles")
EXPLOSIONS = event_type("Explosions/Remote violence")
VIOLENCE_AGAINST_CIVILIANS = event_type("Violence against civilians")
PROTESTS = event_type("Protests")
RIOTS = event_type("Riots")
STRATEGIC_DEVELOPMENTS = event_type("Strategic developments")

ARMED_CLASH = sub_type("Armed clash")
GOVERNMENT_REGAINS = sub_type("Government regains territory")
NONSTATE_OVERTAKES = sub_type("Non-state actor overtakes territory")
ATTACK = sub_type("Attack")
VIOLENT_DEMONSTRATION = sub_type("Violent demonstration")
EXCESSIVE_FORCE = sub_type("Excessive force against protesters")
PROTEST_WITH_INTERVENTION = sub_type("Protest with intervention")
DISRUPTED_WEAPONS = sub_type("Disrupted weapons use")
NONVIOLENT_TRANSFER = sub_type("Non-violent transfer of territory")
ARRESTS = sub_type("Arrests")
ABDUCTION = sub_type("Abduction/forced disappearance")
MOB_VIOLENCE = sub_type("Mob violence")
PEACEFUL_PROTEST = sub_type("Peaceful protest")
LOOTING = sub_type("Looting/property destruction")
CHANGE_TO_GROUP = sub_type("Change to group/activity")

# Every sub-type the code names, for the test that the taxonomy and the code agree.
NAMED_IN_CODE = (
    ARMED_CLASH,
    GOVERNMENT_REGAINS,
    NONSTATE_OVERTAKES,
    ATTACK,
    VIOLENT_DEMONSTRATION,
    EXCESSIVE_FORCE,
    PROTEST_WITH_INTERVENTION,
    DISRUPTED_WEAPONS,
    NONVIOLENT_TRANSFER,
    ARRESTS,
    ABDUCTION,
    MOB_VIOLENCE,
    PEACEFUL_PROTEST,
    LOOTING,
    CHANGE_TO_GROUP,
)
