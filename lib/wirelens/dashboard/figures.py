"""What every figure shares: the colour of each actor type."""

from __future__ import annotations

ACTOR_TYPE_COLOURS = {
    "person": "#d97706",
    "organisation": "#2563eb",
    "state": "#4f46e5",
    "armed group": "#dc2626",
    "media": "#16a34a",
}
