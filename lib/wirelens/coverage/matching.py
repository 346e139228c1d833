"""Matching the news against a record of what happened: which recorded events the corpus reported.

A recorded event (a row of :func:`wirelens.coverage.datasets.read_event_dataset`) and a news event (a
row of :meth:`wirelens.store.database.Store.events`; aggregates and undated events are left out) are
**candidates** for each other when all of these hold (:class:`MatchSettings`):

- dates: the news event's date is within ``days`` of the record's (of its span, for UCDP's
  ``date_start``..``date_end``);
- type: ``types="same"``: the same ACLED event type (a UCDP record: one of :data:`UCDP_COMPATIBLE`'s
  types for its type of violence); ``types="any"``: any type;
- place: both have coordinates and are within ``km`` of each other, or (``names=True``) the news
  event's place name is one of the record's (location, admin1, admin2; compared lower-case,
  accents and punctuation dropped). A record without coordinates can thus still be matched by its
  names; one without coordinates or names is never matched. So is a news event without a place.

Candidate pairs come from an index, never from all pairs: news events are bucketed by
(day, latitude cell, longitude cell), cells ``km`` wide, and each record looks only in the buckets
its date window and radius reach (plus a (day, place name) index for the names).

The assignment is **one-to-one and optimal**, not greedy: as many pairs as possible, and among those
the least total cost, where a pair costs ``days apart / (days + 1)`` + ``distance / km`` (1 for a
match by name only) + 0.25 if both have a sub-event type and they differ + 0.25 if both give a toll and
the tolls differ. It is solved with
:func:`scipy.optimize.linear_sum_assignment` on each connected component of the candidate graph
(non-candidates cost more than any full set of candidates, so fewer matches never pays), which is the
same optimum as one assignment over all pairs (:func:`match_all_pairs`, for checking).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from wirelens.coverage.datasets import UCDP_COMPATIBLE
from wirelens.geo.names import fold
from wirelens.geo.names import name_key as geo_name_key

EARTH_KM = 6371.0088
KM_PER_DEGREE = math.pi * EARTH_KM / 180
SUB_TYPE_PENALTY = 0.25
TOLL_PENALTY = 0.25
TOLL_BANDS = ("0", "1-9", "10-99", "100+", "unknown")


@dataclass(frozen=True)
class MatchSettings:
    days: int = 1  # date window, either side
    km: float = 50.0  # radius
    types: str = "same"  # "same" (compatible types) or "any"
    names: bool = True  # a shared place name makes a candidate whatever the distance

    def __post_init__(self) -> None:
        if self.days < 0 or not self.km > 0:
            raise ValueError(f"the date window ({self.days} days) must be >= 0 and the radius ({self.km} km) > 0")
        if self.types not in ("same", "any"):
            raise ValueError(f"types must be 'same' or 'any', not {self.types!r}")

    def describe(self) -> str:
        kind = "same or compatible type" if self.types == "same" else "any type"
        names = ", or the same place name" if self.names else ""
        return f"within {self.days} day(s) and {self.km:g} km{names}; {kind}; one-to-one"


@dataclass
class MatchResult:
    """Per record: the news event matched, or none. Per news event: the record matched, or none."""

    records: pd.DataFrame
    news: pd.DataFrame
    settings: MatchSettings
    candidates: int = 0  # candidate pairs examined
    pairs: pd.DataFrame = field(default_factory=pd.DataFrame)  # (record, news, cost) of each match

    @property
    def matched(self) -> int:
        return int(self.records["covered"].sum())

    def summary(self) -> dict[str, object]:
        n, m = len(self.records), len(self.news)
        return {
            "records": n,
            "news_events": m,
            "matched": self.matched,
            "candidate_pairs": self.candidates,
            "record_coverage": self.matched / n if n else 0.0,
            "news_matched": self.matched / m if m else 0.0,
            "settings": self.settings.describe(),
        }


# --- the two sides as plain arrays -------------------------------------------------------------------------------


def name_key(value: object) -> str | None:
    """A place name for comparing: "city"/"province" words dropped, then the gazetteer's transliteration key
    (case, accents, apostrophes, particles, doubled letters, a final -eh/-ah), so a record's "Al Hasakeh"
    meets the news event's gazetteer name "Al Ḩasakah"."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = re.sub(r"\b(city|province|governorate|district|town|village|region|state)\b", " ", fold(value))
    return geo_name_key(text) or None


@dataclass
class _Side:
    day0: np.ndarray  # int days since 1970 (float, NaN when undated)
    day1: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    type: np.ndarray  # object
    sub_type: np.ndarray  # int codes shared by both sides, -1 for none
    names: np.ndarray  # (rows, 3) int codes of place names shared by both sides, -1 for none
    toll: np.ndarray  # fatalities, NaN when not given


def _days(values: pd.Series) -> np.ndarray:
    stamps = pd.to_datetime(values, errors="coerce")
    out = stamps.to_numpy(dtype="datetime64[D]").astype("int64").astype(float)
    out[stamps.isna().to_numpy()] = np.nan
    return out


def _sides(records: pd.DataFrame, news: pd.DataFrame) -> tuple[_Side, _Side]:
    """Both sides as arrays, their place names and sub-types coded over one shared vocabulary."""
    vocabulary: dict[str, int] = {}

    def code(value: object) -> int:
        return vocabulary.setdefault(value, len(vocabulary)) if isinstance(value, str) and value else -1

    rec_names = np.full((len(records), 3), -1, dtype=np.int64)
    for i, row in enumerate(zip(records["location"], records["admin1"], records["admin2"])):
        keys = list(dict.fromkeys(k for k in map(name_key, row) if k))
        rec_names[i, : len(keys)] = [code("@" + k) for k in keys]
    news_names = np.full((len(news), 3), -1, dtype=np.int64)
    if len(news):
        news_names[:, 0] = [code("@" + k) if (k := name_key(p)) else -1 for p in news["place"]]
    rec = _Side(
        _days(records["date"]),
        _days(records["date_end"]),
        _float(records["lat"]),
        _float(records["lon"]),
        records["type"].to_numpy(dtype=object),
        np.array([code(v) for v in records["sub_type"]], dtype=np.int64),
        rec_names,
        _float(records["fatalities"]),
    )
    day = _days(news["date"]) if len(news) else np.zeros(0)
    other = _Side(
        day,
        day,
        _float(news["lat"]) if len(news) else np.zeros(0),
        _float(news["lon"]) if len(news) else np.zeros(0),
        news["type"].to_numpy(dtype=object) if len(news) else np.zeros(0, dtype=object),
        np.array([code(v) for v in news["sub_type"]], dtype=np.int64) if len(news) else np.zeros(0, np.int64),
        news_names,
        _float(news["fatalities"]) if len(news) else np.zeros(0),
    )
    return rec, other


def _float(values: pd.Series) -> np.ndarray:
    return pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)


def news_events(events: pd.DataFrame) -> pd.DataFrame:
    """The news events that can be matched: single (not aggregate) events with a date."""
    if events.empty:
        return events.reset_index(drop=True)
    keep = ~events["aggregate"].fillna(False).astype(bool) & events["date"].notna()
    return events[keep].reset_index(drop=True)


# --- the cost of a pair, for index pairs and all pairs alike ----------------------------------------------------------


def haversine_km(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    p1, p2 = np.radians(lat1), np.radians(lat2)
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))


def _type_ok(rec_types: np.ndarray, news_types: np.ndarray, settings: MatchSettings) -> np.ndarray:
    if settings.types == "any":
        return np.ones(len(rec_types), dtype=bool)
    ok = rec_types == news_types
    for ucdp, allowed in UCDP_COMPATIBLE.items():
        is_ucdp = rec_types == ucdp
        if is_ucdp.any():
            ok[is_ucdp] = np.isin(news_types[is_ucdp], list(allowed))
    return ok


def pair_costs(rec: _Side, news: _Side, ri: np.ndarray, ni: np.ndarray, settings: MatchSettings) -> np.ndarray:
    """The cost of each pair (rec[ri], news[ni]); NaN where the two are not candidates."""
    day = news.day0[ni]
    gap = np.maximum(np.maximum(rec.day0[ri] - day, day - rec.day1[ri]), 0)
    dist = haversine_km(rec.lat[ri], rec.lon[ri], news.lat[ni], news.lon[ni])
    near = dist <= settings.km  # NaN (no coordinates) is never near
    if settings.names:
        name = news.names[ni, 0]
        same_name = (name >= 0) & (rec.names[ri] == name[:, None]).any(axis=1)
    else:
        same_name = np.zeros(len(ri), dtype=bool)
    ok = (gap <= settings.days) & (near | same_name) & _type_ok(rec.type[ri], news.type[ni], settings)
    rs, ns = rec.sub_type[ri], news.sub_type[ni]
    differ = (rs >= 0) & (ns >= 0) & (rs != ns)
    # Two tolls that disagree: among reports of one place and day (ACLED often records several), the one
    # printing the record's toll is its report.
    tolls_differ = (rec.toll[ri] != news.toll[ni]) & ~np.isnan(rec.toll[ri]) & ~np.isnan(news.toll[ni])
    cost = (
        gap / (settings.days + 1)
        + np.where(near, dist / settings.km, 1.0)
        + SUB_TYPE_PENALTY * differ
        + TOLL_PENALTY * tolls_differ
    )
    return np.where(ok, cost, np.nan)


# --- the index ----------------------------------------------------------------------------------------------------


def _spread(values: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row i repeated once per integer in [lo[i], hi[i]]: (row index, that integer)."""
    counts = np.maximum(hi - lo + 1, 0).astype(np.int64)
    rows = np.repeat(values, counts)
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    offsets = np.arange(int(counts.sum()), dtype=np.int64) - starts
    return rows, np.repeat(lo, counts).astype(np.int64) + offsets


def candidate_pairs(rec: _Side, news: _Side, settings: MatchSettings) -> tuple[np.ndarray, np.ndarray]:
    """Record and news indices of the pairs the index puts side by side (a superset of the candidates)."""
    found: list[pd.DataFrame] = []
    cell = max(settings.km / KM_PER_DEGREE, 1e-3)  # degrees; a point within km is at most one cell away in latitude
    lon_cells = int(math.ceil(360 / cell))
    n_has = ~np.isnan(news.day0) & ~np.isnan(news.lat) & ~np.isnan(news.lon)
    r_has = ~np.isnan(rec.day0) & ~np.isnan(rec.lat) & ~np.isnan(rec.lon)
    if n_has.any() and r_has.any():
        nidx = np.flatnonzero(n_has)
        buckets = pd.DataFrame(
            {
                "n": nidx,
                "day": news.day0[nidx].astype(np.int64),
                "y": np.floor((news.lat[nidx] + 90) / cell).astype(np.int64),
                "x": np.floor((news.lon[nidx] + 180) / cell).astype(np.int64) % lon_cells,
            }
        )
        ridx = np.flatnonzero(r_has)
        lat = rec.lat[ridx]
        # Longitude cells to look through: wider towards the poles, where a degree of longitude is shorter.
        reach = np.minimum(np.abs(lat) + cell + settings.km / KM_PER_DEGREE, 89.9)
        span = np.ceil(settings.km / (KM_PER_DEGREE * np.cos(np.radians(reach))) / cell).astype(np.int64)
        rows, day = _spread(
            np.arange(len(ridx)),
            (rec.day0[ridx] - settings.days).astype(np.int64),
            (rec.day1[ridx] + settings.days).astype(np.int64),
        )
        y0 = np.floor((lat + 90) / cell).astype(np.int64)
        rows, y = _spread(rows, y0[rows] - 1, y0[rows] + 1)
        day = np.repeat(day, 3)
        x0 = np.floor((rec.lon[ridx] + 180) / cell).astype(np.int64)
        keep_day, keep_y = day, y
        rows2, x = _spread(np.arange(len(rows)), x0[rows] - span[rows], x0[rows] + span[rows])
        probe = pd.DataFrame({"r": ridx[rows[rows2]], "day": keep_day[rows2], "y": keep_y[rows2], "x": x % lon_cells})
        found.append(probe.merge(buckets, on=["day", "y", "x"])[["r", "n"]])
    if settings.names:
        n_named = np.flatnonzero((news.names[:, 0] >= 0) & ~np.isnan(news.day0))
        r_rows, r_col = np.nonzero((rec.names >= 0) & ~np.isnan(rec.day0)[:, None])
        if len(n_named) and len(r_rows):
            by_name = pd.DataFrame(
                {"n": n_named, "day": news.day0[n_named].astype(np.int64), "name": news.names[n_named, 0]}
            )
            rows, day = _spread(
                np.arange(len(r_rows)),
                (rec.day0[r_rows] - settings.days).astype(np.int64),
                (rec.day1[r_rows] + settings.days).astype(np.int64),
            )
            probe = pd.DataFrame({"r": r_rows[rows], "day": day, "name": rec.names[r_rows, r_col][rows]})
            found.append(probe.merge(by_name, on=["day", "name"])[["r", "n"]])
    if not found:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    pairs = pd.concat(found, ignore_index=True).drop_duplicates()
    return pairs["r"].to_numpy(dtype=np.int64), pairs["n"].to_numpy(dtype=np.int64)


# --- the assignment -----------------------------------------------------------------------------------------------


def assign(ri: np.ndarray, ni: np.ndarray, cost: np.ndarray, n_rec: int, n_news: int) -> np.ndarray:
    """One-to-one pairs (rows of indices into ri/ni) of most pairs, then least cost, per connected component."""
    if len(ri) == 0:
        return np.zeros(0, dtype=np.int64)
    graph = coo_matrix((np.ones(len(ri)), (ri, n_rec + ni)), shape=(n_rec + n_news, n_rec + n_news))
    _, label = connected_components(graph, directed=False)
    comp = label[ri]
    order = np.argsort(comp, kind="stable")
    bounds = np.flatnonzero(np.diff(comp[order])) + 1
    chosen: list[np.ndarray] = []
    for block in np.split(order, bounds):
        if len(block) == 1:
            chosen.append(block)
            continue
        rows, r_pos = np.unique(ri[block], return_inverse=True)
        cols, c_pos = np.unique(ni[block], return_inverse=True)
        big = (float(cost[block].max()) + 1.0) * (min(len(rows), len(cols)) + 1)
        matrix = np.full((len(rows), len(cols)), big)
        where = np.full((len(rows), len(cols)), -1, dtype=np.int64)
        matrix[r_pos, c_pos] = cost[block]
        where[r_pos, c_pos] = block
        a, b = linear_sum_assignment(matrix)
        picked = where[a, b]
        chosen.append(picked[picked >= 0])
    return np.concatenate(chosen)


def match_events(records: pd.DataFrame, events: pd.DataFrame, settings: MatchSettings = MatchSettings()) -> MatchResult:
    """Match recorded events to the corpus's news events, one to one (see the module's docstring)."""
    news = news_events(events)
    records = records.reset_index(drop=True)
    rec_side, news_side = _sides(records, news)
    ri, ni = candidate_pairs(rec_side, news_side, settings)
    cost = pair_costs(rec_side, news_side, ri, ni, settings)
    keep = ~np.isnan(cost)
    ri, ni, cost = ri[keep], ni[keep], cost[keep]
    picked = assign(ri, ni, cost, len(records), len(news))
    return _result(records, news, settings, ri, ni, cost, picked)


def match_all_pairs(
    records: pd.DataFrame, events: pd.DataFrame, settings: MatchSettings = MatchSettings()
) -> MatchResult:
    """The same matching, as one assignment over every pair: slow (quadratic), for checking the index."""
    news = news_events(events)
    records = records.reset_index(drop=True)
    rec_side, news_side = _sides(records, news)
    ri, ni = (g.ravel() for g in np.meshgrid(np.arange(len(records)), np.arange(len(news)), indexing="ij"))
    cost = pair_costs(rec_side, news_side, ri, ni, settings)
    matrix = cost.reshape(len(records), len(news))
    keep = ~np.isnan(cost)
    if not keep.any():
        return _result(records, news, settings, ri[:0], ni[:0], cost[:0], np.zeros(0, dtype=np.int64))
    big = (float(np.nanmax(cost)) + 1.0) * (min(matrix.shape) + 1)
    a, b = linear_sum_assignment(np.where(np.isnan(matrix), big, matrix))
    good = ~np.isnan(matrix[a, b])
    flat = a[good] * len(news) + b[good]
    return _result(records, news, settings, ri[keep], ni[keep], cost[keep], np.searchsorted(np.flatnonzero(keep), flat))


def _result(
    records: pd.DataFrame,
    news: pd.DataFrame,
    settings: MatchSettings,
    ri: np.ndarray,
    ni: np.ndarray,
    cost: np.ndarray,
    picked: np.ndarray,
) -> MatchResult:
    rec_side, news_side = _sides(records, news)
    pr, pn = ri[picked], ni[picked]
    dist = haversine_km(rec_side.lat[pr], rec_side.lon[pr], news_side.lat[pn], news_side.lon[pn])
    gap = news_side.day0[pn] - np.clip(news_side.day0[pn], rec_side.day0[pr], rec_side.day1[pr])
    pairs = pd.DataFrame({"record": pr, "news": pn, "cost": cost[picked], "km": dist, "days_apart": gap})

    out = records.reset_index(drop=True).copy()
    out["covered"] = False
    for column in (
        "article_id",
        "title",
        "published",
        "source",
        "news_date",
        "news_type",
        "news_sub_type",
        "news_place",
        "news_fatalities",
        "start",
        "end",
        "sent_start",
        "sent_end",
        "sentence",
        "km",
        "days_apart",
    ):
        out[column] = None
    if len(pairs):
        hit = news.iloc[pn]
        out.loc[pr, "covered"] = True
        for ours, theirs in (
            ("article_id", "article_id"),
            ("title", "title"),
            ("published", "published"),
            ("source", "source"),
            ("news_date", "date"),
            ("news_type", "type"),
            ("news_sub_type", "sub_type"),
            ("news_place", "place"),
            ("news_fatalities", "fatalities"),
            ("start", "start"),
            ("end", "end"),
            ("sent_start", "sent_start"),
            ("sent_end", "sent_end"),
            ("sentence", "sentence"),
        ):
            if theirs in hit:
                out.loc[pr, ours] = hit[theirs].to_numpy()
        out.loc[pr, "km"] = np.round(dist, 1)
        out.loc[pr, "days_apart"] = gap
    # Every article with a candidate event: the other reports of the same event, matched or not.
    articles = news["article_id"].to_numpy(dtype=object) if len(news) else np.zeros(0, dtype=object)
    reporting: dict[int, set[str]] = {}
    for r, n in zip(ri, ni):
        reporting.setdefault(int(r), set()).add(articles[n])
    out["candidate_articles"] = [len(reporting.get(i, ())) for i in range(len(out))]
    out["articles"] = [";".join(sorted(reporting.get(i, ()))) for i in range(len(out))]
    out["toll_band"] = toll_band(out["fatalities"])

    news_out = news.copy()
    news_out["record_id"] = None
    news_out["record_dataset"] = None
    news_out["record_date"] = None
    news_out["record_type"] = None
    news_out["record_location"] = None
    news_out["km"] = None
    news_out["days_apart"] = None
    if len(pairs):
        news_out.loc[pn, "record_id"] = records["record_id"].to_numpy()[pr]
        news_out.loc[pn, "record_dataset"] = records["dataset"].to_numpy()[pr]
        news_out.loc[pn, "record_date"] = records["date"].to_numpy()[pr]
        news_out.loc[pn, "record_type"] = records["type"].to_numpy()[pr]
        news_out.loc[pn, "record_location"] = records["location"].to_numpy()[pr]
        news_out.loc[pn, "km"] = np.round(dist, 1)
        news_out.loc[pn, "days_apart"] = gap
    news_out["matched"] = news_out["record_id"].notna()
    return MatchResult(out, news_out, settings, candidates=len(ri), pairs=pairs)


# --- coverage rates ------------------------------------------------------------------------------------------------


def toll_band(fatalities: pd.Series) -> pd.Series:
    """ "0", "1-9", "10-99", "100+" or "unknown" for each toll."""
    values = pd.to_numeric(fatalities, errors="coerce")
    bands = pd.cut(values, [-0.5, 0.5, 9.5, 99.5, math.inf], labels=list(TOLL_BANDS[:4]))
    return bands.astype(object).where(values.notna(), "unknown")


def coverage_rates(records: pd.DataFrame, by: str | Iterable[str]) -> pd.DataFrame:
    """Records, covered records and the coverage rate per value of ``by`` (e.g. "type", "country", "month")."""
    frame = records.copy()
    if by == "month":
        frame["month"] = pd.to_datetime(frame["date"]).dt.to_period("M").astype(str)
    keys = [by] if isinstance(by, str) else list(by)
    frame[keys] = frame[keys].fillna("unknown")
    out = frame.groupby(keys, sort=True).agg(records=("covered", "size"), covered=("covered", "sum")).reset_index()
    out["covered"] = out["covered"].astype(int)
    out["rate"] = (out["covered"] / out["records"]).round(3)
    if by == "toll_band":
        out["toll_band"] = pd.Categorical(out["toll_band"], TOLL_BANDS, ordered=True)
        out = out.sort_values("toll_band").reset_index(drop=True)
        out["toll_band"] = out["toll_band"].astype(str)
    return out
