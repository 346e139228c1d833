"""What every figure shares: the colour of each actor type."""

from __future__ import annotations

from wirelens.extraction.actor_types import actor_types

ACTOR_TYPE_COLOURS = {t.name: t.colour for t in actor_types()}
