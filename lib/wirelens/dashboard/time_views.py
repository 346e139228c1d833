"""Pure builders for the Timeline page and the map's week slider: frames in, Vega-Lite charts out."""

from __future__ import annotations

import datetime as dt
import warnings

import altair as alt
import pandas as pd

from wirelens.dashboard.events_table import EVENT_COLOURS, OTHER_COLOUR

OUTLET_COLOURS = ["#4c78a8", "#72b7b2", "#b279a2", "#9d755d", "#bab0ac", "#54a24b", "#eeca3b", "#ff9da6"]


def week_options(dates: pd.Series) -> list[str]:
    """The Mondays (ISO dates) of the weeks ``dates`` fall in, in order: the map slider's stops."""
    days = pd.to_datetime(dates.dropna())
    if days.empty:
        return []
    mondays = (days - pd.to_timedelta(days.dt.day_of_week, unit="D")).dt.date
    return [d.isoformat() for d in sorted(set(mondays))]


def week_range(monday: str) -> tuple[dt.date, dt.date]:
    start = dt.date.fromisoformat(monday)
    return start, start + dt.timedelta(days=6)


def _rgb(colour: list[int]) -> str:
    return f"rgb({colour[0]},{colour[1]},{colour[2]})"


BRUSH = "brush"  # the interval selection's name: the page reads it back from the chart's state
BAND_PX = {"events": 220, "fatalities": 110, "articles": 170}


def timeline_chart(events: pd.DataFrame, articles: pd.DataFrame, *, period: str = "day") -> dict:
    """The Vega-Lite spec of three bands on one time axis: events stacked by type, reported fatalities, articles by outlet.

    ``events``: period, type, events, fatalities (``Store.event_timeline``); ``articles``: period, source,
    articles (``Store.article_timeline``). Dragging across any band selects a date range (the ``BRUSH``
    interval, read back by :func:`brushed_range`). Vega-Lite, not plotly: a fresh tab evaluated plotly's
    3.5 MB bundle after the page looked ready, and a filter change waited behind it (~1 s on 2 cores).
    Each bar spans its period, start to end, so a brush's edges fall in the periods they touch.
    """
    ends = {"day": pd.Timedelta(days=1), "week": pd.Timedelta(days=7)}
    lo, hi = _axis_span(events, articles, period)
    # Times as epoch ms on a UTC scale: ISO text would be read in the browser's time zone, shifting bars
    # off the days they count and the brush's edges with them.
    domain = [_ms(lo), _ms(hi)] if lo is not None else alt.Undefined
    # Ticks a period apart at least: a corpus of three days got "12 PM" ticks between its day bars.
    x = alt.X(
        "period:T",
        title=None,
        scale=alt.Scale(type="utc", domain=domain),
        axis=alt.Axis(tickMinStep=_PERIOD_DAYS[period] * DAY_MS, format=TICK_FORMAT[period]),
    )
    brush = alt.selection_interval(name=BRUSH, encodings=["x"])

    def spanned(frame: pd.DataFrame) -> pd.DataFrame:
        start = pd.to_datetime(frame["period"])
        end = start + pd.offsets.MonthBegin(1) if period == "month" else start + ends[period]
        return frame.assign(
            period=start.map(_ms), period_end=end.map(_ms), day=start.dt.strftime("%Y-%m-%d").astype(str)
        )

    def band(frame: pd.DataFrame, title: str, y: str, colour: object, tip: list, by: str | None = None) -> alt.Chart:
        """Bars from period start to end, stacked by ``by`` (a ranged bar is not stacked by Vega-Lite itself)."""
        chart = alt.Chart(spanned(frame), title=alt.Title(title, fontSize=13, anchor="start"))
        if by:
            chart = chart.transform_stack(stack=y, groupby=["period"], as_=["low", "high"], sort=[{"field": by}])
        ys = (
            {"y": alt.Y("high:Q", title=None, axis=COUNT_AXIS), "y2": "low:Q"}
            if by
            else {"y": alt.Y(f"{y}:Q", title=None, axis=COUNT_AXIS), "y2": alt.datum(0)}
        )
        return (
            chart.mark_bar()
            .encode(x=x, x2="period_end:T", color=colour, tooltip=tip, **ys)
            .properties(height=BAND_PX[title.split()[0].lower()], width="container")
            .add_params(brush)
        )

    when = alt.Tooltip("day:N", title=period)
    known = [t for t in EVENT_COLOURS if t in set(events.get("type", ()))]
    kinds = [*known, *sorted(set(events.get("type", ())) - set(EVENT_COLOURS))]
    event_colour = alt.Color(
        "type:N",
        title="Event type",
        scale=alt.Scale(domain=kinds, range=[_rgb(EVENT_COLOURS.get(k, OTHER_COLOUR)) for k in kinds]),
        legend=alt.Legend(orient="right", labelLimit=320),
    )
    outlets = list(articles.groupby("source")["articles"].sum().sort_values(ascending=False).index)
    outlet_colour = alt.Color(
        "source:N",
        title="Outlet",
        scale=alt.Scale(domain=outlets, range=[OUTLET_COLOURS[i % len(OUTLET_COLOURS)] for i in range(len(outlets))]),
        legend=alt.Legend(orient="right", labelLimit=320),
    )
    tolls = events.groupby("period", as_index=False)["fatalities"].sum() if not events.empty else events
    bands = [
        band(
            events,
            f"Events per {period}, by ACLED type (event date)",
            "events",
            event_colour,
            [when, "type:N", "events:Q"],
            by="type",
        ),
        band(
            tolls,
            f"Fatalities reported per {period} (event date)",
            "fatalities",
            alt.value("rgb(90,90,90)"),
            [when, alt.Tooltip("fatalities:Q", title="reported killed")],
        ),
        band(
            articles,
            f"Articles per {period}, by outlet (publication date)",
            "articles",
            outlet_colour,
            [when, "source:N", "articles:Q"],
            by="source",
        ),
    ]
    with warnings.catch_warnings():  # one brush over the three bands is what is meant: altair says it merged them
        warnings.filterwarnings("ignore", "Automatically deduplicated selection parameter")
        chart = (
            alt.vconcat(*bands, spacing=14).resolve_scale(color="independent", x="shared").configure_view(stroke=None)
        )
        return chart.to_dict()  # validated and merged here, inside the filter


def _ms(day: pd.Timestamp) -> float:
    return day.timestamp() * 1000


_PERIOD_DAYS = {"day": 1, "week": 7, "month": 31}
DAY_MS = 86_400_000
TICK_FORMAT = {"day": "%d %b %Y", "week": "%d %b %Y", "month": "%b %Y"}  # UTC dates, never clock times
COUNT_AXIS = alt.Axis(tickMinStep=1, format="d")  # every band counts whole things: no "2.5 events"
PERIODS = tuple(_PERIOD_DAYS)
# Bars a ~1,300 px chart shows apart (a day bar over two years is under 2 px), and what the browser draws
# in time: each bar is an SVG path, and 730 day bars held Chromium busy for ~1 s after every rerun.
MAX_BARS = 150


def auto_period(first: dt.date | None, last: dt.date | None) -> str:
    """The finest period ("day", "week", "month") that spans ``first``..``last`` in at most MAX_BARS bars."""
    if first is None or last is None:
        return "day"
    days = abs((last - first).days) + 1
    return next((p for p in PERIODS if days / _PERIOD_DAYS[p] <= MAX_BARS), "month")


def _axis_span(
    events: pd.DataFrame, articles: pd.DataFrame, period: str
) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
    """The x range: every bar and one period either side."""
    frames = [frame["period"] for frame in (events, articles) if not frame.empty]
    if not frames:
        return None, None
    starts = pd.to_datetime(pd.concat(frames))
    pad = pd.Timedelta(days=_PERIOD_DAYS[period])
    return starts.min() - pad, starts.max() + 2 * pad


def with_empty_periods(counts: pd.DataFrame, by: str, value: str, period: str = "week") -> pd.DataFrame:
    """``counts`` (period, ``by``, ``value``) with a zero row for every period from the first to the last
    that a ``by`` group has none in: a line chart otherwise joins the counts either side of a gap, and a
    month with no article read as a steady one a week (Wikinews 2019-20's coverage chart, Dec 2020 - Mar 2021)."""
    if counts.empty:
        return counts
    starts = pd.to_datetime(counts["period"])
    freq = {"day": "D", "week": "W-MON", "month": "MS"}[period]
    summed = counts.assign(period=starts).groupby(["period", by])[value].sum()
    every = pd.date_range(starts.min(), starts.max(), freq=freq)
    if len(every) > MAX_FILLED_PERIODS:  # a store spanning centuries (a year-9999 date): a zero either side of a gap
        return _gap_edges(summed, by, value, pd.tseries.frequencies.to_offset(freq), starts.min(), starts.max())
    full = pd.MultiIndex.from_product([every, sorted(counts[by].unique())], names=["period", by])
    return summed.reindex(full, fill_value=0).reset_index()


MAX_FILLED_PERIODS = 5_000  # past this, zero rows only where a gap opens and closes: the line drops all the same


def _gap_edges(summed: pd.Series, by: str, value: str, step: object, first: object, last: object) -> pd.DataFrame:
    """``summed`` (indexed by period and ``by``) with a zero row in the period after and before each count
    that has none: at most three rows per count, however long the span."""
    have = set(summed.index)
    zeros = {
        (near, group)
        for day, group in have
        for near in (day - step, day + step)  # type: ignore[operator]
        if first <= near <= last and (near, group) not in have  # type: ignore[operator]
    }
    extra = pd.Series(0, index=pd.MultiIndex.from_tuples(sorted(zeros), names=["period", by]), dtype=summed.dtype)
    return pd.concat([summed, extra] if zeros else [summed]).sort_index().rename(value).reset_index()


def period_end(start: dt.date, period: str) -> dt.date:
    """The last day of the ``period`` ("day", "week" or "month") that starts on ``start``."""
    if period == "week":
        return start + dt.timedelta(days=6)
    if period == "month":
        return (pd.Timestamp(start) + pd.offsets.MonthEnd(0)).date()
    return start


def brushed_range(selection: object, period: str = "day") -> tuple[dt.date, dt.date] | None:
    """The date range a brush covers, as whole periods: from the period its left edge falls in to the end of
    the period its right edge falls in (a bar spans its period, so the bars it touches). ``selection`` is the
    chart's selection state: ``{BRUSH: {"period": [left, right]}}``, edges in epoch ms or ISO text."""
    get = selection.get if isinstance(selection, dict) else lambda k, d=None: getattr(selection, k, d)
    picked = get(BRUSH, None) if selection else None
    edges = (picked or {}).get("period") if isinstance(picked, dict) else None
    if not edges or len(edges) != 2:
        return None
    lo, hi = sorted(pd.Timestamp(e, unit="ms") if isinstance(e, (int, float)) else pd.Timestamp(e) for e in edges)
    hi = (
        hi - pd.Timedelta(milliseconds=1) if hi > lo and hi == hi.normalize() else hi
    )  # an edge on midnight ends the day before
    return period_start(lo.date(), period), period_end(period_start(hi.date(), period), period)


def period_start(day: dt.date, period: str) -> dt.date:
    """The first day of the ``period`` ("day", "week" from Monday, "month") that ``day`` falls in."""
    if period == "week":
        return day - dt.timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    return day
