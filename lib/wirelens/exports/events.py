"""Events across articles: ACLED-compatible export, and grouping the reports of one event.

Plain pandas over the store's ``events`` rows (see :meth:`wirelens.store.database.Store.events`); no model.
Reports of the same event are grouped when they have the same sub-event type, places within
25 km and dates within a day, and come from different articles (one article that reports two
shellings of one city on two days reports two events). Their fatality figures are kept side by side with their
sources ("34 (AFP); 32 (Reuters)"), never averaged: a reader must see that they differ.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from wirelens.exports.formats import defuse
from wirelens.geo.gazetteer import distance_km
from wirelens.store import Filters, Store

ACLED_COLUMNS = (
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "latitude",
    "longitude",
    "fatalities",
    "notes",
    "source",
)
# Ours, after ACLED's: where each row comes from, so a coder can check it.
EXTRA_COLUMNS = ("civilian_targeting", "background", "fatalities_text", "article_id", "start", "end")
GROUP_KM = 25.0
GROUP_DAYS = 1


def to_acled(events: pd.DataFrame) -> pd.DataFrame:
    """Event rows (``Store.events``) in ACLED's column names, then our own provenance columns."""
    if events.empty:
        return pd.DataFrame(columns=[*ACLED_COLUMNS, *EXTRA_COLUMNS])
    source = events["source"].fillna(events["title"]) if "source" in events else events.get("title")
    out = pd.DataFrame(
        {
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
        }
    )
    for column in (
        "event_type",
        "sub_event_type",
        "actor1",
        "actor2",
        "location",
        "notes",
        "source",
        "fatalities_text",
    ):
        out[column] = out[column].map(defuse)
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

    # Plain arrays: the pairwise loop below must not pay pandas' per-cell access (seconds at 10,000 articles).
    day = pd.to_datetime(events["date"]).to_numpy(dtype="datetime64[D]")
    lat = pd.to_numeric(events["lat"], errors="coerce").to_numpy(dtype=float)
    lon = pd.to_numeric(events["lon"], errors="coerce").to_numpy(dtype=float)
    article = events["article_id"].tolist()
    aggregate = events["aggregate"].fillna(False).astype(bool).tolist()
    sub_type = events["sub_type"].astype(str).tolist()
    by_type: dict[str, list[int]] = {}
    for i in range(n):
        if not aggregate[i] and not pd.isna(day[i]) and not (math.isnan(lat[i]) or math.isnan(lon[i])):
            by_type.setdefault(sub_type[i], []).append(i)
    for members in by_type.values():
        members.sort(key=lambda i: day[i])
        for a_pos, a in enumerate(members):
            for b in members[a_pos + 1 :]:
                if (day[b] - day[a]).astype(int) > days:
                    break  # sorted by date: nothing further is close enough
                if article[a] != article[b] and distance_km(lat[a], lon[a], lat[b], lon[b]) <= km:
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
    frame = events.assign(group=group_reports(events), figure=[_figure(row) for row in events.itertuples()])
    grouped = frame.groupby("group", sort=True)
    out = grouped.agg(
        date=("date", "min"),
        type=("type", "first"),
        place=("place", "first"),
        reports=("article_id", "size"),
        articles=("article_id", "nunique"),
    )
    out["sub_type"] = grouped["sub_type"].agg(lambda values: ", ".join(sorted(set(values.dropna()))))
    out["fatalities_reported"] = grouped["figure"].agg(lambda values: "; ".join(dict.fromkeys(v for v in values if v)))
    return out.reset_index()[columns]


def _figure(row: object) -> str:
    """ "34 (AFP)": a report's fatality figure (or its words, "dozens") with its source; "" without one."""
    fatalities, words = row.fatalities, getattr(row, "fatalities_text", None)
    if _missing(fatalities) or pd.isna(fatalities):
        return f"{words!s} ({_source(row)})" if isinstance(words, str) else ""
    return f"{int(fatalities)} ({_source(row)})"


def _source(row: object) -> str:
    source = getattr(row, "source", None)
    return source if isinstance(source, str) and source else (getattr(row, "title", None) or "untitled")


def acled_csv(events: pd.DataFrame, columns: Sequence[str] | None = None) -> str:
    frame = to_acled(events)
    return frame[list(columns)].to_csv(index=False) if columns else frame.to_csv(index=False)


def store_acled_csv(store: Store, filters: Filters = Filters(), **options: object) -> str:
    """The store's filtered single events (no aggregates) as ACLED-compatible CSV text."""
    frame = store.events(filters, aggregates=False, **options)  # type: ignore[arg-type]
    return to_acled(frame).to_csv(index=False)
