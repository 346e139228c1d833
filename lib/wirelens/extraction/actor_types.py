"""The actor types (person, state, organisation, armed group, media): one table, ``actor_types.toml``.

The lexicons' entries are checked against it, and the dashboard takes each type's colours from
it, so a type is added or renamed in one place.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import NamedTuple

TABLE_PATH = Path(__file__).with_name("actor_types.toml")
_BADGES = frozenset({"blue", "green", "orange", "red", "violet", "gray"})


class ActorType(NamedTuple):
    name: str
    colour: str  # a figure colour, "#rrggbb"
    badge: str  # a Streamlit markdown background colour


@cache
def actor_types(path: Path = TABLE_PATH) -> tuple[ActorType, ...]:
    """Every actor type, in display order; a bad entry is reported with the file and the entry."""
    with path.open("rb") as fh:
        rows = tomllib.load(fh).get("type", [])
    out = []
    for i, row in enumerate(rows, 1):
        try:
            entry = ActorType(str(row["name"]), str(row["colour"]), str(row["badge"]))
        except KeyError as exc:
            raise ValueError(f"{path}: actor type #{i} lacks {exc.args[0]!r}") from None
        if entry.badge not in _BADGES:
            raise ValueError(
                f"{path}: actor type {entry.name!r}: badge {entry.badge!r} is not one of {', '.join(sorted(_BADGES))}"
            )
        out.append(entry)
    if len({t.name for t in out}) != len(out):
        raise ValueError(f"{path}: an actor type is listed twice")
    return tuple(out)


ACTOR_TYPES = tuple(t.name for t in actor_types())
