"""Matching the news against a record of what happened: which recorded events the corpus reported.

A recorded event (a row of :func:`wirelens.coverage.datasets.read_event_dataset`) and a news event (a
row of :meth:`wirelens.store.database.Store.events`; aggregates and undated events are left out) are
**candidates** for each other when all of these hold (:class:`MatchSettings`):

- dates: the news event's date is within ``days`` of the record's (of its span, for UCDP's
  ``date_start``..``date_end``);
- type: ``types="same"``: the same ACLED event type (a UCDP record: one of :data:`UCDP_COMPATIBLE`'s
  types for its type of violence); ``types="any"``: any type;
- place, any of:

  - near: both have coordinates and are within the news event's radius: ``km`` for a village, town or
    city; with ``levels=True``, ``district_km`` for an event the extraction could place only at a
    district and ``region_km`` only at a region (governorate, province: ACLED codes those at the seat);
  - a shared name (``names=True``): the news event's place name is one of the record's location,
    admin1-admin3 (compared by :func:`name_key`), or, with ``levels=True``, its country (a country's
    event contains every record in that country; its point says nothing, so it is never "near");
  - its text (``context=True`` and the articles' texts given): one of the record's names (country
    included) is written, capitalised, in the news event's own sentence (its place may be wrong: the
    sentence may name the record's place too), or anywhere in its article when it has no place at all.

  A record without coordinates can thus still be matched by its names; one without coordinates or
  names is never matched.

Candidate pairs come from an index, never from all pairs: news events are bucketed by
(day, latitude cell, longitude cell), cells a radius wide, one pass per radius; each record looks only in
the buckets its date window and radius reach; names (own and from the texts) go through a
(day, name) index.

The assignment is **one-to-one and optimal**, not greedy: as many pairs as possible, and among those
the least total cost. A pair costs ``days apart / (days + 1)`` plus its cheapest place agreement,
so that a precise one beats a vague one: near, ``distance / radius`` plus :data:`LEVEL_COST` of the
level (0 for a city, 0.25 a district, 0.5 a region); a shared name 1 (1.25 the country); a name in
the text 1.5 (1.75 admin1, 2 the country; 0.5 more for an event placed elsewhere). Then 0.25 if both
have a sub-event type and they differ, 0.25 if both give a toll and the tolls differ, and 0.5 when
the text around the news event is given but it and the event's place name name neither the record's
location nor its admin3 (among reports of one city and day, the one naming the record's neighbourhood
or village is its report). It is solved with
:func:`scipy.optimize.linear_sum_assignment` on each connected component of the candidate graph
(non-candidates cost more than any full set of candidates, so fewer matches never pays), which is the
same optimum as one assignment over all pairs (:func:`match_all_pairs`, for checking).

Tuned on the dev half of acled-dev (see BENCHMARKS.md, "Coverage: matching against a record").
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from wirelens.coverage.assignment import assign, solve
from wirelens.coverage.datasets import UCDP_COMPATIBLE
from wirelens.coverage.text_names import names_in_texts
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
    km: float = 50.0  # radius around a news event placed at a village, town or city
    types: str = "same"  # "same" (compatible types) or "any"
    names: bool = True  # a shared place name makes a candidate whatever the distance
    levels: bool = True  # the radius follows the level of the news event's place (district, region, country)
    district_km: float = 100.0  # radius around a news event placed only at a district (levels=True)
    region_km: float = 100.0  # ... only at a region, governorate or province (levels=True)
    context: bool = True  # the record's place names in the text around a news event (texts given to match_events)

    def __post_init__(self) -> None:
        if self.days < 0 or not min(self.km, self.district_km, self.region_km) > 0:
            raise ValueError(f"the date window ({self.days} days) must be >= 0 and the radii > 0")
        if self.types not in ("same", "any"):
            raise ValueError(f"types must be 'same' or 'any', not {self.types!r}")

    def describe(self) -> str:
        kind = "same or compatible type" if self.types == "same" else "any type"
        names = ", or the same place name" if self.names else ""
        place = f"{self.km:g} km"
        if self.levels:
            place += (
                f" (a district's event {self.district_km:g} km, a region's {self.region_km:g} km, a country's: in it)"
            )
        context = (
            "; or the record's place names in the event's sentence (no place: its article)" if self.context else ""
        )
        return f"within {self.days} day(s) and {place}{names}{context}; {kind}; one-to-one"


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


# The level of a news event's place (its ``place_type``): the radius and cost that go with it.
LOCAL, DISTRICT, REGION, COUNTRY = range(4)
LEVEL_OF = {"feature": LOCAL, "city": LOCAL, "district": DISTRICT, "region": REGION, "country": COUNTRY}
LEVEL_OF["continent"] = COUNTRY
# Added to distance / radius, so that among candidates a precise agreement beats a vague one.
LEVEL_COST = {LOCAL: 0.0, DISTRICT: 0.25, REGION: 0.5}
# A record's names, in this order; the cost of sharing each with the news event's own place name, or with the
# text around it (see _context_names), where the record's country named there is the weakest link.
RECORD_NAMES = ("location", "admin1", "admin2", "admin3", "country")
OWN_NAME_COST = np.array([1.0, 1.0, 1.0, 1.0, 1.25])
TEXT_NAME_COST = np.array([1.5, 1.75, 1.5, 1.5, 2.0])
OWN, TEXT, TEXT_PLACED = 0, 1, 2  # where a news event's name comes from
PLACED_TEXT_COST = 0.5  # added for an event the extraction placed elsewhere: its own place speaks against
UNNAMED_PENALTY = 0.5  # see _unnamed


@dataclass
class _Side:
    day0: np.ndarray  # int days since 1970 (float, NaN when undated)
    day1: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    type: np.ndarray  # object
    sub_type: np.ndarray  # int codes shared by both sides, -1 for none
    toll: np.ndarray  # fatalities, NaN when not given


@dataclass
class _Records(_Side):
    names: np.ndarray  # (rows, len(RECORD_NAMES)) int codes of place names shared by both sides, -1 for none


@dataclass
class _Names:
    """Names of news events, one row each: news index, name code, and where the name comes from."""

    n: np.ndarray
    code: np.ndarray
    source: np.ndarray  # OWN, TEXT or TEXT_PLACED
    vocabulary: int  # codes are below this

    def __post_init__(self) -> None:
        keys = pd.Index(self.n * self.vocabulary + self.code)
        first = ~keys.duplicated()  # of a name found twice, the one added first (its own place's, the cheaper)
        self._keys, self._source = keys[first], self.source[first]

    @classmethod
    def of(cls, rows: list[tuple[int, int, int]], vocabulary: int) -> _Names:
        table = np.array(rows, dtype=np.int64).reshape(-1, 3)
        return cls(table[:, 0], table[:, 1], table[:, 2], max(vocabulary, 1))

    def source_of(self, ni: np.ndarray, codes: np.ndarray) -> np.ndarray:
        """Where news event ni has name code codes from (-1: it has not)."""
        at = self._keys.get_indexer(ni * self.vocabulary + codes)
        return np.where((at >= 0) & (codes >= 0), self._source[np.maximum(at, 0)] if len(self._source) else -1, -1)


@dataclass
class _News(_Side):
    radius: np.ndarray  # km around the point within which a record is near; NaN: no point to be near to
    offset: np.ndarray  # the level's cost, added to distance / radius
    names: _Names  # its place's name, and record names the text around it holds (see _context_names)
    has_text: np.ndarray  # bool: the text around it was given


def _days(values: pd.Series) -> np.ndarray:
    stamps = pd.to_datetime(values, errors="coerce")
    out = stamps.to_numpy(dtype="datetime64[D]").astype("int64").astype(float)
    out[stamps.isna().to_numpy()] = np.nan
    return out


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    return frame[name] if name in frame.columns else pd.Series([None] * len(frame), index=frame.index, dtype=object)


def _sides(
    records: pd.DataFrame, news: pd.DataFrame, settings: MatchSettings, texts: Mapping[str, str] | None = None
) -> tuple[_Records, _News]:
    """Both sides as arrays, their place names and sub-types coded over one shared vocabulary."""
    vocabulary: dict[str, int] = {}
    keys: dict[object, str | None] = {}

    def key(value: object) -> str | None:  # name_key, once per distinct name
        if value not in keys:
            keys[value] = name_key(value)
        return keys[value]

    def code(value: object) -> int:
        return vocabulary.setdefault(value, len(vocabulary)) if isinstance(value, str) and value else -1

    rec_names = np.full((len(records), len(RECORD_NAMES)), -1, dtype=np.int64)
    for j, column in enumerate(RECORD_NAMES):
        if settings.levels or column != "country":  # a country contains its records only when levels count
            rec_names[:, j] = [code("@" + k) if (k := key(v)) else -1 for v in _column(records, column)]
    rec = _Records(
        _days(records["date"]),
        _days(records["date_end"]),
        _float(records["lat"]),
        _float(records["lon"]),
        records["type"].to_numpy(dtype=object),
        np.array([code(v) for v in records["sub_type"]], dtype=np.int64),
        _float(records["fatalities"]),
        rec_names,
    )
    lat, lon = _float(_column(news, "lat")), _float(_column(news, "lon"))
    level = np.array([LEVEL_OF.get(t, LOCAL) for t in _column(news, "place_type")], dtype=np.int64)
    radius = np.full(len(news), float(settings.km))
    offset = np.zeros(len(news))
    if settings.levels:
        radius[level == DISTRICT], offset[level == DISTRICT] = settings.district_km, LEVEL_COST[DISTRICT]
        radius[level == REGION], offset[level == REGION] = settings.region_km, LEVEL_COST[REGION]
        radius[level == COUNTRY] = np.nan  # a country's point says nothing: its name, the record's country, does
    radius[np.isnan(lat) | np.isnan(lon)] = np.nan
    names: list[tuple[int, int, int]] = []
    if settings.names:
        names += [(i, code("@" + k), OWN) for i, p in enumerate(_column(news, "place")) if (k := key(p))]
    has_text = np.zeros(len(news), dtype=bool)
    if settings.context and texts:
        record_codes = set(rec_names.ravel().tolist())
        known = {k[1:]: c for k, c in vocabulary.items() if c in record_codes}
        placed = [key(p) is not None for p in _column(news, "place")]
        around, has_text = _context_names(news, texts, set(known), placed)
        names += [(i, known[k], source) for i, k, source in around]
    day = _days(news["date"]) if len(news) else np.zeros(0)
    other = _News(
        day,
        day,
        lat,
        lon,
        _column(news, "type").to_numpy(dtype=object),
        np.array([code(v) for v in _column(news, "sub_type")], dtype=np.int64),
        _float(_column(news, "fatalities")),
        radius,
        offset,
        _Names.of(names, len(vocabulary)),
        has_text,
    )
    return rec, other


def _context_names(
    news: pd.DataFrame, texts: Mapping[str, str], names: set[str], placed: Sequence[bool]
) -> tuple[list[tuple[int, str, int]], np.ndarray]:
    """The record names in the text around each news event, as (news index, name key, TEXT or TEXT_PLACED):
    its whole article when it has no place (any place the article names may be its place); its own sentence
    when it has one (the extraction may have put it at another place the sentence names). And whether each
    has such a text."""
    articles = news["article_id"].to_numpy(dtype=object)
    where: list[object] = []
    for i, (start, end) in enumerate(zip(_column(news, "sent_start"), _column(news, "sent_end"))):
        if not placed[i]:
            where.append(articles[i])
        elif pd.notna(start) and pd.notna(end):
            where.append((articles[i], int(start), int(end)))
        else:
            where.append(None)
    pieces: dict[object, str] = {}
    for piece in set(where) - {None}:
        text = texts.get(piece[0] if isinstance(piece, tuple) else piece)  # type: ignore[index]
        if isinstance(text, str):
            pieces[piece] = text[piece[1] : piece[2]] if isinstance(piece, tuple) else text
    found = names_in_texts(pieces, names)
    around = [(i, k, TEXT_PLACED if placed[i] else TEXT) for i, piece in enumerate(where) for k in found.get(piece, ())]
    return around, np.array([piece in pieces for piece in where], dtype=bool)


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


def _name_cost(rec: _Records, news: _News, ri: np.ndarray, ni: np.ndarray) -> np.ndarray:
    """The cheapest of the record's names the news event shares (its place's, or its article's), NaN: none."""
    best = np.full(len(ri), np.inf)
    if len(news.names.n):
        for j in range(len(RECORD_NAMES)):
            source = news.names.source_of(ni, rec.names[ri, j])
            cost = np.where(source == OWN, OWN_NAME_COST[j], np.where(source == TEXT, TEXT_NAME_COST[j], np.inf))
            cost = np.where(source == TEXT_PLACED, TEXT_NAME_COST[j] + PLACED_TEXT_COST, cost)
            best = np.minimum(best, cost)
    return np.where(np.isinf(best), np.nan, best)


def _unnamed(rec: _Records, news: _News, ri: np.ndarray, ni: np.ndarray) -> np.ndarray:
    """Whether the text around the news event (given) and its place name name neither the record's location
    nor its admin3: among the reports of one city and day, the one naming the record's neighbourhood or
    village ranks first."""
    named = np.zeros(len(ri), dtype=bool)
    has_local = np.zeros(len(ri), dtype=bool)
    for j in (RECORD_NAMES.index("location"), RECORD_NAMES.index("admin3")):
        codes = rec.names[ri, j]
        has_local |= codes >= 0
        named |= news.names.source_of(ni, codes) >= 0
    return news.has_text[ni] & has_local & ~named


def pair_costs(rec: _Records, news: _News, ri: np.ndarray, ni: np.ndarray, settings: MatchSettings) -> np.ndarray:
    """The cost of each pair (rec[ri], news[ni]); NaN where the two are not candidates."""
    day = news.day0[ni]
    gap = np.maximum(np.maximum(rec.day0[ri] - day, day - rec.day1[ri]), 0)
    dist = haversine_km(rec.lat[ri], rec.lon[ri], news.lat[ni], news.lon[ni])
    radius = news.radius[ni]
    near = dist <= radius  # NaN (no coordinates, or a country's) is never near
    place = np.fmin(np.where(near, news.offset[ni] + dist / radius, np.nan), _name_cost(rec, news, ri, ni))
    ok = (gap <= settings.days) & ~np.isnan(place) & _type_ok(rec.type[ri], news.type[ni], settings)
    rs, ns = rec.sub_type[ri], news.sub_type[ni]
    differ = (rs >= 0) & (ns >= 0) & (rs != ns)
    # Two tolls that disagree: among reports of one place and day (ACLED often records several), the one
    # printing the record's toll is its report.
    tolls_differ = (rec.toll[ri] != news.toll[ni]) & ~np.isnan(rec.toll[ri]) & ~np.isnan(news.toll[ni])
    cost = (
        gap / (settings.days + 1)
        + place
        + SUB_TYPE_PENALTY * differ
        + TOLL_PENALTY * tolls_differ
        + UNNAMED_PENALTY * _unnamed(rec, news, ri, ni)
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


def _near_pairs(rec: _Records, news: _News, nidx: np.ndarray, km: float, days: int) -> pd.DataFrame:
    """(r, n) pairs of records and the news events nidx (all with radius km) in neighbouring cells and days."""
    cell = max(km / KM_PER_DEGREE, 1e-3)  # degrees; a point within km is at most one cell away in latitude
    lon_cells = int(math.ceil(360 / cell))
    buckets = pd.DataFrame(
        {
            "n": nidx,
            "day": news.day0[nidx].astype(np.int64),
            "y": np.floor((news.lat[nidx] + 90) / cell).astype(np.int64),
            "x": np.floor((news.lon[nidx] + 180) / cell).astype(np.int64) % lon_cells,
        }
    )
    ridx = np.flatnonzero(~np.isnan(rec.day0) & ~np.isnan(rec.lat) & ~np.isnan(rec.lon))
    lat = rec.lat[ridx]
    # Longitude cells to look through: wider towards the poles, where a degree of longitude is shorter.
    reach = np.minimum(np.abs(lat) + cell + km / KM_PER_DEGREE, 89.9)
    span = np.ceil(km / (KM_PER_DEGREE * np.cos(np.radians(reach))) / cell).astype(np.int64)
    rows, day = _spread(
        np.arange(len(ridx)), (rec.day0[ridx] - days).astype(np.int64), (rec.day1[ridx] + days).astype(np.int64)
    )
    y0 = np.floor((lat + 90) / cell).astype(np.int64)
    rows, y = _spread(rows, y0[rows] - 1, y0[rows] + 1)
    day = np.repeat(day, 3)
    x0 = np.floor((rec.lon[ridx] + 180) / cell).astype(np.int64)
    rows2, x = _spread(np.arange(len(rows)), x0[rows] - span[rows], x0[rows] + span[rows])
    probe = pd.DataFrame({"r": ridx[rows[rows2]], "day": day[rows2], "y": y[rows2], "x": x % lon_cells})
    return probe.merge(buckets, on=["day", "y", "x"])[["r", "n"]]


def _name_pairs(rec: _Records, news: _News, days: int) -> pd.DataFrame:
    """(r, n) pairs of a record and a news event within the date window that share a place name."""
    names = news.names
    dated = ~np.isnan(news.day0[names.n])
    by_name = pd.DataFrame(
        {"n": names.n[dated], "day": news.day0[names.n[dated]].astype(np.int64), "name": names.code[dated]}
    )
    r_rows, r_col = np.nonzero((rec.names >= 0) & ~np.isnan(rec.day0)[:, None])
    rows, day = _spread(
        np.arange(len(r_rows)), (rec.day0[r_rows] - days).astype(np.int64), (rec.day1[r_rows] + days).astype(np.int64)
    )
    probe = pd.DataFrame({"r": r_rows[rows], "day": day, "name": rec.names[r_rows, r_col][rows]})
    return probe.merge(by_name, on=["day", "name"])[["r", "n"]]


def candidate_pairs(rec: _Records, news: _News, settings: MatchSettings) -> tuple[np.ndarray, np.ndarray]:
    """Record and news indices of the pairs the index puts side by side (a superset of the candidates):
    one spatial pass per radius (a level's), one pass over shared names."""
    found: list[pd.DataFrame] = []
    located = ~np.isnan(news.day0) & ~np.isnan(news.radius)
    for km in np.unique(news.radius[located]):
        found.append(_near_pairs(rec, news, np.flatnonzero(located & (news.radius == km)), float(km), settings.days))
    if len(news.names.n):
        found.append(_name_pairs(rec, news, settings.days))
    if not found:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    pairs = pd.concat(found, ignore_index=True).drop_duplicates()
    return pairs["r"].to_numpy(dtype=np.int64), pairs["n"].to_numpy(dtype=np.int64)


def _prepare(
    records: pd.DataFrame, events: pd.DataFrame, settings: MatchSettings, texts: Mapping[str, str] | None
) -> tuple[pd.DataFrame, pd.DataFrame, tuple[_Records, _News]]:
    news = news_events(events)
    records = records.reset_index(drop=True)
    return records, news, _sides(records, news, settings, texts)


def match_events(
    records: pd.DataFrame,
    events: pd.DataFrame,
    settings: MatchSettings = MatchSettings(),
    texts: Mapping[str, str] | None = None,
) -> MatchResult:
    """Match recorded events to the corpus's news events, one to one (see the module's docstring).
    ``texts``: article id -> cleaned text, for placing the news events that have no place (``settings.context``)."""
    records, news, (rec_side, news_side) = _prepare(records, events, settings, texts)
    ri, ni = candidate_pairs(rec_side, news_side, settings)
    cost = pair_costs(rec_side, news_side, ri, ni, settings)
    keep = ~np.isnan(cost)
    ri, ni, cost = ri[keep], ni[keep], cost[keep]
    picked = assign(ri, ni, cost, len(records), len(news))
    return _result(records, news, settings, (rec_side, news_side), ri, ni, cost, picked)


def match_all_pairs(
    records: pd.DataFrame,
    events: pd.DataFrame,
    settings: MatchSettings = MatchSettings(),
    texts: Mapping[str, str] | None = None,
) -> MatchResult:
    """The same matching, as one assignment over every pair: slow (quadratic), for checking the index."""
    records, news, sides = _prepare(records, events, settings, texts)
    rec_side, news_side = sides
    ri, ni = (g.ravel() for g in np.meshgrid(np.arange(len(records)), np.arange(len(news)), indexing="ij"))
    cost = pair_costs(rec_side, news_side, ri, ni, settings)
    matrix = cost.reshape(len(records), len(news))
    keep = ~np.isnan(cost)
    if not keep.any():
        return _result(records, news, settings, sides, ri[:0], ni[:0], cost[:0], np.zeros(0, dtype=np.int64))
    a, b = solve(matrix)
    flat = a * len(news) + b
    picked = np.searchsorted(np.flatnonzero(keep), flat)
    return _result(records, news, settings, sides, ri[keep], ni[keep], cost[keep], picked)


def _result(
    records: pd.DataFrame,
    news: pd.DataFrame,
    settings: MatchSettings,
    sides: tuple[_Records, _News],
    ri: np.ndarray,
    ni: np.ndarray,
    cost: np.ndarray,
    picked: np.ndarray,
) -> MatchResult:
    rec_side, news_side = sides
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
