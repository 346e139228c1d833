"""Event datasets, the record the news is matched against: ACLED and UCDP GED exports read as one table.

:func:`read_event_dataset` reads a CSV export of either and returns one row per recorded event in
the columns of :data:`RECORD_COLUMNS`:

- **ACLED** (``event_id_cnty``, ``event_date``, ``event_type`` are required; ``sub_event_type``, ``actor1``,
  ``actor2``, ``region``, ``country``, ``admin1``-``admin3``, ``location``, ``latitude``, ``longitude``,
  ``fatalities``, ``notes``, ``source`` are read when present). Dates as ``2016-10-03`` or ACLED's own
  ``03 October 2016``.
- **UCDP GED** (``id``, ``date_start``, ``type_of_violence`` required; ``date_end``, ``best``, ``side_a``,
  ``side_b``, ``region``, ``country``, ``adm_1``, ``adm_2``, ``where_coordinates``, ``latitude``,
  ``longitude``, ``source_headline``, ``source_original`` when present). An event spans
  ``date_start``..``date_end``. ``type_of_violence`` 1 (state-based), 2 (non-state), 3 (one-sided) is kept
  as ``type`` "UCDP 1"/"UCDP 2"/"UCDP 3"; :data:`UCDP_COMPATIBLE` says which ACLED types each may match.

Other columns are ignored. A row without coordinates keeps ``lat``/``lon`` empty: matching then
relies on its place names (see :mod:`wirelens.coverage.matching`). A row whose date cannot be read
keeps ``date`` empty and is never matched. A file in neither format raises :class:`NotAnEventDataset`
naming the columns it lacks.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import IO

import numpy as np
import pandas as pd

RECORD_COLUMNS = (
    "record_id",
    "dataset",
    "date",
    "date_end",
    "type",
    "sub_type",
    "actor1",
    "actor2",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "lat",
    "lon",
    "fatalities",
    "notes",
    "source",
)

ACLED_REQUIRED = ("event_id_cnty", "event_date", "event_type")
UCDP_REQUIRED = ("id", "date_start", "type_of_violence")

# ACLED column -> ours.
_ACLED = {
    "event_id_cnty": "record_id",
    "event_date": "date",
    "event_type": "type",
    "sub_event_type": "sub_type",
    "actor1": "actor1",
    "actor2": "actor2",
    "region": "region",
    "country": "country",
    "admin1": "admin1",
    "admin2": "admin2",
    "admin3": "admin3",
    "location": "location",
    "latitude": "lat",
    "longitude": "lon",
    "fatalities": "fatalities",
    "notes": "notes",
    "source": "source",
}
_UCDP = {
    "id": "record_id",
    "date_start": "date",
    "date_end": "date_end",
    "type_of_violence": "type",
    "side_a": "actor1",
    "side_b": "actor2",
    "region": "region",
    "country": "country",
    "adm_1": "admin1",
    "adm_2": "admin2",
    "where_coordinates": "location",
    "latitude": "lat",
    "longitude": "lon",
    "best": "fatalities",
    "source_headline": "notes",
    "source_original": "source",
}

UCDP_TYPES = {"1": "UCDP 1", "2": "UCDP 2", "3": "UCDP 3"}
UCDP_LABELS = {"UCDP 1": "state-based conflict", "UCDP 2": "non-state conflict", "UCDP 3": "one-sided violence"}
# Which ACLED event types a news event may have to match a UCDP record of each type of violence.
UCDP_COMPATIBLE = {
    "UCDP 1": frozenset({"Battles", "Explosions/Remote violence"}),
    "UCDP 2": frozenset({"Battles", "Explosions/Remote violence"}),
    "UCDP 3": frozenset({"Violence against civilians", "Explosions/Remote violence"}),
}


class NotAnEventDataset(ValueError):
    """A file that is neither an ACLED nor a UCDP GED export."""


def read_event_dataset(source: str | Path | IO[bytes] | IO[str] | bytes, name: str | None = None) -> pd.DataFrame:
    """One row per recorded event, in :data:`RECORD_COLUMNS`; ``dataset`` says "ACLED" or "UCDP GED"."""
    label = name or (str(source) if isinstance(source, (str, Path)) else "the file")
    raw = _read_csv(source)
    columns = {c.strip().lower(): c for c in raw.columns}
    raw = raw.rename(columns={original: clean for clean, original in columns.items()})
    kind = dataset_kind(list(raw.columns), label)
    mapping = _ACLED if kind == "ACLED" else _UCDP
    out = pd.DataFrame(index=raw.index)
    for ours in RECORD_COLUMNS:  # UCDP GED has no admin3, for one
        out[ours] = None
    for theirs, ours in mapping.items():
        out[ours] = raw[theirs] if theirs in raw.columns else None
    out["dataset"] = kind
    out["record_id"] = out["record_id"].fillna("").astype(str).str.strip()
    blank = out["record_id"] == ""
    out.loc[blank, "record_id"] = [f"row {i + 2}" for i in np.flatnonzero(blank.to_numpy())]
    out["date"] = parse_dates(out["date"])
    out["date_end"] = parse_dates(out["date_end"]) if kind == "UCDP GED" else out["date"]
    out["date_end"] = out["date_end"].fillna(out["date"])
    if kind == "UCDP GED":
        out["type"] = (
            out["type"].fillna("").astype(str).str.strip().str.replace(r"\.0$", "", regex=True).map(UCDP_TYPES)
        )
        out["sub_type"] = out["type"].map(UCDP_LABELS)
    for coordinate in ("lat", "lon"):
        out[coordinate] = pd.to_numeric(out[coordinate], errors="coerce")
    bad = (out["lat"].abs() > 90) | (out["lon"].abs() > 180) | ((out["lat"] == 0) & (out["lon"] == 0))
    out.loc[bad, ["lat", "lon"]] = np.nan
    out["fatalities"] = pd.to_numeric(out["fatalities"], errors="coerce").astype("Int64")
    for column in (
        "type",
        "sub_type",
        "actor1",
        "actor2",
        "region",
        "country",
        "admin1",
        "admin2",
        "admin3",
        "location",
        "notes",
        "source",
    ):
        out[column] = out[column].map(lambda v: v.strip() or None if isinstance(v, str) else None)
    return out[list(RECORD_COLUMNS)].reset_index(drop=True)


def dataset_kind(columns: Sequence[str], label: str = "the file") -> str:
    """ "ACLED" or "UCDP GED" from a header; :class:`NotAnEventDataset` naming what is missing otherwise."""
    have = {c.strip().lower() for c in columns}
    if have >= set(ACLED_REQUIRED):
        return "ACLED"
    if have >= set(UCDP_REQUIRED):
        return "UCDP GED"
    acled_missing = [c for c in ACLED_REQUIRED if c not in have]
    ucdp_missing = [c for c in UCDP_REQUIRED if c not in have]
    raise NotAnEventDataset(
        f"{label} is neither an ACLED export (missing column(s): {', '.join(acled_missing)}) nor a UCDP GED "
        f"export (missing column(s): {', '.join(ucdp_missing)})"
    )


def parse_dates(values: pd.Series) -> pd.Series:
    """Dates written ISO-style ("2016-10-03", "2016-10-03 00:00:00.000") or ACLED's way ("03 October 2016")."""
    text = values.map(lambda v: v.strip() if isinstance(v, str) else ("" if v is None or v != v else str(v)))
    parsed = pd.to_datetime(text.str.slice(0, 10), format="%Y-%m-%d", errors="coerce")
    for fmt in ("%d %B %Y", "%d %b %Y", "%d-%B-%Y", "%d-%b-%Y", "%B %d, %Y", "%d/%m/%Y"):
        missing = parsed.isna() & (text != "")
        if not missing.any():
            break
        parsed = parsed.fillna(pd.to_datetime(text.where(missing), format=fmt, errors="coerce"))
    return parsed.dt.normalize()


def _read_csv(source: str | Path | IO[bytes] | IO[str] | bytes) -> pd.DataFrame:
    if isinstance(source, bytes):
        source = io.BytesIO(source)
    try:
        return pd.read_csv(
            source, dtype=str, keep_default_na=False, na_values=[""], encoding_errors="replace", on_bad_lines="warn"
        )
    except (pd.errors.EmptyDataError, pd.errors.ParserError, csv.Error, UnicodeDecodeError) as exc:
        raise NotAnEventDataset(f"not a readable CSV file ({exc})") from exc
