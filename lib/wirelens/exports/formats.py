"""Exports of what a page shows (CSV, JSON lines, GeoJSON) and of the whole corpus (a zip with a README).

Pure functions from frames to bytes: the dashboard's download buttons, the CLI and a notebook
all use them.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import tempfile
import tomllib
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from wirelens.store.database import EXPORTED, Store
from wirelens.store.files import defuse

__all__ = [
    "column_docs",
    "corpus_readme",
    "corpus_zip",
    "csv_bytes",
    "defuse",
    "geojson_bytes",
    "jsonl_bytes",
    "write_corpus",
]

COLUMNS_PATH = Path(__file__).with_name("columns.toml")


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV that a spreadsheet opens safely: text cells starting like a formula get a leading apostrophe.

    The rule is :func:`defuse` (in the store, whose corpus export applies the same one).
    """
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(defuse)
    return safe.to_csv(index=False).encode("utf-8")


def jsonl_bytes(frame: pd.DataFrame) -> bytes:
    """One JSON object per row; dates as ISO strings, missing values as null."""
    lines = (json.dumps(_json_row(row), ensure_ascii=False) for row in frame.to_dict(orient="records"))
    return "".join(line + "\n" for line in lines).encode("utf-8")


def geojson_bytes(frame: pd.DataFrame, *, lat: str = "lat", lon: str = "lon") -> bytes:
    """A GeoJSON FeatureCollection: one Point per row with a position, the other columns as properties."""
    features = []
    for row in frame.to_dict(orient="records"):
        y, x = _number(row.pop(lat, None)), _number(row.pop(lon, None))
        if y is None or x is None:
            continue  # GeoJSON has no place for a feature without a position
        features.append(
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [x, y]}, "properties": _json_row(row)}
        )
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False).encode("utf-8")


def column_docs() -> dict[str, dict[str, str]]:
    """Each exported table's description (key ``_table``) and its columns' descriptions."""
    with COLUMNS_PATH.open("rb") as fh:
        return tomllib.load(fh)


def corpus_readme(store: Store, fmt: str) -> str:
    """The README of a corpus export: what each file and column holds."""
    docs = column_docs()
    counts = store.row_counts(EXPORTED)
    lines = [
        "# wirelens corpus export",
        "",
        f"Exported {dt.datetime.now():%Y-%m-%d %H:%M} from `{store.path.name}`: {counts['articles']} article(s).",
        "Tables are as the dashboard shows them: the researcher's corrections (listed in `corrections`) are",
        "applied, and dismissed quotes and events are left out.",
        "Offsets count characters of `articles.text` (the cleaned text) from 0, end excluded:",
        "`text[start:end]` is the mention. Place names and coordinates: GeoNames (CC BY 4.0).",
        "",
    ]
    for table in EXPORTED:
        described = docs.get(table, {})
        lines += [
            f"## {table}.{fmt} ({counts[table]} rows)",
            "",
            described.get("_table", ""),
            "",
            "| column | meaning |",
            "|---|---|",
        ]
        lines += [f"| `{name}` | {text} |" for name, text in described.items() if name != "_table"]
        lines.append("")
    return "\n".join(lines)


def write_corpus(store: Store, folder: str | Path, fmt: str = "csv") -> list[Path]:
    """Every table of the corpus into ``folder``, then README.md; returns the files written."""
    files = store.export(folder, fmt)
    readme = Path(folder) / "README.md"
    readme.write_text(corpus_readme(store, fmt), encoding="utf-8")
    return [*files, readme]


def corpus_zip(store: Store, fmt: str = "csv") -> bytes:
    """Every table of the corpus in one zip, with a README of the columns."""
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="wirelens-export-") as folder:
        files = write_corpus(store, folder, fmt)
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in files:
                archive.write(path, f"wirelens-corpus/{path.name}")
    return buffer.getvalue()


def _json_row(row: dict[str, Any]) -> dict[str, Any]:
    return {str(key): _json_value(value) for key, value in row.items()}


def _json_value(value: Any) -> Any:
    if isinstance(value, (list, tuple, np.ndarray)):
        return [_json_value(v) for v in value]
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        return value.date().isoformat() if _midnight(value) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _midnight(value: dt.datetime) -> bool:
    return (value.hour, value.minute, value.second, value.microsecond) == (0, 0, 0, 0)


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None
