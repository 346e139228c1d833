"""Pure builders for the Timeline page and the map's week slider: frames in, plotly figures out."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

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


def timeline_figure(events: pd.DataFrame, articles: pd.DataFrame, *, period: str = "day") -> go.Figure:
    """Three bands sharing one time axis: events stacked by type, reported fatalities, articles by outlet.

    ``events``: period, type, events, fatalities (``Store.event_timeline``); ``articles``: period, source,
    articles (``Store.article_timeline``). Brushing (box select) any band selects a date range.
    """
    fig = make_subplots(
        rows=3,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.06,
        row_heights=[0.4, 0.25, 0.35],
        subplot_titles=(
            f"Events per {period}, by ACLED type (event date)",
            f"Reported fatalities per {period} (event date)",
            f"Articles per {period}, by outlet (publication date)",
        ),
    )
    width = {"day": 86_400_000 * 0.8, "week": 86_400_000 * 6, "month": 86_400_000 * 26}[period]
    if not events.empty:
        known = [t for t in EVENT_COLOURS if t in set(events["type"])]
        others = sorted(set(events["type"]) - set(EVENT_COLOURS))
        for kind in [*known, *others]:
            part = events[events["type"] == kind]
            fig.add_bar(
                x=part["period"],
                y=part["events"],
                name=str(kind),
                legendgroup="events",
                legendgrouptitle_text="Event type",
                width=width,
                row=1,
                col=1,
                marker_color=_rgb(EVENT_COLOURS.get(kind, OTHER_COLOUR)),
                hovertemplate="%{x|%Y-%m-%d}: %{y} event(s)<extra>" + str(kind) + "</extra>",
            )
        tolls = events.groupby("period", as_index=False)["fatalities"].sum()
        fig.add_bar(
            x=tolls["period"],
            y=tolls["fatalities"],
            name="fatalities",
            showlegend=False,
            marker_color="rgb(90,90,90)",
            width=width,
            row=2,
            col=1,
            hovertemplate="%{x|%Y-%m-%d}: %{y} reported killed<extra></extra>",
        )
    if not articles.empty:
        outlets = articles.groupby("source")["articles"].sum().sort_values(ascending=False).index
        for i, outlet in enumerate(outlets):
            part = articles[articles["source"] == outlet]
            fig.add_bar(
                x=part["period"],
                y=part["articles"],
                name=str(outlet),
                legendgroup="outlets",
                legendgrouptitle_text="Outlet",
                width=width,
                row=3,
                col=1,
                marker_color=OUTLET_COLOURS[i % len(OUTLET_COLOURS)],
                hovertemplate="%{x|%Y-%m-%d}: %{y} article(s)<extra>" + str(outlet) + "</extra>",
            )
    fig.update_layout(
        barmode="stack",
        height=640,
        margin={"l": 40, "r": 10, "t": 40, "b": 30},
        dragmode="select",
        selectdirection="h",
        legend={"groupclick": "toggleitem"},
    )
    fig.update_xaxes(type="date", **_axis_span(events, articles, period))
    return fig


_PERIOD_DAYS = {"day": 1, "week": 7, "month": 31}
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


def _axis_span(events: pd.DataFrame, articles: pd.DataFrame, period: str) -> dict[str, object]:
    """The x range: every bar and one period either side; a few days are labelled by day, not by the hour
    plotly would otherwise pick for a lone bar (16:00, 18:00, ...)."""
    starts = pd.to_datetime(pd.concat([frame["period"] for frame in (events, articles) if not frame.empty]))
    if starts.empty:
        return {}
    pad = pd.Timedelta(days=_PERIOD_DAYS[period])
    lo, hi = starts.min() - pad, starts.max() + pad
    out: dict[str, object] = {"range": [lo, hi]}
    if period == "day" and (hi - lo).days <= 14:
        out |= {"dtick": 86_400_000, "tickformat": "%b %d\n%Y"}
    return out


def period_end(start: dt.date, period: str) -> dt.date:
    """The last day of the ``period`` ("day", "week" or "month") that starts on ``start``."""
    if period == "week":
        return start + dt.timedelta(days=6)
    if period == "month":
        return (pd.Timestamp(start) + pd.offsets.MonthEnd(0)).date()
    return start


def brushed_range(selection: object, period: str = "day") -> tuple[dt.date, dt.date] | None:
    """The date range a plotly selection covers: the periods of the bars it took in (a bar is drawn
    centred on its period's start, so a box edge between two bars belongs to neither), else, when it
    took in no bar, its box's own x extent."""
    if not selection:
        return None
    get = selection.get if isinstance(selection, dict) else lambda k, d=None: getattr(selection, k, d)
    starts = [pd.Timestamp(p["x"]).date() for p in (get("points", []) or []) if p.get("x") is not None]
    if starts:
        return min(starts), period_end(max(starts), period)
    xs = [pd.Timestamp(x) for box in get("box", []) or [] for x in (box.get("x") or [])]
    if not xs:
        return None
    return min(xs).ceil("D").date(), max(xs).floor("D").date()
