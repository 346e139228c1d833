"""Map labels that do not overlap: country names and place names kept only where their text has room.

deck.gl's TextLayer draws every label it is given, so a world view of a few hundred articles printed
some 180 country names and a dozen place names on top of each other. Each label's box is estimated in
screen pixels at the view's zoom (web mercator, 512-pixel world at zoom 0, as deck.gl draws it) and the
labels are kept greedily, most important first, skipping any whose box meets one already kept.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

CHAR_WIDTH = 0.6  # a generous average glyph width, as a share of the font size
LINE_HEIGHT = 1.25
PAD_PX = 3.0


class MapLabel(NamedTuple):
    text: str
    lat: float
    lon: float
    size_px: float  # the font size it is drawn at
    offset_px: tuple[float, float] = (0.0, 0.0)  # deck.gl's pixel offset (y down) from its point


def mercator_y(lat: float) -> float:
    """Web-mercator y of a latitude (clamped to +-85 degrees), in radians: what deck.gl draws."""
    lat = max(-85.0, min(85.0, lat))
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def label_box(label: MapLabel, zoom: float) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) in world pixels at ``zoom``: centred on its point plus its offset."""
    world = 512.0 * 2**zoom
    x = label.lon / 360.0 * world + label.offset_px[0]
    y = -mercator_y(label.lat) / (2 * math.pi) * world + label.offset_px[1]
    half_w = len(label.text) * label.size_px * CHAR_WIDTH / 2 + PAD_PX
    half_h = label.size_px * LINE_HEIGHT / 2 + PAD_PX
    return (x - half_w, y - half_h, x + half_w, y + half_h)


def _meet(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def uncrowded(labels: Sequence[MapLabel], zoom: float) -> list[int]:
    """Indices of the labels to draw, in the order given (most important first): each one drawn only if its
    box meets no box drawn before it."""
    kept: list[int] = []
    boxes: list[tuple[float, float, float, float]] = []
    for i, label in enumerate(labels):
        box = label_box(label, zoom)
        if not any(_meet(box, other) for other in boxes):
            kept.append(i)
            boxes.append(box)
    return kept
