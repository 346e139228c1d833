"""A matching written out: per record and per news event, as CSV and GeoJSON.

``records.csv``/``records.geojson``: every recorded event, ``covered`` true or false, with the news
event and article it was matched to (``article_id``, ``title``, ``news_date``, ``km``, ``days_apart``,
the sentence) and ``articles``, every article with a candidate event for it. ``news_events.csv``/
``news_events.geojson``: every news event matched against, with ``record_id`` (empty: unmatched).
CSV cells a spreadsheet would run as a formula get a leading apostrophe; GeoJSON holds the rows
that have coordinates.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from wirelens.coverage.matching import MatchResult
from wirelens.store.files import defuse

NEWS_COLUMNS = (
    "article_id",
    "title",
    "published",
    "source",
    "start",
    "end",
    "sentence",
    "date",
    "type",
    "sub_type",
    "place",
    "lat",
    "lon",
    "fatalities",
    "matched",
    "record_id",
    "record_dataset",
    "record_date",
    "record_type",
    "record_location",
    "km",
    "days_apart",
)


def records_frame(result: MatchResult) -> pd.DataFrame:
    return result.records.drop(columns=["sent_start", "sent_end"], errors="ignore")


def news_frame(result: MatchResult) -> pd.DataFrame:
    return result.news[[c for c in NEWS_COLUMNS if c in result.news.columns]]


def csv_text(frame: pd.DataFrame) -> str:
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(lambda v: defuse(_plain(v)))
    return safe.to_csv(index=False)


def geojson_text(frame: pd.DataFrame, lat: str = "lat", lon: str = "lon") -> str:
    """A FeatureCollection, one Point per row with coordinates, the other columns as properties."""
    features = []
    for row in frame.to_dict(orient="records"):
        y, x = _number(row.pop(lat, None)), _number(row.pop(lon, None))
        if y is None or x is None:
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [x, y]},
                "properties": {k: _plain(v) for k, v in row.items()},
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


def write_match(result: MatchResult, out_dir: str | Path) -> list[Path]:
    """records.csv, records.geojson, news_events.csv, news_events.geojson in ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for stem, frame in (("records", records_frame(result)), ("news_events", news_frame(result))):
        for suffix, text in ((".csv", csv_text(frame)), (".geojson", geojson_text(frame))):
            path = out / f"{stem}{suffix}"
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def _plain(value: Any) -> Any:
    """A cell as JSON and CSV want it: dates as ISO text, missing as None, numpy scalars as Python ones."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, (list, tuple, np.ndarray)):
        return [_plain(v) for v in value]
    return value
