"""Distances on the globe, for anything with a ``lat`` and a ``lon`` (places, GeoNames points)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Protocol, TypeVar


class Located(Protocol):
    @property
    def lat(self) -> float: ...

    @property
    def lon(self) -> float: ...


L = TypeVar("L", bound=Located)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))


def nearest(places: Iterable[L], lat: float, lon: float) -> L | None:
    """The one of ``places`` nearest (lat, lon); the first of equals; None when there are none."""
    return min(places, key=lambda p: distance_km(p.lat, p.lon, lat, lon), default=None)
