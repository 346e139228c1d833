"""Events across articles: ACLED-compatible export, and grouping the reports of one event.

Plain pandas over the store's ``events`` rows (see :meth:`wirelens.store.Store.events`); no model.
Reports of the same event are grouped when they have the same sub-event type, places within
25 km and dates within a day, and come from different articles (one article that reports two
shellings of one city on two days reports two events). Their fatality figures are kept side by side with their
sources ("34 (AFP); 32 (Reuters)"), never averaged: a reader must see that they differ.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from wirelens.gazetteer import distance_km

ACLED_COLUMNS = ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "location", "latitude",
                 "longitude", "fatalities", "notes", "source")
# Ours, after ACLED's: where each row comes from, so a coder can check it.
EXTRA_COLUMNS = ("civilian_targeting", "fatalities_text", "article_id", "start", "end")
GROUP_KM = 25.0
GROUP_DAYS = 1
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value: object) -> object:
    """Text a spreadsheet would run as a formula ("=cmd|...") gets a leading apostrophe."""
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def to_acled(events: pd.DataFrame) -> pd.DataFrame:
    """Event rows (``Store.events``) in ACLED's column names, then our own provenance columns."""
    if events.empty:
        return pd.DataFrame(columns=[*ACLED_COLUMNS, *EXTRA_COLUMNS])
    source = events["source"].fillna(events["title"]) if "source" in events else events.get("title")
    out = pd.DataFrame({
        "event_date": ["" if pd.isna(d) else pd.Timestamp(d).date().isoformat() for d in events["date"]],
        "event_type": events["type"],
        "sub_event_type": events["sub_type"],
        "actor1": events["actor1"],
        "actor2": events["actor2"],
        "location": events["place"],
        "latitude": events["lat"],
        "longitude": events["lon"],
        "fatalities": events["fatalities"].astype("Int64"),  # blank when unknown, not 0
        "notes": [" ".join(str(s).split()) for s in events["sentence"]],
        "source": source,
        "civilian_targeting": events["civilian_targeting"],
        "fatalities_text": events["fatalities_text"],
        "article_id": events["article_id"],
        "start": events["start"],
        "end": events["end"],
    })
    for column in ("event_type", "sub_event_type", "actor1", "actor2", "location", "notes", "source", "fatalities_text"):
        out[column] = out[column].map(_safe)
    return out


def group_reports(events: pd.DataFrame, km: float = GROUP_KM, days: int = GROUP_DAYS) -> pd.Series:
    """A group number per event row: same sub-event type, places within ``km``, dates within ``days``,
    different articles.

    Single-linkage within each event type (a chain of close reports is one group); aggregates and
    events with no date or no place are each a group of their own.
    """
    n = len(events)
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    rows = events.reset_index(drop=True)
    usable = [
        i for i in range(n)
        if not bool(rows.at[i, "aggregate"]) and not pd.isna(rows.at[i, "date"])
        and not _missing(rows.at[i, "lat"]) and not _missing(rows.at[i, "lon"])
    ]
    by_type: dict[str, list[int]] = {}
    for i in usable:
        by_type.setdefault(str(rows.at[i, "sub_type"]), []).append(i)
    for members in by_type.values():
        members.sort(key=lambda i: pd.Timestamp(rows.at[i, "date"]))
        for a_pos, a in enumerate(members):
            day_a = pd.Timestamp(rows.at[a, "date"])
            for b in members[a_pos + 1:]:
                if (pd.Timestamp(rows.at[b, "date"]) - day_a).days > days:
                    break  # sorted by date: nothing further is close enough
                if rows.at[a, "article_id"] == rows.at[b, "article_id"]:
                    continue
                if distance_km(rows.at[a, "lat"], rows.at[a, "lon"], rows.at[b, "lat"], rows.at[b, "lon"]) <= km:
                    parent[find(b)] = find(a)
    roots: dict[int, int] = {}
    labels = [roots.setdefault(find(i), len(roots)) for i in range(n)]
    return pd.Series(labels, index=events.index, name="group")


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def grouped_events(events: pd.DataFrame) -> pd.DataFrame:
    """One row per group of reports: first date, type, place, the reports, and every fatality figure with its source."""
    columns = ["group", "date", "type", "sub_type", "place", "reports", "articles", "fatalities_reported"]
    if events.empty:
        return pd.DataFrame(columns=columns)
    events = events[~events["aggregate"].fillna(False).astype(bool)]
    if events.empty:
        return pd.DataFrame(columns=columns)
    frame = events.assign(group=group_reports(events))
    out = []
    for group, rows in frame.groupby("group", sort=True):
        figures = _figures(rows)
        out.append({
            "group": int(group), "date": rows["date"].min(), "type": rows["type"].iloc[0],
            "sub_type": ", ".join(sorted(set(rows["sub_type"].dropna()))),
            "place": rows["place"].dropna().iloc[0] if rows["place"].notna().any() else None,
            "reports": len(rows), "articles": rows["article_id"].nunique(), "fatalities_reported": figures,
        })
    return pd.DataFrame(out, columns=columns)


def _figures(rows: pd.DataFrame) -> str:
    """ "34 (AFP); 32 (Reuters)": each distinct figure with the sources that gave it."""
    parts: list[str] = []
    for row in rows.itertuples():
        if _missing(row.fatalities) or pd.isna(row.fatalities):
            if isinstance(row.fatalities_text, str):
                parts.append(f"{row.fatalities_text!s} ({_source(row)})")
            continue
        parts.append(f"{int(row.fatalities)} ({_source(row)})")
    return "; ".join(dict.fromkeys(parts))


def _source(row: object) -> str:
    source = getattr(row, "source", None)
    return source if isinstance(source, str) and source else (getattr(row, "title", None) or "untitled")


def acled_csv(events: pd.DataFrame, columns: Sequence[str] | None = None) -> str:
    frame = to_acled(events)
    return frame[list(columns)].to_csv(index=False) if columns else frame.to_csv(index=False)
