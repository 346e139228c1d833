"""Download buttons: each page exports what it shows, built only when a button is clicked."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from wirelens.exports.formats import csv_bytes, geojson_bytes, jsonl_bytes


def download_buttons(
    frame: pd.DataFrame | Callable[[], pd.DataFrame],
    stem: str,
    *,
    key: str,
    geo: bool = False,
    label: str = "Download",
    rows: int | None = None,
) -> None:
    """CSV and JSON-lines buttons (and GeoJSON for frames with lat/lon) for ``frame``, in one row.

    ``frame`` may be a function that loads it, with ``rows`` its length: the rows then leave
    the database only when a button is clicked (a page showing 2,000 of 100,000 quotes still
    exports all of them).
    """
    load = frame if callable(frame) else (lambda: frame)
    count = len(frame) if rows is None and not callable(frame) else (rows or 0)
    formats: list[tuple[str, Callable[[pd.DataFrame], bytes], str, str]] = [
        ("CSV", csv_bytes, "csv", "text/csv"),
        ("JSON lines", jsonl_bytes, "jsonl", "application/jsonl"),
    ]
    if geo:
        formats.append(("GeoJSON", geojson_bytes, "geojson", "application/geo+json"))
    row = st.container(horizontal=True, vertical_alignment="center")
    row.caption(f"{label} ({count:,} row{'s' if count != 1 else ''}):")
    for name, write, suffix, mime in formats:
        # A callable builds the file on click: no page pays for exports nobody asked for.
        row.download_button(
            name,
            lambda write=write: write(load()),
            file_name=f"{stem}.{suffix}",
            mime=mime,
            key=f"{key}_{suffix}",
            on_click="ignore",
            icon=":material/download:",
        )
